// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { PromiseDelegate } from '@lumino/coreutils';
import { ISignal, Signal } from '@lumino/signaling';
import type { IUnparsedCell } from '../core/common/scanLimits';
import type { Steps } from '../core/common/steps';
import type {
  ILiveEnvironment,
  IProbeQuery
} from '../core/kernel/probeRequest';
import type { INbprojectRead } from '../core/nbproject/metadata';
import type { ICellLike } from '../core/notebook/cells';
import { NotebookAnalysis } from '../core/notebook/analysis';
import {
  comparePackages,
  IPackageComparison,
  summarizeComparison
} from '../core/packages/compare';
import type { IDeclaredDependencies } from '../core/packages/declaredDependencies';
import { compareDeclared, IDeclaredRow } from '../core/packages/compare';
import {
  importedDistributions,
  normalizeDistribution
} from '../core/packages/distributions';
import { isDistributionName } from '../core/packages/requirements';
import { groupInstalls, IInstallGroup } from '../core/packages/installGroups';
import type { IInstallLine } from '../core/python/imports';
import type { PythonParser } from '../core/python/parser';
import type { KernelProbe } from '../kernel/kernelProbe';
import { DeclaredTracker } from './declared';
import type { ExecutionMonitor } from './execution';
import { ChangeTimer, ISlicedRun, runInSlices } from './slices';
import { cellLike, IExecutionSource, INotebookSource } from './source';
import { SessionPart } from './part';

/**
 * The kernel probe, as the packages model reads it.
 */
export interface IProbeSource {
  readonly state: KernelProbe.State;
  readonly environment: ILiveEnvironment | null;
  readonly stateChanged: ISignal<any, unknown>;
  requestRefresh(): void;
}

/**
 * The notebook's metadata as read, as the packages model follows it.
 */
export interface IMetadataSource {
  readonly read: INbprojectRead;
  readonly changed: ISignal<any, void>;
}

/**
 * One source of declared dependencies, compared with the kernel.
 */
export interface IDeclaredState {
  /**
   * The source as read.
   */
  source: IDeclaredDependencies;
  /**
   * Its dependencies (and the undeclared imports) against the kernel.
   */
  rows: IDeclaredRow[];
}

/**
 * A notebook's packages: the modules its code imports (read in slices),
 * the distributions it stores, and those other tools declare, each
 * compared with what the kernel has installed. Also tells the kernel probe
 * what to ask about, and when. No DOM; `changed` tells when any of it
 * changes.
 */
export class PackagesModel extends SessionPart {
  /**
   * Create the packages model of a notebook.
   */
  constructor(options: PackagesModel.IOptions) {
    super();
    this._source = options.source;
    this._metadata = options.metadata;
    this._execution = options.execution ?? null;
    // Imports are in the sources: cells that merely ran are not read again.
    this._tracker = this._execution?.trackChanges?.({ counts: false }) ?? null;
    this._probe = options.probe ?? null;
    this._sliceBudget = options.sliceBudget;
    this._parser = options.parser;
    this._storedNames = Private.storedNames(this._metadata.read);
    this._declared = new DeclaredTracker(
      this._source,
      options.declaredDelay,
      this._execution?.trackChanges?.({ counts: false })
    );
    this._declaredNames = this._declared.names.join('\n');
    // Typing: the imports are read again once it pauses (the execution
    // monitor says nothing of it).
    this._typing = new ChangeTimer(
      () => this._onTypingPaused(),
      options.importsDelay ?? 1000
    );
    this._source.contentChanged?.connect(this._onContent, this);
    this._metadata.changed.connect(this._onMetadata, this);
    this._execution?.changed.connect(this._onExecution, this);
    this._probe?.stateChanged.connect(this._onProbe, this);
    this._declared.changed.connect(this._onDeclared, this);
    this._compare();
  }

  /**
   * Emitted when rows, imports, installs or declared sources change.
   */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /**
   * Stored versus live, one row per stored or imported distribution.
   */
  get rows(): readonly IPackageComparison[] {
    return this._rows;
  }

  /**
   * The keys of the rows the kernel answered are not installed (empty
   * without a kernel, and for a name it was not asked about yet).
   */
  get notInstalled(): ReadonlySet<string> {
    return this._notInstalled;
  }

  /**
   * Counts of {@link rows} per status.
   */
  get summary(): ReturnType<typeof summarizeComparison> {
    return summarizeComparison(this._rows);
  }

  /**
   * The modules the code imports, as of the last analysis.
   */
  get modules(): readonly string[] {
    return this._modules;
  }

