// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

/**
 * The reader of IPython cells as it was before it read char codes and
 * skipped lines without IPython syntax: the reference the fast reader
 * (`core/python/ipython.ts`) must agree with on every cell. Test code only.
 */

import type { IIPythonCode } from '../../../core/python/ipython';

/**
 * The reference reading of a cell: what `ipythonToPython` must give.
 *
 * @param source - the cell's source.
 */
export function referenceIPythonToPython(source: string): IIPythonCode {
  return Private.toPython(source);
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * Cell magics whose body is Python run by the kernel.
   */
  const PYTHON_CELL_MAGICS = new Set([
    'time',
    'timeit',
    'capture',
    'prun',
    'debug'
  ]);

  /**
   * Cell magics whose body is shell script, read for install lines only.
   */
  const SHELL_CELL_MAGICS = new Set([
    'bash',
    'sh',
    'script',
    'system',
    'sx',
    '!'
  ]);

  /**
   * Line magics followed by a Python statement, with the letters of their
   * options that take a value (`%timeit -n 10 stmt`).
   */
  const PYTHON_LINE_MAGICS = new Map([
    ['time', ''],
    ['timeit', 'nrp'],
    ['prun', 'lsTD']
  ]);

  /**
   * One option of such a magic: `-n10`, `-n 10` or `-q`.
   */
  const OPTION = /^-(\w)(\S*)\s*/;

  /**
   * A command that installs Python packages, after its `!` or `%`:
   * `pip install`, `pip3 -q install`, `python -m pip install`,
   * `{sys.executable} -m pip install`, `uv pip install`, `conda install`,
   * `mamba install`, `micromamba install`, each perhaps after `sudo`.
   */
  const INSTALL =
    /^(?:sudo\s+)?(?:(?:["']?\{[^}]*\}["']?|\S*python[\d.]*(?:\.exe)?)\s+-m\s+pip|pip[\d.]*|uv\s+pip|conda|mamba|micromamba)(?:\s+-\S+)*\s+install(?:\s|$)/;

  /**
   * `name = !cmd` or `name = %magic`: IPython assigning a command's output.
   */
  const CAPTURE =
    /^[A-Za-z_][\w.]*(?:\s*,\s*[A-Za-z_][\w.]*)*\s*=\s*([!%].*)$/s;

  /**
   * IPython's help syntax at the end of a line (`np.mean?`, `%time??`).
   */
  const HELP_END = /^%{0,2}(?!\d)[\w*]+(?:\.[\w*]+)*\?\??$/;

  /**
   * What the scanner knows at the start of a line.
   */
  interface IScanState {
    /**
     * The triple quote of a string still open, or `null`.
     */
    string: string | null;
    /**
     * How many brackets are open.
     */
    depth: number;
    /**
     * Whether the previous line ended with a backslash continuation.
     */
    continued: boolean;
    /**
     * The deepest bracket nesting so far.
     */
    deepest: number;
  }

  /**
   * Turn a cell's IPython source into plain Python with the same number of
   * lines, collecting install lines on the way. A non-Python cell gives
   * empty code.
   */
  export function toPython(source: string): IIPythonCode {
    const lines = source.split('\n');
    const installs: string[] = [];
    const first = lines.findIndex(line => line.trim() !== '');
    const cellMagic =
      first >= 0 ? /^%%(\S*)/.exec(lines[first].trimStart()) : null;
    if (cellMagic && !PYTHON_CELL_MAGICS.has(cellMagic[1])) {
      if (SHELL_CELL_MAGICS.has(cellMagic[1])) {
        for (const line of lines.slice(first + 1)) {
          if (INSTALL.test(line.trim())) {
            installs.push(line.trim());
          }
        }
      }
      return { code: '', installs, nesting: 0 };
    }

    let state: IScanState = {
      string: null,
      depth: 0,
      continued: false,
      deepest: 0
    };
    const code = lines.map((line, i) => {
      // Only a line that starts a new statement can hold IPython syntax.
      const python =
        state.string === null && state.depth === 0 && !state.continued
          ? i === first && cellMagic
            ? (afterMagic(line.trimStart()) ?? '')
            : transformLine(line, installs)
          : line;
      state = scan(python, state);
      return python;
    });
    return { code: code.join('\n'), installs, nesting: state.deepest };
  }

  /**
   * Rewrite one line that starts a statement: IPython syntax is blanked or
   * reduced to the Python it runs.
   */
  function transformLine(line: string, installs: string[]): string {
    const indent = line.slice(0, line.length - line.trimStart().length);
    const body = line.trim();
    const command =
      body.startsWith('!') || body.startsWith('%')
        ? body
        : CAPTURE.exec(body)?.[1];
    if (command !== undefined) {
      const python = command.startsWith('%') ? afterMagic(command) : null;
      if (python !== null) {
        return indent + python;
      }
      if (INSTALL.test(command.replace(/^[!%]+/, ''))) {
        installs.push(body);
      }
      return '';
    }
    return body.startsWith('?') || HELP_END.test(body) ? '' : line;
  }

  /**
   * The Python statement after `%time`, `%timeit` or `%prun` (or their
   * `%%` first lines) and their options; `null` for any other magic.
   */
  function afterMagic(body: string): string | null {
    const magic = /^%%?(\w+)\s*/.exec(body);
    const valued = magic ? PYTHON_LINE_MAGICS.get(magic[1]) : undefined;
    if (!magic || valued === undefined) {
      return null;
    }
    let rest = body.slice(magic[0].length);
    for (let option = OPTION.exec(rest); option; option = OPTION.exec(rest)) {
      rest = rest.slice(option[0].length);
      if (valued.includes(option[1]) && option[2] === '') {
        // `-n 10`: the value is the next word.
        rest = rest.replace(/^\S+\s*/, '');
      }
    }
    return rest;
  }

  /**
   * Advance the scanner over one line: strings, comments, brackets and
   * continuations, enough to know whether the next line starts a statement.
   */
  function scan(line: string, state: IScanState): IScanState {
    let { string, depth, deepest } = state;
    let continued = false;
    // Where a backslash continues the line; found once, not per backslash.
    const last = line.trimEnd().length - 1;
    let i = 0;
    while (i < line.length) {
      const c = line[i];
      if (string !== null) {
        if (c === '\\') {
          i += 2;
        } else if (line.startsWith(string, i)) {
          i += string.length;
          string = null;
        } else {
          i++;
        }
        continue;
      }
      if (c === '#') {
        break;
      }
      if (c === '"' || c === "'") {
        string = line.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
        i += string.length;
        continue;
      }
      if (c === '\\' && i === last) {
        continued = true;
      } else if ('([{'.includes(c)) {
        depth++;
        deepest = Math.max(deepest, depth);
      } else if (')]}'.includes(c)) {
        depth = Math.max(0, depth - 1);
      }
      i++;
    }
    // A one-quote string cannot span lines; a triple-quoted one can.
    return {
      string: string !== null && string.length === 3 ? string : null,
      depth,
      continued,
      deepest
    };
  }
}
