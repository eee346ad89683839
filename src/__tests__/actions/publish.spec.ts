// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import fc from 'fast-check';
import { NotebookModel } from '@jupyterlab/notebook';
import { nullTranslator } from '@jupyterlab/translation';
import { NBPROJECT_KEY, NBPROJECT_KEYS } from '../../core/nbproject/metadata';
import { planPublish } from '../../core/publish/plan';
import { publishNotebook } from '../../actions/publish';
import { parser } from '@lezer/python';
import { EXTENSION_KEY } from '../../core/extension/metadata';
import { takeSnapshot } from '../../core/packages/environment';

/**
 * Publishing loses nothing it does not own: property tests.
 *
 * planPublish owns `id`, `time_init`, `version` and `pypackage` inside
 * `metadata.nbproject` (it keeps a usable id and time), and `history` and
 * `schema_version` inside `metadata.jupyterlab_nbproject`; publishNotebook
 * replaces only those two notebook-level keys. Everything else must come
 * out as it went in: as the file will hold it (JSON, where -0 is 0).
 */

const NOW = new Date(Date.UTC(2026, 10, 22, 8, 30, 0, 250));
const OWNED = ['id', 'time_init', 'version', 'pypackage'];
const trans = nullTranslator.load('jupyterlab_nbproject');

/**
 * A value as a file holds it.
 */
const asFile = (value: unknown): string | undefined => JSON.stringify(value);

/**
 * Keys a stranger's metadata may use: nbproject's own, legacy ones, the
 * names of Object.prototype and anything else.
 */
const key = fc.oneof(
  fc.constantFrom(
    ...NBPROJECT_KEYS,
    'uid',
    'time_run',
    'dependency',
    '__proto__',
    'constructor',
    'toString',
    ''
  ),
  fc.string()
);

/**
 * Any JSON value as a notebook file holds it: through a JSON round trip, so
 * no `-0` (which a save writes as `0`) is generated.
 */
function fileJson(maxDepth: number): fc.Arbitrary<unknown> {
  return fc
    .jsonValue({ maxDepth })
    .map(value => JSON.parse(JSON.stringify(value)) as unknown);
}

/**
 * Any JSON object with such keys; `__proto__` stays an own key, as
 * `JSON.parse` makes it.
 */
const jsonObject = fc
  .array(fc.tuple(key, fileJson(3)), { maxLength: 12 })
  .map(
    entries =>
      JSON.parse(JSON.stringify(Object.fromEntries(entries))) as Record<
        string,
        unknown
      >
  )
  .map(value => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      Object.defineProperty(out, k, {
        value: v,
        enumerable: true,
        writable: true,
        configurable: true
      });
    }
    return out;
  });

/**
 * `metadata.nbproject` as strangers store it: mostly objects, sometimes
 * anything at all.
 */
const nbproject = fc.oneof(
  { weight: 4, arbitrary: jsonObject },
  { weight: 1, arbitrary: fileJson(2) },
  { weight: 1, arbitrary: fc.constant(undefined) }
);

const record = fc.record({
  version: fc.string(),
  time: fc.string(),
  note: fc.option(fc.string()),
  consecutive: fc.boolean(),
  code_sha256: fc.hexaString({ minLength: 64, maxLength: 64 }),
  python: fc.option(fc.string())
});

/**
 * `metadata.jupyterlab_nbproject`: valid, broken or anything, as read from
 * a file (JSON has no -0 that survives a save, so none is generated).
 */
const extension = fc
  .oneof(
    jsonObject.chain(other =>
      fc
        .oneof(
          fc.array(fc.oneof(record, fileJson(2)), {
            maxLength: 4
          }),
          fileJson(2)
        )
        .map(history => ({ ...other, history }))
    ),
    fileJson(2),
    fc.constant(undefined)
  )
  .map(value =>
    value === undefined ? undefined : JSON.parse(JSON.stringify(value))
  );

const source = fc.oneof(
  fc.string(),
  fc.constantFrom(
    'import numpy as np',
    '# Title',
    '%pip install x',
    'from sklearn import svm'
  )
);

