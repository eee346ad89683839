// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

/**
 * A seeded generator of bad notebooks: what strangers' files can hold.
 *
 * Test code only, shared by jest (`src/__tests__/badNotebooks.spec.ts`) and
 * Galata (`ui-tests/tests/reliability.spec.ts`), so it is plain TypeScript
 * with no imports. The same seed always gives the same notebooks; there is
 * no randomness without a seed.
 */

/**
 * The global a successful injection would set. Tests assert it stays unset.
 */
export const SENTINEL = '__nbprojectPwned';

const SET = `window.${SENTINEL}=1`;

/**
 * Strings that would run code or rearrange the page if a field were ever
 * rendered as HTML, used as a link, or laid out without isolation.
 */
export const PAYLOADS: readonly string[] = [
  `<script>${SET}</script>`,
  `<img src=x onerror="${SET}">`,
  `javascript:${SET}`,
  `<a href="javascript:${SET}">click me</a>`,
  `<svg onload="${SET}"><circle r="1"/></svg>`,
  `"><img src=x onerror=${SET}>`,
  `<iframe srcdoc="<script>parent.${SET}</script>"></iframe>`,
  `<details open ontoggle="${SET}">x</details>`,
  `\u202Egnp.exe\u202C <b>rtl</b> \u0645\u0631\u062D\u0628\u0627 \u05E9\u05DC\u05D5\u05DD`,
  `zero\u200Bwidth\u200Cnon\u200Djoiner\uFEFFbom\u2060word\u00ADjoiner`,
  `%1 %2 {0} \${x} {{constructor.constructor('${SET}')()}}`,
  `line one\nline two\r\n\ttab \u0000nul \u001b[31mansi`
];

/**
 * What kind of badness a notebook shows.
 */
export type BadKind =
  | 'wrong-type'
  | 'package-version'
  | 'whole-value'
  | 'missing-key'
  | 'extra-key'
  | 'vintage'
  | 'history'
  | 'huge'
  | 'deep'
  | 'cells'
  | 'nbformat'
  | 'injection'
  | 'garbage';

/**
 * One generated bad notebook.
 */
export interface IBadNotebook {
  /**
   * A unique, file-safe name (without `.ipynb`).
   */
  name: string;
  /**
   * The kind of badness.
   */
  kind: BadKind;
  /**
   * What is bad about it, in words.
   */
  description: string;
  /**
   * The notebook: any JSON value, usually an nbformat 4 object.
   */
  notebook: any;
  /**
   * Whether JupyterLab itself can open the file: an nbformat 4 (or 3)
   * document the server reads and nesting Python's `json` module accepts.
   * Everything else is only for the core and the CLI.
   */
  opensInLab: boolean;
  /**
   * The nbproject field made bad, when one is.
   */
  field?: string;
  /**
   * Whether the field's value has a type nbproject rejects.
   */
  wrongType?: boolean;
  /**
   * The injected string, for injection notebooks.
   */
  payload?: string;
}

/**
 * Options of {@link generateBadNotebooks}.
 */
export interface IGenerateOptions {
  /**
   * The seed; the same seed gives the same notebooks.
   */
  seed: number;
  /**
   * Leave out the notebooks of 10,000 cells and of 1 MB strings.
   */
  small?: boolean;
}

/**
 * nbproject's own keys.
 */
export const NBPROJECT_FIELDS = [
  'id',
  'version',
  'time_init',
  'pypackage',
  'parent',
  'user_handle',
  'user_id',
  'user_name'
] as const;

/**
 * One of each JSON type (and the odd values of each), labelled.
 */
export const JSON_VALUES: ReadonlyArray<readonly [string, unknown]> = [
  ['null', null],
  ['true', true],
  ['false', false],
  ['zero', 0],
  ['negative-zero', -0],
  ['integer', 12345],
  ['float', -3.25],
  ['huge-number', 1e308],
  ['empty-string', ''],
  ['string', 'plain text'],
  ['empty-list', []],
  ['mixed-list', ['a', 1, null, { b: false }]],
  ['list-of-strings', ['Zv1wV7oM9ztH', 'abcdEFGH1234']],
  ['empty-object', {}],
  ['nested-object', { a: { b: [1, 'two', { c: null }] } }]
];

