import { expect, galata, test } from '@jupyterlab/galata';
import { HEADER, runCommand } from './utils';

/**
 * Two browser pages on one notebook with real-time collaboration
 * (jupyter-collaboration): runs in the `collaboration` project, against the
 * server on NBPROJECT_COLLAB_PORT (see playwright.config.js).
 */

/**
 * An untracked notebook with a title and two code cells.
 */
function notebook(): string {
  const code = (id: string, source: string) => ({
    cell_type: 'code',
    id,
    metadata: {},
    source,
    execution_count: null,
    outputs: []
  });
  return JSON.stringify({
    cells: [
      {
        cell_type: 'markdown',
        id: 'title',
        metadata: {},
        source: '# Shared analysis'
      },
      code('first', 'import json\nvalue = 41'),
      code('second', 'value + 1')
    ],
    metadata: {
      kernelspec: {
        display_name: 'Python 3 (ipykernel)',
        language: 'python',
        name: 'python3'
      },
      language_info: { name: 'python' }
    },
    nbformat: 4,
    nbformat_minor: 5
  });
}

/**
 * Start counting, in a page, the changes it makes itself to the shared
 * notebook (local Yjs transactions that change something; what a
 * collaborator changes arrives as remote ones), and the changes it
 * receives: from the moment the notebook's panel exists, before it loads.
 */
async function watchWrites(page: any, filePath: string): Promise<void> {
  await page.evaluate((path: string) => {
    const log = ((window as any).__nbprojectWrites = {
      local: [] as Array<{ at: number; keys: string[] }>,
      remote: 0
    });
    const start = performance.now();
    const attach = () => {
      const panel = [...(window as any).jupyterapp.shell.widgets('main')].find(
        (widget: any) => widget.context?.path === path
      );
      if (!panel) {
        setTimeout(attach, 5);
        return;
      }
      panel.context.model.sharedModel.ydoc.on(
        'afterTransaction',
        (transaction: any) => {
          const changed =
            transaction.changed.size > 0 ||
            transaction.deleteSet.clients.size > 0;
          if (!changed) {
            return;
          }
          if (transaction.local) {
            // The keys of the maps it changed (metadata keys, cell fields,
            // document state); `*` for a change inside a list or text.
            const keys: string[] = [];
            transaction.changed.forEach((changed: Set<string | null>) => {
              changed.forEach(key => keys.push(key ?? '*'));
            });
            log.local.push({ at: Math.round(performance.now() - start), keys });
          } else {
            log.remote++;
          }
        }
      );
    };
    attach();
  }, filePath);
}

async function writes(
  page: any
): Promise<{ local: Array<{ at: number; keys: string[] }>; remote: number }> {
  return page.evaluate(() => (window as any).__nbprojectWrites);
}

/**
 * What a page's notebook says about itself: collaborative, dirty, its
 * nbproject metadata, the header's tab marked dirty.
 */
async function pageState(
  page: any,
  filePath: string
): Promise<{
  collaborative: boolean;
  dirty: boolean;
  nbproject: any;
  dirtyTabs: number;
}> {
  return page.evaluate((path: string) => {
    const model = [...(window as any).jupyterapp.shell.widgets('main')].find(
      (widget: any) => widget.context?.path === path
    ).context.model;
    return {
      collaborative: model.collaborative === true,
      dirty: model.dirty,
      nbproject: model.getMetadata('nbproject') ?? null,
      dirtyTabs: document.querySelectorAll('.lm-TabBar-tab.jp-mod-dirty').length
    };
  }, filePath);
}

/**
 * Open a notebook in a page and wait for its header to have read it.
 */
async function open(page: any, filePath: string): Promise<void> {
  await runCommand(page, 'docmanager:open', { path: filePath });
  await page.waitForSelector(`${HEADER} [data-tracked]`);
}

