// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { isJSONObject } from '../common/json';
import { compareText, quote } from '../common/text';
import {
  ExtensionPart,
  readExtension,
  withExtensionPart
} from '../extension/metadata';
import type {
  ICondaPackage,
  IDirectSource,
  IEnvironmentReport
} from '../kernel/environmentRequest';
import { sha256Hex } from '../notebook/digest';
import { normalizeDistribution } from './distributions';
import { isDistributionName } from './requirements';

/**
 * The key, inside the extension's metadata (`jupyterlab_nbproject`), under
 * which publishing stores the snapshot of the kernel's whole environment:
 *
 * ```json
 * "environment": {
 *   "python": "3.11.7",
 *   "implementation": "CPython",
 *   "platform": "linux-x86_64",
 *   "installer": "pip",
 *   "packages": ["numpy==1.26.4", "pandas==2.2.2", "…"],
 *   "installers": {"ruff": "uv"},
 *   "sources": {"mylib": {"kind": "vcs", "vcs": "git", "url": "…", "commit": "…"}},
 *   "conda": ["conda-forge::numpy==1.26.4=py311h64a7726_0"],
 *   "sha256": "…"
 * }
 * ```
 *
 * One string per distribution keeps a 400-package environment near 12 KB
 * in the indented notebook file. `installer` is the installer of most
 * distributions; `installers` lists the others. `sources` holds the
 * distributions not installed from an index (`direct_url.json`), keyed by
 * PEP 503 name. `conda` is there in a conda environment. `sha256` is the
 * SHA-256 of {@link snapshotText}; a publication's history record points
 * to it.
 */
export const ENVIRONMENT_KEY: ExtensionPart = 'environment';

/**
 * The environment a notebook was published with.
 */
export interface IEnvironmentSnapshot {
  /**
   * The Python version, e.g. `3.11.7`.
   */
  python: string;
  /**
   * The Python implementation, e.g. `CPython`.
   */
  implementation: string;
  /**
   * `sysconfig.get_platform()`, e.g. `linux-x86_64`.
   */
  platform: string;
  /**
   * The installer of most distributions (`""` when none recorded).
   */
  installer: string;
  /**
   * `name==version` of every distribution, sorted by PEP 503 name.
   */
  packages: string[];
  /**
   * The installer of each distribution not installed by {@link installer},
   * by PEP 503 name.
   */
  installers?: Record<string, string>;
  /**
   * Where each distribution not installed from an index came from, by
   * PEP 503 name.
   */
  sources?: Record<string, IDirectSource>;
  /**
   * The conda packages, `channel::name==version=build`, sorted by name.
   */
  conda?: string[];
  /**
   * Present (`true`) when the kernel could not list everything in time.
   */
  partial?: true;
  /**
   * SHA-256 of the rest (see {@link snapshotText}).
   */
  sha256: string;
}

/**
 * One distribution of a snapshot, unpacked.
 */
export interface ISnapshotPackage {
  /**
   * The name as stored.
   */
  name: string;
  /**
   * The version as stored.
   */
  version: string;
  /**
   * Where it came from when not an index.
   */
  source?: IDirectSource;
}

/**
 * What could not be read in a stored snapshot, for the caller to word.
 *
 * - `environment.notObject`: the stored value is not an object;
 * - `environment.badPackage`: one entry of `packages` was ignored (`entry`:
 *   the entry, cut and quoted).
 */
export type SnapshotIssue =
  | { code: 'environment.notObject' }
  | { code: 'environment.badPackage'; params: { entry: string } };

/**
 * The snapshot as read, leniently.
 */
export interface ISnapshotRead {
  /**
   * The snapshot, or `null` when none is stored (or it is unreadable).
   */
  snapshot: IEnvironmentSnapshot | null;
  /**
   * Its packages by PEP 503 name.
   */
  packages: Map<string, ISnapshotPackage>;
  /**
   * What could not be read.
   */
  problems: SnapshotIssue[];
}

/**
 * The canonical text a snapshot's digest is computed over: the snapshot
 * without `sha256`, as JSON with sorted keys.
 *
 * @param snapshot - the snapshot, with or without its digest.
 */
export function snapshotText(
  snapshot: Omit<IEnvironmentSnapshot, 'sha256'> & { sha256?: string }
): string {
  return Private.canonical({ ...snapshot, sha256: undefined });
}

