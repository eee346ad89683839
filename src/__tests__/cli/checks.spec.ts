// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

import { checkNotebook, readNotebookText } from '../../cli/check';
import { CHECK_TABLE, runChecks } from '../../cli/checks';
import { ExitCode, USAGE } from '../../cli/main';
import { findingText } from '../../cli/words';
import type { ILiveEnvironment } from '../../core/kernel/probeRequest';
import { cellPositions } from '../../cli/positions';
import { withDataManifest } from '../../core/data/manifest';
import { buildCliIfStale, ROOT, runBin } from './cliBuild';
import { FIXTURES, VENV_PYTHON } from '../../../testutils/paths';
import {
  removeRepository,
  sarifValidator,
  tempRepository,
  runSync
} from './scratch';

// js-yaml (in the tree through eslint) reads the hook definitions as
// pre-commit's YAML reader would; it ships no types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const yaml = require('js-yaml') as { load(text: string): unknown };

/**
 * A GitHub token as a user would paste it (the scanner's format; not a
 * real token).
 */
const TOKEN = 'ghp_' + 'aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dF3hJ5';

/**
 * A notebook's JSON as Jupyter writes it: one string per source line,
 * one space of indent.
 */
function notebookText(
  cells: {
    type?: string;
    source: string;
    count?: number | null;
    tags?: string[];
    outputs?: unknown[];
  }[],
  nbproject?: Record<string, unknown>,
  extra: Record<string, unknown> = {}
): string {
  const json = {
    cells: cells.map((cell, i) => ({
      cell_type: cell.type ?? 'code',
      id: `c${i}`,
      metadata: cell.tags ? { tags: cell.tags } : {},
      source: cell.source.split(/(?<=\n)/),
      ...(cell.type === undefined || cell.type === 'code'
        ? { execution_count: cell.count ?? null, outputs: cell.outputs ?? [] }
        : {})
    })),
    metadata: { ...(nbproject ? { nbproject } : {}), ...extra },
    nbformat: 4,
    nbformat_minor: 5
  };
  return `${JSON.stringify(json, null, 1)}\n`;
}

/**
 * Every check that reads only the notebook.
 */
const ALL_BUT_DATA =
  'consecutive,title,metadata,secrets,paths,installs,pinned,declared';

const TRACKED = {
  id: 'Kx3vQ9TmPz1a',
  version: '1',
  time_init: '2024-03-01T09:30:00.123456+00:00',
  pypackage: { pandas: '2.2.2' }
};

const run = runSync;

/**
 * The same, awaiting a run that checks data files.
 */
async function runAsync(args: string[], files: Record<string, string>) {
  const result = run(args, files);
  const status = await result.status;
  return { status, stdout: result.stdout, stderr: result.stderr };
}

const findingsOf = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map(line => JSON.parse(line).findings);

