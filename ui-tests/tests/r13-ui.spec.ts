import { expect, test } from '@jupyterlab/galata';
import * as path from 'path';
import { expandAndWaitForKernel, HEADER } from './utils';

test.describe('a new user trying the examples', () => {
  test('reads why a cell is marked on its prompt as soon as the notebook opens', async ({
    page,
    tmpPath
  }) => {
    const name = '04-out-of-order.ipynb';
    await page.contents.uploadFile(
      path.resolve(__dirname, '../../examples', name),
      `${tmpPath}/${name}`
    );
    await page.filebrowser.open(`${tmpPath}/${name}`);
    await page.waitForSelector(`${HEADER} [data-tracked]`);
    const cells = page.locator(
      '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell'
    );
    // Cells 3 and 4 (ran 3 then 2): nothing edited, nothing run.
    for (const index of [2, 3]) {
      const cell = cells.nth(index);
      await expect(cell).toHaveAttribute(
        'data-nbproject-mark',
        /^out-of-order\|/
      );
      await expect(cell.locator('.jp-InputArea-prompt')).toHaveAttribute(
        'title',
        /order/i
      );
    }
    await cells.nth(2).locator('.jp-InputArea-prompt').hover();
    await expect(
      cells.nth(1).locator('.jp-InputArea-prompt')
    ).not.toHaveAttribute('title', /.+/);
  });
});

test.describe('publishing a notebook whose kernel lacks a stored package', () => {
  test('from the File menu: the dialog says the stored version is kept, warns on the kernel line, and shows every option', async ({
    page,
    tmpPath
  }) => {
    await page.setViewportSize({ width: 1400, height: 900 });
    const name = '01-tracked-analysis.ipynb';
    await page.contents.uploadFile(
      path.resolve(__dirname, '../../examples', name),
      `${tmpPath}/${name}`
    );
    await page.filebrowser.open(`${tmpPath}/${name}`);
    await page.waitForSelector(`${HEADER} [data-tracked]`);
    await expandAndWaitForKernel(page);
    await page.menu.clickMenuItem('File>Publish Notebook…');
    const dialog = page.locator('.jp-Dialog');
    const line = (id: string) => dialog.locator(`[data-check="${id}"]`);
    await expect(line('packages')).toContainText(
      'pandas is not installed in the kernel: its stored version 2.2.2 is kept.'
    );
    await expect(line('kernel')).toHaveAttribute('data-passed', 'false');
    await expect(line('kernel').locator('.jp-nbproject-check-mark')).toHaveText(
      '!'
    );
    // Every option in view, nothing to scroll to.
    const body = dialog.locator('.jp-Dialog-body');
    const verify = dialog.locator('.jp-nbproject-publish-verify');
    await expect(verify).toBeVisible();
    const [inner, outer] = await Promise.all([
      verify.boundingBox(),
      body.boundingBox()
    ]);
    expect(inner!.y + inner!.height).toBeLessThanOrEqual(
      outer!.y + outer!.height
    );
    expect(
      await body.evaluate(node => node.scrollHeight - node.clientHeight)
    ).toBeLessThanOrEqual(1);
    // A small window: the dialog stays inside it and its body scrolls.
    await page.setViewportSize({ width: 800, height: 480 });
    const content = await dialog.locator('.jp-Dialog-content').boundingBox();
    expect(content!.y).toBeGreaterThanOrEqual(0);
    expect(content!.y + content!.height).toBeLessThanOrEqual(480);
    expect(
      await body.evaluate(node => node.scrollHeight - node.clientHeight)
    ).toBeGreaterThan(0);
    await verify.scrollIntoViewIfNeeded();
    await expect(verify).toBeInViewport();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });
});

/**
 * A notebook published with its environment, whose stored jupyter_client
 * version differs from the kernel's: its mismatch toast has four buttons.
 */
const PUBLISHED = JSON.stringify({
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
      display_name: 'python3',
      language: 'python',
      name: 'python3'
    },
    nbproject: {
      id: 'ToastBtns001',
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
        packages: ['jupyter_client==0.0.1'],
        sha256: '0'.repeat(64)
      }
    }
  },
  nbformat: 4,
  nbformat_minor: 5
});

for (const theme of ['JupyterLab Light', 'JupyterLab Dark']) {
  test.describe(`the mismatch toast in ${theme}`, () => {
    test.use({ autoGoto: false });

    test('breaks its button labels between words only', async ({
      page,
      tmpPath
    }) => {
      await page.goto();
      await page.theme.setTheme(theme);
      const file = `${tmpPath}/toast.ipynb`;
      await page.contents.uploadContent(PUBLISHED, 'text', file);
      await page.filebrowser.open(file);
      const toast = page.locator('.Toastify__toast', {
        hasText: 'packages differ from the stored ones'
      });
      await expect(toast).toHaveCount(1, { timeout: 30000 });
      const buttons = toast.locator('.jp-toast-button');
      await expect(buttons).toHaveText([
        'Show details',
        'Record live versions',
        'Copy install command',
        'Install stored versions'
      ]);
      // Each word of each label on one line: its characters share a top.
      const broken = await buttons.evaluateAll(nodes =>
        nodes.flatMap(node => {
          const words: string[] = [];
          const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
          for (let t = walker.nextNode(); t; t = walker.nextNode()) {
            const value = t.textContent ?? '';
            const re = /\S+/g;
            for (let m = re.exec(value); m; m = re.exec(value)) {
              const range = document.createRange();
              range.setStart(t, m.index);
              range.setEnd(t, m.index + m[0].length);
              if (range.getClientRects().length > 1) {
                words.push(m[0]);
              }
            }
          }
          return words;
        })
      );
      expect(broken).toEqual([]);
      // And every button inside the toast.
      const box = (await toast.boundingBox())!;
      for (const button of await buttons.all()) {
        const b = (await button.boundingBox())!;
        expect(b.x + b.width).toBeLessThanOrEqual(box.x + box.width + 0.5);
      }
    });
  });
}