/**
 * A valid nbproject value of the full form.
 */
export function validNbproject(): Record<string, unknown> {
  return {
    id: 'Zv1wV7oM9ztH',
    parent: null,
    pypackage: { ipykernel: '6.0.0' },
    time_init: '2022-10-09T15:08:04.997800+00:00',
    user_handle: 'ada',
    user_id: 'u1',
    user_name: 'Ada Lovelace',
    version: '1'
  };
}

/**
 * Options of {@link makeNotebook}.
 */
export interface IMakeOptions {
  /**
   * `metadata.nbproject`; left out when `undefined`.
   */
  nbproject?: unknown;
  /**
   * `metadata.jupyterlab_nbproject`; left out when `undefined`.
   */
  extension?: unknown;
  /**
   * The cells; a title, an import and a print by default.
   */
  cells?: unknown;
  /**
   * nbformat minor version (5 by default); cells get ids only at 5.
   */
  minor?: number;
  /**
   * Other notebook-level metadata keys.
   */
  metadata?: Record<string, unknown>;
}

/**
 * A notebook around the given parts, with a Python 3 kernelspec.
 */
export function makeNotebook(options: IMakeOptions = {}): any {
  const minor = options.minor ?? 5;
  const metadata: Record<string, unknown> = {
    kernelspec: {
      display_name: 'Python 3 (ipykernel)',
      language: 'python',
      name: 'python3'
    },
    language_info: { name: 'python' },
    ...options.metadata
  };
  if (options.nbproject !== undefined) {
    metadata.nbproject = options.nbproject;
  }
  if (options.extension !== undefined) {
    metadata.jupyterlab_nbproject = options.extension;
  }
  let cells = options.cells ?? defaultCells();
  if (minor >= 5 && Array.isArray(cells)) {
    cells = cells.map((cell, i) =>
      cell !== null &&
      typeof cell === 'object' &&
      !Array.isArray(cell) &&
      !('id' in cell)
        ? { id: `cell-${i}`, ...cell }
        : cell
    );
  }
  return { cells, metadata, nbformat: 4, nbformat_minor: minor };
}

/**
 * Generate the bad notebooks for a seed. Deterministic: no randomness but
 * the seeded one.
 */
