// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import * as path from 'path';
import { parser } from '@lezer/python';

import { ipythonToPython } from '../../../core/python/ipython';
import {
  NameScanner,
  PARSER_CUTOFF,
  scanNames
} from '../../../core/python/nameScan';
import { findNames, findNamesParsing } from '../../../core/python/names';
import { CASES_PATH, describeConformance } from '../../conformance';
import {
  codeSources,
  generated,
  notebookCells,
  specStrings
} from './cellCorpus';
import { ROOT } from '../../../../testutils/paths';

/**
 * The fast scan of a source as `findNames` runs it, or `null`.
 */
function scanned(source: string) {
  return scanNames(ipythonToPython(source).code, source);
}

/**
 * The sources the scan answered and the ones it left to the parser, after
 * checking that every answer is the parser's.
 */
function compare(sources: Iterable<string>): {
  answered: string[];
  left: string[];
} {
  const answered: string[] = [];
  const left: string[] = [];
  for (const source of new Set(sources)) {
    const fast = scanned(source);
    if (fast === null) {
      left.push(source);
      continue;
    }
    answered.push(source);
    // The source with the result, so that a failure shows the cell.
    expect([source, fast]).toEqual([source, findNamesParsing(source, parser)]);
  }
  return { answered, left };
}

/**
 * Scoping corner cases, IPython lines and code the scan must leave to the
 * parser.
 */
