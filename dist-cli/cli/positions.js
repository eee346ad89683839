"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.cellPositions = cellPositions;
exports.fileLine = fileLine;
/**
 * Find the cells of an `.ipynb` file in its text, in one pass over the
 * characters (linear in the file; nothing is parsed twice). Never throws:
 * a text that is not the JSON the file was read as simply yields fewer
 * positions, and a finding without one points at line 1.
 *
 * @param text - the file's text, as read.
 * @returns one entry per cell of the top-level `cells` list, in order.
 */
function cellPositions(text) {
    // Numbers only while reading: the line of each cell, the lines of all
    // sources in one list, and where each cell's lines begin in it. The
    // cells' objects are made here, after the read: its loop stores small
    // integers in lists of small integers only, whose kind never changes
    // under V8's optimized code, and nothing follows the loop there that
    // optimized code entered in the loop would meet first.
    const cellLines = [];
    const sourceLines = [];
    const sourceStarts = [];
    Private.read(text, cellLines, sourceLines, sourceStarts);
    return cellLines.map((line, n) => ({
        line,
        source: sourceLines.slice(sourceStarts[n], n + 1 < sourceStarts.length ? sourceStarts[n + 1] : sourceLines.length)
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
function fileLine(positions, cell, sourceLine) {
    const found = cell === null ? undefined : positions[cell];
    if (found === undefined) {
        return 1;
    }
    return ((sourceLine === null ? undefined : found.source[sourceLine - 1]) ??
        found.line);
}
/**
 * Module internals.
 */
var Private;
(function (Private) {
    /**
     * Read the text for {@link cellPositions}: append each cell's line to
     * `cellLines`, the file line of each of its source lines to
     * `sourceLines`, and where those begin to `sourceStarts`.
     */
    function read(text, cellLines, sourceLines, sourceStarts) {
        // How deep the open objects and lists are, and the keys the two that
        // matter sit under: the root's list (`cells`) and a cell's (`source`).
        // Other keys are `OTHER`, never copied out of the text.
        let depth = 0;
        let listKey = 0 /* Private.Key.None */;
        let cellKey = 0 /* Private.Key.None */;
        let line = 1;
        let key = 0 /* Private.Key.None */;
        let pendingKey = 0 /* Private.Key.None */;
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
            }
            else if (char === Private.QUOTE) {
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
                }
                else {
                    pendingKey = 0 /* Private.Key.None */;
                    const inList = depth === 4 &&
                        listKey === 1 /* Private.Key.Cells */ &&
                        cellKey === 2 /* Private.Key.Source */;
                    if (inList || (depth === 3 && key === 2 /* Private.Key.Source */)) {
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
            }
            else if (char === Private.OPEN_BRACE || char === Private.OPEN_BRACKET) {
                if (char === Private.OPEN_BRACE &&
                    depth === 2 &&
                    listKey === 1 /* Private.Key.Cells */) {
                    cellLines.push(line);
                    sourceStarts.push(sourceLines.length);
                }
                if (depth === 1) {
                    listKey = key;
                }
                else if (depth === 3) {
                    cellKey = key;
                }
                depth++;
                key = 0 /* Private.Key.None */;
                pendingKey = 0 /* Private.Key.None */;
            }
            else if (char === Private.CLOSE_BRACE ||
                char === Private.CLOSE_BRACKET) {
                depth = depth > 0 ? depth - 1 : 0;
                key = 0 /* Private.Key.None */;
            }
            else if (char === Private.COLON) {
                key = pendingKey;
                pendingKey = 0 /* Private.Key.None */;
            }
            else if (char === Private.COMMA) {
                key = 0 /* Private.Key.None */;
            }
        }
    }
    Private.read = read;
    /**
     * The key spelled between `start` and `end` (a key with escapes is
     * spelled otherwise, so it is neither `cells` nor `source`).
     */
    function keyAt(text, start, end) {
        const length = end - start;
        if (length === 5 && spells(text, start, 'cells')) {
            return 1 /* Key.Cells */;
        }
        if (length === 6 && spells(text, start, 'source')) {
            return 2 /* Key.Source */;
        }
        return 3 /* Key.Other */;
    }
    Private.keyAt = keyAt;
    /**
     * Whether `word` is spelled in `text` from `start` (`start + word.length`
     * is at most the text's length). Compared by char codes, which V8's
     * optimized code reads from a string of any representation, where a
     * `startsWith` there is specialized to the string kinds seen so far.
     */
    function spells(text, start, word) {
        for (let k = 0; k < word.length; k++) {
            if (text.charCodeAt(start + k) !== word.charCodeAt(k)) {
                return false;
            }
        }
        return true;
    }
    Private.SPACE = 0x20;
    Private.NEWLINE = 0x0a;
    Private.QUOTE = 0x22;
    Private.BACKSLASH = 0x5c;
    Private.LETTER_N = 0x6e;
    Private.COLON = 0x3a;
    Private.COMMA = 0x2c;
    Private.OPEN_BRACE = 0x7b;
    Private.CLOSE_BRACE = 0x7d;
    Private.OPEN_BRACKET = 0x5b;
    Private.CLOSE_BRACKET = 0x5d;
    /**
     * The position of `search` in `text` from `from`, or the text's length.
     */
    function indexOrEnd(text, search, from) {
        const found = text.indexOf(search, from);
        return found < 0 ? text.length : found;
    }
    Private.indexOrEnd = indexOrEnd;
    /**
     * Whether the character at `at` of a string is escaped: it follows an
     * odd run of backslashes (the run ends at the string's opening quote
     * at the latest).
     */
    function escaped(text, at) {
        let before = at - 1;
        while (text.charCodeAt(before) === Private.BACKSLASH) {
            before--;
        }
        return (at - before) % 2 === 0;
    }
    Private.escaped = escaped;
    /**
     * Whether a character is white space as `\s` reads it (JSON's four,
     * and what a hand-edited file may hold).
     */
    function isSpace(code) {
        return (code === 0x20 ||
            (code >= 0x09 && code <= 0x0d) ||
            (code > 0x7f && /\s/.test(String.fromCharCode(code))));
    }
    Private.isSpace = isSpace;
})(Private || (Private = {}));
