// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import * as fs from 'fs';
import * as path from 'path';
import { setImmediate as nextTurn } from 'timers/promises';
import {
  ALL_ANALYSES,
  checkNotebookFor,
  ICodeAnalyses,
  INotebookCheck,
  joinCellSources,
  parserMissing,
  pythonParser,
  readNotebookText,
  toJSONRecord
} from './check';
import {
  ALL_CHECKS,
  analysesRead,
  CHECK_TABLE,
  checkByName,
  failedChecks,
  ICheckContext,
  ICheckDefinition,
  IImportPlaces,
  placesFor,
  runChecks
} from './checks';
import {
  emptyConfig,
  EXCLUDED_NAMED,
  exclusionNotice,
  findConfig,
  ICheckConfig,
  isExcluded,
  readConfig
} from './config';
import { dataSummary, IDataReport, verifyNotebookData } from './data';
import type { INotebookFile } from './check';
import type { IFinding } from './findings';
import type { IFolderNotebooks } from './files';
import {
  fileErrorText,
  howToFixText,
  notebookCount,
  printable,
  someNamed
} from './words';
import { DEFAULT_PYTHONS, Interpreter } from './python';
import {
  badConfigText,
  findingLines,
  findingRecords,
  githubCommands,
  githubOverflow,
  githubSummary,
  githubRunError,
  githubUnreadable,
  INotebookFindings,
  ISummaryRow,
  omittedText,
  OutputFormat,
  reportBase,
  SarifWriter,
  SUMMARY_MAX_ROWS
} from './report';
import {
  findingPositions,
  INotebookPositions,
  NO_POSITIONS
} from './positions';
import { EXTENSION_KEY } from '../core/extension/metadata';
import { IDataFiles, notebookDataFiles } from '../core/data/files';
import { PythonTrees } from '../core/python/trees';
import { SCAN_LIMITS } from '../core/common/scanLimits';
import { importedDistributions } from '../core/packages/distributions';
import type {
  ILiveEnvironment,
  IProbeQuery
} from '../core/kernel/probeRequest';

/**
 * What `check` was asked, once the arguments are read.
 */
export interface ICheckRequest {
  /**
   * The notebooks, as given.
   */
  files: string[];
  /**
   * The checks named with `--require` (and `--data`), `all` included;
   * empty when none was named (the configuration's then apply).
   */
  require: string[];
  /**
   * `--default-require`: the checks required when neither `require` nor
   * the configuration's `require` names any.
   */
  defaultRequire?: string[];
  /**
   * How to report.
   */
  format: OutputFormat;
  /**
   * `--python`: the interpreter (`''` for the first on `PATH`), or `null`.
   */
  python: string | null;
  /**
   * `--config FILE`, or `null` to look for one.
   */
  config: string | null;
  /**
   * `--git-tracked`: in a folder, only the notebooks git tracks.
   */
  tracked?: boolean;
  /**
   * The data check's options.
   */
  root: string | null;
  allowHidden: boolean;
  maxSize: number;
}

/**
 * What the paths given to `check` stand for: {@link notebooksGiven}.
 */
export interface INotebooksGiven {
  /**
   * The notebooks, a folder's in its place, each once.
   */
  files: string[];
  /**
   * The symbolic links found in the folders: not followed.
   */
  links: string[];
  /**
   * The `.ipynb` names found in the folders that are not regular files
   * (a FIFO, device or socket): not read.
   */
  irregular: string[];
  /**
   * The folders that hold no notebook or could not be read, and why.
   */
  problems: { folder: string; why: string }[];
  /**
   * The notebooks found in the folders that git does not track, with
   * `tracked` (left out).
   */
  untracked: string[];
  /**
   * The notebooks named or found that `isExcluded` leaves out.
   */
  excluded: string[];
  /**
   * With `tracked`, the folders that hold no notebook (said on stderr,
   * not a problem).
   */
  empty: string[];
}

/**
 * The notebooks named, a folder's in its place (see files.ts's
 * `notebooksUnder`), each once (by real path: the same file reached
 * through a linked folder too), by the first name given; the links and
 * the files that are not regular found in the folders, and the folders
 * without notebooks or not read. A notebook `isExcluded` leaves out is set
 * apart before any is compared, so that an excluded name (a link, say)
 * never stands for a notebook given under another name.
 */
