"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.parseRequirement = parseRequirement;
exports.isVersionSpecifier = isVersionSpecifier;
exports.isVersion = isVersion;
exports.pinnedVersion = pinnedVersion;
exports.isDistributionName = isDistributionName;
exports.pinnedRequirements = pinnedRequirements;
exports.parseRequirementsFile = parseRequirementsFile;
exports.renderRequirements = renderRequirements;
exports.requirementsOwner = requirementsOwner;
exports.diffRequirements = diffRequirements;
exports.isEmptyDiff = isEmptyDiff;
exports.describeDiff = describeDiff;
const distributions_1 = require("./distributions");
const text_1 = require("../common/text");
/**
 * Read a PEP 508 requirement leniently: the name, extras, version
 * specifier or URL, and marker. Never throws.
 *
 * @returns the requirement, or `null` when the text is not one.
 */
function parseRequirement(text) {
    const trimmed = text.trim();
    const match = Private.REQUIREMENT.exec(trimmed);
    if (!match) {
        return null;
    }
    const [, name, extras, rest] = match;
    let specifier = '';
    let url = null;
    let marker = null;
    if (rest.startsWith('@')) {
        // A marker after a URL must be set off by a space (PEP 508).
        const at = rest.slice(1).trim();
        // From the start of a run of spaces only: linear on a long run.
        const split = /(?<!\s)\s+;/.exec(at);
        url = (split ? at.slice(0, split.index) : at).trim();
        marker = split ? at.slice(split.index + split[0].length).trim() : null;
        if (url === '') {
            return null;
        }
    }
    else {
        const semicolon = rest.indexOf(';');
        const spec = (semicolon < 0 ? rest : rest.slice(0, semicolon)).replace(/\s+/g, '');
        marker = semicolon < 0 ? null : rest.slice(semicolon + 1).trim();
        specifier =
            spec.startsWith('(') && spec.endsWith(')') ? spec.slice(1, -1) : spec;
        if (specifier !== '' && !isVersionSpecifier(specifier)) {
            return null;
        }
    }
    if (marker === '') {
        return null;
    }
    return {
        name,
        key: (0, distributions_1.normalizeDistribution)(name),
        extras: extras === undefined
            ? []
            : extras
                .split(',')
                .map(extra => extra.trim())
                .filter(Boolean),
        specifier,
        version: pinnedVersion(specifier),
        url,
        marker,
        text: trimmed
    };
}
/**
 * Whether a string is a version specifier such as `>=3.11` or
 * `>=3.8,<3.10` (PEP 440; spaces allowed).
 */
function isVersionSpecifier(text) {
    const clauses = text.replace(/\s+/g, '').split(',');
    return clauses.every(clause => Private.CLAUSE.test(clause));
}
/**
 * Whether a string is a version as packages report it (PEP 440, leniently:
 * legacy versions are still versions to pip's `==`).
 */
function isVersion(text) {
    return Private.VERSION.test(text);
}
/**
 * The version a specifier pins exactly (`==1.2.3` or `===1.2.3`, spaces
 * removed), or `null` (a range, or a wildcard such as `==1.*`).
 */
function pinnedVersion(specifier) {
    const match = Private.PIN.exec(specifier);
    return match && isVersion(match[1]) ? match[1] : null;
}
/**
 * Whether a string is a valid distribution name (PEP 508).
 */
function isDistributionName(name) {
    return Private.NAME.test(name);
}
/**
 * The requirements pinning packages to their versions: `name==version`, or
 * `name` alone where the version is `""` (not installed or unknown), sorted
 * by normalised name. A name that is not a distribution name is left out
 * and a version that is not a version is left unpinned, each with a
 * problem: these come from strangers' metadata and end up in files that
 * `pip` and `uv` read.
 *
 * @param packages - distribution names and versions, e.g. `pypackage`.
 */
function pinnedRequirements(packages) {
    const problems = [];
    const byKey = new Map();
    for (const [name, rawVersion] of Object.entries(packages)) {
        if (!isDistributionName(name)) {
            problems.push(`${(0, text_1.quote)(name, Private.EXCERPT)} is not a package name; it is left out.`);
            continue;
        }
        let version = typeof rawVersion === 'string' ? rawVersion.trim() : '';
        if (version !== '' && !isVersion(version)) {
            problems.push(`The version ${(0, text_1.quote)(version, Private.EXCERPT)} of ${name} is not a version; ${name} is not pinned.`);
            version = '';
        }
        const requirement = parseRequirement(version === '' ? name : `${name}==${version}`);
        if (requirement && !byKey.has(requirement.key)) {
            byKey.set(requirement.key, requirement);
        }
    }
    Private.finish(problems);
    const requirements = [...byKey.values()].sort((a, b) => (0, text_1.compareText)(a.key, b.key));
    return { requirements, problems };
}
/**
 * Read a `requirements.txt` file as pip does: comments (`#` at the start
 * or after a space), blank lines and backslash continuations, per-line
 * options such as `--hash` after a requirement. Never throws.
 */
