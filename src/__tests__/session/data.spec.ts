// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { Signal } from '@lumino/signaling';
import { withDataManifest } from '../../core/data/manifest';
import { HASH_EXPRESSION_KEY } from '../../core/kernel/hashRequest';
import { EXTENSION_KEY } from '../../core/extension/history';
import { DataModel } from '../../session/data';
import { hashFilesInKernel, IHashKernel, IHashScope } from '../../kernel/hashFiles';
import { parser } from '@lezer/python';

const DIGEST_A = 'a'.repeat(64);
const DIGEST_B = 'b'.repeat(64);

/**
 * What the fake kernel's disk holds for a path: a digest, a rule's skip, or
 * a file that takes `slices` requests to hash.
 */
type FakeFile = { sha256: string; size: number; slices?: number } | { code: string; skipped: 1; resolved?: string };

/**
 * The arguments a hash request was sent with.
 */
interface ISent {
  paths: string[];
  root: string;
  notebook: string;
  allowHidden: number;
  maxSize: number;
  budget: number;
  consent: string[];
  resolve: number;
}

/**
 * A fake kernel whose disk holds `files`: it answers hash requests as the
 * Python hasher would (a file of n slices is `unfinished` for its first
 * n - 1 requests, as with a deadline), and records them. With `hang`, the
 * replies wait until `release()`.
 */
class FakeKernel implements IHashKernel {
  constructor(public files: Record<string, FakeFile>) {}
  sent: ISent[] = [];
  hang = false;
  private _progress = new Map<string, number>();
  private _held: (() => void)[] = [];
  get requests(): string[][] {
    return this.sent.map(sent => sent.paths);
  }
  release(): void {
    this._held.splice(0).forEach(resolve => resolve());
  }
  requestExecute(content: any) {
    const expression: string = content.user_expressions[HASH_EXPRESSION_KEY];
    const args = JSON.parse(`[${/g\["hash_files"\]\((.*)\)\)\(\{\}\)$/s.exec(expression)![1]}]`);
    const [paths, root, notebook, allowHidden, maxSize, budget, consent, resolve] = args;
    this.sent.push({ paths, root, notebook, allowHidden, maxSize, budget, consent, resolve });
    // Null prototype: a path named __proto__ is a key like any other.
    const payload: Record<string, unknown> = Object.create(null);
    let first = true;
    let deadline = false;
    for (const path of paths) {
      const file = Object.prototype.hasOwnProperty.call(this.files, path) ? this.files[path] : undefined;
      if (deadline) {
        // The deadline passed on an earlier file: this one waits.
        payload[path] = { code: 'unfinished', skipped: 1, done: 0 };
      } else if (file && 'slices' in file && file.slices) {
        const done = first ? (this._progress.get(path) ?? 0) + 1 : 0;
        this._progress.set(path, done);
        payload[path] =
          done >= file.slices ? { sha256: file.sha256, size: file.size } : { code: 'unfinished', skipped: 1, done, size: file.size };
        deadline = done < file.slices;
        first = false;
      } else {
        payload[path] = file ?? { code: 'missing', error: `FileNotFoundError: ${path}` };
      }
    }
    const reply = {
      content: {
        status: 'ok',
        user_expressions: {
          [HASH_EXPRESSION_KEY]: {
            status: 'ok',
            data: { 'text/plain': `'${Buffer.from(JSON.stringify(payload)).toString('base64')}'` }
          }
        }
      }
    };
    return {
      done: this.hang ? new Promise<typeof reply>(resolve => this._held.push(() => resolve(reply))) : Promise.resolve(reply),
      dispose: () => undefined
    };
  }
}

const SCOPE: IHashScope = {
  root: '/home/ada',
  notebook: 'project/nb.ipynb',
  allowHidden: false,
  maxSize: 1024,
  timeout: 10000
};

