// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type { PythonParser } from '../core/python/parser';
import { DocumentRegistry } from '@jupyterlab/docregistry';
import { INotebookModel, NotebookPanel } from '@jupyterlab/notebook';
import { TranslationBundle } from '@jupyterlab/translation';
import { DisposableDelegate, IDisposable } from '@lumino/disposable';
import { CellMarks } from '../components/cellMarks';
import { ExecutionMonitor } from '../session/execution';
import { KernelProbe } from '../kernel/kernelProbe';
import { DEFAULT_SETTINGS, INbprojectSettings } from '../tokens';
import { ICellWithOutputs } from '../core/hygiene/secrets';
import { IHashKernel } from '../kernel/hashFiles';
import { runInSlices } from '../session/slices';
import { DataModel } from '../session/data';
import type { IHashScope } from '../kernel/hashFiles';
import { HeaderModel } from '../session/packages';
import { HeaderView } from '../components/header';

/**
 * Everything the extension keeps for one open notebook panel.
 */
export interface INotebookState {
  /**
   * The panel.
   */
  panel: NotebookPanel;
  /**
   * The header's model (metadata, execution, packages).
   */
  model: HeaderModel;
  /**
   * The execution-order monitor.
   */
  monitor: ExecutionMonitor;
  /**
   * The kernel probe.
   */
  probe: KernelProbe;
  /**
   * The data files and hygiene findings.
   */
  data: DataModel;
}

/**
 * Adds the nbproject header to the `contentHeader` of every notebook panel,
 * with the execution monitor, kernel probe and cell marks behind it: one set
 * per panel, disposed with it.
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
   * The settings new and open notebooks follow.
   */
  get settings(): INbprojectSettings {
    return this._settings;
  }
  set settings(value: INbprojectSettings) {
    this._settings = value;
    for (const state of this._states.values()) {
      state.monitor.mode = value.checkMode;
      state.probe.timeout = value.probeTimeout * 1000;
    }
  }

  /**
   * The state of a panel, if the panel has a header.
   */
  stateFor(panel: NotebookPanel): INotebookState | undefined {
    return this._states.get(panel);
  }

  /**
   * Create the header for a new notebook panel.
   */
  createNew(
    panel: NotebookPanel,
    context: DocumentRegistry.IContext<INotebookModel>
  ): IDisposable {
    const { trans } = this._options;
    const sessionContext = panel.sessionContext;
    const monitor = new ExecutionMonitor({
      model: context.model,
      mode: this._settings.checkMode,
      kernelSession: sessionContext.session?.kernel?.id ?? null
    });
    // The probe asks the header model what to ask about; the model is made
    // next, and the probe only calls back once the kernel is ready.
    let model: HeaderModel | null = null;
    const probe = new KernelProbe({
      sessionContext,
      query: () => model?.probeQuery() ?? { modules: [], distributions: [] },
      queryReady: () => model?.queryReady() ?? Promise.resolve(),
      timeout: this._settings.probeTimeout * 1000,
      trans
    });
    // Reading a large notebook runs in slices: the page stays responsive.
    const parser = () => this._parser!;
    model = new HeaderModel({
      parser,
      source: context.model,
      monitor,
      probe,
      expanded: this._settings.expandHeader,
      sliceBudget: runInSlices.DEFAULT_BUDGET
    });
    const data = new DataModel({
      parser,
      source: context.model,
      sliceBudget: runInSlices.DEFAULT_BUDGET,
      cells: () => (context.model.toJSON() as { cells?: ICellWithOutputs[] }).cells ?? [],
      probe,
      kernel: () => this._options.dataKernel?.(panel) ?? null,
      kernelKey: () => monitor.kernelSession,
      directory: () => this._options.notebookDirectory?.(panel),
      scope: () => this._options.dataScope?.(panel) ?? null
    });
    const view = new HeaderView(model, {
      trans,
      data,
      actions: {
        initialize: () => this._options.onInitialize(panel),
        restartRunAll: () => this._options.onRestartRunAll(panel),
        goToCell: index => this._options.onGoToCell(panel, index)
      }
    });
    panel.contentHeader.insertWidget(0, view);

    const marks = new CellMarks(() => panel.content.widgets);
    const paint = () => marks.paint(monitor.report);
    monitor.changed.connect(paint);

    // A restart or another kernel starts a new kernel session: runs from
    // before it are "output from a previous kernel session".
    let restarts = 0;
    const onKernelChanged = () => {
      const id = sessionContext.session?.kernel?.id;
      if (id) {
        monitor.kernelSession = `${id}#${restarts}`;
      }
    };
    const onStatus = (_: unknown, status: string) => {
      if (status === 'restarting' || status === 'autorestarting') {
        restarts++;
        onKernelChanged();
      }
    };
    sessionContext.kernelChanged.connect(onKernelChanged);
    sessionContext.statusChanged.connect(onStatus);

    const state: INotebookState = { panel, model, monitor, probe, data };
    this._states.set(panel, state);
    void Promise.all([context.ready, this._options.parser]).then(([, loaded]) => {
      if (!model!.isDisposed && loaded) {
        this._parser = loaded;
        model!.ready = true;
        // Finding data files and scanning for secrets read every cell (a
        // parse each): not in the task that shows the notebook, but once the
        // page is idle, so the notebook and its header paint first.
        Private.whenIdle(() => {
          if (!data.isDisposed) {
            data.start();
          }
        });
        paint();
        this._options.onReady(state);
      }
    });
    return new DisposableDelegate(() => {
      this._states.delete(panel);
      sessionContext.kernelChanged.disconnect(onKernelChanged);
      sessionContext.statusChanged.disconnect(onStatus);
      monitor.changed.disconnect(paint);
      view.dispose();
      data.dispose();
      model!.dispose();
      probe.dispose();
      monitor.dispose();
    });
  }

  private _options: HeaderExtension.IOptions;
  private _settings: INbprojectSettings = DEFAULT_SETTINGS;
  private _states = new Map<NotebookPanel, INotebookState>();
  private _parser: PythonParser | null = null;
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
    /**
     * Run when the user asks to restart the kernel and run all.
     */
    onRestartRunAll: (panel: NotebookPanel) => void;
    /**
     * Select and show a cell of a panel.
     */
    onGoToCell: (panel: NotebookPanel, index: number) => void;
    /**
     * The Python parser cells are read with, once JupyterLab has loaded it
     * (`null` if it could not: headers then analyse nothing).
     */
    parser: Promise<PythonParser | null>;
    /**
     * Called once a panel's notebook has loaded.
     */
    onReady: (state: INotebookState) => void;
    /**
     * The panel's kernel for hashing data files, or `null` (no data
     * verification without it).
     */
    dataKernel?: (panel: NotebookPanel) => IHashKernel | null;
    /**
     * The panel's notebook directory as the kernel sees it, when known.
     */
    notebookDirectory?: (panel: NotebookPanel) => string | undefined;
    /**
     * Where the panel's data files may be read, and the bounds.
     */
    dataScope?: (panel: NotebookPanel) => IHashScope;
  }
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * Run `callback` when the page is idle (within 2 s at the latest), or in a
   * later task where the browser cannot say.
   */
  export function whenIdle(callback: () => void): void {
    if (typeof requestIdleCallback === 'function') {
      requestIdleCallback(() => callback(), { timeout: 2000 });
    } else {
      setTimeout(callback, 0);
    }
  }
}
