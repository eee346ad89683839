// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import {
  BadKind,
  generateBadNotebooks,
  IBadNotebook,
  NBPROJECT_FIELDS
} from '../../../testutils/badNotebooks';
import { checkNotebookText, toJSONRecord } from '../../cli/check';
import { consecutivenessText, metadataIssueText } from '../../cli/words';
import { nullTranslator } from '@jupyterlab/translation';
import { publishFindingText } from '../../components/messages/publish';
import { NotebookAnalysis } from '../../core/notebook/analysis';
import {
  comparePackages,
  installCommand,
  recordLiveVersions
} from '../../core/packages/compare';
import {
  checkConsecutiveness,
  consecutivenessReport
} from '../../core/execution/consecutiveness';
import { codeText } from '../../core/notebook/digest';
import { importedDistributions } from '../../core/packages/distributions';
import {
  lastPublished,
  readPublishHistory
} from '../../core/extension/history';
import { EXTENSION_KEY } from '../../core/extension/metadata';
import { notebookImports } from '../../core/python/imports';
import {
  authorLabel,
  NBPROJECT_KEY,
  parentList,
  readNbproject,
  serializeNbproject
} from '../../core/nbproject/metadata';
import { ICellLike, joinSource } from '../../core/notebook/cells';
import { isJSONObject } from '../../core/common/json';
import { IPublishLive, planPublish } from '../../core/publish/plan';
import { getTitle } from '../../core/nbproject/title';
import { parser } from '@lezer/python';

/**
 * The seed of the generated notebooks; the README's figures are for it.
 */
const SEED = 20261122;
const NOTEBOOKS = generateBadNotebooks({ seed: SEED });
const NOW = new Date(Date.UTC(2026, 10, 22, 8, 30, 0, 250));
const FIXED_RANDOM = (buffer: Uint8Array) => buffer.fill(7);

/**
 * The cells of any JSON value, as the CLI reads a file: a cell that is not
 * an object is a cell of no type, so positions stay stable.
 */
function fileCells(notebook: unknown): ICellLike[] {
  const cells = isJSONObject(notebook) ? notebook.cells : undefined;
  return Array.isArray(cells)
    ? cells.map(cell =>
        isJSONObject(cell)
          ? { ...cell, cell_type: cell.cell_type }
          : { cell_type: null }
      )
    : [];
}

/**
 * The cells as the header model builds them from a live notebook: a type,
 * an id and the source as one string.
 */
function modelCells(cells: ICellLike[]): ICellLike[] {
  return cells.map((cell, i) => ({
    cell_type: typeof cell.cell_type === 'string' ? cell.cell_type : 'raw',
    id: typeof cell.id === 'string' && cell.id ? cell.id : `model-${i}`,
    source: joinSource(cell.source),
    execution_count:
      typeof cell.execution_count === 'number' ? cell.execution_count : null
  }));
}

function metadataOf(notebook: unknown, key: string): unknown {
  return isJSONObject(notebook) && isJSONObject(notebook.metadata)
    ? notebook.metadata[key]
    : undefined;
}

/**
 * A message a person can read in a header line: a short sentence.
 */
function expectReadable(messages: readonly string[], max = 300): void {
  const unreadable = messages.filter(
    message =>
      typeof message !== 'string' ||
      message.length <= 5 ||
      message.length > max ||
      !/[A-Za-z]{3}/.test(message)
  );
  expect(
    unreadable.map(
      message =>
        `${String(message).slice(0, 200)} (${String(message).length} characters)`
    )
  ).toEqual([]);
}

/**
 * Whether a value survives a write to a file unchanged: only JSON values,
 * walked without recursion so deep nesting is checked too.
 */
function expectPlainJSON(value: unknown): void {
  const todo: unknown[] = [value];
  while (todo.length > 0) {
    const item = todo.pop();
    if (
      item === null ||
      typeof item === 'string' ||
      typeof item === 'boolean'
    ) {
      continue;
    }
    if (typeof item === 'number') {
      expect(Number.isFinite(item)).toBe(true);
    } else if (Array.isArray(item)) {
      todo.push(...item);
    } else if (
      isJSONObject(item) &&
      Object.getPrototypeOf(item) === Object.prototype
    ) {
      todo.push(...Object.values(item));
    } else {
      throw new Error(
        `not a JSON value: ${typeof item} ${String(item).slice(0, 60)}`
      );
    }
  }
}

/**
 * Equality as the saved file will show it, without recursion limits: the
 * same JSON types, keys and values (-0 and 0 are the same in a file).
 */
