// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { VDomModel } from '@jupyterlab/ui-components';
import type { IMapChange } from '@jupyter/ydoc';
import { PromiseDelegate } from '@lumino/coreutils';
import type { ISignal } from '@lumino/signaling';
import { NotebookAnalysis } from '../core/notebook/analysis';
import {
  comparePackages,
  IPackageComparison,
  summarizeComparison
} from '../core/packages/compare';
import { codeDigest } from '../core/notebook/digest';
import { importedDistributions, normalizeDistribution } from '../core/packages/distributions';
import {
  EXTENSION_KEY,
  IPublishRecord,
  lastPublished,
  readExtensionMetadata
} from '../core/extension/history';
import { IInstallLine } from '../core/python/imports';
import { INbprojectRead, NBPROJECT_KEY, readNbproject } from '../core/nbproject/metadata';
import { isDistributionName } from '../core/packages/requirements';
import type { IUnparsedCell } from '../core/common/scanLimits';
import { ICellLike } from '../core/notebook/cells';
import type { IMonitorReport } from './execution';
import type { KernelProbe } from '../kernel/kernelProbe';
import type { ILiveEnvironment, IProbeQuery } from '../core/kernel/probeRequest';
import { IDeclaredDependencies } from '../core/packages/declared';
import { compareDeclared, IDeclaredRow } from '../core/packages/declaredStatus';
import type { Steps } from '../core/common/steps';
import type { PythonParser } from '../core/python/parser';
import { ISlicedRun, runInSlices } from './slices';
import { DeclaredTracker } from './declared';

/**
 * The part of a notebook model the header reads: metadata (with the signal
 * telling when it changed, locally, by undo or by a collaborator) and cells.
 */
export interface INotebookSource {
  getMetadata(key: string): unknown;
  readonly metadataChanged: ISignal<any, IMapChange>;
  readonly contentChanged?: ISignal<any, void>;
  readonly cells: {
    readonly length: number;
    get(index: number): {
      readonly id: string;
      readonly type: string;
      readonly sharedModel: { getSource(): string };
    };
  };
}

/**
 * The execution monitor, as the header reads it.
 */
export interface IMonitorSource {
  readonly report: IMonitorReport;
  readonly changed: ISignal<any, IMonitorReport>;
}

/**
 * The kernel probe, as the header reads it.
 */
export interface IProbeSource {
  readonly state: KernelProbe.State;
  readonly message: string;
  readonly environment: ILiveEnvironment | null;
  readonly stateChanged: ISignal<any, KernelProbe.ISnapshot>;
  requestRefresh(): void;
}

/**
 * Where the notebook stands against its last publication.
 */
export interface IPublishedState {
  /**
   * The last publish record.
   */
  record: IPublishRecord;
  /**
   * Whether the code changed since (its digest differs).
   */
  modified: boolean;
}

/**
 * The state of one notebook's header: its nbproject metadata, execution
 * order, imports, live packages and publication, and whether the header is
 * expanded. Holds no DOM; emits `stateChanged` when any of it changes.
 */
export class HeaderModel extends VDomModel {
  /**
   * Create a header model for a notebook model.
   */
  constructor(options: HeaderModel.IOptions) {
    super();
    this._source = options.source;
    this._parser = options.parser;
    this._monitor = options.monitor ?? null;
    this._probe = options.probe ?? null;
    this._expanded = options.expanded ?? false;
    this._read = readNbproject(this._source.getMetadata(NBPROJECT_KEY));
    this._source.metadataChanged.connect(this._onMetadataChanged, this);
    this._source.contentChanged?.connect(this._onContentChanged, this);
    this._digestDelay = options.digestDelay ?? 1000;
    this._sliceBudget = options.sliceBudget;
    this._monitor?.changed.connect(this._onExecution, this);
    this._probe?.stateChanged.connect(this._onProbe, this);
    this._declared = new DeclaredTracker(this._source);
    this._declared.changed.connect(this._onDeclared, this);
  }

  /**
   * The metadata as read; recomputed only when `metadata.nbproject` changes.
   */
  get read(): INbprojectRead {
    return this._read;
  }

