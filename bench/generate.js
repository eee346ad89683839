#!/usr/bin/env node
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
'use strict';

/**
 * Seeded generator of realistic notebooks for the benchmarks.
 *
 *   node bench/generate.js OUTDIR [SIZE...]   (default sizes 200 2000 10000)
 *
 * writes OUTDIR/nb-<SIZE>.ipynb (2,000 cells make about 1 MB). A SIZE of
 * `big-N` writes OUTDIR/nb-big-N.ipynb instead: a title cell and N code
 * cells sharing about 780 KB of source (a 1 MB file; imports and analysis
 * code), run in order: few, very large cells. The same seed and size
 * always give the same file. `book-N` alone writes instead the N notebooks
 * of the output-heavy repository (generateBook below) as
 * OUTDIR/book-NNN.ipynb and prints their size.
 *
 * The mix of generate(): a title cell, then about one third
 * markdown (headings, prose, lists) and two thirds code: plain analysis
 * code (functions, loops, comprehensions, strings, comments), cells
 * importing standard-library and third-party modules (some installed in
 * the bench venv, some not), IPython magics (`%matplotlib inline`,
 * `%time`, `%%time`, `%timeit`, `%load_ext`), shell and install lines
 * (`!ls`, `%pip install`), help lines (`df.describe?`), `%%bash` cells and
 * empty cells; small outputs on a third of the code cells; execution
 * counts mostly in order with a few cells run out of order, one not run,
 * and a trailing unexecuted cell.
 *
 * Every cell that contains the word "import" is valid Python once
 * nbproject strips its magics (nbproject's `infer_pypackages` parses those
 * cells with `ast.parse` and raises on anything else), so both tools read
 * every file.
 */

const fs = require('fs');
const path = require('path');

const SEED = 20261122;

/**
 * mulberry32: a small, fast, seedable PRNG (public-domain algorithm).
 */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeRandom(seed) {
  const next = prng(seed);
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = list => list[Math.floor(next() * list.length)];
  const chance = p => next() < p;
  const hex = n =>
    Array.from({ length: n }, () => '0123456789abcdef'[int(0, 15)]).join('');
  return { next, int, pick, chance, hex };
}

const STDLIB = [
  'import os',
  'import sys',
  'import json',
  'import re',
  'import math',
  'import itertools',
  'from pathlib import Path',
  'from collections import Counter, defaultdict',
  'from functools import lru_cache',
  'from datetime import datetime, timedelta',
  'import logging',
  'import typing as t'
];

// Third-party imports: data-science staples (not installed in the bench
// venv) and packages the venv has (so version lookups find some).
const THIRD_PARTY = [
  'import numpy as np',
  'import pandas as pd',
  'import matplotlib.pyplot as plt',
  'import seaborn as sns',
  'from scipy import stats',
  'from sklearn.linear_model import LinearRegression',
  'from sklearn.model_selection import train_test_split',
  'import requests',
  'import yaml',
  'from jinja2 import Template',
  'from dateutil import parser as dateparser',
  'from bs4 import BeautifulSoup',
  'import pydantic',
  'import httpx',
  'import psutil'
];

const WORDS = (
  'data sample cohort gene expression cluster batch filter normalize ' +
  'score model feature label count matrix table result figure summary ' +
  'quality control threshold metric value group condition replicate'
).split(' ');

const NAMES = [
  'df',
  'data',
  'table',
  'counts',
  'scores',
  'result',
  'frame',
  'values',
  'sample',
  'model'
];

function sentence(r, words) {
  const n = words ?? r.int(6, 18);
  const ws = Array.from({ length: n }, () => r.pick(WORDS));
  ws[0] = ws[0][0].toUpperCase() + ws[0].slice(1);
  return ws.join(' ') + '.';
}

