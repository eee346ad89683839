// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { isJSONObject } from '../common/json';

/**
 * The notebook-level metadata key this extension owns. It sits beside
 * `nbproject` (never inside it) so nbproject's own keys stay exactly
 * nbproject's.
 *
 * ```json
 * "jupyterlab_nbproject": {
 *   "schema_version": 1,
 *   "history": [{"version": "2", "time": "…+00:00", "note": "…",
 *                "consecutive": true, "code_sha256": "…", "python": "3.11.7"}]
 * }
 * ```
 */
export const EXTENSION_KEY = 'jupyterlab_nbproject';

/**
 * The version of the layout under {@link EXTENSION_KEY}.
 */
export const EXTENSION_SCHEMA_VERSION = 1;

/**
 * One publication of the notebook.
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
}

/**
 * The extension's metadata, read leniently.
 */
export interface IExtensionMetadata {
  /**
   * The publications, oldest first (unreadable entries left out).
   */
  history: IPublishRecord[];
  /**
   * Readable sentences about what could not be read.
   */
  problems: string[];
  /**
   * The stored object as found, for writing back with what it had.
   */
  raw: Record<string, unknown>;
}

/**
 * Read the value under {@link EXTENSION_KEY}. Never throws.
 */
export function readExtensionMetadata(value: unknown): IExtensionMetadata {
  if (value === undefined) {
    return { history: [], problems: [], raw: {} };
  }
  if (!isJSONObject(value)) {
    return {
      history: [],
      problems: [`The "${EXTENSION_KEY}" metadata is not an object; it will be replaced on publish.`],
      raw: {}
    };
  }
  const problems: string[] = [];
  const rawHistory = value.history ?? [];
  if (!Array.isArray(rawHistory)) {
    problems.push('The publish history is not a list; it was ignored.');
  }
  const history = (Array.isArray(rawHistory) ? rawHistory : []).filter(
    (entry): entry is IPublishRecord => {
      const ok =
        isJSONObject(entry) &&
        typeof entry.version === 'string' &&
        typeof entry.time === 'string' &&
        typeof entry.code_sha256 === 'string';
      if (!ok) {
        problems.push('A publish record could not be read; it was ignored.');
      }
      return ok;
    }
  );
  return { history, problems, raw: value };
}

/**
 * The most recent publication, if any.
 */
export function lastPublished(meta: IExtensionMetadata): IPublishRecord | null {
  return meta.history.length > 0 ? meta.history[meta.history.length - 1] : null;
}

/**
 * The value to store after appending a record: every key the stored object
 * had is kept; an unreadable history list is kept under `history_unreadable`.
 */
export function appendPublishRecord(
  meta: IExtensionMetadata,
  record: IPublishRecord
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...meta.raw };
  const previous = meta.raw.history;
  if (previous !== undefined && !Array.isArray(previous)) {
    out.history_unreadable = previous;
  }
  out.schema_version = EXTENSION_SCHEMA_VERSION;
  out.history = [...(Array.isArray(previous) ? previous : []), { ...record }];
  return out;
}
