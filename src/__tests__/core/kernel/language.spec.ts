// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import {
  isPythonLanguage,
  kernelLanguage
} from '../../../core/kernel/language';

describe('kernelLanguage and isPythonLanguage', () => {
  it('reads language_info.name', () => {
    expect(kernelLanguage({ language_info: { name: 'python' } })).toBe(
      'python'
    );
    expect(kernelLanguage({ language_info: { name: ' R ' } })).toBe('R');
  });

  it('says "" when the kernel does not say', () => {
    expect(kernelLanguage({})).toBe('');
    expect(kernelLanguage(null)).toBe('');
    expect(kernelLanguage({ language_info: { name: 3 } })).toBe('');
  });

  it.each([
    ['python', true],
    ['python3', true],
    ['Python', true],
    ['ipython', true],
    ['r', false],
    ['julia', false],
    ['', false],
    ['pythonic', false]
  ])('%s is Python: %s', (language, expected) => {
    expect(isPythonLanguage(language)).toBe(expected);
  });
});
