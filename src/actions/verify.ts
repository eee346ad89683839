// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type { ISharedCodeCell } from '@jupyter/ydoc';
import { Dialog, Notification, showDialog } from '@jupyterlab/apputils';
import { PathExt } from '@jupyterlab/coreutils';
import type { KernelMessage, Session } from '@jupyterlab/services';
import type { TranslationBundle } from '@jupyterlab/translation';
import { UUID } from '@lumino/coreutils';
import {
  compareOutputs,
  DEFAULT_NORMALISATIONS,
  INormalisations,
  IVerifiedCell,
  IVerifyResult,
  normalisationsFrom,
  normaliseText,
  verifiedCell,
  verifyResult
} from '../core/execution/compareOutputs';
import {
  ICellNow,
  IKeptCell,
  IRunCell,
  keepPlan
} from '../core/execution/keepOutputs';
import { VerifyDiffBody } from '../components/verifyDiff';
import { verifiedCellText } from '../components/messages/verify';
import type { INbprojectSettings, INotebookSession } from '../tokens';

export type {
  IVerifiedCell,
  IVerifyResult
} from '../core/execution/compareOutputs';
// For the commands, which load this module on first use.
export {
  normalisationsOn,
  unreproducedCells
} from '../core/execution/compareOutputs';

/**
 * The normalisations the settings turn on, for comparing outputs.
 *
 * @param settings - the extension's settings.
 */
export function settingsNormalisations(
  settings: Pick<
    INbprojectSettings,
    'verifyNormalisations' | 'verifyFloatTolerance'
  >
): INormalisations {
  return normalisationsFrom(
    settings.verifyNormalisations,
    settings.verifyFloatTolerance
  );
}

/**
 * Run a notebook's code cells, as they are in the editor now, top to
 * bottom in a new, separate kernel of its kernelspec started in its
 * folder, and compare each cell's outputs with the stored ones. The
 * user's kernel, its variables and counts, and the notebook are left as
 * they are. A progress notification offers Cancel; the kernel is shut
 * down at the end, also on cancel, time limit or error.
 *
 * @param session - the notebook's session.
 * @param sessions - the app's session manager.
 * @param options - the translation bundle, the time limit in seconds
 *   (600 by default) and the normalisations.
 */
