// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { ISignal, Signal } from '@lumino/signaling';
import type {
  IVerifiedCell,
  IVerifyResult
} from '../core/execution/compareOutputs';
import type { IRunCell } from '../core/execution/keepOutputs';
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
   * The cells of the last result that did not reproduce, in notebook
   * order, as the verification listed them.
   */
  get unreproduced(): readonly IVerifiedCell[] {
    return this._unreproduced;
  }

  /**
   * The code cells the last finished verification ran, with their stored
   * and new outputs, in order (for the side-by-side view and "Keep new
   * outputs").
   */
  get run(): readonly IRunCell[] {
    return this._run;
  }

  /**
   * Whether the last verification's new outputs were kept in the
   * notebook.
   */
  get kept(): boolean {
    return this._kept;
  }

  /**
   * The cell of the last verification at a notebook index, or `null`.
   */
  ranCell(index: number): IRunCell | null {
    return this._run.find(cell => cell.index === index) ?? null;
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
   * A verification ended: keep its result and the cells it ran, or,
   * when it gave none (it threw), the ones before.
   */
  finish(
    result: IVerifyResult | null,
    run: readonly IRunCell[] = [],
    unreproduced: readonly IVerifiedCell[] = []
  ): void {
    if (this.isDisposed) {
      return;
    }
    this._running = Math.max(0, this._running - 1);
    if (result) {
      this._result = result;
      this._run = run;
      this._unreproduced = unreproduced;
      this._kept = false;
    }
    this._changed.emit();
  }

  /**
   * The last verification's new outputs were kept in the notebook.
   */
  markKept(): void {
    if (this.isDisposed || this._kept) {
      return;
    }
    this._kept = true;
    this._changed.emit();
  }

  /**
   * Forget the last result (when the session is disposed).
   */
  protected onDispose(): void {
    this._result = null;
    this._run = [];
    this._unreproduced = [];
  }

  private _result: IVerifyResult | null = null;
  private _run: readonly IRunCell[] = [];
  private _unreproduced: readonly IVerifiedCell[] = [];
  private _kept = false;
  private _running = 0;
  private _changed = new Signal<this, void>(this);
}
