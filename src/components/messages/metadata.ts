// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type { TranslationBundle } from '@jupyterlab/translation';
import type { MetadataIssue } from '../../core/nbproject/metadata';
import { unworded, valueText } from './common';

/**
 * What is wrong with a notebook's nbproject metadata, in the user's
 * language.
 *
 * @param trans - the extension's translation bundle.
 * @param issue - one problem of `readNbproject`.
 */
export function metadataIssueText(
  trans: TranslationBundle,
  issue: MetadataIssue
): string {
  switch (issue.code) {
    case 'metadata.notObject':
      return trans.__(
        'The nbproject metadata is %1, not an object.',
        valueText(trans, issue.params.value)
      );
    case 'metadata.fieldMissing':
      return trans.__('The "%1" field is missing.', issue.params.field);
    case 'metadata.fieldNotText':
      return trans.__(
        'The "%1" field is %2, not a string.',
        issue.params.field,
        valueText(trans, issue.params.value)
      );
    case 'metadata.versionNumber':
      return trans.__(
        'The "version" field is the number %1; nbproject needs a string ("%1").',
        issue.params.version
      );
    case 'metadata.timeNotIso':
      return trans.__(
        'The "time_init" field (%1) is not an ISO 8601 time.',
        issue.params.time
      );
    case 'metadata.packagesNotObject':
      return trans.__(
        'The "pypackage" field is %1, not an object of package versions.',
        valueText(trans, issue.params.value)
      );
    case 'metadata.packageVersionNotText':
      return trans.__(
        'The version of package %1 is %2, not a string.',
        issue.params.name,
        valueText(trans, issue.params.value)
      );
    case 'metadata.morePackageVersionsNotText':
      return trans._n(
        'The version of %1 more package is not a string.',
        'The versions of %1 more packages are not strings.',
        issue.params.count
      );
    case 'metadata.parentNotIds':
      return trans.__(
        'The "parent" field is %1, not an id or a list of ids.',
        valueText(trans, issue.params.value)
      );
    default:
      return unworded(issue);
  }
}

/**
 * The first problem of metadata that cannot be read at all, in the
 * user's language (a generic sentence when none was named).
 *
 * @param trans - the extension's translation bundle.
 * @param problem - the first problem, or `null`.
 */
export function unreadableMetadataText(
  trans: TranslationBundle,
  problem: MetadataIssue | null
): string {
  return problem === null
    ? trans.__('The nbproject metadata is unreadable.')
    : metadataIssueText(trans, problem);
}
