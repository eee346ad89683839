// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

// Apart from the install workflow (./recreate, loaded on first use): the
// commands ask `canRecreate` whenever a toolbar or menu is drawn.

import { EXTENSION_KEY } from '../core/extension/metadata';
import type { IRecreatePlan } from '../core/packages/recreate';
import { loadedAnalyses } from '../session/loadAnalyses';
import type { INotebookSession } from '../tokens';

/**
 * What installing the stored versions into a notebook's kernel would do,
 * or `null` before the kernel's environment was compared with the
 * snapshot.
 */
export function recreatePlan(session: INotebookSession): IRecreatePlan | null {
  const drift = session.environment.drift;
  // The comparison ran with the analyses loaded after startup: with a
  // drift, they are there.
  const code = loadedAnalyses();
  if (!drift || !code) {
    return null;
  }
  const read = code.readEnvironmentSnapshot(
    session.panel.context.model.getMetadata(EXTENSION_KEY)
  );
  return read.snapshot ? code.planRecreate(read, drift) : null;
}

/**
 * Whether there is anything to install: the comparison is done and a
 * stored package differs.
 */
export function canRecreate(session: INotebookSession): boolean {
  return (recreatePlan(session)?.changes.length ?? 0) > 0;
}
