// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { buildCliIfStale, ROOT } from './cliBuild';
import { jupyterRunner } from '../../cli/jupyter';
import { ExitCode, ICliIO, main, USAGE } from '../../cli/main';
import { VENV_PYTHON } from '../../../testutils/paths';

/**
 * The program as a process: how it behaves on its streams and with the
 * processes it starts.
 */

const posix = process.platform === 'win32' ? describe.skip : describe;

let dir: string;

beforeAll(() => buildCliIfStale(), 120000);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nbproject-io-'));
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * Run `bin/nbproject-lab.js` with its stdout on a pipe that is closed
 * once the first bytes came, as `| head -1` does.
 */
function runClosedEarly(
  args: string[]
): Promise<{ status: number | null; stderr: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(
      process.execPath,
      [path.join(ROOT, 'bin/nbproject-lab.js'), ...args],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] }
    );
    const killer = setTimeout(() => child.kill('SIGKILL'), 30000);
    let stderr = '';
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => (stderr += chunk));
    child.stdout!.once('data', () => child.stdout!.destroy());
    child.on('error', reject);
    child.on('close', status => {
      clearTimeout(killer);
      resolve({ status, stderr, ms: Date.now() - started });
    });
  });
}

describe('standard output that cannot be written', () => {
  const full = fs.existsSync('/dev/full') ? it : it.skip;

  full('is an error, not a pass with a truncated report (a full disk)', () => {
    const out = fs.openSync('/dev/full', 'w');
    try {
      const result = spawnSync(
        process.execPath,
        [
          path.join(ROOT, 'bin/nbproject-lab.js'),
          'check',
          '--require',
          'title',
          'examples/01-tracked-analysis.ipynb'
        ],
        { cwd: ROOT, stdio: ['ignore', out, 'pipe'], encoding: 'utf8' }
      );
      expect(result.stderr).toContain('nbproject-lab: cannot write the output');
      expect(result.status).toBe(ExitCode.BadInput);
    } finally {
      fs.closeSync(out);
    }
  });
});

describe('a reader that closes standard output early', () => {
  // Enough notebooks that the reader closes long before the end.
  const many = Array.from(
    { length: 3000 },
    () => 'examples/01-tracked-analysis.ipynb'
  );

  it.each(['human', 'json', 'github', 'sarif'])(
    'stops check --format %s quietly, with the status so far',
    async format => {
      const result = await runClosedEarly([
        'check',
        '--require',
        'consecutive',
        '--format',
        format,
        ...many.map(() => 'examples/04-out-of-order.ipynb')
      ]);
      expect(result.stderr).toBe('');
      // The notebooks reported fail: 1, from the run, not from a crash.
      expect(result.status).toBe(1);
    },
    40000
  );

  // The interpreter `--python` runs keeps the process alive: a wait for
  // the closed output to drain would never end.
  const withPython = fs.existsSync(VENV_PYTHON) ? it : it.skip;
  withPython(
    'stops check --python quietly, with the status so far',
    async () => {
      // A report larger than the pipe holds (one finding per name no
      // cell defines): the first write leaves the output full.
      const names = Array.from({ length: 3000 }, (_, i) => `name_${i}`);
      const notebook = path.join(dir, 'names.ipynb');
      fs.writeFileSync(
        notebook,
        JSON.stringify({
          nbformat: 4,
          nbformat_minor: 5,
          metadata: {},
          cells: [
            {
              cell_type: 'code',
              id: 'a',
              execution_count: 1,
              metadata: {},
              outputs: [],
              source: `total = ${names.join(' + ')}\n`
            }
          ]
        })
      );
      const result = await runClosedEarly([
        'check',
        '--json',
        '--require',
        'all',
        '--python',
        VENV_PYTHON,
        ...Array.from({ length: 20 }, () => notebook)
      ]);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(1);
    },
    40000
  );

  it('exits 0 when every notebook reported passed', async () => {
    const result = await runClosedEarly(['check', '--require', 'all', ...many]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  }, 40000);
});

/**
 * Whether a process is running (not gone, not a zombie).
 */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = `/proc/${pid}/stat`;
  return !(fs.existsSync(stat) && /\) Z /.test(fs.readFileSync(stat, 'utf8')));
}

