// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { ISignal, Signal } from '@lumino/signaling';
import { EXTENSION_KEY } from '../core/extension/metadata';
import type { IEnvironmentReport } from '../core/kernel/environmentRequest';
import type {
  IEnvironmentDrift,
  ISnapshotRead
} from '../core/packages/environment';
import type { EnvironmentOutcome } from '../kernel/environment';
import type { IHashKernel } from '../kernel/hashFiles';
import type { IDataProbe, IDataSource } from './data';
import type { Analyses } from './loadAnalyses';
import { SessionPart } from './part';

/**
 * Where the comparison with the published environment stands.
 *
 * - `none`: the notebook stores no environment snapshot;
 * - `waiting`: no ready Python kernel yet;
 * - `asking`: the kernel is listing its environment;
 * - `done`: compared ({@link EnvironmentModel.drift});
 * - `failed`: the kernel could not list it ({@link EnvironmentModel.failure}).
 */
export type EnvironmentDriftState =
  'none' | 'waiting' | 'asking' | 'done' | 'failed';

/**
 * The kernel's whole environment against the snapshot the notebook was
 * published with. One silent request per kernel session (as the package
 * probe), sent once the probe finds a ready Python kernel and the
 * notebook stores a snapshot; a restart or another kernel asks again. The
 * comparison is redone, without asking the kernel, when the snapshot or
 * the imports change. No DOM.
 */
export class EnvironmentModel extends SessionPart {
  /**
   * Create the model.
   */
  constructor(options: EnvironmentModel.IOptions) {
    super();
    this._options = options;
    options.source.metadataChanged.connect(this._onMetadata, this);
    options.probe.stateChanged.connect(this._update, this);
    options.importsChanged.connect(this._update, this);
  }

  /**
   * Emitted when the state or the drift changes.
   */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /**
   * Where it stands.
   */
  get state(): EnvironmentDriftState {
    return this._state;
  }

  /**
   * The comparison, once done; `null` otherwise.
   */
  get drift(): IEnvironmentDrift | null {
    return this._state === 'done' ? this._drift : null;
  }

  /**
   * Why the kernel could not list its environment (state `failed`).
   */
  get failure(): Exclude<EnvironmentOutcome, { ok: true }> | null {
    return this._failure;
  }

  /**
   * Start once the notebook has loaded (and the analyses are: see
   * ./loadAnalyses).
   */
  start(): void {
    this.startWithAnalyses(() => this._update());
  }

  /**
   * Forget what the kernel said and ask again (after `%pip install`).
   */
  refresh(): void {
    this._report = null;
    this._update();
  }

  private _onMetadata(_: unknown, change: { key: string }): void {
    if (change.key === EXTENSION_KEY) {
      this._update();
    }
  }

  /**
   * Ask the kernel when there is a snapshot and no answer for this kernel
   * session yet; else compare what is known.
   */
  private _update(): void {
    const code = this.analyses;
    if (!code || this.isDisposed) {
      return;
    }
    const read = this._snapshot(code);
    if (!read) {
      return;
    }
    const key = this._options.kernelKey();
    if (this._report && this._report.key === key) {
      this._compare(code, read);
      return;
    }
    const kernel =
      this._options.probe.state === 'ready' ? this._options.kernel() : null;
    if (!kernel) {
      this._set('waiting');
      return;
    }
    if (this._asking === key) {
      return;
    }
    this._asking = key;
    this._set('asking');
    void code.askEnvironment(kernel, this._options.timeout()).then(outcome => {
      if (this.isDisposed || this._asking !== key) {
        return;
      }
      this._asking = null;
      if (outcome.ok) {
        this._report = { key, report: outcome.report };
        this._failure = null;
        // The metadata may have changed while the kernel answered.
        const now = this._snapshot(code);
        if (now) {
          this._compare(code, now);
        }
      } else {
        this._failure = outcome;
        this._set('failed');
      }
    });
  }

  /**
   * The stored snapshot as read; `null` (state `none`) when there is none.
   */
  private _snapshot(code: Analyses): ISnapshotRead | null {
    const read = code.readEnvironmentSnapshot(
      this._options.source.getMetadata(EXTENSION_KEY)
    );
    if (!read.snapshot) {
      this._set('none');
      return null;
    }
    return read;
  }

  /**
   * Compare the kernel's answer for this kernel session with the snapshot.
   */
  private _compare(code: Analyses, read: ISnapshotRead): void {
    if (
      this.isDisposed ||
      !this._report ||
      this._report.key !== this._options.kernelKey()
    ) {
      return;
    }
    this._drift = code.compareEnvironment(
      read,
      this._report.report,
      this._options.imported()
    );
    this._set('done', true);
  }

  private _set(state: EnvironmentDriftState, force = false): void {
    if (state !== this._state || force) {
      this._state = state;
      this._changed.emit();
    }
  }

  private _options: EnvironmentModel.IOptions;
  private _state: EnvironmentDriftState = 'none';
  private _drift: IEnvironmentDrift | null = null;
  private _failure: Exclude<EnvironmentOutcome, { ok: true }> | null = null;
  private _report: { key: string | null; report: IEnvironmentReport } | null =
    null;
  private _asking: string | null | undefined = undefined;
  private _changed = new Signal<this, void>(this);
}

/**
 * A namespace for `EnvironmentModel` statics.
 */
export namespace EnvironmentModel {
  /**
   * Options to create the model.
   */
  export interface IOptions {
    /**
     * The notebook model, whose extension metadata holds the snapshot.
     */
    source: IDataSource;
    /**
     * The package probe: the request is sent once it finds a ready Python
     * kernel.
     */
    probe: IDataProbe;
    /**
     * The notebook's kernel.
     */
    kernel: () => IHashKernel | null;
    /**
     * The current kernel session (kernel id and restarts): one request
     * each.
     */
    kernelKey: () => string | null;
    /**
     * The distributions the notebook imports (PEP 503 names or not).
     */
    imported: () => readonly string[];
    /**
     * Emitted when {@link imported} may have changed.
     */
    importsChanged: ISignal<any, unknown>;
    /**
     * How long to wait for the kernel, in milliseconds.
     */
    timeout: () => number;
  }
}
