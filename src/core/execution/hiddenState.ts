// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { isExecuted } from './consecutiveness';
import { cellId, ICellLike, joinSource } from '../notebook/cells';
import { isPep723Cell } from '../packages/metadataBlocks';
import {
  DynamicFeature,
  findNamesScanned,
  findParsedNamesSteps,
  ICellNames
} from '../python/names';
import { IIPythonCode, ipythonToPython } from '../python/ipython';
import { NameScanner } from '../python/nameScan';
import type { PythonParser } from '../python/parser';
import type { PythonTrees } from '../python/trees';
import { IScanLimits, SCAN_LIMITS } from '../common/scanLimits';
import { allSteps, Steps } from '../common/steps';

/**
 * Why a code cell depends on hidden state, with the names and cells
 * involved (`cell`: a position in the notebook's list of all cells), for
 * the UI and the CLI to put into words:
 *
 * - `undefined-name`: it uses `name`, which no cell of the notebook
 *   defines (a deleted cell, or a name typed in the kernel);
 * - `defined-later`: it uses `name`, which only `cell`, below it (or
 *   later in itself), defines: run top to bottom, it fails;
 * - `later-definition`: when it last ran, `name` came from `cell`, below
 *   it, which ran before it: its output may come from that definition;
 * - `stale-definition`: when it last ran, `name` came from `cell`, which
 *   was edited since it ran;
 * - `dynamic`: the cell may define names it does not spell (`exec`,
 *   `from x import *`, `%run`, ...), so what follows is not sure;
 * - `unresolved`: it uses `name`, which no cell spells a definition of,
 *   but `cell`, above it, may define it (`dynamic`): not sure.
 */
export type HiddenStateIssue =
  | { code: 'undefined-name'; params: { name: string } }
  | {
      code:
        | 'defined-later'
        | 'later-definition'
        | 'stale-definition'
        | 'unresolved';
      params: { name: string; cell: number };
    }
  | { code: 'dynamic'; params: { feature: DynamicFeature } };

/**
 * The issues that make the verdict `hidden`; the others make it `unsure`.
 */
export const HIDDEN_STATE_PROBLEMS: ReadonlySet<HiddenStateIssue['code']> =
  new Set([
    'undefined-name',
    'defined-later',
    'later-definition',
    'stale-definition'
  ]);

/**
 * The cells of a report with a problem (see {@link HIDDEN_STATE_PROBLEMS}),
 * not only something not sure, in notebook order.
 *
 * @param report - a hidden-state analysis.
 */
export function hiddenStateProblemCells(
  report: IHiddenStateReport
): IHiddenStateCell[] {
  return report.cells.filter(cell =>
    cell.issues.some(issue => HIDDEN_STATE_PROBLEMS.has(issue.code))
  );
}

/**
 * A code cell with hidden-state issues.
 */
export interface IHiddenStateCell {
  /**
   * The cell's position in the notebook's list of all cells.
   */
  index: number;
  /**
   * The cell's id, or `null`.
   */
  id: string | null;
  /**
   * Its issues: problems first, by name, then what is not sure.
   */
  issues: HiddenStateIssue[];
}

/**
 * What the hidden-state analysis read in a code cell: its names, and the
 * Python code their offsets are in.
 */
export interface ICellReading {
  names: ICellNames;
  code: string;
}

/**
 * The hidden-state analysis of a notebook.
 *
 * - `hidden`: some cell has a problem (see {@link HIDDEN_STATE_PROBLEMS});
 * - `unsure`: none, but some cell defines names the analysis cannot see;
 * - `clean`: none, and every name is accounted for.
 */
export interface IHiddenStateReport {
  verdict: 'hidden' | 'unsure' | 'clean';
  /**
   * The cells with issues, in notebook order.
   */
  cells: IHiddenStateCell[];
}

/**
 * A code cell's state for the analysis: its names, and its run record.
 */
export interface IHiddenStateInput {
  /**
   * The cell's position in the notebook's list of all cells.
   */
  index: number;
  id: string | null;
  names: ICellNames;
  /**
   * Its execution count, or `null` when it has not run.
   */
  count: number | null;
  /**
   * Whether its source changed since it ran.
   */
  edited: boolean;
}

/**
 * Find hidden state in a notebook without running it: which names each
 * code cell uses that, run top to bottom, would come from nowhere or from
 * below, and (with the execution counts) which cells last ran with a name
 * from a cell below or from a cell edited since. Never throws.
 *
 * A name read only inside a function is a problem only when no cell
 * defines it (the function may be called after any cell). A cell that may
 * define names it does not spell makes the names nobody defines after it
 * `unresolved` rather than wrong.
 *
 * Linear in the number of names, but for a logarithm where the run
 * record is searched.
 *
 * @param cells - the notebook's cells, in order.
 * @param parser - the Python parser.
 * @param options - which cells were edited since they ran (by position),
 *   and the scan limits.
 */
