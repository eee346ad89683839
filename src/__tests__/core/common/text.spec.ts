// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { cut, quote, valueShape } from '../../../core/common/text';

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
    expect(quote('x'.repeat(100), 10)).toBe(
      `"${'x'.repeat(9)}… (100 characters)"`
    );
  });
});

describe('valueShape', () => {
  it.each([
    [null, { type: 'null' }],
    [[1], { type: 'list' }],
    [{}, { type: 'object' }],
    [3, { type: 'number', value: '3' }],
    [true, { type: 'boolean', value: 'true' }],
    ['abc', { type: 'text', text: '"abc"' }],
    [undefined, { type: 'other', name: 'undefined' }]
  ])('tells what %j is', (value, shape) => {
    expect(valueShape(value)).toEqual(shape);
  });

  it('cuts and quotes long text', () => {
    expect(valueShape('x'.repeat(100))).toEqual({
      type: 'text',
      text: `"${'x'.repeat(39)}… (100 characters)"`
    });
  });
});
