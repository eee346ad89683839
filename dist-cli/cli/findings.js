"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.withoutCredentials = withoutCredentials;
exports.firstUnscannedOutput = firstUnscannedOutput;
const secrets_1 = require("../core/hygiene/secrets");
const scanLimits_1 = require("../core/common/scanLimits");
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
 * secret scan, and that line in the output's text (from 1), or `null`
 * (each output read until it is found).
 *
 * @param cell - a cell whose outputs hold such a line.
 */
function firstUnscannedOutput(cell) {
    const outputs = Array.isArray(cell.outputs) ? cell.outputs : [];
    for (let output = 0; output < outputs.length; output++) {
        const { first } = (0, scanLimits_1.longLines)((0, secrets_1.scannedOutputText)(outputs[output]), scanLimits_1.SCAN_LIMITS.maxLineLength);
        if (first !== null) {
            return { output, line: first };
        }
    }
    return null;
}
