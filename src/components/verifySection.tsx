// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import * as React from 'react';
import type { TranslationBundle } from '@jupyterlab/translation';
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
   * Show a cell's stored and new outputs side by side.
   */
  compare: (index: number) => void;
  /**
   * Run `nbproject:verify` on the notebook.
   */
  verify: () => void;
  /**
   * Replace the stored outputs with the new ones (after a dialog).
   */
  keep: () => void;
}

/**
 * The most cells linked; the rest are counted.
 */
const MAX_CELLS = 20;

/**
 * The summary line's verification: "Verified: 14 of 15 cells reproduce"
 * with a link to each cell that does not (showing its stored and new
 * outputs side by side), "Keep new outputs" after a run of every cell
 * that found differences, and the "Verify" button (off while a
 * verification runs).
 */
export function VerifySummary(props: IVerifySummaryProps): React.ReactElement {
  const { verification, trans, compare, verify, keep } = props;
  const { result, running } = verification;
  // Once the new outputs are kept, the stored ones are the run's: no
  // cell left to compare, nothing to warn about.
  const kept = verification.kept;
  const cells = result && !kept ? verification.unreproduced : [];
  const more = cells.length - MAX_CELLS;
  const ok = result?.verdict === 'reproduces' || kept;
  return (
    <span
      className={`jp-nbproject-field jp-nbproject-verified${result && !ok ? ' jp-nbproject-warn' : ''}`}
      data-field="verified"
      data-verdict={result?.verdict ?? 'none'}
      data-kept={String(kept)}
      data-running={String(running)}
      title={result?.failure ?? ''}
    >
      {running ? (
        <span>{trans.__('Verifying in a fresh kernel…')}</span>
      ) : (
        result && (
          <span>
            {kept
              ? trans.__('%1 · new outputs kept', verifiedText(trans, result))
              : verifiedText(trans, result)}
          </span>
        )
      )}
      {!running &&
        cells.slice(0, MAX_CELLS).map(cell => (
          <button
            key={cell.index}
            className="jp-Button jp-mod-minimal jp-nbproject-link"
            data-status={cell.status}
            title={trans.__(
              '%1: show stored and new outputs',
              verifiedCellText(trans, cell)
            )}
            onClick={event => {
              event.stopPropagation();
              compare(cell.index);
            }}
          >
            {trans.__('cell %1', cell.index + 1)}
          </button>
        ))}
      {!running && more > 0 && (
        <span>{trans.__('and %1 more cells', more)}</span>
      )}
      {!running &&
        result?.verdict === 'differs' &&
        verification.run.length > 0 &&
        !verification.kept && (
          <button
            className="jp-Button jp-mod-minimal jp-nbproject-verify"
            data-action="keep-verify-outputs"
            title={trans.__(
              'Replace the stored outputs and execution counts with those of the verification'
            )}
            onClick={event => {
              event.stopPropagation();
              keep();
            }}
          >
            {trans.__('Keep new outputs')}
          </button>
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
