// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type { IMapChange } from '@jupyter/ydoc';
import { ISignal, Signal } from '@lumino/signaling';
import { PromiseDelegate } from '@lumino/coreutils';
import type { IDeclaredDependencies } from '../core/packages/declaredDependencies';
import type { ExecutionMonitor } from './execution';
import { loadAnalyses, loadedAnalyses } from './loadAnalyses';
import { INotebookSource, readCells } from './source';
import { SessionPart } from './part';
import { ChangeTimer } from './slices';

/**
 * The notebook metadata keys other tools declare dependencies in.
 */
export const DECLARED_KEYS = [
  'uv.lock',
  'requirements',
  'requirements_lock'
] as const;

/**
 * Keeps what other tools declare in a notebook (a PEP 723 cell, `uv.lock`,
 * jupyterlab-requirements' Pipfile and lock) up to date from the live model:
 * re-read at once when one of their metadata keys changes, and when editing
 * pauses after the cells changed (never per keystroke). Emits `changed` only
 * when what is declared changed. The readers are among the analyses loaded
 * after startup (./loadAnalyses): before they are, nothing is read.
 */
export class DeclaredTracker extends SessionPart {
  /**
   * Create a tracker reading a notebook model.
   *
   * @param source - the notebook model.
   * @param delay - how long edits must pause before the cells are read
   *   again, in milliseconds.
   * @param changes - which code cells' sources changed (the execution
   *   monitor's tracker, following sources only; the tracker owns it): the
   *   cells are read again after a pause only if any did, or the list
   *   changed. A block is only read in a code cell; outputs and counts,
   *   which change the notebook all along a run, change nothing here.
   */
  constructor(
    source: INotebookSource,
    delay = 300,
    changes?: ExecutionMonitor.IChangeTracker
  ) {
    super();
    this._source = source;
    this._changes = changes ?? null;
    if (this._changes) {
      this.own(this._changes);
    }
    this._reread = this.own(new ChangeTimer(() => this._onPause(), delay));
    source.metadataChanged.connect(this._onMetadataChanged, this);
    source.contentChanged?.connect(this._onContentChanged, this);
    this.refresh();
  }

  /**
   * One entry per source found, in the order `readDeclared` gives.
   */
  get sources(): readonly IDeclaredDependencies[] {
    return this._sources;
  }

  /**
   * Every declared distribution name, for the kernel probe to ask about.
   */
  get names(): string[] {
    return [
      ...new Set(
        this._sources.flatMap(source => source.dependencies.map(d => d.name))
      )
    ];
  }

  /**
   * Emitted when what is declared changed.
   */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /**
   * Resolves once the notebook was read with the readers (or they could
   * not be loaded): what it declares is known from then on.
   */
  get read(): Promise<void> {
    return this._read.promise;
  }

  /**
   * Whether {@link read} has resolved.
   */
  get isRead(): boolean {
    return this._isRead;
  }

  /**
   * Read the notebook now that it has loaded, once the readers are.
   */
  start(): void {
    void loadAnalyses().then(
      () => this.refresh(),
      () => this._setRead()
    );
  }

  /**
   * Read the notebook now (nothing before the readers are loaded).
   */
  refresh(): void {
    const code = loadedAnalyses();
    if (this.isDisposed || !code) {
      return;
    }
    this._reread.stop();
    // Every cell is read now: changes so far are in.
    this._changes?.take();
    const metadata: Record<string, unknown> = {};
    for (const key of DECLARED_KEYS) {
      const value = this._source.getMetadata(key);
      if (value !== undefined) {
        metadata[key] = value;
      }
    }
    const sources = code.readDeclared(readCells(this._source), metadata);
    const key = JSON.stringify(sources);
    if (key !== this._key) {
      this._key = key;
      this._sources = sources;
      this._changed.emit();
    }
    this._setRead();
  }

  /**
   * Release what the part holds when it is disposed.
   */
  protected onDispose(): void {
    this._setRead();
  }

  private _setRead(): void {
    if (!this._isRead) {
      this._isRead = true;
      this._read.resolve();
    }
  }

  private _onMetadataChanged(_: unknown, change: IMapChange): void {
    if ((DECLARED_KEYS as readonly string[]).includes(change.key)) {
      this.refresh();
    }
  }

  private _onPause(): void {
    if (this._changes === null || this._changes.hasChanges) {
      this.refresh();
    }
  }

  private _onContentChanged(): void {
    if (!this.isDisposed) {
      this._reread.touch();
    }
  }

  private _source: INotebookSource;
  private _reread: ChangeTimer;
  private _changes: ExecutionMonitor.IChangeTracker | null;
  private _sources: IDeclaredDependencies[] = [];
  private _key = '[]';
  private _read = new PromiseDelegate<void>();
  private _isRead = false;
  private _changed = new Signal<this, void>(this);
}
