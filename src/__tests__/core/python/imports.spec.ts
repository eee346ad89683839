// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import fc from 'fast-check';

import { importedDistributions } from '../../../core/packages/distributions';
import { findImports, notebookImports } from '../../../core/python/imports';
import type { ICellLike } from '../../../core/notebook/cells';
import { SCAN_LIMITS } from '../../../core/common/scanLimits';
import { stdlibModuleNames } from '../../../core/python/stdlib';
import { caseNotebookCells, describeConformance } from '../../conformance';
import { parser } from '@lezer/python';
import { ipythonToPython } from '../../../core/python/ipython';

const modules = (source: string) => findImports(source, parser).modules;
const sorted = (names: readonly string[]) => [...names].sort();

describeConformance('nbproject conformance: imports', cases => {
  it.each(cases.imports.map(c => [c.source, c] as const))(
    'finds the modules a user expects in %j',
    (_, c) => {
      expect(modules(c.source)).toEqual(c.modules);
    }
  );

  const agreeing = cases.imports.filter(c => c.note === undefined);
  it.each(agreeing.map(c => [c.source, c] as const))(
    'maps %j to the distributions nbproject reports',
    (_, c) => {
      expect(sorted(importedDistributions(c.modules))).toEqual(
        sorted(c.nbproject as string[])
      );
    }
  );

  it.each(cases.notebooks.map(c => [c.file, c] as const))(
    "gives nbproject's packages for the real notebook %s",
    (_, c) => {
      const found = notebookImports(caseNotebookCells(c.file), parser);
      const names = found.modules.map(m => m.name);
      expect(sorted(importedDistributions(names))).toEqual(
        sorted(c.nbproject.packages)
      );
    }
  );
});

describe('findImports reads IPython cells as IPython does', () => {
  it.each([
    ['%%bash\nimport foo', []],
    ['%%sh\nimport foo', []],
    ['%%html\n<script>import x from "y"</script>', []],
    ['%%javascript\nimport x from "y"', []],
    ['%%writefile helper.py\nimport requests', []],
    ['%%sql\nimport x', []],
    ['%%unknown_magic\nimport foo', []],
    ['\n  %%markdown\nimport foo', []],
    ['%%capture out --no-stderr\nimport seaborn', ['seaborn']],
    ['%%timeit -n 3 -r 2 import numpy as np\nnp.zeros(3)', ['numpy']],
    ['%%prun -s cumulative\nimport polars', ['polars']],
    ['%timeit -n10 -r 3 import scipy', ['scipy']],
    ['%prun -l 5 -s time import numba', ['numba']],
    ['%time from tqdm import tqdm', ['tqdm']],
    ['%load_ext autoreload\n%autoreload 2\nimport mylib', ['mylib']],
    ['x = 1\n%%time\nimport late', ['late']]
  ])('%j imports %j', (source, expected) => {
    expect(modules(source)).toEqual(expected);
  });

  it('blanks shell lines, output captures and help lines but keeps the rest', () => {
    const source = [
      '!ls -la',
      '!!pwd',
      'files = !ls *.csv',
      'out, err = %sx ls',
      'np.mean?',
      'np.mean??',
      '?np',
      '%timeit?',
      'import numpy as np',
      'if True:',
      '    !echo inside',
      '    import pandas'
    ].join('\n');
    expect(findImports(source, parser)).toEqual({
      modules: ['numpy', 'pandas'],
      installs: []
    });
  });

  it('keeps magic-like lines inside strings and bracket continuations', () => {
    const source = [
      'query = """',
      '%s',
      '!important"""',
      'x = (10',
      '     % 3)',
      'ok = (a',
      '      != b)',
      'import after'
    ].join('\n');
    expect(modules(source)).toEqual(['after']);
  });

  it('ignores imports in strings and comments', () => {
    expect(
      modules(
        '# import commented\ns = "import quoted"\nt = """\nimport doc\n"""'
      )
    ).toEqual([]);
  });

  it('keeps imports before a syntax error and after one', () => {
    expect(modules('import before\ndef (:\nimport after')).toEqual([
      'after',
      'before'
    ]);
  });

  it('leaves out relative imports, the standard library and __main__', () => {
    expect(
      modules(
        'from . import a\nfrom .b import c\nfrom ..d.e import f\nfrom ... import g\n' +
          'import os.path, tomllib, distutils, _pydatetime\nimport __main__\nfrom __future__ import annotations'
      )
    ).toEqual([]);
  });

  it('reads an import continued after its line, or inside a bracket or string that closes later', () => {
    expect(modules('import a, \\\n    b\nvalue = 1')).toEqual(['a', 'b']);
    expect(modules('import a; \\\r\nimport_b = 1\n')).toEqual(['a']);
    expect(modules('x = [\nimport_a,\n]\nimport b')).toEqual(['b']);
    expect(modules('s = """\nimport quoted\n"""\nvalue = 1')).toEqual([]);
    expect(modules('if x:\n    import a\n    y = 1\nelse:\n    z = 2')).toEqual(
      ['a']
    );
  });

  it('reads CRLF sources, unicode names and indented cells', () => {
    expect(modules('%matplotlib inline\r\nimport numpy\r\n')).toEqual([
      'numpy'
    ]);
    expect(modules('import données')).toEqual(['données']);
    expect(modules('    import indented')).toEqual(['indented']);
  });
});

