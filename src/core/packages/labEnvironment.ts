// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type { IEnvironmentDrift, ISnapshotRead } from './environment';
import { isJSONObject } from '../common/json';
import { normalizeDistribution } from './distributions';

/**
 * What the page says about the environment JupyterLab runs in, from its
 * page configuration (no request, no server extension).
 */
export interface ILabSide {
  /**
   * JupyterLab's version (`appVersion`), `""` when unknown.
   */
  jupyterlab: string;
  /**
   * jupyter_server's version (`notebookVersion`, `"[2, 21, 1]"`, read
   * with {@link serverVersionFrom}), `""` when unknown.
   */
  jupyterServer: string;
  /**
   * The extension manager's name (`extensionManager.name`), `""` when
   * unknown.
   */
  managerName: string;
  /**
   * Where the extension manager installs (`extensionManager.install_path`),
   * `""` when unknown.
   */
  installPath: string;
}

/**
 * What the kernel says about its environment.
 */
export interface IKernelSide {
  /**
   * Its `sys.prefix`, `""` when it did not say.
   */
  prefix: string;
  /**
   * The installed version of a distribution, by PEP 503 name: `null` when
   * it is known not to be installed, `undefined` when unknown (see
   * {@link installedVersion}).
   */
  version(key: string): string | null | undefined;
}

/**
 * Whether a kernel's environment is the one JupyterLab itself runs in:
 *
 * - `labEnvironment.same`: the kernel's `sys.prefix` is where JupyterLab's
 *   own extension manager installs (JupyterLab's built-in managers install
 *   into the server's `sys.prefix`);
 * - `labEnvironment.other`: it is another prefix than that one;
 * - `labEnvironment.sameVersion`: without those two, the kernel's
 *   environment has `package` (`jupyterlab`, else `jupyter_server`) at
 *   exactly the version the page runs: probably the same environment;
 * - `labEnvironment.unknown`: nothing says.
 *
 * `prefix` is the kernel's `sys.prefix` (`""` when it did not say).
 */
export type LabEnvironmentVerdict =
  | { code: 'labEnvironment.same'; params: { prefix: string } }
  | {
      code: 'labEnvironment.other';
      params: { prefix: string; installPath: string };
    }
  | {
      code: 'labEnvironment.sameVersion';
      params: {
        prefix: string;
        package: 'jupyterlab' | 'jupyter_server';
        version: string;
      };
    }
  | { code: 'labEnvironment.unknown'; params: { prefix: string } };

/**
 * The extension managers JupyterLab ships, whose `install_path` is the
 * server's `sys.prefix`; another manager may put anything there.
 */
export const PREFIX_MANAGERS: readonly string[] = ['PyPI', 'read-only'];

/**
 * Tell whether a kernel's environment is the one JupyterLab runs in, from
 * what the page and the kernel say, never more than they say. The paths
 * decide when both are known (JupyterLab's own manager installing into
 * the kernel's prefix, or not); else the same JupyterLab (or
 * jupyter_server) version in the kernel's environment makes it probable.
 *
 * @param lab - what the page says.
 * @param kernel - what the kernel says.
 */
export function labEnvironmentVerdict(
  lab: ILabSide,
  kernel: IKernelSide
): LabEnvironmentVerdict {
  const prefix = kernel.prefix;
  if (prefix && lab.installPath && PREFIX_MANAGERS.includes(lab.managerName)) {
    return Private.samePath(prefix, lab.installPath)
      ? { code: 'labEnvironment.same', params: { prefix } }
      : {
          code: 'labEnvironment.other',
          params: { prefix, installPath: lab.installPath }
        };
  }
  const pairs: ['jupyterlab' | 'jupyter_server', string][] = [
    ['jupyterlab', lab.jupyterlab],
    ['jupyter_server', lab.jupyterServer]
  ];
  for (const [name, version] of pairs) {
    if (version && kernel.version(normalizeDistribution(name)) === version) {
      return {
        code: 'labEnvironment.sameVersion',
        params: { prefix, package: name, version }
      };
    }
  }
  return { code: 'labEnvironment.unknown', params: { prefix } };
}

/**
 * What the page says about JupyterLab's environment, from its page
 * configuration as JupyterLab's `PageConfig.getOption` gives it (`""` when
 * absent; objects as JSON text). Lenient: what does not read is unknown.
 *
 * @param option - an option's value by name.
 */
export function readLabSide(option: (name: string) => string): ILabSide {
  let manager: unknown = null;
  try {
    manager = JSON.parse(option('extensionManager') || 'null');
  } catch {
    manager = null;
  }
  const field = (key: string): string => {
    const value = isJSONObject(manager) ? manager[key] : undefined;
    return typeof value === 'string' ? value : '';
  };
  return {
    jupyterlab: option('appVersion') || '',
    jupyterServer: serverVersionFrom(option('notebookVersion') || ''),
    managerName: field('name'),
    installPath: field('install_path')
  };
}

/**
 * jupyter_server's version from the page's `notebookVersion`, the JSON
 * text of its version tuple (`"[2, 21, 1]"` → `2.21.1`); `""` when it is
 * not one.
 *
 * @param value - the page configuration's value.
 */
export function serverVersionFrom(value: string): string {
  let parts: unknown;
  try {
    parts = JSON.parse(value);
  } catch {
    return '';
  }
  if (
    !Array.isArray(parts) ||
    parts.length === 0 ||
    !parts.every(
      part =>
        (typeof part === 'number' && Number.isInteger(part) && part >= 0) ||
        (typeof part === 'string' && /^[A-Za-z0-9]+$/.test(part))
    )
  ) {
    return '';
  }
  // `(2, 0, 0, 'rc1')` is 2.0.0rc1.
  const numbers = parts.filter(part => typeof part === 'number').join('.');
  const tail = parts.filter(part => typeof part === 'string').join('');
  return numbers ? `${numbers}${tail}` : '';
}

/**
 * The installed version of a distribution in the kernel's environment, as
 * the comparison with the snapshot tells it: its drift row's live version
 * (`null` when missing); without a row, the stored version (the same as
 * the installed one); not stored and no row: not installed, unless the
 * snapshot is partial (`undefined`: unknown).
 *
 * @param read - the stored snapshot.
 * @param drift - the kernel's environment against it.
 * @param key - the distribution's PEP 503 name.
 */
export function installedVersion(
  read: ISnapshotRead,
  drift: IEnvironmentDrift,
  key: string
): string | null | undefined {
  const row = drift.rows.find(candidate => candidate.key === key);
  if (row) {
    return row.live;
  }
  const stored = read.packages.get(key);
  if (stored) {
    return stored.version;
  }
  return read.snapshot && !read.snapshot.partial ? null : undefined;
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * Whether two absolute paths name the same folder as written: trailing
   * separators ignored; on Windows (a drive letter) `\` and `/` alike and
   * letters' case ignored. Links are not followed (the page cannot).
   */
  export function samePath(a: string, b: string): boolean {
    return canonical(a) === canonical(b);
  }

  function canonical(path: string): string {
    const windows = /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\');
    const slashed = windows ? path.replace(/\\/g, '/').toLowerCase() : path;
    return slashed.length > 1 ? slashed.replace(/\/+$/, '') : slashed;
  }
}
