// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

/**
 * Adversarial text for the scanners that read a notebook when it opens:
 * one generator per scanner and per pattern known to have been slow, named
 * for what it attacks. Each makes text of about `size` characters; a
 * scanner that is linear in its input takes about 16 times as long at 160k
 * characters as at 10k, a quadratic one 256 times.
 *
 * Test code only, shared by jest (`src/__tests__/linearity.spec.ts`) and
 * Galata, so it is plain TypeScript with no imports. Nothing here is random.
 */

/**
 * Where a generator's text goes in a notebook, and so which scanners read it.
 *
 * - `markdown`, `code`: a cell's source;
 * - `output`: the `text` of a code cell's stream output;
 * - `traceback`: the traceback of a code cell's error output;
 * - `version`: `metadata.nbproject.version`;
 * - `uv.lock`: `metadata["uv.lock"]` (TOML text);
 * - `pipfile`: `metadata.requirements` (jupyterlab-requirements' JSON text);
 * - `requirements.txt`: a file beside the notebook, read when exporting.
 */
export type AdversarialWhere =
  | 'markdown'
  | 'code'
  | 'output'
  | 'traceback'
  | 'version'
  | 'uv.lock'
  | 'pipfile'
  | 'requirements.txt';

/**
 * One adversarial input.
 */
export interface IAdversarialCase {
  /**
   * What it attacks: `scanner: pattern`.
   */
  name: string;
  /**
   * Where it goes in a notebook.
   */
  where: AdversarialWhere;
  /**
   * The text, about `size` characters long.
   */
  text(size: number): string;
}

/**
 * A cell in nbformat 4's JSON shape.
 */
export interface IAdversarialCell {
  cell_type: 'code' | 'markdown';
  [key: string]: unknown;
}

/**
 * A notebook in nbformat 4's JSON shape.
 */
export interface IAdversarialNotebook {
  cells: IAdversarialCell[];
  metadata: Record<string, unknown>;
  nbformat: 4;
  nbformat_minor: 5;
}

/**
 * `unit` repeated to about `size` characters (at least once).
 */
export function fill(unit: string, size: number): string {
  return unit.repeat(Math.max(1, Math.round(size / unit.length)));
}

/**
 * Lines made by `line(i)` until they hold about `size` characters.
 */
function lines(size: number, line: (i: number) => string): string {
  const out: string[] = [];
  let length = 0;
  for (let i = 0; length < size; i++) {
    const next = line(i);
    out.push(next);
    length += next.length + 1;
  }
  return out.join('\n');
}

/**
 * An import first, so that the cell is parsed for imports as well.
 */
const IMPORT = 'import numpy\n';

/**
 * Every generator. Names say which scanner and which pattern they attack.
 */
