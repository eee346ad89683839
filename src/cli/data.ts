// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { promises as fsp } from 'fs';
import { homedir } from 'os';
import * as nodePath from 'path';

import { IDataFiles, notebookDataFiles } from '../core/data/files';
import {
  compareManifest,
  IDataComparison,
  IFileDigest,
  ManifestIssue,
  readDataManifest,
  summarizeData
} from '../core/data/manifest';
import {
  dataRefusalWords,
  fileErrorText,
  manifestIssueText,
  notebookCount,
  printable,
  someNamed
} from './words';
import {
  DataFileRefusal,
  DEFAULT_MAX_DATA_SIZE,
  refuseDataPath,
  suggestRecording
} from '../core/data/paths';
import { EXTENSION_KEY } from '../core/extension/metadata';
import { ICellLike } from '../core/notebook/cells';
import { pythonParser, readNotebookText } from './check';
import { RefusedFileError } from './files';
import { hashErrorCode, hashFileStreaming, IHashOptions } from './hash';
import { normalizeDataPath } from '../core/data/paths';

/**
 * What `nbproject-lab check --data` needs from its host: the program's
 * own I/O (`ICliIO` in main.ts has the same members), and a hasher that
 * tests may replace.
 */
export interface IDataCheckIO {
  /**
   * Write text (whole lines) to standard output.
   */
  stdout(text: string): void;
  /**
   * Write text (whole lines) to standard error.
   */
  stderr(text: string): void;
  /**
   * Read a notebook as UTF-8 text; throws when it cannot.
   */
  readFile(path: string): string;
  /**
   * Hash a regular file by streaming it; rejects with Node's error or a
   * `RefusedFileError` when it cannot. Default: {@link hashFileStreaming}.
   */
  hashFile?(path: string, options: IHashOptions): Promise<IFileDigest>;
  /**
   * Whether standard output's reader closed it (`| head`): nothing more
   * is read, hashed or written.
   */
  closed?(): boolean;
}

/**
 * How to check, and how to report.
 */
export interface IDataCheckOptions {
  /**
   * One JSON object per notebook and line, `{"file", "data"}`, instead
   * of text.
   */
  json?: boolean;
  /**
   * The folder data files must be in (`--root`); by default each
   * notebook's git work tree, or its folder outside one.
   */
  root?: string | null;
  /**
   * Read hidden files and folders below the root too (`--allow-hidden`).
   */
  allowHidden?: boolean;
  /**
   * The largest file hashed, in bytes (`--max-size`); default 2 GiB.
   */
  maxSize?: number;
}

/**
 * The exit status of a data check, with the values of `ExitCode` in
 * main.ts: 0 when every recorded file is there unchanged (or a notebook
 * records none), 1 when one is changed, missing or not read, 2 when a
 * notebook cannot be read (or the root is not a folder).
 */
export type DataExitStatus = 0 | 1 | 2;

/**
 * One file's verdict in the report.
 */
export interface IDataFileReport extends IDataComparison {
  /**
   * Why the file could not be hashed, in words: Node's when it exists but
   * cannot be read, ours when it was not read (see `unread`).
   */
  error?: string;
  /**
   * Why the file was not read at all: outside the root, hidden, not a
   * regular file, or too large. A recorded file not read is `missing`
   * (it could not be verified); a new one has no `current` digest.
   */
  unread?: DataFileRefusal;
}

/**
 * What the data check finds in one notebook.
 */
export interface IDataReport {
  /**
   * Whether the notebook records a data manifest.
   */
  recorded: boolean;
  /**
   * Whether every recorded file is there, unchanged.
   */
  ok: boolean;
  /**
   * The recorded files, then new files the code reads that exist (or that
   * were not read).
   */
  files: IDataFileReport[];
  /**
   * What could not be read in the manifest, in words.
   */
  problems: string[];
  /**
   * The same, as codes with parameters.
   */
  issues: ManifestIssue[];
  /**
   * The folder files were read under, absolute and resolved.
   */
  root: string;
}