export function notebooksGiven(
  given: readonly string[],
  host: Pick<ICheckHost, 'listNotebooks' | 'trackedFiles'>,
  isExcluded: (file: string) => boolean = () => false,
  tracked = false
): INotebooksGiven {
  const seen = new Set<string>();
  const setApart = new Set<string>();
  const untracked: string[] = [];
  const out: INotebooksGiven = {
    files: [],
    links: [],
    irregular: [],
    problems: [],
    untracked: [],
    excluded: [],
    empty: []
  };
  const add = (file: string) => {
    if (isExcluded(file)) {
      if (!setApart.has(file)) {
        setApart.add(file);
        out.excluded.push(file);
      }
      return;
    }
    const key = Private.realPath(file);
    if (!seen.has(key)) {
      seen.add(key);
      out.files.push(file);
    }
  };
  for (const file of given) {
    const folder = host.listNotebooks?.(file) ?? null;
    if (folder === null) {
      add(file);
      continue;
    }
    out.links.push(...folder.links);
    out.irregular.push(...(folder.irregular ?? []));
    for (const { folder: unread, why } of folder.unreadable) {
      out.problems.push({
        folder: unread,
        why: `cannot read this folder (${why})`
      });
    }
    let notebooks = folder.notebooks;
    if (tracked) {
      // Only what git tracks, as a pre-commit hook sees the repository:
      // a scratch notebook, never added or ignored, is not the project's.
      const known = host.trackedFiles?.(file) ?? {
        error: 'git is not available here'
      };
      if ('error' in known) {
        out.problems.push({
          folder: file,
          why: `cannot list the files git tracks (${known.error})`
        });
        continue;
      }
      // An excluded notebook stays, to be set apart (and named) as such.
      notebooks = folder.notebooks.filter(notebook => {
        const kept = known.has(path.resolve(notebook)) || isExcluded(notebook);
        if (!kept) {
          untracked.push(notebook);
        }
        return kept;
      });
    }
    // A folder whose notebooks git does not track is not a problem: the
    // project has none there (they are named on stderr). Nor, for a hook
    // that sees the repository as git does, is one without notebooks yet.
    if (folder.notebooks.length === 0 && folder.unreadable.length === 0) {
      if (tracked) {
        out.empty.push(file);
      } else {
        out.problems.push({ folder: file, why: 'no notebook in this folder' });
      }
    }
    notebooks.forEach(add);
  }
  // Each once, and none that was checked after all (named too, or
  // tracked in another folder given).
  const named = new Set<string>();
  for (const notebook of untracked) {
    const key = Private.realPath(notebook);
    if (!seen.has(key) && !named.has(key)) {
      named.add(key);
      out.untracked.push(notebook);
    }
  }
  return out;
}

/**
 * The line stderr shows for a symbolic link a folder held.
 */
export function linkNotice(link: string): string {
  return `nbproject-lab: ${printable(link)}: a symbolic link, not followed in a folder (name it to check it)\n`;
}

/**
 * The line stderr shows for a `.ipynb` a folder held that is not a
 * regular file.
 */
export function irregularNotice(file: string): string {
  return `nbproject-lab: ${printable(file)}: not a regular file (a FIFO, device or socket), not read\n`;
}

/**
 * The notebooks to check: those the paths given stand for (see
 * {@link notebooksGiven}) but those the configuration excludes. Says on
 * stderr which links and files that are not regular the folders held
 * (but those excluded) and which notebooks the configuration excluded.
 *
 * @returns the notebooks, and the folders without notebooks or not read.
 */
export function notebooksToCheck(
  paths: readonly string[],
  config: ICheckConfig,
  host: Pick<ICheckHost, 'listNotebooks' | 'trackedFiles' | 'stderr' | 'cwd'>,
  tracked = false
): Pick<INotebooksGiven, 'files' | 'problems'> {
  const given = notebooksGiven(
    paths,
    host,
    file => isExcluded(config, file),
    tracked
  );
  const { files, excluded, untracked } = given;
  for (const folder of given.empty) {
    host.stderr(
      `nbproject-lab: ${printable(folder)}: no notebook in this folder (--git-tracked: nothing to check)\n`
    );
  }
  if (untracked.length > 0) {
    host.stderr(`nbproject-lab: ${printable(untrackedNotice(untracked))}\n`);
  }
  for (const link of given.links) {
    if (!isExcluded(config, link)) {
      host.stderr(linkNotice(link));
    }
  }
  for (const file of given.irregular) {
    if (!isExcluded(config, file)) {
      host.stderr(irregularNotice(file));
    }
  }
  if (excluded.length > 0) {
    host.stderr(
      `nbproject-lab: ${printable(exclusionNotice(config, excluded, host.cwd?.()))}\n`
    );
  }
  return { files, problems: given.problems };
}

/**
 * The line stderr shows for the notebooks `--git-tracked` left out.
 */
export function untrackedNotice(untracked: readonly string[]): string {
  return `${notebookCount(untracked.length)} git does not track, not checked (--git-tracked): ${someNamed(untracked, EXCLUDED_NAMED)}`;
}

/**
 * What stderr says, and a notice of the github format, when no check is
 * required: the run only reports, and passes whatever it finds.
 */
export const NOTHING_REQUIRED =
  'no check is required (--require, or require in the configuration): nothing can fail, and secrets, home-directory paths and unpinned packages are not looked for (--require all)';

/**
 * The host `runCheck` writes and reads through (main.ts's `ICliIO`).
 */
export interface ICheckHost {
  /**
   * Write to standard output; `false` when the text waits in memory for
   * the reader (the run then waits for {@link drain} before going on).
   */
  stdout(text: string): unknown;
  stderr(text: string): void;
  readFile(path: string, options?: { maxBytes?: number }): string;
  /**
   * The working directory, where the configuration is looked for; without
   * it only `--config` is read.
   */
  cwd?(): string;
  /**
   * Resolves once what standard output holds in memory was written (or
   * the stream closed). With it, the run is asynchronous and waits after
   * a notebook whose report filled the stream, so that memory holds a
   * few notebooks' reports, not every one a slow reader has not read.
   */
  drain?(): Promise<void>;
  /**
   * Whether standard output's reader closed it: the run then writes
   * nothing more and reads no more notebooks.
   */
  closed?(): boolean;
  /**
   * The notebooks under a folder given, or `null` when the path is not a
   * folder (files.ts's `notebooksUnder` on Node); without it, every path
   * given is read as a notebook.
   */
  listNotebooks?(folder: string): IFolderNotebooks | null;
  /**
   * The files git tracks below a folder, by absolute path, or why they
   * cannot be listed (files.ts's `gitTracked`), for `--git-tracked`.
   */
  trackedFiles?(folder: string): ReadonlySet<string> | { error: string };
  /**
   * Whether a module a notebook of a folder imports is a module of that
   * folder, not a third-party package (files.ts's `isLocalModule` on
   * Node): `pinned` does not ask for its version. Without it, none is.
   */
  isLocalModule?(folder: string, name: string): boolean;
  /**
   * Add Markdown to the GitHub Actions step summary: given in a workflow
   * (the file `GITHUB_STEP_SUMMARY` names), for `--format github`.
   */
  stepSummary?(markdown: string): void;
}

