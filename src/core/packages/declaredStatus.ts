// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { IDeclaredDependencies } from './declared';
import { normalizeDistribution } from './distributions';

/**
 * How a declared dependency compares with the running kernel.
 *
 * - `match`: an exact version is declared and installed;
 * - `mismatch`: an exact version is declared, another one is installed;
 * - `missing`: declared but not installed in the kernel;
 * - `installed`: declared without an exact version (`>=2`, or any) and
 *   installed; the range itself is not judged;
 * - `undeclared`: imported by the notebook but not declared by this source;
 * - `unknown`: no kernel answered about it (yet).
 */
export type DeclaredStatus = 'match' | 'mismatch' | 'missing' | 'installed' | 'undeclared' | 'unknown';

/**
 * One row of a declared source compared with the kernel.
 */
export interface IDeclaredRow {
  /**
   * The distribution name as declared (or as imported).
   */
  name: string;
  /**
   * The PEP 503 normalised name.
   */
  key: string;
  /**
   * What is declared: the specifier (`==1.2.3`, `>=2`), `""` for any
   * version, `null` when not declared.
   */
  declared: string | null;
  /**
   * The installed version, or `null` when not installed or unknown.
   */
  live: string | null;
  /**
   * The verdict.
   */
  status: DeclaredStatus;
}

/**
 * Compare what one source declares with the kernel's installed versions.
 * Rows: the declared dependencies in the order read, then the imported
 * distributions this source does not declare.
 *
 * @param declared - one source, from `readDeclared`.
 * @param live - installed versions of the distributions the kernel was
 *   asked about (`""` = not installed), or `null` without a kernel. A
 *   name the kernel was not asked about is `unknown`, not `missing`.
 * @param imported - distributions the notebook imports.
 */
export function compareDeclared(
  declared: IDeclaredDependencies,
  live: Readonly<Record<string, string>> | null,
  imported: readonly string[]
): IDeclaredRow[] {
  const liveByKey = new Map<string, string>();
  for (const [name, version] of Object.entries(live ?? {})) {
    liveByKey.set(normalizeDistribution(name), typeof version === 'string' ? version : '');
  }
  const rows: IDeclaredRow[] = declared.dependencies.map(dependency => {
    const installed = liveByKey.get(dependency.key);
    let status: DeclaredStatus;
    if (live === null || installed === undefined) {
      status = 'unknown';
    } else if (installed === '') {
      status = 'missing';
    } else if (dependency.version === null) {
      status = 'installed';
    } else {
      status = dependency.version === installed ? 'match' : 'mismatch';
    }
    return {
      name: dependency.name,
      key: dependency.key,
      declared: dependency.specifier,
      live: installed || null,
      status
    };
  });
  const seen = new Set(rows.map(row => row.key));
  for (const name of imported) {
    const key = normalizeDistribution(name);
    if (seen.has(key)) {
      continue;
    }
    seen.add(key);
    rows.push({ name, key, declared: null, live: liveByKey.get(key) || null, status: 'undeclared' });
  }
  return rows;
}

/**
 * How many rows have each status.
 */
export function summarizeDeclared(rows: readonly IDeclaredRow[]): Record<DeclaredStatus, number> {
  const counts: Record<DeclaredStatus, number> = {
    match: 0,
    mismatch: 0,
    missing: 0,
    installed: 0,
    undeclared: 0,
    unknown: 0
  };
  for (const row of rows) {
    counts[row.status]++;
  }
  return counts;
}
