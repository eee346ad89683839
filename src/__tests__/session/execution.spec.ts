import type { ICodeCellModel } from '@jupyterlab/cells';
import { INotebookModel, NotebookModel } from '@jupyterlab/notebook';
import { YNotebook } from '@jupyter/ydoc';
import { Signal } from '@lumino/signaling';
import fc from 'fast-check';
import * as Y from 'yjs';
import * as consecutiveness from '../../core/execution/consecutiveness';
import type { ICellLike } from '../../core/notebook/cells';
import {
  ExecutionMonitor,
  IMonitorReport,
  MonitorMode,
  MonitorReason
} from '../../session/execution';

/**
 * A cell of a test notebook: a code cell with its count, or markdown.
 */
type Spec = string | { source: string; count?: number | null; md?: boolean };

/**
 * A notebook model loaded from cells, with ids `c0`, `c1`, … (none when
 * `minor` is below 5).
 */
function notebook(cells: Spec[], minor = 5): NotebookModel {
  const model = new NotebookModel();
  model.fromJSON({
    nbformat: 4,
    nbformat_minor: minor,
    metadata: {},
    cells: cells.map((spec, i) => {
      const {
        source,
        count = null,
        md = false
      } = typeof spec === 'string' ? { source: spec } : spec;
      const id = minor >= 5 ? { id: `c${i}` } : {};
      return md
        ? { cell_type: 'markdown', source, metadata: {}, ...id }
        : {
            cell_type: 'code',
            source,
            metadata: {},
            outputs: [],
            execution_count: count,
            ...id
          };
    })
  });
  return model;
}

function code(model: NotebookModel, index: number): ICodeCellModel {
  return model.cells.get(index) as ICodeCellModel;
}

/**
 * Run a cell the way JupyterLab's `CodeCell.execute` does: clear it, mark it
 * running, and set the count when the kernel replies.
 */
function run(model: NotebookModel, index: number, count: number): void {
  const cell = code(model, index);
  cell.sharedModel.transact(() => cell.clearExecution(), false);
  cell.executionState = 'running';
  cell.executionCount = count;
  cell.executionState = 'idle';
}

/**
 * Run several cells in a row, numbering from `first`.
 */
function runAll(model: NotebookModel, indexes: number[], first = 1): void {
  indexes.forEach((index, i) => run(model, index, first + i));
}

function edit(model: NotebookModel, index: number, source: string): void {
  model.cells.get(index).sharedModel.setSource(source);
}

function monitorOf(
  model: NotebookModel,
  options: Partial<ExecutionMonitor.IOptions> = {}
): ExecutionMonitor {
  const monitor = new ExecutionMonitor({ model, ...options });
  monitors.push(monitor);
  return monitor;
}

/**
 * The marks as `index: reasons` strings, the easiest form to read in a
 * failing expectation.
 */
function marks(report: IMonitorReport): string[] {
  return report.cells.map(cell => `${cell.index}: ${cell.reasons.join(',')}`);
}

const CORE_REASONS: ReadonlySet<MonitorReason> = new Set([
  'not-run',
  'out-of-order',
  'run-twice',
  'skipped-before',
  'not-from-one'
]);

/**
 * Flush the monitor and check its report against the core rule applied to
 * the model's JSON.
 */
function expectRule(monitor: ExecutionMonitor, model: NotebookModel): void {
  monitor.flush();
  const report = monitor.report;
  const json = model.toJSON().cells as ICellLike[];
  const rule = consecutiveness.consecutivenessReport(json, {
    mode: monitor.mode
  });
  expect(report.violations).toEqual(rule.violations);
  if (monitor.mode === 'nbproject') {
    expect(report.consecutive).toBe(rule.consecutive);
  } else {
    const runRecordMarks = report.cells.filter(cell =>
      cell.reasons.some(reason => !CORE_REASONS.has(reason))
    );
    expect(report.consecutive).toBe(
      rule.cells.length === 0 && runRecordMarks.length === 0
    );
  }
  const core = report.cells
    .filter(cell => CORE_REASONS.has(cell.reasons[0]))
    .map(cell => [cell.index, cell.reasons[0], cell.id]);
  expect(core).toEqual(
    rule.cells.map(cell => [
      cell.index,
      cell.reason,
      cell.id ?? model.cells.get(cell.index).id
    ])
  );
  expect(report.consecutive).toBe(
    !report.cells.some(cell => cell.affectsVerdict)
  );
}

const monitors: ExecutionMonitor[] = [];

afterEach(() => {
  monitors.splice(0).forEach(monitor => monitor.dispose());
  jest.restoreAllMocks();
  jest.useRealTimers();
});

// @jupyter/ydoc builds moved and inserted cells outside the document first,
// and Yjs warns about it every time; keep the output readable.
const YDOC_NOISE = ['Invalid access: Add Yjs type', '[yjs#509] Not same Y.Doc'];
const warn = console.warn;
beforeEach(() => {
  jest.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
    if (!YDOC_NOISE.some(noise => String(args[0]).startsWith(noise))) {
      warn(...args);
    }
  });
});

