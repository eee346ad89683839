// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { IFileDigest, isSha256 } from '../data/manifest';
import { isJSONObject } from '../common/json';
import {
  ISilentRequestContent,
  KernelReplyProblem,
  readSilentReply,
  silentExpression,
  silentRequest
} from './silentRequest';
import { cut } from '../common/text';
import { DEFAULT_MAX_DATA_SIZE } from '../data/paths';

/**
 * What to hash where the kernel runs, and within which bounds.
 */
export interface IHashQuery {
  /**
   * The files, as the manifest or the code names them: relative to the
   * notebook's directory unless absolute; a leading `~` is the home
   * directory of the kernel's user.
   */
  paths: readonly string[];
  /**
   * The Jupyter server's root directory (what the file browser shows), as
   * JupyterLab's `PageConfig` names it (it may start with `~`): the
   * boundary. Nothing outside it is opened. `""` when unknown: then
   * nothing is read at all.
   */
  root: string;
  /**
   * The notebook's path relative to {@link root}, `/`-separated, as the
   * contents API names it. The kernel must see this file under the root
   * (a remote kernel may not): else nothing is read.
   */
  notebook: string;
  /**
   * Whether hidden files and folders (`.env`, `.ssh/`) may be read: the
   * server's `ContentsManager.allow_hidden`. `false` by default.
   */
  allowHidden?: boolean;
  /**
   * Largest file hashed, in bytes; larger ones are `too-large`.
   * {@link DEFAULT_MAX_DATA_SIZE} by default.
   */
  maxSize?: number;
  /**
   * How long one request may read, in milliseconds: the hasher checks the
   * time between chunks and stops by itself (the files it did not finish
   * are `unfinished`, to be resumed by a further request).
   * {@link DEFAULT_HASH_BUDGET} by default.
   */
  budget?: number;
  /**
   * Resolved paths (as the kernel named them in an `outside` or `hidden`
   * result) the user agreed, in a dialog, to have read anyway. Never
   * taken from a notebook.
   */
  consent?: readonly string[];
  /**
   * Whether to resolve the symbolic links of a path outside the root,
   * to name its target in the consent dialog (only its metadata is
   * looked at; nothing is read). `false` by default: a path outside by
   * its name is not looked at.
   */
  resolve?: boolean;
}

/**
 * Why a file could not be hashed, once looked at.
 *
 * - `missing`: no such file (or a parent is not a directory);
 * - `directory`: it is a directory (a Zarr store, a 10x folder);
 * - `unreadable`: anything else (permissions, I/O errors).
 */
export type HashErrorCode = 'missing' | 'directory' | 'unreadable';

/**
 * Why a file was not read, by rule:
 *
 * - `outside`: it resolves outside the project root;
 * - `hidden`: it is, or is in, a hidden file or folder (and the server
 *   does not show hidden files);
 * - `special`: not a regular file (a FIFO, a device, a socket);
 * - `too-large`: larger than the size limit;
 * - `unfinished`: the request's time ran out before it was done;
 * - `unseen`: the kernel cannot see the project root (or the root is
 *   unknown): nothing was read.
 */
export type HashSkipCode =
  'outside' | 'hidden' | 'special' | 'too-large' | 'unfinished' | 'unseen';

/**
 * What was wrong with the kernel's answer for one file, when it gave no
 * words of its own:
 *
 * - `unanswered`: the kernel left the file out of its answer;
 * - `malformed-entry`: it answered for the file in an unexpected shape.
 */
export type HashEntryProblem = 'unanswered' | 'malformed-entry';

/**
 * A file that could not be hashed: either the kernel said why
 * ({@link error}) or its answer was wrong ({@link problem}).
 */
export interface IHashError {
  /**
   * What kind of failure.
   */
  code: HashErrorCode;
  /**
   * The kernel's own words (`FileNotFoundError: [Errno 2] ...`), for a
   * tooltip: untrusted, cut.
   */
  error?: string;
  /**
   * What was wrong with the answer, when the kernel gave no words (then
   * {@link code} is `unreadable`).
   */
  problem?: HashEntryProblem;
}

/**
 * A file that was not read, by rule.
 */
export interface IHashSkip {
  /**
   * Why.
   */
  code: HashSkipCode;
  /**
   * Discriminant.
   */
  skipped: true;
  /**
   * Where the path leads, as the kernel resolved it (`outside`,
   * `hidden`, `special`), for a tooltip and the consent dialog.
   */
  resolved?: string;
  /**
   * The file's size in bytes (`too-large`, `unfinished`).
   */
  size?: number;
  /**
   * Bytes hashed so far (`unfinished`); the kernel keeps the state to
   * resume from there.
   */
  done?: number;
}

/**
 * What the kernel found for one file.
 */
