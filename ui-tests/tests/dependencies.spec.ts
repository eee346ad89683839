import { expect, test } from '@jupyterlab/galata';
import * as path from 'path';
import {
  activeCellIndex,
  executionCounts,
  expandAndWaitForKernel,
  HEADER,
  liveMetadata,
  openFixture,
  runCommand,
  trackedMetadata,
  uploadCodeNotebook
} from './utils';

test.describe('live dependencies', () => {
  test('marks a stored version that differs from the kernel as a mismatch, and warns', async ({
    page,
    tmpPath
  }) => {
    await openFixture(page, tmpPath, 'dependencies.ipynb');
    await expandAndWaitForKernel(page);
    const header = page.locator(HEADER);
    const row = header.locator('tr[data-package="ipykernel"]');
    await expect(row).toHaveAttribute('data-status', 'mismatch');
    await expect(row.locator('td').nth(1)).toHaveText('0.0.1');
    await expect(row.locator('td').nth(2)).toHaveText(/^\d+\.\d+/);
    const toast = page.locator('.jp-Notification-Toast-warning');
    await expect(toast).toHaveCount(1);
    await expect(toast).toContainText('ipykernel 0.0.1');
    await expect(header.locator('[data-field="packages"]')).toContainText(
      '1 mismatch'
    );
    // Its tooltip names the packages behind the counts.
    await expect(header.locator('[data-field="packages"]')).toHaveAttribute(
      'title',
      /ipykernel: stored 0\.0\.1, installed \d+\.\d+/
    );
  });

  test('marks a stored package that is not installed as missing', async ({
    page,
    tmpPath
  }) => {
    await openFixture(page, tmpPath, 'dependencies.ipynb');
    await expandAndWaitForKernel(page);
    const row = page.locator(
      `${HEADER} tr[data-package="not-a-real-package-xyz"]`
    );
    await expect(row).toHaveAttribute('data-status', 'missing');
    // The live column says so, not a dash as when there is no kernel.
    await expect(row.locator('td').nth(2)).toHaveText('not installed');
  });

  test('lists a repeated install line once, with its first cell and how many more', async ({
    page,
    tmpPath
  }) => {
    const sources = [
      '!pip install requests==2.31.0',
      '%pip install -q tqdm\n!pip install requests==2.31.0',
      'x = 1',
      '!pip install requests==2.31.0'
    ];
    await uploadCodeNotebook(
      page,
      `${tmpPath}/installs.ipynb`,
      sources.map(source => ({ source })),
      trackedMetadata('InSta11sL1st')
    );
    await page.filebrowser.open(`${tmpPath}/installs.ipynb`);
    const header = page.locator(HEADER);
    await header.locator('.jp-nbproject-toggle .jp-nbproject-brand').click();
    const items = header.locator('[data-field="installs"] li');
    await expect(items).toHaveText([
      '!pip install requests==2.31.0 cell 1 and 2 more cells',
      '%pip install -q tqdm cell 2'
    ]);
    // The link goes to the first cell the line is in.
    await items.nth(1).getByRole('button', { name: 'cell 2' }).click();
    await expect.poll(() => activeCellIndex(page)).toBe(1);
  });

  test('adds an unstored row when a new cell imports an installed package', async ({
    page,
    tmpPath
  }) => {
    await openFixture(page, tmpPath, 'dependencies.ipynb');
    await expandAndWaitForKernel(page);
    const row = page.locator(`${HEADER} tr[data-package="traitlets"]`);
    await expect(row).toHaveCount(0);
    await page.notebook.setCell(2, 'code', 'import traitlets');
    await page.notebook.runCell(2);
    await expect(row).toHaveAttribute('data-status', 'unstored', {
      timeout: 20000
    });
    await expect(row.locator('td').nth(2)).toHaveText(/^\d+\.\d+/);
  });

  test('adds the row of an import typed into a cell once typing pauses, without running it', async ({
    page,
    tmpPath
  }) => {
    await openFixture(page, tmpPath, 'dependencies.ipynb');
    await expandAndWaitForKernel(page);
    const row = page.locator(`${HEADER} tr[data-package="traitlets"]`);
    await expect(row).toHaveCount(0);
    const counts = await executionCounts(page);
    await page.notebook.setCell(2, 'code', 'import traitlets');
    await expect(row).toHaveAttribute('data-status', 'unstored', {
      timeout: 20000
    });
    // The kernel was asked about it: its installed version shows.
    await expect(row.locator('td').nth(2)).toHaveText(/^\d+\.\d+/);
    // Nothing ran.
    expect(await executionCounts(page)).toEqual(counts);
  });

  test('probes do not change execution counts and do not show as runs', async ({
    page,
    tmpPath
  }) => {
    await openFixture(page, tmpPath, 'dependencies.ipynb');
    await expandAndWaitForKernel(page);
    await page.notebook.runCell(1);
    expect(await executionCounts(page)).toEqual([1, null]);
    await runCommand(page, 'nbproject:refresh');
    await runCommand(page, 'nbproject:refresh');
    await page.notebook.runCell(2);
    // runCell advances, adding an empty cell after the last one.
    expect((await executionCounts(page)).slice(0, 2)).toEqual([1, 2]);
  });

  test('records the live versions into the notebook without saving it', async ({
    page,
    tmpPath
  }) => {
    await openFixture(page, tmpPath, 'dependencies.ipynb');
    await expandAndWaitForKernel(page);
    await page
      .locator('.jp-Notification-Toast-warning')
      .getByText('Record live versions')
      .click();
    const meta = await liveMetadata(page);
    expect(meta.pypackage.ipykernel).toMatch(/^\d+\.\d+/);
    expect(meta.pypackage['not-a-real-package-xyz']).toBe('1.0');
    // The notebook named, and the package it could not record.
    await expect(page.locator('.jp-Notification-Toast-success')).toContainText(
      'Live versions recorded in dependencies.ipynb; save it to keep them. Not installed in the kernel, so kept as stored: not-a-real-package-xyz.'
    );
    await expect(
      page.locator(`${HEADER} tr[data-package="ipykernel"]`)
    ).toHaveAttribute('data-status', 'match');
    await expect(page.locator('.jp-mod-current.jp-mod-dirty')).toHaveCount(1);
  });

  test('copies an install command of valid names and versions only, saying how many were left out', async ({
    page,
    tmpPath
  }) => {
    await openFixture(page, tmpPath, 'dependencies.ipynb');
    await expandAndWaitForKernel(page);
    await page.evaluate(() => {
      const model = (window as any).jupyterapp.shell.currentWidget.context
        .model;
      const nbproject = model.getMetadata('nbproject');
      model.setMetadata('nbproject', {
        ...nbproject,
        pypackage: {
          ...nbproject.pypackage,
          "x'; touch pwned #": '1.0',
          numpy: '$(id)',
          rich: '`id`'
        }
      });
    });
    await page
      .locator('.jp-Notification-Toast-warning')
      .getByText('Copy install command')
      .click();
    const toast = page.locator('.jp-Notification-Toast-info');
    await expect(toast).toContainText(
      'Copied: pip install ipykernel==0.0.1 not-a-real-package-xyz==1.0 3 packages were left out: their names or versions are not valid.'
    );
  });

  test('says in words when the notebook has no kernel', async ({
    page,
    tmpPath
  }) => {
    const errors: string[] = [];
    // Ours only: JupyterLab's debugger sometimes rejects its own pending
    // request when the kernel goes ("Canceled future for debug_request").
    page.on('pageerror', error => {
      if (/nbproject/i.test(`${error.message}\n${error.stack ?? ''}`)) {
        errors.push(error.message);
      }
    });
    page.on('console', message => {
      if (message.type() === 'error' && /nbproject/i.test(message.text())) {
        errors.push(message.text());
      }
    });
    await openFixture(page, tmpPath, 'dependencies.ipynb');
    await expandAndWaitForKernel(page);
    await page.evaluate(async () => {
      await (
        window as any
      ).jupyterapp.shell.currentWidget.sessionContext.shutdown();
    });
    const state = page.locator(`${HEADER} .jp-nbproject-kernel-state`);
    await expect(state).toHaveAttribute('data-state', /no-kernel|dead/);
    await expect(state).toContainText(/kernel/i);
    // The one-line header says it too.
    await expect(page.locator(`${HEADER} [data-field="kernel"]`)).toHaveText(
      /no kernel|kernel dead/
    );
    expect(errors).toEqual([]);
  });

  test.describe('with a real kernel restart', () => {
    // Galata's kernel mock answers every POST under /api/kernels with 201,
    // which JupyterLab's restart call rejects: use the server's own routes.
    test.use({ kernels: null });

    test('warns about a notebook whose kernel answered behind another tab once its tab is shown', async ({
      page,
      tmpPath
    }) => {
      const fixture = path.resolve(
        __dirname,
        '../notebooks/dependencies.ipynb'
      );
      for (const name of ['behind.ipynb', 'front.ipynb']) {
        await page.contents.uploadFile(fixture, `${tmpPath}/${name}`);
      }
      const warning = (name: string) =>
        page.locator('.jp-Notification-Toast-warning', {
          hasText: `${name}: packages differ`
        });
      await page.filebrowser.open(`${tmpPath}/behind.ipynb`);
      await expect(warning('behind.ipynb')).toHaveCount(1, { timeout: 30000 });
      await warning('behind.ipynb')
        .locator('.jp-Notification-Toast-Close')
        .click();
      await expect(warning('behind.ipynb')).toHaveCount(0);
      await page.filebrowser.open(`${tmpPath}/front.ipynb`);
      await expect(warning('front.ipynb')).toHaveCount(1, { timeout: 30000 });

      // behind.ipynb's kernel restarts while its tab is not shown: a new
      // kernel session, which answers there.
      await page.evaluate(async () => {
        const w = window as any;
        const container = w._JUPYTERLAB['jupyterlab-nbproject'];
        const { INbprojectTracker } = (await container.get('./index'))();
        w.jupyterapp.registerPlugin({
          id: 'nbproject-behind-tab:plugin',
          description: 'Reads the nbproject sessions.',
          requires: [INbprojectTracker],
          activate: (_: unknown, tracker: any) => {
            w.__nbprojectBehind = tracker.find((session: any) =>
              session.path.endsWith('behind.ipynb')
            );
          }
        });
        await w.jupyterapp.activatePlugin('nbproject-behind-tab:plugin');
        const session = w.__nbprojectBehind;
        w.__nbprojectBehindBefore = session.execution.kernelSession;
        await session.panel.sessionContext.session.kernel.restart();
      });
      await expect
        .poll(
          () =>
            page.evaluate(() => {
              const w = window as any;
              const session = w.__nbprojectBehind;
              return (
                session.execution.kernelSession !== w.__nbprojectBehindBefore &&
                session.kernel.state === 'ready' &&
                session.kernel.environment !== null &&
                !session.panel.isVisible
              );
            }),
          { timeout: 30000 }
        )
        .toBe(true);
      // A toast would be on screen by now.
      await page.waitForTimeout(1000);
      await expect(warning('behind.ipynb')).toHaveCount(0);

      await page.activity.activateTab('behind.ipynb');
      await expect(warning('behind.ipynb')).toHaveCount(1, { timeout: 10000 });
      await expect(warning('behind.ipynb')).toContainText('ipykernel 0.0.1');
    });
  });
});
