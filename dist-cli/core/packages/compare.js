"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.DECLARED_STATUSES = exports.PACKAGE_STATUSES = void 0;
exports.pairWithKernel = pairWithKernel;
exports.comparePackages = comparePackages;
exports.compareDeclared = compareDeclared;
exports.summarizeComparison = summarizeComparison;
exports.summarizeDeclared = summarizeDeclared;
exports.installCommand = installCommand;
exports.isInstallableVersion = isInstallableVersion;
exports.recordLiveVersions = recordLiveVersions;
const tally_1 = require("../common/tally");
const distributions_1 = require("./distributions");
const requirements_1 = require("./requirements");
const text_1 = require("../common/text");
/**
 * The statuses of {@link PackageStatus}.
 */
exports.PACKAGE_STATUSES = [
    'match',
    'mismatch',
    'missing',
    'unstored',
    'unknown'
];
/**
 * The statuses of {@link DeclaredStatus}.
 */
exports.DECLARED_STATUSES = [
    'match',
    'mismatch',
    'missing',
    'installed',
    'undeclared',
    'unknown'
];
/**
 * Pair what a source lists with the kernel's installed versions: the
 * walk both comparisons share. One pair per normalised name: the listed
 * entries in the order given, then the imported distributions the source
 * does not list, in the order given.
 *
 * @param listed - the source's entries.
 * @param nameOf - an entry's distribution name.
 * @param live - installed versions of the distributions the kernel was
 *   asked about (`""` = not installed), or `null` without a kernel; a
 *   value that is not a string (a stranger's) counts as not installed.
 * @param imported - distributions the notebook imports.
 */
function pairWithKernel(listed, nameOf, live, imported) {
    const installed = Private.byKey(live ?? {});
    const pairs = new Map();
    const add = (name, entry) => {
        const key = (0, distributions_1.normalizeDistribution)(name);
        if (!pairs.has(key)) {
            pairs.set(key, {
                name,
                key,
                listed: entry,
                installed: installed.get(key)
            });
        }
    };
    for (const entry of listed) {
        add(nameOf(entry), entry);
    }
    for (const name of imported) {
        add(name, null);
    }
    return [...pairs.values()];
}
/**
 * Compare stored package versions with the kernel's.
 *
 * Rows are the stored packages and the imported ones, keyed by PEP 503
 * normalised name and sorted by it. Packages only installed (not stored,
 * not imported) are not listed.
 *
 * @param stored - `pypackage` from the metadata, or `null`.
 * @param live - installed distributions and versions (`""` = not
 *   installed), or `null` when no kernel told us.
 * @param imported - distributions the notebook imports.
 */
function comparePackages(stored, live, imported) {
    return pairWithKernel(Object.entries(stored ?? {}), ([name]) => name, live, imported)
        .sort((a, b) => (0, text_1.compareText)(a.key, b.key))
        .map(({ name, key, listed, installed }) => {
        // A version that is not a string (stored by a stranger) is no version.
        const storedVersion = listed === null ? null : typeof listed[1] === 'string' ? listed[1] : '';
        const liveVersion = live === null ? null : installed || null;
        let status;
        if (storedVersion === null) {
            status = 'unstored';
        }
        else if (live === null) {
            status = 'unknown';
        }
        else if (liveVersion === null) {
            status = 'missing';
        }
        else {
            status = storedVersion === liveVersion ? 'match' : 'mismatch';
        }
        return { name, key, stored: storedVersion, live: liveVersion, status };
    });
}
/**
 * Compare what one source declares with the kernel's installed versions.
 * Rows: the declared dependencies in the order read, then the imported
 * distributions this source does not declare.
 *
 * @param declared - one source, from `readDeclared`.
 * @param live - installed versions of the distributions the kernel was
 *   asked about (`""` = not installed), or `null` without a kernel. A
 *   name the kernel was not asked about is `unknown`, not `missing`.
 * @param imported - distributions the notebook imports.
 */
function compareDeclared(declared, live, imported) {
    return pairWithKernel(declared.dependencies, dependency => dependency.name, live, imported).map(({ name, key, listed, installed }) => {
        let status;
        if (listed === null) {
            status = 'undeclared';
        }
        else if (live === null || installed === undefined) {
            status = 'unknown';
        }
        else if (installed === '') {
            status = 'missing';
        }
        else if (listed.version === null) {
            status = 'installed';
        }
        else {
            status = listed.version === installed ? 'match' : 'mismatch';
        }
        return {
            name,
            key,
            declared: listed?.specifier ?? null,
            live: installed || null,
            status
        };
    });
}
/**
 * How many packages have each status.
 */
