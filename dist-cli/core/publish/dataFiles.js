"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.dataFilesToHash = dataFilesToHash;
exports.dataManifestEntries = dataManifestEntries;
const files_1 = require("../data/files");
const manifest_1 = require("../data/manifest");
const paths_1 = require("../data/paths");
const hashRequest_1 = require("../kernel/hashRequest");
const text_1 = require("../common/text");
/**
 * The data files to hash on publishing: those the code reads, those the
 * manifest already records (a file read in a way the analysis cannot
 * follow stays recorded), and those the user adds now, each once, sorted.
 *
 * @param cells - the notebook's cells.
 * @param parser - the Python parser (the code is read for the files it reads).
 * @param extensionValue - the stored `metadata.jupyterlab_nbproject`.
 * @param added - paths the user adds by hand.
 */
function dataFilesToHash(cells, parser, extensionValue, added = []) {
    const files = new Map();
    const put = (path, byHand, stored) => {
        const key = (0, paths_1.normalizeDataPath)(path);
        if (key === '') {
            return;
        }
        const known = files.get(key);
        const file = {
            path: key,
            added: byHand || (known?.added ?? false)
        };
        const recorded = stored ?? known?.stored;
        if (recorded) {
            file.stored = recorded;
        }
        files.set(key, file);
    };
    for (const file of (0, files_1.notebookDataFiles)(cells, parser).files) {
        put(file.path, false);
    }
    for (const entry of (0, manifest_1.readDataManifest)(extensionValue).entries) {
        put(entry.path, entry.added === true, entry);
    }
    for (const path of added) {
        put(path, true);
    }
    return [...files.values()].sort((a, b) => (0, text_1.compareText)(a.path, b.path));
}
/**
 * The manifest entries publishing records: every file the kernel hashed.
 * A file it did not read by rule (outside the project, hidden, not a
 * regular file, too large, not finished) keeps the entry already
 * recorded for it, as it was, and gets none if it had none: no digest of
 * a file outside the project is ever made by publishing. Files that are
 * missing or unreadable now are left out (the `data` check names them).
 * `null` when nothing was hashed: the stored manifest is kept as it was.
 *
 * @param data - the hashing's outcome.
 */
function dataManifestEntries(data) {
    const { results } = data;
    if (results === null) {
        return null;
    }
    const entries = [];
    for (const file of data.files) {
        const result = results.get(file.path);
        if ((0, hashRequest_1.isFileDigest)(result)) {
            entries.push({
                path: file.path,
                sha256: result.sha256,
                size: result.size,
                ...(file.added ? { added: true } : {})
            });
        }
        else if ((result === undefined || (0, hashRequest_1.isHashSkip)(result)) && file.stored) {
            entries.push(file.stored);
        }
    }
    return entries;
}
