import { expect, galata, test } from '@jupyterlab/galata';
import { HEADER, liveMetadata, openFixture } from './utils';

test.describe('the nbproject header', () => {
  test('shows the id and version of a tracked notebook', async ({
    page,
    tmpPath
  }) => {
    await openFixture(page, tmpPath, 'tracked.ipynb');
    const header = page.locator(HEADER);
    await expect(header.locator('[data-field="id"] strong')).toHaveText('Ab3d');
    await expect(
      header.locator('[data-field="id"] .jp-nbproject-dim')
    ).toHaveText('EfGh1234');
    await expect(header.locator('[data-field="version"]')).toHaveText('v3');
    await expect(header.locator('[data-field="packages"]')).toContainText('2 ');
  });

  test('expands on click to show author, parents, packages and kept keys', async ({
    page,
    tmpPath
  }) => {
    await openFixture(page, tmpPath, 'tracked.ipynb');
    const header = page.locator(HEADER);
    await expect(header.locator('.jp-nbproject-details')).toHaveCount(0);
    await header.locator('.jp-nbproject-toggle .jp-nbproject-brand').click();
    const details = header.locator('.jp-nbproject-details');
    await expect(details).toBeVisible();
    await expect(details.locator('[data-field="author"]')).toHaveText(
      'Ada Lovelace (ada)'
    );
    await expect(details.locator('[data-field="parent"]')).toHaveText(
      'Zv1wV7oM9ztH'
    );
    await expect(
      details.locator('tr[data-package="ipykernel"] td').nth(1)
    ).toHaveText('0.0.1');
    await expect(details.locator('[data-field="extra"]')).toHaveText(
      'custom_key'
    );
    // The exact stored UTC value is in the tooltip of the local time.
    await expect(details.locator('dd[data-field="time_init"]')).toHaveAttribute(
      'title',
      '2024-03-05T10:20:30.123456+00:00'
    );
    // The header grows to show all of it, and the notebook starts below.
    await expect
      .poll(() => layout(page))
      .toMatchObject({
        fits: true,
        tall: true
      });
    await header.locator('.jp-nbproject-toggle .jp-nbproject-brand').click();
    await expect(header.locator('.jp-nbproject-details')).toHaveCount(0);
    // And shrinks back to one line, the notebook right below it.
    await expect
      .poll(() => layout(page))
      .toMatchObject({
        fits: true,
        tall: false
      });
  });

  test('keeps to one line in a narrow window, cutting its text fields first', async ({
    page,
    tmpPath
  }) => {
    await openFixture(page, tmpPath, 'tracked.ipynb');
    await expect
      .poll(() => layout(page))
      .toMatchObject({
        fits: true,
        tall: false
      });
    await page.setViewportSize({ width: 700, height: 800 });
    await expect
      .poll(() => layout(page))
      .toMatchObject({
        fits: true,
        tall: false
      });
    const line = await page.evaluate((selector: string) => {
      const toggle = document.querySelector(
        `${selector} .jp-nbproject-toggle`
      )!;
      const box = toggle.getBoundingClientRect();
      const badge = toggle
        .querySelector('.jp-nbproject-badge')!
        .getBoundingClientRect();
      return {
        badgeWhole: badge.left >= box.left && badge.right <= box.right + 0.5,
        cut: [...toggle.querySelectorAll('.jp-nbproject-field')].some(
          field => field.scrollWidth > field.clientWidth
        )
      };
    }, HEADER);
    expect(line).toEqual({ badgeWhole: true, cut: true });
  });

  test('keeps its height when the order badge changes, so the notebook does not move', async ({
    page,
    tmpPath
  }) => {
    await openFixture(page, tmpPath, 'order.ipynb');
    const badge = page.locator(`${HEADER} .jp-nbproject-badge`);
    await page.notebook.runCell(1);
    await page.notebook.runCell(2);
    await expect(badge).toHaveAttribute('data-consecutive', 'true');
    await expect(badge.locator('.jp-nbproject-rerun')).toHaveCount(0);
    const before = await place(page);
    // Out of order: the badge now holds a "Restart & run all" button.
    await page.notebook.runCell(1);
    await expect(badge).toHaveAttribute('data-consecutive', 'false');
    await expect(badge.locator('.jp-nbproject-rerun')).toBeVisible();
    expect(await place(page)).toEqual(before);
  });

  test('initializes an untracked notebook with nbproject metadata', async ({
    page,
    tmpPath
  }) => {
    await openFixture(page, tmpPath, 'untracked.ipynb');
    const header = page.locator(HEADER);
    await expect(header).toContainText('not tracked');
    expect(await liveMetadata(page)).toBeUndefined();

    await header.getByRole('button', { name: 'Initialize' }).click();
    await expect(header.locator('[data-field="version"]')).toHaveText('v1');

    const meta = await liveMetadata(page);
    expect(Object.keys(meta).sort()).toEqual([
      'id',
      'parent',
      'pypackage',
      'time_init',
      'user_handle',
      'user_id',
      'user_name',
      'version'
    ]);
    expect(meta.id).toMatch(/^[0-9A-Za-z]{12}$/);
    expect(meta.version).toBe('1');
    expect(meta.time_init).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00$/
    );
    expect(meta.parent).toBeNull();
    expect(meta.pypackage).toBeNull();
    await expect(header.locator('[data-field="id"] strong')).toHaveText(
      meta.id.slice(0, 4)
    );
    // Nothing is saved behind the user's back: the notebook is only dirty.
    await expect(page.locator('.jp-mod-current.jp-mod-dirty')).toHaveCount(1);
  });

  test('follows metadata changes made elsewhere, such as an undo or a collaborator', async ({
    page,
    tmpPath
  }) => {
    await openFixture(page, tmpPath, 'tracked.ipynb');
    const header = page.locator(HEADER);
    await page.evaluate(() => {
      const model = (window as any).jupyterapp.shell.currentWidget.context
        .model;
      model.setMetadata('nbproject', {
        ...model.getMetadata('nbproject'),
        version: '7'
      });
    });
    await expect(header.locator('[data-field="version"]')).toHaveText('v7');
    await page.evaluate(() => {
      (
        window as any
      ).jupyterapp.shell.currentWidget.context.model.deleteMetadata(
        'nbproject'
      );
    });
    await expect(header).toContainText('not tracked');
  });

  test('opens a notebook with malformed metadata with a readable message and runs no markup', async ({
    page,
    tmpPath
  }) => {
    const errors: string[] = [];
    page.on('pageerror', error => errors.push(error.message));
    await openFixture(page, tmpPath, 'malformed.ipynb');
    const header = page.locator(HEADER);
    await expect(header.locator('.jp-nbproject-problems')).toContainText(
      '"id" field is the number 12345'
    );
    await expect(header.locator('.jp-nbproject-problem-count')).toHaveText(
      /\d+ problems/
    );
    await header.locator('.jp-nbproject-toggle .jp-nbproject-brand').click();
    // Markup from the file is shown as text, never as HTML.
    await expect(header.locator('[data-field="author"]')).toHaveText(
      '<script>window.__nbprojectPwned=1</script>'
    );
    await expect(header.locator('img')).toHaveCount(0);
    await expect(header.locator('script')).toHaveCount(0);
    expect(
      await page.evaluate(() => (window as any).__nbprojectPwned)
    ).toBeUndefined();
    expect(errors).toEqual([]);
  });

  test('is disposed with its notebook panel', async ({ page, tmpPath }) => {
    await openFixture(page, tmpPath, 'tracked.ipynb');
    await expect(page.locator('.jp-nbproject-header')).toHaveCount(1);
    await page.activity.closeAll();
    await expect(page.locator('.jp-nbproject-header')).toHaveCount(0);
  });
});

