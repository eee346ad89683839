#!/usr/bin/env node
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
'use strict';

/**
 * Part 4: the production labextension, built from the current sources into
 * a scratch copy of the project (the shared development build in
 * jupyterlab_nbproject/labextension is left alone), and its size.
 *
 *   node bench/bundle.js BUILD_DIR OUT.json
 *
 * BUILD_DIR gets package.json, tsconfig.json, webpack.config.js, src/,
 * style/, schema/ and a link to node_modules; `tsc` then the production
 * build-labextension (as
 * `npm run build:prod` does) write BUILD_DIR/jupyterlab_nbproject/labextension,
 * which the browser benchmark then serves. Every JavaScript file in its
 * static/ counts (raw bytes and gzip -9): JupyterLab's shared packages
 * (@jupyterlab/*, @lumino/*, react, ...) are never bundled, so these bytes
 * are all the extension adds, including the packages JupyterLab does not
 * share (@lezer/python), which are listed in `bundledPackages`.
 *
 * `startup` is what JupyterLab downloads when it starts: the remote entry
 * and the chunks of the modules it loads from every extension (`./index`,
 * `./extension`, `./style`), read from the remote entry's chunk graph;
 * `afterOpen` the chunks every notebook with a Python kernel fetches once
 * open: `after-open` (named by webpack.config.js: the analyses the notebook
 * runs by itself, their header sections, the package warning), fetched
 * when its header is painted, and `probe` (the kernel probe's request),
 * fetched when the probe first asks; `lazy` the other chunks, loaded on
 * first use of a command (`import()`).
 * `duplicates` lists modules found in more than one chunk (none expected).
 */

const { execFileSync } = require('child_process');
const vm = require('vm');
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { now } = require('./stats');

const ROOT = path.resolve(__dirname, '..');

/**
 * The names of the chunks fetched once a notebook has opened
 * (webpack.config.js).
 */
const AFTER_OPEN = ['after-open', 'probe'];

function copy(from, to) {
  fs.cpSync(from, to, {
    recursive: true,
    filter: source => !source.split(path.sep).includes('__tests__')
  });
}

