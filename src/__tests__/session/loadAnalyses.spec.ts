// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { NotebookModel } from '@jupyterlab/notebook';
import { parser } from '@lezer/python';
import { Signal } from '@lumino/signaling';
import { findSecrets, ICellWithOutputs } from '../../core/hygiene/secrets';
import { HygieneModel } from '../../session/hygiene';
import { loadAnalyses, loadedAnalyses } from '../../session/loadAnalyses';
import { MetadataModel } from '../../session/metadata';
import { PackagesModel } from '../../session/packages';

/**
 * Let timers and promises run.
 */
async function settle(): Promise<void> {
  for (let i = 0; i < 40; i++) {
    await new Promise(resolve => setTimeout(resolve, 0));
  }
}

const PEP723 =
  '# /// script\n# dependencies = [\n#     "numpy==1.26.4",\n# ]\n# ///';

const TOKEN = 'token = "ghp_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"';

/**
 * A notebook opens before the analyses loaded after startup have arrived
 * (this file loads them itself, in its first test): its parts wait for
 * them, then read the notebook as it is by then.
 */
describe('a notebook opened before the analyses arrive', () => {
  // The analyses are fetched when the page is idle: the test says when.
  const idle: (() => void)[] = [];
  beforeAll(() => {
    (globalThis as any).requestIdleCallback = (callback: () => void) =>
      idle.push(callback);
  });
  afterAll(() => {
    delete (globalThis as any).requestIdleCallback;
  });

  it('is read once they are: the scans wait, and the probe asks once, with the declared names', async () => {
    expect(loadedAnalyses()).toBeNull();

    // A hygiene scan started now finds nothing yet, and reads the cells
    // as they are when the code arrives.
    const contentChanged = new Signal<any, void>({});
    let cells: ICellWithOutputs[] = [
      { cell_type: 'code', source: 'x = 1', outputs: [] }
    ];
    const hygiene = new HygieneModel({
      source: { contentChanged },
      cells: () => cells,
      directory: () => null,
      delay: 0
    });
    let scans = 0;
    hygiene.changed.connect(() => scans++);
    hygiene.start();
    cells = [...cells, { cell_type: 'code', source: TOKEN, outputs: [] }];
    contentChanged.emit();

    // The packages model: the kernel probe, about to ask, waits for the
    // declared dependencies, and no second request follows them.
    const source = new NotebookModel();
    [PEP723, 'import pandas'].forEach((text, i) =>
      source.sharedModel.insertCell(i, { cell_type: 'code', source: text })
    );
    const probe = {
      state: 'probing' as const,
      environment: null,
      stateChanged: new Signal<any, unknown>({}),
      refreshes: 0,
      requestRefresh(): void {
        this.refreshes++;
      }
    };
    const metadata = new MetadataModel({ source });
    const packages = new PackagesModel({ parser, source, metadata, probe });
    // Before the notebook has loaded, nothing holds a probe back.
    let early = false;
    void packages.queryReady().then(() => (early = true));
    await new Promise(resolve => setTimeout(resolve, 0));
    expect(early).toBe(true);
    metadata.start();
    packages.start();
    const refreshes = probe.refreshes;
    let asked: readonly string[] | null = null;
    void packages
      .queryReady()
      .then(() => (asked = packages.probeQuery().distributions));
    await settle();
    expect(asked).toBeNull();
    expect(packages.declared).toEqual([]);
    expect(hygiene.secrets).toEqual([]);
    expect(scans).toBe(0);
    expect(loadedAnalyses()).toBeNull();

    // The page is idle: the analyses come, and the parts read.
    expect(idle.length).toBeGreaterThan(0);
    idle.splice(0).forEach(callback => callback());
    await loadAnalyses();
    await settle();
    expect(loadedAnalyses()).not.toBeNull();
    expect(hygiene.secrets).toEqual(findSecrets(cells));
    expect(hygiene.secrets.map(finding => finding.cell)).toEqual([1]);
    expect(asked).toEqual(expect.arrayContaining(['numpy', 'pandas']));
    expect(packages.declared.map(d => d.source.source)).toEqual(['pep723']);
    expect(probe.refreshes).toBe(refreshes);

    hygiene.dispose();
    packages.dispose();
    metadata.dispose();
    source.dispose();
  });

  it('once they are loaded, a part starts at once, as before', () => {
    const hygiene = new HygieneModel({
      source: {},
      cells: () => [{ cell_type: 'code', source: TOKEN, outputs: [] }],
      directory: () => null
    });
    hygiene.start();
    expect(hygiene.secrets.map(finding => finding.kind)).toEqual([
      'github-token'
    ]);
    hygiene.dispose();
  });
});
