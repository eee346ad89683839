// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { normalizeDataPath } from '../data/paths';
import { ICellLike, joinSource } from '../notebook/cells';
import {
  IScanLimits,
  SCAN_LIMITS,
  withoutLongLines
} from '../common/scanLimits';
import { cut } from '../common/text';

/**
 * A user-specific absolute path written in a cell.
 */
export interface IAbsolutePathFinding {
  /**
   * Position of the cell in the notebook's list of all cells.
   */
  cell: number;
  /**
   * The line in the cell's source, from 1.
   */
  line: number;
  /**
   * The path as written (`\\` of a Python string read as `\`), cut to
   * 200 characters.
   */
  path: string;
  /**
   * The user whose home directory it is in.
   */
  user: string;
  /**
   * The path to write instead, relative to the notebook's directory, when
   * the notebook's directory is known and shares a project directory with
   * the path; `null` otherwise.
   */
  relative: string | null;
  /**
   * What to write instead.
   */
  advice: PathAdvice;
}

/**
 * What to write instead of an absolute path, as a code with parameters:
 *
 * - `path.relative`: the path relative to the notebook (`relative`);
 * - `path.noDirectory`: the notebook's directory is unknown: a relative
 *   path, or the location from an environment variable (`file` is the
 *   file's name, for `Path(os.environ["DATA_DIR"]) / "file"`);
 * - `path.outsideProject`: the file is outside the notebook's project:
 *   move it in, or read its location from an environment variable;
 * - `path.home`: the path is a home directory itself (`/home/alice`):
 *   `Path.home()` gives the home directory of whoever runs the notebook.
 */
export type PathAdvice =
  | { code: 'path.relative'; params: { relative: string } }
  | { code: 'path.home'; params: Record<string, never> }
  | {
      code: 'path.noDirectory' | 'path.outsideProject';
      params: { file: string };
    };

/**
 * Find user-specific absolute paths in code and Markdown cells: paths in
 * a home directory, `/home/<user>/...`, `/Users/<user>/...` (macOS),
 * `/root/...`, `C:\Users\<user>\...` (any drive, `\`, `\\` or `/`
 * separators, in raw strings or not) and `/mnt/c/Users/<user>/...` (WSL).
 * They stop working on any other machine. Never throws.
 *
 * Left alone, on purpose: `~/...` (it names no user and resolves for
 * whoever runs the notebook; data there is still outside the project,
 * which the data manifest records), shared directories
 * (`/Users/Shared`, `C:\Users\Public`, `Default`, `All Users`),
 * templated users (`/home/<user>`, `/home/$USER`, `/home/{user}`,
 * `C:\Users\%USERNAME%`), other absolute paths (`/data`, `/mnt/shared`,
 * `/tmp`: machine-wide, not one person's), and raw cells.
 *
 * @param cells - the notebook's cells, in order.
 * @param notebookDirectory - the notebook's own absolute directory when
 *   known (`/home/alice/project/analysis`; a leading `~` is taken as the
 *   home directory in each path found). A path inside it, or in the same
 *   project tree below the home directory, gets a path relative to the
 *   notebook as its suggestion; otherwise an environment variable is
 *   suggested.
 * @param limits - how long a line is scanned: longer lines (10,000
 *   characters) are skipped, and `unscannedLines` counts them.
 * @returns the findings in notebook order, by line.
 */
export function findAbsolutePaths(
  cells: readonly ICellLike[],
  notebookDirectory?: string | null,
  limits: Readonly<IScanLimits> = SCAN_LIMITS
): IAbsolutePathFinding[] {
  const findings: IAbsolutePathFinding[] = [];
  cells.forEach((cell, index) => {
    if (cell.cell_type !== 'code' && cell.cell_type !== 'markdown') {
      return;
    }
    Private.forEachMarkedLine(
      withoutLongLines(joinSource(cell.source), limits.maxLineLength),
      (text, i) => {
        const seen = new Set<string>();
        for (const found of Private.pathsIn(text)) {
          if (!seen.has(found.path)) {
            seen.add(found.path);
            findings.push({
              cell: index,
              line: i + 1,
              ...found,
              ...Private.suggest(found, notebookDirectory ?? null)
            });
          }
        }
      }
    );
  });
  return findings;
}

/**
 * The relative path from one absolute directory to an absolute path, as
 * Node's `path.relative` gives it, in pure string logic with `/`
 * separators (`\` is read as `/`). Drives (`C:`) compare without regard to
 * case, and so does the rest of a path with a drive, as Windows does.
 *
 * @param from - an absolute directory.
 * @param to - an absolute path.
 * @returns the relative path (`.` for the directory itself), or `null`
 *   when either is not absolute or they are on different drives.
 */
