// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { askOnce } from './scratch';
import { MAX_PROBE_NAMES } from '../../core/kernel/probeRequest';
import { VENV_PYTHON } from '../../../testutils/paths';

/**
 * `--python` asks the interpreter with the kernel probe's own code; a
 * repository can import more modules than one probe carries.
 */

const PYTHON = process.env.NBPROJECT_PYTHON || VENV_PYTHON;
const describePython = fs.existsSync(PYTHON) ? describe : describe.skip;

/**
 * The installed version of a distribution, asked directly.
 */
function installedVersion(name: string): string {
  return execFileSync(
    PYTHON,
    [
      '-c',
      'import importlib.metadata as m, sys; print(m.version(sys.argv[1]))',
      name
    ],
    { encoding: 'utf8' }
  ).trim();
}

describePython('an interpreter asked once', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nbproject-python-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it(`answers for every name past ${MAX_PROBE_NAMES}, starting the interpreter once`, async () => {
    // The interpreter, behind a script that notes every start.
    const starts = path.join(dir, 'starts');
    const python = path.join(dir, 'python');
    fs.writeFileSync(
      python,
      `#!/bin/sh\necho started >> "${starts}"\nexec "${PYTHON}" "$@"\n`,
      { mode: 0o755 }
    );
    const filler = (prefix: string, n: number) =>
      Array.from(
        { length: n },
        (_, i) => `${prefix}${String(i).padStart(4, '0')}`
      );
    // Sorted, yaml and zmq come after the fillers.
    const modules = [...filler('mod_', MAX_PROBE_NAMES + 100), 'yaml', 'zmq'];
    const distributions = [
      ...filler('dist-', MAX_PROBE_NAMES + 50),
      'PyYAML',
      'pyzmq'
    ];
    const answer = await askOnce(python, { modules, distributions });
    if ('failure' in answer) {
      throw new Error(answer.failure);
    }
    const env = answer.environment;
    expect(Object.keys(env.moduleDistributions).sort()).toEqual(
      [...modules].sort()
    );
    expect(env.moduleDistributions['yaml']).toEqual(['PyYAML']);
    expect(env.moduleDistributions['zmq']).toEqual(['pyzmq']);
    expect(env.moduleDistributions['mod_0000']).toEqual([]);
    expect(env.distributions['PyYAML']).toBe(installedVersion('PyYAML'));
    expect(env.distributions['pyzmq']).toBe(installedVersion('pyzmq'));
    expect(env.distributions['dist-0549']).toBe('');
    expect(Object.keys(env.distributions)).toHaveLength(distributions.length);
    expect(fs.readFileSync(starts, 'utf8')).toBe('started\n');
  }, 60000);

  it('asks about more names than a command line can carry', async () => {
    // Twice 1000 names of 100 characters: more than one argument may hold.
    const long = (i: number) =>
      `d${String(i).padStart(4, '0')}`.padEnd(100, 'x');
    const distributions = [
      ...Array.from({ length: 2 * MAX_PROBE_NAMES }, (_, i) => long(i)),
      'PyYAML'
    ];
    const answer = await askOnce(PYTHON, {
      modules: ['yaml'],
      distributions
    });
    if ('failure' in answer) {
      throw new Error(answer.failure);
    }
    expect(Object.keys(answer.environment.distributions)).toHaveLength(
      distributions.length
    );
    expect(answer.environment.distributions['PyYAML']).toBe(
      installedVersion('PyYAML')
    );
    expect(answer.environment.distributions[long(999)]).toBe('');
  }, 60000);
});
