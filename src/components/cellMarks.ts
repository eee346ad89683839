// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type { Cell } from '@jupyterlab/cells';
import type { TranslationBundle } from '@jupyterlab/translation';
import type {
  IHiddenStateCell,
  IHiddenStateReport
} from '../core/execution/hiddenState';
import type { IMarkedCell, IMonitorReport } from '../tokens';
import { markedCellText } from './messages/execution';

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
 * tooltip of the cell's prompt. Only cells whose mark changed are touched:
 * a paint compares the marks with those it painted last, cell by cell,
 * and reads every cell widget only after {@link invalidate} (the cell
 * list changed). The hidden state's marks need its words, which come with
 * the analysis that finds it, after startup: a report with cells is
 * painted once they are loaded (the order's marks at once).
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
   * Say the cell widgets may have changed (cells were added, removed,
   * moved or replaced): the next paint looks at every cell.
   */
  invalidate(): void {
    this._byId = null;
    this._shownOrder = null;
  }

  /**
   * Show the reports' marks (the execution order's, and the hidden
   * state's when given), removing those no longer in them.
   */
  paint(report: IMonitorReport, hidden?: IHiddenStateReport): void {
    const last = { report, hidden };
    this._last = last;
    let shown = hidden;
    if (hidden && hidden.cells.length > 0 && !Private.hiddenWords) {
      // Painted again with them, unless another paint came meanwhile.
      void Private.loadHiddenWords().then(() => {
        if (Private.hiddenWords && this._last === last) {
          this.paint(report, hidden);
        }
      });
      shown = undefined;
    }
    const widgets = this._widgets();
    if (
      this._byId !== null &&
      this._count === widgets.length &&
      this._unique &&
      this._shownOrder !== null &&
      shown === this._shownState
    ) {
      // The same cells and hidden state: only the order's changes.
      this._paintChanges(this._shownOrder, report);
      this._shownOrder = report;
      return;
    }
    const states = new Map<string, IHiddenStateCell>();
    for (const cell of shown?.cells ?? []) {
      // A cell without an id is no widget's (JupyterLab gives every cell one).
      if (cell.id !== null) {
        states.set(cell.id, cell);
      }
    }
    const next = new Map<string, Private.IMark>();
    for (const cell of report.cells) {
      next.set(cell.id, { key: '', order: cell, state: states.get(cell.id) });
    }
    for (const [id, state] of states) {
      if (!next.has(id)) {
        next.set(id, { key: '', state });
      }
    }
    for (const [id, mark] of next) {
      this._word(mark, this._painted.get(id));
    }
    if (this._byId === null || this._count !== widgets.length) {
      // Every cell: the widgets, or which cell each shows, may be new.
      const byId = new Map<string, Cell[]>();
      let unique = true;
      for (const widget of widgets) {
        const id = widget.model.id;
        const same = byId.get(id);
        if (same) {
          same.push(widget);
          unique = false;
        } else {
          byId.set(id, [widget]);
        }
        this._apply(widget, next.get(id));
      }
      this._byId = byId;
      this._count = widgets.length;
      this._unique = unique;
    } else {
      for (const [id, mark] of next) {
        if (this._painted.get(id)?.key !== mark.key) {
          this._applyAll(id, mark);
        }
      }
      for (const id of this._painted.keys()) {
        if (!next.has(id)) {
          this._applyAll(id, undefined);
        }
      }
    }
    this._painted = next;
    this._states = states;
    this._shownOrder = report;
    this._shownState = shown;
  }

  /**
   * Paint what changed between two reports of the order: both list the
   * marked cells in notebook order, and the monitor keeps the object of a
   * mark that did not change, so the walk compares objects and touches
   * only the cells marked, unmarked or marked otherwise (a few per batch
   * of a "run all", among thousands marked "not run").
   */
  private _paintChanges(before: IMonitorReport, report: IMonitorReport): void {
    const old = before.cells;
    const now = report.cells;
    // The order's mark of each touched cell (`undefined`: none any more).
    const touched = new Map<string, IMarkedCell | undefined>();
    let i = 0;
    let j = 0;
    while (i < old.length || j < now.length) {
      const a = old[i];
      const b = now[j];
      if (a === b) {
        i++;
        j++;
        continue;
      }
      if (a !== undefined && (b === undefined || a.index <= b.index)) {
        if (!touched.has(a.id)) {
          touched.set(a.id, undefined);
        }
        i++;
      }
      if (b !== undefined && (a === undefined || b.index <= a.index)) {
        touched.set(b.id, b);
        j++;
      }
    }
    for (const [id, order] of touched) {
      const state = this._states.get(id);
      const before = this._painted.get(id);
      let mark: Private.IMark | undefined;
      if (order || state) {
        mark = { key: '', order, state };
        this._word(mark, before);
        this._painted.set(id, mark);
      } else {
        this._painted.delete(id);
      }
      if (before?.key !== mark?.key) {
        this._applyAll(id, mark);
      }
    }
  }

  /**
   * Word a mark, or take the words of the mark painted before when it
   * shows the same (a long run repaints often).
   */
  private _word(mark: Private.IMark, before: Private.IMark | undefined): void {
    if (before && Private.sameMark(before, mark)) {
      mark.codes = before.codes;
      mark.message = before.message;
      mark.key = before.key;
    } else {
      this._describe(mark);
    }
  }

  /**
   * Show a mark on every widget of a cell.
   */
  private _applyAll(id: string, mark: Private.IMark | undefined): void {
    for (const widget of this._byId?.get(id) ?? []) {
      this._apply(widget, mark);
    }
  }

  /**
   * Word a cell's marks, and key them (what the cell shows).
   */
  private _describe(mark: Private.IMark): void {
    const { order, state } = mark;
    // Each code once: a cell may use several names for one reason.
    mark.codes = [...new Set(state?.issues.map(issue => issue.code))];
    mark.message = [
      order ? markedCellText(this._trans, order) : '',
      state && Private.hiddenWords
        ? Private.hiddenWords.cellText(this._trans, state)
        : ''
    ]
      .filter(Boolean)
      .join('; ');
    mark.key = `${order?.reasons.join(' ') ?? ''}|${order?.affectsVerdict ?? ''}|${mark.codes.join(' ')}|${mark.message}`;
  }

  /**
   * Show a cell's marks (none when `mark` is undefined) on its widget.
   */
  private _apply(widget: Cell, mark: Private.IMark | undefined): void {
    const key = mark?.key;
    // The key lives on the widget: a re-created widget starts unmarked.
    if (widget.node.dataset.nbprojectMark === key) {
      return;
    }
    const order = mark?.order;
    const state = mark?.state;
    const codes = mark?.codes ?? [];
    // What a cell without the hidden state's or the order's mark had off
    // stays off (a "run all" unmarks one cell after the other).
    if (state || widget.node.dataset.nbprojectHidden !== undefined) {
      widget.toggleClass(HIDDEN_STATE_CLASS, state !== undefined);
      widget.toggleClass(
        'jp-mod-hidden-problem',
        codes.some(code => Private.hiddenWords?.problems.has(code))
      );
      if (state) {
        widget.node.dataset.nbprojectHidden = codes.join(' ');
      } else {
        delete widget.node.dataset.nbprojectHidden;
      }
    }
    if (key !== undefined) {
      widget.node.dataset.nbprojectMark = key;
    } else {
      delete widget.node.dataset.nbprojectMark;
    }
    Private.showTitle(widget, key !== undefined ? (mark!.message ?? '') : null);
    if (order) {
      widget.addClass(MARK_CLASS);
      widget.toggleClass('jp-mod-affects-verdict', order.affectsVerdict);
      widget.node.dataset.nbprojectReasons = order.reasons.join(' ');
    } else if (widget.node.dataset.nbprojectReasons !== undefined) {
      widget.removeClass(MARK_CLASS);
      widget.removeClass('jp-mod-affects-verdict');
      delete widget.node.dataset.nbprojectReasons;
    }
  }

  private _widgets: () => readonly Cell[];
  private _trans: TranslationBundle;
  /**
   * The cell widgets by cell id, as of the last paint that read them all;
   * `null` when they must be read again.
   */
  private _byId: Map<string, Cell[]> | null = null;
  private _count = 0;
  /**
   * The marks painted last, by cell id.
   */
  private _painted = new Map<string, Private.IMark>();
  /**
   * The last paint's arguments.
   */
  private _last: object | null = null;
  /**
   * Whether no two widgets show cells with the same id (changes are then
   * painted cell by cell).
   */
  private _unique = true;
  /**
   * The order's report and the hidden state painted last, and the hidden
   * state's cells by id.
   */
  private _shownOrder: IMonitorReport | null = null;
  private _shownState: IHiddenStateReport | undefined = undefined;
  private _states = new Map<string, IHiddenStateCell>();
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * The hidden state's words and which of its issues are problems, loaded
   * with the analysis that finds it.
   */
  export interface IHiddenWords {
    cellText: (
      trans: TranslationBundle,
      cell: Pick<IHiddenStateCell, 'issues'>
    ) => string;
    problems: ReadonlySet<string>;
  }

  /**
   * The hidden state's words once loaded, for every notebook.
   */
  export let hiddenWords: IHiddenWords | null = null;

  /**
   * The load under way.
   */
  let loading: Promise<void> | null = null;

  /**
   * Load the hidden state's words (in the chunk of its analysis, which has
   * already arrived when there is a report to show); never rejects.
   */
  export function loadHiddenWords(): Promise<void> {
    loading ??= Promise.all([
      import(/* webpackChunkName: "after-open" */ './messages/hiddenState'),
      import(
        /* webpackChunkName: "after-open" */ '../core/execution/hiddenState'
      )
    ]).then(
      ([messages, analysis]) => {
        hiddenWords = {
          cellText: messages.hiddenStateCellText,
          problems: analysis.HIDDEN_STATE_PROBLEMS
        };
      },
      reason => {
        loading = null;
        console.error(
          'jupyterlab-nbproject: the hidden-state words could not be loaded',
          reason
        );
      }
    );
    return loading;
  }

  /**
   * The tooltip each cell widget is to show (`null`: none).
   */
  const titles = new WeakMap<Cell, string | null>();

  /**
   * Show a tooltip on a cell's prompt. A cell JupyterLab has not rendered
   * yet (a placeholder, until it comes into view or the browser is idle)
   * has no prompt: the tooltip lands when the cell renders, once per
   * widget, the last one asked for.
   */
  export function showTitle(widget: Cell, title: string | null): void {
    const waiting = titles.has(widget);
    titles.set(widget, title);
    if (widget.isPlaceholder()) {
      if (!waiting) {
        void widget.ready.then(() => {
          // A paint after the cell rendered may have set its title already.
          if (titles.has(widget)) {
            setTitle(widget, titles.get(widget) ?? null);
          }
        });
      }
      return;
    }
    setTitle(widget, title);
  }

  function setTitle(widget: Cell, title: string | null): void {
    titles.delete(widget);
    if (widget.isDisposed) {
      return;
    }
    // The input area's prompt, in the DOM or not (a collapsed input).
    const prompt = widget.inputArea?.promptNode;
    if (title !== null) {
      prompt?.setAttribute('title', title);
    } else {
      prompt?.removeAttribute('title');
    }
  }

  /**
   * What one cell shows.
   */
  export interface IMark {
    /**
     * The execution order's mark.
     */
    order?: IMarkedCell;
    /**
     * The hidden state's mark.
     */
    state?: IHiddenStateCell;
    /**
     * The hidden-state codes, each once.
     */
    codes?: IHiddenStateCell['issues'][number]['code'][];
    /**
     * The tooltip.
     */
    message?: string;
    /**
     * All of it as one comparable string.
     */
    key: string;
  }

  /**
   * Whether two marks show the same (what their words and classes are
   * made of), compared field by field.
   */
  export function sameMark(a: IMark, b: IMark): boolean {
    return (
      !a.order === !b.order &&
      !a.state === !b.state &&
      (!a.order ||
        (a.order.affectsVerdict === b.order!.affectsVerdict &&
          sameList(a.order.reasons, b.order!.reasons, (x, y) => x === y) &&
          sameList(a.order.issues, b.order!.issues, sameIssue))) &&
      (!a.state || sameList(a.state.issues, b.state!.issues, sameIssue))
    );
  }

  function sameList<T>(
    a: readonly T[],
    b: readonly T[],
    same: (x: T, y: T) => boolean
  ): boolean {
    return a.length === b.length && a.every((x, i) => same(x, b[i]));
  }

  /**
   * Whether two issues have the same code and parameters (plain values).
   */
  function sameIssue(
    a: { code: string; params?: object },
    b: { code: string; params?: object }
  ): boolean {
    if (a.code !== b.code) {
      return false;
    }
    const x = (a.params ?? {}) as Record<string, unknown>;
    const y = (b.params ?? {}) as Record<string, unknown>;
    const keys = Object.keys(x);
    return (
      keys.length === Object.keys(y).length &&
      keys.every(key => x[key] === y[key])
    );
  }
}
