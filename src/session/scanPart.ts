// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type { Steps } from '../core/common/steps';
import type { Analyses } from './loadAnalyses';
import { SessionPart } from './part';
import { ChangeTimer, ISlicedRun, runInSlices } from './slices';

/**
 * A session part that reads the whole notebook: once it is started, then
 * again when changes pause, in slices. A run still going when the next
 * starts is abandoned (it read cells since changed). It reads with the
 * analyses loaded after startup (./loadAnalyses): the first reading waits
 * for them, and changes before it are read by it.
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
    this._later = new ChangeTimer(() => this._scan(), options.delay);
  }

  /**
   * Read the notebook now (once it has loaded and the analyses are), and
   * again after changes.
   */
  start(): void {
    this.startWithAnalyses(() => this._scan());
  }

  /**
   * Read the notebook now if it changed since the last reading began
   * (the pause not over yet, or a reading under way), and resolve once a
   * reading of the notebook as it is now is done: at once when none is
   * due, before the first reading is started, when the reading fails at
   * once, and once disposed. A reading abandoned for a newer one (the
   * notebook changed again) is waited past: callers bound the wait.
   */
  settle(): Promise<void> {
    if (!this.analyses || this.isDisposed) {
      return Promise.resolve();
    }
    if (this._later.isPending) {
      try {
        this._scan();
      } catch (error) {
        // A reading that fails says so where readings run; the one
        // waiting here goes on with the last report.
        console.error(error);
        return Promise.resolve();
      }
    }
    // Done, or failed (a failed run is disposed without being done).
    if (this._run === null || this._run.isDone || this._run.isDisposed) {
      return Promise.resolve();
    }
    return new Promise(resolve => this._settled.push(resolve));
  }

  /**
   * The reading, in steps (a cell each), with the analyses.
   */
  protected abstract steps(code: Analyses): Steps<T>;

  /**
   * A reading is done.
   */
  protected abstract done(result: T): void;

  /**
   * Something changed: read again when changes pause (once started).
   */
  protected rescanLater(): void {
    if (this.analyses && !this.isDisposed) {
      // A long run changes the notebook for every output: a clock read each.
      this._later.touch();
    }
  }

  /**
   * Release what the part holds when it is disposed.
   */
  protected onDispose(): void {
    this._later.dispose();
    this._run?.dispose();
    this._resolveSettled();
  }

  /**
   * Read the notebook as it is, in slices, the first one now.
   */
  private _scan(): void {
    if (this.isDisposed) {
      return;
    }
    this._later.stop();
    this._run?.dispose();
    this._run = runInSlices(
      this.steps(this.analyses!),
      result => {
        this.done(result);
        this._resolveSettled();
      },
      {
        budget: this._budget
      }
    );
  }

  /**
   * Resolve those waiting in {@link settle}.
   */
  private _resolveSettled(): void {
    const waiting = this._settled;
    this._settled = [];
    waiting.forEach(resolve => resolve());
  }

  private _budget: number;
  private _later: ChangeTimer;
  private _run: ISlicedRun | null = null;
  private _settled: (() => void)[] = [];
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
