"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.allSteps = allSteps;
/**
 * Run every step at once and return the result.
 *
 * @param steps - the computation.
 */
function allSteps(steps) {
    for (;;) {
        const step = steps.next();
        if (step.done) {
            return step.value;
        }
    }
}
