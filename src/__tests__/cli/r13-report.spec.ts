// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { ExitCode, main } from '../../cli/main';
import { reportPath } from '../../cli/report';
import { buildCliIfStale, ROOT } from './cliBuild';
import { memoryIO, notebookText } from './scratch';

/**
 * What a GitHub Actions user sees of `check --format github` and
 * `--format sarif`: a step summary that says how many notebooks failed
 * each check and tells notes from errors, and files named as GitHub
 * finds them in the repository.
 */

const TITLE = { type: 'markdown', source: '# Fine\n' };
/**
 * Fails `consecutive` (a cell run twice) and not `title`.
 */
const RERUN = notebookText([TITLE, { source: 'x = 1\n', count: 2 }]);
/**
 * Fails `title` and not `consecutive`.
 */
const UNTITLED = notebookText([{ source: 'x = 1\n', count: 1 }]);
/**
 * Fails both.
 */
const BOTH = notebookText([{ source: 'x = 1\n', count: 3 }]);
/**
 * Passes both; its line too long to scan is a note of `secrets`.
 */
const LONG = notebookText([
  TITLE,
  { source: `x = "${'a'.repeat(10_001)}"\n`, count: 1 }
]);

/**
 * Run the program in memory with `GITHUB_WORKSPACE` set to `workspace`
 * (unset when `undefined`), and a step summary as in a workflow.
 */
async function inWorkflow(
  args: string[],
  files: Record<string, string>,
  cwd: string | undefined,
  workspace: string | undefined
): Promise<{
  status: ExitCode;
  stdout: string;
  stderr: string;
  summary: string;
}> {
  const saved = process.env.GITHUB_WORKSPACE;
  if (workspace === undefined) {
    delete process.env.GITHUB_WORKSPACE;
  } else {
    process.env.GITHUB_WORKSPACE = workspace;
  }
  try {
    const { io, out } = memoryIO(files, cwd);
    const summary: string[] = [];
    const status = (await main(args, {
      ...io,
      stepSummary: markdown => summary.push(markdown)
    })) as ExitCode;
    return { status, ...out, summary: summary.join('') };
  } finally {
    if (saved === undefined) {
      delete process.env.GITHUB_WORKSPACE;
    } else {
      process.env.GITHUB_WORKSPACE = saved;
    }
  }
}

/**
 * The files the github annotations name, in order.
 */
function annotated(stdout: string): string[] {
  return [...stdout.matchAll(/^::\w+ file=([^,:]*)/gm)].map(match => match[1]);
}

/**
 * The URIs of a SARIF log's results, in order.
 */
function uris(stdout: string): string[] {
  const log = JSON.parse(stdout) as {
    runs: {
      results: {
        locations: {
          physicalLocation: { artifactLocation: { uri: string } };
        }[];
      }[];
    }[];
  };
  return log.runs[0].results.map(
    result => result.locations[0].physicalLocation.artifactLocation.uri
  );
}

describe('r13 step summary: how many notebooks failed each check', () => {
  it('counts the notebooks that failed each check, and those not read', async () => {
    const result = await inWorkflow(
      [
        'check',
        '--format',
        'github',
        '--require',
        'consecutive,title,metadata',
        'a.ipynb',
        'b.ipynb',
        'c.ipynb',
        'd.ipynb',
        'e.ipynb'
      ],
      {
        'a.ipynb': RERUN,
        'b.ipynb': RERUN,
        'c.ipynb': BOTH,
        'd.ipynb': UNTITLED,
        'e.ipynb': 'not a notebook\n'
      },
      undefined,
      undefined
    );
    expect(result.status).toBe(ExitCode.BadInput);
    // `metadata` fails in every notebook read: none tracks one.
    expect(result.summary.split('\n').slice(0, 9)).toEqual([
      '### nbproject-lab check',
      '',
      '5 of 5 notebooks failed a required check or could not be read:',
      '',
      '- `consecutive`: failed by 3 notebooks',
      '- `title`: failed by 2 notebooks',
      '- `metadata`: failed by 4 notebooks',
      '- not read: 1 notebook',
      ''
    ]);
    expect(result.summary).not.toContain('Passed by');
    expect(result.summary).not.toContain(
      '(`consecutive`, `title`, `metadata`)'
    );
  });

  it('names apart the required checks no notebook failed', async () => {
    const result = await inWorkflow(
      [
        'check',
        '--format',
        'github',
        '--require',
        'consecutive,title,secrets',
        'a.ipynb',
        'b.ipynb',
        'c.ipynb'
      ],
      { 'a.ipynb': RERUN, 'b.ipynb': LONG, 'c.ipynb': RERUN },
      undefined,
      undefined
    );
    expect(result.status).toBe(ExitCode.Failed);
    expect(result.summary.split('\n').slice(2, 7)).toEqual([
      '2 of 3 notebooks failed a required check:',
      '',
      '- `consecutive`: failed by 2 notebooks',
      '',
      'Passed by every notebook read: `title`, `secrets`.'
    ]);
  });

  it('says when the only failures are notebooks that could not be read', async () => {
    const result = await inWorkflow(
      [
        'check',
        '--format',
        'github',
        '--require',
        'title',
        'a.ipynb',
        'missing.ipynb'
      ],
      { 'a.ipynb': notebookText([TITLE]) },
      undefined,
      undefined
    );
    expect(result.summary.split('\n')[2]).toBe(
      '1 of 2 notebooks could not be read; the other passes `title`.'
    );
  });
});

