import { NotebookModel } from '@jupyterlab/notebook';
import { Signal } from '@lumino/signaling';
import type { ICodeCellModel } from '@jupyterlab/cells';
import { ExecutionMonitor } from '../../session/execution';
import { MetadataModel } from '../../session/metadata';
import { PackagesModel } from '../../session/packages';
import { parser } from '@lezer/python';

/**
 * A kernel probe stand-in: the header model only reads its state.
 */
class FakeProbe {
  state: any = 'ready';
  message = '';
  environment: any = null;
  refreshes = 0;
  stateChanged = new Signal<this, any>(this);
  requestRefresh(): void {
    this.refreshes++;
  }
  answer(
    distributions: Record<string, string>,
    moduleDistributions: Record<string, string[]> = {}
  ): void {
    this.environment = {
      python: { version: '3.11.7', implementation: 'CPython' },
      executable: '/x/bin/python',
      prefix: '/x',
      platform: 'linux',
      distributions,
      moduleDistributions,
      loadedModules: []
    };
    this.stateChanged.emit(this as any);
  }
}

function notebook(
  source: string,
  pypackage: Record<string, string> | null = null
): NotebookModel {
  const model = new NotebookModel();
  model.sharedModel.insertCell(0, { cell_type: 'markdown', source: '# T' });
  model.sharedModel.insertCell(1, { cell_type: 'code', source });
  model.setMetadata('nbproject', {
    id: 'Zv1wV7oM9ztH',
    version: '1',
    time_init: '2022-10-09T15:08:04+00:00',
    pypackage
  });
  return model;
}

const PEP723_REQUESTS =
  '# /// script\n# dependencies = ["requests"]\n# ///\nimport requests';

const flush = () => new Promise(resolve => setTimeout(resolve, 0));

/**
 * Let a sliced analysis of a few cells run to its end.
 */
async function slices(): Promise<void> {
  for (let i = 0; i < 20; i++) {
    await flush();
  }
}

/**
 * An execution monitor stand-in: `run()` says a cell ran or the cell list
 * changed, as the real one does after a batch.
 */
class FakeMonitor {
  report = {
    mode: 'nbproject' as const,
    consecutive: true,
    violations: [],
    ran: true,
    hasCode: true,
    cells: []
  };
  changed = new Signal<this, any>(this);
  run(): void {
    this.changed.emit(this.report);
  }
}

/**
 * The package rows as a user reads them: key and status.
 */
const rows = (model: PackagesModel) =>
  model.rows.map(r => `${r.key}:${r.status}`);

/**
 * A packages model on a notebook model, with its metadata model; `start()`
 * is what the session does once the notebook has loaded.
 */
function packagesOf(
  source: NotebookModel,
  options: Omit<PackagesModel.IOptions, 'parser' | 'source' | 'metadata'> = {}
) {
  const metadata = new MetadataModel({ source });
  const model = new PackagesModel({ parser, source, metadata, ...options });
  const start = () => {
    metadata.start();
    model.start();
  };
  return { model, metadata, start };
}

