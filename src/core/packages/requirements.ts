// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { normalizeDistribution } from './distributions';
import { compareText, cut, quote } from '../common/text';

/**
 * One dependency, read from a PEP 508 requirement such as
 * `pandas[excel]>=2,<3; python_version >= "3.9"`.
 */
export interface IRequirement {
  /**
   * The distribution name as written.
   */
  name: string;
  /**
   * The PEP 503 normalised name.
   */
  key: string;
  /**
   * The extras, as written.
   */
  extras: string[];
  /**
   * The version specifier without spaces, e.g. `==1.2.3` or `>=2,<3`;
   * `""` for any version.
   */
  specifier: string;
  /**
   * The version when the requirement pins one exactly (`==1.2.3` or
   * `===1.2.3`), else `null`.
   */
  version: string | null;
  /**
   * The URL of a `name @ url` requirement, else `null`.
   */
  url: string | null;
  /**
   * The environment marker after `;`, else `null`.
   */
  marker: string | null;
  /**
   * The requirement as written, trimmed.
   */
  text: string;
}

/**
 * Read a PEP 508 requirement leniently: the name, extras, version
 * specifier or URL, and marker. Never throws.
 *
 * @returns the requirement, or `null` when the text is not one.
 */
export function parseRequirement(text: string): IRequirement | null {
  const trimmed = text.trim();
  const match = Private.REQUIREMENT.exec(trimmed);
  if (!match) {
    return null;
  }
  const [, name, extras, rest] = match;
  let specifier = '';
  let url: string | null = null;
  let marker: string | null = null;
  if (rest.startsWith('@')) {
    // A marker after a URL must be set off by a space (PEP 508).
    const at = rest.slice(1).trim();
    // From the start of a run of spaces only: linear on a long run.
    const split = /(?<!\s)\s+;/.exec(at);
    url = (split ? at.slice(0, split.index) : at).trim();
    marker = split ? at.slice(split.index + split[0].length).trim() : null;
    if (url === '') {
      return null;
    }
  } else {
    const semicolon = rest.indexOf(';');
    const spec = (semicolon < 0 ? rest : rest.slice(0, semicolon)).replace(
      /\s+/g,
      ''
    );
    marker = semicolon < 0 ? null : rest.slice(semicolon + 1).trim();
    specifier =
      spec.startsWith('(') && spec.endsWith(')') ? spec.slice(1, -1) : spec;
    if (specifier !== '' && !isVersionSpecifier(specifier)) {
      return null;
    }
  }
  if (marker === '') {
    return null;
  }
  return {
    name,
    key: normalizeDistribution(name),
    extras:
      extras === undefined
        ? []
        : extras
            .split(',')
            .map(extra => extra.trim())
            .filter(Boolean),
    specifier,
    version: pinnedVersion(specifier),
    url,
    marker,
    text: trimmed
  };
}

/**
 * Whether a string is a version specifier such as `>=3.11` or
 * `>=3.8,<3.10` (PEP 440; spaces allowed).
 */
export function isVersionSpecifier(text: string): boolean {
  const clauses = text.replace(/\s+/g, '').split(',');
  return clauses.every(clause => Private.CLAUSE.test(clause));
}

/**
 * Whether a string is a version as packages report it (PEP 440, leniently:
 * legacy versions are still versions to pip's `==`).
 */
export function isVersion(text: string): boolean {
  return Private.VERSION.test(text);
}

/**
 * The version a specifier pins exactly (`==1.2.3` or `===1.2.3`, spaces
 * removed), or `null` (a range, or a wildcard such as `==1.*`).
 */
export function pinnedVersion(specifier: string): string | null {
  const match = Private.PIN.exec(specifier);
  return match && isVersion(match[1]) ? match[1] : null;
}

/**
 * Whether a string is a valid distribution name (PEP 508).
 */
export function isDistributionName(name: string): boolean {
  return Private.NAME.test(name);
}

