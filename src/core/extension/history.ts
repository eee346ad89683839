// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { isJSONObject } from '../common/json';
import { ExtensionIssue, readExtension, withExtensionPart } from './metadata';

/**
 * One publication of the notebook, as stored in the `history` list of the
 * extension's metadata.
 */
export interface IPublishRecord {
  /**
   * The version published.
   */
  version: string;
  /**
   * When, ISO 8601 in UTC.
   */
  time: string;
  /**
   * The user's change note, or `null`.
   */
  note: string | null;
  /**
   * Whether the code cells had run in order (nbproject's rule).
   */
  consecutive: boolean;
  /**
   * SHA-256 of the code cells' sources (see `codeDigest`).
   */
  code_sha256: string;
  /**
   * The kernel's Python version, or `null` without a kernel.
   */
  python: string | null;
  /**
   * SHA-256 of the environment snapshot taken with this publication (the
   * `sha256` of the stored `environment`), when one was.
   */
  environment_sha256?: string;
  /**
   * The verification in a fresh kernel run before publishing, when the
   * user chose one.
   */
  verified?: IVerifiedRecord;
}

/**
 * A verification in a fresh kernel, as recorded with a publication.
 */
export interface IVerifiedRecord {
  /**
   * When it ended, ISO 8601 in UTC.
   */
  time: string;
  /**
   * The kernelspec of the fresh kernel.
   */
  kernelspec: string;
  /**
   * The Python version the fresh kernel reported, or `null`.
   */
  python: string | null;
  /**
   * How many code cells gave the stored outputs, differed, and raised.
   */
  same: number;
  differs: number;
  errors: number;
  /**
   * The normalisations on (see `normalisationsOn`).
   */
  normalisations: string[];
}

/**
 * What could not be read in the publish history: the extension's
 * metadata as a whole, `history.notList` (the history is not a list and
 * was ignored), or `history.badRecord` (one record was ignored).
 */
export type HistoryIssue =
  ExtensionIssue | { code: 'history.notList' } | { code: 'history.badRecord' };

/**
 * The publish history, read leniently.
 */
export interface IPublishHistory {
  /**
   * The publications, oldest first (unreadable entries left out).
   */
  records: IPublishRecord[];
  /**
   * What could not be read.
   */
  problems: HistoryIssue[];
}

/**
 * Read the publish history from the extension's metadata. Never throws.
 *
 * @param extensionValue - the value under `jupyterlab_nbproject`, as found.
 */
export function readPublishHistory(extensionValue: unknown): IPublishHistory {
  const read = readExtension(extensionValue);
  const { value } = read;
  const problems: HistoryIssue[] = [...read.problems];
  const stored = value.history ?? [];
  if (!Array.isArray(stored)) {
    problems.push({ code: 'history.notList' });
  }
  const records = (Array.isArray(stored) ? stored : []).filter(
    (entry): entry is IPublishRecord => {
      const ok =
        isJSONObject(entry) &&
        typeof entry.version === 'string' &&
        typeof entry.time === 'string' &&
        typeof entry.code_sha256 === 'string';
      if (!ok) {
        problems.push({ code: 'history.badRecord' });
      }
      return ok;
    }
  );
  return { records, problems };
}

/**
 * The most recent publication, if any.
 *
 * @param history - as {@link readPublishHistory} reads it.
 */
export function lastPublished(history: IPublishHistory): IPublishRecord | null {
  return history.records.length > 0
    ? history.records[history.records.length - 1]
    : null;
}

/**
 * The extension's metadata for a copy of the notebook (a remix): the
 * publications were the source's, so a stored history is emptied; every
 * other key stays, and a value without a history is returned as it is.
 *
 * @param extensionValue - the source's value under `jupyterlab_nbproject`.
 */
export function withoutPublishHistory(extensionValue: unknown): unknown {
  const { value } = readExtension(extensionValue);
  return 'history' in value ? { ...value, history: [] } : extensionValue;
}

/**
 * The value to store under the extension's key after appending a record:
 * the stored list as it was (entries this version cannot read included),
 * then the record; every other key is kept, and a history that is not a
 * list is kept under `history_unreadable`.
 *
 * @param extensionValue - the value under `jupyterlab_nbproject`, as found.
 * @param record - the publication.
 */
export function appendPublishRecord(
  extensionValue: unknown,
  record: IPublishRecord
): Record<string, unknown> {
  const previous = readExtension(extensionValue).value.history;
  const readable = previous === undefined || Array.isArray(previous);
  return withExtensionPart(
    extensionValue,
    'history',
    [...(Array.isArray(previous) ? previous : []), { ...record }],
    readable
  );
}

/**
 * The extension's value with fields changed in the last record of its
 * history (the publication being made); as it is without a history.
 *
 * @param extensionValue - the value under `jupyterlab_nbproject`.
 * @param change - the fields to set.
 */
export function withLastRecord(
  extensionValue: Record<string, unknown>,
  change: Partial<IPublishRecord>
): Record<string, unknown> {
  const history = Array.isArray(extensionValue.history)
    ? [...extensionValue.history]
    : [];
  if (history.length === 0) {
    return extensionValue;
  }
  history[history.length - 1] = { ...history[history.length - 1], ...change };
  return { ...extensionValue, history };
}
