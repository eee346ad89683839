// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { parser } from '@lezer/python';

import { notebookDataFiles } from '../../../core/data/files';
import { hiddenState } from '../../../core/execution/hiddenState';
import type { ICellLike } from '../../../core/notebook/cells';
import { SCAN_LIMITS } from '../../../core/common/scanLimits';
import { notebookImports } from '../../../core/python/imports';
import { PythonTrees } from '../../../core/python/trees';
import type { PythonParser } from '../../../core/python/parser';
import { CASES_PATH } from '../../conformance';
import { FIXTURES, ROOT } from '../../../../testutils/paths';

/**
 * The three analyses that parse cells, each parsing on its own, or all
 * with one set of shared trees.
 */
function analyses(cells: ICellLike[], trees?: PythonTrees) {
  return {
    imports: notebookImports(cells, parser, SCAN_LIMITS, trees),
    hidden: hiddenState(cells, parser, { trees }),
    data: notebookDataFiles(cells, parser, SCAN_LIMITS, trees)
  };
}

/**
 * The `.ipynb` files of a folder (none when it is absent).
 */
function notebooksIn(folder: string): string[] {
  return fs.existsSync(folder)
    ? fs
        .readdirSync(folder)
        .filter(name => name.endsWith('.ipynb'))
        .map(name => path.join(folder, name))
    : [];
}

/**
 * The parser, counting the parses it starts.
 */
function countingParser(): { parser: PythonParser; parses: () => number } {
  let parses = 0;
  const counting = Object.create(parser) as PythonParser;
  counting.startParse = (...args: Parameters<PythonParser['startParse']>) => {
    parses++;
    return parser.startParse(...args);
  };
  return { parser: counting, parses: () => parses };
}

describe('one tree per cell shared by imports, names and data files', () => {
  const line = fc.constantFrom(
    'import pandas as pd',
    'from pathlib import Path',
    'import numpy, \\',
    '    scipy',
    'DATA = Path("data")',
    'df = pd.read_csv(DATA / "x.csv")',
    'rows = open("rows.txt").read()',
    'for name in names:',
    '    print(name, total)',
    'def f(x):',
    '    return x + y',
    'total = sum(rows)',
    '%pip install requests',
    '!ls',
    'x = !ls',
    '%%time',
    '%%bash',
    'exec("z = 1")',
    'from os import *',
    's = """',
    '"""',
    'values = [',
    ']',
    '# import nothing',
    '    ',
    ''
  );
  const cell = fc
    .array(line, { maxLength: 8 })
    .map(lines => lines.join('\n'))
    .chain(source =>
      fc.record({
        cell_type: fc.constantFrom('code', 'code', 'code', 'markdown'),
        source: fc.constant(source),
        execution_count: fc.option(fc.integer({ min: 1, max: 9 }), {
          nil: null
        })
      })
    );

  it('gives each analysis the result it gives parsing on its own', () => {
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 8 }), cells => {
        expect(analyses(cells, new PythonTrees(parser))).toEqual(
          analyses(cells)
        );
      }),
      { numRuns: 800 }
    );
  });

  it('gives the same results on the test, example and conformance notebooks', () => {
    const files = [
      ...notebooksIn(FIXTURES),
      ...notebooksIn(path.join(ROOT, 'examples')),
      ...notebooksIn(path.join(path.dirname(CASES_PATH), 'notebooks'))
    ];
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      let json: { cells?: unknown };
      try {
        json = JSON.parse(fs.readFileSync(file, 'utf8'));
      } catch {
        continue; // a fixture that is not JSON on purpose
      }
      if (!Array.isArray(json.cells)) {
        continue;
      }
      // A cell that is not an object is a cell of no type, as the CLI reads it.
      const cells: ICellLike[] = json.cells.map((cell: unknown) =>
        cell !== null && typeof cell === 'object'
          ? (cell as ICellLike)
          : { cell_type: null }
      );
      expect([file, analyses(cells, new PythonTrees(parser))]).toEqual([
        file,
        analyses(cells)
      ]);
    }
  });

  it('parses each code cell once for all three, where data files alone parse it again', () => {
    const cells: ICellLike[] = [
      'import pandas as pd\ndf = pd.read_csv("a.csv")',
      'more = pd.read_csv("b.csv")',
      'print(df, more)'
    ].map(source => ({ cell_type: 'code', source, execution_count: null }));
    const alone = countingParser();
    notebookImports(cells, alone.parser);
    hiddenState(cells, alone.parser);
    notebookDataFiles(cells, alone.parser);
    // Data files parse the two cells that import or read; the imports
    // and hidden state read these plain cells without the parser.
    expect(alone.parses()).toBe(2);

    const shared = countingParser();
    const trees = new PythonTrees(shared.parser);
    notebookImports(cells, shared.parser, SCAN_LIMITS, trees);
    hiddenState(cells, shared.parser, { trees });
    notebookDataFiles(cells, shared.parser, SCAN_LIMITS, trees);
    expect(shared.parses()).toBe(2);
  });
});
