// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { ArgsSchema, checkArgs } from '../../commands/args';

const SCHEMA: ArgsSchema = {
  type: 'object',
  properties: {
    path: { type: 'string' },
    force: { type: 'boolean' },
    count: { type: 'integer' },
    ratio: { type: 'number' },
    mode: { type: 'string', enum: ['nbproject', 'strict'] }
  },
  required: ['path']
};

describe('checkArgs', () => {
  it('accepts arguments of their declared types, and ones it does not declare', () => {
    expect(
      checkArgs(SCHEMA, {
        path: 'a.ipynb',
        force: true,
        count: 3,
        ratio: 0.5,
        mode: 'strict',
        isPalette: true
      })
    ).toEqual([]);
  });

  it('names a required argument that is missing', () => {
    expect(checkArgs(SCHEMA, { force: false })).toEqual([
      { name: 'path', problem: 'missing', expected: 'string' }
    ]);
  });

  it('names each argument of another type, and a value outside its enum', () => {
    expect(
      checkArgs(SCHEMA, {
        path: 1,
        force: 'yes',
        count: 1.5,
        ratio: 'x',
        mode: 'loose'
      }).map(({ name, problem }) => `${name}:${problem}`)
    ).toEqual([
      'path:type',
      'force:type',
      'count:type',
      'ratio:type',
      'mode:enum'
    ]);
  });

  it('takes an own key only: a name of Object.prototype is not an argument', () => {
    const properties: ArgsSchema['properties'] = JSON.parse(
      '{"constructor": {"type": "string"}}'
    );
    const schema: ArgsSchema = {
      type: 'object',
      properties,
      required: ['toString']
    };
    expect(checkArgs(schema, {})).toEqual([
      { name: 'toString', problem: 'missing', expected: 'a value' }
    ]);
  });
});
