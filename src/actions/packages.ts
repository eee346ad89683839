// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { Clipboard, Notification } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { installCommand, recordLiveVersions } from '../core/packages/compare';
import {
  NBPROJECT_KEY,
  readNbproject,
  updateNbproject
} from '../core/nbproject/metadata';
import type { INotebookSession } from '../tokens';
import { writeNbproject } from './metadata';

/**
 * Whether a notebook's live versions can be recorded: it has nbproject
 * metadata and its kernel said what it has installed.
 */
export function canRecordLive(session: INotebookSession): boolean {
  return (
    !!session.kernel.environment && session.metadata.read.metadata !== null
  );
}

/**
 * Store the kernel's versions as the notebook's packages, in the live
 * model (not saved), and say so.
 *
 * @returns whether anything was written.
 */
export function recordLive(
  session: INotebookSession,
  trans: TranslationBundle
): boolean {
  const model = session.panel.context.model;
  const read = readNbproject(model.getMetadata(NBPROJECT_KEY));
  if (!read.metadata || !session.kernel.environment) {
    return false;
  }
  const pypackage = recordLiveVersions(
    read.metadata.pypackage,
    session.packages.rows
  );
  writeNbproject(model, updateNbproject(read.metadata, { pypackage }));
  // Those the kernel does not have keep their stored version: still
  // "not installed" afterwards, which the message says.
  const kept = session.packages.rows
    .filter(row => row.status === 'missing')
    .map(row => row.name);
  const messages = [
    trans.__(
      'Live versions recorded in %1; save it to keep them.',
      session.panel.title.label
    ),
    kept.length > 0
      ? trans.__(
          'Not installed in the kernel, so kept as stored: %1.',
          kept.join(', ')
        )
      : ''
  ];
  Notification.success(messages.filter(Boolean).join(' '), {
    autoClose: 5000
  });
  return true;
}

/**
 * Copy a `pip install` command for a notebook's stored versions to the
 * clipboard and say what was copied. Names and versions that are not valid
 * (so that the command would need quoting, or could run something) are
 * left out, and the message says how many.
 *
 * @returns the command copied (`""` when none).
 */
export function copyInstallCommand(
  session: INotebookSession,
  trans: TranslationBundle
): string {
  const read = readNbproject(
    session.panel.context.model.getMetadata(NBPROJECT_KEY)
  );
  const { command, leftOut } = installCommand(read.metadata?.pypackage ?? {});
  const messages = [
    command
      ? trans.__('Copied: %1', command)
      : trans.__('No stored package has a version to install.'),
    leftOut > 0
      ? trans._n(
          '%1 package was left out: its name or version is not valid.',
          '%1 packages were left out: their names or versions are not valid.',
          leftOut
        )
      : ''
  ];
  if (command) {
    Clipboard.copyToSystem(command);
  }
  Notification.info(messages.filter(Boolean).join(' '), { autoClose: 5000 });
  return command;
}
