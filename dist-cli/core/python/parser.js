"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.parsePythonSteps = parsePythonSteps;
/**
 * Parse Python in steps of about a millisecond (a thousand parser actions),
 * for a caller that spreads a large cell over several tasks. The tree is
 * the one `parser.parse(code)` gives.
 *
 * @param parser - the Python parser.
 * @param code - the Python code.
 */
function* parsePythonSteps(parser, code) {
    const parse = parser.startParse(code);
    for (let actions = 1;; actions++) {
        const tree = parse.advance();
        if (tree) {
            return tree;
        }
        if (actions % 1000 === 0) {
            yield;
        }
    }
}
