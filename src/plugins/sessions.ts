// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { Notification } from '@jupyterlab/apputils';
import { IEditorLanguageRegistry } from '@jupyterlab/codemirror';
import { PageConfig } from '@jupyterlab/coreutils';
import { INotebookTracker } from '@jupyterlab/notebook';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import {
  ITranslator,
  nullTranslator,
  TranslationBundle
} from '@jupyterlab/translation';
import type { PythonParser } from '../core/python/parser';
import { NbprojectTracker } from '../session/tracker';
import {
  DEFAULT_SETTINGS,
  INbprojectSettings,
  INbprojectTracker,
  PLUGIN_ID,
  TRANSLATION_DOMAIN
} from '../tokens';

/**
 * The notebook sessions: one per notebook panel (metadata, execution
 * order, kernel probe, packages, data files, hygiene), offered to the other
 * plugins and extensions as {@link INbprojectTracker}. Owns the settings.
 */
export const sessionsPlugin: JupyterFrontEndPlugin<INbprojectTracker> = {
  id: PLUGIN_ID,
  description:
    'Keeps the nbproject session of every notebook (metadata, execution order, live packages, data files, hygiene) and the settings.',
  autoStart: true,
  requires: [INotebookTracker, IEditorLanguageRegistry],
  optional: [ISettingRegistry, ITranslator, JupyterFrontEnd.IPaths],
  provides: INbprojectTracker,
  activate: (
    app: JupyterFrontEnd,
    notebooks: INotebookTracker,
    languages: IEditorLanguageRegistry,
    settingRegistry: ISettingRegistry | null,
    translator: ITranslator | null,
    paths: JupyterFrontEnd.IPaths | null
  ): INbprojectTracker => {
    const trans = (translator ?? nullTranslator).load(TRANSLATION_DOMAIN);
    const { contents } = app.serviceManager;
    // The first sessions wait for the settings too: a notebook open at
    // start-up follows them from the first moment (no header flashing by
    // when it is turned off).
    const settingsLoaded = settingRegistry
      ? settingRegistry
          .load(PLUGIN_ID)
          .then(loaded => {
            const apply = (): void => {
              tracker.settings = {
                ...DEFAULT_SETTINGS,
                ...(loaded.composite as Partial<INbprojectSettings>)
              };
            };
            apply();
            loaded.changed.connect(apply);
          })
          .catch(reason => {
            console.warn(`${PLUGIN_ID}: settings could not be loaded`, reason);
          })
      : Promise.resolve();
    const parser = Private.loadPythonParser(languages, trans);
    const tracker = new NbprojectTracker({
      panels: notebooks,
      parser: Promise.all([parser, settingsLoaded]).then(([loaded]) => loaded),
      environment: {
        serverRoot:
          paths?.directories.serverRoot || PageConfig.getOption('serverRoot'),
        localPath: path => contents.localPath(path),
        allowHidden: PageConfig.getOption('allow_hidden_files') === 'true'
      },
      trans
    });
    return tracker;
  }
};

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
      const parser = (
        python?.support?.language as { parser?: unknown } | undefined
      )?.parser;
      if (
        parser &&
        typeof (parser as { parse?: unknown }).parse === 'function'
      ) {
        return parser as PythonParser;
      }
    } catch (error) {
      console.error(
        'jupyterlab-nbproject: loading the Python language failed',
        error
      );
    }
    Notification.error(
      trans.__(
        "nbproject could not load JupyterLab's Python language, so it cannot read or check notebooks."
      )
    );
    return null;
  }
}
