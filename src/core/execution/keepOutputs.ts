// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { isJSONObject } from '../common/json';

/**
 * A code cell as a verification ran it: its source then, its outputs as
 * stored then, and the outputs of the fresh kernel.
 */
export interface IRunCell {
  /**
   * Its position in the notebook's list of all cells, then.
   */
  index: number;
  id: string;
  source: string;
  stored: readonly unknown[];
  now: readonly unknown[];
}

/**
 * A cell of the notebook as it is now.
 */
export interface ICellNow {
  id: string;
  type: string;
  source: string;
  /**
   * Whether it has outputs or an execution count.
   */
  ran: boolean;
}

/**
 * A code cell's new outputs and execution count, in the nbformat shape.
 */
export interface IKeptCell {
  index: number;
  outputs: Record<string, unknown>[];
  executionCount: number | null;
}

/**
 * What keeping a verification's outputs writes: each code cell that ran
 * gets its new outputs and a count of a consecutive run (1, 2, …, n);
 * blank code cells that show an old run are cleared, as running them
 * would. `null` when the notebook's code changed since the verification
 * (a code cell added, removed, moved or edited): its outputs would no
 * longer belong to the code.
 *
 * @param cells - the notebook's cells now.
 * @param run - the code cells the verification ran, in order.
 */
export function keepPlan(
  cells: readonly ICellNow[],
  run: readonly IRunCell[]
): IKeptCell[] | null {
  const plan: IKeptCell[] = [];
  let next = 0;
  for (let index = 0; index < cells.length; index++) {
    const cell = cells[index];
    if (cell.type !== 'code') {
      continue;
    }
    if (cell.source.trim() === '') {
      if (cell.ran) {
        plan.push({ index, outputs: [], executionCount: null });
      }
      continue;
    }
    const ran = run[next];
    if (!ran || ran.id !== cell.id || ran.source !== cell.source) {
      return null;
    }
    next++;
    plan.push({
      index,
      outputs: keptOutputs(ran.now, next),
      executionCount: next
    });
  }
  return next === run.length ? plan : null;
}

/**
 * The outputs of a fresh kernel's run of a cell, as a notebook stores
 * them: only nbformat's fields (no `transient`), the result numbered
 * with the cell's count, and consecutive stream text of one stream in
 * one output, as JupyterLab shows it.
 *
 * @param now - the outputs as the kernel sent them.
 * @param count - the cell's execution count.
 */
export function keptOutputs(
  now: readonly unknown[],
  count: number
): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const output of now) {
    if (!isJSONObject(output)) {
      continue;
    }
    switch (output.output_type) {
      case 'stream': {
        const name = output.name === 'stderr' ? 'stderr' : 'stdout';
        const text = typeof output.text === 'string' ? output.text : '';
        const last = out[out.length - 1];
        if (last?.output_type === 'stream' && last.name === name) {
          last.text = `${last.text as string}${text}`;
        } else {
          out.push({ output_type: 'stream', name, text });
        }
        break;
      }
      case 'execute_result':
        out.push({
          output_type: 'execute_result',
          execution_count: count,
          data: isJSONObject(output.data) ? output.data : {},
          metadata: isJSONObject(output.metadata) ? output.metadata : {}
        });
        break;
      case 'display_data':
        out.push({
          output_type: 'display_data',
          data: isJSONObject(output.data) ? output.data : {},
          metadata: isJSONObject(output.metadata) ? output.metadata : {}
        });
        break;
      case 'error':
        out.push({
          output_type: 'error',
          ename: String(output.ename ?? ''),
          evalue: String(output.evalue ?? ''),
          traceback: Array.isArray(output.traceback)
            ? output.traceback.filter(line => typeof line === 'string')
            : []
        });
        break;
    }
  }
  return out;
}
