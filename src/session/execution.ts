// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type { IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';
import { nextListedCell } from '../core/notebook/cells';
import {
  ConsecutivenessIssue,
  ConsecutivenessReason,
  consecutivenessOf,
  IConsideredCell,
  IOffendingCell,
  Violation
} from '../core/execution/consecutiveness';
import { isPep723Cell } from '../core/packages/metadataBlocks';
import { SessionPart } from './part';
import { ChangeTimer } from './slices';

/**
 * How the monitor judges a notebook.
 *
 * - `nbproject`: the verdict is nbproject's (one trailing unexecuted cell
 *   forgiven); "edited" and "stale-session" marks are informational;
 * - `strict`: every non-empty code cell ran, in order, in this kernel
 *   session, and was not edited since.
 */
export type MonitorMode = 'nbproject' | 'strict';

/**
 * Why the monitor marks a code cell, for the UI to translate: a reason of
 * the core rule, or one the run record adds.
 *
 * - `edited`: its source changed since it ran in this kernel session;
 * - `stale-session`: its output comes from a previous kernel session (it has
 *   not run since the last restart or kernel change).
 */
export type MonitorReason = ConsecutivenessReason | 'edited' | 'stale-session';

/**
 * One reason a cell is marked, with its parameters, for the UI to put
 * into words: the core rule's issue, or a reason the run record adds.
 */
export type MonitorIssue =
  ConsecutivenessIssue | { code: 'edited' } | { code: 'stale-session' };

/**
 * A code cell the monitor marks.
 */
export interface IMarkedCell {
  /**
   * The cell's position in the notebook's list of all cells.
   */
  index: number;
  /**
   * The cell model's id (JupyterLab gives every cell one, even in notebooks
   * whose format has no cell ids).
   */
  id: string;
  /**
   * Why the cell is marked: at most one reason of the core rule first, then
   * `edited` and/or `stale-session`.
   */
  reasons: MonitorReason[];
  /**
   * The reasons with their parameters, in the order of `reasons`.
   */
  issues: MonitorIssue[];
  /**
   * Whether the cell counts against `consecutive` in the report's mode. In
   * `nbproject` mode a cell marked only `edited` or `stale-session` does not.
   */
  affectsVerdict: boolean;
}

/**
 * A notebook's execution state as the monitor sees it.
 */
export interface IMonitorReport {
  /**
   * The mode the verdict was computed in.
   */
  mode: MonitorMode;
  /**
   * The verdict: nbproject's rule in `nbproject` mode, the strict rule in
   * `strict` mode. Always equal to "no cell has `affectsVerdict`".
   */
  consecutive: boolean;
  /**
   * The `(prev, count)` pairs nbproject reports, whatever the mode; empty
   * exactly when nbproject would accept the notebook.
   */
  violations: Violation[];
  /**
   * Whether any code cell with code has an execution count: without one,
   * nothing has run, and the verdict says nothing of an order.
   */
  ran: boolean;
  /**
   * Whether any code cell has code (not empty, not a PEP 723 block): a
   * notebook without one has nothing to run.
   */
  hasCode: boolean;
  /**
   * The marked code cells, in notebook order.
   */
  cells: IMarkedCell[];
  /**
   * How many code cells are running or waiting to run (JupyterLab marks a
   * cell `running` as soon as it is sent to the kernel): while any are, a
   * "run all" is under way, and cells it has not reached yet would read as
   * out of order.
   */
  running: number;
}

/**
 * Keeps a notebook's consecutiveness report up to date from model state, and
 * a record of which source each cell ran with in which kernel session.
 *
 * Reads only the shared model (execution counts, sources, cell list), so it
 * follows local runs, collaborators' edits, undo and file reloads alike.
 * Changes are batched: the report is recomputed at most once per `delay`
 * milliseconds, and only when something the verdict or the marks depend on
 * changed. Typing in a cell reads that cell's source once per batch and
 * recomputes nothing unless the cell became (non-)empty or its "edited" mark
 * flipped.
 *
 * The run record lives in memory. A cell's record is the source it had when
 * it started running (or, when its start was not seen, when its count was
 * set); clearing its execution count drops it, and a new kernel session
 * drops all of them. Counts without a record are trusted until the first
 * kernel session change: they were loaded from the file, which is what it
 * is.
 */
