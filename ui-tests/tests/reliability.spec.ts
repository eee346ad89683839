import { expect, galata, test } from '@jupyterlab/galata';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readNbproject } from '../../src/core/nbproject/metadata';
import { metadataIssueText } from '../../src/components/messages/metadata';
import {
  generateBadNotebooks,
  IBadNotebook,
  makeNotebook,
  pick,
  mulberry32,
  PAYLOADS,
  SENTINEL,
  validNbproject
} from '../../testutils/badNotebooks';
import {
  expandAndWaitForKernel,
  HEADER,
  liveMetadata,
  runCommand,
  savedNotebook
} from './utils';

/**
 * The seed of the generated notebooks (the jest suite uses the same one).
 */
const SEED = 20261122;

/**
 * Errors the page reports: uncaught exceptions, and console errors that
 * mention this extension.
 */
function watchErrors(page: any): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error: Error) => {
    const text = `pageerror: ${error.message}\n${error.stack ?? ''}`;
    // JupyterLab's own deferred cell rendering can fire after a panel we
    // closed was disposed (contentHeader null in _updateForDeferMode): a race
    // inside JupyterLab, with no frame of this extension; not counted.
    if (/_updateForDeferMode/.test(text) && !/nbproject/i.test(text)) {
      return;
    }
    errors.push(text);
  });
  page.on('console', (message: any) => {
    if (message.type() === 'error' && /nbproject/i.test(message.text())) {
      errors.push(`console: ${message.text()}`);
    }
  });
  return errors;
}

/**
 * Open a notebook by path and wait for its header to have read it.
 */
async function openPath(page: any, filePath: string): Promise<void> {
  await page.evaluate(async (p: string) => {
    await (window as any).jupyterapp.commands.execute('docmanager:open', {
      path: p
    });
  }, filePath);
  await page.waitForFunction(
    (p: string) =>
      (window as any).jupyterapp.shell.currentWidget?.context?.path === p,
    filePath
  );
  await page.locator(`${HEADER} [data-tracked]`).waitFor({ timeout: 30000 });
}

/**
 * The header's way of cutting a stranger's string (`view.tsx`).
 */
function cut(value: string, max = 80): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}

/**
 * The sample opened in the browser: the notebooks that put a payload in
 * every shown field (one per payload), and a seeded pick of one notebook of
 * each other kind that JupyterLab itself can open.
 */
function browserSample(): IBadNotebook[] {
  const all = generateBadNotebooks({ seed: SEED }).filter(
    item => item.opensInLab
  );
  const rng = mulberry32(SEED);
  const byKind = new Map<string, IBadNotebook[]>();
  for (const item of all) {
    byKind.set(item.kind, [...(byKind.get(item.kind) ?? []), item]);
  }
  const sample: IBadNotebook[] = [];
  for (const [kind, items] of byKind) {
    if (kind === 'injection') {
      sample.push(...items.filter(item => item.name.includes('inject-all')));
    } else {
      // 10,000 cells take JupyterLab itself long to render: left to jest.
      sample.push(
        ...pick(
          rng,
          items.filter(item => !item.name.includes('cells-10000')),
          1
        )
      );
    }
  }
  return sample;
}

/**
 * What the header of the current notebook shows, read in one go.
 */
interface IHeaderState {
  tracked: string | null;
  text: string;
  height: number;
  problems: string[];
  markup: number;
  toastMarkup: number;
  sentinel: unknown;
  author: string | null;
  version: string | null;
  nbproject: string | undefined;
  extension: string | undefined;
}

/**
 * Wait until the current notebook's header has read the notebook (and shows
 * its details, when expected), then read what it shows.
 */
async function headerState(page: any, details: boolean): Promise<IHeaderState> {
  const handle = await page
    .waitForFunction(
      ({
        selector,
        sentinel,
        details
      }: {
        selector: string;
        sentinel: string;
        details: boolean;
      }) => {
        const header = document.querySelector(selector);
        const tracked =
          header
            ?.querySelector('[data-tracked]')
            ?.getAttribute('data-tracked') ?? null;
        if (
          !header ||
          tracked === null ||
          (details && !header.querySelector('.jp-nbproject-details'))
        ) {
          return null;
        }
        const model = (window as any).jupyterapp.shell.currentWidget.context
          .model;
        const json = (key: string) => {
          const value = model.getMetadata(key);
          return value === undefined ? undefined : JSON.stringify(value);
        };
        return {
          tracked,
          text: header.textContent ?? '',
          height: header.getBoundingClientRect().height,
          problems: Array.from(
            header.querySelectorAll('.jp-nbproject-problems li'),
            li => li.textContent ?? ''
          ),
          markup: header.querySelectorAll(
            'img, script, iframe, svg, object, embed, details, a, b'
          ).length,
          toastMarkup: document.querySelectorAll(
            '.jp-Notification-Toast :is(img, script, iframe, object, embed, details, a[href^="javascript"])'
          ).length,
          sentinel: (window as any)[sentinel],
          author:
            header.querySelector('dd[data-field="author"]')?.textContent ??
            null,
          version:
            header.querySelector('dd[data-field="version"]')?.textContent ??
            null,
          nbproject: json('nbproject'),
          extension: json('jupyterlab_nbproject')
        };
      },
      { selector: HEADER, sentinel: SENTINEL, details },
      { timeout: 30000 }
    )
    .catch(async (error: Error) => {
      const html = await page.evaluate(
        (selector: string) =>
          document.querySelector(selector)?.outerHTML.slice(0, 3000),
        HEADER
      );
      throw new Error(`${error.message}\nheader: ${html}`);
    });
  return handle.jsonValue();
}

