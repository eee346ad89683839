"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.ID_LENGTH = exports.ID_ALPHABET = void 0;
exports.generateId = generateId;
exports.isNbprojectId = isNbprojectId;
exports.formatTimestamp = formatTimestamp;
exports.parseTimestamp = parseTimestamp;
/**
 * nbproject's id alphabet: digits, then upper case, then lower case letters
 * (Python's `string.digits + string.ascii_letters.swapcase()`).
 */
exports.ID_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/**
 * Length of an nbproject id.
 */
exports.ID_LENGTH = 12;
/**
 * Generate a 12-character base62 nbproject id.
 *
 * Each character is drawn uniformly: bytes of 248 or more are rejected
 * because 248 = 4 * 62 is the largest multiple of 62 below 256, so
 * `byte % 62` has no modulo bias on the bytes that are kept.
 *
 * @param random - source of random bytes; defaults to WebCrypto.
 */
function generateId(random = Private.webCrypto) {
    let id = '';
    const buffer = new Uint8Array(32);
    while (id.length < exports.ID_LENGTH) {
        random(buffer);
        for (const byte of buffer) {
            if (byte < Private.LIMIT && id.length < exports.ID_LENGTH) {
                id += exports.ID_ALPHABET[byte % exports.ID_ALPHABET.length];
            }
        }
    }
    return id;
}
/**
 * Whether a string has the shape of an id nbproject generates.
 */
function isNbprojectId(value) {
    return Private.ID_PATTERN.test(value);
}
/**
 * Format a moment as Python's `datetime.now(timezone.utc).isoformat()` does:
 * `2022-07-18T12:32:21.625107+00:00`, microseconds omitted when zero.
 *
 * JavaScript clocks have millisecond resolution, so the last three of the
 * six fractional digits are always zero.
 */
function formatTimestamp(date) {
    const iso = date.toISOString(); // 2022-07-18T12:32:21.625Z
    const base = iso.slice(0, 19);
    const millis = date.getUTCMilliseconds();
    const fraction = millis === 0 ? '' : `.${String(millis * 1000).padStart(6, '0')}`;
    return `${base}${fraction}+00:00`;
}
/**
 * Parse an ISO 8601 timestamp as nbproject writes it (or any offset form
 * `Date` understands). Fractions beyond milliseconds are ignored.
 *
 * @returns the moment, or `null` when the text is not a timestamp.
 */
function parseTimestamp(value) {
    const match = Private.TIMESTAMP.exec(value);
    if (!match) {
        return null;
    }
    const [, head, fraction = '', zone = ''] = match;
    const millis = fraction ? `.${(fraction + '000').slice(0, 3)}` : '';
    // Python's isoformat without an offset means local time; nbproject always
    // writes an offset, so treat a missing one as UTC for a stable display.
    const date = new Date(`${head}${millis}${zone || 'Z'}`);
    return isNaN(date.getTime()) ? null : date;
}
/**
 * Module internals.
 */
var Private;
(function (Private) {
    /**
     * Bytes at or above this value are rejected (4 * 62).
     */
    Private.LIMIT = 248;
    Private.ID_PATTERN = /^[0-9A-Za-z]{12}$/;
    Private.TIMESTAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?)(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})?$/;
    /**
     * WebCrypto, present in browsers and in Node 18+ as `globalThis.crypto`.
     */
    function webCrypto(buffer) {
        return globalThis.crypto.getRandomValues(buffer);
    }
    Private.webCrypto = webCrypto;
})(Private || (Private = {}));
