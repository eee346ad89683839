// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { Signal } from '@lumino/signaling';
import { withDataManifest } from '../../core/data/manifest';
import { DataModel } from '../../session/data';
import { IHashScope } from '../../kernel/hashFiles';
import {
  DIGEST_A,
  DIGEST_B,
  FakeFile,
  FakeHashKernel as FakeKernel
} from '../kernel/fakeHashKernel';
import { parser } from '@lezer/python';
import { EXTENSION_KEY } from '../../core/extension/metadata';

const SCOPE: IHashScope = {
  root: '/home/ada',
  notebook: 'project/nb.ipynb',
  allowHidden: false,
  maxSize: 1024,
  timeout: 10000
};

function setup(
  options: {
    extension?: unknown;
    sources?: string[];
    ready?: boolean;
    scope?: IHashScope;
    files?: Record<string, FakeFile>;
    changes?: DataModel.IOptions['changes'];
  } = {}
) {
  const metadata = new Map<string, unknown>([
    [EXTENSION_KEY, options.extension]
  ]);
  const source = {
    getMetadata: (key: string) => metadata.get(key),
    metadataChanged: new Signal<any, any>({}),
    contentChanged: new Signal<any, void>({})
  };
  const probe = {
    state: options.ready === false ? 'no-kernel' : 'ready',
    stateChanged: new Signal<any, unknown>({})
  } as any;
  const kernel = new FakeKernel(
    options.files ?? { 'data/iris.csv': { sha256: DIGEST_A, size: 10 } }
  );
  let cells = (
    options.sources ?? ['import pandas as pd\npd.read_csv("data/iris.csv")']
  ).map(source => ({
    cell_type: 'code',
    source,
    outputs: [] as unknown[]
  }));
  let kernelKey = 'k1#0';
  let reads = 0;
  const model = new DataModel({
    parser,
    source,
    cells: () => {
      reads++;
      return cells;
    },
    changes: options.changes,
    probe,
    kernel: () => kernel,
    kernelKey: () => kernelKey,
    scope: () => options.scope ?? SCOPE,
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
  return {
    model,
    kernel,
    probe,
    setExtension,
    setCells,
    restart,
    reads: () => reads
  };
}

const settle = () => new Promise(resolve => setTimeout(resolve, 0));

describe('the data model', () => {
  it('reads the cells again after a pause only if a source changed, not for outputs and counts', async () => {
    // The execution monitor's tracker, following sources only.
    let edited = false;
    const changes = {
      isDisposed: false,
      listChanged: false,
      get hasChanges() {
        return edited;
      },
      take: () => {
        edited = false;
        return [];
      },
      dispose() {
        this.isDisposed = true;
      }
    };
    const { model, reads, setCells } = setup({ changes });
    model.start();
    await settle();
    const before = reads();
    expect(before).toBeGreaterThan(0);
    // A run: outputs and counts change the notebook, no source does.
    for (let i = 0; i < 5; i++) {
      setCells(['import pandas as pd\npd.read_csv("data/iris.csv")']);
    }
    await settle();
    await settle();
    expect(reads()).toBe(before);
    edited = true;
    setCells(['import pandas as pd\npd.read_csv("data/other.csv")']);
    await settle();
    await settle();
    expect(reads()).toBe(before + 1);
    expect(model.detected).toEqual(['data/other.csv']);
    model.dispose();
    expect(changes.isDisposed).toBe(true);
  });

  it('verifies the manifest in one request: unchanged, changed, missing and new files', async () => {
    const extension = withDataManifest({}, [
      { path: 'data/iris.csv', sha256: DIGEST_A, size: 10 },
      { path: 'labels.json', sha256: DIGEST_B, size: 3 },
      { path: 'gone.npy', sha256: DIGEST_B, size: 5 }
    ]);
    const { model, kernel } = setup({
      extension,
      sources: [
        'import pandas as pd\npd.read_csv("data/iris.csv")\npd.read_parquet("fresh.parquet")'
      ]
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
    expect(model.rows.find(row => row.path === 'gone.npy')!.error).toBe(
      'FileNotFoundError: gone.npy'
    );
  });

  it('waits for a ready kernel, then verifies; a restart verifies again', async () => {
    const extension = withDataManifest({}, [
      { path: 'data/iris.csv', sha256: DIGEST_A, size: 10 }
    ]);
    const { model, kernel, probe, restart } = setup({
      extension,
      ready: false
    });
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
    const manifest = withDataManifest({ history: [] }, [
      { path: 'data/iris.csv', sha256: DIGEST_A, size: 10 }
    ]);
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

  it('verifies against the files the code reads now, even right after an edit', async () => {
    const { model, setCells } = setup({ sources: ['x = 1'], ready: false });
    model.start();
    await settle();
    expect(model.state).toBe('idle');
    // A read typed a moment ago, verified before the edits' pause is over.
    setCells(['import pandas as pd\npd.read_csv("data/iris.csv")']);
    await model.verify();
    expect(model.state).toBe('waiting');
  });
});

describe('the data model on an untrusted notebook', () => {
  it('shows files it did not read by rule as not checked, never as missing, and asks about the project only', async () => {
    const extension = withDataManifest({}, [
      { path: '../../../../etc/passwd', sha256: DIGEST_A, size: 10 },
      { path: '__proto__', sha256: DIGEST_A, size: 1 },
      { path: 'fifo', sha256: DIGEST_B, size: 0 }
    ]);
    const { model, kernel } = setup({
      extension,
      sources: [
        'open("~/.aws/credentials").read()\nopen(".env").read()\nopen("huge.bin").read()'
      ],
      files: {
        '../../../../etc/passwd': {
          code: 'outside',
          skipped: 1,
          resolved: '/etc/passwd'
        },
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
    expect(
      model.rows.map(row => [row.path, row.status, row.reason ?? null])
    ).toEqual([
      ['../../../../etc/passwd', 'not-checked', 'outside'],
      // A path named __proto__ compares like any other.
      ['__proto__', 'unchanged', null],
      ['fifo', 'not-checked', 'special'],
      ['.env', 'not-checked', 'hidden'],
      ['huge.bin', 'not-checked', 'too-large'],
      ['~/.aws/credentials', 'not-checked', 'hidden']
    ]);
    // Hidden files the code reads are not data to record.
    expect(model.rows.filter(row => row.notData).map(row => row.path)).toEqual([
      '.env',
      '~/.aws/credentials'
    ]);
    expect(model.rows[0].resolved).toBe('/etc/passwd');
    expect(model.rows[0].stored).toMatchObject({ sha256: DIGEST_A });
  });

  it('marks a hidden file the code reads as not data, unless the server shows hidden files', async () => {
    const files: Record<string, FakeFile> = {
      '.env': { code: 'hidden', skipped: 1 },
      'data/.cache/x.csv': { code: 'hidden', skipped: 1 },
      'data/x.csv': { sha256: DIGEST_A, size: 3 }
    };
    const sources = [
      'open(".env").read()\nopen("data/.cache/x.csv").read()\nopen("data/x.csv").read()'
    ];
    const hidden = setup({ sources, files });
    hidden.model.start();
    await settle();
    expect(
      hidden.model.rows.map(row => [
        row.path,
        row.status,
        row.reason ?? null,
        row.notData ?? false
      ])
    ).toEqual([
      ['.env', 'not-checked', 'hidden', true],
      ['data/.cache/x.csv', 'not-checked', 'hidden', true],
      ['data/x.csv', 'new', null, false]
    ]);
    const shown = setup({
      sources,
      scope: { ...SCOPE, allowHidden: true },
      files: {
        '.env': { sha256: DIGEST_B, size: 5 },
        'data/.cache/x.csv': { sha256: DIGEST_B, size: 5 },
        'data/x.csv': { sha256: DIGEST_A, size: 3 }
      }
    });
    shown.model.start();
    await settle();
    expect(
      shown.model.rows.map(row => [row.path, row.status, row.notData ?? false])
    ).toEqual([
      ['.env', 'new', false],
      ['data/.cache/x.csv', 'new', false],
      ['data/x.csv', 'new', false]
    ]);
  });

  it('reads nothing when the project root is unknown', async () => {
    const { model, kernel } = setup({ scope: { ...SCOPE, root: '' } });
    model.start();
    await settle();
    expect(kernel.sent).toHaveLength(0);
    expect(model.rows.map(row => [row.status, row.reason])).toEqual([
      ['not-checked', 'unseen']
    ]);
  });

  it('sends one bounded request on open; Check again goes on until done, with progress, and can stop', async () => {
    const files: Record<string, FakeFile> = {
      'big.bin': { sha256: DIGEST_A, size: 100, slices: 3 },
      'data/iris.csv': { sha256: DIGEST_B, size: 10 }
    };
    const { model, kernel } = setup({
      sources: ['open("big.bin")\nopen("data/iris.csv")'],
      files,
      scope: { ...SCOPE, timeout: 2000 }
    });
    model.start();
    await settle();
    expect(kernel.sent).toHaveLength(1);
    expect(kernel.sent[0].budget).toBe(0.5);
    expect(
      model.rows.map(row => [row.path, row.status, row.reason ?? null])
    ).toEqual([
      ['big.bin', 'not-checked', 'unfinished'],
      ['data/iris.csv', 'not-checked', 'unfinished']
    ]);
    const progress: unknown[] = [];
    model.changed.connect(() => progress.push(model.progress));
    await model.verify({ all: true });
    expect(kernel.requests).toEqual([
      ['big.bin', 'data/iris.csv'],
      ['big.bin', 'data/iris.csv'],
      ['big.bin', 'data/iris.csv']
    ]);
    expect(model.rows.map(row => row.status)).toEqual(['new', 'new']);
    expect(progress).toContainEqual({ files: 0, total: 2 });
    expect(progress).toContainEqual({ files: 2, total: 2 });

    kernel.files['other.bin'] = { sha256: DIGEST_A, size: 100, slices: 5 };
    const { model: stopping, kernel: kernel2 } = setup({
      sources: ['open("other.bin")'],
      files: { 'other.bin': { sha256: DIGEST_A, size: 100, slices: 5 } }
    });
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
      const { model, kernel, probe } = setup({
        scope: { ...SCOPE, timeout: 3000 }
      });
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
      expect(model.failure).toEqual({ problem: 'timeout', seconds: 3 });
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
