// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { Dialog, Notification, showDialog } from '@jupyterlab/apputils';
import { PathExt } from '@jupyterlab/coreutils';
import { DocumentRegistry } from '@jupyterlab/docregistry';
import { INotebookModel } from '@jupyterlab/notebook';
import { Contents, ServerConnection } from '@jupyterlab/services';
import { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';
import {
  describePep723Plan,
  planRequirementsExport
} from '../core/packages/exportPlan';
import { NBPROJECT_KEY, readNbproject } from '../core/nbproject/metadata';
import { ICellLike } from '../core/notebook/cells';
import {
  IPep723Plan,
  requiresPythonFor,
  upsertPep723
} from '../core/packages/pep723';
import type { INotebookSession } from '../tokens';
import { isJSONObject } from '../core/common/json';
import { EXTENSION_KEY } from '../core/extension/metadata';
import { readEnvironmentSnapshot } from '../core/packages/environment';
import {
  ILockExport,
  LOCK_FILES,
  LOCK_KINDS,
  planLockExport
} from '../core/packages/locks';
import { cut } from '../core/common/text';
import { listText } from '../components/messages/common';

/**
 * The file name the requirements are written to, beside the notebook.
 */
export const REQUIREMENTS_FILE = 'requirements.txt';

/**
 * The arguments of the export commands (all optional).
 */
export interface IExportArgs {
  /**
   * The notebook path; the current notebook by default.
   */
  path?: string;
  /**
   * Show the summary dialog before overwriting (default); `false` writes
   * without asking, for automation and tests.
   */
  interactive?: boolean;
}

/**
 * What an export did.
 *
 * - `created`: a new file or cell was written;
 * - `updated`: an existing file or cell was rewritten;
 * - `unchanged`: it already said the same; nothing was written;
 * - `cancelled`: the user cancelled; nothing was written;
 * - `refused`: nothing to export (no stored packages) or the target cannot
 *   be read; nothing was written;
 * - `failed`: writing or saving failed.
 */
export type ExportAction =
  'created' | 'updated' | 'unchanged' | 'cancelled' | 'refused' | 'failed';

/**
 * What the export commands resolve to.
 */
export interface IExportResult {
  /**
   * What was exported.
   */
  format: 'requirements' | 'pep723' | 'lock';
  /**
   * The file written: the `requirements.txt`, or the notebook.
   */
  path: string;
  /**
   * What happened.
   */
  action: ExportAction;
  /**
   * Lines saying what changes (`+ numpy==1.26.4`, …).
   */
  summary: string[];
  /**
   * Sentences to warn about, or why nothing was written.
   */
  problems: string[];
  /**
   * For `pylock.toml`: the packages whose entry has name and version only,
   * no source PEP 751 accepts (absent when none).
   */
  withoutSource?: string[];
}

/**
 * What exporting needs from a notebook panel.
 */
export interface IExportTarget {
  /**
   * The notebook's document context (model, path, save).
   */
  context: DocumentRegistry.IContext<INotebookModel>;
  /**
   * The contents manager new files are written through.
   */
  contents: Contents.IManager;
  /**
   * The kernel's Python version, or `null` without a kernel.
   */
  python: string | null;
}

/**
 * Write the notebook's stored packages (nbproject's `pypackage`), pinned,
 * to `requirements.txt` beside it, through the contents manager. An
 * existing file is updated (its pip options kept), never duplicated; when
 * it would change, the user sees a summary first (unless not interactive)
 * and cancelling writes nothing.
 */
export async function exportRequirements(
  target: IExportTarget,
  args: IExportArgs,
  trans: TranslationBundle
): Promise<IExportResult> {
  const { context } = target;
  const read = readNbproject(context.model.getMetadata(NBPROJECT_KEY));
  const stored = read.metadata?.pypackage ?? null;
  return Private.writeBeside(
    target,
    'requirements',
    REQUIREMENTS_FILE,
    existing => {
      if (stored === null) {
        return null;
      }
      const plan = planRequirementsExport(
        stored,
        {
          id: read.metadata?.id ?? null,
          version: read.metadata?.version ?? null,
          notebook: PathExt.basename(context.path)
        },
        existing
      );
      return plan.otherNotebook
        ? {
            ...plan,
            problems: [
              ...plan.problems,
              Private.otherNotebookText(trans, plan.otherNotebook)
            ]
          }
        : plan;
    },
    Private.noPackages(trans),
    args,
    trans
  );
}

/**
 * Write the lock files of the environment snapshot the notebook was
 * published with (`pylock.toml`, `requirements.lock.txt`, and
 * `environment.yml` for a conda environment) beside it, each as
 * `requirements.txt` is written: a summary before overwriting (unless not
 * interactive), nothing written on cancel.
 *
 * The `pylock.toml` result's problems say which entries have name and
 * version only (no source PEP 751 accepts), and why.
 *
 * @returns one result per file, in {@link LOCK_KINDS} order; the conda
 *   file only for a conda environment.
 */
export async function exportLocks(
  target: IExportTarget,
  args: IExportArgs,
  trans: TranslationBundle
): Promise<IExportResult[]> {
  const { context } = target;
  const read = readEnvironmentSnapshot(
    context.model.getMetadata(EXTENSION_KEY)
  );
  const noSnapshot = trans.__(
    'The notebook stores no environment snapshot; publish it with a running kernel first.'
  );
  const results: IExportResult[] = [];
  for (const kind of LOCK_KINDS) {
    if (kind === 'conda' && read.snapshot && !read.snapshot.conda) {
      continue;
    }
    let withoutSource: string[] = [];
    const result = await Private.writeBeside(
      target,
      'lock',
      LOCK_FILES[kind],
      existing => {
        const plan = planLockExport(
          kind,
          read,
          PathExt.basename(context.path),
          existing
        );
        withoutSource = plan?.withoutSource ?? [];
        return (
          plan && {
            ...plan,
            problems: Private.lockProblems(plan, read.packages.size, trans)
          }
        );
      },
      noSnapshot,
      args,
      trans
    );
    results.push(
      withoutSource.length > 0 ? { ...result, withoutSource } : result
    );
  }
  return results;
}

/**
 * Plan the notebook's PEP 723 cell from its stored packages (or the ones
 * given, as publishing pins them) and the live Python (else the Python the
 * notebook metadata records).
 */
export function planPep723Export(
  model: INotebookModel,
  python: string | null,
  packages?: Readonly<Record<string, string>> | null
): { plan: IPep723Plan } | { refused: string } {
  const stored =
    packages !== undefined
      ? packages
      : (readNbproject(model.getMetadata(NBPROJECT_KEY)).metadata?.pypackage ??
        null);
  if (stored === null) {
    return { refused: 'no packages' };
  }
  const languageInfo = model.getMetadata('language_info');
  const requiresPython =
    requiresPythonFor(python) ??
    requiresPythonFor(
      isJSONObject(languageInfo) ? languageInfo.version : undefined
    );
  const cells: ICellLike[] = [];
  for (let i = 0; i < model.cells.length; i++) {
    const cell = model.cells.get(i);
    cells.push({ cell_type: cell.type, source: cell.sharedModel.getSource() });
  }
  return { plan: upsertPep723(cells, stored, requiresPython) };
}

/**
 * Apply a PEP 723 plan to the live model: insert the hidden cell, or
 * rewrite the source of the cell holding the block (its metadata, outputs
 * and id stay). One transaction; inside a caller's transaction it joins it.
 */
export function applyPep723Plan(
  model: INotebookModel,
  plan: IPep723Plan
): void {
  if (plan.action === 'unchanged') {
    return;
  }
  model.sharedModel.transact(() => {
    if (plan.action === 'insert') {
      model.sharedModel.insertCell(plan.index, {
        cell_type: 'code',
        source: plan.source,
        metadata: (plan.cell?.metadata ?? {}) as any
      });
    } else {
      model.cells.get(plan.index).sharedModel.setSource(plan.source);
    }
  });
}

/**
 * A PEP 723 change, planned and confirmed, not yet applied: publishing
 * applies it in the same transaction as the metadata, after computing the
 * code digest of the cells it leaves.
 */
export interface IPreparedPep723 {
  /**
   * What the export does (`created`, `updated`) or why it does nothing.
   */
  result: IExportResult;
  /**
   * The notebook's cells once applied (cell type and source), or `null`
   * when nothing changes.
   */
  cells: ICellLike[] | null;
  /**
   * Apply the change to the live model (nothing when there is none).
   */
  apply(): void;
  /**
   * Undo an applied change, as long as the cell still says what was
   * written (after a failed save).
   */
  revert(): void;
}

/**
 * Plan the PEP 723 cell and, before an existing block is rewritten, show
 * the summary and ask (unless not interactive). Nothing is written.
 *
 * @param packages - the pinned packages to declare; the stored ones when
 *   omitted.
 */
export async function preparePep723(
  target: IExportTarget,
  args: IExportArgs,
  trans: TranslationBundle,
  packages?: Readonly<Record<string, string>> | null
): Promise<IPreparedPep723> {
  const { context } = target;
  const model = context.model;
  const nothing = (
    action: ExportAction,
    summary: string[],
    problems: string[]
  ): IPreparedPep723 => ({
    result: { format: 'pep723', path: context.path, action, summary, problems },
    cells: null,
    apply: () => undefined,
    revert: () => undefined
  });
  let planned = planPep723Export(model, target.python, packages);
  if ('refused' in planned) {
    return nothing('refused', [], [Private.noPackages(trans)]);
  }
  const summary = describePep723Plan(planned.plan);
  if (planned.plan.action === 'unchanged') {
    return nothing('unchanged', summary, planned.plan.problems);
  }
  if (planned.plan.action === 'replace' && args.interactive !== false) {
    const accepted = await Private.confirm(
      trans.__('Update the PEP 723 cell?'),
      summary,
      planned.plan.problems,
      trans
    );
    if (!accepted) {
      return nothing('cancelled', summary, planned.plan.problems);
    }
    // The notebook may have changed while the dialog was open: plan again.
    planned = planPep723Export(model, target.python, packages);
    if ('refused' in planned || planned.plan.action === 'unchanged') {
      return nothing('unchanged', summary, []);
    }
  }
  const plan = planned.plan;
  const cells =
    (model.toJSON() as { cells?: ICellLike[] }).cells?.slice() ?? [];
  let before: string | null = null;
  if (plan.action === 'insert') {
    cells.splice(
      plan.index,
      0,
      plan.cell ?? { cell_type: 'code', source: plan.source }
    );
  } else {
    cells[plan.index] = { ...cells[plan.index], source: plan.source };
  }
  return {
    result: {
      format: 'pep723',
      path: context.path,
      action: plan.action === 'insert' ? 'created' : 'updated',
      summary,
      problems: plan.problems
    },
    cells,
    apply: () => {
      if (plan.action === 'replace') {
        before = model.cells.get(plan.index).sharedModel.getSource();
      }
      applyPep723Plan(model, plan);
    },
    revert: () => {
      const cell =
        plan.index < model.cells.length ? model.cells.get(plan.index) : null;
      if (!cell || cell.sharedModel.getSource() !== plan.source) {
        return;
      }
      if (plan.action === 'insert') {
        model.sharedModel.deleteCell(plan.index);
      } else if (before !== null) {
        cell.sharedModel.setSource(before);
      }
    }
  };
}

/**
 * Insert or update the notebook's PEP 723 `# /// script` cell (juv's
 * layout: the first code cell, hidden, `requires-python` and pinned
 * `dependencies`), in the live model in one transaction, then save through
 * the document context. Before an existing block is rewritten the user
 * sees a summary (unless not interactive); cancelling writes nothing.
 */
export async function exportPep723(
  target: IExportTarget,
  args: IExportArgs,
  trans: TranslationBundle
): Promise<IExportResult> {
  const prepared = await preparePep723(target, args, trans);
  const { result } = prepared;
  if (result.action !== 'created' && result.action !== 'updated') {
    return result;
  }
  prepared.apply();
  try {
    await target.context.save();
  } catch (error) {
    return {
      ...result,
      action: 'failed',
      problems: [
        ...result.problems,
        trans.__('The notebook could not be saved: %1', Private.reason(error))
      ]
    };
  }
  return result;
}

/**
 * What exporting a session's notebook needs: its context, the contents
 * manager, and the kernel's Python version once the probe knows it.
 */
export function exportTarget(
  session: INotebookSession,
  contents: Contents.IManager
): IExportTarget {
  const { kernel } = session;
  return {
    context: session.panel.context,
    contents,
    python:
      kernel.state === 'ready'
        ? (kernel.environment?.python.version ?? null)
        : null
  };
}

/**
 * Say what an export did in a notification (nothing when cancelled); a
 * `pylock.toml` written with entries without a source is said as a
 * warning, its whole explanation behind a "Show Details" button.
 */
export function notifyExport(
  result: IExportResult,
  trans: TranslationBundle
): void {
  const name =
    result.format === 'pep723' ? trans.__('the PEP 723 cell') : result.path;
  switch (result.action) {
    case 'created':
    case 'updated':
      if (result.withoutSource?.length) {
        // Written, but not all a strict reader of the format expects: say
        // so in a line (notifications are cut at 140 characters), the
        // whole of it behind a button.
        const problems = result.problems;
        Notification.warning(
          trans._n(
            'Wrote %2: %1 entry has name and version only, no source PEP 751 accepts.',
            'Wrote %2: %1 entries have name and version only, no source PEP 751 accepts.',
            result.withoutSource.length,
            PathExt.basename(result.path)
          ),
          {
            autoClose: 12000,
            actions: [
              {
                label: trans.__('Show Details'),
                callback: () =>
                  void Private.showProblems(result.path, problems, trans)
              }
            ]
          }
        );
        break;
      }
      Notification.success(
        result.format === 'pep723'
          ? trans.__('Wrote the PEP 723 cell and saved the notebook.')
          : trans.__('Wrote %1.', result.path),
        { autoClose: 5000 }
      );
      break;
    case 'unchanged':
      Notification.info(trans.__('%1 is up to date.', name), {
        autoClose: 4000
      });
      break;
    case 'refused':
    case 'failed':
      Notification.warning(result.problems.join(' '), { autoClose: 8000 });
      break;
  }
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * Write a file beside the notebook from a plan of its new text: read
   * the file there now, plan, and unless nothing changes, ask before
   * overwriting (when interactive) and write it through the contents
   * manager.
   *
   * @param plan - the plan from the existing text (`null`: no file), or
   *   `null` when there is nothing to write (then `refused`, saying why).
   */
  export async function writeBeside(
    target: IExportTarget,
    format: IExportResult['format'],
    fileName: string,
    plan: (existing: string | null) => {
      text: string;
      changed: boolean;
      overwrites: boolean;
      summary: string[];
      problems?: string[];
    } | null,
    nothing: string,
    args: IExportArgs,
    trans: TranslationBundle
  ): Promise<IExportResult> {
    const { context, contents } = target;
    const path = PathExt.join(PathExt.dirname(context.path), fileName);
    const result = (
      action: ExportAction,
      summary: string[],
      problems: string[]
    ): IExportResult => ({ format, path, action, summary, problems });
    if (plan(null) === null) {
      return result('refused', [], [nothing]);
    }
    let existing: string | null;
    try {
      existing = await readText(contents, path);
    } catch (error) {
      return result(
        'refused',
        [],
        [
          trans.__(
            '%1 exists but cannot be read, so it was left alone: %2',
            path,
            reason(error)
          )
        ]
      );
    }
    const planned = plan(existing)!;
    const problems = planned.problems ?? [];
    if (!planned.changed) {
      return result('unchanged', planned.summary, problems);
    }
    if (planned.overwrites && args.interactive !== false) {
      const accepted = await confirm(
        trans.__('Update %1?', fileName),
        planned.summary,
        problems,
        trans
      );
      if (!accepted) {
        return result('cancelled', planned.summary, problems);
      }
    }
    try {
      await contents.save(path, {
        type: 'file',
        format: 'text',
        content: planned.text
      });
    } catch (error) {
      return result('failed', planned.summary, [
        ...problems,
        trans.__('%1 could not be written: %2', path, reason(error))
      ]);
    }
    return result(
      existing === null ? 'created' : 'updated',
      planned.summary,
      problems
    );
  }

  /**
   * The warning before replacing a `requirements.txt` another notebook
   * wrote, in the user's language.
   */
  export function otherNotebookText(
    trans: TranslationBundle,
    other: { id: string | null; notebook: string | null }
  ): string {
    const named =
      other.id === null
        ? (other.notebook ?? '')
        : other.notebook === null
          ? other.id
          : trans.__('%1 (%2)', other.id, other.notebook);
    return trans.__(
      "The existing requirements.txt was written for another notebook, %1: this replaces its packages with this notebook's.",
      named
    );
  }

  /**
   * What a lock file's plan warns about, in the user's language: the
   * `pylock.toml` entries without a source.
   *
   * @param total - how many packages the snapshot lists.
   */
  export function lockProblems(
    plan: ILockExport,
    total: number,
    trans: TranslationBundle
  ): string[] {
    const names = plan.withoutSource;
    if (names.length === 0) {
      return [];
    }
    return [
      trans._n(
        '%1 of %2 entries of pylock.toml has name and version only, no file URL with a hash: an installed environment does not keep them for a package installed from an index, and PEP 751 asks for them, so installers that follow it strictly refuse this entry (requirements.lock.txt pins the same versions). Without a source: %3',
        '%1 of %2 entries of pylock.toml have name and version only, no file URL with a hash: an installed environment does not keep them for a package installed from an index, and PEP 751 asks for them, so installers that follow it strictly refuse these entries (requirements.lock.txt pins the same versions). Without a source: %3',
        names.length,
        total,
        listText(
          trans,
          names.map(name => cut(name, 80)),
          MAX_NAMED
        )
      )
    ];
  }

  /**
   * Most package names a warning lists.
   */
  const MAX_NAMED = 12;

  export function noPackages(trans: TranslationBundle): string {
    return trans.__(
      'The notebook stores no package versions (nbproject "pypackage"); publish it first.'
    );
  }

  /**
   * A file's text, or `null` when there is no such file.
   */
  export async function readText(
    contents: Contents.IManager,
    path: string
  ): Promise<string | null> {
    try {
      const model = await contents.get(path, {
        type: 'file',
        format: 'text',
        content: true
      });
      if (typeof model.content !== 'string') {
        throw new Error('not a text file');
      }
      return model.content;
    } catch (error) {
      if (
        error instanceof ServerConnection.ResponseError &&
        error.response.status === 404
      ) {
        return null;
      }
      throw error;
    }
  }

  export function reason(error: unknown): string {
    return error instanceof Error && error.message
      ? error.message
      : String(error);
  }

  /**
   * Show sentences about a file written, as text.
   */
  export async function showProblems(
    title: string,
    problems: string[],
    trans: TranslationBundle
  ): Promise<void> {
    const body = new Widget();
    body.addClass('jp-nbproject-export-problems');
    for (const problem of problems) {
      const paragraph = document.createElement('p');
      paragraph.textContent = problem;
      body.node.appendChild(paragraph);
    }
    await showDialog({
      title,
      body,
      buttons: [Dialog.okButton({ label: trans.__('Close') })]
    });
  }

  /**
   * Show what would change, as text, and ask before overwriting.
   */
  export async function confirm(
    title: string,
    summary: string[],
    problems: string[],
    trans: TranslationBundle
  ): Promise<boolean> {
    const body = new Widget();
    body.addClass('jp-nbproject-export-summary');
    const pre = document.createElement('pre');
    pre.textContent = summary.join('\n');
    body.node.appendChild(pre);
    if (problems.length > 0) {
      const list = document.createElement('ul');
      for (const problem of problems.slice(0, 20)) {
        const item = document.createElement('li');
        item.textContent = problem;
        list.appendChild(item);
      }
      body.node.appendChild(list);
    }
    const answer = await showDialog({
      title,
      body,
      buttons: [
        Dialog.cancelButton({ label: trans.__('Cancel') }),
        Dialog.okButton({ label: trans.__('Update') })
      ]
    });
    return answer.button.accept;
  }
}
