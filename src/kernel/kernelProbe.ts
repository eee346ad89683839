// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type { Kernel, KernelMessage } from '@jupyterlab/services';
import type { IDisposable } from '@lumino/disposable';
import { Debouncer } from '@lumino/polling';
import { ISignal, Signal } from '@lumino/signaling';
import { isPythonLanguage, kernelLanguage } from '../core/kernel/language';
import type {
  ILiveEnvironment,
  IProbeQuery,
  ProbeResult
} from '../core/kernel/probeRequest';
import { probeFailureText } from '../components/messages/kernel';

/**
 * The pending reply of one request sent to a kernel (an `IShellFuture`).
 */
export interface IProbeFuture {
  /**
   * Resolves with the `execute_reply` message.
   */
  readonly done: Promise<{ readonly content: unknown }>;
  /**
   * Stop listening for the reply.
   */
  dispose(): void;
}

/**
 * The part of a kernel connection a probe uses (`Kernel.IKernelConnection`
 * fits).
 */
export interface IProbeKernel {
  /**
   * The kernel id; a restart keeps it.
   */
  readonly id: string;
  /**
   * The current execution status.
   */
  readonly status: Kernel.Status;
  /**
   * Whether the connection to the kernel is up.
   */
  readonly connectionStatus: Kernel.ConnectionStatus;
  /**
   * The kernel's `kernel_info_reply` content.
   */
  readonly info: Promise<{ readonly language_info: { readonly name: string } }>;
  /**
   * Send an `execute_request`.
   */
  requestExecute(
    content: KernelMessage.IExecuteRequestMsg['content'],
    disposeOnDone?: boolean
  ): IProbeFuture;
}

/**
 * The part of a notebook's session context a probe uses (`ISessionContext`
 * fits, e.g. `NotebookPanel.sessionContext`).
 */
export interface IProbeSessionContext {
  /**
   * The session, if there is one, and its kernel.
   */
  readonly session: { readonly kernel: IProbeKernel | null } | null;
  /**
   * Emitted when the session's kernel changes (the new kernel is then
   * `session.kernel`).
   */
  readonly kernelChanged: ISignal<any, unknown>;
  /**
   * Emitted when the kernel's status changes, restarts included.
   */
  readonly statusChanged: ISignal<any, Kernel.Status>;
}

/**
 * Something that translates messages (`TranslationBundle` fits).
 */
export interface IProbeTranslator {
  /**
   * Translate a message, replacing `%1`, `%2`, ... by the arguments.
   */
  __(msgid: string, ...args: any[]): string;
}

/**
 * Asks one notebook's kernel which environment it runs in, and keeps the
 * answer for the kernel session.
 *
 * A probe is one silent `execute_request` (see `probeRequest`): it does not
 * change execution counts, history, `_` or the user's names. The probe
 * runs when the kernel is ready, again after a restart or a kernel change,
 * on `refresh()`, and after `requestRefresh()` (debounced). At most one
 * request is in flight; a request that outlives the timeout while the
 * kernel is busy leaves the probe in the `busy` state and it waits again
 * once the kernel is idle (a late answer is still taken). A kernel still
 * said to be `starting` after the timeout while its connection is up is
 * probed anyway: JupyterLab can miss a restarted kernel's first "idle" and
 * keep reporting it as starting. Holds no DOM and never throws: every
 * failure is a state with a readable message.
 */
export class KernelProbe implements IDisposable {
  /**
   * Create a probe for a notebook's session context and start watching
   * its kernel. Create it once the notebook's content is loaded, since
   * the first probe asks `query()` at once when a kernel is ready.
   */
  constructor(options: KernelProbe.IOptions) {
    this._context = options.sessionContext;
    this._query = options.query;
    this._queryReady = options.queryReady ?? null;
    this._timeout = Private.positive(
      options.timeout,
      KernelProbe.DEFAULT_TIMEOUT
    );
    this._refreshLater = new Debouncer(
      () => this._probe(),
      Math.max(0, options.debounce ?? KernelProbe.DEFAULT_DEBOUNCE)
    );
    this._trans = options.trans ?? Private.nullTrans;
    this._context.kernelChanged.connect(this._onKernelChanged, this);
    this._context.statusChanged.connect(this._onStatusChanged, this);
    this._kernel = this._context.session?.kernel ?? null;
    this._probe();
  }

