// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import {
  ICellNow,
  IRunCell,
  keepPlan,
  keptOutputs
} from '../../../core/execution/keepOutputs';

const code = (id: string, source: string, ran = true): ICellNow => ({
  id,
  type: 'code',
  source,
  ran
});

const run = (index: number, id: string, source: string): IRunCell => ({
  index,
  id,
  source,
  stored: [],
  now: [{ output_type: 'stream', name: 'stdout', text: `${id}\n` }]
});

describe('keepPlan', () => {
  const cells: ICellNow[] = [
    { id: 'm', type: 'markdown', source: '# Title', ran: false },
    code('a', 'x = 1'),
    code('e', '   ', true),
    code('b', 'print(x)'),
    code('f', '', false)
  ];
  const ran = [run(1, 'a', 'x = 1'), run(3, 'b', 'print(x)')];

  it('gives the cells that ran their new outputs and counts 1..n', () => {
    expect(keepPlan(cells, ran)).toEqual([
      {
        index: 1,
        outputs: [{ output_type: 'stream', name: 'stdout', text: 'a\n' }],
        executionCount: 1
      },
      // A blank cell showing an old run is cleared, as running it would.
      { index: 2, outputs: [], executionCount: null },
      {
        index: 3,
        outputs: [{ output_type: 'stream', name: 'stdout', text: 'b\n' }],
        executionCount: 2
      }
    ]);
  });

  it('refuses when the code changed since the verification', () => {
    const edited = cells.map(cell =>
      cell.id === 'b' ? { ...cell, source: 'print(x + 1)' } : cell
    );
    expect(keepPlan(edited, ran)).toBeNull();
    const added = [...cells, code('c', 'y = 2')];
    expect(keepPlan(added, ran)).toBeNull();
    const removed = cells.filter(cell => cell.id !== 'b');
    expect(keepPlan(removed, ran)).toBeNull();
    const moved = [cells[0], cells[3], cells[2], cells[1]];
    expect(keepPlan(moved, ran)).toBeNull();
  });
});

describe('keptOutputs', () => {
  it('stores what nbformat stores, numbered, streams joined', () => {
    expect(
      keptOutputs(
        [
          { output_type: 'stream', name: 'stdout', text: 'a' },
          { output_type: 'stream', name: 'stdout', text: 'b\n' },
          { output_type: 'stream', name: 'stderr', text: 'warn\n' },
          {
            output_type: 'display_data',
            data: { 'text/plain': 'd' },
            metadata: {},
            transient: { display_id: 'x' }
          },
          {
            output_type: 'execute_result',
            execution_count: 17,
            data: { 'text/plain': '42' },
            metadata: {}
          },
          {
            output_type: 'error',
            ename: 'ValueError',
            evalue: 'bad',
            traceback: ['line', 3]
          },
          { output_type: 'clear_output' },
          null
        ],
        5
      )
    ).toEqual([
      { output_type: 'stream', name: 'stdout', text: 'ab\n' },
      { output_type: 'stream', name: 'stderr', text: 'warn\n' },
      {
        output_type: 'display_data',
        data: { 'text/plain': 'd' },
        metadata: {}
      },
      {
        output_type: 'execute_result',
        execution_count: 5,
        data: { 'text/plain': '42' },
        metadata: {}
      },
      {
        output_type: 'error',
        ename: 'ValueError',
        evalue: 'bad',
        traceback: ['line']
      }
    ]);
  });
});
