// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import {
  notebookDataFiles,
  notebookDataFilesSteps
} from '../../../core/data/files';
import { findImports, findImportsSteps } from '../../../core/python/imports';
import type { ICellLike } from '../../../core/notebook/cells';
import { parsePythonSteps } from '../../../core/python/parser';
import { SCAN_LIMITS } from '../../../core/common/scanLimits';
import type { Steps } from '../../../core/common/steps';
import { parser } from '@lezer/python';

/**
 * Run a computation step by step, counting the steps.
 */
function stepByStep<T>(steps: Steps<T>): { steps: number; value: T } {
  for (let count = 0; ; count++) {
    const step = steps.next();
    if (step.done) {
      return { steps: count, value: step.value };
    }
  }
}

/**
 * A large cell: `n` blocks of ordinary analysis code, imports among them.
 */
function largeCell(n: number): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    lines.push(
      i % 100 === 0
        ? `import pkg${i}`
        : `x${i} = [v * ${i} for v in range(10) if v % 3]`,
      `def f${i}(a, b=${i}):`,
      `    return {"k": a, "v": b}["k"]`
    );
  }
  return lines.join('\n');
}

describe('rules in steps', () => {
  it('parse a large cell in many short steps into the tree a whole parse gives', () => {
    const code = largeCell(2000);
    const { steps, value } = stepByStep(parsePythonSteps(parser, code));
    expect(steps).toBeGreaterThan(10);
    expect(value.toString()).toBe(parser.parse(code).toString());
  });

  it('find the imports of a large cell in steps, as findImports does at once', () => {
    // As large as a cell that is still parsed.
    const code = largeCell(900);
    expect(code.length).toBeLessThan(SCAN_LIMITS.maxParsedCell);
    const { steps, value } = stepByStep(findImportsSteps(code, parser));
    expect(steps).toBeGreaterThan(10);
    expect(value).toEqual(findImports(code, parser));
    expect(value.modules).toHaveLength(9);
  });

  it('find the data files a notebook reads in steps, a cell at least each', () => {
    const cells: ICellLike[] = [
      {
        cell_type: 'code',
        source:
          'import pandas as pd\nfrom pathlib import Path\nDATA = Path("data")'
      },
      { cell_type: 'markdown', source: 'Read the inputs:' },
      {
        cell_type: 'code',
        source: 'df = pd.read_csv(DATA / "iris.csv")\nopen(f"{x}.txt")'
      },
      { cell_type: 'code', source: largeCell(300) + '\nnp.load("arrays.npy")' }
    ];
    const { steps, value } = stepByStep(notebookDataFilesSteps(cells, parser));
    expect(steps).toBeGreaterThanOrEqual(3);
    expect(value).toEqual(notebookDataFiles(cells, parser));
    expect(value.files.map(file => file.path)).toEqual([
      'arrays.npy',
      'data/iris.csv'
    ]);
  });
});
