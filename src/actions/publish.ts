// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { Dialog, Notification, showDialog } from '@jupyterlab/apputils';
import { DocumentRegistry } from '@jupyterlab/docregistry';
import { INotebookModel } from '@jupyterlab/notebook';
import type { Contents } from '@jupyterlab/services';
import { TranslationBundle } from '@jupyterlab/translation';
import { codeDigest } from '../core/notebook/digest';
import { NBPROJECT_KEY, readNbproject } from '../core/nbproject/metadata';
import { ICellLike } from '../core/notebook/cells';
import {
  IPublishInputs,
  IPublishLive,
  IPublishPlan,
  planPublish
} from '../core/publish/plan';
import type { PythonParser } from '../core/python/parser';
import { IPublishChoice, PublishDialogBody } from '../components/publishDialog';
import { publishFindingText } from '../components/messages/publish';
import type { INotebookSession } from '../tokens';
import { settleHiddenState } from './cells';
import { dataHashing, hashPublishData } from './dataFiles';
import {
  exportLocks,
  exportRequirements,
  exportTarget,
  IExportResult,
  IPreparedPep723,
  notifyExport,
  preparePep723
} from './exports';
import { EXTENSION_KEY } from '../core/extension/metadata';
import { IVerifiedRecord, withLastRecord } from '../core/extension/history';
import {
  IEnvironmentSnapshot,
  takeSnapshot
} from '../core/packages/environment';
import { askEnvironment } from '../kernel/environment';
import { environmentFailureText } from '../components/messages/environment';
import {
  dataFilesToHash,
  IDataFileToHash,
  IPublishData
} from '../core/publish/dataFiles';

/**
 * The arguments of the publish command (all optional).
 */
export interface IPublishArgs {
  /**
   * The version to publish; the proposal when absent.
   */
  version?: string;
  /**
   * A change note.
   */
  note?: string;
  /**
   * Publish even when a check fails.
   */
  force?: boolean;
  /**
   * Show the dialog (default); `false` publishes or refuses without asking.
   */
  interactive?: boolean;
  /**
   * Also write `requirements.txt` (in the dialog: whether its box starts ticked).
   */
  exportRequirements?: boolean;
  /**
   * Also add or update the PEP 723 cell (in the dialog: whether its box starts ticked).
   */
  exportPep723?: boolean;
  /**
   * Also write the lock files of the environment snapshot (`pylock.toml`,
   * `requirements.lock.txt`, `environment.yml` for conda) beside the
   * notebook once published (in the dialog: whether its box starts ticked;
   * off by default).
   */
  exportLocks?: boolean;
  /**
   * Verify in a fresh kernel first and record the verdict (in the dialog:
   * whether its box starts ticked).
   */
  verify?: boolean;
}

/**
 * What the publish command resolves to.
 */
export interface IPublishResult {
  /**
   * Whether the notebook was published (written and saved).
   */
  published: boolean;
  /**
   * The version written, or the one that would have been.
   */
  version: string;
  /**
   * The failed checks that blocked publishing, or were overridden.
   */
  problems: string[];
  /**
   * What the exports chosen with the publication did.
   */
  exports?: IExportResult[];
}

/**
 * What publishing a notebook needs from its panel.
 */