  /**
   * Lines that install packages from inside the notebook.
   */
  get installs(): readonly IInstallLine[] {
    return this._installs;
  }

  /**
   * The install lines grouped by their text, each with its cells, in the
   * order first met.
   */
  get installGroups(): readonly IInstallGroup[] {
    return this._installGroups;
  }

  /**
   * Code cells not read for imports (too large, or nesting too deep).
   */
  get unparsed(): readonly IUnparsedCell[] {
    return this._unparsed;
  }

  /**
   * What other tools declare (PEP 723 cell, uv.lock, jupyterlab-requirements),
   * each source compared with the kernel like stored packages are.
   */
  get declared(): readonly IDeclaredState[] {
    const sources = this._declared.sources;
    if (sources.length === 0) {
      // The header asks on every render: nothing to compare, nothing to map.
      return [];
    }
    const env = this._probe?.environment ?? null;
    const imported = importedDistributions(
      this._modules,
      env?.moduleDistributions
    );
    return sources.map(source => ({
      source,
      rows: compareDeclared(source, env?.distributions ?? null, imported)
    }));
  }

  /**
   * Read the notebook now that its content has loaded: the declared
   * dependencies at once, the imports in slices (the first one now).
   */
  start(): void {
    if (this.isDisposed) {
      return;
    }
    this._started = true;
    this._declared.start();
    // The probe may have answered an empty query before the notebook loaded.
    this._analyse(true);
  }

  /**
   * For the kernel probe, about to ask: resolves once the import analysis
   * in progress (and any restarted by an edit meanwhile) is done, and the
   * declared dependencies of the loaded notebook were read (their readers
   * load after startup), at once when nothing is pending, so that {@link probeQuery} is up to
   * date. The probe then asks about every import and declared name, once:
   * the model requests no other refresh meanwhile.
   */
  queryReady(): Promise<void> {
    // (Before the notebook has loaded there is nothing declared to wait
    // for: the probe asks now, and again once it is read.)
    const declared =
      this._started && !this._declared.isRead ? this._declared.read : null;
    if (this._analysed === null && declared === null) {
      return Promise.resolve();
    }
    this._awaited = true;
    return Promise.all([this._analysed?.promise, declared]).then(() => {
      this._awaited = false;
    });
  }

  /**
   * What the kernel probe should ask about: the modules the notebook
   * imports and the distributions it stores, imports or declares.
   */
  probeQuery(): IProbeQuery {
    const modules = this._modules;
    const stored = Object.keys(this._metadata.read.metadata?.pypackage ?? {});
    return {
      modules,
      distributions: [
        ...new Set([
          ...stored,
          ...importedDistributions(modules),
          ...this._declared.names
        ])
      ]
    };
  }

  /**
   * Release what the part holds when it is disposed.
   */
  protected onDispose(): void {
    this._source.contentChanged?.disconnect(this._onContent, this);
    this._typing.dispose();
    this._run?.dispose();
    this._tracker?.dispose();
    this._analysed?.resolve();
    this._analysed = null;
    this._declared.dispose();
  }

  /**
   * The metadata changed: compare again; new stored names are asked about,
   * or they would read "missing".
   */
  private _onMetadata(): void {
    const names = Private.storedNames(this._metadata.read);
    if (names !== this._storedNames) {
      this._storedNames = names;
      if (this._started) {
        this._refreshProbe();
      }
    }
    this._compare();
    this._changed.emit();
  }

  /**
   * The notebook changed (typing, outputs along a run): wait for a pause.
   * Cheap: a clock read; the pause reads only what the tracker saw change
   * (nothing when only outputs and counts did).
   */
  private _onContent(): void {
    if (this._started) {
      this._typing.touch();
    }
  }

  /**
   * Typing paused: read the imports again if a source or the cell list
   * changed since the last reading began. Outputs and counts alone (a
   * run's stream) change nothing, and leave a reading under way alone.
   * Without the monitor's tracker, a pause reads again unless a reading
   * is under way.
   */
  private _onTypingPaused(): void {
    if (
      this._started &&
      (this._tracker ? this._tracker.hasChanges : this._analysed === null)
    ) {
      this._analyse();
    }
  }

  /**
   * A cell ran, was cleared, added, moved or removed: imports may differ.
   */
  private _onExecution(): void {
    if (this._started && !this._upToDate()) {
      this._analyse();
    }
  }

  /**
   * Whether the last analysis read the sources as they are: the tracker
   * saw no source or list change since, and no analysis is pending (a
   * "run all" changes counts only, batch after batch).
   */
  private _upToDate(): boolean {
    return (
      this._tracker !== null &&
      !this._tracker.hasChanges &&
      !this._readAll &&
      this._pending.size === 0 &&
      this._analysed === null
    );
  }

