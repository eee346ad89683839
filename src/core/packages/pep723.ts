// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { ICellLike, joinSource } from '../notebook/cells';
import {
  diffRequirements,
  IRequirement,
  IRequirementsDiff,
  isEmptyDiff,
  isVersionSpecifier,
  parseRequirement,
  pinnedRequirements
} from './requirements';
import { ITomlProblem, parseToml, tomlGet, tomlString } from './toml';
import { quote } from '../common/text';
import { isExecuted } from '../execution/consecutiveness';
import {
  findMetadataBlocks,
  IMetadataBlock,
  isPep723Cell,
  PEP723_TYPE
} from './metadataBlocks';

// Kept here too: the rules that read a notebook's PEP 723 cell only need
// the small module, and do not load the writers and the TOML reader.
export { findMetadataBlocks, isPep723Cell, PEP723_TYPE };
export type { IMetadataBlock };

/**
 * What a PEP 723 `script` block declares.
 */
export interface IPep723Metadata {
  /**
   * The `dependencies` that could be read, in order.
   */
  dependencies: IRequirement[];
  /**
   * `requires-python`, or `null`.
   */
  requiresPython: string | null;
  /**
   * `[tool.uv] exclude-newer`, or `null`.
   */
  excludeNewer: string | null;
}

/**
 * The PEP 723 block of a notebook.
 */
export interface IPep723Block {
  /**
   * Index of the code cell holding it, in the list of all cells.
   */
  cell: number;
  /**
   * Where it is in that cell's joined source.
   */
  block: IMetadataBlock;
  /**
   * What it declares.
   */
  metadata: IPep723Metadata;
  /**
   * Whether its TOML was read without problems, so that it can be edited
   * in place (only `dependencies` and `requires-python` rewritten).
   */
  editable: boolean;
}

/**
 * The result of {@link readPep723}.
 */
export interface IPep723Read {
  /**
   * The block juv reads (the first `script` block of the first code cell
   * that has one), or `null` when there is none.
   */
  block: IPep723Block | null;
  /**
   * Readable sentences saying what is wrong: more than one block, a block
   * never closed, TOML that cannot be read, fields of the wrong type,
   * dependencies that are not requirements. Empty when the notebook has
   * exactly one valid block, or none.
   */
  problems: string[];
}

/**
 * Read a notebook's PEP 723 block by juv's rules: code cells only, and
 * exactly one `# /// script` block in the notebook. Never throws.
 *
 * When there are several, the one juv would use (the first) is still
 * read, and the others are reported: PEP 723 says a tool must refuse them,
 * and juv would silently ignore all but one.
 *
 * @param cells - the notebook's cells, in order.
 */
export function readPep723(cells: readonly ICellLike[]): IPep723Read {
  const { found, problems } = Private.locate(cells);
  if (found === null) {
    return { block: null, problems };
  }
  const { cell, block } = found;
  const read = Private.readMetadata(block.content, (line, message) =>
    problems.push(
      `Cell ${cell + 1}${line === null ? '' : `, line ${block.line + 1 + line}`}: ${message}.`
    )
  );
  return {
    block: { cell, block, metadata: read.metadata, editable: read.editable },
    problems
  };
}

/**
 * A new code cell in nbformat's JSON shape (without an id: a notebook
 * model or the writer of the file gives it one).
 */
export interface INewCodeCell extends ICellLike {
  /**
   * Always `code`.
   */
  cell_type: 'code';
  /**
   * The cell's source.
   */
  source: string;
  /**
   * The cell's metadata.
   */
  metadata: Record<string, unknown>;
  /**
   * Not run.
   */
  execution_count: null;
  /**
   * No outputs.
   */
  outputs: unknown[];
}

/**
 * The PEP 723 cell juv writes, for a notebook without one: its source is
 * the block alone, in uv's layout, and its source is hidden.
 *
 * ```
 * # /// script
 * # requires-python = ">=3.11"
 * # dependencies = [
 * #     "numpy==1.26.4",
 * #     "tomli",
 * # ]
 * # ///
 * ```
 *
 * Names that are not package names are left out, and versions that are not
 * versions are left unpinned; {@link upsertPep723} reports them.
 *
 * @param packages - distributions and their versions (`""` = unpinned),
 *   e.g. the packages a publish plan pins.
 * @param requiresPython - e.g. `>=3.11` (see {@link requiresPythonFor}),
 *   or `null` to leave it out.
 */
