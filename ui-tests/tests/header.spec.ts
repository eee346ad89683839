import { expect, galata, test } from '@jupyterlab/galata';
import * as path from 'path';
import {
  HEADER,
  liveMetadata,
  openFixture,
  uploadCountsNotebook
} from './utils';

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

  test('keeps to one line in a narrow window, its text fields giving way first', async ({
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
        // Cut with an ellipsis, or gone from the line.
        gaveWay: [...toggle.querySelectorAll('.jp-nbproject-field')].some(
          field =>
            field.scrollWidth > field.clientWidth ||
            getComputedStyle(field).display === 'none'
        )
      };
    }, HEADER);
    expect(line).toEqual({ badgeWhole: true, gaveWay: true });
  });

  test('keeps its warnings, its order badge and the Verify button inside a narrow line', async ({
    page,
    tmpPath
  }) => {
    // Run out of order, storing two packages the kernel does not have.
    const counts = Array.from({ length: 40 }, (_, i) => i + 1);
    for (let i = 1; i < 30; i += 3) {
      [counts[i], counts[i + 1]] = [counts[i + 1], counts[i]];
    }
    await uploadCountsNotebook(page, `${tmpPath}/narrow.ipynb`, counts, {
      kernelspec: {
        display_name: 'Python 3 (ipykernel)',
        language: 'python',
        name: 'python3'
      },
      nbproject: {
        id: 'NaRr0wL1neXy',
        time_init: '2024-03-05T10:20:30.123456+00:00',
        version: '12',
        pypackage: {
          'not-a-real-package-xyz': '1.0',
          'not-a-real-package-abc': '2.0'
        }
      }
    });
    await page.filebrowser.open(`${tmpPath}/narrow.ipynb`);
    const header = page.locator(HEADER);
    await expect(header.locator('.jp-nbproject-badge')).toContainText(
      /^Not in order: \d\d cells/
    );
    // The stored packages are "missing" once the kernel has answered.
    await expect(header.locator('[data-field="packages"]')).toHaveText(
      '2 packages · 2 missing',
      { timeout: 30000 }
    );
    await expect(header.locator('[data-field="packages"]')).toHaveClass(
      /jp-nbproject-warn/
    );
    await page.sidebar.openTab('filebrowser');
    for (const width of [350, 500]) {
      await setLineWidth(page, width);
      const line = await narrowLine(page);
      expect(line.width).toBeCloseTo(width, 0);
      expect(line.headerHeight).toBe(25);
      // Every part shown lies within the line: none is cut at its edge.
      expect(line.outside).toEqual([]);
      expect(line.badge.text).toMatch(/^Not in order: \d\d cells$/);
      expect(line.badge.whole).toBe(true);
      expect(line.verify).toEqual({ shown: true, whole: true });
      // A warning keeps at least its count readable.
      expect(line.warnings.map(warning => warning.field)).toContain('packages');
      for (const warning of line.warnings) {
        expect(warning.ems).toBeGreaterThanOrEqual(3);
      }
    }
    // Wide enough for the date to stay but not for everything: the date
    // and the id give up their width before a warning loses a character.
    await setLineWidth(page, 640);
    const line = await narrowLine(page);
    expect(line.outside).toEqual([]);
    expect(
      line.cut.filter(name => name === 'time_init' || name === 'id')
    ).not.toEqual([]);
    expect(line.cut).not.toContain('packages');
  });

  test('keeps the Verify button when a warning is the only text left to cut (a notebook not run yet)', async ({
    page,
    tmpPath
  }) => {
    // The example of a colleague's packages: not run yet, so the badge
    // holds its "Restart & run all" button, and the package warning is
    // long ("3 packages · 1 mismatch · 1 missing · 1 not stored").
    await page.contents.uploadFile(
      path.resolve(__dirname, '../../examples/05-dependencies.ipynb'),
      `${tmpPath}/05-dependencies.ipynb`
    );
    await page.filebrowser.open(`${tmpPath}/05-dependencies.ipynb`);
    const header = page.locator(HEADER);
    await expect(header.locator('[data-field="packages"]')).toContainText(
      'missing',
      { timeout: 30000 }
    );
    await page.sidebar.openTab('filebrowser');
    // 460 px: the line of an 800 px window with the file browser open.
    for (const width of [460, 560]) {
      await setLineWidth(page, width);
      const line = await narrowLine(page);
      expect(line.outside).toEqual([]);
      expect(line.verify).toEqual({ shown: true, whole: true });
      expect(line.cut).toContain('packages');
    }
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

  test("opens its details from the line or the keyboard, never from the badge's button", async ({
    page,
    tmpPath
  }) => {
    await openFixture(page, tmpPath, 'order.ipynb');
    const header = page.locator(HEADER);
    const caret = header.locator('button.jp-nbproject-caret');
    await page.notebook.runCell(2);
    await page.notebook.runCell(1);
    const rerun = header.locator('.jp-nbproject-badge .jp-nbproject-rerun');
    await expect(rerun).toBeVisible();
    // No control inside another: a screen reader announces each, and the
    // keyboard reaches each.
    await expect(header.locator('[role="button"] button')).toHaveCount(0);
    // The badge's button asks to restart, and leaves the details closed.
    await rerun.click();
    const dialog = page.locator('.jp-Dialog');
    await expect(dialog).toBeVisible();
    await dialog.locator('.jp-mod-reject').click();
    await expect(dialog).toHaveCount(0);
    await expect(caret).toHaveAttribute('aria-expanded', 'false');
    await expect(header.locator('.jp-nbproject-details')).toHaveCount(0);
    // The caret is a button: Enter opens the details, Space closes them.
    await caret.focus();
    await page.keyboard.press('Enter');
    await expect(caret).toHaveAttribute('aria-expanded', 'true');
    await expect(header.locator('.jp-nbproject-details')).toBeVisible();
    await page.keyboard.press(' ');
    await expect(caret).toHaveAttribute('aria-expanded', 'false');
    // A click on the line's text still toggles.
    await header.locator('.jp-nbproject-toggle .jp-nbproject-brand').click();
    await expect(caret).toHaveAttribute('aria-expanded', 'true');
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

/**
 * Resize the window until the header's line is `width` pixels wide.
 */
async function setLineWidth(page: any, width: number): Promise<void> {
  for (let i = 0; i < 4; i++) {
    const current: number = await page.evaluate(async (selector: string) => {
      for (let j = 0; j < 2; j++) {
        await new Promise(resolve => requestAnimationFrame(resolve));
      }
      return document
        .querySelector(`${selector} .jp-nbproject-line`)!
        .getBoundingClientRect().width;
    }, HEADER);
    if (Math.abs(current - width) < 0.5) {
      return;
    }
    const viewport = page.viewportSize();
    await page.setViewportSize({
      width: Math.round(viewport.width + width - current),
      height: 900
    });
  }
}

/**
 * What the header's line shows: its width, the parts shown that do not lie
 * within it, whether the order badge and the Verify button are whole, and
 * how wide (in ems) each warning of the line is.
 */
async function narrowLine(page: any): Promise<{
  width: number;
  headerHeight: number;
  outside: string[];
  badge: { text: string; whole: boolean };
  verify: { shown: boolean; whole: boolean };
  warnings: { field: string; ems: number }[];
  cut: string[];
}> {
  return page.evaluate((selector: string) => {
    const header = document.querySelector(selector)!;
    const line = header.querySelector('.jp-nbproject-line')!;
    const box = line.getBoundingClientRect();
    const within = (rect: DOMRect, outer: DOMRect) =>
      rect.left >= outer.left - 0.5 && rect.right <= outer.right + 0.5;
    const name = (el: Element) => el.getAttribute('data-field') ?? el.className;
    const shown = [...line.children].filter(
      child => getComputedStyle(child).display !== 'none'
    );
    const badge = line.querySelector('.jp-nbproject-badge[data-consecutive]')!;
    const verify = line.querySelector<HTMLElement>(
      'button[data-action="verify"]'
    );
    const verifyShown = !!verify && verify.getBoundingClientRect().width > 0;
    return {
      width: box.width,
      headerHeight: header.getBoundingClientRect().height,
      outside: shown
        .filter(child => !within(child.getBoundingClientRect(), box))
        .map(name),
      badge: {
        text: badge.firstChild?.textContent ?? '',
        whole:
          within(badge.getBoundingClientRect(), box) &&
          badge.scrollWidth <= badge.clientWidth
      },
      verify: {
        shown: verifyShown,
        whole:
          verifyShown &&
          within(verify!.getBoundingClientRect(), box) &&
          within(
            verify!.getBoundingClientRect(),
            verify!.parentElement!.getBoundingClientRect()
          ) &&
          verify!.scrollWidth <= verify!.clientWidth
      },
      warnings: shown
        .filter(child => child.classList.contains('jp-nbproject-warn'))
        .map(child => ({
          field: name(child),
          ems:
            child.getBoundingClientRect().width /
            parseFloat(getComputedStyle(child).fontSize)
        })),
      // Cut with an ellipsis.
      cut: shown
        .filter(child => child.scrollWidth > child.clientWidth + 0.5)
        .map(name)
    };
  }, HEADER);
}
