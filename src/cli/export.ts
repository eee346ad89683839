// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import {
  importedDistributions,
  normalizeDistribution
} from '../core/packages/distributions';
import { generateId } from '../core/nbproject/ids';
import { NBPROJECT_KEY, readNbproject } from '../core/nbproject/metadata';
import { isJSONObject } from '../core/common/json';
import {
  describePep723Plan,
  planPep723Export,
  planRequirementsExport
} from '../core/packages/exportPlan';
import { IPep723Plan } from '../core/packages/pep723';
import { checkNotebookFor, readNotebookText } from './check';
import { EXTENSION_KEY } from '../core/extension/metadata';
import { readEnvironmentSnapshot } from '../core/packages/environment';
import { LOCK_FILES, LOCK_KINDS, planLockExport } from '../core/packages/locks';
import { metadataIssueText, snapshotIssueText } from './words';

/**
 * What `nbproject-lab export` can write.
 */
export const EXPORT_FORMATS = ['requirements', 'pep723'] as const;

/**
 * One export format.
 */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * What exporting one notebook produced.
 */
export interface IExport {
  /**
   * The new text of the target file: `requirements.txt`, or the notebook.
   */
  text: string;
  /**
   * Whether it differs from what the target holds now.
   */
  changed: boolean;
  /**
   * Lines for a person saying what changes (`+ numpy==1.26.4`, …).
   */
  summary: string[];
  /**
   * Sentences to warn about: packages left out or unpinned, imported but
   * not stored, lines of an existing file not kept.
   */
  problems: string[];
}

/**
 * Export a notebook's stored packages (nbproject's `pypackage`) as a
 * `requirements.txt` or as its PEP 723 cell.
 *
 * @param format - what to write.
 * @param text - the notebook file's text.
 * @param name - the notebook's file name, for the requirements' header.
 * @param existing - for `requirements`, the text of the `requirements.txt`
 *   beside the notebook, or `null` when there is none; its pip options
 *   (`--index-url …`) are kept.
 * @returns the export, or a sentence saying why the notebook cannot be
 *   exported: `unreadable` when the file is not a notebook, `empty` when it
 *   stores no package versions.
 */
