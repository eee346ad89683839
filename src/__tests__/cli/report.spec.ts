// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { ExitCode, main, nodeIO } from '../../cli/main';
import { CHECK_TABLE } from '../../cli/checks';
import type { IFinding } from '../../cli/findings';
import { notebookPositions } from '../../cli/positions';
import { SarifWriter } from '../../cli/report';
import { ROOT } from '../../../testutils/paths';
import { memoryIO, runInMemory, sarifValidator } from './scratch';

/**
 * What a code-scanning user sees of `check --format sarif` and `github`:
 * results told apart by their fingerprints, notebooks that could not be
 * read, files named as URIs, and the lines findings point at.
 */

/**
 * A GitHub token as a user would paste it (the scanner's format; not a
 * real token).
 */
const TOKEN = 'ghp_' + 'aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dF3hJ5';
const OTHER_TOKEN = 'ghp_' + 'zY8xW6vU4tS2rQ0pO8nM6lK4jI2hG0fE8dC6';

const TRACKED = {
  id: 'Kx3vQ9TmPz1a',
  version: '1',
  time_init: '2024-03-01T09:30:00.123456+00:00',
  pypackage: { numpy: '1.26.4' }
};

interface ICell {
  type?: string;
  id?: string;
  source: string;
  count?: number | null;
  outputs?: unknown[];
}

/**
 * A notebook's JSON as Jupyter writes it: one string per source line,
 * one space of indent.
 */
function notebookText(
  cells: ICell[],
  nbproject?: Record<string, unknown>,
  extra: Record<string, unknown> = {}
): string {
  const json = {
    cells: cells.map((cell, i) => ({
      cell_type: cell.type ?? 'code',
      id: cell.id ?? `c${i}`,
      metadata: {},
      source: cell.source.split(/(?<=\n)/),
      ...(cell.type === undefined || cell.type === 'code'
        ? { execution_count: cell.count ?? null, outputs: cell.outputs ?? [] }
        : {})
    })),
    metadata: { ...extra, ...(nbproject ? { nbproject } : {}) },
    nbformat: 4,
    nbformat_minor: 5
  };
  return `${JSON.stringify(json, null, 1)}\n`;
}

const run = runInMemory;

interface IResult {
  ruleId: string;
  level: string;
  message: { text: string };
  locations: {
    physicalLocation: {
      artifactLocation: { uri: string };
      region: { startLine: number };
    };
    logicalLocations: { fullyQualifiedName: string }[];
  }[];
  partialFingerprints: { nbprojectLab: string };
  properties: { code: string };
}

interface ILog {
  runs: {
    results: IResult[];
    invocations: {
      executionSuccessful: boolean;
      toolExecutionNotifications: {
        level: string;
        message: { text: string };
        locations?: {
          physicalLocation: {
            artifactLocation: { uri: string };
            region?: { startLine: number };
          };
        }[];
      }[];
    }[];
  }[];
}

/**
 * The log, checked against the schema.
 */
function validLog(stdout: string): ILog {
  const log = JSON.parse(stdout);
  const validate = sarifValidator();
  expect(validate(log) ? null : validate.errors).toBeNull();
  return log;
}

const uriOf = (result: IResult) =>
  result.locations[0].physicalLocation.artifactLocation.uri;
const lineOf = (result: IResult) =>
  result.locations[0].physicalLocation.region.startLine;

/**
 * The fingerprints that more than one result of a file has.
 */
function collisions(log: ILog): string[] {
  const seen = new Set<string>();
  const twice: string[] = [];
  for (const result of log.runs[0].results) {
    const key = `${uriOf(result)} ${result.partialFingerprints.nbprojectLab}`;
    if (seen.has(key)) {
      twice.push(key);
    }
    seen.add(key);
  }
  return twice;
}

