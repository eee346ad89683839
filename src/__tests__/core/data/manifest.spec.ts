// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import {
  compareManifest,
  IDataManifestEntry,
  readDataManifest,
  summarizeData,
  withDataManifest
} from '../../../core/data/manifest';
import {
  appendPublishRecord,
  readPublishHistory
} from '../../../core/extension/history';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const C = 'c'.repeat(64);

describe('readDataManifest', () => {
  it('has nothing to verify without the key', () => {
    expect(readDataManifest(undefined)).toEqual({
      present: false,
      entries: [],
      problems: []
    });
    expect(readDataManifest({ schema_version: 1, history: [] })).toEqual({
      present: false,
      entries: [],
      problems: []
    });
    expect(readDataManifest('garbage')).toEqual({
      present: false,
      entries: [],
      problems: []
    });
  });

  it('reads entries leniently, one per path, normalized', () => {
    const read = readDataManifest({
      data: {
        files: [
          { path: './data/a.csv', sha256: A.toUpperCase(), size: 10 },
          { path: 'b.csv', sha256: B, size: 0, added: true },
          { path: 'data/a.csv', sha256: C, size: 1 },
          { path: '', sha256: C, size: 1 },
          { path: 'c.csv', sha256: 'nothex', size: 1 },
          { path: 'd.csv', sha256: C, size: -1 },
          { path: 'e.csv', sha256: C, size: '3' },
          { path: 'f.csv', sha256: C, size: 1, added: 'yes' },
          'g.csv'
        ],
        tool: 'kept'
      }
    });
    expect(read.present).toBe(true);
    expect(read.entries).toEqual([
      { path: 'data/a.csv', sha256: A, size: 10 },
      { path: 'b.csv', sha256: B, size: 0, added: true },
      { path: 'f.csv', sha256: C, size: 1 }
    ]);
    expect(read.problems).toEqual([
      { code: 'manifest.duplicate', params: { path: 'data/a.csv' } },
      ...[3, 4, 5, 6, 8].map(index => ({
        code: 'manifest.badEntry',
        params: { index }
      }))
    ]);
  });

  it.each([[[]], ['x'], [{ files: 'x' }], [null]])(
    'says a data value %j is unreadable',
    data => {
      const read = readDataManifest({ data });
      expect(read).toEqual({
        present: true,
        entries: [],
        problems: [{ code: 'manifest.notList' }]
      });
    }
  );
});

describe('withDataManifest', () => {
  const entries: IDataManifestEntry[] = [
    { path: 'z.csv', sha256: A, size: 1 },
    { path: './a.csv', sha256: B.toUpperCase(), size: 2, added: true },
    { path: 'a.csv', sha256: C, size: 3 }
  ];

  it('keeps every other key, sorts and normalizes the files; the last entry for a path wins', () => {
    const stored = {
      schema_version: 1,
      history: [{ version: '1' }],
      other: { x: 1 },
      data: { files: [], tool: 'kept' }
    };
    const out = withDataManifest(stored, entries);
    expect(out).toEqual({
      schema_version: 1,
      history: [{ version: '1' }],
      other: { x: 1 },
      data: {
        tool: 'kept',
        files: [
          { path: 'a.csv', sha256: C, size: 3 },
          { path: 'z.csv', sha256: A, size: 1 }
        ]
      }
    });
    expect(stored.data.files).toEqual([]);
  });

  it('starts a namespace from nothing, and keeps an unreadable data value aside', () => {
    expect(withDataManifest(undefined, [])).toEqual({
      schema_version: 1,
      data: { files: [] }
    });
    expect(withDataManifest({ data: 'garbage' }, [])).toEqual({
      schema_version: 1,
      data: { files: [] },
      data_unreadable: 'garbage'
    });
  });

  it('round-trips through readDataManifest and lives beside the publish history', () => {
    const published = appendPublishRecord(undefined, {
      version: '1',
      time: '2024-01-01T00:00:00+00:00',
      note: null,
      consecutive: true,
      code_sha256: A,
      python: '3.11.7'
    });
    const value = withDataManifest(published, [
      { path: 'x.csv', sha256: B, size: 5, added: true }
    ]);
    expect(readDataManifest(value).entries).toEqual([
      { path: 'x.csv', sha256: B, size: 5, added: true }
    ]);
    expect(readPublishHistory(value).records).toHaveLength(1);
    // The history, written after the data, keeps the data.
    const again = appendPublishRecord(
      value,
      readPublishHistory(value).records[0]
    );
    expect(readDataManifest(again).entries).toHaveLength(1);
  });
});

describe('compareManifest', () => {
  const stored: IDataManifestEntry[] = [
    { path: 'same.csv', sha256: A, size: 1 },
    { path: 'content.csv', sha256: A, size: 1 },
    { path: 'size.csv', sha256: A, size: 1 },
    { path: 'gone.csv', sha256: A, size: 1 }
  ];

  it('says, per file, unchanged, changed, missing or new', () => {
    const comparisons = compareManifest(stored, [
      { path: 'fresh.csv', sha256: C, size: 9 },
      { path: './same.csv', sha256: A.toUpperCase(), size: 1 },
      { path: 'content.csv', sha256: B, size: 1 },
      { path: 'size.csv', sha256: A, size: 2 }
    ]);
    expect(comparisons.map(c => [c.path, c.status])).toEqual([
      ['same.csv', 'unchanged'],
      ['content.csv', 'changed'],
      ['size.csv', 'changed'],
      ['gone.csv', 'missing'],
      ['fresh.csv', 'new']
    ]);
    expect(comparisons[3]).toEqual({
      path: 'gone.csv',
      status: 'missing',
      stored: stored[3],
      current: null
    });
    expect(comparisons[4]).toEqual({
      path: 'fresh.csv',
      status: 'new',
      stored: null,
      current: { sha256: C, size: 9 }
    });
    expect(summarizeData(comparisons)).toEqual({
      counts: { unchanged: 1, changed: 2, missing: 1, new: 1 },
      ok: false
    });
  });

  it('is ok when every recorded file is unchanged, whatever is new', () => {
    const comparisons = compareManifest(
      [stored[0]],
      [stored[0], { path: 'n.csv', sha256: B, size: 2 }]
    );
    expect(summarizeData(comparisons)).toEqual({
      counts: { unchanged: 1, changed: 0, missing: 0, new: 1 },
      ok: true
    });
    expect(summarizeData(compareManifest([], []))).toEqual({
      counts: { unchanged: 0, changed: 0, missing: 0, new: 0 },
      ok: true
    });
  });
});