/**
 * The snapshot of a kernel's environment, with its digest.
 *
 * @param report - what the environment request returned.
 */
export async function takeSnapshot(
  report: IEnvironmentReport
): Promise<IEnvironmentSnapshot> {
  const installers = new Map<string, number>();
  for (const dist of report.distributions) {
    installers.set(dist.installer, (installers.get(dist.installer) ?? 0) + 1);
  }
  const installer =
    [...installers.entries()].sort(
      (a, b) => b[1] - a[1] || compareText(a[0], b[0])
    )[0]?.[0] ?? '';
  const others: Record<string, string> = {};
  const sources: Record<string, IDirectSource> = {};
  const sorted = [...report.distributions].sort((a, b) =>
    compareText(normalizeDistribution(a.name), normalizeDistribution(b.name))
  );
  for (const dist of sorted) {
    const key = normalizeDistribution(dist.name);
    if (dist.installer !== installer) {
      others[key] = dist.installer;
    }
    if (dist.source) {
      sources[key] = { ...dist.source };
    }
  }
  const content: Omit<IEnvironmentSnapshot, 'sha256'> = {
    python: report.python.version,
    implementation: report.python.implementation,
    platform: report.platform,
    installer,
    packages: sorted.map(dist => `${dist.name}==${dist.version}`),
    ...(Object.keys(others).length > 0 ? { installers: others } : {}),
    ...(Object.keys(sources).length > 0 ? { sources } : {}),
    ...(report.conda ? { conda: report.conda.map(Private.condaSpec) } : {}),
    ...(report.partial ? { partial: true as const } : {})
  };
  return { ...content, sha256: await sha256Hex(snapshotText(content)) };
}

/**
 * The value to store under the extension's key with the snapshot written;
 * every other key is kept.
 *
 * @param extensionValue - the value under `jupyterlab_nbproject`, as found.
 * @param snapshot - the new snapshot.
 */
export function withEnvironmentSnapshot(
  extensionValue: unknown,
  snapshot: IEnvironmentSnapshot
): Record<string, unknown> {
  const previous = readExtension(extensionValue).value[ENVIRONMENT_KEY];
  return withExtensionPart(
    extensionValue,
    ENVIRONMENT_KEY,
    { ...snapshot },
    previous === undefined || isJSONObject(previous)
  );
}

/**
 * Read the stored snapshot. Never throws: entries that cannot be read are
 * left out and said.
 *
 * @param extensionValue - the value under `jupyterlab_nbproject`, as found.
 */
export function readEnvironmentSnapshot(
  extensionValue: unknown
): ISnapshotRead {
  const stored = readExtension(extensionValue).value[ENVIRONMENT_KEY];
  const packages = new Map<string, ISnapshotPackage>();
  if (stored === undefined) {
    return { snapshot: null, packages, problems: [] };
  }
  if (!isJSONObject(stored) || !Array.isArray(stored['packages'])) {
    return {
      snapshot: null,
      packages,
      problems: [{ code: 'environment.notObject' }]
    };
  }
  const problems: SnapshotIssue[] = [];
  const sources = isJSONObject(stored['sources']) ? stored['sources'] : {};
  for (const entry of stored['packages']) {
    const match =
      typeof entry === 'string' ? /^([^=\s]+)==(\S+)$/.exec(entry) : null;
    if (!match || !isDistributionName(match[1])) {
      problems.push({
        code: 'environment.badPackage',
        params: { entry: quote(String(entry), 60) }
      });
      continue;
    }
    const key = normalizeDistribution(match[1]);
    const source = Object.prototype.hasOwnProperty.call(sources, key)
      ? sources[key]
      : undefined;
    packages.set(key, {
      name: match[1],
      version: match[2],
      ...(isJSONObject(source) && typeof source['url'] === 'string'
        ? { source: source as unknown as IDirectSource }
        : {})
    });
  }
  const text = (key: string): string =>
    typeof stored[key] === 'string' ? (stored[key] as string) : '';
  const conda = Array.isArray(stored['conda'])
    ? stored['conda'].filter(
        (spec): spec is string =>
          typeof spec === 'string' && parseCondaSpec(spec) !== null
      )
    : null;
  const snapshot: IEnvironmentSnapshot = {
    python: text('python'),
    implementation: text('implementation'),
    platform: text('platform'),
    installer: text('installer'),
    packages: [...packages.values()].map(p => `${p.name}==${p.version}`),
    ...(conda ? { conda } : {}),
    ...(stored['partial'] === true ? { partial: true as const } : {}),
    sha256: text('sha256')
  };
  return { snapshot, packages, problems };
}