export type FileHashResult = IFileDigest | IHashError | IHashSkip;

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
  files: Map<string, FileHashResult>;
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
   * What exactly, for the caller to word.
   */
  problem: KernelReplyProblem;
  /**
   * The kernel's own words, untrusted and cut: `ename: evalue` for a
   * kernel error, the status for a `bad-status`; `""` otherwise (or when
   * the kernel said nothing).
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
 * The default time one hash request may read, in milliseconds.
 */
export const DEFAULT_HASH_BUDGET = 1000;

/**
 * Most paths sent in one request; the others wait for the next one.
 */
export const MAX_PATHS_PER_REQUEST = 1000;

/**
 * Most files whose unfinished hashing the kernel keeps to resume.
 */
export const MAX_HASH_STATES = 16;

/**
 * The Python source of the hasher: it defines `hash_files(paths, root,
 * notebook, allow_hidden, max_size, budget, consent, resolve)`, which
 * returns `{path: {"sha256", "size"} | {"code", "error"} | {"code",
 * "skipped", ...}}` as base64-encoded JSON (ASCII, so the `text/plain`
 * repr needs no unescaping). Standard library only.
 *
 * Each path is judged before anything is opened: after `~`, `..` and
 * symbolic links are resolved it must lie inside the server's root, and
 * not be hidden (unless the server shows hidden files, or the user
 * agreed). Then only a regular file within the size limit is opened
 * (`stat` first; opened non-blocking and checked again with `fstat`,
 * so a FIFO or a device swapped in meanwhile is never waited on), and
 * read in chunks of {@link HASH_CHUNK_SIZE} bytes into one reused
 * buffer; the time is checked between chunks and between files, and a
 * file cut by the deadline keeps its state in the kernel (on the
 * `hashlib` module under a private name, at most {@link
 * MAX_HASH_STATES}, valid while device, inode, size and mtime match) for
 * the next request to resume. The first file of a request always gets
 * at least one chunk, so a series of requests ends. It runs in a
 * dictionary of its own (see {@link hashExpression}).
 */
