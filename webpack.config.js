// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

/**
 * Merged into the labextension build (package.json, jupyterlab.webpackConfig).
 *
 * The workflows behind commands (publish, exports, verify, remix, …) are
 * loaded on first use with `import()`. A module two of them need (the
 * exports, which publish also writes) goes to a chunk of its own, whatever
 * its size, instead of into each of them: it is then downloaded and
 * evaluated once.
 */
module.exports = {
  optimization: {
    splitChunks: {
      chunks: 'async',
      minSize: 0,
      // Packages stay with the module that uses them.
      cacheGroups: { defaultVendors: false }
    }
  }
};
