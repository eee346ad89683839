// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { NotebookModel } from '@jupyterlab/notebook';
import { ServerConnection } from '@jupyterlab/services';
import { nullTranslator } from '@jupyterlab/translation';
import { planRequirementsExport } from '../../core/packages/exportPlan';
import { readPep723 } from '../../core/packages/pep723';
import {
  exportLocks,
  exportPep723,
  preparePep723,
  exportRequirements,
  IExportTarget
} from '../../actions/exports';
import { remixNotebook } from '../../actions/remix';
import {
  takeSnapshot,
  withEnvironmentSnapshot
} from '../../core/packages/environment';
import { EXTENSION_KEY } from '../../core/extension/metadata';

const trans = nullTranslator.load('jupyterlab_nbproject');

// @jupyter/ydoc builds inserted cells outside the document first, and Yjs
// warns about it every time; keep the output readable.
const YDOC_NOISE = ['Invalid access: Add Yjs type', '[yjs#509] Not same Y.Doc'];
const warn = console.warn;
beforeEach(() => {
  jest.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
    if (!YDOC_NOISE.some(noise => String(args[0]).startsWith(noise))) {
      warn(...args);
    }
  });
});
afterEach(() => jest.restoreAllMocks());

/**
 * A contents manager over a map of paths to text (directories are listed
 * from the paths).
 */
class FakeContents {
  files = new Map<string, any>();
  saves: string[] = [];
  async get(path: string, options: any = {}): Promise<any> {
    if (options.type === 'directory') {
      const prefix = path === '' ? '' : `${path}/`;
      const names = [...this.files.keys()]
        .filter(p => p.startsWith(prefix))
        .map(p => p.slice(prefix.length));
      return {
        content: names.filter(n => !n.includes('/')).map(name => ({ name }))
      };
    }
    if (!this.files.has(path)) {
      throw new ServerConnection.ResponseError(
        new Response(null, { status: 404 }),
        'No such file'
      );
    }
    return { content: this.files.get(path) };
  }
  async save(path: string, options: any): Promise<any> {
    this.saves.push(path);
    this.files.set(path, options.content);
    return {};
  }
}

function notebookModel(
  pypackage: Record<string, string> | null,
  sources: string[] = ['import numpy']
): NotebookModel {
  const model = new NotebookModel();
  model.sharedModel.insertCell(0, { cell_type: 'markdown', source: '# Title' });
  sources.forEach((source, i) =>
    model.sharedModel.insertCell(i + 1, { cell_type: 'code', source })
  );
  model.setMetadata('language_info', { name: 'python', version: '3.10.4' });
  model.setMetadata('nbproject', {
    id: 'Kx3vQ9TmPz1a',
    version: '3',
    time_init: '2024-03-01T09:30:00+00:00',
    ...(pypackage ? { pypackage } : {}),
    kept: 'yes'
  });
  return model;
}

function target(model: NotebookModel, python: string | null = '3.11.7') {
  const contents = new FakeContents();
  let saves = 0;
  const context = {
    path: 'work/iris.ipynb',
    model,
    save: async () => {
      saves++;
    }
  };
  const value = { context, contents, python } as unknown as IExportTarget;
  return { value, contents, saves: () => saves };
}

describe('planRequirementsExport', () => {
  it('says whether an existing file would be overwritten', () => {
    const header = { id: 'x', version: '1' };
    const fresh = planRequirementsExport({ numpy: '1.26.4' }, header, null);
    expect(fresh).toMatchObject({ changed: true, overwrites: false });
    expect(
      planRequirementsExport({ numpy: '1.26.4' }, header, fresh.text)
    ).toMatchObject({
      changed: false,
      overwrites: false
    });
    const bumped = planRequirementsExport(
      { numpy: '2.0.0' },
      header,
      fresh.text
    );
    expect(bumped).toMatchObject({ changed: true, overwrites: true });
    expect(bumped.summary).toEqual([
      '0 added, 1 changed, 0 removed, 0 unchanged',
      '~ numpy: ==1.26.4 -> ==2.0.0'
    ]);
    expect(bumped.problems).toEqual([]);
  });

  it('names the other notebook whose file it would replace', () => {
    const theirs = planRequirementsExport(
      { numpy: '1.26.4' },
      { id: 'dEpXmpl00001', version: '2', notebook: '05-dependencies.ipynb' },
      null
    ).text;
    const mine = (header: Parameters<typeof planRequirementsExport>[1]) =>
      planRequirementsExport({ pandas: '2.2.2' }, header, theirs).otherNotebook;
    expect(
      mine({ id: 'Tr4ck3dAn4ly', version: '1', notebook: '01-tracked.ipynb' })
    ).toEqual({ id: 'dEpXmpl00001', notebook: '05-dependencies.ipynb' });
    // Its own file, renamed or at a new version, is no other notebook's.
    expect(
      mine({ id: 'dEpXmpl00001', version: '3', notebook: 'renamed.ipynb' })
    ).toBeUndefined();
    // Another id, whatever this notebook's file is called.
    expect(mine({ id: 'Tr4ck3dAn4ly', version: '1' })).toEqual({
      id: 'dEpXmpl00001',
      notebook: '05-dependencies.ipynb'
    });
  });

  it('tells notebooks without ids apart by file name, and a hand-written file not at all', () => {
    const anonymous = planRequirementsExport(
      { numpy: '1.26.4' },
      { id: null, version: null, notebook: 'a.ipynb' },
      null
    ).text;
    expect(
      planRequirementsExport(
        { numpy: '1.26.4' },
        { id: null, version: null, notebook: 'b.ipynb' },
        anonymous
      ).otherNotebook
    ).toEqual({ id: null, notebook: 'a.ipynb' });
    expect(
      planRequirementsExport(
        { numpy: '1.26.4' },
        { id: 'x', version: '1' },
        'numpy==1.0\n'
      ).otherNotebook
    ).toBeUndefined();
  });
});

