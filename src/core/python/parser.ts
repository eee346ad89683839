// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type { Parser, Tree } from '@lezer/common';
import type { Steps } from '../common/steps';

/**
 * The Python parser the core reads cells with: `@lezer/python`'s.
 *
 * The core never imports the parser itself, so that in JupyterLab the
 * extension uses the one JupyterLab's CodeMirror already ships (about a
 * third of the bundle otherwise), while Node (the CLI, the tests, the
 * benchmarks) passes the package's own. Its trees are the same.
 */
let current: Parser | null = null;

/**
 * Give the core its Python parser (`@lezer/python`'s `parser`, or the
 * parser of JupyterLab's Python language).
 */
export function setPythonParser(parser: Parser): void {
  current = parser;
}

/**
 * Whether the core has a Python parser yet.
 */
export function hasPythonParser(): boolean {
  return current !== null;
}

/**
 * The Python parser given with {@link setPythonParser}.
 *
 * @throws when none was given: a wiring error, not a property of the input.
 */
export function pythonParser(): Parser {
  if (current === null) {
    throw new Error('No Python parser: call setPythonParser first.');
  }
  return current;
}

/**
 * Parse Python in steps of about a millisecond (a thousand parser actions),
 * for a caller that spreads a large cell over several tasks. The tree is
 * the one `pythonParser().parse(code)` gives.
 *
 * @param code - the Python code.
 */
export function* parsePythonSteps(code: string): Steps<Tree> {
  const parse = pythonParser().startParse(code);
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
