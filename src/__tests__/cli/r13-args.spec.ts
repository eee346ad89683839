// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

import { ExitCode, ICliIO, main, nodeIO } from '../../cli/main';
import {
  removeRepository,
  runInMemory,
  tempRepository,
  validSarif
} from './scratch';
import { VENV_PYTHON } from '../../../testutils/paths';

/**
 * `check`'s arguments, configuration and notes, as a new user meets them
 * running it in a folder of notebooks.
 */

/**
 * A notebook's text: one code cell run once, its outputs given, under a
 * title.
 */
function notebookOf(outputs: object[] = []): string {
  return `${JSON.stringify(
    {
      cells: [
        {
          cell_type: 'markdown',
          id: 't',
          metadata: {},
          source: ['# A title\n']
        },
        {
          cell_type: 'code',
          id: 'c0',
          metadata: {},
          source: ['x = 1\n'],
          execution_count: 1,
          outputs
        }
      ],
      metadata: {},
      nbformat: 4,
      nbformat_minor: 5
    },
    null,
    1
  )}\n`;
}

/**
 * Node's files and folders, as the program has them (its streams' listeners
 * added once).
 */
const NODE_IO = nodeIO();

const PYTHON = process.env.NBPROJECT_PYTHON || VENV_PYTHON;
const withPython = fs.existsSync(PYTHON) ? it : it.skip;

