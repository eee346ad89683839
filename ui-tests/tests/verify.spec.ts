import { expect, test } from '@jupyterlab/galata';
import {
  executionCounts,
  HEADER,
  openFixture,
  runCommand,
  savedNotebook
} from './utils';

const VERIFIED = `${HEADER} [data-field="verified"]`;
const DIFF = '.jp-nbproject-verifyDiff-dialog';

/**
 * Run code in the user's kernel of the current notebook (not as a cell):
 * what it printed and the execution count it got.
 */
async function runInUserKernel(
  page: any,
  code: string
): Promise<{ count: number; printed: string }> {
  return page.evaluate(async (source: string) => {
    const panel = (window as any).jupyterapp.shell.currentWidget;
    await panel.sessionContext.ready;
    const future = panel.sessionContext.session.kernel.requestExecute({
      code: source
    });
    let printed = '';
    future.onIOPub = (message: any) => {
      if (message.header.msg_type === 'stream') {
        printed += message.content.text;
      }
    };
    const reply = await future.done;
    return { count: reply.content.execution_count, printed };
  }, code);
}

/**
 * The ids of the kernels the server runs, through its REST API.
 */
async function kernelIds(page: any): Promise<string[]> {
  return page.evaluate(async () => {
    const settings = (window as any).jupyterapp.serviceManager.serverSettings;
    const response = await fetch(`${settings.baseUrl}api/kernels`, {
      headers: settings.token
        ? { Authorization: `token ${settings.token}` }
        : {}
    });
    return (await response.json()).map((kernel: any) => kernel.id);
  });
}

/**
 * The id of the current notebook's kernel.
 */
async function userKernelId(page: any): Promise<string> {
  return page.evaluate(async () => {
    const panel = (window as any).jupyterapp.shell.currentWidget;
    await panel.sessionContext.ready;
    return panel.sessionContext.session.kernel.id;
  });
}

