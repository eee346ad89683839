// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type { Tree } from '@lezer/common';

import { IIPythonCode, ipythonToPython } from './ipython';
import { parsePythonSteps, PythonParser } from './parser';
import { allSteps, Steps } from '../common/steps';

/**
 * One reading of each code cell shared by the analyses of a notebook:
 * imports, names (hidden state) and data files all read a cell as IPython
 * does and parse the Python, and with one `PythonTrees` passed to each of
 * them a cell is read and parsed once instead of once per analysis.
 *
 * Keyed by source, so cells with the same source share one tree. It keeps
 * every tree it made for as long as it is kept itself: a caller makes one
 * for a notebook (or a batch of cells) and drops it when the analyses are
 * done. Each analysis still applies its own limits (cell size, nesting)
 * before it asks for a tree.
 */
export class PythonTrees {
  /**
   * @param parser - the Python parser.
   */
  constructor(parser: PythonParser) {
    this.parser = parser;
  }

  /**
   * The Python parser the trees come from.
   */
  readonly parser: PythonParser;

  /**
   * The cell's source read as IPython reads it (see `ipythonToPython`).
   *
   * @param source - the cell's source.
   */
  python(source: string): IIPythonCode {
    return this._entry(source).python;
  }

  /**
   * The syntax tree of the cell's whole Python code ({@link python}'s
   * `code`), parsed on the first call, in steps of about a millisecond.
   *
   * @param source - the cell's source.
   */
  *treeSteps(source: string): Steps<Tree> {
    const entry = this._entry(source);
    if (entry.tree === null) {
      entry.tree = yield* parsePythonSteps(this.parser, entry.python.code);
    }
    return entry.tree;
  }

  /**
   * {@link treeSteps} at once.
   *
   * @param source - the cell's source.
   */
  tree(source: string): Tree {
    return allSteps(this.treeSteps(source));
  }

  private _entry(source: string): Private.IEntry {
    let entry = this._entries.get(source);
    if (entry === undefined) {
      entry = { python: ipythonToPython(source), tree: null };
      this._entries.set(source, entry);
    }
    return entry;
  }

  private _entries = new Map<string, Private.IEntry>();
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * What is kept for one source.
   */
  export interface IEntry {
    python: IIPythonCode;
    tree: Tree | null;
  }
}