export async function verifyNotebook(
  session: INotebookSession,
  sessions: Session.IManager,
  options: verifyNotebook.IOptions
): Promise<IVerifyResult> {
  const { trans } = options;
  const { panel } = session;
  const model = panel.context.model;
  const cells: {
    index: number;
    id: string;
    code: string;
    outputs: unknown[];
  }[] = [];
  for (let index = 0; index < model.cells.length; index++) {
    const cell = model.cells.get(index);
    const code = cell.sharedModel.getSource();
    if (cell.type === 'code' && code.trim() !== '') {
      const outputs = (cell.toJSON() as { outputs?: unknown[] }).outputs ?? [];
      cells.push({ index, id: cell.id, code, outputs });
    }
  }
  const spec = model.getMetadata('kernelspec') as
    { name?: unknown } | undefined;
  const name =
    panel.sessionContext.session?.kernel?.name ??
    (typeof spec?.name === 'string' ? spec.name : 'python3');
  // A session of its own, at a path in the notebook's folder: the kernel
  // starts there, and shows in the running sessions while it runs.
  const folder = PathExt.dirname(panel.context.path);
  const path = PathExt.join(folder, `.nbproject-verify-${UUID.uuid4()}.ipynb`);
  let connection: Session.ISessionConnection;
  try {
    connection = await sessions.startNew({
      path,
      type: 'notebook',
      name: PathExt.basename(path),
      kernel: { name }
    });
  } catch (error) {
    return {
      verdict: 'failed',
      same: 0,
      differs: 0,
      errors: 0,
      cells: [],
      failure: (error as Error)?.message ?? String(error)
    };
  }
  const results: IVerifiedCell[] = [];
  let cancelled = false;
  const started = Date.now();
  const limit = (options.timeLimit ?? 600) * 1000;
  const message = (done: number) =>
    trans.__(
      'Verifying in a fresh kernel: cell %1 of %2 (%3 s)',
      Math.min(done + 1, cells.length),
      cells.length,
      Math.round((Date.now() - started) / 1000)
    );
  const notification = Notification.emit(message(0), 'in-progress', {
    autoClose: false,
    progress: 0,
    actions: [
      {
        label: trans.__('Cancel'),
        caption: trans.__('Stop verifying and shut the fresh kernel down'),
        callback: () => {
          cancelled = true;
          void connection.kernel?.interrupt();
        }
      }
    ]
  });
  try {
    const kernel = connection.kernel;
    if (kernel && options.onKernel) {
      const info = await kernel.info;
      const version = info?.language_info?.version;
      options.onKernel({
        kernelspec: name,
        python: typeof version === 'string' ? version : null
      });
    }
    for (const cell of cells) {
      if (cancelled || !kernel || Date.now() - started > limit) {
        cancelled = true;
        break;
      }
      Notification.update({
        id: notification,
        message: message(results.length),
        type: 'in-progress',
        progress: results.length / Math.max(1, cells.length)
      });
      const outputs = await Private.run(kernel, cell.code, () => {
        const left = limit - (Date.now() - started);
        return cancelled || left <= 0;
      });
      if (outputs === null) {
        cancelled = true;
        break;
      }
      const comparison = compareOutputs(
        cell.outputs,
        outputs,
        options.normalisations ?? DEFAULT_NORMALISATIONS
      );
      results.push(verifiedCell(cell.index, cell.id, comparison));
      options.onCell?.({
        index: cell.index,
        id: cell.id,
        source: cell.code,
        stored: cell.outputs,
        now: outputs
      });
    }
  } finally {
    Notification.dismiss(notification);
    await connection.shutdown().catch(() => undefined);
    connection.dispose();
  }
  // The same verdict the CLI gives.
  return verifyResult(results, cancelled);
}

/**
 * A namespace for {@link verifyNotebook} statics.
 */
export namespace verifyNotebook {
  /**
   * Options of a verification.
   */
  export interface IOptions {
    trans: TranslationBundle;
    /**
     * The longest the whole run may take, in seconds.
     */
    timeLimit?: number;
    normalisations?: INormalisations;
    /**
     * Told, once the fresh kernel answers, its kernelspec and the Python
     * version it reports (`null` if it does not say).
     */
    onKernel?: (kernel: { kernelspec: string; python: string | null }) => void;
    /**
     * Told each cell run, with its stored and new outputs.
     */
    onCell?: (cell: IRunCell) => void;
  }
}

/**
 * Show a cell's stored and new outputs of the last verification side by
 * side, in a dialog whose "Go to Cell" button selects the cell.
 *
 * @param session - the notebook's session.
 * @param index - the cell's position in the notebook.
 * @param options - the translation bundle, the normalisations the lines
 *   are compared with, and what selects a cell.
 * @returns whether there was a verified cell to show.
 */
export async function compareVerifiedCell(
  session: INotebookSession,
  index: number,
  options: compareVerifiedCell.IOptions
): Promise<boolean> {
  const { trans } = options;
  const ran = session.verification.ranCell(index);
  const verified = session.verification.result?.cells.find(
    cell => cell.index === index
  );
  if (!ran || !verified) {
    Notification.info(
      trans.__('The last verification has no result for cell %1.', index + 1),
      { autoClose: 5000 }
    );
    return false;
  }
  const normalisations = options.normalisations ?? DEFAULT_NORMALISATIONS;
  const body = new VerifyDiffBody({
    trans,
    cell: index + 1,
    status: verifiedCellText(trans, verified),
    stored: ran.stored,
    now: ran.now,
    key: line => normaliseText(line, normalisations),
    kept: session.verification.kept
  });
  const dialog = new Dialog({
    title: trans.__('Cell %1: stored and new outputs', index + 1),
    body,
    buttons: [
      Dialog.cancelButton({ label: trans.__('Close') }),
      Dialog.okButton({ label: trans.__('Go to Cell') })
    ]
  });
  dialog.addClass('jp-nbproject-verifyDiff-dialog');
  const answer = await dialog.launch();
  if (answer.button.accept) {
    options.goToCell(index);
  }
  return true;
}

