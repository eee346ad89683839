/**
 * Screenshots for the README (`make screenshots`): not a test suite, so it
 * lives outside tests/ and only runs with NBPROJECT_SCREENSHOTS=1.
 */
import { test } from '@jupyterlab/galata';
import * as path from 'path';

const DOCS = path.resolve(__dirname, '../../docs');
const EXAMPLES = path.resolve(__dirname, '../../examples');

test.use({ viewport: { width: 1100, height: 620 } });

async function open(page: any, tmpPath: string, name: string): Promise<void> {
  await page.contents.uploadFile(path.join(EXAMPLES, name), `${tmpPath}/${name}`);
  await page.filebrowser.open(`${tmpPath}/${name}`);
  await page.waitForSelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-nbproject-header [data-tracked]');
}

test('header, compact and expanded', async ({ page, tmpPath }) => {
  await open(page, tmpPath, '01-tracked-analysis.ipynb');
  await page.locator('.jp-nbproject-toggle').click();
  await page.waitForTimeout(500);
  await page.locator('.jp-NotebookPanel:not(.lm-mod-hidden)').screenshot({ path: `${DOCS}/header-expanded.png` });
});

test('untracked notebook', async ({ page, tmpPath }) => {
  await open(page, tmpPath, '02-untracked.ipynb');
  await page.waitForTimeout(300);
  await page.locator('.jp-NotebookPanel:not(.lm-mod-hidden)').screenshot({ path: `${DOCS}/header-untracked.png` });
});