describe('exportLocks', () => {
  it('writes the lock files beside the notebook, and says which pylock.toml entries have no source', async () => {
    const model = notebookModel({ numpy: '1.26.4' });
    const snapshot = await takeSnapshot({
      python: { version: '3.11.7', implementation: 'CPython' },
      platform: 'linux-x86_64',
      distributions: [
        { name: 'numpy', version: '1.26.4', installer: 'pip', requires: [] },
        {
          name: 'mylib',
          version: '0.1',
          installer: 'pip',
          requires: [],
          source: {
            kind: 'vcs',
            vcs: 'git',
            url: 'https://example.org/mylib.git',
            commit: 'abc123'
          }
        }
      ],
      conda: null,
      partial: false
    });
    model.setMetadata(EXTENSION_KEY, withEnvironmentSnapshot({}, snapshot));
    const { value, contents } = target(model);
    const results = await exportLocks(value, { interactive: false }, trans);
    expect(results.map(r => [r.path, r.action])).toEqual([
      ['work/pylock.toml', 'created'],
      ['work/requirements.lock.txt', 'created']
    ]);
    expect(results[0].problems).toHaveLength(1);
    expect(results[0].problems[0]).toMatch(
      /^1 of 2 entries of pylock\.toml has name and version only, .* Without a source: numpy$/
    );
    expect(results[0].withoutSource).toEqual(['numpy']);
    expect(results[1].problems).toEqual([]);
    expect(results[1].withoutSource).toBeUndefined();
    expect(contents.files.get('work/pylock.toml')).toContain('[packages.vcs]');
  });
});

describe('exportRequirements', () => {
  it('writes requirements.txt beside the notebook, then updates it without duplicating', async () => {
    const model = notebookModel({ numpy: '1.26.4', pandas: '2.2.2' });
    const { value, contents } = target(model);
    const first = await exportRequirements(
      value,
      { interactive: false },
      trans
    );
    expect(first).toMatchObject({
      format: 'requirements',
      path: 'work/requirements.txt',
      action: 'created'
    });
    const text = contents.files.get('work/requirements.txt');
    expect(text.split('\n')[0]).toContain('Kx3vQ9TmPz1a');
    expect(text.split('\n')[0]).toContain('version 3');
    expect(text).toContain('numpy==1.26.4\npandas==2.2.2\n');

    expect(
      (await exportRequirements(value, { interactive: false }, trans)).action
    ).toBe('unchanged');
    expect(contents.saves).toHaveLength(1);

    model.setMetadata('nbproject', {
      ...(model.getMetadata('nbproject') as object),
      pypackage: { numpy: '2.0.0', pandas: '2.2.2' }
    });
    const second = await exportRequirements(
      value,
      { interactive: false },
      trans
    );
    expect(second.action).toBe('updated');
    expect(second.summary).toContain('~ numpy: ==1.26.4 -> ==2.0.0');
    const updated = contents.files.get('work/requirements.txt');
    expect(updated.match(/^numpy/gm)).toEqual(['numpy']);
    expect(updated).toContain('numpy==2.0.0');
  });

  it("says, in the user's words, that it replaces another notebook's file", async () => {
    const model = notebookModel({ numpy: '1.26.4' });
    const { value, contents } = target(model);
    contents.files.set(
      'work/requirements.txt',
      '# Requirements of notebook dEpXmpl00001, version 2 (05-dependencies.ipynb).\npandas==2.2.2\n'
    );
    const result = await exportRequirements(
      value,
      { interactive: false },
      trans
    );
    expect(result.action).toBe('updated');
    expect(result.problems).toContain(
      "The existing requirements.txt was written for another notebook, dEpXmpl00001 (05-dependencies.ipynb): this replaces its packages with this notebook's."
    );
  });

  it('refuses a notebook without stored packages, writing nothing', async () => {
    const { value, contents } = target(notebookModel(null));
    const result = await exportRequirements(
      value,
      { interactive: false },
      trans
    );
    expect(result.action).toBe('refused');
    expect(result.problems[0]).toMatch(/publish it first/);
    expect(contents.saves).toEqual([]);
  });
});

