#!/usr/bin/env node
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
'use strict';

/**
 * How long the extension holds the main thread when a notebook opens: a
 * Chromium trace of each open (its tasks, and a CPU profile sampled inside
 * them), from `docmanager:open` until the page has been quiet for a while
 * (the work the extension starts when the page is idle included). Not part
 * of `make bench`; run it by hand on a build:
 *
 *   node bench/longtasks.js LABEXTENSION_DIR NOTEBOOK_DIR [NOTEBOOK...]
 *
 * NOTEBOOKs default to nb-2000.ipynb (bench/generate.js writes them;
 * `big-4` and `big-1` give 1 MB notebooks of few, very large cells). Each
 * is opened once to start its kernel, then LONGTASK_RUNS (3) times traced,
 * the kernel still running (so its probe may answer while the notebook
 * is read). Prints per open: context ready → header, the longest task of
 * the page (JupyterLab's own work included), and the extension's share of
 * each task: the sampled time whose stack passes through its scripts. The
 * longest such share is "the extension's longest task"; the functions it
 * spent it in follow (LONGTASK_TOP of them per task of 20 ms or more).
 * Also the longest task the extension started (a timer or idle callback
 * of its own), whole: its code and the garbage collection in it.
 */

const fs = require('fs');
const os = require('os');
const path = require('path');
const {
  Server,
  labextensionsDir,
  newPage,
  loadLab,
  openNotebook,
  closeNotebook,
  kernelIdle
} = require('./browser');

const ROOT = path.resolve(__dirname, '..');
const { chromium } = require(
  path.join(ROOT, 'ui-tests/node_modules/playwright')
);
const PORT = Number(process.env.BENCH_PORT || 8895);
const RUNS = Number(process.env.LONGTASK_RUNS || 3);
// How long the page must stay without a task of 50 ms or more before the
// trace stops (the data scan waits for an idle page, up to 2 s).
const QUIET = Number(process.env.LONGTASK_QUIET || 3000);
// How many of the extension's functions to name per task.
const TOP = Number(process.env.LONGTASK_TOP || 3);
const EXTENSION = '/lab/extensions/jupyterlab-nbproject/';
const CATEGORIES = [
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-v8.cpu_profiler',
  'disabled-by-default-v8.cpu_profiler.hires'
];

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
const log = message => process.stderr.write(`  ${message}\n`);

/**
 * The renderer main thread's tasks and CPU samples in a trace, and per
 * task the time spent in the extension's code.
 */
function analyse(trace) {
  const events = trace.traceEvents ?? trace;
  const mains = new Set(
    events
      .filter(
        e =>
          e.ph === 'M' &&
          e.name === 'thread_name' &&
          e.args?.name === 'CrRendererMain'
      )
      .map(e => `${e.pid}:${e.tid}`)
  );
  // Samples: per profile id, nodes and timestamped samples.
  const profiles = new Map();
  for (const e of events) {
    if (e.name === 'Profile' && e.ph === 'P') {
      profiles.set(e.id, {
        thread: `${e.pid}:${e.tid}`,
        time: e.args.data.startTime,
        nodes: new Map(),
        samples: []
      });
    }
  }
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || !profiles.has(e.id)) {
      continue;
    }
    const profile = profiles.get(e.id);
    const data = e.args.data.cpuProfile ?? {};
    for (const node of data.nodes ?? []) {
      profile.nodes.set(node.id, node);
    }
    (data.samples ?? []).forEach((id, k) => {
      profile.time += e.args.data.timeDeltas[k];
      profile.samples.push({ id, ts: profile.time });
    });
  }
  const label = frame =>
    `${frame.functionName || '(anonymous)'} ${(frame.url || '').replace(/^.*\//, '')}:${(frame.lineNumber ?? 0) + 1}`;
  // The profile of the page's main thread: the one that ran the extension.
  let samples = [];
  let thread = null;
  for (const profile of profiles.values()) {
    // The extension's outermost and innermost frames on the stack, if any.
    const ours = id => {
      let inner = null;
      let outer = null;
      for (
        let at = profile.nodes.get(id);
        at;
        at = profile.nodes.get(at.parent)
      ) {
        if ((at.callFrame.url || '').includes(EXTENSION)) {
          outer = label(at.callFrame);
          inner = inner ?? outer;
        }
      }
      return outer === null
        ? null
        : outer === inner
          ? inner
          : `${outer} > ${inner}`;
    };
    const gc = id =>
      profile.nodes.get(id)?.callFrame.functionName === '(garbage collector)';
    const list = profile.samples.map(({ id, ts }) => ({
      ts,
      ours: ours(id),
      gc: gc(id)
    }));
    if (list.some(s => s.ours) && mains.has(profile.thread)) {
      samples = list;
      thread = profile.thread;
    }
  }
  samples.sort((a, b) => a.ts - b.ts);
  const tasks = events
    .filter(
      e =>
        e.ph === 'X' &&
        `${e.pid}:${e.tid}` === thread &&
        (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask')
    )
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  // Top-level tasks only (RunTask events nest in ThreadControllerImpl's).
  const top = [];
  for (const task of tasks) {
    const last = top[top.length - 1];
    if (!last || task.ts >= last.ts + last.dur) {
      top.push({
        ts: task.ts,
        dur: task.dur,
        ours: 0,
        gc: 0,
        started: false,
        functions: new Map()
      });
    }
  }
  // A task the extension started: the first function it calls is the
  // extension's (a timer, idle or event callback of its own).
  const calls = events
    .filter(
      e =>
        e.ph === 'X' &&
        `${e.pid}:${e.tid}` === thread &&
        e.name === 'FunctionCall'
    )
    .sort((a, b) => a.ts - b.ts);
  let c = 0;
  for (const task of top) {
    while (c < calls.length && calls[c].ts < task.ts) {
      c++;
    }
    if (c < calls.length && calls[c].ts < task.ts + task.dur) {
      task.started = (calls[c].args?.data?.url ?? '').includes(EXTENSION);
    }
  }
  let k = 0;
  for (const task of top) {
    while (k < samples.length && samples[k].ts < task.ts) {
      k++;
    }
    for (; k < samples.length && samples[k].ts < task.ts + task.dur; k++) {
      const sample = samples[k];
      const next = samples[k + 1]?.ts ?? sample.ts;
      const dt = Math.min(next, task.ts + task.dur) - sample.ts;
      if (sample.gc) {
        task.gc += dt;
      }
      if (sample.ours) {
        task.ours += dt;
        task.functions.set(
          sample.ours,
          (task.functions.get(sample.ours) ?? 0) + dt
        );
      }
    }
  }
  const ms = us => us / 1000;
  const longest = top.reduce((a, b) => (b.dur > (a?.dur ?? -1) ? b : a), null);
  const worst = top.reduce((a, b) => (b.ours > (a?.ours ?? -1) ? b : a), null);
  const own = top.filter(t => t.started);
  const ownLongest = own.reduce(
    (a, b) => (b.dur > (a?.dur ?? -1) ? b : a),
    null
  );
  const functions = task =>
    [...task.functions.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, TOP)
      .map(([name, us]) => `${ms(us).toFixed(1)} ms ${name}`);
  return {
    tasks: top.length,
    longestTask: longest ? ms(longest.dur) : 0,
    oursLongest: worst ? ms(worst.ours) : 0,
    oursLongestTask: worst ? ms(worst.dur) : 0,
    oursTotal: ms(top.reduce((sum, t) => sum + t.ours, 0)),
    oursOver50: top
      .filter(t => t.ours >= 50000)
      .map(t => Math.round(ms(t.ours))),
    own: own.length,
    ownLongest: ownLongest
      ? `${ms(ownLongest.dur).toFixed(1)} ms (its code ${ms(ownLongest.ours).toFixed(1)} ms, garbage collection ${ms(ownLongest.gc).toFixed(1)} ms)`
      : 'none',
    // The extension's tasks of 20 ms or more, in order, with where the time went.
    heavy: top
      .filter(t => t.ours >= 20000)
      .map(
        t =>
          `${ms(t.ours).toFixed(1)} ms (task ${ms(t.dur).toFixed(0)} ms): ${functions(t).join('; ')}`
      )
  };
}

