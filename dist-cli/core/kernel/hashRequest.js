"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.HASH_SOURCE = exports.MAX_HASH_STATES = exports.MAX_PATHS_PER_REQUEST = exports.DEFAULT_HASH_BUDGET = exports.HASH_CHUNK_SIZE = exports.HASH_EXPRESSION_KEY = void 0;
exports.hashExpression = hashExpression;
exports.hashRequest = hashRequest;
exports.normalizeHashQuery = normalizeHashQuery;
exports.isHashError = isHashError;
exports.isHashSkip = isHashSkip;
exports.isFileDigest = isFileDigest;
exports.parseHashReply = parseHashReply;
const manifest_1 = require("../data/manifest");
const json_1 = require("../common/json");
const silentRequest_1 = require("./silentRequest");
const text_1 = require("../common/text");
const paths_1 = require("../data/paths");
/**
 * The `user_expressions` key the hash expression is sent under.
 */
exports.HASH_EXPRESSION_KEY = 'jupyterlab_nbproject_hash';
/**
 * Bytes read at a time: memory use stays at about this much per request,
 * whatever the size of the files.
 */
exports.HASH_CHUNK_SIZE = 1 << 20;
/**
 * The default time one hash request may read, in milliseconds.
 */
exports.DEFAULT_HASH_BUDGET = 1000;
/**
 * Most paths sent in one request; the others wait for the next one.
 */
exports.MAX_PATHS_PER_REQUEST = 1000;
/**
 * Most files whose unfinished hashing the kernel keeps to resume.
 */
exports.MAX_HASH_STATES = 16;
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
exports.HASH_SOURCE = `import base64
import errno
import hashlib
import json
import os
import stat
import time

CHUNK = ${exports.HASH_CHUNK_SIZE}
STATES = "_jupyterlab_nbproject_hash_state"
MAX_STATES = ${exports.MAX_HASH_STATES}
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
function hashExpression(query) {
    const q = normalizeHashQuery(query);
    return (0, silentRequest_1.silentExpression)(exports.HASH_SOURCE, 'hash_files', [
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
function hashRequest(query) {
    return (0, silentRequest_1.silentRequest)(exports.HASH_EXPRESSION_KEY, hashExpression(query));
}
/**
 * A query cleaned: string paths only, not empty, unique, in the order
 * given, at most {@link MAX_PATHS_PER_REQUEST}; strings for the root and
 * the notebook; the size limit and budget whole non-negative numbers
 * (their defaults otherwise).
 *
 * @param query - the files and the bounds.
 */
function normalizeHashQuery(query) {
    const strings = (value) => Array.isArray(value)
        ? [
            ...new Set(value.filter((item) => typeof item === 'string' && item !== ''))
        ]
        : [];
    const count = (value, fallback) => typeof value === 'number' && Number.isFinite(value) && value >= 0
        ? Math.floor(value)
        : fallback;
    return {
        paths: strings(query.paths).slice(0, exports.MAX_PATHS_PER_REQUEST),
        root: typeof query.root === 'string' ? query.root : '',
        notebook: typeof query.notebook === 'string' ? query.notebook : '',
        allowHidden: query.allowHidden === true,
        maxSize: count(query.maxSize, paths_1.DEFAULT_MAX_DATA_SIZE),
        budget: count(query.budget, exports.DEFAULT_HASH_BUDGET),
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
function isHashError(result) {
    return 'code' in result && !('skipped' in result);
}
/**
 * Whether a file's hash result says it was not read, by rule.
 *
 * @param result - one entry of {@link IHashSuccess.files}.
 */
function isHashSkip(result) {
    return 'skipped' in result;
}
/**
 * Whether a file's hash result is its digest.
 *
 * @param result - one entry of {@link IHashSuccess.files}.
 */
function isFileDigest(result) {
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
function parseHashReply(content, query) {
    const reply = (0, silentRequest_1.readSilentReply)(content, exports.HASH_EXPRESSION_KEY);
    if (!reply.ok) {
        return Private.fail(reply.reason, reply.problem, (0, text_1.cut)(reply.detail, Private.MAX_DETAIL));
    }
    const { payload } = reply;
    if (!(0, json_1.isJSONObject)(payload)) {
        return Private.fail('malformed', 'malformed-shape');
    }
    // Keyed by strangers' paths: a Map, so `__proto__` is a path like any other.
    const files = new Map();
    for (const path of normalizeHashQuery({ root: '', notebook: '', ...query })
        .paths) {
        files.set(path, Private.toResult(Object.prototype.hasOwnProperty.call(payload, path)
            ? payload[path]
            : undefined));
    }
    return { ok: true, files };
}
/**
 * Module internals.
 */
var Private;
(function (Private) {
    /**
     * Longest stranger's text kept in a detail.
     */
    Private.MAX_DETAIL = 300;
    /**
     * A failure result.
     */
    function fail(reason, problem, detail = '') {
        return { ok: false, reason, problem, detail };
    }
    Private.fail = fail;
    /**
     * Why a file was not read, as the kernel may say it.
     */
    const SKIPS = new Set([
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
    function size(value) {
        return typeof value === 'number' &&
            Number.isSafeInteger(value) &&
            value >= 0
            ? value
            : undefined;
    }
    /**
     * One file's entry, validated.
     */
    function toResult(value) {
        if ((0, json_1.isJSONObject)(value)) {
            const { sha256, code, error, skipped, resolved } = value;
            if ((0, manifest_1.isSha256)(sha256) && size(value.size) !== undefined) {
                return { sha256: sha256.toLowerCase(), size: value.size };
            }
            if (typeof error === 'string') {
                return {
                    code: code === 'missing' || code === 'directory' ? code : 'unreadable',
                    error: (0, text_1.cut)(error, Private.MAX_DETAIL)
                };
            }
            if (skipped && typeof code === 'string' && SKIPS.has(code)) {
                const skip = { code: code, skipped: true };
                if (typeof resolved === 'string') {
                    skip.resolved = resolved;
                }
                if (size(value.size) !== undefined) {
                    skip.size = value.size;
                }
                if (size(value.done) !== undefined) {
                    skip.done = value.done;
                }
                return skip;
            }
        }
        return {
            code: 'unreadable',
            problem: value === undefined ? 'unanswered' : 'malformed-entry'
        };
    }
    Private.toResult = toResult;
})(Private || (Private = {}));
