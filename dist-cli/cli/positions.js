"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.NO_POSITIONS = void 0;
exports.cellPositions = cellPositions;
exports.notebookPositions = notebookPositions;
exports.findingPositions = findingPositions;
exports.findingLine = findingLine;
exports.nameLines = nameLines;
exports.dependencyLines = dependencyLines;
const distributions_1 = require("../core/packages/distributions");
const paths_1 = require("../core/data/paths");
const metadataBlocks_1 = require("../core/packages/metadataBlocks");
const text_1 = require("../core/common/text");
/**
 * The positions of a notebook whose findings point at no line but the
 * first.
 */
exports.NO_POSITIONS = {
    cells: [],
    metadata: null,
    declared: {},
    packages: new Map(),
    manifest: null,
    dataFiles: new Map()
};
/**
 * Find the cells of an `.ipynb` file in its text, in one pass over the
 * characters (linear in the file; nothing is parsed twice). Never throws:
 * a text that is not the JSON the file was read as simply yields fewer
 * positions, and a finding without one points at line 1.
 *
 * @param text - the file's text, as read.
 * @returns one entry per cell of the top-level `cells` list, in order.
 */
function cellPositions(text) {
    return notebookPositions(text).cells;
}
/**
 * Find the cells and the metadata of an `.ipynb` file in its text, in one
 * pass over the characters (linear in the file; nothing is parsed twice).
 * Never throws: a text that is not the JSON the file was read as simply
 * yields fewer positions, and a finding without one points at line 1.
 *
 * @param text - the file's text, as read.
 * @param outputsOf - the cells whose outputs' lines are wanted (their
 *   strings are then read for line breaks; other outputs are skipped as
 *   any string is).
 */
function notebookPositions(text, outputsOf = Private.NONE) {
    // Numbers only while reading: the line of each cell, the lines of all
    // sources in one list, and where each cell's lines begin in it (and the
    // same for the outputs asked for). The cells' objects are made here,
    // after the read: its loop stores small integers in lists of small
    // integers only, whose kind never changes under V8's optimized code,
    // and nothing follows the loop there that optimized code entered in
    // the loop would meet first.
    const lists = {
        cellLines: [],
        countLines: [],
        sourceLines: [],
        sourceStarts: [],
        outputCells: [],
        outputStarts: [],
        outputLines: [],
        metadata: [0, 0, 0, 0, 0, 0, 0],
        packageKeys: [],
        dataPaths: []
    };
    Private.read(text, lists, outputsOf);
    const { cellLines, countLines, sourceLines, sourceStarts } = lists;
    const { outputCells, outputStarts, outputLines, metadata } = lists;
    const cells = cellLines.map((line, n) => {
        const cell = {
            line,
            source: sourceLines.slice(sourceStarts[n], n + 1 < sourceStarts.length ? sourceStarts[n + 1] : sourceLines.length)
        };
        if (countLines[n] > 0) {
            cell.count = countLines[n];
        }
        if (outputsOf.has(n)) {
            cell.outputs = [];
        }
        return cell;
    });
    outputCells.forEach((n, k) => {
        cells[n].outputs?.push(outputLines.slice(outputStarts[k], k + 1 < outputStarts.length ? outputStarts[k + 1] : outputLines.length));
    });
    const declared = {};
    Private.METADATA_SOURCES.forEach((source, n) => {
        if (metadata[n + 2] > 0) {
            declared[source] = metadata[n + 2];
        }
    });
    // A key written twice is read as its last (JSON.parse); a path listed
    // twice in the manifest, as its first.
    const { packageKeys, dataPaths } = lists;
    const packages = new Map();
    for (let k = 0; k < packageKeys.length; k += 3) {
        const name = Private.decoded(text, packageKeys[k], packageKeys[k + 1]);
        packages.set((0, distributions_1.normalizeDistribution)(name), packageKeys[k + 2]);
    }
    const dataFiles = new Map();
    for (let k = 0; k < dataPaths.length; k += 3) {
        const path = (0, paths_1.normalizeDataPath)(Private.decoded(text, dataPaths[k], dataPaths[k + 1]));
        if (!dataFiles.has(path)) {
            dataFiles.set(path, dataPaths[k + 2]);
        }
    }
    return {
        cells,
        metadata: metadata[1] || metadata[0] || null,
        declared,
        packages,
        manifest: metadata[6] || metadata[5] || null,
        dataFiles
    };
}
/**
 * The positions the findings of a notebook point at: those of the cells
 * (with the outputs a finding is in) and the metadata, or
 * {@link NO_POSITIONS} when every finding is on line 1.
 *
 * @param text - the notebook's file text.
 * @param findings - its findings, per check; `null` for a check that has
 *   not run yet (it may find something anywhere).
 */
