// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

/**
 * Whether a JSON value is an object (not `null`, not a list): the test every
 * reader of a stranger's notebook or of a kernel's reply makes before
 * looking up keys.
 *
 * @param value - any value.
 */
export function isJSONObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
