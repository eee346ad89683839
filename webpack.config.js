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
 * - `probe`: the kernel probe's request (core/kernel/probeRequest.ts, its
 *   Python source most of it), fetched when the probe first asks a Python
 *   kernel, which can be before the header is painted. A module it shares
 *   with `after-open` (the silent request) comes with it, so that the probe
 *   never waits for the analyses' chunk; `after-open` then loads it too.
 * - the workflows behind commands (publish, exports, verify, remix, …), on
 *   first use. A module two of them need (the exports, which publish also
 *   writes) goes to a chunk of its own, whatever its size, instead of into
 *   each of them: it is then downloaded and evaluated once.
 */
const AFTER_OPEN = 'after-open';
const PROBE = 'probe';

/**
 * A cache group that keeps in the named chunk every module it needs:
 * a module it shares with other lazy chunks stays in it (they load it too).
 */
function namedChunk(name, priority) {
  return {
    name,
    chunks: 'async',
    enforce: true,
    priority,
    test: (module, { chunkGraph }) =>
      [...chunkGraph.getModuleChunks(module)].some(chunk => chunk.name === name)
  };
}

module.exports = {
  optimization: {
    splitChunks: {
      chunks: 'async',
      minSize: 0,
      cacheGroups: {
        // Packages stay with the module that uses them.
        defaultVendors: false,
        // (The probe's group first: what both need goes with the probe.)
        probe: namedChunk(PROBE, 20),
        afterOpen: namedChunk(AFTER_OPEN, 10)
      }
    }
  }
};