posix('an interpreter that does not answer', () => {
  it('ends check --python right after the timeout, with what it started', () => {
    // A wrapper script, as pyenv shims and conda wrappers are, whose
    // child never answers and keeps the pipes open.
    const pidFile = path.join(dir, 'sleep.pid');
    const python = path.join(dir, 'python');
    fs.writeFileSync(
      python,
      `#!/bin/sh\nsleep 60 &\necho $! > "${pidFile}"\nwait\n`,
      { mode: 0o755 }
    );
    // The program with a timeout of 1 s instead of 60.
    const runner = path.join(dir, 'run.js');
    fs.writeFileSync(
      runner,
      [
        `require(${JSON.stringify(path.join(ROOT, 'dist-cli/cli/python.js'))}).Interpreter.timeout = 1000;`,
        `require(${JSON.stringify(path.join(ROOT, 'bin/nbproject-lab.js'))});`
      ].join('\n')
    );
    const started = Date.now();
    const result = spawnSync(
      process.execPath,
      [
        runner,
        'check',
        '--python',
        python,
        '--require',
        'pinned',
        path.join(ROOT, 'examples/05-dependencies.ipynb')
      ],
      { cwd: dir, encoding: 'utf8', timeout: 30000 }
    );
    const ms = Date.now() - started;
    expect(result.stderr).toBe(
      `nbproject-lab: --python ${python}: no answer within 1 s\n`
    );
    expect(result.status).toBe(2);
    // Not the 60 s the sleep would hold the pipes.
    expect(ms).toBeLessThan(20000);
    expect(alive(Number(fs.readFileSync(pidFile, 'utf8')))).toBe(false);
  }, 40000);
});

posix('a jupyter program that leaves a process behind', () => {
  it('ends verify once the program exits, stopping what it left', async () => {
    const pidFile = path.join(dir, 'sleep.pid');
    const jupyter = path.join(dir, 'jupyter');
    fs.writeFileSync(
      jupyter,
      `#!/bin/sh\nsleep 60 &\necho $! > "${pidFile}"\necho 'it failed' >&2\nexit 3\n`,
      { mode: 0o755 }
    );
    const started = Date.now();
    const run = await jupyterRunner({ jupyter })({
      notebook: '/nb.ipynb',
      output: path.join(dir, 'out.ipynb'),
      kernel: null,
      timeLimit: 30
    });
    expect(run).toEqual({
      failure: `${jupyter} execute exited with status 3: it failed`
    });
    // Not the 60 s the sleep would hold its stderr.
    expect(Date.now() - started).toBeLessThan(20000);
    // Killed: gone once the signal is delivered (a moment on a busy machine).
    const pid = Number(fs.readFileSync(pidFile, 'utf8'));
    for (let waited = 0; alive(pid) && waited < 5000; waited += 50) {
      await new Promise(resolve => setTimeout(resolve, 50));
    }
    expect(alive(pid)).toBe(false);
  }, 70000);
});

/**
 * Run the program in memory on the repository's examples.
 */
async function inMemory(args: string[]) {
  let stdout = '';
  let stderr = '';
  const io: ICliIO = {
    stdout: text => (stdout += text),
    stderr: text => (stderr += text),
    readFile: file => fs.readFileSync(path.resolve(ROOT, file), 'utf8')
  };
  const status = await main(args, io);
  return { status, stdout, stderr };
}

describe('usage errors, --version and --root', () => {
  it.each([
    [[], 'no command given'],
    [['check', '--yaml', 'x.ipynb'], 'unknown option --yaml'],
    [['verify', '--fail-on', 'all', 'x.ipynb'], '--fail-on needs statuses'],
    [['export', 'x.ipynb'], 'export needs one of']
  ])(
    '%j: says what is wrong and where help is, not the whole help',
    async (args, message) => {
      const { status, stdout, stderr } = await inMemory(args);
      expect(status).toBe(ExitCode.BadInput);
      expect(stdout).toBe('');
      const lines = stderr.split('\n');
      expect(lines).toHaveLength(3);
      expect(lines[0]).toMatch(new RegExp(`^nbproject-lab: ${message}`));
      expect(lines[1]).toBe("Run 'nbproject-lab --help' for usage.");
      expect(lines[2]).toBe('');
    }
  );

  it.each([[['--version']], [['-V']], [['check', '--version']]])(
    '%j prints the version of the package (exit 0)',
    async args => {
      const { version } = JSON.parse(
        fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')
      );
      const { status, stdout, stderr } = await inMemory(args);
      expect(stderr).toBe('');
      expect(stdout).toBe(`nbproject-lab ${version}\n`);
      expect(status).toBe(ExitCode.Ok);
    }
  );

  it.each([
    [['check', '--data', '--root', '/nope'], 'no such file or folder'],
    [
      ['check', '--require', 'data', '--root', '/nope'],
      'no such file or folder'
    ],
    [['check', '--data', '--root', 'README.md'], 'not a folder']
  ])('%j: the root is refused in words (exit 2)', async (args, why) => {
    const { status, stdout, stderr } = await inMemory([
      ...args,
      'examples/01-tracked-analysis.ipynb'
    ]);
    const root = args[args.length - 1];
    expect(stderr).toBe(`nbproject-lab: --root ${root}: ${why}\n`);
    expect(stdout).toBe('');
    expect(status).toBe(ExitCode.BadInput);
  });
});

