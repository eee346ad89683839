// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

/**
 * A computation done in steps: a generator that yields between steps and
 * returns its result. The rules that read a whole notebook (or a large
 * cell) also come in this form, so that the extension can spread them over
 * several tasks of the page; they never wait themselves.
 */
export type Steps<T> = Generator<void, T, undefined>;

/**
 * Run every step at once and return the result.
 *
 * @param steps - the computation.
 */
export function allSteps<T>(steps: Iterator<void, T, undefined>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) {
      return step.value;
    }
  }
}