describe('check in a folder of notebooks', () => {
  let repo: string;
  const write = (file: string, text = notebookOf()) => {
    fs.mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
    fs.writeFileSync(path.join(repo, file), text);
  };

  beforeEach(() => {
    repo = tempRepository('nbproject-r13-args-');
    write('nb/a.ipynb');
    write('nb/iris-1.ipynb');
  });
  afterEach(() => removeRepository(repo));

  /**
   * Run the program with Node's files, in the repository, as a user does
   * in a shell there (relative paths are the repository's).
   */
  async function run(args: string[]) {
    const out = { stdout: '', stderr: '' };
    const io: ICliIO = {
      ...NODE_IO,
      stdout: text => (out.stdout += text),
      stderr: text => (out.stderr += text),
      cwd: () => repo
    };
    const before = process.cwd();
    process.chdir(repo);
    try {
      const status = await main(args, io);
      return { status, ...out };
    } finally {
      process.chdir(before);
    }
  }

  const checked = (stdout: string) =>
    stdout
      .trim()
      .split('\n')
      .map(line => JSON.parse(line).file);

  describe('--python before a folder', () => {
    // `--python` alone asks the first python on PATH: the tests' own.
    let bin: string;
    let savedPath: string | undefined;
    beforeEach(() => {
      bin = tempRepository('nbproject-r13-bin-');
      fs.symlinkSync(PYTHON, path.join(bin, 'python'));
      savedPath = process.env.PATH;
      process.env.PATH = `${bin}${path.delimiter}${savedPath ?? ''}`;
    });
    afterEach(() => {
      process.env.PATH = savedPath;
      removeRepository(bin);
    });

    withPython(
      'is --python alone, then the folder to check (. or a folder name)',
      async () => {
        for (const folder of ['.', 'nb', 'nb/', repo]) {
          const result = await run([
            'check',
            '--json',
            '--require',
            'title',
            '--python',
            folder
          ]);
          expect(result.stderr).toBe('');
          expect(result.status).toBe(ExitCode.Ok);
          expect(
            checked(result.stdout).map(file => path.basename(file))
          ).toEqual(['a.ipynb', 'iris-1.ipynb']);
        }
      },
      60000
    );

    withPython(
      'still takes an interpreter file, and a path that does not exist',
      async () => {
        const named = await run([
          'check',
          '--json',
          '--require',
          'title',
          '--python',
          PYTHON,
          'nb'
        ]);
        expect(named.status).toBe(ExitCode.Ok);
        expect(checked(named.stdout)).toEqual([
          path.join('nb', 'a.ipynb'),
          path.join('nb', 'iris-1.ipynb')
        ]);
        const missing = await run([
          'check',
          '--require',
          'title',
          '--python',
          'no-such-python',
          'nb'
        ]);
        expect(missing.status).toBe(ExitCode.BadInput);
        expect(missing.stderr).toContain(
          'nbproject-lab: --python no-such-python: '
        );
      },
      60000
    );
  });

  describe('check --data alone reads the configuration', () => {
    it('stops on a --config file that does not exist (exit 2)', async () => {
      const result = await run([
        'check',
        '--data',
        '--config',
        'nonexist.toml',
        'nb/a.ipynb'
      ]);
      expect(result.status).toBe(ExitCode.BadInput);
      expect(result.stderr).toMatch(
        /^nbproject-lab: --config nonexist\.toml: cannot read \(no such file or folder\)\n$/
      );
      expect(result.stdout).toBe('');
    });

    it('stops on a pyproject.toml it cannot read (exit 2)', async () => {
      write('pyproject.toml', '[tool.nbproject-lab]\nexclude = [\n');
      const result = await run(['check', '--data', 'nb/a.ipynb']);
      expect(result.status).toBe(ExitCode.BadInput);
      expect(result.stderr).toMatch(/^nbproject-lab: .*pyproject\.toml: /);
      expect(result.stdout).toBe('');
    });

    it('leaves out the notebooks exclude names, and says so', async () => {
      write(
        'pyproject.toml',
        '[tool.nbproject-lab]\nexclude = ["**/iris*.ipynb"]\n'
      );
      const result = await run(['check', '--data', '--json', 'nb']);
      expect(result.status).toBe(ExitCode.Ok);
      expect(checked(result.stdout)).toEqual([path.join('nb', 'a.ipynb')]);
      expect(result.stderr).toBe(
        `nbproject-lab: 1 notebook excluded by pyproject.toml ([tool.nbproject-lab] exclude): ${path.join('nb', 'iris-1.ipynb')}\n`
      );
    });
  });

  it('writes out the control characters of an excluded name on stderr', async () => {
    write('pyproject.toml', '[tool.nbproject-lab]\nexclude = ["x*.ipynb"]\n');
    const name = 'x\n::stop-commands::t\n.ipynb';
    write(name);
    const result = await run(['check', '--require', 'title', name]);
    expect(result.status).toBe(ExitCode.Ok);
    expect(result.stderr).toBe(
      'nbproject-lab: 1 notebook excluded by pyproject.toml ([tool.nbproject-lab] exclude): x\\u000a::stop-commands::t\\u000a.ipynb\n'
    );
  });

  describe('no check required', () => {
    const WHY =
      'no check is required (--require, or require in the configuration): nothing can fail, and secrets, home-directory paths and unpinned packages are not looked for (--require all)';
    const NOTE = `nbproject-lab: ${WHY}\n`;

    it('says on stderr that nothing can fail, and on GitHub as a notice', async () => {
      const github = await run(['check', '--format', 'github', 'nb']);
      expect(github.status).toBe(ExitCode.Ok);
      expect(github.stderr).toBe(NOTE);
      expect(github.stdout).toBe(`::notice title=nbproject-lab::${WHY}\n`);
      const json = await run(['check', '--json', 'nb']);
      expect(json.stderr).toBe(NOTE);
      const sarif = await run(['check', '--format', 'sarif', 'nb']);
      expect(sarif.stderr).toBe(NOTE);
      const log = validSarif(sarif.stdout);
      expect(log.runs[0].invocations[0].executionSuccessful).toBe(true);
    });

    it('says nothing when a check is required', async () => {
      const required = await run([
        'check',
        '--format',
        'github',
        '--require',
        'title',
        'nb'
      ]);
      expect(required.stderr).toBe('');
      expect(required.stdout).toBe('');
      const human = await run(['check', '--require', 'title', 'nb']);
      expect(human.stderr).toBe('');
    });

    it('says it once in the text report too: what is not looked for', async () => {
      const human = await run(['check', 'nb']);
      expect(human.status).toBe(ExitCode.Ok);
      expect(human.stderr).toBe(NOTE);
    });
  });

  it('shows the data line in the text report when the data check is required', async () => {
    const result = await run([
      'check',
      '--data',
      '--require',
      'title',
      'nb/a.ipynb'
    ]);
    expect(result.status).toBe(ExitCode.Ok);
    expect(result.stdout).toContain(
      [
        '  data         no data manifest (publish the notebook in JupyterLab to record its data files)',
        '  checks       passed: title, data',
        ''
      ].join('\n')
    );
  });

  (process.platform === 'win32' ? it.skip : it)(
    'names a FIFO called .ipynb in a folder on stderr, and does not wait on it',
    async () => {
      execFileSync('mkfifo', [path.join(repo, 'nb', 'pipe.ipynb')]);
      const result = await run(['check', '--require', 'title', 'nb']);
      expect(result.stderr).toBe(
        `nbproject-lab: ${path.join('nb', 'pipe.ipynb')}: not a regular file (a FIFO, device or socket), not read\n`
      );
      expect(result.stdout).not.toContain('pipe.ipynb');
      expect(result.status).toBe(ExitCode.Ok);
    }
  );

  it('checks a notebook reached through a linked folder once, by the first name given', async () => {
    fs.mkdirSync(path.join(repo, 'links'));
    fs.symlinkSync(path.join(repo, 'nb'), path.join(repo, 'links', 'nb'));
    const named = await run([
      'check',
      '--json',
      'nb/a.ipynb',
      'links/nb/a.ipynb'
    ]);
    expect(checked(named.stdout)).toEqual(['nb/a.ipynb']);
    const walked = await run(['check', '--json', 'nb', 'links/nb']);
    expect(checked(walked.stdout)).toEqual([
      path.join('nb', 'a.ipynb'),
      path.join('nb', 'iris-1.ipynb')
    ]);
  });

  it('takes a folder after verify --python for the interpreter (verify takes no folder)', async () => {
    fs.mkdirSync(path.join(repo, 'venvdir'));
    const result = await run(['verify', '--python', 'venvdir', 'nb/a.ipynb']);
    expect(result.status).toBe(ExitCode.BadInput);
    expect(result.stderr).not.toContain('takes one notebook');
    expect(result.stderr).toContain('venvdir');
  });

  it('checks a notebook whose link the configuration excludes, under its own name', async () => {
    write(
      'nb/untitled.ipynb',
      '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}\n'
    );
    fs.mkdirSync(path.join(repo, 'docs'));
    fs.symlinkSync(
      path.join(repo, 'nb', 'untitled.ipynb'),
      path.join(repo, 'docs', 'untitled.ipynb')
    );
    write('pyproject.toml', '[tool.nbproject-lab]\nexclude = ["docs/**"]\n');
    // As `git ls-files -z | xargs -0` gives them: docs/ before nb/.
    const result = await run([
      'check',
      '--require',
      'title',
      'docs/untitled.ipynb',
      'nb/untitled.ipynb'
    ]);
    expect(result.stderr).toBe(
      'nbproject-lab: 1 notebook excluded by pyproject.toml ([tool.nbproject-lab] exclude): docs/untitled.ipynb\n'
    );
    expect(result.stdout).toContain('nb/untitled.ipynb\n');
    expect(result.stdout).toContain('  checks       failed: title\n');
    expect(result.status).toBe(ExitCode.Failed);
  });
});

it('says the line of an output too long to scan in the text report', async () => {
  const long = 'x'.repeat(10_001);
  const result = await runInMemory(
    ['check', '--require', 'secrets', 'nb.ipynb'],
    {
      'nb.ipynb': notebookOf([
        { output_type: 'stream', name: 'stdout', text: ['short\n'] },
        {
          output_type: 'stream',
          name: 'stdout',
          text: ['1\n', '2\n', `${long}\n`]
        }
      ])
    }
  );
  expect(result.stdout).toContain(
    'secrets (note): cell 2: 1 line was too long to scan for credentials (over 10,000 characters): it is in output 2, line 3.'
  );
});
