// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type { ICheckDefinition } from './checks';
import type { FindingIssue, IFinding } from './findings';
import { fileLine, ICellPositions } from './positions';
import { findingText } from './words';

/**
 * How `check` reports: `human` (text per notebook), `json` (one object
 * per notebook and line), `github` (workflow commands GitHub Actions
 * turns into annotations on the pull request), `sarif` (one SARIF 2.1.0
 * log for GitHub code scanning and other viewers).
 */
export type OutputFormat = 'human' | 'json' | 'github' | 'sarif';

/**
 * The output formats, for the usage check.
 */
export const OUTPUT_FORMATS: readonly OutputFormat[] = [
  'human',
  'json',
  'github',
  'sarif'
];

/**
 * One notebook's findings, with where its cells are in the file.
 */
export interface INotebookFindings {
  /**
   * The path as the user gave it.
   */
  file: string;
  /**
   * The findings of the checks run.
   */
  findings: IFinding[];
  /**
   * Where each cell is in the file's text (none when no finding is in a
   * cell: the file is then not read for them).
   */
  positions: ICellPositions[];
}

/**
 * A finding's stable code: `consecutive.not-run`, `metadata.fieldMissing`,
 * `secrets.found`...
 */
export function findingCode(issue: FindingIssue): string {
  switch (issue.code) {
    case 'consecutive.cell':
      return `consecutive.${issue.params.issue.code}`;
    case 'hidden-state.cell':
      return `hidden-state.${issue.params.issue.code}`;
    case 'metadata.problem':
      return issue.params.issue.code;
    case 'declared.disagrees':
      return issue.params.code;
    default:
      return issue.code;
  }
}

/**
 * The `findings` entries of the JSON record: check, severity, cell index
 * (from 0) and id, line in the cell (from 1), line in the file, message,
 * code and parameters.
 *
 * @param notebook - the findings of one notebook.
 */
export function findingRecords(notebook: INotebookFindings): object[] {
  return notebook.findings.map(finding => ({
    check: finding.check,
    severity: finding.severity,
    cell: finding.cell,
    cellId: finding.cellId,
    line: finding.line,
    fileLine: fileLine(notebook.positions, finding.cell, finding.line),
    message: findingText(finding.issue),
    code: findingCode(finding.issue),
    params: 'params' in finding.issue ? finding.issue.params : {}
  }));
}

/**
 * The human report's lines for findings: `check: cell N, line L: message`
 * (cells counted from 1).
 *
 * @param findings - the findings to list.
 */
export function findingLines(findings: readonly IFinding[]): string[] {
  return findings.map(finding => {
    const where = [
      finding.cell === null ? '' : `cell ${finding.cell + 1}`,
      finding.line === null ? '' : `line ${finding.line}`
    ]
      .filter(Boolean)
      .join(', ');
    const note = finding.severity === 'note' ? ' (note)' : '';
    return `${finding.check}${note}: ${where ? `${where}: ` : ''}${findingText(finding.issue)}`;
  });
}

/**
 * GitHub Actions workflow commands, one per finding:
 * `::error file=a.ipynb,line=12,title=nbproject-lab secrets::message`.
 *
 * @param notebook - the findings of one notebook.
 */
export function githubCommands(notebook: INotebookFindings): string {
  return notebook.findings
    .map(finding => {
      const level = finding.severity === 'error' ? 'error' : 'notice';
      const line = fileLine(notebook.positions, finding.cell, finding.line);
      const cell = finding.cell === null ? '' : ` (cell ${finding.cell + 1})`;
      const properties = [
        `file=${Private.property(notebook.file)}`,
        `line=${line}`,
        `title=${Private.property(`nbproject-lab ${finding.check}${cell}`)}`
      ].join(',');
      return `::${level} ${properties}::${Private.data(findingText(finding.issue))}\n`;
    })
    .join('');
}

/**
 * A SARIF 2.1.0 log of every notebook's findings, written a notebook at
 * a time: one run of the tool, one rule per check run (id, short
 * description, help), one result per finding with its location in the
 * `.ipynb` (the file's line) and, as a logical location, the cell. The
 * text is the one `JSON.stringify(log, null, 2)` gives for the whole log
 * (followed by a line break), so that memory holds one notebook's results
 * instead of every notebook's.
 */
export class SarifWriter {
  /**
   * @param checks - the checks run.
   * @param version - the tool's version, asked for once something is
   *   written.
   */
  constructor(
    private _checks: readonly ICheckDefinition[],
    private _version: () => string
  ) {}

