// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { ExitCode, main } from '../../../cli/main';
import {
  comparePackages,
  installCommand,
  recordLiveVersions
} from '../../../core/packages/compare';
import {
  readNbproject,
  serializeNbproject,
  updateNbproject
} from '../../../core/nbproject/metadata';
import { planPublish } from '../../../core/publish/plan';
import {
  parseProbeReply,
  PROBE_EXPRESSION_KEY
} from '../../../core/kernel/probeRequest';
import { parser } from '@lezer/python';

/**
 * Package names that are also names of `Object.prototype`'s members:
 * stored in a notebook, they are names like any other.
 */
const STORED =
  '{"__proto__": "1.0", "constructor": "2.0", "toString": "3.0", "numpy": "1.26.4"}';

/**
 * The notebook's `metadata.nbproject`, parsed from text as a file is (an
 * object literal would make `__proto__` the prototype, not a key).
 */
const NBPROJECT = `{"id": "Zv1wV7oM9ztH", "version": "1", "time_init": "2022-10-09T15:08:04+00:00", "pypackage": ${STORED}}`;

/**
 * The kernel's answer to a probe: `constructor` installed at 2.0,
 * `toString` at 3.1, numpy not installed (and an answer for `__proto__`,
 * which it was not asked about).
 */
function kernelReply(): Record<string, unknown> {
  const payload = `{"python": {"version": "3.11.7", "implementation": "CPython"}, "executable": "/env/bin/python", "prefix": "/env", "platform": "linux", "distributions": {"__proto__": "1.1", "constructor": "2.0", "toString": "3.1", "numpy": ""}, "moduleDistributions": {}, "loadedModules": []}`;
  return {
    status: 'ok',
    user_expressions: {
      [PROBE_EXPRESSION_KEY]: {
        status: 'ok',
        data: { 'text/plain': `'${Buffer.from(payload).toString('base64')}'` },
        metadata: {}
      }
    }
  };
}

describe('packages named like members of Object.prototype', () => {
  it('are stored, asked about, compared, recorded and written back like any other name', () => {
    // Stored.
    const read = readNbproject(JSON.parse(NBPROJECT));
    const stored = read.metadata!.pypackage!;
    expect(Object.keys(stored)).toEqual([
      '__proto__',
      'constructor',
      'toString',
      'numpy'
    ]);

    // Live: the kernel's answer keeps `constructor` and `toString`; the probe
    // never asks about `__proto__`, which cannot be a distribution's name
    // (PEP 508 names start with a letter or digit), so its answer is not
    // taken either.
    const result = parseProbeReply(kernelReply(), {
      modules: [],
      distributions: Object.keys(stored)
    });
    if (!result.ok) {
      throw new Error(result.detail);
    }
    const live = result.environment.distributions;
    expect(JSON.stringify(live)).toBe(
      '{"constructor":"2.0","numpy":"","toString":"3.1"}'
    );

    // Compared: a different version, not "missing"; `__proto__` is not
    // installed, as no distribution can be named so.
    const rows = comparePackages(stored, live, []);
    expect(
      rows.map(row => [row.name, row.stored, row.live, row.status])
    ).toEqual([
      ['__proto__', '1.0', null, 'missing'],
      ['constructor', '2.0', '2.0', 'match'],
      ['numpy', '1.26.4', null, 'missing'],
      ['toString', '3.0', '3.1', 'mismatch']
    ]);

    // Recorded and written back: an own key, and no object's prototype.
    const pypackage = recordLiveVersions(stored, rows);
    const written = serializeNbproject(
      updateNbproject(read.metadata!, { pypackage })
    );
    expect(JSON.stringify(written.pypackage)).toBe(
      '{"__proto__":"1.0","constructor":"2.0","toString":"3.1","numpy":"1.26.4"}'
    );
    expect(Object.getPrototypeOf(written.pypackage)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();

    // Published with the kernel: pinned to the live version; one the kernel
    // lacks keeps its stored version.
    const plan = planPublish({
      parser,
      cells: [],
      nbproject: JSON.parse(NBPROJECT),
      extension: undefined,
      live: { distributions: live },
      codeDigest: 'f'.repeat(64),
      now: new Date('2024-01-01T00:00:00Z')
    });
    expect(JSON.stringify(plan.nbproject.pypackage)).toBe(
      '{"__proto__":"1.0","constructor":"2.0","numpy":"1.26.4","toString":"3.1"}'
    );

    // Installed: not a PEP 508 name, so left out and counted.
    expect(installCommand(stored)).toEqual({
      command: 'pip install constructor==2.0 numpy==1.26.4 toString==3.0',
      leftOut: 1
    });
  });

  it('is exported as a requirement only if it is one: the CLI leaves it out and says so', () => {
    const text = `{"nbformat": 4, "nbformat_minor": 5, "cells": [], "metadata": {"nbproject": ${NBPROJECT}}}`;
    let stdout = '';
    let stderr = '';
    const status = main(['export', '--requirements', 'nb.ipynb'], {
      stdout: out => (stdout += out),
      stderr: err => (stderr += err),
      readFile: file => {
        if (file === 'nb.ipynb') {
          return text;
        }
        throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      }
    });
    expect(status).toBe(ExitCode.Ok);
    expect(
      stdout.split('\n').filter(line => line && !line.startsWith('#'))
    ).toEqual(['constructor==2.0', 'numpy==1.26.4', 'toString==3.0']);
    expect(stderr).toContain(
      '"__proto__" is not a package name; it is left out.'
    );
  });
});
