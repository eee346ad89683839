"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.EXTENSION_SCHEMA_VERSION = exports.EXTENSION_KEY = void 0;
exports.readExtension = readExtension;
exports.withExtensionPart = withExtensionPart;
const json_1 = require("../common/json");
/**
 * The notebook-level metadata key this extension owns. It sits beside
 * `nbproject` (never inside it) so nbproject's own keys stay exactly
 * nbproject's.
 *
 * ```json
 * "jupyterlab_nbproject": {
 *   "schema_version": 1,
 *   "history": [{"version": "2", "time": "…+00:00", "note": "…",
 *                "consecutive": true, "code_sha256": "…", "python": "3.11.7"}],
 *   "data": {"files": [{"path": "data/iris.csv", "sha256": "…", "size": 4551}]},
 *   "environment": {"python": "3.11.7", "packages": ["numpy==1.26.4", …], "sha256": "…"}
 * }
 * ```
 *
 * Each part has its reader and writer: `history` in `./history`, `data`
 * in the data manifest, `environment` in the packages' environment
 * snapshot. Keys this version does not know (written by a
 * later version, or by hand) are kept on every write.
 */
exports.EXTENSION_KEY = 'jupyterlab_nbproject';
/**
 * The version of the layout under {@link EXTENSION_KEY}, written with every
 * part.
 */
exports.EXTENSION_SCHEMA_VERSION = 1;
/**
 * Read the value under {@link EXTENSION_KEY}. Never throws.
 *
 * @param extensionValue - the value under `jupyterlab_nbproject`, as found
 *   (`undefined` when there is none).
 */
function readExtension(extensionValue) {
    if (extensionValue === undefined) {
        return { value: {}, problems: [] };
    }
    if (!(0, json_1.isJSONObject)(extensionValue)) {
        return {
            value: {},
            problems: [{ code: 'extension.notObject' }]
        };
    }
    return { value: extensionValue, problems: [] };
}
/**
 * The value to store under {@link EXTENSION_KEY} with one part written:
 * every other key the stored object had is kept, `schema_version` is set,
 * and the part's old value, when it could not be read, is kept beside it
 * under `<part>_unreadable` (`history_unreadable`) rather than lost.
 *
 * @param extensionValue - the value under `jupyterlab_nbproject`, as found.
 * @param part - the part to write.
 * @param value - its new value.
 * @param previousReadable - whether the part's old value (if any) could be
 *   read.
 */
function withExtensionPart(extensionValue, part, value, previousReadable) {
    const out = {
        ...readExtension(extensionValue).value
    };
    const previous = out[part];
    if (previous !== undefined && !previousReadable) {
        out[`${part}_unreadable`] = previous;
    }
    out.schema_version = exports.EXTENSION_SCHEMA_VERSION;
    out[part] = value;
    return out;
}