export function hiddenState(
  cells: readonly ICellLike[],
  parser: PythonParser,
  options: hiddenState.IOptions = {}
): IHiddenStateReport {
  return allSteps(hiddenStateSteps(cells, parser, options));
}

/**
 * A namespace for {@link hiddenState} statics.
 */
export namespace hiddenState {
  /**
   * Options of {@link hiddenState}.
   */
  export interface IOptions {
    /**
     * Positions of the cells edited since they ran.
     */
    edited?: ReadonlySet<number>;
    /**
     * How long a cell is parsed.
     */
    limits?: Readonly<IScanLimits>;
    /**
     * Names already found for a source, reused and filled (a cache kept
     * between runs by a caller that re-analyses an edited notebook).
     */
    cache?: {
      get(source: string): ICellNames | undefined;
      set(source: string, names: ICellNames): unknown;
    };
    /**
     * Filled with what the analysis read in each code cell, at its
     * position in the cells (for a caller that says on which line a cell
     * reads a name).
     */
    readings?: ICellReading[];
    /**
     * The notebook's trees, shared with its other analyses.
     */
    trees?: PythonTrees;
  }
}

/**
 * {@link hiddenState} in steps, a cell each (a large cell's parse in
 * several).
 */
export function* hiddenStateSteps(
  cells: readonly ICellLike[],
  parser: PythonParser,
  options: hiddenState.IOptions = {}
): Steps<IHiddenStateReport> {
  const { edited, limits = SCAN_LIMITS, cache, trees, readings } = options;
  const inputs: IHiddenStateInput[] = [];
  const scanner = new NameScanner();
  for (let index = 0; index < cells.length; index++) {
    const cell = cells[index];
    if (cell.cell_type !== 'code') {
      continue;
    }
    // Joined once: a cell's list of lines makes a new string each time.
    const source = joinSource(cell.source);
    // A PEP 723 cell declares the environment and runs nothing.
    if (isPep723Cell({ cell_type: 'code', source })) {
      continue;
    }
    let names = cache?.get(source);
    let python: IIPythonCode | null = null;
    if (!names) {
      // Most cells are answered without the parser, and without a
      // generator made for them.
      python = trees ? trees.python(source) : ipythonToPython(source);
      names =
        findNamesScanned(source, python, limits, scanner) ??
        (yield* findParsedNamesSteps(source, python, parser, trees));
      cache?.set(source, names);
    }
    const count = isExecuted(cell.execution_count)
      ? cell.execution_count
      : null;
    const changed = edited?.has(index) ?? false;
    if (readings) {
      python ??= trees ? trees.python(source) : ipythonToPython(source);
      readings[index] = { names, code: python.code };
    }
    inputs.push({ index, id: cellId(cell), names, count, edited: changed });
    yield;
  }
  return hiddenStateReport(inputs);
}

/**
 * The analysis of code cells whose names are known, in notebook order.
 *
 * @param inputs - the code cells.
 */
