import { expect, test } from '@jupyterlab/galata';
import { HEADER, ourLongestFrame, watchOurLongFrames } from './utils';

/**
 * A tracked notebook of about 1 MB: `cells` code cells of ordinary analysis
 * code with imports, the same every time, and a last cell holding a
 * password (which the hygiene scan, the last of the work on open, finds).
 */
function largeNotebook(cells: number, bytesPerCell: number): string {
  const modules = [
    'pandas as pd',
    'numpy as np',
    'requests',
    'yaml',
    'scipy.stats as st'
  ];
  const source = (cell: number): string => {
    const lines = [`import ${modules[cell % modules.length]}`];
    for (let i = 0; lines.join('\n').length < bytesPerCell; i++) {
      lines.push(
        `def score_${cell}_${i}(values, threshold=${i % 7}):`,
        `    """Mean of the values above threshold ${i}."""`,
        `    kept = [v * ${i % 13} for v in values if v > threshold]`,
        `    return {"mean": sum(kept) / max(len(kept), 1), "n": len(kept)}`,
        `table_${i} = {k: score_${cell}_${i}(v) for k, v in groups.items() if k != "cell ${cell}"}`
      );
    }
    return lines.join('\n');
  };
  const code = (text: string, count: number) => ({
    cell_type: 'code',
    metadata: {},
    source: text,
    execution_count: count,
    outputs: []
  });
  return JSON.stringify({
    cells: [
      ...Array.from({ length: cells }, (_, i) => code(source(i), i + 1)),
      code('password = "Tr0ub4dor&3-correct-horse"', cells + 1)
    ],
    metadata: {
      kernelspec: {
        display_name: 'Python 3 (ipykernel)',
        language: 'python',
        name: 'python3'
      },
      nbproject: {
        id: 'Lg1MbNoteb00',
        version: '1',
        time_init: '2026-01-01T00:00:00+00:00',
        pypackage: null
      }
    },
    nbformat: 4,
    nbformat_minor: 5
  });
}

test.describe('a large notebook', () => {
  test('opens without the extension holding the page for long', async ({
    page,
    tmpPath
  }) => {
    const name = 'large.ipynb';
    const content = largeNotebook(40, 25000);
    expect(content.length).toBeGreaterThan(1000000);
    await page.contents.uploadContent(content, 'text', `${tmpPath}/${name}`);
    await watchOurLongFrames(page);
    await page.filebrowser.open(`${tmpPath}/${name}`);
    const header = page.locator(HEADER);
    // The header reads the metadata first, then the imports and, when the
    // page is idle, the secrets: all of it, however long the notebook.
    await header.locator('[data-tracked]').waitFor();
    await expect(header.locator('[data-field="hygiene-summary"]')).toHaveText(
      '1 hygiene warning',
      {
        timeout: 60000
      }
    );
    await header.locator('.jp-nbproject-toggle .jp-nbproject-brand').click();
    const rows = header.locator('.jp-nbproject-packages tr[data-package]');
    await expect(rows).toHaveCount(5);
    await expect(rows.first()).toHaveAttribute('data-package', 'numpy');
    const longest = await ourLongestFrame(page);
    test.info().annotations.push({
      type: 'longest script of the extension in a late frame',
      description: `${longest} ms`
    });
    // Read in one go, the 1 MB held the page for about 500 ms at a time; in
    // slices, never more than a few tens (the margin is for a busy machine).
    expect(longest).toBeLessThan(150);
  });
});
