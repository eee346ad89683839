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
 * BUILD_DIR gets package.json, tsconfig.json, webpack.config.js, webpack/, src/,
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
 *
 *   node bench/bundle.js BUILD_DIR OUT.json --modules
 *
 * also writes `modules`: what the bytes are made of, one row per source
 * file (lib/…, style/…, a runtime part of webpack, `(glue)` for the code no
 * source claims: module wrappers, export maps), largest first. It comes
 * from a second production build with source maps, made before the measured
 * one: each measured file's gzipped size is shared among its sources in
 * proportion to their own text gzipped in that build, so a row's `gzip` is
 * an estimate (the rows of a file add up to it); `raw` is exact for that
 * build, which differs from the measured one by its `sourceMappingURL`
 * comments (the source map css-loader adds to the stylesheet there is left
 * out).
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
  const [buildDir, out, ...flags] = process.argv.slice(2);
  // The builder finds the package's entry with require.resolve(BUILD_DIR),
  // which takes a file BUILD_DIR.js or BUILD_DIR.json before the folder:
  // the build would then bundle that file instead of the extension.
  const shadow = ['.js', '.json', '.node']
    .map(ext => path.resolve(buildDir) + ext)
    .find(file => fs.existsSync(file));
  if (shadow) {
    throw new Error(
      `${shadow} would be built instead of ${buildDir}: write the result elsewhere`
    );
  }
  fs.rmSync(buildDir, { recursive: true, force: true });
  fs.mkdirSync(buildDir, { recursive: true });
  for (const name of [
    'package.json',
    'tsconfig.json',
    'webpack.config.js',
    'webpack',
    'src',
    'style',
    'schema'
  ]) {
    // (webpack.config.js and webpack/ are optional: an older checkout
    // has none.)
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
  const buildLabextension = (...options) =>
    run([
      path.join(
        ROOT,
        'node_modules/@jupyter/builder/lib/build-labextension.js'
      ),
      ...options,
      '--core-package-file',
      path.join(ROOT, 'node_modules/@jupyterlab/core-meta/core.package.json'),
      '.'
    ]);
  const labextension = path.join(buildDir, 'jupyterlab_nbproject/labextension');
  const staticDir = path.join(labextension, 'static');
  run([path.join(ROOT, 'node_modules/typescript/bin/tsc')]);
  let shares;
  if (flags.includes('--modules')) {
    buildLabextension('--source-map');
    shares = composition(staticDir);
  }
  const start = now();
  buildLabextension();
  const buildMs = now() - start;

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
  const modules = shares?.(files);
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
    bundledPackages,
    ...(modules ? { modules } : {})
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
  for (const row of (modules ?? []).slice(0, 40)) {
    console.log(
      `  ${String(row.gzip).padStart(6)} B gz ${String(row.raw).padStart(7)} B  ${row.chunks.join(',')}  ${row.source}`
    );
  }
}

/**
 * The bytes of every JavaScript file of a build with source maps, by
 * source (see the comment at the top): a function that, given the measured
 * files of the production build, returns `{ source, raw, gzip, chunks }`
 * rows, largest gzip first. A chunk's gzipped size (the measured file's
 * with the same chunk name or id, else its own) is shared among its sources
 * in proportion to their own text gzipped.
 */