export function hiddenStateReport(
  inputs: readonly IHiddenStateInput[]
): IHiddenStateReport {
  const definers = Private.definers(inputs);
  const issues: HiddenStateIssue[][] = inputs.map(() => []);
  // What the cells above define, and the first that may define anything.
  const above = new Set<string>();
  let dynamic: number | null = null;
  const firstDynamic = Private.firstDynamic(inputs);
  inputs.forEach((input, i) => {
    const own = issues[i];
    const { names } = input;
    if (names.dynamic) {
      own.push({ code: 'dynamic', params: { feature: names.dynamic } });
    }
    const anyDynamic = dynamic ?? (names.dynamic ? input.index : null);
    // A cell's reads leave out builtins and IPython's names already.
    for (const { name, deferred } of names.reads) {
      if (above.has(name)) {
        continue;
      }
      const all = definers.get(name);
      // Not above: the first cell defining it is this one or one below.
      const later = all?.[0];
      if (later === undefined && firstDynamic === null) {
        own.push({ code: 'undefined-name', params: { name } });
      } else if (later === undefined || (!deferred && anyDynamic !== null)) {
        const cell = (anyDynamic ?? firstDynamic)!;
        own.push({ code: 'unresolved', params: { name, cell } });
      } else if (!deferred) {
        const cell = inputs[later].index;
        own.push({ code: 'defined-later', params: { name, cell } });
      }
    }
    for (const name of names.defines) {
      above.add(name);
    }
    dynamic = anyDynamic;
  });
  Private.runRecord(inputs, definers, issues);

  const cells: IHiddenStateCell[] = [];
  let verdict: IHiddenStateReport['verdict'] = 'clean';
  inputs.forEach(({ index, id }, i) => {
    if (issues[i].length === 0) {
      return;
    }
    const sorted = Private.sorted(issues[i]);
    cells.push({ index, id, issues: sorted });
    if (sorted.some(issue => HIDDEN_STATE_PROBLEMS.has(issue.code))) {
      verdict = 'hidden';
    } else if (verdict === 'clean') {
      verdict = 'unsure';
    }
  });
  return { verdict, cells };
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * For each name, the positions (in `inputs`) of the cells defining it,
   * in notebook order.
   */
  export function definers(
    inputs: readonly IHiddenStateInput[]
  ): Map<string, number[]> {
    const map = new Map<string, number[]>();
    inputs.forEach(({ names }, i) => {
      for (const name of names.defines) {
        const list = map.get(name);
        if (list) {
          list.push(i);
        } else {
          map.set(name, [i]);
        }
      }
    });
    return map;
  }

  /**
   * The notebook position of the first cell that may define names it
   * does not spell, or `null`.
   */
  export function firstDynamic(
    inputs: readonly IHiddenStateInput[]
  ): number | null {
    return inputs.find(input => input.names.dynamic)?.index ?? null;
  }

  /**
   * With the run record: for each name a cell read when it last ran, the
   * cell whose definition it got is the defining cell that ran last
   * before it. Blame the reader when that cell is below it, or was edited
   * since it ran.
   */
  export function runRecord(
    inputs: readonly IHiddenStateInput[],
    definers: Map<string, number[]>,
    issues: HiddenStateIssue[][]
  ): void {
    // Each name's defining cells that ran, by execution count: found for
    // the names a cell that ran reads only (most names are read by none).
    const ran = new Map<string, readonly number[]>();
    const ranFor = (name: string): readonly number[] => {
      let byCount = ran.get(name);
      if (byCount === undefined) {
        byCount = Private.byCount(inputs, definers.get(name) ?? []);
        ran.set(name, byCount);
      }
      return byCount;
    };
    inputs.forEach((input, i) => {
      if (input.count === null) {
        return;
      }
      for (const { name, deferred } of input.names.reads) {
        if (deferred) {
          continue;
        }
        const list = ranFor(name);
        if (list.length === 0) {
          continue;
        }
        const source = lastBefore(inputs, list, input.count);
        if (source === null || source === i) {
          continue;
        }
        const cell = inputs[source].index;
        if (source > i) {
          issues[i].push({ code: 'later-definition', params: { name, cell } });
        } else if (inputs[source].edited) {
          issues[i].push({ code: 'stale-definition', params: { name, cell } });
        }
      }
    });
  }

  /**
   * The cells of `cells` that ran, by execution count. Most lists are
   * all of cells that ran in notebook order, which is their order by
   * count: those are kept as they are, not copied or sorted.
   */
  export function byCount(
    inputs: readonly IHiddenStateInput[],
    cells: readonly number[]
  ): readonly number[] {
    let previous = -Infinity;
    let i = 0;
    for (; i < cells.length; i++) {
      const count = inputs[cells[i]].count;
      if (count === null || count < previous) {
        break;
      }
      previous = count;
    }
    if (i === cells.length) {
      return cells;
    }
    return cells
      .filter(d => inputs[d].count !== null)
      .sort((a, b) => inputs[a].count! - inputs[b].count!);
  }

  /**
   * The cell of `list` (sorted by count) with the greatest count below
   * `count`, or `null`.
   */
  function lastBefore(
    inputs: readonly IHiddenStateInput[],
    list: readonly number[],
    count: number
  ): number | null {
    let low = 0;
    let high = list.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (inputs[list[middle]].count! < count) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low > 0 ? list[low - 1] : null;
  }

  /**
   * Problems first, then what is not sure; the order found within each.
   */
  export function sorted(issues: HiddenStateIssue[]): HiddenStateIssue[] {
    // Most cells' issues are in that order already (no problem right
    // after what is not sure): kept, not copied.
    let previous = true;
    let inOrder = true;
    for (const issue of issues) {
      const problem = HIDDEN_STATE_PROBLEMS.has(issue.code);
      inOrder &&= previous || !problem;
      previous = problem;
    }
    if (inOrder) {
      return issues;
    }
    return [
      ...issues.filter(issue => HIDDEN_STATE_PROBLEMS.has(issue.code)),
      ...issues.filter(issue => !HIDDEN_STATE_PROBLEMS.has(issue.code))
    ];
  }
}