/**
 * Open notebooks without starting a kernel, as after choosing "No Kernel"
 * (the notebook factory's kernel preference; JupyterLab offers no public
 * switch). Opening is faster, and closing a panel cannot race JupyterLab's
 * debugger, which rejects its pending debug_info request ("Canceled future
 * for debug_request") when a kernel connection goes away.
 */
async function preferKernel(page: any, value: boolean): Promise<void> {
  await page.evaluate((v: boolean) => {
    (window as any).jupyterapp.docRegistry.getWidgetFactory(
      'Notebook'
    )._preferKernel = v;
  }, value);
}

/**
 * Close the current notebook panel without asking, once it has settled.
 */
async function closeCurrent(page: any): Promise<void> {
  await page.evaluate(async () => {
    const widget = (window as any).jupyterapp.shell.currentWidget;
    await Promise.all([
      widget.context.ready,
      widget.sessionContext.ready,
      widget.revealed
    ]);
    widget.context.model.dirty = false;
    widget.dispose();
  });
}

/**
 * The wording in English, as JupyterLab's translator gives it when no
 * language pack is installed: `%1`, `%2` replaced by the arguments.
 */
const ENGLISH = (() => {
  const fill = (text: string, args: unknown[]): string =>
    text.replace(/%(\d+)/g, (_, i) => String(args[Number(i) - 1]));
  return {
    __: (text: string, ...args: unknown[]) => fill(text, args),
    _n: (one: string, many: string, n: number, ...args: unknown[]) =>
      fill(n === 1 ? one : many, [n, ...args])
  } as unknown as Parameters<typeof metadataIssueText>[0];
})();

test.describe("strangers' notebooks in the browser", () => {
  // Details open at once: one read of the page per notebook.
  test.use({
    mockSettings: {
      ...galata.DEFAULT_SETTINGS,
      'jupyterlab-nbproject:plugin': { expandHeader: true }
    }
  });

  test('a sample of the generated bad notebooks opens with a readable header, markup as text, nothing run or written', async ({
    page,
    tmpPath
  }) => {
    const sample = browserSample();
    expect(sample.length).toBeGreaterThanOrEqual(20);
    test.setTimeout(60000 + sample.length * 5000);
    const errors = watchErrors(page);
    await Promise.all(
      sample.map(item =>
        page.contents.uploadContent(
          JSON.stringify(item.notebook),
          'text',
          `${tmpPath}/${item.name}.ipynb`
        )
      )
    );
    await preferKernel(page, false);
    const opened: string[] = [];
    const started = Date.now();

    for (const item of sample) {
      await openPath(page, `${tmpPath}/${item.name}.ipynb`);
      const read = readNbproject(item.notebook.metadata.nbproject);
      const state = await headerState(page, read.metadata !== null);
      const name = item.name;

      // A readable message: "not tracked", or every problem in words.
      expect(state.tracked, name).toBe(String(read.present));
      if (!read.present) {
        expect(state.text, name).toContain('This notebook is not tracked.');
      }
      expect(state.problems, name).toEqual(
        read.problems.map(issue => metadataIssueText(ENGLISH, issue))
      );
      // Values are cut: a 1 MB string never reaches the page.
      expect(state.text.length, name).toBeLessThan(20000);
      expect(state.height, name).toBeLessThan(1200);
      // Injected markup is text: no element it could create exists, and
      // the payload reads as it was written.
      expect(state.markup, name).toBe(0);
      expect(state.sentinel, name).toBeUndefined();
      if (item.payload && name.includes('inject-all')) {
        expect(state.author, name).toBe(
          cut(`${item.payload} (${item.payload})`)
        );
        expect(state.version, name).toBe(cut(item.payload));
      }
      // Merely opening writes nothing of ours. (JupyterLab's own model drops
      // a "__proto__" key nested in a metadata value: compare without.)
      for (const [key, live] of [
        ['nbproject', state.nbproject],
        ['jupyterlab_nbproject', state.extension]
      ]) {
        const stored = JSON.stringify(item.notebook.metadata[key!]);
        if (!stored?.includes('"__proto__"')) {
          expect(live, `${name} ${key}`).toBe(stored);
        }
      }
      opened.push(name);
      await closeCurrent(page);
    }
    const elapsed = Date.now() - started;

    // A payload in the title reaches the publish dialog as text.
    const titled = sample.find(
      item =>
        item.name.includes('inject-all') && item.payload!.startsWith('<img')
    )!;
    await openPath(page, `${tmpPath}/${titled.name}.ipynb`);
    void runCommand(page, 'nbproject:publish');
    const dialog = page.locator('.jp-Dialog');
    await expect(dialog.locator('[data-check="title"]')).toContainText(
      `Title: ${titled.payload}`
    );
    await expect(dialog.locator(':is(img, script, iframe)')).toHaveCount(0);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await closeCurrent(page);

    // With a kernel, every payload as a package name is "missing": the
    // warning names them as text (JupyterLab cuts a toast's text short).
    await preferKernel(page, true);
    const packagesPath = `${tmpPath}/payload-packages.ipynb`;
    const packages = Object.fromEntries(
      PAYLOADS.map(payload => [payload, '1.0'])
    );
    await page.contents.uploadContent(
      JSON.stringify(
        makeNotebook({
          nbproject: { ...validNbproject(), pypackage: packages }
        })
      ),
      'text',
      packagesPath
    );
    await openPath(page, packagesPath);
    const toast = page.locator('.jp-Notification-Toast-warning');
    await expect(toast).toContainText('<img src=x onerror=', {
      timeout: 30000
    });
    await expect(
      page.locator(
        '.jp-Notification-Toast :is(img, script, iframe, object, embed, details, a[href^="javascript"])'
      )
    ).toHaveCount(0);
    await expect(
      page.locator(`${HEADER} tr[data-status="missing"]`)
    ).toHaveCount(PAYLOADS.length);
    expect(
      await page.evaluate((name: string) => (window as any)[name], SENTINEL)
    ).toBeUndefined();

    console.log(
      `${opened.length} bad notebooks opened and checked in ${elapsed} ms`
    );
    expect(opened).toHaveLength(sample.length);
    expect(errors).toEqual([]);
  });
});