/**
 * A namespace for {@link compareVerifiedCell} statics.
 */
export namespace compareVerifiedCell {
  /**
   * What the side-by-side view needs besides the session.
   */
  export interface IOptions {
    trans: TranslationBundle;
    normalisations?: INormalisations;
    /**
     * Select and show a cell.
     */
    goToCell: (index: number) => void;
  }
}

/**
 * Replace the stored outputs of the notebook's code cells with those of
 * the last verification, and their execution counts with a consecutive
 * run (1, 2, …, n), in one change of the live model; nothing else in the
 * notebook changes. Not saved: the user saves, or reloads the notebook
 * from disk to go back (Undo does not take it back, as it does not take
 * back running a cell). Refused when the last verification did not run
 * every cell, or the code changed since.
 *
 * @param session - the notebook's session.
 * @param trans - the translation bundle.
 * @param interactive - ask first, in a dialog saying how many cells
 *   change (default true).
 * @returns how many cells changed, or `null` when nothing was kept.
 */
export async function keepVerifiedOutputs(
  session: INotebookSession,
  trans: TranslationBundle,
  interactive = true
): Promise<number | null> {
  const { verification } = session;
  const result = verification.result;
  const model = session.panel.context.model;
  if (
    !result ||
    (result.verdict !== 'reproduces' && result.verdict !== 'differs')
  ) {
    Notification.info(
      trans.__(
        'Verify the notebook first: only the outputs of a verification that ran every cell can be kept.'
      ),
      { autoClose: 6000 }
    );
    return null;
  }
  const plan = Private.keepPlanNow(session);
  if (plan === null) {
    Private.changedSince(trans);
    return null;
  }
  if (interactive) {
    const ran = verification.run.length;
    const answer = await showDialog({
      title: trans.__('Keep the new outputs?'),
      body: trans._n(
        'The outputs of %1 code cell are replaced by those of the verification (%2 differing from the stored ones), and its execution count becomes 1. Nothing else in the notebook changes. The notebook is not saved: save it to keep them, or reload it from disk to go back.',
        'The outputs of %1 code cells are replaced by those of the verification (%2 differing from the stored ones), and their execution counts become 1 to %1. Nothing else in the notebook changes. The notebook is not saved: save it to keep them, or reload it from disk to go back.',
        ran,
        result.differs + result.errors
      ),
      buttons: [
        Dialog.cancelButton({ label: trans.__('Cancel') }),
        Dialog.warnButton({ label: trans.__('Keep New Outputs') })
      ]
    });
    if (!answer.button.accept) {
      return null;
    }
  }
  // The dialog waited: the user may have edited the code meanwhile.
  const now = model.isDisposed ? null : Private.keepPlanNow(session);
  if (now === null) {
    Private.changedSince(trans);
    return null;
  }
  model.sharedModel.transact(() => {
    for (const kept of now) {
      const cell = model.sharedModel.getCell(kept.index) as ISharedCodeCell;
      const outputs = kept.outputs as unknown as Parameters<
        ISharedCodeCell['setOutputs']
      >[0];
      // Add the new outputs after the old ones, then remove the old: a
      // stream replaced at its own index in one transaction is shown and
      // saved twice (JupyterLab merges it into the old stream first).
      const old = cell.getOutputs().length;
      cell.updateOutputs(old, old, outputs);
      cell.updateOutputs(0, old, []);
      cell.execution_count = kept.executionCount;
    }
    // Not on the undo stack, like the outputs of running a cell: undoing
    // it makes JupyterLab show the old stream twice. The dialog says to
    // reload from disk to go back.
  }, false);
  verification.markKept();
  if (interactive) {
    Notification.success(
      trans.__('The new outputs are in the notebook; save it to keep them.'),
      { autoClose: 5000 }
    );
  }
  return now.length;
}

