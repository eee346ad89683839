// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type {
  DeclaredSource,
  IDeclaredDependencies
} from './declaredDependencies';
import { normalizeDistribution } from './distributions';

/**
 * A dependency another tool declares that nbproject's `pypackage` does not
 * store the same way.
 *
 * - `declared.versionDiffers`: both pin an exact version, and they differ;
 * - `declared.notStored`: declared, but `pypackage` does not list it.
 */
export interface IDeclaredDisagreement {
  /**
   * What disagrees.
   */
  code: 'declared.versionDiffers' | 'declared.notStored';
  /**
   * Which source declares it.
   */
  source: DeclaredSource;
  /**
   * The cell of the source (the PEP 723 cell), or `null` for metadata.
   */
  cell: number | null;
  /**
   * The distribution name as declared.
   */
  name: string;
  /**
   * What the source declares (`==1.2.3`, `>=2`, `""` for any version).
   */
  declared: string;
  /**
   * The version `pypackage` stores, or `null` when it does not list it.
   */
  stored: string | null;
}

/**
 * Whether the dependencies declared by other tools (PEP 723 cell,
 * `uv.lock`, jupyterlab-requirements) agree with the versions nbproject
 * stores: every declared distribution is stored, and an exact version
 * declared is the version stored. Ranges (`>=2`) are not judged. Nothing
 * disagrees when nbproject stores no packages at all (`stored` `null`):
 * there is nothing to agree with.
 *
 * @param sources - from `readDeclared`.
 * @param stored - `pypackage`, or `null`.
 * @param ignored - PEP 503 names to leave out.
 * @returns the disagreements, source by source, in declared order.
 */
export function declaredDisagreements(
  sources: readonly IDeclaredDependencies[],
  stored: Readonly<Record<string, string>> | null,
  ignored: ReadonlySet<string> = new Set()
): IDeclaredDisagreement[] {
  if (stored === null) {
    return [];
  }
  const versions = new Map(
    Object.entries(stored).map(([name, version]) => [
      normalizeDistribution(name),
      version
    ])
  );
  const out: IDeclaredDisagreement[] = [];
  for (const source of sources) {
    for (const dependency of source.dependencies) {
      if (ignored.has(dependency.key)) {
        continue;
      }
      const version = versions.get(dependency.key);
      const differs =
        version !== undefined &&
        dependency.version !== null &&
        dependency.version !== version;
      if (version === undefined || differs) {
        out.push({
          code:
            version === undefined
              ? 'declared.notStored'
              : 'declared.versionDiffers',
          source: source.source,
          cell: source.cell,
          name: dependency.name,
          declared: dependency.specifier,
          stored: version ?? null
        });
      }
    }
  }
  return out;
}