export function pep723Cell(
  packages: Readonly<Record<string, string>>,
  requiresPython: string | null
): INewCodeCell {
  const { requirements } = pinnedRequirements(packages);
  return Private.newCell(
    Private.embed(Private.renderToml(requirements, requiresPython))
  );
}

/**
 * What writing a notebook's PEP 723 cell would do, decided without
 * touching the notebook.
 */
export interface IPep723Plan {
  /**
   * `insert` a new cell, `replace` the source of the cell holding the
   * block, or nothing to do.
   */
  action: 'insert' | 'replace' | 'unchanged';
  /**
   * For `insert`, the index the new cell takes (the cells from there move
   * down); otherwise the index of the cell holding the block.
   */
  index: number;
  /**
   * The cell's source after the change.
   */
  source: string;
  /**
   * For `insert`, the cell to insert; otherwise `null` (the cell keeps its
   * metadata, outputs and id: only its source changes).
   */
  cell: INewCodeCell | null;
  /**
   * The declared dependencies before (none when inserting) and after.
   */
  diff: IRequirementsDiff;
  /**
   * `requires-python` before and after.
   */
  requiresPython: { before: string | null; after: string | null };
  /**
   * Sentences the user should read before applying: packages left out or
   * unpinned, other blocks that stay, a block replaced whole.
   */
  problems: string[];
}

/**
 * Plan writing the notebook's PEP 723 block, never duplicating it.
 *
 * Without a block, a cell from {@link pep723Cell} is inserted before the
 * first code cell (so a title above stays on top; at the end when there is
 * no code cell). With a block, only its `dependencies` and, when given,
 * `requires-python` are rewritten; other keys, comments and the code
 * around the block stay as they are, and a block that already declares the
 * same (however spelled) is left alone. A block whose TOML cannot be read
 * is replaced whole, and the plan says so.
 *
 * @param cells - the notebook's cells, in order.
 * @param packages - distributions and their versions (`""` = unpinned).
 * @param requiresPython - e.g. `>=3.11`; `null` keeps what the block says
 *   (and writes none in a new cell).
 */
export function upsertPep723(
  cells: readonly ICellLike[],
  packages: Readonly<Record<string, string>>,
  requiresPython: string | null
): IPep723Plan {
  // Other blocks, and blocks never closed, stay as they are: say so.
  const { found, problems } = Private.locate(cells);
  const pinned = pinnedRequirements(packages);
  problems.push(...pinned.problems);
  if (found === null) {
    const index = cells.findIndex(cell => cell.cell_type === 'code');
    const cell = pep723Cell(packages, requiresPython);
    return {
      action: 'insert',
      index: index < 0 ? cells.length : index,
      source: cell.source,
      cell,
      diff: diffRequirements([], pinned.requirements),
      requiresPython: { before: null, after: requiresPython },
      problems
    };
  }

  const { cell, block } = found;
  const tomlProblems: string[] = [];
  const { metadata, editable } = Private.readMetadata(
    block.content,
    (line, message) =>
      tomlProblems.push(
        `${line === null ? '' : `line ${block.line + 1 + line}: `}${message}`
      )
  );
  const before = metadata.requiresPython;
  const after = requiresPython ?? before;
  const diff = diffRequirements(metadata.dependencies, pinned.requirements);
  let toml: string;
  if (editable && isEmptyDiff(diff) && before === after) {
    // The same declarations, perhaps spelled otherwise: leave them be.
    toml = block.content;
  } else if (editable) {
    toml = Private.editToml(block.content, pinned.requirements, requiresPython);
  } else {
    problems.push(
      `The PEP 723 block in cell ${cell + 1} is not valid TOML (${tomlProblems.join('; ')}); it is replaced whole.`
    );
    toml = Private.renderToml(pinned.requirements, after);
  }
  const source = joinSource(cells[cell].source);
  const changed = toml !== block.content;
  return {
    action: changed ? 'replace' : 'unchanged',
    index: cell,
    source: changed
      ? source.slice(0, block.start) +
        Private.embed(toml) +
        source.slice(block.end)
      : source,
    cell: null,
    diff,
    requiresPython: { before, after },
    problems
  };
}

/**
 * `requires-python` for a Python version: `>=3.11` for `3.11.7`, or `null`
 * when the value is not a version.
 *
 * @param version - e.g. the kernel's `language_info.version`.
 */
