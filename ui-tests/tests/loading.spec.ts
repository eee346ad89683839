import { expect, test } from '@jupyterlab/galata';
import { HEADER, openFixture, runCommand } from './utils';

/**
 * Where JupyterLab serves the extension's chunks.
 */
const STATIC = '/lab/extensions/jupyterlab-nbproject/static/';

/**
 * The extension's script files the page requests from now on, by name.
 */
function watchChunks(page: any): string[] {
  const requested: string[] = [];
  page.on('request', (request: any) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith(STATIC) && url.pathname.endsWith('.js')) {
      requested.push(url.pathname.slice(STATIC.length));
    }
  });
  return requested;
}

test.describe('loading the workflows on first use', () => {
  test('opening a notebook loads no workflow; a command loads its own on first use, once', async ({
    page,
    tmpPath
  }) => {
    await openFixture(page, tmpPath, 'export.ipynb');
    // Start again with the notebook open, watching every chunk requested.
    const requested = watchChunks(page);
    // (The browser's own reload: Galata's waits for a launcher.)
    await page.evaluate(() => window.location.reload());
    await page.locator('#jupyterlab-splash').waitFor({ state: 'detached' });
    if ((await page.locator(`${HEADER} [data-tracked]`).count()) === 0) {
      await page.filebrowser.open(`${tmpPath}/export.ipynb`);
    }
    await page.waitForSelector(`${HEADER} [data-tracked]`);
    const atStartup = [...requested];
    expect(atStartup.some(name => name.startsWith('remoteEntry.'))).toBe(true);

    const timed = () =>
      page.evaluate(async () => {
        const start = performance.now();
        const result = await (window as any).jupyterapp.commands.execute(
          'nbproject:export-requirements',
          { interactive: false }
        );
        return { ms: performance.now() - start, action: result.action };
      });
    const first = await timed();
    expect(first.action).toBe('created');
    const onFirstUse = requested.slice(atStartup.length);
    // The export's code came with the command, not with the notebook.
    expect(onFirstUse.length).toBeGreaterThan(0);
    expect(onFirstUse.filter(name => atStartup.includes(name))).toEqual([]);

    const fetchMs = await page.evaluate(
      (names: string[]) =>
        performance
          .getEntriesByType('resource')
          .filter(entry => names.some(name => entry.name.includes(name)))
          .reduce((sum, entry) => sum + entry.duration, 0),
      onFirstUse
    );
    const second = await timed();
    expect(second.action).toBe('unchanged');
    expect(requested.length).toBe(atStartup.length + onFirstUse.length);
    test.info().annotations.push({
      type: 'chunks',
      description: `startup: ${atStartup.join(' ')}; first export: ${onFirstUse.join(' ')}; fetched in ${fetchMs.toFixed(0)} ms; export ${first.ms.toFixed(0)} ms the first time, ${second.ms.toFixed(0)} ms the second`
    });

    // The header still shows what it did, and other commands still work.
    await expect(page.locator(HEADER)).toBeVisible();
    expect(
      await runCommand(page, 'nbproject:export-requirements', {
        interactive: false
      })
    ).toMatchObject({ action: 'unchanged' });
  });
});
