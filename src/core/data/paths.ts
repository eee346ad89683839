// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

/**
 * The largest data file hashed, in bytes (2 GiB): a bigger file is listed
 * as too large to check, not read. The command line's `--max-size`
 * defaults to it.
 */
export const DEFAULT_MAX_DATA_SIZE = 2 * 1024 ** 3;

/**
 * Why a data file was not read.
 *
 * - `outside-root`: the path (as written, or once symbolic links are
 *   resolved) leads out of the root (the notebook's git work tree, or the
 *   folder the user chose);
 * - `hidden`: a folder or the file itself below the root is hidden (its
 *   name starts with `.`), and hidden files are not allowed;
 * - `not-regular`: a directory, FIFO, device or socket, not a file;
 * - `too-large`: larger than the size cap.
 */
export type DataFileRefusal =
  'outside-root' | 'hidden' | 'not-regular' | 'too-large';

/**
 * The names of a path's components below a root, or `null` when the path
 * is not the root or below it. Pure string logic on absolute, resolved
 * paths (no `.` or `..` components; the caller resolves them and symbolic
 * links): `\` counts as `/`, so Windows paths work too.
 *
 * @param root - the root, absolute.
 * @param target - the path, absolute.
 * @returns `[]` for the root itself, `['data', 'x.csv']` below it.
 */
export function componentsBelow(root: string, target: string): string[] | null {
  const split = (path: string) =>
    path
      .replace(/\\/g, '/')
      .split('/')
      .filter(part => part !== '');
  const base = split(root);
  const parts = split(target);
  // A drive letter or a UNC host is the first component: compare it too.
  if (parts.length < base.length || base.some((part, i) => part !== parts[i])) {
    return null;
  }
  return parts.slice(base.length);
}

/**
 * Whether a file or folder name is hidden: it starts with `.` (`.git`,
 * `.env`, `.ssh`), as Jupyter's `allow_hidden` counts them.
 *
 * @param name - one path component.
 */
export function isHiddenName(name: string): boolean {
  return name.startsWith('.') && name !== '.' && name !== '..';
}

/**
 * Whether a data file may be read: below the root, and not hidden below
 * it unless hidden files are allowed. Check the path both as written
 * (resolved without the file system) and once its symbolic links are
 * resolved: either one leaving the root, or going through a hidden
 * folder, is a refusal.
 *
 * @param root - the root, absolute and resolved.
 * @param target - the file, absolute and resolved.
 * @param allowHidden - whether hidden files and folders may be read.
 * @returns why the file may not be read, or `null` when it may.
 */
export function refuseDataPath(
  root: string,
  target: string,
  allowHidden: boolean
): Extract<DataFileRefusal, 'outside-root' | 'hidden'> | null {
  const below = componentsBelow(root, target);
  if (below === null) {
    return 'outside-root';
  }
  return !allowHidden && below.some(isHiddenName) ? 'hidden' : null;
}

/**
 * Whether to suggest recording a data file the code reads but the
 * manifest does not record. Not when hidden files are not allowed and
 * its path, as the code has it, goes through a hidden name (`.env`,
 * `data/.cache/x.csv`, `~/.aws/credentials`), or the reader refused it
 * as hidden (a symbolic link into a hidden folder): the reader would not
 * read it, and such files hold credentials, not data. The command line
 * and the notebook header both ask this.
 *
 * @param path - the path as the code has it.
 * @param allowHidden - whether hidden files may be read in this run
 *   (`--allow-hidden`, or the server showing hidden files).
 * @param refusedAsHidden - whether the reader refused the file as hidden.
 */
export function suggestRecording(
  path: string,
  allowHidden: boolean,
  refusedAsHidden = false
): boolean {
  return (
    allowHidden ||
    (!refusedAsHidden && !normalizeDataPath(path).split('/').some(isHiddenName))
  );
}

/**
 * Normalize a data file path for storing and comparing: `\` becomes `/`
 * (Windows paths and `r"data\x.csv"`), repeated slashes and `.` segments
 * go, `a/../` collapses where it can (leading `..` stay), and a trailing
 * slash goes. A drive (`C:`) or a leading `/` or `~` is kept. Pure string
 * logic: the file system is not asked, so symbolic links are not resolved.
 *
 * @param path - a path as the code or the user wrote it.
 * @returns the normalized path; `""` for an empty one.
 */
export function normalizeDataPath(path: string): string {
  const slashed = path.trim().replace(/\\/g, '/');
  const drive = /^[A-Za-z]:(?=\/|$)/.exec(slashed)?.[0] ?? '';
  const rest = slashed.slice(drive.length);
  const absolute = rest.startsWith('/');
  const parts: string[] = [];
  for (const part of rest.split('/')) {
    if (part === '' || part === '.') {
      continue;
    }
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') {
      parts.pop();
    } else if (part !== '..' || !absolute) {
      // `/..` is `/`; a relative path keeps its leading `..`.
      parts.push(part);
    }
  }
  const joined = parts.join('/');
  if (absolute) {
    return `${drive}/${joined}`;
  }
  if (joined !== '') {
    return drive + joined;
  }
  return slashed === '' ? '' : drive || '.';
}
