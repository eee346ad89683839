// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import {
  ENVIRONMENT_EXPRESSION_KEY,
  environmentExpression,
  environmentRequest,
  IEnvironmentReport,
  MAX_ENVIRONMENT_ENTRIES,
  parseEnvironmentReply
} from '../../../core/kernel/environmentRequest';
import {
  parseUvReply,
  UV_EXPRESSION_KEY,
  uvRequest
} from '../../../core/kernel/uvRequest';
import { VENV_PYTHON } from '../../../../testutils/paths';

function replyWithText(text: unknown): Record<string, unknown> {
  return {
    status: 'ok',
    user_expressions: {
      [ENVIRONMENT_EXPRESSION_KEY]: {
        status: 'ok',
        data: { 'text/plain': text },
        metadata: {}
      }
    }
  };
}

function replyWith(payload: unknown): Record<string, unknown> {
  const encoded = Buffer.from(JSON.stringify(payload)).toString('base64');
  return replyWithText(`'${encoded}'`);
}

const payload = {
  python: { version: '3.11.7', implementation: 'CPython' },
  platform: 'linux-x86_64',
  partial: false,
  conda: null,
  distributions: [
    {
      name: 'pandas',
      version: '2.2.2',
      installer: 'pip',
      requires: ['numpy', 'python-dateutil']
    },
    {
      name: 'mylib',
      version: '0.1',
      installer: 'pip',
      requires: [],
      source: {
        kind: 'vcs',
        url: 'https://example.org/mylib.git',
        vcs: 'git',
        commit: 'abc123'
      }
    },
    { name: 'numpy', version: '1.26.4', installer: 'uv', requires: [] }
  ]
};

describe('environmentRequest', () => {
  it('asks silently, without code or history, through one user expression', () => {
    const content = environmentRequest();
    expect(content).toMatchObject({
      code: '',
      silent: true,
      store_history: false,
      allow_stdin: false,
      stop_on_error: false
    });
    expect(Object.keys(content.user_expressions)).toEqual([
      ENVIRONMENT_EXPRESSION_KEY
    ]);
    expect(content.user_expressions[ENVIRONMENT_EXPRESSION_KEY]).toBe(
      environmentExpression()
    );
  });

  it('runs no subprocess and opens no connection', () => {
    const expression = environmentExpression();
    for (const word of [
      'subprocess',
      'socket',
      'urllib',
      'os.system',
      'popen'
    ]) {
      expect(expression).not.toContain(word);
    }
  });
});

describe('parseEnvironmentReply', () => {
  it('reads every distribution, sorted by PEP 503 name, with its source', () => {
    const result = parseEnvironmentReply(replyWith(payload));
    expect(result.ok).toBe(true);
    const report = (result as { report: IEnvironmentReport }).report;
    expect(report.distributions.map(d => d.name)).toEqual([
      'mylib',
      'numpy',
      'pandas'
    ]);
    expect(report.distributions[0].source).toEqual(
      payload.distributions[1].source
    );
    expect(report.distributions[1].installer).toBe('uv');
    expect(report.platform).toBe('linux-x86_64');
    expect(report.conda).toBeNull();
  });

  it('keeps the first of two spellings of one name and drops invalid entries', () => {
    const result = parseEnvironmentReply(
      replyWith({
        ...payload,
        distributions: [
          { name: 'Py_YAML', version: '6.0', installer: 'pip', requires: [] },
          { name: 'py-yaml', version: '5.0', installer: 'pip', requires: [] },
          { name: '', version: '1', installer: 'pip' },
          { name: 'no-version', version: '' },
          { name: 'bad name!', version: '1' },
          'text',
          null,
          { name: 'ok', version: '1', requires: ['Not Valid!', 'Ok_Two'] }
        ]
      })
    ) as { report: IEnvironmentReport };
    expect(
      result.report.distributions.map(d => [d.name, d.version, d.requires])
    ).toEqual([
      ['ok', '1', ['ok-two']],
      ['Py_YAML', '6.0', []]
    ]);
  });

  it('caps what a hostile kernel sends', () => {
    const many = Array.from(
      { length: MAX_ENVIRONMENT_ENTRIES + 50 },
      (_, i) => ({
        name: `p${i}`,
        version: 'x'.repeat(400),
        requires: []
      })
    );
    const result = parseEnvironmentReply(
      replyWith({ ...payload, distributions: many })
    ) as { report: IEnvironmentReport };
    expect(result.report.distributions).toHaveLength(MAX_ENVIRONMENT_ENTRIES);
    expect(result.report.distributions[0].version.length).toBeLessThanOrEqual(
      300
    );
  });

  it.each([
    ['no content', undefined],
    ['an error reply', { status: 'error', ename: 'E', evalue: 'v' }],
    ['not base64', replyWithText('nope')],
    ['JSON of the wrong shape', replyWith([1, 2])],
    ['no distributions', replyWith({ ...payload, distributions: {} })],
    ['the kernel said what failed', replyWith({ error: 'boom' })]
  ])('never throws on %s', (_, content) => {
    const result = parseEnvironmentReply(content);
    expect(result.ok).toBe(false);
  });
});

