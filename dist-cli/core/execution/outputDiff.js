"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.DIFF_LIMITS = void 0;
exports.outputText = outputText;
exports.diffLines = diffLines;
const json_1 = require("../common/json");
/**
 * The limits of the side-by-side view.
 */
exports.DIFF_LIMITS = {
    maxLines: 2000,
    maxLineLength: 2000,
    maxEdits: 400
};
/**
 * The text of a cell's outputs as the comparator reads it: stream text
 * as printed, the `text/plain` of results and displays, their
 * `text/html` and `text/markdown` as source text under a `[type]` line,
 * errors as `Name: value`, and a `[image/png]` line for each image.
 * Never throws: outputs are read as untrusted JSON.
 *
 * @param outputs - a cell's outputs in the nbformat shape.
 * @param limits - the most lines and characters a line kept.
 */
function outputText(outputs, limits = exports.DIFF_LIMITS) {
    const parts = [];
    const images = [];
    for (const output of outputs) {
        if (!(0, json_1.isJSONObject)(output)) {
            continue;
        }
        switch (output.output_type) {
            case 'stream':
                parts.push(Private.text(output.text));
                break;
            case 'execute_result':
            case 'display_data': {
                const data = (0, json_1.isJSONObject)(output.data) ? output.data : {};
                if ('text/plain' in data) {
                    parts.push(Private.line(Private.text(data['text/plain'])));
                }
                for (const type of ['text/html', 'text/markdown']) {
                    if (type in data) {
                        parts.push(`[${type}]\n`, Private.line(Private.text(data[type])));
                    }
                }
                for (const mime of Object.keys(data).sort()) {
                    if (mime.startsWith('image/')) {
                        parts.push(`[${mime}]\n`);
                        images.push({ mime, data: Private.text(data[mime]) });
                    }
                }
                break;
            }
            case 'error':
                parts.push(`${Private.text(output.ename)}: ${Private.text(output.evalue)}\n`);
                break;
        }
    }
    return Private.lines(parts.join(''), images, limits);
}
/**
 * Diff two lists of lines, in rows for a side-by-side view: the common
 * start and end are matched first, then the middle with Myers' algorithm
 * up to `maxEdits` edits (time O((n + m) · edits)); a middle needing
 * more is shown as removed then added. Removed lines followed by added
 * ones are paired into `changed` rows.
 *
 * @param left - the stored lines.
 * @param right - the new lines.
 * @param key - what of a line is compared (the line itself by default),
 *   e.g. the line with memory addresses normalised.
 * @param maxEdits - the most edits looked for.
 */
function diffLines(left, right, key = line => line, maxEdits = exports.DIFF_LIMITS.maxEdits) {
    const a = left.map(key);
    const b = right.map(key);
    let start = 0;
    while (start < a.length && start < b.length && a[start] === b[start]) {
        start++;
    }
    let end = 0;
    while (end < a.length - start &&
        end < b.length - start &&
        a[a.length - 1 - end] === b[b.length - 1 - end]) {
        end++;
    }
    const ops = Private.myers(a.slice(start, a.length - end), b.slice(start, b.length - end), maxEdits);
    const coarse = ops === null;
    const middle = ops ?? [
        ...Array(a.length - end - start).fill('-'),
        ...Array(b.length - end - start).fill('+')
    ];
    const all = [
        ...Array(start).fill('='),
        ...middle,
        ...Array(end).fill('=')
    ];
    return { rows: Private.rows(all, left, right), coarse };
}
/**
 * Module internals.
 */
var Private;
(function (Private) {
    /**
     * A text field: a string or a list of strings (other values: empty).
     */
    function text(value) {
        if (Array.isArray(value)) {
            return value.filter(item => typeof item === 'string').join('');
        }
        return typeof value === 'string' ? value : '';
    }
    Private.text = text;
    /**
     * A text ending with a line break.
     */
    function line(value) {
        return value.endsWith('\n') ? value : `${value}\n`;
    }
    Private.line = line;
    /**
     * Split a text into lines within the limits.
     */
    function lines(all, images, limits) {
        const body = all.endsWith('\n') ? all.slice(0, -1) : all;
        const split = body === '' ? [] : body.split('\n');
        let cut = split.length > limits.maxLines;
        const kept = split.slice(0, limits.maxLines).map(text => {
            if (text.length <= limits.maxLineLength) {
                return text;
            }
            cut = true;
            return `${text.slice(0, limits.maxLineLength)}…`;
        });
        return { lines: kept, images, cut };
    }
    Private.lines = lines;
    /**
     * Myers' shortest edit script of two lists, or `null` when it needs
     * more than `max` edits.
     */
    function myers(a, b, max) {
        const n = a.length;
        const m = b.length;
        if (n === 0 || m === 0) {
            return [...Array(n).fill('-'), ...Array(m).fill('+')];
        }
        const limit = Math.min(max, n + m);
        const offset = limit + 1;
        // v[k + offset]: the furthest x on diagonal k; one copy per step, to
        // walk back (memory O(edits²)).
        let v = new Int32Array(2 * offset + 1);
        const trace = [];
        for (let d = 0; d <= limit; d++) {
            trace.push(v.slice());
            const next = v.slice();
            for (let k = -d; k <= d; k += 2) {
                let x = k === -d || (k !== d && v[k - 1 + offset] < v[k + 1 + offset])
                    ? v[k + 1 + offset]
                    : v[k - 1 + offset] + 1;
                let y = x - k;
                while (x < n && y < m && a[x] === b[y]) {
                    x++;
                    y++;
                }
                next[k + offset] = x;
                if (x >= n && y >= m) {
                    return walkBack(trace, n, m, offset);
                }
            }
            v = next;
        }
        return null;
    }
    Private.myers = myers;
    /**
     * The edits, from the furthest points of each step.
     */
    function walkBack(trace, n, m, offset) {
        const ops = [];
        let x = n;
        let y = m;
        for (let d = trace.length - 1; d > 0; d--) {
            const v = trace[d];
            const k = x - y;
            const down = k === -d || (k !== d && v[k - 1 + offset] < v[k + 1 + offset]);
            const prevK = down ? k + 1 : k - 1;
            const prevX = v[prevK + offset];
            const prevY = prevX - prevK;
            while (x > prevX && y > prevY) {
                ops.push('=');
                x--;
                y--;
            }
            ops.push(down ? '+' : '-');
            x = prevX;
            y = prevY;
        }
        while (x > 0 && y > 0) {
            ops.push('=');
            x--;
            y--;
        }
        return ops.reverse();
    }
    /**
     * Side-by-side rows from edits: a run of removed lines and the run of
     * added lines after it are paired, line by line.
     */
    function rows(ops, left, right) {
        const out = [];
        let i = 0;
        let j = 0;
        let at = 0;
        while (at < ops.length) {
            if (ops[at] === '=') {
                out.push({ kind: 'same', left: left[i++], right: right[j++] });
                at++;
                continue;
            }
            const removed = [];
            const added = [];
            while (at < ops.length && ops[at] !== '=') {
                if (ops[at] === '-') {
                    removed.push(left[i++]);
                }
                else {
                    added.push(right[j++]);
                }
                at++;
            }
            const both = Math.min(removed.length, added.length);
            for (let r = 0; r < Math.max(removed.length, added.length); r++) {
                out.push({
                    kind: r < both ? 'changed' : r < removed.length ? 'removed' : 'added',
                    left: r < removed.length ? removed[r] : null,
                    right: r < added.length ? added[r] : null
                });
            }
        }
        return out;
    }
    Private.rows = rows;
})(Private || (Private = {}));
