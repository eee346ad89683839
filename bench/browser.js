#!/usr/bin/env node
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
'use strict';

/**
 * Parts 3b, 5 and 6 of the benchmark, in Debian's Chromium through
 * Playwright (from ui-tests/node_modules), against two JupyterLab servers
 * started here side by side:
 *
 * - "on":  the production build of the extension (bench/bundle.js) and
 *          every other labextension of the venv;
 * - "off": the same without the extension. It is left out of the server's
 *          labextensions path rather than disabled: JupyterLab still
 *          downloads and initialises a disabled federated extension's code,
 *          which would hide part of its cost.
 *
 * Both servers run from the venv with a fresh JUPYTER_CONFIG_DIR each
 * (default settings, empty workspaces), no token, no news or update checks;
 * the shared .venv configuration is not touched.
 *
 *   node bench/browser.js WORK_DIR LABEXTENSION_DIR NOTEBOOK_DIR OUT.json
 *
 * Measures:
 * - load: navigation start to `app.restored` of `/lab?reset` (an empty
 *   workspace), in a warm browser profile (HTTP cache as on a user's second
 *   visit), rounds alternating on/off;
 * - header: opening the 2,000-cell notebook; from its context being ready
 *   (a widget extension registered ahead of ours notes the moment
 *   `context.ready` resolves) to `.jp-nbproject-header [data-tracked]` being
 *   in the DOM (a MutationObserver notes it); and from ready to the first
 *   animation frame, with and without the extension: in each round, for
 *   each server, a fresh page (the only one open, in that server's browser
 *   context with its warm HTTP cache) opens the notebook once unmeasured,
 *   then measured after garbage collection; rounds alternate which server
 *   goes first, and give the rounds' paired ratio;
 * - kernel requests: `execute_request` messages sent on the kernel
 *   websocket when a notebook opens and its probe answers, and when a cell
 *   adding an import runs (that one request is the cell itself);
 * - memory: JS heap (CDP HeapProfiler.collectGarbage until it settles,
 *   then Runtime.getHeapUsage) before and after opening and closing the
 *   200-cell notebook 50 times, on and off, each notebook closed once
 *   JupyterLab has rendered the same number of its cells on both sides;
 * - run all: "Run All" on a 2,000-cell notebook whose code runs (the
 *   seeded notebook's cells, code cells made runnable: assignments and
 *   standard-library imports), under a CPU profile: the extension's own
 *   main-thread time (samples whose stack passes through its scripts) per
 *   executed cell, and its longest uninterrupted stretch of samples (a
 *   task of its own, at most).
 */

const { spawn } = require('child_process');
const fs = require('fs');
const http = require('http');
const path = require('path');
const { summarize } = require('./stats');

const ROOT = path.resolve(__dirname, '..');
const { chromium } = require(
  path.join(ROOT, 'ui-tests/node_modules/playwright')
);

const PORT = Number(process.env.BENCH_PORT || 8895);
const LOAD_ROUNDS = Number(process.env.BENCH_LOAD_ROUNDS || 14);
const HEADER_RUNS = Number(process.env.BENCH_HEADER_RUNS || 11);
const MEMORY_CYCLES = Number(process.env.BENCH_MEMORY_CYCLES || 50);
// Cells rendered in each notebook before it closes (see closeRendered).
const MEMORY_RENDERED = Number(process.env.BENCH_MEMORY_RENDERED || 60);
// Cells changed one at a time after the Run All (part 5).
const ONE_CHANGE_ROUNDS = Number(process.env.BENCH_ONE_CHANGE_ROUNDS || 24);
// Run All's runs (part 5), each in a fresh page on a fresh kernel: the
// figure varies by about a third from one run to the next.
const RUN_ALL_ROUNDS = Math.max(
  1,
  Number(process.env.BENCH_RUNALL_ROUNDS || 5)
);
// Give up on a part after this long (a busy machine makes everything slower).
const PART_TIMEOUT = {
  default: 300000,
  header: 900000,
  runAll: 1200000,
  memory: 1200000
};
const EXTENSION = 'jupyterlab-nbproject';
const HEADER = '.jp-nbproject-header [data-tracked]';

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

function log(message) {
  console.log(`  ${message}`);
}

/**
 * A JupyterLab server of our own, on its own port and config dir.
 */
