// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { Signal } from '@lumino/signaling';
import { withDataManifest } from '../core/dataManifest';
import { HASH_EXPRESSION_KEY } from '../core/hashRequest';
import { EXTENSION_KEY } from '../core/history';
import { DataModel } from '../header/dataModel';
import { hashFilesInKernel, IHashKernel } from '../kernel/hashFiles';

const DIGEST_A = 'a'.repeat(64);
const DIGEST_B = 'b'.repeat(64);

/**
 * A fake kernel whose disk holds `files` (path -> digest): it answers hash
 * requests as the Python hasher would, and counts them.
 */
class FakeKernel implements IHashKernel {
  constructor(public files: Record<string, { sha256: string; size: number }>) {}
  requests: string[][] = [];
  hang = false;
  requestExecute(content: any) {
    const expression: string = content.user_expressions[HASH_EXPRESSION_KEY];
    const paths: string[] = JSON.parse(/g\["hash_files"\]\((\[.*?\]), /.exec(expression)![1]);
    this.requests.push(paths);
    const payload: Record<string, unknown> = {};
    for (const path of paths) {
      payload[path] = this.files[path] ?? { code: 'missing', error: `FileNotFoundError: ${path}` };
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
      done: this.hang ? new Promise<typeof reply>(() => undefined) : Promise.resolve(reply),
      dispose: () => undefined
    };
  }
}

function setup(options: { extension?: unknown; sources?: string[]; ready?: boolean } = {}) {
  const metadata = new Map<string, unknown>([[EXTENSION_KEY, options.extension]]);
  const source = {
    getMetadata: (key: string) => metadata.get(key),
    metadataChanged: new Signal<any, any>({}),
    contentChanged: new Signal<any, void>({})
  };
  const probe = { state: options.ready === false ? 'no-kernel' : 'ready', stateChanged: new Signal<any, unknown>({}) } as any;
  const kernel = new FakeKernel({ 'data/iris.csv': { sha256: DIGEST_A, size: 10 } });
  let cells = (options.sources ?? ['import pandas as pd\npd.read_csv("data/iris.csv")']).map(source => ({
    cell_type: 'code',
    source,
    outputs: [] as unknown[]
  }));
  let kernelKey = 'k1#0';
  const model = new DataModel({
    source,
    cells: () => cells,
    probe,
    kernel: () => kernel,
    kernelKey: () => kernelKey,
    directory: () => '/home/ada/project',
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

describe('hashFilesInKernel', () => {
  it('sends one request per batch and reports progress', async () => {
    const kernel = new FakeKernel({ a: { sha256: DIGEST_A, size: 1 }, b: { sha256: DIGEST_B, size: 2 } });
    const progress: [number, number][] = [];
    const outcome = await hashFilesInKernel(kernel, { paths: ['a', 'b', 'c'] }, {
      batch: 1,
      onProgress: (done, total) => progress.push([done, total])
    });
    expect(kernel.requests).toEqual([['a'], ['b'], ['c']]);
    expect(progress).toEqual([[1, 3], [2, 3], [3, 3]]);
    expect(outcome).toMatchObject({ ok: true, files: { a: { size: 1 }, b: { size: 2 }, c: { code: 'missing' } } });
  });

  it('gives up on a kernel that does not answer in time', async () => {
    const kernel = new FakeKernel({});
    kernel.hang = true;
    expect(await hashFilesInKernel(kernel, { paths: ['a'] }, { timeout: 5 })).toEqual({
      ok: false,
      detail: 'the kernel did not answer within 1 s'
    });
  });
});
