/**
 * Screenshots for the README (`make screenshots`): not a test suite, so it
 * lives outside tests/ and only runs with NBPROJECT_SCREENSHOTS=1.
 */
import { test } from '@jupyterlab/galata';
import * as path from 'path';

const DOCS = path.resolve(__dirname, '../../docs');
const EXAMPLES = path.resolve(__dirname, '../../examples');
const PANEL = '.jp-NotebookPanel:not(.lm-mod-hidden)';

test.use({ viewport: { width: 1100, height: 640 } });

async function open(page: any, tmpPath: string, name: string): Promise<void> {
  await page.contents.uploadFile(
    path.join(EXAMPLES, name),
    `${tmpPath}/${name}`
  );
  await page.filebrowser.open(`${tmpPath}/${name}`);
  await page.waitForSelector(`${PANEL} .jp-nbproject-header [data-tracked]`);
}

async function waitForKernel(page: any): Promise<void> {
  await page.locator(`${PANEL} .jp-nbproject-toggle`).click();
  await page
    .locator(`${PANEL} [data-field="environment"]`)
    .getByText(/^Python \d/)
    .waitFor({ timeout: 30000 });
}

test('dependencies: header expanded and the warning', async ({
  page,
  tmpPath
}) => {
  await open(page, tmpPath, '05-dependencies.ipynb');
  await waitForKernel(page);
  await page.waitForSelector('.jp-Notification-Toast-warning');
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${DOCS}/dependencies.png` });
});

test('out of order: badge and marks', async ({ page, tmpPath }) => {
  await open(page, tmpPath, '04-out-of-order.ipynb');
  await page.waitForTimeout(800);
  await page.locator(PANEL).screenshot({ path: `${DOCS}/out-of-order.png` });
});

test('publish dialog', async ({ page, tmpPath }) => {
  await open(page, tmpPath, '01-tracked-analysis.ipynb');
  await waitForKernel(page);
  await page
    .locator(`${PANEL} [data-jp-item-name="nbproject-publish"]`)
    .click();
  await page
    .locator('.jp-nbproject-note-input')
    .fill('Second run with the full data set');
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${DOCS}/publish.png` });
});

test('untracked notebook', async ({ page, tmpPath }) => {
  await open(page, tmpPath, '02-untracked.ipynb');
  await page.waitForTimeout(300);
  await page.locator(PANEL).screenshot({ path: `${DOCS}/untracked.png` });
});
