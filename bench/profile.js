#!/usr/bin/env node
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
'use strict';

/**
 * Profile what `make bench` measures in Chromium, to find where the time
 * goes before changing anything: a CPU profile (CDP Profiler) of opening a
 * notebook with the extension, from `docmanager:open` to the header in the
 * DOM. Not part of `make bench`; run it by hand on a build:
 *
 *   node bench/profile.js LABEXTENSION_DIR NOTEBOOK_DIR OUT_DIR [NOTEBOOK]
 *
 * LABEXTENSION_DIR is a built labextension (bench/bundle.js writes one);
 * NOTEBOOK defaults to nb-2000.ipynb. PROFILE_RUNS (5) opens without the
 * profiler come first, for the times alone. Writes OUT_DIR/open.cpuprofile (open it
 * in Chromium's DevTools, Performance panel) and prints the open's times, the
 * functions with the most self time, and the extension's own functions by
 * inclusive time.
 */

const fs = require('fs');
const path = require('path');
const os = require('os');
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
const EXTENSION = 'jupyterlab-nbproject';
const RUNS = Number(process.env.PROFILE_RUNS || 5);

/**
 * Self and inclusive time per function of a CDP profile, in ms.
 */
function analyse(profile) {
  const byId = new Map(profile.nodes.map(node => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) {
      parent.set(child, node.id);
    }
  }
  const label = node => {
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url
      ? url.replace(/^.*\/(lab\/extensions|static)\//, '$1/')
      : '';
    return `${functionName || '(anonymous)'} ${file}${file ? `:${lineNumber + 1}` : ''}`;
  };
  const self = new Map();
  const inclusiveOurs = new Map();
  let ours = 0;
  let total = 0;
  profile.samples.forEach((id, k) => {
    const dt = (profile.timeDeltas[k] ?? 0) / 1000;
    total += dt;
    const node = byId.get(id);
    self.set(label(node), (self.get(label(node)) ?? 0) + dt);
    const seen = new Set();
    let inOurs = false;
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at);
      if (frame.callFrame.url.includes(`/lab/extensions/${EXTENSION}/`)) {
        inOurs = true;
        const name = label(frame);
        if (!seen.has(name)) {
          seen.add(name);
          inclusiveOurs.set(name, (inclusiveOurs.get(name) ?? 0) + dt);
        }
      }
    }
    if (inOurs) {
      ours += dt;
    }
  });
  const top = (map, n) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, ms]) => `${ms.toFixed(1).padStart(8)} ms  ${name}`);
  return { total, ours, self: top(self, 25), ours_: top(inclusiveOurs, 25) };
}

async function main() {
  const [build, notebooks, out, notebook = 'nb-2000.ipynb'] =
    process.argv.slice(2);
  if (!out) {
    console.error(
      'usage: node bench/profile.js LABEXTENSION_DIR NOTEBOOK_DIR OUT_DIR [NOTEBOOK]'
    );
    process.exit(2);
  }
  fs.mkdirSync(out, { recursive: true });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'nbproject-profile.'));
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
    const { page, cdp } = await newPage(browser);
    await loadLab(page, server);
    await openNotebook(page, notebook, true); // warm-up: kernel, lazy code
    await kernelIdle(page);
    await closeNotebook(page);
    // A few opens without the profiler first: its sampling slows the page.
    const plain = [];
    for (let i = 0; i < RUNS; i++) {
      await cdp.send('HeapProfiler.collectGarbage');
      const t = await openNotebook(page, notebook, true);
      plain.push([
        t.header - t.ready,
        t.frame - t.ready,
        t.headerInDom - t.ready
      ]);
      await closeNotebook(page);
    }
    if (plain.length) {
      console.log(
        `without the profiler, ready → header shown / first frame / header in the DOM (ms): ` +
          plain
            .map(
              ([h, f, d]) => `${h.toFixed(0)}/${f.toFixed(0)}/${d.toFixed(0)}`
            )
            .join(', ')
      );
    }
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    const times = await openNotebook(page, notebook, true);
    const { profile } = await cdp.send('Profiler.stop');
    await closeNotebook(page);
    fs.writeFileSync(
      path.join(out, 'open.cpuprofile'),
      JSON.stringify(profile)
    );
    const r = analyse(profile);
    console.log(
      `open → ready ${(times.ready - times.open).toFixed(0)} ms; ready → first frame ` +
        `${(times.frame - times.ready).toFixed(0)} ms; ready → header ${(times.header - times.ready).toFixed(0)} ms`
    );
    console.log(
      `profile ${r.total.toFixed(0)} ms, of which in the extension's code (inclusive) ${r.ours.toFixed(1)} ms`
    );
    console.log('\nself time:');
    console.log(r.self.join('\n'));
    console.log("\nthe extension's functions, inclusive:");
    console.log(r.ours_.join('\n'));
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
