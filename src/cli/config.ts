// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import * as fs from 'fs';
import * as nodePath from 'path';
import {
  isTomlTable,
  ITomlTable,
  parseToml,
  tomlGet,
  TomlValue
} from '../core/packages/toml';
import { normalizeDistribution } from '../core/packages/distributions';
import { notebookCount, someNamed } from './words';

/**
 * A repository's configuration of `nbproject-lab check`: from
 * `.nbproject-lab.toml` (top-level keys) or the `[tool.nbproject-lab]`
 * table of `pyproject.toml`.
 *
 * ```toml
 * [tool.nbproject-lab]
 * require = ["consecutive", "title", "secrets", "paths", "pinned"]
 * ignore-packages = ["my_local_helpers"]
 * exclude = ["scratch/**", "**\/*-draft.ipynb"]
 *
 * [tool.nbproject-lab.verify]
 * fail-on = ["error-now"]
 * normalisations = ["addresses", "times", "tempPaths", "warnings"]
 * tolerance = 1e-6
 * time-limit = 1200
 * ```
 */
export interface ICheckConfig {
  /**
   * The file read, or `null` when there is none.
   */
  file: string | null;
  /**
   * The checks required when `--require` is not given (names as written,
   * `all` included); `null` when not set.
   */
  require: string[] | null;
  /**
   * PEP 503 names of packages (and import names) that `pinned`, `match`
   * and `declared` leave out: local modules, the project itself.
   */
  ignorePackages: Set<string>;
  /**
   * Glob patterns of notebooks not checked, relative to the config's
   * folder (`*` within a name, `**` across folders, `?` one character).
   */
  exclude: RegExp[];
  /**
   * The folder the patterns are relative to.
   */
  base: string;
  /**
   * The defaults of `nbproject-lab verify` (its `verify` table); each
   * `null` when not set.
   */
  verify: IVerifyConfig;
  /**
   * What could not be read, in words (the run stops: a CI with a broken
   * config must not pass by checking less).
   */
  problems: string[];
}

/**
 * The `verify` table of the configuration: the same names as the
 * extension's settings, each `null` when not set. Names are checked by
 * the `verify` command, which knows them.
 */
export interface IVerifyConfig {
  /**
   * The statuses that fail the run.
   */
  failOn: string[] | null;
  /**
   * The normalisations on (the setting `verifyNormalisations`).
   */
  normalisations: string[] | null;
  /**
   * The relative tolerance of numbers (`verifyFloatTolerance`).
   */
  tolerance: number | null;
  /**
   * The time limit in seconds (`verifyTimeLimit`).
   */
  timeLimit: number | null;
}

/**
 * The configuration file names, in the order they are looked for in each
 * folder.
 */
export const CONFIG_FILES = ['.nbproject-lab.toml', 'pyproject.toml'];

/**
 * Find and read the configuration: in `start` and each folder above it up
 * to the nearest one with a `.git` (the repository's root), the first of
 * {@link CONFIG_FILES} that configures nbproject-lab. A `pyproject.toml`
 * without `[tool.nbproject-lab]` is passed over.
 *
 * @param start - the folder to start from (the working directory).
 * @param readFile - reads a small regular file; throws when it cannot.
 */
export function findConfig(
  start: string,
  readFile: (path: string) => string
): ICheckConfig {
  for (let dir = nodePath.resolve(start); ; dir = nodePath.dirname(dir)) {
    for (const name of CONFIG_FILES) {
      const file = nodePath.join(dir, name);
      let text: string;
      try {
        text = readFile(file);
      } catch {
        continue;
      }
      const config = readConfig(file, text);
      if (config !== null) {
        return config;
      }
    }
    if (
      fs.existsSync(nodePath.join(dir, '.git')) ||
      nodePath.dirname(dir) === dir
    ) {
      return emptyConfig(start);
    }
  }
}

/**
 * No configuration: nothing required by default, nothing left out.
 *
 * @param base - the folder exclusions would be relative to.
 */
export function emptyConfig(base: string): ICheckConfig {
  return {
    file: null,
    require: null,
    ignorePackages: new Set(),
    exclude: [],
    base: nodePath.resolve(base),
    verify: {
      failOn: null,
      normalisations: null,
      tolerance: null,
      timeLimit: null
    },
    problems: []
  };
}

/**
 * Read a configuration file's text.
 *
 * @param file - its path (`pyproject.toml` is read for its
 *   `[tool.nbproject-lab]` table, any other name for its top level).
 * @param text - its text.
 * @returns the configuration, or `null` for a `pyproject.toml` without
 *   the table.
 */
export function readConfig(file: string, text: string): ICheckConfig | null {
  const parsed = parseToml(text);
  const isPyproject = nodePath.basename(file) === 'pyproject.toml';
  const table = isPyproject
    ? tomlGet(parsed.root, 'tool', 'nbproject-lab')
    : parsed.root;
  if (isPyproject && table === undefined) {
    return null;
  }
  const config = emptyConfig(nodePath.dirname(file));
  config.file = file;
  config.problems.push(
    ...parsed.problems.map(
      problem =>
        `${problem.line === null ? '' : `line ${problem.line}: `}${problem.message}`
    )
  );
  if (!isTomlTable(table)) {
    config.problems.push('[tool.nbproject-lab] is not a table');
    return config;
  }
  const list = (key: string): string[] | null =>
    Private.stringList(table, key, config.problems);
  config.require = list('require');
  for (const name of list('ignore-packages') ?? []) {
    config.ignorePackages.add(normalizeDistribution(name));
  }
  config.exclude = (list('exclude') ?? []).map(Private.globToRegExp);
  if (table.verify !== undefined) {
    config.verify = Private.verifyTable(table.verify, config.problems);
  }
  for (const key of Object.keys(table)) {
    if (!Private.KEYS.includes(key)) {
      config.problems.push(
        !isPyproject &&
          key === 'tool' &&
          tomlGet(table, 'tool', 'nbproject-lab')
          ? 'unknown key "tool": this file holds the keys at its top level ([tool.nbproject-lab] is for pyproject.toml)'
          : Private.unknownKey(key, Private.KEYS)
      );
    }
  }
  return config;
}

