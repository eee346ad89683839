// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette, Notification } from '@jupyterlab/apputils';
import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { HeaderExtension } from './header/extension';
import { NBPROJECT_KEY, readNbproject } from './core/metadata';
import { initializeNbproject } from './store';
import {
  CommandIDs,
  DEFAULT_SETTINGS,
  INbprojectSettings,
  PLUGIN_ID,
  TRANSLATION_DOMAIN
} from './tokens';

export * from './tokens';
export * from './core/metadata';
export * from './core/ids';

/**
 * The nbproject plugin: the metadata header on every notebook and the
 * commands that act on it.
 */
const plugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description:
    'Shows and writes nbproject metadata (id, version, packages) in notebooks.',
  autoStart: true,
  requires: [INotebookTracker],
  optional: [ICommandPalette, ISettingRegistry, ITranslator],
  activate: (
    app: JupyterFrontEnd,
    tracker: INotebookTracker,
    palette: ICommandPalette | null,
    settingRegistry: ISettingRegistry | null,
    translator: ITranslator | null
  ): void => {
    const trans = (translator ?? nullTranslator).load(TRANSLATION_DOMAIN);
    const { commands } = app;

    /**
     * The panel a command acts on: the one whose file is `args.path`, else
     * the current notebook.
     */
    const panelFor = (args: { path?: unknown }): NotebookPanel | null => {
      if (typeof args.path === 'string') {
        return tracker.find(panel => panel.context.path === args.path) ?? null;
      }
      return tracker.currentWidget;
    };

    const header = new HeaderExtension({
      trans,
      onInitialize: panel =>
        void commands.execute(CommandIDs.init, { path: panel.context.path })
    });
    app.docRegistry.addWidgetExtension('Notebook', header);

    commands.addCommand(CommandIDs.init, {
      label: trans.__('Initialize nbproject Metadata'),
      caption: trans.__(
        'Give the notebook an nbproject id, version and creation time'
      ),
      describedBy: {
        args: {
          type: 'object',
          properties: {
            path: {
              type: 'string',
              description: trans.__('The notebook path; the current notebook by default')
            }
          }
        }
      },
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
      isEnabled: () => !!tracker.currentWidget,
      isToggled: () => {
        const panel = tracker.currentWidget;
        return !!panel && !!header.modelFor(panel)?.expanded;
      },
      execute: () => {
        const panel = tracker.currentWidget;
        const model = panel && header.modelFor(panel);
        if (model) {
          model.expanded = !model.expanded;
        }
      }
    });

    if (palette) {
      const category = trans.__('nbproject');
      palette.addItem({ command: CommandIDs.init, category });
      palette.addItem({ command: CommandIDs.toggleHeader, category });
    }

    if (settingRegistry) {
      const apply = (settings: ISettingRegistry.ISettings): void => {
        const composite = settings.composite as Partial<INbprojectSettings>;
        header.expandByDefault =
          composite.expandHeader ?? DEFAULT_SETTINGS.expandHeader;
      };
      settingRegistry
        .load(PLUGIN_ID)
        .then(settings => {
          apply(settings);
          settings.changed.connect(apply);
        })
        .catch(reason => {
          console.warn(`${PLUGIN_ID}: settings could not be loaded`, reason);
        });
    }
  }
};

export default plugin;
