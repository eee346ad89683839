"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.howToFixText = howToFixText;
exports.consecutivenessText = consecutivenessText;
exports.hiddenStateText = hiddenStateText;
exports.dynamicFeatureText = dynamicFeatureText;
exports.unparsedText = unparsedText;
exports.dataRefusalWords = dataRefusalWords;
exports.valueText = valueText;
exports.metadataIssueText = metadataIssueText;
exports.manifestIssueText = manifestIssueText;
exports.findingText = findingText;
exports.snapshotIssueText = snapshotIssueText;
exports.verifiedCellText = verifiedCellText;
exports.fileErrorText = fileErrorText;
exports.printable = printable;
exports.someNamed = someNamed;
exports.notebookCount = notebookCount;
exports.missingPackageText = missingPackageText;
const scanLimits_1 = require("../core/common/scanLimits");
/**
 * The CLI's words for the codes core returns: plain English, the texts
 * the extension shows in English, so that reports read the same in both.
 */
/**
 * How to fix a check that failed, once per run: its SARIF rule's help.
 * The human report ends with one such line per check that failed, and
 * the GitHub step summary lists them.
 *
 * @param check - the check's name (`paths`).
 * @param help - what to do about its findings.
 */
function howToFixText(check, help) {
    return `How to fix ${check}: ${help}`;
}
/**
 * Why a code cell breaks consecutiveness, in words.
 *
 * @param issue - an offending cell's issue.
 */
function consecutivenessText(issue) {
    switch (issue.code) {
        case 'not-run':
            return 'Not run';
        case 'not-from-one':
            return `Does not start at 1: first count is ${issue.params.count}`;
        case 'run-twice':
            return `Ran twice: count ${issue.params.count} was already used`;
        case 'out-of-order':
            return `Ran out of order: count ${issue.params.count} after ${issue.params.after}`;
        case 'skipped-before':
            return `Cells were skipped before it (count ${issue.params.count} after ${issue.params.after})`;
        default:
            return unworded(issue);
    }
}
/**
 * Why a code cell depends on hidden state, in words.
 *
 * @param issue - one issue of a cell of the hidden-state report.
 */
function hiddenStateText(issue) {
    switch (issue.code) {
        case 'undefined-name':
            return `Uses ${issue.params.name}, defined nowhere in the notebook`;
        case 'defined-later':
            return `Uses ${issue.params.name} before cell ${issue.params.cell + 1} defines it`;
        case 'later-definition':
            return `Ran with ${issue.params.name} from cell ${issue.params.cell + 1}, below it`;
        case 'stale-definition':
            return `Ran with ${issue.params.name} from cell ${issue.params.cell + 1}, edited since`;
        case 'unresolved':
            return `Not sure where ${issue.params.name} comes from (cell ${issue.params.cell + 1} may define it)`;
        case 'dynamic':
            return `Not sure what it defines: ${dynamicFeatureText(issue.params.feature)}`;
        default:
            return unworded(issue);
    }
}
/**
 * What makes a cell's names unknown, in words (the extension's, with the
 * limit a cell not read passed).
 *
 * @param feature - from a `dynamic` hidden-state issue.
 */
function dynamicFeatureText(feature) {
    switch (feature) {
        case 'exec':
            return 'it calls exec';
        case 'globals':
            return 'it reaches globals()';
        case 'get-ipython':
            return 'it calls get_ipython()';
        case 'star-import':
            return 'it imports *';
        case 'magic':
            return 'a magic such as %run';
        case 'long':
        case 'nested':
            return `${unparsedText(feature, scanLimits_1.SCAN_LIMITS.maxParsedCell, scanLimits_1.MAX_NESTING)}, so it was not read`;
        default:
            return unworded(feature);
    }
}
/**
 * Why a code cell was not read as Python, in words: `it is longer than
 * 100,000 characters`.
 *
 * @param reason - why.
 * @param limit - the longest cell read, in characters.
 * @param nesting - the deepest nesting of brackets read.
 */
function unparsedText(reason, limit, nesting) {
    switch (reason) {
        case 'long':
            return `it is longer than ${limit.toLocaleString('en-US')} characters`;
        case 'nested':
            return `its brackets nest deeper than Python allows (${nesting} levels)`;
        default:
            return unworded(reason);
    }
}
/**
 * Lines of a cell too long to scan, in words: `2 lines were too long to
 * scan for credentials (over 10,000 characters); the first is line 4`
 * (in the cell's source), `...: it is in output 2, line 7` (in an
 * output's text).
 *
 * @param what - what the scan looks for.
 */