function codeLines(r, n) {
  const lines = [];
  const v = () => `${r.pick(NAMES)}_${r.int(0, 40)}`;
  while (lines.length < n) {
    switch (r.int(0, 11)) {
      case 0:
        lines.push(`# ${sentence(r, r.int(3, 9))}`);
        break;
      case 1:
        lines.push(
          `${v()} = ${v()}[${v()}["${r.pick(WORDS)}"] > ${r.int(0, 100) / 10}]`
        );
        break;
      case 2: {
        const name = `${r.pick(WORDS)}_${r.pick(WORDS)}`;
        lines.push(`def ${name}(x, threshold=${r.int(1, 9)}):`);
        lines.push(`    """${sentence(r, r.int(4, 10))}"""`);
        lines.push(`    values = [v for v in x if v > threshold]`);
        lines.push(`    return sum(values) / max(len(values), 1)`);
        lines.push('');
        break;
      }
      case 3:
        lines.push(`for i, row in enumerate(${v()}):`);
        lines.push(`    if i % ${r.int(2, 20)} == 0:`);
        lines.push(`        print(i, row)`);
        break;
      case 4:
        lines.push(
          `${v()} = {k: len(g) for k, g in ${v()}.items() if k != "${r.pick(WORDS)}"}`
        );
        break;
      case 5:
        lines.push(
          `${v()}.groupby("${r.pick(WORDS)}").agg({"${r.pick(WORDS)}": "mean"}).reset_index()`
        );
        break;
      case 6:
        lines.push(`plt.plot(${v()}, ${v()}, label="${r.pick(WORDS)}")`);
        lines.push(`plt.title(f"${r.pick(WORDS)} {len(${v()})}")`);
        break;
      case 7:
        lines.push(`${v()} = (`);
        lines.push(`    ${v()}`);
        lines.push(`    .dropna()`);
        lines.push(
          `    .sort_values("${r.pick(WORDS)}", ascending=${r.chance(0.5) ? 'True' : 'False'})`
        );
        lines.push(`)`);
        break;
      case 8:
        lines.push(
          `class ${r.pick(WORDS)[0].toUpperCase()}${r.pick(WORDS)}Config:`
        );
        lines.push(`    name = "${r.pick(WORDS)}"`);
        lines.push(`    size = ${r.int(1, 1000)}`);
        lines.push('');
        break;
      case 9:
        lines.push(`try:`);
        lines.push(`    ${v()} = float(${v()})`);
        lines.push(`except (TypeError, ValueError) as error:`);
        lines.push(`    print("skipped:", error)`);
        break;
      case 10:
        lines.push(`text = """${sentence(r)}`);
        lines.push(`${sentence(r)}"""`);
        break;
      default:
        lines.push(`${v()} = ${v()} * ${r.int(2, 9)} + ${r.int(0, 99)}`);
    }
  }
  return lines;
}

function importLines(r) {
  const lines = [];
  const n = r.int(1, 4);
  for (let i = 0; i < n; i++) {
    lines.push(r.chance(0.45) ? r.pick(STDLIB) : r.pick(THIRD_PARTY));
  }
  if (r.chance(0.2)) {
    lines.push(
      'try:',
      '    import orjson as fastjson',
      'except ImportError:',
      '    fastjson = None'
    );
  }
  return [...new Set(lines)];
}

function markdownCell(r) {
  switch (r.int(0, 3)) {
    case 0:
      return [`## ${sentence(r, r.int(2, 5)).replace(/\.$/, '')}`];
    case 1:
      return [
        `### ${sentence(r, r.int(2, 4)).replace(/\.$/, '')}`,
        '',
        sentence(r)
      ];
    case 2:
      return Array.from(
        { length: r.int(2, 6) },
        () => `- ${sentence(r, r.int(3, 8))}`
      );
    default:
      return Array.from({ length: r.int(1, 4) }, () => sentence(r));
  }
}

/**
 * The source lines of one code cell, and whether it is empty.
 */
function codeCell(r) {
  const kind = r.next();
  if (kind < 0.66) {
    return codeLines(r, r.int(1, 22));
  }
  if (kind < 0.8) {
    const lines = importLines(r);
    if (r.chance(0.25)) {
      lines.unshift('%time x = 1');
    }
    return [...lines, '', ...codeLines(r, r.int(0, 8))];
  }
  if (kind < 0.86) {
    return ['%%time', ...codeLines(r, r.int(1, 8))];
  }
  if (kind < 0.89) {
    return [
      `%timeit -n ${r.int(1, 100)} ${r.pick(NAMES)}_${r.int(0, 40)}.sum()`
    ];
  }
  if (kind < 0.93) {
    // Never with the word "import": nbproject would parse it and fail.
    return r.pick([
      ['!ls data/'],
      ['%pip install -q tqdm'],
      ['!pip install requests==2.31.0'],
      ['files = !ls *.csv', 'len(files)']
    ]);
  }
  if (kind < 0.95) {
    return [`${r.pick(NAMES)}_${r.int(0, 40)}.describe?`];
  }
  if (kind < 0.97) {
    return ['%%bash', 'echo "running"', 'ls -la | head'];
  }
  return [];
}

function outputs(r, count) {
  if (count === null || !r.chance(0.33)) {
    return [];
  }
  if (r.chance(0.5)) {
    return [
      {
        name: 'stdout',
        output_type: 'stream',
        text: Array.from(
          { length: r.int(1, 5) },
          () => `${r.pick(WORDS)} ${r.int(0, 9999)}\n`
        )
      }
    ];
  }
  return [
    {
      data: { 'text/plain': [`${r.int(0, 99999) / 100}`] },
      execution_count: count,
      metadata: {},
      output_type: 'execute_result'
    }
  ];
}

