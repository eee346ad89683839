// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type { ChildProcess } from 'child_process';
import {
  cleanQuery,
  ILiveEnvironment,
  IProbeQuery,
  MAX_PROBE_NAMES,
  parseProbeReply,
  PROBE_EXPRESSION_KEY,
  probeExpression
} from '../core/kernel/probeRequest';

/**
 * How long the interpreter may take for each probe it evaluates, in
 * milliseconds: the probe's own loops stop after {@link PROBE_BUDGET};
 * the rest is Python's start and reading the installed distributions.
 */
export const PYTHON_TIMEOUT = 60000;

/**
 * How long the probe's loops over names may run in the interpreter, in
 * milliseconds (longer than in a kernel: nobody waits on a CI job's
 * page).
 */
const PROBE_BUDGET = 20000;

/**
 * Most bytes read from the interpreter's output (the answer is base64
 * JSON of versions: a few hundred KiB for 500 names).
 */
const MAX_OUTPUT = 8 << 20;

/**
 * The interpreter `--python` names when given no path: the first
 * `python`, then `python3`, on `PATH`.
 */
export const DEFAULT_PYTHONS = ['python', 'python3'];

/**
 * Ask a Python interpreter, with the kernel probe's own code, which
 * versions of the named distributions are installed and which
 * distributions provide the named modules. The query is sent as probes of
 * at most {@link MAX_PROBE_NAMES} names of each kind, all evaluated by one
 * interpreter (the later ones reuse what the first read); the answers are
 * merged. Never rejects. The interpreter runs beside the caller, which
 * goes on checking notebooks until it answers.
 *
 * @param python - the interpreter's path, or a name looked up on `PATH`.
 * @param query - the modules and distributions of every notebook checked.
 * @returns the environment, or a sentence saying why there is none.
 */