describe('the verdict follows the notebook model', () => {
  it('starts from the counts loaded from the file', () => {
    const model = notebook([
      { source: 'a', count: 1 },
      { source: '# t', md: true },
      { source: 'b', count: 3 },
      { source: 'c', count: 2 }
    ]);
    const monitor = monitorOf(model);
    expect(monitor.report.consecutive).toBe(false);
    expect(marks(monitor.report)).toEqual([
      '2: out-of-order',
      '3: out-of-order'
    ]);
    expect(monitor.offendingCellIds).toEqual(['c2', 'c3']);
    expectRule(monitor, model);
  });

  it('tells whether anything ran: an empty cell with a count does not count', () => {
    const model = notebook(['a = 1', { source: '', count: 1 }]);
    const monitor = monitorOf(model);
    // nbproject's rule forgives one code cell not run: it passes.
    expect(monitor.report).toMatchObject({ consecutive: true, ran: false });
    expectRule(monitor, model);
    run(model, 0, 1);
    monitor.flush();
    expect(monitor.report.ran).toBe(true);
    code(model, 0).clearExecution();
    monitor.flush();
    expect(monitor.report.ran).toBe(false);
    expect(monitor.report.hasCode).toBe(true);
    // Markdown and an empty code cell: nothing to run at all.
    const prose = notebook([{ source: '# t', md: true }, '']);
    expect(monitorOf(prose).report).toMatchObject({
      ran: false,
      hasCode: false
    });
  });

  it('matches the rule after runs, edits, moves, inserts, deletes and clears', () => {
    const model = notebook(['a', 'b', 'c', { source: '# t', md: true }, 'd']);
    const monitor = monitorOf(model);
    expectRule(monitor, model);

    runAll(model, [0, 1, 2, 4]);
    expectRule(monitor, model);
    expect(monitor.report.consecutive).toBe(true);

    run(model, 0, 5); // re-run the first cell
    expectRule(monitor, model);
    expect(marks(monitor.report)).toEqual([
      '0: not-from-one',
      '1: out-of-order'
    ]);

    model.sharedModel.moveCell(0, 4); // first cell to the end: 2, 3, 4, 5
    expectRule(monitor, model);
    expect(marks(monitor.report)).toEqual(['0: not-from-one']);

    model.sharedModel.insertCell(1, { cell_type: 'code', source: 'new' });
    expectRule(monitor, model);
    expect(marks(monitor.report)).toEqual(['0: not-from-one', '1: not-run']);

    edit(model, 1, ''); // an empty cell is not judged
    expectRule(monitor, model);
    expect(marks(monitor.report)).toEqual(['0: not-from-one']);

    model.sharedModel.deleteCell(0);
    expectRule(monitor, model);
    expect(marks(monitor.report)).toEqual(['1: not-from-one']);

    code(model, 1).executionCount = null; // cleared
    expectRule(monitor, model);

    model.sharedModel.moveCell(3, 0);
    model.sharedModel.insertCell(5, {
      cell_type: 'code',
      source: 'pasted',
      execution_count: 9
    } as any);
    expectRule(monitor, model);
  });

  it('follows cells after they moved, though they get new models', () => {
    const model = notebook(['a', 'b', 'c']);
    const monitor = monitorOf(model);
    runAll(model, [0, 1, 2]);
    const before = model.cells.get(0);
    model.sharedModel.moveCell(0, 2);
    expect(model.cells.get(2)).not.toBe(before);
    expect(before.isDisposed).toBe(true);
    expectRule(monitor, model);
    expect(marks(monitor.report)).toEqual([
      '0: not-from-one',
      '2: out-of-order'
    ]);
    run(model, 2, 4); // the moved cell, through its new model
    expectRule(monitor, model);
    expect(marks(monitor.report)).toEqual(['0: not-from-one']);
    edit(model, 2, 'a2');
    monitor.flush();
    expect(marks(monitor.report)).toEqual(['0: not-from-one', '2: edited']);
  });

  it('follows a notebook reloaded from disk', () => {
    const model = notebook(['a', 'b']);
    const monitor = monitorOf(model);
    runAll(model, [0, 1]);
    model.fromJSON(
      notebook([
        { source: 'x', count: 2 },
        { source: 'y', count: 1 }
      ]).toJSON()
    );
    expectRule(monitor, model);
    expect(marks(monitor.report)).toEqual([
      '0: not-from-one',
      '1: out-of-order'
    ]);
  });

  it('follows changes made by a collaborator', () => {
    const local = notebook(['a', 'b', 'c']);
    const remote = new NotebookModel({ sharedModel: new YNotebook() });
    const localDoc = (local.sharedModel as YNotebook).ydoc;
    const remoteDoc = (remote.sharedModel as YNotebook).ydoc;
    Y.applyUpdate(remoteDoc, Y.encodeStateAsUpdate(localDoc));
    localDoc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== 'sync') {
        Y.applyUpdate(remoteDoc, update, 'sync');
      }
    });
    remoteDoc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== 'sync') {
        Y.applyUpdate(localDoc, update, 'sync');
      }
    });
    expect(remote.cells.length).toBe(3);
    const monitor = monitorOf(remote);
    const seen: boolean[] = [];
    monitor.changed.connect((_, report) => seen.push(report.consecutive));

    runAll(local, [0, 1, 2]);
    expectRule(monitor, remote);
    expect(monitor.report.consecutive).toBe(true);

    run(local, 0, 4);
    expectRule(monitor, remote);
    expect(marks(monitor.report)).toEqual([
      '0: not-from-one',
      '1: out-of-order'
    ]);

    local.sharedModel.moveCell(0, 2);
    expectRule(monitor, remote);
    expect(marks(monitor.report)).toEqual(['0: not-from-one']);

    runAll(local, [0, 1, 2]);
    edit(local, 2, 'changed by a collaborator');
    expectRule(monitor, remote);
    expect(marks(monitor.report)).toEqual(['2: edited']);
    expect(seen).toEqual([true, false, false, true]);
  });

  it('never throws on cells without ids (nbformat 4.0) and names them by model id', () => {
    const model = notebook(
      [
        { source: 'a', count: 2 },
        { source: 'b', count: 1 }
      ],
      0
    );
    expect(model.toJSON().cells[0].id).toBeUndefined();
    const monitor = monitorOf(model);
    expectRule(monitor, model);
    const ids = [model.cells.get(0).id, model.cells.get(1).id];
    expect(ids.every(id => typeof id === 'string' && id !== '')).toBe(true);
    expect(monitor.offendingCellIds).toEqual(ids);
    run(model, 1, 3);
    edit(model, 1, 'b2');
    model.sharedModel.moveCell(1, 0);
    monitor.flush();
    expect(marks(monitor.report)).toEqual([
      '0: not-from-one,edited',
      '1: out-of-order'
    ]);
    expect(monitor.report.cells[0].id).toBe(ids[1]);
  });

  it('follows cell lists that report moves, replacements and clears', () => {
    // JupyterLab's list reports only additions and removals; other lists
    // (IObservableList) also report these.
    const source = notebook([
      { source: 'a', count: 1 },
      { source: 'b', count: 2 },
      { source: 'c', count: 3 }
    ]);
    const pool = [0, 1, 2].map(i => source.cells.get(i));
    let cells = [...pool];
    const changed = new Signal<unknown, ExecutionMonitor.ICellListChange>({});
    const list: ExecutionMonitor.ICellList = {
      changed,
      get length() {
        return cells.length;
      },
      get: (index: number) => cells[index]
    };
    const monitor = monitorOf(source, {
      model: { cells: list, isDisposed: false }
    });
    const verdict = () => {
      monitor.flush();
      const json = cells.map(cell => cell.toJSON()) as ICellLike[];
      const rule = consecutiveness.consecutivenessReport(json);
      expect(monitor.report.violations).toEqual(rule.violations);
      return marks(monitor.report);
    };
    expect(verdict()).toEqual([]);

    cells = [pool[2], pool[0], pool[1]];
    changed.emit({
      type: 'move',
      oldIndex: 2,
      newIndex: 0,
      oldValues: [pool[2]],
      newValues: [pool[2]]
    });
    expect(verdict()).toEqual(['0: not-from-one', '1: out-of-order']);

    cells = [pool[2], pool[0], pool[0]];
    changed.emit({
      type: 'set',
      oldIndex: 2,
      newIndex: 2,
      oldValues: [pool[1]],
      newValues: [pool[0]]
    });
    expect(verdict()).toEqual([
      '0: not-from-one',
      '1: out-of-order',
      '2: run-twice'
    ]);

    cells = [pool[1]];
    changed.emit({
      type: 'clear',
      oldIndex: 0,
      newIndex: 0,
      oldValues: [],
      newValues: []
    });
    expect(verdict()).toEqual(['0: not-from-one']);
    (pool[1] as ICodeCellModel).executionCount = 1;
    expect(verdict()).toEqual([]);
  });

  it('has no verdict to show until it read the cells that load after it', () => {
    // A notebook's model is empty when its session is made: the file's
    // cells come in later, as a batch.
    const model = notebook([]);
    const monitor = monitorOf(model, { delay: 1e9 });
    expect(monitor.hasRead).toBe(false);
    model.sharedModel.insertCells(0, [
      { cell_type: 'code', source: 'a', execution_count: 2 },
      { cell_type: 'code', source: 'b', execution_count: 1 }
    ]);
    // Still the empty model's report ("in order"): not to be shown.
    expect(monitor.report.consecutive).toBe(true);
    expect(monitor.hasRead).toBe(false);
    monitor.flush();
    expect(monitor.hasRead).toBe(true);
    expect(monitor.report.consecutive).toBe(false);
  });

  it('takes any INotebookModel (a type check as much as a test)', () => {
    const model: INotebookModel = notebook([{ source: 'a', count: 2 }]);
    const monitor = new ExecutionMonitor({ model });
    monitors.push(monitor);
    expect(marks(monitor.report)).toEqual(['0: not-from-one']);
  });
});

