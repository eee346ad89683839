"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || function (mod) {
    if (mod && mod.__esModule) return mod;
    var result = {};
    if (mod != null) for (var k in mod) if (k !== "default" && Object.prototype.hasOwnProperty.call(mod, k)) __createBinding(result, mod, k);
    __setModuleDefault(result, mod);
    return result;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEFAULT_TIME_LIMIT = exports.FAIL_ON_STATUSES = void 0;
exports.unknownName = unknownName;
exports.runVerify = runVerify;
exports.verifyReport = verifyReport;
exports.noOutputCount = noOutputCount;
const fs = __importStar(require("fs"));
const os = __importStar(require("os"));
const path = __importStar(require("path"));
const check_1 = require("./check");
const run_1 = require("./run");
const words_1 = require("./words");
const compareOutputs_1 = require("../core/execution/compareOutputs");
const json_1 = require("../core/common/json");
const cells_1 = require("../core/notebook/cells");
/**
 * The statuses `--fail-on` may name: every one but `same`.
 */
exports.FAIL_ON_STATUSES = [
    'differs',
    'error-now',
    'error-before',
    'no-output'
];
/**
 * The time limit when neither `--time-limit` nor the configuration sets
 * one, in seconds: the setting `verifyTimeLimit`'s default.
 */
exports.DEFAULT_TIME_LIMIT = 600;
/**
 * The first of `names` that is not one of `known`, or `null`: the names
 * of `--fail-on` and `--normalise`, from the command line or the
 * configuration.
 */
function unknownName(names, known) {
    return names.find(name => !known.includes(name)) ?? null;
}
/**
 * Run `nbproject-lab verify`: run the notebook again with the runner
 * (`jupyter execute`) into an executed copy in a fresh temporary folder,
 * removed afterwards whatever happens, compare each code cell's new
 * outputs with the stored ones as the extension's _Verify in a Fresh
 * Kernel_ does, and report. The notebook itself is only read.
 *
 * @param request - what was asked.
 * @param host - output, files and the working directory.
 * @param runner - runs the notebook.
 * @returns 0 when no cell has a status of the fail-on list; 1 when one
 *   has, or the time limit stopped the run; 2 when the configuration or
 *   the notebook cannot be read, or the notebook could not be run.
 */
async function runVerify(request, host, runner) {
    const settings = Private.settings(request, host);
    if ('usage' in settings) {
        host.stderr(`nbproject-lab: ${settings.usage}\n`);
        return 2;
    }
    const { file } = request;
    if (path.extname(file) !== '.ipynb') {
        // jupyter execute reads NAME.ipynb whatever the name given.
        host.stderr(`nbproject-lab: ${file}: verify runs .ipynb files only\n`);
        return 2;
    }
    let text;
    try {
        text = host.readFile(file);
    }
    catch (error) {
        host.stderr(`nbproject-lab: ${file}: cannot read (${(0, words_1.fileErrorText)(error)})\n`);
        return 2;
    }
    const stored = (0, check_1.readNotebookText)(text);
    if ('unreadable' in stored) {
        host.stderr(`nbproject-lab: ${file}: ${stored.unreadable}\n`);
        return 2;
    }
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'nbproject-verify-'));
    let outcome;
    try {
        const output = path.join(folder, 'executed.ipynb');
        const run = await runner({
            notebook: path.resolve(file),
            output,
            kernel: request.kernel,
            timeLimit: settings.timeLimit
        });
        outcome =
            'done' in run
                ? Private.compare(stored.notebook.cells, output, settings.options)
                : run;
    }
    finally {
        fs.rmSync(folder, { recursive: true, force: true });
    }
    return Private.report(file, outcome, settings, request.json, host);
}
/**
 * The text report of a verification: a line with the verdict, then one
 * line per cell that does not reproduce (numbered from 1) or whose image
 * differs, then the normalisations used.
 *
 * @param file - the notebook, as given.
 * @param result - the verification's result.
 * @param options - the normalisations it used.
 */
function verifyReport(file, result, options) {
    const total = result.cells.length;
    // Cells with no stored output are counted apart from those that differ.
    const noOutput = noOutputCount(result);
    const counts = [
        `${result.differs - noOutput} differ`,
        `${result.errors} raise`,
        ...(noOutput > 0 ? [`${noOutput} had no stored output`] : [])
    ];
    const lines = [
        result.verdict === 'reproduces'
            ? `${file}: all ${total} code cells reproduce`
            : result.verdict === 'cancelled'
                ? `${file}: stopped at the time limit; no cell compared`
                : `${file}: ${result.same} of ${total} code cells reproduce (${counts.join(', ')})`
    ];
    const noted = result.cells.filter(cell => cell.status !== 'same' || cell.imageDiffers);
    for (const cell of noted.sort((a, b) => a.index - b.index)) {
        const where = `cell ${cell.index + 1}${cell.id ? ` (id ${cell.id})` : ''}`;
        lines.push(`  ${where.padEnd(16)} ${(0, words_1.verifiedCellText)(cell)}`);
    }
    lines.push(`  normalised: ${(0, compareOutputs_1.normalisationsOn)(options).join(', ') || 'nothing'}`);
    return `${lines.join('\n')}\n`;
}
/**
 * How many cells of a verification had no stored output to compare
 * with (among those its `differs` counts).
 */
function noOutputCount(result) {
    return result.cells.filter(cell => cell.status === 'no-output').length;
}
/**
 * Module internals.
 */
