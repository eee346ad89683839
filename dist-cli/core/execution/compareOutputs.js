"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.NORMALISATION_NAMES = exports.DEFAULT_NORMALISATIONS = void 0;
exports.compareOutputs = compareOutputs;
exports.sameText = sameText;
exports.normaliseText = normaliseText;
exports.withoutInstalledWarnings = withoutInstalledWarnings;
exports.verifyCounts = verifyCounts;
exports.verifiedCell = verifiedCell;
exports.verifyResult = verifyResult;
exports.normalisationsFrom = normalisationsFrom;
exports.normalisationsOn = normalisationsOn;
exports.unreproducedCells = unreproducedCells;
const json_1 = require("../common/json");
/**
 * The normalisations on by default.
 */
exports.DEFAULT_NORMALISATIONS = {
    addresses: true,
    times: true,
    tempPaths: true,
    warnings: true,
    floatTolerance: 1e-9
};
/**
 * Compare a code cell's stored outputs with the outputs of running it
 * again. Never throws: outputs are read as untrusted JSON.
 *
 * Compared: stream text (stdout and stderr together, as printed),
 * `text/plain`, `text/html` and `text/markdown` of results and displays,
 * error names and values (not tracebacks); images by equality, reported
 * apart. Text is normalised first (see {@link INormalisations}).
 *
 * @param stored - the cell's outputs as saved.
 * @param now - the outputs of the run in a fresh kernel.
 * @param options - the normalisations.
 */
function compareOutputs(stored, now, options = exports.DEFAULT_NORMALISATIONS) {
    const before = Private.summary(stored, options);
    const after = Private.summary(now, options);
    const imageDiffers = before.images !== after.images;
    const error = after.error ?? undefined;
    if (after.error !== null && after.error !== before.error) {
        return { status: 'error-now', imageDiffers, error };
    }
    if (before.error !== null && after.error === null) {
        return { status: 'error-before', imageDiffers };
    }
    if (before.outputs === 0 && after.outputs > 0) {
        return { status: 'no-output', imageDiffers };
    }
    const same = sameText(before.text, after.text, options);
    return { status: same ? 'same' : 'differs', imageDiffers };
}
/**
 * Whether two texts are the same after the normalisations.
 */
function sameText(a, b, options = exports.DEFAULT_NORMALISATIONS) {
    const left = Private.numbers(normaliseText(a, options));
    const right = Private.numbers(normaliseText(b, options));
    if (left.words.length !== right.words.length) {
        return false;
    }
    for (let i = 0; i < left.words.length; i++) {
        if (left.words[i] !== right.words[i]) {
            return false;
        }
    }
    return left.values.every((value, i) => Private.close(value, right.values[i], options.floatTolerance));
}
/**
 * Text with what differs by nature between runs replaced by a marker.
 */
