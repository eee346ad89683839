// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { createHash } from 'crypto';
import * as fs from 'fs';

import { ExitCode } from '../../cli/main';
import { dependencyLines } from '../../cli/positions';
import { VENV_PYTHON } from '../../../testutils/paths';
import { runInMemory, validSarif } from './scratch';

/**
 * Where the reports put the `declared` check's findings (the line that
 * declares the package), and the SARIF fingerprints of cells without an
 * id (nbformat < 4.5).
 */

interface ICell {
  source: string;
  id?: string;
  count?: number | null;
  metadata?: Record<string, unknown>;
}

const NBPROJECT = {
  id: 'Kx3vQ9TmPz1a',
  version: '1',
  time_init: '2024-03-01T09:30:00.123456+00:00',
  pypackage: { pandas: '2.2.2' }
};

/**
 * A notebook's JSON as Jupyter writes it: one string per source line,
 * one space of indent; cells without an id and nbformat 4.4 when
 * `withIds` is false.
 */
function notebookText(
  cells: ICell[],
  metadata: Record<string, unknown>,
  withIds = true
): string {
  return `${JSON.stringify(
    {
      cells: cells.map((cell, i) => ({
        cell_type: 'code',
        ...(withIds ? { id: cell.id ?? `c${i}` } : {}),
        metadata: cell.metadata ?? {},
        source: cell.source.split(/(?<=\n)/),
        execution_count: cell.count ?? null,
        outputs: []
      })),
      metadata,
      nbformat: 4,
      nbformat_minor: withIds ? 5 : 4
    },
    null,
    1
  )}\n`;
}

const run = runInMemory;

interface IResult {
  locations: { physicalLocation: { region: { startLine: number } } }[];
  partialFingerprints: { nbprojectLab: string };
  properties: { code: string; cellLine: number | null };
}

/**
 * The results of a SARIF 2.1.0 log, checked against the vendored schema.
 */
function sarifResults(text: string): IResult[] {
  return validSarif(text).runs[0].results;
}

/**
 * The line of a file's text, from 1, that holds `text` (the `nth` such
 * line, from 1).
 */
function lineHolding(file: string, text: string, nth = 1): number {
  let seen = 0;
  return (
    file.split('\n').findIndex(line => line.includes(text) && ++seen === nth) +
    1
  );
}

/**
 * The file line of each finding in the JSON, github and SARIF outputs,
 * and the cell line of each in JSON and SARIF.
 */
async function linesInEveryFormat(
  args: string[],
  files: Record<string, string>
) {
  const json = JSON.parse((await run([...args, '--json'], files)).stdout);
  const github = (await run([...args, '--format', 'github'], files)).stdout;
  const sarif = sarifResults(
    (await run([...args, '--format', 'sarif'], files)).stdout
  );
  return {
    json: json.findings.map((f: { line: number | null; fileLine: number }) => [
      f.line,
      f.fileLine
    ]),
    github: [...github.matchAll(/,line=(\d+),/g)].map(m => Number(m[1])),
    sarif: sarif.map(r => [
      r.properties.cellLine,
      r.locations[0].physicalLocation.region.startLine
    ])
  };
}

describe('a declared finding of a PEP 723 cell is on the line naming the package', () => {
  const pep723 = [
    '# /// script',
    '# requires-python = ">=3.11"',
    '# dependencies = [',
    '#     "numpy>=1",  # arrays',
    "#     'Pandas == 2.1.0',",
    '#     "scikit_learn[extra]; python_version > \'3\'",',
    '# ]',
    '# [tool.uv]',
    '# exclude-newer = "2024-01-01T00:00:00Z"',
    '# ///',
    ''
  ].join('\n');
  const text = notebookText(
    [{ source: pep723 }, { source: 'import pandas\n', count: 1 }],
    { nbproject: NBPROJECT }
  );
  const files = { 'nb.ipynb': text };
  const args = ['check', '--require', 'declared', 'nb.ipynb'];

  it('in the text report', async () => {
    const result = await run(args, files);
    expect(result.status).toBe(ExitCode.Failed);
    expect(result.stdout).toContain(
      [
        '  findings     declared: cell 1, line 4: pep723 declares numpy>=1, which pypackage does not store.',
        '               declared: cell 1, line 5: pep723 declares Pandas==2.1.0, pypackage stores 2.2.2.',
        '               declared: cell 1, line 6: pep723 declares scikit_learn, which pypackage does not store.'
      ].join('\n')
    );
  });

  it('in JSON, github and SARIF', async () => {
    const lines = [
      lineHolding(text, 'numpy>=1'),
      lineHolding(text, 'Pandas == 2.1.0'),
      lineHolding(text, 'scikit_learn')
    ];
    expect(await linesInEveryFormat(args, files)).toEqual({
      json: [
        [4, lines[0]],
        [5, lines[1]],
        [6, lines[2]]
      ],
      github: lines,
      sarif: [
        [4, lines[0]],
        [5, lines[1]],
        [6, lines[2]]
      ]
    });
  });

  it('finds the names of one line, and of no line outside dependencies', () => {
    const keys = new Set(['numpy', 'pandas', 'exclude-newer', 'tomli']);
    expect(
      dependencyLines(
        [
          'x = 1',
          '# /// script',
          '# dependencies = ["numpy", "pandas>=2"]',
          '# [tool.uv]',
          '# exclude-newer = "2024-01-01"',
          '# dev-dependencies = ["tomli"]',
          '# ///',
          ''
        ].join('\n'),
        keys
      )
    ).toEqual(
      new Map([
        ['numpy', 3],
        ['pandas', 3]
      ])
    );
    // No script block: nothing is found.
    expect(dependencyLines('dependencies = [\n "numpy"\n]\n', keys)).toEqual(
      new Map()
    );
  });
});

