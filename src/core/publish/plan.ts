// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type { PythonParser } from '../python/parser';
import { checkConsecutiveness } from '../execution/consecutiveness';
import { importedDistributions, ModuleDistributions } from '../packages/distributions';
import { pairWithKernel } from '../packages/compare';
import { appendPublishRecord, IPublishRecord, readPublishHistory } from '../extension/history';
import { formatTimestamp, generateId, RandomBytes } from '../nbproject/ids';
import { notebookImports } from '../python/imports';
import {
  createNbproject,
  readNbproject,
  serializeNbproject,
  updateNbproject
} from '../nbproject/metadata';
import { ICellLike } from '../notebook/cells';
import { absolutePathsCheck, dataCheck, IPublishCheck, secretsCheck } from './checks';
import { dataManifestEntries, IPublishData } from './dataFiles';
import { withDataManifest } from '../data/manifest';
import { getTitle } from '../nbproject/title';
import { nextVersion } from '../nbproject/version';
import { compareText, cut, listSome } from '../common/text';

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
   * Messages of the failed blocking checks: publish needs `force` when any.
   */
  problems: string[];
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
   * The packages that will be stored, pinned (`""` = not installed).
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
    message:
      title !== null
        ? `Title: ${title === '' ? '(empty)' : cut(title, Private.EXCERPT)}`
        : 'No title: add a Markdown cell with a line starting with "# ".'
  });

  const consecutive =
    inputs.consecutive ?? checkConsecutiveness(inputs.cells).consecutive;
  checks.push({
    id: 'consecutive',
    passed: consecutive,
    blocking: true,
    message: consecutive
      ? 'The code cells ran in order.'
      : 'The code cells did not run once, in order: restart the kernel and run all.'
  });

  const imports = notebookImports(inputs.cells, inputs.parser);
  const imported = importedDistributions(
    imports.modules.map(module => module.name),
    inputs.live?.moduleDistributions
  );
  const packages = Private.pin(stored, imported, inputs.live);
  const notInstalled = Object.keys(packages).filter(name => packages[name] === '');
  checks.push({
    id: 'packages',
    passed: inputs.live === null || notInstalled.length === 0,
    blocking: true,
    message:
      inputs.live !== null && notInstalled.length > 0
        ? `Not installed in the kernel: ${Private.list(notInstalled)}.`
        : Object.keys(packages).length === 0
          ? 'No third-party packages to pin.'
          : `Pinned: ${Private.list(
              Object.entries(packages).map(([name, version]) => (version ? `${name}==${version}` : name))
            )}.`
  });

  checks.push({
    id: 'installs',
    passed: imports.installs.length === 0,
    blocking: true,
    message:
      imports.installs.length === 0
        ? 'No packages are installed from inside the notebook.'
        : `Packages are installed at run time instead of being recorded: ${Private.list(
            imports.installs.map(install => install.line),
            '; '
          )}.`
  });

  checks.push({
    id: 'kernel',
    passed: inputs.live !== null,
    blocking: false,
    message:
      inputs.live !== null
        ? `Versions pinned from the running kernel${inputs.live.python ? ` (Python ${inputs.live.python})` : ''}.`
        : 'No usable kernel: the stored versions are kept and new packages are recorded without a version.'
  });

  if (read.present && !read.valid) {
    checks.push({
      id: 'metadata',
      passed: false,
      blocking: read.metadata === null,
      message:
        read.metadata === null
          ? `${read.problems[0] ?? 'The nbproject metadata is unreadable.'} Publishing replaces it.`
          : `The nbproject metadata has problems that publishing fixes: ${Private.list(read.problems, ' ', 3)}`
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
    message: republished
      ? `Version ${cut(version, Private.EXCERPT)} was already published; publishing it again adds a second record.`
      : `Version ${cut(version, Private.EXCERPT)}.`
  });

  const now = formatTimestamp(inputs.now);
  const base = read.metadata ?? createNbproject({ now: inputs.now, random: inputs.random });
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
    python: inputs.live?.python ?? null
  };
  const manifest = inputs.data ? dataManifestEntries(inputs.data) : null;
  const appended = appendPublishRecord(inputs.extension, record);
  return {
    checks,
    problems: checks.filter(c => !c.passed && c.blocking).map(c => c.message),
    proposedVersion,
    version,
    publishedVersions,
    packages,
    nbproject,
    extension: manifest === null ? appended : withDataManifest(appended, manifest),
    record
  };
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * Pin every stored or imported distribution to its live version; keep
   * the stored spelling of a name; without a kernel keep stored versions.
   */
  export function pin(
    stored: Readonly<Record<string, string>> | null,
    imported: readonly string[],
    live: IPublishLive | null
  ): Record<string, string> {
    const entries = pairWithKernel(Object.keys(stored ?? {}), name => name, live?.distributions ?? null, imported)
      .sort((a, b) => compareText(a.key, b.key))
      .map(({ name, installed }): [string, string] => [
        name,
        live
          ? installed ?? ''
          : // Own keys only: an imported module named "toString" is no version.
            stored && Object.prototype.hasOwnProperty.call(stored, name)
            ? stored[name]
            : ''
      ]);
    return Object.fromEntries(entries);
  }

  /**
   * Longest excerpt of one name or value in a check's message.
   */
  export const EXCERPT = 80;

  /**
   * Most items a check's message lists.
   */
  const MAX_ITEMS = 10;

  /**
   * A readable list: the first items, each cut, then how many more.
   */
  export function list(items: readonly string[], separator = ', ', max = MAX_ITEMS): string {
    return listSome(
      items.map(item => cut(item, EXCERPT)),
      max,
      separator
    );
  }
}
