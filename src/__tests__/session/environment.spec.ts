// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { Signal } from '@lumino/signaling';
import { EXTENSION_KEY } from '../../core/extension/metadata';
import { ENVIRONMENT_EXPRESSION_KEY } from '../../core/kernel/environmentRequest';
import { EnvironmentModel } from '../../session/environment';

/**
 * A kernel whose environment is `distributions`; it counts the requests.
 */
function fakeKernel(distributions: unknown[]) {
  const kernel = {
    requests: 0,
    requestExecute(content: any) {
      expect(Object.keys(content.user_expressions)).toEqual([
        ENVIRONMENT_EXPRESSION_KEY
      ]);
      kernel.requests++;
      const payload = {
        python: { version: '3.11.7', implementation: 'CPython' },
        platform: 'linux-x86_64',
        distributions,
        conda: null,
        partial: false
      };
      const text = `'${Buffer.from(JSON.stringify(payload)).toString('base64')}'`;
      return {
        done: Promise.resolve({
          content: {
            status: 'ok',
            user_expressions: {
              [ENVIRONMENT_EXPRESSION_KEY]: {
                status: 'ok',
                data: { 'text/plain': text }
              }
            }
          }
        }),
        dispose: () => undefined
      };
    }
  };
  return kernel;
}

function setup(stored: string[] | null) {
  let extension: unknown = stored
    ? {
        environment: {
          python: '3.11.7',
          platform: 'linux-x86_64',
          packages: stored,
          sha256: ''
        }
      }
    : undefined;
  const source = {
    getMetadata: (key: string) => (key === EXTENSION_KEY ? extension : null),
    metadataChanged: new Signal<any, any>({})
  };
  const probe = {
    state: 'ready' as any,
    stateChanged: new Signal<any, unknown>({})
  };
  const kernel = fakeKernel([
    { name: 'pandas', version: '2.2.3', requires: ['numpy'] },
    { name: 'numpy', version: '2.0.0', requires: [] },
    { name: 'rich', version: '13.0.0', requires: [] }
  ]);
  let session = 'k1#0';
  let imported = ['pandas'];
  const imports = new Signal<any, void>({});
  const model = new EnvironmentModel({
    source,
    probe,
    kernel: () => kernel,
    kernelKey: () => session,
    imported: () => imported,
    importsChanged: imports,
    timeout: () => 10000
  });
  const settle = () => new Promise(resolve => setTimeout(resolve, 0));
  return {
    model,
    kernel,
    probe,
    imports,
    settle,
    importNow: (names: string[]) => {
      imported = names;
      imports.emit();
    },
    restart: () => {
      session = 'k1#1';
      probe.stateChanged.emit(null);
    },
    store: (packages: string[]) => {
      extension = { environment: { packages } };
      source.metadataChanged.emit({ key: EXTENSION_KEY });
    }
  };
}

describe('EnvironmentModel', () => {
  it('asks nothing of the kernel for a notebook without a snapshot', async () => {
    const { model, kernel, settle } = setup(null);
    model.start();
    await settle();
    expect(model.state).toBe('none');
    expect(kernel.requests).toBe(0);
  });

  it('compares once per kernel session, and again after a restart', async () => {
    const { model, kernel, probe, imports, settle, restart, store } = setup([
      'pandas==2.2.2',
      'numpy==1.26.4',
      'rich==13.0.0'
    ]);
    model.start();
    await settle();
    expect(model.state).toBe('done');
    expect(
      model.drift!.rows.map(r => [r.name, r.status, r.underImports])
    ).toEqual([
      ['numpy', 'changed', true],
      ['pandas', 'changed', true]
    ]);
    // The probe answering again, the imports or the snapshot changing:
    // compared again from the answer kept for this kernel session.
    probe.stateChanged.emit(null);
    imports.emit();
    store(['pandas==2.2.3', 'numpy==2.0.0', 'rich==12.0.0']);
    await settle();
    expect(kernel.requests).toBe(1);
    expect(model.drift!.rows.map(r => r.name)).toEqual(['rich']);
    restart();
    await settle();
    expect(kernel.requests).toBe(2);
    model.refresh();
    await settle();
    expect(kernel.requests).toBe(3);
  });

  it('says again which changes are under the imports when the imports change', async () => {
    const { model, kernel, importNow, settle } = setup([
      'pandas==2.2.2',
      'numpy==1.26.4',
      'rich==12.0.0'
    ]);
    model.start();
    await settle();
    const errors = jest.spyOn(console, 'error').mockImplementation(() => {});
    importNow(['rich']);
    await settle();
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
    expect(kernel.requests).toBe(1);
    expect(model.drift!.rows.map(r => [r.name, r.underImports])).toEqual([
      ['rich', true],
      ['numpy', false],
      ['pandas', false]
    ]);
  });

  it('waits for a ready kernel', async () => {
    const { model, kernel, probe, settle } = setup(['pandas==2.2.3']);
    probe.state = 'probing';
    model.start();
    await settle();
    expect(model.state).toBe('waiting');
    expect(kernel.requests).toBe(0);
    probe.state = 'ready';
    probe.stateChanged.emit(null);
    await settle();
    expect(model.state).toBe('done');
  });
});
