// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import * as React from 'react';
import type { TranslationBundle } from '@jupyterlab/translation';
import { unreproducedCells } from '../core/execution/compareOutputs';
import type { INotebookSession } from '../tokens';
import { verifiedCellText, verifiedText } from './messages/verify';

/**
 * Props of the verification summary.
 */
export interface IVerifySummaryProps {
  /**
   * The session's last verification.
   */
  verification: INotebookSession.IVerification;
  /**
   * The translation bundle.
   */
  trans: TranslationBundle;
  /**
   * Select and show a cell.
   */
  goToCell: (index: number) => void;
  /**
   * Run `nbproject:verify` on the notebook.
   */
  verify: () => void;
}

/**
 * The most cells linked; the rest are counted.
 */
const MAX_CELLS = 20;

/**
 * The summary line's verification: "Verified: 14 of 15 cells reproduce"
 * with a link to each cell that does not, and the "Verify" button (off
 * while a verification runs).
 */
export function VerifySummary(props: IVerifySummaryProps): React.ReactElement {
  const { verification, trans, goToCell, verify } = props;
  const { result, running } = verification;
  const cells = result ? unreproducedCells(result) : [];
  const more = cells.length - MAX_CELLS;
  const ok = result?.verdict === 'reproduces';
  return (
    <span
      className={`jp-nbproject-field jp-nbproject-verified${result && !ok ? ' jp-nbproject-warn' : ''}`}
      data-field="verified"
      data-verdict={result?.verdict ?? 'none'}
      data-running={String(running)}
      title={result?.failure ?? ''}
    >
      {running ? (
        <span>{trans.__('Verifying in a fresh kernel…')}</span>
      ) : (
        result && <span>{verifiedText(trans, result)}</span>
      )}
      {!running &&
        cells.slice(0, MAX_CELLS).map(cell => (
          <button
            key={cell.index}
            className="jp-Button jp-mod-minimal jp-nbproject-link"
            data-status={cell.status}
            title={verifiedCellText(trans, cell)}
            onClick={event => {
              event.stopPropagation();
              goToCell(cell.index);
            }}
          >
            {trans.__('cell %1', cell.index + 1)}
          </button>
        ))}
      {!running && more > 0 && (
        <span>{trans.__('and %1 more cells', more)}</span>
      )}
      <button
        className="jp-Button jp-mod-minimal jp-nbproject-verify"
        data-action="verify"
        disabled={running}
        title={trans.__(
          'Run the notebook top to bottom in a new, separate kernel and compare its outputs with the stored ones'
        )}
        onClick={event => {
          event.stopPropagation();
          verify();
        }}
      >
        {trans.__('Verify')}
      </button>
    </span>
  );
}
