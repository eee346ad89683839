// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { isJSONObject } from '../common/json';

/**
 * How a code cell's outputs, run again in a fresh kernel, compare with the
 * stored ones:
 *
 * - `same`: the same, after the normalisations;
 * - `differs`: text, a result or an error differs;
 * - `error-now`: it raises now, and did not (or raised something else);
 * - `error-before`: the stored output is an error, and now it runs;
 * - `no-output`: nothing was stored to compare with, but it outputs now.
 */
export type VerifyStatus =
  'same' | 'differs' | 'error-now' | 'error-before' | 'no-output';

/**
 * What is normalised before comparing: each can be turned off.
 */
export interface INormalisations {
  /**
   * Memory addresses (`0x7f3a…`) are equal.
   */
  addresses: boolean;
  /**
   * Durations (`1.2 ms`, `3 s`) and timestamps are equal.
   */
  times: boolean;
  /**
   * Temporary paths (`/tmp/…`, `/var/folders/…`, `C:\…\Temp\…`) are equal.
   */
  tempPaths: boolean;
  /**
   * Python warnings printed on stderr by installed code (a library, the
   * standard library, IPython or ipykernel: a file under `site-packages`,
   * `dist-packages` or Python's `lib`) are left out: they come and go with
   * the environment, not the notebook. A warning from the notebook's own
   * code, or anything on stdout, is still compared.
   */
  warnings: boolean;
  /**
   * Numbers are equal within this relative tolerance (`0`: exactly).
   */
  floatTolerance: number;
}

/**
 * The normalisations on by default.
 */
export const DEFAULT_NORMALISATIONS: Readonly<INormalisations> = {
  addresses: true,
  times: true,
  tempPaths: true,
  warnings: true,
  floatTolerance: 1e-9
};

/**
 * One cell's comparison.
 */
export interface ICellComparison {
  status: VerifyStatus;
  /**
   * Whether an image differs (reported, but not a difference by itself:
   * the same plot is often not the same bytes).
   */
  imageDiffers: boolean;
  /**
   * The error raised now (`error-now`), as `Name: value`.
   */
  error?: string;
}

/**
 * Compare a code cell's stored outputs with the outputs of running it
 * again. Never throws: outputs are read as untrusted JSON.
 *
 * Compared: stream text (stdout and stderr together, as printed),
 * `text/plain`, `text/html` and `text/markdown` of results and displays,
 * error names and values (not tracebacks); images by equality, reported
 * apart. Text is normalised first (see {@link INormalisations}).
 *
 * @param stored - the cell's outputs as saved.
 * @param now - the outputs of the run in a fresh kernel.
 * @param options - the normalisations.
 */
export function compareOutputs(
  stored: readonly unknown[],
  now: readonly unknown[],
  options: Readonly<INormalisations> = DEFAULT_NORMALISATIONS
): ICellComparison {
  const before = Private.summary(stored, options);
  const after = Private.summary(now, options);
  const imageDiffers = before.images !== after.images;
  const error = after.error ?? undefined;
  if (after.error !== null && after.error !== before.error) {
    return { status: 'error-now', imageDiffers, error };
  }
  if (before.error !== null && after.error === null) {
    return { status: 'error-before', imageDiffers };
  }
  if (before.outputs === 0 && after.outputs > 0) {
    return { status: 'no-output', imageDiffers };
  }
  const same = sameText(before.text, after.text, options);
  return { status: same ? 'same' : 'differs', imageDiffers };
}

/**
 * Whether two texts are the same after the normalisations.
 */
export function sameText(
  a: string,
  b: string,
  options: Readonly<INormalisations> = DEFAULT_NORMALISATIONS
): boolean {
  const left = Private.numbers(normaliseText(a, options));
  const right = Private.numbers(normaliseText(b, options));
  if (left.words.length !== right.words.length) {
    return false;
  }
  for (let i = 0; i < left.words.length; i++) {
    if (left.words[i] !== right.words[i]) {
      return false;
    }
  }
  return left.values.every((value, i) =>
    Private.close(value, right.values[i], options.floatTolerance)
  );
}

/**
 * Text with what differs by nature between runs replaced by a marker.
 */
