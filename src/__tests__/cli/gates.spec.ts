// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import * as fs from 'fs';
import * as path from 'path';

import { ExitCode, USAGE } from '../../cli/main';
import { buildCliIfStale, ROOT, runBin } from './cliBuild';
import {
  ITextCell,
  notebookText,
  removeRepository,
  tempRepository,
  runSync
} from './scratch';
import { VENV_PYTHON } from '../../../testutils/paths';

// js-yaml (in the tree through eslint) reads the hook definitions as
// pre-commit's YAML reader would; it ships no types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const yaml = require('js-yaml') as { load(text: string): unknown };

/**
 * Checks pass only on what they read: what they cannot read is told.
 */

/**
 * A GitHub token as a user would paste it (the scanner's format; not a
 * real token).
 */
const TOKEN = 'ghp_' + 'aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dF3hJ5';

const TRACKED = {
  id: 'Kx3vQ9TmPz1a',
  version: '1',
  time_init: '2024-03-01T09:30:00.123456+00:00',
  pypackage: { pandas: '2.2.2' }
};

/**
 * A notebook's JSON as Jupyter writes it ({@link notebookText}), code cells
 * run in order.
 */
function trackedText(
  cells: ITextCell[],
  nbproject: Record<string, unknown> | null = TRACKED
): string {
  let count = 0;
  return notebookText(
    cells.map(cell =>
      cell.type === undefined || cell.type === 'code'
        ? { ...cell, count: ++count }
        : cell
    ),
    nbproject === null ? {} : { nbproject }
  );
}

const run = runSync;

/**
 * One JSON record's findings as `check severity cell:line message`.
 */
function findings(stdout: string): string[] {
  return JSON.parse(stdout).findings.map(
    (f: {
      check: string;
      severity: string;
      cell: number | null;
      line: number | null;
      message: string;
    }) => `${f.check} ${f.severity} ${f.cell}:${f.line} ${f.message}`
  );
}

const title: ITextCell = { type: 'markdown', source: '# Long lines\n' };

