// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { checkData, dataRoot, IDataCheckIO } from '../../cli/data';
import { hashFileStreaming } from '../../cli/hash';
import { ExitCode, main, USAGE } from '../../cli/main';
import { IDataManifestEntry, withDataManifest } from '../../core/data/manifest';
import { buildCliIfStale, runBin } from './cliBuild';
import { notebookText } from './scratch';

/**
 * A project in a temporary git work tree: a notebook in `analysis/`
 * reading `data/iris.csv` and `../shared/labels.json`, with their
 * manifest.
 */
let root: string;
let notebook: string;

function write(relative: string, text: string): void {
  const file = path.join(root, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

/**
 * A manifest entry for a file as it is now (relative to the notebook).
 */
async function entry(file: string): Promise<IDataManifestEntry> {
  return {
    path: file,
    ...(await hashFileStreaming(path.resolve(root, 'analysis', file)))
  };
}

/**
 * A manifest entry for a file that is not read (any digest will do).
 */
function unread(file: string): IDataManifestEntry {
  return { path: file, sha256: 'a'.repeat(64), size: 1 };
}

async function writeNotebook(
  manifest: 'hash' | 'none' | IDataManifestEntry[],
  sources: string[],
  name = 'nb.ipynb'
): Promise<void> {
  let entries: IDataManifestEntry[] | null = null;
  if (manifest === 'hash') {
    entries = [
      await entry('data/iris.csv'),
      await entry('../shared/labels.json')
    ];
  } else if (manifest !== 'none') {
    entries = manifest;
  }
  const metadata =
    entries === null
      ? {}
      : { jupyterlab_nbproject: withDataManifest({ history: [] }, entries) };
  write(
    `analysis/${name}`,
    JSON.stringify({
      nbformat: 4,
      nbformat_minor: 5,
      metadata,
      cells: sources.map(source => ({
        cell_type: 'code',
        source,
        metadata: {},
        execution_count: null,
        outputs: []
      }))
    })
  );
}

const READS = [
  'import pandas as pd\ndf = pd.read_csv("data/iris.csv")',
  'import json\nlabels = json.load(open("../shared/labels.json"))'
];

/**
 * Run the check in memory with real files, capturing the output.
 */
async function run(
  files: string[] = [notebook],
  options: Parameters<typeof checkData>[2] = {},
  io: Partial<IDataCheckIO> = {}
) {
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
    options
  );
  return { status, stdout, stderr };
}

beforeEach(async () => {
  root = fs.realpathSync(
    fs.mkdtempSync(path.join(os.tmpdir(), 'nbproject-data-'))
  );
  execFileSync('git', ['init', '-q', root]);
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
      expect(stdout).toBe(
        `${notebook}\n  data         2 recorded: 2 unchanged, 0 changed, 0 missing\n\n`
      );
    } finally {
      process.chdir(cwd);
    }
  });

  it('names the notebooks of a run that record and read no data file in one line, at the end', async () => {
    await writeNotebook('none', ['x = 1'], 'a.ipynb');
    await writeNotebook('none', ['x = 1'], 'b.ipynb');
    // No manifest, but it reads a file: reported in full.
    await writeNotebook('none', [READS[0]], 'reads.ipynb');
    const others = ['a.ipynb', 'reads.ipynb', 'b.ipynb'].map(name =>
      path.join(root, 'analysis', name)
    );
    const { status, stdout } = await run([
      others[0],
      notebook,
      ...others.slice(1)
    ]);
    expect(status).toBe(0);
    const paragraphs = stdout.split('\n\n');
    expect(paragraphs[0]).toBe(
      `${notebook}\n  data         2 recorded: 2 unchanged, 0 changed, 0 missing`
    );
    expect(paragraphs[1]).toMatch(
      new RegExp(
        `^${others[1]}\\n  data         no data manifest .*\\n +new +data/iris\\.csv`
      )
    );
    expect(paragraphs[2]).toBe(
      `2 notebooks record no data files and read none (no data manifest; publishing in JupyterLab records the files a notebook reads): ${others[0]}, ${others[2]}\n`
    );
    // One notebook alone keeps its own report.
    expect((await run([others[0]])).stdout).toBe(
      `${others[0]}\n  data         no data manifest (publish the notebook in JupyterLab to record its data files)\n\n`
    );
  });

  it('fails with exit 1 on a changed file and says what changed', async () => {
    write(
      'analysis/data/iris.csv',
      'sepal_length,species\n5.1,setosa\n4.9,setosa\n'
    );
    const { status, stdout } = await run();
    expect(status).toBe(1);
    expect(stdout).toMatch(/2 recorded: 1 unchanged, 1 changed, 0 missing/);
    expect(stdout).toMatch(
      /changed {2}data\/iris\.csv \(recorded 32 bytes, sha256 [0-9a-f]{12}…; now 43 bytes, [0-9a-f]{12}…\)/
    );
  });

  it('fails with exit 1 on a missing file, and on a directory where a file was', async () => {
    fs.rmSync(path.join(root, 'shared', 'labels.json'));
    fs.mkdirSync(path.join(root, 'shared', 'labels.json'));
    fs.rmSync(path.join(root, 'analysis', 'data', 'iris.csv'));
    const { status, stdout } = await run();
    expect(status).toBe(1);
    expect(stdout).toContain(
      '2 recorded: 0 unchanged, 0 changed, 1 missing, 1 not read'
    );
    expect(stdout).toContain('missing  data/iris.csv (no such file)');
    expect(stdout).toContain(
      'not read ../shared/labels.json (a directory, not a file)'
    );
  });

  it('lists files the code reads but the manifest does not record as new, without failing', async () => {
    write('analysis/extra.parquet', 'PAR1');
    await writeNotebook('hash', [
      ...READS,
      'import pandas as pd\npd.read_parquet("extra.parquet")\npd.read_csv("absent.csv")'
    ]);
    const { status, stdout } = await run();
    expect(status).toBe(0);
    expect(stdout).toContain(
      '2 recorded: 2 unchanged, 0 changed, 0 missing; 1 new'
    );
    expect(stdout).toContain(
      'new      extra.parquet (read by the notebook, not recorded; 4 bytes)'
    );
    expect(stdout).not.toContain('absent.csv');
  });

  it('passes a notebook without a manifest, saying so', async () => {
    await writeNotebook('none', READS);
    const { status, stdout } = await run();
    expect(status).toBe(0);
    expect(stdout).toContain(
      'no data manifest (publish the notebook in JupyterLab to record its data files)'
    );
  });

  it('prints one JSON object per notebook with --json, with the root', async () => {
    write('analysis/data/iris.csv', 'changed\n');
    const { status, stdout } = await run([notebook], { json: true });
    expect(status).toBe(1);
    const lines = stdout
      .trim()
      .split('\n')
      .map(line => JSON.parse(line));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toEqual({
      file: notebook,
      data: {
        recorded: true,
        ok: false,
        problems: [],
        issues: [],
        root,
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
            stored: {
              path: 'data/iris.csv',
              sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
              size: 32
            },
            current: {
              sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
              size: 8
            }
          }
        ]
      }
    });
  });

  it('exits 2 for a notebook it cannot read and goes on with the others', async () => {
    write('bad.ipynb', '{"not": "a notebook"}');
    const { status, stdout, stderr } = await run([
      path.join(root, 'missing.ipynb'),
      path.join(root, 'bad.ipynb'),
      notebook
    ]);
    expect(status).toBe(2);
    expect(stderr).toContain('missing.ipynb: data not checked (cannot read (');
    expect(stderr).toContain(
      'bad.ipynb: data not checked (not a notebook (no "nbformat" version))'
    );
    expect(stdout).toContain('2 recorded: 2 unchanged');
    // In JSON, one line per notebook given, those not read too.
    const json = await run([path.join(root, 'bad.ipynb'), notebook], {
      json: true
    });
    const lines = json.stdout
      .trim()
      .split('\n')
      .map(line => JSON.parse(line));
    expect(lines[0]).toEqual({
      file: path.join(root, 'bad.ipynb'),
      unreadable: 'not a notebook (no "nbformat" version)',
      data: null
    });
    expect(lines[1].file).toBe(notebook);
    expect(json.status).toBe(2);
  });

  it('reports manifest problems and uses the injected hasher, with the size cap', async () => {
    write('analysis/x.csv', 'x\n');
    await writeNotebook('none', []);
    const nb = JSON.parse(fs.readFileSync(notebook, 'utf8'));
    nb.metadata.jupyterlab_nbproject = {
      data: {
        files: [{ path: 'x.csv', sha256: 'a'.repeat(64), size: 3 }, 'junk']
      }
    };
    fs.writeFileSync(notebook, JSON.stringify(nb));
    const hashed: unknown[] = [];
    const { status, stdout } = await run(
      [notebook],
      { maxSize: 1234 },
      {
        hashFile: async (p, options) => {
          hashed.push([p, options.maxSize]);
          return { sha256: 'a'.repeat(64), size: 3 };
        }
      }
    );
    expect(status).toBe(0);
    expect(hashed).toEqual([[path.join(root, 'analysis', 'x.csv'), 1234]]);
    expect(stdout).toContain(
      'Data file 2 of the manifest could not be read; it was ignored.'
    );
    const json = await run(
      [notebook],
      { json: true },
      { hashFile: async () => ({ sha256: 'a'.repeat(64), size: 3 }) }
    );
    expect(JSON.parse(json.stdout).data).toMatchObject({
      problems: [
        'Data file 2 of the manifest could not be read; it was ignored.'
      ],
      issues: [{ code: 'manifest.badEntry', params: { index: 1 } }]
    });
  });
});

