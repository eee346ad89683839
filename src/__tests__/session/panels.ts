// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { NotebookPanel } from '@jupyterlab/notebook';
import {
  initNotebookContext,
  NBTestUtils
} from '@jupyterlab/notebook/lib/testutils';
import { ServiceManagerMock } from '@jupyterlab/services/lib/testutils';
import { Signal } from '@lumino/signaling';

/**
 * The notebook panels of a JupyterLab, as `INotebookTracker` gives them.
 */
export class Panels {
  currentWidget: NotebookPanel | null = null;
  currentChanged = new Signal<this, NotebookPanel | null>(this);
  widgetAdded = new Signal<this, NotebookPanel>(this);
  private _panels: NotebookPanel[] = [];
  forEach(callback: (panel: NotebookPanel) => void): void {
    this._panels.forEach(callback);
  }
  add(panel: NotebookPanel): void {
    this._panels.push(panel);
    this.widgetAdded.emit(panel);
  }
  focus(panel: NotebookPanel | null): void {
    this.currentWidget = panel;
    this.currentChanged.emit(panel);
  }
}

/**
 * The services of the notebooks the tests open (no server).
 */
export const manager = new ServiceManagerMock();

/**
 * A real notebook panel on a new notebook holding two code cells, the
 * second run before the first, and nbproject metadata unless `tracked` is
 * false.
 */
export async function openPanel(tracked = true): Promise<NotebookPanel> {
  const context = await initNotebookContext({ manager });
  const panel = NBTestUtils.createNotebookPanel(context);
  const model = context.model;
  model.sharedModel.deleteCellRange(0, model.cells.length);
  model.sharedModel.insertCell(0, {
    cell_type: 'code',
    source: 'import yaml',
    execution_count: 2
  });
  model.sharedModel.insertCell(1, {
    cell_type: 'code',
    source: 'x = 1',
    execution_count: 1
  });
  if (tracked) {
    model.setMetadata('nbproject', {
      id: 'Zv1wV7oM9ztH',
      version: '1',
      time_init: '2022-10-09T15:08:04+00:00'
    });
  }
  return panel;
}
