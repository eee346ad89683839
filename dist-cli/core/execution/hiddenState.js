"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.HIDDEN_STATE_PROBLEMS = void 0;
exports.hiddenStateProblemCells = hiddenStateProblemCells;
exports.hiddenState = hiddenState;
exports.hiddenStateSteps = hiddenStateSteps;
exports.hiddenStateReport = hiddenStateReport;
const consecutiveness_1 = require("./consecutiveness");
const cells_1 = require("../notebook/cells");
const metadataBlocks_1 = require("../packages/metadataBlocks");
const names_1 = require("../python/names");
const ipython_1 = require("../python/ipython");
const nameScan_1 = require("../python/nameScan");
const scanLimits_1 = require("../common/scanLimits");
const steps_1 = require("../common/steps");
/**
 * The issues that make the verdict `hidden`; the others make it `unsure`.
 */
exports.HIDDEN_STATE_PROBLEMS = new Set([
    'undefined-name',
    'defined-later',
    'later-definition',
    'stale-definition'
]);
/**
 * The cells of a report with a problem (see {@link HIDDEN_STATE_PROBLEMS}),
 * not only something not sure, in notebook order.
 *
 * @param report - a hidden-state analysis.
 */
function hiddenStateProblemCells(report) {
    return report.cells.filter(cell => cell.issues.some(issue => exports.HIDDEN_STATE_PROBLEMS.has(issue.code)));
}
/**
 * Find hidden state in a notebook without running it: which names each
 * code cell uses that, run top to bottom, would come from nowhere or from
 * below, and (with the execution counts) which cells last ran with a name
 * from a cell below or from a cell edited since. Never throws.
 *
 * A name read only inside a function is a problem only when no cell
 * defines it (the function may be called after any cell). A cell that may
 * define names it does not spell makes the names nobody defines after it
 * `unresolved` rather than wrong.
 *
 * Linear in the number of names, but for a logarithm where the run
 * record is searched.
 *
 * @param cells - the notebook's cells, in order.
 * @param parser - the Python parser.
 * @param options - which cells were edited since they ran (by position),
 *   and the scan limits.
 */
function hiddenState(cells, parser, options = {}) {
    return (0, steps_1.allSteps)(hiddenStateSteps(cells, parser, options));
}
/**
 * {@link hiddenState} in steps, a cell each (a large cell's parse in
 * several).
 */
function* hiddenStateSteps(cells, parser, options = {}) {
    const { edited, limits = scanLimits_1.SCAN_LIMITS, cache, trees, readings } = options;
    const inputs = [];
    const scanner = new nameScan_1.NameScanner();
    for (let index = 0; index < cells.length; index++) {
        const cell = cells[index];
        if (cell.cell_type !== 'code') {
            continue;
        }
        // Joined once: a cell's list of lines makes a new string each time.
        const source = (0, cells_1.joinSource)(cell.source);
        // A PEP 723 cell declares the environment and runs nothing.
        if ((0, metadataBlocks_1.isPep723Cell)({ cell_type: 'code', source })) {
            continue;
        }
        let names = cache?.get(source);
        let python = null;
        if (!names) {
            // Most cells are answered without the parser, and without a
            // generator made for them.
            python = trees ? trees.python(source) : (0, ipython_1.ipythonToPython)(source);
            names =
                (0, names_1.findNamesScanned)(source, python, limits, scanner) ??
                    (yield* (0, names_1.findParsedNamesSteps)(source, python, parser, trees));
            cache?.set(source, names);
        }
        const count = (0, consecutiveness_1.isExecuted)(cell.execution_count)
            ? cell.execution_count
            : null;
        const changed = edited?.has(index) ?? false;
        if (readings) {
            python ?? (python = trees ? trees.python(source) : (0, ipython_1.ipythonToPython)(source));
            readings[index] = { names, code: python.code };
        }
        inputs.push({ index, id: (0, cells_1.cellId)(cell), names, count, edited: changed });
        yield;
    }
    return hiddenStateReport(inputs);
}
/**
 * The analysis of code cells whose names are known, in notebook order.
 *
 * @param inputs - the code cells.
 */