export function relativePath(from: string, to: string): string | null {
  const a = Private.absoluteParts(from);
  const b = Private.absoluteParts(to);
  if (
    a === null ||
    b === null ||
    a.drive.toLowerCase() !== b.drive.toLowerCase()
  ) {
    return null;
  }
  const windows = a.drive !== '';
  const same = (x: string, y: string) =>
    windows ? x.toLowerCase() === y.toLowerCase() : x === y;
  let common = 0;
  while (
    common < a.parts.length &&
    common < b.parts.length &&
    same(a.parts[common], b.parts[common])
  ) {
    common++;
  }
  const up = Array<string>(a.parts.length - common).fill('..');
  return [...up, ...b.parts.slice(common)].join('/') || '.';
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * A home-directory path found on a line.
   */
  export interface IFound {
    /**
     * The path, `\\` read as `\`.
     */
    path: string;
    /**
     * The user.
     */
    user: string;
  }

  /**
   * The start of a path in a home directory; groups: the user of a POSIX
   * home, `root`, the user of a Windows home.
   */
  const HOME =
    /(?<![A-Za-z0-9_.~-])(?:(?:\/mnt\/[a-zA-Z])?\/(?:home|Users)\/([^/\\\s'"`]+)|\/(root)(?=\/)|[A-Za-z]:(?:\\{1,2}|\/)[Uu][Ss][Ee][Rr][Ss](?:\\{1,2}|\/)([^/\\\s'"`]+))/g;

  /**
   * What every match of {@link HOME} holds (`/home/`, `/Users/`, `/root/`,
   * or a drive's `:\\` or `:/`): a line without it has no home path.
   */
  const HOME_MARK = /\/home\/|\/Users\/|\/root\/|:[\\/]/g;

  /**
   * Call `visit` with each line of a text (without its `\n`) that holds a
   * {@link HOME_MARK}, and its index from 0, in order: most lines hold
   * none, and are neither copied nor searched further.
   */
  export function forEachMarkedLine(
    text: string,
    visit: (line: string, index: number) => void
  ): void {
    // The line at `start` is line `index`.
    let index = 0;
    let start = 0;
    HOME_MARK.lastIndex = 0;
    for (let mark = HOME_MARK.exec(text); mark; mark = HOME_MARK.exec(text)) {
      for (
        let newline = text.indexOf('\n', start);
        newline >= 0 && newline < mark.index;
        newline = text.indexOf('\n', start)
      ) {
        index++;
        start = newline + 1;
      }
      const newline = text.indexOf('\n', mark.index);
      visit(text.slice(start, newline < 0 ? text.length : newline), index);
      if (newline < 0) {
        return;
      }
      index++;
      start = newline + 1;
      HOME_MARK.lastIndex = start;
    }
  }

  /**
   * Home directories that belong to no one person.
   */
  const SHARED = new Set([
    'shared',
    'public',
    'default',
    'default user',
    'all users'
  ]);

  /**
   * Longest path reported.
   */
  const MAX_PATH = 200;

  /**
   * Where a path ends: at a space or a quote, and more.
   */
  const UNQUOTED_END = /[\s'"`<>|)\]]/g;

  /**
   * Punctuation that ends a sentence rather than a path.
   */
  const TRAILING = /[.,;:!?]/;

  /**
   * The home-directory paths on one line.
   *
   * Paths found on one line can share their end (`/home/a//home/b ...`):
   * each end and each trailing run of punctuation is searched for once,
   * and only the part of a path that is reported is copied, so that a long
   * line costs linear time.
   */
  export function pathsIn(line: string): IFound[] {
    const out: IFound[] = [];
    // The next end found, by what ends the path (a quote, or any of
    // UNQUOTED_END), with where the search for it started.
    const ends = new Map<string, { from: number; at: number }>();
    const nextEnd = (kind: string, start: number) => {
      const known = ends.get(kind);
      if (known && known.from <= start && (known.at < 0 || known.at >= start)) {
        return known.at;
      }
      let at: number;
      if (kind === 'unquoted') {
        UNQUOTED_END.lastIndex = start;
        at = UNQUOTED_END.exec(line)?.index ?? -1;
      } else {
        at = line.indexOf(kind, start);
      }
      ends.set(kind, { from: start, at });
      return at;
    };
    // Where the run of trailing punctuation before each end starts.
    const trailing = new Map<number, number>();
    for (const match of line.matchAll(HOME)) {
      const start = match.index ?? 0;
      const user = match[1] ?? match[2] ?? match[3] ?? '';
      if (SHARED.has(user.toLowerCase()) || /[<>{}$%]/.test(user)) {
        continue;
      }
      // Inside a quoted string the path runs to the closing quote (it may
      // hold spaces); elsewhere (shell lines, prose) to a space.
      const quote = line[start - 1];
      const quoted = quote === '"' || quote === "'";
      const found = nextEnd(quoted ? quote : 'unquoted', start);
      let end = found < start ? line.length : found;
      if (!quoted) {
        let run = trailing.get(end);
        if (run === undefined) {
          run = end;
          while (run > 0 && TRAILING.test(line[run - 1])) {
            run--;
          }
          trailing.set(end, run);
        }
        end = Math.max(start, run);
      }
      // `\\` is read as `\`, which at most halves the length: twice the
      // longest path reported (and a character) is enough to cut it.
      const raw = line.slice(start, Math.min(end, start + 2 * MAX_PATH + 2));
      const path = raw.replace(/\\\\/g, '\\');
      out.push({
        path: cut(path, MAX_PATH),
        user: user.replace(/\\\\/g, '\\')
      });
    }
    return out;
  }

  /**
   * The advice for a path: relative to the notebook when the path is
   * inside the notebook's directory, or in the same project directory
   * below the home directory; else an environment variable.
   */
  export function suggest(
    found: IFound,
    notebookDirectory: string | null
  ): { relative: string | null; advice: PathAdvice } {
    const path = found.path.replace(/…$/, '');
    const home = homeOf(path);
    const base = normalizeDataPath(path).split('/').pop() || 'file';
    // The home directory itself has no name to move into the project.
    const isHome =
      home !== null &&
      normalizeDataPath(path).replace(/\/+$/, '') ===
        normalizeDataPath(home).replace(/\/+$/, '');
    if (notebookDirectory === null || notebookDirectory.trim() === '') {
      return {
        relative: null,
        advice: isHome
          ? { code: 'path.home', params: {} }
          : { code: 'path.noDirectory', params: { file: base } }
      };
    }
    const directory = notebookDirectory
      .trim()
      .replace(/^~(?=$|[\\/])/, home ?? '~');
    const relative = relativePath(directory, path);
    if (
      relative !== null &&
      (!climbs(relative) || sameProject(home, directory, path))
    ) {
      return {
        relative,
        advice: { code: 'path.relative', params: { relative } }
      };
    }
    return {
      relative: null,
      advice: isHome
        ? { code: 'path.home', params: {} }
        : { code: 'path.outsideProject', params: { file: base } }
    };
  }

  /**
   * Whether a relative path leaves its directory.
   */
  function climbs(relative: string): boolean {
    return /^\.\.(\/|$)/.test(relative);
  }

  /**
   * Whether the notebook's directory and a path are both in the same
   * directory just below the home directory (the project).
   */
  function sameProject(
    home: string | null,
    directory: string,
    path: string
  ): boolean {
    const project = home === null ? null : relativePath(home, directory);
    const file = home === null ? null : relativePath(home, path);
    if (
      project === null ||
      file === null ||
      project === '.' ||
      climbs(project) ||
      climbs(file)
    ) {
      return false;
    }
    const [a] = project.split('/');
    const [b] = file.split('/');
    return /^[A-Za-z]:/.test(home!)
      ? a.toLowerCase() === b.toLowerCase()
      : a === b;
  }

  /**
   * The home directory a path is in: `/home/alice`, `/Users/alice`,
   * `/root`, `C:/Users/alice`, `/mnt/c/Users/alice`.
   */
  function homeOf(path: string): string | null {
    const match =
      /^(?:(?:\/mnt\/[a-zA-Z])?\/(?:home|Users)\/[^/\\]+|\/root|[A-Za-z]:[\\/]+[Uu]sers[\\/]+[^/\\]+)/.exec(
        path
      );
    return match ? match[0] : null;
  }

  /**
   * The drive and segments of an absolute path, normalized, or `null`
   * for a relative one.
   */
  export function absoluteParts(
    path: string
  ): { drive: string; parts: string[] } | null {
    const normalized = normalizeDataPath(path);
    const match = /^([A-Za-z]:)?\//.exec(normalized);
    if (!match) {
      return null;
    }
    return {
      drive: match[1] ?? '',
      parts: normalized
        .slice(match[0].length)
        .split('/')
        .filter(part => part !== '')
    };
  }
}