/**
 * How to verify one notebook's data.
 */
export interface IVerifyOptions {
  /**
   * The folder data files must be in, absolute and resolved (see
   * {@link dataRoot}); by default the notebook's.
   */
  root?: string;
  /**
   * Read hidden files and folders below the root too.
   */
  allowHidden?: boolean;
  /**
   * The largest file hashed, in bytes; default 2 GiB.
   */
  maxSize?: number;
  /**
   * The hasher; default {@link hashFileStreaming}.
   */
  hashFile?: (path: string, options: IHashOptions) => Promise<IFileDigest>;
  /**
   * The files the cells read, when the caller found them already (with
   * the trees its other checks parsed); found from the cells otherwise.
   */
  found?: IDataFiles;
  /**
   * The folders already resolved in this run: a notebook's folder, as
   * given, to its real path and root (most notebooks of a run share a
   * few folders). Filled as folders are resolved.
   */
  folders?: Map<string, Promise<{ directory: string; root: string }>>;
  /**
   * Whether to stop: once it says so, no more files are hashed (the
   * report is then incomplete, for no one).
   */
  stop?: () => boolean;
}

/**
 * Verify the data manifests of notebooks headlessly: `nbproject-lab check
 * --data`. Each recorded file is hashed locally, streaming, relative to
 * its notebook's directory (`~` is the home directory), and compared
 * with the manifest; files the code reads that exist but are not
 * recorded are listed as new (they do not fail the check). Files are
 * hashed one after the other, and only regular files below the root that
 * are not hidden and not over the size cap are read at all. Never
 * rejects.
 *
 * @param notebooks - the notebook files, as the user gave them.
 * @param io - output, notebook reading and (optionally) hashing.
 * @param options - the root, hidden files, size cap; report format.
 * @returns the exit status over all notebooks.
 */
export async function checkData(
  notebooks: readonly string[],
  io: IDataCheckIO,
  options: IDataCheckOptions = {}
): Promise<DataExitStatus> {
  let root: string | undefined;
  if (options.root !== undefined && options.root !== null) {
    try {
      root = await Private.folder(options.root);
    } catch (error) {
      io.stderr(
        `nbproject-lab: --root ${options.root}: ${fileErrorText(error)}\n`
      );
      return 2;
    }
  }
  let status: DataExitStatus = 0;
  const unrecorded: string[] = [];
  const folders: IVerifyOptions['folders'] = new Map();
  const closed = () => io.closed?.() ?? false;
  for (const file of notebooks) {
    if (closed()) {
      break;
    }
    const read = Private.readNotebook(file, io);
    if ('unreadable' in read) {
      io.stderr(
        `nbproject-lab: ${printable(file)}: data not checked (${read.unreadable})\n`
      );
      if (options.json) {
        io.stdout(
          `${JSON.stringify({ file, unreadable: read.unreadable, data: null })}\n`
        );
      }
      status = 2;
      continue;
    }
    const report = await verifyNotebookData(file, read.cells, read.extension, {
      root,
      allowHidden: options.allowHidden,
      maxSize: options.maxSize,
      hashFile: io.hashFile,
      folders,
      stop: closed
    });
    if (closed()) {
      // Nobody reads the report: the status is that of those written.
      break;
    }
    if (
      !options.json &&
      notebooks.length > 1 &&
      !report.recorded &&
      report.files.length === 0
    ) {
      // Of many notebooks (a folder, a hook's run), those that record
      // nothing and read no data file are named together at the end.
      unrecorded.push(file);
      continue;
    }
    io.stdout(
      options.json
        ? `${JSON.stringify({ file, data: report })}\n`
        : Private.describe(file, report)
    );
    if (!report.ok && status === 0) {
      status = 1;
    }
  }
  if (unrecorded.length > 0 && !closed()) {
    io.stdout(unrecordedText(unrecorded));
  }
  return status;
}