  /**
   * The execution order report, or `null` without a monitor.
   */
  get execution(): IMonitorReport | null {
    return this._monitor?.report ?? null;
  }

  /**
   * The kernel probe's state and message, or `null` without a probe.
   */
  get kernel(): { state: KernelProbe.State; message: string } | null {
    return this._probe ? { state: this._probe.state, message: this._probe.message } : null;
  }

  /**
   * What the kernel reported of its environment, if it did.
   */
  get environment(): ILiveEnvironment | null {
    return this._probe?.environment ?? null;
  }

  /**
   * Stored versus live packages, one row per stored or imported package.
   */
  get packages(): IPackageComparison[] {
    return this._packages;
  }

  /**
   * Counts of {@link packages} per status.
   */
  get packageSummary(): ReturnType<typeof summarizeComparison> {
    return summarizeComparison(this._packages);
  }

  /**
   * Lines that install packages from inside the notebook.
   */
  get installs(): IInstallLine[] {
    return this._installs;
  }

  /**
   * Code cells not read for imports (too large, or nesting too deep).
   */
  get unparsed(): readonly IUnparsedCell[] {
    return this._unparsed;
  }

  /**
   * The last publication and whether the code changed since, or `null`.
   */
  get published(): IPublishedState | null {
    return this._published;
  }

  /**
   * Whether the notebook's content has loaded. Before that the header says
   * nothing about tracking, so "not tracked" never flashes on open.
   */
  get ready(): boolean {
    return this._ready;
  }
  set ready(value: boolean) {
    if (value === this._ready) {
      return;
    }
    this._ready = value;
    this._read = readNbproject(this._source.getMetadata(NBPROJECT_KEY));
    this._compare();
    // What the metadata says first: a view rendering on this signal shows
    // it without waiting for the imports, the costly part of a large notebook.
    this.stateChanged.emit();
    this._declared.refresh();
    // The probe may have answered an empty query before the notebook loaded.
    this._analyse(true);
    void this._checkPublished();
    this.stateChanged.emit();
  }

  /**
   * Whether the header shows its expanded form.
   */
  get expanded(): boolean {
    return this._expanded;
  }
  set expanded(value: boolean) {
    if (value === this._expanded) {
      return;
    }
    this._expanded = value;
    this.stateChanged.emit();
  }

  /**
   * For the kernel probe, about to ask: resolves once the import analysis
   * in progress (and any restarted by an edit meanwhile) is done, at once
   * when none runs, so that {@link probeQuery} is up to date. The probe then
   * asks about every import, once: the model requests no other refresh for
   * that analysis.
   */
  queryReady(): Promise<void> {
    if (this._analysed === null) {
      return Promise.resolve();
    }
    this._awaited = true;
    return this._analysed.promise;
  }

  /**
   * What the kernel probe should ask about: the modules the notebook
   * imports and the distributions it stores or imports.
   */
  probeQuery(): IProbeQuery {
    const modules = this._modules;
    const stored = Object.keys(this._read.metadata?.pypackage ?? {});
    return {
      modules,
      distributions: [...new Set([...stored, ...importedDistributions(modules), ...this._declared.names])]
    };
  }

