// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { isJSONObject } from '../common/json';

/**
 * How much of a cell's outputs the side-by-side view reads and compares:
 * the rest is cut (and said so), so that a huge output stays quick.
 */
export interface IDiffLimits {
  /**
   * The most lines of each side.
   */
  maxLines: number;
  /**
   * The most characters of a line.
   */
  maxLineLength: number;
  /**
   * The most line edits looked for; beyond, the differing middle is shown
   * as removed then added, without pairing lines.
   */
  maxEdits: number;
}

/**
 * The limits of the side-by-side view.
 */
export const DIFF_LIMITS: Readonly<IDiffLimits> = {
  maxLines: 2000,
  maxLineLength: 2000,
  maxEdits: 400
};

/**
 * An image of an output, for the view to show or to name.
 */
export interface IOutputImage {
  /**
   * Its MIME type, e.g. `image/png`.
   */
  mime: string;
  /**
   * The data as stored (base64 for binary images, text for SVG).
   */
  data: string;
}

/**
 * What the side-by-side view shows of a cell's outputs: text lines in
 * output order, and the images apart.
 */
export interface IOutputText {
  lines: string[];
  images: IOutputImage[];
  /**
   * Whether lines were cut (too many, or too long).
   */
  cut: boolean;
}

/**
 * The text of a cell's outputs as the comparator reads it: stream text
 * as printed, the `text/plain` of results and displays, their
 * `text/html` and `text/markdown` as source text under a `[type]` line,
 * errors as `Name: value`, and a `[image/png]` line for each image.
 * Never throws: outputs are read as untrusted JSON.
 *
 * @param outputs - a cell's outputs in the nbformat shape.
 * @param limits - the most lines and characters a line kept.
 */
export function outputText(
  outputs: readonly unknown[],
  limits: Readonly<IDiffLimits> = DIFF_LIMITS
): IOutputText {
  const parts: string[] = [];
  const images: IOutputImage[] = [];
  for (const output of outputs) {
    if (!isJSONObject(output)) {
      continue;
    }
    switch (output.output_type) {
      case 'stream':
        parts.push(Private.text(output.text));
        break;
      case 'execute_result':
      case 'display_data': {
        const data = isJSONObject(output.data) ? output.data : {};
        if ('text/plain' in data) {
          parts.push(Private.line(Private.text(data['text/plain'])));
        }
        for (const type of ['text/html', 'text/markdown']) {
          if (type in data) {
            parts.push(`[${type}]\n`, Private.line(Private.text(data[type])));
          }
        }
        for (const mime of Object.keys(data).sort()) {
          if (mime.startsWith('image/')) {
            parts.push(`[${mime}]\n`);
            images.push({ mime, data: Private.text(data[mime]) });
          }
        }
        break;
      }
      case 'error':
        parts.push(
          `${Private.text(output.ename)}: ${Private.text(output.evalue)}\n`
        );
        break;
    }
  }
  return Private.lines(parts.join(''), images, limits);
}

/**
 * One row of a side-by-side diff: a line on both sides (`same`, or
 * `changed` when the two differ), only on the stored side (`removed`),
 * or only on the new side (`added`).
 */
export interface IDiffRow {
  kind: 'same' | 'changed' | 'removed' | 'added';
  left: string | null;
  right: string | null;
}

/**
 * The line diff of two texts, as side-by-side rows.
 */
export interface ILineDiff {
  rows: IDiffRow[];
  /**
   * Whether more edits than the limit were needed: the differing middle
   * is then shown as removed then added, unpaired.
   */
  coarse: boolean;
}

/**
 * Diff two lists of lines, in rows for a side-by-side view: the common
 * start and end are matched first, then the middle with Myers' algorithm
 * up to `maxEdits` edits (time O((n + m) · edits)); a middle needing
 * more is shown as removed then added. Removed lines followed by added
 * ones are paired into `changed` rows.
 *
 * @param left - the stored lines.
 * @param right - the new lines.
 * @param key - what of a line is compared (the line itself by default),
 *   e.g. the line with memory addresses normalised.
 * @param maxEdits - the most edits looked for.
 */
