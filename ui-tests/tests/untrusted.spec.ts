import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { expect, test } from '@jupyterlab/galata';
import {
  HEADER,
  ourLongestFrame,
  runCommand,
  savedNotebook,
  watchOurLongFrames
} from './utils';

const sha256 = (data: string | Buffer) =>
  createHash('sha256').update(data).digest('hex');

/**
 * A digest a stranger's notebook claims for a file outside the project.
 */
const CLAIMED = '0'.repeat(64);

/**
 * A notebook as a stranger could send it: its manifest and its cells name
 * files outside the project (escapes with `..`, `~`, absolute paths, a
 * symlink beside it that points out), a FIFO beside it, `/dev/zero`, and a
 * few crafted long lines.
 */
function untrustedNotebook(canary: string): string {
  const outside = [
    '../../../../../../../../etc/passwd',
    '~/.aws/credentials',
    '/proc/self/environ',
    canary,
    'link-out',
    '/dev/zero',
    'fifo'
  ];
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: {
        display_name: 'Python 3',
        language: 'python',
        name: 'python3'
      },
      language_info: { name: 'python' },
      nbproject: {
        id: 'Untrusted001',
        time_init: '2024-03-05T10:20:30+00:00',
        version: '1',
        pypackage: {}
      },
      jupyterlab_nbproject: {
        schema_version: 1,
        history: [],
        data: {
          files: [
            {
              path: '../../../../../../../../etc/passwd',
              sha256: CLAIMED,
              size: 1
            },
            { path: canary, sha256: CLAIMED, size: 8 },
            { path: 'link-out', sha256: CLAIMED, size: 8 },
            { path: 'inside.csv', sha256: CLAIMED, size: 3 }
          ]
        }
      }
    },
    cells: [
      {
        cell_type: 'markdown',
        id: 'title',
        metadata: {},
        source: `# ${'Long title '.repeat(20000)}`
      },
      {
        cell_type: 'code',
        id: 'reads',
        metadata: {},
        execution_count: null,
        outputs: [],
        source: [
          'import pandas as pd\n',
          ...outside.map(
            (file, i) => `d${i} = open(${JSON.stringify(file)}).read()\n`
          ),
          'df = pd.read_csv("inside.csv")\n'
        ]
      },
      {
        cell_type: 'code',
        id: 'long',
        metadata: {},
        execution_count: null,
        outputs: [],
        source: `token = "${'xoxb-'.repeat(40000)}"`
      }
    ]
  });
}

test.describe('an untrusted notebook', () => {
  test('opens without reading outside the project or holding the kernel, and publishing records nothing outside', async ({
    page,
    tmpPath
  }) => {
    test.setTimeout(120000);
    const config = await page.evaluate(() =>
      JSON.parse(document.getElementById('jupyter-config-data')!.textContent!)
    );
    const serverRoot = String(config.serverRoot).replace(
      /^~(?=\/|$)/,
      os.homedir()
    );
    const folder = path.join(serverRoot, tmpPath);

    // A canary outside the server root, last read two days ago: reading it
    // would move its access time (relatime).
    const outsideDir = fs.mkdtempSync(
      path.join(os.tmpdir(), 'nbproject-canary-')
    );
    const canary = path.join(outsideDir, 'secret.txt');
    fs.writeFileSync(canary, 'private\n');
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    fs.utimesSync(canary, twoDaysAgo, fs.statSync(canary).mtime);
    expect(path.relative(serverRoot, canary).startsWith('..')).toBe(true);

    try {
      await page.contents.uploadContent(
        untrustedNotebook(canary),
        'text',
        `${tmpPath}/untrusted.ipynb`
      );
      await page.contents.uploadContent(
        'a\n1\n',
        'text',
        `${tmpPath}/inside.csv`
      );
      fs.symlinkSync(canary, path.join(folder, 'link-out'));
      expect(spawnSync('mkfifo', [path.join(folder, 'fifo')]).status).toBe(0);

      // The extension's own scripts in frames the browser could not show
      // in time: the page must not freeze because of us (JupyterLab's own
      // rendering aside).
      await watchOurLongFrames(page);

      await page.filebrowser.open(`${tmpPath}/untrusted.ipynb`);
      await page.waitForSelector(`${HEADER} [data-tracked]`);

      // As soon as the kernel is up, ask it for 1+1 while our requests run.
      const asked = await page.evaluate(async () => {
        const app = (window as any).jupyterapp;
        const panel = app.shell.currentWidget;
        const started = performance.now();
        while (panel.sessionContext.session?.kernel?.status !== 'idle') {
          if (performance.now() - started > 60000) {
            throw new Error('no kernel');
          }
          await new Promise(resolve => setTimeout(resolve, 20));
        }
        const kernel = panel.sessionContext.session.kernel;
        const t0 = performance.now();
        let result = '';
        const future = kernel.requestExecute({
          code: '1+1',
          silent: false,
          store_history: false
        });
        future.onIOPub = (msg: any) => {
          if (msg.header.msg_type === 'execute_result') {
            result = msg.content.data['text/plain'];
          }
        };
        await future.done;
        return { ms: performance.now() - t0, result };
      });
      console.log(`1+1 answered in ${Math.round(asked.ms)} ms`);
      expect(asked.result).toBe('2');
      expect(asked.ms).toBeLessThan(2000);

      const header = page.locator(HEADER);
      if ((await header.locator('.jp-nbproject-details').count()) === 0) {
        await header
          .locator('.jp-nbproject-toggle .jp-nbproject-brand')
          .click();
      }
      const data = header.locator('[data-field="data"]');
      await expect(data).toHaveAttribute('data-state', 'done', {
        timeout: 30000
      });
      const row = (file: string) => data.locator(`tr[data-path="${file}"]`);
      await expect(row('inside.csv')).toHaveAttribute('data-status', 'changed');
      for (const file of [
        '../../../../../../../../etc/passwd',
        canary,
        'link-out',
        '~/.aws/credentials',
        '/proc/self/environ',
        '/dev/zero'
      ]) {
        await expect(row(file)).toHaveAttribute('data-reason', 'outside');
        await expect(row(file)).toHaveAttribute('data-status', 'not-checked');
      }
      await expect(row('link-out')).toContainText(
        'outside the project, not checked'
      );
      await expect(row('fifo')).toHaveAttribute('data-reason', 'special');

      const longest = await ourLongestFrame(page);
      console.log(`longest script of ours in a late frame: ${longest} ms`);
      expect(longest).toBeLessThan(150);

      // A forced publish records no digest for anything outside; what the
      // notebook claimed for outside files stays as it was.
      const result = await runCommand(page, 'nbproject:publish', {
        force: true,
        interactive: false
      });
      expect(result.published).toBe(true);
      const saved = await savedNotebook(page, `${tmpPath}/untrusted.ipynb`);
      const entries = saved.metadata.jupyterlab_nbproject.data.files;
      expect(entries).toEqual([
        {
          path: '../../../../../../../../etc/passwd',
          sha256: CLAIMED,
          size: 1
        },
        { path: canary, sha256: CLAIMED, size: 8 },
        { path: 'inside.csv', sha256: sha256('a\n1\n'), size: 4 },
        { path: 'link-out', sha256: CLAIMED, size: 8 }
      ]);
      expect(JSON.stringify(saved)).not.toContain(sha256('private\n'));

      // The canary was never read.
      expect(fs.statSync(canary).atimeMs).toBeLessThan(
        twoDaysAgo.getTime() + 1000
      );
    } finally {
      fs.rmSync(outsideDir, { recursive: true, force: true });
    }
  });
});
