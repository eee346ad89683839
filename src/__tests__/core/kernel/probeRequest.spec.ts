// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import {
  cleanQuery,
  ILiveEnvironment,
  MAX_PROBE_NAMES,
  normalizeQuery,
  parseProbeReply,
  PROBE_EXPRESSION_KEY,
  PROBE_SOURCE,
  probeExpression,
  probeRequest
} from '../../../core/kernel/probeRequest';
import { VENV, VENV_PYTHON } from '../../../../testutils/paths';

/**
 * An `execute_reply` content whose probe expression returned `payload`,
 * as IPython sends it: the `text/plain` repr of the base64 string.
 */
function replyWith(payload: unknown, quote = "'"): Record<string, unknown> {
  const encoded = Buffer.from(JSON.stringify(payload)).toString('base64');
  return replyWithText(`${quote}${encoded}${quote}`);
}

function replyWithText(text: unknown): Record<string, unknown> {
  return {
    status: 'ok',
    execution_count: 3,
    user_expressions: {
      [PROBE_EXPRESSION_KEY]: {
        status: 'ok',
        data: { 'text/plain': text },
        metadata: {}
      }
    }
  };
}

const environment: ILiveEnvironment = {
  python: { version: '3.11.7', implementation: 'CPython' },
  executable: '/env/bin/python',
  prefix: '/env',
  platform: 'linux',
  distributions: { PyYAML: '6.0.3', pandas: '' },
  moduleDistributions: { yaml: ['PyYAML'], helpers: [] },
  loadedModules: ['numpy', 'pandas']
};

const query = {
  modules: ['yaml', 'helpers'],
  distributions: ['PyYAML', 'pandas']
};

describe('probeRequest', () => {
  it('asks silently, without history, stdin or code, through one user expression', () => {
    const content = probeRequest(query);
    expect(content).toEqual({
      code: '',
      silent: true,
      store_history: false,
      allow_stdin: false,
      stop_on_error: false,
      user_expressions: { [PROBE_EXPRESSION_KEY]: probeExpression(query) }
    });
  });

  it('sends each name once, sorted, without empty names, with the time its loops may take', () => {
    const expression = probeExpression(
      {
        modules: ['yaml', '', 'IPython', 'yaml'],
        distributions: ['pandas', 'PyYAML', '', 'pandas']
      },
      1500
    );
    expect(
      expression.endsWith(
        `g["probe"](["IPython","yaml"], ["PyYAML","pandas"], 1.5))({})`
      )
    ).toBe(true);
  });

  it('drops names that are not module or distribution names before sending', () => {
    const { modules, distributions } = normalizeQuery({
      modules: [
        'os',
        'données',
        '__proto__',
        '../etc',
        'a b',
        '1abc',
        'x'.repeat(101),
        'a.b',
        7 as unknown as string
      ],
      distributions: [
        'scikit-learn',
        'zope.interface',
        'a_b',
        '-lead',
        'trail-',
        'a"b\\c',
        '../../etc/passwd',
        'é'
      ]
    });
    expect(modules).toEqual(['__proto__', 'données', 'os']);
    expect(distributions).toEqual(['a_b', 'scikit-learn', 'zope.interface']);
  });

  it(`sends at most ${MAX_PROBE_NAMES} names of each kind, however many the notebook names`, () => {
    const many = Array.from({ length: 20000 }, (_, i) => `pkg${i}`);
    const { modules, distributions } = normalizeQuery({
      modules: many,
      distributions: many
    });
    expect(modules).toHaveLength(MAX_PROBE_NAMES);
    expect(distributions).toHaveLength(MAX_PROBE_NAMES);
    expect(
      probeExpression({ modules: many, distributions: many }).length
    ).toBeLessThan(40000);
  });

  it('cleans a query without cutting it, for a caller that sends it in parts', () => {
    const many = Array.from({ length: 20000 }, (_, i) => `pkg${i}`);
    const { modules, distributions } = cleanQuery({
      modules: [...many, 'not a module', 'pkg1'],
      distributions: [...many, '', 'pkg1']
    });
    expect(modules).toEqual([...many].sort());
    expect(distributions).toEqual([...many].sort());
    expect(normalizeQuery({ modules: many, distributions: many })).toEqual({
      modules: modules.slice(0, MAX_PROBE_NAMES),
      distributions: distributions.slice(0, MAX_PROBE_NAMES)
    });
  });

  it('is one line: a lambda called on a fresh namespace', () => {
    const expression = probeExpression(query);
    expect(expression).not.toContain('\n');
    expect(expression.startsWith('(lambda g: exec(')).toBe(true);
  });

  it('keeps a module named __proto__ as a name like any other', () => {
    const q = { modules: ['__proto__'], distributions: ['__proto__'] };
    const parsed = parseProbeReply(
      replyWith({
        ...environment,
        moduleDistributions: JSON.parse('{"__proto__": ["evil"]}'),
        distributions: JSON.parse('{"__proto__": "1.0", "evil": "2.0"}')
      }),
      q
    );
    const env = (parsed as { environment: ILiveEnvironment }).environment;
    expect(Object.keys(env.moduleDistributions)).toEqual(['__proto__']);
    expect(env.moduleDistributions['__proto__']).toEqual(['evil']);
    expect(Object.getPrototypeOf(env.moduleDistributions)).toBe(
      Object.prototype
    );
    // `__proto__` is no distribution name (PEP 508): not asked, not kept.
    expect(env.distributions).toEqual({ evil: '2.0' });
  });

  it('leaves names a partial answer did not look up unknown, not "not installed"', () => {
    const partial = parseProbeReply(
      replyWith({
        ...environment,
        distributions: { PyYAML: '6.0.3' },
        partial: true
      }),
      query
    );
    expect(
      (partial as { environment: ILiveEnvironment }).environment.distributions
    ).toEqual({ PyYAML: '6.0.3' });
    const whole = parseProbeReply(
      replyWith({ ...environment, distributions: { PyYAML: '6.0.3' } }),
      query
    );
    expect(
      (whole as { environment: ILiveEnvironment }).environment.distributions
    ).toEqual({ PyYAML: '6.0.3', pandas: '' });
  });
});

