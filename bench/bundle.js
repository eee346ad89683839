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
 * BUILD_DIR gets package.json, tsconfig.json, src/, style/, schema/ and a
 * link to node_modules; `tsc` then the production build-labextension (as
 * `npm run build:prod` does) write BUILD_DIR/jupyterlab_nbproject/labextension,
 * which the browser benchmark then serves. Every JavaScript file in its
 * static/ counts (raw bytes and gzip -9): JupyterLab's shared packages
 * (@jupyterlab/*, @lumino/*, react, ...) are never bundled, so these bytes
 * are all the extension adds, including the packages JupyterLab does not
 * share (@lezer/python), which are listed in `bundledPackages`.
 */

const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { now } = require('./stats');

const ROOT = path.resolve(__dirname, '..');

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
    'src',
    'style',
    'schema'
  ]) {
    copy(path.join(ROOT, name), path.join(buildDir, name));
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
  const total = files.reduce(
    (sum, file) => ({ raw: sum.raw + file.raw, gzip: sum.gzip + file.gzip }),
    { raw: 0, gzip: 0 }
  );
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
  const result = { labextension, buildMs, files, total, bundledPackages };
  fs.writeFileSync(out, JSON.stringify(result, null, 1));
  console.log(
    `  bundle: ${files.length} files, ${total.raw} bytes raw, ${total.gzip} bytes gzipped ` +
      `(built in ${(buildMs / 1000).toFixed(1)} s)`
  );
}

main();
