// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { parseToml } from '../../../core/packages/toml';

/**
 * The line a TOML problem is reported on is the line where it is found,
 * and a value over several lines that cannot be read is skipped whole.
 */
describe('parseToml problems in values over several lines', () => {
  it('names the line of a missing comma in a list, and nothing after it', () => {
    const { root, problems } = parseToml(
      'require = [\n  "consecutive",\n  "title"\n  "metadata",\n]\nafter = 1\n'
    );
    expect(problems).toEqual([
      { line: 4, message: 'expected "," or "]" in the array, found "\\""' }
    ]);
    expect(root).toEqual({ after: 1 });
  });

  it('skips an inline table over several lines whole', () => {
    const { root, problems } = parseToml(
      'a = {\n  x = 1,\n  y = ?,\n  z = [\n    3,\n  ],\n}\nb = 2\n'
    );
    expect(problems).toEqual([
      { line: 3, message: 'expected a value, found "?"' }
    ]);
    expect(root).toEqual({ b: 2 });
  });

  it('skips a multi-line string holding a bad escape whole', () => {
    const { root, problems } = parseToml(
      'a = """\none\n\\q two\n= three ]\n"""\nb = 2\n'
    );
    expect(problems).toEqual([
      { line: 3, message: '"\\q" is not a TOML escape' }
    ]);
    expect(root).toEqual({ b: 2 });
  });

  it('names the opening line of a list or string never closed', () => {
    expect(parseToml('a = 1\nb = [\n  1,\n  2,\n').problems).toEqual([
      { line: 2, message: 'the array is never closed with "]"' }
    ]);
    expect(parseToml('a = 1\nb = """\nx\ny\n').problems).toEqual([
      { line: 2, message: 'a multi-line string is never closed with \'"""\'' }
    ]);
  });

  it("reads nothing of a ''' string never closed as TOML, and names only its line", () => {
    expect(parseToml("x = 0\na = '''\nabc\n").problems).toEqual([
      { line: 2, message: "a multi-line string is never closed with \"'''\"" }
    ]);
    // A PEP 723 block's dependencies inside the string are not read.
    expect(
      parseToml("description = '''\ndependencies = [\"requests\"]\n").root
    ).toEqual({});
  });

  it('names the key of a value over several lines defined twice', () => {
    expect(parseToml('a = 1\na = [\n  1,\n  2,\n]\nb = 2\n')).toEqual({
      root: { a: 1, b: 2 },
      problems: [{ line: 2, message: '"a" is defined twice' }],
      rootEntries: [
        { key: ['a'], start: 0, end: 5 },
        { key: ['b'], start: 24, end: 29 }
      ]
    });
  });

  it('reads the next lines after a list that is never closed on its line', () => {
    const { root, problems } = parseToml('a = [1, 2\nb = 3\nc = 4\n');
    expect(problems).toEqual([
      { line: 2, message: 'expected "," or "]" in the array, found "b"' }
    ]);
    expect(root).toEqual({ c: 4 });
  });

  it('stays linear in a document of unclosed lists', () => {
    const text = 'a = [1 2\n'.repeat(50000) + 'b = [\n'.repeat(50000);
    const started = Date.now();
    const { problems } = parseToml(text);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(problems[0]).toEqual({
      line: 1,
      message: 'expected "," or "]" in the array, found "2"'
    });
  });
});
