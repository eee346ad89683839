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
exports.ALL_ANALYSES = void 0;
exports.readNotebookText = readNotebookText;
exports.joinCellSources = joinCellSources;
exports.checkNotebook = checkNotebook;
exports.checkNotebookFor = checkNotebookFor;
exports.checkNotebookText = checkNotebookText;
exports.pythonParser = pythonParser;
exports.parserMissing = parserMissing;
exports.toJSONRecord = toJSONRecord;
const path = __importStar(require("path"));
const consecutiveness_1 = require("../core/execution/consecutiveness");
const hiddenState_1 = require("../core/execution/hiddenState");
const imports_1 = require("../core/python/imports");
const trees_1 = require("../core/python/trees");
const scanLimits_1 = require("../core/common/scanLimits");
const metadata_1 = require("../core/nbproject/metadata");
const cells_1 = require("../core/notebook/cells");
const json_1 = require("../core/common/json");
const pep723_1 = require("../core/packages/pep723");
const title_1 = require("../core/nbproject/title");
const words_1 = require("./words");
const findings_1 = require("./findings");
const jsonError_1 = require("./jsonError");
const lines_1 = require("../core/common/lines");
/**
 * Every analysis: what `check` reports when no check is required.
 */
exports.ALL_ANALYSES = {
    imports: true,
    hiddenState: true
};
/**
 * Read an `.ipynb` file's text as an nbformat 4 notebook.
 *
 * @returns the notebook, or a sentence saying why the text is not a
 *   notebook this tool reads.
 */
function readNotebookText(text) {
    let notebook;
    // Editors on Windows may save a byte order mark, which JSON rejects.
    const json = text.replace(/^\uFEFF/, '');
    try {
        notebook = JSON.parse(json);
    }
    catch (error) {
        return json.trim() === ''
            ? { unreadable: 'an empty file, not a notebook' }
            : Private.notJson(json, error);
    }
    if (!(0, json_1.isJSONObject)(notebook) || !('nbformat' in notebook)) {
        return { unreadable: 'not a notebook (no "nbformat" version)' };
    }
    if (notebook.nbformat !== 4) {
        return {
            unreadable: `unsupported nbformat ${JSON.stringify(notebook.nbformat)} (nbproject-lab reads nbformat 4)`
        };
    }
    if (!Array.isArray(notebook.cells)) {
        return { unreadable: 'not a notebook (no list of "cells")' };
    }
    // Keep positions stable: a cell that is not an object is a cell of no
    // type. The others are read as they are, not copied (one without a
    // `cell_type` reads as `undefined`, a cell of no type too).
    const cells = notebook.cells.map(cell => (0, json_1.isJSONObject)(cell) ? cell : { cell_type: null });
    return {
        notebook: {
            json: notebook,
            cells,
            metadata: (0, json_1.isJSONObject)(notebook.metadata) ? notebook.metadata : {}
        }
    };
}
/**
 * Join each cell's source list into one string, in place, for a notebook
 * that is only checked, never written back: every analysis and check
 * joins a cell's source (nbformat's lines are one string to them), and
 * joined once, one string is read by all of them.
 *
 * @param notebook - as {@link readNotebookText} reads it.
 */
function joinCellSources(notebook) {
    for (const cell of notebook.cells) {
        if (Array.isArray(cell.source)) {
            cell.source = (0, cells_1.joinSource)(cell.source);
        }
    }
}
/**
 * Check a notebook by nbproject's rules, with every analysis.
 *
 * @param notebook - as {@link readNotebookText} reads it.
 * @param trees - the trees of its cells, to share with other analyses of
 *   the same notebook (each cell is parsed once for all of them).
 */
function checkNotebook(notebook, trees = new trees_1.PythonTrees(pythonParser())) {
    return checkNotebookFor(notebook, exports.ALL_ANALYSES, trees);
}
/**
 * Check a notebook by nbproject's rules, with the analyses of its code
 * asked for (those not asked for are `null`).
 *
 * @param notebook - as {@link readNotebookText} reads it.
 * @param analyses - which analyses of its code to run.
 * @param trees - the trees of its cells, when other analyses of the same
 *   notebook parse them too; without it, each analysis parses what it
 *   needs (the imports only up to a cell's last import line).
 * @param imports - its imports, when already found from the same cells
 *   (`undefined`: found here when asked for).
 */
function checkNotebookFor(notebook, analyses, trees, imports) {
    const { cells } = notebook;
    // The PEP 723 cell (juv's `# /// script`) is exempt from both rules.
    const rules = (0, pep723_1.withoutPep723Cell)(cells);
    const readings = analyses.hiddenState ? [] : null;
    return {
        title: (0, title_1.getTitle)(cells),
        consecutiveness: (0, consecutiveness_1.consecutivenessReport)(rules),
        imports: !analyses.imports
            ? null
            : (imports ?? (0, imports_1.notebookImports)(rules, pythonParser(), scanLimits_1.SCAN_LIMITS, trees)),
        metadata: (0, metadata_1.readNbproject)(notebook.metadata[metadata_1.NBPROJECT_KEY]),
        hiddenState: readings
            ? (0, hiddenState_1.hiddenState)(cells, pythonParser(), { trees, readings })
            : null,
        readings
    };
}
/**
 * Read an `.ipynb` file's text as an nbformat 4 notebook and check it
 * with every analysis.
 *
 * @returns the findings, or a sentence saying why the text is not a
 *   notebook this tool reads.
 */
