// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { parser } from '@lezer/python';
import {
  hiddenState,
  IHiddenStateReport
} from '../../../core/execution/hiddenState';
import type { ICellLike } from '../../../core/notebook/cells';
import { findNames } from '../../../core/python/names';
import { caseNotebookCells, describeConformance } from '../../conformance';

/**
 * The names a cell defines and the names it reads (deferred ones marked
 * with a trailing `()`).
 */
function names(source: string): {
  defines: string[];
  reads: string[];
  dynamic?: string;
} {
  const found = findNames(source, parser);
  return {
    defines: found.defines,
    reads: found.reads.map(r => (r.deferred ? `${r.name}()` : r.name)),
    ...(found.dynamic ? { dynamic: found.dynamic } : {})
  };
}

/**
 * Code cells from sources, with execution counts when given.
 */
function notebook(...cells: (string | [string, number | null])[]): ICellLike[] {
  return cells.map((cell, i) => {
    const [source, count] = typeof cell === 'string' ? [cell, null] : cell;
    return { cell_type: 'code', id: `c${i}`, source, execution_count: count };
  });
}

/**
 * Each flagged cell as `index: code name (cell)`, for short expectations.
 */
function flagged(report: IHiddenStateReport): string[] {
  return report.cells.flatMap(cell =>
    cell.issues.map(issue => {
      const params = issue.params as Record<string, unknown>;
      const what = params.name ?? params.feature;
      const where = params.cell === undefined ? '' : ` (${params.cell})`;
      return `${cell.index}: ${issue.code} ${what}${where}`;
    })
  );
}

describe('findNames', () => {
  it.each([
    ['x = 1', ['x'], []],
    ['x = y + 1', ['x'], ['y']],
    ['x = x + 1', ['x'], ['x']],
    ['x += 1', ['x'], ['x']],
    ['a, (b, [c, *d]) = f()', ['a', 'b', 'c', 'd'], ['f']],
    ['a = b = 0', ['a', 'b'], []],
    ['n: int = 5', ['n'], []],
    ['n: int', [], []],
    ['obj.attr = 1\narr[i] = 2', [], ['arr', 'i', 'obj']],
    [
      'import os.path as op, sys\nimport numpy.linalg',
      ['numpy', 'op', 'sys'],
      []
    ],
    ['from m import (a as b, c)\nfrom . import d', ['b', 'c', 'd'], []],
    ['for i, j in pairs:\n    print(i + j)', ['i', 'j'], ['pairs']],
    ['with open(p) as fh:\n    fh.read()', ['fh'], ['p']],
    ['try:\n    pass\nexcept ValueError as err:\n    print(err)', ['err'], []],
    ['if (n := len(xs)) > 3:\n    print(n)', ['n'], ['xs']],
    ['ys = [v * k for v in xs if v]', ['ys'], ['k', 'xs']],
    ['ys = [(w := v) for v in xs]\nprint(w)', ['w', 'ys'], ['xs']],
    ['f(a, key=b)', [], ['a', 'b', 'f']],
    ['print(f"{value:>{width}}")', [], ['value', 'width']],
    ['del gone', [], ['gone']],
    ['x = 1 # y\ns = "z"', ['s', 'x'], []],
    ['print(len(range(3)), In, Out, _, _i2, _3, display)', [], []]
  ])('%j', (source, defines, reads) => {
    expect(names(source)).toEqual({ defines, reads });
  });

  it('scopes functions: parameters and locals are not global reads', () => {
    expect(
      names(
        'def f(a, b=default, *rest, c: Hint = 1, **kw):\n' +
          '    local = a + b + c + g\n' +
          '    return local + len(rest) + len(kw)\n' +
          'f(1)'
      )
    ).toEqual({
      defines: ['f'],
      reads: ['default', 'g()', 'Hint'].sort(),
      ...{}
    });
  });

  it('reads a global a function uses as deferred, unless the cell defines it', () => {
    expect(names('def f():\n    return scale * 2\nscale = 3')).toEqual({
      defines: ['f', 'scale'],
      reads: []
    });
    expect(names('g = lambda t: t * factor')).toEqual({
      defines: ['g'],
      reads: ['factor()']
    });
  });

  it('binds `global` names of a function in the module', () => {
    expect(names('def setup():\n    global cfg\n    cfg = 1')).toEqual({
      defines: ['cfg', 'setup'],
      reads: []
    });
  });

  it('keeps class bodies apart, and reads what they use at once', () => {
    expect(
      names('class C(Base):\n    size = 3\n    twice = size * factor\n')
    ).toEqual({ defines: ['C'], reads: ['Base', 'factor'] });
  });

  it('reads match patterns: captures bind, classes and keywords do not', () => {
    expect(
      names(
        'match cmd:\n' +
          '    case Point(x=px, y=[py, *rest]) | {"k": kv, **kw}:\n' +
          '        pass\n'
      )
    ).toEqual({
      defines: ['kv', 'kw', 'px', 'py', 'rest'],
      reads: ['Point', 'cmd']
    });
  });

  it('knows the names IPython lines define, and runs what %time runs', () => {
    expect(names('files = !ls\nout, err = %sx ls')).toEqual({
      defines: ['err', 'files', 'out'],
      reads: []
    });
    expect(names('%%capture captured\nprint(x)')).toEqual({
      defines: ['captured'],
      reads: ['x']
    });
    expect(names('%time total = sum(values)')).toEqual({
      defines: ['total'],
      reads: ['values']
    });
    expect(names('%%bash\necho $HOME')).toEqual({ defines: [], reads: [] });
    // A capture after blanks (any that trim takes), not a comparison or
    // a format; `%%capture` on the first line that is not blank only.
    expect(
      names('a = x != y\nb = \t !ls\nc =\u00a0%sx ls\nd = x % 2\ne == !f')
    ).toEqual({ defines: ['a', 'b', 'c', 'd'], reads: ['e', 'f', 'x', 'y'] });
    expect(names('\n  \n%%capture out\nx = 1')).toEqual({
      defines: ['out', 'x'],
      reads: []
    });
    expect(names('y = 1 % 2\n%%capture out\nx = 1').defines).toEqual([
      'x',
      'y'
    ]);
  });

  it.each([
    ['from numpy import *', 'star-import'],
    ['exec("z = 1")', 'exec'],
    ['globals()["z"] = 1', 'globals'],
    ['get_ipython().push({"z": 1})', 'get-ipython'],
    ['%run helpers.py', 'magic'],
    ['%store -r saved', 'magic'],
    ['x = ('.repeat(300) + '1' + ')'.repeat(300), 'nested']
  ])('is not sure of %j', (source, feature) => {
    expect(findNames(source, parser).dynamic).toBe(feature);
  });

  it('does not parse a cell longer than the limit', () => {
    const found = findNames('x = 1\n', parser, {
      maxLineLength: 10,
      maxParsedCell: 3
    });
    expect(found).toEqual({ defines: [], reads: [], dynamic: 'long' });
  });
});

