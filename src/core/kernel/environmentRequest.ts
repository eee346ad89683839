// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { isJSONObject } from '../common/json';
import { normalizeDistribution } from '../packages/distributions';
import { isDistributionName } from '../packages/requirements';
import {
  ISilentRequestContent,
  KernelReplyProblem,
  readSilentReply,
  silentExpression,
  silentRequest
} from './silentRequest';

/**
 * Where a distribution came from when not from an index, as its
 * `direct_url.json` (PEP 610) says.
 */
export interface IDirectSource {
  /**
   * The URL: a VCS URL, `file://` for a local directory or archive.
   */
  url: string;
  /**
   * The version control system (`git`, `hg`, ...) when a VCS checkout.
   */
  vcs?: string;
  /**
   * The commit installed, for a VCS checkout.
   */
  commit?: string;
  /**
   * The branch or tag asked for, for a VCS checkout.
   */
  revision?: string;
  /**
   * Installed in editable mode (a local directory).
   */
  editable?: boolean;
  /**
   * The project's folder inside the URL's tree.
   */
  subdirectory?: string;
  /**
   * SHA-256 of an archive, when recorded.
   */
  sha256?: string;
  /**
   * `directory` for a local directory, `archive` for a file or URL to an
   * archive, `vcs` for a checkout.
   */
  kind: 'vcs' | 'directory' | 'archive';
}

/**
 * One installed distribution, as the kernel's environment lists it.
 */
export interface IInstalledDistribution {
  /**
   * The name as its metadata spells it.
   */
  name: string;
  /**
   * The installed version.
   */
  version: string;
  /**
   * The tool that installed it (`INSTALLER`: `pip`, `uv`, `conda`), or `""`.
   */
  installer: string;
  /**
   * Where it came from when not an index.
   */
  source?: IDirectSource;
  /**
   * The PEP 503 names of what it requires (its `Requires-Dist` without an
   * `extra` marker), for which distributions lie under which.
   */
  requires: string[];
}

/**
 * One package of a conda environment, from `conda-meta/*.json`.
 */
export interface ICondaPackage {
  /**
   * Package name.
   */
  name: string;
  /**
   * Version.
   */
  version: string;
  /**
   * Build string.
   */
  build: string;
  /**
   * Channel name or URL, `""` when not recorded.
   */
  channel: string;
}

/**
 * The kernel's whole environment, as one environment request saw it.
 */
export interface IEnvironmentReport {
  /**
   * The interpreter: `platform.python_version()` and
   * `platform.python_implementation()`.
   */
  python: { version: string; implementation: string };
  /**
   * `sysconfig.get_platform()`, e.g. `linux-x86_64`, `macosx-11.0-arm64`.
   */
  platform: string;
  /**
   * Every installed distribution, one per PEP 503 name (the first found
   * on `sys.path`, as imports see it), sorted by that name.
   */
  distributions: IInstalledDistribution[];
  /**
   * The conda packages when the kernel runs in a conda environment, sorted
   * by name; `null` otherwise.
   */
  conda: ICondaPackage[] | null;
  /**
   * Whether the kernel stopped listing at its deadline or caps: the lists
   * are then incomplete.
   */
  partial: boolean;
}

/**
 * What an environment reply says.
 */
export type EnvironmentResult =
  | { ok: true; report: IEnvironmentReport }
  | {
      ok: false;
      /**
       * As for the probe: `aborted`, `kernel-error` or `malformed`.
       */
      reason: 'aborted' | 'kernel-error' | 'malformed';
      /**
       * What exactly, for the caller to word.
       */
      problem: KernelReplyProblem;
      /**
       * The kernel's own words, untrusted.
       */
      detail: string;
    };

/**
 * The `user_expressions` key the environment request is sent under.
 */
export const ENVIRONMENT_EXPRESSION_KEY = 'jupyterlab_nbproject_environment';

/**
 * How long the kernel may list, in milliseconds, by default.
 */
export const DEFAULT_ENVIRONMENT_BUDGET = 3000;

/**
 * Most distributions (and most conda packages) listed: more is not an
 * environment a person keeps in a notebook.
 */
export const MAX_ENVIRONMENT_ENTRIES = 3000;

/**
 * Longest string kept from the kernel's metadata (names, versions, URLs).
 */
export const MAX_ENVIRONMENT_TEXT = 300;

/**
 * The Python source of the request: `environment(budget, cap, text)`
 * returns base64-encoded JSON. Standard library only; it reads the
 * metadata of the installed distributions (`importlib.metadata`) and, in
 * a conda environment, `conda-meta/*.json`; no subprocess, no network.
 * Every loop stops at the deadline or the cap, and every string is cut.
 */
