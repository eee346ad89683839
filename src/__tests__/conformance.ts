// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

/**
 * Loads nbproject's conformance cases from `../shared` beside the
 * repository; suites built with {@link describeConformance} are skipped,
 * saying why, when that directory is absent.
 */

import * as fs from 'fs';
import * as path from 'path';

import { ROOT } from '../../testutils/paths';
import type { ICellLike } from '../core/notebook/cells';

/**
 * Where the cases live.
 */
export const CASES_PATH = path.resolve(
  ROOT,
  '..',
  'shared',
  'conformance',
  'nbproject',
  'cases.json'
);

/**
 * The parts of `cases.json` the tests read.
 */
export interface ICases {
  consecutiveness: {
    name: string;
    cells: ICellLike[];
    calling_statement: string | null;
    nbproject: {
      consecutive: boolean;
      violations: [number | null, number | null][];
    };
  }[];
  title: {
    name: string;
    cells: ICellLike[];
    nbproject: { title: string | null };
  }[];
  imports: {
    source: string;
    modules: string[];
    nbproject: string[] | string;
    note?: string;
  }[];
  notebooks: {
    file: string;
    stored: Record<string, unknown> | null;
    nbproject: {
      title: string | null;
      consecutive: boolean;
      violations: [number | null, number | null][];
      packages: string[];
    };
  }[];
}

/**
 * The cases, or `null` when `../shared` is absent.
 */
export const cases: ICases | null = fs.existsSync(CASES_PATH)
  ? JSON.parse(fs.readFileSync(CASES_PATH, 'utf8'))
  : null;

/**
 * The cells of a notebook named by a `notebooks[]` case.
 */
export function caseNotebookCells(file: string): ICellLike[] {
  const notebook = JSON.parse(
    fs.readFileSync(path.resolve(path.dirname(CASES_PATH), file), 'utf8')
  );
  return notebook.cells;
}

/**
 * Describe a suite over the cases, or a skipped suite saying they are absent.
 */
export function describeConformance(
  name: string,
  body: (cases: ICases) => void
): void {
  if (cases) {
    describe(name, () => body(cases));
  } else {
    console.warn(`${name}: conformance cases absent at ${CASES_PATH}; skipped`);
    describe.skip(name, () => {
      it(`conformance cases absent at ${CASES_PATH}`, () => undefined);
    });
  }
}
