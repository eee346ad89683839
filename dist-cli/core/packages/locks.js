"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.LOCK_KINDS = exports.LOCK_FILES = void 0;
exports.planLockExport = planLockExport;
exports.pylockWithoutSource = pylockWithoutSource;
exports.pylockText = pylockText;
exports.requirementsLockText = requirementsLockText;
exports.condaEnvironmentText = condaEnvironmentText;
exports.lockRequirements = lockRequirements;
const environment_1 = require("./environment");
const distributions_1 = require("./distributions");
const exportPlan_1 = require("./exportPlan");
const requirements_1 = require("./requirements");
const toml_1 = require("./toml");
// The kinds and file names live apart so that what names a lock file
// does not load the writers.
var lockFiles_1 = require("./lockFiles");
Object.defineProperty(exports, "LOCK_FILES", { enumerable: true, get: function () { return lockFiles_1.LOCK_FILES; } });
Object.defineProperty(exports, "LOCK_KINDS", { enumerable: true, get: function () { return lockFiles_1.LOCK_KINDS; } });
/**
 * Plan one lock file from the stored snapshot.
 *
 * @param kind - which file.
 * @param read - the stored snapshot (see `readEnvironmentSnapshot`).
 * @param notebook - the notebook's file name, for the header comment.
 * @param existing - the existing file's text, or `null` when there is none.
 * @returns the plan, or `null` when there is nothing to write: no
 *   snapshot, or `conda` for an environment that is not one.
 */
function planLockExport(kind, read, notebook, existing) {
    const text = kind === 'pylock'
        ? pylockText(read, notebook)
        : kind === 'requirements'
            ? requirementsLockText(read, notebook)
            : condaEnvironmentText(read, notebook);
    if (text === null) {
        return null;
    }
    const diff = (0, requirements_1.diffRequirements)(existing === null ? [] : lockRequirements(kind, existing), lockRequirements(kind, text));
    const changed = text !== existing;
    return {
        text,
        changed,
        overwrites: existing !== null && changed,
        summary: (0, exportPlan_1.exportSummary)(existing !== null, diff),
        withoutSource: kind === 'pylock' ? pylockWithoutSource(read) : []
    };
}
/**
 * The packages of a snapshot whose `pylock.toml` entry has no source
 * PEP 751 accepts, names as stored, in the file's order. PEP 751 wants
 * each package's wheel or sdist with its URL (or path) and hashes, or a
 * VCS, directory or hashed archive source. An installed environment keeps
 * neither the URL nor the hash of the file a package was installed from
 * an index (its `RECORD` hashes the installed files, not the archive), so
 * those entries carry name and version only, as does an archive whose
 * `direct_url.json` records no hash: strict readers (packaging's `pylock`)
 * refuse them. Found without network; linear in the packages.
 *
 * @param read - the stored snapshot.
 */
function pylockWithoutSource(read) {
    if (!read.snapshot) {
        return [];
    }
    return [...read.packages.values()]
        .filter(pkg => !pkg.source || (pkg.source.kind === 'archive' && !pkg.source.sha256))
        .map(pkg => pkg.name);
}
/**
 * `pylock.toml` (PEP 751) of the snapshot: `lock-version`, `created-by`,
 * `requires-python`, and one `[[packages]]` per distribution with its
 * normalised name and version, or its `vcs`, `directory` or `archive`
 * source from `direct_url.json` (a source tree has no version, as the
 * standard asks). The snapshot does not know the hashes of the files
 * installed from an index, so those packages carry name and version only,
 * and a comment at the top says how many (see {@link pylockWithoutSource})
 * and the first line's install hint names `requirements.lock.txt`.
 *
 * @returns the text, or `null` without a snapshot.
 */
function pylockText(read, notebook) {
    const { snapshot } = read;
    if (!snapshot) {
        return null;
    }
    const minor = snapshot.python.split('.').slice(0, 2).join('.');
    const withoutSource = pylockWithoutSource(read).length;
    const lines = [
        ...Private.header(read, notebook, 
        // Installers refuse a file with entries lacking a source: the hint
        // names the companion file, which pins the same versions.
        withoutSource > 0
            ? 'uv pip install -r requirements.lock.txt, written beside it (see below)'
            : 'a PEP 751 installer (uv pip install -r pylock.toml)'),
        ...Private.withoutSourceNote(withoutSource),
        'lock-version = "1.0"',
        'created-by = "jupyterlab-nbproject"',
        ...(/^\d+\.\d+$/.test(minor)
            ? [`requires-python = ${(0, toml_1.tomlString)(`==${minor}.*`)}`]
            : [])
    ];
    for (const [key, pkg] of read.packages) {
        lines.push('', '[[packages]]', `name = ${(0, toml_1.tomlString)(key)}`);
        const source = pkg.source;
        if (!source || source.kind === 'archive') {
            lines.push(`version = ${(0, toml_1.tomlString)(pkg.version)}`);
        }
        if (source) {
            lines.push('', ...Private.pylockSource(source));
        }
    }
    return `${lines.join('\n')}\n`;
}
/**
 * `requirements.lock.txt` of the snapshot: every distribution
 * `name==version`, or `name @ url` (PEP 508) when not from an index, a
 * VCS one at its commit.
 *
 * @returns the text, or `null` without a snapshot.
 */
