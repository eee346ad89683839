// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

/**
 * The lock files written from a notebook's environment snapshot.
 *
 * - `pylock`: `pylock.toml`, the packaging standard's lock (PEP 751);
 * - `requirements`: `requirements.lock.txt`, one pinned line each;
 * - `conda`: `environment.yml`, for a conda environment.
 */
export const LOCK_KINDS = ['pylock', 'requirements', 'conda'] as const;

/**
 * One kind of lock file.
 */
export type LockKind = (typeof LOCK_KINDS)[number];

/**
 * The file each lock kind is written to, beside the notebook.
 */
export const LOCK_FILES: Readonly<Record<LockKind, string>> = {
  pylock: 'pylock.toml',
  requirements: 'requirements.lock.txt',
  conda: 'environment.yml'
};
