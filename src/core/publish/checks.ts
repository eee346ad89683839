// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import {
  findAbsolutePaths,
  IAbsolutePathFinding
} from '../hygiene/absolutePaths';
import {
  HashErrorCode,
  HashSkipCode,
  isFileDigest,
  isHashSkip
} from '../kernel/hashRequest';
import { ICellLike } from '../notebook/cells';
import { isJSONObject } from '../common/json';
import {
  hiddenStateProblemCells,
  IHiddenStateReport
} from '../execution/hiddenState';
import type { MetadataIssue } from '../nbproject/metadata';
import { IUnscannedLines } from '../common/scanLimits';
import { cut } from '../common/text';
import {
  findSecrets,
  ICellWithOutputs,
  ISecretFinding,
  unscannedLines
} from '../hygiene/secrets';
import { IPublishData } from './dataFiles';

/**
 * What a publish check is about.
 */
export type PublishCheckId =
  | 'title'
  | 'consecutive'
  | 'hidden-state'
  | 'errors'
  | 'packages'
  | 'installs'
  | 'kernel'
  | 'metadata'
  | 'version'
  | 'secrets'
  | 'absolute-paths'
  | 'data';

/**
 * One check made before publishing.
 */
export interface IPublishCheck {
  /**
   * What the check is about (stable, for tests and the UI).
   */
  id: PublishCheckId;
  /**
   * Whether it passed.
   */
  passed: boolean;
  /**
   * Whether a failure stops publishing unless the user forces it; a failed
   * check that does not block is a warning.
   */
  blocking: boolean;
  /**
   * What the check found, as a code with parameters for the UI to word.
   */
  finding: PublishFinding;
}

/**
 * A data file that could not be hashed (`code` `null`: the kernel did
 * not answer for it) or was not read by rule (`kept`: its recorded entry
 * stays).
 */
export interface IPublishDataFile {
  /**
   * The file's path, cut.
   */
  path: string;
  /**
   * Why it has no digest.
   */
  code: HashErrorCode | HashSkipCode | null;
  /**
   * Whether its recorded entry is kept (files not read by rule only).
   */
  kept?: boolean;
}

/**
 * What a publish check found: a code and the parameters its message names
 * (names, paths and lines already cut; lists whole, for the wording to
 * shorten). One code per outcome of each check:
 *
 * - `title`: `publish.title` (found; `''` when empty), `publish.noTitle`;
 * - `consecutive`: `publish.consecutive`, `publish.notConsecutive`,
 *   `publish.notRunYet` (passed: no code cell has run);
 * - `hidden-state`: `publish.outputsMatchCode`, `publish.outputsMayNotMatch`
 *   (the cells edited since they ran, and those with hidden state);
 * - `errors`: `publish.noErrors`, `publish.errors` (each cell whose
 *   outputs hold an error, with the error's name, cut);
 * - `packages`: `publish.notInstalled` (with the stored versions kept
 *   for them), `publish.noPackages`,
 *   `publish.pinned` (`name==version`, or the name when unknown);
 * - `installs`: `publish.noInstalls`, `publish.installs`;
 * - `kernel`: `publish.kernel` (with how many packages it lacks),
 *   `publish.noKernel`;
 * - `metadata`: `publish.metadataUnreadable` (its first problem),
 *   `publish.metadataFixable`;
 * - `secrets`: `publish.noSecrets`, `publish.secrets`, each with the
 *   lines too long to scan, if any;
 * - `absolute-paths`: `publish.noAbsolutePaths`, `publish.absolutePaths`;
 * - `data`: `publish.noDataFiles`, `publish.dataNotHashed` (why, when
 *   known), `publish.dataIncomplete`, `publish.dataRecorded`;
 * - `version`: `publish.version`, `publish.versionRepublished`.
 */
