// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { DisposableSet, IDisposable } from '@lumino/disposable';
import { Signal } from '@lumino/signaling';
import { Analyses, withAnalyses } from './loadAnalyses';

/**
 * What every part of a notebook session shares: it can be disposed once,
 * its signal connections end with it, and what it owns (timers, runs) is
 * disposed with it.
 *
 * A part connects its slots with itself as `thisArg`, so `Signal.clearData`
 * ends them all at once: no part keeps a list of what to disconnect.
 */
export abstract class SessionPart implements IDisposable {
  /**
   * Whether the part has been disposed.
   */
  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /**
   * Stop the part: what it owns is disposed, its connections end, and
   * `onDispose` lets it release what it holds.
   */
  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this._owned.dispose();
    this.onDispose();
    Signal.clearData(this);
  }

  /**
   * The analyses loaded after startup (./loadAnalyses), once the part
   * started with them; `null` before.
   */
  protected get analyses(): Analyses | null {
    return this._analyses;
  }

  /**
   * Start a part that reads with the analyses loaded after startup: `start`
   * runs at once when they are loaded (a notebook opened after the first),
   * else once they are, unless the part was disposed meanwhile. Until then
   * the part stays as before its start.
   */
  protected startWithAnalyses(start: () => void): void {
    withAnalyses(code => {
      if (!this._isDisposed) {
        this._analyses = code;
        start();
      }
    });
  }

  /**
   * Dispose of `item` when the part is disposed.
   */
  protected own<T extends IDisposable>(item: T): T {
    this._owned.add(item);
    return item;
  }

  /**
   * Release what the part holds beyond its owned items and connections.
   */
  protected onDispose(): void {
    // Nothing by default.
  }

  private _isDisposed = false;
  private _analyses: Analyses | null = null;
  private _owned = new DisposableSet();
}
