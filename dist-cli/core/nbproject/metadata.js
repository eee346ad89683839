"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.NBPROJECT_KEYS = exports.NBPROJECT_KEY = void 0;
exports.readNbproject = readNbproject;
exports.serializeNbproject = serializeNbproject;
exports.updateNbproject = updateNbproject;
exports.createNbproject = createNbproject;
exports.authorLabel = authorLabel;
exports.parentList = parentList;
const ids_1 = require("./ids");
const json_1 = require("../common/json");
const text_1 = require("../common/text");
/**
 * The notebook-level metadata key nbproject owns.
 */
exports.NBPROJECT_KEY = 'nbproject';
/**
 * The keys of nbproject's full form, in the order nbformat writes them
 * (alphabetical).
 */
exports.NBPROJECT_KEYS = [
    'id',
    'parent',
    'pypackage',
    'time_init',
    'user_handle',
    'user_id',
    'user_name',
    'version'
];
/**
 * Read `metadata.nbproject` of any JSON value. Never throws.
 *
 * @param value - the stored value (`undefined` when the key is absent).
 */
function readNbproject(value) {
    if (value === undefined) {
        return {
            present: false,
            valid: false,
            problems: [],
            migrations: [],
            metadata: null,
            vintage: null
        };
    }
    if (!(0, json_1.isJSONObject)(value)) {
        return {
            present: true,
            valid: false,
            problems: [
                { code: 'metadata.notObject', params: { value: (0, text_1.valueShape)(value) } }
            ],
            migrations: [],
            metadata: null,
            vintage: null
        };
    }
    const problems = [];
    const migrations = [];
    const unreadable = {};
    const extra = Object.fromEntries(Object.entries(value).filter(([key]) => !exports.NBPROJECT_KEYS.includes(key)));
    const text = (key, required) => {
        const raw = value[key];
        if (typeof raw === 'string') {
            return raw;
        }
        if (raw === undefined || raw === null) {
            if (required) {
                problems.push({
                    code: 'metadata.fieldMissing',
                    params: { field: key }
                });
            }
            return null;
        }
        unreadable[key] = raw;
        problems.push({
            code: 'metadata.fieldNotText',
            params: { field: key, value: (0, text_1.valueShape)(raw) }
        });
        return null;
    };
    let id = text('id', false);
    if (id === null && !('id' in unreadable)) {
        // Only a notebook with no id at all migrates from the legacy key.
        if (value.id === undefined && typeof value.uid === 'string' && value.uid) {
            id = value.uid;
            migrations.push({ code: 'metadata.legacyUid' });
        }
        else {
            problems.push({ code: 'metadata.fieldMissing', params: { field: 'id' } });
        }
    }
    let version = null;
    const rawVersion = value.version;
    if (typeof rawVersion === 'number' && isFinite(rawVersion)) {
        // Keep the number readable but say nbproject rejects it.
        version = String(rawVersion);
        unreadable.version = rawVersion;
        problems.push({ code: 'metadata.versionNumber', params: { version } });
    }
    else {
        version = text('version', true);
    }
    if (version === 'draft') {
        migrations.push({ code: 'metadata.draftVersion' });
    }
    const timeInit = text('time_init', true);
    if (timeInit !== null && (0, ids_1.parseTimestamp)(timeInit) === null) {
        problems.push({
            code: 'metadata.timeNotIso',
            params: { time: (0, text_1.quote)(timeInit, Private.EXCERPT) }
        });
    }
    const metadata = {
        id,
        version,
        time_init: timeInit,
        pypackage: Private.readPackages(value.pypackage, problems, unreadable),
        parent: Private.readParent(value.parent, problems, unreadable),
        user_handle: text('user_handle', false),
        user_id: text('user_id', false),
        user_name: text('user_name', false),
        extra,
        unreadable
    };
    const keys = Object.keys(value);
    const vintage = 'uid' in value || version === 'draft'
        ? 'legacy'
        : exports.NBPROJECT_KEYS.every(key => keys.includes(key))
            ? 'full'
            : 'cli';
    return {
        present: true,
        valid: problems.length === 0,
        problems,
        migrations,
        metadata,
        vintage
    };
}
/**
 * Serialise metadata to nbproject's full form: all 8 keys (nulls where
 * unset) plus every extra key found on reading.
 *
 * A field that was unreadable is written back exactly as it was found until
 * it is replaced with {@link updateNbproject}: writing never changes or loses
 * data the user did not ask to change.
 */
function serializeNbproject(metadata) {
    const out = { ...metadata.extra };
    for (const key of exports.NBPROJECT_KEYS) {
        out[key] = Private.clone(key in metadata.unreadable ? metadata.unreadable[key] : metadata[key]);
    }
    return out;
}
/**
 * Return a copy of the metadata with some fields replaced. A replaced field
 * is no longer "unreadable": its new value is what will be written.
 */
