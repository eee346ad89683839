// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import * as fs from 'fs';
import { basename, isAbsolute, join, resolve } from 'path';
import { fileErrorText } from './words';

/**
 * Why a file was refused before its content was read or written.
 *
 * - `symlink`: it is a symbolic link, and the caller asked not to follow
 *   one;
 * - `not-regular`: a directory, FIFO, device or socket;
 * - `too-large`: larger than the caller's limit.
 */
export type FileRefusal = 'symlink' | 'not-regular' | 'too-large';

/**
 * The error thrown for a refused file; `code` is `ESYMLINK`, `ENOTREG`
 * (`EISDIR` for a directory) or `EFBIG`, so that callers that only look
 * at Node's codes still see a failure.
 */
export class RefusedFileError extends Error {
  /**
   * A Node-style error code.
   */
  readonly code: string;

  /**
   * The file's size in bytes, when known (for `too-large`).
   */
  readonly size: number | null;

  /**
   * Create the error.
   *
   * @param refusal - why.
   * @param path - the file.
   * @param stat - what `stat` said of it, when known.
   */
  constructor(
    readonly refusal: FileRefusal,
    readonly path: string,
    stat?: fs.Stats
  ) {
    const directory = refusal === 'not-regular' && !!stat?.isDirectory();
    super(
      directory ? 'a directory, not a regular file' : Private.WORDS[refusal]
    );
    this.code = directory ? 'EISDIR' : Private.CODES[refusal];
    this.size = stat?.size ?? null;
  }
}

/**
 * Refuse what is not a regular file of at most `maxBytes` bytes.
 *
 * @param path - the file, for the error.
 * @param stat - what `stat` or `fstat` said of it.
 * @param maxBytes - the size limit.
 * @throws a {@link RefusedFileError}.
 */
