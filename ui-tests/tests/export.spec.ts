import { expect, test } from '@jupyterlab/galata';
import { createHash } from 'crypto';
import {
  expandAndWaitForKernel,
  HEADER,
  liveMetadata,
  openFixture,
  runCommand,
  savedNotebook
} from './utils';

/**
 * Read a text file through the contents API, or `null` when there is none.
 */
async function savedText(page: any, filePath: string): Promise<string | null> {
  return page.evaluate(async (p: string) => {
    try {
      const model = await (
        window as any
      ).jupyterapp.serviceManager.contents.get(p, {
        content: true,
        type: 'file',
        format: 'text'
      });
      return model.content;
    } catch {
      return null;
    }
  }, filePath);
}

/**
 * Change the stored package versions in the live model.
 */
async function storeVersions(
  page: any,
  pypackage: Record<string, string>
): Promise<void> {
  await page.evaluate((packages: Record<string, string>) => {
    const model = (window as any).jupyterapp.shell.currentWidget.context.model;
    model.setMetadata('nbproject', {
      ...model.getMetadata('nbproject'),
      pypackage: packages
    });
  }, pypackage);
}

/**
 * Start a command without waiting for it (it shows a dialog); its result is
 * kept in `window.__nbprojectResult`.
 */
async function startCommand(
  page: any,
  id: string,
  args: any = {}
): Promise<void> {
  await page.evaluate(
    ({ id, args }: { id: string; args: any }) => {
      const w = window as any;
      w.__nbprojectResult = w.jupyterapp.commands.execute(id, args);
    },
    { id, args }
  );
}

async function commandResult(page: any): Promise<any> {
  return page.evaluate(() => (window as any).__nbprojectResult);
}

/**
 * The PEP 723 cells of a notebook's JSON.
 */
function pep723Cells(notebook: any): any[] {
  const text = (cell: any) =>
    Array.isArray(cell.source) ? cell.source.join('') : cell.source;
  return notebook.cells.filter(
    (cell: any) =>
      cell.cell_type === 'code' && text(cell).startsWith('# /// script')
  );
}

test.describe('export to requirements.txt', () => {
  test('writes the pinned packages with a header naming the notebook', async ({
    page,
    tmpPath
  }) => {
    await openFixture(page, tmpPath, 'export.ipynb');
    const result = await runCommand(page, 'nbproject:export-requirements', {
      interactive: false
    });
    expect(result).toMatchObject({
      action: 'created',
      path: `${tmpPath}/requirements.txt`
    });
    const text = await savedText(page, `${tmpPath}/requirements.txt`);
    const lines = text!.trim().split('\n');
    expect(lines[0]).toMatch(
      /^# Requirements of notebook ExPo00000001, version 3 \(export\.ipynb\)/
    );
    expect(lines.filter(line => !line.startsWith('#'))).toEqual([
      'numpy==1.26.4',
      'pandas==2.2.2'
    ]);
  });

  test('shows what changes before overwriting; cancel writes nothing, update does not duplicate', async ({
    page,
    tmpPath
  }) => {
    await openFixture(page, tmpPath, 'export.ipynb');
    await runCommand(page, 'nbproject:export-requirements', {
      interactive: false
    });
    const before = await savedText(page, `${tmpPath}/requirements.txt`);
    await storeVersions(page, { numpy: '2.0.0', pandas: '2.2.2' });

    await startCommand(page, 'nbproject:export-requirements');
    const dialog = page.locator('.jp-Dialog');
    await expect(dialog.locator('.jp-nbproject-export-summary')).toContainText(
      '~ numpy: ==1.26.4 -> ==2.0.0'
    );
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect((await commandResult(page)).action).toBe('cancelled');
    expect(await savedText(page, `${tmpPath}/requirements.txt`)).toBe(before);

    await startCommand(page, 'nbproject:export-requirements');
    await expect(dialog.locator('.jp-nbproject-export-summary')).toContainText(
      '= 1 unchanged'
    );
    await dialog.getByRole('button', { name: 'Update' }).click();
    expect((await commandResult(page)).action).toBe('updated');
    const after = (await savedText(page, `${tmpPath}/requirements.txt`))!;
    expect(after.split('\n').filter(line => /^numpy/.test(line))).toEqual([
      'numpy==2.0.0'
    ]);
    expect(after.split('\n').filter(line => /^pandas/.test(line))).toEqual([
      'pandas==2.2.2'
    ]);
  });
});

