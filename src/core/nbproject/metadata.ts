// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import {
  formatTimestamp,
  generateId,
  parseTimestamp,
  RandomBytes
} from './ids';
import { isJSONObject } from '../common/json';
import { quote, valueShape, ValueShape } from '../common/text';

/**
 * The notebook-level metadata key nbproject owns.
 */
export const NBPROJECT_KEY = 'nbproject';

/**
 * The keys of nbproject's full form, in the order nbformat writes them
 * (alphabetical).
 */
export const NBPROJECT_KEYS = [
  'id',
  'parent',
  'pypackage',
  'time_init',
  'user_handle',
  'user_id',
  'user_name',
  'version'
] as const;

/**
 * One of nbproject's own keys.
 */
export type NbprojectKey = (typeof NBPROJECT_KEYS)[number];

/**
 * nbproject metadata, read leniently from any JSON value.
 *
 * Fields nbproject defines are typed; anything unusable in them is `null`
 * and reported as a problem. Keys nbproject does not define are kept
 * verbatim in `extra` so that writing the metadata back never drops them.
 */
export interface INbprojectMetadata {
  /**
   * The notebook's id (12 base62 characters when nbproject made it).
   */
  id: string | null;
  /**
   * The published version, a free-form string.
   */
  version: string | null;
  /**
   * When nbproject was initialised, ISO 8601 with a UTC offset.
   */
  time_init: string | null;
  /**
   * Stored distributions and their versions (`""` = unknown).
   */
  pypackage: Record<string, string> | null;
  /**
   * The id, or ids, of the notebooks this one continues.
   */
  parent: string | string[] | null;
  /**
   * Author's handle.
   */
  user_handle: string | null;
  /**
   * Author's id.
   */
  user_id: string | null;
  /**
   * Author's name.
   */
  user_name: string | null;
  /**
   * Keys nbproject does not define, kept as found.
   */
  extra: Record<string, unknown>;
  /**
   * Values of nbproject's own keys that could not be used, kept as found so
   * that a write which does not replace them writes them back unchanged.
   */
  unreadable: Partial<Record<NbprojectKey, unknown>>;
}

/**
 * The vintage of stored nbproject metadata.
 *
 * - `full`: the 8-key form nbproject's `header()`/`publish()` write;
 * - `cli`: the short form of nbproject's CLI (`id`, `time_init`, `version`
 *   and perhaps `pypackage`/`parent`);
 * - `legacy`: files from before 2022-08 (`uid` instead of `id`, or
 *   `version: "draft"`).
 */
export type Vintage = 'full' | 'cli' | 'legacy';

/**
 * What is wrong with stored nbproject metadata, as a code with the
 * parameters a message names (values as {@link ValueShape}; a package name
 * or a time already cut and quoted):
 *
 * - `metadata.notObject`: the metadata is not an object;
 * - `metadata.fieldMissing`: a required field is absent or null;
 * - `metadata.fieldNotText`: a field holds something other than text;
 * - `metadata.versionNumber`: the version is a number, not a string;
 * - `metadata.timeNotIso`: `time_init` is not an ISO 8601 time;
 * - `metadata.packagesNotObject`: `pypackage` is not an object;
 * - `metadata.packageVersionNotText`: a package's version is not text;
 * - `metadata.morePackageVersionsNotText`: how many more are not (the
 *   first few are named);
 * - `metadata.parentNotIds`: `parent` is not an id or a list of ids.
 */
export type MetadataIssue =
  | { code: 'metadata.notObject'; params: { value: ValueShape } }
  | { code: 'metadata.fieldMissing'; params: { field: NbprojectKey } }
  | {
      code: 'metadata.fieldNotText';
      params: { field: NbprojectKey; value: ValueShape };
    }
  | { code: 'metadata.versionNumber'; params: { version: string } }
  | { code: 'metadata.timeNotIso'; params: { time: string } }
  | { code: 'metadata.packagesNotObject'; params: { value: ValueShape } }
  | {
      code: 'metadata.packageVersionNotText';
      params: { name: string; value: ValueShape };
    }
  | { code: 'metadata.morePackageVersionsNotText'; params: { count: number } }
  | { code: 'metadata.parentNotIds'; params: { value: ValueShape } };

/**
 * An old form of nbproject metadata that was read as the current one:
 *
 * - `metadata.legacyUid`: the id came from the legacy `uid` field;
 * - `metadata.draftVersion`: the version is `"draft"`, from nbproject
 *   before 0.2.
 */
export type MetadataMigration =
  { code: 'metadata.legacyUid' } | { code: 'metadata.draftVersion' };

/**
 * The result of reading `metadata.nbproject`.
 */