function setup(
  options: { extension?: unknown; sources?: string[]; ready?: boolean; scope?: IHashScope | null; files?: Record<string, FakeFile> } = {}
) {
  const metadata = new Map<string, unknown>([[EXTENSION_KEY, options.extension]]);
  const source = {
    getMetadata: (key: string) => metadata.get(key),
    metadataChanged: new Signal<any, any>({}),
    contentChanged: new Signal<any, void>({})
  };
  const probe = { state: options.ready === false ? 'no-kernel' : 'ready', stateChanged: new Signal<any, unknown>({}) } as any;
  const kernel = new FakeKernel(options.files ?? { 'data/iris.csv': { sha256: DIGEST_A, size: 10 } });
  let cells = (options.sources ?? ['import pandas as pd\npd.read_csv("data/iris.csv")']).map(source => ({
    cell_type: 'code',
    source,
    outputs: [] as unknown[]
  }));
  let kernelKey = 'k1#0';
  const model = new DataModel({
    parser: () => parser,
    source,
    cells: () => cells,
    probe,
    kernel: () => kernel,
    kernelKey: () => kernelKey,
    directory: () => '/home/ada/project',
    scope: () => (options.scope === undefined ? SCOPE : options.scope),
    delay: 0
  });
  const setExtension = (value: unknown) => {
    metadata.set(EXTENSION_KEY, value);
    source.metadataChanged.emit({ key: EXTENSION_KEY, type: 'change' });
  };
  const setCells = (sources: string[]) => {
    cells = sources.map(source => ({ cell_type: 'code', source, outputs: [] }));
    source.contentChanged.emit();
  };
  const restart = (key: string) => {
    kernelKey = key;
    probe.stateChanged.emit(null);
  };
  return { model, kernel, probe, setExtension, setCells, restart };
}

const settle = () => new Promise(resolve => setTimeout(resolve, 0));

describe('the header data model', () => {
  it('verifies the manifest in one request: unchanged, changed, missing and new files', async () => {
    const extension = withDataManifest({}, [
      { path: 'data/iris.csv', sha256: DIGEST_A, size: 10 },
      { path: 'labels.json', sha256: DIGEST_B, size: 3 },
      { path: 'gone.npy', sha256: DIGEST_B, size: 5 }
    ]);
    const { model, kernel } = setup({
      extension,
      sources: ['import pandas as pd\npd.read_csv("data/iris.csv")\npd.read_parquet("fresh.parquet")']
    });
    kernel.files['labels.json'] = { sha256: DIGEST_A, size: 3 };
    kernel.files['fresh.parquet'] = { sha256: DIGEST_B, size: 8 };
    model.start();
    await settle();
    expect(kernel.requests).toHaveLength(1);
    expect(model.state).toBe('done');
    expect(model.rows.map(row => [row.path, row.status])).toEqual([
      ['data/iris.csv', 'unchanged'],
      ['gone.npy', 'missing'],
      ['labels.json', 'changed'],
      ['fresh.parquet', 'new']
    ]);
    expect(model.rows.find(row => row.path === 'gone.npy')!.error).toBe('FileNotFoundError: gone.npy');
  });

  it('waits for a ready kernel, then verifies; a restart verifies again', async () => {
    const extension = withDataManifest({}, [{ path: 'data/iris.csv', sha256: DIGEST_A, size: 10 }]);
    const { model, kernel, probe, restart } = setup({ extension, ready: false });
    model.start();
    await settle();
    expect(model.state).toBe('waiting');
    expect(model.rows.map(row => row.status)).toEqual(['pending']);
    probe.state = 'ready';
    probe.stateChanged.emit(null);
    await settle();
    expect(model.rows.map(row => row.status)).toEqual(['unchanged']);

    // Probe answers of the same kernel do not hash again.
    probe.stateChanged.emit(null);
    await settle();
    expect(kernel.requests).toHaveLength(1);

    kernel.files['data/iris.csv'] = { sha256: DIGEST_B, size: 11 };
    restart('k1#1');
    await settle();
    expect(kernel.requests).toHaveLength(2);
    expect(model.rows.map(row => row.status)).toEqual(['changed']);
  });

  it('verifies again when the manifest changes, not when only the history does', async () => {
    const { model, kernel, setExtension } = setup();
    model.start();
    await settle();
    expect(model.recorded).toBe(false);
    expect(model.rows.map(row => row.status)).toEqual(['new']);
    const manifest = withDataManifest({ history: [] }, [{ path: 'data/iris.csv', sha256: DIGEST_A, size: 10 }]);
    setExtension(manifest);
    await settle();
    expect(kernel.requests).toHaveLength(2);
    expect(model.recorded).toBe(true);
    expect(model.rows.map(row => row.status)).toEqual(['unchanged']);
    setExtension({ ...manifest, history: [{ version: '2' }] });
    await settle();
    expect(kernel.requests).toHaveLength(2);
  });

  it('has nothing to verify without a manifest or files read', async () => {
    const { model, kernel } = setup({ sources: ['x = 1'] });
    model.start();
    await settle();
    expect(model.state).toBe('idle');
    expect(kernel.requests).toHaveLength(0);
  });

  it('lists secrets and absolute paths, and scans again after an edit', async () => {
    const { model, setCells } = setup({ sources: ['x = 1'] });
    model.start();
    expect(model.secrets).toEqual([]);
    setCells(['password = "Tr0ub4dor&3-fake"', 'df = open("/home/ada/project/data/a.csv")']);
    await new Promise(resolve => setTimeout(resolve, 10));
    expect(model.secrets.map(finding => [finding.cell, finding.kind])).toEqual([[0, 'password-assignment']]);
    expect(model.absolutePaths.map(finding => [finding.cell, finding.relative])).toEqual([[1, 'data/a.csv']]);
    expect(model.unscanned).toEqual({ count: 0, cells: [] });
    setCells(['x = 1', `password = "Tr0ub4dor&3-fake"  # ${'x'.repeat(10000)}`]);
    await new Promise(resolve => setTimeout(resolve, 10));
    expect(model.secrets).toEqual([]);
    expect(model.unscanned).toEqual({ count: 1, cells: [1] });
  });
});

