// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { Notification } from '@jupyterlab/apputils';
import { nullTranslator } from '@jupyterlab/translation';
import { notifyVerify } from '../../actions/verify';
import type { IVerifyResult } from '../../core/execution/compareOutputs';

const trans = nullTranslator.load('jupyterlab_nbproject');

const result = (
  verdict: IVerifyResult['verdict'],
  same: number,
  differs: number,
  errors: number
): IVerifyResult => ({
  verdict,
  same,
  differs,
  errors,
  cells: Array.from({ length: same + differs + errors }, (_, index) => ({
    index,
    id: `c${index}`,
    status: 'same'
  })) as IVerifyResult['cells']
});

describe('the verification toast', () => {
  afterEach(() => jest.restoreAllMocks());

  it('names the notebook and counts what differs and what raised, in singular and plural', () => {
    const warning = jest.spyOn(Notification, 'warning').mockReturnValue('n');
    notifyVerify(result('differs', 2, 1, 0), trans, '04-out-of-order.ipynb');
    notifyVerify(result('differs', 1, 2, 2), trans, 'b.ipynb');
    expect(warning.mock.calls.map(call => call[0])).toEqual([
      '04-out-of-order.ipynb: verified, 2 of 3 cells reproduce (1 differs).',
      'b.ipynb: verified, 1 of 5 cells reproduce (2 differ, 2 raise errors).'
    ]);
  });

  it('says a notebook that reproduces, by name', () => {
    const success = jest.spyOn(Notification, 'success').mockReturnValue('n');
    notifyVerify(result('reproduces', 1, 0, 0), trans, 'one.ipynb');
    notifyVerify(result('reproduces', 4, 0, 0), trans, 'four.ipynb');
    expect(success.mock.calls.map(call => call[0])).toEqual([
      'one.ipynb: verified, the 1 cell reproduces.',
      'four.ipynb: verified, all 4 cells reproduce.'
    ]);
  });
});