describe('findImports reports package installs as an environment smell', () => {
  it.each([
    '%pip install numpy',
    '!pip install -q torch==2.1',
    '!pip3 install x',
    '%conda install -y -c conda-forge scanpy',
    '!conda install x',
    '%mamba install x',
    '!micromamba install x',
    '%uv pip install polars',
    '!uv pip install polars',
    '!python -m pip install x',
    '!python3.11 -m pip install x',
    '!{sys.executable} -m pip install x',
    '!sudo pip install x',
    '!pip -q install x',
    'out = !pip install x'
  ])('reports %j', line => {
    expect(findImports(`import a\n  ${line}  \nimport b`, parser)).toEqual({
      modules: ['a', 'b'],
      installs: [line]
    });
  });

  it.each([
    '%pip list',
    '!pip freeze',
    '!apt-get install x',
    '%conda env list',
    '!pip show x'
  ])('does not report %j', line => {
    expect(findImports(line, parser).installs).toEqual([]);
  });

  it('reports installs in shell cell magics, whose imports do not count', () => {
    expect(
      findImports(
        '%%bash\npip install foo\nconda install bar\nimport foo',
        parser
      )
    ).toEqual({
      modules: [],
      installs: ['pip install foo', 'conda install bar']
    });
  });
});

describe('notebookImports', () => {
  it('gives each module the code cells importing it, and install lines with their cell', () => {
    const cells: ICellLike[] = [
      { cell_type: 'markdown', source: 'import not_code' },
      {
        cell_type: 'code',
        id: 'c1',
        source: ['import pandas as pd\n', 'import numpy']
      },
      { cell_type: 'raw', source: 'import not_code' },
      { cell_type: 'code', source: '%pip install pandas\nimport pandas' },
      { cell_type: 'code', id: 'c4', source: null }
    ];
    expect(notebookImports(cells, parser)).toEqual({
      modules: [
        { name: 'numpy', cells: [1], cellIds: ['c1'] },
        { name: 'pandas', cells: [1, 3], cellIds: ['c1', null] }
      ],
      installs: [{ cell: 3, cellId: null, line: '%pip install pandas' }]
    });
  });
});

describe('modules named like Object properties', () => {
  it('are modules like any other', () => {
    const cells: ICellLike[] = [
      {
        cell_type: 'code',
        source: 'import __proto__, constructor\nfrom toString import x'
      },
      { cell_type: 'code', source: 'import constructor' }
    ];
    expect(notebookImports(cells, parser).modules).toEqual([
      { name: '__proto__', cells: [0], cellIds: [null] },
      { name: 'constructor', cells: [0, 1], cellIds: [null, null] },
      { name: 'toString', cells: [0], cellIds: [null] }
    ]);
  });
});