  /**
   * Dispose of the model and stop listening.
   */
  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this._source.metadataChanged.disconnect(this._onMetadataChanged, this);
    this._source.contentChanged?.disconnect(this._onContentChanged, this);
    if (this._digestTimer !== null) {
      clearTimeout(this._digestTimer);
    }
    this._run?.dispose();
    this._analysed?.resolve();
    this._analysed = null;
    this._monitor?.changed.disconnect(this._onExecution, this);
    this._probe?.stateChanged.disconnect(this._onProbe, this);
    this._declared.dispose();
    super.dispose();
  }

  private _onMetadataChanged(_: unknown, change: IMapChange): void {
    if (change.key === NBPROJECT_KEY) {
      const before = Object.keys(this._read.metadata?.pypackage ?? {}).join('\n');
      this._read = readNbproject(this._source.getMetadata(NBPROJECT_KEY));
      if (Object.keys(this._read.metadata?.pypackage ?? {}).join('\n') !== before) {
        // New stored names: ask the kernel about them, or they read "missing".
        this._refreshProbe();
      }
      this._compare();
      this.stateChanged.emit();
    } else if (change.key === EXTENSION_KEY) {
      void this._checkPublished();
    }
  }

  /**
   * Edits can make a published notebook "modified": once there is a
   * publication, re-hash the code when typing pauses (never per keystroke).
   */
  private _onContentChanged(): void {
    if (!this._ready || this._published === null) {
      return;
    }
    if (this._digestTimer !== null) {
      clearTimeout(this._digestTimer);
    }
    this._digestTimer = setTimeout(() => {
      this._digestTimer = null;
      void this._checkPublished();
    }, this._digestDelay);
  }

  /**
   * A cell ran, was cleared, added, moved or removed: imports may differ.
   * Typing alone does not come here (the monitor ignores it).
   */
  private _onExecution(): void {
    if (!this._ready) {
      return;
    }
    this._analyse();
    void this._checkPublished();
    this.stateChanged.emit();
  }

  private _onProbe(): void {
    this._compare();
    this.stateChanged.emit();
  }

  /**
   * Re-read imports; the analysis re-parses only cells whose source changed.
   * It runs in slices, the first one now (a small notebook is done before
   * this returns). A run still going is abandoned for one over the cells
   * as they are now (a cell ran, or cells were added, moved or removed),
   * and a run is not shown if the list of cells changed while it ran.
   *
   * @param refresh - ask the kernel again once done, even if the imports
   *   did not change.
   */
  private _analyse(refresh = false): void {
    this._refreshAfterAnalysis ||= refresh;
    this._run?.dispose();
    this._analysed ??= new PromiseDelegate<void>();
    const cells: ICellLike[] = [];
    const run = runInSlices(this._analysisSteps(cells), result => this._onAnalysed(result, cells), {
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
      const cell = list.get(i);
      cells.push({ cell_type: cell.type, id: cell.id, source: cell.sharedModel.getSource() });
      if (i % 100 === 99) {
        yield;
      }
    }
    this._analysis ??= new NotebookAnalysis({ parser: this._parser() });
    return yield* this._analysis.updateSteps(cells);
  }

  /**
   * Show what an analysis found, and ask the kernel about new imports
   * unless the probe is waiting for this very result to ask.
   */
  private _onAnalysed(result: NotebookAnalysis.IResult, cells: readonly ICellLike[]): void {
    const list = this._source.cells;
    const same =
      list.length === cells.length &&
      cells.every((cell, i) => list.get(i).id === cell.id && list.get(i).type === cell.cell_type);
    if (!same) {
      // The monitor would say so in a moment: read them again now.
      this._analyse();
      return;
    }
    const before = this._modules.join('\n');
    this._modules = result.modules.map(module => module.name);
    this._installs = result.installs;
    this._unparsed = result.unparsed;
    this._compare();
    const refresh = this._refreshAfterAnalysis || this._modules.join('\n') !== before;
    const analysed = this._analysed;
    this._refreshAfterAnalysis = false;
    this._analysed = null;
    if (refresh) {
      this._refreshProbe();
    }
    this._awaited = false;
    analysed?.resolve();
    this.stateChanged.emit();
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
      this._read.metadata?.pypackage ?? null,
      env?.distributions ?? null,
      importedDistributions(this._modules, env?.moduleDistributions)
    );
    // The kernel answers for every distribution it was asked about ("" when
    // not installed); a name it was not asked about yet is unknown, not
    // missing, until the next probe answers.
    // A stored name that cannot be a distribution's (PEP 508) is never
    // asked about: no kernel can have it installed.
    const asked = new Set(Object.keys(env?.distributions ?? {}).map(normalizeDistribution));
    const known = (row: IPackageComparison) => asked.has(row.key) || (row.stored !== null && !isDistributionName(row.name));
    this._packages = env
      ? rows.map(row =>
          known(row) ? row : { ...row, live: null, status: row.stored === null ? 'unstored' : 'unknown' }
        )
      : rows;
  }

  /**
   * Compare the code with the last publication's digest (asynchronous:
   * WebCrypto). Runs after executions and metadata changes, not on typing.
   */
  private async _checkPublished(): Promise<void> {
    const record = lastPublished(readExtensionMetadata(this._source.getMetadata(EXTENSION_KEY)));
    const token = ++this._publishedToken;
    const digest = record ? await codeDigest(this._cells()) : null;
    if (this.isDisposed || token !== this._publishedToken) {
      return;
    }
    this._published = record ? { record, modified: digest !== record.code_sha256 } : null;
    this.stateChanged.emit();
  }

  /**
   * The cells in the shape the core rules read.
   */
  private _cells(): ICellLike[] {
    const cells: ICellLike[] = [];
    const list = this._source.cells;
    for (let i = 0; i < list.length; i++) {
      const cell = list.get(i);
      cells.push({ cell_type: cell.type, id: cell.id, source: cell.sharedModel.getSource() });
    }
    return cells;
  }

  /**
   * What other tools declare (PEP 723 cell, uv.lock, jupyterlab-requirements),
   * each source compared with the kernel like stored packages are.
   */
  get declared(): HeaderModel.IDeclared[] {
    const env = this._probe?.environment ?? null;
    const imported = importedDistributions(this._modules, env?.moduleDistributions);
    return this._declared.sources.map(source => ({
      source,
      rows: compareDeclared(source, env?.distributions ?? null, imported)
    }));
  }

  private _onDeclared(): void {
    const names = this._declared.names.join('\n');
    if (names !== this._declaredNames) {
      // New declared names: ask the kernel about them, or they read "unknown".
      this._declaredNames = names;
      this._refreshProbe();
    }
    this.stateChanged.emit();
  }

  private _declared: DeclaredTracker;
  private _declaredNames = '';
  private _source: INotebookSource;
  private _monitor: IMonitorSource | null;
  private _probe: IProbeSource | null;
  private _parser: () => PythonParser;
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
  private _read: INbprojectRead;
  private _modules: string[] = [];
  private _installs: IInstallLine[] = [];
  private _unparsed: readonly IUnparsedCell[] = [];
  private _packages: IPackageComparison[] = [];
  private _published: IPublishedState | null = null;
  private _publishedToken = 0;
  private _digestDelay: number;
  private _sliceBudget: number | undefined;
  private _digestTimer: ReturnType<typeof setTimeout> | null = null;
  private _expanded: boolean;
  private _ready = false;
}

