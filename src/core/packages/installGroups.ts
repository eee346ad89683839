// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type { IInstallLine } from '../python/imports';

/**
 * An install line and the cells it is in.
 */
export interface IInstallGroup {
  /**
   * The trimmed line.
   */
  line: string;
  /**
   * Positions of the cells it is in, in notebook order.
   */
  cells: number[];
}

/**
 * Install lines grouped by their text, in the order each is first met: a
 * notebook that repeats `!pip install requests` in many cells lists it
 * once, with the cells. Linear in the lines.
 *
 * @param installs - install lines, in notebook order.
 */
export function groupInstalls(
  installs: readonly IInstallLine[]
): IInstallGroup[] {
  const groups = new Map<string, IInstallGroup>();
  for (const { line, cell } of installs) {
    const group = groups.get(line);
    if (group === undefined) {
      groups.set(line, { line, cells: [cell] });
    } else if (group.cells[group.cells.length - 1] !== cell) {
      group.cells.push(cell);
    }
  }
  return [...groups.values()];
}
