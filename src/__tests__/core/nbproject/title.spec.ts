// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type { ICellLike } from '../../../core/notebook/cells';
import { getTitle, markdownTitle } from '../../../core/nbproject/title';
import { caseNotebookCells, describeConformance } from '../../conformance';

describeConformance('nbproject conformance: title', cases => {
  it.each(cases.title.map(c => [c.name, c] as const))(
    "gives nbproject's title for %s",
    (_, c) => {
      expect(getTitle(c.cells)).toBe(c.nbproject.title);
    }
  );

  it.each(cases.notebooks.map(c => [c.file, c] as const))(
    "gives nbproject's title for the real notebook %s",
    (_, c) => {
      expect(getTitle(caseNotebookCells(c.file))).toBe(c.nbproject.title);
    }
  );
});

describe('getTitle', () => {
  it('takes the first "# " line across markdown cells, in order', () => {
    const cells: ICellLike[] = [
      { cell_type: 'markdown', source: '## Sub\ntext' },
      { cell_type: 'markdown', source: ['intro\n', '# First\n', '# Second'] },
      { cell_type: 'markdown', source: '# Third' }
    ];
    expect(getTitle(cells)).toBe('First');
  });

  it('keeps inner "#" and only strips leading hashes, spaces and dots', () => {
    expect(markdownTitle('# ## C# notes...')).toBe('## C# notes');
    expect(markdownTitle('#  . Title . ')).toBe('Title');
  });

  it('survives garbage sources and cell types without throwing', () => {
    const cells: ICellLike[] = [
      { cell_type: 'markdown', source: null },
      { cell_type: 'markdown', source: 42 },
      { cell_type: 'markdown', source: ['# ', 3, 'Joined'] },
      { cell_type: 'markdown' }
    ];
    expect(getTitle(cells)).toBe('Joined');
    expect(getTitle([{ cell_type: 7, source: '# No' }])).toBeNull();
  });
});
