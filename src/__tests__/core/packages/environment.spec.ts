// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type { IInstalledDistribution } from '../../../core/kernel/environmentRequest';
import { dist, report } from './environmentFixtures';
import {
  compareEnvironment,
  readEnvironmentSnapshot,
  snapshotText,
  storedPins,
  takeSnapshot,
  withEnvironmentSnapshot
} from '../../../core/packages/environment';
import { sha256Hex } from '../../../core/notebook/digest';

/**
 * A plausible environment of `count` distributions with realistic names
 * and versions.
 */
function bigEnvironment(count: number): IInstalledDistribution[] {
  return Array.from({ length: count }, (_, i) =>
    dist(
      `some-typical-package-name-${i}`,
      `${(i % 30) + 1}.${i % 17}.${i % 11}.post${i % 3}`,
      [`some-typical-package-name-${(i + 1) % count}`]
    )
  );
}

describe('takeSnapshot', () => {
  it('adds well under 30 KB for 400 packages to the notebook as Jupyter writes it', async () => {
    const notebook = {
      cells: [],
      metadata: { jupyterlab_nbproject: { schema_version: 1 } },
      nbformat: 4,
      nbformat_minor: 5
    };
    const snapshot = await takeSnapshot(report(bigEnvironment(400)));
    const before = JSON.stringify(notebook, null, 1).length;
    const after = JSON.stringify(
      {
        ...notebook,
        metadata: {
          jupyterlab_nbproject: withEnvironmentSnapshot(
            notebook.metadata.jupyterlab_nbproject,
            snapshot
          )
        }
      },
      null,
      1
    ).length;
    expect(snapshot.packages).toHaveLength(400);
    // Names of 29 characters and versions of 10: longer than most, so a
    // real environment of 400 adds less.
    expect(after - before).toBeLessThan(24 * 1024);
  });

  it('is sorted by PEP 503 name, names the usual installer once and the others apart', async () => {
    const snapshot = await takeSnapshot(
      report([
        dist('Zope.Interface', '6.0'),
        dist('numpy', '1.26.4', [], 'uv'),
        dist('attrs', '23.1'),
        {
          ...dist('mylib', '0.1'),
          source: {
            kind: 'vcs',
            url: 'https://x/m.git',
            vcs: 'git',
            commit: 'c1'
          }
        }
      ])
    );
    expect(snapshot.packages).toEqual([
      'attrs==23.1',
      'mylib==0.1',
      'numpy==1.26.4',
      'Zope.Interface==6.0'
    ]);
    expect(snapshot.installer).toBe('pip');
    expect(snapshot.installers).toEqual({ numpy: 'uv' });
    expect(snapshot.sources).toEqual({
      mylib: { kind: 'vcs', url: 'https://x/m.git', vcs: 'git', commit: 'c1' }
    });
  });

  it('has the digest of its canonical text, the same whatever the order of the report', async () => {
    const a = await takeSnapshot(report([dist('a', '1'), dist('b', '2')]));
    const b = await takeSnapshot(report([dist('b', '2'), dist('a', '1')]));
    const c = await takeSnapshot(report([dist('b', '3'), dist('a', '1')]));
    expect(a.sha256).toBe(b.sha256);
    expect(a.sha256).not.toBe(c.sha256);
    expect(a.sha256).toBe(await sha256Hex(snapshotText(a)));
  });

  it('stores conda packages as exact specs', async () => {
    const snapshot = await takeSnapshot(
      report([], {
        conda: [
          {
            name: 'numpy',
            version: '1.26.4',
            build: 'py311_0',
            channel: 'conda-forge'
          }
        ]
      })
    );
    expect(snapshot.conda).toEqual(['conda-forge::numpy==1.26.4=py311_0']);
  });
});

describe('withEnvironmentSnapshot and readEnvironmentSnapshot', () => {
  it('keeps every other key of the extension metadata and reads back what it wrote', async () => {
    const snapshot = await takeSnapshot(report([dist('numpy', '1.26.4')]));
    const stored = withEnvironmentSnapshot(
      { history: [{ version: '1' }], later_key: { x: 1 } },
      snapshot
    );
    expect(stored.history).toEqual([{ version: '1' }]);
    expect(stored.later_key).toEqual({ x: 1 });
    const read = readEnvironmentSnapshot(stored);
    expect(read.snapshot).toEqual(snapshot);
    expect(read.problems).toEqual([]);
  });

  it('reads leniently: bad entries are said and left out', () => {
    const read = readEnvironmentSnapshot({
      environment: { packages: ['numpy==1.26.4', 'no version', 42] }
    });
    expect([...read.packages.keys()]).toEqual(['numpy']);
    expect(read.problems.map(p => p.code)).toEqual([
      'environment.badPackage',
      'environment.badPackage'
    ]);
    expect(readEnvironmentSnapshot({ environment: 'x' }).problems).toEqual([
      { code: 'environment.notObject' }
    ]);
    expect(readEnvironmentSnapshot(undefined).snapshot).toBeNull();
  });
});

