// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type { IMapChange } from '@jupyter/ydoc';
import { PromiseDelegate } from '@lumino/coreutils';
import { ISignal, Signal } from '@lumino/signaling';
import type {
  DataFileStatus,
  IDataManifestEntry,
  IFileDigest
} from '../core/data/manifest';
import type {
  FileHashResult,
  HashEntryProblem,
  HashSkipCode,
  IHashError
} from '../core/kernel/hashRequest';
import type { ICellLike } from '../core/notebook/cells';
import type { PythonParser } from '../core/python/parser';
import type {
  IHashKernel,
  IHashScope,
  KernelHashFailure,
  KernelHashOutcome
} from '../kernel/hashFiles';
import type { KernelProbe } from '../kernel/kernelProbe';
import { ChangeTimer, ISlicedRun, runInSlices } from './slices';
import { normalizeDataPath, suggestRecording } from '../core/data/paths';
import { EXTENSION_KEY } from '../core/extension/metadata';
import type { Analyses } from './loadAnalyses';
import type { ExecutionMonitor } from './execution';
import { SessionPart } from './part';

/**
 * How a data file stands in the header: a comparison's status, `pending`
 * while it has not been verified (no kernel yet, or hashing), or
 * `not-checked` when it was not read, by rule ({@link IDataRow.reason}).
 */
export type DataRowStatus = DataFileStatus | 'pending' | 'not-checked';

/**
 * One data file row.
 */
export interface IDataRow {
  /**
   * The path, relative to the notebook unless absolute.
   */
  path: string;
  /**
   * Its status.
   */
  status: DataRowStatus;
  /**
   * What the manifest records, or `null` for a new file.
   */
  stored: IDataManifestEntry | null;
  /**
   * What the file is now, if hashed.
   */
  current: IFileDigest | null;
  /**
   * Why a missing file could not be hashed, in the kernel's own words.
   */
  error?: string;
  /**
   * Why a missing file could not be hashed, when the kernel gave no words:
   * what was wrong with its answer.
   */
  problem?: HashEntryProblem;
  /**
   * Why a `not-checked` file was not read: outside the project, hidden,
   * not a regular file, too large, not finished yet, or the kernel cannot
   * see the project.
   */
  reason?: HashSkipCode;
  /**
   * For a file the manifest does not record: its path goes through a
   * hidden name (`.env`, `~/.aws/credentials`), and hidden files are not
   * shown. Such files hold settings and credentials, not data to record.
   */
  notData?: true;
  /**
   * Where the path leads, as the kernel resolved it (`outside`, `hidden`,
   * `special`).
   */
  resolved?: string;
  /**
   * The file's size in bytes, when known (`too-large`, `unfinished`).
   */
  size?: number;
}

/**
 * Where verifying stands.
 *
 * - `idle`: nothing to verify (no manifest, no files read);
 * - `waiting`: files to verify, no ready Python kernel yet;
 * - `hashing`: the kernel is hashing;
 * - `done`: verified against the files as they are;
 * - `failed`: the kernel could not hash them ({@link DataModel.failure}).
 */
export type DataVerifyState =
  'idle' | 'waiting' | 'hashing' | 'done' | 'failed';

/**
 * The part of a notebook model the data model reads.
 */
export interface IDataSource {
  getMetadata(key: string): unknown;
  readonly metadataChanged: ISignal<any, IMapChange>;
  readonly contentChanged?: ISignal<any, void>;
}

/**
 * The kernel probe, as the data model follows it.
 */
export interface IDataProbe {
  readonly state: KernelProbe.State;
  readonly stateChanged: ISignal<any, unknown>;
}

/**
 * The data files of a notebook: the recorded ones verified in the kernel,
 * with the files the code reads but does not record. No DOM; `changed`
 * tells when any of it changes. Nothing is sent anywhere but to the
 * notebook's own kernel.
 *
 * Verifying by itself (when a Python kernel first answers, after it is
 * replaced or restarted, when the manifest changes) sends one bounded
 * silent request: only regular files inside the project root are read,
 * for about a second at most; what it does not finish shows as not
 * checked yet. `verify({ all: true })` (the user's "Check again") goes on
 * in further bounded requests until done or {@link stop}.
 */
export class DataModel extends SessionPart {
  /**
   * Create a data model.
   */
  constructor(options: DataModel.IOptions) {
    super();
    this._options = options;
    this._redetect = this.own(
      new ChangeTimer(() => this._onPause(), options.delay ?? 1000)
    );
    if (options.changes) {
      this.own(options.changes);
    }
    options.source.metadataChanged.connect(this._onMetadata, this);
    options.source.contentChanged?.connect(this._onContent, this);
    options.probe?.stateChanged.connect(this._onProbe, this);
  }

