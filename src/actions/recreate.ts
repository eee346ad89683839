// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import {
  Clipboard,
  Dialog,
  Notification,
  showDialog
} from '@jupyterlab/apputils';
import { PageConfig } from '@jupyterlab/coreutils';
import type { KernelMessage } from '@jupyterlab/services';
import type { TranslationBundle } from '@jupyterlab/translation';
import { InstallLog, RecreateDialogBody } from '../components/recreateDialog';
import { EXTENSION_KEY } from '../core/extension/metadata';
import { readEnvironmentSnapshot } from '../core/packages/environment';
import {
  kernelNameFor,
  newEnvironmentCommand
} from '../core/packages/recreate';
import {
  installedVersion,
  LabEnvironmentVerdict,
  labEnvironmentVerdict,
  readLabSide
} from '../core/packages/labEnvironment';
import { askUv } from '../kernel/environment';
import type { INotebookSession } from '../tokens';
import { recreatePlan } from './recreatePlan';

/**
 * Whether the notebook's kernel runs in JupyterLab's own environment, from
 * what the page says (its configuration) and what the kernel said (its
 * `sys.prefix`, and its distributions through the comparison with the
 * snapshot).
 */
export function labEnvironmentOf(
  session: INotebookSession
): LabEnvironmentVerdict {
  const drift = session.environment.drift;
  const read = readEnvironmentSnapshot(
    session.panel.context.model.getMetadata(EXTENSION_KEY)
  );
  return labEnvironmentVerdict(
    readLabSide(name => PageConfig.getOption(name)),
    {
      prefix: session.kernel.environment?.prefix ?? '',
      version: key => (drift ? installedVersion(read, drift, key) : undefined)
    }
  );
}

/**
 * How installing the stored versions ended.
 *
 * - `nothing`: nothing to install;
 * - `cancelled`: the user said no;
 * - `shown`: a conda environment, the lines were shown to copy;
 * - `installed` / `failed`: `%pip install` ran, and ended well or not.
 */
export type RecreateOutcome =
  'nothing' | 'cancelled' | 'shown' | 'installed' | 'failed';

/**
 * Install the snapshot's versions of the changed and missing packages
 * into the notebook's kernel: a dialog lists exactly what changes and
 * where the kernel runs; on confirmation `%pip install` runs in the kernel
 * as a visible request (its output in a log dialog, not in the history);
 * then a restart is offered and the kernel's packages are asked again. In
 * a conda environment the dialog shows the `conda install` and `mamba
 * install` lines to copy, and nothing runs.
 */
export async function recreateEnvironment(
  session: INotebookSession,
  trans: TranslationBundle
): Promise<RecreateOutcome> {
  const plan = recreatePlan(session);
  if (!plan || plan.changes.length === 0) {
    Notification.info(
      session.environment.state === 'none'
        ? trans.__('This notebook stores no published environment.')
        : !plan
          ? trans.__(
              'The kernel’s environment is not compared with the published one yet.'
            )
          : trans.__('No published package version differs from the kernel’s.'),
      { autoClose: 5000 }
    );
    return 'nothing';
  }
  const body = new RecreateDialogBody({
    plan,
    lab: labEnvironmentOf(session),
    trans
  });
  if (plan.conda) {
    await showDialog({
      title: trans.__('Install the Stored Versions'),
      body,
      buttons: [Dialog.okButton({ label: trans.__('Close') })]
    });
    return 'shown';
  }
  const answer = await showDialog({
    title: trans.__('Install the Stored Versions into This Kernel'),
    body,
    buttons: [
      Dialog.cancelButton({ label: trans.__('Cancel') }),
      Dialog.warnButton({ label: trans.__('Install') })
    ]
  });
  if (!answer.button.accept) {
    return 'cancelled';
  }
  const kernel = session.panel.sessionContext.session?.kernel;
  if (!kernel) {
    Notification.warning(
      trans.__('The notebook has no kernel any more; nothing was installed.'),
      { autoClose: 5000 }
    );
    return 'cancelled';
  }
  const log = new InstallLog();
  log.append(`${plan.pip}\n`);
  const shown = showDialog({
    title: trans.__('Installing the stored versions'),
    body: log,
    buttons: [Dialog.okButton({ label: trans.__('Close') })]
  });
  const future = kernel.requestExecute({
    code: plan.pip,
    silent: false,
    store_history: false,
    allow_stdin: false,
    stop_on_error: true
  });
  future.onIOPub = msg => log.append(Private.outputText(msg));
  let ok = false;
  try {
    const reply = await future.done;
    ok = reply.content.status === 'ok';
  } catch {
    ok = false;
  }
  log.finish(
    ok
      ? trans.__('Done. Restart the kernel to use the installed versions.')
      : trans.__('The install did not finish; see the output above.'),
    ok
  );
  await shown;
  const restart = await showDialog({
    title: trans.__('Restart the Kernel?'),
    body: trans.__(
      'Packages already imported keep their old versions until the kernel restarts.'
    ),
    buttons: [
      Dialog.cancelButton({ label: trans.__('Not Now') }),
      Dialog.okButton({ label: trans.__('Restart') })
    ]
  });
  if (restart.button.accept) {
    await session.panel.sessionContext.restartKernel();
  }
  await session.kernel.refresh();
  session.environment.refresh();
  return ok ? 'installed' : 'failed';
}