describe('parseProbeReply', () => {
  it('reads the environment from the base64 JSON the kernel returns', () => {
    expect(parseProbeReply(replyWith(environment), query)).toEqual({
      ok: true,
      environment
    });
  });

  it('accepts a double-quoted repr', () => {
    expect(parseProbeReply(replyWith(environment, '"'), query)).toEqual({
      ok: true,
      environment
    });
  });

  it('answers for exactly the requested names, whatever the kernel sent', () => {
    const result = parseProbeReply(
      replyWith({
        ...environment,
        distributions: { PyYAML: 6, extra: '1.0' },
        moduleDistributions: {
          yaml: ['PyYAML', 'PyYAML', 3, ''],
          other: ['x']
        },
        loadedModules: ['zeta', 'alpha', 'zeta', 7]
      }),
      query
    );
    expect(result).toEqual({
      ok: true,
      environment: {
        ...environment,
        distributions: { PyYAML: '', pandas: '' },
        moduleDistributions: { yaml: ['PyYAML'], helpers: [] },
        loadedModules: ['alpha', 'zeta']
      }
    });
  });

  it('gives the versions of the distributions providing the requested modules', () => {
    const result = parseProbeReply(
      replyWith({
        ...environment,
        distributions: { protobuf: '4.25.0', other: '1' },
        moduleDistributions: { google: ['protobuf'] }
      }),
      { modules: ['google'], distributions: [] }
    );
    expect(result).toMatchObject({
      ok: true,
      environment: {
        distributions: { protobuf: '4.25.0' },
        moduleDistributions: { google: ['protobuf'] }
      }
    });
  });

  it('says a skipped request was aborted', () => {
    expect(parseProbeReply({ status: 'aborted' }, query)).toMatchObject({
      ok: false,
      reason: 'aborted'
    });
    expect(parseProbeReply({ status: 'abort' }, query)).toMatchObject({
      reason: 'aborted'
    });
  });

  it('gives the kernel error of an error reply', () => {
    const reply = {
      status: 'error',
      ename: 'KeyboardInterrupt',
      evalue: '',
      traceback: []
    };
    expect(parseProbeReply(reply, query)).toEqual({
      ok: false,
      reason: 'kernel-error',
      problem: 'error-reply',
      detail: 'KeyboardInterrupt'
    });
  });

  it('gives the kernel error of a failed expression', () => {
    const reply = {
      status: 'ok',
      user_expressions: {
        [PROBE_EXPRESSION_KEY]: {
          status: 'error',
          ename: 'NameError',
          evalue: "name 'exec' is not defined",
          traceback: ['...']
        }
      }
    };
    expect(parseProbeReply(reply, query)).toEqual({
      ok: false,
      reason: 'kernel-error',
      problem: 'expression-error',
      detail: "NameError: name 'exec' is not defined"
    });
  });

  it('gives the error the probe itself reported', () => {
    expect(
      parseProbeReply(
        replyWith({ ...environment, error: 'OSError: disk gone' }),
        query
      )
    ).toEqual({
      ok: false,
      reason: 'kernel-error',
      problem: 'expression-error',
      detail: 'OSError: disk gone'
    });
  });

  it.each([
    ['no content', undefined],
    ['null content', null],
    ['an unknown status', { status: 'maybe' }],
    ['no user_expressions', { status: 'ok', execution_count: 1 }],
    [
      'user_expressions without the probe',
      { status: 'ok', user_expressions: {} }
    ],
    [
      'a result without data',
      {
        status: 'ok',
        user_expressions: { [PROBE_EXPRESSION_KEY]: { status: 'ok' } }
      }
    ],
    ['text that is not a string', replyWithText(42)],
    ['text that is not quoted', replyWithText('eyJhIjogMX0=')],
    ['text that is not base64', replyWithText("'not base64!'")],
    ['base64 of the wrong length', replyWithText("'abc'")],
    [
      'base64 that is not JSON',
      replyWithText(`'${Buffer.from('{oops').toString('base64')}'`)
    ],
    ['JSON that is not an object', replyWith([1, 2])],
    ['JSON without python', replyWith({ ...environment, python: undefined })],
    [
      'a version that is not a string',
      replyWith({
        ...environment,
        python: { version: 3, implementation: 'CPython' }
      })
    ],
    ['no executable', replyWith({ ...environment, executable: null })],
    [
      'distributions as a list',
      replyWith({ ...environment, distributions: [] })
    ],
    [
      'loadedModules as an object',
      replyWith({ ...environment, loadedModules: {} })
    ]
  ])('calls a reply with %s malformed', (_, reply) => {
    const result = parseProbeReply(reply, query);
    expect(result.ok).toBe(false);
    expect(result).toMatchObject({ reason: 'malformed' });
  });

  it("names the problem with a code, and keeps only the kernel's own words", () => {
    expect(
      parseProbeReply(replyWith({ ...environment, executable: null }), query)
    ).toEqual({
      ok: false,
      reason: 'malformed',
      problem: 'malformed-shape',
      detail: ''
    });
    expect(parseProbeReply({ status: 'maybe' }, query)).toEqual({
      ok: false,
      reason: 'malformed',
      problem: 'bad-status',
      detail: 'maybe'
    });
  });
});

