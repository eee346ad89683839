// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { componentsBelow, isHiddenName, refuseDataPath } from '../../../core/data/paths';
import { maskedExcerpt } from '../../../core/hygiene/excerpt';

describe('where a data file lies relative to the root', () => {
  it.each([
    ['/repo', '/repo/data/x.csv', ['data', 'x.csv']],
    ['/repo', '/repo', []],
    ['/repo/', '/repo/x', ['x']],
    ['/', '/dev/zero', ['dev', 'zero']],
    ['/repo', '/repository/x', null],
    ['/repo', '/etc/passwd', null],
    ['/repo/analysis', '/repo', null],
    ['C:\\Users\\ana\\repo', 'C:\\Users\\ana\\repo\\data\\x.csv', ['data', 'x.csv']],
    ['C:\\repo', 'D:\\repo\\x.csv', null]
  ])('below %s: %s is %j', (root, target, expected) => {
    expect(componentsBelow(root, target)).toEqual(expected);
  });

  it('refuses what is outside, and what is hidden below the root unless allowed', () => {
    expect(refuseDataPath('/repo', '/elsewhere/x.csv', true)).toBe('outside-root');
    expect(refuseDataPath('/repo', '/repo/.git/config', false)).toBe('hidden');
    expect(refuseDataPath('/repo', '/repo/data/.env', false)).toBe('hidden');
    expect(refuseDataPath('/repo', '/repo/.git/config', true)).toBeNull();
    // Only names below the root count: a root in a hidden folder is fine.
    expect(refuseDataPath('/home/ana/.cache/repo', '/home/ana/.cache/repo/x.csv', false)).toBeNull();
    expect(refuseDataPath('/repo', '/repo/data/x.v2.csv', false)).toBeNull();
  });

  it('counts names starting with "." as hidden, not "." and ".."', () => {
    expect(['.env', '.git', '..x', '.'].map(isHiddenName)).toEqual([true, true, true, false]);
    expect(isHiddenName('..')).toBe(false);
    expect(isHiddenName('x.csv')).toBe(false);
  });
});

describe('a masked excerpt', () => {
  it('shows four characters, then only punctuation, of the first twenty', () => {
    expect(maskedExcerpt('GITHUB_TOKEN=ghp_0123456789abcdef')).toBe('"GITH**_*****=***_***…"');
    expect(maskedExcerpt('./vendored/thing.whl')).toBe('"./ve******/*****.***"');
    expect(maskedExcerpt('')).toBe('""');
  });

  it('masks letters of any script and shows control characters as "?"', () => {
    expect(maskedExcerpt('abcdéü\u0000日本\n1')).toBe('"abcd**?**?*"');
  });
});