export function generateBadNotebooks(
  options: IGenerateOptions
): IBadNotebook[] {
  const rng = mulberry32(options.seed);
  const out: IBadNotebook[] = [];
  const add = (item: Omit<IBadNotebook, 'name'> & { slug: string }): void => {
    const { slug, ...rest } = item;
    out.push({
      name: `${String(out.length).padStart(3, '0')}-${slug}`,
      ...rest
    });
  };

  // Every nbproject field with every JSON type.
  for (const field of NBPROJECT_FIELDS) {
    for (const [label, value] of JSON_VALUES) {
      add({
        slug: `type-${field}-${label}`,
        kind: 'wrong-type',
        description: `"${field}" is ${label}`,
        notebook: makeNotebook({
          nbproject: { ...validNbproject(), [field]: clone(value) }
        }),
        opensInLab: true,
        field,
        wrongType: !acceptedType(field, value)
      });
    }
  }

  // Package versions of every type.
  for (const [label, value] of JSON_VALUES) {
    if (typeof value === 'string') {
      continue;
    }
    add({
      slug: `package-version-${label}`,
      kind: 'package-version',
      description: `a package version is ${label}`,
      notebook: makeNotebook({
        nbproject: {
          ...validNbproject(),
          pypackage: { ipykernel: '6.0.0', odd: clone(value) }
        }
      }),
      opensInLab: true,
      field: 'pypackage',
      wrongType: true
    });
  }

  // The whole nbproject value of every type.
  for (const [label, value] of JSON_VALUES) {
    if (label === 'empty-object' || label === 'nested-object') {
      continue;
    }
    add({
      slug: `whole-${label}`,
      kind: 'whole-value',
      description: `metadata.nbproject is ${label}`,
      notebook: makeNotebook({ nbproject: clone(value) }),
      opensInLab: true
    });
  }

  // Missing keys, one at a time and all at once.
  for (const field of NBPROJECT_FIELDS) {
    const value = validNbproject();
    delete value[field];
    add({
      slug: `missing-${field}`,
      kind: 'missing-key',
      description: `"${field}" is missing`,
      notebook: makeNotebook({ nbproject: value }),
      opensInLab: true,
      field
    });
  }
  add({
    slug: 'missing-all',
    kind: 'missing-key',
    description: 'metadata.nbproject is an empty object',
    notebook: makeNotebook({ nbproject: {} }),
    opensInLab: true
  });

  // Extra keys, including the names of Object.prototype.
  const extras: Record<string, unknown>[] = [
    { custom: { a: [1, 2] }, another: 'x' },
    JSON.parse('{"__proto__": {"polluted": true}}'),
    { constructor: 'c', toString: 1, hasOwnProperty: null, valueOf: [] },
    { '': 'empty key', ' ': 'space key' },
    { 'key with <b>html</b>': '<b>value</b>' },
    {
      uid: 'legacyUid123',
      time_run: '2022-10-09T15:08:04+00:00',
      dependency: { numpy: '1' }
    },
    Object.fromEntries(
      Array.from({ length: 1000 }, (_, i) => [`extra_${i}`, i])
    )
  ];
  extras.forEach((extra, i) => {
    add({
      slug: `extra-keys-${i}`,
      kind: 'extra-key',
      description: `extra keys: ${Object.keys(extra).slice(0, 4).join(', ') || '__proto__'}`,
      notebook: makeNotebook({
        nbproject: { ...validNbproject(), ...clone(extra) }
      }),
      opensInLab: true
    });
  });
  add({
    slug: 'extra-notebook-keys',
    kind: 'extra-key',
    description: 'other notebook-level metadata keys of every type',
    notebook: makeNotebook({
      nbproject: validNbproject(),
      metadata: Object.fromEntries(
        JSON_VALUES.map(([label, value]) => [`other_${label}`, clone(value)])
      )
    }),
    opensInLab: true
  });

  // Every nbproject vintage.
  const vintages: Array<[string, unknown]> = [
    ['full', validNbproject()],
    [
      'cli',
      {
        id: 'Zv1wV7oM9ztH',
        time_init: '2022-10-09T15:08:04.997800+00:00',
        version: '0'
      }
    ],
    [
      'cli-with-packages',
      {
        id: 'Zv1wV7oM9ztH',
        parent: 'abcdEFGH1234',
        pypackage: { ipykernel: '6.0.0', pandas: '' },
        time_init: '2022-10-09T15:08:04+00:00',
        version: '0'
      }
    ],
    [
      'legacy-uid',
      {
        uid: 'Zv1wV7oM9ztH',
        time_init: '2022-07-18T12:32:21.625107+00:00',
        version: 'draft'
      }
    ],
    [
      'legacy-uid-and-id',
      {
        id: 'Zv1wV7oM9ztH',
        uid: 'oldOLDold123',
        time_init: '2022-07-18T12:32:21+00:00',
        version: '1'
      }
    ],
    [
      'legacy-null-id-and-uid',
      {
        id: null,
        uid: 'oldOLDold123',
        time_init: '2022-07-18T12:32:21+00:00',
        version: '1'
      }
    ],
    [
      'legacy-dependency',
      {
        id: 'Zv1wV7oM9ztH',
        time_init: '2022-07-18',
        version: 'draft',
        dependency: { numpy: '1.0' }
      }
    ],
    [
      'numeric-version',
      { id: 'Zv1wV7oM9ztH', time_init: '2022-07-18T12:32:21+00:00', version: 2 }
    ],
    [
      'naive-time',
      {
        id: 'Zv1wV7oM9ztH',
        time_init: '2022-07-18T12:32:21.625107',
        version: '1'
      }
    ],
    [
      'parents-list',
      { ...validNbproject(), parent: ['abcdEFGH1234', 'ijklMNOP5678'] }
    ],
    ['short-id', { ...validNbproject(), id: 'abc' }]
  ];
  for (const [label, value] of vintages) {
    add({
      slug: `vintage-${label}`,
      kind: 'vintage',
      description: `nbproject vintage: ${label}`,
      notebook: makeNotebook({ nbproject: value }),
      opensInLab: true
    });
  }

  // The extension's own history key, broken in every way.
  for (const [label, value] of JSON_VALUES) {
    add({
      slug: `history-${label}`,
      kind: 'history',
      description: `jupyterlab_nbproject.history is ${label}`,
      notebook: makeNotebook({
        nbproject: validNbproject(),
        extension: {
          schema_version: 1,
          history: clone(value),
          their_key: 'kept'
        }
      }),
      opensInLab: true
    });
  }
  for (const field of [
    'version',
    'time',
    'note',
    'code_sha256',
    'consecutive',
    'python'
  ]) {
    for (const [label, value] of pick(rng, JSON_VALUES, 3)) {
      add({
        slug: `history-record-${field}-${label}`,
        kind: 'history',
        description: `a publish record's "${field}" is ${label}`,
        notebook: makeNotebook({
          nbproject: validNbproject(),
          extension: {
            schema_version: 1,
            history: [{ ...validRecord(), [field]: clone(value) }]
          }
        }),
        opensInLab: true
      });
    }
  }
  for (const [label, value] of JSON_VALUES.filter(
    ([, v]) => v === null || typeof v !== 'object' || Array.isArray(v)
  )) {
    add({
      slug: `extension-${label}`,
      kind: 'history',
      description: `jupyterlab_nbproject is ${label}`,
      notebook: makeNotebook({
        nbproject: validNbproject(),
        extension: clone(value)
      }),
      opensInLab: true
    });
  }

  // Huge values.
  if (!options.small) {
    const mega = 'x'.repeat(1024 * 1024);
    const megaWords = Array.from(
      { length: (1024 * 1024) / 8 },
      () => 'abc def '
    ).join('');
    for (const field of [
      'id',
      'version',
      'time_init',
      'parent',
      'user_name',
      'user_handle'
    ]) {
      add({
        slug: `huge-${field}`,
        kind: 'huge',
        description: `a 1 MB string in "${field}"`,
        notebook: makeNotebook({
          nbproject: {
            ...validNbproject(),
            [field]: field === 'user_name' ? megaWords : mega
          }
        }),
        opensInLab: true,
        field
      });
    }
    add({
      slug: 'huge-package-name-and-version',
      kind: 'huge',
      description: 'a 1 MB package name and a 1 MB version',
      notebook: makeNotebook({
        nbproject: {
          ...validNbproject(),
          pypackage: { [mega]: '1', numpy: mega }
        }
      }),
      opensInLab: true,
      field: 'pypackage'
    });
    add({
      slug: 'huge-extra-value',
      kind: 'huge',
      description: 'a 1 MB string in an extra key and a 1 MB key name',
      notebook: makeNotebook({
        nbproject: { ...validNbproject(), notes: mega, [`k${mega}`]: 1 }
      }),
      opensInLab: true
    });
    add({
      slug: 'huge-code-cell',
      kind: 'huge',
      description:
        'a 1 MB markdown title, a 1 MB code cell of data and 100 kB of imports',
      notebook: makeNotebook({
        nbproject: validNbproject(),
        cells: [
          { cell_type: 'markdown', metadata: {}, source: `# ${megaWords}` },
          {
            cell_type: 'code',
            execution_count: 1,
            metadata: {},
            outputs: [],
            source: `import numpy\ndata = "${mega}"\nimport pandas`
          },
          {
            cell_type: 'code',
            execution_count: 2,
            metadata: {},
            outputs: [],
            source: Array.from({ length: 8000 }, (_, i) => `import pkg_${i}\n`)
              .join('')
              .slice(0, 100 * 1024)
          }
        ]
      }),
      opensInLab: true
    });
    add({
      slug: 'huge-many-packages',
      kind: 'huge',
      description: '10,000 stored packages, every other version not a string',
      notebook: makeNotebook({
        nbproject: {
          ...validNbproject(),
          pypackage: Object.fromEntries(
            Array.from({ length: 10000 }, (_, i) => [
              `pkg-${i}`,
              i % 2 ? `${i}.0` : i
            ])
          )
        }
      }),
      opensInLab: true,
      field: 'pypackage'
    });
    add({
      slug: 'huge-many-parents',
      kind: 'huge',
      description: '10,000 parents',
      notebook: makeNotebook({
        nbproject: {
          ...validNbproject(),
          parent: Array.from(
            { length: 10000 },
            (_, i) => `parent${String(i).padStart(6, '0')}`
          )
        }
      }),
      opensInLab: true,
      field: 'parent'
    });
    add({
      slug: 'huge-history',
      kind: 'huge',
      description: '10,000 publish records with 1 kB notes',
      notebook: makeNotebook({
        nbproject: validNbproject(),
        extension: {
          schema_version: 1,
          history: Array.from({ length: 10000 }, (_, i) => ({
            ...validRecord(),
            version: String(i + 1),
            note: 'n'.repeat(1000)
          }))
        }
      }),
      opensInLab: true
    });
    add({
      slug: 'cells-10000',
      kind: 'huge',
      description:
        '10,000 code cells, imports everywhere, some run out of order',
      notebook: makeNotebook({
        nbproject: validNbproject(),
        cells: manyCells(rng, 10000)
      }),
      opensInLab: true
    });
    add({
      slug: 'cells-10000-markdown',
      kind: 'huge',
      description: '10,000 markdown cells, the title in the last one',
      notebook: makeNotebook({
        nbproject: validNbproject(),
        cells: Array.from({ length: 10000 }, (_, i) => ({
          cell_type: 'markdown',
          metadata: {},
          source:
            i === 9999 ? '# Last' : `## section ${i}\n#not a title: no space`
        }))
      }),
      opensInLab: true
    });
  }

  // Deep nesting. The Jupyter server cannot read a notebook nested some
  // hundreds of levels deep (RecursionError in nbformat): only 100 opens.
  for (const depth of [100, 900, 5000, 20000]) {
    const opens = depth <= 100;
    add({
      slug: `deep-object-${depth}`,
      kind: 'deep',
      description: `an extra key nested ${depth} objects deep`,
      notebook: makeNotebook({
        nbproject: {
          ...validNbproject(),
          nested: nest(depth, inner => ({ a: inner }))
        }
      }),
      opensInLab: opens
    });
    add({
      slug: `deep-list-${depth}`,
      kind: 'deep',
      description: `pypackage, parent and a history note nested ${depth} lists deep`,
      notebook: makeNotebook({
        nbproject: {
          ...validNbproject(),
          pypackage: { numpy: nest(depth, inner => [inner]) },
          parent: nest(depth, inner => [inner])
        },
        extension: {
          history: [{ ...validRecord(), note: nest(depth, inner => [inner]) }]
        }
      }),
      opensInLab: opens
    });
  }

  // Cells of every odd shape.
  const code = (
    source: unknown,
    count: unknown = 1,
    extra: Record<string, unknown> = {}
  ) => ({
    cell_type: 'code',
    execution_count: count,
    metadata: {},
    outputs: [],
    source,
    ...extra
  });
  const cellCases: Array<[string, unknown, boolean]> = [
    [
      'null-sources',
      [
        { cell_type: 'markdown', metadata: {}, source: null },
        code(null, 1),
        code('import numpy', 2)
      ],
      true
    ],
    ['number-source', [code(42, 1), code({ a: 1 }, 2), code(true, 3)], true],
    [
      'list-sources',
      [
        code(['import ', null, 'pandas', 7, '\n', ['x']], 1),
        code([], 2),
        { cell_type: 'markdown', metadata: {}, source: ['# Ti', 'tle\n', null] }
      ],
      true
    ],
    [
      'no-execution-count',
      [
        {
          cell_type: 'code',
          metadata: {},
          outputs: [],
          source: 'import numpy'
        },
        { cell_type: 'code', metadata: {}, outputs: [], source: 'x = 1' }
      ],
      true
    ],
    [
      'odd-execution-counts',
      [
        code('a', '1'),
        code('b', 1.5),
        code('c', -3),
        code('d', 1e300),
        code('e', true),
        code('f', { n: 1 }),
        code('g', [2])
      ],
      true
    ],
    [
      'counts-out-of-order',
      [
        code('a', 3),
        code('b', 1),
        code('c', 2),
        code('d', 2),
        code('e', null),
        code('f', 9)
      ],
      true
    ],
    [
      'odd-cell-types',
      [
        {
          cell_type: 'heading',
          level: 1,
          metadata: {},
          source: '# Heading cell'
        },
        { cell_type: 7, source: 'x' },
        { source: 'no type' },
        {
          cell_type: 'raw',
          metadata: { format: 'text/html' },
          source: `<script>${SET}</script>`
        }
      ],
      false
    ],
    [
      'non-object-cells',
      [null, 1, 'cell', [code('import numpy')], code('import pandas', 1)],
      false
    ],
    ['cells-not-a-list', { 0: code('import numpy') }, false],
    ['no-cells', undefined, false],
    [
      'duplicate-ids',
      [
        code('import numpy', 1, { id: 'same' }),
        code('import pandas', 2, { id: 'same' }),
        { cell_type: 'markdown', id: 'same', metadata: {}, source: '# Same' }
      ],
      true
    ],
    [
      'odd-ids',
      [
        code('a', 1, { id: 5 }),
        code('b', 2, { id: '' }),
        code('c', 3, { id: null }),
        code('d', 4, { id: `<img src=x onerror="${SET}">` })
      ],
      false
    ],
    [
      'odd-outputs',
      [
        code('print(1)', 1, { outputs: 'not a list' }),
        code('print(2)', 2, { outputs: [null, 5, { output_type: 'weird' }] })
      ],
      false
    ],
    [
      'odd-cell-metadata',
      [
        code('x', 1, { metadata: [] }),
        code('y', 2, { metadata: null }),
        code('z', 3, { metadata: 'm' })
      ],
      false
    ],
    [
      'prototype-imports',
      [
        code(
          'import constructor\nimport toString\nimport __proto__\nimport hasOwnProperty',
          1
        )
      ],
      true
    ],
    [
      'magics-and-syntax-errors',
      [
        code(
          '%pip install numpy\n!pip install pandas\nimport (\nfrom . import x\n%%bash\n',
          1
        ),
        code('%%bash\npip install requests', 2),
        code('def f(:\n  import scipy', 3)
      ],
      true
    ],
    [
      'rtl-and-zero-width-sources',
      [
        {
          cell_type: 'markdown',
          metadata: {},
          source: '# \u202Eeltit\u202C \u200B\u200B'
        },
        code('import\u200Bnumpy\nimport \u0645\u0631\u062D\u0628\u0627', 1)
      ],
      true
    ],
    [
      'empty-and-blank-cells',
      [code('', null), code('   ', null), code('\n', 1), code('x = 1', 2)],
      true
    ],
    [
      'surrogates',
      [
        code('s = "\ud800"\nimport numpy', 1),
        { cell_type: 'markdown', metadata: {}, source: '# \udfff lone' }
      ],
      false
    ]
  ];
  for (const [label, cells, opens] of cellCases) {
    const notebook = makeNotebook({
      nbproject: validNbproject(),
      cells: cells === undefined ? [] : cells
    });
    if (cells === undefined) {
      delete notebook.cells;
    }
    add({
      slug: `cells-${label}`,
      kind: 'cells',
      description: `cells: ${label.replace(/-/g, ' ')}`,
      notebook,
      opensInLab: opens
    });
  }

  // nbformat 4.0 to 4.5 without cell ids, 3 with worksheets, and non-notebooks.
  for (const minor of [0, 1, 2, 3, 4, 5]) {
    const notebook = makeNotebook({ nbproject: validNbproject(), minor: 4 });
    notebook.nbformat_minor = minor;
    add({
      slug: `nbformat-4.${minor}-no-ids`,
      kind: 'nbformat',
      description: `nbformat 4.${minor} without cell ids`,
      notebook,
      opensInLab: true
    });
  }
  add({
    slug: 'nbformat-3',
    kind: 'nbformat',
    description: 'nbformat 3 with worksheets',
    notebook: {
      metadata: { name: 'old', nbproject: validNbproject() },
      nbformat: 3,
      nbformat_minor: 0,
      worksheets: [
        {
          cells: [
            {
              cell_type: 'code',
              input: 'import numpy',
              language: 'python',
              outputs: [],
              prompt_number: 1
            }
          ],
          metadata: {}
        }
      ]
    },
    opensInLab: true
  });
  for (const [label, value] of [
    ['not-an-object', [1, 2, 3]],
    ['null', null],
    ['string', 'notebook'],
    [
      'metadata-list',
      { cells: [], metadata: [], nbformat: 4, nbformat_minor: 5 }
    ],
    [
      'metadata-null',
      { cells: [], metadata: null, nbformat: 4, nbformat_minor: 5 }
    ],
    [
      'nbformat-string',
      {
        cells: [],
        metadata: { nbproject: validNbproject() },
        nbformat: '4',
        nbformat_minor: 5
      }
    ]
  ] as Array<[string, unknown]>) {
    add({
      slug: `document-${label}`,
      kind: 'nbformat',
      description: `the document is ${label.replace(/-/g, ' ')}`,
      notebook: value,
      opensInLab: false
    });
  }

  // Markup, links, right-to-left and invisible characters in every field the
  // header (or the publish dialog, or a warning) shows: all at once per payload.
  for (const [i, payload] of PAYLOADS.entries()) {
    add({
      slug: `inject-all-${i}`,
      kind: 'injection',
      description: `payload ${i} in every shown field`,
      notebook: injectedNotebook(payload, SHOWN_FIELDS),
      opensInLab: true,
      payload
    });
  }
  // ...and each field alone with a few payloads the seed picks.
  for (const field of SHOWN_FIELDS) {
    for (const payload of pick(rng, PAYLOADS, 3)) {
      add({
        slug: `inject-${field}-${PAYLOADS.indexOf(payload)}`,
        kind: 'injection',
        description: `payload ${PAYLOADS.indexOf(payload)} in ${field}`,
        notebook: injectedNotebook(payload, [field]),
        opensInLab: true,
        field,
        payload
      });
    }
  }

  // Seeded garbage: random JSON in nbproject's keys.
  for (let i = 0; i < 30; i++) {
    const value: Record<string, unknown> = {};
    for (const field of [...NBPROJECT_FIELDS, 'uid', 'extra']) {
      if (rng() < 0.7) {
        value[field] = randomJSON(rng, 3);
      }
    }
    add({
      slug: `garbage-${i}`,
      kind: 'garbage',
      description: `seeded random JSON in nbproject's keys (${i})`,
      notebook: makeNotebook({
        nbproject: value,
        extension: rng() < 0.5 ? randomJSON(rng, 3) : undefined
      }),
      opensInLab: true
    });
  }

  // JupyterLab's model (Yjs) rejects a notebook-level metadata value that is
  // an object with its own "constructor" key: such files do not open at all.
  for (const item of out) {
    const metadata = item.notebook?.metadata;
    if (
      metadata &&
      typeof metadata === 'object' &&
      Object.values(metadata).some(
        value =>
          value !== null &&
          typeof value === 'object' &&
          Object.prototype.hasOwnProperty.call(value, 'constructor')
      )
    ) {
      item.opensInLab = false;
    }
  }
  return out;
}

