import { NotebookModel } from '@jupyterlab/notebook';
import { Signal } from '@lumino/signaling';
import { HeaderModel } from '../header/model';
import { codeDigest } from '../core/digest';

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
  answer(distributions: Record<string, string>, moduleDistributions: Record<string, string[]> = {}): void {
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

function notebook(source: string, pypackage: Record<string, string> | null = null): NotebookModel {
  const model = new NotebookModel();
  model.sharedModel.insertCell(0, { cell_type: 'markdown', source: '# T' });
  model.sharedModel.insertCell(1, { cell_type: 'code', source });
  model.setMetadata('nbproject', {
    id: 'Zv1wV7oM9ztH', version: '1', time_init: '2022-10-09T15:08:04+00:00', pypackage
  });
  return model;
}

const flush = () => new Promise(resolve => setTimeout(resolve, 0));

describe('the header model', () => {
  it('marks stored and imported packages against the kernel answer', () => {
    const source = notebook('import numpy\nimport yaml', { numpy: '1.0', pandas: '2.0' });
    const probe = new FakeProbe();
    const model = new HeaderModel({ source, probe });
    model.ready = true;
    probe.answer({ numpy: '2.0', pandas: '', PyYAML: '6.0.1' }, { numpy: ['numpy'], yaml: ['PyYAML'] });
    expect(model.packages.map(r => [r.key, r.status])).toEqual([
      ['numpy', 'mismatch'],
      ['pandas', 'missing'],
      ['pyyaml', 'unstored']
    ]);
    expect(model.packageSummary.mismatch).toBe(1);
  });

  it('asks the kernel again once the notebook loads and when stored names change', () => {
    const source = notebook('x = 1', { numpy: '1.0' });
    const probe = new FakeProbe();
    const model = new HeaderModel({ source, probe });
    model.ready = true;
    expect(probe.refreshes).toBe(1);
    expect(model.probeQuery().distributions).toEqual(['numpy']);
    source.setMetadata('nbproject', { ...(source.getMetadata('nbproject') as object), pypackage: { numpy: '1.0', scipy: '1.0' } });
    expect(probe.refreshes).toBe(2);
    // Only the version changed: the kernel was already asked about numpy.
    source.setMetadata('nbproject', { ...(source.getMetadata('nbproject') as object), pypackage: { numpy: '9', scipy: '1.0' } });
    expect(probe.refreshes).toBe(2);
  });

  it('calls a package the kernel was not asked about unknown, not missing', () => {
    const source = notebook('x = 1', { numpy: '1.0', scipy: '1.0' });
    const probe = new FakeProbe();
    const model = new HeaderModel({ source, probe });
    model.ready = true;
    probe.answer({ numpy: '1.0' });
    expect(model.packages.find(r => r.key === 'scipy')!.status).toBe('unknown');
    expect(model.packages.find(r => r.key === 'numpy')!.status).toBe('match');
  });

  it('says when the code changed since the last publication', async () => {
    const source = notebook('x = 1');
    const model = new HeaderModel({ source, digestDelay: 0 });
    const cells = [{ cell_type: 'markdown', source: '# T' }, { cell_type: 'code', source: 'x = 1' }];
    source.setMetadata('jupyterlab_nbproject', {
      schema_version: 1,
      history: [{ version: '2', time: '2026-01-01T00:00:00+00:00', note: null, consecutive: true, code_sha256: await codeDigest(cells), python: null }]
    });
    model.ready = true;
    await flush();
    await flush();
    expect(model.published).toMatchObject({ modified: false, record: { version: '2' } });
    source.cells.get(1).sharedModel.setSource('x = 2');
    await flush();
    await flush();
    await flush();
    expect(model.published!.modified).toBe(true);
  });

  it('stops listening when disposed', () => {
    const source = notebook('x = 1');
    const model = new HeaderModel({ source });
    let emitted = 0;
    model.stateChanged.connect(() => emitted++);
    model.dispose();
    source.setMetadata('nbproject', { id: 'other' });
    expect(emitted).toBe(0);
  });
});