function sameJSON(a: unknown, b: unknown): boolean {
  const todo: Array<[unknown, unknown]> = [[a, b]];
  while (todo.length > 0) {
    const [x, y] = todo.pop()!;
    if (Array.isArray(x) || Array.isArray(y)) {
      if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) {
        return false;
      }
      x.forEach((item, i) => todo.push([item, y[i]]));
    } else if (isJSONObject(x) || isJSONObject(y)) {
      if (!isJSONObject(x) || !isJSONObject(y)) {
        return false;
      }
      const keys = Object.keys(x);
      if (keys.length !== Object.keys(y).length) {
        return false;
      }
      for (const key of keys) {
        if (!Object.prototype.hasOwnProperty.call(y, key)) {
          return false;
        }
        todo.push([x[key], y[key]]);
      }
    } else if (!(x === y || (x === 0 && y === 0))) {
      return false;
    }
  }
  return true;
}

/**
 * The keys of a stored object whose values a written one does not keep,
 * leaving out the keys the writer owns.
 */
function changedKeys(
  stored: unknown,
  written: Record<string, unknown>,
  owned: string[] = []
): string[] {
  if (!isJSONObject(stored)) {
    return [];
  }
  return Object.keys(stored).filter(
    key =>
      !owned.includes(key) &&
      !(
        Object.prototype.hasOwnProperty.call(written, key) &&
        sameJSON(written[key], stored[key])
      )
  );
}

/**
 * A kernel that has every distribution the notebook stores or imports.
 */
function liveFor(
  stored: Record<string, string> | null,
  modules: string[]
): IPublishLive {
  const names = [
    ...Object.keys(stored ?? {}),
    ...importedDistributions(modules)
  ];
  return {
    distributions: Object.fromEntries(names.map(name => [name, '9.9.9'])),
    moduleDistributions: {},
    python: '3.11.7'
  };
}

function check(item: IBadNotebook): void {
  const { notebook } = item;
  const stored = metadataOf(notebook, NBPROJECT_KEY);
  const cells = fileCells(notebook);

  // Metadata: read, say what is wrong, write back what could not be used.
  const read = readNbproject(stored);
  expect(read.present).toBe(stored !== undefined);
  expectReadable(read.problems.map(metadataIssueText));
  // At most the two old forms, each once.
  expect(new Set(read.migrations.map(migration => migration.code)).size).toBe(
    read.migrations.length
  );
  expect(read.problems.length).toBeLessThanOrEqual(20);
  if (read.present && !read.valid) {
    expect(read.problems.length).toBeGreaterThan(0);
  }
  if (item.wrongType && item.field) {
    expect(read.valid).toBe(false);
    const named =
      item.field === 'pypackage'
        ? /pypackage|package/
        : new RegExp(`"${item.field}"`);
    expect(read.problems.map(metadataIssueText).join(' ')).toMatch(named);
  }
  if (read.metadata) {
    const written = serializeNbproject(read.metadata);
    expectPlainJSON(written);
    expect(changedKeys(stored, written)).toEqual([]);
    authorLabel(read.metadata);
    parentList(read.metadata);
    installCommand(read.metadata.pypackage ?? {});
  } else if (read.present) {
    expect(read.problems.length).toBeGreaterThan(0);
  }

  // The extension's history.
  const history = readPublishHistory(metadataOf(notebook, EXTENSION_KEY));
  const known = ['extension.notObject', 'history.notList', 'history.badRecord'];
  expect(
    history.problems.filter(problem => !known.includes(problem.code))
  ).toEqual([]);
  lastPublished(history);

  // The rules, on the file's cells and on the cells a live model holds.
  for (const shape of [cells, modelCells(cells)]) {
    for (const mode of ['nbproject', 'strict'] as const) {
      const report = consecutivenessReport(shape, { mode });
      expect(report.consecutive).toBe(checkConsecutiveness(shape).consecutive);
      expect(
        report.cells.filter(cell => shape[cell.index].cell_type !== 'code')
      ).toEqual([]);
      expectReadable(
        [...new Set(report.cells.map(cell => consecutivenessText(cell.issue)))],
        120
      );
    }
    const title = getTitle(shape);
    expect(title === null || typeof title === 'string').toBe(true);
    const imports = notebookImports(shape, parser);
    const names = imports.modules.map(module => module.name);
    expect([...names].sort()).toEqual(names);
    expect(new Set(names).size).toBe(names.length);
    expect(
      imports.installs.filter(
        install => shape[install.cell].cell_type !== 'code'
      )
    ).toEqual([]);
    expect(typeof codeText(shape)).toBe('string');

    // The incremental analysis agrees with the one-shot rules, and a second
    // update with nothing changed parses nothing.
    const analysis = new NotebookAnalysis({ parser });
    analysis.update(shape);
    const result = analysis.result();
    expect(result.title).toBe(title);
    expect(result.modules.map(module => module.name)).toEqual(names);
    expect(result.consecutiveness.consecutive).toBe(
      checkConsecutiveness(shape).consecutive
    );
    analysis.update(shape);
    expect(analysis.parsedInLastUpdate).toBe(0);

    // The header's package rows.
    const imported = importedDistributions(names);
    const rows = comparePackages(
      read.metadata?.pypackage ?? null,
      liveFor(read.metadata?.pypackage ?? null, names).distributions,
      imported
    );
    expectPlainJSON(recordLiveVersions(read.metadata?.pypackage ?? null, rows));

    // Publishing: without a kernel from the file's cells, with one from the
    // live model's.
    for (const live of shape === cells
      ? [null]
      : [liveFor(read.metadata?.pypackage ?? null, names)]) {
      const plan = planPublish({
        parser,
        cells: shape,
        nbproject: stored,
        extension: metadataOf(notebook, EXTENSION_KEY),
        live,
        codeDigest: 'f'.repeat(64),
        now: NOW,
        random: FIXED_RANDOM
      });
      const trans = nullTranslator.load('jupyterlab_nbproject');
      expectReadable(
        plan.checks.map(c => publishFindingText(trans, c.finding)),
        1000
      );
      expectReadable(
        plan.problems.map(problem => publishFindingText(trans, problem)),
        1000
      );
      expect(plan.version.length).toBeGreaterThan(0);
      expectPlainJSON(plan.nbproject);
      expectPlainJSON(plan.extension);
      expectPlainJSON(plan.packages);
      expect(sameJSON(plan.nbproject.pypackage, plan.packages)).toBe(true);
      for (const version of Object.values(plan.packages)) {
        expect(typeof version).toBe('string');
      }
      // What publishing does not own is kept: nbproject's keys other than
      // id, time_init, version and pypackage, and the extension's other keys.
      expect(
        changedKeys(stored, plan.nbproject, [
          'id',
          'time_init',
          'version',
          'pypackage'
        ])
      ).toEqual([]);
      expect(
        changedKeys(metadataOf(notebook, EXTENSION_KEY), plan.extension, [
          'history',
          'schema_version'
        ])
      ).toEqual([]);
    }
  }

  // The CLI reads the file as text.
  let text: string | null = null;
  try {
    text = JSON.stringify(notebook);
  } catch {
    // Too deep for JSON.stringify itself: no file can be written from it.
  }
  if (text !== undefined && text !== null) {
    const outcome = checkNotebookText(text);
    if ('check' in outcome) {
      expectPlainJSON(
        JSON.parse(
          JSON.stringify(toJSONRecord(`${item.name}.ipynb`, outcome.check))
        )
      );
    } else {
      expectReadable([outcome.unreadable]);
    }
  }
}

