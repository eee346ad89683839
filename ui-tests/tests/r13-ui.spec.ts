import { expect, test } from '@jupyterlab/galata';
import * as path from 'path';
import { HEADER } from './utils';

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
