"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.SarifWriter = exports.GITHUB_ANNOTATIONS_PER_KIND = exports.SARIF_MAX_RESULTS = exports.SUMMARY_MAX_CHARS = exports.SUMMARY_MAX_ROWS = exports.OUTPUT_FORMATS = void 0;
exports.reportBase = reportBase;
exports.reportPath = reportPath;
exports.findingCode = findingCode;
exports.findingRecords = findingRecords;
exports.findingLines = findingLines;
exports.githubCommands = githubCommands;
exports.githubOverflow = githubOverflow;
exports.githubSummary = githubSummary;
exports.unreadableText = unreadableText;
exports.githubUnreadable = githubUnreadable;
exports.githubRunError = githubRunError;
exports.badConfigText = badConfigText;
exports.findingFingerprint = findingFingerprint;
exports.omittedText = omittedText;
const crypto_1 = require("crypto");
const path_1 = require("path");
const positions_1 = require("./positions");
const words_1 = require("./words");
const absolutePaths_1 = require("../core/hygiene/absolutePaths");
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
 * The folders the github and SARIF reports name files relative to: the
 * working directory, and in a GitHub Actions workflow the repository's
 * root, `GITHUB_WORKSPACE` (a step's `working-directory` is below it).
 *
 * @param cwd - the working directory, or `null`.
 * @param root - the repository's root; `GITHUB_WORKSPACE` when not given.
 */
function reportBase(cwd, root = process.env.GITHUB_WORKSPACE) {
    return { cwd, root: root || null };
}
/**
 * How the reports name a file given as `file`: `../analysis/./04.ipynb`
 * is `../analysis/04.ipynb`; a file in the repository's root is relative
 * to it (`nb/04.ipynb` for `04.ipynb` run in `nb`); another absolute path
 * inside the working directory is relative to it, and one outside stays
 * absolute (a `file://` URI in SARIF). On Windows `\` is read as `/`;
 * elsewhere it is part of a name (`%5C` in a URI).
 *
 * @param file - the path as the user gave it.
 * @param base - the working directory, or `null` when unknown, or the
 *   folders of {@link IReportBase}.
 */
function reportPath(file, base) {
    const { cwd, root, windows } = Private.base(base);
    const slashed = windows ? file.replace(/\\/g, '/') : file;
    const absolute = windows
        ? /^([A-Za-z]:)?\//.test(slashed)
        : slashed.startsWith('/');
    if (root) {
        const full = absolute
            ? slashed
            : cwd === null
                ? null
                : `${windows ? cwd.replace(/\\/g, '/') : cwd}/${slashed}`;
        const inRoot = full === null ? null : Private.within(root, full, windows);
        if (inRoot !== null) {
            return { path: inRoot, uri: Private.uriPath(inRoot, false) };
        }
    }
    if (!absolute) {
        const relative = path_1.posix.normalize(slashed);
        return { path: relative, uri: Private.uriPath(relative, false) };
    }
    const inside = cwd === null ? null : Private.within(cwd, slashed, windows);
    if (inside !== null) {
        return { path: inside, uri: Private.uriPath(inside, false) };
    }
    // A UNC path (`//server/share/...`) keeps its two slashes: its server
    // is the URI's authority.
    const unc = windows && /^\/\/[^/]/.test(slashed);
    const normal = unc
        ? `/${path_1.posix.normalize(slashed.slice(1))}`
        : path_1.posix.normalize(slashed);
    return {
        path: normal,
        uri: `file://${unc ? '' : normal.startsWith('/') ? '' : '/'}${Private.uriPath(normal, windows)}`
    };
}
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
        fileLine: (0, positions_1.findingLine)(notebook.positions, finding),
        message: (0, words_1.findingText)(finding.issue),
        code: findingCode(finding.issue),
        params: 'params' in finding.issue ? finding.issue.params : {}
    }));
}
/**
 * The human report's lines for findings: `check: cell N, line L: message`
 * (cells counted from 1). A message quotes the notebook: its control
 * characters are written out ({@link printable}), so that no line break
 * starts a line of its own, such as a GitHub workflow command.
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
        return `${finding.check}${note}: ${where ? `${where}: ` : ''}${(0, words_1.printable)((0, words_1.findingText)(finding.issue))}`;
    });
}
/**
 * GitHub Actions workflow commands, one per finding:
 * `::error file=a.ipynb,line=12,title=nbproject-lab secrets::message`.
 *
 * @param notebook - the findings of one notebook.
 * @param base - where paths are relative to (see {@link reportPath}).
 */
