"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.ALL_CHECKS = exports.CHECK_TABLE = void 0;
exports.analysesRead = analysesRead;
exports.importPlaces = importPlaces;
exports.placesFor = placesFor;
exports.checkByName = checkByName;
exports.runChecks = runChecks;
exports.failedChecks = failedChecks;
const crypto_1 = require("crypto");
const secrets_1 = require("../core/hygiene/secrets");
const absolutePaths_1 = require("../core/hygiene/absolutePaths");
const cells_1 = require("../core/notebook/cells");
const distributions_1 = require("../core/packages/distributions");
const compare_1 = require("../core/packages/compare");
const declaredDependencies_1 = require("../core/packages/declaredDependencies");
const agreement_1 = require("../core/packages/agreement");
const findings_1 = require("./findings");
const hiddenState_1 = require("../core/execution/hiddenState");
const scanLimits_1 = require("../core/common/scanLimits");
const importScan_1 = require("../core/python/importScan");
const positions_1 = require("./positions");
/**
 * Every check, in the order reports list them. A new check is one entry.
 */
exports.CHECK_TABLE = [
    {
        name: 'consecutive',
        summary: 'code cells ran once each, in order, from 1',
        help: 'Restart the kernel and run all cells, then save.',
        run: ({ check }) => check.consecutiveness.cells.map(cell => ({
            cell: cell.index,
            cellId: cell.id,
            line: null,
            issue: { code: 'consecutive.cell', params: { issue: cell.issue } }
        }))
    },
    {
        name: 'title',
        summary: 'a Markdown cell has a "# " title',
        help: 'Start the notebook with a Markdown cell holding a "# Title" line.',
        run: ({ check }) => check.title === null
            ? [Private.notebookWide({ code: 'title.missing' })]
            : []
    },
    {
        name: 'metadata',
        summary: 'nbproject metadata is there and valid',
        help: 'Initialize the notebook with nbproject (the header\'s "Initialize" button), or fix the field named.',
        run: ({ check: { metadata } }) => {
            if (!metadata.present) {
                return [Private.notebookWide({ code: 'metadata.missing' })];
            }
            return metadata.valid
                ? []
                : metadata.problems.map(issue => Private.notebookWide({
                    code: 'metadata.problem',
                    params: { issue }
                }));
        }
    },
    {
        name: 'hidden-state',
        summary: 'no cell uses a name that no cell above defines',
        help: 'Define the name in a cell above its first use (a deleted cell may have defined it), then restart and run all. Cells using exec, globals() or import * are "not sure" and pass.',
        reads: ['hiddenState'],
        run: ({ check }) => {
            // Loops, not flatMap: a notebook may have thousands of these.
            const found = [];
            for (const cell of Private.analysed(check.hiddenState, 'hidden state')
                .cells) {
                // Each finding on the line where its cell first reads the name.
                const lines = (0, positions_1.nameLines)(check.readings?.[cell.index], cell.issues);
                for (const issue of cell.issues) {
                    if (hiddenState_1.HIDDEN_STATE_PROBLEMS.has(issue.code)) {
                        found.push({
                            cell: cell.index,
                            cellId: cell.id,
                            line: 'name' in issue.params
                                ? (lines.get(issue.params.name) ?? null)
                                : null,
                            issue: { code: 'hidden-state.cell', params: { issue } }
                        });
                    }
                }
            }
            return found;
        }
    },
    {
        name: 'secrets',
        summary: 'no credential in a cell or an output',
        help: 'Read the credential from the environment, clear the output, and revoke it: it is in the history. A false alarm: tag the cell "nbproject-lab: allow-secret", or end the line with "# nbproject-lab: allow-secret".',
        allow: 'allow-secret',
        run: ({ notebook }) => Private.byCell((0, secrets_1.findSecrets)(notebook.cells).map(finding => ({
            cell: finding.cell,
            cellId: Private.cellId(notebook, finding.cell),
            line: finding.where === 'source' ? finding.line : null,
            issue: {
                code: 'secrets.found',
                params: {
                    kind: finding.kind,
                    excerpt: finding.excerpt,
                    output: finding.where === 'output' ? (finding.output ?? 0) : null,
                    outputLine: finding.where === 'output' ? finding.line : null,
                    advice: finding.advice
                }
            }
        })), Private.unscannedForSecrets(notebook))
    },
    {
        name: 'paths',
        summary: 'no absolute path into a home directory',
        help: 'Write a path relative to the notebook, or read the location from an environment variable. Intended: tag the cell "nbproject-lab: allow-path", or end the line with "# nbproject-lab: allow-path".',
        allow: 'allow-path',
        run: ({ notebook, directory }) => Private.byCell((0, absolutePaths_1.findAbsolutePaths)(notebook.cells, directory).map(finding => ({
            cell: finding.cell,
            cellId: Private.cellId(notebook, finding.cell),
            line: finding.line,
            issue: {
                code: 'paths.home',
                params: {
                    path: finding.path,
                    user: finding.user,
                    advice: finding.advice
                }
            }
        })), Private.unscannedForPaths(notebook))
    },
    {
        name: 'installs',
        summary: 'no package installed at run time (%pip install)',
        help: 'Record the packages (nbproject\'s pypackage, a PEP 723 cell) and install them before running, not from a cell. Intended: tag the cell "nbproject-lab: allow-install", or end the line with "# nbproject-lab: allow-install".',
        allow: 'allow-install',
        reads: ['imports'],
        run: ({ notebook, check }) => Private.analysed(check.imports, 'imports').installs.map(install => ({
            cell: install.cell,
            cellId: install.cellId,
            line: Private.lineOf(notebook, install.cell, install.line),
            issue: {
                code: 'installs.line',
                params: { line: (0, findings_1.withoutCredentials)(install.line) }
            }
        }))
    },
    {
        name: 'pinned',
        summary: 'every imported third-party package is stored with a version',
        help: 'Store the versions (the header\'s "Record live versions", or nbproject\'s notebook.save). Modules beside the notebook are not packages and are left out; list other local modules under ignore-packages in the configuration.',
        reads: ['imports'],
        places: true,
        live: true,
        run: context => Private.unpinned(context)
    },
    {
        name: 'match',
        summary: 'stored versions are the ones installed in --python',
        help: 'Install the stored versions in the environment, or record the installed ones.',
        needs: 'python',
        live: true,
        run: context => Private.mismatched(context)
    },
    {
        name: 'declared',
        summary: 'PEP 723, uv.lock and requirements metadata agree with pypackage',
        help: 'Make the declared dependencies and the stored versions the same (export the stored versions with "nbproject-lab export --pep723 --write").',
        run: ({ notebook, check, ignored }) => {
            const found = (0, agreement_1.declaredDisagreements)((0, declaredDependencies_1.readDeclared)(notebook.cells, notebook.metadata), check.metadata.metadata?.pypackage ?? null, ignored);
            // Each finding of the PEP 723 cell on the line naming its package.
            const cell = found.find(params => params.cell !== null)?.cell ?? null;
            const lines = cell === null
                ? new Map()
                : (0, positions_1.dependencyLines)((0, cells_1.joinSource)(notebook.cells[cell]?.source), new Set(found
                    .filter(params => params.cell === cell)
                    .map(params => (0, distributions_1.normalizeDistribution)(params.name))));
            return found.map(params => ({
                cell: params.cell,
                cellId: params.cell === null ? null : Private.cellId(notebook, params.cell),
                line: params.cell === null
                    ? null
                    : (lines.get((0, distributions_1.normalizeDistribution)(params.name)) ?? null),
                issue: { code: 'declared.disagrees', params }
            }));
        }
    },
    {
        name: 'data',
        summary: 'recorded data files are there, unchanged',
        help: 'Restore the data file, or publish the notebook again to record the new one.',
        needs: 'data',
        run: ({ data }) => (data?.files ?? [])
            .filter(file => file.status !== 'unchanged')
            .map(file => Private.notebookWide({
            code: `data.${file.status}`,
            params: { path: file.path, unread: file.unread ?? null }
        }, file.status === 'new' ? 'note' : undefined))
    }
];
/**
 * The analyses of the code that checks read.
 *
 * @param checks - the checks to run.
 */
