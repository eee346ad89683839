// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import fc from 'fast-check';

import {
  checkConsecutiveness,
  consecutivenessReport
} from '../../../core/execution/consecutiveness';
import type { ICellLike } from '../../../core/notebook/cells';
import { caseNotebookCells, describeConformance } from '../../conformance';

const code = (
  count: unknown,
  source: unknown = 'x',
  id?: string
): ICellLike => ({
  cell_type: 'code',
  execution_count: count,
  source,
  ...(id === undefined ? {} : { id })
});
const md = (source = 'text'): ICellLike => ({ cell_type: 'markdown', source });
const codes = (...counts: (number | null)[]) =>
  counts.map(count => code(count));

describeConformance('nbproject conformance: consecutiveness', cases => {
  it.each(cases.consecutiveness.map(c => [c.name, c] as const))(
    'gives nbproject\'s verdict for "%s"',
    (_, c) => {
      expect(checkConsecutiveness(c.cells, c.calling_statement)).toEqual(
        c.nbproject
      );
    }
  );

  it.each(cases.notebooks.map(c => [c.file, c] as const))(
    "gives nbproject's verdict on the real notebook %s",
    (_, c) => {
      const { consecutive, violations } = c.nbproject;
      expect(checkConsecutiveness(caseNotebookCells(c.file))).toEqual({
        consecutive,
        violations
      });
    }
  );

  it.each(cases.consecutiveness.map(c => [c.name, c] as const))(
    'lists offending cells exactly when nbproject finds violations: "%s"',
    (_, c) => {
      const report = consecutivenessReport(c.cells, {
        callingStatement: c.calling_statement
      });
      expect(report.consecutive).toBe(c.nbproject.consecutive);
      expect(report.violations).toEqual(c.nbproject.violations);
      expect(report.cells.length === 0).toBe(c.nbproject.consecutive);
    }
  );
});

describe('checkConsecutiveness on garbage', () => {
  it('treats counts that are not numbers as "not run" instead of throwing', () => {
    const cells = [
      code(1),
      code('2'),
      code(true),
      code({}),
      code(undefined),
      code(2)
    ];
    expect(checkConsecutiveness(cells)).toEqual({
      consecutive: false,
      violations: [
        [1, null],
        [null, null],
        [null, null],
        [null, null],
        [null, 2]
      ]
    });
  });

  it('reads sources of any shape: lists of strings, null, numbers', () => {
    const cells = [
      code(1, ['a', 'b']),
      code(7, null),
      code(8, 42),
      code(2, ['', ''])
    ];
    // null, 42 and [''] join to "": skipped like nbproject's empty cells.
    expect(checkConsecutiveness(cells).consecutive).toBe(true);
  });

  it('ignores cells whose type is not "code"', () => {
    const cells: ICellLike[] = [
      code(1),
      { cell_type: 'Code', execution_count: 9, source: 'x' },
      { cell_type: null, execution_count: 9, source: 'x' },
      code(2)
    ];
    expect(checkConsecutiveness(cells).consecutive).toBe(true);
  });

  it('skips every cell with an empty calling statement, as nbproject would', () => {
    expect(checkConsecutiveness(codes(5, 3), '').consecutive).toBe(true);
  });
});

describe('consecutivenessReport tells which cell to fix and why', () => {
  it('reports nothing for a notebook run top to bottom after a restart', () => {
    const cells = [md(), code(1), md(), code(2), code(null, ''), code(3)];
    expect(consecutivenessReport(cells).cells).toEqual([]);
  });

  it('blames only the cell that was not run, not its neighbours', () => {
    const cells = [code(1, 'x', 'a'), code(null, 'x', 'b'), code(2, 'x', 'c')];
    const report = consecutivenessReport(cells);
    expect(report.violations).toEqual([
      [1, null],
      [null, 2]
    ]);
    expect(report.cells).toEqual([
      { index: 1, id: 'b', reason: 'not-run', issue: { code: 'not-run' } }
    ]);
  });

  it('gives positions in the whole cell list, markdown included', () => {
    const cells = [md(), code(1), md(), md(), code(3)];
    expect(consecutivenessReport(cells).cells.map(c => c.index)).toEqual([4]);
  });

  it('says the kernel was not restarted when the first count is not 1', () => {
    expect(consecutivenessReport(codes(10, 11, 12)).cells).toEqual([
      {
        index: 0,
        id: null,
        reason: 'not-from-one',
        issue: { code: 'not-from-one', params: { count: 10 } }
      }
    ]);
  });

  it('says cells were skipped when a count is missing from the notebook', () => {
    expect(consecutivenessReport(codes(1, 2, 4, 5)).cells).toEqual([
      {
        index: 2,
        id: null,
        reason: 'skipped-before',
        issue: { code: 'skipped-before', params: { count: 4, after: 2 } }
      }
    ]);
  });

  it('says a cell ran out of order when a cell below holds the missing count', () => {
    const { cells } = consecutivenessReport(codes(1, 2, 5, 3, 4));
    expect(cells).toEqual([
      {
        index: 2,
        id: null,
        reason: 'out-of-order',
        issue: { code: 'out-of-order', params: { count: 5, after: 2 } }
      },
      {
        index: 3,
        id: null,
        reason: 'out-of-order',
        issue: { code: 'out-of-order', params: { count: 3, after: 5 } }
      }
    ]);
  });

  it('says a cell ran twice when its count was already used', () => {
    expect(consecutivenessReport(codes(1, 1)).cells).toEqual([
      {
        index: 1,
        id: null,
        reason: 'run-twice',
        issue: { code: 'run-twice', params: { count: 1 } }
      }
    ]);
  });

  it('reports descending counts cell by cell', () => {
    expect(
      consecutivenessReport(codes(3, 2, 1)).cells.map(c => c.reason)
    ).toEqual(['not-from-one', 'out-of-order', 'out-of-order']);
  });

  it('forgives one trailing unexecuted cell like nbproject, unless strict', () => {
    const cells = codes(1, 2, null);
    expect(consecutivenessReport(cells).cells).toEqual([]);
    const strict = consecutivenessReport(cells, { mode: 'strict' });
    expect(strict.consecutive).toBe(true); // still nbproject's verdict
    expect(strict.cells).toEqual([
      { index: 2, id: null, reason: 'not-run', issue: { code: 'not-run' } }
    ]);
  });

  it('does not judge the cell holding the calling statement', () => {
    const cells = [code(1), code(2), code(null, 'nbproject.publish()')];
    const report = consecutivenessReport(cells, {
      mode: 'strict',
      callingStatement: 'publish('
    });
    expect(report.cells).toEqual([]);
  });

  it('reads a cell id only when it is a non-empty string', () => {
    const cells: ICellLike[] = [
      { cell_type: 'code', execution_count: null, source: 'x', id: 7 },
      { cell_type: 'code', execution_count: null, source: 'x', id: '' },
      code(null)
    ];
    expect(consecutivenessReport(cells).cells.map(c => c.id)).toEqual([
      null,
      null
    ]);
  });
});