  /**
   * Emitted whenever the state, its message or the environment changes.
   */
  get stateChanged(): ISignal<this, KernelProbe.ISnapshot> {
    return this._stateChanged;
  }

  /**
   * Where the probe stands.
   */
  get state(): KernelProbe.State {
    return this._state;
  }

  /**
   * A sentence for the user about the state (`""` when `ready`).
   */
  get message(): string {
    return this._message;
  }

  /**
   * The environment of the current kernel session, or `null` before the
   * first answer and after a restart or kernel change. Kept while a
   * refresh is in flight or the kernel is busy.
   */
  get environment(): ILiveEnvironment | null {
    return this._environment;
  }

  /**
   * The state, message and environment together.
   */
  get snapshot(): KernelProbe.ISnapshot {
    return {
      state: this._state,
      message: this._message,
      environment: this._environment
    };
  }

  /**
   * How long to wait for an answer, in milliseconds (from the settings);
   * applies to the next request.
   */
  get timeout(): number {
    return this._timeout;
  }
  set timeout(value: number) {
    this._timeout = Private.positive(value, this._timeout);
  }

  /**
   * Whether the probe is disposed.
   */
  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /**
   * Probe now, e.g. for the refresh command. If a probe is in flight,
   * another follows it (the query may have changed). Without a usable
   * Python kernel this does nothing.
   *
   * @returns a promise that resolves, never rejects, once the probe has
   *   settled (any state but `probing`).
   */
  refresh(): Promise<void> {
    void this._refreshLater.stop();
    this._retries = 0;
    this._probe();
    return this._whenSettled();
  }

  /**
   * Probe after a short delay, restarting the delay on every call: for "a
   * cell whose imports changed has run".
   */
  requestRefresh(): void {
    if (this._isDisposed) {
      return;
    }
    void this._refreshLater.invoke();
  }