export async function probeInterpreter(
  python: string,
  query: IProbeQuery
): Promise<{ environment: ILiveEnvironment } | { failure: string }> {
  const { modules, distributions } = cleanQuery(query);
  const parts: IProbeQuery[] = [];
  const runs = Math.max(
    1,
    Math.ceil(Math.max(modules.length, distributions.length) / MAX_PROBE_NAMES)
  );
  for (let run = 0; run < runs; run++) {
    parts.push({
      modules: modules.slice(
        run * MAX_PROBE_NAMES,
        (run + 1) * MAX_PROBE_NAMES
      ),
      distributions: distributions.slice(
        run * MAX_PROBE_NAMES,
        (run + 1) * MAX_PROBE_NAMES
      )
    });
  }
  const answer = await Private.ask(python, parts);
  if ('failure' in answer) {
    return answer;
  }
  return { environment: answer.environments.reduce(Private.merge) };
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * Node's `child_process`, loaded when an interpreter is run: a check
   * without `--python` does not load it.
   */
  export function childProcess(): typeof import('child_process') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('child_process') as typeof import('child_process');
  }

  /**
   * Two runs' answers as one.
   */
  export function merge(
    before: ILiveEnvironment,
    found: ILiveEnvironment
  ): ILiveEnvironment {
    return {
      ...before,
      distributions: { ...before.distributions, ...found.distributions },
      moduleDistributions: {
        ...before.moduleDistributions,
        ...found.moduleDistributions
      }
    };
  }

  /**
   * Run the probes in one interpreter: its program on stdin (no limit on a
   * command line's length), each probe's `repr` on a line of stdout, read
   * as a kernel's `text/plain` reply would be. The user's site-packages
   * and `PYTHONPATH` count, as they would in a kernel.
   */
  export async function ask(
    python: string,
    parts: IProbeQuery[]
  ): Promise<{ environments: ILiveEnvironment[] } | { failure: string }> {
    // No module of the working directory (the repository checked) may
    // stand in for the standard library the probe imports.
    const program = [
      'import sys',
      "sys.path[:] = [p for p in sys.path if p not in ('', '.')]",
      'sys.stdout.write("\\n".join([',
      ...parts.map(part => `    repr(${probeExpression(part, PROBE_BUDGET)}),`),
      ']))',
      ''
    ].join('\n');
    const result = await run(
      python,
      ['-'],
      program,
      PYTHON_TIMEOUT * parts.length
    );
    if ('error' in result) {
      if (result.error === 'ETIMEDOUT') {
        return {
          failure: `no answer within ${(PYTHON_TIMEOUT * parts.length) / 1000} s`
        };
      }
      if (result.error === 'ENOBUFS') {
        return { failure: 'its answer is too long' };
      }
      return { failure: `cannot run it (${result.error})` };
    }
    if (result.status !== 0) {
      const last = result.stderr.trim().split('\n').pop() ?? '';
      return {
        failure: `it exited with status ${result.status}${last ? ` (${last.slice(0, 200)})` : ''}`
      };
    }
    // One line per probe (Windows writes CRLF); anything else is read
    // whole, as one answer that is not what was asked for.
    const lines = result.stdout.split(/\r?\n/);
    const texts = lines.length === parts.length ? lines : [result.stdout];
    const environments: ILiveEnvironment[] = [];
    for (let i = 0; i < parts.length; i++) {
      const reply = parseProbeReply(
        {
          status: 'ok',
          user_expressions: {
            [PROBE_EXPRESSION_KEY]: {
              status: 'ok',
              data: { 'text/plain': texts[i] ?? '' }
            }
          }
        },
        parts[i]
      );
      if (!reply.ok) {
        return {
          failure: `its answer could not be read (${reply.problem}${reply.detail ? `: ${reply.detail.slice(0, 200)}` : ''})`
        };
      }
      environments.push(reply.environment);
    }
    return { environments };
  }

  /**
   * What a finished run of the interpreter gave: its status and output,
   * or why it did not finish (`ETIMEDOUT` past {@link PYTHON_TIMEOUT},
   * `ENOBUFS` past {@link MAX_OUTPUT} on a stream, else Node's code).
   */
  type RunResult =
    | { status: number | null; stdout: string; stderr: string }
    | { error: string };

  /**
   * Run a program to its end without blocking, `input` on its stdin:
   * killed past `timeout` milliseconds or the output limit, as
   * `spawnSync` with `timeout` and `maxBuffer` would.
   */
  function run(
    program: string,
    args: string[],
    input: string,
    timeout: number
  ): Promise<RunResult> {
    return new Promise(resolve => {
      let settled = false;
      const settle = (result: RunResult) => {
        if (!settled) {
          settled = true;
          clearTimeout(timer);
          resolve(result);
        }
      };
      let stopped: string | null = null;
      const stop = (why: string) => {
        if (stopped === null) {
          stopped = why;
          child.kill();
        }
      };
      let child: ChildProcess;
      try {
        child = Private.childProcess().spawn(program, args, {
          stdio: ['pipe', 'pipe', 'pipe'],
          windowsHide: true
        });
      } catch (error) {
        // A path Node refuses (a NUL byte in it).
        const { code, message } = error as NodeJS.ErrnoException;
        resolve({ error: code ?? message });
        return;
      }
      const timer = setTimeout(() => stop('ETIMEDOUT'), timeout);
      // A program that exits without reading its input is not an error
      // here (EPIPE); its status and output say what happened.
      child.stdin!.on('error', () => undefined);
      child.stdin!.end(input);
      const collect = (stream: NodeJS.ReadableStream) => {
        const chunks: Buffer[] = [];
        let bytes = 0;
        stream.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          if (bytes > MAX_OUTPUT) {
            stop('ENOBUFS');
          } else {
            chunks.push(chunk);
          }
        });
        return () => Buffer.concat(chunks).toString('utf8');
      };
      const stdout = collect(child.stdout!);
      const stderr = collect(child.stderr!);
      child.on('error', (error: NodeJS.ErrnoException) =>
        settle({ error: error.code ?? error.message })
      );
      child.on('close', status =>
        settle(
          stopped === null
            ? { status, stdout: stdout(), stderr: stderr() }
            : { error: stopped }
        )
      );
    });
  }
}