function findingPositions(text, findings) {
    let needed = false;
    const outputsOf = new Set();
    for (const found of findings) {
        needed || (needed = found === null);
        for (const finding of found ?? []) {
            needed || (needed = finding.cell !== null || Private.notebookLine(null, finding) !== null);
            const output = Private.outputOf(finding);
            if (output !== null && finding.cell !== null) {
                outputsOf.add(finding.cell);
            }
        }
    }
    return needed ? notebookPositions(text, outputsOf) : exports.NO_POSITIONS;
}
/**
 * The file line of a finding: its source line when known; a cell's
 * finding about how it ran, the cell's `"execution_count"` line; a
 * finding in an output, the output's line that holds it (else its first
 * text line); another cell's finding, the cell's line; a finding of the
 * metadata, the `"nbproject"` (else `"metadata"`) key's line; a finding
 * of dependencies declared in the metadata, its key's line; a stored
 * version that is not the one installed, the package's key in
 * `pypackage`; a recorded data file, its entry's `"path"` in the data
 * manifest; a data file read but not recorded, the manifest's `"files"`
 * key (else the metadata's line); else 1.
 *
 * @param positions - from {@link notebookPositions}.
 * @param finding - the finding.
 */
function findingLine(positions, finding) {
    if (finding.cell === null) {
        return Private.notebookLine(positions, finding) ?? 1;
    }
    const found = positions.cells[finding.cell];
    if (found === undefined) {
        return 1;
    }
    if (finding.line !== null) {
        return found.source[finding.line - 1] ?? found.line;
    }
    if (finding.issue.code === 'consecutive.cell') {
        return found.count ?? found.line;
    }
    const output = Private.outputOf(finding);
    if (output !== null) {
        const lines = found.outputs?.[output.output];
        return ((output.line === null ? undefined : lines?.[output.line - 1]) ??
            lines?.[0] ??
            found.line);
    }
    return found.line;
}
/**
 * The line, from 1, of a cell's source where it first reads each name its
 * hidden-state issues name, as the analysis found it: one pass over the
 * line ends of its code (which has the source's lines) up to the last of
 * those reads.
 *
 * @param reading - what the analysis read in the cell (`undefined`: no
 *   line).
 * @param issues - its hidden-state issues.
 */
function nameLines(reading, issues) {
    const lines = new Map();
    if (reading === undefined) {
        return lines;
    }
    const wanted = new Set();
    for (const issue of issues) {
        if ('name' in issue.params) {
            wanted.add(issue.params.name);
        }
    }
    const reads = reading.names.reads.filter(read => wanted.has(read.name));
    reads.sort((a, b) => a.at - b.at);
    const { code } = reading;
    let line = 1;
    let next = code.indexOf('\n');
    for (const { name, at } of reads) {
        while (next >= 0 && next < at) {
            line++;
            next = code.indexOf('\n', next + 1);
        }
        lines.set(name, line);
    }
    return lines;
}
/**
 * The line, from 1, of a cell's source where the `dependencies` list of
 * its PEP 723 block (the first `script` block, found as core finds it)
 * names each of `keys` (PEP 503 names): the line of the requirement's
 * string. One pass over the block's lines up to the list's end, stopping
 * once every name has its line.
 *
 * @param source - the cell's source, joined.
 * @param keys - the normalised names wanted.
 * @returns the line of each name found, by normalised name.
 */
