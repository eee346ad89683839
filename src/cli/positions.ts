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
  // Numbers only while reading: the line of each cell, the lines of all
  // sources in one list, and where each cell's lines begin in it. The
  // cells' objects are made here, after the read: its loop stores small
  // integers in lists of small integers only, whose kind never changes
  // under V8's optimized code, and nothing follows the loop there that
  // optimized code entered in the loop would meet first.
  const cellLines: number[] = [];
  const sourceLines: number[] = [];
  const sourceStarts: number[] = [];
  Private.read(text, cellLines, sourceLines, sourceStarts);
  return cellLines.map((line, n) => ({
    line,
    source: sourceLines.slice(
      sourceStarts[n],
      n + 1 < sourceStarts.length ? sourceStarts[n + 1] : sourceLines.length
    )
  }));
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

/**
 * Module internals.
 */
namespace Private {
  /**
   * Read the text for {@link cellPositions}: append each cell's line to
   * `cellLines`, the file line of each of its source lines to
   * `sourceLines`, and where those begin to `sourceStarts`.
   */
  export function read(
    text: string,
    cellLines: number[],
    sourceLines: number[],
    sourceStarts: number[]
  ): void {
    // How deep the open objects and lists are, and the keys the two that
    // matter sit under: the root's list (`cells`) and a cell's (`source`).
    // Other keys are `OTHER`, never copied out of the text.
    let depth = 0;
    let listKey = Private.Key.None;
    let cellKey = Private.Key.None;
    let line = 1;
    let key = Private.Key.None;
    let pendingKey = Private.Key.None;
    const length = text.length;
    // The next backslash and line break found by a search, kept while
    // ahead of the string read: a search is not repeated for each string
    // it passed over.
    let backslash = -1;
    let newline = -1;
    // Character codes, not one-character strings: most of a notebook is
    // outputs, read once here.
    for (let i = 0; i < length; i++) {
      const char = text.charCodeAt(i);
      if (char === Private.SPACE) {
        continue;
      }
      if (char === Private.NEWLINE) {
        line++;
      } else if (char === Private.QUOTE) {
        // A string: a key when followed by `:`, else a value.
        const start = line;
        // Its end: the next quote no backslash escapes (most of a notebook
        // is the text of outputs, searched, not read a character at a time).
        let end = Private.indexOrEnd(text, '"', i + 1);
        while (end < length && Private.escaped(text, end)) {
          end = Private.indexOrEnd(text, '"', end + 1);
        }
        // A raw line break in it, which JSON does not allow, is a line too.
        if (newline <= i) {
          newline = Private.indexOrEnd(text, '\n', i + 1);
        }
        while (newline < end) {
          line += Private.escaped(text, newline) ? 0 : 1;
          newline = Private.indexOrEnd(text, '\n', newline + 1);
        }
        let next = end + 1;
        while (next < length && Private.isSpace(text.charCodeAt(next))) {
          next++;
        }
        if (text.charCodeAt(next) === Private.COLON) {
          pendingKey = Private.keyAt(text, i + 1, end);
        } else {
          pendingKey = Private.Key.None;
          const inList =
            depth === 4 &&
            listKey === Private.Key.Cells &&
            cellKey === Private.Key.Source;
          if (inList || (depth === 3 && key === Private.Key.Source)) {
            // One string per line in a list; one string for all otherwise,
            // its lines counted by its escaped line breaks.
            let count = 1;
            for (let at = i + 1; !inList && at < end; at = backslash + 2) {
              if (backslash < at) {
                backslash = Private.indexOrEnd(text, '\\', at);
              }
              if (backslash >= end) {
                break;
              }
              count +=
                text.charCodeAt(backslash + 1) === Private.LETTER_N ? 1 : 0;
            }
            for (let n = 0; cellLines.length > 0 && n < count; n++) {
              sourceLines.push(start);
            }
          }
        }
        i = end;
      } else if (char === Private.OPEN_BRACE || char === Private.OPEN_BRACKET) {
        if (
          char === Private.OPEN_BRACE &&
          depth === 2 &&
          listKey === Private.Key.Cells
        ) {
          cellLines.push(line);
          sourceStarts.push(sourceLines.length);
        }
        if (depth === 1) {
          listKey = key;
        } else if (depth === 3) {
          cellKey = key;
        }
        depth++;
        key = Private.Key.None;
        pendingKey = Private.Key.None;
      } else if (
        char === Private.CLOSE_BRACE ||
        char === Private.CLOSE_BRACKET
      ) {
        depth = depth > 0 ? depth - 1 : 0;
        key = Private.Key.None;
      } else if (char === Private.COLON) {
        key = pendingKey;
        pendingKey = Private.Key.None;
      } else if (char === Private.COMMA) {
        key = Private.Key.None;
      }
    }
  }

  /**
   * The key an object or list sits under, as far as positions go.
   */
  export const enum Key {
    None,
    Cells,
    Source,
    Other
  }

  /**
   * The key spelled between `start` and `end` (a key with escapes is
   * spelled otherwise, so it is neither `cells` nor `source`).
   */
  export function keyAt(text: string, start: number, end: number): Key {
    const length = end - start;
    if (length === 5 && spells(text, start, 'cells')) {
      return Key.Cells;
    }
    if (length === 6 && spells(text, start, 'source')) {
      return Key.Source;
    }
    return Key.Other;
  }

  /**
   * Whether `word` is spelled in `text` from `start` (`start + word.length`
   * is at most the text's length). Compared by char codes, which V8's
   * optimized code reads from a string of any representation, where a
   * `startsWith` there is specialized to the string kinds seen so far.
   */
  function spells(text: string, start: number, word: string): boolean {
    for (let k = 0; k < word.length; k++) {
      if (text.charCodeAt(start + k) !== word.charCodeAt(k)) {
        return false;
      }
    }
    return true;
  }

  export const SPACE = 0x20;
  export const NEWLINE = 0x0a;
  export const QUOTE = 0x22;
  export const BACKSLASH = 0x5c;
  export const LETTER_N = 0x6e;
  export const COLON = 0x3a;
  export const COMMA = 0x2c;
  export const OPEN_BRACE = 0x7b;
  export const CLOSE_BRACE = 0x7d;
  export const OPEN_BRACKET = 0x5b;
  export const CLOSE_BRACKET = 0x5d;

  /**
   * The position of `search` in `text` from `from`, or the text's length.
   */
  export function indexOrEnd(
    text: string,
    search: string,
    from: number
  ): number {
    const found = text.indexOf(search, from);
    return found < 0 ? text.length : found;
  }

  /**
   * Whether the character at `at` of a string is escaped: it follows an
   * odd run of backslashes (the run ends at the string's opening quote
   * at the latest).
   */
  export function escaped(text: string, at: number): boolean {
    let before = at - 1;
    while (text.charCodeAt(before) === BACKSLASH) {
      before--;
    }
    return (at - before) % 2 === 0;
  }

  /**
   * Whether a character is white space as `\s` reads it (JSON's four,
   * and what a hand-edited file may hold).
   */
  export function isSpace(code: number): boolean {
    return (
      code === 0x20 ||
      (code >= 0x09 && code <= 0x0d) ||
      (code > 0x7f && /\s/.test(String.fromCharCode(code)))
    );
  }
}