const TRICKY = [
  'total = sum(v for v in values)',
  'd = dict((k, v) for k, v in items if k)\nf(x for x in y)\nprint(x)',
  'def loss(p):\n    return p - y\n\nprint(loss(0), y)\ng = lambda: z',
  'x = x + 1',
  'x += 1\ny.z += 1\nw[0] -= v',
  'exec += 1',
  'def f(a, b=a, *args, c: int = d, **kw) -> e:\n    return a + b + c + g',
  'def f(a, /, b, *, c=lambda: c0):\n    return a',
  'def f():\n    global g\n    g = 1\nh = g',
  'def f():\n    global g\ng = 1',
  'def f():\n    global a, b\n    a, b = 1, 2\n    c = a',
  'def f():\n    x = 1\n    def g():\n        nonlocal x\n        x = 2\n    return g',
  'class K:\n    global g\n    g = 1',
  'class C:\n    x = 1\n    def m(self):\n        return x',
  'class C(Base, metaclass=Meta):\n    y = [x for x in range(3)]\n    z = y',
  'class C:\n    a = 1\n    b = [a for _ in range(3)]',
  'class C:\n    def f(self): return C',
  'class C: x = 1; y = x',
  '[x for x in x]',
  'i = 0\nx = [i for i in range(i)]',
  '[y for x in z for y in x if y if w]',
  'x = [[y for y in x] for x in z]',
  '{k: v for k, v in items.items()}\n{a for a in b}\n(a for a in b)\ny = a',
  'sum(x for x in xs)',
  'f(a for a in b if c)',
  'f(x=1, y=z, *args, **kwargs)',
  'f(x := 5)',
  'if (n := len(a)) > 10:\n    print(n)',
  'while chunk := read():\n    use(chunk)',
  '[y for x in data if (y := f(x))]\nprint(y)',
  'x = a[b := 1]',
  'lambda x, y=z: x + y + w',
  'f = lambda *a, **k: (a, k, q)',
  'g = lambda: (lambda: inner)()',
  'x = [lambda: i for i in range(3)]',
  'x = [i for i in range(3) if (lambda: i)()]',
  'x = a if b else lambda: c',
  'def f(a=lambda: b): pass',
  'def f(x=[y for y in z]): return x',
  'for i, (a, b) in enumerate(pairs):\n    print(i, a, b)\nelse:\n    done = True',
  'for x.y in z:\n    pass',
  'for [a, *b] in c:\n    pass',
  'for x, in y: pass',
  'for i in range(3): print(i); j = i',
  'with open(p) as fh, lock:\n    data = fh.read()',
  'with a as b, c as d:\n    e = b + d',
  'try:\n    import orjson as fastjson\nexcept ImportError as err:\n    fastjson = None\n    print(err)\nelse:\n    ok = 1\nfinally:\n    cleanup()',
  'try:\n    pass\nexcept* ValueError as eg:\n    pass',
  'try: x = 1\nexcept E as e: y = e',
  'import os, sys as system, a.b.c, d.e as f',
  'from . import x\nfrom .mod import y as z, w\nfrom m import (a, b as c,)',
  'from os.path import *',
  'del x, y[0], z.w',
  'x: int\ny.a: int = 3\n(z): int',
  'a = b = c\na, *b = c\n(a, b), [c, d] = e\n(p) = 1\nq, = r',
  'x: int = y = 5',
  'def f():\n    x = yield y\n    return (yield)',
  'print(f"{a!r:>{width}} {b=} {c:.2f} {{literal}} {d[\'k\']} {e[0]:{f}}")',
  's = f\'{x}\' f"{y}" \'plain\' rf"\\d{z}"',
  's = f"""{\n    a +\n    b\n}"""',
  's = f"{a if b else c}" f"{\', \'.join(names)}" f"{x!s}" f"{ {\'a\': 1}[k] }"',
  's = f"{x=!r:^20}" f"{x = }" f"{x,y}" f"{a!=b}" f"{a==b}" f"{x:=5}"',
  's = f"{x}" "{not_a_field}" f"}}" f"{x}}}"',
  '@decorator\ndef f(): pass',
  '@functools.lru_cache(maxsize=None)\ndef g(n): return g(n - 1)',
  '@a.b.c\nclass D: pass',
  'async def main():\n    async with session as s:\n        async for item in s:\n            await process(item)',
  'async def f(): return [await g(x) async for x in y]',
  'globals()["x"] = 1\nexec("a = 1")',
  'vars(obj)',
  'get_ipython().run_line_magic("time", "x")',
  'x = 1; y = x; del x',
  'if a: b = 1\nelif c: d = 2\nelse: e = 3',
  'if a:\n    if b:\n        c = 1\n    else:\n        d = 2\ne = c + d',
  'match = re.match(r"\\d+", s)\ntype(x)\ncase = 1',
  'print(x, file=sys.stderr)',
  'a[1:2, ::3, x:]\na[...] = b',
  'x = -y ** 2 + ~z // w % v @ u\nx = a if b else c if d else e',
  'x = not a and b or c is not d\nx = a not in b',
  'x = [*a, *b]\nx = {**a, "k": v}\nx = {*a}\nx = ()\nx = (1,)',
  'x = 0x1F + 1_000 + 1e5 + 1.5j + .5',
  'assert x, msg\nraise ValueError(x) from err',
  't = (\n    a\n    .b()\n)',
  'x = [\n    1,  # comment\n    2,\n]',
  'if x:\n    pass\n# comment at col 0\n    # comment indented\nelse:\n    pass',
  'def f():\n    x = 1\n  # a comment less indented\n    return x',
  '"""docstring"""\nx = 1',
  'x = "esc \\" quote" + \'esc \\\' quote\' + r"raw \\" still" + b"b"',
  'x = "é" + y  # é',
  'def f():\n    """Doc."""',
  'x = 1\n \ny = 2',
  '%time x = 1',
  '%%capture out\nprint(1)',
  'files = !ls\nlen(files)',
  '%run script.py',
  'x = 1\n%matplotlib inline\ny = x',
  'df.describe?',
  '%timeit -n 10 f(x)',
  '%%time\nz = 1',
  'x = print\nf(print)\n[print]',
  'x = match\nf(type=1)\ncase.x = 2\nmatch(a, b)\ntype(x).__name__\nmatch[x]',
  'f = lambda a=lambda b=c: b: a',
  'x = F"{a}" + Rb\'x\' + BR"y" + rF\'{b}\' + Fr"{c}" + U"u"',
  'x =\t1;',
  '',
  '# only a comment',
  'def f(): return *a, b',
  'global q\nq = 1',
  'del (a, b)\ndel [c]\nraise',
  'from .. import x\nfrom ...pkg import y',
  '[x for x in (y := z)]',
  'fs = [lambda x=x: x for x in range(3)]',
  'def outer(n):\n    def inner(k=n):\n        return k + m\n    return inner',
  'def gen():\n    x += yield',
  'class P:\n    x: int\n    y: str = "a"',
  'x = (yield from g())',
  'async def f():\n    await x\n    return [y async for y in z if await w]',
  'x = {**{a: 1}, **b}\nprint(*args, sep="", **kw)',
  'print(f"{a:{b}.{c}f}" f"{x:%Y-%m-%d}" f"{{{x}}}" f"{ x }")',
  "x = f\"{'\\n'}\" + f\"{a['b']['c']}\" + f'{a[\"b\"]}'",
  'x = ("a"\n     "b"\n     f"{c}")',
  'x = f\"\"\"a\n{b}\n\"\"\"',
  'def f(a: "str" = "x") -> "int": pass',
  'x = 0b101 + 0o17 + 0XFF + 1E10 + 1_0.0_1e-1_0J + 1 .real',
  // Left to the parser:
  'print',
  'print "hello"',
  'with (open("f") as a):\n    pass',
  'x = 1 \\\n    + 2',
  '\tx = 1',
  'match x:\n    case 1:\n        pass',
  'x = 1if y else 2',
  'x = 5.',
  's = f"{lambda: 1}"',
  'x = f"\\{y}"',
  'def f[T](x: T) -> T: return x',
  'type X = int',
  'if True:\n    x = 1\n  y = 2',
  'a = [1, 2',
  'x = )',
  "x = 'unterminated",
  'lambda x,: x',
  '@a[0]\ndef f(): pass',
  'é = 1',
  'x = 1\n\n\t\ny = 2'
];