/**
 * Whether a notebook is excluded by the configuration.
 *
 * @param config - the configuration.
 * @param file - the notebook's path as given (relative to the working
 *   directory, or absolute).
 */
export function isExcluded(config: ICheckConfig, file: string): boolean {
  const relative = nodePath
    .relative(config.base, nodePath.resolve(file))
    .split(nodePath.sep)
    .join('/');
  return config.exclude.some(pattern => pattern.test(relative));
}

/**
 * The line that says which notebooks given were excluded, and by what:
 * `3 notebooks excluded by pyproject.toml ([tool.nbproject-lab] exclude):
 * a.ipynb, b.ipynb, c.ipynb` (at most {@link EXCLUDED_NAMED} names, then
 * how many more).
 *
 * @param config - the configuration that excluded them.
 * @param excluded - the notebooks, as given.
 * @param cwd - the working directory, to name a file found from; without
 *   it the file is named as read.
 */
export function exclusionNotice(
  config: ICheckConfig,
  excluded: readonly string[],
  cwd?: string
): string {
  const file = config.file ?? '';
  // A file found is named from the working directory; `--config`'s as
  // given.
  const shown =
    cwd !== undefined && nodePath.isAbsolute(file)
      ? nodePath.relative(cwd, file) || file
      : file;
  const key =
    nodePath.basename(file) === 'pyproject.toml'
      ? '[tool.nbproject-lab] exclude'
      : 'exclude';
  return `${notebookCount(excluded.length)} excluded by ${shown} (${key}): ${someNamed(excluded, EXCLUDED_NAMED)}`;
}

/**
 * The most excluded notebooks {@link exclusionNotice} names.
 */
export const EXCLUDED_NAMED = 5;

/**
 * Module internals.
 */
namespace Private {
  /**
   * The keys a configuration may have.
   */
  export const KEYS = ['require', 'ignore-packages', 'exclude', 'verify'];

  /**
   * A key the table does not take, with the one meant when it differs by
   * case or by `_` for `-` (`ignore_packages`).
   */
  export function unknownKey(key: string, known: readonly string[]): string {
    const spelled = key.toLowerCase().replace(/_/g, '-');
    const meant = known.find(name => name === spelled);
    return `unknown key "${key}"${meant === undefined ? '' : ` (did you mean "${meant}"?)`}`;
  }

  /**
   * The keys of the `verify` table.
   */
  const VERIFY_KEYS = ['fail-on', 'normalisations', 'tolerance', 'time-limit'];

  /**
   * The `verify` table's values; a problem for each that is not of its
   * kind (a list of strings, a number of at least 0, of at least 1 for
   * the time limit).
   */
  export function verifyTable(
    value: TomlValue,
    problems: string[]
  ): IVerifyConfig {
    const verify: IVerifyConfig = {
      failOn: null,
      normalisations: null,
      tolerance: null,
      timeLimit: null
    };
    if (!isTomlTable(value)) {
      problems.push('"verify" is not a table');
      return verify;
    }
    const inner: string[] = [];
    verify.failOn = stringList(value, 'fail-on', inner);
    verify.normalisations = stringList(value, 'normalisations', inner);
    const number = (key: string, least: number): number | null => {
      const found = value[key];
      if (found === undefined) {
        return null;
      }
      if (typeof found !== 'number' || !(found >= least)) {
        inner.push(`"${key}" is not a number of at least ${least}`);
        return null;
      }
      return found;
    };
    verify.tolerance = number('tolerance', 0);
    verify.timeLimit = number('time-limit', 1);
    for (const key of Object.keys(value)) {
      if (!VERIFY_KEYS.includes(key)) {
        inner.push(unknownKey(key, VERIFY_KEYS));
      }
    }
    problems.push(...inner.map(problem => `verify: ${problem}`));
    return verify;
  }

  /**
   * A key's list of strings, or `null` when absent; a problem when it is
   * something else.
   */
  export function stringList(
    table: ITomlTable,
    key: string,
    problems: string[]
  ): string[] | null {
    const value: TomlValue | undefined = table[key];
    if (value === undefined) {
      return null;
    }
    if (
      !Array.isArray(value) ||
      !value.every(item => typeof item === 'string')
    ) {
      problems.push(`"${key}" is not a list of strings`);
      return null;
    }
    return value as string[];
  }

  /**
   * A glob as a regular expression over `/`-separated relative paths.
   */
  export function globToRegExp(glob: string): RegExp {
    let out = '';
    for (let i = 0; i < glob.length; i++) {
      const char = glob[i];
      if (char === '*' && glob[i + 1] === '*') {
        // `**/` matches any folders, none included; `**` at the end all.
        const slash = glob[i + 2] === '/';
        out += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else if (char === '*') {
        out += '[^/]*';
      } else if (char === '?') {
        out += '[^/]';
      } else {
        out += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
      }
    }
    // A folder's pattern excludes what is below it too.
    return new RegExp(`^${out.replace(/\/$/, '')}(?:/.*)?$`);
  }
}
