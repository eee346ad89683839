import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

import { expect, test } from '@jupyterlab/galata';
import {
  expandAndWaitForKernel,
  HEADER,
  openFixture,
  runCommand,
  savedNotebook
} from './utils';

/**
 * A fake AWS access key id, put together at run time so that no
 * credential-shaped string sits in the repository. Never issued.
 */
const FAKE_AWS_ID = ['AK', 'IA', 'FAKE', 'Q7M2', 'X9LB', 'R4TZ'].join('');

const sha256 = (text: string) =>
  createHash('sha256').update(text).digest('hex');

/**
 * The data fixture with extra code cells, as notebook JSON text.
 */
function dataNotebookWith(sources: string[]): string {
  const notebook = JSON.parse(
    fs.readFileSync(path.resolve(__dirname, '../notebooks/data.ipynb'), 'utf8')
  );
  sources.forEach((source, i) => {
    notebook.cells.push({
      cell_type: 'code',
      id: `extra-${i}`,
      metadata: {},
      source,
      execution_count: null,
      outputs: []
    });
  });
  return JSON.stringify(notebook);
}

/**
 * Open a notebook of the test folder, expand its header and run it all.
 */
async function openAndRun(page: any, file: string): Promise<void> {
  await page.filebrowser.open(file);
  await page.waitForSelector(`${HEADER} [data-tracked]`);
  await expandAndWaitForKernel(page);
  await page.notebook.run();
  await expect(page.locator(`${HEADER} .jp-nbproject-badge`)).toHaveAttribute(
    'data-consecutive',
    'true'
  );
}

test.describe('data files', () => {
  test('publish records the manifest; the header marks a changed, then a missing file', async ({
    page,
    tmpPath
  }) => {
    const first = 'sepal_length,species\n5.1,setosa\n';
    await page.contents.uploadContent(
      first,
      'text',
      `${tmpPath}/measurements.csv`
    );
    await openFixture(page, tmpPath, 'data.ipynb');
    await expandAndWaitForKernel(page);
    await page.notebook.run();
    await expect(page.locator(`${HEADER} .jp-nbproject-badge`)).toHaveAttribute(
      'data-consecutive',
      'true'
    );

    // Read by the code, not recorded yet.
    const row = page.locator(
      `${HEADER} [data-field="data"] tr[data-path="measurements.csv"]`
    );
    await expect(row).toHaveAttribute('data-status', 'new');

    const result = await runCommand(page, 'nbproject:publish', {
      interactive: false
    });
    expect(result).toEqual({ published: true, version: '2', problems: [] });
    const saved = await savedNotebook(page, `${tmpPath}/data.ipynb`);
    expect(saved.metadata.jupyterlab_nbproject.data).toEqual({
      files: [
        { path: 'measurements.csv', sha256: sha256(first), size: first.length }
      ]
    });
    expect(saved.metadata.jupyterlab_nbproject.history).toHaveLength(1);
    await expect(row).toHaveAttribute('data-status', 'unchanged');
    await expect(row).toContainText('unchanged');
    await expect(
      page.locator(`${HEADER} [data-field="data-summary"]`)
    ).toHaveCount(0);

    // Changed on the server, behind the notebook's back.
    await page.contents.uploadContent(
      'sepal_length,species\n9.9,virginica\n',
      'text',
      `${tmpPath}/measurements.csv`
    );
    await page.locator(`${HEADER} [data-action="verify-data"]`).click();
    await expect(row).toHaveAttribute('data-status', 'changed');
    await expect(row).toContainText('changed');
    await expect(
      page.locator(`${HEADER} [data-field="data-summary"]`)
    ).toHaveText('data: 1 changed');

    await page.contents.deleteFile(`${tmpPath}/measurements.csv`);
    await page.locator(`${HEADER} [data-action="verify-data"]`).click();
    await expect(row).toHaveAttribute('data-status', 'missing');
    await expect(
      page.locator(`${HEADER} [data-field="data-summary"]`)
    ).toHaveText('data: 1 missing');
  });

  test('a file added by hand is hashed and recorded as added', async ({
    page,
    tmpPath
  }) => {
    await page.contents.uploadContent(
      'a\n',
      'text',
      `${tmpPath}/measurements.csv`
    );
    await page.contents.uploadContent(
      '{"unit": "cm"}\n',
      'text',
      `${tmpPath}/units.json`
    );
    await openFixture(page, tmpPath, 'data.ipynb');
    await expandAndWaitForKernel(page);
    expect(
      await runCommand(page, 'nbproject:add-data-file', { file: 'units.json' })
    ).toBe(true);
    const row = page.locator(
      `${HEADER} [data-field="data"] tr[data-path="units.json"]`
    );
    await expect(row).toHaveAttribute('data-status', 'unchanged');
    expect(
      await runCommand(page, 'nbproject:add-data-file', { file: 'absent.json' })
    ).toBe(false);
  });
});

