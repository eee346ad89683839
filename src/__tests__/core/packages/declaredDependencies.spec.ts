// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { nullTranslator } from '@jupyterlab/translation';
import { declaredIssueText } from '../../../components/messages/declared';
import { generateBadNotebooks } from '../../../../testutils/badNotebooks';
import { comparePackages } from '../../../core/packages/compare';
import {
  declaredVersions,
  IDeclaredDependencies,
  readDeclared,
  readPipfile,
  readPipfileLock,
  readUvLock
} from '../../../core/packages/declaredDependencies';
import { ICellLike } from '../../../core/notebook/cells';
import { isJSONObject } from '../../../core/common/json';
import { pep723Cell } from '../../../core/packages/pep723';

/**
 * A lock as `juv lock` stores it in `metadata["uv.lock"]` (written for these
 * tests in uv's layout): the project, registry packages with wheels, extras
 * and metadata tables.
 */
const trans = nullTranslator.load('jupyterlab_nbproject');

/**
 * A source's problems as the header shows them.
 */
const words = (declared: IDeclaredDependencies) =>
  declared.problems.map(problem => declaredIssueText(trans, problem));

const UV_LOCK = `version = 1
revision = 2
requires-python = ">=3.12"

[options]
exclude-newer = "2024-10-01T04:00:00Z"

[manifest]
requirements = [
    { name = "polars", specifier = "==1.9.0" },
    { name = "anywidget" },
]

[[package]]
name = "anywidget"
version = "0.9.13"
source = { registry = "https://pypi.org/simple" }
dependencies = [
    { name = "ipywidgets" },
    { name = "typing-extensions" },
]
sdist = { url = "https://files.example/anywidget-0.9.13.tar.gz", hash = "sha256:c655455b", size = 9738 }
wheels = [
    { url = "https://files.example/anywidget-0.9.13-py3-none-any.whl", hash = "sha256:43d1658f", size = 213703 },
]

[package.optional-dependencies]
dev = [
    { name = "watchfiles" },
]

[[package]]
name = "Polars"
version = "1.9.0"
source = { registry = "https://pypi.org/simple" }

[package.metadata]
requires-dist = [{ name = "numpy", marker = "extra == 'numpy'", specifier = ">=1.16.0" }]

[[package]]
name = "my-notebook"
source = { virtual = "." }
`;

const PIPFILE = {
  packages: {
    pandas: '==2.2.2',
    numpy: '*',
    rich: { version: '>=13', index: 'pypi' },
    mylib: { git: 'https://example.com/mylib.git', ref: 'main' }
  },
  requires: { python_version: '3.11' },
  source: [{ name: 'pypi', url: 'https://pypi.org/simple', verify_ssl: true }],
  'dev-packages': { pytest: '*' }
};

const PIPFILE_LOCK = {
  _meta: {
    hash: { sha256: '00' },
    'pipfile-spec': 6,
    requires: { python_version: '3.11' },
    sources: []
  },
  default: {
    pandas: { hashes: ['sha256:00'], index: 'pypi', version: '==2.2.2' },
    numpy: {
      hashes: [],
      version: '==1.26.4',
      markers: "python_version >= '3.9'"
    },
    mylib: { git: 'https://example.com/mylib.git', ref: 'abc123' }
  },
  develop: { pytest: { version: '==8.0.0' } }
};

const summary = (declared: IDeclaredDependencies) =>
  declared.dependencies.map(({ name, specifier, version }) => [
    name,
    specifier,
    version
  ]);

describe('readUvLock', () => {
  it('reads the names and versions of the locked packages', () => {
    const lock = readUvLock(UV_LOCK);
    expect(lock.problems).toEqual([]);
    expect(lock.source).toBe('uv.lock');
    expect(lock.requiresPython).toBe('>=3.12');
    expect(summary(lock)).toEqual([
      ['anywidget', '==0.9.13', '0.9.13'],
      ['Polars', '==1.9.0', '1.9.0'],
      ['my-notebook', '', null]
    ]);
    expect(lock.dependencies[1].key).toBe('polars');
  });

  it('reads the packages it can around a line it cannot', () => {
    const broken = UV_LOCK.replace('version = "0.9.13"', 'version = 0.9.13');
    const lock = readUvLock(broken);
    expect(summary(lock).map(([name]) => name)).toEqual([
      'anywidget',
      'Polars',
      'my-notebook'
    ]);
    expect(lock.problems).toEqual([
      {
        code: 'declared.toml',
        params: { line: 16, message: '"0.9.13" is not a TOML value' }
      }
    ]);
    expect(words(lock)).toEqual(['Line 16: "0.9.13" is not a TOML value.']);
  });

  it.each([
    [42, 'The lock is the number 42, not TOML text.'],
    [{ package: [] }, 'The lock is an object, not TOML text.'],
    ['package = "x"', '"package" is not a list of [[package]] tables.'],
    ['[[package]]\nversion = "1"', 'A [[package]] has no name.'],
    [
      '[[package]]\nname = "a b"',
      'A [[package]] has a name that is the text "a b".'
    ],
    [
      '[[package]]\nname = "a"\nversion = 1',
      'The version of a is the number 1.'
    ]
  ])('says what is wrong with %j', (value, problem) => {
    const lock = readUvLock(value);
    expect(words(lock)).toEqual([problem]);
    expect(lock.dependencies).toEqual([]);
  });

  it('lists three problems about packages and counts the rest', () => {
    const lock = readUvLock(
      '[[package]]\n'.repeat(10) + '[[package]]\nname = "ok"\nversion = "1"\n'
    );
    const noName = { code: 'declared.packageName', params: { value: null } };
    expect(lock.problems).toEqual([
      noName,
      noName,
      noName,
      { code: 'declared.more', params: { file: 'uv.lock', count: 7 } }
    ]);
    expect(words(lock)[3]).toBe('7 more packages in the lock cannot be read.');
    expect(summary(lock)).toEqual([['ok', '==1', '1']]);
  });
});

