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
exports.EXCLUDED_NAMED = exports.CONFIG_FILES = void 0;
exports.findConfig = findConfig;
exports.emptyConfig = emptyConfig;
exports.readConfig = readConfig;
exports.isExcluded = isExcluded;
exports.exclusionNotice = exclusionNotice;
const fs = __importStar(require("fs"));
const nodePath = __importStar(require("path"));
const toml_1 = require("../core/packages/toml");
const distributions_1 = require("../core/packages/distributions");
const words_1 = require("./words");
/**
 * The configuration file names, in the order they are looked for in each
 * folder.
 */
exports.CONFIG_FILES = ['.nbproject-lab.toml', 'pyproject.toml'];
/**
 * Find and read the configuration: in `start` and each folder above it up
 * to the nearest one with a `.git` (the repository's root), the first of
 * {@link CONFIG_FILES} that configures nbproject-lab. A `pyproject.toml`
 * without `[tool.nbproject-lab]` is passed over.
 *
 * @param start - the folder to start from (the working directory).
 * @param readFile - reads a small regular file; throws when it cannot.
 */
function findConfig(start, readFile) {
    for (let dir = nodePath.resolve(start);; dir = nodePath.dirname(dir)) {
        for (const name of exports.CONFIG_FILES) {
            const file = nodePath.join(dir, name);
            let text;
            try {
                text = readFile(file);
            }
            catch {
                continue;
            }
            const config = readConfig(file, text);
            if (config !== null) {
                return config;
            }
        }
        if (fs.existsSync(nodePath.join(dir, '.git')) ||
            nodePath.dirname(dir) === dir) {
            return emptyConfig(start);
        }
    }
}
/**
 * No configuration: nothing required by default, nothing left out.
 *
 * @param base - the folder exclusions would be relative to.
 */
function emptyConfig(base) {
    return {
        file: null,
        require: null,
        ignorePackages: new Set(),
        exclude: [],
        base: nodePath.resolve(base),
        verify: {
            failOn: null,
            normalisations: null,
            tolerance: null,
            timeLimit: null
        },
        problems: []
    };
}
/**
 * Read a configuration file's text.
 *
 * @param file - its path (`pyproject.toml` is read for its
 *   `[tool.nbproject-lab]` table, any other name for its top level).
 * @param text - its text.
 * @returns the configuration, or `null` for a `pyproject.toml` without
 *   the table.
 */
function readConfig(file, text) {
    const parsed = (0, toml_1.parseToml)(text);
    const isPyproject = nodePath.basename(file) === 'pyproject.toml';
    const table = isPyproject
        ? (0, toml_1.tomlGet)(parsed.root, 'tool', 'nbproject-lab')
        : parsed.root;
    if (isPyproject && table === undefined) {
        return null;
    }
    const config = emptyConfig(nodePath.dirname(file));
    config.file = file;
    config.problems.push(...parsed.problems.map(problem => `${problem.line === null ? '' : `line ${problem.line}: `}${problem.message}`));
    if (!(0, toml_1.isTomlTable)(table)) {
        config.problems.push('[tool.nbproject-lab] is not a table');
        return config;
    }
    const list = (key) => Private.stringList(table, key, config.problems);
    config.require = list('require');
    for (const name of list('ignore-packages') ?? []) {
        config.ignorePackages.add((0, distributions_1.normalizeDistribution)(name));
    }
    config.exclude = (list('exclude') ?? []).map(Private.globToRegExp);
    if (table.verify !== undefined) {
        config.verify = Private.verifyTable(table.verify, config.problems);
    }
    for (const key of Object.keys(table)) {
        if (!Private.KEYS.includes(key)) {
            config.problems.push(!isPyproject &&
                key === 'tool' &&
                (0, toml_1.tomlGet)(table, 'tool', 'nbproject-lab')
                ? 'unknown key "tool": this file holds the keys at its top level ([tool.nbproject-lab] is for pyproject.toml)'
                : Private.unknownKey(key, Private.KEYS));
        }
    }
    return config;
}
/**
 * Whether a notebook is excluded by the configuration.
 *
 * @param config - the configuration.
 * @param file - the notebook's path as given (relative to the working
 *   directory, or absolute).
 */
