// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { PathExt } from '@jupyterlab/coreutils';
import { DocumentRegistry } from '@jupyterlab/docregistry';
import { INotebookModel } from '@jupyterlab/notebook';
import { Contents } from '@jupyterlab/services';
import type { TranslationBundle } from '@jupyterlab/translation';
import { remixIssueText } from '../components/messages/remix';
import { planRemix, remixFileName } from '../core/nbproject/remixPlan';

/**
 * What the remix command resolves to.
 */
export interface IRemixResult {
  /**
   * The copy's path, or `null` when nothing was written.
   */
  path: string | null;
  /**
   * The copy's nbproject id.
   */
  id: string | null;
  /**
   * The source's id, the copy's parent.
   */
  parent: string | null;
  /**
   * Sentences about what could not be carried over, or why nothing was
   * written.
   */
  problems: string[];
}

/**
 * Save a remix of a notebook beside it: the live model's content (unsaved
 * edits included, the file on disk untouched) with a new id, version "1",
 * a new creation time and the source as parent, written through the
 * contents manager under a free name (`analysis-remix.ipynb`, …).
 *
 * @param trans - words the problems in the user's language.
 */
export async function remixNotebook(
  context: DocumentRegistry.IContext<INotebookModel>,
  contents: Contents.IManager,
  trans: TranslationBundle
): Promise<IRemixResult> {
  const content = context.model.toJSON() as unknown as Record<string, unknown>;
  const plan = planRemix(content.metadata);
  const failed = (error: unknown): IRemixResult => ({
    path: null,
    id: null,
    parent: plan.parent,
    problems: [Private.reason(error)]
  });
  const directory = PathExt.dirname(context.path);
  let names: string[] = [];
  try {
    const listing = await contents.get(directory, {
      content: true,
      type: 'directory'
    });
    names = Array.isArray(listing.content)
      ? (listing.content as Contents.IModel[]).map(item => item.name)
      : [];
  } catch (error) {
    return failed(error);
  }
  const path = remixFileName(context.path, names);
  try {
    await contents.save(path, {
      type: 'notebook',
      format: 'json',
      content: { ...content, metadata: plan.metadata }
    });
  } catch (error) {
    return failed(error);
  }
  return {
    path,
    id: plan.id,
    parent: plan.parent,
    problems: plan.problems.map(problem => remixIssueText(trans, problem))
  };
}

/**
 * Module internals.
 */
namespace Private {
  export function reason(error: unknown): string {
    return error instanceof Error && error.message
      ? error.message
      : String(error);
  }
}
