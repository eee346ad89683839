// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import {
  ExtensionPart,
  readExtension,
  withExtensionPart
} from '../extension/metadata';
import { isJSONObject } from '../common/json';
import { compareText, cut } from '../common/text';
import { tally } from '../common/tally';
import { normalizeDataPath } from './paths';

/**
 * The key, inside the extension's metadata (`jupyterlab_nbproject`), under
 * which publishing records the data files the notebook read:
 *
 * ```json
 * "jupyterlab_nbproject": {
 *   "schema_version": 1,
 *   "history": [...],
 *   "data": {
 *     "files": [
 *       {"path": "data/iris.csv", "sha256": "<64 lowercase hex digits>", "size": 4551},
 *       {"path": "../shared/labels.json", "sha256": "…", "size": 912, "added": true}
 *     ]
 *   }
 * }
 * ```
 *
 * `path` is relative to the notebook's directory (or absolute, as the code
 * wrote it), with `/` separators; `size` is in bytes; `added` marks a file
 * the user added by hand because no reader in the code names it, so that
 * the next publish keeps it. `data` is an object so that later fields can
 * sit beside `files`; keys this version does not know are kept.
 */
export const DATA_KEY: ExtensionPart = 'data';

/**
 * The SHA-256 digest and size of a file's bytes.
 */
export interface IFileDigest {
  /**
   * SHA-256 of the file's content, 64 lowercase hex digits.
   */
  sha256: string;
  /**
   * The size in bytes.
   */
  size: number;
}

/**
 * One file of the data manifest.
 */
export interface IDataManifestEntry extends IFileDigest {
  /**
   * The path, relative to the notebook's directory unless absolute, as
   * `normalizeDataPath` writes it.
   */
  path: string;
  /**
   * `true` when the user added the file by hand (no reader in the code
   * names it); absent otherwise.
   */
  added?: boolean;
}

/**
 * What could not be read in the data manifest:
 *
 * - `manifest.notList`: it is not an object with a list of files, and was
 *   ignored;
 * - `manifest.badEntry`: the entry at `index` (from 0) is not a file's
 *   path, digest and size, and was ignored;
 * - `manifest.duplicate`: a path (cut) is recorded twice; the first entry
 *   is used.
 */
export type ManifestIssue =
  | { code: 'manifest.notList' }
  | { code: 'manifest.badEntry'; params: { index: number } }
  | { code: 'manifest.duplicate'; params: { path: string } };

/**
 * The data manifest, read leniently from the extension's metadata.
 */
export interface IDataManifestRead {
  /**
   * Whether the metadata has a `data` key at all (a notebook published
   * before data was recorded has none: nothing to verify).
   */
  present: boolean;
  /**
   * The readable entries, in stored order, one per path.
   */
  entries: IDataManifestEntry[];
  /**
   * What could not be read.
   */
  problems: ManifestIssue[];
}

/**
 * The statuses of {@link DataFileStatus}.
 */
export const DATA_FILE_STATUSES = [
  'unchanged',
  'changed',
  'missing',
  'new'
] as const;

/**
 * How a data file compares with the manifest.
 *
 * - `unchanged`: same size and SHA-256;
 * - `changed`: the file is there with other content;
 * - `missing`: recorded, but not found (or not readable) now;
 * - `new`: read by the notebook now, but not recorded.
 */
export type DataFileStatus = (typeof DATA_FILE_STATUSES)[number];

/**
 * One file's comparison.
 */
export interface IDataComparison {
  /**
   * The normalized path.
   */
  path: string;
  /**
   * The verdict.
   */
  status: DataFileStatus;
  /**
   * What the manifest records, or `null` for a `new` file.
   */
  stored: IDataManifestEntry | null;
  /**
   * What the file is now, or `null` for a `missing` one.
   */
  current: IFileDigest | null;
}

/**
 * Counts of a comparison, for a badge or a summary line.
 */
export interface IDataSummary {
  /**
   * Files per status.
   */
  counts: Record<DataFileStatus, number>;
  /**
   * Whether every recorded file is there, unchanged (new files do not
   * count against it).
   */
  ok: boolean;
}

/**
 * Read the data manifest from the value stored under the extension's key
 * (`metadata.jupyterlab_nbproject`). Never throws: entries that are not
 * `{path, sha256, size}` with a non-empty path, 64 hex digits and a whole
 * non-negative size are left out with a problem each; a path recorded
 * twice keeps its first entry.
 *
 * @param extensionValue - the value under `jupyterlab_nbproject`, as found.
 */
