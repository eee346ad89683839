// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { Notification } from '@jupyterlab/apputils';
import { NotebookModel } from '@jupyterlab/notebook';
import { nullTranslator } from '@jupyterlab/translation';
import { readDataManifest } from '../../core/data/manifest';
import { addDataFile, hashPublishData } from '../../actions/dataFiles';
import { publishNotebook } from '../../actions/publish';
import { preparePep723 } from '../../actions/exports';
import { readPep723 } from '../../core/packages/pep723';
import { codeDigest } from '../../core/notebook/digest';
import { parser } from '@lezer/python';
import { EXTENSION_KEY } from '../../core/extension/metadata';
import { IDataFileToHash, IPublishData } from '../../core/publish/dataFiles';

const trans = nullTranslator.load('jupyterlab_nbproject');
const DIGEST = 'c'.repeat(64);
const FAKE_AWS_ID = ['AK', 'IA', 'FAKE', 'Q7M2', 'X9LB', 'R4TZ'].join('');

/**
 * A titled notebook that ran in order and reads `data/iris.csv`.
 */
function notebook(extra: string[] = []): NotebookModel {
  const model = new NotebookModel();
  model.fromJSON({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { [EXTENSION_KEY]: { history: [], theirs: 'kept' } },
    cells: [
      { cell_type: 'markdown', source: '# Iris', metadata: {} },
      ...[
        'with open("data/iris.csv") as f:\n    rows = f.read()',
        ...extra
      ].map((source, i) => ({
        cell_type: 'code',
        source,
        metadata: {},
        execution_count: i + 1,
        outputs: []
      }))
    ]
  } as any);
  return model;
}

/**
 * A context whose saves record the metadata changes between them.
 */
function context(model: NotebookModel) {
  const saves: any[] = [];
  let changes = 0;
  model.metadataChanged.connect(() => void changes++);
  return {
    saves,
    changes: () => changes,
    context: {
      model,
      contentsModel: { writable: true },
      save: async () =>
        void saves.push(
          JSON.parse(JSON.stringify(model.getMetadata(EXTENSION_KEY)))
        )
    } as any
  };
}

describe('publishing with data files', () => {
  it('hashes the files the code reads and records them with the history, in one change, then saves', async () => {
    const model = notebook();
    const { context: ctx, saves } = context(model);
    const asked: IDataFileToHash[][] = [];
    const hashData = async (
      files: IDataFileToHash[]
    ): Promise<IPublishData> => {
      asked.push(files);
      return {
        files,
        results: new Map([['data/iris.csv', { sha256: DIGEST, size: 4551 }]])
      };
    };
    // One Yjs update per transaction: collaborators and undo see one change.
    let transactions = 0;
    (model.sharedModel as any).ydoc.on('update', () => void transactions++);
    const result = await publishNotebook(
      { parser, context: ctx, live: null, hashData },
      { interactive: false, force: true },
      trans
    );
    expect(result.published).toBe(true);
    expect(asked).toEqual([[{ path: 'data/iris.csv', added: false }]]);
    expect(transactions).toBe(1);
    expect(saves).toHaveLength(1);
    expect(saves[0].theirs).toBe('kept');
    expect(saves[0].history).toHaveLength(1);
    expect(readDataManifest(saves[0]).entries).toEqual([
      { path: 'data/iris.csv', sha256: DIGEST, size: 4551 }
    ]);
  });

  it('does not hash a read-only notebook', async () => {
    const model = notebook();
    let hashed = 0;
    const ctx = {
      model,
      contentsModel: { writable: false },
      save: async () => undefined
    } as any;
    const result = await publishNotebook(
      {
        parser,
        context: ctx,
        live: null,
        hashData: async files => (hashed++, { files, results: new Map() })
      },
      { interactive: false, force: true },
      trans
    );
    expect(result.published).toBe(false);
    expect(hashed).toBe(0);
  });

  it('refuses a notebook holding a key unless forced, and says which cell', async () => {
    const model = notebook([`AWS_ACCESS_KEY_ID = "${FAKE_AWS_ID}"`]);
    const { context: ctx, saves } = context(model);
    const hashData = async (
      files: IDataFileToHash[]
    ): Promise<IPublishData> => ({
      files,
      results: null,
      failure: 'no kernel'
    });
    const refused = await publishNotebook(
      { parser, context: ctx, live: null, hashData },
      { interactive: false },
      trans
    );
    expect(refused.published).toBe(false);
    expect(saves).toHaveLength(0);
    expect(
      refused.problems.find(problem => problem.startsWith('Credentials'))
    ).toContain('cell 3, line 1: AWS access key id');
    const forced = await publishNotebook(
      { parser, context: ctx, live: null, hashData },
      { interactive: false, force: true },
      trans
    );
    expect(forced.published).toBe(true);
    // Nothing hashed: no manifest is invented.
    expect(saves[0]).not.toHaveProperty('data');
  });
});

