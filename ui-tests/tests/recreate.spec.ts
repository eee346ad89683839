import { expect, test } from '@jupyterlab/galata';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { expandAndWaitForKernel, HEADER, runCommand } from './utils';

/**
 * The Python the test server's kernels run in.
 */
const PYTHON = path.resolve(__dirname, '../../.venv/bin/python');

/**
 * The installed version of a distribution in the kernel's environment.
 */
function installedVersion(name: string): string {
  const run = spawnSync(
    PYTHON,
    [
      '-c',
      `import importlib.metadata as m; print(m.version(${JSON.stringify(name)}))`
    ],
    { encoding: 'utf-8' }
  );
  return run.stdout.trim();
}

/**
 * A notebook importing jupyter_client whose published environment had
 * jupyter_client and tomlkit at 0.0.1 and a package this environment
 * does not have; the snapshot is partial, so nothing counts as added.
 */
function publishedNotebook(
  packages = [
    'jupyter_client==0.0.1',
    'nbproject-not-installed==1.2.3',
    'tomlkit==0.0.1'
  ],
  kernel = 'python3'
): string {
  return JSON.stringify({
    cells: [
      {
        cell_type: 'code',
        id: 'imports',
        metadata: {},
        source: 'import jupyter_client',
        execution_count: null,
        outputs: []
      }
    ],
    metadata: {
      kernelspec: {
        display_name: kernel,
        language: 'python',
        name: kernel
      },
      nbproject: {
        id: 'Recreate0001',
        time_init: '2024-03-05T10:20:30+00:00',
        version: '1',
        pypackage: { jupyter_client: '0.0.1' }
      },
      jupyterlab_nbproject: {
        schema_version: 1,
        environment: {
          python: '3.11.0',
          implementation: 'CPython',
          platform: 'linux-x86_64',
          installer: 'pip',
          partial: true,
          packages,
          sha256: '0'.repeat(64)
        }
      }
    },
    nbformat: 4,
    nbformat_minor: 5
  });
}

