// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { createHash } from 'crypto';
import { createReadStream } from 'fs';

import { IFileDigest } from '../core/dataManifest';
import { HASH_CHUNK_SIZE, HashErrorCode } from '../core/hashRequest';

/**
 * SHA-256 and size of a file, read as a stream in chunks of
 * `HASH_CHUNK_SIZE` (1 MiB) bytes: memory use does not grow with the
 * file. The same digest the kernel's hasher gives.
 *
 * @param path - the file.
 * @returns the digest; rejects with Node's error (`ENOENT`, `EISDIR`,
 *   `EACCES`, ...) when the file cannot be read.
 */
export function hashFileStreaming(path: string): Promise<IFileDigest> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    let size = 0;
    createReadStream(path, { highWaterMark: HASH_CHUNK_SIZE })
      .on('data', chunk => {
        hash.update(chunk);
        size += chunk.length;
      })
      .on('error', reject)
      .on('end', () => resolve({ sha256: hash.digest('hex'), size }));
  });
}

/**
 * The kind of failure of a Node file error, as the kernel's hasher names
 * it.
 *
 * @param error - what {@link hashFileStreaming} rejected with.
 */
export function hashErrorCode(error: unknown): HashErrorCode {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return 'missing';
  }
  return code === 'EISDIR' ? 'directory' : 'unreadable';
}