/**
 * The requirements pinning packages to their versions: `name==version`, or
 * `name` alone where the version is `""` (not installed or unknown), sorted
 * by normalised name. A name that is not a distribution name is left out
 * and a version that is not a version is left unpinned, each with a
 * problem: these come from strangers' metadata and end up in files that
 * `pip` and `uv` read.
 *
 * @param packages - distribution names and versions, e.g. `pypackage`.
 */
export function pinnedRequirements(
  packages: Readonly<Record<string, string>>
): {
  requirements: IRequirement[];
  problems: string[];
} {
  const problems: string[] = [];
  const byKey = new Map<string, IRequirement>();
  for (const [name, rawVersion] of Object.entries(packages)) {
    if (!isDistributionName(name)) {
      problems.push(
        `${quote(name, Private.EXCERPT)} is not a package name; it is left out.`
      );
      continue;
    }
    let version = typeof rawVersion === 'string' ? rawVersion.trim() : '';
    if (version !== '' && !isVersion(version)) {
      problems.push(
        `The version ${quote(version, Private.EXCERPT)} of ${name} is not a version; ${name} is not pinned.`
      );
      version = '';
    }
    const requirement = parseRequirement(
      version === '' ? name : `${name}==${version}`
    );
    if (requirement && !byKey.has(requirement.key)) {
      byKey.set(requirement.key, requirement);
    }
  }
  Private.finish(problems);
  const requirements = [...byKey.values()].sort((a, b) =>
    compareText(a.key, b.key)
  );
  return { requirements, problems };
}

/**
 * What a `requirements.txt` file holds, as far as exporting needs it.
 */
export interface IRequirementsFile {
  /**
   * The requirements with a name, in file order.
   */
  requirements: IRequirement[];
  /**
   * pip option lines (`--index-url …`, `-r other.txt`, `-c …`), which an
   * update keeps.
   */
  options: string[];
  /**
   * Lines that are neither: paths, bare URLs, editable installs, or
   * garbage. An update does not keep them.
   */
  other: string[];
}

/**
 * Read a `requirements.txt` file as pip does: comments (`#` at the start
 * or after a space), blank lines and backslash continuations, per-line
 * options such as `--hash` after a requirement. Never throws.
 */
export function parseRequirementsFile(text: string): IRequirementsFile {
  const out: IRequirementsFile = { requirements: [], options: [], other: [] };
  const joined = text.replace(/\r\n?/g, '\n').replace(/\\\n/g, '');
  for (const raw of joined.split('\n')) {
    const line = Private.cutAt(raw, Private.COMMENT).trim();
    if (line === '') {
      continue;
    }
    if (line.startsWith('-')) {
      (/^(-e|--editable)(\s|=|$)/.test(line) ? out.other : out.options).push(
        line
      );
      continue;
    }
    // Options after a requirement apply to it alone (--hash=…).
    const requirement = parseRequirement(Private.cutAt(line, Private.OPTION));
    if (requirement) {
      out.requirements.push(requirement);
    } else {
      out.other.push(line);
    }
  }
  return out;
}

/**
 * Where a `requirements.txt` comes from, for its header comment.
 */
export interface IRequirementsHeader {
  /**
   * The notebook's nbproject id, or `null` when it has none.
   */
  id: string | null;
  /**
   * The notebook's version, or `null`.
   */
  version: string | null;
  /**
   * The notebook's file name, if known.
   */
  notebook?: string | null;
}

/**
 * Write a `requirements.txt`: a header comment naming the notebook's id and
 * version, then the given pip option lines, then one requirement per line.
 *
 * @param requirements - what to list, e.g. from {@link pinnedRequirements}.
 * @param header - the notebook the file belongs to.
 * @param options - pip option lines to keep from an existing file.
 */
