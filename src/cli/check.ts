// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import * as path from 'path';
import {
  consecutivenessReport,
  IConsecutivenessReport
} from '../core/execution/consecutiveness';
import {
  hiddenState,
  ICellReading,
  IHiddenStateReport
} from '../core/execution/hiddenState';
import { INotebookImports, notebookImports } from '../core/python/imports';
import { PythonTrees } from '../core/python/trees';
import type { PythonParser } from '../core/python/parser';
import type { Input, PartialParse, Tree, TreeFragment } from '@lezer/common';
import { SCAN_LIMITS } from '../core/common/scanLimits';
import {
  INbprojectRead,
  NBPROJECT_KEY,
  readNbproject,
  serializeNbproject
} from '../core/nbproject/metadata';
import { ICellLike, joinSource } from '../core/notebook/cells';
import { isJSONObject } from '../core/common/json';
import { withoutPep723Cell } from '../core/packages/pep723';
import { getTitle } from '../core/nbproject/title';
import { metadataIssueText, missingPackageText } from './words';
import { withoutCredentials } from './findings';
import { jsonErrorOffset } from './jsonError';
import { lineAt, lineStarts } from '../core/common/lines';

/**
 * The analyses of a notebook's code that a run asks for: each reads the
 * cells as Python, which takes most of a check's time, so a run asks only
 * for those its checks and its report read.
 */
export interface ICodeAnalyses {
  /**
   * Imported modules and install lines.
   */
  imports: boolean;
  /**
   * Hidden state.
   */
  hiddenState: boolean;
}

/**
 * Every analysis: what `check` reports when no check is required.
 */
export const ALL_ANALYSES: Readonly<ICodeAnalyses> = {
  imports: true,
  hiddenState: true
};

/**
 * What `nbproject-lab check` finds in one notebook.
 */
export interface INotebookCheck {
  /**
   * The title by nbproject's rule, or `null`.
   */
  title: string | null;
  /**
   * Consecutiveness: nbproject's verdict and the offending cells.
   */
  consecutiveness: IConsecutivenessReport;
  /**
   * Imported third-party modules and install lines, or `null` when not
   * asked for.
   */
  imports: INotebookImports | null;
  /**
   * The stored nbproject metadata.
   */
  metadata: INbprojectRead;
  /**
   * Hidden state found without running (no cell is known to be edited
   * since it ran: the file has no such record), or `null` when not asked
   * for.
   */
  hiddenState: IHiddenStateReport | null;
  /**
   * What the hidden-state analysis read in each code cell, at its
   * position in the cells (its findings' lines come from it), or `null`
   * when hidden state was not asked for.
   */
  readings: readonly (ICellReading | undefined)[] | null;
}

/**
 * A notebook's check with every analysis done.
 */
export interface IFullNotebookCheck extends INotebookCheck {
  imports: INotebookImports;
  hiddenState: IHiddenStateReport;
}

/**
 * An nbformat 4 notebook read from its file.
 */
export interface INotebookFile {
  /**
   * The file's JSON, as parsed: an object with a list of cells.
   */
  json: Record<string, unknown> & { cells: unknown[] };
  /**
   * The cells, one per stored cell, in order (a cell that is not an object
   * is a cell of no type).
   */
  cells: ICellLike[];
  /**
   * The notebook's metadata (empty when it is not an object).
   */
  metadata: Record<string, unknown>;
}

/**
 * Read an `.ipynb` file's text as an nbformat 4 notebook.
 *
 * @returns the notebook, or a sentence saying why the text is not a
 *   notebook this tool reads.
 */
export function readNotebookText(
  text: string
): { notebook: INotebookFile } | { unreadable: string; line?: number } {
  let notebook: unknown;
  // Editors on Windows may save a byte order mark, which JSON rejects.
  const json = text.replace(/^\uFEFF/, '');
  try {
    notebook = JSON.parse(json);
  } catch (error) {
    return json.trim() === ''
      ? { unreadable: 'an empty file, not a notebook' }
      : Private.notJson(json, error);
  }
  if (!isJSONObject(notebook) || !('nbformat' in notebook)) {
    return { unreadable: 'not a notebook (no "nbformat" version)' };
  }
  if (notebook.nbformat !== 4) {
    return {
      unreadable: `unsupported nbformat ${JSON.stringify(notebook.nbformat)} (nbproject-lab reads nbformat 4)`
    };
  }
  if (!Array.isArray(notebook.cells)) {
    return { unreadable: 'not a notebook (no list of "cells")' };
  }
  // Keep positions stable: a cell that is not an object is a cell of no
  // type. The others are read as they are, not copied (one without a
  // `cell_type` reads as `undefined`, a cell of no type too).
  const cells: ICellLike[] = notebook.cells.map(cell =>
    isJSONObject(cell) ? (cell as unknown as ICellLike) : { cell_type: null }
  );
  return {
    notebook: {
      json: notebook as INotebookFile['json'],
      cells,
      metadata: isJSONObject(notebook.metadata) ? notebook.metadata : {}
    }
  };
}