export interface INbprojectRead {
  /**
   * Whether the notebook has the key at all.
   */
  present: boolean;
  /**
   * Whether nbproject would accept the stored value as it is (after the
   * migrations listed in `migrations`, which change nothing on disk).
   */
  valid: boolean;
  /**
   * What is wrong; empty when valid.
   */
  problems: MetadataIssue[];
  /**
   * The old forms that were read.
   */
  migrations: MetadataMigration[];
  /**
   * What could be read, or `null` when absent or not an object.
   */
  metadata: INbprojectMetadata | null;
  /**
   * The vintage, when the metadata is an object.
   */
  vintage: Vintage | null;
}

/**
 * Read `metadata.nbproject` of any JSON value. Never throws.
 *
 * @param value - the stored value (`undefined` when the key is absent).
 */
export function readNbproject(value: unknown): INbprojectRead {
  if (value === undefined) {
    return {
      present: false,
      valid: false,
      problems: [],
      migrations: [],
      metadata: null,
      vintage: null
    };
  }
  if (!isJSONObject(value)) {
    return {
      present: true,
      valid: false,
      problems: [
        { code: 'metadata.notObject', params: { value: valueShape(value) } }
      ],
      migrations: [],
      metadata: null,
      vintage: null
    };
  }
  const problems: MetadataIssue[] = [];
  const migrations: MetadataMigration[] = [];
  const unreadable: Partial<Record<NbprojectKey, unknown>> = {};
  const extra = Object.fromEntries(
    Object.entries(value).filter(
      ([key]) => !(NBPROJECT_KEYS as readonly string[]).includes(key)
    )
  );

  const text = (key: NbprojectKey, required: boolean): string | null => {
    const raw = value[key];
    if (typeof raw === 'string') {
      return raw;
    }
    if (raw === undefined || raw === null) {
      if (required) {
        problems.push({
          code: 'metadata.fieldMissing',
          params: { field: key }
        });
      }
      return null;
    }
    unreadable[key] = raw;
    problems.push({
      code: 'metadata.fieldNotText',
      params: { field: key, value: valueShape(raw) }
    });
    return null;
  };

  let id = text('id', false);
  if (id === null && !('id' in unreadable)) {
    // Only a notebook with no id at all migrates from the legacy key.
    if (value.id === undefined && typeof value.uid === 'string' && value.uid) {
      id = value.uid;
      migrations.push({ code: 'metadata.legacyUid' });
    } else {
      problems.push({ code: 'metadata.fieldMissing', params: { field: 'id' } });
    }
  }

  let version: string | null = null;
  const rawVersion = value.version;
  if (typeof rawVersion === 'number' && isFinite(rawVersion)) {
    // Keep the number readable but say nbproject rejects it.
    version = String(rawVersion);
    unreadable.version = rawVersion;
    problems.push({ code: 'metadata.versionNumber', params: { version } });
  } else {
    version = text('version', true);
  }
  if (version === 'draft') {
    migrations.push({ code: 'metadata.draftVersion' });
  }

  const timeInit = text('time_init', true);
  if (timeInit !== null && parseTimestamp(timeInit) === null) {
    problems.push({
      code: 'metadata.timeNotIso',
      params: { time: quote(timeInit, Private.EXCERPT) }
    });
  }

  const metadata: INbprojectMetadata = {
    id,
    version,
    time_init: timeInit,
    pypackage: Private.readPackages(value.pypackage, problems, unreadable),
    parent: Private.readParent(value.parent, problems, unreadable),
    user_handle: text('user_handle', false),
    user_id: text('user_id', false),
    user_name: text('user_name', false),
    extra,
    unreadable
  };

  const keys = Object.keys(value);
  const vintage: Vintage =
    'uid' in value || version === 'draft'
      ? 'legacy'
      : NBPROJECT_KEYS.every(key => keys.includes(key))
        ? 'full'
        : 'cli';

  return {
    present: true,
    valid: problems.length === 0,
    problems,
    migrations,
    metadata,
    vintage
  };
}

/**
 * Serialise metadata to nbproject's full form: all 8 keys (nulls where
 * unset) plus every extra key found on reading.
 *
 * A field that was unreadable is written back exactly as it was found until
 * it is replaced with {@link updateNbproject}: writing never changes or loses
 * data the user did not ask to change.
 */
export function serializeNbproject(
  metadata: INbprojectMetadata
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...metadata.extra };
  for (const key of NBPROJECT_KEYS) {
    out[key] = Private.clone(
      key in metadata.unreadable ? metadata.unreadable[key] : metadata[key]
    );
  }
  return out;
}

/**
 * The fields of nbproject metadata a caller may set.
 */
export type NbprojectFields = Partial<Pick<INbprojectMetadata, NbprojectKey>>;

/**
 * Return a copy of the metadata with some fields replaced. A replaced field
 * is no longer "unreadable": its new value is what will be written.
 */
export function updateNbproject(
  metadata: INbprojectMetadata,
  changes: NbprojectFields
): INbprojectMetadata {
  const unreadable = { ...metadata.unreadable };
  for (const key of Object.keys(changes)) {
    delete unreadable[key as NbprojectKey];
  }
  return { ...metadata, ...changes, unreadable };
}