class Server {
  constructor(name, port, work, labextensions, notebooks) {
    this.name = name;
    this.port = port;
    this.url = `http://127.0.0.1:${port}`;
    const configDir = path.join(work, `config-${name}`);
    fs.rmSync(configDir, { recursive: true, force: true });
    fs.mkdirSync(configDir, { recursive: true });
    const config = path.join(work, `server-${name}.py`);
    fs.writeFileSync(
      config,
      [
        `c.ServerApp.ip = "127.0.0.1"`,
        `c.ServerApp.port = ${port}`,
        `c.ServerApp.port_retries = 0`,
        `c.ServerApp.allow_root = True`,
        `c.ServerApp.open_browser = False`,
        `c.ServerApp.root_dir = ${JSON.stringify(notebooks)}`,
        `c.IdentityProvider.token = ""`,
        `c.ServerApp.disable_check_xsrf = True`,
        `c.LabApp.expose_app_in_browser = True`,
        `c.LabApp.news_url = None`,
        `c.LabApp.check_for_updates_class = "jupyterlab.NeverCheckForUpdate"`,
        `c.LabApp.labextensions_path = [${JSON.stringify(labextensions)}]`,
        `c.LabApp.extra_labextensions_path = []`,
        // The test environment has jupyter-collaboration; measure plain JupyterLab.
        `c.YDocExtension.disable_rtc = True`,
        ''
      ].join('\n')
    );
    this._log = fs.openSync(path.join(work, `server-${name}.log`), 'w');
    this._child = spawn(
      path.join(ROOT, '.venv/bin/jupyter'),
      ['lab', `--config=${config}`],
      {
        env: { ...process.env, JUPYTER_CONFIG_DIR: configDir },
        stdio: ['ignore', this._log, this._log]
      }
    );
    this._exited = new Promise(resolve => this._child.on('exit', resolve));
  }

  async ready(timeout = 90000) {
    const deadline = Date.now() + timeout;
    while (Date.now() < deadline) {
      if (this._child.exitCode !== null) {
        throw new Error(
          `server ${this.name} exited (see server-${this.name}.log)`
        );
      }
      if ((await this.request('GET', '/api/status')) === 200) {
        return;
      }
      await sleep(250);
    }
    throw new Error(`server ${this.name} did not start on port ${this.port}`);
  }

  request(method, urlPath) {
    return new Promise(resolve => {
      const req = http.request(`${this.url}${urlPath}`, { method }, res => {
        let body = '';
        res.on('data', chunk => (body += chunk));
        res.on('end', () => {
          this.body = body;
          resolve(res.statusCode);
        });
      });
      req.on('error', () => resolve(0));
      req.end();
    });
  }

  async stop() {
    if (this._child.exitCode !== null) {
      return;
    }
    // Shut the kernels down through the API, then stop the server we started.
    if ((await this.request('GET', '/api/kernels')) === 200) {
      for (const kernel of JSON.parse(this.body)) {
        await this.request('DELETE', `/api/kernels/${kernel.id}`);
      }
    }
    this._child.kill('SIGTERM');
    await Promise.race([this._exited, sleep(10000)]);
    if (this._child.exitCode === null) {
      this._child.kill('SIGKILL');
    }
    fs.closeSync(this._log);
  }
}

/**
 * Link every labextension of the venv into a folder, leaving ours out or
 * replacing it with the given build.
 */