export function renderRequirements(
  requirements: readonly IRequirement[],
  header: IRequirementsHeader,
  options: readonly string[] = []
): string {
  const { id, version, notebook } = header;
  const what = id
    ? `notebook ${Private.safe(id)}`
    : 'a notebook without an nbproject id';
  const lines = [
    `# Requirements of ${what}${version ? `, version ${Private.safe(version)}` : ''}${
      notebook ? ` (${Private.safe(notebook)})` : ''
    }.`,
    '# Written by jupyterlab-nbproject; install with: pip install -r requirements.txt',
    ...options,
    ...requirements.map(requirement => requirement.text)
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * The notebook a `requirements.txt` was written for, read from the header
 * comment {@link renderRequirements} writes on its first line: its id
 * (`null` for a notebook without one) and its file name (`null` when not
 * given); `null` when the file does not start with that comment, or names
 * an id that is not one (letters, digits, `_` and `-`, at most 64). The
 * name is made printable and cut as the header writes it. Linear: one
 * pattern over the first line, itself cut.
 *
 * @param text - the file's text (anyone's).
 */
export function requirementsOwner(
  text: string
): { id: string | null; notebook: string | null } | null {
  const end = text.indexOf('\n');
  const first = (end < 0 ? text : text.slice(0, end)).slice(0, 400);
  const match =
    /^# Requirements of (?:notebook ([A-Za-z0-9_-]{1,64})|a notebook without an nbproject id)(?:, version [^()]*)?(?: \(([^()]*)\))?\.\r?$/.exec(
      first
    );
  if (match === null) {
    return null;
  }
  const notebook = match[2] === undefined ? '' : Private.safe(match[2]);
  return { id: match[1] ?? null, notebook: notebook === '' ? null : notebook };
}

/**
 * How one dependency changes between two lists.
 */
export interface IRequirementChange {
  /**
   * The requirement before.
   */
  before: IRequirement;
  /**
   * The requirement after.
   */
  after: IRequirement;
}

/**
 * A diff-like summary of two lists of requirements, matched by normalised
 * name (and marker, so that platform-specific lines pair up).
 */
export interface IRequirementsDiff {
  /**
   * Only in the new list.
   */
  added: IRequirement[];
  /**
   * Only in the old list.
   */
  removed: IRequirement[];
  /**
   * In both, with a different specifier, extras or URL.
   */
  changed: IRequirementChange[];
  /**
   * In both, the same.
   */
  unchanged: IRequirement[];
}

/**
 * Compare an old list of requirements with a new one.
 *
 * @param before - e.g. an existing file's, or `[]` when there is none.
 * @param after - what would be written.
 */
export function diffRequirements(
  before: readonly IRequirement[],
  after: readonly IRequirement[]
): IRequirementsDiff {
  const diff: IRequirementsDiff = {
    added: [],
    removed: [],
    changed: [],
    unchanged: []
  };
  const old = new Map<string, IRequirement>();
  for (const requirement of before) {
    const id = Private.identity(requirement);
    if (!old.has(id)) {
      old.set(id, requirement);
    }
  }
  const seen = new Set<string>();
  for (const requirement of after) {
    const id = Private.identity(requirement);
    if (seen.has(id)) {
      continue;
    }
    seen.add(id);
    const previous = old.get(id);
    if (!previous) {
      diff.added.push(requirement);
    } else if (Private.same(previous, requirement)) {
      diff.unchanged.push(requirement);
    } else {
      diff.changed.push({ before: previous, after: requirement });
    }
  }
  diff.removed = [...old.entries()]
    .filter(([id]) => !seen.has(id))
    .map(([, requirement]) => requirement);
  return diff;
}

/**
 * Whether a diff changes anything.
 */
export function isEmptyDiff(diff: IRequirementsDiff): boolean {
  return diff.added.length + diff.removed.length + diff.changed.length === 0;
}

/**
 * A diff as lines for a person: `+ numpy==1.26.4`, `- scipy`,
 * `~ pandas: ==2.1.0 -> ==2.2.2`, then a count of the unchanged ones.
 */