function toSource(lines) {
  return lines.map((line, i) => (i < lines.length - 1 ? line + '\n' : line));
}

/**
 * A notebook of `size` cells, always the same for the same size (and seed:
 * by default one derived from the size).
 */
function generate(size, seed = SEED + size) {
  const r = makeRandom(seed);
  const cells = [];
  const ids = new Set();
  const id = () => {
    let value = r.hex(8);
    while (ids.has(value)) {
      value = r.hex(8);
    }
    ids.add(value);
    return value;
  };
  cells.push({
    cell_type: 'markdown',
    id: id(),
    metadata: {},
    source: toSource([
      `# ${sentence(r, 4).replace(/\.$/, '')} analysis`,
      '',
      sentence(r)
    ])
  });
  cells.push({
    cell_type: 'code',
    id: id(),
    metadata: {},
    source: toSource([
      '%load_ext autoreload',
      '%autoreload 2',
      '%matplotlib inline',
      'import numpy as np',
      'import pandas as pd',
      'import matplotlib.pyplot as plt',
      'from pathlib import Path'
    ]),
    execution_count: null,
    outputs: []
  });
  while (cells.length < size) {
    if (r.chance(0.34)) {
      cells.push({
        cell_type: 'markdown',
        id: id(),
        metadata: {},
        source: toSource(markdownCell(r))
      });
    } else {
      cells.push({
        cell_type: 'code',
        id: id(),
        metadata: {},
        source: toSource(codeCell(r)),
        execution_count: null,
        outputs: []
      });
    }
  }
  // Execution counts: in order, except a few cells run out of order, one
  // skipped cell and an unexecuted last code cell.
  const code = cells.filter(
    cell => cell.cell_type === 'code' && cell.source.length > 0
  );
  let count = 0;
  for (const cell of code) {
    cell.execution_count = ++count;
  }
  for (let k = 0; k < 3; k++) {
    const i = r.int(2, code.length - 3);
    [code[i].execution_count, code[i + 1].execution_count] = [
      code[i + 1].execution_count,
      code[i].execution_count
    ];
  }
  code[r.int(2, code.length - 3)].execution_count = null;
  code[code.length - 1].execution_count = null;
  for (const cell of cells) {
    if (cell.cell_type === 'code') {
      cell.outputs = outputs(r, cell.execution_count);
    }
  }
  return {
    cells,
    metadata: {
      kernelspec: {
        display_name: 'Python 3 (ipykernel)',
        language: 'python',
        name: 'python3'
      },
      // As ipykernel reports it (a saved notebook carries all of it).
      language_info: {
        codemirror_mode: { name: 'ipython', version: 3 },
        file_extension: '.py',
        mimetype: 'text/x-python',
        name: 'python',
        nbconvert_exporter: 'python',
        pygments_lexer: 'ipython3',
        version: '3.11.7'
      },
      nbproject: {
        id: 'Bench' + r.hex(7),
        parent: null,
        pypackage: {
          numpy: '1.26.4',
          pandas: '2.2.2',
          requests: '2.31.0',
          PyYAML: '6.0.1'
        },
        time_init: '2026-11-22T08:30:00.250000+00:00',
        user_handle: null,
        user_id: null,
        user_name: null,
        version: '1'
      }
    },
    nbformat: 4,
    nbformat_minor: 5
  };
}

/**
 * A notebook of a title cell and `count` code cells holding together about
 * `bytes` of source, always the same for the same arguments.
 */
function generateLarge(count, bytes = 780000) {
  const r = makeRandom(SEED + 7 * count);
  // The title cell and metadata of a small notebook.
  const notebook = generate(200);
  notebook.cells = notebook.cells.slice(0, 1);
  for (let i = 0; i < count; i++) {
    const lines = importLines(r);
    let size = lines.reduce((sum, line) => sum + line.length + 1, 0);
    while (size < bytes / count) {
      for (const line of codeLines(r, 40)) {
        lines.push(line);
        size += line.length + 1;
      }
    }
    notebook.cells.push({
      cell_type: 'code',
      id: r.hex(8),
      metadata: {},
      source: toSource(lines),
      execution_count: i + 1,
      outputs: []
    });
  }
  return notebook;
}

