#!/usr/bin/env node
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
'use strict';

/**
 * Print the benchmark's one table from the parts' JSON results, with the
 * budgets and a PASS/MISS next to each.
 *
 *   node bench/report.js RESULTS_DIR
 *
 * Reads refresh.json, kernel.json, bundle.json, browser.json and
 * machine.json from RESULTS_DIR (a missing or failed part shows as such);
 * prints a Markdown table and writes it to RESULTS_DIR/table.md.
 */

const fs = require('fs');
const path = require('path');

const dir = process.argv[2];

function load(name) {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
  } catch (error) {
    return { error: `no results (${error.code || error.message})` };
  }
}

const refresh = load('refresh.json');
const kernel = load('kernel.json');
const bundle = load('bundle.json');
const browser = load('browser.json');
const machine = load('machine.json');

const digits = x => (x >= 100 ? 0 : x >= 10 ? 1 : x >= 1 ? 2 : 3);
const num = x => x.toFixed(digits(Math.abs(x)));
/** A summary as "median ms (IQR q1–q3, n)". */
const ms = s => (s && s.median !== undefined ? `${num(s.median)} ms (IQR ${num(s.q1)}–${num(s.q3)}, n=${s.n})` : 'n/a');
const mb = bytes => `${(bytes / 1e6).toFixed(2)} MB`;
const ratio = (a, b) => (a && b && a.median !== undefined && b.median ? a.median / b.median : null);
const fmtRatio = r => (r === null ? '' : r >= 10 ? `${r.toFixed(0)}×` : `${r.toFixed(r < 0.1 ? 3 : 2)}×`);
const verdict = ok => (ok === null || ok === undefined ? 'n/a' : ok ? '**PASS**' : '**MISS**');

const rows = [];
const row = (part, measure, ours, peer = '', r = '', budget = '', ok) =>
  rows.push([part, measure, ours, peer, r, budget, ok === undefined ? '' : verdict(ok)]);

// 1-2: core analysis against nbproject.
if (refresh.results) {
  for (const [size, r] of Object.entries(refresh.results)) {
    const n = Number(size).toLocaleString('en-US');
    const peer = r.nbproject.refresh;
    row('1–2', `${n} cells: read file + full analysis / nbproject refresh`, ms(r.ours.fullWithRead), ms(peer), fmtRatio(ratio(r.ours.fullWithRead, peer)));
    row('1', `${n} cells: full analysis (cells in memory, as on open)`, ms(r.ours.full));
    const inc = ratio(r.ours.incremental, peer);
    if (size === '2000') {
      row('1–2', `${n} cells: incremental, one cell changed / nbproject refresh`, ms(r.ours.incremental), ms(peer), fmtRatio(inc), '≤ 0.1×', inc !== null && inc <= 0.1);
    } else {
      row('1–2', `${n} cells: incremental, one cell changed / nbproject refresh`, ms(r.ours.incremental), ms(peer), fmtRatio(inc));
    }
    row('1–2', `${n} cells: first refresh in a fresh process`, ms(r.first.ours), ms(r.first.nbproject), fmtRatio(ratio(r.first.ours, r.first.nbproject)));
  }
} else {
  row('1–2', 'core analysis and nbproject', refresh.error);
}

// 3: kernel probe.
if (kernel.roundtrip) {
  row('3', 'kernel probe round trip (ipykernel, steady)', ms(kernel.roundtrip));
  row('3', 'first probe in a fresh kernel (fills its cache)', ms(kernel.first));
  row(
    '3',
    'probe side effects',
    `${kernel.executeInputBroadcasts} execute_input broadcasts; execution counts ${kernel.executionCounts.join(' → ')} (${kernel.countsUntouched ? 'untouched' : 'CHANGED'})`
  );
} else {
  row('3', 'kernel probe', kernel.error);
}
const requests = browser.kernelRequests;
if (requests && requests.perRefresh !== undefined) {
  row(
    '3',
    'kernel requests per refresh (browser, execute_requests on the websocket)',
    `${requests.perRefresh} (open: ${requests.onOpen.requests}; run adding an import: ${requests.onRun.requests} = ${requests.onRun.sent}; reopen: ${requests.onReopen.requests})`,
    '',
    '',
    '= 1',
    requests.perRefresh === 1
  );
} else {
  row('3', 'kernel requests per refresh', requests?.error ?? browser.error ?? 'n/a');
}