function updateNbproject(metadata, changes) {
    const unreadable = { ...metadata.unreadable };
    for (const key of Object.keys(changes)) {
        delete unreadable[key];
    }
    return { ...metadata, ...changes, unreadable };
}
/**
 * Create fresh nbproject metadata as nbproject's `header()` does: a new id,
 * `version: "1"`, `time_init` now in UTC, every other key `null`.
 */
function createNbproject(options = {}) {
    return {
        id: (0, ids_1.generateId)(options.random),
        version: '1',
        time_init: (0, ids_1.formatTimestamp)(options.now ?? new Date()),
        pypackage: null,
        parent: null,
        user_handle: null,
        user_id: null,
        user_name: null,
        extra: {},
        unreadable: {}
    };
}
/**
 * The author as nbproject shows it: `name (handle)`, or whichever of the two
 * is set; `null` when neither is.
 */
function authorLabel(metadata) {
    const { user_name: name, user_handle: handle } = metadata;
    if (name && handle) {
        return `${name} (${handle})`;
    }
    return name || handle || null;
}
/**
 * The parents as a list (nbproject stores one id or a list of ids).
 */
function parentList(metadata) {
    const { parent } = metadata;
    if (parent === null) {
        return [];
    }
    return typeof parent === 'string' ? [parent] : parent;
}
/**
 * Module internals.
 */
var Private;
(function (Private) {
    /**
     * Longest excerpt of a stranger's value quoted in a message.
     */
    Private.EXCERPT = 40;
    /**
     * Most packages named in problems about their versions.
     */
    const MAX_PACKAGE_PROBLEMS = 5;
    function readPackages(raw, problems, unreadable) {
        if (raw === undefined || raw === null) {
            return null;
        }
        if (!(0, json_1.isJSONObject)(raw)) {
            unreadable.pypackage = raw;
            problems.push({
                code: 'metadata.packagesNotObject',
                params: { value: (0, text_1.valueShape)(raw) }
            });
            return null;
        }
        let broken = 0;
        const entries = Object.entries(raw).map(([name, version]) => {
            if (typeof version === 'string') {
                return [name, version];
            }
            unreadable.pypackage = raw;
            // A few examples are readable; thousands of lines are not.
            if (++broken <= MAX_PACKAGE_PROBLEMS) {
                problems.push({
                    code: 'metadata.packageVersionNotText',
                    params: { name: (0, text_1.quote)(name, Private.EXCERPT), value: (0, text_1.valueShape)(version) }
                });
            }
            return [name, typeof version === 'number' ? String(version) : ''];
        });
        if (broken > MAX_PACKAGE_PROBLEMS) {
            problems.push({
                code: 'metadata.morePackageVersionsNotText',
                params: { count: broken - MAX_PACKAGE_PROBLEMS }
            });
        }
        return Object.fromEntries(entries);
    }
    Private.readPackages = readPackages;
    function readParent(raw, problems, unreadable) {
        if (raw === undefined || raw === null || typeof raw === 'string') {
            return raw ?? null;
        }
        if (Array.isArray(raw) && raw.every(item => typeof item === 'string')) {
            return raw;
        }
        unreadable.parent = raw;
        problems.push({
            code: 'metadata.parentNotIds',
            params: { value: (0, text_1.valueShape)(raw) }
        });
        return null;
    }
    Private.readParent = readParent;
    /**
     * Deep-copy a JSON value so callers never share objects with a model.
     *
     * Iterative, not `JSON.parse(JSON.stringify())`: a stranger's value may
     * nest deeper than the call stack allows. Keys are defined, not assigned,
     * so a `"__proto__"` key stays an own key as `JSON.parse` made it;
     * `undefined` and functions are dropped as `JSON.stringify` drops them.
     */
    function clone(value) {
        const copy = (item) => Array.isArray(item)
            ? new Array(item.length)
            : (0, json_1.isJSONObject)(item)
                ? {}
                : item;
        const root = copy(value);
        const todo = [[value, root]];
        while (todo.length > 0) {
            const [from, to] = todo.pop();
            if (from === null || typeof from !== 'object') {
                continue;
            }
            for (const [key, item] of Object.entries(from)) {
                if (item === undefined || typeof item === 'function') {
                    // As JSON has it: left out of an object, null in a list.
                    if (Array.isArray(to)) {
                        to[Number(key)] = null;
                    }
                    continue;
                }
                const target = copy(item);
                Object.defineProperty(to, key, {
                    value: target,
                    enumerable: true,
                    writable: true,
                    configurable: true
                });
                todo.push([item, target]);
            }
        }
        return root;
    }
    Private.clone = clone;
})(Private || (Private = {}));
