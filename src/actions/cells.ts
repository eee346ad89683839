// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type { JupyterFrontEnd } from '@jupyterlab/application';
import type { NotebookPanel } from '@jupyterlab/notebook';

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
