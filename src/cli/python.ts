// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type { ChildProcess } from 'child_process';
import {
  ILiveEnvironment,
  IProbeQuery,
  MAX_PROBE_NAMES,
  normalizeQuery,
  parseProbeReply,
  PROBE_EXPRESSION_KEY,
  probeExpression
} from '../core/kernel/probeRequest';

/**
 * How long one interpreter run may take, in milliseconds: the probe's
 * own loops stop after {@link PROBE_BUDGET}; the rest is Python's start
 * and `packages_distributions()`.
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
 * distributions provide the named modules. The query is sent in runs of
 * at most {@link MAX_PROBE_NAMES} names of each kind; the answers are
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
  const { modules, distributions } = normalizeQuery(query);
  let merged: ILiveEnvironment | null = null;
  const runs = Math.max(
    1,
    Math.ceil(Math.max(modules.length, distributions.length) / MAX_PROBE_NAMES)
  );
  for (let run = 0; run < runs; run++) {
    const part: IProbeQuery = {
      modules: modules.slice(
        run * MAX_PROBE_NAMES,
        (run + 1) * MAX_PROBE_NAMES
      ),
      distributions: distributions.slice(
        run * MAX_PROBE_NAMES,
        (run + 1) * MAX_PROBE_NAMES
      )
    };
    const answer = await Private.ask(python, part);
    if ('failure' in answer) {
      return answer;
    }
    merged = Private.merge(merged, answer.environment);
  }
  return { environment: merged as ILiveEnvironment };
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
    before: ILiveEnvironment | null,
    found: ILiveEnvironment
  ): ILiveEnvironment {
    return before === null
      ? found
      : {
          ...before,
          distributions: { ...before.distributions, ...found.distributions },
          moduleDistributions: {
            ...before.moduleDistributions,
            ...found.moduleDistributions
          }
        };
  }

  /**
   * Run the probe once: `python -c` with the expression, its `repr` on
   * stdout, read as a kernel's `text/plain` reply would be. The user's
   * site-packages and `PYTHONPATH` count, as they would in a kernel.
   */
  export async function ask(
    python: string,
    query: IProbeQuery
  ): Promise<{ environment: ILiveEnvironment } | { failure: string }> {
    // No module of the working directory (the repository checked) may
    // stand in for the standard library the probe imports.
    const code = [
      'import sys',
      "sys.path[:] = [p for p in sys.path if p not in ('', '.')]",
      `sys.stdout.write(repr(${probeExpression(query, PROBE_BUDGET)}))`
    ].join('\n');
    const result = await run(python, ['-c', code]);
    if ('error' in result) {
      if (result.error === 'ETIMEDOUT') {
        return { failure: `no answer within ${PYTHON_TIMEOUT / 1000} s` };
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
    const reply = parseProbeReply(
      {
        status: 'ok',
        user_expressions: {
          [PROBE_EXPRESSION_KEY]: {
            status: 'ok',
            data: { 'text/plain': result.stdout }
          }
        }
      },
      query
    );
    return reply.ok
      ? { environment: reply.environment }
      : {
          failure: `its answer could not be read (${reply.problem}${reply.detail ? `: ${reply.detail.slice(0, 200)}` : ''})`
        };
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
   * Run a program to its end without blocking: killed past the time or
   * output limit, as `spawnSync` with `timeout` and `maxBuffer` would.
   */
  function run(program: string, args: string[]): Promise<RunResult> {
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
          stdio: ['ignore', 'pipe', 'pipe'],
          windowsHide: true
        });
      } catch (error) {
        // A path Node refuses (a NUL byte in it).
        const { code, message } = error as NodeJS.ErrnoException;
        resolve({ error: code ?? message });
        return;
      }
      const timer = setTimeout(() => stop('ETIMEDOUT'), PYTHON_TIMEOUT);
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
