"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.readDeclared = readDeclared;
exports.readUvLock = readUvLock;
exports.readPipfile = readPipfile;
exports.readPipfileLock = readPipfileLock;
exports.declaredVersions = declaredVersions;
const distributions_1 = require("./distributions");
const json_1 = require("../common/json");
const pep723_1 = require("./pep723");
const requirements_1 = require("./requirements");
const toml_1 = require("./toml");
const text_1 = require("../common/text");
/**
 * Read the dependencies that other tools declared in a notebook: a PEP 723
 * block, `uv.lock`, jupyterlab-requirements' Pipfile and Pipfile.lock.
 * Each source present gives one result, even when nothing in it could be
 * read (its problems say why). Never throws.
 *
 * @param cells - the notebook's cells, in order.
 * @param metadata - the notebook's metadata (any JSON value).
 */
function readDeclared(cells, metadata) {
    const out = [];
    const pep723 = (0, pep723_1.readPep723)(cells);
    if (pep723.block !== null || pep723.problems.length > 0) {
        const block = pep723.block;
        out.push({
            source: 'pep723',
            cell: block?.cell ?? null,
            requiresPython: block?.metadata.requiresPython ?? null,
            dependencies: Private.unique((block?.metadata.dependencies ?? []).map(({ name, specifier, version }) => ({
                name,
                key: (0, distributions_1.normalizeDistribution)(name),
                specifier,
                version
            }))),
            problems: pep723.problems.map(message => ({
                code: 'declared.pep723',
                params: { message }
            }))
        });
    }
    if (!(0, json_1.isJSONObject)(metadata)) {
        return out;
    }
    if (metadata['uv.lock'] !== undefined) {
        out.push(readUvLock(metadata['uv.lock']));
    }
    if (metadata.requirements !== undefined) {
        out.push(readPipfile(metadata.requirements));
    }
    if (metadata.requirements_lock !== undefined) {
        out.push(readPipfileLock(metadata.requirements_lock));
    }
    return out;
}
/**
 * Read the packages of a uv lock (`[[package]]` tables: `name` and
 * `version` only). The project itself, locked without a version, is listed
 * without one.
 *
 * @param value - the stored `metadata["uv.lock"]`, a TOML string.
 */
function readUvLock(value) {
    const result = Private.result('uv.lock');
    if (typeof value !== 'string') {
        result.problems.push({
            code: 'declared.lockNotText',
            params: { value: (0, text_1.valueShape)(value) }
        });
        return result;
    }
    const parsed = (0, toml_1.parseToml)(value);
    for (const { line, message } of parsed.problems) {
        result.problems.push({ code: 'declared.toml', params: { line, message } });
    }
    const requiresPython = parsed.root['requires-python'];
    if (typeof requiresPython === 'string' &&
        (0, requirements_1.isVersionSpecifier)(requiresPython)) {
        result.requiresPython = requiresPython.trim();
    }
    const packages = 'package' in parsed.root ? parsed.root.package : undefined;
    if (packages === undefined) {
        return result;
    }
    if (!Array.isArray(packages)) {
        result.problems.push({ code: 'declared.packagesNotList' });
        return result;
    }
    Private.readEntries(result, packages, 'uv.lock', entry => {
        const name = (0, toml_1.isTomlTable)(entry) ? entry.name : undefined;
        const version = (0, toml_1.isTomlTable)(entry) ? entry.version : undefined;
        if (typeof name !== 'string' || !(0, requirements_1.isDistributionName)(name)) {
            return {
                code: 'declared.packageName',
                params: { value: name === undefined ? null : (0, text_1.valueShape)(name) }
            };
        }
        if (version !== undefined &&
            (typeof version !== 'string' || !(0, requirements_1.isVersion)(version))) {
            return {
                code: 'declared.lockVersion',
                params: { name, value: (0, text_1.valueShape)(version) }
            };
        }
        return Private.exact(name, version ?? null);
    });
    return result;
}
/**
 * Read the `[packages]` of a Pipfile as jupyterlab-requirements stores it:
 * `{"packages": {"pandas": "==1.2.3", "numpy": "*", "rich": {"version":
 * ">=13"}}, "requires": {"python_version": "3.11"}}`.
 *
 * @param value - the stored `metadata.requirements`: JSON text, or the
 *   object itself.
 */
