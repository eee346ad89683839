"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.findImports = findImports;
exports.findImportsSteps = findImportsSteps;
exports.findImportsParsing = findImportsParsing;
exports.mayImport = mayImport;
exports.notebookImports = notebookImports;
exports.collectImports = collectImports;
const ipython_1 = require("./ipython");
const cells_1 = require("../notebook/cells");
const importScan_1 = require("./importScan");
const stdlib_1 = require("./stdlib");
const parser_1 = require("./parser");
const scanLimits_1 = require("../common/scanLimits");
const steps_1 = require("../common/steps");
const text_1 = require("../common/text");
/**
 * Find the third-party modules one code cell imports. Never throws.
 *
 * The source is read as IPython does: line magics, `!shell` lines and help
 * lines (`x?`, `?x`) are blanked; `%time`, `%timeit` and `%prun` keep the
 * Python statement they run; a cell magic that runs Python (`%%time`,
 * `%%capture`, ...) is dropped and any other (`%%bash`, `%%html`, ...) makes
 * the cell not Python at all. The rest is read up to its last import
 * line by a fast scan (`scanImports`) when that reads it with certainty,
 * else parsed with `@lezer/python`, which recovers from syntax errors, so
 * an error late in the cell does not lose the imports before it. Every `import`/`from ... import` counts,
 * wherever it is (functions, `try`, `if`); strings and comments do not.
 * Relative imports and the standard library are left out.
 *
 * A cell longer than the limit (100,000 characters), or whose brackets
 * nest deeper than Python allows, is not parsed: its install lines are
 * still found, and `unparsed` says why its modules are not.
 *
 * @param source - the cell's source.
 * @param parser - the Python parser.
 * @param limits - how long a cell is parsed.
 * @param trees - the notebook's shared trees, when other analyses parse
 *   its cells too (a cell the fast scan does not read is then parsed
 *   whole, once for all of them).
 */
function findImports(source, parser, limits = scanLimits_1.SCAN_LIMITS, trees) {
    return (0, steps_1.allSteps)(findImportsSteps(source, parser, limits, trees));
}
/**
 * {@link findImports} in steps, a large cell's parse in several.
 *
 * @param source - the cell's source.
 * @param parser - the Python parser.
 * @param limits - how long a cell is parsed.
 * @param trees - the notebook's shared trees, if any.
 */
function findImportsSteps(source, parser, limits = scanLimits_1.SCAN_LIMITS, trees) {
    return Private.importsSteps(source, parser, limits, trees, true);
}
/**
 * {@link findImports} without the fast scan (`scanImports`): every cell
 * that imports is parsed. The reference the fast scan is checked against.
 *
 * @param source - the cell's source.
 * @param parser - the Python parser.
 * @param limits - how long a cell is parsed.
 * @param trees - the notebook's shared trees, if any.
 */
function findImportsParsing(source, parser, limits = scanLimits_1.SCAN_LIMITS, trees) {
    return (0, steps_1.allSteps)(Private.importsSteps(source, parser, limits, trees, false));
}
/**
 * Whether a cell's source may hold an import or an install line: an import
 * spells `import` and an install line `install`, whatever the IPython
 * reading does (it only blanks or unwraps lines). Most cells spell neither,
 * and {@link findImports} finds nothing in them without reading them.
 *
 * @param source - the cell's source.
 */
function mayImport(source) {
    return source.includes('import') || source.includes('install');
}
/**
 * Find what a notebook's code cells import and install.
 *
 * @param cells - the notebook's cells, in order.
 * @param parser - the Python parser.
 * @param limits - how long a cell is parsed.
 * @param trees - the notebook's shared trees, if any.
 */
function notebookImports(cells, parser, limits = scanLimits_1.SCAN_LIMITS, trees) {
    const perCell = [];
    cells.forEach((cell, index) => {
        if (cell.cell_type === 'code') {
            const source = (0, cells_1.joinSource)(cell.source);
            const found = findImports(source, parser, limits, trees);
            perCell.push({ index, id: (0, cells_1.cellId)(cell), found });
        }
    });
    return collectImports(perCell);
}
/**
 * Combine per-cell imports, given in notebook order, into the notebook's.
 * Shared by {@link notebookImports} and the incremental analysis, which
 * caches {@link findImports} per cell.
 */
function collectImports(perCell) {
    const modules = new Map();
    const installs = [];
    const unparsed = [];
    for (const { index, id, found } of perCell) {
        if (found.unparsed) {
            unparsed.push({ cell: index, reason: found.unparsed });
        }
        for (const name of found.modules) {
            let entry = modules.get(name);
            if (!entry) {
                entry = { name, cells: [], cellIds: [] };
                modules.set(name, entry);
            }
            entry.cells.push(index);
            entry.cellIds.push(id);
        }
        for (const line of found.installs) {
            installs.push({ cell: index, cellId: id, line });
        }
    }
    const sorted = [...modules.values()].sort((a, b) => (0, text_1.compareText)(a.name, b.name));
    return {
        modules: sorted,
        installs,
        ...(unparsed.length > 0 ? { unparsed } : {})
    };
}
/**
 * Module internals.
 */
