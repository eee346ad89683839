"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.planRecreate = planRecreate;
exports.kernelNameFor = kernelNameFor;
exports.newEnvironmentCommand = newEnvironmentCommand;
const requirements_1 = require("./requirements");
const compare_1 = require("./compare");
const environment_1 = require("./environment");
const distributions_1 = require("./distributions");
const lockFiles_1 = require("./lockFiles");
/**
 * The plan of installing the snapshot's versions of the changed and
 * missing distributions into the kernel (added ones are left alone).
 * Every name and version is checked, as for {@link installCommand}, so
 * the lines need no quoting and cannot run anything else. Linear in the
 * number of rows.
 *
 * @param read - the stored snapshot.
 * @param drift - the kernel's environment against it.
 */
function planRecreate(read, drift) {
    const condaByKey = new Map();
    for (const spec of read.snapshot?.conda ?? []) {
        const pkg = (0, environment_1.parseCondaSpec)(spec);
        if (pkg &&
            Private.CONDA_WORD.test(pkg.name) &&
            Private.CONDA_WORD.test(pkg.version)) {
            condaByKey.set((0, distributions_1.normalizeDistribution)(pkg.name), Private.condaPin(pkg));
        }
    }
    const isConda = (read.snapshot?.conda?.length ?? 0) > 0;
    const changes = [];
    const skipped = [];
    const pipPins = Object.create(null);
    const condaPins = [];
    for (const row of drift.rows) {
        const stored = read.packages.get(row.key);
        if (row.status === 'added' || !stored) {
            continue;
        }
        if (stored.source) {
            skipped.push({ code: 'recreate.directSource', name: stored.name });
            continue;
        }
        if (!(0, requirements_1.isDistributionName)(stored.name) ||
            !(0, compare_1.isInstallableVersion)(stored.version)) {
            skipped.push({ code: 'recreate.invalid', name: stored.name });
            continue;
        }
        changes.push({
            code: row.live === null ? 'recreate.install' : 'recreate.change',
            name: stored.name,
            live: row.live,
            stored: stored.version
        });
        const condaPin = isConda ? condaByKey.get(row.key) : undefined;
        if (condaPin) {
            condaPins.push(condaPin);
        }
        else {
            pipPins[stored.name] = stored.version;
        }
    }
    const pip = (0, compare_1.installCommand)(pipPins).command;
    const args = condaPins.join(' ');
    return {
        changes,
        skipped,
        pip: pip ? `%${pip}` : '',
        conda: isConda && args
            ? { conda: `conda install ${args}`, mamba: `mamba install ${args}` }
            : null
    };
}
/**
 * A kernel name for a notebook: its file name without the extension,
 * lower-cased, with every run of other characters than letters, digits,
 * `_`, `.` and `-` made one `-` (`""` when nothing is left).
 *
 * @param path - the notebook's path.
 */
function kernelNameFor(path) {
    const base = path.split('/').pop() ?? '';
    return base
        .replace(/\.ipynb$/i, '')
        .toLowerCase()
        .replace(/[^a-z0-9_.-]+/g, '-')
        .replace(/^[-.]+|[-.]+$/g, '')
        .slice(0, 64);
}
/**
 * The shell command that makes a new environment for a notebook from its
 * exported `requirements.lock.txt`, to run in the notebook's folder (POSIX
 * shell): `uv venv`, `uv pip sync` of the lock, then the environment's
 * Python registers itself as a kernel named `name`. `""` when the name is
 * not a plain word (see {@link kernelNameFor}), so nothing needs quoting.
 *
 * @param name - the kernel's name.
 */
function newEnvironmentCommand(name) {
    if (!/^[a-z0-9_][a-z0-9_.-]*$/.test(name)) {
        return '';
    }
    const venv = `.venv-${name}`;
    return [
        `uv venv ${venv}`,
        `uv pip sync --python ${venv} ${lockFiles_1.LOCK_FILES.requirements}`,
        `uv pip install --python ${venv} ipykernel`,
        `${venv}/bin/python -m ipykernel install --user --name ${name} --display-name ${name}`
    ].join(' && ');
}
/**
 * Module internals.
 */
var Private;
(function (Private) {
    /**
     * A conda name, version or build that needs no quoting.
     */
    Private.CONDA_WORD = /^[A-Za-z0-9_][A-Za-z0-9_.+-]*$/;
    /**
     * `name=version=build` (or `name=version` when the build is not a plain
     * word), with `channel::` when the channel is a plain name.
     */
    function condaPin(pkg) {
        const channel = Private.CONDA_WORD.test(pkg.channel) ? `${pkg.channel}::` : '';
        const build = Private.CONDA_WORD.test(pkg.build) ? `=${pkg.build}` : '';
        return `${channel}${pkg.name}=${pkg.version}${build}`;
    }
    Private.condaPin = condaPin;
})(Private || (Private = {}));
