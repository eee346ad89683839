// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import {
  hashExpression,
  hashRequest,
  parseHashReply
} from '../../../core/kernel/hashRequest';
import {
  readSilentReply,
  silentExpression,
  silentRequest
} from '../../../core/kernel/silentRequest';
import {
  parseProbeReply,
  probeExpression,
  probeRequest
} from '../../../core/kernel/probeRequest';

const KEY = 'jupyterlab_nbproject_test';

function replyWithText(text: unknown, key = KEY): Record<string, unknown> {
  return {
    status: 'ok',
    user_expressions: {
      [key]: { status: 'ok', data: { 'text/plain': text }, metadata: {} }
    }
  };
}

const encoded = (value: unknown) =>
  `'${Buffer.from(JSON.stringify(value)).toString('base64')}'`;

describe('silentExpression and silentRequest', () => {
  it('call a function of a source run in a fresh dictionary, with JSON literals', () => {
    expect(
      silentExpression('def f(a, b):\n    return a', 'f', [['x', 'y"'], ''])
    ).toBe(
      '(lambda g: exec("def f(a, b):\\n    return a", g) or g["f"](["x","y\\""], ""))({})'
    );
  });

  it('send no code, silently, without history, stdin or stopping the queue', () => {
    expect(silentRequest(KEY, '1')).toEqual({
      code: '',
      silent: true,
      store_history: false,
      allow_stdin: false,
      stop_on_error: false,
      user_expressions: { [KEY]: '1' }
    });
  });

  it('are what both the probe and the hasher send', () => {
    const probe = { modules: ['yaml'], distributions: ['PyYAML'] };
    expect(probeRequest(probe).user_expressions).toEqual({
      jupyterlab_nbproject_probe: probeExpression(probe)
    });
    expect(probeExpression(probe)).toMatch(
      / or g\["probe"\]\(\["yaml"\], \["PyYAML"\], 2\)\)\(\{\}\)$/
    );
    const hash = { paths: ['a.csv'], root: '/d', notebook: 'nb.ipynb' };
    expect(hashRequest(hash)).toEqual(
      silentRequest('jupyterlab_nbproject_hash', hashExpression(hash))
    );
  });
});

describe('readSilentReply', () => {
  it('decodes the base64 JSON the expression returned, in either quote', () => {
    // Python's json.dumps escapes non-ASCII characters, as the sources ask.
    const ascii = `'${Buffer.from('{"a": [1, "\\u00e9"]}').toString('base64')}'`;
    expect(readSilentReply(replyWithText(ascii), KEY)).toEqual({
      ok: true,
      payload: { a: [1, 'é'] }
    });
    expect(
      readSilentReply(replyWithText(encoded([1]).replace(/'/g, '"')), KEY)
    ).toEqual({ ok: true, payload: [1] });
  });

  it.each([
    ['no-content', null, 'malformed', ''],
    ['aborted', { status: 'aborted' }, 'aborted', ''],
    [
      'error-reply',
      { status: 'error', ename: 'KeyboardInterrupt', evalue: '' },
      'kernel-error',
      'KeyboardInterrupt'
    ],
    ['bad-status', { status: 'maybe' }, 'malformed', 'maybe'],
    ['no-expressions', { status: 'ok' }, 'malformed', ''],
    ['not-evaluated', replyWithText(encoded(1), 'other'), 'malformed', ''],
    [
      'expression-error',
      {
        status: 'ok',
        user_expressions: {
          [KEY]: { status: 'error', ename: 'NameError', evalue: "name 'x'" }
        }
      },
      'kernel-error',
      "NameError: name 'x'"
    ],
    ['not-base64', replyWithText('eyJhIjogMX0='), 'malformed', ''],
    [
      'not-json',
      replyWithText(`'${Buffer.from('{oops').toString('base64')}'`),
      'malformed',
      ''
    ]
  ])('names the problem %s', (problem, content, reason, detail) => {
    expect(readSilentReply(content, KEY)).toEqual({
      ok: false,
      reason,
      problem,
      detail
    });
  });

  it('lets each caller pass the same problem on as a code, to word its own way', () => {
    const content = { status: 'ok', user_expressions: {} };
    const failure = {
      ok: false,
      reason: 'malformed',
      problem: 'not-evaluated',
      detail: ''
    };
    expect(
      parseProbeReply(content, { modules: [], distributions: [] })
    ).toEqual(failure);
    expect(parseHashReply(content, { paths: ['a'] })).toEqual(failure);
  });
});
