// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import * as path from 'path';
import fc from 'fast-check';

import { ipythonToPython } from '../../../core/python/ipython';
import { ADVERSARIAL } from '../../../../testutils/adversarial';
import { ROOT } from '../../../../testutils/paths';
import { CASES_PATH, describeConformance } from '../../conformance';
import {
  codeSources,
  generated,
  notebookCells,
  specStrings
} from './cellCorpus';
import { referenceIPythonToPython } from './ipythonReference';

/**
 * The reader must give exactly what the reference (the reader before it
 * skipped lines without IPython syntax and read char codes) gives: code,
 * install lines and nesting, on every cell below.
 */

/**
 * The sources on which the reader and the reference differ, each with both
 * readings (none when they agree), after checking the sources are there.
 */
function disagreements(sources: Iterable<string>): unknown[] {
  const unique = [...new Set(sources)];
  expect(unique.length).toBeGreaterThan(0);
  return unique
    .map(source => ({
      source,
      fast: ipythonToPython(source),
      reference: referenceIPythonToPython(source)
    }))
    .filter(({ fast, reference }) => !sameReading(fast, reference));
}

/**
 * Whether two readings are the same, field by field.
 */
function sameReading(
  a: ReturnType<typeof ipythonToPython>,
  b: ReturnType<typeof ipythonToPython>
): boolean {
  return (
    a.code === b.code &&
    a.nesting === b.nesting &&
    a.installs.length === b.installs.length &&
    a.installs.every((line, i) => line === b.installs[i])
  );
}

/**
 * IPython syntax in the places a line-skipping or char-code reader could
 * get wrong.
 */
const TRICKY = [
  '',
  '\n',
  '\n\n\n',
  'x = 1',
  'x = 1\n',
  '%matplotlib inline\nimport numpy as np',
  '!ls -la\nx = 1',
  '!pip install pandas\n!conda install -y numpy',
  '%pip install -q "requests>=2" \nimport requests',
  '!{sys.executable} -m pip install tqdm',
  '!sudo python3 -m pip install x',
  'files = !ls\nx, y = !pwd\na.b = %env HOME',
  'x = %time f()',
  '%time y = 1\n%timeit -n 10 -r 3 z = 2\n%timeit -n10 w = 3\n%prun -s cumulative g()',
  '%timeit -q -o h()',
  '%prun -l 5 -T out.txt k()',
  '%time\n%timeit',
  '%%time\nx = 1\n%pip install y',
  '%%timeit -n 5 setup = 1\nx = setup + 1',
  '%%capture out\nprint(1)',
  '%%bash\npip install x\necho hi\n  conda install y  ',
  '%%sh\n!pip install z',
  '%%!\npip install w',
  '%%html\n<b>(</b>',
  '%%writefile a.py\nimport os',
  '\n\n  %%bash\npip install late',
  '  \n%%time\nx = (1,\n%ls)',
  '%%bash',
  '%%',
  '%',
  '!',
  '?',
  '??',
  'np.mean?',
  'np.mean??',
  '?np.mean',
  '??np',
  '%time?',
  '%%time??',
  'a.b.c?\nd = 1',
  'x = 1 if y else 2  # really?',
  'print("what?")',
  'print("100%")\nz = 5 % 3\nw = a != b',
  's = "!ls"\nt = \'%pip install x\'',
  'x = (1,\n!ls\n%pip install y\n)',
  'f(a,\n  b)?',
  'd = {\n  "k": [\n    (1, 2),\n  ],\n}\n!ls',
  'x = [[[[((({{{}}})))]]]]\n%magic',
  ')))\n!ls\n(((',
  ']]] ((( \n%pip install stays',
  'x = 1 + \\\n!ls\ny = 2',
  'x = 1 + \\ \n!ls',
  'x = 1 + \\  # not a continuation\n!ls',
  '# comment \\\n!ls',
  's = "a\\\n!ls"',
  "s = 'unclosed\n!ls",
  's = """\n!ls\n%pip install no\n"""\n!pip install yes',
  "s = '''\n?help\n''' ; t = 1\n%time u = 2",
  's = """ \\""" still open\n!ls\n"""\n%env X=1',
  's = r"\\\\"\n!ls',
  's = "\\\\\\"" + "(" \n%ls',
  'f"{x!r}"\n!ls',
  'x = "a" "b" \'c\' """d""" \'\'\'e\'\'\'\n!ls',
  '"""\n',
  '"""',
  "'''''",
  '""""""(\n!ls',
  '\\',
  '\\\n\\\n!ls',
  '(\\\n)\n!ls',
  'if x:\n    !ls\n    %time y = 1\n    z?',
  '\t%pip install tabbed',
  'x = 1\r\n!ls\r\n%time y = 1\r\nz?\r\n',
  '%%time\r\nx = (1,\r\n!ls)\r\n',
  'x = 1 \\\r\n!ls',
  '%%bash\r\npip install crlf\r\n',
  'é = "ü"\n!echo ü\n%time π = 3.14',
  '名前 = 1\n名前?\n%time 名前 + 1',
  'x = "🙂(" \n!ls\ny = [🙂,\n%ls]',
  '\u00a0%pip install nbsp',
  '\u2028\n%%bash\npip install after-ls',
  'x = 1\u2028\n!ls',
  'x = 1 \\\u00a0\n!ls',
  'x = 1 \\\u2003\n!ls',
  '\ufeff!ls',
  'x = 1;!ls',
  'x=!ls',
  'x = ! ls',
  'x == !ls',
  'a, b.c = %sx ls',
  '1x = !ls',
  '%load_ext autoreload\n%autoreload 2',
  '%env',
  '!!ls',
  '%%%',
  '%!ls',
  '!%ls',
  'x = {?}',
  'lambda: x?',
  '(\n?x\n)',
  '#!ls\n#%pip install x\n#?',
  '   \n   !ls',
  'x = (\n"""\n)\n"""\n!ls'
];

