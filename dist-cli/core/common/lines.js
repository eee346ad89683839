"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.lineStarts = lineStarts;
exports.lineAt = lineAt;
/**
 * Where each line of a text starts (after each `\n`), for
 * {@link lineAt}: made once per text, in one pass.
 *
 * @param text - the text.
 * @returns the offsets, the first 0.
 */
function lineStarts(text) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
        starts.push(i + 1);
    }
    return starts;
}
/**
 * The line an offset of a text is on, by binary search, so that finding
 * the lines of many matches stays linear in the text, not quadratic.
 *
 * @param starts - the text's {@link lineStarts}.
 * @param offset - an offset in the text.
 * @returns the line's index, from 0.
 */
function lineAt(starts, offset) {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
        const mid = (low + high + 1) >> 1;
        if (starts[mid] <= offset) {
            low = mid;
        }
        else {
            high = mid - 1;
        }
    }
    return low;
}
