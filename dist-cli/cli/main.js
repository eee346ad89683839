"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || function (mod) {
    if (mod && mod.__esModule) return mod;
    var result = {};
    if (mod != null) for (var k in mod) if (k !== "default" && Object.prototype.hasOwnProperty.call(mod, k)) __createBinding(result, mod, k);
    __setModuleDefault(result, mod);
    return result;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.USAGE = exports.ExitCode = void 0;
exports.nodeIO = nodeIO;
exports.main = main;
exports.describeNotebook = describeNotebook;
const fs = __importStar(require("fs"));
const os = __importStar(require("os"));
const path = __importStar(require("path"));
const check_1 = require("./check");
const checks_1 = require("./checks");
const run_1 = require("./run");
const findings_1 = require("./findings");
const report_1 = require("./report");
const data_1 = require("./data");
const files_1 = require("./files");
const words_1 = require("./words");
const paths_1 = require("../core/data/paths");
const verify_1 = require("./verify");
const compareOutputs_1 = require("../core/execution/compareOutputs");
/**
 * The program's I/O on Node: the process's streams, and files read and
 * written only when they are regular files (never blocking on a FIFO,
 * never writing through a symbolic link).
 */
function nodeIO() {
    const { stdout } = process;
    // A reader that closed the pipe (`| head`) makes the writes fail with
    // EPIPE: the stream errs, and `closed` tells the run to stop. The
    // error is noted here: process.stdout neither records it (`errored`
    // stays null) nor closes, and it may still say it needs draining. Any
    // other failure (a full disk) leaves a truncated report: that is an
    // error, not a pass.
    let broken = false;
    const closed = () => broken || stdout.errored !== null || stdout.destroyed;
    stdout.on('error', (error) => {
        if (error.code !== 'EPIPE') {
            process.stderr.write(`nbproject-lab: cannot write the output: ${error.message}\n`);
            process.exit(ExitCode.BadInput);
        }
        broken = true;
    });
    return {
        stdout: text => !closed() && stdout.write(text),
        stderr: text => process.stderr.write(text),
        readFile: files_1.readTextFile,
        writeFile: files_1.writeTextFile,
        listNotebooks: files_1.notebooksUnder,
        trackedFiles: files_1.gitTracked,
        isLocalModule: files_1.isLocalModule,
        cwd: () => process.cwd(),
        drain: () => new Promise(resolve => {
            if (!stdout.writableNeedDrain || closed()) {
                resolve();
                return;
            }
            // The reader may close the pipe meanwhile: the wait ends then too,
            // or a run kept alive by `--python`'s interpreter would hang.
            const done = () => {
                stdout.off('drain', done);
                stdout.off('close', done);
                stdout.off('error', done);
                resolve();
            };
            stdout.on('drain', done);
            stdout.on('close', done);
            stdout.on('error', done);
        }),
        closed,
        ...Private.stepSummary(process.env.GITHUB_STEP_SUMMARY)
    };
}
/**
 * Exit statuses of `nbproject-lab`.
 */
var ExitCode;
(function (ExitCode) {
    /**
     * Every required check passed.
     */
    ExitCode[ExitCode["Ok"] = 0] = "Ok";
    /**
     * A required check failed (or a recorded data file changed, is missing
     * or was not read; or the notebook stores no package versions to
     * export).
     */
    ExitCode[ExitCode["Failed"] = 1] = "Failed";
    /**
     * A file could not be read as a notebook (or written), a file was
     * refused (a `requirements.txt` or `--write` target that is a symbolic
     * link or not a regular file), or the usage was wrong.
     */
    ExitCode[ExitCode["BadInput"] = 2] = "BadInput";
})(ExitCode || (exports.ExitCode = ExitCode = {}));
/**
 * A line of the usage text wrapped at 80 columns: the first line
 * indented by `first` spaces, the others by `rest`.
 */
function wrappedLine(text, first, rest) {
    const lines = [];
    let line = ' '.repeat(first);
    let empty = true;
    for (const word of text.split(' ')) {
        if (!empty && line.length + 1 + word.length > 80) {
            lines.push(line);
            line = ' '.repeat(rest);
            empty = true;
        }
        line += empty ? word : ` ${word}`;
        empty = false;
    }
    lines.push(line);
    return lines.join('\n');
}
/**
 * The usage text of `nbproject-lab`.
 */
