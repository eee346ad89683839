// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { checkData, IDataCheckIO } from '../cli/data';
import { hashFileStreaming } from '../cli/hash';
import { IDataManifestEntry, withDataManifest } from '../core/dataManifest';

/**
 * A project in a temporary directory: a notebook in `analysis/` reading
 * `data/iris.csv` and `../shared/labels.json`, with their manifest.
 */
let root: string;
let notebook: string;

function write(relative: string, text: string): void {
  const file = path.join(root, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

async function writeNotebook(manifest: 'hash' | 'none' | IDataManifestEntry[], sources: string[]): Promise<void> {
  let entries: IDataManifestEntry[] | null = null;
  if (manifest === 'hash') {
    entries = [];
    for (const file of ['data/iris.csv', '../shared/labels.json']) {
      entries.push({ path: file, ...(await hashFileStreaming(path.join(root, 'analysis', file))) });
    }
  } else if (manifest !== 'none') {
    entries = manifest;
  }
  const metadata = entries === null ? {} : { jupyterlab_nbproject: withDataManifest({ history: [] }, entries) };
  write(
    'analysis/nb.ipynb',
    JSON.stringify({
      nbformat: 4,
      nbformat_minor: 5,
      metadata,
      cells: sources.map(source => ({ cell_type: 'code', source, metadata: {}, execution_count: null, outputs: [] }))
    })
  );
}

const READS = ['import pandas as pd\ndf = pd.read_csv("data/iris.csv")', 'import json\nlabels = json.load(open("../shared/labels.json"))'];

/**
 * Run the check with real files, capturing the output.
 */
async function run(files: string[] = [notebook], json = false, io: Partial<IDataCheckIO> = {}) {
  let stdout = '';
  let stderr = '';
  const status = await checkData(
    files,
    {
      stdout: text => (stdout += text),
      stderr: text => (stderr += text),
      readFile: file => fs.readFileSync(file, 'utf8'),
      ...io
    },
    { json }
  );
  return { status, stdout, stderr };
}

beforeEach(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'nbproject-data-'));
  notebook = path.join(root, 'analysis', 'nb.ipynb');
  write('analysis/data/iris.csv', 'sepal_length,species\n5.1,setosa\n');
  write('shared/labels.json', '{"setosa": 0}\n');
  await writeNotebook('hash', READS);
});

afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

describe('nbproject-lab check --data', () => {
  it('passes when every recorded file is unchanged, hashing relative to the notebook', async () => {
    const cwd = process.cwd();
    process.chdir(os.tmpdir());
    try {
      const { status, stdout, stderr } = await run();
      expect(stderr).toBe('');
      expect(status).toBe(0);
      expect(stdout).toBe(`${notebook}\n  data         2 recorded: 2 unchanged, 0 changed, 0 missing\n\n`);
    } finally {
      process.chdir(cwd);
    }
  });

  it('fails with exit 1 on a changed file and says what changed', async () => {
    write('analysis/data/iris.csv', 'sepal_length,species\n5.1,setosa\n4.9,setosa\n');
    const { status, stdout } = await run();
    expect(status).toBe(1);
    expect(stdout).toMatch(/2 recorded: 1 unchanged, 1 changed, 0 missing/);
    expect(stdout).toMatch(/changed {2}data\/iris\.csv \(recorded 32 bytes, sha256 [0-9a-f]{12}…; now 43 bytes, [0-9a-f]{12}…\)/);
  });

  it('fails with exit 1 on a missing file, and says why a file that is there cannot be read', async () => {
    fs.rmSync(path.join(root, 'shared', 'labels.json'));
    fs.mkdirSync(path.join(root, 'shared', 'labels.json'));
    fs.rmSync(path.join(root, 'analysis', 'data', 'iris.csv'));
    const { status, stdout } = await run();
    expect(status).toBe(1);
    expect(stdout).toContain('missing  data/iris.csv (no such file)');
    expect(stdout).toMatch(/missing {2}\.\.\/shared\/labels\.json \(EISDIR/);
  });

  it('lists files the code reads but the manifest does not record as new, without failing', async () => {
    write('analysis/extra.parquet', 'PAR1');
    await writeNotebook('hash', [...READS, 'import pandas as pd\npd.read_parquet("extra.parquet")\npd.read_csv("absent.csv")']);
    const { status, stdout } = await run();
    expect(status).toBe(0);
    expect(stdout).toContain('2 recorded: 2 unchanged, 0 changed, 0 missing; 1 new');
    expect(stdout).toContain('new      extra.parquet (read by the notebook, not recorded; 4 bytes)');
    expect(stdout).not.toContain('absent.csv');
  });

  it('passes a notebook without a manifest, saying so', async () => {
    await writeNotebook('none', READS);
    const { status, stdout } = await run();
    expect(status).toBe(0);
    expect(stdout).toContain('no data manifest (publish the notebook in JupyterLab to record its data files)');
  });

  it('prints one JSON object per notebook with --json', async () => {
    write('analysis/data/iris.csv', 'changed\n');
    const { status, stdout } = await run([notebook], true);
    expect(status).toBe(1);
    const lines = stdout.trim().split('\n').map(line => JSON.parse(line));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toEqual({
      file: notebook,
      data: {
        recorded: true,
        ok: false,
        problems: [],
        files: [
          // Stored sorted by path.
          {
            path: '../shared/labels.json',
            status: 'unchanged',
            stored: expect.objectContaining({ size: 14 }),
            current: expect.objectContaining({ size: 14 })
          },
          {
            path: 'data/iris.csv',
            status: 'changed',
            stored: { path: 'data/iris.csv', sha256: expect.stringMatching(/^[0-9a-f]{64}$/), size: 32 },
            current: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/), size: 8 }
          }
        ]
      }
    });
  });

  it('exits 2 for a notebook it cannot read and goes on with the others', async () => {
    write('bad.ipynb', '{"not": "a notebook"}');
    const { status, stdout, stderr } = await run([path.join(root, 'missing.ipynb'), path.join(root, 'bad.ipynb'), notebook]);
    expect(status).toBe(2);
    expect(stderr).toContain('missing.ipynb: data not checked (cannot read:');
    expect(stderr).toContain('bad.ipynb: data not checked (not a notebook (no "nbformat" version))');
    expect(stdout).toContain('2 recorded: 2 unchanged');
  });

  it('reports manifest problems and uses the injected hasher', async () => {
    await writeNotebook('none', []);
    const file = path.join(root, 'analysis', 'nb.ipynb');
    const nb = JSON.parse(fs.readFileSync(file, 'utf8'));
    nb.metadata.jupyterlab_nbproject = { data: { files: [{ path: 'x.csv', sha256: 'a'.repeat(64), size: 3 }, 'junk'] } };
    fs.writeFileSync(file, JSON.stringify(nb));
    const hashed: string[] = [];
    const { status, stdout } = await run([file], false, {
      hashFile: async p => {
        hashed.push(p);
        return { sha256: 'a'.repeat(64), size: 3 };
      }
    });
    expect(status).toBe(0);
    expect(hashed).toEqual([path.join(root, 'analysis', 'x.csv')]);
    expect(stdout).toContain('Data file 2 of the manifest could not be read; it was ignored.');
  });
});