/**
 * How a human report describes one notebook (main.ts's text report).
 */
export type Describe = (
  file: string,
  check: INotebookCheck,
  required: readonly string[],
  failed: readonly string[],
  findings?: readonly IFinding[],
  data?: string
) => string;

/**
 * The checks the text report's own blocks already show.
 */
const DESCRIBED = new Set(['consecutive', 'title', 'metadata', 'installs']);

/**
 * The largest configuration file read (1 MiB).
 */
const CONFIG_MAX_BYTES = 1 << 20;

/**
 * Run `nbproject-lab check` with named checks: read the configuration,
 * then read, check, verify data files (when `data` is required) and
 * report one notebook at a time, in the format asked, so that memory
 * holds one notebook's JSON and trees; with `--python`, the interpreter
 * is asked as the notebooks are read, and a notebook waits for its answer
 * behind a few others (their findings, not their text or JSON).
 * The exit status: 0, 1 when a required check fails, 2 when a notebook,
 * the configuration or the interpreter cannot be read. Synchronous
 * unless `data` is checked or `--python` given.
 *
 * @param request - what was asked.
 * @param host - output and files.
 * @param describe - the text report of one notebook.
 */
export function runCheck(
  request: ICheckRequest,
  host: ICheckHost,
  describe: Describe
): 0 | 1 | 2 | Promise<0 | 1 | 2> {
  const config = loadConfig(request.config, host);
  if ('usage' in config) {
    return Private.badConfig(config, request.format, host);
  }
  // `--require`, else the configuration's (even an empty list: the
  // repository's choice), else `--default-require`.
  const fromConfig = request.require.length === 0 && config.require !== null;
  const names =
    request.require.length > 0
      ? request.require
      : (config.require ?? request.defaultRequire ?? []);
  const checks = Private.expand(names, request.python !== null);
  if ('usage' in checks) {
    if (fromConfig && config.file !== null) {
      // A check the configuration's `require` names wrongly.
      return Private.badConfig(
        {
          usage: `${config.file}: ${checks.usage}`,
          file: config.file,
          why: `"require": ${checks.usage}`
        },
        request.format,
        host
      );
    }
    host.stderr(`nbproject-lab: ${checks.usage}\n`);
    return 2;
  }
  const needsData = checks.some(check => check.needs === 'data');
  const given = notebooksToCheck(
    request.files,
    config,
    host,
    request.tracked ?? false
  );
  const files = given.files;
  // Only the analyses the checks read. The human and JSON reports always
  // list the imports (as they did before checks were chosen: scripts read
  // `modules`), and with no check required they show every analysis.
  const reports = request.format === 'human' || request.format === 'json';
  const read = analysesRead(checks);
  const analyses = !reports
    ? read
    : checks.length === 0
      ? ALL_ANALYSES
      : { ...read, imports: true };
  const run = new Private.Run(
    checks,
    config,
    request,
    host,
    describe,
    analyses
  );
  if (checks.length === 0) {
    run.nothingRequired();
  }
  for (const { folder, why } of given.problems) {
    run.folderProblem(folder, why);
  }
  const missing =
    analyses.imports || analyses.hiddenState || needsData
      ? parserMissing()
      : null;
  if (missing !== null) {
    run.failed('install', missing.what, missing.why);
    return run.finish();
  }
  if (request.python !== null) {
    return Private.withPython(request.python, files, needsData, run, config);
  }
  return run.each(files, needsData);
}

/**
 * A configuration that cannot be read.
 */
export interface IBadConfig {
  /**
   * What stderr says: the file and what is wrong.
   */
  usage: string;
  /**
   * The file, as given or found.
   */
  file: string;
  /**
   * What is wrong with it.
   */
  why: string;
}

/**
 * The configuration of `check` and `verify`: `--config`, else the one
 * found from the working directory, else none; a usage error when it
 * cannot be read (a CI with a broken configuration must not pass by
 * checking less).
 *
 * @param file - the `--config` file, or `null` to look for one.
 * @param host - reads files; its working directory is where to look.
 */
export function loadConfig(
  file: string | null,
  host: Pick<ICheckHost, 'readFile' | 'cwd'>
): ICheckConfig | IBadConfig {
  const readSmall = (name: string) =>
    host.readFile(name, { maxBytes: CONFIG_MAX_BYTES });
  let found: ICheckConfig | null;
  if (file !== null) {
    let text: string;
    const bad = (why: string): IBadConfig => ({
      usage: `--config ${file}: ${why}`,
      file,
      why
    });
    try {
      text = readSmall(file);
    } catch (error) {
      return bad(`cannot read (${fileErrorText(error)})`);
    }
    found = readConfig(file, text);
    if (found === null) {
      return bad('no [tool.nbproject-lab] table');
    }
  } else {
    found = host.cwd ? findConfig(host.cwd(), readSmall) : emptyConfig('.');
  }
  if (found.problems.length > 0) {
    const why = found.problems.join('; ');
    return { usage: `${found.file}: ${why}`, file: found.file ?? '', why };
  }
  return found;
}

