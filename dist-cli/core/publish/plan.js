"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.planPublish = planPublish;
const consecutiveness_1 = require("../execution/consecutiveness");
const distributions_1 = require("../packages/distributions");
const compare_1 = require("../packages/compare");
const history_1 = require("../extension/history");
const ids_1 = require("../nbproject/ids");
const imports_1 = require("../python/imports");
const installGroups_1 = require("../packages/installGroups");
const metadata_1 = require("../nbproject/metadata");
const cells_1 = require("../notebook/cells");
const metadataBlocks_1 = require("../packages/metadataBlocks");
const checks_1 = require("./checks");
const dataFiles_1 = require("./dataFiles");
const manifest_1 = require("../data/manifest");
const environment_1 = require("../packages/environment");
const title_1 = require("../nbproject/title");
const version_1 = require("../nbproject/version");
const text_1 = require("../common/text");
/**
 * Decide what publishing the notebook means: run the checks, pin the
 * packages and build the new metadata. Pure; the caller writes the result
 * into the live model in one transaction and saves.
 */
function planPublish(inputs) {
    const read = (0, metadata_1.readNbproject)(inputs.nbproject);
    const history = (0, history_1.readPublishHistory)(inputs.extension);
    const checks = [];
    const stored = read.metadata?.pypackage ?? null;
    const title = (0, title_1.getTitle)(inputs.cells);
    checks.push({
        id: 'title',
        passed: title !== null,
        blocking: true,
        finding: title !== null
            ? {
                code: 'publish.title',
                params: { title: (0, text_1.cut)(title, Private.EXCERPT) }
            }
            : { code: 'publish.noTitle' }
    });
    const consecutive = inputs.consecutive ?? (0, consecutiveness_1.checkConsecutiveness)(inputs.cells).consecutive;
    // nbproject's rule passes a notebook where one code cell, or none, has
    // code and none ran: there is no order to vouch for then. A cell runs
    // as the execution monitor counts it: with code, not the PEP 723 cell.
    const ran = inputs.cells.some(cell => cell.cell_type === 'code' &&
        (0, consecutiveness_1.isExecuted)(cell.execution_count) &&
        (0, cells_1.joinSource)(cell.source) !== '' &&
        !(0, metadataBlocks_1.isPep723Cell)(cell));
    checks.push({
        id: 'consecutive',
        passed: consecutive,
        blocking: true,
        finding: {
            code: !consecutive
                ? 'publish.notConsecutive'
                : ran
                    ? 'publish.consecutive'
                    : 'publish.notRunYet'
        }
    });
    if (inputs.runState) {
        checks.push((0, checks_1.hiddenStateCheck)(inputs.runState.hiddenState, inputs.runState.edited));
    }
    checks.push((0, checks_1.errorOutputsCheck)(inputs.cells));
    const imports = (0, imports_1.notebookImports)(inputs.cells, inputs.parser);
    const imported = (0, distributions_1.importedDistributions)(imports.modules.map(module => module.name), inputs.live?.moduleDistributions);
    const { packages, notInstalled, kept } = Private.pin(stored, imported, inputs.live);
    checks.push({
        id: 'packages',
        passed: inputs.live === null || notInstalled.length === 0,
        blocking: true,
        finding: inputs.live !== null && notInstalled.length > 0
            ? {
                code: 'publish.notInstalled',
                params: {
                    names: Private.cutAll(notInstalled),
                    kept: kept.map(({ name, version }) => ({
                        name: (0, text_1.cut)(name, Private.EXCERPT),
                        version: (0, text_1.cut)(version, Private.EXCERPT)
                    }))
                }
            }
            : Object.keys(packages).length === 0
                ? { code: 'publish.noPackages' }
                : {
                    code: 'publish.pinned',
                    params: {
                        pins: Private.cutAll(Object.entries(packages).map(([name, version]) => version ? `${name}==${version}` : name))
                    }
                }
    });
    checks.push({
        id: 'installs',
        passed: imports.installs.length === 0,
        blocking: true,
        finding: imports.installs.length === 0
            ? { code: 'publish.noInstalls' }
            : {
                code: 'publish.installs',
                params: {
                    // Each line once, however many cells repeat it.
                    lines: Private.cutAll((0, installGroups_1.groupInstalls)(imports.installs).map(group => group.line))
                }
            }
    });
    // A kernel that lacks packages pins only the others: a warning, under
    // the packages check that fails for them.
    checks.push({
        id: 'kernel',
        passed: inputs.live !== null && notInstalled.length === 0,
        blocking: false,
        finding: inputs.live !== null
            ? {
                code: 'publish.kernel',
                params: {
                    python: inputs.live.python || null,
                    notInstalled: notInstalled.length
                }
            }
            : { code: 'publish.noKernel' }
    });
    if (read.present && !read.valid) {
        checks.push({
            id: 'metadata',
            passed: false,
            blocking: read.metadata === null,
            finding: read.metadata === null
                ? {
                    code: 'publish.metadataUnreadable',
                    params: { problem: read.problems[0] ?? null }
                }
                : {
                    code: 'publish.metadataFixable',
                    params: { problems: read.problems }
                }
        });
    }
    // Hygiene: credentials block, user-specific paths and unhashed data warn.
    checks.push((0, checks_1.secretsCheck)(inputs.cells));
    checks.push((0, checks_1.absolutePathsCheck)(inputs.cells, inputs.notebookDirectory));
    if (inputs.data) {
        checks.push((0, checks_1.dataCheck)(inputs.data));
    }
    const proposedVersion = (0, version_1.nextVersion)(read.metadata?.version);
    const version = (inputs.version ?? '').trim() || proposedVersion;
    const publishedVersions = history.records.map(record => record.version);
    const republished = publishedVersions.includes(version);
    checks.push({
        id: 'version',
        passed: !republished,
        blocking: false,
        finding: {
            code: republished ? 'publish.versionRepublished' : 'publish.version',
            params: { version: (0, text_1.cut)(version, Private.EXCERPT) }
        }
    });
    const now = (0, ids_1.formatTimestamp)(inputs.now);
    const base = read.metadata ??
        (0, metadata_1.createNbproject)({ now: inputs.now, random: inputs.random });
    const nbproject = (0, metadata_1.serializeNbproject)((0, metadata_1.updateNbproject)(base, {
        id: base.id ?? (0, ids_1.generateId)(inputs.random),
        time_init: base.time_init ?? now,
        version,
        pypackage: packages
    }));
    const record = {
        version,
        time: now,
        note: inputs.note?.trim() ? inputs.note.trim() : null,
        consecutive,
        code_sha256: inputs.codeDigest,
        python: inputs.live?.python ?? null,
        ...(inputs.environment
            ? { environment_sha256: inputs.environment.sha256 }
            : {})
    };
    const manifest = inputs.data ? (0, dataFiles_1.dataManifestEntries)(inputs.data) : null;
    const recorded = (0, history_1.appendPublishRecord)(inputs.extension, record);
    const appended = inputs.environment
        ? (0, environment_1.withEnvironmentSnapshot)(recorded, inputs.environment)
        : recorded;
    return {
        checks,
        problems: checks.filter(c => !c.passed && c.blocking).map(c => c.finding),
        proposedVersion,
        version,
        publishedVersions,
        packages,
        nbproject,
        extension: manifest === null ? appended : (0, manifest_1.withDataManifest)(appended, manifest),
        record
    };
}
/**
 * Module internals.
 */
