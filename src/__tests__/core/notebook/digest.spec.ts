import { createHash } from 'crypto';
import { codeDigest, codeText } from '../../../core/notebook/digest';

const cells = [
  { cell_type: 'markdown', source: '# Title' },
  {
    cell_type: 'code',
    source: ['import numpy\n', 'x = 1'],
    execution_count: 1,
    outputs: []
  },
  { cell_type: 'code', source: 'print(x)', execution_count: 2 }
];

describe('the code digest', () => {
  it('is the SHA-256 of the code cells sources', async () => {
    const expected = createHash('sha256').update(codeText(cells)).digest('hex');
    expect(await codeDigest(cells)).toBe(expected);
    expect(codeText(cells)).toBe('["import numpy\\nx = 1","print(x)"]');
  });

  it('does not change when only outputs, counts or markdown change', async () => {
    const before = await codeDigest(cells);
    const rerun: any[] = cells.map(c => ({
      ...c,
      execution_count: 7,
      outputs: [{ x: 1 }]
    }));
    rerun[0] = { cell_type: 'markdown', source: '# Another title' };
    expect(await codeDigest(rerun)).toBe(before);
  });

  it('changes when code changes, even only by a newline or a cell boundary', async () => {
    const before = await codeDigest(cells);
    const edited = [cells[0], cells[1], { ...cells[2], source: 'print(x)\n' }];
    expect(await codeDigest(edited)).not.toBe(before);
    const merged = [
      { cell_type: 'code', source: 'import numpy\nx = 1print(x)' }
    ];
    expect(await codeDigest(merged)).not.toBe(before);
  });
});
