"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.EXPORT_FORMATS = void 0;
exports.exportNotebookText = exportNotebookText;
exports.exportLocksText = exportLocksText;
const distributions_1 = require("../core/packages/distributions");
const ids_1 = require("../core/nbproject/ids");
const metadata_1 = require("../core/nbproject/metadata");
const json_1 = require("../core/common/json");
const exportPlan_1 = require("../core/packages/exportPlan");
const check_1 = require("./check");
const metadata_2 = require("../core/extension/metadata");
const environment_1 = require("../core/packages/environment");
const locks_1 = require("../core/packages/locks");
const words_1 = require("./words");
/**
 * What `nbproject-lab export` can write.
 */
exports.EXPORT_FORMATS = ['requirements', 'pep723'];
/**
 * Export a notebook's stored packages (nbproject's `pypackage`) as a
 * `requirements.txt` or as its PEP 723 cell.
 *
 * @param format - what to write.
 * @param text - the notebook file's text.
 * @param name - the notebook's file name, for the requirements' header.
 * @param existing - for `requirements`, the text of the `requirements.txt`
 *   beside the notebook, or `null` when there is none; its pip options
 *   (`--index-url …`) are kept.
 * @returns the export, or a sentence saying why the notebook cannot be
 *   exported: `unreadable` when the file is not a notebook, `empty` when it
 *   stores no package versions.
 */
function exportNotebookText(format, text, name, existing) {
    const read = (0, check_1.readNotebookText)(text);
    if ('unreadable' in read) {
        return read;
    }
    const { json: notebook, cells, metadata } = read.notebook;
    const nbprojectRead = (0, metadata_1.readNbproject)(metadata[metadata_1.NBPROJECT_KEY]);
    const nbproject = nbprojectRead.metadata;
    const stored = nbproject?.pypackage ?? null;
    const invalid = nbprojectRead.problems.find(problem => problem.code === 'metadata.packagesNotObject' ||
        problem.code === 'metadata.notObject');
    if (stored === null && invalid !== undefined) {
        return {
            empty: `its nbproject metadata is not valid: ${(0, words_1.metadataIssueText)(invalid)}`
        };
    }
    if (stored === null) {
        return {
            empty: 'stores no package versions (nbproject\'s "pypackage"); publish it first'
        };
    }
    const problems = [];
    const storedKeys = new Set(Object.keys(stored).map(distributions_1.normalizeDistribution));
    // Only the imports: no other analysis of the code.
    const { imports } = (0, check_1.checkNotebookFor)(read.notebook, {
        imports: true,
        hiddenState: false
    });
    const unstored = (0, distributions_1.importedDistributions)(imports.modules.map(module => module.name)).filter(distribution => !storedKeys.has((0, distributions_1.normalizeDistribution)(distribution)));
    if (unstored.length > 0) {
        problems.push(`Imported but not stored, so not exported: ${unstored.join(', ')}.`);
    }
    if (format === 'requirements') {
        const plan = (0, exportPlan_1.planRequirementsExport)(stored, {
            id: nbproject?.id ?? null,
            version: nbproject?.version ?? null,
            notebook: name
        }, existing);
        problems.push(...plan.problems);
        const other = plan.otherNotebook;
        if (other) {
            const named = other.id === null
                ? other.notebook
                : `${other.id}${other.notebook === null ? '' : ` (${other.notebook})`}`;
            problems.push(`The existing requirements.txt was written for another notebook, ${named}: this replaces its packages with this notebook's.`);
        }
        return {
            export: {
                text: plan.text,
                changed: plan.changed,
                summary: plan.summary,
                problems
            }
        };
    }
    const plan = (0, exportPlan_1.planPep723Export)({
        cells,
        nbproject: metadata[metadata_1.NBPROJECT_KEY],
        languageInfo: metadata.language_info,
        packages: stored
    });
    problems.push(...plan.problems);
    if (plan.action === 'unchanged') {
        return {
            export: {
                text,
                changed: false,
                summary: (0, exportPlan_1.describePep723Plan)(plan),
                problems
            }
        };
    }
    Private.apply(notebook, plan);
    const indent = /^\{\r?\n( +)"/.exec(text.replace(/^\uFEFF/, ''))?.[1].length ?? 1;
    return {
        export: {
            text: `${JSON.stringify(notebook, null, indent)}\n`,
            changed: true,
            summary: (0, exportPlan_1.describePep723Plan)(plan),
            problems
        }
    };
}
/**
 * The lock files of the environment snapshot a notebook stores (see
 * `planLockExport`): `pylock.toml`, `requirements.lock.txt` and, for a
 * conda environment, `environment.yml`.
 *
 * @param text - the notebook file's text.
 * @param name - the notebook's file name, for the files' header.
 * @param existing - the text of a lock file beside the notebook, by file
 *   name, or `null` when there is none.
 * @returns each file's export, or why there is none: `unreadable` when
 *   the file is not a notebook, `empty` when it stores no snapshot.
 */
function exportLocksText(text, name, existing) {
    const read = (0, check_1.readNotebookText)(text);
    if ('unreadable' in read) {
        return read;
    }
    const snapshot = (0, environment_1.readEnvironmentSnapshot)(read.notebook.metadata[metadata_2.EXTENSION_KEY]);
    if (!snapshot.snapshot) {
        return {
            empty: 'stores no environment snapshot; publish it in JupyterLab with a running kernel first'
        };
    }
    const problems = snapshot.problems.map(words_1.snapshotIssueText);
    const files = [];
    for (const kind of locks_1.LOCK_KINDS) {
        const file = locks_1.LOCK_FILES[kind];
        const plan = (0, locks_1.planLockExport)(kind, snapshot, name, null);
        if (plan === null) {
            continue;
        }
        const planned = (0, locks_1.planLockExport)(kind, snapshot, name, existing(file));
        files.push({
            name: file,
            export: {
                text: planned.text,
                changed: planned.changed,
                summary: planned.summary,
                problems: files.length === 0 ? problems : []
            }
        });
    }
    return { files };
}
/**
 * Module internals.
 */
var Private;
(function (Private) {
    /**
     * Write the plan into the notebook's JSON, with the source as a list of
     * lines and the keys in the order nbformat writes them.
     */
    function apply(notebook, plan) {
        const source = lines(plan.source);
        if (plan.action === 'replace') {
            // Keep the form the file uses: one string, or a list of lines.
            const cell = notebook.cells[plan.index];
            cell.source = typeof cell.source === 'string' ? plan.source : source;
            return;
        }
        if (plan.cell === null) {
            return;
        }
        const minor = notebook.nbformat_minor;
        const ids = new Set(notebook.cells
            .map(cell => ((0, json_1.isJSONObject)(cell) ? cell.id : undefined))
            .filter(id => typeof id === 'string'));
        let id;
        if (typeof minor === 'number' && minor >= 5) {
            do {
                id = (0, ids_1.generateId)();
            } while (ids.has(id));
        }
        const { cell_type, execution_count, metadata, outputs } = plan.cell;
        notebook.cells.splice(plan.index, 0, {
            cell_type,
            execution_count,
            ...(id === undefined ? {} : { id }),
            metadata,
            outputs,
            source
        });
    }
    Private.apply = apply;
    /**
     * A source as nbformat stores it: lines that keep their newline.
     */
    function lines(source) {
        return source === '' ? [] : (source.match(/[^\n]*\n|[^\n]+$/g) ?? []);
    }
})(Private || (Private = {}));
