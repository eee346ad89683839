// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

/**
 * Merged into the labextension build (package.json, jupyterlab.webpackConfig).
 *
 * What JupyterLab downloads at startup is what paints a notebook's header
 * and its cell marks. The rest is loaded with `import()`:
 *
 * - `after-open`: the analyses a notebook runs by itself once it is open
 *   (session/analyses.ts) and the header sections that show what they find
 *   (components/sections.ts), fetched once the page is idle after a header
 *   is painted. One chunk: a module it shares with a workflow stays in it
 *   (the workflow loads it too), rather than in a chunk of its own.
 * - the workflows behind commands (publish, exports, verify, remix, …), on
 *   first use. A module two of them need (the exports, which publish also
 *   writes) goes to a chunk of its own, whatever its size, instead of into
 *   each of them: it is then downloaded and evaluated once.
 */
const AFTER_OPEN = 'after-open';

module.exports = {
  optimization: {
    splitChunks: {
      chunks: 'async',
      minSize: 0,
      cacheGroups: {
        // Packages stay with the module that uses them.
        defaultVendors: false,
        afterOpen: {
          name: AFTER_OPEN,
          chunks: 'async',
          enforce: true,
          priority: 10,
          test: (module, { chunkGraph }) =>
            [...chunkGraph.getModuleChunks(module)].some(
              chunk => chunk.name === AFTER_OPEN
            )
        }
      }
    }
  }
};
