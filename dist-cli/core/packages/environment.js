"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.ENVIRONMENT_KEY = void 0;
exports.snapshotText = snapshotText;
exports.takeSnapshot = takeSnapshot;
exports.withEnvironmentSnapshot = withEnvironmentSnapshot;
exports.readEnvironmentSnapshot = readEnvironmentSnapshot;
exports.compareEnvironment = compareEnvironment;
exports.storedPins = storedPins;
exports.directUrl = directUrl;
exports.parseCondaSpec = parseCondaSpec;
const json_1 = require("../common/json");
const text_1 = require("../common/text");
const metadata_1 = require("../extension/metadata");
const digest_1 = require("../notebook/digest");
const distributions_1 = require("./distributions");
const requirements_1 = require("./requirements");
/**
 * The key, inside the extension's metadata (`jupyterlab_nbproject`), under
 * which publishing stores the snapshot of the kernel's whole environment:
 *
 * ```json
 * "environment": {
 *   "python": "3.11.7",
 *   "implementation": "CPython",
 *   "platform": "linux-x86_64",
 *   "installer": "pip",
 *   "packages": ["numpy==1.26.4", "pandas==2.2.2", "…"],
 *   "installers": {"ruff": "uv"},
 *   "sources": {"mylib": {"kind": "vcs", "vcs": "git", "url": "…", "commit": "…"}},
 *   "conda": ["conda-forge::numpy==1.26.4=py311h64a7726_0"],
 *   "sha256": "…"
 * }
 * ```
 *
 * One string per distribution keeps a 400-package environment near 12 KB
 * in the indented notebook file. `installer` is the installer of most
 * distributions; `installers` lists the others. `sources` holds the
 * distributions not installed from an index (`direct_url.json`), keyed by
 * PEP 503 name. `conda` is there in a conda environment. `sha256` is the
 * SHA-256 of {@link snapshotText}; a publication's history record points
 * to it.
 */
exports.ENVIRONMENT_KEY = 'environment';
/**
 * The canonical text a snapshot's digest is computed over: the snapshot
 * without `sha256`, as JSON with sorted keys.
 *
 * @param snapshot - the snapshot, with or without its digest.
 */
function snapshotText(snapshot) {
    return Private.canonical({ ...snapshot, sha256: undefined });
}
/**
 * The snapshot of a kernel's environment, with its digest.
 *
 * @param report - what the environment request returned.
 */
async function takeSnapshot(report) {
    const installers = new Map();
    for (const dist of report.distributions) {
        installers.set(dist.installer, (installers.get(dist.installer) ?? 0) + 1);
    }
    const installer = [...installers.entries()].sort((a, b) => b[1] - a[1] || (0, text_1.compareText)(a[0], b[0]))[0]?.[0] ?? '';
    const others = {};
    const sources = {};
    const sorted = [...report.distributions].sort((a, b) => (0, text_1.compareText)((0, distributions_1.normalizeDistribution)(a.name), (0, distributions_1.normalizeDistribution)(b.name)));
    for (const dist of sorted) {
        const key = (0, distributions_1.normalizeDistribution)(dist.name);
        if (dist.installer !== installer) {
            others[key] = dist.installer;
        }
        if (dist.source) {
            sources[key] = { ...dist.source };
        }
    }
    const content = {
        python: report.python.version,
        implementation: report.python.implementation,
        platform: report.platform,
        installer,
        packages: sorted.map(dist => `${dist.name}==${dist.version}`),
        ...(Object.keys(others).length > 0 ? { installers: others } : {}),
        ...(Object.keys(sources).length > 0 ? { sources } : {}),
        ...(report.conda ? { conda: report.conda.map(Private.condaSpec) } : {}),
        ...(report.partial ? { partial: true } : {})
    };
    return { ...content, sha256: await (0, digest_1.sha256Hex)(snapshotText(content)) };
}
/**
 * The value to store under the extension's key with the snapshot written;
 * every other key is kept.
 *
 * @param extensionValue - the value under `jupyterlab_nbproject`, as found.
 * @param snapshot - the new snapshot.
 */
