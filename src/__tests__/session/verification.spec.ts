// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { nullTranslator } from '@jupyterlab/translation';
import {
  DEFAULT_NORMALISATIONS,
  IVerifiedCell,
  IVerifyResult,
  normalisationsFrom,
  normalisationsOn,
  sameText,
  unreproducedCells,
  VerifyStatus
} from '../../core/execution/compareOutputs';
import {
  verifiedCellText,
  verifiedText
} from '../../components/messages/verify';
import { VerificationModel } from '../../session/verification';

const trans = nullTranslator.load('jupyterlab-nbproject');

/**
 * A result with one cell per status, at indexes 0, 2, 4, ...
 */
function result(
  statuses: VerifyStatus[],
  verdict: IVerifyResult['verdict'] = 'differs'
): IVerifyResult {
  const cells: IVerifiedCell[] = statuses.map((status, i) => ({
    index: 2 * i,
    id: `c${i}`,
    status
  }));
  const same = statuses.filter(status => status === 'same').length;
  const errors = statuses.filter(status => status === 'error-now').length;
  return {
    verdict,
    same,
    errors,
    differs: statuses.length - same - errors,
    cells
  };
}

describe('VerificationModel', () => {
  it('keeps the last result and says when a run starts and ends', () => {
    const model = new VerificationModel();
    const seen: Array<[boolean, IVerifyResult | null]> = [];
    model.changed.connect(() => seen.push([model.running, model.result]));
    expect(model.result).toBeNull();
    expect(model.running).toBe(false);

    const first = result(['same', 'differs']);
    model.begin();
    model.finish(first);
    const second = result(['same', 'same'], 'reproduces');
    model.begin();
    model.finish(second);

    expect(seen).toEqual([
      [true, null],
      [false, first],
      [true, first],
      [false, second]
    ]);
    expect(model.result).toBe(second);
  });

  it('keeps the result before when a run gives none', () => {
    const model = new VerificationModel();
    const first = result(['same']);
    model.begin();
    model.finish(first);
    model.begin();
    model.finish(null);
    expect(model.result).toBe(first);
    expect(model.running).toBe(false);
  });

  it('runs while any of two overlapping runs runs', () => {
    const model = new VerificationModel();
    model.begin();
    model.begin();
    model.finish(result(['same']));
    expect(model.running).toBe(true);
    model.finish(result(['differs']));
    expect(model.running).toBe(false);
  });

  it('forgets the result and emits nothing once disposed', () => {
    const model = new VerificationModel();
    model.begin();
    model.finish(result(['same']));
    let emitted = 0;
    model.changed.connect(() => emitted++);
    model.dispose();
    model.begin();
    model.finish(result(['differs']));
    expect(model.result).toBeNull();
    expect(model.running).toBe(false);
    expect(emitted).toBe(0);
  });
});

describe('VerificationModel: the cells a run ran', () => {
  const ran = (index: number) => ({
    index,
    id: `c${index}`,
    source: 'print(1)',
    stored: [],
    now: [{ output_type: 'stream', name: 'stdout', text: '1\n' }]
  });

  it('keeps the cells of the last finished run, found by index', () => {
    const model = new VerificationModel();
    model.begin();
    model.finish(result(['same', 'differs']), [ran(0), ran(2)]);
    expect(model.run.map(cell => cell.index)).toEqual([0, 2]);
    expect(model.ranCell(2)?.id).toBe('c2');
    expect(model.ranCell(1)).toBeNull();
    // A run that gave no result keeps the cells before.
    model.begin();
    model.finish(null, []);
    expect(model.ranCell(2)?.id).toBe('c2');
  });

  it('says once that its outputs were kept, until the next run', () => {
    const model = new VerificationModel();
    model.begin();
    model.finish(result(['differs']), [ran(0)]);
    let emitted = 0;
    model.changed.connect(() => emitted++);
    expect(model.kept).toBe(false);
    model.markKept();
    model.markKept();
    expect(model.kept).toBe(true);
    expect(emitted).toBe(1);
    model.begin();
    model.finish(result(['same'], 'reproduces'), [ran(0)]);
    expect(model.kept).toBe(false);
    model.dispose();
    expect(model.run).toEqual([]);
  });
});