// The output-heavy ("book-like") repository: notebooks as they are saved
// after a run, where outputs outweigh the source.
const BOOK_SEED = SEED + 1000003;
// Share of the run code cells given each kind of output (one kind a cell);
// the other run cells keep generate()'s small outputs.
const BOOK_FIGURE = 0.11;
const BOOK_TABLE = 0.1;
const BOOK_STREAM = 0.13;

/**
 * `n` seeded random bytes, starting with the PNG signature.
 */
function pngBytes(r, n) {
  const bytes = Buffer.alloc(Math.max(n, 8));
  for (let i = 0; i < bytes.length; i += 4) {
    const word = Math.floor(r.next() * 4294967296);
    for (let k = 0; k < 4 && i + k < bytes.length; k++) {
      bytes[i + k] = (word >>> (8 * k)) & 0xff;
    }
  }
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes);
  return bytes;
}

/**
 * A matplotlib figure as the inline backend displays it: 7.5 to 57 KB of
 * PNG, that is 10 to 76 KB of base64 in 76-character lines (one JSON
 * string: nbformat splits text/* and SVG into lists, not PNG), and its
 * text/plain.
 */
function figureOutput(r) {
  const base64 = pngBytes(r, r.int(7500, 57000)).toString('base64');
  const lines = base64.match(/.{1,76}/g);
  const [w, h] = r.pick([
    [640, 480],
    [640, 480],
    [1000, 600],
    [1200, 800],
    [800, 400]
  ]);
  const axes = r.pick([1, 1, 1, 2, 4]);
  return {
    data: {
      'image/png': lines.join('\n') + '\n',
      'text/plain': [`<Figure size ${w}x${h} with ${axes} Axes>`]
    },
    metadata: r.chance(0.3) ? { needs_background: 'light' } : {},
    output_type: 'display_data'
  };
}

/**
 * A pandas DataFrame as a notebook shows it: text/html (pandas' scoped
 * style and table) and text/plain (aligned columns), 5 to 40 rows of 3 to
 * 12 columns.
 */
function tableOutput(r, count) {
  const rows = r.int(5, 40);
  const columns = Array.from(
    { length: r.int(3, 12) },
    (_, i) => `${r.pick(WORDS)}_${i}`
  );
  const cell = c =>
    c === 0 ? r.pick(WORDS) : (r.int(-99999, 999999) / 1000).toFixed(3);
  const values = Array.from({ length: rows }, () =>
    columns.map((_, c) => cell(c))
  );
  const html = [
    '<div>',
    '<style scoped>',
    '    .dataframe tbody tr th:only-of-type {',
    '        vertical-align: middle;',
    '    }',
    '',
    '    .dataframe tbody tr th {',
    '        vertical-align: top;',
    '    }',
    '',
    '    .dataframe thead th {',
    '        text-align: right;',
    '    }',
    '</style>',
    '<table border="1" class="dataframe">',
    '  <thead>',
    '    <tr style="text-align: right;">',
    '      <th></th>',
    ...columns.map(name => `      <th>${name}</th>`),
    '    </tr>',
    '  </thead>',
    '  <tbody>',
    ...values.flatMap((row, i) => [
      '    <tr>',
      `      <th>${i}</th>`,
      ...row.map(value => `      <td>${value}</td>`),
      '    </tr>'
    ]),
    '  </tbody>',
    '</table>',
    `<p>${rows} rows × ${columns.length} columns</p>`,
    '</div>'
  ];
  const index = String(rows - 1).length;
  const widths = columns.map((name, c) =>
    Math.max(name.length, ...values.map(row => row[c].length))
  );
  const plain = [
    ' '.repeat(index) +
      columns.map((name, c) => '  ' + name.padStart(widths[c])).join(''),
    ...values.map(
      (row, i) =>
        String(i).padEnd(index) +
        row.map((value, c) => '  ' + value.padStart(widths[c])).join('')
    ),
    '',
    `[${rows} rows x ${columns.length} columns]`
  ];
  return {
    data: { 'text/html': toSource(html), 'text/plain': toSource(plain) },
    execution_count: count,
    metadata: {},
    output_type: 'execute_result'
  };
}

/**
 * A log on stdout (a training or processing loop, 5 to 150 lines) or,
 * now and then, a warning on stderr.
 */
function streamOutput(r) {
  if (r.chance(0.15)) {
    return {
      name: 'stderr',
      output_type: 'stream',
      text: [
        `/opt/conda/lib/python3.11/site-packages/pandas/core/frame.py:${r.int(100, 9999)}: FutureWarning: ${sentence(r)}\n`,
        `  ${r.pick(NAMES)}_${r.int(0, 40)} = ${r.pick(NAMES)}.groupby("${r.pick(WORDS)}").mean()\n`
      ]
    };
  }
  const total = r.int(5, 150);
  const name = r.pick(['Epoch', 'Batch', 'Step', 'Chunk']);
  return {
    name: 'stdout',
    output_type: 'stream',
    text: Array.from(
      { length: total },
      (_, i) =>
        `${name} ${i + 1}/${total} - ${r.pick(WORDS)}: ${(r.next() * 10).toFixed(4)} - ${r.pick(WORDS)}: ${r.next().toFixed(4)} - ${r.int(1, 900)}ms/step\n`
    )
  };
}