function githubCommands(notebook, base) {
    const file = Private.property(reportPath(notebook.file, base).path);
    return notebook.findings
        .map(finding => {
        const level = finding.severity === 'error' ? 'error' : 'notice';
        const line = (0, positions_1.findingLine)(notebook.positions, finding);
        const cell = finding.cell === null ? '' : ` (cell ${finding.cell + 1})`;
        const properties = [
            `file=${file}`,
            `line=${line}`,
            `title=${Private.property(`nbproject-lab ${finding.check}${cell}`)}`
        ].join(',');
        return `::${level} ${properties}::${Private.data((0, words_1.findingText)(finding.issue))}\n`;
    })
        .join('');
}
/**
 * The GitHub Actions warning that ends a run with more annotations of a
 * kind than GitHub shows for a step ({@link GITHUB_ANNOTATIONS_PER_KIND}),
 * which it drops without a word, or `''`: it counts them, and says that
 * the step's log holds every one. The run writes no other warning, so
 * GitHub shows this one.
 *
 * @param errors - the error annotations written.
 * @param notices - the notice annotations written.
 */
function githubOverflow(errors, notices) {
    const most = exports.GITHUB_ANNOTATIONS_PER_KIND;
    if (errors <= most && notices <= most) {
        return '';
    }
    const kinds = [
        errors > 0 ? plural(errors, 'error') : '',
        notices > 0 ? plural(notices, 'note') : ''
    ]
        .filter(Boolean)
        .join(' and ');
    const title = Private.property('nbproject-lab: more findings than shown');
    return `::warning title=${title}::${Private.data(`nbproject-lab reported ${kinds}; GitHub shows the first ${most} of each kind as annotations, and this step's log has them all`)}\n`;
}
/**
 * `1 error`, `50,608 errors`.
 */
function plural(n, word) {
    return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}
/**
 * The most notebooks the GitHub step summary lists, and its most
 * characters (GitHub takes 1 MiB of summary per step, and shows none of
 * a larger one).
 */
exports.SUMMARY_MAX_ROWS = 200;
exports.SUMMARY_MAX_CHARS = 256 * 1024;
/**
 * The Markdown a `check --format github` run adds to the GitHub Actions
 * step summary: how many notebooks failed, and how many failed each
 * check, then a table of the notebooks with findings (at most
 * {@link SUMMARY_MAX_ROWS}): the checks each failed with their errors,
 * and apart the notes, which fail no check; last, how to fix each check
 * that failed. Paths are escaped: a name cannot add Markdown or HTML.
 *
 * @param run - the run's figures.
 * @param rows - the notebooks with findings or not read, in order (those
 *   past {@link SUMMARY_MAX_ROWS} counted in `more`).
 * @param more - how many more notebooks had findings.
 * @param base - where paths are relative to (see {@link reportPath}).
 */
