import type { ICodeCellModel } from '@jupyterlab/cells';
import { NotebookModel } from '@jupyterlab/notebook';
import { parser } from '@lezer/python';
import fc from 'fast-check';
import { hiddenState } from '../../core/execution/hiddenState';
import { NotebookAnalysis } from '../../core/notebook/analysis';
import { ExecutionMonitor } from '../../session/execution';
import { loadAnalyses } from '../../session/loadAnalyses';
import { HiddenStateModel } from '../../session/hiddenState';
import { MetadataModel } from '../../session/metadata';
import { PackagesModel } from '../../session/packages';
import { readCells } from '../../session/source';

/**
 * Sources the random edits pick from: imports, installs, names defined
 * and read, a PEP 723 cell, an empty cell, code that does not parse.
 */
const SOURCES = [
  'import numpy',
  'import pandas as pd\nimport numpy as np',
  'from sklearn import svm',
  '%pip install requests\nimport requests',
  'x = 1',
  'y = x + 1',
  'print(y)',
  '',
  'def f(:',
  '# /// script\n# dependencies = ["numpy"]\n# ///',
  '# Title'
];

/**
 * One step a user (or a collaborator) takes on the notebook.
 */
type Op =
  | { op: 'edit'; at: number; source: number }
  | { op: 'run'; at: number }
  | { op: 'clear'; at: number }
  | { op: 'insert'; at: number; source: number; markdown: boolean }
  | { op: 'delete'; at: number }
  | { op: 'move'; at: number; to: number }
  | { op: 'batch' };

const position = fc.nat(20);
const source = fc.nat(SOURCES.length - 1);
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('edit' as const),
      at: position,
      source
    })
  },
  {
    weight: 4,
    arbitrary: fc.record({ op: fc.constant('run' as const), at: position })
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('clear' as const), at: position })
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('insert' as const),
      at: position,
      source,
      markdown: fc.boolean()
    })
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('delete' as const), at: position })
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('move' as const),
      at: position,
      to: position
    })
  },
  { weight: 3, arbitrary: fc.constant({ op: 'batch' as const }) }
);

/**
 * A notebook of code cells with the given sources, none run.
 */
function notebook(sources: number[]): NotebookModel {
  const model = new NotebookModel();
  model.sharedModel.insertCells(
    0,
    sources.map(i => ({ cell_type: 'code', source: SOURCES[i] }))
  );
  return model;
}

/**
 * Apply a step; positions wrap around the cells there are. A run is
 * what JupyterLab's `CodeCell.execute` does to the model.
 */
function apply(model: NotebookModel, step: Op, counter: { count: number }) {
  const n = model.cells.length;
  const shared = model.sharedModel;
  if (step.op === 'insert') {
    shared.insertCell(step.at % (n + 1), {
      cell_type: step.markdown ? 'markdown' : 'code',
      source: SOURCES[step.source]
    });
    return;
  }
  if (n === 0 || step.op === 'batch') {
    return;
  }
  const cell = model.cells.get(step.at % n);
  switch (step.op) {
    case 'edit':
      cell.sharedModel.setSource(SOURCES[step.source]);
      break;
    case 'run':
    case 'clear':
      if (cell.type === 'code') {
        const code = cell as ICodeCellModel;
        code.sharedModel.transact(() => code.clearExecution(), false);
        if (step.op === 'run') {
          code.executionState = 'running';
          code.executionCount = ++counter.count;
          code.executionState = 'idle';
        }
      }
      break;
    case 'delete':
      shared.deleteCell(step.at % n);
      break;
    case 'move':
      shared.moveCell(step.at % n, step.to % n);
      break;
  }
}

describe('the session reading only the cells that changed', () => {
  // The hidden-state analysis comes after startup: loaded here, as for
  // every notebook opened after the first.
  beforeAll(() => loadAnalyses());

  it('finds the imports and hidden state a reading of every cell finds, after any edits and runs', () => {
    fc.assert(
      fc.property(
        fc.array(source, { minLength: 1, maxLength: 12 }),
        fc.array(op, { maxLength: 40 }),
        (initial, steps) => {
          const model = notebook(initial);
          // A long delay: batches happen where the steps say (`flush`).
          const monitor = new ExecutionMonitor({ model, delay: 1e9 });
          const metadata = new MetadataModel({ source: model });
          const packages = new PackagesModel({
            parser,
            source: model,
            metadata,
            execution: monitor
          });
          const hidden = new HiddenStateModel({
            parser,
            source: model,
            cells: () => HiddenStateModel.cellsWithCounts(model),
            execution: monitor,
            delay: 1e9
          });
          let emitted = false;
          monitor.changed.connect(() => (emitted = true));
          metadata.start();
          packages.start();
          hidden.start();
          const counter = { count: 0 };
          const check = () => {
            monitor.flush();
            const fresh = new NotebookAnalysis({ parser });
            fresh.update(readCells(model));
            const expected = fresh.result();
            // The imports are read again when the monitor says cells ran
            // or the list changed (typing alone is not followed).
            if (emitted) {
              expect(packages.modules).toEqual(
                expected.modules.map(module => module.name)
              );
              expect(packages.installs).toEqual(expected.installs);
              expect(packages.unparsed).toEqual(expected.unparsed);
            }
            emitted = false;
            // Read now, as when edits pause.
            hidden.start();
            const edited = new Set(
              monitor.report.cells
                .filter(cell => cell.reasons.includes('edited'))
                .map(cell => cell.index)
            );
            expect(hidden.report).toEqual(
              hiddenState(HiddenStateModel.cellsWithCounts(model), parser, {
                edited
              })
            );
          };
          for (const step of steps) {
            apply(model, step, counter);
            if (step.op === 'batch') {
              check();
            }
          }
          check();
          packages.dispose();
          hidden.dispose();
          metadata.dispose();
          monitor.dispose();
          model.dispose();
        }
      ),
      { numRuns: 150 }
    );
  });
});