test.describe('the header after a verification', () => {
  // The server's own kernel and session routes: verify starts a real one.
  test.use({ kernels: null, sessions: null } as any);

  test('"Verify" shows how many cells reproduce and links the one that does not', async ({
    page,
    tmpPath
  }) => {
    await openFixture(page, tmpPath, 'verify.ipynb');
    const line = page.locator(VERIFIED);
    // Before any verification: only the button.
    await expect(line).toHaveAttribute('data-verdict', 'none');
    await expect(line).toHaveText('Verify');

    await line.locator('[data-action="verify"]').click();
    await expect(line).toHaveAttribute('data-verdict', 'reproduces', {
      timeout: 60000
    });
    await expect(line).toHaveText('Verified: 4 of 4 cells reproduceVerify');
    await expect(line.locator('.jp-nbproject-link')).toHaveCount(0);
    // The click did not fold the header open.
    await expect(page.locator(`${HEADER} .jp-nbproject-details`)).toHaveCount(
      0
    );

    // An unseeded random number in the last cell: it alone differs.
    await page.notebook.setCell(
      4,
      'code',
      'import random\nprint(random.random())'
    );
    await line.locator('[data-action="verify"]').click();
    await expect(line).toHaveAttribute('data-verdict', 'differs', {
      timeout: 60000
    });
    await expect(line).toHaveText(
      'Verified: 3 of 4 cells reproducecell 5Keep new outputsVerify'
    );
    const link = line.locator('.jp-nbproject-link');
    await expect(link).toHaveAttribute('data-status', 'differs');
    await expect(link).toHaveAttribute(
      'title',
      'differs: show stored and new outputs'
    );

    // The link shows the cell's stored and new outputs side by side.
    await page.notebook.selectCells(1);
    await link.click();
    const dialog = page.locator(DIFF);
    await expect(dialog).toBeVisible();
    await expect(dialog.locator('.jp-Dialog-header')).toHaveText(
      'Cell 5: stored and new outputs'
    );
    const row = dialog.locator('.jp-nbproject-verifyDiff-row[data-kind]');
    await expect(row).toHaveCount(1);
    await expect(row).toHaveAttribute('data-kind', 'changed');
    await expect(row.locator('.jp-nbproject-verifyDiff-left')).toHaveText(
      '0.2'
    );
    const fresh = await row
      .locator('.jp-nbproject-verifyDiff-right')
      .innerText();
    expect(fresh).toMatch(/^0\.\d+$/);
    expect(fresh).not.toBe('0.2');

    // "Go to Cell" closes it and selects the cell.
    await dialog.getByRole('button', { name: 'Go to Cell' }).click();
    await expect(dialog).toHaveCount(0);
    await expect
      .poll(() =>
        page.evaluate(
          () =>
            (window as any).jupyterapp.shell.currentWidget.content
              .activeCellIndex
        )
      )
      .toBe(4);

    // "Keep new outputs": a dialog says what changes, then the notebook
    // stores the new outputs and a consecutive run, unsaved.
    const model = () =>
      page.evaluate(() => {
        const { context } = (window as any).jupyterapp.shell.currentWidget;
        const cells = context.model.toJSON().cells;
        return {
          dirty: context.model.dirty,
          last: cells[4].outputs.map((o: any) => o.text).join(''),
          third: cells[3].outputs.map((o: any) => o.text).join(''),
          markdown: cells[0].source
        };
      });
    await page.notebook.save();
    expect((await model()).dirty).toBe(false);
    await line.locator('[data-action="keep-verify-outputs"]').click();
    const confirm = page.locator('.jp-Dialog');
    await expect(confirm).toContainText(
      'The outputs of 4 code cells are replaced by those of the verification (1 differing from the stored ones), and their execution counts become 1 to 4.'
    );
    await confirm.getByRole('button', { name: 'Keep New Outputs' }).click();
    await expect(
      line.locator('[data-action="keep-verify-outputs"]')
    ).toHaveCount(0);
    // The line says so, and no longer warns or links the cells compared.
    await expect(line).toHaveText(
      'Verified: 3 of 4 cells reproduce · new outputs keptVerify'
    );
    await expect(line).not.toHaveClass(/jp-nbproject-warn/);
    const kept = await model();
    expect(kept.dirty).toBe(true);
    expect(kept.last).toBe(`${fresh}\n`);
    // Every cell got the run's output: a new object, a new address.
    expect(kept.third).toMatch(/^<object object at 0x[0-9a-f]+>\n$/);
    expect(kept.third).not.toBe('<object object at 0x7f5e2c1a4b60>\n');
    expect(kept.markdown).toBe('# Verify');
    expect(await executionCounts(page)).toEqual([1, 2, 3, 4]);
    // Like running a cell, it is not on the notebook's undo stack: Undo
    // leaves the kept outputs as they are.
    await runCommand(page, 'notebook:undo-cell-action');
    expect((await model()).last).toBe(`${fresh}\n`);
    // Shown once under the cell, and saved once.
    await expect(
      page
        .locator('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell')
        .nth(3)
        .locator('.jp-OutputArea-output')
    ).toHaveText(fresh);
    await page.notebook.save();
    const saved = await savedNotebook(page, `${tmpPath}/verify.ipynb`);
    expect(saved.cells[4].outputs).toEqual([
      { output_type: 'stream', name: 'stdout', text: `${fresh}\n` }
    ]);
    expect(saved.cells[4].execution_count).toBe(4);
  });

  test("the user's kernel keeps its variables and counts; Cancel stops the fresh kernel", async ({
    page,
    tmpPath
  }) => {
    await openFixture(page, tmpPath, 'verify.ipynb');
    const line = page.locator(VERIFIED);
    // The user's kernel has a variable the notebook also sets (x = 42).
    const before = await runInUserKernel(page, 'x = 41');
    const user = await userKernelId(page);
    const kernels = await kernelIds(page);
    expect(kernels).toContain(user);

    await line.locator('[data-action="verify"]').click();
    await expect(line).toHaveAttribute('data-verdict', 'reproduces', {
      timeout: 60000
    });
    const after = await runInUserKernel(page, 'print(x)');
    expect(after.printed).toBe('41\n');
    expect(after.count).toBe(before.count + 1);
    // The fresh kernel is gone once it finished.
    await expect.poll(() => kernelIds(page)).toEqual(kernels);

    // A cell that runs for a minute: Cancel stops it at once.
    await page.notebook.setCell(2, 'code', 'import time\ntime.sleep(60)');
    await line.locator('[data-action="verify"]').click();
    await expect
      .poll(() => kernelIds(page), { timeout: 30000 })
      .toHaveLength(kernels.length + 1);
    const toast = page.locator('.jp-toast-button', { hasText: 'Cancel' });
    await expect(page.locator('.Toastify')).toContainText('cell 2 of 4', {
      timeout: 30000
    });
    const cancelled = Date.now();
    await toast.click();
    await expect(line).toHaveAttribute('data-verdict', 'cancelled', {
      timeout: 15000
    });
    expect(Date.now() - cancelled).toBeLessThan(15000);
    await expect(line).toHaveText(
      'Verification stopped: 1 of 1 cell run reproducesVerify'
    );
    // The server runs the user's kernel again, and only it of these.
    await expect
      .poll(() => kernelIds(page), { timeout: 15000 })
      .toEqual(kernels);
    const sessions = await page.evaluate(async () => {
      const settings = (window as any).jupyterapp.serviceManager.serverSettings;
      const response = await fetch(`${settings.baseUrl}api/sessions`, {
        headers: settings.token
          ? { Authorization: `token ${settings.token}` }
          : {}
      });
      return (await response.json()).map((session: any) => session.path);
    });
    expect(
      sessions.filter((p: string) => p.includes('.nbproject-verify-'))
    ).toEqual([]);
    // Still the user's variable, and the count goes on by one.
    const last = await runInUserKernel(page, 'print(x)');
    expect(last.printed).toBe('41\n');
    expect(last.count).toBe(after.count + 1);
    // Nothing to keep from a run that stopped.
    await expect(
      line.locator('[data-action="keep-verify-outputs"]')
    ).toHaveCount(0);
  });

  test('the side-by-side view shows HTML outputs as text, never rendered', async ({
    page,
    tmpPath
  }) => {
    await openFixture(page, tmpPath, 'verify.ipynb');
    await page.notebook.setCell(
      4,
      'code',
      'from IPython.display import HTML\nHTML(\'<b id="nbp-html">bold</b><img src=x onerror="window.nbpRan=1">\')'
    );
    const result = await runCommand(page, 'nbproject:verify', {
      interactive: false
    });
    expect(result.cells[3]).toMatchObject({ index: 4, status: 'differs' });
    await page.locator(`${VERIFIED} .jp-nbproject-link`).click();
    const dialog = page.locator(DIFF);
    const right = dialog.locator('.jp-nbproject-verifyDiff-right');
    await expect(right).toHaveText([
      '<IPython.core.display.HTML object>',
      '[text/html]',
      '<b id="nbp-html">bold</b><img src=x onerror="window.nbpRan=1">'
    ]);
    await expect(
      dialog.locator('.jp-nbproject-verifyDiff-row[data-kind]')
    ).toHaveCount(3);
    await expect(dialog.locator('#nbp-html, img')).toHaveCount(0);
    expect(await page.evaluate(() => (window as any).nbpRan)).toBeUndefined();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toHaveCount(0);
  });

  test('publishing with "Verify in a fresh kernel first" records the verdict', async ({
    page,
    tmpPath
  }) => {
    await openFixture(page, tmpPath, 'verify.ipynb');
    // In the dialog, the option is there and off.
    void runCommand(page, 'nbproject:publish');
    const box = page.locator('.jp-Dialog .jp-nbproject-publish-verify');
    await expect(box).not.toBeChecked();
    await page.locator('.jp-Dialog .jp-mod-reject').click();

    const result = await runCommand(page, 'nbproject:publish', {
      interactive: false,
      force: true,
      verify: true,
      version: '1'
    });
    expect(result.published).toBe(true);
    const record = await page.evaluate(() => {
      const model = (window as any).jupyterapp.shell.currentWidget.context
        .model;
      return model.getMetadata('jupyterlab_nbproject').history.at(-1);
    });
    expect(record.verified).toMatchObject({
      kernelspec: 'python3',
      same: 4,
      differs: 0,
      errors: 0,
      normalisations: [
        'addresses',
        'times',
        'tempPaths',
        'warnings',
        'floatTolerance=1e-9'
      ]
    });
    expect(record.verified.python).toMatch(/^3\.\d+/);
    // The header shows the verification that ran with the publication.
    await expect(page.locator(VERIFIED)).toHaveAttribute(
      'data-verdict',
      'reproduces'
    );
  });
});