function labextensionsDir(work, name, build) {
  const dir = path.join(work, `labextensions-${name}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const venv = path.join(ROOT, '.venv/share/jupyter/labextensions');
  const entries = fs.existsSync(venv) ? fs.readdirSync(venv) : [];
  for (const entry of entries) {
    const full = path.join(venv, entry);
    const scoped = entry.startsWith('@');
    for (const sub of scoped
      ? fs.readdirSync(full).map(s => path.join(entry, s))
      : [entry]) {
      if (sub === EXTENSION) {
        continue;
      }
      fs.mkdirSync(path.dirname(path.join(dir, sub)), { recursive: true });
      fs.symlinkSync(
        fs.realpathSync(path.join(venv, sub)),
        path.join(dir, sub)
      );
    }
  }
  if (build) {
    fs.symlinkSync(build, path.join(dir, EXTENSION));
  }
  return dir;
}

/**
 * Count execute requests and replies on a page's kernel websockets, and
 * note for each request whether it is our probe and how many modules its
 * query names (an empty query means the notebook was not loaded yet).
 */
function watchKernel(page) {
  const counts = { requests: 0, replies: 0, log: [] };
  const text = payload =>
    typeof payload === 'string'
      ? payload
      : Buffer.from(payload).toString('latin1');
  page.on('websocket', ws => {
    if (!ws.url().includes('/api/kernels/')) {
      return;
    }
    ws.on('framesent', frame => {
      const data = text(frame.payload);
      if (data.includes('"msg_type":"execute_request"')) {
        counts.requests++;
        const query = /g\[\\"probe\\"\]\(\[(.*?)\]/.exec(data);
        counts.log.push(
          query
            ? `probe(${query[1] === '' ? 0 : query[1].split(',').length} modules)`
            : 'cell'
        );
      }
    });
    ws.on('framereceived', frame => {
      if (text(frame.payload).includes('"msg_type":"execute_reply"')) {
        counts.replies++;
      }
    });
  });
  return counts;
}

async function until(predicate, timeout, what) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    if (predicate()) {
      return;
    }
    await sleep(25);
  }
  throw new Error(`timed out waiting for ${what}`);
}

// Record when `app.restored` resolves, from the moment JupyterLab exposes
// the app (window.jupyterapp is assigned once, before restoring).
const RESTORED_HOOK = () => {
  let app;
  Object.defineProperty(window, 'jupyterapp', {
    configurable: true,
    get: () => app,
    set: value => {
      app = value;
      void value.restored.then(() => {
        window.__benchRestored = performance.now();
      });
    }
  });
};

async function newPage(browser) {
  const context = await browser.newContext({
    viewport: { width: 1400, height: 900 }
  });
  return { context, ...(await pageIn(context)) };
}

/**
 * A new page in an existing browser context (which keeps its HTTP cache).
 */
async function pageIn(context) {
  const page = await context.newPage();
  await page.addInitScript(RESTORED_HOOK);
  const cdp = await context.newCDPSession(page);
  return { page, cdp };
}

async function loadLab(page, server) {
  // `?reset`: start from an empty workspace, whatever an earlier page left open.
  await page.goto(`${server.url}/lab?reset`, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__benchRestored !== undefined, null, {
    timeout: 120000
  });
  return page.evaluate(() => ({
    restored: window.__benchRestored,
    extensions: JSON.parse(
      document.getElementById('jupyter-config-data').textContent
    ).federated_extensions.map(ext => ext.name)
  }));
}

/**
 * The JS heap after garbage collection. A collection can leave garbage
 * that only the next one frees (objects released by finalizers, weak
 * callbacks, pending tasks): collect until two readings in a row agree
 * within 64 KB (at most 10 times), then take the samples.
 */
async function heap(cdp) {
  const collect = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    await sleep(250);
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  };
  let last = await collect();
  for (let i = 0; i < 10; i++) {
    const size = await collect();
    const settled = Math.abs(size - last) < 64 * 1024;
    last = size;
    if (settled) {
      break;
    }
  }
  const sizes = [last];
  for (let i = 0; i < 2; i++) {
    sizes.push(await collect());
  }
  return summarize(sizes);
}

/**
 * In the page: open a notebook, time context ready and the header, and
 * hand the panel over as window.__benchPanel.
 */
async function openNotebook(page, notebook, withHeader) {
  return page.evaluate(
    async ({ notebook, withHeader, selector, anyHeader }) => {
      const app = window.jupyterapp;
      const registry = app.docRegistry;
      const times = {};
      if (!registry.__benchPatched) {
        // A widget extension ahead of every other one: its `context.ready`
        // callback runs first, so it notes the moment the context is ready.
        const original = registry.widgetExtensions;
        registry.widgetExtensions = function (name) {
          const first = {
            createNew: (panel, context) => {
              void context.ready.then(() => {
                window.__benchReady = performance.now();
                // The first frame after ready: the earliest anything that
                // reacts to the notebook being ready can be on screen.
                requestAnimationFrame(() => {
                  window.__benchFrame = performance.now();
                });
              });
            }
          };
          return [first, ...original.call(this, name)][Symbol.iterator]();
        };
        registry.__benchPatched = true;
      }
      window.__benchReady = undefined;
      window.__benchFrame = undefined;
      const header = new Promise((resolve, reject) => {
        if (!withHeader) {
          resolve(null);
          return;
        }
        const found = () => document.querySelector(selector);
        const observer = new MutationObserver(() => {
          // Diagnostic: the header in the DOM, whether its panel shows yet.
          if (
            times.headerInDom === undefined &&
            document.querySelector(anyHeader)
          ) {
            times.headerInDom = performance.now();
          }
          if (found()) {
            observer.disconnect();
            resolve(performance.now());
          }
        });
        observer.observe(document.body, {
          childList: true,
          subtree: true,
          attributes: true
        });
        setTimeout(() => {
          observer.disconnect();
          reject(new Error('the header did not show within 60 s'));
        }, 60000);
      });
      times.open = performance.now();
      const panel = await app.commands.execute('docmanager:open', {
        path: notebook,
        factory: 'Notebook'
      });
      window.__benchPanel = panel;
      await panel.context.ready;
      times.ready = window.__benchReady;
      times.header = await header;
      for (let i = 0; window.__benchFrame === undefined; i++) {
        if (i > 600) {
          throw new Error('no animation frame after the notebook was ready');
        }
        await new Promise(resolve => setTimeout(resolve, 25));
      }
      times.frame = window.__benchFrame;
      return times;
    },
    {
      notebook,
      withHeader,
      selector: `.jp-NotebookPanel:not(.lm-mod-hidden) ${HEADER}`,
      anyHeader: HEADER
    }
  );
}

async function closeNotebook(page) {
  await page.evaluate(async () => {
    const panel = window.__benchPanel;
    window.__benchPanel = null;
    if (!panel || panel.isDisposed) {
      return;
    }
    panel.context.model.dirty = false;
    panel.close();
    for (let i = 0; i < 200 && !panel.isDisposed; i++) {
      await new Promise(resolve => setTimeout(resolve, 10));
    }
    if (!panel.isDisposed) {
      panel.dispose();
    }
  });
}

async function kernelIdle(page, timeout = 60000) {
  await page.waitForFunction(
    () => {
      const session = window.__benchPanel?.sessionContext;
      return session?.isReady && session.session?.kernel?.status === 'idle';
    },
    null,
    { timeout }
  );
}

// One page at a time, always in front: Chromium does not run animation
// frames for a page in the background, and JupyterLab renders in them.

async function measureLoad(browser, servers) {
  // One page visits both servers (the HTTP cache is per URL, so each keeps
  // its own warm cache), rounds alternating which goes first.
  const { context, page } = await newPage(browser);
  const samples = { on: [], off: [] };
  for (let round = -1; round < LOAD_ROUNDS; round++) {
    const order = round % 2 === 0 ? servers : [...servers].reverse();
    for (const server of order) {
      const { restored, extensions } = await loadLab(page, server);
      if (extensions.includes(EXTENSION) !== (server.name === 'on')) {
        throw new Error(
          `server ${server.name} serves the wrong set of extensions`
        );
      }
      if (round >= 0) {
        samples[server.name].push(restored);
      }
    }
  }
  await context.close();
  // Each round loads both back to back, so their ratio is less exposed to
  // the machine's load drifting than the ratio of the medians.
  const paired = samples.on.map((on, i) => on / samples.off[i]);
  return {
    on: summarize(samples.on),
    off: summarize(samples.off),
    pairedRatio: summarize(paired)
  };
}

/**
 * The extension's own main-thread JavaScript while JupyterLab loads: CPU
 * profiles of a few loads of the "on" server, counting the samples whose
 * stack passes through the extension's scripts. Less exposed to a busy
 * machine than the with/without comparison, since both parts of the share
 * are measured in the same load.
 */
async function measureLoadProfile(browser, server) {
  const { context, page, cdp } = await newPage(browser);
  await loadLab(page, server); // warm the cache
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
  const ours = [];
  const shares = [];
  for (let i = 0; i < 3; i++) {
    await cdp.send('Profiler.start');
    const { restored } = await loadLab(page, server);
    const { profile } = await cdp.send('Profiler.stop');
    const time = extensionTime(profile).ms * 1000;
    ours.push(time / 1000);
    shares.push(time / 1000 / restored);
  }
  await context.close();
  return { ms: summarize(ours), share: summarize(shares) };
}

async function measureHeader(browser, servers) {
  const samples = {
    readyToHeader: [],
    openToReady: [],
    readyToFrameOn: [],
    readyToFrameOff: [],
    heapOn: [],
    heapOff: []
  };
  // Each side keeps one browser context, whose HTTP cache stays warm (a
  // user's second visit), but every round opens the notebook in a fresh
  // page of it, the only page open: JupyterLab keeps a closed notebook
  // with its cells in the page's heap, so a page kept open round after
  // round measured a heap growing by a 2,000-cell notebook a round, and a
  // second page open in the background competed for the CPU. In each page
  // the notebook opens once unmeasured (code loaded and compiled on first
  // use, the kernel's session), then, after garbage collection (until the
  // heap settles), once measured. Rounds alternate which side goes first.
  const sides = [];
  for (const server of servers) {
    const context = await browser.newContext({
      viewport: { width: 1400, height: 900 }
    });
    const { page } = await pageIn(context);
    // First visit: fills the cache and starts the notebook's kernel, which
    // the server keeps for the later pages.
    await loadLab(page, server);
    await openNotebook(page, 'nb-2000.ipynb', server.name === 'on');
    await kernelIdle(page);
    await closeNotebook(page);
    await page.close();
    sides.push({ server, on: server.name === 'on', context });
  }
  for (let i = 0; i < HEADER_RUNS; i++) {
    for (const { server, on, context } of i % 2 === 0
      ? sides
      : [...sides].reverse()) {
      const { page, cdp } = await pageIn(context);
      await page.bringToFront();
      await loadLab(page, server);
      await openNotebook(page, 'nb-2000.ipynb', on);
      await kernelIdle(page);
      await closeNotebook(page);
      // Collected until it settles: collected at once, the heap still held
      // the closed notebook in some rounds and not in others (+28 MB).
      (on ? samples.heapOn : samples.heapOff).push((await heap(cdp)).median);
      const times = await openNotebook(page, 'nb-2000.ipynb', on);
      if (on) {
        samples.readyToHeader.push(times.header - times.ready);
        samples.openToReady.push(times.ready - times.open);
        samples.readyToFrameOn.push(times.frame - times.ready);
      } else {
        samples.readyToFrameOff.push(times.frame - times.ready);
      }
      await closeNotebook(page);
      await page.close();
    }
  }
  for (const { context } of sides) {
    await context.close();
  }
  const result = Object.fromEntries(
    Object.entries(samples).map(([key, xs]) => [key, summarize(xs)])
  );
  // Each round opens the notebook on both, back to back: their ratio is
  // less exposed to the load drifting than the ratio of the medians.
  result.framePairedRatio = summarize(
    samples.readyToFrameOn.map((on, i) => on / samples.readyToFrameOff[i])
  );
  return result;
}

async function measureKernelRequests(browser, server) {
  const { context, page } = await newPage(browser);
  const counts = watchKernel(page);
  const settle = async replies => {
    await until(
      () => counts.replies >= replies,
      30000,
      `${replies} execute replies`
    );
    await sleep(2500); // nothing more should follow
    const seen = { requests: counts.requests, sent: counts.log.join(', ') };
    counts.requests = 0;
    counts.replies = 0;
    counts.log = [];
    return seen;
  };
  await loadLab(page, server);
  // Opening with a kernel to start: the header asks it once.
  await openNotebook(page, 'nb-2000-run.ipynb', true);
  await kernelIdle(page);
  const onOpen = await settle(1);
  // A cell that adds an import runs: the cell, then one probe.
  await page.evaluate(async () => {
    const notebook = window.__benchPanel.content;
    const n = notebook.model.cells.length;
    notebook.model.sharedModel.insertCell(n, {
      cell_type: 'code',
      source: 'import idna'
    });
    notebook.activeCellIndex = n;
    await window.jupyterapp.commands.execute('notebook:run-cell');
  });
  const onRun = await settle(2);
  await closeNotebook(page);
  await sleep(500);
  counts.requests = 0;
  counts.replies = 0;
  counts.log = [];
  // Opening again while its kernel runs.
  await openNotebook(page, 'nb-2000-run.ipynb', true);
  await kernelIdle(page);
  const onReopen = await settle(1);
  await closeNotebook(page);
  await context.close();
  return {
    onOpen,
    onRun,
    onReopen,
    perRefresh: Math.max(onOpen.requests, onRun.requests - 1, onReopen.requests)
  };
}

/**
 * How many notebook panels, and of our per-notebook objects, are still in
 * the heap after the cycles, besides the one notebook opened to find their
 * prototypes (CDP Runtime.queryObjects, after garbage collection).
 */
async function retainedObjects(page, cdp, withHeader) {
  await openNotebook(page, 'nb-200.ipynb', withHeader);
  await kernelIdle(page);
  await page.evaluate(() => {
    const panel = window.__benchPanel;
    const view = panel.contentHeader.widgets.find(w =>
      w.hasClass('jp-nbproject-header')
    );
    const session = view?.session;
    const protos = { notebookPanel: panel, notebookModel: panel.context.model };
    if (session) {
      Object.assign(protos, {
        headerView: view,
        notebookSession: session,
        kernelProbe: session.kernel,
        executionMonitor: session.execution
      });
    }
    window.__benchProtos = Object.fromEntries(
      Object.entries(protos).map(([key, value]) => [
        key,
        Object.getPrototypeOf(value)
      ])
    );
  });
  const names = JSON.parse(
    (
      await cdp.send('Runtime.evaluate', {
        expression: 'JSON.stringify(Object.keys(window.__benchProtos))',
        returnByValue: true
      })
    ).result.value
  );
  await cdp.send('HeapProfiler.collectGarbage');
  const counts = {};
  for (const name of names) {
    const proto = await cdp.send('Runtime.evaluate', {
      expression: `window.__benchProtos.${name}`
    });
    const { objects } = await cdp.send('Runtime.queryObjects', {
      prototypeObjectId: proto.result.objectId
    });
    const { result } = await cdp.send('Runtime.callFunctionOn', {
      objectId: objects.objectId,
      functionDeclaration: 'function () { return this.length; }',
      returnByValue: true
    });
    counts[name] = result.value - 1; // less the notebook open now
    await cdp
      .send('Runtime.releaseObjectGroup', { objectGroup: 'console' })
      .catch(() => {});
  }
  await page.evaluate(() => {
    window.__benchProtos = null;
  });
  await closeNotebook(page);
  return counts;
}

/**
 * Wait until JupyterLab has rendered at least `count` cells of the open
 * notebook, then close it at once; returns how many it had rendered.
 *
 * JupyterLab renders a notebook's cells in idle time after it opens, and
 * keeps the closed notebooks with what they rendered (an editor, its
 * listeners and its outputs a cell). Closed as soon as the kernel is idle, a notebook with the
 * extension stayed open a little longer (its probe runs first) and kept a
 * few more rendered cells, which alone made up most of the share, and
 * varied from run to run. Closing both sides at the same number of
 * rendered cells compares like with like: what JupyterLab keeps of each
 * notebook is then the same, and the difference is what the extension
 * adds. (Waiting for every cell would take 10 s a cycle on a busy machine.)
 */
async function closeRendered(page, count) {
  const rendered = await page.evaluate(async count => {
    const cells = window.__benchPanel.content.widgets;
    const rendered = () => cells.filter(cell => !cell.isPlaceholder()).length;
    const target = Math.min(count, cells.length);
    for (let i = 0; rendered() < target; i++) {
      if (i > 6000) {
        throw new Error(`only ${rendered()} cells rendered in 60 s`);
      }
      await new Promise(resolve => setTimeout(resolve, 10));
    }
    return rendered();
  }, count);
  await closeNotebook(page);
  return rendered;
}

async function measureMemory(browser, server) {
  const { context, page, cdp } = await newPage(browser);
  const counts = watchKernel(page);
  await loadLab(page, server);
  const withHeader = server.name === 'on';
  const rendered = [];
  const cycle = async () => {
    await openNotebook(page, 'nb-200.ipynb', withHeader);
    await kernelIdle(page);
    await sleep(100);
    rendered.push(await closeRendered(page, MEMORY_RENDERED));
  };
  await cycle(); // warm-up: kernel start, lazily loaded code
  await cycle();
  const before = await heap(cdp);
  counts.requests = 0;
  for (let i = 0; i < MEMORY_CYCLES; i++) {
    await cycle();
  }
  await sleep(1000);
  const after = await heap(cdp);
  const retained = await retainedObjects(page, cdp, withHeader);
  await context.close();
  return {
    before,
    after,
    growth: after.median - before.median,
    cycles: MEMORY_CYCLES,
    // Cells each notebook had rendered when it closed (warm-up included).
    renderedAtClose: summarize(rendered),
    executeRequests: counts.requests,
    retained
  };
}

/**
 * The samples of a CPU profile whose stack passes through the extension's
 * scripts: their total time, and the longest run of consecutive ones from
 * its first sample to its last. A sample's time is the time since the
 * sample before it; for the first sample of a run, that time is not known
 * to be the extension's: the sampler can be held off the CPU for tens of
 * milliseconds on a loaded machine (hundreds of such gaps in one Run All),
 * and the sample that ends a gap would count all of it.
 */
function extensionTime(profile) {
  const parent = new Map();
  const byId = new Map(profile.nodes.map(node => [node.id, node]));
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) {
      parent.set(child, node.id);
    }
  }
  const inExtension = new Map();
  const isOurs = id => {
    if (!inExtension.has(id)) {
      const node = byId.get(id);
      const here = node.callFrame.url.includes(`/lab/extensions/${EXTENSION}/`);
      const up = parent.get(id);
      inExtension.set(id, here || (up !== undefined && isOurs(up)));
    }
    return inExtension.get(id);
  };
  let total = 0;
  // -1: not in a run of the extension's samples.
  let stretch = -1;
  let longest = 0;
  profile.samples.forEach((id, k) => {
    const delta = profile.timeDeltas[k] ?? 0;
    if (isOurs(id)) {
      total += delta;
      stretch = stretch < 0 ? 0 : stretch + delta;
      longest = Math.max(longest, stretch);
    } else {
      stretch = -1;
    }
  });
  return { ms: total / 1000, longestMs: longest / 1000 };
}

/**
 * A copy of the seeded 2,000-cell notebook whose code cells all run:
 * every code cell an assignment, every tenth also a standard-library
 * import; no outputs or counts. Markdown cells as they are.
 */
function runnableNotebook(notebooks) {
  const json = JSON.parse(
    fs.readFileSync(path.join(notebooks, 'nb-2000.ipynb'), 'utf8')
  );
  const modules = ['json', 're', 'math', 'itertools', 'collections'];
  let n = 0;
  json.cells = json.cells.map(cell => {
    if (cell.cell_type !== 'code') {
      return cell;
    }
    n++;
    const lines = [`value_${n} = ${n} * 2`];
    if (n % 10 === 0) {
      lines.unshift(`import ${modules[(n / 10) % modules.length]}`);
    }
    return {
      ...cell,
      source: lines.join('\n'),
      outputs: [],
      execution_count: null
    };
  });
  const name = 'nb-2000-runall.ipynb';
  fs.writeFileSync(path.join(notebooks, name), JSON.stringify(json, null, 1));
  return { name, codeCells: n };
}

async function measureRunAll(browser, server, notebooks) {
  const rounds = [];
  for (let round = 0; round < RUN_ALL_ROUNDS; round++) {
    rounds.push(await runAllRound(browser, server, notebooks, round === 0));
  }
  const perCell = summarize(rounds.map(r => r.perCellMs));
  return {
    cells: rounds[0].cells,
    rounds: rounds.length,
    perCell,
    // The median, as the one figure of the runs (and for older readers).
    perCellMs: perCell.median,
    ownMs: summarize(rounds.map(r => r.ownMs)),
    wallMs: summarize(rounds.map(r => r.wallMs)),
    // The longest of any run: the budget is for every run.
    longestMs: Math.max(...rounds.map(r => r.longestMs)),
    oneChange: rounds[0].oneChange
  };
}

/**
 * One Run All in a fresh page, on a fresh kernel (shut down at the end):
 * the extension's own time under a CPU profile; after the first, one cell
 * edited and run again, 24 times.
 */
async function runAllRound(browser, server, notebooks, first) {
  const { name, codeCells } = runnableNotebook(notebooks);
  const { context, page, cdp } = await newPage(browser);
  await loadLab(page, server);
  await openNotebook(page, name, true);
  await kernelIdle(page, 120000);
  // The analyses the notebook starts by itself once the page is idle (a
  // parse of every cell) are not the run's: the profile starts once the
  // hidden-state analysis (the slowest, the only one with a ready flag) is
  // done, and 2 s more for the others.
  await page.waitForFunction(
    () => {
      const header = window.__benchPanel.contentHeader.widgets.find(widget =>
        widget.node.classList.contains('jp-nbproject-header')
      );
      return header?.session?.hiddenState?.isReady === true;
    },
    null,
    { timeout: 120000 }
  );
  await sleep(2000);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
  await cdp.send('Profiler.start');
  const wall = await page.evaluate(async codeCells => {
    const panel = window.__benchPanel;
    const start = performance.now();
    await window.jupyterapp.commands.execute('notebook:run-all-cells');
    const cells = panel.context.model.cells;
    const ran = () => {
      let count = 0;
      for (let i = 0; i < cells.length; i++) {
        const cell = cells.get(i);
        if (cell.type === 'code' && cell.executionCount !== null) {
          count++;
        }
      }
      return count;
    };
    for (let i = 0; ran() < codeCells; i++) {
      if (i > 6000) {
        throw new Error(`only ${ran()} of ${codeCells} cells ran in 10 min`);
      }
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    return performance.now() - start;
  }, codeCells);
  // Let the last batch and the probe that follows it run.
  await kernelIdle(page, 120000);
  await sleep(1000);
  const { profile } = await cdp.send('Profiler.stop');
  if (process.env.BENCH_PROFILE_DIR && first) {
    // For DevTools or a closer look: BENCH_PROFILE_DIR keeps the profile.
    fs.writeFileSync(
      path.join(process.env.BENCH_PROFILE_DIR, 'runall.cpuprofile'),
      JSON.stringify(profile)
    );
  }
  const own = extensionTime(profile);
  const oneChange = first ? await measureOneChange(page, cdp) : null;
  // The next run starts on a fresh kernel, as this one did.
  await page.evaluate(() =>
    window.__benchPanel.sessionContext.shutdown().catch(() => undefined)
  );
  await closeNotebook(page);
  await context.close();
  return {
    cells: codeCells,
    wallMs: wall,
    ownMs: own.ms,
    perCellMs: own.ms / codeCells,
    longestMs: own.longestMs,
    oneChange
  };
}

/**
 * After the Run All: one code cell at a time edited and run again (its
 * source and count set on the model, as an execution reply does), with a
 * pause after each that lets every batch, debounce and slice of the
 * extension run, under a CPU profile. The extension's own main-thread time
 * per change is the session's incremental refresh, seen by the user.
 */
async function measureOneChange(page, cdp) {
  await cdp.send('Profiler.start');
  await page.evaluate(
    async ({ rounds, pause }) => {
      const cells = window.__benchPanel.context.model.cells;
      const code = [];
      for (let i = 0; i < cells.length; i++) {
        if (cells.get(i).type === 'code') {
          code.push(cells.get(i));
        }
      }
      let count = 1e5;
      for (let k = 0; k < rounds; k++) {
        const cell = code[Math.floor((code.length * k) / rounds)];
        const source = cell.sharedModel.getSource();
        // Every other change adds an import: the packages change too.
        cell.sharedModel.setSource(
          k % 2 ? `${source}\nimport json` : source + ' '
        );
        cell.executionCount = ++count;
        await new Promise(resolve => setTimeout(resolve, pause));
      }
    },
    { rounds: ONE_CHANGE_ROUNDS, pause: 700 }
  );
  await sleep(1000);
  const { profile } = await cdp.send('Profiler.stop');
  if (process.env.BENCH_PROFILE_DIR) {
    fs.writeFileSync(
      path.join(process.env.BENCH_PROFILE_DIR, 'onechange.cpuprofile'),
      JSON.stringify(profile)
    );
  }
  const own = extensionTime(profile);
  return {
    changes: ONE_CHANGE_ROUNDS,
    ownMs: own.ms,
    perChangeMs: own.ms / ONE_CHANGE_ROUNDS,
    longestMs: own.longestMs
  };
}

async function main() {
  const [work, build, notebooks, out] = process.argv.slice(2);
  const on = new Server(
    'on',
    PORT,
    work,
    labextensionsDir(work, 'on', build),
    notebooks
  );
  // BENCH_PARTS=header,memory... runs only those parts (for profiling);
  // the server without the extension starts only if one of them needs it.
  const only = (process.env.BENCH_PARTS || '').split(',').filter(Boolean);
  const wanted = name => !only.length || only.some(p => name.startsWith(p));
  const off = ['load', 'header', 'memoryOff'].some(wanted)
    ? new Server(
        'off',
        PORT + 1,
        work,
        labextensionsDir(work, 'off', null),
        notebooks
      )
    : null;
  const results = { ports: [PORT, PORT + 1] };
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run'
    ]
  });
  const runPart = async (name, fn) => {
    const start = Date.now();
    const timeout =
      PART_TIMEOUT[name.startsWith('memory') ? 'memory' : name] ??
      PART_TIMEOUT.default;
    let timer;
    const limit = new Promise((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`gave up after ${timeout / 1000} s`)),
        timeout
      );
    });
    try {
      results[name] = await Promise.race([fn(), limit]);
      log(`${name}: ${((Date.now() - start) / 1000).toFixed(0)} s`);
    } catch (error) {
      results[name] = { error: String(error?.message ?? error) };
      console.error(`  ${name}: ${results[name].error}`);
      // Leave no page behind: the next part's page must be the only one.
      await Promise.all(
        browser.contexts().map(context => context.close().catch(() => {}))
      );
    } finally {
      clearTimeout(timer);
    }
  };
  try {
    await Promise.all([on.ready(), off?.ready()]);
    const part = (name, fn) =>
      wanted(name) ? runPart(name, fn) : Promise.resolve();
    await part('load', () => measureLoad(browser, [on, off]));
    if (results.load?.on) {
      log(
        `load: on ${results.load.on.median.toFixed(0)} ms, off ${results.load.off.median.toFixed(0)} ms`
      );
    }
    await part('loadProfile', () => measureLoadProfile(browser, on));
    if (results.loadProfile?.ms) {
      log(
        `extension's JS during load: ${results.loadProfile.ms.median.toFixed(1)} ms`
      );
    }
    await part('header', () => measureHeader(browser, [on, off]));
    if (results.header?.readyToHeader) {
      const h = results.header;
      log(
        `header: ${h.readyToHeader.median.toFixed(1)} ms after context ready; first frame after ready ` +
          `${h.readyToFrameOn.median.toFixed(1)} ms on, ${h.readyToFrameOff.median.toFixed(1)} ms off ` +
          `(paired ratio ${h.framePairedRatio.median.toFixed(3)}, IQR ${h.framePairedRatio.q1.toFixed(3)}–${h.framePairedRatio.q3.toFixed(3)})`
      );
    }
    await part('kernelRequests', () => measureKernelRequests(browser, on));
    if (results.kernelRequests) {
      log(`kernel requests: ${JSON.stringify(results.kernelRequests)}`);
    }
    await part('runAll', () => measureRunAll(browser, on, notebooks));
    if (results.runAll?.perCellMs !== undefined) {
      const r = results.runAll;
      log(
        `run all, ${r.rounds} runs: ${r.cells} cells in ${(r.wallMs.median / 1000).toFixed(1)} s (median); the extension's own JS ` +
          `${r.perCell.median.toFixed(3)} ms per cell (IQR ${r.perCell.q1.toFixed(3)}–${r.perCell.q3.toFixed(3)}; ` +
          `runs ${r.perCell.samples.map(x => x.toFixed(3)).join(', ')}), longest stretch ${r.longestMs.toFixed(1)} ms`
      );
      const c = r.oneChange;
      log(
        `one cell edited and run, ${c.changes} times: the extension's own JS ${c.perChangeMs.toFixed(2)} ms per change, ` +
          `longest stretch ${c.longestMs.toFixed(1)} ms`
      );
    }
    await part('memoryOn', () => measureMemory(browser, on));
    await part('memoryOff', () => measureMemory(browser, off));
    for (const key of ['memoryOn', 'memoryOff']) {
      if (results[key]?.growth !== undefined) {
        log(
          `${key}: growth ${(results[key].growth / 1e6).toFixed(2)} MB over ${MEMORY_CYCLES} cycles; ` +
            `still in the heap: ${JSON.stringify(results[key].retained)}`
        );
      }
    }
  } finally {
    await browser.close();
    await Promise.all([on.stop(), off?.stop()]);
  }
  fs.writeFileSync(out, JSON.stringify(results, null, 1));
}

module.exports = {
  Server,
  labextensionsDir,
  newPage,
  pageIn,
  loadLab,
  openNotebook,
  closeNotebook,
  kernelIdle,
  watchKernel
};

if (require.main === module) {
  main().catch(error => {
    console.error(error);
    process.exit(1);
  });
}