describe('hiddenState', () => {
  it('finds nothing in a notebook that defines before it uses', () => {
    const report = hiddenState(
      notebook(
        ['import math', 1],
        ['r = 2', 2],
        ['area = math.pi * r ** 2', 3]
      ),
      parser
    );
    expect(report).toEqual({ verdict: 'clean', cells: [] });
  });

  it('flags a name no cell defines: the deleted cell', () => {
    const report = hiddenState(
      notebook(['a = 1', 1], ['print(a + b)', 3]),
      parser
    );
    expect(report.verdict).toBe('hidden');
    expect(flagged(report)).toEqual(['1: undefined-name b']);
    expect(report.cells[0].id).toBe('c1');
  });

  it('flags a name only a later cell defines', () => {
    const report = hiddenState(notebook('print(rate)', 'rate = 0.1'), parser);
    expect(flagged(report)).toEqual(['0: defined-later rate (1)']);
  });

  it('flags a cell that reads a name before it defines it', () => {
    expect(flagged(hiddenState(notebook('x = x + 1'), parser))).toEqual([
      '0: defined-later x (0)'
    ]);
  });

  it('does not blame a function for a global a later cell defines', () => {
    const cells = notebook(
      'def area():\n    return side ** 2',
      'side = 3',
      'area()'
    );
    expect(hiddenState(cells, parser)).toEqual({ verdict: 'clean', cells: [] });
    expect(
      flagged(hiddenState(notebook('def f():\n    return nowhere'), parser))
    ).toEqual(['0: undefined-name nowhere']);
  });

  it('flags a cell that ran with a definition from a cell below', () => {
    // Cell 2 ran (count 2) before cell 1 (count 3): cell 1's output used it.
    const cells = notebook(['x = 1', 1], ['print(x)', 3], ['x = 2', 2]);
    expect(flagged(hiddenState(cells, parser))).toEqual([
      '1: later-definition x (2)'
    ]);
    // In order, the later redefinition did not reach it.
    const inOrder = notebook(['x = 1', 1], ['print(x)', 2], ['x = 2', 3]);
    expect(hiddenState(inOrder, parser).verdict).toBe('clean');
  });

  it('flags a cell that ran with a name from a cell edited since', () => {
    const cells = notebook(['x = 1', 1], ['print(x)', 2]);
    const report = hiddenState(cells, parser, { edited: new Set([0]) });
    expect(flagged(report)).toEqual(['1: stale-definition x (0)']);
    expect(hiddenState(cells, parser).verdict).toBe('clean');
  });

  it('finds the definition a cell ran with by execution count, whatever the cell order', () => {
    // The definers of `x` below the reader, run in the reverse order.
    const reversed = notebook(['print(x)', 5], ['x = 1', 4], ['x = 2', 3]);
    expect(flagged(hiddenState(reversed, parser))).toEqual([
      '0: defined-later x (1)',
      '0: later-definition x (1)'
    ]);
    // A definer that did not run gave nothing, even after those that did.
    const unrun = notebook(['print(x)', 2], ['x = 1', 1], ['x = 2', null]);
    expect(flagged(hiddenState(unrun, parser))).toEqual([
      '0: defined-later x (1)',
      '0: later-definition x (1)'
    ]);
    // Of two with the same count, the later in the notebook.
    const same = notebook(['print(x)', 5], ['x = 1', 3], ['x = 2', 3]);
    expect(flagged(hiddenState(same, parser))).toEqual([
      '0: defined-later x (1)',
      '0: later-definition x (2)'
    ]);
  });

  it('is not sure after a cell that may define anything', () => {
    const report = hiddenState(
      notebook('from helpers import *', 'print(load(path))', 'x = 1'),
      parser
    );
    expect(report.verdict).toBe('unsure');
    expect(flagged(report)).toEqual([
      '0: dynamic star-import',
      '1: unresolved load (0)',
      '1: unresolved path (0)'
    ]);
  });

  it('stays hidden once a cell has a problem, whatever cells are unsure around it', () => {
    const report = hiddenState(
      notebook('exec(s)', ['print(q)', 2], ['q = 1', 1], 'print(w)'),
      parser
    );
    expect(report.verdict).toBe('hidden');
    expect(flagged(report)).toEqual([
      '0: dynamic exec',
      '0: unresolved s (0)',
      '1: later-definition q (2)',
      '1: unresolved q (0)',
      '3: unresolved w (0)'
    ]);
  });

  it('skips markdown, raw and PEP 723 cells', () => {
    const cells: ICellLike[] = [
      { cell_type: 'markdown', source: 'print(nothing)' },
      { cell_type: 'raw', source: 'print(nothing)' },
      {
        cell_type: 'code',
        source: '# /// script\n# dependencies = ["numpy"]\n# ///\n'
      },
      ...notebook('y = 2')
    ];
    expect(hiddenState(cells, parser)).toEqual({ verdict: 'clean', cells: [] });
  });

  it('reuses the names found for a source through the cache', () => {
    const cache = new Map();
    hiddenState(notebook('a = 1', 'print(a)'), parser, { cache });
    expect([...cache.keys()]).toEqual(['a = 1', 'print(a)']);
  });
});

