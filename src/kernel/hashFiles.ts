// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type { KernelMessage } from '@jupyterlab/services';
import {
  DEFAULT_HASH_BUDGET,
  FileHashResult,
  hashRequest,
  IHashFailure,
  IHashQuery,
  isHashSkip,
  MAX_PATHS_PER_REQUEST,
  parseHashReply
} from '../core/kernel/hashRequest';

/**
 * The part of a kernel connection hashing uses
 * (`Kernel.IKernelConnection` fits).
 */
export interface IHashKernel {
  /**
   * Send an `execute_request`.
   */
  requestExecute(
    content: KernelMessage.IExecuteRequestMsg['content'],
    disposeOnDone?: boolean
  ): {
    readonly done: Promise<{ content: unknown } | undefined>;
    dispose(): void;
  };
}

/**
 * Where a notebook's data files may be read, and the bounds: what the
 * header and the commands know of the server and the settings.
 */
export interface IHashScope {
  /**
   * The server's root directory (`PageConfig` `serverRoot`), `""` when
   * unknown (then nothing is read).
   */
  root: string;
  /**
   * The notebook's path relative to the root.
   */
  notebook: string;
  /**
   * Whether the server shows hidden files (`allow_hidden_files`).
   */
  allowHidden: boolean;
  /**
   * Largest file hashed, in bytes.
   */
  maxSize: number;
  /**
   * How long to wait for a reply, in milliseconds (the probe timeout).
   */
  timeout: number;
}

/**
 * The query for some paths within a scope: each request reads for at most
 * a second, and less with a short timeout, so that the user's code never
 * waits long behind it.
 *
 * @param scope - root, notebook and bounds.
 * @param paths - the files.
 */
export function scopeQuery(
  scope: IHashScope,
  paths: readonly string[]
): IHashQuery {
  return {
    paths,
    root: scope.root,
    notebook: scope.notebook,
    allowHidden: scope.allowHidden,
    maxSize: scope.maxSize,
    budget: Math.min(DEFAULT_HASH_BUDGET, scope.timeout / 4)
  };
}

/**
 * How far hashing has come.
 */
export interface IHashProgress {
  /**
   * Files done (hashed, or not read by rule).
   */
  files: number;
  /**
   * Files in all.
   */
  total: number;
  /**
   * Done, from 0 to 1, counting the bytes of files hashed in part.
   */
  fraction: number;
}

/**
 * Options of {@link hashFilesInKernel}.
 */
export interface IHashFilesOptions {
  /**
   * Most requests sent: `1` for the automatic check on open (files it
   * does not finish stay `unfinished`); unlimited by default (publishing,
   * adding a file by hand), each request bounded by the query's budget,
   * so that the user's cells run between them.
   */
  maxRequests?: number;
  /**
   * How long to wait for one reply, in milliseconds (the probe timeout);
   * 10000 by default. A request that times out is not sent again: the
   * kernel gets no other hash request until it has answered.
   */
  timeout?: number;
  /**
   * Called after each reply.
   */
  onProgress?: (progress: IHashProgress) => void;
  /**
   * Whether the user cancelled: no further request is sent, and the files
   * not finished stay `unfinished`.
   */
  cancelled?: () => boolean;
}

/**
 * Why hashing in the kernel failed, for the caller to word: the reply
 * could not be used ({@link IHashFailure}), or
 *
 * - `busy`: an earlier request that timed out is not answered yet (the
 *   kernel may be running cells), so none was sent;
 * - `timeout`: the kernel did not answer within `seconds`;
 * - `request-failed`: the request itself failed (`detail`: the error's
 *   own message, such as `Kernel is disposed`).
 */
export type KernelHashFailure =
  | IHashFailure
  | { problem: 'busy' }
  | { problem: 'timeout'; seconds: number }
  | { problem: 'request-failed'; detail: string };

/**
 * What hashing in the kernel gave.
 */
export type KernelHashOutcome =
  | {
      /**
       * Discriminant.
       */
      ok: true;
      /**
       * One result per path, keyed by the path as requested; files not
       * finished are `unfinished` skips.
       */
      files: Map<string, FileHashResult>;
    }
  | {
      /**
       * Discriminant.
       */
      ok: false;
      /**
       * Why.
       */
      failure: KernelHashFailure;
      /**
       * When the last request timed out: the outcome once the kernel
       * answers it after all (nothing is sent again meanwhile).
       */
      late?: Promise<KernelHashOutcome>;
    };

