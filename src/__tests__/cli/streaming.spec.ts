// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

import {
  checkNotebook,
  IFullNotebookCheck,
  INotebookFile,
  readNotebookText,
  toJSONRecord
} from '../../cli/check';
import {
  CHECK_TABLE,
  failedChecks,
  ICheckDefinition,
  runChecks
} from '../../cli/checks';
import { dataSummary, IDataReport, verifyNotebookData } from '../../cli/data';
import type { IFinding } from '../../cli/findings';
import { readTextFile } from '../../cli/files';
import { describeNotebook, ICliIO, main } from '../../cli/main';
import { findingLine, findingPositions } from '../../cli/positions';
import {
  findingCode,
  findingFingerprint,
  findingLines,
  findingRecords,
  githubCommands,
  githubOverflow,
  githubUnreadable,
  INotebookFindings,
  reportPath
} from '../../cli/report';
import { findingText } from '../../cli/words';
import { EXTENSION_KEY } from '../../core/extension/metadata';
import type { ILiveEnvironment } from '../../core/kernel/probeRequest';
import { importedDistributions } from '../../core/packages/distributions';
import { FIXTURES, ROOT, VENV_PYTHON } from '../../../testutils/paths';
import { askOnce, removeRepository, tempRepository } from './scratch';

/**
 * `check` writes each notebook's report as soon as the notebook is
 * checked (with `--python`, once the interpreter answered), SARIF's one
 * log included, and keeps no notebook's text or findings for the end.
 * These tests hold its output to the one the whole documents give: the
 * oracle below is the former run, which read every notebook, asked the
 * interpreter, then built every report (SARIF as one object, serialized
 * at once).
 */

const PYTHON = process.env.NBPROJECT_PYTHON || VENV_PYTHON;
const itPython = fs.existsSync(PYTHON) ? it : it.skip;

const FORMATS = ['json', 'github', 'sarif', 'human'] as const;
type Format = (typeof FORMATS)[number];

/**
 * A repository of notebooks: generated ones (outputs, magics, imports,
 * cells out of order, stored packages, data files) and the fixtures,
 * two of which are not notebooks this tool reads.
 */
let dir: string;
let files: string[];

beforeAll(() => {
  dir = tempRepository('nbproject-stream-');
  const sizes = Array.from({ length: 22 }, (_, i) => String(30 + i * 13));
  execFileSync(
    process.execPath,
    [path.join(ROOT, 'bench/generate.js'), dir, ...sizes],
    { stdio: 'ignore' }
  );
  for (const name of fs.readdirSync(FIXTURES)) {
    if (name.endsWith('.ipynb')) {
      fs.copyFileSync(path.join(FIXTURES, name), path.join(dir, name));
    }
  }
  files = fs
    .readdirSync(dir)
    .filter(name => name.endsWith('.ipynb'))
    .sort()
    .map(name => path.join(dir, name));
});

afterAll(() => {
  removeRepository(dir);
});

/**
 * Run the program in this process on the repository's files, as the
 * executable does; `full` makes every `n`th write say the output is full
 * (a slow reader), which the run must wait for.
 */
async function runCli(args: string[], full = 0, only = files) {
  let stdout = '';
  let stderr = '';
  let writes = 0;
  let pending = false;
  const io: ICliIO = {
    stdout: text => {
      stdout += text;
      writes++;
      pending = full > 0 && writes % full === 0;
      return !pending;
    },
    stderr: text => (stderr += text),
    readFile: readTextFile,
    cwd: () => dir,
    ...(full > 0
      ? {
          drain: () =>
            new Promise<void>(resolve =>
              setTimeout(() => {
                pending = false;
                resolve();
              }, 0)
            )
        }
      : {})
  };
  const status = await main(['check', ...args, ...only], io);
  expect(pending).toBe(false);
  return { status, stdout, stderr };
}

/**
 * The former run: every notebook read and checked first, the
 * interpreter asked about all, then every report built.
 */