// 4: bundle.
if (bundle.total) {
  const gz = bundle.total.gzip;
  row('4', `bundle, production (${bundle.files.length} JS files)`, `${bundle.total.raw.toLocaleString('en-US')} B raw, ${gz.toLocaleString('en-US')} B gzipped`, '', '', '≤ 60 KB (60,000 B) gz', gz <= 60000);
} else {
  row('4', 'bundle', bundle.error);
}

// 5: browser.
const loadTimes = browser.load;
if (loadTimes?.on) {
  const paired = loadTimes.pairedRatio;
  const r = paired ? paired.median : ratio(loadTimes.on, loadTimes.off);
  const spread = paired ? ` (IQR ${paired.q1.toFixed(2)}–${paired.q3.toFixed(2)}; ratio of medians ${fmtRatio(ratio(loadTimes.on, loadTimes.off))})` : '';
  row('5', 'JupyterLab load to app.restored: with / without the extension (ratio: median of the rounds\' paired ratios)', ms(loadTimes.on), ms(loadTimes.off), fmtRatio(r) + spread, '≤ 1.05×', r !== null && r <= 1.05);
} else {
  row('5', 'JupyterLab load', loadTimes?.error ?? browser.error ?? 'n/a');
}
const header = browser.header;
if (header?.readyToHeader) {
  row('5', '2,000 cells: context ready → header `[data-tracked]` in the DOM', ms(header.readyToHeader), '', '', '≤ 200 ms', header.readyToHeader.median <= 200);
  row('5', '2,000 cells: context ready → first animation frame (JupyterLab itself; with / without the extension)', ms(header.readyToFrameOn), ms(header.readyToFrameOff), fmtRatio(ratio(header.readyToFrameOn, header.readyToFrameOff)));
  row('5', '2,000 cells: docmanager:open → context ready (with the extension)', ms(header.openToReady));
} else {
  row('5', 'header', header?.error ?? browser.error ?? 'n/a');
}

// 6: memory.
const mOn = browser.memoryOn;
const mOff = browser.memoryOff;
if (mOn?.growth !== undefined && mOff?.growth !== undefined) {
  const share = mOn.growth - mOff.growth;
  row('6', `JS heap growth after ${mOn.cycles} open/close cycles of the 200-cell notebook: with / without the extension`, mb(mOn.growth), mb(mOff.growth));
  row('6', "the extension's share of that growth (with − without)", mb(share), '', '', '< 5 MB', share < 5e6);
  row('6', 'heap before the cycles (with / without)', mb(mOn.before.median), mb(mOff.before.median));
  if (mOn.retained && mOff.retained) {
    const list = counts => Object.entries(counts).map(([name, n]) => `${name} ${n}`).join(', ');
    row('6', `closed notebooks' objects still in the heap after the cycles (with / without)`, list(mOn.retained), list(mOff.retained));
  }
} else {
  row('6', 'memory', mOn?.error ?? mOff?.error ?? browser.error ?? 'n/a');
}

const header_ = ['part', 'measure', 'ours', 'peer', 'ratio', 'budget', 'verdict'];
const escape = cell => String(cell).replace(/\|/g, '\\|');
const lines = [
  `| ${header_.join(' | ')} |`,
  `|${header_.map(() => '---').join('|')}|`,
  ...rows.map(cells => `| ${cells.map(escape).join(' | ')} |`)
];
const context = machine.error
  ? ''
  : `${machine.date}: ${machine.cpu} (${machine.cores} cores), load average ${machine.loadavg} at start; ` +
    `Node ${machine.node}, Python ${machine.python}, nbproject ${refresh.nbproject ?? '?'}, ` +
    `JupyterLab ${machine.jupyterlab}, ${machine.chromium}. Medians with interquartile range and sample count.`;
const text = [context, '', ...lines, ''].join('\n');
fs.writeFileSync(path.join(dir, 'table.md'), text);
console.log(text);