/**
 * This program's version, read from its package.json when asked; `null`
 * when there is none beside the program.
 */
export function packageVersion(): string | null {
  try {
    const json = JSON.parse(
      fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')
    ) as { version?: unknown };
    return typeof json.version === 'string' ? json.version : null;
  } catch {
    return null;
  }
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * A file's real path (its links resolved), or its absolute path when
   * it cannot be resolved (it does not exist).
   */
  export function realPath(file: string): string {
    try {
      return fs.realpathSync(file);
    } catch {
      return path.resolve(file);
    }
  }

  /**
   * A notebook read and checked by the common rules.
   */
  export interface IRead {
    file: string;
    text: string;
    notebook: INotebookFile;
    check: INotebookCheck;
    /**
     * The files its code reads, when `data` is checked.
     */
    found: IDataFiles | null;
  }

  /**
   * A notebook checked, without its text or JSON: each check's findings,
   * in the order of the checks, `null` for one that waits for
   * `--python`'s answer.
   */
  export interface IChecked {
    file: string;
    check: INotebookCheck;
    directory: string;
    data: IDataReport | null;
    findings: (IFinding[] | null)[];
    /**
     * Where its cells and metadata are in the file, for the formats that
     * say a finding's line: found while the text is at hand.
     */
    positions: INotebookPositions;
    /**
     * Where its imports are, for the checks left for `--python`'s answer
     * (found while its JSON is at hand).
     */
    places?: IImportPlaces;
  }

  /**
   * The most notebooks checked before `--python` answers that are kept
   * for its answer: past it, the run waits for the interpreter.
   */
  export const MAX_WAITING = 16;

  /**
   * What the checks that wait for `--python` read: the notebook's JSON
   * is gone by then, and reading it is a bug (a getter of the class, not
   * a closure per notebook, which the engine may keep with its JSON).
   */
  class WithoutNotebook implements ICheckContext {
    constructor(context: Omit<ICheckContext, 'notebook'>) {
      this.check = context.check;
      this.directory = context.directory;
      this.ignored = context.ignored;
      this.isLocal = context.isLocal;
      this.live = context.live;
      this.data = context.data;
      this.places = context.places;
      this.fingerprints = context.fingerprints;
    }

    get notebook(): INotebookFile {
      throw new Error('a check that reads --python read the notebook');
    }

    readonly check: INotebookCheck;
    readonly directory: string;
    readonly ignored: ReadonlySet<string>;
    readonly isLocal?: (name: string) => boolean;
    readonly live: ILiveEnvironment | null;
    readonly data: IDataReport | null;
    readonly places?: IImportPlaces;
    readonly fingerprints?: boolean;
  }

  /**
   * One `check` run: reads, checks and reports notebooks one by one.
   */
  export class Run {
    constructor(
      private _checks: readonly ICheckDefinition[],
      private _config: ICheckConfig,
      private _request: ICheckRequest,
      private _host: ICheckHost,
      private _describe: Describe,
      private _analyses: Readonly<ICodeAnalyses>
    ) {}

    /**
     * What `--python` reported, once asked.
     */
    live: ILiveEnvironment | null = null;

    /**
     * The analyses of the code this run asks for.
     */
    get analyses(): Readonly<ICodeAnalyses> {
      return this._analyses;
    }

    /**
     * Read, check and report each notebook in turn, then finish: at
     * once, or as a promise when data files are read or the output
     * can make the run wait for its reader.
     */
    each(
      files: readonly string[],
      needsData: boolean
    ): 0 | 1 | 2 | Promise<0 | 1 | 2> {
      if (!needsData && !this._host.drain) {
        for (const file of files) {
          if (this.closed) {
            break;
          }
          this._one(file, needsData);
        }
        return this.finish();
      }
      return (async () => {
        for (const file of files) {
          if (this.closed) {
            break;
          }
          const read = this._one(file, needsData);
          if (read !== null) {
            await read;
          }
          await this.drained();
        }
        return this.finish();
      })();
    }

    /**
     * Read a notebook's text and JSON, or `null` when it cannot be read
     * (said on stderr).
     */
    readText(file: string): { text: string; notebook: INotebookFile } | null {
      let text: string;
      try {
        text = this._host.readFile(file);
      } catch (error) {
        this.unreadable(file, `cannot read (${fileErrorText(error)})`);
        return null;
      }
      const read = readNotebookText(text);
      if ('unreadable' in read) {
        this.unreadable(file, read.unreadable, read.line);
        return null;
      }
      joinCellSources(read.notebook);
      return { text, notebook: read.notebook };
    }

    /**
     * Read a notebook and check it by the common rules (and find the
     * files it reads), or `null` when it cannot be read (said on stderr).
     */
    read(file: string, needsData: boolean): IRead | null {
      const found = this.readText(file);
      if (found === null) {
        return null;
      }
      const { text, notebook } = found;
      const analyses = this._analyses;
      // One tree per cell for every analysis of this notebook's code,
      // dropped after; none when at most one analysis parses (the imports
      // alone parse a cell only up to its last import).
      const parsing =
        Number(analyses.imports) +
        Number(analyses.hiddenState) +
        Number(needsData);
      const trees = parsing > 1 ? new PythonTrees(pythonParser()) : undefined;
      return {
        file,
        text,
        notebook,
        check: checkNotebookFor(notebook, analyses, trees),
        found: needsData
          ? notebookDataFiles(
              notebook.cells,
              pythonParser(),
              SCAN_LIMITS,
              trees
            )
          : null
      };
    }

    /**
     * Verify a notebook's data files.
     */
    verifyData(read: IRead): Promise<IDataReport> {
      const { root, allowHidden, maxSize } = this._request;
      return verifyNotebookData(
        read.file,
        read.notebook.cells,
        read.notebook.metadata[EXTENSION_KEY],
        {
          root: root === null ? undefined : path.resolve(root),
          allowHidden,
          maxSize,
          found: read.found ?? undefined,
          folders: this._folders,
          stop: () => this.closed
        }
      );
    }

    /**
     * Run the checks on a notebook read, but those that read what
     * `--python` reported while it has not answered; keep what its report
     * needs, not its text or JSON.
     *
     * @param data - its data files' verification, when `data` is checked.
     * @param waitLive - whether to leave the checks that read `--python`'s
     *   answer for {@link report}.
     */
    check(read: IRead, data: IDataReport | null, waitLive: boolean): IChecked {
      const directory = path.dirname(path.resolve(read.file));
      const context = this._context(read.check, directory, read.notebook, data);
      const findings = this._checks.map(check =>
        waitLive && check.live ? null : runChecks([check], context)
      );
      return {
        file: read.file,
        check: read.check,
        directory,
        data,
        findings,
        positions:
          this._request.format === 'human'
            ? NO_POSITIONS
            : findingPositions(read.text, findings),
        places: waitLive
          ? placesFor(
              this._checks,
              read.notebook,
              read.check,
              this._request.format === 'sarif'
            )
          : undefined
      };
    }

    /**
     * Run the checks left for `--python`'s answer and print the
     * notebook's report.
     */
    report(checked: IChecked): void {
      const { file, check, data, positions } = checked;
      const checks = this._checks;
      // The notebook's JSON is gone: these checks read none of it.
      const context = this._context(
        check,
        checked.directory,
        null,
        data,
        checked.places
      );
      const findings: IFinding[] = [];
      checked.findings.forEach((found, i) => {
        for (const finding of found ?? runChecks([checks[i]], context)) {
          findings.push(finding);
        }
      });
      const failed = failedChecks(checks, findings);
      if (failed.length > 0 && this._status === 0) {
        this._status = 1;
      }
      const names = checks.map(c => c.name);
      const format = this._request.format;
      if (format === 'human') {
        for (const name of failed) {
          this._failed.add(name);
        }
        this._write(
          this._header() +
            human(file, check, names, failed, findings, data, this._describe)
        );
        return;
      }
      // The other formats say each finding's line in the file.
      const located: INotebookFindings = { file, findings, positions };
      if (format === 'json') {
        this._write(
          `${JSON.stringify({
            ...toJSONRecord(file, check),
            ...(data === null ? {} : { data }),
            checks: { required: names, failed },
            findings: findingRecords(located)
          })}\n`
        );
      } else if (format === 'github') {
        this._summarize(file, failed, findings);
        this._write(githubCommands(located, this._base));
      } else {
        this._write(this._sarif.results(located));
      }
    }

    /**
     * Print what is printed at the end (how to fix the checks that failed,
     * the end of SARIF's one log); the exit status.
     */
    finish(): 0 | 1 | 2 {
      const format = this._request.format;
      if (format === 'human') {
        // How to fix each check that failed, once, in the checks' order.
        this._write(
          this._checks
            .filter(check => this._failed.has(check.name))
            .map(check => `${howToFixText(check.name, check.help)}\n`)
            .join('')
        );
      } else if (format === 'github') {
        this._write(githubOverflow(...this._annotations));
        this._writeSummary();
      } else if (format === 'sarif') {
        const omitted = this._sarif.omitted;
        if (omitted > 0) {
          this._host.stderr(
            `nbproject-lab: ${omittedText(omitted, this._sarif.maxResults)}\n`
          );
        }
        this._write(this._sarif.end());
      }
      return this._status;
    }

    /**
     * Whether standard output's reader closed it: nothing more is
     * written, and no more notebooks are read.
     */
    get closed(): boolean {
      return this._host.closed?.() ?? false;
    }

    /**
     * Resolves once standard output took what it was given, when it
     * said it was full (at once when its reader closed it).
     */
    drained(): Promise<void> | void {
      if (this._full && this._host.drain && !this.closed) {
        this._full = false;
        return this._host.drain();
      }
    }

    /**
     * Say on stderr why a notebook cannot be read, and in the github and
     * SARIF outputs, which would otherwise show it as one without
     * findings; the exit status is then 2.
     */
    unreadable(file: string, why: string, line?: number): void {
      this._host.stderr(`nbproject-lab: ${printable(file)}: ${why}\n`);
      this._status = 2;
      const format = this._request.format;
      if (format === 'github') {
        this._summarize(file, [], [], why);
        this._write(githubUnreadable(file, why, this._base, line));
      } else if (format === 'sarif') {
        this._sarif.unreadable(file, why, line);
      } else if (format === 'json') {
        // One object per notebook given, this one too: a job reading the
        // lines must not take a notebook it could not read for a pass.
        // Every required check counts as failed: none could pass.
        const required = this._checks.map(check => check.name);
        this._write(
          `${JSON.stringify({
            file,
            unreadable: why,
            checks: { required, failed: required },
            findings: []
          })}\n`
        );
      }
    }

    /**
     * Say on stderr that no check is required, so that a workflow that
     * lost its `--require` does not pass without a word, and a notebook
     * holding a credential does not look clean to someone trying the
     * command without one (the report shows the title, order, imports,
     * installs, metadata and hidden state, not the checks' findings). In
     * the github format, also
     * as a notice: the step's page shows annotations, not stderr. The
     * SARIF log says nothing of it: its invocation's notifications are
     * the run's errors and the findings it left out.
     */
    nothingRequired(): void {
      this._host.stderr(`nbproject-lab: ${NOTHING_REQUIRED}\n`);
      if (this._request.format === 'github') {
        this._annotations[1]++;
        // Neither the title nor the message holds a character that a
        // workflow command escapes (`%`, a line break; `:` and `,` in
        // the title).
        this._write(`::notice title=nbproject-lab::${NOTHING_REQUIRED}\n`);
      }
    }

    /**
     * Say on stderr, and in the github and SARIF outputs, that a folder
     * given holds no notebook or could not be read (the notebooks below
     * it would pass unchecked): the exit status is then 2.
     */
    folderProblem(folder: string, why: string): void {
      this._host.stderr(`nbproject-lab: ${printable(folder)}: ${why}\n`);
      this._status = 2;
      const message = `nbproject-lab could not check this folder: ${why}`;
      const format = this._request.format;
      if (format === 'github') {
        this._annotations[0]++;
        this._summary.folders++;
        this._summary.rows.push({
          file: folder,
          failed: [],
          errors: new Map(),
          notes: new Map(),
          unreadable: why
        });
        this._write(githubRunError(message, { file: folder }, this._base));
      } else if (format === 'sarif') {
        this._sarif.failed(message, folder);
      }
    }

    /**
     * Say on stderr, and in the github and SARIF outputs, that what the
     * run needed failed (the interpreter): the exit status is then 2.
     *
     * @param title - what failed, as an annotation's title names it
     *   (`--python`).
     * @param what - what failed, in full (`--python /usr/bin/python3`).
     * @param why - why.
     */
    failed(title: string, what: string, why: string): void {
      const message = `${what}: ${why}`;
      this._host.stderr(`nbproject-lab: ${message}\n`);
      this._status = 2;
      const format = this._request.format;
      if (format === 'github') {
        this._annotations[0]++;
        this._stopped = message;
        this._write(githubRunError(message, { title }, this._base));
      } else if (format === 'sarif') {
        this._sarif.failed(message);
      }
    }

    /**
     * Read, check and report one notebook; a promise while its data
     * files are verified, `null` when nothing is left to do.
     */
    private _one(file: string, needsData: boolean): Promise<void> | null {
      const read = this.read(file, needsData);
      if (read === null) {
        return null;
      }
      if (!needsData) {
        this.report(this.check(read, null, false));
        return null;
      }
      return this.verifyData(read).then(data => {
        // Its files may have been left unread for a reader that is gone.
        if (!this.closed) {
          this.report(this.check(read, data, false));
        }
      });
    }

    /**
     * Count a notebook's annotations, and keep its line of the step
     * summary when it has findings or could not be read (github).
     */
    private _summarize(
      file: string,
      failed: readonly string[],
      findings: readonly IFinding[],
      unreadable?: string
    ): void {
      const summary = this._summary;
      summary.notebooks++;
      if (failed.length > 0 || unreadable !== undefined) {
        summary.failing++;
      }
      for (const check of failed) {
        summary.failedBy.set(check, (summary.failedBy.get(check) ?? 0) + 1);
      }
      summary.unread += unreadable === undefined ? 0 : 1;
      this._annotations[0] += unreadable === undefined ? 0 : 1;
      const counts = {
        error: new Map<string, number>(),
        note: new Map<string, number>()
      };
      for (const finding of findings) {
        this._annotations[finding.severity === 'error' ? 0 : 1]++;
        const count = counts[finding.severity];
        count.set(finding.check, (count.get(finding.check) ?? 0) + 1);
      }
      if (findings.length === 0 && unreadable === undefined) {
        return;
      }
      if (summary.rows.length < SUMMARY_MAX_ROWS) {
        const { error, note } = counts;
        summary.rows.push({
          file,
          failed,
          errors: error,
          notes: note,
          unreadable
        });
      } else {
        summary.more++;
      }
    }

    /**
     * Add the run's summary to the GitHub Actions step summary, when the
     * run is in a workflow; a summary that cannot be written is said on
     * stderr, and changes nothing else.
     */
    private _writeSummary(): void {
      const host = this._host;
      if (!host.stepSummary) {
        return;
      }
      const { rows, more, ...figures } = this._summary;
      const markdown = githubSummary(
        {
          ...figures,
          checks: this._checks.map(check => check.name),
          stopped: this._stopped ?? undefined,
          help: new Map(this._checks.map(check => [check.name, check.help]))
        },
        rows,
        more,
        this._base
      );
      try {
        host.stepSummary(markdown);
      } catch (error) {
        host.stderr(
          `nbproject-lab: cannot write the step summary: ${(error as Error).message}\n`
        );
      }
    }

    /**
     * The human report's header, before the first notebook's report
     * (empty afterwards): the configuration file that applies and the
     * interpreter `--python` asked, a line each when there is one.
     */
    private _header(): string {
      if (this._headed) {
        return '';
      }
      this._headed = true;
      const lines: string[] = [];
      const file = this._config.file;
      if (file !== null) {
        const shown =
          this._cwd !== null && path.isAbsolute(file)
            ? path.relative(this._cwd, file) || file
            : file;
        const table =
          path.basename(file) === 'pyproject.toml'
            ? ' [tool.nbproject-lab]'
            : '';
        lines.push(`config: ${shown}${table}`);
      }
      if (this.live !== null) {
        lines.push(
          `python: ${this.live.executable} (${this.live.python.version})`
        );
      }
      return lines.length === 0 ? '' : `${lines.join('\n')}\n\n`;
    }

    /**
     * Write to standard output, noting when it is full; nothing once its
     * reader closed it.
     */
    private _write(text: string): void {
      if (text === '' || this.closed) {
        return;
      }
      if (this._host.stdout(text) === false) {
        this._full = true;
      }
    }

    /**
     * What the checks read of a notebook; without its JSON, for the
     * checks that read only what `check` found (reading it throws).
     */
    private _context(
      check: INotebookCheck,
      directory: string,
      notebook: INotebookFile | null,
      data: IDataReport | null,
      places?: IImportPlaces
    ): ICheckContext {
      const context = {
        check,
        directory,
        ignored: this._config.ignorePackages,
        isLocal: this._localModules(directory),
        live: this.live,
        data,
        places,
        // Only SARIF's fingerprints read a cell's source hash.
        fingerprints: this._request.format === 'sarif'
      };
      return notebook === null
        ? new WithoutNotebook(context)
        : { ...context, notebook };
    }

    /**
     * Whether a module is one of a notebook's folder, asked once per
     * folder and name.
     */
    private _localModules(
      directory: string
    ): ((name: string) => boolean) | undefined {
      const ask = this._host.isLocalModule;
      if (!ask) {
        return undefined;
      }
      return name => {
        const key = `${directory}\0${name}`;
        let local = this._local.get(key);
        if (local === undefined) {
          local = ask(directory, name);
          this._local.set(key, local);
        }
        return local;
      };
    }

    private _local = new Map<string, boolean>();
    private _status: 0 | 1 | 2 = 0;
    /**
     * The checks some notebook failed (the human report).
     */
    private _failed = new Set<string>();
    /**
     * The error and notice annotations written (github).
     */
    private _annotations: [number, number] = [0, 0];
    /**
     * The step summary's figures and lines (github).
     */
    private _summary = {
      notebooks: 0,
      failing: 0,
      failedBy: new Map<string, number>(),
      unread: 0,
      folders: 0,
      rows: [] as ISummaryRow[],
      more: 0
    };
    /**
     * What stopped the run early, if something did.
     */
    private _stopped: string | null = null;
    private _full = false;
    private _headed = false;
    /**
     * The notebooks' folders resolved for their data files.
     */
    private _folders = new Map<
      string,
      Promise<{ directory: string; root: string }>
    >();
    /**
     * The working directory, which the human report's header names the
     * configuration relative to.
     */
    private _cwd = this._host.cwd?.() ?? null;
    /**
     * Where the github and SARIF outputs name files from: the working
     * directory, and in a workflow the repository's root.
     */
    private _base = reportBase(this._cwd);
    private _sarif = new SarifWriter(
      this._checks,
      () => packageVersion() ?? '0',
      this._base
    );
  }

  /**
   * Say that the configuration cannot be read: on stderr, and in the
   * github output (an annotation on the file) or as a SARIF log of no
   * results whose invocation failed, saying why; the exit status, 2.
   */
  export function badConfig(
    bad: IBadConfig,
    format: OutputFormat,
    host: ICheckHost
  ): 2 {
    host.stderr(`nbproject-lab: ${bad.usage}\n`);
    const base = reportBase(host.cwd?.() ?? null);
    const message = badConfigText(bad.why);
    if (format === 'github') {
      host.stdout(githubRunError(message, { file: bad.file }, base));
    } else if (format === 'sarif') {
      const sarif = new SarifWriter([], () => packageVersion() ?? '0', base);
      sarif.failed(message, bad.file);
      host.stdout(sarif.end());
    }
    return 2;
  }

  /**
   * The checks named, in the order named: `all` is every check, in table
   * order (those that need `--python` only with it).
   */
  export function expand(
    names: readonly string[],
    python: boolean
  ): ICheckDefinition[] | { usage: string } {
    const wanted = new Set<string>();
    for (const name of names) {
      if (name === ALL_CHECKS) {
        CHECK_TABLE.filter(check => python || check.needs !== 'python').forEach(
          check => wanted.add(check.name)
        );
        continue;
      }
      const check = checkByName(name);
      if (check === undefined) {
        return {
          usage: `unknown check ${JSON.stringify(name)} (expected ${[...CHECK_TABLE.map(c => c.name), ALL_CHECKS].join(', ')})`
        };
      }
      if (check.needs === 'python' && !python) {
        return { usage: `the ${name} check needs --python` };
      }
      wanted.add(name);
    }
    // In the order named, as the report lists them.
    return [...wanted].map(name => checkByName(name) as ICheckDefinition);
  }

  /**
   * `check --python`: start the interpreter at once and read, check and
   * report each notebook once, asking the interpreter, as each is read,
   * about the modules it imports and the distributions those and its
   * stored packages name that no earlier notebook named (those the
   * repository ignores left out). A notebook's checks that read the
   * answer run once the interpreter answered what was asked up to it;
   * until then the notebook waits, without its text or JSON, behind at
   * most {@link MAX_WAITING} others. The interpreter is asked first about
   * nothing, so that a run that names nothing still finds out that it
   * cannot be run. When it fails, the notebooks it answered for are
   * reported, no other, and the run says why and ends with status 2.
   */
  export async function withPython(
    python: string,
    files: readonly string[],
    needsData: boolean,
    run: Run,
    config: ICheckConfig
  ): Promise<0 | 1 | 2> {
    const interpreter = new Interpreter(python);
    const questions = new Questions(interpreter, config.ignorePackages);
    // Checked, waiting for the answer to the last question asked before.
    const waiting: { checked: IChecked; asked: number }[] = [];
    const reportAnswered = () => {
      while (waiting.length > 0 && waiting[0].asked <= questions.answered) {
        run.live = interpreter.environment;
        run.report(waiting.shift()!.checked);
      }
    };
    for (const file of files) {
      if (interpreter.failure !== null || run.closed) {
        break;
      }
      const read = run.read(file, needsData);
      if (read === null) {
        continue;
      }
      const data = needsData ? await run.verifyData(read) : null;
      if (run.closed) {
        break;
      }
      const asked = questions.ask(read.check);
      // Read after the data files: the answer may have come meanwhile.
      reportAnswered();
      if (waiting.length === 0 && asked <= questions.answered) {
        run.live = interpreter.environment;
        run.report(run.check(read, data, false));
      } else {
        waiting.push({ checked: run.check(read, data, true), asked });
      }
      // Let the interpreter's answers in: it waits on a full pipe.
      await nextTurn();
      reportAnswered();
      while (waiting.length >= MAX_WAITING && interpreter.failure === null) {
        await questions.until(waiting[0].asked);
        reportAnswered();
      }
      await run.drained();
    }
    if (run.closed) {
      // Nobody reads the reports: the interpreter's answers are not needed.
      interpreter.stop();
      return run.finish();
    }
    await questions.until(questions.asked);
    interpreter.close();
    // Those answered before the interpreter failed, if it did.
    reportAnswered();
    const failure = interpreter.failure;
    if (failure !== null) {
      run.failed(
        '--python',
        `--python ${python || DEFAULT_PYTHONS[0]}`,
        failure
      );
      // The SARIF log ends, saying so.
      return run.finish();
    }
    return run.finish();
  }

  /**
   * What the interpreter was asked, numbered: each question the names of
   * one notebook that none before named.
   */
  class Questions {
    constructor(
      private _interpreter: Interpreter,
      private _ignored: ReadonlySet<string>
    ) {
      this._ask({ modules: [], distributions: [] });
    }

    /**
     * How many questions were asked; how many were answered.
     */
    asked = 0;
    answered = 0;

    /**
     * Ask about a notebook's imports (when the run finds them) and
     * stored packages, the names not asked yet.
     *
     * @returns the number of the question whose answer the notebook's
     *   checks wait for: its own, or the last one asked before.
     */
    ask(check: INotebookCheck): number {
      const modules: string[] = [];
      const distributions: string[] = [];
      const imported = (check.imports?.modules ?? []).map(
        module => module.name
      );
      for (const name of imported) {
        if (!this._ignored.has(name) && !this._modules.has(name)) {
          this._modules.add(name);
          modules.push(name);
        }
      }
      const stored = Object.keys(check.metadata.metadata?.pypackage ?? {});
      for (const name of [...importedDistributions(imported), ...stored]) {
        if (!this._distributions.has(name)) {
          this._distributions.add(name);
          distributions.push(name);
        }
      }
      if (modules.length > 0 || distributions.length > 0) {
        this._ask({ modules, distributions });
      }
      return this.asked;
    }

    /**
     * Resolves once question `asked` is answered (or the interpreter
     * failed).
     */
    until(asked: number): Promise<unknown> {
      return this._answers[asked - 1];
    }

    private _ask(query: IProbeQuery): void {
      const asked = ++this.asked;
      this._answers.push(
        this._interpreter.ask(query).then(answer => {
          if (!('failure' in answer)) {
            this.answered = asked;
          }
        })
      );
    }

    private _modules = new Set<string>();
    private _distributions = new Set<string>();
    private _answers: Promise<void>[] = [];
  }

  /**
   * The text report: main.ts's, with the findings its blocks do not show.
   */
  function human(
    file: string,
    check: INotebookCheck,
    names: string[],
    failed: string[],
    findings: IFinding[],
    data: IDataReport | null,
    describe: Describe
  ): string {
    const text = describe(
      file,
      check,
      names,
      failed,
      findings,
      data === null ? undefined : dataSummary(data)
    );
    const lines = findingLines(
      findings.filter(finding => !DESCRIBED.has(finding.check))
    );
    if (lines.length === 0) {
      return text;
    }
    const block = lines.map(
      (line, i) => `  ${(i === 0 ? 'findings' : '').padEnd(12)} ${line}`
    );
    // Before the blank line that ends the notebook's report.
    return `${text.replace(/\n\n$/, '')}\n${block.join('\n')}\n\n`;
  }
}