exports.USAGE = `Usage: nbproject-lab check [--json] [--require CHECKS] NOTEBOOK|FOLDER...
       nbproject-lab check [--format FORMAT] [--require CHECKS]
                          [--python [PATH]] [--config FILE] [--git-tracked]
                          [--data] NOTEBOOK|FOLDER...
       nbproject-lab check --data [--json] [--git-tracked] [--root DIR]
                          [--allow-hidden] [--max-size BYTES]
                          NOTEBOOK|FOLDER...
       nbproject-lab export --requirements|--pep723|--lock [--write] NOTEBOOK
       nbproject-lab verify [--json] [--fail-on STATUSES] [--time-limit SECONDS]
                           [--jupyter PATH | --python [PATH]] [--kernel NAME]
                           [--normalise NAMES] [--no-normalise NAMES]
                           [--tolerance NUMBER] [--config FILE] NOTEBOOK

check: check notebooks by nbproject's rules and the extension's: title,
consecutive execution, metadata, credentials, home-directory paths,
run-time installs, pinned and declared packages, data files.

  --require CHECKS   checks that must pass, comma-separated (may be
                     repeated), from:
${checks_1.CHECK_TABLE.map(check => wrappedLine(`${check.name.padEnd(12)} ${check.summary}`, 23, 36)).join('\n')}
                       all          every check (match only with --python)
                     Without it, the configuration's "require"; without
                     either, --default-require's; without any, check only
                     reports (exit 0)
  --default-require CHECKS
                     the checks required when neither --require nor the
                     configuration's "require" names any (the pre-commit
                     hook's: consecutive,title,metadata,secrets,paths)
  --format FORMAT    human (default); json (one object per notebook and
                     line, with one "findings" entry per finding); github
                     (workflow commands: annotations on a pull request);
                     sarif (SARIF 2.1.0, for GitHub code scanning).
                     Credentials are masked in every format
  --json             the same as --format json; with --data alone, the
                     data report: a file not read has "unread":
                     outside-root, hidden, not-regular or too-large (and a
                     recorded one stays "status": "missing")
  --python [PATH]    ask this Python interpreter (alone: the first python,
                     then python3, on PATH) which versions are installed,
                     with the kernel probe's code: pinned maps imports
                     through it, and the match check compares the stored
                     versions.
                     A folder after it is one to check, not PATH
                     (--python . is --python alone, then the folder)
  --config FILE      read the configuration from FILE instead of the
                     nearest .nbproject-lab.toml or pyproject.toml with
                     [tool.nbproject-lab] (from the working directory up
                     to the repository's root): keys require, exclude
                     (globs of notebooks not checked), ignore-packages.
                     --data alone reads it too (its exclude applies)
  --git-tracked      in a folder, only the notebooks git tracks (its index,
                     staged ones and submodules' too), as a pre-commit hook
                     sees the repository; those left out are named on
                     stderr, and a folder with none passes. A notebook
                     named is checked as always; a folder outside a git
                     work tree is an error (exit 2)
  --data             verify the data files the notebook recorded when it
                     was published (SHA-256 and size, hashed here,
                     relative to the notebook); fails when one is changed,
                     missing or not read; files the code reads but that are
                     not recorded are listed as new. Alone (or with
                     --json), the data report; with --require, --python,
                     or --format human, github or sarif, the data check
  --root DIR         with --data: read data files only below DIR (default:
                     the notebook's git work tree, the nearest folder up
                     with a .git, else the notebook's folder); a path that
                     leads out of it, as written or through a symbolic
                     link, is reported "outside the root" and not read
  --allow-hidden     with --data: also read hidden files and folders below
                     the root (a name starting with "."). They are not read
                     by default because .git, .env or .ssh hold credentials,
                     not data; in JupyterLab the same files are read only
                     when the Jupyter server allows hidden files
                     (ContentsManager.allow_hidden)
  --max-size BYTES   with --data: files larger than this are listed as too
                     large to check, not read (default 2G, the
                     extension's cap; suffixes K, M, G, T: 512M)

  A finding that is intended is allowed by one of these, in lower case, as
  a cell tag or as a comment on its line:
    nbproject-lab: allow-secret
    nbproject-lab: allow-path
    nbproject-lab: allow-install
  e.g. p = "/home/ana/x.csv"  # nbproject-lab: allow-path
  ("# allow-path" alone allows nothing).
  A folder stands for the notebooks below it (not in folders named .*,
  node_modules, __pycache__ or site-packages; no symbolic link followed).
  Only regular files are read: a FIFO, device or socket is reported, not
  read (and never waited on).

export: write the package versions the notebook stores (nbproject's
"pypackage") so that pip, uv or juv can recreate its environment.

  --requirements     as a requirements.txt; print it, or with --write write
                     it beside the notebook (pip options in an existing
                     file are kept). An existing requirements.txt that is
                     a symbolic link or not a regular file is refused: not
                     read, not written
  --pep723           as the notebook's PEP 723 "# /// script" cell, juv's
                     layout, requires-python from the notebook's Python;
                     print the notebook, or with --write update it in place
  --lock             the whole environment the notebook was published with
                     (its environment snapshot) as pylock.toml (PEP 751),
                     requirements.lock.txt and, for a conda environment,
                     environment.yml; print them, or with --write write
                     them beside the notebook (links refused, as above)
  --write            write the file and print what changed; nothing is
                     written when nothing changes, and never through a
                     symbolic link (a linked target is refused)

verify: run the notebook again, top to bottom in a fresh kernel, with
"jupyter execute" (nbclient), and compare each code cell's new outputs with
the stored ones, as the extension's Verify in a Fresh Kernel does. The
kernel starts in the notebook's folder; a cell that raises does not stop
the run. The notebook is only read: the executed copy is written to a
temporary folder, removed afterwards.

  --json             print one JSON object, the extension's verify result:
                     {verdict, same, differs, errors, noOutput, cells:
                     [{index, id, status}]}, status same, differs,
                     error-now, error-before or no-output (differs counts
                     the cells of noOutput too)
  --fail-on STATUSES cell statuses that fail the run (exit 1), comma-
                     separated, from ${verify_1.FAIL_ON_STATUSES.join(', ')}
                     or none; default: all four (exit 0 only when every
                     cell reproduces). "--fail-on error-now": the notebook runs
                     through without a new error (for notebooks saved
                     without outputs)
  --time-limit SECONDS
                     stop the run, and its kernel, after this long (default
                     ${verify_1.DEFAULT_TIME_LIMIT}, as the extension's setting); a stopped run fails
  --jupyter PATH     the jupyter program to run (default: jupyter on PATH)
  --python [PATH]    run "PYTHON -m jupyter execute" instead (alone: the
                     first python, then python3, on PATH)
  --kernel NAME      the kernelspec to run with instead of the notebook's
  --normalise NAMES  what is made equal before comparing, comma-separated,
                     from ${compareOutputs_1.NORMALISATION_NAMES.join(', ')}, or none
                     (default: all)
  --no-normalise NAMES
                     turn these normalisations off
  --tolerance NUMBER relative tolerance of numbers in outputs (default
                     1e-9; 0: exactly equal)
  --config FILE      as for check; its "verify" table sets the defaults
                     of fail-on, normalisations, tolerance and time-limit

  -h, --help         show this help
  -V, --version      show the version

Exit status:
  0  every required check passes; the export is done; every recorded data
     file is unchanged
  1  a required check fails; the notebook stores no package versions to
     export; a recorded data file changed, is missing or was not read
     (outside the root, hidden, not a regular file, too large)
  2  a file is not an nbformat 4 notebook or cannot be read or written; a
     requirements.txt or --write target is refused (a symbolic link, not a
     regular file); --root is not a folder; the configuration cannot be
     read; the --python interpreter does not answer; the usage is wrong
verify: 0 no cell has a status of --fail-on; 1 one has, or the time limit
stopped the run; 2 jupyter execute is not found, or could not run the
notebook (its kernel did not start), or the notebook cannot be read.
Text output numbers cells from 1; the JSON "index" counts from 0.
`;
/**
 * Run `nbproject-lab` with its arguments (without the `node` and script
 * paths) and return the exit status: at once, or as a promise (which never
 * rejects) for `check --data`, which reads the data files as streams.
 */
