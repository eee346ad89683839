// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type { IMapChange } from '@jupyter/ydoc';
import type { ISignal } from '@lumino/signaling';
import type { ICellLike } from '../core/notebook/cells';

/**
 * The part of a notebook model the session reads: metadata (with the
 * signal telling when it changed, locally, by undo or by a collaborator)
 * and cells.
 */
export interface INotebookSource {
  getMetadata(key: string): unknown;
  readonly metadataChanged: ISignal<any, IMapChange>;
  readonly contentChanged?: ISignal<any, void>;
  readonly cells: {
    readonly length: number;
    get(index: number): {
      readonly id: string;
      readonly type: string;
      readonly sharedModel: { getSource(): string };
    };
  };
}

/**
 * Something that says when cells ran, or were added, moved or removed (the
 * execution monitor, after a batch).
 */
export interface IExecutionSource {
  readonly changed: ISignal<any, unknown>;
}

/**
 * A notebook's cells in the shape the core rules read (id, type, source).
 */
export function readCells(source: Pick<INotebookSource, 'cells'>): ICellLike[] {
  const cells: ICellLike[] = [];
  const list = source.cells;
  for (let i = 0; i < list.length; i++) {
    cells.push(cellLike(list.get(i)));
  }
  return cells;
}

/**
 * One cell in the shape the core rules read (id, type, source).
 */
export function cellLike(
  cell: ReturnType<INotebookSource['cells']['get']>
): ICellLike {
  return {
    cell_type: cell.type,
    id: cell.id,
    source: cell.sharedModel.getSource()
  };
}
