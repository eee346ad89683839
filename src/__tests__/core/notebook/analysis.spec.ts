// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';

import { NotebookAnalysis } from '../../../core/notebook/analysis';
import { consecutivenessReport } from '../../../core/execution/consecutiveness';
import { notebookImports } from '../../../core/python/imports';
import type { ICellLike } from '../../../core/notebook/cells';
import { getTitle } from '../../../core/nbproject/title';
import { withoutPep723Cell } from '../../../core/packages/pep723';
import { parser } from '@lezer/python';
import { ROOT } from '../../../../testutils/paths';
import { CASES_PATH } from '../../conformance';

const code = (
  id: string | undefined,
  source: string,
  count: number | null = null
): ICellLike => ({
  cell_type: 'code',
  source,
  execution_count: count,
  ...(id === undefined ? {} : { id })
});
const md = (id: string | undefined, source: string): ICellLike => ({
  cell_type: 'markdown',
  source,
  ...(id === undefined ? {} : { id })
});

/**
 * What a full, non-incremental analysis gives.
 */
function fullAnalysis(
  cells: readonly ICellLike[],
  options: Omit<NotebookAnalysis.IOptions, 'parser'> = {}
): NotebookAnalysis.IResult {
  const { unparsed, ...imports } = notebookImports(cells, parser);
  return {
    title: getTitle(cells),
    ...imports,
    unparsed: unparsed ?? [],
    consecutiveness: consecutivenessReport(cells, options)
  };
}