  /**
   * Stop watching the kernel. No probe is sent afterwards, and an answer
   * still on its way is ignored.
   */
  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this._context.kernelChanged.disconnect(this._onKernelChanged, this);
    this._context.statusChanged.disconnect(this._onStatusChanged, this);
    this._refreshLater.dispose();
    this._clearStart();
    this._abandon();
    this._flushSettled();
    Signal.clearData(this);
  }

  /**
   * Follow the session context to a new kernel (or none).
   */
  private _onKernelChanged(): void {
    if (this._isDisposed) {
      return;
    }
    this._kernel = this._context.session?.kernel ?? null;
    this._invalidate();
    this._language = null;
    this._probe();
  }

  /**
   * Follow the kernel's status: restarts invalidate, idle is when to probe.
   */
  private _onStatusChanged(_: unknown, status: Kernel.Status): void {
    if (this._isDisposed) {
      return;
    }
    const kernel = this._context.session?.kernel ?? null;
    if (kernel !== this._kernel) {
      this._onKernelChanged();
      return;
    }
    if (!kernel) {
      if (status === 'starting') {
        this._set('starting', Private.waiting(this._trans));
      } else {
        this._set('no-kernel', Private.noKernel(this._trans));
      }
      return;
    }
    switch (status) {
      case 'restarting':
      case 'autorestarting':
        this._invalidate();
        this._probeWhenIdle = true;
        this._set('starting', this._trans.__('The kernel is restarting.'));
        break;
      case 'starting':
        if (!this._attempt && !this._environment) {
          this._probeWhenIdle = true;
          this._set('starting', Private.waiting(this._trans));
          this._armStart(kernel);
        }
        break;
      case 'dead':
      case 'terminating':
        this._invalidate();
        this._setDead(status);
        break;
      case 'idle':
        this._onIdle();
        break;
      case 'unknown':
        // A passing reconnection, except that after an autorestart
        // JupyterLab can stay at "unknown" on a live connection: look
        // again after the timeout, as for "starting".
        if (this._state === 'starting' && !this._attempt) {
          this._armStart(kernel);
        }
        break;
      default:
        // 'busy' changes nothing.
        break;
    }
  }

  /**
   * The kernel is idle: wait again for an answer that timed out, or send
   * the probe that was waiting for this moment.
   */
  private _onIdle(): void {
    const waiting = this._state === 'starting' || this._state === 'dead';
    if (!this._probeWhenIdle && !waiting) {
      return;
    }
    this._probeWhenIdle = false;
    const attempt = this._attempt;
    if (attempt) {
      this._set('probing', Private.asking(this._trans));
      this._arm(attempt);
    } else {
      this._probe();
    }
  }

  /**
   * Send a probe if the kernel can take one, or say why not (and probe
   * when a starting kernel is idle, or once it has been starting for the
   * timeout on a live connection).
   *
   * @param pastStart - send it even though the kernel is said to be
   *   `starting`, if its connection is up.
   */
  private _probe(pastStart = false): void {
    if (this._isDisposed) {
      return;
    }
    const kernel = this._kernel;
    if (!kernel) {
      this._set('no-kernel', Private.noKernel(this._trans));
      return;
    }
    if (this._attempt) {
      this._again = true;
      return;
    }
    const phase = Private.phase(kernel.status);
    if (phase === 'dead') {
      this._setDead(kernel.status);
      return;
    }
    if (phase === 'starting' && !(pastStart && Private.startedUnseen(kernel))) {
      this._probeWhenIdle = true;
      this._set('starting', Private.waiting(this._trans));
      this._armStart(kernel);
      return;
    }
    if (this._language !== null && !isPythonLanguage(this._language)) {
      this._setNotPython(this._language);
      return;
    }
    const attempt: Private.IAttempt = {
      kernel,
      generation: this._generation,
      future: null,
      timer: null,
      settled: false
    };
    this._attempt = attempt;
    this._set('probing', Private.asking(this._trans));
    this._arm(attempt);
    void this._run(attempt).then(outcome => this._settle(attempt, outcome));
  }

  /**
   * Ask the kernel its language if not known yet, then send the probe and
   * read its reply. Never rejects.
   */
  private async _run(attempt: Private.IAttempt): Promise<Private.Outcome> {
    try {
      if (this._queryReady) {
        await this._queryReady();
        if (attempt.generation !== this._generation) {
          return { kind: 'stale' };
        }
        // The kernel's time to answer starts now.
        this._arm(attempt);
      }
      if (this._language === null) {
        const language = kernelLanguage(await attempt.kernel.info);
        if (attempt.generation !== this._generation) {
          return { kind: 'stale' };
        }
        this._language = language;
      }
      if (!isPythonLanguage(this._language)) {
        return { kind: 'not-python', language: this._language };
      }
      // The request's code (the Python source is most of it) is fetched
      // with the first probe of a Python kernel, not at startup.
      const code = await import(
        /* webpackChunkName: "probe" */ '../core/kernel/probeRequest'
      );
      if (attempt.generation !== this._generation) {
        return { kind: 'stale' };
      }
      const query = this._query();
      // The probe's loops stop by themselves well before the timeout.
      const budget = Math.min(code.DEFAULT_PROBE_BUDGET, this._timeout / 4);
      const future = attempt.kernel.requestExecute(
        code.probeRequest(query, budget),
        true
      );
      attempt.future = future;
      const reply = await future.done;
      return {
        kind: 'reply',
        result: code.parseProbeReply(reply?.content, query)
      };
    } catch (error) {
      return { kind: 'failed', detail: Private.describe(error) };
    }
  }

  /**
   * An attempt has finished: keep its answer if it is still current.
   */
  private _settle(attempt: Private.IAttempt, outcome: Private.Outcome): void {
    attempt.settled = true;
    if (attempt !== this._attempt || attempt.generation !== this._generation) {
      return;
    }
    Private.disarm(attempt);
    this._attempt = null;
    this._probeWhenIdle = false;
    const trans = this._trans;
    switch (outcome.kind) {
      case 'not-python':
        this._setNotPython(outcome.language);
        break;
      case 'failed':
        if (Private.phase(attempt.kernel.status) === 'dead') {
          this._setDead(attempt.kernel.status);
        } else {
          this._retry(
            trans.__('The kernel did not answer: %1', outcome.detail)
          );
        }
        break;
      case 'reply':
        this._apply(outcome.result);
        break;
    }
    if (this._again) {
      this._again = false;
      this._probe();
    }
  }

  /**
   * Take a parsed reply.
   */
  private _apply(result: ProbeResult): void {
    const trans = this._trans;
    if (result.ok) {
      this._retries = 0;
      this._environment = result.environment;
      this._set('ready', '');
      return;
    }
    // A skipped request is worth retrying; an error or a wrong answer is not.
    if (result.reason === 'aborted') {
      this._retry(probeFailureText(trans, result));
    } else {
      this._set('error', probeFailureText(trans, result));
    }
  }

  /**
   * The timeout of an attempt has passed without an answer.
   */
  private _onTimeout(attempt: Private.IAttempt): void {
    attempt.timer = null;
    if (attempt !== this._attempt || attempt.settled || this._isDisposed) {
      return;
    }
    if (attempt.kernel.status === 'busy') {
      // The request waits behind running cells: keep it, and wait again
      // once the kernel is idle instead of queueing another one.
      this._probeWhenIdle = true;
      this._set('busy', Private.busy(this._trans));
      return;
    }
    // The kernel is not working on it: the request (or the kernel's info)
    // is lost. Drop it and ask again.
    this._abandon();
    const seconds = Math.round(this._timeout / 100) / 10;
    this._retry(
      this._trans.__('The kernel did not answer within %1 s.', seconds)
    );
  }

  /**
   * Ask again now, at most twice in a row; after that, or while the kernel
   * is busy, ask again when it is next idle.
   */
  private _retry(message: string): void {
    const kernel = this._kernel;
    if (kernel && kernel.status === 'busy') {
      this._probeWhenIdle = true;
      this._set('busy', Private.busy(this._trans));
      return;
    }
    if (this._retries < Private.MAX_RETRIES) {
      this._retries++;
      this._probe();
      return;
    }
    this._probeWhenIdle = true;
    this._set('error', message);
  }

  /**
   * Probe a kernel that is still said to be starting once the timeout has
   * passed, if its connection is up then (else look again after another
   * timeout). JupyterLab ignores the status messages of its own
   * `kernel_info` requests, so after an autorestart it can report a
   * running kernel as `starting` until the kernel next runs something: a
   * probe that answers is the proof that it runs (and its status messages
   * put JupyterLab right). Only while the probe says `starting`.
   */
  private _armStart(kernel: IProbeKernel): void {
    if (this._startTimer !== null || this._isDisposed) {
      return;
    }
    this._startTimer = setTimeout(() => {
      this._startTimer = null;
      if (
        this._isDisposed ||
        this._state !== 'starting' ||
        kernel !== this._kernel
      ) {
        return;
      }
      if (this._attempt || !Private.startedUnseen(kernel)) {
        this._armStart(kernel);
        return;
      }
      this._probe(true);
    }, this._timeout);
  }

  private _clearStart(): void {
    if (this._startTimer !== null) {
      clearTimeout(this._startTimer);
      this._startTimer = null;
    }
  }

  /**
   * Start (or restart) the timeout of an attempt.
   */
  private _arm(attempt: Private.IAttempt): void {
    Private.disarm(attempt);
    attempt.timer = setTimeout(() => this._onTimeout(attempt), this._timeout);
  }

  /**
   * Forget the current kernel session's answer and any probe in flight.
   */
  private _invalidate(): void {
    this._abandon();
    this._clearStart();
    this._environment = null;
    this._again = false;
    this._probeWhenIdle = false;
    this._retries = 0;
  }

  /**
   * Stop waiting for the attempt in flight; its answer will be ignored.
   */
  private _abandon(): void {
    this._generation++;
    const attempt = this._attempt;
    this._attempt = null;
    if (attempt) {
      Private.disarm(attempt);
      attempt.future?.dispose();
    }
  }

  private _setDead(status: Kernel.Status): void {
    this._set(
      'dead',
      status === 'terminating'
        ? this._trans.__('The kernel is shutting down.')
        : this._trans.__(
            'The kernel is dead: restart it to see live package versions.'
          )
    );
  }

  private _setNotPython(language: string): void {
    const trans = this._trans;
    this._set(
      'not-python',
      language
        ? trans.__(
            'The kernel runs %1, not Python: live package versions need a Python kernel.',
            language
          )
        : trans.__(
            'The kernel does not say its language: live package versions need a Python kernel.'
          )
    );
  }

  /**
   * Change the state, emitting if anything visible changed.
   */
  private _set(state: KernelProbe.State, message: string): void {
    const environment = this._environment;
    const last = this._emitted;
    if (state !== 'starting') {
      this._clearStart();
    }
    this._state = state;
    this._message = message;
    if (state !== 'probing' && !this._again) {
      this._flushSettled();
    }
    if (
      last &&
      last.state === state &&
      last.message === message &&
      last.environment === environment
    ) {
      return;
    }
    this._emitted = this.snapshot;
    this._stateChanged.emit(this._emitted);
  }

  private _whenSettled(): Promise<void> {
    if (this._state !== 'probing' || this._isDisposed) {
      return Promise.resolve();
    }
    return new Promise(resolve => this._settledWaiters.push(resolve));
  }

  private _flushSettled(): void {
    const waiters = this._settledWaiters;
    this._settledWaiters = [];
    waiters.forEach(resolve => resolve());
  }

  private _context: IProbeSessionContext;
  private _query: () => IProbeQuery;
  private _queryReady: (() => Promise<void>) | null;
  private _trans: IProbeTranslator;
  private _timeout: number;
  private _refreshLater: Debouncer;
  private _kernel: IProbeKernel | null;
  private _language: string | null = null;
  private _environment: ILiveEnvironment | null = null;
  private _state: KernelProbe.State = 'no-kernel';
  private _message = '';
  private _emitted: KernelProbe.ISnapshot | null = null;
  private _attempt: Private.IAttempt | null = null;
  private _generation = 0;
  private _again = false;
  private _probeWhenIdle = false;
  private _retries = 0;
  private _startTimer: ReturnType<typeof setTimeout> | null = null;
  private _settledWaiters: Array<() => void> = [];
  private _isDisposed = false;
  private _stateChanged = new Signal<this, KernelProbe.ISnapshot>(this);
}

