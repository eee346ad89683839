// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import {
  compareOutputs,
  DEFAULT_NORMALISATIONS,
  sameText,
  verifyCounts
} from '../../../core/execution/compareOutputs';

const stream = (text: string) => ({
  output_type: 'stream',
  name: 'stdout',
  text
});
const result = (data: Record<string, unknown>) => ({
  output_type: 'execute_result',
  execution_count: 1,
  data,
  metadata: {}
});
const error = (ename: string, evalue: string) => ({
  output_type: 'error',
  ename,
  evalue,
  traceback: [`${ename}: ${evalue} at 0x7f00`]
});

describe('compareOutputs', () => {
  it('finds the same outputs the same, and a changed value different', () => {
    expect(compareOutputs([stream('42\n')], [stream('42\n')]).status).toBe(
      'same'
    );
    expect(compareOutputs([stream('42\n')], [stream('43\n')]).status).toBe(
      'differs'
    );
    expect(
      compareOutputs(
        [result({ 'text/plain': ['a', 'b'] })],
        [result({ 'text/plain': 'ab' })]
      ).status
    ).toBe('same');
    expect(
      compareOutputs(
        [result({ 'text/html': '<b>1</b>' })],
        [result({ 'text/html': '<b>2</b>' })]
      ).status
    ).toBe('differs');
  });

  it.each([
    ['memory addresses', '<Foo at 0x7f3a12bc4d90>', '<Foo at 0x7f99aa001122>'],
    ['durations', 'took 1.25 ms', 'took 3.9 ms'],
    ['timestamps', 'at 2024-01-01T10:00:00Z', 'at 2026-11-30 08:59:12'],
    [
      'temporary paths',
      'wrote /tmp/tmpab12cd/x.csv',
      'wrote /tmp/tmpzz99/x.csv'
    ]
  ])('normalises %s, and can be told not to', (what, a, b) => {
    expect(sameText(a, b)).toBe(true);
    const off = {
      addresses: false,
      times: false,
      tempPaths: false,
      floatTolerance: 0
    };
    expect(sameText(a, b, off)).toBe(false);
  });

  it('compares numbers within the relative tolerance', () => {
    expect(sameText('0.30000000000000004', '0.3')).toBe(true);
    expect(sameText('mean 1.0000001', 'mean 1.0')).toBe(false);
    expect(
      sameText('mean 1.0000001', 'mean 1.0', {
        ...DEFAULT_NORMALISATIONS,
        floatTolerance: 1e-6
      })
    ).toBe(true);
    expect(sameText('3 rows', '4 rows')).toBe(false);
  });

  it('reports an image that differs without failing the cell', () => {
    const png = (bytes: string) =>
      result({ 'image/png': bytes, 'text/plain': '<Figure>' });
    const comparison = compareOutputs([png('AAAA')], [png('BBBB')]);
    expect(comparison).toEqual({ status: 'same', imageDiffers: true });
  });

  it('tells errors now from errors before', () => {
    expect(
      compareOutputs(
        [stream('1\n')],
        [error('NameError', "name 'x' is not defined")]
      )
    ).toEqual({
      status: 'error-now',
      imageDiffers: false,
      error: "NameError: name 'x' is not defined"
    });
    expect(
      compareOutputs([error('ValueError', 'bad')], [stream('1\n')]).status
    ).toBe('error-before');
    // The same error, stored and now: it reproduces.
    expect(
      compareOutputs([error('ValueError', 'bad')], [error('ValueError', 'bad')])
        .status
    ).toBe('same');
  });

  it('says when nothing was stored to compare with', () => {
    expect(compareOutputs([], [stream('hi\n')]).status).toBe('no-output');
    expect(compareOutputs([], []).status).toBe('same');
  });

  it('reads garbage outputs without throwing', () => {
    expect(
      compareOutputs([null, 3, { output_type: 'stream', text: 5 }], []).status
    ).toBe('same');
  });

  it('counts the statuses', () => {
    expect(
      verifyCounts(['same', 'same', 'differs', 'error-now', 'no-output'])
    ).toEqual({ same: 2, differs: 2, errors: 1 });
  });
});
