// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { spawnSync } from 'child_process';
import * as fs from 'fs';

import fc from 'fast-check';

import { generateBadNotebooks } from '../../../../testutils/badNotebooks';
import { consecutivenessReport } from '../../../core/execution/consecutiveness';
import { notebookImports } from '../../../core/python/imports';
import { ICellLike, joinSource } from '../../../core/notebook/cells';
import { isJSONObject } from '../../../core/common/json';
import {
  findMetadataBlocks,
  isPep723Cell,
  pep723Cell,
  readPep723,
  requiresPythonFor,
  upsertPep723,
  withoutPep723Cell
} from '../../../core/packages/pep723';
import { tomlString } from '../../../core/packages/toml';
import { VENV_PYTHON } from '../../../../testutils/paths';
import { parser } from '@lezer/python';

/**
 * The project's Python (3.11, with `tomllib`); `make` creates it.
 */
const PYTHON = process.env.NBPROJECT_PYTHON || VENV_PYTHON;
const HAS_PYTHON = fs.existsSync(PYTHON);
const describePython = HAS_PYTHON ? describe : describe.skip;
const SKIPPED = HAS_PYTHON ? '' : ` (skipped: no ${PYTHON}, run make)`;
if (!HAS_PYTHON) {
  console.warn(
    `Skipping the PEP 723 tests against Python's tomllib and re: ${PYTHON} does not exist (run make).`
  );
}

/**
 * Run a Python script with JSON on stdin; its stdout is JSON.
 */
function python(script: string, input: unknown): any {
  const run = spawnSync(PYTHON, ['-c', script], {
    input: JSON.stringify(input),
    encoding: 'utf-8',
    timeout: 120000
  });
  if (run.status !== 0) {
    throw new Error(`python failed (${run.status}): ${run.stderr}`);
  }
  return JSON.parse(run.stdout);
}

/**
 * PEP 723's reference regular expression, and juv's way of taking the
 * comment marks away, as a Python prelude.
 */
const PY_BLOCKS = `
import json, re, sys
REGEX = r"(?m)^# /// (?P<type>[a-zA-Z0-9-]+)$\\s(?P<content>(^#(| .*)$\\s)+)^# ///$"
def blocks(source):
    return [
        {
            "type": m.group("type"),
            "start": m.start(),
            "end": m.end(),
            "content": "".join(
                line[2:] if line.startswith("# ") else line[1:]
                for line in m.group("content").splitlines(keepends=True)
            ),
        }
        for m in re.finditer(REGEX, source)
    ]
`;

const code = (
  source: string | string[],
  extra: Partial<ICellLike> = {}
): ICellLike => ({
  cell_type: 'code',
  source,
  execution_count: null,
  metadata: {},
  ...extra
});
const markdown = (source: string): ICellLike => ({
  cell_type: 'markdown',
  source
});

/**
 * A block as juv writes it: `uv init --script`, then `juv add`, then
 * `juv stamp` (written for these tests, in juv's layout).
 */
const JUV_BLOCK = [
  '# /// script',
  '# requires-python = ">=3.12"',
  '# dependencies = [',
  '#     "anywidget",',
  '#     "polars==1.9.0",',
  '# ]',
  '#',
  '# [tool.uv]',
  '# exclude-newer = "2024-10-01T00:00:00-04:00"',
  '# ///'
].join('\n');

