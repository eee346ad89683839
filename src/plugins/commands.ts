// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { addCommands } from '../commands';
import { INbprojectTracker, PACKAGE_NAME, TRANSLATION_DOMAIN } from '../tokens';

/**
 * The nbproject commands (publish, initialize, check, refresh, exports,
 * remix, data files…) and their place in the palette.
 */
export const commandsPlugin: JupyterFrontEndPlugin<void> = {
  id: `${PACKAGE_NAME}:commands`,
  description:
    'Adds the nbproject commands: publish, initialize, check the order, refresh, export, remix, add a data file.',
  autoStart: true,
  requires: [INbprojectTracker],
  optional: [ICommandPalette, ITranslator],
  activate: (
    app: JupyterFrontEnd,
    tracker: INbprojectTracker,
    palette: ICommandPalette | null,
    translator: ITranslator | null
  ): void => {
    const trans = (translator ?? nullTranslator).load(TRANSLATION_DOMAIN);
    addCommands(app, tracker, { trans, palette });
  }
};
