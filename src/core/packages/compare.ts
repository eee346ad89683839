// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { tally } from '../common/tally';
import type { IDeclaredDependencies } from './declaredDependencies';
import { normalizeDistribution } from './distributions';
import { isDistributionName } from './requirements';
import { compareText } from '../common/text';

/**
 * The statuses of {@link PackageStatus}.
 */
export const PACKAGE_STATUSES = [
  'match',
  'mismatch',
  'missing',
  'unstored',
  'unknown'
] as const;

/**
 * How a package's stored version compares with the running kernel's.
 *
 * - `match`: stored and installed versions are the same;
 * - `mismatch`: both known and different;
 * - `missing`: stored but not installed in the kernel;
 * - `unstored`: imported by the notebook but not stored;
 * - `unknown`: stored, and no kernel is there to tell.
 */
export type PackageStatus = (typeof PACKAGE_STATUSES)[number];

/**
 * One package in a comparison of stored and live versions.
 */
export interface IPackageComparison {
  /**
   * The distribution name as first seen (stored, then imported).
   */
  name: string;
  /**
   * The PEP 503 normalised name the comparison is keyed on.
   */
  key: string;
  /**
   * The stored version (`""` when nbproject stored none), or `null` when
   * the package is not stored.
   */
  stored: string | null;
  /**
   * The installed version, or `null` when not installed or unknown.
   */
  live: string | null;
  /**
   * The verdict.
   */
  status: PackageStatus;
}

/**
 * The statuses of {@link DeclaredStatus}.
 */
export const DECLARED_STATUSES = [
  'match',
  'mismatch',
  'missing',
  'installed',
  'undeclared',
  'unknown'
] as const;

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
export type DeclaredStatus = (typeof DECLARED_STATUSES)[number];

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
 * One distribution a source lists (stored or declared) or the notebook
 * imports, with what the kernel says of it.
 */
export interface IKernelPair<T> {
  /**
   * The name as first seen: listed, then imported.
   */
  name: string;
  /**
   * The PEP 503 normalised name the pairing is keyed on.
   */
  key: string;
  /**
   * The source's entry for it (the first, when several spellings are
   * listed), or `null` when it is only imported.
   */
  listed: T | null;
  /**
   * The installed version; `""` when the kernel says it is not installed;
   * `undefined` when the kernel was not asked about it or there is no
   * kernel.
   */
  installed: string | undefined;
}

/**
 * Pair what a source lists with the kernel's installed versions: the
 * walk both comparisons share. One pair per normalised name: the listed
 * entries in the order given, then the imported distributions the source
 * does not list, in the order given.
 *
 * @param listed - the source's entries.
 * @param nameOf - an entry's distribution name.
 * @param live - installed versions of the distributions the kernel was
 *   asked about (`""` = not installed), or `null` without a kernel; a
 *   value that is not a string (a stranger's) counts as not installed.
 * @param imported - distributions the notebook imports.
 */
export function pairWithKernel<T>(
  listed: readonly T[],
  nameOf: (entry: T) => string,
  live: Readonly<Record<string, unknown>> | null,
  imported: readonly string[]
): IKernelPair<T>[] {
  const installed = Private.byKey(live ?? {});
  const pairs = new Map<string, IKernelPair<T>>();
  const add = (name: string, entry: T | null): void => {
    const key = normalizeDistribution(name);
    if (!pairs.has(key)) {
      pairs.set(key, {
        name,
        key,
        listed: entry,
        installed: installed.get(key)
      });
    }
  };
  for (const entry of listed) {
    add(nameOf(entry), entry);
  }
  for (const name of imported) {
    add(name, null);
  }
  return [...pairs.values()];
}

/**
 * Compare stored package versions with the kernel's.
 *
 * Rows are the stored packages and the imported ones, keyed by PEP 503
 * normalised name and sorted by it. Packages only installed (not stored,
 * not imported) are not listed.
 *
 * @param stored - `pypackage` from the metadata, or `null`.
 * @param live - installed distributions and versions (`""` = not
 *   installed), or `null` when no kernel told us.
 * @param imported - distributions the notebook imports.
 */
export function comparePackages(
  stored: Readonly<Record<string, string>> | null,
  live: Readonly<Record<string, string>> | null,
  imported: readonly string[]
): IPackageComparison[] {
  return pairWithKernel(
    Object.entries(stored ?? {}),
    ([name]) => name,
    live,
    imported
  )
    .sort((a, b) => compareText(a.key, b.key))
    .map(({ name, key, listed, installed }) => {
      // A version that is not a string (stored by a stranger) is no version.
      const storedVersion =
        listed === null ? null : typeof listed[1] === 'string' ? listed[1] : '';
      const liveVersion = live === null ? null : installed || null;
      let status: PackageStatus;
      if (storedVersion === null) {
        status = 'unstored';
      } else if (live === null) {
        status = 'unknown';
      } else if (liveVersion === null) {
        status = 'missing';
      } else {
        status = storedVersion === liveVersion ? 'match' : 'mismatch';
      }
      return { name, key, stored: storedVersion, live: liveVersion, status };
    });
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
  return pairWithKernel(
    declared.dependencies,
    dependency => dependency.name,
    live,
    imported
  ).map(({ name, key, listed, installed }) => {
    let status: DeclaredStatus;
    if (listed === null) {
      status = 'undeclared';
    } else if (live === null || installed === undefined) {
      status = 'unknown';
    } else if (installed === '') {
      status = 'missing';
    } else if (listed.version === null) {
      status = 'installed';
    } else {
      status = listed.version === installed ? 'match' : 'mismatch';
    }
    return {
      name,
      key,
      declared: listed?.specifier ?? null,
      live: installed || null,
      status
    };
  });
}

