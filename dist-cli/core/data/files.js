"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.notebookDataFiles = notebookDataFiles;
exports.notebookDataFilesSteps = notebookDataFilesSteps;
exports.notebookDataFilesParsingAll = notebookDataFilesParsingAll;
const paths_1 = require("./paths");
const ipython_1 = require("../python/ipython");
const cells_1 = require("../notebook/cells");
const parser_1 = require("../python/parser");
const scanLimits_1 = require("../common/scanLimits");
const steps_1 = require("../common/steps");
const text_1 = require("../common/text");
const lines_1 = require("../common/lines");
/**
 * Find the input files a notebook's code cells read. Never throws.
 *
 * Code cells are read as IPython does (magics and shell lines blanked)
 * and parsed with `@lezer/python`, which recovers from syntax errors;
 * only the cells that can change the result are parsed (those spelling
 * `import`, a reader's name, or a name a read's path uses), the same
 * result as parsing all ({@link notebookDataFilesParsingAll}). A
 * read is a call of a known reader (`open`, `pd.read_csv` and the other
 * pandas readers, `np.load`, `Path(...).read_text()`, `xr.open_dataset`,
 * `h5py.File`, `sc.read_h5ad`, `torch.load`, `Image.open`, `cv2.imread`,
 * `gpd.read_file`, polars, ...) whose path argument, positional or by its
 * keyword, is known before the code runs:
 *
 * - a string literal (also raw, bytes, implicitly concatenated, or an
 *   f-string without placeholders), a list or tuple of them;
 * - `Path("a", "b")`, `Path("a") / "b"`, `.joinpath`, `Path.home() / ...`,
 *   `os.path.join` of such parts, `str(...)` of one;
 * - a name assigned one such value, and only that value, anywhere in the
 *   notebook (`DATA = Path("data")`; not rebound by `+=` or a `for`).
 *
 * Module aliases come from the notebook's imports (`import pandas as pd`,
 * `from pathlib import Path`, `from pandas import read_csv as rc`); the
 * conventional ones (`pd`, `np`, `xr`, `sc`, `ad`, `gpd`, `pl`, `plt`,
 * `Path`, `Image`) also work without an import in the notebook.
 *
 * Left out: writes (`open(p, "w")`, `"a"`, `"x"`; a mode that is not a
 * literal; writers such as `to_csv` are not readers), URLs (`https://`,
 * `s3://`, `gs://`...), text that is not a path (with a newline, or
 * starting with `{` or `[`), and paths held in variables the code
 * computes. Paths built at run time and glob patterns are listed in
 * {@link IDataFiles.untracked} instead. `open(...)` inside `json.load`,
 * `pickle.load`, `yaml.safe_load`, `csv.reader` and similar is reported
 * with that reader.
 *
 * A cell longer than the limit (100,000 characters), or whose brackets
 * nest deeper than Python allows, is not parsed and is listed in
 * {@link IDataFiles.unparsed}.
 *
 * @param cells - the notebook's cells, in order.
 * @param parser - the Python parser.
 * @param limits - how long a cell is parsed.
 * @param trees - the notebook's shared trees, when other analyses parse
 *   its cells too.
 */
function notebookDataFiles(cells, parser, limits = scanLimits_1.SCAN_LIMITS, trees) {
    return (0, steps_1.allSteps)(notebookDataFilesSteps(cells, parser, limits, trees));
}
/**
 * {@link notebookDataFiles} in steps of one cell (parsing it, a large one
 * in several steps; reading its names; finding its reads), for a caller
 * that spreads a large notebook over several tasks. Same result.
 *
 * @param cells - the notebook's cells, in order (not changed while the
 *   steps run).
 * @param parser - the Python parser.
 * @param limits - how long a cell is parsed.
 * @param trees - the notebook's shared trees, if any.
 */
function* notebookDataFilesSteps(cells, parser, limits = scanLimits_1.SCAN_LIMITS, trees) {
    const reading = new Private.Reading(parser, trees);
    const unparsed = [];
    // The code cells that are parsed if their code matters.
    const parseable = [];
    for (let index = 0; index < cells.length; index++) {
        const cell = cells[index];
        if (cell.cell_type !== 'code') {
            continue;
        }
        const source = (0, cells_1.joinSource)(cell.source);
        if (Private.parsedWhole(source, limits)) {
            parseable.push({ index, source });
            continue;
        }
        // Rarely needed: a long or bracket-heavy cell.
        const { code, nesting } = reading.python(source);
        if (code.trim() !== '') {
            const reason = (0, scanLimits_1.unparsedReason)(source.length, nesting, limits);
            if (reason === null) {
                parseable.push({ index, source });
            }
            else {
                unparsed.push({ cell: index, reason });
            }
        }
        yield;
    }
    const { parsed, bindings } = yield* Private.parseWhatMatters(parseable, reading);
    return yield* Private.readsOf(parsed, unparsed, bindings);
}
/**
 * {@link notebookDataFiles} parsing every code cell, the plain reading
 * the fast one ({@link notebookDataFiles} parses only the cells that can
 * name a read's file) must always equal: for the tests that compare them.
 *
 * @param cells - the notebook's cells, in order.
 * @param parser - the Python parser.
 * @param limits - how long a cell is parsed.
 */
