import { expect, test } from '@jupyterlab/galata';
import {
  activeCellIndex,
  HEADER,
  openFixture,
  runCommand,
  trackedMetadata,
  uploadCodeNotebook
} from './utils';

/**
 * The cell widget at an index of the current notebook.
 */
function cell(page: any, index: number) {
  return page
    .locator('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell')
    .nth(index);
}

const HIDDEN =
  '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-nbproject-hidden-state';

test.describe('hidden state without running', () => {
  test('a cell using a name from a deleted cell is marked "defined nowhere"', async ({
    page,
    tmpPath
  }) => {
    await openFixture(page, tmpPath, 'hidden-state.ipynb');
    // Every name is defined above its use: nothing is marked.
    for (const index of [1, 2, 3]) {
      await page.notebook.runCell(index);
    }
    await expect(cell(page, 3).locator('.jp-OutputArea-output')).toContainText(
      '[1, 2, 3]'
    );
    await expect(page.locator(HIDDEN)).toHaveCount(0);
    await expect(
      page.locator(`${HEADER} [data-field="hidden-state-badge"]`)
    ).toHaveCount(0);

    // Delete the cell defining `helper`: the kernel still has it.
    await page.notebook.selectCells(2);
    await page.evaluate(() =>
      (window as any).jupyterapp.commands.execute('notebook:delete-cell')
    );
    const user = cell(page, 2);
    await expect(user).toHaveClass(/jp-nbproject-hidden-state/);
    await expect(user).toHaveAttribute(
      'data-nbproject-hidden',
      'undefined-name'
    );
    // After the order mark (a count is now missing), the reason.
    await expect(user.locator('.jp-InputArea-prompt')).toHaveAttribute(
      'title',
      /^Cells were skipped before it .*; Uses helper, defined nowhere in the notebook$/
    );
    await expect(page.locator(HIDDEN)).toHaveCount(1);

    // The header says so, with a link to the cell.
    const badge = page.locator(`${HEADER} [data-field="hidden-state-badge"]`);
    await expect(badge).toHaveText('Hidden state: 1 cell');
    await page
      .locator(`${HEADER} .jp-nbproject-toggle .jp-nbproject-brand`)
      .click();
    const row = page.locator(`${HEADER} [data-field="hidden-state"] li`);
    await expect(row).toHaveText(
      'cell 3 Uses helper, defined nowhere in the notebook'
    );
    await expect(row).toHaveAttribute('data-issues', 'undefined-name');

    // Run in the user's kernel, the cell still works: that is the point.
    await page.notebook.runCell(2);
    await expect(user.locator('.jp-OutputArea-output')).toContainText(
      '[1, 2, 3]'
    );
    await expect(user).toHaveClass(/jp-nbproject-hidden-state/);

    // Defined again above, but not run: the cell ran with a `helper` that
    // did not come from that cell as it is now.
    await page.notebook.setCell(1, 'code', 'data = [3, 1, 2]\nhelper = sorted');
    await expect(user).toHaveAttribute(
      'data-nbproject-hidden',
      'stale-definition'
    );
    // Run top to bottom again: nothing is hidden any more.
    await page.notebook.runCell(1);
    await page.notebook.runCell(2);
    await expect(page.locator(HIDDEN)).toHaveCount(0);
    await expect(badge).toHaveCount(0);
  });

  test('a cell using a name only a cell below defines is marked', async ({
    page,
    tmpPath
  }) => {
    await openFixture(page, tmpPath, 'hidden-state.ipynb');
    await page.notebook.setCell(1, 'code', 'data = helper([3, 1, 2])');
    const early = cell(page, 1);
    await expect(early).toHaveAttribute(
      'data-nbproject-hidden',
      'defined-later'
    );
    await expect(early.locator('.jp-InputArea-prompt')).toHaveAttribute(
      'title',
      /Uses helper before cell 3 defines it$/
    );
  });
});