describe('the root of check --data', () => {
  it("is the nearest folder up with .git (a folder, or a file in a linked work tree), else the notebook's", async () => {
    const analysis = path.join(root, 'analysis');
    expect(await dataRoot(analysis)).toBe(root);
    fs.writeFileSync(
      path.join(analysis, '.git'),
      'gitdir: /elsewhere/.git/worktrees/analysis\n'
    );
    expect(await dataRoot(analysis)).toBe(analysis);
    fs.rmSync(path.join(analysis, '.git'));
    fs.rmSync(path.join(root, '.git'), { recursive: true });
    // No work tree up to / (the temporary folder is not in one).
    expect(await dataRoot(analysis)).toBe(analysis);
  });

  it("outside a git work tree, the notebook's folder: ../ leads out of it", async () => {
    fs.rmSync(path.join(root, '.git'), { recursive: true });
    const { status, stdout } = await run();
    expect(status).toBe(1);
    expect(stdout).toContain(
      '2 recorded: 1 unchanged, 0 changed, 0 missing, 1 not read'
    );
    expect(stdout).toContain(
      `not read ../shared/labels.json (outside the root ${path.join(root, 'analysis')})`
    );
  });

  it('is the folder --root names, and a --root that is not a folder is exit 2', async () => {
    fs.rmSync(path.join(root, '.git'), { recursive: true });
    expect((await run([notebook], { root })).status).toBe(0);
    const file = await run([notebook], {
      root: path.join(root, 'shared', 'labels.json')
    });
    expect(file).toEqual({
      status: 2,
      stdout: '',
      stderr: `nbproject-lab: --root ${path.join(root, 'shared', 'labels.json')}: not a folder\n`
    });
    expect(
      (await run([notebook], { root: path.join(root, 'nowhere') })).stderr
    ).toMatch(/--root .*nowhere: no such file or folder\n$/);
  });
});