/**
 * The project's Python; the tests below need it (`make` creates it).
 */
const PYTHON = VENV_PYTHON;
const HAS_PYTHON = fs.existsSync(PYTHON);
const describePython = HAS_PYTHON ? describe : describe.skip;
const SKIPPED = HAS_PYTHON ? '' : ` (skipped: no ${PYTHON}, run make)`;
if (!HAS_PYTHON) {
  console.warn(
    `Skipping the probe's Python tests: ${PYTHON} does not exist (run make).`
  );
}

/**
 * Run a Python script with the project's Python; its stdout is JSON.
 */
function python(script: string, ...args: string[]): any {
  const run = spawnSync(PYTHON, ['-c', script, ...args], {
    encoding: 'utf-8',
    timeout: 120000
  });
  if (run.status !== 0) {
    throw new Error(`python failed (${run.status}): ${run.stderr}`);
  }
  return JSON.parse(run.stdout);
}

/**
 * The installed version of a distribution, asked directly.
 */
function installedVersion(name: string): string {
  return python(
    'import importlib.metadata as md, json, sys; print(json.dumps(md.version(sys.argv[1])))',
    name
  );
}

describePython(`the probe expression in the project Python${SKIPPED}`, () => {
  const pythonQuery = {
    modules: ['yaml', 'IPython', 'os', 'not_a_module_anywhere'],
    distributions: [
      'PyYAML',
      'ipykernel',
      'pytest',
      'Jupyter_Client',
      'not-a-distribution-anywhere'
    ]
  };

  // Evaluate the expression twice in __main__'s namespace, as IPython's
  // user_expressions do, and report what it returned and changed.
  const script = `
import json, sys
import __main__

ns = vars(__main__)
mine = {"mine", "snapshot", "out", "second", "cached", "md", "changed"}
snapshot = out = second = cached = md = changed = None
snapshot = dict(ns)
out = eval(sys.argv[1], ns)
import importlib.metadata as md
cached = hasattr(md, "_jupyterlab_nbproject_cache")
second = eval(sys.argv[1], ns)
changed = sorted(
    k for k in set(ns) | set(snapshot)
    if k not in mine and ns.get(k, ns) is not snapshot.get(k, snapshot)
)
print(json.dumps({"text": repr(out), "same": out == second, "cached": cached, "changed": changed}))
`;

  let result: any;
  beforeAll(() => {
    result = python(script, probeExpression(pythonQuery));
  });

  it('returns base64 JSON the parser reads', () => {
    const parsed = parseProbeReply(replyWithText(result.text), pythonQuery);
    expect(parsed.ok).toBe(true);
    const env = (parsed as { environment: ILiveEnvironment }).environment;
    expect(env.python.implementation).toBe('CPython');
    expect(env.python.version).toMatch(/^3\.\d+\.\d+/);
    expect(env.executable).toMatch(/python/);
    expect(env.prefix).toBe(VENV);
    expect(env.platform).toBe(
      process.platform === 'win32' ? 'win32' : process.platform
    );
  });

  it('gives real versions, also of module providers, and "" when not installed', () => {
    const env = (
      parseProbeReply(replyWithText(result.text), pythonQuery) as any
    ).environment as ILiveEnvironment;
    expect(env.distributions).toEqual({
      Jupyter_Client: installedVersion('jupyter-client'),
      PyYAML: installedVersion('PyYAML'),
      ipykernel: installedVersion('ipykernel'),
      ipython: installedVersion('ipython'),
      'not-a-distribution-anywhere': '',
      pytest: installedVersion('pytest')
    });
  });

  it('maps modules to the distributions that provide them', () => {
    const env = (
      parseProbeReply(replyWithText(result.text), pythonQuery) as any
    ).environment as ILiveEnvironment;
    expect(env.moduleDistributions).toEqual({
      IPython: ['ipython'],
      not_a_module_anywhere: [],
      os: [],
      yaml: ['PyYAML']
    });
  });

  it('changes no name in the user namespace', () => {
    expect(result.changed).toEqual([]);
  });

  it('keeps packages_distributions() on importlib.metadata and answers the same again', () => {
    expect(result.cached).toBe(true);
    expect(result.same).toBe(true);
  });

  it('compiles its program once per process, afresh when the program changed', () => {
    // A kernel still holding the program of an older extension.
    const out = python(
      `
import importlib.metadata as md, json, sys
md._jupyterlab_nbproject_code = ("old", compile("def probe(*a):\\n    return 'old'", "<string>", "exec"))
first = eval(sys.argv[1], {})
code = md._jupyterlab_nbproject_code
second = eval(sys.argv[1], {})
print(json.dumps({
    "text": repr(first),
    "same": first == second,
    "kept": md._jupyterlab_nbproject_code is code,
    "source": code[0],
}))
`,
      probeExpression(pythonQuery)
    );
    expect(parseProbeReply(replyWithText(out.text), pythonQuery)).toEqual(
      parseProbeReply(replyWithText(result.text), pythonQuery)
    );
    expect(out.same).toBe(true);
    expect(out.kept).toBe(true);
    expect(out.source).toBe(PROBE_SOURCE);
  });

  it('stops looking up versions at its deadline and says the answer is partial', () => {
    const names = Array.from({ length: 400 }, (_, i) => `not-installed-${i}`);
    const q = { modules: [], distributions: names };
    const run = (budget: number) =>
      python(
        `
import json, sys, time
start = time.monotonic()
text = repr(eval(sys.argv[1], {}))
print(json.dumps({"text": text, "seconds": time.monotonic() - start}))
`,
        probeExpression(q, budget)
      );
    // Warm the kernel-wide cache so the loop over names is what is timed.
    const cut = run(0);
    const env = (
      parseProbeReply(replyWithText(cut.text), q) as {
        environment: ILiveEnvironment;
      }
    ).environment;
    expect(Object.keys(env.distributions).length).toBeLessThan(names.length);
    const full = run(60000);
    const all = (
      parseProbeReply(replyWithText(full.text), q) as {
        environment: ILiveEnvironment;
      }
    ).environment;
    expect(Object.keys(all.distributions)).toHaveLength(names.length);
  }, 60000);

  it('answers the same the slow way, as on Python 3.8 and 3.9', () => {
    // No packages_distributions(), and the pre-3.10 version lookups.
    const old = python(
      `
import importlib.metadata as md, json, sys
del md.packages_distributions
sys.version_info = (3, 9, 0)
print(json.dumps(repr(eval(sys.argv[1], {}))))
`,
      probeExpression(pythonQuery)
    );
    expect(parseProbeReply(replyWithText(old), pythonQuery)).toEqual(
      parseProbeReply(replyWithText(result.text), pythonQuery)
    );
  });
});