/**
 * A tracked notebook whose second cell keeps the kernel busy for a while.
 */
function kernelNotebook(seconds: number): string {
  return JSON.stringify(
    makeNotebook({
      nbproject: { ...validNbproject(), pypackage: null },
      cells: [
        { cell_type: 'markdown', metadata: {}, source: '# Kernel faults' },
        {
          cell_type: 'code',
          execution_count: null,
          metadata: {},
          outputs: [],
          source: `import time\ntime.sleep(${seconds})`
        },
        {
          cell_type: 'code',
          execution_count: null,
          metadata: {},
          outputs: [],
          source: 'import json\nimport os\nos.getpid()'
        }
      ]
    })
  );
}

/**
 * Where the header's environment row stands: `ready` when it shows the
 * kernel's Python and no state, else the probe state it shows.
 */
async function kernelRow(
  page: any
): Promise<{ state: string | null; message: string }> {
  return page.evaluate((selector: string) => {
    const row = document.querySelector(
      `${selector} dd[data-field="environment"]`
    );
    const state = row?.querySelector('.jp-nbproject-kernel-state');
    return {
      state:
        state?.getAttribute('data-state') ??
        (row && /Python \d/.test(row.textContent ?? '') ? 'ready' : null),
      message: (state?.textContent ?? '').trim()
    };
  }, HEADER);
}

/**
 * Record every state the environment row shows, with the time it appeared.
 */
async function recordStates(page: any): Promise<void> {
  await page.evaluate((selector: string) => {
    const log: Array<[number, string]> = ((window as any).__nbprojectStates =
      []);
    const start = performance.now();
    setInterval(() => {
      const row = document.querySelector(
        `${selector} dd[data-field="environment"]`
      );
      const state =
        row
          ?.querySelector('.jp-nbproject-kernel-state')
          ?.getAttribute('data-state') ??
        (row && /Python \d/.test(row.textContent ?? '') ? 'ready' : 'none');
      if (log.length === 0 || log[log.length - 1][1] !== state) {
        log.push([Math.round(performance.now() - start), state]);
      }
    }, 50);
  }, HEADER);
}

async function recordedStates(page: any): Promise<Array<[number, string]>> {
  return page.evaluate(() => (window as any).__nbprojectStates);
}

/**
 * Wait until the environment row shows one of the states; return it.
 */
async function waitForState(
  page: any,
  states: string[],
  timeout: number
): Promise<string> {
  let last = '';
  try {
    await expect
      .poll(async () => (last = (await kernelRow(page)).state ?? 'none'), {
        timeout,
        intervals: [100]
      })
      .toMatch(new RegExp(`^(${states.join('|')})$`));
  } catch (error) {
    // Say what JupyterLab itself believed, to tell our fault from its.
    const seen = await page.evaluate(() => {
      const kernel = (window as any).jupyterapp.shell.currentWidget
        ?.sessionContext?.session?.kernel;
      return {
        status: kernel?.status,
        connection: kernel?.connectionStatus,
        statuses: (window as any).__nbprojectKernelStatuses,
        row: (window as any).__nbprojectStates
      };
    });
    throw new Error(
      `${(error as Error).message}\nrow message: ${(await kernelRow(page)).message}; ` +
        `JupyterLab: ${JSON.stringify(seen)}`
    );
  }
  return last;
}

/**
 * Open the kernel-fault notebook, expanded, with the kernel's answer in.
 */