export type PublishFinding =
  | { code: 'publish.title'; params: { title: string } }
  | { code: 'publish.noTitle' }
  | { code: 'publish.consecutive' }
  | { code: 'publish.notConsecutive' }
  | { code: 'publish.notRunYet' }
  | { code: 'publish.outputsMatchCode' }
  | { code: 'publish.noErrors' }
  | {
      code: 'publish.errors';
      params: { cells: { cell: number; name: string }[] };
    }
  | {
      code: 'publish.outputsMayNotMatch';
      params: { edited: number[]; hidden: number[] };
    }
  | {
      code: 'publish.notInstalled';
      params: { names: string[]; kept: { name: string; version: string }[] };
    }
  | { code: 'publish.noPackages' }
  | { code: 'publish.pinned'; params: { pins: string[] } }
  | { code: 'publish.noInstalls' }
  | { code: 'publish.installs'; params: { lines: string[] } }
  | {
      code: 'publish.kernel';
      params: { python: string | null; notInstalled: number };
    }
  | { code: 'publish.noKernel' }
  | {
      code: 'publish.metadataUnreadable';
      params: { problem: MetadataIssue | null };
    }
  | { code: 'publish.metadataFixable'; params: { problems: MetadataIssue[] } }
  | { code: 'publish.noSecrets'; params: { unscanned: IUnscannedLines | null } }
  | {
      code: 'publish.secrets';
      params: { findings: ISecretFinding[]; unscanned: IUnscannedLines | null };
    }
  | { code: 'publish.noAbsolutePaths' }
  | {
      code: 'publish.absolutePaths';
      params: { findings: IAbsolutePathFinding[] };
    }
  | { code: 'publish.noDataFiles' }
  | { code: 'publish.dataNotHashed'; params: { failure: string | null } }
  | {
      code: 'publish.dataIncomplete';
      params: {
        failed: IPublishDataFile[];
        skipped: IPublishDataFile[];
        recorded: number;
      };
    }
  | { code: 'publish.dataRecorded'; params: { count: number; bytes: number } }
  | { code: 'publish.version'; params: { version: string } }
  | { code: 'publish.versionRepublished'; params: { version: string } };

/**
 * The `secrets` check: blocking when a cell holds a credential, with
 * each finding (cell, source line or output, kind, masked excerpt, what
 * to do instead). Lines too long to scan are counted.
 *
 * @param cells - the notebook's cells, with outputs.
 */
export function secretsCheck(
  cells: readonly ICellWithOutputs[]
): IPublishCheck {
  const findings = findSecrets(cells);
  const lines = unscannedLines(cells);
  const unscanned = lines.count === 0 ? null : lines;
  return {
    id: 'secrets',
    passed: findings.length === 0,
    blocking: true,
    finding:
      findings.length === 0
        ? { code: 'publish.noSecrets', params: { unscanned } }
        : {
            code: 'publish.secrets',
            params: {
              findings: findings.map(finding => ({
                ...finding,
                excerpt: cut(finding.excerpt, Private.EXCERPT)
              })),
              unscanned
            }
          }
  };
}

/**
 * The `absolute-paths` check: a warning naming each user-specific
 * absolute path and the relative path (or environment variable) to
 * write instead.
 *
 * @param cells - the notebook's cells.
 * @param notebookDirectory - the notebook's absolute directory, when
 *   known, for relative suggestions.
 */
export function absolutePathsCheck(
  cells: readonly ICellLike[],
  notebookDirectory?: string | null
): IPublishCheck {
  const findings = findAbsolutePaths(cells, notebookDirectory).map(finding => ({
    ...finding,
    path: cut(finding.path, Private.EXCERPT),
    relative:
      finding.relative === null ? null : cut(finding.relative, Private.EXCERPT)
  }));
  return {
    id: 'absolute-paths',
    passed: findings.length === 0,
    blocking: false,
    finding:
      findings.length === 0
        ? { code: 'publish.noAbsolutePaths' }
        : { code: 'publish.absolutePaths', params: { findings } }
  };
}

