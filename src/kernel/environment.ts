// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import {
  DEFAULT_ENVIRONMENT_BUDGET,
  environmentRequest,
  EnvironmentResult,
  parseEnvironmentReply
} from '../core/kernel/environmentRequest';
import type { ISilentRequestContent } from '../core/kernel/silentRequest';
import { parseUvReply, uvRequest } from '../core/kernel/uvRequest';
import type { IHashKernel } from './hashFiles';

/**
 * What asking a kernel for its environment gave: the parsed reply, or a
 * `timeout` when the kernel did not answer in time (busy with cells
 * queued before the request, or stuck).
 */
export type EnvironmentOutcome =
  | EnvironmentResult
  | { ok: false; reason: 'timeout'; seconds: number }
  | { ok: false; reason: 'failed'; detail: string };

/**
 * Ask a Python kernel for its whole environment with one silent request
 * (see `environmentRequest`): nothing runs in the user's namespace and
 * the kernel's listing stops by itself well before the timeout. Never
 * rejects.
 *
 * @param kernel - the notebook's kernel.
 * @param timeout - how long to wait for the reply, in milliseconds.
 */
export async function askEnvironment(
  kernel: IHashKernel,
  timeout: number
): Promise<EnvironmentOutcome> {
  const answer = await askSilently(
    kernel,
    environmentRequest(Math.min(DEFAULT_ENVIRONMENT_BUDGET, timeout / 4)),
    timeout
  );
  return answer.ok ? parseEnvironmentReply(answer.content) : answer;
}

/**
 * Where `uv` is on the kernel's `PATH` (`""`: not there), or `null` when
 * the kernel did not say within the timeout. One silent request, one
 * PATH lookup. Never rejects.
 *
 * @param kernel - the notebook's kernel.
 * @param timeout - how long to wait for the reply, in milliseconds.
 */
export async function askUv(
  kernel: IHashKernel,
  timeout: number
): Promise<string | null> {
  const answer = await askSilently(kernel, uvRequest(), timeout);
  return answer.ok ? parseUvReply(answer.content) : null;
}

/**
 * What a silent request gave: the reply's content, a timeout, or a failure.
 */
type SilentAnswer =
  | { ok: true; content: unknown }
  | { ok: false; reason: 'timeout'; seconds: number }
  | { ok: false; reason: 'failed'; detail: string };

/**
 * Send one silent request and wait at most `timeout` for its reply.
 * Never rejects.
 */
async function askSilently(
  kernel: IHashKernel,
  content: ISilentRequestContent,
  timeout: number
): Promise<SilentAnswer> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const future = kernel.requestExecute(content, true);
    const reply = await Promise.race([
      future.done,
      new Promise<'timeout'>(resolve => {
        timer = setTimeout(() => resolve('timeout'), timeout);
      })
    ]);
    if (reply === 'timeout') {
      return {
        ok: false,
        reason: 'timeout',
        seconds: Math.ceil(timeout / 1000)
      };
    }
    return { ok: true, content: reply?.content };
  } catch (error) {
    return {
      ok: false,
      reason: 'failed',
      detail: error instanceof Error ? error.message : String(error)
    };
  } finally {
    clearTimeout(timer);
  }
}