/**
 * Notebook `index` of the output-heavy repository: the cells of
 * generate() (40 to 130 of them, a seed of its own), and on the run code
 * cells a figure (BOOK_FIGURE of them, a third also with the
 * `[<matplotlib.lines.Line2D ...>]` result), a DataFrame (BOOK_TABLE) or
 * a log (BOOK_STREAM). Always the same for the same index.
 */
function generateBook(index) {
  const r = makeRandom(BOOK_SEED + index);
  const notebook = generate(r.int(40, 130), BOOK_SEED + 7919 * (index + 1));
  for (const cell of notebook.cells) {
    const count = cell.execution_count;
    if (cell.cell_type !== 'code' || count === null || count === undefined) {
      continue;
    }
    const kind = r.next();
    if (kind < BOOK_FIGURE) {
      const figure = figureOutput(r);
      cell.outputs = r.chance(1 / 3)
        ? [
            {
              data: {
                'text/plain': [
                  `[<matplotlib.lines.Line2D at 0x7f${r.hex(10)}>]`
                ]
              },
              execution_count: count,
              metadata: {},
              output_type: 'execute_result'
            },
            figure
          ]
        : [figure];
    } else if (kind < BOOK_FIGURE + BOOK_TABLE) {
      cell.outputs = [tableOutput(r, count)];
    } else if (kind < BOOK_FIGURE + BOOK_TABLE + BOOK_STREAM) {
      cell.outputs = [streamOutput(r)];
    }
  }
  return notebook;
}

/**
 * Writes the `count` notebooks of the output-heavy repository to `outDir`
 * as OUTDIR/book-NNN.ipynb (indented as Jupyter saves them); returns their
 * paths and total size, and the outputs' share of it.
 */
function writeBook(outDir, count = 160) {
  fs.mkdirSync(outDir, { recursive: true });
  const files = [];
  let bytes = 0;
  let outputBytes = 0;
  const outputs = { figures: 0, tables: 0, streams: 0 };
  for (let i = 0; i < count; i++) {
    const notebook = generateBook(i);
    const file = path.join(outDir, `book-${String(i).padStart(3, '0')}.ipynb`);
    const text = JSON.stringify(notebook, null, 1) + '\n';
    fs.writeFileSync(file, text);
    files.push(file);
    bytes += Buffer.byteLength(text);
    for (const cell of notebook.cells) {
      for (const output of cell.outputs ?? []) {
        outputBytes += Buffer.byteLength(JSON.stringify(output, null, 1));
        if (output.data?.['image/png']) {
          outputs.figures++;
        } else if (output.data?.['text/html']) {
          outputs.tables++;
        } else if (output.output_type === 'stream') {
          outputs.streams++;
        }
      }
    }
  }
  return { files, bytes, outputBytes, ...outputs };
}

module.exports = { generate, generateLarge, generateBook, writeBook };

if (require.main === module) {
  const [outDir, ...sizes] = process.argv.slice(2);
  if (!outDir) {
    console.error('usage: node bench/generate.js OUTDIR [SIZE...]');
    process.exit(2);
  }
  fs.mkdirSync(outDir, { recursive: true });
  const book = sizes.length === 1 && /^book-(\d+)$/.exec(sizes[0]);
  if (book) {
    const made = writeBook(outDir, Number(book[1]));
    console.log(
      `${outDir}: ${made.files.length} output-heavy notebooks, ${(made.bytes / 1e6).toFixed(1)} MB (outputs ${(made.outputBytes / 1e6).toFixed(1)} MB: ${made.figures} figures, ${made.tables} tables, ${made.streams} stream outputs)`
    );
    process.exit(0);
  }
  for (const size of sizes.length ? sizes : ['200', '2000', '10000']) {
    const big = /^big-(\d+)$/.exec(size);
    const notebook = big
      ? generateLarge(Number(big[1]))
      : generate(Number(size));
    const file = path.join(outDir, `nb-${size}.ipynb`);
    fs.writeFileSync(file, JSON.stringify(notebook, null, 1) + '\n');
    console.log(
      `${file}: ${notebook.cells.length} cells, ${fs.statSync(file).size} bytes`
    );
  }
}
