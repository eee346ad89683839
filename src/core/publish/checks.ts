// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { findAbsolutePaths, IAbsolutePathFinding } from '../hygiene/absolutePaths';
import { notebookDataFiles } from '../data/files';
import type { PythonParser } from '../python/parser';
import { IDataManifestEntry, normalizeDataPath, readDataManifest } from '../data/manifest';
import { FileHashResult, HashErrorCode, HashSkipCode, isFileDigest, isHashSkip } from '../kernel/hashRequest';
import { ICellLike } from '../notebook/cells';
import type { IPublishCheck } from './plan';
import { describeUnscanned } from '../common/scanLimits';
import { findSecrets, ICellWithOutputs, ISecretFinding, SECRET_KIND_LABELS, unscannedLines } from '../hygiene/secrets';

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
    const file: IDataFileToHash = { path: key, added: byHand || (known?.added ?? false) };
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
  return [...files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
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
export function dataManifestEntries(data: IPublishData): IDataManifestEntry[] | null {
  const { results } = data;
  if (results === null) {
    return null;
  }
  const entries: IDataManifestEntry[] = [];
  for (const file of data.files) {
    const result = results.get(file.path);
    if (isFileDigest(result)) {
      entries.push({ path: file.path, sha256: result.sha256, size: result.size, ...(file.added ? { added: true } : {}) });
    } else if ((result === undefined || isHashSkip(result)) && file.stored) {
      entries.push(file.stored);
    }
  }
  return entries;
}

/**
 * The `secrets` check: blocking when a cell holds a credential, naming
 * where (cell, source line or output, kind, masked excerpt) and what to
 * do instead. Lines too long to scan are counted in the message.
 *
 * @param cells - the notebook's cells, with outputs.
 */
export function secretsCheck(cells: readonly ICellWithOutputs[]): IPublishCheck {
  const findings = findSecrets(cells);
  const unscanned = describeUnscanned(unscannedLines(cells));
  const note = unscanned === null ? '' : ` ${unscanned[0].toUpperCase()}${unscanned.slice(1)}.`;
  if (findings.length === 0) {
    return {
      id: 'secrets',
      passed: true,
      blocking: true,
      message: `No credentials found in cells or outputs.${note}`
    };
  }
  const shown = findings.slice(0, Private.MAX_FINDINGS).map(describeSecret);
  const more = findings.length - shown.length;
  return {
    id: 'secrets',
    passed: false,
    blocking: true,
    message:
      `Credentials in the notebook: ${shown.join('; ')}${more > 0 ? ` (and ${more} more)` : ''}. ` +
      `Read them at run time with os.environ["NAME"] (set outside the notebook, or in a .env file ` +
      `loaded with python-dotenv), clear outputs that print them, and revoke any that were saved.${note}`
  };
}

/**
 * One secret finding in words: `cell 3, line 2: AWS access key id
 * (AKIA•••)`.
 *
 * @param finding - a finding of `findSecrets`.
 */
export function describeSecret(finding: ISecretFinding): string {
  const where =
    finding.where === 'output'
      ? `cell ${finding.cell + 1}, output ${(finding.output ?? 0) + 1}`
      : `cell ${finding.cell + 1}, line ${finding.line}`;
  return `${where}: ${SECRET_KIND_LABELS[finding.kind]} (${Private.cut(finding.excerpt)})`;
}

/**
 * The `absolute-paths` check: a warning naming each user-specific
 * absolute path and the relative path (or environment variable) to
 * write instead.
 *
 * @param cells - the notebook's cells.
 * @param notebookDirectory - the notebook's absolute directory, when
 *   known, for relative suggestions.
 */
export function absolutePathsCheck(
  cells: readonly ICellLike[],
  notebookDirectory?: string | null
): IPublishCheck {
  const findings = findAbsolutePaths(cells, notebookDirectory);
  if (findings.length === 0) {
    return { id: 'absolute-paths', passed: true, blocking: false, message: 'No paths in a home directory.' };
  }
  const shown = findings.slice(0, Private.MAX_FINDINGS).map(describeAbsolutePath);
  const more = findings.length - shown.length;
  return {
    id: 'absolute-paths',
    passed: false,
    blocking: false,
    message: `Paths that only exist on this machine: ${shown.join('; ')}${more > 0 ? ` (and ${more} more)` : ''}.`
  };
}

/**
 * One absolute path in words, with the path to use instead.
 *
 * @param finding - a finding of `findAbsolutePaths`.
 */
export function describeAbsolutePath(finding: IAbsolutePathFinding): string {
  return `cell ${finding.cell + 1}, line ${finding.line}: ${Private.cut(finding.path)}${
    finding.relative !== null ? ` (use "${Private.cut(finding.relative)}")` : ` (${finding.suggestion})`
  }`;
}

/**
 * The `data` check: a warning when a data file could not be hashed, or
 * when nothing could be hashed at all.
 *
 * @param data - the hashing's outcome.
 */
export function dataCheck(data: IPublishData): IPublishCheck {
  const { files, results } = data;
  if (files.length === 0) {
    return { id: 'data', passed: true, blocking: false, message: 'No data files read by the code.' };
  }
  if (results === null) {
    return {
      id: 'data',
      passed: false,
      blocking: false,
      message: `The data files were not hashed (${data.failure ?? 'no usable kernel'}): the recorded ones are kept as they were.`
    };
  }
  const failed: string[] = [];
  const skipped: string[] = [];
  let bytes = 0;
  for (const file of files) {
    const result = results.get(file.path);
    if (isFileDigest(result)) {
      bytes += result.size;
    } else if (result !== undefined && isHashSkip(result)) {
      skipped.push(`${Private.cut(file.path)} (${Private.reason(result.code)}${file.stored ? ', recorded entry kept' : ''})`);
    } else {
      failed.push(`${Private.cut(file.path)} (${result === undefined ? 'not hashed' : Private.reason(result.code)})`);
    }
  }
  const recorded = files.length - failed.length - skipped.length;
  if (failed.length > 0 || skipped.length > 0) {
    return {
      id: 'data',
      passed: false,
      blocking: false,
      message: [
        failed.length > 0 ? `Data files not recorded: ${Private.list(failed)}.` : '',
        skipped.length > 0 ? `Data files not read: ${Private.list(skipped)}.` : '',
        `${recorded} recorded.`
      ]
        .filter(Boolean)
        .join(' ')
    };
  }
  return {
    id: 'data',
    passed: true,
    blocking: false,
    message: `Data files recorded with their SHA-256: ${recorded} (${formatBytes(bytes)}).`
  };
}

/**
 * A size for people: `512 bytes`, `1.5 KB`, `12.3 MB`, `2.0 GB`.
 *
 * @param bytes - a whole number of bytes.
 */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) {
    return bytes === 1 ? '1 byte' : `${bytes} bytes`;
  }
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * Most findings a message names.
   */
  export const MAX_FINDINGS = 5;

  /**
   * Longest excerpt of a stranger's text.
   */
  const EXCERPT = 100;

  /**
   * Cut a stranger's text.
   */
  export function cut(value: string): string {
    return value.length > EXCERPT ? `${value.slice(0, EXCERPT)}…` : value;
  }

  /**
   * The first items, then how many more.
   */
  export function list(items: readonly string[]): string {
    const shown = items.slice(0, MAX_FINDINGS).join(', ');
    return items.length > MAX_FINDINGS ? `${shown} (and ${items.length - MAX_FINDINGS} more)` : shown;
  }

  /**
   * Why a file could not be hashed, or was not read, in words.
   */
  export function reason(code: HashErrorCode | HashSkipCode): string {
    return REASONS[code];
  }

  const REASONS: Record<HashErrorCode | HashSkipCode, string> = {
    missing: 'missing',
    directory: 'a directory',
    unreadable: 'unreadable',
    outside: 'outside the project, not read',
    hidden: 'a hidden file, not read',
    special: 'not a regular file, not read',
    'too-large': 'over the size limit, not read',
    unfinished: 'not finished',
    unseen: 'the kernel cannot see the project folder'
  };
}