/**
 * A cell with source, metadata, outputs and a count.
 */
const cell = fc.oneof(
  fc.record({
    cell_type: fc.constant('code'),
    source,
    metadata: fc.dictionary(fc.string(), fileJson(2), {
      maxKeys: 3
    }),
    execution_count: fc.option(fc.nat(50)),
    outputs: fc.array(
      fc.oneof(
        fc.record({
          output_type: fc.constant('stream'),
          name: fc.constantFrom('stdout', 'stderr'),
          text: fc.string()
        }),
        fc.record({
          output_type: fc.constant('execute_result'),
          execution_count: fc.nat(50),
          data: fc.record({ 'text/plain': fc.string() }),
          metadata: fc.dictionary(fc.string(), fileJson(1), {
            maxKeys: 2
          })
        }),
        fc.record({
          output_type: fc.constant('error'),
          ename: fc.string(),
          evalue: fc.string(),
          traceback: fc.array(fc.string(), { maxLength: 3 })
        })
      ),
      { maxLength: 3 }
    )
  }),
  fc.record({
    cell_type: fc.constantFrom('markdown', 'raw'),
    source,
    metadata: fc.dictionary(fc.string(), fileJson(2), {
      maxKeys: 3
    })
  })
);

describe('planPublish keeps what it does not own', () => {
  it('inside nbproject: every key but id, time_init, version and pypackage, and a usable id and time', () => {
    fc.assert(
      fc.property(
        nbproject,
        fc.array(cell, { maxLength: 4 }),
        fc.option(fc.string()),
        (stored, cells, version) => {
          const plan = planPublish({
            parser,
            cells,
            nbproject: stored,
            extension: undefined,
            live: null,
            codeDigest: '0'.repeat(64),
            version: version ?? undefined,
            now: NOW
          });
          // The written value is plain JSON: a file holds exactly this.
          expect(JSON.parse(JSON.stringify(plan.nbproject))).toEqual(
            plan.nbproject
          );
          if (
            stored !== null &&
            typeof stored === 'object' &&
            !Array.isArray(stored)
          ) {
            const value = stored as Record<string, unknown>;
            for (const [k, v] of Object.entries(value)) {
              if (!OWNED.includes(k)) {
                expect([k, asFile(plan.nbproject[k])]).toEqual([k, asFile(v)]);
              }
            }
            for (const k of ['id', 'time_init']) {
              if (typeof value[k] === 'string') {
                expect(plan.nbproject[k]).toBe(value[k]);
              }
            }
          }
          for (const k of NBPROJECT_KEYS) {
            expect(
              Object.prototype.hasOwnProperty.call(plan.nbproject, k)
            ).toBe(true);
          }
          expect(typeof plan.nbproject.version).toBe('string');
          expect((plan.nbproject.version as string).length).toBeGreaterThan(0);
        }
      ),
      { numRuns: 300 }
    );
  });

  it('inside jupyterlab_nbproject: every other key, and every earlier record, verbatim', () => {
    fc.assert(
      fc.property(extension, stored => {
        const plan = planPublish({
          parser,
          cells: [],
          nbproject: undefined,
          extension: stored,
          live: null,
          codeDigest: '0'.repeat(64),
          note: 'n',
          now: NOW
        });
        expect(JSON.parse(JSON.stringify(plan.extension))).toEqual(
          plan.extension
        );
        const history = plan.extension.history as unknown[];
        expect(history[history.length - 1]).toEqual(plan.record);
        if (
          stored !== null &&
          typeof stored === 'object' &&
          !Array.isArray(stored)
        ) {
          const value = stored as Record<string, unknown>;
          for (const [k, v] of Object.entries(value)) {
            if (
              k !== 'history' &&
              k !== 'schema_version' &&
              k !== 'history_unreadable'
            ) {
              expect([k, asFile(plan.extension[k])]).toEqual([k, asFile(v)]);
            }
          }
          if (Array.isArray(value.history)) {
            // Unreadable records too: they are the user's, not ours to drop.
            expect(asFile(history.slice(0, -1))).toBe(asFile(value.history));
          } else if (value.history !== undefined) {
            expect(asFile(plan.extension.history_unreadable)).toBe(
              asFile(value.history)
            );
          }
        }
      }),
      { numRuns: 300 }
    );
  });
});

