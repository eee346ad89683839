// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type { Cell } from '@jupyterlab/cells';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { IMonitorReport } from '../tokens';
import { markedCellText } from './messages/execution';

/**
 * The class of a cell the checker marks (stable: tests and themes use it).
 */
export const MARK_CLASS = 'jp-nbproject-mark';

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
   * Show a report's marks, removing those no longer in it.
   */
  paint(report: IMonitorReport): void {
    const next = new Map(report.cells.map(cell => [cell.id, cell]));
    for (const widget of this._widgets()) {
      const mark = next.get(widget.model.id);
      const message = mark ? markedCellText(this._trans, mark) : '';
      const key = mark ? `${mark.reasons.join(' ')}|${message}` : undefined;
      // The key lives on the widget: a re-created widget starts unmarked.
      if (widget.node.dataset.nbprojectMark === key) {
        continue;
      }
      const prompt = widget.node.querySelector('.jp-InputArea-prompt');
      if (mark && key) {
        widget.addClass(MARK_CLASS);
        widget.toggleClass('jp-mod-affects-verdict', mark.affectsVerdict);
        widget.node.dataset.nbprojectMark = key;
        widget.node.dataset.nbprojectReasons = mark.reasons.join(' ');
        prompt?.setAttribute('title', message);
      } else {
        widget.removeClass(MARK_CLASS);
        widget.removeClass('jp-mod-affects-verdict');
        delete widget.node.dataset.nbprojectMark;
        delete widget.node.dataset.nbprojectReasons;
        prompt?.removeAttribute('title');
      }
    }
  }

  private _widgets: () => readonly Cell[];
  private _trans: TranslationBundle;
}
