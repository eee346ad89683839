// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import {
  compareOutputs,
  DEFAULT_NORMALISATIONS,
  sameText,
  verifiedCell,
  verifyCounts,
  verifyResult,
  withoutInstalledWarnings
} from '../../../core/execution/compareOutputs';

const stream = (text: string) => ({
  output_type: 'stream',
  name: 'stdout',
  text
});
const stderr = (text: string) => ({
  output_type: 'stream',
  name: 'stderr',
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
      warnings: false,
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

  it('builds a result the UI command and the CLI both return', () => {
    const cells = [
      verifiedCell(1, 'a', { status: 'same', imageDiffers: false }),
      verifiedCell(3, 'b', {
        status: 'error-now',
        imageDiffers: true,
        error: 'NameError: x'
      })
    ];
    expect(cells[0]).toEqual({ index: 1, id: 'a', status: 'same' });
    expect(verifyResult(cells, false)).toEqual({
      verdict: 'differs',
      same: 1,
      differs: 0,
      errors: 1,
      cells: [
        { index: 1, id: 'a', status: 'same' },
        {
          index: 3,
          id: 'b',
          status: 'error-now',
          error: 'NameError: x',
          imageDiffers: true
        }
      ]
    });
    expect(verifyResult(cells.slice(0, 1), false).verdict).toBe('reproduces');
    expect(verifyResult(cells.slice(0, 1), true).verdict).toBe('cancelled');
  });
});

describe('the warnings normalisation', () => {
  const LIBRARY =
    '/home/u/.venv/lib/python3.11/site-packages/pandas/core/frame.py:12: ' +
    'FutureWarning: DataFrame.applymap has been deprecated.\n' +
    '  return self.applymap(f)\n';
  const IPYTHON =
    '/usr/lib/python3/dist-packages/IPython/core/interactiveshell.py:3577: ' +
    "UserWarning: To exit: use 'exit', 'quit', or Ctrl-D.\n" +
    "  warn(\"To exit: use 'exit', 'quit', or Ctrl-D.\", stacklevel=1)\n";
  const STDLIB =
    '/usr/lib/python3.12/asyncio/events.py:88: DeprecationWarning: old\n';
  const WINDOWS =
    'C:\\Users\\u\\env\\Lib\\site-packages\\x\\y.py:3: ' +
    'DeprecationWarning: old\n';
  const FROZEN =
    '<frozen importlib._bootstrap>:241: RuntimeWarning: size changed\n';

  it.each([
    ['a library', LIBRARY],
    ["IPython's own", IPYTHON],
    ["the standard library's", STDLIB],
    ["a Windows package's", WINDOWS],
    ["a frozen module's", FROZEN]
  ])('leaves out %s warning on stderr', (_, warning) => {
    expect(withoutInstalledWarnings(warning)).toBe('');
    // A cell that printed 1 and, only now, a warning: it reproduces.
    expect(
      compareOutputs([stream('1\n')], [stream('1\n'), stderr(warning)]).status
    ).toBe('same');
    // Only the warning now: there was nothing, and there is nothing.
    expect(compareOutputs([], [stderr(warning)]).status).toBe('same');
    expect(
      compareOutputs([], [stderr(warning)], {
        ...DEFAULT_NORMALISATIONS,
        warnings: false
      }).status
    ).toBe('no-output');
    expect(
      compareOutputs([stream('1\n')], [stream('1\n'), stderr(warning)], {
        ...DEFAULT_NORMALISATIONS,
        warnings: false
      }).status
    ).toBe('differs');
  });

  it('finds a warning split over two stderr messages', () => {
    const cut = LIBRARY.indexOf('deprecated');
    expect(
      compareOutputs(
        [],
        [stderr(LIBRARY.slice(0, cut)), stderr(LIBRARY.slice(cut))]
      ).status
    ).toBe('same');
  });

  it("keeps the notebook's own warnings and every other line", () => {
    const own =
      '/tmp/ipykernel_4242/1234567.py:3: UserWarning: check the input\n' +
      '  warnings.warn("check the input")\n';
    const project = '/home/u/project/helpers.py:9: UserWarning: x < 0\n';
    expect(withoutInstalledWarnings(own)).toBe(own);
    expect(withoutInstalledWarnings(project)).toBe(project);
    expect(compareOutputs([], [stderr(own)]).status).toBe('no-output');
    expect(
      compareOutputs([stderr(project)], [stderr(project.replace('0', '1'))])
        .status
    ).toBe('differs');
    // A line around a library's warning is still compared.
    expect(
      compareOutputs(
        [stderr(`error: a\n${LIBRARY}`)],
        [stderr(`error: b\n${LIBRARY}`)]
      ).status
    ).toBe('differs');
    expect(withoutInstalledWarnings(`Loading...\n${LIBRARY}done\n`)).toBe(
      'Loading...\ndone\n'
    );
  });

  it('never touches stdout, even text that looks like a warning', () => {
    expect(
      compareOutputs([stream('ok\n')], [stream('ok\n'), stream(LIBRARY)]).status
    ).toBe('differs');
  });
});