describe('NotebookAnalysis', () => {
  const notebook = (): ICellLike[] => [
    md('t', '# My analysis'),
    code('a', 'import pandas as pd', 1),
    code('b', '%pip install seaborn\nimport seaborn', 2),
    code('c', 'from sklearn import svm', 3)
  ];

  it('starts as the analysis of an empty notebook', () => {
    expect(new NotebookAnalysis({ parser }).result()).toEqual(fullAnalysis([]));
  });

  it('gives the same result as analysing the notebook from scratch', () => {
    const analysis = new NotebookAnalysis({ parser });
    analysis.update(notebook());
    expect(analysis.result()).toEqual(fullAnalysis(notebook()));
    expect(analysis.result().title).toBe('My analysis');
    expect(analysis.result().modules.map(m => m.name)).toEqual([
      'pandas',
      'seaborn',
      'sklearn'
    ]);
    expect(analysis.parsedInLastUpdate).toBe(4);
  });

  it('parses only the edited cell when one cell changes', () => {
    const analysis = new NotebookAnalysis({ parser });
    const cells = notebook();
    analysis.update(cells);
    cells[2] = code('b', 'import polars', 2);
    analysis.update(cells);
    expect(analysis.parsedInLastUpdate).toBe(1);
    expect(analysis.result().modules.map(m => m.name)).toEqual([
      'pandas',
      'polars',
      'sklearn'
    ]);
    expect(analysis.result().installs).toEqual([]);
  });

  it('parses nothing when cells only move or run', () => {
    const analysis = new NotebookAnalysis({ parser });
    const cells = notebook();
    analysis.update(cells);
    const moved = [
      cells[0],
      cells[3],
      cells[1],
      { ...cells[2], execution_count: 9 }
    ];
    analysis.update(moved);
    expect(analysis.parsedInLastUpdate).toBe(0);
    expect(analysis.result()).toEqual(fullAnalysis(moved));
    expect(
      analysis.result().modules.find(m => m.name === 'sklearn')?.cells
    ).toEqual([1]);
  });

  it('parses a cell again when its type changes', () => {
    const analysis = new NotebookAnalysis({ parser });
    analysis.update([md('x', '# Title')]);
    analysis.update([code('x', '# Title')]);
    expect(analysis.parsedInLastUpdate).toBe(1);
    expect(analysis.result().title).toBeNull();
  });

  it('keeps working on cells without ids or with duplicate ids', () => {
    const analysis = new NotebookAnalysis({ parser });
    const cells = [
      code(undefined, 'import a', 1),
      code('d', 'import b', 2),
      code('d', 'import c', 3)
    ];
    analysis.update(cells);
    analysis.update(cells);
    expect(analysis.parsedInLastUpdate).toBe(0);
    expect(analysis.result()).toEqual(fullAnalysis(cells));
  });

  it('lists a code cell too large to read its imports, and reads the others', () => {
    const analysis = new NotebookAnalysis({ parser });
    const huge = `import numpy\n${'x = 1\n'.repeat(20_000)}`;
    analysis.update([code('a', 'import pandas'), code('b', huge)]);
    const result = analysis.result();
    expect(result.modules.map(module => module.name)).toEqual(['pandas']);
    expect(result.unparsed).toEqual([{ cell: 1, reason: 'long' }]);
    analysis.update([code('a', 'import pandas'), code('b', 'import numpy')]);
    expect(analysis.result().unparsed).toEqual([]);
  });

  it('judges consecutiveness with its options', () => {
    const analysis = new NotebookAnalysis({ parser, mode: 'strict' });
    const cells = [code('a', 'x', 1), code('b', 'x')];
    analysis.update(cells);
    expect(analysis.result().consecutiveness.cells.map(c => c.id)).toEqual([
      'b'
    ]);
  });

  it('re-analyses a 1000-cell notebook after one edit by parsing one cell', () => {
    const cells = Array.from({ length: 1000 }, (_, i) =>
      code(`c${i}`, `import pkg${i % 50}\nx = ${i}\n`, i + 1)
    );
    const analysis = new NotebookAnalysis({ parser });
    analysis.update(cells);
    cells[500] = code('c500', 'import changed', 501);
    analysis.update(cells);
    expect(analysis.parsedInLastUpdate).toBe(1);
    expect(analysis.result().modules.map(m => m.name)).toContain('changed');
  });

  it('in steps: one per cell, the result changing only at the last', () => {
    const analysis = new NotebookAnalysis({ parser });
    analysis.update([code('z', 'import scipy', 1)]);
    const before = analysis.result();
    const steps = analysis.updateSteps(notebook());
    for (let i = 0; i < notebook().length; i++) {
      expect(steps.next().done).toBe(false);
      expect(analysis.result()).toBe(before);
    }
    const last = steps.next();
    expect(last.done).toBe(true);
    expect(last.value).toEqual(fullAnalysis(notebook()));
    expect(analysis.result()).toEqual(fullAnalysis(notebook()));
  });

  it('finds the title in a later cell when the title cell loses it', () => {
    const analysis = new NotebookAnalysis({ parser });
    const cells = [
      md('a', '# First'),
      code('b', 'x = 1', 1),
      md('c', 'text\n# Second.'),
      md('d', '# Third')
    ];
    analysis.update(cells);
    expect(analysis.result().title).toBe('First');
    let result = analysis.changeCells([{ index: 0, cell: md('a', 'none') }]);
    expect(result.title).toBe('Second');
    result = analysis.changeCells([{ index: 2, cell: md('c', 'no title') }]);
    expect(result.title).toBe('Third');
    result = analysis.changeCells([{ index: 0, cell: md('a', '# Back') }]);
    expect(result.title).toBe('Back');
  });

  it('keeps what an abandoned run parsed, and only that is reused', () => {
    const analysis = new NotebookAnalysis({ parser });
    const cells = notebook();
    const steps = analysis.updateSteps(cells);
    steps.next();
    steps.next();
    // Abandoned after two cells; one of them is then edited.
    cells[1] = code('a', 'import polars', 1);
    analysis.update(cells);
    expect(analysis.parsedInLastUpdate).toBe(3);
    expect(analysis.result()).toEqual(fullAnalysis(cells));
  });
});

const isObject = (value: unknown): value is ICellLike =>
  typeof value === 'object' && value !== null;

describe('NotebookAnalysis on real notebooks', () => {
  /**
   * The repository's notebooks, nbproject's conformance notebooks (when
   * present) and the benchmark's generated notebook: magics, shell and
   * install lines, cell magics, PEP 723 cells, titles, counts out of order.
   */
  function notebooks(): { name: string; cells: ICellLike[] }[] {
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory() && entry.name !== 'node_modules') {
          walk(file);
        } else if (entry.name.endsWith('.ipynb')) {
          files.push(file);
        }
      }
    };
    for (const dir of [
      'examples',
      'src/__tests__/fixtures',
      'ui-tests/notebooks'
    ]) {
      walk(path.join(ROOT, dir));
    }
    const shared = path.join(path.dirname(CASES_PATH), 'notebooks');
    if (fs.existsSync(shared)) {
      walk(shared);
    }
    const found = files.flatMap(file => {
      try {
        const cells = JSON.parse(fs.readFileSync(file, 'utf8')).cells;
        // The cells as the model gives them: objects (a malformed file's
        // other items are not cells).
        return Array.isArray(cells)
          ? [{ name: file, cells: cells.filter(isObject) }]
          : [];
      } catch {
        return [];
      }
    });
    // The benchmark's generator is a plain script (no types).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { generate } = require(path.join(ROOT, 'bench', 'generate.js')) as {
      generate(size: number): { cells: ICellLike[] };
    };
    return [
      ...found,
      { name: 'bench, 2,000 cells', cells: generate(2000).cells }
    ];
  }

  it('gives what the rules give one by one, in both modes', () => {
    const all = notebooks();
    expect(all.length).toBeGreaterThan(20);
    for (const options of [
      {},
      { mode: 'strict' as const, callingStatement: 'publish(' }
    ]) {
      for (const { name, cells } of all) {
        const analysis = new NotebookAnalysis({ parser, ...options });
        analysis.update(cells);
        expect({ name, ...analysis.result() }).toEqual({
          name,
          // A PEP 723 cell not run is exempt, as the CLI's check has it.
          ...fullAnalysis(withoutPep723Cell(cells), options)
        });
      }
    }
  });
});

