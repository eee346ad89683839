// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { ISignal, Signal } from '@lumino/signaling';
import type { IHiddenStateReport } from '../core/execution/hiddenState';
import { ICellLike, nextListedCell } from '../core/notebook/cells';
import type { ICellNames } from '../core/python/names';
import type { PythonParser } from '../core/python/parser';
import type { Steps } from '../core/common/steps';
import type { ExecutionMonitor, IMonitorReport } from './execution';
import type { Analyses } from './loadAnalyses';
import { ScanPart } from './scanPart';
import { cellLike, INotebookSource } from './source';

/**
 * Hidden state found without running: the code cells that use a name no
 * cell defines, that only a cell below defines, or that last ran with a
 * name from a cell below or edited since (see `core/execution/hiddenState`).
 * No DOM; `changed` tells when the report changes. Reads the cells again
 * when edits pause and when cells run, in slices; a cell's names are found
 * once per source. When the execution monitor tells which cells changed in
 * place, only those are read from the notebook again (every cell after
 * the cell list changed).
 */
export class HiddenStateModel extends ScanPart<IHiddenStateReport> {
  /**
   * Create the model; it reads nothing before {@link start}.
   */
  constructor(options: HiddenStateModel.IOptions) {
    super({ delay: options.delay ?? 500, sliceBudget: options.sliceBudget });
    this._options = options;
    this._tracker = options.execution.trackChanges?.() ?? null;
    options.source.contentChanged?.connect(this.rescanLater, this);
    options.execution.changed.connect(this.rescanLater, this);
  }

  /**
   * Emitted when the report changes.
   */
  get changed(): ISignal<this, IHiddenStateReport> {
    return this._changed;
  }

  /**
   * The report of the last analysis (`clean` with no cells before the
   * first).
   */
  get report(): IHiddenStateReport {
    return this._report;
  }

  /**
   * Whether the first analysis is done.
   */
  get isReady(): boolean {
    return this._ready;
  }

  /**
   * The index of the next cell the report lists after `fromIndex`,
   * wrapping around to the first; `null` when it lists none.
   *
   * @param fromIndex - the index of the cell to start after (the active
   *   cell's); `-1` finds the first.
   */
  nextCell(fromIndex: number): number | null {
    return nextListedCell(this._report.cells, fromIndex);
  }

  /**
   * An analysis is done: tell when its report differs.
   */
  protected done(report: IHiddenStateReport): void {
    const same = JSON.stringify(report) === JSON.stringify(this._report);
    this._report = report;
    if (!same || !this._ready) {
      this._ready = true;
      this._changed.emit(report);
    }
  }

  /**
   * Release what the part holds when it is disposed.
   */
  protected onDispose(): void {
    this._tracker?.dispose();
    super.onDispose();
  }

  /**
   * The analysis, keeping the names of the sources still in the notebook.
   */
  protected *steps(code: Analyses): Steps<IHiddenStateReport> {
    const cells = this._read();
    const edited = new Set(
      this._options.execution.report.cells
        .filter(cell => cell.reasons.includes('edited'))
        .map(cell => cell.index)
    );
    const previous = this._names;
    const next = new Map<string, ICellNames>();
    const report = yield* code.hiddenStateSteps(cells, this._options.parser, {
      edited,
      cache: {
        get: source => {
          const names = next.get(source) ?? previous.get(source);
          if (names) {
            next.set(source, names);
          }
          return names;
        },
        set: (source, names) => next.set(source, names)
      }
    });
    this._names = next;
    return report;
  }

  /**
   * The notebook's cells: those changed in place since the last reading,
   * else all of them. The list is kept for the next reading (a run reading
   * it is abandoned before it changes).
   */
  private _read(): readonly ICellLike[] {
    const changed = this._tracker?.take() ?? null;
    if (changed === null || this._cells === null) {
      const cells = this._options.cells();
      this._cells = this._tracker ? [...cells] : null;
      return cells;
    }
    for (const { index, cell } of changed) {
      this._cells[index] = HiddenStateModel.cellWithCount(cell);
    }
    return this._cells;
  }

  private _options: HiddenStateModel.IOptions;
  private _tracker: ExecutionMonitor.IChangeTracker | null;
  private _cells: ICellLike[] | null = null;
  private _changed = new Signal<this, IHiddenStateReport>(this);
  private _report: IHiddenStateReport = { verdict: 'clean', cells: [] };
  private _names = new Map<string, ICellNames>();
  private _ready = false;
}

/**
 * A namespace for `HiddenStateModel` statics.
 */
export namespace HiddenStateModel {
  /**
   * Options to create the model.
   */
  export interface IOptions {
    /**
     * The Python parser.
     */
    parser: PythonParser;
    /**
     * The notebook model (its change signal).
     */
    source: { readonly contentChanged?: ISignal<any, void> };
    /**
     * The notebook's cells with their execution counts.
     */
    cells: () => readonly ICellLike[];
    /**
     * The execution monitor: which cells were edited since they ran.
     */
    execution: {
      readonly report: IMonitorReport;
      readonly changed: ISignal<any, IMonitorReport>;
      trackChanges?(): ExecutionMonitor.IChangeTracker;
    };
    /**
     * How long changes must pause before the cells are read again, in
     * milliseconds; 500 by default.
     */
    delay?: number;
    /**
     * How long one slice may run, in milliseconds; without it, at once.
     */
    sliceBudget?: number;
  }

  /**
   * A notebook model's cells in the shape the core reads, with their
   * execution counts.
   *
   * @param model - the notebook model.
   */
  export function cellsWithCounts(
    model: Pick<INotebookSource, 'cells'>
  ): ICellLike[] {
    const cells: ICellLike[] = [];
    for (let i = 0; i < model.cells.length; i++) {
      cells.push(cellWithCount(model.cells.get(i)));
    }
    return cells;
  }

  /**
   * One cell in the shape the core reads, with its execution count.
   *
   * @param cell - a cell of a notebook model.
   */
  export function cellWithCount(
    cell: ReturnType<INotebookSource['cells']['get']>
  ): ICellLike {
    const shared: { execution_count?: unknown } = cell.sharedModel as object;
    return {
      ...cellLike(cell),
      execution_count: shared.execution_count ?? null
    };
  }
}
