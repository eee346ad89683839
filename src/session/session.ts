// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type { NotebookPanel } from '@jupyterlab/notebook';
import { PromiseDelegate } from '@lumino/coreutils';
import { ISignal, Signal } from '@lumino/signaling';
import type { ICellWithOutputs } from '../core/hygiene/secrets';
import { kernelNotebookDirectory } from '../core/kernel/notebookDirectory';
import type { PythonParser } from '../core/python/parser';
import type { IHashScope } from '../kernel/hashFiles';
import { IProbeTranslator, KernelProbe } from '../kernel/kernelProbe';
import type { INbprojectSettings, INotebookSession } from '../tokens';
import { DataModel } from './data';
import { EnvironmentModel } from './environment';
import { ExecutionMonitor } from './execution';
import { HiddenStateModel } from './hiddenState';
import { HygieneModel } from './hygiene';
import { MetadataModel } from './metadata';
import { PackagesModel } from './packages';
import { afterNextFrame, runInSlices, whenIdle } from './slices';
import { readCells } from './source';
import { VerificationModel } from './verification';

/**
 * One notebook panel's nbproject session: builds the models that watch
 * the notebook (metadata, execution order, kernel probe, packages, data
 * files, hygiene), starts them once the notebook has loaded, follows the
 * settings, and disposes of them with the panel. Holds no DOM.
 */
export class NotebookSession implements INotebookSession {
  /**
   * Create the session of a notebook panel (before or after its notebook
   * has loaded).
   */
  constructor(options: NotebookSession.IOptions) {
    const { panel, parser, trans } = options;
    const { context, sessionContext } = panel;
    this._panel = panel;
    this._environment = options.environment;
    this._settings = options.settings;
    this._expanded = options.settings.expandHeader;
    const budget = options.sliceBudget ?? runInSlices.DEFAULT_BUDGET;

    this._execution = new ExecutionMonitor({
      model: context.model,
      mode: this._settings.checkMode,
      kernelSession: sessionContext.session?.kernel?.id ?? null
    });
    this._metadata = new MetadataModel({
      source: context.model,
      execution: this._execution
    });
    // The probe asks the packages model what to ask about; the model is
    // made next, and the probe only calls back once the kernel is ready.
    this._kernel = new KernelProbe({
      sessionContext,
      query: () =>
        this._packages?.probeQuery() ?? { modules: [], distributions: [] },
      // Once the notebook has loaded, the imports are read after its first
      // frame: the probe waits for them rather than ask about nothing.
      queryReady: () =>
        context.isReady
          ? this._ready.promise.then(() => this._packages.queryReady())
          : (this._packages?.queryReady() ?? Promise.resolve()),
      timeout: this._settings.probeTimeout * 1000,
      trans
    });
    this._packages = new PackagesModel({
      parser,
      source: context.model,
      metadata: this._metadata,
      execution: this._execution,
      probe: this._kernel,
      sliceBudget: budget
    });
    this._hygiene = new HygieneModel({
      source: context.model,
      cells: () =>
        (context.model.toJSON() as { cells?: ICellWithOutputs[] }).cells ?? [],
      directory: () => this.directory,
      sliceBudget: budget
    });
    this._hiddenState = new HiddenStateModel({
      parser,
      source: context.model,
      cells: () => HiddenStateModel.cellsWithCounts(context.model),
      execution: this._execution,
      sliceBudget: budget
    });
    this._data = new DataModel({
      parser,
      source: context.model,
      cells: () => readCells(context.model),
      probe: this._kernel,
      kernel: () => sessionContext.session?.kernel ?? null,
      kernelKey: () => this._execution.kernelSession,
      scope: () => this.dataScope,
      sliceBudget: budget,
      changes: this._execution.trackChanges({ counts: false })
    });
    this._environmentModel = new EnvironmentModel({
      source: context.model,
      probe: this._kernel,
      kernel: () => sessionContext.session?.kernel ?? null,
      kernelKey: () => this._execution.kernelSession,
      imported: () => this._packages.rows.map(row => row.key),
      importsChanged: this._packages.changed,
      timeout: () => this._settings.probeTimeout * 1000
    });

    for (const signal of [
      this._metadata.changed,
      this._execution.changed,
      this._kernel.stateChanged,
      this._packages.changed,
      this._data.changed,
      this._hygiene.changed,
      this._hiddenState.changed,
      this._environmentModel.changed,
      this._verification.changed
    ] as ISignal<unknown, unknown>[]) {
      signal.connect(this._emitChanged, this);
    }
    sessionContext.kernelChanged.connect(this._onKernelChanged, this);
    sessionContext.statusChanged.connect(this._onStatus, this);
    panel.disposed.connect(this.dispose, this);
    void context.ready.then(() => this._start());
  }

