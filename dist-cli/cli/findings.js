"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.withoutCredentials = withoutCredentials;
exports.firstUnscannedOutput = firstUnscannedOutput;
const secrets_1 = require("../core/hygiene/secrets");
/**
 * A line of a stranger's code with every credential on it masked (an
 * install line may carry `https://user:token@host`), for any report.
 *
 * @param line - one line of a cell.
 */
function withoutCredentials(line) {
    const [found] = (0, secrets_1.findSecrets)([{ cell_type: 'code', source: line }]);
    return found === undefined ? line : found.excerpt;
}
/**
 * The first of a cell's outputs, from 0, holding a line too long for the
 * secret scan, or `null` (each output read until it is found).
 *
 * @param cell - a cell whose outputs hold such a line.
 */
function firstUnscannedOutput(cell) {
    const outputs = Array.isArray(cell.outputs) ? cell.outputs : [];
    const found = outputs.findIndex(output => (0, secrets_1.unscannedLines)([{ cell_type: 'code', source: '', outputs: [output] }])
        .count > 0);
    return found < 0 ? null : found;
}
