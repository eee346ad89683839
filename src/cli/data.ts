// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { homedir } from 'os';
import * as nodePath from 'path';

import { notebookDataFiles } from '../core/dataFiles';
import {
  compareManifest,
  IDataComparison,
  IFileDigest,
  readDataManifest,
  summarizeData
} from '../core/dataManifest';
import { EXTENSION_KEY } from '../core/history';
import { ICellLike, isJSONObject } from '../core/notebook';
import { checkNotebookText } from './check';
import { hashErrorCode, hashFileStreaming } from './hash';

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
   * Hash a file by streaming it; rejects with Node's error when it
   * cannot. Default: {@link hashFileStreaming}.
   */
  hashFile?(path: string): Promise<IFileDigest>;
}

/**
 * How to report.
 */
export interface IDataCheckOptions {
  /**
   * One JSON object per notebook and line, `{"file", "data"}`, instead
   * of text.
   */
  json?: boolean;
}

/**
 * The exit status of a data check, with the values of `ExitCode` in
 * main.ts: 0 when every recorded file is there unchanged (or a notebook
 * records none), 1 when one is changed or missing, 2 when a notebook
 * cannot be read.
 */
export type DataExitStatus = 0 | 1 | 2;

/**
 * One file's verdict in the report.
 */
export interface IDataFileReport extends IDataComparison {
  /**
   * Why a missing file could not be hashed (Node's words), when it
   * exists but cannot be read, or is a directory.
   */
  error?: string;
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
   * The recorded files, then new files the code reads that exist.
   */
  files: IDataFileReport[];
  /**
   * What could not be read in the manifest.
   */
  problems: string[];
}

/**
 * Verify the data manifests of notebooks headlessly: `nbproject-lab check
 * --data`. Each recorded file is hashed locally, streaming, relative to
 * its notebook's directory (`~` is the home directory), and compared
 * with the manifest; files the code reads that exist but are not
 * recorded are listed as new (they do not fail the check). Files are
 * hashed one after the other. Never rejects.
 *
 * @param notebooks - the notebook files, as the user gave them.
 * @param io - output, notebook reading and (optionally) hashing.
 * @param options - report format.
 * @returns the exit status over all notebooks.
 */
export async function checkData(
  notebooks: readonly string[],
  io: IDataCheckIO,
  options: IDataCheckOptions = {}
): Promise<DataExitStatus> {
  let status: DataExitStatus = 0;
  for (const file of notebooks) {
    const read = Private.readNotebook(file, io);
    if ('unreadable' in read) {
      io.stderr(`nbproject-lab: ${file}: data not checked (${read.unreadable})\n`);
      status = 2;
      continue;
    }
    const report = await verifyNotebookData(file, read.cells, read.extension, io.hashFile);
    io.stdout(
      options.json
        ? `${JSON.stringify({ file, data: report })}\n`
        : Private.describe(file, report)
    );
    if (!report.ok && status === 0) {
      status = 1;
    }
  }
  return status;
}

/**
 * Verify one notebook's data manifest against the files next to it.
 * Never rejects.
 *
 * @param notebookFile - the notebook's path (relative paths in the
 *   manifest are resolved against its directory).
 * @param cells - its cells, to find files read but not recorded.
 * @param extensionValue - its `metadata.jupyterlab_nbproject`, as found.
 * @param hashFile - the hasher; default {@link hashFileStreaming}.
 */
export async function verifyNotebookData(
  notebookFile: string,
  cells: readonly ICellLike[],
  extensionValue: unknown,
  hashFile: (path: string) => Promise<IFileDigest> = hashFileStreaming
): Promise<IDataReport> {
  const manifest = readDataManifest(extensionValue);
  const directory = nodePath.dirname(notebookFile);
  const recorded = new Set(manifest.entries.map(entry => entry.path));
  const current: (IFileDigest & { path: string })[] = [];
  const errors = new Map<string, string>();
  const hash = async (path: string) => {
    try {
      current.push({ path, ...(await hashFile(Private.resolve(directory, path))) });
    } catch (error) {
      if (hashErrorCode(error) !== 'missing') {
        errors.set(path, (error as Error)?.message ?? String(error));
      }
    }
  };
  for (const entry of manifest.entries) {
    await hash(entry.path);
  }
  // Files the code reads now but the manifest does not record, if there.
  for (const { path } of notebookDataFiles(cells).files) {
    if (!recorded.has(path)) {
      await hash(path);
    }
  }
  const comparisons = compareManifest(manifest.entries, current);
  const files = comparisons.map(comparison => {
    const error = errors.get(comparison.path);
    return error === undefined ? comparison : { ...comparison, error };
  });
  return {
    recorded: manifest.present,
    ok: summarizeData(comparisons).ok,
    files,
    problems: manifest.problems
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
      return { unreadable: `cannot read: ${(error as Error)?.message ?? String(error)}` };
    }
    // The same rules, and words, as the other checks.
    const checked = checkNotebookText(text);
    if ('unreadable' in checked) {
      return checked;
    }
    const notebook = JSON.parse(text.replace(/^\uFEFF/, '')) as Record<string, unknown>;
    const cells = (notebook.cells as unknown[]).map(cell =>
      isJSONObject(cell) ? { ...cell, cell_type: cell.cell_type } : { cell_type: null }
    );
    const metadata = notebook.metadata;
    return { cells, extension: isJSONObject(metadata) ? metadata[EXTENSION_KEY] : undefined };
  }

  /**
   * A manifest path on this machine: `~` is the home directory, a
   * relative path is relative to the notebook's directory.
   */
  export function resolve(directory: string, path: string): string {
    const expanded = /^~(?=$|\/)/.test(path) ? homedir() + path.slice(1) : path;
    return nodePath.resolve(directory, expanded);
  }

  /**
   * The text report on one notebook, in the layout of the other checks.
   */
  export function describe(file: string, report: IDataReport): string {
    const lines = [file];
    const block = (label: string, texts: string[]) => {
      texts.forEach((text, i) => {
        lines.push(`  ${(i === 0 ? label : '').padEnd(12)} ${text}`);
      });
    };
    const { counts } = summarizeData(report.files);
    const recordedCount = counts.unchanged + counts.changed + counts.missing;
    block('data', [
      report.recorded
        ? `${recordedCount} recorded: ${counts.unchanged} unchanged, ${counts.changed} changed, ${counts.missing} missing${counts.new > 0 ? `; ${counts.new} new` : ''}`
        : 'no data manifest (publish the notebook in JupyterLab to record its data files)',
      ...report.files
        .filter(entry => entry.status !== 'unchanged')
        .map(entry => `${entry.status.padEnd(8)} ${entry.path}${detail(entry)}`),
      ...report.problems
    ]);
    return `${lines.join('\n')}\n\n`;
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
      return entry.error ? ` (${entry.error})` : ' (no such file)';
    }
    if (entry.status === 'new' && current) {
      return ` (read by the notebook, not recorded; ${current.size} bytes)`;
    }
    return '';
  }
}
