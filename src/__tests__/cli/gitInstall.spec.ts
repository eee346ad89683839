// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT } from './cliBuild';

/**
 * pre-commit's `language: node` hooks and `npm install -g git+…` install the
 * repository as git has it. npm builds nothing for them: a git dependency
 * with one of these scripts gets a "preparation" install first, which under
 * pre-commit (its NPM_CONFIG_PREFIX) installs elsewhere and fails, and
 * `prepack` never runs. So the compiled CLI is committed, and packed.
 */
const PREPARING_SCRIPTS = [
  'build',
  'prepare',
  'prepack',
  'preinstall',
  'install',
  'postinstall'
];

describe('nbproject-lab installed from git (pre-commit, npm install -g git+…)', () => {
  const manifest = JSON.parse(
    fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')
  );

  it('has no script that makes npm prepare a git install', () => {
    const scripts = Object.keys(manifest.scripts ?? {});
    expect(scripts.filter(name => PREPARING_SCRIPTS.includes(name))).toEqual(
      []
    );
  });

  it('packs the bin and the compiled CLI it requires', () => {
    const out = execFileSync(
      'npm',
      ['pack', '--dry-run', '--json', '--ignore-scripts'],
      { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }
    );
    const files: string[] = JSON.parse(out)[0].files.map(
      (file: { path: string }) => file.path
    );
    expect(manifest.bin['nbproject-lab']).toBe('bin/nbproject-lab.js');
    expect(files).toContain('bin/nbproject-lab.js');
    // What the bin requires, and what that requires in turn.
    expect(files).toContain('dist-cli/cli/main.js');
    expect(files).toContain('dist-cli/core/python/nameScan.js');
  }, 60000);

  it('has the compiled CLI in git, not only in the working tree', () => {
    let tracked: string;
    try {
      tracked = execFileSync('git', ['ls-files', 'dist-cli'], {
        cwd: ROOT,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore']
      });
    } catch {
      console.warn('not a git checkout: the committed dist-cli/ is unchecked');
      return;
    }
    const files = tracked.split('\n').filter(Boolean);
    expect(files).toContain('dist-cli/cli/main.js');
    // Every module of the build is there (scripts/check-dist-cli.sh checks
    // that they are a fresh build).
    const built = (dir: string): string[] =>
      fs
        .readdirSync(path.join(ROOT, dir), { withFileTypes: true })
        .flatMap(entry =>
          entry.isDirectory()
            ? built(`${dir}/${entry.name}`)
            : [`${dir}/${entry.name}`]
        );
    expect(files.sort()).toEqual(built('dist-cli').sort());
  });

  it('names a package it needs that a clone has not installed, and what to run', () => {
    // The bin and the compiled CLI alone, as in a clone before `npm install`.
    const bare = fs.mkdtempSync(path.join(os.tmpdir(), 'nbproject-lab-bare-'));
    try {
      for (const part of ['bin', 'dist-cli', 'package.json']) {
        fs.cpSync(path.join(ROOT, part), path.join(bare, part), {
          recursive: true
        });
      }
      // A continued line: the name scan leaves it to the Python parser.
      const notebook = path.join(bare, 'continued.ipynb');
      fs.writeFileSync(
        notebook,
        JSON.stringify({
          cells: [
            {
              cell_type: 'code',
              id: 'a',
              metadata: {},
              execution_count: 1,
              outputs: [],
              source: ['x = 1 + \\\n', '    2\n']
            }
          ],
          metadata: {},
          nbformat: 4,
          nbformat_minor: 5
        })
      );
      const result = spawnSync(
        process.execPath,
        [
          path.join(bare, 'bin/nbproject-lab.js'),
          'check',
          '--require',
          'hidden-state',
          notebook
        ],
        {
          cwd: bare,
          encoding: 'utf8',
          env: { ...process.env, NODE_PATH: '' },
          timeout: 30000
        }
      );
      expect(result.status).toBe(2);
      expect(result.stderr).toBe(
        `nbproject-lab: the package @lezer/python it needs is not installed: run "npm install --omit=dev" in ${bare}\n`
      );
    } finally {
      fs.rmSync(bare, { recursive: true, force: true });
    }
  });
});