/**
 * A namespace for `HeaderModel` statics.
 */
export namespace HeaderModel {
  /**
   * Options to create a header model.
   */
  export interface IOptions {
    /**
     * The Python parser cells are read with, asked for once the notebook
     * is {@link HeaderModel.ready} (JupyterLab loads it asynchronously).
     */
    parser: () => PythonParser;
    /**
     * The notebook model whose state the header shows.
     */
    source: INotebookSource;
    /**
     * The notebook's execution monitor.
     */
    monitor?: IMonitorSource;
    /**
     * The notebook's kernel probe.
     */
    probe?: IProbeSource;
    /**
     * Whether the header starts expanded.
     */
    expanded?: boolean;
    /**
     * How long typing must pause before the code is hashed again to tell
     * "modified since" a publication, in milliseconds; 1000 by default.
     */
    digestDelay?: number;
    /**
     * How long one slice of the import analysis may run, in milliseconds;
     * without it, the analysis runs at once.
     */
    sliceBudget?: number;
  }

  /**
   * One source of declared dependencies and its rows.
   */
  export interface IDeclared {
    /**
     * The source as read.
     */
    source: IDeclaredDependencies;
    /**
     * Its dependencies (and the undeclared imports) against the kernel.
     */
    rows: IDeclaredRow[];
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
  export const NOT_ASKED = new Set<KernelProbe.State>(['no-kernel', 'starting', 'dead', 'not-python']);
}
