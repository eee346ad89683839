#!/usr/bin/env node
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

// The program is compiled from src/cli (npm run build:cli); this file only
// hands it Node's arguments, streams and file system.
'use strict';

const fs = require('fs');
const { main } = require('../dist-cli/cli/main.js');

Promise.resolve(main(process.argv.slice(2), {
  stdout: text => process.stdout.write(text),
  stderr: text => process.stderr.write(text),
  readFile: path => fs.readFileSync(path, 'utf8')
})).then(
  status => {
    process.exitCode = status;
  },
  error => {
    process.stderr.write(`nbproject-lab: ${error && error.stack ? error.stack : error}\n`);
    process.exitCode = 2;
  }
);