var Private;
(function (Private) {
    /**
     * Pin every stored or imported distribution to its live version; keep
     * the stored spelling of a name. A distribution the kernel does not have
     * (or without a kernel, every one) keeps its stored version: the best
     * record of what the notebook ran with; `""` when none was stored.
     * `notInstalled` lists, in the same order, the names the kernel lacks.
     */
    function pin(stored, imported, live) {
        const notInstalled = [];
        const kept = [];
        const entries = (0, compare_1.pairWithKernel)(Object.keys(stored ?? {}), name => name, live?.distributions ?? null, imported)
            .sort((a, b) => (0, text_1.compareText)(a.key, b.key))
            .map(({ name, installed }) => {
            if (live && installed) {
                return [name, installed];
            }
            // Own keys only: an imported module named "toString" is no version.
            const version = stored && Object.prototype.hasOwnProperty.call(stored, name)
                ? stored[name]
                : '';
            if (live) {
                notInstalled.push(name);
                if (version !== '') {
                    kept.push({ name, version });
                }
            }
            return [name, version];
        });
        // Own properties, whatever the names ("__proto__" included).
        return { packages: Object.fromEntries(entries), notInstalled, kept };
    }
    Private.pin = pin;
    /**
     * Longest excerpt of one name or value in a check's finding.
     */
    Private.EXCERPT = 80;
    /**
     * Each item cut to {@link EXCERPT}.
     */
    function cutAll(items) {
        return items.map(item => (0, text_1.cut)(item, Private.EXCERPT));
    }
    Private.cutAll = cutAll;
})(Private || (Private = {}));
