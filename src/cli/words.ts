// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type { ValueShape } from '../core/common/text';
import type { ConsecutivenessIssue } from '../core/execution/consecutiveness';
import type { ManifestIssue } from '../core/data/manifest';
import type { MetadataIssue } from '../core/nbproject/metadata';
import type { SnapshotIssue } from '../core/packages/environment';

/**
 * The CLI's words for the codes core returns: plain English, the texts
 * the extension shows in English, so that reports read the same in both.
 */

/**
 * Why a code cell breaks consecutiveness, in words.
 *
 * @param issue - an offending cell's issue.
 */
export function consecutivenessText(issue: ConsecutivenessIssue): string {
  switch (issue.code) {
    case 'not-run':
      return 'Not run';
    case 'not-from-one':
      return `Does not start at 1: first count is ${issue.params.count}`;
    case 'run-twice':
      return `Ran twice: count ${issue.params.count} was already used`;
    case 'out-of-order':
      return `Ran out of order: count ${issue.params.count} after ${issue.params.after}`;
    case 'skipped-before':
      return `Cells were skipped before it (count ${issue.params.count} after ${issue.params.after})`;
    default:
      return unworded(issue);
  }
}

/**
 * A stranger's JSON value named: `the text "abc"`, `the number 3`,
 * `a list`, `null`...
 *
 * @param shape - what core made of the value.
 */
export function valueText(shape: ValueShape): string {
  switch (shape.type) {
    case 'null':
      return 'null';
    case 'list':
      return 'a list';
    case 'object':
      return 'an object';
    case 'text':
      return `the text ${shape.text}`;
    case 'number':
    case 'boolean':
      return `the ${shape.type} ${shape.value}`;
    case 'other':
      return `a ${shape.name}`;
    default:
      return unworded(shape);
  }
}

/**
 * What is wrong with a notebook's nbproject metadata, in words.
 *
 * @param issue - one problem of `readNbproject`.
 */
export function metadataIssueText(issue: MetadataIssue): string {
  switch (issue.code) {
    case 'metadata.notObject':
      return `The nbproject metadata is ${valueText(issue.params.value)}, not an object.`;
    case 'metadata.fieldMissing':
      return `The "${issue.params.field}" field is missing.`;
    case 'metadata.fieldNotText':
      return `The "${issue.params.field}" field is ${valueText(issue.params.value)}, not a string.`;
    case 'metadata.versionNumber':
      return `The "version" field is the number ${issue.params.version}; nbproject needs a string ("${issue.params.version}").`;
    case 'metadata.timeNotIso':
      return `The "time_init" field (${issue.params.time}) is not an ISO 8601 time.`;
    case 'metadata.packagesNotObject':
      return `The "pypackage" field is ${valueText(issue.params.value)}, not an object of package versions.`;
    case 'metadata.packageVersionNotText':
      return `The version of package ${issue.params.name} is ${valueText(issue.params.value)}, not a string.`;
    case 'metadata.morePackageVersionsNotText':
      return issue.params.count === 1
        ? 'The version of 1 more package is not a string.'
        : `The versions of ${issue.params.count} more packages are not strings.`;
    case 'metadata.parentNotIds':
      return `The "parent" field is ${valueText(issue.params.value)}, not an id or a list of ids.`;
    default:
      return unworded(issue);
  }
}

/**
 * What could not be read in a data manifest, in words.
 *
 * @param issue - one problem of `readDataManifest`.
 */
export function manifestIssueText(issue: ManifestIssue): string {
  switch (issue.code) {
    case 'manifest.badEntry':
      return `Data file ${issue.params.index + 1} of the manifest could not be read; it was ignored.`;
    case 'manifest.notList':
      return 'The data manifest is not an object with a list of files; it was ignored.';
    case 'manifest.duplicate':
      return `The data file "${issue.params.path}" is recorded twice; the first is used.`;
    default:
      return unworded(issue);
  }
}

/**
 * The end of a wording switch: the type check fails when a code has no
 * words; at run time an unknown code is printed as is.
 *
 * @param issue - what no case matched (`never` to the type checker).
 */
function unworded(issue: never): string {
  const { code, type } = issue as { code?: unknown; type?: unknown };
  return String(code ?? type);
}

/**
 * What could not be read in a stored environment snapshot, in words.
 *
 * @param issue - from `readEnvironmentSnapshot`.
 */
export function snapshotIssueText(issue: SnapshotIssue): string {
  return issue.code === 'environment.badPackage'
    ? `an entry of the environment snapshot is not "name==version" and was left out: ${issue.params.entry}`
    : 'the stored environment snapshot is not an object with a package list';
}