var Private;
(function (Private) {
    /**
     * {@link findImportsSteps}, with or without the fast scan.
     */
    function* importsSteps(source, parser, limits, trees, fast) {
        if (!mayImport(source)) {
            return { modules: [], installs: [] };
        }
        const { code, installs, nesting } = trees
            ? trees.python(source)
            : (0, ipython_1.ipythonToPython)(source);
        const modules = new Set();
        // Every import statement spells `import`; most cells do not, and parsing
        // is by far the costliest step of a notebook's analysis.
        const unparsed = code.includes('import')
            ? (0, scanLimits_1.unparsedReason)(source.length, nesting, limits)
            : null;
        if (code.includes('import') && unparsed === null) {
            // No import statement follows the last line spelling `import`, so most
            // cells need reading up to there only. That prefix read without a
            // syntax error is complete statements (an open bracket, string or
            // compound statement is an error at its end; a trailing backslash
            // carries the cut past the next non-blank line), whose trees are the
            // same in the whole cell.
            const end = afterLastImportLine(code);
            // Most such prefixes are plain imports, which the fast scan reads as
            // the parser does; it answers only when sure.
            const scanned = fast ? (0, importScan_1.scanImports)(code, end) : null;
            if (scanned !== null) {
                scanned.forEach(name => addModule(name, modules));
            }
            else if (trees) {
                // The whole cell's tree, shared with the other analyses: the same
                // modules as the prefix gives.
                modulesOf((yield* trees.treeSteps(source)).cursor(), code, modules);
            }
            else {
                // Otherwise the whole cell is parsed.
                const clean = yield* addModules(parser, code, end, modules);
                if (!clean && end < code.length) {
                    modules.clear();
                    yield* addModules(parser, code, code.length, modules);
                }
            }
        }
        return {
            modules: [...modules].sort(),
            installs,
            ...(unparsed ? { unparsed } : {})
        };
    }
    Private.importsSteps = importsSteps;
    /**
     * Add an imported module's top-level name to `modules`, unless it is the
     * standard library's or `__main__`.
     */
    function addModule(name, modules) {
        if (!stdlib_1.stdlibModuleNames.has(name) && name !== '__main__') {
            modules.add(name);
        }
    }
    /**
     * Where the line after the last one spelling `import` starts, or the
     * code's length. A line ending in a backslash, and a blank line after
     * one, does not end the statement: the cut moves on past them.
     */
    function afterLastImportLine(code) {
        let start = code.lastIndexOf('import');
        for (;;) {
            const newline = code.indexOf('\n', start);
            if (newline === -1) {
                return code.length;
            }
            const last = code.slice(start, newline).trimEnd().slice(-1);
            if (last !== '' && last !== '\\') {
                return newline + 1;
            }
            start = newline + 1;
        }
    }
    Private.afterLastImportLine = afterLastImportLine;
    /**
     * Add the third-party modules imported by `code` up to `end` (parsed
     * alone) to `modules`.
     *
     * @returns whether that code parsed without a syntax error.
     */
    function* addModules(parser, code, end, modules) {
        const text = end < code.length ? code.slice(0, end) : code;
        return modulesOf((yield* (0, parser_1.parsePythonSteps)(parser, text)).cursor(), text, modules);
    }
    Private.addModules = addModules;
    /**
     * Add the third-party modules imported in a tree of `text` to `modules`.
     *
     * @returns whether the tree has no syntax error.
     */
    function modulesOf(cursor, text, modules) {
        let clean = true;
        // Visit every node, but not the tokens inside an import statement.
        for (let enter = true; cursor.next(enter);) {
            clean && (clean = !cursor.type.isError);
            enter = cursor.name !== 'ImportStatement';
            if (!enter) {
                for (const name of topLevelModules(cursor, text)) {
                    addModule(name, modules);
                }
            }
        }
        return clean;
    }
    Private.modulesOf = modulesOf;
    /**
     * The top-level module names of the import statement at the cursor:
     * `import a.b as c, d` gives `a` and `d`, `from a.b import c` gives `a`,
     * and a relative `from . import x` or `from .m import x` gives nothing.
     */
    function topLevelModules(cursor, code) {
        // The statement's children are flat tokens: keywords, names, dots, commas.
        const tokens = [];
        if (cursor.firstChild()) {
            do {
                tokens.push({
                    name: cursor.name,
                    text: code.slice(cursor.from, cursor.to)
                });
            } while (cursor.nextSibling());
            cursor.parent();
        }
        const [keyword, ...rest] = tokens;
        if (keyword?.name === 'from') {
            return rest[0]?.name === 'VariableName' ? [rest[0].text] : [];
        }
        if (keyword?.name !== 'import') {
            return [];
        }
        // A module name starts the list or follows a comma; other names are
        // `.submodule` parts and `as` aliases.
        return rest
            .filter((token, i) => token.name === 'VariableName' && (i === 0 || rest[i - 1].name === ','))
            .map(token => token.text);
    }
    Private.topLevelModules = topLevelModules;
})(Private || (Private = {}));
