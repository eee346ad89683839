// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
'use strict';

/**
 * Summarise repeated measurements: median, quartiles, min, max, count.
 * Quartiles interpolate linearly between order statistics.
 */
function summarize(samples) {
  const xs = [...samples].sort((a, b) => a - b);
  const q = p => {
    if (xs.length === 0) {
      return NaN;
    }
    const pos = (xs.length - 1) * p;
    const lo = Math.floor(pos);
    const hi = Math.ceil(pos);
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo);
  };
  return {
    n: xs.length,
    median: q(0.5),
    q1: q(0.25),
    q3: q(0.75),
    min: xs[0],
    max: xs[xs.length - 1],
    samples
  };
}

/**
 * High-resolution milliseconds.
 */
function now() {
  return Number(process.hrtime.bigint()) / 1e6;
}

module.exports = { summarize, now };