describe('the verdict equals the pure rule over random edits', () => {
  type Op =
    | { kind: 'run'; at: number }
    | { kind: 'set-count'; at: number; count: number; shared: boolean }
    | { kind: 'clear'; at: number }
    | { kind: 'edit'; at: number; source: string }
    | {
        kind: 'insert';
        at: number;
        md: boolean;
        source: string;
        count: number | null;
      }
    | { kind: 'delete'; at: number }
    | { kind: 'move'; at: number; to: number }
    | { kind: 'restart' }
    | { kind: 'mode' }
    | { kind: 'check' };

  const at = fc.nat({ max: 20 });
  const source = fc.constantFrom('', 'a', 'b', ' a ', 'a\n', ' ');
  const opArb: fc.Arbitrary<Op> = fc.oneof(
    {
      arbitrary: fc.record({ kind: fc.constant('run' as const), at }),
      weight: 4
    },
    fc.record({
      kind: fc.constant('set-count' as const),
      at,
      count: fc.integer({ min: 0, max: 6 }),
      shared: fc.boolean()
    }),
    fc.record({ kind: fc.constant('clear' as const), at }),
    {
      arbitrary: fc.record({ kind: fc.constant('edit' as const), at, source }),
      weight: 3
    },
    fc.record({
      kind: fc.constant('insert' as const),
      at,
      md: fc.boolean(),
      source,
      count: fc.option(fc.integer({ min: 0, max: 6 }))
    }),
    fc.record({ kind: fc.constant('delete' as const), at }),
    fc.record({ kind: fc.constant('move' as const), at, to: at }),
    fc.record({ kind: fc.constant('restart' as const) }),
    fc.record({ kind: fc.constant('mode' as const) }),
    { arbitrary: fc.record({ kind: fc.constant('check' as const) }), weight: 3 }
  );
  const startArb = fc.array(
    fc.record({
      source,
      count: fc.option(fc.integer({ min: 0, max: 6 })),
      md: fc.boolean()
    }),
    { maxLength: 6 }
  );

  it('after every sequence of operations, with the run record as an oracle', () => {
    fc.assert(
      fc.property(
        startArb,
        fc.array(opArb, { maxLength: 25 }),
        (start, ops) => {
          const model = notebook(start);
          const monitor = monitorOf(model, { kernelSession: 'k0' });
          // The oracle: the trimmed source each cell id ran with this
          // session, and the one each cell came with its count (read with
          // the notebook, or inserted with one): its outputs' source too.
          const ran = new Map<string, string>();
          const loaded = new Map<string, string>();
          // Counts are taken so only before a kernel change.
          const comeWith = (index: number) => {
            const cell = model.cells.get(index);
            const count = (cell as ICodeCellModel).executionCount;
            if (
              !restarted &&
              cell.type === 'code' &&
              typeof count === 'number' &&
              !ran.has(cell.id)
            ) {
              loaded.set(cell.id, cell.sharedModel.getSource().trim());
            }
          };
          let restarted = false;
          for (let i = 0; i < model.cells.length; i++) {
            comeWith(i);
          }
          let next = 1;
          let session = 0;
          const codeAt = (i: number): ICodeCellModel | null => {
            const n = model.cells.length;
            const cell = n > 0 ? model.cells.get(i % n) : null;
            return cell && cell.type === 'code'
              ? (cell as ICodeCellModel)
              : null;
          };
          const check = () => {
            expectRule(monitor, model);
            const expected: string[] = [];
            model.toJSON().cells.forEach((cell, index) => {
              const text = typeof cell.source === 'string' ? cell.source : '';
              const count = cell.execution_count;
              if (
                cell.cell_type !== 'code' ||
                text === '' ||
                typeof count !== 'number'
              ) {
                return;
              }
              const id = cell.id as string;
              const reasons: string[] = [];
              const recorded = ran.get(id) ?? loaded.get(id);
              if (recorded !== undefined && recorded !== text.trim()) {
                reasons.push('edited');
              }
              if (restarted && !ran.has(id)) {
                reasons.push('stale-session');
              }
              if (reasons.length > 0) {
                expected.push(`${index}: ${reasons.join(',')}`);
              }
            });
            const actual = monitor.report.cells
              .map(cell => ({
                ...cell,
                reasons: cell.reasons.filter(r => !CORE_REASONS.has(r))
              }))
              .filter(cell => cell.reasons.length > 0)
              .map(cell => `${cell.index}: ${cell.reasons.join(',')}`);
            expect(actual).toEqual(expected);
          };
          for (const op of ops) {
            const n = model.cells.length;
            switch (op.kind) {
              case 'run': {
                const cell = codeAt(op.at);
                if (cell) {
                  ran.set(cell.id, cell.sharedModel.getSource().trim());
                  run(model, op.at % n, next++);
                }
                break;
              }
              case 'set-count': {
                const cell = codeAt(op.at);
                // Setting the count it already has changes nothing; the model
                // stores 0 as no count.
                if (cell && cell.executionCount !== (op.count || null)) {
                  const text = cell.sharedModel.getSource().trim();
                  if (op.shared) {
                    // As a collaborator's change arrives: stored as is.
                    cell.sharedModel.execution_count = op.count;
                  } else {
                    cell.executionCount = op.count;
                  }
                  loaded.delete(cell.id);
                  if (cell.executionCount === null) {
                    ran.delete(cell.id);
                  } else {
                    ran.set(cell.id, text);
                  }
                }
                break;
              }
              case 'clear': {
                const cell = codeAt(op.at);
                if (cell) {
                  ran.delete(cell.id);
                  loaded.delete(cell.id);
                  cell.executionCount = null;
                }
                break;
              }
              case 'edit':
                if (n > 0) {
                  edit(model, op.at % n, op.source);
                }
                break;
              case 'insert': {
                const at = op.at % (n + 1);
                model.sharedModel.insertCell(
                  at,
                  op.md
                    ? { cell_type: 'markdown', source: op.source }
                    : ({
                        cell_type: 'code',
                        source: op.source,
                        execution_count: op.count
                      } as any)
                );
                comeWith(at);
                break;
              }
              case 'delete':
                if (n > 0) {
                  model.sharedModel.deleteCell(op.at % n);
                }
                break;
              case 'move':
                if (n > 1) {
                  model.sharedModel.moveCell(op.at % n, op.to % n);
                }
                break;
              case 'restart':
                monitor.kernelSession = `k${++session}`;
                ran.clear();
                loaded.clear();
                restarted = true;
                next = 1;
                break;
              case 'mode':
                monitor.mode =
                  monitor.mode === 'strict' ? 'nbproject' : 'strict';
                break;
              case 'check':
                check();
                break;
            }
          }
          check();
        }
      ),
      { numRuns: Number(process.env.MONITOR_RUNS ?? 150) }
    );
  });
});

