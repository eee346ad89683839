import * as path from 'path';

/**
 * The header of the notebook on screen.
 */
export const HEADER =
  '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-nbproject-header';

/**
 * Upload a fixture notebook into the test's folder, open it and wait for
 * its header to have read the notebook.
 */
export async function openFixture(
  page: any,
  tmpPath: string,
  name: string
): Promise<void> {
  await page.contents.uploadFile(
    path.resolve(__dirname, '../notebooks', name),
    `${tmpPath}/${name}`
  );
  await page.filebrowser.open(`${tmpPath}/${name}`);
  await page.waitForSelector(`${HEADER} [data-tracked]`);
}

/**
 * Read a metadata key of the current notebook from the live model.
 */
export async function liveMetadata(page: any, key = 'nbproject'): Promise<any> {
  return page.evaluate((k: string) => {
    const widget = (window as any).jupyterapp.shell.currentWidget;
    return widget.context.model.getMetadata(k);
  }, key);
}

/**
 * Read a notebook as saved on disk (through the contents API).
 */
export async function savedNotebook(page: any, filePath: string): Promise<any> {
  return page.evaluate(async (p: string) => {
    const model = await (window as any).jupyterapp.serviceManager.contents.get(
      p,
      { content: true }
    );
    return model.content;
  }, filePath);
}

/**
 * The execution counts of the current notebook's code cells.
 */
export async function executionCounts(page: any): Promise<(number | null)[]> {
  return page.evaluate(() => {
    const model = (window as any).jupyterapp.shell.currentWidget.context.model;
    const counts: (number | null)[] = [];
    for (let i = 0; i < model.cells.length; i++) {
      const cell = model.cells.get(i);
      if (cell.type === 'code') {
        counts.push(cell.executionCount);
      }
    }
    return counts;
  });
}

/**
 * Run a command of the app and return its result.
 */
export async function runCommand(
  page: any,
  id: string,
  args: any = {}
): Promise<any> {
  return page.evaluate(
    ({ id, args }: { id: string; args: any }) =>
      (window as any).jupyterapp.commands.execute(id, args),
    { id, args }
  );
}

/**
 * Expand the header (if it is not) and wait for the kernel's answer.
 */
export async function expandAndWaitForKernel(page: any): Promise<void> {
  const header = page.locator(HEADER);
  if ((await header.locator('.jp-nbproject-details').count()) === 0) {
    await header.locator('.jp-nbproject-toggle .jp-nbproject-brand').click();
  }
  await header
    .locator('[data-field="environment"]')
    .getByText(/^Python \d/)
    .waitFor({ timeout: 30000 });
}

/**
 * Start watching the frames the browser could not show in time, keeping
 * how long the extension's own scripts ran in each: what a user sees as the
 * page freezing because of us, apart from JupyterLab's own rendering.
 */
export async function watchOurLongFrames(page: any): Promise<void> {
  await page.evaluate(() => {
    const w = window as any;
    w.__ours = [];
    w.__frames = (frames: any[]) => {
      for (const frame of frames) {
        for (const script of frame.scripts) {
          if (
            String(script.sourceURL).includes(
              '/lab/extensions/jupyterlab-nbproject/'
            )
          ) {
            w.__ours.push(script.duration);
          }
        }
      }
    };
    w.__observer = new PerformanceObserver(list =>
      w.__frames(list.getEntries())
    );
    w.__observer.observe({ type: 'long-animation-frame' });
  });
}

/**
 * Stop watching; the longest the extension's scripts ran in one late frame
 * since {@link watchOurLongFrames} (0 when never).
 */
export async function ourLongestFrame(page: any): Promise<number> {
  const ours: number[] = await page.evaluate(() => {
    const w = window as any;
    w.__frames(w.__observer.takeRecords());
    w.__observer.disconnect();
    return w.__ours;
  });
  return Math.max(0, ...ours);
}

/**
 * Upload a notebook of code cells `x{i} = {i}` that ran with the given
 * execution counts, with the given notebook metadata.
 */
export async function uploadCountsNotebook(
  page: any,
  filePath: string,
  counts: (number | null)[],
  metadata: Record<string, unknown>
): Promise<void> {
  await uploadCodeNotebook(
    page,
    filePath,
    counts.map((count, i) => ({ source: `x${i} = ${i}`, count })),
    metadata
  );
}

/**
 * The kernelspec of the test server's Python kernel: a notebook without
 * one opens on JupyterLab's kernel picker.
 */
export const PYTHON_KERNELSPEC = {
  display_name: 'Python 3 (ipykernel)',
  language: 'python',
  name: 'python3'
};

/**
 * nbproject metadata of a tracked notebook with an id.
 */
export function trackedMetadata(id: string): Record<string, unknown> {
  return {
    kernelspec: PYTHON_KERNELSPEC,
    nbproject: {
      id,
      version: '1',
      time_init: '2024-03-05T10:20:30.123456+00:00'
    }
  };
}

/**
 * Upload a notebook of code cells (ids `c0`, `c1`, …) with their sources
 * and execution counts (none when not given), and the notebook metadata.
 */
export async function uploadCodeNotebook(
  page: any,
  filePath: string,
  cells: { source: string; count?: number | null }[],
  metadata: Record<string, unknown>
): Promise<void> {
  const notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata,
    cells: cells.map(({ source, count = null }, i) => ({
      cell_type: 'code',
      id: `c${i}`,
      metadata: {},
      execution_count: count,
      outputs: [],
      source
    }))
  };
  await page.contents.uploadContent(JSON.stringify(notebook), 'text', filePath);
}

/**
 * The index of the current notebook's active cell.
 */
export function activeCellIndex(page: any): Promise<number> {
  return page.evaluate(
    () => (window as any).jupyterapp.shell.currentWidget.content.activeCellIndex
  );
}