describe('secrets and paths: lines too long to scan are told, as notes', () => {
  const long = (text: string) => `x = "${'a'.repeat(10_001)}"  # ${text}`;
  const files = {
    'nb.ipynb': trackedText([
      title,
      {
        // Lines 2 and 4 are too long; line 3 holds a credential.
        source: `import os\n${long(TOKEN)}\ntoken = "${TOKEN}"\n${long('/home/alice/x.csv')}\n`
      },
      {
        source: 'print(x)\n',
        outputs: [
          { output_type: 'stream', name: 'stdout', text: [`${long(TOKEN)}\n`] }
        ]
      },
      { source: 'open("/home/alice/data.csv")\n' }
    ])
  };
  const args = ['check', '--require', 'secrets,paths', 'nb.ipynb'];

  it('lists a note per cell in the text report, and the checks still pass on them alone', () => {
    const result = run(args, files);
    expect(result.stderr).toBe('');
    // The credential and the path read fail; the notes fail nothing.
    expect(result.status).toBe(ExitCode.Failed);
    const block = result.stdout
      .split('\n')
      .filter(line => line.includes('(note)'))
      .map(line => line.trim().replace(/^findings\s+/, ''));
    expect(block).toEqual([
      'secrets (note): cell 2, line 2: 2 lines were too long to scan for credentials (over 10,000 characters); the first is line 2.',
      'secrets (note): cell 3: 1 line was too long to scan for credentials (over 10,000 characters): it is in output 1, line 1.',
      'paths (note): cell 2, line 2: 2 lines were too long to scan for home-directory paths (over 10,000 characters); the first is line 2.'
    ]);
    const onlyLong = run(args, {
      'nb.ipynb': trackedText([title, { source: `${long(TOKEN)}\n` }])
    });
    expect(onlyLong.status).toBe(ExitCode.Ok);
    expect(onlyLong.stdout).toContain(
      '  checks       passed: secrets, paths\n'
    );
    expect(onlyLong.stdout).toContain(
      'secrets (note): cell 2, line 1: 1 line was too long to scan for credentials (over 10,000 characters): it is line 1.'
    );
  });

  it('puts each note among its check findings in notebook order, in JSON', () => {
    const result = run([...args, '--json'], files);
    expect(findings(result.stdout)).toEqual([
      expect.stringMatching(/^secrets error 1:3 A credential \(github-token\)/),
      'secrets note 1:2 2 lines were too long to scan for credentials (over 10,000 characters); the first is line 2.',
      'secrets note 2:null 1 line was too long to scan for credentials (over 10,000 characters): it is in output 1, line 1.',
      'paths note 1:2 2 lines were too long to scan for home-directory paths (over 10,000 characters); the first is line 2.',
      expect.stringMatching(/^paths error 3:1 An absolute path/)
    ]);
    const record = JSON.parse(result.stdout);
    expect(record.findings[1]).toMatchObject({
      code: 'secrets.unscanned',
      params: { count: 2, first: 2, limit: 10_000 }
    });
    expect(record.checks.failed).toEqual(['secrets', 'paths']);
  });

  it('is a notice on GitHub and a SARIF result of level note', () => {
    const github = run([...args, '--format', 'github'], files).stdout;
    expect(github).toMatch(
      /^::notice file=nb\.ipynb,line=\d+,title=nbproject-lab secrets \(cell 3\)::1 line was too long to scan for credentials/m
    );
    expect(github.match(/^::notice /gm)).toHaveLength(3);
    const sarif = JSON.parse(run([...args, '--format', 'sarif'], files).stdout);
    const notes = sarif.runs[0].results.filter(
      (r: { level: string }) => r.level === 'note'
    );
    expect(
      notes.map(
        (r: { ruleId: string; properties: { code: string } }) =>
          `${r.ruleId} ${r.properties.code}`
      )
    ).toEqual([
      'secrets secrets.unscanned',
      'secrets secrets.unscanned',
      'paths paths.unscanned'
    ]);
  });

  it('a cell tagged to allow credentials has no note', () => {
    const json = JSON.parse(trackedText([title, { source: `${long('x')}\n` }]));
    json.cells[1].metadata.tags = ['nbproject-lab: allow-secret'];
    const result = run(
      ['check', '--json', '--require', 'secrets', 'nb.ipynb'],
      {
        'nb.ipynb': JSON.stringify(json)
      }
    );
    expect(JSON.parse(result.stdout).findings).toEqual([]);
  });
});

