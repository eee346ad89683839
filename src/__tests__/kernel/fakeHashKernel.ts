// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { HASH_EXPRESSION_KEY } from '../../core/kernel/hashRequest';
import type { IHashKernel } from '../../kernel/hashFiles';

/**
 * Two SHA-256 digests.
 */
export const DIGEST_A = 'a'.repeat(64);
export const DIGEST_B = 'b'.repeat(64);

/**
 * What the fake kernel's disk holds for a path: a digest, a rule's skip, or
 * a file that takes `slices` requests to hash.
 */
export type FakeFile =
  | { sha256: string; size: number; slices?: number }
  | { code: string; skipped: 1; resolved?: string };

/**
 * The arguments a hash request was sent with.
 */
export interface ISent {
  paths: string[];
  root: string;
  notebook: string;
  allowHidden: number;
  maxSize: number;
  budget: number;
  consent: string[];
  resolve: number;
}

/**
 * A fake kernel whose disk holds `files`: it answers hash requests as the
 * Python hasher would (a file of n slices is `unfinished` for its first
 * n - 1 requests, as with a deadline), and records them. With `hang`, the
 * replies wait until `release()`.
 */
export class FakeHashKernel implements IHashKernel {
  constructor(public files: Record<string, FakeFile>) {}
  sent: ISent[] = [];
  hang = false;
  private _progress = new Map<string, number>();
  private _held: (() => void)[] = [];
  get requests(): string[][] {
    return this.sent.map(sent => sent.paths);
  }
  release(): void {
    this._held.splice(0).forEach(resolve => resolve());
  }
  requestExecute(content: any) {
    const expression: string = content.user_expressions[HASH_EXPRESSION_KEY];
    const args = JSON.parse(
      `[${/g\["hash_files"\]\((.*)\)\)\(\{\}\)$/s.exec(expression)![1]}]`
    );
    const [
      paths,
      root,
      notebook,
      allowHidden,
      maxSize,
      budget,
      consent,
      resolve
    ] = args;
    this.sent.push({
      paths,
      root,
      notebook,
      allowHidden,
      maxSize,
      budget,
      consent,
      resolve
    });
    // Null prototype: a path named __proto__ is a key like any other.
    const payload: Record<string, unknown> = Object.create(null);
    let first = true;
    let deadline = false;
    for (const path of paths) {
      const file = Object.prototype.hasOwnProperty.call(this.files, path)
        ? this.files[path]
        : undefined;
      if (deadline) {
        // The deadline passed on an earlier file: this one waits.
        payload[path] = { code: 'unfinished', skipped: 1, done: 0 };
      } else if (file && 'slices' in file && file.slices) {
        const done = first ? (this._progress.get(path) ?? 0) + 1 : 0;
        this._progress.set(path, done);
        payload[path] =
          done >= file.slices
            ? { sha256: file.sha256, size: file.size }
            : { code: 'unfinished', skipped: 1, done, size: file.size };
        deadline = done < file.slices;
        first = false;
      } else {
        payload[path] = file ?? {
          code: 'missing',
          error: `FileNotFoundError: ${path}`
        };
      }
    }
    const reply = {
      content: {
        status: 'ok',
        user_expressions: {
          [HASH_EXPRESSION_KEY]: {
            status: 'ok',
            data: {
              'text/plain': `'${Buffer.from(JSON.stringify(payload)).toString('base64')}'`
            }
          }
        }
      }
    };
    return {
      done: this.hang
        ? new Promise<typeof reply>(resolve =>
            this._held.push(() => resolve(reply))
          )
        : Promise.resolve(reply),
      dispose: () => undefined
    };
  }
}