export const ENVIRONMENT_SOURCE = `import base64
import json
import os
import platform
import re
import sys
import sysconfig
import time


def environment(budget, cap, text):
    deadline = time.monotonic() + budget
    out = {
        "python": {
            "version": platform.python_version(),
            "implementation": platform.python_implementation(),
        },
        "platform": sysconfig.get_platform(),
        "distributions": [],
        "conda": None,
        "partial": False,
    }
    try:
        import importlib.metadata as md
    except ImportError:
        out["error"] = "importlib.metadata needs Python 3.8 or later"
        return encode(out)
    seen = set()
    for dist in md.distributions():
        if time.monotonic() >= deadline or len(out["distributions"]) >= cap:
            out["partial"] = True
            break
        try:
            name = dist.metadata["Name"]
            if not name or normalize(name) in seen:
                continue
            seen.add(normalize(name))
            out["distributions"].append(describe(dist, name, cap, text))
        except Exception:
            continue
    conda = os.path.join(sys.prefix, "conda-meta")
    if os.path.isdir(conda):
        out["conda"] = []
        try:
            names = sorted(os.listdir(conda))
        except OSError:
            names = []
        for name in names:
            if not name.endswith(".json"):
                continue
            if time.monotonic() >= deadline or len(out["conda"]) >= cap:
                out["partial"] = True
                break
            try:
                with open(os.path.join(conda, name), encoding="utf-8") as f:
                    meta = json.load(f)
                out["conda"].append(dict(
                    (key, str(meta.get(key) or "")[:text])
                    for key in ("name", "version", "build", "channel")
                ))
            except Exception:
                continue
    return encode(out)


def describe(dist, name, cap, text):
    entry = {
        "name": name[:text],
        "version": (dist.version or "")[:text],
        "installer": (dist.read_text("INSTALLER") or "").strip()[:text],
        "requires": [],
    }
    for req in (dist.requires or [])[:cap]:
        spec, _, marker = req.partition(";")
        match = re.match("[A-Za-z0-9][A-Za-z0-9._-]*", spec.strip())
        if match and "extra" not in marker:
            entry["requires"].append(normalize(match.group(0))[:text])
    try:
        direct = json.loads(dist.read_text("direct_url.json") or "null")
    except Exception:
        direct = None
    if isinstance(direct, dict) and isinstance(direct.get("url"), str):
        source = {"url": direct["url"][:text]}
        vcs = direct.get("vcs_info")
        directory = direct.get("dir_info")
        if isinstance(vcs, dict):
            source["kind"] = "vcs"
            for key, out in (("vcs", "vcs"), ("commit_id", "commit"), ("requested_revision", "revision")):
                if isinstance(vcs.get(key), str):
                    source[out] = vcs[key][:text]
        elif isinstance(directory, dict):
            source["kind"] = "directory"
            source["editable"] = directory.get("editable") is True
        else:
            source["kind"] = "archive"
            archive = direct.get("archive_info")
            hashes = archive.get("hashes") if isinstance(archive, dict) else None
            if isinstance(hashes, dict) and isinstance(hashes.get("sha256"), str):
                source["sha256"] = hashes["sha256"][:text]
        if isinstance(direct.get("subdirectory"), str):
            source["subdirectory"] = direct["subdirectory"][:text]
        entry["source"] = source
    return entry


def normalize(name):
    return re.sub("[-_.]+", "-", name).lower()


def encode(out):
    return base64.b64encode(json.dumps(out, sort_keys=True).encode("ascii")).decode("ascii")
`;

/**
 * The Python expression the request evaluates in the kernel.
 *
 * @param budget - how long the kernel may list, in milliseconds.
 */
export function environmentExpression(
  budget = DEFAULT_ENVIRONMENT_BUDGET
): string {
  return silentExpression(ENVIRONMENT_SOURCE, 'environment', [
    Math.max(0, budget) / 1000,
    MAX_ENVIRONMENT_ENTRIES,
    MAX_ENVIRONMENT_TEXT
  ]);
}

/**
 * The content of the silent `execute_request` listing the kernel's whole
 * environment: no code, silent, no history, one user expression.
 *
 * @param budget - how long the kernel may list, in milliseconds.
 */
export function environmentRequest(
  budget = DEFAULT_ENVIRONMENT_BUDGET
): ISilentRequestContent {
  return silentRequest(
    ENVIRONMENT_EXPRESSION_KEY,
    environmentExpression(budget)
  );
}