/**
 * A document context stand-in: the live model and a save that records what
 * it would write.
 */
function fakeContext(model: NotebookModel): { context: any; saved: any[] } {
  const saved: any[] = [];
  const context = {
    model,
    save: async () => {
      saved.push(JSON.parse(JSON.stringify(model.toJSON())));
      model.dirty = false;
    }
  };
  return { context, saved };
}

/**
 * A notebook's file content without the two keys publishing replaces.
 */
function notOwned(json: any): string {
  const metadata = { ...json.metadata };
  delete metadata[NBPROJECT_KEY];
  delete metadata[EXTENSION_KEY];
  return JSON.stringify({ ...json, metadata });
}

describe('publishing a live notebook', () => {
  const otherMetadata = fc
    .dictionary(
      fc
        .string()
        .filter(
          k => k !== NBPROJECT_KEY && k !== EXTENSION_KEY && k !== '__proto__'
        ),
      fileJson(3),
      { maxKeys: 6 }
    )
    .map(value => JSON.parse(JSON.stringify(value)));

  it('replaces only nbproject and jupyterlab_nbproject, keeps every cell, and saves the unsaved edit', async () => {
    await fc.assert(
      fc.asyncProperty(
        otherMetadata,
        nbproject,
        extension,
        fc.array(cell, { minLength: 1, maxLength: 5 }),
        fc.string(),
        async (other, stored, ext, cells, edit) => {
          const model = new NotebookModel();
          const metadata: Record<string, unknown> = {
            kernelspec: {
              display_name: 'Python 3',
              language: 'python',
              name: 'python3'
            },
            ...other
          };
          if (stored !== undefined) {
            metadata[NBPROJECT_KEY] = stored;
          }
          if (ext !== undefined) {
            metadata[EXTENSION_KEY] = ext;
          }
          // JupyterLab's model (Yjs) cannot hold a notebook-level value that
          // is an object with its own "constructor" key ("Unexpected content
          // type"): such a notebook does not open at all, so cannot publish.
          fc.pre(
            !Object.values(metadata).some(
              v =>
                v !== null &&
                typeof v === 'object' &&
                Object.prototype.hasOwnProperty.call(v, 'constructor')
            )
          );
          model.fromJSON({
            cells: cells as any,
            metadata: metadata as any,
            nbformat: 4,
            nbformat_minor: 5
          });
          // An edit the user has not saved.
          model.cells.get(0).sharedModel.setSource(edit);
          const before = model.toJSON() as any;

          const { context, saved } = fakeContext(model);
          const result = await publishNotebook(
            { parser, context, live: null },
            { interactive: false, force: true },
            trans
          );

          expect(result.published).toBe(true);
          expect(saved).toHaveLength(1);
          const after = saved[0];
          expect(notOwned(after)).toBe(notOwned(before));
          expect(after.cells[0].source).toBe(edit);
          expect(after.metadata.nbproject.version).toBe(result.version);
          expect(
            after.metadata.jupyterlab_nbproject.history.at(-1).version
          ).toBe(result.version);
          model.dispose();
        }
      ),
      { numRuns: 60 }
    );
  });

  it('leaves undo and redo of a cell edit working after a publish', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.string(), async (original, edit) => {
        fc.pre(original !== edit);
        const model = new NotebookModel();
        model.fromJSON({
          cells: [
            {
              cell_type: 'code',
              source: original,
              metadata: {},
              outputs: [],
              execution_count: null
            }
          ],
          metadata: {},
          nbformat: 4,
          nbformat_minor: 5
        } as any);
        const cellModel = model.cells.get(0).sharedModel;
        cellModel.clearUndoHistory();
        cellModel.setSource(edit);
        const { context } = fakeContext(model);
        await publishNotebook(
          { parser, context, live: null },
          { interactive: false, force: true },
          trans
        );
        expect(model.getMetadata(NBPROJECT_KEY)).toBeDefined();

        expect(cellModel.canUndo()).toBe(true);
        cellModel.undo();
        expect(cellModel.getSource()).toBe(original);
        cellModel.redo();
        expect(cellModel.getSource()).toBe(edit);
        // The publish itself is not in the cell's history.
        expect(model.getMetadata(NBPROJECT_KEY)).toBeDefined();
        model.dispose();
      }),
      { numRuns: 40 }
    );
  });
});

