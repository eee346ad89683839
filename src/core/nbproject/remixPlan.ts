// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { withoutPublishHistory } from '../extension/history';
import { EXTENSION_KEY } from '../extension/metadata';
import { formatTimestamp, generateId, RandomBytes } from './ids';
import {
  createNbproject,
  MetadataIssue,
  NBPROJECT_KEY,
  readNbproject,
  serializeNbproject,
  updateNbproject
} from './metadata';
import { isJSONObject } from '../common/json';

/**
 * Options of {@link planRemix}.
 */
export interface IRemixOptions {
  /**
   * The moment of the remix; defaults to now.
   */
  now?: Date;
  /**
   * Random source for the new id; defaults to WebCrypto.
   */
  random?: RandomBytes;
}

/**
 * What a remix could not carry over, as a code with parameters:
 *
 * - `remix.noReadableId`: the source's metadata has no readable id, so the
 *   copy names no parent;
 * - `remix.untracked`: the source is not tracked by nbproject, so the copy
 *   names no parent;
 * - `remix.metadataReplaced`: the source's metadata is unreadable (the
 *   first problem found, if any) and the copy gets new metadata.
 */
export type RemixIssue =
  | { code: 'remix.noReadableId' }
  | { code: 'remix.untracked' }
  | {
      code: 'remix.metadataReplaced';
      params: { problem: MetadataIssue | null };
    };

/**
 * What remixing a notebook writes into its copy.
 */
export interface IRemixPlan {
  /**
   * The copy's whole notebook metadata.
   */
  metadata: Record<string, unknown>;
  /**
   * The copy's id.
   */
  id: string;
  /**
   * The source notebook's id, now the copy's `parent`; `null` when the
   * source had no id to point at.
   */
  parent: string | null;
  /**
   * What could not be carried over.
   */
  problems: RemixIssue[];
}

/**
 * Plan the metadata of a remix: a copy of a notebook that starts its own
 * history. Pure; the caller saves the copy with this metadata and opens it.
 *
 * The copy gets a new id, `version: "1"`, a new `time_init`, and `parent`
 * set to the source notebook's id alone: nbproject's `parent` names the
 * direct ancestors, and the source's own parents are reachable through it.
 * The other nbproject keys (packages, author, keys nbproject does not
 * define) and all other notebook metadata are kept, except two things that
 * describe the source and not the copy: the legacy `uid` (the source's id
 * under its old name) and the publish history in this extension's key.
 *
 * @param metadata - the source notebook's metadata (any JSON value).
 */
export function planRemix(
  metadata: unknown,
  options: IRemixOptions = {}
): IRemixPlan {
  const now = options.now ?? new Date();
  const problems: RemixIssue[] = [];
  const source = isJSONObject(metadata) ? metadata : {};
  const read = readNbproject(source[NBPROJECT_KEY]);
  const parent = read.metadata?.id ?? null;
  if (parent === null) {
    problems.push({
      code: read.present ? 'remix.noReadableId' : 'remix.untracked'
    });
  }
  if (read.present && read.metadata === null) {
    problems.push({
      code: 'remix.metadataReplaced',
      params: { problem: read.problems[0] ?? null }
    });
  }
  const base = read.metadata ?? createNbproject(options);
  const extra = { ...base.extra };
  delete extra.uid;
  const id = generateId(options.random);
  const nbproject = serializeNbproject(
    updateNbproject(
      { ...base, extra },
      { id, version: '1', time_init: formatTimestamp(now), parent }
    )
  );

  const out: Record<string, unknown> = {
    ...source,
    [NBPROJECT_KEY]: nbproject
  };
  if (source[EXTENSION_KEY] !== undefined) {
    out[EXTENSION_KEY] = withoutPublishHistory(source[EXTENSION_KEY]);
  }
  return { metadata: out, id, parent, problems };
}

/**
 * A name for a remix's file beside the source: `analysis-remix.ipynb`, or
 * `analysis-remix-2.ipynb` and so on when taken. A remix of a remix counts
 * on (`analysis-remix-3.ipynb`) rather than growing `-remix-remix`.
 *
 * @param path - the source's path or file name, e.g. `work/analysis.ipynb`.
 * @param existing - the names (or paths) already in that directory; compared
 *   without regard to case, as some file systems do.
 * @returns a path in the source's directory.
 */
export function remixFileName(
  path: string,
  existing: Iterable<string>
): string {
  const slash = path.lastIndexOf('/');
  const directory = path.slice(0, slash + 1);
  const file = path.slice(slash + 1);
  const dot = file.lastIndexOf('.');
  const extension = dot > 0 ? file.slice(dot) : '.ipynb';
  const stem =
    (dot > 0 ? file.slice(0, dot) : file).replace(/-remix(?:-\d+)?$/, '') ||
    'notebook';
  const taken = new Set<string>();
  for (const name of existing) {
    taken.add(name.slice(name.lastIndexOf('/') + 1).toLowerCase());
  }
  for (let n = 1; ; n++) {
    const name = `${stem}-remix${n === 1 ? '' : `-${n}`}${extension}`;
    if (!taken.has(name.toLowerCase())) {
      return directory + name;
    }
  }
}
