"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.planRemix = planRemix;
exports.remixFileName = remixFileName;
const history_1 = require("../extension/history");
const metadata_1 = require("../extension/metadata");
const ids_1 = require("./ids");
const metadata_2 = require("./metadata");
const json_1 = require("../common/json");
/**
 * Plan the metadata of a remix: a copy of a notebook that starts its own
 * history. Pure; the caller saves the copy with this metadata and opens it.
 *
 * The copy gets a new id, `version: "1"`, a new `time_init`, and `parent`
 * set to the source notebook's id alone: nbproject's `parent` names the
 * direct ancestors, and the source's own parents are reachable through it.
 * The other nbproject keys (packages, author, keys nbproject does not
 * define) and all other notebook metadata are kept, except two things that
 * describe the source and not the copy: the legacy `uid` (the source's id
 * under its old name) and the publish history in this extension's key.
 *
 * @param metadata - the source notebook's metadata (any JSON value).
 */
function planRemix(metadata, options = {}) {
    const now = options.now ?? new Date();
    const problems = [];
    const source = (0, json_1.isJSONObject)(metadata) ? metadata : {};
    const read = (0, metadata_2.readNbproject)(source[metadata_2.NBPROJECT_KEY]);
    const parent = read.metadata?.id ?? null;
    if (parent === null) {
        problems.push({
            code: read.present ? 'remix.noReadableId' : 'remix.untracked'
        });
    }
    if (read.present && read.metadata === null) {
        problems.push({
            code: 'remix.metadataReplaced',
            params: { problem: read.problems[0] ?? null }
        });
    }
    const base = read.metadata ?? (0, metadata_2.createNbproject)(options);
    const extra = { ...base.extra };
    delete extra.uid;
    const id = (0, ids_1.generateId)(options.random);
    const nbproject = (0, metadata_2.serializeNbproject)((0, metadata_2.updateNbproject)({ ...base, extra }, { id, version: '1', time_init: (0, ids_1.formatTimestamp)(now), parent }));
    const out = {
        ...source,
        [metadata_2.NBPROJECT_KEY]: nbproject
    };
    if (source[metadata_1.EXTENSION_KEY] !== undefined) {
        out[metadata_1.EXTENSION_KEY] = (0, history_1.withoutPublishHistory)(source[metadata_1.EXTENSION_KEY]);
    }
    return { metadata: out, id, parent, problems };
}
/**
 * A name for a remix's file beside the source: `analysis-remix.ipynb`, or
 * `analysis-remix-2.ipynb` and so on when taken. A remix of a remix counts
 * on (`analysis-remix-3.ipynb`) rather than growing `-remix-remix`.
 *
 * @param path - the source's path or file name, e.g. `work/analysis.ipynb`.
 * @param existing - the names (or paths) already in that directory; compared
 *   without regard to case, as some file systems do.
 * @returns a path in the source's directory.
 */
function remixFileName(path, existing) {
    const slash = path.lastIndexOf('/');
    const directory = path.slice(0, slash + 1);
    const file = path.slice(slash + 1);
    const dot = file.lastIndexOf('.');
    const extension = dot > 0 ? file.slice(dot) : '.ipynb';
    const stem = (dot > 0 ? file.slice(0, dot) : file).replace(/-remix(?:-\d+)?$/, '') ||
        'notebook';
    const taken = new Set();
    for (const name of existing) {
        taken.add(name.slice(name.lastIndexOf('/') + 1).toLowerCase());
    }
    for (let n = 1;; n++) {
        const name = `${stem}-remix${n === 1 ? '' : `-${n}`}${extension}`;
        if (!taken.has(name.toLowerCase())) {
            return directory + name;
        }
    }
}