/**
 * The places a stranger's string reaches the screen.
 */
export const SHOWN_FIELDS = [
  'id',
  'version',
  'time_init',
  'parent',
  'user_name',
  'user_handle',
  'package-name',
  'package-version',
  'extra-key',
  'history-version',
  'history-note',
  'install-line',
  'title'
] as const;

/**
 * A notebook carrying a payload in the given places.
 */
export function injectedNotebook(
  payload: string,
  fields: readonly string[]
): any {
  const nb: Record<string, unknown> = validNbproject();
  const has = (field: string) => fields.includes(field);
  for (const field of [
    'id',
    'version',
    'time_init',
    'user_name',
    'user_handle'
  ] as const) {
    if (has(field)) {
      nb[field] = payload;
    }
  }
  if (has('parent')) {
    nb.parent = [payload, 'abcdEFGH1234'];
  }
  if (has('package-name') || has('package-version')) {
    nb.pypackage = {
      ipykernel: '6.0.0',
      [has('package-name') ? payload : 'numpy']: has('package-version')
        ? payload
        : '1.0'
    };
  }
  if (has('extra-key')) {
    nb[payload] = payload;
  }
  const extension =
    has('history-version') || has('history-note')
      ? {
          schema_version: 1,
          history: [
            {
              ...validRecord(),
              version: has('history-version') ? payload : '1',
              note: has('history-note') ? payload : null
            }
          ]
        }
      : undefined;
  const cells: unknown[] = [
    {
      cell_type: 'markdown',
      metadata: {},
      source: has('title') ? `# ${payload}` : '# Injected'
    },
    {
      cell_type: 'code',
      execution_count: 1,
      metadata: {},
      outputs: [],
      source: has('install-line')
        ? `%pip install ${payload.replace(/\n/g, ' ')}\nimport json`
        : 'import json'
    }
  ];
  return makeNotebook({ nbproject: nb, extension, cells });
}