describe('findMetadataBlocks', () => {
  it('finds a block and takes the comment marks off its content', () => {
    const [block, ...rest] = findMetadataBlocks(JUV_BLOCK);
    expect(rest).toEqual([]);
    expect(block).toEqual({
      type: 'script',
      start: 0,
      end: JUV_BLOCK.length,
      line: 0,
      content: [
        'requires-python = ">=3.12"',
        'dependencies = [',
        '    "anywidget",',
        '    "polars==1.9.0",',
        ']',
        '',
        '[tool.uv]',
        'exclude-newer = "2024-10-01T00:00:00-04:00"',
        ''
      ].join('\n')
    });
  });

  it.each([
    [
      'code before and after',
      'import os\n# /// script\n# dependencies = []\n# ///\nprint(1)\n',
      1
    ],
    ['a trailing newline', '# /// script\n# dependencies = []\n# ///\n', 1],
    ['another TYPE', '# /// pyproject\n# [run]\n# ///', 1],
    [
      'two blocks apart',
      '# /// script\n# a = 1\n# ///\n\n# /// script\n# b = 2\n# ///',
      2
    ],
    [
      'two blocks in a row, which are one',
      '# /// script\n# a = 1\n# ///\n# /// script\n# b = 2\n# ///',
      1
    ],
    ['a line of "#" only inside', '# /// script\n#\n# a = 1\n#\n# ///', 1]
  ])('finds blocks with %s', (_, source, count) => {
    expect(findMetadataBlocks(source)).toHaveLength(count);
  });

  it.each([
    ['a block never closed', '# /// script\n# dependencies = []\n'],
    ['no content line', '# /// script\n# ///'],
    ['a comment without its space', '# /// script\n#dependencies = []\n# ///'],
    ['a line that is not a comment', '# /// script\ndependencies = []\n# ///'],
    ['an indented opening line', '  # /// script\n# a = 1\n# ///'],
    ['a space after the TYPE', '# /// script \n# a = 1\n# ///'],
    ['two spaces before the slashes', '#  /// script\n# a = 1\n# ///'],
    ['an underscore in the TYPE', '# /// my_script\n# a = 1\n# ///'],
    ['a closing line with more after it', '# /// script\n# a = 1\n# /// end'],
    ['Windows line ends', '# /// script\r\n# a = 1\r\n# ///\r\n']
  ])('finds no block with %s', (_, source) => {
    expect(findMetadataBlocks(source)).toEqual([]);
  });

  it('ends a block at the last "# ///" before a line that is not a comment (PEP 723 precedence)', () => {
    const source = [
      '# /// script',
      '# note = """',
      '# /// not the end',
      '# ///',
      '# """',
      '# ///',
      'x = 1',
      '# ///'
    ].join('\n');
    const [block] = findMetadataBlocks(source);
    expect(block.content).toBe('note = """\n/// not the end\n///\n"""\n');
    expect(source.slice(block.end)).toBe('\nx = 1\n# ///');
  });

  it('finds no block in ten thousand openings never closed', () => {
    // How the time grows with such input is measured in linearity.spec.ts.
    const source = '# /// script\n'.repeat(10000) + '# a\n'.repeat(10000);
    expect(findMetadataBlocks(source)).toEqual([]);
  });
});

describePython(
  `findMetadataBlocks agrees with PEP 723's regular expression in Python${SKIPPED}`,
  () => {
    it('on 400 generated sources', () => {
      const lines = [
        '# /// script',
        '# /// pyproject',
        '# ///',
        '# ///  ',
        '#',
        '# ',
        '# a = 1',
        '#x',
        'x = 1',
        '',
        ' # ///',
        '# /// script\r'
      ];
      // Half of them start like a block, so that many have one.
      const sources = fc.sample(
        fc
          .tuple(
            fc.boolean(),
            fc.array(fc.constantFrom(...lines), { maxLength: 12 }),
            fc.boolean()
          )
          .map(
            ([opened, picked, newline]) =>
              (opened ? '# /// script\n# a = 1\n' : '') +
              picked.join('\n') +
              (newline ? '\n' : '')
          ),
        { numRuns: 400, seed: 723 }
      );
      const expected = python(
        `${PY_BLOCKS}\nprint(json.dumps([blocks(s) for s in json.load(sys.stdin)]))`,
        sources
      );
      const actual = sources.map(source =>
        findMetadataBlocks(source).map(({ type, start, end, content }) => ({
          type,
          start,
          end,
          content
        }))
      );
      expect(actual).toEqual(expected);
      // The generator does make blocks.
      expect(actual.filter(found => found.length > 0).length).toBeGreaterThan(
        30
      );
    });
  }
);