export function describeDiff(diff: IRequirementsDiff): string[] {
  const describe = (requirement: IRequirement) =>
    requirement.url !== null
      ? `@ ${requirement.url}`
      : requirement.specifier || 'any version';
  const lines = [
    ...diff.added.map(requirement => `+ ${requirement.text}`),
    ...diff.removed.map(requirement => `- ${requirement.text}`),
    ...diff.changed.map(
      ({ before, after }) =>
        `~ ${after.name}: ${describe(before)} -> ${describe(after)}`
    )
  ];
  if (diff.unchanged.length > 0) {
    lines.push(`= ${diff.unchanged.length} unchanged`);
  }
  return lines;
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * Most problems about single packages listed; the rest are counted.
   */
  const MAX_PROBLEMS = 5;

  /**
   * Longest excerpt of a stranger's string in a message.
   */
  export const EXCERPT = 40;

  /**
   * A distribution name (PEP 508).
   */
  export const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/;

  /**
   * A requirement: name, optional extras, then the rest.
   */
  export const REQUIREMENT =
    /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[([A-Za-z0-9._,\s-]*)\])?\s*(.*)$/s;

  /**
   * One clause of a version specifier, spaces removed.
   */
  export const CLAUSE = /^(?:~=|===|==|!=|<=|>=|<|>)[A-Za-z0-9.*+!_-]+$/;

  /**
   * A specifier that pins one version.
   */
  export const PIN = /^===?([A-Za-z0-9.*+!_-]+)$/;

  /**
   * A version (see {@link isVersion}).
   */
  export const VERSION = /^[A-Za-z0-9](?:[A-Za-z0-9.+!_-]*[A-Za-z0-9])?$/;

  /**
   * A comment in a `requirements.txt` line: `#` at the start or after a
   * space (see {@link cutAt}).
   */
  export const COMMENT = /(?:^|\s)#/g;

  /**
   * The options after a requirement (`--hash=...`); only from the start of
   * a run of spaces (see {@link cutAt}).
   */
  export const OPTION = /(?<!\s)\s+--?[A-Za-z]/g;

  /**
   * The line cut where `pattern` (global) first matches with nothing but
   * the rest of the line after it, as `line.replace(/pattern.*$/, '')`
   * does: `.` stops at a line break other than `\n`, so a match before one
   * does not count. Written as a loop because that pattern scans to the
   * break from every match, which is quadratic.
   */
  export function cutAt(line: string, pattern: RegExp): string {
    const lastBreak = Math.max(
      line.lastIndexOf('\r'),
      line.lastIndexOf('\u2028'),
      line.lastIndexOf('\u2029')
    );
    pattern.lastIndex = 0;
    for (let match = pattern.exec(line); match; match = pattern.exec(line)) {
      // The match's last character must be after the last break.
      if (match.index + match[0].length - 1 > lastBreak) {
        return line.slice(0, match.index);
      }
    }
    return line;
  }

  export function identity(requirement: IRequirement): string {
    return requirement.marker === null
      ? requirement.key
      : `${requirement.key};${requirement.marker.replace(/\s+/g, '')}`;
  }

  export function same(a: IRequirement, b: IRequirement): boolean {
    const extras = (r: IRequirement) =>
      r.extras.map(normalizeDistribution).sort().join(',');
    return (
      a.specifier === b.specifier && a.url === b.url && extras(a) === extras(b)
    );
  }

  /**
   * A stranger's string made safe for one comment line: no line breaks, no
   * control characters, a readable length.
   */
  export function safe(value: string): string {
    const flat = value
      .replace(/[\x00-\x1f\x7f-\x9f\u2028\u2029]+/g, ' ')
      .trim();
    return cut(flat, 80);
  }

  /**
   * Cut a list of problems to its first few, counting the rest.
   */
  export function finish(problems: string[]): void {
    if (problems.length > MAX_PROBLEMS) {
      const more = problems.length - MAX_PROBLEMS;
      problems.splice(
        MAX_PROBLEMS,
        more,
        `…and ${more} more packages with problems.`
      );
    }
  }
}
