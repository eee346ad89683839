"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.joinSource = joinSource;
exports.cellId = cellId;
exports.nextListedCell = nextListedCell;
/**
 * Join a cell's `source` as nbformat does: a string as is, the string items
 * of a list concatenated, anything else the empty string.
 */
function joinSource(source) {
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
function cellId(cell) {
    return typeof cell.id === 'string' && cell.id !== '' ? cell.id : null;
}
/**
 * Module internals.
 */
var Private;
(function (Private) {
    /**
     * Whether a value is a string.
     */
    function isString(value) {
        return typeof value === 'string';
    }
    Private.isString = isString;
})(Private || (Private = {}));
/**
 * The index of the first listed cell after `fromIndex`, wrapping around
 * to the first; `null` when none is listed (for "go to the next cell"
 * commands).
 *
 * @param cells - the listed cells, in notebook order.
 * @param fromIndex - the cell to start after (the active one's index);
 *   `-1` finds the first.
 */
function nextListedCell(cells, fromIndex) {
    if (cells.length === 0) {
        return null;
    }
    return (cells.find(cell => cell.index > fromIndex) ?? cells[0]).index;
}
