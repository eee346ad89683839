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
 *                "consecutive": true, "code_sha256": "…", "python": "3.11.7"}],
 *   "data": {"files": [{"path": "data/iris.csv", "sha256": "…", "size": 4551}]},
 *   "environment": {"python": "3.11.7", "packages": ["numpy==1.26.4", …], "sha256": "…"}
 * }
 * ```
 *
 * Each part has its reader and writer: `history` in `./history`, `data`
 * in the data manifest, `environment` in the packages' environment
 * snapshot. Keys this version does not know (written by a
 * later version, or by hand) are kept on every write.
 */
export const EXTENSION_KEY = 'jupyterlab_nbproject';

/**
 * The version of the layout under {@link EXTENSION_KEY}, written with every
 * part.
 */
export const EXTENSION_SCHEMA_VERSION = 1;

/**
 * The parts of the extension's metadata:
 *
 * - `history`: the publications, oldest first;
 * - `data`: the data manifest (the files the notebook read, with their
 *   SHA-256);
 * - `environment`: the snapshot of the kernel's whole environment taken
 *   at the last publication.
 */
export type ExtensionPart = 'history' | 'data' | 'environment';

/**
 * What could not be read in the extension's metadata as a whole:
 * `extension.notObject`, the stored value is not an object (it is
 * replaced on publish).
 */
export type ExtensionIssue = { code: 'extension.notObject' };

/**
 * The extension's metadata, read as a whole.
 */
export interface IExtensionRead {
  /**
   * The stored object as found; empty when there is none, or when what is
   * stored is not an object.
   */
  value: Readonly<Record<string, unknown>>;
  /**
   * What could not be read.
   */
  problems: ExtensionIssue[];
}

/**
 * Read the value under {@link EXTENSION_KEY}. Never throws.
 *
 * @param extensionValue - the value under `jupyterlab_nbproject`, as found
 *   (`undefined` when there is none).
 */
export function readExtension(extensionValue: unknown): IExtensionRead {
  if (extensionValue === undefined) {
    return { value: {}, problems: [] };
  }
  if (!isJSONObject(extensionValue)) {
    return {
      value: {},
      problems: [{ code: 'extension.notObject' }]
    };
  }
  return { value: extensionValue, problems: [] };
}

/**
 * The value to store under {@link EXTENSION_KEY} with one part written:
 * every other key the stored object had is kept, `schema_version` is set,
 * and the part's old value, when it could not be read, is kept beside it
 * under `<part>_unreadable` (`history_unreadable`) rather than lost.
 *
 * @param extensionValue - the value under `jupyterlab_nbproject`, as found.
 * @param part - the part to write.
 * @param value - its new value.
 * @param previousReadable - whether the part's old value (if any) could be
 *   read.
 */
export function withExtensionPart(
  extensionValue: unknown,
  part: ExtensionPart,
  value: unknown,
  previousReadable: boolean
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    ...readExtension(extensionValue).value
  };
  const previous = out[part];
  if (previous !== undefined && !previousReadable) {
    out[`${part}_unreadable`] = previous;
  }
  out.schema_version = EXTENSION_SCHEMA_VERSION;
  out[part] = value;
  return out;
}
