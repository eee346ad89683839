// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

/**
 * Where each cell, and each line of its source, sits in an `.ipynb` file's
 * text: the lines annotations and SARIF results point at, so that a
 * finding shows on the right line of a pull request's diff.
 */
export interface ICellPositions {
  /**
   * The file's line, from 1, where the cell's object opens.
   */
  line: number;
  /**
   * The file's line of each source line of the cell, from 1 (nbformat
   * writes one JSON string per source line); a source stored as one
   * string puts every line at the string's line.
   */
  source: number[];
}

/**
 * Find the cells of an `.ipynb` file in its text, in one pass over the
 * characters (linear in the file; nothing is parsed twice). Never throws:
 * a text that is not the JSON the file was read as simply yields fewer
 * positions, and a finding without one points at line 1.
 *
 * @param text - the file's text, as read.
 * @returns one entry per cell of the top-level `cells` list, in order.
 */
export function cellPositions(text: string): ICellPositions[] {
  const cells: ICellPositions[] = [];
  // The key each open object or list sits under, from the root to here.
  const path: (string | null)[] = [];
  let line = 1;
  let key: string | null = null;
  let pendingKey: string | null = null;
  const inCells = () => path.length === 2 && path[1] === 'cells';
  const inSource = () =>
    path.length === 4 && path[1] === 'cells' && path[3] === 'source';
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '\n') {
      line++;
    } else if (char === '"') {
      // A string: a key when followed by `:`, else a value.
      const start = line;
      let end = i + 1;
      let newlines = 0;
      for (; end < text.length && text[end] !== '"'; end++) {
        if (text[end] === '\\') {
          end++;
          newlines += text[end] === 'n' ? 1 : 0;
        } else if (text[end] === '\n') {
          line++;
        }
      }
      const value = text.slice(i + 1, end);
      i = end;
      let next = i + 1;
      while (next < text.length && /\s/.test(text[next])) {
        next++;
      }
      if (text[next] === ':') {
        pendingKey = value;
      } else if (inSource() || (path.length === 3 && key === 'source')) {
        const cell = cells[cells.length - 1];
        // One string per line in a list; one string for all otherwise.
        const count = inSource() ? 1 : newlines + 1;
        for (let n = 0; cell !== undefined && n < count; n++) {
          cell.source.push(start);
        }
      }
      if (text[next] !== ':') {
        pendingKey = null;
      }
    } else if (char === '{' || char === '[') {
      if (char === '{' && inCells()) {
        cells.push({ line, source: [] });
      }
      path.push(key);
      key = null;
      pendingKey = null;
    } else if (char === '}' || char === ']') {
      path.pop();
      key = null;
    } else if (char === ':') {
      key = pendingKey;
      pendingKey = null;
    } else if (char === ',') {
      key = null;
    }
  }
  return cells;
}

/**
 * The file line of a finding: its source line when known, else its
 * cell's line, else 1.
 *
 * @param positions - from {@link cellPositions}.
 * @param cell - the cell's position in the notebook, or `null`.
 * @param sourceLine - the line in the cell's source, from 1, or `null`.
 */
export function fileLine(
  positions: readonly ICellPositions[],
  cell: number | null,
  sourceLine: number | null
): number {
  const found = cell === null ? undefined : positions[cell];
  if (found === undefined) {
    return 1;
  }
  return (
    (sourceLine === null ? undefined : found.source[sourceLine - 1]) ??
    found.line
  );
}
