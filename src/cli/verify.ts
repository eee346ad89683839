// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readNotebookText } from './check';
import type { ICheckHost } from './run';
import { loadConfig } from './run';
import type { NotebookRunner } from './jupyter';
import { fileErrorText, verifiedCellText } from './words';
import {
  compareOutputs,
  DEFAULT_NORMALISATIONS,
  INormalisations,
  IVerifiedCell,
  IVerifyResult,
  NORMALISATION_NAMES,
  normalisationsFrom,
  normalisationsOn,
  verifiedCell,
  VerifyStatus,
  verifyResult
} from '../core/execution/compareOutputs';
import { isJSONObject } from '../core/common/json';
import { cellId, ICellLike, joinSource } from '../core/notebook/cells';

/**
 * The statuses `--fail-on` may name: every one but `same`.
 */
export const FAIL_ON_STATUSES: readonly VerifyStatus[] = [
  'differs',
  'error-now',
  'error-before',
  'no-output'
];

/**
 * The time limit when neither `--time-limit` nor the configuration sets
 * one, in seconds: the setting `verifyTimeLimit`'s default.
 */
export const DEFAULT_TIME_LIMIT = 600;

/**
 * What `verify` was asked, once the arguments are read. Each option is
 * `null` when not given: the configuration's `verify` table, then the
 * extension's defaults apply.
 */
export interface IVerifyRequest {
  /**
   * The notebook, as given.
   */
  file: string;
  json: boolean;
  /**
   * `--kernel`: the kernelspec to run with instead of the notebook's.
   */
  kernel: string | null;
  /**
   * `--config FILE`, or `null` to look for one.
   */
  config: string | null;
  /**
   * `--fail-on`: the statuses that fail the run (names checked).
   */
  failOn: VerifyStatus[] | null;
  /**
   * `--normalise`: the normalisations on (names checked).
   */
  normalise: string[] | null;
  /**
   * `--no-normalise`: normalisations turned off (names checked).
   */
  noNormalise: string[];
  /**
   * `--tolerance`: the relative tolerance of numbers.
   */
  tolerance: number | null;
  /**
   * `--time-limit`: seconds.
   */
  timeLimit: number | null;
}

/**
 * The first of `names` that is not one of `known`, or `null`: the names
 * of `--fail-on` and `--normalise`, from the command line or the
 * configuration.
 */
export function unknownName(
  names: readonly string[],
  known: readonly string[]
): string | null {
  return names.find(name => !known.includes(name)) ?? null;
}

/**
 * Run `nbproject-lab verify`: run the notebook again with the runner
 * (`jupyter execute`) into an executed copy in a fresh temporary folder,
 * removed afterwards whatever happens, compare each code cell's new
 * outputs with the stored ones as the extension's _Verify in a Fresh
 * Kernel_ does, and report. The notebook itself is only read.
 *
 * @param request - what was asked.
 * @param host - output, files and the working directory.
 * @param runner - runs the notebook.
 * @returns 0 when no cell has a status of the fail-on list; 1 when one
 *   has, or the time limit stopped the run; 2 when the configuration or
 *   the notebook cannot be read, or the notebook could not be run.
 */
export async function runVerify(
  request: IVerifyRequest,
  host: ICheckHost,
  runner: NotebookRunner
): Promise<0 | 1 | 2> {
  const settings = Private.settings(request, host);
  if ('usage' in settings) {
    host.stderr(`nbproject-lab: ${settings.usage}\n`);
    return 2;
  }
  const { file } = request;
  if (path.extname(file) !== '.ipynb') {
    // jupyter execute reads NAME.ipynb whatever the name given.
    host.stderr(`nbproject-lab: ${file}: verify runs .ipynb files only\n`);
    return 2;
  }
  let text: string;
  try {
    text = host.readFile(file);
  } catch (error) {
    host.stderr(
      `nbproject-lab: ${file}: cannot read (${fileErrorText(error)})\n`
    );
    return 2;
  }
  const stored = readNotebookText(text);
  if ('unreadable' in stored) {
    host.stderr(`nbproject-lab: ${file}: ${stored.unreadable}\n`);
    return 2;
  }
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'nbproject-verify-'));
  let outcome: Private.Outcome;
  try {
    const output = path.join(folder, 'executed.ipynb');
    const run = await runner({
      notebook: path.resolve(file),
      output,
      kernel: request.kernel,
      timeLimit: settings.timeLimit
    });
    outcome =
      'done' in run
        ? Private.compare(stored.notebook.cells, output, settings.options)
        : run;
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
  return Private.report(file, outcome, settings, request.json, host);
}

