"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.UV_SOURCE = exports.UV_EXPRESSION_KEY = void 0;
exports.uvRequest = uvRequest;
exports.parseUvReply = parseUvReply;
const json_1 = require("../common/json");
const silentRequest_1 = require("./silentRequest");
/**
 * The `user_expressions` key of the request.
 */
exports.UV_EXPRESSION_KEY = 'jupyterlab_nbproject_uv';
/**
 * The Python source of the request: `uv()` returns, as base64 JSON,
 * where `uv` is on the kernel's `PATH` (`""` when it is not). One PATH
 * lookup: no subprocess, no network.
 */
exports.UV_SOURCE = `import base64
import json
import shutil


def uv():
    found = shutil.which("uv") or ""
    return base64.b64encode(json.dumps({"uv": found[:4096]}).encode("ascii")).decode("ascii")
`;
/**
 * The content of the silent `execute_request` asking where `uv` is.
 */
function uvRequest() {
    return (0, silentRequest_1.silentRequest)(exports.UV_EXPRESSION_KEY, (0, silentRequest_1.silentExpression)(exports.UV_SOURCE, 'uv', []));
}
/**
 * Read the reply: the path of `uv` on the kernel's `PATH`, `""` when it
 * is not there, `null` when the reply does not say. Never throws.
 *
 * @param content - the `content` of the `execute_reply`, as received.
 */
function parseUvReply(content) {
    const reply = (0, silentRequest_1.readSilentReply)(content, exports.UV_EXPRESSION_KEY);
    if (!reply.ok || !(0, json_1.isJSONObject)(reply.payload)) {
        return null;
    }
    const found = reply.payload['uv'];
    return typeof found === 'string' ? found : null;
}