describe('publishing with the PEP 723 cell', () => {
  const NUMPY_LIVE = {
    distributions: { numpy: '2.1.0' },
    moduleDistributions: { numpy: ['numpy'] },
    python: '3.11.7'
  };
  /**
   * The exporter the plugin gives publishing, for the PEP 723 cell only.
   */
  const pep723Exporter = (ctx: any) => ({
    pep723: (
      packages: Readonly<Record<string, string>> | null,
      interactive: boolean
    ) =>
      preparePep723(
        { context: ctx, contents: {} as any, python: '3.11.7' },
        { interactive },
        trans,
        packages
      ),
    requirements: async (): Promise<never> => {
      throw new Error('not asked');
    }
  });

  it('inserts the cell with the pinned versions in the same change as the metadata, and the digest covers it', async () => {
    const model = notebook(['import numpy']);
    const { context: ctx, saves } = context(model);
    let transactions = 0;
    (model.sharedModel as any).ydoc.on('update', () => void transactions++);
    const exporter = pep723Exporter(ctx);
    const result = await publishNotebook(
      { parser, context: ctx, live: NUMPY_LIVE, exporter },
      { interactive: false, force: true, exportPep723: true },
      trans
    );
    expect(result.published).toBe(true);
    expect(transactions).toBe(1);
    expect(saves).toHaveLength(1);
    const cells = (model.toJSON() as any).cells;
    expect(
      readPep723(cells).block?.metadata.dependencies.map(d => d.text)
    ).toEqual(['numpy==2.1.0']);
    expect(saves[0].history[0].code_sha256).toBe(await codeDigest(cells));
  });

  it('takes the cell out again when the save fails', async () => {
    const model = notebook(['import numpy']);
    const ctx = {
      model,
      contentsModel: { writable: true },
      save: async () => {
        throw new Error('disk full');
      }
    } as any;
    const exporter = pep723Exporter(ctx);
    const result = await publishNotebook(
      { parser, context: ctx, live: NUMPY_LIVE, exporter },
      { interactive: false, force: true, exportPep723: true },
      trans
    );
    expect(result.published).toBe(false);
    expect(result.problems[0]).toContain('disk full');
    expect(model.cells.length).toBe(3);
    expect(readPep723((model.toJSON() as any).cells).block).toBeNull();
  });
});