async function openKernelNotebook(
  page: any,
  tmpPath: string,
  seconds: number
): Promise<string> {
  const filePath = `${tmpPath}/kernel-faults.ipynb`;
  await page.contents.uploadContent(kernelNotebook(seconds), 'text', filePath);
  await openPath(page, filePath);
  await expandAndWaitForKernel(page);
  await recordStates(page);
  return filePath;
}

/**
 * Run a cell of the current notebook without waiting for it to finish.
 */
async function startCell(
  page: any,
  index: number,
  until: 'busy' | 'done' | 'sent' = 'busy'
): Promise<void> {
  await page.evaluate(
    async ({ i, until }: { i: number; until: string }) => {
      const app = (window as any).jupyterapp;
      const panel = app.shell.currentWidget;
      panel.content.activeCellIndex = i;
      const done = app.commands.execute('notebook:run-cell');
      if (until === 'done') {
        await done;
      } else if (until === 'busy') {
        const kernel = panel.sessionContext.session.kernel;
        await new Promise<void>(resolve => {
          const check = () =>
            kernel.status === 'busy' ? resolve() : setTimeout(check, 20);
          check();
        });
      }
    },
    { i: index, until }
  );
}

/**
 * Errors of this extension: uncaught exceptions thrown from its code, and
 * console errors naming it. (JupyterLab's own debugger rejects its pending
 * requests when a kernel goes away: that is not ours.)
 */
function watchOwnErrors(page: any): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error: Error) => {
    if (/nbproject/i.test(`${error.message}\n${error.stack ?? ''}`)) {
      errors.push(`pageerror: ${error.message}\n${error.stack ?? ''}`);
    }
  });
  page.on('console', (message: any) => {
    if (message.type() === 'error' && /nbproject/i.test(message.text())) {
      errors.push(`console: ${message.text()}`);
    }
  });
  return errors;
}

