// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import * as fs from 'fs';
import * as path from 'path';
import {
  checkNotebook,
  INotebookCheck,
  readNotebookText,
  toJSONRecord
} from './check';
import {
  ALL_CHECKS,
  CHECK_TABLE,
  checkByName,
  failedChecks,
  ICheckDefinition,
  runChecks
} from './checks';
import {
  emptyConfig,
  findConfig,
  ICheckConfig,
  isExcluded,
  readConfig
} from './config';
import { IDataReport, verifyNotebookData } from './data';
import type { INotebookFile } from './check';
import type { IFinding } from './findings';
import { probeInterpreter, DEFAULT_PYTHONS } from './python';
import {
  findingLines,
  findingRecords,
  githubCommands,
  INotebookFindings,
  notebookFindings,
  OutputFormat,
  sarifLog
} from './report';
import { EXTENSION_KEY } from '../core/extension/metadata';
// Node reads Python with @lezer/python's parser.
import { parser } from '@lezer/python';
import { IDataFiles, notebookDataFiles } from '../core/data/files';
import { PythonTrees } from '../core/python/trees';
import { SCAN_LIMITS } from '../core/common/scanLimits';
import { importedDistributions } from '../core/packages/distributions';
import type { ILiveEnvironment } from '../core/kernel/probeRequest';

/**
 * What `check` was asked, once the arguments are read.
 */
export interface ICheckRequest {
  /**
   * The notebooks, as given.
   */
  files: string[];
  /**
   * The checks named with `--require` (and `--data`), `all` included;
   * empty when none was named (the configuration's then apply).
   */
  require: string[];
  /**
   * How to report.
   */
  format: OutputFormat;
  /**
   * `--python`: the interpreter (`''` for the first on `PATH`), or `null`.
   */
  python: string | null;
  /**
   * `--config FILE`, or `null` to look for one.
   */
  config: string | null;
  /**
   * The data check's options.
   */
  root: string | null;
  allowHidden: boolean;
  maxSize: number;
}

/**
 * The host `runCheck` writes and reads through (main.ts's `ICliIO`).
 */
export interface ICheckHost {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string, options?: { maxBytes?: number }): string;
  /**
   * The working directory, where the configuration is looked for; without
   * it only `--config` is read.
   */
  cwd?(): string;
}

/**
 * How a human report describes one notebook (main.ts's text report).
 */
export type Describe = (
  file: string,
  check: INotebookCheck,
  required: readonly string[],
  failed: readonly string[]
) => string;

/**
 * The checks the text report's own blocks already show.
 */
const DESCRIBED = new Set(['consecutive', 'title', 'metadata', 'installs']);

/**
 * The largest configuration file read (1 MiB).
 */
const CONFIG_MAX_BYTES = 1 << 20;

/**
 * Run `nbproject-lab check` with named checks: read the configuration,
 * the notebooks, ask `--python` once for every notebook, verify data
 * files when `data` is required, then report every notebook's findings
 * in the format asked. The exit status: 0, 1 when a required check
 * fails, 2 when a notebook, the configuration or the interpreter cannot
 * be read. Synchronous unless `data` is checked.
 *
 * @param request - what was asked.
 * @param host - output and files.
 * @param describe - the text report of one notebook.
 */
