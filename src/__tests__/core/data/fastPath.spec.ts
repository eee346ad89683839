// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import * as fs from 'fs';
import * as path from 'path';

import {
  IDataFiles,
  notebookDataFiles,
  notebookDataFilesParsingAll,
  notebookDataFilesSteps
} from '../../../core/data/files';
import { ICellLike, joinSource } from '../../../core/notebook/cells';
import { IScanLimits, SCAN_LIMITS } from '../../../core/common/scanLimits';
import { allSteps } from '../../../core/common/steps';
import type { PythonParser } from '../../../core/python/parser';
import { PythonTrees } from '../../../core/python/trees';
import { CASES_PATH, cases } from '../../conformance';
import { ROOT } from '../../../../testutils/paths';
import { parser } from '@lezer/python';

// The benchmarks' seeded generator of realistic notebooks (plain JS).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const bench = require('../../../../bench/generate.js') as {
  generate(size: number): { cells: ICellLike[] };
  generateLarge(cells: number): { cells: ICellLike[] };
};

/**
 * The data-file reading parses only the cells that can matter; these tests
 * hold it to the plain reading that parses every cell, on every notebook
 * at hand and on cases made to trip it.
 */

/**
 * A notebook of code cells (a string) and Markdown cells (`{md}`).
 */
function notebook(...cells: (string | { md: string })[]): ICellLike[] {
  return cells.map(cell =>
    typeof cell === 'string'
      ? { cell_type: 'code', source: cell, execution_count: null }
      : { cell_type: 'markdown', source: cell.md }
  );
}

/**
 * A parser that counts the cells it parses.
 */
function countingParser(): { parser: PythonParser; parsed: () => number } {
  let count = 0;
  const counting = Object.create(parser) as PythonParser;
  counting.startParse = (...args: Parameters<PythonParser['startParse']>) => {
    count++;
    return parser.startParse(...args);
  };
  return { parser: counting, parsed: () => count };
}

/**
 * The data files found the fast way, alone and with shared trees, after
 * checking both equal the plain reading's.
 */
function same(
  cells: readonly ICellLike[],
  limits: Readonly<IScanLimits> = SCAN_LIMITS
): IDataFiles {
  const all = notebookDataFilesParsingAll(cells, parser, limits);
  const fast = notebookDataFiles(cells, parser, limits);
  expect(fast).toStrictEqual(all);
  const trees = new PythonTrees(parser);
  expect(
    allSteps(notebookDataFilesSteps(cells, parser, limits, trees))
  ).toStrictEqual(all);
  return fast;
}

/**
 * The `.ipynb` files under a folder, recursively.
 */
function notebooksUnder(folder: string): string[] {
  if (!fs.existsSync(folder)) {
    return [];
  }
  return fs
    .readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter(entry => entry.isFile() && entry.name.endsWith('.ipynb'))
    .map(entry => path.join(entry.parentPath, entry.name))
    .sort();
}

/**
 * A notebook file's cells, or `null` when it is not a readable notebook
 * (some fixtures are broken on purpose).
 */
function cellsOf(file: string): ICellLike[] | null {
  try {
    const cells = JSON.parse(fs.readFileSync(file, 'utf8')).cells;
    return Array.isArray(cells) &&
      cells.every(cell => cell !== null && typeof cell === 'object')
      ? cells
      : null;
  } catch {
    return null;
  }
}