  /**
   * The log's text up to this notebook's results, and them.
   *
   * @param notebook - the findings of one notebook.
   */
  results(notebook: INotebookFindings): string {
    let text = this._head();
    for (const finding of notebook.findings) {
      const result = JSON.stringify(
        Private.sarifResult(notebook, finding, this._ruleIndex),
        null,
        2
      );
      // Each result sits 8 spaces in (root, runs, the run, results); a
      // string's line breaks are escaped, so every `\n` starts a line.
      text += `${this._results === 0 ? '\n' : ',\n'}${Private.RESULT_INDENT}${result.replace(/\n/g, `\n${Private.RESULT_INDENT}`)}`;
      this._results++;
    }
    return text;
  }

  /**
   * The rest of the log (all of it when no notebook was written).
   */
  end(): string {
    const head = this._head();
    const [, tail] = this._skeleton();
    // `[]` when the list is empty, as JSON.stringify writes it.
    return `${head}${this._results === 0 ? '' : `\n${Private.RESULT_INDENT.slice(2)}`}${tail}\n`;
  }

  /**
   * The log's opening, once: empty afterwards.
   */
  private _head(): string {
    if (this._started) {
      return '';
    }
    this._started = true;
    return this._skeleton()[0];
  }

  /**
   * The log without results, cut where they go: before and after them.
   */
  private _skeleton(): [string, string] {
    if (this._parts === null) {
      const text = JSON.stringify(
        Private.sarifSkeleton(this._checks, this._version()),
        null,
        2
      );
      const at = text.lastIndexOf(Private.NO_RESULTS);
      const open = at + Private.NO_RESULTS.length - 1;
      this._parts = [text.slice(0, open), text.slice(open)];
    }
    return this._parts;
  }

  private _ruleIndex = new Map(this._checks.map((check, i) => [check.name, i]));
  private _parts: [string, string] | null = null;
  private _started = false;
  private _results = 0;
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * Where a SARIF result starts on its lines.
   */
  export const RESULT_INDENT = ' '.repeat(8);

  /**
   * The empty list of results, as the skeleton's text spells it.
   */
  export const NO_RESULTS = '"results": []';

  /**
   * The SARIF log without its results.
   */
  export function sarifSkeleton(
    checks: readonly ICheckDefinition[],
    version: string
  ): object {
    return {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'nbproject-lab',
              version,
              rules: checks.map(check => ({
                id: check.name,
                name: check.name,
                shortDescription: { text: check.summary },
                fullDescription: { text: check.summary },
                help: { text: check.help },
                defaultConfiguration: { level: 'error' }
              }))
            }
          },
          results: []
        }
      ]
    };
  }

  /**
   * One finding's SARIF result.
   */
  export function sarifResult(
    notebook: INotebookFindings,
    finding: IFinding,
    ruleIndex: ReadonlyMap<string, number>
  ): object {
    const cell =
      finding.cell === null
        ? []
        : [
            {
              name: `cell ${finding.cell + 1}`,
              fullyQualifiedName: `${notebook.file}/cells[${finding.cell}]${finding.cellId === null ? '' : `#${finding.cellId}`}`,
              kind: 'element'
            }
          ];
    return {
      ruleId: finding.check,
      ruleIndex: ruleIndex.get(finding.check) ?? 0,
      level: finding.severity,
      message: { text: findingText(finding.issue) },
      locations: [
        {
          physicalLocation: {
            artifactLocation: {
              uri: uri(notebook.file)
            },
            region: {
              startLine: fileLine(
                notebook.positions,
                finding.cell,
                finding.line
              )
            }
          },
          logicalLocations: cell
        }
      ],
      partialFingerprints: {
        // Stable across runs while the finding stays in the same cell.
        nbprojectLab: `${finding.check}/${findingCode(finding.issue)}/${finding.cellId ?? finding.cell ?? '-'}/${finding.line ?? '-'}`
      },
      properties: {
        code: findingCode(finding.issue),
        cell: finding.cell,
        cellId: finding.cellId,
        cellLine: finding.line
      }
    };
  }

  /**
   * A workflow command's message, escaped as the runner expects.
   */
  export function data(text: string): string {
    return text
      .replace(/%/g, '%25')
      .replace(/\r/g, '%0D')
      .replace(/\n/g, '%0A');
  }

  /**
   * A workflow command's property value, escaped.
   */
  export function property(text: string): string {
    return data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
  }

  /**
   * A relative file path as a URI reference (`/` separators, each part
   * percent-encoded).
   */
  export function uri(file: string): string {
    return file
      .split(/[\\/]/)
      .map((part, i) =>
        i === 0 && /^[A-Za-z]:$/.test(part) ? part : encodeURIComponent(part)
      )
      .join('/');
  }
}
