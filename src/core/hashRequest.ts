// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { IFileDigest, isSha256 } from './dataManifest';
import { isJSONObject } from './notebook';
import {
  ISilentRequestContent,
  readSilentReply,
  silentExpression,
  silentRequest,
  SilentReplyProblem
} from './silentRequest';

/**
 * What to hash where the kernel runs.
 */
export interface IHashQuery {
  /**
   * The files, as the manifest or the code names them: relative to
   * {@link directory} unless absolute; a leading `~` is the home
   * directory of the kernel's user.
   */
  paths: readonly string[];
  /**
   * The directory relative paths are resolved against: the notebook's
   * directory as the kernel sees it, absolute (see
   * {@link kernelNotebookDirectory}). Without it, or when `""`, the
   * kernel's current directory, which is the notebook's directory when
   * Jupyter started the kernel for it, unless the code changed it
   * (`os.chdir`). A relative directory is resolved against that too.
   */
  directory?: string;
}

/**
 * Why a file could not be hashed.
 *
 * - `missing`: no such file (or a parent is not a directory);
 * - `directory`: it is a directory (a Zarr store, a 10x folder);
 * - `unreadable`: anything else (permissions, I/O errors).
 */
export type HashErrorCode = 'missing' | 'directory' | 'unreadable';

/**
 * A file that could not be hashed.
 */
export interface IHashError {
  /**
   * What kind of failure.
   */
  code: HashErrorCode;
  /**
   * The kernel's words (`FileNotFoundError: [Errno 2] ...`), for a
   * tooltip.
   */
  error: string;
}

/**
 * What the kernel found for one file.
 */
export type FileHashResult = IFileDigest | IHashError;

/**
 * A reply that carried the digests.
 */
export interface IHashSuccess {
  /**
   * Discriminant.
   */
  ok: true;
  /**
   * One result per requested path, keyed by the path as requested.
   */
  files: Record<string, FileHashResult>;
}

/**
 * A reply that did not.
 */
export interface IHashFailure {
  /**
   * Discriminant.
   */
  ok: false;
  /**
   * `aborted` (the kernel skipped the request: worth retrying),
   * `kernel-error` (it raised), `malformed` (not what was asked for).
   */
  reason: 'aborted' | 'kernel-error' | 'malformed';
  /**
   * A readable sentence, untranslated, for a details line.
   */
  detail: string;
}

/**
 * What a hash reply says.
 */
export type HashResult = IHashSuccess | IHashFailure;

/**
 * The content of the silent `execute_request` that hashes files (see
 * `silentRequest`).
 */
export type IHashRequestContent = ISilentRequestContent;

/**
 * The `user_expressions` key the hash expression is sent under.
 */
export const HASH_EXPRESSION_KEY = 'jupyterlab_nbproject_hash';

/**
 * Bytes read at a time: memory use stays at about this much per request,
 * whatever the size of the files.
 */
export const HASH_CHUNK_SIZE = 1 << 20;

/**
 * The Python source of the hasher: it defines `hash_files(paths,
 * directory)`, which returns `{path: {"sha256", "size"} | {"code",
 * "error"}}` as base64-encoded JSON (ASCII, so the `text/plain` repr
 * needs no unescaping). Standard library only; each file is read in
 * chunks of {@link HASH_CHUNK_SIZE} bytes into one reused buffer, never
 * whole. It runs in a dictionary of its own (see {@link hashExpression}).
 */
export const HASH_SOURCE = `import base64
import hashlib
import json
import os

CHUNK = ${HASH_CHUNK_SIZE}


def hash_files(paths, directory):
    base = os.path.abspath(os.path.expanduser(directory or os.curdir))
    out = {}
    buffer = bytearray(CHUNK)
    view = memoryview(buffer)
    for path in paths:
        try:
            out[path] = hash_file(os.path.join(base, os.path.expanduser(path)), view)
        except (FileNotFoundError, NotADirectoryError) as error:
            out[path] = failure("missing", error)
        except IsADirectoryError as error:
            out[path] = failure("directory", error)
        except Exception as error:
            out[path] = failure("unreadable", error)
    return base64.b64encode(json.dumps(out, sort_keys=True).encode("ascii")).decode("ascii")


def hash_file(path, view):
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb", buffering=0) as stream:
        while True:
            count = stream.readinto(view)
            if not count:
                break
            digest.update(view[:count])
            size += count
    return {"sha256": digest.hexdigest(), "size": size}


def failure(code, error):
    return {"code": code, "error": "%s: %s" % (type(error).__name__, error)}
`;

/**
 * The Python expression the kernel evaluates for one query: a lambda that
 * runs {@link HASH_SOURCE} in a fresh dictionary, so the user's names are
 * neither read nor written.
 *
 * @param query - the files and the directory.
 */
export function hashExpression(query: IHashQuery): string {
  const { paths, directory } = normalizeHashQuery(query);
  return silentExpression(HASH_SOURCE, 'hash_files', [paths, directory]);
}

