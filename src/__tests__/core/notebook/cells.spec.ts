// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { joinSource } from '../../../core/notebook/cells';

describe('joinSource', () => {
  it('joins a cell source as nbformat does', () => {
    expect(joinSource('x = 1\ny = 2')).toBe('x = 1\ny = 2');
    expect(joinSource(['x = 1\n', 'y = 2'])).toBe('x = 1\ny = 2');
    expect(joinSource([])).toBe('');
    // Items that are not strings are left out, whatever their place.
    expect(joinSource(['x = 1\n', 7, null, 'y = 2', { a: 1 }])).toBe(
      'x = 1\ny = 2'
    );
    expect(joinSource([null, 'y'])).toBe('y');
    expect(joinSource(null)).toBe('');
    expect(joinSource({ source: 'x' })).toBe('');
  });
});