/**
 * Whether nbproject accepts a value's type for a field (not its content).
 */
export function acceptedType(field: string, value: unknown): boolean {
  switch (field) {
    case 'id':
    case 'version':
    case 'time_init':
      return typeof value === 'string';
    case 'pypackage':
      return (
        value === null ||
        (typeof value === 'object' &&
          !Array.isArray(value) &&
          Object.values(value as object).every(v => typeof v === 'string'))
      );
    case 'parent':
      return (
        value === null ||
        typeof value === 'string' ||
        (Array.isArray(value) && value.every(v => typeof v === 'string'))
      );
    default:
      return value === null || typeof value === 'string';
  }
}

/**
 * A seeded pseudo-random source in [0, 1) (mulberry32).
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` distinct items of a list, chosen by the seeded source.
 */
export function pick<T>(
  rng: () => number,
  items: readonly T[],
  count: number
): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < count && pool.length > 0) {
    out.push(pool.splice(Math.floor(rng() * pool.length), 1)[0]);
  }
  return out;
}

function validRecord(): Record<string, unknown> {
  return {
    version: '1',
    time: '2026-11-22T08:30:00.250000+00:00',
    note: 'first',
    consecutive: true,
    code_sha256: '0'.repeat(64),
    python: '3.11.7'
  };
}