describe('check --require: every check by name', () => {
  const leaky = notebookText(
    [
      { type: 'markdown', source: '# Leaky\n' },
      { source: `import pandas\ntoken = "${TOKEN}"\n`, count: 1 },
      {
        source: 'df = pandas.read_csv("/home/alice/project/iris.csv")\n',
        count: 2
      },
      {
        source:
          '%pip install git+https://bob:s3cr3tpassw0rd@example.com/x.git\nimport sklearn\n',
        count: 3
      }
    ],
    TRACKED
  );

  it('finds each kind of finding with its cell index, id and line, in JSON', () => {
    const result = run(
      ['check', '--json', '--require', ALL_BUT_DATA, 'leaky.ipynb'],
      {
        'leaky.ipynb': leaky
      }
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(ExitCode.Failed);
    const record = JSON.parse(result.stdout);
    expect(record.title).toBe('Leaky');
    expect(record.checks.failed).toEqual([
      'secrets',
      'paths',
      'installs',
      'pinned'
    ]);
    const brief = record.findings.map(
      (f: {
        check: string;
        cell: number;
        cellId: string;
        line: number;
        code: string;
      }) => [f.check, f.cell, f.cellId, f.line, f.code]
    );
    expect(brief).toEqual([
      ['secrets', 1, 'c1', 2, 'secrets.found'],
      ['secrets', 3, 'c3', 1, 'secrets.found'],
      ['paths', 2, 'c2', 1, 'paths.home'],
      ['installs', 3, 'c3', 1, 'installs.line'],
      ['pinned', 3, 'c3', 2, 'pinned.notStored']
    ]);
    const pinned = record.findings[4];
    expect(pinned.message).toBe(
      'scikit-learn (imported as sklearn) is imported but its version is not stored.'
    );
    // No finding for what passes: title, order, metadata, pandas stored.
    expect(
      brief.some((f: string[]) =>
        ['title', 'consecutive', 'metadata'].includes(f[0])
      )
    ).toBe(false);
  });

  it('never prints a credential, in any format', () => {
    for (const format of ['human', 'json', 'github', 'sarif']) {
      const result = run(
        ['check', '--format', format, '--require', ALL_BUT_DATA, 'leaky.ipynb'],
        {
          'leaky.ipynb': leaky
        }
      );
      expect(result.status).toBe(ExitCode.Failed);
      expect(result.stdout).toContain('ghp_');
      expect(result.stdout).not.toContain(TOKEN.slice(0, 12));
      expect(result.stdout).not.toContain('s3cr3tpassw0rd');
    }
  });

  it('reports the findings of consecutive, title and metadata with reasons', () => {
    const result = run(
      [
        'check',
        '--json',
        '--require',
        'consecutive,title,metadata',
        'out.ipynb'
      ],
      {
        'out.ipynb': notebookText([
          { source: 'x = 1\n', count: 2 },
          { source: 'y = 2\n', count: null }
        ])
      }
    );
    expect(result.status).toBe(ExitCode.Failed);
    const [findings] = findingsOf(result.stdout);
    expect(
      findings.map(
        (f: { code: string; cell: number | null; message: string }) => [
          f.code,
          f.cell,
          f.message
        ]
      )
    ).toEqual([
      ['consecutive.not-from-one', 0, 'Does not start at 1: first count is 2'],
      ['title.missing', null, 'No title: no Markdown cell has a "# " heading.'],
      [
        'metadata.missing',
        null,
        'No nbproject metadata: the notebook is not tracked by nbproject.'
      ]
    ]);
  });

  it('allows a finding with each marker the help shows, as a comment or a tag, not by its short form', () => {
    const markers = USAGE.split('\n')
      .map(line => line.trim())
      .filter(line => /^nbproject-lab: allow-\w+$/.test(line));
    expect(markers).toEqual([
      'nbproject-lab: allow-secret',
      'nbproject-lab: allow-path',
      'nbproject-lab: allow-install'
    ]);
    const lines = [
      `a = "${TOKEN}"`,
      'p = "/home/alice/x.csv"',
      '%pip install numpy'
    ];
    const found = (cells: { source: string; tags?: string[] }[]) => {
      const result = run(
        ['check', '--json', '--require', 'secrets,paths,installs', 'nb.ipynb'],
        {
          'nb.ipynb': notebookText(
            cells.map((cell, i) => ({ ...cell, count: i + 1 })),
            TRACKED
          )
        }
      );
      return findingsOf(result.stdout)[0].map(
        (f: { check: string }) => f.check
      );
    };
    expect(
      found(lines.map((line, i) => ({ source: `${line}  # ${markers[i]}\n` })))
    ).toEqual([]);
    expect(
      found(
        lines.map((line, i) => ({ source: `${line}\n`, tags: [markers[i]] }))
      )
    ).toEqual([]);
    expect(
      found(
        lines.map((line, i) => ({
          source: `${line}  # ${markers[i].replace('nbproject-lab: ', '')}\n`
        }))
      )
    ).toEqual(['secrets', 'paths', 'installs']);
  });

  it('drops a finding allowed by a cell tag or a comment on its line, and only that one', () => {
    const text = notebookText(
      [
        {
          source: `a = "${TOKEN}"  # nbproject-lab: allow-secret\nb = "${TOKEN.replace('a', 'x')}"\n`,
          count: 1
        },
        {
          source: `c = "${TOKEN.replace('a', 'y')}"\n`,
          count: 2,
          tags: ['nbproject-lab:allow-secret']
        },
        {
          source: 'p = "/home/alice/x.csv"  # nbproject-lab: allow-secret\n',
          count: 3
        }
      ],
      TRACKED
    );
    const result = run(
      ['check', '--json', '--require', 'secrets,paths', 'nb.ipynb'],
      {
        'nb.ipynb': text
      }
    );
    const [findings] = findingsOf(result.stdout);
    expect(
      findings.map((f: { check: string; cell: number; line: number }) => [
        f.check,
        f.cell,
        f.line
      ])
    ).toEqual([
      ['secrets', 0, 2],
      // allow-secret does not allow a path.
      ['paths', 2, 1]
    ]);
  });

  it('pinned: a package stored without a version fails; one stored passes', () => {
    const result = run(['check', '--json', '--require', 'pinned', 'nb.ipynb'], {
      'nb.ipynb': notebookText(
        [{ source: 'import pandas, yaml\n', count: 1 }],
        { ...TRACKED, pypackage: { pandas: '2.2.2', PyYAML: '' } }
      )
    });
    expect(result.status).toBe(ExitCode.Failed);
    const [findings] = findingsOf(result.stdout);
    expect(
      findings.map((f: { code: string; message: string }) => [
        f.code,
        f.message
      ])
    ).toEqual([['pinned.noVersion', 'PyYAML is stored without a version.']]);
  });

  it('pinned, offline: a namespace module is taken as the distributions stored under its name, with a note', () => {
    const check = (source: string, pypackage: Record<string, string>) => {
      const result = run(
        ['check', '--json', '--require', 'pinned', 'nb.ipynb'],
        {
          'nb.ipynb': notebookText([{ source, count: 1 }], {
            ...TRACKED,
            pypackage
          })
        }
      );
      return {
        status: result.status,
        said: findingsOf(result.stdout)[0].map(
          (f: { severity: string; message: string }) =>
            `${f.severity}: ${f.message}`
        )
      };
    };
    const note = (module: string, names: string) =>
      `note: ${module} is a namespace: taken as the stored ${names} (--python tells which distributions the imports come from).`;
    expect(
      check('from google.cloud import storage\n', {
        'google-cloud-storage': '2.10.0',
        pandas: '2.2.2'
      })
    ).toEqual({
      status: ExitCode.Ok,
      said: [note('google', 'google-cloud-storage')]
    });
    expect(
      check('import azure.identity\n', { Azure_Identity: '1.15.0' })
    ).toEqual({ status: ExitCode.Ok, said: [note('azure', 'azure-identity')] });
    // A wrong guess passes, but the note names what was taken for it.
    expect(
      check('from google.cloud import bigquery\n', { 'google-auth': '2.29.0' })
    ).toEqual({ status: ExitCode.Ok, said: [note('google', 'google-auth')] });
    // Stored without a version, it is said so by its own name.
    expect(
      check('import google.cloud.bigquery\n', { 'google-cloud-bigquery': '' })
    ).toEqual({
      status: ExitCode.Failed,
      said: [
        note('google', 'google-cloud-bigquery'),
        'error: google-cloud-bigquery is stored without a version.'
      ]
    });
    // Nothing stored under the namespace: the module is not stored.
    expect(check('import google.protobuf\n', { pandas: '2.2.2' })).toEqual({
      status: ExitCode.Failed,
      said: ['error: google is imported but its version is not stored.']
    });
    // Not a namespace: a distribution named after the module does not count.
    expect(
      check('import requests\n', { 'requests-oauthlib': '1.3.1' })
    ).toEqual({
      status: ExitCode.Failed,
      said: ['error: requests is imported but its version is not stored.']
    });
  });

  it("pinned with --python: a namespace module is taken as those of the interpreter's providers that are stored", () => {
    const pinned = CHECK_TABLE.filter(check => check.name === 'pinned');
    const findingsFor = (
      source: string,
      pypackage: Record<string, string>,
      google: string[]
    ) => {
      const read = readNotebookText(
        notebookText([{ source, count: 1 }], { ...TRACKED, pypackage })
      );
      if (!('notebook' in read)) {
        throw new Error('unreadable');
      }
      const live = {
        python: { version: '3.11.7', implementation: 'CPython' },
        executable: '/venv/bin/python',
        prefix: '/venv',
        platform: 'linux',
        distributions: {},
        // An empty list: the interpreter lacks the module.
        moduleDistributions: { google, azure: [] },
        loadedModules: []
      } as unknown as ILiveEnvironment;
      return runChecks(pinned, {
        notebook: read.notebook,
        check: checkNotebook(read.notebook),
        directory: '/work',
        ignored: new Set(),
        live,
        data: null
      }).map(f => `${f.severity}: ${findingText(f.issue)}`);
    };
    const providers = ['google-auth', 'google-cloud-storage', 'protobuf'];
    expect(
      findingsFor(
        'from google.cloud import storage\n',
        { 'google-cloud-storage': '2.10.0' },
        providers
      )
    ).toEqual([
      'note: google is a namespace: taken as the stored google-cloud-storage (--python tells which distributions the imports come from).'
    ]);
    // None of its providers stored: each is said not stored, as before.
    expect(
      findingsFor('import google.cloud.storage\n', {}, ['google-auth'])
    ).toEqual([
      'error: google-auth (imported as google) is imported but its version is not stored.'
    ]);
    // A namespace the interpreter lacks: taken as those stored under its name.
    expect(
      findingsFor(
        'import azure.identity\n',
        { 'azure-identity': '1.15.0' },
        providers
      )
    ).toEqual([
      'note: azure is a namespace: taken as the stored azure-identity (--python tells which distributions the imports come from).'
    ]);
  });

  it('declared: a PEP 723 cell that disagrees with pypackage fails', () => {
    const result = run(
      ['check', '--json', '--require', 'declared', 'nb.ipynb'],
      {
        'nb.ipynb': notebookText(
          [
            {
              source:
                '# /// script\n# dependencies = ["pandas==2.1.0", "numpy>=1"]\n# ///\n'
            },
            { source: 'import pandas\n', count: 1 }
          ],
          TRACKED
        )
      }
    );
    expect(result.status).toBe(ExitCode.Failed);
    const [findings] = findingsOf(result.stdout);
    expect(
      findings.map((f: { code: string; cell: number; message: string }) => [
        f.code,
        f.cell,
        f.message
      ])
    ).toEqual([
      [
        'declared.versionDiffers',
        0,
        'pep723 declares pandas==2.1.0, pypackage stores 2.2.2.'
      ],
      [
        'declared.notStored',
        0,
        'pep723 declares numpy>=1, which pypackage does not store.'
      ]
    ]);
  });

  it('refuses match without --python, and unknown checks, before reading anything', () => {
    const match = run(['check', '--require', 'match', 'nb.ipynb'], {});
    expect(match.status).toBe(ExitCode.BadInput);
    expect(match.stderr).toContain('the match check needs --python');
    const format = run(['check', '--format', 'xml', 'nb.ipynb'], {});
    expect(format.stderr).toContain(
      'unknown format "xml" (expected human, json, github, sarif)'
    );
  });

  it('names the two formats given when they clash, as they were given', () => {
    const clash = (...args: string[]) =>
      run(['check', ...args, 'nb.ipynb'], {}).stderr;
    expect(clash('--format', 'sarif', '--format', 'github')).toContain(
      '--format sarif and --format github disagree: give one'
    );
    expect(clash('--format=github', '--json')).toContain(
      '--format github and --json disagree: give one'
    );
    expect(clash('--json', '--format', 'sarif')).toContain(
      '--json and --format sarif disagree: give one'
    );
    // The same format twice is no clash.
    expect(clash('--json', '--format', 'json')).not.toContain('disagree');
  });

  it('lists the findings its blocks do not show in the text report', () => {
    const result = run(['check', '--require', 'secrets,title', 'leaky.ipynb'], {
      'leaky.ipynb': leaky
    });
    expect(result.stdout).toContain('  checks       failed: secrets\n');
    expect(result.stdout).toMatch(
      /\n {2}findings {5}secrets: cell 2, line 2: A credential \(github-token\): token = "ghp_•••"\. Read it from the environment \(\w+\) and revoke it\.\n/
    );
  });
});

describe('paths: the advice', () => {
  it('says Path.home() for a home directory itself, and what to move for a file in it', () => {
    const result = run(['check', '--require', 'paths', 'nb.ipynb'], {
      'nb.ipynb': notebookText(
        [
          {
            source:
              'import os\nos.chdir("/home/alice")\nopen("/home/alice/Downloads/x.csv")\n',
            count: 1
          }
        ],
        TRACKED
      )
    });
    expect(result.status).toBe(ExitCode.Failed);
    expect(result.stdout).toContain(
      "line 2: An absolute path in alice's home directory: /home/alice. Read the home directory with Path.home() (pathlib)"
    );
    expect(result.stdout).toContain(
      "line 3: An absolute path in alice's home directory: /home/alice/Downloads/x.csv. Move x.csv into the project"
    );
  });
});

describe('output formats', () => {
  const text = notebookText(
    [
      { type: 'markdown', source: '# T\n' },
      {
        source: 'import os\n\nprint(1)\npath = "/home/alice/data.csv"\n',
        count: 1
      }
    ],
    TRACKED
  );

  it('github: one workflow command per finding, on the line of the .ipynb that holds it', () => {
    const result = run(
      [
        'check',
        '--format',
        'github',
        '--require',
        'paths,title',
        'dir/nb.ipynb'
      ],
      {
        'dir/nb.ipynb': text
      }
    );
    expect(result.status).toBe(ExitCode.Failed);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const match =
      /^::error file=dir\/nb\.ipynb,line=(\d+),title=nbproject-lab paths \(cell 2\)::An absolute path in alice's home directory: \/home\/alice\/data\.csv\./.exec(
        lines[0]
      );
    expect(match).not.toBeNull();
    expect(text.split('\n')[Number(match![1]) - 1]).toContain(
      '/home/alice/data.csv'
    );
  });

  it('github: escapes what would end the command', () => {
    const result = run(
      ['check', '--format', 'github', '--require', 'title', 'a,b:c%.ipynb'],
      {
        'a,b:c%.ipynb': notebookText([{ source: 'x = 1\n', count: 1 }])
      }
    );
    expect(result.stdout).toBe(
      '::error file=a%2Cb%3Ac%25.ipynb,line=1,title=nbproject-lab title::No title: no Markdown cell has a "# " heading.\n'
    );
  });

  it('sarif: a SARIF 2.1.0 log valid against the schema, with rules and cell locations', async () => {
    const result = await runAsync(
      [
        'check',
        '--format',
        'sarif',
        '--require',
        'all',
        'dir/nb.ipynb',
        'leaky.ipynb'
      ],
      {
        'dir/nb.ipynb': text,
        'leaky.ipynb': notebookText(
          [{ source: `k = "${TOKEN}"\n`, count: 1 }],
          TRACKED
        )
      }
    );
    expect(result.status).toBe(ExitCode.Failed);
    const log = JSON.parse(result.stdout);
    const validate = sarifValidator();
    expect(validate.errors ?? null).toBeNull();
    expect(validate(log)).toBe(true);
    // The validator does reject a broken log.
    expect(
      validate({
        ...log,
        runs: [{ ...log.runs[0], results: [{ level: 'fatal' }] }]
      })
    ).toBe(false);

    const [run0] = log.runs;
    const ruleIds = run0.tool.driver.rules.map(
      (rule: { id: string }) => rule.id
    );
    expect(ruleIds).toEqual([
      'consecutive',
      'title',
      'metadata',
      'hidden-state',
      'secrets',
      'paths',
      'installs',
      'pinned',
      'declared',
      'data'
    ]);
    expect(
      run0.tool.driver.rules.find(
        (rule: { id: string }) => rule.id === 'secrets'
      ).help.text
    ).toContain('allow-secret');
    const paths = run0.results.find(
      (r: { ruleId: string }) => r.ruleId === 'paths'
    );
    expect(paths.locations[0].physicalLocation.artifactLocation.uri).toBe(
      'dir/nb.ipynb'
    );
    const line = paths.locations[0].physicalLocation.region.startLine;
    expect(text.split('\n')[line - 1]).toContain('/home/alice/data.csv');
    expect(paths.locations[0].logicalLocations[0]).toEqual({
      name: 'cell 2',
      fullyQualifiedName: 'dir/nb.ipynb/cells[1]#c1',
      kind: 'element'
    });
    expect(
      run0.results.find((r: { ruleId: string }) => r.ruleId === 'secrets')
        .locations[0].physicalLocation.artifactLocation.uri
    ).toBe('leaky.ipynb');
  });

  it('finds every source line past strings with escapes, quotes and brackets', () => {
    const tricky = [
      'a = "\\\\"  # a backslash\n',
      "b = '\\\"{[' + '\\\\n'\n",
      'c = {"k": [1, 2]}, "x:y"\n',
      'print("\\t\\u00e9 \\\\\\"")\n'
    ].join('');
    const output = {
      output_type: 'stream',
      name: 'stdout',
      text: ['{"a": [1, "\\"]}\n', 'x\\\n', '"quoted" \\n: ,\n']
    };
    const text = notebookText([
      { type: 'markdown', source: '# T\n"a" [b] {c}\n' },
      { source: tricky, count: 1, outputs: [output] },
      { source: 'd = 1\ne = "\\\\"\n', count: 2, outputs: [output] }
    ]);
    const lines = text.split('\n');
    const json = JSON.parse(text);
    const positions = cellPositions(text);
    expect(positions).toHaveLength(3);
    positions.forEach((cell, index) => {
      const source: string[] = json.cells[index].source;
      expect(cell.source).toHaveLength(source.length);
      source.forEach((line, k) => {
        expect(lines[cell.source[k] - 1].trim()).toBe(
          `${JSON.stringify(line)}${k < source.length - 1 ? ',' : ''}`
        );
      });
    });
  });

  it('finds cells and source lines in any JSON layout, in time linear in the file', () => {
    const compact = JSON.stringify(JSON.parse(text));
    expect(cellPositions(compact).map(cell => cell.source.length)).toEqual([
      1, 4
    ]);
    const positions = cellPositions(text);
    expect(
      positions.map(cell => text.split('\n')[cell.line - 1].trim())
    ).toEqual(['{', '{']);
    // A source stored as one string: every line at the string's line.
    const single = notebookText([{ source: 'a\nb\n', count: 1 }]).replace(
      /"source": \[\n\s*"a\\n",\n\s*"b\\n"\n\s*\]/,
      '"source": "a\\nb\\n"'
    );
    expect(cellPositions(single)[0].source).toHaveLength(3);
    const time = (n: number) => {
      const big = notebookText(
        Array.from({ length: n }, () => ({
          source: 'x = "a{b}[c]:,"\n'.repeat(20),
          count: null
        }))
      );
      // The best of three runs: a busy machine slows some runs, never
      // speeds one up.
      let best = Infinity;
      for (let i = 0; i < 3; i++) {
        const start = process.hrtime.bigint();
        cellPositions(big);
        best = Math.min(best, Number(process.hrtime.bigint() - start));
      }
      return best;
    };
    time(200);
    // Eight times the cells: about 8 when linear, 64 when quadratic.
    expect(time(8000) / time(1000)).toBeLessThan(24);
  });
});

