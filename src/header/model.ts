// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { VDomModel } from '@jupyterlab/ui-components';
import type { IMapChange } from '@jupyter/ydoc';
import type { ISignal } from '@lumino/signaling';
import { INbprojectRead, NBPROJECT_KEY, readNbproject } from '../core/metadata';

/**
 * The part of a notebook model the header reads: its metadata and the
 * signal that tells when it changed (locally, by undo, or by a collaborator).
 */
export interface IMetadataSource {
  getMetadata(key: string): unknown;
  readonly metadataChanged: ISignal<any, IMapChange>;
}

/**
 * The state of one notebook's header: what its nbproject metadata says and
 * whether the header is expanded. Holds no DOM.
 */
export class HeaderModel extends VDomModel {
  /**
   * Create a header model for a notebook model.
   */
  constructor(options: HeaderModel.IOptions) {
    super();
    this._source = options.source;
    this._expanded = options.expanded ?? false;
    this._read = readNbproject(this._source.getMetadata(NBPROJECT_KEY));
    this._source.metadataChanged.connect(this._onMetadataChanged, this);
  }

  /**
   * The metadata as read; recomputed only when `metadata.nbproject` changes.
   */
  get read(): INbprojectRead {
    return this._read;
  }

  /**
   * Whether the notebook's content has loaded. Before that the header says
   * nothing about tracking, so "not tracked" never flashes on open.
   */
  get ready(): boolean {
    return this._ready;
  }
  set ready(value: boolean) {
    if (value === this._ready) {
      return;
    }
    this._ready = value;
    this._refresh();
  }

  /**
   * Whether the header shows its expanded form.
   */
  get expanded(): boolean {
    return this._expanded;
  }
  set expanded(value: boolean) {
    if (value === this._expanded) {
      return;
    }
    this._expanded = value;
    this.stateChanged.emit();
  }

  /**
   * Dispose of the model and stop listening to the notebook.
   */
  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this._source.metadataChanged.disconnect(this._onMetadataChanged, this);
    super.dispose();
  }

  private _onMetadataChanged(_: unknown, change: IMapChange): void {
    if (change.key === NBPROJECT_KEY) {
      this._refresh();
    }
  }

  private _refresh(): void {
    this._read = readNbproject(this._source.getMetadata(NBPROJECT_KEY));
    this.stateChanged.emit();
  }

  private _source: IMetadataSource;
  private _read: INbprojectRead;
  private _expanded: boolean;
  private _ready = false;
}

/**
 * A namespace for `HeaderModel` statics.
 */
export namespace HeaderModel {
  /**
   * Options to create a header model.
   */
  export interface IOptions {
    /**
     * The notebook model whose metadata the header shows.
     */
    source: IMetadataSource;
    /**
     * Whether the header starts expanded.
     */
    expanded?: boolean;
  }
}
