"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.keepPlan = keepPlan;
exports.keptOutputs = keptOutputs;
const json_1 = require("../common/json");
/**
 * What keeping a verification's outputs writes: each code cell that ran
 * gets its new outputs and a count of a consecutive run (1, 2, …, n);
 * blank code cells that show an old run are cleared, as running them
 * would. `null` when the notebook's code changed since the verification
 * (a code cell added, removed, moved or edited): its outputs would no
 * longer belong to the code.
 *
 * @param cells - the notebook's cells now.
 * @param run - the code cells the verification ran, in order.
 */
function keepPlan(cells, run) {
    const plan = [];
    let next = 0;
    for (let index = 0; index < cells.length; index++) {
        const cell = cells[index];
        if (cell.type !== 'code') {
            continue;
        }
        if (cell.source.trim() === '') {
            if (cell.ran) {
                plan.push({ index, outputs: [], executionCount: null });
            }
            continue;
        }
        const ran = run[next];
        if (!ran || ran.id !== cell.id || ran.source !== cell.source) {
            return null;
        }
        next++;
        plan.push({
            index,
            outputs: keptOutputs(ran.now, next),
            executionCount: next
        });
    }
    return next === run.length ? plan : null;
}
/**
 * The outputs of a fresh kernel's run of a cell, as a notebook stores
 * them: only nbformat's fields (no `transient`), the result numbered
 * with the cell's count, and consecutive stream text of one stream in
 * one output, as JupyterLab shows it.
 *
 * @param now - the outputs as the kernel sent them.
 * @param count - the cell's execution count.
 */
function keptOutputs(now, count) {
    const out = [];
    for (const output of now) {
        if (!(0, json_1.isJSONObject)(output)) {
            continue;
        }
        switch (output.output_type) {
            case 'stream': {
                const name = output.name === 'stderr' ? 'stderr' : 'stdout';
                const text = typeof output.text === 'string' ? output.text : '';
                const last = out[out.length - 1];
                if (last?.output_type === 'stream' && last.name === name) {
                    last.text = `${last.text}${text}`;
                }
                else {
                    out.push({ output_type: 'stream', name, text });
                }
                break;
            }
            case 'execute_result':
                out.push({
                    output_type: 'execute_result',
                    execution_count: count,
                    data: (0, json_1.isJSONObject)(output.data) ? output.data : {},
                    metadata: (0, json_1.isJSONObject)(output.metadata) ? output.metadata : {}
                });
                break;
            case 'display_data':
                out.push({
                    output_type: 'display_data',
                    data: (0, json_1.isJSONObject)(output.data) ? output.data : {},
                    metadata: (0, json_1.isJSONObject)(output.metadata) ? output.metadata : {}
                });
                break;
            case 'error':
                out.push({
                    output_type: 'error',
                    ename: String(output.ename ?? ''),
                    evalue: String(output.evalue ?? ''),
                    traceback: Array.isArray(output.traceback)
                        ? output.traceback.filter(line => typeof line === 'string')
                        : []
                });
                break;
        }
    }
    return out;
}
