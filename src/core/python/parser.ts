// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type { Parser, Tree } from '@lezer/common';
import type { Steps } from '../common/steps';

/**
 * The Python parser the core reads cells with: `@lezer/python`'s `parser`.
 * The core never imports it: every entry point passes one in. In
 * JupyterLab it is the parser of JupyterLab's own Python language (the
 * copy its CodeMirror ships, so the extension does not bundle a second);
 * in Node (the CLI, the tests, the benchmarks) the package's. Their trees
 * are the same.
 */
export type PythonParser = Parser;

/**
 * Parse Python in steps of about a millisecond (a thousand parser actions),
 * for a caller that spreads a large cell over several tasks. The tree is
 * the one `parser.parse(code)` gives.
 *
 * @param parser - the Python parser.
 * @param code - the Python code.
 */
export function* parsePythonSteps(
  parser: PythonParser,
  code: string
): Steps<Tree> {
  const parse = parser.startParse(code);
  for (let actions = 1; ; actions++) {
    const tree = parse.advance();
    if (tree) {
      return tree;
    }
    if (actions % 1000 === 0) {
      yield;
    }
  }
}
