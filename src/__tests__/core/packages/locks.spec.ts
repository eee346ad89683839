// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type {
  ICondaPackage,
  IInstalledDistribution
} from '../../../core/kernel/environmentRequest';
import {
  ISnapshotRead,
  readEnvironmentSnapshot,
  takeSnapshot,
  withEnvironmentSnapshot
} from '../../../core/packages/environment';
import {
  lockRequirements,
  planLockExport,
  pylockText,
  pylockWithoutSource,
  requirementsLockText,
  condaEnvironmentText
} from '../../../core/packages/locks';
import { parseToml } from '../../../core/packages/toml';
import { dist, report } from './environmentFixtures';

const vcs: IInstalledDistribution = {
  ...dist('My_Lib', '0.1.dev3'),
  source: {
    kind: 'vcs',
    url: 'https://example.org/mylib.git',
    vcs: 'git',
    commit: '0123abcd',
    revision: 'main'
  }
};
const local: IInstalledDistribution = {
  ...dist('local-tool', '1.0'),
  source: {
    kind: 'directory',
    url: 'file:///home/me/src/local%20tool',
    editable: true
  }
};

async function snapshotOf(
  distributions: IInstalledDistribution[],
  conda: ICondaPackage[] | null = null
): Promise<ISnapshotRead> {
  return readEnvironmentSnapshot(
    withEnvironmentSnapshot(
      {},
      await takeSnapshot(report(distributions, { conda }))
    )
  );
}

describe('pylockText', () => {
  it('writes PEP 751: lock-version, created-by, one [[packages]] each, sources from direct_url.json', async () => {
    const read = await snapshotOf([dist('NumPy', '1.26.4'), vcs, local]);
    const text = pylockText(read, 'iris.ipynb')!;
    const toml = parseToml(text);
    expect(toml.problems).toEqual([]);
    expect(toml.root['lock-version']).toBe('1.0');
    expect(toml.root['created-by']).toBe('jupyterlab-nbproject');
    expect(toml.root['requires-python']).toBe('==3.11.*');
    expect(toml.root['packages']).toEqual([
      {
        name: 'local-tool',
        directory: { path: '/home/me/src/local tool', editable: true }
      },
      {
        name: 'my-lib',
        vcs: {
          type: 'git',
          url: 'https://example.org/mylib.git',
          'requested-revision': 'main',
          'commit-id': '0123abcd'
        }
      },
      { name: 'numpy', version: '1.26.4' }
    ]);
    expect(text).toContain(`sha256:${read.snapshot!.sha256}`);
  });

  it('says which entries have no source PEP 751 accepts: from an index, or an archive without a hash', async () => {
    const unhashed: IInstalledDistribution = {
      ...dist('Raw_Zip', '2.0'),
      source: { kind: 'archive', url: 'https://example.org/raw.zip' }
    };
    const hashed: IInstalledDistribution = {
      ...dist('ok-zip', '1.0'),
      source: {
        kind: 'archive',
        url: 'https://example.org/ok.zip',
        sha256: 'ab'.repeat(32)
      }
    };
    const read = await snapshotOf([
      dist('NumPy', '1.26.4'),
      vcs,
      local,
      unhashed,
      hashed
    ]);
    expect(pylockWithoutSource(read)).toEqual(['NumPy', 'Raw_Zip']);
    const plan = planLockExport('pylock', read, 'n.ipynb', null)!;
    expect(plan.withoutSource).toEqual(['NumPy', 'Raw_Zip']);
    // The file says so too, in comments that leave the TOML as it was.
    expect(plan.text).toContain(
      '# 2 entries have name and version only, no file URL with a hash'
    );
    expect(parseToml(plan.text).problems).toEqual([]);
    expect(
      planLockExport('requirements', read, 'n.ipynb', null)!.withoutSource
    ).toEqual([]);
    const direct = await snapshotOf([vcs, local, hashed]);
    expect(pylockWithoutSource(direct)).toEqual([]);
    expect(pylockText(direct, 'n.ipynb')).not.toContain(
      'name and version only'
    );
  });

  it('tells to install what an installer accepts: requirements.lock.txt when an entry has no source, pylock.toml when all have one', async () => {
    const use = (text: string) =>
      text
        .split('\n')
        .find(line => line.includes('; use: '))!
        .split('; use: ')[1];
    const read = await snapshotOf([dist('annotated-types', '0.7.0'), vcs]);
    expect(use(pylockText(read, 'n.ipynb')!)).toBe(
      'uv pip install -r requirements.lock.txt, written beside it (see below)'
    );
    const direct = await snapshotOf([vcs, local]);
    expect(use(pylockText(direct, 'n.ipynb')!)).toBe(
      'a PEP 751 installer (uv pip install -r pylock.toml)'
    );
  });

  it('keeps a hostile notebook name on its comment line', async () => {
    const read = await snapshotOf([dist('a', '1')]);
    const text = pylockText(read, 'x\nlock-version = "9"\n.ipynb')!;
    expect(parseToml(text).root['lock-version']).toBe('1.0');
  });
});