test.describe('kernel faults, with a real ipykernel', () => {
  // Real kernel routes (Galata's mock answers every POST under /api/kernels,
  // restarts included, with 201), a 2 s probe timeout, details open.
  test.use({
    kernels: null,
    mockSettings: {
      ...galata.DEFAULT_SETTINGS,
      'jupyterlab-nbproject:plugin': { probeTimeout: 2, expandHeader: true }
    }
  });

  test.afterEach(async ({ page }) => {
    // No Galata kernel tracking here: shut down what the test started.
    await page
      .evaluate(async () => {
        const widget = (window as any).jupyterapp?.shell.currentWidget;
        await widget?.sessionContext?.shutdown();
      })
      .catch(() => undefined);
  });

  test('a probe while a long cell runs, then a kernel restart during a probe', async ({
    page,
    tmpPath
  }) => {
    const errors = watchOwnErrors(page);
    await openKernelNotebook(page, tmpPath, 4);

    await test.step('a probe behind a long cell says "kernel busy" after the timeout, then answers once idle', async () => {
      await startCell(page, 1);
      const asked = Date.now();
      await runCommand(page, 'nbproject:refresh');
      const settled = Date.now() - asked;
      expect(await kernelRow(page)).toEqual({
        state: 'busy',
        message: 'Kernel busy - will retry when idle.'
      });
      // The refresh settled on the 2 s timeout, not on the 4 s cell.
      expect(settled).toBeLessThan(3800);
      await waitForState(page, ['ready'], 20000);
      const states = (await recordedStates(page)).map(([, state]) => state);
      // Busy, then ready again; a lost request may be retried (an extra
      // "probing") without changing what the user sees.
      expect(states[0]).toBe('ready');
      expect(states.indexOf('busy')).toBeGreaterThan(0);
      expect(states[states.length - 1]).toBe('ready');
      expect(states.lastIndexOf('busy')).toBeLessThan(states.length - 1);
      // The probe took no execution count: the long cell is 1, nothing else ran.
      expect(
        await page.evaluate(
          () =>
            (
              window as any
            ).jupyterapp.shell.currentWidget.context.model.cells.get(1)
              .executionCount
        )
      ).toBe(1);
      console.log(
        `busy: settled after ${settled} ms, ready ${Date.now() - asked} ms after asking; ${states.join(' > ')}`
      );
    });

    await test.step("a restart while the probe waits behind a running cell ends with the new kernel's answer", async () => {
      await recordStates(page);
      await startCell(page, 1);
      void runCommand(page, 'nbproject:refresh');
      await waitForState(page, ['probing'], 5000);
      const restarted = Date.now();
      await page.evaluate(async () => {
        await (
          window as any
        ).jupyterapp.shell.currentWidget.sessionContext.session.kernel.restart();
      });
      await waitForState(page, ['ready'], 30000);
      const states = (await recordedStates(page)).map(([, state]) => state);
      expect(states).toContain('starting');
      expect(states[states.length - 1]).toBe('ready');
      console.log(
        `restart during a probe: ready ${Date.now() - restarted} ms after the restart; ${states.join(' > ')}`
      );
    });
    expect(errors).toEqual([]);
  });

  test('a killed kernel, another kernel, No Kernel and back: a clear state each time', async ({
    page,
    tmpPath
  }) => {
    const errors = watchOwnErrors(page);
    await openKernelNotebook(page, tmpPath, 0);

    await test.step('a killed kernel: the row leaves "ready" at once, and answers again on its own', async () => {
      // The kernel's process id, from the kernel itself.
      await startCell(page, 2, 'done');
      const pid = Number((await page.notebook.getCellTextOutput(2))?.[0]);
      expect(pid).toBeGreaterThan(0);
      // JupyterLab's kernel statuses, with the time each was reported.
      await page.evaluate(() => {
        const context = (window as any).jupyterapp.shell.currentWidget
          .sessionContext;
        const log: Array<[number, string]> = ((
          window as any
        ).__nbprojectKernelStatuses = []);
        context.statusChanged.connect((_: unknown, status: string) =>
          log.push([Date.now(), status])
        );
      });
      const killed = Date.now();
      process.kill(pid, 'SIGKILL');
      // Stale versions are never shown as live: the row leaves "ready" with
      // a sentence as soon as JupyterLab learns the kernel died.
      await waitForState(page, ['starting', 'dead'], 15000);
      const left = Date.now() - killed;
      expect((await kernelRow(page)).message).toMatch(/kernel/i);
      // JupyterLab says so in a dialog too (one or two); the user dismisses
      // them.
      const dialogs: string[] = [];
      const dismiss = async (timeout: number) => {
        const dialog = page.locator('.jp-Dialog');
        await dialog.getByRole('button', { name: 'Ok' }).waitFor({ timeout });
        dialogs.push(
          (
            (await dialog.locator('.jp-Dialog-header').textContent()) ?? ''
          ).trim()
        );
        await dialog.getByRole('button', { name: 'Ok' }).click();
      };
      await dismiss(15000);
      await dismiss(3000).catch(() => undefined);
      // The server restarts the kernel. JupyterLab may miss the new kernel's
      // first "idle" (it ignores the status of its own kernel_info request)
      // and keep saying "starting": the probe asks anyway once "starting"
      // has lasted its 2 s timeout, so the row answers without a cell run.
      await waitForState(page, ['ready'], 20000);
      const ready = Date.now();
      const statuses: Array<[number, string]> = await page.evaluate(
        () => (window as any).__nbprojectKernelStatuses
      );
      const lastStarting = statuses
        .map(([, status]) => status)
        .lastIndexOf('starting');
      const startingAt = lastStarting >= 0 ? statuses[lastStarting][0] : null;
      // Nothing ran: the pid cell keeps its count, no other cell has one.
      expect(
        await page.evaluate(() =>
          Array.from(
            (window as any).jupyterapp.shell.currentWidget.context.model.cells
          ).map((cell: any) => cell.executionCount ?? null)
        )
      ).toEqual([null, null, 1]);
      // Ready within the 2 s probe timeout (and the probe's answer) of
      // JupyterLab's last "starting".
      if (startingAt !== null) {
        expect(ready - startingAt).toBeLessThan(2000 + 3000);
      }
      const states = (await recordedStates(page)).map(([, state]) => state);
      expect(states[states.length - 1]).toBe('ready');
      console.log(
        `killed kernel: left "ready" after ${left} ms; ready ${ready - killed} ms after SIGKILL, ` +
          `${startingAt === null ? 'no "starting" reported' : `${ready - startingAt} ms after JupyterLab's last "starting"`}; ` +
          `JupyterLab: ${statuses.map(([t, status]) => `${status}@${t - killed}`).join(' ')}; row: ${states.join(' > ')}; ` +
          `dialogs: ${dialogs.join(' / ')}`
      );
    });

    await test.step('another kernel, No Kernel, and a kernel again', async () => {
      await recordStates(page);
      const timings: string[] = [];
      const kernelId = () =>
        page.evaluate(
          () =>
            (window as any).jupyterapp.shell.currentWidget.sessionContext
              .session?.kernel?.id
        );
      const first = await kernelId();
      let since = Date.now();
      await page.evaluate(async () => {
        await (
          window as any
        ).jupyterapp.shell.currentWidget.sessionContext.changeKernel({
          name: 'python3'
        });
      });
      await waitForState(page, ['ready'], 30000);
      timings.push(`another kernel: ready in ${Date.now() - since} ms`);
      expect(await kernelId()).not.toBe(first);

      // "No Kernel" in JupyterLab's kernel dialog shuts the session down.
      since = Date.now();
      await page.evaluate(async () => {
        await (
          window as any
        ).jupyterapp.shell.currentWidget.sessionContext.shutdown();
      });
      await waitForState(page, ['no-kernel'], 15000);
      timings.push(`no kernel: said in ${Date.now() - since} ms`);
      expect((await kernelRow(page)).message).toBe(
        'No kernel: live package versions are unknown.'
      );

      since = Date.now();
      await page.evaluate(async () => {
        await (
          window as any
        ).jupyterapp.shell.currentWidget.sessionContext.changeKernel({
          name: 'python3'
        });
      });
      await waitForState(page, ['ready'], 30000);
      timings.push(`a kernel again: ready in ${Date.now() - since} ms`);
      const states = (await recordedStates(page)).map(([, state]) => state);
      expect(states).toContain('no-kernel');
      console.log(`${timings.join('; ')}; ${states.join(' > ')}`);
    });
    expect(errors).toEqual([]);
  });
});