export class ExecutionMonitor extends SessionPart {
  /**
   * Start monitoring a notebook model. The report is computed at once,
   * without emitting {@link changed}.
   */
  constructor(options: ExecutionMonitor.IOptions) {
    super();
    this._model = options.model;
    this._mode = options.mode ?? 'nbproject';
    // At most one batch per `delay`, counted from the first change: a
    // long "run all" updates the marks as it goes.
    this._batch = this.own(
      new ChangeTimer(() => this.flush(), options.delay ?? 100, 'batch')
    );
    this._kernelSession = options.kernelSession ?? null;
    const { cells } = this._model;
    this._insert(0, Private.cellsOf(cells));
    cells.changed.connect(this._onCellsChanged, this);
    this._report = this._compute();
  }

  /**
   * Emitted with the new report whenever it changes.
   */
  get changed(): ISignal<this, IMonitorReport> {
    return this._changed;
  }

  /**
   * The report as of the last batch; call {@link flush} first to include
   * changes made in the current tick.
   */
  get report(): IMonitorReport {
    return this._report;
  }

  /**
   * The ids of the marked cells, in notebook order.
   */
  get offendingCellIds(): string[] {
    return this._report.cells.map(cell => cell.id);
  }

  /**
   * Whether the report has read the notebook's cells: `false` until the
   * first {@link flush} (a model loads its cells after the monitor is
   * made, as one batch of changes).
   */
  get hasRead(): boolean {
    return this._hasRead;
  }

  /**
   * How the verdict is judged. Setting it recomputes the report at once.
   */
  get mode(): MonitorMode {
    return this._mode;
  }
  set mode(value: MonitorMode) {
    if (this.isDisposed || value === this._mode) {
      return;
    }
    this._mode = value;
    this._stale = true;
    this.flush();
  }

  /**
   * An opaque name of the kernel session the notebook runs in, or `null`
   * when unknown. The caller gives a new value on every kernel restart or
   * kernel change, before cells run in the new session.
   *
   * The first value after `null` names the session the recorded runs
   * happened in. Any later change starts a new session: every record is
   * dropped, and cells with counts are "stale-session" until they run again.
   * Setting it recomputes the report at once.
   */
  get kernelSession(): string | null {
    return this._kernelSession;
  }
  set kernelSession(value: string | null) {
    if (this.isDisposed || value === this._kernelSession) {
      return;
    }
    const previous = this._kernelSession;
    this._kernelSession = value;
    if (previous === null) {
      return;
    }
    this._restarted = true;
    this._records.clear();
    this._started.clear();
    for (const entry of this._entries) {
      entry.edited = false;
    }
    this._stale = true;
    this.flush();
  }

  /**
   * The index of the next marked cell after `fromIndex`, wrapping around to
   * the first; `null` when no cell is marked.
   *
   * @param fromIndex - the index of the cell to start after (e.g. the active
   *   cell's); `-1` finds the first marked cell.
   */
  nextOffending(fromIndex: number): number | null {
    return nextListedCell(this._report.cells, fromIndex);
  }

  /**
   * Follow which code cells changed from now on (their source or execution
   * count), for a reader that keeps its own analysis of the cells up to
   * date without reading every cell after each change. Dispose the tracker
   * when done.
   *
   * @param options - `counts: false` follows sources only (a reader of the
   *   code alone has nothing to read again when cells merely run).
   */
  trackChanges(
    options: ExecutionMonitor.ITrackOptions = {}
  ): ExecutionMonitor.IChangeTracker {
    const tracker = new Private.Tracker(this._trackers, options.counts ?? true);
    this._trackers.add(tracker);
    return tracker;
  }

  /**
   * Process pending changes now: update the report and emit {@link changed}
   * if it changed. Disposes the monitor if its notebook model was disposed.
   */
  flush(): void {
    if (this.isDisposed) {
      return;
    }
    if (this._model.isDisposed) {
      this.dispose();
      return;
    }
    this._hasRead = true;
    // Changes from now on make a new batch, even those this one causes.
    this._batch.stop();
    // The list's events come one by one after the whole change, so the
    // mirror can only be checked once they are all in.
    if (
      this._rebuildPending ||
      this._entries.length !== this._model.cells.length
    ) {
      this._rebuildPending = false;
      this._rebuild();
    }
    for (const entry of this._edited) {
      if (entry.attached && this._refreshSource(entry)) {
        this._stale = true;
      }
    }
    this._edited.clear();
    if (!this._stale) {
      return;
    }
    this._stale = false;
    const report = this._compute();
    if (Private.sameReport(report, this._report)) {
      return;
    }
    this._report = report;
    this._changed.emit(report);
  }

