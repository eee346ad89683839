// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { CellMarks } from '../components/cellMarks';
import {
  INbprojectTracker,
  INotebookSession,
  PACKAGE_NAME,
  TRANSLATION_DOMAIN
} from '../tokens';

/**
 * Marks the cells the consecutiveness checker blames, in every notebook,
 * header or not.
 */
export const cellMarksPlugin: JupyterFrontEndPlugin<void> = {
  id: `${PACKAGE_NAME}:cell-marks`,
  description:
    'Marks the cells of a notebook that did not run in order, with the reason in their tooltip.',
  autoStart: true,
  requires: [INbprojectTracker],
  optional: [ITranslator],
  activate: (
    app: JupyterFrontEnd,
    tracker: INbprojectTracker,
    translator: ITranslator | null
  ): void => {
    const trans = (translator ?? nullTranslator).load(TRANSLATION_DOMAIN);
    const follow = (session: INotebookSession): void => {
      const notebook = session.panel.content;
      const marks = new CellMarks(() => notebook.widgets, trans);
      const paint = () =>
        marks.paint(session.execution.report, session.hiddenState.report);
      // New cell widgets: the next paint reads them all, not only changes.
      const invalidate = () => marks.invalidate();
      const cells = notebook.model?.cells;
      session.execution.changed.connect(paint);
      session.hiddenState.changed.connect(paint);
      cells?.changed.connect(invalidate);
      notebook.modelChanged.connect(invalidate);
      session.disposed.connect(() => {
        session.execution.changed.disconnect(paint);
        session.hiddenState.changed.disconnect(paint);
        cells?.changed.disconnect(invalidate);
        notebook.modelChanged.disconnect(invalidate);
      });
      void session.ready.then(() => {
        if (!session.isDisposed) {
          paint();
        }
      });
    };
    tracker.forEach(follow);
    tracker.sessionAdded.connect((_, session) => follow(session));
  }
};
