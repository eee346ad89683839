"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.LOCK_FILES = exports.LOCK_KINDS = void 0;
/**
 * The lock files written from a notebook's environment snapshot.
 *
 * - `pylock`: `pylock.toml`, the packaging standard's lock (PEP 751);
 * - `requirements`: `requirements.lock.txt`, one pinned line each;
 * - `conda`: `environment.yml`, for a conda environment.
 */
exports.LOCK_KINDS = ['pylock', 'requirements', 'conda'];
/**
 * The file each lock kind is written to, beside the notebook.
 */
exports.LOCK_FILES = {
    pylock: 'pylock.toml',
    requirements: 'requirements.lock.txt',
    conda: 'environment.yml'
};
