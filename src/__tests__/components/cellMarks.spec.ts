import type { ICodeCellModel } from '@jupyterlab/cells';
import { Notebook, StaticNotebook } from '@jupyterlab/notebook';
import { NBTestUtils } from '@jupyterlab/notebook/lib/testutils';
import { RenderMimeRegistry } from '@jupyterlab/rendermime';
import { nullTranslator } from '@jupyterlab/translation';
import { MessageLoop } from '@lumino/messaging';
import { Widget } from '@lumino/widgets';
import fc from 'fast-check';
import {
  CellMarks,
  HIDDEN_STATE_CLASS,
  MARK_CLASS
} from '../../components/cellMarks';
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
  it('give the prompt of a cell marked before its DOM exists (JupyterLab renders cells lazily) its tooltip once the cell renders', async () => {
    const notebook = new Notebook({
      rendermime: new RenderMimeRegistry(),
      contentFactory: NBTestUtils.createNotebookFactory(),
      mimeTypeService: NBTestUtils.mimeTypeService,
      notebookConfig: {
        ...StaticNotebook.defaultNotebookConfig,
        windowingMode: 'defer'
      }
    });
    const panel = await openPanel();
    notebook.model = panel.content.model;
    const [first, second] = notebook.widgets;
    expect(first.isPlaceholder()).toBe(true);
    const trans = nullTranslator.load('test');
    const marks = new CellMarks(() => notebook.widgets, trans);
    const order = {
      index: 0,
      id: first.model.id,
      reasons: ['out-of-order'],
      issues: [{ code: 'out-of-order', params: { count: 2, after: 1 } }],
      affectsVerdict: true
    } as any;
    const report = { consecutive: false, cells: [order] } as any;
    marks.paint(report);
    expect(first.hasClass(MARK_CLASS)).toBe(true);
    // JupyterLab renders each cell when it comes into view or when idle.
    for (const widget of [first, second]) {
      MessageLoop.sendMessage(widget, Widget.Msg.BeforeAttach);
    }
    await first.ready;
    await second.ready;
    // The same report again, as a later paint brings it.
    marks.paint(report);
    const title = (widget: typeof first) =>
      widget.node.querySelector('.jp-InputArea-prompt')?.getAttribute('title');
    expect(title(first)).toBe(markedCellText(trans, order));
    expect(title(second)).toBeNull();
    // A cell unmarked while a placeholder renders without a tooltip.
    const later = notebook.widgets.length;
    notebook.model!.sharedModel.insertCell(later, {
      cell_type: 'code',
      source: 'z = 3',
      execution_count: 5
    });
    const third = notebook.widgets[later];
    expect(third.isPlaceholder()).toBe(true);
    marks.invalidate();
    const marked = {
      consecutive: false,
      cells: [order, { ...order, index: later, id: third.model.id }]
    } as any;
    marks.paint(marked);
    marks.paint(report);
    MessageLoop.sendMessage(third, Widget.Msg.BeforeAttach);
    await third.ready;
    expect(third.hasClass(MARK_CLASS)).toBe(false);
    expect(title(third)).toBeNull();
    notebook.dispose();
    panel.dispose();
  });

  it('keep the tooltip of a cell painted again between its render and the wait for it', async () => {
    const notebook = new Notebook({
      rendermime: new RenderMimeRegistry(),
      contentFactory: NBTestUtils.createNotebookFactory(),
      mimeTypeService: NBTestUtils.mimeTypeService,
      notebookConfig: {
        ...StaticNotebook.defaultNotebookConfig,
        windowingMode: 'defer'
      }
    });
    const panel = await openPanel();
    notebook.model = panel.content.model;
    const [first] = notebook.widgets;
    expect(first.isPlaceholder()).toBe(true);
    const trans = nullTranslator.load('test');
    const marks = new CellMarks(() => notebook.widgets, trans);
    const outOfOrder = {
      index: 0,
      id: first.model.id,
      reasons: ['out-of-order'],
      issues: [{ code: 'out-of-order', params: { count: 2, after: 1 } }],
      affectsVerdict: true
    } as any;
    const notRun = {
      ...outOfOrder,
      reasons: ['not-run'],
      issues: [{ code: 'not-run', params: {} }]
    };
    marks.paint({ consecutive: false, cells: [outOfOrder] } as any);
    // The cell renders, and a paint comes before the wait for it ends.
    MessageLoop.sendMessage(first, Widget.Msg.BeforeAttach);
    marks.paint({ consecutive: false, cells: [notRun] } as any);
    await first.ready;
    await Promise.resolve();
    expect(
      first.node.querySelector('.jp-InputArea-prompt')?.getAttribute('title')
    ).toBe(markedCellText(trans, notRun));
    notebook.dispose();
    panel.dispose();
  });

  it("mark hidden state once its words have come (with the analysis, after startup), and the order's marks at once", async () => {
    const panel = await openPanel();
    const notebook = panel.content;
    const shared = notebook.model!.sharedModel;
    shared.insertCell(0, { cell_type: 'code', source: 'print(x)' });
    shared.insertCell(1, { cell_type: 'code', source: 'y = 1' });
    const ids = notebook.widgets.map(widget => widget.model.id);
    const marks = new CellMarks(
      () => notebook.widgets,
      nullTranslator.load('test')
    );
    const order = {
      consecutive: false,
      cells: [
        {
          index: 1,
          id: ids[1],
          reasons: ['not-run'],
          issues: [{ code: 'not-run' }],
          affectsVerdict: true
        }
      ]
    } as any;
    const hidden = {
      verdict: 'hidden' as const,
      cells: [
        {
          index: 0,
          id: ids[0],
          issues: [{ code: 'undefined-name' as const, params: { name: 'x' } }]
        }
      ]
    };
    marks.paint(order, hidden);
    const [first, second] = notebook.widgets;
    expect(second.hasClass(MARK_CLASS)).toBe(true);
    expect(first.hasClass(HIDDEN_STATE_CLASS)).toBe(false);
    for (let i = 0; i < 20; i++) {
      await new Promise(resolve => setTimeout(resolve, 0));
    }
    expect(first.hasClass(HIDDEN_STATE_CLASS)).toBe(true);
    expect(first.hasClass('jp-mod-hidden-problem')).toBe(true);
    expect(first.node.dataset.nbprojectHidden).toBe('undefined-name');
    expect(
      first.node.querySelector('.jp-InputArea-prompt')?.getAttribute('title')
    ).toBe('Uses x, defined nowhere in the notebook');
    expect(second.hasClass(MARK_CLASS)).toBe(true);
    // From now on, at once.
    marks.paint(order, { verdict: 'clean', cells: [] });
    expect(first.hasClass(HIDDEN_STATE_CLASS)).toBe(false);
    marks.paint(order, hidden);
    expect(first.hasClass(HIDDEN_STATE_CLASS)).toBe(true);
    panel.dispose();
  });

  it("keep a cell's hidden-state mark while its order mark comes, changes and goes", async () => {
    const panel = await openPanel();
    const notebook = panel.content;
    const shared = notebook.model!.sharedModel;
    for (let i = 0; i < 4; i++) {
      shared.insertCell(i, { cell_type: 'code', source: `print(x${i})` });
    }
    const ids = notebook.widgets.map(widget => widget.model.id);
    const trans = nullTranslator.load('test');
    const marks = new CellMarks(() => notebook.widgets, trans);
    const hidden = {
      verdict: 'hidden' as const,
      cells: [1, 2].map(index => ({
        index,
        id: ids[index],
        issues: [
          {
            code: 'undefined-name' as const,
            params: { name: `x${index}` }
          }
        ]
      }))
    };
    const mark = (index: number, count: number | null) => ({
      index,
      id: ids[index],
      reasons: [count === null ? 'not-run' : 'out-of-order'],
      issues: [
        count === null
          ? { code: 'not-run' }
          : { code: 'out-of-order', params: { count, after: 9 } }
      ],
      affectsVerdict: true
    });
    const report = (cells: object[]) =>
      ({ consecutive: cells.length === 0, cells }) as any;
    // Words loaded, then reports whose marks change one cell at a time
    // (objects kept for unchanged marks, as the monitor does).
    marks.paint(report([]), hidden);
    for (let i = 0; i < 20; i++) {
      await new Promise(resolve => setTimeout(resolve, 0));
    }
    const m0 = mark(0, null);
    const m1 = mark(1, null);
    const steps = [
      [m0, m1, mark(3, null)],
      [m0, m1],
      [m0, mark(1, 4)],
      [m0, mark(2, 5)],
      []
    ];
    for (const cells of steps) {
      marks.paint(report(cells), hidden);
      const shown = notebook.widgets.map(widget => [
        widget.hasClass(MARK_CLASS),
        widget.hasClass(HIDDEN_STATE_CLASS),
        widget.node.dataset.nbprojectReasons,
        widget.node.dataset.nbprojectHidden,
        widget.node.querySelector('.jp-InputArea-prompt')?.getAttribute('title')
      ]);
      const byIndex = new Map(cells.map((cell: any) => [cell.index, cell]));
      expect(shown).toEqual(
        ids.map((_, index) => {
          const order: any = byIndex.get(index);
          const state = hidden.cells.find(cell => cell.index === index);
          const words = [
            order ? markedCellText(trans, order) : '',
            state ? `Uses x${index}, defined nowhere in the notebook` : ''
          ].filter(Boolean);
          return [
            order !== undefined,
            state !== undefined,
            order?.reasons.join(' '),
            state ? 'undefined-name' : undefined,
            words.length ? words.join('; ') : null
          ];
        })
      );
    }
    panel.dispose();
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
