// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type { PythonParser } from '../python/parser';
import { checkConsecutiveness, isExecuted } from '../execution/consecutiveness';
import type { IHiddenStateReport } from '../execution/hiddenState';
import {
  importedDistributions,
  ModuleDistributions
} from '../packages/distributions';
import { pairWithKernel } from '../packages/compare';
import {
  appendPublishRecord,
  IPublishRecord,
  readPublishHistory
} from '../extension/history';
import { formatTimestamp, generateId, RandomBytes } from '../nbproject/ids';
import { notebookImports } from '../python/imports';
import { groupInstalls } from '../packages/installGroups';
import {
  createNbproject,
  readNbproject,
  serializeNbproject,
  updateNbproject
} from '../nbproject/metadata';
import { ICellLike, joinSource } from '../notebook/cells';
import { isPep723Cell } from '../packages/metadataBlocks';
import {
  absolutePathsCheck,
  errorOutputsCheck,
  hiddenStateCheck,
  dataCheck,
  IPublishCheck,
  PublishFinding,
  secretsCheck
} from './checks';
import { dataManifestEntries, IPublishData } from './dataFiles';
import { withDataManifest } from '../data/manifest';
import {
  IEnvironmentSnapshot,
  withEnvironmentSnapshot
} from '../packages/environment';
import { getTitle } from '../nbproject/title';
import { nextVersion } from '../nbproject/version';
import { compareText, cut } from '../common/text';

/**
 * What the running kernel said, as far as publishing needs it.
 */
export interface IPublishLive {
  /**
   * Installed versions of the relevant distributions (`""` = not installed).
   */
  distributions: Readonly<Record<string, string>>;
  /**
   * The kernel's module -> distributions map for the notebook's imports.
   */
  moduleDistributions?: ModuleDistributions;
  /**
   * The kernel's Python version.
   */
  python?: string | null;
}

/**
 * Everything publishing decides from: the notebook as it is now.
 */
export interface IPublishInputs {
  /**
   * The notebook's cells (nbformat JSON shape).
   */
  cells: readonly ICellLike[];
  /**
   * The Python parser the cells' imports are read with.
   */
  parser: PythonParser;
  /**
   * The stored `metadata.nbproject` value (any JSON, or `undefined`).
   */
  nbproject: unknown;
  /**
   * The stored `metadata.jupyterlab_nbproject` value.
   */
  extension: unknown;
  /**
   * The kernel's view of the environment, or `null` without a usable kernel.
   */
  live: IPublishLive | null;
  /**
   * SHA-256 of the code (see `codeDigest`).
   */
  codeDigest: string;
  /**
   * The version the user chose; the proposal when absent.
   */
  version?: string;
  /**
   * The user's change note.
   */
  note?: string;
  /**
   * Whether the notebook ran in order, when the caller knows better than
   * the execution counts (strict mode, run record); nbproject's rule on the
   * counts otherwise.
   */
  consecutive?: boolean;
  /**
   * The hidden-state analysis of the notebook as it is, and the code cells
   * edited since they ran, when known: the `hidden-state` check (none
   * without them).
   */
  runState?: {
    hiddenState: IHiddenStateReport;
    edited: readonly number[];
  };
  /**
   * The moment of publishing.
   */
  now: Date;
  /**
   * Random source for a new id.
   */
  random?: RandomBytes;
  /**
   * The notebook's absolute directory, when known: absolute paths are
   * then suggested relative to it.
   */
  notebookDirectory?: string | null;
  /**
   * The data files hashed for the data manifest; without it the manifest
   * is left alone and there is no `data` check.
   */
  data?: IPublishData;
  /**
   * The snapshot of the kernel's whole environment, taken now; without it
   * a stored snapshot is left alone and the record points to none.
   */
  environment?: IEnvironmentSnapshot | null;
}

/**
 * What publishing would do, decided without touching the notebook.
 */
