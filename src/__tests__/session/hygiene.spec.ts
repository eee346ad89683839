// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { Signal } from '@lumino/signaling';
import { findAbsolutePaths } from '../../core/hygiene/absolutePaths';
import {
  findSecrets,
  ICellWithOutputs,
  unscannedLines
} from '../../core/hygiene/secrets';
import { HygieneModel } from '../../session/hygiene';

const DIRECTORY = '/home/ada/project';

/**
 * A hygiene model over cells the test replaces, scanning one cell per task
 * (a slice of no time at all, as for a huge notebook) unless given a budget.
 */
function setup(sources: string[], sliceBudget = 0) {
  const source = { contentChanged: new Signal<any, void>({}) };
  const toCells = (texts: string[]): ICellWithOutputs[] =>
    texts.map(text => ({ cell_type: 'code', source: text, outputs: [] }));
  let cells = toCells(sources);
  const model = new HygieneModel({
    source,
    cells: () => cells,
    directory: () => DIRECTORY,
    delay: 0,
    sliceBudget
  });
  const setCells = (texts: string[]) => {
    cells = toCells(texts);
    source.contentChanged.emit();
  };
  return { model, setCells, cells: () => cells };
}

/**
 * Let a sliced scan of a few cells run to its end.
 */
async function slices(): Promise<void> {
  for (let i = 0; i < 40; i++) {
    await new Promise(resolve => setTimeout(resolve, 0));
  }
}

const SOURCES = [
  'import pandas as pd\nDATA = "/home/ada/project/data"',
  'token = "ghp_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"',
  'x = 1',
  'df = pd.read_csv("/home/ada/project/data/a.csv")\npassword = "Tr0ub4dor&3-fake"',
  `blob = "${'A'.repeat(12000)}"\nlabel = "${'b'.repeat(11000)}"`
];

describe('the hygiene model', () => {
  it('finds what the whole-notebook scanners find, at the same cells', async () => {
    const { model, cells } = setup(SOURCES);
    let changes = 0;
    model.changed.connect(() => changes++);
    model.start();
    expect(model.secrets).toEqual([]);
    await slices();
    expect(model.secrets).toEqual(findSecrets(cells()));
    expect(model.secrets.map(finding => finding.cell)).toEqual([1, 3]);
    expect(model.absolutePaths).toEqual(findAbsolutePaths(cells(), DIRECTORY));
    expect(model.absolutePaths.map(finding => finding.cell)).toEqual([0, 3]);
    expect(model.unscanned).toEqual(unscannedLines(cells()));
    expect(model.unscanned).toEqual({ count: 2, cells: [4] });
    expect(changes).toBeGreaterThan(0);
  });

  it('starts again when the cells change during a scan, never showing the old findings', async () => {
    const { model, setCells, cells } = setup(SOURCES);
    model.start();
    await new Promise(resolve => setTimeout(resolve, 0));
    const seen: number[][] = [];
    model.changed.connect(() =>
      seen.push(model.secrets.map(finding => finding.cell))
    );
    setCells([
      'x = 1',
      'y = 2',
      'api_key = "sk-' + 'proj-Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2"'
    ]);
    await slices();
    expect(model.secrets).toEqual(findSecrets(cells()));
    expect(model.secrets.map(finding => finding.cell)).toEqual([2]);
    expect(seen).not.toHaveLength(0);
    expect(seen).toEqual(seen.map(() => [2]));
  });

  it('lists secrets and absolute paths, and scans again after an edit', async () => {
    const { model, setCells } = setup(['x = 1'], Infinity);
    model.start();
    expect(model.secrets).toEqual([]);
    setCells([
      'password = "Tr0ub4dor&3-fake"',
      'df = open("/home/ada/project/data/a.csv")'
    ]);
    await new Promise(resolve => setTimeout(resolve, 10));
    expect(model.secrets.map(finding => [finding.cell, finding.kind])).toEqual([
      [0, 'password-assignment']
    ]);
    expect(
      model.absolutePaths.map(finding => [finding.cell, finding.relative])
    ).toEqual([[1, 'data/a.csv']]);
    expect(model.unscanned).toEqual({ count: 0, cells: [] });
    setCells([
      'x = 1',
      `password = "Tr0ub4dor&3-fake"  # ${'x'.repeat(10000)}`
    ]);
    await new Promise(resolve => setTimeout(resolve, 10));
    expect(model.secrets).toEqual([]);
    expect(model.unscanned).toEqual({ count: 1, cells: [1] });
  });
});