export function requiresPythonFor(version: unknown): string | null {
  const match =
    typeof version === 'string' ? /^\s*(\d+)\.(\d+)/.exec(version) : null;
  return match ? `>=${Number(match[1])}.${Number(match[2])}` : null;
}

/**
 * The cells with every PEP 723 cell ({@link isPep723Cell}) that was not run
 * emptied, for the rules that must not see it: nbproject's consecutiveness
 * rule skips a code cell with an empty source, and an empty source imports
 * nothing.
 *
 * A PEP 723 cell that ran (it has an execution count) is judged like any
 * other cell: "Run All" runs it first, and skipping its count would make
 * every later cell "not start at 1". Only the never-run cell juv writes
 * is exempt. It imports nothing either way.
 *
 * Positions are kept (a cell is emptied, not removed), so indices in what
 * the rules report still point at the notebook's cells. Cells are copied
 * only when emptied; the list is returned as is when there is none.
 *
 * @param cells - the notebook's cells, in order.
 */
export function withoutPep723Cell(
  cells: readonly ICellLike[]
): readonly ICellLike[] {
  let out: ICellLike[] | null = null;
  cells.forEach((cell, index) => {
    if (!isExecuted(cell.execution_count) && isPep723Cell(cell)) {
      out = out ?? [...cells];
      out[index] = { ...cell, source: '' };
    }
  });
  return out ?? cells;
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * An opening `script` line, for telling the user about a block that is
   * never closed.
   */
  export const UNCLOSED = new RegExp(`^# /// ${PEP723_TYPE}\\r?$`, 'm');

  /**
   * uv's indentation of the items of `dependencies`.
   */
  const INDENT = '    ';

  /**
   * The block juv reads, and the problems with the notebook's blocks as a
   * whole (several blocks, blocks never closed).
   */
  export function locate(cells: readonly ICellLike[]): {
    found: { cell: number; block: IMetadataBlock } | null;
    problems: string[];
  } {
    const problems: string[] = [];
    const found: Array<{ cell: number; blocks: IMetadataBlock[] }> = [];
    cells.forEach((cell, index) => {
      if (cell.cell_type !== 'code') {
        return;
      }
      const source = joinSource(cell.source);
      if (!source.includes(`# /// ${PEP723_TYPE}`)) {
        return;
      }
      const blocks = findMetadataBlocks(source).filter(
        block => block.type === PEP723_TYPE
      );
      if (blocks.length > 0) {
        found.push({ cell: index, blocks });
      } else if (UNCLOSED.test(source)) {
        problems.push(
          `Cell ${index + 1} opens a "# /// ${PEP723_TYPE}" block that is never closed with "# ///"; it is ignored.`
        );
      }
    });
    if (found.length === 0) {
      return { found: null, problems };
    }
    const [first, ...others] = found;
    if (first.blocks.length > 1) {
      problems.push(
        `Cell ${first.cell + 1} has ${first.blocks.length} "# /// ${PEP723_TYPE}" blocks; PEP 723 allows one, and the first is used.`
      );
    }
    if (others.length > 0) {
      const several = others.length > 1;
      problems.push(
        `${several ? 'Cells' : 'Cell'} ${others.map(other => other.cell + 1).join(', ')} also ${
          several ? 'have' : 'has'
        } a "# /// ${PEP723_TYPE}" block; juv uses only the one in cell ${first.cell + 1}.`
      );
    }
    return { found: { cell: first.cell, block: first.blocks[0] }, problems };
  }

  /**
   * Read the TOML of a `script` block into its metadata, reporting each
   * problem with its line in the TOML (from 1) when known. The block is
   * editable when its TOML reads without problems, whatever its values.
   */
  export function readMetadata(
    toml: string,
    report: (line: number | null, message: string) => void
  ): { metadata: IPep723Metadata; editable: boolean } {
    const parsed = parseToml(toml);
    parsed.problems.forEach(({ line, message }: ITomlProblem) =>
      report(line, message)
    );
    const fail = (message: string) => report(null, message);
    const metadata: IPep723Metadata = {
      dependencies: [],
      requiresPython: null,
      excludeNewer: null
    };

    const dependencies = tomlGet(parsed.root, 'dependencies');
    if (Array.isArray(dependencies)) {
      let bad = 0;
      for (const item of dependencies) {
        const requirement =
          typeof item === 'string' ? parseRequirement(item) : null;
        if (requirement) {
          metadata.dependencies.push(requirement);
        } else if (++bad <= 3) {
          fail(`${describe(item)} in "dependencies" is not a requirement`);
        }
      }
      if (bad > 3) {
        fail(`${bad - 3} more items in "dependencies" are not requirements`);
      }
    } else if (dependencies !== undefined) {
      fail(
        `"dependencies" is ${describe(dependencies)}, not a list of requirements`
      );
    }

    const requiresPython = tomlGet(parsed.root, 'requires-python');
    if (
      typeof requiresPython === 'string' &&
      isVersionSpecifier(requiresPython)
    ) {
      metadata.requiresPython = requiresPython.trim();
    } else if (requiresPython !== undefined) {
      fail(
        `"requires-python" is ${describe(requiresPython)}, not a version specifier such as ">=3.11"`
      );
    }

    const excludeNewer = tomlGet(parsed.root, 'tool', 'uv', 'exclude-newer');
    if (typeof excludeNewer === 'string') {
      metadata.excludeNewer = excludeNewer;
    } else if (excludeNewer !== undefined) {
      fail(`"tool.uv.exclude-newer" is ${describe(excludeNewer)}, not a time`);
    }
    return { metadata, editable: parsed.problems.length === 0 };
  }

  /**
   * Describe a TOML value for a message.
   */
  function describe(value: unknown): string {
    if (typeof value === 'string') {
      return quote(value, 40);
    }
    if (Array.isArray(value)) {
      return 'a list';
    }
    return typeof value === 'object' && value !== null
      ? 'a table'
      : `the ${typeof value} ${String(value)}`;
  }

  /**
   * `dependencies = [...]` in uv's layout.
   */
  function renderDependencies(requirements: readonly IRequirement[]): string {
    if (requirements.length === 0) {
      return 'dependencies = []';
    }
    const items = requirements.map(
      requirement => `${INDENT}${tomlString(requirement.text)},\n`
    );
    return `dependencies = [\n${items.join('')}]`;
  }

  function renderRequiresPython(requiresPython: string): string {
    return `requires-python = ${tomlString(requiresPython)}`;
  }

  /**
   * A block's TOML in uv's layout: `requires-python`, then `dependencies`.
   */
  export function renderToml(
    requirements: readonly IRequirement[],
    requiresPython: string | null
  ): string {
    const lines = [
      ...(requiresPython === null
        ? []
        : [renderRequiresPython(requiresPython)]),
      renderDependencies(requirements)
    ];
    return `${lines.join('\n')}\n`;
  }

  /**
   * Rewrite `dependencies` and `requires-python` in a block's TOML, which
   * must read without problems; everything else stays as written.
   */
  export function editToml(
    toml: string,
    requirements: readonly IRequirement[],
    requiresPython: string | null
  ): string {
    const { rootEntries } = parseToml(toml);
    const find = (name: string) =>
      rootEntries.find(
        entry => entry.key.length === 1 && entry.key[0] === name
      ) ?? null;
    const dependencies = find('dependencies');
    const python = find('requires-python');
    const edits: Array<{ start: number; end: number; text: string }> = [];
    // New root keys go first, where nothing can be inside a table.
    let head = '';
    if (requiresPython !== null) {
      if (python) {
        edits.push({
          start: python.start,
          end: python.end,
          text: renderRequiresPython(requiresPython)
        });
      } else {
        head += `${renderRequiresPython(requiresPython)}\n`;
      }
    }
    if (dependencies) {
      edits.push({
        start: dependencies.start,
        end: dependencies.end,
        text: renderDependencies(requirements)
      });
    } else if (python) {
      const after = toml.indexOf('\n', python.end) + 1;
      edits.push({
        start: after,
        end: after,
        text: `${renderDependencies(requirements)}\n`
      });
    } else {
      head += `${renderDependencies(requirements)}\n`;
    }
    let out = toml;
    for (const edit of edits.sort((a, b) => b.start - a.start)) {
      out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
    }
    return head + out;
  }

  /**
   * A block around TOML: each line commented (`#` alone for an empty one).
   */
  export function embed(toml: string): string {
    const lines = toml.endsWith('\n')
      ? toml.slice(0, -1).split('\n')
      : toml.split('\n');
    const body = lines.map(line => (line === '' ? '#' : `# ${line}`));
    return [`# /// ${PEP723_TYPE}`, ...body, '# ///'].join('\n');
  }

  export function newCell(source: string): INewCodeCell {
    return {
      cell_type: 'code',
      execution_count: null,
      metadata: { jupyter: { source_hidden: true } },
      outputs: [],
      source
    };
  }
}
