// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type { JupyterFrontEnd } from '@jupyterlab/application';
import type { NotebookPanel } from '@jupyterlab/notebook';
import type { INotebookSession } from '../tokens';

/**
 * Select a cell of a notebook, scroll it into the middle of the view and
 * bring its panel to the front. An index out of range does nothing.
 */
export function goToCell(
  shell: JupyterFrontEnd.IShell,
  panel: NotebookPanel,
  index: number
): void {
  const notebook = panel.content;
  if (index < 0 || index >= notebook.widgets.length) {
    return;
  }
  notebook.activeCellIndex = index;
  notebook.deselectAll();
  // The scroll is animated: the notebook may be closed before it ends.
  notebook
    .scrollToCell(notebook.widgets[index], 'center')
    .catch(() => undefined);
  shell.activateById(panel.id);
}

/**
 * How long an action waits for the hidden-state analysis to read the
 * notebook as it is, in milliseconds.
 */
export const SETTLE_LIMIT = 2000;

/**
 * Wait until the hidden-state analysis has read the notebook as it is now
 * (the edits of the last half second included), at most
 * {@link SETTLE_LIMIT}: a notebook whose outputs keep changing (a run
 * going on) may restart its reading again and again, and the last report
 * is then taken.
 */
export async function settleHiddenState(
  session: INotebookSession
): Promise<void> {
  let limit: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    session.hiddenState.settle(),
    new Promise<void>(resolve => {
      limit = setTimeout(resolve, SETTLE_LIMIT);
    })
  ]);
  clearTimeout(limit);
}