function readPipfile(value) {
    return Private.readRequirementsTool(value, 'requirements', 'Pipfile', (pipfile, result) => {
        result.requiresPython = Private.pythonVersion(pipfile.requires);
        Private.readPackageTable(result, pipfile, 'packages', 'Pipfile', (name, entry) => {
            const raw = (0, json_1.isJSONObject)(entry) ? (entry.version ?? '*') : entry;
            if (typeof raw !== 'string' ||
                (raw.trim() !== '*' && !(0, requirements_1.isVersionSpecifier)(raw))) {
                return {
                    code: 'declared.notSpecifier',
                    params: { name, value: (0, text_1.valueShape)(raw) }
                };
            }
            const specifier = raw.trim() === '*' ? '' : raw.replace(/\s+/g, '');
            return {
                name,
                key: (0, distributions_1.normalizeDistribution)(name),
                specifier,
                version: (0, requirements_1.pinnedVersion)(specifier)
            };
        });
    });
}
/**
 * Read the `default` packages of a Pipfile.lock as jupyterlab-requirements
 * stores it: `{"default": {"pandas": {"version": "==1.2.3", "hashes":
 * [...]}}, "_meta": {"requires": {"python_version": "3.11"}}}`.
 *
 * @param value - the stored `metadata.requirements_lock`: JSON text, or the
 *   object itself.
 */
function readPipfileLock(value) {
    return Private.readRequirementsTool(value, 'requirements_lock', 'Pipfile.lock', (lock, result) => {
        if ((0, json_1.isJSONObject)(lock._meta)) {
            result.requiresPython = Private.pythonVersion(lock._meta.requires);
        }
        Private.readPackageTable(result, lock, 'default', 'Pipfile.lock', (name, entry) => {
            const raw = (0, json_1.isJSONObject)(entry) ? entry.version : undefined;
            if (raw === undefined) {
                // Locked from a VCS or a path: no version to compare.
                return Private.exact(name, null);
            }
            const version = typeof raw === 'string'
                ? (0, requirements_1.pinnedVersion)(raw.replace(/\s+/g, ''))
                : null;
            return version === null
                ? {
                    code: 'declared.notPinned',
                    params: { name, value: (0, text_1.valueShape)(raw) }
                }
                : Private.exact(name, version);
        });
    });
}
/**
 * Declared dependencies as `{name: version}` (`""` where no exact version
 * is declared), the shape `comparePackages` takes for stored packages, so
 * that declared-but-not-installed and installed-but-undeclared packages
 * show as stored ones do.
 */
function declaredVersions(declared) {
    return Object.fromEntries(declared.dependencies.map(dependency => [
        dependency.name,
        dependency.version ?? ''
    ]));
}
/**
 * Module internals.
 */