test.describe('two pages on one notebook, with real-time collaboration', () => {
  test('initialise, run and publish in one page: the other follows, neither writes on its own', async ({
    page,
    browser,
    baseURL,
    tmpPath
  }) => {
    // Two JupyterLab pages, a kernel and quiet periods on a shared machine.
    test.setTimeout(150 * 1000);
    const filePath = `${tmpPath}/shared.ipynb`;
    await page.contents.uploadContent(notebook(), 'text', filePath);

    // Every version of the file on disk: a save by anyone (the server saves
    // the shared document itself) changes its modification time.
    const versions: Array<{ at: number; modified: string; content: any }> = [];
    const start = Date.now();
    const fileInfo = async () => {
      const response = await page.request.get(
        `/api/contents/${filePath}?content=1&type=notebook`
      );
      return response.ok()
        ? response.json()
        : { last_modified: `HTTP ${response.status()}`, content: null };
    };
    let polling = true;
    // A read that fails while the server writes the file (a loaded machine)
    // is no version: counted, and the file must read again at the end.
    let failedReads = 0;
    const poller = (async () => {
      while (polling) {
        const info = await fileInfo().catch(() => null);
        if (info && info.content === null) {
          failedReads++;
        } else if (
          info &&
          (versions.length === 0 ||
            versions[versions.length - 1].modified !== info.last_modified)
        ) {
          versions.push({
            at: Date.now() - start,
            modified: info.last_modified,
            content: info.content
          });
        }
        await new Promise(resolve => setTimeout(resolve, 200));
      }
    })();
    // What a page wrote to the shared notebook that is not JupyterLab's own
    // bookkeeping of a session (the document id and dirty flag it keeps in
    // the shared state, the kernel's language and spec it records).
    const JUPYTERLAB_KEYS = new Set([
      'document_id',
      'dirty',
      'language_info',
      'kernelspec'
    ]);
    const ownWrites = async (viewer: any, since = 0) =>
      (await writes(viewer)).local.filter(
        ({ at, keys }) =>
          at >= since && keys.some(key => !JUPYTERLAB_KEYS.has(key))
      );
    const now = (viewer: any): Promise<number> =>
      viewer.evaluate(() => performance.now());

    await watchWrites(page, filePath);
    await open(page, filePath);
    // A colleague's page, in a browser context of its own. (Galata's usual
    // readiness check waits for a Launcher tab, which the second page of a
    // collaborative session may not show.)
    const { page: other } = await galata.newPage({
      baseURL: baseURL!,
      browser,
      waitForApplication: async (page: any) => {
        await page.locator('#jupyterlab-splash').waitFor({ state: 'detached' });
        await page.waitForFunction(() => (window as any).jupyterapp?.shell);
      },
      mockUser: {
        username: 'colleague',
        name: 'A Colleague',
        display_name: 'A Colleague',
        initials: 'AC'
      }
    });
    try {
      await watchWrites(other, filePath);
      await open(other, filePath);
      const [mine, theirs] = [
        await pageState(page, filePath),
        await pageState(other, filePath)
      ];
      // Without jupyter-collaboration (or with it off) this test proves
      // nothing: say so rather than pass.
      expect(
        mine.collaborative,
        'jupyter-collaboration is not active on the collaboration server'
      ).toBe(true);
      expect(theirs.collaborative).toBe(true);
      const figures: string[] = [];

      await test.step('merely viewing: neither page writes, nothing is dirty, the content on disk is unchanged', async () => {
        await expect(page.locator(HEADER)).toContainText('not tracked');
        await expect(other.locator(HEADER)).toContainText('not tracked');
        // The server saves what JupyterLab records on opening (the kernel's
        // language, the document id) within its 1 s delay: let it settle.
        await expect
          .poll(async () => (await pageState(page, filePath)).dirty, {
            timeout: 10000
          })
          .toBe(false);
        await page.waitForTimeout(4000);
        for (const viewer of [page, other]) {
          expect(await pageState(viewer, filePath)).toMatchObject({
            dirty: false,
            nbproject: null,
            dirtyTabs: 0
          });
          expect(await ownWrites(viewer)).toEqual([]);
        }
        // Whatever the server saved, the notebook's cells and every
        // metadata key but the kernel's language are as uploaded.
        const uploaded = JSON.parse(notebook());
        const withoutLanguage = (metadata: any) =>
          Object.fromEntries(
            Object.entries(metadata).filter(([key]) => key !== 'language_info')
          );
        // (The contents API marks the cells of a notebook the server signed
        // on saving as trusted when it reads them.)
        const cells = (content: any) =>
          content.cells.map(
            ({
              metadata: { trusted: _trusted, ...metadata },
              ...cell
            }: any) => ({ ...cell, metadata })
          );
        for (const version of versions) {
          expect(withoutLanguage(version.content.metadata)).toEqual(
            withoutLanguage(uploaded.metadata)
          );
          expect(cells(version.content)).toEqual(uploaded.cells);
        }
        figures.push(
          `viewing: ${versions.length - 1} saves by the server, of JupyterLab's own keys`
        );
      });

      let id = '';
      await test.step("initialise in one page: the other's header shows the same id", async () => {
        const since = await now(other);
        const asked = Date.now();
        await runCommand(page, 'nbproject:init');
        id = (await pageState(page, filePath)).nbproject.id;
        expect(id).toMatch(/^[0-9A-Za-z]{12}$/);
        await expect(
          other.locator(`${HEADER} [data-field="id"] strong`)
        ).toHaveText(id.slice(0, 4), { timeout: 5000 });
        const followed = Date.now() - asked;
        await expect(
          other.locator(`${HEADER} [data-field="version"]`)
        ).toHaveText('v1');
        expect((await pageState(other, filePath)).nbproject).toEqual(
          (await pageState(page, filePath)).nbproject
        );
        // One write in the page that initialised, none in the other.
        expect(
          (await ownWrites(page)).map(({ keys }) =>
            keys.filter(key => !JUPYTERLAB_KEYS.has(key))
          )
        ).toEqual([['nbproject']]);
        expect(await ownWrites(other, since)).toEqual([]);
        figures.push(`init: the other header followed in ${followed} ms`);
      });

      await test.step('run every cell in one page: the consecutiveness badge agrees in both', async () => {
        await page.notebook.run();
        for (const viewer of [page, other]) {
          await expect(
            viewer.locator(`${HEADER} .jp-nbproject-badge`)
          ).toHaveAttribute('data-consecutive', 'true', {
            timeout: 10000
          });
        }
        const badge = async (viewer: any) =>
          (
            await viewer.locator(`${HEADER} .jp-nbproject-badge`).textContent()
          )?.trim();
        expect(await badge(other)).toBe(await badge(page));
        // Running cells writes counts and outputs, in the page that ran them.
        expect(await ownWrites(other)).toEqual([]);
      });

      await test.step("publish in one page: the other's header follows, the server saves it, then quiet", async () => {
        // Let the server save what running the cells changed.
        await expect
          .poll(async () => (await pageState(page, filePath)).dirty, {
            timeout: 10000
          })
          .toBe(false);
        await page.waitForTimeout(2500);
        const before = versions.length;
        const asked = Date.now();
        const result = await runCommand(page, 'nbproject:publish', {
          interactive: false,
          note: 'shared'
        });
        expect(result).toMatchObject({ published: true, version: '2' });
        await expect(
          other.locator(`${HEADER} [data-field="published"]`)
        ).toContainText('Published v2', { timeout: 5000 });
        const followed = Date.now() - asked;
        await expect(
          other.locator(`${HEADER} [data-field="version"]`)
        ).toHaveText('v2');
        // The server writes the publication (its autosave of the change and
        // the publish's own save may both land, 0.1 s apart, with the same
        // content); let them land, then nothing more may be written.
        await expect
          .poll(() => versions.length, { timeout: 10000 })
          .toBeGreaterThan(before);
        await page.waitForTimeout(2000);
        const published = versions.slice(before);
        const [quietMine, quietTheirs, quietVersions] = [
          await now(page),
          await now(other),
          versions.length
        ];
        await page.waitForTimeout(5000);
        expect(versions.length).toBe(quietVersions);
        expect(await ownWrites(page, quietMine)).toEqual([]);
        expect(await ownWrites(other, quietTheirs)).toEqual([]);
        for (const viewer of [page, other]) {
          expect(await pageState(viewer, filePath)).toMatchObject({
            dirty: false,
            dirtyTabs: 0
          });
        }
        // The same metadata in both pages and in every save since: no page
        // wrote its own version back.
        const saved = versions[versions.length - 1].content;
        expect(saved.metadata.nbproject.id).toBe(id);
        expect(saved.metadata.nbproject.version).toBe('2');
        expect(saved.metadata.jupyterlab_nbproject.history).toHaveLength(1);
        for (const version of published) {
          expect(version.content.metadata).toEqual(saved.metadata);
        }
        expect(published.length).toBeLessThanOrEqual(2);
        expect((await pageState(other, filePath)).nbproject).toEqual(
          saved.metadata.nbproject
        );
        expect((await pageState(page, filePath)).nbproject).toEqual(
          saved.metadata.nbproject
        );
        figures.push(
          `publish: the other header followed in ${followed} ms, ${published.length} save(s) seen, none after`
        );
      });

      // Whatever reads failed on the way, the file on disk reads now.
      expect((await fileInfo()).content).not.toBeNull();
      // The other page only ever received: it never wrote to the notebook.
      const received = await writes(other);
      expect(await ownWrites(other)).toEqual([]);
      expect(received.remote).toBeGreaterThan(0);
      console.log(
        `${figures.join('; ')}; file versions at ${versions.map(v => `${(v.at / 1000).toFixed(1)} s`).join(', ')} (${failedReads} failed reads); ` +
          `writes: this page ${JSON.stringify((await writes(page)).local.map(({ keys }) => keys.join('+')))}, ` +
          `the other ${JSON.stringify(received.local.map(({ keys }) => keys.join('+')))}`
      );
    } finally {
      polling = false;
      await poller.catch(() => undefined);
      await other
        .evaluate(async (path: string) => {
          const panel = [
            ...(window as any).jupyterapp.shell.widgets('main')
          ].find((widget: any) => widget.context?.path === path);
          await panel?.sessionContext?.shutdown();
        }, filePath)
        .catch(() => undefined);
      await other.context().close();
    }
  });
});