describe('typing does not re-analyse the notebook', () => {
  it('recomputes nothing while typing, except when a cell becomes (non-)empty', () => {
    const model = notebook([
      { source: 'from the file', count: 1 },
      'not run',
      ''
    ]);
    const monitor = monitorOf(model);
    const rule = jest.spyOn(consecutiveness, 'consecutivenessOf');
    for (const text of ['f', 'fr', 'fro', 'from']) {
      edit(model, 0, text);
      edit(model, 1, text);
      monitor.flush();
    }
    // Once: the first keystroke made the cell from the file "edited".
    expect(rule).toHaveBeenCalledTimes(1);

    edit(model, 2, 'x'); // the empty cell now counts: "not run"
    monitor.flush();
    expect(rule).toHaveBeenCalledTimes(2);
    edit(model, 2, 'xy');
    monitor.flush();
    expect(rule).toHaveBeenCalledTimes(2);
    expect(marks(monitor.report)).toEqual(['0: edited', '1: not-run']);
  });

  it('recomputes once when a cell that ran becomes edited, not on every key', () => {
    const model = notebook(['a', 'b']);
    const monitor = monitorOf(model);
    runAll(model, [0, 1]);
    monitor.flush();
    const rule = jest.spyOn(consecutiveness, 'consecutivenessOf');
    for (const text of ['a2', 'a23', 'a234']) {
      edit(model, 0, text);
      monitor.flush();
    }
    expect(rule).toHaveBeenCalledTimes(1);
    expect(marks(monitor.report)).toEqual(['0: edited']);
  });

  it('reads only the source of the cell being typed in', () => {
    const model = notebook(Array.from({ length: 50 }, (_, i) => `x = ${i}`));
    const monitor = monitorOf(model);
    runAll(
      model,
      Array.from({ length: 50 }, (_, i) => i)
    );
    monitor.flush();
    const reads = Array.from({ length: 50 }, (_, i) =>
      jest.spyOn(model.cells.get(i).sharedModel, 'getSource')
    );
    edit(model, 7, 'x = 77');
    reads[7].mockClear(); // setSource itself may read it
    monitor.flush();
    expect(reads[7]).toHaveBeenCalledTimes(1);
    expect(reads.filter(read => read.mock.calls.length > 0)).toHaveLength(1);
  });
});