/**
 * A 1x1 PNG, base64.
 */
const PIXEL =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/**
 * A tracked notebook with every kind of cell, output and metadata.
 */
function richNotebook(): string {
  return JSON.stringify(
    makeNotebook({
      nbproject: {
        ...validNbproject(),
        pypackage: null,
        their_key: { kept: [1, 'two', null] }
      },
      extension: { schema_version: 1, history: [], their_key: 'kept' },
      metadata: {
        custom_notebook_key: { nested: { deep: [true, 0.5] } },
        authors: [{ name: 'Ada' }]
      },
      cells: [
        {
          cell_type: 'markdown',
          metadata: { tags: ['intro'], custom: { nested: [1, { a: 'b' }] } },
          source: '# Keep everything\n\n![pixel](attachment:pixel.png)',
          attachments: { 'pixel.png': { 'image/png': PIXEL } }
        },
        {
          cell_type: 'code',
          execution_count: 1,
          metadata: {
            collapsed: false,
            scrolled: true,
            tags: ['setup'],
            jupyter: { source_hidden: false },
            custom_key: { x: 1 }
          },
          outputs: [{ name: 'stdout', output_type: 'stream', text: 'hello\n' }],
          source: "import json\nprint('hello')"
        },
        {
          cell_type: 'code',
          execution_count: 2,
          metadata: { editable: true },
          outputs: [
            {
              data: { 'text/html': '<b>42</b>', 'text/plain': '42' },
              execution_count: 2,
              metadata: { note: 'kept' },
              output_type: 'execute_result'
            },
            {
              data: { 'image/png': PIXEL, 'text/plain': '<Figure>' },
              metadata: { 'image/png': { height: 1, width: 1 } },
              output_type: 'display_data'
            }
          ],
          source: 'value = 41\nvalue + 1'
        },
        {
          cell_type: 'code',
          execution_count: 3,
          metadata: {},
          outputs: [
            {
              ename: 'ValueError',
              evalue: 'x',
              output_type: 'error',
              traceback: ['Traceback', 'ValueError: x']
            }
          ],
          source: "raise ValueError('x')"
        },
        {
          cell_type: 'raw',
          metadata: {
            format: 'text/x-rst',
            raw_mimetype: 'text/restructuredtext'
          },
          source: 'raw *text*'
        }
      ]
    })
  );
}

/**
 * The current notebook as its model holds it, as JSON text.
 */
async function liveNotebook(page: any): Promise<any> {
  return JSON.parse(
    await page.evaluate(() =>
      JSON.stringify(
        (window as any).jupyterapp.shell.currentWidget.context.model.toJSON()
      )
    )
  );
}

/**
 * A notebook without the two keys publishing owns.
 */
function withoutOwned(notebook: any): any {
  const metadata = { ...notebook.metadata };
  delete metadata.nbproject;
  delete metadata.jupyterlab_nbproject;
  return { ...notebook, metadata };
}

test.describe('no data lost on publish', () => {
  test("publishing keeps every cell's source, outputs and metadata, and the unsaved edits; undo still works", async ({
    page,
    tmpPath
  }) => {
    const errors = watchErrors(page);
    const filePath = `${tmpPath}/keep.ipynb`;
    await page.contents.uploadContent(richNotebook(), 'text', filePath);
    await openPath(page, filePath);
    // JupyterLab writes the kernel's `language_info` (with its version)
    // when the kernel comes up, which makes the notebook dirty again: on a
    // loaded machine that came after the publication's save. Wait for it,
    // so that the dirty mark below is about what publishing did.
    await page.waitForFunction(
      () => {
        const panel = (window as any).jupyterapp.shell.currentWidget;
        return (
          panel.sessionContext.session?.kernel?.status === 'idle' &&
          panel.context.model.getMetadata('language_info')?.version !==
            undefined
        );
      },
      undefined,
      { timeout: 60000 }
    );
    const source = () =>
      page.evaluate(() =>
        (window as any).jupyterapp.shell.currentWidget.context.model.cells
          .get(2)
          .sharedModel.getSource()
      );
    const original = await source();

    // Unsaved edits: typed into a cell, a cell's metadata, a notebook key.
    await page.notebook.enterCellEditingMode(2);
    await page.keyboard.press('Control+End');
    await page.keyboard.type('  # edited');
    const edited = await source();
    expect(edited).toBe(`${original}  # edited`);
    await page.evaluate(() => {
      const model = (window as any).jupyterapp.shell.currentWidget.context
        .model;
      model.cells.get(1).setMetadata('unsaved_cell_key', { x: [1, 2] });
      model.setMetadata('unsaved_notebook_key', 'kept');
    });
    const before = await liveNotebook(page);

    const result = await runCommand(page, 'nbproject:publish', {
      interactive: false,
      force: true,
      note: 'keep'
    });
    expect(result.published).toBe(true);
    const saved = await savedNotebook(page, filePath);
    // Cells and every other key, exactly as the live notebook had them.
    expect(withoutOwned(saved)).toEqual(withoutOwned(before));
    expect(saved.cells[2].source).toBe(edited);
    expect(saved.cells[1].metadata.unsaved_cell_key).toEqual({ x: [1, 2] });
    expect(saved.metadata.unsaved_notebook_key).toBe('kept');
    // Inside the owned keys, what publishing does not own is kept too.
    expect(saved.metadata.nbproject.their_key).toEqual({
      kept: [1, 'two', null]
    });
    expect(saved.metadata.nbproject.user_name).toBe('Ada Lovelace');
    expect(saved.metadata.jupyterlab_nbproject.their_key).toBe('kept');
    expect(saved.metadata.nbproject.version).toBe(result.version);
    await expect(page.locator('.jp-mod-current.jp-mod-dirty')).toHaveCount(0);

    // Undo and redo of the typed edit still work, and leave the publication.
    await page.notebook.enterCellEditingMode(2);
    for (let i = 0; i < 30 && (await source()) !== original; i++) {
      await page.keyboard.press('Control+z');
    }
    expect(await source()).toBe(original);
    for (let i = 0; i < 30 && (await source()) !== edited; i++) {
      await page.keyboard.press('Control+Shift+z');
    }
    expect(await source()).toBe(edited);
    expect((await liveMetadata(page)).version).toBe(result.version);
    expect(errors).toEqual([]);
  });
});