/**
 * The paragraph that names, at the end of a human data report on several
 * notebooks, those with no data manifest that read no data file.
 */
export function unrecordedText(files: readonly string[]): string {
  const count = notebookCount(files.length);
  const verb = files.length === 1 ? 'records' : 'record';
  return `${count} ${verb} no data files and read none (no data manifest; publishing in JupyterLab records the files a notebook reads): ${someNamed(files.map(printable), UNRECORDED_NAMED)}\n`;
}

/**
 * The most notebooks {@link unrecordedText} names.
 */
export const UNRECORDED_NAMED = 10;

/**
 * A notebook's data report in one line, as the text report's `data`
 * line starts: `3 recorded: 2 unchanged, 1 changed, 0 missing; 1 new`,
 * or that the notebook records no data files.
 */
export function dataSummary(report: IDataReport): string {
  const { counts } = summarizeData(report.files);
  const recordedCount = counts.unchanged + counts.changed + counts.missing;
  const notRead = report.files.filter(
    entry => entry.stored !== null && entry.unread !== undefined
  ).length;
  return report.recorded
    ? `${recordedCount} recorded: ${counts.unchanged} unchanged, ${counts.changed} changed, ${counts.missing - notRead} missing${notRead > 0 ? `, ${notRead} not read` : ''}${counts.new > 0 ? `; ${counts.new} new` : ''}`
    : 'no data manifest (publish the notebook in JupyterLab to record its data files)';
}

/**
 * The root a notebook's data files must be in when none is given: the
 * nearest folder at or above the notebook's that has a `.git` (a folder,
 * or a file in a linked work tree or submodule), else the notebook's own.
 *
 * @param directory - the notebook's folder, absolute and resolved.
 */
export async function dataRoot(directory: string): Promise<string> {
  for (let dir = directory; ; dir = nodePath.dirname(dir)) {
    try {
      await fsp.lstat(nodePath.join(dir, '.git'));
      return dir;
    } catch {
      // Not here: look further up.
    }
    if (nodePath.dirname(dir) === dir) {
      return directory;
    }
  }
}

/**
 * Verify one notebook's data manifest against the files next to it.
 * Never rejects.
 *
 * @param notebookFile - the notebook's path (relative paths in the
 *   manifest are resolved against its directory).
 * @param cells - its cells, to find files read but not recorded.
 * @param extensionValue - its `metadata.jupyterlab_nbproject`, as found.
 * @param options - the root, hidden files, size cap and hasher.
 */
