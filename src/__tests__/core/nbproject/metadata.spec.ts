import * as fs from 'fs';
import { metadataIssueText } from '../../../cli/words';
import * as path from 'path';
import fc from 'fast-check';
import {
  authorLabel,
  createNbproject,
  parentList,
  readNbproject,
  serializeNbproject,
  updateNbproject
} from '../../../core/nbproject/metadata';
import { isNbprojectId, parseTimestamp } from '../../../core/nbproject/ids';
import { CASES_PATH } from '../../conformance';

const CASES = CASES_PATH;
const haveCases = fs.existsSync(CASES);
if (!haveCases) {
  console.warn(`nbproject conformance cases absent at ${CASES}: skipping them`);
}
const notebooks: Array<{ file: string; stored: unknown }> = haveCases
  ? JSON.parse(fs.readFileSync(CASES, 'utf-8')).notebooks
  : [];

(haveCases ? describe : describe.skip)(
  'reading the metadata of real nbproject notebooks',
  () => {
    const stored = notebooks.filter(nb => nb.stored !== null);

    it('has tracked notebooks to read', () => {
      expect(stored.length).toBeGreaterThan(10);
    });

    it.each(stored.map(nb => [nb.file, nb.stored]))(
      '%s reads as valid with its id, version and time',
      (file, value) => {
        const read = readNbproject(value);
        const raw = value as Record<string, unknown>;
        expect(read.present).toBe(true);
        expect(read.problems).toEqual([]);
        expect(read.valid).toBe(true);
        expect(read.metadata!.id).toBe(raw.id);
        expect(read.metadata!.version).toBe(raw.version);
        expect(read.metadata!.time_init).toBe(raw.time_init);
        expect(read.metadata!.pypackage).toEqual(raw.pypackage ?? null);
        expect(parseTimestamp(read.metadata!.time_init!)).not.toBeNull();
      }
    );

    it.each(stored.map(nb => [nb.file, nb.stored]))(
      '%s keeps every stored value when written back',
      (file, value) => {
        const written = serializeNbproject(readNbproject(value).metadata!);
        for (const [key, v] of Object.entries(value as object)) {
          expect(written[key]).toEqual(v);
        }
      }
    );

    it('reads the metadata stored in each notebook file the same way', () => {
      for (const nb of notebooks) {
        const file = path.resolve(path.dirname(CASES), nb.file);
        const content = JSON.parse(fs.readFileSync(file, 'utf-8'));
        const read = readNbproject(content.metadata.nbproject);
        expect(read.present).toBe(nb.stored !== null);
      }
    });
  }
);

describe('reading every vintage', () => {
  it('reads the full 8-key form', () => {
    const read = readNbproject({
      id: 'Zv1wV7oM9ztH',
      parent: null,
      pypackage: null,
      time_init: '2022-10-09T15:08:04.997800+00:00',
      user_handle: 'qTQ5q0ar',
      user_id: 'qTQ5q0ar',
      user_name: 'Ada',
      version: '1'
    });
    expect(read.vintage).toBe('full');
    expect(read.valid).toBe(true);
    expect(authorLabel(read.metadata!)).toBe('Ada (qTQ5q0ar)');
  });

  it('reads the CLI form with version "0"', () => {
    const read = readNbproject({
      id: 'KLqggebgs7Tq',
      time_init: '2022-04-18T22:07:44.214819+00:00',
      version: '0'
    });
    expect(read.vintage).toBe('cli');
    expect(read.valid).toBe(true);
    expect(read.metadata!.version).toBe('0');
  });

  it('reads a legacy "uid" as the id and keeps the uid key', () => {
    const value = {
      uid: 'abcdEFGH1234',
      time_init: '2022-04-18T22:07:44+00:00',
      version: 'draft'
    };
    const read = readNbproject(value);
    expect(read.vintage).toBe('legacy');
    expect(read.metadata!.id).toBe('abcdEFGH1234');
    expect(read.migrations).toEqual([
      { code: 'metadata.legacyUid' },
      { code: 'metadata.draftVersion' }
    ]);
    expect(read.valid).toBe(true);
    const written = serializeNbproject(read.metadata!);
    expect(written.id).toBe('abcdEFGH1234');
    expect(written.uid).toBe('abcdEFGH1234');
  });

  it('migrates "uid" only when there is no "id" key at all', () => {
    const read = readNbproject({
      id: null,
      uid: 'abcdEFGH1234',
      version: '1',
      time_init: '2022-04-18T22:07:44+00:00'
    });
    expect(read.metadata!.id).toBeNull();
    expect(read.problems).toEqual([
      { code: 'metadata.fieldMissing', params: { field: 'id' } }
    ]);
    expect(serializeNbproject(read.metadata!).id).toBeNull();
  });

  it('lists parents whether stored as one id or a list', () => {
    const one = readNbproject({
      id: 'a',
      version: '1',
      time_init: '2022-01-01T00:00:00+00:00',
      parent: 'p1'
    });
    expect(parentList(one.metadata!)).toEqual(['p1']);
    const many = readNbproject({
      id: 'a',
      version: '1',
      time_init: '2022-01-01T00:00:00+00:00',
      parent: ['p1', 'p2']
    });
    expect(parentList(many.metadata!)).toEqual(['p1', 'p2']);
  });
});