  /**
   * Stop monitoring: disconnect from the notebook and its cells (which
   * outlive the monitor), forget every cell.
   */
  protected onDispose(): void {
    if (!this._model.isDisposed) {
      this._model.cells.changed.disconnect(this._onCellsChanged, this);
    }
    this._remove(0, this._entries.length);
    this._records.clear();
    this._started.clear();
    for (const tracker of [...this._trackers]) {
      tracker.dispose();
    }
  }

  /**
   * Mirror a change of the cell list. JupyterLab's cell list reports a move
   * as a removal and an insertion of new cell models; other lists may report
   * `move` and `set`, handled the same way (the entries are rebuilt, the
   * records, keyed by cell id, survive). After any other change, or when
   * its length no longer matches, the mirror is rebuilt at the next batch.
   */
  private _onCellsChanged(
    _: unknown,
    change: ExecutionMonitor.ICellListChange
  ): void {
    for (const tracker of this._trackers) {
      tracker.changeList();
    }
    switch (change.type) {
      case 'add':
        this._insert(change.newIndex, change.newValues);
        break;
      case 'remove':
        this._remove(change.oldIndex, change.oldValues.length);
        break;
      case 'move':
      case 'set':
        this._remove(change.oldIndex, change.oldValues.length);
        this._insert(change.newIndex, change.newValues);
        break;
      default:
        this._rebuildPending = true;
    }
    this._stale = true;
    this._schedule();
  }

  private _rebuild(): void {
    for (const tracker of this._trackers) {
      tracker.changeList();
    }
    this._remove(0, this._entries.length);
    this._insert(0, Private.cellsOf(this._model.cells));
  }

  private _insert(
    index: number,
    cells: readonly (ExecutionMonitor.ICell | undefined)[]
  ): void {
    const entries: Private.IEntry[] = [];
    for (const cell of cells) {
      if (!cell) {
        continue;
      }
      const entry: Private.IEntry = {
        cell,
        index: 0,
        id: cell.id,
        code: cell.type === 'code',
        count: cell.executionCount ?? null,
        running: cell.executionState === 'running',
        empty: false,
        pep723: false,
        edited: false,
        attached: true,
        considered: null,
        onState: (_, change) => this._onCellState(entry, change),
        onShared: (_, change) => {
          if (change.sourceChange !== undefined) {
            this._onSourceChanged(entry);
          }
        }
      };
      // A cell comes back with its record when it moved; one with the same id
      // but another count (a reloaded file, a paste) did not run as recorded.
      const record = this._records.get(entry.id);
      if (record && record.count !== entry.count) {
        this._records.delete(entry.id);
      }
      if (entry.code) {
        // Its source, read once for the record below and the marks.
        const source = cell.sharedModel.getSource();
        // A cell that comes with a count ran with the source it comes
        // with, as far as anyone can tell: an edit from now on is
        // "edited". Only while counts without a record are trusted
        // (before a kernel change); after one, such a cell (pasted, or
        // moved) is stale.
        if (
          !this._restarted &&
          Private.isCount(entry.count) &&
          !this._records.has(entry.id)
        ) {
          this._records.set(entry.id, {
            source: source.trim(),
            count: entry.count,
            loaded: true
          });
        }
        this._refreshSource(entry, source);
        cell.stateChanged.connect(entry.onState);
        cell.sharedModel.changed.connect(entry.onShared);
      }
      entries.push(entry);
    }
    this._entries.splice(index, 0, ...entries);
    Private.renumber(this._entries, index);
  }

  private _remove(index: number, count: number): void {
    const removed = this._entries.splice(index, count);
    Private.renumber(this._entries, index);
    for (const entry of removed) {
      entry.attached = false;
      if (entry.code) {
        entry.cell.stateChanged.disconnect(entry.onState);
        entry.cell.sharedModel.changed.disconnect(entry.onShared);
      }
      this._edited.delete(entry);
    }
  }