/**
 * The Jupyter server's root directory, when this machine runs it: from
 * JUPYTERLAB_GALATA_ROOT_DIR, else from the server's runtime file for the
 * test port. Checked against the test's folder, which Galata has made.
 */
function serverRoot(tmpPath: string): string | null {
  const candidates: string[] = [];
  if (process.env.JUPYTERLAB_GALATA_ROOT_DIR) {
    candidates.push(process.env.JUPYTERLAB_GALATA_ROOT_DIR);
  }
  const port = Number(process.env.NBPROJECT_TEST_PORT || '8888');
  const runtimeDirs = [
    process.env.JUPYTER_RUNTIME_DIR,
    path.join(
      process.env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share'),
      'jupyter',
      'runtime'
    )
  ];
  for (const dir of runtimeDirs) {
    if (!dir || !fs.existsSync(dir)) {
      continue;
    }
    const files = fs
      .readdirSync(dir)
      .filter(name => /^jpserver-\d+\.json$/.test(name))
      .map(name => path.join(dir, name))
      .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
    for (const file of files) {
      try {
        const info = JSON.parse(fs.readFileSync(file, 'utf8'));
        if (info.port === port && typeof info.root_dir === 'string') {
          candidates.push(info.root_dir);
        }
      } catch {
        // A runtime file being written or removed.
      }
    }
  }
  return (
    candidates.find(root => fs.existsSync(path.join(root, tmpPath))) ?? null
  );
}

/**
 * Make a file read-only for the server: mode 444, and immutable when the
 * server runs as root (root writes any file whatever its mode).
 *
 * @returns how to undo it, or a reason it could not be done.
 */
function makeReadOnly(file: string): { undo: () => void } | { reason: string } {
  fs.chmodSync(file, 0o444);
  if (process.getuid?.() !== 0) {
    return { undo: () => fs.chmodSync(file, 0o644) };
  }
  try {
    execFileSync('chattr', ['+i', file], { stdio: 'pipe' });
  } catch (error) {
    fs.chmodSync(file, 0o644);
    return {
      reason: `running as root, and chattr +i failed (${(error as Error).message.split('\n')[0]})`
    };
  }
  return {
    undo: () => {
      execFileSync('chattr', ['-i', file], { stdio: 'pipe' });
      fs.chmodSync(file, 0o644);
    }
  };
}

