// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { readDeclared } from '../../../core/packages/declaredDependencies';
import {
  compareDeclared,
  summarizeDeclared
} from '../../../core/packages/compare';

const PEP723 =
  '# /// script\n# requires-python = ">=3.11"\n# dependencies = [\n#     "numpy==1.26.4",\n#     "pandas>=2",\n#     "rich",\n# ]\n# ///';

describe('compareDeclared', () => {
  const [declared] = readDeclared([{ cell_type: 'code', source: PEP723 }], {});

  it('compares each declared dependency with the kernel, and lists undeclared imports', () => {
    const rows = compareDeclared(
      declared,
      { numpy: '2.0.0', pandas: '2.2.2', rich: '', PyYAML: '6.0.1' },
      ['PyYAML', 'numpy']
    );
    expect(
      rows.map(row => [row.key, row.declared, row.live, row.status])
    ).toEqual([
      ['numpy', '==1.26.4', '2.0.0', 'mismatch'],
      ['pandas', '>=2', '2.2.2', 'installed'],
      ['rich', '', null, 'missing'],
      ['pyyaml', null, '6.0.1', 'undeclared']
    ]);
    expect(summarizeDeclared(rows)).toMatchObject({
      mismatch: 1,
      installed: 1,
      missing: 1,
      undeclared: 1
    });
  });

  it('calls a match a match, by normalised name', () => {
    const rows = compareDeclared(declared, { NumPy: '1.26.4' }, []);
    expect(rows[0].status).toBe('match');
  });

  it('says unknown without a kernel, or for a name the kernel was not asked about', () => {
    expect(compareDeclared(declared, null, []).map(row => row.status)).toEqual([
      'unknown',
      'unknown',
      'unknown'
    ]);
    expect(
      compareDeclared(declared, { numpy: '1.26.4' }, []).map(row => row.status)
    ).toEqual(['match', 'unknown', 'unknown']);
  });
});