function githubSummary(run, rows, more, base) {
    const listed = (names) => names.map(name => `\`${name}\``).join(', ');
    const notebooks = plural(run.notebooks, 'notebook');
    // The folders given that could not be checked fail the run: the
    // verdict says so, whatever the notebooks read did.
    const folders = run.folders ?? 0;
    const unchecked = folders > 0 ? `${plural(folders, 'folder')} could not be checked` : '';
    const lines = ['### nbproject-lab check', ''];
    if (run.notebooks === 0) {
        lines.push(`No notebook was checked${unchecked ? `; ${unchecked}` : ''}.`);
    }
    else if (run.failing === run.unread && run.unread > 0) {
        const read = run.notebooks - run.unread;
        const others = read > 0 && run.checks.length > 0
            ? `; ${read === 1 ? 'the other passes' : 'the others pass'} ${listed(run.checks)}`
            : '';
        lines.push(`${run.unread.toLocaleString('en-US')} of ${notebooks} could not be read${unchecked ? `, and ${unchecked}` : ''}${others}.`);
    }
    else if (run.failing > 0) {
        const failed = run.checks.filter(name => (run.failedBy.get(name) ?? 0) > 0);
        const passed = run.checks.filter(name => !failed.includes(name));
        lines.push(`${run.failing.toLocaleString('en-US')} of ${notebooks} failed a required check${run.unread > 0 ? ' or could not be read' : ''}${unchecked ? `, and ${unchecked}` : ''}:`, '', ...failed.map(name => `- \`${name}\`: failed by ${plural(run.failedBy.get(name) ?? 0, 'notebook')}`), ...(run.unread > 0
            ? [`- not read: ${plural(run.unread, 'notebook')}`]
            : []));
        if (passed.length > 0) {
            lines.push('', `Passed by every notebook read: ${listed(passed)}.`);
        }
    }
    else if (run.checks.length === 0) {
        lines.push(`${notebooks} checked${unchecked ? `, and ${unchecked}` : ''}; no check was required.`);
    }
    else {
        lines.push(`${run.notebooks === 1 ? 'The notebook passes' : `All ${notebooks} pass`} ${listed(run.checks)}${unchecked ? `, but ${unchecked}` : ''}.`);
    }
    if (run.stopped !== undefined) {
        lines.push('', `The run stopped: ${Private.code(run.stopped)}`);
    }
    // Rows while the summary stays well under GitHub's 1 MiB a step.
    let size = lines.join('\n').length;
    let left = more;
    const table = [];
    const counted = (counts, word) => [...counts]
        .map(([check, n]) => `${check}: ${plural(n, word)}`)
        .join(', ') || '–';
    for (const row of rows) {
        const failed = row.unreadable === undefined
            ? counted(new Map(row.failed.map(name => [name, row.errors.get(name) ?? 0])), 'error')
            : `not read: ${Private.code(row.unreadable)}`;
        const line = `| ${Private.code(reportPath(row.file, base).path)} | ${failed} | ${counted(row.notes, 'note')} |`;
        size += line.length + 1;
        if (size > exports.SUMMARY_MAX_CHARS) {
            left++;
            continue;
        }
        table.push(line);
    }
    if (table.length > 0) {
        lines.push('', '| Notebook | Failed | Notes |', '| --- | --- | --- |', ...table);
    }
    if (left > 0) {
        lines.push('', `${plural(left, 'more notebook')} with findings or not read: this step's log lists them.`);
    }
    // How to fix each check that failed, in the order of the checks.
    const fixes = run.checks.flatMap(name => {
        const help = run.help?.get(name);
        return (run.failedBy.get(name) ?? 0) > 0 && help !== undefined
            ? [`- ${(0, words_1.howToFixText)(`\`${name}\``, help)}`]
            : [];
    });
    if (fixes.length > 0) {
        lines.push('', ...fixes);
    }
    return `${lines.join('\n')}\n\n`;
}
/**
 * The message that says a notebook could not be read, in the github and
 * SARIF outputs.
 *
 * @param why - why, as the run says it on stderr.
 */
function unreadableText(why) {
    return `nbproject-lab could not read this notebook: ${why}`;
}
/**
 * The GitHub Actions workflow command for a notebook that could not be
 * read: `::error file=a.ipynb::nbproject-lab could not read this
 * notebook: not JSON (...)`.
 *
 * @param file - the path as the user gave it.
 * @param why - why it could not be read.
 * @param base - where paths are relative to (see {@link reportPath}).
 * @param line - the line of the file that stopped the reading, when known.
 */
function githubUnreadable(file, why, base, line) {
    return githubRunError(unreadableText(why), { file, line }, base);
}
/**
 * The GitHub Actions workflow command for what stopped the run rather
 * than a notebook: `::error title=nbproject-lab --python::--python
 * /usr/bin/python3: cannot run it (no such file or folder)`, or, on a file (the
 * configuration), `::error file=pyproject.toml::...`.
 *
 * @param message - what went wrong.
 * @param where - the file it is in (see {@link reportPath}), or the
 *   annotation's title: what failed.
 * @param base - where paths are relative to (see {@link reportPath}).
 */
function githubRunError(message, where, base) {
    const property = 'file' in where
        ? `file=${Private.property(reportPath(where.file, base).path)}${where.line === undefined ? '' : `,line=${where.line}`}`
        : `title=${Private.property(`nbproject-lab ${where.title}`)}`;
    return `::error ${property}::${Private.data(message)}\n`;
}
/**
 * The message that says the configuration could not be read, in the
 * github and SARIF outputs.
 *
 * @param why - what is wrong with it.
 */
function badConfigText(why) {
    return `nbproject-lab could not read this configuration: ${why}`;
}
/**
 * A finding's fingerprint: its check, code, cell and a hash of what tells
 * it from the others there (a package's name, a credential's kind and
 * masked text, a path...), without lines, which move as the notebook is
 * edited. The cell is its id; for a cell without one (nbformat < 4.5),
 * `source:` and a hash of its source, which cells added above it do not
 * change (editing the cell does). The SARIF log adds `/2`, `/3`... to
 * the second, third... finding of a notebook with the same fingerprint.
 */
function findingFingerprint(finding) {
    const which = Private.identity(finding.issue);
    const hash = which.length === 0
        ? '-'
        : (0, crypto_1.createHash)('sha256')
            .update(JSON.stringify(which))
            .digest('hex')
            .slice(0, 16);
    const cell = finding.cellId ??
        (finding.sourceHash === null
            ? finding.cell
            : `source:${finding.sourceHash}`) ??
        '-';
    return `${finding.check}/${findingCode(finding.issue)}/${cell}/${hash}`;
}
/**
 * The most results GitHub code scanning takes in one run of a SARIF log:
 * it rejects a log with more (and shows the 5,000 most severe).
 */
exports.SARIF_MAX_RESULTS = 25000;
/**
 * The most annotations of one kind (error, warning, notice) GitHub shows
 * for a step of a workflow; further workflow commands stay in its log.
 */
exports.GITHUB_ANNOTATIONS_PER_KIND = 10;
/**
 * A SARIF 2.1.0 log of every notebook's findings, written a notebook at
 * a time: one run of the tool, one rule per check run (id, short
 * description, help), one result per finding with its location in the
 * `.ipynb` (the file's line) and, as a logical location, the cell, and
 * one invocation, whose notifications name the notebooks that could not
 * be read. The text is the one `JSON.stringify(log, null, 2)` gives for
 * the whole log (followed by a line break), so that memory holds one
 * notebook's results instead of every notebook's (and the notes'
 * results, written last). It holds at most `maxResults` results, errors
 * before notes, each in the order found: a warning notification counts
 * those left out, so that GitHub code scanning still takes the log.
 */
class SarifWriter {
    /**
     * @param checks - the checks run.
     * @param version - the tool's version, asked for once something is
     *   written.
     * @param base - where paths are relative to (see {@link reportPath}).
     * @param maxResults - the most results written.
     */
    constructor(_checks, _version, _base = null, maxResults = exports.SARIF_MAX_RESULTS) {
        this._checks = _checks;
        this._version = _version;
        this._base = _base;
        this.maxResults = maxResults;
        this._ruleIndex = new Map(this._checks.map((check, i) => [check.name, i]));
        this._notifications = [];
        this._started = false;
        this._results = 0;
        this._omitted = 0;
        /**
         * The notes' results, written at the end: the errors come first when
         * there are more findings than {@link maxResults}.
         */
        this._held = [];
    }
    /**
     * How many findings were left out of the log: past
     * {@link maxResults}.
     */
    get omitted() {
        return this._omitted;
    }
    /**
     * The log's text up to this notebook's results, and them.
     *
     * @param notebook - the findings of one notebook.
     */
    results(notebook) {
        let text = this._head();
        const where = reportPath(notebook.file, this._base);
        // How many findings of the notebook had each fingerprint so far.
        const seen = new Map();
        for (const finding of notebook.findings) {
            const fingerprint = findingFingerprint(finding);
            const count = (seen.get(fingerprint) ?? 0) + 1;
            seen.set(fingerprint, count);
            const error = finding.severity === 'error';
            // Errors first: a note held back gives its room to an error.
            if (this._results + this._held.length >= this.maxResults) {
                if (!error || this._held.length === 0) {
                    this._omitted++;
                    continue;
                }
                this._held.pop();
                this._omitted++;
            }
            const result = JSON.stringify(Private.sarifResult(notebook, where, finding, count === 1 ? fingerprint : `${fingerprint}/${count}`, this._ruleIndex), null, 2);
            if (error) {
                text += this._entry(result);
            }
            else {
                this._held.push(result);
            }
        }
        return text;
    }
    /**
     * Note that a notebook could not be read, or that the run could not go
     * on (`file` `null`): the invocation's notifications say it, and the
     * execution is then unsuccessful.
     *
     * @param file - the notebook as the user gave it, or `null`.
     * @param why - what went wrong.
     * @param line - the line of the file that stopped the reading, when known.
     */
    unreadable(file, why, line) {
        this.failed(file === null ? why : unreadableText(why), file, line);
    }
    /**
     * Note what went wrong in the run: the invocation's notifications say
     * it (on `file`, when given), and the execution is then unsuccessful.
     *
     * @param message - what went wrong, in words.
     * @param file - the file it is about, as the user gave it (or as
     *   found), or `null`.
     * @param line - the line of the file it is on, when known.
     */
    failed(message, file = null, line) {
        this._notifications.push({
            level: 'error',
            message: { text: message },
            ...(file === null
                ? {}
                : {
                    locations: [
                        {
                            physicalLocation: {
                                artifactLocation: { uri: reportPath(file, this._base).uri },
                                ...(line === undefined ? {} : { region: { startLine: line } })
                            }
                        }
                    ]
                })
        });
    }
    /**
     * The rest of the log (all of it when no notebook was written).
     */
    end() {
        let head = this._head();
        for (const result of this._held.splice(0)) {
            head += this._entry(result);
        }
        const notifications = this._omitted === 0
            ? this._notifications
            : [
                ...this._notifications,
                {
                    level: 'warning',
                    message: { text: omittedText(this._omitted, this.maxResults) }
                }
            ];
        const [, tail] = Private.skeleton(this._checks, this._version(), notifications);
        // `[]` when the list is empty, as JSON.stringify writes it.
        return `${head}${this._results === 0 ? '' : `\n${Private.RESULT_INDENT.slice(2)}`}${tail}\n`;
    }
    /**
     * A result's text in the list: each sits 8 spaces in (root, runs, the
     * run, results); a string's line breaks are escaped, so every `\n`
     * starts a line.
     */
    _entry(result) {
        const indent = Private.RESULT_INDENT;
        return `${this._results++ === 0 ? '\n' : ',\n'}${indent}${result.replace(/\n/g, `\n${indent}`)}`;
    }
    /**
     * The log's opening, once: empty afterwards.
     */
    _head() {
        if (this._started) {
            return '';
        }
        this._started = true;
        // What follows the results does not change what comes before them.
        return Private.skeleton(this._checks, this._version(), [])[0];
    }
}
exports.SarifWriter = SarifWriter;
/**
 * What the SARIF log and stderr say of the findings left out of the log.
 *
 * @param omitted - how many.
 * @param kept - how many the log holds.
 */
function omittedText(omitted, kept) {
    const more = `${plural(omitted, 'more finding')} ${omitted === 1 ? 'is' : 'are'}`;
    return `${more} not in this log, which holds ${kept.toLocaleString('en-US')}, errors before notes: as many results as GitHub code scanning takes in a run; --format json lists every finding`;
}
/**
 * Module internals.
 */
var Private;
(function (Private) {
    /**
     * Text as a Markdown code span in a table's cell: shown as it is (no
     * link, mention, emphasis or HTML), its control characters written out
     * and its `|` escaped, which GitHub's tables read inside code too.
     */
    function code(text) {
        const shown = (0, words_1.printable)(text).replace(/\|/g, '\\|');
        const ticks = Math.max(0, ...(shown.match(/`+/g) ?? []).map(run => run.length));
        const fence = '`'.repeat(ticks + 1);
        // A space inside the fence when the text starts or ends with a tick.
        const pad = shown.startsWith('`') || shown.endsWith('`') ? ' ' : '';
        return `${fence}${pad}${shown}${pad}${fence}`;
    }
    Private.code = code;
    /**
     * Where a SARIF result starts on its lines.
     */
    Private.RESULT_INDENT = ' '.repeat(8);
    /**
     * The empty list of results, as the skeleton's text spells it.
     */
    Private.NO_RESULTS = '"results": []';
    /**
     * The SARIF log's text without its results, cut where they go: before
     * and after them.
     */
    function skeleton(checks, version, notifications) {
        const text = JSON.stringify(sarifSkeleton(checks, version, notifications), null, 2);
        // The first: a string's quotes are escaped, so only the key's.
        const at = text.indexOf(Private.NO_RESULTS);
        const open = at + Private.NO_RESULTS.length - 1;
        return [text.slice(0, open), text.slice(open)];
    }
    Private.skeleton = skeleton;
    /**
     * The SARIF log without its results.
     */
    function sarifSkeleton(checks, version, notifications) {
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
                    results: [],
                    invocations: [
                        {
                            // A warning (findings left out) is no failure of the run.
                            executionSuccessful: notifications.every(notification => notification.level !== 'error'),
                            toolExecutionNotifications: notifications
                        }
                    ]
                }
            ]
        };
    }
    Private.sarifSkeleton = sarifSkeleton;
    /**
     * One finding's SARIF result.
     */
    function sarifResult(notebook, where, finding, fingerprint, ruleIndex) {
        const cell = finding.cell === null
            ? []
            : [
                {
                    name: `cell ${finding.cell + 1}`,
                    fullyQualifiedName: `${where.path}/cells[${finding.cell}]${finding.cellId === null ? '' : `#${finding.cellId}`}`,
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
                            uri: where.uri
                        },
                        region: {
                            startLine: (0, positions_1.findingLine)(notebook.positions, finding)
                        }
                    },
                    logicalLocations: cell
                }
            ],
            partialFingerprints: {
                nbprojectLab: fingerprint
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
     * What tells a finding from others of its code in the same cell: the
     * parameters that name what was found, not counts, versions or lines,
     * which change as the notebook is run or edited.
     */
    function identity(issue) {
        switch (issue.code) {
            case 'consecutive.cell':
            case 'title.missing':
            case 'metadata.missing':
            case 'secrets.unscanned':
            case 'paths.unscanned':
            case 'pinned.unread':
                return [];
            case 'hidden-state.cell': {
                const { params } = issue.params.issue;
                return ['name' in params ? params.name : params.feature];
            }
            case 'metadata.problem': {
                const { params } = issue.params.issue;
                return 'field' in params
                    ? [params.field]
                    : 'name' in params
                        ? [params.name]
                        : [];
            }
            case 'secrets.found':
                return [
                    issue.params.kind,
                    issue.params.output === null ? 'source' : 'output',
                    issue.params.excerpt
                ];
            case 'paths.home':
                return [issue.params.path];
            case 'installs.line':
                return [issue.params.line];
            case 'pinned.namespace':
                return [issue.params.module];
            case 'pinned.notStored':
            case 'pinned.noVersion':
            case 'match.mismatch':
            case 'match.missing':
                return [issue.params.name];
            case 'declared.disagrees':
                return [issue.params.source, issue.params.name];
            case 'data.changed':
            case 'data.missing':
            case 'data.new':
                return [issue.params.path];
        }
    }
    Private.identity = identity;
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
     * A path with `/` separators as a URI path, each part percent-encoded
     * (`\` as `%5C`), but for an absolute Windows path's drive (`C:`).
     */
    function uriPath(file, drive) {
        return file
            .split('/')
            .map((part, i) => drive && i <= 1 && /^[A-Za-z]:$/.test(part)
            ? part
            : encodeURIComponent(part))
            .join('/');
    }
    Private.uriPath = uriPath;
    /**
     * The folders of a {@link ReportBase}, the system's separator filled in.
     */
    function base(base) {
        const given = base === null || typeof base === 'string' ? { cwd: base } : base;
        return {
            cwd: given.cwd,
            root: given.root ?? null,
            windows: given.windows ?? path_1.sep === '\\'
        };
    }
    Private.base = base;
    /**
     * The path of absolute `file` relative to absolute folder `dir` when
     * it is inside (not the folder itself), or `null`: on Windows without
     * regard to case (`\` read as `/`), elsewhere as Node's
     * `path.posix.relative` finds it.
     */
    function within(dir, file, windows) {
        let inside;
        if (windows) {
            inside = (0, absolutePaths_1.relativePath)(dir, file);
        }
        else {
            inside =
                dir.startsWith('/') && file.startsWith('/')
                    ? path_1.posix.relative(dir, file)
                    : null;
        }
        return inside === null ||
            inside === '' ||
            inside === '.' ||
            inside === '..' ||
            inside.startsWith('../')
            ? null
            : inside;
    }
    Private.within = within;
})(Private || (Private = {}));