describe('the configuration', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempRepository('nbproject-config-');
  });
  afterEach(() => removeRepository(dir));

  const files = (config: Record<string, string>) => {
    const nb = notebookText(
      [{ source: 'import localhelpers, pandas\n', count: 1 }],
      TRACKED
    );
    const out: Record<string, string> = {
      'nb.ipynb': nb,
      'scratch/draft.ipynb': nb
    };
    for (const [name, text] of Object.entries(config)) {
      out[path.join(dir, name)] = text;
    }
    return out;
  };

  it('pyproject.toml [tool.nbproject-lab]: default checks, ignored packages, excluded paths', () => {
    const result = run(
      [
        'check',
        '--json',
        path.join(dir, 'nb.ipynb'),
        path.join(dir, 'scratch/draft.ipynb')
      ],
      {
        ...files({
          'pyproject.toml':
            '[project]\nname = "x"\n\n[tool.nbproject-lab]\nrequire = ["pinned", "title"]\nignore-packages = ["LocalHelpers"]\nexclude = ["scratch/**"]\n'
        }),
        [path.join(dir, 'nb.ipynb')]: files({})['nb.ipynb'],
        [path.join(dir, 'scratch/draft.ipynb')]: files({})['nb.ipynb']
      },
      path.join(dir, 'sub')
    );
    expect(result.stderr).toBe(
      `nbproject-lab: 1 notebook excluded by ../pyproject.toml ([tool.nbproject-lab] exclude): ${path.join(dir, 'scratch/draft.ipynb')}\n`
    );
    const records = result.stdout
      .trim()
      .split('\n')
      .map(line => JSON.parse(line));
    expect(records.map(r => r.file)).toEqual([path.join(dir, 'nb.ipynb')]);
    expect(records[0].checks).toEqual({
      required: ['pinned', 'title'],
      failed: ['title']
    });
  });

  it('.nbproject-lab.toml wins in its folder; --require wins over the file', () => {
    const config = files({
      '.nbproject-lab.toml': 'require = ["pinned"]\n',
      'pyproject.toml': '[tool.nbproject-lab]\nrequire = ["title"]\n'
    });
    const found = run(['check', '--json', 'nb.ipynb'], config, dir);
    expect(JSON.parse(found.stdout).checks.required).toEqual(['pinned']);
    expect(JSON.parse(found.stdout).findings[0].code).toBe('pinned.notStored');
    const given = run(
      ['check', '--json', '--require', 'title', 'nb.ipynb'],
      config,
      dir
    );
    expect(JSON.parse(given.stdout).checks.required).toEqual(['title']);
  });

  it('stops with exit 2 on a configuration it cannot read, naming the problem', () => {
    const result = run(
      ['check', 'nb.ipynb'],
      files({ '.nbproject-lab.toml': 'require = "title"\nspeed = 3\n' }),
      dir
    );
    expect(result.status).toBe(ExitCode.BadInput);
    expect(result.stderr).toContain(
      '"require" is not a list of strings; unknown key "speed"'
    );
    const missing = run(
      ['check', '--config', 'nope.toml', 'nb.ipynb'],
      files({})
    );
    expect(missing.status).toBe(ExitCode.BadInput);
    expect(missing.stderr).toContain('--config nope.toml: cannot read');
  });

  it.each([
    [
      '.nbproject-lab.toml',
      '[tool.nbproject-lab]\nrequire = ["title"]\n',
      'unknown key "tool": this file holds the keys at its top level ([tool.nbproject-lab] is for pyproject.toml)'
    ],
    [
      '.nbproject-lab.toml',
      'Ignore_Packages = ["x"]\n[verify]\ntime_limit = 60\n',
      'verify: unknown key "time_limit" (did you mean "time-limit"?); unknown key "Ignore_Packages" (did you mean "ignore-packages"?)'
    ],
    [
      'pyproject.toml',
      '[tool.nbproject-lab]\ntool = 1\nexcludes = []\n',
      'unknown key "tool"; unknown key "excludes"'
    ]
  ])('a key it does not take in %s says which was meant', (name, text, why) => {
    const result = run(['check', 'nb.ipynb'], files({ [name]: text }), dir);
    expect(result.status).toBe(ExitCode.BadInput);
    expect(result.stderr).toContain(`${name}: ${why}\n`);
  });
});