describe('the header data model on an untrusted notebook', () => {
  it('shows files it did not read by rule as not checked, never as missing, and asks about the project only', async () => {
    const extension = withDataManifest({}, [
      { path: '../../../../etc/passwd', sha256: DIGEST_A, size: 10 },
      { path: '__proto__', sha256: DIGEST_A, size: 1 },
      { path: 'fifo', sha256: DIGEST_B, size: 0 }
    ]);
    const { model, kernel } = setup({
      extension,
      sources: ['open("~/.aws/credentials").read()\nopen(".env").read()\nopen("huge.bin").read()'],
      files: {
        '../../../../etc/passwd': { code: 'outside', skipped: 1, resolved: '/etc/passwd' },
        ['__proto__']: { sha256: DIGEST_A, size: 1 },
        fifo: { code: 'special', skipped: 1 },
        '~/.aws/credentials': { code: 'hidden', skipped: 1 },
        '.env': { code: 'hidden', skipped: 1 },
        'huge.bin': { code: 'too-large', skipped: 1 }
      }
    });
    model.start();
    await settle();
    expect(kernel.sent).toHaveLength(1);
    expect(kernel.sent[0]).toMatchObject({
      root: '/home/ada',
      notebook: 'project/nb.ipynb',
      allowHidden: 0,
      maxSize: 1024,
      budget: 1,
      consent: [],
      resolve: 0
    });
    expect(model.rows.map(row => [row.path, row.status, row.reason ?? null])).toEqual([
      ['../../../../etc/passwd', 'not-checked', 'outside'],
      // A path named __proto__ compares like any other.
      ['__proto__', 'unchanged', null],
      ['fifo', 'not-checked', 'special'],
      ['.env', 'not-checked', 'hidden'],
      ['huge.bin', 'not-checked', 'too-large'],
      ['~/.aws/credentials', 'not-checked', 'hidden']
    ]);
    expect(model.rows[0].resolved).toBe('/etc/passwd');
    expect(model.rows[0].stored).toMatchObject({ sha256: DIGEST_A });
  });

  it('reads nothing when the project root is unknown', async () => {
    const { model, kernel } = setup({ scope: { ...SCOPE, root: '' } });
    model.start();
    await settle();
    expect(kernel.sent).toHaveLength(0);
    expect(model.rows.map(row => [row.status, row.reason])).toEqual([['not-checked', 'unseen']]);
  });

  it('sends one bounded request on open; Check again goes on until done, with progress, and can stop', async () => {
    const files: Record<string, FakeFile> = {
      'big.bin': { sha256: DIGEST_A, size: 100, slices: 3 },
      'data/iris.csv': { sha256: DIGEST_B, size: 10 }
    };
    const { model, kernel } = setup({ sources: ['open("big.bin")\nopen("data/iris.csv")'], files, scope: { ...SCOPE, timeout: 2000 } });
    model.start();
    await settle();
    expect(kernel.sent).toHaveLength(1);
    expect(kernel.sent[0].budget).toBe(0.5);
    expect(model.rows.map(row => [row.path, row.status, row.reason ?? null])).toEqual([
      ['big.bin', 'not-checked', 'unfinished'],
      ['data/iris.csv', 'not-checked', 'unfinished']
    ]);
    const progress: unknown[] = [];
    model.changed.connect(() => progress.push(model.progress));
    await model.verify({ all: true });
    expect(kernel.requests).toEqual([['big.bin', 'data/iris.csv'], ['big.bin', 'data/iris.csv'], ['big.bin', 'data/iris.csv']]);
    expect(model.rows.map(row => row.status)).toEqual(['new', 'new']);
    expect(progress).toContainEqual({ files: 0, total: 2 });
    expect(progress).toContainEqual({ files: 2, total: 2 });

    kernel.files['other.bin'] = { sha256: DIGEST_A, size: 100, slices: 5 };
    const { model: stopping, kernel: kernel2 } = setup({ sources: ['open("other.bin")'], files: { 'other.bin': { sha256: DIGEST_A, size: 100, slices: 5 } } });
    stopping.start();
    await settle();
    stopping.changed.connect(() => {
      if (stopping.progress) {
        stopping.stop();
      }
    });
    await stopping.verify({ all: true });
    expect(kernel2.requests).toHaveLength(2);
    expect(stopping.rows.map(row => row.reason)).toEqual(['unfinished']);
  });

  it('sends nothing again after a request timed out; takes the late answer when it comes', async () => {
    jest.useFakeTimers();
    try {
      const { model, kernel, probe } = setup({ scope: { ...SCOPE, timeout: 3000 } });
      kernel.hang = true;
      const flush = async () => {
        for (let i = 0; i < 10; i++) {
          await Promise.resolve();
        }
      };
      model.start();
      await flush();
      jest.advanceTimersByTime(3000);
      await flush();
      expect(model.state).toBe('failed');
      expect(model.detail).toBe('the kernel did not answer within 3 s');
      // The probe answers again (after the user's cells): nothing resent.
      probe.stateChanged.emit(null);
      await Promise.resolve();
      expect(kernel.sent).toHaveLength(1);
      kernel.release();
      await flush();
      expect(model.state).toBe('done');
      expect(model.rows.map(row => row.status)).toEqual(['new']);
      expect(kernel.sent).toHaveLength(1);
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('hashFilesInKernel', () => {
  const query = { paths: ['a', 'b', 'c'], root: '/r', notebook: 'nb.ipynb' };

  it('goes on with the files not finished only, and reports progress', async () => {
    const kernel = new FakeKernel({ a: { sha256: DIGEST_A, size: 1 }, b: { sha256: DIGEST_B, size: 4, slices: 2 } });
    const progress: unknown[] = [];
    const outcome = await hashFilesInKernel(kernel, query, { onProgress: p => progress.push(p) });
    // The deadline passed in b: c waited for the second request.
    expect(kernel.requests).toEqual([['a', 'b', 'c'], ['b', 'c']]);
    expect(progress).toEqual([
      { files: 1, total: 3, fraction: (1 + 0.25) / 3 },
      { files: 3, total: 3, fraction: 1 }
    ]);
    expect(outcome.ok && [...outcome.files]).toEqual([
      ['a', { sha256: DIGEST_A, size: 1 }],
      ['b', { sha256: DIGEST_B, size: 4 }],
      ['c', { code: 'missing', error: 'FileNotFoundError: c' }]
    ]);
  });

  it('sends no more than maxRequests, and none once cancelled', async () => {
    const kernel = new FakeKernel({ b: { sha256: DIGEST_B, size: 4, slices: 3 } });
    const once = await hashFilesInKernel(kernel, query, { maxRequests: 1 });
    expect(kernel.requests).toHaveLength(1);
    expect(once.ok && once.files.get('b')).toEqual({ code: 'unfinished', skipped: true, done: 1, size: 4 });
    const none = await hashFilesInKernel(kernel, query, { cancelled: () => true });
    expect(kernel.requests).toHaveLength(1);
    expect(none.ok && none.files.get('a')).toEqual({ code: 'unfinished', skipped: true, done: 0 });
  });

  it('splits many paths into requests of 1000', async () => {
    const kernel = new FakeKernel({});
    const paths = Array.from({ length: 2500 }, (_, i) => `f${i}`);
    await hashFilesInKernel(kernel, { ...query, paths });
    expect(kernel.requests.map(request => request.length)).toEqual([1000, 1000, 500]);
  });

  it('gives up on a kernel that does not answer in time, and sends it nothing more until it does', async () => {
    const kernel = new FakeKernel({ a: { sha256: DIGEST_A, size: 1 } });
    kernel.hang = true;
    const outcome = await hashFilesInKernel(kernel, query, { timeout: 5 });
    expect(outcome).toMatchObject({ ok: false, detail: 'the kernel did not answer within 1 s' });
    expect(await hashFilesInKernel(kernel, query)).toEqual({
      ok: false,
      detail: 'the kernel has not answered an earlier request yet (it may be running cells)'
    });
    expect(kernel.sent).toHaveLength(1);
    kernel.release();
    const late = await (outcome as { late: Promise<any> }).late;
    expect(late.ok && late.files.get('a')).toEqual({ sha256: DIGEST_A, size: 1 });
    kernel.hang = false;
    await settle();
    expect((await hashFilesInKernel(kernel, query)).ok).toBe(true);
    expect(kernel.sent).toHaveLength(2);
  });
});