describe('the generated bad notebooks', () => {
  it('are at least 200, with unique names, the same for the same seed', () => {
    expect(NOTEBOOKS.length).toBeGreaterThanOrEqual(200);
    expect(new Set(NOTEBOOKS.map(item => item.name)).size).toBe(
      NOTEBOOKS.length
    );
    const again = generateBadNotebooks({ seed: SEED, small: true }).map(
      item => item.name
    );
    const other = generateBadNotebooks({ seed: SEED + 1, small: true }).map(
      item => item.name
    );
    expect(
      generateBadNotebooks({ seed: SEED, small: true }).map(item => item.name)
    ).toEqual(again);
    expect(other).not.toEqual(again);
  });

  it('cover every nbproject field with every JSON type', () => {
    for (const field of NBPROJECT_FIELDS) {
      const types = new Set(
        NOTEBOOKS.filter(
          item => item.kind === 'wrong-type' && item.field === field
        ).map(item => {
          const value = item.notebook.metadata.nbproject[field];
          return value === null
            ? 'null'
            : Array.isArray(value)
              ? 'list'
              : typeof value;
        })
      );
      expect([...types].sort()).toEqual([
        'boolean',
        'list',
        'null',
        'number',
        'object',
        'string'
      ]);
    }
  });
});

const KINDS = [...new Set(NOTEBOOKS.map(item => item.kind))] as BadKind[];

const BY_NAME = new Map(NOTEBOOKS.map(item => [item.name, item]));

describe.each(KINDS)('the core handles bad notebooks: %s', kind => {
  // Only names in the table: jest formats every argument of a case.
  it.each(NOTEBOOKS.filter(item => item.kind === kind).map(item => item.name))(
    '%s',
    name => {
      check(BY_NAME.get(name)!);
    }
  );
});