describe('reading malformed metadata', () => {
  const base = {
    id: 'Zv1wV7oM9ztH',
    time_init: '2022-10-09T15:08:04.997800+00:00',
    version: '1'
  };

  it('says the notebook is not tracked when the key is absent', () => {
    const read = readNbproject(undefined);
    expect(read).toMatchObject({
      present: false,
      metadata: null,
      problems: []
    });
  });

  it.each([
    ['a string', 'hello', { type: 'text', text: '"hello"' }],
    ['a number', 42, { type: 'number', value: '42' }],
    ['a list', [1, 2], { type: 'list' }],
    ['null', null, { type: 'null' }]
  ])('explains metadata that is %s instead of an object', (_, value, shape) => {
    const read = readNbproject(value);
    expect(read.present).toBe(true);
    expect(read.valid).toBe(false);
    expect(read.metadata).toBeNull();
    expect(read.problems).toEqual([
      { code: 'metadata.notObject', params: { value: shape } }
    ]);
  });

  it('shows a numeric version, says nbproject rejects it, and only fixes it when asked', () => {
    const read = readNbproject({ ...base, version: 3 });
    expect(read.valid).toBe(false);
    expect(read.metadata!.version).toBe('3');
    expect(read.problems).toEqual([
      { code: 'metadata.versionNumber', params: { version: '3' } }
    ]);
    expect(serializeNbproject(read.metadata!).version).toBe(3);
    const fixed = updateNbproject(read.metadata!, { version: '4' });
    expect(serializeNbproject(fixed).version).toBe('4');
    expect(readNbproject(serializeNbproject(fixed)).valid).toBe(true);
  });

  it('reports a missing id', () => {
    const read = readNbproject({ time_init: base.time_init, version: '1' });
    expect(read.valid).toBe(false);
    expect(read.problems).toEqual([
      { code: 'metadata.fieldMissing', params: { field: 'id' } }
    ]);
  });

  it('keeps a pypackage string unread but written back unchanged', () => {
    const read = readNbproject({ ...base, pypackage: 'numpy==1.0' });
    expect(read.valid).toBe(false);
    expect(read.metadata!.pypackage).toBeNull();
    expect(read.problems).toEqual([
      {
        code: 'metadata.packagesNotObject',
        params: { value: { type: 'text', text: '"numpy==1.0"' } }
      }
    ]);
    expect(serializeNbproject(read.metadata!).pypackage).toBe('numpy==1.0');
  });

  it('reads valid package versions next to broken ones', () => {
    const read = readNbproject({
      ...base,
      pypackage: { numpy: '1.26.0', pandas: null, scipy: 1.1 }
    });
    expect(read.metadata!.pypackage).toEqual({
      numpy: '1.26.0',
      pandas: '',
      scipy: '1.1'
    });
    expect(read.problems).toEqual([
      {
        code: 'metadata.packageVersionNotText',
        params: { name: '"pandas"', value: { type: 'null' } }
      },
      {
        code: 'metadata.packageVersionNotText',
        params: { name: '"scipy"', value: { type: 'number', value: '1.1' } }
      }
    ]);
  });

  it('cuts huge strings in messages', () => {
    const huge = 'x'.repeat(1_000_000);
    const read = readNbproject({ ...base, time_init: huge });
    expect(read.problems).toEqual([
      {
        code: 'metadata.timeNotIso',
        params: { time: `"${'x'.repeat(39)}… (1000000 characters)"` }
      }
    ]);
    expect(metadataIssueText(read.problems[0]).length).toBeLessThan(200);
  });

  it('keeps keys it does not own, even "__proto__"', () => {
    const value = JSON.parse(
      '{"id":"Zv1wV7oM9ztH","time_init":"2022-10-09T15:08:04+00:00","version":"1","custom":{"a":[1]},"__proto__":{"polluted":true}}'
    );
    const read = readNbproject(value);
    const written = serializeNbproject(read.metadata!);
    expect(written.custom).toEqual({ a: [1] });
    expect(Object.prototype.hasOwnProperty.call(written, '__proto__')).toBe(
      true
    );
    expect(({} as any).polluted).toBeUndefined();
  });

  it('never throws and always returns readable problems', () => {
    fc.assert(
      fc.property(fc.jsonValue(), value => {
        const read = readNbproject(value);
        expect(
          read.problems.every(p => metadataIssueText(p).length < 300)
        ).toBe(true);
        if (read.metadata) {
          serializeNbproject(read.metadata);
        }
      }),
      { numRuns: 500 }
    );
  });

  it('never throws on objects whose nbproject keys hold any JSON', () => {
    const field = fc.constantFrom(
      'id',
      'version',
      'time_init',
      'pypackage',
      'parent',
      'user_name',
      'uid'
    );
    fc.assert(
      fc.property(fc.dictionary(field, fc.jsonValue()), value => {
        const read = readNbproject(value);
        expect(read.present).toBe(true);
        const written = serializeNbproject(read.metadata!);
        // Nothing the user had is lost on write-back (compared as the JSON
        // the file will hold, where -0 is 0).
        for (const [key, v] of Object.entries(value)) {
          expect(JSON.stringify(written[key])).toEqual(JSON.stringify(v));
        }
      }),
      { numRuns: 300 }
    );
  });
});

describe('initialising a notebook', () => {
  it('writes nbproject full form with version "1"', () => {
    const meta = createNbproject({
      now: new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678))
    });
    const written = serializeNbproject(meta);
    expect(Object.keys(written).sort()).toEqual([
      'id',
      'parent',
      'pypackage',
      'time_init',
      'user_handle',
      'user_id',
      'user_name',
      'version'
    ]);
    expect(written.version).toBe('1');
    expect(written.time_init).toBe('2024-01-02T03:04:05.678000+00:00');
    expect(isNbprojectId(written.id as string)).toBe(true);
    expect(readNbproject(written).valid).toBe(true);
  });
});
