// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { cellId, ICellLike, joinSource } from '../notebook/cells';

/**
 * Whether an execution count says the cell ran, as the consecutiveness
 * rule reads counts: any finite number (a stranger's notebook may store
 * anything).
 *
 * @param count - a cell's `execution_count`, as stored.
 */
export function isExecuted(count: unknown): count is number {
  return typeof count === 'number' && Number.isFinite(count);
}

/**
 * A transition nbproject reports as not consecutive: the previous considered
 * cell's execution count and this cell's (`null` = not run).
 */
export type Violation = [number | null, number | null];

/**
 * nbproject's consecutiveness verdict.
 */
export interface IConsecutiveness {
  /**
   * Whether nbproject finds no violation.
   */
  consecutive: boolean;
  /**
   * The `(prev, count)` pairs nbproject reports, in notebook order.
   */
  violations: Violation[];
}

/**
 * Check consecutiveness exactly as nbproject 0.11.1 does.
 *
 * Code cells whose joined source is `""` are skipped (whitespace-only cells
 * are not), and so are cells containing `callingStatement` when one is given.
 * Each considered cell's count must be the previous one plus 1, starting
 * from 0; a cell that was not run is a violation. One trailing unexecuted
 * cell is forgiven, because nbproject runs this check from the last cell
 * while it is still executing.
 *
 * Execution counts that are not numbers (strings, booleans, missing) count
 * as "not run" rather than raising as nbproject would.
 *
 * @param cells - the notebook's cells, in order.
 * @param callingStatement - skip cells whose source contains this text.
 */
export function checkConsecutiveness(
  cells: readonly ICellLike[],
  callingStatement?: string | null
): IConsecutiveness {
  return Private.verdict(Private.considered(cells, callingStatement));
}

/**
 * Why a code cell breaks consecutiveness, for the UI to translate.
 *
 * - `not-run`: the cell has no execution count;
 * - `out-of-order`: it ran before a cell above it (its count is lower than
 *   the one above), or after a cell below it (a count is missing before it
 *   and a cell below holds a lower count);
 * - `run-twice`: its count was already used by a cell above;
 * - `skipped-before`: counts are missing before it that no cell holds, so
 *   something ran that the notebook no longer shows;
 * - `not-from-one`: it is the first cell that ran and its count is not 1
 *   (the kernel was not restarted before the run).
 */
export type ConsecutivenessReason =
  'not-run' | 'out-of-order' | 'run-twice' | 'skipped-before' | 'not-from-one';

/**
 * Why a code cell breaks consecutiveness, with the counts involved: a
 * code ({@link ConsecutivenessReason}) and its parameters, for the UI and
 * the CLI to put into words.
 *
 * - `count`: the cell's execution count;
 * - `after`: the count of the code cell that ran before it in the notebook.
 */
export type ConsecutivenessIssue =
  | { code: 'not-run' }
  | { code: 'not-from-one' | 'run-twice'; params: { count: number } }
  | {
      code: 'out-of-order' | 'skipped-before';
      params: { count: number; after: number };
    };

/**
 * A code cell that breaks consecutiveness.
 */
export interface IOffendingCell {
  /**
   * The cell's position in the notebook's list of all cells.
   */
  index: number;
  /**
   * The cell's id, or `null` when it has none.
   */
  id: string | null;
  /**
   * Why it breaks consecutiveness.
   */
  reason: ConsecutivenessReason;
  /**
   * The reason with the counts involved (`issue.code` is `reason`).
   */
  issue: ConsecutivenessIssue;
}

/**
 * The consecutiveness of a notebook, cell by cell.
 */
export interface IConsecutivenessReport extends IConsecutiveness {
  /**
   * The offending code cells, in notebook order.
   */
  cells: IOffendingCell[];
}

/**
 * How the consecutiveness check judges a notebook (the `checkMode`
 * setting):
 *
 * - `nbproject`: nbproject's rule, which forgives one trailing unexecuted
 *   code cell;
 * - `strict`: every non-empty code cell ran, in order (the extension's
 *   execution monitor also asks that each ran in this kernel session and
 *   was not edited since).
 */
export type CheckMode = 'nbproject' | 'strict';

/**
 * Options of {@link consecutivenessReport}.
 */
export interface IConsecutivenessOptions {
  /**
   * `nbproject` (default) forgives one trailing unexecuted cell, as
   * nbproject does; `strict` reports it too.
   */
  mode?: CheckMode;
  /**
   * Skip cells whose source contains this text, as nbproject does for the
   * cell calling `publish()`.
   */
  callingStatement?: string | null;
}

