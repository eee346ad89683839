// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { normalizeDistribution } from './distributions';
import { ICellLike } from '../notebook/cells';
import { isJSONObject } from '../common/json';
import { readPep723 } from './pep723';
import {
  isDistributionName,
  isVersion,
  isVersionSpecifier,
  pinnedVersion
} from './requirements';
import { isTomlTable, parseToml, TomlValue } from './toml';
import { cut, quote, valueShape, ValueShape } from '../common/text';

/**
 * Where declared dependencies were read:
 *
 * - `pep723`: a code cell's `# /// script` block (juv, uv);
 * - `uv.lock`: the lock juv keeps in `metadata["uv.lock"]`;
 * - `requirements`: jupyterlab-requirements' Pipfile in
 *   `metadata.requirements`;
 * - `requirements_lock`: its Pipfile.lock in `metadata.requirements_lock`.
 */
export type DeclaredSource =
  'pep723' | 'uv.lock' | 'requirements' | 'requirements_lock';

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
 * A file another tool stores in the notebook's metadata, as a problem
 * names it.
 */
export type DeclaredFile = 'uv.lock' | 'Pipfile' | 'Pipfile.lock';

/**
 * What could not be read in declared dependencies, as a code with the
 * parameters a message names (values as {@link ValueShape}, names cut
 * and quoted where they come from a stranger's text):
 *
 * - `declared.pep723`: a problem of the PEP 723 block, with the reader's
 *   message;
 * - `declared.toml`: the lock is not valid TOML at a line (or as a whole);
 * - `declared.lockNotText`: the lock is not TOML text at all;
 * - `declared.packagesNotList`: the lock's `package` is not a list of
 *   tables;
 * - `declared.packageName`: a lock's `[[package]]` has no usable name
 *   (`value` `null` when it has none);
 * - `declared.lockVersion`: a locked version is not a version;
 * - `declared.notSpecifier`: a Pipfile's version is not a specifier;
 * - `declared.notPinned`: a Pipfile.lock's version is not `==` and a
 *   version;
 * - `declared.notPackageName`: a key is not a package name;
 * - `declared.tableNotObject`: the packages under a key are not an object;
 * - `declared.notJson`: a Pipfile or its lock is text that is not JSON;
 * - `declared.notObject`: a Pipfile or its lock is not an object;
 * - `declared.more`: how many more entries of a file cannot be read (the
 *   first few are named).
 */
export type DeclaredIssue =
  | { code: 'declared.pep723'; params: { message: string } }
  | { code: 'declared.toml'; params: { line: number | null; message: string } }
  | { code: 'declared.lockNotText'; params: { value: ValueShape } }
  | { code: 'declared.packagesNotList' }
  | { code: 'declared.packageName'; params: { value: ValueShape | null } }
  | {
      code: 'declared.lockVersion';
      params: { name: string; value: ValueShape };
    }
  | {
      code: 'declared.notSpecifier';
      params: { name: string; value: ValueShape };
    }
  | { code: 'declared.notPinned'; params: { name: string; value: ValueShape } }
  | { code: 'declared.notPackageName'; params: { name: string } }
  | {
      code: 'declared.tableNotObject';
      params: { key: string; value: ValueShape };
    }
  | { code: 'declared.notJson'; params: { file: DeclaredFile; detail: string } }
  | {
      code: 'declared.notObject';
      params: { file: DeclaredFile; value: ValueShape };
    }
  | { code: 'declared.more'; params: { file: DeclaredFile; count: number } };

/**
 * The dependencies one source declares.
 */
