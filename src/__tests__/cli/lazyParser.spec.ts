// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type { ICliIO } from '../../cli/main';

/**
 * `check` loads `@lezer/python` only once a cell is parsed: cells the fast
 * scans answer (code shorter than their cutoff) never load it, and a cell
 * left to the parser gets the parser's answer.
 */

/**
 * A notebook of a title and one code cell of `source`, run first.
 */
function notebook(source: string): string {
  return JSON.stringify({
    cells: [
      { cell_type: 'markdown', metadata: {}, source: '# A notebook\n' },
      {
        cell_type: 'code',
        execution_count: 1,
        id: 'uses',
        metadata: {},
        outputs: [],
        source
      }
    ],
    metadata: {},
    nbformat: 4,
    nbformat_minor: 5
  });
}

/**
 * Run `check --json --require hidden-state` on one notebook's text with
 * the program's modules loaded afresh, counting loads of the grammar.
 */
function check(text: string): { loads: number; record: any } {
  let loads = 0;
  let stdout = '';
  let status: unknown;
  jest.isolateModules(() => {
    jest.doMock('@lezer/python', () => {
      loads++;
      return jest.requireActual('@lezer/python');
    });
    const { main } =
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require('../../cli/main') as typeof import('../../cli/main');
    const io: ICliIO = {
      stdout: out => (stdout += out),
      stderr: () => undefined,
      readFile: () => text
    };
    status = main(
      ['check', '--json', '--require', 'hidden-state', 'a.ipynb'],
      io
    );
  });
  expect(status).toBe(1);
  return { loads, record: JSON.parse(stdout) };
}

describe('check and the Python grammar', () => {
  afterEach(() => jest.dontMock('@lezer/python'));

  it('does not load it when the fast scans read every cell', () => {
    const { loads, record } = check(notebook('print(missing)\n'));
    expect(loads).toBe(0);
    expect(record.findings.map((f: any) => f.params.issue)).toEqual([
      { code: 'undefined-name', params: { name: 'missing' } }
    ]);
  });

  it('loads it once for a cell left to the parser, and reads that cell', () => {
    // Longer than the fast scan's cutoff (2,000 characters).
    const long = `${'x = 1\n'.repeat(400)}print(missing)\n`;
    const { loads, record } = check(notebook(long));
    expect(loads).toBe(1);
    expect(record.findings.map((f: any) => f.params.issue)).toEqual([
      { code: 'undefined-name', params: { name: 'missing' } }
    ]);
  });
});