/**
 * A namespace for `KernelProbe` statics.
 */
export namespace KernelProbe {
  /**
   * Where a probe stands:
   *
   * - `no-kernel`: the notebook has no kernel;
   * - `starting`: the kernel is starting or restarting;
   * - `probing`: a probe is in flight (`environment` may still hold the
   *   previous answer of this kernel session);
   * - `ready`: `environment` holds the answer;
   * - `busy`: no answer within the timeout because the kernel is running
   *   cells; it will retry when the kernel is idle;
   * - `dead`: the kernel died or is shutting down;
   * - `not-python`: the kernel is not a Python kernel;
   * - `error`: the kernel could not answer; `message` says why.
   */
  export type State =
    | 'no-kernel'
    | 'starting'
    | 'probing'
    | 'ready'
    | 'busy'
    | 'dead'
    | 'not-python'
    | 'error';

  /**
   * What `stateChanged` carries.
   */
  export interface ISnapshot {
    /**
     * The state.
     */
    readonly state: State;
    /**
     * A sentence for the user (`""` when `ready`).
     */
    readonly message: string;
    /**
     * The live environment of the current kernel session, if known.
     */
    readonly environment: ILiveEnvironment | null;
  }

  /**
   * Options to create a probe.
   */
  export interface IOptions {
    /**
     * The notebook's session context.
     */
    sessionContext: IProbeSessionContext;
    /**
     * What to ask about, called when a probe is sent: the notebook's
     * imported modules and its stored and imported distributions.
     */
    query: () => IProbeQuery;
    /**
     * Resolves when `query` can answer (the notebook's imports are read): a
     * probe waits for it before asking, so it asks once, about all of them.
     */
    queryReady?: () => Promise<void>;
    /**
     * How long to wait for an answer, in milliseconds.
     */
    timeout?: number;
    /**
     * The delay of `requestRefresh()`, in milliseconds.
     */
    debounce?: number;
    /**
     * Translates the messages.
     */
    trans?: IProbeTranslator;
  }

