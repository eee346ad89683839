"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.PEP723_TYPE = void 0;
exports.findMetadataBlocks = findMetadataBlocks;
exports.isPep723Cell = isPep723Cell;
const cells_1 = require("../notebook/cells");
/**
 * The TYPE of the PEP 723 blocks that declare a script's environment.
 */
exports.PEP723_TYPE = 'script';
/**
 * The opening line of a metadata block.
 */
const OPENING = /^# \/\/\/ ([a-zA-Z0-9-]+)$/;
/**
 * Find every metadata block in a source, in order, exactly as PEP 723's
 * reference regular expression does with Python's `re.finditer`:
 *
 * ```
 * (?m)^# /// (?P<type>[a-zA-Z0-9-]+)$\s(?P<content>(^#(| .*)$\s)+)^# ///$
 * ```
 *
 * A block runs from `# /// TYPE` to the last `# ///` line before the first
 * line that is not a comment (`#` alone or `# …`); a block never closed is
 * not a block. Implemented as a scan over lines rather than that regular
 * expression, so a stranger's thousand comment lines cost a thousand steps
 * and not a million.
 */
function findMetadataBlocks(source) {
    const lines = source.split('\n');
    const count = lines.length;
    // A content line must be followed by a newline, so the last line never is.
    const content = lines.map((line, i) => i < count - 1 && (line === '#' || line.startsWith('# ')));
    // lastEnd[i]: the last "# ///" line in the run of content lines from i.
    const lastEnd = new Array(count + 1).fill(-1);
    for (let i = count - 1; i >= 0; i--) {
        if (content[i] || lines[i] === '# ///') {
            const later = content[i] ? lastEnd[i + 1] : -1;
            lastEnd[i] = later >= 0 ? later : lines[i] === '# ///' ? i : -1;
        }
    }
    const offsets = [];
    let offset = 0;
    for (const line of lines) {
        offsets.push(offset);
        offset += line.length + 1;
    }
    const blocks = [];
    for (let i = 0; i < count - 2; i++) {
        const open = OPENING.exec(lines[i]);
        // At least one content line, then the closing line in the same run.
        const close = open && content[i + 1] ? lastEnd[i + 2] : -1;
        if (!open || close < 0) {
            continue;
        }
        blocks.push({
            type: open[1],
            start: offsets[i],
            end: offsets[close] + lines[close].length,
            line: i,
            content: lines
                .slice(i + 1, close)
                .map(line => `${line.slice(line.startsWith('# ') ? 2 : 1)}\n`)
                .join('')
        });
        i = close;
    }
    return blocks;
}
/**
 * Whether a cell is a PEP 723 cell: a code cell holding a `script` block
 * and nothing else but blank lines. Such a cell declares the environment
 * and runs nothing, so it is exempt from the consecutiveness rule and from
 * import inference.
 */
function isPep723Cell(cell) {
    if (cell.cell_type !== 'code') {
        return false;
    }
    const source = (0, cells_1.joinSource)(cell.source);
    // Blank text and then the block's opening line: the first character that
    // is not blank is its `#` (most cells are answered by their first).
    // No index past the end is read (NaN there would deoptimize the caller).
    let first = 0;
    let c = -1;
    while (first < source.length) {
        c = source.charCodeAt(first);
        if (!(c === 32 || (c >= 9 && c <= 13))) {
            break;
        }
        first++;
    }
    if (first === source.length) {
        return false;
    }
    if (c !== 35 && !(c >= 128 && /^\s*#/.test(source))) {
        return false;
    }
    if (!source.includes(`# /// ${exports.PEP723_TYPE}`, first)) {
        return false;
    }
    const blocks = findMetadataBlocks(source).filter(block => block.type === exports.PEP723_TYPE);
    // Only blank text between and around the blocks; each gap is read once
    // (cutting the blocks out one by one copies the source for each).
    let from = 0;
    for (const block of blocks) {
        if (source.slice(from, block.start).trim() !== '') {
            return false;
        }
        from = block.end;
    }
    return blocks.length > 0 && source.slice(from).trim() === '';
}
