// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import fc from 'fast-check';
import * as path from 'path';
import { parser } from '@lezer/python';

import { NotebookAnalysis } from '../../../core/notebook/analysis';
import { cellId, ICellLike, joinSource } from '../../../core/notebook/cells';
import { scanImports } from '../../../core/python/importScan';
import {
  collectImports,
  findImports,
  findImportsParsing,
  ICellImports
} from '../../../core/python/imports';
import { ipythonToPython } from '../../../core/python/ipython';
import { PARSER_CUTOFF } from '../../../core/python/nameScan';
import { PythonTrees } from '../../../core/python/trees';
import { SCAN_LIMITS } from '../../../core/common/scanLimits';
import { CASES_PATH, describeConformance } from '../../conformance';
import {
  codeSources,
  generated,
  notebookCells,
  specStrings
} from './cellCorpus';
import { ROOT } from '../../../../testutils/paths';

/**
 * The parser, counting the parses it starts.
 */
function countingParser(): { parser: typeof parser; parses: () => number } {
  const counting = Object.create(parser) as typeof parser;
  let parses = 0;
  counting.startParse = (...args: Parameters<typeof parser.startParse>) => {
    parses++;
    return parser.startParse(...args);
  };
  return { parser: counting, parses: () => parses };
}

/**
 * The sources whose imports the fast scan answered (no parse) and the
 * ones it left to the parser, after checking that `findImports` gives
 * what parsing gives, with and without the notebook's shared trees.
 */
function compare(sources: Iterable<string>): {
  answered: string[];
  left: string[];
} {
  const answered: string[] = [];
  const left: string[] = [];
  for (const source of new Set(sources)) {
    const counting = countingParser();
    const fast = findImports(source, counting.parser);
    const reference = findImportsParsing(source, parser);
    // The source with the result, so that a failure shows the cell.
    expect([source, fast]).toEqual([source, reference]);
    const trees = new PythonTrees(parser);
    expect([source, findImports(source, parser, SCAN_LIMITS, trees)]).toEqual([
      source,
      reference
    ]);
    expect([
      source,
      findImportsParsing(source, parser, SCAN_LIMITS, new PythonTrees(parser))
    ]).toEqual([source, reference]);
    if (!fast.unparsed && ipythonToPython(source).code.includes('import')) {
      (counting.parses() === 0 ? answered : left).push(source);
    }
  }
  return { answered, left };
}

/**
 * Import shapes, the code around them, and code the scan must leave to
 * the parser; every one imports something or spells `import`.
 */
