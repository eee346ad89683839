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
exports.SKIPPED_FOLDERS = exports.OPEN_NONBLOCK = exports.RefusedFileError = void 0;
exports.refuseUnlessRegular = refuseUnlessRegular;
exports.countWithinCap = countWithinCap;
exports.readTextFile = readTextFile;
exports.writeTextFile = writeTextFile;
exports.notebooksUnder = notebooksUnder;
exports.isLocalModule = isLocalModule;
exports.gitTracked = gitTracked;
exports.childProcess = childProcess;
const fs = __importStar(require("fs"));
const path_1 = require("path");
const words_1 = require("./words");
/**
 * The error thrown for a refused file; `code` is `ESYMLINK`, `ENOTREG`
 * (`EISDIR` for a directory) or `EFBIG`, so that callers that only look
 * at Node's codes still see a failure.
 */
class RefusedFileError extends Error {
    /**
     * Create the error.
     *
     * @param refusal - why.
     * @param path - the file.
     * @param stat - what `stat` said of it, when known.
     */
    constructor(refusal, path, stat) {
        const directory = refusal === 'not-regular' && !!stat?.isDirectory();
        super(directory ? 'a directory, not a regular file' : Private.WORDS[refusal]);
        this.refusal = refusal;
        this.path = path;
        this.code = directory ? 'EISDIR' : Private.CODES[refusal];
        this.size = stat?.size ?? null;
    }
}
exports.RefusedFileError = RefusedFileError;
/**
 * Refuse what is not a regular file of at most `maxBytes` bytes.
 *
 * @param path - the file, for the error.
 * @param stat - what `stat` or `fstat` said of it.
 * @param maxBytes - the size limit.
 * @throws a {@link RefusedFileError}.
 */
function refuseUnlessRegular(path, stat, maxBytes = Infinity) {
    if (!stat.isFile()) {
        throw new RefusedFileError('not-regular', path, stat);
    }
    if (stat.size > maxBytes) {
        throw new RefusedFileError('too-large', path, stat);
    }
}
/**
 * Count a chunk read from a file against its cap: a file may grow while it
 * is read (or say 0 bytes, under /proc), so the cap is held on what is
 * read, not only on what `stat` said.
 *
 * @param path - the file, for the error.
 * @param total - the bytes read before the chunk.
 * @param count - the chunk's size.
 * @param maxBytes - the size limit.
 * @returns the bytes read with the chunk.
 * @throws a {@link RefusedFileError} (`too-large`) past the cap.
 */
function countWithinCap(path, total, count, maxBytes) {
    if (total + count > maxBytes) {
        throw new RefusedFileError('too-large', path);
    }
    return total + count;
}
/**
 * `open` flags that never wait: opening a FIFO must not block until a
 * writer comes (`O_NONBLOCK` where the platform has it).
 */
exports.OPEN_NONBLOCK = fs.constants.O_NONBLOCK ?? 0;
/**
 * Read a regular file as UTF-8 text, never blocking on a FIFO or device
 * and never reading one: the descriptor is opened non-blocking and
 * checked with `fstat` before a byte is read.
 *
 * @param path - the file.
 * @param options - whether to follow a symbolic link; a size limit.
 * @returns the text; throws Node's error (`ENOENT`, `EACCES`, ...) or a
 *   {@link RefusedFileError}.
 */