function defaultCells(): unknown[] {
  return [
    { cell_type: 'markdown', metadata: {}, source: '# A bad notebook' },
    {
      cell_type: 'code',
      execution_count: 1,
      metadata: {},
      outputs: [{ name: 'stdout', output_type: 'stream', text: ['1\n'] }],
      source: 'import json\nprint(1)'
    }
  ];
}

function manyCells(rng: () => number, n: number): unknown[] {
  const names = [
    'numpy',
    'pandas',
    'json',
    'os',
    'requests',
    'sklearn',
    'yaml',
    'matplotlib.pyplot'
  ];
  return Array.from({ length: n }, (_, i) => ({
    cell_type: 'code',
    execution_count: rng() < 0.01 ? null : rng() < 0.01 ? i + 5 : i + 1,
    metadata: {},
    outputs: [],
    source:
      i % 10 === 0
        ? `import ${names[Math.floor(rng() * names.length)]}\nx_${i} = ${i}`
        : `x_${i} = ${i}`
  }));
}

function nest(depth: number, wrap: (inner: unknown) => unknown): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) {
    value = wrap(value);
  }
  return value;
}

const GARBAGE_STRINGS = [
  '',
  'Zv1wV7oM9ztH',
  '2022-10-09T15:08:04+00:00',
  'draft',
  '0',
  ...PAYLOADS
];

function randomJSON(rng: () => number, depth: number): unknown {
  const r = rng();
  if (depth <= 0 || r < 0.45) {
    const s = rng();
    if (s < 0.15) {
      return null;
    }
    if (s < 0.25) {
      return rng() < 0.5;
    }
    if (s < 0.45) {
      return Math.round((rng() - 0.5) * 1e6) / (rng() < 0.5 ? 1 : 7);
    }
    return GARBAGE_STRINGS[Math.floor(rng() * GARBAGE_STRINGS.length)];
  }
  const n = Math.floor(rng() * 4);
  if (r < 0.7) {
    return Array.from({ length: n }, () => randomJSON(rng, depth - 1));
  }
  const keys = [
    'numpy',
    'a',
    '__proto__',
    'constructor',
    'id',
    'version',
    ...PAYLOADS.slice(0, 3)
  ];
  const out: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    // defineProperty: a "__proto__" key stays an own key, as JSON.parse makes it.
    Object.defineProperty(out, keys[Math.floor(rng() * keys.length)], {
      value: randomJSON(rng, depth - 1),
      enumerable: true,
      writable: true,
      configurable: true
    });
  }
  return out;
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value));
}
