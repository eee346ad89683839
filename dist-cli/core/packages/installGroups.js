"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.groupInstalls = groupInstalls;
/**
 * Install lines grouped by their text, in the order each is first met: a
 * notebook that repeats `!pip install requests` in many cells lists it
 * once, with the cells. Linear in the lines.
 *
 * @param installs - install lines, in notebook order.
 */
function groupInstalls(installs) {
    const groups = new Map();
    for (const { line, cell } of installs) {
        const group = groups.get(line);
        if (group === undefined) {
            groups.set(line, { line, cells: [cell] });
        }
        else if (group.cells[group.cells.length - 1] !== cell) {
            group.cells.push(cell);
        }
    }
    return [...groups.values()];
}
