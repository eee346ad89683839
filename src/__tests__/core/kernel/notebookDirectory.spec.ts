// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { kernelNotebookDirectory } from '../../../core/kernel/notebookDirectory';

describe('kernelNotebookDirectory', () => {
  it.each([
    ['/home/u/work', 'analysis/nb.ipynb', '/home/u/work/analysis'],
    ['/home/u/work/', 'nb.ipynb', '/home/u/work'],
    ['~/work', 'a/b/nb.ipynb', '~/work/a/b'],
    ['C:\\Users\\u\\work', 'a/nb.ipynb', 'C:\\Users\\u\\work\\a'],
    ['/', 'nb.ipynb', '/'],
    ['', 'a/nb.ipynb', undefined],
    [null, 'a/nb.ipynb', undefined]
  ])('joins %j and %j', (root, notebook, expected) => {
    expect(kernelNotebookDirectory(root, notebook)).toBe(expected);
  });
});
