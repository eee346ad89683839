// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import {
  withDataManifest,
  readDataManifest
} from '../../../core/data/manifest';
import {
  appendPublishRecord,
  IPublishRecord,
  lastPublished,
  readPublishHistory
} from '../../../core/extension/history';
import {
  readExtension,
  withExtensionPart
} from '../../../core/extension/metadata';

const RECORD: IPublishRecord = {
  version: '1',
  time: '2024-01-01T00:00:00+00:00',
  note: null,
  consecutive: true,
  code_sha256: 'a'.repeat(64),
  python: '3.11.7'
};

describe('the extension metadata as a whole', () => {
  it('says when what is stored is not an object, and reads it as empty', () => {
    expect(readExtension(undefined)).toEqual({ value: {}, problems: [] });
    expect(readExtension(['x'])).toEqual({
      value: {},
      problems: [{ code: 'extension.notObject' }]
    });
  });

  it('keeps keys it does not know through the history and the data writers', () => {
    const stored = { schema_version: 2, later: { x: [1] }, other_tool: 'kept' };
    const written = withDataManifest(appendPublishRecord(stored, RECORD), [
      { path: 'a.csv', sha256: 'b'.repeat(64), size: 1 }
    ]);
    expect(written).toMatchObject({
      later: { x: [1] },
      other_tool: 'kept',
      schema_version: 1
    });
    expect(readPublishHistory(written).records).toEqual([RECORD]);
    expect(readDataManifest(written).entries).toHaveLength(1);
    // The input is not changed.
    expect(stored).toEqual({
      schema_version: 2,
      later: { x: [1] },
      other_tool: 'kept'
    });
  });

  it('keeps a part it cannot read aside rather than losing it', () => {
    expect(
      withExtensionPart({ history: 'oops' }, 'history', [], false)
    ).toEqual({
      history_unreadable: 'oops',
      schema_version: 1,
      history: []
    });
    expect(withExtensionPart({ history: [1] }, 'history', [], true)).toEqual({
      schema_version: 1,
      history: []
    });
  });
});

describe('the publish history', () => {
  it('reads the readable records, oldest first, and says what it left out', () => {
    const history = readPublishHistory({
      history: [RECORD, { version: 2 }, { ...RECORD, version: '2' }]
    });
    expect(history.records.map(record => record.version)).toEqual(['1', '2']);
    expect(history.problems).toEqual([{ code: 'history.badRecord' }]);
    expect(lastPublished(history)?.version).toBe('2');
    expect(lastPublished(readPublishHistory(undefined))).toBeNull();
  });

  it('appends after every stored entry, unreadable ones included', () => {
    const appended = appendPublishRecord(
      { history: [{ version: 2 }] },
      { ...RECORD, version: '3' }
    );
    expect(appended.history).toEqual([
      { version: 2 },
      { ...RECORD, version: '3' }
    ]);
  });

  it('keeps a history that is not a list aside', () => {
    const appended = appendPublishRecord({ history: { broken: true } }, RECORD);
    expect(appended).toMatchObject({
      history_unreadable: { broken: true },
      history: [RECORD]
    });
    expect(readPublishHistory({ history: { broken: true } }).problems).toEqual([
      { code: 'history.notList' }
    ]);
  });
});