describe('nbproject-lab check --data, through main', () => {
  const through = async (args: string[]) => {
    let stdout = '';
    let stderr = '';
    const status = await main(args, {
      stdout: text => (stdout += text),
      stderr: text => (stderr += text),
      readFile: file => fs.readFileSync(file, 'utf8')
    });
    return { status, stdout, stderr };
  };

  it('exits 0 while the recorded files are unchanged, 1 once one changed', async () => {
    expect((await through(['check', '--data', notebook])).status).toBe(
      ExitCode.Ok
    );
    write('analysis/data/iris.csv', 'different\n');
    const changed = await through(['check', notebook, '--data']);
    expect(changed.status).toBe(ExitCode.Failed);
    expect(changed.stdout).toContain('changed  data/iris.csv');
  });

  it.each([
    [
      ['check', '--root', '/', 'nb.ipynb'],
      '--root, --allow-hidden and --max-size go with --data'
    ],
    [
      ['check', '--allow-hidden', 'nb.ipynb'],
      '--root, --allow-hidden and --max-size go with --data'
    ],
    [
      ['check', '--data', '--max-size', 'lots', 'nb.ipynb'],
      '--max-size needs a size in bytes (e.g. 1048576, 512M, 2G)'
    ],
    [['check', '--data', 'nb.ipynb', '--root'], '--root needs a folder']
  ])('refuses the usage %j (exit 2)', async (args, message) => {
    const { status, stderr } = await through(args);
    expect(status).toBe(ExitCode.BadInput);
    expect(stderr).toContain(`nbproject-lab: ${message}\n`);
  });

  it('documents the options, why hidden files are not read, and the exit codes', () => {
    expect(USAGE).toContain(
      'nbproject-lab check --data [--json] [--git-tracked] [--root DIR]'
    );
    expect(USAGE).toContain('.git, .env or .ssh hold credentials');
    expect(USAGE).toContain('ContentsManager.allow_hidden');
    expect(USAGE).toMatch(
      /1 {2}a required check fails; [^]* a recorded data\s+file changed, is missing or was not read/
    );
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

describe('bin/nbproject-lab.js check --data on a hostile tree', () => {
  /**
   * `<tmp>/outside/secret.csv`, and a git work tree `<tmp>/repo` whose
   * notebook records files that lead out of it, are hidden, are not
   * regular files, or are too large.
   */
  let tmp: string;
  let repo: string;
  let secret: string;

  beforeAll(() => buildCliIfStale(), 120000);

  beforeEach(async () => {
    tmp = root;
    repo = path.join(tmp, 'repo');
    secret = path.join(tmp, 'outside', 'secret.csv');
    fs.rmSync(path.join(tmp, '.git'), { recursive: true });
    execFileSync('git', ['init', '-q', repo]);
    write(
      'outside/secret.csv',
      'TOKEN=ghp_0123456789abcdefghijklmnopqrstuvwxyz\n'
    );
    write('repo/analysis/data/ok.csv', 'a,b\n1,2\n');
    write('repo/shared/labels.json', '{}\n');
    write('repo/.secrets/token.csv', 'token\n');
    write('repo/analysis/.env', 'PASSWORD=hunter2\n');
    write('repo/analysis/big.csv', 'x'.repeat(100));
    fs.symlinkSync(
      '../../outside/secret.csv',
      path.join(repo, 'analysis', 'link.csv')
    );
    execFileSync('mkfifo', [path.join(repo, 'analysis', 'pipe.csv')]);
    const inRepo = (file: string) => ({
      path: file,
      ...hashSync(path.resolve(repo, 'analysis', file))
    });
    const entries = [
      inRepo('data/ok.csv'),
      inRepo('../shared/labels.json'),
      inRepo('link.csv'),
      inRepo('../../outside/secret.csv'),
      { ...inRepo('../../outside/secret.csv'), path: secret },
      unread('pipe.csv'),
      unread('/dev/zero'),
      inRepo('../.secrets/token.csv'),
      inRepo('.env'),
      inRepo('big.csv')
    ];
    fs.writeFileSync(
      path.join(repo, 'analysis', 'nb.ipynb'),
      JSON.stringify({
        nbformat: 4,
        nbformat_minor: 5,
        metadata: { jupyterlab_nbproject: withDataManifest({}, entries) },
        cells: []
      })
    );
  });

  /**
   * SHA-256 and size, read here with Node's plain file API.
   */
  function hashSync(file: string) {
    const bytes = fs.readFileSync(file);
    return {
      sha256: createHash('sha256').update(bytes).digest('hex'),
      size: bytes.length
    };
  }

  /**
   * Run `check --data --json` and map each path to its status and why it
   * was not read.
   */
  function verdicts(...options: string[]) {
    const result = runBin(
      ['check', '--data', '--json', ...options, 'analysis/nb.ipynb'],
      repo
    );
    expect(result.signal).toBeNull();
    expect(result.stderr).toBe('');
    const { data } = JSON.parse(result.stdout);
    return {
      status: result.status,
      root: data.root,
      files: Object.fromEntries(
        data.files.map(
          (file: { path: string; status: string; unread?: string }) => [
            file.path,
            [file.status, file.unread ?? null]
          ]
        )
      ),
      stdout: result.stdout
    };
  }

  it('reads nothing outside the root, hidden, not regular or too large, and says so for each', () => {
    const { status, root: used, files, stdout } = verdicts('--max-size', '64');
    expect(status).toBe(ExitCode.Failed);
    expect(used).toBe(repo);
    expect(files).toEqual({
      'data/ok.csv': ['unchanged', null],
      // The git work tree is the root: ../ within it is fine.
      '../shared/labels.json': ['unchanged', null],
      // A symbolic link to outside, `..` out of it, an absolute path.
      'link.csv': ['missing', 'outside-root'],
      '../../outside/secret.csv': ['missing', 'outside-root'],
      [secret]: ['missing', 'outside-root'],
      'pipe.csv': ['missing', 'not-regular'],
      '/dev/zero': ['missing', 'outside-root'],
      '../.secrets/token.csv': ['missing', 'hidden'],
      '.env': ['missing', 'hidden'],
      'big.csv': ['missing', 'too-large']
    });
    expect(stdout).not.toContain('ghp_');
    expect(stdout).not.toContain('hunter2');
  });

  it('says why in text, and counts what it did not read', () => {
    const result = runBin(
      ['check', '--data', '--max-size', '64', 'analysis/nb.ipynb'],
      repo
    );
    expect(result.signal).toBeNull();
    expect(result.status).toBe(ExitCode.Failed);
    expect(result.stdout).toContain(
      '10 recorded: 2 unchanged, 0 changed, 0 missing, 8 not read'
    );
    expect(result.stdout).toContain(
      `not read link.csv (outside the root ${repo})`
    );
    expect(result.stdout).toContain(
      'not read pipe.csv (not a regular file (a FIFO, device or socket))'
    );
    expect(result.stdout).toContain(
      'not read .env (hidden (a name below the root starts with "."); --allow-hidden reads it)'
    );
    expect(result.stdout).toContain(
      'not read big.csv (too large to check (100 bytes; the cap is 64, --max-size))'
    );
  });

  it('reads hidden files with --allow-hidden, files under a wider --root, and files up to 2 GiB by default', () => {
    const { files } = verdicts('--allow-hidden', '--root', tmp);
    expect(files['../.secrets/token.csv']).toEqual(['unchanged', null]);
    expect(files['.env']).toEqual(['unchanged', null]);
    expect(files['link.csv']).toEqual(['unchanged', null]);
    expect(files['../../outside/secret.csv']).toEqual(['unchanged', null]);
    expect(files[secret]).toEqual(['unchanged', null]);
    expect(files['big.csv']).toEqual(['unchanged', null]);
    expect(files['pipe.csv']).toEqual(['missing', 'not-regular']);
  });

  it('never reads a device, even below the root: /dev/zero with --root /', () => {
    const { files } = verdicts('--root', '/');
    expect(files['/dev/zero']).toEqual(['missing', 'not-regular']);
    expect(files['pipe.csv']).toEqual(['missing', 'not-regular']);
  });

  it('does not follow a link out of the root for files the code reads but did not record', () => {
    fs.writeFileSync(
      path.join(repo, 'analysis', 'nb.ipynb'),
      notebookText([
        {
          source:
            'import pandas as pd\npd.read_csv("link.csv")\npd.read_csv("data/ok.csv")'
        }
      ])
    );
    const { status, files } = verdicts();
    expect(status).toBe(ExitCode.Ok);
    expect(files).toEqual({
      'link.csv': ['new', 'outside-root'],
      'data/ok.csv': ['new', null]
    });
  });

  it('does not suggest recording a hidden file the code reads (.env), unless --allow-hidden', () => {
    write('repo/analysis/data/.cache/x.csv', 'x\n');
    fs.writeFileSync(
      path.join(repo, 'analysis', 'nb.ipynb'),
      notebookText([
        {
          source:
            "print(open('.env').read())\nopen('data/.cache/x.csv').read()\nopen('data/ok.csv').read()"
        }
      ])
    );
    expect(verdicts().files).toEqual({ 'data/ok.csv': ['new', null] });
    const human = runBin(
      ['check', '--require', 'data', 'analysis/nb.ipynb'],
      repo
    );
    expect(human.stdout).toContain(
      'Data file data/ok.csv is read by the code but not recorded.'
    );
    expect(human.stdout).not.toContain('.env');
    expect(human.stdout).not.toContain('.cache');
    const github = runBin(
      ['check', '--require', 'data', '--format', 'github', 'analysis/nb.ipynb'],
      repo
    );
    expect(github.stdout).toContain('data/ok.csv');
    expect(github.stdout).not.toContain('.env');
    expect(verdicts('--allow-hidden').files).toEqual({
      '.env': ['new', null],
      'data/.cache/x.csv': ['new', null],
      'data/ok.csv': ['new', null]
    });
  });

  it('refuses a notebook that is a FIFO instead of waiting for it', () => {
    execFileSync('mkfifo', [path.join(repo, 'waiting.ipynb')]);
    const result = runBin(['check', '--data', 'waiting.ipynb'], repo);
    expect(result.signal).toBeNull();
    expect(result.status).toBe(ExitCode.BadInput);
    expect(result.stderr).toBe(
      'nbproject-lab: waiting.ipynb: data not checked (cannot read (not a regular file (a FIFO, device or socket)))\n'
    );
  });
});
