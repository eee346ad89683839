// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { lineAt, lineStarts } from '../../../core/common/lines';

describe('lineAt', () => {
  it('finds the line of every offset, line ends included', () => {
    const text = 'ab\n\ncd\r\ne';
    const starts = lineStarts(text);
    expect(starts).toEqual([0, 3, 4, 8]);
    const lines = [...text].map((_, offset) => lineAt(starts, offset));
    expect(lines).toEqual([0, 0, 0, 1, 2, 2, 2, 2, 3]);
  });

  it('has one line for a text without a line break', () => {
    expect(lineAt(lineStarts(''), 0)).toBe(0);
    expect(lineAt(lineStarts('abc'), 2)).toBe(0);
  });
});
