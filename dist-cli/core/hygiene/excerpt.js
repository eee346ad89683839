"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.maskedExcerpt = maskedExcerpt;
/**
 * How many characters of text a masked excerpt shows.
 */
const EXCERPT_LENGTH = 20;
/**
 * How many leading characters of a masked excerpt are shown as they are.
 */
const EXCERPT_CLEAR = 4;
/**
 * A short, masked excerpt of text that was not understood, so that a
 * message can say which line it means without echoing it: a file that was
 * meant to hold requirements may hold anything (tokens, a CI job's
 * environment). The first 20 characters, of which letters and digits
 * after the fourth become `*`; punctuation stays, so the shape (`git+`,
 * `./`, `://`) is still recognisable. Control characters become `?`.
 *
 * @param text - the text.
 * @returns e.g. `"git+*****://******.*…"` for a `git+https://github.com/…` line (JSON-quoted, with `…` when
 *   the text was longer).
 */
function maskedExcerpt(text) {
    const chars = [...text];
    const shown = chars
        .slice(0, EXCERPT_LENGTH)
        .map((char, i) => /[\u0000-\u001f\u007f-\u009f]/.test(char)
        ? '?'
        : i >= EXCERPT_CLEAR && /[\p{L}\p{N}]/u.test(char)
            ? '*'
            : char)
        .join('');
    return JSON.stringify(chars.length > EXCERPT_LENGTH ? `${shown}…` : shown);
}