export async function verifyNotebookData(
  notebookFile: string,
  cells: readonly ICellLike[],
  extensionValue: unknown,
  options: IVerifyOptions = {}
): Promise<IDataReport> {
  const manifest = readDataManifest(extensionValue);
  // The folder holding the notebook (not the target of a linked notebook):
  // the kernel's working directory, where its relative paths start.
  const folder = nodePath.dirname(nodePath.resolve(notebookFile));
  let resolving = options.folders?.get(folder);
  if (resolving === undefined) {
    resolving = Private.real(folder).then(async directory => ({
      directory,
      root: options.root ?? (await dataRoot(directory))
    }));
    options.folders?.set(folder, resolving);
  }
  const { directory, root } = await resolving;
  const allowHidden = options.allowHidden ?? false;
  const read = (path: string): Promise<Private.Outcome> =>
    options.stop?.()
      ? Promise.resolve({ missing: true })
      : Private.read(path, directory, root, {
          allowHidden,
          maxSize: options.maxSize ?? DEFAULT_MAX_DATA_SIZE,
          hashFile: options.hashFile ?? hashFileStreaming
        });
  const recorded = new Set(manifest.entries.map(entry => entry.path));
  const current: (IFileDigest & { path: string })[] = [];
  const failures = new Map<
    string,
    { error: string; unread?: DataFileRefusal }
  >();
  const unreadNew: IDataFileReport[] = [];
  for (const entry of manifest.entries) {
    const outcome = await read(entry.path);
    if ('digest' in outcome) {
      current.push({ path: entry.path, ...outcome.digest });
    } else if ('error' in outcome) {
      failures.set(entry.path, outcome);
    }
  }
  // Files the code reads now but the manifest does not record, if there.
  const found = options.found ?? notebookDataFiles(cells, pythonParser());
  for (const { path } of found.files) {
    // A hidden file (`.env`) is not data to record: not suggested.
    if (recorded.has(path) || !suggestRecording(path, allowHidden)) {
      continue;
    }
    const outcome = await read(path);
    if (
      'unread' in outcome &&
      !suggestRecording(path, allowHidden, outcome.unread === 'hidden')
    ) {
      continue;
    }
    if ('digest' in outcome) {
      current.push({ path, ...outcome.digest });
    } else if ('unread' in outcome && outcome.unread !== undefined) {
      unreadNew.push({
        path: normalizeDataPath(path),
        status: 'new',
        stored: null,
        current: null,
        ...outcome
      });
    }
  }
  const comparisons = compareManifest(manifest.entries, current);
  const files: IDataFileReport[] = comparisons.map(comparison => {
    const failure = failures.get(comparison.path);
    return failure === undefined ? comparison : { ...comparison, ...failure };
  });
  const seen = new Set(files.map(file => file.path));
  files.push(
    ...unreadNew.filter(file => !seen.has(file.path) && !!seen.add(file.path))
  );
  return {
    recorded: manifest.present,
    ok: summarizeData(comparisons).ok,
    files,
    problems: manifest.problems.map(manifestIssueText),
    issues: manifest.problems,
    root
  };
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * Read a notebook file for its cells and the extension's metadata.
   */
  export function readNotebook(
    file: string,
    io: IDataCheckIO
  ): { cells: ICellLike[]; extension: unknown } | { unreadable: string } {
    let text: string;
    try {
      text = io.readFile(file);
    } catch (error) {
      return {
        unreadable: `cannot read (${fileErrorText(error)})`
      };
    }
    // The same rules, and words, as the other checks.
    const read = readNotebookText(text);
    if ('unreadable' in read) {
      return read;
    }
    const { cells, metadata } = read.notebook;
    return { cells, extension: metadata[EXTENSION_KEY] };
  }

  /**
   * A folder given by the user, absolute and resolved; throws when it is
   * not a folder.
   */
  export async function folder(path: string): Promise<string> {
    const resolved = await fsp.realpath(expandHome(path));
    if (!(await fsp.stat(resolved)).isDirectory()) {
      throw new Error('not a folder');
    }
    return resolved;
  }

  /**
   * A path with its symbolic links resolved, or as it is when that fails.
   */
  export async function real(path: string): Promise<string> {
    try {
      return await fsp.realpath(path);
    } catch {
      return path;
    }
  }

  /**
   * `~` is the home directory, as in the kernel.
   */
  function expandHome(path: string): string {
    return /^~(?=$|[\\/])/.test(path) ? homedir() + path.slice(1) : path;
  }

  /**
   * What reading one data file gave: its digest, nothing (it does not
   * exist), or why it was not read or could not be.
   */
  export type Outcome =
    | { digest: IFileDigest }
    | { missing: true }
    | { error: string; unread?: DataFileRefusal };

  /**
   * Hash one data file if it may be read: its path as written must stay
   * below the root and not go through hidden names (checked without the
   * file system), and so must its real path once symbolic links are
   * resolved; then only a regular file within the size cap is read.
   *
   * @param path - the path as the manifest or the code has it.
   * @param directory - the notebook's folder, resolved.
   * @param root - the root, resolved.
   */
  export async function read(
    path: string,
    directory: string,
    root: string,
    options: Required<
      Pick<IVerifyOptions, 'allowHidden' | 'maxSize' | 'hashFile'>
    >
  ): Promise<Outcome> {
    const { allowHidden, maxSize } = options;
    const expanded = expandHome(path);
    const refused = (
      unread: DataFileRefusal,
      size: number | null = null
    ): Outcome => ({
      error: refusal(unread, root, size, maxSize),
      unread
    });
    // As written: nothing outside the root is even looked at.
    const lexical = refuseDataPath(
      root,
      nodePath.resolve(directory, expanded),
      allowHidden
    );
    if (lexical !== null) {
      return refused(lexical);
    }
    let target: string;
    try {
      // Not path.resolve: `link/..` must mean what the system makes of it.
      target = await fsp.realpath(
        nodePath.isAbsolute(expanded)
          ? expanded
          : `${directory}${nodePath.sep}${expanded}`
      );
    } catch (error) {
      return hashErrorCode(error) === 'missing'
        ? { missing: true }
        : { error: fileErrorText(error) };
    }
    const resolved = refuseDataPath(root, target, allowHidden);
    if (resolved !== null) {
      return refused(resolved);
    }
    try {
      return { digest: await options.hashFile(target, { maxSize }) };
    } catch (error) {
      if (error instanceof RefusedFileError && error.refusal !== 'symlink') {
        return error.code === 'EISDIR'
          ? {
              error: 'a directory, not a file; not read',
              unread: error.refusal
            }
          : refused(error.refusal, error.size);
      }
      return hashErrorCode(error) === 'missing'
        ? { missing: true }
        : { error: fileErrorText(error) };
    }
  }

  /**
   * Why a file was not read, in words.
   */
  function refusal(
    unread: DataFileRefusal,
    root: string,
    size: number | null,
    maxSize: number
  ): string {
    const { why, hint } = dataRefusalWords(unread, { root, size, maxSize });
    return `${why}, not read${hint === undefined ? '' : `; ${hint}`}`;
  }

  /**
   * The text report on one notebook, in the layout of the other checks.
   */
  export function describe(file: string, report: IDataReport): string {
    const lines = [printable(file)];
    // The texts quote the notebook's manifest: control characters are
    // written out, so that none starts a line of its own (a GitHub
    // workflow command).
    const block = (label: string, texts: string[]) => {
      texts.forEach((text, i) => {
        lines.push(`  ${(i === 0 ? label : '').padEnd(12)} ${printable(text)}`);
      });
    };
    block('data', [
      dataSummary(report),
      ...report.files
        .filter(entry => entry.status !== 'unchanged')
        .map(
          entry =>
            `${(entry.stored !== null && entry.unread ? 'not read' : entry.status).padEnd(8)} ${entry.path}${detail(entry)}`
        ),
      ...report.problems
    ]);
    return `${lines.join('\n')}\n\n`;
  }

  /**
   * Why a file was not read, without the `not read` that ends its
   * sentence (`outside the root /repo, not read`), for a line that
   * starts with it.
   */
  function withoutNotRead(error: string): string {
    const at = Math.max(
      error.lastIndexOf(', not read'),
      error.lastIndexOf('; not read')
    );
    return at < 0
      ? error
      : error.slice(0, at) + error.slice(at + ', not read'.length);
  }

  /**
   * The parenthesis after a file that is not unchanged.
   */
  function detail(entry: IDataFileReport): string {
    const { stored, current } = entry;
    if (entry.status === 'changed' && stored && current) {
      return ` (recorded ${stored.size} bytes, sha256 ${stored.sha256.slice(0, 12)}…; now ${current.size} bytes, ${current.sha256.slice(0, 12)}…)`;
    }
    if (entry.status === 'missing') {
      // A file not read is labelled so: its reason does not say it again.
      return entry.error
        ? ` (${entry.unread ? withoutNotRead(entry.error) : entry.error})`
        : ' (no such file)';
    }
    if (entry.status === 'new') {
      return current
        ? ` (read by the notebook, not recorded; ${current.size} bytes)`
        : ` (read by the notebook, not recorded; ${entry.error ?? 'not read'})`;
    }
    return '';
  }
}
