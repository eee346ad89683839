// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type { TreeCursor } from '@lezer/common';
import { parser } from '@lezer/python';

import { cellId, ICellLike, joinSource } from './notebook';
import { stdlibModuleNames } from './stdlib';

/**
 * What one cell's source imports and installs.
 */
export interface IFoundImports {
  /**
   * Top-level third-party modules imported, sorted and unique.
   */
  modules: string[];
  /**
   * Package-install lines (`%pip install ...`, `!conda install ...`),
   * trimmed: they change the environment from inside the notebook.
   */
  installs: string[];
}

/**
 * Find the third-party modules one code cell imports. Never throws.
 *
 * The source is read as IPython does: line magics, `!shell` lines and help
 * lines (`x?`, `?x`) are blanked; `%time`, `%timeit` and `%prun` keep the
 * Python statement they run; a cell magic that runs Python (`%%time`,
 * `%%capture`, ...) is dropped and any other (`%%bash`, `%%html`, ...) makes
 * the cell not Python at all. The rest is parsed with `@lezer/python`,
 * which recovers from syntax errors, so an error late in the cell does not
 * lose the imports before it. Every `import`/`from ... import` counts,
 * wherever it is (functions, `try`, `if`); strings and comments do not.
 * Relative imports and the standard library are left out.
 *
 * @param source - the cell's source.
 */
export function findImports(source: string): IFoundImports {
  const { code, installs } = Private.toPython(source);
  const modules = new Set<string>();
  // Every import statement spells `import`; most cells do not, and parsing
  // is by far the costliest step of a notebook's analysis.
  if (code.includes('import')) {
    const cursor = parser.parse(code).cursor();
    // Visit every node, but not the tokens inside an import statement.
    for (let enter = true; cursor.next(enter); ) {
      enter = cursor.name !== 'ImportStatement';
      if (!enter) {
        for (const name of Private.topLevelModules(cursor, code)) {
          if (!stdlibModuleNames.has(name) && name !== '__main__') {
            modules.add(name);
          }
        }
      }
    }
  }
  return { modules: [...modules].sort(), installs };
}

/**
 * A module a notebook imports, with the code cells importing it.
 */
export interface IImportedModule {
  /**
   * The top-level module name.
   */
  name: string;
  /**
   * Positions of the importing cells in the notebook's list of all cells.
   */
  cells: number[];
  /**
   * The ids of those cells (`null` for a cell without one), same order.
   */
  cellIds: (string | null)[];
}

/**
 * A package-install line found in a notebook.
 */
export interface IInstallLine {
  /**
   * Position of the cell in the notebook's list of all cells.
   */
  cell: number;
  /**
   * The cell's id, or `null`.
   */
  cellId: string | null;
  /**
   * The trimmed line.
   */
  line: string;
}

/**
 * What a notebook's code cells import and install.
 */
export interface INotebookImports {
  /**
   * Imported third-party modules, sorted by name.
   */
  modules: IImportedModule[];
  /**
   * Install lines, in notebook order.
   */
  installs: IInstallLine[];
}

/**
 * One code cell's imports, located in its notebook.
 */
export interface ICellImports {
  /**
   * Position of the cell in the notebook's list of all cells.
   */
  index: number;
  /**
   * The cell's id, or `null`.
   */
  id: string | null;
  /**
   * What {@link findImports} found in the cell.
   */
  found: IFoundImports;
}

/**
 * Find what a notebook's code cells import and install.
 *
 * @param cells - the notebook's cells, in order.
 */
export function notebookImports(cells: readonly ICellLike[]): INotebookImports {
  const perCell: ICellImports[] = [];
  cells.forEach((cell, index) => {
    if (cell.cell_type === 'code') {
      const found = findImports(joinSource(cell.source));
      perCell.push({ index, id: cellId(cell), found });
    }
  });
  return collectImports(perCell);
}

/**
 * Combine per-cell imports, given in notebook order, into the notebook's.
 * Shared by {@link notebookImports} and the incremental analysis, which
 * caches {@link findImports} per cell.
 */
