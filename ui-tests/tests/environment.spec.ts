import { expect, test } from '@jupyterlab/galata';
import { spawnSync } from 'child_process';
import * as path from 'path';
import {
  expandAndWaitForKernel,
  HEADER,
  liveMetadata,
  openFixture,
  runCommand,
  savedNotebook
} from './utils';

/**
 * The Python the test server's kernels run in.
 */
const PYTHON = path.resolve(__dirname, '../../.venv/bin/python');

/**
 * Every distribution of the kernel's environment installed from an index,
 * name and version, as `importlib.metadata` lists them (first on the path
 * wins); those installed from a directory or URL are counted apart.
 */
function installed(): { versions: Map<string, string>; direct: number } {
  const run = spawnSync(
    PYTHON,
    [
      '-c',
      `import importlib.metadata as md, json, re
seen = {}
for d in md.distributions():
    seen.setdefault(re.sub("[-_.]+", "-", d.metadata["Name"]).lower(), d)
print(json.dumps([(d.metadata["Name"], d.version, bool(d.read_text("direct_url.json"))) for d in seen.values()]))`
    ],
    { encoding: 'utf-8' }
  );
  const all = JSON.parse(run.stdout) as [string, string, boolean][];
  return {
    versions: new Map(
      all.filter(([, , direct]) => !direct).map(([name, v]) => [name, v])
    ),
    direct: all.filter(([, , direct]) => direct).length
  };
}

/**
 * A notebook importing jupyter_client, published in this environment but
 * for three versions: jupyter_client itself (imported), tzdata (which it
 * needs through python-dateutil) and tomlkit (which it does not need).
 */
function publishedNotebook(versions: Map<string, string>): string {
  const changed = new Set(['jupyter_client', 'tzdata', 'tomlkit']);
  const packages = [...versions.entries()].map(([name, version]) =>
    changed.has(name) ? `${name}==0.0.1` : `${name}==${version}`
  );
  return JSON.stringify({
    cells: [
      {
        cell_type: 'markdown',
        id: 'title',
        metadata: {},
        source: '# Published environment'
      },
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
        display_name: 'Python 3 (ipykernel)',
        language: 'python',
        name: 'python3'
      },
      nbproject: {
        id: 'EnvDrift0001',
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
          packages,
          sha256: '0'.repeat(64)
        }
      }
    },
    nbformat: 4,
    nbformat_minor: 5
  });
}

test.describe('published environment', () => {
  test('shows what drifted since publishing, and which of it lies under the imports', async ({
    page,
    tmpPath
  }) => {
    const file = `${tmpPath}/published.ipynb`;
    const { versions, direct } = installed();
    await page.contents.uploadContent(
      publishedNotebook(versions),
      'text',
      file
    );
    await page.filebrowser.open(file);
    await page.waitForSelector(`${HEADER} [data-tracked]`);
    await expandAndWaitForKernel(page);
    const header = page.locator(HEADER);

    const summary = header.locator('[data-field="environment-drift"]').first();
    // What was installed from a directory (this extension, editable) is
    // not in the snapshot: added since.
    await expect(summary).toContainText(
      `environment: 3 changed${direct ? `, ${direct} added` : ''} (2 under your imports)`,
      { timeout: 30000 }
    );
    const table = header.locator('table.jp-nbproject-drift');
    const row = (name: string) => table.locator(`tr[data-package="${name}"]`);
    await expect(row('jupyter-client')).toHaveAttribute(
      'data-under-imports',
      'true'
    );
    await expect(row('tzdata')).toHaveAttribute('data-under-imports', 'true');
    await expect(row('tomlkit')).toHaveAttribute('data-under-imports', 'false');
    await expect(row('tomlkit')).toHaveAttribute('data-status', 'changed');
    await expect(row('tzdata').locator('td').nth(1)).toHaveText('0.0.1');
    await expect(table.locator('tbody tr')).toHaveCount(3 + direct);

    // The filter keeps what lies under the notebook's imports.
    await header.getByLabel('under my imports').check();
    await expect(table.locator('tbody tr')).toHaveCount(2);
    await expect(row('tomlkit')).toHaveCount(0);

    // Python 3.11.0 against the kernel's 3.11.x: said in words, first.
    await expect(
      header.locator('[data-finding="environment.pythonPatch"]')
    ).toContainText('Published with Python 3.11.0');

    // The mismatch warning says that more lies under the imports.
    await expect(page.locator('.jp-Notification-Toast-warning')).toContainText(
      '2 packages under its imports differ',
      { timeout: 30000 }
    );
  });

  test('publishing stores the snapshot, and Export Lock Files writes the lock files beside it', async ({
    page,
    tmpPath
  }) => {
    await openFixture(page, tmpPath, 'publish.ipynb');
    await expandAndWaitForKernel(page);
    const result = await runCommand(page, 'nbproject:publish', {
      interactive: false,
      force: true
    });
    expect(result.published).toBe(true);
    const ours = await liveMetadata(page, 'jupyterlab_nbproject');
    const { versions, direct } = installed();
    expect(ours.environment.packages).toHaveLength(versions.size + direct);
    expect(ours.environment.packages).toContain(
      `ipykernel==${versions.get('ipykernel')}`
    );
    expect(ours.history.at(-1).environment_sha256).toBe(
      ours.environment.sha256
    );
    const exported = await runCommand(page, 'nbproject:export-lock', {
      interactive: false
    });
    expect(exported.map((done: any) => [done.path, done.action])).toEqual([
      [`${tmpPath}/pylock.toml`, 'created'],
      [`${tmpPath}/requirements.lock.txt`, 'created']
    ]);
    const lock = await savedNotebook(page, `${tmpPath}/requirements.lock.txt`);
    expect(lock).toContain(`ipykernel==${versions.get('ipykernel')}\n`);
  });
});
