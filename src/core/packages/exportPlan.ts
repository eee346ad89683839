// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { isJSONObject } from '../common/json';
import { maskedExcerpt } from '../hygiene/excerpt';
import { readNbproject } from '../nbproject/metadata';
import { ICellLike } from '../notebook/cells';
import { IPep723Plan, requiresPythonFor, upsertPep723 } from './pep723';
import {
  describeDiff,
  diffRequirements,
  IRequirementsDiff,
  IRequirementsHeader,
  isEmptyDiff,
  parseRequirementsFile,
  pinnedRequirements,
  renderRequirements,
  requirementsOwner
} from './requirements';

/**
 * What writing a notebook's `requirements.txt` would do, decided without
 * touching any file.
 */
export interface IRequirementsExport {
  /**
   * The file's new text.
   */
  text: string;
  /**
   * Whether it differs from the existing file (always, for a new file).
   */
  changed: boolean;
  /**
   * Whether there is a file that would be overwritten.
   */
  overwrites: boolean;
  /**
   * The requirements before and after.
   */
  diff: IRequirementsDiff;
  /**
   * Lines for a person: a headline counting the changes, then
   * `+ numpy==1.26.4`, `~ pandas: ==2.1.0 -> ==2.2.2`, …
   */
  summary: string[];
  /**
   * Sentences to warn about: packages left out or unpinned, lines of an
   * existing file not kept.
   */
  problems: string[];
  /**
   * The other notebook the existing file was written for (its header
   * names it), when it is not this one: updating the file replaces that
   * notebook's packages. For the caller to put into words.
   */
  otherNotebook?: { id: string | null; notebook: string | null };
}

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
export function planRequirementsExport(
  packages: Readonly<Record<string, string>>,
  header: IRequirementsHeader,
  existing: string | null
): IRequirementsExport {
  const pinned = pinnedRequirements(packages);
  const file = parseRequirementsFile(existing ?? '');
  const text = renderRequirements(pinned.requirements, header, file.options);
  const problems = [...pinned.problems];
  if (file.other.length > 0) {
    // What was not understood may be anything (a link to a secret): name
    // it by a masked excerpt, never echo it.
    const count = file.other.length;
    problems.push(
      `${count} ${count === 1 ? 'line' : 'lines'} of the existing requirements.txt ${count === 1 ? 'is' : 'are'} not kept (not a requirement or a pip option; the first begins ${maskedExcerpt(file.other[0])}).`
    );
  }
  // A file another notebook of the folder wrote (a remix, a sibling):
  // updating it replaces that notebook's packages with these.
  const owner = existing === null ? null : requirementsOwner(existing);
  const ours = requirementsOwner(text);
  const other =
    owner !== null &&
    ours !== null &&
    (owner.id !== null && ours.id !== null
      ? owner.id !== ours.id
      : owner.notebook !== null &&
        ours.notebook !== null &&
        owner.notebook !== ours.notebook);
  const diff = diffRequirements(file.requirements, pinned.requirements);
  const changed = text !== existing;
  return {
    text,
    changed,
    overwrites: existing !== null && changed,
    diff,
    summary: exportSummary(existing !== null, diff),
    problems,
    ...(other ? { otherNotebook: owner! } : {})
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
export function exportSummary(
  exists: boolean,
  diff: IRequirementsDiff
): string[] {
  const { added, changed, removed, unchanged } = diff;
  const headline = exists
    ? `${added.length} added, ${changed.length} changed, ${removed.length} removed, ${unchanged.length} unchanged`
    : `new file, ${added.length} packages`;
  return [headline, ...describeDiff(diff)];
}

/**
 * What a notebook's PEP 723 export is planned from: the notebook as it is
 * now, and what the kernel knows.
 */
export interface IPep723ExportInputs {
  /**
   * The notebook's cells, in order.
   */
  cells: readonly ICellLike[];
  /**
   * The stored `metadata.nbproject` (any JSON, or `undefined`).
   */
  nbproject: unknown;
  /**
   * The stored `metadata.language_info` (any JSON, or `undefined`).
   */
  languageInfo: unknown;
  /**
   * The running kernel's Python version, which wins over the one the
   * metadata records; `null` or absent without a kernel.
   */
  python?: string | null;
  /**
   * The pinned packages to declare (as publishing pins them); the stored
   * `pypackage` when absent.
   */
  packages?: Readonly<Record<string, string>> | null;
}

/**
 * Plan the notebook's PEP 723 cell (see `upsertPep723`): its pinned
 * packages, and `requires-python` from the kernel's Python, else from the
 * Python the notebook's metadata records. The one plan the extension and
 * the CLI both write.
 *
 * @returns the plan, or `null` when there is nothing to declare: the
 *   notebook stores no package versions (nbproject's `pypackage`) and none
 *   were given.
 */
export function planPep723Export(
  inputs: IPep723ExportInputs & { packages: Readonly<Record<string, string>> }
): IPep723Plan;
export function planPep723Export(
  inputs: IPep723ExportInputs
): IPep723Plan | null;
export function planPep723Export(
  inputs: IPep723ExportInputs
): IPep723Plan | null {
  const packages =
    inputs.packages !== undefined
      ? inputs.packages
      : (readNbproject(inputs.nbproject).metadata?.pypackage ?? null);
  if (packages === null) {
    return null;
  }
  const { languageInfo } = inputs;
  const requiresPython =
    requiresPythonFor(inputs.python) ??
    requiresPythonFor(
      isJSONObject(languageInfo) ? languageInfo.version : undefined
    );
  return upsertPep723(inputs.cells, packages, requiresPython);
}

/**
 * Lines for a person saying what a PEP 723 plan does: inserted or updated
 * (and in which cell), `requires-python` before and after, then the
 * dependencies' diff.
 */
export function describePep723Plan(plan: IPep723Plan): string[] {
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
    lines.push(
      `requires-python: ${before ?? '(none)'} -> ${after ?? '(none)'}`
    );
  }
  if (plan.action !== 'unchanged' || !isEmptyDiff(plan.diff)) {
    lines.push(...describeDiff(plan.diff));
  }
  return lines;
}
