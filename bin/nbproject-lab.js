#!/usr/bin/env node
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

// The program is compiled from src/cli (npm run build:cli); this file only
// hands it Node's arguments, and its streams and files as main.ts reads
// and writes them (regular files only, never through a link it refuses).
'use strict';

const { main, nodeIO } = require('../dist-cli/cli/main.js');

Promise.resolve(main(process.argv.slice(2), nodeIO())).then(
  status => {
    process.exitCode = status;
  },
  error => {
    process.stderr.write(
      `nbproject-lab: ${error && error.stack ? error.stack : error}\n`
    );
    process.exitCode = 2;
  }
);
