// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

/**
 * Merged into the labextension build (package.json, jupyterlab.webpackConfig).
 *
 * What JupyterLab downloads at startup is what paints a notebook's header
 * and its cell marks, with the stylesheet: one chunk (`startup`) for the
 * modules it asks for (`./index`, `./style`), rather than one each, which
 * saves a request and the second chunk's own compression and glue. The
 * rest is loaded with `import()`:
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
 * - `workflows`: the workflows behind commands (publish, exports, verify,
 *   remix, …), fetched on the first use of any of them. One chunk rather
 *   than one per workflow: each chunk is compressed on its own and carries
 *   its own module glue, so six small chunks cost about 3 KB (gzipped) more
 *   than one, while the whole of them is about 20 KB.
 *
 * The Python programs sent to a kernel lose their comment lines
 * (webpack/pythonComments.js).
 *
 * The stylesheet is minified (Rspack's built-in Lightning CSS loader):
 * comments and spaces are most of it. It reaches the page through one
 * `<style>` element of our own (webpack/styleTag.js) rather than through
 * the builder's style-loader and css-loader, whose runtimes are bigger than
 * the stylesheet itself once gzipped.
 *
 * In a production build, modules are numbered in order (`natural`) and their
 * exports named by use (`size`), the shortest names there are, rather than
 * by hashes that stay the same from one build to the next (which only keep
 * a browser's cache of unchanged chunks across versions): 1.2 KB less
 * gzipped. The exports of what JupyterLab and other extensions import
 * (`./index`: the plugins, `INbprojectTracker`) keep their names.
 */
const AFTER_OPEN = 'after-open';
const PROBE = 'probe';
const WORKFLOWS = 'workflows';
const STARTUP = 'startup';

/**
 * Whether this is a production build (the builder's `--development` flag
 * is absent).
 */
const PRODUCTION = !process.argv.includes('--development');

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

/**
 * Whether a chunk is loaded by an `import()` of the extension's code only,
 * not by JupyterLab asking for an exposed module (`./index`, `./style`:
 * the container entry, an origin without a request).
 */
function fromImport(chunk) {
  return [...chunk.groupsIterable].every(group =>
    group.origins.every(origin => Boolean(origin.request))
  );
}

/**
 * Whether a chunk is loaded by JupyterLab asking for an exposed module only.
 */
function fromEntry(chunk) {
  return [...chunk.groupsIterable].every(group =>
    group.origins.every(origin => !origin.request)
  );
}

/**
 * A cache group that gathers, into the named chunk, the modules found only
 * in chunks that pass `where`.
 */
function gather(name, priority, where) {
  return {
    name,
    chunks: 'async',
    enforce: true,
    priority,
    test: (module, { chunkGraph }) => {
      const chunks = [...chunkGraph.getModuleChunks(module)];
      return chunks.length > 0 && chunks.every(where);
    }
  };
}

module.exports = {
  resolveLoader: {
    alias: {
      'css-loader': require.resolve('./webpack/cssText.js'),
      'style-loader': require.resolve('./webpack/styleTag.js')
    }
  },
  module: {
    rules: [
      {
        test: /[\\/]lib[\\/]core[\\/]kernel[\\/]\w+Request\.js$/,
        use: [{ loader: require.resolve('./webpack/pythonComments.js') }]
      },
      {
        test: /(?<!\.raw)\.css$/,
        use: [
          { loader: 'builtin:lightningcss-loader', options: { minify: true } }
        ]
      }
    ]
  },
  optimization: {
    ...(PRODUCTION ? { moduleIds: 'natural', mangleExports: 'size' } : {}),
    splitChunks: {
      chunks: 'async',
      minSize: 0,
      cacheGroups: {
        // Packages stay with the module that uses them.
        defaultVendors: false,
        // (The probe's group first: what both need goes with the probe.)
        probe: namedChunk(PROBE, 20),
        afterOpen: namedChunk(AFTER_OPEN, 10),
        // What is left of the lazy chunks: the workflows.
        workflows: gather(WORKFLOWS, 5, fromImport),
        // What JupyterLab asks for at startup, in one chunk.
        startup: gather(STARTUP, 30, fromEntry)
      }
    }
  }
};