describeConformance('hiddenState on nbproject notebooks', cases => {
  const files = cases.notebooks.map(item => item.file);

  it.each(files)('%s: nothing hidden (they run top to bottom)', file => {
    expect(hiddenState(caseNotebookCells(file), parser)).toEqual({
      verdict: 'clean',
      cells: []
    });
  });

  it('flags the readers of a name once the only cell defining it is deleted', () => {
    let deleted = 0;
    for (const file of files) {
      const cells = caseNotebookCells(file);
      const found = cells.map(cell =>
        cell.cell_type === 'code'
          ? findNames(
              Array.isArray(cell.source)
                ? cell.source.join('')
                : String(cell.source),
              parser
            )
          : null
      );
      // A name one cell alone defines and a later cell reads.
      const target = found.flatMap((names, i) =>
        (names?.defines ?? [])
          .filter(
            name =>
              found.filter(other => other?.defines.includes(name)).length === 1
          )
          .flatMap(name => {
            const reader = found.findIndex(
              (other, j) => j > i && other?.reads.some(r => r.name === name)
            );
            return reader > i ? [{ cell: i, name, reader }] : [];
          })
      )[0];
      if (!target) {
        continue;
      }
      const without = cells.filter((_, i) => i !== target.cell);
      const report = hiddenState(without, parser);
      const reader = report.cells.find(c => c.index === target.reader - 1);
      expect({ file, issues: reader?.issues }).toEqual({
        file,
        issues: expect.arrayContaining([
          { code: 'undefined-name', params: { name: target.name } }
        ])
      });
      deleted++;
    }
    expect(deleted).toBeGreaterThan(5);
  });
});
