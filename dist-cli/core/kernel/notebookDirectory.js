"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.kernelNotebookDirectory = kernelNotebookDirectory;
// Its own module, apart from the hashing request (./hashRequest): the
// session reads the directory when a notebook opens, before any file is
// hashed, and the request's code stays out of what JupyterLab downloads
// at startup.
/**
 * The notebook's directory as the kernel sees it, for suggestions of
 * relative paths: the server's root directory (JupyterLab's
 * `PageConfig.getOption('serverRoot')`, which may start with `~`) joined
 * with the directory part of the notebook's path (relative to that root,
 * as the contents API names it). `undefined` when the root is not known.
 * (The hasher is given the root and the notebook's path and joins them
 * itself.)
 *
 * @param serverRoot - the server's root directory, or `""`/`null`.
 * @param notebookPath - the notebook's path relative to the root.
 */
function kernelNotebookDirectory(serverRoot, notebookPath) {
    if (!serverRoot) {
        return undefined;
    }
    const separator = /\\/.test(serverRoot) && !/\//.test(serverRoot) ? '\\' : '/';
    const root = serverRoot.replace(/(?<![\\/])[\\/]+$/, '');
    const parts = notebookPath
        .split('/')
        .filter(part => part !== '' && part !== '.');
    parts.pop();
    return parts.length === 0
        ? root || separator
        : [root, ...parts].join(separator);
}
