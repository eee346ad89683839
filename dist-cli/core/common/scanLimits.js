"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.MAX_NESTING = exports.SCAN_LIMITS = void 0;
exports.unparsedReason = unparsedReason;
exports.forEachLongLine = forEachLongLine;
exports.longLines = longLines;
exports.withoutLongLines = withoutLongLines;
/**
 * The limits the extension and the CLI use.
 */
exports.SCAN_LIMITS = {
    maxLineLength: 10000,
    maxParsedCell: 100000
};
/**
 * Python refuses code whose brackets nest more than 200 deep ("too many
 * nested parentheses"), so nothing in such a cell runs; the parser takes
 * longer the deeper they nest and overflows the stack at a few thousand.
 */
exports.MAX_NESTING = 200;
/**
 * Why a code cell is not parsed, or `null` when it is.
 *
 * @param length - the length of the cell's source.
 * @param nesting - how deep its brackets nest.
 * @param limits - the limits to apply.
 */
function unparsedReason(length, nesting, limits = exports.SCAN_LIMITS) {
    if (length > limits.maxParsedCell) {
        return 'long';
    }
    return nesting > exports.MAX_NESTING ? 'nested' : null;
}
/**
 * Call `visit` with the start and end of each line of a text longer than
 * `maxLength` (lines end at `\n`, which is not counted).
 */
function forEachLongLine(text, maxLength, visit) {
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
function longLines(text, maxLength) {
    let count = 0;
    let first = null;
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
function withoutLongLines(text, maxLength) {
    const parts = [];
    let cursor = 0;
    forEachLongLine(text, maxLength, (start, end) => {
        parts.push(text.slice(cursor, start));
        cursor = end;
    });
    return cursor === 0 ? text : parts.join('') + text.slice(cursor);
}