test.describe('with the "open expanded" setting on', () => {
  test.use({
    mockSettings: {
      ...galata.DEFAULT_SETTINGS,
      'jupyterlab-nbproject:plugin': { expandHeader: true }
    }
  });

  test('headers open expanded', async ({ page, tmpPath }) => {
    await openFixture(page, tmpPath, 'tracked.ipynb');
    await expect(
      page.locator(HEADER).locator('.jp-nbproject-details')
    ).toBeVisible();
  });
});

/**
 * Whether the shown header holds all its content with the notebook right
 * below it (not under it), and whether it is taller than two lines.
 */
/**
 * The header's height and where the notebook's first cell starts, once the
 * page has laid out and painted two more frames.
 */
async function place(page: any): Promise<{ header: number; cell: number }> {
  return page.evaluate(async (selector: string) => {
    for (let i = 0; i < 2; i++) {
      await new Promise(resolve => requestAnimationFrame(resolve));
    }
    const header = document.querySelector(selector)!;
    const cell = header
      .closest('.jp-NotebookPanel')!
      .querySelector('.jp-Cell')!;
    return {
      header: header.getBoundingClientRect().height,
      cell: cell.getBoundingClientRect().top
    };
  }, HEADER);
}

async function layout(page: any): Promise<{ fits: boolean; tall: boolean }> {
  return page.evaluate((selector: string) => {
    const header = document.querySelector(selector)!;
    const body = header.firstElementChild!.getBoundingClientRect();
    const box = header.getBoundingClientRect();
    const notebook = header
      .closest('.jp-NotebookPanel')!
      .querySelector('.jp-NotebookPanel-notebook')!
      .getBoundingClientRect();
    return {
      fits:
        box.bottom >= body.bottom - 0.5 &&
        Math.abs(notebook.top - box.bottom) <= 1,
      tall: box.height > 60
    };
  }, HEADER);
}