/**
 * The content of the silent `execute_request` that hashes the files of one
 * query. The kernel is busy while it hashes; to show progress over many
 * or large files, send one request per file (or per few) and count the
 * replies.
 *
 * @param query - the files and the directory.
 */
export function hashRequest(query: IHashQuery): IHashRequestContent {
  return silentRequest(HASH_EXPRESSION_KEY, hashExpression(query));
}

/**
 * A query cleaned: string paths only, not empty, unique, in the order
 * given; the directory a string (`""` for the kernel's current one).
 *
 * @param query - the files and the directory.
 */
export function normalizeHashQuery(query: IHashQuery): { paths: string[]; directory: string } {
  const paths = Array.isArray(query.paths) ? query.paths : [];
  return {
    paths: [...new Set(paths.filter((path): path is string => typeof path === 'string' && path !== ''))],
    directory: typeof query.directory === 'string' ? query.directory : ''
  };
}

/**
 * The notebook's directory as the kernel sees it, for
 * {@link IHashQuery.directory}: the server's root directory (JupyterLab's
 * `PageConfig.getOption('serverRoot')`, which may start with `~`) joined
 * with the directory part of the notebook's path (relative to that root,
 * as the contents API names it). `undefined` when the root is not known:
 * the kernel's current directory is then the best guess.
 *
 * @param serverRoot - the server's root directory, or `""`/`null`.
 * @param notebookPath - the notebook's path relative to the root.
 */
export function kernelNotebookDirectory(
  serverRoot: string | null | undefined,
  notebookPath: string
): string | undefined {
  if (!serverRoot) {
    return undefined;
  }
  const separator = /\\/.test(serverRoot) && !/\//.test(serverRoot) ? '\\' : '/';
  const root = serverRoot.replace(/[\\/]+$/, '');
  const parts = notebookPath.split('/').filter(part => part !== '' && part !== '.');
  parts.pop();
  return parts.length === 0
    ? root || separator
    : [root, ...parts].join(separator);
}

/**
 * Whether a file's hash result is an error.
 *
 * @param result - one entry of {@link IHashSuccess.files}.
 */
export function isHashError(result: FileHashResult): result is IHashError {
  return 'error' in result;
}

/**
 * Read the reply to a hash request. Never throws: a reply that is not
 * what was asked for is a failure with a readable reason, and a path the
 * kernel left out, or answered for in an unexpected shape, gets an
 * `unreadable` error of its own.
 *
 * @param content - the `content` of the `execute_reply`, as received.
 * @param query - the query the request was sent for.
 */
export function parseHashReply(content: unknown, query: IHashQuery): HashResult {
  const reply = readSilentReply(content, HASH_EXPRESSION_KEY);
  if (!reply.ok) {
    return Private.fail(
      reply.reason,
      reply.reason === 'kernel-error'
        ? reply.detail
          ? Private.cut(reply.detail)
          : 'The kernel raised an unknown error.'
        : Private.MESSAGES[reply.problem].replace('%1', Private.cut(reply.detail))
    );
  }
  const { payload } = reply;
  if (!isJSONObject(payload)) {
    return Private.fail('malformed', 'The kernel answered with an unexpected shape.');
  }
  const files: Record<string, FileHashResult> = {};
  for (const path of normalizeHashQuery(query).paths) {
    files[path] = Private.toResult(payload[path]);
  }
  return { ok: true, files };
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * Longest stranger's text kept in a detail.
   */
  const MAX_DETAIL = 300;

  /**
   * A failure result.
   */
  export function fail(reason: IHashFailure['reason'], detail: string): IHashFailure {
    return { ok: false, reason, detail };
  }

  /**
   * What each problem with a reply is called.
   */
  export const MESSAGES: Record<SilentReplyProblem, string> = {
    'no-content': 'The kernel sent no reply content.',
    aborted: 'The kernel skipped the request.',
    'error-reply': 'The kernel raised an unknown error.',
    'expression-error': 'The kernel raised an unknown error.',
    'bad-status': 'The reply has an unexpected status (%1).',
    'no-expressions': 'The kernel did not evaluate the hash expression.',
    'not-evaluated': 'The kernel did not evaluate the hash expression.',
    'not-base64': 'The kernel did not answer in base64.',
    'not-json': 'The kernel did not answer in JSON.'
  };

  /**
   * A stranger's text, cut.
   */
  export function cut(text: string): string {
    return text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL - 1)}…` : text;
  }

  /**
   * One file's entry, validated.
   */
  export function toResult(value: unknown): FileHashResult {
    if (isJSONObject(value)) {
      const { sha256, size, code, error } = value;
      if (isSha256(sha256) && typeof size === 'number' && Number.isSafeInteger(size) && size >= 0) {
        return { sha256: sha256.toLowerCase(), size };
      }
      if (typeof error === 'string') {
        return {
          code: code === 'missing' || code === 'directory' ? code : 'unreadable',
          error: cut(error)
        };
      }
    }
    return {
      code: 'unreadable',
      error: value === undefined ? 'The kernel did not answer for this file.' : 'The kernel answered for this file in an unexpected shape.'
    };
  }
}