  /**
   * Emitted when rows or state change.
   */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /**
   * The data file rows: recorded files in stored order, then new ones.
   */
  get rows(): readonly IDataRow[] {
    return this._rows;
  }

  /**
   * Whether the notebook records a data manifest.
   */
  get recorded(): boolean {
    return this._recorded;
  }

  /**
   * Where verifying stands.
   */
  get state(): DataVerifyState {
    return this._state;
  }

  /**
   * Why verifying failed (state `failed`), for the view to word; `null`
   * otherwise.
   */
  get failure(): KernelHashFailure | null {
    return this._failure;
  }

  /**
   * The files the code reads, as of the last reading of the cells.
   */
  get detected(): readonly string[] {
    return this._detected;
  }

  /**
   * Where data files may be read, and the bounds.
   */
  get scope(): IHashScope {
    return this._options.scope();
  }

  /**
   * The kernel files are hashed in: the notebook's, while the probe finds
   * it a Python kernel that answers; else `null`.
   */
  get kernel(): IHashKernel | null {
    return this._options.probe?.state === 'ready'
      ? this._options.kernel()
      : null;
  }

  /**
   * Read the notebook now (once it has loaded, and the analyses are: see
   * ./loadAnalyses): the manifest and the files the code reads; verify if
   * a kernel is ready.
   */
  start(): void {
    this.startWithAnalyses(() => {
      this._detect();
      void this.verify();
    });
  }

  /**
   * While the user's check runs: files done and in all.
   */
  get progress(): { files: number; total: number } | null {
    return this._progress;
  }

  /**
   * Hash the recorded files and those the code reads in the kernel and
   * compare them with the manifest. Never rejects.
   *
   * @param options - `all`: go on in further bounded requests until every
   *   file is done (a user's action); else one request.
   */
  async verify(options: { all?: boolean } = {}): Promise<void> {
    const code = this.analyses;
    if (!code || this.isDisposed) {
      return;
    }
    if (
      !options.all &&
      this._late !== null &&
      this._late === this._options.kernelKey()
    ) {
      // A request timed out and is still unanswered: its answer is awaited,
      // nothing is sent again.
      return;
    }
    const extension = this._options.source.getMetadata(EXTENSION_KEY);
    const manifest = code.readDataManifest(extension);
    const detected = await this._detectedFiles();
    if (this.isDisposed) {
      return;
    }
    const paths = [
      ...new Set([...manifest.entries.map(entry => entry.path), ...detected])
    ];
    this._recorded = manifest.present;
    const token = ++this._token;
    this._stopped = false;
    this._progress = null;
    if (paths.length === 0) {
      this._set('idle', []);
      return;
    }
    const pending = manifest.entries.map((entry): IDataRow => ({
      path: entry.path,
      status: 'pending',
      stored: entry,
      current: null
    }));
    const kernel = this.kernel;
    if (!kernel) {
      this._set('waiting', pending);
      return;
    }
    const scope = this.scope;
    if (!scope.root) {
      // Where the project is, is unknown: read nothing rather than guess.
      const unseen = new Map<string, FileHashResult>(
        paths.map(path => [path, { code: 'unseen', skipped: true }])
      );
      this._set(
        'done',
        Private.rows(code, manifest.entries, paths, unseen, scope.allowHidden)
      );
      return;
    }
    const key = this._options.kernelKey();
    this._set('hashing', this._rows.length > 0 ? this._rows : pending);
    this._kernelKey = key;
    const outcome = await code.hashFilesInKernel(
      kernel,
      code.scopeQuery(scope, paths),
      {
        maxRequests: options.all ? Infinity : 1,
        timeout: scope.timeout,
        cancelled: () =>
          this._stopped || this.isDisposed || token !== this._token,
        onProgress: options.all
          ? progress => {
              if (token === this._token && !this.isDisposed) {
                this._progress = {
                  files: progress.files,
                  total: progress.total
                };
                this._changed.emit();
              }
            }
          : undefined
      }
    );
    this._take(code, outcome, token, key, manifest.entries, paths, pending);
  }

  /**
   * Stop the user's check after the request in flight.
   */
  stop(): void {
    this._stopped = true;
  }

  /**
   * Release what the part holds when it is disposed.
   */
  protected onDispose(): void {
    this._detectRun?.dispose();
  }