const HAS_PYTHON = fs.existsSync(VENV_PYTHON);
const describePython = HAS_PYTHON ? describe : describe.skip;

/**
 * Evaluate the expression in the project's Python as IPython's
 * `user_expressions` do, in `__main__`'s namespace; report its repr and
 * the names it changed there.
 */
function evaluate(
  expression: string,
  env: NodeJS.ProcessEnv = process.env
): any {
  const run = spawnSync(
    VENV_PYTHON,
    [
      '-c',
      `
import json, sys
import __main__
ns = vars(__main__)
before = dict(ns)
out = eval(sys.argv[1], ns)
changed = sorted(k for k in ns if k not in before and k not in ("before", "out"))
print(json.dumps({"text": repr(out), "changed": changed}))
`,
      expression
    ],
    { encoding: 'utf-8', timeout: 120000, env }
  );
  if (run.status !== 0) {
    throw new Error(run.stderr);
  }
  return JSON.parse(run.stdout);
}

describePython('the environment expression in the project Python', () => {
  it('lists what importlib.metadata lists, and leaves the user namespace alone', () => {
    const result = evaluate(environmentExpression());
    expect(result.changed).toEqual([]);
    const parsed = parseEnvironmentReply(replyWithText(result.text));
    expect(parsed.ok).toBe(true);
    const report = (parsed as { report: IEnvironmentReport }).report;
    const direct = spawnSync(
      VENV_PYTHON,
      [
        '-c',
        'import importlib.metadata as md, json; print(json.dumps({d.metadata["Name"].lower().replace("_", "-"): d.version for d in md.distributions()}))'
      ],
      { encoding: 'utf-8' }
    );
    const expected = JSON.parse(direct.stdout);
    const got = Object.fromEntries(
      report.distributions.map(d => [
        d.name.toLowerCase().replace(/[-_.]+/g, '-'),
        d.version
      ])
    );
    for (const [name, version] of Object.entries(expected)) {
      expect([name, got[name.replace(/[-_.]+/g, '-')]]).toEqual([
        name,
        version
      ]);
    }
    expect(report.partial).toBe(false);
    expect(report.python.implementation).toBe('CPython');
    expect(report.platform).not.toBe('');
    const ipykernel = report.distributions.find(d => d.name === 'ipykernel');
    expect(ipykernel?.installer).toBe('pip');
    // ipykernel requires jupyter_client, unconditionally.
    expect(ipykernel?.requires).toContain('jupyter-client');
    expect(report.conda).toBeNull();
  }, 60000);

  it('reads direct_url.json and conda-meta of an environment made for the test', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'nbproject-env-'));
    try {
      const site = path.join(root, 'site');
      const write = (file: string, text: string) => {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, text);
      };
      const info = path.join(site, 'mylib-0.1.dist-info');
      write(
        path.join(info, 'METADATA'),
        'Metadata-Version: 2.1\nName: mylib\nVersion: 0.1\nRequires-Dist: numpy\nRequires-Dist: pytest ; extra == "test"\n'
      );
      write(path.join(info, 'INSTALLER'), 'uv\n');
      write(
        path.join(info, 'direct_url.json'),
        JSON.stringify({
          url: 'https://example.org/mylib.git',
          vcs_info: {
            vcs: 'git',
            commit_id: 'abc123',
            requested_revision: 'main'
          }
        })
      );
      const local = path.join(site, 'local-1.0.dist-info');
      write(path.join(local, 'METADATA'), 'Name: local\nVersion: 1.0\n');
      write(
        path.join(local, 'direct_url.json'),
        JSON.stringify({
          url: 'file:///src/local',
          dir_info: { editable: true }
        })
      );
      // A conda environment: sys.prefix holds conda-meta.
      write(
        path.join(root, 'prefix', 'conda-meta', 'numpy-1.26.4-py311_0.json'),
        JSON.stringify({
          name: 'numpy',
          version: '1.26.4',
          build: 'py311_0',
          channel: 'https://conda.anaconda.org/conda-forge/linux-64',
          files: ['lib/x']
        })
      );
      write(path.join(root, 'prefix', 'conda-meta', 'history'), 'not json');
      const result = evaluate(
        `(lambda: (__import__("sys").__setattr__("prefix", ${JSON.stringify(path.join(root, 'prefix'))}), ${environmentExpression()})[1])()`,
        { ...process.env, PYTHONPATH: site }
      );
      const report = (
        parseEnvironmentReply(replyWithText(result.text)) as {
          report: IEnvironmentReport;
        }
      ).report;
      const mylib = report.distributions.find(d => d.name === 'mylib');
      expect(mylib).toEqual({
        name: 'mylib',
        version: '0.1',
        installer: 'uv',
        requires: ['numpy'],
        source: {
          kind: 'vcs',
          url: 'https://example.org/mylib.git',
          vcs: 'git',
          commit: 'abc123',
          revision: 'main'
        }
      });
      expect(
        report.distributions.find(d => d.name === 'local')?.source
      ).toEqual({
        kind: 'directory',
        url: 'file:///src/local',
        editable: true
      });
      expect(report.conda).toEqual([
        {
          name: 'numpy',
          version: '1.26.4',
          build: 'py311_0',
          channel: 'https://conda.anaconda.org/conda-forge/linux-64'
        }
      ]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  }, 60000);

  it('stops at its deadline and says the list is partial', () => {
    const result = evaluate(environmentExpression(0));
    const report = (
      parseEnvironmentReply(replyWithText(result.text)) as {
        report: IEnvironmentReport;
      }
    ).report;
    expect(report.partial).toBe(true);
    expect(report.distributions).toEqual([]);
  }, 60000);
});