/**
 * Join each cell's source list into one string, in place, for a notebook
 * that is only checked, never written back: every analysis and check
 * joins a cell's source (nbformat's lines are one string to them), and
 * joined once, one string is read by all of them.
 *
 * @param notebook - as {@link readNotebookText} reads it.
 */
export function joinCellSources(notebook: INotebookFile): void {
  for (const cell of notebook.cells) {
    if (Array.isArray(cell.source)) {
      cell.source = joinSource(cell.source);
    }
  }
}

/**
 * Check a notebook by nbproject's rules, with every analysis.
 *
 * @param notebook - as {@link readNotebookText} reads it.
 * @param trees - the trees of its cells, to share with other analyses of
 *   the same notebook (each cell is parsed once for all of them).
 */
export function checkNotebook(
  notebook: INotebookFile,
  trees: PythonTrees = new PythonTrees(pythonParser())
): IFullNotebookCheck {
  return checkNotebookFor(notebook, ALL_ANALYSES, trees) as IFullNotebookCheck;
}

/**
 * Check a notebook by nbproject's rules, with the analyses of its code
 * asked for (those not asked for are `null`).
 *
 * @param notebook - as {@link readNotebookText} reads it.
 * @param analyses - which analyses of its code to run.
 * @param trees - the trees of its cells, when other analyses of the same
 *   notebook parse them too; without it, each analysis parses what it
 *   needs (the imports only up to a cell's last import line).
 * @param imports - its imports, when already found from the same cells
 *   (`undefined`: found here when asked for).
 */
export function checkNotebookFor(
  notebook: INotebookFile,
  analyses: Readonly<ICodeAnalyses>,
  trees?: PythonTrees,
  imports?: INotebookImports | null
): INotebookCheck {
  const { cells } = notebook;
  // The PEP 723 cell (juv's `# /// script`) is exempt from both rules.
  const rules = withoutPep723Cell(cells);
  const readings: ICellReading[] | null = analyses.hiddenState ? [] : null;
  return {
    title: getTitle(cells),
    consecutiveness: consecutivenessReport(rules),
    imports: !analyses.imports
      ? null
      : (imports ?? notebookImports(rules, pythonParser(), SCAN_LIMITS, trees)),
    metadata: readNbproject(notebook.metadata[NBPROJECT_KEY]),
    hiddenState: readings
      ? hiddenState(cells, pythonParser(), { trees, readings })
      : null,
    readings
  };
}

/**
 * Read an `.ipynb` file's text as an nbformat 4 notebook and check it
 * with every analysis.
 *
 * @returns the findings, or a sentence saying why the text is not a
 *   notebook this tool reads.
 */
export function checkNotebookText(
  text: string
): { check: IFullNotebookCheck } | { unreadable: string } {
  const read = readNotebookText(text);
  return 'unreadable' in read ? read : { check: checkNotebook(read.notebook) };
}

/**
 * `@lezer/python`'s parser, loaded when a cell is first parsed: a run
 * whose checks read no code, or whose cells the fast scans answer, does
 * not load it.
 */
export function pythonParser(): PythonParser {
  return Private.LAZY_PARSER;
}

/**
 * What to say when `@lezer/python`, which the parser loads on first use,
 * is not installed (a clone without `npm install`): said before any
 * notebook is read rather than at the first cell the fast scans leave to
 * the parser, which may come after some notebooks were reported. `null`
 * when it is there. Only the package is looked for, not loaded (that
 * waits for the first parse): an install missing one of its own
 * dependencies still fails there, as bin/nbproject-lab.js says.
 */
export function parserMissing(): { what: string; why: string } | null {
  try {
    require.resolve('@lezer/python');
    return null;
  } catch {
    return missingPackageText(
      '@lezer/python',
      path.resolve(__dirname, '..', '..')
    );
  }
}

/**
 * The JSON record `--json` prints for a notebook: `modules` and
 * `installs` when the imports were analysed, `hiddenState` when hidden
 * state was.
 *
 * @param file - the path as the user gave it.
 */
