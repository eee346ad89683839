"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.DATA_FILE_STATUSES = exports.DATA_KEY = void 0;
exports.readDataManifest = readDataManifest;
exports.withDataManifest = withDataManifest;
exports.compareManifest = compareManifest;
exports.summarizeData = summarizeData;
exports.isSha256 = isSha256;
const metadata_1 = require("../extension/metadata");
const json_1 = require("../common/json");
const text_1 = require("../common/text");
const tally_1 = require("../common/tally");
const paths_1 = require("./paths");
/**
 * The key, inside the extension's metadata (`jupyterlab_nbproject`), under
 * which publishing records the data files the notebook read:
 *
 * ```json
 * "jupyterlab_nbproject": {
 *   "schema_version": 1,
 *   "history": [...],
 *   "data": {
 *     "files": [
 *       {"path": "data/iris.csv", "sha256": "<64 lowercase hex digits>", "size": 4551},
 *       {"path": "../shared/labels.json", "sha256": "…", "size": 912, "added": true}
 *     ]
 *   }
 * }
 * ```
 *
 * `path` is relative to the notebook's directory (or absolute, as the code
 * wrote it), with `/` separators; `size` is in bytes; `added` marks a file
 * the user added by hand because no reader in the code names it, so that
 * the next publish keeps it. `data` is an object so that later fields can
 * sit beside `files`; keys this version does not know are kept.
 */
exports.DATA_KEY = 'data';
/**
 * The statuses of {@link DataFileStatus}.
 */
exports.DATA_FILE_STATUSES = [
    'unchanged',
    'changed',
    'missing',
    'new'
];
/**
 * Read the data manifest from the value stored under the extension's key
 * (`metadata.jupyterlab_nbproject`). Never throws: entries that are not
 * `{path, sha256, size}` with a non-empty path, 64 hex digits and a whole
 * non-negative size are left out with a problem each; a path recorded
 * twice keeps its first entry.
 *
 * @param extensionValue - the value under `jupyterlab_nbproject`, as found.
 */
function readDataManifest(extensionValue) {
    const data = (0, metadata_1.readExtension)(extensionValue).value[exports.DATA_KEY];
    if (data === undefined) {
        return { present: false, entries: [], problems: [] };
    }
    const files = (0, json_1.isJSONObject)(data) ? data.files : undefined;
    if (!Array.isArray(files)) {
        return {
            present: true,
            entries: [],
            problems: [{ code: 'manifest.notList' }]
        };
    }
    const problems = [];
    const seen = new Set();
    const entries = [];
    files.forEach((file, index) => {
        const entry = Private.toEntry(file);
        if (entry === null) {
            problems.push({ code: 'manifest.badEntry', params: { index } });
        }
        else if (seen.has(entry.path)) {
            problems.push({
                code: 'manifest.duplicate',
                params: { path: (0, text_1.cut)(entry.path, Private.MAX_EXCERPT) }
            });
        }
        else {
            seen.add(entry.path);
            entries.push(entry);
        }
    });
    return { present: true, entries, problems };
}
/**
 * The value to store under the extension's key with a new data manifest:
 * every other key is kept (the publish history among them), and so are
 * keys of the old `data` object other than `files`. An old `data` value
 * that is not an object is kept under `data_unreadable`. Entries are
 * normalized, sorted by path and made unique (the last entry for a path
 * wins).
 *
 * @param extensionValue - the value under `jupyterlab_nbproject`, as found.
 * @param entries - the files to record.
 */
function withDataManifest(extensionValue, entries) {
    const previous = (0, metadata_1.readExtension)(extensionValue).value[exports.DATA_KEY];
    const byPath = new Map();
    for (const entry of entries) {
        const path = (0, paths_1.normalizeDataPath)(entry.path);
        byPath.set(path, {
            path,
            sha256: entry.sha256.toLowerCase(),
            size: entry.size,
            ...(entry.added ? { added: true } : {})
        });
    }
    const files = [...byPath.values()].sort((a, b) => (0, text_1.compareText)(a.path, b.path));
    return (0, metadata_1.withExtensionPart)(extensionValue, exports.DATA_KEY, { ...((0, json_1.isJSONObject)(previous) ? previous : {}), files }, previous === undefined || (0, json_1.isJSONObject)(previous));
}
/**
 * Compare the recorded files with what is there now. Pure: the caller
 * hashes (in the kernel, or in Node for the CLI) and passes the digests
 * of the files it found; a recorded file without a current digest is
 * `missing`, a current file not recorded is `new`. Paths are compared
 * after `normalizeDataPath`.
 *
 * @param stored - the manifest's entries.
 * @param current - digests of the files as they are now.
 * @returns one comparison per path: the recorded files in stored order,
 *   then the new ones in the order given.
 */
function compareManifest(stored, current) {
    const now = new Map();
    for (const file of current) {
        const path = (0, paths_1.normalizeDataPath)(file.path);
        if (!now.has(path)) {
            now.set(path, { sha256: file.sha256, size: file.size });
        }
    }
    const out = [];
    const recorded = new Set();
    for (const entry of stored) {
        const path = (0, paths_1.normalizeDataPath)(entry.path);
        if (recorded.has(path)) {
            continue;
        }
        recorded.add(path);
        const digest = now.get(path) ?? null;
        out.push({
            path,
            status: digest === null
                ? 'missing'
                : digest.size === entry.size &&
                    digest.sha256.toLowerCase() === entry.sha256.toLowerCase()
                    ? 'unchanged'
                    : 'changed',
            stored: entry,
            current: digest
        });
    }
    for (const [path, digest] of now) {
        if (!recorded.has(path)) {
            out.push({ path, status: 'new', stored: null, current: digest });
        }
    }
    return out;
}
/**
 * Count a comparison's verdicts.
 *
 * @param comparisons - as {@link compareManifest} returns them.
 */
function summarizeData(comparisons) {
    const counts = (0, tally_1.tally)(comparisons, exports.DATA_FILE_STATUSES);
    return { counts, ok: counts.changed === 0 && counts.missing === 0 };
}
/**
 * Whether a string is a SHA-256 digest in hex (either case).
 *
 * @param value - any value.
 */
function isSha256(value) {
    return typeof value === 'string' && /^[0-9a-fA-F]{64}$/.test(value);
}
/**
 * Module internals.
 */
var Private;
(function (Private) {
    /**
     * Longest excerpt of a path in a problem sentence.
     */
    Private.MAX_EXCERPT = 80;
    /**
     * A stored entry, validated and normalized, or `null`.
     */
    function toEntry(value) {
        if (!(0, json_1.isJSONObject)(value)) {
            return null;
        }
        const { path, sha256, size, added } = value;
        if (typeof path !== 'string' ||
            (0, paths_1.normalizeDataPath)(path) === '' ||
            !isSha256(sha256) ||
            typeof size !== 'number' ||
            !Number.isSafeInteger(size) ||
            size < 0) {
            return null;
        }
        return {
            path: (0, paths_1.normalizeDataPath)(path),
            sha256: sha256.toLowerCase(),
            size,
            ...(added === true ? { added: true } : {})
        };
    }
    Private.toEntry = toEntry;
})(Private || (Private = {}));
