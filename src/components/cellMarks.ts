// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type { Cell } from '@jupyterlab/cells';
import type { TranslationBundle } from '@jupyterlab/translation';
import {
  HIDDEN_STATE_PROBLEMS,
  IHiddenStateReport
} from '../core/execution/hiddenState';
import type { IMonitorReport } from '../tokens';
import { markedCellText } from './messages/execution';
import { hiddenStateCellText } from './messages/hiddenState';

/**
 * The class of a cell the checker marks (stable: tests and themes use it).
 */
export const MARK_CLASS = 'jp-nbproject-mark';

/**
 * The class of a cell the hidden-state analysis marks (stable); its issue
 * codes are in `data-nbproject-hidden`.
 */
export const HIDDEN_STATE_CLASS = 'jp-nbproject-hidden-state';

/**
 * Paints the checker's marks on a notebook's cell widgets: a class, the
 * reason codes in `data-nbproject-reasons`, and the reason in words as the
 * tooltip of the cell's prompt. Only cells whose mark changed are touched.
 */
export class CellMarks {
  /**
   * Create the painter for a notebook's cell widgets.
   *
   * @param widgets - returns the notebook's current cell widgets.
   * @param trans - the extension's translation bundle, for the tooltips.
   */
  constructor(widgets: () => readonly Cell[], trans: TranslationBundle) {
    this._widgets = widgets;
    this._trans = trans;
  }

  /**
   * Show the reports' marks (the execution order's, and the hidden
   * state's when given), removing those no longer in them.
   */
  paint(report: IMonitorReport, hidden?: IHiddenStateReport): void {
    const next = new Map(report.cells.map(cell => [cell.id, cell]));
    const found = new Map(hidden?.cells.map(cell => [cell.id, cell]));
    for (const widget of this._widgets()) {
      const mark = next.get(widget.model.id);
      const state = found.get(widget.model.id);
      // Each code once: a cell may use several names for one reason.
      const codes = [...new Set(state?.issues.map(issue => issue.code))];
      const message = [
        mark ? markedCellText(this._trans, mark) : '',
        state ? hiddenStateCellText(this._trans, state) : ''
      ]
        .filter(Boolean)
        .join('; ');
      const key =
        mark || state
          ? `${mark?.reasons.join(' ') ?? ''}|${codes.join(' ')}|${message}`
          : undefined;
      // The key lives on the widget: a re-created widget starts unmarked.
      if (widget.node.dataset.nbprojectMark === key) {
        continue;
      }
      const prompt = widget.node.querySelector('.jp-InputArea-prompt');
      widget.toggleClass(HIDDEN_STATE_CLASS, state !== undefined);
      widget.toggleClass(
        'jp-mod-hidden-problem',
        codes.some(code => HIDDEN_STATE_PROBLEMS.has(code))
      );
      if (state) {
        widget.node.dataset.nbprojectHidden = codes.join(' ');
      } else {
        delete widget.node.dataset.nbprojectHidden;
      }
      if (key) {
        prompt?.setAttribute('title', message);
        widget.node.dataset.nbprojectMark = key;
      } else {
        prompt?.removeAttribute('title');
        delete widget.node.dataset.nbprojectMark;
      }
      if (mark) {
        widget.addClass(MARK_CLASS);
        widget.toggleClass('jp-mod-affects-verdict', mark.affectsVerdict);
        widget.node.dataset.nbprojectReasons = mark.reasons.join(' ');
      } else {
        widget.removeClass(MARK_CLASS);
        widget.removeClass('jp-mod-affects-verdict');
        delete widget.node.dataset.nbprojectReasons;
      }
    }
  }

  private _widgets: () => readonly Cell[];
  private _trans: TranslationBundle;
}