function dependencyLines(source, keys) {
    const lines = new Map();
    // The block core reads (PEP 723's own pattern), its content a line of
    // the source each: from the line after its opening.
    const block = (0, metadataBlocks_1.findMetadataBlocks)(source).find(one => one.type === 'script');
    if (block === undefined) {
        return lines;
    }
    const content = block.content.split('\n');
    // Looking for the list's key (top level: before any table), then in
    // the list.
    let inList = false;
    for (let i = 0; i < content.length && lines.size < keys.size; i++) {
        const text = content[i];
        let from = 0;
        if (!inList) {
            const key = Private.DEPENDENCIES.exec(text);
            if (key === null) {
                if (Private.TABLE.test(text)) {
                    break;
                }
                continue;
            }
            inList = true;
            from = key[0].length;
        }
        if (Private.readRequirements(text, from, keys, block.line + 2 + i, lines)) {
            break;
        }
    }
    return lines;
}
/**
 * Module internals.
 */
var Private;
(function (Private) {
    /**
     * The metadata keys that declare dependencies, in the order of their
     * lines in {@link ILists.metadata} (after `metadata` and `nbproject`).
     */
    Private.METADATA_SOURCES = [
        'uv.lock',
        'requirements',
        'requirements_lock'
    ];
    /**
     * The opening of a PEP 723 block's top-level `dependencies` list, in a
     * line of its content.
     */
    Private.DEPENDENCIES = /^\s*(?:dependencies|"dependencies"|'dependencies')\s*=\s*\[/;
    /**
     * A TOML table's header (`[tool.uv]`, `[[x]]`).
     */
    Private.TABLE = /^\s*\[/;
    /**
     * The distribution name a requirement string starts with.
     */
    const REQUIREMENT_NAME = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/;
    /**
     * Read the strings of a TOML list in one line of content, from `from`:
     * note the line of each whose requirement names one of `keys` first.
     *
     * @returns whether the list ends on the line.
     */
    function readRequirements(content, from, keys, line, lines) {
        for (let i = from; i < content.length; i++) {
            const char = content.charCodeAt(i);
            if (char === Private.CLOSE_BRACKET) {
                return true;
            }
            if (char === Private.HASH) {
                return false;
            }
            if (char === Private.QUOTE || char === Private.APOSTROPHE) {
                let end = i + 1;
                while (end < content.length && content.charCodeAt(end) !== char) {
                    end +=
                        char === Private.QUOTE && content.charCodeAt(end) === Private.BACKSLASH ? 2 : 1;
                }
                const name = REQUIREMENT_NAME.exec(content.slice(i + 1, end));
                const key = name === null ? null : (0, distributions_1.normalizeDistribution)(name[1]);
                if (key !== null && keys.has(key) && !lines.has(key)) {
                    lines.set(key, line);
                }
                i = end;
            }
        }
        return false;
    }
    Private.readRequirements = readRequirements;
    /**
     * No cell.
     */
    Private.NONE = new Set();
    /**
     * The file line of a finding about the notebook as a whole that points
     * into its metadata (see {@link findingLine}), or `null`; with no
     * positions, whether it points there: `0` when it does.
     */
    function notebookLine(positions, finding) {
        const { issue } = finding;
        const at = (line) => positions === null ? 0 : (line ?? null);
        const metadata = positions?.metadata;
        switch (issue.code) {
            case 'metadata.missing':
            case 'metadata.problem':
                return at(metadata);
            case 'declared.disagrees':
                return issue.params.source === 'pep723'
                    ? null
                    : at(positions?.declared[issue.params.source]);
            case 'match.mismatch':
            case 'match.missing':
                return at(positions?.packages.get((0, distributions_1.normalizeDistribution)(issue.params.name)) ??
                    metadata);
            case 'data.changed':
            case 'data.missing':
                return at(positions?.dataFiles.get(issue.params.path) ??
                    positions?.manifest ??
                    metadata);
            case 'data.new':
                return at(positions?.manifest ?? metadata);
            default:
                return null;
        }
    }
    Private.notebookLine = notebookLine;
    /**
     * The text of the JSON string between `start` and `end` (its quotes
     * excluded): its escapes read when it has any and they are JSON's, else
     * as written.
     */
    function decoded(text, start, end) {
        const raw = text.slice(start, end);
        if (!raw.includes('\\')) {
            return raw;
        }
        try {
            const value = JSON.parse(`"${raw}"`);
            return typeof value === 'string' ? value : raw;
        }
        catch {
            return raw;
        }
    }
    Private.decoded = decoded;
    /**
     * The output a finding is in (its position in the cell's outputs, and
     * the line in the output's text, from 1): a credential found in an
     * output, or the first line of one too long to scan; else `null`.
     */
    function outputOf(finding) {
        const { issue } = finding;
        if (issue.code === 'secrets.found' && issue.params.output !== null) {
            return { output: issue.params.output, line: issue.params.outputLine };
        }
        if (issue.code === 'secrets.unscanned') {
            const { output, outputLine } = issue.params;
            return output === undefined || output === null
                ? null
                : { output, line: outputLine ?? null };
        }
        return null;
    }
    Private.outputOf = outputOf;
    /**
     * Read the text for {@link notebookPositions} into `lists`.
     */
    function read(text, lists, outputsOf) {
        const { cellLines, countLines, sourceLines, sourceStarts, outputCells, outputStarts, outputLines, metadata, packageKeys, dataPaths } = lists;
        const anyOutputs = outputsOf.size > 0;
        // How deep the open objects and lists are, and the keys those that
        // matter sit under: the root's (`cells`, `metadata`), a cell's
        // (`source`, `outputs`), an output's (`text`, `data`, `traceback`) and
        // its data's (`text/plain`); in the notebook metadata, the key of the
        // object at depth 2 (`nbproject`, `jupyterlab_nbproject`), the one
        // at depth 3 (`cellKey`: `pypackage`, `data`) and the one at depth 4
        // (`files`). Other keys are `OTHER`, never copied out of the text.
        let depth = 0;
        let listKey = 0 /* Private.Key.None */;
        let metadataKey = 0 /* Private.Key.None */;
        let filesKey = 0 /* Private.Key.None */;
        let cellKey = 0 /* Private.Key.None */;
        let outputKey = 0 /* Private.Key.None */;
        let dataKey = 0 /* Private.Key.None */;
        let line = 1;
        let key = 0 /* Private.Key.None */;
        let pendingKey = 0 /* Private.Key.None */;
        // Whether the current cell's outputs are read, and whether the next
        // string of an output's text list starts a line.
        let outputs = false;
        let lineStart = true;
        const length = text.length;
        // The next backslash and line break found by a search, kept while
        // ahead of the string read: a search is not repeated for each string
        // it passed over.
        let backslash = -1;
        let newline = -1;
        // Character codes, not one-character strings: most of a notebook is
        // outputs, read once here.
        for (let i = 0; i < length; i++) {
            const char = text.charCodeAt(i);
            if (char === Private.SPACE) {
                continue;
            }
            if (char === Private.NEWLINE) {
                line++;
            }
            else if (char === Private.QUOTE) {
                // A string: a key when followed by `:`, else a value.
                const start = line;
                // Its end: the next quote no backslash escapes (most of a notebook
                // is the text of outputs, searched, not read a character at a time).
                let end = (0, text_1.indexOrEnd)(text, '"', i + 1);
                while (end < length && Private.escaped(text, end)) {
                    end = (0, text_1.indexOrEnd)(text, '"', end + 1);
                }
                // A raw line break in it, which JSON does not allow, is a line too.
                if (newline <= i) {
                    newline = (0, text_1.indexOrEnd)(text, '\n', i + 1);
                }
                while (newline < end) {
                    line += Private.escaped(text, newline) ? 0 : 1;
                    newline = (0, text_1.indexOrEnd)(text, '\n', newline + 1);
                }
                let next = end + 1;
                while (next < length && Private.isSpace(text.charCodeAt(next))) {
                    next++;
                }
                if (text.charCodeAt(next) === Private.COLON) {
                    pendingKey = Private.keyAt(text, i + 1, end);
                    if (depth === 3 && listKey === 1 /* Private.Key.Cells */) {
                        if (pendingKey === 3 /* Private.Key.ExecutionCount */ &&
                            countLines.length > 0) {
                            countLines[countLines.length - 1] = start;
                        }
                    }
                    else if (depth === 1 && pendingKey === 5 /* Private.Key.Metadata */) {
                        metadata[0] = start;
                    }
                    else if (depth === 2 && listKey === 5 /* Private.Key.Metadata */) {
                        const slot = Private.metadataSlot(pendingKey);
                        if (slot > 0) {
                            metadata[slot] = start;
                        }
                    }
                    else if (depth === 4 && listKey === 5 /* Private.Key.Metadata */) {
                        if (metadataKey === 6 /* Private.Key.Nbproject */ &&
                            cellKey === 14 /* Private.Key.Pypackage */) {
                            packageKeys.push(i + 1, end, start);
                        }
                        else if (metadataKey === 15 /* Private.Key.JupyterlabNbproject */ &&
                            cellKey === 8 /* Private.Key.Data */ &&
                            pendingKey === 16 /* Private.Key.Files */) {
                            metadata[6] = start;
                        }
                    }
                }
                else {
                    pendingKey = 0 /* Private.Key.None */;
                    if (depth === 6 &&
                        key === 17 /* Private.Key.Path */ &&
                        listKey === 5 /* Private.Key.Metadata */ &&
                        metadataKey === 15 /* Private.Key.JupyterlabNbproject */ &&
                        cellKey === 8 /* Private.Key.Data */ &&
                        filesKey === 16 /* Private.Key.Files */) {
                        dataPaths.push(i + 1, end, start);
                    }
                    const inList = depth === 4 &&
                        listKey === 1 /* Private.Key.Cells */ &&
                        cellKey === 2 /* Private.Key.Source */;
                    if (inList || (depth === 3 && key === 2 /* Private.Key.Source */)) {
                        // One string per line in a list; one string for all otherwise,
                        // its lines counted by its escaped line breaks.
                        let count = 1;
                        for (let at = i + 1; !inList && at < end; at = backslash + 2) {
                            if (backslash < at) {
                                backslash = (0, text_1.indexOrEnd)(text, '\\', at);
                            }
                            if (backslash >= end) {
                                break;
                            }
                            count +=
                                text.charCodeAt(backslash + 1) === Private.LETTER_N ? 1 : 0;
                        }
                        for (let n = 0; cellLines.length > 0 && n < count; n++) {
                            sourceLines.push(start);
                        }
                    }
                    else if (outputs &&
                        depth > 4 &&
                        listKey === 1 /* Private.Key.Cells */ &&
                        cellKey === 4 /* Private.Key.Outputs */) {
                        // An output's text: a list of strings joined as they are (a
                        // line starts after each escaped line break), a traceback's
                        // joined by line breaks, or one string (all its lines on one
                        // line of the file).
                        const joined = (depth === 6 && outputKey === 7 /* Private.Key.Text */) ||
                            (depth === 7 &&
                                outputKey === 8 /* Private.Key.Data */ &&
                                dataKey === 9 /* Private.Key.TextPlain */);
                        const traceback = depth === 6 && outputKey === 10 /* Private.Key.Traceback */;
                        if (joined || traceback) {
                            if (lineStart || traceback) {
                                outputLines.push(start);
                            }
                            backslash = Private.pushLineBreaks(text, i + 1, end, backslash, outputLines, start, joined);
                            lineStart = Private.endsLine(text, i + 1, end);
                        }
                        else if ((depth === 5 && key === 7 /* Private.Key.Text */) ||
                            (depth === 6 &&
                                outputKey === 8 /* Private.Key.Data */ &&
                                key === 9 /* Private.Key.TextPlain */)) {
                            outputLines.push(start);
                        }
                    }
                }
                i = end;
            }
            else if (char === Private.OPEN_BRACE || char === Private.OPEN_BRACKET) {
                if (char === Private.OPEN_BRACE && listKey === 1 /* Private.Key.Cells */) {
                    if (depth === 2) {
                        outputs = anyOutputs && outputsOf.has(cellLines.length);
                        cellLines.push(line);
                        countLines.push(0);
                        sourceStarts.push(sourceLines.length);
                    }
                    else if (depth === 4 &&
                        outputs &&
                        cellKey === 4 /* Private.Key.Outputs */) {
                        outputCells.push(cellLines.length - 1);
                        outputStarts.push(outputLines.length);
                    }
                }
                if (depth === 1) {
                    listKey = key;
                }
                else if (depth === 2) {
                    metadataKey = key;
                }
                else if (depth === 3) {
                    cellKey = key;
                }
                else if (depth === 4) {
                    filesKey = key;
                }
                else if (depth === 5) {
                    outputKey = key;
                    lineStart = true;
                }
                else if (depth === 6) {
                    dataKey = key;
                    lineStart = true;
                }
                depth++;
                key = 0 /* Private.Key.None */;
                pendingKey = 0 /* Private.Key.None */;
            }
            else if (char === Private.CLOSE_BRACE ||
                char === Private.CLOSE_BRACKET) {
                depth = depth > 0 ? depth - 1 : 0;
                key = 0 /* Private.Key.None */;
            }
            else if (char === Private.COLON) {
                key = pendingKey;
                pendingKey = 0 /* Private.Key.None */;
            }
            else if (char === Private.COMMA) {
                key = 0 /* Private.Key.None */;
            }
        }
    }
    Private.read = read;
    /**
     * Push `line` to `lines` once per line that an escaped line break
     * (`\n`) of the string between `from` and `end` starts in its list's
     * text: every one when the list's strings are joined by line breaks
     * (a traceback), all but one that ends the string when they are joined
     * as they are (`joined`: the next string starts that line).
     *
     * @param backslash - the search kept by {@link read}: the next
     *   backslash at or after `from` when at least `from`.
     * @returns the search to keep.
     */
    function pushLineBreaks(text, from, end, backslash, lines, line, joined) {
        for (let at = from; at < end; at = backslash + 2) {
            if (backslash < at) {
                backslash = (0, text_1.indexOrEnd)(text, '\\', at);
            }
            if (backslash >= end) {
                break;
            }
            if (text.charCodeAt(backslash + 1) === Private.LETTER_N &&
                !(joined && backslash + 2 === end)) {
                lines.push(line);
            }
        }
        return backslash;
    }
    Private.pushLineBreaks = pushLineBreaks;
    /**
     * Whether the string between `from` and `end` ends with an escaped line
     * break.
     */
    function endsLine(text, from, end) {
        return (end - from >= 2 &&
            text.charCodeAt(end - 1) === Private.LETTER_N &&
            escaped(text, end - 1));
    }
    Private.endsLine = endsLine;
    /**
     * Where {@link ILists.metadata} keeps the line of a key of the notebook
     * metadata, or 0 for a key it does not keep.
     */
    function metadataSlot(key) {
        switch (key) {
            case 6 /* Key.Nbproject */:
                return 1;
            case 11 /* Key.UvLock */:
                return 2;
            case 12 /* Key.Requirements */:
                return 3;
            case 13 /* Key.RequirementsLock */:
                return 4;
            case 15 /* Key.JupyterlabNbproject */:
                return 5;
            default:
                return 0;
        }
    }
    Private.metadataSlot = metadataSlot;
    /**
     * The key of the two, of one length, spelled at `start`, else `Other`.
     */
    function either(text, start, a, keyA, b, keyB) {
        return spells(text, start, a)
            ? keyA
            : spells(text, start, b)
                ? keyB
                : 18 /* Key.Other */;
    }
    /**
     * The key spelled between `start` and `end` (a key with escapes is
     * spelled otherwise, so it is none of those positions read).
     */
    function keyAt(text, start, end) {
        switch (end - start) {
            case 4:
                return spells(text, start, 'path')
                    ? 17 /* Key.Path */
                    : either(text, start, 'text', 7 /* Key.Text */, 'data', 8 /* Key.Data */);
            case 5:
                return either(text, start, 'cells', 1 /* Key.Cells */, 'files', 16 /* Key.Files */);
            case 6:
                return spells(text, start, 'source') ? 2 /* Key.Source */ : 18 /* Key.Other */;
            case 7:
                return either(text, start, 'outputs', 4 /* Key.Outputs */, 'uv.lock', 11 /* Key.UvLock */);
            case 8:
                return spells(text, start, 'metadata') ? 5 /* Key.Metadata */ : 18 /* Key.Other */;
            case 9:
                return spells(text, start, 'pypackage')
                    ? 14 /* Key.Pypackage */
                    : either(text, start, 'nbproject', 6 /* Key.Nbproject */, 'traceback', 10 /* Key.Traceback */);
            case 10:
                return spells(text, start, 'text/plain') ? 9 /* Key.TextPlain */ : 18 /* Key.Other */;
            case 12:
                return spells(text, start, 'requirements')
                    ? 12 /* Key.Requirements */
                    : 18 /* Key.Other */;
            case 15:
                return spells(text, start, 'execution_count')
                    ? 3 /* Key.ExecutionCount */
                    : 18 /* Key.Other */;
            case 17:
                return spells(text, start, 'requirements_lock')
                    ? 13 /* Key.RequirementsLock */
                    : 18 /* Key.Other */;
            case 20:
                return spells(text, start, 'jupyterlab_nbproject')
                    ? 15 /* Key.JupyterlabNbproject */
                    : 18 /* Key.Other */;
            default:
                return 18 /* Key.Other */;
        }
    }
    Private.keyAt = keyAt;
    /**
     * Whether `word` is spelled in `text` from `start` (`start + word.length`
     * is at most the text's length). Compared by char codes, which V8's
     * optimized code reads from a string of any representation, where a
     * `startsWith` there is specialized to the string kinds seen so far.
     */
    function spells(text, start, word) {
        for (let k = 0; k < word.length; k++) {
            if (text.charCodeAt(start + k) !== word.charCodeAt(k)) {
                return false;
            }
        }
        return true;
    }
    Private.HASH = 0x23;
    Private.APOSTROPHE = 0x27;
    Private.SPACE = 0x20;
    Private.NEWLINE = 0x0a;
    Private.QUOTE = 0x22;
    Private.BACKSLASH = 0x5c;
    Private.LETTER_N = 0x6e;
    Private.COLON = 0x3a;
    Private.COMMA = 0x2c;
    Private.OPEN_BRACE = 0x7b;
    Private.CLOSE_BRACE = 0x7d;
    Private.OPEN_BRACKET = 0x5b;
    Private.CLOSE_BRACKET = 0x5d;
    /**
     * Whether the character at `at` of a string is escaped: it follows an
     * odd run of backslashes (the run ends at the string's opening quote
     * at the latest).
     */
    function escaped(text, at) {
        let before = at - 1;
        while (text.charCodeAt(before) === Private.BACKSLASH) {
            before--;
        }
        return (at - before) % 2 === 0;
    }
    Private.escaped = escaped;
    /**
     * Whether a character is white space as `\s` reads it (JSON's four,
     * and what a hand-edited file may hold).
     */
    function isSpace(code) {
        return (code === 0x20 ||
            (code >= 0x09 && code <= 0x0d) ||
            (code > 0x7f && /\s/.test(String.fromCharCode(code))));
    }
    Private.isSpace = isSpace;
})(Private || (Private = {}));