test.describe('read-only and odd files', () => {
  test('a read-only notebook: the header reads it, publishing is refused with a reason, the file is untouched', async ({
    page,
    tmpPath
  }) => {
    const root = serverRoot(tmpPath);
    test.skip(
      !root,
      'The Jupyter server root was not found (set JUPYTERLAB_GALATA_ROOT_DIR): cannot make a file read-only.'
    );
    const errors = watchErrors(page);
    const filePath = `${tmpPath}/read-only.ipynb`;
    await page.contents.uploadContent(richNotebook(), 'text', filePath);
    const file = path.join(root!, filePath);
    const readOnly = makeReadOnly(file);
    test.skip(
      'reason' in readOnly,
      `Cannot make a file read-only here: ${'reason' in readOnly ? readOnly.reason : ''}`
    );
    try {
      const onDisk = fs.readFileSync(file, 'utf8');
      await openPath(page, filePath);
      await expect(
        page.locator(`${HEADER} [data-field="version"]`).first()
      ).toHaveText('v1');
      expect(
        await page.evaluate(
          () =>
            (window as any).jupyterapp.shell.currentWidget.context.contentsModel
              .writable
        )
      ).toBe(false);

      const result = await runCommand(page, 'nbproject:publish', {
        interactive: false,
        force: true
      });
      expect(result.published).toBe(false);
      expect(result.problems.join(' ')).toMatch(/read-only.*Save Notebook As/);
      // From the toolbar: a warning, no dialog, nothing written.
      await page
        .locator(
          '.jp-NotebookPanel:not(.lm-mod-hidden) [data-jp-item-name="nbproject-publish"]'
        )
        .click();
      await expect(
        page.locator('.jp-Notification-Toast-warning')
      ).toContainText('read-only');
      await expect(page.locator('.jp-Dialog')).toHaveCount(0);
      // Nothing of ours changed (JupyterLab itself may still record the
      // kernel's language_info, which would make the notebook dirty).
      const stored = JSON.parse(onDisk).metadata;
      expect(await liveMetadata(page)).toEqual(stored.nbproject);
      expect(await liveMetadata(page, 'jupyterlab_nbproject')).toEqual(
        stored.jupyterlab_nbproject
      );
      expect(fs.readFileSync(file, 'utf8')).toBe(onDisk);
      expect(errors).toEqual([]);
    } finally {
      (readOnly as { undo: () => void }).undo();
    }
  });

  test('a notebook renamed, then deleted, while open, then opened in two panels: clear headers, no exceptions', async ({
    page,
    tmpPath
  }) => {
    const errors = watchErrors(page);
    const first = `${tmpPath}/moving.ipynb`;
    const moved = `${tmpPath}/moved.ipynb`;
    await page.contents.uploadContent(richNotebook(), 'text', first);
    await openPath(page, first);
    const header = page.locator(HEADER);

    await test.step('renamed: the header stays, publish saves under the new name', async () => {
      await page.evaluate(
        async ({ from, to }: { from: string; to: string }) => {
          await (window as any).jupyterapp.serviceManager.contents.rename(
            from,
            to
          );
        },
        { from: first, to: moved }
      );
      await page.waitForFunction(
        (p: string) =>
          (window as any).jupyterapp.shell.currentWidget.context.path === p,
        moved
      );
      await expect(header.locator('[data-field="version"]').first()).toHaveText(
        'v1'
      );
      const renamed = await runCommand(page, 'nbproject:publish', {
        interactive: false,
        force: true
      });
      expect(renamed).toMatchObject({ published: true, version: '2' });
      expect(
        (await savedNotebook(page, moved)).metadata.nbproject.version
      ).toBe('2');
      await expect(header.locator('[data-field="published"]')).toContainText(
        'Published v2'
      );
    });

    await test.step('deleted: JupyterLab keeps the panel, and publishing writes the file again as saving does', async () => {
      await page.evaluate(async (p: string) => {
        await (window as any).jupyterapp.serviceManager.contents.delete(p);
      }, moved);
      await expect(header.locator('[data-field="version"]').first()).toHaveText(
        'v2'
      );
      const deleted = await runCommand(page, 'nbproject:publish', {
        interactive: false,
        force: true
      });
      expect(deleted).toMatchObject({ published: true, version: '3' });
      expect(
        (await savedNotebook(page, moved)).metadata.nbproject.version
      ).toBe('3');
      await expect(header.locator('[data-field="published"]')).toContainText(
        'Published v3'
      );
    });

    await test.step('two panels on one notebook agree and follow each other; each closes alone', async () => {
      // File > New View for Notebook: a second panel on the same document.
      await page.evaluate(async () => {
        await (window as any).jupyterapp.commands.execute('docmanager:clone');
      });
      const headers = page.locator('.jp-NotebookPanel .jp-nbproject-header');
      await expect(headers).toHaveCount(2);
      await expect(headers.locator('[data-field="published"]')).toHaveText([
        /Published v3/,
        /Published v3/
      ]);
      const ids = await headers
        .locator('[data-field="id"] .jp-nbproject-idtext')
        .evaluateAll(nodes => nodes.map(node => node.getAttribute('title')));
      expect(ids).toEqual(['Zv1wV7oM9ztH', 'Zv1wV7oM9ztH']);

      // Publish from the new panel: both say so; the badges agree.
      const result = await runCommand(page, 'nbproject:publish', {
        interactive: false,
        force: true
      });
      expect(result).toMatchObject({ published: true, version: '4' });
      await expect(headers.locator('[data-field="published"]')).toHaveText([
        /Published v4/,
        /Published v4/
      ]);
      const badges = await headers
        .locator('.jp-nbproject-badge')
        .evaluateAll(nodes =>
          nodes.map(node => node.getAttribute('data-consecutive'))
        );
      expect(badges[1]).toBe(badges[0]);

      // Close one panel: the other keeps following the notebook.
      await page.evaluate(() =>
        (window as any).jupyterapp.shell.currentWidget.dispose()
      );
      await expect(headers).toHaveCount(1);
      await page.evaluate(() => {
        const model = (window as any).jupyterapp.shell.currentWidget.context
          .model;
        model.setMetadata('nbproject', {
          ...model.getMetadata('nbproject'),
          version: '7'
        });
      });
      await expect(
        headers.locator('[data-field="version"]').first()
      ).toHaveText('v7');
    });
    expect(errors).toEqual([]);
  });
});
