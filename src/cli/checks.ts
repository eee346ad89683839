// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { createHash } from 'crypto';
import {
  findSecrets,
  ICellWithOutputs,
  unscannedLines
} from '../core/hygiene/secrets';
import { findAbsolutePaths } from '../core/hygiene/absolutePaths';
import { ICellLike, joinSource } from '../core/notebook/cells';
import {
  moduleToDistributions,
  normalizeDistribution
} from '../core/packages/distributions';
import { comparePackages } from '../core/packages/compare';
import { readDeclared } from '../core/packages/declaredDependencies';
import { declaredDisagreements } from '../core/packages/agreement';
import type { ILiveEnvironment } from '../core/kernel/probeRequest';
import type { ICodeAnalyses, INotebookCheck, INotebookFile } from './check';
import type { IDataReport } from './data';
import {
  FindingIssue,
  firstUnscannedOutput,
  IFinding,
  Severity,
  withoutCredentials
} from './findings';
import { HIDDEN_STATE_PROBLEMS } from '../core/execution/hiddenState';
import {
  longLines,
  MAX_NESTING,
  SCAN_LIMITS,
  UnparsedReason
} from '../core/common/scanLimits';
import type { INotebookImports } from '../core/python/imports';
import { scanImports } from '../core/python/importScan';
import { dependencyLines, nameLines } from './positions';

/**
 * What a check reads: the notebook and what `check` already found in it,
 * and what the run learned beside it.
 */
export interface ICheckContext {
  /**
   * The notebook as read.
   */
  notebook: INotebookFile;
  /**
   * Title, consecutiveness, imports and metadata.
   */
  check: INotebookCheck;
  /**
   * The notebook's folder, absolute (for relative path suggestions).
   */
  directory: string;
  /**
   * PEP 503 names of packages the repository ignores.
   */
  ignored: ReadonlySet<string>;
  /**
   * Whether a module the notebook imports is one of its own folder
   * (`helpers.py` beside it), not a third-party package.
   */
  isLocal?: (name: string) => boolean;
  /**
   * What `--python` reported, or `null` without it.
   */
  live: ILiveEnvironment | null;
  /**
   * The data files' verification, or `null` when `data` is not checked.
   */
  data: IDataReport | null;
  /**
   * Where the notebook's imports are, found while its JSON is at hand
   * ({@link importPlaces}), for the checks that run once `--python`
   * answered; when absent, they are found from `notebook`.
   */
  places?: IImportPlaces;
  /**
   * Whether findings in cells without an id carry their source's hash
   * ({@link IFinding.sourceHash}): only the SARIF fingerprints read it.
   */
  fingerprints?: boolean;
}

/**
 * Where a notebook's code imports its modules, and the code cells not
 * read for imports.
 */
export interface IImportPlaces {
  /**
   * The line, from 1, of the first import of each imported module in the
   * first cell importing it, by module name (a module whose line is not
   * found is left out).
   */
  lines: ReadonlyMap<string, number>;
  /**
   * The code cells not read for imports, in notebook order.
   */
  unread: readonly {
    cell: number;
    cellId: string | null;
    reason: UnparsedReason;
  }[];
  /**
   * The source hash ({@link IFinding.sourceHash}) of each of those cells
   * and of the first cell importing each module, for those without an id
   * (empty when the findings need no fingerprints).
   */
  sourceHashes: ReadonlyMap<number, string>;
}

/**
 * A check a user can require, by name: one entry of {@link CHECK_TABLE}.
 */
export interface ICheckDefinition {
  /**
   * The name on the command line and in reports (`secrets`).
   */
  name: string;
  /**
   * One line on what passes (usage, SARIF rule's short description).
   */
  summary: string;
  /**
   * What to do about a finding (SARIF rule's help).
   */
  help: string;
  /**
   * What else the check reads: `python`, an interpreter (`--python`);
   * `data`, the data files (read as streams, so the run is async).
   */
  needs?: 'python' | 'data';
  /**
   * Whether it reads what `--python` reported: with `--python`, it runs
   * once the interpreter answered, on the common findings alone (the
   * notebook's JSON is gone by then).
   */
  live?: boolean;
  /**
   * The analyses of the notebook's code the check reads (each parses
   * cells): a run does only those its checks read.
   */
  reads?: readonly (keyof ICodeAnalyses)[];
  /**
   * Whether it reads where the imports are ({@link IImportPlaces}).
   */
  places?: boolean;
  /**
   * The inline allow marker: a finding in a cell tagged
   * `nbproject-lab: <allow>` (or `nbproject-lab:<allow>`), or on a source
   * line whose comment says it, is dropped.
   */
  allow?: string;
  /**
   * The findings, without `check` (the runner adds it) and with `error`
   * severity unless said.
   */
  run(context: ICheckContext): IRawFinding[];
}