describe('sarif fingerprints: one per finding, stable as the notebook is edited', () => {
  const imports = notebookText(
    [
      { type: 'markdown', source: '# Two imports\n' },
      { id: 'f5216382', source: 'import pandas\nimport pydantic\n', count: 1 },
      {
        id: 'k3y5',
        source: `a = "${TOKEN}"\nb = "${OTHER_TOKEN}"\na = "${TOKEN}"\n`,
        count: 2
      }
    ],
    TRACKED
  );

  it('two unpinned imports in one cell, and three credentials in another, have five fingerprints', async () => {
    const result = await run(
      [
        'check',
        '--format',
        'sarif',
        '--require',
        'pinned,secrets',
        'imports.ipynb'
      ],
      { 'imports.ipynb': imports }
    );
    const log = validLog(result.stdout);
    const results = log.runs[0].results;
    expect(results.map(r => r.ruleId)).toEqual([
      'pinned',
      'pinned',
      'secrets',
      'secrets',
      'secrets'
    ]);
    const fingerprints = results.map(r => r.partialFingerprints.nbprojectLab);
    expect(new Set(fingerprints).size).toBe(5);
    expect(fingerprints[0]).toMatch(/^pinned\/pinned\.notStored\/f5216382\//);
    // The same credential twice in the cell: told apart by their order.
    const again = fingerprints.filter(f => f.endsWith('/2'));
    expect(again).toHaveLength(1);
    expect(fingerprints).toContain(again[0].slice(0, -2));
  });

  it('a fingerprint holds no line: lines added above a finding keep it', async () => {
    const edited = notebookText(
      [
        { type: 'markdown', source: '# Two imports\n\nMore words.\n' },
        { id: 'new', source: 'x = 1\n', count: 1 },
        {
          id: 'f5216382',
          source: '"""Imports."""\nimport pydantic\n\nimport pandas\n',
          count: 2
        },
        {
          id: 'k3y5',
          source: `# keys\n\na = "${TOKEN}"\nb = "${OTHER_TOKEN}"\na = "${TOKEN}"\n`,
          count: 3
        }
      ],
      TRACKED
    );
    const fingerprints = async (text: string) => {
      const result = await run(
        [
          'check',
          '--format',
          'sarif',
          '--require',
          'pinned,secrets',
          'nb.ipynb'
        ],
        { 'nb.ipynb': text }
      );
      return JSON.parse(result.stdout)
        .runs[0].results.map(
          (r: IResult) =>
            `${r.properties.code} ${r.partialFingerprints.nbprojectLab}`
        )
        .sort();
    };
    const before = await fingerprints(imports);
    expect(before).toHaveLength(5);
    expect(await fingerprints(edited)).toEqual(before);
  });

  it('no two results of a file share one, in the examples and the conformance notebooks', async () => {
    const conformance = '/work/shared/conformance/nbproject/notebooks';
    const dirs = [path.join(ROOT, 'examples')];
    if (fs.existsSync(conformance)) {
      dirs.push(conformance);
    }
    const files: Record<string, string> = {};
    for (const dir of dirs) {
      for (const name of fs.readdirSync(dir)) {
        if (name.endsWith('.ipynb')) {
          files[path.join(dir, name)] = fs.readFileSync(
            path.join(dir, name),
            'utf8'
          );
        }
      }
    }
    const result = await run(
      ['check', '--format', 'sarif', '--require', 'all', ...Object.keys(files)],
      files,
      ROOT
    );
    const log = validLog(result.stdout);
    expect(log.runs[0].results.length).toBeGreaterThan(10);
    expect(collisions(log)).toEqual([]);
  });
});

describe('a notebook that cannot be read shows in the github and sarif outputs', () => {
  const good = notebookText([{ source: 'x = 1\n', count: 1 }]);
  const conflicted = good.replace(
    ' "cells": [',
    '<<<<<<< HEAD\n "cells": [\n=======\n "cells": [\n>>>>>>> theirs'
  );
  const files = {
    'good.ipynb': good,
    'conflicted.ipynb': conflicted,
    'notes.ipynb': 'just some notes\n'
  };
  const args = ['good.ipynb', 'conflicted.ipynb', 'notes.ipynb'];
  const markerLine = conflicted.split('\n').indexOf('<<<<<<< HEAD') + 1;
  const conflictWhy = `git merge conflict markers at line ${markerLine} (<<<<<<<): resolve the merge, then check again`;

  it('sarif: an unsuccessful invocation with an error notification per notebook, valid against the schema', async () => {
    const result = await run(
      ['check', '--format', 'sarif', '--require', 'title', ...args],
      files
    );
    expect(result.status).toBe(ExitCode.BadInput);
    expect(markerLine).toBeGreaterThan(1);
    expect(result.stderr).toContain(
      `nbproject-lab: conflicted.ipynb: ${conflictWhy}\n`
    );
    const log = validLog(result.stdout);
    expect(log.runs[0].results.map(uriOf)).toEqual(['good.ipynb']);
    const [invocation] = log.runs[0].invocations;
    expect(invocation.executionSuccessful).toBe(false);
    expect(
      invocation.toolExecutionNotifications.map(n => [
        n.level,
        n.locations?.[0].physicalLocation.artifactLocation.uri,
        n.locations?.[0].physicalLocation.region?.startLine,
        n.message.text
      ])
    ).toEqual([
      [
        'error',
        'conflicted.ipynb',
        markerLine,
        `nbproject-lab could not read this notebook: ${conflictWhy}`
      ],
      [
        'error',
        'notes.ipynb',
        1,
        'nbproject-lab could not read this notebook: not JSON at line 1, column 1 (Unexpected token)'
      ]
    ]);
  });

  it('sarif: a successful invocation when every notebook was read', async () => {
    const result = await run(
      ['check', '--format', 'sarif', '--require', 'title', 'good.ipynb'],
      files
    );
    expect(result.status).toBe(ExitCode.Failed);
    const log = validLog(result.stdout);
    expect(log.runs[0].invocations).toEqual([
      { executionSuccessful: true, toolExecutionNotifications: [] }
    ]);
  });

  it('sarif: an interpreter that cannot be run ends the log with a notification', async () => {
    const result = await run(
      [
        'check',
        '--format',
        'sarif',
        '--require',
        'title',
        '--python',
        path.join(ROOT, 'no-such-python'),
        'good.ipynb'
      ],
      files
    );
    expect(result.status).toBe(ExitCode.BadInput);
    const log = validLog(result.stdout);
    const [invocation] = log.runs[0].invocations;
    expect(invocation.executionSuccessful).toBe(false);
    expect(invocation.toolExecutionNotifications).toHaveLength(1);
    expect(invocation.toolExecutionNotifications[0].message.text).toContain(
      `--python ${path.join(ROOT, 'no-such-python')}: `
    );
  });

  it('github: an error annotation on the notebook, in the order given', async () => {
    const result = await run(
      ['check', '--format', 'github', '--require', 'title', ...args],
      files
    );
    expect(result.status).toBe(ExitCode.BadInput);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^::error file=good\.ipynb,line=1,title=/);
    expect(lines[1]).toBe(
      `::error file=conflicted.ipynb,line=${markerLine}::nbproject-lab could not read this notebook: ${conflictWhy}`
    );
    expect(lines[2]).toMatch(
      /^::error file=notes\.ipynb,line=1::nbproject-lab could not read this notebook: not JSON at line 1, column 1 \(Unexpected token\)$/
    );
  });
});