describe('readPep723', () => {
  it("reads juv's cell: dependencies, requires-python and exclude-newer", () => {
    const cells = [
      code(JUV_BLOCK, { metadata: { jupyter: { source_hidden: true } } }),
      code('import polars')
    ];
    const { block, problems } = readPep723(cells);
    expect(problems).toEqual([]);
    expect(block).not.toBeNull();
    expect(block!.cell).toBe(0);
    expect(block!.editable).toBe(true);
    expect(block!.metadata.requiresPython).toBe('>=3.12');
    expect(block!.metadata.excludeNewer).toBe('2024-10-01T00:00:00-04:00');
    expect(
      block!.metadata.dependencies.map(({ name, specifier, version }) => [
        name,
        specifier,
        version
      ])
    ).toEqual([
      ['anywidget', '', null],
      ['polars', '==1.9.0', '1.9.0']
    ]);
  });

  it('reads a source stored as a list of lines, in any code cell', () => {
    const cells = [
      markdown('# Title'),
      code('x = 1'),
      code(['# /// script\n', '# dependencies = ["rich"]\n', '# ///'])
    ];
    expect(readPep723(cells).block?.cell).toBe(2);
    expect(
      readPep723(cells).block?.metadata.dependencies.map(d => d.name)
    ).toEqual(['rich']);
  });

  it('reads TOML as people write it: multi-line arrays, comments, single quotes, trailing commas, extras and markers', () => {
    const source = [
      '# /// script',
      '# dependencies = [ # what the analysis needs',
      "#   'numpy >= 1.26',",
      '#   "pandas[excel,plot] == 2.2.2",  # pinned',
      '#   "tomli; python_version < \'3.11\'",',
      '#',
      '# ]',
      "# requires-python = '>= 3.9'",
      '# ///'
    ].join('\n');
    const { block, problems } = readPep723([code(source)]);
    expect(problems).toEqual([]);
    expect(block!.metadata.requiresPython).toBe('>= 3.9');
    expect(block!.metadata.dependencies).toEqual([
      expect.objectContaining({
        name: 'numpy',
        specifier: '>=1.26',
        version: null
      }),
      expect.objectContaining({
        name: 'pandas',
        extras: ['excel', 'plot'],
        specifier: '==2.2.2',
        version: '2.2.2'
      }),
      expect.objectContaining({
        name: 'tomli',
        specifier: '',
        marker: "python_version < '3.11'"
      })
    ]);
  });

  it('ignores blocks in markdown and raw cells, as juv does', () => {
    const cells: ICellLike[] = [
      markdown(JUV_BLOCK),
      { cell_type: 'raw', source: JUV_BLOCK }
    ];
    expect(readPep723(cells)).toEqual({ block: null, problems: [] });
  });

  it('reads the first of several blocks and says PEP 723 allows one', () => {
    const twoInOne = `${JUV_BLOCK}\nx = 1\n${JUV_BLOCK.replace('anywidget', 'rich')}`;
    const inOneCell = readPep723([code(twoInOne)]);
    expect(inOneCell.block!.metadata.dependencies[0].name).toBe('anywidget');
    expect(inOneCell.problems).toEqual([
      'Cell 1 has 2 "# /// script" blocks; PEP 723 allows one, and the first is used.'
    ]);

    const inThreeCells = readPep723([
      markdown('# T'),
      code(JUV_BLOCK),
      code('x'),
      code(JUV_BLOCK),
      code(JUV_BLOCK)
    ]);
    expect(inThreeCells.block!.cell).toBe(1);
    expect(inThreeCells.problems).toEqual([
      'Cells 4, 5 also have a "# /// script" block; juv uses only the one in cell 2.'
    ]);
  });

  it('says when a block is never closed, and reads none', () => {
    expect(
      readPep723([code('# /// script\n# dependencies = []\nimport os')])
    ).toEqual({
      block: null,
      problems: [
        'Cell 1 opens a "# /// script" block that is never closed with "# ///"; it is ignored.'
      ]
    });
  });

  it('reports TOML it cannot read with the line of the cell, and reads what it can', () => {
    const source = [
      'x = 1',
      '# /// script',
      '# dependencies = ["rich"]',
      '# requires-python = >=3.11',
      '# ///'
    ].join('\n');
    const { block, problems } = readPep723([code(source)]);
    expect(problems).toEqual(['Cell 1, line 4: expected a value, found ">".']);
    expect(block!.editable).toBe(false);
    expect(block!.metadata.dependencies.map(d => d.name)).toEqual(['rich']);
  });

  it.each([
    [
      'dependencies = "numpy"',
      '"dependencies" is "numpy", not a list of requirements'
    ],
    [
      'dependencies = ["numpy", 3, "not a requirement!"]',
      'the number 3 in "dependencies" is not a requirement'
    ],
    [
      'requires-python = 3.11',
      '"requires-python" is the number 3.11, not a version specifier such as ">=3.11"'
    ],
    [
      'requires-python = "3.11"',
      '"requires-python" is "3.11", not a version specifier such as ">=3.11"'
    ],
    [
      '[tool.uv]\nexclude-newer = true',
      '"tool.uv.exclude-newer" is the boolean true, not a time'
    ]
  ])('reports values of the wrong kind: %s', (toml, message) => {
    const source = [
      '# /// script',
      ...toml.split('\n').map(line => `# ${line}`),
      '# ///'
    ].join('\n');
    const { block, problems } = readPep723([code(source)]);
    expect(problems[0]).toBe(`Cell 1: ${message}.`);
    expect(block!.editable).toBe(true);
  });

  it('never throws on the generated bad notebooks, nor on cells of any shape', () => {
    const cellsOf = (notebook: unknown): ICellLike[] => {
      const cells = isJSONObject(notebook) ? notebook.cells : undefined;
      return Array.isArray(cells)
        ? cells.map(cell =>
            isJSONObject(cell)
              ? { ...cell, cell_type: cell.cell_type }
              : { cell_type: null }
          )
        : [];
    };
    const strange: ICellLike[] = [
      { cell_type: 'code', source: 42 },
      { cell_type: 'code', source: null },
      {
        cell_type: 'code',
        source: ['# /// script\n', 7, '# a = [[[[[[[[\n', '# ///']
      },
      { cell_type: 'code' }
    ];
    for (const { notebook } of generateBadNotebooks({
      seed: 723,
      small: true
    })) {
      const cells = cellsOf(notebook);
      expect(() => readPep723(cells)).not.toThrow();
      expect(() =>
        upsertPep723(cells, { numpy: '1.26.4' }, '>=3.11')
      ).not.toThrow();
      expect(() => withoutPep723Cell(cells)).not.toThrow();
    }
    expect(readPep723(strange).problems).toEqual([
      'Cell 3, line 2: the array is never closed with "]".'
    ]);
    const deep = code(`# /// script\n# a = ${'['.repeat(100000)}\n# ///`);
    expect(readPep723([deep]).problems).toEqual([
      'Cell 1, line 2: values nest more than 64 deep; the rest is not read.'
    ]);
  });
});