/**
 * A finding as a check returns it.
 */
export type IRawFinding = Omit<
  IFinding,
  'check' | 'severity' | 'sourceHash'
> & {
  severity?: Severity;
};

/**
 * Every check, in the order reports list them. A new check is one entry.
 */
export const CHECK_TABLE: readonly ICheckDefinition[] = [
  {
    name: 'consecutive',
    summary: 'code cells ran once each, in order, from 1',
    help: 'Restart the kernel and run all cells, then save.',
    run: ({ check }) =>
      check.consecutiveness.cells.map(cell => ({
        cell: cell.index,
        cellId: cell.id,
        line: null,
        issue: { code: 'consecutive.cell', params: { issue: cell.issue } }
      }))
  },
  {
    name: 'title',
    summary: 'a Markdown cell has a "# " title',
    help: 'Start the notebook with a Markdown cell holding a "# Title" line.',
    run: ({ check }) =>
      check.title === null
        ? [Private.notebookWide({ code: 'title.missing' })]
        : []
  },
  {
    name: 'metadata',
    summary: 'nbproject metadata is there and valid',
    help: 'Initialize the notebook with nbproject (the header\'s "Initialize" button), or fix the field named.',
    run: ({ check: { metadata } }) => {
      if (!metadata.present) {
        return [Private.notebookWide({ code: 'metadata.missing' })];
      }
      return metadata.valid
        ? []
        : metadata.problems.map(issue =>
            Private.notebookWide({
              code: 'metadata.problem',
              params: { issue }
            })
          );
    }
  },
  {
    name: 'hidden-state',
    summary: 'no cell uses a name that no cell above defines',
    help: 'Define the name in a cell above its first use (a deleted cell may have defined it), then restart and run all. Cells using exec, globals() or import * are "not sure" and pass.',
    reads: ['hiddenState'],
    run: ({ check }) => {
      // Loops, not flatMap: a notebook may have thousands of these.
      const found: IRawFinding[] = [];
      for (const cell of Private.analysed(check.hiddenState, 'hidden state')
        .cells) {
        // Each finding on the line where its cell first reads the name.
        const lines = nameLines(check.readings?.[cell.index], cell.issues);
        for (const issue of cell.issues) {
          if (HIDDEN_STATE_PROBLEMS.has(issue.code)) {
            found.push({
              cell: cell.index,
              cellId: cell.id,
              line:
                'name' in issue.params
                  ? (lines.get(issue.params.name) ?? null)
                  : null,
              issue: { code: 'hidden-state.cell', params: { issue } }
            });
          }
        }
      }
      return found;
    }
  },
  {
    name: 'secrets',
    summary: 'no credential in a cell or an output',
    help: 'Read the credential from the environment, clear the output, and revoke it: it is in the history. A false alarm: tag the cell "nbproject-lab: allow-secret", or end the line with "# nbproject-lab: allow-secret".',
    allow: 'allow-secret',
    run: ({ notebook }) =>
      Private.byCell(
        findSecrets(notebook.cells as ICellWithOutputs[]).map(finding => ({
          cell: finding.cell,
          cellId: Private.cellId(notebook, finding.cell),
          line: finding.where === 'source' ? finding.line : null,
          issue: {
            code: 'secrets.found',
            params: {
              kind: finding.kind,
              excerpt: finding.excerpt,
              output: finding.where === 'output' ? (finding.output ?? 0) : null,
              outputLine: finding.where === 'output' ? finding.line : null,
              advice: finding.advice
            }
          }
        })),
        Private.unscannedForSecrets(notebook)
      )
  },
  {
    name: 'paths',
    summary: 'no absolute path into a home directory',
    help: 'Write a path relative to the notebook, or read the location from an environment variable. Intended: tag the cell "nbproject-lab: allow-path", or end the line with "# nbproject-lab: allow-path".',
    allow: 'allow-path',
    run: ({ notebook, directory }) =>
      Private.byCell(
        findAbsolutePaths(notebook.cells, directory).map(finding => ({
          cell: finding.cell,
          cellId: Private.cellId(notebook, finding.cell),
          line: finding.line,
          issue: {
            code: 'paths.home',
            params: {
              path: finding.path,
              user: finding.user,
              advice: finding.advice
            }
          }
        })),
        Private.unscannedForPaths(notebook)
      )
  },
  {
    name: 'installs',
    summary: 'no package installed at run time (%pip install)',
    help: 'Record the packages (nbproject\'s pypackage, a PEP 723 cell) and install them before running, not from a cell. Intended: tag the cell "nbproject-lab: allow-install", or end the line with "# nbproject-lab: allow-install".',
    allow: 'allow-install',
    reads: ['imports'],
    run: ({ notebook, check }) =>
      Private.analysed(check.imports, 'imports').installs.map(install => ({
        cell: install.cell,
        cellId: install.cellId,
        line: Private.lineOf(notebook, install.cell, install.line),
        issue: {
          code: 'installs.line',
          params: { line: withoutCredentials(install.line) }
        }
      }))
  },
  {
    name: 'pinned',
    summary: 'every imported third-party package is stored with a version',
    help: 'Store the versions (the header\'s "Record live versions", or nbproject\'s notebook.save). Modules beside the notebook are not packages and are left out; list other local modules under ignore-packages in the configuration.',
    reads: ['imports'],
    places: true,
    live: true,
    run: context => Private.unpinned(context)
  },
  {
    name: 'match',
    summary: 'stored versions are the ones installed in --python',
    help: 'Install the stored versions in the environment, or record the installed ones.',
    needs: 'python',
    live: true,
    run: context => Private.mismatched(context)
  },
  {
    name: 'declared',
    summary: 'PEP 723, uv.lock and requirements metadata agree with pypackage',
    help: 'Make the declared dependencies and the stored versions the same (export the stored versions with "nbproject-lab export --pep723 --write").',
    run: ({ notebook, check, ignored }) => {
      const found = declaredDisagreements(
        readDeclared(notebook.cells, notebook.metadata),
        check.metadata.metadata?.pypackage ?? null,
        ignored
      );
      // Each finding of the PEP 723 cell on the line naming its package.
      const cell = found.find(params => params.cell !== null)?.cell ?? null;
      const lines =
        cell === null
          ? new Map<string, number>()
          : dependencyLines(
              joinSource(notebook.cells[cell]?.source),
              new Set(
                found
                  .filter(params => params.cell === cell)
                  .map(params => normalizeDistribution(params.name))
              )
            );
      return found.map(params => ({
        cell: params.cell,
        cellId:
          params.cell === null ? null : Private.cellId(notebook, params.cell),
        line:
          params.cell === null
            ? null
            : (lines.get(normalizeDistribution(params.name)) ?? null),
        issue: { code: 'declared.disagrees', params }
      }));
    }
  },
  {
    name: 'data',
    summary: 'recorded data files are there, unchanged',
    help: 'Restore the data file, or publish the notebook again to record the new one.',
    needs: 'data',
    run: ({ data }) =>
      (data?.files ?? [])
        .filter(file => file.status !== 'unchanged')
        .map(file =>
          Private.notebookWide(
            {
              code: `data.${file.status as 'changed' | 'missing' | 'new'}`,
              params: { path: file.path, unread: file.unread ?? null }
            } as FindingIssue,
            file.status === 'new' ? 'note' : undefined
          )
        )
  }
];

