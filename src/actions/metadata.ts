// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import {
  createNbproject,
  ICreateOptions,
  INbprojectMetadata,
  NBPROJECT_KEY,
  readNbproject,
  serializeNbproject
} from '../core/nbproject/metadata';

/**
 * The part of a notebook model that nbproject metadata is written through:
 * the live, collaborative model, never the file.
 */
export interface IMetadataTarget {
  getMetadata(key: string): unknown;
  setMetadata(key: string, value: any): void;
  readonly sharedModel: {
    transact(f: () => void, undoable?: boolean, origin?: unknown): void;
  };
}

/**
 * Write nbproject metadata into a notebook model in one transaction, so a
 * collaborator or the undo stack sees one change.
 */
export function writeNbproject(
  model: IMetadataTarget,
  metadata: INbprojectMetadata
): void {
  const value = serializeNbproject(metadata);
  model.sharedModel.transact(() => {
    model.setMetadata(NBPROJECT_KEY, value);
  });
}

/**
 * Give a notebook nbproject metadata if it has none.
 *
 * @returns the new metadata, or `null` when the notebook already has an
 * `nbproject` key (which is never overwritten, whatever it holds).
 */
export function initializeNbproject(
  model: IMetadataTarget,
  options: ICreateOptions = {}
): INbprojectMetadata | null {
  if (readNbproject(model.getMetadata(NBPROJECT_KEY)).present) {
    return null;
  }
  const metadata = createNbproject(options);
  writeNbproject(model, metadata);
  return metadata;
}