async function oracle(format: Format, python: string | null) {
  const checks = CHECK_TABLE.filter(
    check => python !== null || check.needs !== 'python'
  );
  const names = checks.map(check => check.name);
  let stderr = '';
  const reads: {
    file: string;
    text: string;
    notebook: INotebookFile;
    check: IFullNotebookCheck;
  }[] = [];
  const unread = new Map<string, { why: string; line?: number }>();
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const read = readNotebookText(text);
    if ('unreadable' in read) {
      stderr += `nbproject-lab: ${file}: ${read.unreadable}\n`;
      unread.set(file, { why: read.unreadable, line: read.line });
      continue;
    }
    reads.push({
      file,
      text,
      notebook: read.notebook,
      check: checkNotebook(read.notebook)
    });
  }
  let live: ILiveEnvironment | null = null;
  if (python !== null) {
    const modules = new Set<string>();
    const distributions = new Set<string>();
    for (const { check } of reads) {
      const imported = check.imports.modules.map(module => module.name);
      imported.forEach(name => modules.add(name));
      importedDistributions(imported).forEach(name => distributions.add(name));
      Object.keys(check.metadata.metadata?.pypackage ?? {}).forEach(name =>
        distributions.add(name)
      );
    }
    const answer = await askOnce(python, {
      modules: [...modules],
      distributions: [...distributions]
    });
    if ('failure' in answer) {
      throw new Error(answer.failure);
    }
    live = answer.environment;
  }
  let stdout = '';
  let status = reads.length < files.length ? 2 : 0;
  const located: INotebookFindings[] = [];
  // The error and notice annotations (github).
  let errors = files.length - reads.length;
  let notices = 0;
  // The checks some notebook failed (the human report's last lines).
  const failedAny = new Set<string>();
  for (const file of files) {
    const read = reads.find(one => one.file === file);
    if (read === undefined) {
      const { why, line } = unread.get(file)!;
      stdout +=
        format === 'github'
          ? githubUnreadable(file, why, dir, line)
          : format === 'json'
            ? `${JSON.stringify({
                file,
                unreadable: why,
                checks: { required: names, failed: names },
                findings: []
              })}\n`
            : '';
      continue;
    }
    const { text, notebook, check } = read;
    const data = await verifyNotebookData(
      file,
      notebook.cells,
      notebook.metadata[EXTENSION_KEY]
    );
    const findings = runChecks(checks, {
      notebook,
      check,
      directory: path.dirname(path.resolve(file)),
      ignored: new Set(),
      live,
      data,
      fingerprints: format === 'sarif'
    });
    const failed = failedChecks(checks, findings);
    if (failed.length > 0 && status === 0) {
      status = 1;
    }
    failed.forEach(name => failedAny.add(name));
    const found: INotebookFindings = {
      file,
      findings,
      positions: findingPositions(text, [findings])
    };
    if (format === 'json') {
      stdout += `${JSON.stringify({
        ...toJSONRecord(file, check),
        data,
        checks: { required: names, failed },
        findings: findingRecords(found)
      })}\n`;
    } else if (format === 'github') {
      stdout += githubCommands(found, dir);
      for (const finding of findings) {
        errors += finding.severity === 'error' ? 1 : 0;
        notices += finding.severity === 'error' ? 0 : 1;
      }
    } else if (format === 'human') {
      stdout += human(file, check, names, failed, findings, data);
    } else {
      located.push(found);
    }
  }
  if (format === 'github') {
    stdout += githubOverflow(errors, notices);
  }
  if (format === 'human') {
    for (const check of checks) {
      if (failedAny.has(check.name)) {
        stdout += `How to fix ${check.name}: ${check.help}\n`;
      }
    }
  }
  if (format === 'human' && live !== null && reads.length > 0) {
    // The header names the interpreter, before the first report.
    stdout = `python: ${live.executable} (${live.python.version})\n\n${stdout}`;
  }
  if (format === 'sarif') {
    const version = (
      JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
    stdout += `${JSON.stringify(sarifLog(checks, located, version, unread), null, 2)}\n`;
  }
  return { status, stdout, stderr };
}

/**
 * The former text report of a notebook: its blocks, then the findings
 * they do not show.
 */
function human(
  file: string,
  check: IFullNotebookCheck,
  names: string[],
  failed: string[],
  findings: IFinding[],
  data: IDataReport
): string {
  const described = new Set(['consecutive', 'title', 'metadata', 'installs']);
  const text = describeNotebook(
    file,
    check,
    names,
    failed,
    undefined,
    dataSummary(data)
  );
  const lines = findingLines(
    findings.filter(finding => !described.has(finding.check))
  );
  if (lines.length === 0) {
    return text;
  }
  const block = lines.map(
    (line, i) => `  ${(i === 0 ? 'findings' : '').padEnd(12)} ${line}`
  );
  return `${text.replace(/\n\n$/, '')}\n${block.join('\n')}\n\n`;
}

/**
 * The former SARIF log: one object with every notebook's results.
 */