/**
 * Hash files where the kernel runs, with silent requests (see
 * `hashRequest`): nothing appears in the notebook, nothing is sent
 * anywhere but to the notebook's own kernel. Each request reads for the
 * query's budget at most; files it did not finish go on in the next
 * request (the kernel keeps their state), up to `maxRequests`. Never
 * rejects; a failed request fails the whole outcome.
 *
 * While a request that timed out is still unanswered, the kernel gets no
 * other one (from any caller): the outcome is then a failure at once.
 *
 * @param kernel - the notebook's kernel (a Python one).
 * @param query - the files and the bounds.
 * @param options - requests, timeout, progress, cancellation.
 */
export async function hashFilesInKernel(
  kernel: IHashKernel,
  query: IHashQuery,
  options: IHashFilesOptions = {}
): Promise<KernelHashOutcome> {
  const paths = [
    ...new Set(
      query.paths.filter(path => typeof path === 'string' && path !== '')
    )
  ];
  const maxRequests = Math.max(1, options.maxRequests ?? Infinity);
  const timeout = options.timeout ?? 10000;
  const files = new Map<string, FileHashResult>(
    paths.map(path => [path, { code: 'unfinished', skipped: true, done: 0 }])
  );
  let todo = paths;
  for (
    let sent = 0;
    todo.length > 0 && sent < maxRequests && !options.cancelled?.();
    sent++
  ) {
    if (Private.unanswered.has(kernel)) {
      return { ok: false, failure: { problem: 'busy' } };
    }
    const part = todo.slice(0, MAX_PATHS_PER_REQUEST);
    const request = { ...query, paths: part };
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const future = kernel.requestExecute(hashRequest(request), true);
      const reply = await Promise.race([
        future.done,
        new Promise<'timeout'>(resolve => {
          timer = setTimeout(() => resolve('timeout'), timeout);
        })
      ]);
      if (reply === 'timeout') {
        // The kernel is busy (cells queued before ours) or stuck: do not
        // send it more; take the answer if it comes.
        const answered = future.done.then(
          late => Private.take(files, late?.content, request),
          error => ({ ok: false as const, failure: Private.failed(error) })
        );
        Private.unanswered.set(kernel, answered);
        void answered.then(() => Private.unanswered.delete(kernel));
        return {
          ok: false,
          failure: { problem: 'timeout', seconds: Math.ceil(timeout / 1000) },
          late: answered
        };
      }
      const outcome = Private.take(files, reply?.content, request);
      if (!outcome.ok) {
        return outcome;
      }
    } catch (error) {
      return { ok: false, failure: Private.failed(error) };
    } finally {
      clearTimeout(timer);
    }
    todo = [
      ...part.filter(path => Private.unfinished(files.get(path))),
      ...todo.slice(part.length)
    ];
    options.onProgress?.(Private.progress(files, paths.length));
  }
  return { ok: true, files };
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * Kernels with a hash request that timed out and is not answered yet.
   */
  export const unanswered = new WeakMap<IHashKernel, Promise<unknown>>();

  /**
   * Read a reply into the results.
   */
  export function take(
    files: Map<string, FileHashResult>,
    content: unknown,
    request: IHashQuery
  ): KernelHashOutcome {
    const result = parseHashReply(content, request);
    if (!result.ok) {
      return { ok: false, failure: result };
    }
    for (const [path, file] of result.files) {
      files.set(path, file);
    }
    return { ok: true, files };
  }

  /**
   * Whether a result is a file to go on with.
   */
  export function unfinished(result: FileHashResult | undefined): boolean {
    return (
      result !== undefined && isHashSkip(result) && result.code === 'unfinished'
    );
  }

  /**
   * How far the files have come.
   */
  export function progress(
    files: Map<string, FileHashResult>,
    total: number
  ): IHashProgress {
    let done = 0;
    let fraction = 0;
    for (const result of files.values()) {
      if (!unfinished(result)) {
        done++;
        fraction++;
      } else if (isHashSkip(result) && result.size && result.done) {
        fraction += Math.min(1, result.done / result.size);
      }
    }
    return { files: done, total, fraction: total > 0 ? fraction / total : 1 };
  }

  /**
   * The failure of a request that rejected, with its error's own message.
   */
  export function failed(error: unknown): KernelHashFailure {
    return {
      problem: 'request-failed',
      detail:
        error instanceof Error && error.message ? error.message : String(error)
    };
  }
}
