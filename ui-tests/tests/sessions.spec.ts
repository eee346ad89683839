import { expect, galata, test } from '@jupyterlab/galata';
import * as path from 'path';
import { HEADER, openFixture, runCommand, savedNotebook } from './utils';

/**
 * The current notebook's cell widget at an index.
 */
function cell(page: any, index: number) {
  return page
    .locator('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell')
    .nth(index);
}

/**
 * Upload a fixture and open it, without waiting for a header (there may be
 * none): only for the notebook to show its cells.
 */
async function openWithoutHeader(
  page: any,
  tmpPath: string,
  name: string
): Promise<void> {
  await page.contents.uploadFile(
    path.resolve(__dirname, '../notebooks', name),
    `${tmpPath}/${name}`
  );
  await page.filebrowser.open(`${tmpPath}/${name}`);
  await page
    .locator('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell')
    .first()
    .waitFor();
}

test.describe('another extension', () => {
  test('requires INbprojectTracker and reads a notebook session, and follows its signals', async ({
    page,
    tmpPath
  }) => {
    await openFixture(page, tmpPath, 'order.ipynb');
    // A plugin registered now, as a second extension's would be: it asks
    // the application for the token our package exports, nothing else.
    const first = await page.evaluate(async () => {
      const w = window as any;
      const container = w._JUPYTERLAB['jupyterlab-nbproject'];
      const { INbprojectTracker } = (await container.get('./index'))();
      const app = w.jupyterapp;
      app.registerPlugin({
        id: 'nbproject-consumer:plugin',
        description: 'Reads the nbproject sessions.',
        requires: [INbprojectTracker],
        activate: (_: unknown, tracker: any) => {
          w.__nbprojectConsumer = { tracker, reports: [] as boolean[] };
        }
      });
      await app.activatePlugin('nbproject-consumer:plugin');
      const { tracker, reports } = w.__nbprojectConsumer;
      const session = tracker.current;
      await session.ready;
      session.execution.changed.connect((_: unknown, report: any) =>
        reports.push(report.consecutive)
      );
      return {
        token: INbprojectTracker.name,
        sessions: tracker.size,
        path: session.path,
        panel: session.panel === app.shell.currentWidget,
        id: session.metadata.read.metadata?.id ?? null,
        consecutive: session.execution.report.consecutive,
        showHeader: tracker.settings.showHeader
      };
    });
    // What it reads is what the header shows.
    const badge = page.locator(`${HEADER} .jp-nbproject-badge`);
    expect(first).toEqual({
      token: 'jupyterlab-nbproject:INbprojectTracker',
      sessions: 1,
      path: `${tmpPath}/order.ipynb`,
      panel: true,
      id: await page
        .locator(`${HEADER} [data-field="id"] bdi`)
        .first()
        .getAttribute('title'),
      consecutive: (await badge.getAttribute('data-consecutive')) === 'true',
      showHeader: true
    });
    // Cells run in order, then one again: the consumer hears both verdicts.
    const last = () =>
      page.evaluate(
        () => (window as any).__nbprojectConsumer.reports.slice(-1)[0]
      );
    await page.notebook.runCell(1);
    await page.notebook.runCell(2);
    await expect.poll(last).toBe(true);
    await page.notebook.runCell(1);
    await expect.poll(last).toBe(false);
    await expect(badge).toHaveAttribute('data-consecutive', 'false');
    expect(
      await page.evaluate(
        () =>
          (window as any).__nbprojectConsumer.tracker.current.execution.report
            .cells[0].index
      )
    ).toBe(1);
  });
});

test.describe('with the header turned off', () => {
  test.use({
    mockSettings: {
      ...galata.DEFAULT_SETTINGS,
      'jupyterlab-nbproject:plugin': { showHeader: false }
    }
  });

  test('marks the cells of an out-of-order notebook', async ({
    page,
    tmpPath
  }) => {
    await openWithoutHeader(page, tmpPath, 'order.ipynb');
    await page.notebook.runCell(2);
    await page.notebook.runCell(1);
    await expect(cell(page, 1)).toHaveClass(/jp-nbproject-mark/);
    await expect(cell(page, 1).locator('.jp-InputArea-prompt')).toHaveAttribute(
      'title',
      /order|twice|start/i
    );
    expect(await runCommand(page, 'nbproject:check')).not.toBeNull();
    await expect(page.locator('.jp-nbproject-header')).toHaveCount(0);
  });

  test('warns about a stored version that differs from the kernel', async ({
    page,
    tmpPath
  }) => {
    await openWithoutHeader(page, tmpPath, 'dependencies.ipynb');
    const toast = page.locator('.jp-Notification-Toast-warning');
    await expect(toast).toHaveCount(1, { timeout: 30000 });
    await expect(toast).toContainText('ipykernel 0.0.1');
    await expect(page.locator('.jp-nbproject-header')).toHaveCount(0);
  });

  test('publishes through the command', async ({ page, tmpPath }) => {
    await openWithoutHeader(page, tmpPath, 'publish.ipynb');
    await page.notebook.run();
    // Ask the kernel now, once the cells ran: resolves once it answered.
    await runCommand(page, 'nbproject:refresh');
    const result = await runCommand(page, 'nbproject:publish', {
      interactive: false,
      note: 'headless'
    });
    expect(result).toEqual({ published: true, version: '2', problems: [] });
    const saved = await savedNotebook(page, `${tmpPath}/publish.ipynb`);
    expect(saved.metadata.nbproject.version).toBe('2');
    expect(saved.metadata.nbproject.pypackage.ipykernel).toMatch(/^\d+\.\d+/);
    expect(saved.metadata.jupyterlab_nbproject.history).toEqual([
      expect.objectContaining({
        version: '2',
        note: 'headless',
        consecutive: true
      })
    ]);
    await expect(page.locator('.jp-nbproject-header')).toHaveCount(0);
  });

  test('the header command is disabled', async ({ page, tmpPath }) => {
    await openWithoutHeader(page, tmpPath, 'tracked.ipynb');
    await expect
      .poll(() =>
        page.evaluate(() =>
          (window as any).jupyterapp.commands.isEnabled('nbproject:check')
        )
      )
      .toBe(true);
    expect(
      await page.evaluate(() =>
        (window as any).jupyterapp.commands.isEnabled('nbproject:toggle-header')
      )
    ).toBe(false);
  });
});

test.describe('commands', () => {
  test('reject arguments that do not fit their schema, and say which', async ({
    page,
    tmpPath
  }) => {
    await openFixture(page, tmpPath, 'tracked.ipynb');
    const outcome = await page.evaluate(async () => {
      const { commands } = (window as any).jupyterapp;
      try {
        await commands.execute('nbproject:publish', {
          interactive: 'no',
          version: 3
        });
        return 'executed';
      } catch (error) {
        return String(error);
      }
    });
    expect(outcome).toMatch(/"interactive" must be a boolean/);
    expect(outcome).toMatch(/"version" must be a string/);
    expect(
      await page.evaluate(() =>
        (window as any).jupyterapp.commands.isEnabled('nbproject:publish', {
          path: 7
        })
      )
    ).toBe(false);
    // Nothing was published.
    await expect(
      page.locator(`${HEADER} [data-field="published"]`)
    ).toHaveCount(0);
  });
});
