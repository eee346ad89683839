"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.nextVersion = nextVersion;
/**
 * Propose the version to publish after `current`.
 *
 * - nothing, `"0"` (nbproject's CLI) or `"draft"` (nbproject before 0.2)
 *   -> `"1"`;
 * - `"n"` -> `"n+1"`; `"x.y"` -> `"x.(y+1)"`: generally the last run of
 *   digits is incremented (`"1.2.9"` -> `"1.2.10"`, `"v2"` -> `"v3"`);
 * - any other text -> `"1"`.
 *
 * The user may always type another string; nbproject stores any.
 */
function nextVersion(current) {
    const value = (current ?? '').trim();
    if (value === '' || value === '0' || value === 'draft') {
        return '1';
    }
    const run = Private.lastDigits(value);
    if (run === null) {
        return '1';
    }
    const [start, end] = run;
    return `${value.slice(0, start)}${Private.increment(value.slice(start, end))}${value.slice(end)}`;
}
/**
 * Module internals.
 */
var Private;
(function (Private) {
    /**
     * Where the last run of digits is, as `/^(.*?)(\d+)(\D*)$/` finds it
     * (no line break before it), or `null`. A scan from the end: that
     * pattern tries every start of its lazy head, which is quadratic on a
     * long run of digits followed by a line break and a digit.
     */
    function lastDigits(value) {
        let end = value.length;
        while (end > 0 && !isDigit(value.charCodeAt(end - 1))) {
            end--;
        }
        let start = end;
        while (start > 0 && isDigit(value.charCodeAt(start - 1))) {
            start--;
        }
        // `.` in the head matches anything but a line break.
        return start < end && !/[\n\r\u2028\u2029]/.test(value.slice(0, start))
            ? [start, end]
            : null;
    }
    Private.lastDigits = lastDigits;
    /**
     * Whether a UTF-16 code unit is an ASCII digit (`\d`).
     */
    function isDigit(code) {
        return code >= 48 && code <= 57;
    }
    /**
     * Add one to a run of decimal digits of any length, without the rounding
     * of floating point numbers ("9007199254740993" stays exact).
     */
    function increment(digits) {
        const out = digits.split('');
        let i = out.length - 1;
        while (i >= 0 && out[i] === '9') {
            out[i] = '0';
            i--;
        }
        if (i < 0) {
            out.unshift('1');
        }
        else {
            out[i] = String(Number(out[i]) + 1);
        }
        // "007" -> "008" keeps the user's padding; strip nothing.
        return out.join('');
    }
    Private.increment = increment;
})(Private || (Private = {}));
