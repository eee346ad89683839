// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { normalizeDistribution } from './distributions';
import { ICellLike } from '../notebook/cells';
import { isJSONObject } from '../common/json';
import { readPep723 } from './pep723';
import { isDistributionName, isVersion, isVersionSpecifier, pinnedVersion } from './requirements';
import { isTomlTable, parseToml, TomlValue } from './toml';
import { cut, describeValue, quote } from '../common/text';

/**
 * Where declared dependencies were read:
 *
 * - `pep723`: a code cell's `# /// script` block (juv, uv);
 * - `uv.lock`: the lock juv keeps in `metadata["uv.lock"]`;
 * - `requirements`: jupyterlab-requirements' Pipfile in
 *   `metadata.requirements`;
 * - `requirements_lock`: its Pipfile.lock in `metadata.requirements_lock`.
 */
export type DeclaredSource = 'pep723' | 'uv.lock' | 'requirements' | 'requirements_lock';

/**
 * One dependency another tool declared.
 */
export interface IDeclaredDependency {
  /**
   * The distribution name as written.
   */
  name: string;
  /**
   * The PEP 503 normalised name.
   */
  key: string;
  /**
   * The version specifier without spaces (`==1.2.3`, `>=2`), `""` for any.
   */
  specifier: string;
  /**
   * The exact version when one is pinned or locked, else `null`.
   */
  version: string | null;
}

/**
 * The dependencies one source declares.
 */
export interface IDeclaredDependencies {
  /**
   * Where they were read.
   */
  source: DeclaredSource;
  /**
   * The source in words, for the header: `PEP 723 cell 1`, `uv.lock`,
   * `Pipfile (jupyterlab-requirements)`, `Pipfile.lock
   * (jupyterlab-requirements)`.
   */
  label: string;
  /**
   * Index of the PEP 723 cell; `null` for the other sources.
   */
  cell: number | null;
  /**
   * The Python versions declared (`>=3.11`, or `==3.8.*` from a Pipfile's
   * `python_version`), or `null`.
   */
  requiresPython: string | null;
  /**
   * The dependencies, unique by normalised name, in the order read.
   */
  dependencies: IDeclaredDependency[];
  /**
   * Readable sentences saying what could not be read.
   */
  problems: string[];
}

/**
 * Read the dependencies that other tools declared in a notebook: a PEP 723
 * block, `uv.lock`, jupyterlab-requirements' Pipfile and Pipfile.lock.
 * Each source present gives one result, even when nothing in it could be
 * read (its problems say why). Never throws.
 *
 * @param cells - the notebook's cells, in order.
 * @param metadata - the notebook's metadata (any JSON value).
 */
export function readDeclared(
  cells: readonly ICellLike[],
  metadata: unknown
): IDeclaredDependencies[] {
  const out: IDeclaredDependencies[] = [];
  const pep723 = readPep723(cells);
  if (pep723.block !== null || pep723.problems.length > 0) {
    const block = pep723.block;
    out.push({
      source: 'pep723',
      label: block ? `PEP 723 cell ${block.cell + 1}` : 'PEP 723',
      cell: block?.cell ?? null,
      requiresPython: block?.metadata.requiresPython ?? null,
      dependencies: Private.unique(
        (block?.metadata.dependencies ?? []).map(({ name, specifier, version }) => ({
          name,
          key: normalizeDistribution(name),
          specifier,
          version
        }))
      ),
      problems: pep723.problems
    });
  }
  if (!isJSONObject(metadata)) {
    return out;
  }
  if (metadata['uv.lock'] !== undefined) {
    out.push(readUvLock(metadata['uv.lock']));
  }
  if (metadata.requirements !== undefined) {
    out.push(readPipfile(metadata.requirements));
  }
  if (metadata.requirements_lock !== undefined) {
    out.push(readPipfileLock(metadata.requirements_lock));
  }
  return out;
}

/**
 * Read the packages of a uv lock (`[[package]]` tables: `name` and
 * `version` only). The project itself, locked without a version, is listed
 * without one.
 *
 * @param value - the stored `metadata["uv.lock"]`, a TOML string.
 */
