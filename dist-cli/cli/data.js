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
exports.UNRECORDED_NAMED = void 0;
exports.checkData = checkData;
exports.unrecordedText = unrecordedText;
exports.dataSummary = dataSummary;
exports.dataRoot = dataRoot;
exports.verifyNotebookData = verifyNotebookData;
const fs_1 = require("fs");
const os_1 = require("os");
const nodePath = __importStar(require("path"));
const files_1 = require("../core/data/files");
const manifest_1 = require("../core/data/manifest");
const words_1 = require("./words");
const paths_1 = require("../core/data/paths");
const metadata_1 = require("../core/extension/metadata");
const check_1 = require("./check");
const files_2 = require("./files");
const hash_1 = require("./hash");
const paths_2 = require("../core/data/paths");
/**
 * Verify the data manifests of notebooks headlessly: `nbproject-lab check
 * --data`. Each recorded file is hashed locally, streaming, relative to
 * its notebook's directory (`~` is the home directory), and compared
 * with the manifest; files the code reads that exist but are not
 * recorded are listed as new (they do not fail the check). Files are
 * hashed one after the other, and only regular files below the root that
 * are not hidden and not over the size cap are read at all. Never
 * rejects.
 *
 * @param notebooks - the notebook files, as the user gave them.
 * @param io - output, notebook reading and (optionally) hashing.
 * @param options - the root, hidden files, size cap; report format.
 * @returns the exit status over all notebooks.
 */
async function checkData(notebooks, io, options = {}) {
    let root;
    if (options.root !== undefined && options.root !== null) {
        try {
            root = await Private.folder(options.root);
        }
        catch (error) {
            io.stderr(`nbproject-lab: --root ${options.root}: ${(0, words_1.fileErrorText)(error)}\n`);
            return 2;
        }
    }
    let status = 0;
    const unrecorded = [];
    const folders = new Map();
    const closed = () => io.closed?.() ?? false;
    for (const file of notebooks) {
        if (closed()) {
            break;
        }
        const read = Private.readNotebook(file, io);
        if ('unreadable' in read) {
            io.stderr(`nbproject-lab: ${(0, words_1.printable)(file)}: data not checked (${read.unreadable})\n`);
            if (options.json) {
                io.stdout(`${JSON.stringify({ file, unreadable: read.unreadable, data: null })}\n`);
            }
            status = 2;
            continue;
        }
        const report = await verifyNotebookData(file, read.cells, read.extension, {
            root,
            allowHidden: options.allowHidden,
            maxSize: options.maxSize,
            hashFile: io.hashFile,
            folders,
            stop: closed
        });
        if (closed()) {
            // Nobody reads the report: the status is that of those written.
            break;
        }
        if (!options.json &&
            notebooks.length > 1 &&
            !report.recorded &&
            report.files.length === 0) {
            // Of many notebooks (a folder, a hook's run), those that record
            // nothing and read no data file are named together at the end.
            unrecorded.push(file);
            continue;
        }
        io.stdout(options.json
            ? `${JSON.stringify({ file, data: report })}\n`
            : Private.describe(file, report));
        if (!report.ok && status === 0) {
            status = 1;
        }
    }
    if (unrecorded.length > 0 && !closed()) {
        io.stdout(unrecordedText(unrecorded));
    }
    return status;
}
/**
 * The paragraph that names, at the end of a human data report on several
 * notebooks, those with no data manifest that read no data file.
 */
function unrecordedText(files) {
    const count = (0, words_1.notebookCount)(files.length);
    const verb = files.length === 1 ? 'records' : 'record';
    return `${count} ${verb} no data files and read none (no data manifest; publishing in JupyterLab records the files a notebook reads): ${(0, words_1.someNamed)(files.map(words_1.printable), exports.UNRECORDED_NAMED)}\n`;
}
/**
 * The most notebooks {@link unrecordedText} names.
 */
exports.UNRECORDED_NAMED = 10;
/**
 * A notebook's data report in one line, as the text report's `data`
 * line starts: `3 recorded: 2 unchanged, 1 changed, 0 missing; 1 new`,
 * or that the notebook records no data files.
 */
function dataSummary(report) {
    const { counts } = (0, manifest_1.summarizeData)(report.files);
    const recordedCount = counts.unchanged + counts.changed + counts.missing;
    const notRead = report.files.filter(entry => entry.stored !== null && entry.unread !== undefined).length;
    return report.recorded
        ? `${recordedCount} recorded: ${counts.unchanged} unchanged, ${counts.changed} changed, ${counts.missing - notRead} missing${notRead > 0 ? `, ${notRead} not read` : ''}${counts.new > 0 ? `; ${counts.new} new` : ''}`
        : 'no data manifest (publish the notebook in JupyterLab to record its data files)';
}
/**
 * The root a notebook's data files must be in when none is given: the
 * nearest folder at or above the notebook's that has a `.git` (a folder,
 * or a file in a linked work tree or submodule), else the notebook's own.
 *
 * @param directory - the notebook's folder, absolute and resolved.
 */
