// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { cut, describeValue, listSome, quote } from '../../../core/common/text';

describe('cut', () => {
  it('keeps a text that fits and cuts a longer one to the length given, with an ellipsis', () => {
    expect(cut('abcde', 5)).toBe('abcde');
    expect(cut('abcdef', 5)).toBe('abcd…');
    expect(cut('x'.repeat(1000), 80)).toHaveLength(80);
  });

  it('never splits an emoji in two', () => {
    const text = `abc${'😀'.repeat(10)}`;
    for (let max = 1; max < text.length; max++) {
      const shown = cut(text, max);
      expect(shown.length).toBeLessThanOrEqual(max);
      // A lone surrogate would not survive a round trip through UTF-8.
      expect(Buffer.from(shown, 'utf8').toString('utf8')).toBe(shown);
    }
  });
});

describe('quote', () => {
  it('quotes as JSON, so line breaks and quotes show as escapes', () => {
    expect(quote('a"b\nc', 40)).toBe('"a\\"b\\nc"');
  });

  it('says how long a cut text was', () => {
    expect(quote('x'.repeat(100), 10)).toBe(`"${'x'.repeat(9)}… (100 characters)"`);
  });
});

describe('listSome', () => {
  it('names the first items and counts the rest', () => {
    expect(listSome(['a', 'b'], 3)).toBe('a, b');
    expect(listSome(['a', 'b', 'c', 'd', 'e'], 3, '; ')).toBe('a; b; c (and 2 more)');
  });
});

describe('describeValue', () => {
  it.each([
    [null, 'null'],
    [[1], 'a list'],
    [{}, 'an object'],
    [3, 'the number 3'],
    [true, 'the boolean true'],
    ['abc', 'the text "abc"']
  ])('describes %j as %s', (value, words) => {
    expect(describeValue(value)).toBe(words);
  });
});