describe('publishing a notebook that cannot be saved', () => {
  const stored = {
    id: 'Zv1wV7oM9ztH',
    version: '1',
    time_init: '2022-10-09T15:08:04+00:00',
    kept: 'yes'
  };

  function tracked(): NotebookModel {
    const model = new NotebookModel();
    model.fromJSON({
      cells: [{ cell_type: 'markdown', source: '# T', metadata: {} }],
      metadata: { nbproject: stored },
      nbformat: 4,
      nbformat_minor: 5
    } as any);
    return model;
  }

  it('refuses a read-only file before changing anything', async () => {
    const model = tracked();
    let saves = 0;
    const context = {
      model,
      contentsModel: { writable: false },
      save: async () => void saves++
    };
    const result = await publishNotebook(
      { parser, context: context as any, live: null },
      { interactive: false, force: true },
      trans
    );
    expect(result.published).toBe(false);
    expect(result.problems.join(' ')).toMatch(/read-only/);
    expect(saves).toBe(0);
    expect(model.getMetadata(NBPROJECT_KEY)).toEqual(stored);
    expect(model.getMetadata(EXTENSION_KEY)).toBeUndefined();
  });

  it('puts the metadata back when the save fails, and says why', async () => {
    const model = tracked();
    const context = {
      model,
      contentsModel: { writable: true },
      save: async () => {
        throw new Error('Permission denied: analysis.ipynb');
      }
    };
    const result = await publishNotebook(
      { parser, context: context as any, live: null },
      { interactive: false, force: true },
      trans
    );
    expect(result.published).toBe(false);
    expect(result.problems).toEqual([
      'The notebook could not be saved, so it was not published: Permission denied: analysis.ipynb'
    ]);
    expect(model.getMetadata(NBPROJECT_KEY)).toEqual(stored);
    expect(model.getMetadata(EXTENSION_KEY)).toBeUndefined();
  });
});

describe('publishing with the kernel environment', () => {
  function notebook(extension?: unknown): NotebookModel {
    const model = new NotebookModel();
    model.fromJSON({
      cells: [{ cell_type: 'markdown', source: '# T', metadata: {} }],
      metadata: extension ? { [EXTENSION_KEY]: extension } : {},
      nbformat: 4,
      nbformat_minor: 5
    } as any);
    return model;
  }

  it('stores the snapshot, and the record points to its digest', async () => {
    const model = notebook();
    const { context, saved } = fakeContext(model);
    const snapshot = await takeSnapshot({
      python: { version: '3.11.7', implementation: 'CPython' },
      platform: 'linux-x86_64',
      distributions: [
        { name: 'numpy', version: '1.26.4', installer: 'pip', requires: [] }
      ],
      conda: null,
      partial: false
    });
    const result = await publishNotebook(
      { parser, context, live: null, environment: async () => snapshot },
      { interactive: false, force: true },
      trans
    );
    expect(result.published).toBe(true);
    const ours = saved[0].metadata[EXTENSION_KEY];
    expect(ours.environment.packages).toEqual(['numpy==1.26.4']);
    expect(ours.history.at(-1).environment_sha256).toBe(snapshot.sha256);
  });

  it('leaves a stored snapshot alone when the kernel could not list its environment', async () => {
    const old = { packages: ['six==1.16.0'], sha256: 'c'.repeat(64) };
    const model = notebook({ environment: old });
    const { context, saved } = fakeContext(model);
    await publishNotebook(
      { parser, context, live: null, environment: async () => null },
      { interactive: false, force: true },
      trans
    );
    const ours = saved[0].metadata[EXTENSION_KEY];
    expect(ours.environment).toEqual(old);
    expect(ours.history.at(-1).environment_sha256).toBeUndefined();
  });
});

