"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.PythonTrees = void 0;
const ipython_1 = require("./ipython");
const parser_1 = require("./parser");
const steps_1 = require("../common/steps");
/**
 * One reading of each code cell shared by the analyses of a notebook:
 * imports, names (hidden state) and data files all read a cell as IPython
 * does and parse the Python, and with one `PythonTrees` passed to each of
 * them a cell is read and parsed once instead of once per analysis.
 *
 * Keyed by source, so cells with the same source share one tree. It keeps
 * every tree it made for as long as it is kept itself: a caller makes one
 * for a notebook (or a batch of cells) and drops it when the analyses are
 * done. Each analysis still applies its own limits (cell size, nesting)
 * before it asks for a tree.
 */
class PythonTrees {
    /**
     * @param parser - the Python parser.
     */
    constructor(parser) {
        this._entries = new Map();
        this.parser = parser;
    }
    /**
     * The cell's source read as IPython reads it (see `ipythonToPython`).
     *
     * @param source - the cell's source.
     */
    python(source) {
        return this._entry(source).python;
    }
    /**
     * The syntax tree of the cell's whole Python code ({@link python}'s
     * `code`), parsed on the first call, in steps of about a millisecond.
     *
     * @param source - the cell's source.
     */
    *treeSteps(source) {
        const entry = this._entry(source);
        if (entry.tree === null) {
            entry.tree = yield* (0, parser_1.parsePythonSteps)(this.parser, entry.python.code);
        }
        return entry.tree;
    }
    /**
     * {@link treeSteps} at once.
     *
     * @param source - the cell's source.
     */
    tree(source) {
        return (0, steps_1.allSteps)(this.treeSteps(source));
    }
    _entry(source) {
        let entry = this._entries.get(source);
        if (entry === undefined) {
            entry = { python: (0, ipython_1.ipythonToPython)(source), tree: null };
            this._entries.set(source, entry);
        }
        return entry;
    }
}
exports.PythonTrees = PythonTrees;
