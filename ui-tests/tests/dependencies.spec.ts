import { expect, test } from '@jupyterlab/galata';
import {
  executionCounts,
  expandAndWaitForKernel,
  HEADER,
  liveMetadata,
  openFixture,
  runCommand
} from './utils';

test.describe('live dependencies', () => {
  test('marks a stored version that differs from the kernel as a mismatch, and warns', async ({
    page,
    tmpPath
  }) => {
    await openFixture(page, tmpPath, 'dependencies.ipynb');
    await expandAndWaitForKernel(page);
    const header = page.locator(HEADER);
    const row = header.locator('tr[data-package="ipykernel"]');
    await expect(row).toHaveAttribute('data-status', 'mismatch');
    await expect(row.locator('td').nth(1)).toHaveText('0.0.1');
    await expect(row.locator('td').nth(2)).toHaveText(/^\d+\.\d+/);
    const toast = page.locator('.jp-Notification-Toast-warning');
    await expect(toast).toHaveCount(1);
    await expect(toast).toContainText('ipykernel 0.0.1');
    await expect(header.locator('[data-field="packages"]')).toContainText(
      '1 mismatch'
    );
    // Its tooltip names the packages behind the counts.
    await expect(header.locator('[data-field="packages"]')).toHaveAttribute(
      'title',
      /ipykernel: stored 0\.0\.1, installed \d+\.\d+/
    );
  });

  test('marks a stored package that is not installed as missing', async ({
    page,
    tmpPath
  }) => {
    await openFixture(page, tmpPath, 'dependencies.ipynb');
    await expandAndWaitForKernel(page);
    await expect(
      page.locator(`${HEADER} tr[data-package="not-a-real-package-xyz"]`)
    ).toHaveAttribute('data-status', 'missing');
  });

  test('adds an unstored row when a new cell imports an installed package', async ({
    page,
    tmpPath
  }) => {
    await openFixture(page, tmpPath, 'dependencies.ipynb');
    await expandAndWaitForKernel(page);
    const row = page.locator(`${HEADER} tr[data-package="traitlets"]`);
    await expect(row).toHaveCount(0);
    await page.notebook.setCell(2, 'code', 'import traitlets');
    await page.notebook.runCell(2);
    await expect(row).toHaveAttribute('data-status', 'unstored', {
      timeout: 20000
    });
    await expect(row.locator('td').nth(2)).toHaveText(/^\d+\.\d+/);
  });

  test('adds the row of an import typed into a cell once typing pauses, without running it', async ({
    page,
    tmpPath
  }) => {
    await openFixture(page, tmpPath, 'dependencies.ipynb');
    await expandAndWaitForKernel(page);
    const row = page.locator(`${HEADER} tr[data-package="traitlets"]`);
    await expect(row).toHaveCount(0);
    const counts = await executionCounts(page);
    await page.notebook.setCell(2, 'code', 'import traitlets');
    await expect(row).toHaveAttribute('data-status', 'unstored', {
      timeout: 20000
    });
    // The kernel was asked about it: its installed version shows.
    await expect(row.locator('td').nth(2)).toHaveText(/^\d+\.\d+/);
    // Nothing ran.
    expect(await executionCounts(page)).toEqual(counts);
  });

  test('probes do not change execution counts and do not show as runs', async ({
    page,
    tmpPath
  }) => {
    await openFixture(page, tmpPath, 'dependencies.ipynb');
    await expandAndWaitForKernel(page);
    await page.notebook.runCell(1);
    expect(await executionCounts(page)).toEqual([1, null]);
    await runCommand(page, 'nbproject:refresh');
    await runCommand(page, 'nbproject:refresh');
    await page.notebook.runCell(2);
    // runCell advances, adding an empty cell after the last one.
    expect((await executionCounts(page)).slice(0, 2)).toEqual([1, 2]);
  });

  test('records the live versions into the notebook without saving it', async ({
    page,
    tmpPath
  }) => {
    await openFixture(page, tmpPath, 'dependencies.ipynb');
    await expandAndWaitForKernel(page);
    await page
      .locator('.jp-Notification-Toast-warning')
      .getByText('Record live versions')
      .click();
    const meta = await liveMetadata(page);
    expect(meta.pypackage.ipykernel).toMatch(/^\d+\.\d+/);
    expect(meta.pypackage['not-a-real-package-xyz']).toBe('1.0');
    await expect(
      page.locator(`${HEADER} tr[data-package="ipykernel"]`)
    ).toHaveAttribute('data-status', 'match');
    await expect(page.locator('.jp-mod-current.jp-mod-dirty')).toHaveCount(1);
  });

  test('copies an install command of valid names and versions only, saying how many were left out', async ({
    page,
    tmpPath
  }) => {
    await openFixture(page, tmpPath, 'dependencies.ipynb');
    await expandAndWaitForKernel(page);
    await page.evaluate(() => {
      const model = (window as any).jupyterapp.shell.currentWidget.context
        .model;
      const nbproject = model.getMetadata('nbproject');
      model.setMetadata('nbproject', {
        ...nbproject,
        pypackage: {
          ...nbproject.pypackage,
          "x'; touch pwned #": '1.0',
          numpy: '$(id)',
          rich: '`id`'
        }
      });
    });
    await page
      .locator('.jp-Notification-Toast-warning')
      .getByText('Copy install command')
      .click();
    const toast = page.locator('.jp-Notification-Toast-info');
    await expect(toast).toContainText(
      'Copied: pip install ipykernel==0.0.1 not-a-real-package-xyz==1.0 3 packages were left out: their names or versions are not valid.'
    );
  });

  test('says in words when the notebook has no kernel', async ({
    page,
    tmpPath
  }) => {
    const errors: string[] = [];
    // Ours only: JupyterLab's debugger sometimes rejects its own pending
    // request when the kernel goes ("Canceled future for debug_request").
    page.on('pageerror', error => {
      if (/nbproject/i.test(`${error.message}\n${error.stack ?? ''}`)) {
        errors.push(error.message);
      }
    });
    page.on('console', message => {
      if (message.type() === 'error' && /nbproject/i.test(message.text())) {
        errors.push(message.text());
      }
    });
    await openFixture(page, tmpPath, 'dependencies.ipynb');
    await expandAndWaitForKernel(page);
    await page.evaluate(async () => {
      await (
        window as any
      ).jupyterapp.shell.currentWidget.sessionContext.shutdown();
    });
    const state = page.locator(`${HEADER} .jp-nbproject-kernel-state`);
    await expect(state).toHaveAttribute('data-state', /no-kernel|dead/);
    await expect(state).toContainText(/kernel/i);
    // The one-line header says it too.
    await expect(page.locator(`${HEADER} [data-field="kernel"]`)).toHaveText(
      /no kernel|kernel dead/
    );
    expect(errors).toEqual([]);
  });
});