/**
 * Each tricky case also with CRLF line ends, indented, and after a line
 * that opens a bracket or a string, so that every case meets every state.
 */
function variants(sources: readonly string[]): string[] {
  return sources.flatMap(source => [
    source,
    source.replace(/\n/g, '\r\n'),
    source.replace(/^/gm, '    '),
    `x = (\n${source}\n)`,
    `s = """\n${source}\n"""\n${source}`,
    `y = 1 \\\n${source}`,
    `${source}\n!ls\n%pip install after`
  ]);
}

describe('ipythonToPython reads every cell as the reference reader does', () => {
  it('on tricky cases: magics after brackets, help syntax, `!` in strings, continuations, cell magics, unicode, CRLF', () => {
    expect(disagreements(variants(TRICKY))).toEqual([]);
  });

  it('with every UTF-16 code unit as whitespace, continuation or first character', () => {
    const sources: string[] = [];
    for (let unit = 0; unit <= 0xffff; unit++) {
      const c = String.fromCharCode(unit);
      sources.push(
        `x = 1 \\${c}\n!ls`,
        `${c}%%bash\npip install x`,
        `${c}\n%time y = (1`,
        `(${c}\n!ls`,
        `"""${c}\n%ls`
      );
    }
    expect(disagreements(sources)).toEqual([]);
  });

  it('on the strings of the specs that read IPython cells', () => {
    const specs = [
      'src/__tests__/core/python/ipython.spec.ts',
      'src/__tests__/core/python/imports.spec.ts',
      'src/__tests__/core/python/nameScan.spec.ts',
      'src/__tests__/core/python/trees.spec.ts',
      'src/__tests__/core/data/files.spec.ts',
      'src/__tests__/core/execution/hiddenState.spec.ts',
      'src/__tests__/session/hiddenState.spec.ts'
    ];
    const strings = specs.flatMap(spec => specStrings(path.join(ROOT, spec)));
    expect(strings.length).toBeGreaterThan(1000);
    expect(disagreements(strings)).toEqual([]);
  });

  it('on the adversarial texts the linearity checks use', () => {
    const texts = ADVERSARIAL.filter(({ where }) => where === 'code').map(
      ({ text }) => text(10_000)
    );
    expect(disagreements(variants(texts))).toEqual([]);
  });

  it('on the code cells of the examples and test notebooks', () => {
    const sources = codeSources(
      [
        'examples',
        'src/__tests__/fixtures',
        'tests/notebooks',
        'ui-tests/notebooks'
      ].flatMap(folder => notebookCells(path.join(ROOT, folder)))
    );
    expect(disagreements(sources)).toEqual([]);
  });

  it("on every code cell of the benchmark's generated notebooks", () => {
    // The sizes the command-line benchmark checks: 150 notebooks.
    const sizes = Array.from({ length: 150 }, (_, i) => 30 + ((i * 2) % 300));
    const sources = codeSources(generated(sizes));
    expect(sources.length).toBeGreaterThan(10_000);
    // Cells of every kind: changed, with marks but unchanged, plain.
    const kinds = new Set(
      sources.map(source =>
        ipythonToPython(source).code !== source
          ? 'changed'
          : /[!%?]/.test(source)
            ? 'marks'
            : 'plain'
      )
    );
    expect([...kinds].sort()).toEqual(['changed', 'marks', 'plain']);
    expect(disagreements(sources)).toEqual([]);
  });

  it('on arbitrary text made of IPython and Python pieces', () => {
    const piece = fc.oneof(
      fc.constantFrom(
        '\n',
        '\r\n',
        '    ',
        '%',
        '%%',
        '!',
        '?',
        '??',
        '"',
        "'",
        '"""',
        "'''",
        '#',
        '\\',
        '(',
        ')',
        '[',
        ']',
        '{',
        '}',
        '=',
        ',',
        'x',
        'a.b',
        'pip install y',
        'time ',
        'timeit -n 3 ',
        'bash\n',
        'capture\n',
        '\u00a0'
      ),
      fc.fullUnicode()
    );
    fc.assert(
      fc.property(fc.stringOf(piece, { maxLength: 40 }), source => {
        expect(disagreements([source])).toEqual([]);
      }),
      { numRuns: 5000 }
    );
  });
});

describeConformance('ipythonToPython on the conformance notebooks', cases => {
  it('reads every code cell as the reference reader does', () => {
    const sources = [
      ...codeSources(
        notebookCells(path.join(path.dirname(CASES_PATH), 'notebooks'))
      ),
      ...codeSources([
        ...cases.consecutiveness.map(({ cells }) => cells),
        ...cases.title.map(({ cells }) => cells)
      ]),
      ...cases.imports.map(({ source }) => source)
    ];
    expect(disagreements(sources)).toEqual([]);
  });
});