var Private;
(function (Private) {
    function settings(request, host) {
        const config = (0, run_1.loadConfig)(request.config, host);
        if ('usage' in config) {
            return config;
        }
        const { verify } = config;
        const where = `${config.file}: verify`;
        const failOn = request.failOn ?? verify.failOn ?? exports.FAIL_ON_STATUSES;
        const badStatus = unknownName(failOn, [...exports.FAIL_ON_STATUSES, 'none']);
        if (badStatus !== null) {
            return {
                usage: `${where}: unknown fail-on status "${badStatus}" (expected ${exports.FAIL_ON_STATUSES.join(', ')} or none)`
            };
        }
        const on = request.normalise ??
            verify.normalisations ?? [...compareOutputs_1.NORMALISATION_NAMES];
        const badName = unknownName(on, compareOutputs_1.NORMALISATION_NAMES);
        if (badName !== null) {
            return {
                usage: `${where}: unknown normalisation "${badName}" (expected ${compareOutputs_1.NORMALISATION_NAMES.join(', ')})`
            };
        }
        const off = new Set(request.noNormalise);
        return {
            failOn: new Set(failOn),
            options: (0, compareOutputs_1.normalisationsFrom)(on.filter(name => !off.has(name)), request.tolerance ??
                verify.tolerance ??
                compareOutputs_1.DEFAULT_NORMALISATIONS.floatTolerance),
            timeLimit: request.timeLimit ?? verify.timeLimit ?? exports.DEFAULT_TIME_LIMIT
        };
    }
    Private.settings = settings;
    /**
     * Compare the stored code cells with the executed copy's, cell by cell
     * at the same positions (blank code cells, which nothing runs, are
     * left out, as in the extension).
     */
    function compare(cells, output, options) {
        let executed;
        try {
            const json = JSON.parse(fs.readFileSync(output, 'utf8'));
            executed =
                (0, json_1.isJSONObject)(json) && Array.isArray(json.cells) ? json.cells : [];
        }
        catch (error) {
            return {
                failure: `the executed copy cannot be read (${(0, words_1.fileErrorText)(error)})`
            };
        }
        const verified = [];
        for (let index = 0; index < cells.length; index++) {
            const cell = cells[index];
            if (cell.cell_type !== 'code' ||
                (0, cells_1.joinSource)(cell.source).trim() === '' ||
                Private.skipped(cell)) {
                continue;
            }
            const now = executed[index];
            if (!(0, json_1.isJSONObject)(now) ||
                now.cell_type !== 'code' ||
                (0, cells_1.joinSource)(now.source) !== (0, cells_1.joinSource)(cell.source)) {
                return {
                    failure: `the executed copy does not match the notebook at cell ${index + 1} (was the file changed during the run?)`
                };
            }
            const id = (0, cells_1.cellId)(cell) ?? '';
            verified.push((0, compareOutputs_1.verifiedCell)(index, id, (0, compareOutputs_1.compareOutputs)(outputs(cell.outputs), outputs(now.outputs), options)));
        }
        return { result: (0, compareOutputs_1.verifyResult)(verified, false) };
    }
    Private.compare = compare;
    /**
     * Whether nbclient leaves a cell out of the run: one tagged
     * `skip-execution` keeps its stored outputs, so comparing it would
     * prove nothing.
     */
    function skipped(cell) {
        const tags = (0, json_1.isJSONObject)(cell.metadata) ? cell.metadata.tags : undefined;
        return Array.isArray(tags) && tags.includes(SKIP_TAG);
    }
    Private.skipped = skipped;
    const SKIP_TAG = 'skip-execution';
    function outputs(value) {
        return Array.isArray(value) ? value : [];
    }
    /**
     * Print the outcome and return the exit status.
     */
    function report(file, outcome, settings, json, host) {
        const result = 'result' in outcome
            ? outcome.result
            : 'timedOut' in outcome
                ? (0, compareOutputs_1.verifyResult)([], true)
                : {
                    ...(0, compareOutputs_1.verifyResult)([], false),
                    verdict: 'failed',
                    failure: outcome.failure
                };
        if ('failure' in outcome) {
            const hint = outcome.notFound
                ? '; verify runs notebooks with `jupyter execute` (pip install nbclient): put jupyter on PATH, or give --jupyter PATH or --python PATH'
                : '';
            host.stderr(`nbproject-lab: ${file}: not verified: ${outcome.failure}${hint}\n`);
        }
        else if ('timedOut' in outcome) {
            host.stderr(`nbproject-lab: ${file}: stopped at the time limit (${settings.timeLimit} s): the notebook and its kernel were stopped\n`);
        }
        if (json) {
            // `noOutput` after the counts: of `differs`, the cells with no
            // stored output.
            const { verdict, same, differs, errors, ...rest } = result;
            const record = {
                verdict,
                same,
                differs,
                errors,
                noOutput: noOutputCount(result),
                ...rest
            };
            host.stdout(`${JSON.stringify(record)}\n`);
        }
        else if (!('failure' in outcome)) {
            host.stdout(verifyReport(file, result, settings.options));
        }
        if ('failure' in outcome) {
            return 2;
        }
        if ('timedOut' in outcome) {
            return 1;
        }
        return result.cells.some(cell => settings.failOn.has(cell.status)) ? 1 : 0;
    }
    Private.report = report;
})(Private || (Private = {}));