const TRICKY = [
  'import numpy',
  'import numpy as np, pandas as pd',
  'import a.b.c as d, e.f, g',
  'import os, sys, numpy',
  'from sklearn.model_selection import train_test_split',
  'from a.b import c as d, e',
  'from a import (b, c as d)',
  'from a import (\n    b,  # why\n    c,\n)',
  'from a import (\n    b,\n    c\n)\nx = b + c',
  'from a import *',
  'from . import x\nfrom .m import y\nfrom .. import z\nfrom ...p import q',
  'from .... import w\nfrom ..a.b import c\nimport real',
  'from __future__ import annotations\nimport __main__\nfrom __main__ import x\nimport numpy',
  'import numpy; import pandas;',
  'x = 1; import numpy',
  'import numpy\n\n\n# import nothing\n',
  '# import comment only',
  'x = "import numpy"\nimport pandas',
  "s = '''\nimport numpy\n'''\nimport pandas",
  's = """import a"""\ns2 = r"\\d import b" + b"import c" + u\'import d\'',
  's = "say \\"import a\\"" + \'it\\\'s import b\'\nimport c',
  'x = "a" "b" f"c"\nimport numpy',
  'try:\n    import orjson as fastjson\nexcept ImportError:\n    fastjson = None',
  'try:\n    import a\nexcept (ImportError, ModuleNotFoundError) as error:\n    import b\nelse:\n    import c\nfinally:\n    import d',
  'try:\n    import a\nexcept:\n    pass',
  'try: import a\nexcept ImportError: a = None',
  'try:\n    import a\nimport b',
  'if x:\n    import a\nelif y:\n    import b\nelse:\n    import c',
  'if sys.version_info >= (3, 8):\n    import importlib.metadata as md\nelse:\n    import importlib_metadata as md',
  'if a and not b or c is not None and d not in e:\n    import f',
  'def f(a, b=1, *args, c=2, **kw):\n    import inner\n    return inner.run(a)',
  'def f(a, /, b, *, c):\n    import g',
  'class C(Base, metaclass=Meta):\n    import h',
  'class D:\n    def m(self):\n        import deep\n        if x:\n            import deeper',
  'with open(p) as f, lock:\n    import w',
  'for i, (a, b) in enumerate(z):\n    import loop\nelse:\n    import done',
  'while not ready():\n    import waiting\nelse:\n    import ready',
  '%matplotlib inline\nimport matplotlib.pyplot as plt',
  '%time import numpy',
  '%%time\nimport numpy',
  '!pip install numpy\nimport numpy',
  '%pip install -q seaborn\nimport seaborn as sns',
  'files = !ls\nimport glob',
  '%%bash\nimport nothing',
  'import numpy as np\nnp.random.seed(0)\nimport pandas as pd\npd.set_option("display.max_columns", None)',
  'import warnings\nwarnings.filterwarnings("ignore")\nimport sys\nsys.path.append("..")\nimport local_pkg',
  'import matplotlib.pyplot as plt\nplt.rcParams["figure.figsize"] = (10, 6)\nimport seaborn',
  'import os\nos.environ["A"] = "1"\nx = {"a": [1, 2.5, -3], "b": {1, 2}, **{}}\nimport b',
  'import a\nx = -y ** -2 + ~z // w % v @ u | t & s ^ r << 1 >> 2\nimport b',
  'import a\nx = a < b <= c == d != e > f >= g\nimport b',
  'import a\nx, y = y, x = z, = 1,\nimport b',
  'import a\nx += 1\ny.z -= 2\nw[0] **= 3\nimport b',
  'import a\ndel a, b.c\nglobal g\nassert a, "msg"\nraise E from e\nimport b',
  'import a\nf(*args, **kwargs)\nf(a, b=1)\ng()\nh(1,)\nimport b',
  'import a\nx = ()\ny = (1,)\nz = []\nw = [1, 2,]\nv = {}\nimport b',
  'import a\nx = a.b(c)[d].e(f)(g)\nimport b',
  'import a\nprint("import b")\nprint(x, file=f)\nimport c',
  'import a\nx = print\nf(print)\nimport b',
  'import a\nmatch_ = 1\ntype_ = 2\nimport b',
  'import a\nx = 1\n  # a comment less indented\nimport b',
  'if x:\n    import a\n# comment at col 0\n    # comment indented\nelse:\n    import b',
  'import numpy\n' + 'x = 1\n'.repeat(200),
  'import numpy\nx = (',
  'import numpy\nx = = 1',
  'import numpy\nprint "x"',
  // Left to the parser:
  'import numpy as np, \\\n    pandas',
  'from a import \\\n    b',
  'import a\nx = 1 \\\n    + 2\nimport b',
  '\timport a',
  'if x:\n\timport a',
  'import a\r\nimport b',
  'import é',
  'import a\nx = "é" + é\nimport b',
  '    import a',
  'import a\n    import b',
  'if x:\n        import a\n    import b',
  'import a,',
  'import (a, b)',
  'from a import b,',
  'from a import ()',
  'from a import b.c',
  'import a.b as c.d',
  'from import a',
  'from a import (b',
  'import a\nprint "x"\nimport b',
  'print\nimport a',
  'import a\nx = = 1\nimport b',
  'import a\nx = (\nimport b',
  'import a\nx = 1 if y else 2\nimport b',
  'import a\nf = lambda: 0\nimport b',
  'import a\nx = [i for i in y]\nimport b',
  'import a\nx = f"{a}"\nimport b',
  'import a\nx: int = 1\nimport b',
  'import a\nx = y[1:2]\nimport b',
  'import a\n@decorator\ndef f(): pass\nimport b',
  'import a\nasync def f():\n    import b',
  'import a\nmatch x:\n    case 1:\n        import b',
  'import a\ntype X = int\nimport b',
  'import a\nmatch = 1\nimport b',
  'import a\nx = 5.\nimport b',
  'import a\nx = 1_000\nimport b',
  'import a\nx = 0x1f\nimport b',
  'import a\nx = 1e5\nimport b',
  'import a\nx = 1if y else 2\nimport b',
  'import a\nx = y := 1\nimport b',
  'import a\nx = "\\N{DASH}"\nimport b',
  'import a\nx = "abc\\\ndef"\nimport b',
  "import a\nx = 'unterminated\nimport b",
  'import a\nx = a == not b\nimport b',
  'import a\nexcept* E:\n    import b',
  'try:\n    import a\nexcept E, e:\n    import b',
  'if x:\n    # import a',
  'if x = 1:\n    import a',
  'while x if y else z:\n    import a',
  'import a\nyield x\nimport b',
  'import a\nawait x\nimport b',
  'import a\nelse: pass\nimport b',
  'import a\n' + 'x = 1\n'.repeat(400) + 'import b'
];

