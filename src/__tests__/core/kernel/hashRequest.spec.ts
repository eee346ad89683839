// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { spawnSync } from 'child_process';
import { createHash, randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { hashErrorCode, hashFileStreaming } from '../../../cli/hash';
import {
  HASH_CHUNK_SIZE,
  HASH_EXPRESSION_KEY,
  hashExpression,
  hashRequest,
  IHashError,
  IHashFailure,
  IHashQuery,
  IHashSuccess,
  MAX_PATHS_PER_REQUEST,
  normalizeHashQuery,
  parseHashReply
} from '../../../core/kernel/hashRequest';
import { refuseDataPath } from '../../../core/data/paths';
import { VENV_PYTHON } from '../../../../testutils/paths';

const DIGEST_A = 'a'.repeat(64);

/**
 * An `execute_reply` whose hash expression returned `payload`, as IPython
 * sends it: the `text/plain` repr of the base64 string.
 */
function replyWith(payload: unknown): Record<string, unknown> {
  return replyWithText(
    `'${Buffer.from(JSON.stringify(payload)).toString('base64')}'`
  );
}

function replyWithText(text: unknown): Record<string, unknown> {
  return {
    status: 'ok',
    execution_count: 3,
    user_expressions: {
      [HASH_EXPRESSION_KEY]: {
        status: 'ok',
        data: { 'text/plain': text },
        metadata: {}
      }
    }
  };
}

describe('hashRequest', () => {
  it('asks silently, without history, stdin or code, through one user expression', () => {
    const query = {
      paths: ['data/a.csv'],
      root: '/home/u',
      notebook: 'project/nb.ipynb'
    };
    expect(hashRequest(query)).toEqual({
      code: '',
      silent: true,
      store_history: false,
      allow_stdin: false,
      stop_on_error: false,
      user_expressions: { [HASH_EXPRESSION_KEY]: hashExpression(query) }
    });
  });

  it('runs the hasher in a fresh dictionary, with the paths, root and bounds as literals', () => {
    const expression = hashExpression({
      paths: [
        'a.csv',
        '',
        'a.csv',
        'dir/"quoted" é.csv',
        3 as unknown as string
      ],
      root: '~/work',
      notebook: 'a/nb.ipynb'
    });
    expect(expression).toMatch(
      /^\(lambda g: exec\(".*", g\) or g\["hash_files"\]\(.*\)\)\(\{\}\)$/s
    );
    expect(
      expression.endsWith(
        'g["hash_files"](["a.csv","dir/\\"quoted\\" é.csv"], "~/work", "a/nb.ipynb", 0, 2147483648, 1, [], 0))({})'
      )
    ).toBe(true);
  });

  it(`sends at most ${MAX_PATHS_PER_REQUEST} paths, and sane bounds whatever it is given`, () => {
    const paths = Array.from({ length: 5000 }, (_, i) => `f${i}.csv`);
    const q = normalizeHashQuery({
      paths,
      root: 3 as unknown as string,
      notebook: 'nb.ipynb',
      maxSize: -1,
      budget: NaN
    });
    expect(q.paths).toHaveLength(MAX_PATHS_PER_REQUEST);
    expect(q).toMatchObject({
      root: '',
      maxSize: 2 * 1024 ** 3,
      budget: 1000,
      allowHidden: false,
      consent: [],
      resolve: false
    });
  });
});

describe('parseHashReply', () => {
  const query = { paths: ['a.csv', 'gone.csv', 'dir', 'odd'] };

  it('reads digests and per-file errors, and fills what the kernel left out', () => {
    const result = parseHashReply(
      replyWith({
        'a.csv': { sha256: DIGEST_A.toUpperCase(), size: 12 },
        'gone.csv': {
          code: 'missing',
          error: 'FileNotFoundError: [Errno 2] No such file'
        },
        dir: {
          code: 'directory',
          error: 'IsADirectoryError: [Errno 21] Is a directory'
        },
        extra: { sha256: DIGEST_A, size: 1 }
      }),
      query
    ) as IHashSuccess;
    expect(result).toEqual({
      ok: true,
      files: new Map<string, unknown>([
        ['a.csv', { sha256: DIGEST_A, size: 12 }],
        [
          'gone.csv',
          {
            code: 'missing',
            error: 'FileNotFoundError: [Errno 2] No such file'
          }
        ],
        [
          'dir',
          {
            code: 'directory',
            error: 'IsADirectoryError: [Errno 21] Is a directory'
          }
        ],
        ['odd', { code: 'unreadable', problem: 'unanswered' }]
      ])
    });
  });

  it('reads files not read by rule, and keeps only what it knows of them', () => {
    const paths = ['out', 'big', 'later', 'odd'];
    const result = parseHashReply(
      replyWith({
        out: {
          code: 'outside',
          skipped: 1,
          resolved: '/etc/passwd',
          extra: 'dropped'
        },
        big: { code: 'too-large', skipped: 1, size: 5 },
        later: { code: 'unfinished', skipped: 1, done: 3, size: 9 },
        odd: { code: 'sideways', skipped: 1 }
      }),
      { paths }
    ) as IHashSuccess;
    expect([...result.files]).toEqual([
      ['out', { code: 'outside', skipped: true, resolved: '/etc/passwd' }],
      ['big', { code: 'too-large', skipped: true, size: 5 }],
      ['later', { code: 'unfinished', skipped: true, done: 3, size: 9 }],
      ['odd', { code: 'unreadable', problem: 'malformed-entry' }]
    ]);
  });

  it('keys results by path in a Map: __proto__ and constructor are paths like any other', () => {
    const payload = JSON.parse(
      `{"__proto__": {"sha256": "${DIGEST_A}", "size": 1}}`
    );
    const result = parseHashReply(replyWith(payload), {
      paths: ['__proto__', 'constructor']
    }) as IHashSuccess;
    expect(result.files.get('__proto__')).toEqual({
      sha256: DIGEST_A,
      size: 1
    });
    expect(result.files.get('constructor')).toEqual({
      code: 'unreadable',
      problem: 'unanswered'
    });
  });

  it.each([
    [{ sha256: 'abc', size: 1 }],
    [{ sha256: DIGEST_A, size: -1 }],
    [{ sha256: DIGEST_A, size: 1.5 }],
    [{ sha256: DIGEST_A }],
    ['a string'],
    [null]
  ])(
    'turns odd entry #%# into an unreadable error with a code, not words',
    entry => {
      const result = parseHashReply(replyWith({ 'a.csv': entry }), {
        paths: ['a.csv']
      }) as IHashSuccess;
      expect(result.files.get('a.csv')).toEqual({
        code: 'unreadable',
        problem: 'malformed-entry'
      });
    }
  );

  it("keeps the kernel's own words for an unknown error code, cut", () => {
    const result = parseHashReply(
      replyWith({ 'a.csv': { code: 'weird', error: 'x'.repeat(5000) } }),
      { paths: ['a.csv'] }
    ) as IHashSuccess;
    const file = result.files.get('a.csv') as IHashError;
    expect(file.code).toBe('unreadable');
    expect(file.error!.length).toBeLessThanOrEqual(300);
    expect(file.error!.startsWith('xxx')).toBe(true);
  });

  it.each([
    ['no content', null, 'malformed', 'no-content', ''],
    ['a list', [], 'malformed', 'no-content', ''],
    ['an aborted request', { status: 'aborted' }, 'aborted', 'aborted', ''],
    [
      'a kernel error',
      { status: 'error', ename: 'KeyboardInterrupt', evalue: '' },
      'kernel-error',
      'error-reply',
      'KeyboardInterrupt'
    ],
    [
      'an unknown status',
      { status: 'maybe' },
      'malformed',
      'bad-status',
      'maybe'
    ],
    [
      'no user_expressions',
      { status: 'ok' },
      'malformed',
      'no-expressions',
      ''
    ],
    [
      'no answer to the expression',
      { status: 'ok', user_expressions: {} },
      'malformed',
      'not-evaluated',
      ''
    ],
    [
      'an error in the expression',
      {
        status: 'ok',
        user_expressions: {
          [HASH_EXPRESSION_KEY]: {
            status: 'error',
            ename: 'SyntaxError',
            evalue: 'bad'
          }
        }
      },
      'kernel-error',
      'expression-error',
      'SyntaxError: bad'
    ],
    [
      'text that is not base64',
      replyWithText("'not base64!'"),
      'malformed',
      'not-base64',
      ''
    ],
    [
      'base64 of the wrong length',
      replyWithText("'abc'"),
      'malformed',
      'not-base64',
      ''
    ],
    [
      'base64 that is not JSON',
      replyWithText(`'${Buffer.from('{nope').toString('base64')}'`),
      'malformed',
      'not-json',
      ''
    ],
    [
      'JSON that is not an object',
      replyWith([1, 2]),
      'malformed',
      'malformed-shape',
      ''
    ],
    ['no text/plain', replyWithText(undefined), 'malformed', 'not-base64', '']
  ])(
    "says what is wrong with %s, as a code and the kernel's own words only",
    (_, content, reason, problem, detail) => {
      expect(parseHashReply(content, query)).toEqual({
        ok: false,
        reason,
        problem,
        detail
      });
    }
  );

  it("cuts the kernel's own words", () => {
    const result = parseHashReply(
      { status: 'error', ename: 'OSError', evalue: 'x'.repeat(5000) },
      query
    ) as IHashFailure;
    expect(result.problem).toBe('error-reply');
    expect(result.detail.startsWith('OSError: xxx')).toBe(true);
    expect(result.detail.length).toBeLessThanOrEqual(300);
  });
});

describe('refuseDataPath: the rule the hasher applies in Python', () => {
  it.each([
    ['/home/u/work/data/a.csv', '/home/u/work', false, null],
    ['/home/u/work', '/home/u/work', false, null],
    ['/home/u/workshop/a.csv', '/home/u/work', false, 'outside-root'],
    ['/etc/passwd', '/home/u/work', false, 'outside-root'],
    ['/home/u/work/.env', '/home/u/work', false, 'hidden'],
    ['/home/u/work/.aws/credentials', '/home/u/work/', false, 'hidden'],
    ['/home/u/work/.env', '/home/u/work', true, null],
    ['/home/u/.work/a.csv', '/home/u/.work', false, null],
    ['/anything', '/', false, null],
    ['/.ssh/id_rsa', '/', false, 'hidden']
  ])(
    'judges %j under %j (hidden shown: %j)',
    (file, root, allowHidden, expected) => {
      expect(refuseDataPath(root, file, allowHidden)).toBe(expected);
    }
  );
});

/**
 * The project's Python when `make` created it, else `python3`: the hasher
 * needs the standard library only.
 */
const PYTHON = fs.existsSync(VENV_PYTHON) ? VENV_PYTHON : 'python3';
const HAS_PYTHON = spawnSync(PYTHON, ['--version']).status === 0;
const POSIX = process.platform !== 'win32';
const describePython = HAS_PYTHON && POSIX ? describe : describe.skip;
const SKIPPED = HAS_PYTHON ? '' : ` (skipped: no ${PYTHON})`;
if (!HAS_PYTHON) {
  console.warn(`Skipping the hasher's Python tests: ${PYTHON} does not run.`);
}

/**
 * What one evaluated expression gave.
 */
interface IEvaluated {
  text: string;
  maxRss: number;
  changed: string[];
  seconds: number;
}

/**
 * Evaluate expressions one after the other in `__main__`'s namespace of
 * one Python process, as IPython's user_expressions do in a kernel; for
 * each, report the repr of what it returned, the process's peak memory in
 * bytes, the user names it changed and how long it took.
 */
function runInPython(
  expressions: string[],
  options: { cwd?: string; home?: string } = {}
): IEvaluated[] {
  const script = `
import json, resource, sys, time
import __main__


def run(expressions):
    ns = vars(__main__)
    results = []
    for expression in expressions:
        before = dict(ns)
        start = time.monotonic()
        out = eval(expression, ns)
        seconds = time.monotonic() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        peak = peak if sys.platform == "darwin" else peak * 1024
        changed = sorted(k for k in set(ns) | set(before) if ns.get(k, ns) is not before.get(k, before))
        results.append({"text": repr(out), "maxRss": peak, "changed": changed, "seconds": seconds})
    return results


print(json.dumps(run(json.load(sys.stdin))))
`;
  const run = spawnSync(PYTHON, ['-c', script], {
    cwd: options.cwd,
    env: { ...process.env, ...(options.home ? { HOME: options.home } : {}) },
    input: JSON.stringify(expressions),
    encoding: 'utf-8',
    timeout: 60000
  });
  if (run.status !== 0) {
    throw new Error(
      `python failed (${run.status} ${run.signal}): ${run.stderr}`
    );
  }
  return JSON.parse(run.stdout);
}

/**
 * Send one query as the extension does and read the reply.
 */
function hashInPython(
  query: IHashQuery,
  options: { home?: string } = {}
): Map<string, unknown> {
  const [evaluated] = runInPython([hashExpression(query)], options);
  return (parseHashReply(replyWithText(evaluated.text), query) as IHashSuccess)
    .files;
}

const sha256 = (data: string | Buffer) =>
  createHash('sha256').update(data).digest('hex');

describePython(`the hasher in Python${SKIPPED}`, () => {
  const SIZE = 50 * 1024 * 1024;
  let tmp: string;
  let root: string;
  let project: string;
  let outside: string;
  let canary: string;
  let big: string;
  const base = () => ({ root, notebook: 'project/nb.ipynb', budget: 60000 });

  beforeAll(() => {
    tmp = fs.realpathSync(
      fs.mkdtempSync(path.join(os.tmpdir(), 'nbproject-hash-'))
    );
    root = path.join(tmp, 'root');
    project = path.join(root, 'project');
    outside = path.join(tmp, 'outside');
    fs.mkdirSync(path.join(project, 'data é'), { recursive: true });
    fs.mkdirSync(path.join(project, '.aws'));
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(project, 'nb.ipynb'), '{}');
    // 50 MiB of random bytes, written a mebibyte at a time.
    big = path.join(project, 'big.bin');
    const chunk = randomBytes(1024 * 1024);
    const fd = fs.openSync(big, 'w');
    for (let i = 0; i < SIZE / chunk.length; i++) {
      chunk.writeUInt32LE(i, 0);
      fs.writeSync(fd, chunk);
    }
    fs.closeSync(fd);
    fs.writeFileSync(path.join(project, 'tiny.txt'), 'tiny\n');
    fs.writeFileSync(path.join(project, 'data é', 'données.csv'), 'a,b\n1,2\n');
    fs.writeFileSync(path.join(project, '.env'), 'TOKEN=x\n');
    fs.writeFileSync(path.join(project, '.aws', 'credentials'), '[default]\n');
    canary = path.join(outside, 'secret.txt');
    fs.writeFileSync(canary, 'private\n');
    fs.symlinkSync(canary, path.join(project, 'link-out'));
    fs.symlinkSync('/dev/zero', path.join(project, 'zero'));
    fs.symlinkSync('tiny.txt', path.join(project, 'link-in'));
    spawnSync('mkfifo', [path.join(project, 'fifo')]);
  });

  afterAll(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('hashes a 50 MiB file as Node does, with flat memory, leaving the user namespace alone', async () => {
    const [baseline, large] = runInPython([
      hashExpression({ ...base(), paths: ['tiny.txt'] }),
      hashExpression({ ...base(), paths: ['big.bin'] })
    ]);
    const parsed = parseHashReply(replyWithText(large.text), {
      paths: ['big.bin']
    }) as IHashSuccess;

    const node = await hashFileStreaming(big);
    expect(node.size).toBe(SIZE);
    expect(node.sha256).toBe(sha256(fs.readFileSync(big)));
    expect(parsed.files.get('big.bin')).toEqual(node);

    expect(large.maxRss - baseline.maxRss).toBeLessThan(20 * 1024 * 1024);
    expect(baseline.changed).toEqual([]);
    expect(large.changed).toEqual([]);
  }, 60000);

  it('reads regular files inside the project only; says why it read nothing else', () => {
    const paths = [
      'tiny.txt',
      'data é/données.csv',
      'link-in',
      path.join(project, 'tiny.txt'),
      '../../outside/secret.txt',
      '../../../../../../../../etc/passwd',
      canary,
      '~/secret.txt',
      'link-out',
      '/proc/self/environ',
      '/dev/zero',
      'zero',
      'fifo',
      '.env',
      '.aws/credentials',
      'nope.csv',
      'data é',
      'tiny.txt/x'
    ];
    const started = Date.now();
    const files = hashInPython({ ...base(), paths }, { home: outside });
    expect(Date.now() - started).toBeLessThan(20000);
    const tiny = { sha256: sha256('tiny\n'), size: 5 };
    expect(files.get('tiny.txt')).toEqual(tiny);
    expect(files.get('link-in')).toEqual(tiny);
    expect(files.get(path.join(project, 'tiny.txt'))).toEqual(tiny);
    expect(files.get('data é/données.csv')).toEqual({
      sha256: sha256('a,b\n1,2\n'),
      size: 8
    });
    for (const escape of [
      '../../outside/secret.txt',
      '../../../../../../../../etc/passwd',
      canary,
      '~/secret.txt',
      '/proc/self/environ',
      '/dev/zero'
    ]) {
      expect([escape, files.get(escape)]).toEqual([
        escape,
        expect.objectContaining({ code: 'outside', skipped: true })
      ]);
    }
    // A symlink in the project that points outside is judged where it leads.
    expect(files.get('link-out')).toEqual({
      code: 'outside',
      skipped: true,
      resolved: canary
    });
    expect(files.get('zero')).toEqual({
      code: 'outside',
      skipped: true,
      resolved: '/dev/zero'
    });
    expect(files.get('fifo')).toEqual({
      code: 'special',
      skipped: true,
      resolved: path.join(project, 'fifo')
    });
    expect(files.get('.env')).toMatchObject({ code: 'hidden', skipped: true });
    expect(files.get('.aws/credentials')).toMatchObject({
      code: 'hidden',
      skipped: true
    });
    expect(files.get('nope.csv')).toMatchObject({
      code: 'missing',
      error: expect.stringMatching(/^FileNotFoundError/)
    });
    expect(files.get('data é')).toMatchObject({
      code: 'directory',
      error: expect.stringMatching(/^IsADirectoryError/)
    });
    expect(files.get('tiny.txt/x')).toMatchObject({ code: 'missing' });
  }, 30000);

  it('never opens a file outside the project: its access time stays where it was', () => {
    const control = path.join(project, 'control.txt');
    fs.writeFileSync(control, 'control\n');
    const past = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    for (const file of [canary, control]) {
      fs.utimesSync(file, past, fs.statSync(file).mtime);
    }
    hashInPython(
      {
        ...base(),
        paths: [
          'control.txt',
          '../../outside/secret.txt',
          canary,
          'link-out',
          '~/secret.txt'
        ]
      },
      { home: outside }
    );
    // Reading does move the access time here (relatime, atime older than a day)...
    expect(fs.statSync(control).atimeMs).toBeGreaterThan(past.getTime() + 1000);
    // ...and the canary was not read.
    expect(fs.statSync(canary).atimeMs).toBeLessThan(past.getTime() + 1000);
  }, 30000);

  it("reads ~ as the home directory of the kernel's user, inside the project if it is there", () => {
    const files = hashInPython(
      { ...base(), paths: ['~/tiny.txt', '~/../../outside/secret.txt'] },
      { home: project }
    );
    expect(files.get('~/tiny.txt')).toEqual({
      sha256: sha256('tiny\n'),
      size: 5
    });
    expect(files.get('~/../../outside/secret.txt')).toMatchObject({
      code: 'outside'
    });
  }, 30000);

  it('reads hidden files when the server shows them, never outside ones', () => {
    const files = hashInPython({
      ...base(),
      paths: ['.env', 'link-out'],
      allowHidden: true
    });
    expect(files.get('.env')).toEqual({ sha256: sha256('TOKEN=x\n'), size: 8 });
    expect(files.get('link-out')).toMatchObject({ code: 'outside' });
  }, 30000);

  it('lists a file over the size limit as too large, without reading it', () => {
    const files = hashInPython({
      ...base(),
      paths: ['big.bin', 'tiny.txt'],
      maxSize: 1000
    });
    expect(files.get('big.bin')).toEqual({
      code: 'too-large',
      skipped: true,
      size: SIZE
    });
    expect(files.get('tiny.txt')).toMatchObject({ size: 5 });
  }, 30000);

  it('reads what the user agreed to, and names where a path outside leads only when asked', () => {
    const plain = hashInPython({
      ...base(),
      paths: ['../../outside/secret.txt']
    });
    expect(plain.get('../../outside/secret.txt')).toEqual({
      code: 'outside',
      skipped: true,
      resolved: path.join(project, '../../outside/secret.txt').normalize()
    });
    const resolved = hashInPython({
      ...base(),
      paths: ['link-out', '.env'],
      resolve: true
    });
    expect(resolved.get('link-out')).toMatchObject({
      code: 'outside',
      resolved: canary
    });
    const agreed = hashInPython({
      ...base(),
      paths: ['link-out', '.env', '/dev/zero'],
      consent: [canary, path.join(project, '.env'), '/dev/zero']
    });
    expect(agreed.get('link-out')).toEqual({
      sha256: sha256('private\n'),
      size: 8
    });
    expect(agreed.get('.env')).toEqual({
      sha256: sha256('TOKEN=x\n'),
      size: 8
    });
    // Consent never makes a device readable.
    expect(agreed.get('/dev/zero')).toMatchObject({ code: 'special' });
  }, 30000);

  it('reads nothing when the kernel cannot see the project root or the notebook in it', () => {
    for (const scope of [
      { root: path.join(tmp, 'no-such-root'), notebook: 'project/nb.ipynb' },
      { root, notebook: 'elsewhere/nb.ipynb' },
      { root, notebook: '../root/project/nb.ipynb' },
      { root: '', notebook: 'project/nb.ipynb' }
    ]) {
      const files = hashInPython({ paths: ['tiny.txt'], ...scope });
      expect(files.get('tiny.txt')).toEqual({ code: 'unseen', skipped: true });
    }
  }, 30000);

  it('stops at its deadline mid-file and resumes to the right digest, state kept off the user namespace', () => {
    const file = path.join(project, 'slices.bin');
    const content = randomBytes(3 * HASH_CHUNK_SIZE + 12345);
    fs.writeFileSync(file, content);
    // Budget 0: each request reads one chunk of its first file.
    const query = { ...base(), paths: ['slices.bin', 'tiny.txt'], budget: 0 };
    const runs = runInPython([
      hashExpression(query),
      hashExpression(query),
      hashExpression(query),
      hashExpression(query),
      '__import__("hashlib")._jupyterlab_nbproject_hash_state'
    ]);
    const results = runs
      .slice(0, 4)
      .map(
        run => parseHashReply(replyWithText(run.text), query) as IHashSuccess
      );
    expect(results.map(result => result.files.get('slices.bin'))).toEqual([
      {
        code: 'unfinished',
        skipped: true,
        done: HASH_CHUNK_SIZE,
        size: content.length
      },
      {
        code: 'unfinished',
        skipped: true,
        done: 2 * HASH_CHUNK_SIZE,
        size: content.length
      },
      {
        code: 'unfinished',
        skipped: true,
        done: 3 * HASH_CHUNK_SIZE,
        size: content.length
      },
      { sha256: sha256(content), size: content.length }
    ]);
    // The second file waited for the next request.
    expect(results[0].files.get('tiny.txt')).toEqual({
      code: 'unfinished',
      skipped: true,
      done: 0
    });
    expect(runs.every(run => run.changed.length === 0)).toBe(true);
    expect(runs[4].text).toBe('{}');
  }, 30000);

  it('starts over when the file changed between requests, and keeps at most 16 states', () => {
    const file = path.join(project, 'changing.bin');
    fs.writeFileSync(file, randomBytes(2 * HASH_CHUNK_SIZE + 1));
    const names = Array.from({ length: 20 }, (_, i) => `many-${i}.bin`);
    for (const name of names) {
      fs.writeFileSync(
        path.join(project, name),
        randomBytes(HASH_CHUNK_SIZE + 1)
      );
    }
    const query = { ...base(), paths: ['changing.bin'], budget: 0 };
    const first = runInPython([
      hashExpression(query),
      // The file changes between two requests (size and mtime).
      `open(${JSON.stringify(file)}, "ab").write(b"more") and None`,
      hashExpression(query),
      hashExpression(query),
      hashExpression(query),
      ...names.map(name => hashExpression({ ...query, paths: [name] })),
      'len(__import__("hashlib")._jupyterlab_nbproject_hash_state)'
    ]);
    const last = parseHashReply(
      replyWithText(first[4].text),
      query
    ) as IHashSuccess;
    expect(last.files.get('changing.bin')).toEqual({
      sha256: sha256(fs.readFileSync(file)),
      size: 2 * HASH_CHUNK_SIZE + 5
    });
    expect(first[first.length - 1].text).toBe('16');
  }, 30000);

  it('keeps a request within its budget, whatever the notebook lists', () => {
    const many = Array.from({ length: 999 }, (_, i) =>
      i % 2 ? `../../outside/x${i}` : `missing-${i}.csv`
    );
    const paths = ['big.bin', ...many];
    // Budget 0: one chunk of the first file, then nothing more is looked at.
    const [run] = runInPython([
      hashExpression({ ...base(), paths, budget: 0 })
    ]);
    const files = (
      parseHashReply(replyWithText(run.text), { paths }) as IHashSuccess
    ).files;
    expect(files.get('big.bin')).toEqual({
      code: 'unfinished',
      skipped: true,
      done: HASH_CHUNK_SIZE,
      size: SIZE
    });
    expect(
      many.every(
        file => (files.get(file) as { code?: string }).code === 'unfinished'
      )
    ).toBe(true);
    expect(run.seconds).toBeLessThan(1);
  }, 30000);
});

describe('hashFileStreaming', () => {
  it('rejects with the error a caller can classify', async () => {
    const missing = path.join(os.tmpdir(), 'nbproject-surely-missing', 'x.csv');
    const error = await hashFileStreaming(missing).catch(e => e);
    expect(hashErrorCode(error)).toBe('missing');
    expect(
      hashErrorCode(await hashFileStreaming(os.tmpdir()).catch(e => e))
    ).toBe('directory');
    expect(hashErrorCode({ code: 'EACCES' })).toBe('unreadable');
    expect(hashErrorCode(null)).toBe('unreadable');
  });

  it('hashes an empty file', async () => {
    const file = path.join(
      fs.mkdtempSync(path.join(os.tmpdir(), 'nbproject-empty-')),
      'empty'
    );
    fs.writeFileSync(file, '');
    expect(await hashFileStreaming(file)).toEqual({
      sha256:
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      size: 0
    });
    fs.rmSync(path.dirname(file), { recursive: true });
  });
});