function withEnvironmentSnapshot(extensionValue, snapshot) {
    const previous = (0, metadata_1.readExtension)(extensionValue).value[exports.ENVIRONMENT_KEY];
    return (0, metadata_1.withExtensionPart)(extensionValue, exports.ENVIRONMENT_KEY, { ...snapshot }, previous === undefined || (0, json_1.isJSONObject)(previous));
}
/**
 * Read the stored snapshot. Never throws: entries that cannot be read are
 * left out and said.
 *
 * @param extensionValue - the value under `jupyterlab_nbproject`, as found.
 */
function readEnvironmentSnapshot(extensionValue) {
    const stored = (0, metadata_1.readExtension)(extensionValue).value[exports.ENVIRONMENT_KEY];
    const packages = new Map();
    if (stored === undefined) {
        return { snapshot: null, packages, problems: [] };
    }
    if (!(0, json_1.isJSONObject)(stored) || !Array.isArray(stored['packages'])) {
        return {
            snapshot: null,
            packages,
            problems: [{ code: 'environment.notObject' }]
        };
    }
    const problems = [];
    const sources = (0, json_1.isJSONObject)(stored['sources']) ? stored['sources'] : {};
    for (const entry of stored['packages']) {
        const match = typeof entry === 'string' ? /^([^=\s]+)==(\S+)$/.exec(entry) : null;
        if (!match || !(0, requirements_1.isDistributionName)(match[1])) {
            problems.push({
                code: 'environment.badPackage',
                params: { entry: (0, text_1.quote)(String(entry), 60) }
            });
            continue;
        }
        const key = (0, distributions_1.normalizeDistribution)(match[1]);
        const source = Object.prototype.hasOwnProperty.call(sources, key)
            ? sources[key]
            : undefined;
        packages.set(key, {
            name: match[1],
            version: match[2],
            ...((0, json_1.isJSONObject)(source) && typeof source['url'] === 'string'
                ? { source: source }
                : {})
        });
    }
    const text = (key) => typeof stored[key] === 'string' ? stored[key] : '';
    const conda = Array.isArray(stored['conda'])
        ? stored['conda'].filter((spec) => typeof spec === 'string' && parseCondaSpec(spec) !== null)
        : null;
    const snapshot = {
        python: text('python'),
        implementation: text('implementation'),
        platform: text('platform'),
        installer: text('installer'),
        packages: [...packages.values()].map(p => `${p.name}==${p.version}`),
        ...(conda ? { conda } : {}),
        ...(stored['partial'] === true ? { partial: true } : {}),
        sha256: text('sha256')
    };
    return { snapshot, packages, problems };
}
/**
 * Compare the kernel's environment with the snapshot it was published
 * with. Linear in the number of distributions and requirements.
 *
 * @param read - the stored snapshot, as {@link readEnvironmentSnapshot}
 *   reads it.
 * @param report - what the environment request returned.
 * @param imported - the distributions the notebook imports (any
 *   spelling): the roots of "under your imports".
 */
function compareEnvironment(read, report, imported) {
    const findings = [];
    const snapshot = read.snapshot;
    if (snapshot) {
        const minor = (version) => version.split('.').slice(0, 2).join('.');
        const pairs = [
            [
                'environment.pythonMinor',
                minor(snapshot.python),
                minor(report.python.version)
            ],
            [
                'environment.implementation',
                snapshot.implementation,
                report.python.implementation
            ],
            ['environment.platform', snapshot.platform, report.platform]
        ];
        if (minor(snapshot.python) === minor(report.python.version)) {
            pairs.push([
                'environment.pythonPatch',
                snapshot.python,
                report.python.version
            ]);
        }
        for (const [code, stored, live] of pairs) {
            if (stored !== '' && live !== '' && stored !== live) {
                findings.push({
                    code,
                    params: { stored, live }
                });
            }
        }
    }
    const installed = new Map(report.distributions.map(dist => [(0, distributions_1.normalizeDistribution)(dist.name), dist]));
    const under = Private.closure(imported, installed);
    const rows = [];
    for (const [key, stored] of read.packages) {
        const live = installed.get(key);
        if (!live) {
            rows.push(Private.row(key, stored.name, stored.version, null, 'missing', under));
        }
        else if (live.version !== stored.version ||
            Private.sourceId(live.source) !== Private.sourceId(stored.source)) {
            rows.push(Private.row(key, stored.name, stored.version, live.version, 'changed', under));
        }
    }
    if (snapshot && !snapshot.partial) {
        for (const [key, live] of installed) {
            if (!read.packages.has(key)) {
                rows.push(Private.row(key, live.name, null, live.version, 'added', under));
            }
        }
    }
    const order = {
        changed: 0,
        missing: 1,
        added: 2
    };
    rows.sort((a, b) => order[a.status] - order[b.status] ||
        Number(b.underImports) - Number(a.underImports) ||
        (0, text_1.compareText)(a.key, b.key));
    const count = (status) => rows.filter(row => row.status === status).length;
    findings.push({
        code: 'environment.drift',
        params: {
            changed: count('changed'),
            underImports: rows.filter(row => row.status !== 'added' && row.underImports).length,
            missing: count('missing'),
            added: count('added')
        }
    });
    return { findings, rows };
}
/**
 * The snapshot's packages as `pin` strings for an install line: the
 * stored version of each (`name==version`), or its direct URL when not
 * from an index, for the keys given.
 *
 * @param read - the stored snapshot.
 * @param keys - PEP 503 names to pin.
 */
