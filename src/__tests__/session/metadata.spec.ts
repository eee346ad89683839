// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { NotebookModel } from '@jupyterlab/notebook';
import { Signal } from '@lumino/signaling';
import { codeDigest } from '../../core/notebook/digest';
import { MetadataModel } from '../../session/metadata';

function notebook(source: string): NotebookModel {
  const model = new NotebookModel();
  model.sharedModel.insertCell(0, { cell_type: 'markdown', source: '# T' });
  model.sharedModel.insertCell(1, { cell_type: 'code', source });
  model.setMetadata('nbproject', {
    id: 'Zv1wV7oM9ztH',
    version: '1',
    time_init: '2022-10-09T15:08:04+00:00'
  });
  return model;
}

const flush = () => new Promise(resolve => setTimeout(resolve, 0));

/**
 * Wait until `done()` holds, a turn of the event loop at a time: the code
 * digest is computed with WebCrypto, whose promise may take several turns on
 * a busy machine. Gives up after ten seconds.
 */
async function until(done: () => boolean): Promise<boolean> {
  const deadline = Date.now() + 10000;
  while (!done() && Date.now() < deadline) {
    await flush();
  }
  return done();
}

/**
 * Publish version 2 of the notebook's code as it is now.
 */
async function published(source: NotebookModel): Promise<void> {
  const cells = [];
  for (let i = 0; i < source.cells.length; i++) {
    const cell = source.cells.get(i);
    cells.push({ cell_type: cell.type, source: cell.sharedModel.getSource() });
  }
  source.setMetadata('jupyterlab_nbproject', {
    schema_version: 1,
    history: [
      {
        version: '2',
        time: '2026-01-01T00:00:00+00:00',
        note: null,
        consecutive: true,
        code_sha256: await codeDigest(cells),
        python: null
      }
    ]
  });
}

describe('the metadata model', () => {
  it('reads the metadata at once when the notebook has loaded, and again when it changes', () => {
    const source = notebook('x = 1');
    const model = new MetadataModel({ source });
    let emitted = 0;
    model.changed.connect(() => emitted++);
    model.start();
    expect(emitted).toBe(1);
    expect(model.read.metadata?.version).toBe('1');
    source.setMetadata('nbproject', {
      ...(source.getMetadata('nbproject') as object),
      version: '7'
    });
    expect(model.read.metadata?.version).toBe('7');
    expect(emitted).toBe(2);
  });

  it('says when the code changed since the last publication, once typing pauses', async () => {
    const source = notebook('x = 1');
    await published(source);
    const model = new MetadataModel({ source, digestDelay: 0 });
    model.start();
    expect(await until(() => model.published !== null)).toBe(true);
    expect(model.published).toMatchObject({
      modified: false,
      record: { version: '2' }
    });
    source.cells.get(1).sharedModel.setSource('x = 2');
    expect(model.published!.modified).toBe(false);
    expect(await until(() => model.published!.modified)).toBe(true);
  });

  it('tells at once after a cell ran, without waiting for typing to pause', async () => {
    const source = notebook('x = 1');
    await published(source);
    const execution = { changed: new Signal<unknown, void>({}) };
    // A pause longer than the test: only the run can tell.
    const model = new MetadataModel({ source, execution, digestDelay: 60000 });
    model.start();
    expect(await until(() => model.published !== null)).toBe(true);
    source.cells.get(1).sharedModel.setSource('x = 2');
    execution.changed.emit();
    // Told within the digest's few turns, long before the 60 s pause.
    expect(await until(() => model.published!.modified)).toBe(true);
    model.dispose();
  });

  it('stops listening when disposed', async () => {
    const source = notebook('x = 1');
    const model = new MetadataModel({ source, digestDelay: 0 });
    model.start();
    let emitted = 0;
    model.changed.connect(() => emitted++);
    model.dispose();
    source.setMetadata('nbproject', { id: 'other' });
    await published(source);
    await flush();
    expect(emitted).toBe(0);
  });
});