describe('the fast name scan', () => {
  it('gives what the parser gives, for every source of the names and hidden-state tests', () => {
    const specs = [
      path.join(ROOT, 'src/__tests__/core/execution/hiddenState.spec.ts'),
      path.join(ROOT, 'src/__tests__/session/hiddenState.spec.ts'),
      path.join(ROOT, 'src/__tests__/core/python/trees.spec.ts')
    ];
    const strings = specs.flatMap(specStrings);
    expect(strings.length).toBeGreaterThan(200);
    const { answered } = compare(strings);
    expect(answered.length).toBeGreaterThan(100);
  });

  it('gives what the parser gives on scoping corner cases, and leaves odd code to it', () => {
    const { answered, left } = compare(TRICKY);
    const oddFrom = TRICKY.indexOf('print');
    expect(left).toEqual(TRICKY.slice(oddFrom));
    expect(answered).toEqual(TRICKY.slice(0, oddFrom));
  });

  it('gives what the parser gives on generated notebooks, and answers nearly every cell', () => {
    const sources = codeSources(generated([200, 2_000, 4_000]));
    const { answered, left } = compare(sources);
    expect(answered.length + left.length).toBeGreaterThan(2_000);
    // The speed of the hidden-state check rests on this.
    expect(answered.length / (answered.length + left.length)).toBeGreaterThan(
      0.95
    );
  });

  it('gives what the parser gives on the example and test notebooks', () => {
    const { answered } = compare(
      codeSources([
        ...notebookCells(path.join(ROOT, 'examples')),
        ...notebookCells(path.join(ROOT, 'src', '__tests__', 'fixtures'))
      ])
    );
    expect(answered.length).toBeGreaterThan(10);
  });

  it('gives what the parser gives on cells with tokens put in, taken out or cut', () => {
    // Numbers, string prefixes and quotes, operators, brackets, escapes,
    // magics and indents dropped into real cells at random places: the
    // scan must answer as the parser does, or leave the cell to it.
    const pieces = [
      ...'0 9 . e E j _ x 0x 0b 0o 1e 1e+ .5 1_0 b r f u F R rb Br fR'.split(
        ' '
      ),
      ...'{ } {{ ! !r = == : := ( ) [ ] * ** / // >> <<= - -> % @ ~ , ;'.split(
        ' '
      ),
      ...['...', 'é', 'f"', '"', "'", '"""', "'''", '\\', '\n', '\t', ' '],
      ...['    ', '#', 'lambda ', ' in ', 'global ', ' as ', 'yield ', '%run ']
    ];
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const cells = [...TRICKY, ...codeSources(generated([200]))].filter(
      source => source.length > 0
    );
    const mutated = cells.flatMap(source =>
      [0, 1, 2, 3, 4].map(() => {
        let text = source;
        for (let edits = 1 + random(3); edits > 0; edits--) {
          const at = random(text.length + 1);
          const kind = random(4);
          text =
            kind < 2
              ? text.slice(0, at) +
                pieces[random(pieces.length)] +
                text.slice(at)
              : kind === 2
                ? text.slice(0, at) + text.slice(at + 1 + random(3))
                : text.slice(0, at);
        }
        return text;
      })
    );
    const { answered, left } = compare(mutated);
    expect(answered.length).toBeGreaterThan(250);
    expect(left.length).toBeGreaterThan(250);
  });

  it('gives what the parser gives on cells that end in any token, with or without a newline', () => {
    // Most cells do not end a line: the last token ends the code.
    const ends = [
      ...'x 0 9 1. 1e 1e+ 1j 0x 0x1 .5 1_0 ... .. . ) ] } ( , ; : = == := !'.split(
        ' '
      ),
      ...['**', '//', '>>', '<<=', '->', '"a"', '"""a"""', 'f"{x}"', '# c'],
      ...['f"{x!r}"', 'f"{x', 'f"{x!', '"a', '\\', ' ', '    ', 'é', 'if']
    ];
    const cells = ['', 'y = 1\n', 'z = (1, 2)\ndef f():\n    return '];
    const sources = cells.flatMap(cell =>
      ends.flatMap(end => [cell + end, cell + 'w = ' + end, cell + end + '\n'])
    );
    const { answered, left } = compare(sources);
    expect(answered.length).toBeGreaterThan(50);
    expect(left.length).toBeGreaterThan(50);
  });

  it('leaves strings open at the end of the code to the parser', () => {
    // A long string may span lines: its scan runs to the end of the code.
    const open = ['"""a', '"""a\n', "'''\n\n", 'f"""{x}\n', 'r"""a\\', '"""a"'];
    const sources = open.flatMap(text => [
      text,
      'x = ' + text,
      'x = 1\n' + text
    ]);
    for (const source of sources) {
      expect(scanned(source)).toBeNull();
    }
    compare(sources);
  });

  it('binds the targets of a generator passed to a call in its own scope, as Python does', () => {
    const source =
      'total = sum(v for v in values)\nbest = max(len(w) for w in v)\n';
    for (const found of [scanned(source), findNamesParsing(source, parser)]) {
      expect(found).toEqual({
        defines: ['best', 'total'],
        reads: [
          { name: 'v', deferred: false, at: source.indexOf('v)\n') },
          { name: 'values', deferred: false, at: source.indexOf('values') }
        ],
        dynamic: undefined
      });
    }
  });

  it('places each read at its first read when the cell runs, else at its first in a function', () => {
    const source =
      'def loss(p):\n    return p - y\n\nprint(loss(0), y)\ng = lambda: (z,\n  z)\n';
    for (const found of [scanned(source), findNamesParsing(source, parser)]) {
      expect(found?.reads).toEqual([
        { name: 'y', deferred: false, at: source.indexOf('y)') },
        { name: 'z', deferred: true, at: source.indexOf('(z,') + 1 }
      ]);
    }
  });

  it('leaves code of 2,000 characters or more to the parser, which may cut it short', () => {
    // 1,000 chained calls: the parser forces the chain to end early and
    // reads the rest as a name `b`; Python (and the scan) read none.
    const chain = 'x = a' + '.b()'.repeat(1_000);
    expect(chain.length).toBeGreaterThanOrEqual(PARSER_CUTOFF);
    expect(scanned(chain)).toBeNull();
    expect(findNames(chain, parser)).toEqual(findNamesParsing(chain, parser));
    expect(findNamesParsing(chain, parser).reads).toContainEqual(
      expect.objectContaining({ name: 'b', deferred: false })
    );
    expect(scanNames(chain, chain, Infinity)?.reads).toEqual([
      { name: 'a', deferred: false, at: 4 }
    ]);
    // Shorter, the parser reads it whole, as the scan does.
    const shorter = 'x = a' + '.b()'.repeat(400);
    expect(scanned(shorter)).toEqual(findNamesParsing(shorter, parser));
  });

  it('gives with one scanner for many cells what a new scan gives each', () => {
    // The scanner keeps its token arrays from one cell to the next: long
    // cells, short ones, and cells it gives up on (cut, or with a stray
    // bracket or magic) in turn must not see each other's tokens.
    // Dense cells have more tokens than the scanner first has room for.
    const dense = [
      'x = [' + 'a,'.repeat(950) + ']',
      'y=(' + '1+'.repeat(900) + '2)'
    ];
    const cells = [...TRICKY, ...dense, ...codeSources(generated([200]))];
    const mixed = cells.flatMap((source, i) => [
      source,
      source.slice(0, (i * 7) % (source.length + 1)),
      `${source}\n(`,
      cells[(i * 31) % cells.length].repeat(1 + (i % 5)),
      'x'
    ]);
    const scanner = new NameScanner();
    let answered = 0;
    for (const source of mixed) {
      const { code } = ipythonToPython(source);
      const reused = scanner.scan(code, source);
      expect(reused).toEqual(scanNames(code, source));
      answered += reused === null ? 0 : 1;
    }
    expect(answered).toBeGreaterThan(mixed.length / 2);
    expect(answered).toBeLessThan(mixed.length);
  });

  it('is what findNames answers, and findNames parses what it leaves', () => {
    const counting = Object.create(parser) as typeof parser;
    let parses = 0;
    counting.startParse = (...args: Parameters<typeof parser.startParse>) => {
      parses++;
      return parser.startParse(...args);
    };
    expect(findNames('y = x + 1', counting)).toEqual(scanned('y = x + 1'));
    expect(parses).toBe(0);
    expect(findNames('match x:\n    case y:\n        pass', counting)).toEqual(
      findNamesParsing('match x:\n    case y:\n        pass', parser)
    );
    expect(parses).toBe(1);
  });
});

describeConformance('the fast name scan on the conformance notebooks', () => {
  it('gives what the parser gives on every code cell', () => {
    const { answered } = compare(
      codeSources(
        notebookCells(path.join(path.dirname(CASES_PATH), 'notebooks'))
      )
    );
    expect(answered.length).toBeGreaterThan(20);
  });
});
