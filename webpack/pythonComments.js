// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
'use strict';

/**
 * A loader for the modules that hold the Python programs sent to a kernel
 * (core/kernel/*Request.js): drops the lines of those programs that are
 * only a Python comment, which the kernel would skip anyway. The comments
 * stay in the sources; the browser downloads the program without them
 * (about 0.8 KB gzipped). Those modules hold no other line that starts
 * with `#` (no JavaScript private names: tsc lowers them), and no Python
 * string spans lines there, so a line starting with `#` is a comment.
 */
module.exports = function pythonComments(source) {
  return source.replace(/^[ \t]*#[^\n]*\n/gm, '');
};