export function diffLines(
  left: readonly string[],
  right: readonly string[],
  key: (line: string) => string = line => line,
  maxEdits: number = DIFF_LIMITS.maxEdits
): ILineDiff {
  const a = left.map(key);
  const b = right.map(key);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) {
    start++;
  }
  let end = 0;
  while (
    end < a.length - start &&
    end < b.length - start &&
    a[a.length - 1 - end] === b[b.length - 1 - end]
  ) {
    end++;
  }
  const ops = Private.myers(
    a.slice(start, a.length - end),
    b.slice(start, b.length - end),
    maxEdits
  );
  const coarse = ops === null;
  const middle = ops ?? [
    ...Array<Private.Op>(a.length - end - start).fill('-'),
    ...Array<Private.Op>(b.length - end - start).fill('+')
  ];
  const all: Private.Op[] = [
    ...Array<Private.Op>(start).fill('='),
    ...middle,
    ...Array<Private.Op>(end).fill('=')
  ];
  return { rows: Private.rows(all, left, right), coarse };
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * An edit: keep a line of both (`=`), drop one of the left (`-`), add
   * one of the right (`+`).
   */
  export type Op = '=' | '-' | '+';

  /**
   * A text field: a string or a list of strings (other values: empty).
   */
  export function text(value: unknown): string {
    if (Array.isArray(value)) {
      return value.filter(item => typeof item === 'string').join('');
    }
    return typeof value === 'string' ? value : '';
  }

  /**
   * A text ending with a line break.
   */
  export function line(value: string): string {
    return value.endsWith('\n') ? value : `${value}\n`;
  }

  /**
   * Split a text into lines within the limits.
   */
  export function lines(
    all: string,
    images: IOutputImage[],
    limits: Readonly<IDiffLimits>
  ): IOutputText {
    const body = all.endsWith('\n') ? all.slice(0, -1) : all;
    const split = body === '' ? [] : body.split('\n');
    let cut = split.length > limits.maxLines;
    const kept = split.slice(0, limits.maxLines).map(text => {
      if (text.length <= limits.maxLineLength) {
        return text;
      }
      cut = true;
      return `${text.slice(0, limits.maxLineLength)}…`;
    });
    return { lines: kept, images, cut };
  }

  /**
   * Myers' shortest edit script of two lists, or `null` when it needs
   * more than `max` edits.
   */
  export function myers(
    a: readonly string[],
    b: readonly string[],
    max: number
  ): Op[] | null {
    const n = a.length;
    const m = b.length;
    if (n === 0 || m === 0) {
      return [...Array<Op>(n).fill('-'), ...Array<Op>(m).fill('+')];
    }
    const limit = Math.min(max, n + m);
    const offset = limit + 1;
    // v[k + offset]: the furthest x on diagonal k; one copy per step, to
    // walk back (memory O(edits²)).
    let v = new Int32Array(2 * offset + 1);
    const trace: Int32Array[] = [];
    for (let d = 0; d <= limit; d++) {
      trace.push(v.slice());
      const next = v.slice();
      for (let k = -d; k <= d; k += 2) {
        let x =
          k === -d || (k !== d && v[k - 1 + offset] < v[k + 1 + offset])
            ? v[k + 1 + offset]
            : v[k - 1 + offset] + 1;
        let y = x - k;
        while (x < n && y < m && a[x] === b[y]) {
          x++;
          y++;
        }
        next[k + offset] = x;
        if (x >= n && y >= m) {
          return walkBack(trace, n, m, offset);
        }
      }
      v = next;
    }
    return null;
  }

  /**
   * The edits, from the furthest points of each step.
   */
  function walkBack(
    trace: Int32Array[],
    n: number,
    m: number,
    offset: number
  ): Op[] {
    const ops: Op[] = [];
    let x = n;
    let y = m;
    for (let d = trace.length - 1; d > 0; d--) {
      const v = trace[d];
      const k = x - y;
      const down =
        k === -d || (k !== d && v[k - 1 + offset] < v[k + 1 + offset]);
      const prevK = down ? k + 1 : k - 1;
      const prevX = v[prevK + offset];
      const prevY = prevX - prevK;
      while (x > prevX && y > prevY) {
        ops.push('=');
        x--;
        y--;
      }
      ops.push(down ? '+' : '-');
      x = prevX;
      y = prevY;
    }
    while (x > 0 && y > 0) {
      ops.push('=');
      x--;
      y--;
    }
    return ops.reverse();
  }

  /**
   * Side-by-side rows from edits: a run of removed lines and the run of
   * added lines after it are paired, line by line.
   */
  export function rows(
    ops: readonly Op[],
    left: readonly string[],
    right: readonly string[]
  ): IDiffRow[] {
    const out: IDiffRow[] = [];
    let i = 0;
    let j = 0;
    let at = 0;
    while (at < ops.length) {
      if (ops[at] === '=') {
        out.push({ kind: 'same', left: left[i++], right: right[j++] });
        at++;
        continue;
      }
      const removed: string[] = [];
      const added: string[] = [];
      while (at < ops.length && ops[at] !== '=') {
        if (ops[at] === '-') {
          removed.push(left[i++]);
        } else {
          added.push(right[j++]);
        }
        at++;
      }
      const both = Math.min(removed.length, added.length);
      for (let r = 0; r < Math.max(removed.length, added.length); r++) {
        out.push({
          kind: r < both ? 'changed' : r < removed.length ? 'removed' : 'added',
          left: r < removed.length ? removed[r] : null,
          right: r < added.length ? added[r] : null
        });
      }
    }
    return out;
  }
}
