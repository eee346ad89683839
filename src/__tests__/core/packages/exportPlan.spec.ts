// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { planPep723Export } from '../../../core/packages/exportPlan';
import { ICellLike } from '../../../core/notebook/cells';

const CELLS: ICellLike[] = [
  { cell_type: 'markdown', source: '# Iris' },
  { cell_type: 'code', source: 'import pandas' }
];
const NBPROJECT = {
  id: 'KLqggfTIAJ6N',
  version: '1',
  pypackage: { pandas: '2.2.2' }
};

describe('planPep723Export', () => {
  it('declares the stored packages, requiring the Python the notebook records', () => {
    const plan = planPep723Export({
      cells: CELLS,
      nbproject: NBPROJECT,
      languageInfo: { version: '3.11.7' }
    });
    expect(plan?.action).toBe('insert');
    expect(plan?.index).toBe(1);
    expect(plan?.requiresPython.after).toBe('>=3.11');
    expect(plan?.source).toContain('"pandas==2.2.2"');
  });

  it("prefers the running kernel's Python to the one recorded", () => {
    const plan = planPep723Export({
      cells: CELLS,
      nbproject: NBPROJECT,
      languageInfo: { version: '3.9.1' },
      python: '3.12.2'
    });
    expect(plan?.requiresPython.after).toBe('>=3.12');
  });

  it('declares the packages given (as publishing pins them) over the stored ones', () => {
    const plan = planPep723Export({
      cells: CELLS,
      nbproject: undefined,
      languageInfo: null,
      packages: { numpy: '2.0.0' }
    });
    expect(plan.source).toContain('"numpy==2.0.0"');
    expect(plan.source).not.toContain('pandas');
    expect(plan.requiresPython.after).toBeNull();
  });

  it('plans nothing for a notebook that stores no package versions', () => {
    expect(
      planPep723Export({
        cells: CELLS,
        nbproject: { id: 'KLqggfTIAJ6N' },
        languageInfo: undefined
      })
    ).toBeNull();
    expect(
      planPep723Export({
        cells: CELLS,
        nbproject: NBPROJECT,
        languageInfo: undefined,
        packages: null
      })
    ).toBeNull();
  });
});