  /**
   * The notebook panel.
   */
  get panel(): NotebookPanel {
    return this._panel;
  }

  /**
   * The notebook's path.
   */
  get path(): string {
    return this._panel.context.path;
  }

  /**
   * Whether the notebook has loaded and the session read its metadata.
   */
  get isReady(): boolean {
    return this._isReady;
  }

  /**
   * Resolves once {@link isReady} and the notebook's first frame after it
   * is drawn, when the parts that read every cell start.
   */
  get ready(): Promise<void> {
    return this._ready.promise;
  }

  /**
   * Emitted when any part changes.
   */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /**
   * Emitted once the session is disposed.
   */
  get disposed(): ISignal<this, void> {
    return this._disposed;
  }

  /**
   * Whether the session is disposed.
   */
  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /**
   * Whether the header shows its details.
   */
  get expanded(): boolean {
    return this._expanded;
  }
  set expanded(value: boolean) {
    if (value !== this._expanded && !this._isDisposed) {
      this._expanded = value;
      this._changed.emit();
    }
  }

  /**
   * The notebook's directory as the kernel sees it, when known.
   */
  get directory(): string | null {
    const { serverRoot, localPath } = this._environment;
    return kernelNotebookDirectory(serverRoot, localPath(this.path)) ?? null;
  }

  /**
   * The settings the session follows.
   */
  get settings(): INbprojectSettings {
    return this._settings;
  }
  set settings(value: INbprojectSettings) {
    this._settings = value;
    if (!this._isDisposed) {
      this._execution.mode = value.checkMode;
      this._kernel.timeout = value.probeTimeout * 1000;
    }
  }

  /**
   * The nbproject metadata as read, and the last publication.
   */
  get metadata(): MetadataModel {
    return this._metadata;
  }

  /**
   * The execution monitor.
   */
  get execution(): ExecutionMonitor {
    return this._execution;
  }

  /**
   * The kernel probe.
   */
  get kernel(): KernelProbe {
    return this._kernel;
  }

  /**
   * The packages model.
   */
  get packages(): PackagesModel {
    return this._packages;
  }

  /**
   * The data files model.
   */
  get data(): DataModel {
    return this._data;
  }

  /**
   * The hygiene findings.
   */
  get hygiene(): HygieneModel {
    return this._hygiene;
  }

  /**
   * Hidden state found without running.
   */
  get hiddenState(): HiddenStateModel {
    return this._hiddenState;
  }

  /**
   * The kernel's environment against the published snapshot.
   */
  get environment(): EnvironmentModel {
    return this._environmentModel;
  }

  /**
   * The last verification in a fresh kernel.
   */
  get verification(): VerificationModel {
    return this._verification;
  }

  /**
   * Where the notebook's data files may be read (inside the server's root,
   * hidden ones only if the server shows them), and the bounds.
   */
  get dataScope(): IHashScope {
    const { serverRoot, localPath, allowHidden } = this._environment;
    return {
      root: serverRoot,
      notebook: localPath(this.path),
      allowHidden,
      maxSize: Math.max(0, this._settings.dataFileSizeLimit) * 1024 * 1024,
      timeout: this._settings.probeTimeout * 1000
    };
  }