describe('NotebookAnalysis properties', () => {
  const sourceArb = fc.constantFrom(
    '',
    'x = 1',
    'import numpy as np',
    'import pandas\nimport numpy',
    '%pip install torch\nimport torch',
    '%%bash\nimport nothing',
    '# Title one',
    'intro\n# Title two.',
    'from . import local',
    'import pandas\ndef (',
    'nbproject.publish()'
  );
  const cellArb: fc.Arbitrary<ICellLike> = fc
    .record({
      cell_type: fc.constantFrom('code', 'code', 'markdown', 'raw'),
      source: sourceArb,
      execution_count: fc.option(fc.integer({ min: 1, max: 8 })),
      // Few ids so that duplicates and missing ids happen.
      id: fc.option(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { freq: 4 })
    })
    .map(({ id, ...cell }) => (id === null ? cell : { ...cell, id }));

  type Edit =
    | { kind: 'edit'; at: number; source: string }
    | { kind: 'run'; at: number; count: number | null }
    | { kind: 'retype'; at: number; type: string }
    | { kind: 'insert'; at: number; cell: ICellLike }
    | { kind: 'delete'; at: number }
    | { kind: 'move'; at: number; to: number };

  const at = fc.nat({ max: 30 });
  const editArb: fc.Arbitrary<Edit> = fc.oneof(
    fc.record({ kind: fc.constant('edit' as const), at, source: sourceArb }),
    fc.record({
      kind: fc.constant('run' as const),
      at,
      count: fc.option(fc.integer({ min: 1, max: 8 }))
    }),
    fc.record({
      kind: fc.constant('retype' as const),
      at,
      type: fc.constantFrom('code', 'markdown')
    }),
    fc.record({ kind: fc.constant('insert' as const), at, cell: cellArb }),
    fc.record({ kind: fc.constant('delete' as const), at }),
    fc.record({ kind: fc.constant('move' as const), at, to: at })
  );

  /**
   * Apply an edit as a notebook model would: edited cells are new objects.
   */
  function apply(cells: ICellLike[], edit: Edit): ICellLike[] {
    const next = [...cells];
    const i = cells.length === 0 ? 0 : edit.at % cells.length;
    if (edit.kind === 'insert') {
      next.splice(edit.at % (cells.length + 1), 0, edit.cell);
    } else if (cells.length === 0) {
      return next;
    } else if (edit.kind === 'edit') {
      next[i] = { ...cells[i], source: edit.source };
    } else if (edit.kind === 'run') {
      next[i] = { ...cells[i], execution_count: edit.count };
    } else if (edit.kind === 'retype') {
      next[i] = { ...cells[i], cell_type: edit.type };
    } else if (edit.kind === 'delete') {
      next.splice(i, 1);
    } else {
      const [cell] = next.splice(i, 1);
      next.splice(edit.to % cells.length, 0, cell);
    }
    return next;
  }

  it('equals a full re-analysis after random edits, moves, inserts and deletes', () => {
    fc.assert(
      fc.property(
        fc.array(cellArb, { maxLength: 10 }),
        fc.array(editArb, { maxLength: 15 }),
        fc.constantFrom<Omit<NotebookAnalysis.IOptions, 'parser'>>(
          {},
          { mode: 'strict', callingStatement: 'publish(' }
        ),
        (initial, edits, options) => {
          const analysis = new NotebookAnalysis({ parser, ...options });
          let cells = initial;
          analysis.update(cells);
          for (const edit of edits) {
            cells = apply(cells, edit);
            analysis.update(cells);
            expect(analysis.result()).toEqual(fullAnalysis(cells, options));
          }
        }
      ),
      { numRuns: 300 }
    );
  });

  it('equals a full re-analysis when runs in steps are abandoned halfway by edits', () => {
    fc.assert(
      fc.property(
        fc.array(cellArb, { maxLength: 10 }),
        fc.array(fc.tuple(editArb, fc.nat({ max: 12 })), { maxLength: 15 }),
        (initial, edits) => {
          const analysis = new NotebookAnalysis({ parser });
          let cells = initial;
          analysis.update(cells);
          for (const [edit, stepsTaken] of edits) {
            // A run over the cells as they were, cut short by the edit.
            const steps = analysis.updateSteps(cells);
            let result = analysis.result();
            for (let i = 0; i < stepsTaken; i++) {
              const step = steps.next();
              if (step.done) {
                result = step.value;
                break;
              }
            }
            // Never a mix: the last result, or the whole new one.
            expect(analysis.result()).toBe(result);
            cells = apply(cells, edit);
            analysis.update(cells);
            expect(analysis.result()).toEqual(fullAnalysis(cells));
          }
        }
      ),
      { numRuns: 300 }
    );
  });

  it('equals a full re-analysis when given only the cells that changed in place', () => {
    const pep723 = '# /// script\n# dependencies = ["numpy"]\n# ///';
    const change = fc.record({
      at,
      source: fc.option(fc.oneof(sourceArb, fc.constant(pep723))),
      count: fc.option(fc.option(fc.integer({ min: 1, max: 8 }))),
      type: fc.option(fc.constantFrom('code', 'markdown', 'raw')),
      // Now and then a cell that is not the one there (another id).
      id: fc.option(fc.constantFrom('a', 'z'), { freq: 8 })
    });
    fc.assert(
      fc.property(
        fc.array(cellArb, { minLength: 1, maxLength: 12 }),
        fc.array(fc.array(change, { minLength: 1, maxLength: 3 }), {
          maxLength: 12
        }),
        fc.constantFrom<Omit<NotebookAnalysis.IOptions, 'parser'>>(
          {},
          { mode: 'strict', callingStatement: 'publish(' }
        ),
        (initial, batches, options) => {
          const analysis = new NotebookAnalysis({ parser, ...options });
          let cells = initial;
          analysis.update(cells);
          for (const batch of batches) {
            const next = [...cells];
            const changes = batch.map(({ at, source, count, type, id }) => {
              const index = at % cells.length;
              const cell: ICellLike = { ...next[index] };
              if (source !== null) {
                cell.source = source;
              }
              if (count !== null) {
                cell.execution_count = count;
              }
              if (type !== null) {
                cell.cell_type = type;
              }
              if (id !== null) {
                cell.id = id;
              }
              next[index] = cell;
              return { index, cell };
            });
            cells = next;
            const result = analysis.changeCells(changes);
            const fresh = new NotebookAnalysis({ parser, ...options });
            fresh.update(cells);
            expect(result).toEqual(fresh.result());
            expect(analysis.result()).toBe(result);
            if (!cells.some(cell => String(cell.source).includes('///'))) {
              expect(result).toEqual(fullAnalysis(cells, options));
            }
          }
        }
      ),
      { numRuns: 400 }
    );
  });

  it('parses only the changed cells, and reads no other', () => {
    // Reading a cell's source or count once armed throws.
    let armed = false;
    const guarded = (i: number): ICellLike => {
      const cell = code(`c${i}`, `import m${i}`, i + 1);
      return {
        cell_type: 'code',
        id: cell.id,
        get source() {
          if (armed) {
            throw new Error(`cell ${i} read`);
          }
          return cell.source;
        },
        get execution_count() {
          if (armed) {
            throw new Error(`cell ${i} read`);
          }
          return cell.execution_count;
        }
      };
    };
    const analysis = new NotebookAnalysis({ parser });
    analysis.update(Array.from({ length: 50 }, (_, i) => guarded(i)));
    armed = true;
    const result = analysis.changeCells([
      { index: 20, cell: code('c20', 'import changed', 51) }
    ]);
    expect(analysis.parsedInLastUpdate).toBe(1);
    expect(result.modules.map(module => module.name)).toContain('changed');
    expect(result.modules.map(module => module.name)).not.toContain('m20');
    expect(result.consecutiveness.cells.map(cell => cell.index)).toEqual([
      20, 21
    ]);
  });
});
