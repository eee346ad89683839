// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { NotebookModel } from '@jupyterlab/notebook';
import { checkNotebookText } from '../../cli/check';
import { NotebookAnalysis } from '../../core/notebook/analysis';
import { consecutivenessReport } from '../../core/execution/consecutiveness';
import type { ICellLike } from '../../core/notebook/cells';
import { ExecutionMonitor } from '../../session/execution';
import { parser } from '@lezer/python';

/**
 * The cell juv writes: the block alone, never run.
 */
const PEP723 =
  '# /// script\n# requires-python = ">=3.11"\n# dependencies = [\n#     "numpy==1.26.4",\n# ]\n# ///';

const code = (
  id: string,
  source: string,
  count: number | null = null
): ICellLike & { outputs: [] } => ({
  cell_type: 'code',
  id,
  source,
  execution_count: count,
  metadata: {},
  outputs: []
});

/**
 * A juv-style notebook: the PEP 723 cell first (never run), then code that
 * ran in order from 1.
 */
const juvNotebook = (): ICellLike[] => [
  code('dep', PEP723),
  code('a', 'import numpy as np', 1),
  code('b', 'x = np.arange(3)', 2)
];

describe('the PEP 723 cell is exempt from the consecutiveness rule', () => {
  it("is what nbproject's rule alone would blame", () => {
    // The premise: without the exemption the never-run cell is a violation.
    expect(consecutivenessReport(juvNotebook()).consecutive).toBe(false);
  });

  it('in the core analysis', () => {
    const analysis = new NotebookAnalysis({ parser });
    analysis.update(juvNotebook());
    expect(analysis.result().consecutiveness.consecutive).toBe(true);
    expect(analysis.result().consecutiveness.cells).toEqual([]);
    expect(analysis.result().modules.map(module => module.name)).toEqual([
      'numpy'
    ]);
  });

  it('but only when the cell holds the block alone: code beside it is judged', () => {
    const cells = juvNotebook();
    cells[0] = code('dep', `${PEP723}\nimport os`);
    const analysis = new NotebookAnalysis({ parser });
    analysis.update(cells);
    expect(analysis.result().consecutiveness.consecutive).toBe(false);
    expect(
      analysis.result().consecutiveness.cells.map(cell => cell.index)
    ).toEqual([0]);
  });

  it('while it has not run: after "Run All" it is judged like any cell', () => {
    const ran = [
      code('dep', PEP723, 1),
      code('a', 'import numpy as np', 2),
      code('b', 'x = 1', 3)
    ];
    const analysis = new NotebookAnalysis({ parser });
    analysis.update(ran);
    expect(analysis.result().consecutiveness.consecutive).toBe(true);
    ran[0] = code('dep', PEP723, 4);
    analysis.update(ran);
    expect(analysis.result().consecutiveness.consecutive).toBe(false);
  });

  it('in strict mode too', () => {
    const analysis = new NotebookAnalysis({ parser, mode: 'strict' });
    analysis.update(juvNotebook());
    expect(analysis.result().consecutiveness.cells).toEqual([]);
  });

  it('in nbproject-lab check', () => {
    const text = JSON.stringify({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {},
      cells: juvNotebook()
    });
    const outcome = checkNotebookText(text);
    expect(
      'check' in outcome && outcome.check.consecutiveness.consecutive
    ).toBe(true);
    expect(
      'check' in outcome &&
        outcome.check.imports.modules.map(module => module.name)
    ).toEqual(['numpy']);
  });

  describe('in the execution monitor', () => {
    const monitors: ExecutionMonitor[] = [];
    afterEach(() => monitors.splice(0).forEach(monitor => monitor.dispose()));

    const open = (
      cells: ICellLike[],
      mode: ExecutionMonitor.IOptions['mode'] = 'nbproject'
    ) => {
      const model = new NotebookModel();
      model.fromJSON({
        nbformat: 4,
        nbformat_minor: 5,
        metadata: {},
        cells: cells as any
      });
      const monitor = new ExecutionMonitor({ model, mode });
      monitors.push(monitor);
      return { model, monitor };
    };

    it('gives the cell no mark and keeps the verdict', () => {
      for (const mode of ['nbproject', 'strict'] as const) {
        const { monitor } = open(juvNotebook(), mode);
        monitor.flush();
        expect(monitor.report.cells).toEqual([]);
        expect(monitor.report.consecutive).toBe(true);
      }
    });

    it('follows a cell as it becomes, and stops being, a PEP 723 cell', () => {
      const { model, monitor } = open([
        code('dep', 'print(1)'),
        ...juvNotebook().slice(1)
      ]);
      monitor.flush();
      expect(
        monitor.report.cells.map(cell => [cell.index, cell.reasons])
      ).toEqual([[0, ['not-run']]]);
      model.cells.get(0).sharedModel.setSource(PEP723);
      monitor.flush();
      expect(monitor.report.cells).toEqual([]);
      expect(monitor.report.consecutive).toBe(true);
      model.cells.get(0).sharedModel.setSource(`${PEP723}\nprint(1)`);
      monitor.flush();
      expect(monitor.report.consecutive).toBe(false);
    });

    it('judges it once it ran, as "Run All" runs it first', () => {
      const { model, monitor } = open(
        juvNotebook().map((cell, i) => ({ ...cell, execution_count: i + 1 }))
      );
      monitor.flush();
      expect(monitor.report.consecutive).toBe(true);
      (model.cells.get(0) as any).executionCount = 7;
      monitor.flush();
      expect(monitor.report.cells.map(cell => cell.index)).toEqual([0, 1]);
    });

    it('marks no run of it "edited" (re-exporting rewrites it)', () => {
      const { model, monitor } = open(
        [code('dep', PEP723, 1), code('a', 'import numpy', 2)],
        'strict'
      );
      model.cells
        .get(0)
        .sharedModel.setSource(PEP723.replace('1.26.4', '2.0.0'));
      monitor.flush();
      expect(monitor.report.cells).toEqual([]);
    });
  });
});