function analysesRead(checks) {
    const reads = new Set(checks.flatMap(check => check.reads ?? []));
    return {
        imports: reads.has('imports'),
        hiddenState: reads.has('hiddenState')
    };
}
/**
 * Where a notebook's code imports its modules: the line of each module's
 * first import in the first cell importing it (each such cell read once,
 * line by line, up to the last line needed), and the cells not read for
 * imports.
 *
 * @param notebook - the notebook.
 * @param imports - what its imports analysis found, or `null`.
 */
function importPlaces(notebook, imports, fingerprints = false) {
    const lines = new Map();
    const byCell = new Map();
    for (const module of imports?.modules ?? []) {
        const cell = module.cells[0];
        if (cell !== undefined) {
            const names = byCell.get(cell) ?? new Set();
            names.add(module.name);
            byCell.set(cell, names);
        }
    }
    const sourceHashes = new Map();
    const hashed = (cell) => {
        const hash = fingerprints ? Private.sourceHash(notebook, cell) : null;
        if (hash !== null) {
            sourceHashes.set(cell, hash);
        }
    };
    for (const [cell, names] of byCell) {
        Private.firstImportLines((0, cells_1.joinSource)(notebook.cells[cell]?.source), names, lines);
        hashed(cell);
    }
    const unread = (imports?.unparsed ?? []).map(({ cell, reason }) => {
        hashed(cell);
        return { cell, cellId: Private.cellId(notebook, cell), reason };
    });
    return { lines, unread, sourceHashes };
}
/**
 * {@link importPlaces} when one of the checks reads them and the imports
 * were analysed; otherwise `undefined`.
 *
 * @param checks - the checks run.
 * @param notebook - the notebook.
 * @param check - what `check` found in it.
 */