export const HASH_SOURCE = `import base64
import errno
import hashlib
import json
import os
import stat
import time

CHUNK = ${HASH_CHUNK_SIZE}
STATES = "_jupyterlab_nbproject_hash_state"
MAX_STATES = ${MAX_HASH_STATES}
FLAGS = os.O_RDONLY
for _flag in ("O_NONBLOCK", "O_NOCTTY", "O_NOFOLLOW", "O_CLOEXEC", "O_BINARY"):
    FLAGS |= getattr(os, _flag, 0)


def hash_files(paths, root, notebook, allow_hidden, max_size, budget, consent, resolve):
    deadline = time.monotonic() + budget
    scope = project(root, notebook)
    out = {}
    if scope is None:
        for path in paths:
            out[path] = skip("unseen")
        return encode(out)
    agreed = set(os.path.normcase(path) for path in consent)
    states = saved_states()
    view = memoryview(bytearray(CHUNK))
    for index, path in enumerate(paths):
        if index > 0 and time.monotonic() >= deadline:
            out[path] = skip("unfinished", done=0)
            continue
        try:
            real, reason = judge(path, scope, allow_hidden, agreed, resolve)
            if reason:
                out[path] = skip(reason, resolved=real)
            else:
                out[path] = hash_file(real, view, max_size, deadline, states, allow_hidden or os.path.normcase(real) in agreed)
        except (FileNotFoundError, NotADirectoryError) as error:
            out[path] = failure("missing", error)
        except IsADirectoryError as error:
            out[path] = failure("directory", error)
        except Exception as error:
            out[path] = failure("unreadable", error)
    return encode(out)


def project(root, notebook):
    # The server's root and the notebook as the kernel sees them; None
    # when the kernel cannot see them (a remote kernel): nothing is read.
    if not root:
        return None
    root_lex = os.path.normpath(os.path.abspath(os.path.expanduser(root)))
    root_real = os.path.realpath(root_lex)
    parts = [part for part in notebook.split("/") if part not in ("", ".")]
    if not parts or ".." in parts or not os.path.isdir(root_real):
        return None
    if not os.path.isfile(os.path.join(root_lex, *parts)):
        return None
    return root_lex, root_real, os.path.join(root_lex, *parts[:-1])


def within(path, root):
    path = os.path.normcase(path)
    root = os.path.normcase(root)
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def hidden_under(path, root):
    if not within(path, root):
        return False
    return any(part.startswith(".") for part in os.path.relpath(path, root).split(os.sep) if part != os.curdir)


def judge(path, scope, allow_hidden, agreed, resolve):
    # Where a path leads, and why it is not read (None: it may be read).
    root_lex, root_real, base = scope
    lexical = os.path.normpath(os.path.join(base, os.path.expanduser(path)))
    if not within(lexical, root_lex) and not within(lexical, root_real):
        # Outside already by its name: not even looked at, unless the
        # user asked where it leads (adding a file by hand).
        real = os.path.realpath(lexical) if resolve else lexical
        return real, None if os.path.normcase(real) in agreed else "outside"
    real = os.path.realpath(lexical)
    if os.path.normcase(real) in agreed:
        return real, None
    if not within(real, root_real):
        return real, "outside"
    if not allow_hidden and (
        hidden_under(lexical, root_lex) or hidden_under(lexical, root_real) or hidden_under(real, root_real)
    ):
        return real, "hidden"
    return real, None


def flagged_hidden(info):
    flags = getattr(info, "st_flags", 0) & getattr(stat, "UF_HIDDEN", 0)
    attributes = getattr(info, "st_file_attributes", 0) & getattr(stat, "FILE_ATTRIBUTE_HIDDEN", 0)
    return bool(flags or attributes)


def hash_file(real, view, max_size, deadline, states, show_hidden):
    info = os.stat(real)
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), real)
    if not stat.S_ISREG(info.st_mode):
        return skip("special", resolved=real)
    if not show_hidden and flagged_hidden(info):
        return skip("hidden", resolved=real)
    if info.st_size > max_size:
        return skip("too-large", size=info.st_size)
    # O_NONBLOCK and fstat: what was swapped in since the stat is not waited on.
    with os.fdopen(os.open(real, FLAGS), "rb", buffering=0) as stream:
        opened = os.fstat(stream.fileno())
        if not stat.S_ISREG(opened.st_mode):
            return skip("special", resolved=real)
        if (opened.st_dev, opened.st_ino) != (info.st_dev, info.st_ino):
            return failure("unreadable", OSError("the file was replaced while it was checked"))
        if opened.st_size > max_size:
            return skip("too-large", size=opened.st_size)
        key = (opened.st_dev, opened.st_ino, opened.st_size, opened.st_mtime_ns)
        state = states.pop(real, None)
        if state is not None and state[0] == key:
            digest, size = state[1], state[2]
            stream.seek(size)
        else:
            digest, size = hashlib.sha256(), 0
        while True:
            count = stream.readinto(view)
            if not count:
                break
            digest.update(view[:count])
            size += count
            if size > max_size:
                return skip("too-large", size=size)
            if time.monotonic() >= deadline and size < opened.st_size:
                remember(states, real, (key, digest, size))
                return skip("unfinished", done=size, size=opened.st_size)
    return {"sha256": digest.hexdigest(), "size": size}


def saved_states():
    # Hashing cut by a deadline goes on where it stopped: kept on the
    # hashlib module under a private name, never in the user's namespace.
    states = getattr(hashlib, STATES, None)
    if not isinstance(states, dict):
        states = {}
        setattr(hashlib, STATES, states)
    return states


def remember(states, real, state):
    states.pop(real, None)
    states[real] = state
    while len(states) > MAX_STATES:
        states.pop(next(iter(states)))


def skip(code, **extra):
    out = {"code": code, "skipped": 1}
    out.update(extra)
    return out


def failure(code, error):
    return {"code": code, "error": "%s: %s" % (type(error).__name__, error)}


def encode(out):
    return base64.b64encode(json.dumps(out, sort_keys=True).encode("ascii")).decode("ascii")
`;

/**
 * The Python expression the kernel evaluates for one query: a lambda that
 * runs {@link HASH_SOURCE} in a fresh dictionary, so the user's names are
 * neither read nor written.
 *
 * @param query - the files and the bounds.
 */
export function hashExpression(query: IHashQuery): string {
  const q = normalizeHashQuery(query);
  return silentExpression(HASH_SOURCE, 'hash_files', [
    q.paths,
    q.root,
    q.notebook,
    q.allowHidden ? 1 : 0,
    q.maxSize,
    q.budget / 1000,
    q.consent,
    q.resolve ? 1 : 0
  ]);
}

/**
 * The content of the silent `execute_request` that hashes the files of one
 * query. The kernel is busy while it hashes, for about
 * {@link IHashQuery.budget} at most; files it did not finish are
 * resumed by sending the query again for them.
 *
 * @param query - the files and the bounds.
 */
export function hashRequest(query: IHashQuery): IHashRequestContent {
  return silentRequest(HASH_EXPRESSION_KEY, hashExpression(query));
}

/**
 * A query cleaned: string paths only, not empty, unique, in the order
 * given, at most {@link MAX_PATHS_PER_REQUEST}; strings for the root and
 * the notebook; the size limit and budget whole non-negative numbers
 * (their defaults otherwise).
 *
 * @param query - the files and the bounds.
 */