describePython('where uv is, asked of the project Python', () => {
  const ask = (PATH: string) => {
    const request = uvRequest();
    expect(request).toMatchObject({ code: '', silent: true });
    const result = evaluate(request.user_expressions[UV_EXPRESSION_KEY], {
      ...process.env,
      PATH
    });
    expect(result.changed).toEqual([]);
    return parseUvReply({
      status: 'ok',
      user_expressions: {
        [UV_EXPRESSION_KEY]: {
          status: 'ok',
          data: { 'text/plain': result.text }
        }
      }
    });
  };

  it('finds uv on the PATH, and says "" when it is not there', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nbproject-uv-'));
    try {
      const uv = path.join(dir, 'uv');
      fs.writeFileSync(uv, '#!/bin/sh\n');
      fs.chmodSync(uv, 0o755);
      expect(ask(dir)).toBe(uv);
      expect(ask(path.join(dir, 'nowhere'))).toBe('');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads no answer from a reply that does not give one', () => {
    expect(parseUvReply({ status: 'aborted' })).toBeNull();
    const encoded = (payload: unknown) =>
      `'${Buffer.from(JSON.stringify(payload)).toString('base64')}'`;
    const reply = (payload: unknown) => ({
      status: 'ok',
      user_expressions: {
        [UV_EXPRESSION_KEY]: {
          status: 'ok',
          data: { 'text/plain': encoded(payload) }
        }
      }
    });
    expect(parseUvReply(reply({ uv: '/bin/uv' }))).toBe('/bin/uv');
    expect(parseUvReply(reply({ uv: 1 }))).toBeNull();
    expect(parseUvReply(reply(['/bin/uv']))).toBeNull();
  });
});
