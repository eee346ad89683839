// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { ExitCode, ICliIO, main } from '../../cli/main';
import { readTextFile } from '../../cli/files';
import { INotebookJob, jupyterRunner, NotebookRun } from '../../cli/jupyter';

/**
 * A code cell: its source, what was stored, and what a run gives now.
 */
interface ICell {
  source: string;
  stored: unknown[];
  now: unknown[];
}

const out = (text: string) => ({
  output_type: 'stream',
  name: 'stdout',
  text
});
const err = (text: string) => ({
  output_type: 'stream',
  name: 'stderr',
  text
});
const raised = (ename: string, evalue: string) => ({
  output_type: 'error',
  ename,
  evalue,
  traceback: []
});

/**
 * A notebook of a title and the cells, with the outputs of `key`.
 */
function notebookJSON(cells: ICell[], key: 'stored' | 'now'): string {
  return JSON.stringify({
    cells: [
      { cell_type: 'markdown', id: 'title', metadata: {}, source: '# T' },
      ...cells.map((cell, i) => ({
        cell_type: 'code',
        id: `c${i + 1}`,
        metadata: {},
        execution_count: i + 1,
        source: cell.source,
        outputs: cell[key]
      }))
    ],
    metadata: { kernelspec: { name: 'python3' } },
    nbformat: 4,
    nbformat_minor: 5
  });
}

const SAME: ICell = {
  source: 'print(42)',
  stored: [out('42\n')],
  now: [out('42\n')]
};
const RANDOM: ICell = {
  source: 'import random\nprint(random.random())',
  stored: [out('0.8444218515250481\n')],
  now: [out('0.7579544029403025\n')]
};
const DELETED: ICell = {
  source: 'print(x + 1)',
  stored: [out('42\n')],
  now: [raised('NameError', "name 'x' is not defined")]
};
const ADDRESS: ICell = {
  source: 'Foo()',
  stored: [out('<Foo at 0x7f3a12bc4d90>\n')],
  now: [out('<Foo at 0x7f99aa001122>\n')]
};

let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verify-cli-'));
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * Whether the folder of a run's executed copy is a fresh temporary one
 * that is gone now.
 */
function removedTemporary(output: string): boolean {
  const folder = path.dirname(output);
  return (
    path.dirname(folder) === os.tmpdir() &&
    path.basename(folder).startsWith('nbproject-verify-') &&
    !fs.existsSync(folder)
  );
}

/**
 * Run `nbproject-lab verify` on a notebook of `cells` with a fake runner
 * that writes the `now` outputs into the executed copy (or answers
 * `answer`).
 */
async function verify(
  args: string[],
  cells: ICell[],
  options: { answer?: NotebookRun; files?: Record<string, string> } = {}
) {
  const file = path.join(dir, 'nb.ipynb');
  fs.writeFileSync(file, notebookJSON(cells, 'stored'));
  for (const [name, text] of Object.entries(options.files ?? {})) {
    fs.writeFileSync(path.join(dir, name), text);
  }
  const jobs: INotebookJob[] = [];
  const folders: boolean[] = [];
  let stdout = '';
  let stderr = '';
  const io: ICliIO = {
    stdout: text => (stdout += text),
    stderr: text => (stderr += text),
    readFile: readTextFile,
    cwd: () => dir,
    runNotebook: async job => {
      jobs.push(job);
      folders.push(fs.existsSync(path.dirname(job.output)));
      if (options.answer) {
        return options.answer;
      }
      fs.writeFileSync(job.output, notebookJSON(cells, 'now'));
      return { done: true };
    }
  };
  const status = await main(
    ['verify', ...args.map(arg => (arg === 'NB' ? file : arg))],
    io
  );
  return { status, stdout, stderr, jobs, folders, file };
}