export function exportNotebookText(
  format: ExportFormat,
  text: string,
  name: string,
  existing: string | null
): { export: IExport } | { unreadable: string } | { empty: string } {
  const read = readNotebookText(text);
  if ('unreadable' in read) {
    return read;
  }
  const { json: notebook, cells, metadata } = read.notebook;
  const nbprojectRead = readNbproject(metadata[NBPROJECT_KEY]);
  const nbproject = nbprojectRead.metadata;
  const stored = nbproject?.pypackage ?? null;
  const invalid = nbprojectRead.problems.find(
    problem =>
      problem.code === 'metadata.packagesNotObject' ||
      problem.code === 'metadata.notObject'
  );
  if (stored === null && invalid !== undefined) {
    return {
      empty: `its nbproject metadata is not valid: ${metadataIssueText(invalid)}`
    };
  }
  if (stored === null) {
    return {
      empty:
        'stores no package versions (nbproject\'s "pypackage"); publish it first'
    };
  }
  const problems: string[] = [];
  const storedKeys = new Set(Object.keys(stored).map(normalizeDistribution));
  // Only the imports: no other analysis of the code.
  const { imports } = checkNotebookFor(read.notebook, {
    imports: true,
    hiddenState: false
  });
  const unstored = importedDistributions(
    imports!.modules.map(module => module.name)
  ).filter(
    distribution => !storedKeys.has(normalizeDistribution(distribution))
  );
  if (unstored.length > 0) {
    problems.push(
      `Imported but not stored, so not exported: ${unstored.join(', ')}.`
    );
  }

  if (format === 'requirements') {
    const plan = planRequirementsExport(
      stored,
      {
        id: nbproject?.id ?? null,
        version: nbproject?.version ?? null,
        notebook: name
      },
      existing
    );
    problems.push(...plan.problems);
    const other = plan.otherNotebook;
    if (other) {
      const named =
        other.id === null
          ? other.notebook
          : `${other.id}${other.notebook === null ? '' : ` (${other.notebook})`}`;
      problems.push(
        `The existing requirements.txt was written for another notebook, ${named}: this replaces its packages with this notebook's.`
      );
    }
    return {
      export: {
        text: plan.text,
        changed: plan.changed,
        summary: plan.summary,
        problems
      }
    };
  }

  const plan = planPep723Export({
    cells,
    nbproject: metadata[NBPROJECT_KEY],
    languageInfo: metadata.language_info,
    packages: stored
  });
  problems.push(...plan.problems);
  if (plan.action === 'unchanged') {
    return {
      export: {
        text,
        changed: false,
        summary: describePep723Plan(plan),
        problems
      }
    };
  }
  Private.apply(notebook, plan);
  const indent =
    /^\{\r?\n( +)"/.exec(text.replace(/^\uFEFF/, ''))?.[1].length ?? 1;
  return {
    export: {
      text: `${JSON.stringify(notebook, null, indent)}\n`,
      changed: true,
      summary: describePep723Plan(plan),
      problems
    }
  };
}

/**
 * The lock files of the environment snapshot a notebook stores (see
 * `planLockExport`): `pylock.toml`, `requirements.lock.txt` and, for a
 * conda environment, `environment.yml`.
 *
 * @param text - the notebook file's text.
 * @param name - the notebook's file name, for the files' header.
 * @param existing - the text of a lock file beside the notebook, by file
 *   name, or `null` when there is none.
 * @returns each file's export, or why there is none: `unreadable` when
 *   the file is not a notebook, `empty` when it stores no snapshot.
 */
export function exportLocksText(
  text: string,
  name: string,
  existing: (file: string) => string | null
):
  | { files: { name: string; export: IExport }[] }
  | { unreadable: string }
  | { empty: string } {
  const read = readNotebookText(text);
  if ('unreadable' in read) {
    return read;
  }
  const snapshot = readEnvironmentSnapshot(
    read.notebook.metadata[EXTENSION_KEY]
  );
  if (!snapshot.snapshot) {
    return {
      empty:
        'stores no environment snapshot; publish it in JupyterLab with a running kernel first'
    };
  }
  const problems = snapshot.problems.map(snapshotIssueText);
  const files: { name: string; export: IExport }[] = [];
  for (const kind of LOCK_KINDS) {
    const file = LOCK_FILES[kind];
    const plan = planLockExport(kind, snapshot, name, null);
    if (plan === null) {
      continue;
    }
    const planned = planLockExport(kind, snapshot, name, existing(file))!;
    files.push({
      name: file,
      export: {
        text: planned.text,
        changed: planned.changed,
        summary: planned.summary,
        problems: files.length === 0 ? problems : []
      }
    });
  }
  return { files };
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * Write the plan into the notebook's JSON, with the source as a list of
   * lines and the keys in the order nbformat writes them.
   */
  export function apply(
    notebook: Record<string, unknown> & { cells: unknown[] },
    plan: IPep723Plan
  ): void {
    const source = lines(plan.source);
    if (plan.action === 'replace') {
      // Keep the form the file uses: one string, or a list of lines.
      const cell = notebook.cells[plan.index] as Record<string, unknown>;
      cell.source = typeof cell.source === 'string' ? plan.source : source;
      return;
    }
    if (plan.cell === null) {
      return;
    }
    const minor = notebook.nbformat_minor;
    const ids = new Set(
      notebook.cells
        .map(cell => (isJSONObject(cell) ? cell.id : undefined))
        .filter(id => typeof id === 'string')
    );
    let id: string | undefined;
    if (typeof minor === 'number' && minor >= 5) {
      do {
        id = generateId();
      } while (ids.has(id));
    }
    const { cell_type, execution_count, metadata, outputs } = plan.cell;
    notebook.cells.splice(plan.index, 0, {
      cell_type,
      execution_count,
      ...(id === undefined ? {} : { id }),
      metadata,
      outputs,
      source
    });
  }

  /**
   * A source as nbformat stores it: lines that keep their newline.
   */
  function lines(source: string): string[] {
    return source === '' ? [] : (source.match(/[^\n]*\n|[^\n]+$/g) ?? []);
  }
}