export function collectImports(
  perCell: readonly ICellImports[]
): INotebookImports {
  const modules = new Map<string, IImportedModule>();
  const installs: IInstallLine[] = [];
  for (const { index, id, found } of perCell) {
    for (const name of found.modules) {
      let entry = modules.get(name);
      if (!entry) {
        entry = { name, cells: [], cellIds: [] };
        modules.set(name, entry);
      }
      entry.cells.push(index);
      entry.cellIds.push(id);
    }
    for (const line of found.installs) {
      installs.push({ cell: index, cellId: id, line });
    }
  }
  const sorted = [...modules.values()].sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0
  );
  return { modules: sorted, installs };
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * Cell magics whose body is Python run by the kernel.
   */
  const PYTHON_CELL_MAGICS = new Set(['time', 'timeit', 'capture', 'prun', 'debug']);

  /**
   * Cell magics whose body is shell script, read for install lines only.
   */
  const SHELL_CELL_MAGICS = new Set(['bash', 'sh', 'script', 'system', 'sx', '!']);

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
  const CAPTURE = /^[A-Za-z_][\w.]*(?:\s*,\s*[A-Za-z_][\w.]*)*\s*=\s*([!%].*)$/s;

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
  }

  /**
   * Turn a cell's IPython source into plain Python with the same number of
   * lines, collecting install lines on the way. A non-Python cell gives
   * empty code.
   */
  export function toPython(source: string): {
    code: string;
    installs: string[];
  } {
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
      return { code: '', installs };
    }

    let state: IScanState = { string: null, depth: 0, continued: false };
    const code = lines.map((line, i) => {
      // Only a line that starts a new statement can hold IPython syntax.
      const python =
        state.string === null && state.depth === 0 && !state.continued
          ? i === first && cellMagic
            ? afterMagic(line.trimStart()) ?? ''
            : transformLine(line, installs)
          : line;
      state = scan(python, state);
      return python;
    });
    return { code: code.join('\n'), installs };
  }

  /**
   * Rewrite one line that starts a statement: IPython syntax is blanked or
   * reduced to the Python it runs.
   */
  function transformLine(line: string, installs: string[]): string {
    const indent = line.slice(0, line.length - line.trimStart().length);
    const body = line.trim();
    const command = body.startsWith('!') || body.startsWith('%')
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
    let { string, depth } = state;
    let continued = false;
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
      if (c === '\\' && i === line.trimEnd().length - 1) {
        continued = true;
      } else if ('([{'.includes(c)) {
        depth++;
      } else if (')]}'.includes(c)) {
        depth = Math.max(0, depth - 1);
      }
      i++;
    }
    // A one-quote string cannot span lines; a triple-quoted one can.
    return {
      string: string !== null && string.length === 3 ? string : null,
      depth,
      continued
    };
  }

  /**
   * The top-level module names of the import statement at the cursor:
   * `import a.b as c, d` gives `a` and `d`, `from a.b import c` gives `a`,
   * and a relative `from . import x` or `from .m import x` gives nothing.
   */
  export function topLevelModules(cursor: TreeCursor, code: string): string[] {
    // The statement's children are flat tokens: keywords, names, dots, commas.
    const tokens: { name: string; text: string }[] = [];
    if (cursor.firstChild()) {
      do {
        tokens.push({ name: cursor.name, text: code.slice(cursor.from, cursor.to) });
      } while (cursor.nextSibling());
      cursor.parent();
    }
    const [keyword, ...rest] = tokens;
    if (keyword?.name === 'from') {
      return rest[0]?.name === 'VariableName' ? [rest[0].text] : [];
    }
    if (keyword?.name !== 'import') {
      return [];
    }
    // A module name starts the list or follows a comma; other names are
    // `.submodule` parts and `as` aliases.
    return rest
      .filter(
        (token, i) =>
          token.name === 'VariableName' && (i === 0 || rest[i - 1].name === ',')
      )
      .map(token => token.text);
  }
}