/**
 * Copy the command that makes a new environment for the notebook from its
 * exported `requirements.lock.txt` with `uv`, and registers it as a kernel,
 * and say what was copied; nothing runs. The notebook's kernel is asked
 * (one silent PATH lookup) whether `uv` is there, so the user knows before
 * pasting whether to install it first.
 *
 * @returns the command copied (`""` when none).
 */
export async function copyNewEnvironmentCommand(
  session: INotebookSession,
  trans: TranslationBundle
): Promise<string> {
  const command = newEnvironmentCommand(kernelNameFor(session.path));
  if (!command) {
    Notification.warning(
      trans.__('The notebook’s file name gives no kernel name.'),
      { autoClose: 5000 }
    );
    return '';
  }
  Clipboard.copyToSystem(command);
  const kernel =
    session.kernel.state === 'ready'
      ? (session.panel.sessionContext.session?.kernel ?? null)
      : null;
  const uv = kernel ? await askUv(kernel, Private.UV_TIMEOUT) : null;
  // Short enough for a notification (JupyterLab cuts at 140 characters);
  // the command itself is on the clipboard.
  if (uv === '') {
    Notification.warning(
      trans.__(
        'Copied the command for a new environment, but uv is not on the kernel’s PATH: install it first.'
      ),
      { autoClose: 10000 }
    );
  } else {
    Notification.info(
      uv
        ? trans.__(
            'Copied the uv command for a new environment: run it in the notebook’s folder after exporting the lock files.'
          )
        : trans.__(
            'Copied the uv command for a new environment (the kernel did not say whether uv is installed).'
          ),
      { autoClose: 8000 }
    );
  }
  return command;
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * How long to wait for the kernel to say where `uv` is.
   */
  export const UV_TIMEOUT = 3000;

  /**
   * The text of one output message: streams, plain-text results and
   * errors (tracebacks without terminal colours); nothing else.
   */
  export function outputText(msg: KernelMessage.IIOPubMessage): string {
    const content = msg.content as {
      text?: unknown;
      data?: Record<string, unknown>;
      traceback?: unknown;
    };
    switch (msg.header.msg_type) {
      case 'stream':
        return typeof content.text === 'string' ? content.text : '';
      case 'execute_result':
      case 'display_data': {
        const text = content.data?.['text/plain'];
        return typeof text === 'string' ? `${text}\n` : '';
      }
      case 'error':
        return Array.isArray(content.traceback)
          ? `${content.traceback.join('\n').replace(/\x1b\[[0-9;]*[A-Za-z]/g, '')}\n`
          : '';
      default:
        return '';
    }
  }
}
