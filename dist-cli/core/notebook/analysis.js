"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.NotebookAnalysis = void 0;
const consecutiveness_1 = require("../execution/consecutiveness");
const imports_1 = require("../python/imports");
const text_1 = require("../common/text");
const cells_1 = require("./cells");
const metadataBlocks_1 = require("../packages/metadataBlocks");
const steps_1 = require("../common/steps");
const title_1 = require("../nbproject/title");
/**
 * A notebook's reproducibility analysis, kept up to date incrementally.
 *
 * Parsing imports is the expensive part, so results are cached per cell,
 * found by position, else by cell id (a cell moved), and a cell is parsed
 * again only when its type or source changed. Re-analysing after
 * one cell changed therefore parses that cell only; the rest is linear
 * bookkeeping (joining sources, consecutiveness over execution counts).
 * A caller that knows which cells changed in place (a run, an edit) gives
 * only those to {@link changeCells}, whose cost is that of the cells
 * given, but for a pass over the execution counts of the code cells.
 */
class NotebookAnalysis {
    /**
     * Create an analysis of an empty notebook.
     */
    constructor(options) {
        // The last finished run's cells as given, with what was found in them.
        this._cells = [];
        this._imports = new Private.ImportsIndex({ modules: [], installs: [] });
        this._considered = [];
        this._titleIndex = -1;
        // The last finished run's cells, by position.
        this._ids = [];
        this._entries = [];
        // The run under way, if any, and what runs left unfinished read, by id
        // or position.
        this._running = null;
        this._unfinished = new Map();
        this._parsed = 0;
        const { parser, ...consecutiveness } = options;
        this._parser = parser;
        this._options = consecutiveness;
        this.update([]);
    }
    /**
     * How many cells were parsed by the last {@link update}; the others were
     * served from the cache.
     */
    get parsedInLastUpdate() {
        return this._parsed;
    }
    /**
     * Analyse the notebook's current cells, re-parsing only changed cells.
     *
     * @param cells - all cells of the notebook, in order.
     */
    update(cells) {
        // No step between cells: a step per cell costs more than reading most
        // cells, above all before the JIT compiler has warmed up.
        (0, steps_1.allSteps)(this._updateSteps(cells, false));
    }
    /**
     * {@link update} in steps (a cell each, a large cell's parse in several),
     * for a caller that spreads a large notebook over several tasks. The
     * result changes only at the last step, so an abandoned run leaves the
     * previous one in place; the cells it parsed are kept for the next run.
     *
     * @param cells - all cells of the notebook, in order (the list and its
     *   cells must not change while the run goes on).
     * @returns the new result, also given by {@link result}.
     */
    updateSteps(cells) {
        return this._updateSteps(cells, true);
    }
    /**
     * {@link updateSteps}, with a step between cells or not (`stepwise`).
     */
    *_updateSteps(cells, stepwise) {
        const ids = new Array(cells.length);
        const entries = new Array(cells.length);
        const perCell = [];
        const considered = [];
        let titleIndex = -1;
        let parsed = 0;
        // A run left unfinished gives what it read to this one.
        if (this._running !== null) {
            Private.salvage(this._running, this._unfinished);
        }
        const run = { ids, entries, done: 0 };
        this._running = run;
        // A fresh analysis (a notebook just opened) has nothing to look up.
        const cached = this._ids.length > 0;
        const salvaged = this._unfinished.size > 0;
        // The last run's entries by id, built when a cell is not where it was.
        let moved = null;
        for (let index = 0; index < cells.length; index++) {
            const cell = cells[index];
            const id = (0, cells_1.cellId)(cell);
            const kind = Private.kind(cell.cell_type);
            const source = (0, cells_1.joinSource)(cell.source);
            // The cell where it was, else moved, else read by an unfinished run.
            let entry;
            if (cached && this._ids[index] === id) {
                entry = this._entries[index];
            }
            else if (cached && id !== null) {
                moved ?? (moved = Private.byId(this._ids, this._entries));
                entry = moved.get(id);
            }
            if (salvaged && !Private.fits(entry, kind, source)) {
                entry = this._unfinished.get(id ?? index);
            }
            if (!Private.fits(entry, kind, source)) {
                entry = Private.needsParse(kind, source)
                    ? yield* Private.analyse(source, this._parser)
                    : Private.read(kind, source);
                parsed += kind === 'other' ? 0 : 1;
            }
            ids[index] = id;
            entries[index] = entry;
            run.done = index + 1;
            const found = entry.found;
            if (found &&
                (found.modules.length || found.installs.length || found.unparsed)) {
                perCell.push({ index, id, found });
            }
            const consider = this._consider(entry, cell, index);
            if (consider !== null) {
                considered.push(consider);
            }
            if (titleIndex < 0 && Private.titleOf(entry) !== null) {
                titleIndex = index;
            }
            if (stepwise) {
                yield;
            }
        }
        this._ids = ids;
        this._entries = entries;
        this._cells = cells.slice();
        this._imports = new Private.ImportsIndex((0, imports_1.collectImports)(perCell));
        this._considered = considered;
        this._titleIndex = titleIndex;
        this._running = null;
        this._unfinished.clear();
        this._parsed = parsed;
        return this._finish(true);
    }
    /**
     * Update the analysis after cells changed in place: their source, type
     * or execution count, each at the position and with the id it had in
     * the last update. Only those cells are read (and parsed when their
     * source changed). The result is the one {@link update} gives with the
     * whole list. A change that is not in place (another id, a position
     * out of range) makes it a whole {@link update} of the cells as changed.
     *
     * @param changes - the changed cells with their positions.
     */
    changeCells(changes) {
        return (0, steps_1.allSteps)(this.changeCellsSteps(changes));
    }
    /**
     * {@link changeCells} in steps (a large cell's parse in several). The
     * result changes only at the last step.
     *
     * @param changes - the changed cells with their positions.
     */
    *changeCellsSteps(changes) {
        const inPlace = changes.every(({ index, cell }) => index >= 0 &&
            index < this._cells.length &&
            (0, cells_1.cellId)(cell) === this._ids[index]);
        if (!inPlace) {
            const cells = [...this._cells];
            for (const { index, cell } of changes) {
                if (index >= 0 && index < cells.length) {
                    cells[index] = cell;
                }
            }
            return yield* this.updateSteps(cells);
        }
        // Read the changed cells first; the state changes at the end only.
        const read = [];
        let parsed = 0;
        for (const { index, cell } of changes) {
            const kind = Private.kind(cell.cell_type);
            const source = (0, cells_1.joinSource)(cell.source);
            let entry = this._entries[index];
            if (!Private.fits(entry, kind, source)) {
                entry = Private.needsParse(kind, source)
                    ? yield* Private.analyse(source, this._parser)
                    : Private.read(kind, source);
                parsed += kind === 'other' ? 0 : 1;
            }
            read.push(entry);
        }
        // Consecutiveness is judged again only when a count, or whether the
        // rule looks at a cell, changed (a run, not an edit).
        let recount = false;
        changes.forEach(({ index, cell }, i) => {
            const entry = read[i];
            const before = this._entries[index];
            this._entries[index] = entry;
            this._cells[index] = cell;
            if (entry.found !== before.found) {
                this._imports.change(index, this._ids[index], before.found, entry.found);
            }
            const considered = this._consider(entry, cell, index);
            const was = Private.replaceAt(this._considered, index, considered);
            recount || (recount = was?.count !== considered?.count || !was !== !considered);
            const title = Private.titleOf(entry);
            if (title !== null &&
                (this._titleIndex < 0 || index <= this._titleIndex)) {
                this._titleIndex = index;
            }
            else if (title === null && index === this._titleIndex) {
                this._titleIndex = this._entries.findIndex((other, at) => at > index && Private.titleOf(other) !== null);
            }
        });
        this._parsed = parsed;
        return this._finish(recount);
    }
    /**
     * The analysis of the cells as of the last {@link update} or
     * {@link changeCells}.
     */
    result() {
        return this._result;
    }
    /**
     * The cell at a position as the consecutiveness rule looks at it, or
     * `null` when it does not (not code, empty, the calling cell, or the PEP
     * 723 cell, which declares the environment and runs nothing unless it
     * ran).
     */
    _consider(entry, cell, index) {
        const { callingStatement } = this._options;
        if (entry.kind !== 'code' ||
            entry.source === '' ||
            (typeof callingStatement === 'string' &&
                entry.source.includes(callingStatement))) {
            return null;
        }
        const count = (0, consecutiveness_1.isExecuted)(cell.execution_count)
            ? cell.execution_count
            : null;
        // The joined source, not the cell: its source is not joined again.
        if (count === null &&
            (0, metadataBlocks_1.isPep723Cell)({ cell_type: 'code', source: entry.source })) {
            return null;
        }
        return { cell, index, count };
    }
    /**
     * The result of the cells as they are now.
     */
    _finish(recount) {
        const { modules, installs, unparsed } = this._imports.result();
        this._result = {
            title: this._titleIndex < 0
                ? null
                : Private.titleOf(this._entries[this._titleIndex]),
            modules,
            installs,
            unparsed,
            consecutiveness: recount
                ? (0, consecutiveness_1.consecutivenessOf)(this._considered, this._options.mode)
                : this._result.consecutiveness
        };
        return this._result;
    }
}
exports.NotebookAnalysis = NotebookAnalysis;
/**
 * Module internals.
 */
