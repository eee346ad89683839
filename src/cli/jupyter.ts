// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { ChildProcess, spawn, spawnSync } from 'child_process';
import { DEFAULT_PYTHONS } from './python';
import { fileErrorText } from './words';

/**
 * What runs a notebook for `verify`.
 */
export interface INotebookJob {
  /**
   * The notebook, an absolute path; only read.
   */
  notebook: string;
  /**
   * Where the executed copy is written (an absolute path in a fresh
   * temporary folder).
   */
  output: string;
  /**
   * The kernelspec to run it with, or `null` for the notebook's own.
   */
  kernel: string | null;
  /**
   * The longest the run may take, in seconds.
   */
  timeLimit: number;
}

/**
 * How a run ended: the executed copy is written (`done`); the time limit
 * stopped it (`timedOut`); or it could not run (`failure`, in words;
 * `notFound` when the program itself is missing).
 */
export type NotebookRun =
  { done: true } | { timedOut: true } | { failure: string; notFound?: boolean };

/**
 * Runs a notebook into an executed copy (injected so that tests use a
 * fake one).
 */
export type NotebookRunner = (job: INotebookJob) => Promise<NotebookRun>;

/**
 * Which program runs the notebook: `jupyter execute` of this `jupyter`,
 * or `PYTHON -m jupyter execute` (`''`: the first python on `PATH`).
 */
export type RunnerChoice = { jupyter: string } | { python: string };

/**
 * How long a process stopped at the time limit gets to shut its kernel
 * down after an interrupt, before it and its kernel are killed, in
 * milliseconds.
 */
export const STOP_GRACE = 5000;

/**
 * How long the program's stderr is read after it exited, in
 * milliseconds: a process it started that outlives it may hold the pipe.
 */
const EXIT_GRACE = 1000;

/**
 * The most bytes of the program's stderr kept, for the failure message.
 */
const MAX_STDERR = 64 << 10;

/**
 * Run notebooks with `jupyter execute` (nbclient): from the notebook's
 * folder (nbclient starts the kernel in the input notebook's folder),
 * past cells that raise (`--allow-errors`, so every cell gets outputs),
 * writing the executed copy to `job.output` and never to the notebook.
 * At the time limit the program is interrupted (nbclient then shuts its
 * kernel down) and, after {@link STOP_GRACE}, it and every process it
 * started (the kernel runs in a session of its own) are killed; the same
 * when this process is interrupted or terminated.
 *
 * @param choice - the program.
 */