test.describe('export to a PEP 723 cell', () => {
  test('inserts it hidden as the first code cell, saves, and updates the same cell again', async ({
    page,
    tmpPath
  }) => {
    await openFixture(page, tmpPath, 'export.ipynb');
    const first = await runCommand(page, 'nbproject:export-pep723', {
      interactive: false
    });
    expect(first.action).toBe('created');
    let saved = await savedNotebook(page, `${tmpPath}/export.ipynb`);
    const codeCells = saved.cells.filter(
      (cell: any) => cell.cell_type === 'code'
    );
    expect(pep723Cells(saved)).toHaveLength(1);
    expect(codeCells[0]).toBe(pep723Cells(saved)[0]);
    expect(codeCells[0].metadata.jupyter).toEqual({ source_hidden: true });
    const source = [].concat(codeCells[0].source).join('');
    expect(source).toContain('#     "numpy==1.26.4",');
    expect(source).toMatch(/# requires-python = ">=3\.\d+"/);
    // Hidden on screen: the input is collapsed.
    const cell = page
      .locator('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell')
      .nth(1);
    await expect(cell.locator('.jp-InputPlaceholder')).toBeVisible();
    await expect(page.locator('.jp-mod-current.jp-mod-dirty')).toHaveCount(0);

    await storeVersions(page, { numpy: '2.0.0', pandas: '2.2.2' });
    await startCommand(page, 'nbproject:export-pep723');
    const dialog = page.locator('.jp-Dialog');
    await expect(dialog.locator('.jp-nbproject-export-summary')).toContainText(
      '~ numpy: ==1.26.4 -> ==2.0.0'
    );
    await dialog.getByRole('button', { name: 'Update' }).click();
    expect((await commandResult(page)).action).toBe('updated');
    saved = await savedNotebook(page, `${tmpPath}/export.ipynb`);
    expect(saved.cells).toHaveLength(4);
    expect(pep723Cells(saved)).toHaveLength(1);
    expect([].concat(pep723Cells(saved)[0].source).join('')).toContain(
      '"numpy==2.0.0"'
    );
    expect(pep723Cells(saved)[0].id).toBe(codeCells[0].id);
  });

  test('with publishing: saved with the publication, whose code digest covers the cell; requirements.txt beside it', async ({
    page,
    tmpPath
  }) => {
    await openFixture(page, tmpPath, 'publish.ipynb');
    await expandAndWaitForKernel(page);
    await page.notebook.run();
    await expect(page.locator(`${HEADER} .jp-nbproject-badge`)).toHaveAttribute(
      'data-consecutive',
      'true'
    );
    await page
      .locator(
        '.jp-NotebookPanel:not(.lm-mod-hidden) [data-jp-item-name="nbproject-publish"]'
      )
      .click();
    const dialog = page.locator('.jp-Dialog');
    await dialog.locator('.jp-nbproject-export-requirements').check();
    await dialog.locator('.jp-nbproject-export-pep723').check();
    await dialog.getByRole('button', { name: 'Publish', exact: true }).click();
    await expect(
      page.locator(`${HEADER} [data-field="published"]`)
    ).toContainText('Published v2');
    await expect(
      page.locator(`${HEADER} [data-field="published"]`)
    ).toHaveAttribute('data-modified', 'false');
    // requirements.txt is written once the notebook is saved.
    await expect
      .poll(() => savedText(page, `${tmpPath}/requirements.txt`), {
        timeout: 15000
      })
      .toContain('version 2');
    const saved = await savedNotebook(page, `${tmpPath}/publish.ipynb`);
    const pinned = saved.metadata.nbproject.pypackage.ipykernel;
    expect(pinned).toMatch(/^\d+\.\d+/);
    expect([].concat(pep723Cells(saved)[0].source).join('')).toContain(
      `"ipykernel==${pinned}"`
    );
    // The publication's digest is of the code as saved, PEP 723 cell included.
    const code = saved.cells
      .filter((cell: any) => cell.cell_type === 'code')
      .map((cell: any) => [].concat(cell.source).join(''));
    const digest = createHash('sha256')
      .update(JSON.stringify(code))
      .digest('hex');
    expect(saved.metadata.jupyterlab_nbproject.history[0].code_sha256).toBe(
      digest
    );
    const requirements = await savedText(page, `${tmpPath}/requirements.txt`);
    expect(requirements).toContain(`ipykernel==${pinned}`);
    expect(requirements).toContain('version 2');
    await expect(page.locator('.jp-mod-current.jp-mod-dirty')).toHaveCount(0);
  });
});

test.describe('dependencies declared by other tools', () => {
  test('a PEP 723 cell never run leaves the badge "in order" and shows its rows', async ({
    page,
    tmpPath
  }) => {
    await openFixture(page, tmpPath, 'juv.ipynb');
    await expect(page.locator(`${HEADER} .jp-nbproject-badge`)).toHaveAttribute(
      'data-consecutive',
      'true'
    );
    const short = page
      .locator(`${HEADER} [data-field="declared"][data-source="pep723"]`)
      .first();
    await expect(short).toContainText('PEP 723: 2 declared');
    await expandAndWaitForKernel(page);
    const table = page.locator(
      `${HEADER} dd[data-field="declared"] [data-source="pep723"]`
    );
    await expect(table).toContainText('PEP 723 cell 2');
    await expect(table.locator('[data-package="ipykernel"]')).toHaveAttribute(
      'data-status',
      'installed'
    );
    await expect(
      table.locator('[data-package="nbproject-not-installed-pkg"]')
    ).toHaveAttribute('data-status', 'missing');
    // Editing the cell updates the rows.
    await page.evaluate(() => {
      const model = (window as any).jupyterapp.shell.currentWidget.context
        .model;
      model.cells
        .get(1)
        .sharedModel.setSource(
          '# /// script\n# dependencies = ["ipykernel"]\n# ///'
        );
    });
    await expect(short).toContainText('PEP 723: 1 declared');
    await expect(page.locator(`${HEADER} .jp-nbproject-badge`)).toHaveAttribute(
      'data-consecutive',
      'true'
    );
  });

  test('metadata["uv.lock"] shows as its own source, compared with the kernel', async ({
    page,
    tmpPath
  }) => {
    await openFixture(page, tmpPath, 'uvlock.ipynb');
    await expandAndWaitForKernel(page);
    const table = page.locator(
      `${HEADER} dd[data-field="declared"] [data-source="uv.lock"]`
    );
    await expect(table).toContainText('uv.lock');
    await expect(table.locator('[data-package="ipykernel"]')).toHaveAttribute(
      'data-status',
      'mismatch'
    );
    await expect(
      table.locator('[data-package="nbproject-not-installed-pkg"]')
    ).toHaveAttribute('data-status', 'missing');
    await expect(
      page
        .locator(`${HEADER} [data-field="declared"][data-source="uv.lock"]`)
        .first()
    ).toContainText('1 mismatch');
  });
});

test.describe('remix', () => {
  test('opens a copy with a new id, version 1 and the source as parent; the source is unchanged', async ({
    page,
    tmpPath
  }) => {
    await openFixture(page, tmpPath, 'export.ipynb');
    const sourceBefore = await savedNotebook(page, `${tmpPath}/export.ipynb`);
    await page.notebook.setCell(2, 'code', 'value = "edited before the remix"');
    const path = await runCommand(page, 'nbproject:remix');
    expect(path).toBe(`${tmpPath}/export-remix.ipynb`);
    await expect
      .poll(() =>
        page.evaluate(
          () => (window as any).jupyterapp.shell.currentWidget?.context?.path
        )
      )
      .toBe(path);
    await page.waitForSelector(`${HEADER} [data-tracked="true"]`);
    const meta = await liveMetadata(page);
    expect(meta.parent).toBe('ExPo00000001');
    expect(meta.version).toBe('1');
    expect(meta.id).not.toBe('ExPo00000001');
    expect(meta.pypackage).toEqual({ numpy: '1.26.4', pandas: '2.2.2' });
    const copy = await savedNotebook(page, path);
    expect([].concat(copy.cells[2].source).join('')).toBe(
      'value = "edited before the remix"'
    );
    expect(await savedNotebook(page, `${tmpPath}/export.ipynb`)).toEqual(
      sourceBefore
    );
  });
});