/**
 * How one distribution differs between the snapshot and the kernel:
 * `changed` (another version, or another commit or URL), `missing` (in
 * the snapshot, not installed), `added` (installed, not in the snapshot).
 */
export type DriftStatus = 'changed' | 'missing' | 'added';

/**
 * One row of the drift table.
 */
export interface IDriftRow {
  /**
   * PEP 503 name, the row's key.
   */
  key: string;
  /**
   * The name as stored, or as installed when added.
   */
  name: string;
  /**
   * The stored version, `null` when added.
   */
  stored: string | null;
  /**
   * The installed version, `null` when missing.
   */
  live: string | null;
  /**
   * How it differs.
   */
  status: DriftStatus;
  /**
   * Whether the notebook's imports use it: an imported distribution, or
   * one they require, directly or not (`Requires-Dist`).
   */
  underImports: boolean;
}

/**
 * What differs beyond packages, said first, in this order:
 *
 * - `environment.pythonMinor`: another Python minor (or major) version;
 * - `environment.implementation`: another Python implementation;
 * - `environment.platform`: another platform;
 * - `environment.pythonPatch`: another Python patch version.
 */
export type EnvironmentFinding =
  | {
      code:
        | 'environment.pythonMinor'
        | 'environment.pythonPatch'
        | 'environment.implementation'
        | 'environment.platform';
      params: { stored: string; live: string };
    }
  | {
      code: 'environment.drift';
      params: {
        changed: number;
        underImports: number;
        missing: number;
        added: number;
      };
    };

/**
 * The live environment against the snapshot.
 */
export interface IEnvironmentDrift {
  /**
   * Interpreter and platform differences first, then the packages' counts
   * (`environment.drift`, always last).
   */
  findings: EnvironmentFinding[];
  /**
   * The rows, changed first, then missing, then added; under the imports
   * first within each; by name.
   */
  rows: IDriftRow[];
}

/**
 * Compare the kernel's environment with the snapshot it was published
 * with. Linear in the number of distributions and requirements.
 *
 * @param read - the stored snapshot, as {@link readEnvironmentSnapshot}
 *   reads it.
 * @param report - what the environment request returned.
 * @param imported - the distributions the notebook imports (any
 *   spelling): the roots of "under your imports".
 */
export function compareEnvironment(
  read: ISnapshotRead,
  report: IEnvironmentReport,
  imported: readonly string[]
): IEnvironmentDrift {
  const findings: EnvironmentFinding[] = [];
  const snapshot = read.snapshot;
  if (snapshot) {
    const minor = (version: string) => version.split('.').slice(0, 2).join('.');
    const pairs: [EnvironmentFinding['code'], string, string][] = [
      [
        'environment.pythonMinor',
        minor(snapshot.python),
        minor(report.python.version)
      ],
      [
        'environment.implementation',
        snapshot.implementation,
        report.python.implementation
      ],
      ['environment.platform', snapshot.platform, report.platform]
    ];
    if (minor(snapshot.python) === minor(report.python.version)) {
      pairs.push([
        'environment.pythonPatch',
        snapshot.python,
        report.python.version
      ]);
    }
    for (const [code, stored, live] of pairs) {
      if (stored !== '' && live !== '' && stored !== live) {
        findings.push({
          code,
          params: { stored, live }
        } as EnvironmentFinding);
      }
    }
  }
  const installed = new Map(
    report.distributions.map(dist => [normalizeDistribution(dist.name), dist])
  );
  const under = Private.closure(imported, installed);
  const rows: IDriftRow[] = [];
  for (const [key, stored] of read.packages) {
    const live = installed.get(key);
    if (!live) {
      rows.push(
        Private.row(key, stored.name, stored.version, null, 'missing', under)
      );
    } else if (
      live.version !== stored.version ||
      Private.sourceId(live.source) !== Private.sourceId(stored.source)
    ) {
      rows.push(
        Private.row(
          key,
          stored.name,
          stored.version,
          live.version,
          'changed',
          under
        )
      );
    }
  }
  if (snapshot && !snapshot.partial) {
    for (const [key, live] of installed) {
      if (!read.packages.has(key)) {
        rows.push(
          Private.row(key, live.name, null, live.version, 'added', under)
        );
      }
    }
  }
  const order: Record<DriftStatus, number> = {
    changed: 0,
    missing: 1,
    added: 2
  };
  rows.sort(
    (a, b) =>
      order[a.status] - order[b.status] ||
      Number(b.underImports) - Number(a.underImports) ||
      compareText(a.key, b.key)
  );
  const count = (status: DriftStatus) =>
    rows.filter(row => row.status === status).length;
  findings.push({
    code: 'environment.drift',
    params: {
      changed: count('changed'),
      underImports: rows.filter(
        row => row.status !== 'added' && row.underImports
      ).length,
      missing: count('missing'),
      added: count('added')
    }
  });
  return { findings, rows };
}

