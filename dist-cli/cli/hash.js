"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.hashFileStreaming = hashFileStreaming;
exports.hashErrorCode = hashErrorCode;
const fs_1 = require("fs");
const paths_1 = require("../core/data/paths");
const hashRequest_1 = require("../core/kernel/hashRequest");
const files_1 = require("./files");
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
async function hashFileStreaming(path, options = {}) {
    const maxSize = options.maxSize ?? paths_1.DEFAULT_MAX_DATA_SIZE;
    (0, files_1.refuseUnlessRegular)(path, await fs_1.promises.stat(path), maxSize);
    const handle = await fs_1.promises.open(path, fs_1.constants.O_RDONLY | files_1.OPEN_NONBLOCK);
    try {
        (0, files_1.refuseUnlessRegular)(path, await handle.stat(), maxSize);
        // Loaded when a file is hashed: a check without data files does not.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { createHash } = require('crypto');
        const hash = createHash('sha256');
        const buffer = Buffer.allocUnsafe(hashRequest_1.HASH_CHUNK_SIZE);
        let size = 0;
        for (;;) {
            const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
            if (bytesRead === 0) {
                break;
            }
            size = (0, files_1.countWithinCap)(path, size, bytesRead, maxSize);
            hash.update(buffer.subarray(0, bytesRead));
        }
        return { sha256: hash.digest('hex'), size };
    }
    finally {
        await handle.close();
    }
}
/**
 * The kind of failure of a Node file error, as the kernel's hasher names
 * it.
 *
 * @param error - what {@link hashFileStreaming} rejected with.
 */
function hashErrorCode(error) {
    const code = error?.code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
        return 'missing';
    }
    return code === 'EISDIR' ? 'directory' : 'unreadable';
}