function requirementsLockText(read, notebook) {
    if (!read.snapshot) {
        return null;
    }
    const lines = [
        ...Private.header(read, notebook, 'pip install -r requirements.lock.txt'),
        ...[...read.packages.values()].map(pkg => pkg.source
            ? `${pkg.name} @ ${(0, environment_1.directUrl)(pkg.source)}`
            : `${pkg.name}==${pkg.version}`)
    ];
    return `${lines.join('\n')}\n`;
}
/**
 * `environment.yml` of a conda snapshot: the conda packages as exact
 * `channel::name=version=build` specs, and the distributions pip (or
 * another Python installer) put there under `pip:`.
 *
 * @returns the text, or `null` when the snapshot is not of a conda
 *   environment.
 */
function condaEnvironmentText(read, notebook) {
    const { snapshot } = read;
    if (!snapshot?.conda) {
        return null;
    }
    const conda = snapshot.conda
        .map(environment_1.parseCondaSpec)
        .filter((pkg) => pkg !== null);
    const condaNames = new Set(conda.map(pkg => (0, distributions_1.normalizeDistribution)(pkg.name)));
    const channels = [
        ...new Set(conda.map(pkg => Private.channelName(pkg.channel)))
    ].filter(channel => channel !== '');
    const pip = [...read.packages.entries()]
        .filter(([key]) => !condaNames.has(key))
        .map(([, pkg]) => pkg.source
        ? `${pkg.name} @ ${(0, environment_1.directUrl)(pkg.source)}`
        : `${pkg.name}==${pkg.version}`);
    const stem = notebook.replace(/\.ipynb$/i, '');
    const lines = [
        ...Private.header(read, notebook, 'conda env create -f environment.yml'),
        `name: ${Private.yaml(stem.replace(/[^A-Za-z0-9_.-]+/g, '-') || 'notebook')}`,
        ...(channels.length > 0
            ? ['channels:', ...channels.map(c => `  - ${Private.yaml(c)}`)]
            : []),
        'dependencies:',
        ...conda.map(pkg => {
            const channel = Private.channelName(pkg.channel);
            return `  - ${Private.yaml(`${channel ? `${channel}::` : ''}${pkg.name}=${pkg.version}${pkg.build ? `=${pkg.build}` : ''}`)}`;
        }),
        ...(pip.length > 0
            ? ['  - pip:', ...pip.map(line => `    - ${Private.yaml(line)}`)]
            : [])
    ];
    return `${lines.join('\n')}\n`;
}
/**
 * The packages a lock file of one kind lists, as requirements (`name==version`
 * or `name @ url`), for the overwrite summary. Lenient: what cannot be
 * read is left out.
 *
 * @param kind - the file's kind.
 * @param text - its text.
 */
function lockRequirements(kind, text) {
    const specs = [];
    if (kind === 'pylock') {
        const packages = (0, toml_1.parseToml)(text).root['packages'];
        for (const pkg of Array.isArray(packages) ? packages : []) {
            if (!(0, toml_1.isTomlTable)(pkg) || typeof pkg['name'] !== 'string') {
                continue;
            }
            const vcs = pkg['vcs'];
            const directory = pkg['directory'];
            specs.push((0, toml_1.isTomlTable)(vcs)
                ? `${pkg['name']} @ ${vcs['url']}@${vcs['commit-id']}`
                : (0, toml_1.isTomlTable)(directory)
                    ? `${pkg['name']} @ ${directory['path']}`
                    : `${pkg['name']}==${pkg['version']}`);
        }
    }
    else {
        for (const line of text.split('\n')) {
            const item = kind === 'requirements' ? line : /^\s*- (.*)$/.exec(line)?.[1];
            // Conda's channels and `pip:` are no packages: every spec has a `=`.
            if (item === undefined ||
                item.startsWith('#') ||
                (kind === 'conda' && !item.includes('='))) {
                continue;
            }
            const unquoted = item.startsWith('"') ? Private.unquote(item) : item;
            const conda = (0, environment_1.parseCondaSpec)(unquoted.replace(/=/, '=='));
            specs.push(kind === 'conda' && conda && !unquoted.includes('==')
                ? `${conda.name}==${conda.version}`
                : unquoted);
        }
    }
    return specs
        .map(requirements_1.parseRequirement)
        .filter((req) => req !== null);
}
/**
 * Module internals.
 */
