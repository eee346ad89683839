// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type { TranslationBundle } from '@jupyterlab/translation';
import type {
  HiddenStateIssue,
  IHiddenStateCell
} from '../../core/execution/hiddenState';
import type { DynamicFeature } from '../../core/python/names';
import { unworded } from './common';

/**
 * Why a code cell depends on hidden state, in the user's language.
 *
 * @param trans - the extension's translation bundle.
 * @param issue - one issue of the cell.
 */
export function hiddenStateIssueText(
  trans: TranslationBundle,
  issue: HiddenStateIssue
): string {
  switch (issue.code) {
    case 'undefined-name':
      return trans.__(
        'Uses %1, defined nowhere in the notebook',
        issue.params.name
      );
    case 'defined-later':
      return trans.__(
        'Uses %1 before cell %2 defines it',
        issue.params.name,
        issue.params.cell + 1
      );
    case 'later-definition':
      return trans.__(
        'Ran with %1 from cell %2, below it',
        issue.params.name,
        issue.params.cell + 1
      );
    case 'stale-definition':
      return trans.__(
        'Ran with %1 from cell %2, edited since',
        issue.params.name,
        issue.params.cell + 1
      );
    case 'unresolved':
      return trans.__(
        'Not sure where %1 comes from (cell %2 may define it)',
        issue.params.name,
        issue.params.cell + 1
      );
    case 'dynamic':
      return trans.__(
        'Not sure what it defines: %1',
        dynamicFeatureText(trans, issue.params.feature)
      );
    default:
      return unworded(issue);
  }
}

/**
 * What makes a cell's names unknown, in the user's language.
 */
function dynamicFeatureText(
  trans: TranslationBundle,
  feature: DynamicFeature
): string {
  switch (feature) {
    case 'exec':
      return trans.__('it calls exec');
    case 'globals':
      return trans.__('it reaches globals()');
    case 'get-ipython':
      return trans.__('it calls get_ipython()');
    case 'star-import':
      return trans.__('it imports *');
    case 'magic':
      return trans.__('a magic such as %run');
    case 'long':
      return trans.__('too long to read');
    case 'nested':
      return trans.__('nested too deep to read');
    default:
      return unworded(feature);
  }
}

/**
 * All the hidden-state issues of a cell, in the user's language.
 *
 * @param trans - the extension's translation bundle.
 * @param cell - a cell of the hidden-state report.
 */
export function hiddenStateCellText(
  trans: TranslationBundle,
  cell: Pick<IHiddenStateCell, 'issues'>
): string {
  return cell.issues
    .map(issue => hiddenStateIssueText(trans, issue))
    .join('; ');
}