describe('notebookDataFiles parses only what matters, with the same result', () => {
  const files = [
    ...notebooksUnder(path.join(ROOT, 'examples')),
    ...notebooksUnder(path.join(ROOT, 'src', '__tests__')),
    ...notebooksUnder(path.join(ROOT, 'tests')),
    ...notebooksUnder(path.join(ROOT, 'ui-tests', 'tests'))
  ];

  it('finds the repository notebooks', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it.each(files.map(file => [path.relative(ROOT, file), file]))(
    'reads %s as the plain reading does',
    (_, file) => {
      const cells = cellsOf(file);
      if (cells) {
        same(cells);
      }
    }
  );

  const conformance = notebooksUnder(
    path.join(path.dirname(CASES_PATH), 'notebooks')
  );
  const known = cases;
  if (known && conformance.length > 0) {
    it.each(conformance.map(file => [path.basename(file), file]))(
      'reads conformance notebook %s as the plain reading does',
      (_, file) => {
        const cells = cellsOf(file);
        if (cells) {
          same(cells);
        }
      }
    );

    it('reads the conformance cases cells as the plain reading does', () => {
      same([
        ...known.consecutiveness.flatMap(item => item.cells),
        ...known.title.flatMap(item => item.cells),
        ...notebook(...known.imports.map(item => item.source))
      ]);
    });
  } else {
    it.skip(`conformance notebooks absent at ${CASES_PATH}`, () => undefined);
  }

  it.each([60, 300, 2000])(
    'reads a generated notebook of %i cells as the plain reading does, parsing few cells',
    size => {
      const { cells } = bench.generate(size);
      const code = cells.filter(
        cell =>
          cell.cell_type === 'code' && joinSource(cell.source).trim() !== ''
      ).length;
      // These read no file (`%load_ext` is no reader): nothing to parse.
      same(cells);
      const idle = countingParser();
      notebookDataFiles(cells, idle.parser);
      expect(idle.parsed()).toBe(0);
      // With one read: the cells that import (about one in six) or read.
      const reading = [
        ...cells,
        ...notebook('DATA = Path("data")', 'df = pd.read_csv(DATA / "a.csv")')
      ];
      expect(same(reading).files.map(file => file.path)).toEqual([
        'data/a.csv'
      ]);
      const busy = countingParser();
      notebookDataFiles(reading, busy.parser);
      expect(busy.parsed()).toBeGreaterThan(1);
      expect(busy.parsed()).toBeLessThan(code / 3);
    }
  );

  it('reads a generated notebook of few large cells as the plain reading does', () => {
    same(bench.generateLarge(12).cells);
  });

  it('follows a name given its path in a cell that reads nothing', () => {
    const found = same(
      notebook(
        'from pathlib import Path',
        'DATA = Path("data")',
        'x = 1',
        'RAW = DATA / "raw"',
        { md: 'RAW = Path("elsewhere")' },
        'import pandas as pd\ndf = pd.read_csv(RAW / "a.csv")'
      )
    );
    expect(found.files.map(file => file.path)).toEqual(['data/raw/a.csv']);
  });

  it('sees a name given two paths, or rebound, in cells that read nothing', () => {
    const found = same(
      notebook(
        'DATA = "a.csv"',
        'open(DATA)\nOTHER = "b.csv"',
        'for OTHER in range(3): pass',
        'open(OTHER)',
        'DATA = "c.csv"'
      )
    );
    expect(found.files).toEqual([]);
    expect(found.untracked).toEqual([]);
  });

  it('follows names through several cells, each found by the one before', () => {
    // From the last to the first: each name's cell spells only the next.
    const chain = Array.from(
      { length: 10 },
      (_, i) => `P${9 - i}x = P${10 - i}x / "p${9 - i}"`
    );
    const found = same(
      notebook(
        'from pathlib import Path',
        'P10x = Path("root")',
        ...chain,
        'unrelated = 1',
        'open(P0x)'
      )
    );
    expect(found.files.map(file => file.path)).toEqual([
      'root/p9/p8/p7/p6/p5/p4/p3/p2/p1/p0'
    ]);
  });

  it('follows readers imported under another name', () => {
    const found = same(
      notebook(
        'from pandas import read_csv as rc\nimport h5py as h',
        'x = 1',
        'df = rc("a.csv")',
        'f = h.File("b.h5")',
        'from scipy.io.wavfile import read as wav',
        'rate = wav("c.wav")'
      )
    );
    expect(found.files.map(file => [file.path, file.reader])).toEqual([
      ['a.csv', 'pandas.read_csv'],
      ['b.h5', 'h5py.File'],
      ['c.wav', 'scipy.io.wavfile.read']
    ]);
  });

  it('reads as before a reader named only in strings and comments', () => {
    const found = same(
      notebook(
        'PATH = "a.csv"  # open(PATH) later',
        'print("pd.read_csv(PATH)")',
        '# import pandas as pd',
        's = """\nimport numpy as np\nnp.load(PATH)\n"""'
      )
    );
    expect(found).toEqual({ files: [], untracked: [] });
  });

  it('keeps listing the cells it leaves unparsed, in notebook order', () => {
    const long = `y = 1\n${'x = 1\n'.repeat(SCAN_LIMITS.maxParsedCell / 6)}`;
    const deep = `y = ${'['.repeat(201)}${']'.repeat(201)}`;
    // Many brackets, not nested: parsed if it matters.
    const wide = `y = ${'[]'.repeat(300)}\nopen("w.csv")`;
    const bash = `%%bash\n${'echo (\n'.repeat(300)}`;
    const found = same(
      notebook(long, 'open("a.csv")', deep, wide, bash, `%%bash\n${long}`)
    );
    expect(found.unparsed).toEqual([
      { cell: 0, reason: 'long' },
      { cell: 2, reason: 'nested' }
    ]);
    expect(found.files.map(file => file.path)).toEqual(['a.csv', 'w.csv']);
    same(notebook(long, deep, wide), {
      ...SCAN_LIMITS,
      maxParsedCell: Infinity
    });
  });

  it('reads IPython cells as before', () => {
    same(
      notebook(
        '%time DATA = "a.csv"',
        '%timeit -n 10 open(DATA)',
        '!cat "b.csv"\nx = !ls',
        'DATA?',
        '%%capture\nopen("c.csv")',
        '%%bash\nopen("d.csv")'
      )
    );
  });

  it('gives up searching and parses everything past many names', () => {
    const names = Array.from({ length: 80 }, (_, i) => `name_${i}`);
    const found = same(
      notebook(
        'import numpy as np',
        `np.loadtxt(${names.join(', ')})`,
        ...names.map(name => `${name} = "${name}.txt"`)
      )
    );
    expect(found.files).toEqual([
      { path: 'name_0.txt', cells: [1], reader: 'numpy.loadtxt' }
    ]);
    const chain = Array.from(
      { length: 40 },
      (_, i) => `Q${39 - i}x = Q${40 - i}x + "q"`
    );
    const last = same(notebook('Q40x = "root"', ...chain, 'open(Q0x)'));
    expect(last.files.map(file => file.path)).toEqual([
      `root${'q'.repeat(40)}`
    ]);
  });
});

describe('notebookDataFiles stays linear across cells', () => {
  /**
   * Milliseconds of CPU for one reading, best of a few.
   */
  function time(cells: readonly ICellLike[]): number {
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      const start = process.cpuUsage();
      notebookDataFiles(cells, parser);
      const { user, system } = process.cpuUsage(start);
      best = Math.min(best, (user + system) / 1000);
    }
    return best;
  }

  // Each cell names the one the next search finds: one search per round
  // of the whole notebook, were the rounds not bounded.
  const chain = (size: number) =>
    notebook(
      'open(C0x)',
      ...Array.from({ length: size }, (_, i) => `C${i}x = C${i + 1}x + "c"`),
      `C${size}x = "root"`
    );
  // A reader with many names, each set in a cell of its own.
  const many = (size: number) =>
    notebook(
      `open(${Array.from({ length: size }, (_, i) => `n${i}`).join(', ')})`,
      ...Array.from({ length: size }, (_, i) => `n${i} = "${i}"`)
    );

  it.each([
    ['a chain of names', chain],
    ['many names', many]
  ])('reads %s in time linear in the cells', (_, make) => {
    time(make(500));
    const small = time(make(1000));
    const large = time(make(8000));
    // Linear gives about 8, quadratic 64.
    expect(large / small < 24 || large < 10).toBe(true);
  });
});