describe('files are named as typed, normalised: relative, or file:// URIs', () => {
  const text = notebookText([{ source: 'x = 1\n', count: 1 }]);
  const cwd = '/work/repo';

  const named = async (format: 'sarif' | 'github', file: string) => {
    const result = await run(
      ['check', '--format', format, '--require', 'title', file],
      { [file]: text },
      cwd
    );
    if (format === 'github') {
      return /^::error file=([^,]*),/.exec(result.stdout)?.[1];
    }
    const log = validLog(result.stdout);
    return uriOf(log.runs[0].results[0]);
  };

  it('sarif: relative references without `.` segments, file URIs outside the working directory, percent-encoded', async () => {
    expect(await named('sarif', '../analysis/./04.ipynb')).toBe(
      '../analysis/04.ipynb'
    );
    expect(await named('sarif', './a/../nb.ipynb')).toBe('nb.ipynb');
    // On POSIX a backslash is part of the name; r13-report.spec.ts reads it on Windows.
    expect(await named('sarif', 'dir\\nb.ipynb')).toBe('dir%5Cnb.ipynb');
    expect(await named('sarif', '/work/repo/analysis/04.ipynb')).toBe(
      'analysis/04.ipynb'
    );
    expect(await named('sarif', '/tmp/x/04.ipynb')).toBe(
      'file:///tmp/x/04.ipynb'
    );
    expect(await named('sarif', '/work/repository/04.ipynb')).toBe(
      'file:///work/repository/04.ipynb'
    );
    expect(await named('sarif', 'my notes/50% #1?.ipynb')).toBe(
      'my%20notes/50%25%20%231%3F.ipynb'
    );
    expect(await named('sarif', '/tmp/données/ü.ipynb')).toBe(
      'file:///tmp/donn%C3%A9es/%C3%BC.ipynb'
    );
  });

  it('github: a plain path, escaped as a workflow command property', async () => {
    expect(await named('github', '../analysis/./04.ipynb')).toBe(
      '../analysis/04.ipynb'
    );
    expect(await named('github', '/work/repo/analysis/04.ipynb')).toBe(
      'analysis/04.ipynb'
    );
    expect(await named('github', '/tmp/x/04.ipynb')).toBe('/tmp/x/04.ipynb');
    expect(await named('github', 'my notes/50% #1?.ipynb')).toBe(
      'my notes/50%25 #1?.ipynb'
    );
  });

  it('sarif: the cell is named in the same path', async () => {
    const result = await run(
      [
        'check',
        '--format',
        'sarif',
        '--require',
        'consecutive',
        '/work/repo/./a/../nb.ipynb'
      ],
      {
        '/work/repo/./a/../nb.ipynb': notebookText([
          { source: 'x\n', count: 2 }
        ])
      },
      cwd
    );
    const log = validLog(result.stdout);
    expect(
      log.runs[0].results[0].locations[0].logicalLocations[0].fullyQualifiedName
    ).toBe('nb.ipynb/cells[0]#c0');
  });
});