function normaliseText(text, options = exports.DEFAULT_NORMALISATIONS) {
    let out = text;
    if (options.addresses) {
        out = out.replace(/\b0x[0-9a-fA-F]{4,}\b/g, '0x…');
    }
    if (options.times) {
        out = out
            .replace(/\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?/g, '<time>')
            .replace(/\b\d+(?:\.\d+)?\s?(?:ns|µs|us|ms|s|sec|secs|seconds?|min|minutes?)\b/g, '<duration>');
    }
    if (options.tempPaths) {
        out = out.replace(/(?:\/tmp|\/var\/folders|[A-Za-z]:\\[^\s'"]*\\Temp)[/\\][^\s'"]*/g, '<tmp>');
    }
    return out;
}
/**
 * Stderr text without the Python warnings that installed code printed
 * (`warnings.formatwarning`'s `FILE:LINE: CATEGORYWarning: message` line
 * and the source line below it, indented by two spaces), when FILE is
 * under `site-packages` or `dist-packages`, in Python's own `lib`, or a
 * frozen module. A warning from any other file (a notebook cell, a module
 * of the project) is kept, and so is every other line.
 */
function withoutInstalledWarnings(text) {
    return text.replace(/^([^\n]*?):\d+: \w*Warning: [^\n]*(?:\n|$)(?: {2}[^\n]*(?:\n|$))?/gm, (record, file) => (Private.isInstalledFile(file) ? '' : record));
}
/**
 * Count the statuses: `error-now` counts as an error; `differs`,
 * `error-before` and `no-output` as differing.
 */
function verifyCounts(statuses) {
    const counts = { same: 0, differs: 0, errors: 0 };
    for (const status of statuses) {
        if (status === 'same') {
            counts.same++;
        }
        else if (status === 'error-now') {
            counts.errors++;
        }
        else {
            counts.differs++;
        }
    }
    return counts;
}
/**
 * One code cell's entry in a verification's result: its place, and how
 * its outputs compared (the error and the image only when there is one).
 *
 * @param index - its position among all the notebook's cells.
 * @param id - its id.
 * @param comparison - what {@link compareOutputs} found.
 */
function verifiedCell(index, id, comparison) {
    const cell = { index, id, status: comparison.status };
    if (comparison.error) {
        cell.error = comparison.error;
    }
    if (comparison.imageDiffers) {
        cell.imageDiffers = true;
    }
    return cell;
}
/**
 * A verification's result from the cells it compared: `cancelled` when
 * the run stopped before the end (the cells compared so far are
 * counted), else `reproduces` when every cell is the same, else
 * `differs`.
 *
 * @param cells - the cells compared, in the order they ran.
 * @param stopped - whether the run was cancelled or hit its time limit.
 */
function verifyResult(cells, stopped) {
    const counts = verifyCounts(cells.map(cell => cell.status));
    const verdict = stopped
        ? 'cancelled'
        : counts.same === cells.length
            ? 'reproduces'
            : 'differs';
    return { verdict, ...counts, cells };
}
/**
 * The text normalisations a setting can turn off, by name.
 */
exports.NORMALISATION_NAMES = [
    'addresses',
    'times',
    'tempPaths',
    'warnings'
];
/**
 * The normalisations from the settings: the names turned on (unknown
 * names are ignored) and the float tolerance (not a finite number or
 * below zero: the default).
 *
 * @param on - the names of the normalisations turned on.
 * @param floatTolerance - the relative tolerance of numbers.
 */
function normalisationsFrom(on, floatTolerance) {
    const names = new Set(on);
    return {
        addresses: names.has('addresses'),
        times: names.has('times'),
        tempPaths: names.has('tempPaths'),
        warnings: names.has('warnings'),
        floatTolerance: typeof floatTolerance === 'number' &&
            Number.isFinite(floatTolerance) &&
            floatTolerance >= 0
            ? floatTolerance
            : exports.DEFAULT_NORMALISATIONS.floatTolerance
    };
}
/**
 * The names of the normalisations on, as recorded with a verification.
 */
function normalisationsOn(options) {
    const on = exports.NORMALISATION_NAMES.filter(name => options[name]);
    if (options.floatTolerance > 0) {
        on.push(`floatTolerance=${options.floatTolerance}`);
    }
    return on;
}
/**
 * The cells a verification found not reproducing (differ, raise now, no
 * longer raise, or had no stored output), in notebook order.
 */
function unreproducedCells(result) {
    return result.cells
        .filter(cell => cell.status !== 'same')
        .sort((a, b) => a.index - b.index);
}
/**
 * Module internals.
 */
var Private;
(function (Private) {
    const TEXT_TYPES = ['text/plain', 'text/html', 'text/markdown'];
    /**
     * Join an output's text field (a string or a list of strings).
     */
    function join(value) {
        if (typeof value === 'string') {
            return value;
        }
        return Array.isArray(value)
            ? value.filter(item => typeof item === 'string').join('')
            : '';
    }
    function summary(outputs, options) {
        const text = [];
        const images = [];
        let error = null;
        let counted = 0;
        // Stderr runs are joined first: one warning may come in two messages.
        let stderr = '';
        const endStderr = () => {
            const kept = options.warnings ? withoutInstalledWarnings(stderr) : stderr;
            if (kept !== '') {
                text.push(kept);
                counted++;
            }
            stderr = '';
        };
        for (const output of outputs) {
            if (!(0, json_1.isJSONObject)(output)) {
                continue;
            }
            if (output.output_type === 'stream' && output.name === 'stderr') {
                stderr += join(output.text);
                continue;
            }
            endStderr();
            counted++;
            switch (output.output_type) {
                case 'stream':
                    text.push(join(output.text));
                    break;
                case 'execute_result':
                case 'display_data': {
                    const data = (0, json_1.isJSONObject)(output.data) ? output.data : {};
                    for (const type of TEXT_TYPES) {
                        if (type in data) {
                            text.push(`${type}:${join(data[type])}\n`);
                        }
                    }
                    for (const type of Object.keys(data).sort()) {
                        if (type.startsWith('image/')) {
                            images.push(`${type}:${join(data[type])}`);
                        }
                    }
                    break;
                }
                case 'error':
                    error = `${join(output.ename)}: ${join(output.evalue)}`;
                    break;
            }
        }
        endStderr();
        return {
            text: text.join(''),
            images: images.join('\n'),
            error,
            outputs: counted
        };
    }
    Private.summary = summary;
    /**
     * Whether a warning's file is installed code: a package, Python's own
     * library, or a frozen module.
     */
    function isInstalledFile(file) {
        return (/[/\\](?:site|dist)-packages[/\\]/.test(file) ||
            /[/\\]lib[/\\]python\d+(?:\.\d+)?t?[/\\]/i.test(file) ||
            /^<frozen [\w.]+>$/.test(file));
    }
    Private.isInstalledFile = isInstalledFile;
    /**
     * A text split into the parts between numbers, and the numbers.
     */
    function numbers(text) {
        const words = [];
        const values = [];
        let last = 0;
        for (const match of text.matchAll(/[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?/g)) {
            words.push(text.slice(last, match.index));
            values.push(Number(match[0]));
            last = match.index + match[0].length;
        }
        words.push(text.slice(last));
        return { words, values };
    }
    Private.numbers = numbers;
    function close(a, b, tolerance) {
        if (a === b) {
            return true;
        }
        return Math.abs(a - b) <= tolerance * Math.max(Math.abs(a), Math.abs(b));
    }
    Private.close = close;
})(Private || (Private = {}));
