import { parser } from '@lezer/python';
import { NotebookModel } from '@jupyterlab/notebook';
describe('smoke', () => {
  it('parses', () => {
    const t = parser.parse('import numpy');
    expect(t.topNode.name).toBe('Script');
    const m = new NotebookModel();
    m.setMetadata('x', 1);
    expect(m.getMetadata('x')).toBe(1);
  });
});
