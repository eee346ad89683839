// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { maskedExcerpt } from '../../../core/hygiene/excerpt';

describe('a masked excerpt', () => {
  it('shows four characters, then only punctuation, of the first twenty', () => {
    expect(maskedExcerpt('GITHUB_TOKEN=ghp_0123456789abcdef')).toBe(
      '"GITH**_*****=***_***…"'
    );
    expect(maskedExcerpt('./vendored/thing.whl')).toBe(
      '"./ve******/*****.***"'
    );
    expect(maskedExcerpt('')).toBe('""');
  });

  it('masks letters of any script and shows control characters as "?"', () => {
    expect(maskedExcerpt('abcdéü\u0000日本\n1')).toBe('"abcd**?**?*"');
  });
});