function storedPins(read, keys) {
    return keys
        .map(key => read.packages.get(key))
        .filter((p) => p !== undefined)
        .map(p => p.source
        ? `${p.name} @ ${directUrl(p.source)}`
        : `${p.name}==${p.version}`);
}
/**
 * A direct source as a PEP 508 URL: `git+https://…@commit` for a VCS
 * checkout, the URL otherwise, with `#subdirectory=` when there is one.
 *
 * @param source - where the distribution came from.
 */
function directUrl(source) {
    let url = source.url;
    if (source.kind === 'vcs' && source.vcs) {
        const prefix = `${source.vcs}+`;
        url = `${url.startsWith(prefix) ? '' : prefix}${url}${source.commit ? `@${source.commit}` : ''}`;
    }
    return source.subdirectory
        ? `${url}#subdirectory=${source.subdirectory}`
        : url;
}
/**
 * A conda package parsed back from its stored spec, or `null`.
 *
 * @param spec - `channel::name==version=build`.
 */
function parseCondaSpec(spec) {
    const match = /^(?:(.*)::)?([^=\s:]+)==([^=\s]+)(?:=(\S*))?$/.exec(spec);
    return match
        ? {
            channel: match[1] ?? '',
            name: match[2],
            version: match[3],
            build: match[4] ?? ''
        }
        : null;
}
/**
 * Module internals.
 */
var Private;
(function (Private) {
    /**
     * JSON with sorted keys, at every depth.
     */
    function canonical(value) {
        if (Array.isArray(value)) {
            return `[${value.map(canonical).join(',')}]`;
        }
        if ((0, json_1.isJSONObject)(value)) {
            return `{${Object.keys(value)
                .sort()
                .filter(key => value[key] !== undefined)
                .map(key => `${JSON.stringify(key)}:${canonical(value[key])}`)
                .join(',')}}`;
        }
        return JSON.stringify(value);
    }
    Private.canonical = canonical;
    /**
     * A conda package as one string.
     */
    function condaSpec(pkg) {
        return `${pkg.channel ? `${pkg.channel}::` : ''}${pkg.name}==${pkg.version}=${pkg.build}`;
    }
    Private.condaSpec = condaSpec;
    /**
     * What identifies a direct source: the URL and commit.
     */
    function sourceId(source) {
        return source ? `${source.url}@${source.commit ?? ''}` : '';
    }
    Private.sourceId = sourceId;
    /**
     * The PEP 503 names of the imported distributions and of all they
     * require, through the installed distributions' requirements: each
     * name is visited once.
     */
    function closure(roots, installed) {
        const seen = new Set();
        const todo = roots.map(distributions_1.normalizeDistribution);
        while (todo.length > 0) {
            const key = todo.pop();
            if (seen.has(key)) {
                continue;
            }
            seen.add(key);
            todo.push(...(installed.get(key)?.requires ?? []));
        }
        return seen;
    }
    Private.closure = closure;
    /**
     * One drift row.
     */
    function row(key, name, stored, live, status, under) {
        return { key, name, stored, live, status, underImports: under.has(key) };
    }
    Private.row = row;
})(Private || (Private = {}));