  /**
   * Show what hashing gave, if still current; a request that timed out
   * shows why, and its answer when it comes.
   */
  private _take(
    code: Analyses,
    outcome: KernelHashOutcome,
    token: number,
    key: string | null,
    entries: IDataManifestEntry[],
    paths: string[],
    pending: IDataRow[]
  ): void {
    if (this.isDisposed || token !== this._token) {
      return;
    }
    this._progress = null;
    if (!outcome.ok) {
      this._set('failed', pending, outcome.failure);
      if (outcome.late) {
        this._late = key;
        void outcome.late.then(late => {
          if (this._late === key) {
            this._late = null;
          }
          this._take(code, late, token, key, entries, paths, pending);
        });
      }
      return;
    }
    this._set(
      'done',
      Private.rows(code, entries, paths, outcome.files, this.scope.allowHidden)
    );
  }

  private _onMetadata(_: unknown, change: IMapChange): void {
    // (Before the start, the first reading takes the manifest as it is.)
    const code = this.analyses;
    if (change.key !== EXTENSION_KEY || !code) {
      return;
    }
    // Publishing appends history too: verify only when the manifest moved.
    const manifest = JSON.stringify(
      code.readDataManifest(this._options.source.getMetadata(EXTENSION_KEY))
        .entries
    );
    if (manifest !== this._manifest) {
      this._manifest = manifest;
      void this.verify();
    }
  }

  /**
   * Cells changed: read them again when edits pause.
   */
  private _onContent(): void {
    if (!this.analyses || this.isDisposed) {
      return;
    }
    this._edited = true;
    this._redetect.touch();
  }

  /**
   * The probe answered: a new or restarted kernel verifies again, and so
   * does a failed check, unless it waits for a late answer of this kernel.
   */
  private _onProbe(): void {
    if (this._options.probe?.state !== 'ready') {
      return;
    }
    const key = this._options.kernelKey();
    if (
      key !== this._kernelKey ||
      ((this._state === 'waiting' || this._state === 'failed') &&
        this._late !== key)
    ) {
      void this.verify();
    }
  }

  /**
   * Edits paused: read the cells again if a code cell's source changed
   * (outputs and counts, which change all along a run, change no path).
   */
  private _onPause(): void {
    if (this._sourcesChanged()) {
      this._detect();
    } else {
      this._edited = false;
    }
  }

  /**
   * Whether a code cell's source or the cell list may have changed since
   * the last reading.
   */
  private _sourcesChanged(): boolean {
    return this._options.changes?.hasChanges ?? true;
  }

  /**
   * The data files the code reads, in the cells as they are. Runs in
   * slices, the first one now; a reading still going is abandoned for this
   * one (it read cells since changed).
   */
  private _detect(): void {
    const code = this.analyses;
    if (this.isDisposed || !code) {
      return;
    }
    this._redetect.stop();
    this._edited = false;
    // Every cell is read now: changes so far are in.
    this._options.changes?.take();
    this._manifest = JSON.stringify(
      code.readDataManifest(this._options.source.getMetadata(EXTENSION_KEY))
        .entries
    );
    this._detectRun?.dispose();
    this._detecting ??= new PromiseDelegate<string[]>();
    this._detectRun = runInSlices(
      code.notebookDataFilesSteps(this._options.cells(), this._options.parser),
      result => {
        this._detected = result.files.map(file => file.path);
        const detecting = this._detecting;
        this._detecting = null;
        detecting?.resolve(this._detected);
      },
      { budget: this._options.sliceBudget ?? Infinity }
    );
  }

  /**
   * The data files the code reads, in the cells as they are: the reading
   * going (or one started now, after an edit), once done.
   */
  private _detectedFiles(): Promise<readonly string[]> {
    if (this._edited && this._sourcesChanged()) {
      this._detect();
    }
    return this._detecting?.promise ?? Promise.resolve(this._detected);
  }

  private _set(
    state: DataVerifyState,
    rows: IDataRow[],
    failure: KernelHashFailure | null = null
  ): void {
    this._state = state;
    this._rows = rows;
    this._failure = failure;
    this._changed.emit();
  }

  private _options: DataModel.IOptions;
  private _changed = new Signal<this, void>(this);
  private _rows: IDataRow[] = [];
  private _recorded = false;
  private _state: DataVerifyState = 'idle';
  private _failure: KernelHashFailure | null = null;
  private _detected: string[] = [];
  /**
   * The reading of the cells going, and its files once done.
   */
  private _detectRun: ISlicedRun | null = null;
  private _detecting: PromiseDelegate<string[]> | null = null;
  private _redetect: ChangeTimer;
  /**
   * Whether the cells changed since the last reading started.
   */
  private _edited = false;
  private _manifest = '';
  private _kernelKey: string | null = null;
  private _late: string | null = null;
  private _stopped = false;
  private _progress: { files: number; total: number } | null = null;
  private _token = 0;
}

