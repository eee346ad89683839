// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { HASH_SOURCE } from '../../core/kernel/hashRequest';
import { PROBE_SOURCE } from '../../core/kernel/probeRequest';

// The build's loader (plain JavaScript, outside src).
type Loader = (source: string) => string;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pythonComments: Loader = require('../../../webpack/pythonComments.js');

const KERNEL = path.join(__dirname, '..', '..', 'core', 'kernel');

/** The lines of `before` that are not in `after` (which keeps its order). */
function dropped(before: string, after: string): string[] {
  const kept = after.split('\n');
  const out: string[] = [];
  let k = 0;
  for (const line of before.split('\n')) {
    if (k < kept.length && kept[k] === line) {
      k++;
    } else {
      out.push(line);
    }
  }
  expect(k).toBe(kept.length);
  return out;
}

/** The module as tsc emits it for the browser build (tsconfig.json). */
function compiled(file: string): string {
  return ts.transpileModule(fs.readFileSync(path.join(KERNEL, file), 'utf8'), {
    compilerOptions: {
      target: ts.ScriptTarget.ES2020,
      module: ts.ModuleKind.ESNext
    }
  }).outputText;
}

describe('the build loader that drops Python comment lines', () => {
  it.each([
    ['probeRequest.ts', PROBE_SOURCE],
    ['hashRequest.ts', HASH_SOURCE]
  ])(
    'drops from %s only the comment lines of the program it sends',
    (file, program) => {
      // No string spans lines in the program: a line that starts with `#`
      // is a comment, which Python skips.
      expect(program).not.toMatch(/"""|'''/);
      const comments = program.split('\n').filter(line => /^\s*#/.test(line));
      expect(comments.length).toBeGreaterThan(0);
      expect(dropped(program, pythonComments(program))).toEqual(comments);
      const source = compiled(file);
      expect(dropped(source, pythonComments(source))).toEqual(comments);
    }
  );

  it('leaves the other request modules as they are', () => {
    const others = fs
      .readdirSync(KERNEL)
      .filter(
        file =>
          /Request\.ts$/.test(file) &&
          !['probeRequest.ts', 'hashRequest.ts'].includes(file)
      );
    expect(others.length).toBeGreaterThan(0);
    for (const file of others) {
      const source = compiled(file);
      expect(pythonComments(source)).toBe(source);
    }
  });
});
