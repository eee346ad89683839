"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.SarifWriter = exports.OUTPUT_FORMATS = void 0;
exports.findingCode = findingCode;
exports.findingRecords = findingRecords;
exports.findingLines = findingLines;
exports.githubCommands = githubCommands;
const positions_1 = require("./positions");
const words_1 = require("./words");
/**
 * The output formats, for the usage check.
 */
exports.OUTPUT_FORMATS = [
    'human',
    'json',
    'github',
    'sarif'
];
/**
 * A finding's stable code: `consecutive.not-run`, `metadata.fieldMissing`,
 * `secrets.found`...
 */
function findingCode(issue) {
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
function findingRecords(notebook) {
    return notebook.findings.map(finding => ({
        check: finding.check,
        severity: finding.severity,
        cell: finding.cell,
        cellId: finding.cellId,
        line: finding.line,
        fileLine: (0, positions_1.fileLine)(notebook.positions, finding.cell, finding.line),
        message: (0, words_1.findingText)(finding.issue),
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
function findingLines(findings) {
    return findings.map(finding => {
        const where = [
            finding.cell === null ? '' : `cell ${finding.cell + 1}`,
            finding.line === null ? '' : `line ${finding.line}`
        ]
            .filter(Boolean)
            .join(', ');
        const note = finding.severity === 'note' ? ' (note)' : '';
        return `${finding.check}${note}: ${where ? `${where}: ` : ''}${(0, words_1.findingText)(finding.issue)}`;
    });
}
/**
 * GitHub Actions workflow commands, one per finding:
 * `::error file=a.ipynb,line=12,title=nbproject-lab secrets::message`.
 *
 * @param notebook - the findings of one notebook.
 */
function githubCommands(notebook) {
    return notebook.findings
        .map(finding => {
        const level = finding.severity === 'error' ? 'error' : 'notice';
        const line = (0, positions_1.fileLine)(notebook.positions, finding.cell, finding.line);
        const cell = finding.cell === null ? '' : ` (cell ${finding.cell + 1})`;
        const properties = [
            `file=${Private.property(notebook.file)}`,
            `line=${line}`,
            `title=${Private.property(`nbproject-lab ${finding.check}${cell}`)}`
        ].join(',');
        return `::${level} ${properties}::${Private.data((0, words_1.findingText)(finding.issue))}\n`;
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
class SarifWriter {
    /**
     * @param checks - the checks run.
     * @param version - the tool's version, asked for once something is
     *   written.
     */
    constructor(_checks, _version) {
        this._checks = _checks;
        this._version = _version;
        this._ruleIndex = new Map(this._checks.map((check, i) => [check.name, i]));
        this._parts = null;
        this._started = false;
        this._results = 0;
    }
    /**
     * The log's text up to this notebook's results, and them.
     *
     * @param notebook - the findings of one notebook.
     */
    results(notebook) {
        let text = this._head();
        for (const finding of notebook.findings) {
            const result = JSON.stringify(Private.sarifResult(notebook, finding, this._ruleIndex), null, 2);
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
    end() {
        const head = this._head();
        const [, tail] = this._skeleton();
        // `[]` when the list is empty, as JSON.stringify writes it.
        return `${head}${this._results === 0 ? '' : `\n${Private.RESULT_INDENT.slice(2)}`}${tail}\n`;
    }
    /**
     * The log's opening, once: empty afterwards.
     */
    _head() {
        if (this._started) {
            return '';
        }
        this._started = true;
        return this._skeleton()[0];
    }
    /**
     * The log without results, cut where they go: before and after them.
     */
    _skeleton() {
        if (this._parts === null) {
            const text = JSON.stringify(Private.sarifSkeleton(this._checks, this._version()), null, 2);
            const at = text.lastIndexOf(Private.NO_RESULTS);
            const open = at + Private.NO_RESULTS.length - 1;
            this._parts = [text.slice(0, open), text.slice(open)];
        }
        return this._parts;
    }
}
exports.SarifWriter = SarifWriter;
/**
 * Module internals.
 */
var Private;
(function (Private) {
    /**
     * Where a SARIF result starts on its lines.
     */
    Private.RESULT_INDENT = ' '.repeat(8);
    /**
     * The empty list of results, as the skeleton's text spells it.
     */
    Private.NO_RESULTS = '"results": []';
    /**
     * The SARIF log without its results.
     */
    function sarifSkeleton(checks, version) {
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
    Private.sarifSkeleton = sarifSkeleton;
    /**
     * One finding's SARIF result.
     */
    function sarifResult(notebook, finding, ruleIndex) {
        const cell = finding.cell === null
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
            message: { text: (0, words_1.findingText)(finding.issue) },
            locations: [
                {
                    physicalLocation: {
                        artifactLocation: {
                            uri: uri(notebook.file)
                        },
                        region: {
                            startLine: (0, positions_1.fileLine)(notebook.positions, finding.cell, finding.line)
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
    Private.sarifResult = sarifResult;
    /**
     * A workflow command's message, escaped as the runner expects.
     */
    function data(text) {
        return text
            .replace(/%/g, '%25')
            .replace(/\r/g, '%0D')
            .replace(/\n/g, '%0A');
    }
    Private.data = data;
    /**
     * A workflow command's property value, escaped.
     */
    function property(text) {
        return data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
    }
    Private.property = property;
    /**
     * A relative file path as a URI reference (`/` separators, each part
     * percent-encoded).
     */
    function uri(file) {
        return file
            .split(/[\\/]/)
            .map((part, i) => i === 0 && /^[A-Za-z]:$/.test(part) ? part : encodeURIComponent(part))
            .join('/');
    }
    Private.uri = uri;
})(Private || (Private = {}));