describe('verification wording', () => {
  it('says how many cells reproduce of how many ran', () => {
    const statuses: VerifyStatus[] = [
      ...Array<VerifyStatus>(14).fill('same'),
      'differs'
    ];
    expect(verifiedText(trans, result(statuses))).toBe(
      'Verified: 14 of 15 cells reproduce'
    );
    expect(
      verifiedText(trans, result(['same', 'same', 'same'], 'reproduces'))
    ).toBe('Verified: 3 of 3 cells reproduce');
    expect(verifiedText(trans, result(['same'], 'reproduces'))).toBe(
      'Verified: 1 of 1 cell reproduces'
    );
  });

  it('says when a run stopped or could not start', () => {
    expect(verifiedText(trans, result(['same', 'differs'], 'cancelled'))).toBe(
      'Verification stopped: 1 of 2 cells run reproduce'
    );
    expect(verifiedText(trans, result([], 'failed'))).toBe(
      'Not verified: no fresh kernel could be started'
    );
  });

  it('words each status of a cell that does not reproduce', () => {
    const cell = (status: VerifyStatus, error?: string): IVerifiedCell => ({
      index: 0,
      id: 'a',
      status,
      ...(error ? { error } : {})
    });
    expect(verifiedCellText(trans, cell('differs'))).toBe('differs');
    expect(
      verifiedCellText(trans, cell('error-now', "NameError: name 'x'"))
    ).toBe("error now: NameError: name 'x'");
    expect(verifiedCellText(trans, cell('error-before'))).toBe(
      'error before, runs now'
    );
    expect(verifiedCellText(trans, cell('no-output'))).toBe('no stored output');
  });

  it('links the cells that do not reproduce, in notebook order', () => {
    const run = result(['same', 'error-now', 'same', 'differs', 'no-output']);
    run.cells.reverse();
    expect(
      unreproducedCells(run).map(cell => [cell.index, cell.status])
    ).toEqual([
      [2, 'error-now'],
      [6, 'differs'],
      [8, 'no-output']
    ]);
  });
});

describe('normalisations from the settings', () => {
  it('turns on the names listed and takes the tolerance', () => {
    expect(
      normalisationsFrom(['addresses', 'times', 'tempPaths', 'warnings'], 1e-9)
    ).toEqual(DEFAULT_NORMALISATIONS);
    const none = normalisationsFrom([], 0);
    expect(none).toEqual({
      addresses: false,
      times: false,
      tempPaths: false,
      warnings: false,
      floatTolerance: 0
    });
    expect(normalisationsOn(none)).toEqual([]);
    expect(normalisationsOn(DEFAULT_NORMALISATIONS)).toEqual([
      'addresses',
      'times',
      'tempPaths',
      'warnings',
      'floatTolerance=1e-9'
    ]);
  });

  it('ignores unknown names and a tolerance that is not a number >= 0', () => {
    const options = normalisationsFrom(['times', 'bogus', 3], -1);
    expect(options).toEqual({
      addresses: false,
      times: true,
      tempPaths: false,
      warnings: false,
      floatTolerance: 1e-9
    });
    expect(normalisationsFrom([], 'x').floatTolerance).toBe(1e-9);
  });

  it('compares addresses exactly once that normalisation is off', () => {
    const a = '<object at 0x7f3a12345678>';
    const b = '<object at 0x7f3a87654321>';
    expect(sameText(a, b, normalisationsFrom(['addresses'], 0))).toBe(true);
    expect(sameText(a, b, normalisationsFrom(['times'], 0))).toBe(false);
  });
});