/**
 * Report which code cells break consecutiveness and why.
 *
 * `consecutive` and `violations` are always nbproject's verdict. In
 * `nbproject` mode, `cells` is empty exactly when `consecutive` is true; in
 * `strict` mode it also lists a trailing cell that was not run.
 *
 * Unlike nbproject's pairs, which blame both sides of a bad transition, each
 * problem is attributed to the one cell a person would fix: in `1, -, 2` only
 * the middle cell ("not run") is reported.
 */
export function consecutivenessReport(
  cells: readonly ICellLike[],
  options: IConsecutivenessOptions = {}
): IConsecutivenessReport {
  const { mode = 'nbproject', callingStatement = null } = options;
  // Read once for the verdict and the blame: it joins every cell's source.
  return consecutivenessOf(Private.considered(cells, callingStatement), mode);
}

/**
 * A code cell the consecutiveness rule looks at (not empty, not the
 * calling cell), with its execution count.
 */
export interface IConsideredCell {
  /**
   * The cell.
   */
  cell: ICellLike;
  /**
   * Its position in the notebook's list of all cells.
   */
  index: number;
  /**
   * Its execution count (see {@link isExecuted}), or `null`.
   */
  count: number | null;
}

/**
 * {@link consecutivenessReport} of the cells it looks at, in notebook
 * order: for a caller that keeps that list up to date as cells change
 * instead of reading every cell again.
 *
 * @param considered - the code cells the rule looks at, in order.
 * @param mode - how the rule judges the notebook.
 */
export function consecutivenessOf(
  considered: readonly IConsideredCell[],
  mode: CheckMode = 'nbproject'
): IConsecutivenessReport {
  const verdict = Private.verdict(considered);
  if (verdict.consecutive && mode === 'nbproject') {
    // nbproject's verdict finds nothing, so neither does the blame.
    return { ...verdict, cells: [] };
  }

  // The smallest count held by any cell below each position, to tell a cell
  // that ran too early (a later cell holds a missing count) from a gap.
  const laterMin = new Float64Array(considered.length + 1);
  laterMin[considered.length] = Infinity;
  for (let i = considered.length - 1; i >= 0; i--) {
    laterMin[i] = Math.min(laterMin[i + 1], considered[i].count ?? Infinity);
  }

  const offending: IOffendingCell[] = [];
  const used = new Set<number>();
  let last: number | null = null;
  for (let i = 0; i < considered.length; i++) {
    const { cell, index, count } = considered[i];
    let issue: ConsecutivenessIssue | null = null;
    if (count === null) {
      if (i < considered.length - 1 || mode === 'strict') {
        issue = { code: 'not-run' };
      }
    } else if (last === null) {
      if (count !== 1) {
        issue = { code: 'not-from-one', params: { count } };
      }
    } else if (used.has(count)) {
      issue = { code: 'run-twice', params: { count } };
    } else if (count < last || (count > last + 1 && laterMin[i + 1] < count)) {
      issue = { code: 'out-of-order', params: { count, after: last } };
    } else if (count > last + 1) {
      issue = { code: 'skipped-before', params: { count, after: last } };
    }
    if (issue) {
      offending.push({ index, id: cellId(cell), reason: issue.code, issue });
    }
    if (count !== null) {
      used.add(count);
      last = count;
    }
  }
  return { ...verdict, cells: offending };
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * A code cell nbproject's rule looks at.
   */
  export type IConsidered = IConsideredCell;

  /**
   * nbproject's verdict on the considered cells.
   */
  export function verdict(
    considered: readonly IConsidered[]
  ): IConsecutiveness {
    const violations: Violation[] = [];
    let prev: number | null = 0;
    let count: number | null = 0;
    for (const cell of considered) {
      count = cell.count;
      if (count === null || prev === null || count - prev !== 1) {
        violations.push([prev, count]);
      }
      prev = count;
    }
    if (count === null) {
      violations.pop();
    }
    return { consecutive: violations.length === 0, violations };
  }

  /**
   * The code cells nbproject's rule looks at, with their counts.
   */
  export function considered(
    cells: readonly ICellLike[],
    callingStatement: string | null | undefined
  ): IConsidered[] {
    const out: IConsidered[] = [];
    // A plain loop: this runs over every cell after every execution.
    for (let index = 0; index < cells.length; index++) {
      const cell = cells[index];
      // Not markdown or raw cells, empty cells, or the calling cell.
      const source = cell.cell_type === 'code' ? joinSource(cell.source) : '';
      const calling =
        typeof callingStatement === 'string' &&
        source.includes(callingStatement);
      if (source !== '' && !calling) {
        out.push({ cell, index, count: executionCount(cell.execution_count) });
      }
    }
    return out;
  }

  /**
   * A usable execution count, or `null`. Any finite number is kept so the
   * arithmetic matches nbproject's on every JSON number.
   */
  function executionCount(value: unknown): number | null {
    return isExecuted(value) ? value : null;
  }
}
