// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type { KernelMessage } from '@jupyterlab/services';
import {
  FileHashResult,
  hashRequest,
  IHashQuery,
  normalizeHashQuery,
  parseHashReply
} from '../core/hashRequest';

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
  ): { readonly done: Promise<{ content: unknown } | undefined>; dispose(): void };
}

/**
 * Options of {@link hashFilesInKernel}.
 */
export interface IHashFilesOptions {
  /**
   * Paths per request: `Infinity` (default) sends one request; `1` sends
   * one per file, so that progress can be shown.
   */
  batch?: number;
  /**
   * Called after each request with the number of files done and in all.
   */
  onProgress?: (done: number, total: number) => void;
  /**
   * How long one request may take, in milliseconds; 300000 by default.
   */
  timeout?: number;
}

/**
 * What hashing in the kernel gave.
 */
export type KernelHashOutcome =
  | { ok: true; files: Record<string, FileHashResult> }
  | { ok: false; detail: string };

/**
 * Hash files where the kernel runs, with silent requests (see
 * `hashRequest`): nothing appears in the notebook, nothing is sent
 * anywhere but to the notebook's own kernel. Never rejects; a failed
 * request fails the whole outcome (the files are then not hashed).
 *
 * @param kernel - the notebook's kernel (a Python one).
 * @param query - the files and the notebook's directory.
 * @param options - batching, progress and timeout.
 */
export async function hashFilesInKernel(
  kernel: IHashKernel,
  query: IHashQuery,
  options: IHashFilesOptions = {}
): Promise<KernelHashOutcome> {
  const { paths, directory } = normalizeHashQuery(query);
  const batch = Math.max(1, options.batch ?? Infinity);
  const timeout = options.timeout ?? 300000;
  const files: Record<string, FileHashResult> = {};
  for (let start = 0; start < paths.length; start += batch) {
    const part = { paths: paths.slice(start, start + batch), directory };
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const future = kernel.requestExecute(hashRequest(part), true);
      const reply = await Promise.race([
        future.done,
        new Promise<'timeout'>(resolve => {
          timer = setTimeout(() => resolve('timeout'), timeout);
        })
      ]);
      if (reply === 'timeout') {
        future.dispose();
        return { ok: false, detail: `the kernel did not answer within ${Math.ceil(timeout / 1000)} s` };
      }
      const result = parseHashReply(reply?.content, part);
      if (!result.ok) {
        return { ok: false, detail: result.detail };
      }
      Object.assign(files, result.files);
    } catch (error) {
      return { ok: false, detail: error instanceof Error && error.message ? error.message : String(error) };
    } finally {
      clearTimeout(timer);
    }
    options.onProgress?.(Math.min(start + batch, paths.length), paths.length);
  }
  return { ok: true, files };
}