/**
 * A namespace for `DataModel` statics.
 */
export namespace DataModel {
  /**
   * Options to create a data model.
   */
  export interface IOptions {
    /**
     * The Python parser cells are read with.
     */
    parser: PythonParser;
    /**
     * The notebook model (metadata and change signals).
     */
    source: IDataSource;
    /**
     * The notebook's cells (their sources are read).
     */
    cells: () => readonly ICellLike[];
    /**
     * The kernel probe: verifying waits for it to be ready (a Python
     * kernel that answers).
     */
    probe?: IDataProbe;
    /**
     * The notebook's kernel connection, or `null`.
     */
    kernel: () => IHashKernel | null;
    /**
     * Something that changes when the kernel is replaced or restarts.
     */
    kernelKey: () => string | null;
    /**
     * Where data files may be read (the server's root, the notebook's
     * path) and the bounds; without a root, nothing is read and the files
     * show as not checked.
     */
    scope: () => IHashScope;
    /**
     * How long edits must pause before the cells are read again, in
     * milliseconds; 1000 by default.
     */
    delay?: number;
    /**
     * How long one slice of reading the cells may run, in milliseconds;
     * without it, it runs at once.
     */
    sliceBudget?: number;
    /**
     * Which code cells' sources changed (the execution monitor's tracker,
     * following sources only; the model owns it): without a change, a
     * pause reads nothing again. Without it, every pause does.
     */
    changes?: ExecutionMonitor.IChangeTracker;
  }
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * The rows for what the kernel found: the comparison with the manifest,
   * with files not read by rule shown as such (a recorded one is not
   * "missing" because it was not looked at), recorded ones first. A file
   * not recorded that is hidden (`.env`) is marked {@link IDataRow.notData},
   * unless the server shows hidden files.
   */
  export function rows(
    code: Analyses,
    entries: readonly IDataManifestEntry[],
    paths: readonly string[],
    files: ReadonlyMap<string, FileHashResult>,
    allowHidden: boolean
  ): IDataRow[] {
    // Keyed by strangers' paths: Maps, so `__proto__` is a path like any other.
    const current: (IFileDigest & { path: string })[] = [];
    const errors = new Map<string, IHashError>();
    const skipped = new Map<string, IDataRow>();
    for (const path of paths) {
      const result = files.get(path);
      const key = normalizeDataPath(path);
      if (code.isFileDigest(result)) {
        current.push({ path, sha256: result.sha256, size: result.size });
      } else if (result && code.isHashError(result)) {
        errors.set(key, result);
      } else if (result && code.isHashSkip(result) && !skipped.has(key)) {
        const row: IDataRow = {
          path: key,
          status: 'not-checked',
          stored: null,
          current: null,
          reason: result.code
        };
        if (result.resolved !== undefined) {
          row.resolved = result.resolved;
        }
        if (result.size !== undefined) {
          row.size = result.size;
        }
        skipped.set(key, row);
      }
    }
    const compared = code
      .compareManifest(entries, current)
      .map((row): IDataRow => {
        const skip =
          row.status === 'missing' ? skipped.get(row.path) : undefined;
        if (skip) {
          skipped.delete(row.path);
          return { ...skip, stored: row.stored };
        }
        const error = errors.get(row.path);
        if (error === undefined || row.status !== 'missing') {
          return row;
        }
        return error.error !== undefined
          ? { ...row, error: error.error }
          : { ...row, problem: error.problem };
      });
    // Recorded files in stored order, then the others in the notebook's.
    const out = compared.filter(row => row.stored !== null);
    const others = new Map<string, IDataRow>([
      ...compared
        .filter(row => row.stored === null)
        .map((row): [string, IDataRow] => [row.path, row]),
      ...skipped
    ]);
    for (const [path, row] of others) {
      if (
        !suggestRecording(
          path,
          allowHidden,
          row.status === 'not-checked' && row.reason === 'hidden'
        )
      ) {
        others.set(path, { ...row, notData: true });
      }
    }
    for (const path of new Set(paths.map(normalizeDataPath))) {
      const row = others.get(path);
      if (row) {
        out.push(row);
        others.delete(path);
      }
    }
    return [...out, ...others.values()];
  }
}