export interface IPublishTarget {
  /**
   * The document context (model and save).
   */
  context: DocumentRegistry.IContext<INotebookModel>;
  /**
   * The Python parser the cells are read with.
   */
  parser: PythonParser;
  /**
   * The kernel's view of the environment, or `null` without one.
   */
  live: IPublishLive | null;
  /**
   * Whether the code ran in order by the checker's current rule.
   */
  consecutive?: boolean;
  /**
   * The hidden-state analysis and the cells edited since they ran, when
   * known (the `hidden-state` check).
   */
  runState?: IPublishInputs['runState'];
  /**
   * Hash the data files in the kernel, for the data manifest; without it
   * the manifest is left alone.
   */
  hashData?: (files: IDataFileToHash[]) => Promise<IPublishData>;
  /**
   * The notebook's absolute directory, when known, for suggesting paths
   * relative to it.
   */
  notebookDirectory?: string | null;
  /**
   * Writes the exports chosen with the publication, once its pinned
   * versions are in the model.
   */
  exporter?: IPublishExporter;
  /**
   * Take the snapshot of the kernel's whole environment; without it (or
   * when it gives `null`) a stored snapshot is left alone.
   */
  environment?: () => Promise<IEnvironmentSnapshot | null>;
  /**
   * Verify the notebook in a fresh kernel, for the record; `null` when it
   * was cancelled or no kernel started (then nothing is recorded).
   */
  verify?: () => Promise<IVerifiedRecord | null>;
}

/**
 * The exports publishing can run: the PEP 723 cell goes into the model
 * in the publication's transaction (one change, one save),
 * `requirements.txt` and the lock files are written after the save.
 */
export interface IPublishExporter {
  /**
   * Plan the PEP 723 cell declaring the versions about to be pinned (and
   * ask before rewriting one, when interactive); nothing is written yet.
   */
  pep723(
    packages: Readonly<Record<string, string>> | null,
    interactive: boolean
  ): Promise<IPreparedPep723>;
  /**
   * Write `requirements.txt` beside the saved notebook.
   */
  requirements(interactive: boolean): Promise<IExportResult>;
  /**
   * Write the lock files of the snapshot now stored beside the saved
   * notebook; optional (without it, none are written).
   */
  locks?(interactive: boolean): Promise<IExportResult[]>;
}

/**
 * Publish a session's notebook with what the session knows (the verdict of
 * the execution monitor, the kernel's environment, where data files are
 * hashed), and say how it went unless not interactive.
 *
 * @param session - the notebook's session.
 * @param options - the Python parser, the contents manager exports
 *   write through, and the verification in a fresh kernel.
 * @param args - the command's arguments, defaults from the settings filled in.
 */
export async function publishSession(
  session: INotebookSession,
  options: {
    parser: PythonParser;
    contents: Contents.IManager;
    verify?: () => Promise<IVerifiedRecord | null>;
  },
  args: IPublishArgs,
  trans: TranslationBundle
): Promise<IPublishResult> {
  session.execution.flush();
  // The hidden-state analysis of the notebook as it is now, when it has
  // read it (bounded: see settleHiddenState).
  await settleHiddenState(session);
  // The monitor's verdict and marks as of now, with the analysis.
  session.execution.flush();
  const hiddenState = session.hiddenState.isReady
    ? session.hiddenState.report
    : null;
  const monitor = session.execution.report;
  const edited = monitor.cells
    .filter(cell => cell.reasons.includes('edited'))
    .map(cell => cell.index);
  const env =
    session.kernel.state === 'ready' ? session.kernel.environment : null;
  const target = () => exportTarget(session, options.contents);
  const result = await publishNotebook(
    {
      context: session.panel.context,
      parser: options.parser,
      live: env
        ? {
            distributions: env.distributions,
            moduleDistributions: env.moduleDistributions,
            python: env.python.version
          }
        : null,
      consecutive: monitor.consecutive,
      runState: hiddenState ? { hiddenState, edited } : undefined,
      exporter: {
        pep723: (packages, interactive) =>
          preparePep723(target(), { interactive }, trans, packages),
        requirements: interactive =>
          exportRequirements(target(), { interactive }, trans),
        locks: interactive => exportLocks(target(), { interactive }, trans)
      },
      hashData: files => hashPublishData(files, dataHashing(session, trans)),
      environment: () => snapshotForPublish(session, args, trans),
      verify: options.verify,
      notebookDirectory: session.directory
    },
    args,
    trans
  );
  if (args.interactive !== false) {
    // What went wrong, and lock files written with warnings.
    result.exports
      ?.filter(
        done =>
          done.action === 'refused' ||
          done.action === 'failed' ||
          !!done.withoutSource?.length
      )
      .forEach(done => notifyExport(done, trans));
    if (result.published) {
      Notification.success(
        trans.__('Published version %1 and saved.', result.version),
        { autoClose: 5000 }
      );
    }
  }
  return result;
}

