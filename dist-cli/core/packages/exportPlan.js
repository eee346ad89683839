"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.planRequirementsExport = planRequirementsExport;
exports.exportSummary = exportSummary;
exports.planPep723Export = planPep723Export;
exports.describePep723Plan = describePep723Plan;
const json_1 = require("../common/json");
const excerpt_1 = require("../hygiene/excerpt");
const metadata_1 = require("../nbproject/metadata");
const pep723_1 = require("./pep723");
const requirements_1 = require("./requirements");
/**
 * Plan the `requirements.txt` of a notebook's stored packages: pinned, with
 * a header comment naming the notebook's id and version. An existing
 * file's pip options (`--index-url …`) are kept; its other lines are
 * replaced, never duplicated.
 *
 * @param packages - the stored `pypackage` (`""` = unpinned).
 * @param header - the notebook the file belongs to.
 * @param existing - the existing file's text, or `null` when there is none.
 */
function planRequirementsExport(packages, header, existing) {
    const pinned = (0, requirements_1.pinnedRequirements)(packages);
    const file = (0, requirements_1.parseRequirementsFile)(existing ?? '');
    const text = (0, requirements_1.renderRequirements)(pinned.requirements, header, file.options);
    const problems = [...pinned.problems];
    if (file.other.length > 0) {
        // What was not understood may be anything (a link to a secret): name
        // it by a masked excerpt, never echo it.
        const count = file.other.length;
        problems.push(`${count} ${count === 1 ? 'line' : 'lines'} of the existing requirements.txt ${count === 1 ? 'is' : 'are'} not kept (not a requirement or a pip option; the first begins ${(0, excerpt_1.maskedExcerpt)(file.other[0])}).`);
    }
    // A file another notebook of the folder wrote (a remix, a sibling):
    // updating it replaces that notebook's packages with these.
    const owner = existing === null ? null : (0, requirements_1.requirementsOwner)(existing);
    const ours = (0, requirements_1.requirementsOwner)(text);
    const other = owner !== null &&
        ours !== null &&
        (owner.id !== null && ours.id !== null
            ? owner.id !== ours.id
            : owner.notebook !== null &&
                ours.notebook !== null &&
                owner.notebook !== ours.notebook);
    const diff = (0, requirements_1.diffRequirements)(file.requirements, pinned.requirements);
    const changed = text !== existing;
    return {
        text,
        changed,
        overwrites: existing !== null && changed,
        diff,
        summary: exportSummary(existing !== null, diff),
        problems,
        ...(other ? { otherNotebook: owner } : {})
    };
}
/**
 * The summary of an export that writes a list of packages to a file: a
 * headline counting the changes (`new file, 12 packages` or `1 added, 2
 * changed, 0 removed, 9 unchanged`), then the changes themselves.
 *
 * @param exists - whether the file exists now.
 * @param diff - its packages before and after.
 */
function exportSummary(exists, diff) {
    const { added, changed, removed, unchanged } = diff;
    const headline = exists
        ? `${added.length} added, ${changed.length} changed, ${removed.length} removed, ${unchanged.length} unchanged`
        : `new file, ${added.length} packages`;
    return [headline, ...(0, requirements_1.describeDiff)(diff)];
}
function planPep723Export(inputs) {
    const packages = inputs.packages !== undefined
        ? inputs.packages
        : ((0, metadata_1.readNbproject)(inputs.nbproject).metadata?.pypackage ?? null);
    if (packages === null) {
        return null;
    }
    const { languageInfo } = inputs;
    const requiresPython = (0, pep723_1.requiresPythonFor)(inputs.python) ??
        (0, pep723_1.requiresPythonFor)((0, json_1.isJSONObject)(languageInfo) ? languageInfo.version : undefined);
    return (0, pep723_1.upsertPep723)(inputs.cells, packages, requiresPython);
}
/**
 * Lines for a person saying what a PEP 723 plan does: inserted or updated
 * (and in which cell), `requires-python` before and after, then the
 * dependencies' diff.
 */
function describePep723Plan(plan) {
    const cell = plan.index + 1;
    const lines = [
        plan.action === 'insert'
            ? `inserted a PEP 723 cell as cell ${cell}`
            : plan.action === 'replace'
                ? `updated the PEP 723 block in cell ${cell}`
                : `the PEP 723 block in cell ${cell} is up to date`
    ];
    const { before, after } = plan.requiresPython;
    if (before !== after) {
        lines.push(`requires-python: ${before ?? '(none)'} -> ${after ?? '(none)'}`);
    }
    if (plan.action !== 'unchanged' || !(0, requirements_1.isEmptyDiff)(plan.diff)) {
        lines.push(...(0, requirements_1.describeDiff)(plan.diff));
    }
    return lines;
}
