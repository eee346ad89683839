// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { Debouncer } from '@lumino/polling';
import type { Steps } from '../core/common/steps';
import { SessionPart } from './part';
import { ISlicedRun, runInSlices } from './slices';

/**
 * A session part that reads the whole notebook: once it is started, then
 * again when changes pause, in slices. A run still going when the next
 * starts is abandoned (it read cells since changed).
 */
export abstract class ScanPart<T> extends SessionPart {
  /**
   * Create the part; it reads nothing before {@link start}.
   *
   * @param options - how long changes pause, and how long a slice runs.
   */
  constructor(options: ScanPart.IOptions) {
    super();
    this._budget = options.sliceBudget ?? Infinity;
    this._rescan = this.own(new Debouncer(() => this._scan(), options.delay));
  }

  /**
   * Read the notebook now (once it has loaded), and again after changes.
   */
  start(): void {
    this._started = true;
    this._scan();
  }

  /**
   * The reading, in steps (a cell each).
   */
  protected abstract steps(): Steps<T>;

  /**
   * A reading is done.
   */
  protected abstract done(result: T): void;

  /**
   * Something changed: read again when changes pause (once started).
   */
  protected rescanLater(): void {
    if (this._started && !this.isDisposed) {
      void this._rescan.invoke();
    }
  }

  /**
   * Release what the part holds when it is disposed.
   */
  protected onDispose(): void {
    this._run?.dispose();
  }

  /**
   * Read the notebook as it is, in slices, the first one now.
   */
  private _scan(): void {
    if (this.isDisposed) {
      return;
    }
    void this._rescan.stop();
    this._run?.dispose();
    this._run = runInSlices(this.steps(), result => this.done(result), {
      budget: this._budget
    });
  }

  private _budget: number;
  private _rescan: Debouncer;
  private _run: ISlicedRun | null = null;
  private _started = false;
}

/**
 * A namespace for `ScanPart` statics.
 */
export namespace ScanPart {
  /**
   * Options of a scanning part.
   */
  export interface IOptions {
    /**
     * How long changes must pause before the notebook is read again, in
     * milliseconds.
     */
    delay: number;
    /**
     * How long one slice may run, in milliseconds; without it, the
     * reading runs at once.
     */
    sliceBudget?: number;
  }
}