describe('r13 step summary: notes are not failures', () => {
  it('lists errors under the checks failed, and notes apart', async () => {
    const withNotes = notebookText([
      { source: `x = "${'a'.repeat(10_001)}"\n`, count: 2 }
    ]);
    const result = await inWorkflow(
      [
        'check',
        '--format',
        'github',
        '--require',
        'consecutive,title,secrets,paths',
        'notes.ipynb',
        'long.ipynb',
        'rerun.ipynb'
      ],
      { 'notes.ipynb': withNotes, 'long.ipynb': LONG, 'rerun.ipynb': BOTH },
      undefined,
      undefined
    );
    const lines = result.summary.split('\n');
    const table = lines.indexOf('| Notebook | Failed | Notes |');
    expect(lines.slice(table, table + 5)).toEqual([
      '| Notebook | Failed | Notes |',
      '| --- | --- | --- |',
      '| `notes.ipynb` | consecutive: 1 error, title: 1 error | secrets: 1 note, paths: 1 note |',
      '| `long.ipynb` | – | secrets: 1 note, paths: 1 note |',
      '| `rerun.ipynb` | consecutive: 1 error, title: 1 error | – |'
    ]);
    // The checks with only notes passed: the verdict says so.
    expect(lines).toContain(
      'Passed by every notebook read: `secrets`, `paths`.'
    );
  });

  it('counts past a thousand as GitHub users read them', async () => {
    const cells = Array.from({ length: 1200 }, () => ({
      source: 'x = 1\n',
      count: 5
    }));
    const result = await inWorkflow(
      ['check', '--format', 'github', '--require', 'consecutive', 'a.ipynb'],
      { 'a.ipynb': notebookText(cells) },
      undefined,
      undefined
    );
    expect(result.summary).toContain(
      '| `a.ipynb` | consecutive: 1,200 errors | – |'
    );
  });
});

describe('r13 report paths: a backslash is a separator only on Windows', () => {
  it('on POSIX, a backslash is part of the name: github as is, SARIF %5C', async () => {
    const name = 'trail\\.ipynb';
    const github = await inWorkflow(
      ['check', '--format', 'github', '--require', 'title', name],
      { [name]: UNTITLED },
      '/work/repo',
      undefined
    );
    expect(annotated(github.stdout)).toEqual(['trail\\.ipynb']);
    expect(github.summary).toContain(
      '| `trail\\.ipynb` | title: 1 error | – |'
    );
    const sarif = await inWorkflow(
      ['check', '--format', 'sarif', '--require', 'title', name, 'a b.ipynb'],
      { [name]: UNTITLED, 'a b.ipynb': UNTITLED },
      '/work/repo',
      undefined
    );
    expect(uris(sarif.stdout)).toEqual(['trail%5C.ipynb', 'a%20b.ipynb']);
  });

  it('reads `\\` as `/` on Windows only', () => {
    const windows = { cwd: 'C:\\work\\repo', windows: true };
    const posix = { cwd: '/work/repo', windows: false };
    expect(reportPath('dir\\nb.ipynb', windows)).toEqual({
      path: 'dir/nb.ipynb',
      uri: 'dir/nb.ipynb'
    });
    expect(reportPath('C:\\work\\repo\\sub\\nb.ipynb', windows)).toEqual({
      path: 'sub/nb.ipynb',
      uri: 'sub/nb.ipynb'
    });
    expect(reportPath('D:\\x\\nb.ipynb', windows)).toEqual({
      path: 'D:/x/nb.ipynb',
      uri: 'file:///D:/x/nb.ipynb'
    });
    expect(reportPath('dir\\nb.ipynb', posix)).toEqual({
      path: 'dir\\nb.ipynb',
      uri: 'dir%5Cnb.ipynb'
    });
    expect(reportPath('/work/repo/a\\b/c.ipynb', posix)).toEqual({
      path: 'a\\b/c.ipynb',
      uri: 'a%5Cb/c.ipynb'
    });
    // A drive is Windows' too: elsewhere `C:` is a folder's name.
    expect(reportPath('C:/nb.ipynb', posix)).toEqual({
      path: 'C:/nb.ipynb',
      uri: 'C%3A/nb.ipynb'
    });
  });
});