describePython(`the probe against importlib.metadata itself${SKIPPED}`, () => {
  // Evaluate the probe for a query, after putting a folder of
  // distributions first on sys.path, and ask the standard library the same
  // questions in the same interpreter: what it maps every queried module
  // to, the installed version of every distribution named or providing one
  // of the modules, how many distributions there are, and how many
  // METADATA files the probe read.
  const script = `
import base64, collections, json, sys
import importlib.metadata as md

folder, expression, modules, distributions = sys.argv[1:5]
if folder:
    sys.path.insert(0, folder)
reads = collections.Counter()
read_text = md.PathDistribution.read_text


def counting(self, filename):
    reads[filename] += 1
    return read_text(self, filename)


md.PathDistribution.read_text = counting
text = eval(expression, {})
md.PathDistribution.read_text = read_text
provided = md.packages_distributions()


def version(name):
    try:
        return md.version(name) or ""
    except Exception:
        return ""


mapped = dict(
    (name, [d for d in dict.fromkeys(provided.get(name, [])) if isinstance(d, str) and d])
    for name in json.loads(modules)
)
named = json.loads(distributions) + [d for ds in mapped.values() for d in ds]
print(json.dumps({
    "text": repr(text),
    "modules": mapped,
    "versions": dict((name, version(name)) for name in named),
    "installed": len(list(md.distributions())),
    "metadataReads": reads["METADATA"],
}))
`;

  /**
   * The probe's answer and the standard library's, for one query.
   */
  function both(
    q: { modules: string[]; distributions: string[] },
    folder = ''
  ): {
    env: ILiveEnvironment;
    modules: Record<string, string[]>;
    versions: Record<string, string>;
    installed: number;
    metadataReads: number;
  } {
    const out = python(
      script,
      folder,
      probeExpression(q),
      JSON.stringify(q.modules),
      JSON.stringify(q.distributions)
    );
    const parsed = parseProbeReply(replyWithText(out.text), q);
    if (!parsed.ok) {
      throw new Error(`${parsed.reason}: ${parsed.detail}`);
    }
    return { ...out, env: parsed.environment };
  }

  it('maps every module of the environment as packages_distributions() does, with the same versions', () => {
    const modules: string[] = python(
      'import importlib.metadata as md, json; print(json.dumps(sorted(k for k in md.packages_distributions() if k.isidentifier())))'
    ).slice(0, MAX_PROBE_NAMES - 2);
    expect(modules.length).toBeGreaterThan(50);
    const q = {
      modules: [...modules, 'os', 'not_a_module_anywhere'],
      distributions: []
    };
    const { env, modules: expected, versions } = both(q);
    expect(env.moduleDistributions).toEqual(expected);
    expect(env.distributions).toEqual(versions);
  });

  it('reads the metadata of the distributions that provide the modules, not of every one', () => {
    const { env, installed, metadataReads } = both({
      modules: ['yaml'],
      distributions: ['ipykernel']
    });
    expect(env.moduleDistributions).toEqual({ yaml: ['PyYAML'] });
    expect(installed).toBeGreaterThan(20);
    // PyYAML's name and version, ipykernel's version.
    expect(metadataReads).toBeLessThanOrEqual(4);
  });

  describe('distributions written in every way the standard library reads', () => {
    let folder: string;
    const write = (file: string, text: string) => {
      const full = path.join(folder, file);
      fs.mkdirSync(path.dirname(full), { recursive: true });
      fs.writeFileSync(full, text);
    };
    beforeAll(() => {
      folder = fs.mkdtempSync(path.join(os.tmpdir(), 'nbproject-dists-'));
      const description = `\n\n${'A long description.\n'.repeat(20)}Name: not-this\nVersion: 99\n`;
      // Quoted paths, "./", an extension module, a file without suffix.
      write(
        'alpha_pkg-1.0.dist-info/METADATA',
        `Metadata-Version: 2.1\nName: Alpha_Pkg\nVersion: 1.0${description}`
      );
      write(
        'alpha_pkg-1.0.dist-info/RECORD',
        '"alphamod/__init__.py",sha256=x,1\n./alphatwo/x.py,,\nalphaext.cpython-311-x86_64-linux-gnu.so,,\nalphascript,,\n"we,ird/x.py",,\n'
      );
      // Windows line ends in the metadata and the file list.
      write(
        'beta-2.0.dist-info/METADATA',
        'Metadata-Version: 2.1\r\nName: beta\r\nVersion: 2.0\r\n\r\nName: not-this\r\n'
      );
      write(
        'beta-2.0.dist-info/RECORD',
        'betamod/__init__.py,,\r\nbetasingle.py,,\r\n'
      );
      // A module two distributions provide, one of them twice.
      write('gamma-3.0.dist-info/METADATA', 'Name: gamma\nVersion: 3.0\n');
      write(
        'gamma-3.0.dist-info/top_level.txt',
        'gammamod\ngammamod\nshared\n'
      );
      write('gamma-3.0.dist-info/RECORD', 'whatever/x.py,,\n');
      write(
        'delta-4.0.dist-info/METADATA',
        `Name: delta\nVersion: 4.0${description}`
      );
      write('delta-4.0.dist-info/top_level.txt', 'shared\n');
      // Egg-info: installed-files.txt, SOURCES.txt.
      write(
        'eps-5.0-py3.11.egg-info/PKG-INFO',
        `Metadata-Version: 1.1\nName: eps\nVersion: 5.0${description}`
      );
      write(
        'eps-5.0-py3.11.egg-info/installed-files.txt',
        '../epsmod/__init__.py\n../epssingle.py\nPKG-INFO\n'
      );
      write('zeta-6.0-py3.11.egg-info/PKG-INFO', 'Name: zeta\nVersion: 6.0\n');
      write(
        'zeta-6.0-py3.11.egg-info/SOURCES.txt',
        'setup.py\nzetamod/__init__.py\n'
      );
      // Metadata starting with a blank line (no name then), a
      // folded name, an empty RECORD, lines ended by a lone CR or a form
      // feed, two Name headers.
      write('theta-8.0.dist-info/METADATA', '\nName: wrongtheta\n');
      write('theta-8.0.dist-info/PKG-INFO', 'Name: theta\nVersion: 8.0\n');
      write('theta-8.0.dist-info/RECORD', 'thetamod.py,,\n');
      write(
        'iota-9.0.dist-info/METADATA',
        'Name: iota\n folded\nVersion: 9.0\n\nVersion: 99\n'
      );
      write('iota-9.0.dist-info/RECORD', 'iotamod/__init__.py,,\n');
      write('kappa-1.0.dist-info/METADATA', 'Name: kappa\nVersion: 1.0\n\n');
      write('kappa-1.0.dist-info/RECORD', '');
      write('lam-1.0.dist-info/METADATA', 'Name: lam\nVersion: 1.0\n\n');
      write(
        'lam-1.0.dist-info/RECORD',
        'lammod/__init__.py,,\rlamtwo/x.py,,\fnutwo/y.py,,\n'
      );
      write(
        'mu-1.0.dist-info/METADATA',
        'NAME: mu-first\nName: mu-second\nVersion: 1.0\n\n'
      );
      write('mu-1.0.dist-info/top_level.txt', 'mumod\n');
    });
    afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

    it('gives the same modules and versions as the standard library', () => {
      const q = {
        modules: [
          'alphamod',
          'alphatwo',
          'alphaext',
          'alphascript',
          'we',
          'betamod',
          'betasingle',
          'gammamod',
          'shared',
          'whatever',
          'epsmod',
          'epssingle',
          'zetamod',
          'setup',
          'thetamod',
          'iotamod',
          'kappa',
          'lammod',
          'lamtwo',
          'nutwo',
          'mumod',
          'not_here'
        ],
        distributions: [
          'Alpha_Pkg',
          'alpha-pkg',
          'beta',
          'gamma',
          'delta',
          'eps',
          'zeta',
          'theta',
          'wrongtheta',
          'iota',
          'kappa',
          'lam',
          'mu',
          'mu-first',
          'mu-second',
          'missing'
        ]
      };
      const { env, modules, versions } = both(q, folder);
      expect(env.moduleDistributions).toEqual(modules);
      expect([...env.moduleDistributions['shared']].sort()).toEqual([
        'delta',
        'gamma'
      ]);
      expect(env.distributions).toEqual(versions);
      expect(env.distributions['delta']).toBe('4.0');
      expect(env.distributions['eps']).toBe('5.0');
    });
  });
});

