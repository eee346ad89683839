"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.readPublishHistory = readPublishHistory;
exports.lastPublished = lastPublished;
exports.withoutPublishHistory = withoutPublishHistory;
exports.appendPublishRecord = appendPublishRecord;
exports.withLastRecord = withLastRecord;
const json_1 = require("../common/json");
const metadata_1 = require("./metadata");
/**
 * Read the publish history from the extension's metadata. Never throws.
 *
 * @param extensionValue - the value under `jupyterlab_nbproject`, as found.
 */
function readPublishHistory(extensionValue) {
    const read = (0, metadata_1.readExtension)(extensionValue);
    const { value } = read;
    const problems = [...read.problems];
    const stored = value.history ?? [];
    if (!Array.isArray(stored)) {
        problems.push({ code: 'history.notList' });
    }
    const records = (Array.isArray(stored) ? stored : []).filter((entry) => {
        const ok = (0, json_1.isJSONObject)(entry) &&
            typeof entry.version === 'string' &&
            typeof entry.time === 'string' &&
            typeof entry.code_sha256 === 'string';
        if (!ok) {
            problems.push({ code: 'history.badRecord' });
        }
        return ok;
    });
    return { records, problems };
}
/**
 * The most recent publication, if any.
 *
 * @param history - as {@link readPublishHistory} reads it.
 */
function lastPublished(history) {
    return history.records.length > 0
        ? history.records[history.records.length - 1]
        : null;
}
/**
 * The extension's metadata for a copy of the notebook (a remix): the
 * publications were the source's, so a stored history is emptied; every
 * other key stays, and a value without a history is returned as it is.
 *
 * @param extensionValue - the source's value under `jupyterlab_nbproject`.
 */
function withoutPublishHistory(extensionValue) {
    const { value } = (0, metadata_1.readExtension)(extensionValue);
    return 'history' in value ? { ...value, history: [] } : extensionValue;
}
/**
 * The value to store under the extension's key after appending a record:
 * the stored list as it was (entries this version cannot read included),
 * then the record; every other key is kept, and a history that is not a
 * list is kept under `history_unreadable`.
 *
 * @param extensionValue - the value under `jupyterlab_nbproject`, as found.
 * @param record - the publication.
 */
function appendPublishRecord(extensionValue, record) {
    const previous = (0, metadata_1.readExtension)(extensionValue).value.history;
    const readable = previous === undefined || Array.isArray(previous);
    return (0, metadata_1.withExtensionPart)(extensionValue, 'history', [...(Array.isArray(previous) ? previous : []), { ...record }], readable);
}
/**
 * The extension's value with fields changed in the last record of its
 * history (the publication being made); as it is without a history.
 *
 * @param extensionValue - the value under `jupyterlab_nbproject`.
 * @param change - the fields to set.
 */
function withLastRecord(extensionValue, change) {
    const history = Array.isArray(extensionValue.history)
        ? [...extensionValue.history]
        : [];
    if (history.length === 0) {
        return extensionValue;
    }
    history[history.length - 1] = { ...history[history.length - 1], ...change };
    return { ...extensionValue, history };
}