function parseRequirementsFile(text) {
    const out = { requirements: [], options: [], other: [] };
    const joined = text.replace(/\r\n?/g, '\n').replace(/\\\n/g, '');
    for (const raw of joined.split('\n')) {
        const line = Private.cutAt(raw, Private.COMMENT).trim();
        if (line === '') {
            continue;
        }
        if (line.startsWith('-')) {
            (/^(-e|--editable)(\s|=|$)/.test(line) ? out.other : out.options).push(line);
            continue;
        }
        // Options after a requirement apply to it alone (--hash=…).
        const requirement = parseRequirement(Private.cutAt(line, Private.OPTION));
        if (requirement) {
            out.requirements.push(requirement);
        }
        else {
            out.other.push(line);
        }
    }
    return out;
}
/**
 * Write a `requirements.txt`: a header comment naming the notebook's id and
 * version, then the given pip option lines, then one requirement per line.
 *
 * @param requirements - what to list, e.g. from {@link pinnedRequirements}.
 * @param header - the notebook the file belongs to.
 * @param options - pip option lines to keep from an existing file.
 */
function renderRequirements(requirements, header, options = []) {
    const { id, version, notebook } = header;
    const what = id
        ? `notebook ${Private.safe(id)}`
        : 'a notebook without an nbproject id';
    const lines = [
        `# Requirements of ${what}${version ? `, version ${Private.safe(version)}` : ''}${notebook ? ` (${Private.safe(notebook)})` : ''}.`,
        '# Written by jupyterlab-nbproject; install with: pip install -r requirements.txt',
        ...options,
        ...requirements.map(requirement => requirement.text)
    ];
    return `${lines.join('\n')}\n`;
}
/**
 * The notebook a `requirements.txt` was written for, read from the header
 * comment {@link renderRequirements} writes on its first line: its id
 * (`null` for a notebook without one) and its file name (`null` when not
 * given); `null` when the file does not start with that comment, or names
 * an id that is not one (letters, digits, `_` and `-`, at most 64). The
 * name is made printable and cut as the header writes it. Linear: one
 * pattern over the first line, itself cut.
 *
 * @param text - the file's text (anyone's).
 */
function requirementsOwner(text) {
    const end = text.indexOf('\n');
    const first = (end < 0 ? text : text.slice(0, end)).slice(0, 400);
    const match = /^# Requirements of (?:notebook ([A-Za-z0-9_-]{1,64})|a notebook without an nbproject id)(?:, version [^()]*)?(?: \(([^()]*)\))?\.\r?$/.exec(first);
    if (match === null) {
        return null;
    }
    const notebook = match[2] === undefined ? '' : Private.safe(match[2]);
    return { id: match[1] ?? null, notebook: notebook === '' ? null : notebook };
}
/**
 * Compare an old list of requirements with a new one.
 *
 * @param before - e.g. an existing file's, or `[]` when there is none.
 * @param after - what would be written.
 */
function diffRequirements(before, after) {
    const diff = {
        added: [],
        removed: [],
        changed: [],
        unchanged: []
    };
    const old = new Map();
    for (const requirement of before) {
        const id = Private.identity(requirement);
        if (!old.has(id)) {
            old.set(id, requirement);
        }
    }
    const seen = new Set();
    for (const requirement of after) {
        const id = Private.identity(requirement);
        if (seen.has(id)) {
            continue;
        }
        seen.add(id);
        const previous = old.get(id);
        if (!previous) {
            diff.added.push(requirement);
        }
        else if (Private.same(previous, requirement)) {
            diff.unchanged.push(requirement);
        }
        else {
            diff.changed.push({ before: previous, after: requirement });
        }
    }
    diff.removed = [...old.entries()]
        .filter(([id]) => !seen.has(id))
        .map(([, requirement]) => requirement);
    return diff;
}
/**
 * Whether a diff changes anything.
 */