describe('hashing for publishing', () => {
  /**
   * A kernel that takes `ms` per request and finds every file; a file
   * named `slow*` takes `slices` requests (the hasher's deadline), and
   * one named `out*` is outside the project unless the user agreed.
   */
  const slowKernel = (ms: number, slices = 1) => {
    const sent: any[][] = [];
    const progress = new Map<string, number>();
    return {
      sent,
      requestExecute: (content: any) => {
        const expression: string = Object.values(
          content.user_expressions
        )[0] as string;
        const args = JSON.parse(
          `[${/g\["hash_files"\]\((.*)\)\)\(\{\}\)$/s.exec(expression)![1]}]`
        );
        sent.push(args);
        const [paths, , , , , , consent] = args as [
          string[],
          string,
          string,
          number,
          number,
          number,
          string[]
        ];
        const payload = Object.fromEntries(
          paths.map(path => {
            const done = (progress.get(path) ?? 0) + 1;
            progress.set(path, done);
            if (
              path.startsWith('out') &&
              !consent.includes(`/elsewhere/${path}`)
            ) {
              return [
                path,
                { code: 'outside', skipped: 1, resolved: `/elsewhere/${path}` }
              ];
            }
            return path.startsWith('slow') && done < slices
              ? [path, { code: 'unfinished', skipped: 1, done, size: slices }]
              : [path, { sha256: DIGEST, size: path.length }];
          })
        );
        const reply = {
          content: {
            status: 'ok',
            user_expressions: {
              jupyterlab_nbproject_hash: {
                status: 'ok',
                data: {
                  'text/plain': `'${Buffer.from(JSON.stringify(payload)).toString('base64')}'`
                }
              }
            }
          }
        };
        return {
          done: new Promise<typeof reply>(resolve =>
            setTimeout(() => resolve(reply), ms)
          ),
          dispose: () => undefined
        };
      }
    };
  };
  const scope = {
    root: '/p',
    notebook: 'nb.ipynb',
    allowHidden: false,
    maxSize: 100,
    timeout: 10000
  };
  const files = ['a.csv', 'slow.bin', 'c.csv'].map(path => ({
    path,
    added: false
  }));

  afterEach(() => jest.restoreAllMocks());

  it('hashes in bounded requests with the progress in a notification, then dismisses it', async () => {
    const emit = jest.spyOn(Notification, 'emit').mockReturnValue('n1');
    const update = jest.spyOn(Notification, 'update').mockReturnValue(true);
    const dismiss = jest
      .spyOn(Notification, 'dismiss')
      .mockReturnValue(undefined);
    const kernel = slowKernel(40, 3);
    const data = await hashPublishData(files, {
      kernel,
      scope,
      trans,
      progressDelay: 10
    });
    expect([...data.results!.keys()]).toEqual(['a.csv', 'slow.bin', 'c.csv']);
    expect(kernel.sent.map(args => args[0])).toEqual([
      ['a.csv', 'slow.bin', 'c.csv'],
      ['slow.bin'],
      ['slow.bin']
    ]);
    // Root, notebook, size limit and a budget of a second per request.
    expect(kernel.sent[0].slice(1, 6)).toEqual(['/p', 'nb.ipynb', 0, 100, 1]);
    expect(emit).toHaveBeenCalledWith(
      'Hashing data files for publishing: 0 of 3',
      'in-progress',
      expect.objectContaining({
        autoClose: false,
        progress: 0,
        actions: [expect.objectContaining({ label: 'Cancel' })]
      })
    );
    expect(
      update.mock.calls.map(([args]) => [
        args.message,
        (args.progress ?? NaN).toFixed(4)
      ])
    ).toEqual([
      ['Hashing data files for publishing: 2 of 3', (7 / 9).toFixed(4)],
      ['Hashing data files for publishing: 2 of 3', (8 / 9).toFixed(4)],
      ['Hashing data files for publishing: 3 of 3', (1).toFixed(4)]
    ]);
    expect(dismiss).toHaveBeenCalledWith('n1');
  });

  it('stops when the user cancels: files not finished are left unfinished', async () => {
    jest
      .spyOn(Notification, 'emit')
      .mockImplementation((_message, _type, options: any) => {
        // The user presses Cancel as soon as it shows.
        options.actions[0].callback({ preventDefault: () => undefined });
        return 'n1';
      });
    jest.spyOn(Notification, 'update').mockReturnValue(true);
    jest.spyOn(Notification, 'dismiss').mockReturnValue(undefined);
    const kernel = slowKernel(30, 50);
    const data = await hashPublishData(files, {
      kernel,
      scope,
      trans,
      progressDelay: 0
    });
    expect(kernel.sent).toHaveLength(1);
    expect(data.results!.get('slow.bin')).toMatchObject({ code: 'unfinished' });
    expect(data.results!.get('a.csv')).toMatchObject({ sha256: DIGEST });
  });

  it('shows nothing when hashing is quick, and says when there is no kernel', async () => {
    const emit = jest.spyOn(Notification, 'emit');
    await hashPublishData(files, {
      kernel: slowKernel(0),
      scope,
      trans,
      progressDelay: 1000
    });
    expect(emit).not.toHaveBeenCalled();
    expect(
      await hashPublishData(files, { kernel: null, scope, trans })
    ).toEqual({
      files,
      results: null,
      failure: 'no Python kernel is ready'
    });
  });
});