export function refuseUnlessRegular(
  path: string,
  stat: fs.Stats,
  maxBytes = Infinity
): void {
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
export function countWithinCap(
  path: string,
  total: number,
  count: number,
  maxBytes: number
): number {
  if (total + count > maxBytes) {
    throw new RefusedFileError('too-large', path);
  }
  return total + count;
}

/**
 * `open` flags that never wait: opening a FIFO must not block until a
 * writer comes (`O_NONBLOCK` where the platform has it).
 */
export const OPEN_NONBLOCK = fs.constants.O_NONBLOCK ?? 0;

/**
 * How to read a text file.
 */
export interface IReadOptions {
  /**
   * Refuse a symbolic link instead of following it: for files the user
   * did not name (the `requirements.txt` beside a notebook).
   */
  noFollow?: boolean;
  /**
   * The most bytes to read; a larger file is refused.
   */
  maxBytes?: number;
}

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
export function readTextFile(path: string, options: IReadOptions = {}): string {
  if (options.noFollow) {
    Private.refuseLink(path);
  }
  const fd = fs.openSync(
    path,
    fs.constants.O_RDONLY |
      OPEN_NONBLOCK |
      (options.noFollow ? Private.NOFOLLOW : 0)
  );
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
  } finally {
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
export function writeTextFile(path: string, text: string): void {
  Private.refuseLink(path);
  // No O_TRUNC: nothing is truncated before the descriptor is checked.
  const fd = fs.openSync(
    path,
    fs.constants.O_WRONLY |
      fs.constants.O_CREAT |
      OPEN_NONBLOCK |
      Private.NOFOLLOW,
    0o666
  );
  try {
    refuseUnlessRegular(path, fs.fstatSync(fd));
    fs.ftruncateSync(fd, 0);
    fs.writeFileSync(fd, text, 'utf8');
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The notebooks a folder holds, found by {@link notebooksUnder}.
 */
export interface IFolderNotebooks {
  /**
   * The `.ipynb` files below it, a folder's by name (in code-unit order)
   * before its subfolders': joined to the folder's path as given.
   */
  notebooks: string[];
  /**
   * The symbolic links below it to notebooks (`.ipynb`) or to folders:
   * not followed.
   */
  links: string[];
  /**
   * The `.ipynb` names below it that are not regular files (a FIFO,
   * device or socket): not read (a walk that lists none may leave it
   * out).
   */
  irregular?: string[];
  /**
   * The folders below it that could not be read, and why.
   */
  unreadable: { folder: string; why: string }[];
}

/**
 * The folders a walk does not enter: their name starts with `.` (`.git`,
 * `.ipynb_checkpoints`, `.venv`), or they hold installed or built code.
 */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set([
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
export function notebooksUnder(folder: string): IFolderNotebooks | null {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(folder);
  } catch {
    return null;
  }
  if (!stat.isDirectory()) {
    return null;
  }
  const found = {
    notebooks: [] as string[],
    links: [] as string[],
    irregular: [] as string[],
    unreadable: [] as IFolderNotebooks['unreadable']
  };
  // Depth first: a folder's notebooks, then its subfolders, by name.
  const pending = [folder];
  while (pending.length > 0) {
    const dir = pending.pop() as string;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      found.unreadable.push({ folder: dir, why: fileErrorText(error) });
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const folders: string[] = [];
    for (const entry of entries) {
      const where = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.') && !SKIPPED_FOLDERS.has(entry.name)) {
          folders.push(where);
        }
      } else if (entry.isSymbolicLink()) {
        if (entry.name.endsWith('.ipynb') || Private.linksToFolder(where)) {
          found.links.push(where);
        }
      } else if (entry.name.endsWith('.ipynb')) {
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
export function isLocalModule(folder: string, name: string): boolean {
  return (
    Private.IDENTIFIER.test(name) &&
    (Private.isFile(join(folder, `${name}.py`)) ||
      Private.isFile(join(folder, name, '__init__.py')))
  );
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * A name `import` accepts (ASCII; a module file named otherwise cannot
   * be imported by its name).
   */
  export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

  /**
   * Whether a path is a regular file (through links, as Python's import).
   */
  export function isFile(path: string): boolean {
    try {
      return fs.statSync(path).isFile();
    } catch {
      return false;
    }
  }

  /**
   * Whether a symbolic link leads to a folder (of a name not starting with
   * `.`, which the walk would have entered).
   */
  export function linksToFolder(link: string): boolean {
    if (basename(link).startsWith('.') || SKIPPED_FOLDERS.has(basename(link))) {
      return false;
    }
    try {
      return fs.statSync(link).isDirectory();
    } catch {
      return false;
    }
  }

  /**
   * `O_NOFOLLOW` where the platform has it: a link swapped in after the
   * `lstat` still fails to open (`ELOOP`).
   */
  export const NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;

  export const WORDS: Record<FileRefusal, string> = {
    symlink: 'a symbolic link',
    'not-regular': 'not a regular file (a FIFO, device or socket)',
    'too-large': 'too large'
  };

  export const CODES: Record<FileRefusal, string> = {
    symlink: 'ESYMLINK',
    'not-regular': 'ENOTREG',
    'too-large': 'EFBIG'
  };

  /**
   * Throw when the path is a symbolic link; a missing file is fine.
   */
  export function refuseLink(path: string): void {
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return;
      }
      throw error;
    }
    if (stat.isSymbolicLink()) {
      throw new RefusedFileError('symlink', path);
    }
  }
}

/**
 * The files git tracks below a folder (in its index: staged files
 * included, files it ignores or was never given not), by absolute path
 * as `path.resolve` names them from the folder given; or why they cannot
 * be listed (not in a git work tree, git not installed).
 *
 * @param folder - a folder of a git work tree.
 */
export function gitTracked(
  folder: string
): ReadonlySet<string> | { error: string } {
  const { spawnSync } = childProcess();
  // git runs in the folder: a path a hook's environment gives relative
  // to the working directory is made absolute first.
  const env = { ...process.env };
  for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE']) {
    const value = env[name];
    if (value && !isAbsolute(value)) {
      env[name] = resolve(value);
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
    const code = (listed.error as NodeJS.ErrnoException).code;
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
  return new Set(
    listed.stdout
      .split('\0')
      .filter(name => name !== '')
      .map(name => resolve(folder, name))
  );
}

/**
 * Node's `child_process`, loaded when a program is run (`--python`'s
 * interpreter, `--git-tracked`'s git): a check without them does not load
 * it.
 */
export function childProcess(): typeof import('child_process') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('child_process') as typeof import('child_process');
}
