"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.withoutCredentials = withoutCredentials;
const secrets_1 = require("../core/hygiene/secrets");
/**
 * A line of a stranger's code with every credential on it masked (an
 * install line may carry `https://user:token@host`), for any report.
 *
 * @param line - one line of a cell.
 */
function withoutCredentials(line) {
    const [found] = (0, secrets_1.findSecrets)([{ cell_type: 'code', source: line }]);
    return found === undefined ? line : found.excerpt;
}