function hiddenStateReport(inputs) {
    const definers = Private.definers(inputs);
    const issues = inputs.map(() => []);
    // What the cells above define, and the first that may define anything.
    const above = new Set();
    let dynamic = null;
    const firstDynamic = Private.firstDynamic(inputs);
    inputs.forEach((input, i) => {
        const own = issues[i];
        const { names } = input;
        if (names.dynamic) {
            own.push({ code: 'dynamic', params: { feature: names.dynamic } });
        }
        const anyDynamic = dynamic ?? (names.dynamic ? input.index : null);
        // A cell's reads leave out builtins and IPython's names already.
        for (const { name, deferred } of names.reads) {
            if (above.has(name)) {
                continue;
            }
            const all = definers.get(name);
            // Not above: the first cell defining it is this one or one below.
            const later = all?.[0];
            if (later === undefined && firstDynamic === null) {
                own.push({ code: 'undefined-name', params: { name } });
            }
            else if (later === undefined || (!deferred && anyDynamic !== null)) {
                const cell = (anyDynamic ?? firstDynamic);
                own.push({ code: 'unresolved', params: { name, cell } });
            }
            else if (!deferred) {
                const cell = inputs[later].index;
                own.push({ code: 'defined-later', params: { name, cell } });
            }
        }
        for (const name of names.defines) {
            above.add(name);
        }
        dynamic = anyDynamic;
    });
    Private.runRecord(inputs, definers, issues);
    const cells = [];
    let verdict = 'clean';
    inputs.forEach(({ index, id }, i) => {
        if (issues[i].length === 0) {
            return;
        }
        const sorted = Private.sorted(issues[i]);
        cells.push({ index, id, issues: sorted });
        if (sorted.some(issue => exports.HIDDEN_STATE_PROBLEMS.has(issue.code))) {
            verdict = 'hidden';
        }
        else if (verdict === 'clean') {
            verdict = 'unsure';
        }
    });
    return { verdict, cells };
}
/**
 * Module internals.
 */
var Private;
(function (Private) {
    /**
     * For each name, the positions (in `inputs`) of the cells defining it,
     * in notebook order.
     */
    function definers(inputs) {
        const map = new Map();
        inputs.forEach(({ names }, i) => {
            for (const name of names.defines) {
                const list = map.get(name);
                if (list) {
                    list.push(i);
                }
                else {
                    map.set(name, [i]);
                }
            }
        });
        return map;
    }
    Private.definers = definers;
    /**
     * The notebook position of the first cell that may define names it
     * does not spell, or `null`.
     */
    function firstDynamic(inputs) {
        return inputs.find(input => input.names.dynamic)?.index ?? null;
    }
    Private.firstDynamic = firstDynamic;
    /**
     * With the run record: for each name a cell read when it last ran, the
     * cell whose definition it got is the defining cell that ran last
     * before it. Blame the reader when that cell is below it, or was edited
     * since it ran.
     */
    function runRecord(inputs, definers, issues) {
        // Each name's defining cells that ran, by execution count: found for
        // the names a cell that ran reads only (most names are read by none).
        const ran = new Map();
        const ranFor = (name) => {
            let byCount = ran.get(name);
            if (byCount === undefined) {
                byCount = Private.byCount(inputs, definers.get(name) ?? []);
                ran.set(name, byCount);
            }
            return byCount;
        };
        inputs.forEach((input, i) => {
            if (input.count === null) {
                return;
            }
            for (const { name, deferred } of input.names.reads) {
                if (deferred) {
                    continue;
                }
                const list = ranFor(name);
                if (list.length === 0) {
                    continue;
                }
                const source = lastBefore(inputs, list, input.count);
                if (source === null || source === i) {
                    continue;
                }
                const cell = inputs[source].index;
                if (source > i) {
                    issues[i].push({ code: 'later-definition', params: { name, cell } });
                }
                else if (inputs[source].edited) {
                    issues[i].push({ code: 'stale-definition', params: { name, cell } });
                }
            }
        });
    }
    Private.runRecord = runRecord;
    /**
     * The cells of `cells` that ran, by execution count. Most lists are
     * all of cells that ran in notebook order, which is their order by
     * count: those are kept as they are, not copied or sorted.
     */
    function byCount(inputs, cells) {
        let previous = -Infinity;
        let i = 0;
        for (; i < cells.length; i++) {
            const count = inputs[cells[i]].count;
            if (count === null || count < previous) {
                break;
            }
            previous = count;
        }
        if (i === cells.length) {
            return cells;
        }
        return cells
            .filter(d => inputs[d].count !== null)
            .sort((a, b) => inputs[a].count - inputs[b].count);
    }
    Private.byCount = byCount;
    /**
     * The cell of `list` (sorted by count) with the greatest count below
     * `count`, or `null`.
     */
    function lastBefore(inputs, list, count) {
        let low = 0;
        let high = list.length;
        while (low < high) {
            const middle = (low + high) >> 1;
            if (inputs[list[middle]].count < count) {
                low = middle + 1;
            }
            else {
                high = middle;
            }
        }
        return low > 0 ? list[low - 1] : null;
    }
    /**
     * Problems first, then what is not sure; the order found within each.
     */
    function sorted(issues) {
        // Most cells' issues are in that order already (no problem right
        // after what is not sure): kept, not copied.
        let previous = true;
        let inOrder = true;
        for (const issue of issues) {
            const problem = exports.HIDDEN_STATE_PROBLEMS.has(issue.code);
            inOrder && (inOrder = previous || !problem);
            previous = problem;
        }
        if (inOrder) {
            return issues;
        }
        return [
            ...issues.filter(issue => exports.HIDDEN_STATE_PROBLEMS.has(issue.code)),
            ...issues.filter(issue => !exports.HIDDEN_STATE_PROBLEMS.has(issue.code))
        ];
    }
    Private.sorted = sorted;
})(Private || (Private = {}));
