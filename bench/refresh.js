#!/usr/bin/env node
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
'use strict';

/**
 * Parts 1 and 2 of the benchmark: our core analysis (imports +
 * consecutiveness + title, the rules of src/core/ compiled by
 * scripts/bench.sh from the current sources into BENCH_CORE, else dist-cli/) against
 * nbproject 0.11.1 doing the same refresh, on the same notebook files.
 *
 *   node bench/refresh.js NOTEBOOK_DIR OUT.json PYTHON [SIZE...]
 *
 * Ours, per notebook:
 * - `full`: a fresh NotebookAnalysis over every cell (every cell parsed),
 *   cells already in memory: what the header does when a notebook opens;
 * - `fullWithRead`: read + JSON.parse + full, the counterpart of nbproject's
 *   refresh from disk;
 * - `incremental`: one code cell's source changed, then `changeCells` with
 *   that cell on an analysis that has seen the notebook (one cell re-parsed,
 *   checked with `parsedInLastUpdate`): the cost of one changed cell when
 *   the caller knows which cell changed;
 * - `incrementalList`: the same change given as the whole cell list to
 *   `update(cells)`, the list rebuilt inside the timing, as a caller that
 *   reads every cell from the notebook model does;
 * - `first`: read + full analysis in a fresh Node process (cold JIT).
 * nbproject: `refresh` (steady state) and `first` (fresh process), see
 * bench/nbproject_refresh.py. Ours and nbproject's samples alternate, round
 * by round, so both see the same machine load.
 */