describePython(`a probe in a real ipykernel${SKIPPED}`, () => {
  const kernelQuery = {
    modules: ['yaml'],
    distributions: ['ipykernel', 'PyYAML']
  };

  // Run cells and the probe through jupyter_client, and report the
  // execution counts, the user namespace, `_` and the history around it.
  const script = `
import json, sys
from jupyter_client.manager import start_new_kernel

request = json.loads(sys.argv[1])
km, kc = start_new_kernel(kernel_name="python3", startup_timeout=60)


def run(code, **options):
    msg_id = kc.execute(code, **options)
    while True:
        reply = kc.get_shell_msg(timeout=60)
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply["content"]


def look():
    return run("", silent=True, store_history=False, user_expressions={
        "names": "sorted(k for k in globals() if not k.startswith('_'))",
        "last": "_",
        "history": "len(In)",
    })["user_expressions"]


def probe():
    return run(
        request["code"],
        silent=request["silent"],
        store_history=request["store_history"],
        user_expressions=request["user_expressions"],
        allow_stdin=request["allow_stdin"],
        stop_on_error=request["stop_on_error"],
    )


try:
    early = probe()
    first = run("import yaml\\nx = 1234\\nx")
    before = look()
    later = probe()
    after = look()
    last = run("y = 2")
    # As if the kernel had run cells before its first probe.
    run("", silent=True, store_history=False, user_expressions={
        "drop": "delattr(__import__('importlib.metadata').metadata, '_jupyterlab_nbproject_cache')",
    })
    late = probe()
    print(json.dumps({
        "counts": [first["execution_count"], last["execution_count"]],
        "early": early,
        "later": later,
        "late": late,
        "before": before,
        "after": after,
    }))
finally:
    kc.stop_channels()
    km.shutdown_kernel(now=True)
`;

  let result: any;
  beforeAll(() => {
    result = python(script, JSON.stringify(probeRequest(kernelQuery)));
  }, 120000);

  const envOf = (reply: unknown): ILiveEnvironment => {
    const parsed = parseProbeReply(reply, kernelQuery);
    if (!parsed.ok) {
      throw new Error(`${parsed.reason}: ${parsed.detail}`);
    }
    return parsed.environment;
  };

  it('reads the kernel environment from the reply', () => {
    const env = envOf(result.later);
    expect(env.distributions).toEqual({
      PyYAML: installedVersion('PyYAML'),
      ipykernel: installedVersion('ipykernel')
    });
    expect(env.moduleDistributions).toEqual({ yaml: ['PyYAML'] });
  });

  it('lists exactly the modules cells loaded when first probed before any cell ran', () => {
    expect(envOf(result.early).loadedModules).toEqual([]);
    expect(envOf(result.later).loadedModules).toEqual(['yaml']);
  });

  it('leaves out the kernel machinery when first probed after cells ran', () => {
    const loaded = envOf(result.late).loadedModules;
    expect(loaded).toContain('yaml');
    for (const machinery of [
      'ipykernel',
      'IPython',
      'zmq',
      'tornado',
      'traitlets',
      'jupyter_client'
    ]) {
      expect(loaded).not.toContain(machinery);
    }
  });

  it('leaves execution counts, names, _ and history as they were', () => {
    expect(result.counts).toEqual([1, 2]);
    expect(result.after).toEqual(result.before);
    expect(result.before.last.data['text/plain']).toBe('1234');
  });
});
