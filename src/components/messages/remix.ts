// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type { TranslationBundle } from '@jupyterlab/translation';
import type { RemixIssue } from '../../core/nbproject/remixPlan';
import { unworded } from './common';
import { unreadableMetadataText } from './metadata';

/**
 * What a remix could not carry over, in the user's language.
 *
 * @param trans - the extension's translation bundle.
 * @param issue - one problem of `planRemix`.
 */
export function remixIssueText(
  trans: TranslationBundle,
  issue: RemixIssue
): string {
  switch (issue.code) {
    case 'remix.noReadableId':
      return trans.__(
        'The notebook has no readable id, so the copy names no parent.'
      );
    case 'remix.untracked':
      return trans.__(
        'The notebook is not tracked by nbproject, so the copy names no parent.'
      );
    case 'remix.metadataReplaced':
      return trans.__(
        '%1 The copy gets new nbproject metadata.',
        unreadableMetadataText(trans, issue.params.problem)
      );
    default:
      return unworded(issue);
  }
}
