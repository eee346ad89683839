// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { isJSONObject } from '../common/json';

/**
 * The content of a silent `execute_request` that asks the kernel one
 * question: the same fields as `KernelMessage.IExecuteRequestMsg['content']`
 * (core does not depend on `@jupyterlab/services`).
 */
export interface ISilentRequestContent {
  /**
   * No code: nothing runs in the user's namespace.
   */
  code: string;
  /**
   * No execution count, no `execute_input` broadcast, no `_`.
   */
  silent: boolean;
  /**
   * Not in the history.
   */
  store_history: boolean;
  /**
   * No input prompts.
   */
  allow_stdin: boolean;
  /**
   * Do not abort the queue when it fails.
   */
  stop_on_error: boolean;
  /**
   * The one expression, under its key.
   */
  user_expressions: Record<string, string>;
}

/**
 * What went wrong with a silent request's reply, for the caller to word.
 *
 * - `no-content`: the reply has no content object;
 * - `aborted`: the kernel skipped the request (worth retrying);
 * - `error-reply`: the whole request failed (`status: "error"`);
 * - `bad-status`: a status other than ok, error or aborted;
 * - `no-expressions`: the reply has no `user_expressions`;
 * - `not-evaluated`: they do not hold the expression's result;
 * - `expression-error`: the expression raised;
 * - `not-base64`: its `text/plain` is not a quoted base64 string;
 * - `not-json`: the decoded text is not JSON.
 */
export type SilentReplyProblem =
  | 'no-content'
  | 'aborted'
  | 'error-reply'
  | 'bad-status'
  | 'no-expressions'
  | 'not-evaluated'
  | 'expression-error'
  | 'not-base64'
  | 'not-json';

/**
 * What went wrong with a kernel's answer, for the caller to word: a
 * {@link SilentReplyProblem}, or `malformed-shape` when the decoded JSON
 * is not what was asked for.
 */
export type KernelReplyProblem = SilentReplyProblem | 'malformed-shape';

/**
 * A reply that carried the expression's JSON value.
 */
export interface ISilentReplySuccess {
  /**
   * Discriminant.
   */
  ok: true;
  /**
   * The decoded JSON value, not validated.
   */
  payload: unknown;
}

/**
 * A reply that did not.
 */
export interface ISilentReplyFailure {
  /**
   * Discriminant.
   */
  ok: false;
  /**
   * `aborted` (worth retrying), `kernel-error` (the kernel raised) or
   * `malformed` (not what was asked for).
   */
  reason: 'aborted' | 'kernel-error' | 'malformed';
  /**
   * What exactly.
   */
  problem: SilentReplyProblem;
  /**
   * For a kernel error, `ename: evalue` as far as the kernel said them
   * (`""` when it said neither); for a bad status, the status; else `""`.
   * Untrusted, uncut.
   */
  detail: string;
}

/**
 * What a silent request's reply says.
 */
export type SilentReply = ISilentReplySuccess | ISilentReplyFailure;

/**
 * The Python expression that runs `source` in a fresh dictionary and
 * calls the function it defines with JSON arguments. `user_expressions`
 * are `eval`'d in the user's namespace, so the expression is one call of
 * a lambda on `{}`: nothing is read from or written to the user's names
 * (beyond the builtins `exec` resolves through them).
 *
 * @param source - Python source defining `name`, which returns its
 *   answer as base64-encoded JSON (ASCII, so the `text/plain` repr the
 *   kernel sends back needs no unescaping).
 * @param name - the function to call.
 * @param args - its arguments: strings, numbers, lists of them (JSON
 *   literals of these are valid Python literals).
 */
export function silentExpression(
  source: string,
  name: string,
  args: readonly unknown[]
): string {
  return (
    `(lambda g: exec(${JSON.stringify(source)}, g) or ` +
    `g[${JSON.stringify(name)}](${args.map(arg => JSON.stringify(arg)).join(', ')}))({})`
  );
}

/**
 * The content of a silent `execute_request` evaluating one expression: no
 * code, silent, no history, no stdin, not stopping the queue on error.
 *
 * @param key - the `user_expressions` key.
 * @param expression - the expression (see {@link silentExpression}).
 */
export function silentRequest(
  key: string,
  expression: string
): ISilentRequestContent {
  return {
    code: '',
    silent: true,
    store_history: false,
    allow_stdin: false,
    stop_on_error: false,
    user_expressions: { [key]: expression }
  };
}

/**
 * Read the reply to a silent request: the JSON value the expression
 * returned as a base64 string. Never throws.
 *
 * @param content - the `content` of the `execute_reply`, as received.
 * @param key - the `user_expressions` key the expression was sent under.
 */
export function readSilentReply(content: unknown, key: string): SilentReply {
  if (!isJSONObject(content)) {
    return Private.fail('malformed', 'no-content');
  }
  const status = content['status'];
  if (status === 'aborted' || status === 'abort') {
    return Private.fail('aborted', 'aborted');
  }
  if (status === 'error') {
    return Private.fail(
      'kernel-error',
      'error-reply',
      Private.errorText(content)
    );
  }
  if (status !== 'ok') {
    return Private.fail('malformed', 'bad-status', String(status));
  }
  const expressions = content['user_expressions'];
  if (!isJSONObject(expressions)) {
    return Private.fail('malformed', 'no-expressions');
  }
  const result = expressions[key];
  if (!isJSONObject(result)) {
    return Private.fail('malformed', 'not-evaluated');
  }
  if (result['status'] === 'error') {
    return Private.fail(
      'kernel-error',
      'expression-error',
      Private.errorText(result)
    );
  }
  const data = result['data'];
  const text = isJSONObject(data) ? data['text/plain'] : undefined;
  const encoded =
    typeof text === 'string'
      ? /^(['"])([A-Za-z0-9+/]*={0,2})\1$/.exec(text)
      : null;
  if (!encoded || encoded[2].length % 4 !== 0) {
    return Private.fail('malformed', 'not-base64');
  }
  try {
    return { ok: true, payload: JSON.parse(atob(encoded[2])) };
  } catch {
    return Private.fail('malformed', 'not-json');
  }
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * A failure result.
   */
  export function fail(
    reason: ISilentReplyFailure['reason'],
    problem: SilentReplyProblem,
    detail = ''
  ): ISilentReplyFailure {
    return { ok: false, reason, problem, detail };
  }

  /**
   * `ename: evalue` of an error, as far as there is one.
   */
  export function errorText(content: Record<string, unknown>): string {
    return [content['ename'], content['evalue']]
      .filter((part): part is string => typeof part === 'string' && part !== '')
      .join(': ');
  }
}
