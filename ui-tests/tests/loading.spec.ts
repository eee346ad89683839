import { expect, test } from '@jupyterlab/galata';
import { HEADER, openFixture, runCommand } from './utils';

/**
 * Where JupyterLab serves the extension's chunks.
 */
const STATIC = '/lab/extensions/jupyterlab-nbproject/static/';

/**
 * The chunk of what a notebook runs by itself once open (the analyses,
 * their header sections, the package warning): fetched after startup.
 */
const AFTER_OPEN = 'after-open.';

/**
 * Wait until the page has fetched the after-open chunk (so that a reload
 * watched from now on sees only the new page's requests).
 */
async function afterOpenFetched(page: any): Promise<void> {
  await page.waitForFunction(
    (name: string) =>
      performance
        .getEntriesByType('resource')
        .some(entry => entry.name.includes(name)),
    `${STATIC}${AFTER_OPEN}`
  );
}

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

test.describe('loading after the header', () => {
  test('the analyses a notebook runs by itself are fetched after its header is painted, and still run', async ({
    page,
    tmpPath
  }) => {
    await openFixture(page, tmpPath, 'juv.ipynb');
    await afterOpenFetched(page);
    // Start again with the notebook open: note when its header appears.
    await page.addInitScript(() => {
      const observer = new MutationObserver(() => {
        if (
          document.querySelector('.jp-nbproject-header [data-tracked]') &&
          (window as any).nbprojectHeaderAt === undefined
        ) {
          (window as any).nbprojectHeaderAt = performance.now();
          observer.disconnect();
        }
      });
      observer.observe(document, { childList: true, subtree: true });
    });
    const requested = watchChunks(page);
    await page.evaluate(() => window.location.reload());
    await page.locator('#jupyterlab-splash').waitFor({ state: 'detached' });
    if ((await page.locator(`${HEADER} [data-tracked]`).count()) === 0) {
      await page.filebrowser.open(`${tmpPath}/juv.ipynb`);
    }
    await page.waitForSelector(`${HEADER} [data-tracked]`);
    // What the declared-dependency readers find shows by itself.
    await expect(
      page.locator(`${HEADER} [data-field="declared"][data-source="pep723"]`)
    ).toContainText('PEP 723: 2 declared');
    expect(requested.filter(name => name.startsWith(AFTER_OPEN))).toHaveLength(
      1
    );
    const timing = await page.evaluate((prefix: string) => {
      const chunk = performance
        .getEntriesByType('resource')
        .find(entry => entry.name.includes(prefix));
      return {
        header: (window as any).nbprojectHeaderAt as number,
        fetched: chunk ? chunk.startTime : null
      };
    }, `${STATIC}${AFTER_OPEN}`);
    expect(timing.fetched).not.toBeNull();
    expect(timing.fetched!).toBeGreaterThan(timing.header);
    test.info().annotations.push({
      type: 'after-open',
      description: `header at ${timing.header.toFixed(0)} ms, analyses fetched from ${timing.fetched!.toFixed(0)} ms`
    });
  });
});

test.describe('loading the workflows on first use', () => {
  test('opening a notebook loads no workflow; a command loads its own on first use, once', async ({
    page,
    tmpPath
  }) => {
    await openFixture(page, tmpPath, 'export.ipynb');
    await afterOpenFetched(page);
    // Start again with the notebook open, watching every chunk requested.
    const requested = watchChunks(page);
    // (The browser's own reload: Galata's waits for a launcher.)
    await page.evaluate(() => window.location.reload());
    await page.locator('#jupyterlab-splash').waitFor({ state: 'detached' });
    if ((await page.locator(`${HEADER} [data-tracked]`).count()) === 0) {
      await page.filebrowser.open(`${tmpPath}/export.ipynb`);
    }
    await page.waitForSelector(`${HEADER} [data-tracked]`);
    // The analyses follow the header by themselves, once.
    await expect
      .poll(() => requested.filter(name => name.startsWith(AFTER_OPEN)))
      .toHaveLength(1);
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
