// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type { JupyterFrontEndPlugin } from '@jupyterlab/application';
import { cellMarksPlugin } from './plugins/cellMarks';
import { commandsPlugin } from './plugins/commands';
import { headerPlugin } from './plugins/header';
import { notificationsPlugin } from './plugins/notifications';
import { sessionsPlugin } from './plugins/sessions';

export * from './tokens';

/**
 * The extension's plugins: the notebook sessions (which provide
 * `INbprojectTracker` and own the settings), then the header, the cell
 * marks, the commands and the warnings, each reading the sessions.
 */
const plugins: JupyterFrontEndPlugin<any>[] = [
  sessionsPlugin,
  headerPlugin,
  cellMarksPlugin,
  commandsPlugin,
  notificationsPlugin
];

export default plugins;