export interface IDeclaredDependencies {
  /**
   * Where they were read.
   */
  source: DeclaredSource;
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
   * What could not be read.
   */
  problems: DeclaredIssue[];
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
      cell: block?.cell ?? null,
      requiresPython: block?.metadata.requiresPython ?? null,
      dependencies: Private.unique(
        (block?.metadata.dependencies ?? []).map(
          ({ name, specifier, version }) => ({
            name,
            key: normalizeDistribution(name),
            specifier,
            version
          })
        )
      ),
      problems: pep723.problems.map(message => ({
        code: 'declared.pep723',
        params: { message }
      }))
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
  const result = Private.result('uv.lock');
  if (typeof value !== 'string') {
    result.problems.push({
      code: 'declared.lockNotText',
      params: { value: valueShape(value) }
    });
    return result;
  }
  const parsed = parseToml(value);
  for (const { line, message } of parsed.problems) {
    result.problems.push({ code: 'declared.toml', params: { line, message } });
  }
  const requiresPython = parsed.root['requires-python'];
  if (
    typeof requiresPython === 'string' &&
    isVersionSpecifier(requiresPython)
  ) {
    result.requiresPython = requiresPython.trim();
  }
  const packages: TomlValue | undefined =
    'package' in parsed.root ? parsed.root.package : undefined;
  if (packages === undefined) {
    return result;
  }
  if (!Array.isArray(packages)) {
    result.problems.push({ code: 'declared.packagesNotList' });
    return result;
  }
  Private.readEntries(result, packages, 'uv.lock', entry => {
    const name = isTomlTable(entry) ? entry.name : undefined;
    const version = isTomlTable(entry) ? entry.version : undefined;
    if (typeof name !== 'string' || !isDistributionName(name)) {
      return {
        code: 'declared.packageName',
        params: { value: name === undefined ? null : valueShape(name) }
      };
    }
    if (
      version !== undefined &&
      (typeof version !== 'string' || !isVersion(version))
    ) {
      return {
        code: 'declared.lockVersion',
        params: { name, value: valueShape(version) }
      };
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
  return Private.readRequirementsTool(
    value,
    'requirements',
    'Pipfile',
    (pipfile, result) => {
      result.requiresPython = Private.pythonVersion(pipfile.requires);
      Private.readPackageTable(
        result,
        pipfile,
        'packages',
        'Pipfile',
        (name, entry) => {
          const raw = isJSONObject(entry) ? (entry.version ?? '*') : entry;
          if (
            typeof raw !== 'string' ||
            (raw.trim() !== '*' && !isVersionSpecifier(raw))
          ) {
            return {
              code: 'declared.notSpecifier',
              params: { name, value: valueShape(raw) }
            };
          }
          const specifier = raw.trim() === '*' ? '' : raw.replace(/\s+/g, '');
          return {
            name,
            key: normalizeDistribution(name),
            specifier,
            version: pinnedVersion(specifier)
          };
        }
      );
    }
  );
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
  return Private.readRequirementsTool(
    value,
    'requirements_lock',
    'Pipfile.lock',
    (lock, result) => {
      if (isJSONObject(lock._meta)) {
        result.requiresPython = Private.pythonVersion(lock._meta.requires);
      }
      Private.readPackageTable(
        result,
        lock,
        'default',
        'Pipfile.lock',
        (name, entry) => {
          const raw = isJSONObject(entry) ? entry.version : undefined;
          if (raw === undefined) {
            // Locked from a VCS or a path: no version to compare.
            return Private.exact(name, null);
          }
          const version =
            typeof raw === 'string'
              ? pinnedVersion(raw.replace(/\s+/g, ''))
              : null;
          return version === null
            ? {
                code: 'declared.notPinned',
                params: { name, value: valueShape(raw) }
              }
            : Private.exact(name, version);
        }
      );
    }
  );
}

/**
 * Declared dependencies as `{name: version}` (`""` where no exact version
 * is declared), the shape `comparePackages` takes for stored packages, so
 * that declared-but-not-installed and installed-but-undeclared packages
 * show as stored ones do.
 */
export function declaredVersions(
  declared: IDeclaredDependencies
): Record<string, string> {
  return Object.fromEntries(
    declared.dependencies.map(dependency => [
      dependency.name,
      dependency.version ?? ''
    ])
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

  export function result(source: DeclaredSource): IDeclaredDependencies {
    return {
      source,
      cell: null,
      requiresPython: null,
      dependencies: [],
      problems: []
    };
  }

  export function exact(
    name: string,
    version: string | null
  ): IDeclaredDependency {
    return {
      name,
      key: normalizeDistribution(name),
      specifier: version === null ? '' : `==${version}`,
      version
    };
  }

  /**
   * Read a source's packages with `read`, which gives a dependency or
   * why the entry cannot be read; past the first few, such problems are
   * counted. A name read twice keeps its first entry.
   *
   * @param file - the file the entries are in, for the count.
   */
  export function readEntries<T>(
    result: IDeclaredDependencies,
    entries: Iterable<T>,
    file: DeclaredFile,
    read: (entry: T) => IDeclaredDependency | DeclaredIssue
  ): void {
    const bad = new Counter(result.problems, file);
    for (const entry of entries) {
      const dependency = read(entry);
      if ('code' in dependency) {
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
    file: DeclaredFile,
    read: (name: string, entry: unknown) => IDeclaredDependency | DeclaredIssue
  ): void {
    const packages = container[key];
    if (packages === undefined) {
      return;
    }
    if (!isJSONObject(packages)) {
      result.problems.push({
        code: 'declared.tableNotObject',
        params: { key, value: valueShape(packages) }
      });
      return;
    }
    readEntries(result, Object.entries(packages), file, ([name, entry]) =>
      isDistributionName(name)
        ? read(name, entry)
        : {
            code: 'declared.notPackageName',
            params: { name: quote(name, EXCERPT) }
          }
    );
  }

  /**
   * The first of each normalised name.
   */
  export function unique(
    dependencies: IDeclaredDependency[]
  ): IDeclaredDependency[] {
    const seen = new Set<string>();
    return dependencies.filter(
      dependency => !seen.has(dependency.key) && !!seen.add(dependency.key)
    );
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
    read: (
      stored: Record<string, unknown>,
      result: IDeclaredDependencies
    ) => void
  ): IDeclaredDependencies {
    const declared = result(source);
    const stored = json(value, what, declared.problems);
    if (stored !== null) {
      read(stored, declared);
    }
    return declared;
  }

  /**
   * An object stored as JSON text or as itself, or `null` with a problem.
   */
  export function json(
    value: unknown,
    file: DeclaredFile,
    problems: DeclaredIssue[]
  ): Record<string, unknown> | null {
    let parsed = value;
    if (typeof value === 'string') {
      try {
        parsed = JSON.parse(value);
      } catch (error) {
        problems.push({
          code: 'declared.notJson',
          params: { file, detail: cut((error as Error).message, EXCERPT) }
        });
        return null;
      }
    }
    if (!isJSONObject(parsed)) {
      problems.push({
        code: 'declared.notObject',
        params: { file, value: valueShape(parsed) }
      });
      return null;
    }
    return parsed;
  }

  /**
   * Collects problems about single packages, the first few one by one.
   */
  export class Counter {
    constructor(
      private problems: DeclaredIssue[],
      private file: DeclaredFile
    ) {}

    add(problem: DeclaredIssue): void {
      if (++this.count <= MAX_PROBLEMS) {
        this.problems.push(problem);
      }
    }

    finish(): void {
      if (this.count > MAX_PROBLEMS) {
        this.problems.push({
          code: 'declared.more',
          params: { file: this.file, count: this.count - MAX_PROBLEMS }
        });
      }
    }

    private count = 0;
  }

  /**
   * Longest excerpt of a stranger's name or message in a problem.
   */
  export const EXCERPT = 40;
}
