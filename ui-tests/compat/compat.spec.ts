import * as fs from 'fs';
import * as path from 'path';
import { expect, test } from '@playwright/test';

/**
 * The compatibility check's one user story, in whichever frontend the
 * server runs (JupyterLab or Notebook 7): open a tracked notebook, see its
 * header and the package it pins at another version than the kernel has,
 * run it and publish it. Nothing the extension does may end in a page error
 * or a console error, and no shared package may be of an unsatisfied version.
 */
const APP = process.env.NBPROJECT_COMPAT_APP || 'lab';
const NOTEBOOK = 'publish.ipynb';
const HEADER = '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-nbproject-header';

/**
 * Run a command of the page's application and return its result.
 */
async function execute(page: any, id: string, args: any = {}): Promise<any> {
  return page.evaluate(
    ({ id, args }: { id: string; args: any }) =>
      (window as any).jupyterapp.commands.execute(id, args),
    { id, args }
  );
}

test(`${APP}: header, mismatch marks and publish`, async ({ page }) => {
  const problems: string[] = [];
  // Any page error fails the test in JupyterLab. In Notebook 7 only one from
  // the extension's code does: Notebook 7.6.5 throws one of its own on every
  // page (reading a plugin's 'schema'), with or without this extension.
  page.on('pageerror', (error: Error) => {
    const stack = (error.stack ?? error.message).slice(0, 600);
    if (APP === 'lab' || /nbproject/i.test(stack)) {
      problems.push(`page error: ${stack}`);
    } else {
      test
        .info()
        .annotations.push({ type: 'frontend page error', description: stack });
      console.log(`page error of the frontend (not counted): ${error.message}`);
    }
  });
  page.on('console', (message: any) => {
    const text: string = message.text();
    const ours =
      /nbproject/i.test(text) ||
      /jupyterlab-nbproject/.test(message.location().url ?? '');
    if (
      (message.type() === 'error' && ours) ||
      /Unsatisfied version/.test(text)
    ) {
      problems.push(`console ${message.type()}: ${text}`);
    }
  });

  // A fresh copy for each attempt (a retry must not find it published).
  const name = `publish-${Date.now()}.ipynb`;
  const content = JSON.parse(
    fs.readFileSync(path.resolve(__dirname, '../notebooks', NOTEBOOK), 'utf-8')
  );
  const put = await page.request.put(`api/contents/${name}`, {
    data: { type: 'notebook', format: 'json', content }
  });
  expect(put.ok()).toBe(true);
  await page.goto(
    APP === 'notebook' ? `notebooks/${name}` : `lab/tree/${name}`
  );
  const header = page.locator(HEADER);
  await expect(header.locator('[data-field="id"] strong')).toHaveText('PuBl', {
    timeout: 60000
  });
  await expect(header.locator('[data-field="version"]')).toHaveText('v1');

  // The notebook pins ipykernel 0.0.1: the kernel's answer marks it.
  // On its label: the middle of the line may hold other buttons.
  await header.locator('.jp-nbproject-toggle .jp-nbproject-brand').click();
  await header
    .locator('[data-field="environment"]')
    .getByText(/^Python \d/)
    .waitFor({ timeout: 60000 });
  await expect(header.locator('tr[data-package="ipykernel"]')).toHaveAttribute(
    'data-status',
    'mismatch'
  );
  await expect(header.locator('[data-field="packages"]')).toContainText(
    '1 mismatch'
  );
  await expect(page.locator('.jp-Notification-Toast-warning')).toContainText(
    'ipykernel 0.0.1'
  );

  await execute(page, 'notebook:run-all-cells');
  await expect(header.locator('.jp-nbproject-badge')).toHaveAttribute(
    'data-consecutive',
    'true'
  );
  const result = await execute(page, 'nbproject:publish', {
    interactive: false
  });
  expect(result).toMatchObject({ published: true, version: '2' });
  const saved = await page.evaluate(
    async (file: string) =>
      (
        await (window as any).jupyterapp.serviceManager.contents.get(file, {
          content: true
        })
      ).content,
    name
  );
  const meta = saved.metadata.nbproject;
  expect(meta.version).toBe('2');
  expect(meta.pypackage.ipykernel).toMatch(/^\d+\.\d+/);
  expect(meta.pypackage.ipykernel).not.toBe('0.0.1');
  expect(meta.kept).toBe('yes');

  expect(problems).toEqual([]);
});
