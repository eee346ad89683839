// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { groupInstalls } from '../../../core/packages/installGroups';

describe('groupInstalls', () => {
  const line = (cell: number, text: string) => ({
    cell,
    cellId: null,
    line: text
  });

  it('lists each line once, in the order first met, with its cells', () => {
    expect(
      groupInstalls([
        line(2, '!pip install requests==2.31.0'),
        line(5, '%pip install -q tqdm'),
        line(5, '!pip install requests==2.31.0'),
        line(9, '!pip install requests==2.31.0')
      ])
    ).toEqual([
      { line: '!pip install requests==2.31.0', cells: [2, 5, 9] },
      { line: '%pip install -q tqdm', cells: [5] }
    ]);
  });

  it('names a cell once when it repeats a line', () => {
    expect(
      groupInstalls([line(1, '%pip install x'), line(1, '%pip install x')])
    ).toEqual([{ line: '%pip install x', cells: [1] }]);
  });

  it('is empty for no lines', () => {
    expect(groupInstalls([])).toEqual([]);
  });
});