async function dataRoot(directory) {
    for (let dir = directory;; dir = nodePath.dirname(dir)) {
        try {
            await fs_1.promises.lstat(nodePath.join(dir, '.git'));
            return dir;
        }
        catch {
            // Not here: look further up.
        }
        if (nodePath.dirname(dir) === dir) {
            return directory;
        }
    }
}
/**
 * Verify one notebook's data manifest against the files next to it.
 * Never rejects.
 *
 * @param notebookFile - the notebook's path (relative paths in the
 *   manifest are resolved against its directory).
 * @param cells - its cells, to find files read but not recorded.
 * @param extensionValue - its `metadata.jupyterlab_nbproject`, as found.
 * @param options - the root, hidden files, size cap and hasher.
 */
async function verifyNotebookData(notebookFile, cells, extensionValue, options = {}) {
    const manifest = (0, manifest_1.readDataManifest)(extensionValue);
    // The folder holding the notebook (not the target of a linked notebook):
    // the kernel's working directory, where its relative paths start.
    const folder = nodePath.dirname(nodePath.resolve(notebookFile));
    let resolving = options.folders?.get(folder);
    if (resolving === undefined) {
        resolving = Private.real(folder).then(async (directory) => ({
            directory,
            root: options.root ?? (await dataRoot(directory))
        }));
        options.folders?.set(folder, resolving);
    }
    const { directory, root } = await resolving;
    const allowHidden = options.allowHidden ?? false;
    const read = (path) => options.stop?.()
        ? Promise.resolve({ missing: true })
        : Private.read(path, directory, root, {
            allowHidden,
            maxSize: options.maxSize ?? paths_1.DEFAULT_MAX_DATA_SIZE,
            hashFile: options.hashFile ?? hash_1.hashFileStreaming
        });
    const recorded = new Set(manifest.entries.map(entry => entry.path));
    const current = [];
    const failures = new Map();
    const unreadNew = [];
    for (const entry of manifest.entries) {
        const outcome = await read(entry.path);
        if ('digest' in outcome) {
            current.push({ path: entry.path, ...outcome.digest });
        }
        else if ('error' in outcome) {
            failures.set(entry.path, outcome);
        }
    }
    // Files the code reads now but the manifest does not record, if there.
    const found = options.found ?? (0, files_1.notebookDataFiles)(cells, (0, check_1.pythonParser)());
    for (const { path } of found.files) {
        // A hidden file (`.env`) is not data to record: not suggested.
        if (recorded.has(path) || !(0, paths_1.suggestRecording)(path, allowHidden)) {
            continue;
        }
        const outcome = await read(path);
        if ('unread' in outcome &&
            !(0, paths_1.suggestRecording)(path, allowHidden, outcome.unread === 'hidden')) {
            continue;
        }
        if ('digest' in outcome) {
            current.push({ path, ...outcome.digest });
        }
        else if ('unread' in outcome && outcome.unread !== undefined) {
            unreadNew.push({
                path: (0, paths_2.normalizeDataPath)(path),
                status: 'new',
                stored: null,
                current: null,
                ...outcome
            });
        }
    }
    const comparisons = (0, manifest_1.compareManifest)(manifest.entries, current);
    const files = comparisons.map(comparison => {
        const failure = failures.get(comparison.path);
        return failure === undefined ? comparison : { ...comparison, ...failure };
    });
    const seen = new Set(files.map(file => file.path));
    files.push(...unreadNew.filter(file => !seen.has(file.path) && !!seen.add(file.path)));
    return {
        recorded: manifest.present,
        ok: (0, manifest_1.summarizeData)(comparisons).ok,
        files,
        problems: manifest.problems.map(words_1.manifestIssueText),
        issues: manifest.problems,
        root
    };
}
/**
 * Module internals.
 */