describe('pinned: cells not read for imports, and the line of each import', () => {
  const bigCell = `import torch\n${'x = 1\n'.repeat(17_000)}`;

  it('a note per cell not read, and the pinned check passes on it alone', () => {
    const result = run(['check', '--json', '--require', 'pinned', 'nb.ipynb'], {
      'nb.ipynb': trackedText([
        title,
        { source: 'import pandas\n' },
        { source: bigCell }
      ])
    });
    expect(result.status).toBe(ExitCode.Ok);
    expect(findings(result.stdout)).toEqual([
      'pinned note 2:null The cell was not read for imports: it is longer than 100,000 characters; the packages it imports are not checked.'
    ]);
    const human = run(['check', '--require', 'pinned', 'nb.ipynb'], {
      'nb.ipynb': trackedText([title, { source: bigCell }])
    });
    expect(human.stdout).toContain(
      '  findings     pinned (note): cell 2: The cell was not read for imports: it is longer than 100,000 characters; the packages it imports are not checked.\n'
    );
  });

  it('hidden state says why a cell was not read, in words', () => {
    const result = run(['check', '--require', 'hidden-state', 'nb.ipynb'], {
      'nb.ipynb': trackedText([title, { source: bigCell }])
    });
    expect(result.stdout).toContain(
      'cell 2: Not sure what it defines: it is longer than 100,000 characters, so it was not read\n'
    );
  });

  it("gives each finding the line of the cell's first import of its module", () => {
    const result = run(['check', '--json', '--require', 'pinned', 'nb.ipynb'], {
      'nb.ipynb': trackedText(
        [
          title,
          {
            source:
              '# import numpy: not yet\nx = 1\ntry:\n    import scipy.stats as st\nexcept ImportError:\n    pass\nfrom sklearn.model_selection import (\n    train_test_split,\n)\nimport numpy as np, requests\n'
          },
          { source: 'import numpy\nimport torch\n' }
        ],
        { ...TRACKED, pypackage: {} }
      )
    });
    expect(findings(result.stdout)).toEqual([
      'pinned error 1:10 numpy is imported but its version is not stored.',
      'pinned error 1:10 requests is imported but its version is not stored.',
      'pinned error 1:4 scipy is imported but its version is not stored.',
      'pinned error 1:7 scikit-learn (imported as sklearn) is imported but its version is not stored.',
      'pinned error 2:2 torch is imported but its version is not stored.'
    ]);
  });

  it('finds the lines in time linear in the cell', () => {
    // Just under the parsed limit: every line spells import, the module
    // wanted is on the last.
    const lines = 'import a0\n'.repeat(9_900) + 'import pandas\n';
    const started = Date.now();
    const result = run(['check', '--json', '--require', 'pinned', 'nb.ipynb'], {
      'nb.ipynb': trackedText([title, { source: lines }], {
        ...TRACKED,
        pypackage: { a0: '1' }
      })
    });
    expect(findings(result.stdout)).toEqual([
      'pinned error 1:9901 pandas is imported but its version is not stored.'
    ]);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('--default-require: what is required when nothing else says', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempRepository('nbproject-gates-');
  });
  afterEach(() => removeRepository(dir));

  const leaky = trackedText([{ source: `token = "${TOKEN}"\n` }], null);

  it('applies without --require or a configuration; either of them wins', () => {
    const files = { 'nb.ipynb': leaky };
    const alone = run(
      ['check', '--json', '--default-require', 'title,secrets', 'nb.ipynb'],
      files,
      dir
    );
    expect(alone.status).toBe(ExitCode.Failed);
    expect(JSON.parse(alone.stdout).checks).toEqual({
      required: ['title', 'secrets'],
      failed: ['title', 'secrets']
    });
    const given = run(
      [
        'check',
        '--json',
        '--default-require',
        'title,secrets',
        '--require',
        'consecutive',
        'nb.ipynb'
      ],
      files,
      dir
    );
    expect(JSON.parse(given.stdout).checks.required).toEqual(['consecutive']);
    const configured = (config: string) =>
      run(
        ['check', '--json', '--default-require=title,secrets', 'nb.ipynb'],
        { ...files, [path.join(dir, '.nbproject-lab.toml')]: config },
        dir
      );
    expect(
      JSON.parse(configured('require = ["consecutive"]\n').stdout).checks
    ).toEqual({ required: ['consecutive'], failed: [] });
    // An empty list is the repository's choice: nothing required.
    const none = configured('require = []\n');
    expect(none.status).toBe(ExitCode.Ok);
    expect(JSON.parse(none.stdout).checks.required).toEqual([]);
  });

  it('refuses unknown checks, and is in the help', () => {
    const result = run(
      ['check', '--default-require', 'title,speed', 'nb.ipynb'],
      {}
    );
    expect(result.status).toBe(ExitCode.BadInput);
    expect(result.stderr).toContain('unknown check "speed"');
    expect(USAGE).toContain('  --default-require CHECKS\n');
  });

  it('prints its help within 80 columns, each check on its own entry', () => {
    expect(USAGE.split('\n').filter(line => line.length > 80)).toEqual([]);
    // A check's summary continues under itself, not under the names.
    expect(USAGE).toMatch(
      /^ {23}hidden-state no cell uses a name that no cell above\n {36}defines$/m
    );
  });

  it("makes the pre-commit hook's entry fail a notebook with a credential, without a configuration", () => {
    buildCliIfStale();
    const hooks = yaml.load(
      fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')
    ) as { id: string; entry: string }[];
    const hook = hooks.find(h => h.id === 'nbproject-lab-check')!;
    fs.writeFileSync(path.join(dir, 'nb.ipynb'), leaky);
    const [, ...args] = hook.entry.split(' ');
    const result = runBin([...args, 'nb.ipynb'], dir);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(ExitCode.Failed);
    expect(result.stdout).toContain(
      '  checks       failed: title, metadata, secrets\n'
    );
  }, 120000);
});

describe('notebooks excluded by the configuration are named on stderr', () => {
  let dir: string;
  beforeAll(() => buildCliIfStale(), 120000);
  beforeEach(() => {
    dir = tempRepository('nbproject-gates-');
  });
  afterEach(() => removeRepository(dir));

  it('one line per run, at most five names', () => {
    const nb = trackedText([title]);
    const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map(
      n => `scratch/${n}.ipynb`
    );
    fs.mkdirSync(path.join(dir, 'scratch'));
    fs.mkdirSync(path.join(dir, 'sub'));
    for (const name of ['nb.ipynb', ...names]) {
      fs.writeFileSync(path.join(dir, name), nb);
    }
    fs.writeFileSync(
      path.join(dir, 'pyproject.toml'),
      '[tool.nbproject-lab]\nexclude = ["scratch/**"]\n'
    );
    const many = runBin(
      ['check', '--json', '--require', 'title', 'nb.ipynb', ...names],
      dir
    );
    expect(many.status).toBe(ExitCode.Ok);
    expect(many.stderr).toBe(
      'nbproject-lab: 7 notebooks excluded by pyproject.toml ([tool.nbproject-lab] exclude): scratch/a.ipynb, scratch/b.ipynb, scratch/c.ipynb, scratch/d.ipynb, scratch/e.ipynb and 2 more\n'
    );
    expect(many.stdout.trim().split('\n')).toHaveLength(1);
    const one = runBin(
      ['check', '--require', 'title', '../scratch/a.ipynb'],
      path.join(dir, 'sub')
    );
    expect(one.status).toBe(ExitCode.Ok);
    expect(one.stdout).toBe('');
    expect(one.stderr).toBe(
      'nbproject-lab: 1 notebook excluded by ../pyproject.toml ([tool.nbproject-lab] exclude): ../scratch/a.ipynb\n'
    );
  });
});

const PYTHON = process.env.NBPROJECT_PYTHON || VENV_PYTHON;
const itPython = fs.existsSync(PYTHON) ? it : it.skip;

describe('pinned with --python', () => {
  let dir: string;
  beforeAll(() => buildCliIfStale(), 120000);
  beforeEach(() => {
    dir = tempRepository('nbproject-gates-');
  });
  afterEach(() => removeRepository(dir));

  itPython(
    'has the lines and the notes, found before the interpreter answers',
    () => {
      fs.writeFileSync(
        path.join(dir, 'nb.ipynb'),
        trackedText(
          [
            title,
            { source: 'x = 1\nimport yaml\n' },
            { source: `import torch\n${'x = 1\n'.repeat(17_000)}` }
          ],
          { ...TRACKED, pypackage: {} }
        )
      );
      const result = runBin(
        [
          'check',
          '--json',
          '--python',
          PYTHON,
          '--require',
          'pinned',
          'nb.ipynb'
        ],
        dir
      );
      expect(result.stderr).toBe('');
      expect(findings(result.stdout)).toEqual([
        'pinned error 1:2 PyYAML (imported as yaml) is imported but its version is not stored.',
        'pinned note 2:null The cell was not read for imports: it is longer than 100,000 characters; the packages it imports are not checked.'
      ]);
    },
    60000
  );
});