describe('work follows what changed', () => {
  it("reads no other cell's source when cells are moved, inserted or deleted", () => {
    const model = notebook(Array.from({ length: 50 }, (_, i) => `x = ${i}`));
    const monitor = monitorOf(model);
    const reads = Array.from({ length: 50 }, (_, i) =>
      jest.spyOn(model.cells.get(i).sharedModel, 'getSource')
    );
    model.sharedModel.moveCell(10, 40);
    model.sharedModel.insertCell(5, { cell_type: 'code', source: 'new' });
    model.sharedModel.deleteCell(30);
    monitor.flush();
    // Only the moved cell is read (to be copied, and by the monitor).
    const others = reads.filter((_, i) => i !== 10);
    expect(others.filter(read => read.mock.calls.length > 0)).toEqual([]);
    expectRule(monitor, model);
  });
});

describe('bursts of changes are coalesced', () => {
  it('emits once after "restart and run all" changes a hundred counts', async () => {
    jest.useFakeTimers();
    const model = notebook(Array.from({ length: 100 }, (_, i) => `x = ${i}`));
    const monitor = monitorOf(model, { delay: 50, kernelSession: 'k1' });
    const emitted: IMonitorReport[] = [];
    monitor.changed.connect((_, report) => emitted.push(report));
    const rule = jest.spyOn(consecutiveness, 'consecutivenessOf');
    runAll(
      model,
      Array.from({ length: 100 }, (_, i) => i)
    );
    expect(emitted).toEqual([]);
    // The batch is timed once the change's promise callbacks have run.
    await Promise.resolve();
    jest.advanceTimersByTime(50);
    expect(emitted).toHaveLength(1);
    expect(rule).toHaveBeenCalledTimes(1);
    expect(emitted[0]).toBe(monitor.report);
    expect(emitted[0].consecutive).toBe(true);
    jest.advanceTimersByTime(1000);
    expect(emitted).toHaveLength(1);
  });

  it('does not emit when a change leaves the report as it was', () => {
    const model = notebook(['a', 'b', 'c']);
    const monitor = monitorOf(model);
    const emitted: IMonitorReport[] = [];
    monitor.changed.connect((_, report) => emitted.push(report));
    run(model, 1, 1); // the first cell is still "not run"
    monitor.flush();
    expect(emitted).toHaveLength(1);
    model.sharedModel.insertCell(3, { cell_type: 'markdown', source: '# end' });
    monitor.flush();
    expect(emitted).toHaveLength(1);
  });
});