/**
 * The analyses of the code that checks read.
 *
 * @param checks - the checks to run.
 */
export function analysesRead(
  checks: readonly ICheckDefinition[]
): ICodeAnalyses {
  const reads = new Set(checks.flatMap(check => check.reads ?? []));
  return {
    imports: reads.has('imports'),
    hiddenState: reads.has('hiddenState')
  };
}

/**
 * Where a notebook's code imports its modules: the line of each module's
 * first import in the first cell importing it (each such cell read once,
 * line by line, up to the last line needed), and the cells not read for
 * imports.
 *
 * @param notebook - the notebook.
 * @param imports - what its imports analysis found, or `null`.
 */
export function importPlaces(
  notebook: INotebookFile,
  imports: INotebookImports | null,
  fingerprints = false
): IImportPlaces {
  const lines = new Map<string, number>();
  const byCell = new Map<number, Set<string>>();
  for (const module of imports?.modules ?? []) {
    const cell = module.cells[0];
    if (cell !== undefined) {
      const names = byCell.get(cell) ?? new Set<string>();
      names.add(module.name);
      byCell.set(cell, names);
    }
  }
  const sourceHashes = new Map<number, string>();
  const hashed = (cell: number) => {
    const hash = fingerprints ? Private.sourceHash(notebook, cell) : null;
    if (hash !== null) {
      sourceHashes.set(cell, hash);
    }
  };
  for (const [cell, names] of byCell) {
    Private.firstImportLines(
      joinSource(notebook.cells[cell]?.source),
      names,
      lines
    );
    hashed(cell);
  }
  const unread = (imports?.unparsed ?? []).map(({ cell, reason }) => {
    hashed(cell);
    return { cell, cellId: Private.cellId(notebook, cell), reason };
  });
  return { lines, unread, sourceHashes };
}

