#!/usr/bin/env node
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

// The program is compiled from src/cli (npm run build:cli); this file only
// hands it Node's arguments, and its streams and files as main.ts reads
// and writes them (regular files only, never through a link it refuses).
'use strict';

const { main, nodeIO } = require('../dist-cli/cli/main.js');
const { missingPackageText } = require('../dist-cli/cli/words.js');

/**
 * What is said when the program fails: a package it needs that is not
 * installed (a clone without `npm install`) is named, with what to run,
 * not shown as a stack.
 */
function failure(error) {
  const missing =
    error && error.code === 'MODULE_NOT_FOUND'
      ? /Cannot find module '([^']+)'/.exec(String(error.message))
      : null;
  const path = require('path');
  // A package's name, not a file of the program (relative or absolute).
  if (missing && !missing[1].startsWith('.') && !path.isAbsolute(missing[1])) {
    const { what, why } = missingPackageText(
      missing[1],
      path.resolve(__dirname, '..')
    );
    return `nbproject-lab: ${what}: ${why}\n`;
  }
  return `nbproject-lab: ${error && error.stack ? error.stack : error}\n`;
}

// A promise from the start, so that an error thrown at once is said as
// one thrown later is.
new Promise(resolve => resolve(main(process.argv.slice(2), nodeIO()))).then(
  status => {
    process.exitCode = status;
  },
  error => {
    process.stderr.write(failure(error));
    process.exitCode = 2;
  }
);