test.describe('install the stored versions', () => {
  test('the dialog lists exactly what changes, and Cancel runs nothing', async ({
    page,
    tmpPath
  }) => {
    const file = `${tmpPath}/recreate.ipynb`;
    const tomlkit = installedVersion('tomlkit');
    const client = installedVersion('jupyter_client');
    expect(tomlkit).not.toBe('');
    await page.contents.uploadContent(publishedNotebook(), 'text', file);
    await page.filebrowser.open(file);
    await page.waitForSelector(`${HEADER} [data-tracked]`);
    await expandAndWaitForKernel(page);
    const header = page.locator(HEADER);
    const table = header.locator('table.jp-nbproject-drift');
    await expect(table.locator('tbody tr')).toHaveCount(3, { timeout: 30000 });

    // From the drift table.
    await header.locator('.jp-nbproject-install-stored').click();
    const dialog = page.locator('.jp-Dialog');
    const body = dialog.locator('.jp-nbproject-recreate');
    await expect(body).toBeVisible();
    const items = body.locator('.jp-nbproject-recreate-changes li');
    await expect(items).toHaveCount(3);
    await expect(items.filter({ hasText: 'tomlkit' })).toHaveText(
      `tomlkit: ${tomlkit} → 0.0.1`
    );
    await expect(items.filter({ hasText: 'jupyter_client' })).toHaveText(
      `jupyter_client: ${client} → 0.0.1`
    );
    await expect(
      items.filter({ hasText: 'nbproject-not-installed' })
    ).toHaveText('nbproject-not-installed: not installed → 1.2.3');
    await expect(body.locator('.jp-nbproject-recreate-line code')).toHaveText(
      '%pip install jupyter_client==0.0.1 nbproject-not-installed==1.2.3 tomlkit==0.0.1'
    );
    // Where the kernel runs: the test server's own environment, as the
    // page's extension manager says (it installs into the server's prefix).
    const prefix = body.locator('.jp-nbproject-recreate-prefix');
    const serverPrefix = await page.evaluate(
      () =>
        JSON.parse(document.getElementById('jupyter-config-data')!.textContent!)
          .extensionManager.install_path
    );
    expect(serverPrefix).toMatch(/^\//);
    await expect(prefix).toHaveAttribute(
      'data-lab-environment',
      'labEnvironment.same'
    );
    await expect(prefix).toHaveText(
      `The kernel runs in ${serverPrefix}, where JupyterLab’s extension manager installs: ` +
        'it is the environment JupyterLab itself runs in, so installing here can change JupyterLab itself.'
    );

    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toHaveCount(0);
    // No log: nothing was sent to the kernel; nothing changed.
    await page.waitForTimeout(1000);
    await expect(page.locator('.jp-nbproject-install-log')).toHaveCount(0);
    await expect(table.locator('tr[data-package="tomlkit"]')).toHaveAttribute(
      'data-status',
      'changed'
    );
    expect(installedVersion('tomlkit')).toBe(tomlkit);

    // From the palette's command: it says it was cancelled.
    const outcome = runCommand(page, 'nbproject:install-stored-versions', {
      path: file
    });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await outcome).toBe('cancelled');
    await expect(page.locator('.jp-nbproject-install-log')).toHaveCount(0);
  });

  test('the new-environment command is copied, not run', async ({
    page,
    tmpPath
  }) => {
    const file = `${tmpPath}/My Study.ipynb`;
    await page.contents.uploadContent(publishedNotebook(), 'text', file);
    await page.filebrowser.open(file);
    await page.waitForSelector(`${HEADER} [data-tracked]`);
    await expandAndWaitForKernel(page);
    const command = await runCommand(
      page,
      'nbproject:copy-new-environment-command',
      { path: file }
    );
    expect(command).toBe(
      'uv venv .venv-my-study && uv pip sync --python .venv-my-study requirements.lock.txt && ' +
        'uv pip install --python .venv-my-study ipykernel && ' +
        '.venv-my-study/bin/python -m ipykernel install --user --name my-study --display-name my-study'
    );
    // The kernel (started by this test's server, with its PATH) says
    // whether uv is there; the notification tells the user before pasting.
    const uvHere =
      spawnSync('sh', ['-c', 'command -v uv'], { encoding: 'utf-8' }).status ===
      0;
    // (The other warning on the page is about the notebook's packages.)
    const toast = uvHere
      ? page.locator('.jp-Notification-Toast-info', {
          hasText: 'Copied the uv command for a new environment: run it'
        })
      : page.locator('.jp-Notification-Toast-warning', {
          hasText: 'uv is not on the kernel’s PATH'
        });
    await expect(toast).toHaveCount(1);
    expect(await page.contents.fileExists(`${tmpPath}/.venv-my-study`)).toBe(
      false
    );
  });

  test('installing into a throwaway kernel environment makes the row match', async ({
    page,
    tmpPath
  }) => {
    test.setTimeout(180000);
    const reachable = spawnSync(
      PYTHON,
      [
        '-c',
        'import urllib.request; urllib.request.urlopen("https://pypi.org/simple/text-unidecode/", timeout=5)'
      ],
      { encoding: 'utf-8' }
    );
    test.skip(
      reachable.status !== 0,
      'The package index (pypi.org) cannot be reached: nothing to install from.'
    );
    // A venv of its own, seeing the test venv's packages (ipykernel)
    // through a .pth file: pip installs into it alone.
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'nbproject-recreate-'));
    const venv = path.join(root, 'venv');
    const name = path.basename(root).toLowerCase();
    // Where the test server finds kernelspecs: JUPYTER_PATH when the run
    // sets one, else the venv's own share/jupyter (make test sets none).
    const dataDir =
      process.env.JUPYTER_PATH?.split(path.delimiter)[0] ||
      path.join(
        spawnSync(PYTHON, ['-c', 'import sys; print(sys.prefix)'], {
          encoding: 'utf-8'
        }).stdout.trim(),
        'share',
        'jupyter'
      );
    const kernelDir = path.join(dataDir, 'kernels', name);
    try {
      expect(spawnSync(PYTHON, ['-m', 'venv', venv]).status).toBe(0);
      const shared = spawnSync(
        PYTHON,
        ['-c', 'import site; print(site.getsitepackages()[0])'],
        { encoding: 'utf-8' }
      ).stdout.trim();
      const own = spawnSync(
        path.join(venv, 'bin/python'),
        ['-c', 'import site; print(site.getsitepackages()[0])'],
        { encoding: 'utf-8' }
      ).stdout.trim();
      fs.writeFileSync(path.join(own, 'shared.pth'), `${shared}\n`);
      fs.mkdirSync(kernelDir, { recursive: true });
      fs.writeFileSync(
        path.join(kernelDir, 'kernel.json'),
        JSON.stringify({
          argv: [
            path.join(venv, 'bin/python'),
            '-m',
            'ipykernel_launcher',
            '-f',
            '{connection_file}'
          ],
          display_name: name,
          language: 'python'
        })
      );
      // The page lists kernels once at start: ask again.
      await page.evaluate(() =>
        (window as any).jupyterapp.serviceManager.kernelspecs.refreshSpecs()
      );
      const file = `${tmpPath}/throwaway.ipynb`;
      await page.contents.uploadContent(
        publishedNotebook(['text-unidecode==1.3'], name),
        'text',
        file
      );
      await page.filebrowser.open(file);
      await page.waitForSelector(`${HEADER} [data-tracked]`);
      await expandAndWaitForKernel(page);
      const header = page.locator(HEADER);
      const row = header.locator('tr[data-package="text-unidecode"]');
      await expect(row).toHaveAttribute('data-status', 'missing', {
        timeout: 30000
      });

      await header.locator('.jp-nbproject-install-stored').click();
      const dialog = page.locator('.jp-Dialog');
      await expect(
        dialog.locator('.jp-nbproject-recreate-changes li')
      ).toHaveText(['text-unidecode: not installed → 1.3']);
      // Another environment than the server's (which it sees through a
      // .pth file): said so.
      const where = dialog.locator('.jp-nbproject-recreate-prefix');
      await expect(where).toContainText(`The kernel runs in ${venv}, not in `);
      await expect(where).toHaveAttribute(
        'data-lab-environment',
        'labEnvironment.other'
      );
      await dialog.getByRole('button', { name: 'Install' }).click();
      const log = page.locator('.jp-nbproject-install-log');
      await expect(log).toHaveAttribute('data-done', 'ok', { timeout: 120000 });
      await expect(log).toContainText('%pip install text-unidecode==1.3');
      await expect(log).toContainText(
        'Successfully installed text-unidecode-1.3'
      );
      await dialog.getByRole('button', { name: 'Close' }).click();
      await page
        .locator('.jp-Dialog')
        .getByRole('button', { name: 'Restart' })
        .click();
      // Asked again after the restart: the row matches now.
      await expect(row).toHaveCount(0, { timeout: 60000 });
      expect(fs.existsSync(path.join(own, 'text_unidecode'))).toBe(true);
    } finally {
      fs.rmSync(kernelDir, { recursive: true, force: true });
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
