import { expect, test } from '@jupyterlab/galata';
import {
  expandAndWaitForKernel,
  HEADER,
  liveMetadata,
  openFixture,
  runCommand,
  savedNotebook
} from './utils';

/**
 * Open the publish fixture and run its code cells in order.
 */
async function openAndRun(
  page: any,
  tmpPath: string,
  name = 'publish.ipynb'
): Promise<void> {
  await openFixture(page, tmpPath, name);
  await expandAndWaitForKernel(page);
  await page.notebook.run();
  await expect(page.locator(`${HEADER} .jp-nbproject-badge`)).toHaveAttribute(
    'data-consecutive',
    'true'
  );
}

test.describe('publishing', () => {
  test('through command arguments writes version, pinned packages and history, and saves', async ({
    page,
    tmpPath
  }) => {
    await openAndRun(page, tmpPath);
    const result = await runCommand(page, 'nbproject:publish', {
      interactive: false,
      note: 'first'
    });
    expect(result).toEqual({ published: true, version: '2', problems: [] });
    const saved = await savedNotebook(page, `${tmpPath}/publish.ipynb`);
    const meta = saved.metadata.nbproject;
    expect(meta.version).toBe('2');
    expect(meta.id).toBe('PuBl00000001');
    expect(meta.kept).toBe('yes');
    expect(meta.pypackage.ipykernel).toMatch(/^\d+\.\d+/);
    const history = saved.metadata.jupyterlab_nbproject.history;
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      version: '2',
      note: 'first',
      consecutive: true
    });
    expect(history[0].code_sha256).toMatch(/^[0-9a-f]{64}$/);
    await expect(
      page.locator(`${HEADER} [data-field="published"]`)
    ).toContainText('Published v2');
    await expect(page.locator('.jp-mod-current.jp-mod-dirty')).toHaveCount(0);
  });

  test('saves an edit made just before publishing', async ({
    page,
    tmpPath
  }) => {
    await openAndRun(page, tmpPath);
    await page.notebook.setCell(
      0,
      'markdown',
      '# Publish me\n\nEdited just before publishing.'
    );
    await runCommand(page, 'nbproject:publish', { interactive: false });
    const saved = await savedNotebook(page, `${tmpPath}/publish.ipynb`);
    expect(saved.cells[0].source).toContain('Edited just before publishing.');
    expect(saved.metadata.nbproject.version).toBe('2');
  });

  test('a failing check blocks publishing unless forced', async ({
    page,
    tmpPath
  }) => {
    await openFixture(page, tmpPath, 'publish-no-title.ipynb');
    const refused = await runCommand(page, 'nbproject:publish', {
      interactive: false
    });
    expect(refused.published).toBe(false);
    expect(refused.problems.join(' ')).toMatch(/No title/);
    expect(
      (await savedNotebook(page, `${tmpPath}/publish-no-title.ipynb`)).metadata
        .nbproject.version
    ).toBe('1');
    const forced = await runCommand(page, 'nbproject:publish', {
      interactive: false,
      force: true,
      version: '1.1'
    });
    expect(forced.published).toBe(true);
    expect(
      (await savedNotebook(page, `${tmpPath}/publish-no-title.ipynb`)).metadata
        .nbproject.version
    ).toBe('1.1');
  });

  test('through the toolbar dialog, with a typed version and note', async ({
    page,
    tmpPath
  }) => {
    await openAndRun(page, tmpPath);
    await page
      .locator(
        '.jp-NotebookPanel:not(.lm-mod-hidden) [data-jp-item-name="nbproject-publish"]'
      )
      .click();
    const dialog = page.locator('.jp-Dialog');
    await expect(dialog.locator('[data-check="title"]')).toHaveAttribute(
      'data-passed',
      'true'
    );
    await expect(dialog.locator('[data-check="consecutive"]')).toHaveAttribute(
      'data-passed',
      'true'
    );
    await expect(dialog.locator('.jp-nbproject-version-input')).toHaveValue(
      '2'
    );
    await dialog.locator('.jp-nbproject-version-input').fill('2.0-beta');
    await dialog
      .locator('.jp-nbproject-note-input')
      .fill('typed in the dialog');
    await dialog.getByRole('button', { name: 'Publish', exact: true }).click();
    await expect(
      page.locator(`${HEADER} [data-field="published"]`)
    ).toContainText('Published v2.0-beta');
    // The header follows the model at once; the save lands just after.
    await expect
      .poll(
        async () =>
          (await savedNotebook(page, `${tmpPath}/publish.ipynb`)).metadata
            .nbproject?.version
      )
      .toBe('2.0-beta');
    const saved = await savedNotebook(page, `${tmpPath}/publish.ipynb`);
    expect(saved.metadata.jupyterlab_nbproject.history[0].note).toBe(
      'typed in the dialog'
    );
    expect(await liveMetadata(page)).toEqual(saved.metadata.nbproject);
  });

  test('the dialog warns when a cell was edited since it ran, even just before opening it', async ({
    page,
    tmpPath
  }) => {
    await openAndRun(page, tmpPath);
    const dialog = page.locator('.jp-Dialog');
    const check = dialog.locator('[data-check="hidden-state"]');
    const publish = page.locator(
      '.jp-NotebookPanel:not(.lm-mod-hidden) [data-jp-item-name="nbproject-publish"]'
    );
    // The toolbar button says what it does, beside its icon.
    await expect(publish).toContainText('Publish');
    await publish.click();
    await expect(check).toHaveAttribute('data-passed', 'true');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    // Edited and not run again, now reading a name no cell defines; the
    // dialog opens at once, before the header's analysis (half a second
    // after the edit) would have read it.
    await page.notebook.setCell(2, 'code', 'value = 41 + offset');
    await publish.click();
    await expect(check).toHaveAttribute('data-passed', 'false');
    await expect(check).toContainText(
      'Cell 3 was edited since it ran: its outputs may not come from its code.'
    );
    await expect(check).toContainText(
      'Cell 3 relies on hidden state (see the header).'
    );
    // A warning: publishing is not blocked.
    await expect(
      dialog.getByRole('button', { name: 'Publish', exact: true })
    ).toBeEnabled();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  test('shows "modified since" once the code changes after publishing', async ({
    page,
    tmpPath
  }) => {
    await openAndRun(page, tmpPath);
    await runCommand(page, 'nbproject:publish', { interactive: false });
    const published = page.locator(`${HEADER} [data-field="published"]`);
    await expect(published).toHaveAttribute('data-modified', 'false');
    await page.notebook.setCell(2, 'code', 'value = 43');
    await page.notebook.runCell(2);
    await expect(published).toHaveAttribute('data-modified', 'true');
    await expect(published).toContainText('modified since v2');
  });
});