function placesFor(checks, notebook, check, fingerprints = false) {
    return check.imports !== null && checks.some(c => c.places)
        ? importPlaces(notebook, check.imports, fingerprints)
        : undefined;
}
/**
 * The name that asks for every check.
 */
exports.ALL_CHECKS = 'all';
/**
 * A check by name, or `undefined`.
 */
function checkByName(name) {
    return exports.CHECK_TABLE.find(check => check.name === name);
}
/**
 * Run checks on one notebook: their findings in table order, each
 * check's in notebook order, without those allowed inline.
 *
 * @param checks - the checks to run.
 * @param context - the notebook and what the run learned.
 */
function runChecks(checks, context) {
    const findings = [];
    for (const check of checks) {
        for (const raw of check.run(context)) {
            if (check.allow && Private.allowed(context.notebook, raw, check.allow)) {
                continue;
            }
            // Built field by field: a spread of findings of many shapes is
            // slow, and a check may find thousands.
            findings.push({
                cell: raw.cell,
                cellId: raw.cellId,
                line: raw.line,
                sourceHash: raw.cell === null || raw.cellId !== null || !context.fingerprints
                    ? null
                    : Private.findingHash(context, raw.cell),
                issue: raw.issue,
                check: check.name,
                severity: raw.severity ?? 'error'
            });
        }
    }
    return findings;
}
/**
 * The checks that fail: those with an `error` finding.
 *
 * @param checks - the checks run.
 * @param findings - their findings.
 */
function failedChecks(checks, findings) {
    const failed = new Set(findings
        .filter(finding => finding.severity === 'error')
        .map(finding => finding.check));
    return checks.map(check => check.name).filter(name => failed.has(name));
}
/**
 * Module internals.
 */
