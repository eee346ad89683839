// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

/**
 * Propose the version to publish after `current`.
 *
 * - nothing, `"0"` (nbproject's CLI) or `"draft"` (nbproject before 0.2)
 *   -> `"1"`;
 * - `"n"` -> `"n+1"`; `"x.y"` -> `"x.(y+1)"`: generally the last run of
 *   digits is incremented (`"1.2.9"` -> `"1.2.10"`, `"v2"` -> `"v3"`);
 * - any other text -> `"1"`.
 *
 * The user may always type another string; nbproject stores any.
 */
export function nextVersion(current: string | null | undefined): string {
  const value = (current ?? '').trim();
  if (value === '' || value === '0' || value === 'draft') {
    return '1';
  }
  const match = /^(.*?)(\d+)(\D*)$/.exec(value);
  if (!match) {
    return '1';
  }
  const [, head, digits, tail] = match;
  return `${head}${Private.increment(digits)}${tail}`;
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * Add one to a run of decimal digits of any length, without the rounding
   * of floating point numbers ("9007199254740993" stays exact).
   */
  export function increment(digits: string): string {
    const out = digits.split('');
    let i = out.length - 1;
    while (i >= 0 && out[i] === '9') {
      out[i] = '0';
      i--;
    }
    if (i < 0) {
      out.unshift('1');
    } else {
      out[i] = String(Number(out[i]) + 1);
    }
    // "007" -> "008" keeps the user's padding; strip nothing.
    return out.join('');
  }
}