describe('nbproject-lab verify', () => {
  it('passes a notebook whose every cell reproduces', async () => {
    const run = await verify(['NB'], [SAME, ADDRESS]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(ExitCode.Ok);
    expect(run.stdout).toBe(
      `${run.file}: all 2 code cells reproduce\n` +
        '  normalised: addresses, times, tempPaths, warnings, floatTolerance=1e-9\n'
    );
  });

  it('runs the notebook itself, from a temporary folder it removes', async () => {
    const run = await verify(['NB'], [SAME]);
    const [job] = run.jobs;
    expect(job.notebook).toBe(run.file);
    expect(job.kernel).toBeNull();
    expect(job.timeLimit).toBe(600);
    // The copy was written in a fresh temporary folder, which existed
    // during the run and is gone now.
    expect(run.folders).toEqual([true]);
    expect(removedTemporary(job.output)).toBe(true);
  });

  it('fails on the cells that differ or raise now, and says which', async () => {
    const run = await verify(['NB'], [SAME, RANDOM, DELETED]);
    expect(run.status).toBe(ExitCode.Failed);
    expect(run.stdout).toBe(
      [
        `${run.file}: 1 of 3 code cells reproduce (1 differ, 1 raise)`,
        '  cell 3 (id c2)   differs',
        "  cell 4 (id c3)   error now: NameError: name 'x' is not defined",
        '  normalised: addresses, times, tempPaths, warnings, floatTolerance=1e-9',
        ''
      ].join('\n')
    );
  });

  it('prints the result the extension command resolves to with --json', async () => {
    const run = await verify(['--json', 'NB'], [SAME, RANDOM, DELETED]);
    expect(run.status).toBe(ExitCode.Failed);
    expect(JSON.parse(run.stdout)).toEqual({
      verdict: 'differs',
      same: 1,
      differs: 1,
      errors: 1,
      noOutput: 0,
      cells: [
        { index: 1, id: 'c1', status: 'same' },
        { index: 2, id: 'c2', status: 'differs' },
        {
          index: 3,
          id: 'c3',
          status: 'error-now',
          error: "NameError: name 'x' is not defined"
        }
      ]
    });
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
  });

  it.each([
    [['--fail-on', 'error-now'], [SAME, RANDOM], ExitCode.Ok],
    [['--fail-on', 'error-now'], [SAME, DELETED], ExitCode.Failed],
    [['--fail-on=differs'], [DELETED], ExitCode.Ok],
    [['--fail-on', 'differs,error-now'], [RANDOM], ExitCode.Failed],
    [['--fail-on', 'none'], [RANDOM, DELETED], ExitCode.Ok]
  ])('fails only on the statuses of %j', async (args, cells, status) => {
    expect((await verify([...args, 'NB'], cells)).status).toBe(status);
  });

  it('compares what a normalisation made equal once it is off', async () => {
    expect((await verify(['NB'], [ADDRESS])).status).toBe(ExitCode.Ok);
    const off = await verify(['--no-normalise', 'addresses', 'NB'], [ADDRESS]);
    expect(off.status).toBe(ExitCode.Failed);
    expect(off.stdout).toContain(
      'normalised: times, tempPaths, warnings, floatTolerance=1e-9'
    );
    const none = await verify(
      ['--normalise', 'none', '--tolerance', '0', 'NB'],
      [ADDRESS]
    );
    expect(none.status).toBe(ExitCode.Failed);
    expect(none.stdout).toContain('normalised: nothing\n');
  });

  it('leaves out a library warning, unless told not to', async () => {
    const warned: ICell = {
      source: 'import pandas',
      stored: [],
      now: [
        err(
          '/env/lib/python3.11/site-packages/pandas/__init__.py:9: ' +
            'DeprecationWarning: pyarrow will be required\n'
        )
      ]
    };
    expect((await verify(['NB'], [warned])).status).toBe(ExitCode.Ok);
    const off = await verify(['--no-normalise=warnings', 'NB'], [warned]);
    expect(off.status).toBe(ExitCode.Failed);
    expect(off.stdout).toContain('cell 2 (id c1)   no stored output');
  });

  it('leaves out a cell nbclient does not run (tag skip-execution)', async () => {
    const file = path.join(dir, 'nb.ipynb');
    const json = JSON.parse(notebookJSON([SAME, RANDOM], 'stored'));
    json.cells[2].metadata.tags = ['skip-execution'];
    fs.writeFileSync(file, JSON.stringify(json));
    let stdout = '';
    const io: ICliIO = {
      stdout: text => (stdout += text),
      stderr: () => undefined,
      readFile: readTextFile,
      runNotebook: async job => {
        fs.writeFileSync(job.output, notebookJSON([SAME, RANDOM], 'now'));
        return { done: true };
      }
    };
    expect(await main(['verify', '--json', file], io)).toBe(ExitCode.Ok);
    expect(JSON.parse(stdout).cells).toEqual([
      { index: 1, id: 'c1', status: 'same' }
    ]);
  });

  it('compares numbers within --tolerance', async () => {
    const close: ICell = {
      source: 'print(mean)',
      stored: [out('1.0000001\n')],
      now: [out('1.0\n')]
    };
    expect((await verify(['NB'], [close])).status).toBe(ExitCode.Failed);
    expect((await verify(['--tolerance', '1e-6', 'NB'], [close])).status).toBe(
      ExitCode.Ok
    );
  });

  it("takes the configuration's verify table, and flags over it", async () => {
    const files = {
      'pyproject.toml': [
        '[tool.nbproject-lab.verify]',
        'fail-on = ["error-now"]',
        'normalisations = ["times"]',
        'tolerance = 1e-6',
        'time-limit = 42',
        ''
      ].join('\n')
    };
    const run = await verify(['NB'], [RANDOM, ADDRESS], { files });
    // Neither cell raises: the configuration fails only on error-now.
    expect(run.status).toBe(ExitCode.Ok);
    expect(run.jobs[0].timeLimit).toBe(42);
    expect(run.stdout).toContain('normalised: times, floatTolerance=0.000001');
    const flagged = await verify(
      ['--fail-on', 'differs', '--time-limit', '5', 'NB'],
      [RANDOM],
      { files }
    );
    expect(flagged.status).toBe(ExitCode.Failed);
    expect(flagged.jobs[0].timeLimit).toBe(5);
  });

  it.each([
    ['a fail-on status it does not know', 'fail-on = ["sometimes"]'],
    ['a normalisation it does not know', 'normalisations = ["colours"]'],
    ['a time limit that is not a number', 'time-limit = "long"'],
    ['a key it does not know', 'retries = 3']
  ])('refuses a configuration with %s', async (_, line) => {
    const run = await verify(['NB'], [SAME], {
      files: { '.nbproject-lab.toml': `[verify]\n${line}\n` }
    });
    expect(run.status).toBe(ExitCode.BadInput);
    expect(run.stderr).toContain('.nbproject-lab.toml: verify');
    expect(run.jobs).toEqual([]);
  });

  it.each([
    [['--fail-on', 'sometimes', 'NB'], '--fail-on needs statuses'],
    [['--normalise', 'colours', 'NB'], '--normalise needs names'],
    [['--no-normalise', '', 'NB'], '--no-normalise needs names'],
    [['--tolerance', '-1', 'NB'], '--tolerance needs a number'],
    [['--time-limit', '0', 'NB'], '--time-limit needs seconds'],
    [['--jupyter', 'j', '--python', 'NB'], 'give one of --jupyter and'],
    [['NB', 'NB'], 'verify takes one notebook'],
    [[], 'no notebook given'],
    [['--shiny', 'NB'], 'unknown option --shiny']
  ])('refuses the usage %j', async (args, message) => {
    const run = await verify(args, [SAME]);
    expect(run.status).toBe(ExitCode.BadInput);
    expect(run.stderr).toContain(message);
    expect(run.jobs).toEqual([]);
  });

  it('refuses a file that is not a notebook before running anything', async () => {
    fs.writeFileSync(path.join(dir, 'nb.py'), 'print(1)\n');
    fs.writeFileSync(path.join(dir, 'bad.ipynb'), '{"cells": [');
    for (const name of ['nb.py', 'bad.ipynb', 'missing.ipynb']) {
      const run = await verify([path.join(dir, name)], [SAME]);
      expect(run.status).toBe(ExitCode.BadInput);
      expect(run.stderr).toContain(name);
      expect(run.jobs).toEqual([]);
    }
  });

  it('says clearly when jupyter is not found', async () => {
    const answer = { failure: 'jupyter not found', notFound: true };
    const run = await verify(['NB'], [SAME], { answer });
    expect(run.status).toBe(ExitCode.BadInput);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('not verified: jupyter not found');
    expect(run.stderr).toContain('pip install nbclient');
    expect(removedTemporary(run.jobs[0].output)).toBe(true);
    const json = await verify(['--json', 'NB'], [SAME], { answer });
    expect(JSON.parse(json.stdout)).toMatchObject({
      verdict: 'failed',
      cells: [],
      failure: 'jupyter not found'
    });
  });

  it('fails a run the time limit stopped, comparing nothing', async () => {
    const run = await verify(['--json', 'NB'], [SAME], {
      answer: { timedOut: true }
    });
    expect(run.status).toBe(ExitCode.Failed);
    expect(JSON.parse(run.stdout)).toEqual({
      verdict: 'cancelled',
      same: 0,
      differs: 0,
      errors: 0,
      noOutput: 0,
      cells: []
    });
    expect(run.stderr).toContain('stopped at the time limit (600 s)');
  });

  it('removes its temporary folder when the runner throws', async () => {
    let stderr = '';
    let output = '';
    const file = path.join(dir, 'nb.ipynb');
    fs.writeFileSync(file, notebookJSON([SAME], 'stored'));
    const io: ICliIO = {
      stdout: () => undefined,
      stderr: text => (stderr += text),
      readFile: readTextFile,
      runNotebook: async job => {
        output = job.output;
        fs.writeFileSync(job.output, 'half');
        throw new Error('boom');
      }
    };
    await expect(main(['verify', file], io)).rejects.toThrow('boom');
    expect(removedTemporary(output)).toBe(true);
    expect(stderr).toBe('');
  });

  it('refuses an executed copy that is not of the same notebook', async () => {
    const file = path.join(dir, 'nb.ipynb');
    fs.writeFileSync(file, notebookJSON([SAME], 'stored'));
    let stderr = '';
    const io: ICliIO = {
      stdout: () => undefined,
      stderr: text => (stderr += text),
      readFile: readTextFile,
      runNotebook: async job => {
        fs.writeFileSync(
          job.output,
          notebookJSON([{ ...SAME, source: 'print(43)' }], 'now')
        );
        return { done: true };
      }
    };
    expect(await main(['verify', file], io)).toBe(ExitCode.BadInput);
    expect(stderr).toContain('does not match the notebook at cell 2');
  });
});

const posix = process.platform === 'win32' ? describe.skip : describe;

posix('the jupyter execute runner', () => {
  /**
   * A fake `jupyter` program: a shell script with this body.
   */
  function program(body: string): string {
    const file = path.join(dir, 'fake-jupyter');
    fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
    return file;
  }

  it('asks jupyter execute to run past errors into the copy, never in place', async () => {
    const jupyter = program(`printf '%s\\n' "$@" > "${dir}/args"`);
    const output = path.join(dir, 'out {x}.ipynb');
    const run = await jupyterRunner({ jupyter })({
      notebook: '/work/nb.ipynb',
      output,
      kernel: 'python3',
      timeLimit: 30
    });
    expect(run).toEqual({ done: true });
    expect(fs.readFileSync(path.join(dir, 'args'), 'utf8').split('\n')).toEqual(
      [
        'execute',
        '--allow-errors',
        // Braces doubled: nbclient formats the name.
        `--output=${path.join(dir, 'out {{x}}.ipynb')}`,
        '--kernel_name=python3',
        '/work/nb.ipynb',
        ''
      ]
    );
  });

  it('tells a missing program, and says what a failing one printed last', async () => {
    const missing = await jupyterRunner({
      jupyter: path.join(dir, 'no-such-jupyter')
    })({ notebook: '/nb.ipynb', output: '/x', kernel: null, timeLimit: 5 });
    expect(missing).toMatchObject({ notFound: true });
    const failing = program(
      "echo 'jupyter_client.kernelspec.NoSuchKernel: No such kernel named r' >&2\nexit 1"
    );
    const failed = await jupyterRunner({ jupyter: failing })({
      notebook: '/nb.ipynb',
      output: '/x',
      kernel: null,
      timeLimit: 5
    });
    expect(failed).toEqual({
      failure: `${failing} execute exited with status 1: jupyter_client.kernelspec.NoSuchKernel: No such kernel named r`
    });
  });

  it('stops the program and what it started at the time limit', async () => {
    // A "kernel" in its own session, as jupyter_client starts one, that
    // outlives an interrupt of its parent.
    const pidFile = path.join(dir, 'kernel.pid');
    const jupyter = program(
      `setsid sh -c 'echo $$ > "${pidFile}"; exec sleep 300' &\nsleep 300`
    );
    const started = Date.now();
    const run = await jupyterRunner({ jupyter })({
      notebook: '/nb.ipynb',
      output: path.join(dir, 'out.ipynb'),
      kernel: null,
      timeLimit: 1
    });
    expect(run).toEqual({ timedOut: true });
    expect(Date.now() - started).toBeLessThan(15000);
    const kernel = Number(fs.readFileSync(pidFile, 'utf8'));
    // Gone (ESRCH), or a zombie no longer running: either way not alive.
    const alive = () => {
      try {
        process.kill(kernel, 0);
      } catch {
        return false;
      }
      const stat = fs.existsSync(`/proc/${kernel}/stat`)
        ? fs.readFileSync(`/proc/${kernel}/stat`, 'utf8')
        : '';
      return !/\) Z /.test(stat);
    };
    // The run ends when the kernel's end closes the pipe it held, which
    // happens a moment before the kernel is a zombie: allow that moment.
    const deadline = Date.now() + 3000;
    while (alive() && Date.now() < deadline) {
      await new Promise(resolve => setTimeout(resolve, 20));
    }
    expect(alive()).toBe(false);
  }, 30000);
});
