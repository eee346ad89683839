import type { ICodeCellModel } from '@jupyterlab/cells';
import { nullTranslator } from '@jupyterlab/translation';
import fc from 'fast-check';
import {
  CellMarks,
  HIDDEN_PROBLEM_CODES,
  MARK_CLASS
} from '../../components/cellMarks';
import { HIDDEN_STATE_PROBLEMS } from '../../core/execution/hiddenState';
import { markedCellText } from '../../components/messages/execution';
import { ExecutionMonitor } from '../../session/execution';
import { openPanel } from '../session/panels';

/**
 * One step on the notebook: run a cell (with a count, out of order or
 * not), clear it, add, remove or move a cell.
 */
type Op =
  | { op: 'run'; at: number; count: number }
  | { op: 'clear'; at: number }
  | { op: 'insert'; at: number }
  | { op: 'delete'; at: number }
  | { op: 'move'; at: number; to: number };

const at = fc.nat(12);
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('run' as const), at, count: fc.nat(9) }),
  fc.record({ op: fc.constant('clear' as const), at }),
  fc.record({ op: fc.constant('insert' as const), at }),
  fc.record({ op: fc.constant('delete' as const), at }),
  fc.record({ op: fc.constant('move' as const), at, to: at })
);

describe('the cell marks', () => {
  it('call a hidden-state issue a problem exactly when the analysis does', () => {
    expect([...HIDDEN_PROBLEM_CODES].sort()).toEqual(
      [...HIDDEN_STATE_PROBLEMS].sort()
    );
  });

  it('show on every cell the marks of the report, painting only changes between list changes', async () => {
    const panel = await openPanel();
    const notebook = panel.content;
    const model = notebook.model!;
    const shared = model.sharedModel;
    const monitor = new ExecutionMonitor({ model, delay: 1e9 });
    const trans = nullTranslator.load('test');
    const marks = new CellMarks(() => notebook.widgets, trans);
    const invalidate = () => marks.invalidate();
    model.cells.changed.connect(invalidate);
    const apply = (step: Op) => {
      const n = model.cells.length;
      if (step.op === 'insert') {
        shared.insertCell(step.at % (n + 1), {
          cell_type: 'code',
          source: `x = ${step.at}`
        });
        return;
      }
      if (n === 0) {
        return;
      }
      switch (step.op) {
        case 'run':
        case 'clear': {
          const cell = model.cells.get(step.at % n) as ICodeCellModel;
          cell.sharedModel.transact(() => cell.clearExecution(), false);
          if (step.op === 'run') {
            cell.executionCount = step.count + 1;
          }
          break;
        }
        case 'delete':
          shared.deleteCell(step.at % n);
          break;
        case 'move':
          shared.moveCell(step.at % n, step.to % n);
          break;
      }
    };
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 12 }), async steps => {
        for (const step of steps) {
          apply(step);
          monitor.flush();
          marks.paint(monitor.report);
          const expected = new Map(
            monitor.report.cells.map(cell => [
              cell.id,
              [cell.reasons.join(' '), markedCellText(trans, cell)]
            ])
          );
          const shown = notebook.widgets.map(widget => [
            widget.model.id,
            widget.hasClass(MARK_CLASS)
              ? [
                  widget.node.dataset.nbprojectReasons,
                  widget.node
                    .querySelector('.jp-InputArea-prompt')
                    ?.getAttribute('title')
                ]
              : undefined
          ]);
          expect(shown).toEqual(
            notebook.widgets.map(widget => [
              widget.model.id,
              expected.get(widget.model.id)
            ])
          );
        }
      }),
      { numRuns: 40 }
    );
    // Without a list change, a paint of the same marks reads no cell; after
    // one, it reads them all.
    shared.insertCell(0, { cell_type: 'code', source: 'y = 1' });
    monitor.flush();
    marks.paint(monitor.report);
    const reads = notebook.widgets.map(widget => {
      let count = 0;
      const model = widget.model;
      Object.defineProperty(widget, 'model', {
        configurable: true,
        get: () => {
          count++;
          return model;
        }
      });
      return () => count;
    });
    marks.paint(monitor.report);
    expect(reads.map(read => read())).toEqual(reads.map(() => 0));
    marks.invalidate();
    marks.paint(monitor.report);
    expect(reads.every(read => read() > 0)).toBe(true);
    model.cells.changed.disconnect(invalidate);
    monitor.dispose();
    panel.dispose();
  });
});
