import { expect, test } from '@jupyterlab/galata';
import {
  HEADER,
  openFixture,
  runCommand,
  trackedMetadata,
  uploadCodeNotebook,
  uploadCountsNotebook
} from './utils';

const BADGE = `${HEADER} .jp-nbproject-badge`;

/**
 * The cell widget at an index of the current notebook.
 */
function cell(page: any, index: number) {
  return page
    .locator('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell')
    .nth(index);
}

test.describe('the consecutiveness checker', () => {
  test('says "Not run yet", not "Ran in order", until a cell has run', async ({
    page,
    tmpPath
  }) => {
    await openFixture(page, tmpPath, 'tracked.ipynb');
    const badge = page.locator(BADGE);
    await expect(badge).toHaveText('Not run yet');
    await expect(badge).toHaveClass(/jp-mod-none/);
    await page.notebook.run();
    await expect(badge).toHaveText('Ran in order');
    await expect(badge).toHaveClass(/jp-mod-ok/);
  });

  test('says "Not run yet" for several cells not run, where nbproject says not in order', async ({
    page,
    tmpPath
  }) => {
    await openFixture(page, tmpPath, 'order.ipynb');
    const badge = page.locator(BADGE);
    await expect(badge).toHaveAttribute('data-consecutive', 'false');
    await expect(badge).toContainText('Not run yet');
    await expect(badge).toHaveClass(/jp-mod-none/);
    // Its button still runs them all.
    await expect(badge.locator('.jp-nbproject-rerun')).toBeVisible();
  });

  test('never says "Ran in order" while it opens a notebook that did not', async ({
    page,
    tmpPath
  }) => {
    // Enough cells that the notebook's cells arrive well after its header.
    const counts = Array.from({ length: 400 }, (_, i) => i + 1);
    [counts[10], counts[11]] = [counts[11], counts[10]];
    await uploadCountsNotebook(page, `${tmpPath}/swapped.ipynb`, counts, {
      nbproject: {
        id: 'Sw4pPedCe11s',
        time_init: '2024-03-05T10:20:30.123456+00:00',
        version: '1'
      }
    });
    // Every state the badge shows, from before the notebook opens.
    await page.evaluate(() => {
      const seen: string[] = ((window as any).__badgeStates = []);
      new MutationObserver(() => {
        for (const badge of document.querySelectorAll(
          '.jp-nbproject-badge[data-consecutive]'
        )) {
          seen.push(badge.getAttribute('data-consecutive')!);
        }
      }).observe(document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        characterData: true
      });
    });
    await page.filebrowser.open(`${tmpPath}/swapped.ipynb`);
    await expect(page.locator(BADGE)).toHaveAttribute(
      'data-consecutive',
      'false'
    );
    await expect(page.locator(BADGE)).toContainText('Not in order');
    const states: string[] = await page.evaluate(
      () => (window as any).__badgeStates
    );
    expect(states.length).toBeGreaterThan(0);
    expect(states).not.toContain('true');
  });

  test('flags a cell run twice and marks it with the reason', async ({
    page,
    tmpPath
  }) => {
    await openFixture(page, tmpPath, 'order.ipynb');
    await page.notebook.runCell(1);
    await page.notebook.runCell(2);
    await expect(page.locator(BADGE)).toHaveAttribute(
      'data-consecutive',
      'true'
    );
    await page.notebook.runCell(1);
    await expect(page.locator(BADGE)).toHaveAttribute(
      'data-consecutive',
      'false'
    );
    await expect(page.locator(BADGE)).toContainText('Not in order');
    const marked = cell(page, 1);
    await expect(marked).toHaveClass(/jp-nbproject-mark/);
    await expect(marked.locator('.jp-InputArea-prompt')).toHaveAttribute(
      'title',
      /order|twice|start/i
    );
  });

  test('marks a cell edited after it ran', async ({ page, tmpPath }) => {
    await openFixture(page, tmpPath, 'order.ipynb');
    await page.notebook.runCell(1);
    await page.notebook.setCell(1, 'code', 'a = 2');
    const edited = cell(page, 1);
    await expect(edited).toHaveAttribute('data-nbproject-reasons', /edited/);
    await expect(edited.locator('.jp-InputArea-prompt')).toHaveAttribute(
      'title',
      /edited since it ran/i
    );
  });

  test.describe('with a real kernel restart', () => {
    // Galata's kernel mock answers every POST under /api/kernels with 201,
    // which JupyterLab's restart call rejects: use the server's own routes.
    test.use({ kernels: null });

    test('says the run is under way during a run all, not that the cells it has not reached are out of order', async ({
      page,
      tmpPath
    }) => {
      // Run out of order before; each cell takes a while to run again.
      await uploadCodeNotebook(
        page,
        `${tmpPath}/slow.ipynb`,
        [3, 1, 4, 2].map((count, i) => ({
          source: `import time\ntime.sleep(1)\nstep${i} = ${i}`,
          count
        })),
        trackedMetadata('SloWRunA11xy')
      );
      await page.filebrowser.open(`${tmpPath}/slow.ipynb`);
      const badge = page.locator(BADGE);
      await expect(badge).toContainText('Not in order');
      await page.evaluate(async () => {
        const panel = (window as any).jupyterapp.shell.currentWidget;
        await panel.sessionContext.ready;
        // Not awaited: the run goes on while the badge is read.
        void (window as any).jupyterapp.commands.execute(
          'notebook:run-all-cells'
        );
      });
      await expect(badge).toHaveText(/^Running: [1-4] cells? to go$/);
      await expect(badge).toHaveClass(/jp-mod-none/);
      await expect(badge.locator('.jp-nbproject-rerun')).toHaveCount(0);
      // Counts down as the cells run, then gives the verdict.
      await expect(badge).toHaveText('Running: 1 cell to go', {
        timeout: 30000
      });
      await expect(badge).toHaveText('Ran in order', { timeout: 30000 });
      await expect(badge).toHaveClass(/jp-mod-ok/);
    });

    test('restart and run all clears every mark', async ({ page, tmpPath }) => {
      await openFixture(page, tmpPath, 'order.ipynb');
      await page.notebook.runCell(2);
      await page.notebook.runCell(1);
      await expect(page.locator(BADGE)).toHaveAttribute(
        'data-consecutive',
        'false'
      );
      await page.locator(`${BADGE} .jp-nbproject-rerun`).click();
      await page.locator('.jp-Dialog .jp-mod-accept').click();
      await expect(page.locator(BADGE)).toHaveAttribute(
        'data-consecutive',
        'true',
        { timeout: 30000 }
      );
      await expect(
        page.locator('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-nbproject-mark')
      ).toHaveCount(0);
    });
  });

  test('the check command selects the next offending cell', async ({
    page,
    tmpPath
  }) => {
    await openFixture(page, tmpPath, 'order.ipynb');
    await page.notebook.runCell(3);
    await page.notebook.selectCells(0);
    const index = await runCommand(page, 'nbproject:check');
    expect(index).toBe(1);
    expect(
      await page.evaluate(
        () =>
          (window as any).jupyterapp.shell.currentWidget.content.activeCellIndex
      )
    ).toBe(1);
  });
});