describe('the run record marks edited cells and stale output', () => {
  it('marks a cell edited after it ran, and unmarks it when the edit is undone', () => {
    const model = notebook(['a = 1', 'b = 2']);
    const monitor = monitorOf(model, { kernelSession: 'k1' });
    runAll(model, [0, 1]);
    edit(model, 0, 'a = 10');
    monitor.flush();
    expect(monitor.report.cells).toEqual([
      {
        index: 0,
        id: 'c0',
        reasons: ['edited'],
        issues: [{ code: 'edited' }],
        affectsVerdict: false
      }
    ]);
    expect(monitor.report.consecutive).toBe(true); // informational in nbproject mode
    edit(model, 0, 'a = 1\n'); // surrounding whitespace is not an edit
    monitor.flush();
    expect(monitor.report.cells).toEqual([]);
  });

  it('records the source a cell started running with', () => {
    const model = notebook(['slow()']);
    const monitor = monitorOf(model);
    const cell = code(model, 0);
    cell.sharedModel.transact(() => cell.clearExecution(), false);
    cell.executionState = 'running';
    edit(model, 0, 'slow(); more()'); // typed while it ran
    cell.executionCount = 1;
    monitor.flush();
    expect(marks(monitor.report)).toEqual(['0: edited']);
  });

  it('marks output of a previous kernel session after a restart', () => {
    const model = notebook(['a', 'b', 'c']);
    const monitor = monitorOf(model, { kernelSession: 'k1' });
    runAll(model, [0, 1, 2]);
    monitor.kernelSession = 'k2';
    expect(marks(monitor.report)).toEqual([
      '0: stale-session',
      '1: stale-session',
      '2: stale-session'
    ]);
    run(model, 0, 1);
    monitor.flush();
    // nbproject only sees 1, 2, 3: consecutive, the marks are informational.
    expect(monitor.report.consecutive).toBe(true);
    expect(monitor.report.cells.map(c => [c.issues, c.affectsVerdict])).toEqual(
      [
        [[{ code: 'stale-session' }], false],
        [[{ code: 'stale-session' }], false]
      ]
    );
    monitor.mode = 'strict';
    expect(monitor.report.consecutive).toBe(false);
    expect(monitor.report.cells.every(c => c.affectsVerdict)).toBe(true);
  });

  it('leaves no mark after "restart kernel and run all"', () => {
    const model = notebook([
      { source: 'a', count: 4 },
      { source: '# t', md: true },
      { source: 'b', count: 2 },
      'c'
    ]);
    const monitor = monitorOf(model, { kernelSession: 'k1' });
    run(model, 3, 5);
    edit(model, 3, 'c edited');
    monitor.flush();
    expect(monitor.report.cells.length).toBeGreaterThan(0);
    monitor.kernelSession = 'k2';
    runAll(model, [0, 2, 3]);
    for (const mode of ['nbproject', 'strict'] as MonitorMode[]) {
      monitor.mode = mode;
      monitor.flush();
      expect(monitor.report.consecutive).toBe(true);
      expect(monitor.report.cells).toEqual([]);
    }
  });

  it('takes counts from the file as run with the source they came with, until the kernel session changes', () => {
    const model = notebook([
      { source: 'a', count: 1 },
      { source: 'b', count: 2 }
    ]);
    const monitor = monitorOf(model);
    monitor.kernelSession = 'k1'; // the first session named: not a restart
    monitor.flush();
    expect(monitor.report.cells).toEqual([]);
    monitor.mode = 'strict';
    expect(monitor.report.consecutive).toBe(true);
    // Its output came from "b": edited, as JupyterLab's own mark says.
    edit(model, 1, 'b changed');
    monitor.flush();
    expect(marks(monitor.report)).toEqual(['1: edited']);
    edit(model, 1, ' b ');
    monitor.flush();
    expect(monitor.report.cells).toEqual([]);
    monitor.kernelSession = 'k2';
    expect(marks(monitor.report)).toEqual([
      '0: stale-session',
      '1: stale-session'
    ]);
    expect(monitor.report.consecutive).toBe(false);
  });

  it('keeps the runs recorded before the first session is named', () => {
    const model = notebook(['a', 'b']);
    const monitor = monitorOf(model);
    runAll(model, [0, 1]);
    monitor.kernelSession = 'k1';
    monitor.flush();
    expect(monitor.report.cells).toEqual([]);
  });

  it('drops the record of a cleared cell', () => {
    const model = notebook(['a', 'b']);
    const monitor = monitorOf(model, { kernelSession: 'k1' });
    runAll(model, [0, 1]);
    edit(model, 1, 'b2');
    monitor.flush();
    expect(marks(monitor.report)).toEqual(['1: edited']);
    code(model, 1).executionCount = null;
    monitor.flush();
    expect(monitor.report.cells).toEqual([]);
    // The cell comes back from disk with the count it had: nothing recorded
    // to compare its source with.
    model.fromJSON(
      notebook([
        { source: 'a', count: 1 },
        { source: 'b3', count: 2 }
      ]).toJSON()
    );
    monitor.flush();
    expect(monitor.report.cells).toEqual([]);
  });

  it("keeps a moved cell's record", () => {
    const model = notebook(['a', 'b', 'c']);
    const monitor = monitorOf(model, { kernelSession: 'k1' });
    runAll(model, [0, 1, 2]);
    edit(model, 0, 'a2');
    monitor.kernelSession = 'k2';
    run(model, 1, 1);
    model.sharedModel.moveCell(1, 2);
    edit(model, 2, 'b2');
    monitor.flush();
    // Counts 1, 3, 1: the moved cell ran in this session, edited since.
    expect(marks(monitor.report)).toEqual([
      '0: stale-session',
      '1: out-of-order,stale-session',
      '2: run-twice,edited'
    ]);
    expect(monitor.report.cells[1].issues).toEqual([
      { code: 'out-of-order', params: { count: 3, after: 1 } },
      { code: 'stale-session' }
    ]);
  });
});