/**
 * {@link importPlaces} when one of the checks reads them and the imports
 * were analysed; otherwise `undefined`.
 *
 * @param checks - the checks run.
 * @param notebook - the notebook.
 * @param check - what `check` found in it.
 */
export function placesFor(
  checks: readonly ICheckDefinition[],
  notebook: INotebookFile,
  check: INotebookCheck,
  fingerprints = false
): IImportPlaces | undefined {
  return check.imports !== null && checks.some(c => c.places)
    ? importPlaces(notebook, check.imports, fingerprints)
    : undefined;
}

/**
 * The name that asks for every check.
 */
export const ALL_CHECKS = 'all';

/**
 * A check by name, or `undefined`.
 */
export function checkByName(name: string): ICheckDefinition | undefined {
  return CHECK_TABLE.find(check => check.name === name);
}

/**
 * Run checks on one notebook: their findings in table order, each
 * check's in notebook order, without those allowed inline.
 *
 * @param checks - the checks to run.
 * @param context - the notebook and what the run learned.
 */
export function runChecks(
  checks: readonly ICheckDefinition[],
  context: ICheckContext
): IFinding[] {
  const findings: IFinding[] = [];
  for (const check of checks) {
    for (const raw of check.run(context)) {
      if (check.allow && Private.allowed(context.notebook, raw, check.allow)) {
        continue;
      }
      // Built field by field: a spread of findings of many shapes is
      // slow, and a check may find thousands.
      findings.push({
        cell: raw.cell,
        cellId: raw.cellId,
        line: raw.line,
        sourceHash:
          raw.cell === null || raw.cellId !== null || !context.fingerprints
            ? null
            : Private.findingHash(context, raw.cell),
        issue: raw.issue,
        check: check.name,
        severity: raw.severity ?? 'error'
      });
    }
  }
  return findings;
}

/**
 * The checks that fail: those with an `error` finding.
 *
 * @param checks - the checks run.
 * @param findings - their findings.
 */
