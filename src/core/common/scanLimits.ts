// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

/**
 * How much of a stranger's text the scans that run by themselves when a
 * notebook opens read. Every scan is linear in what it reads; these bound
 * what one line or one cell can cost, and what is left unread is reported
 * rather than silently skipped.
 */
export interface IScanLimits {
  /**
   * The longest line, in characters, that the secret and absolute-path
   * scans read; a longer line is skipped and counted (see
   * {@link unscannedLines}).
   */
  maxLineLength: number;
  /**
   * The longest code cell, in characters of its source, that is parsed as
   * Python for imports and data files; a longer cell is not read and is
   * reported. Parsing costs about 1 µs a character of Python, but up to
   * 30 µs a character of text that is not Python.
   */
  maxParsedCell: number;
}

/**
 * The limits the extension and the CLI use.
 */
export const SCAN_LIMITS: Readonly<IScanLimits> = {
  maxLineLength: 10_000,
  maxParsedCell: 100_000
};

/**
 * Python refuses code whose brackets nest more than 200 deep ("too many
 * nested parentheses"), so nothing in such a cell runs; the parser takes
 * longer the deeper they nest and overflows the stack at a few thousand.
 */
export const MAX_NESTING = 200;

/**
 * Why a code cell was not parsed:
 *
 * - `long`: its source is longer than {@link IScanLimits.maxParsedCell};
 * - `nested`: its brackets nest deeper than Python allows
 *   ({@link MAX_NESTING}).
 */
export type UnparsedReason = 'long' | 'nested';

/**
 * A code cell that was not parsed.
 */
export interface IUnparsedCell {
  /**
   * Position of the cell in the notebook's list of all cells.
   */
  cell: number;
  /**
   * Why.
   */
  reason: UnparsedReason;
}

/**
 * Why a code cell is not parsed, or `null` when it is.
 *
 * @param length - the length of the cell's source.
 * @param nesting - how deep its brackets nest.
 * @param limits - the limits to apply.
 */
export function unparsedReason(
  length: number,
  nesting: number,
  limits: Readonly<IScanLimits> = SCAN_LIMITS
): UnparsedReason | null {
  if (length > limits.maxParsedCell) {
    return 'long';
  }
  return nesting > MAX_NESTING ? 'nested' : null;
}

/**
 * Call `visit` with the start and end of each line of a text longer than
 * `maxLength` (lines end at `\n`, which is not counted).
 */
export function forEachLongLine(
  text: string,
  maxLength: number,
  visit: (start: number, end: number) => void
): void {
  if (text.length <= maxLength) {
    return;
  }
  for (let start = 0; start <= text.length;) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    if (end - start > maxLength) {
      visit(start, end);
    }
    start = end + 1;
  }
}

/**
 * The lines of a text longer than `maxLength`: how many, and the number
 * of the first (from 1; `null` when there is none). Linear in the text,
 * and at once for a text no longer than `maxLength`.
 */
export function longLines(
  text: string,
  maxLength: number
): { count: number; first: number | null } {
  let count = 0;
  let first: number | null = null;
  forEachLongLine(text, maxLength, start => {
    if (count++ === 0) {
      first = 1;
      for (let at = text.indexOf('\n'); at >= 0 && at < start;) {
        first++;
        at = text.indexOf('\n', at + 1);
      }
    }
  });
  return { count, first };
}

/**
 * The text with every line longer than `maxLength` emptied, so that a
 * line-by-line scan skips them and line numbers stay the same; the text
 * itself when there is none.
 */
export function withoutLongLines(text: string, maxLength: number): string {
  const parts: string[] = [];
  let cursor = 0;
  forEachLongLine(text, maxLength, (start, end) => {
    parts.push(text.slice(cursor, start));
    cursor = end;
  });
  return cursor === 0 ? text : parts.join('') + text.slice(cursor);
}

/**
 * Lines left unread because they are too long.
 */
export interface IUnscannedLines {
  /**
   * How many lines.
   */
  count: number;
  /**
   * The positions of the cells holding them (in their source or their
   * outputs), ascending, each once.
   */
  cells: number[];
}
