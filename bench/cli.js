#!/usr/bin/env node
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
'use strict';

/**
 * Part 7 of the benchmark: `nbproject-lab check` on a repository of
 * notebooks, as a CI job or a pre-commit hook runs it, against nbproject's
 * own functions over the same files.
 *
 *   node bench/cli.js OUTDIR OUT.json PYTHON [COUNT [BOOK_COUNT]]
 *
 * Generates COUNT (default 150) seeded notebooks of 30 to 328 cells with
 * small outputs (bench/generate.js) in OUTDIR, a folder with a `.git` so
 * the configuration lookup stops there, then times whole processes, each
 * from its start to its exit, in alternating rounds:
 *
 * - `all`: `check --json --require all --python PYTHON` on every file:
 *   every check, the interpreter asked once for the versions;
 * - `today`: `check --json --require consecutive,title,metadata`, the
 *   checks the CLI had before;
 * - `nohidden`: every check but `hidden-state`, with `--python`: what
 *   `all` costs without the one analysis nbproject has no counterpart of
 *   (its share of `all` is the difference);
 * - `nbproject`: one Python process running, for every file, what
 *   nbproject needs for the same verdicts: `read_notebook`,
 *   `check_consecutiveness`, `infer_pypackages(pin_versions=True)`
 *   (bench/nbproject_refresh.py's refresh).
 *
 * Then the same on a second repository, OUTDIR/book: BOOK_COUNT (default
 * 160, 0 to skip) output-heavy notebooks (bench/generate.js writeBook:
 * about 60 MB, most of it figures as base64 PNG, DataFrame tables and
 * logs), as a book of run notebooks is; its figures go under `book` in
 * OUT.json, in the same shape as the first repository's at the top level.
 *
 * The CLI is the one compiled from the current sources into BENCH_CORE by
 * scripts/bench.sh (else dist-cli/).
 *
 * Each process is timed three ways: wall time, CPU time (user + system,
 * the process and its children, e.g. the interpreter `--python` asks) and
 * peak resident memory, the last two from GNU time (`/usr/bin/time`);
 * without it, only wall time is given.
 */

const { execFileSync, spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { summarize, now } = require('./stats');
const { writeBook } = require('./generate');

const ROOT = path.resolve(__dirname, '..');
const CORE = process.env.BENCH_CORE || path.join(ROOT, 'dist-cli');
const ROUNDS = 5;

const [outDir, outFile, python, countArg, bookArg] = process.argv.slice(2);
if (!outDir || !outFile || !python) {
  console.error(
    'usage: node bench/cli.js OUTDIR OUT.json PYTHON [COUNT [BOOK_COUNT]]'
  );
  process.exit(2);
}
const count = Number(countArg ?? 150);
const bookCount = Number(bookArg ?? 160);

fs.mkdirSync(path.join(outDir, '.git'), { recursive: true });
const sizes = Array.from({ length: count }, (_, i) => 30 + ((i * 2) % 300));
execFileSync(
  process.execPath,
  [path.join(__dirname, 'generate.js'), outDir, ...sizes.map(String)],
  {
    stdio: 'inherit'
  }
);

// The program as bin/nbproject-lab.js runs it, from the compiled sources.
const RUNNER = `const { main, nodeIO } = require(${JSON.stringify(path.join(CORE, 'cli/main.js'))});
Promise.resolve(main(process.argv.slice(1), nodeIO())).then(s => { process.exitCode = s; });`;

// GNU time gives a process's CPU time (children included) and peak memory.
const GNU_TIME = '/usr/bin/time';
const hasTime = fs.existsSync(GNU_TIME);
const usageFile = path.join(outDir, '.usage');

function timed(cwd, command, args) {
  if (hasTime) {
    args = ['-o', usageFile, '-f', '%U %S %M', command, ...args];
    command = GNU_TIME;
  }
  const start = now();
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') }
  });
  const ms = now() - start;
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(
      `${command} ${args.slice(0, 4).join(' ')}: exit ${result.status}\n${result.stderr}`
    );
  }
  if (!hasTime) {
    return { ms, cpu: null, rss: null, stdout: result.stdout };
  }
  // The last line: GNU time puts "Command exited with non-zero status"
  // before it when the check fails (exit 1).
  const [user, system, kb] = fs
    .readFileSync(usageFile, 'utf8')
    .trim()
    .split('\n')
    .pop()
    .split(' ')
    .map(Number);
  return {
    ms,
    cpu: (user + system) * 1000,
    rss: kb / 1024,
    stdout: result.stdout
  };
}