export function readUvLock(value: unknown): IDeclaredDependencies {
  const result = Private.result('uv.lock', 'uv.lock');
  if (typeof value !== 'string') {
    result.problems.push(`The lock is ${describeValue(value)}, not TOML text.`);
    return result;
  }
  const parsed = parseToml(value);
  for (const { line, message } of parsed.problems) {
    result.problems.push(`${line === null ? '' : `Line ${line}: `}${message}.`);
  }
  const requiresPython = parsed.root['requires-python'];
  if (typeof requiresPython === 'string' && isVersionSpecifier(requiresPython)) {
    result.requiresPython = requiresPython.trim();
  }
  const packages: TomlValue | undefined = 'package' in parsed.root ? parsed.root.package : undefined;
  if (packages === undefined) {
    return result;
  }
  if (!Array.isArray(packages)) {
    result.problems.push('"package" is not a list of [[package]] tables.');
    return result;
  }
  Private.readEntries(result, packages, 'packages in the lock', entry => {
    const name = isTomlTable(entry) ? entry.name : undefined;
    const version = isTomlTable(entry) ? entry.version : undefined;
    if (typeof name !== 'string' || !isDistributionName(name)) {
      return `A [[package]] has ${name === undefined ? 'no name' : `a name that is ${describeValue(name)}`}.`;
    }
    if (version !== undefined && (typeof version !== 'string' || !isVersion(version))) {
      return `The version of ${name} is ${describeValue(version)}.`;
    }
    return Private.exact(name, version ?? null);
  });
  return result;
}

/**
 * Read the `[packages]` of a Pipfile as jupyterlab-requirements stores it:
 * `{"packages": {"pandas": "==1.2.3", "numpy": "*", "rich": {"version":
 * ">=13"}}, "requires": {"python_version": "3.11"}}`.
 *
 * @param value - the stored `metadata.requirements`: JSON text, or the
 *   object itself.
 */
export function readPipfile(value: unknown): IDeclaredDependencies {
  return Private.readRequirementsTool(value, 'requirements', 'Pipfile', (pipfile, result) => {
    result.requiresPython = Private.pythonVersion(pipfile.requires);
    Private.readPackageTable(result, pipfile, 'packages', 'packages in the Pipfile', (name, entry) => {
      const raw = isJSONObject(entry) ? entry.version ?? '*' : entry;
      if (typeof raw !== 'string' || (raw.trim() !== '*' && !isVersionSpecifier(raw))) {
        return `The version of ${name} is ${describeValue(raw)}, not a version specifier.`;
      }
      const specifier = raw.trim() === '*' ? '' : raw.replace(/\s+/g, '');
      return { name, key: normalizeDistribution(name), specifier, version: pinnedVersion(specifier) };
    });
  });
}

/**
 * Read the `default` packages of a Pipfile.lock as jupyterlab-requirements
 * stores it: `{"default": {"pandas": {"version": "==1.2.3", "hashes":
 * [...]}}, "_meta": {"requires": {"python_version": "3.11"}}}`.
 *
 * @param value - the stored `metadata.requirements_lock`: JSON text, or the
 *   object itself.
 */
export function readPipfileLock(value: unknown): IDeclaredDependencies {
  return Private.readRequirementsTool(value, 'requirements_lock', 'Pipfile.lock', (lock, result) => {
    if (isJSONObject(lock._meta)) {
      result.requiresPython = Private.pythonVersion(lock._meta.requires);
    }
    Private.readPackageTable(result, lock, 'default', 'packages in the Pipfile.lock', (name, entry) => {
      const raw = isJSONObject(entry) ? entry.version : undefined;
      if (raw === undefined) {
        // Locked from a VCS or a path: no version to compare.
        return Private.exact(name, null);
      }
      const version = typeof raw === 'string' ? pinnedVersion(raw.replace(/\s+/g, '')) : null;
      return version === null
        ? `The version of ${name} is ${describeValue(raw)}, not "==" and a version.`
        : Private.exact(name, version);
    });
  });
}

/**
 * Declared dependencies as `{name: version}` (`""` where no exact version
 * is declared), the shape `comparePackages` takes for stored packages, so
 * that declared-but-not-installed and installed-but-undeclared packages
 * show as stored ones do.
 */
