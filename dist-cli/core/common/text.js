"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.cut = cut;
exports.indexOrEnd = indexOrEnd;
exports.compareText = compareText;
exports.quote = quote;
exports.valueShape = valueShape;
exports.formatBytes = formatBytes;
/**
 * Cut a stranger's text (a path, a name, a value read from a notebook) to
 * a length a message can show: the text itself when it has at most `max`
 * characters, else its beginning and `…`, `max` characters in all. A
 * character outside the Basic Multilingual Plane (an emoji) is kept whole
 * or left out, never split in two.
 *
 * @param text - the text.
 * @param max - the longest result, in characters (UTF-16 code units); at
 *   least 1.
 */
function cut(text, max) {
    if (text.length <= max) {
        return text;
    }
    const keep = Math.max(0, max - 1);
    const end = keep > 0 && /[\uD800-\uDBFF]/.test(text[keep - 1]) ? keep - 1 : keep;
    return `${text.slice(0, end)}…`;
}
/**
 * The position of `search` in `text` from `from`, or the text's length.
 */
function indexOrEnd(text, search, from) {
    const found = text.indexOf(search, from);
    return found < 0 ? text.length : found;
}
/**
 * Order two strings by their UTF-16 code units, as `sort()` does without a
 * comparator: the same order in every locale, so that what is written
 * (sorted package lists, manifests) does not depend on the user's language.
 *
 * @returns a negative number, zero or a positive number.
 */
function compareText(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
/**
 * A stranger's text, cut (see {@link cut}) and quoted as JSON, so that
 * quotes, line breaks and control characters in it show as escapes; when
 * cut, the quote says how long the text was (`"abc… (120 characters)"`).
 *
 * @param text - the text.
 * @param max - how many characters to keep.
 */
function quote(text, max) {
    const shown = cut(text, max);
    return JSON.stringify(shown === text ? text : `${shown} (${text.length} characters)`);
}
/**
 * The shape of a stranger's JSON value, for a message (see
 * {@link ValueShape}). Long text is cut.
 *
 * @param value - any value.
 */
function valueShape(value) {
    if (value === null) {
        return { type: 'null' };
    }
    if (Array.isArray(value)) {
        return { type: 'list' };
    }
    switch (typeof value) {
        case 'string':
            return { type: 'text', text: quote(value, Private.EXCERPT) };
        case 'number':
        case 'boolean':
            return {
                type: typeof value,
                value: String(value)
            };
        case 'object':
            return { type: 'object' };
        default:
            return { type: 'other', name: typeof value };
    }
}
/**
 * A size for people: `512 bytes`, `1.5 KB`, `12.3 MB`, `2.0 GB`.
 *
 * @param bytes - a whole number of bytes.
 */
function formatBytes(bytes) {
    if (bytes < 1000) {
        return bytes === 1 ? '1 byte' : `${bytes} bytes`;
    }
    const units = ['KB', 'MB', 'GB', 'TB'];
    let value = bytes / 1000;
    let unit = 0;
    while (value >= 1000 && unit < units.length - 1) {
        value /= 1000;
        unit++;
    }
    return `${value.toFixed(1)} ${units[unit]}`;
}
/**
 * Module internals.
 */
var Private;
(function (Private) {
    /**
     * Longest excerpt of a value {@link describeValue} quotes.
     */
    Private.EXCERPT = 40;
})(Private || (Private = {}));
