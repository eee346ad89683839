// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { copyInstallCommand, recordLive } from '../actions/packages';
import { MismatchNotifier } from '../notifications/mismatch';
import {
  CommandIDs,
  INbprojectTracker,
  INotebookSession,
  PACKAGE_NAME,
  TRANSLATION_DOMAIN
} from '../tokens';

/**
 * Warns once per kernel session when a notebook's stored package versions
 * differ from its kernel's (setting `dependencyWarnings`), header or not.
 */
export const notificationsPlugin: JupyterFrontEndPlugin<void> = {
  id: `${PACKAGE_NAME}:notifications`,
  description:
    "Warns when a notebook's stored package versions differ from its kernel's.",
  autoStart: true,
  requires: [INbprojectTracker],
  optional: [ITranslator],
  activate: (
    app: JupyterFrontEnd,
    tracker: INbprojectTracker,
    translator: ITranslator | null
  ): void => {
    const trans = (translator ?? nullTranslator).load(TRANSLATION_DOMAIN);
    const notifier = new MismatchNotifier({
      trans,
      settings: () => tracker.settings,
      actions: {
        showDetails: session => {
          session.expanded = true;
          app.shell.activateById(session.panel.id);
        },
        recordLive: session => void recordLive(session, trans),
        copyInstall: session => void copyInstallCommand(session, trans),
        installStored: session =>
          void app.commands.execute(CommandIDs.installStored, {
            path: session.path
          })
      }
    });
    const follow = (session: INotebookSession): void =>
      void session.ready.then(() => {
        if (!session.isDisposed) {
          notifier.watch(session);
        }
      });
    tracker.forEach(follow);
    tracker.sessionAdded.connect((_, session) => follow(session));
  }
};