function isEmptyDiff(diff) {
    return diff.added.length + diff.removed.length + diff.changed.length === 0;
}
/**
 * A diff as lines for a person: `+ numpy==1.26.4`, `- scipy`,
 * `~ pandas: ==2.1.0 -> ==2.2.2`, then a count of the unchanged ones.
 */
function describeDiff(diff) {
    const describe = (requirement) => requirement.url !== null
        ? `@ ${requirement.url}`
        : requirement.specifier || 'any version';
    const lines = [
        ...diff.added.map(requirement => `+ ${requirement.text}`),
        ...diff.removed.map(requirement => `- ${requirement.text}`),
        ...diff.changed.map(({ before, after }) => `~ ${after.name}: ${describe(before)} -> ${describe(after)}`)
    ];
    if (diff.unchanged.length > 0) {
        lines.push(`= ${diff.unchanged.length} unchanged`);
    }
    return lines;
}
/**
 * Module internals.
 */
var Private;
(function (Private) {
    /**
     * Most problems about single packages listed; the rest are counted.
     */
    const MAX_PROBLEMS = 5;
    /**
     * Longest excerpt of a stranger's string in a message.
     */
    Private.EXCERPT = 40;
    /**
     * A distribution name (PEP 508).
     */
    Private.NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/;
    /**
     * A requirement: name, optional extras, then the rest.
     */
    Private.REQUIREMENT = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[([A-Za-z0-9._,\s-]*)\])?\s*(.*)$/s;
    /**
     * One clause of a version specifier, spaces removed.
     */
    Private.CLAUSE = /^(?:~=|===|==|!=|<=|>=|<|>)[A-Za-z0-9.*+!_-]+$/;
    /**
     * A specifier that pins one version.
     */
    Private.PIN = /^===?([A-Za-z0-9.*+!_-]+)$/;
    /**
     * A version (see {@link isVersion}).
     */
    Private.VERSION = /^[A-Za-z0-9](?:[A-Za-z0-9.+!_-]*[A-Za-z0-9])?$/;
    /**
     * A comment in a `requirements.txt` line: `#` at the start or after a
     * space (see {@link cutAt}).
     */
    Private.COMMENT = /(?:^|\s)#/g;
    /**
     * The options after a requirement (`--hash=...`); only from the start of
     * a run of spaces (see {@link cutAt}).
     */
    Private.OPTION = /(?<!\s)\s+--?[A-Za-z]/g;
    /**
     * The line cut where `pattern` (global) first matches with nothing but
     * the rest of the line after it, as `line.replace(/pattern.*$/, '')`
     * does: `.` stops at a line break other than `\n`, so a match before one
     * does not count. Written as a loop because that pattern scans to the
     * break from every match, which is quadratic.
     */
    function cutAt(line, pattern) {
        const lastBreak = Math.max(line.lastIndexOf('\r'), line.lastIndexOf('\u2028'), line.lastIndexOf('\u2029'));
        pattern.lastIndex = 0;
        for (let match = pattern.exec(line); match; match = pattern.exec(line)) {
            // The match's last character must be after the last break.
            if (match.index + match[0].length - 1 > lastBreak) {
                return line.slice(0, match.index);
            }
        }
        return line;
    }
    Private.cutAt = cutAt;
    function identity(requirement) {
        return requirement.marker === null
            ? requirement.key
            : `${requirement.key};${requirement.marker.replace(/\s+/g, '')}`;
    }
    Private.identity = identity;
    function same(a, b) {
        const extras = (r) => r.extras.map(distributions_1.normalizeDistribution).sort().join(',');
        return (a.specifier === b.specifier && a.url === b.url && extras(a) === extras(b));
    }
    Private.same = same;
    /**
     * A stranger's string made safe for one comment line: no line breaks, no
     * control characters, a readable length.
     */
    function safe(value) {
        const flat = value
            .replace(/[\x00-\x1f\x7f-\x9f\u2028\u2029]+/g, ' ')
            .trim();
        return (0, text_1.cut)(flat, 80);
    }
    Private.safe = safe;
    /**
     * Cut a list of problems to its first few, counting the rest.
     */
    function finish(problems) {
        if (problems.length > MAX_PROBLEMS) {
            const more = problems.length - MAX_PROBLEMS;
            problems.splice(MAX_PROBLEMS, more, `…and ${more} more packages with problems.`);
        }
    }
    Private.finish = finish;
})(Private || (Private = {}));