describe('consecutiveness properties', () => {
  /**
   * A cell for random notebooks: code with a small count or none, an empty
   * code cell, markdown, or a cell containing the calling statement.
   */
  const cellArb: fc.Arbitrary<ICellLike> = fc.oneof(
    fc.record({
      cell_type: fc.constant('code'),
      execution_count: fc.option(fc.integer({ min: 0, max: 6 }), { freq: 3 }),
      source: fc.constantFrom('x', ' ', '\n', ['a', 'b'])
    }),
    fc.record({
      cell_type: fc.constant('code'),
      execution_count: fc.option(fc.integer({ min: 0, max: 6 })),
      source: fc.constantFrom('', [], null, 'publish()')
    }),
    fc.constant(md())
  );
  const callingArb = fc.constantFrom(null, 'publish(');

  /**
   * The reference: the counts of the cells nbproject looks at, less one
   * trailing null, must read 1, 2, 3, ...
   */
  function referenceVerdict(
    cells: ICellLike[],
    calling: string | null
  ): boolean {
    const counts = cells
      .filter(cell => {
        const source = Array.isArray(cell.source)
          ? cell.source.join('')
          : typeof cell.source === 'string'
            ? cell.source
            : '';
        return (
          cell.cell_type === 'code' &&
          source !== '' &&
          !(calling !== null && source.includes(calling))
        );
      })
      .map(cell => cell.execution_count as number | null);
    if (counts.length > 0 && counts[counts.length - 1] === null) {
      counts.pop();
    }
    return counts.every((count, i) => count === i + 1);
  }

  it('matches a simple reference model on random notebooks', () => {
    fc.assert(
      fc.property(
        fc.array(cellArb, { maxLength: 12 }),
        callingArb,
        (cells, calling) => {
          const verdict = checkConsecutiveness(cells, calling);
          expect(verdict.consecutive).toBe(referenceVerdict(cells, calling));
          expect(verdict.consecutive).toBe(verdict.violations.length === 0);
        }
      ),
      { numRuns: 2000 }
    );
  });

  it('lists offending cells exactly when the notebook is not consecutive', () => {
    fc.assert(
      fc.property(
        fc.array(cellArb, { maxLength: 12 }),
        callingArb,
        (cells, calling) => {
          const report = consecutivenessReport(cells, {
            callingStatement: calling
          });
          expect(report.cells.length === 0).toBe(report.consecutive);
          const strict = consecutivenessReport(cells, {
            callingStatement: calling,
            mode: 'strict'
          });
          expect(strict.cells.length).toBeGreaterThanOrEqual(
            report.cells.length
          );
          expect(strict.cells.length - report.cells.length).toBeLessThanOrEqual(
            1
          );
        }
      ),
      { numRuns: 2000 }
    );
  });

  it('never throws on arbitrary JSON cells', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record(
            {
              cell_type: fc.oneof(
                fc.constantFrom('code', 'markdown'),
                fc.jsonValue()
              ),
              execution_count: fc.jsonValue(),
              source: fc.jsonValue(),
              id: fc.jsonValue()
            },
            { requiredKeys: ['cell_type'] }
          )
        ),
        cells => {
          consecutivenessReport(cells, { mode: 'strict' });
        }
      )
    );
  });
});
