// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { spawnSync } from 'child_process';
import * as fs from 'fs';

import { parseToml, tomlGet, tomlString } from '../../../core/packages/toml';
import { VENV_PYTHON } from '../../../../testutils/paths';

const PYTHON = VENV_PYTHON;
const HAS_PYTHON = fs.existsSync(PYTHON);
const describePython = HAS_PYTHON ? describe : describe.skip;
const SKIPPED = HAS_PYTHON ? '' : ` (skipped: no ${PYTHON}, run make)`;
if (!HAS_PYTHON) {
  console.warn(
    `Skipping the TOML tests against Python's tomllib: ${PYTHON} does not exist (run make).`
  );
}

/**
 * Documents TOML 1.0 accepts (written for these tests).
 */
const VALID = [
  '',
  '# only a comment\n',
  'a = 1\nb = -2\nc = +3\nd = 1_000\ne = 0xff\nf = 0o17\ng = 0b101\n',
  'a = 1.5\nb = -0.25e3\nc = 6E-2\nd = inf\ne = -inf\nf = 1_0.0_1\n',
  'a = true\nb = false\n',
  'a = "basic \\"escaped\\" \\\\ \\t \\u00e9 \\U0001F40D"\nb = \'literal \\ no escapes\'\n',
  'a = """\nfirst line\nsecond "quoted" line"""\n',
  'a = """one \\\n    two \\\n\n  three"""\nb = """""quoted"""""\n',
  "a = '''\nraw \\n text\n'''\nb = '''''x'''''\n",
  'a = []\nb = [1, 2, 3,]\nc = [\n  "x", # comment\n  \'y\',\n\n]\nd = [[1, 2], ["a"], []]\n',
  'a = { x = 1, y = "two" }\nb = {}\nc = { d.e = 1 }\n',
  'a.b.c = 1\na.b.d = 2\n"quoted.key" = 3\n\'lit\'.x = 4\n  spaced . key = 5\n',
  '[table]\nx = 1\n[table.sub]\ny = 2\n[other]\n',
  '[a.b]\nx = 1\n[a]\ny = 2\n',
  '[[fruit]]\nname = "apple"\n[fruit.color]\nred = true\n[[fruit]]\nname = "pear"\n[[fruit.variety]]\nname = "x"\n',
  '[ spaced . header ]\nz = 0\n',
  'key = "value" # trailing comment\n[t] # comment\n',
  'a = 1\r\nb = [\r\n  2,\r\n]\r\n',
  '"" = "empty key"\n"constructor" = 1\n__proto__ = 2\n',
  'dependencies = [\n    "numpy==1.26.4",\n    "pandas",\n]\nrequires-python = ">=3.11"\n\n[tool.uv]\nexclude-newer = "2024-01-01T00:00:00Z"\n',
  '[[package]]\nname = "a"\nversion = "1"\nsource = { registry = "https://pypi.org/simple" }\nwheels = [\n    { url = "https://x/a.whl", hash = "sha256:00", size = 10 },\n]\n\n[package.metadata]\nrequires-dist = [{ name = "b", specifier = ">=1" }]\n'
];

/**
 * Documents TOML 1.0 rejects.
 */
const INVALID = [
  'a = 1\na = 2\n',
  'a = \n',
  'a = nope\n',
  'a = "unclosed\n',
  "a = 'unclosed\n",
  'a = """never closed\n',
  'a = [1, 2\nb = 3\n',
  'a = [1 2]\n',
  'a = { x = 1\n',
  'a = 1 b = 2\n',
  '= 1\n',
  'a b = 1\n',
  '[table]\n[table]\n',
  '[a]\nb = 1\n[a.b]\n',
  'a = 1\n[a]\n',
  'a = [1]\n[[a]]\n',
  '[[a]]\n[a]\n',
  'a = { x = 1 }\n[a]\n',
  'a = "bad \\q escape"\n',
  'a = "\\uD800"\n',
  'a = 01\n',
  'a = 1__0\n',
  'a = "tab\x01control"\n',
  '[unclosed\n',
  '[[unclosed]\n'
];

