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

  describe('a clone without npm install', () => {
    // The bin and the compiled CLI alone, as in a clone before `npm install`.
    let bare: string;
    let notebook: string;
    beforeAll(() => {
      bare = fs.mkdtempSync(path.join(os.tmpdir(), 'nbproject-lab-bare-'));
      for (const part of ['bin', 'dist-cli', 'package.json']) {
        fs.cpSync(path.join(ROOT, part), path.join(bare, part), {
          recursive: true
        });
      }
      // Plain code the fast scans read without the parser: the run still
      // says so before reading it, not only at a cell the parser reads.
      notebook = path.join(bare, 'plain.ipynb');
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
              source: ['x = 1\n']
            }
          ],
          metadata: {},
          nbformat: 4,
          nbformat_minor: 5
        })
      );
    });
    afterAll(() => {
      fs.rmSync(bare, { recursive: true, force: true });
    });
    const run = (...args: string[]) =>
      spawnSync(
        process.execPath,
        [path.join(bare, 'bin/nbproject-lab.js'), ...args],
        {
          cwd: bare,
          encoding: 'utf8',
          env: { ...process.env, NODE_PATH: '', GITHUB_STEP_SUMMARY: '' },
          timeout: 30000
        }
      );
    const said = () =>
      `the package @lezer/python it needs is not installed: run "npm install --omit=dev" in ${bare}`;

    it('names the package it needs, and what to run', () => {
      const result = run('check', '--require', 'hidden-state', notebook);
      expect(result.status).toBe(2);
      expect(result.stderr).toBe(`nbproject-lab: ${said()}\n`);
      expect(result.stdout).toBe('');
    });

    it('says it on the pull request with --format github', () => {
      const result = run(
        'check',
        '--format',
        'github',
        '--require',
        'pinned',
        notebook
      );
      expect(result.status).toBe(2);
      expect(result.stdout).toContain(
        `::error title=nbproject-lab install::${said()}\n`
      );
    });

    it('writes a SARIF log whose run failed, saying why', () => {
      const result = run(
        'check',
        '--format',
        'sarif',
        '--require',
        'hidden-state',
        notebook
      );
      expect(result.status).toBe(2);
      const [invocation] = JSON.parse(result.stdout).runs[0].invocations;
      expect(invocation.executionSuccessful).toBe(false);
      expect(invocation.toolExecutionNotifications).toEqual([
        { level: 'error', message: { text: said() } }
      ]);
    });

    it('says it before checking data files', () => {
      const result = run('check', '--data', notebook);
      expect(result.status).toBe(2);
      expect(result.stderr).toBe(`nbproject-lab: ${said()}\n`);
    });

    it('says it before the human report, which lists the imports', () => {
      const result = run('check', '--require', 'consecutive', notebook);
      expect(result.status).toBe(2);
      expect(result.stderr).toBe(`nbproject-lab: ${said()}\n`);
      expect(result.stdout).toBe('');
    });

    it('names a package of a partial install when the parser first loads', () => {
      // @lezer/python there, one of its own dependencies not.
      const lezer = path.join(bare, 'node_modules', '@lezer', 'python');
      fs.mkdirSync(lezer, { recursive: true });
      fs.writeFileSync(
        path.join(lezer, 'package.json'),
        JSON.stringify({ name: '@lezer/python', main: 'index.js' })
      );
      fs.writeFileSync(
        path.join(lezer, 'index.js'),
        "module.exports = require('@lezer/lr');\n"
      );
      // A continued line: the name scan leaves it to the Python parser.
      const continued = path.join(bare, 'continued.ipynb');
      fs.writeFileSync(
        continued,
        fs
          .readFileSync(notebook, 'utf8')
          .replace('"x = 1\\n"', '"x = 1 + \\\\\\n", "    2\\n"')
      );
      try {
        const result = run('check', '--require', 'hidden-state', continued);
        expect(result.status).toBe(2);
        expect(result.stderr).toBe(
          `nbproject-lab: the package @lezer/lr it needs is not installed: run "npm install --omit=dev" in ${bare}\n`
        );
      } finally {
        fs.rmSync(path.join(bare, 'node_modules'), {
          recursive: true,
          force: true
        });
      }
    });

    it('runs the checks that read no code in the github format', () => {
      const result = run(
        'check',
        '--format',
        'github',
        '--require',
        'consecutive,metadata',
        notebook
      );
      // The metadata check fails (none stored); nothing is missing.
      expect(result.status).toBe(1);
      expect(result.stderr).toBe('');
      expect(result.stdout).toContain('nbproject metadata');
    });
  });
});
