"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.declaredDisagreements = declaredDisagreements;
const distributions_1 = require("./distributions");
/**
 * Whether the dependencies declared by other tools (PEP 723 cell,
 * `uv.lock`, jupyterlab-requirements) agree with the versions nbproject
 * stores: every declared distribution is stored, and an exact version
 * declared is the version stored. Ranges (`>=2`) are not judged. Nothing
 * disagrees when nbproject stores no packages at all (`stored` `null`):
 * there is nothing to agree with.
 *
 * @param sources - from `readDeclared`.
 * @param stored - `pypackage`, or `null`.
 * @param ignored - PEP 503 names to leave out.
 * @returns the disagreements, source by source, in declared order.
 */
function declaredDisagreements(sources, stored, ignored = new Set()) {
    if (stored === null) {
        return [];
    }
    const versions = new Map(Object.entries(stored).map(([name, version]) => [
        (0, distributions_1.normalizeDistribution)(name),
        version
    ]));
    const out = [];
    for (const source of sources) {
        for (const dependency of source.dependencies) {
            if (ignored.has(dependency.key)) {
                continue;
            }
            const version = versions.get(dependency.key);
            const differs = version !== undefined &&
                dependency.version !== null &&
                dependency.version !== version;
            if (version === undefined || differs) {
                out.push({
                    code: version === undefined
                        ? 'declared.notStored'
                        : 'declared.versionDiffers',
                    source: source.source,
                    cell: source.cell,
                    name: dependency.name,
                    declared: dependency.specifier,
                    stored: version ?? null
                });
            }
        }
    }
    return out;
}
