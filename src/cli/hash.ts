// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { constants, promises as fsp } from 'fs';

import { IFileDigest } from '../core/data/manifest';
import { DEFAULT_MAX_DATA_SIZE } from '../core/data/paths';
import { HASH_CHUNK_SIZE, HashErrorCode } from '../core/kernel/hashRequest';
import { countWithinCap, OPEN_NONBLOCK, refuseUnlessRegular } from './files';

/**
 * How to hash a file.
 */
export interface IHashOptions {
  /**
   * The largest file hashed, in bytes; default
   * {@link DEFAULT_MAX_DATA_SIZE} (2 GiB).
   */
  maxSize?: number;
}

/**
 * SHA-256 and size of a regular file, read in chunks of
 * `HASH_CHUNK_SIZE` (1 MiB) bytes into one buffer: memory use does not
 * grow with the file. The same digest the kernel's hasher gives.
 *
 * Only a regular file is read: it is `stat`ed first, then opened
 * non-blocking and its descriptor `fstat`ed again, so a FIFO, device or
 * socket is never read (and never waited on), and a file swapped for one
 * in between is caught. A file larger than the cap, or that grows past it
 * while read, is refused.
 *
 * @param path - the file.
 * @param options - the size cap.
 * @returns the digest; rejects with Node's error (`ENOENT`, `EACCES`, ...)
 *   or with a {@link RefusedFileError} (`not-regular`, with code `EISDIR`
 *   for a directory; `too-large`).
 */
export async function hashFileStreaming(
  path: string,
  options: IHashOptions = {}
): Promise<IFileDigest> {
  const maxSize = options.maxSize ?? DEFAULT_MAX_DATA_SIZE;
  refuseUnlessRegular(path, await fsp.stat(path), maxSize);
  const handle = await fsp.open(path, constants.O_RDONLY | OPEN_NONBLOCK);
  try {
    refuseUnlessRegular(path, await handle.stat(), maxSize);
    // Loaded when a file is hashed: a check without data files does not.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createHash } = require('crypto') as typeof import('crypto');
    const hash = createHash('sha256');
    const buffer = Buffer.allocUnsafe(HASH_CHUNK_SIZE);
    let size = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) {
        break;
      }
      size = countWithinCap(path, size, bytesRead, maxSize);
      hash.update(buffer.subarray(0, bytesRead));
    }
    return { sha256: hash.digest('hex'), size };
  } finally {
    await handle.close();
  }
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
