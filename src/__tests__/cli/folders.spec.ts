// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { ExitCode, ICliIO, main, nodeIO } from '../../cli/main';
import {
  memoryIO,
  removeRepository,
  tempRepository,
  validSarif
} from './scratch';

/**
 * `nbproject-lab check FOLDER`, as a CI job runs it on a repository
 * (`check .`): the notebooks below the folder, those git and Jupyter
 * keep for themselves left out, no symbolic link followed.
 */

/**
 * A notebook's text: one code cell run with `count`.
 */
const notebookOf = (count: number) =>
  `${JSON.stringify(
    {
      cells: [
        {
          cell_type: 'code',
          id: 'c0',
          metadata: {},
          source: ['x = 1\n'],
          execution_count: count,
          outputs: []
        }
      ],
      metadata: {},
      nbformat: 4,
      nbformat_minor: 5
    },
    null,
    1
  )}\n`;

/**
 * Run `check` with Node's files, in the repository `repo`.
 */
async function checkIn(repo: string, args: string[]) {
  const out = { stdout: '', stderr: '' };
  // Node's files and folders, as the program has them; its output kept.
  const io: ICliIO = {
    ...nodeIO(),
    stdout: text => (out.stdout += text),
    stderr: text => (out.stderr += text),
    cwd: () => repo
  };
  const status = await main(['check', ...args], io);
  return { status, ...out };
}

/**
 * The notebooks a JSON report names, relative to `repo`.
 */