export function declaredVersions(declared: IDeclaredDependencies): Record<string, string> {
  return Object.fromEntries(
    declared.dependencies.map(dependency => [dependency.name, dependency.version ?? ''])
  );
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * Most problems about single packages listed; the rest are counted.
   */
  const MAX_PROBLEMS = 3;

  export function result(source: DeclaredSource, label: string): IDeclaredDependencies {
    return { source, label, cell: null, requiresPython: null, dependencies: [], problems: [] };
  }

  export function exact(name: string, version: string | null): IDeclaredDependency {
    return {
      name,
      key: normalizeDistribution(name),
      specifier: version === null ? '' : `==${version}`,
      version
    };
  }

  /**
   * Read a source's packages with `read`, which gives a dependency or a
   * sentence saying why the entry cannot be read; past the first few,
   * such sentences are counted. A name read twice keeps its first entry.
   *
   * @param what - the entries in words, for the count.
   */
  export function readEntries<T>(
    result: IDeclaredDependencies,
    entries: Iterable<T>,
    what: string,
    read: (entry: T) => IDeclaredDependency | string
  ): void {
    const bad = new Counter(result.problems, what);
    for (const entry of entries) {
      const dependency = read(entry);
      if (typeof dependency === 'string') {
        bad.add(dependency);
      } else {
        result.dependencies.push(dependency);
      }
    }
    bad.finish();
    result.dependencies = unique(result.dependencies);
  }

  /**
   * Read the object of packages under `key` of a Pipfile or a lock
   * (`{"pandas": …}`): nothing when there is none, a problem when it is
   * not an object, a problem for each name that is not a package name;
   * `read` reads the rest (see {@link readEntries}).
   */
  export function readPackageTable(
    result: IDeclaredDependencies,
    container: Record<string, unknown>,
    key: string,
    what: string,
    read: (name: string, entry: unknown) => IDeclaredDependency | string
  ): void {
    const packages = container[key];
    if (packages === undefined) {
      return;
    }
    if (!isJSONObject(packages)) {
      result.problems.push(`"${key}" is ${describeValue(packages)}, not an object.`);
      return;
    }
    readEntries(result, Object.entries(packages), what, ([name, entry]) =>
      isDistributionName(name) ? read(name, entry) : `${quote(name, EXCERPT)} is not a package name.`
    );
  }

  /**
   * The first of each normalised name.
   */
  export function unique(dependencies: IDeclaredDependency[]): IDeclaredDependency[] {
    const seen = new Set<string>();
    return dependencies.filter(dependency => !seen.has(dependency.key) && !!seen.add(dependency.key));
  }

  /**
   * A Pipfile's `requires`: `python_full_version` as `==3.11.7`, or
   * `python_version` as `==3.11.*`.
   */
  export function pythonVersion(requires: unknown): string | null {
    if (!isJSONObject(requires)) {
      return null;
    }
    const full = requires.python_full_version;
    if (typeof full === 'string' && /^\d+(\.\d+)*$/.test(full.trim())) {
      return `==${full.trim()}`;
    }
    const short = requires.python_version;
    if (typeof short === 'string' && /^\d+(\.\d+)?$/.test(short.trim())) {
      return `==${short.trim()}.*`;
    }
    return null;
  }

  /**
   * Read what jupyterlab-requirements stores (a Pipfile or its lock, as
   * JSON text or as the object itself) with `read`; a value that is not a
   * JSON object is a problem.
   */
  export function readRequirementsTool(
    value: unknown,
    source: 'requirements' | 'requirements_lock',
    what: 'Pipfile' | 'Pipfile.lock',
    read: (stored: Record<string, unknown>, result: IDeclaredDependencies) => void
  ): IDeclaredDependencies {
    const declared = result(source, `${what} (jupyterlab-requirements)`);
    const stored = json(value, what, declared.problems);
    if (stored !== null) {
      read(stored, declared);
    }
    return declared;
  }

  /**
   * An object stored as JSON text or as itself, or `null` with a problem.
   */
  export function json(value: unknown, what: string, problems: string[]): Record<string, unknown> | null {
    let parsed = value;
    if (typeof value === 'string') {
      try {
        parsed = JSON.parse(value);
      } catch (error) {
        problems.push(`The ${what} is not JSON (${cut((error as Error).message, EXCERPT)}).`);
        return null;
      }
    }
    if (!isJSONObject(parsed)) {
      problems.push(`The ${what} is ${describeValue(parsed)}, not an object.`);
      return null;
    }
    return parsed;
  }

  /**
   * Collects problems about single packages, the first few in words.
   */
  export class Counter {
    constructor(private problems: string[], private what: string) {}

    add(message: string): void {
      if (++this.count <= MAX_PROBLEMS) {
        this.problems.push(message);
      }
    }

    finish(): void {
      if (this.count > MAX_PROBLEMS) {
        this.problems.push(`${this.count - MAX_PROBLEMS} more ${this.what} cannot be read.`);
      }
    }

    private count = 0;
  }

  /**
   * Longest excerpt of a stranger's name or message in a problem.
   */
  export const EXCERPT = 40;
}