describe('the packages model', () => {
  it('marks stored and imported packages against the kernel answer', () => {
    const source = notebook('import numpy\nimport yaml', {
      numpy: '1.0',
      pandas: '2.0'
    });
    const probe = new FakeProbe();
    const { model, start } = packagesOf(source, { probe });
    start();
    probe.answer(
      { numpy: '2.0', pandas: '', PyYAML: '6.0.1' },
      { numpy: ['numpy'], yaml: ['PyYAML'] }
    );
    expect(model.rows.map(r => [r.key, r.status])).toEqual([
      ['numpy', 'mismatch'],
      ['pandas', 'missing'],
      ['pyyaml', 'unstored']
    ]);
    expect(model.summary.mismatch).toBe(1);
  });

  it('knows which packages the kernel answered are not installed, and only those', () => {
    const source = notebook('import matplotlib\nimport polars', {
      pandas: '2.0'
    });
    const probe = new FakeProbe();
    const { model, start } = packagesOf(source, { probe });
    start();
    // No kernel answer yet: nothing is known.
    expect([...model.notInstalled]).toEqual([]);
    probe.answer(
      { pandas: '', matplotlib: '' },
      { matplotlib: ['matplotlib'], polars: ['polars'] }
    );
    // polars was not asked about by name yet: unknown, not "not installed".
    expect([...model.notInstalled].sort()).toEqual(['matplotlib', 'pandas']);
  });

  it('asks the kernel again once the notebook loads and when stored names change', () => {
    const source = notebook('x = 1', { numpy: '1.0' });
    const probe = new FakeProbe();
    const { model, start } = packagesOf(source, { probe });
    start();
    expect(probe.refreshes).toBe(1);
    expect(model.probeQuery().distributions).toEqual(['numpy']);
    source.setMetadata('nbproject', {
      ...(source.getMetadata('nbproject') as object),
      pypackage: { numpy: '1.0', scipy: '1.0' }
    });
    expect(probe.refreshes).toBe(2);
    // Only the version changed: the kernel was already asked about numpy.
    source.setMetadata('nbproject', {
      ...(source.getMetadata('nbproject') as object),
      pypackage: { numpy: '9', scipy: '1.0' }
    });
    expect(probe.refreshes).toBe(2);
  });

  it('leaves a probe that has not asked its kernel yet to ask by itself, once', () => {
    const source = notebook('import yaml', { numpy: '1.0' });
    const probe = new FakeProbe();
    probe.state = 'starting';
    const { model, start } = packagesOf(source, { probe });
    start();
    source.setMetadata('nbproject', {
      ...(source.getMetadata('nbproject') as object),
      pypackage: { scipy: '1.0' }
    });
    // When the kernel is up, the probe asks about what is current then.
    expect(probe.refreshes).toBe(0);
    expect(model.probeQuery()).toEqual({
      modules: ['yaml'],
      distributions: ['scipy', 'PyYAML']
    });
  });

  it('calls a package the kernel was not asked about unknown, not missing', () => {
    const source = notebook('x = 1', { numpy: '1.0', scipy: '1.0' });
    const probe = new FakeProbe();
    const { model, start } = packagesOf(source, { probe });
    start();
    probe.answer({ numpy: '1.0' });
    expect(model.rows.find(r => r.key === 'scipy')!.status).toBe('unknown');
    expect(model.rows.find(r => r.key === 'numpy')!.status).toBe('match');
  });

  it('shows the metadata at once and the imports of a large notebook once read in slices', async () => {
    const source = notebook('import yaml', { numpy: '1.0' });
    source.sharedModel.insertCell(2, {
      cell_type: 'code',
      source: 'import requests'
    });
    const probe = new FakeProbe();
    probe.answer(
      { numpy: '1.0', PyYAML: '6.0.1', requests: '2.31.0' },
      { yaml: ['PyYAML'], requests: ['requests'] }
    );
    // A slice of no time at all: one cell per task, as in a huge notebook.
    const { model, metadata, start } = packagesOf(source, {
      probe,
      sliceBudget: 0
    });
    const seen: string[][] = [];
    model.changed.connect(() => seen.push(rows(model)));
    start();
    expect(metadata.read.metadata?.id).toBe('Zv1wV7oM9ztH');
    expect(rows(model)).toEqual(['numpy:match']);
    expect(probe.refreshes).toBe(0);
    await slices();
    expect(rows(model)).toEqual([
      'numpy:match',
      'pyyaml:unstored',
      'requests:unstored'
    ]);
    expect(seen[seen.length - 1]).toEqual(rows(model));
    // Once read, the kernel is asked about them, once.
    expect(probe.refreshes).toBe(1);
  });

  it('reads the cells again when one runs during a sliced analysis, never showing the old ones', async () => {
    const source = notebook('import yaml');
    source.sharedModel.insertCell(2, { cell_type: 'code', source: 'x = 1' });
    source.sharedModel.insertCell(3, { cell_type: 'code', source: 'y = 2' });
    const probe = new FakeProbe();
    const monitor = new FakeMonitor();
    const { model, start } = packagesOf(source, {
      probe,
      execution: monitor,
      sliceBudget: 0
    });
    start();
    await flush();
    // Halfway: the cell importing yaml now imports requests, and runs.
    source.cells.get(1).sharedModel.setSource('import requests');
    const seen: string[][] = [];
    model.changed.connect(() => seen.push(rows(model)));
    monitor.run();
    await slices();
    expect(rows(model)).toEqual(['requests:unstored']);
    expect(seen.flat()).not.toContain('pyyaml:unstored');
    expect(model.probeQuery().modules).toEqual(['requests']);
    expect(probe.refreshes).toBe(1);
  });

  it('reads imports and declared dependencies again after a source changed, not when cells merely run', async () => {
    const source = notebook('import yaml');
    source.sharedModel.insertCell(2, { cell_type: 'code', source: 'x = 1' });
    const monitor = new ExecutionMonitor({ model: source, delay: 1e9 });
    const { model, start } = packagesOf(source, {
      execution: monitor,
      declaredDelay: 0
    });
    start();
    await slices();
    expect(model.modules).toEqual(['yaml']);
    let emitted = 0;
    model.changed.connect(() => emitted++);
    const cells = [1, 2].map(i => source.cells.get(i) as ICodeCellModel);
    let reads = 0;
    const get = source.cells.get.bind(source.cells);
    source.cells.get = (index: number) => {
      reads++;
      return get(index);
    };
    // A "run all": counts change, batch after batch, no source does.
    for (const cell of cells) {
      cell.executionCount = cells.indexOf(cell) + 1;
      monitor.flush();
      await slices();
    }
    expect([emitted, reads]).toEqual([0, 0]);
    // An edit, then a run: both are read again.
    cells[0].sharedModel.setSource(PEP723_REQUESTS);
    cells[0].executionCount = 3;
    monitor.flush();
    await slices();
    expect(model.modules).toEqual(['requests']);
    expect(reads).toBeGreaterThan(0);
    expect(model.declared.map(d => d.source.source)).toEqual(['pep723']);
    model.dispose();
    monitor.dispose();
  });

  it('reads the imports again when typing pauses, not at each keystroke, and asks the kernel about the new one', async () => {
    const source = notebook('import yaml');
    const monitor = new ExecutionMonitor({ model: source, delay: 1e9 });
    const probe = new FakeProbe();
    const { model, start } = packagesOf(source, {
      execution: monitor,
      probe,
      importsDelay: 50
    });
    start();
    await slices();
    expect(model.modules).toEqual(['yaml']);
    const refreshes = probe.refreshes;
    const cell = source.cells.get(1) as ICodeCellModel;
    // Typed a character at a time, faster than the pause.
    const typed = 'import yaml\nimport pandas as pd';
    for (let n = 'import yaml\nimport p'.length; n <= typed.length; n++) {
      cell.sharedModel.setSource(typed.slice(0, n));
      await flush();
    }
    expect(model.modules).toEqual(['yaml']);
    await new Promise(resolve => setTimeout(resolve, 150));
    await slices();
    expect(model.modules).toEqual(['pandas', 'yaml']);
    expect(rows(model)).toContain('pandas:unstored');
    expect(probe.refreshes - refreshes).toBe(1);
    // Outputs and counts change the notebook along a run: the pause after
    // them reads no cell and asks the kernel nothing.
    let reads = 0;
    const get = source.cells.get.bind(source.cells);
    source.cells.get = (index: number) => {
      reads++;
      return get(index);
    };
    cell.executionCount = 7;
    cell.outputs.add({
      output_type: 'stream',
      name: 'stdout',
      text: 'x\n'
    });
    await new Promise(resolve => setTimeout(resolve, 150));
    await slices();
    expect([reads, probe.refreshes - refreshes]).toEqual([0, 1]);
    model.dispose();
    monitor.dispose();
  });

  it('never shows the imports of a list of cells that changed while it was read', async () => {
    const source = notebook('import yaml');
    const probe = new FakeProbe();
    const { model, start } = packagesOf(source, { probe, sliceBudget: 0 });
    start();
    await flush();
    // A cell pasted halfway, before the monitor's next batch would say so.
    source.sharedModel.insertCell(0, {
      cell_type: 'code',
      source: 'import requests'
    });
    const seen: string[][] = [];
    model.changed.connect(() => seen.push(rows(model)));
    await slices();
    expect(rows(model)).toEqual(['pyyaml:unstored', 'requests:unstored']);
    expect(seen).toEqual([rows(model)]);
  });

  it('asks nothing more of a probe that waited for the analysis: it asks with the result', async () => {
    const source = notebook('import yaml');
    const probe = new FakeProbe();
    const { model, start } = packagesOf(source, { probe, sliceBudget: 0 });
    start();
    // The probe, about to ask the kernel, waits for the imports.
    const query = model.queryReady().then(() => model.probeQuery());
    expect((await query).modules).toEqual(['yaml']);
    await slices();
    expect(probe.refreshes).toBe(0);
  });

  it('stops a sliced analysis when disposed', async () => {
    const source = notebook('import yaml');
    const { model, start } = packagesOf(source, { sliceBudget: 0 });
    start();
    let emitted = 0;
    model.changed.connect(() => emitted++);
    const analysed = model.queryReady();
    model.dispose();
    await analysed;
    await slices();
    expect(emitted).toBe(0);
    expect(model.rows).toEqual([]);
  });

  it('stops listening when disposed', () => {
    const source = notebook('x = 1');
    const { model } = packagesOf(source);
    let emitted = 0;
    model.changed.connect(() => emitted++);
    model.dispose();
    source.setMetadata('nbproject', { id: 'other' });
    expect(emitted).toBe(0);
  });
});
