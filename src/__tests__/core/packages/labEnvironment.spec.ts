// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import {
  compareEnvironment,
  readEnvironmentSnapshot,
  takeSnapshot,
  withEnvironmentSnapshot
} from '../../../core/packages/environment';
import {
  ILabSide,
  installedVersion,
  labEnvironmentVerdict,
  readLabSide,
  serverVersionFrom
} from '../../../core/packages/labEnvironment';
import { dist, report } from './environmentFixtures';

/**
 * The page of JupyterLab 4.6.4 on jupyter_server 2.21.1, run from
 * /srv/venv with the PyPI extension manager.
 */
const page: ILabSide = {
  jupyterlab: '4.6.4',
  jupyterServer: '2.21.1',
  managerName: 'PyPI',
  installPath: '/srv/venv'
};

/**
 * A kernel in `prefix` with these distributions installed (others not).
 */
function kernel(prefix: string, installed: Record<string, string> = {}) {
  return {
    prefix,
    version: (key: string) => installed[key] ?? null
  };
}

describe('labEnvironmentVerdict', () => {
  it('is the same environment when the kernel runs where JupyterLab’s own manager installs', () => {
    expect(labEnvironmentVerdict(page, kernel('/srv/venv/'))).toEqual({
      code: 'labEnvironment.same',
      params: { prefix: '/srv/venv/' }
    });
    expect(
      labEnvironmentVerdict(
        { ...page, managerName: 'read-only', installPath: 'C:\\Envs\\Lab' },
        kernel('c:/envs/lab')
      ).code
    ).toBe('labEnvironment.same');
  });

  it('is another when the paths differ, even with the same JupyterLab installed there', () => {
    expect(
      labEnvironmentVerdict(
        page,
        kernel('/home/me/.venv', { jupyterlab: '4.6.4' })
      )
    ).toEqual({
      code: 'labEnvironment.other',
      params: { prefix: '/home/me/.venv', installPath: '/srv/venv' }
    });
    // Letters' case counts outside Windows.
    expect(labEnvironmentVerdict(page, kernel('/SRV/venv')).code).toBe(
      'labEnvironment.other'
    );
  });

  it('trusts the install path of JupyterLab’s own managers only; then the versions tell', () => {
    const other = { ...page, managerName: 'my-manager' };
    expect(
      labEnvironmentVerdict(other, kernel('/srv/venv', { jupyterlab: '4.6.4' }))
    ).toEqual({
      code: 'labEnvironment.sameVersion',
      params: { prefix: '/srv/venv', package: 'jupyterlab', version: '4.6.4' }
    });
    expect(
      labEnvironmentVerdict(other, kernel('/srv/venv', { jupyterlab: '4.6.3' }))
        .code
    ).toBe('labEnvironment.unknown');
  });

  it('without a prefix: JupyterLab at the page’s version, else jupyter_server at the server’s', () => {
    expect(
      labEnvironmentVerdict(page, kernel('', { jupyterlab: '4.6.4' })).params
    ).toEqual({ prefix: '', package: 'jupyterlab', version: '4.6.4' });
    expect(
      labEnvironmentVerdict(
        page,
        kernel('', { jupyterlab: '4.5.0', 'jupyter-server': '2.21.1' })
      ).params
    ).toEqual({ prefix: '', package: 'jupyter_server', version: '2.21.1' });
    expect(
      labEnvironmentVerdict(
        page,
        kernel('', { jupyterlab: '4.6.40', 'jupyter-server': '2.21.0' })
      )
    ).toEqual({ code: 'labEnvironment.unknown', params: { prefix: '' } });
  });

  it('says nothing from what the page does not know', () => {
    const blank = readLabSide(() => '');
    expect(blank).toEqual({
      jupyterlab: '',
      jupyterServer: '',
      managerName: '',
      installPath: ''
    });
    expect(
      labEnvironmentVerdict(blank, {
        prefix: '/srv/venv',
        version: () => ''
      }).code
    ).toBe('labEnvironment.unknown');
  });
});

describe('readLabSide', () => {
  it('reads the page configuration as PageConfig gives it (objects as JSON text)', () => {
    const options: Record<string, string> = {
      appVersion: '4.6.4',
      notebookVersion: '[2, 21, 1]',
      extensionManager: JSON.stringify({
        name: 'PyPI',
        can_install: true,
        install_path: '/srv/venv'
      })
    };
    expect(readLabSide(name => options[name] ?? '')).toEqual(page);
    expect(
      readLabSide(name =>
        name === 'extensionManager' ? '{not json' : (options[name] ?? '')
      ).installPath
    ).toBe('');
  });

  it('reads jupyter_server’s version tuple, and nothing else', () => {
    expect(serverVersionFrom('[2, 0, 0, "rc1"]')).toBe('2.0.0rc1');
    expect(serverVersionFrom('')).toBe('');
    expect(serverVersionFrom('[2, "1; rm"]')).toBe('');
    expect(serverVersionFrom('{"a": 1}')).toBe('');
  });
});

describe('installedVersion', () => {
  it('is the drift row’s live version, else the stored one, else not installed (unknown when partial)', async () => {
    const stored = [dist('jupyterlab', '4.6.4'), dist('numpy', '1.26.4')];
    for (const partial of [false, true]) {
      const snapshot = await takeSnapshot(report(stored, { partial }));
      const read = readEnvironmentSnapshot(
        withEnvironmentSnapshot({}, snapshot)
      );
      const live = report([
        dist('jupyterlab', '4.6.4'),
        dist('numpy', '2.0.0'),
        dist('rich', '13.7.0')
      ]);
      const drift = compareEnvironment(read, live, []);
      expect(installedVersion(read, drift, 'jupyterlab')).toBe('4.6.4');
      expect(installedVersion(read, drift, 'numpy')).toBe('2.0.0');
      expect(installedVersion(read, drift, 'rich')).toBe(
        partial ? undefined : '13.7.0'
      );
      expect(installedVersion(read, drift, 'jupyter-server')).toBe(
        partial ? undefined : null
      );
    }
    const read = readEnvironmentSnapshot(
      withEnvironmentSnapshot({}, await takeSnapshot(report(stored)))
    );
    const gone = compareEnvironment(
      read,
      report([dist('numpy', '1.26.4')]),
      []
    );
    expect(installedVersion(read, gone, 'jupyterlab')).toBeNull();
  });
});