/**
 * Read the reply to an environment request. Never throws: entries that
 * are not what was asked for are left out, and the lists are capped,
 * unique by PEP 503 name and sorted whatever the kernel sent.
 *
 * @param content - the `content` of the `execute_reply`, as received.
 */
export function parseEnvironmentReply(content: unknown): EnvironmentResult {
  const reply = readSilentReply(content, ENVIRONMENT_EXPRESSION_KEY);
  if (!reply.ok) {
    return { ...reply };
  }
  const { payload } = reply;
  if (!isJSONObject(payload)) {
    return Private.malformed();
  }
  if (typeof payload['error'] === 'string') {
    return {
      ok: false,
      reason: 'kernel-error',
      problem: 'expression-error',
      detail: payload['error']
    };
  }
  const python = payload['python'];
  if (
    !isJSONObject(python) ||
    typeof python['version'] !== 'string' ||
    typeof python['implementation'] !== 'string' ||
    typeof payload['platform'] !== 'string' ||
    !Array.isArray(payload['distributions'])
  ) {
    return Private.malformed();
  }
  const conda = payload['conda'];
  return {
    ok: true,
    report: {
      python: {
        version: Private.text(python['version']),
        implementation: Private.text(python['implementation'])
      },
      platform: Private.text(payload['platform']),
      distributions: Private.distributions(payload['distributions']),
      conda: Array.isArray(conda) ? Private.conda(conda) : null,
      partial: payload['partial'] === true
    }
  };
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * The failure for a reply of the wrong shape.
   */
  export function malformed(): EnvironmentResult {
    return {
      ok: false,
      reason: 'malformed',
      problem: 'malformed-shape',
      detail: ''
    };
  }

  /**
   * A string from the kernel, cut; `""` for anything else.
   */
  export function text(value: unknown): string {
    return typeof value === 'string'
      ? value.slice(0, MAX_ENVIRONMENT_TEXT)
      : '';
  }

  /**
   * The valid distributions, one per PEP 503 name, sorted, capped.
   */
  export function distributions(
    items: readonly unknown[]
  ): IInstalledDistribution[] {
    const found = new Map<string, IInstalledDistribution>();
    for (const item of items.slice(0, MAX_ENVIRONMENT_ENTRIES)) {
      if (!isJSONObject(item)) {
        continue;
      }
      const name = text(item['name']);
      const version = text(item['version']);
      const key = normalizeDistribution(name);
      if (!isDistributionName(name) || version === '' || found.has(key)) {
        continue;
      }
      const requires = Array.isArray(item['requires'])
        ? [
            ...new Set(
              item['requires']
                .map(text)
                .filter(isDistributionName)
                .map(normalizeDistribution)
            )
          ].slice(0, MAX_ENVIRONMENT_ENTRIES)
        : [];
      const source = directSource(item['source']);
      found.set(key, {
        name,
        version,
        installer: text(item['installer']),
        ...(source ? { source } : {}),
        requires
      });
    }
    return [...found.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, dist]) => dist);
  }

  /**
   * A `direct_url.json` summary, or `undefined` when not one.
   */
  export function directSource(value: unknown): IDirectSource | undefined {
    if (!isJSONObject(value) || typeof value['url'] !== 'string') {
      return undefined;
    }
    const kind = value['kind'];
    if (kind !== 'vcs' && kind !== 'directory' && kind !== 'archive') {
      return undefined;
    }
    const source: IDirectSource = { kind, url: text(value['url']) };
    for (const key of [
      'vcs',
      'commit',
      'revision',
      'subdirectory',
      'sha256'
    ] as const) {
      if (typeof value[key] === 'string' && value[key] !== '') {
        source[key] = text(value[key]);
      }
    }
    if (value['editable'] === true) {
      source.editable = true;
    }
    return source;
  }

  /**
   * The valid conda packages, unique by name, sorted, capped.
   */
  export function conda(items: readonly unknown[]): ICondaPackage[] {
    const found = new Map<string, ICondaPackage>();
    for (const item of items.slice(0, MAX_ENVIRONMENT_ENTRIES)) {
      if (!isJSONObject(item)) {
        continue;
      }
      const entry = {
        name: text(item['name']),
        version: text(item['version']),
        build: text(item['build']),
        channel: text(item['channel'])
      };
      if (/^[A-Za-z0-9_.+-]+$/.test(entry.name) && !found.has(entry.name)) {
        found.set(entry.name, entry);
      }
    }
    return [...found.values()].sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0
    );
  }
}