function isExcluded(config, file) {
    const relative = nodePath
        .relative(config.base, nodePath.resolve(file))
        .split(nodePath.sep)
        .join('/');
    return config.exclude.some(pattern => pattern.test(relative));
}
/**
 * The line that says which notebooks given were excluded, and by what:
 * `3 notebooks excluded by pyproject.toml ([tool.nbproject-lab] exclude):
 * a.ipynb, b.ipynb, c.ipynb` (at most {@link EXCLUDED_NAMED} names, then
 * how many more).
 *
 * @param config - the configuration that excluded them.
 * @param excluded - the notebooks, as given.
 * @param cwd - the working directory, to name a file found from; without
 *   it the file is named as read.
 */
function exclusionNotice(config, excluded, cwd) {
    const file = config.file ?? '';
    // A file found is named from the working directory; `--config`'s as
    // given.
    const shown = cwd !== undefined && nodePath.isAbsolute(file)
        ? nodePath.relative(cwd, file) || file
        : file;
    const key = nodePath.basename(file) === 'pyproject.toml'
        ? '[tool.nbproject-lab] exclude'
        : 'exclude';
    return `${(0, words_1.notebookCount)(excluded.length)} excluded by ${shown} (${key}): ${(0, words_1.someNamed)(excluded, exports.EXCLUDED_NAMED)}`;
}
/**
 * The most excluded notebooks {@link exclusionNotice} names.
 */
exports.EXCLUDED_NAMED = 5;
/**
 * Module internals.
 */
var Private;
(function (Private) {
    /**
     * The keys a configuration may have.
     */
    Private.KEYS = ['require', 'ignore-packages', 'exclude', 'verify'];
    /**
     * A key the table does not take, with the one meant when it differs by
     * case or by `_` for `-` (`ignore_packages`).
     */
    function unknownKey(key, known) {
        const spelled = key.toLowerCase().replace(/_/g, '-');
        const meant = known.find(name => name === spelled);
        return `unknown key "${key}"${meant === undefined ? '' : ` (did you mean "${meant}"?)`}`;
    }
    Private.unknownKey = unknownKey;
    /**
     * The keys of the `verify` table.
     */
    const VERIFY_KEYS = ['fail-on', 'normalisations', 'tolerance', 'time-limit'];
    /**
     * The `verify` table's values; a problem for each that is not of its
     * kind (a list of strings, a number of at least 0, of at least 1 for
     * the time limit).
     */
    function verifyTable(value, problems) {
        const verify = {
            failOn: null,
            normalisations: null,
            tolerance: null,
            timeLimit: null
        };
        if (!(0, toml_1.isTomlTable)(value)) {
            problems.push('"verify" is not a table');
            return verify;
        }
        const inner = [];
        verify.failOn = stringList(value, 'fail-on', inner);
        verify.normalisations = stringList(value, 'normalisations', inner);
        const number = (key, least) => {
            const found = value[key];
            if (found === undefined) {
                return null;
            }
            if (typeof found !== 'number' || !(found >= least)) {
                inner.push(`"${key}" is not a number of at least ${least}`);
                return null;
            }
            return found;
        };
        verify.tolerance = number('tolerance', 0);
        verify.timeLimit = number('time-limit', 1);
        for (const key of Object.keys(value)) {
            if (!VERIFY_KEYS.includes(key)) {
                inner.push(unknownKey(key, VERIFY_KEYS));
            }
        }
        problems.push(...inner.map(problem => `verify: ${problem}`));
        return verify;
    }
    Private.verifyTable = verifyTable;
    /**
     * A key's list of strings, or `null` when absent; a problem when it is
     * something else.
     */
    function stringList(table, key, problems) {
        const value = table[key];
        if (value === undefined) {
            return null;
        }
        if (!Array.isArray(value) ||
            !value.every(item => typeof item === 'string')) {
            problems.push(`"${key}" is not a list of strings`);
            return null;
        }
        return value;
    }
    Private.stringList = stringList;
    /**
     * A glob as a regular expression over `/`-separated relative paths.
     */
    function globToRegExp(glob) {
        let out = '';
        for (let i = 0; i < glob.length; i++) {
            const char = glob[i];
            if (char === '*' && glob[i + 1] === '*') {
                // `**/` matches any folders, none included; `**` at the end all.
                const slash = glob[i + 2] === '/';
                out += slash ? '(?:.*/)?' : '.*';
                i += slash ? 2 : 1;
            }
            else if (char === '*') {
                out += '[^/]*';
            }
            else if (char === '?') {
                out += '[^/]';
            }
            else {
                out += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
            }
        }
        // A folder's pattern excludes what is below it too.
        return new RegExp(`^${out.replace(/\/$/, '')}(?:/.*)?$`);
    }
    Private.globToRegExp = globToRegExp;
})(Private || (Private = {}));