var Private;
(function (Private) {
    /**
     * The title line of a cell's entry (see {@link IEntry.title}).
     */
    function titleOf(entry) {
        if (entry.title === undefined) {
            entry.title = (0, title_1.markdownTitle)(entry.source);
        }
        return entry.title;
    }
    Private.titleOf = titleOf;
    /**
     * Whether a cached entry is the analysis of this cell.
     */
    function fits(entry, kind, source) {
        return (entry !== undefined && entry.kind === kind && entry.source === source);
    }
    Private.fits = fits;
    /**
     * A run's entries by cell id (the first cell holding an id).
     */
    function byId(ids, entries) {
        const map = new Map();
        ids.forEach((id, index) => {
            if (id !== null && !map.has(id)) {
                map.set(id, entries[index]);
            }
        });
        return map;
    }
    Private.byId = byId;
    /**
     * Put `item` (or nothing, for `null`) where the item for cell `index`
     * is, or would be, in a list sorted by cell position.
     */
    function replaceAt(list, index, item) {
        let low = 0;
        let high = list.length;
        while (low < high) {
            const middle = (low + high) >> 1;
            if (list[middle].index < index) {
                low = middle + 1;
            }
            else {
                high = middle;
            }
        }
        const present = list[low]?.index === index ? list[low] : null;
        const count = present === null ? 0 : 1;
        if (item === null) {
            list.splice(low, count);
        }
        else {
            list.splice(low, count, item);
        }
        return present;
    }
    Private.replaceAt = replaceAt;
    /**
     * Where the first item at or after `at` is in a list sorted by `key`.
     */
    function lowerBound(list, at, key) {
        let low = 0;
        let high = list.length;
        while (low < high) {
            const middle = (low + high) >> 1;
            if (key(list[middle]) < at) {
                low = middle + 1;
            }
            else {
                high = middle;
            }
        }
        return low;
    }
    /**
     * A notebook's imports, kept up to date as cells change: what
     * `collectImports` gives for the cells, at the cost of the modules and
     * install lines of the cells changed. Published lists are never changed
     * afterwards: a change makes new ones.
     */
    class ImportsIndex {
        constructor(imports) {
            this._modules = new Map();
            for (const module of imports.modules) {
                this._modules.set(module.name, module);
            }
            this._names = imports.modules.map(module => module.name);
            this._installs = imports.installs;
            this._unparsed = imports.unparsed ?? [];
        }
        /**
         * A cell's imports changed from `before` to `after`.
         */
        change(index, id, before, after) {
            const was = new Set(before?.modules);
            const is = new Set(after?.modules);
            for (const name of was) {
                if (!is.has(name)) {
                    this._remove(name, index);
                }
            }
            for (const name of is) {
                if (!was.has(name)) {
                    this._add(name, index, id);
                }
            }
            this._installs = splice(this._installs, index, (after?.installs ?? []).map(line => ({ cell: index, cellId: id, line })));
            this._unparsed = splice(this._unparsed, index, after?.unparsed ? [{ cell: index, reason: after.unparsed }] : []);
        }
        /**
         * The imports, as `collectImports` gives them (`unparsed` always
         * there).
         */
        result() {
            if (this._names === null) {
                this._names = [...this._modules.keys()].sort(text_1.compareText);
            }
            return {
                modules: this._names.map(name => this._modules.get(name)),
                installs: this._installs,
                unparsed: this._unparsed
            };
        }
        _remove(name, index) {
            const module = this._modules.get(name);
            const at = lowerBound(module.cells, index, cell => cell);
            if (module.cells.length === 1) {
                this._modules.delete(name);
                this._names = null;
                return;
            }
            const cells = [...module.cells];
            const cellIds = [...module.cellIds];
            cells.splice(at, 1);
            cellIds.splice(at, 1);
            this._modules.set(name, { name, cells, cellIds });
        }
        _add(name, index, id) {
            const module = this._modules.get(name);
            if (module === undefined) {
                this._modules.set(name, { name, cells: [index], cellIds: [id] });
                this._names = null;
                return;
            }
            const at = lowerBound(module.cells, index, cell => cell);
            const cells = [...module.cells];
            const cellIds = [...module.cellIds];
            cells.splice(at, 0, index);
            cellIds.splice(at, 0, id);
            this._modules.set(name, { name, cells, cellIds });
        }
    }
    Private.ImportsIndex = ImportsIndex;
    /**
     * A copy of a list sorted by `cell` with the items of cell `index`
     * replaced by `items` (the list itself when both are empty).
     */
    function splice(list, index, items) {
        const from = lowerBound(list, index, item => item.cell);
        const to = lowerBound(list, index + 1, item => item.cell);
        if (from === to && items.length === 0) {
            return list;
        }
        return [...list.slice(0, from), ...items, ...list.slice(to)];
    }
    function kind(cellType) {
        return cellType === 'code' || cellType === 'markdown' ? cellType : 'other';
    }
    Private.kind = kind;
    /**
     * Whether a cell needs its imports read: a code cell spelling `import`
     * (an import statement) or `install` (an install line). Most cells
     * spell neither, and are read without starting a parse.
     */
    function needsParse(kind, source) {
        return kind === 'code' && (0, imports_1.mayImport)(source);
    }
    Private.needsParse = needsParse;
    /**
     * The imports of a code cell that spells neither `import` nor
     * `install`: none, shared by every such cell (never changed).
     */
    const NO_IMPORTS = Object.freeze({
        modules: Object.freeze([]),
        installs: Object.freeze([])
    });
    /**
     * The entry of a cell that needs no parse (see {@link needsParse}).
     */
    function read(kind, source) {
        return {
            kind,
            source,
            found: kind === 'code' ? NO_IMPORTS : null,
            title: kind === 'markdown' ? undefined : null
        };
    }
    Private.read = read;
    /**
     * The entry of a code cell that needs a parse (see {@link needsParse}).
     */
    function* analyse(source, parser) {
        return {
            kind: 'code',
            source,
            // A PEP 723 cell imports nothing, whatever its comments say.
            found: (0, metadataBlocks_1.isPep723Cell)({ cell_type: 'code', source })
                ? null
                : yield* (0, imports_1.findImportsSteps)(source, parser),
            title: null
        };
    }
    Private.analyse = analyse;
    /**
     * Keep what an unfinished run read, by id (by position for a cell
     * without one), for the next run.
     */
    function salvage(run, into) {
        for (let index = 0; index < run.done; index++) {
            into.set(run.ids[index] ?? index, run.entries[index]);
        }
    }
    Private.salvage = salvage;
})(Private || (Private = {}));