export function normalizeHashQuery(
  query: IHashQuery
): Required<IHashQuery> & { paths: string[]; consent: string[] } {
  const strings = (value: unknown): string[] =>
    Array.isArray(value)
      ? [
          ...new Set(
            value.filter(
              (item): item is string => typeof item === 'string' && item !== ''
            )
          )
        ]
      : [];
  const count = (value: unknown, fallback: number): number =>
    typeof value === 'number' && Number.isFinite(value) && value >= 0
      ? Math.floor(value)
      : fallback;
  return {
    paths: strings(query.paths).slice(0, MAX_PATHS_PER_REQUEST),
    root: typeof query.root === 'string' ? query.root : '',
    notebook: typeof query.notebook === 'string' ? query.notebook : '',
    allowHidden: query.allowHidden === true,
    maxSize: count(query.maxSize, DEFAULT_MAX_DATA_SIZE),
    budget: count(query.budget, DEFAULT_HASH_BUDGET),
    consent: strings(query.consent),
    resolve: query.resolve === true
  };
}

/**
 * Whether a file's hash result is an error (the file was looked at and
 * could not be hashed).
 *
 * @param result - one entry of {@link IHashSuccess.files}.
 */
export function isHashError(result: FileHashResult): result is IHashError {
  return 'code' in result && !('skipped' in result);
}

/**
 * Whether a file's hash result says it was not read, by rule.
 *
 * @param result - one entry of {@link IHashSuccess.files}.
 */
export function isHashSkip(result: FileHashResult): result is IHashSkip {
  return 'skipped' in result;
}

/**
 * Whether a file's hash result is its digest.
 *
 * @param result - one entry of {@link IHashSuccess.files}.
 */
export function isFileDigest(
  result: FileHashResult | undefined
): result is IFileDigest {
  return result !== undefined && 'sha256' in result;
}

/**
 * Read the reply to a hash request. Never throws: a reply that is not
 * what was asked for is a failure with a problem code, and a path the
 * kernel left out, or answered for in an unexpected shape, gets an
 * `unreadable` error with a problem code of its own.
 *
 * @param content - the `content` of the `execute_reply`, as received.
 * @param query - the query the request was sent for.
 */
export function parseHashReply(
  content: unknown,
  query: Pick<IHashQuery, 'paths'>
): HashResult {
  const reply = readSilentReply(content, HASH_EXPRESSION_KEY);
  if (!reply.ok) {
    return Private.fail(
      reply.reason,
      reply.problem,
      cut(reply.detail, Private.MAX_DETAIL)
    );
  }
  const { payload } = reply;
  if (!isJSONObject(payload)) {
    return Private.fail('malformed', 'malformed-shape');
  }
  // Keyed by strangers' paths: a Map, so `__proto__` is a path like any other.
  const files = new Map<string, FileHashResult>();
  for (const path of normalizeHashQuery({ root: '', notebook: '', ...query })
    .paths) {
    files.set(
      path,
      Private.toResult(
        Object.prototype.hasOwnProperty.call(payload, path)
          ? payload[path]
          : undefined
      )
    );
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
  export const MAX_DETAIL = 300;

  /**
   * A failure result.
   */
  export function fail(
    reason: IHashFailure['reason'],
    problem: KernelReplyProblem,
    detail = ''
  ): IHashFailure {
    return { ok: false, reason, problem, detail };
  }

  /**
   * Why a file was not read, as the kernel may say it.
   */
  const SKIPS: ReadonlySet<string> = new Set<HashSkipCode>([
    'outside',
    'hidden',
    'special',
    'too-large',
    'unfinished',
    'unseen'
  ]);

  /**
   * A whole non-negative number, or `undefined`.
   */
  function size(value: unknown): number | undefined {
    return typeof value === 'number' &&
      Number.isSafeInteger(value) &&
      value >= 0
      ? value
      : undefined;
  }

  /**
   * One file's entry, validated.
   */
  export function toResult(value: unknown): FileHashResult {
    if (isJSONObject(value)) {
      const { sha256, code, error, skipped, resolved } = value;
      if (isSha256(sha256) && size(value.size) !== undefined) {
        return { sha256: sha256.toLowerCase(), size: value.size as number };
      }
      if (typeof error === 'string') {
        return {
          code:
            code === 'missing' || code === 'directory' ? code : 'unreadable',
          error: cut(error, MAX_DETAIL)
        };
      }
      if (skipped && typeof code === 'string' && SKIPS.has(code)) {
        const skip: IHashSkip = { code: code as HashSkipCode, skipped: true };
        if (typeof resolved === 'string') {
          skip.resolved = resolved;
        }
        if (size(value.size) !== undefined) {
          skip.size = value.size as number;
        }
        if (size(value.done) !== undefined) {
          skip.done = value.done as number;
        }
        return skip;
      }
    }
    return {
      code: 'unreadable',
      problem: value === undefined ? 'unanswered' : 'malformed-entry'
    };
  }
}