  private _onProbe(): void {
    this._compare();
    this._changed.emit();
  }

  private _onDeclared(): void {
    const names = this._declared.names.join('\n');
    if (names !== this._declaredNames) {
      // New declared names: ask the kernel about them, or they read "unknown".
      this._declaredNames = names;
      this._refreshProbe();
    }
    this._changed.emit();
  }

  /**
   * Re-read imports; the analysis re-parses only cells whose source changed.
   * When the execution monitor tells which cells changed in place since
   * the last analysis, only those are read; after the cell list changed
   * (or on the first analysis), every cell is. It runs in slices, the
   * first one now (a small notebook is done before this returns). A run
   * still going is abandoned for one over the cells as they are now (a
   * cell ran, or cells were added, moved or removed), and a run is not
   * shown if the list of cells changed while it ran.
   *
   * @param refresh - ask the kernel again once done, even if the imports
   *   did not change.
   */
  private _analyse(refresh = false): void {
    this._refreshAfterAnalysis ||= refresh;
    this._run?.dispose();
    this._analysed ??= new PromiseDelegate<void>();
    // Changes taken by an abandoned run are still to be analysed.
    const changed = this._tracker?.take() ?? null;
    if (changed === null) {
      this._readAll = true;
      this._pending.clear();
    } else {
      for (const { index, cell } of changed) {
        this._pending.set(cell, index);
      }
    }
    this._analysis ??= new NotebookAnalysis({ parser: this._parser });
    let cells: ICellLike[] | null = null;
    let steps: Steps<NotebookAnalysis.IResult>;
    if (this._readAll) {
      cells = [];
      steps = this._analysisSteps(cells);
    } else {
      const changes = [...this._pending]
        .map(([cell, index]) => ({ index, cell: cellLike(cell) }))
        .sort((a, b) => a.index - b.index);
      steps = this._analysis.changeCellsSteps(changes);
    }
    const run = runInSlices(steps, result => this._onAnalysed(result, cells), {
      budget: this._sliceBudget ?? Infinity
    });
    // A run done at once may have started the next one itself.
    if (!run.isDone) {
      this._run = run;
    }
  }

  /**
   * The analysis of the cells as they are: read them (a large notebook's
   * sources take a while to read too), then analyse them.
   *
   * @param cells - filled with the cells as read.
   */
  private *_analysisSteps(cells: ICellLike[]): Steps<NotebookAnalysis.IResult> {
    const list = this._source.cells;
    for (let i = 0; i < list.length; i++) {
      cells.push(cellLike(list.get(i)));
      if (i % 100 === 99) {
        yield;
      }
    }
    return yield* this._analysis!.updateSteps(cells);
  }

  /**
   * Show what an analysis found, and ask the kernel about new imports
   * unless the probe is waiting for this very result to ask.
   */
  private _onAnalysed(
    result: NotebookAnalysis.IResult,
    cells: readonly ICellLike[] | null
  ): void {
    if (!this._sameList(cells)) {
      // The monitor would say so in a moment: read them again now.
      this._analyse();
      return;
    }
    this._readAll = false;
    this._pending.clear();
    const before = this._modules.join('\n');
    this._modules = result.modules.map(module => module.name);
    this._installs = result.installs;
    this._installGroups = groupInstalls(result.installs);
    this._unparsed = result.unparsed;
    this._compare();
    const refresh =
      this._refreshAfterAnalysis || this._modules.join('\n') !== before;
    const analysed = this._analysed;
    this._refreshAfterAnalysis = false;
    this._analysed = null;
    if (refresh) {
      this._refreshProbe();
    }
    analysed?.resolve();
    this._changed.emit();
  }

  /**
   * Whether the cell list is still the one the finished run read: the
   * tracker tells when the list changed, else the cells read (all of them,
   * `cells`) are compared with the list.
   */
  private _sameList(cells: readonly ICellLike[] | null): boolean {
    if (this._tracker) {
      return !this._tracker.listChanged;
    }
    const list = this._source.cells;
    return (
      cells !== null &&
      list.length === cells.length &&
      cells.every(
        (cell, i) =>
          list.get(i).id === cell.id && list.get(i).type === cell.cell_type
      )
    );
  }

  /**
   * Ask the kernel again, what to ask about having changed: unless the
   * probe has not asked anything of this kernel yet (it will ask once it
   * can, about what is current then) or waits for the running analysis to
   * ask. A second request on open would otherwise follow the first.
   */
  private _refreshProbe(): void {
    const probe = this._probe;
    if (probe && !this._awaited && !Private.NOT_ASKED.has(probe.state)) {
      probe.requestRefresh();
    }
  }