/**
 * Say a verification's result in a notification, naming the notebook (a
 * verification outlives a switch to another tab).
 *
 * @param name - the notebook's name, as its tab shows it.
 */
export function notifyVerify(
  result: IVerifyResult,
  trans: TranslationBundle,
  name: string
): void {
  const total = result.cells.length;
  switch (result.verdict) {
    case 'failed':
      Notification.error(
        trans.__(
          '%1: no fresh kernel could be started: %2',
          name,
          result.failure ?? ''
        ),
        { autoClose: 8000 }
      );
      return;
    case 'cancelled':
      Notification.info(
        trans._n(
          '%2: verification stopped after %1 cell.',
          '%2: verification stopped after %1 cells.',
          total,
          name
        ),
        { autoClose: 5000 }
      );
      return;
    case 'reproduces':
      Notification.success(
        trans._n(
          '%2: verified, the %1 cell reproduces.',
          '%2: verified, all %1 cells reproduce.',
          total,
          name
        ),
        { autoClose: 5000 }
      );
      return;
    default: {
      const parts = [
        result.differs > 0 &&
          trans._n('%1 differs', '%1 differ', result.differs),
        result.errors > 0 &&
          trans._n('%1 raises an error', '%1 raise errors', result.errors)
      ].filter(Boolean);
      Notification.warning(
        trans._n(
          '%2: verified, %3 of %1 cell reproduces (%4).',
          '%2: verified, %3 of %1 cells reproduce (%4).',
          total,
          name,
          result.same,
          parts.length > 0 ? parts.join(', ') : trans.__('see the header')
        ),
        { autoClose: false }
      );
    }
  }
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * What keeping the last verification's outputs writes in the notebook
   * as it is now, or `null` when its code changed since.
   */
  export function keepPlanNow(session: INotebookSession): IKeptCell[] | null {
    const { cells } = session.panel.context.model;
    const now: ICellNow[] = [];
    for (let index = 0; index < cells.length; index++) {
      const cell = cells.get(index);
      const json = cell.toJSON() as {
        outputs?: unknown[];
        execution_count?: unknown;
      };
      now.push({
        id: cell.id,
        type: cell.type,
        source: cell.sharedModel.getSource(),
        ran:
          (json.outputs?.length ?? 0) > 0 ||
          typeof json.execution_count === 'number'
      });
    }
    return keepPlan(now, session.verification.run);
  }

  /**
   * Say that the code changed since the verification.
   */
  export function changedSince(trans: TranslationBundle): void {
    Notification.warning(
      trans.__(
        "The notebook's code changed since the verification: verify again, then keep the new outputs."
      ),
      { autoClose: 8000 }
    );
  }

  /**
   * Run one cell's code and collect its outputs, in the nbformat shape;
   * `null` when `stop` says so first (the kernel is interrupted).
   */
  export async function run(
    kernel: NonNullable<Session.ISessionConnection['kernel']>,
    code: string,
    stop: () => boolean
  ): Promise<unknown[] | null> {
    const outputs: unknown[] = [];
    const future = kernel.requestExecute({
      code,
      silent: false,
      store_history: true,
      stop_on_error: false
    });
    future.onIOPub = (message: KernelMessage.IIOPubMessage) => {
      const type = message.header.msg_type;
      if (type === 'clear_output') {
        outputs.length = 0;
      } else if (
        type === 'stream' ||
        type === 'execute_result' ||
        type === 'display_data' ||
        type === 'error'
      ) {
        outputs.push({ output_type: type, ...message.content });
      }
    };
    let timer: ReturnType<typeof setInterval> | undefined;
    const stopped = new Promise<null>(resolve => {
      timer = setInterval(() => {
        if (stop()) {
          void kernel.interrupt();
          resolve(null);
        }
      }, 200);
    });
    try {
      // A cell ended by the stop's own interrupt (its KeyboardInterrupt
      // may arrive before the next poll) did not run: it is not compared.
      return await Promise.race([
        future.done.then(() => (stop() ? null : outputs)),
        stopped
      ]);
    } finally {
      clearInterval(timer);
    }
  }
}