/**
 * The snapshot of the session's kernel environment for a publication, or
 * `null` without a ready kernel or when the kernel could not list it (then
 * the user is told, unless not interactive).
 */
async function snapshotForPublish(
  session: INotebookSession,
  args: IPublishArgs,
  trans: TranslationBundle
): Promise<IEnvironmentSnapshot | null> {
  const kernel = session.data.kernel;
  if (!kernel) {
    return null;
  }
  const outcome = await askEnvironment(kernel, session.data.scope.timeout);
  if (outcome.ok) {
    return takeSnapshot(outcome.report);
  }
  if (args.interactive !== false) {
    Notification.warning(
      trans.__(
        'The kernel could not list its environment, so the stored snapshot was left as it was: %1',
        environmentFailureText(trans, outcome)
      ),
      { autoClose: 8000 }
    );
  }
  return null;
}

/**
 * Publish a notebook: plan from the live model, let the user confirm (unless
 * not interactive), write the new metadata into the live model in one
 * transaction and save through the document context. Unsaved edits are
 * saved with it; nothing is reloaded.
 */
export async function publishNotebook(
  target: IPublishTarget,
  args: IPublishArgs,
  trans: TranslationBundle
): Promise<IPublishResult> {
  const { context } = target;
  const model = context.model;
  const cells = (model.toJSON() as { cells?: ICellLike[] }).cells ?? [];
  const digest = await codeDigest(cells);
  const now = new Date();
  // Set once the data files are hashed and the environment listed (after
  // the read-only refusal).
  let data: IPublishData | undefined;
  let environment: IEnvironmentSnapshot | null = null;
  const replan = (choice: Partial<IPublishChoice>): IPublishPlan =>
    planPublish({
      cells,
      parser: target.parser,
      nbproject: model.getMetadata(NBPROJECT_KEY),
      extension: model.getMetadata(EXTENSION_KEY),
      live: target.live,
      consecutive: target.consecutive,
      runState: target.runState,
      codeDigest: digest,
      version: choice.version,
      note: choice.note,
      now,
      data,
      environment,
      notebookDirectory: target.notebookDirectory
    });

  let plan = replan(args);
  let force = !!args.force;
  let exports = {
    requirements: !!args.exportRequirements,
    pep723: !!args.exportPep723,
    locks: !!args.exportLocks
  };
  let verify = !!args.verify;
  // A file the server will not write: say so before anything changes
  // (otherwise the metadata is written, the save fails, and the header
  // shows a publication the file does not have).
  if (context.contentsModel?.writable === false && !model.collaborative) {
    const problem = trans.__(
      'This notebook is read-only: save a copy with File > Save Notebook As… and publish the copy.'
    );
    if (args.interactive !== false) {
      Notification.warning(problem, { autoClose: 8000 });
    }
    return { published: false, version: plan.version, problems: [problem] };
  }
  // Hash the data files before asking: the checks show what could not be hashed.
  if (target.hashData) {
    data = await target.hashData(
      dataFilesToHash(cells, target.parser, model.getMetadata(EXTENSION_KEY))
    );
    plan = replan(args);
  }
  if (target.environment) {
    environment = await target.environment();
    plan = replan(args);
  }
  if (args.interactive !== false) {
    const body = new PublishDialogBody({
      initial: {
        version: args.version ?? plan.proposedVersion,
        note: args.note ?? '',
        exportRequirements: !!args.exportRequirements,
        exportPep723: !!args.exportPep723,
        exportLocks: !!args.exportLocks,
        verify: !!args.verify
      },
      replan,
      trans
    });
    const blocked = plan.problems.length > 0;
    const result = await showDialog<IPublishChoice>({
      title: trans.__('Publish notebook'),
      body,
      buttons: [
        Dialog.cancelButton({ label: trans.__('Cancel') }),
        Dialog.okButton({
          label: blocked ? trans.__('Publish anyway') : trans.__('Publish'),
          displayType: blocked ? 'warn' : 'default'
        })
      ],
      focusNodeSelector: '.jp-nbproject-version-input'
    });
    if (!result.button.accept || !result.value) {
      return {
        published: false,
        version: plan.version,
        problems: Private.problems(plan, trans)
      };
    }
    plan = replan(result.value);
    force = true;
    exports = {
      requirements: !!result.value.exportRequirements,
      pep723: !!result.value.exportPep723,
      locks: !!result.value.exportLocks
    };
    verify = !!result.value.verify;
  }
  if (plan.problems.length > 0 && !force) {
    return {
      published: false,
      version: plan.version,
      problems: Private.problems(plan, trans)
    };
  }
  // Verified as it is in the editor now, before anything is written; the
  // verdict goes into the publication's record.
  if (verify && target.verify) {
    const verified = await target.verify();
    if (verified) {
      plan = {
        ...plan,
        extension: withLastRecord(plan.extension, { verified })
      };
    }
  }
  // The PEP 723 cell declares the versions about to be pinned; it goes in
  // with the metadata, and the record's code digest covers it.
  const exported: IExportResult[] = [];
  let pep723: IPreparedPep723 | null = null;
  if (exports.pep723 && target.exporter) {
    pep723 = await target.exporter.pep723(
      readNbproject(plan.nbproject).metadata?.pypackage ?? null,
      args.interactive !== false
    );
    exported.push(pep723.result);
    if (pep723.cells) {
      const after = await codeDigest(pep723.cells);
      plan = {
        ...plan,
        extension: withLastRecord(plan.extension, { code_sha256: after })
      };
    }
  }
  const before = {
    nbproject: model.getMetadata(NBPROJECT_KEY),
    extension: model.getMetadata(EXTENSION_KEY)
  };
  model.sharedModel.transact(() => {
    model.setMetadata(NBPROJECT_KEY, plan.nbproject);
    model.setMetadata(EXTENSION_KEY, plan.extension);
    pep723?.apply();
  });
  try {
    await context.save();
  } catch (error) {
    // JupyterLab has shown why the save failed. Publishing is all or
    // nothing: put the metadata back as it was, so the header does not
    // claim a publication the file does not have.
    if (!model.isDisposed) {
      model.sharedModel.transact(() => {
        model.setMetadata(NBPROJECT_KEY, before.nbproject);
        model.setMetadata(EXTENSION_KEY, before.extension);
        pep723?.revert();
      });
    }
    const reason =
      error instanceof Error && error.message ? error.message : String(error);
    return {
      published: false,
      version: plan.version,
      problems: [
        trans.__(
          'The notebook could not be saved, so it was not published: %1',
          reason
        )
      ]
    };
  }
  if (exports.requirements && target.exporter) {
    exported.push(
      await target.exporter.requirements(args.interactive !== false)
    );
  }
  // From the snapshot just stored (or the one kept when the kernel could
  // not list its environment).
  if (exports.locks && target.exporter?.locks) {
    exported.push(...(await target.exporter.locks(args.interactive !== false)));
  }
  return {
    published: true,
    version: plan.version,
    problems: Private.problems(plan, trans),
    ...(exported.length > 0 ? { exports: exported } : {})
  };
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * The failed blocking checks of a plan, in the user's language.
   */
  export function problems(
    plan: IPublishPlan,
    trans: TranslationBundle
  ): string[] {
    return plan.problems.map(problem => publishFindingText(trans, problem));
  }
}
