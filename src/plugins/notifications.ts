// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { copyInstallCommand, recordLive } from '../actions/packages';
import type { MismatchNotifier } from '../notifications/mismatch';
import { whenIdle } from '../session/slices';
import {
  CommandIDs,
  INbprojectTracker,
  INotebookSession,
  PACKAGE_NAME,
  TRANSLATION_DOMAIN
} from '../tokens';

/**
 * Warns once per kernel session when a notebook's stored package versions
 * differ from its kernel's (setting `dependencyWarnings`), header or not,
 * when the notebook is shown.
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
    // The warning waits for the kernel's answer, long after a notebook
    // opens: its code comes after startup, with the analyses (a session
    // watched late is checked at once).
    let notifier: Promise<MismatchNotifier> | null = null;
    const load = (): Promise<MismatchNotifier> =>
      (notifier ??= import(
        /* webpackChunkName: "after-open" */ '../notifications/mismatch'
      ).then(
        ({ MismatchNotifier }) =>
          new MismatchNotifier({
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
          }),
        reason => {
          notifier = null;
          throw reason;
        }
      ));
    const follow = (session: INotebookSession): void =>
      void session.ready
        .then(() => new Promise<void>(resolve => whenIdle(resolve)))
        .then(load)
        .then(
          loaded => {
            if (!session.isDisposed) {
              loaded.watch(session);
            }
          },
          reason =>
            console.error(
              'jupyterlab-nbproject: the package warning could not be loaded',
              reason
            )
        );
    tracker.forEach(follow);
    tracker.sessionAdded.connect((_, session) => follow(session));
    // A notebook whose kernel answered behind another tab is warned about
    // once shown (it is then the current notebook); the notebooks in view,
    // when the warnings are turned on.
    const refresh = () =>
      void notifier?.then(
        loaded => loaded.refresh(),
        () => undefined
      );
    tracker.currentChanged.connect(refresh);
    tracker.settingsChanged.connect(refresh);
  }
};