describe('pep723Cell', () => {
  it("writes juv's layout: a hidden code cell holding the block alone", () => {
    const cell = pep723Cell(
      { 'scikit-learn': '1.5.0', numpy: '1.26.4', tomli: '' },
      '>=3.11'
    );
    expect(cell).toEqual({
      cell_type: 'code',
      execution_count: null,
      metadata: { jupyter: { source_hidden: true } },
      outputs: [],
      source: [
        '# /// script',
        '# requires-python = ">=3.11"',
        '# dependencies = [',
        '#     "numpy==1.26.4",',
        '#     "scikit-learn==1.5.0",',
        '#     "tomli",',
        '# ]',
        '# ///'
      ].join('\n')
    });
  });

  it('writes "dependencies = []" without packages, and no requires-python without a Python', () => {
    expect(pep723Cell({}, null).source).toBe(
      '# /// script\n# dependencies = []\n# ///'
    );
  });

  it('leaves out names that are not package names and does not pin versions that are not versions', () => {
    const cell = pep723Cell(
      { 'evil"name': '1', 'ok-pkg': '1.0"\n# ///', PyYAML: '6.0.1' },
      null
    );
    expect(cell.source).toBe(
      '# /// script\n# dependencies = [\n#     "ok-pkg",\n#     "PyYAML==6.0.1",\n# ]\n# ///'
    );
  });
});