var Private;
(function (Private) {
    /**
     * Read a notebook file for its cells and the extension's metadata.
     */
    function readNotebook(file, io) {
        let text;
        try {
            text = io.readFile(file);
        }
        catch (error) {
            return {
                unreadable: `cannot read (${(0, words_1.fileErrorText)(error)})`
            };
        }
        // The same rules, and words, as the other checks.
        const read = (0, check_1.readNotebookText)(text);
        if ('unreadable' in read) {
            return read;
        }
        const { cells, metadata } = read.notebook;
        return { cells, extension: metadata[metadata_1.EXTENSION_KEY] };
    }
    Private.readNotebook = readNotebook;
    /**
     * A folder given by the user, absolute and resolved; throws when it is
     * not a folder.
     */
    async function folder(path) {
        const resolved = await fs_1.promises.realpath(expandHome(path));
        if (!(await fs_1.promises.stat(resolved)).isDirectory()) {
            throw new Error('not a folder');
        }
        return resolved;
    }
    Private.folder = folder;
    /**
     * A path with its symbolic links resolved, or as it is when that fails.
     */
    async function real(path) {
        try {
            return await fs_1.promises.realpath(path);
        }
        catch {
            return path;
        }
    }
    Private.real = real;
    /**
     * `~` is the home directory, as in the kernel.
     */
    function expandHome(path) {
        return /^~(?=$|[\\/])/.test(path) ? (0, os_1.homedir)() + path.slice(1) : path;
    }
    /**
     * Hash one data file if it may be read: its path as written must stay
     * below the root and not go through hidden names (checked without the
     * file system), and so must its real path once symbolic links are
     * resolved; then only a regular file within the size cap is read.
     *
     * @param path - the path as the manifest or the code has it.
     * @param directory - the notebook's folder, resolved.
     * @param root - the root, resolved.
     */
    async function read(path, directory, root, options) {
        const { allowHidden, maxSize } = options;
        const expanded = expandHome(path);
        const refused = (unread, size = null) => ({
            error: refusal(unread, root, size, maxSize),
            unread
        });
        // As written: nothing outside the root is even looked at.
        const lexical = (0, paths_1.refuseDataPath)(root, nodePath.resolve(directory, expanded), allowHidden);
        if (lexical !== null) {
            return refused(lexical);
        }
        let target;
        try {
            // Not path.resolve: `link/..` must mean what the system makes of it.
            target = await fs_1.promises.realpath(nodePath.isAbsolute(expanded)
                ? expanded
                : `${directory}${nodePath.sep}${expanded}`);
        }
        catch (error) {
            return (0, hash_1.hashErrorCode)(error) === 'missing'
                ? { missing: true }
                : { error: (0, words_1.fileErrorText)(error) };
        }
        const resolved = (0, paths_1.refuseDataPath)(root, target, allowHidden);
        if (resolved !== null) {
            return refused(resolved);
        }
        try {
            return { digest: await options.hashFile(target, { maxSize }) };
        }
        catch (error) {
            if (error instanceof files_2.RefusedFileError && error.refusal !== 'symlink') {
                return error.code === 'EISDIR'
                    ? {
                        error: 'a directory, not a file; not read',
                        unread: error.refusal
                    }
                    : refused(error.refusal, error.size);
            }
            return (0, hash_1.hashErrorCode)(error) === 'missing'
                ? { missing: true }
                : { error: (0, words_1.fileErrorText)(error) };
        }
    }
    Private.read = read;
    /**
     * Why a file was not read, in words.
     */
    function refusal(unread, root, size, maxSize) {
        const { why, hint } = (0, words_1.dataRefusalWords)(unread, { root, size, maxSize });
        return `${why}, not read${hint === undefined ? '' : `; ${hint}`}`;
    }
    /**
     * The text report on one notebook, in the layout of the other checks.
     */
    function describe(file, report) {
        const lines = [(0, words_1.printable)(file)];
        // The texts quote the notebook's manifest: control characters are
        // written out, so that none starts a line of its own (a GitHub
        // workflow command).
        const block = (label, texts) => {
            texts.forEach((text, i) => {
                lines.push(`  ${(i === 0 ? label : '').padEnd(12)} ${(0, words_1.printable)(text)}`);
            });
        };
        block('data', [
            dataSummary(report),
            ...report.files
                .filter(entry => entry.status !== 'unchanged')
                .map(entry => `${(entry.stored !== null && entry.unread ? 'not read' : entry.status).padEnd(8)} ${entry.path}${detail(entry)}`),
            ...report.problems
        ]);
        return `${lines.join('\n')}\n\n`;
    }
    Private.describe = describe;
    /**
     * Why a file was not read, without the `not read` that ends its
     * sentence (`outside the root /repo, not read`), for a line that
     * starts with it.
     */
    function withoutNotRead(error) {
        const at = Math.max(error.lastIndexOf(', not read'), error.lastIndexOf('; not read'));
        return at < 0
            ? error
            : error.slice(0, at) + error.slice(at + ', not read'.length);
    }
    /**
     * The parenthesis after a file that is not unchanged.
     */
    function detail(entry) {
        const { stored, current } = entry;
        if (entry.status === 'changed' && stored && current) {
            return ` (recorded ${stored.size} bytes, sha256 ${stored.sha256.slice(0, 12)}…; now ${current.size} bytes, ${current.sha256.slice(0, 12)}…)`;
        }
        if (entry.status === 'missing') {
            // A file not read is labelled so: its reason does not say it again.
            return entry.error
                ? ` (${entry.unread ? withoutNotRead(entry.error) : entry.error})`
                : ' (no such file)';
        }
        if (entry.status === 'new') {
            return current
                ? ` (read by the notebook, not recorded; ${current.size} bytes)`
                : ` (read by the notebook, not recorded; ${entry.error ?? 'not read'})`;
        }
        return '';
    }
})(Private || (Private = {}));
