// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type { IDisposable } from '@lumino/disposable';
import type { Steps } from '../core/common/steps';

/**
 * A job running in slices. Disposing of it cancels it: no further step
 * runs and its callback is never called. It is also disposed once done.
 */
export interface ISlicedRun extends IDisposable {
  /**
   * Whether the job finished (its callback was called).
   */
  readonly isDone: boolean;
}

/**
 * Run a job on the main thread in short slices, so that the page stays
 * responsive while a large notebook is read: steps run one after the other
 * until the slice has taken `budget` milliseconds, then the rest waits for
 * a later task (`setTimeout(0)`: the browser paints and handles input in
 * between). The first slice runs at once, so a small job is done, and its
 * callback called, before this returns, as if it were not sliced.
 *
 * One step is never cut: a slice lasts at most `budget` plus one step.
 *
 * @param steps - the job.
 * @param done - called with the job's result, unless the run was cancelled.
 * @param options - the budget of a slice, and the clock (for tests).
 * @returns the run, to cancel it.
 */
export function runInSlices<T>(
  steps: Steps<T>,
  done: (result: T) => void,
  options: runInSlices.IOptions = {}
): ISlicedRun {
  const budget = options.budget ?? runInSlices.DEFAULT_BUDGET;
  const now = options.now ?? (() => performance.now());
  let timer: ReturnType<typeof setTimeout> | null = null;
  const run = {
    isDone: false,
    isDisposed: false,
    dispose(): void {
      run.isDisposed = true;
      if (timer !== null) {
        clearTimeout(timer);
        timer = null;
      }
    }
  };
  const slice = (): void => {
    timer = null;
    const end = now() + budget;
    for (;;) {
      let step: IteratorResult<void, T>;
      try {
        step = steps.next();
      } catch (error) {
        // A failed job is over too: nothing waits for a step that never comes.
        run.dispose();
        throw error;
      }
      if (step.done) {
        run.isDone = true;
        run.dispose();
        done(step.value);
        return;
      }
      if (now() >= end) {
        timer = setTimeout(slice, 0);
        return;
      }
    }
  };
  slice();
  return run;
}

/**
 * A namespace for {@link runInSlices} statics.
 */
export namespace runInSlices {
  /**
   * Options of a sliced run.
   */
  export interface IOptions {
    /**
     * How long a slice may run, in milliseconds.
     */
    budget?: number;
    /**
     * The clock, in milliseconds; `performance.now` by default.
     */
    now?: () => number;
  }

  /**
   * The default budget of a slice, in milliseconds: well under the 50 ms
   * after which the browser calls a task long.
   */
  export const DEFAULT_BUDGET = 10;
}

/**
 * Run `callback` when the page is idle (within 2 s at the latest), or in a
 * later task where the browser cannot say: work that can wait lets the
 * notebook and its header paint first.
 */
export function whenIdle(callback: () => void): void {
  if (typeof requestIdleCallback === 'function') {
    requestIdleCallback(() => callback(), { timeout: 2000 });
  } else {
    setTimeout(callback, 0);
  }
}

/**
 * Run `callback` in a task after the page's next frame (within 1 s at the
 * latest, or at once in a later task when the page is hidden and draws no
 * frames): work that can wait a frame lets what a notebook shows first
 * (its cells, the header's first line) reach the screen before it.
 */
export function afterNextFrame(callback: () => void): void {
  let called = false;
  let fallback: ReturnType<typeof setTimeout> | null = null;
  const call = (): void => {
    if (!called) {
      called = true;
      if (fallback !== null) {
        clearTimeout(fallback);
      }
      callback();
    }
  };
  if (
    typeof requestAnimationFrame !== 'function' ||
    (typeof document !== 'undefined' && document.visibilityState === 'hidden')
  ) {
    setTimeout(call, 0);
    return;
  }
  // A frame callback runs before the frame is drawn: go on in the task after.
  fallback = setTimeout(call, afterNextFrame.FALLBACK);
  requestAnimationFrame(() => setTimeout(call, 0));
}

/**
 * A namespace for {@link afterNextFrame} statics.
 */
export namespace afterNextFrame {
  /**
   * How long to wait for a frame at most, in milliseconds (a page that
   * stops drawing, such as a tab put in the background, draws none).
   */
  export const FALLBACK = 1000;
}

/**
 * Calls a function after changes, for signals that fire for every output
 * and count of a run: {@link touch} costs a clock read at most (lumino's
 * `Debouncer` and `Throttler` reschedule a poll, with its promises and
 * timer, on every call: most of what a long "run all" cost).
 *
 * - `pause`: once no change came for `delay` milliseconds (a debounce);
 * - `batch`: `delay` milliseconds after the first change of a batch, then
 *   again after the next change (a trailing throttle).
 */
export class ChangeTimer implements IDisposable {
  /**
   * Create a timer; nothing is scheduled before the first change.
   *
   * @param callback - what to call.
   * @param delay - the pause or batch length, in milliseconds.
   * @param mode - `pause` (default) or `batch`.
   */
  constructor(
    callback: () => void,
    delay: number,
    mode: 'pause' | 'batch' = 'pause'
  ) {
    this._callback = callback;
    this._delay = Math.max(0, delay);
    this._pause = mode === 'pause';
  }

  /**
   * Whether a call is scheduled.
   */
  get isPending(): boolean {
    return this._timer !== null;
  }

  /**
   * Whether the timer is disposed.
   */
  get isDisposed(): boolean {
    return this._disposed;
  }

  /**
   * Something changed: call back after the pause or at the end of the batch.
   */
  touch(): void {
    if (this._disposed) {
      return;
    }
    if (this._pause) {
      this._changedAt = Date.now();
    }
    if (this._timer === null) {
      this._wait(this._delay);
    }
  }

  /**
   * Cancel the scheduled call, if any.
   */
  stop(): void {
    if (this._timer !== null) {
      clearTimeout(this._timer);
      this._timer = null;
    }
  }

  /**
   * Cancel the scheduled call for good.
   */
  dispose(): void {
    this._disposed = true;
    this.stop();
  }

  /**
   * Call back in `wait` ms, or (pausing) wait for the rest of the pause if
   * a change came meanwhile: one timer per pause, not one per change.
   */
  private _wait(wait: number): void {
    this._timer = setTimeout(() => {
      this._timer = null;
      const left = this._pause ? this._changedAt + this._delay - Date.now() : 0;
      if (left > 0) {
        this._wait(left);
      } else {
        this._callback();
      }
    }, wait);
  }

  private _callback: () => void;
  private _delay: number;
  private _pause: boolean;
  private _changedAt = 0;
  private _timer: ReturnType<typeof setTimeout> | null = null;
  private _disposed = false;
}