var Private;
(function (Private) {
    /**
     * The comment lines every lock file starts with: what it is of, and
     * how to use it.
     */
    function header(read, notebook, use) {
        const snapshot = read.snapshot;
        return [
            `# The environment ${safe(notebook)} was published with: Python ${safe(snapshot.python)} (${safe(snapshot.implementation)}) on ${safe(snapshot.platform)}.`,
            `# Written by jupyterlab-nbproject from its snapshot sha256:${safe(snapshot.sha256)}; use: ${use}`,
            ...(snapshot.partial
                ? [
                    '# The kernel could not list every distribution in time: this list is incomplete.'
                ]
                : [])
        ];
    }
    Private.header = header;
    /**
     * The comment saying how many entries of `pylock.toml` have no source
     * PEP 751 accepts, and why (none when all have one).
     */
    function withoutSourceNote(count) {
        if (count === 0) {
            return [];
        }
        return [
            `# ${count} ${count === 1 ? 'entry has' : 'entries have'} name and version only, no file URL with a hash: an installed environment`,
            '# does not keep the URL and hash of a file installed from an index. PEP 751 asks for them, so strict readers',
            '# refuse these entries; requirements.lock.txt pins the same versions.'
        ];
    }
    Private.withoutSourceNote = withoutSourceNote;
    /**
     * A stranger's text fit for one comment line.
     */
    function safe(text) {
        return text.replace(/[\x00-\x1f\x7f\u0085\u2028\u2029]/g, '?');
    }
    Private.safe = safe;
    /**
     * A direct source as PEP 751 tables.
     */
    function pylockSource(source) {
        const lines = [];
        const put = (key, value) => {
            if (value !== undefined && value !== '') {
                lines.push(`${key} = ${(0, toml_1.tomlString)(value)}`);
            }
        };
        if (source.kind === 'vcs') {
            lines.push('[packages.vcs]');
            put('type', source.vcs ?? 'git');
            put('url', source.url);
            put('requested-revision', source.revision);
            put('commit-id', source.commit);
        }
        else if (source.kind === 'directory') {
            lines.push('[packages.directory]');
            put('path', filePath(source.url));
            if (source.editable) {
                lines.push('editable = true');
            }
        }
        else {
            lines.push('[packages.archive]');
            put(source.url.startsWith('file:') ? 'path' : 'url', filePath(source.url));
            if (source.sha256) {
                lines.push(`hashes = { sha256 = ${(0, toml_1.tomlString)(source.sha256)} }`);
            }
        }
        put('subdirectory', source.subdirectory);
        return lines;
    }
    Private.pylockSource = pylockSource;
    /**
     * A `file://` URL as a local path (the URL itself for other schemes).
     */
    function filePath(url) {
        const match = /^file:\/\/(?:localhost)?(\/.*)$/i.exec(url);
        if (!match) {
            return url;
        }
        let path = match[1];
        try {
            path = decodeURIComponent(path);
        }
        catch {
            // Kept as written.
        }
        // `file:///C:/x` is `C:/x` on Windows.
        return /^\/[A-Za-z]:/.test(path) ? path.slice(1) : path;
    }
    Private.filePath = filePath;
    /**
     * A conda channel's name: `conda-forge` for
     * `https://conda.anaconda.org/conda-forge/linux-64`.
     */
    function channelName(channel) {
        const match = /^https?:\/\/conda\.anaconda\.org\/([^/]+)/.exec(channel);
        return match ? match[1] : channel;
    }
    Private.channelName = channelName;
    /**
     * A YAML scalar: plain when safe, else double-quoted (JSON's escapes
     * are YAML's).
     */
    function yaml(text) {
        return /^[A-Za-z0-9_.=+-][A-Za-z0-9_.=+@/:-]*$/.test(text) &&
            !/:\s|:$/.test(text)
            ? text
            : JSON.stringify(text);
    }
    Private.yaml = yaml;
    /**
     * A double-quoted YAML scalar read back.
     */
    function unquote(text) {
        try {
            return String(JSON.parse(text));
        }
        catch {
            return text;
        }
    }
    Private.unquote = unquote;
})(Private || (Private = {}));
