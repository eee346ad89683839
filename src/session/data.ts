// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type { IMapChange } from '@jupyter/ydoc';
import { PromiseDelegate } from '@lumino/coreutils';
import { IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';
import { findAbsolutePaths, IAbsolutePathFinding } from '../core/hygiene/absolutePaths';
import { notebookDataFilesSteps } from '../core/data/files';
import type { PythonParser } from '../core/python/parser';
import {
  compareManifest,
  DataFileStatus,
  IDataManifestEntry,
  IFileDigest,
  normalizeDataPath,
  readDataManifest
} from '../core/data/manifest';
import { FileHashResult, HashSkipCode, isFileDigest, isHashError, isHashSkip } from '../core/kernel/hashRequest';
import { EXTENSION_KEY } from '../core/extension/history';
import { IUnscannedLines } from '../core/common/scanLimits';
import { findSecrets, ICellWithOutputs, ISecretFinding, unscannedLines } from '../core/hygiene/secrets';
import { hashFilesInKernel, IHashKernel, IHashScope, KernelHashOutcome, scopeQuery } from '../kernel/hashFiles';
import type { KernelProbe } from '../kernel/kernelProbe';
import { ISlicedRun, runInSlices } from './slices';

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
   * Why a missing file could not be hashed (the kernel's words).
   */
  error?: string;
  /**
   * Why a `not-checked` file was not read: outside the project, hidden,
   * not a regular file, too large, not finished yet, or the kernel cannot
   * see the project.
   */
  reason?: HashSkipCode;
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
 * - `failed`: the kernel could not hash them ({@link DataModel.detail}).
 */
export type DataVerifyState = 'idle' | 'waiting' | 'hashing' | 'done' | 'failed';

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
 * The data files of a notebook and its hygiene findings, for the header:
 * the recorded data files verified in the kernel with files the code
 * reads but does not record, and the credentials and user-specific
 * absolute paths its cells hold. No DOM; `changed` tells when any of it
 * changes. Nothing is sent anywhere but to the notebook's own kernel.
 *
 * Verifying by itself (when a Python kernel first answers, after it is
 * replaced or restarted, when the manifest changes) sends one bounded
 * silent request: only regular files inside the project root are read,
 * for about a second at most; what it does not finish shows as not
 * checked yet. `verify({ all: true })` (the user's "Check again") goes on
 * in further bounded requests until done or {@link stop}.
 */
export class DataModel implements IDisposable {
  /**
   * Create a data model.
   */
  constructor(options: DataModel.IOptions) {
    this._options = options;
    this._delay = options.delay ?? 1000;
    options.source.metadataChanged.connect(this._onMetadata, this);
    options.source.contentChanged?.connect(this._onContent, this);
    options.probe?.stateChanged.connect(this._onProbe, this);
  }

  /**
   * Emitted when rows, state or findings change.
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
   * Why verifying failed, in the kernel's words.
   */
  get detail(): string {
    return this._detail;
  }

  /**
   * Credentials found in cells and outputs (masked excerpts only).
   */
  get secrets(): readonly ISecretFinding[] {
    return this._secrets;
  }

  /**
   * User-specific absolute paths found in cells.
   */
  get absolutePaths(): readonly IAbsolutePathFinding[] {
    return this._paths;
  }

  /**
   * Lines too long for the secret and path scans, which they skipped.
   */
  get unscanned(): IUnscannedLines {
    return this._unscanned;
  }

  /**
   * Whether the model is disposed.
   */
  get isDisposed(): boolean {
    return this._disposed;
  }

  /**
   * Read the notebook now (once it has loaded): manifest, files read,
   * hygiene; verify if a kernel is ready.
   */
  start(): void {
    this._started = true;
    this._scan();
    void this.verify();
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
    if (!this._started || this._disposed) {
      return;
    }
    if (!options.all && this._late !== null && this._late === this._options.kernelKey()) {
      // A request timed out and is still unanswered: its answer is awaited,
      // nothing is sent again.
      return;
    }
    const extension = this._options.source.getMetadata(EXTENSION_KEY);
    const manifest = readDataManifest(extension);
    const detected = await this._detectedFiles();
    const paths = [...new Set([...manifest.entries.map(entry => entry.path), ...detected])];
    this._recorded = manifest.present;
    const token = ++this._token;
    this._stopped = false;
    this._progress = null;
    if (paths.length === 0) {
      this._set('idle', [], '');
      return;
    }
    const pending = manifest.entries.map(
      (entry): IDataRow => ({ path: entry.path, status: 'pending', stored: entry, current: null })
    );
    const kernel = this._options.probe?.state === 'ready' ? this._options.kernel() : null;
    if (!kernel) {
      this._set('waiting', pending, '');
      return;
    }
    const scope = this._options.scope?.() ?? null;
    if (!scope || !scope.root) {
      // Where the project is, is unknown: read nothing rather than guess.
      const unseen = new Map<string, FileHashResult>(paths.map(path => [path, { code: 'unseen', skipped: true }]));
      this._set('done', Private.rows(manifest.entries, paths, unseen), '');
      return;
    }
    const key = this._options.kernelKey();
    this._set('hashing', this._rows.length > 0 ? this._rows : pending, '');
    this._kernelKey = key;
    const outcome = await hashFilesInKernel(kernel, scopeQuery(scope, paths), {
      maxRequests: options.all ? Infinity : 1,
      timeout: scope.timeout,
      cancelled: () => this._stopped || this._disposed || token !== this._token,
      onProgress: options.all
        ? progress => {
            if (token === this._token && !this._disposed) {
              this._progress = { files: progress.files, total: progress.total };
              this._changed.emit();
            }
          }
        : undefined
    });
    this._take(outcome, token, key, manifest.entries, paths, pending);
  }

  /**
   * Stop the user's check after the request in flight.
   */
  stop(): void {
    this._stopped = true;
  }

  /**
   * Show what hashing gave, if still current; a request that timed out
   * shows why, and its answer when it comes.
   */
  private _take(
    outcome: KernelHashOutcome,
    token: number,
    key: string | null,
    entries: IDataManifestEntry[],
    paths: string[],
    pending: IDataRow[]
  ): void {
    if (this._disposed || token !== this._token) {
      return;
    }
    this._progress = null;
    if (!outcome.ok) {
      this._set('failed', pending, outcome.detail);
      if (outcome.late) {
        this._late = key;
        void outcome.late.then(late => {
          if (this._late === key) {
            this._late = null;
          }
          this._take(late, token, key, entries, paths, pending);
        });
      }
      return;
    }
    this._set('done', Private.rows(entries, paths, outcome.files), '');
  }
  /**
   * Dispose of the model and stop listening.
   */
  dispose(): void {
    if (this._disposed) {
      return;
    }
    this._disposed = true;
    if (this._timer !== null) {
      clearTimeout(this._timer);
    }
    this._scanRun?.dispose();
    this._options.source.metadataChanged.disconnect(this._onMetadata, this);
    this._options.source.contentChanged?.disconnect(this._onContent, this);
    this._options.probe?.stateChanged.disconnect(this._onProbe, this);
    Signal.clearData(this);
  }

  private _onMetadata(_: unknown, change: IMapChange): void {
    if (change.key !== EXTENSION_KEY) {
      return;
    }
    // Publishing appends history too: verify only when the manifest moved.
    const manifest = JSON.stringify(readDataManifest(this._options.source.getMetadata(EXTENSION_KEY)).entries);
    if (manifest !== this._manifest) {
      this._manifest = manifest;
      void this.verify();
    }
  }

  /**
   * Cells or outputs changed: scan again when edits pause.
   */
  private _onContent(): void {
    if (!this._started) {
      return;
    }
    this._edited = true;
    if (this._timer !== null) {
      clearTimeout(this._timer);
    }
    this._timer = setTimeout(() => {
      this._timer = null;
      if (!this._disposed) {
        this._scan();
      }
    }, this._delay);
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
    if (key !== this._kernelKey || ((this._state === 'waiting' || this._state === 'failed') && this._late !== key)) {
      void this.verify();
    }
  }

  /**
   * Secrets, absolute paths and the data files the code reads, in the cells
   * as they are. Runs in slices, the first one now; a scan still going is
   * abandoned for this one (it read cells since changed). Emits `changed`
   * when done.
   */
  private _scan(): void {
    if (this._timer !== null) {
      clearTimeout(this._timer);
      this._timer = null;
    }
    this._edited = false;
    this._manifest = JSON.stringify(readDataManifest(this._options.source.getMetadata(EXTENSION_KEY)).entries);
    this._scanRun?.dispose();
    this._scanned ??= new PromiseDelegate<string[]>();
    this._scanRun = runInSlices(
      this._scanSteps(this._options.cells()),
      result => {
        this._secrets = result.secrets;
        this._paths = result.paths;
        this._unscanned = result.unscanned;
        this._detected = result.detected;
        const scanned = this._scanned;
        this._scanned = null;
        scanned?.resolve(result.detected);
        this._changed.emit();
      },
      { budget: this._options.sliceBudget ?? Infinity }
    );
  }

  /**
   * The scan, a step per cell: each cell's secrets, paths and lines too
   * long to scan (the scanners read a cell on its own), then the data files
   * (read across cells).
   */
  private *_scanSteps(cells: readonly ICellWithOutputs[]): Generator<
    void,
    { secrets: ISecretFinding[]; paths: IAbsolutePathFinding[]; unscanned: IUnscannedLines; detected: string[] },
    undefined
  > {
    const directory = this._options.directory() ?? null;
    const secrets: ISecretFinding[] = [];
    const paths: IAbsolutePathFinding[] = [];
    const unscanned: IUnscannedLines = { count: 0, cells: [] };
    for (let index = 0; index < cells.length; index++) {
      const cell = [cells[index]];
      for (const finding of findSecrets(cell)) {
        secrets.push({ ...finding, cell: index });
      }
      for (const finding of findAbsolutePaths(cell, directory)) {
        paths.push({ ...finding, cell: index });
      }
      const { count } = unscannedLines(cell);
      if (count > 0) {
        unscanned.count += count;
        unscanned.cells.push(index);
      }
      yield;
    }
    const files = yield* notebookDataFilesSteps(cells, this._options.parser());
    return { secrets, paths, unscanned, detected: files.files.map(file => file.path) };
  }

  /**
   * The data files the code reads, in the cells as they are: the scan's,
   * once the one going (or one started now, after an edit) is done.
   */
  private _detectedFiles(): Promise<string[]> {
    if (this._edited) {
      this._scan();
    }
    return this._scanned?.promise ?? Promise.resolve(this._detected);
  }

  private _set(state: DataVerifyState, rows: IDataRow[], detail: string): void {
    this._state = state;
    this._rows = rows;
    this._detail = detail;
    this._changed.emit();
  }

  private _options: DataModel.IOptions;
  private _changed = new Signal<this, void>(this);
  private _rows: IDataRow[] = [];
  private _recorded = false;
  private _state: DataVerifyState = 'idle';
  private _detail = '';
  private _secrets: ISecretFinding[] = [];
  private _paths: IAbsolutePathFinding[] = [];
  private _unscanned: IUnscannedLines = { count: 0, cells: [] };
  private _detected: string[] = [];
  /**
   * The scan going, and its data files once done.
   */
  private _scanRun: ISlicedRun | null = null;
  private _scanned: PromiseDelegate<string[]> | null = null;
  /**
   * Whether the cells changed since the last scan started.
   */
  private _edited = false;
  private _manifest = '';
  private _kernelKey: string | null = null;
  private _late: string | null = null;
  private _stopped = false;
  private _progress: { files: number; total: number } | null = null;
  private _token = 0;
  private _started = false;
  private _disposed = false;
  private _delay: number;
  private _timer: ReturnType<typeof setTimeout> | null = null;
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
     * The Python parser cells are read with, asked for once the model
     * {@link DataModel.start}s.
     */
    parser: () => PythonParser;
    /**
     * The notebook model (metadata and change signals).
     */
    source: IDataSource;
    /**
     * The notebook's cells with their outputs, as in the file.
     */
    cells: () => ICellWithOutputs[];
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
     * The notebook's directory as the kernel sees it, when known.
     */
    directory: () => string | undefined;
    /**
     * Where data files may be read (the server's root, the notebook's
     * path) and the bounds; without it, or without a root, nothing is
     * read and the files show as not checked.
     */
    scope?: () => IHashScope | null;
    /**
     * How long edits must pause before the cells are scanned again, in
     * milliseconds; 1000 by default.
     */
    delay?: number;
    /**
     * How long one slice of the cell scan may run, in milliseconds;
     * without it, the scan runs at once.
     */
    sliceBudget?: number;
  }
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * The rows for what the kernel found: the comparison with the manifest,
   * with files not read by rule shown as such (a recorded one is not
   * "missing" because it was not looked at), recorded ones first.
   */
  export function rows(
    entries: readonly IDataManifestEntry[],
    paths: readonly string[],
    files: ReadonlyMap<string, FileHashResult>
  ): IDataRow[] {
    // Keyed by strangers' paths: Maps, so `__proto__` is a path like any other.
    const current: (IFileDigest & { path: string })[] = [];
    const errors = new Map<string, string>();
    const skipped = new Map<string, IDataRow>();
    for (const path of paths) {
      const result = files.get(path);
      const key = normalizeDataPath(path);
      if (isFileDigest(result)) {
        current.push({ path, sha256: result.sha256, size: result.size });
      } else if (result && isHashError(result)) {
        errors.set(key, result.error);
      } else if (result && isHashSkip(result) && !skipped.has(key)) {
        const row: IDataRow = { path: key, status: 'not-checked', stored: null, current: null, reason: result.code };
        if (result.resolved !== undefined) {
          row.resolved = result.resolved;
        }
        if (result.size !== undefined) {
          row.size = result.size;
        }
        skipped.set(key, row);
      }
    }
    const compared = compareManifest(entries, current).map((row): IDataRow => {
      const skip = row.status === 'missing' ? skipped.get(row.path) : undefined;
      if (skip) {
        skipped.delete(row.path);
        return { ...skip, stored: row.stored };
      }
      const error = errors.get(row.path);
      return error !== undefined && row.status === 'missing' ? { ...row, error } : row;
    });
    // Recorded files in stored order, then the others in the notebook's.
    const out = compared.filter(row => row.stored !== null);
    const others = new Map<string, IDataRow>([
      ...compared.filter(row => row.stored === null).map((row): [string, IDataRow] => [row.path, row]),
      ...skipped
    ]);
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
