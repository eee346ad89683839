"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.isExecuted = isExecuted;
exports.checkConsecutiveness = checkConsecutiveness;
exports.consecutivenessReport = consecutivenessReport;
exports.consecutivenessOf = consecutivenessOf;
const cells_1 = require("../notebook/cells");
/**
 * Whether an execution count says the cell ran, as the consecutiveness
 * rule reads counts: any finite number (a stranger's notebook may store
 * anything).
 *
 * @param count - a cell's `execution_count`, as stored.
 */
function isExecuted(count) {
    return typeof count === 'number' && Number.isFinite(count);
}
/**
 * Check consecutiveness exactly as nbproject 0.11.1 does.
 *
 * Code cells whose joined source is `""` are skipped (whitespace-only cells
 * are not), and so are cells containing `callingStatement` when one is given.
 * Each considered cell's count must be the previous one plus 1, starting
 * from 0; a cell that was not run is a violation. One trailing unexecuted
 * cell is forgiven, because nbproject runs this check from the last cell
 * while it is still executing.
 *
 * Execution counts that are not numbers (strings, booleans, missing) count
 * as "not run" rather than raising as nbproject would.
 *
 * @param cells - the notebook's cells, in order.
 * @param callingStatement - skip cells whose source contains this text.
 */
function checkConsecutiveness(cells, callingStatement) {
    return Private.verdict(Private.considered(cells, callingStatement));
}
/**
 * Report which code cells break consecutiveness and why.
 *
 * `consecutive` and `violations` are always nbproject's verdict. In
 * `nbproject` mode, `cells` is empty exactly when `consecutive` is true; in
 * `strict` mode it also lists a trailing cell that was not run.
 *
 * Unlike nbproject's pairs, which blame both sides of a bad transition, each
 * problem is attributed to the one cell a person would fix: in `1, -, 2` only
 * the middle cell ("not run") is reported.
 */
function consecutivenessReport(cells, options = {}) {
    const { mode = 'nbproject', callingStatement = null } = options;
    // Read once for the verdict and the blame: it joins every cell's source.
    return consecutivenessOf(Private.considered(cells, callingStatement), mode);
}
/**
 * {@link consecutivenessReport} of the cells it looks at, in notebook
 * order: for a caller that keeps that list up to date as cells change
 * instead of reading every cell again.
 *
 * @param considered - the code cells the rule looks at, in order.
 * @param mode - how the rule judges the notebook.
 */
function consecutivenessOf(considered, mode = 'nbproject') {
    const verdict = Private.verdict(considered);
    if (verdict.consecutive && mode === 'nbproject') {
        // nbproject's verdict finds nothing, so neither does the blame.
        return { ...verdict, cells: [] };
    }
    // The smallest count held by any cell below each position, to tell a cell
    // that ran too early (a later cell holds a missing count) from a gap.
    const laterMin = new Float64Array(considered.length + 1);
    laterMin[considered.length] = Infinity;
    for (let i = considered.length - 1; i >= 0; i--) {
        laterMin[i] = Math.min(laterMin[i + 1], considered[i].count ?? Infinity);
    }
    const offending = [];
    const used = new Set();
    let last = null;
    for (let i = 0; i < considered.length; i++) {
        const { cell, index, count } = considered[i];
        let issue = null;
        if (count === null) {
            if (i < considered.length - 1 || mode === 'strict') {
                issue = { code: 'not-run' };
            }
        }
        else if (last === null) {
            if (count !== 1) {
                issue = { code: 'not-from-one', params: { count } };
            }
        }
        else if (used.has(count)) {
            issue = { code: 'run-twice', params: { count } };
        }
        else if (count < last || (count > last + 1 && laterMin[i + 1] < count)) {
            issue = { code: 'out-of-order', params: { count, after: last } };
        }
        else if (count > last + 1) {
            issue = { code: 'skipped-before', params: { count, after: last } };
        }
        if (issue) {
            offending.push({ index, id: (0, cells_1.cellId)(cell), reason: issue.code, issue });
        }
        if (count !== null) {
            used.add(count);
            last = count;
        }
    }
    return { ...verdict, cells: offending };
}
/**
 * Module internals.
 */
var Private;
(function (Private) {
    /**
     * nbproject's verdict on the considered cells.
     */
    function verdict(considered) {
        const violations = [];
        let prev = 0;
        let count = 0;
        for (const cell of considered) {
            count = cell.count;
            if (count === null || prev === null || count - prev !== 1) {
                violations.push([prev, count]);
            }
            prev = count;
        }
        if (count === null) {
            violations.pop();
        }
        return { consecutive: violations.length === 0, violations };
    }
    Private.verdict = verdict;
    /**
     * The code cells nbproject's rule looks at, with their counts.
     */
    function considered(cells, callingStatement) {
        const out = [];
        // A plain loop: this runs over every cell after every execution.
        for (let index = 0; index < cells.length; index++) {
            const cell = cells[index];
            // Not markdown or raw cells, empty cells, or the calling cell.
            const source = cell.cell_type === 'code' ? (0, cells_1.joinSource)(cell.source) : '';
            const calling = typeof callingStatement === 'string' &&
                source.includes(callingStatement);
            if (source !== '' && !calling) {
                out.push({ cell, index, count: executionCount(cell.execution_count) });
            }
        }
        return out;
    }
    Private.considered = considered;
    /**
     * A usable execution count, or `null`. Any finite number is kept so the
     * arithmetic matches nbproject's on every JSON number.
     */
    function executionCount(value) {
        return isExecuted(value) ? value : null;
    }
})(Private || (Private = {}));