export function jupyterRunner(choice: RunnerChoice): NotebookRunner {
  return async job => {
    if ('python' in choice && choice.python === '') {
      let last: NotebookRun = { failure: 'no python on PATH', notFound: true };
      for (const python of DEFAULT_PYTHONS) {
        last = await Private.run([python, '-m', 'jupyter'], job);
        if (!('notFound' in last && last.notFound)) {
          return last;
        }
      }
      return last;
    }
    return Private.run(
      'python' in choice
        ? [choice.python, '-m', 'jupyter']
        : [choice.jupyter || 'jupyter'],
      job
    );
  };
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * Run `COMMAND execute ...` once.
   */
  export function run(
    command: string[],
    job: INotebookJob
  ): Promise<NotebookRun> {
    const [program, ...prefix] = command;
    // `--output` is a format string to nbclient: braces are doubled. An
    // absolute path stays absolute when nbclient joins it to the
    // notebook's folder.
    const output = job.output.replace(/[{}]/g, '$&$&');
    const args = [
      ...prefix,
      'execute',
      '--allow-errors',
      `--output=${output}`,
      ...(job.kernel ? [`--kernel_name=${job.kernel}`] : []),
      job.notebook
    ];
    return new Promise(resolve => {
      let child: ChildProcess;
      try {
        child = spawn(program, args, {
          stdio: ['ignore', 'ignore', 'pipe'],
          // In a process group of its own on POSIX: what it leaves
          // behind is stopped with it once it exits.
          detached: process.platform !== 'win32',
          windowsHide: true
        });
      } catch (error) {
        resolve({ failure: `cannot run ${program} (${String(error)})` });
        return;
      }
      let stderr = '';
      child.stderr?.setEncoding('utf8');
      child.stderr?.on('data', (chunk: string) => {
        stderr = (stderr + chunk).slice(-MAX_STDERR);
      });
      let stopped: 'time' | NodeJS.Signals | null = null;
      const stop = (why: 'time' | NodeJS.Signals) => {
        if (stopped === null) {
          stopped = why;
          void stopTree(child);
        }
      };
      const timer = setTimeout(() => stop('time'), job.timeLimit * 1000);
      const onSignal = (signal: NodeJS.Signals) => stop(signal);
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      let closing: ReturnType<typeof setTimeout> | undefined;
      const done = (run: NotebookRun) => {
        clearTimeout(timer);
        clearTimeout(closing);
        process.removeListener('SIGINT', onSignal);
        process.removeListener('SIGTERM', onSignal);
        resolve(run);
      };
      child.once('error', (error: NodeJS.ErrnoException) => {
        done(
          error.code === 'ENOENT'
            ? { failure: `${program} not found`, notFound: true }
            : { failure: `cannot run ${program} (${fileErrorText(error)})` }
        );
      });
      const ended = (code: number | null, signal: NodeJS.Signals | null) => {
        if (stopped === 'time') {
          done({ timedOut: true });
        } else if (stopped !== null) {
          done({ failure: `stopped by ${stopped}` });
        } else if (code === 0) {
          done({ done: true });
        } else {
          done({
            failure: `${[program, ...prefix, 'execute'].join(' ')} ${code === null ? `was killed (${signal})` : `exited with status ${code}`}${lastLine(stderr)}`,
            ...(/No module named jupyter|command `jupyter-execute` not found/.test(
              stderr
            )
              ? { notFound: true }
              : {})
          });
        }
      };
      // Once the program exited, a process it left in its group is
      // stopped; one that left the group may still hold its stderr, which
      // is read {@link EXIT_GRACE} more, then let go.
      child.once('exit', (code, signal) => {
        killGroup(child);
        closing = setTimeout(() => {
          child.stderr?.destroy();
          child.unref();
          ended(code, signal);
        }, EXIT_GRACE);
      });
      child.once('close', (code, signal) => ended(code, signal));
    });
  }

  /**
   * Kill what is left of a child's process group (POSIX; nothing on
   * Windows, where a process exited has no tree left to find).
   */
  function killGroup(child: ChildProcess): void {
    if (process.platform === 'win32' || child.pid === undefined) {
      return;
    }
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // No process left in the group.
    }
  }

  /**
   * The last line of a program's stderr that says something, as
   * `: line`, or nothing.
   */
  function lastLine(stderr: string): string {
    const lines = stderr
      .split(/\r?\n/)
      .map(line => line.trim())
      .filter(line => line !== '' && !/^\^+$/.test(line));
    const last = lines.pop();
    return last ? `: ${last.slice(0, 300)}` : '';
  }

  /**
   * Interrupt a process, give it {@link STOP_GRACE} to shut its kernel
   * down, then kill it and every process below it that is left. The
   * tree is listed first: once the process is gone, its kernel (in a
   * session of its own) can no longer be found from it.
   */
  export async function stopTree(child: ChildProcess): Promise<void> {
    const pid = child.pid;
    if (pid === undefined) {
      return;
    }
    if (process.platform === 'win32') {
      spawnSync('taskkill', ['/pid', String(pid), '/T', '/F'], {
        stdio: 'ignore',
        windowsHide: true
      });
      return;
    }
    const tree = descendants(pid);
    child.kill('SIGINT');
    const exited =
      child.exitCode !== null || child.signalCode !== null
        ? Promise.resolve()
        : new Promise<void>(resolve => child.once('exit', () => resolve()));
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      exited,
      new Promise<void>(resolve => {
        timer = setTimeout(resolve, STOP_GRACE);
      })
    ]);
    clearTimeout(timer);
    killGroup(child);
    for (const one of [pid, ...tree]) {
      try {
        process.kill(one, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  }

  /**
   * The processes below `pid`, from `ps` (POSIX), children first.
   */
  function descendants(pid: number): number[] {
    const listed = spawnSync('ps', ['-A', '-o', 'pid=', '-o', 'ppid='], {
      encoding: 'utf8',
      timeout: 5000,
      stdio: ['ignore', 'pipe', 'ignore']
    });
    const children = new Map<number, number[]>();
    for (const line of (listed.stdout ?? '').split('\n')) {
      const [child, parent] = line.trim().split(/\s+/).map(Number);
      if (Number.isInteger(child) && Number.isInteger(parent)) {
        const list = children.get(parent) ?? [];
        list.push(child);
        children.set(parent, list);
      }
    }
    const found = new Set<number>();
    const queue = [pid];
    while (queue.length > 0) {
      for (const child of children.get(queue.shift()!) ?? []) {
        if (!found.has(child) && child !== pid) {
          found.add(child);
          queue.push(child);
        }
      }
    }
    return [...found];
  }
}