const checkedIn = (repo: string, stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map(line => path.relative(repo, JSON.parse(line).file));

describe('check FOLDER: the notebooks below it', () => {
  let repo: string;

  beforeEach(() => {
    repo = tempRepository('nbproject-folders-');
    const write = (file: string, text = notebookOf(1)) => {
      fs.mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
      fs.writeFileSync(path.join(repo, file), text);
    };
    write('b.ipynb');
    write('a.ipynb', notebookOf(2));
    write('analysis/02-model.ipynb');
    write('analysis/01-load.ipynb');
    write('analysis/deep/03-plots.ipynb');
    write('analysis/notes.md', '# not a notebook\n');
    // Kept by Jupyter, git, npm, Python: never a notebook of the project.
    write('analysis/.ipynb_checkpoints/01-load-checkpoint.ipynb');
    write('.hidden/secret.ipynb');
    write('node_modules/pkg/demo.ipynb');
    write('__pycache__/x.ipynb');
    write('env/lib/site-packages/pkg/demo.ipynb');
    fs.mkdirSync(path.join(repo, 'empty'));
    // Links: to a file outside, and to a folder.
    const outside = tempRepository('nbproject-outside-');
    fs.writeFileSync(path.join(outside, 'private.ipynb'), notebookOf(1));
    fs.symlinkSync(
      path.join(outside, 'private.ipynb'),
      path.join(repo, 'linked.ipynb')
    );
    fs.symlinkSync(outside, path.join(repo, 'linked-folder'));
    links.push(outside);
  });

  const links: string[] = [];
  afterEach(() => {
    removeRepository(repo);
    links.splice(0).forEach(removeRepository);
  });

  const check = (args: string[]) => checkIn(repo, args);
  const checked = (stdout: string) => checkedIn(repo, stdout);

  it('checks each notebook below it, a folder at a time, by name', async () => {
    const result = await check(['--json', '--require', 'consecutive', repo]);
    expect(checked(result.stdout)).toEqual([
      'a.ipynb',
      'b.ipynb',
      'analysis/01-load.ipynb',
      'analysis/02-model.ipynb',
      'analysis/deep/03-plots.ipynb'
    ]);
    // a.ipynb starts at 2.
    expect(result.status).toBe(ExitCode.Failed);
  });

  it('follows no symbolic link, and says which notebook it did not read', async () => {
    const result = await check(['--json', '--require', 'consecutive', repo]);
    expect(result.stdout).not.toContain('private.ipynb');
    for (const link of ['linked.ipynb', 'linked-folder']) {
      expect(result.stderr).toContain(
        `nbproject-lab: ${path.join(repo, link)}: a symbolic link, not followed in a folder (name it to check it)\n`
      );
    }
    // Named, a linked notebook is read, as any file named is.
    const named = await check([
      '--json',
      '--require',
      'consecutive',
      path.join(repo, 'linked.ipynb')
    ]);
    expect(checked(named.stdout)).toEqual(['linked.ipynb']);
  });

  it('fails on a folder that holds no notebook, and checks the others', async () => {
    const result = await check([
      '--json',
      '--require',
      'consecutive',
      path.join(repo, 'empty'),
      path.join(repo, 'analysis', 'deep')
    ]);
    expect(result.stderr).toContain(
      `nbproject-lab: ${path.join(repo, 'empty')}: no notebook in this folder\n`
    );
    expect(checked(result.stdout)).toEqual(['analysis/deep/03-plots.ipynb']);
    // Its notebooks would otherwise pass unchecked.
    expect(result.status).toBe(ExitCode.BadInput);
  });

  it('checks a notebook named and found in a folder once', async () => {
    const result = await check([
      '--json',
      '--require',
      'consecutive',
      path.join(repo, 'analysis', '01-load.ipynb'),
      path.relative(
        process.cwd(),
        path.join(repo, 'analysis', '01-load.ipynb')
      ),
      path.join(repo, 'analysis')
    ]);
    expect(checked(result.stdout)).toEqual([
      'analysis/01-load.ipynb',
      'analysis/02-model.ipynb',
      'analysis/deep/03-plots.ipynb'
    ]);
  });

  it("leaves out the notebooks the configuration's exclude names", async () => {
    fs.writeFileSync(
      path.join(repo, '.nbproject-lab.toml'),
      'exclude = ["analysis/deep/**"]\n'
    );
    const result = await check(['--json', '--require', 'consecutive', repo]);
    expect(checked(result.stdout)).not.toContain(
      'analysis/deep/03-plots.ipynb'
    );
    expect(result.stderr).toContain('1 notebook excluded by');
    // Nor a word of the links in excluded folders.
    fs.symlinkSync(
      path.join(repo, 'a.ipynb'),
      path.join(repo, 'analysis', 'deep', 'again.ipynb')
    );
    const again = await check(['--json', '--require', 'consecutive', repo]);
    expect(again.stderr).not.toContain('again.ipynb');
  });

  it('writes a name with a line break on one line of stderr, never as a command', async () => {
    const name = 'x\n::error file=README.md::fake\n.ipynb';
    fs.writeFileSync(path.join(repo, 'analysis', name), 'notes\n');
    fs.symlinkSync(
      '/nowhere',
      path.join(repo, 'analysis', `${name}-link.ipynb`)
    );
    const result = await check([
      '--format',
      'github',
      '--require',
      'consecutive',
      repo
    ]);
    const lines = `${result.stdout}${result.stderr}`.split('\n');
    expect(
      lines.filter(line => line.startsWith('::error file=README'))
    ).toEqual([]);
    expect(result.stderr).toContain(
      'x\\u000a::error file=README.md::fake\\u000a.ipynb: not JSON'
    );
  });

  it('check --data reads a folder the same way', async () => {
    const empty = await check(['--data', '--json', path.join(repo, 'empty')]);
    expect(empty.status).toBe(ExitCode.BadInput);
    const result = await check(['--data', '--json', repo]);
    expect(checked(result.stdout)).toHaveLength(5);
  });
});

describe('a folder that cannot be read', () => {
  // As its owner or root, any folder reads: the walk's answer is given.
  const files = { 'ok/a.ipynb': notebookOf(1) };
  const listNotebooks = (folder: string) =>
    folder === 'tree'
      ? {
          notebooks: ['ok/a.ipynb'],
          links: [],
          unreadable: [{ folder: 'tree/locked', why: 'EACCES' }]
        }
      : null;

  async function check(format: string) {
    const { io, out } = memoryIO(files);
    const status = await main(
      ['check', '--format', format, '--require', 'consecutive', 'tree'],
      { ...io, listNotebooks }
    );
    return { status, ...out };
  }

  it('is said on stderr and fails the run: the notebooks in it were not checked', async () => {
    const result = await check('human');
    expect(result.stderr).toBe(
      'nbproject-lab: tree/locked: cannot read this folder (EACCES)\n'
    );
    expect(result.stdout).toContain('ok/a.ipynb');
    expect(result.status).toBe(ExitCode.BadInput);
  });

  it('is an error annotation on GitHub, and an error notification in SARIF', async () => {
    const github = await check('github');
    expect(github.stdout).toContain(
      '::error file=tree/locked::nbproject-lab could not check this folder: cannot read this folder (EACCES)\n'
    );
    const sarif = validSarif((await check('sarif')).stdout);
    const [invocation] = sarif.runs[0].invocations;
    expect(invocation.executionSuccessful).toBe(false);
    expect(invocation.toolExecutionNotifications[0].message.text).toBe(
      'nbproject-lab could not check this folder: cannot read this folder (EACCES)'
    );
  });
});

describe('check --git-tracked FOLDER: only the notebooks git tracks', () => {
  let repo: string;
  let outside: string;
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: repo, stdio: 'ignore' });

  beforeEach(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'nbproject-tracked-'));
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'nbproject-untracked-'));
    const write = (file: string, text = notebookOf(1)) => {
      fs.mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
      fs.writeFileSync(path.join(repo, file), text);
    };
    git('init', '-q');
    write('.gitignore', 'ignored/\n');
    write('analysis/01-load.ipynb');
    write('analysis/02-model.ipynb');
    // Never added, and ignored: a scratch notebook each.
    write('scratch.ipynb', notebookOf(2));
    write('ignored/draft.ipynb', notebookOf(2));
    // Staged is enough: the index is what the commit will hold.
    git(
      'add',
      '.gitignore',
      'analysis/01-load.ipynb',
      'analysis/02-model.ipynb'
    );
    fs.writeFileSync(path.join(outside, 'a.ipynb'), notebookOf(1));
  });

  afterEach(() => {
    removeRepository(repo);
    removeRepository(outside);
  });

  const check = (args: string[]) => checkIn(repo, args);
  const checked = (stdout: string) => checkedIn(repo, stdout);
  // `--json --require consecutive --git-tracked PATHS`.
  const tracked = (...paths: string[]) =>
    check(['--json', '--require', 'consecutive', '--git-tracked', ...paths]);

  it('leaves out the notebooks never added or ignored, and names them', async () => {
    const all = await check(['--json', '--require', 'consecutive', repo]);
    expect(checked(all.stdout)).toContain('scratch.ipynb');
    expect(all.status).toBe(ExitCode.Failed);

    const result = await tracked(repo);
    expect(checked(result.stdout)).toEqual([
      'analysis/01-load.ipynb',
      'analysis/02-model.ipynb'
    ]);
    expect(result.status).toBe(ExitCode.Ok);
    expect(result.stderr).toBe(
      `nbproject-lab: 2 notebooks git does not track, not checked (--git-tracked): ${path.join(repo, 'scratch.ipynb')}, ${path.join(repo, 'ignored/draft.ipynb')}\n`
    );
  });

  it('is what the data hook runs: an untracked notebook missing its data does not stop a commit', async () => {
    const manifest = (
      files: { path: string; sha256: string; size: number }[]
    ) =>
      JSON.stringify({
        cells: [],
        metadata: { jupyterlab_nbproject: { data: { files } } },
        nbformat: 4,
        nbformat_minor: 5
      });
    fs.writeFileSync(
      path.join(repo, 'scratch.ipynb'),
      manifest([{ path: 'gone.csv', sha256: '0'.repeat(64), size: 1 }])
    );
    const all = await check(['--data', repo]);
    expect(all.status).toBe(ExitCode.Failed);
    const tracked = await check(['--data', '--git-tracked', repo]);
    expect(tracked.stdout).not.toContain('scratch.ipynb');
    expect(tracked.status).toBe(ExitCode.Ok);
  });

  it('passes a folder whose notebooks git tracks none of: they are named, not a problem', async () => {
    fs.mkdirSync(path.join(repo, 'drafts'));
    fs.writeFileSync(path.join(repo, 'drafts/a.ipynb'), notebookOf(2));
    const result = await check([
      '--data',
      '--git-tracked',
      path.join(repo, 'drafts')
    ]);
    expect(result.status).toBe(ExitCode.Ok);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `nbproject-lab: 1 notebook git does not track, not checked (--git-tracked): ${path.join(repo, 'drafts/a.ipynb')}\n`
    );
  });

  it('passes a folder without notebooks, as a hook installed before the first notebook runs', async () => {
    fs.mkdirSync(path.join(repo, 'docs'));
    fs.writeFileSync(path.join(repo, 'docs/README.md'), '# notes\n');
    const docs = path.join(repo, 'docs');
    const result = await check(['--data', '--git-tracked', docs]);
    expect(result.status).toBe(ExitCode.Ok);
    expect(result.stderr).toBe(
      `nbproject-lab: ${docs}: no notebook in this folder (--git-tracked: nothing to check)\n`
    );
    // Without it, a folder without notebooks is still an error.
    expect((await check(['--data', docs])).status).toBe(ExitCode.BadInput);
  });

  it('names each notebook left out once, and none that was checked after all', async () => {
    const scratch = path.join(repo, 'scratch.ipynb');
    const result = await tracked(repo, repo, scratch);
    expect(checked(result.stdout)).toEqual([
      'analysis/01-load.ipynb',
      'analysis/02-model.ipynb',
      'scratch.ipynb'
    ]);
    expect(result.stderr).toBe(
      `nbproject-lab: 1 notebook git does not track, not checked (--git-tracked): ${path.join(repo, 'ignored/draft.ipynb')}\n`
    );
  });

  it('says an excluded notebook is excluded, tracked or not', async () => {
    fs.writeFileSync(
      path.join(repo, '.nbproject-lab.toml'),
      'exclude = ["scratch.ipynb"]\n'
    );
    const result = await tracked(repo);
    expect(result.stderr).toContain(
      'nbproject-lab: 1 notebook excluded by .nbproject-lab.toml (exclude): '
    );
    expect(result.stderr).toContain(
      `nbproject-lab: 1 notebook git does not track, not checked (--git-tracked): ${path.join(repo, 'ignored/draft.ipynb')}\n`
    );
  });

  it("counts a submodule's notebooks as tracked", async () => {
    const inner = fs.mkdtempSync(path.join(os.tmpdir(), 'nbproject-inner-'));
    try {
      const inInner = (...args: string[]) =>
        execFileSync('git', args, { cwd: inner, stdio: 'ignore' });
      inInner('init', '-q');
      fs.writeFileSync(path.join(inner, 'shared.ipynb'), notebookOf(1));
      inInner('add', 'shared.ipynb');
      inInner(
        '-c',
        'user.name=t',
        '-c',
        'user.email=t@example.com',
        'commit',
        '-qm',
        'shared'
      );
      git(
        '-c',
        'protocol.file.allow=always',
        'submodule',
        'add',
        '-q',
        inner,
        'vendor'
      );
      const result = await tracked(repo);
      expect(checked(result.stdout)).toContain('vendor/shared.ipynb');
      expect(result.stderr).not.toContain('vendor');
    } finally {
      removeRepository(inner);
    }
  });

  it('checks a notebook named, tracked or not', async () => {
    const result = await tracked(path.join(repo, 'scratch.ipynb'));
    expect(checked(result.stdout)).toEqual(['scratch.ipynb']);
    expect(result.stderr).toBe('');
  });

  it('fails outside a git work tree: it cannot tell what is tracked', async () => {
    const result = await tracked(outside);
    expect(result.status).toBe(ExitCode.BadInput);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      new RegExp(
        `^nbproject-lab: ${outside}: cannot list the files git tracks \\(not a git repository`
      )
    );
  });
});
