// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import * as fs from 'fs';
import * as path from 'path';

import { ExitCode } from '../../cli/main';
import { VENV_PYTHON } from '../../../testutils/paths';
import { buildCliIfStale, runBin } from './cliBuild';
import { removeRepository, tempRepository } from './scratch';

/**
 * What the human and data reports print of a notebook that writes line
 * breaks into its metadata: no line of its own (a GitHub runner reads a
 * workflow command such as `::error::` from any line of a step's
 * output), the break written out as `\u000a`.
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