describe('the executable: --python, --data with other checks, the pre-commit hooks', () => {
  let dir: string;
  beforeAll(() => buildCliIfStale(), 120000);
  beforeEach(() => {
    dir = tempRepository('nbproject-cli-');
  });
  afterEach(() => removeRepository(dir));

  const PYTHON = process.env.NBPROJECT_PYTHON || VENV_PYTHON;
  const itPython = fs.existsSync(PYTHON) ? it : it.skip;

  it("pinned: a module of the notebook's own folder is not a package to store", () => {
    fs.mkdirSync(path.join(dir, 'analysis/pkg'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'analysis/plain'));
    fs.writeFileSync(path.join(dir, 'analysis/helpers.py'), 'X = 1\n');
    fs.writeFileSync(path.join(dir, 'analysis/pkg/__init__.py'), '');
    // A module beside another notebook's folder is not this one's.
    fs.writeFileSync(path.join(dir, 'elsewhere.py'), '');
    const source =
      'import helpers, pkg.sub, plain, elsewhere\nfrom scipy import stats\n';
    fs.writeFileSync(
      path.join(dir, 'analysis/nb.ipynb'),
      notebookText([{ source, count: 1 }], TRACKED)
    );
    const result = runBin(
      ['check', '--json', '--require', 'pinned', 'analysis/nb.ipynb'],
      dir
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(ExitCode.Failed);
    // A folder without __init__.py is left to an installed package.
    expect(
      JSON.parse(result.stdout).findings.map(
        (f: { message: string }) => f.message
      )
    ).toEqual([
      'elsewhere is imported but its version is not stored.',
      'plain is imported but its version is not stored.',
      'scipy is imported but its version is not stored.'
    ]);
  });

  itPython(
    '--python asks the interpreter and fails match and pinned as the header would',
    () => {
      const version = (name: string) =>
        execFileSync(
          PYTHON,
          ['-c', `import importlib.metadata as m; print(m.version("${name}"))`],
          {
            encoding: 'utf8'
          }
        ).trim();
      const ipykernel = version('ipykernel');
      fs.writeFileSync(
        path.join(dir, 'nb.ipynb'),
        notebookText(
          [{ source: 'import ipykernel, jupyterlab, yaml\n', count: 1 }],
          {
            ...TRACKED,
            pypackage: {
              ipykernel,
              jupyterlab: '0.0.1',
              'not-installed-here': '1.0',
              // Stored by hand without a version.
              'no-version-here': ''
            }
          }
        )
      );
      const result = runBin(
        [
          'check',
          '--json',
          '--python',
          PYTHON,
          '--require',
          'match,pinned',
          'nb.ipynb'
        ],
        dir
      );
      expect(result.stderr).toBe('');
      expect(result.status).toBe(ExitCode.Failed);
      const record = JSON.parse(result.stdout);
      const messages = record.findings.map(
        (f: { check: string; message: string }) => `${f.check}: ${f.message}`
      );
      expect(messages).toEqual([
        `match: jupyterlab: stored 0.0.1, installed ${version('jupyterlab')}.`,
        'match: no-version-here: stored without a version, not installed.',
        'match: not-installed-here: stored 1.0, not installed.',
        // yaml maps to PyYAML through the interpreter (installed with Jupyter).
        'pinned: PyYAML (imported as yaml) is imported but its version is not stored.'
      ]);
      // The stored version that matches is not a finding.
      expect(messages.join('\n')).not.toContain('ipykernel');
    }
  );

  itPython('--python alone asks the first python on PATH', () => {
    fs.writeFileSync(
      path.join(dir, 'nb.ipynb'),
      notebookText([{ source: 'import ipykernel\n', count: 1 }], {
        ...TRACKED,
        pypackage: { ipykernel: '0.0.1' }
      })
    );
    const result = spawnSync(
      process.execPath,
      [
        path.join(ROOT, 'bin/nbproject-lab.js'),
        'check',
        '--json',
        '--python',
        '--require',
        'match',
        'nb.ipynb'
      ],
      {
        cwd: dir,
        encoding: 'utf8',
        timeout: 30000,
        env: {
          ...process.env,
          PATH: `${path.dirname(PYTHON)}${path.delimiter}${process.env.PATH}`
        }
      }
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(ExitCode.Failed);
    expect(JSON.parse(result.stdout).findings[0].message).toMatch(
      /^ipykernel: stored 0\.0\.1, installed \d+\.\d+/
    );
  });

  it('--python with an interpreter that is not there is exit 2', () => {
    fs.writeFileSync(path.join(dir, 'nb.ipynb'), notebookText([]));
    const result = runBin(
      [
        'check',
        '--python',
        path.join(dir, 'no-python'),
        '--require',
        'pinned',
        'nb.ipynb'
      ],
      dir
    );
    expect(result.status).toBe(ExitCode.BadInput);
    expect(result.stderr).toContain('cannot run it (no such file or folder)');
  });

  it('--python with an interpreter that fails or says too much is exit 2, reporting nothing', () => {
    fs.writeFileSync(
      path.join(dir, 'nb.ipynb'),
      notebookText([{ source: 'import pandas\n', count: 1 }], TRACKED)
    );
    const fake = (name: string, body: string) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
      return file;
    };
    const failing = fake('failing', 'echo "no module named x" >&2\nexit 3');
    const chatty = fake(
      'chatty',
      // 9 MiB, more than the answer may be.
      'head -c 9437184 /dev/zero | tr "\\0" x'
    );
    const failed = runBin(
      ['check', '--json', '--python', failing, '--require', 'all', 'nb.ipynb'],
      dir
    );
    expect(failed.status).toBe(ExitCode.BadInput);
    expect(failed.stdout).toBe('');
    expect(failed.stderr).toBe(
      `nbproject-lab: --python ${failing}: it exited with status 3 (no module named x)\n`
    );
    const long = runBin(
      ['check', '--python', chatty, '--require', 'pinned', 'nb.ipynb'],
      dir
    );
    expect(long.status).toBe(ExitCode.BadInput);
    expect(long.stdout).toBe('');
    expect(long.stderr).toBe(
      `nbproject-lab: --python ${chatty}: its answer is too long\n`
    );
  });

  it('--data with --require: data files and other checks in one run', () => {
    fs.writeFileSync(path.join(dir, 'iris.csv'), 'a,b\n');
    fs.writeFileSync(
      path.join(dir, 'nb.ipynb'),
      notebookText(
        [
          { type: 'markdown', source: '# T\n' },
          { source: 'import pandas\npandas.read_csv("iris.csv")\n', count: 1 }
        ],
        TRACKED,
        {
          jupyterlab_nbproject: withDataManifest(undefined, [
            { path: 'iris.csv', sha256: '0'.repeat(64), size: 4 }
          ])
        }
      )
    );
    const result = runBin(
      ['check', '--json', '--data', '--require', 'title', 'nb.ipynb'],
      dir
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(ExitCode.Failed);
    const record = JSON.parse(result.stdout);
    expect(record.checks).toEqual({
      required: ['title', 'data'],
      failed: ['data']
    });
    expect(record.findings.map((f: { message: string }) => f.message)).toEqual([
      'Data file iris.csv changed since it was recorded.'
    ]);
    expect(record.data.files[0].status).toBe('changed');
  });

  it("runs each pre-commit hook's entry on fixture notebooks as pre-commit would", () => {
    const hooks = yaml.load(
      fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')
    ) as {
      id: string;
      entry: string;
      files?: string;
      language: string;
      always_run?: boolean;
      pass_filenames?: boolean;
    }[];
    expect(hooks.map(hook => hook.id)).toEqual([
      'nbproject-lab-check',
      'nbproject-lab-data'
    ]);
    for (const name of ['reproducible.ipynb', 'out-of-order.ipynb']) {
      fs.copyFileSync(path.join(FIXTURES, name), path.join(dir, name));
    }
    fs.writeFileSync(path.join(dir, 'README.md'), '# not a notebook\n');
    fs.writeFileSync(
      path.join(dir, '.nbproject-lab.toml'),
      'require = ["consecutive", "title"]\n'
    );
    // What pre-commit does with a hook and the files of a commit: it skips
    // the hook when no file matches `files` (unless `always_run`), and
    // passes the matching files unless `pass_filenames` is false.
    const entryRun = (id: string, staged: string[]) => {
      const hook = hooks.find(h => h.id === id)!;
      expect(hook.language).toBe('node');
      const [program, ...args] = hook.entry.split(' ');
      // The package's bin: what `npm install -g` of this repository puts on PATH.
      const bin = JSON.parse(
        fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')
      ).bin[program];
      expect(bin).toBe('bin/nbproject-lab.js');
      const matching = staged.filter(file =>
        new RegExp(hook.files ?? '').test(file)
      );
      if (matching.length === 0 && !hook.always_run) {
        return null;
      }
      return runBin(
        [...args, ...(hook.pass_filenames === false ? [] : matching)],
        dir
      );
    };
    // pre-commit runs in a git work tree: the files of the commit are in
    // its index.
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
    git('init', '-q');
    const staged = ['README.md', 'reproducible.ipynb', 'out-of-order.ipynb'];
    git('add', '.nbproject-lab.toml', ...staged);
    // A scratch notebook never added: no hook reads it, though its data
    // file is missing.
    fs.writeFileSync(
      path.join(dir, 'scratch.ipynb'),
      notebookText([{ source: 'x = 1\n', count: 1 }], TRACKED, {
        jupyterlab_nbproject: withDataManifest(undefined, [
          { path: 'gone.csv', sha256: '0'.repeat(64), size: 1 }
        ])
      })
    );
    const check = entryRun('nbproject-lab-check', staged)!;
    expect(check.stderr).toBe('');
    expect(check.status).toBe(ExitCode.Failed);
    expect(check.stdout).toContain('out-of-order.ipynb\n');
    expect(check.stdout).toContain(
      '  checks       failed: consecutive, title\n'
    );
    expect(check.stdout).not.toContain('README.md');
    const data = entryRun('nbproject-lab-data', staged)!;
    expect(data.stderr).toBe(
      'nbproject-lab: 1 notebook git does not track, not checked (--git-tracked): scratch.ipynb\n'
    );
    expect(data.status).toBe(ExitCode.Ok);

    // A commit that changes only a data file: the check hook does not run,
    // the data hook does, and blocks it.
    fs.writeFileSync(path.join(dir, 'iris.csv'), 'a,b\n');
    fs.writeFileSync(
      path.join(dir, 'analysis.ipynb'),
      notebookText(
        [
          { type: 'markdown', source: '# T\n' },
          { source: 'import pandas\npandas.read_csv("iris.csv")\n', count: 1 }
        ],
        TRACKED,
        {
          jupyterlab_nbproject: withDataManifest(undefined, [
            { path: 'iris.csv', sha256: '0'.repeat(64), size: 4 }
          ])
        }
      )
    );
    git('add', 'iris.csv', 'analysis.ipynb');
    expect(entryRun('nbproject-lab-check', ['iris.csv'])).toBeNull();
    const changed = entryRun('nbproject-lab-data', ['iris.csv'])!;
    expect(changed.status).toBe(ExitCode.Failed);
    expect(changed.stdout).toContain('analysis.ipynb');
    expect(changed.stdout).toMatch(/changed +iris\.csv/);
  });
});

describe('a notebook that is not JSON: why, and on which line', () => {
  const valid = '{\n "cells": [],\n "metadata": {},\n "nbformat": 4\n}\n';

  // Node's own words differ from one version to the next: the line and
  // column are the tool's, and the same on all of them.
  it.each([
    [
      'a merge left unresolved',
      valid.replace(
        ' "cells": [],\n',
        '<<<<<<< HEAD\n "cells": [],\n=======\n "cells": [1],\n>>>>>>> other\n'
      ),
      /^git merge conflict markers at line 2 \(<<<<<<<\): resolve the merge, then check again$/,
      2
    ],
    [
      'only the last marker left, with Windows line ends',
      valid
        .replace(/\n/g, '\r\n')
        .replace(' "metadata"', '>>>>>>> other\r\n "metadata"'),
      /^git merge conflict markers at line 3 \(>>>>>>>\): resolve the merge, then check again$/,
      3
    ],
    [
      'a Markdown underline of "=" in a text file is not a conflict',
      'Notes\n=======\n',
      /^not JSON at line 1, column 1 \(Unexpected token\)$/,
      1
    ],
    [
      'cut short',
      valid.slice(0, valid.indexOf('[') + 1),
      /^not JSON at line 2, column 12 \(Unexpected end of JSON input\)$/,
      2
    ],
    [
      'a stray character',
      valid.replace('"metadata"', 'x "metadata"'),
      /^not JSON at line 3, column 2 \(.+\)$/,
      3
    ],
    [
      "a Python NaN, whose place Node's message does not give",
      valid.replace('"metadata": {}', '"metadata": {"x": NaN}'),
      /^not JSON at line 3, column 20 \(Unexpected token\)$/,
      3
    ]
  ])('%s', (_, text, unreadable, line) => {
    expect(readNotebookText(text)).toEqual({
      unreadable: expect.stringMatching(unreadable),
      line
    });
  });

  it('seven "<" inside a string are not a conflict', () => {
    const text = valid.replace('"cells": []', '"cells": ["<<<<<<< x"]');
    expect(readNotebookText(text + 'x')).toEqual({
      unreadable: expect.stringMatching(
        /^not JSON at line 6, column 1 \(.+\)$/
      ),
      line: 6
    });
  });
});