describe('findings point at the line of the .ipynb that shows them', () => {
  /**
   * Each result's line's text, trimmed, by code.
   */
  async function pointed(
    text: string,
    require: string,
    format: 'sarif' | 'github' | 'json' = 'sarif'
  ): Promise<string[]> {
    const result = await run(
      ['check', '--format', format, '--require', require, 'nb.ipynb'],
      { 'nb.ipynb': text }
    );
    const lines = text.split('\n');
    if (format === 'github') {
      return result.stdout
        .trim()
        .split('\n')
        .map(
          line =>
            `${/title=nbproject-lab (\w+)/.exec(line)![1]}: ${lines[Number(/,line=(\d+),/.exec(line)![1]) - 1].trim()}`
        );
    }
    if (format === 'json') {
      return JSON.parse(result.stdout).findings.map(
        (f: { code: string; fileLine: number }) =>
          `${f.code}: ${lines[f.fileLine - 1].trim()}`
      );
    }
    const log = validLog(result.stdout);
    return log.runs[0].results.map(
      r => `${r.properties.code}: ${lines[lineOf(r) - 1].trim()}`
    );
  }

  it('consecutive: the cell\'s "execution_count" line', async () => {
    const text = notebookText([
      { source: 'a = 1\n', count: 2 },
      { source: 'b = 2\n', count: null },
      { source: 'c = 3\n', count: 1 }
    ]);
    const expected = [
      'consecutive.not-from-one: "execution_count": 2,',
      'consecutive.not-run: "execution_count": null,',
      'consecutive.out-of-order: "execution_count": 1,'
    ];
    const found = await pointed(text, 'consecutive');
    expect(found.map(line => line.replace(/\.[\w-]+:/, ':'))).toEqual(
      expected.map(line => line.replace(/\.[\w-]+:/, ':'))
    );
    expect(await pointed(text, 'consecutive', 'github')).toEqual(
      expected.map(line => line.replace(/\.[\w-]+:/, ':'))
    );
  });

  it('metadata: the "nbproject" key, else "metadata"', async () => {
    const invalid = notebookText([{ source: 'x = 1\n', count: 1 }], {
      ...TRACKED,
      version: 1
    });
    expect(await pointed(invalid, 'metadata')).toEqual([
      'metadata.versionNumber: "nbproject": {'
    ]);
    const missing = notebookText([{ source: 'x = 1\n', count: 1 }], undefined, {
      kernelspec: { name: 'python3' }
    });
    expect(await pointed(missing, 'metadata')).toEqual([
      'metadata.missing: "metadata": {'
    ]);
    expect(await pointed(missing, 'metadata', 'json')).toEqual([
      'metadata.missing: "metadata": {'
    ]);
    // The cells' own "metadata" and "nbproject" keys are not the notebook's.
    const inCells = missing.replace(
      /"metadata": \{\},/g,
      '"metadata": {"nbproject": 1},'
    );
    expect(inCells).not.toBe(missing);
    expect(await pointed(inCells, 'metadata')).toEqual([
      'metadata.missing: "metadata": {'
    ]);
  });

  it('title: line 1 without a title cell', async () => {
    const text = notebookText([{ source: 'x = 1\n', count: 1 }], TRACKED);
    expect(await pointed(text, 'title')).toEqual(['title.missing: {']);
  });

  it('secrets in an output: the line of the output that holds the credential', async () => {
    const outputs = [
      {
        output_type: 'stream',
        name: 'stdout',
        text: ['loading\n', 'almost\n', `token=${TOKEN}\n`, 'done\n']
      },
      {
        output_type: 'execute_result',
        execution_count: 1,
        metadata: {},
        data: {
          'text/html': [`<b>${OTHER_TOKEN}</b>`],
          'text/plain': ['{"a": 1,\n', ` "key": "${OTHER_TOKEN}"}`]
        }
      },
      {
        output_type: 'error',
        ename: 'ValueError',
        evalue: 'bad',
        traceback: [
          '\u001b[0;31mValueError\u001b[0m  Traceback\nline two\n',
          `raise ValueError(${JSON.stringify(TOKEN)})`
        ]
      }
    ];
    const text = notebookText([
      { source: 'print(load())\n', count: 1, outputs }
    ]);
    const found = await pointed(text, 'secrets');
    expect(found).toHaveLength(3);
    expect(found[0]).toBe(`secrets.found: "token=${TOKEN}\\n",`);
    expect(found[1]).toBe(`secrets.found: " \\"key\\": \\"${OTHER_TOKEN}\\"}"`);
    expect(found[2]).toContain(`raise ValueError(\\"${TOKEN}\\")`);
    // One string for a whole text: its line.
    const single = notebookText([
      {
        source: 'print(load())\n',
        count: 1,
        outputs: [
          {
            output_type: 'stream',
            name: 'stdout',
            text: `loading\ntoken=${TOKEN}\n`
          }
        ]
      }
    ]);
    expect(await pointed(single, 'secrets')).toEqual([
      `secrets.found: "text": "loading\\ntoken=${TOKEN}\\n"`
    ]);
  });

  it('an output too long to scan: the line of the output that is too long', async () => {
    const long = 'x'.repeat(10_001);
    const outputs = [
      { output_type: 'stream', name: 'stdout', text: ['fine\n'] },
      {
        output_type: 'stream',
        name: 'stdout',
        text: ['loading\n', `${long}\n`, 'done\n']
      }
    ];
    const text = notebookText([
      { source: 'print(load())\n', count: 1, outputs }
    ]);
    for (const format of ['sarif', 'github', 'json'] as const) {
      const found = await pointed(text, 'secrets', format);
      expect(found).toEqual([
        format === 'github'
          ? `secrets: "${long}\\n",`
          : `secrets.unscanned: "${long}\\n",`
      ]);
    }
    const json = JSON.parse(
      (
        await run(['check', '--json', '--require', 'secrets', 'nb.ipynb'], {
          'nb.ipynb': text
        })
      ).stdout
    );
    expect(json.findings[0].params).toEqual({
      count: 1,
      first: null,
      limit: 10000,
      output: 1,
      outputLine: 2
    });
  });

  it('reads the outputs asked for in time linear in the file', () => {
    // Output strings without a backslash, and one at the file's end: a
    // search for the next backslash from each string would read to the
    // end each time.
    const big = (n: number) =>
      notebookText(
        Array.from({ length: n }, () => ({
          source: 'print(x)\n',
          count: null,
          outputs: [
            {
              output_type: 'stream',
              name: 'stdout',
              text: Array.from({ length: 20 }, () => 'a{b}[c]:, "')
            }
          ]
        }))
      ) + '\\';
    const time = (n: number) => {
      const text = big(n);
      const cells = new Set(Array.from({ length: n }, (_, i) => i));
      let best = Infinity;
      for (let i = 0; i < 3; i++) {
        const start = process.hrtime.bigint();
        const found = notebookPositions(text, cells);
        best = Math.min(best, Number(process.hrtime.bigint() - start));
        // Strings without a line break are one line of the output.
        expect(found.cells[n - 1].outputs?.[0]).toHaveLength(1);
      }
      return best;
    };
    time(200);
    // Eight times the cells: about 8 when linear, 64 when quadratic.
    expect(time(8000) / time(1000)).toBeLessThan(24);
  });
});

