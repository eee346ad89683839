// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import {
  componentsBelow,
  isHiddenName,
  normalizeDataPath,
  refuseDataPath,
  suggestRecording
} from '../../../core/data/paths';

describe('where a data file lies relative to the root', () => {
  it.each([
    ['/repo', '/repo/data/x.csv', ['data', 'x.csv']],
    ['/repo', '/repo', []],
    ['/repo/', '/repo/x', ['x']],
    ['/', '/dev/zero', ['dev', 'zero']],
    ['/repo', '/repository/x', null],
    ['/repo', '/etc/passwd', null],
    ['/repo/analysis', '/repo', null],
    [
      'C:\\Users\\ana\\repo',
      'C:\\Users\\ana\\repo\\data\\x.csv',
      ['data', 'x.csv']
    ],
    ['C:\\repo', 'D:\\repo\\x.csv', null]
  ])('below %s: %s is %j', (root, target, expected) => {
    expect(componentsBelow(root, target)).toEqual(expected);
  });

  it('refuses what is outside, and what is hidden below the root unless allowed', () => {
    expect(refuseDataPath('/repo', '/elsewhere/x.csv', true)).toBe(
      'outside-root'
    );
    expect(refuseDataPath('/repo', '/repo/.git/config', false)).toBe('hidden');
    expect(refuseDataPath('/repo', '/repo/data/.env', false)).toBe('hidden');
    expect(refuseDataPath('/repo', '/repo/.git/config', true)).toBeNull();
    // Only names below the root count: a root in a hidden folder is fine.
    expect(
      refuseDataPath(
        '/home/ana/.cache/repo',
        '/home/ana/.cache/repo/x.csv',
        false
      )
    ).toBeNull();
    expect(refuseDataPath('/repo', '/repo/data/x.v2.csv', false)).toBeNull();
  });

  it('counts names starting with "." as hidden, not "." and ".."', () => {
    expect(['.env', '.git', '..x', '.'].map(isHiddenName)).toEqual([
      true,
      true,
      true,
      false
    ]);
    expect(isHiddenName('..')).toBe(false);
    expect(isHiddenName('x.csv')).toBe(false);
  });
});

describe('suggestRecording', () => {
  it('does not suggest recording a hidden file the code reads, unless hidden files are allowed', () => {
    expect(suggestRecording('.env', false)).toBe(false);
    expect(suggestRecording('data/.cache/x.csv', false)).toBe(false);
    expect(suggestRecording('~/.aws/credentials', false)).toBe(false);
    expect(suggestRecording('./data/../.env', false)).toBe(false);
    expect(suggestRecording('data\\.cache\\x.csv', false)).toBe(false);
    expect(suggestRecording('data/x.csv', false)).toBe(true);
    expect(suggestRecording('../data/x.v2.csv', false)).toBe(true);
    expect(suggestRecording('.env', true)).toBe(true);
    expect(suggestRecording('data/.cache/x.csv', true)).toBe(true);
  });

  it('does not suggest a file the reader refused as hidden (a link into a hidden folder)', () => {
    expect(suggestRecording('data/x.csv', false, true)).toBe(false);
  });
});

describe('normalizeDataPath', () => {
  it.each([
    ['data/iris.csv', 'data/iris.csv'],
    ['./data//iris.csv', 'data/iris.csv'],
    ['data/./raw/../iris.csv', 'data/iris.csv'],
    ['../shared/x.csv', '../shared/x.csv'],
    ['../../x', '../../x'],
    ['a/../../x', '../x'],
    ['data\\raw\\x.csv', 'data/raw/x.csv'],
    ['/home/u/x.csv', '/home/u/x.csv'],
    ['/../x', '/x'],
    ['C:\\Users\\u\\x.csv', 'C:/Users/u/x.csv'],
    ['C:', 'C:'],
    ['~/data/x.csv', '~/data/x.csv'],
    ['data/', 'data'],
    ['./', '.'],
    ['a/..', '.'],
    ['  x.csv ', 'x.csv'],
    ['', '']
  ])('%j is %j', (path, expected) => {
    expect(normalizeDataPath(path)).toBe(expected);
  });
});