const { spawn, execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const readline = require('readline');
const { summarize, now } = require('./stats');

const ROOT = path.resolve(__dirname, '..');
const CORE = process.env.BENCH_CORE || path.join(ROOT, 'dist-cli');
const ANALYSIS = path.join(CORE, 'core/notebook/analysis.js');
const { NotebookAnalysis } = require(ANALYSIS);
const { importedDistributions } = require(
  path.join(CORE, 'core/packages/distributions.js')
);
// The core takes its Python parser from the caller, as the CLI gives it.
const { parser } = require('@lezer/python');

// Rounds per size (one sample of each full measure and of nbproject per
// round) and incremental updates per round.
const ROUNDS = { 200: 40, 2000: 20, 10000: 5 };
const INCREMENTAL_PER_ROUND = { 200: 8, 2000: 8, 10000: 6 };
const FIRST_RUNS = 3;

/**
 * The nbproject worker: one refresh per request, answered in order.
 */
class Peer {
  constructor(python) {
    this._child = spawn(
      python,
      [path.join(__dirname, 'nbproject_refresh.py'), '--serve'],
      {
        stdio: ['pipe', 'pipe', 'inherit']
      }
    );
    this._waiting = [];
    readline.createInterface({ input: this._child.stdout }).on('line', line => {
      this._waiting.shift()?.(JSON.parse(line));
    });
    this._child.on('exit', code => {
      for (const reject of this._waiting.splice(0)) {
        reject({ error: `nbproject worker exited with ${code}` });
      }
    });
    this.hello = new Promise(resolve => this._waiting.push(resolve));
  }
  refresh(file) {
    return new Promise(resolve => {
      this._waiting.push(resolve);
      this._child.stdin.write(file + '\n');
    });
  }
  close() {
    this._child.stdin.end();
  }
}

function time(fn) {
  const start = now();
  fn();
  return now() - start;
}

function asModelCells(cells) {
  // The header reads joined source strings from the model.
  return cells.map(cell => ({
    cell_type: cell.cell_type,
    id: cell.id,
    source: Array.isArray(cell.source) ? cell.source.join('') : cell.source,
    execution_count: cell.execution_count
  }));
}

function firstRuns(file, python) {
  const ours = [];
  const theirs = [];
  const script =
    `const t0 = process.hrtime.bigint();` +
    `const { NotebookAnalysis } = require(${JSON.stringify(ANALYSIS)});` +
    `const { parser } = require(${JSON.stringify(require.resolve('@lezer/python'))});` +
    `const a = new NotebookAnalysis({ parser });` +
    `a.update(JSON.parse(require('fs').readFileSync(${JSON.stringify(file)}, 'utf8')).cells);` +
    `a.result();` +
    `console.log(Number(process.hrtime.bigint() - t0) / 1e6);`;
  for (let i = 0; i < FIRST_RUNS; i++) {
    ours.push(
      Number(
        execFileSync(process.execPath, ['-e', script], {
          encoding: 'utf8'
        }).trim()
      )
    );
    const out = execFileSync(
      python,
      [path.join(__dirname, 'nbproject_refresh.py'), '--first', file],
      {
        encoding: 'utf8'
      }
    );
    theirs.push(JSON.parse(out.trim().split('\n').pop()).ms);
  }
  return { ours: summarize(ours), nbproject: summarize(theirs) };
}

async function benchSize(file, peer, python) {
  const read = () => JSON.parse(fs.readFileSync(file, 'utf8'));
  const notebook = read();
  const size = notebook.cells.length;
  const rounds = ROUNDS[size] ?? 10;
  const perRound = INCREMENTAL_PER_ROUND[size] ?? 5;

  const full = () => {
    const analysis = new NotebookAnalysis({ parser });
    analysis.update(notebook.cells);
    return analysis.result();
  };
  const fullWithRead = () => {
    const analysis = new NotebookAnalysis({ parser });
    analysis.update(read().cells);
    return analysis.result();
  };

  // Incremental: a code cell in the middle alternates between two sources.
  const cells = asModelCells(notebook.cells);
  const target = cells.findIndex(
    (cell, i) =>
      i >= size / 2 && cell.cell_type === 'code' && cell.source !== ''
  );
  const variants = [
    cells[target].source,
    cells[target].source + '\nimport yaml\nvalue = 1'
  ];
  const analysis = new NotebookAnalysis({ parser });
  analysis.update(cells);
  let flip = 0;
  const parsed = new Set();
  const incremental = () => {
    flip ^= 1;
    const cell = { ...cells[target], source: variants[flip] };
    analysis.changeCells([{ index: target, cell }]);
    parsed.add(analysis.parsedInLastUpdate);
    return analysis.result();
  };
  const listed = new NotebookAnalysis({ parser });
  listed.update(cells);
  let listFlip = 0;
  const incrementalList = () => {
    listFlip ^= 1;
    const changed = cells.map((cell, i) =>
      i === target ? { ...cell, source: variants[listFlip] } : { ...cell }
    );
    listed.update(changed);
    parsed.add(listed.parsedInLastUpdate);
    return listed.result();
  };

  const samples = {
    full: [],
    fullWithRead: [],
    incremental: [],
    incrementalList: [],
    nbproject: []
  };
  let answer = null;
  for (let round = -2; round < rounds; round++) {
    const keep = round >= 0; // two warm-up rounds
    const a = time(fullWithRead);
    const b = time(full);
    answer = await peer.refresh(file);
    if (answer.error) {
      throw new Error(answer.error);
    }
    const c = [];
    const d = [];
    for (let i = 0; i < perRound; i++) {
      c.push(time(incremental));
      d.push(time(incrementalList));
    }
    if (keep) {
      samples.fullWithRead.push(a);
      samples.full.push(b);
      samples.nbproject.push(answer.ms);
      samples.incremental.push(...c);
      samples.incrementalList.push(...d);
    }
  }
  if (parsed.size !== 1 || !parsed.has(1)) {
    throw new Error(
      `incremental update re-parsed ${[...parsed].join(',')} cells, expected 1`
    );
  }

  const found = full();
  const modules = found.modules.map(module => module.name);
  return {
    file,
    cells: size,
    codeCells: notebook.cells.filter(cell => cell.cell_type === 'code').length,
    bytes: fs.statSync(file).size,
    ours: {
      full: summarize(samples.full),
      fullWithRead: summarize(samples.fullWithRead),
      incremental: summarize(samples.incremental),
      incrementalList: summarize(samples.incrementalList),
      parsedPerIncrementalUpdate: 1,
      title: found.title,
      consecutive: found.consecutiveness.consecutive,
      modules,
      distributions: importedDistributions(modules)
    },
    nbproject: {
      refresh: summarize(samples.nbproject),
      consecutive: answer.consecutive,
      packages: answer.packages
    },
    first: firstRuns(file, python)
  };
}

async function main() {
  const [dir, out, python, ...sizes] = process.argv.slice(2);
  if (!python) {
    console.error(
      'usage: node bench/refresh.js NOTEBOOK_DIR OUT.json PYTHON [SIZE...]'
    );
    process.exit(2);
  }
  const peer = new Peer(python);
  const versions = await peer.hello;
  const results = {};
  try {
    for (const size of sizes.length ? sizes : ['200', '2000', '10000']) {
      const r = await benchSize(
        path.join(dir, `nb-${size}.ipynb`),
        peer,
        python
      );
      results[size] = r;
      const f = s =>
        `${s.median.toFixed(2)} ms [${s.min.toFixed(2)}-${s.max.toFixed(2)}]`;
      console.log(
        `  ${size} cells: ours full ${f(r.ours.full)}, incremental ${f(r.ours.incremental)} ` +
          `(whole list ${f(r.ours.incrementalList)}); ` +
          `nbproject ${f(r.nbproject.refresh)}`
      );
    }
  } finally {
    peer.close();
  }
  fs.writeFileSync(
    out,
    JSON.stringify({ node: process.version, ...versions, results }, null, 1)
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
