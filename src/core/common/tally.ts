// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

/**
 * How many rows have each status, every status counted (zero included),
 * for a badge or a summary line.
 *
 * @param rows - rows with a status.
 * @param statuses - every status there is.
 */
export function tally<S extends string>(
  rows: readonly { status: S }[],
  statuses: readonly S[]
): Record<S, number> {
  const counts = Object.fromEntries(
    statuses.map(status => [status, 0])
  ) as Record<S, number>;
  for (const { status } of rows) {
    counts[status]++;
  }
  return counts;
}
