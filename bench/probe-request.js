#!/usr/bin/env node
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
'use strict';

/**
 * Export the exact `execute_request` content our kernel probe sends for a
 * notebook, as JSON, for bench/kernel_probe.py.
 *
 *   node bench/probe-request.js NOTEBOOK OUT.json
 *
 * The query is what the header model asks for: the notebook's imported
 * modules, and the distributions it stores (`metadata.nbproject.pypackage`)
 * or imports. The analysis and the request come from BENCH_CORE (src/core/
 * compiled by scripts/bench.sh), else dist-cli/.
 */

const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');

function main() {
  const [notebookFile, out] = process.argv.slice(2);
  const core = process.env.BENCH_CORE || path.join(ROOT, 'dist-cli');
  const { probeRequest, PROBE_EXPRESSION_KEY } = require(
    path.join(core, 'core/kernel/probeRequest.js')
  );
  const { NotebookAnalysis } = require(
    path.join(core, 'core/notebook/analysis.js')
  );
  const { importedDistributions } = require(
    path.join(core, 'core/packages/distributions.js')
  );
  const { parser } = require('@lezer/python');
  const notebook = JSON.parse(fs.readFileSync(notebookFile, 'utf8'));
  const analysis = new NotebookAnalysis({ parser });
  analysis.update(notebook.cells);
  const modules = analysis.result().modules.map(module => module.name);
  const stored = Object.keys(notebook.metadata?.nbproject?.pypackage ?? {});
  const query = {
    modules,
    distributions: [...new Set([...stored, ...importedDistributions(modules)])]
  };
  const content = probeRequest(query);
  fs.writeFileSync(
    out,
    JSON.stringify({ key: PROBE_EXPRESSION_KEY, query, content }, null, 1)
  );
  console.log(
    `  probe request for ${path.basename(notebookFile)}: ${query.modules.length} modules, ` +
      `${query.distributions.length} distributions, ${JSON.stringify(content).length} bytes`
  );
}

main();
