// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { DocumentRegistry } from '@jupyterlab/docregistry';
import { INotebookModel, NotebookPanel } from '@jupyterlab/notebook';
import { TranslationBundle } from '@jupyterlab/translation';
import { DisposableDelegate, IDisposable } from '@lumino/disposable';
import { HeaderModel } from './model';
import { HeaderView } from './view';

/**
 * Adds the nbproject header to the `contentHeader` of every notebook panel:
 * one header per panel, disposed with it.
 */
export class HeaderExtension
  implements DocumentRegistry.IWidgetExtension<NotebookPanel, INotebookModel>
{
  /**
   * Create the widget extension.
   */
  constructor(options: HeaderExtension.IOptions) {
    this._options = options;
  }

  /**
   * Whether new headers open expanded (from the settings).
   */
  expandByDefault = false;

  /**
   * The header model of a panel, if the panel has a header.
   */
  modelFor(panel: NotebookPanel): HeaderModel | undefined {
    return this._models.get(panel);
  }

  /**
   * Create the header for a new notebook panel.
   */
  createNew(
    panel: NotebookPanel,
    context: DocumentRegistry.IContext<INotebookModel>
  ): IDisposable {
    const model = new HeaderModel({
      source: context.model,
      expanded: this.expandByDefault
    });
    const view = new HeaderView(model, {
      trans: this._options.trans,
      onInitialize: () => this._options.onInitialize(panel)
    });
    panel.contentHeader.insertWidget(0, view);
    this._models.set(panel, model);
    void context.ready.then(() => {
      if (!model.isDisposed) {
        model.ready = true;
      }
    });
    return new DisposableDelegate(() => {
      this._models.delete(panel);
      view.dispose();
      model.dispose();
    });
  }

  private _options: HeaderExtension.IOptions;
  private _models = new WeakMap<NotebookPanel, HeaderModel>();
}

/**
 * A namespace for `HeaderExtension` statics.
 */
export namespace HeaderExtension {
  /**
   * Options to create the extension.
   */
  export interface IOptions {
    /**
     * The translation bundle for the extension's domain.
     */
    trans: TranslationBundle;
    /**
     * Run when the user clicks Initialize in a panel's header.
     */
    onInitialize: (panel: NotebookPanel) => void;
  }
}
