// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import {
  comparePackages,
  installCommand,
  recordLiveVersions,
  summarizeComparison
} from '../core/compare';

describe('comparePackages', () => {
  const stored = { pandas: '1.4.2', PyYAML: '6.0', nbproject: '0.1.6', gone: '1.0' };
  const live = { pandas: '1.4.2', pyyaml: '6.0.1', nbproject: '', numpy: '1.26.0' };

  it('says for each stored or imported package whether the kernel matches', () => {
    expect(comparePackages(stored, live, ['pandas', 'numpy', 'scikit-learn'])).toEqual([
      { name: 'gone', key: 'gone', stored: '1.0', live: null, status: 'missing' },
      { name: 'nbproject', key: 'nbproject', stored: '0.1.6', live: null, status: 'missing' },
      { name: 'numpy', key: 'numpy', stored: null, live: '1.26.0', status: 'unstored' },
      { name: 'pandas', key: 'pandas', stored: '1.4.2', live: '1.4.2', status: 'match' },
      { name: 'PyYAML', key: 'pyyaml', stored: '6.0', live: '6.0.1', status: 'mismatch' },
      { name: 'scikit-learn', key: 'scikit-learn', stored: null, live: null, status: 'unstored' }
    ]);
  });

  it('compares names per PEP 503', () => {
    const rows = comparePackages({ 'Scikit_Learn': '1.5' }, { 'scikit-learn': '1.5' }, ['scikit.learn']);
    expect(rows).toEqual([
      { name: 'Scikit_Learn', key: 'scikit-learn', stored: '1.5', live: '1.5', status: 'match' }
    ]);
  });

  it('says "unknown" for stored packages when no kernel told us', () => {
    expect(comparePackages({ pandas: '1.4.2' }, null, ['numpy']).map(r => r.status)).toEqual([
      'unstored',
      'unknown'
    ]);
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
    expect(installCommand({ pandas: '1.4.2', nbproject: '', PyYAML: '6.0' })).toBe(
      'pip install pandas==1.4.2 PyYAML==6.0'
    );
  });

  it('works from comparison rows too', () => {
    const rows = comparePackages({ pandas: '1.4.2' }, null, ['numpy']);
    expect(installCommand(rows)).toBe('pip install pandas==1.4.2');
  });

  it('quotes anything a shell would interpret', () => {
    expect(installCommand({ "evil'; rm -rf ~": '1', nbproject: '0+untagged.34.g096f461' })).toBe(
      `pip install 'evil'\\''; rm -rf ~==1' nbproject==0+untagged.34.g096f461`
    );
  });

  it('is empty when nothing is pinned', () => {
    expect(installCommand({ a: '' })).toBe('');
    expect(installCommand([])).toBe('');
  });
});

describe('recording the live versions', () => {
  it('updates mismatches, keeps missing ones, adds imported ones, keeps stored spellings', () => {
    const stored = { 'Scikit_Learn': '1.0', pandas: '1.4.2', gone: '0.1' };
    const live = { 'scikit-learn': '1.5.2', pandas: '1.4.2', numpy: '2.1.0', gone: '' };
    const rows = comparePackages(stored, live, ['numpy']);
    expect(recordLiveVersions(stored, rows)).toEqual({
      'Scikit_Learn': '1.5.2',
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