function sarifLog(
  checks: readonly ICheckDefinition[],
  notebooks: readonly INotebookFindings[],
  version: string,
  unread: ReadonlyMap<string, { why: string; line?: number }>
): object {
  const ruleIndex = new Map(checks.map((check, i) => [check.name, i]));
  const uri = (file: string) => reportPath(file, dir).uri;
  const results = notebooks.flatMap(notebook => {
    const seen = new Map<string, number>();
    return notebook.findings.map(finding => {
      const fingerprint = findingFingerprint(finding);
      const n = (seen.get(fingerprint) ?? 0) + 1;
      seen.set(fingerprint, n);
      return {
        ruleId: finding.check,
        ruleIndex: ruleIndex.get(finding.check) ?? 0,
        level: finding.severity,
        message: { text: findingText(finding.issue) },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: uri(notebook.file) },
              region: {
                startLine: findingLine(notebook.positions, finding)
              }
            },
            logicalLocations:
              finding.cell === null
                ? []
                : [
                    {
                      name: `cell ${finding.cell + 1}`,
                      fullyQualifiedName: `${reportPath(notebook.file, dir).path}/cells[${finding.cell}]${finding.cellId === null ? '' : `#${finding.cellId}`}`,
                      kind: 'element'
                    }
                  ]
          }
        ],
        partialFingerprints: {
          nbprojectLab: n === 1 ? fingerprint : `${fingerprint}/${n}`
        },
        properties: {
          code: findingCode(finding.issue),
          cell: finding.cell,
          cellId: finding.cellId,
          cellLine: finding.line
        }
      };
    });
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'nbproject-lab',
            version,
            rules: checks.map(check => ({
              id: check.name,
              name: check.name,
              shortDescription: { text: check.summary },
              fullDescription: { text: check.summary },
              help: { text: check.help },
              defaultConfiguration: { level: 'error' }
            }))
          }
        },
        results,
        invocations: [
          {
            executionSuccessful: unread.size === 0,
            toolExecutionNotifications: [...unread].map(
              ([file, { why, line }]) => ({
                level: 'error',
                message: {
                  text: `nbproject-lab could not read this notebook: ${why}`
                },
                locations: [
                  {
                    physicalLocation: {
                      artifactLocation: { uri: uri(file) },
                      ...(line === undefined
                        ? {}
                        : { region: { startLine: line } })
                    }
                  }
                ]
              })
            )
          }
        ]
      }
    ]
  };
}

describe('check writes each notebook as it goes: the whole documents, byte for byte', () => {
  it('the repository has notebooks with findings of every kind the formats place', () => {
    // Without them the comparisons below would compare little.
    expect(files.length).toBeGreaterThan(20);
  });

  for (const format of FORMATS) {
    it(`--format ${format} --require all, every check but match`, async () => {
      const expected = await oracle(format, null);
      expect(expected.stdout.length).toBeGreaterThan(10000);
      const found = await runCli(['--format', format, '--require', 'all']);
      expect(found.stderr).toBe(expected.stderr);
      expect(found.status).toBe(expected.status);
      expect(found.stdout).toBe(expected.stdout);
    }, 120000);

    // The first notebooks are checked while the interpreter starts (kept
    // for its answer), the others once it answered.
    itPython(
      `--format ${format} --require all --python: the notebooks checked before and after the interpreter answered`,
      async () => {
        const expected = await oracle(format, PYTHON);
        const found = await runCli([
          '--format',
          format,
          '--require',
          'all',
          '--python',
          PYTHON
        ]);
        expect(found.stderr).toBe(expected.stderr);
        expect(found.status).toBe(expected.status);
        expect(found.stdout).toBe(expected.stdout);
      },
      120000
    );
  }

  it('a reader that keeps the output full: the run waits, the output is the same', async () => {
    const expected = await runCli(['--format', 'sarif', '--require', 'all']);
    const slow = await runCli(['--format', 'sarif', '--require', 'all'], 2);
    expect(slow.stdout).toBe(expected.stdout);
    expect(slow.status).toBe(expected.status);
  }, 120000);

  it('a SARIF log without results: the empty list the whole log has', async () => {
    // The generated notebooks all have a title.
    const titled = files.filter(file => path.basename(file).startsWith('nb-'));
    const found = await runCli(
      ['--format', 'sarif', '--require', 'title'],
      0,
      titled
    );
    const log = JSON.parse(found.stdout) as {
      runs: { results: unknown[] }[];
    };
    expect(found.status).toBe(0);
    expect(log.runs[0].results).toEqual([]);
    expect(found.stdout).toBe(`${JSON.stringify(log, null, 2)}\n`);
  });
});
