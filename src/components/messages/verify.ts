// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type { TranslationBundle } from '@jupyterlab/translation';
import type {
  IVerifiedCell,
  IVerifyResult
} from '../../core/execution/compareOutputs';

/**
 * The header's line about the last verification in a fresh kernel:
 * "Verified: 14 of 15 cells reproduce", or why there is no count.
 *
 * @param trans - the extension's translation bundle.
 * @param result - the last verification's result.
 */
export function verifiedText(
  trans: TranslationBundle,
  result: IVerifyResult
): string {
  const total = result.cells.length;
  switch (result.verdict) {
    case 'failed':
      return trans.__('Not verified: no fresh kernel could be started');
    case 'cancelled':
      return trans._n(
        'Verification stopped: %2 of %1 cell run reproduces',
        'Verification stopped: %2 of %1 cells run reproduce',
        total,
        result.same
      );
    default:
      return trans._n(
        'Verified: %2 of %1 cell reproduces',
        'Verified: %2 of %1 cells reproduce',
        total,
        result.same
      );
  }
}

/**
 * How one cell failed to reproduce, in a few words.
 *
 * @param trans - the extension's translation bundle.
 * @param cell - a cell whose status is not `same`.
 */
export function verifiedCellText(
  trans: TranslationBundle,
  cell: IVerifiedCell
): string {
  switch (cell.status) {
    case 'differs':
      return trans.__('differs');
    case 'error-now':
      return cell.error
        ? trans.__('error now: %1', cell.error)
        : trans.__('error now');
    case 'error-before':
      return trans.__('error before, runs now');
    case 'no-output':
      return trans.__('no stored output');
    default:
      return trans.__('same');
  }
}
