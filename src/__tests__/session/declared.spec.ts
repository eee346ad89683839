// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { NotebookModel } from '@jupyterlab/notebook';
import { Signal } from '@lumino/signaling';
import { loadAnalyses } from '../../session/loadAnalyses';
import { MetadataModel } from '../../session/metadata';
import { PackagesModel } from '../../session/packages';
import { parser } from '@lezer/python';

const PEP723 =
  '# /// script\n# requires-python = ">=3.11"\n# dependencies = [\n#     "numpy==1.26.4",\n#     "pandas>=2",\n#     "rich",\n# ]\n# ///';

const UV_LOCK = [
  'version = 1',
  'requires-python = ">=3.12"',
  '',
  '[[package]]',
  'name = "numpy"',
  'version = "2.0.0"',
  'source = { registry = "https://pypi.org/simple" }',
  ''
].join('\n');

class FakeProbe {
  state: any = 'ready';
  message = '';
  environment: any = null;
  refreshes = 0;
  stateChanged = new Signal<this, any>(this);
  requestRefresh(): void {
    this.refreshes++;
  }
  answer(distributions: Record<string, string>): void {
    this.environment = {
      python: { version: '3.11.7', implementation: 'CPython' },
      executable: '/x/bin/python',
      prefix: '/x',
      platform: 'linux',
      distributions,
      moduleDistributions: {},
      loadedModules: []
    };
    this.stateChanged.emit(this as any);
  }
}

describe('the packages model reads declared dependencies', () => {
  // The readers come with the analyses loaded after startup: loaded here,
  // as for every notebook opened after the first (what a notebook opened
  // before they arrive sees is tested with the session's parts).
  beforeAll(() => loadAnalyses());
  const models: PackagesModel[] = [];
  afterEach(() => models.splice(0).forEach(model => model.dispose()));

  function open(cells: string[], metadata: Record<string, unknown> = {}) {
    const source = new NotebookModel();
    cells.forEach((text, i) =>
      source.sharedModel.insertCell(i, { cell_type: 'code', source: text })
    );
    for (const [key, value] of Object.entries(metadata)) {
      source.setMetadata(key, value);
    }
    const probe = new FakeProbe();
    const read = new MetadataModel({ source });
    const model = new PackagesModel({ parser, source, metadata: read, probe });
    models.push(model);
    read.start();
    model.start();
    return { source, probe, model };
  }

  it('from a PEP 723 cell, compared with the kernel, and asks the kernel about them', () => {
    const { model, probe } = open([PEP723, 'x = 1']);
    expect(model.probeQuery().distributions).toEqual(
      expect.arrayContaining(['numpy', 'pandas', 'rich'])
    );
    probe.answer({ numpy: '1.26.4', pandas: '2.2.2', rich: '' });
    const [pep723] = model.declared;
    expect([pep723.source.source, pep723.source.cell]).toEqual(['pep723', 0]);
    expect(pep723.rows.map(row => [row.key, row.status])).toEqual([
      ['numpy', 'match'],
      ['pandas', 'installed'],
      ['rich', 'missing']
    ]);
  });

  it('from metadata["uv.lock"], following changes of the key at once', () => {
    const { model, source } = open(['x = 1'], { 'uv.lock': UV_LOCK });
    expect(
      model.declared.map(d => [
        d.source.source,
        d.rows.map(row => `${row.key}${row.declared}`)
      ])
    ).toEqual([['uv.lock', ['numpy==2.0.0']]]);
    let emitted = 0;
    model.changed.connect(() => emitted++);
    source.setMetadata('uv.lock', UV_LOCK.replace('2.0.0', '2.1.0'));
    expect(emitted).toBeGreaterThan(0);
    expect(model.declared[0].rows[0].declared).toBe('==2.1.0');
    source.deleteMetadata('uv.lock');
    expect(model.declared).toEqual([]);
  });

  it('follows edits of the cells once typing pauses', async () => {
    const { model, source } = open(['x = 1']);
    expect(model.declared).toEqual([]);
    source.cells.get(0).sharedModel.setSource(PEP723);
    await new Promise(resolve => setTimeout(resolve, 400));
    expect(model.declared.map(d => [d.source.source, d.source.cell])).toEqual([
      ['pep723', 0]
    ]);
  });

  it('is empty when no tool declared anything', () => {
    const { model } = open(['import numpy']);
    expect(model.declared).toEqual([]);
  });
});