describe('the fast import scan', () => {
  it('gives what the parser gives on import shapes and the code around them, and leaves odd code to it', () => {
    const { answered, left } = compare(TRICKY);
    const oddFrom = TRICKY.indexOf('import numpy as np, \\\n    pandas');
    // A `%%bash` cell is not Python: nothing to read.
    const python = (list: string[]) =>
      list.filter(source => ipythonToPython(source).code.includes('import'));
    expect(left).toEqual(python(TRICKY.slice(oddFrom)));
    expect(answered).toEqual(python(TRICKY.slice(0, oddFrom)));
  });

  it('gives what the parser gives for every source of the import and analysis tests', () => {
    const specs = [
      'core/python/imports.spec.ts',
      'core/notebook/analysis.spec.ts',
      'core/python/trees.spec.ts',
      'core/execution/hiddenState.spec.ts',
      'session/incremental.spec.ts',
      'session/packages.spec.ts'
    ].map(spec => path.join(ROOT, 'src', '__tests__', spec));
    const strings = specs.flatMap(specStrings);
    expect(strings.length).toBeGreaterThan(500);
    const { answered, left } = compare(strings);
    expect(answered.length).toBeGreaterThan(40);
    expect(left.length).toBeGreaterThan(20);
  });

  it('gives what the parser gives on generated notebooks, and answers nearly every cell that imports', () => {
    // The generator's large cells: imports, then much analysis code.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { generateLarge } = require(path.join(ROOT, 'bench', 'generate.js'));
    const { cells } = generateLarge(10) as { cells: ICellLike[] };
    const sources = codeSources([...generated([200, 2_000, 10_000]), cells]);
    const { answered, left } = compare(sources);
    expect(answered.length).toBeGreaterThan(1_000);
    // The speed of the notebook analysis rests on this.
    expect(answered.length / (answered.length + left.length)).toBeGreaterThan(
      0.95
    );
  });

  it('gives what the parser gives on the example and test notebooks', () => {
    const { answered } = compare(
      codeSources([
        ...notebookCells(path.join(ROOT, 'examples')),
        ...notebookCells(path.join(ROOT, 'src', '__tests__', 'fixtures')),
        ...notebookCells(path.join(ROOT, 'ui-tests', 'notebooks'))
      ])
    );
    expect(answered.length).toBeGreaterThan(5);
  });

  it('gives what the parser gives on random lines of imports and code', () => {
    const line = fc.constantFrom(
      'import a',
      'import b.c as d, e',
      'from f.g import (h, i as j)',
      'from . import k',
      'from .l import (m,',
      '    n)',
      'import o,',
      'from p import q.r',
      'if x:',
      '    import s',
      '        import t',
      'else:',
      'try:',
      'except ImportError:',
      'except (A, B) as e:',
      'finally:',
      '    pass',
      'def f(a, b=1, *c, **d):',
      'class C(B):',
      'with open(x) as f:',
      'for i, j in z:',
      'while w:',
      'x = 1',
      'x = "import u"',
      "s = '''",
      "import v'''",
      'y = f(a, b=2)[0].c',
      'print("import w")',
      'print "x"',
      'x = = 1',
      'z = (',
      ')',
      '# import y',
      '',
      '  ',
      'x = 1 if y else 2',
      'x = f"{a}"',
      'x = a == not b',
      'match = 1',
      'x = {1: 2, **d}',
      'x += 1',
      'import z; import zz;',
      '@dec',
      'x = 5.',
      'x = \\',
      '\timport t',
      'if x: import y',
      'try: import yy',
      'x = (a,)',
      'f(x for x in y)',
      'if x = 1:',
      'yield x',
      'else: pass'
    );
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        (lines, newline) => {
          compare([lines.join('\n') + (newline ? '\n' : '')]);
        }
      ),
      { numRuns: 2_000 }
    );
  });

  it('leaves to the parser what it would read from 2,000 characters on', () => {
    const imports = Array.from({ length: 200 }, (_, i) => `import m${i}`).join(
      '\n'
    );
    expect(imports.length).toBeGreaterThan(PARSER_CUTOFF);
    expect(scanImports(imports)).toBeNull();
    expect(scanImports(imports, imports.length, Infinity)).toHaveLength(200);
    // It stops after the line of the last import: the code after it does
    // not count, however long.
    const after = 'import numpy\n' + 'x = 1\n'.repeat(1_000);
    expect(scanImports(after, 'import numpy\n'.length)).toEqual(['numpy']);
    expect(compare([imports, after])).toEqual({
      answered: [after],
      left: [imports]
    });
  });

  it('gives up, without overflowing the stack, on code nested deeper than it reads', () => {
    const deep = (depth: number) =>
      `import a\nx = ${'['.repeat(depth)}1${']'.repeat(depth)}`;
    expect(scanImports(deep(50))).toEqual(['a']);
    expect(scanImports(deep(100_000), Infinity, Infinity)).toBeNull();
    const blocks = Array.from(
      { length: 10_000 },
      (_, i) => `${' '.repeat(i)}if x:`
    ).join('\n');
    expect(
      scanImports(
        `${blocks}\n${' '.repeat(10_000)}import a`,
        Infinity,
        Infinity
      )
    ).toBeNull();
  });

  it('reads past the last import line only to close its brackets', () => {
    const code = 'from a import (\n    b,\n)\nx = ((\n';
    expect(scanImports(code, 'from a import (\n'.length)).toEqual(['a']);
    expect(scanImports(code)).toBeNull();
  });

  it('is what findImports answers, and findImports parses what it leaves', () => {
    const counting = countingParser();
    expect(findImports('import numpy', counting.parser).modules).toEqual([
      'numpy'
    ]);
    expect(counting.parses()).toBe(0);
    expect(
      findImports('import numpy\nx = lambda: 0\nimport pandas', counting.parser)
        .modules
    ).toEqual(['numpy', 'pandas']);
    expect(counting.parses()).toBe(1);
  });
});