test.describe('hidden state on many cells', () => {
  test('the list goes on from its last link, and a command goes from cell to cell', async ({
    page,
    tmpPath
  }) => {
    // 60 cells each reading a name no cell defines: the list shows 50.
    await uploadCodeNotebook(
      page,
      `${tmpPath}/many.ipynb`,
      Array.from({ length: 61 }, (_, i) => ({
        source: i === 0 ? 'x = 1' : `print(gone_${i})`
      })),
      trackedMetadata('ManyHiddenSt')
    );
    await page.filebrowser.open(`${tmpPath}/many.ipynb`);
    const header = page.locator(HEADER);
    await header.locator('.jp-nbproject-toggle .jp-nbproject-brand').click();
    const more = header.locator('[data-field="hidden-state"] li').last();
    await expect(more).toHaveText('and 10 more cells, from cell 52');
    const active = () => activeCellIndex(page);
    await more.getByRole('button').click();
    await expect.poll(active).toBe(51);
    expect(await runCommand(page, 'nbproject:next-hidden-state')).toBe(52);
    await expect.poll(active).toBe(52);
    // From the last, around to the first.
    await page.evaluate(() => {
      (window as any).jupyterapp.shell.currentWidget.content.activeCellIndex =
        60;
    });
    expect(await runCommand(page, 'nbproject:next-hidden-state')).toBe(1);
    await expect.poll(active).toBe(1);
  });
});

test.describe('verify in a fresh kernel', () => {
  // The server's own kernel and session routes: verify starts a real one.
  test.use({ kernels: null, sessions: null } as any);

  /**
   * How many sessions the server runs.
   */
  async function runningSessions(page: any): Promise<number> {
    return page.evaluate(async () => {
      const manager = (window as any).jupyterapp.serviceManager.sessions;
      await manager.refreshRunning();
      return [...manager.running()].length;
    });
  }

  test('a deterministic notebook reproduces; the user kernel keeps its state', async ({
    page,
    tmpPath
  }) => {
    await openFixture(page, tmpPath, 'verify.ipynb');
    await page.notebook.runCell(1);
    await expect(cell(page, 1).locator('.jp-InputPrompt')).toHaveText('[1]:');
    const before = await runningSessions(page);

    const result = await runCommand(page, 'nbproject:verify', {
      interactive: false
    });
    expect(result).toEqual({
      verdict: 'reproduces',
      same: 4,
      differs: 0,
      errors: 0,
      cells: [1, 2, 3, 4].map(index => ({
        index,
        id: `cell-${index}`,
        status: 'same'
      }))
    });
    // The fresh kernel is gone; the user's still counts from where it was
    // and still has `x`.
    expect(await runningSessions(page)).toBe(before);
    await page.notebook.runCell(2);
    await expect(cell(page, 2).locator('.jp-InputPrompt')).toHaveText('[2]:');
    await expect(cell(page, 2).locator('.jp-OutputArea-output')).toHaveText(
      '6.0'
    );
  });

  test('an unseeded random cell differs, alone; a deleted name raises now', async ({
    page,
    tmpPath
  }) => {
    await openFixture(page, tmpPath, 'verify.ipynb');
    await page.notebook.setCell(
      4,
      'code',
      'import random\nprint(random.random())'
    );
    let result = await runCommand(page, 'nbproject:verify', {
      interactive: false
    });
    expect(result.verdict).toBe('differs');
    expect(result.cells.map((c: any) => c.status)).toEqual([
      'same',
      'same',
      'same',
      'differs'
    ]);
    // The cell defining `x` deleted: the next one raises in a fresh kernel.
    await page.notebook.selectCells(1);
    await page.evaluate(() =>
      (window as any).jupyterapp.commands.execute('notebook:delete-cell')
    );
    result = await runCommand(page, 'nbproject:verify', { interactive: false });
    expect(result.cells[0]).toEqual({
      index: 1,
      id: 'cell-2',
      status: 'error-now',
      error: "NameError: name 'x' is not defined"
    });
    await expect(cell(page, 1)).toHaveAttribute(
      'data-nbproject-hidden',
      'undefined-name'
    );
  });
});
