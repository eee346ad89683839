// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type { IFinding } from './findings';
import type {
  HiddenStateIssue,
  ICellReading
} from '../core/execution/hiddenState';
import type { DeclaredSource } from '../core/packages/declaredDependencies';
import { normalizeDistribution } from '../core/packages/distributions';
import { normalizeDataPath } from '../core/data/paths';
import { findMetadataBlocks } from '../core/packages/metadataBlocks';
import { indexOrEnd } from '../core/common/text';

/**
 * Where each cell, and each line of its source, sits in an `.ipynb` file's
 * text: the lines annotations and SARIF results point at, so that a
 * finding shows on the right line of a pull request's diff.
 */
export interface ICellPositions {
  /**
   * The file's line, from 1, where the cell's object opens.
   */
  line: number;
  /**
   * The file's line of each source line of the cell, from 1 (nbformat
   * writes one JSON string per source line); a source stored as one
   * string puts every line at the string's line.
   */
  source: number[];
  /**
   * The file's line of the cell's `"execution_count"` key, when it has one.
   */
  count?: number;
  /**
   * When the cell's outputs were asked for: per output, the file's line
   * of each line of the text a check reads in it (a stream's `text`, the
   * `text/plain` of a result, an error's traceback), as for `source`.
   */
  outputs?: number[][];
}

/**
 * Where a notebook's cells and metadata sit in its file's text.
 */
export interface INotebookPositions {
  /**
   * One entry per cell of the top-level `cells` list, in order.
   */
  cells: ICellPositions[];
  /**
   * The file's line of the notebook metadata's `"nbproject"` key, else of
   * the `"metadata"` key, else `null`.
   */
  metadata: number | null;
  /**
   * The file's line of each notebook metadata key that declares
   * dependencies (`"uv.lock"`, `"requirements"`, `"requirements_lock"`),
   * by the source it is.
   */
  declared: Partial<Record<MetadataSource, number>>;
  /**
   * The file's line of each key of the nbproject metadata's `pypackage`,
   * by its PEP 503 name.
   */
  packages: ReadonlyMap<string, number>;
  /**
   * The file's line of the data manifest's `"files"` key (in the notebook
   * metadata's `jupyterlab_nbproject.data`), else of the
   * `"jupyterlab_nbproject"` key, else `null`.
   */
  manifest: number | null;
  /**
   * The file's line of the `"path"` of each entry of the data manifest,
   * by the path as normalised (`normalizeDataPath`; the first entry of a
   * path, as the manifest is read).
   */
  dataFiles: ReadonlyMap<string, number>;
}

/**
 * The declared dependencies read from a notebook metadata key.
 */
export type MetadataSource = Exclude<DeclaredSource, 'pep723'>;

/**
 * The positions of a notebook whose findings point at no line but the
 * first.
 */
export const NO_POSITIONS: INotebookPositions = {
  cells: [],
  metadata: null,
  declared: {},
  packages: new Map(),
  manifest: null,
  dataFiles: new Map()
};

/**
 * Find the cells of an `.ipynb` file in its text, in one pass over the
 * characters (linear in the file; nothing is parsed twice). Never throws:
 * a text that is not the JSON the file was read as simply yields fewer
 * positions, and a finding without one points at line 1.
 *
 * @param text - the file's text, as read.
 * @returns one entry per cell of the top-level `cells` list, in order.
 */
export function cellPositions(text: string): ICellPositions[] {
  return notebookPositions(text).cells;
}

/**
 * Find the cells and the metadata of an `.ipynb` file in its text, in one
 * pass over the characters (linear in the file; nothing is parsed twice).
 * Never throws: a text that is not the JSON the file was read as simply
 * yields fewer positions, and a finding without one points at line 1.
 *
 * @param text - the file's text, as read.
 * @param outputsOf - the cells whose outputs' lines are wanted (their
 *   strings are then read for line breaks; other outputs are skipped as
 *   any string is).
 */