  /**
   * The default timeout, in milliseconds.
   */
  export const DEFAULT_TIMEOUT = 10000;

  /**
   * The default delay of `requestRefresh()`, in milliseconds.
   */
  export const DEFAULT_DEBOUNCE = 500;
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * One probe in flight.
   */
  export interface IAttempt {
    /**
     * The kernel it was sent to.
     */
    kernel: IProbeKernel;
    /**
     * The probe's generation when it was sent; a restart, a kernel change
     * or a drop makes it stale.
     */
    generation: number;
    /**
     * The request's future, once sent.
     */
    future: IProbeFuture | null;
    /**
     * The timeout timer, while armed.
     */
    timer: ReturnType<typeof setTimeout> | null;
    /**
     * Whether the attempt has finished.
     */
    settled: boolean;
  }

  /**
   * How an attempt finished.
   */
  export type Outcome =
    | { kind: 'reply'; result: ProbeResult }
    | { kind: 'not-python'; language: string }
    | { kind: 'failed'; detail: string }
    | { kind: 'stale' };

  /**
   * Immediate retries after a lost or aborted request, before waiting for
   * the kernel to be idle again.
   */
  export const MAX_RETRIES = 2;

  /**
   * Whether a kernel status means it can take a request.
   */
  export function phase(status: Kernel.Status): 'up' | 'starting' | 'dead' {
    switch (status) {
      case 'idle':
      case 'busy':
        return 'up';
      case 'dead':
      case 'terminating':
        return 'dead';
      default:
        return 'starting';
    }
  }

