// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import fc from 'fast-check';
import { jsonErrorOffset } from '../../cli/jsonError';

describe('jsonErrorOffset', () => {
  it.each([
    ['{"a": 1}', null],
    ['  [1, "x", {"b": [true, null]}]\n', null],
    ['', 0],
    ['just some notes\n', 0],
    ['{"a": NaN}', 6],
    ['{"a": 1,}', 8],
    ['{"a" 1}', 5],
    ['[1, 2', 5],
    ['{"a": "unterminated', 19],
    ['[1.', 2],
    ['{"a": 1}x', 8],
    ['{"a": "tab\there"}', 10],
    ['{"a": "bad \\q escape"}', 11],
    ['[01]', 2],
    ['{"a": [1, 2}', 11]
  ])('%j: %j', (text, offset) => {
    expect(jsonErrorOffset(text)).toBe(offset);
  });

  it('is null exactly when JSON.parse reads the text', () => {
    const check = (text: string) => {
      let valid = true;
      try {
        JSON.parse(text);
      } catch {
        valid = false;
      }
      const offset = jsonErrorOffset(text);
      if (valid) {
        expect(offset).toBeNull();
      } else {
        expect(offset).not.toBeNull();
        expect(offset!).toBeLessThanOrEqual(text.length);
      }
    };
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), fc.nat(), (value, cut, at) => {
        const whole = JSON.stringify(value, null, cut % 3);
        check(whole);
        // Cut short, and with one character changed.
        check(whole.slice(0, cut % (whole.length + 1)));
        const where = at % (whole.length + 1);
        check(
          `${whole.slice(0, where)}${'{}[],:"x0 \\'[at % 11]}${whole.slice(where + 1)}`
        );
      }),
      { numRuns: 2000 }
    );
  });

  it('says a text cut short ends too early', () => {
    const whole = JSON.stringify({ cells: [{ source: ['a = 1\n'] }] }, null, 1);
    expect(jsonErrorOffset(whole.slice(0, -1))).toBe(whole.length - 1);
    expect(jsonErrorOffset(whole.slice(0, 12))).toBe(12);
  });

  it('reads a deep nesting without running out of stack', () => {
    const deep = '['.repeat(200000) + ']'.repeat(199999);
    expect(jsonErrorOffset(deep)).toBe(deep.length);
  });
});