/**
 * How many packages have each status.
 */
export function summarizeComparison(
  rows: readonly IPackageComparison[]
): Record<PackageStatus, number> {
  return tally(rows, PACKAGE_STATUSES);
}

/**
 * How many declared rows have each status.
 */
export function summarizeDeclared(
  rows: readonly IDeclaredRow[]
): Record<DeclaredStatus, number> {
  return tally(rows, DECLARED_STATUSES);
}

/**
 * A `pip install` command for stored versions, and what it leaves out.
 */
export interface IInstallCommand {
  /**
   * E.g. `pip install numpy==1.26.4 pandas==2.2.2`, or `""` when no
   * stored package has a version that can be installed.
   */
  command: string;
  /**
   * How many pinned packages were left out because the name is not a
   * PEP 508 name or the version not a PEP 440 version this command can
   * carry unquoted.
   */
  leftOut: number;
}

/**
 * A shell command that installs the stored pinned versions, e.g.
 * `pip install numpy==1.26.4 pandas==2.2.2`, sorted by normalised name.
 *
 * Names and versions come from the notebook, so from anyone: only a
 * valid distribution name (PEP 508) pinned to a valid version (PEP 440,
 * with a local label but without an epoch, whose `!` interactive bash
 * and zsh expand) is written. Such words are made of letters, digits and
 * `.`, `_`, `-`, `+`, `=` alone, so the command needs no quoting in any
 * shell (POSIX sh, PowerShell, cmd): nothing else is quoted or escaped,
 * it is left out and counted. Packages stored without a version are not
 * installed (and not counted).
 *
 * @param packages - comparison rows, or a stored `pypackage` object.
 */
export function installCommand(
  packages: readonly IPackageComparison[] | Readonly<Record<string, string>>
): IInstallCommand {
  const pins = Private.isRows(packages)
    ? packages.map((row): [string, unknown] => [row.name, row.stored ?? ''])
    : Object.entries(packages as Readonly<Record<string, unknown>>);
  const byKey = new Map<string, string>();
  let leftOut = 0;
  for (const [name, version] of pins) {
    if (typeof version !== 'string' || version === '') {
      continue;
    }
    if (!isDistributionName(name) || !Private.PEP440.test(version)) {
      leftOut++;
      continue;
    }
    const key = normalizeDistribution(name);
    if (!byKey.has(key)) {
      byKey.set(key, `${name}==${version}`);
    }
  }
  const args = [...byKey.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([, arg]) => arg);
  return {
    command: args.length > 0 ? `pip install ${args.join(' ')}` : '',
    leftOut
  };
}

/**
 * Whether a version can be pinned in an install command without quoting:
 * a PEP 440 version as pip accepts it, without an epoch (see
 * {@link installCommand}).
 *
 * @param version - the version, from anyone.
 */
export function isInstallableVersion(version: string): boolean {
  return Private.PEP440.test(version);
}

/**
 * The `pypackage` to store when the user records the live versions: stored
 * packages take their installed version (a package that is not installed
 * keeps what was stored, since nothing better is known), and imported
 * packages that were not stored are added with theirs. Stored spellings and
 * packages not in the comparison are kept.
 *
 * @param stored - the stored `pypackage`, or `null`.
 * @param rows - the comparison made with a live kernel.
 */
export function recordLiveVersions(
  stored: Readonly<Record<string, string>> | null,
  rows: readonly IPackageComparison[]
): Record<string, string> {
  // A Map, then an object of own keys: a package named "__proto__" is
  // a name like any other, not the object's prototype.
  const out = new Map(Object.entries(stored ?? {}));
  const storedName = new Map(
    [...out.keys()].map(name => [normalizeDistribution(name), name])
  );
  for (const row of rows) {
    if (row.live !== null) {
      out.set(storedName.get(row.key) ?? row.name, row.live);
    }
  }
  return Object.fromEntries(out);
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * Versions by normalised name; the first spelling wins, and a value that
   * is not a string (stored by a stranger) counts as no version.
   */
  export function byKey(
    versions: Readonly<Record<string, unknown>>
  ): Map<string, string> {
    const out = new Map<string, string>();
    for (const [name, version] of Object.entries(versions)) {
      const key = normalizeDistribution(name);
      if (!out.has(key)) {
        out.set(key, typeof version === 'string' ? version : '');
      }
    }
    return out;
  }

  export function isRows(
    packages: readonly IPackageComparison[] | Readonly<Record<string, string>>
  ): packages is readonly IPackageComparison[] {
    return Array.isArray(packages);
  }

  /**
   * A PEP 440 version as pip accepts it (any case, `v` prefix, `-`, `_`
   * or `.` separators, a local label), without an epoch (`1!2.0`): a `!`
   * is history expansion in interactive bash and zsh.
   */
  export const PEP440 =
    /^v?\d+(?:\.\d+)*(?:[-_.]?(?:a|b|c|rc|alpha|beta|pre|preview)[-_.]?\d*)?(?:-\d+|[-_.]?(?:post|rev|r)[-_.]?\d*)?(?:[-_.]?dev[-_.]?\d*)?(?:\+[a-z\d]+(?:[-_.][a-z\d]+)*)?$/i;
}