  /**
   * Whether a kernel said to be `starting` (or, after an autorestart,
   * `unknown`) may be running unseen: its connection is up.
   */
  export function startedUnseen(kernel: IProbeKernel): boolean {
    return (
      (kernel.status === 'starting' || kernel.status === 'unknown') &&
      kernel.connectionStatus === 'connected'
    );
  }

  /**
   * Stop an attempt's timeout timer.
   */
  export function disarm(attempt: IAttempt): void {
    if (attempt.timer !== null) {
      clearTimeout(attempt.timer);
      attempt.timer = null;
    }
  }

  /**
   * A positive finite number of milliseconds, or the fallback.
   */
  export function positive(
    value: number | undefined,
    fallback: number
  ): number {
    return typeof value === 'number' && Number.isFinite(value) && value > 0
      ? value
      : fallback;
  }

  /**
   * A readable text for whatever a failed request rejected with.
   */
  export function describe(error: unknown): string {
    if (error instanceof Error) {
      return error.message;
    }
    return typeof error === 'string' && error ? error : 'unknown error';
  }

  /**
   * The messages said in more than one place.
   */
  export function noKernel(trans: IProbeTranslator): string {
    return trans.__('No kernel: live package versions are unknown.');
  }

  export function waiting(trans: IProbeTranslator): string {
    return trans.__('Waiting for the kernel to start.');
  }

  export function asking(trans: IProbeTranslator): string {
    return trans.__('Asking the kernel for its packages…');
  }

  export function busy(trans: IProbeTranslator): string {
    return trans.__('Kernel busy - will retry when idle.');
  }

  /**
   * Used without a translator: English, with `%1`... replaced.
   */
  export const nullTrans: IProbeTranslator = {
    __: (msgid: string, ...args: any[]) =>
      msgid.replace(/%(\d+)/g, (match, index: string) => {
        const arg = args[Number(index) - 1];
        return arg === undefined ? match : String(arg);
      })
  };
}