describe('verify on cells with no stored output', () => {
  /**
   * A notebook of two code cells, printing, with the outputs given.
   */
  const notebook = (outputs: unknown[]) =>
    JSON.stringify({
      cells: [1, 2].map(i => ({
        cell_type: 'code',
        id: `c${i}`,
        metadata: {},
        execution_count: null,
        source: `print(${i})`,
        outputs
      })),
      metadata: {},
      nbformat: 4,
      nbformat_minor: 5
    });

  async function verify(args: string[]) {
    const file = path.join(dir, 'nb.ipynb');
    fs.writeFileSync(file, notebook([]));
    let stdout = '';
    const io: ICliIO = {
      stdout: text => (stdout += text),
      stderr: () => undefined,
      readFile: name => fs.readFileSync(name, 'utf8'),
      cwd: () => dir,
      runNotebook: async job => {
        fs.writeFileSync(
          job.output,
          notebook([{ output_type: 'stream', name: 'stdout', text: '1\n' }])
        );
        return { done: true };
      }
    };
    const status = await main(['verify', ...args, file], io);
    return { status, stdout, file };
  }

  it('counts them apart from the cells that differ', async () => {
    const { status, stdout, file } = await verify([]);
    expect(status).toBe(ExitCode.Failed);
    expect(stdout.split('\n').slice(0, 3)).toEqual([
      `${file}: 0 of 2 code cells reproduce (0 differ, 0 raise, 2 had no stored output)`,
      '  cell 1 (id c1)   no stored output',
      '  cell 2 (id c2)   no stored output'
    ]);
  });

  it('gives their count in the JSON, differs unchanged', async () => {
    const { stdout } = await verify(['--json']);
    expect(JSON.parse(stdout)).toMatchObject({
      verdict: 'differs',
      same: 0,
      differs: 2,
      errors: 0,
      noOutput: 2
    });
  });
});

describe('the help', () => {
  it('names every --max-size suffix and the pythons verify --python tries', async () => {
    expect(USAGE).toContain('suffixes K, M, G, T: 512M');
    expect(USAGE).toContain(
      'run "PYTHON -m jupyter execute" instead (alone: the\n                     first python, then python3, on PATH)'
    );
    // T is taken, as the help says.
    const { stderr } = await inMemory([
      'check',
      '--data',
      '--max-size',
      '1T',
      'examples/01-tracked-analysis.ipynb'
    ]);
    expect(stderr).toBe('');
  });
});

describe('the human report', () => {
  /**
   * A notebook of code cells, run in order.
   */
  const notebook = (cells: { source: string; tags?: string[] }[]) =>
    JSON.stringify({
      cells: [
        { cell_type: 'markdown', id: 't', metadata: {}, source: '# T' },
        ...cells.map((cell, i) => ({
          cell_type: 'code',
          id: `c${i + 1}`,
          metadata: cell.tags ? { tags: cell.tags } : {},
          execution_count: i + 1,
          source: cell.source,
          outputs: []
        }))
      ],
      metadata: {},
      nbformat: 4,
      nbformat_minor: 5
    });

  const check = async (args: string[], text: string) => {
    const file = path.join(dir, 'nb.ipynb');
    fs.writeFileSync(file, text);
    const result = await inMemory(['check', ...args, file]);
    return result.stdout.split('\n').slice(1).join('\n');
  };

  it('says hidden state in a line aligned with the others', async () => {
    const clean = await check(
      ['--require', 'hidden-state'],
      notebook([{ source: 'x = 1' }, { source: 'print(x)' }])
    );
    expect(clean).toContain(
      '  consecutive  yes\n  imports      none\n  metadata     none (not tracked by nbproject)\n  state        no hidden state found\n'
    );
    const hidden = await check(
      ['--require', 'hidden-state'],
      notebook([{ source: 'print(y)' }])
    );
    expect(hidden).toContain(
      '  state        hidden state found\n               cell 2: Uses y, defined nowhere in the notebook\n'
    );
    const unsure = await check(
      ['--require', 'hidden-state'],
      notebook([{ source: 'from os import *\nprint(z)' }])
    );
    expect(unsure).toContain(
      '  state        not sure whether state is hidden\n'
    );
  });

  it('marks an install its tag allows', async () => {
    const text = notebook([
      { source: '%pip install numpy', tags: ['nbproject-lab: allow-install'] },
      { source: '%pip install pandas' }
    ]);
    const report = await check(['--require', 'installs'], text);
    expect(report).toContain(
      [
        '  installs     cell 2: %pip install numpy (allowed)',
        '               cell 3: %pip install pandas',
        ''
      ].join('\n')
    );
    expect(report).toContain('  checks       failed: installs\n');
  });
});