describe('compareEnvironment', () => {
  const published = [
    dist('pandas', '2.2.2', ['numpy', 'python-dateutil']),
    dist('numpy', '1.26.4'),
    dist('python-dateutil', '2.9.0', ['six']),
    dist('six', '1.16.0'),
    dist('requests', '2.31.0', ['urllib3']),
    dist('urllib3', '2.0.0'),
    dist('old-tool', '1.0')
  ];

  async function drift(live: IInstalledDistribution[], imported: string[]) {
    const stored = withEnvironmentSnapshot(
      {},
      await takeSnapshot(report(published))
    );
    return compareEnvironment(
      readEnvironmentSnapshot(stored),
      report(live),
      imported
    );
  }

  it('says which changed ones lie under the imports, through Requires-Dist', async () => {
    const result = await drift(
      [
        dist('pandas', '2.2.3', ['numpy', 'python-dateutil']),
        dist('numpy', '1.26.4'),
        dist('python-dateutil', '2.9.0', ['six']),
        dist('six', '1.17.0'),
        dist('requests', '2.31.0', ['urllib3']),
        dist('urllib3', '2.2.0'),
        dist('new-tool', '0.1')
      ],
      ['Pandas']
    );
    expect(
      result.rows.map(r => [r.name, r.stored, r.live, r.status, r.underImports])
    ).toEqual([
      ['pandas', '2.2.2', '2.2.3', 'changed', true],
      ['six', '1.16.0', '1.17.0', 'changed', true],
      ['urllib3', '2.0.0', '2.2.0', 'changed', false],
      ['old-tool', '1.0', null, 'missing', false],
      ['new-tool', null, '0.1', 'added', false]
    ]);
    expect(result.findings).toEqual([
      {
        code: 'environment.drift',
        params: { changed: 3, underImports: 2, missing: 1, added: 1 }
      }
    ]);
  });

  it('counts a different commit of a VCS install as changed', async () => {
    const source = { kind: 'vcs' as const, url: 'https://x/m.git', vcs: 'git' };
    const stored = withEnvironmentSnapshot(
      {},
      await takeSnapshot(
        report([{ ...dist('m', '0.1'), source: { ...source, commit: 'aaa' } }])
      )
    );
    const result = compareEnvironment(
      readEnvironmentSnapshot(stored),
      report([{ ...dist('m', '0.1'), source: { ...source, commit: 'bbb' } }]),
      ['m']
    );
    expect(result.rows.map(r => r.status)).toEqual(['changed']);
  });

  it('says another Python minor version and platform first', async () => {
    const stored = withEnvironmentSnapshot(
      {},
      await takeSnapshot(report(published))
    );
    const result = compareEnvironment(
      readEnvironmentSnapshot(stored),
      report(published, {
        python: { version: '3.12.1', implementation: 'CPython' },
        platform: 'macosx-11.0-arm64'
      }),
      []
    );
    expect(result.findings.map(f => f.code)).toEqual([
      'environment.pythonMinor',
      'environment.platform',
      'environment.drift'
    ]);
    expect(result.findings[0]).toEqual({
      code: 'environment.pythonMinor',
      params: { stored: '3.11', live: '3.12' }
    });
  });

  it('follows requirement cycles once, in time linear in the environment', async () => {
    const time = (count: number) => {
      const env = bigEnvironment(count);
      const read = readEnvironmentSnapshot({
        environment: { packages: env.map(d => `${d.name}==0`) }
      });
      const start = performance.now();
      for (let i = 0; i < 5; i++) {
        compareEnvironment(read, report(env), [env[0].name]);
      }
      return performance.now() - start;
    };
    time(2000);
    const small = time(2000);
    const large = time(16000);
    // 8 times the input: linear is about 8 times the time, quadratic 64.
    expect(large / small).toBeLessThan(24);
    const env = bigEnvironment(50);
    const read = readEnvironmentSnapshot({
      environment: { packages: env.map(d => `${d.name}==0`) }
    });
    // The ring of requirements puts every one under the imports.
    expect(
      compareEnvironment(read, report(env), [env[0].name]).rows.every(
        r => r.underImports
      )
    ).toBe(true);
  });
});

describe('storedPins', () => {
  it('pins index packages to their version and direct ones to their URL', async () => {
    const read = readEnvironmentSnapshot(
      withEnvironmentSnapshot(
        {},
        await takeSnapshot(
          report([
            dist('numpy', '1.26.4'),
            {
              ...dist('m', '0.1'),
              source: {
                kind: 'vcs',
                url: 'https://x/m.git',
                vcs: 'git',
                commit: 'c1'
              }
            }
          ])
        )
      )
    );
    expect(storedPins(read, ['numpy', 'm', 'absent'])).toEqual([
      'numpy==1.26.4',
      'm @ git+https://x/m.git@c1'
    ]);
  });
});
