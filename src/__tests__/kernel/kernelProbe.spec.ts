// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type { ISessionContext } from '@jupyterlab/apputils';
import type { Kernel, KernelMessage } from '@jupyterlab/services';
import { Signal } from '@lumino/signaling';

import {
  IProbeFuture,
  IProbeKernel,
  IProbeSessionContext,
  KernelProbe
} from '../../kernel/kernelProbe';
import {
  ILiveEnvironment,
  IProbeQuery,
  PROBE_EXPRESSION_KEY,
  probeRequest
} from '../../core/kernel/probeRequest';

/**
 * A request's pending reply, resolved by the test.
 */
class FakeFuture implements IProbeFuture {
  constructor() {
    this.done = new Promise((resolve, reject) => {
      this.resolve = content => resolve({ content });
      this.reject = reject;
    });
  }
  readonly done: Promise<{ content: unknown }>;
  resolve!: (content: unknown) => void;
  reject!: (reason: unknown) => void;
  disposed = false;
  dispose(): void {
    this.disposed = true;
  }
}

/**
 * A kernel connection that records requests.
 */
class FakeKernel implements IProbeKernel {
  constructor(
    readonly id: string,
    options: {
      language?: string;
      status?: Kernel.Status;
      connectionStatus?: Kernel.ConnectionStatus;
    } = {}
  ) {
    this.status = options.status ?? 'idle';
    this.connectionStatus = options.connectionStatus ?? 'connected';
    this.info = Promise.resolve({
      language_info: { name: options.language ?? 'python' }
    });
  }
  status: Kernel.Status;
  connectionStatus: Kernel.ConnectionStatus;
  info: Promise<{ language_info: { name: string } }>;
  requests: Array<{
    content: KernelMessage.IExecuteRequestMsg['content'];
    future: FakeFuture;
  }> = [];
  failWith: Error | null = null;

  requestExecute(
    content: KernelMessage.IExecuteRequestMsg['content']
  ): FakeFuture {
    if (this.failWith) {
      throw this.failWith;
    }
    const future = new FakeFuture();
    this.requests.push({ content, future });
    return future;
  }

  /**
   * The latest request's future.
   */
  get last(): FakeFuture {
    return this.requests[this.requests.length - 1].future;
  }
}

/**
 * A session context whose kernel and status the test drives.
 */
class FakeSessionContext implements IProbeSessionContext {
  constructor(kernel: FakeKernel | null) {
    this.session = kernel ? { kernel } : null;
  }
  session: { kernel: FakeKernel | null } | null;
  readonly kernelChanged = new Signal<this, unknown>(this);
  readonly statusChanged = new Signal<this, Kernel.Status>(this);

  setStatus(status: Kernel.Status): void {
    const kernel = this.session?.kernel;
    if (kernel) {
      kernel.status = status;
    }
    this.statusChanged.emit(status);
  }

  changeKernel(kernel: FakeKernel | null): void {
    this.session = kernel ? { kernel } : null;
    this.kernelChanged.emit({
      name: 'kernel',
      oldValue: null,
      newValue: kernel
    });
  }
}

const environment: ILiveEnvironment = {
  python: { version: '3.11.7', implementation: 'CPython' },
  executable: '/env/bin/python',
  prefix: '/env',
  platform: 'linux',
  distributions: { PyYAML: '6.0.3', ipykernel: '7.4.0' },
  moduleDistributions: { yaml: ['PyYAML'] },
  loadedModules: ['yaml']
};

/**
 * A successful reply to a probe, as IPython sends it.
 */
function okReply(env: Partial<ILiveEnvironment> = {}): unknown {
  const encoded = Buffer.from(
    JSON.stringify({ ...environment, ...env })
  ).toString('base64');
  return {
    status: 'ok',
    execution_count: 1,
    user_expressions: {
      [PROBE_EXPRESSION_KEY]: {
        status: 'ok',
        data: { 'text/plain': `'${encoded}'` },
        metadata: {}
      }
    }
  };
}

/**
 * Let promise callbacks run.
 */
async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) {
    await Promise.resolve();
  }
}