/**
 * The text report of a verification: a line with the verdict, then one
 * line per cell that does not reproduce (numbered from 1) or whose image
 * differs, then the normalisations used.
 *
 * @param file - the notebook, as given.
 * @param result - the verification's result.
 * @param options - the normalisations it used.
 */
export function verifyReport(
  file: string,
  result: IVerifyResult,
  options: INormalisations
): string {
  const total = result.cells.length;
  // Cells with no stored output are counted apart from those that differ.
  const noOutput = noOutputCount(result);
  const counts = [
    `${result.differs - noOutput} differ`,
    `${result.errors} raise`,
    ...(noOutput > 0 ? [`${noOutput} had no stored output`] : [])
  ];
  const lines = [
    result.verdict === 'reproduces'
      ? `${file}: all ${total} code cells reproduce`
      : result.verdict === 'cancelled'
        ? `${file}: stopped at the time limit; no cell compared`
        : `${file}: ${result.same} of ${total} code cells reproduce (${counts.join(', ')})`
  ];
  const noted = result.cells.filter(
    cell => cell.status !== 'same' || cell.imageDiffers
  );
  for (const cell of noted.sort((a, b) => a.index - b.index)) {
    const where = `cell ${cell.index + 1}${cell.id ? ` (id ${cell.id})` : ''}`;
    lines.push(`  ${where.padEnd(16)} ${verifiedCellText(cell)}`);
  }
  lines.push(
    `  normalised: ${normalisationsOn(options).join(', ') || 'nothing'}`
  );
  return `${lines.join('\n')}\n`;
}

/**
 * How many cells of a verification had no stored output to compare
 * with (among those its `differs` counts).
 */
