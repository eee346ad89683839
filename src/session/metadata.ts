// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type { IMapChange } from '@jupyter/ydoc';
import { ISignal, Signal } from '@lumino/signaling';
import {
  IPublishRecord,
  lastPublished,
  readPublishHistory
} from '../core/extension/history';
import {
  INbprojectRead,
  NBPROJECT_KEY,
  readNbproject
} from '../core/nbproject/metadata';
import { codeDigest } from '../core/notebook/digest';
import { IExecutionSource, INotebookSource, readCells } from './source';
import { EXTENSION_KEY } from '../core/extension/metadata';
import { SessionPart } from './part';
import { ChangeTimer } from './slices';

/**
 * A notebook's nbproject metadata as read, and where it stands against its
 * last publication ("modified since v3"). No DOM; `changed` tells when
 * either changes.
 */
export class MetadataModel extends SessionPart {
  /**
   * Create the model of a notebook model's metadata.
   */
  constructor(options: MetadataModel.IOptions) {
    super();
    this._source = options.source;
    this._execution = options.execution ?? null;
    this._read = readNbproject(this._source.getMetadata(NBPROJECT_KEY));
    this._digest = this.own(
      new ChangeTimer(
        () => void this._checkPublished(),
        options.digestDelay ?? 1000
      )
    );
    this._source.metadataChanged.connect(this._onMetadataChanged, this);
    this._source.contentChanged?.connect(this._onContentChanged, this);
    this._execution?.changed.connect(this._onExecution, this);
  }

  /**
   * Emitted when the metadata as read or the publication state changes.
   */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /**
   * `metadata.nbproject` as read; recomputed only when it changes.
   */
  get read(): INbprojectRead {
    return this._read;
  }

  /**
   * The last publication and whether the code changed since, or `null`.
   */
  get published(): IPublishedState | null {
    return this._published;
  }

  /**
   * Read the notebook now that its content has loaded (emits at once), and
   * compare its code with the last publication.
   */
  start(): void {
    this._started = true;
    this._read = readNbproject(this._source.getMetadata(NBPROJECT_KEY));
    this._changed.emit();
    void this._checkPublished();
  }

  private _onMetadataChanged(_: unknown, change: IMapChange): void {
    if (change.key === NBPROJECT_KEY) {
      this._read = readNbproject(this._source.getMetadata(NBPROJECT_KEY));
      this._changed.emit();
    } else if (change.key === EXTENSION_KEY && this._started) {
      void this._checkPublished();
    }
  }

  /**
   * Edits can make a published notebook "modified": once there is a
   * publication, hash the code again when typing pauses (never per
   * keystroke).
   */
  private _onContentChanged(): void {
    if (this._started && this._published !== null && !this.isDisposed) {
      this._digest.touch();
    }
  }

  /**
   * A cell ran, or cells were added, moved or removed: tell at once.
   */
  private _onExecution(): void {
    if (this._started) {
      void this._checkPublished();
    }
  }

  /**
   * Compare the code with the last publication's digest (asynchronous:
   * WebCrypto).
   */
  private async _checkPublished(): Promise<void> {
    const record = lastPublished(
      readPublishHistory(this._source.getMetadata(EXTENSION_KEY))
    );
    const token = ++this._publishedToken;
    const digest = record ? await codeDigest(readCells(this._source)) : null;
    if (this.isDisposed || token !== this._publishedToken) {
      return;
    }
    const published = record
      ? { record, modified: digest !== record.code_sha256 }
      : null;
    const same = JSON.stringify(published) === JSON.stringify(this._published);
    this._published = published;
    if (!same) {
      this._changed.emit();
    }
  }

  private _source: INotebookSource;
  private _execution: IExecutionSource | null;
  private _read: INbprojectRead;
  private _published: IPublishedState | null = null;
  private _publishedToken = 0;
  private _digest: ChangeTimer;
  private _started = false;
  private _changed = new Signal<this, void>(this);
}

/**
 * Where a notebook stands against its last publication.
 */
export interface IPublishedState {
  /**
   * The last publish record.
   */
  record: IPublishRecord;
  /**
   * Whether the code changed since (its digest differs).
   */
  modified: boolean;
}

/**
 * A namespace for `MetadataModel` statics.
 */
export namespace MetadataModel {
  /**
   * Options to create a metadata model.
   */
  export interface IOptions {
    /**
     * The notebook model.
     */
    source: INotebookSource;
    /**
     * Says when cells ran or the cell list changed: the publication state
     * is checked again at once then.
     */
    execution?: IExecutionSource;
    /**
     * How long typing must pause before the code is hashed again to tell
     * "modified since" a publication, in milliseconds; 1000 by default.
     */
    digestDelay?: number;
  }
}