describe('cells running or waiting to run', () => {
  it('counts the cells a run all sent to the kernel until each has run', () => {
    const model = notebook([
      { source: 'a', count: 1 },
      { source: 'b', count: 2 },
      { source: 'c', count: 3 }
    ]);
    const monitor = monitorOf(model);
    monitor.flush();
    expect(monitor.report.running).toBe(0);
    // JupyterLab marks every cell running as it sends it, then each idle
    // as its reply comes.
    for (let i = 0; i < 3; i++) {
      const cell = code(model, i);
      cell.sharedModel.transact(() => cell.clearExecution(), false);
      cell.executionState = 'running';
    }
    monitor.flush();
    expect(monitor.report.running).toBe(3);
    code(model, 0).executionCount = 1;
    code(model, 0).executionState = 'idle';
    monitor.flush();
    expect(monitor.report.running).toBe(2);
    // Cells not reached yet read as not run meanwhile.
    expect(monitor.report.consecutive).toBe(false);
    for (const i of [1, 2]) {
      code(model, i).executionCount = i + 1;
      code(model, i).executionState = 'idle';
    }
    monitor.flush();
    expect(monitor.report.running).toBe(0);
    expect(monitor.report.consecutive).toBe(true);
  });

  it('stops counting a cell the kernel never ran (interrupted), and a deleted one', () => {
    const model = notebook(['a', 'b']);
    const monitor = monitorOf(model);
    code(model, 0).executionState = 'running';
    code(model, 1).executionState = 'running';
    monitor.flush();
    expect(monitor.report.running).toBe(2);
    code(model, 0).executionState = 'idle';
    model.sharedModel.deleteCell(1);
    monitor.flush();
    expect(monitor.report.running).toBe(0);
  });

  it('counts a cell already running when the monitor starts', () => {
    const model = notebook(['a']);
    code(model, 0).executionState = 'running';
    const monitor = monitorOf(model);
    monitor.flush();
    expect(monitor.report.running).toBe(1);
  });
});