export function runCheck(
  request: ICheckRequest,
  host: ICheckHost,
  describe: Describe
): 0 | 1 | 2 | Promise<0 | 1 | 2> {
  const config = Private.config(request, host);
  if ('usage' in config) {
    host.stderr(`nbproject-lab: ${config.usage}\n`);
    return 2;
  }
  const names =
    request.require.length > 0 ? request.require : (config.require ?? []);
  const checks = Private.expand(names, request.python !== null);
  if ('usage' in checks) {
    host.stderr(`nbproject-lab: ${checks.usage}\n`);
    return 2;
  }
  let status: 0 | 1 | 2 = 0;
  const read: Private.IRead[] = [];
  const needsData = checks.some(check => check.needs === 'data');
  for (const file of request.files) {
    if (isExcluded(config, file)) {
      continue;
    }
    let text: string;
    try {
      text = host.readFile(file);
    } catch (error) {
      host.stderr(
        `nbproject-lab: ${file}: cannot read (${(error as Error).message})\n`
      );
      status = 2;
      continue;
    }
    const notebook = readNotebookText(text);
    if ('unreadable' in notebook) {
      host.stderr(`nbproject-lab: ${file}: ${notebook.unreadable}\n`);
      status = 2;
      continue;
    }
    // One tree per cell for every check of this notebook, dropped after.
    const trees = new PythonTrees(parser);
    read.push({
      file,
      text,
      notebook: notebook.notebook,
      check: checkNotebook(notebook.notebook, trees),
      found: needsData
        ? notebookDataFiles(notebook.notebook.cells, parser, SCAN_LIMITS, trees)
        : null
    });
  }
  let live: ILiveEnvironment | null = null;
  if (request.python !== null) {
    const probed = Private.probe(request.python, read, config);
    if ('failure' in probed) {
      host.stderr(
        `nbproject-lab: --python ${request.python || DEFAULT_PYTHONS[0]}: ${probed.failure}\n`
      );
      return 2;
    }
    live = probed.environment;
  }
  const report = (data: (IDataReport | null)[]): 0 | 1 | 2 =>
    Private.report(
      read,
      data,
      checks,
      config,
      live,
      request.format,
      host,
      describe,
      status
    );
  if (!needsData) {
    return report(read.map(() => null));
  }
  return (async () => {
    const reports: IDataReport[] = [];
    for (const { file, notebook, found } of read) {
      reports.push(
        await verifyNotebookData(
          file,
          notebook.cells,
          notebook.metadata[EXTENSION_KEY],
          {
            root:
              request.root === null ? undefined : path.resolve(request.root),
            allowHidden: request.allowHidden,
            maxSize: request.maxSize,
            found: found ?? undefined
          }
        )
      );
    }
    return report(reports);
  })();
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * A notebook read and checked by the common rules.
   */
  export interface IRead {
    file: string;
    text: string;
    notebook: INotebookFile;
    check: INotebookCheck;
    /**
     * The files its code reads, when `data` is checked.
     */
    found: IDataFiles | null;
  }

  /**
   * The configuration: `--config`, else the one found from the working
   * directory, else none.
   */
  export function config(
    request: ICheckRequest,
    host: ICheckHost
  ): ICheckConfig | { usage: string } {
    const readSmall = (file: string) =>
      host.readFile(file, { maxBytes: CONFIG_MAX_BYTES });
    let found: ICheckConfig | null;
    if (request.config !== null) {
      let text: string;
      try {
        text = readSmall(request.config);
      } catch (error) {
        return {
          usage: `--config ${request.config}: cannot read (${(error as Error).message})`
        };
      }
      found = readConfig(request.config, text);
      if (found === null) {
        return {
          usage: `--config ${request.config}: no [tool.nbproject-lab] table`
        };
      }
    } else {
      found = host.cwd ? findConfig(host.cwd(), readSmall) : emptyConfig('.');
    }
    if (found.problems.length > 0) {
      return { usage: `${found.file}: ${found.problems.join('; ')}` };
    }
    return found;
  }

  /**
   * The checks named, in the order named: `all` is every check, in table
   * order (those that need `--python` only with it).
   */
  export function expand(
    names: readonly string[],
    python: boolean
  ): ICheckDefinition[] | { usage: string } {
    const wanted = new Set<string>();
    for (const name of names) {
      if (name === ALL_CHECKS) {
        CHECK_TABLE.filter(check => python || check.needs !== 'python').forEach(
          check => wanted.add(check.name)
        );
        continue;
      }
      const check = checkByName(name);
      if (check === undefined) {
        return {
          usage: `unknown check ${JSON.stringify(name)} (expected ${[...CHECK_TABLE.map(c => c.name), ALL_CHECKS].join(', ')})`
        };
      }
      if (check.needs === 'python' && !python) {
        return { usage: `the ${name} check needs --python` };
      }
      wanted.add(name);
    }
    // In the order named, as the report lists them.
    return [...wanted].map(name => checkByName(name) as ICheckDefinition);
  }

  /**
   * Ask the interpreter once about every notebook's imports and stored
   * packages.
   */
  export function probe(
    python: string,
    read: readonly IRead[],
    config: ICheckConfig
  ): { environment: ILiveEnvironment } | { failure: string } {
    const modules = new Set<string>();
    const distributions = new Set<string>();
    for (const { check } of read) {
      const imported = check.imports.modules.map(module => module.name);
      imported.forEach(name => modules.add(name));
      importedDistributions(imported).forEach(name => distributions.add(name));
      Object.keys(check.metadata.metadata?.pypackage ?? {}).forEach(name =>
        distributions.add(name)
      );
    }
    const query = {
      modules: [...modules].filter(name => !config.ignorePackages.has(name)),
      distributions: [...distributions]
    };
    if (python !== '') {
      return probeInterpreter(python, query);
    }
    let answer: { environment: ILiveEnvironment } | { failure: string } = {
      failure: 'no python on PATH'
    };
    for (const name of DEFAULT_PYTHONS) {
      answer = probeInterpreter(name, query);
      if (!('failure' in answer) || !answer.failure.includes('ENOENT')) {
        return answer;
      }
    }
    return answer;
  }

  /**
   * Run the checks on every notebook read and print the report.
   */
  export function report(
    read: readonly IRead[],
    data: readonly (IDataReport | null)[],
    checks: readonly ICheckDefinition[],
    config: ICheckConfig,
    live: ILiveEnvironment | null,
    format: OutputFormat,
    host: ICheckHost,
    describe: Describe,
    initial: 0 | 1 | 2
  ): 0 | 1 | 2 {
    let status = initial;
    const all: INotebookFindings[] = [];
    read.forEach(({ file, text, notebook, check }, i) => {
      const findings = runChecks(checks, {
        notebook,
        check,
        directory: path.dirname(path.resolve(file)),
        ignored: config.ignorePackages,
        live,
        data: data[i]
      });
      const failed = failedChecks(checks, findings);
      const located = notebookFindings(file, text, findings);
      all.push(located);
      if (failed.length > 0 && status === 0) {
        status = 1;
      }
      const names = checks.map(c => c.name);
      if (format === 'human') {
        host.stdout(human(file, check, names, failed, findings, describe));
      } else if (format === 'json') {
        host.stdout(
          `${JSON.stringify({
            ...toJSONRecord(file, check),
            ...(data[i] === null ? {} : { data: data[i] }),
            checks: { required: names, failed },
            findings: findingRecords(located)
          })}\n`
        );
      } else if (format === 'github') {
        host.stdout(githubCommands(located));
      }
    });
    if (format === 'sarif') {
      host.stdout(
        `${JSON.stringify(sarifLog(checks, all, toolVersion()), null, 2)}\n`
      );
    }
    return status;
  }

  /**
   * The text report: main.ts's, with the findings its blocks do not show.
   */
  function human(
    file: string,
    check: INotebookCheck,
    names: string[],
    failed: string[],
    findings: IFinding[],
    describe: Describe
  ): string {
    const text = describe(file, check, names, failed);
    const lines = findingLines(
      findings.filter(finding => !DESCRIBED.has(finding.check))
    );
    if (lines.length === 0) {
      return text;
    }
    const block = lines.map(
      (line, i) => `  ${(i === 0 ? 'findings' : '').padEnd(12)} ${line}`
    );
    // Before the blank line that ends the notebook's report.
    return `${text.replace(/\n\n$/, '')}\n${block.join('\n')}\n\n`;
  }

  /**
   * This program's version, from its package.
   */
  function toolVersion(): string {
    try {
      const json = JSON.parse(
        fs.readFileSync(
          path.join(__dirname, '..', '..', 'package.json'),
          'utf8'
        )
      ) as { version?: unknown };
      return typeof json.version === 'string' ? json.version : '0';
    } catch {
      return '0';
    }
  }
}