/**
 * Wait until the page has run no task of 50 ms or more for `quiet` ms (30 s
 * at most).
 */
async function settle(page, quiet) {
  await page.evaluate(async quiet => {
    const start = performance.now();
    let last = start;
    const observer = new PerformanceObserver(list => {
      for (const entry of list.getEntries()) {
        last = Math.max(last, entry.startTime + entry.duration);
      }
    });
    observer.observe({ type: 'longtask' });
    while (
      performance.now() - last < quiet &&
      performance.now() - start < 30000
    ) {
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    observer.disconnect();
  }, quiet);
}

async function main() {
  const [build, notebooks, ...names] = process.argv.slice(2);
  if (!notebooks) {
    console.error(
      'usage: node bench/longtasks.js LABEXTENSION_DIR NOTEBOOK_DIR [NOTEBOOK...]'
    );
    process.exit(2);
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'nbproject-longtasks.'));
  const server = new Server(
    'on',
    PORT,
    work,
    labextensionsDir(work, 'on', path.resolve(build)),
    path.resolve(notebooks)
  );
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--no-first-run'
    ]
  });
  try {
    await server.ready();
    const { page } = await newPage(browser);
    await loadLab(page, server);
    for (const notebook of names.length ? names : ['nb-2000.ipynb']) {
      log(`${notebook}: warm-up`);
      await openNotebook(page, notebook, true); // warm-up: kernel, lazy code
      await kernelIdle(page);
      await settle(page, QUIET);
      await closeNotebook(page);
      console.log(`\n${notebook}`);
      for (let run = 0; run < RUNS; run++) {
        log(`${notebook}: run ${run + 1}`);
        await browser.startTracing(page, { categories: CATEGORIES });
        const times = await openNotebook(page, notebook, true);
        await settle(page, QUIET);
        const trace = JSON.parse((await browser.stopTracing()).toString());
        await closeNotebook(page);
        const r = analyse(trace);
        console.log(
          `  ready → header ${(times.header - times.ready).toFixed(0)} ms; longest task ${r.longestTask.toFixed(0)} ms; ` +
            `the extension's longest task ${r.oursLongest.toFixed(1)} ms (in a task of ${r.oursLongestTask.toFixed(0)} ms), ` +
            `its total ${r.oursTotal.toFixed(0)} ms; its tasks ≥ 50 ms: [${r.oursOver50.join(', ')}]; ` +
            `the longest of the ${r.own} tasks it started: ${r.ownLongest}`
        );
        console.log(r.heavy.map(line => `    ${line}`).join('\n'));
        await sleep(500);
      }
    }
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
