// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { ISignal, Signal } from '@lumino/signaling';
import type { IUnscannedLines } from '../core/common/scanLimits';
import type { Steps } from '../core/common/steps';
import type { IAbsolutePathFinding } from '../core/hygiene/absolutePaths';
import type { ICellWithOutputs, ISecretFinding } from '../core/hygiene/secrets';
import type { Analyses } from './loadAnalyses';
import { ScanPart } from './scanPart';

/**
 * What a notebook should not share, found in its cells: credentials (in
 * sources and outputs) and paths that exist on this machine only, with the
 * lines too long to scan. No DOM; `changed` tells when the findings
 * change. Scans again when edits pause, in slices.
 */
export class HygieneModel extends ScanPart<HygieneModel.IFindings> {
  /**
   * Create a hygiene model.
   */
  constructor(options: HygieneModel.IOptions) {
    super({ delay: options.delay ?? 1000, sliceBudget: options.sliceBudget });
    this._options = options;
    options.source.contentChanged?.connect(this.rescanLater, this);
  }

  /**
   * Emitted when a scan is done.
   */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /**
   * Credentials found in cells and outputs (masked excerpts only).
   */
  get secrets(): readonly ISecretFinding[] {
    return this._secrets;
  }

  /**
   * User-specific absolute paths found in cells.
   */
  get absolutePaths(): readonly IAbsolutePathFinding[] {
    return this._paths;
  }

  /**
   * Lines too long for the secret and path scans, which they skipped.
   */
  get unscanned(): IUnscannedLines {
    return this._unscanned;
  }

  /**
   * A scan is done.
   */
  protected done(result: HygieneModel.IFindings): void {
    this._secrets = result.secrets;
    this._paths = result.paths;
    this._unscanned = result.unscanned;
    this._changed.emit();
  }

  /**
   * The scan, a step per cell (the scanners read a cell on its own).
   */
  protected *steps(code: Analyses): Steps<HygieneModel.IFindings> {
    const { findAbsolutePaths, findSecrets, unscannedLines } = code;
    const cells: readonly ICellWithOutputs[] = this._options.cells();
    const directory = this._options.directory() ?? null;
    const secrets: ISecretFinding[] = [];
    const paths: IAbsolutePathFinding[] = [];
    const unscanned: IUnscannedLines = { count: 0, cells: [] };
    for (let index = 0; index < cells.length; index++) {
      const cell = [cells[index]];
      for (const finding of findSecrets(cell)) {
        secrets.push({ ...finding, cell: index });
      }
      for (const finding of findAbsolutePaths(cell, directory)) {
        paths.push({ ...finding, cell: index });
      }
      const { count } = unscannedLines(cell);
      if (count > 0) {
        unscanned.count += count;
        unscanned.cells.push(index);
      }
      yield;
    }
    return { secrets, paths, unscanned };
  }

  private _options: HygieneModel.IOptions;
  private _changed = new Signal<this, void>(this);
  private _secrets: ISecretFinding[] = [];
  private _paths: IAbsolutePathFinding[] = [];
  private _unscanned: IUnscannedLines = { count: 0, cells: [] };
}

/**
 * A namespace for `HygieneModel` statics.
 */
export namespace HygieneModel {
  /**
   * Options to create a hygiene model.
   */
  export interface IOptions {
    /**
     * The notebook model (its change signal).
     */
    source: { readonly contentChanged?: ISignal<any, void> };
    /**
     * The notebook's cells with their outputs, as in the file.
     */
    cells: () => readonly ICellWithOutputs[];
    /**
     * The notebook's directory as the kernel sees it, when known: paths
     * inside it are suggested relative to the notebook.
     */
    directory: () => string | null | undefined;
    /**
     * How long edits must pause before the cells are scanned again, in
     * milliseconds; 1000 by default.
     */
    delay?: number;
    /**
     * How long one slice of the scan may run, in milliseconds; without it,
     * the scan runs at once.
     */
    sliceBudget?: number;
  }

  /**
   * What a scan found.
   */
  export interface IFindings {
    secrets: ISecretFinding[];
    paths: IAbsolutePathFinding[];
    unscanned: IUnscannedLines;
  }
}