  private _onCellState(
    entry: Private.IEntry,
    change: ExecutionMonitor.IStateChange
  ): void {
    if (change.name === 'executionState') {
      const running = change.newValue === 'running';
      if (running) {
        this._started.set(entry.id, Private.trimmedSource(entry.cell));
      }
      if (running !== entry.running) {
        entry.running = running;
        this._stale = true;
        this._schedule();
      }
      return;
    }
    if (change.name !== 'executionCount') {
      return;
    }
    // Read the model, not the event: the model reads a stored 0 as `null`,
    // and so does its JSON.
    const count = entry.cell.executionCount ?? null;
    entry.count = count;
    if (Private.isCount(count)) {
      const current = Private.trimmedSource(entry.cell);
      const ran = this._started.get(entry.id) ?? current;
      this._started.delete(entry.id);
      this._records.set(entry.id, { source: ran, count });
      entry.edited = ran !== current;
    } else {
      this._records.delete(entry.id);
      entry.edited = false;
    }
    this._touch(entry, true);
    this._stale = true;
    this._schedule();
  }

  private _onSourceChanged(entry: Private.IEntry): void {
    this._touch(entry, false);
    this._edited.add(entry);
    this._schedule();
  }

  /**
   * Re-read an entry's source (or take the one just read): whether it is
   * empty and whether it differs from the source it ran with. Returns
   * whether either changed.
   */
  private _refreshSource(
    entry: Private.IEntry,
    source = entry.cell.sharedModel.getSource()
  ): boolean {
    const empty = source === '';
    const pep723 = isPep723Cell({ cell_type: 'code', source });
    const record = this._records.get(entry.id);
    const edited = record !== undefined && record.source !== source.trim();
    const changed =
      empty !== entry.empty ||
      edited !== entry.edited ||
      pep723 !== entry.pep723;
    entry.empty = empty;
    entry.pep723 = pep723;
    entry.edited = edited;
    return changed;
  }

  /**
   * Tell the trackers a cell changed in place.
   */
  private _touch(entry: Private.IEntry, count: boolean): void {
    for (const tracker of this._trackers) {
      tracker.cellChanged(entry, count);
    }
  }

  private _schedule(): void {
    if (!this.isDisposed) {
      this._batch.touch();
    }
  }

  /**
   * Apply the core rule to the mirrored cells and add the run record's marks.
   * A cell marked as in the last report keeps its object: readers (the
   * report's comparison, the cell marks) tell what changed by identity,
   * and a "run all" changes a few cells per batch of thousands.
   */
  private _compute(): IMonitorReport {
    const strict = this._mode === 'strict';
    const core = consecutivenessOf(
      Private.considered(this._entries),
      this._mode
    );
    // Both lists are in notebook order: walked along the entries.
    const blamed = core.cells;
    const previous = this._report?.cells ?? [];
    let next = 0;
    let last = 0;
    const cells: IMarkedCell[] = [];
    let anyRan = false;
    let anyCode = false;
    let running = 0;
    for (let index = 0; index < this._entries.length; index++) {
      const entry = this._entries[index];
      running += entry.code && entry.running ? 1 : 0;
      const offending =
        blamed[next]?.index === index ? blamed[next++] : undefined;
      // A PEP 723 cell runs nothing: no "edited" or stale output to tell.
      const ran =
        entry.code &&
        !entry.empty &&
        !entry.pep723 &&
        Private.isCount(entry.count);
      anyRan ||= ran;
      anyCode ||= entry.code && !entry.empty && !entry.pep723;
      const edited = ran && entry.edited;
      const record = ran ? this._records.get(entry.id) : undefined;
      const stale =
        ran && this._restarted && (record === undefined || !!record.loaded);
      if (!offending && !edited && !stale) {
        continue;
      }
      while (last < previous.length && previous[last].index < index) {
        last++;
      }
      const before = previous[last];
      const affectsVerdict = offending !== undefined || strict;
      if (
        before?.index === index &&
        Private.sameMark(
          before,
          entry.id,
          affectsVerdict,
          offending,
          edited,
          stale
        )
      ) {
        cells.push(before);
        continue;
      }
      const reasons: MonitorReason[] = [];
      const issues: MonitorIssue[] = [];
      if (offending) {
        reasons.push(offending.reason);
        issues.push(offending.issue);
      }
      if (edited) {
        reasons.push('edited');
        issues.push({ code: 'edited' });
      }
      if (stale) {
        reasons.push('stale-session');
        issues.push({ code: 'stale-session' });
      }
      cells.push({ index, id: entry.id, reasons, issues, affectsVerdict });
    }
    return {
      mode: this._mode,
      consecutive: strict ? cells.length === 0 : core.consecutive,
      violations: core.violations,
      ran: anyRan,
      hasCode: anyCode,
      cells,
      running
    };
  }

