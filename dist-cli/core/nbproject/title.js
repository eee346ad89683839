"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.getTitle = getTitle;
exports.markdownTitle = markdownTitle;
const cells_1 = require("../notebook/cells");
/**
 * The notebook's title by nbproject's rule: the first line, in any markdown
 * cell, that starts with exactly `"# "`, without its leading `#`s and with
 * spaces and dots stripped from both ends. `null` when there is none.
 *
 * Only `\n` splits lines, so a CRLF title keeps its `\r` as nbproject's does.
 */
function getTitle(cells) {
    for (const cell of cells) {
        if (cell.cell_type === 'markdown') {
            const title = markdownTitle((0, cells_1.joinSource)(cell.source));
            if (title !== null) {
                return title;
            }
        }
    }
    return null;
}
/**
 * The title one markdown cell's source gives by {@link getTitle}'s rule, or
 * `null`. Exposed so incremental analysis can cache it per cell.
 */
function markdownTitle(source) {
    // Most cells have no line starting with "# ": no need to split them.
    if (!source.startsWith('# ') && !source.includes('\n# ')) {
        return null;
    }
    for (const line of source.split('\n')) {
        if (line.startsWith('# ')) {
            // Python's `line.lstrip("#").strip(" .")`. The trailing run is
            // matched from its first character only, so that a long run of
            // spaces and dots inside the title costs linear time, not quadratic.
            return line.replace(/^#+/, '').replace(/^[ .]+|(?<![ .])[ .]+$/g, '');
        }
    }
    return null;
}
