// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { findAbsolutePaths, IAbsolutePathFinding } from '../hygiene/absolutePaths';
import { HashErrorCode, HashSkipCode, isFileDigest, isHashSkip } from '../kernel/hashRequest';
import { ICellLike } from '../notebook/cells';
import { describeUnscanned } from '../common/scanLimits';
import { cut, formatBytes, listSome } from '../common/text';
import { findSecrets, ICellWithOutputs, ISecretFinding, SECRET_KIND_LABELS, unscannedLines } from '../hygiene/secrets';
import { IPublishData } from './dataFiles';


/**
 * What a publish check is about.
 */
export type PublishCheckId =
  | 'title'
  | 'consecutive'
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
   * A sentence for the user.
   */
  message: string;
}

/**
 * The `secrets` check: blocking when a cell holds a credential, naming
 * where (cell, source line or output, kind, masked excerpt) and what to
 * do instead. Lines too long to scan are counted in the message.
 *
 * @param cells - the notebook's cells, with outputs.
 */
export function secretsCheck(cells: readonly ICellWithOutputs[]): IPublishCheck {
  const findings = findSecrets(cells);
  const unscanned = describeUnscanned(unscannedLines(cells));
  const note = unscanned === null ? '' : ` ${unscanned[0].toUpperCase()}${unscanned.slice(1)}.`;
  if (findings.length === 0) {
    return {
      id: 'secrets',
      passed: true,
      blocking: true,
      message: `No credentials found in cells or outputs.${note}`
    };
  }
  return {
    id: 'secrets',
    passed: false,
    blocking: true,
    message:
      `Credentials in the notebook: ${Private.list(findings.map(describeSecret), '; ')}. ` +
      `Read them at run time with os.environ["NAME"] (set outside the notebook, or in a .env file ` +
      `loaded with python-dotenv), clear outputs that print them, and revoke any that were saved.${note}`
  };
}

/**
 * One secret finding in words: `cell 3, line 2: AWS access key id
 * (AKIA•••)`.
 *
 * @param finding - a finding of `findSecrets`.
 */
export function describeSecret(finding: ISecretFinding): string {
  const where =
    finding.where === 'output'
      ? `cell ${finding.cell + 1}, output ${(finding.output ?? 0) + 1}`
      : `cell ${finding.cell + 1}, line ${finding.line}`;
  return `${where}: ${SECRET_KIND_LABELS[finding.kind]} (${cut(finding.excerpt, Private.EXCERPT)})`;
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
  const findings = findAbsolutePaths(cells, notebookDirectory);
  if (findings.length === 0) {
    return { id: 'absolute-paths', passed: true, blocking: false, message: 'No paths in a home directory.' };
  }
  return {
    id: 'absolute-paths',
    passed: false,
    blocking: false,
    message: `Paths that only exist on this machine: ${Private.list(findings.map(describeAbsolutePath), '; ')}.`
  };
}

/**
 * One absolute path in words, with the path to use instead.
 *
 * @param finding - a finding of `findAbsolutePaths`.
 */
export function describeAbsolutePath(finding: IAbsolutePathFinding): string {
  return `cell ${finding.cell + 1}, line ${finding.line}: ${cut(finding.path, Private.EXCERPT)}${
    finding.relative !== null ? ` (use "${cut(finding.relative, Private.EXCERPT)}")` : ` (${finding.suggestion})`
  }`;
}

/**
 * The `data` check: a warning when a data file could not be hashed, or
 * when nothing could be hashed at all.
 *
 * @param data - the hashing's outcome.
 */
export function dataCheck(data: IPublishData): IPublishCheck {
  const { files, results } = data;
  if (files.length === 0) {
    return { id: 'data', passed: true, blocking: false, message: 'No data files read by the code.' };
  }
  if (results === null) {
    return {
      id: 'data',
      passed: false,
      blocking: false,
      message: `The data files were not hashed (${data.failure ?? 'no usable kernel'}): the recorded ones are kept as they were.`
    };
  }
  const failed: string[] = [];
  const skipped: string[] = [];
  let bytes = 0;
  for (const file of files) {
    const result = results.get(file.path);
    if (isFileDigest(result)) {
      bytes += result.size;
    } else if (result !== undefined && isHashSkip(result)) {
      skipped.push(`${cut(file.path, Private.EXCERPT)} (${Private.reason(result.code)}${file.stored ? ', recorded entry kept' : ''})`);
    } else {
      failed.push(`${cut(file.path, Private.EXCERPT)} (${result === undefined ? 'not hashed' : Private.reason(result.code)})`);
    }
  }
  const recorded = files.length - failed.length - skipped.length;
  if (failed.length > 0 || skipped.length > 0) {
    return {
      id: 'data',
      passed: false,
      blocking: false,
      message: [
        failed.length > 0 ? `Data files not recorded: ${Private.list(failed)}.` : '',
        skipped.length > 0 ? `Data files not read: ${Private.list(skipped)}.` : '',
        `${recorded} recorded.`
      ]
        .filter(Boolean)
        .join(' ')
    };
  }
  return {
    id: 'data',
    passed: true,
    blocking: false,
    message: `Data files recorded with their SHA-256: ${recorded} (${formatBytes(bytes)}).`
  };
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * Most findings a message names.
   */
  const MAX_FINDINGS = 5;

  /**
   * Longest excerpt of a stranger's text.
   */
  export const EXCERPT = 100;

  /**
   * The first findings, then how many more.
   */
  export function list(items: readonly string[], separator = ', '): string {
    return listSome(items, MAX_FINDINGS, separator);
  }

  /**
   * Why a file could not be hashed, or was not read, in words.
   */
  export function reason(code: HashErrorCode | HashSkipCode): string {
    return REASONS[code];
  }

  const REASONS: Record<HashErrorCode | HashSkipCode, string> = {
    missing: 'missing',
    directory: 'a directory',
    unreadable: 'unreadable',
    outside: 'outside the project, not read',
    hidden: 'a hidden file, not read',
    special: 'not a regular file, not read',
    'too-large': 'over the size limit, not read',
    unfinished: 'not finished',
    unseen: 'the kernel cannot see the project folder'
  };
}