/**
 * Options to create metadata for a notebook nbproject does not track yet.
 */
export interface ICreateOptions {
  /**
   * The moment of initialisation; defaults to now.
   */
  now?: Date;
  /**
   * Random source for the id; defaults to WebCrypto.
   */
  random?: RandomBytes;
}

/**
 * Create fresh nbproject metadata as nbproject's `header()` does: a new id,
 * `version: "1"`, `time_init` now in UTC, every other key `null`.
 */
export function createNbproject(
  options: ICreateOptions = {}
): INbprojectMetadata {
  return {
    id: generateId(options.random),
    version: '1',
    time_init: formatTimestamp(options.now ?? new Date()),
    pypackage: null,
    parent: null,
    user_handle: null,
    user_id: null,
    user_name: null,
    extra: {},
    unreadable: {}
  };
}

/**
 * The author as nbproject shows it: `name (handle)`, or whichever of the two
 * is set; `null` when neither is.
 */
export function authorLabel(metadata: INbprojectMetadata): string | null {
  const { user_name: name, user_handle: handle } = metadata;
  if (name && handle) {
    return `${name} (${handle})`;
  }
  return name || handle || null;
}

/**
 * The parents as a list (nbproject stores one id or a list of ids).
 */
export function parentList(metadata: INbprojectMetadata): string[] {
  const { parent } = metadata;
  if (parent === null) {
    return [];
  }
  return typeof parent === 'string' ? [parent] : parent;
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * Longest excerpt of a stranger's value quoted in a message.
   */
  export const EXCERPT = 40;

  /**
   * Most packages named in problems about their versions.
   */
  const MAX_PACKAGE_PROBLEMS = 5;

  export function readPackages(
    raw: unknown,
    problems: MetadataIssue[],
    unreadable: Partial<Record<NbprojectKey, unknown>>
  ): Record<string, string> | null {
    if (raw === undefined || raw === null) {
      return null;
    }
    if (!isJSONObject(raw)) {
      unreadable.pypackage = raw;
      problems.push({
        code: 'metadata.packagesNotObject',
        params: { value: valueShape(raw) }
      });
      return null;
    }
    let broken = 0;
    const entries = Object.entries(raw).map(
      ([name, version]): [string, string] => {
        if (typeof version === 'string') {
          return [name, version];
        }
        unreadable.pypackage = raw;
        // A few examples are readable; thousands of lines are not.
        if (++broken <= MAX_PACKAGE_PROBLEMS) {
          problems.push({
            code: 'metadata.packageVersionNotText',
            params: { name: quote(name, EXCERPT), value: valueShape(version) }
          });
        }
        return [name, typeof version === 'number' ? String(version) : ''];
      }
    );
    if (broken > MAX_PACKAGE_PROBLEMS) {
      problems.push({
        code: 'metadata.morePackageVersionsNotText',
        params: { count: broken - MAX_PACKAGE_PROBLEMS }
      });
    }
    return Object.fromEntries(entries);
  }

  export function readParent(
    raw: unknown,
    problems: MetadataIssue[],
    unreadable: Partial<Record<NbprojectKey, unknown>>
  ): string | string[] | null {
    if (raw === undefined || raw === null || typeof raw === 'string') {
      return raw ?? null;
    }
    if (Array.isArray(raw) && raw.every(item => typeof item === 'string')) {
      return raw as string[];
    }
    unreadable.parent = raw;
    problems.push({
      code: 'metadata.parentNotIds',
      params: { value: valueShape(raw) }
    });
    return null;
  }

  /**
   * Deep-copy a JSON value so callers never share objects with a model.
   *
   * Iterative, not `JSON.parse(JSON.stringify())`: a stranger's value may
   * nest deeper than the call stack allows. Keys are defined, not assigned,
   * so a `"__proto__"` key stays an own key as `JSON.parse` made it;
   * `undefined` and functions are dropped as `JSON.stringify` drops them.
   */
  export function clone<T>(value: T): T {
    const copy = (item: unknown): unknown =>
      Array.isArray(item)
        ? new Array(item.length)
        : isJSONObject(item)
          ? {}
          : item;
    const root = copy(value);
    const todo: Array<[unknown, unknown]> = [[value, root]];
    while (todo.length > 0) {
      const [from, to] = todo.pop()!;
      if (from === null || typeof from !== 'object') {
        continue;
      }
      for (const [key, item] of Object.entries(from)) {
        if (item === undefined || typeof item === 'function') {
          // As JSON has it: left out of an object, null in a list.
          if (Array.isArray(to)) {
            to[Number(key)] = null;
          }
          continue;
        }
        const target = copy(item);
        Object.defineProperty(to, key, {
          value: target,
          enumerable: true,
          writable: true,
          configurable: true
        });
        todo.push([item, target]);
      }
    }
    return root as T;
  }
}
