// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type { TranslationBundle } from '@jupyterlab/translation';
import type { IMarkedCell, MonitorIssue } from '../../tokens';
import { unworded } from './common';

/**
 * Why a code cell is marked, in the user's language.
 *
 * @param trans - the extension's translation bundle.
 * @param issue - one issue of a marked cell.
 */
export function monitorIssueText(
  trans: TranslationBundle,
  issue: MonitorIssue
): string {
  switch (issue.code) {
    case 'not-run':
      return trans.__('Not run');
    case 'not-from-one':
      return trans.__(
        'Does not start at 1: first count is %1',
        issue.params.count
      );
    case 'run-twice':
      return trans.__(
        'Ran twice: count %1 was already used',
        issue.params.count
      );
    case 'out-of-order':
      return trans.__(
        'Ran out of order: count %1 after %2',
        issue.params.count,
        issue.params.after
      );
    case 'skipped-before':
      return trans.__(
        'Cells were skipped before it (count %1 after %2)',
        issue.params.count,
        issue.params.after
      );
    case 'edited':
      return trans.__('Edited since it ran');
    case 'stale-session':
      return trans.__('Output from a previous kernel session');
    default:
      return unworded(issue);
  }
}

/**
 * All the reasons a cell is marked, in the user's language, one after
 * the other.
 *
 * @param trans - the extension's translation bundle.
 * @param cell - a marked cell of the execution report.
 */
export function markedCellText(
  trans: TranslationBundle,
  cell: Pick<IMarkedCell, 'issues'>
): string {
  return cell.issues.map(issue => monitorIssueText(trans, issue)).join('; ');
}
