// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type {
  ICondaPackage,
  IInstalledDistribution
} from '../../../core/kernel/environmentRequest';
import {
  compareEnvironment,
  readEnvironmentSnapshot,
  takeSnapshot,
  withEnvironmentSnapshot
} from '../../../core/packages/environment';
import {
  kernelNameFor,
  newEnvironmentCommand,
  planRecreate
} from '../../../core/packages/recreate';
import { dist, report } from './environmentFixtures';

/**
 * The plan for a snapshot of `stored` against a kernel with `live`.
 */
async function plan(
  stored: IInstalledDistribution[],
  live: IInstalledDistribution[],
  conda: ICondaPackage[] | null = null
) {
  const snapshot = await takeSnapshot(report(stored, { conda }));
  const read = readEnvironmentSnapshot(withEnvironmentSnapshot({}, snapshot));
  return planRecreate(
    read,
    compareEnvironment(read, report(live, { conda }), ['pandas'])
  );
}

describe('planRecreate', () => {
  it('lists the changed and missing packages and pins them with %pip', async () => {
    const result = await plan(
      [
        dist('pandas', '2.2.2', ['numpy']),
        dist('numpy', '1.26.4'),
        dist('six', '1.16.0'),
        dist('same', '1.0')
      ],
      [
        dist('pandas', '2.2.3', ['numpy']),
        dist('numpy', '2.0.0'),
        dist('same', '1.0'),
        dist('extra', '3.0')
      ]
    );
    expect(result.changes).toEqual([
      {
        code: 'recreate.change',
        name: 'numpy',
        live: '2.0.0',
        stored: '1.26.4'
      },
      {
        code: 'recreate.change',
        name: 'pandas',
        live: '2.2.3',
        stored: '2.2.2'
      },
      { code: 'recreate.install', name: 'six', live: null, stored: '1.16.0' }
    ]);
    // The added package and the unchanged one are left alone.
    expect(result.pip).toBe(
      '%pip install numpy==1.26.4 pandas==2.2.2 six==1.16.0'
    );
    expect(result.skipped).toEqual([]);
    expect(result.conda).toBeNull();
  });

  it('is empty when nothing differs', async () => {
    const result = await plan([dist('a', '1')], [dist('a', '1')]);
    expect(result.changes).toEqual([]);
    expect(result.pip).toBe('');
  });

  it('leaves out what cannot be pinned unquoted, and says which', async () => {
    const result = await plan(
      [dist('ok', '1.0'), dist('epoch', '1!2.0'), dist('evil', '1.0$(id)')],
      []
    );
    expect(result.pip).toBe('%pip install ok==1.0');
    expect(result.skipped.map(s => [s.code, s.name])).toEqual(
      expect.arrayContaining([
        ['recreate.invalid', 'epoch'],
        ['recreate.invalid', 'evil']
      ])
    );
    expect(result.pip).not.toMatch(/[$!]/);
  });

  it('leaves out VCS and local sources', async () => {
    const vcs: IInstalledDistribution = {
      ...dist('mylib', '0.1'),
      source: {
        kind: 'vcs',
        vcs: 'git',
        url: 'https://example.org/mylib.git',
        commit: 'abc'
      }
    };
    const result = await plan([vcs], []);
    expect(result.skipped).toEqual([
      { code: 'recreate.directSource', name: 'mylib' }
    ]);
    expect(result.pip).toBe('');
  });

  it('gives conda and mamba lines for conda packages in a conda environment', async () => {
    const conda: ICondaPackage[] = [
      {
        name: 'numpy',
        version: '1.26.4',
        build: 'py311h64a7726_0',
        channel: 'conda-forge'
      }
    ];
    const result = await plan(
      [dist('numpy', '1.26.4', [], 'conda'), dist('tqdm', '4.66.0')],
      [dist('numpy', '2.0.0', [], 'conda')],
      conda
    );
    expect(result.conda).toEqual({
      conda: 'conda install conda-forge::numpy=1.26.4=py311h64a7726_0',
      mamba: 'mamba install conda-forge::numpy=1.26.4=py311h64a7726_0'
    });
    // What pip installed stays with pip.
    expect(result.pip).toBe('%pip install tqdm==4.66.0');
  });
});

describe('newEnvironmentCommand', () => {
  it('makes a venv from the lock and registers it as a kernel', () => {
    expect(newEnvironmentCommand(kernelNameFor('dir/My Analysis.ipynb'))).toBe(
      'uv venv .venv-my-analysis && ' +
        'uv pip sync --python .venv-my-analysis requirements.lock.txt && ' +
        'uv pip install --python .venv-my-analysis ipykernel && ' +
        '.venv-my-analysis/bin/python -m ipykernel install --user --name my-analysis --display-name my-analysis'
    );
  });

  it('refuses a name that would need quoting', () => {
    expect(kernelNameFor('$(rm -rf ~).ipynb')).toBe('rm--rf');
    expect(newEnvironmentCommand('a b')).toBe('');
    expect(newEnvironmentCommand('')).toBe('');
    expect(newEnvironmentCommand('-x')).toBe('');
  });
});
