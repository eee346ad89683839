// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { hashFileStreaming } from '../cli/hash';
import { ExitCode, main, USAGE } from '../cli/main';
import { withDataManifest } from '../core/dataManifest';

const ROOT = path.resolve(__dirname, '../..');

/**
 * A notebook in `<tmp>/analysis` reading `data/iris.csv`, with its data
 * manifest recorded as the file is now.
 */
let root: string;
let notebook: string;

function write(relative: string, text: string): void {
  const file = path.join(root, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

beforeEach(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'nbproject-cli-data-'));
  notebook = path.join(root, 'analysis', 'nb.ipynb');
  write('analysis/data/iris.csv', 'sepal_length,species\n5.1,setosa\n');
  const digest = await hashFileStreaming(path.join(root, 'analysis/data/iris.csv'));
  write(
    'analysis/nb.ipynb',
    JSON.stringify({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { jupyterlab_nbproject: withDataManifest({}, [{ path: 'data/iris.csv', ...digest }]) },
      cells: [
        {
          cell_type: 'code',
          source: 'import pandas as pd\ndf = pd.read_csv("data/iris.csv")',
          metadata: {},
          execution_count: 1,
          outputs: []
        }
      ]
    })
  );
});

afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

/**
 * Run the program in memory on real files.
 */
async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const status = await main(args, {
    stdout: text => (stdout += text),
    stderr: text => (stderr += text),
    readFile: file => fs.readFileSync(file, 'utf8')
  });
  return { status, stdout, stderr };
}

describe('nbproject-lab check --data, through main', () => {
  it('exits 0 while the recorded file is unchanged, 1 once it changed or is gone', async () => {
    let result = await run(['check', '--data', notebook]);
    expect(result).toEqual({
      status: ExitCode.Ok,
      stdout: `${notebook}\n  data         1 recorded: 1 unchanged, 0 changed, 0 missing\n\n`,
      stderr: ''
    });

    write('analysis/data/iris.csv', 'sepal_length,species\n9.9,setosa\n');
    result = await run(['check', '--data', notebook]);
    expect(result.status).toBe(ExitCode.Failed);
    expect(result.stdout).toContain('changed  data/iris.csv');

    fs.rmSync(path.join(root, 'analysis/data/iris.csv'));
    result = await run(['check', notebook, '--data']);
    expect(result.status).toBe(ExitCode.Failed);
    expect(result.stdout).toContain('missing  data/iris.csv (no such file)');
  });

  it('prints JSON with --json, and exits 2 for a file that is not a notebook', async () => {
    write('analysis/broken.ipynb', '{ not json');
    const { status, stdout, stderr } = await run(['check', '--data', '--json', notebook, path.join(root, 'analysis/broken.ipynb')]);
    expect(status).toBe(ExitCode.BadInput);
    const lines = stdout.trim().split('\n').map(line => JSON.parse(line));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ file: notebook, data: { recorded: true, ok: true } });
    expect(stderr).toMatch(/broken\.ipynb: data not checked/);
  });

  it('refuses --data with --require, and documents --data in the help', async () => {
    const { status, stderr } = await run(['check', '--data', '--require', 'title', notebook]);
    expect(status).toBe(ExitCode.BadInput);
    expect(stderr).toContain('nbproject-lab: --data verifies data files only');
    expect(USAGE).toContain('nbproject-lab check --data [--json] NOTEBOOK...');
  });

  it('keeps the other commands synchronous', () => {
    const status = main(['check', notebook], {
      stdout: () => undefined,
      stderr: () => undefined,
      readFile: file => fs.readFileSync(file, 'utf8')
    });
    expect(status).toBe(ExitCode.Ok);
  });
});

describe('bin/nbproject-lab.js check --data', () => {
  beforeAll(() => {
    // The program runs from dist-cli: build it when sources are newer.
    const built = (() => {
      try {
        return fs.statSync(path.join(ROOT, 'dist-cli/cli/main.js')).mtimeMs;
      } catch {
        return 0;
      }
    })();
    const stale = ['src/core', 'src/cli'].some(dir =>
      fs.readdirSync(path.join(ROOT, dir)).some(file => fs.statSync(path.join(ROOT, dir, file)).mtimeMs > built)
    );
    if (stale) {
      execFileSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.cli.json'], {
        cwd: ROOT,
        stdio: 'pipe'
      });
    }
  }, 120000);

  it('waits for the hashes and exits with their verdict', () => {
    const bin = path.join(ROOT, 'bin/nbproject-lab.js');
    const ok = spawnSync(process.execPath, [bin, 'check', '--data', 'analysis/nb.ipynb'], { cwd: root, encoding: 'utf8' });
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(ExitCode.Ok);
    expect(ok.stdout).toContain('1 recorded: 1 unchanged');

    write('analysis/data/iris.csv', 'different\n');
    const changed = spawnSync(process.execPath, [bin, 'check', '--data', 'analysis/nb.ipynb'], { cwd: root, encoding: 'utf8' });
    expect(changed.status).toBe(ExitCode.Failed);
    expect(changed.stdout).toContain('changed  data/iris.csv');
  });
});