export function readDataManifest(extensionValue: unknown): IDataManifestRead {
  const data = readExtension(extensionValue).value[DATA_KEY];
  if (data === undefined) {
    return { present: false, entries: [], problems: [] };
  }
  const files = isJSONObject(data) ? data.files : undefined;
  if (!Array.isArray(files)) {
    return {
      present: true,
      entries: [],
      problems: [{ code: 'manifest.notList' }]
    };
  }
  const problems: ManifestIssue[] = [];
  const seen = new Set<string>();
  const entries: IDataManifestEntry[] = [];
  files.forEach((file, index) => {
    const entry = Private.toEntry(file);
    if (entry === null) {
      problems.push({ code: 'manifest.badEntry', params: { index } });
    } else if (seen.has(entry.path)) {
      problems.push({
        code: 'manifest.duplicate',
        params: { path: cut(entry.path, Private.MAX_EXCERPT) }
      });
    } else {
      seen.add(entry.path);
      entries.push(entry);
    }
  });
  return { present: true, entries, problems };
}

/**
 * The value to store under the extension's key with a new data manifest:
 * every other key is kept (the publish history among them), and so are
 * keys of the old `data` object other than `files`. An old `data` value
 * that is not an object is kept under `data_unreadable`. Entries are
 * normalized, sorted by path and made unique (the last entry for a path
 * wins).
 *
 * @param extensionValue - the value under `jupyterlab_nbproject`, as found.
 * @param entries - the files to record.
 */
export function withDataManifest(
  extensionValue: unknown,
  entries: readonly IDataManifestEntry[]
): Record<string, unknown> {
  const previous = readExtension(extensionValue).value[DATA_KEY];
  const byPath = new Map<string, IDataManifestEntry>();
  for (const entry of entries) {
    const path = normalizeDataPath(entry.path);
    byPath.set(path, {
      path,
      sha256: entry.sha256.toLowerCase(),
      size: entry.size,
      ...(entry.added ? { added: true } : {})
    });
  }
  const files = [...byPath.values()].sort((a, b) =>
    compareText(a.path, b.path)
  );
  return withExtensionPart(
    extensionValue,
    DATA_KEY,
    { ...(isJSONObject(previous) ? previous : {}), files },
    previous === undefined || isJSONObject(previous)
  );
}

/**
 * Compare the recorded files with what is there now. Pure: the caller
 * hashes (in the kernel, or in Node for the CLI) and passes the digests
 * of the files it found; a recorded file without a current digest is
 * `missing`, a current file not recorded is `new`. Paths are compared
 * after `normalizeDataPath`.
 *
 * @param stored - the manifest's entries.
 * @param current - digests of the files as they are now.
 * @returns one comparison per path: the recorded files in stored order,
 *   then the new ones in the order given.
 */
export function compareManifest(
  stored: readonly IDataManifestEntry[],
  current: readonly (IFileDigest & { path: string })[]
): IDataComparison[] {
  const now = new Map<string, IFileDigest>();
  for (const file of current) {
    const path = normalizeDataPath(file.path);
    if (!now.has(path)) {
      now.set(path, { sha256: file.sha256, size: file.size });
    }
  }
  const out: IDataComparison[] = [];
  const recorded = new Set<string>();
  for (const entry of stored) {
    const path = normalizeDataPath(entry.path);
    if (recorded.has(path)) {
      continue;
    }
    recorded.add(path);
    const digest = now.get(path) ?? null;
    out.push({
      path,
      status:
        digest === null
          ? 'missing'
          : digest.size === entry.size &&
              digest.sha256.toLowerCase() === entry.sha256.toLowerCase()
            ? 'unchanged'
            : 'changed',
      stored: entry,
      current: digest
    });
  }
  for (const [path, digest] of now) {
    if (!recorded.has(path)) {
      out.push({ path, status: 'new', stored: null, current: digest });
    }
  }
  return out;
}

/**
 * Count a comparison's verdicts.
 *
 * @param comparisons - as {@link compareManifest} returns them.
 */
export function summarizeData(
  comparisons: readonly IDataComparison[]
): IDataSummary {
  const counts = tally(comparisons, DATA_FILE_STATUSES);
  return { counts, ok: counts.changed === 0 && counts.missing === 0 };
}

/**
 * Whether a string is a SHA-256 digest in hex (either case).
 *
 * @param value - any value.
 */
export function isSha256(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-fA-F]{64}$/.test(value);
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * Longest excerpt of a path in a problem sentence.
   */
  export const MAX_EXCERPT = 80;

  /**
   * A stored entry, validated and normalized, or `null`.
   */
  export function toEntry(value: unknown): IDataManifestEntry | null {
    if (!isJSONObject(value)) {
      return null;
    }
    const { path, sha256, size, added } = value;
    if (
      typeof path !== 'string' ||
      normalizeDataPath(path) === '' ||
      !isSha256(sha256) ||
      typeof size !== 'number' ||
      !Number.isSafeInteger(size) ||
      size < 0
    ) {
      return null;
    }
    return {
      path: normalizeDataPath(path),
      sha256: sha256.toLowerCase(),
      size,
      ...(added === true ? { added: true } : {})
    };
  }
}