  /**
   * Stop every model and listener.
   */
  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    const { sessionContext } = this._panel;
    sessionContext.kernelChanged.disconnect(this._onKernelChanged, this);
    sessionContext.statusChanged.disconnect(this._onStatus, this);
    this._panel.disposed.disconnect(this.dispose, this);
    this._environmentModel.dispose();
    this._verification.dispose();
    this._data.dispose();
    this._hygiene.dispose();
    this._hiddenState.dispose();
    this._packages.dispose();
    this._metadata.dispose();
    this._kernel.dispose();
    this._execution.dispose();
    this._disposed.emit();
    Signal.clearData(this);
  }

  /**
   * The notebook has loaded: say what its metadata says at once (a view
   * rendering on `changed` shows it in the task that shows the notebook),
   * then, after the notebook's first frame, read the imports in slices and
   * resolve {@link ready}; the data files and hygiene once the page is
   * idle. Reading a large notebook's cells before that frame would hold
   * back the notebook itself.
   */
  private _start(): void {
    if (this._isDisposed) {
      return;
    }
    this._isReady = true;
    this._metadata.start();
    afterNextFrame(() => {
      if (this._isDisposed) {
        return;
      }
      // The file's cells came in after the monitor was made, as a batch
      // it has not read: its first verdict, on them, after the frame.
      this._execution.flush();
      this._packages.start();
      // Finding data files and scanning for secrets read every cell (a
      // parse each): once the page is idle.
      whenIdle(() => {
        if (!this._isDisposed) {
          this._hygiene.start();
          this._hiddenState.start();
          this._data.start();
          this._environmentModel.start();
        }
      });
      this._ready.resolve();
      this._changed.emit();
    });
  }

  private _emitChanged(): void {
    this._changed.emit();
  }

  /**
   * A restart or another kernel starts a new kernel session: runs from
   * before it are "output from a previous kernel session".
   */
  private _onKernelChanged(): void {
    const id = this._panel.sessionContext.session?.kernel?.id;
    if (id) {
      this._execution.kernelSession = `${id}#${this._restarts}`;
    }
  }

  private _onStatus(_: unknown, status: string): void {
    if (status === 'restarting' || status === 'autorestarting') {
      this._restarts++;
      this._onKernelChanged();
    }
  }

  private _panel: NotebookPanel;
  private _environment: NotebookSession.IEnvironment;
  private _settings: INbprojectSettings;
  private _expanded: boolean;
  private _execution: ExecutionMonitor;
  private _metadata: MetadataModel;
  private _kernel: KernelProbe;
  private _packages: PackagesModel;
  private _hygiene: HygieneModel;
  private _hiddenState: HiddenStateModel;
  private _data: DataModel;
  private _environmentModel: EnvironmentModel;
  private _verification = new VerificationModel();
  private _restarts = 0;
  private _isReady = false;
  private _ready = new PromiseDelegate<void>();
  private _isDisposed = false;
  private _changed = new Signal<this, void>(this);
  private _disposed = new Signal<this, void>(this);
}

/**
 * A namespace for `NotebookSession` statics.
 */
export namespace NotebookSession {
  /**
   * Options to create a session.
   */
  export interface IOptions {
    /**
     * The notebook panel.
     */
    panel: NotebookPanel;
    /**
     * JupyterLab's Python parser.
     */
    parser: PythonParser;
    /**
     * The settings at creation.
     */
    settings: INbprojectSettings;
    /**
     * Where the server keeps files.
     */
    environment: IEnvironment;
    /**
     * Translates the kernel probe's messages.
     */
    trans?: IProbeTranslator;
    /**
     * How long one slice of reading a large notebook may run, in
     * milliseconds; {@link runInSlices.DEFAULT_BUDGET} by default.
     */
    sliceBudget?: number;
  }

  /**
   * What the session knows of the server.
   */
  export interface IEnvironment {
    /**
     * The server's root directory (absolute), `""` when unknown (then no
     * data file is read).
     */
    serverRoot: string;
    /**
     * A notebook's path relative to the root, from its path in JupyterLab
     * (which may name a drive).
     */
    localPath: (path: string) => string;
    /**
     * Whether the server shows hidden files.
     */
    allowHidden: boolean;
  }
}