var Private;
(function (Private) {
    /**
     * The prefix of an allow marker.
     */
    const MARKER = /nbproject-lab:\s*/g;
    function notebookWide(issue, severity) {
        return { cell: null, cellId: null, line: null, issue, severity };
    }
    Private.notebookWide = notebookWide;
    /**
     * An analysis a check reads: its definition's `reads` names it, so a
     * run that lacks it is a bug, never a pass.
     */
    function analysed(found, what) {
        if (found === null) {
            throw new Error(`the ${what} analysis was not run`);
        }
        return found;
    }
    Private.analysed = analysed;
    function cellId(notebook, cell) {
        const id = notebook.cells[cell]?.id;
        return typeof id === 'string' ? id : null;
    }
    Private.cellId = cellId;
    /**
     * The source hashes of cells already hashed: each cell's source is
     * hashed once, whatever the number of its findings and checks.
     */
    const HASHES = new WeakMap();
    /**
     * The source hash ({@link IFinding.sourceHash}) of a cell without an
     * id: the first 12 hex digits of the SHA-256 of its joined source;
     * `null` for a cell with an id, or none.
     */
    function sourceHash(notebook, index) {
        const cell = notebook.cells[index];
        if (cell === undefined || cellId(notebook, index) !== null) {
            return null;
        }
        let hash = HASHES.get(cell);
        if (hash === undefined) {
            hash = (0, crypto_1.createHash)('sha256')
                .update((0, cells_1.joinSource)(cell.source))
                .digest('hex')
                .slice(0, 12);
            HASHES.set(cell, hash);
        }
        return hash;
    }
    Private.sourceHash = sourceHash;
    /**
     * The source hash of a finding's cell, which has no id: from where the
     * imports are when they were found before the notebook's JSON was let
     * go, else from the notebook.
     */
    function findingHash(context, cell) {
        return (context.places?.sourceHashes.get(cell) ??
            sourceHash(context.notebook, cell));
    }
    Private.findingHash = findingHash;
    /**
     * Findings of one check in notebook order: `found` and `notes`, each
     * in notebook order, merged by cell (a cell's findings before its
     * notes).
     */
    function byCell(found, notes) {
        if (notes.length === 0) {
            return found;
        }
        const out = [];
        let i = 0;
        for (const note of notes) {
            while (i < found.length && (found[i].cell ?? -1) <= (note.cell ?? -1)) {
                out.push(found[i++]);
            }
            out.push(note);
        }
        while (i < found.length) {
            out.push(found[i++]);
        }
        return out;
    }
    Private.byCell = byCell;
    /**
     * A note per cell holding lines too long for the secret scan to read,
     * in its source or its outputs.
     */
    function unscannedForSecrets(notebook) {
        const notes = [];
        const limit = scanLimits_1.SCAN_LIMITS.maxLineLength;
        notebook.cells.forEach((cell, index) => {
            const { count } = (0, secrets_1.unscannedLines)([cell]);
            if (count > 0) {
                // The source is read before the outputs: its first long line, if
                // any, is the cell's first.
                const { first } = (0, scanLimits_1.longLines)((0, cells_1.joinSource)(cell.source), limit);
                const found = first === null
                    ? (0, findings_1.firstUnscannedOutput)(cell)
                    : null;
                notes.push({
                    cell: index,
                    cellId: cellId(notebook, index),
                    line: first,
                    issue: {
                        code: 'secrets.unscanned',
                        params: {
                            count,
                            first,
                            limit,
                            output: found?.output ?? null,
                            outputLine: found?.line ?? null
                        }
                    },
                    severity: 'note'
                });
            }
        });
        return notes;
    }
    Private.unscannedForSecrets = unscannedForSecrets;
    /**
     * A note per code or Markdown cell whose source holds lines too long
     * for the path scan to read (it reads no outputs).
     */
    function unscannedForPaths(notebook) {
        const notes = [];
        const limit = scanLimits_1.SCAN_LIMITS.maxLineLength;
        notebook.cells.forEach((cell, index) => {
            if (cell.cell_type !== 'code' && cell.cell_type !== 'markdown') {
                return;
            }
            const { count, first } = (0, scanLimits_1.longLines)((0, cells_1.joinSource)(cell.source), limit);
            if (count > 0) {
                notes.push({
                    cell: index,
                    cellId: cellId(notebook, index),
                    line: first,
                    issue: {
                        code: 'paths.unscanned',
                        params: { count, first, limit }
                    },
                    severity: 'note'
                });
            }
        });
        return notes;
    }
    Private.unscannedForPaths = unscannedForPaths;
    /**
     * An import statement on one line, when the fast scan cannot read the
     * line alone: `from a.b import` names `a`, `import a.b as c, d` names
     * `a` and `d`.
     */
    const IMPORT_STATEMENT = /\bfrom\s+([A-Za-z_]\w*)[\w.]*\s+import\b|\bimport\s+([A-Za-z_][\w.]*(?:\s+as\s+\w+)?(?:\s*,\s*[A-Za-z_][\w.]*(?:\s+as\s+\w+)?)*)/g;
    /**
     * The top-level modules one line of code imports: the fast scan's, or,
     * when it is not sure of the line alone (a statement across lines,
     * `try: import x`, a magic), those of {@link IMPORT_STATEMENT}.
     */
    function importedOn(line) {
        const scanned = (0, importScan_1.scanImports)(line.trim());
        if (scanned !== null) {
            return scanned;
        }
        const names = [];
        for (const match of line.matchAll(IMPORT_STATEMENT)) {
            if (match[1] !== undefined) {
                names.push(match[1]);
            }
            else {
                for (const part of match[2].split(',')) {
                    names.push(part.trim().split(/[\s.]/)[0]);
                }
            }
        }
        return names;
    }
    /**
     * Add to `lines` the line, from 1, of the first line of `source` that
     * imports each of `modules`: one pass over the lines, each read only
     * when it spells `import`, stopping once every module has its line.
     */
    function firstImportLines(source, modules, lines) {
        let left = modules.size;
        let next = source.indexOf('import');
        for (let start = 0, line = 1; left > 0 && next >= 0; line++) {
            const newline = source.indexOf('\n', start);
            const end = newline < 0 ? source.length : newline;
            if (next < end) {
                for (const name of importedOn(source.slice(start, end))) {
                    if (modules.has(name) && !lines.has(name)) {
                        lines.set(name, line);
                        left--;
                    }
                }
                next = source.indexOf('import', end);
            }
            if (newline < 0) {
                break;
            }
            start = end + 1;
        }
    }
    Private.firstImportLines = firstImportLines;
    /**
     * The source lines of a cell.
     */
    function sourceLines(notebook, cell) {
        return (0, cells_1.joinSource)(notebook.cells[cell]?.source).split('\n');
    }
    /**
     * The line, from 1, of a cell's source that holds `text` (trimmed), or
     * `null`.
     */
    function lineOf(notebook, cell, text) {
        const index = sourceLines(notebook, cell).findIndex(line => line.trim() === text);
        return index < 0 ? null : index + 1;
    }
    Private.lineOf = lineOf;
    /**
     * Whether a finding is allowed inline: its cell is tagged with the
     * marker, or its source line says it.
     */
    function allowed(notebook, finding, allow) {
        if (finding.cell === null) {
            return false;
        }
        const metadata = notebook.cells[finding.cell]?.metadata;
        const tags = metadata?.tags;
        if (Array.isArray(tags) &&
            tags.some(tag => typeof tag === 'string' && tag.replace(MARKER, '') === allow)) {
            return true;
        }
        if (finding.line === null) {
            return false;
        }
        const line = sourceLines(notebook, finding.cell)[finding.line - 1] ?? '';
        return line
            .replace(MARKER, 'nbproject-lab:')
            .includes(`nbproject-lab:${allow}`);
    }
    Private.allowed = allowed;
    /**
     * Top-level modules that are namespaces many distributions share
     * (`google.cloud.storage` is `google-cloud-storage`, `azure.identity`
     * `azure-identity`): offline, the distributions stored under the
     * namespace's name and a `-` are taken as the ones imported.
     */
    Private.NAMESPACES = new Set([
        'azure',
        'backports',
        'google',
        'jaraco',
        'opentelemetry',
        'ruamel',
        'sphinxcontrib',
        'zope'
    ]);
    /**
     * The distributions a top-level module comes from: the interpreter's
     * answer with `--python`, else the offline table's. A namespace module
     * (`google`) is provided by many distributions, and which the imports
     * come from is not known from its name: it is taken as those of them
     * stored (`namespace`: a guess the report says), the interpreter's
     * that are stored, or offline, those stored under its name
     * (`google-cloud-storage`); with none stored, as before.
     *
     * @param stored - the stored versions, by PEP 503 name.
     */
    function providers(module, live, stored) {
        const names = (0, distributions_1.moduleToDistributions)(module, live?.moduleDistributions);
        if (Private.NAMESPACES.has(module)) {
            // The interpreter answers an empty list for a module it lacks.
            const answer = live?.moduleDistributions ?? {};
            const known = Object.prototype.hasOwnProperty.call(answer, module) &&
                Array.isArray(answer[module]) &&
                answer[module].length > 0;
            const prefix = `${(0, distributions_1.normalizeDistribution)(module)}-`;
            const taken = known
                ? names.map(distributions_1.normalizeDistribution).filter(key => stored.has(key))
                : [...stored.keys()].filter(key => key.startsWith(prefix));
            if (taken.length > 0) {
                return { names: taken, namespace: true };
            }
        }
        return { names, namespace: false };
    }
    Private.providers = providers;
    /**
     * The `pinned` findings: imported distributions not stored, or stored
     * without a version; a namespace module taken as the distributions
     * stored under its name, as a note.
     */
    function unpinned(context) {
        const { check, ignored, live } = context;
        const places = context.places ??
            importPlaces(context.notebook, check.imports, context.fingerprints);
        const stored = new Map(Object.entries(check.metadata.metadata?.pypackage ?? {}).map(([name, version]) => [(0, distributions_1.normalizeDistribution)(name), version]));
        const out = [];
        const seen = new Set();
        for (const module of analysed(check.imports, 'imports').modules) {
            if (ignored.has((0, distributions_1.normalizeDistribution)(module.name)) ||
                context.isLocal?.(module.name)) {
                continue;
            }
            const { names, namespace } = Private.providers(module.name, live, stored);
            if (namespace) {
                // Which of them the imports come from is not known offline: the
                // note says what was taken, so that a wrong guess can be seen.
                out.push({
                    cell: module.cells[0] ?? null,
                    cellId: module.cellIds[0] ?? null,
                    line: places.lines.get(module.name) ?? null,
                    issue: {
                        code: 'pinned.namespace',
                        params: { module: module.name, names }
                    },
                    severity: 'note'
                });
            }
            for (const name of names) {
                const key = (0, distributions_1.normalizeDistribution)(name);
                if (ignored.has(key) || seen.has(key)) {
                    continue;
                }
                seen.add(key);
                const version = stored.get(key);
                if (version !== undefined && version !== '') {
                    continue;
                }
                const cell = module.cells[0] ?? null;
                out.push({
                    cell,
                    cellId: module.cellIds[0] ?? null,
                    line: places.lines.get(module.name) ?? null,
                    issue: version === undefined
                        ? {
                            code: 'pinned.notStored',
                            params: { name, module: module.name }
                        }
                        : { code: 'pinned.noVersion', params: { name } }
                });
            }
        }
        for (const { cell, cellId, reason } of places.unread) {
            out.push({
                cell,
                cellId,
                line: null,
                issue: {
                    code: 'pinned.unread',
                    params: {
                        reason,
                        limit: scanLimits_1.SCAN_LIMITS.maxParsedCell,
                        nesting: scanLimits_1.MAX_NESTING
                    }
                },
                severity: 'note'
            });
        }
        return out;
    }
    Private.unpinned = unpinned;
    /**
     * The `match` findings: stored versions that differ from, or are not
     * installed in, the interpreter's.
     */
    function mismatched(context) {
        const { check, ignored, live } = context;
        const stored = check.metadata.metadata?.pypackage ?? null;
        if (live === null || stored === null) {
            return [];
        }
        return (0, compare_1.comparePackages)(stored, live.distributions, [])
            .filter(row => !ignored.has(row.key))
            .flatMap(row => {
            if (row.status === 'mismatch') {
                return [
                    notebookWide({
                        code: 'match.mismatch',
                        params: {
                            name: row.name,
                            stored: row.stored ?? '',
                            live: row.live ?? ''
                        }
                    })
                ];
            }
            return row.status === 'missing'
                ? [
                    notebookWide({
                        code: 'match.missing',
                        params: { name: row.name, stored: row.stored ?? '' }
                    })
                ]
                : [];
        });
    }
    Private.mismatched = mismatched;
})(Private || (Private = {}));
