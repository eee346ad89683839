// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { isJSONObject } from '../common/json';
import {
  ISilentRequestContent,
  readSilentReply,
  silentExpression,
  silentRequest
} from './silentRequest';

/**
 * The `user_expressions` key of the request.
 */
export const UV_EXPRESSION_KEY = 'jupyterlab_nbproject_uv';

/**
 * The Python source of the request: `uv()` returns, as base64 JSON,
 * where `uv` is on the kernel's `PATH` (`""` when it is not). One PATH
 * lookup: no subprocess, no network.
 */
export const UV_SOURCE = `import base64
import json
import shutil


def uv():
    found = shutil.which("uv") or ""
    return base64.b64encode(json.dumps({"uv": found[:4096]}).encode("ascii")).decode("ascii")
`;

/**
 * The content of the silent `execute_request` asking where `uv` is.
 */
export function uvRequest(): ISilentRequestContent {
  return silentRequest(
    UV_EXPRESSION_KEY,
    silentExpression(UV_SOURCE, 'uv', [])
  );
}

/**
 * Read the reply: the path of `uv` on the kernel's `PATH`, `""` when it
 * is not there, `null` when the reply does not say. Never throws.
 *
 * @param content - the `content` of the `execute_reply`, as received.
 */
export function parseUvReply(content: unknown): string | null {
  const reply = readSilentReply(content, UV_EXPRESSION_KEY);
  if (!reply.ok || !isJSONObject(reply.payload)) {
    return null;
  }
  const found = reply.payload['uv'];
  return typeof found === 'string' ? found : null;
}