function unscannedText({ count, first, limit, output, outputLine }, what) {
    const where = first !== null
        ? `line ${first}`
        : output === undefined || output === null
            ? 'in an output'
            : `in output ${output + 1}${outputLine === undefined || outputLine === null ? '' : `, line ${outputLine}`}`;
    const over = `(over ${limit.toLocaleString('en-US')} characters)`;
    return count === 1
        ? `1 line was too long to scan for ${what} ${over}: it is ${where}.`
        : `${count} lines were too long to scan for ${what} ${over}; the first is ${where}.`;
}
/**
 * Why a data file was not read, in words, and what would read it:
 * `outside the root /repo`; `too large to check (3000 bytes; the cap is
 * 1024, --max-size)`; without the root or the sizes, the same words
 * without them.
 *
 * @param unread - why.
 * @param known - the root, the file's size and the cap, when known.
 */
function dataRefusalWords(unread, known = {}) {
    const { root, size, maxSize } = known;
    switch (unread) {
        case 'outside-root':
            return {
                why: root === undefined ? 'outside the root' : `outside the root ${root}`
            };
        case 'hidden':
            return {
                why: 'hidden (a name below the root starts with ".")',
                hint: '--allow-hidden reads it'
            };
        case 'not-regular':
            return { why: 'not a regular file (a FIFO, device or socket)' };
        case 'too-large':
            return {
                why: maxSize === undefined
                    ? 'too large to check (--max-size)'
                    : `too large to check (${size === null || size === undefined ? `over ${maxSize}` : size} bytes; the cap is ${maxSize}, --max-size)`
            };
        default:
            return { why: unworded(unread) };
    }
}
/**
 * A stranger's JSON value named: `the text "abc"`, `the number 3`,
 * `a list`, `null`...
 *
 * @param shape - what core made of the value.
 */
function valueText(shape) {
    switch (shape.type) {
        case 'null':
            return 'null';
        case 'list':
            return 'a list';
        case 'object':
            return 'an object';
        case 'text':
            return `the text ${shape.text}`;
        case 'number':
        case 'boolean':
            return `the ${shape.type} ${shape.value}`;
        case 'other':
            return `a ${shape.name}`;
        default:
            return unworded(shape);
    }
}
/**
 * What is wrong with a notebook's nbproject metadata, in words.
 *
 * @param issue - one problem of `readNbproject`.
 */
function metadataIssueText(issue) {
    switch (issue.code) {
        case 'metadata.notObject':
            return `The nbproject metadata is ${valueText(issue.params.value)}, not an object.`;
        case 'metadata.fieldMissing':
            return `The "${issue.params.field}" field is missing.`;
        case 'metadata.fieldNotText':
            return `The "${issue.params.field}" field is ${valueText(issue.params.value)}, not a string.`;
        case 'metadata.versionNumber':
            return `The "version" field is the number ${issue.params.version}; nbproject needs a string ("${issue.params.version}").`;
        case 'metadata.timeNotIso':
            return `The "time_init" field (${issue.params.time}) is not an ISO 8601 time.`;
        case 'metadata.packagesNotObject':
            return `The "pypackage" field is ${valueText(issue.params.value)}, not an object of package versions.`;
        case 'metadata.packageVersionNotText':
            return `The version of package ${issue.params.name} is ${valueText(issue.params.value)}, not a string.`;
        case 'metadata.morePackageVersionsNotText':
            return issue.params.count === 1
                ? 'The version of 1 more package is not a string.'
                : `The versions of ${issue.params.count} more packages are not strings.`;
        case 'metadata.parentNotIds':
            return `The "parent" field is ${valueText(issue.params.value)}, not an id or a list of ids.`;
        default:
            return unworded(issue);
    }
}
/**
 * What could not be read in a data manifest, in words.
 *
 * @param issue - one problem of `readDataManifest`.
 */