describe('parseToml', () => {
  it('reads what other tools write into notebooks', () => {
    const { root, problems, rootEntries } = parseToml(VALID[19]);
    expect(problems).toEqual([]);
    expect(root).toEqual({
      dependencies: ['numpy==1.26.4', 'pandas'],
      'requires-python': '>=3.11',
      tool: { uv: { 'exclude-newer': '2024-01-01T00:00:00Z' } }
    });
    expect(
      rootEntries.map(({ key, start, end }) => [
        key,
        VALID[19].slice(start, end)
      ])
    ).toEqual([
      [
        ['dependencies'],
        'dependencies = [\n    "numpy==1.26.4",\n    "pandas",\n]'
      ],
      [['requires-python'], 'requires-python = ">=3.11"']
    ]);
    expect(tomlGet(root, 'tool', 'uv', 'exclude-newer')).toBe(
      '2024-01-01T00:00:00Z'
    );
    expect(tomlGet(root, 'tool', 'pip')).toBeUndefined();
    expect(tomlGet(root, 'dependencies', 'length')).toBeUndefined();
  });

  it('keeps dates and times as the text written', () => {
    expect(
      parseToml(
        'a = 1979-05-27T07:32:00Z\nb = 1979-05-27 07:32:00.5-07:00\nc = 1979-05-27\nd = 07:32:00\n'
      ).root
    ).toEqual({
      a: '1979-05-27T07:32:00Z',
      b: '1979-05-27 07:32:00.5-07:00',
      c: '1979-05-27',
      d: '07:32:00'
    });
  });

  it('treats keys named like Object members as ordinary keys', () => {
    const { root, problems } = parseToml(VALID[18]);
    expect(problems).toEqual([]);
    expect(Object.keys(root)).toEqual(['', 'constructor', '__proto__']);
    expect(tomlGet(root, 'toString')).toBeUndefined();
    expect(({} as any).polluted).toBeUndefined();
  });

  it('goes on after a line it cannot read and names the lines', () => {
    const { root, problems } = parseToml(
      'a = 1\nb = oops\nc = 3\nd = [\n  1,\n  ?\n]\ne = 5\n'
    );
    expect(root).toEqual({ a: 1, c: 3, e: 5 });
    expect(problems).toEqual([
      { line: 2, message: '"oops" is not a TOML value' },
      { line: 6, message: 'expected a value, found "?"' }
    ]);
  });

  it('puts the keys under a header it cannot read nowhere', () => {
    const { root, problems } = parseToml(
      '[ok]\na = 1\n[bad\nb = 2\n[[list]]\nc = 3\n'
    );
    expect(root).toEqual({ ok: { a: 1 }, list: [{ c: 3 }] });
    expect(problems).toEqual([
      {
        line: 3,
        message:
          'expected "]" to close the table header, found the end of the line'
      }
    ]);
  });

  it('lists five problems and counts the rest', () => {
    const { problems } = parseToml('x\n'.repeat(20000));
    expect(problems).toHaveLength(6);
    expect(problems[5]).toEqual({
      line: null,
      message: '19995 more lines cannot be read'
    });
  });

  it('stops at values nested too deep instead of exhausting the stack', () => {
    const { root, problems } = parseToml(
      `a = 1\nb = ${'['.repeat(200000)}\nc = 3\n`
    );
    expect(root).toEqual({ a: 1 });
    expect(problems).toEqual([
      {
        line: 2,
        message: 'values nest more than 64 deep; the rest is not read'
      }
    ]);
  });

  it.each(INVALID.map(text => [JSON.stringify(text), text]))(
    'reports a problem in %s',
    (_, text) => {
      expect(parseToml(text).problems.length).toBeGreaterThan(0);
    }
  );
});

describe('tomlString', () => {
  it.each([
    ['plain', '"plain"'],
    ['quote " backslash \\', '"quote \\" backslash \\\\"'],
    ['new\nline\ttab', '"new\\nline\\ttab"'],
    ['\x7f\x85\u2028\u2029', '"\\u007f\\u0085\\u2028\\u2029"'],
    ['lone \ud800 surrogate', '"lone \ufffd surrogate"'],
    ['snake 🐍', '"snake 🐍"']
  ])('writes %j as %s', (value, expected) => {
    expect(tomlString(value)).toBe(expected);
    expect(parseToml(`a = ${expected}`).root.a).toBe(
      value.replace('\ud800', '\ufffd')
    );
  });
});

describePython(`parseToml agrees with Python 3.11's tomllib${SKIPPED}`, () => {
  const script = `
import json, math, sys, tomllib
def plain(value):
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, float) and (math.isinf(value) or math.isnan(value)):
        return repr(value)
    return value
out = []
for text in json.load(sys.stdin):
    try:
        out.append({"ok": plain(tomllib.loads(text))})
    except tomllib.TOMLDecodeError as error:
        out.append({"error": str(error)})
print(json.dumps(out))
`;

  const python = (texts: string[]) => {
    const run = spawnSync(PYTHON, ['-c', script], {
      input: JSON.stringify(texts),
      encoding: 'utf-8',
      timeout: 60000
    });
    if (run.status !== 0) {
      throw new Error(run.stderr);
    }
    return JSON.parse(run.stdout);
  };

  const plain = (value: unknown): unknown =>
    typeof value === 'number' && !Number.isFinite(value)
      ? Number.isNaN(value)
        ? 'nan'
        : value > 0
          ? 'inf'
          : '-inf'
      : Array.isArray(value)
        ? value.map(plain)
        : typeof value === 'object' && value !== null
          ? Object.fromEntries(
              Object.entries(value).map(([k, v]) => [k, plain(v)])
            )
          : value;

  it('on documents it accepts: the same values', () => {
    const expected = python(VALID);
    VALID.forEach((text, i) => {
      const { root, problems } = parseToml(text);
      expect([i, problems]).toEqual([i, []]);
      expect([i, plain(root)]).toEqual([i, expected[i].ok]);
    });
  });

  it('on documents it rejects: a problem each', () => {
    const expected = python(INVALID);
    expect(expected.filter((result: any) => !('error' in result))).toEqual([]);
  });
});
