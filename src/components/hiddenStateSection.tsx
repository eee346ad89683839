// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import * as React from 'react';
import type { TranslationBundle } from '@jupyterlab/translation';
import {
  hiddenStateProblemCells,
  IHiddenStateReport
} from '../core/execution/hiddenState';
import { hiddenStateCellText } from './messages/hiddenState';

/**
 * Props of the hidden-state components.
 */
export interface IHiddenStateProps {
  /**
   * The session's hidden-state report.
   */
  report: IHiddenStateReport;
  /**
   * The translation bundle.
   */
  trans: TranslationBundle;
  /**
   * Select and show a cell.
   */
  goToCell: (index: number) => void;
}

/**
 * The most cells listed; the rest are counted.
 */
const MAX_CELLS = 50;

/**
 * The badge of the summary line when some cell depends on hidden state:
 * "Hidden state: 2 cells", the reasons in its tooltip. Nothing otherwise.
 */
export function HiddenStateBadge(
  props: Omit<IHiddenStateProps, 'goToCell'>
): React.ReactElement | null {
  const { report, trans } = props;
  if (report.verdict !== 'hidden') {
    return null;
  }
  const count = hiddenStateProblemCells(report).length;
  const tooltip = report.cells
    .slice(0, 20)
    .map(cell =>
      trans.__('Cell %1: %2', cell.index + 1, hiddenStateCellText(trans, cell))
    )
    .join('\n');
  return (
    <span
      className="jp-nbproject-badge jp-mod-warn"
      data-field="hidden-state-badge"
      data-verdict={report.verdict}
      title={tooltip}
    >
      {trans._n('Hidden state: %1 cell', 'Hidden state: %1 cells', count)}
    </span>
  );
}

/**
 * The header's details: one line per cell, a link to it and why it
 * depends on state the notebook does not make, or why the analysis is
 * not sure of it. Nothing when the notebook is clean.
 */
export function HiddenStateDetails(
  props: IHiddenStateProps
): React.ReactElement | null {
  const { report, trans, goToCell } = props;
  if (report.cells.length === 0) {
    return null;
  }
  const more = report.cells.length - MAX_CELLS;
  return (
    <>
      <dt>{trans.__('Hidden state')}</dt>
      <dd data-field="hidden-state" data-verdict={report.verdict}>
        <ul className="jp-nbproject-cells">
          {report.cells.slice(0, MAX_CELLS).map(cell => (
            <li
              key={`${cell.index}`}
              data-issues={[
                ...new Set(cell.issues.map(issue => issue.code))
              ].join(' ')}
            >
              <button
                className="jp-Button jp-mod-minimal jp-nbproject-link"
                onClick={() => goToCell(cell.index)}
              >
                {trans.__('cell %1', cell.index + 1)}
              </button>{' '}
              {hiddenStateCellText(trans, cell)}
            </li>
          ))}
          {more > 0 && (
            <li>
              <button
                className="jp-Button jp-mod-minimal jp-nbproject-link"
                title={trans.__(
                  'Go to the Next Cell with Hidden State goes on from there'
                )}
                onClick={() => goToCell(report.cells[MAX_CELLS].index)}
              >
                {trans._n(
                  'and %1 more cell, from cell %2',
                  'and %1 more cells, from cell %2',
                  more,
                  report.cells[MAX_CELLS].index + 1
                )}
              </button>
            </li>
          )}
        </ul>
      </dd>
    </>
  );
}