var Private;
(function (Private) {
    /**
     * Most problems about single packages listed; the rest are counted.
     */
    const MAX_PROBLEMS = 3;
    function result(source) {
        return {
            source,
            cell: null,
            requiresPython: null,
            dependencies: [],
            problems: []
        };
    }
    Private.result = result;
    function exact(name, version) {
        return {
            name,
            key: (0, distributions_1.normalizeDistribution)(name),
            specifier: version === null ? '' : `==${version}`,
            version
        };
    }
    Private.exact = exact;
    /**
     * Read a source's packages with `read`, which gives a dependency or
     * why the entry cannot be read; past the first few, such problems are
     * counted. A name read twice keeps its first entry.
     *
     * @param file - the file the entries are in, for the count.
     */
    function readEntries(result, entries, file, read) {
        const bad = new Counter(result.problems, file);
        for (const entry of entries) {
            const dependency = read(entry);
            if ('code' in dependency) {
                bad.add(dependency);
            }
            else {
                result.dependencies.push(dependency);
            }
        }
        bad.finish();
        result.dependencies = unique(result.dependencies);
    }
    Private.readEntries = readEntries;
    /**
     * Read the object of packages under `key` of a Pipfile or a lock
     * (`{"pandas": …}`): nothing when there is none, a problem when it is
     * not an object, a problem for each name that is not a package name;
     * `read` reads the rest (see {@link readEntries}).
     */
    function readPackageTable(result, container, key, file, read) {
        const packages = container[key];
        if (packages === undefined) {
            return;
        }
        if (!(0, json_1.isJSONObject)(packages)) {
            result.problems.push({
                code: 'declared.tableNotObject',
                params: { key, value: (0, text_1.valueShape)(packages) }
            });
            return;
        }
        readEntries(result, Object.entries(packages), file, ([name, entry]) => (0, requirements_1.isDistributionName)(name)
            ? read(name, entry)
            : {
                code: 'declared.notPackageName',
                params: { name: (0, text_1.quote)(name, Private.EXCERPT) }
            });
    }
    Private.readPackageTable = readPackageTable;
    /**
     * The first of each normalised name.
     */
    function unique(dependencies) {
        const seen = new Set();
        return dependencies.filter(dependency => !seen.has(dependency.key) && !!seen.add(dependency.key));
    }
    Private.unique = unique;
    /**
     * A Pipfile's `requires`: `python_full_version` as `==3.11.7`, or
     * `python_version` as `==3.11.*`.
     */
    function pythonVersion(requires) {
        if (!(0, json_1.isJSONObject)(requires)) {
            return null;
        }
        const full = requires.python_full_version;
        if (typeof full === 'string' && /^\d+(\.\d+)*$/.test(full.trim())) {
            return `==${full.trim()}`;
        }
        const short = requires.python_version;
        if (typeof short === 'string' && /^\d+(\.\d+)?$/.test(short.trim())) {
            return `==${short.trim()}.*`;
        }
        return null;
    }
    Private.pythonVersion = pythonVersion;
    /**
     * Read what jupyterlab-requirements stores (a Pipfile or its lock, as
     * JSON text or as the object itself) with `read`; a value that is not a
     * JSON object is a problem.
     */
    function readRequirementsTool(value, source, what, read) {
        const declared = result(source);
        const stored = json(value, what, declared.problems);
        if (stored !== null) {
            read(stored, declared);
        }
        return declared;
    }
    Private.readRequirementsTool = readRequirementsTool;
    /**
     * An object stored as JSON text or as itself, or `null` with a problem.
     */
    function json(value, file, problems) {
        let parsed = value;
        if (typeof value === 'string') {
            try {
                parsed = JSON.parse(value);
            }
            catch (error) {
                problems.push({
                    code: 'declared.notJson',
                    params: { file, detail: (0, text_1.cut)(error.message, Private.EXCERPT) }
                });
                return null;
            }
        }
        if (!(0, json_1.isJSONObject)(parsed)) {
            problems.push({
                code: 'declared.notObject',
                params: { file, value: (0, text_1.valueShape)(parsed) }
            });
            return null;
        }
        return parsed;
    }
    Private.json = json;
    /**
     * Collects problems about single packages, the first few one by one.
     */
    class Counter {
        constructor(problems, file) {
            this.problems = problems;
            this.file = file;
            this.count = 0;
        }
        add(problem) {
            if (++this.count <= MAX_PROBLEMS) {
                this.problems.push(problem);
            }
        }
        finish() {
            if (this.count > MAX_PROBLEMS) {
                this.problems.push({
                    code: 'declared.more',
                    params: { file: this.file, count: this.count - MAX_PROBLEMS }
                });
            }
        }
    }
    Private.Counter = Counter;
    /**
     * Longest excerpt of a stranger's name or message in a problem.
     */
    Private.EXCERPT = 40;
})(Private || (Private = {}));
