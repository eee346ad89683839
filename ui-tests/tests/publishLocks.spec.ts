import { expect, test } from '@jupyterlab/galata';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  expandAndWaitForKernel,
  HEADER,
  openFixture,
  runCommand,
  savedNotebook
} from './utils';

/**
 * The Python the test server's kernels run in.
 */
const PYTHON = path.resolve(__dirname, '../../.venv/bin/python');

/**
 * Check lock files as the tools read them, in the kernel's Python:
 * `pylock.toml` with `tomllib` and packaging's PEP 751 reader (the entries
 * with a source as a whole lock; each entry without one refused for that
 * reason), `requirements.lock.txt` against this environment's installed
 * set. Prints what it found as JSON.
 */
const CHECK = `import json, sys, tomllib
from importlib.metadata import distributions
from packaging.utils import canonicalize_name
folder = sys.argv[1]
data = tomllib.loads(open(folder + "/pylock.toml").read())
installed = {}
for d in distributions():
    installed.setdefault(canonicalize_name(d.metadata["Name"]), d.version)
try:
    from packaging import pylock
except ImportError:
    pylock = None
with_source = [p for p in data["packages"] if {"vcs", "directory", "archive"} & set(p)]
without = [p for p in data["packages"] if p not in with_source]
refused = []
if pylock:
    pylock.Pylock.from_dict({**data, "packages": with_source})
    for entry in without:
        try:
            pylock.Pylock.from_dict({**data, "packages": [entry]})
        except pylock.PylockValidationError as error:
            if "Exactly one of vcs, directory, archive" in str(error):
                refused.append(entry["name"])
lines = [l for l in open(folder + "/requirements.lock.txt").read().splitlines() if l and not l.startswith("#")]
pins = dict(l.split("==") for l in lines if "==" in l)
print(json.dumps({
    "lockVersion": data["lock-version"],
    "names": sorted(p["name"] for p in data["packages"]),
    "installed": sorted(installed),
    "without": [p["name"] for p in without],
    "versionsMatch": all(installed.get(p["name"]) == p["version"] for p in without),
    "refused": refused if pylock else None,
    "pinsMatch": all(installed.get(canonicalize_name(n)) == v for n, v in pins.items()),
    "requirementLines": len(lines),
}))`;

/**
 * What {@link CHECK} says of the lock files read back from the server.
 */
function checkLocks(files: Record<string, string>): any {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'nbproject-locks-'));
  try {
    for (const [name, text] of Object.entries(files)) {
      fs.writeFileSync(path.join(folder, name), text);
    }
    const run = spawnSync(PYTHON, ['-c', CHECK, folder], {
      encoding: 'utf-8'
    });
    expect(run.status, run.stderr).toBe(0);
    return JSON.parse(run.stdout);
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

test.describe('publishing with the lock files', () => {
  test('off by default; asked for, they are written beside the notebook from the new snapshot', async ({
    page,
    tmpPath
  }) => {
    await openFixture(page, tmpPath, 'publish.ipynb');
    await expandAndWaitForKernel(page);
    const plain = await runCommand(page, 'nbproject:publish', {
      interactive: false,
      force: true
    });
    expect(plain.published).toBe(true);
    expect(plain.exports).toBeUndefined();
    expect(await page.contents.fileExists(`${tmpPath}/pylock.toml`)).toBe(
      false
    );

    const result = await runCommand(page, 'nbproject:publish', {
      interactive: false,
      force: true,
      exportLocks: true
    });
    expect(result.published).toBe(true);
    expect(result.exports.map((done: any) => [done.path, done.action])).toEqual(
      [
        [`${tmpPath}/pylock.toml`, 'created'],
        [`${tmpPath}/requirements.lock.txt`, 'created']
      ]
    );
    const pylock = await savedNotebook(page, `${tmpPath}/pylock.toml`);
    const requirements = await savedNotebook(
      page,
      `${tmpPath}/requirements.lock.txt`
    );
    // From the snapshot this publication stored.
    const saved = await savedNotebook(page, `${tmpPath}/publish.ipynb`);
    const snapshot = saved.metadata.jupyterlab_nbproject.environment;
    expect(pylock).toContain(`snapshot sha256:${snapshot.sha256}`);
    expect(requirements).toContain(`snapshot sha256:${snapshot.sha256}`);

    const found = checkLocks({
      'pylock.toml': pylock,
      'requirements.lock.txt': requirements
    });
    expect(found.lockVersion).toBe('1.0');
    // Every distribution of the kernel's environment, once.
    expect(found.names).toEqual(found.installed);
    expect(found.requirementLines).toBe(found.installed.length);
    expect(found.pinsMatch).toBe(true);
    expect(found.versionsMatch).toBe(true);
    // The entries without a source are the ones the result names, and the
    // ones PEP 751's reader refuses for that reason.
    const [problem] = result.exports[0].problems;
    expect(problem).toContain(
      `${found.without.length} of ${found.names.length} entries of pylock.toml`
    );
    // Names as the distributions spell them; the lock's are normalised.
    const normal = (text: string) => text.replace(/[-_.]+/g, '-').toLowerCase();
    expect(normal(problem)).toContain(
      `without a source: ${normal(found.without[0])}`
    );
    expect(pylock).toContain(
      `# ${found.without.length} entries have name and version only`
    );
    if (found.refused !== null) {
      expect(found.refused).toEqual(found.without);
    }
  });

  test('through the dialog: the box writes them, and the warning says which entries have no source', async ({
    page,
    tmpPath
  }) => {
    await openFixture(page, tmpPath, 'publish.ipynb');
    await expandAndWaitForKernel(page);
    await page
      .locator(
        '.jp-NotebookPanel:not(.lm-mod-hidden) [data-jp-item-name="nbproject-publish"]'
      )
      .click();
    const dialog = page.locator('.jp-Dialog');
    const box = dialog.locator('.jp-nbproject-export-locks');
    await expect(box).not.toBeChecked();
    await expect(dialog.locator('.jp-nbproject-publish-option')).toContainText([
      'Also write the lock files (pylock.toml, requirements.lock.txt; environment.yml for conda)'
    ]);
    await box.check();
    await dialog.getByRole('button', { name: /^Publish/ }).click();
    await expect(
      page.locator(`${HEADER} [data-field="published"]`)
    ).toContainText('Published v');
    const warning = page.locator('.jp-Notification-Toast-warning', {
      hasText: 'pylock.toml'
    });
    await expect(warning).toContainText(
      /^Wrote pylock\.toml: \d+ entries have name and version only, no source PEP 751 accepts\./,
      { timeout: 30000 }
    );
    // The whole of it, with the names, behind the button.
    await warning.getByRole('button', { name: 'Show Details' }).click();
    const details = page.locator('.jp-Dialog .jp-nbproject-export-problems');
    await expect(details).toContainText(
      'an installed environment does not keep them for a package installed from an index'
    );
    await expect(details).toContainText('Without a source: ');
    await page
      .locator('.jp-Dialog')
      .getByRole('button', { name: 'Close' })
      .click();
    await expect
      .poll(() => page.contents.fileExists(`${tmpPath}/requirements.lock.txt`))
      .toBe(true);
    expect(await page.contents.fileExists(`${tmpPath}/environment.yml`)).toBe(
      false
    );
  });
});