  private _compare(): void {
    const env = this._probe?.environment ?? null;
    const rows = comparePackages(
      this._metadata.read.metadata?.pypackage ?? null,
      env?.distributions ?? null,
      importedDistributions(this._modules, env?.moduleDistributions)
    );
    // The kernel answers for every distribution it was asked about ("" when
    // not installed); a name it was not asked about yet is unknown, not
    // missing, until the next probe answers.
    // A stored name that cannot be a distribution's (PEP 508) is never
    // asked about: no kernel can have it installed.
    const asked = new Set(
      Object.keys(env?.distributions ?? {}).map(normalizeDistribution)
    );
    const known = (row: IPackageComparison) =>
      asked.has(row.key) ||
      (row.stored !== null && !isDistributionName(row.name));
    this._rows = env
      ? rows.map(row =>
          known(row)
            ? row
            : {
                ...row,
                live: null,
                status: row.stored === null ? 'unstored' : 'unknown'
              }
        )
      : rows;
    this._notInstalled = new Set(
      env
        ? rows
            .filter(row => row.live === null && asked.has(row.key))
            .map(row => row.key)
        : []
    );
  }

  private _source: INotebookSource;
  private _typing: ChangeTimer;
  private _metadata: IMetadataSource;
  private _execution: PackagesModel.IOptions['execution'] | null;
  /**
   * Which cells changed since the last analysis, when the execution
   * source can tell.
   */
  private _tracker: ExecutionMonitor.IChangeTracker | null;
  /**
   * Cells changed in place, at their positions, not analysed yet.
   */
  private _pending = new Map<ExecutionMonitor.ICell, number>();
  /**
   * Whether the next analysis reads every cell (the first one, or the
   * cell list changed).
   */
  private _readAll = true;
  private _probe: IProbeSource | null;
  private _parser: PythonParser;
  private _declared: DeclaredTracker;
  private _declaredNames: string;
  private _storedNames: string;
  private _analysis: NotebookAnalysis | null = null;
  private _run: ISlicedRun | null = null;
  /**
   * Pending while an analysis runs.
   */
  private _analysed: PromiseDelegate<void> | null = null;
  /**
   * Whether the probe waits for the running analysis (it then asks with
   * its result: no refresh needed).
   */
  private _awaited = false;
  private _refreshAfterAnalysis = false;
  private _modules: string[] = [];
  private _installs: IInstallLine[] = [];
  private _installGroups: IInstallGroup[] = [];
  private _unparsed: readonly IUnparsedCell[] = [];
  private _rows: IPackageComparison[] = [];
  private _notInstalled: ReadonlySet<string> = new Set();
  private _sliceBudget: number | undefined;
  private _started = false;
  private _changed = new Signal<this, void>(this);
}

/**
 * A namespace for `PackagesModel` statics.
 */
export namespace PackagesModel {
  /**
   * Options to create a packages model.
   */
  export interface IOptions {
    /**
     * The Python parser cells are read with.
     */
    parser: PythonParser;
    /**
     * The notebook model.
     */
    source: INotebookSource;
    /**
     * The notebook's metadata as read (the stored packages).
     */
    metadata: IMetadataSource;
    /**
     * Says when cells ran or the cell list changed (the execution monitor):
     * the imports are read again then; when it can tell which cells
     * changed, only those are read.
     */
    execution?: IExecutionSource & {
      trackChanges?(
        options?: ExecutionMonitor.ITrackOptions
      ): ExecutionMonitor.IChangeTracker;
    };
    /**
     * The notebook's kernel probe.
     */
    probe?: IProbeSource;
    /**
     * How long one slice of the import analysis may run, in milliseconds;
     * without it, the analysis runs at once.
     */
    sliceBudget?: number;
    /**
     * How long edits must pause before the declared dependencies are read
     * again, in milliseconds.
     */
    declaredDelay?: number;
    /**
     * How long typing must pause before the imports are read again, in
     * milliseconds (1,000 by default).
     */
    importsDelay?: number;
  }
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * The probe's states in which it has not asked the current kernel yet and
   * will ask by itself when it can (or cannot ask at all).
   */
  export const NOT_ASKED = new Set<KernelProbe.State>([
    'no-kernel',
    'starting',
    'dead',
    'not-python'
  ]);

  /**
   * The stored distribution names, as one comparable string.
   */
  export function storedNames(read: INbprojectRead): string {
    return Object.keys(read.metadata?.pypackage ?? {}).join('\n');
  }
}
