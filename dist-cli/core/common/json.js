"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.isJSONObject = isJSONObject;
/**
 * Whether a JSON value is an object (not `null`, not a list): the test every
 * reader of a stranger's notebook or of a kernel's reply makes before
 * looking up keys.
 *
 * @param value - any value.
 */
function isJSONObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