describe('a declared finding of the metadata is on the line of its key', () => {
  const metadata = {
    nbproject: NBPROJECT,
    'uv.lock':
      'version = 1\n\n[[package]]\nname = "numpy"\nversion = "1.26.4"\n',
    requirements: JSON.stringify({ packages: { pandas: '==2.1.0' } }),
    requirements_lock: { default: { rich: { version: '==13.0.0' } } }
  };
  // A cell's own metadata keys of the same names are not the notebook's.
  const text = notebookText(
    [
      {
        source: 'import pandas\n',
        count: 1,
        metadata: { requirements: 'x', 'uv.lock': 'y' }
      }
    ],
    metadata
  );
  const files = { 'nb.ipynb': text };

  it('in JSON, github and SARIF: uv.lock, requirements, requirements_lock', async () => {
    const lines = [
      lineHolding(text, '"uv.lock"', 2),
      lineHolding(text, '"requirements"', 2),
      lineHolding(text, '"requirements_lock"')
    ];
    expect(lines.every(line => line > lineHolding(text, '"cells"'))).toBe(true);
    expect(
      await linesInEveryFormat(
        ['check', '--require', 'declared', 'nb.ipynb'],
        files
      )
    ).toEqual({
      json: lines.map(line => [null, line]),
      github: lines,
      sarif: lines.map(line => [null, line])
    });
  });
});

describe('the SARIF fingerprint of a cell without an id', () => {
  const cells: ICell[] = [
    { source: 'import pandas\nimport yaml\n', count: 1 },
    { source: 'print(model)\n', count: 2 }
  ];
  const args = [
    'check',
    '--format',
    'sarif',
    '--require',
    'pinned,hidden-state',
    'nb.ipynb'
  ];
  const metadata = { nbproject: { ...NBPROJECT, pypackage: {} } };
  const fingerprints = async (text: string, more: string[] = []) =>
    sarifResults(
      (await run([...args, ...more], { 'nb.ipynb': text })).stdout
    ).map(r => `${r.properties.code} ${r.partialFingerprints.nbprojectLab}`);

  it('follows its cell when cells are added above it', async () => {
    const before = await fingerprints(notebookText(cells, metadata, false));
    expect(before).toHaveLength(3);
    const added = await fingerprints(
      notebookText([{ source: 'x = 1\n', count: 1 }, ...cells], metadata, false)
    );
    expect(added).toEqual(before);
  });

  it('is a new one when its cell is edited', async () => {
    const before = await fingerprints(notebookText(cells, metadata, false));
    const edited = await fingerprints(
      notebookText(
        [cells[0], { source: '# edited\nprint(model)\n', count: 2 }],
        metadata,
        false
      )
    );
    expect(edited.slice(0, 2)).toEqual(before.slice(0, 2));
    expect(edited[2]).not.toEqual(before[2]);
  });

  it('names the source hash; a cell with an id keeps its fingerprint', async () => {
    const hash = (text: string, length: number) =>
      createHash('sha256').update(text).digest('hex').slice(0, length);
    const name = (value: string) => hash(JSON.stringify([value]), 16);
    expect(await fingerprints(notebookText(cells, metadata, false))).toEqual([
      `pinned.notStored pinned/pinned.notStored/source:${hash(cells[0].source, 12)}/${name('pandas')}`,
      `pinned.notStored pinned/pinned.notStored/source:${hash(cells[0].source, 12)}/${name('PyYAML')}`,
      `hidden-state.undefined-name hidden-state/hidden-state.undefined-name/source:${hash(cells[1].source, 12)}/${name('model')}`
    ]);
    expect(await fingerprints(notebookText(cells, metadata))).toEqual([
      `pinned.notStored pinned/pinned.notStored/c0/${name('pandas')}`,
      `pinned.notStored pinned/pinned.notStored/c0/${name('PyYAML')}`,
      `hidden-state.undefined-name hidden-state/hidden-state.undefined-name/c1/${name('model')}`
    ]);
  });

  const itPython = fs.existsSync(VENV_PYTHON) ? it : it.skip;
  itPython(
    'is the same when pinned waits for --python',
    async () => {
      const text = notebookText(cells, metadata, false);
      const without = await fingerprints(text);
      const live = await fingerprints(text, ['--python', VENV_PYTHON]);
      expect(live).toEqual(without);
      expect(live.filter(f => f.includes('/source:'))).toHaveLength(3);
    },
    60000
  );
});