describe('r13 report paths: relative to the repository root in a workflow', () => {
  const files = {
    '05-dependencies.ipynb': UNTITLED,
    '../other/x.ipynb': UNTITLED,
    '/tmp/elsewhere/y.ipynb': UNTITLED
  };
  const given = Object.keys(files);

  it('github: a step with working-directory names files from GITHUB_WORKSPACE', async () => {
    const result = await inWorkflow(
      ['check', '--format', 'github', '--require', 'title', ...given],
      files,
      '/work/repo/nb',
      '/work/repo'
    );
    expect(annotated(result.stdout)).toEqual([
      'nb/05-dependencies.ipynb',
      'other/x.ipynb',
      '/tmp/elsewhere/y.ipynb'
    ]);
    expect(result.summary).toContain(
      '| `nb/05-dependencies.ipynb` | title: 1 error | – |'
    );
  });

  it('sarif: URIs against %SRCROOT% are relative to GITHUB_WORKSPACE', async () => {
    const result = await inWorkflow(
      ['check', '--format', 'sarif', '--require', 'title', ...given],
      files,
      '/work/repo/nb',
      '/work/repo'
    );
    expect(uris(result.stdout)).toEqual([
      'nb/05-dependencies.ipynb',
      'other/x.ipynb',
      'file:///tmp/elsewhere/y.ipynb'
    ]);
  });

  it('without GITHUB_WORKSPACE, or a file outside it, relative to the working directory', async () => {
    const result = await inWorkflow(
      ['check', '--format', 'github', '--require', 'title', ...given],
      files,
      '/work/repo/nb',
      undefined
    );
    expect(annotated(result.stdout)).toEqual([
      '05-dependencies.ipynb',
      '../other/x.ipynb',
      '/tmp/elsewhere/y.ipynb'
    ]);
    const outside = await inWorkflow(
      ['check', '--format', 'github', '--require', 'title', ...given],
      files,
      '/work/repo/nb',
      '/work/repo/nb/deeper'
    );
    expect(annotated(outside.stdout)).toEqual([
      '05-dependencies.ipynb',
      '../other/x.ipynb',
      '/tmp/elsewhere/y.ipynb'
    ]);
  });

  it('the human and JSON reports name files as typed', async () => {
    const human = await inWorkflow(
      ['check', '--require', 'title', '05-dependencies.ipynb'],
      files,
      '/work/repo/nb',
      '/work/repo'
    );
    expect(human.stdout).toContain('05-dependencies.ipynb');
    expect(human.stdout).not.toContain('nb/05-dependencies.ipynb');
    const json = await inWorkflow(
      ['check', '--json', '--require', 'title', '05-dependencies.ipynb'],
      files,
      '/work/repo/nb',
      '/work/repo'
    );
    expect(JSON.parse(json.stdout).file).toBe('05-dependencies.ipynb');
  });

  it('as a process in a workflow step with working-directory', () => {
    buildCliIfStale();
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'nbproject-ws-'));
    try {
      const nb = path.join(workspace, 'nb');
      fs.mkdirSync(nb);
      fs.copyFileSync(
        path.join(ROOT, 'examples', '05-dependencies.ipynb'),
        path.join(nb, '05-dependencies.ipynb')
      );
      const summary = path.join(workspace, 'summary.md');
      const result = spawnSync(
        process.execPath,
        [
          path.join(ROOT, 'bin/nbproject-lab.js'),
          'check',
          '--format',
          'github',
          '--require',
          'consecutive',
          '05-dependencies.ipynb'
        ],
        {
          cwd: nb,
          encoding: 'utf8',
          timeout: 30000,
          env: {
            ...process.env,
            GITHUB_WORKSPACE: workspace,
            GITHUB_STEP_SUMMARY: summary
          }
        }
      );
      expect(result.status).toBe(ExitCode.Failed);
      expect(annotated(result.stdout)).toEqual(['nb/05-dependencies.ipynb']);
      expect(fs.readFileSync(summary, 'utf8')).toContain(
        '| `nb/05-dependencies.ipynb` | consecutive: 1 error | – |'
      );
    } finally {
      fs.rmSync(workspace, { recursive: true, force: true });
    }
  });
});