export const ADVERSARIAL: readonly IAdversarialCase[] = [
  // The title: the first "# " line, stripped of spaces and dots.
  {
    name: 'title: spaces and dots inside the heading',
    where: 'markdown',
    text: size => `# a${fill(' .', size)}b`
  },
  {
    name: 'title: many markdown lines before the heading',
    where: 'markdown',
    text: size => `${fill('text #\n', size)}# Title`
  },

  // IPython preprocessing, line by line.
  {
    name: 'ipython: backslashes before trailing spaces',
    where: 'code',
    text: size => `${IMPORT}x = 1 ${fill('\\', size / 2)}${fill(' ', size / 2)}`
  },
  {
    name: 'ipython: comma-separated names without "=" (capture)',
    where: 'code',
    text: size => `${IMPORT}${fill('a , ', size)}b`
  },
  {
    name: 'ipython: install options that never say install',
    where: 'code',
    text: size => `${IMPORT}!pip${fill(' -q', size)}`
  },
  {
    name: 'ipython: %timeit with many options',
    where: 'code',
    text: size => `${IMPORT}%timeit${fill(' -n 1', size)} x`
  },
  {
    name: 'ipython: dotted help line',
    where: 'code',
    text: size => `${IMPORT}${fill('a.', size)} ?`
  },
  {
    name: 'ipython: many magic and shell lines',
    where: 'code',
    text: size =>
      `${IMPORT}${lines(size, i => (i % 2 ? '!pip install numpy' : '%time x = 1'))}`
  },

  // The Python parse (imports, data files).
  {
    name: 'python: deeply nested brackets',
    where: 'code',
    text: size => `${IMPORT}x = ${fill('(', size / 2)}1${fill(')', size / 2)}`
  },
  {
    name: 'python: brackets never closed',
    where: 'code',
    text: size => `${IMPORT}x = ${fill('([{', size)}`
  },
  {
    name: 'python: garbage punctuation lines',
    where: 'code',
    text: size =>
      `${IMPORT}${lines(size, i => `)]}:=@$?!\`;${i % 7 ? ' ' : '\\'}{[(`.repeat(4))}`
  },
  {
    name: 'python: one long garbage line',
    where: 'code',
    text: size => `${IMPORT}${fill(')]}:=@$?!;{[( ', size)}`
  },
  {
    name: 'python: unterminated strings',
    where: 'code',
    text: size =>
      `${IMPORT}${lines(size, i => (i % 3 ? `x = 'abc${i}` : `y = """d`))}`
  },
  {
    name: 'python: one long expression line',
    where: 'code',
    text: size => `${IMPORT}x = ${fill('a + ', size)}1`
  },
  {
    name: 'python: many imports',
    where: 'code',
    text: size => lines(size, i => `import package${i}.sub as p${i}`)
  },
  {
    name: 'python: deep indentation',
    where: 'code',
    text: size => `${IMPORT}${lines(size, i => `${' '.repeat(i % 2000)}if x:`)}`
  },

  // Hidden state: names each cell defines and reads, through scopes.
  {
    name: 'hiddenState: many names assigned and read',
    where: 'code',
    text: size => lines(size, i => `v${i} = v${i - 1} + w${i} * f(k${i}=v${i})`)
  },
  {
    name: 'hiddenState: nested functions reading one global each',
    where: 'code',
    text: size =>
      lines(size, i => `${' '.repeat((i % 90) * 4)}def f${i}(a=g${i}):`)
  },
  {
    name: 'hiddenState: nested lambdas and comprehensions',
    where: 'code',
    text: size => `x = ${fill('lambda a: [b for b in a if c] + ', size)}0`
  },
  {
    name: 'hiddenState: long chains of tuple targets',
    where: 'code',
    text: size => `${fill('(a, [b, ', size)}c${fill('])', size)} = t`
  },
  {
    name: 'hiddenState: f-strings full of replacement fields and specs',
    where: 'code',
    text: size => `s = f"${fill('{a!r:>{w}} {b=} {{c}} ', size)}"`
  },
  {
    name: 'hiddenState: a long chain of conditional expressions',
    where: 'code',
    text: size => `x = ${fill('a if b else ', size)}c`
  },
  {
    name: 'hiddenState: plain cells the fast name scan reads',
    where: 'code',
    text: size =>
      lines(
        size,
        i =>
          `for k${i}, v in enumerate(d${i}): t = {k: [w for w in v] for k, v in s.items()}`
      )
  },

  // The fast import scan: imports and the code around them.
  {
    name: 'importScan: a long parenthesized from-import list',
    where: 'code',
    text: size => `from pkg import (${fill('name as alias,\n    ', size)})`
  },
  {
    name: 'importScan: imports in nested blocks, dedented at the end',
    where: 'code',
    text: size =>
      lines(
        size,
        i =>
          `${' '.repeat((i % 60) * 2)}try:\n${' '.repeat((i % 60) * 2 + 2)}import m${i}`
      )
  },
  {
    name: 'importScan: long dotted names and calls between imports',
    where: 'code',
    text: size =>
      lines(size, i =>
        i % 2
          ? `import ${fill('a.', 200)}b as c`
          : `x = f(${fill('g(a, [b, {"k": -y.z}]) + ', 100)}1)`
      )
  },
  {
    name: 'importScan: an import line after much plain code',
    where: 'code',
    text: size => `${fill('x = a(b, c=[1, "s"])\n', size)}import numpy`
  },
  {
    name: 'importScan: deeply nested brackets between imports',
    where: 'code',
    text: size =>
      `${IMPORT}x = ${fill('[(', size / 2)}1${fill(')]', size / 2)}\n${IMPORT}`
  },

  // Data files: paths the code reads.
  {
    name: 'dataFiles: os.path.join of a literal with a long run of "/"',
    where: 'code',
    text: size => `import os\nopen(os.path.join("a${fill('/', size)}b", "c"))`
  },
  {
    name: 'dataFiles: a long chain of Path / "part"',
    where: 'code',
    text: size =>
      `from pathlib import Path\nopen(Path("a")${fill(' / "b"', size)})`
  },
  {
    name: 'dataFiles: a long concatenation of strings',
    where: 'code',
    text: size => `open("a"${fill(' + "b"', size)})`
  },
  {
    name: 'dataFiles: many open() in one call',
    where: 'code',
    text: size => `import json\njson.load(${fill('open("a.json"), ', size)})`
  },
  {
    name: 'dataFiles: nested Path(...).read_text()',
    where: 'code',
    text: size => {
      const depth = Math.round(size / 30);
      return `from pathlib import Path\n${'Path('.repeat(depth)}"a"${').read_text()'.repeat(depth)}`;
    }
  },
  {
    name: 'dataFiles: a chain of path constants',
    where: 'code',
    text: size =>
      `from pathlib import Path\nP0 = Path("a")\n${lines(size, i => `P${i + 1} = P${i} / "b"`)}\nopen(P1)`
  },
  {
    name: 'dataFiles: many reads of one long constant',
    where: 'code',
    text: size =>
      `D = "${fill('d/', size / 2)}"\n${lines(size / 2, () => 'open(D)')}`
  },

  // Secrets in sources and outputs.
  {
    name: 'secrets: long identifier before "=" and a key',
    where: 'code',
    text: size => `${fill('a', size)} = "AKIAZ7Q2EXAMPLE3KEY4"`
  },
  {
    name: 'secrets: repeated xoxb- prefixes',
    where: 'code',
    text: size => fill('xoxb-', size)
  },
  {
    name: 'secrets: many private key headers on one line',
    where: 'code',
    text: size => fill('-----BEGIN RSA PRIVATE KEY-----', size)
  },
  {
    name: 'secrets: many private key headers, one a line',
    where: 'code',
    text: size => lines(size, () => '-----BEGIN PRIVATE KEY-----')
  },
  {
    name: 'secrets: many tokens on one line',
    where: 'code',
    text: size => fill('AKIAZ7Q2EXAMPLE3KEY4 ', size)
  },
  {
    name: 'secrets: many quoted assignments never closed',
    where: 'code',
    text: size => fill("key='", size)
  },
  {
    name: 'secrets: dotted name before "="',
    where: 'code',
    text: size => `${fill('a.', size)} = "x"`
  },
  {
    name: 'secrets: spaces between a name and its value',
    where: 'code',
    text: size => `password${fill(' ', size)}x`
  },
  {
    name: 'secrets: name, colon, type and spaces',
    where: 'code',
    text: size => `token: str${fill(' ', size)}x`
  },
  {
    name: 'secrets: printed colons (bare assignments)',
    where: 'output',
    text: size => fill('a:', size)
  },
  {
    name: 'secrets: printed NAME=value lines',
    where: 'output',
    text: size => lines(size, i => `API_KEY_${i}=Q7zq${i}xLmN3pR8sT2vW9yB4`)
  },
  {
    name: 'secrets: ANSI escapes never finished in a traceback',
    where: 'traceback',
    text: size => fill('\x1b[0;0;0;0;', size)
  },
  {
    name: 'secrets: URL user and password parts',
    where: 'code',
    text: size => fill('a://b:c', size)
  },
  {
    name: 'secrets: JWT-like segments',
    where: 'code',
    text: size => fill('eyJabcdefghij.', size)
  },
  {
    name: 'secrets: token prefixes joined by dashes',
    where: 'code',
    text: size => fill('sk-proj-', size)
  },
  {
    name: 'secrets: one-character runs in a token',
    where: 'code',
    text: size => `AIza${fill('A', size)}`
  },

  // Absolute paths in a home directory.
  {
    name: 'absolutePaths: home path followed by a long run of punctuation',
    where: 'code',
    text: size => `/home/alice/data${fill('.,', size)}x`
  },
  {
    name: 'absolutePaths: many home paths on one line',
    where: 'code',
    text: size => fill('/home/a/', size)
  },
  {
    name: 'absolutePaths: quoted home paths never closed',
    where: 'code',
    text: size => `"${fill('/home/a/', size)}`
  },
  {
    name: 'absolutePaths: Windows home with doubled backslashes',
    where: 'code',
    text: size => `"C:\\\\Users\\\\alice${fill('\\\\a', size)}"`
  },
  {
    name: 'absolutePaths: home paths ending in punctuation, one a line',
    where: 'markdown',
    text: size =>
      lines(size, () => 'see /home/alice/data.csv, or /Users/bob/x.')
  },

  // PEP 723 blocks and the requirements in them.
  {
    name: 'pep723: a block never closed',
    where: 'code',
    text: size => `# /// script\n${lines(size, () => '# x = 1')}`
  },
  {
    name: 'pep723: many blocks',
    where: 'code',
    text: size => lines(size, () => '# /// script\n# dependencies = []\n# ///')
  },
  {
    name: 'pep723: many blocks between blank lines',
    where: 'code',
    text: size => lines(size, () => '# /// script\n# x = 1\n# ///\n')
  },
  {
    name: 'pep723: many blocks between code lines',
    where: 'code',
    text: size => lines(size, () => '# /// script\n# x = 1\n# ///\nx = 1')
  },
  {
    name: 'pep723: a URL requirement followed by spaces',
    where: 'code',
    text: size =>
      `# /// script\n# dependencies = ["a @ https://x${fill(' ', size)}y"]\n# ///`
  },
  {
    name: 'pep723: a long requirement name',
    where: 'code',
    text: size =>
      `# /// script\n# dependencies = ["a${fill('-', size)}!"]\n# ///`
  },
  {
    name: 'pep723: many dependencies',
    where: 'code',
    text: size =>
      `# /// script\n# dependencies = [\n${lines(size, i => `#   "package${i}>=1.${i}",`)}\n# ]\n# ///`
  },

  // TOML (uv.lock, and PEP 723 blocks).
  {
    name: 'toml: literal strings never closed',
    where: 'uv.lock',
    text: size => lines(size, () => "a = 'x")
  },
  {
    name: 'toml: basic strings never closed',
    where: 'uv.lock',
    text: size => lines(size, () => 'a = "x\\q')
  },
  {
    name: 'toml: a long scalar',
    where: 'uv.lock',
    text: size => `a = ${fill('1', size)}x`
  },
  {
    name: 'toml: a long dotted key',
    where: 'uv.lock',
    text: size => `${fill('a.', size)}a = 1`
  },
  {
    name: 'toml: arrays nested deeply',
    where: 'uv.lock',
    text: size => `a = ${fill('[', size)}`
  },
  {
    name: 'toml: many packages',
    where: 'uv.lock',
    text: size =>
      lines(size, i => `[[package]]\nname = "package${i}"\nversion = "1.${i}"`)
  },
  {
    name: 'toml: many bad lines',
    where: 'uv.lock',
    text: size => lines(size, () => 'a = ]')
  },

  // The version proposed when publishing.
  {
    name: 'version: a long run of digits and a newline',
    where: 'version',
    text: size => `${fill('1', size)}\n1`
  },
  {
    name: 'version: digits and dots',
    where: 'version',
    text: size => `${fill('1.', size)}x`
  },

  // Declared dependencies (jupyterlab-requirements' Pipfile).
  {
    name: 'declared: many Pipfile packages',
    where: 'pipfile',
    text: size => {
      const entries: string[] = [];
      for (let i = 0, length = 0; length < size; i++) {
        const entry = `"package${i}": "==1.${i}"`;
        entries.push(entry);
        length += entry.length + 1;
      }
      return `{"packages": {${entries.join(',')}}, "requires": {"python_version": "3.11"}}`;
    }
  },
  {
    name: 'declared: a long Pipfile specifier',
    where: 'pipfile',
    text: size => `{"packages": {"a": "==${fill('1 ', size)}x"}}`
  },

  // requirements.txt beside the notebook.
  {
    name: 'requirements: spaces before an option that never comes',
    where: 'requirements.txt',
    text: size => `a${fill(' ', size)}b`
  },
  {
    name: 'requirements: comments and a line separator',
    where: 'requirements.txt',
    text: size => `a${fill(' #', size)}\u2028`
  },
  {
    name: 'requirements: options and a line separator',
    where: 'requirements.txt',
    text: size => `a${fill(' --x', size)}\u2028`
  },
  {
    name: 'requirements: a URL requirement followed by spaces',
    where: 'requirements.txt',
    text: size => `a @ https://x${fill(' ', size)}y`
  }
];

