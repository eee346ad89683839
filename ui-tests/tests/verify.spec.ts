import { expect, test } from '@jupyterlab/galata';
import { HEADER, openFixture, runCommand } from './utils';

const VERIFIED = `${HEADER} [data-field="verified"]`;

test.describe('the header after a verification', () => {
  // The server's own kernel and session routes: verify starts a real one.
  test.use({ kernels: null, sessions: null } as any);

  test('"Verify" shows how many cells reproduce and links the one that does not', async ({
    page,
    tmpPath
  }) => {
    await openFixture(page, tmpPath, 'verify.ipynb');
    const line = page.locator(VERIFIED);
    // Before any verification: only the button.
    await expect(line).toHaveAttribute('data-verdict', 'none');
    await expect(line).toHaveText('Verify');

    await line.locator('[data-action="verify"]').click();
    await expect(line).toHaveAttribute('data-verdict', 'reproduces', {
      timeout: 60000
    });
    await expect(line).toHaveText('Verified: 4 of 4 cells reproduceVerify');
    await expect(line.locator('.jp-nbproject-link')).toHaveCount(0);
    // The click did not fold the header open.
    await expect(page.locator(`${HEADER} .jp-nbproject-details`)).toHaveCount(
      0
    );

    // An unseeded random number in the last cell: it alone differs.
    await page.notebook.setCell(
      4,
      'code',
      'import random\nprint(random.random())'
    );
    await line.locator('[data-action="verify"]').click();
    await expect(line).toHaveAttribute('data-verdict', 'differs', {
      timeout: 60000
    });
    await expect(line).toHaveText(
      'Verified: 3 of 4 cells reproducecell 5Verify'
    );
    const link = line.locator('.jp-nbproject-link');
    await expect(link).toHaveAttribute('data-status', 'differs');
    await expect(link).toHaveAttribute('title', 'differs');

    // The link goes to the cell.
    await page.notebook.selectCells(1);
    await link.click();
    await expect
      .poll(() =>
        page.evaluate(
          () =>
            (window as any).jupyterapp.shell.currentWidget.content
              .activeCellIndex
        )
      )
      .toBe(4);
  });

  test('publishing with "Verify in a fresh kernel first" records the verdict', async ({
    page,
    tmpPath
  }) => {
    await openFixture(page, tmpPath, 'verify.ipynb');
    // In the dialog, the option is there and off.
    void runCommand(page, 'nbproject:publish');
    const box = page.locator('.jp-Dialog .jp-nbproject-publish-verify');
    await expect(box).not.toBeChecked();
    await page.locator('.jp-Dialog .jp-mod-reject').click();

    const result = await runCommand(page, 'nbproject:publish', {
      interactive: false,
      force: true,
      verify: true,
      version: '1'
    });
    expect(result.published).toBe(true);
    const record = await page.evaluate(() => {
      const model = (window as any).jupyterapp.shell.currentWidget.context
        .model;
      return model.getMetadata('jupyterlab_nbproject').history.at(-1);
    });
    expect(record.verified).toMatchObject({
      kernelspec: 'python3',
      same: 4,
      differs: 0,
      errors: 0,
      normalisations: [
        'addresses',
        'times',
        'tempPaths',
        'warnings',
        'floatTolerance=1e-9'
      ]
    });
    expect(record.verified.python).toMatch(/^3\.\d+/);
    // The header shows the verification that ran with the publication.
    await expect(page.locator(VERIFIED)).toHaveAttribute(
      'data-verdict',
      'reproduces'
    );
  });
});