describe('publishing with the lock files', () => {
  it('writes them after the save, only when asked (off by default)', async () => {
    for (const asked of [undefined, false, true]) {
      const model = new NotebookModel();
      model.fromJSON({
        cells: [{ cell_type: 'markdown', source: '# T', metadata: {} }],
        metadata: {},
        nbformat: 4,
        nbformat_minor: 5
      } as any);
      const { context, saved } = fakeContext(model);
      const calls: { saves: number; interactive: boolean }[] = [];
      const written = {
        format: 'lock' as const,
        path: 'pylock.toml',
        action: 'created' as const,
        summary: [],
        problems: []
      };
      const result = await publishNotebook(
        {
          parser,
          context,
          live: null,
          exporter: {
            pep723: async () => {
              throw new Error('not asked');
            },
            requirements: async () => {
              throw new Error('not asked');
            },
            locks: async interactive => {
              calls.push({ saves: saved.length, interactive });
              return [written];
            }
          }
        },
        {
          interactive: false,
          force: true,
          ...(asked === undefined ? {} : { exportLocks: asked })
        },
        trans
      );
      expect(result.published).toBe(true);
      if (asked) {
        // The snapshot just written is in the saved file first.
        expect(calls).toEqual([{ saves: 1, interactive: false }]);
        expect(result.exports).toEqual([written]);
      } else {
        expect(calls).toEqual([]);
        expect(result.exports).toBeUndefined();
      }
    }
  });
});

describe('publishing after a verification in a fresh kernel', () => {
  const verified = {
    time: '2026-11-22T08:29:00.000Z',
    kernelspec: 'python3',
    python: '3.11.7',
    same: 14,
    differs: 1,
    errors: 0,
    normalisations: ['addresses', 'times', 'tempPaths', 'floatTolerance=1e-9']
  };
  const earlier = {
    version: '1',
    time: '2026-01-01T00:00:00Z',
    note: null,
    consecutive: true,
    code_sha256: 'a'.repeat(64),
    python: null
  };

  function notebook(): NotebookModel {
    const model = new NotebookModel();
    model.fromJSON({
      cells: [{ cell_type: 'markdown', source: '# T', metadata: {} }],
      metadata: { [EXTENSION_KEY]: { history: [earlier] } },
      nbformat: 4,
      nbformat_minor: 5
    } as any);
    return model;
  }

  it('records the verdict in the new record only, never inside nbproject', async () => {
    const model = notebook();
    const { context, saved } = fakeContext(model);
    let runs = 0;
    const result = await publishNotebook(
      {
        parser,
        context,
        live: null,
        verify: async () => {
          runs++;
          return verified;
        }
      },
      { interactive: false, force: true, verify: true },
      trans
    );
    expect(result.published).toBe(true);
    expect(runs).toBe(1);
    const history = saved[0].metadata[EXTENSION_KEY].history;
    expect(history).toHaveLength(2);
    expect(history[0]).toEqual(earlier);
    expect(history[1].verified).toEqual(verified);
    expect(JSON.stringify(saved[0].metadata[NBPROJECT_KEY])).not.toContain(
      'verified'
    );
  });

  it('runs no verification unless asked (off by default)', async () => {
    const model = notebook();
    const { context, saved } = fakeContext(model);
    let runs = 0;
    await publishNotebook(
      {
        parser,
        context,
        live: null,
        verify: async () => {
          runs++;
          return verified;
        }
      },
      { interactive: false, force: true },
      trans
    );
    expect(runs).toBe(0);
    expect(
      saved[0].metadata[EXTENSION_KEY].history[1].verified
    ).toBeUndefined();
  });

  it('records nothing when the verification was cancelled or did not start', async () => {
    const model = notebook();
    const { context, saved } = fakeContext(model);
    const result = await publishNotebook(
      { parser, context, live: null, verify: async () => null },
      { interactive: false, force: true, verify: true },
      trans
    );
    expect(result.published).toBe(true);
    expect(
      saved[0].metadata[EXTENSION_KEY].history[1].verified
    ).toBeUndefined();
  });
});
