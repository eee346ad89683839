// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette, InputDialog, Notification } from '@jupyterlab/apputils';
import { IEditorLanguageRegistry } from '@jupyterlab/codemirror';
import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ITranslator, nullTranslator, TranslationBundle } from '@jupyterlab/translation';
import { ReadonlyPartialJSONObject } from '@lumino/coreutils';
import { recordLiveVersions } from './core/packages/compare';
import { NBPROJECT_KEY, readNbproject, updateNbproject } from './core/nbproject/metadata';
import type { PythonParser } from './core/python/parser';
import { HeaderExtension, INotebookState } from './header/extension';
import { copyInstallCommand, MismatchNotifier } from './notifications/mismatch';
import { IPublishArgs, publishNotebook } from './actions/publish';
import { initializeNbproject, writeNbproject } from './actions/metadata';
import {
  CommandIDs,
  DEFAULT_SETTINGS,
  INbprojectSettings,
  PLUGIN_ID,
  TRANSLATION_DOMAIN
} from './tokens';
import { publishIcon } from './components/icons';
import { exportPep723, exportRequirements, preparePep723, IExportArgs, IExportResult, IExportTarget } from './actions/exports';
import { remixNotebook } from './actions/remix';
import { PageConfig } from '@jupyterlab/coreutils';
import { kernelNotebookDirectory } from './core/kernel/hashRequest';
import { IHashKernel, IHashScope } from './kernel/hashFiles';
import { addDataFile, hashPublishData } from './actions/dataFiles';

export * from './tokens';

/**
 * The nbproject plugin: the header on every notebook (metadata, execution
 * order, live packages), the warnings, and the commands that act on them.
 */
const plugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description:
    'Shows, checks and publishes nbproject metadata (id, version, packages, execution order) in notebooks.',
  autoStart: true,
  requires: [INotebookTracker, IEditorLanguageRegistry],
  optional: [ICommandPalette, ISettingRegistry, ITranslator, JupyterFrontEnd.IPaths],
  activate: (
    app: JupyterFrontEnd,
    tracker: INotebookTracker,
    languages: IEditorLanguageRegistry,
    palette: ICommandPalette | null,
    settingRegistry: ISettingRegistry | null,
    translator: ITranslator | null,
    paths: JupyterFrontEnd.IPaths | null
  ): void => {
    const trans = (translator ?? nullTranslator).load(TRANSLATION_DOMAIN);
    const { commands } = app;

    /**
     * The panel a command acts on: the one whose file is `args.path`, else
     * the current notebook.
     */
    const panelFor = (args: ReadonlyPartialJSONObject): NotebookPanel | null => {
      if (typeof args.path === 'string') {
        return tracker.find(panel => panel.context.path === args.path) ?? null;
      }
      return tracker.currentWidget;
    };
    const stateFor = (args: ReadonlyPartialJSONObject): INotebookState | null => {
      const panel = panelFor(args);
      return (panel && header.stateFor(panel)) ?? null;
    };
    const pathArg = {
      type: 'object',
      properties: {
        path: {
          type: 'string',
          description: trans.__('The notebook path; the current notebook by default')
        }
      }
    };

    const goToCell = (panel: NotebookPanel, index: number): void => {
      const notebook = panel.content;
      if (index < 0 || index >= notebook.widgets.length) {
        return;
      }
      notebook.activeCellIndex = index;
      notebook.deselectAll();
      void notebook.scrollToCell(notebook.widgets[index], 'center');
      app.shell.activateById(panel.id);
    };

    // Data files are hashed where the kernel runs, relative to the
    // notebook's directory as the kernel sees it.
    const notebookDirectory = (panel: NotebookPanel): string | undefined =>
      kernelNotebookDirectory(
        paths?.directories.serverRoot,
        app.serviceManager.contents.localPath(panel.context.path)
      );
    // Data files are read only inside the server's root (what the file
    // browser shows), hidden ones only if the server shows them.
    const dataScope = (panel: NotebookPanel): IHashScope => ({
      root: paths?.directories.serverRoot ?? PageConfig.getOption('serverRoot'),
      notebook: app.serviceManager.contents.localPath(panel.context.path),
      allowHidden: PageConfig.getOption('allow_hidden_files') === 'true',
      maxSize: Math.max(0, settings.dataFileSizeLimit) * 1024 * 1024,
      timeout: settings.probeTimeout * 1000
    });
    const dataKernel = (panel: NotebookPanel): IHashKernel | null => {
      const state = header.stateFor(panel);
      return state?.probe.state === 'ready' ? panel.sessionContext.session?.kernel ?? null : null;
    };

    const recordLive = (state: INotebookState): void => {
      const read = readNbproject(state.panel.context.model.getMetadata(NBPROJECT_KEY));
      if (!read.metadata || !state.probe.environment) {
        return;
      }
      const pypackage = recordLiveVersions(read.metadata.pypackage, state.model.packages);
      writeNbproject(state.panel.context.model, updateNbproject(read.metadata, { pypackage }));
      Notification.success(trans.__('Live versions recorded in the notebook; save it to keep them.'), {
        autoClose: 5000
      });
    };

    const copyInstall = (state: INotebookState): void => {
      const read = readNbproject(state.panel.context.model.getMetadata(NBPROJECT_KEY));
      copyInstallCommand(read.metadata?.pypackage ?? null, trans);
    };

    let settings: INbprojectSettings = DEFAULT_SETTINGS;
    const notifier = new MismatchNotifier({
      trans,
      settings: () => settings,
      actions: {
        showDetails: state => {
          state.model.expanded = true;
          app.shell.activateById(state.panel.id);
        },
        recordLive,
        copyInstall
      }
    });

    const parser = Private.loadPythonParser(languages, trans);
    const header = new HeaderExtension({
      trans,
      parser,
      onInitialize: panel =>
        void commands.execute(CommandIDs.init, { path: panel.context.path }),
      onRestartRunAll: panel =>
        void commands.execute(CommandIDs.restartRunAll, { path: panel.context.path }),
      onGoToCell: goToCell,
      onReady: state => notifier.watch(state),
      dataKernel,
      notebookDirectory,
      dataScope
    });
    app.docRegistry.addWidgetExtension('Notebook', header);

    // Buttons and menu items ask `isEnabled` again when what it reads changes.
    const refreshCommands = (): void => {
      for (const id of Object.values(CommandIDs)) {
        commands.notifyCommandChanged(id);
      }
    };
    tracker.currentChanged.connect(refreshCommands);
    tracker.widgetAdded.connect((_, panel) => {
      void panel.context.ready.then(refreshCommands);
      panel.context.model.metadataChanged.connect(refreshCommands);
    });

    commands.addCommand(CommandIDs.init, {
      label: trans.__('Initialize nbproject Metadata'),
      caption: trans.__('Give the notebook an nbproject id, version and creation time'),
      describedBy: { args: pathArg },
      isEnabled: args => {
        const panel = panelFor(args);
        return (
          !!panel?.context.isReady &&
          !readNbproject(panel.context.model.getMetadata(NBPROJECT_KEY)).present
        );
      },
      execute: args => {
        const panel = panelFor(args);
        if (!panel || !panel.context.isReady) {
          return null;
        }
        const created = initializeNbproject(panel.context.model);
        if (!created) {
          Notification.info(
            trans.__('This notebook already has nbproject metadata; nothing was changed.'),
            { autoClose: 5000 }
          );
          return null;
        }
        return created.id;
      }
    });

    commands.addCommand(CommandIDs.toggleHeader, {
      label: trans.__('Expand or Collapse the nbproject Header'),
      isEnabled: args => !!stateFor(args),
      isToggled: args => !!stateFor(args)?.model.expanded,
      execute: args => {
        const state = stateFor(args);
        if (state) {
          state.model.expanded = !state.model.expanded;
        }
      }
    });

    commands.addCommand(CommandIDs.check, {
      label: trans.__('Go to the Next Cell Not Run in Order'),
      caption: trans.__('Select and show the next cell the consecutiveness checker marks'),
      describedBy: { args: pathArg },
      isEnabled: args => !!stateFor(args),
      execute: args => {
        const state = stateFor(args);
        if (!state) {
          return null;
        }
        state.monitor.flush();
        const next = state.monitor.nextOffending(state.panel.content.activeCellIndex);
        if (next === null) {
          Notification.success(trans.__('Every code cell ran once, in order.'), { autoClose: 3000 });
        } else {
          goToCell(state.panel, next);
        }
        return next;
      }
    });

    commands.addCommand(CommandIDs.restartRunAll, {
      label: trans.__('Restart Kernel and Run All Cells'),
      describedBy: { args: pathArg },
      isEnabled: args => !!panelFor(args),
      execute: async args => {
        const panel = panelFor(args);
        if (panel) {
          app.shell.activateById(panel.id);
          await commands.execute('notebook:restart-run-all');
        }
      }
    });

    commands.addCommand(CommandIDs.refresh, {
      label: trans.__('Refresh Live Package Versions'),
      caption: trans.__('Ask the kernel again which versions are installed'),
      describedBy: { args: pathArg },
      isEnabled: args => !!stateFor(args),
      execute: async args => {
        await stateFor(args)?.probe.refresh();
      }
    });

    commands.addCommand(CommandIDs.recordLive, {
      label: trans.__('Record Live Package Versions'),
      caption: trans.__('Store the kernel versions as the notebook packages (not saved)'),
      describedBy: { args: pathArg },
      isEnabled: args => {
        const state = stateFor(args);
        return !!state?.probe.environment && readNbproject(state.panel.context.model.getMetadata(NBPROJECT_KEY)).metadata !== null;
      },
      execute: args => {
        const state = stateFor(args);
        if (state) {
          recordLive(state);
        }
      }
    });

    commands.addCommand(CommandIDs.copyInstall, {
      label: trans.__('Copy pip install Command for Stored Packages'),
      describedBy: { args: pathArg },
      isEnabled: args => !!stateFor(args),
      execute: args => {
        const state = stateFor(args);
        if (state) {
          copyInstall(state);
        }
      }
    });

    commands.addCommand(CommandIDs.publish, {
      label: args => (args.isPalette || args.isMenu ? trans.__('Publish Notebook…') : trans.__('Publish')),
      caption: trans.__('Check the notebook, pin its packages, set a version and save'),
      icon: args => (args.isPalette ? undefined : publishIcon),
      describedBy: {
        args: {
          type: 'object',
          properties: {
            ...pathArg.properties,
            version: { type: 'string', description: trans.__('The version to publish') },
            note: { type: 'string', description: trans.__('A change note') },
            force: { type: 'boolean', description: trans.__('Publish even when a check fails') },
            interactive: { type: 'boolean', description: trans.__('Show the dialog (default true)') },
            exportRequirements: { type: 'boolean', description: trans.__('Also write requirements.txt') },
            exportPep723: { type: 'boolean', description: trans.__('Also add/update the PEP 723 cell') }
          }
        }
      },
      isEnabled: args => !!stateFor(args)?.panel.context.isReady,
      execute: async args => {
        const state = stateFor(args);
        if (!state || !state.panel.context.isReady) {
          return { published: false, version: '', problems: [trans.__('No notebook to publish.')] };
        }
        const python = await parser;
        if (!python) {
          return { published: false, version: '', problems: [trans.__("JupyterLab's Python language could not be loaded.")] };
        }
        state.monitor.flush();
        const env = state.probe.state === 'ready' ? state.probe.environment : null;
        const result = await publishNotebook(
          {
            context: state.panel.context,
            parser: python,
            live: env
              ? { distributions: env.distributions, moduleDistributions: env.moduleDistributions, python: env.python.version }
              : null,
            consecutive: state.monitor.report.consecutive,
            exporter: {
              pep723: (packages, interactive) => preparePep723(exportTarget(state.panel), { interactive }, trans, packages),
              requirements: interactive => exportRequirements(exportTarget(state.panel), { interactive }, trans)
            },
            hashData: files =>
              hashPublishData(files, {
                kernel: dataKernel(state.panel),
                scope: dataScope(state.panel),
                trans
              }),
            notebookDirectory: notebookDirectory(state.panel) ?? null
          },
          {
            exportRequirements: settings.exportRequirementsOnPublish,
            exportPep723: settings.exportPep723OnPublish,
            ...args
          } as IPublishArgs,
          trans
        );
        if (args.interactive !== false) {
          result.exports?.filter(done => done.action === 'refused' || done.action === 'failed').forEach(reportExport);
        }
        if (result.published && args.interactive !== false) {
          Notification.success(trans.__('Published version %1 and saved.', result.version), { autoClose: 5000 });
        }
        return result;
      }
    });

    // Export and remix: take the environment along.
    const exportTarget = (panel: NotebookPanel): IExportTarget => {
      const probe = header.stateFor(panel)?.probe;
      return {
        context: panel.context,
        contents: app.serviceManager.contents,
        python: probe?.state === 'ready' ? (probe.environment?.python.version ?? null) : null
      };
    };
    const reportExport = (result: IExportResult): void => {
      const name = result.format === 'requirements' ? result.path : trans.__('the PEP 723 cell');
      switch (result.action) {
        case 'created':
        case 'updated':
          Notification.success(
            result.format === 'requirements'
              ? trans.__('Wrote %1.', result.path)
              : trans.__('Wrote the PEP 723 cell and saved the notebook.'),
            { autoClose: 5000 }
          );
          break;
        case 'unchanged':
          Notification.info(trans.__('%1 is up to date.', name), { autoClose: 4000 });
          break;
        case 'refused':
        case 'failed':
          Notification.warning(result.problems.join(' '), { autoClose: 8000 });
          break;
      }
    };
    const exportArgs = {
      type: 'object',
      properties: {
        ...pathArg.properties,
        interactive: {
          type: 'boolean',
          description: trans.__('Show a summary before overwriting (default true)')
        }
      }
    };
    const exporter =
      (run: typeof exportRequirements) =>
      async (args: ReadonlyPartialJSONObject): Promise<IExportResult | null> => {
        const panel = panelFor(args);
        if (!panel || !panel.context.isReady) {
          return null;
        }
        const result = await run(exportTarget(panel), args as IExportArgs, trans);
        if (args.interactive !== false) {
          reportExport(result);
        }
        return result;
      };

    commands.addCommand(CommandIDs.exportRequirements, {
      label: args => (args.isMenu ? trans.__('Export requirements.txt') : trans.__('Export Pinned Packages to requirements.txt')),
      caption: trans.__('Write the stored package versions, pinned, to requirements.txt beside the notebook'),
      describedBy: { args: exportArgs },
      isEnabled: args => !!panelFor(args)?.context.isReady,
      execute: exporter(exportRequirements)
    });

    commands.addCommand(CommandIDs.exportPep723, {
      label: args => (args.isMenu ? trans.__('Add or Update the PEP 723 Cell') : trans.__('Export Pinned Packages to a PEP 723 Cell')),
      caption: trans.__('Declare the stored package versions in a hidden "# /// script" cell (juv, uv run) and save'),
      describedBy: { args: exportArgs },
      isEnabled: args => !!panelFor(args)?.context.isReady,
      execute: exporter((target, args, bundle) => exportPep723(target, args, bundle))
    });

    commands.addCommand(CommandIDs.remix, {
      label: args => (args.isMenu ? trans.__('Remix Notebook') : trans.__('Remix: Save a Copy with a New Id')),
      caption: trans.__('Save a copy with a new id and version 1 that names this notebook as its parent, and open it'),
      describedBy: { args: pathArg },
      isEnabled: args => !!panelFor(args)?.context.isReady,
      execute: async args => {
        const panel = panelFor(args);
        if (!panel || !panel.context.isReady) {
          return null;
        }
        const result = await remixNotebook(panel.context, app.serviceManager.contents);
        if (result.path === null) {
          Notification.error(trans.__('The remix could not be saved: %1', result.problems.join(' ')), {
            autoClose: 8000
          });
          return null;
        }
        await commands.execute('docmanager:open', { path: result.path });
        if (result.problems.length > 0) {
          Notification.info(result.problems.join(' '), { autoClose: 8000 });
        }
        return result.path;
      }
    });

    if (palette) {
      const category = trans.__('nbproject');
      for (const command of [CommandIDs.exportRequirements, CommandIDs.exportPep723, CommandIDs.remix]) {
        palette.addItem({ command, category });
      }
    }

    commands.addCommand(CommandIDs.addDataFile, {
      label: trans.__('Add a Data File to the Notebook Manifest…'),
      caption: trans.__('Hash a file the notebook reads (relative to the notebook) and record it with the data files'),
      describedBy: {
        args: {
          type: 'object',
          properties: {
            ...pathArg.properties,
            file: { type: 'string', description: trans.__('The data file, relative to the notebook; asked when absent') }
          }
        }
      },
      isEnabled: args => !!stateFor(args)?.panel.context.isReady,
      execute: async args => {
        const state = stateFor(args);
        if (!state || !state.panel.context.isReady) {
          return false;
        }
        let file = typeof args.file === 'string' ? args.file : null;
        if (file === null) {
          const answer = await InputDialog.getText({
            title: trans.__('Add a data file'),
            label: trans.__('Path of the file, relative to the notebook:'),
            placeholder: 'data/measurements.csv'
          });
          file = answer.button.accept ? answer.value : null;
        }
        if (!file || !file.trim()) {
          return false;
        }
        return addDataFile(state.panel.context.model, file, {
          kernel: dataKernel(state.panel),
          scope: dataScope(state.panel),
          trans
        });
      }
    });

    if (palette) {
      const category = trans.__('nbproject');
      for (const command of [
        CommandIDs.publish,
        CommandIDs.init,
        CommandIDs.check,
        CommandIDs.refresh,
        CommandIDs.recordLive,
        CommandIDs.copyInstall,
        CommandIDs.restartRunAll,
        CommandIDs.toggleHeader,
        CommandIDs.addDataFile
      ]) {
        palette.addItem({ command, category });
      }
    }

    if (settingRegistry) {
      const apply = (loaded: ISettingRegistry.ISettings): void => {
        settings = { ...DEFAULT_SETTINGS, ...(loaded.composite as Partial<INbprojectSettings>) };
        header.settings = settings;
      };
      settingRegistry
        .load(PLUGIN_ID)
        .then(loaded => {
          apply(loaded);
          loaded.changed.connect(apply);
        })
        .catch(reason => {
          console.warn(`${PLUGIN_ID}: settings could not be loaded`, reason);
        });
    }
  }
};

export default plugin;

/**
 * Module internals.
 */
namespace Private {
  /**
   * Give the core the parser of JupyterLab's own Python language (the
   * `@lezer/python` parser its CodeMirror ships), so the extension does not
   * bundle a second copy. Resolves to `null` when it cannot.
   */
  export async function loadPythonParser(
    languages: IEditorLanguageRegistry,
    trans: TranslationBundle
  ): Promise<PythonParser | null> {
    try {
      const python = await languages.getLanguage('python');
      const parser = (python?.support?.language as { parser?: unknown } | undefined)?.parser;
      if (parser && typeof (parser as { parse?: unknown }).parse === 'function') {
        return parser as PythonParser;
      }
    } catch (error) {
      console.error('jupyterlab-nbproject: loading the Python language failed', error);
    }
    Notification.error(
      trans.__(
        "nbproject could not load JupyterLab's Python language, so it cannot read notebooks' imports: the header stays empty."
      )
    );
    return null;
  }
}