function readTextFile(path, options = {}) {
    if (options.noFollow) {
        Private.refuseLink(path);
    }
    const fd = fs.openSync(path, fs.constants.O_RDONLY |
        exports.OPEN_NONBLOCK |
        (options.noFollow ? Private.NOFOLLOW : 0));
    try {
        const limit = options.maxBytes ?? Infinity;
        const stat = fs.fstatSync(fd);
        refuseUnlessRegular(path, stat, limit);
        // Read to the end, not `stat.size` bytes: the file may have grown, and
        // files under /proc say 0. One buffer of the size said (a byte more
        // to see the end), doubled only when the file grew.
        let buffer = Buffer.allocUnsafe(Math.max(stat.size + 1, 1 << 16));
        let total = 0;
        for (;;) {
            if (total === buffer.length) {
                const larger = Buffer.allocUnsafe(buffer.length * 2);
                buffer.copy(larger, 0, 0, total);
                buffer = larger;
            }
            const count = fs.readSync(fd, buffer, total, buffer.length - total, null);
            if (count === 0) {
                break;
            }
            total = countWithinCap(path, total, count, limit);
        }
        // Only the bytes read: the rest of the buffer was never written.
        return buffer.toString('utf8', 0, total);
    }
    finally {
        fs.closeSync(fd);
    }
}
/**
 * Write UTF-8 text to a regular file (created when missing), never
 * through a symbolic link and never into a FIFO or device: such a target
 * is refused and left as it is.
 *
 * @param path - the file.
 * @param text - its new content.
 * @throws Node's error, or a {@link RefusedFileError}.
 */
function writeTextFile(path, text) {
    Private.refuseLink(path);
    // No O_TRUNC: nothing is truncated before the descriptor is checked.
    const fd = fs.openSync(path, fs.constants.O_WRONLY |
        fs.constants.O_CREAT |
        exports.OPEN_NONBLOCK |
        Private.NOFOLLOW, 0o666);
    try {
        refuseUnlessRegular(path, fs.fstatSync(fd));
        fs.ftruncateSync(fd, 0);
        fs.writeFileSync(fd, text, 'utf8');
    }
    finally {
        fs.closeSync(fd);
    }
}
/**
 * The folders a walk does not enter: their name starts with `.` (`.git`,
 * `.ipynb_checkpoints`, `.venv`), or they hold installed or built code.
 */
exports.SKIPPED_FOLDERS = new Set([
    'node_modules',
    '__pycache__',
    'site-packages'
]);
/**
 * The notebooks under `folder`, or `null` when it is not a folder (a file,
 * or nothing). The walk reads names only, never follows a symbolic link
 * (links to notebooks and to folders are listed in `links`), lists the
 * `.ipynb` names that are not regular files in `irregular`, skips the
 * folders {@link SKIPPED_FOLDERS} names and those whose name starts with
 * `.`, and lists the folders it cannot read. Its time is linear in the
 * entries below the folder.
 *
 * @param folder - the path given (followed when it is itself a link).
 */
function notebooksUnder(folder) {
    let stat;
    try {
        stat = fs.statSync(folder);
    }
    catch {
        return null;
    }
    if (!stat.isDirectory()) {
        return null;
    }
    const found = {
        notebooks: [],
        links: [],
        irregular: [],
        unreadable: []
    };
    // Depth first: a folder's notebooks, then its subfolders, by name.
    const pending = [folder];
    while (pending.length > 0) {
        const dir = pending.pop();
        let entries;
        try {
            entries = fs.readdirSync(dir, { withFileTypes: true });
        }
        catch (error) {
            found.unreadable.push({ folder: dir, why: (0, words_1.fileErrorText)(error) });
            continue;
        }
        entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        const folders = [];
        for (const entry of entries) {
            const where = (0, path_1.join)(dir, entry.name);
            if (entry.isDirectory()) {
                if (!entry.name.startsWith('.') && !exports.SKIPPED_FOLDERS.has(entry.name)) {
                    folders.push(where);
                }
            }
            else if (entry.isSymbolicLink()) {
                if (entry.name.endsWith('.ipynb') || Private.linksToFolder(where)) {
                    found.links.push(where);
                }
            }
            else if (entry.name.endsWith('.ipynb')) {
                (entry.isFile() ? found.notebooks : found.irregular).push(where);
            }
        }
        // Popped in name order (a loop: a spread of many folders would pass
        // more arguments than a call takes).
        for (let i = folders.length - 1; i >= 0; i--) {
            pending.push(folders[i]);
        }
    }
    return found;
}
/**
 * Whether `import name` in a notebook of `folder` imports a module of that
 * folder, not an installed package: the kernel runs in the notebook's
 * folder, first on Python's path, so `helpers.py` or
 * `helpers/__init__.py` there is `import helpers`. A folder without
 * `__init__.py` is not: an installed package of its name comes first.
 * Two file checks (no folder is listed, nothing is read).
 *
 * @param folder - the notebook's folder.
 * @param name - the top-level module imported.
 */
