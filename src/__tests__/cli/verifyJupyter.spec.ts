// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { buildCliIfStale, ROOT } from './cliBuild';
import { VENV } from '../../../testutils/paths';

/**
 * `nbproject-lab verify` for real: the built program runs small notebooks
 * with the project environment's `jupyter execute` and ipykernel.
 */

const JUPYTER = path.join(VENV, 'bin', 'jupyter');
const HAS_JUPYTER =
  fs.existsSync(JUPYTER) &&
  spawnSync(JUPYTER, ['execute', '--help'], { stdio: 'ignore' }).status === 0;
if (!HAS_JUPYTER) {
  console.warn(
    `Skipping nbproject-lab verify with a real kernel: ${JUPYTER} execute does not run (run make setup).`
  );
}
const itJupyter = HAS_JUPYTER ? it : it.skip;

/**
 * A code cell as a notebook stores it after a run.
 */
function code(id: string, count: number, source: string, outputs: unknown[]) {
  return {
    cell_type: 'code',
    id,
    metadata: {},
    execution_count: count,
    source,
    outputs
  };
}
const printed = (text: string) => ({
  output_type: 'stream',
  name: 'stdout',
  text
});
const shown = (count: number, text: string) => ({
  output_type: 'execute_result',
  execution_count: count,
  metadata: {},
  data: { 'text/plain': text }
});

function notebook(cells: unknown[]): string {
  return `${JSON.stringify(
    {
      cells,
      metadata: {
        kernelspec: {
          name: 'python3',
          display_name: 'Python 3',
          language: 'python'
        }
      },
      nbformat: 4,
      nbformat_minor: 5
    },
    null,
    1
  )}\n`;
}

let dir: string;
let elsewhere: string;
let tmp: string;

beforeAll(() => {
  buildCliIfStale();
});

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verify-real-'));
  elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'verify-cwd-'));
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'verify-tmp-'));
});

afterEach(() => {
  for (const folder of [dir, elsewhere, tmp]) {
    fs.rmSync(folder, { recursive: true, force: true });
  }
});

/**
 * Write a notebook, run `nbproject-lab verify --json` on it from another
 * folder with the environment's jupyter first on PATH, and check the
 * notebook is left as it was and no temporary folder of ours is left.
 */
function verify(cells: unknown[], args: string[] = []) {
  const file = path.join(dir, 'nb.ipynb');
  fs.writeFileSync(file, notebook(cells));
  const past = new Date('2020-01-01T00:00:00Z');
  fs.utimesSync(file, past, past);
  const bytes = fs.readFileSync(file);
  const result = spawnSync(
    process.execPath,
    [
      path.join(ROOT, 'bin/nbproject-lab.js'),
      'verify',
      '--json',
      ...args,
      file
    ],
    {
      cwd: elsewhere,
      encoding: 'utf8',
      timeout: 120000,
      env: {
        ...process.env,
        PATH: `${path.dirname(JUPYTER)}${path.delimiter}${process.env.PATH}`,
        TMPDIR: tmp
      }
    }
  );
  expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  expect(fs.statSync(file).mtimeMs).toBe(past.getTime());
  expect(
    fs.readdirSync(tmp).filter(name => name.startsWith('nbproject-verify-'))
  ).toEqual([]);
  return {
    status: result.status,
    stderr: result.stderr,
    result: result.stdout ? JSON.parse(result.stdout) : null
  };
}

describe('nbproject-lab verify with jupyter execute', () => {
  itJupyter(
    'passes a deterministic notebook that reads a file beside it',
    () => {
      fs.writeFileSync(path.join(dir, 'data.txt'), 'hello\n');
      const run = verify([
        { cell_type: 'markdown', id: 'md', metadata: {}, source: '# Data' },
        code('read', 1, "open('data.txt').read().strip()", [
          shown(1, "'hello'")
        ]),
        code('sum', 2, 'print(sum(range(10)))', [printed('45\n')]),
        // An object's address differs in every run.
        code('obj', 3, 'class Foo:\n    pass\nFoo()', [
          shown(3, '<__main__.Foo at 0x7f1e2d3c4b50>')
        ])
      ]);
      expect(run.stderr).not.toContain('Traceback');
      expect(run.result).toEqual({
        verdict: 'reproduces',
        same: 3,
        differs: 0,
        errors: 0,
        noOutput: 0,
        cells: [
          { index: 1, id: 'read', status: 'same' },
          { index: 2, id: 'sum', status: 'same' },
          { index: 3, id: 'obj', status: 'same' }
        ]
      });
      expect(run.status).toBe(0);
    },
    120000
  );

  itJupyter(
    'fails on an unseeded random number, that cell only',
    () => {
      const run = verify([
        code('draw', 1, 'import random\nprint(random.random())', [
          printed('0.8444218515250481\n')
        ]),
        code('two', 2, 'print(1 + 1)', [printed('2\n')])
      ]);
      expect(run.status).toBe(1);
      expect(run.result.cells).toEqual([
        { index: 0, id: 'draw', status: 'differs' },
        { index: 1, id: 'two', status: 'same' }
      ]);
    },
    120000
  );

  itJupyter(
    'reports the name of a deleted cell as an error now, and runs on',
    () => {
      // The cell that set x = 41 ran as cell 1, then was deleted.
      const cells = [
        code('y', 2, 'y = 1', []),
        code('uses', 3, 'print(x + y)', [printed('42\n')]),
        code('after', 4, 'print("still runs")', [printed('still runs\n')])
      ];
      const run = verify(cells);
      expect(run.status).toBe(1);
      expect(run.result).toEqual({
        verdict: 'differs',
        same: 2,
        differs: 0,
        errors: 1,
        noOutput: 0,
        cells: [
          { index: 0, id: 'y', status: 'same' },
          {
            index: 1,
            id: 'uses',
            status: 'error-now',
            error: "NameError: name 'x' is not defined"
          },
          { index: 2, id: 'after', status: 'same' }
        ]
      });
      // Only the differences fail: there are none.
      expect(verify(cells, ['--fail-on', 'differs']).status).toBe(0);
    },
    180000
  );

  itJupyter(
    'stops a notebook at the time limit, and its kernel with it',
    () => {
      const pidFile = path.join(dir, 'kernel.pid');
      const run = verify(
        [
          code(
            'pid',
            1,
            `import os, time\nopen(${JSON.stringify(pidFile)}, 'w').write(str(os.getpid()))\ntime.sleep(300)`,
            []
          )
        ],
        ['--time-limit', '20']
      );
      expect(run.status).toBe(1);
      expect(run.result.verdict).toBe('cancelled');
      expect(run.stderr).toContain('stopped at the time limit (20 s)');
      const kernel = Number(fs.readFileSync(pidFile, 'utf8'));
      expect(() => process.kill(kernel, 0)).toThrow();
    },
    120000
  );
});