export function failedChecks(
  checks: readonly ICheckDefinition[],
  findings: readonly IFinding[]
): string[] {
  const failed = new Set(
    findings
      .filter(finding => finding.severity === 'error')
      .map(finding => finding.check)
  );
  return checks.map(check => check.name).filter(name => failed.has(name));
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * The prefix of an allow marker.
   */
  const MARKER = /nbproject-lab:\s*/g;

  export function notebookWide(
    issue: FindingIssue,
    severity?: Severity
  ): IRawFinding {
    return { cell: null, cellId: null, line: null, issue, severity };
  }

  /**
   * An analysis a check reads: its definition's `reads` names it, so a
   * run that lacks it is a bug, never a pass.
   */
  export function analysed<T>(found: T | null, what: string): T {
    if (found === null) {
      throw new Error(`the ${what} analysis was not run`);
    }
    return found;
  }

  export function cellId(notebook: INotebookFile, cell: number): string | null {
    const id = notebook.cells[cell]?.id;
    return typeof id === 'string' ? id : null;
  }

  /**
   * The source hashes of cells already hashed: each cell's source is
   * hashed once, whatever the number of its findings and checks.
   */
  const HASHES = new WeakMap<ICellLike, string>();

  /**
   * The source hash ({@link IFinding.sourceHash}) of a cell without an
   * id: the first 12 hex digits of the SHA-256 of its joined source;
   * `null` for a cell with an id, or none.
   */
  export function sourceHash(
    notebook: INotebookFile,
    index: number
  ): string | null {
    const cell = notebook.cells[index];
    if (cell === undefined || cellId(notebook, index) !== null) {
      return null;
    }
    let hash = HASHES.get(cell);
    if (hash === undefined) {
      hash = createHash('sha256')
        .update(joinSource(cell.source))
        .digest('hex')
        .slice(0, 12);
      HASHES.set(cell, hash);
    }
    return hash;
  }

  /**
   * The source hash of a finding's cell, which has no id: from where the
   * imports are when they were found before the notebook's JSON was let
   * go, else from the notebook.
   */
  export function findingHash(
    context: ICheckContext,
    cell: number
  ): string | null {
    return (
      context.places?.sourceHashes.get(cell) ??
      sourceHash(context.notebook, cell)
    );
  }

  /**
   * Findings of one check in notebook order: `found` and `notes`, each
   * in notebook order, merged by cell (a cell's findings before its
   * notes).
   */
  export function byCell(
    found: IRawFinding[],
    notes: IRawFinding[]
  ): IRawFinding[] {
    if (notes.length === 0) {
      return found;
    }
    const out: IRawFinding[] = [];
    let i = 0;
    for (const note of notes) {
      while (i < found.length && (found[i].cell ?? -1) <= (note.cell ?? -1)) {
        out.push(found[i++]);
      }
      out.push(note);
    }
    while (i < found.length) {
      out.push(found[i++]);
    }
    return out;
  }

  /**
   * A note per cell holding lines too long for the secret scan to read,
   * in its source or its outputs.
   */
  export function unscannedForSecrets(notebook: INotebookFile): IRawFinding[] {
    const notes: IRawFinding[] = [];
    const limit = SCAN_LIMITS.maxLineLength;
    notebook.cells.forEach((cell, index) => {
      const { count } = unscannedLines([cell as ICellWithOutputs]);
      if (count > 0) {
        // The source is read before the outputs: its first long line, if
        // any, is the cell's first.
        const { first } = longLines(joinSource(cell.source), limit);
        const found =
          first === null
            ? firstUnscannedOutput(cell as ICellWithOutputs)
            : null;
        notes.push({
          cell: index,
          cellId: cellId(notebook, index),
          line: first,
          issue: {
            code: 'secrets.unscanned',
            params: {
              count,
              first,
              limit,
              output: found?.output ?? null,
              outputLine: found?.line ?? null
            }
          },
          severity: 'note'
        });
      }
    });
    return notes;
  }

  /**
   * A note per code or Markdown cell whose source holds lines too long
   * for the path scan to read (it reads no outputs).
   */
  export function unscannedForPaths(notebook: INotebookFile): IRawFinding[] {
    const notes: IRawFinding[] = [];
    const limit = SCAN_LIMITS.maxLineLength;
    notebook.cells.forEach((cell, index) => {
      if (cell.cell_type !== 'code' && cell.cell_type !== 'markdown') {
        return;
      }
      const { count, first } = longLines(joinSource(cell.source), limit);
      if (count > 0) {
        notes.push({
          cell: index,
          cellId: cellId(notebook, index),
          line: first,
          issue: {
            code: 'paths.unscanned',
            params: { count, first, limit }
          },
          severity: 'note'
        });
      }
    });
    return notes;
  }

  /**
   * An import statement on one line, when the fast scan cannot read the
   * line alone: `from a.b import` names `a`, `import a.b as c, d` names
   * `a` and `d`.
   */
  const IMPORT_STATEMENT =
    /\bfrom\s+([A-Za-z_]\w*)[\w.]*\s+import\b|\bimport\s+([A-Za-z_][\w.]*(?:\s+as\s+\w+)?(?:\s*,\s*[A-Za-z_][\w.]*(?:\s+as\s+\w+)?)*)/g;

  /**
   * The top-level modules one line of code imports: the fast scan's, or,
   * when it is not sure of the line alone (a statement across lines,
   * `try: import x`, a magic), those of {@link IMPORT_STATEMENT}.
   */
  function importedOn(line: string): string[] {
    const scanned = scanImports(line.trim());
    if (scanned !== null) {
      return scanned;
    }
    const names: string[] = [];
    for (const match of line.matchAll(IMPORT_STATEMENT)) {
      if (match[1] !== undefined) {
        names.push(match[1]);
      } else {
        for (const part of match[2].split(',')) {
          names.push(part.trim().split(/[\s.]/)[0]);
        }
      }
    }
    return names;
  }

  /**
   * Add to `lines` the line, from 1, of the first line of `source` that
   * imports each of `modules`: one pass over the lines, each read only
   * when it spells `import`, stopping once every module has its line.
   */
  export function firstImportLines(
    source: string,
    modules: ReadonlySet<string>,
    lines: Map<string, number>
  ): void {
    let left = modules.size;
    let next = source.indexOf('import');
    for (let start = 0, line = 1; left > 0 && next >= 0; line++) {
      const newline = source.indexOf('\n', start);
      const end = newline < 0 ? source.length : newline;
      if (next < end) {
        for (const name of importedOn(source.slice(start, end))) {
          if (modules.has(name) && !lines.has(name)) {
            lines.set(name, line);
            left--;
          }
        }
        next = source.indexOf('import', end);
      }
      if (newline < 0) {
        break;
      }
      start = end + 1;
    }
  }

  /**
   * The source lines of a cell.
   */
  function sourceLines(notebook: INotebookFile, cell: number): string[] {
    return joinSource(notebook.cells[cell]?.source).split('\n');
  }

  /**
   * The line, from 1, of a cell's source that holds `text` (trimmed), or
   * `null`.
   */
  export function lineOf(
    notebook: INotebookFile,
    cell: number,
    text: string
  ): number | null {
    const index = sourceLines(notebook, cell).findIndex(
      line => line.trim() === text
    );
    return index < 0 ? null : index + 1;
  }

  /**
   * Whether a finding is allowed inline: its cell is tagged with the
   * marker, or its source line says it.
   */
  export function allowed(
    notebook: INotebookFile,
    finding: IRawFinding,
    allow: string
  ): boolean {
    if (finding.cell === null) {
      return false;
    }
    const metadata = notebook.cells[finding.cell]?.metadata;
    const tags = (metadata as { tags?: unknown } | undefined)?.tags;
    if (
      Array.isArray(tags) &&
      tags.some(
        tag => typeof tag === 'string' && tag.replace(MARKER, '') === allow
      )
    ) {
      return true;
    }
    if (finding.line === null) {
      return false;
    }
    const line = sourceLines(notebook, finding.cell)[finding.line - 1] ?? '';
    return line
      .replace(MARKER, 'nbproject-lab:')
      .includes(`nbproject-lab:${allow}`);
  }

  /**
   * Top-level modules that are namespaces many distributions share
   * (`google.cloud.storage` is `google-cloud-storage`, `azure.identity`
   * `azure-identity`): offline, the distributions stored under the
   * namespace's name and a `-` are taken as the ones imported.
   */
  export const NAMESPACES: ReadonlySet<string> = new Set([
    'azure',
    'backports',
    'google',
    'jaraco',
    'opentelemetry',
    'ruamel',
    'sphinxcontrib',
    'zope'
  ]);

  /**
   * The distributions a top-level module comes from: the interpreter's
   * answer with `--python`, else the offline table's. A namespace module
   * (`google`) is provided by many distributions, and which the imports
   * come from is not known from its name: it is taken as those of them
   * stored (`namespace`: a guess the report says), the interpreter's
   * that are stored, or offline, those stored under its name
   * (`google-cloud-storage`); with none stored, as before.
   *
   * @param stored - the stored versions, by PEP 503 name.
   */
  export function providers(
    module: string,
    live: ICheckContext['live'],
    stored: ReadonlyMap<string, unknown>
  ): { names: string[]; namespace: boolean } {
    const names = moduleToDistributions(module, live?.moduleDistributions);
    if (NAMESPACES.has(module)) {
      // The interpreter answers an empty list for a module it lacks.
      const answer = live?.moduleDistributions ?? {};
      const known =
        Object.prototype.hasOwnProperty.call(answer, module) &&
        Array.isArray(answer[module]) &&
        answer[module].length > 0;
      const prefix = `${normalizeDistribution(module)}-`;
      const taken = known
        ? names.map(normalizeDistribution).filter(key => stored.has(key))
        : [...stored.keys()].filter(key => key.startsWith(prefix));
      if (taken.length > 0) {
        return { names: taken, namespace: true };
      }
    }
    return { names, namespace: false };
  }

  /**
   * The `pinned` findings: imported distributions not stored, or stored
   * without a version; a namespace module taken as the distributions
   * stored under its name, as a note.
   */
  export function unpinned(context: ICheckContext): IRawFinding[] {
    const { check, ignored, live } = context;
    const places =
      context.places ??
      importPlaces(context.notebook, check.imports, context.fingerprints);
    const stored = new Map(
      Object.entries(check.metadata.metadata?.pypackage ?? {}).map(
        ([name, version]) => [normalizeDistribution(name), version]
      )
    );
    const out: IRawFinding[] = [];
    const seen = new Set<string>();
    for (const module of analysed(check.imports, 'imports').modules) {
      if (
        ignored.has(normalizeDistribution(module.name)) ||
        context.isLocal?.(module.name)
      ) {
        continue;
      }
      const { names, namespace } = Private.providers(module.name, live, stored);
      if (namespace) {
        // Which of them the imports come from is not known offline: the
        // note says what was taken, so that a wrong guess can be seen.
        out.push({
          cell: module.cells[0] ?? null,
          cellId: module.cellIds[0] ?? null,
          line: places.lines.get(module.name) ?? null,
          issue: {
            code: 'pinned.namespace',
            params: { module: module.name, names }
          },
          severity: 'note'
        });
      }
      for (const name of names) {
        const key = normalizeDistribution(name);
        if (ignored.has(key) || seen.has(key)) {
          continue;
        }
        seen.add(key);
        const version = stored.get(key);
        if (version !== undefined && version !== '') {
          continue;
        }
        const cell = module.cells[0] ?? null;
        out.push({
          cell,
          cellId: module.cellIds[0] ?? null,
          line: places.lines.get(module.name) ?? null,
          issue:
            version === undefined
              ? {
                  code: 'pinned.notStored',
                  params: { name, module: module.name }
                }
              : { code: 'pinned.noVersion', params: { name } }
        });
      }
    }
    for (const { cell, cellId, reason } of places.unread) {
      out.push({
        cell,
        cellId,
        line: null,
        issue: {
          code: 'pinned.unread',
          params: {
            reason,
            limit: SCAN_LIMITS.maxParsedCell,
            nesting: MAX_NESTING
          }
        },
        severity: 'note'
      });
    }
    return out;
  }

  /**
   * The `match` findings: stored versions that differ from, or are not
   * installed in, the interpreter's.
   */
  export function mismatched(context: ICheckContext): IRawFinding[] {
    const { check, ignored, live } = context;
    const stored = check.metadata.metadata?.pypackage ?? null;
    if (live === null || stored === null) {
      return [];
    }
    return comparePackages(stored, live.distributions, [])
      .filter(row => !ignored.has(row.key))
      .flatMap(row => {
        if (row.status === 'mismatch') {
          return [
            notebookWide({
              code: 'match.mismatch',
              params: {
                name: row.name,
                stored: row.stored ?? '',
                live: row.live ?? ''
              }
            })
          ];
        }
        return row.status === 'missing'
          ? [
              notebookWide({
                code: 'match.missing',
                params: { name: row.name, stored: row.stored ?? '' }
              })
            ]
          : [];
      });
  }
}
