// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { ISignal, Signal } from '@lumino/signaling';
import type { IVerifyResult } from '../core/execution/compareOutputs';
import { SessionPart } from './part';

/**
 * The last verification of a notebook in a fresh kernel, kept for the
 * header: whether one runs now, and the result of the last one that
 * finished. Holds no DOM and runs nothing itself: the verify command
 * tells it when a run starts and what it found.
 */
export class VerificationModel extends SessionPart {
  /**
   * The result of the last verification that finished, or `null`.
   */
  get result(): IVerifyResult | null {
    return this._result;
  }

  /**
   * Whether a verification runs now.
   */
  get running(): boolean {
    return this._running > 0;
  }

  /**
   * Emitted when a run starts or ends.
   */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /**
   * A verification starts.
   */
  begin(): void {
    if (this.isDisposed) {
      return;
    }
    this._running++;
    this._changed.emit();
  }

  /**
   * A verification ended: keep its result, or, when it gave none (it
   * threw), the one before.
   */
  finish(result: IVerifyResult | null): void {
    if (this.isDisposed) {
      return;
    }
    this._running = Math.max(0, this._running - 1);
    if (result) {
      this._result = result;
    }
    this._changed.emit();
  }

  /**
   * Forget the last result (when the session is disposed).
   */
  protected onDispose(): void {
    this._result = null;
  }

  private _result: IVerifyResult | null = null;
  private _running = 0;
  private _changed = new Signal<this, void>(this);
}