function manifestIssueText(issue) {
    switch (issue.code) {
        case 'manifest.badEntry':
            return `Data file ${issue.params.index + 1} of the manifest could not be read; it was ignored.`;
        case 'manifest.notList':
            return 'The data manifest is not an object with a list of files; it was ignored.';
        case 'manifest.duplicate':
            return `The data file "${issue.params.path}" is recorded twice; the first is used.`;
        default:
            return unworded(issue);
    }
}
/**
 * The end of a wording switch: the type check fails when a code has no
 * words; at run time an unknown code is printed as is.
 *
 * @param issue - what no case matched (`never` to the type checker).
 */
function unworded(issue) {
    const { code, type } = issue;
    return String(code ?? type);
}
/**
 * Word an issue by its code's entry; an unknown code (a stranger's, at
 * run time) is printed as is.
 */
function worded(wording, issue) {
    const word = wording[issue.code];
    return word === undefined ? String(issue.code) : word(issue);
}
/**
 * The words of each finding.
 */
const FINDING_WORDS = {
    'consecutive.cell': ({ params }) => consecutivenessText(params.issue),
    'title.missing': () => 'No title: no Markdown cell has a "# " heading.',
    'hidden-state.cell': ({ params }) => hiddenStateText(params.issue),
    'metadata.missing': () => 'No nbproject metadata: the notebook is not tracked by nbproject.',
    'metadata.problem': ({ params }) => metadataIssueText(params.issue),
    'secrets.found': ({ params: { kind, excerpt, output, advice } }) => `A credential (${kind})${output === null ? '' : ` in output ${output + 1}`}: ${excerpt}. ${worded(SECRET_ADVICE_WORDS, advice)}`,
    'secrets.unscanned': ({ params }) => unscannedText(params, 'credentials'),
    'paths.home': ({ params: { user, path, advice } }) => `An absolute path in ${user}'s home directory: ${path}. ${worded(PATH_ADVICE_WORDS, advice)}`,
    'paths.unscanned': ({ params }) => unscannedText(params, 'home-directory paths'),
    'installs.line': ({ params }) => `Installs packages at run time: ${params.line}`,
    'pinned.notStored': ({ params: { name, module } }) => `${name}${module === name ? '' : ` (imported as ${module})`} is imported but its version is not stored.`,
    'pinned.noVersion': ({ params }) => `${params.name} is stored without a version.`,
    'pinned.namespace': ({ params: { module, names } }) => `${module} is a namespace: taken as the stored ${names.join(', ')} (--python tells which distributions the imports come from).`,
    'pinned.unread': ({ params: { reason, limit, nesting } }) => `The cell was not read for imports: ${unparsedText(reason, limit, nesting)}; the packages it imports are not checked.`,
    'match.mismatch': ({ params: { name, stored, live } }) => `${name}: ${Private.stored(stored)}, installed ${live}.`,
    'match.missing': ({ params: { name, stored } }) => `${name}: ${Private.stored(stored)}, not installed.`,
    'declared.disagrees': ({ params: { source, name, declared, stored, code } }) => code === 'declared.notStored'
        ? `${source} declares ${name}${declared}, which pypackage does not store.`
        : `${source} declares ${name}${declared}, pypackage stores ${stored}.`,
    'data.changed': ({ params }) => `Data file ${params.path} changed since it was recorded.`,
    'data.missing': ({ params: { path, unread } }) => unread === null
        ? `Data file ${path} is recorded but missing.`
        : `Data file ${path} is recorded but was not read: ${Private.refusal(unread)}.`,
    'data.new': ({ params }) => `Data file ${params.path} is read by the code but not recorded.`
};
/**
 * What to do about a credential.
 */
const SECRET_ADVICE_WORDS = {
    'secret.envOutput': () => 'Clear the output; load the file without printing it.',
    'secret.keyInSource': ({ params }) => `Keep the key in a file whose path comes from the environment (${params.variable}), and replace it.`,
    'secret.keyInOutput': () => 'Clear the output and replace the key.',
    'secret.printed': () => 'Clear the output and revoke the credential.',
    'secret.saved': ({ params }) => `Read it from the environment (${params.variable}) and revoke it.`
};
/**
 * What to write instead of an absolute path.
 */
