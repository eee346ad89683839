// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { spawnSync } from 'child_process';
import { createHash, randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { hashErrorCode, hashFileStreaming } from '../cli/hash';
import {
  HASH_EXPRESSION_KEY,
  hashExpression,
  hashRequest,
  IHashFailure,
  IHashSuccess,
  kernelNotebookDirectory,
  parseHashReply
} from '../core/hashRequest';

const DIGEST_A = 'a'.repeat(64);

/**
 * An `execute_reply` whose hash expression returned `payload`, as IPython
 * sends it: the `text/plain` repr of the base64 string.
 */
function replyWith(payload: unknown): Record<string, unknown> {
  return replyWithText(`'${Buffer.from(JSON.stringify(payload)).toString('base64')}'`);
}

function replyWithText(text: unknown): Record<string, unknown> {
  return {
    status: 'ok',
    execution_count: 3,
    user_expressions: {
      [HASH_EXPRESSION_KEY]: { status: 'ok', data: { 'text/plain': text }, metadata: {} }
    }
  };
}

describe('hashRequest', () => {
  it('asks silently, without history, stdin or code, through one user expression', () => {
    const query = { paths: ['data/a.csv'], directory: '/home/u/project' };
    expect(hashRequest(query)).toEqual({
      code: '',
      silent: true,
      store_history: false,
      allow_stdin: false,
      stop_on_error: false,
      user_expressions: { [HASH_EXPRESSION_KEY]: hashExpression(query) }
    });
  });

  it('runs the hasher in a fresh dictionary, with the paths and directory as literals', () => {
    const expression = hashExpression({
      paths: ['a.csv', '', 'a.csv', 'dir/"quoted" é.csv', 3 as unknown as string]
    });
    expect(expression).toMatch(/^\(lambda g: exec\(".*", g\) or g\["hash_files"\]\(.*\)\)\(\{\}\)$/s);
    expect(expression.endsWith('g["hash_files"](["a.csv","dir/\\"quoted\\" é.csv"], ""))({})')).toBe(true);
  });
});

describe('parseHashReply', () => {
  const query = { paths: ['a.csv', 'gone.csv', 'dir', 'odd'] };

  it('reads digests and per-file errors, and fills what the kernel left out', () => {
    const result = parseHashReply(
      replyWith({
        'a.csv': { sha256: DIGEST_A.toUpperCase(), size: 12 },
        'gone.csv': { code: 'missing', error: 'FileNotFoundError: [Errno 2] No such file' },
        dir: { code: 'directory', error: 'IsADirectoryError: [Errno 21] Is a directory' },
        extra: { sha256: DIGEST_A, size: 1 }
      }),
      query
    ) as IHashSuccess;
    expect(result).toEqual({
      ok: true,
      files: {
        'a.csv': { sha256: DIGEST_A, size: 12 },
        'gone.csv': { code: 'missing', error: 'FileNotFoundError: [Errno 2] No such file' },
        dir: { code: 'directory', error: 'IsADirectoryError: [Errno 21] Is a directory' },
        odd: { code: 'unreadable', error: 'The kernel did not answer for this file.' }
      }
    });
  });

  it.each([
    [{ sha256: 'abc', size: 1 }],
    [{ sha256: DIGEST_A, size: -1 }],
    [{ sha256: DIGEST_A, size: 1.5 }],
    [{ sha256: DIGEST_A }],
    [{ code: 'weird', error: 'x'.repeat(5000) }],
    ['a string'],
    [null]
  ])('turns odd entry #%# into an unreadable error', entry => {
    const result = parseHashReply(replyWith({ 'a.csv': entry }), { paths: ['a.csv'] }) as IHashSuccess;
    const file = result.files['a.csv'] as { code: string; error: string };
    expect(file.code).toBe('unreadable');
    expect(file.error.length).toBeLessThanOrEqual(300);
  });

  it.each([
    ['no content', null, 'malformed'],
    ['a list', [], 'malformed'],
    ['an aborted request', { status: 'aborted' }, 'aborted'],
    ['a kernel error', { status: 'error', ename: 'KeyboardInterrupt', evalue: '' }, 'kernel-error'],
    ['an unknown status', { status: 'maybe' }, 'malformed'],
    ['no user_expressions', { status: 'ok' }, 'malformed'],
    ['no answer to the expression', { status: 'ok', user_expressions: {} }, 'malformed'],
    [
      'an error in the expression',
      { status: 'ok', user_expressions: { [HASH_EXPRESSION_KEY]: { status: 'error', ename: 'SyntaxError', evalue: 'bad' } } },
      'kernel-error'
    ],
    ['text that is not base64', replyWithText("'not base64!'"), 'malformed'],
    ['base64 of the wrong length', replyWithText("'abc'"), 'malformed'],
    ['base64 that is not JSON', replyWithText(`'${Buffer.from('{nope').toString('base64')}'`), 'malformed'],
    ['JSON that is not an object', replyWith([1, 2]), 'malformed'],
    ['no text/plain', replyWithText(undefined), 'malformed']
  ])('says what is wrong with %s', (_, content, reason) => {
    const result = parseHashReply(content, query) as IHashFailure;
    expect(result.ok).toBe(false);
    expect(result.reason).toBe(reason);
    expect(result.detail).toMatch(/^[A-Z]/);
  });
});

describe('kernelNotebookDirectory', () => {
  it.each([
    ['/home/u/work', 'analysis/nb.ipynb', '/home/u/work/analysis'],
    ['/home/u/work/', 'nb.ipynb', '/home/u/work'],
    ['~/work', 'a/b/nb.ipynb', '~/work/a/b'],
    ['C:\\Users\\u\\work', 'a/nb.ipynb', 'C:\\Users\\u\\work\\a'],
    ['/', 'nb.ipynb', '/'],
    ['', 'a/nb.ipynb', undefined],
    [null, 'a/nb.ipynb', undefined]
  ])('joins %j and %j', (root, notebook, expected) => {
    expect(kernelNotebookDirectory(root, notebook)).toBe(expected);
  });
});

/**
 * The project's Python (`make` creates it); the tests below need it.
 */
const PYTHON = path.resolve(__dirname, '..', '..', '.venv', 'bin', 'python');
const HAS_PYTHON = fs.existsSync(PYTHON);
const describePython = HAS_PYTHON ? describe : describe.skip;
const SKIPPED = HAS_PYTHON ? '' : ` (skipped: no ${PYTHON}, run make)`;
if (!HAS_PYTHON) {
  console.warn(`Skipping the hasher's Python tests: ${PYTHON} does not exist (run make).`);
}

/**
 * Evaluate a hash expression in `__main__`'s namespace, as IPython's
 * user_expressions do, in a process of its own; report the repr of what it
 * returned, the process's peak memory in bytes and the user names it
 * changed.
 */
function runInPython(
  expression: string,
  cwd?: string
): { text: string; maxRss: number; changed: string[] } {
  const script = `
import json, resource, sys
import __main__

ns = vars(__main__)
mine = {"mine", "before", "out", "peak", "changed"}
before = out = peak = changed = None
before = dict(ns)
out = eval(sys.argv[1], ns)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
peak = peak if sys.platform == "darwin" else peak * 1024
changed = sorted(k for k in set(ns) | set(before) if k not in mine and ns.get(k, ns) is not before.get(k, before))
print(json.dumps({"text": repr(out), "maxRss": peak, "changed": changed}))
`;
  const run = spawnSync(PYTHON, ['-c', script, expression], { cwd, encoding: 'utf-8', timeout: 60000 });
  if (run.status !== 0) {
    throw new Error(`python failed (${run.status}): ${run.stderr}`);
  }
  return JSON.parse(run.stdout);
}

describePython(`the hasher in the project Python${SKIPPED}`, () => {
  const SIZE = 50 * 1024 * 1024;
  let directory: string;
  let big: string;

  beforeAll(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'nbproject-hash-'));
    big = path.join(directory, 'big.bin');
    // 50 MiB of random bytes, written a mebibyte at a time.
    const chunk = randomBytes(1024 * 1024);
    const fd = fs.openSync(big, 'w');
    for (let i = 0; i < SIZE / chunk.length; i++) {
      chunk.writeUInt32LE(i, 0);
      fs.writeSync(fd, chunk);
    }
    fs.closeSync(fd);
    fs.writeFileSync(path.join(directory, 'tiny.txt'), 'tiny\n');
    fs.mkdirSync(path.join(directory, 'data é'));
    fs.writeFileSync(path.join(directory, 'data é', 'données.csv'), 'a,b\n1,2\n');
  });

  afterAll(() => {
    fs.rmSync(directory, { recursive: true, force: true });
  });

  it('hashes a 50 MiB file as Node does, with flat memory, leaving the user namespace alone', async () => {
    const baseline = runInPython(hashExpression({ paths: ['tiny.txt'], directory }));
    const large = runInPython(hashExpression({ paths: ['big.bin'], directory }));
    const parsed = parseHashReply(replyWithText(large.text), { paths: ['big.bin'] }) as IHashSuccess;

    const node = await hashFileStreaming(big);
    expect(node.size).toBe(SIZE);
    expect(node.sha256).toBe(createHash('sha256').update(fs.readFileSync(big)).digest('hex'));
    expect(parsed).toEqual({ ok: true, files: { 'big.bin': node } });

    const growth = large.maxRss - baseline.maxRss;
    expect(growth).toBeLessThan(20 * 1024 * 1024);
    expect(baseline.changed).toEqual([]);
    expect(large.changed).toEqual([]);
  }, 60000);

  it('resolves relative paths against the directory, and reports missing files and directories', () => {
    const query = {
      paths: ['tiny.txt', 'data é/données.csv', path.join(directory, 'tiny.txt'), 'nope.csv', 'data é', 'tiny.txt/x'],
      directory
    };
    const result = parseHashReply(replyWithText(runInPython(hashExpression(query)).text), query) as IHashSuccess;
    const tiny = { sha256: createHash('sha256').update('tiny\n').digest('hex'), size: 5 };
    expect(result.ok).toBe(true);
    expect(result.files['tiny.txt']).toEqual(tiny);
    expect(result.files[path.join(directory, 'tiny.txt')]).toEqual(tiny);
    expect(result.files['data é/données.csv']).toEqual({
      sha256: createHash('sha256').update('a,b\n1,2\n').digest('hex'),
      size: 8
    });
    expect(result.files['nope.csv']).toMatchObject({ code: 'missing', error: expect.stringMatching(/^FileNotFoundError/) });
    expect(result.files['data é']).toMatchObject({ code: 'directory', error: expect.stringMatching(/^IsADirectoryError/) });
    expect(result.files['tiny.txt/x']).toMatchObject({ code: 'missing' });
  }, 30000);

  it('uses the kernel\'s current directory when no directory is given', () => {
    const query = { paths: ['tiny.txt'] };
    const { text } = runInPython(hashExpression(query), directory);
    const result = parseHashReply(replyWithText(text), query) as IHashSuccess;
    expect(result.files['tiny.txt']).toMatchObject({ size: 5 });
  }, 30000);
});

describe('hashFileStreaming', () => {
  it('rejects with the error a caller can classify', async () => {
    const missing = path.join(os.tmpdir(), 'nbproject-surely-missing', 'x.csv');
    const error = await hashFileStreaming(missing).catch(e => e);
    expect(hashErrorCode(error)).toBe('missing');
    expect(hashErrorCode(await hashFileStreaming(os.tmpdir()).catch(e => e))).toBe('directory');
    expect(hashErrorCode({ code: 'EACCES' })).toBe('unreadable');
    expect(hashErrorCode(null)).toBe('unreadable');
  });

  it('hashes an empty file', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'nbproject-empty-')), 'empty');
    fs.writeFileSync(file, '');
    expect(await hashFileStreaming(file)).toEqual({
      sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      size: 0
    });
    fs.rmSync(path.dirname(file), { recursive: true });
  });
});
