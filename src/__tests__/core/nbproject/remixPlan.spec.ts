// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { EXTENSION_KEY } from '../../../core/extension/metadata';
import { isNbprojectId } from '../../../core/nbproject/ids';
import { readNbproject } from '../../../core/nbproject/metadata';
import { planRemix, remixFileName } from '../../../core/nbproject/remixPlan';

const NOW = new Date(Date.UTC(2026, 10, 22, 8, 30, 0, 250));
const FIXED_RANDOM = (buffer: Uint8Array) => buffer.fill(7);

const SOURCE = {
  kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' },
  'uv.lock': 'version = 1\n',
  nbproject: {
    id: 'Kx3vQ9TmPz1a',
    version: '4',
    time_init: '2024-03-01T09:30:00.123456+00:00',
    parent: ['AAAAAAAAAAAA', 'BBBBBBBBBBBB'],
    pypackage: { numpy: '1.26.4' },
    user_handle: 'ada',
    user_id: 'u1',
    user_name: 'Ada Lovelace',
    custom: { kept: true }
  },
  [EXTENSION_KEY]: {
    schema_version: 1,
    history: [{ version: '4', time: '2024-03-02T00:00:00+00:00' }],
    other: 'kept'
  }
};

describe('planRemix', () => {
  it('gives the copy a new id, version "1", a new time_init and the source as its parent', () => {
    const plan = planRemix(SOURCE, { now: NOW, random: FIXED_RANDOM });
    expect(plan.problems).toEqual([]);
    expect(plan.parent).toBe('Kx3vQ9TmPz1a');
    expect(isNbprojectId(plan.id)).toBe(true);
    expect(plan.id).not.toBe('Kx3vQ9TmPz1a');
    expect(plan.metadata.nbproject).toEqual({
      id: plan.id,
      version: '1',
      time_init: '2026-11-22T08:30:00.250000+00:00',
      parent: 'Kx3vQ9TmPz1a',
      pypackage: { numpy: '1.26.4' },
      user_handle: 'ada',
      user_id: 'u1',
      user_name: 'Ada Lovelace',
      custom: { kept: true }
    });
    expect(readNbproject(plan.metadata.nbproject).valid).toBe(true);
  });

  it('keeps the other metadata, and starts the publish history afresh', () => {
    const plan = planRemix(SOURCE, { now: NOW });
    expect(plan.metadata.kernelspec).toEqual(SOURCE.kernelspec);
    expect(plan.metadata['uv.lock']).toBe('version = 1\n');
    expect(plan.metadata[EXTENSION_KEY]).toEqual({
      schema_version: 1,
      history: [],
      other: 'kept'
    });
    // The source's metadata is not touched.
    expect(SOURCE.nbproject.version).toBe('4');
    expect(SOURCE[EXTENSION_KEY].history).toHaveLength(1);
  });

  it('draws a different id each time', () => {
    expect(planRemix(SOURCE).id).not.toBe(planRemix(SOURCE).id);
  });

  it('drops the legacy uid, which is the source id under its old name', () => {
    const plan = planRemix({
      nbproject: {
        uid: 'OLDid0000000',
        version: 'draft',
        time_init: '2022-01-01T00:00:00'
      }
    });
    expect(plan.parent).toBe('OLDid0000000');
    expect(plan.metadata.nbproject).not.toHaveProperty('uid');
    expect(plan.metadata.nbproject).toMatchObject({
      version: '1',
      parent: 'OLDid0000000'
    });
  });

  it.each([
    [
      'an untracked notebook',
      { kernelspec: {} },
      [{ code: 'remix.untracked' }]
    ],
    [
      'metadata that is not an object',
      { nbproject: 'oops' },
      [
        { code: 'remix.noReadableId' },
        {
          code: 'remix.metadataReplaced',
          params: {
            problem: {
              code: 'metadata.notObject',
              params: { value: { type: 'text', text: '"oops"' } }
            }
          }
        }
      ]
    ],
    [
      'an id that is a number',
      { nbproject: { id: 12345, version: '2' } },
      [{ code: 'remix.noReadableId' }]
    ],
    ['notebook metadata that is a list', [], [{ code: 'remix.untracked' }]]
  ])(
    'remixes %s with fresh metadata and no parent',
    (_, metadata, problems) => {
      const plan = planRemix(metadata, { now: NOW });
      expect(plan.problems).toEqual(problems);
      expect(plan.parent).toBeNull();
      expect(readNbproject(plan.metadata.nbproject).metadata).toMatchObject({
        id: plan.id,
        version: '1',
        parent: null,
        time_init: '2026-11-22T08:30:00.250000+00:00'
      });
    }
  );

  it('writes back, unchanged, values it cannot read and does not replace', () => {
    const plan = planRemix({
      nbproject: {
        id: 'Kx3vQ9TmPz1a',
        version: '2',
        pypackage: 'numpy',
        user_name: 7
      }
    });
    expect(plan.metadata.nbproject).toMatchObject({
      pypackage: 'numpy',
      user_name: 7,
      parent: 'Kx3vQ9TmPz1a'
    });
  });
});

describe('remixFileName', () => {
  it.each([
    ['analysis.ipynb', [], 'analysis-remix.ipynb'],
    [
      'work/analysis.ipynb',
      ['work/analysis.ipynb'],
      'work/analysis-remix.ipynb'
    ],
    ['analysis.ipynb', ['analysis-remix.ipynb'], 'analysis-remix-2.ipynb'],
    [
      'analysis.ipynb',
      ['Analysis-Remix.ipynb', 'analysis-remix-2.ipynb'],
      'analysis-remix-3.ipynb'
    ],
    [
      'a/b/analysis-remix.ipynb',
      ['a/b/analysis-remix.ipynb'],
      'a/b/analysis-remix-2.ipynb'
    ],
    [
      'analysis-remix-2.ipynb',
      ['analysis-remix.ipynb', 'analysis-remix-2.ipynb'],
      'analysis-remix-3.ipynb'
    ],
    ['my.data.v2.ipynb', [], 'my.data.v2-remix.ipynb'],
    ['notebook', [], 'notebook-remix.ipynb'],
    ['.ipynb', [], '.ipynb-remix.ipynb']
  ])('names a remix of %s beside %j: %s', (source, existing, expected) => {
    expect(remixFileName(source, existing)).toBe(expected);
  });
});