describe('exportPep723', () => {
  it('inserts a hidden cell before the first code cell in one change, saves, and updates it in place', async () => {
    const model = notebookModel({ numpy: '1.26.4' }, [
      'import numpy',
      'print(1)'
    ]);
    const { value, saves } = target(model);
    let changes = 0;
    model.sharedModel.changed.connect(() => changes++);
    const first = await exportPep723(value, { interactive: false }, trans);
    expect(first.action).toBe('created');
    expect(changes).toBe(1);
    expect(saves()).toBe(1);
    expect(model.cells.length).toBe(4);
    const cell = model.cells.get(1);
    expect(cell.type).toBe('code');
    expect(cell.getMetadata('jupyter')).toEqual({ source_hidden: true });
    const read = readPep723([
      { cell_type: 'code', source: cell.sharedModel.getSource() }
    ]);
    expect(read.block?.metadata.requiresPython).toBe('>=3.11');
    expect(read.block?.metadata.dependencies.map(d => d.text)).toEqual([
      'numpy==1.26.4'
    ]);

    model.setMetadata('nbproject', {
      ...(model.getMetadata('nbproject') as object),
      pypackage: { numpy: '2.0.0' }
    });
    const second = await exportPep723(value, { interactive: false }, trans);
    expect(second.action).toBe('updated');
    expect(second.summary).toContain('~ numpy: ==1.26.4 -> ==2.0.0');
    expect(model.cells.length).toBe(4);
    expect(model.cells.get(1).sharedModel.getSource()).toContain(
      '"numpy==2.0.0"'
    );
    expect(model.cells.get(1).getMetadata('jupyter')).toEqual({
      source_hidden: true
    });
    expect(
      (await exportPep723(value, { interactive: false }, trans)).action
    ).toBe('unchanged');
    expect(saves()).toBe(2);
  });

  it('takes requires-python from the notebook metadata without a kernel', async () => {
    const model = notebookModel({ numpy: '1.26.4' });
    const { value } = target(model, null);
    await exportPep723(value, { interactive: false }, trans);
    expect(model.cells.get(1).sharedModel.getSource()).toContain(
      'requires-python = ">=3.10"'
    );
  });

  it('prepares the cell for the given pins without writing, applies it in one change and reverts it', async () => {
    const model = notebookModel({ numpy: '1.26.4' });
    const { value, saves } = target(model);
    let changes = 0;
    model.sharedModel.changed.connect(() => changes++);
    const prepared = await preparePep723(value, { interactive: false }, trans, {
      numpy: '2.0.0'
    });
    expect(prepared.result.action).toBe('created');
    expect(changes).toBe(0);
    expect(model.cells.length).toBe(2);
    expect(prepared.cells?.length).toBe(3);
    expect(prepared.cells?.[1].source).toContain('"numpy==2.0.0"');
    prepared.apply();
    expect(changes).toBe(1);
    expect(model.cells.get(1).sharedModel.getSource()).toBe(
      prepared.cells?.[1].source
    );
    expect(saves()).toBe(0);
    prepared.revert();
    expect(model.cells.length).toBe(2);
    expect(readPep723(model.toJSON().cells as any).block).toBeNull();
  });
});

describe('remixNotebook', () => {
  it('saves the live content beside the source under a free name, with a new id and the source as parent', async () => {
    const model = notebookModel({ numpy: '1.26.4' }, ['x = "unsaved edit"']);
    const { value, contents } = target(model);
    contents.files.set('work/iris.ipynb', 'on disk');
    contents.files.set('work/iris-remix.ipynb', 'taken');
    const result = await remixNotebook(value.context, value.contents, trans);
    expect(result.path).toBe('work/iris-remix-2.ipynb');
    expect(result.parent).toBe('Kx3vQ9TmPz1a');
    const copy = contents.files.get('work/iris-remix-2.ipynb');
    expect(copy.metadata.nbproject).toMatchObject({
      id: result.id,
      version: '1',
      parent: 'Kx3vQ9TmPz1a',
      kept: 'yes'
    });
    expect(copy.metadata.nbproject.id).not.toBe('Kx3vQ9TmPz1a');
    expect(copy.metadata.language_info).toEqual({
      name: 'python',
      version: '3.10.4'
    });
    expect(copy.cells[1].source).toBe('x = "unsaved edit"');
    expect(contents.files.get('work/iris.ipynb')).toBe('on disk');
    expect(model.getMetadata('nbproject')).toMatchObject({
      id: 'Kx3vQ9TmPz1a',
      version: '3'
    });
  });
});