  private _model: ExecutionMonitor.INotebook;
  private _mode: MonitorMode;
  private _batch: ChangeTimer;
  private _kernelSession: string | null;
  /**
   * Whether the kernel session changed since the monitor attached, which
   * makes counts without a record stale.
   */
  private _restarted = false;
  /**
   * The runs of this session, by cell id.
   */
  private _records = new Map<string, Private.IRecord>();
  /**
   * The trimmed source of cells that started running, until their count is
   * set.
   */
  private _started = new Map<string, string>();
  /**
   * One entry per cell of the notebook, in order.
   */
  private _entries: Private.IEntry[] = [];
  /**
   * Entries whose source changed since the last batch.
   */
  private _edited = new Set<Private.IEntry>();
  /**
   * Whether the mirror must be rebuilt at the next batch.
   */
  private _rebuildPending = false;
  /**
   * The readers following which cells changed.
   */
  private _trackers = new Set<Private.Tracker>();
  /**
   * Whether the report must be recomputed at the next batch.
   */
  private _stale = false;
  private _report: IMonitorReport;
  private _hasRead = false;
  private _changed = new Signal<this, IMonitorReport>(this);
}

/**
 * A namespace for {@link ExecutionMonitor} statics.
 */
export namespace ExecutionMonitor {
  /**
   * Options to create a monitor.
   */
  export interface IOptions {
    /**
     * The notebook model to monitor; a JupyterLab `INotebookModel` fits.
     */
    model: INotebook;
    /**
     * How the verdict is judged; `nbproject` by default.
     */
    mode?: MonitorMode;
    /**
     * The kernel session the notebook runs in now, if known.
     */
    kernelSession?: string | null;
    /**
     * How long changes are batched before the report is recomputed, in
     * milliseconds; 100 by default.
     */
    delay?: number;
  }

  /**
   * A cell that changed in place, at its position in the cell list.
   */
  export interface ICellChange {
    /**
     * Its position in the notebook's list of all cells.
     */
    index: number;
    /**
     * The cell model.
     */
    cell: ICell;
  }

  /**
   * What a change tracker follows.
   */
  export interface ITrackOptions {
    /**
     * Whether a new execution count counts as a change; `true` by default.
     */
    counts?: boolean;
  }

  /**
   * Which cells changed since the last {@link take}.
   */
  export interface IChangeTracker extends IDisposable {
    /**
     * The code cells whose source or execution count changed since the
     * last call (the first call: since the tracker was made), in notebook
     * order (the monitor does not follow other cells); `null` when the
     * cell list itself changed (cells added, removed, moved or replaced):
     * read every cell then.
     */
    take(): ICellChange[] | null;
    /**
     * Whether the cell list changed since the last {@link take}.
     */
    readonly listChanged: boolean;
    /**
     * Whether {@link take} would return anything but an empty list.
     */
    readonly hasChanges: boolean;
  }

  /**
   * The part of a notebook model the monitor reads.
   */
  export interface INotebook {
    /**
     * The notebook's cells.
     */
    readonly cells: ICellList;
    /**
     * Whether the model is disposed.
     */
    readonly isDisposed: boolean;
  }

  /**
   * The part of a notebook's cell list the monitor reads.
   */
  export interface ICellList {
    /**
     * Emitted when cells are added, removed, moved or replaced.
     */
    readonly changed: ISignal<any, ICellListChange>;
    /**
     * The number of cells.
     */
    readonly length: number;
    /**
     * The cell at an index.
     */
    get(index: number): ICell;
  }

  /**
   * A change of the cell list, as `IObservableList.IChangedArgs` reports it.
   * Removed cells may be `undefined` (JupyterLab disposes them first).
   */
  export interface ICellListChange {
    /**
     * `add`, `remove`, `move`, `set` or `clear`.
     */
    type: string;
    /**
     * Where the new cells go.
     */
    newIndex: number;
    /**
     * The cells added.
     */
    newValues: readonly (ICell | undefined)[];
    /**
     * Where the old cells were.
     */
    oldIndex: number;
    /**
     * The cells removed; only their number is read.
     */
    oldValues: readonly unknown[];
  }