describe("GitHub's limits: a SARIF log code scanning takes, annotations it shows", () => {
  /**
   * A notebook of one cell that reads `names` names none defines: one
   * hidden-state finding each, numbered from `first`.
   */
  const undefinedNames = (first: number, names: number) =>
    notebookText([
      { type: 'markdown', source: '# Reads\n' },
      {
        source: `print(${Array.from({ length: names }, (_, i) => `n${first + i}`).join(', ')})\n`,
        count: 1
      }
    ]);

  it('sarif: at most 25,000 results, in the order found, and a warning that counts the others', async () => {
    // 26 notebooks of 1,000 findings, and one of 7.
    const files: Record<string, string> = {};
    for (let i = 0; i < 26; i++) {
      files[`nb-${String(i).padStart(2, '0')}.ipynb`] = undefinedNames(
        i * 1000,
        1000
      );
    }
    files['nb-26.ipynb'] = undefinedNames(26000, 7);
    const result = await run(
      [
        'check',
        '--format',
        'sarif',
        '--require',
        'hidden-state',
        ...Object.keys(files)
      ],
      files
    );
    expect(result.status).toBe(ExitCode.Failed);
    const log = validLog(result.stdout);
    const { results, invocations } = log.runs[0];
    expect(results).toHaveLength(25000);
    // The first 25 notebooks whole; none of the last two.
    expect(new Set(results.map(uriOf)).size).toBe(25);
    expect(results.some(r => uriOf(r) === 'nb-25.ipynb')).toBe(false);
    const message =
      '1,007 more findings are not in this log, which holds 25,000, errors before notes: as many results as GitHub code scanning takes in a run; --format json lists every finding';
    expect(invocations).toEqual([
      {
        executionSuccessful: true,
        toolExecutionNotifications: [
          { level: 'warning', message: { text: message } }
        ]
      }
    ]);
    expect(result.stderr).toContain(`nbproject-lab: ${message}\n`);
  });

  it('sarif: past the most results, errors before notes', () => {
    const writer = new SarifWriter(
      CHECK_TABLE.filter(check => check.name === 'secrets'),
      () => '1',
      null,
      2
    );
    const finding = (severity: 'error' | 'note', cell: number): IFinding =>
      ({
        check: 'secrets',
        severity,
        cell,
        cellId: `c${cell}`,
        line: null,
        sourceHash: null,
        issue:
          severity === 'note'
            ? {
                code: 'secrets.unscanned',
                params: { count: 1, first: 1, limit: 10000, output: null }
              }
            : {
                code: 'secrets.found',
                params: {
                  kind: 'github-token',
                  excerpt: 'ghp_•••',
                  advice: { kind: 'variable', name: 'GITHUB_TOKEN' },
                  output: null,
                  outputLine: null
                }
              }
      }) as IFinding;
    const positions = notebookPositions(notebookText([]), new Set());
    let text = writer.results({
      file: 'a.ipynb',
      findings: [finding('note', 0), finding('note', 1)],
      positions
    });
    text += writer.results({
      file: 'b.ipynb',
      findings: [finding('error', 0)],
      positions
    });
    const log = validLog(text + writer.end());
    expect(
      log.runs[0].results.map(
        r =>
          `${r.level} ${uriOf(r)} ${r.locations[0].logicalLocations[0].fullyQualifiedName}`
      )
    ).toEqual([
      'error b.ipynb b.ipynb/cells[0]#c0',
      'note a.ipynb a.ipynb/cells[0]#c0'
    ]);
    expect(
      log.runs[0].invocations[0].toolExecutionNotifications[0].message.text
    ).toMatch(/^1 more finding is not in this log, which holds 2,/);
  });

  it('sarif: no warning when every finding is in the log', async () => {
    const files = { 'a.ipynb': undefinedNames(0, 3) };
    const result = await run(
      ['check', '--format', 'sarif', '--require', 'hidden-state', 'a.ipynb'],
      files
    );
    const log = validLog(result.stdout);
    expect(log.runs[0].results).toHaveLength(3);
    expect(log.runs[0].invocations[0].toolExecutionNotifications).toEqual([]);
    expect(result.stderr).toBe('');
  });

  const annotate = (files: Record<string, string>, require: string) =>
    run(
      [
        'check',
        '--format',
        'github',
        '--require',
        require,
        ...Object.keys(files)
      ],
      files
    );
  const warnings = (stdout: string) =>
    stdout.split('\n').filter(line => line.startsWith('::warning'));

  it('github: past 10 errors, a last warning counts them and says the log has them all', async () => {
    const result = await annotate(
      { 'a.ipynb': undefinedNames(0, 6), 'b.ipynb': undefinedNames(6, 5) },
      'hidden-state'
    );
    const lines = result.stdout.trim().split('\n');
    expect(lines.filter(line => line.startsWith('::error '))).toHaveLength(11);
    expect(lines[lines.length - 1]).toBe(
      "::warning title=nbproject-lab%3A more findings than shown::nbproject-lab reported 11 errors; GitHub shows the first 10 of each kind as annotations, and this step's log has them all"
    );
    expect(warnings(result.stdout)).toHaveLength(1);
  });

  it('github: no warning for 10 errors, the most GitHub shows', async () => {
    const result = await annotate(
      { 'a.ipynb': undefinedNames(0, 10) },
      'hidden-state'
    );
    expect(result.stdout.trim().split('\n')).toHaveLength(10);
    expect(warnings(result.stdout)).toEqual([]);
  });

  it('github: notes count apart from errors', async () => {
    // A line too long to scan is a note (one per cell), the title an error.
    const long = `x = "${'a'.repeat(10_001)}"\n`;
    const cells = Array.from({ length: 11 }, () => ({
      source: long,
      count: 1
    }));
    const result = await annotate(
      { 'a.ipynb': notebookText(cells) },
      'secrets,title'
    );
    const lines = result.stdout.trim().split('\n');
    expect(lines.filter(line => line.startsWith('::notice '))).toHaveLength(11);
    expect(lines.filter(line => line.startsWith('::error '))).toHaveLength(1);
    expect(warnings(result.stdout)).toEqual([
      "::warning title=nbproject-lab%3A more findings than shown::nbproject-lab reported 1 error and 11 notes; GitHub shows the first 10 of each kind as annotations, and this step's log has them all"
    ]);
  });
});