const PATH_ADVICE_WORDS = {
    'path.relative': ({ params }) => `Write ${params.relative} instead.`,
    'path.noDirectory': ({ params }) => `Write a path relative to the notebook, or read the location from an environment variable (Path(os.environ["DATA_DIR"]) / "${params.file}").`,
    'path.outsideProject': ({ params }) => `Move ${params.file} into the project, or read its location from an environment variable.`,
    'path.home': () => 'Read the home directory with Path.home() (pathlib): it is the home of whoever runs the notebook.'
};
/**
 * A finding of `nbproject-lab check`, in words (credentials already
 * masked by the check).
 *
 * @param issue - what the check found.
 */
function findingText(issue) {
    return worded(FINDING_WORDS, issue);
}
/**
 * What could not be read in a stored environment snapshot, in words.
 *
 * @param issue - from `readEnvironmentSnapshot`.
 */
function snapshotIssueText(issue) {
    return issue.code === 'environment.badPackage'
        ? `an entry of the environment snapshot is not "name==version" and was left out: ${issue.params.entry}`
        : 'the stored environment snapshot is not an object with a package list';
}
/**
 * How a verified cell compared, in words (the extension's words).
 *
 * @param cell - a cell of a verification's result.
 */
function verifiedCellText(cell) {
    const image = cell.imageDiffers ? ' (an image differs too)' : '';
    switch (cell.status) {
        case 'same':
            return cell.imageDiffers ? 'same, but an image differs' : 'same';
        case 'differs':
            return `differs${image}`;
        case 'error-now':
            return `${cell.error ? `error now: ${cell.error}` : 'error now'}${image}`;
        case 'error-before':
            return `error before, runs now${image}`;
        case 'no-output':
            return `no stored output${image}`;
        default:
            return String(cell.status);
    }
}
/**
 * What the system said when a file or program could not be used, in
 * words (`no such file or folder`, not `ENOENT`); the system's own message
 * for the rarer causes, and for a refusal of ours (a link, a file too
 * large), already in words.
 *
 * @param error - what Node threw or emitted.
 */
function fileErrorText(error) {
    const { code, message } = (error ?? {});
    const words = code === undefined ? undefined : Private.FILE_ERRORS[code];
    return words ?? (message || String(error));
}
/**
 * Module internals.
 */
var Private;
(function (Private) {
    /**
     * {@link fileErrorText}'s words, by the system's code.
     */
    Private.FILE_ERRORS = {
        ENOENT: 'no such file or folder',
        ENOTDIR: 'a part of the path is a file, not a folder',
        EISDIR: 'a folder, not a file',
        EACCES: 'permission denied',
        EPERM: 'not permitted',
        ELOOP: 'too many symbolic links',
        ENAMETOOLONG: 'the name is too long',
        EMFILE: 'too many open files'
    };
    /**
     * A stored version in words: `stored 1.26.4`, or `stored without a
     * version` for an empty one.
     */
    function stored(version) {
        return version === '' ? 'stored without a version' : `stored ${version}`;
    }
    Private.stored = stored;
    /**
     * Why a data file was not read, with what would read it.
     */
    function refusal(unread) {
        const { why, hint } = dataRefusalWords(unread);
        return hint === undefined ? why : `${why}; ${hint}`;
    }
    Private.refusal = refusal;
})(Private || (Private = {}));
/**
 * Text shown on a line of the text report or stderr, with its control
 * characters written out (`\n` as `\u000a`): a file name from the tree
 * checked cannot start a line of its own, which a CI runner would read
 * as a command (`::error ...`).
 */
function printable(text) {
    return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, char => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
/**
 * The first `most` names, comma-separated, and how many more there are:
 * `a.ipynb, b.ipynb and 3 more`.
 */
function someNamed(names, most) {
    // `and 1 more` would be no shorter than the name.
    const shown = names.length === most + 1 ? names.length : most;
    const listed = names.slice(0, shown).join(', ');
    return names.length > shown
        ? `${listed} and ${names.length - shown} more`
        : listed;
}
/**
 * `1 notebook`, `2 notebooks`.
 */
function notebookCount(count) {
    return count === 1 ? '1 notebook' : `${count} notebooks`;
}
/**
 * What is said when a package the program needs is not installed (a clone
 * without `npm install`): what, and what to run.
 *
 * @param name - the package's name.
 * @param folder - the program's folder, where to run it.
 */
function missingPackageText(name, folder) {
    return {
        what: `the package ${name} it needs is not installed`,
        why: `run "npm install --omit=dev" in ${folder}`
    };
}