describe('upsertPep723', () => {
  it('inserts a new cell before the first code cell, so a title stays on top', () => {
    const plan = upsertPep723(
      [markdown('# Title'), code('import numpy')],
      { numpy: '1.26.4' },
      '>=3.11'
    );
    expect(plan.action).toBe('insert');
    expect(plan.index).toBe(1);
    expect(plan.cell).toEqual(pep723Cell({ numpy: '1.26.4' }, '>=3.11'));
    expect(plan.source).toBe(plan.cell!.source);
    expect(plan.diff.added.map(r => r.text)).toEqual(['numpy==1.26.4']);
    expect(plan.requiresPython).toEqual({ before: null, after: '>=3.11' });
    expect(plan.problems).toEqual([]);
  });

  it('inserts at the end of a notebook without code cells', () => {
    expect(
      upsertPep723([markdown('# T'), markdown('text')], {}, null).index
    ).toBe(2);
    expect(upsertPep723([], {}, null).index).toBe(0);
  });

  it('rewrites only dependencies and requires-python of an existing block, keeping the rest of the cell', () => {
    const source = `${JUV_BLOCK.replace('# ]', '# ]  # keep this comment')}\nimport polars as pl`;
    const cells = [markdown('# T'), code(source)];
    const plan = upsertPep723(
      cells,
      { polars: '1.10.0', numpy: '2.0.0' },
      '>=3.11'
    );
    expect(plan.action).toBe('replace');
    expect(plan.index).toBe(1);
    expect(plan.cell).toBeNull();
    expect(plan.source).toBe(
      [
        '# /// script',
        '# requires-python = ">=3.11"',
        '# dependencies = [',
        '#     "numpy==2.0.0",',
        '#     "polars==1.10.0",',
        '# ]  # keep this comment',
        '#',
        '# [tool.uv]',
        '# exclude-newer = "2024-10-01T00:00:00-04:00"',
        '# ///',
        'import polars as pl'
      ].join('\n')
    );
    expect(plan.requiresPython).toEqual({ before: '>=3.12', after: '>=3.11' });
    expect(plan.diff.added.map(r => r.text)).toEqual(['numpy==2.0.0']);
    expect(plan.diff.removed.map(r => r.text)).toEqual(['anywidget']);
    expect(
      plan.diff.changed.map(({ before, after }) => [before.text, after.text])
    ).toEqual([['polars==1.9.0', 'polars==1.10.0']]);
  });

  it('keeps requires-python when no Python is given, and adds missing keys at the top', () => {
    const keep = upsertPep723(
      [code('# /// script\n# requires-python = ">=3.8"\n# ///')],
      { rich: '13.7.1' },
      null
    );
    expect(keep.source).toBe(
      '# /// script\n# requires-python = ">=3.8"\n# dependencies = [\n#     "rich==13.7.1",\n# ]\n# ///'
    );
    expect(keep.requiresPython).toEqual({ before: '>=3.8', after: '>=3.8' });

    const add = upsertPep723(
      [
        code('# /// script\n# [tool.uv]\n# exclude-newer = "2024-01-01"\n# ///')
      ],
      {},
      '>=3.11'
    );
    expect(add.source).toBe(
      '# /// script\n# requires-python = ">=3.11"\n# dependencies = []\n# [tool.uv]\n# exclude-newer = "2024-01-01"\n# ///'
    );
  });

  it('never duplicates the block: applying the plan and planning again changes nothing', () => {
    const cells = [markdown('# T'), code('import rich')];
    const first = upsertPep723(cells, { rich: '13.7.1' }, '>=3.11');
    const after = [...cells];
    after.splice(first.index, 0, first.cell!);
    const second = upsertPep723(after, { rich: '13.7.1' }, '>=3.11');
    expect(second.action).toBe('unchanged');
    expect(second.index).toBe(1);
    expect(second.source).toBe(first.source);
    expect(second.diff.unchanged.map(r => r.text)).toEqual(['rich==13.7.1']);

    const updated = upsertPep723(after, { rich: '14.0.0' }, '>=3.11');
    expect(updated.action).toBe('replace');
    after[updated.index] = { ...after[updated.index], source: updated.source };
    expect(
      readPep723(after).block!.metadata.dependencies.map(r => r.text)
    ).toEqual(['rich==14.0.0']);
    expect(after.filter(cell => isPep723Cell(cell))).toHaveLength(1);
  });

  it('leaves a block alone that declares the same, however it is spelled', () => {
    const source =
      "# /// script\n# dependencies = ['tomli', 'NumPy == 1.26.4']  # mine\n# requires-python = '>=3.11'\n# ///";
    const plan = upsertPep723(
      [code(source)],
      { numpy: '1.26.4', tomli: '' },
      '>=3.11'
    );
    expect(plan.action).toBe('unchanged');
    expect(plan.source).toBe(source);
    expect(plan.diff.unchanged.map(r => r.name)).toEqual(['numpy', 'tomli']);
  });

  it('replaces a block whose TOML cannot be read whole, and says so', () => {
    const plan = upsertPep723(
      [code('# /// script\n# dependencies = [\n# ///')],
      { rich: '1' },
      null
    );
    expect(plan.action).toBe('replace');
    expect(plan.source).toBe(
      '# /// script\n# dependencies = [\n#     "rich==1",\n# ]\n# ///'
    );
    expect(plan.problems).toEqual([
      'The PEP 723 block in cell 1 is not valid TOML (line 2: the array is never closed with "]"); it is replaced whole.'
    ]);
  });

  it('updates the block juv reads and reports the others, which stay', () => {
    const cells = [code(JUV_BLOCK), code(JUV_BLOCK)];
    const plan = upsertPep723(cells, { 'bad name': '1' }, null);
    expect(plan.index).toBe(0);
    expect(plan.problems).toEqual([
      'Cell 2 also has a "# /// script" block; juv uses only the one in cell 1.',
      '"bad name" is not a package name; it is left out.'
    ]);
  });
});