test.describe('hygiene', () => {
  test('a planted key blocks publishing, naming the cell; forced publishing goes through', async ({
    page,
    tmpPath
  }) => {
    await page.contents.uploadContent(
      'x\n',
      'text',
      `${tmpPath}/measurements.csv`
    );
    const file = `${tmpPath}/secret.ipynb`;
    await page.contents.uploadContent(
      dataNotebookWith([`aws_access_key_id = "${FAKE_AWS_ID}"`]),
      'text',
      file
    );
    await openAndRun(page, file);

    // The header lists it, masked, with a link to the cell.
    const finding = page.locator(
      `${HEADER} [data-field="hygiene"] li[data-kind="secret"]`
    );
    await expect(finding).toContainText('AWS access key id on line 1');
    await expect(finding).toContainText('AKIA•••');
    await expect(finding).not.toContainText(FAKE_AWS_ID);
    await expect(
      page.locator(`${HEADER} [data-field="hygiene-summary"]`)
    ).toHaveText('1 hygiene warning');
    await finding.getByRole('button', { name: 'cell 4' }).click();
    expect(
      await page.evaluate(
        () =>
          (window as any).jupyterapp.shell.currentWidget.content.activeCellIndex
      )
    ).toBe(3);

    // The dialog shows the failed check and offers "Publish anyway".
    await runCommand(page, 'nbproject:toggle-header');
    void runCommand(page, 'nbproject:publish');
    const dialog = page.locator('.jp-Dialog');
    const check = dialog.locator('[data-check="secrets"]');
    await expect(check).toHaveAttribute('data-passed', 'false');
    await expect(check).toContainText('cell 4, line 1: AWS access key id');
    await expect(check).toContainText('os.environ');
    await expect(
      dialog.getByRole('button', { name: 'Publish anyway' })
    ).toBeVisible();
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    const refused = await runCommand(page, 'nbproject:publish', {
      interactive: false
    });
    expect(refused.published).toBe(false);
    expect(refused.problems.join(' ')).toMatch(
      /cell 4, line 1: AWS access key id \(aws_access_key_id = "AKIA•••"\)/
    );
    expect((await savedNotebook(page, file)).metadata.nbproject.version).toBe(
      '1'
    );

    const forced = await runCommand(page, 'nbproject:publish', {
      interactive: false,
      force: true
    });
    expect(forced.published).toBe(true);
    expect((await savedNotebook(page, file)).metadata.nbproject.version).toBe(
      '2'
    );
  });

  test('a path in a home directory shows a warning with what to write instead', async ({
    page,
    tmpPath
  }) => {
    await page.contents.uploadContent(
      'x\n',
      'text',
      `${tmpPath}/measurements.csv`
    );
    const file = `${tmpPath}/paths.ipynb`;
    await page.contents.uploadContent(
      dataNotebookWith(['RAW = "/home/alice/project/raw/plate1.csv"']),
      'text',
      file
    );
    await openAndRun(page, file);
    const finding = page.locator(
      `${HEADER} [data-field="hygiene"] li[data-kind="absolute-path"]`
    );
    await expect(finding).toContainText('/home/alice/project/raw/plate1.csv');
    await expect(finding.locator('[data-field="suggestion"]')).toContainText(
      'os.environ["DATA_DIR"]'
    );

    const result = await runCommand(page, 'nbproject:publish', {
      interactive: false
    });
    // A warning, not a block.
    expect(result.published).toBe(true);
    void runCommand(page, 'nbproject:publish');
    const check = page.locator('.jp-Dialog [data-check="absolute-paths"]');
    await expect(check).toHaveAttribute('data-passed', 'false');
    await expect(check).toContainText(
      'cell 4, line 1: /home/alice/project/raw/plate1.csv'
    );
    await page
      .locator('.jp-Dialog')
      .getByRole('button', { name: 'Cancel' })
      .click();
  });
});
