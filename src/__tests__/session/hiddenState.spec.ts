// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { parser } from '@lezer/python';
import { Signal } from '@lumino/signaling';
import type { ICellLike } from '../../core/notebook/cells';
import { HiddenStateModel } from '../../session/hiddenState';
import type { IMonitorReport } from '../../session/execution';

/**
 * A hidden-state model over code cells the test replaces, with an
 * execution monitor whose report the test sets.
 */
function setup(sources: [string, number | null][], delay = 0) {
  const source = { contentChanged: new Signal<any, void>({}) };
  const toCells = (list: [string, number | null][]): ICellLike[] =>
    list.map(([text, count], i) => ({
      cell_type: 'code',
      id: `c${i}`,
      source: text,
      execution_count: count
    }));
  let cells = toCells(sources);
  const execution = {
    report: {
      mode: 'nbproject',
      consecutive: true,
      violations: [],
      ran: true,
      hasCode: true,
      cells: [],
      running: 0
    } as IMonitorReport,
    changed: new Signal<any, IMonitorReport>({})
  };
  const model = new HiddenStateModel({
    parser,
    source,
    cells: () => cells,
    execution,
    delay,
    sliceBudget: 0
  });
  return {
    model,
    execution,
    setCells(list: [string, number | null][]) {
      cells = toCells(list);
      source.contentChanged.emit();
    }
  };
}

/**
 * Let the debounced, sliced analysis of a few cells run to its end.
 */
async function settle(): Promise<void> {
  for (let i = 0; i < 40; i++) {
    await new Promise(resolve => setTimeout(resolve, 0));
  }
}

/**
 * The report's cells as `index: code`.
 */
function codes(model: HiddenStateModel): string[] {
  return model.report.cells.flatMap(cell =>
    cell.issues.map(issue => `${cell.index}: ${issue.code}`)
  );
}

describe('the hidden-state model', () => {
  it('reads nothing before start, then reports and follows edits', async () => {
    const { model, setCells } = setup([
      ['a = 1', 1],
      ['print(a)', 2]
    ]);
    const verdicts: string[] = [];
    model.changed.connect((_, report) => verdicts.push(report.verdict));
    await settle();
    expect(model.isReady).toBe(false);
    model.start();
    await settle();
    expect(model.isReady).toBe(true);
    expect(model.report).toEqual({ verdict: 'clean', cells: [] });
    // The cell defining `a` is deleted.
    setCells([['print(a)', 2]]);
    await settle();
    expect(codes(model)).toEqual(['0: undefined-name']);
    expect(verdicts).toEqual(['clean', 'hidden']);
  });

  it('goes to the next cell it lists after a cell, wrapping around', async () => {
    const { model } = setup([
      ['print(a)', 1],
      ['b = 2', 2],
      ['print(c)', 3],
      ['print(b)', 4]
    ]);
    expect(model.nextCell(-1)).toBeNull();
    model.start();
    await settle();
    expect(codes(model)).toEqual(['0: undefined-name', '2: undefined-name']);
    expect(model.nextCell(-1)).toBe(0);
    expect(model.nextCell(0)).toBe(2);
    expect(model.nextCell(1)).toBe(2);
    expect(model.nextCell(2)).toBe(0);
    expect(model.nextCell(3)).toBe(0);
  });

  it('marks a reader stale when the monitor says its source cell was edited', async () => {
    const { model, execution } = setup([
      ['a = 2', 1],
      ['print(a)', 2]
    ]);
    model.start();
    await settle();
    expect(codes(model)).toEqual([]);
    execution.report = {
      ...execution.report,
      cells: [
        {
          index: 0,
          id: 'c0',
          reasons: ['edited'],
          issues: [{ code: 'edited' }],
          affectsVerdict: false
        }
      ]
    };
    execution.changed.emit(execution.report);
    await settle();
    expect(codes(model)).toEqual(['1: stale-definition']);
  });

  it('settles at once on an edit still waiting for its pause (publish reads the notebook as it is)', async () => {
    const { model, setCells } = setup(
      [
        ['a = 1', 1],
        ['print(a)', 2]
      ],
      60_000
    );
    await model.settle();
    model.start();
    await settle();
    expect(model.report.verdict).toBe('clean');
    await model.settle();
    setCells([['print(a)', 2]]);
    await settle();
    // The pause is a minute: nothing read yet.
    expect(model.report.verdict).toBe('clean');
    await model.settle();
    expect(codes(model)).toEqual(['0: undefined-name']);
    model.dispose();
    await model.settle();
  });

  it('stops with its session', async () => {
    const { model, setCells } = setup([['print(b)', null]]);
    model.start();
    await settle();
    model.dispose();
    setCells([['b = 1', null]]);
    await settle();
    expect(codes(model)).toEqual(['0: undefined-name']);
  });
});
