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
 * keyed by cell id (by position for cells without a unique id), and a cell
 * is parsed again only when its type or source changed. Re-analysing after
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
    const cache = new Map<string, Private.IEntry>();
    const perCell: ICellImports[] = [];
    let title: string | null = null;
    let parsed = 0;
    for (let index = 0; index < cells.length; index++) {
      const cell = cells[index];
      const id = cellId(cell);
      const key =
        id !== null && !cache.has(`id:${id}`) ? `id:${id}` : `index:${index}`;
      const kind = Private.kind(cell.cell_type);
      const source = joinSource(cell.source);
      let entry = this._cache.get(key);
      if (!entry || entry.kind !== kind || entry.source !== source) {
        entry = yield* Private.analyse(kind, source, this._parser);
        parsed += kind === 'other' ? 0 : 1;
        // Checked against the source on every lookup, so safe to keep now.
        this._cache.set(key, entry);
      }
      cache.set(key, entry);
      if (entry.found) {
        perCell.push({ index, id, found: entry.found });
      }
      if (title === null) {
        title = entry.title;
      }
      yield;
    }
    this._cache = cache;
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
  private _cache = new Map<string, Private.IEntry>();
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