describe('a round trip', () => {
  const name = fc
    .tuple(
      fc.stringMatching(/^[A-Za-z0-9]$/),
      fc.stringMatching(/^[A-Za-z0-9._-]{0,10}$/),
      fc.stringMatching(/^[A-Za-z0-9]$/)
    )
    .map(([a, b, c]) => a + b + c);
  const version = fc.oneof(
    fc.constant(''),
    fc.stringMatching(
      /^[0-9]{1,3}(\.[0-9]{1,3}){0,3}((a|b|rc|\.post|\.dev)[0-9]{1,2})?(\+[a-z0-9]{1,4})?$/
    )
  );

  it('reads back the packages a written cell declares', () => {
    fc.assert(
      fc.property(
        fc.dictionary(name, version, { maxKeys: 8 }),
        fc.option(fc.constantFrom('>=3.9', '>=3.11', '>=3.8,<3.13')),
        (packages, python) => {
          const cell = pep723Cell(packages, python);
          const read = readPep723([markdown('# T'), cell]);
          expect(read.problems).toEqual([]);
          const declared = Object.fromEntries(
            read.block!.metadata.dependencies.map(d => [
              d.name,
              d.version ?? ''
            ])
          );
          // Names that differ only by PEP 503 normalisation are one package.
          const keys = new Set(
            read.block!.metadata.dependencies.map(d => d.key)
          );
          expect(keys.size).toBe(read.block!.metadata.dependencies.length);
          for (const [name, version] of Object.entries(declared)) {
            expect(packages[name]).toBe(version);
          }
          expect(read.block!.metadata.requiresPython).toBe(python);
          expect(upsertPep723([cell], packages, python).action).toBe(
            'unchanged'
          );
        }
      ),
      { numRuns: 200, seed: 723 }
    );
  });
});