describe('readPipfile', () => {
  it('reads [packages] from JSON text, as jupyterlab-requirements stores it', () => {
    const pipfile = readPipfile(JSON.stringify(PIPFILE));
    expect(pipfile.problems).toEqual([]);
    expect(pipfile.source).toBe('requirements');
    expect(pipfile.requiresPython).toBe('==3.11.*');
    expect(summary(pipfile)).toEqual([
      ['pandas', '==2.2.2', '2.2.2'],
      ['numpy', '', null],
      ['rich', '>=13', null],
      ['mylib', '', null]
    ]);
  });

  it('reads the object itself too', () => {
    expect(readPipfile(PIPFILE)).toEqual(readPipfile(JSON.stringify(PIPFILE)));
  });

  it.each([
    ['{"packages": ', /^The Pipfile is not JSON \(/],
    [[1, 2], /^The Pipfile is a list, not an object\.$/],
    ['"text"', /^The Pipfile is the text "text", not an object\.$/],
    [{ packages: [] }, /^"packages" is a list, not an object\.$/],
    [{ packages: { 'bad name': '*' } }, /^"bad name" is not a package name\.$/],
    [
      { packages: { a: 3 } },
      /^The version of a is the number 3, not a version specifier\.$/
    ],
    [
      { packages: { a: '1.0' } },
      /^The version of a is the text "1.0", not a version specifier\.$/
    ]
  ])('says what is wrong with %j', (value, problem) => {
    const pipfile = readPipfile(value);
    expect(pipfile.problems).toHaveLength(1);
    expect(words(pipfile)[0]).toMatch(problem);
    expect(pipfile.dependencies).toEqual([]);
  });

  it('reads python_full_version before python_version', () => {
    expect(
      readPipfile({
        requires: { python_full_version: '3.11.7', python_version: '3.11' }
      }).requiresPython
    ).toBe('==3.11.7');
    expect(
      readPipfile({ requires: { python_version: 3.11 } }).requiresPython
    ).toBeNull();
  });
});

describe('readPipfileLock', () => {
  it('reads the versions of the default packages', () => {
    const lock = readPipfileLock(JSON.stringify(PIPFILE_LOCK));
    expect(lock.problems).toEqual([]);
    expect(lock.source).toBe('requirements_lock');
    expect(lock.requiresPython).toBe('==3.11.*');
    expect(summary(lock)).toEqual([
      ['pandas', '==2.2.2', '2.2.2'],
      ['numpy', '==1.26.4', '1.26.4'],
      ['mylib', '', null]
    ]);
  });

  it.each([
    ['not json', /^The Pipfile.lock is not JSON \(/],
    [null, /^The Pipfile.lock is null, not an object\.$/],
    [{ default: 'x' }, /^"default" is the text "x", not an object\.$/],
    [
      { default: { a: { version: '>=1' } } },
      /^The version of a is the text ">=1", not "==" and a version\.$/
    ]
  ])('says what is wrong with %j', (value, problem) => {
    const lock = readPipfileLock(value);
    expect(words(lock)[0]).toMatch(problem);
    expect(lock.dependencies).toEqual([]);
  });
});

describe('readDeclared', () => {
  const cells: ICellLike[] = [
    { cell_type: 'markdown', source: '# Title' },
    pep723Cell({ pandas: '2.2.2', numpy: '' }, '>=3.11'),
    { cell_type: 'code', source: 'import pandas', execution_count: 1 }
  ];
  const metadata = {
    'uv.lock': UV_LOCK,
    requirements: JSON.stringify(PIPFILE),
    requirements_lock: JSON.stringify(PIPFILE_LOCK),
    dependency_resolution_engine: 'thoth'
  };

  it('reads every source present, each tagged with where it comes from', () => {
    const declared = readDeclared(cells, metadata);
    expect(declared.map(({ source, cell }) => [source, cell])).toEqual([
      ['pep723', 1],
      ['uv.lock', null],
      ['requirements', null],
      ['requirements_lock', null]
    ]);
    expect(summary(declared[0])).toEqual([
      ['numpy', '', null],
      ['pandas', '==2.2.2', '2.2.2']
    ]);
    expect(declared[0].requiresPython).toBe('>=3.11');
    expect(declared.every(source => source.problems.length === 0)).toBe(true);
  });

  it('reads nothing from a notebook that declares nothing', () => {
    expect(
      readDeclared([{ cell_type: 'code', source: 'x = 1' }], { kernelspec: {} })
    ).toEqual([]);
    expect(readDeclared([], 'not an object')).toEqual([]);
  });

  it('still names a PEP 723 block that cannot be used', () => {
    const declared = readDeclared(
      [{ cell_type: 'code', source: '# /// script\n# dependencies = []' }],
      {}
    );
    expect(declared).toEqual([
      {
        source: 'pep723',
        cell: null,
        requiresPython: null,
        dependencies: [],
        problems: [
          {
            code: 'declared.pep723',
            params: {
              message:
                'Cell 1 opens a "# /// script" block that is never closed with "# ///"; it is ignored.'
            }
          }
        ]
      }
    ]);
  });

  it('compares like stored packages: declared but not installed, installed but not declared', () => {
    const [pep723] = readDeclared(cells, {});
    const rows = comparePackages(
      declaredVersions(pep723),
      { pandas: '2.1.0', numpy: '', rich: '13.7.1' },
      ['rich']
    );
    expect(
      rows.map(({ name, stored, live, status }) => [name, stored, live, status])
    ).toEqual([
      ['numpy', '', null, 'missing'],
      ['pandas', '2.2.2', '2.1.0', 'mismatch'],
      ['rich', null, '13.7.1', 'unstored']
    ]);
  });

  it('reads packages named like Object properties as data, and "__proto__" as no package', () => {
    const pipfile = readPipfile(
      '{"packages": {"__proto__": "==1", "constructor": "==2", "toString": "*"}}'
    );
    expect(pipfile.dependencies.map(d => [d.name, d.specifier])).toEqual([
      ['constructor', '==2'],
      ['toString', '']
    ]);
    const proto = {
      code: 'declared.notPackageName',
      params: { name: '"__proto__"' }
    };
    expect(pipfile.problems).toEqual([proto]);
    const lock = readPipfileLock(
      '{"default": {"__proto__": {"version": "==1"}, "hasOwnProperty": {"version": "==3"}}}'
    );
    expect(lock.dependencies.map(d => [d.name, d.version])).toEqual([
      ['hasOwnProperty', '3']
    ]);
    expect(lock.problems).toEqual([proto]);
    const uv = readUvLock(
      '[[package]]\nname = "__proto__"\nversion = "1"\n\n[[package]]\nname = "constructor"\nversion = "2"\n\n[__proto__]\nx = 1\n'
    );
    expect(uv.dependencies.map(d => [d.name, d.version])).toEqual([
      ['constructor', '2']
    ]);
    expect(uv.problems).toEqual([
      {
        code: 'declared.packageName',
        params: { value: { type: 'text', text: '"__proto__"' } }
      }
    ]);
    expect(declaredVersions(pipfile)).toEqual({
      constructor: '2',
      toString: ''
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('never throws on the generated bad notebooks, nor on any metadata value', () => {
    const values: unknown[] = [
      null,
      0,
      '',
      'x',
      [],
      {},
      { a: [[[]]] },
      '{'.repeat(100000),
      '['.repeat(100000)
    ];
    for (const value of values) {
      const metadata = {
        'uv.lock': value,
        requirements: value,
        requirements_lock: value
      };
      expect(() => readDeclared([], metadata)).not.toThrow();
      expect(readDeclared([], metadata)).toHaveLength(3);
    }
    for (const { notebook } of generateBadNotebooks({ seed: 9, small: true })) {
      const cells =
        isJSONObject(notebook) && Array.isArray(notebook.cells)
          ? notebook.cells
          : [];
      const metadata = isJSONObject(notebook) ? notebook.metadata : undefined;
      expect(() =>
        readDeclared(
          cells.map((cell: unknown) =>
            isJSONObject(cell)
              ? { ...cell, cell_type: cell.cell_type }
              : { cell_type: null }
          ),
          metadata
        )
      ).not.toThrow();
    }
  });
});