  /**
   * The part of a cell model the monitor reads.
   */
  export interface ICell {
    /**
     * The cell id, read once when the cell appears (a disposed model no
     * longer knows it).
     */
    readonly id: string;
    /**
     * `code`, `markdown` or `raw`.
     */
    readonly type: string;
    /**
     * The execution count of a code cell.
     */
    readonly executionCount?: unknown;
    /**
     * `running` from when a code cell is sent to the kernel until it ran,
     * else `idle`.
     */
    readonly executionState?: string;
    /**
     * Emitted on `executionCount` and `executionState` changes, among others.
     */
    readonly stateChanged: ISignal<any, IStateChange>;
    /**
     * The shared cell: its source and its change signal.
     */
    readonly sharedModel: {
      /**
       * The cell's source.
       */
      getSource(): string;
      /**
       * Emitted on every change of the shared cell, local or remote.
       */
      readonly changed: ISignal<any, ISharedCellChange>;
    };
  }

  /**
   * A cell state change (`IChangedArgs`).
   */
  export interface IStateChange {
    /**
     * Which state changed, e.g. `executionCount`.
     */
    name: string;
    /**
     * Its new value.
     */
    newValue: unknown;
  }

  /**
   * A shared cell change; only whether the source changed matters.
   */
  export interface ISharedCellChange {
    /**
     * Present when the source changed.
     */
    sourceChange?: unknown;
  }
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * What the monitor keeps about one cell.
   */
  export interface IEntry {
    cell: ExecutionMonitor.ICell;
    /**
     * Its position in the mirror (and the notebook, once a batch is in).
     */
    index: number;
    id: string;
    code: boolean;
    count: unknown;
    /**
     * Whether it is running or waiting to run.
     */
    running: boolean;
    empty: boolean;
    /**
     * Whether it is a PEP 723 cell, which the rule skips while it has not
     * run (see `withoutPep723Cell`).
     */
    pep723: boolean;
    /**
     * Whether its source differs from the one it ran with in this session.
     */
    edited: boolean;
    /**
     * Whether the entry is still in the mirror.
     */
    attached: boolean;
    /**
     * What the core rule read of it last, if anything.
     */
    considered: IConsideredCell | null;
    /**
     * Its slots, connected to its cell's signals while it is in the mirror.
     */
    onState: (sender: unknown, change: ExecutionMonitor.IStateChange) => void;
    onShared: (
      sender: unknown,
      change: ExecutionMonitor.ISharedCellChange
    ) => void;
  }

  /**
   * How a cell ran in this kernel session.
   */
  export interface IRecord {
    /**
     * Its trimmed source when it started running.
     */
    source: string;
    /**
     * The execution count the run gave it.
     */
    count: unknown;
    /**
     * Whether the cell came with its count (read with the notebook, or
     * pasted) rather than seen running: its source then is taken as the
     * one its outputs came from, and after a kernel change it is as stale
     * as a cell without a record.
     */
    loaded?: boolean;
  }

  /**
   * Number the entries from `from` on after a change of the list.
   */
  export function renumber(entries: IEntry[], from: number): void {
    for (let index = from; index < entries.length; index++) {
      entries[index].index = index;
    }
  }

  /**
   * The cells changed for one reader, since it last took them.
   */
  export class Tracker implements ExecutionMonitor.IChangeTracker {
    constructor(owners: Set<Tracker>, counts: boolean) {
      this._owners = owners;
      this._counts = counts;
    }

    get hasChanges(): boolean {
      return this._listChanged || this._changed.size > 0;
    }

    get isDisposed(): boolean {
      return this._disposed;
    }

    get listChanged(): boolean {
      return this._listChanged;
    }

    take(): ExecutionMonitor.ICellChange[] | null {
      const { _changed: changed, _listChanged: listChanged } = this;
      this._changed = new Set();
      this._listChanged = false;
      if (listChanged) {
        return null;
      }
      const out: ExecutionMonitor.ICellChange[] = [];
      for (const entry of changed) {
        out.push({ index: entry.index, cell: entry.cell });
      }
      return out.sort((a, b) => a.index - b.index);
    }

    cellChanged(entry: IEntry, count: boolean): void {
      if (!this._listChanged && (this._counts || !count)) {
        this._changed.add(entry);
      }
    }