/**
 * The snapshot's packages as `pin` strings for an install line: the
 * stored version of each (`name==version`), or its direct URL when not
 * from an index, for the keys given.
 *
 * @param read - the stored snapshot.
 * @param keys - PEP 503 names to pin.
 */
export function storedPins(
  read: ISnapshotRead,
  keys: readonly string[]
): string[] {
  return keys
    .map(key => read.packages.get(key))
    .filter((p): p is ISnapshotPackage => p !== undefined)
    .map(p =>
      p.source
        ? `${p.name} @ ${directUrl(p.source)}`
        : `${p.name}==${p.version}`
    );
}

/**
 * A direct source as a PEP 508 URL: `git+https://…@commit` for a VCS
 * checkout, the URL otherwise, with `#subdirectory=` when there is one.
 *
 * @param source - where the distribution came from.
 */
export function directUrl(source: IDirectSource): string {
  let url = source.url;
  if (source.kind === 'vcs' && source.vcs) {
    const prefix = `${source.vcs}+`;
    url = `${url.startsWith(prefix) ? '' : prefix}${url}${source.commit ? `@${source.commit}` : ''}`;
  }
  return source.subdirectory
    ? `${url}#subdirectory=${source.subdirectory}`
    : url;
}

/**
 * A conda package parsed back from its stored spec, or `null`.
 *
 * @param spec - `channel::name==version=build`.
 */
export function parseCondaSpec(spec: string): ICondaPackage | null {
  const match = /^(?:(.*)::)?([^=\s:]+)==([^=\s]+)(?:=(\S*))?$/.exec(spec);
  return match
    ? {
        channel: match[1] ?? '',
        name: match[2],
        version: match[3],
        build: match[4] ?? ''
      }
    : null;
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * JSON with sorted keys, at every depth.
   */
  export function canonical(value: unknown): string {
    if (Array.isArray(value)) {
      return `[${value.map(canonical).join(',')}]`;
    }
    if (isJSONObject(value)) {
      return `{${Object.keys(value)
        .sort()
        .filter(key => value[key] !== undefined)
        .map(key => `${JSON.stringify(key)}:${canonical(value[key])}`)
        .join(',')}}`;
    }
    return JSON.stringify(value);
  }

  /**
   * A conda package as one string.
   */
  export function condaSpec(pkg: ICondaPackage): string {
    return `${pkg.channel ? `${pkg.channel}::` : ''}${pkg.name}==${pkg.version}=${pkg.build}`;
  }

  /**
   * What identifies a direct source: the URL and commit.
   */
  export function sourceId(source: IDirectSource | undefined): string {
    return source ? `${source.url}@${source.commit ?? ''}` : '';
  }

  /**
   * The PEP 503 names of the imported distributions and of all they
   * require, through the installed distributions' requirements: each
   * name is visited once.
   */
  export function closure(
    roots: readonly string[],
    installed: ReadonlyMap<string, { requires: readonly string[] }>
  ): Set<string> {
    const seen = new Set<string>();
    const todo = roots.map(normalizeDistribution);
    while (todo.length > 0) {
      const key = todo.pop() as string;
      if (seen.has(key)) {
        continue;
      }
      seen.add(key);
      todo.push(...(installed.get(key)?.requires ?? []));
    }
    return seen;
  }

  /**
   * One drift row.
   */
  export function row(
    key: string,
    name: string,
    stored: string | null,
    live: string | null,
    status: DriftStatus,
    under: ReadonlySet<string>
  ): IDriftRow {
    return { key, name, stored, live, status, underImports: under.has(key) };
  }
}