function isLocalModule(folder, name) {
    return (Private.IDENTIFIER.test(name) &&
        (Private.isFile((0, path_1.join)(folder, `${name}.py`)) ||
            Private.isFile((0, path_1.join)(folder, name, '__init__.py'))));
}
/**
 * Module internals.
 */
var Private;
(function (Private) {
    /**
     * A name `import` accepts (ASCII; a module file named otherwise cannot
     * be imported by its name).
     */
    Private.IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
    /**
     * Whether a path is a regular file (through links, as Python's import).
     */
    function isFile(path) {
        try {
            return fs.statSync(path).isFile();
        }
        catch {
            return false;
        }
    }
    Private.isFile = isFile;
    /**
     * Whether a symbolic link leads to a folder (of a name not starting with
     * `.`, which the walk would have entered).
     */
    function linksToFolder(link) {
        if ((0, path_1.basename)(link).startsWith('.') || exports.SKIPPED_FOLDERS.has((0, path_1.basename)(link))) {
            return false;
        }
        try {
            return fs.statSync(link).isDirectory();
        }
        catch {
            return false;
        }
    }
    Private.linksToFolder = linksToFolder;
    /**
     * `O_NOFOLLOW` where the platform has it: a link swapped in after the
     * `lstat` still fails to open (`ELOOP`).
     */
    Private.NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;
    Private.WORDS = {
        symlink: 'a symbolic link',
        'not-regular': 'not a regular file (a FIFO, device or socket)',
        'too-large': 'too large'
    };
    Private.CODES = {
        symlink: 'ESYMLINK',
        'not-regular': 'ENOTREG',
        'too-large': 'EFBIG'
    };
    /**
     * Throw when the path is a symbolic link; a missing file is fine.
     */
    function refuseLink(path) {
        let stat;
        try {
            stat = fs.lstatSync(path);
        }
        catch (error) {
            if (error.code === 'ENOENT') {
                return;
            }
            throw error;
        }
        if (stat.isSymbolicLink()) {
            throw new RefusedFileError('symlink', path);
        }
    }
    Private.refuseLink = refuseLink;
})(Private || (Private = {}));
/**
 * The files git tracks below a folder (in its index: staged files
 * included, files it ignores or was never given not), by absolute path
 * as `path.resolve` names them from the folder given; or why they cannot
 * be listed (not in a git work tree, git not installed).
 *
 * @param folder - a folder of a git work tree.
 */
function gitTracked(folder) {
    const { spawnSync } = childProcess();
    // git runs in the folder: a path a hook's environment gives relative
    // to the working directory is made absolute first.
    const env = { ...process.env };
    for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE']) {
        const value = env[name];
        if (value && !(0, path_1.isAbsolute)(value)) {
            env[name] = (0, path_1.resolve)(value);
        }
    }
    // The notebooks only; those of submodules too (their files are not in
    // the parent's index, only the submodule's commit).
    const args = ['ls-files', '-z', '--cached', '--recurse-submodules'];
    const listed = spawnSync('git', [...args, '--', '*.ipynb'], {
        cwd: folder,
        env,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 60000,
        maxBuffer: 1 << 28,
        windowsHide: true
    });
    if (listed.error) {
        const code = listed.error.code;
        return {
            error: code === 'ENOENT' ? 'git is not installed' : listed.error.message
        };
    }
    if (listed.status !== 0) {
        const said = (listed.stderr ?? '')
            .trim()
            .split('\n')[0]
            .replace(/^fatal: /, '');
        return { error: said || `git exited with ${listed.status}` };
    }
    return new Set(listed.stdout
        .split('\0')
        .filter(name => name !== '')
        .map(name => (0, path_1.resolve)(folder, name)));
}
/**
 * Node's `child_process`, loaded when a program is run (`--python`'s
 * interpreter, `--git-tracked`'s git): a check without them does not load
 * it.
 */
function childProcess() {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('child_process');
}
