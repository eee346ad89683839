// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import {
  consecutivenessReport,
  IConsecutivenessOptions,
  IConsecutivenessReport
} from '../execution/consecutiveness';
import {
  collectImports,
  findImportsSteps,
  ICellImports,
  IFoundImports,
  IImportedModule,
  IInstallLine
} from '../python/imports';
import { cellId, ICellLike, joinSource } from './cells';
import { isPep723Cell, withoutPep723Cell } from '../packages/pep723';
import { IUnparsedCell } from '../common/scanLimits';
import { allSteps, Steps } from '../common/steps';
import type { PythonParser } from '../python/parser';
import { markdownTitle } from '../nbproject/title';

/**
 * A notebook's reproducibility analysis, kept up to date incrementally.
 *
 * Parsing imports is the expensive part, so results are cached per cell,
 * found by position, else by cell id (a cell moved), and a cell is parsed
 * again only when its type or source changed. Re-analysing after
 * one cell changed therefore parses that cell only; the rest is linear
 * bookkeeping (joining sources, consecutiveness over execution counts).
 */
export class NotebookAnalysis {
  /**
   * Create an analysis of an empty notebook.
   */
  constructor(options: NotebookAnalysis.IOptions) {
    const { parser, ...consecutiveness } = options;
    this._parser = parser;
    this._options = consecutiveness;
    this.update([]);
  }

  /**
   * How many cells were parsed by the last {@link update}; the others were
   * served from the cache.
   */
  get parsedInLastUpdate(): number {
    return this._parsed;
  }

  /**
   * Analyse the notebook's current cells, re-parsing only changed cells.
   *
   * @param cells - all cells of the notebook, in order.
   */
  update(cells: readonly ICellLike[]): void {
    allSteps(this.updateSteps(cells));
  }

  /**
   * {@link update} in steps (a cell each, a large cell's parse in several),
   * for a caller that spreads a large notebook over several tasks. The
   * result changes only at the last step, so an abandoned run leaves the
   * previous one in place; the cells it parsed are kept for the next run.
   *
   * @param cells - all cells of the notebook, in order (the list and its
   *   cells must not change while the run goes on).
   * @returns the new result, also given by {@link result}.
   */
  *updateSteps(cells: readonly ICellLike[]): Steps<NotebookAnalysis.IResult> {
    const ids: (string | null)[] = new Array(cells.length);
    const entries: Private.IEntry[] = new Array(cells.length);
    const perCell: ICellImports[] = [];
    let title: string | null = null;
    let parsed = 0;
    // The last run's entries by id, built when a cell is not where it was.
    let moved: Map<string, Private.IEntry> | null = null;
    for (let index = 0; index < cells.length; index++) {
      const cell = cells[index];
      const id = cellId(cell);
      const kind = Private.kind(cell.cell_type);
      const source = joinSource(cell.source);
      // The cell where it was, else moved, else parsed by an unfinished run.
      const inPlace = this._ids[index] === id;
      let entry = inPlace ? this._entries[index] : undefined;
      if (!inPlace && id !== null) {
        moved ??= Private.byId(this._ids, this._entries);
        entry = moved.get(id);
      }
      if (!Private.fits(entry, kind, source)) {
        entry = this._unfinished.get(id ?? index);
      }
      if (!Private.fits(entry, kind, source)) {
        entry = yield* Private.analyse(kind, source, this._parser);
        parsed += kind === 'other' ? 0 : 1;
        // Checked against the source on every lookup, so safe to keep now.
        this._unfinished.set(id ?? index, entry);
      }
      ids[index] = id;
      entries[index] = entry;
      const found = entry.found;
      if (
        found &&
        (found.modules.length || found.installs.length || found.unparsed)
      ) {
        perCell.push({ index, id, found });
      }
      if (title === null) {
        title = entry.title;
      }
      yield;
    }
    this._ids = ids;
    this._entries = entries;
    this._unfinished.clear();
    this._parsed = parsed;
    const { modules, installs, unparsed } = collectImports(perCell);
    this._result = {
      title,
      modules,
      installs,
      unparsed: unparsed ?? [],
      // The PEP 723 cell declares the environment and runs nothing.
      consecutiveness: consecutivenessReport(
        withoutPep723Cell(cells),
        this._options
      )
    };
    return this._result;
  }

  /**
   * The analysis of the cells given to the last {@link update}.
   */
  result(): NotebookAnalysis.IResult {
    return this._result;
  }

  private _parser: PythonParser;
  private _options: IConsecutivenessOptions;
  // The last finished run's cells, by position.
  private _ids: (string | null)[] = [];
  private _entries: Private.IEntry[] = [];
  // Cells parsed by runs not finished (yet), by id or position.
  private _unfinished = new Map<string | number, Private.IEntry>();
  private _parsed = 0;
  private _result!: NotebookAnalysis.IResult;
}

/**
 * A namespace for {@link NotebookAnalysis} statics.
 */
export namespace NotebookAnalysis {
  /**
   * Options: the Python parser, and how consecutiveness is judged.
   */
  export interface IOptions extends IConsecutivenessOptions {
    /**
     * The Python parser cells are read with.
     */
    parser: PythonParser;
  }

  /**
   * A notebook's analysis.
   */
  export interface IResult {
    /**
     * The title by nbproject's rule, or `null`.
     */
    title: string | null;
    /**
     * Imported third-party modules with the cells importing them.
     */
    modules: IImportedModule[];
    /**
     * Package-install lines.
     */
    installs: IInstallLine[];
    /**
     * Code cells too large, or nesting too deep, to be parsed for imports
     * (see `scanLimits`): their imports are not known.
     */
    unparsed: IUnparsedCell[];
    /**
     * Consecutiveness: nbproject's verdict and the offending cells.
     */
    consecutiveness: IConsecutivenessReport;
  }
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * The kinds of cells the analysis tells apart.
   */
  export type Kind = 'code' | 'markdown' | 'other';

  /**
   * What is cached for one cell.
   */
  export interface IEntry {
    kind: Kind;
    source: string;
    /**
     * Imports of a code cell, else `null`.
     */
    found: IFoundImports | null;
    /**
     * The title line of a markdown cell, else `null`.
     */
    title: string | null;
  }

  /**
   * Whether a cached entry is the analysis of this cell.
   */
  export function fits(
    entry: IEntry | undefined,
    kind: Kind,
    source: string
  ): entry is IEntry {
    return (
      entry !== undefined && entry.kind === kind && entry.source === source
    );
  }

  /**
   * A run's entries by cell id (the first cell holding an id).
   */
  export function byId(
    ids: readonly (string | null)[],
    entries: readonly IEntry[]
  ): Map<string, IEntry> {
    const map = new Map<string, IEntry>();
    ids.forEach((id, index) => {
      if (id !== null && !map.has(id)) {
        map.set(id, entries[index]);
      }
    });
    return map;
  }

  export function kind(cellType: unknown): Kind {
    return cellType === 'code' || cellType === 'markdown' ? cellType : 'other';
  }

  export function* analyse(
    kind: Kind,
    source: string,
    parser: PythonParser
  ): Steps<IEntry> {
    return {
      kind,
      source,
      // A PEP 723 cell imports nothing, whatever its comments say.
      found:
        kind === 'code' && !isPep723Cell({ cell_type: kind, source })
          ? yield* findImportsSteps(source, parser)
          : null,
      title: kind === 'markdown' ? markdownTitle(source) : null
    };
  }
}