describe('the notebook analysis with the fast import scan', () => {
  /**
   * The imports of the code cells, each parsed.
   */
  function parsedImports(cells: readonly ICellLike[]) {
    const perCell: ICellImports[] = [];
    cells.forEach((cell, index) => {
      if (cell.cell_type === 'code') {
        const found = findImportsParsing(joinSource(cell.source), parser);
        perCell.push({ index, id: cellId(cell), found });
      }
    });
    const { unparsed, ...imports } = collectImports(perCell);
    return { ...imports, unparsed: unparsed ?? [] };
  }

  it('gives what parsing every cell gives, at once and after cells change in place', () => {
    const cells = generated([2_000])[0];
    const analysis = new NotebookAnalysis({ parser });
    analysis.update(cells);
    const { modules, installs, unparsed } = analysis.result();
    expect({ modules, installs, unparsed }).toEqual(parsedImports(cells));
    // Edit cells in place with sources the scan reads and sources it
    // leaves to the parser, one or a few at a time.
    const edits = TRICKY.slice(0, 60);
    const current = [...cells];
    for (let i = 0; i < edits.length; i++) {
      const changes = [i, i + 1].map(offset => {
        const index = (offset * 37 + 11) % current.length;
        const source = edits[(i + offset * 50) % edits.length];
        const cell = { ...current[index], cell_type: 'code', source };
        current[index] = cell;
        return { index, cell };
      });
      const result = analysis.changeCells(changes);
      expect({
        modules: result.modules,
        installs: result.installs,
        unparsed: result.unparsed
      }).toEqual(parsedImports(current));
    }
  });
});

describeConformance('the fast import scan on the conformance notebooks', () => {
  it('gives what the parser gives on every code cell', () => {
    const { answered } = compare(
      codeSources(
        notebookCells(path.join(path.dirname(CASES_PATH), 'notebooks'))
      )
    );
    expect(answered.length).toBeGreaterThan(20);
  });
});