describe('KernelProbe', () => {
  let query: IProbeQuery;
  let queries: number;
  let probes: KernelProbe[];
  let states: KernelProbe.State[];
  let consoleSpies: jest.SpyInstance[];

  /**
   * A probe on a session context, recording its emitted states.
   */
  function probeOn(
    context: FakeSessionContext,
    options: Partial<KernelProbe.IOptions> = {}
  ) {
    const probe = new KernelProbe({
      sessionContext: context,
      query: () => {
        queries++;
        return query;
      },
      ...options
    });
    probe.stateChanged.connect((_, snapshot) => states.push(snapshot.state));
    probes.push(probe);
    return probe;
  }

  beforeEach(() => {
    jest.useFakeTimers();
    query = { modules: ['yaml'], distributions: ['ipykernel'] };
    queries = 0;
    probes = [];
    states = [];
    consoleSpies = (['error', 'warn', 'log'] as const).map(name =>
      jest.spyOn(console, name).mockImplementation(() => undefined)
    );
  });

  afterEach(() => {
    probes.forEach(probe => probe.dispose());
    // Expected situations (no kernel, dead, not Python, errors) stay quiet.
    for (const spy of consoleSpies) {
      expect(spy).not.toHaveBeenCalled();
      spy.mockRestore();
    }
    jest.useRealTimers();
  });

  it('accepts a real ISessionContext', () => {
    const fits = (context: ISessionContext): IProbeSessionContext => context;
    expect(fits).toBeInstanceOf(Function);
  });

  describe('without a usable kernel', () => {
    it('says so when the notebook has no kernel, and sends nothing', async () => {
      const probe = probeOn(new FakeSessionContext(null));
      expect(probe.state).toBe('no-kernel');
      expect(probe.message).toBe(
        'No kernel: live package versions are unknown.'
      );
      await probe.refresh();
      probe.requestRefresh();
      jest.runAllTimers();
      expect(probe.state).toBe('no-kernel');
      expect(queries).toBe(0);
    });

    it('says a kernel is starting when the session starts one', () => {
      const context = new FakeSessionContext(null);
      const probe = probeOn(context);
      context.setStatus('starting');
      expect(probe.state).toBe('starting');
    });

    it('says so when the kernel is dead', async () => {
      const kernel = new FakeKernel('k1', { status: 'dead' });
      const probe = probeOn(new FakeSessionContext(kernel));
      expect(probe.state).toBe('dead');
      expect(probe.message).toMatch(/dead/);
      await probe.refresh();
      expect(kernel.requests).toHaveLength(0);
    });

    it('says so when the kernel dies, and forgets what it knew', async () => {
      const kernel = new FakeKernel('k1');
      const context = new FakeSessionContext(kernel);
      const probe = probeOn(context);
      await flush();
      kernel.last.resolve(okReply());
      await flush();
      context.setStatus('dead');
      expect(probe.snapshot).toEqual({
        state: 'dead',
        message: 'The kernel is dead: restart it to see live package versions.',
        environment: null
      });
    });

    it('says so when the kernel shuts down', () => {
      const context = new FakeSessionContext(new FakeKernel('k1'));
      const probe = probeOn(context);
      context.setStatus('terminating');
      expect(probe.state).toBe('dead');
      expect(probe.message).toBe('The kernel is shutting down.');
    });

    it('says a kernel that is not Python is not Python, and never sends a probe', async () => {
      const kernel = new FakeKernel('k1', { language: 'R' });
      const context = new FakeSessionContext(kernel);
      const probe = probeOn(context);
      await flush();
      expect(probe.state).toBe('not-python');
      expect(probe.message).toBe(
        'The kernel runs R, not Python: live package versions need a Python kernel.'
      );
      await probe.refresh();
      context.setStatus('busy');
      context.setStatus('idle');
      await flush();
      expect(kernel.requests).toHaveLength(0);
      expect(queries).toBe(0);
    });

    it('treats a kernel that does not say its language as not Python', async () => {
      const kernel = new FakeKernel('k1', { language: '' });
      const probe = probeOn(new FakeSessionContext(kernel));
      await flush();
      expect(probe.state).toBe('not-python');
      expect(kernel.requests).toHaveLength(0);
    });
  });

  describe('probing', () => {
    it('sends one silent request once the kernel is ready, and reads the answer', async () => {
      const kernel = new FakeKernel('k1');
      const probe = probeOn(new FakeSessionContext(kernel));
      expect(probe.state).toBe('probing');
      await flush();
      expect(kernel.requests.map(r => r.content)).toEqual([
        probeRequest(query)
      ]);
      kernel.last.resolve(okReply());
      await flush();
      expect(probe.snapshot).toEqual({
        state: 'ready',
        message: '',
        environment
      });
      expect(states).toEqual(['ready']);
    });

    it('waits for a starting kernel to be idle', async () => {
      const kernel = new FakeKernel('k1', { status: 'starting' });
      const context = new FakeSessionContext(kernel);
      const probe = probeOn(context);
      expect(probe.state).toBe('starting');
      context.setStatus('busy');
      await flush();
      expect(kernel.requests).toHaveLength(0);
      context.setStatus('idle');
      await flush();
      expect(probe.state).toBe('probing');
      expect(kernel.requests).toHaveLength(1);
    });

    it('keeps the answer for the kernel session instead of asking at every idle', async () => {
      const kernel = new FakeKernel('k1');
      const context = new FakeSessionContext(kernel);
      const probe = probeOn(context);
      await flush();
      kernel.last.resolve(okReply());
      await flush();
      for (let i = 0; i < 3; i++) {
        context.setStatus('busy');
        context.setStatus('idle');
      }
      await flush();
      expect(kernel.requests).toHaveLength(1);
      expect(probe.state).toBe('ready');
    });

    it('keeps one probe in flight, and asks once more after it for later refreshes', async () => {
      const kernel = new FakeKernel('k1');
      const probe = probeOn(new FakeSessionContext(kernel));
      await flush();
      query = {
        modules: ['yaml', 'numpy'],
        distributions: ['ipykernel', 'numpy']
      };
      void probe.refresh();
      void probe.refresh();
      await flush();
      expect(kernel.requests).toHaveLength(1);
      kernel.last.resolve(okReply());
      await flush();
      expect(kernel.requests).toHaveLength(2);
      expect(kernel.last).not.toBe(kernel.requests[0].future);
      expect(kernel.requests[1].content).toEqual(probeRequest(query));
      expect(probe.state).toBe('probing');
      kernel.last.resolve(
        okReply({
          distributions: { PyYAML: '6.0.3', ipykernel: '7.4.0', numpy: '2.0.0' }
        })
      );
      await flush();
      expect(kernel.requests).toHaveLength(2);
      expect(probe.state).toBe('ready');
      expect(probe.environment?.distributions).toEqual({
        PyYAML: '6.0.3',
        ipykernel: '7.4.0',
        numpy: '2.0.0'
      });
    });

    it('keeps the previous answer while a refresh is in flight', async () => {
      const kernel = new FakeKernel('k1');
      const probe = probeOn(new FakeSessionContext(kernel));
      await flush();
      kernel.last.resolve(okReply());
      await flush();
      void probe.refresh();
      expect(probe.state).toBe('probing');
      expect(probe.environment).toEqual(environment);
    });

    it('resolves refresh() once the probe has settled', async () => {
      const kernel = new FakeKernel('k1');
      const probe = probeOn(new FakeSessionContext(kernel));
      await flush();
      kernel.last.resolve(okReply());
      await flush();
      let settled = false;
      void probe.refresh().then(() => (settled = true));
      await flush();
      expect(settled).toBe(false);
      kernel.last.resolve(okReply());
      await flush();
      expect(settled).toBe(true);
    });

    it('debounces requestRefresh()', async () => {
      const kernel = new FakeKernel('k1');
      const probe = probeOn(new FakeSessionContext(kernel), { debounce: 300 });
      await flush();
      kernel.last.resolve(okReply());
      await flush();
      // The delay starts once the call's promise callbacks have run.
      probe.requestRefresh();
      await flush();
      jest.advanceTimersByTime(200);
      probe.requestRefresh();
      await flush();
      jest.advanceTimersByTime(200);
      probe.requestRefresh();
      await flush();
      jest.advanceTimersByTime(299);
      await flush();
      expect(kernel.requests).toHaveLength(1);
      jest.advanceTimersByTime(1);
      await flush();
      expect(kernel.requests).toHaveLength(2);
    });

    it('lets refresh() cancel a pending requestRefresh()', async () => {
      const kernel = new FakeKernel('k1');
      const probe = probeOn(new FakeSessionContext(kernel));
      await flush();
      kernel.last.resolve(okReply());
      await flush();
      probe.requestRefresh();
      void probe.refresh();
      await flush();
      kernel.last.resolve(okReply());
      await flush();
      jest.runAllTimers();
      await flush();
      expect(kernel.requests).toHaveLength(2);
    });

    it('translates its messages', () => {
      const trans = {
        __: (msgid: string, ...args: any[]) => `[${msgid}|${args.join(',')}]`
      };
      const probe = probeOn(new FakeSessionContext(null), { trans });
      expect(probe.message).toBe(
        '[No kernel: live package versions are unknown.|]'
      );
    });

    it('waits until its query is ready (imports still being read), then asks once', async () => {
      const kernel = new FakeKernel('k1');
      let ready!: () => void;
      const queryReady = new Promise<void>(resolve => (ready = resolve));
      const probe = probeOn(new FakeSessionContext(kernel), {
        queryReady: () => queryReady
      });
      await flush();
      expect(probe.state).toBe('probing');
      expect(queries).toBe(0);
      expect(kernel.requests).toHaveLength(0);
      query = { modules: ['yaml', 'numpy'], distributions: ['ipykernel'] };
      ready();
      await flush();
      expect(queries).toBe(1);
      expect(kernel.requests).toHaveLength(1);
      kernel.last.resolve(okReply());
      await flush();
      expect(probe.state).toBe('ready');
    });

    it('asks only the new kernel when the kernel changes while its query is not ready', async () => {
      const first = new FakeKernel('k1');
      const second = new FakeKernel('k2');
      let ready!: () => void;
      const queryReady = new Promise<void>(resolve => (ready = resolve));
      const context = new FakeSessionContext(first);
      probeOn(context, { queryReady: () => queryReady });
      await flush();
      context.changeKernel(second);
      ready();
      await flush();
      expect(first.requests).toHaveLength(0);
      expect(second.requests).toHaveLength(1);
    });
  });

  describe('timeouts', () => {
    it('says the kernel is busy after the timeout, then waits again once it is idle', async () => {
      const kernel = new FakeKernel('k1');
      const context = new FakeSessionContext(kernel);
      const probe = probeOn(context);
      await flush();
      context.setStatus('busy');
      jest.advanceTimersByTime(KernelProbe.DEFAULT_TIMEOUT);
      expect(probe.snapshot).toEqual({
        state: 'busy',
        message: 'Kernel busy - will retry when idle.',
        environment: null
      });
      expect(kernel.last.disposed).toBe(false);
      context.setStatus('idle');
      expect(probe.state).toBe('probing');
      // The queued request is still the one in flight: no second request.
      expect(kernel.requests).toHaveLength(1);
      kernel.last.resolve(okReply());
      await flush();
      expect(probe.state).toBe('ready');
    });

    it('takes a late answer while busy and does not ask again when idle', async () => {
      const kernel = new FakeKernel('k1');
      const context = new FakeSessionContext(kernel);
      const probe = probeOn(context, { timeout: 2000 });
      await flush();
      context.setStatus('busy');
      jest.advanceTimersByTime(2000);
      expect(probe.state).toBe('busy');
      kernel.last.resolve(okReply());
      await flush();
      expect(probe.state).toBe('ready');
      context.setStatus('idle');
      jest.runAllTimers();
      await flush();
      expect(kernel.requests).toHaveLength(1);
      expect(probe.state).toBe('ready');
    });

    it('stays busy across several cells, with one request', async () => {
      const kernel = new FakeKernel('k1');
      const context = new FakeSessionContext(kernel);
      const probe = probeOn(context, { timeout: 1000 });
      await flush();
      for (let cell = 0; cell < 3; cell++) {
        context.setStatus('busy');
        jest.advanceTimersByTime(1000);
        expect(probe.state).toBe('busy');
        context.setStatus('idle');
        expect(probe.state).toBe('probing');
      }
      expect(kernel.requests).toHaveLength(1);
    });

    it('asks again when an idle kernel lost the request, then gives up until the next idle', async () => {
      const kernel = new FakeKernel('k1');
      const context = new FakeSessionContext(kernel);
      const probe = probeOn(context, { timeout: 1000 });
      await flush();
      jest.advanceTimersByTime(1000);
      await flush();
      expect(kernel.requests).toHaveLength(2);
      expect(kernel.requests[0].future.disposed).toBe(true);
      jest.advanceTimersByTime(1000);
      await flush();
      expect(kernel.requests).toHaveLength(3);
      jest.advanceTimersByTime(1000);
      await flush();
      expect(kernel.requests).toHaveLength(3);
      expect(probe.snapshot).toEqual({
        state: 'error',
        message: 'The kernel did not answer within 1 s.',
        environment: null
      });
      context.setStatus('busy');
      context.setStatus('idle');
      await flush();
      expect(kernel.requests).toHaveLength(4);
      kernel.last.resolve(okReply());
      await flush();
      expect(probe.state).toBe('ready');
    });

    it('ignores the answer of a request it gave up on', async () => {
      const kernel = new FakeKernel('k1');
      const probe = probeOn(new FakeSessionContext(kernel), { timeout: 1000 });
      await flush();
      jest.advanceTimersByTime(1000);
      await flush();
      kernel.requests[0].future.resolve(okReply({ prefix: '/stale' }));
      await flush();
      expect(probe.state).toBe('probing');
      kernel.last.resolve(okReply());
      await flush();
      expect(probe.environment?.prefix).toBe('/env');
    });

    it('times out waiting for the kernel info too', async () => {
      const kernel = new FakeKernel('k1');
      kernel.info = new Promise(() => undefined);
      const context = new FakeSessionContext(kernel);
      const probe = probeOn(context, { timeout: 1000 });
      context.setStatus('busy');
      jest.advanceTimersByTime(1000);
      expect(probe.state).toBe('busy');
    });

    it('uses a new timeout from the settings for the next request', async () => {
      const kernel = new FakeKernel('k1');
      const context = new FakeSessionContext(kernel);
      const probe = probeOn(context);
      await flush();
      kernel.last.resolve(okReply());
      await flush();
      probe.timeout = 3000;
      expect(probe.timeout).toBe(3000);
      probe.timeout = -1;
      expect(probe.timeout).toBe(3000);
      void probe.refresh();
      await flush();
      context.setStatus('busy');
      jest.advanceTimersByTime(2999);
      expect(probe.state).toBe('probing');
      jest.advanceTimersByTime(1);
      expect(probe.state).toBe('busy');
    });
  });

  describe('restarts and kernel changes', () => {
    it.each(['restarting', 'autorestarting'] as const)(
      'forgets the answer on %s and asks again once idle',
      async status => {
        const kernel = new FakeKernel('k1');
        const context = new FakeSessionContext(kernel);
        const probe = probeOn(context);
        await flush();
        kernel.last.resolve(okReply());
        await flush();
        context.setStatus(status);
        expect(probe.snapshot).toEqual({
          state: 'starting',
          message: 'The kernel is restarting.',
          environment: null
        });
        context.setStatus('starting');
        context.setStatus('busy');
        await flush();
        expect(kernel.requests).toHaveLength(1);
        context.setStatus('idle');
        await flush();
        expect(kernel.requests).toHaveLength(2);
        kernel.last.resolve(okReply({ prefix: '/after' }));
        await flush();
        expect(probe.state).toBe('ready');
        expect(probe.environment?.prefix).toBe('/after');
      }
    );

    it('asks a kernel JupyterLab still calls starting after an autorestart, once the timeout has passed', async () => {
      // JupyterLab 4.6 ignores the status replies to its own kernel_info
      // request: after an autorestart it says "starting" until the kernel
      // next runs something, though the connection is up.
      const kernel = new FakeKernel('k1');
      const context = new FakeSessionContext(kernel);
      const probe = probeOn(context, { timeout: 2000 });
      await flush();
      kernel.last.resolve(okReply());
      await flush();
      context.setStatus('autorestarting');
      context.setStatus('starting');
      expect(probe.message).toBe('Waiting for the kernel to start.');
      jest.advanceTimersByTime(1999);
      await flush();
      expect(kernel.requests).toHaveLength(1);
      jest.advanceTimersByTime(1);
      await flush();
      expect(kernel.requests).toHaveLength(2);
      // The probe's own loops stop at a quarter of the timeout.
      expect(kernel.requests[1].content).toEqual(probeRequest(query, 500));
      expect(probe.state).toBe('probing');
      kernel.last.resolve(okReply({ prefix: '/after' }));
      await flush();
      expect(probe.snapshot).toEqual({
        state: 'ready',
        message: '',
        environment: { ...environment, prefix: '/after' }
      });
      // JupyterLab still says "starting": no more requests for it.
      jest.advanceTimersByTime(10000);
      await flush();
      expect(kernel.requests).toHaveLength(2);
    });

    it('asks a kernel JupyterLab leaves "unknown" after an autorestart, on a live connection', async () => {
      // Seen in JupyterLab 4.6 under load: restarting, autorestarting,
      // unknown, and never "starting" again, though the kernel runs.
      const kernel = new FakeKernel('k1');
      const context = new FakeSessionContext(kernel);
      const probe = probeOn(context, { timeout: 2000 });
      await flush();
      kernel.last.resolve(okReply());
      await flush();
      context.setStatus('restarting');
      context.setStatus('autorestarting');
      kernel.connectionStatus = 'connecting';
      context.setStatus('unknown');
      expect(probe.message).toBe('The kernel is restarting.');
      // Not while the connection is down.
      jest.advanceTimersByTime(4000);
      await flush();
      expect(kernel.requests).toHaveLength(1);
      kernel.connectionStatus = 'connected';
      jest.advanceTimersByTime(2000);
      await flush();
      expect(kernel.requests).toHaveLength(2);
      kernel.last.resolve(okReply({ prefix: '/after' }));
      await flush();
      expect(probe.state).toBe('ready');
      expect(probe.environment?.prefix).toBe('/after');
    });

    it('asks a kernel that starts "starting" once its connection is up and the timeout has passed', async () => {
      const kernel = new FakeKernel('k1', {
        status: 'starting',
        connectionStatus: 'connecting'
      });
      const context = new FakeSessionContext(kernel);
      const probe = probeOn(context, { timeout: 1000 });
      jest.advanceTimersByTime(3000);
      await flush();
      expect(kernel.requests).toHaveLength(0);
      expect(probe.state).toBe('starting');
      kernel.connectionStatus = 'connected';
      jest.advanceTimersByTime(1000);
      await flush();
      expect(kernel.requests).toHaveLength(1);
      kernel.last.resolve(okReply());
      await flush();
      expect(probe.state).toBe('ready');
    });

    it('does not ask a restarting kernel before it is said to be starting', async () => {
      const kernel = new FakeKernel('k1');
      const context = new FakeSessionContext(kernel);
      const probe = probeOn(context, { timeout: 1000 });
      await flush();
      kernel.last.resolve(okReply());
      await flush();
      context.setStatus('restarting');
      jest.advanceTimersByTime(5000);
      await flush();
      expect(kernel.requests).toHaveLength(1);
      expect(probe.message).toBe('The kernel is restarting.');
    });

    it('ends a kernel that stays "starting" and never answers in a readable error, not a spinner', async () => {
      const kernel = new FakeKernel('k1', { status: 'starting' });
      const context = new FakeSessionContext(kernel);
      const probe = probeOn(context, { timeout: 1000 });
      // Each probe waits 1 s for "starting" to pass, then 1 s for an answer.
      for (let i = 0; i < 12; i++) {
        jest.advanceTimersByTime(1000);
        await flush();
      }
      expect(kernel.requests).toHaveLength(3);
      expect(probe.snapshot).toEqual({
        state: 'error',
        message: 'The kernel did not answer within 1 s.',
        environment: null
      });
      // It asks again once the kernel is seen idle.
      context.setStatus('idle');
      await flush();
      expect(kernel.requests).toHaveLength(4);
    });

    it('does not ask the old kernel after a change while it was starting', async () => {
      const first = new FakeKernel('k1', { status: 'starting' });
      const context = new FakeSessionContext(first);
      probeOn(context, { timeout: 1000 });
      jest.advanceTimersByTime(500);
      const second = new FakeKernel('k2', {
        status: 'starting',
        connectionStatus: 'connecting'
      });
      context.changeKernel(second);
      jest.advanceTimersByTime(5000);
      await flush();
      expect(first.requests).toHaveLength(0);
      expect(second.requests).toHaveLength(0);
      second.connectionStatus = 'connected';
      jest.advanceTimersByTime(1000);
      await flush();
      expect(second.requests).toHaveLength(1);
    });

    it('drops the answer of a probe sent before a restart', async () => {
      const kernel = new FakeKernel('k1');
      const context = new FakeSessionContext(kernel);
      const probe = probeOn(context);
      await flush();
      const before = kernel.last;
      context.setStatus('restarting');
      expect(before.disposed).toBe(true);
      before.resolve(okReply({ prefix: '/before' }));
      await flush();
      expect(probe.state).toBe('starting');
      expect(probe.environment).toBeNull();
    });

    it('follows a kernel change: forgets, checks the language, asks the new kernel', async () => {
      const first = new FakeKernel('k1');
      const context = new FakeSessionContext(first);
      const probe = probeOn(context);
      await flush();
      first.last.resolve(okReply());
      await flush();
      const second = new FakeKernel('k2', { status: 'starting' });
      context.changeKernel(second);
      expect(probe.snapshot).toEqual({
        state: 'starting',
        message: 'Waiting for the kernel to start.',
        environment: null
      });
      context.setStatus('idle');
      await flush();
      expect(second.requests).toHaveLength(1);
      second.last.resolve(okReply({ executable: '/other/bin/python' }));
      await flush();
      expect(probe.environment?.executable).toBe('/other/bin/python');
      expect(first.requests).toHaveLength(1);
    });

    it('ignores the old kernel after a change, even its late answer', async () => {
      const first = new FakeKernel('k1');
      const context = new FakeSessionContext(first);
      const probe = probeOn(context);
      await flush();
      const second = new FakeKernel('k2');
      context.changeKernel(second);
      first.last.resolve(okReply({ prefix: '/old' }));
      await flush();
      expect(second.requests).toHaveLength(1);
      expect(probe.state).toBe('probing');
      expect(probe.environment).toBeNull();
    });

    it('says not Python after switching to a non-Python kernel', async () => {
      const context = new FakeSessionContext(new FakeKernel('k1'));
      const probe = probeOn(context);
      await flush();
      context.changeKernel(new FakeKernel('k2', { language: 'julia' }));
      await flush();
      expect(probe.state).toBe('not-python');
      context.changeKernel(new FakeKernel('k3'));
      await flush();
      expect(probe.state).toBe('probing');
    });

    it('says no kernel when the kernel is shut down', async () => {
      const context = new FakeSessionContext(new FakeKernel('k1'));
      const probe = probeOn(context);
      await flush();
      context.changeKernel(null);
      expect(probe.state).toBe('no-kernel');
      expect(probe.environment).toBeNull();
    });

    it('notices a new kernel from a status change alone', async () => {
      const context = new FakeSessionContext(null);
      const probe = probeOn(context);
      const kernel = new FakeKernel('k1');
      context.session = { kernel };
      context.setStatus('idle');
      await flush();
      expect(kernel.requests).toHaveLength(1);
      expect(probe.state).toBe('probing');
    });
  });

  describe('failures', () => {
    it('asks again at once when the kernel aborts the request while idle', async () => {
      const kernel = new FakeKernel('k1');
      const probe = probeOn(new FakeSessionContext(kernel));
      await flush();
      kernel.last.resolve({ status: 'aborted' });
      await flush();
      expect(kernel.requests).toHaveLength(2);
      expect(probe.state).toBe('probing');
    });

    it('waits for idle when the kernel aborts the request while busy', async () => {
      const kernel = new FakeKernel('k1');
      const context = new FakeSessionContext(kernel);
      const probe = probeOn(context);
      await flush();
      context.setStatus('busy');
      kernel.last.resolve({ status: 'aborted' });
      await flush();
      expect(probe.state).toBe('busy');
      expect(kernel.requests).toHaveLength(1);
      context.setStatus('idle');
      await flush();
      expect(kernel.requests).toHaveLength(2);
    });

    it('reports a kernel error in words and does not retry by itself', async () => {
      const kernel = new FakeKernel('k1');
      const context = new FakeSessionContext(kernel);
      const probe = probeOn(context);
      await flush();
      kernel.last.resolve({
        status: 'ok',
        user_expressions: {
          [PROBE_EXPRESSION_KEY]: {
            status: 'error',
            ename: 'NameError',
            evalue: 'exec',
            traceback: []
          }
        }
      });
      await flush();
      expect(probe.snapshot).toEqual({
        state: 'error',
        message: 'The kernel could not list its packages: NameError: exec',
        environment: null
      });
      context.setStatus('busy');
      context.setStatus('idle');
      await flush();
      expect(kernel.requests).toHaveLength(1);
      await Promise.all([
        probe.refresh(),
        flush().then(() => kernel.last.resolve(okReply()))
      ]);
      expect(probe.state).toBe('ready');
    });

    it('reports a malformed reply in words', async () => {
      const kernel = new FakeKernel('k1');
      const probe = probeOn(new FakeSessionContext(kernel));
      await flush();
      kernel.last.resolve({ status: 'ok', execution_count: 1 });
      await flush();
      expect(probe.state).toBe('error');
      expect(probe.message).toBe(
        'The kernel gave an unexpected answer about its packages (the reply has no user_expressions).'
      );
    });

    it('resolves refresh() when an error repeats the same state', async () => {
      const kernel = new FakeKernel('k1');
      const probe = probeOn(new FakeSessionContext(kernel));
      await flush();
      kernel.last.resolve({ status: 'ok' });
      await flush();
      const refreshed = probe.refresh();
      await flush();
      kernel.last.resolve({ status: 'ok' });
      await expect(refreshed).resolves.toBeUndefined();
      expect(probe.state).toBe('error');
    });

    it('survives a kernel that throws when asked', async () => {
      const kernel = new FakeKernel('k1');
      kernel.failWith = new Error('Kernel is disposed');
      const probe = probeOn(new FakeSessionContext(kernel));
      await flush();
      expect(probe.state).toBe('error');
      expect(probe.message).toBe(
        'The kernel did not answer: Kernel is disposed'
      );
    });

    it('says dead when the request fails because the kernel died', async () => {
      const kernel = new FakeKernel('k1');
      const probe = probeOn(new FakeSessionContext(kernel));
      await flush();
      kernel.status = 'dead';
      kernel.last.reject(new Error('Canceled future'));
      await flush();
      expect(probe.state).toBe('dead');
    });

    it('retries a request whose reply was cancelled', async () => {
      const kernel = new FakeKernel('k1');
      const probe = probeOn(new FakeSessionContext(kernel));
      await flush();
      kernel.last.reject(new Error('Canceled future'));
      await flush();
      expect(kernel.requests).toHaveLength(2);
      kernel.last.resolve(okReply());
      await flush();
      expect(probe.state).toBe('ready');
    });
  });

  describe('dispose', () => {
    it('never probes after dispose', async () => {
      const kernel = new FakeKernel('k1');
      const context = new FakeSessionContext(kernel);
      const probe = probeOn(context);
      await flush();
      kernel.last.resolve(okReply());
      await flush();
      probe.requestRefresh();
      probe.dispose();
      expect(probe.isDisposed).toBe(true);
      jest.runAllTimers();
      context.setStatus('restarting');
      context.setStatus('idle');
      context.changeKernel(new FakeKernel('k2'));
      await probe.refresh();
      probe.requestRefresh();
      jest.runAllTimers();
      await flush();
      expect(kernel.requests).toHaveLength(1);
      probe.dispose();
    });

    it('ignores an answer that arrives after dispose', async () => {
      const kernel = new FakeKernel('k1');
      const probe = probeOn(new FakeSessionContext(kernel));
      await flush();
      let settled = false;
      void probe.refresh().then(() => (settled = true));
      probe.dispose();
      await flush();
      expect(settled).toBe(true);
      expect(kernel.last.disposed).toBe(true);
      kernel.last.resolve(okReply());
      await flush();
      expect(states).toEqual([]);
      expect(probe.environment).toBeNull();
    });
  });
});