export function noOutputCount(result: IVerifyResult): number {
  return result.cells.filter(cell => cell.status === 'no-output').length;
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * What a verification uses, from the flags, else the configuration,
   * else the extension's defaults.
   */
  export interface ISettings {
    failOn: Set<VerifyStatus>;
    options: INormalisations;
    timeLimit: number;
  }

  /**
   * What a run gave: the result, or why there is none.
   */
  export type Outcome =
    | { result: IVerifyResult }
    | { timedOut: true }
    | { failure: string; notFound?: boolean };

  export function settings(
    request: IVerifyRequest,
    host: ICheckHost
  ): ISettings | { usage: string } {
    const config = loadConfig(request.config, host);
    if ('usage' in config) {
      return config;
    }
    const { verify } = config;
    const where = `${config.file}: verify`;
    const failOn = request.failOn ?? verify.failOn ?? FAIL_ON_STATUSES;
    const badStatus = unknownName(failOn, [...FAIL_ON_STATUSES, 'none']);
    if (badStatus !== null) {
      return {
        usage: `${where}: unknown fail-on status "${badStatus}" (expected ${FAIL_ON_STATUSES.join(', ')} or none)`
      };
    }
    const on = request.normalise ??
      verify.normalisations ?? [...NORMALISATION_NAMES];
    const badName = unknownName(on, NORMALISATION_NAMES);
    if (badName !== null) {
      return {
        usage: `${where}: unknown normalisation "${badName}" (expected ${NORMALISATION_NAMES.join(', ')})`
      };
    }
    const off = new Set(request.noNormalise);
    return {
      failOn: new Set(failOn as VerifyStatus[]),
      options: normalisationsFrom(
        on.filter(name => !off.has(name)),
        request.tolerance ??
          verify.tolerance ??
          DEFAULT_NORMALISATIONS.floatTolerance
      ),
      timeLimit: request.timeLimit ?? verify.timeLimit ?? DEFAULT_TIME_LIMIT
    };
  }

  /**
   * Compare the stored code cells with the executed copy's, cell by cell
   * at the same positions (blank code cells, which nothing runs, are
   * left out, as in the extension).
   */
  export function compare(
    cells: readonly ICellLike[],
    output: string,
    options: INormalisations
  ): Outcome {
    let executed: unknown[];
    try {
      const json = JSON.parse(fs.readFileSync(output, 'utf8')) as unknown;
      executed =
        isJSONObject(json) && Array.isArray(json.cells) ? json.cells : [];
    } catch (error) {
      return {
        failure: `the executed copy cannot be read (${fileErrorText(error)})`
      };
    }
    const verified: IVerifiedCell[] = [];
    for (let index = 0; index < cells.length; index++) {
      const cell = cells[index];
      if (
        cell.cell_type !== 'code' ||
        joinSource(cell.source).trim() === '' ||
        Private.skipped(cell)
      ) {
        continue;
      }
      const now = executed[index];
      if (
        !isJSONObject(now) ||
        now.cell_type !== 'code' ||
        joinSource(now.source) !== joinSource(cell.source)
      ) {
        return {
          failure: `the executed copy does not match the notebook at cell ${index + 1} (was the file changed during the run?)`
        };
      }
      const id = cellId(cell) ?? '';
      verified.push(
        verifiedCell(
          index,
          id,
          compareOutputs(
            outputs((cell as { outputs?: unknown }).outputs),
            outputs(now.outputs),
            options
          )
        )
      );
    }
    return { result: verifyResult(verified, false) };
  }

  /**
   * Whether nbclient leaves a cell out of the run: one tagged
   * `skip-execution` keeps its stored outputs, so comparing it would
   * prove nothing.
   */
  export function skipped(cell: ICellLike): boolean {
    const tags = isJSONObject(cell.metadata) ? cell.metadata.tags : undefined;
    return Array.isArray(tags) && tags.includes(SKIP_TAG);
  }

  const SKIP_TAG = 'skip-execution';

  function outputs(value: unknown): unknown[] {
    return Array.isArray(value) ? value : [];
  }

  /**
   * Print the outcome and return the exit status.
   */
  export function report(
    file: string,
    outcome: Outcome,
    settings: ISettings,
    json: boolean,
    host: ICheckHost
  ): 0 | 1 | 2 {
    const result: IVerifyResult =
      'result' in outcome
        ? outcome.result
        : 'timedOut' in outcome
          ? verifyResult([], true)
          : {
              ...verifyResult([], false),
              verdict: 'failed',
              failure: outcome.failure
            };
    if ('failure' in outcome) {
      const hint = outcome.notFound
        ? '; verify runs notebooks with `jupyter execute` (pip install nbclient): put jupyter on PATH, or give --jupyter PATH or --python PATH'
        : '';
      host.stderr(
        `nbproject-lab: ${file}: not verified: ${outcome.failure}${hint}\n`
      );
    } else if ('timedOut' in outcome) {
      host.stderr(
        `nbproject-lab: ${file}: stopped at the time limit (${settings.timeLimit} s): the notebook and its kernel were stopped\n`
      );
    }
    if (json) {
      // `noOutput` after the counts: of `differs`, the cells with no
      // stored output.
      const { verdict, same, differs, errors, ...rest } = result;
      const record = {
        verdict,
        same,
        differs,
        errors,
        noOutput: noOutputCount(result),
        ...rest
      };
      host.stdout(`${JSON.stringify(record)}\n`);
    } else if (!('failure' in outcome)) {
      host.stdout(verifyReport(file, result, settings.options));
    }
    if ('failure' in outcome) {
      return 2;
    }
    if ('timedOut' in outcome) {
      return 1;
    }
    return result.cells.some(cell => settings.failOn.has(cell.status)) ? 1 : 0;
  }
}