describe('adding a data file by hand', () => {
  const scope = {
    root: '/p',
    notebook: 'nb.ipynb',
    allowHidden: false,
    maxSize: 100,
    timeout: 10000
  };
  const kernelFor = () => {
    const sent: any[][] = [];
    return {
      sent,
      requestExecute: (content: any) => {
        const expression: string = Object.values(
          content.user_expressions
        )[0] as string;
        const args = JSON.parse(
          `[${/g\["hash_files"\]\((.*)\)\)\(\{\}\)$/s.exec(expression)![1]}]`
        );
        sent.push(args);
        const [paths, , , , , , consent] = args as [
          string[],
          string,
          string,
          number,
          number,
          number,
          string[]
        ];
        const payload = Object.fromEntries(
          paths.map(path => [
            path,
            consent.includes('/home/ada/.ssh/id_rsa')
              ? { sha256: DIGEST, size: 9 }
              : {
                  code: 'outside',
                  skipped: 1,
                  resolved: '/home/ada/.ssh/id_rsa'
                }
          ])
        );
        const text = `'${Buffer.from(JSON.stringify(payload)).toString('base64')}'`;
        return {
          done: Promise.resolve({
            content: {
              status: 'ok',
              user_expressions: {
                jupyterlab_nbproject_hash: {
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
  };

  afterEach(() => jest.restoreAllMocks());

  it('asks before reading a file outside the project, naming where it leads, and reads it only if the user agrees', async () => {
    jest.spyOn(Notification, 'success').mockReturnValue('n');
    jest.spyOn(Notification, 'error').mockReturnValue('n');
    const asked: [string, string, boolean][] = [];
    const model = notebook();
    const declined = kernelFor();
    const no = await addDataFile(model, 'link', {
      kernel: declined,
      scope,
      trans,
      confirm: async (path, resolved, hidden) => (
        asked.push([path, resolved, hidden]),
        false
      )
    });
    expect(no).toBe(false);
    expect(asked).toEqual([['link', '/home/ada/.ssh/id_rsa', false]]);
    // Asked where it leads (resolve), read nothing, sent nothing more.
    expect(declined.sent.map(args => [args[6], args[7]])).toEqual([[[], 1]]);
    expect(readDataManifest(model.getMetadata(EXTENSION_KEY)).entries).toEqual(
      []
    );

    const agreed = kernelFor();
    const yes = await addDataFile(model, 'link', {
      kernel: agreed,
      scope,
      trans,
      confirm: async () => true
    });
    expect(yes).toBe(true);
    expect(agreed.sent.map(args => args[6])).toEqual([
      [],
      ['/home/ada/.ssh/id_rsa']
    ]);
    expect(readDataManifest(model.getMetadata(EXTENSION_KEY)).entries).toEqual([
      { path: 'link', sha256: DIGEST, size: 9, added: true }
    ]);
  });
});