/**
 * The `hidden-state` check: a warning when the outputs about to be
 * published may not come from the code beside them: a cell edited since
 * it ran, or a cell whose names come from hidden state (a problem of the
 * hidden-state analysis: defined nowhere, only below, or by a cell that
 * ran after it or was edited since). What is only not sure (`unsure`)
 * passes.
 *
 * @param report - the hidden-state analysis of the notebook as it is.
 * @param edited - the code cells edited since they ran (positions in the
 *   notebook's list of all cells).
 */
export function hiddenStateCheck(
  report: IHiddenStateReport,
  edited: readonly number[]
): IPublishCheck {
  const hidden = hiddenStateProblemCells(report).map(cell => cell.index);
  const passed = hidden.length === 0 && edited.length === 0;
  return {
    id: 'hidden-state',
    passed,
    blocking: false,
    finding: passed
      ? { code: 'publish.outputsMatchCode' }
      : {
          code: 'publish.outputsMayNotMatch',
          params: { edited: [...edited].sort((a, b) => a - b), hidden }
        }
  };
}

/**
 * The `errors` check: a warning when a code cell's stored outputs hold an
 * error (a traceback): the notebook is published with it. Each cell once,
 * with its first error's name (a stranger's text: cut).
 *
 * @param cells - the notebook's cells, with outputs.
 */
export function errorOutputsCheck(
  cells: readonly ICellWithOutputs[]
): IPublishCheck {
  const found: { cell: number; name: string }[] = [];
  cells.forEach((cell, index) => {
    if (cell.cell_type !== 'code' || !Array.isArray(cell.outputs)) {
      return;
    }
    const error = cell.outputs.find(
      output => isJSONObject(output) && output.output_type === 'error'
    ) as Record<string, unknown> | undefined;
    if (error) {
      const name = typeof error.ename === 'string' ? error.ename : '';
      found.push({ cell: index, name: cut(name, Private.NAME) });
    }
  });
  return {
    id: 'errors',
    passed: found.length === 0,
    blocking: false,
    finding:
      found.length === 0
        ? { code: 'publish.noErrors' }
        : { code: 'publish.errors', params: { cells: found } }
  };
}

/**
 * The `data` check: a warning when a data file could not be hashed, or
 * when nothing could be hashed at all.
 *
 * @param data - the hashing's outcome.
 */
export function dataCheck(data: IPublishData): IPublishCheck {
  const { files, results } = data;
  const check = (passed: boolean, finding: PublishFinding): IPublishCheck => ({
    id: 'data',
    passed,
    blocking: false,
    finding
  });
  if (files.length === 0) {
    return check(true, { code: 'publish.noDataFiles' });
  }
  if (results === null) {
    return check(false, {
      code: 'publish.dataNotHashed',
      params: { failure: data.failure ?? null }
    });
  }
  const failed: IPublishDataFile[] = [];
  const skipped: IPublishDataFile[] = [];
  let bytes = 0;
  for (const file of files) {
    const result = results.get(file.path);
    const path = cut(file.path, Private.EXCERPT);
    if (isFileDigest(result)) {
      bytes += result.size;
    } else if (result !== undefined && isHashSkip(result)) {
      skipped.push({ path, code: result.code, kept: !!file.stored });
    } else {
      failed.push({ path, code: result === undefined ? null : result.code });
    }
  }
  const recorded = files.length - failed.length - skipped.length;
  if (failed.length > 0 || skipped.length > 0) {
    return check(false, {
      code: 'publish.dataIncomplete',
      params: { failed, skipped, recorded }
    });
  }
  return check(true, {
    code: 'publish.dataRecorded',
    params: { count: recorded, bytes }
  });
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * Longest excerpt of a stranger's text.
   */
  export const EXCERPT = 100;

  /**
   * Longest error name shown.
   */
  export const NAME = 60;
}