describe('modes', () => {
  it('forgives one trailing unexecuted cell in nbproject mode only', () => {
    const model = notebook(['a', 'b', 'c']);
    const monitor = monitorOf(model);
    runAll(model, [0, 1]);
    monitor.flush();
    expect(monitor.report.consecutive).toBe(true);
    expect(monitor.report.cells).toEqual([]);
    const emitted: MonitorMode[] = [];
    monitor.changed.connect((_, report) => emitted.push(report.mode));
    monitor.mode = 'strict';
    expect(emitted).toEqual(['strict']);
    expect(monitor.report.consecutive).toBe(false);
    expect(monitor.report.violations).toEqual([]); // nbproject's pairs
    expect(marks(monitor.report)).toEqual(['2: not-run']);
    monitor.mode = 'strict';
    expect(emitted).toEqual(['strict']);
  });

  it('counts edited cells against the verdict in strict mode only', () => {
    const model = notebook(['a', 'b']);
    const monitor = monitorOf(model, { mode: 'strict' });
    runAll(model, [0, 1]);
    monitor.flush();
    expect(monitor.report.consecutive).toBe(true);
    edit(model, 1, 'b2');
    monitor.flush();
    expect(monitor.report.consecutive).toBe(false);
    expect(monitor.report.cells[0].affectsVerdict).toBe(true);
    monitor.mode = 'nbproject';
    expect(monitor.report.consecutive).toBe(true);
    expect(monitor.report.cells[0].affectsVerdict).toBe(false);
  });
});

describe('going to the next offending cell', () => {
  it('finds the next marked cell after an index, wrapping around', () => {
    const model = notebook([
      { source: 'a', count: 2 },
      { source: '# t', md: true },
      { source: 'b', count: 1 },
      { source: 'c', count: 3 },
      { source: 'd', count: 5 }
    ]);
    const monitor = monitorOf(model);
    expect(marks(monitor.report)).toEqual([
      '0: not-from-one',
      '2: out-of-order',
      '3: skipped-before',
      '4: skipped-before'
    ]);
    expect(monitor.nextOffending(-1)).toBe(0);
    expect(monitor.nextOffending(0)).toBe(2);
    expect(monitor.nextOffending(1)).toBe(2);
    expect(monitor.nextOffending(2)).toBe(3);
    expect(monitor.nextOffending(3)).toBe(4);
    expect(monitor.nextOffending(4)).toBe(0);
  });

  it('finds nothing in a notebook that ran in order', () => {
    const monitor = monitorOf(notebook([{ source: 'a', count: 1 }]));
    expect(monitor.nextOffending(-1)).toBeNull();
    expect(monitor.offendingCellIds).toEqual([]);
  });
});

describe('disposal', () => {
  it('stops listening: no emission and no work after dispose', () => {
    jest.useFakeTimers();
    const model = notebook(['a', 'b']);
    const monitor = monitorOf(model);
    const emitted: IMonitorReport[] = [];
    monitor.changed.connect((_, report) => emitted.push(report));
    run(model, 1, 1); // pending when disposed
    monitor.dispose();
    expect(monitor.isDisposed).toBe(true);
    const rule = jest.spyOn(consecutiveness, 'consecutivenessOf');
    run(model, 0, 2);
    edit(model, 0, 'a2');
    model.sharedModel.insertCell(0, { cell_type: 'code', source: 'x' });
    model.sharedModel.moveCell(0, 2);
    monitor.kernelSession = 'k2';
    monitor.mode = 'strict';
    monitor.flush();
    jest.advanceTimersByTime(1000);
    expect(emitted).toEqual([]);
    expect(rule).not.toHaveBeenCalled();
    expect(monitor.mode).toBe('nbproject');
  });

  it('disconnects every slot it connected', () => {
    const model = notebook(['a', { source: '# t', md: true }, 'b']);
    const signals = [
      model.cells.changed,
      ...[0, 1, 2].flatMap(i => [
        model.cells.get(i).stateChanged,
        model.cells.get(i).sharedModel.changed
      ])
    ];
    const connects = signals.map(signal => jest.spyOn(signal, 'connect'));
    const disconnects = signals.map(signal => jest.spyOn(signal, 'disconnect'));
    const monitor = monitorOf(model);
    // The list and both code cells' two signals; the markdown cell's none.
    expect(connects.map(spy => spy.mock.calls.length)).toEqual([
      1, 1, 1, 0, 0, 1, 1
    ]);
    expect(disconnects.some(spy => spy.mock.calls.length > 0)).toBe(false);
    monitor.dispose();
    connects.forEach((connect, i) => {
      expect(disconnects[i].mock.calls).toEqual(connect.mock.calls);
    });
  });

  it('disconnects a removed cell', () => {
    const model = notebook(['a', 'b']);
    const cell = model.cells.get(0);
    const connect = jest.spyOn(cell.stateChanged, 'connect');
    const disconnect = jest.spyOn(cell.stateChanged, 'disconnect');
    monitorOf(model);
    model.sharedModel.deleteCell(0);
    expect(connect).toHaveBeenCalledTimes(1);
    expect(disconnect.mock.calls).toEqual(connect.mock.calls);
  });

  it('disposes itself once its notebook model is disposed', () => {
    const model = notebook(['a']);
    const monitor = monitorOf(model);
    run(model, 0, 1);
    model.dispose();
    expect(() => monitor.flush()).not.toThrow();
    expect(monitor.isDisposed).toBe(true);
  });
});