export function toJSONRecord(file: string, check: INotebookCheck): object {
  const { consecutiveness, imports, metadata } = check;
  return {
    file,
    title: check.title,
    consecutive: consecutiveness.consecutive,
    violations: consecutiveness.violations,
    cells: consecutiveness.cells.map(({ index, id, reason }) => ({
      index,
      id,
      reason
    })),
    ...(imports === null
      ? {}
      : {
          modules: imports.modules.map(module => module.name),
          installs: imports.installs.map(install =>
            withoutCredentials(install.line)
          )
        }),
    metadata: {
      present: metadata.present,
      valid: metadata.valid,
      problems: metadata.problems.map(metadataIssueText),
      issues: metadata.problems,
      nbproject: metadata.metadata
        ? serializeNbproject(metadata.metadata)
        : null
    },
    ...(check.hiddenState === null ? {} : { hiddenState: check.hiddenState })
  };
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * The parser, once loaded.
   */
  let loaded: PythonParser | null = null;

  /**
   * `@lezer/python`'s parser (JupyterLab passes CodeMirror's copy),
   * required on first use, then kept: it holds no state between parses.
   */
  function parser(): PythonParser {
    if (loaded === null) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const lezer = require('@lezer/python') as typeof import('@lezer/python');
      loaded = lezer.parser;
    }
    return loaded;
  }

  /**
   * A parser that is `@lezer/python`'s once asked to parse: every method
   * is the loaded parser's own.
   */
  class LazyParser implements PythonParser {
    createParse(
      input: Input,
      fragments: readonly TreeFragment[],
      ranges: readonly { from: number; to: number }[]
    ): PartialParse {
      return parser().createParse(input, fragments, ranges);
    }

    startParse(
      input: Input | string,
      fragments?: readonly TreeFragment[],
      ranges?: readonly { from: number; to: number }[]
    ): PartialParse {
      return parser().startParse(input, fragments, ranges);
    }

    parse(
      input: Input | string,
      fragments?: readonly TreeFragment[],
      ranges?: readonly { from: number; to: number }[]
    ): Tree {
      return parser().parse(input, fragments, ranges);
    }
  }

  export const LAZY_PARSER: PythonParser = new LazyParser();

  /**
   * Why a text is not JSON, and on which line: a merge left unresolved
   * (git's conflict markers, the usual way a notebook in a repository
   * stops being JSON) is named as such; otherwise `JSON.parse`'s
   * complaint, with the line and column where the text stops being JSON
   * ({@link jsonErrorOffset}: the end of the file when it was cut short).
   * Nothing of the text is quoted.
   */
  export function notJson(
    json: string,
    error: unknown
  ): { unreadable: string; line?: number } {
    // `=======` alone may be a Markdown heading's underline.
    const conflict = /^(?:<{7}|>{7})(?:[ \t]|\r?$)/m.exec(json);
    if (conflict) {
      const { line } = lineAndColumn(json, conflict.index);
      return {
        unreadable: `git merge conflict markers at line ${line} (${conflict[0].slice(0, 7)}): resolve the merge, then check again`,
        line
      };
    }
    const why = parseError(error);
    const position = jsonErrorOffset(json);
    if (position === null) {
      return { unreadable: `not JSON (${why})` };
    }
    const { line, column } = lineAndColumn(json, position);
    // Node's words, without the position some of its versions put in them.
    const what = why
      .replace(/\s+at position \d+(?:\s*\(line \d+ column \d+\))?$/, '')
      .replace(/ in JSON$/, '');
    return {
      unreadable: `not JSON at line ${line}, column ${column} (${what})`,
      line
    };
  }

  /**
   * The line and column (from 1) of a position in a text.
   */
  function lineAndColumn(
    text: string,
    position: number
  ): { line: number; column: number } {
    const starts = lineStarts(text);
    const index = lineAt(starts, position);
    return { line: index + 1, column: position - starts[index] + 1 };
  }

  /**
   * `JSON.parse`'s complaint without the excerpt of the text Node puts in
   * it (`Unexpected token 'G', "GITHUB_TOK"... is not valid JSON`): the
   * file may be anything a link points at, a CI job's secrets among them.
   */
  export function parseError(error: unknown): string {
    const message = String((error as Error)?.message ?? error);
    return (
      message
        .replace(/,\s*(?:\.\.\.)?"[^]*$/, '')
        .replace(
          /^Unexpected token (?:'[^]*?'|\S+)(?= in JSON|$)/,
          'Unexpected token'
        )
        .trim() || 'cannot be parsed'
    );
  }
}