function summarizeComparison(rows) {
    return (0, tally_1.tally)(rows, exports.PACKAGE_STATUSES);
}
/**
 * How many declared rows have each status.
 */
function summarizeDeclared(rows) {
    return (0, tally_1.tally)(rows, exports.DECLARED_STATUSES);
}
/**
 * A shell command that installs the stored pinned versions, e.g.
 * `pip install numpy==1.26.4 pandas==2.2.2`, sorted by normalised name.
 *
 * Names and versions come from the notebook, so from anyone: only a
 * valid distribution name (PEP 508) pinned to a valid version (PEP 440,
 * with a local label but without an epoch, whose `!` interactive bash
 * and zsh expand) is written. Such words are made of letters, digits and
 * `.`, `_`, `-`, `+`, `=` alone, so the command needs no quoting in any
 * shell (POSIX sh, PowerShell, cmd): nothing else is quoted or escaped,
 * it is left out and counted. Packages stored without a version are not
 * installed (and not counted).
 *
 * @param packages - comparison rows, or a stored `pypackage` object.
 */
function installCommand(packages) {
    const pins = Private.isRows(packages)
        ? packages.map((row) => [row.name, row.stored ?? ''])
        : Object.entries(packages);
    const byKey = new Map();
    let leftOut = 0;
    for (const [name, version] of pins) {
        if (typeof version !== 'string' || version === '') {
            continue;
        }
        if (!(0, requirements_1.isDistributionName)(name) || !Private.PEP440.test(version)) {
            leftOut++;
            continue;
        }
        const key = (0, distributions_1.normalizeDistribution)(name);
        if (!byKey.has(key)) {
            byKey.set(key, `${name}==${version}`);
        }
    }
    const args = [...byKey.entries()]
        .sort(([a], [b]) => (0, text_1.compareText)(a, b))
        .map(([, arg]) => arg);
    return {
        command: args.length > 0 ? `pip install ${args.join(' ')}` : '',
        leftOut
    };
}
/**
 * Whether a version can be pinned in an install command without quoting:
 * a PEP 440 version as pip accepts it, without an epoch (see
 * {@link installCommand}).
 *
 * @param version - the version, from anyone.
 */
function isInstallableVersion(version) {
    return Private.PEP440.test(version);
}
/**
 * The `pypackage` to store when the user records the live versions: stored
 * packages take their installed version (a package that is not installed
 * keeps what was stored, since nothing better is known), and imported
 * packages that were not stored are added with theirs. Stored spellings and
 * packages not in the comparison are kept.
 *
 * @param stored - the stored `pypackage`, or `null`.
 * @param rows - the comparison made with a live kernel.
 */
function recordLiveVersions(stored, rows) {
    // A Map, then an object of own keys: a package named "__proto__" is
    // a name like any other, not the object's prototype.
    const out = new Map(Object.entries(stored ?? {}));
    const storedName = new Map([...out.keys()].map(name => [(0, distributions_1.normalizeDistribution)(name), name]));
    for (const row of rows) {
        if (row.live !== null) {
            out.set(storedName.get(row.key) ?? row.name, row.live);
        }
    }
    return Object.fromEntries(out);
}
/**
 * Module internals.
 */
var Private;
(function (Private) {
    /**
     * Versions by normalised name; the first spelling wins, and a value that
     * is not a string (stored by a stranger) counts as no version.
     */
    function byKey(versions) {
        const out = new Map();
        for (const [name, version] of Object.entries(versions)) {
            const key = (0, distributions_1.normalizeDistribution)(name);
            if (!out.has(key)) {
                out.set(key, typeof version === 'string' ? version : '');
            }
        }
        return out;
    }
    Private.byKey = byKey;
    function isRows(packages) {
        return Array.isArray(packages);
    }
    Private.isRows = isRows;
    /**
     * A PEP 440 version as pip accepts it (any case, `v` prefix, `-`, `_`
     * or `.` separators, a local label), without an epoch (`1!2.0`): a `!`
     * is history expansion in interactive bash and zsh.
     */
    Private.PEP440 = /^v?\d+(?:\.\d+)*(?:[-_.]?(?:a|b|c|rc|alpha|beta|pre|preview)[-_.]?\d*)?(?:-\d+|[-_.]?(?:post|rev|r)[-_.]?\d*)?(?:[-_.]?dev[-_.]?\d*)?(?:\+[a-z\d]+(?:[-_.][a-z\d]+)*)?$/i;
})(Private || (Private = {}));
