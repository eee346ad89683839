// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { normaliseText } from '../../../core/execution/compareOutputs';
import {
  diffLines,
  IDiffRow,
  outputText
} from '../../../core/execution/outputDiff';

/**
 * The rows as `kind left|right`, to read a diff at a glance.
 */
function show(rows: IDiffRow[]): string[] {
  return rows.map(row => `${row.kind} ${row.left ?? ''}|${row.right ?? ''}`);
}

describe('outputText', () => {
  it('reads streams, results, HTML as source text, errors and images', () => {
    const text = outputText([
      { output_type: 'stream', name: 'stdout', text: ['a\n', 'b\n'] },
      {
        output_type: 'execute_result',
        execution_count: 3,
        data: {
          'text/plain': '42',
          'text/html': '<b onclick="x()">42</b>',
          'image/png': 'iVBORw0KGgo='
        },
        metadata: {}
      },
      { output_type: 'error', ename: 'NameError', evalue: "name 'y'" },
      'not an output',
      { output_type: 'stream', text: 7 }
    ]);
    expect(text.lines).toEqual([
      'a',
      'b',
      '42',
      '[text/html]',
      '<b onclick="x()">42</b>',
      '[image/png]',
      "NameError: name 'y'"
    ]);
    expect(text.images).toEqual([{ mime: 'image/png', data: 'iVBORw0KGgo=' }]);
    expect(text.cut).toBe(false);
  });

  it('cuts too many lines and too long lines, and says so', () => {
    const limits = { maxLines: 3, maxLineLength: 4, maxEdits: 10 };
    const many = outputText(
      [{ output_type: 'stream', text: '1\n2\n3\n4\n5\n' }],
      limits
    );
    expect(many.lines).toEqual(['1', '2', '3']);
    expect(many.cut).toBe(true);
    const long = outputText(
      [{ output_type: 'stream', text: 'abcdefgh\nok' }],
      limits
    );
    expect(long.lines).toEqual(['abcd…', 'ok']);
    expect(long.cut).toBe(true);
  });
});

describe('diffLines', () => {
  it('pairs a changed line and keeps the rest side by side', () => {
    const diff = diffLines(['a', 'b', 'c'], ['a', 'B', 'c']);
    expect(show(diff.rows)).toEqual(['same a|a', 'changed b|B', 'same c|c']);
    expect(diff.coarse).toBe(false);
  });

  it('shows lines only on one side as removed or added', () => {
    expect(show(diffLines(['a', 'x', 'b'], ['a', 'b', 'y']).rows)).toEqual([
      'same a|a',
      'removed x|',
      'same b|b',
      'added |y'
    ]);
    expect(show(diffLines([], ['n']).rows)).toEqual(['added |n']);
    expect(show(diffLines(['o'], []).rows)).toEqual(['removed o|']);
    expect(diffLines([], []).rows).toEqual([]);
  });

  it('finds the shortest edits in the middle', () => {
    const left = ['p', 'a', 'b', 'c', 'a', 'b', 'b', 'a', 's'];
    const right = ['p', 'c', 'b', 'a', 'b', 'a', 'c', 's'];
    const rows = diffLines(left, right).rows;
    // Myers' example (ABCABBA → CBABAC): 5 edits; here pairs count once.
    const kept = rows.filter(row => row.kind === 'same').length;
    expect(kept).toBe(2 + 4);
    // Every line of each side is shown, in order.
    expect(rows.map(row => row.left).filter(l => l !== null)).toEqual(left);
    expect(rows.map(row => row.right).filter(r => r !== null)).toEqual(right);
  });

  it('compares lines by a key: a new memory address is the same line', () => {
    const diff = diffLines(
      ['<object at 0x7f3a2b1c>', 'x'],
      ['<object at 0x7f99aa00>', 'y'],
      line => normaliseText(line)
    );
    expect(show(diff.rows)).toEqual([
      'same <object at 0x7f3a2b1c>|<object at 0x7f99aa00>',
      'changed x|y'
    ]);
  });

  it('past the most edits, shows the middle removed then added', () => {
    const left = ['head', '1', '2', '3', '4', 'tail'];
    const right = ['head', 'a', 'b', 'c', 'tail'];
    const diff = diffLines(left, right, undefined, 2);
    expect(diff.coarse).toBe(true);
    expect(show(diff.rows)).toEqual([
      'same head|head',
      'changed 1|a',
      'changed 2|b',
      'changed 3|c',
      'removed 4|',
      'same tail|tail'
    ]);
  });

  it('takes time linear in the lines when most lines differ (bounded edits)', () => {
    // Lines of two kinds, at random (a fixed seed): many short matches,
    // far more edits than the limit.
    let seed = 7;
    const lines = (n: number) =>
      Array.from({ length: n }, () => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return (seed >> 16) % 2 === 0 ? 'x' : 'y';
      });
    const time = (n: number): number => {
      const a = lines(n);
      const b = lines(n);
      let best = Infinity;
      for (let run = 0; run < 5; run++) {
        const start = performance.now();
        diffLines(a, b);
        best = Math.min(best, performance.now() - start);
      }
      return best;
    };
    time(1000); // warm-up
    const small = time(2000);
    const large = time(16000);
    // Linear gives about 8; quadratic about 64.
    expect(large / small < 24 || large < 10).toBe(true);
  });
});
