// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { goToCell } from '../actions/cells';
import { HeaderView } from '../components/header';
import {
  CommandIDs,
  INbprojectTracker,
  INotebookSession,
  PACKAGE_NAME,
  TRANSLATION_DOMAIN
} from '../tokens';

/**
 * The nbproject header above every notebook (setting `showHeader`): it
 * renders the notebook's session and never runs a check itself.
 */
export const headerPlugin: JupyterFrontEndPlugin<void> = {
  id: `${PACKAGE_NAME}:header`,
  description: "Shows a notebook's nbproject session in a header above it.",
  autoStart: true,
  requires: [INbprojectTracker],
  optional: [ITranslator],
  activate: (
    app: JupyterFrontEnd,
    tracker: INbprojectTracker,
    translator: ITranslator | null
  ): void => {
    const trans = (translator ?? nullTranslator).load(TRANSLATION_DOMAIN);
    const views = new Map<INotebookSession, HeaderView>();
    const show = (session: INotebookSession): void => {
      if (views.has(session) || session.isDisposed) {
        return;
      }
      const { panel } = session;
      const view = new HeaderView(session, {
        trans,
        actions: {
          initialize: () =>
            void app.commands.execute(CommandIDs.init, { path: session.path }),
          restartRunAll: () =>
            void app.commands.execute(CommandIDs.restartRunAll, {
              path: session.path
            }),
          goToCell: index => goToCell(app.shell, panel, index),
          verify: () =>
            void app.commands.execute(CommandIDs.verify, {
              path: session.path
            }),
          compareVerified: index =>
            void app.commands.execute(CommandIDs.verifyCompare, {
              path: session.path,
              index
            }),
          keepVerified: () =>
            void app.commands.execute(CommandIDs.keepVerifyOutputs, {
              path: session.path
            }),
          installStored: () =>
            void app.commands.execute(CommandIDs.installStored, {
              path: session.path
            })
        }
      });
      views.set(session, view);
      panel.contentHeader.insertWidget(0, view);
      session.disposed.connect(hide);
    };
    const hide = (session: INotebookSession): void => {
      views.get(session)?.dispose();
      views.delete(session);
      session.disposed.disconnect(hide);
    };
    const follow = (session: INotebookSession): void =>
      tracker.settings.showHeader ? show(session) : hide(session);
    tracker.forEach(follow);
    tracker.sessionAdded.connect((_, session) => follow(session));
    tracker.settingsChanged.connect(() => tracker.forEach(follow));
  }
};
