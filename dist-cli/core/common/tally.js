"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.tally = tally;
/**
 * How many rows have each status, every status counted (zero included),
 * for a badge or a summary line.
 *
 * @param rows - rows with a status.
 * @param statuses - every status there is.
 */
function tally(rows, statuses) {
    const counts = Object.fromEntries(statuses.map(status => [status, 0]));
    for (const { status } of rows) {
        counts[status]++;
    }
    return counts;
}