describe('cells too long or too deeply nested to parse', () => {
  const nested = (depth: number) =>
    `import numpy\nx = ${'('.repeat(depth)}1${')'.repeat(depth)}`;

  it('parses brackets nested as deep as Python allows (200), and says why it does not beyond', () => {
    expect(findImports(nested(200), parser)).toEqual({
      modules: ['numpy'],
      installs: []
    });
    expect(findImports(nested(201), parser)).toEqual({
      modules: [],
      installs: [],
      unparsed: 'nested'
    });
    // Brackets in strings and comments do not count.
    expect(
      findImports(
        `import numpy\ns = "${'('.repeat(300)}"  # ${'['.repeat(300)}`,
        parser
      ).modules
    ).toEqual(['numpy']);
  });

  it('does not parse a cell longer than 100,000 characters, but still finds its install lines', () => {
    const long = `%pip install rich\nimport rich\n${'x = 1\n'.repeat(SCAN_LIMITS.maxParsedCell / 6)}`;
    expect(findImports(long, parser)).toEqual({
      modules: [],
      installs: ['%pip install rich'],
      unparsed: 'long'
    });
    expect(
      findImports(long, parser, { ...SCAN_LIMITS, maxParsedCell: Infinity })
        .modules
    ).toEqual(['rich']);
    // A long cell that imports nothing loses nothing.
    expect(
      findImports('y = 2\n'.repeat(SCAN_LIMITS.maxParsedCell / 6), parser)
    ).toEqual({ modules: [], installs: [] });
  });

  it("lists the cells it did not parse in the notebook's imports", () => {
    const cells: ICellLike[] = [
      { cell_type: 'code', source: 'import pandas' },
      { cell_type: 'markdown', source: nested(300) },
      { cell_type: 'code', source: nested(300) }
    ];
    expect(notebookImports(cells, parser)).toEqual({
      modules: [{ name: 'pandas', cells: [0], cellIds: [null] }],
      installs: [],
      unparsed: [{ cell: 2, reason: 'nested' }]
    });
  });
});

describe('import parsing properties', () => {
  const ipythonish = fc.stringOf(
    fc.oneof(
      fc.constantFrom(
        'import ',
        'from ',
        ' as ',
        '.',
        ',',
        '(',
        ')',
        '\n',
        '    ',
        '%',
        '%%',
        '!',
        '?',
        '"""',
        "'''",
        '"',
        "'",
        '#',
        '\\',
        'pip install ',
        'time ',
        'bash\n',
        ':',
        'def ',
        'x'
      ),
      fc.fullUnicode()
    ),
    { maxLength: 60 }
  );

  it('never throws on arbitrary text, unicode included', () => {
    fc.assert(
      fc.property(fc.oneof(fc.fullUnicodeString(), ipythonish), source => {
        const found = findImports(source, parser);
        expect(found.modules).toEqual([...new Set(found.modules)].sort());
        expect(found.modules.some(name => stdlibModuleNames.has(name))).toBe(
          false
        );
      }),
      { numRuns: 3000 }
    );
  });

  it('finds what parsing the whole cell finds, though it stops after the last import line when it can', () => {
    // The reference: the whole cell parsed, each import statement's modules.
    const wholeCell = (source: string) => {
      const { code } = ipythonToPython(source);
      const found = new Set<string>();
      parser.parse(code).iterate({
        enter: node => {
          if (node.name !== 'ImportStatement') {
            return true;
          }
          const text = code.slice(node.from, node.to).replace(/\\\r?\n/g, ' ');
          const from = /^from\s+(\w+)/.exec(text);
          const names = from
            ? [from[1]]
            : text
                .replace(/^import\s+/, '')
                .split(',')
                .map(part => /^\s*(\w+)/.exec(part)?.[1]);
          for (const name of names) {
            // The lines' modules are one letter; longer words are keywords.
            if (name?.length === 1) {
              found.add(name);
            }
          }
          return false;
        }
      });
      return [...found].sort();
    };
    const line = fc.constantFrom(
      'import a',
      'import a, \\',
      '    b',
      'from c import (',
      '    d)',
      'e = [',
      ']',
      's = """',
      '"""',
      'if x:',
      '    import f',
      'else:',
      'g = 1',
      'h = 1 + \\',
      '# import no',
      'k = 1  # \\',
      '  ',
      ''
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), lines => {
        const source = lines.join('\n');
        expect(modules(source)).toEqual(wholeCell(source));
      }),
      { numRuns: 2000 }
    );
  });

  it('does not lose an import because of anything written after it', () => {
    const name = fc
      .stringMatching(/^[a-z][a-z0-9_]{0,8}$/)
      .filter(
        n =>
          !stdlibModuleNames.has(n) &&
          !/^(if|in|is|or|as|and|def|del|for|not|try|else|elif|from|with|pass|class|while|yield|print|raise|async|await|break|return|import|global|lambda|except|assert|finally|continue|nonlocal|match|case|type|exec)$/.test(
            n
          )
      );
    fc.assert(
      fc.property(name, ipythonish, (module, junk) => {
        expect(modules(`import ${module}\n${junk}`)).toContain(module);
      }),
      { numRuns: 1000 }
    );
  });
});