describe('requirementsLockText', () => {
  it('pins every distribution, direct ones as PEP 508 URLs at their commit', async () => {
    const text = requirementsLockText(
      await snapshotOf([dist('numpy', '1.26.4'), vcs, local]),
      'iris.ipynb'
    )!;
    expect(text.split('\n').filter(l => l && !l.startsWith('#'))).toEqual([
      'local-tool @ file:///home/me/src/local%20tool',
      'My_Lib @ git+https://example.org/mylib.git@0123abcd',
      'numpy==1.26.4'
    ]);
  });
});

describe('condaEnvironmentText', () => {
  it('is only for a conda environment', async () => {
    expect(
      condaEnvironmentText(await snapshotOf([dist('a', '1')]), 'n.ipynb')
    ).toBeNull();
  });

  it('lists exact conda specs by channel name, and what pip installed under pip:', async () => {
    const read = await snapshotOf(
      [dist('numpy', '1.26.4', [], 'conda'), dist('rich', '13.7.0')],
      [
        {
          name: 'numpy',
          version: '1.26.4',
          build: 'py311_0',
          channel: 'https://conda.anaconda.org/conda-forge/linux-64'
        },
        {
          name: 'python',
          version: '3.11.7',
          build: 'h1_0',
          channel: 'conda-forge'
        }
      ]
    );
    expect(
      condaEnvironmentText(read, 'My Analysis.ipynb')!
        .split('\n')
        .filter(l => !l.startsWith('#'))
    ).toEqual([
      'name: My-Analysis',
      'channels:',
      '  - conda-forge',
      'dependencies:',
      '  - conda-forge::numpy=1.26.4=py311_0',
      '  - conda-forge::python=3.11.7=h1_0',
      '  - pip:',
      '    - rich==13.7.0',
      ''
    ]);
  });
});

describe('planLockExport', () => {
  it('says what an overwrite changes, as the requirements export does', async () => {
    const before = await snapshotOf([
      dist('numpy', '1.26.4'),
      dist('six', '1.16.0')
    ]);
    const after = await snapshotOf([
      dist('numpy', '2.0.0'),
      dist('rich', '13.7.0')
    ]);
    for (const kind of ['pylock', 'requirements'] as const) {
      const existing = planLockExport(kind, before, 'n.ipynb', null)!;
      expect(existing.summary[0]).toBe('new file, 2 packages');
      const plan = planLockExport(kind, after, 'n.ipynb', existing.text)!;
      expect(plan.overwrites).toBe(true);
      expect(plan.summary).toEqual([
        '1 added, 1 changed, 1 removed, 0 unchanged',
        '+ rich==13.7.0',
        '- six==1.16.0',
        '~ numpy: ==1.26.4 -> ==2.0.0'
      ]);
      const same = planLockExport(kind, after, 'n.ipynb', plan.text)!;
      expect(same.changed).toBe(false);
    }
  });

  it('writes nothing without a snapshot', () => {
    const none = readEnvironmentSnapshot({});
    expect(planLockExport('pylock', none, 'n.ipynb', null)).toBeNull();
    expect(planLockExport('requirements', none, 'n.ipynb', null)).toBeNull();
  });

  it('reads the packages of each kind of file back', async () => {
    const read = await snapshotOf(
      [dist('numpy', '1.26.4', [], 'conda'), dist('rich', '13.7.0')],
      [{ name: 'numpy', version: '1.26.4', build: 'b', channel: 'conda-forge' }]
    );
    const text = condaEnvironmentText(read, 'n.ipynb')!;
    expect(lockRequirements('conda', text).map(r => r.text)).toEqual([
      'numpy==1.26.4',
      'rich==13.7.0'
    ]);
  });
});
