// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import * as fs from 'fs';
import * as path from 'path';

import { ExitCode, ICliIO, main } from '../../cli/main';
import { someNamed } from '../../cli/words';
import { buildCliIfStale, runBin } from './cliBuild';
import { FIXTURES } from '../../../testutils/paths';

/**
 * Run the program in memory; files are read from the fixtures directory,
 * or from `files` when given there.
 */
function run(args: string[], files: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const io: ICliIO = {
    stdout: text => (stdout += text),
    stderr: text => (stderr += text),
    readFile: file =>
      file in files
        ? files[file]
        : fs.readFileSync(path.join(FIXTURES, file), 'utf8')
  };
  const status = main(args, io);
  return { status, stdout, stderr };
}

const jsonLines = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map(line => JSON.parse(line));

describe('nbproject-lab check', () => {
  it('describes a reproducible notebook in plain text and passes every check', () => {
    const { status, stdout, stderr } = run([
      'check',
      '--require',
      'consecutive,title,metadata,pinned',
      'reproducible.ipynb'
    ]);
    expect(stderr).toBe('');
    expect(status).toBe(ExitCode.Ok);
    expect(stdout).toBe(
      [
        'reproducible.ipynb',
        '  title        Iris classifier',
        '  consecutive  yes',
        '  imports      numpy, sklearn',
        '  installs     cell 2: %pip install scikit-learn==1.5.0',
        '  metadata     valid: id Kx3vQ9TmPz1a, version 1',
        '  checks       passed: consecutive, title, metadata, pinned',
        '',
        ''
      ].join('\n')
    );
  });

  it('lists the imports with any checks, and hidden state only when required', () => {
    const { status, stdout } = run([
      'check',
      '--require',
      'consecutive,title,metadata',
      'reproducible.ipynb'
    ]);
    expect(status).toBe(ExitCode.Ok);
    expect(stdout).toBe(
      [
        'reproducible.ipynb',
        '  title        Iris classifier',
        '  consecutive  yes',
        '  imports      numpy, sklearn',
        '  installs     cell 2: %pip install scikit-learn==1.5.0',
        '  metadata     valid: id Kx3vQ9TmPz1a, version 1',
        '  checks       passed: consecutive, title, metadata',
        '',
        ''
      ].join('\n')
    );
    // The record's fields of 0.1.0 stay; `hiddenState` comes with its check.
    const record = (require: string) =>
      jsonLines(
        run(['check', '--json', '--require', require, 'reproducible.ipynb'])
          .stdout
      )[0];
    expect(Object.keys(record('consecutive,title,metadata'))).toEqual([
      'file',
      'title',
      'consecutive',
      'violations',
      'cells',
      'modules',
      'installs',
      'metadata',
      'checks',
      'findings'
    ]);
    expect(record('consecutive,title,metadata').modules).toEqual([
      'numpy',
      'sklearn'
    ]);
    expect(record('hidden-state')).toHaveProperty('hiddenState.verdict');
  });

  it('prints one JSON object per notebook with --json', () => {
    const { status, stdout } = run([
      'check',
      '--json',
      'reproducible.ipynb',
      'out-of-order.ipynb'
    ]);
    expect(status).toBe(ExitCode.Ok);
    const [reproducible, unordered] = jsonLines(stdout);
    expect(reproducible).toEqual({
      file: 'reproducible.ipynb',
      title: 'Iris classifier',
      consecutive: true,
      violations: [],
      cells: [],
      modules: ['numpy', 'sklearn'],
      installs: ['%pip install scikit-learn==1.5.0'],
      metadata: {
        present: true,
        valid: true,
        problems: [],
        issues: [],
        nbproject: {
          id: 'Kx3vQ9TmPz1a',
          parent: null,
          pypackage: { numpy: '1.26.4', 'scikit-learn': '1.5.0' },
          time_init: '2024-03-01T09:30:00.123456+00:00',
          user_handle: null,
          user_id: null,
          user_name: null,
          version: '1'
        }
      },
      hiddenState: { verdict: 'clean', cells: [] },
      checks: { required: [], failed: [] },
      findings: []
    });
    expect(unordered).toEqual({
      file: 'out-of-order.ipynb',
      title: null,
      consecutive: false,
      violations: [
        [1, 3],
        [3, 2],
        [2, null]
      ],
      cells: [
        { index: 2, id: null, reason: 'out-of-order' },
        { index: 3, id: null, reason: 'out-of-order' },
        { index: 4, id: null, reason: 'not-run' }
      ],
      modules: ['pandas'],
      installs: [],
      metadata: {
        present: false,
        valid: false,
        problems: [],
        issues: [],
        nbproject: null
      },
      hiddenState: { verdict: 'clean', cells: [] },
      checks: { required: [], failed: [] },
      findings: []
    });
  });

  it('fails (exit 1) when a required check fails, naming the checks', () => {
    const { status, stdout } = run([
      'check',
      'out-of-order.ipynb',
      '--require=title',
      '--require',
      'consecutive'
    ]);
    expect(status).toBe(ExitCode.Failed);
    expect(stdout).toContain(
      '  consecutive  no\n               cell 3: Ran out of order: count 3 after 1\n'
    );
    expect(stdout).toContain('  checks       failed: title, consecutive\n');
  });

  it('passes (exit 0) whatever it finds when nothing is required', () => {
    expect(run(['check', 'out-of-order.ipynb']).status).toBe(ExitCode.Ok);
  });

  it('requires metadata to be present and valid', () => {
    expect(
      run(['check', '--require', 'metadata', 'out-of-order.ipynb']).status
    ).toBe(ExitCode.Failed);
    const invalid = run([
      'check',
      '--require',
      'metadata',
      'invalid-metadata.ipynb'
    ]);
    expect(invalid.status).toBe(ExitCode.Failed);
    expect(invalid.stdout).toContain(
      '  metadata     invalid: id abc, version 2\n'
    );
    expect(invalid.stdout).toContain(
      'The "time_init" field ("yesterday") is not an ISO 8601 time.'
    );
  });

  it('reads notebooks with cells that are garbage without failing', () => {
    const { status, stdout } = run([
      'check',
      '--json',
      '--require',
      'consecutive,title',
      'invalid-metadata.ipynb'
    ]);
    expect(status).toBe(ExitCode.Ok);
    expect(jsonLines(stdout)[0]).toMatchObject({
      title: 'Legacy',
      consecutive: true
    });
    expect(
      jsonLines(run(['check', '--json', 'invalid-metadata.ipynb']).stdout)[0]
        .modules
    ).toEqual(['yaml']);
    // Each problem in words, and beside them the same as codes with parameters.
    const { metadata } = jsonLines(stdout)[0];
    expect(metadata.problems).toContain(
      'The "time_init" field ("yesterday") is not an ISO 8601 time.'
    );
    expect(metadata.issues).toContainEqual({
      code: 'metadata.timeNotIso',
      params: { time: '"yesterday"' }
    });
    expect(metadata.issues).toHaveLength(metadata.problems.length);
  });

  it('fails --require hidden-state on a cell using a name no cell defines', () => {
    const { status, stdout } = run([
      'check',
      '--require',
      'hidden-state',
      'hidden-state.ipynb',
      'reproducible.ipynb'
    ]);
    expect(status).toBe(ExitCode.Failed);
    expect(stdout).toContain(
      [
        '  state        hidden state found',
        '               cell 3: Uses model, defined nowhere in the notebook',
        '               cell 4: Uses threshold before cell 4 defines it',
        '  checks       failed: hidden-state'
      ].join('\n')
    );
    expect(stdout).toContain(
      '  state        no hidden state found\n  checks       passed: hidden-state\n'
    );
    const json = jsonLines(
      run(['check', '--json', 'hidden-state.ipynb']).stdout
    )[0];
    expect(json.hiddenState.cells).toEqual([
      {
        index: 2,
        id: 'use',
        issues: [{ code: 'undefined-name', params: { name: 'model' } }]
      },
      {
        index: 3,
        id: 'later',
        issues: [
          { code: 'defined-later', params: { name: 'threshold', cell: 3 } }
        ]
      }
    ]);
  });

  it.each([
    ['truncated.ipynb', 'truncated.ipynb: not JSON at line '],
    [
      'not-a-notebook.json',
      'not-a-notebook.json: not a notebook (no "nbformat" version)'
    ],
    [
      'nbformat3.ipynb',
      'nbformat3.ipynb: unsupported nbformat 3 (nbproject-lab reads nbformat 4)'
    ],
    ['missing.ipynb', 'missing.ipynb: cannot read (no such file or folder)']
  ])('exits 2 on the unreadable %s, naming it on stderr', (file, message) => {
    const { status, stdout, stderr } = run(['check', file]);
    expect(status).toBe(ExitCode.BadInput);
    expect(stdout).toBe('');
    expect(stderr).toContain(`nbproject-lab: ${message}`);
  });

  it('says that an empty file is empty', () => {
    for (const text of ['', '\n', '\uFEFF  ']) {
      const { status, stderr } = run(
        ['check', '--require', 'title', 'empty.ipynb'],
        {
          'empty.ipynb': text
        }
      );
      expect(status).toBe(ExitCode.BadInput);
      expect(stderr).toBe(
        'nbproject-lab: empty.ipynb: an empty file, not a notebook\n'
      );
    }
  });

  it('still checks the other notebooks, and exit 2 wins over exit 1', () => {
    const { status, stdout } = run([
      'check',
      '--json',
      '--require',
      'title',
      'out-of-order.ipynb',
      'truncated.ipynb',
      'reproducible.ipynb'
    ]);
    expect(status).toBe(ExitCode.BadInput);
    // One line per notebook given, in order: the unreadable one says why.
    const records = jsonLines(stdout);
    expect(records.map(record => record.file)).toEqual([
      'out-of-order.ipynb',
      'truncated.ipynb',
      'reproducible.ipynb'
    ]);
    expect(records.map(record => record.unreadable ?? null)).toEqual([
      null,
      expect.stringMatching(/^not JSON at line \d+, column \d+ \(/),
      null
    ]);
    expect(records[1].findings).toEqual([]);
    // Not a pass to a job that reads the failed checks.
    expect(records[1].checks).toEqual({
      required: ['title'],
      failed: ['title']
    });
  });

  it('rejects notebooks whose cells are not a list, and accepts a byte order mark', () => {
    const files = {
      'no-cells.ipynb': '{"nbformat": 4, "cells": {}}',
      'bom.ipynb':
        '\uFEFF{"nbformat": 4, "nbformat_minor": 5, "metadata": [], "cells": []}'
    };
    expect(run(['check', 'no-cells.ipynb'], files).stderr).toContain(
      'no-cells.ipynb: not a notebook (no list of "cells")'
    );
    expect(
      run(['check', '--require', 'consecutive', 'bom.ipynb'], files).status
    ).toBe(ExitCode.Ok);
  });

  it('reads a file named like an option after --', () => {
    const files = { '--json': '{"nbformat": 4, "cells": []}' };
    const { status, stdout } = run(['check', '--', '--json'], files);
    expect(status).toBe(ExitCode.Ok);
    expect(stdout.startsWith('--json\n  title ')).toBe(true);
  });
});

describe('nbproject-lab usage', () => {
  it.each([
    [['--help']],
    [['-h']],
    [['check', '--help']],
    [['check', 'x.ipynb', '-h']]
  ])('prints help on stdout for %j', args => {
    const { status, stdout, stderr } = run(args);
    expect(status).toBe(ExitCode.Ok);
    expect(stdout).toMatch(
      /^Usage: nbproject-lab check \[--json\] \[--require CHECKS\] NOTEBOOK\|FOLDER\.\.\./
    );
    expect(stderr).toBe('');
  });

  it.each([
    [[], 'no command given'],
    [['lint', 'x.ipynb'], 'unknown command "lint"'],
    [['check'], 'no notebook given'],
    [['check', '--yaml', 'x.ipynb'], 'unknown option --yaml'],
    [
      ['check', '--require', 'speed', 'x.ipynb'],
      'unknown check "speed" (expected consecutive, title, metadata, hidden-state, secrets, paths, installs, pinned, match, declared, data, all)'
    ],
    [['check', 'x.ipynb', '--require'], '--require needs a list of checks']
  ])('exits 2 on %j saying "%s"', (args, message) => {
    const { status, stdout, stderr } = run(args as string[]);
    expect(status).toBe(ExitCode.BadInput);
    expect(stdout).toBe('');
    expect(stderr).toContain(`nbproject-lab: ${message}\n`);
    expect(stderr).toContain("\nRun 'nbproject-lab --help' for usage.\n");
    expect(stderr).not.toContain('Usage:');
  });
});

describe('the nbproject-lab executable', () => {
  beforeAll(() => buildCliIfStale(), 120000);

  it('runs under Node with real files and exit codes', () => {
    const result = runBin(
      [
        'check',
        '--json',
        '--require',
        'consecutive',
        'reproducible.ipynb',
        'out-of-order.ipynb'
      ],
      FIXTURES
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(ExitCode.Failed);
    expect(
      jsonLines(result.stdout).map(record => [record.file, record.consecutive])
    ).toEqual([
      ['reproducible.ipynb', true],
      ['out-of-order.ipynb', false]
    ]);
  });
});

describe('someNamed: a list of names on one line', () => {
  it('names at most that many, and never "and 1 more" where the name fits', () => {
    const names = (n: number) =>
      Array.from({ length: n }, (_, i) => `n${i}.ipynb`);
    expect(someNamed(names(5), 5)).toBe(
      'n0.ipynb, n1.ipynb, n2.ipynb, n3.ipynb, n4.ipynb'
    );
    expect(someNamed(names(6), 5)).toBe(
      'n0.ipynb, n1.ipynb, n2.ipynb, n3.ipynb, n4.ipynb, n5.ipynb'
    );
    expect(someNamed(names(7), 5)).toBe(
      'n0.ipynb, n1.ipynb, n2.ipynb, n3.ipynb, n4.ipynb and 2 more'
    );
  });
});
