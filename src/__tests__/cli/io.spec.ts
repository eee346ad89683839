// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { buildCliIfStale, ROOT } from './cliBuild';

/**
 * The program as a process: how it behaves on its streams and with the
 * processes it starts.
 */

let dir: string;

beforeAll(() => buildCliIfStale(), 120000);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nbproject-io-'));
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * Run `bin/nbproject-lab.js` with its stdout on a pipe that is closed
 * once the first bytes came, as `| head -1` does.
 */
function runClosedEarly(
  args: string[]
): Promise<{ status: number | null; stderr: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(
      process.execPath,
      [path.join(ROOT, 'bin/nbproject-lab.js'), ...args],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] }
    );
    const killer = setTimeout(() => child.kill('SIGKILL'), 30000);
    let stderr = '';
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => (stderr += chunk));
    child.stdout!.once('data', () => child.stdout!.destroy());
    child.on('error', reject);
    child.on('close', status => {
      clearTimeout(killer);
      resolve({ status, stderr, ms: Date.now() - started });
    });
  });
}

describe('a reader that closes standard output early', () => {
  // Enough notebooks that the reader closes long before the end.
  const many = Array.from(
    { length: 3000 },
    () => 'examples/01-tracked-analysis.ipynb'
  );

  it.each(['human', 'json', 'github', 'sarif'])(
    'stops check --format %s quietly, with the status so far',
    async format => {
      const result = await runClosedEarly([
        'check',
        '--require',
        'consecutive',
        '--format',
        format,
        ...many.map(() => 'examples/04-out-of-order.ipynb')
      ]);
      expect(result.stderr).toBe('');
      // The notebooks reported fail: 1, from the run, not from a crash.
      expect(result.status).toBe(1);
    },
    40000
  );

  it('exits 0 when every notebook reported passed', async () => {
    const result = await runClosedEarly(['check', '--require', 'all', ...many]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  }, 40000);
});