describePython(
  `Python 3.11's tomllib reads the cells we write${SKIPPED}`,
  () => {
    const script = `${PY_BLOCKS}
import tomllib
out = []
for source in json.load(sys.stdin):
    found = [b for b in blocks(source) if b["type"] == "script"]
    meta = tomllib.loads(found[0]["content"]) if len(found) == 1 else None
    out.append({"blocks": len(found), "meta": meta})
print(json.dumps(out))
`;

    it('into the expected dependencies and requires-python, for a new cell and an updated one', () => {
      const packages = {
        numpy: '1.26.4',
        'scikit-learn': '1.5.0',
        tomli: '',
        'zope.interface': '6.4.post2'
      };
      const inserted = pep723Cell(packages, '>=3.11').source;
      const updated = upsertPep723(
        [code(`${JUV_BLOCK}\nimport numpy`)],
        packages,
        '>=3.11'
      ).source;
      const [fresh, edited] = python(script, [inserted, updated]);
      const expected = {
        'requires-python': '>=3.11',
        dependencies: [
          'numpy==1.26.4',
          'scikit-learn==1.5.0',
          'tomli',
          'zope.interface==6.4.post2'
        ]
      };
      expect(fresh).toEqual({ blocks: 1, meta: expected });
      expect(edited).toEqual({
        blocks: 1,
        meta: {
          ...expected,
          tool: { uv: { 'exclude-newer': '2024-10-01T00:00:00-04:00' } }
        }
      });
    });

    it('with strings that need escaping, which read back the same', () => {
      const strange = [
        'quote " and \\ backslash',
        'tab\tnew\nline',
        'line\u2028sep\x85\x7f',
        'emoji 🐍 lone \ud800'
      ];
      const sources = strange.map(
        text => `# /// script\n# requires-python = ${tomlString(text)}\n# ///`
      );
      const read = python(script, sources);
      expect(read.map((r: any) => r.meta['requires-python'])).toEqual(
        strange.map(text => text.replace('\ud800', '\ufffd'))
      );
    });
  }
);

describe('the PEP 723 cell is exempt from consecutiveness and import inference', () => {
  const cells = [
    markdown('# T'),
    code(pep723Cell({ numpy: '1.26.4' }, '>=3.11').source),
    code('import numpy', { execution_count: 1 }),
    code('print(numpy.pi)', { execution_count: 2 })
  ];

  it('tells the PEP 723 cell from other cells', () => {
    expect(cells.map(isPep723Cell)).toEqual([false, true, false, false]);
    expect(isPep723Cell(code(`\n${JUV_BLOCK}\n\n`))).toBe(true);
    expect(isPep723Cell(code(`${JUV_BLOCK}\nimport polars`))).toBe(false);
    expect(isPep723Cell(markdown(JUV_BLOCK))).toBe(false);
    expect(isPep723Cell(code('# /// pyproject\n# a = 1\n# ///'))).toBe(false);
    // Blank lines before it, of any blanks trim takes; anything else not.
    expect(isPep723Cell(code(`\t\n\u00a0\u3000\n${JUV_BLOCK}`))).toBe(true);
    expect(isPep723Cell(code(`\u00a0x\n${JUV_BLOCK}`))).toBe(false);
    expect(isPep723Cell(code(`x\n${JUV_BLOCK}`))).toBe(false);
    expect(isPep723Cell(code(`# c\n${JUV_BLOCK}`))).toBe(false);
    expect(isPep723Cell(code('\n \t'))).toBe(false);
  });

  it('empties it in place, so indices stay and nbproject rule skips it', () => {
    expect(consecutivenessReport(cells).consecutive).toBe(false);
    const exempt = withoutPep723Cell(cells);
    expect(exempt).toHaveLength(cells.length);
    expect(joinSource(exempt[1].source)).toBe('');
    expect(exempt[2]).toBe(cells[2]);
    expect(consecutivenessReport(exempt)).toEqual({
      consecutive: true,
      violations: [],
      cells: []
    });
    expect(consecutivenessReport(exempt, { mode: 'strict' }).cells).toEqual([]);
    expect(notebookImports(exempt, parser).modules.map(m => m.name)).toEqual([
      'numpy'
    ]);
  });

  it('returns the same list when there is no PEP 723 cell, or when it ran', () => {
    const plain = [code('x = 1')];
    expect(withoutPep723Cell(plain)).toBe(plain);
    const ran = [
      code(JUV_BLOCK, { execution_count: 1 }),
      code('import numpy', { execution_count: 2 })
    ];
    expect(withoutPep723Cell(ran)).toBe(ran);
    expect(consecutivenessReport(withoutPep723Cell(ran)).consecutive).toBe(
      true
    );
  });
});

describe('requiresPythonFor', () => {
  it.each([
    ['3.11.7', '>=3.11'],
    ['3.13.0rc1', '>=3.13'],
    ['3.9', '>=3.9'],
    ['4', null],
    ['', null],
    [3.11, null],
    [null, null]
  ])('%j gives %j', (version, expected) => {
    expect(requiresPythonFor(version)).toBe(expected);
  });
});
