// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

/**
 * A notebook cell as found in an `.ipynb` file, or as built from a live
 * notebook model.
 *
 * Every field is `unknown` on purpose: notebooks come from strangers, so the
 * rules that read cells accept any JSON value and treat garbage sensibly
 * instead of throwing.
 */
export interface ICellLike {
  /**
   * `"code"`, `"markdown"` or `"raw"` in a valid notebook.
   */
  cell_type: unknown;
  /**
   * A string or a list of strings in a valid notebook.
   */
  source?: unknown;
  /**
   * An integer or `null` on a code cell of a valid notebook.
   */
  execution_count?: unknown;
  /**
   * The cell id (nbformat 4.5 and later).
   */
  id?: unknown;
  /**
   * The cell metadata.
   */
  metadata?: unknown;
}

/**
 * Join a cell's `source` as nbformat does: a string as is, the string items
 * of a list concatenated, anything else the empty string.
 */
export function joinSource(source: unknown): string {
  if (typeof source === 'string') {
    return source;
  }
  if (Array.isArray(source)) {
    // Lines (nbformat's list): one flat string made at once; `+=` would
    // make a rope of pieces, copied again where the text is first read.
    if (source.every(Private.isString)) {
      return source.join('');
    }
    // A loop, not filter + join: every cell of a file goes through here.
    let joined = '';
    for (const item of source) {
      if (typeof item === 'string') {
        joined += item;
      }
    }
    return joined;
  }
  return '';
}

/**
 * A cell's id when it is a non-empty string, else `null`.
 */
export function cellId(cell: ICellLike): string | null {
  return typeof cell.id === 'string' && cell.id !== '' ? cell.id : null;
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * Whether a value is a string.
   */
  export function isString(value: unknown): value is string {
    return typeof value === 'string';
  }
}

/**
 * The index of the first listed cell after `fromIndex`, wrapping around
 * to the first; `null` when none is listed (for "go to the next cell"
 * commands).
 *
 * @param cells - the listed cells, in notebook order.
 * @param fromIndex - the cell to start after (the active one's index);
 *   `-1` finds the first.
 */
export function nextListedCell(
  cells: readonly { index: number }[],
  fromIndex: number
): number | null {
  if (cells.length === 0) {
    return null;
  }
  return (cells.find(cell => cell.index > fromIndex) ?? cells[0]).index;
}