export function notebookPositions(
  text: string,
  outputsOf: ReadonlySet<number> = Private.NONE
): INotebookPositions {
  // Numbers only while reading: the line of each cell, the lines of all
  // sources in one list, and where each cell's lines begin in it (and the
  // same for the outputs asked for). The cells' objects are made here,
  // after the read: its loop stores small integers in lists of small
  // integers only, whose kind never changes under V8's optimized code,
  // and nothing follows the loop there that optimized code entered in
  // the loop would meet first.
  const lists: Private.ILists = {
    cellLines: [],
    countLines: [],
    sourceLines: [],
    sourceStarts: [],
    outputCells: [],
    outputStarts: [],
    outputLines: [],
    metadata: [0, 0, 0, 0, 0, 0, 0],
    packageKeys: [],
    dataPaths: []
  };
  Private.read(text, lists, outputsOf);
  const { cellLines, countLines, sourceLines, sourceStarts } = lists;
  const { outputCells, outputStarts, outputLines, metadata } = lists;
  const cells: ICellPositions[] = cellLines.map((line, n) => {
    const cell: ICellPositions = {
      line,
      source: sourceLines.slice(
        sourceStarts[n],
        n + 1 < sourceStarts.length ? sourceStarts[n + 1] : sourceLines.length
      )
    };
    if (countLines[n] > 0) {
      cell.count = countLines[n];
    }
    if (outputsOf.has(n)) {
      cell.outputs = [];
    }
    return cell;
  });
  outputCells.forEach((n, k) => {
    cells[n].outputs?.push(
      outputLines.slice(
        outputStarts[k],
        k + 1 < outputStarts.length ? outputStarts[k + 1] : outputLines.length
      )
    );
  });
  const declared: Partial<Record<MetadataSource, number>> = {};
  Private.METADATA_SOURCES.forEach((source, n) => {
    if (metadata[n + 2] > 0) {
      declared[source] = metadata[n + 2];
    }
  });
  // A key written twice is read as its last (JSON.parse); a path listed
  // twice in the manifest, as its first.
  const { packageKeys, dataPaths } = lists;
  const packages = new Map<string, number>();
  for (let k = 0; k < packageKeys.length; k += 3) {
    const name = Private.decoded(text, packageKeys[k], packageKeys[k + 1]);
    packages.set(normalizeDistribution(name), packageKeys[k + 2]);
  }
  const dataFiles = new Map<string, number>();
  for (let k = 0; k < dataPaths.length; k += 3) {
    const path = normalizeDataPath(
      Private.decoded(text, dataPaths[k], dataPaths[k + 1])
    );
    if (!dataFiles.has(path)) {
      dataFiles.set(path, dataPaths[k + 2]);
    }
  }
  return {
    cells,
    metadata: metadata[1] || metadata[0] || null,
    declared,
    packages,
    manifest: metadata[6] || metadata[5] || null,
    dataFiles
  };
}

/**
 * The positions the findings of a notebook point at: those of the cells
 * (with the outputs a finding is in) and the metadata, or
 * {@link NO_POSITIONS} when every finding is on line 1.
 *
 * @param text - the notebook's file text.
 * @param findings - its findings, per check; `null` for a check that has
 *   not run yet (it may find something anywhere).
 */
export function findingPositions(
  text: string,
  findings: readonly (readonly IFinding[] | null)[]
): INotebookPositions {
  let needed = false;
  const outputsOf = new Set<number>();
  for (const found of findings) {
    needed ||= found === null;
    for (const finding of found ?? []) {
      needed ||=
        finding.cell !== null || Private.notebookLine(null, finding) !== null;
      const output = Private.outputOf(finding);
      if (output !== null && finding.cell !== null) {
        outputsOf.add(finding.cell);
      }
    }
  }
  return needed ? notebookPositions(text, outputsOf) : NO_POSITIONS;
}

/**
 * The file line of a finding: its source line when known; a cell's
 * finding about how it ran, the cell's `"execution_count"` line; a
 * finding in an output, the output's line that holds it (else its first
 * text line); another cell's finding, the cell's line; a finding of the
 * metadata, the `"nbproject"` (else `"metadata"`) key's line; a finding
 * of dependencies declared in the metadata, its key's line; a stored
 * version that is not the one installed, the package's key in
 * `pypackage`; a recorded data file, its entry's `"path"` in the data
 * manifest; a data file read but not recorded, the manifest's `"files"`
 * key (else the metadata's line); else 1.
 *
 * @param positions - from {@link notebookPositions}.
 * @param finding - the finding.
 */