function composition(staticDir) {
  const parts = [];
  for (const name of fs.readdirSync(staticDir)) {
    const mapFile = path.join(staticDir, `${name}.map`);
    if (!name.endsWith('.js') || !fs.existsSync(mapFile)) {
      continue;
    }
    const code = fs.readFileSync(path.join(staticDir, name), 'utf8');
    const map = JSON.parse(fs.readFileSync(mapFile, 'utf8'));
    const texts = new Map();
    const add = (source, from, to) =>
      texts.set(source, (texts.get(source) ?? '') + code.slice(from, to));
    const segments = mappedSegments(code, map);
    add('(glue)', 0, segments.length > 0 ? segments[0].at : code.length);
    segments.forEach(({ at, source }, i) =>
      add(
        source,
        at,
        i + 1 < segments.length ? segments[i + 1].at : code.length
      )
    );
    // The source map css-loader puts beside a stylesheet in that build only.
    for (const [source, text] of texts) {
      if (source.endsWith('.css')) {
        texts.set(source, text.replace(/\{version:3,[\s\S]*\}/, '{}'));
      }
    }
    const own = new Map(
      [...texts].map(([source, text]) => [source, gzipSize(text)])
    );
    const ownSum = [...own.values()].reduce((a, b) => a + b, 0);
    const chunk = name.split('.')[0];
    const ownGzip = gzipSize(code);
    for (const [source, text] of texts) {
      parts.push({
        source,
        chunk,
        raw: Buffer.byteLength(text),
        share: own.get(source) / ownSum,
        ownGzip
      });
    }
  }
  return measured => {
    const rows = new Map();
    for (const { source, chunk, raw, share, ownGzip } of parts) {
      const file = measured.find(f => f.name.split('.')[0] === chunk);
      const row = rows.get(source) ?? { source, raw: 0, gzip: 0, chunks: [] };
      row.raw += raw;
      row.gzip += share * (file ? file.gzip : ownGzip);
      row.chunks.push(chunk);
      rows.set(source, row);
    }
    // (A file without a source map, such as style.js: a row of its own.)
    for (const file of measured) {
      if (!parts.some(part => part.chunk === file.name.split('.')[0])) {
        rows.set(file.name, {
          source: file.name,
          raw: file.raw,
          gzip: file.gzip,
          chunks: [file.name.split('.')[0]]
        });
      }
    }
    return [...rows.values()]
      .map(row => ({ ...row, gzip: Math.round(row.gzip) }))
      .sort((a, b) => b.gzip - a.gzip);
  };
}

/**
 * The generated offsets where a source map starts a segment, with the
 * segment's source (a path relative to the project, or `(glue)`), in order.
 */
function mappedSegments(code, map) {
  const lineStarts = [0];
  for (let at = code.indexOf('\n'); at >= 0; at = code.indexOf('\n', at + 1)) {
    lineStarts.push(at + 1);
  }
  const sources = map.sources.map(source =>
    source
      .replace(/^webpack:\/\/[^/]*\//, '')
      .replace(/^\.\//, '')
      .replace(/^.*\/node_modules\//, 'node_modules/')
  );
  const segments = [];
  let sourceIndex = 0;
  map.mappings.split(';').forEach((line, lineIndex) => {
    let column = 0;
    for (const segment of line.split(',')) {
      if (segment === '') {
        continue;
      }
      const fields = decodeVlq(segment);
      column += fields[0];
      if (fields.length > 1) {
        sourceIndex += fields[1];
      }
      segments.push({
        at: lineStarts[lineIndex] + column,
        source: fields.length > 1 ? sources[sourceIndex] : '(glue)'
      });
    }
  });
  return segments.sort((a, b) => a.at - b.at);
}

/**
 * The numbers of one source-map segment (base64 VLQ).
 */
function decodeVlq(segment) {
  const DIGITS =
    'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const values = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = DIGITS.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

/**
 * Gzip -9 size of a text, in bytes.
 */
function gzipSize(text) {
  return zlib.gzipSync(text, { level: 9 }).length;
}

/**
 * The files JupyterLab loads at startup: the remote entry, and the chunks
 * its exposed modules need (each `"./name":()=>…e(id)…` of the remote
 * entry's module map; a chunk file is named `<name or id>.<hash>.js`, the
 * names of named chunks being in the remote entry's `{id:"name",…}[e]`).
 */
function startupFiles(staticDir, files) {
  const entry = files.find(file => file.name.startsWith('remoteEntry.'));
  const text = fs.readFileSync(path.join(staticDir, entry.name), 'utf8');
  const names = new Set([entry.name]);
  const chunkNames = new Map();
  const named = /\(\{((?:"?[\w.-]+"?:"[\w.-]+",?)+)\}\)\[e\]/.exec(text);
  for (const [, id, name] of named?.[1].matchAll(
    /"?([\w.-]+)"?:"([\w.-]+)"/g
  ) ?? []) {
    chunkNames.set(id, name);
  }
  const exposed =
    /"\.\/(?:index|extension|style)":\(\)=>([^,]*(?:,[^"]*)?)\.then/g;
  for (const [, loads] of text.matchAll(exposed)) {
    for (const [, id] of loads.matchAll(/\.e\("?([\w.-]+)"?\)/g)) {
      const prefix = `${chunkNames.get(id) ?? id}.`;
      const chunk = files.find(file => file.name.startsWith(prefix));
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