function main(args, io) {
    const options = Private.parseArgs(args);
    if ('help' in options) {
        io.stdout(exports.USAGE);
        return ExitCode.Ok;
    }
    if ('version' in options) {
        io.stdout(`nbproject-lab ${(0, run_1.packageVersion)() ?? '(version unknown: no package.json beside the program)'}\n`);
        return ExitCode.Ok;
    }
    if ('usage' in options) {
        io.stderr(`nbproject-lab: ${options.usage}\nRun 'nbproject-lab --help' for usage.\n`);
        return ExitCode.BadInput;
    }
    const badRoot = Private.badRoot(options);
    if (badRoot !== null) {
        io.stderr(`nbproject-lab: ${badRoot}\n`);
        return ExitCode.BadInput;
    }
    if ('verify' in options) {
        return (0, verify_1.runVerify)(options.verify, io, io.runNotebook ?? Private.load.jupyter().jupyterRunner(options.runner));
    }
    if ('format' in options) {
        return Private.runExport(options.format, options.write, options.file, io);
    }
    if ('data' in options) {
        const { json, root, allowHidden, maxSize } = options;
        // The configuration's exclude applies; one that cannot be read stops
        // the run, as it stops `check`.
        const config = (0, run_1.loadConfig)(options.config, io);
        if ('usage' in config) {
            io.stderr(`nbproject-lab: ${config.usage}\n`);
            return ExitCode.BadInput;
        }
        const given = (0, run_1.notebooksToCheck)(options.files, config, io, options.tracked);
        for (const { folder, why } of given.problems) {
            io.stderr(`nbproject-lab: ${(0, words_1.printable)(folder)}: ${why}\n`);
        }
        // Said before any notebook, not at the first cell the parser reads.
        const missing = (0, check_1.parserMissing)();
        if (missing !== null) {
            io.stderr(`nbproject-lab: ${missing.what}: ${missing.why}\n`);
            return ExitCode.BadInput;
        }
        const status = (0, data_1.checkData)(given.files, io, {
            json,
            root,
            allowHidden,
            maxSize
        });
        // A folder without notebooks, or not read: its notebooks pass unchecked.
        return given.problems.length === 0
            ? status
            : status.then(() => ExitCode.BadInput);
    }
    return (0, run_1.runCheck)(options.request, io, describeNotebook);
}
/**
 * The human-readable report on one notebook, as `check` prints it.
 *
 * @param file - the path as given.
 * @param check - what `check` found.
 * @param required - the checks run.
 * @param failed - those that failed.
 * @param findings - what the checks found, when known: an install
 *   the installs check ran on and did not report is marked allowed.
 * @param data - the data files' verification in one line, when the data
 *   check ran.
 */