export function findingLine(
  positions: INotebookPositions,
  finding: IFinding
): number {
  if (finding.cell === null) {
    return Private.notebookLine(positions, finding) ?? 1;
  }
  const found = positions.cells[finding.cell];
  if (found === undefined) {
    return 1;
  }
  if (finding.line !== null) {
    return found.source[finding.line - 1] ?? found.line;
  }
  if (finding.issue.code === 'consecutive.cell') {
    return found.count ?? found.line;
  }
  const output = Private.outputOf(finding);
  if (output !== null) {
    const lines = found.outputs?.[output.output];
    return (
      (output.line === null ? undefined : lines?.[output.line - 1]) ??
      lines?.[0] ??
      found.line
    );
  }
  return found.line;
}

/**
 * The line, from 1, of a cell's source where it first reads each name its
 * hidden-state issues name, as the analysis found it: one pass over the
 * line ends of its code (which has the source's lines) up to the last of
 * those reads.
 *
 * @param reading - what the analysis read in the cell (`undefined`: no
 *   line).
 * @param issues - its hidden-state issues.
 */
export function nameLines(
  reading: ICellReading | undefined,
  issues: readonly HiddenStateIssue[]
): Map<string, number> {
  const lines = new Map<string, number>();
  if (reading === undefined) {
    return lines;
  }
  const wanted = new Set<string>();
  for (const issue of issues) {
    if ('name' in issue.params) {
      wanted.add(issue.params.name);
    }
  }
  const reads = reading.names.reads.filter(read => wanted.has(read.name));
  reads.sort((a, b) => a.at - b.at);
  const { code } = reading;
  let line = 1;
  let next = code.indexOf('\n');
  for (const { name, at } of reads) {
    while (next >= 0 && next < at) {
      line++;
      next = code.indexOf('\n', next + 1);
    }
    lines.set(name, line);
  }
  return lines;
}

/**
 * The line, from 1, of a cell's source where the `dependencies` list of
 * its PEP 723 block (the first `script` block, found as core finds it)
 * names each of `keys` (PEP 503 names): the line of the requirement's
 * string. One pass over the block's lines up to the list's end, stopping
 * once every name has its line.
 *
 * @param source - the cell's source, joined.
 * @param keys - the normalised names wanted.
 * @returns the line of each name found, by normalised name.
 */
