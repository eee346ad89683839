// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import {
  findAbsolutePaths,
  relativePath
} from '../../../core/hygiene/absolutePaths';
import { ICellLike } from '../../../core/notebook/cells';
import { SCAN_LIMITS } from '../../../core/common/scanLimits';

function code(source: string): ICellLike {
  return { cell_type: 'code', source, execution_count: null };
}

/**
 * The paths and users found in one code cell.
 */
function paths(source: string): [string, string][] {
  return findAbsolutePaths([code(source)]).map(f => [f.path, f.user]);
}

describe('findAbsolutePaths', () => {
  it.each([
    [
      'a Linux home',
      'df = pd.read_csv("/home/alice/project/data/iris.csv")',
      '/home/alice/project/data/iris.csv',
      'alice'
    ],
    [
      'a macOS home with a space',
      "open('/Users/bob/My Drive/notes.txt')",
      '/Users/bob/My Drive/notes.txt',
      'bob'
    ],
    [
      'a Windows home with escaped backslashes',
      'pd.read_csv("C:\\\\Users\\\\carol\\\\data.csv")',
      'C:\\Users\\carol\\data.csv',
      'carol'
    ],
    [
      'a Windows home in a raw string',
      'pd.read_csv(r"D:\\Users\\dave\\data.csv")',
      'D:\\Users\\dave\\data.csv',
      'dave'
    ],
    [
      'a Windows home with forward slashes',
      'pd.read_csv("c:/users/erin/data.csv")',
      'c:/users/erin/data.csv',
      'erin'
    ],
    [
      'a WSL path',
      "Path('/mnt/c/Users/frank/x.parquet')",
      '/mnt/c/Users/frank/x.parquet',
      'frank'
    ],
    ["root's home", 'sys.path.append("/root/lib")', '/root/lib', 'root'],
    [
      'a shell line',
      '!cp /home/gina/raw.csv data/',
      '/home/gina/raw.csv',
      'gina'
    ],
    [
      'a file URL',
      'url = "file:///home/hal/page.html"',
      '/home/hal/page.html',
      'hal'
    ],
    ['a home directory alone', 'os.chdir("/Users/ivy")', '/Users/ivy', 'ivy']
  ])('flags %s', (_, source, path, user) => {
    expect(paths(source)).toEqual([[path, user]]);
  });

  it.each([
    ['a tilde', 'pd.read_csv("~/data/iris.csv")\nPath.home() / "x"'],
    [
      'shared homes',
      'open("/Users/Shared/x")\nopen("C:\\\\Users\\\\Public\\\\x")\nopen("C:/Users/Default/x")'
    ],
    [
      'templated users',
      'open("/home/<user>/x")\nopen("/home/$USER/x")\nopen(f"/home/{user}/x")\nopen("C:\\\\Users\\\\%USERNAME%\\\\x")'
    ],
    [
      'machine-wide paths',
      'open("/data/shared/x.csv")\nopen("/mnt/datasets/x")\nopen("/tmp/x")\nopen("/opt/homebrew/x")'
    ],
    [
      'relative paths and lookalikes',
      'open("data/home/alice/x")\nopen("./Users/x")\nx = "my/home/alice"\nopen("/homework/x")'
    ],
    ['usernames after other words', 'url = "https://example.org/home/alice/"']
  ])('leaves alone %s', (_, source) => {
    expect(paths(source)).toEqual([]);
  });

  it('reports each path with its cell and line, in code and Markdown cells only', () => {
    const found = findAbsolutePaths([
      { cell_type: 'markdown', source: 'Data: ![plot](/Users/ann/fig.png).' },
      code(
        'import pandas as pd\n\na = pd.read_csv("/home/ann/a.csv"); b = pd.read_csv("/home/ann/b.csv")'
      ),
      { cell_type: 'raw', source: '/home/ann/raw.txt' },
      code('x = 1')
    ]);
    expect(found.map(f => [f.cell, f.line, f.path])).toEqual([
      [0, 1, '/Users/ann/fig.png'],
      [1, 3, '/home/ann/a.csv'],
      [1, 3, '/home/ann/b.csv']
    ]);
  });

  it('suggests a path relative to the notebook when the file is inside its directory', () => {
    const [finding] = findAbsolutePaths(
      [code('pd.read_csv("/home/alice/project/analysis/data/iris.csv")')],
      '/home/alice/project/analysis'
    );
    expect(finding.relative).toBe('data/iris.csv');
    expect(finding.advice).toEqual({
      code: 'path.relative',
      params: { relative: 'data/iris.csv' }
    });
  });

  it('suggests climbing out of the notebook directory within the same project', () => {
    const [finding] = findAbsolutePaths(
      [code('pd.read_csv("/home/alice/project/data/iris.csv")')],
      '/home/alice/project/notebooks/2024'
    );
    expect(finding.relative).toBe('../../data/iris.csv');
  });

  it('reads a leading ~ in the notebook directory as the home in the path', () => {
    const [finding] = findAbsolutePaths(
      [code('open("/Users/bob/proj/x.txt")')],
      '~/proj'
    );
    expect(finding.relative).toBe('x.txt');
  });

  it('compares Windows paths without regard to case or separators', () => {
    const [finding] = findAbsolutePaths(
      [code('pd.read_csv(r"C:\\Users\\Carol\\Proj\\data\\x.csv")')],
      'c:/users/carol/proj/notebooks'
    );
    expect(finding.relative).toBe('../data/x.csv');
  });

  it('suggests an environment variable for a file outside the project', () => {
    const [other, noDirectory] = [
      findAbsolutePaths(
        [code('pd.read_csv("/home/alice/Downloads/big.csv")')],
        '/home/alice/project'
      )[0],
      findAbsolutePaths([
        code('pd.read_csv("/home/alice/Downloads/big.csv")')
      ])[0]
    ];
    expect(other.relative).toBeNull();
    expect(other.advice).toEqual({
      code: 'path.outsideProject',
      params: { file: 'big.csv' }
    });
    expect(noDirectory.relative).toBeNull();
    expect(noDirectory.advice).toEqual({
      code: 'path.noDirectory',
      params: { file: 'big.csv' }
    });
    // Another user's home is never "the same project".
    expect(
      findAbsolutePaths(
        [code('open("/home/bob/project/x")')],
        '/home/alice/project'
      )[0].relative
    ).toBeNull();
  });

  it('suggests Path.home() for a home directory itself, which has no file to move', () => {
    const advice = (line: string, directory?: string) =>
      findAbsolutePaths([code(line)], directory)[0].advice;
    expect(advice('os.chdir("/home/alice")', '/home/alice/project')).toEqual({
      code: 'path.home',
      params: {}
    });
    expect(advice('os.chdir("/home/alice/")')).toEqual({
      code: 'path.home',
      params: {}
    });
    expect(advice('os.chdir(r"C:\\Users\\Carol")', 'C:/Users/Carol/p')).toEqual(
      { code: 'path.home', params: {} }
    );
    // A folder in it is still a thing to move, and a notebook at home
    // gets its relative path.
    expect(advice('open("/home/alice/Downloads")', '/home/alice/p')).toEqual({
      code: 'path.outsideProject',
      params: { file: 'Downloads' }
    });
    expect(advice('os.chdir("/home/alice")', '/home/alice')).toEqual({
      code: 'path.relative',
      params: { relative: '.' }
    });
  });

  it('never throws on strangers', () => {
    expect(
      findAbsolutePaths(
        [
          { cell_type: 'code', source: 7 },
          { cell_type: null },
          { cell_type: 'code', source: ['/home/', 'x/y'] }
        ],
        ''
      ).map(f => f.path)
    ).toEqual(['/home/x/y']);
  });
});