function notebookDataFilesParsingAll(cells, parser, limits = scanLimits_1.SCAN_LIMITS) {
    return (0, steps_1.allSteps)((function* () {
        const reading = new Private.Reading(parser);
        const parsed = [];
        const unparsed = [];
        for (let index = 0; index < cells.length; index++) {
            const cell = cells[index];
            if (cell.cell_type !== 'code') {
                continue;
            }
            const source = (0, cells_1.joinSource)(cell.source);
            const { code, nesting } = reading.python(source);
            // Cells without a call still import and assign names.
            if (code.trim() !== '') {
                const reason = (0, scanLimits_1.unparsedReason)(source.length, nesting, limits);
                if (reason === null) {
                    parsed.push(yield* reading.parse({ index, source }, code));
                }
                else {
                    unparsed.push({ cell: index, reason });
                }
            }
        }
        return yield* Private.readsOf(parsed, unparsed);
    })());
}
/**
 * Module internals.
 */
var Private;
(function (Private) {
    /**
     * Reads cells as IPython does and parses them, through the notebook's
     * shared trees when there are some.
     */
    class Reading {
        /**
         * @param parser - the Python parser.
         * @param trees - the notebook's shared trees, if any.
         */
        constructor(parser, trees) {
            this._parser = parser;
            this._trees = trees;
        }
        /**
         * The cell's source as Python (`ipythonToPython`).
         */
        python(source) {
            return this._trees ? this._trees.python(source) : (0, ipython_1.ipythonToPython)(source);
        }
        /**
         * Parse a cell whose Python code is `code`.
         */
        *parse({ index, source }, code) {
            const tree = this._trees
                ? yield* this._trees.treeSteps(source)
                : yield* (0, parser_1.parsePythonSteps)(this._parser, code);
            return { index, code, tree };
        }
    }
    Private.Reading = Reading;
    /**
     * Whether a cell is surely within the limits, known from its source
     * alone: short enough, and with too few brackets to nest them deeper
     * than Python allows (reading it as IPython only removes text).
     */
    function parsedWhole(source, limits) {
        if (source.length > limits.maxParsedCell) {
            return false;
        }
        // Counted with `indexOf`, much faster than a loop over the characters.
        let brackets = 0;
        for (const bracket of '([{') {
            for (let at = source.indexOf(bracket); at >= 0 && brackets <= scanLimits_1.MAX_NESTING; at = source.indexOf(bracket, at + 1)) {
                brackets++;
            }
        }
        return brackets <= scanLimits_1.MAX_NESTING;
    }
    Private.parsedWhole = parsedWhole;
    /**
     * How many characters of names (imported readers, names a read's path
     * uses) are searched for, and in how many rounds, before every cell
     * left is parsed instead: a search costs about a pass over the cells
     * left per character of its names (see {@link parseWhatMatters}).
     */
    const MAX_SEARCHED = 512;
    const MAX_ROUNDS = 16;
    /**
     * Parse the cells that can change what {@link findReads} and
     * {@link notebookScope} find, in notebook order; the others cannot (their
     * text has none of the words that would matter) and are left unparsed.
     * Every test is a plain text search of the source, a superset of what
     * the parsed code holds (reading a cell as IPython only removes text).
     * When no cell's code spells a reader's name, nothing is parsed; else:
     *
     * 1. cells spelling `import` are parsed: only they bind names;
     * 2. cells spelling a reader's name (its last dotted part, a path's
     *    reading method, or a name imported as a reader): only they read;
     * 3. cells spelling a name a read's arguments resolve, or one the values
     *    assigned to such a name resolve, and so on: only they give those
     *    names their values. One search per round of new names; past
     *    {@link MAX_SEARCHED}, every cell left is parsed.
     *
     * @param cells - the code cells within the limits, in notebook order.
     * @param reading - how they are read and parsed.
     * @returns the cells that matter, parsed, and the names the imports
     *   bind (cells that only import do not matter otherwise).
     */
    function* parseWhatMatters(cells, reading) {
        // Each cell's tree once parsed (`null` for one without code), and
        // whether it can matter.
        const trees = cells.map(() => undefined);
        const matters = cells.map(() => false);
        const parse = function* (at) {
            if (trees[at] === undefined) {
                const { code } = reading.python(cells[at].source);
                // Cells without a call still import and assign names.
                trees[at] =
                    code.trim() === '' ? null : yield* reading.parse(cells[at], code);
            }
            return trees[at];
        };
        // A read's callee spells a reader word in the code, as does the import
        // of a reader under another name: without one, there is no read.
        const words = readerWords(new Map());
        if (words !== null &&
            !cells.some(({ source }) => words.test(source) && words.test(reading.python(source).code))) {
            return { parsed: [], bindings: new Map() };
        }
        let left = cells.map((_, at) => at);
        // Take the cells left whose source passes the test (all for `null`),
        // parsed: the new ones.
        const take = function* (test) {
            const taken = [];
            const rest = [];
            for (const at of left) {
                const cell = test === null || test(cells[at].source) ? yield* parse(at) : false;
                if (cell === false) {
                    rest.push(at);
                }
                else if (cell !== null) {
                    matters[at] = true;
                    taken.push(cell);
                }
            }
            left = rest;
            return taken;
        };
        // The imports, which matter only if they also read or name a path.
        const importing = [];
        for (const at of left) {
            const cell = cells[at].source.includes('import')
                ? yield* parse(at)
                : null;
            if (cell) {
                importing.push(cell);
            }
        }
        const bindings = yield* notebookBindings(importing);
        const scope = { bindings, constants: new Map() };
        const aliased = readerWords(bindings);
        const names = new Names();
        let added = yield* take(aliased && (source => aliased.test(source)));
        for (let round = 0; added.length > 0 && left.length > 0; round++) {
            for (const cell of added) {
                noteNames(cell, scope, names);
                yield;
            }
            const fresh = names.fresh();
            if (fresh.length === 0) {
                break;
            }
            const search = names.searched > MAX_SEARCHED || round >= MAX_ROUNDS
                ? null
                : anyOf(fresh);
            added = yield* take(search && (source => search.test(source)));
        }
        return {
            parsed: trees.filter((cell, at) => matters[at] && !!cell),
            bindings
        };
    }
    Private.parseWhatMatters = parseWhatMatters;
    /**
     * Leave out the words that spell another one of them.
     */
    function shortest(words) {
        const all = [...new Set(words)];
        return all.filter(word => !all.some(other => other !== word && word.includes(other)));
    }
    /**
     * A search for the words a cell that reads a file must spell (see
     * {@link parseWhatMatters}): {@link READER_WORDS} and the names imported
     * as readers; `null` when these are too many to search for.
     */
    function readerWords(bindings) {
        const aliases = [...bindings, ...CONVENTIONAL]
            .filter(([, full]) => READERS.has(full))
            .map(([local]) => local);
        return aliases.join('').length > MAX_SEARCHED
            ? null
            : anyOf(shortest([...READER_WORDS, ...aliases]));
    }
    /**
     * A search for any of the words: one pass over a text.
     */
    function anyOf(words) {
        return new RegExp(words.map(word => word.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&')).join('|'));
    }
    /**
     * The names whose values matter: those a read's arguments resolve, and
     * those the values assigned to them resolve.
     */
    class Names {
        constructor() {
            this._known = new Set();
            this._fresh = [];
            this._searched = 0;
            // Target → the names of the values assigned to it, until it matters.
            this._uses = new Map();
        }
        /**
         * How many characters the names that matter have.
         */
        get searched() {
            return this._searched;
        }
        /**
         * The names found to matter since the last call.
         */
        fresh() {
            return this._fresh.splice(0);
        }
        /**
         * A name matters.
         */
        need(name) {
            const todo = [name];
            for (let next = todo.pop(); next !== undefined; next = todo.pop()) {
                if (this._known.has(next)) {
                    continue;
                }
                this._known.add(next);
                this._fresh.push(next);
                this._searched += next.length;
                for (const uses of this._uses.get(next) ?? []) {
                    todo.push(...uses);
                }
                this._uses.delete(next);
            }
        }
        /**
         * An assignment to `targets` of a value resolving the names `uses`.
         */
        assigned(targets, uses) {
            if (targets.some(target => this._known.has(target))) {
                uses.forEach(name => this.need(name));
                return;
            }
            for (const target of targets) {
                const list = this._uses.get(target);
                if (list) {
                    list.push(uses);
                }
                else {
                    this._uses.set(target, [uses]);
                }
            }
        }
    }
    /**
     * Note in `names` the names a cell's reads resolve (in the arguments of
     * a call of a reader, and the path a path method is called on) and its
     * assignments; one walk of the tree.
     */
    function noteNames(cell, scope, names) {
        const { tree, code } = cell;
        // Nodes in which a read resolves names, by name and range.
        const regions = new Set();
        const key = (ref) => `${ref.name}:${ref.from}:${ref.to}`;
        let inRead = 0;
        let assignment = null;
        tree.iterate({
            enter: ref => {
                const name = ref.name;
                if (name === 'CallExpression') {
                    for (const region of readRegions(ref.node, code, scope)) {
                        regions.add(key(region));
                    }
                }
                else if (name === 'AssignStatement') {
                    assignment ?? (assignment = { from: ref.from, to: ref.to, targets: [], uses: [] });
                    const node = ref.node;
                    for (let child = node.firstChild; child; child = child.nextSibling) {
                        if (child.name === 'VariableName' && child.nextSibling) {
                            assignment.targets.push(code.slice(child.from, child.to));
                        }
                    }
                }
                else if (name === 'VariableName' &&
                    (inRead > 0 || assignment) &&
                    resolvable(ref.node, code)) {
                    const text = code.slice(ref.from, ref.to);
                    if (inRead > 0) {
                        names.need(text);
                    }
                    assignment?.uses.push(text);
                }
                else if ((name === 'ArgList' || name === 'MemberExpression') &&
                    regions.has(key(ref))) {
                    inRead++;
                }
            },
            leave: ref => {
                const name = ref.name;
                if ((name === 'ArgList' || name === 'MemberExpression') &&
                    regions.delete(key(ref))) {
                    inRead--;
                }
                else if (name === 'AssignStatement' &&
                    assignment?.from === ref.from &&
                    assignment.to === ref.to) {
                    names.assigned(assignment.targets, assignment.uses);
                    assignment = null;
                }
            }
        });
    }
    /**
     * Where a call resolves names if it is a read (see {@link readAt}): the
     * arguments of a reader, and also the callee of a path's method.
     */
    function readRegions(call, code, scope) {
        const callee = call.firstChild;
        const args = call.getChild('ArgList');
        if (!callee || !args) {
            return [];
        }
        const name = dottedName(callee, code, scope);
        if (name !== null && READERS.has(name)) {
            return [args];
        }
        const property = callee.name === 'MemberExpression' ? callee.lastChild : null;
        return property && PATH_READERS.has(code.slice(property.from, property.to))
            ? [callee, args]
            : [];
    }
    /**
     * Whether {@link resolve} may read a name's value: not a callee, not
     * the object of an attribute (unless a method is called on it), not a
     * keyword argument's name.
     */
    function resolvable(node, code) {
        const parent = node.parent;
        switch (parent?.name) {
            case 'CallExpression':
                return false;
            case 'MemberExpression':
                return parent.parent?.name === 'CallExpression';
            case 'ArgList': {
                const next = node.nextSibling;
                return !(next?.name === 'AssignOp' && code.slice(next.from, next.to) === '=');
            }
            default:
                return true;
        }
    }
    /**
     * The files read by the parsed cells, with the cells left unparsed.
     */
    function* readsOf(parsed, unparsed, bindings) {
        const scope = yield* notebookScope(parsed, bindings);
        const files = new Map();
        const untracked = [];
        for (const cell of parsed) {
            findReads(cell, scope, files, untracked);
            yield;
        }
        const sorted = [...files.values()].sort((a, b) => (0, text_1.compareText)(a.path, b.path));
        return {
            files: sorted,
            untracked,
            ...(unparsed.length > 0 ? { unparsed } : {})
        };
    }
    Private.readsOf = readsOf;
    /**
     * Aliases conventional enough to trust without seeing the import.
     */
    const CONVENTIONAL = new Map([
        ['pd', 'pandas'],
        ['np', 'numpy'],
        ['xr', 'xarray'],
        ['sc', 'scanpy'],
        ['ad', 'anndata'],
        ['gpd', 'geopandas'],
        ['pl', 'polars'],
        ['plt', 'matplotlib.pyplot'],
        ['pq', 'pyarrow.parquet'],
        ['Path', 'pathlib.Path'],
        ['Image', 'PIL.Image']
    ]);
    /**
     * The mode parameter of `open` and its kin: second, or `mode=`.
     */
    const MODE = { position: 1, keyword: 'mode' };
    /**
     * Known readers by full dotted name.
     */
    const READERS = new Map([
        ['open', { keywords: ['file'], mode: MODE }],
        ['io.open', { keywords: ['file'], mode: MODE }],
        ['codecs.open', { keywords: ['filename'], mode: MODE }],
        ['gzip.open', { keywords: ['filename'], mode: MODE }],
        ['bz2.open', { keywords: ['filename'], mode: MODE }],
        ['lzma.open', { keywords: ['filename'], mode: MODE }],
        ['tarfile.open', { keywords: ['name'], mode: MODE }],
        ['zipfile.ZipFile', { keywords: ['file'], mode: MODE }],
        ...[
            'read_csv',
            'read_table',
            'read_fwf',
            'read_pickle',
            'read_stata',
            'read_sas'
        ].map(name => reader(`pandas.${name}`, 'filepath_or_buffer')),
        ...['read_parquet', 'read_feather', 'read_orc', 'read_spss'].map(name => reader(`pandas.${name}`, 'path')),
        reader('pandas.read_excel', 'io'),
        reader('pandas.read_html', 'io'),
        reader('pandas.ExcelFile', 'path_or_buffer'),
        reader('pandas.read_json', 'path_or_buf'),
        reader('pandas.read_hdf', 'path_or_buf'),
        reader('pandas.read_xml', 'path_or_buffer'),
        reader('numpy.load', 'file'),
        reader('numpy.fromfile', 'file'),
        reader('numpy.loadtxt', 'fname'),
        reader('numpy.genfromtxt', 'fname'),
        ...['open_dataset', 'open_dataarray', 'load_dataset', 'load_dataarray'].map(name => reader(`xarray.${name}`, 'filename_or_obj')),
        reader('xarray.open_mfdataset', 'paths'),
        reader('xarray.open_zarr', 'store'),
        ['h5py.File', { keywords: ['name'], mode: MODE }],
        ...['read', 'read_h5ad', 'read_csv', 'read_loom', 'read_10x_h5'].map(name => reader(`scanpy.${name}`, 'filename')),
        ...['read_h5ad', 'read_csv', 'read_loom'].map(name => reader(`anndata.${name}`, 'filename')),
        reader('anndata.read_zarr', 'store'),
        reader('torch.load', 'f'),
        reader('joblib.load', 'filename'),
        ['PIL.Image.open', { keywords: ['fp'], mode: MODE }],
        reader('cv2.imread', 'filename'),
        reader('geopandas.read_file', 'filename'),
        reader('geopandas.read_parquet', 'path'),
        reader('geopandas.read_feather', 'path'),
        ...[
            'read_csv',
            'read_parquet',
            'read_json',
            'read_ndjson',
            'read_ipc',
            'read_excel',
            'scan_csv',
            'scan_parquet',
            'scan_ipc',
            'scan_ndjson'
        ].map(name => reader(`polars.${name}`, 'source')),
        reader('pyarrow.parquet.read_table', 'source'),
        reader('pyarrow.parquet.ParquetFile', 'source'),
        reader('scipy.io.loadmat', 'file_name'),
        reader('scipy.io.wavfile.read', 'filename'),
        reader('matplotlib.pyplot.imread', 'fname'),
        reader('matplotlib.image.imread', 'fname'),
        reader('imageio.imread', 'uri'),
        reader('imageio.v2.imread', 'uri'),
        reader('imageio.v3.imread', 'uri'),
        reader('skimage.io.imread', 'fname'),
        ['netCDF4.Dataset', { keywords: ['filename'], mode: MODE }],
        ['rasterio.open', { keywords: ['fp'], mode: MODE }]
    ]);
    /**
     * Readers of an open file: `json.load(open("x.json"))` reports
     * `json.load` as the reader.
     */
    const WRAPPERS = new Set([
        'json.load',
        'pickle.load',
        'yaml.load',
        'yaml.safe_load',
        'yaml.full_load',
        'yaml.safe_load_all',
        'yaml.load_all',
        'tomllib.load',
        'tomli.load',
        'toml.load',
        'csv.reader',
        'csv.DictReader'
    ]);
    /**
     * `pathlib` classes a path is made with.
     */
    const PATH_CLASSES = new Set([
        'Path',
        'PurePath',
        'PosixPath',
        'PurePosixPath',
        'WindowsPath',
        'PureWindowsPath'
    ].map(name => `pathlib.${name}`));
    /**
     * Methods of a path that read its file.
     */
    const PATH_READERS = new Map([
        ['read_text', { keywords: [] }],
        ['read_bytes', { keywords: [] }],
        ['open', { keywords: [], mode: { position: 0, keyword: 'mode' } }]
    ]);
    /**
     * The words naming a reader whatever the imports: the last dotted part
     * of each and the path's reading methods.
     */
    const READER_WORDS = shortest([
        ...[...READERS.keys()].map(name => name.slice(name.lastIndexOf('.') + 1)),
        ...PATH_READERS.keys()
    ]);
    /**
     * Methods of a path that give the same file's path.
     */
    const PATH_SAME = new Set(['expanduser', 'resolve', 'absolute']);
    /**
     * Functions that give their argument's path back.
     */
    const SAME = new Set([
        'str',
        'os.fspath',
        'os.path.expanduser',
        'os.path.abspath'
    ]);
    /**
     * Longest expression text kept in an untracked read.
     */
    const MAX_EXPRESSION = 80;
    /**
     * Longest path: a longer text is not a file's path ({@link usablePath}),
     * and a path built longer is not followed (see {@link joinAll}).
     */
    const MAX_BUILT = 4096;
    /**
     * A path that replaces the one it is joined to: `/x`, `C:\x`, `\\x`.
     */
    const ABSOLUTE = /^(?:[A-Za-z]:)?[\\/]/;
    /**
     * A reader table entry taking its path as the first positional
     * argument or by one keyword.
     */
    function reader(name, keyword) {
        return [name, { keywords: [keyword] }];
    }
    /**
     * The notebook's imports and constants, read from every code cell (a
     * step per cell and pass); the imports are not read again when their
     * `bindings` are given.
     */
    function* notebookScope(cells, bindings) {
        const scope = {
            bindings: bindings ?? (yield* notebookBindings(cells)),
            constants: new Map()
        };
        // In notebook order, so that a constant may use the ones before it.
        for (const { tree, code } of cells) {
            tree.iterate({
                enter: ref => {
                    if (ref.name === 'AssignStatement') {
                        assignConstants(ref.node, code, scope);
                    }
                    else if (ref.name === 'UpdateStatement' ||
                        ref.name === 'ForStatement') {
                        // `x += ...`, `for x in ...`: no longer one known value.
                        for (let child = ref.node.firstChild; child; child = child.nextSibling) {
                            if (child.name === 'in' || child.name === 'UpdateOp') {
                                break;
                            }
                            if (child.name === 'VariableName') {
                                scope.constants.set(code.slice(child.from, child.to), null);
                            }
                        }
                    }
                }
            });
            yield;
        }
        return scope;
    }
    Private.notebookScope = notebookScope;
    /**
     * The names the cells' imports bind (the first binding of a name wins),
     * a step per cell.
     */
    function* notebookBindings(cells) {
        const bindings = new Map();
        for (const { tree, code } of cells) {
            const cursor = tree.cursor();
            for (let enter = true; cursor.next(enter);) {
                enter = cursor.name !== 'ImportStatement';
                if (!enter) {
                    for (const [local, full] of importBindings(cursor.node, code)) {
                        if (!bindings.has(local)) {
                            bindings.set(local, full);
                        }
                    }
                }
            }
            yield;
        }
        return bindings;
    }
    /**
     * The names one import statement binds, with what they stand for.
     */
    function importBindings(node, code) {
        const tokens = [];
        for (let child = node.firstChild; child; child = child.nextSibling) {
            tokens.push({ name: child.name, text: code.slice(child.from, child.to) });
        }
        const out = [];
        if (tokens[0]?.name === 'from') {
            // `from a.b import c as d, e`; a relative import binds nothing known.
            const at = tokens.findIndex(token => token.name === 'import');
            const module = tokens
                .slice(1, at < 0 ? tokens.length : at)
                .map(token => token.text)
                .join('');
            if (at < 0 || module === '' || module.startsWith('.')) {
                return out;
            }
            splitOnCommas(tokens.slice(at + 1)).forEach(group => {
                const names = group.filter(token => token.name === 'VariableName');
                if (names.length > 0) {
                    out.push([
                        names[names.length - 1].text,
                        `${module}.${names[0].text}`
                    ]);
                }
            });
        }
        else if (tokens[0]?.name === 'import') {
            // `import a.b as c, d.e`: `c` is `a.b`, `d` is `d`.
            splitOnCommas(tokens.slice(1)).forEach(group => {
                const as = group.findIndex(token => token.name === 'as');
                const dotted = (as < 0 ? group : group.slice(0, as))
                    .map(token => token.text)
                    .join('');
                const alias = as < 0 ? undefined : group[as + 1]?.text;
                if (dotted !== '') {
                    out.push(alias
                        ? [alias, dotted]
                        : [dotted.split('.')[0], dotted.split('.')[0]]);
                }
            });
        }
        return out;
    }
    /**
     * Split tokens at commas, leaving out brackets.
     */
    function splitOnCommas(tokens) {
        const groups = [[]];
        for (const token of tokens) {
            if (token.name === ',') {
                groups.push([]);
            }
            else if (token.name !== '(' && token.name !== ')') {
                groups[groups.length - 1].push(token);
            }
        }
        return groups;
    }
    /**
     * Record the names an assignment gives a known value; a name given two
     * different values, or an unknown one, anywhere, is not a constant.
     */
    function assignConstants(node, code, scope) {
        const children = [];
        for (let child = node.firstChild; child; child = child.nextSibling) {
            children.push(child);
        }
        const value = children[children.length - 1];
        const targets = children
            .slice(0, -1)
            .filter(child => child.name === 'VariableName')
            .map(child => code.slice(child.from, child.to));
        const operators = children.filter(child => child.name === 'AssignOp');
        // `x = ...` and `a = b = ...`, not `x += ...` or `a, b = ...`.
        const simple = operators.every(op => code.slice(op.from, op.to) === '=') &&
            !children.some(child => child.name === ',');
        const resolved = simple ? resolve(value, code, scope) : null;
        const known = Array.isArray(resolved) && resolved.length === 1 ? resolved[0] : null;
        for (const name of targets) {
            const before = scope.constants.get(name);
            const same = before === undefined ||
                (before !== null &&
                    known !== null &&
                    before.text !== null &&
                    before.text === known.text &&
                    before.isPath === known.isPath);
            scope.constants.set(name, same ? known : null);
        }
    }
    /**
     * Find the reads in one cell.
     */
    function findReads(cell, scope, files, untracked) {
        const { code, tree, index } = cell;
        const starts = (0, lines_1.lineStarts)(code);
        const lineOf = (offset) => (0, lines_1.lineAt)(starts, offset) + 1;
        const seen = new Set();
        const firsts = new Map();
        tree.iterate({
            enter: ref => {
                if (ref.name !== 'CallExpression') {
                    return;
                }
                const read = readAt(ref.node, code, scope, firsts);
                if (read === null) {
                    return;
                }
                const { reader, argument, values } = read;
                const line = lineOf(argument.from);
                const report = (expression, reason) => {
                    const key = `${line}\n${reason}\n${expression}`;
                    if (!seen.has(key)) {
                        seen.add(key);
                        untracked.push({ cell: index, line, reader, expression, reason });
                    }
                };
                if (values === 'dynamic') {
                    report(excerpt(code.slice(argument.from, argument.to)), 'dynamic');
                    return;
                }
                for (const { text } of values) {
                    const path = text === null ? null : usablePath(text);
                    if (path === 'glob' && text !== null) {
                        report(excerpt(text), 'glob');
                    }
                    else if (path !== null) {
                        const file = files.get(path);
                        if (!file) {
                            files.set(path, { path, cells: [index], reader });
                        }
                        else if (!file.cells.includes(index)) {
                            file.cells.push(index);
                        }
                    }
                }
            }
        });
    }
    Private.findReads = findReads;
    /**
     * A call's read: the reader, the path argument and its value(s); `null`
     * when the call is not a known read or writes.
     */
    function readAt(call, code, scope, firsts) {
        const callee = call.firstChild;
        const args = call.getChild('ArgList');
        if (!callee || !args) {
            return null;
        }
        const parsed = parseArgs(args, code);
        let reader;
        let spec;
        let argument;
        let values;
        const name = dottedName(callee, code, scope);
        const known = name === null ? undefined : READERS.get(name);
        if (name !== null && known) {
            reader = name;
            spec = known;
            argument =
                spec.keywords
                    .map(keyword => parsed.keywords.get(keyword))
                    .find(Boolean) ??
                    (parsed.starredBefore(0) ? undefined : parsed.positional[0]);
            values = argument ? resolve(argument, code, scope) : null;
        }
        else {
            // `Path(...).read_text()`, `DATA.open()`: a method of a known path.
            const property = callee.name === 'MemberExpression' ? callee.lastChild : null;
            const method = property ? code.slice(property.from, property.to) : '';
            const pathSpec = PATH_READERS.get(method);
            const object = callee.firstChild;
            if (!pathSpec || !object || callee.getChild('PropertyName') === null) {
                return null;
            }
            values = resolve(object, code, scope);
            if (values !== 'dynamic' &&
                (values === null || !values.every(value => value.isPath))) {
                return null;
            }
            reader = `pathlib.Path.${method}`;
            spec = pathSpec;
            argument = object;
        }
        if (!argument || values === null || writes(spec, parsed, code, scope)) {
            return null;
        }
        return {
            reader: wrapper(call, code, scope, firsts) ?? reader,
            argument,
            values
        };
    }
    /**
     * Whether a call of a reader that can also write opens for writing (or
     * with a mode not known before it runs).
     */
    function writes(spec, args, code, scope) {
        if (!spec.mode) {
            return false;
        }
        const { position, keyword } = spec.mode;
        const node = args.keywords.get(keyword) ??
            (args.starredBefore(position) ? undefined : args.positional[position]);
        if (!node) {
            // `open(p, **kw)` may pass any mode.
            return args.starred;
        }
        const mode = resolve(node, code, scope);
        const text = Array.isArray(mode) && mode.length === 1 ? mode[0].text : null;
        return text === null || /[wax]/.test(text);
    }
    /**
     * The reader of the open file when the call is the first argument of one
     * (`json.load(open(...))`).
     */
    function wrapper(call, code, scope, firsts) {
        const args = call.parent;
        const outer = args?.parent;
        if (args?.name !== 'ArgList' ||
            outer?.name !== 'CallExpression' ||
            !outer.firstChild) {
            return null;
        }
        const name = dottedName(outer.firstChild, code, scope);
        // Each list is read once: a call with thousands of open(...) in its
        // arguments would otherwise read the whole list for each of them.
        if (!firsts.has(args.from)) {
            firsts.set(args.from, parseArgs(args, code).positional[0]);
        }
        const first = firsts.get(args.from);
        // Nodes are made afresh on each visit: compare positions.
        return name !== null &&
            WRAPPERS.has(name) &&
            first?.from === call.from &&
            first.to === call.to
            ? name
            : null;
    }
    /**
     * Read an argument list's children.
     */
    function parseArgs(list, code) {
        const positional = [];
        const keywords = new Map();
        let starAt = Infinity;
        let starred = false;
        let pending = null;
        let keyword = '';
        for (let child = list.firstChild; child; child = child.nextSibling) {
            const name = child.name;
            if (name === '(' || name === ')' || name === ',') {
                pending = null;
            }
            else if (name === '*' || name === '**') {
                pending = 'star';
                starred = true;
                if (name === '*') {
                    starAt = Math.min(starAt, positional.length);
                }
            }
            else if (name === 'AssignOp') {
                pending = 'keyword';
            }
            else if (pending === 'star') {
                pending = null;
            }
            else if (pending === 'keyword') {
                keywords.set(keyword, child);
                pending = null;
            }
            else if (name === 'VariableName' &&
                child.nextSibling?.name === 'AssignOp' &&
                code.slice(child.nextSibling.from, child.nextSibling.to) === '=') {
                keyword = code.slice(child.from, child.to);
            }
            else {
                positional.push(child);
            }
        }
        return {
            positional,
            keywords,
            starred,
            starredBefore: position => starAt <= position
        };
    }
    /**
     * The full dotted name an expression stands for (`pd.read_csv` →
     * `pandas.read_csv`), or `null` when it is not a plain name or attribute.
     */
    function dottedName(node, code, scope) {
        if (node.name === 'VariableName') {
            const local = code.slice(node.from, node.to);
            return scope.bindings.get(local) ?? CONVENTIONAL.get(local) ?? local;
        }
        if (node.name === 'MemberExpression') {
            const object = node.firstChild;
            const property = node.lastChild;
            if (!object || property?.name !== 'PropertyName') {
                return null;
            }
            const head = dottedName(object, code, scope);
            return head === null
                ? null
                : `${head}.${code.slice(property.from, property.to)}`;
        }
        return null;
    }
    Private.dottedName = dottedName;
    /**
     * The value(s) of an expression, when known before the code runs.
     */
    function resolve(node, code, scope) {
        switch (node.name) {
            case 'String':
            case 'FormatString': {
                if (node.getChild('FormatReplacement')) {
                    return 'dynamic';
                }
                const text = decodeString(code.slice(node.from, node.to));
                return text === null ? null : [{ text, isPath: false }];
            }
            case 'ContinuedString': {
                let text = '';
                for (let part = node.firstChild; part; part = part.nextSibling) {
                    if (part.name === 'Comment') {
                        continue;
                    }
                    const value = resolve(part, code, scope);
                    if (!Array.isArray(value)) {
                        return value === 'dynamic' ? 'dynamic' : null;
                    }
                    const piece = value[0].text;
                    if (piece === null) {
                        return [{ text: null, isPath: false }];
                    }
                    text += piece;
                }
                return [{ text, isPath: false }];
            }
            case 'ParenthesizedExpression': {
                const inner = node.firstChild?.nextSibling;
                return inner ? resolve(inner, code, scope) : null;
            }
            case 'ArrayExpression':
            case 'TupleExpression': {
                const out = [];
                for (let item = node.firstChild; item; item = item.nextSibling) {
                    if (item.name === 'Comment' || '[](),'.includes(item.name)) {
                        continue;
                    }
                    const value = resolve(item, code, scope);
                    if (!Array.isArray(value)) {
                        return value === 'dynamic' ? 'dynamic' : null;
                    }
                    out.push(...value);
                }
                return out.length > 0 ? out : null;
            }
            case 'VariableName': {
                const constant = scope.constants.get(code.slice(node.from, node.to));
                return constant ? [constant] : null;
            }
            case 'BinaryExpression':
                return resolveBinary(node, code, scope);
            case 'CallExpression':
                return resolveCall(node, code, scope);
            default:
                return null;
        }
    }
    Private.resolve = resolve;
    /**
     * `a / b` of paths and `a + b` of strings; anything else computed from
     * a string or a path is built at run time.
     */
    function resolveBinary(node, code, scope) {
        const left = node.firstChild;
        const operator = left?.nextSibling;
        const right = node.lastChild;
        if (!left || !operator || !right || right === operator) {
            return null;
        }
        const op = code.slice(operator.from, operator.to);
        const a = resolve(left, code, scope);
        const b = resolve(right, code, scope);
        const single = (value) => Array.isArray(value) && value.length === 1 ? value[0] : null;
        const x = single(a);
        const y = single(b);
        if (op === '/' && x?.isPath && y) {
            return [{ text: joinAll(x.text, [y.text]), isPath: true }];
        }
        if (op === '+' && x && y && !x.isPath && !y.isPath) {
            const text = x.text === null ||
                y.text === null ||
                x.text.length + y.text.length > MAX_BUILT
                ? null
                : x.text + y.text;
            return [{ text, isPath: false }];
        }
        return (op === '/' || op === '+' || op === '%') &&
            (a !== null || b !== null)
            ? 'dynamic'
            : null;
    }
    /**
     * Calls that make a path or give one back.
     */
    function resolveCall(node, code, scope) {
        const callee = node.firstChild;
        const list = node.getChild('ArgList');
        if (!callee || !list) {
            return null;
        }
        const args = parseArgs(list, code);
        const name = dottedName(callee, code, scope);
        const parts = () => {
            if (args.starred || args.keywords.size > 0) {
                return 'dynamic';
            }
            const texts = [];
            for (const arg of args.positional) {
                const value = resolve(arg, code, scope);
                if (!Array.isArray(value) || value.length !== 1) {
                    return 'dynamic';
                }
                texts.push(value[0].text);
            }
            return texts;
        };
        if (name !== null && PATH_CLASSES.has(name)) {
            const texts = parts();
            return texts === 'dynamic'
                ? texts
                : [{ text: joinAll('.', texts), isPath: true }];
        }
        if (name === 'os.path.join') {
            const texts = parts();
            return texts === 'dynamic' || texts.length === 0
                ? 'dynamic'
                : [{ text: joinAll(texts[0], texts.slice(1)), isPath: false }];
        }
        if (name !== null &&
            SAME.has(name) &&
            args.positional.length === 1 &&
            !args.starred) {
            const value = resolve(args.positional[0], code, scope);
            return Array.isArray(value)
                ? value.map(item => ({ text: item.text, isPath: false }))
                : value;
        }
        if (callee.name !== 'MemberExpression') {
            return null;
        }
        const object = callee.firstChild;
        const property = callee.lastChild;
        const method = property ? code.slice(property.from, property.to) : '';
        if (name !== null &&
            PATH_CLASSES.has(name.slice(0, name.lastIndexOf('.')))) {
            // `Path.home()`, `Path.cwd()`.
            return method === 'home'
                ? [{ text: '~', isPath: true }]
                : method === 'cwd'
                    ? [{ text: '.', isPath: true }]
                    : null;
        }
        if (!object) {
            return null;
        }
        const base = resolve(object, code, scope);
        if (method === 'format' && base !== null) {
            return 'dynamic';
        }
        const path = Array.isArray(base) && base.length === 1 && base[0].isPath
            ? base[0]
            : null;
        if (path && PATH_SAME.has(method) && args.positional.length === 0) {
            return [path];
        }
        if (path && method === 'joinpath') {
            const texts = parts();
            return texts === 'dynamic'
                ? texts
                : [{ text: joinAll(path.text, texts), isPath: true }];
        }
        return base === 'dynamic' &&
            (PATH_SAME.has(method) || method === 'joinpath')
            ? 'dynamic'
            : null;
    }
    /**
     * Join two path parts as `os.path.join` and `pathlib` do: an absolute
     * second part replaces the first.
     */
    function joinPath(first, second) {
        if (ABSOLUTE.test(second) || first === '' || first === '.') {
            return second === '' ? first : second;
        }
        // The run of separators is matched from its start only: linear on a
        // long run of "/" inside the part.
        return second === ''
            ? first
            : `${first.replace(/(?<![\\/])[\\/]+$/, '')}/${second}`;
    }
    /**
     * Parts joined one after the other with {@link joinPath}; `null` (too
     * long) once the path is longer than any file's ({@link MAX_BUILT}): it
     * is not built on, as that would copy it again at every part, quadratic
     * in a long chain. An absolute part still replaces it, as it would.
     */
    function joinAll(first, parts) {
        let path = first;
        for (const part of parts) {
            if (part === null) {
                // Whatever it is joined to, a too long part stays too long.
                path = null;
            }
            else if (path === null) {
                path = ABSOLUTE.test(part) ? part : null;
            }
            else {
                path = joinPath(path, part);
            }
            if (path !== null && path.length > MAX_BUILT) {
                path = null;
            }
        }
        return path;
    }
    /**
     * The value of a Python string literal's source (any prefix and quote),
     * or `null` when it is not one complete literal.
     */
    function decodeString(literal) {
        const match = /^([rRbBuUfF]{0,2})('''|"""|'|")/.exec(literal);
        if (!match) {
            return null;
        }
        const [, prefix, quote] = match;
        const start = match[0].length;
        const end = literal.length - quote.length;
        if (end < start ||
            !literal.endsWith(quote) ||
            literal.length < start + quote.length) {
            return null;
        }
        let body = literal.slice(start, end);
        const raw = /r/i.test(prefix);
        if (!raw) {
            body = unescape(body);
        }
        return /f/i.test(prefix)
            ? body.replace(/\{\{/g, '{').replace(/\}\}/g, '}')
            : body;
    }
    Private.decodeString = decodeString;
    /**
     * Python's escapes in a non-raw string; unknown ones are kept, as Python
     * keeps them.
     */
    function unescape(body) {
        const simple = {
            '\n': '',
            '\\': '\\',
            "'": "'",
            '"': '"',
            a: '\x07',
            b: '\b',
            f: '\f',
            n: '\n',
            r: '\r',
            t: '\t',
            v: '\v'
        };
        return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|[\s\S])/g, (whole, escape) => {
            if (escape in simple) {
                return simple[escape];
            }
            if (/^[xuU]/.test(escape) && escape.length > 1) {
                const code = parseInt(escape.slice(1), 16);
                return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
            }
            if (/^[0-7]+$/.test(escape)) {
                return String.fromCharCode(parseInt(escape, 8));
            }
            return whole;
        });
    }
    /**
     * The normalized path a read names, `'glob'` for a pattern, `null` for
     * what is not a local file (a URL, text, nothing).
     */
    function usablePath(text) {
        const trimmed = text.trim();
        if (trimmed === '' ||
            trimmed === '-' ||
            trimmed.length > MAX_BUILT ||
            /[\n\r\0]/.test(text) ||
            /^[{[]/.test(trimmed) ||
            /^[A-Za-z][A-Za-z0-9+.-]+:\/\//.test(trimmed)) {
            return null;
        }
        if (/[*?[]/.test(trimmed)) {
            return 'glob';
        }
        const path = (0, paths_1.normalizeDataPath)(trimmed);
        return path === '' || path === '.' ? null : path;
    }
    /**
     * Source text for a message: whitespace collapsed, cut.
     */
    function excerpt(text) {
        const flat = text.replace(/\s+/g, ' ').trim();
        return (0, text_1.cut)(flat, MAX_EXPRESSION);
    }
})(Private || (Private = {}));
