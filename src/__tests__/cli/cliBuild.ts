// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { execFileSync, spawnSync, SpawnSyncReturns } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from '../../../testutils/paths';

/**
 * The repository's root.
 */
export { ROOT };

/**
 * Build dist-cli when it is missing or older than a source it is built
 * from, so that the executable the tests run is the code they test.
 */
export function buildCliIfStale(): void {
  const compiled = path.join(ROOT, 'dist-cli/cli/main.js');
  const built = fs.existsSync(compiled) ? fs.statSync(compiled).mtimeMs : 0;
  // Core is grouped in folders: every file below counts, not only the top.
  const newer = (dir: string): boolean =>
    fs.readdirSync(dir, { withFileTypes: true }).some(entry => {
      const child = path.join(dir, entry.name);
      return entry.isDirectory()
        ? newer(child)
        : fs.statSync(child).mtimeMs > built;
    });
  const stale = ['src/core', 'src/cli'].some(dir =>
    newer(path.join(ROOT, dir))
  );
  if (stale) {
    execFileSync(
      process.execPath,
      [
        path.join(ROOT, 'node_modules/typescript/bin/tsc'),
        '-p',
        'tsconfig.cli.json'
      ],
      {
        cwd: ROOT,
        stdio: 'pipe'
      }
    );
  }
}

/**
 * Run `bin/nbproject-lab.js` as a process, killed after 30 s: a run that
 * hangs (on a FIFO, on /dev/zero) fails its test instead of stalling the
 * suite.
 *
 * @param args - the program's arguments.
 * @param cwd - its working directory.
 */
export function runBin(args: string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(
    process.execPath,
    [path.join(ROOT, 'bin/nbproject-lab.js'), ...args],
    {
      cwd,
      encoding: 'utf8',
      timeout: 30000
    }
  );
}