export function dependencyLines(
  source: string,
  keys: ReadonlySet<string>
): Map<string, number> {
  const lines = new Map<string, number>();
  // The block core reads (PEP 723's own pattern), its content a line of
  // the source each: from the line after its opening.
  const block = findMetadataBlocks(source).find(one => one.type === 'script');
  if (block === undefined) {
    return lines;
  }
  const content = block.content.split('\n');
  // Looking for the list's key (top level: before any table), then in
  // the list.
  let inList = false;
  for (let i = 0; i < content.length && lines.size < keys.size; i++) {
    const text = content[i];
    let from = 0;
    if (!inList) {
      const key = Private.DEPENDENCIES.exec(text);
      if (key === null) {
        if (Private.TABLE.test(text)) {
          break;
        }
        continue;
      }
      inList = true;
      from = key[0].length;
    }
    if (Private.readRequirements(text, from, keys, block.line + 2 + i, lines)) {
      break;
    }
  }
  return lines;
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * The metadata keys that declare dependencies, in the order of their
   * lines in {@link ILists.metadata} (after `metadata` and `nbproject`).
   */
  export const METADATA_SOURCES: readonly MetadataSource[] = [
    'uv.lock',
    'requirements',
    'requirements_lock'
  ];

  /**
   * The opening of a PEP 723 block's top-level `dependencies` list, in a
   * line of its content.
   */
  export const DEPENDENCIES =
    /^\s*(?:dependencies|"dependencies"|'dependencies')\s*=\s*\[/;

  /**
   * A TOML table's header (`[tool.uv]`, `[[x]]`).
   */
  export const TABLE = /^\s*\[/;

  /**
   * The distribution name a requirement string starts with.
   */
  const REQUIREMENT_NAME = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/;

  /**
   * Read the strings of a TOML list in one line of content, from `from`:
   * note the line of each whose requirement names one of `keys` first.
   *
   * @returns whether the list ends on the line.
   */
  export function readRequirements(
    content: string,
    from: number,
    keys: ReadonlySet<string>,
    line: number,
    lines: Map<string, number>
  ): boolean {
    for (let i = from; i < content.length; i++) {
      const char = content.charCodeAt(i);
      if (char === CLOSE_BRACKET) {
        return true;
      }
      if (char === HASH) {
        return false;
      }
      if (char === QUOTE || char === APOSTROPHE) {
        let end = i + 1;
        while (end < content.length && content.charCodeAt(end) !== char) {
          end +=
            char === QUOTE && content.charCodeAt(end) === BACKSLASH ? 2 : 1;
        }
        const name = REQUIREMENT_NAME.exec(content.slice(i + 1, end));
        const key = name === null ? null : normalizeDistribution(name[1]);
        if (key !== null && keys.has(key) && !lines.has(key)) {
          lines.set(key, line);
        }
        i = end;
      }
    }
    return false;
  }

  /**
   * No cell.
   */
  export const NONE: ReadonlySet<number> = new Set();

  /**
   * The lists {@link read} fills, small integers only.
   */
  export interface ILists {
    /**
     * Each cell's line.
     */
    cellLines: number[];
    /**
     * Each cell's `"execution_count"` line, 0 without one.
     */
    countLines: number[];
    /**
     * The file line of every source line, cell after cell, and where each
     * cell's begin.
     */
    sourceLines: number[];
    sourceStarts: number[];
    /**
     * For each output of the cells asked for: its cell, and where its
     * lines begin in `outputLines`.
     */
    outputCells: number[];
    outputStarts: number[];
    outputLines: number[];
    /**
     * The lines of the notebook's `"metadata"` key, of its metadata's
     * `"nbproject"` key and {@link METADATA_SOURCES} keys, of its
     * `"jupyterlab_nbproject"` key, and of that key's `data.files` key, 0
     * when not found.
     */
    metadata: number[];
    /**
     * For each key of the nbproject metadata's `pypackage`: where its
     * text starts and ends (without its quotes), and its line.
     */
    packageKeys: number[];
    /**
     * The same for the `"path"` value of each entry of the data manifest.
     */
    dataPaths: number[];
  }

  /**
   * The file line of a finding about the notebook as a whole that points
   * into its metadata (see {@link findingLine}), or `null`; with no
   * positions, whether it points there: `0` when it does.
   */
  export function notebookLine(
    positions: INotebookPositions | null,
    finding: IFinding
  ): number | null {
    const { issue } = finding;
    const at = (line: number | null | undefined): number | null =>
      positions === null ? 0 : (line ?? null);
    const metadata = positions?.metadata;
    switch (issue.code) {
      case 'metadata.missing':
      case 'metadata.problem':
        return at(metadata);
      case 'declared.disagrees':
        return issue.params.source === 'pep723'
          ? null
          : at(positions?.declared[issue.params.source]);
      case 'match.mismatch':
      case 'match.missing':
        return at(
          positions?.packages.get(normalizeDistribution(issue.params.name)) ??
            metadata
        );
      case 'data.changed':
      case 'data.missing':
        return at(
          positions?.dataFiles.get(issue.params.path) ??
            positions?.manifest ??
            metadata
        );
      case 'data.new':
        return at(positions?.manifest ?? metadata);
      default:
        return null;
    }
  }

  /**
   * The text of the JSON string between `start` and `end` (its quotes
   * excluded): its escapes read when it has any and they are JSON's, else
   * as written.
   */
  export function decoded(text: string, start: number, end: number): string {
    const raw = text.slice(start, end);
    if (!raw.includes('\\')) {
      return raw;
    }
    try {
      const value: unknown = JSON.parse(`"${raw}"`);
      return typeof value === 'string' ? value : raw;
    } catch {
      return raw;
    }
  }

  /**
   * The output a finding is in (its position in the cell's outputs, and
   * the line in the output's text, from 1): a credential found in an
   * output, or the first line of one too long to scan; else `null`.
   */
  export function outputOf(
    finding: IFinding
  ): { output: number; line: number | null } | null {
    const { issue } = finding;
    if (issue.code === 'secrets.found' && issue.params.output !== null) {
      return { output: issue.params.output, line: issue.params.outputLine };
    }
    if (issue.code === 'secrets.unscanned') {
      const { output, outputLine } = issue.params;
      return output === undefined || output === null
        ? null
        : { output, line: outputLine ?? null };
    }
    return null;
  }

  /**
   * Read the text for {@link notebookPositions} into `lists`.
   */
  export function read(
    text: string,
    lists: ILists,
    outputsOf: ReadonlySet<number>
  ): void {
    const {
      cellLines,
      countLines,
      sourceLines,
      sourceStarts,
      outputCells,
      outputStarts,
      outputLines,
      metadata,
      packageKeys,
      dataPaths
    } = lists;
    const anyOutputs = outputsOf.size > 0;
    // How deep the open objects and lists are, and the keys those that
    // matter sit under: the root's (`cells`, `metadata`), a cell's
    // (`source`, `outputs`), an output's (`text`, `data`, `traceback`) and
    // its data's (`text/plain`); in the notebook metadata, the key of the
    // object at depth 2 (`nbproject`, `jupyterlab_nbproject`), the one
    // at depth 3 (`cellKey`: `pypackage`, `data`) and the one at depth 4
    // (`files`). Other keys are `OTHER`, never copied out of the text.
    let depth = 0;
    let listKey = Private.Key.None;
    let metadataKey = Private.Key.None;
    let filesKey = Private.Key.None;
    let cellKey = Private.Key.None;
    let outputKey = Private.Key.None;
    let dataKey = Private.Key.None;
    let line = 1;
    let key = Private.Key.None;
    let pendingKey = Private.Key.None;
    // Whether the current cell's outputs are read, and whether the next
    // string of an output's text list starts a line.
    let outputs = false;
    let lineStart = true;
    const length = text.length;
    // The next backslash and line break found by a search, kept while
    // ahead of the string read: a search is not repeated for each string
    // it passed over.
    let backslash = -1;
    let newline = -1;
    // Character codes, not one-character strings: most of a notebook is
    // outputs, read once here.
    for (let i = 0; i < length; i++) {
      const char = text.charCodeAt(i);
      if (char === Private.SPACE) {
        continue;
      }
      if (char === Private.NEWLINE) {
        line++;
      } else if (char === Private.QUOTE) {
        // A string: a key when followed by `:`, else a value.
        const start = line;
        // Its end: the next quote no backslash escapes (most of a notebook
        // is the text of outputs, searched, not read a character at a time).
        let end = indexOrEnd(text, '"', i + 1);
        while (end < length && Private.escaped(text, end)) {
          end = indexOrEnd(text, '"', end + 1);
        }
        // A raw line break in it, which JSON does not allow, is a line too.
        if (newline <= i) {
          newline = indexOrEnd(text, '\n', i + 1);
        }
        while (newline < end) {
          line += Private.escaped(text, newline) ? 0 : 1;
          newline = indexOrEnd(text, '\n', newline + 1);
        }
        let next = end + 1;
        while (next < length && Private.isSpace(text.charCodeAt(next))) {
          next++;
        }
        if (text.charCodeAt(next) === Private.COLON) {
          pendingKey = Private.keyAt(text, i + 1, end);
          if (depth === 3 && listKey === Private.Key.Cells) {
            if (
              pendingKey === Private.Key.ExecutionCount &&
              countLines.length > 0
            ) {
              countLines[countLines.length - 1] = start;
            }
          } else if (depth === 1 && pendingKey === Private.Key.Metadata) {
            metadata[0] = start;
          } else if (depth === 2 && listKey === Private.Key.Metadata) {
            const slot = Private.metadataSlot(pendingKey);
            if (slot > 0) {
              metadata[slot] = start;
            }
          } else if (depth === 4 && listKey === Private.Key.Metadata) {
            if (
              metadataKey === Private.Key.Nbproject &&
              cellKey === Private.Key.Pypackage
            ) {
              packageKeys.push(i + 1, end, start);
            } else if (
              metadataKey === Private.Key.JupyterlabNbproject &&
              cellKey === Private.Key.Data &&
              pendingKey === Private.Key.Files
            ) {
              metadata[6] = start;
            }
          }
        } else {
          pendingKey = Private.Key.None;
          if (
            depth === 6 &&
            key === Private.Key.Path &&
            listKey === Private.Key.Metadata &&
            metadataKey === Private.Key.JupyterlabNbproject &&
            cellKey === Private.Key.Data &&
            filesKey === Private.Key.Files
          ) {
            dataPaths.push(i + 1, end, start);
          }
          const inList =
            depth === 4 &&
            listKey === Private.Key.Cells &&
            cellKey === Private.Key.Source;
          if (inList || (depth === 3 && key === Private.Key.Source)) {
            // One string per line in a list; one string for all otherwise,
            // its lines counted by its escaped line breaks.
            let count = 1;
            for (let at = i + 1; !inList && at < end; at = backslash + 2) {
              if (backslash < at) {
                backslash = indexOrEnd(text, '\\', at);
              }
              if (backslash >= end) {
                break;
              }
              count +=
                text.charCodeAt(backslash + 1) === Private.LETTER_N ? 1 : 0;
            }
            for (let n = 0; cellLines.length > 0 && n < count; n++) {
              sourceLines.push(start);
            }
          } else if (
            outputs &&
            depth > 4 &&
            listKey === Private.Key.Cells &&
            cellKey === Private.Key.Outputs
          ) {
            // An output's text: a list of strings joined as they are (a
            // line starts after each escaped line break), a traceback's
            // joined by line breaks, or one string (all its lines on one
            // line of the file).
            const joined =
              (depth === 6 && outputKey === Private.Key.Text) ||
              (depth === 7 &&
                outputKey === Private.Key.Data &&
                dataKey === Private.Key.TextPlain);
            const traceback =
              depth === 6 && outputKey === Private.Key.Traceback;
            if (joined || traceback) {
              if (lineStart || traceback) {
                outputLines.push(start);
              }
              backslash = Private.pushLineBreaks(
                text,
                i + 1,
                end,
                backslash,
                outputLines,
                start,
                joined
              );
              lineStart = Private.endsLine(text, i + 1, end);
            } else if (
              (depth === 5 && key === Private.Key.Text) ||
              (depth === 6 &&
                outputKey === Private.Key.Data &&
                key === Private.Key.TextPlain)
            ) {
              outputLines.push(start);
            }
          }
        }
        i = end;
      } else if (char === Private.OPEN_BRACE || char === Private.OPEN_BRACKET) {
        if (char === Private.OPEN_BRACE && listKey === Private.Key.Cells) {
          if (depth === 2) {
            outputs = anyOutputs && outputsOf.has(cellLines.length);
            cellLines.push(line);
            countLines.push(0);
            sourceStarts.push(sourceLines.length);
          } else if (
            depth === 4 &&
            outputs &&
            cellKey === Private.Key.Outputs
          ) {
            outputCells.push(cellLines.length - 1);
            outputStarts.push(outputLines.length);
          }
        }
        if (depth === 1) {
          listKey = key;
        } else if (depth === 2) {
          metadataKey = key;
        } else if (depth === 3) {
          cellKey = key;
        } else if (depth === 4) {
          filesKey = key;
        } else if (depth === 5) {
          outputKey = key;
          lineStart = true;
        } else if (depth === 6) {
          dataKey = key;
          lineStart = true;
        }
        depth++;
        key = Private.Key.None;
        pendingKey = Private.Key.None;
      } else if (
        char === Private.CLOSE_BRACE ||
        char === Private.CLOSE_BRACKET
      ) {
        depth = depth > 0 ? depth - 1 : 0;
        key = Private.Key.None;
      } else if (char === Private.COLON) {
        key = pendingKey;
        pendingKey = Private.Key.None;
      } else if (char === Private.COMMA) {
        key = Private.Key.None;
      }
    }
  }

  /**
   * Push `line` to `lines` once per line that an escaped line break
   * (`\n`) of the string between `from` and `end` starts in its list's
   * text: every one when the list's strings are joined by line breaks
   * (a traceback), all but one that ends the string when they are joined
   * as they are (`joined`: the next string starts that line).
   *
   * @param backslash - the search kept by {@link read}: the next
   *   backslash at or after `from` when at least `from`.
   * @returns the search to keep.
   */
  export function pushLineBreaks(
    text: string,
    from: number,
    end: number,
    backslash: number,
    lines: number[],
    line: number,
    joined: boolean
  ): number {
    for (let at = from; at < end; at = backslash + 2) {
      if (backslash < at) {
        backslash = indexOrEnd(text, '\\', at);
      }
      if (backslash >= end) {
        break;
      }
      if (
        text.charCodeAt(backslash + 1) === LETTER_N &&
        !(joined && backslash + 2 === end)
      ) {
        lines.push(line);
      }
    }
    return backslash;
  }

  /**
   * Whether the string between `from` and `end` ends with an escaped line
   * break.
   */
  export function endsLine(text: string, from: number, end: number): boolean {
    return (
      end - from >= 2 &&
      text.charCodeAt(end - 1) === LETTER_N &&
      escaped(text, end - 1)
    );
  }

  /**
   * The keys an object or list sits under, as far as positions go.
   */
  export const enum Key {
    None,
    Cells,
    Source,
    ExecutionCount,
    Outputs,
    Metadata,
    Nbproject,
    Text,
    Data,
    TextPlain,
    Traceback,
    UvLock,
    Requirements,
    RequirementsLock,
    Pypackage,
    JupyterlabNbproject,
    Files,
    Path,
    Other
  }

  /**
   * Where {@link ILists.metadata} keeps the line of a key of the notebook
   * metadata, or 0 for a key it does not keep.
   */
  export function metadataSlot(key: Key): number {
    switch (key) {
      case Key.Nbproject:
        return 1;
      case Key.UvLock:
        return 2;
      case Key.Requirements:
        return 3;
      case Key.RequirementsLock:
        return 4;
      case Key.JupyterlabNbproject:
        return 5;
      default:
        return 0;
    }
  }

  /**
   * The key of the two, of one length, spelled at `start`, else `Other`.
   */
  function either(
    text: string,
    start: number,
    a: string,
    keyA: Key,
    b: string,
    keyB: Key
  ): Key {
    return spells(text, start, a)
      ? keyA
      : spells(text, start, b)
        ? keyB
        : Key.Other;
  }

  /**
   * The key spelled between `start` and `end` (a key with escapes is
   * spelled otherwise, so it is none of those positions read).
   */
  export function keyAt(text: string, start: number, end: number): Key {
    switch (end - start) {
      case 4:
        return spells(text, start, 'path')
          ? Key.Path
          : either(text, start, 'text', Key.Text, 'data', Key.Data);
      case 5:
        return either(text, start, 'cells', Key.Cells, 'files', Key.Files);
      case 6:
        return spells(text, start, 'source') ? Key.Source : Key.Other;
      case 7:
        return either(
          text,
          start,
          'outputs',
          Key.Outputs,
          'uv.lock',
          Key.UvLock
        );
      case 8:
        return spells(text, start, 'metadata') ? Key.Metadata : Key.Other;
      case 9:
        return spells(text, start, 'pypackage')
          ? Key.Pypackage
          : either(
              text,
              start,
              'nbproject',
              Key.Nbproject,
              'traceback',
              Key.Traceback
            );
      case 10:
        return spells(text, start, 'text/plain') ? Key.TextPlain : Key.Other;
      case 12:
        return spells(text, start, 'requirements')
          ? Key.Requirements
          : Key.Other;
      case 15:
        return spells(text, start, 'execution_count')
          ? Key.ExecutionCount
          : Key.Other;
      case 17:
        return spells(text, start, 'requirements_lock')
          ? Key.RequirementsLock
          : Key.Other;
      case 20:
        return spells(text, start, 'jupyterlab_nbproject')
          ? Key.JupyterlabNbproject
          : Key.Other;
      default:
        return Key.Other;
    }
  }

  /**
   * Whether `word` is spelled in `text` from `start` (`start + word.length`
   * is at most the text's length). Compared by char codes, which V8's
   * optimized code reads from a string of any representation, where a
   * `startsWith` there is specialized to the string kinds seen so far.
   */
  function spells(text: string, start: number, word: string): boolean {
    for (let k = 0; k < word.length; k++) {
      if (text.charCodeAt(start + k) !== word.charCodeAt(k)) {
        return false;
      }
    }
    return true;
  }

  export const HASH = 0x23;
  export const APOSTROPHE = 0x27;

  export const SPACE = 0x20;
  export const NEWLINE = 0x0a;
  export const QUOTE = 0x22;
  export const BACKSLASH = 0x5c;
  export const LETTER_N = 0x6e;
  export const COLON = 0x3a;
  export const COMMA = 0x2c;
  export const OPEN_BRACE = 0x7b;
  export const CLOSE_BRACE = 0x7d;
  export const OPEN_BRACKET = 0x5b;
  export const CLOSE_BRACKET = 0x5d;

  /**
   * Whether the character at `at` of a string is escaped: it follows an
   * odd run of backslashes (the run ends at the string's opening quote
   * at the latest).
   */
  export function escaped(text: string, at: number): boolean {
    let before = at - 1;
    while (text.charCodeAt(before) === BACKSLASH) {
      before--;
    }
    return (at - before) % 2 === 0;
  }

  /**
   * Whether a character is white space as `\s` reads it (JSON's four,
   * and what a hand-edited file may hold).
   */
  export function isSpace(code: number): boolean {
    return (
      code === 0x20 ||
      (code >= 0x09 && code <= 0x0d) ||
      (code > 0x7f && /\s/.test(String.fromCharCode(code)))
    );
  }
}
