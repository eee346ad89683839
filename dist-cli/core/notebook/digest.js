"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.codeText = codeText;
exports.codeDigest = codeDigest;
exports.sha256Hex = sha256Hex;
const cells_1 = require("./cells");
/**
 * The text a code digest is computed over: the sources of the code cells,
 * in order, as a JSON list (so cell boundaries count and no separator can
 * be forged by a cell's content). Outputs, counts and metadata do not count.
 */
function codeText(cells) {
    return JSON.stringify(cells
        .filter(cell => cell.cell_type === 'code')
        .map(cell => (0, cells_1.joinSource)(cell.source)));
}
/**
 * SHA-256 (hex) of the notebook's code, with WebCrypto (browser and Node 18+).
 */
async function codeDigest(cells) {
    return sha256Hex(codeText(cells));
}
/**
 * SHA-256 (hex) of a text's UTF-8 bytes, with WebCrypto (browser and
 * Node 18+).
 *
 * @param text - what to hash.
 */
async function sha256Hex(text) {
    const bytes = new TextEncoder().encode(text);
    const hash = await globalThis.crypto.subtle.digest('SHA-256', bytes);
    return Array.from(new Uint8Array(hash), byte => byte.toString(16).padStart(2, '0')).join('');
}
