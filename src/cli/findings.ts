// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type { ConsecutivenessIssue } from '../core/execution/consecutiveness';
import type { MetadataIssue } from '../core/nbproject/metadata';
import {
  findSecrets,
  ICellWithOutputs,
  scannedOutputText,
  SecretAdvice,
  SecretKind
} from '../core/hygiene/secrets';
import type { PathAdvice } from '../core/hygiene/absolutePaths';
import type { IDeclaredDisagreement } from '../core/packages/agreement';
import type { DataFileRefusal } from '../core/data/paths';
import type { HiddenStateIssue } from '../core/execution/hiddenState';
import {
  longLines,
  SCAN_LIMITS,
  UnparsedReason
} from '../core/common/scanLimits';

/**
 * How much a finding matters: an `error` fails its check; a `note` is
 * told (a data file read but not recorded, text too long to read) and
 * fails nothing.
 */
export type Severity = 'error' | 'note';

/**
 * What a check found, as a code with the parameters its message names
 * (texts from the notebook already masked or cut); words.ts words them.
 */
export type FindingIssue =
  | { code: 'consecutive.cell'; params: { issue: ConsecutivenessIssue } }
  | { code: 'title.missing' }
  | { code: 'hidden-state.cell'; params: { issue: HiddenStateIssue } }
  | { code: 'metadata.missing' }
  | { code: 'metadata.problem'; params: { issue: MetadataIssue } }
  | {
      code: 'secrets.found';
      params: {
        kind: SecretKind;
        excerpt: string;
        output: number | null;
        /**
         * The line, from 1, of the output's text that holds it (`null`
         * in a cell's source).
         */
        outputLine: number | null;
        advice: SecretAdvice;
      };
    }
  | {
      code: 'paths.home';
      params: { path: string; user: string; advice: PathAdvice };
    }
  | { code: 'secrets.unscanned'; params: IUnscannedFinding }
  | { code: 'paths.unscanned'; params: IUnscannedFinding }
  | { code: 'installs.line'; params: { line: string } }
  | { code: 'pinned.notStored'; params: { name: string; module: string } }
  | { code: 'pinned.noVersion'; params: { name: string } }
  | { code: 'pinned.namespace'; params: { module: string; names: string[] } }
  | {
      code: 'pinned.unread';
      params: { reason: UnparsedReason; limit: number; nesting: number };
    }
  | {
      code: 'match.mismatch';
      params: { name: string; stored: string; live: string };
    }
  | { code: 'match.missing'; params: { name: string; stored: string } }
  | { code: 'declared.disagrees'; params: IDeclaredDisagreement }
  | { code: 'data.changed'; params: IDataFinding }
  | { code: 'data.missing'; params: IDataFinding }
  | { code: 'data.new'; params: IDataFinding };

/**
 * Lines of one cell too long to scan (a note: they are not read, so what
 * they hold is not known).
 */
export interface IUnscannedFinding {
  /**
   * How many lines, in the cell's source and outputs.
   */
  count: number;
  /**
   * The line in the cell's source, from 1, of the first; `null` when the
   * first is in an output.
   */
  first: number | null;
  /**
   * The longest line scanned, in characters.
   */
  limit: number;
  /**
   * For a scan that reads outputs too: the output, from 0, that holds
   * the first when it is in one (`null` in the source).
   */
  output?: number | null;
  /**
   * The first's line in that output's text, from 1 (`null` in the
   * source).
   */
  outputLine?: number | null;
}

/**
 * A data file's finding: its path, and why it was not read (or `null`).
 */
export interface IDataFinding {
  /**
   * The path as recorded (or as the code reads it).
   */
  path: string;
  /**
   * Why it was not read, or `null`.
   */
  unread: DataFileRefusal | null;
}

/**
 * One finding of one check, located in the notebook.
 */
export interface IFinding {
  /**
   * The check's name (`secrets`).
   */
  check: string;
  /**
   * How much it matters.
   */
  severity: Severity;
  /**
   * The cell's position in the notebook, from 0, or `null` for the
   * notebook as a whole.
   */
  cell: number | null;
  /**
   * The cell's id, or `null`.
   */
  cellId: string | null;
  /**
   * The line in the cell's source, from 1, or `null`.
   */
  line: number | null;
  /**
   * For a cell without an id: a short hash of its source, which names the
   * cell in the SARIF fingerprint (its position moves as cells are added
   * above it); otherwise `null`.
   */
  sourceHash: string | null;
  /**
   * What was found.
   */
  issue: FindingIssue;
}

/**
 * A line of a stranger's code with every credential on it masked (an
 * install line may carry `https://user:token@host`), for any report.
 *
 * @param line - one line of a cell.
 */
export function withoutCredentials(line: string): string {
  const [found] = findSecrets([{ cell_type: 'code', source: line }]);
  return found === undefined ? line : found.excerpt;
}

/**
 * The first of a cell's outputs, from 0, holding a line too long for the
 * secret scan, and that line in the output's text (from 1), or `null`
 * (each output read until it is found).
 *
 * @param cell - a cell whose outputs hold such a line.
 */
export function firstUnscannedOutput(
  cell: ICellWithOutputs
): { output: number; line: number } | null {
  const outputs = Array.isArray(cell.outputs) ? cell.outputs : [];
  for (let output = 0; output < outputs.length; output++) {
    const { first } = longLines(
      scannedOutputText(outputs[output]),
      SCAN_LIMITS.maxLineLength
    );
    if (first !== null) {
      return { output, line: first };
    }
  }
  return null;
}