/**
 * A notebook holding `text` where `where` says.
 */
export function notebookWith(
  where: AdversarialWhere,
  text: string
): IAdversarialNotebook {
  const code = (source: string, outputs: unknown[] = []): IAdversarialCell => ({
    cell_type: 'code',
    execution_count: 1,
    id: 'adversarial-code',
    metadata: {},
    outputs,
    source
  });
  const metadata: Record<string, unknown> = {
    nbproject: {
      id: 'Zv1wV7oM9ztH',
      time_init: '2024-01-01T00:00:00+00:00',
      version: '1'
    }
  };
  const cells: IAdversarialCell[] = [];
  switch (where) {
    case 'markdown':
      cells.push({
        cell_type: 'markdown',
        id: 'adversarial-markdown',
        metadata: {},
        source: text
      });
      break;
    case 'code':
      cells.push(code(text));
      break;
    case 'output':
      cells.push(
        code('print(x)', [{ output_type: 'stream', name: 'stdout', text }])
      );
      break;
    case 'traceback':
      cells.push(
        code('x()', [
          {
            output_type: 'error',
            ename: 'Error',
            evalue: 'x',
            traceback: [text]
          }
        ])
      );
      break;
    case 'version':
      metadata.nbproject = { ...(metadata.nbproject as object), version: text };
      break;
    case 'uv.lock':
      metadata['uv.lock'] = text;
      break;
    case 'pipfile':
      metadata.requirements = text;
      break;
    case 'requirements.txt':
      break;
  }
  return { cells, metadata, nbformat: 4, nbformat_minor: 5 };
}

/**
 * One notebook with every generator's text at `size` characters each (the
 * `requirements.txt` ones left out): what a stranger's notebook can hold.
 */
export function adversarialNotebook(size: number): IAdversarialNotebook {
  const out = notebookWith('code', '');
  out.cells = [];
  ADVERSARIAL.forEach((item, i) => {
    if (item.where === 'requirements.txt') {
      return;
    }
    const part = notebookWith(item.where, item.text(size));
    for (const cell of part.cells) {
      out.cells.push({ ...cell, id: `adversarial-${i}` });
    }
    for (const [key, value] of Object.entries(part.metadata)) {
      if (key === 'uv.lock' && typeof out.metadata[key] === 'string') {
        // One lock: the TOML generators' texts one after the other.
        out.metadata[key] = `${out.metadata[key]}\n${value}`;
      } else if (key !== 'nbproject' || item.where === 'version') {
        out.metadata[key] = value;
      }
    }
  });
  return out;
}