function main() {
  const [buildDir, out] = process.argv.slice(2);
  fs.rmSync(buildDir, { recursive: true, force: true });
  fs.mkdirSync(buildDir, { recursive: true });
  for (const name of [
    'package.json',
    'tsconfig.json',
    'webpack.config.js',
    'src',
    'style',
    'schema'
  ]) {
    // (webpack.config.js is optional: an older checkout has none.)
    if (fs.existsSync(path.join(ROOT, name))) {
      copy(path.join(ROOT, name), path.join(buildDir, name));
    }
  }
  fs.symlinkSync(
    path.join(ROOT, 'node_modules'),
    path.join(buildDir, 'node_modules'),
    'dir'
  );

  const run = args =>
    execFileSync(process.execPath, args, {
      cwd: buildDir,
      stdio: ['ignore', 'pipe', 'inherit']
    });
  const start = now();
  run([path.join(ROOT, 'node_modules/typescript/bin/tsc')]);
  run([
    path.join(ROOT, 'node_modules/@jupyter/builder/lib/build-labextension.js'),
    '--core-package-file',
    path.join(ROOT, 'node_modules/@jupyterlab/core-meta/core.package.json'),
    '.'
  ]);
  const buildMs = now() - start;

  const labextension = path.join(buildDir, 'jupyterlab_nbproject/labextension');
  const staticDir = path.join(labextension, 'static');
  const files = fs
    .readdirSync(staticDir)
    .filter(name => name.endsWith('.js'))
    .sort()
    .map(name => {
      const data = fs.readFileSync(path.join(staticDir, name));
      return {
        name,
        raw: data.length,
        gzip: zlib.gzipSync(data, { level: 9 }).length
      };
    });
  const sum = list =>
    list.reduce(
      (acc, file) => ({ raw: acc.raw + file.raw, gzip: acc.gzip + file.gzip }),
      { raw: 0, gzip: 0 }
    );
  const total = sum(files);
  const startupNames = startupFiles(staticDir, files);
  const startup = {
    ...sum(files.filter(file => startupNames.has(file.name))),
    files: [...startupNames].sort()
  };
  // Chunks are named <id or name>.<hash>.js; style.js (the package's style
  // entry for other bundlers) is not loaded by JupyterLab at all.
  const chunkFiles = files.filter(
    file =>
      !startupNames.has(file.name) && /^[\w-]+\.[0-9a-f]+\.js$/.test(file.name)
  );
  const afterOpenFiles = chunkFiles.filter(file =>
    AFTER_OPEN.some(name => file.name.startsWith(`${name}.`))
  );
  const afterOpen = {
    ...sum(afterOpenFiles),
    files: afterOpenFiles.map(file => file.name)
  };
  const lazyFiles = chunkFiles.filter(file => !afterOpenFiles.includes(file));
  const lazy = {
    ...sum(lazyFiles),
    files: lazyFiles.map(file => file.name)
  };
  const duplicates = duplicateModules(staticDir, files);
  // The third-party packages bundled (the builder lists them with their
  // licences): those JupyterLab does not share, such as @lezer/python.
  let bundledPackages = [];
  try {
    const licenses = JSON.parse(
      fs.readFileSync(path.join(staticDir, 'third-party-licenses.json'), 'utf8')
    );
    bundledPackages = licenses.packages.map(p => p.name);
  } catch {
    // no licence file: nothing known
  }
  const result = {
    labextension,
    buildMs,
    files,
    total,
    startup,
    afterOpen,
    lazy,
    duplicates,
    bundledPackages
  };
  fs.writeFileSync(out, JSON.stringify(result, null, 1));
  console.log(
    `  bundle: ${files.length} files, ${total.raw} bytes raw, ${total.gzip} bytes gzipped ` +
      `(built in ${(buildMs / 1000).toFixed(1)} s); at startup ${startup.files.length} ` +
      `files, ${startup.raw} raw, ${startup.gzip} gzipped; after a notebook ` +
      `opens ${afterOpen.files.length} files, ${afterOpen.gzip} gzipped; on first use ` +
      `${lazy.files.length} files, ${lazy.gzip} gzipped; ` +
      `${duplicates.length} modules in two chunks`
  );
}

/**
 * The files JupyterLab loads at startup: the remote entry, and the chunks
 * its exposed modules need (each `"./name":()=>…e(id)…` of the remote
 * entry's module map; a chunk file is named `<id>.<hash>.js`).
 */
function startupFiles(staticDir, files) {
  const entry = files.find(file => file.name.startsWith('remoteEntry.'));
  const text = fs.readFileSync(path.join(staticDir, entry.name), 'utf8');
  const names = new Set([entry.name]);
  const exposed =
    /"\.\/(?:index|extension|style)":\(\)=>([^,]*(?:,[^"]*)?)\.then/g;
  for (const [, loads] of text.matchAll(exposed)) {
    for (const [, id] of loads.matchAll(/\.e\("?([\w.-]+)"?\)/g)) {
      const chunk = files.find(file => file.name.startsWith(`${id}.`));
      if (chunk) {
        names.add(chunk.name);
      }
    }
  }
  return names;
}

/**
 * Modules (by id) that more than one chunk carries: each chunk file is run
 * in a sandbox where it pushes `[chunkIds, modules]` to its global array.
 */
function duplicateModules(staticDir, files) {
  const where = new Map();
  for (const file of files) {
    if (file.name.startsWith('remoteEntry.')) {
      continue;
    }
    const self = {};
    try {
      vm.runInNewContext(
        fs.readFileSync(path.join(staticDir, file.name), 'utf8'),
        { self },
        { timeout: 1000 }
      );
    } catch {
      continue; // not a chunk (style.js imports)
    }
    for (const pushed of Object.values(self).filter(Array.isArray)) {
      for (const [, modules] of pushed) {
        for (const id of Object.keys(modules)) {
          where.set(id, [...(where.get(id) ?? []), file.name]);
        }
      }
    }
  }
  return [...where]
    .filter(([, chunks]) => chunks.length > 1)
    .map(([module, chunks]) => ({ module, chunks }));
}

main();