describe('github: the step summary of a workflow run', () => {
  const failing = notebookText([{ source: 'x = 1\n', count: 2 }]);
  const passing = notebookText([
    { type: 'markdown', source: '# Fine\n' },
    { source: 'x = 1\n', count: 1 }
  ]);

  /**
   * Run `check` in memory with a step summary, as in a workflow.
   */
  async function summarized(args: string[], files: Record<string, string>) {
    const { io, out } = memoryIO(files);
    const summary: string[] = [];
    const status = await main(args, {
      ...io,
      stepSummary: markdown => summary.push(markdown)
    });
    return { status, ...out, summary: summary.join('') };
  }

  it('says how many notebooks failed which checks, and lists those with findings', async () => {
    const result = await summarized(
      [
        'check',
        '--format',
        'github',
        '--require',
        'consecutive,title',
        'fails.ipynb',
        'passes.ipynb',
        'broken.ipynb'
      ],
      {
        'fails.ipynb': failing,
        'passes.ipynb': passing,
        'broken.ipynb': 'notes\n'
      }
    );
    expect(result.status).toBe(ExitCode.BadInput);
    const lines = result.summary.split('\n');
    expect(lines.slice(0, 11)).toEqual([
      '### nbproject-lab check',
      '',
      '2 of 3 notebooks failed a required check or could not be read:',
      '',
      '- `consecutive`: failed by 1 notebook',
      '- `title`: failed by 1 notebook',
      '- not read: 1 notebook',
      '',
      '| Notebook | Failed | Notes |',
      '| --- | --- | --- |',
      '| `fails.ipynb` | consecutive: 1 error, title: 1 error | – |'
    ]);
    expect(lines[11]).toMatch(
      /^\| `broken\.ipynb` \| not read: `not JSON at line 1, column 1 \(.*\)` \| – \|$/
    );
    // The annotations are unchanged.
    expect(result.stdout.split('\n').filter(Boolean)).toHaveLength(3);
  });

  it('ends with how to fix each check that failed, once, in the order of the checks, and adds no annotation', async () => {
    const args = [
      'check',
      '--format',
      'github',
      '--require',
      'title,paths,consecutive',
      'fails.ipynb',
      'again.ipynb',
      'passes.ipynb'
    ];
    const files = {
      'fails.ipynb': failing,
      'again.ipynb': failing,
      'passes.ipynb': passing
    };
    const result = await summarized(args, files);
    expect(result.summary.trimEnd().split('\n').slice(-3)).toEqual([
      '',
      '- How to fix `title`: Start the notebook with a Markdown cell holding a "# Title" line.',
      '- How to fix `consecutive`: Restart the kernel and run all cells, then save.'
    ]);
    expect(result.stdout).not.toContain('How to fix');
    // Two annotations a notebook, as without the lines.
    expect(result.stdout.split('\n').filter(Boolean)).toHaveLength(4);
    const passes = await summarized(args.slice(0, 5).concat('passes.ipynb'), {
      'passes.ipynb': passing
    });
    expect(passes.summary).not.toContain('How to fix');
  });

  it('the human report ends with how to fix each check that failed, once; JSON and SARIF do not', async () => {
    const files = {
      'fails.ipynb': failing,
      'again.ipynb': failing,
      'passes.ipynb': passing
    };
    const args = (format: string) => [
      'check',
      '--format',
      format,
      '--require',
      'title,paths,consecutive',
      'fails.ipynb',
      'again.ipynb',
      'passes.ipynb'
    ];
    const human = await summarized(args('human'), files);
    expect(human.status).toBe(ExitCode.Failed);
    expect(
      human.stdout.endsWith(
        '\n\nHow to fix title: Start the notebook with a Markdown cell holding a "# Title" line.\n' +
          'How to fix consecutive: Restart the kernel and run all cells, then save.\n'
      )
    ).toBe(true);
    expect(human.stdout.split('How to fix title').length).toBe(2);
    expect(human.stdout).not.toContain('How to fix paths');
    const clean = await summarized(
      args('human').slice(0, 5).concat('passes.ipynb'),
      {
        'passes.ipynb': passing
      }
    );
    expect(clean.stdout).not.toContain('How to fix');
    for (const format of ['json', 'sarif']) {
      const result = await summarized(args(format), files);
      expect(result.stdout).not.toContain('How to fix');
    }
  });

  it('says that every notebook passes', async () => {
    const result = await summarized(
      ['check', '--format', 'github', '--require', 'title', 'passes.ipynb'],
      { 'passes.ipynb': passing }
    );
    expect(result.summary).toBe(
      '### nbproject-lab check\n\nThe notebook passes `title`.\n\n'
    );
  });

  it('a file name adds no Markdown or HTML: it shows as code', async () => {
    const names = [
      '<img src=x onerror=alert(1)>|[x](http://a)*.ipynb',
      'www.example.com @octocat $x$ `tick`.ipynb',
      'two\nlines.ipynb'
    ];
    const result = await summarized(
      ['check', '--format', 'github', '--require', 'consecutive', ...names],
      Object.fromEntries(names.map(name => [name, failing]))
    );
    expect(result.summary.split('\n').slice(8, 11)).toEqual([
      '| `<img src=x onerror=alert(1)>\\|[x](http:/a)*.ipynb` | consecutive: 1 error | – |',
      '| ``www.example.com @octocat $x$ `tick`.ipynb`` | consecutive: 1 error | – |',
      '| `two\\u000alines.ipynb` | consecutive: 1 error | – |'
    ]);
  });

  it('says when no check was required, or no notebook checked', async () => {
    const none = await summarized(
      ['check', '--format', 'github', 'passes.ipynb'],
      {
        'passes.ipynb': passing
      }
    );
    expect(none.summary.split('\n')[2]).toBe(
      '1 notebook checked; no check was required.'
    );
    const empty = await summarized(
      ['check', '--format', 'github', '--require', 'title', 'missing.ipynb'],
      {}
    );
    expect(empty.summary.split('\n')[2]).toBe(
      '1 of 1 notebook could not be read.'
    );
  });

  it('other formats write none', async () => {
    for (const format of ['human', 'json', 'sarif']) {
      const result = await summarized(
        ['check', '--format', format, '--require', 'title', 'passes.ipynb'],
        { 'passes.ipynb': passing }
      );
      expect(result.summary).toBe('');
    }
  });

  it('on Node, appends to the file GITHUB_STEP_SUMMARY names, and only then', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nbproject-summary-'));
    const file = path.join(dir, 'step_summary');
    fs.writeFileSync(file, 'before\n');
    const saved = process.env.GITHUB_STEP_SUMMARY;
    try {
      process.env.GITHUB_STEP_SUMMARY = file;
      nodeIO().stepSummary!('### one\n');
      nodeIO().stepSummary!('### two\n');
      expect(fs.readFileSync(file, 'utf8')).toBe('before\n### one\n### two\n');
      delete process.env.GITHUB_STEP_SUMMARY;
      expect(nodeIO().stepSummary).toBeUndefined();
    } finally {
      if (saved === undefined) {
        delete process.env.GITHUB_STEP_SUMMARY;
      } else {
        process.env.GITHUB_STEP_SUMMARY = saved;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