describe('findAbsolutePaths on long lines', () => {
  it('skips lines longer than 10,000 characters, keeping the line numbers of the others', () => {
    const long = `open("/home/alice/a.csv")  # ${'x'.repeat(SCAN_LIMITS.maxLineLength)}`;
    const cells = [code(`${long}\nopen("/home/alice/b.csv")`)];
    expect(findAbsolutePaths(cells).map(f => [f.line, f.path])).toEqual([
      [2, '/home/alice/b.csv']
    ]);
    expect(
      findAbsolutePaths(cells, null, {
        ...SCAN_LIMITS,
        maxLineLength: Infinity
      }).map(f => [f.line, f.path])
    ).toEqual([
      [1, '/home/alice/a.csv'],
      [2, '/home/alice/b.csv']
    ]);
  });

  it('reads many paths on one line, each to its own end, and cuts long ones to 200 characters', () => {
    expect(
      paths('!cp /home/a/x.csv, /home/b/y.csv; /Users/c/z.txt. done')
    ).toEqual([
      ['/home/a/x.csv', 'a'],
      ['/home/b/y.csv', 'b'],
      ['/Users/c/z.txt', 'c']
    ]);
    // Paths sharing their end: each runs to the same space.
    expect(paths('/home/a//home/b/x.csv...! y')).toEqual([
      ['/home/a//home/b/x.csv', 'a'],
      ['/home/b/x.csv', 'b']
    ]);
    const [windows] = paths(
      `pd.read_csv("C:\\\\Users\\\\carol${'\\\\d'.repeat(300)}.csv")`
    );
    expect(windows[0]).toHaveLength(200);
    expect(windows[0]).toBe(`C:\\Users\\carol${'\\d'.repeat(92)}\\…`);
    const [dots] = paths(`see /home/dan/${'.,'.repeat(3000)}`);
    expect(dots).toEqual(['/home/dan/', 'dan']);
  });
});

describe('relativePath', () => {
  it.each([
    ['/a/b', '/a/b/c/d.txt', 'c/d.txt'],
    ['/a/b', '/a/x.txt', '../x.txt'],
    ['/a/b/', '/a/b', '.'],
    ['/', '/etc/hosts', 'etc/hosts'],
    ['/a/./b/../c', '/a/c/d', 'd'],
    ['C:\\Users\\x', 'c:/users/X/y', 'y'],
    ['C:/a', 'D:/a/b', null],
    ['a/b', '/a/b', null],
    ['/a', 'b', null]
  ])('from %j to %j is %j', (from, to, expected) => {
    expect(relativePath(from, to)).toBe(expected);
  });
});
