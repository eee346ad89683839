"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.secretsCheck = secretsCheck;
exports.absolutePathsCheck = absolutePathsCheck;
exports.hiddenStateCheck = hiddenStateCheck;
exports.errorOutputsCheck = errorOutputsCheck;
exports.dataCheck = dataCheck;
const absolutePaths_1 = require("../hygiene/absolutePaths");
const hashRequest_1 = require("../kernel/hashRequest");
const json_1 = require("../common/json");
const hiddenState_1 = require("../execution/hiddenState");
const text_1 = require("../common/text");
const secrets_1 = require("../hygiene/secrets");
/**
 * The `secrets` check: blocking when a cell holds a credential, with
 * each finding (cell, source line or output, kind, masked excerpt, what
 * to do instead). Lines too long to scan are counted.
 *
 * @param cells - the notebook's cells, with outputs.
 */
function secretsCheck(cells) {
    const findings = (0, secrets_1.findSecrets)(cells);
    const lines = (0, secrets_1.unscannedLines)(cells);
    const unscanned = lines.count === 0 ? null : lines;
    return {
        id: 'secrets',
        passed: findings.length === 0,
        blocking: true,
        finding: findings.length === 0
            ? { code: 'publish.noSecrets', params: { unscanned } }
            : {
                code: 'publish.secrets',
                params: {
                    findings: findings.map(finding => ({
                        ...finding,
                        excerpt: (0, text_1.cut)(finding.excerpt, Private.EXCERPT)
                    })),
                    unscanned
                }
            }
    };
}
/**
 * The `absolute-paths` check: a warning naming each user-specific
 * absolute path and the relative path (or environment variable) to
 * write instead.
 *
 * @param cells - the notebook's cells.
 * @param notebookDirectory - the notebook's absolute directory, when
 *   known, for relative suggestions.
 */
function absolutePathsCheck(cells, notebookDirectory) {
    const findings = (0, absolutePaths_1.findAbsolutePaths)(cells, notebookDirectory).map(finding => ({
        ...finding,
        path: (0, text_1.cut)(finding.path, Private.EXCERPT),
        relative: finding.relative === null ? null : (0, text_1.cut)(finding.relative, Private.EXCERPT)
    }));
    return {
        id: 'absolute-paths',
        passed: findings.length === 0,
        blocking: false,
        finding: findings.length === 0
            ? { code: 'publish.noAbsolutePaths' }
            : { code: 'publish.absolutePaths', params: { findings } }
    };
}
/**
 * The `hidden-state` check: a warning when the outputs about to be
 * published may not come from the code beside them: a cell edited since
 * it ran, or a cell whose names come from hidden state (a problem of the
 * hidden-state analysis: defined nowhere, only below, or by a cell that
 * ran after it or was edited since). What is only not sure (`unsure`)
 * passes.
 *
 * @param report - the hidden-state analysis of the notebook as it is.
 * @param edited - the code cells edited since they ran (positions in the
 *   notebook's list of all cells).
 */
function hiddenStateCheck(report, edited) {
    const hidden = (0, hiddenState_1.hiddenStateProblemCells)(report).map(cell => cell.index);
    const passed = hidden.length === 0 && edited.length === 0;
    return {
        id: 'hidden-state',
        passed,
        blocking: false,
        finding: passed
            ? { code: 'publish.outputsMatchCode' }
            : {
                code: 'publish.outputsMayNotMatch',
                params: { edited: [...edited].sort((a, b) => a - b), hidden }
            }
    };
}
/**
 * The `errors` check: a warning when a code cell's stored outputs hold an
 * error (a traceback): the notebook is published with it. Each cell once,
 * with its first error's name (a stranger's text: cut).
 *
 * @param cells - the notebook's cells, with outputs.
 */
function errorOutputsCheck(cells) {
    const found = [];
    cells.forEach((cell, index) => {
        if (cell.cell_type !== 'code' || !Array.isArray(cell.outputs)) {
            return;
        }
        const error = cell.outputs.find(output => (0, json_1.isJSONObject)(output) && output.output_type === 'error');
        if (error) {
            const name = typeof error.ename === 'string' ? error.ename : '';
            found.push({ cell: index, name: (0, text_1.cut)(name, Private.NAME) });
        }
    });
    return {
        id: 'errors',
        passed: found.length === 0,
        blocking: false,
        finding: found.length === 0
            ? { code: 'publish.noErrors' }
            : { code: 'publish.errors', params: { cells: found } }
    };
}
/**
 * The `data` check: a warning when a data file could not be hashed, or
 * when nothing could be hashed at all.
 *
 * @param data - the hashing's outcome.
 */
function dataCheck(data) {
    const { files, results } = data;
    const check = (passed, finding) => ({
        id: 'data',
        passed,
        blocking: false,
        finding
    });
    if (files.length === 0) {
        return check(true, { code: 'publish.noDataFiles' });
    }
    if (results === null) {
        return check(false, {
            code: 'publish.dataNotHashed',
            params: { failure: data.failure ?? null }
        });
    }
    const failed = [];
    const skipped = [];
    let bytes = 0;
    for (const file of files) {
        const result = results.get(file.path);
        const path = (0, text_1.cut)(file.path, Private.EXCERPT);
        if ((0, hashRequest_1.isFileDigest)(result)) {
            bytes += result.size;
        }
        else if (result !== undefined && (0, hashRequest_1.isHashSkip)(result)) {
            skipped.push({ path, code: result.code, kept: !!file.stored });
        }
        else {
            failed.push({ path, code: result === undefined ? null : result.code });
        }
    }
    const recorded = files.length - failed.length - skipped.length;
    if (failed.length > 0 || skipped.length > 0) {
        return check(false, {
            code: 'publish.dataIncomplete',
            params: { failed, skipped, recorded }
        });
    }
    return check(true, {
        code: 'publish.dataRecorded',
        params: { count: recorded, bytes }
    });
}
/**
 * Module internals.
 */
var Private;
(function (Private) {
    /**
     * Longest excerpt of a stranger's text.
     */
    Private.EXCERPT = 100;
    /**
     * Longest error name shown.
     */
    Private.NAME = 60;
})(Private || (Private = {}));