function checkNotebookText(text) {
    const read = readNotebookText(text);
    return 'unreadable' in read ? read : { check: checkNotebook(read.notebook) };
}
/**
 * `@lezer/python`'s parser, loaded when a cell is first parsed: a run
 * whose checks read no code, or whose cells the fast scans answer, does
 * not load it.
 */
function pythonParser() {
    return Private.LAZY_PARSER;
}
/**
 * What to say when `@lezer/python`, which the parser loads on first use,
 * is not installed (a clone without `npm install`): said before any
 * notebook is read rather than at the first cell the fast scans leave to
 * the parser, which may come after some notebooks were reported. `null`
 * when it is there. Only the package is looked for, not loaded (that
 * waits for the first parse): an install missing one of its own
 * dependencies still fails there, as bin/nbproject-lab.js says.
 */
function parserMissing() {
    try {
        require.resolve('@lezer/python');
        return null;
    }
    catch {
        return (0, words_1.missingPackageText)('@lezer/python', path.resolve(__dirname, '..', '..'));
    }
}
/**
 * The JSON record `--json` prints for a notebook: `modules` and
 * `installs` when the imports were analysed, `hiddenState` when hidden
 * state was.
 *
 * @param file - the path as the user gave it.
 */
function toJSONRecord(file, check) {
    const { consecutiveness, imports, metadata } = check;
    return {
        file,
        title: check.title,
        consecutive: consecutiveness.consecutive,
        violations: consecutiveness.violations,
        cells: consecutiveness.cells.map(({ index, id, reason }) => ({
            index,
            id,
            reason
        })),
        ...(imports === null
            ? {}
            : {
                modules: imports.modules.map(module => module.name),
                installs: imports.installs.map(install => (0, findings_1.withoutCredentials)(install.line))
            }),
        metadata: {
            present: metadata.present,
            valid: metadata.valid,
            problems: metadata.problems.map(words_1.metadataIssueText),
            issues: metadata.problems,
            nbproject: metadata.metadata
                ? (0, metadata_1.serializeNbproject)(metadata.metadata)
                : null
        },
        ...(check.hiddenState === null ? {} : { hiddenState: check.hiddenState })
    };
}
/**
 * Module internals.
 */
var Private;
(function (Private) {
    /**
     * The parser, once loaded.
     */
    let loaded = null;
    /**
     * `@lezer/python`'s parser (JupyterLab passes CodeMirror's copy),
     * required on first use, then kept: it holds no state between parses.
     */
    function parser() {
        if (loaded === null) {
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            const lezer = require('@lezer/python');
            loaded = lezer.parser;
        }
        return loaded;
    }
    /**
     * A parser that is `@lezer/python`'s once asked to parse: every method
     * is the loaded parser's own.
     */
    class LazyParser {
        createParse(input, fragments, ranges) {
            return parser().createParse(input, fragments, ranges);
        }
        startParse(input, fragments, ranges) {
            return parser().startParse(input, fragments, ranges);
        }
        parse(input, fragments, ranges) {
            return parser().parse(input, fragments, ranges);
        }
    }
    Private.LAZY_PARSER = new LazyParser();
    /**
     * Why a text is not JSON, and on which line: a merge left unresolved
     * (git's conflict markers, the usual way a notebook in a repository
     * stops being JSON) is named as such; otherwise `JSON.parse`'s
     * complaint, with the line and column where the text stops being JSON
     * ({@link jsonErrorOffset}: the end of the file when it was cut short).
     * Nothing of the text is quoted.
     */
    function notJson(json, error) {
        // `=======` alone may be a Markdown heading's underline.
        const conflict = /^(?:<{7}|>{7})(?:[ \t]|\r?$)/m.exec(json);
        if (conflict) {
            const { line } = lineAndColumn(json, conflict.index);
            return {
                unreadable: `git merge conflict markers at line ${line} (${conflict[0].slice(0, 7)}): resolve the merge, then check again`,
                line
            };
        }
        const why = parseError(error);
        const position = (0, jsonError_1.jsonErrorOffset)(json);
        if (position === null) {
            return { unreadable: `not JSON (${why})` };
        }
        const { line, column } = lineAndColumn(json, position);
        // Node's words, without the position some of its versions put in them.
        const what = why
            .replace(/\s+at position \d+(?:\s*\(line \d+ column \d+\))?$/, '')
            .replace(/ in JSON$/, '');
        return {
            unreadable: `not JSON at line ${line}, column ${column} (${what})`,
            line
        };
    }
    Private.notJson = notJson;
    /**
     * The line and column (from 1) of a position in a text.
     */
    function lineAndColumn(text, position) {
        const starts = (0, lines_1.lineStarts)(text);
        const index = (0, lines_1.lineAt)(starts, position);
        return { line: index + 1, column: position - starts[index] + 1 };
    }
    /**
     * `JSON.parse`'s complaint without the excerpt of the text Node puts in
     * it (`Unexpected token 'G', "GITHUB_TOK"... is not valid JSON`): the
     * file may be anything a link points at, a CI job's secrets among them.
     */
    function parseError(error) {
        const message = String(error?.message ?? error);
        return (message
            .replace(/,\s*(?:\.\.\.)?"[^]*$/, '')
            .replace(/^Unexpected token (?:'[^]*?'|\S+)(?= in JSON|$)/, 'Unexpected token')
            .trim() || 'cannot be parsed');
    }
    Private.parseError = parseError;
})(Private || (Private = {}));
