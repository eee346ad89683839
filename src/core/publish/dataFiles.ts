// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { notebookDataFiles } from '../data/files';
import { IDataManifestEntry, readDataManifest } from '../data/manifest';
import { normalizeDataPath } from '../data/paths';
import {
  FileHashResult,
  isFileDigest,
  isHashSkip
} from '../kernel/hashRequest';
import { ICellLike } from '../notebook/cells';
import type { PythonParser } from '../python/parser';
import { compareText } from '../common/text';

/**
 * A data file publishing hashes.
 */
export interface IDataFileToHash {
  /**
   * The path, normalized, relative to the notebook unless absolute.
   */
  path: string;
  /**
   * Whether the user added it by hand (kept in the manifest as `added`).
   */
  added: boolean;
  /**
   * What the manifest records for it, if anything: kept as it was when
   * the file is not read (outside the project, hidden, too large, not
   * finished).
   */
  stored?: IDataManifestEntry;
}

/**
 * What the kernel found for the data files, for the publish plan.
 */
export interface IPublishData {
  /**
   * The files that were to be hashed (see {@link dataFilesToHash}).
   */
  files: readonly IDataFileToHash[];
  /**
   * What the kernel found for each path (a `Map`: paths are strangers'
   * strings); `null` when the files could not be hashed at all (no
   * usable kernel), with {@link failure} saying why.
   */
  results: ReadonlyMap<string, FileHashResult> | null;
  /**
   * Why nothing was hashed, when {@link results} is `null`.
   */
  failure?: string;
}

/**
 * The data files to hash on publishing: those the code reads, those the
 * manifest already records (a file read in a way the analysis cannot
 * follow stays recorded), and those the user adds now, each once, sorted.
 *
 * @param cells - the notebook's cells.
 * @param parser - the Python parser (the code is read for the files it reads).
 * @param extensionValue - the stored `metadata.jupyterlab_nbproject`.
 * @param added - paths the user adds by hand.
 */
export function dataFilesToHash(
  cells: readonly ICellLike[],
  parser: PythonParser,
  extensionValue: unknown,
  added: readonly string[] = []
): IDataFileToHash[] {
  const files = new Map<string, IDataFileToHash>();
  const put = (path: string, byHand: boolean, stored?: IDataManifestEntry) => {
    const key = normalizeDataPath(path);
    if (key === '') {
      return;
    }
    const known = files.get(key);
    const file: IDataFileToHash = {
      path: key,
      added: byHand || (known?.added ?? false)
    };
    const recorded = stored ?? known?.stored;
    if (recorded) {
      file.stored = recorded;
    }
    files.set(key, file);
  };
  for (const file of notebookDataFiles(cells, parser).files) {
    put(file.path, false);
  }
  for (const entry of readDataManifest(extensionValue).entries) {
    put(entry.path, entry.added === true, entry);
  }
  for (const path of added) {
    put(path, true);
  }
  return [...files.values()].sort((a, b) => compareText(a.path, b.path));
}

/**
 * The manifest entries publishing records: every file the kernel hashed.
 * A file it did not read by rule (outside the project, hidden, not a
 * regular file, too large, not finished) keeps the entry already
 * recorded for it, as it was, and gets none if it had none: no digest of
 * a file outside the project is ever made by publishing. Files that are
 * missing or unreadable now are left out (the `data` check names them).
 * `null` when nothing was hashed: the stored manifest is kept as it was.
 *
 * @param data - the hashing's outcome.
 */
export function dataManifestEntries(
  data: IPublishData
): IDataManifestEntry[] | null {
  const { results } = data;
  if (results === null) {
    return null;
  }
  const entries: IDataManifestEntry[] = [];
  for (const file of data.files) {
    const result = results.get(file.path);
    if (isFileDigest(result)) {
      entries.push({
        path: file.path,
        sha256: result.sha256,
        size: result.size,
        ...(file.added ? { added: true } : {})
      });
    } else if ((result === undefined || isHashSkip(result)) && file.stored) {
      entries.push(file.stored);
    }
  }
  return entries;
}