export function normaliseText(
  text: string,
  options: Readonly<INormalisations> = DEFAULT_NORMALISATIONS
): string {
  let out = text;
  if (options.addresses) {
    out = out.replace(/\b0x[0-9a-fA-F]{4,}\b/g, '0x…');
  }
  if (options.times) {
    out = out
      .replace(
        /\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?/g,
        '<time>'
      )
      .replace(
        /\b\d+(?:\.\d+)?\s?(?:ns|µs|us|ms|s|sec|secs|seconds?|min|minutes?)\b/g,
        '<duration>'
      );
  }
  if (options.tempPaths) {
    out = out.replace(
      /(?:\/tmp|\/var\/folders|[A-Za-z]:\\[^\s'"]*\\Temp)[/\\][^\s'"]*/g,
      '<tmp>'
    );
  }
  return out;
}

/**
 * Stderr text without the Python warnings that installed code printed
 * (`warnings.formatwarning`'s `FILE:LINE: CATEGORYWarning: message` line
 * and the source line below it, indented by two spaces), when FILE is
 * under `site-packages` or `dist-packages`, in Python's own `lib`, or a
 * frozen module. A warning from any other file (a notebook cell, a module
 * of the project) is kept, and so is every other line.
 */
export function withoutInstalledWarnings(text: string): string {
  return text.replace(
    /^([^\n]*?):\d+: \w*Warning: [^\n]*(?:\n|$)(?: {2}[^\n]*(?:\n|$))?/gm,
    (record, file: string) => (Private.isInstalledFile(file) ? '' : record)
  );
}

/**
 * The verdict of a run: how many cells are the same, differ, and raise.
 */
export interface IVerifyCounts {
  same: number;
  differs: number;
  errors: number;
}

/**
 * Count the statuses: `error-now` counts as an error; `differs`,
 * `error-before` and `no-output` as differing.
 */
export function verifyCounts(statuses: readonly VerifyStatus[]): IVerifyCounts {
  const counts = { same: 0, differs: 0, errors: 0 };
  for (const status of statuses) {
    if (status === 'same') {
      counts.same++;
    } else if (status === 'error-now') {
      counts.errors++;
    } else {
      counts.differs++;
    }
  }
  return counts;
}

/**
 * One code cell's result of a verification.
 */
export interface IVerifiedCell {
  /**
   * Its position in the notebook's list of all cells.
   */
  index: number;
  id: string;
  status: VerifyStatus;
  /**
   * The error raised now (`error-now`), as `Name: value`.
   */
  error?: string;
  /**
   * Whether an image differs (not counted as a difference).
   */
  imageDiffers?: boolean;
}

/**
 * The result of verifying a notebook in a fresh kernel.
 *
 * - `reproduces`: every cell ran and gave the stored outputs;
 * - `differs`: some cell differs or raises now;
 * - `cancelled`: the user cancelled, or the time limit stopped the run
 *   (the cells run so far are listed);
 * - `failed`: no kernel could be started (see `failure`).
 */
export interface IVerifyResult {
  verdict: 'reproduces' | 'differs' | 'cancelled' | 'failed';
  same: number;
  differs: number;
  errors: number;
  cells: IVerifiedCell[];
  failure?: string;
}

/**
 * One code cell's entry in a verification's result: its place, and how
 * its outputs compared (the error and the image only when there is one).
 *
 * @param index - its position among all the notebook's cells.
 * @param id - its id.
 * @param comparison - what {@link compareOutputs} found.
 */
export function verifiedCell(
  index: number,
  id: string,
  comparison: ICellComparison
): IVerifiedCell {
  const cell: IVerifiedCell = { index, id, status: comparison.status };
  if (comparison.error) {
    cell.error = comparison.error;
  }
  if (comparison.imageDiffers) {
    cell.imageDiffers = true;
  }
  return cell;
}

/**
 * A verification's result from the cells it compared: `cancelled` when
 * the run stopped before the end (the cells compared so far are
 * counted), else `reproduces` when every cell is the same, else
 * `differs`.
 *
 * @param cells - the cells compared, in the order they ran.
 * @param stopped - whether the run was cancelled or hit its time limit.
 */
export function verifyResult(
  cells: IVerifiedCell[],
  stopped: boolean
): IVerifyResult {
  const counts = verifyCounts(cells.map(cell => cell.status));
  const verdict = stopped
    ? 'cancelled'
    : counts.same === cells.length
      ? 'reproduces'
      : 'differs';
  return { verdict, ...counts, cells };
}

/**
 * The text normalisations a setting can turn off, by name.
 */
export const NORMALISATION_NAMES = [
  'addresses',
  'times',
  'tempPaths',
  'warnings'
] as const;

/**
 * One normalisation's name.
 */
export type NormalisationName = (typeof NORMALISATION_NAMES)[number];

/**
 * The normalisations from the settings: the names turned on (unknown
 * names are ignored) and the float tolerance (not a finite number or
 * below zero: the default).
 *
 * @param on - the names of the normalisations turned on.
 * @param floatTolerance - the relative tolerance of numbers.
 */
export function normalisationsFrom(
  on: readonly unknown[],
  floatTolerance: unknown
): INormalisations {
  const names = new Set(on);
  return {
    addresses: names.has('addresses'),
    times: names.has('times'),
    tempPaths: names.has('tempPaths'),
    warnings: names.has('warnings'),
    floatTolerance:
      typeof floatTolerance === 'number' &&
      Number.isFinite(floatTolerance) &&
      floatTolerance >= 0
        ? floatTolerance
        : DEFAULT_NORMALISATIONS.floatTolerance
  };
}

/**
 * The names of the normalisations on, as recorded with a verification.
 */
export function normalisationsOn(options: Readonly<INormalisations>): string[] {
  const on: string[] = NORMALISATION_NAMES.filter(name => options[name]);
  if (options.floatTolerance > 0) {
    on.push(`floatTolerance=${options.floatTolerance}`);
  }
  return on;
}

/**
 * The cells a verification found not reproducing (differ, raise now, no
 * longer raise, or had no stored output), in notebook order.
 */
export function unreproducedCells(
  result: Pick<IVerifyResult, 'cells'>
): IVerifiedCell[] {
  return result.cells
    .filter(cell => cell.status !== 'same')
    .sort((a, b) => a.index - b.index);
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * What of a cell's outputs is compared.
   */
  export interface ISummary {
    text: string;
    images: string;
    error: string | null;
    /**
     * How many outputs there are, not counting stderr that was only
     * warnings left out.
     */
    outputs: number;
  }

  const TEXT_TYPES = ['text/plain', 'text/html', 'text/markdown'];

  /**
   * Join an output's text field (a string or a list of strings).
   */
  function join(value: unknown): string {
    if (typeof value === 'string') {
      return value;
    }
    return Array.isArray(value)
      ? value.filter(item => typeof item === 'string').join('')
      : '';
  }

  export function summary(
    outputs: readonly unknown[],
    options: Readonly<INormalisations>
  ): ISummary {
    const text: string[] = [];
    const images: string[] = [];
    let error: string | null = null;
    let counted = 0;
    // Stderr runs are joined first: one warning may come in two messages.
    let stderr = '';
    const endStderr = () => {
      const kept = options.warnings ? withoutInstalledWarnings(stderr) : stderr;
      if (kept !== '') {
        text.push(kept);
        counted++;
      }
      stderr = '';
    };
    for (const output of outputs) {
      if (!isJSONObject(output)) {
        continue;
      }
      if (output.output_type === 'stream' && output.name === 'stderr') {
        stderr += join(output.text);
        continue;
      }
      endStderr();
      counted++;
      switch (output.output_type) {
        case 'stream':
          text.push(join(output.text));
          break;
        case 'execute_result':
        case 'display_data': {
          const data = isJSONObject(output.data) ? output.data : {};
          for (const type of TEXT_TYPES) {
            if (type in data) {
              text.push(`${type}:${join(data[type])}\n`);
            }
          }
          for (const type of Object.keys(data).sort()) {
            if (type.startsWith('image/')) {
              images.push(`${type}:${join(data[type])}`);
            }
          }
          break;
        }
        case 'error':
          error = `${join(output.ename)}: ${join(output.evalue)}`;
          break;
      }
    }
    endStderr();
    return {
      text: text.join(''),
      images: images.join('\n'),
      error,
      outputs: counted
    };
  }

  /**
   * Whether a warning's file is installed code: a package, Python's own
   * library, or a frozen module.
   */
  export function isInstalledFile(file: string): boolean {
    return (
      /[/\\](?:site|dist)-packages[/\\]/.test(file) ||
      /[/\\]lib[/\\]python\d+(?:\.\d+)?t?[/\\]/i.test(file) ||
      /^<frozen [\w.]+>$/.test(file)
    );
  }

  /**
   * A text split into the parts between numbers, and the numbers.
   */
  export function numbers(text: string): { words: string[]; values: number[] } {
    const words: string[] = [];
    const values: number[] = [];
    let last = 0;
    for (const match of text.matchAll(
      /[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?/g
    )) {
      words.push(text.slice(last, match.index));
      values.push(Number(match[0]));
      last = match.index! + match[0].length;
    }
    words.push(text.slice(last));
    return { words, values };
  }

  export function close(a: number, b: number, tolerance: number): boolean {
    if (a === b) {
      return true;
    }
    return Math.abs(a - b) <= tolerance * Math.max(Math.abs(a), Math.abs(b));
  }
}
