// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

import { ExitCode } from '../../cli/main';
import { VENV_PYTHON } from '../../../testutils/paths';
import { buildCliIfStale, ROOT, runBin } from './cliBuild';
import { removeRepository, tempRepository } from './scratch';

/**
 * What the human and data reports print of a notebook that writes line
 * breaks into its metadata: no line of its own (a GitHub runner reads a
 * workflow command such as `::error::` from any line of a step's
 * output), the break written out as `\u000a`; and the step summary's
 * verdict, which counts the folders that could not be checked.
 */

/**
 * A tracked notebook whose nbproject id, package names and versions and
 * data manifest path each hold a line break and a workflow command.
 */
const INJECTED = JSON.stringify({
  nbformat: 4,
  nbformat_minor: 5,
  metadata: {
    nbproject: {
      id: 'bad\n::warning::id',
      version: '1',
      time_init: '2024-01-01T00:00:00',
      pypackage: { 'pandas\n::warning::pkg': '1.0', numpy: '1\n::warning::ver' }
    },
    jupyterlab_nbproject: {
      history: [],
      data: {
        files: [
          {
            path: 'x\n::error::injected y.csv',
            sha256: 'a'.repeat(64),
            size: 1
          }
        ]
      }
    }
  },
  cells: [
    { cell_type: 'markdown', id: 'm', metadata: {}, source: ['# T\n'] },
    {
      cell_type: 'code',
      id: 'c',
      metadata: {},
      execution_count: 1,
      outputs: [],
      source: ['import pandas\n', 'import numpy\n']
    }
  ]
});

/**
 * The lines of `text` that a runner would read as a workflow command.
 */
function commands(text: string): string[] {
  return text.split('\n').filter(line => line.startsWith('::'));
}

describe('r13-mend: a notebook cannot start a line of the human and data reports', () => {
  let dir: string;
  beforeAll(() => buildCliIfStale(), 120000);
  beforeEach(() => {
    dir = tempRepository('nbproject-mend-');
    fs.writeFileSync(path.join(dir, 'inj.ipynb'), INJECTED);
  });
  afterEach(() => removeRepository(dir));

  const PYTHON = process.env.NBPROJECT_PYTHON || VENV_PYTHON;
  const itPython = fs.existsSync(PYTHON) ? it : it.skip;

  itPython(
    'check --require all --python writes the metadata id and the packages escaped',
    () => {
      const result = runBin(
        ['check', '--require', 'all', '--python', PYTHON, 'inj.ipynb'],
        dir
      );
      expect(result.status).toBe(ExitCode.Failed);
      expect(commands(result.stdout)).toEqual([]);
      expect(result.stdout).toContain(
        'metadata     valid: id bad\\u000a::warning::id, version 1'
      );
      expect(result.stdout).toContain('numpy: stored 1\\u000a::warning::ver');
      expect(result.stdout).toContain('match: pandas\\u000a::warning::pkg');
      expect(result.stdout).toContain(
        'data: Data file x\\u000a::error::injected y.csv is recorded but missing.'
      );
    }
  );

  it('check --require data writes the id and the data path escaped', () => {
    const result = runBin(['check', '--require', 'data', 'inj.ipynb'], dir);
    expect(result.status).toBe(ExitCode.Failed);
    expect(commands(result.stdout)).toEqual([]);
    expect(result.stdout).toContain(
      'metadata     valid: id bad\\u000a::warning::id, version 1'
    );
    expect(result.stdout).toContain(
      'findings     data: Data file x\\u000a::error::injected y.csv is recorded but missing.'
    );
  });

  it('check --data writes the data path escaped', () => {
    const result = runBin(['check', '--data', 'inj.ipynb'], dir);
    expect(result.status).toBe(1);
    expect(commands(result.stdout)).toEqual([]);
    expect(result.stdout).toContain(
      'missing  x\\u000a::error::injected y.csv (no such file)'
    );
  });
});

describe('r13-mend: the step summary counts the folders not checked', () => {
  let dir: string;
  beforeAll(() => buildCliIfStale(), 120000);
  beforeEach(() => {
    dir = tempRepository('nbproject-mend-');
  });
  afterEach(() => removeRepository(dir));

  /**
   * Run `check --format github` in a workflow; its exit status and the
   * step summary it wrote.
   */
  function inWorkflow(args: string[]): {
    status: number | null;
    summary: string;
  } {
    const summary = path.join(dir, 'summary.md');
    const result = spawnSync(
      process.execPath,
      [
        path.join(ROOT, 'bin/nbproject-lab.js'),
        'check',
        '--format',
        'github',
        ...args
      ],
      {
        cwd: dir,
        encoding: 'utf8',
        timeout: 30000,
        env: { ...process.env, GITHUB_STEP_SUMMARY: summary }
      }
    );
    return {
      status: result.status,
      summary: fs.existsSync(summary) ? fs.readFileSync(summary, 'utf8') : ''
    };
  }

  const TITLED = JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [{ cell_type: 'markdown', id: 'm', metadata: {}, source: ['# T'] }]
  });

  it('does not say the run passes when a folder held no notebook', () => {
    fs.writeFileSync(path.join(dir, 'nb.ipynb'), TITLED);
    fs.mkdirSync(path.join(dir, 'emptydir'));
    const result = inWorkflow(['--require', 'title', 'nb.ipynb', 'emptydir']);
    expect(result.status).toBe(ExitCode.BadInput);
    expect(result.summary).toContain(
      'The notebook passes `title`, but 1 folder could not be checked.'
    );
    expect(result.summary).toContain(
      '| `emptydir` | not read: `no notebook in this folder` | – |'
    );
  });

  it('counts the folders beside the notebooks that failed', () => {
    fs.writeFileSync(
      path.join(dir, 'nb.ipynb'),
      TITLED.replace('"# T"', '"no heading"')
    );
    fs.mkdirSync(path.join(dir, 'a'));
    fs.mkdirSync(path.join(dir, 'b'));
    const result = inWorkflow(['--require', 'title', 'nb.ipynb', 'a', 'b']);
    expect(result.status).toBe(ExitCode.BadInput);
    expect(result.summary).toContain(
      '1 of 1 notebook failed a required check, and 2 folders could not be checked:'
    );
  });

  it('says when no notebook was checked and a folder could not be', () => {
    fs.mkdirSync(path.join(dir, 'emptydir'));
    const result = inWorkflow(['--require', 'title', 'emptydir']);
    expect(result.status).toBe(ExitCode.BadInput);
    expect(result.summary).toContain(
      'No notebook was checked; 1 folder could not be checked.'
    );
  });
});