    changeList(): void {
      this._listChanged = true;
      this._changed.clear();
    }

    dispose(): void {
      this._disposed = true;
      this._owners.delete(this);
      this._changed.clear();
    }

    private _owners: Set<Tracker>;
    private _counts: boolean;
    private _changed = new Set<IEntry>();
    private _listChanged = false;
    private _disposed = false;
  }

  /**
   * The cells of a list, in order.
   */
  export function cellsOf(
    cells: ExecutionMonitor.ICellList
  ): ExecutionMonitor.ICell[] {
    const out: ExecutionMonitor.ICell[] = [];
    for (let i = 0; i < cells.length; i++) {
      out.push(cells.get(i));
    }
    return out;
  }

  /**
   * The cells the core rule looks at: code cells that are not empty (nor
   * the PEP 723 cell, unless it ran), read from the mirror in one pass
   * without building a cell for every entry (this runs after every batch
   * of a "run all").
   */
  export function considered(entries: readonly IEntry[]): IConsideredCell[] {
    const out: IConsideredCell[] = [];
    for (let index = 0; index < entries.length; index++) {
      const entry = entries[index];
      const count = isCount(entry.count) ? entry.count : null;
      if (entry.code && !entry.empty && (count !== null || !entry.pep723)) {
        // The rule only reads them: one object per entry while it holds.
        let cell = entry.considered;
        if (cell === null || cell.index !== index || cell.count !== count) {
          cell = { cell: { cell_type: 'code', id: entry.id }, index, count };
          entry.considered = cell;
        }
        out.push(cell);
      }
    }
    return out;
  }

  /**
   * Whether a value is an execution count, as the core rule reads counts.
   */
  export function isCount(value: unknown): value is number {
    return typeof value === 'number' && Number.isFinite(value);
  }

  /**
   * A cell's source without surrounding whitespace: JupyterLab's own "dirty"
   * prompt ignores such edits, and so do the "edited" marks.
   */
  export function trimmedSource(cell: ExecutionMonitor.ICell): string {
    return cell.sharedModel.getSource().trim();
  }

  /**
   * Whether a marked cell of the last report says what the entry at its
   * index would: the same cell, reasons, parameters and weight.
   */
  export function sameMark(
    before: IMarkedCell,
    id: string,
    affectsVerdict: boolean,
    offending: IOffendingCell | undefined,
    edited: boolean,
    stale: boolean
  ): boolean {
    const { reasons, issues } = before;
    let at = 0;
    if (offending) {
      if (
        reasons[0] !== offending.reason ||
        !sameIssue(issues[0], offending.issue)
      ) {
        return false;
      }
      at = 1;
    }
    if (edited && reasons[at++] !== 'edited') {
      return false;
    }
    if (stale && reasons[at++] !== 'stale-session') {
      return false;
    }
    return (
      at === reasons.length &&
      before.id === id &&
      before.affectsVerdict === affectsVerdict
    );
  }

  /**
   * Whether two issues have the same code and parameters (numbers).
   */
  function sameIssue(a: MonitorIssue, b: MonitorIssue): boolean {
    if (a.code !== b.code) {
      return false;
    }
    const x: Record<string, unknown> = ('params' in a && a.params) || {};
    const y: Record<string, unknown> = ('params' in b && b.params) || {};
    const keys = Object.keys(x);
    return (
      keys.length === Object.keys(y).length &&
      keys.every(key => x[key] === y[key])
    );
  }

  /**
   * Whether two reports say the same thing.
   */
  export function sameReport(a: IMonitorReport, b: IMonitorReport): boolean {
    return (
      a.mode === b.mode &&
      a.consecutive === b.consecutive &&
      a.ran === b.ran &&
      a.hasCode === b.hasCode &&
      a.running === b.running &&
      a.violations.length === b.violations.length &&
      a.violations.every(
        ([prev, count], i) =>
          prev === b.violations[i][0] && count === b.violations[i][1]
      ) &&
      a.cells.length === b.cells.length &&
      a.cells.every((cell, i) => {
        const other = b.cells[i];
        return (
          cell === other ||
          (cell.index === other.index &&
            cell.id === other.id &&
            JSON.stringify(cell.issues) === JSON.stringify(other.issues) &&
            cell.affectsVerdict === other.affectsVerdict &&
            cell.reasons.join() === other.reasons.join())
        );
      })
    );
  }
}