export interface IPublishPlan {
  /**
   * Every check, passed or not.
   */
  checks: IPublishCheck[];
  /**
   * Findings of the failed blocking checks: publish needs `force` when any.
   */
  problems: PublishFinding[];
  /**
   * The version proposed from what is stored.
   */
  proposedVersion: string;
  /**
   * The version that will be written.
   */
  version: string;
  /**
   * The versions published before (from the history).
   */
  publishedVersions: string[];
  /**
   * The packages that will be stored, pinned (`""` = no version known: not
   * installed in the kernel and none stored, or new without a kernel). A
   * package the kernel lacks keeps its stored version.
   */
  packages: Record<string, string>;
  /**
   * The new `metadata.nbproject` (nbproject's full form, extra keys kept).
   */
  nbproject: Record<string, unknown>;
  /**
   * The new `metadata.jupyterlab_nbproject`.
   */
  extension: Record<string, unknown>;
  /**
   * The history record appended.
   */
  record: IPublishRecord;
}

/**
 * Decide what publishing the notebook means: run the checks, pin the
 * packages and build the new metadata. Pure; the caller writes the result
 * into the live model in one transaction and saves.
 */
export function planPublish(inputs: IPublishInputs): IPublishPlan {
  const read = readNbproject(inputs.nbproject);
  const history = readPublishHistory(inputs.extension);
  const checks: IPublishCheck[] = [];
  const stored = read.metadata?.pypackage ?? null;

  const title = getTitle(inputs.cells);
  checks.push({
    id: 'title',
    passed: title !== null,
    blocking: true,
    finding:
      title !== null
        ? {
            code: 'publish.title',
            params: { title: cut(title, Private.EXCERPT) }
          }
        : { code: 'publish.noTitle' }
  });

  const consecutive =
    inputs.consecutive ?? checkConsecutiveness(inputs.cells).consecutive;
  // nbproject's rule passes a notebook where one code cell, or none, has
  // code and none ran: there is no order to vouch for then. A cell runs
  // as the execution monitor counts it: with code, not the PEP 723 cell.
  const ran = inputs.cells.some(
    cell =>
      cell.cell_type === 'code' &&
      isExecuted(cell.execution_count) &&
      joinSource(cell.source) !== '' &&
      !isPep723Cell(cell)
  );
  checks.push({
    id: 'consecutive',
    passed: consecutive,
    blocking: true,
    finding: {
      code: !consecutive
        ? 'publish.notConsecutive'
        : ran
          ? 'publish.consecutive'
          : 'publish.notRunYet'
    }
  });
  if (inputs.runState) {
    checks.push(
      hiddenStateCheck(inputs.runState.hiddenState, inputs.runState.edited)
    );
  }
  checks.push(errorOutputsCheck(inputs.cells));

  const imports = notebookImports(inputs.cells, inputs.parser);
  const imported = importedDistributions(
    imports.modules.map(module => module.name),
    inputs.live?.moduleDistributions
  );
  const { packages, notInstalled, kept } = Private.pin(
    stored,
    imported,
    inputs.live
  );
  checks.push({
    id: 'packages',
    passed: inputs.live === null || notInstalled.length === 0,
    blocking: true,
    finding:
      inputs.live !== null && notInstalled.length > 0
        ? {
            code: 'publish.notInstalled',
            params: {
              names: Private.cutAll(notInstalled),
              kept: kept.map(({ name, version }) => ({
                name: cut(name, Private.EXCERPT),
                version: cut(version, Private.EXCERPT)
              }))
            }
          }
        : Object.keys(packages).length === 0
          ? { code: 'publish.noPackages' }
          : {
              code: 'publish.pinned',
              params: {
                pins: Private.cutAll(
                  Object.entries(packages).map(([name, version]) =>
                    version ? `${name}==${version}` : name
                  )
                )
              }
            }
  });

  checks.push({
    id: 'installs',
    passed: imports.installs.length === 0,
    blocking: true,
    finding:
      imports.installs.length === 0
        ? { code: 'publish.noInstalls' }
        : {
            code: 'publish.installs',
            params: {
              // Each line once, however many cells repeat it.
              lines: Private.cutAll(
                groupInstalls(imports.installs).map(group => group.line)
              )
            }
          }
  });

  // A kernel that lacks packages pins only the others: a warning, under
  // the packages check that fails for them.
  checks.push({
    id: 'kernel',
    passed: inputs.live !== null && notInstalled.length === 0,
    blocking: false,
    finding:
      inputs.live !== null
        ? {
            code: 'publish.kernel',
            params: {
              python: inputs.live.python || null,
              notInstalled: notInstalled.length
            }
          }
        : { code: 'publish.noKernel' }
  });

  if (read.present && !read.valid) {
    checks.push({
      id: 'metadata',
      passed: false,
      blocking: read.metadata === null,
      finding:
        read.metadata === null
          ? {
              code: 'publish.metadataUnreadable',
              params: { problem: read.problems[0] ?? null }
            }
          : {
              code: 'publish.metadataFixable',
              params: { problems: read.problems }
            }
    });
  }

  // Hygiene: credentials block, user-specific paths and unhashed data warn.
  checks.push(secretsCheck(inputs.cells));
  checks.push(absolutePathsCheck(inputs.cells, inputs.notebookDirectory));
  if (inputs.data) {
    checks.push(dataCheck(inputs.data));
  }

  const proposedVersion = nextVersion(read.metadata?.version);
  const version = (inputs.version ?? '').trim() || proposedVersion;
  const publishedVersions = history.records.map(record => record.version);
  const republished = publishedVersions.includes(version);
  checks.push({
    id: 'version',
    passed: !republished,
    blocking: false,
    finding: {
      code: republished ? 'publish.versionRepublished' : 'publish.version',
      params: { version: cut(version, Private.EXCERPT) }
    }
  });

  const now = formatTimestamp(inputs.now);
  const base =
    read.metadata ??
    createNbproject({ now: inputs.now, random: inputs.random });
  const nbproject = serializeNbproject(
    updateNbproject(base, {
      id: base.id ?? generateId(inputs.random),
      time_init: base.time_init ?? now,
      version,
      pypackage: packages
    })
  );
  const record: IPublishRecord = {
    version,
    time: now,
    note: inputs.note?.trim() ? inputs.note.trim() : null,
    consecutive,
    code_sha256: inputs.codeDigest,
    python: inputs.live?.python ?? null,
    ...(inputs.environment
      ? { environment_sha256: inputs.environment.sha256 }
      : {})
  };
  const manifest = inputs.data ? dataManifestEntries(inputs.data) : null;
  const recorded = appendPublishRecord(inputs.extension, record);
  const appended = inputs.environment
    ? withEnvironmentSnapshot(recorded, inputs.environment)
    : recorded;
  return {
    checks,
    problems: checks.filter(c => !c.passed && c.blocking).map(c => c.finding),
    proposedVersion,
    version,
    publishedVersions,
    packages,
    nbproject,
    extension:
      manifest === null ? appended : withDataManifest(appended, manifest),
    record
  };
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * Pin every stored or imported distribution to its live version; keep
   * the stored spelling of a name. A distribution the kernel does not have
   * (or without a kernel, every one) keeps its stored version: the best
   * record of what the notebook ran with; `""` when none was stored.
   * `notInstalled` lists, in the same order, the names the kernel lacks.
   */
  export function pin(
    stored: Readonly<Record<string, string>> | null,
    imported: readonly string[],
    live: IPublishLive | null
  ): {
    packages: Record<string, string>;
    notInstalled: string[];
    kept: { name: string; version: string }[];
  } {
    const notInstalled: string[] = [];
    const kept: { name: string; version: string }[] = [];
    const entries = pairWithKernel(
      Object.keys(stored ?? {}),
      name => name,
      live?.distributions ?? null,
      imported
    )
      .sort((a, b) => compareText(a.key, b.key))
      .map(({ name, installed }): [string, string] => {
        if (live && installed) {
          return [name, installed];
        }
        // Own keys only: an imported module named "toString" is no version.
        const version =
          stored && Object.prototype.hasOwnProperty.call(stored, name)
            ? stored[name]
            : '';
        if (live) {
          notInstalled.push(name);
          if (version !== '') {
            kept.push({ name, version });
          }
        }
        return [name, version];
      });
    // Own properties, whatever the names ("__proto__" included).
    return { packages: Object.fromEntries(entries), notInstalled, kept };
  }

  /**
   * Longest excerpt of one name or value in a check's finding.
   */
  export const EXCERPT = 80;

  /**
   * Each item cut to {@link EXCERPT}.
   */
  export function cutAll(items: readonly string[]): string[] {
    return items.map(item => cut(item, EXCERPT));
  }
}
