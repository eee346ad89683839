// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type { ConsecutivenessIssue } from '../core/execution/consecutiveness';

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
 * The end of a wording switch: the type check fails when a code has no
 * words; at run time an unknown code is printed as is.
 *
 * @param issue - what no case matched (`never` to the type checker).
 */
function unworded(issue: never): string {
  return String((issue as { code?: unknown }).code);
}
