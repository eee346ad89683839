"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.silentExpression = silentExpression;
exports.silentRequest = silentRequest;
exports.readSilentReply = readSilentReply;
const json_1 = require("../common/json");
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
function silentExpression(source, name, args) {
    return (`(lambda g: exec(${JSON.stringify(source)}, g) or ` +
        `g[${JSON.stringify(name)}](${args.map(arg => JSON.stringify(arg)).join(', ')}))({})`);
}
/**
 * The content of a silent `execute_request` evaluating one expression: no
 * code, silent, no history, no stdin, not stopping the queue on error.
 *
 * @param key - the `user_expressions` key.
 * @param expression - the expression (see {@link silentExpression}).
 */
function silentRequest(key, expression) {
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
function readSilentReply(content, key) {
    if (!(0, json_1.isJSONObject)(content)) {
        return Private.fail('malformed', 'no-content');
    }
    const status = content['status'];
    if (status === 'aborted' || status === 'abort') {
        return Private.fail('aborted', 'aborted');
    }
    if (status === 'error') {
        return Private.fail('kernel-error', 'error-reply', Private.errorText(content));
    }
    if (status !== 'ok') {
        return Private.fail('malformed', 'bad-status', String(status));
    }
    const expressions = content['user_expressions'];
    if (!(0, json_1.isJSONObject)(expressions)) {
        return Private.fail('malformed', 'no-expressions');
    }
    const result = expressions[key];
    if (!(0, json_1.isJSONObject)(result)) {
        return Private.fail('malformed', 'not-evaluated');
    }
    if (result['status'] === 'error') {
        return Private.fail('kernel-error', 'expression-error', Private.errorText(result));
    }
    const data = result['data'];
    const text = (0, json_1.isJSONObject)(data) ? data['text/plain'] : undefined;
    const encoded = typeof text === 'string'
        ? /^(['"])([A-Za-z0-9+/]*={0,2})\1$/.exec(text)
        : null;
    if (!encoded || encoded[2].length % 4 !== 0) {
        return Private.fail('malformed', 'not-base64');
    }
    try {
        return { ok: true, payload: JSON.parse(atob(encoded[2])) };
    }
    catch {
        return Private.fail('malformed', 'not-json');
    }
}
/**
 * Module internals.
 */
var Private;
(function (Private) {
    /**
     * A failure result.
     */
    function fail(reason, problem, detail = '') {
        return { ok: false, reason, problem, detail };
    }
    Private.fail = fail;
    /**
     * `ename: evalue` of an error, as far as there is one.
     */
    function errorText(content) {
        return [content['ename'], content['evalue']]
            .filter((part) => typeof part === 'string' && part !== '')
            .join(': ');
    }
    Private.errorText = errorText;
})(Private || (Private = {}));
