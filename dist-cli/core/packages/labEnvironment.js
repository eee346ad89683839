"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.PREFIX_MANAGERS = void 0;
exports.labEnvironmentVerdict = labEnvironmentVerdict;
exports.readLabSide = readLabSide;
exports.serverVersionFrom = serverVersionFrom;
exports.installedVersion = installedVersion;
const json_1 = require("../common/json");
const distributions_1 = require("./distributions");
/**
 * The extension managers JupyterLab ships, whose `install_path` is the
 * server's `sys.prefix`; another manager may put anything there.
 */
exports.PREFIX_MANAGERS = ['PyPI', 'read-only'];
/**
 * Tell whether a kernel's environment is the one JupyterLab runs in, from
 * what the page and the kernel say, never more than they say. The paths
 * decide when both are known (JupyterLab's own manager installing into
 * the kernel's prefix, or not); else the same JupyterLab (or
 * jupyter_server) version in the kernel's environment makes it probable.
 *
 * @param lab - what the page says.
 * @param kernel - what the kernel says.
 */
function labEnvironmentVerdict(lab, kernel) {
    const prefix = kernel.prefix;
    if (prefix && lab.installPath && exports.PREFIX_MANAGERS.includes(lab.managerName)) {
        return Private.samePath(prefix, lab.installPath)
            ? { code: 'labEnvironment.same', params: { prefix } }
            : {
                code: 'labEnvironment.other',
                params: { prefix, installPath: lab.installPath }
            };
    }
    const pairs = [
        ['jupyterlab', lab.jupyterlab],
        ['jupyter_server', lab.jupyterServer]
    ];
    for (const [name, version] of pairs) {
        if (version && kernel.version((0, distributions_1.normalizeDistribution)(name)) === version) {
            return {
                code: 'labEnvironment.sameVersion',
                params: { prefix, package: name, version }
            };
        }
    }
    return { code: 'labEnvironment.unknown', params: { prefix } };
}
/**
 * What the page says about JupyterLab's environment, from its page
 * configuration as JupyterLab's `PageConfig.getOption` gives it (`""` when
 * absent; objects as JSON text). Lenient: what does not read is unknown.
 *
 * @param option - an option's value by name.
 */
function readLabSide(option) {
    let manager = null;
    try {
        manager = JSON.parse(option('extensionManager') || 'null');
    }
    catch {
        manager = null;
    }
    const field = (key) => {
        const value = (0, json_1.isJSONObject)(manager) ? manager[key] : undefined;
        return typeof value === 'string' ? value : '';
    };
    return {
        jupyterlab: option('appVersion') || '',
        jupyterServer: serverVersionFrom(option('notebookVersion') || ''),
        managerName: field('name'),
        installPath: field('install_path')
    };
}
/**
 * jupyter_server's version from the page's `notebookVersion`, the JSON
 * text of its version tuple (`"[2, 21, 1]"` → `2.21.1`); `""` when it is
 * not one.
 *
 * @param value - the page configuration's value.
 */
function serverVersionFrom(value) {
    let parts;
    try {
        parts = JSON.parse(value);
    }
    catch {
        return '';
    }
    if (!Array.isArray(parts) ||
        parts.length === 0 ||
        !parts.every(part => (typeof part === 'number' && Number.isInteger(part) && part >= 0) ||
            (typeof part === 'string' && /^[A-Za-z0-9]+$/.test(part)))) {
        return '';
    }
    // `(2, 0, 0, 'rc1')` is 2.0.0rc1.
    const numbers = parts.filter(part => typeof part === 'number').join('.');
    const tail = parts.filter(part => typeof part === 'string').join('');
    return numbers ? `${numbers}${tail}` : '';
}
/**
 * The installed version of a distribution in the kernel's environment, as
 * the comparison with the snapshot tells it: its drift row's live version
 * (`null` when missing); without a row, the stored version (the same as
 * the installed one); not stored and no row: not installed, unless the
 * snapshot is partial (`undefined`: unknown).
 *
 * @param read - the stored snapshot.
 * @param drift - the kernel's environment against it.
 * @param key - the distribution's PEP 503 name.
 */
function installedVersion(read, drift, key) {
    const row = drift.rows.find(candidate => candidate.key === key);
    if (row) {
        return row.live;
    }
    const stored = read.packages.get(key);
    if (stored) {
        return stored.version;
    }
    return read.snapshot && !read.snapshot.partial ? null : undefined;
}
/**
 * Module internals.
 */
var Private;
(function (Private) {
    /**
     * Whether two absolute paths name the same folder as written: trailing
     * separators ignored; on Windows (a drive letter) `\` and `/` alike and
     * letters' case ignored. Links are not followed (the page cannot).
     */
    function samePath(a, b) {
        return canonical(a) === canonical(b);
    }
    Private.samePath = samePath;
    function canonical(path) {
        const windows = /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\');
        const slashed = windows ? path.replace(/\\/g, '/').toLowerCase() : path;
        return slashed.length > 1 ? slashed.replace(/\/+$/, '') : slashed;
    }
})(Private || (Private = {}));