function describeNotebook(file, check, required, failed, findings, data) {
    return Private.describe(file, check, required, failed, findings, data);
}
/**
 * Module internals.
 */
var Private;
(function (Private) {
    /**
     * The step summary of a GitHub Actions step: Markdown appended to the
     * file `GITHUB_STEP_SUMMARY` names, when it names one.
     *
     * @param file - the variable's value.
     */
    function stepSummary(file) {
        if (!file) {
            return {};
        }
        return {
            stepSummary: markdown => fs.appendFileSync(file, markdown, 'utf8')
        };
    }
    Private.stepSummary = stepSummary;
    /**
     * The modules of the other commands, loaded when run: `check`, what
     * CI runs most, loads neither (nor what they load).
     */
    Private.load = {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        exporting: () => require('./export'),
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        jupyter: () => require('./jupyter')
    };
    function parseArgs(args) {
        const [command, ...rest] = args;
        if (command === '-h' || command === '--help') {
            return { help: true };
        }
        if (command === '-V' || command === '--version') {
            return { version: true };
        }
        if (command === 'export') {
            return parseExportArgs(rest);
        }
        if (command === 'verify') {
            return parseVerifyArgs(rest);
        }
        if (command !== 'check') {
            return {
                usage: command === undefined
                    ? 'no command given'
                    : `unknown command ${JSON.stringify(command)}`
            };
        }
        let format = null;
        // How the format was given (`--json` or `--format NAME`), for a clash.
        let formatArg = '';
        let data = false;
        let root = null;
        let allowHidden = false;
        let maxSize = null;
        let python = null;
        let config = null;
        let tracked = false;
        const required = new Set();
        const defaultRequired = new Set();
        const known = [...checks_1.CHECK_TABLE.map(check => check.name), checks_1.ALL_CHECKS];
        const setFormat = (value, given) => {
            if (!report_1.OUTPUT_FORMATS.includes(value)) {
                return {
                    usage: `unknown format ${JSON.stringify(value)} (expected ${report_1.OUTPUT_FORMATS.join(', ')})`
                };
            }
            if (format !== null && format !== value) {
                return { usage: `${formatArg} and ${given} disagree: give one` };
            }
            format = value;
            formatArg = given;
            return true;
        };
        const option = (arg, value) => {
            if (arg === '--json') {
                return setFormat('json', '--json');
            }
            else if (takesValue(arg, '--format')) {
                const name = value('--format') ?? '';
                return setFormat(name, `--format ${name}`);
            }
            else if (arg === '--data') {
                data = true;
            }
            else if (arg === '--allow-hidden') {
                allowHidden = true;
            }
            else if (arg === '--git-tracked') {
                tracked = true;
            }
            else if (takesValue(arg, '--python')) {
                python = value('--python', true) ?? '';
            }
            else if (takesValue(arg, '--config')) {
                config = value('--config') ?? null;
                if (config === null || config === '') {
                    return { usage: '--config needs a file' };
                }
            }
            else if (takesValue(arg, '--root')) {
                root = value('--root') ?? null;
                if (root === null || root === '') {
                    return { usage: '--root needs a folder' };
                }
            }
            else if (takesValue(arg, '--max-size')) {
                const size = value('--max-size');
                maxSize = size === undefined ? null : parseSize(size);
                if (maxSize === null) {
                    return {
                        usage: '--max-size needs a size in bytes (e.g. 1048576, 512M, 2G)'
                    };
                }
            }
            else if (takesValue(arg, '--require') ||
                takesValue(arg, '--default-require')) {
                const flag = arg.startsWith('--require')
                    ? '--require'
                    : '--default-require';
                const list = value(flag);
                if (list === undefined) {
                    return { usage: `${flag} needs a list of checks` };
                }
                for (const name of list.split(',').map(part => part.trim())) {
                    if (!known.includes(name)) {
                        return {
                            usage: `unknown check ${JSON.stringify(name)} (expected ${known.join(', ')})`
                        };
                    }
                    (flag === '--require' ? required : defaultRequired).add(name);
                }
            }
            else {
                return false;
            }
            return true;
        };
        return walkArgs(rest, option, files => {
            if (files.length === 0) {
                return { usage: 'no notebook given' };
            }
            const dataOptions = {
                root,
                allowHidden,
                maxSize: maxSize ?? paths_1.DEFAULT_MAX_DATA_SIZE
            };
            const legacyFormat = format === null || format === 'json';
            if (data && required.size === 0 && legacyFormat && python === null) {
                // `--data` alone: the data report as it always was.
                return {
                    data: true,
                    json: format === 'json',
                    files,
                    config,
                    tracked,
                    ...dataOptions
                };
            }
            if (data) {
                required.add('data');
            }
            if ((root !== null || allowHidden || maxSize !== null) &&
                !required.has('data') &&
                !required.has(checks_1.ALL_CHECKS)) {
                return {
                    usage: '--root, --allow-hidden and --max-size go with --data'
                };
            }
            if (required.has('match') && python === null) {
                return { usage: 'the match check needs --python' };
            }
            return {
                request: {
                    files,
                    require: [...required],
                    defaultRequire: [...defaultRequired],
                    format: format ?? 'human',
                    python,
                    config,
                    tracked,
                    ...dataOptions
                }
            };
            // `check` takes folders: `--python .` is `--python`, then `.`.
        }, true);
    }
    Private.parseArgs = parseArgs;
    /**
     * Walk a command's arguments: the notebooks (any argument that is not an
     * option, `-` included, and every one after `--`) are collected, `-h` or
     * `--help` asks for help, and every other option goes to `option`, which
     * returns `true` when it took it, `false` when it does not know it, or a
     * usage error. An option's value is `--name value` or `--name=value`:
     * `value(name)` takes it; `value(name, true)` takes an optional one,
     * which is not taken when the next argument is an option, a notebook
     * (`.ipynb`) or, when `folders` (the command takes folders), a folder
     * (`.`, `..`, or a directory that exists). Once every argument is taken,
     * `done` decides from the notebooks.
     */
    function walkArgs(rest, option, done, folders = false) {
        const files = [];
        for (let i = 0; i < rest.length; i++) {
            const arg = rest[i];
            if (!arg.startsWith('-') || arg === '-') {
                files.push(arg);
            }
            else if (arg === '--') {
                files.push(...rest.slice(i + 1));
                break;
            }
            else if (arg === '-h' || arg === '--help') {
                return { help: true };
            }
            else if (arg === '-V' || arg === '--version') {
                return { version: true };
            }
            else {
                const taken = option(arg, (name, optional) => {
                    if (arg !== name) {
                        return arg.slice(name.length + 1);
                    }
                    // An optional value is never an option, a notebook or a folder
                    // (`--python .` is `--python`, then the folder to check).
                    const next = rest[i + 1];
                    return optional &&
                        (next === undefined ||
                            next.startsWith('-') ||
                            next.endsWith('.ipynb') ||
                            (folders && isFolder(next)))
                        ? undefined
                        : rest[++i];
                });
                if (taken !== true) {
                    return taken === false ? { usage: `unknown option ${arg}` } : taken;
                }
            }
        }
        return done(files);
    }
    /**
     * Whether an argument names a folder: `.`, `..` (with or without a
     * trailing separator), or a directory that exists.
     */
    function isFolder(arg) {
        if (/^\.\.?[\\/]?$/.test(arg)) {
            return true;
        }
        try {
            return fs.statSync(arg).isDirectory();
        }
        catch {
            return false;
        }
    }
    /**
     * Why `--root` cannot be the data files' root (it does not exist or
     * is not a folder), or `null` when it can or is not given.
     */
    function badRoot(options) {
        const root = 'data' in options
            ? options.root
            : 'request' in options
                ? options.request.root
                : null;
        if (root === null) {
            return null;
        }
        // `~` is the home directory, as data.ts reads it.
        const expanded = /^~(?=$|[\\/])/.test(root)
            ? os.homedir() + root.slice(1)
            : root;
        let stat;
        try {
            stat = fs.statSync(expanded);
        }
        catch (error) {
            return `--root ${root}: ${(0, words_1.fileErrorText)(error)}`;
        }
        return stat.isDirectory() ? null : `--root ${root}: not a folder`;
    }
    Private.badRoot = badRoot;
    /**
     * Whether an argument is the option `name`, with its value apart or
     * after `=`.
     */
    function takesValue(arg, name) {
        return arg === name || arg.startsWith(`${name}=`);
    }
    /**
     * A size in bytes, with an optional binary suffix (`512K`, `2G`, `1MiB`),
     * or `null`.
     */
    function parseSize(text) {
        const match = /^(\d+)\s*(?:([KMGT])(?:i?B)?|B)?$/i.exec(text.trim());
        if (!match) {
            return null;
        }
        const power = match[2] ? 'KMGT'.indexOf(match[2].toUpperCase()) + 1 : 0;
        const size = Number(match[1]) * 1024 ** power;
        return Number.isSafeInteger(size) ? size : null;
    }
    /**
     * A comma-separated list's names (empty parts left out), or `null`
     * when there is none.
     */
    function names(list) {
        const found = (list ?? '')
            .split(',')
            .map(part => part.trim())
            .filter(part => part !== '');
        return found.length > 0 ? found : null;
    }
    /**
     * A number of at least `least`, or `null`.
     */
    function atLeast(text, least) {
        const value = text === undefined || text.trim() === '' ? NaN : Number(text);
        return Number.isFinite(value) && value >= least ? value : null;
    }
    function parseVerifyArgs(rest) {
        const request = {
            json: false,
            kernel: null,
            config: null,
            failOn: null,
            normalise: null,
            noNormalise: [],
            tolerance: null,
            timeLimit: null
        };
        let runner = null;
        const choose = (choice) => {
            if (runner !== null) {
                return { usage: 'give one of --jupyter and --python' };
            }
            runner = choice;
            return true;
        };
        const option = (arg, value) => {
            if (arg === '--json') {
                request.json = true;
            }
            else if (takesValue(arg, '--jupyter')) {
                const jupyter = value('--jupyter');
                return jupyter
                    ? choose({ jupyter })
                    : { usage: '--jupyter needs a program' };
            }
            else if (takesValue(arg, '--python')) {
                return choose({ python: value('--python', true) ?? '' });
            }
            else if (takesValue(arg, '--kernel')) {
                request.kernel = value('--kernel') || null;
                if (request.kernel === null) {
                    return { usage: '--kernel needs a kernelspec name' };
                }
            }
            else if (takesValue(arg, '--config')) {
                request.config = value('--config') || null;
                if (request.config === null) {
                    return { usage: '--config needs a file' };
                }
            }
            else if (takesValue(arg, '--fail-on')) {
                const statuses = names(value('--fail-on'));
                const known = [...verify_1.FAIL_ON_STATUSES, 'none'];
                const bad = statuses === null ? '' : (0, verify_1.unknownName)(statuses, known);
                if (statuses === null || bad !== null) {
                    return {
                        usage: `--fail-on needs statuses from ${known.join(', ')}${bad ? ` (not ${JSON.stringify(bad)})` : ''}`
                    };
                }
                request.failOn = statuses;
            }
            else if (takesValue(arg, '--normalise') ||
                takesValue(arg, '--no-normalise')) {
                const name = arg.startsWith('--no-') ? '--no-normalise' : '--normalise';
                const given = value(name);
                const list = given === 'none' ? [] : names(given);
                const bad = list === null ? '' : (0, verify_1.unknownName)(list, compareOutputs_1.NORMALISATION_NAMES);
                if (list === null || bad !== null) {
                    return {
                        usage: `${name} needs names from ${compareOutputs_1.NORMALISATION_NAMES.join(', ')}${bad ? ` (not ${JSON.stringify(bad)})` : ''}`
                    };
                }
                if (name === '--normalise') {
                    request.normalise = list;
                }
                else {
                    request.noNormalise.push(...list);
                }
            }
            else if (takesValue(arg, '--tolerance')) {
                request.tolerance = atLeast(value('--tolerance'), 0);
                if (request.tolerance === null) {
                    return { usage: '--tolerance needs a number, 0 or more' };
                }
            }
            else if (takesValue(arg, '--time-limit')) {
                request.timeLimit = atLeast(value('--time-limit'), 1);
                if (request.timeLimit === null) {
                    return { usage: '--time-limit needs seconds, 1 or more' };
                }
            }
            else {
                return false;
            }
            return true;
        };
        return walkArgs(rest, option, files => {
            const file = oneNotebook(files, 'verify');
            return typeof file === 'string'
                ? {
                    verify: { ...request, file },
                    runner: runner ?? { jupyter: 'jupyter' }
                }
                : file;
        });
    }
    /**
     * The one notebook a command takes, or a usage error.
     */
    function oneNotebook(files, command) {
        if (files.length !== 1) {
            return {
                usage: files.length === 0
                    ? 'no notebook given'
                    : `${command} takes one notebook`
            };
        }
        return files[0];
    }
    function parseExportArgs(rest) {
        const formats = new Set();
        let write = false;
        const option = (arg) => {
            if (arg === '--requirements' || arg === '--pep723' || arg === '--lock') {
                formats.add(arg.slice(2));
            }
            else if (arg === '--write') {
                write = true;
            }
            else {
                return false;
            }
            return true;
        };
        return walkArgs(rest, option, files => {
            if (formats.size !== 1) {
                return {
                    usage: `export ${formats.size === 0 ? 'needs' : 'takes only'} one of --requirements, --pep723 and --lock`
                };
            }
            const file = oneNotebook(files, 'export');
            return typeof file === 'string'
                ? { format: [...formats][0], write, file }
                : file;
        });
    }
    /**
     * `nbproject-lab export`: the export on stdout, or written with a
     * summary on stdout; warnings on stderr.
     */
    function runExport(format, write, file, io) {
        let text;
        try {
            text = io.readFile(file);
        }
        catch (error) {
            io.stderr(`nbproject-lab: ${file}: cannot read (${(0, words_1.fileErrorText)(error)})\n`);
            return ExitCode.BadInput;
        }
        const beside = (name) => path.join(path.dirname(file), name);
        const { exportLocksText, exportNotebookText } = Private.load.exporting();
        let result;
        try {
            result =
                format === 'lock'
                    ? exportLocksText(text, path.basename(file), name => readBeside(beside(name), io))
                    : format === 'requirements'
                        ? Private.one('requirements.txt', exportNotebookText(format, text, path.basename(file), readBeside(beside('requirements.txt'), io)))
                        : Private.one(path.basename(file), exportNotebookText(format, text, path.basename(file), null));
        }
        catch (error) {
            io.stderr(`nbproject-lab: ${error.file}: ${refusedOr(error, 'read')}\n`);
            return ExitCode.BadInput;
        }
        if ('unreadable' in result) {
            io.stderr(`nbproject-lab: ${file}: ${result.unreadable}\n`);
            return ExitCode.BadInput;
        }
        if ('empty' in result) {
            io.stderr(`nbproject-lab: ${file}: ${result.empty}\n`);
            return ExitCode.Failed;
        }
        for (const { export: exported } of result.files) {
            for (const problem of exported.problems) {
                io.stderr(`nbproject-lab: ${file}: warning: ${problem}\n`);
            }
        }
        if (!write) {
            for (const { name, export: exported } of result.files) {
                io.stdout(result.files.length > 1
                    ? `==> ${name} <==\n${exported.text}`
                    : exported.text);
            }
            return ExitCode.Ok;
        }
        for (const { name, export: exported } of result.files) {
            // The notebook itself for the PEP 723 cell, else a file beside it.
            const target = format === 'pep723' ? file : beside(name);
            if (!exported.changed) {
                io.stdout(`${target}: up to date\n`);
                continue;
            }
            try {
                (io.writeFile ?? files_1.writeTextFile)(target, exported.text);
            }
            catch (error) {
                io.stderr(`nbproject-lab: ${target}: ${refusedOr(error, 'write')}\n`);
                return ExitCode.BadInput;
            }
            const [headline, ...details] = exported.summary;
            io.stdout([
                `${format === 'pep723' ? 'Updated' : 'Wrote'} ${target}: ${headline}`,
                ...details.map(line => `  ${line}`)
            ]
                .map(line => `${line}\n`)
                .join(''));
        }
        return ExitCode.Ok;
    }
    Private.runExport = runExport;
    /**
     * One export as a list of one file.
     */
    function one(name, result) {
        return 'export' in result
            ? { files: [{ name, export: result.export }] }
            : result;
    }
    Private.one = one;
    /**
     * The text of a file beside the notebook, or `null` when there is none.
     * Not named by the user: whatever is there is only read if it is a
     * regular file of a sensible size (a link may point at a secret); else
     * this throws, with the file named.
     */
    function readBeside(target, io) {
        try {
            return io.readFile(target, {
                noFollow: true,
                maxBytes: REQUIREMENTS_MAX_BYTES
            });
        }
        catch (error) {
            if (error.code === 'ENOENT') {
                return null;
            }
            throw Object.assign(error, { file: target });
        }
    }
    /**
     * The largest `requirements.txt` read (1 MiB): a bigger one is not a
     * list of requirements.
     */
    const REQUIREMENTS_MAX_BYTES = 1 << 20;
    /**
     * What to say about a file that could not be read (the
     * `requirements.txt` beside the notebook, which a failed read also
     * leaves unwritten) or written: why it was refused, or Node's words.
     */
    function refusedOr(error, action) {
        const code = error?.code;
        const outcome = action === 'read' ? 'nothing read or written' : 'nothing written';
        if (code === 'ESYMLINK' || code === 'ELOOP') {
            return action === 'read'
                ? `refused: a symbolic link (export reads and writes only a regular file, never through a link); ${outcome}`
                : `refused: a symbolic link (--write never writes through a link); ${outcome}`;
        }
        if (error instanceof files_1.RefusedFileError) {
            return `refused: ${error.message}; ${outcome}`;
        }
        return `cannot ${action} (${(0, words_1.fileErrorText)(error)})`;
    }
    /**
     * The hidden-state verdict in words: is some state hidden?
     */
    Private.HIDDEN_VERDICT = {
        hidden: 'hidden state found',
        unsure: 'not sure whether state is hidden',
        clean: 'no hidden state found'
    };
    /**
     * How many times the installs check reported each install line, by
     * `cell:line`.
     */
    function installsReported(findings) {
        const counts = new Map();
        for (const { issue, cell } of findings) {
            if (issue.code === 'installs.line') {
                const key = `${cell}:${issue.params.line}`;
                counts.set(key, (counts.get(key) ?? 0) + 1);
            }
        }
        return counts;
    }
    /**
     * The human-readable report on one notebook.
     */
    function describe(file, check, required, failed, findings, data) {
        const { consecutiveness, imports, metadata } = check;
        const lines = [(0, words_1.printable)(file)];
        // A label, then its first line beside it and the others below. The
        // texts quote the notebook: control characters are written out, so
        // that none starts a line of its own (a GitHub workflow command).
        const block = (label, texts) => {
            texts.forEach((text, i) => {
                lines.push(`  ${(i === 0 ? label : '').padEnd(12)} ${(0, words_1.printable)(text)}`);
            });
        };
        block('title', [
            check.title ?? 'none (no "# " heading in a markdown cell)'
        ]);
        block('consecutive', [
            consecutiveness.consecutive ? 'yes' : 'no',
            ...consecutiveness.cells.map(cell => `cell ${cell.index + 1}${cell.id === null ? '' : ` (id ${cell.id})`}: ${(0, words_1.consecutivenessText)(cell.issue)}`)
        ]);
        // The imports and hidden state when the run analysed them (no check
        // required, or one that reads them).
        if (imports !== null) {
            block('imports', [
                imports.modules.map(module => module.name).join(', ') || 'none'
            ]);
            // With the installs check run, an install it did not report is
            // allowed inline (by its cell's tag or its line's comment).
            const reported = findings !== undefined && required.includes('installs')
                ? installsReported(findings)
                : null;
            block('installs', imports.installs.map(install => {
                const line = (0, findings_1.withoutCredentials)(install.line);
                const key = `${install.cell}:${line}`;
                const left = reported?.get(key) ?? 0;
                reported?.set(key, left - 1);
                const allowed = reported !== null && left <= 0;
                return `cell ${install.cell + 1}: ${line}${allowed ? ' (allowed)' : ''}`;
            }));
        }
        if (metadata.present) {
            const stored = metadata.metadata;
            block('metadata', [
                `${metadata.valid ? 'valid' : 'invalid'}: id ${stored?.id ?? '-'}, version ${stored?.version ?? '-'}`,
                ...metadata.problems.map(words_1.metadataIssueText)
            ]);
        }
        else {
            block('metadata', ['none (not tracked by nbproject)']);
        }
        const hidden = check.hiddenState;
        if (hidden !== null &&
            (hidden.cells.length > 0 || required.includes('hidden-state'))) {
            block('state', [
                Private.HIDDEN_VERDICT[hidden.verdict],
                ...hidden.cells.map(cell => `cell ${cell.index + 1}: ${cell.issues.map(words_1.hiddenStateText).join('; ')}`)
            ]);
        }
        if (data !== undefined) {
            block('data', [data]);
        }
        if (required.length > 0) {
            block('checks', [
                failed.length > 0
                    ? `failed: ${failed.join(', ')}`
                    : `passed: ${required.join(', ')}`
            ]);
        }
        return `${lines.join('\n')}\n\n`;
    }
    Private.describe = describe;
})(Private || (Private = {}));