const PEER = `import sys, time
sys.path.insert(0, ${JSON.stringify(__dirname)})
from nbproject_refresh import quiet, refresh
with quiet():
    for path in sys.argv[1:]:
        refresh(path)
`;
const RUNS = ['all', 'nohidden', 'today', 'nbproject'];

// Every check of `--require all` but hidden-state, from the program's own
// table (`match` is among them with --python).
const NO_HIDDEN_STATE = require(path.join(CORE, 'cli/checks.js'))
  .CHECK_TABLE.map(check => check.name)
  .filter(name => name !== 'hidden-state')
  .join(',');

/**
 * The three processes, ROUNDS times in alternation, on the notebooks of
 * `dir` (a repository: it has a `.git`): their figures as cli.json holds
 * them.
 */
function measure(dir) {
  const files = fs
    .readdirSync(dir)
    .filter(name => name.endsWith('.ipynb'))
    .sort();
  const bytes = files.reduce(
    (sum, name) => sum + fs.statSync(path.join(dir, name)).size,
    0
  );
  const ours = args =>
    timed(dir, process.execPath, [
      '-e',
      RUNNER,
      'check',
      '--json',
      ...args,
      ...files
    ]);
  const peer = () => timed(dir, python, ['-c', PEER, ...files]);
  const samples = Object.fromEntries(
    RUNS.map(run => [run, { ms: [], cpu: [], rss: [] }])
  );
  const keep = (run, timing) => {
    for (const measure of ['ms', 'cpu', 'rss']) {
      if (timing[measure] !== null) {
        samples[run][measure].push(timing[measure]);
      }
    }
    return timing;
  };
  let findings = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const all = keep('all', ours(['--require', 'all', '--python', python]));
    findings = all.stdout
      .trim()
      .split('\n')
      .reduce((sum, line) => sum + JSON.parse(line).findings.length, 0);
    keep('nohidden', ours(['--require', NO_HIDDEN_STATE, '--python', python]));
    keep('today', ours(['--require', 'consecutive,title,metadata']));
    keep('nbproject', peer());
  }
  const result = { files: files.length, bytes, findings };
  for (const run of RUNS) {
    // Wall time under the run's own name, CPU and memory beside.
    result[run] = summarize(samples[run].ms);
    if (hasTime) {
      result[`${run}Cpu`] = summarize(samples[run].cpu);
      result[`${run}Rss`] = summarize(samples[run].rss);
    }
  }
  return result;
}

const med = s =>
  `${s.median.toFixed(0)} ms (IQR ${s.q1.toFixed(0)}–${s.q3.toFixed(0)})`;
function show(what, result) {
  const cpu = run =>
    result[`${run}Cpu`]
      ? `, CPU ${result[`${run}Cpu`].median.toFixed(0)} ms`
      : '';
  console.log(
    `   ${what}${result.files} notebooks, ${(result.bytes / 1e6).toFixed(1)} MB, ${result.findings} findings: --require all ${med(result.all)}${cpu('all')}; all but hidden-state ${med(result.nohidden)}${cpu('nohidden')}; today's checks ${med(result.today)}${cpu('today')}; nbproject ${med(result.nbproject)}${cpu('nbproject')}`
  );
}

const result = measure(outDir);
show('', result);
if (bookCount > 0) {
  // The output-heavy repository: a repository of its own inside OUTDIR,
  // whose notebooks the first one's file list does not include.
  const bookDir = path.join(outDir, 'book');
  fs.rmSync(bookDir, { recursive: true, force: true });
  fs.mkdirSync(path.join(bookDir, '.git'), { recursive: true });
  const made = writeBook(bookDir, bookCount);
  console.log(
    `   ${bookDir}: ${made.files.length} output-heavy notebooks, ${(made.bytes / 1e6).toFixed(1)} MB (outputs ${(made.outputBytes / 1e6).toFixed(1)} MB: ${made.figures} figures, ${made.tables} tables, ${made.streams} stream outputs)`
  );
  result.book = {
    workload: 'output-heavy',
    outputBytes: made.outputBytes,
    figures: made.figures,
    tables: made.tables,
    streams: made.streams,
    ...measure(bookDir)
  };
  show('output-heavy: ', result.book);
}
fs.rmSync(usageFile, { force: true });
fs.writeFileSync(outFile, JSON.stringify(result, null, 2));
