// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

import { ExitCode, ICliIO, main } from '../../cli/main';
import { Interpreter } from '../../cli/python';
import { FIXTURES } from '../../../testutils/paths';
import type {
  ILiveEnvironment,
  IProbeQuery
} from '../../core/kernel/probeRequest';

/**
 * A cell of {@link notebookText}: a code cell unless `type` says
 * otherwise.
 */
export interface ITextCell {
  type?: string;
  source: string;
  count?: number | null;
  outputs?: unknown[];
}

/**
 * A notebook's JSON as Jupyter writes it: one string per source line,
 * one space of indent; code cells with their count and outputs.
 */
export function notebookText(
  cells: ITextCell[],
  metadata: Record<string, unknown> = {}
): string {
  return `${JSON.stringify(
    {
      cells: cells.map((cell, i) => ({
        cell_type: cell.type ?? 'code',
        id: `c${i}`,
        metadata: {},
        source: cell.source.split(/(?<=\n)/),
        ...(cell.type === undefined || cell.type === 'code'
          ? { execution_count: cell.count ?? null, outputs: cell.outputs ?? [] }
          : {})
      })),
      metadata,
      nbformat: 4,
      nbformat_minor: 5
    },
    null,
    1
  )}\n`;
}

/**
 * A new empty folder in the system's temporary folder, with a `.git` so
 * that the configuration lookup stops there, as at a repository's root.
 *
 * @param prefix - the start of its name.
 */
export function tempRepository(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.mkdirSync(path.join(dir, '.git'));
  return dir;
}

/**
 * Remove a folder {@link tempRepository} made, with what is in it.
 */
export function removeRepository(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * Ask an interpreter once, as `check --python` does, then let it end.
 *
 * @param python - its path, or a name looked up on `PATH`.
 * @param query - the modules and distributions to ask about.
 */
export async function askOnce(
  python: string,
  query: IProbeQuery
): Promise<{ environment: ILiveEnvironment } | { failure: string }> {
  const interpreter = new Interpreter(python);
  const answer = await interpreter.ask(query);
  interpreter.close();
  return answer;
}

/**
 * The program's I/O in memory: files given by path (any other is
 * ENOENT), what it writes kept in `out`.
 *
 * @param cwd - the working directory it is told, if any.
 */
export function memoryIO(
  files: Record<string, string>,
  cwd?: string
): { io: ICliIO; out: { stdout: string; stderr: string } } {
  const out = { stdout: '', stderr: '' };
  const io: ICliIO = {
    stdout: text => (out.stdout += text),
    stderr: text => (out.stderr += text),
    readFile: file => {
      if (file in files) {
        return files[file];
      }
      throw Object.assign(new Error(`ENOENT: ${file}`), { code: 'ENOENT' });
    },
    ...(cwd === undefined ? {} : { cwd: () => cwd })
  };
  return { io, out };
}

/**
 * Run the program in memory (see {@link memoryIO}): its status as `main`
 * returns it (a promise when the run waits for something), and what it
 * wrote so far when read.
 */
export function runSync(
  args: string[],
  files: Record<string, string>,
  cwd?: string
): { status: ExitCode; readonly stdout: string; readonly stderr: string } {
  const { io, out } = memoryIO(files, cwd);
  return {
    status: main(args, io) as ExitCode,
    get stdout() {
      return out.stdout;
    },
    get stderr() {
      return out.stderr;
    }
  };
}

/**
 * Run the program in memory (see {@link memoryIO}) to its end.
 */
export async function runInMemory(
  args: string[],
  files: Record<string, string>,
  cwd?: string
): Promise<{ status: ExitCode; stdout: string; stderr: string }> {
  const { io, out } = memoryIO(files, cwd);
  const status = (await main(args, io)) as ExitCode;
  return { status, ...out };
}

/**
 * The SARIF 2.1.0 schema's validator, compiled once. The vendored schema
 * is draft-04; Ajv reads it as a later draft once its `$schema` and `id`
 * are named as those drafts name them.
 */
export function sarifValidator(): ValidateFunction {
  if (Private.compiled.validator === null) {
    const schema = JSON.parse(
      fs.readFileSync(
        path.join(FIXTURES, 'sarif', 'sarif-2.1.0-rtm.5.json'),
        'utf8'
      )
    );
    delete schema.$schema;
    schema.$id = schema.id;
    delete schema.id;
    const ajv = new Ajv({
      strict: false,
      allErrors: true,
      unicodeRegExp: false,
      logger: false
    });
    addFormats(ajv);
    Private.compiled.validator = ajv.compile(schema);
  }
  return Private.compiled.validator;
}

/**
 * A SARIF log's text, parsed after it was checked against the schema.
 */
export function validSarif(text: string): any {
  const validate = sarifValidator();
  const log = JSON.parse(text);
  expect(validate(log) ? [] : validate.errors).toEqual([]);
  return log;
}

namespace Private {
  /**
   * The schema's validator, once compiled.
   */
  export const compiled: { validator: ValidateFunction | null } = {
    validator: null
  };
}
