// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { ExitCode, ICliIO, main } from '../../cli/main';
import { readPep723 } from '../../core/packages/pep723';
import { buildCliIfStale, ROOT, runBin } from './cliBuild';
import { FIXTURES } from '../../../testutils/paths';

const PYTHON = path.join(ROOT, '.venv', 'bin', 'python');
const HAS_PYTHON = fs.existsSync(PYTHON);
if (!HAS_PYTHON) {
  console.warn(
    `Skipping the check that tomllib reads the notebook export wrote: ${PYTHON} does not exist (run make).`
  );
}

/**
 * A notebook as nbformat writes it, tracked, with a Python version.
 */
function notebook(
  options: { cells?: unknown[]; pypackage?: unknown; indent?: number } = {}
): string {
  const value = {
    cells: options.cells ?? [
      {
        cell_type: 'markdown',
        id: 'title',
        metadata: {},
        source: ['# Iris\n']
      },
      {
        cell_type: 'code',
        execution_count: 1,
        id: 'imports',
        metadata: {},
        outputs: [],
        source: ['import numpy as np\n', 'import pandas, rich']
      }
    ],
    metadata: {
      kernelspec: {
        display_name: 'Python 3',
        language: 'python',
        name: 'python3'
      },
      language_info: { name: 'python', version: '3.11.7' },
      nbproject: {
        id: 'Kx3vQ9TmPz1a',
        parent: null,
        pypackage:
          'pypackage' in options
            ? options.pypackage
            : { pandas: '2.2.2', numpy: '1.26.4', tomli: '' },
        time_init: '2024-03-01T09:30:00.123456+00:00',
        user_handle: null,
        user_id: null,
        user_name: null,
        version: '3'
      }
    },
    nbformat: 4,
    nbformat_minor: 5
  };
  return `${JSON.stringify(value, null, options.indent ?? 1)}\n`;
}

/**
 * Run the program in memory on a file system of `files`; what it writes
 * goes there too.
 */
function run(args: string[], files: Record<string, string>) {
  let stdout = '';
  let stderr = '';
  const written: Record<string, string> = {};
  const io: ICliIO = {
    stdout: text => (stdout += text),
    stderr: text => (stderr += text),
    readFile: file => {
      if (file in files) {
        return files[file];
      }
      throw Object.assign(new Error(`ENOENT: no such file, open '${file}'`), {
        code: 'ENOENT'
      });
    },
    writeFile: (file, text) => {
      files[file] = text;
      written[file] = text;
    }
  };
  const status = main(args, io);
  return { status, stdout, stderr, written };
}

describe('nbproject-lab export --lock', () => {
  const locked = (environment: unknown) =>
    JSON.stringify({
      cells: [],
      metadata: { jupyterlab_nbproject: { schema_version: 1, environment } },
      nbformat: 4,
      nbformat_minor: 5
    });
  const environment = {
    python: '3.11.7',
    implementation: 'CPython',
    platform: 'linux-x86_64',
    installer: 'pip',
    packages: ['numpy==1.26.4', 'pandas==2.2.2'],
    sha256: 'ab'.repeat(32)
  };

  it('writes pylock.toml and requirements.lock.txt beside the notebook, saying what changed', () => {
    const files: Record<string, string> = {
      'work/iris.ipynb': locked(environment),
      'work/requirements.lock.txt': 'numpy==1.26.3\nsix==1.16.0\n'
    };
    const { status, stdout, written } = run(
      ['export', '--lock', '--write', 'work/iris.ipynb'],
      files
    );
    expect(status).toBe(ExitCode.Ok);
    expect(Object.keys(written).sort()).toEqual([
      'work/pylock.toml',
      'work/requirements.lock.txt'
    ]);
    expect(written['work/pylock.toml']).toContain(
      '[[packages]]\nname = "pandas"\nversion = "2.2.2"\n'
    );
    expect(stdout).toBe(
      [
        'Wrote work/pylock.toml: new file, 2 packages',
        '  + numpy==1.26.4',
        '  + pandas==2.2.2',
        'Wrote work/requirements.lock.txt: 1 added, 1 changed, 1 removed, 0 unchanged',
        '  + pandas==2.2.2',
        '  - six==1.16.0',
        '  ~ numpy: ==1.26.3 -> ==1.26.4',
        ''
      ].join('\n')
    );
    const again = run(
      ['export', '--lock', '--write', 'work/iris.ipynb'],
      files
    );
    expect(again.written).toEqual({});
    expect(again.stdout).toBe(
      'work/pylock.toml: up to date\nwork/requirements.lock.txt: up to date\n'
    );
  });

  it('prints the files without --write, environment.yml too for conda', () => {
    const { status, stdout, written } = run(['export', '--lock', 'nb.ipynb'], {
      'nb.ipynb': locked({
        ...environment,
        conda: ['conda-forge::numpy==1.26.4=py311_0']
      })
    });
    expect(status).toBe(ExitCode.Ok);
    expect(written).toEqual({});
    expect(stdout.match(/^==> .* <==$/gm)).toEqual([
      '==> pylock.toml <==',
      '==> requirements.lock.txt <==',
      '==> environment.yml <=='
    ]);
    expect(stdout).toContain('  - conda-forge::numpy=1.26.4=py311_0\n');
  });

  it('fails (exit 1) for a notebook without a snapshot, writing nothing', () => {
    const { status, stderr, written } = run(
      ['export', '--lock', '--write', 'nb.ipynb'],
      { 'nb.ipynb': notebook() }
    );
    expect(status).toBe(ExitCode.Failed);
    expect(written).toEqual({});
    expect(stderr).toContain('stores no environment snapshot');
  });
});

describe('nbproject-lab export --requirements', () => {
  it('prints a requirements.txt of the stored versions, and writes nothing', () => {
    const { status, stdout, stderr, written } = run(
      ['export', '--requirements', 'iris.ipynb'],
      {
        'iris.ipynb': notebook()
      }
    );
    expect(status).toBe(ExitCode.Ok);
    expect(written).toEqual({});
    expect(stdout).toBe(
      [
        '# Requirements of notebook Kx3vQ9TmPz1a, version 3 (iris.ipynb).',
        '# Written by jupyterlab-nbproject; install with: pip install -r requirements.txt',
        'numpy==1.26.4',
        'pandas==2.2.2',
        'tomli',
        ''
      ].join('\n')
    );
    expect(stderr).toBe(
      'nbproject-lab: iris.ipynb: warning: Imported but not stored, so not exported: rich.\n'
    );
  });

  it('writes requirements.txt beside the notebook with --write, then finds it up to date', () => {
    const files = { 'work/iris.ipynb': notebook() };
    const first = run(
      ['export', '--write', '--requirements', 'work/iris.ipynb'],
      files
    );
    expect(first.status).toBe(ExitCode.Ok);
    expect(Object.keys(first.written)).toEqual([
      path.join('work', 'requirements.txt')
    ]);
    expect(first.stdout).toBe(
      [
        `Wrote ${path.join('work', 'requirements.txt')}: new file, 3 packages`,
        '  + numpy==1.26.4',
        '  + pandas==2.2.2',
        '  + tomli',
        ''
      ].join('\n')
    );
    const second = run(
      ['export', '--requirements', '--write', 'work/iris.ipynb'],
      files
    );
    expect(second.written).toEqual({});
    expect(second.stdout).toBe(
      `${path.join('work', 'requirements.txt')}: up to date\n`
    );
  });

  it('updates an existing file, keeping its pip options and saying what changes and what is dropped', () => {
    const files = {
      'iris.ipynb': notebook(),
      'requirements.txt': [
        '# old header',
        '--extra-index-url https://pypi.example/simple',
        'numpy==1.26.0',
        'scipy==1.13.0',
        'pandas==2.2.2',
        './vendored/thing.whl'
      ].join('\n')
    };
    const { status, stdout, stderr, written } = run(
      ['export', '--requirements', '--write', 'iris.ipynb'],
      files
    );
    expect(status).toBe(ExitCode.Ok);
    expect(stdout).toBe(
      [
        'Wrote requirements.txt: 1 added, 1 changed, 1 removed, 1 unchanged',
        '  + tomli',
        '  - scipy==1.13.0',
        '  ~ numpy: ==1.26.0 -> ==1.26.4',
        '  = 1 unchanged',
        ''
      ].join('\n')
    );
    expect(written['requirements.txt'].split('\n').slice(2)).toEqual([
      '--extra-index-url https://pypi.example/simple',
      'numpy==1.26.4',
      'pandas==2.2.2',
      'tomli',
      ''
    ]);
    // Named by a masked excerpt: the line is not echoed.
    expect(stderr).toContain(
      'nbproject-lab: iris.ipynb: warning: 1 line of the existing requirements.txt is not kept (not a requirement or a pip option; the first begins "./ve******/*****.***").\n'
    );
  });

  it('exits 2 when requirements.txt exists but cannot be read', () => {
    let stderr = '';
    const status = main(['export', '--requirements', 'iris.ipynb'], {
      stdout: () => undefined,
      stderr: text => (stderr += text),
      readFile: file => {
        if (file === 'iris.ipynb') {
          return notebook();
        }
        throw Object.assign(new Error('EACCES: permission denied'), {
          code: 'EACCES'
        });
      }
    });
    expect(status).toBe(ExitCode.BadInput);
    expect(stderr).toBe(
      'nbproject-lab: requirements.txt: cannot read (permission denied)\n'
    );
  });
});

describe('nbproject-lab export --pep723', () => {
  it("prints the notebook with a PEP 723 cell in juv's layout before the first code cell", () => {
    const { status, stdout, written } = run(
      ['export', '--pep723', 'iris.ipynb'],
      { 'iris.ipynb': notebook() }
    );
    expect(status).toBe(ExitCode.Ok);
    expect(written).toEqual({});
    const printed = JSON.parse(stdout);
    expect(stdout.startsWith('{\n "cells": [\n  {\n')).toBe(true);
    expect(printed.cells).toHaveLength(3);
    const [title, cell, code] = printed.cells;
    expect(title.id).toBe('title');
    expect(code.id).toBe('imports');
    expect(Object.keys(cell)).toEqual([
      'cell_type',
      'execution_count',
      'id',
      'metadata',
      'outputs',
      'source'
    ]);
    expect(cell).toEqual({
      cell_type: 'code',
      execution_count: null,
      id: expect.stringMatching(/^[0-9A-Za-z]{12}$/),
      metadata: { jupyter: { source_hidden: true } },
      outputs: [],
      source: [
        '# /// script\n',
        '# requires-python = ">=3.11"\n',
        '# dependencies = [\n',
        '#     "numpy==1.26.4",\n',
        '#     "pandas==2.2.2",\n',
        '#     "tomli",\n',
        '# ]\n',
        '# ///'
      ]
    });
  });

  it('updates the notebook in place with --write, then finds it up to date', () => {
    const files: Record<string, string> = {
      'iris.ipynb': notebook({ indent: 2 })
    };
    const first = run(['export', '--pep723', '--write', 'iris.ipynb'], files);
    expect(first.status).toBe(ExitCode.Ok);
    expect(first.stdout).toBe(
      [
        'Updated iris.ipynb: inserted a PEP 723 cell as cell 2',
        '  requires-python: (none) -> >=3.11',
        '  + numpy==1.26.4',
        '  + pandas==2.2.2',
        '  + tomli',
        ''
      ].join('\n')
    );
    expect(files['iris.ipynb'].startsWith('{\n  "cells": [\n')).toBe(true);
    const second = run(['export', '--pep723', '--write', 'iris.ipynb'], files);
    expect(second.written).toEqual({});
    expect(second.stdout).toBe('iris.ipynb: up to date\n');

    const read = readPep723(JSON.parse(files['iris.ipynb']).cells);
    expect(read.problems).toEqual([]);
    expect(read.block!.metadata.dependencies.map(d => d.text)).toEqual([
      'numpy==1.26.4',
      'pandas==2.2.2',
      'tomli'
    ]);
  });

  it('updates an existing block, keeping the rest of the notebook and the form of its source', () => {
    const cells = [
      {
        cell_type: 'code',
        execution_count: 4,
        id: 'deps',
        metadata: { tags: ['env'] },
        outputs: [],
        source:
          '# /// script\n# requires-python = ">=3.9"\n# dependencies = ["numpy==1.26.0"]\n#\n# [tool.uv]\n# exclude-newer = "2024-06-01T00:00:00Z"\n# ///'
      },
      {
        cell_type: 'code',
        execution_count: 5,
        id: 'c',
        metadata: {},
        outputs: [],
        source: 'import numpy'
      }
    ];
    const files: Record<string, string> = {
      'nb.ipynb': notebook({ cells, pypackage: { numpy: '1.26.4' } })
    };
    const { status, stdout } = run(
      ['export', '--pep723', '--write', 'nb.ipynb'],
      files
    );
    expect(status).toBe(ExitCode.Ok);
    expect(stdout).toBe(
      [
        'Updated nb.ipynb: updated the PEP 723 block in cell 1',
        '  requires-python: >=3.9 -> >=3.11',
        '  ~ numpy: ==1.26.0 -> ==1.26.4',
        ''
      ].join('\n')
    );
    const written = JSON.parse(files['nb.ipynb']);
    expect(written.cells).toHaveLength(2);
    expect(written.cells[0]).toEqual({
      ...cells[0],
      source:
        '# /// script\n# requires-python = ">=3.11"\n# dependencies = [\n#     "numpy==1.26.4",\n# ]\n#\n# [tool.uv]\n# exclude-newer = "2024-06-01T00:00:00Z"\n# ///'
    });
    expect(written.cells[1]).toEqual(cells[1]);
    expect(written.metadata).toEqual(
      JSON.parse(notebook({ cells, pypackage: { numpy: '1.26.4' } })).metadata
    );
  });

  it('writes no cell id into notebooks older than nbformat 4.5', () => {
    const old = JSON.parse(notebook());
    old.nbformat_minor = 4;
    const { stdout } = run(['export', '--pep723', 'old.ipynb'], {
      'old.ipynb': JSON.stringify(old)
    });
    expect(JSON.parse(stdout).cells[1]).not.toHaveProperty('id');
  });
});

describe('nbproject-lab export refuses', () => {
  it.each([
    [
      'no nbproject metadata',
      JSON.stringify({
        nbformat: 4,
        nbformat_minor: 5,
        metadata: {},
        cells: []
      }),
      null
    ],
    ['a pypackage of null', notebook({ pypackage: null }), null],
    [
      'a pypackage that is text',
      notebook({ pypackage: 'numpy' }),
      'its nbproject metadata is not valid: The "pypackage" field is the text "numpy", not an object of package versions.'
    ]
  ])('a notebook with %s (exit 1)', (_, text, why) => {
    for (const format of ['--requirements', '--pep723']) {
      const { status, stdout, stderr, written } = run(
        ['export', format, '--write', 'nb.ipynb'],
        { 'nb.ipynb': text }
      );
      expect(status).toBe(ExitCode.Failed);
      expect(stdout).toBe('');
      expect(written).toEqual({});
      expect(stderr).toBe(
        `nbproject-lab: nb.ipynb: ${why ?? 'stores no package versions (nbproject\'s "pypackage"); publish it first'}\n`
      );
    }
  });

  it.each([
    ['{"nbformat": 4', 'nb.ipynb: not JSON at line 1, column 15 ('],
    ['{"nbformat": 3, "cells": []}', 'nb.ipynb: unsupported nbformat 3'],
    [null, 'nb.ipynb: cannot read (no such file or folder)']
  ])('an unreadable notebook (exit 2): %j', (text, message) => {
    const files: Record<string, string> =
      text === null ? {} : { 'nb.ipynb': text };
    const { status, stderr } = run(['export', '--pep723', 'nb.ipynb'], files);
    expect(status).toBe(ExitCode.BadInput);
    expect(stderr).toContain(`nbproject-lab: ${message}`);
  });

  it('to pretend a write that failed worked (exit 2)', () => {
    let stderr = '';
    const status = main(['export', '--pep723', '--write', 'nb.ipynb'], {
      stdout: () => undefined,
      stderr: text => (stderr += text),
      readFile: () => notebook(),
      writeFile: () => {
        throw new Error('EROFS: read-only file system');
      }
    });
    expect(status).toBe(ExitCode.BadInput);
    expect(stderr).toContain(
      '\nnbproject-lab: nb.ipynb: cannot write (EROFS: read-only file system)\n'
    );
  });

  it.each([
    [
      ['export', 'nb.ipynb'],
      'export needs one of --requirements, --pep723 and --lock'
    ],
    [
      ['export', '--pep723', '--requirements', 'nb.ipynb'],
      'export takes only one of --requirements, --pep723 and --lock'
    ],
    [['export', '--pep723'], 'no notebook given'],
    [['export', '--pep723', 'a.ipynb', 'b.ipynb'], 'export takes one notebook'],
    [['export', '--pep723', '--json', 'a.ipynb'], 'unknown option --json']
  ])('the usage %j (exit 2)', (args, message) => {
    const { status, stdout, stderr } = run(args, {});
    expect(status).toBe(ExitCode.BadInput);
    expect(stdout).toBe('');
    expect(stderr).toContain(`nbproject-lab: ${message}\n`);
    expect(stderr).toContain("\nRun 'nbproject-lab --help' for usage.\n");
  });

  it('nothing when asked for help', () => {
    const { status, stdout } = run(['export', '--pep723', '--help'], {});
    expect(status).toBe(ExitCode.Ok);
    expect(stdout).toContain(
      '--pep723           as the notebook\'s PEP 723 "# /// script" cell'
    );
  });
});

describe('the nbproject-lab executable exports', () => {
  let dir: string;

  beforeAll(() => buildCliIfStale(), 120000);

  beforeEach(() => {
    dir = fs.realpathSync(
      fs.mkdtempSync(path.join(os.tmpdir(), 'nbproject-export-'))
    );
    fs.copyFileSync(
      path.join(FIXTURES, 'reproducible.ipynb'),
      path.join(dir, 'reproducible.ipynb')
    );
  });

  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const bin = (...args: string[]) => runBin(args, dir);

  it('writes real files, and the notebook it wrote declares what juv reads', () => {
    const requirements = bin(
      'export',
      '--requirements',
      '--write',
      'reproducible.ipynb'
    );
    expect(requirements.stderr).toBe('');
    expect(requirements.status).toBe(ExitCode.Ok);
    expect(
      fs.readFileSync(path.join(dir, 'requirements.txt'), 'utf8')
    ).toContain('\nnumpy==1.26.4\nscikit-learn==1.5.0\n');

    const pep723 = bin('export', '--pep723', '--write', 'reproducible.ipynb');
    expect(pep723.status).toBe(ExitCode.Ok);
    expect(pep723.stdout).toBe(
      'Updated reproducible.ipynb: inserted a PEP 723 cell as cell 2\n  + numpy==1.26.4\n  + scikit-learn==1.5.0\n'
    );
    if (!HAS_PYTHON) {
      return;
    }
    // As juv finds it: the first code cell whose source holds a block.
    const script = `
import json, re, sys, tomllib
REGEX = r"(?m)^# /// (?P<type>[a-zA-Z0-9-]+)$\\s(?P<content>(^#(| .*)$\\s)+)^# ///$"
nb = json.load(open(sys.argv[1]))
for cell in nb["cells"]:
    source = "".join(cell["source"])
    if cell["cell_type"] == "code" and re.search(REGEX, source):
        m = re.search(REGEX, source)
        content = "".join(l[2:] if l.startswith("# ") else l[1:] for l in m.group("content").splitlines(keepends=True))
        print(json.dumps(tomllib.loads(content)))
        break
`;
    const run = spawnSync(
      PYTHON,
      ['-c', script, path.join(dir, 'reproducible.ipynb')],
      { encoding: 'utf8' }
    );
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({
      dependencies: ['numpy==1.26.4', 'scikit-learn==1.5.0']
    });
  });

  /**
   * A secret outside the project, where a link in it may point.
   */
  const SECRET = 'GITHUB_TOKEN=ghp_0123456789abcdefghijklmnopqrstuvwxyz';

  function outsideSecret(): string {
    const outside = fs.mkdtempSync(
      path.join(os.tmpdir(), 'nbproject-outside-')
    );
    const file = path.join(outside, 'environ');
    fs.writeFileSync(file, `${SECRET}\0PATH=/usr/bin\0`);
    return file;
  }

  it('refuses a requirements.txt that is a link: nothing of it is read, echoed or written through', () => {
    const secret = outsideSecret();
    try {
      fs.symlinkSync(secret, path.join(dir, 'requirements.txt'));
      for (const args of [[], ['--write']]) {
        const result = bin(
          'export',
          '--requirements',
          ...args,
          'reproducible.ipynb'
        );
        expect(result.status).toBe(ExitCode.BadInput);
        expect(result.stdout).toBe('');
        expect(result.stderr).toBe(
          'nbproject-lab: requirements.txt: refused: a symbolic link (export reads and writes only a regular file, never through a link); nothing read or written\n'
        );
      }
      expect(fs.readFileSync(secret, 'utf8')).toBe(
        `${SECRET}\0PATH=/usr/bin\0`
      );
      expect(
        fs.lstatSync(path.join(dir, 'requirements.txt')).isSymbolicLink()
      ).toBe(true);
    } finally {
      fs.rmSync(path.dirname(secret), { recursive: true, force: true });
    }
  });

  it('does not create a file where a dangling link points', () => {
    const target = path.join(
      fs.mkdtempSync(path.join(os.tmpdir(), 'nbproject-outside-')),
      'planted.txt'
    );
    try {
      fs.symlinkSync(target, path.join(dir, 'requirements.txt'));
      const result = bin(
        'export',
        '--requirements',
        '--write',
        'reproducible.ipynb'
      );
      expect(result.status).toBe(ExitCode.BadInput);
      expect(fs.existsSync(target)).toBe(false);
    } finally {
      fs.rmSync(path.dirname(target), { recursive: true, force: true });
    }
  });

  it('refuses to write the PEP 723 cell through a notebook that is a link, and leaves its target alone', () => {
    const outside = fs.mkdtempSync(
      path.join(os.tmpdir(), 'nbproject-outside-')
    );
    const target = path.join(outside, 'real.ipynb');
    try {
      fs.copyFileSync(path.join(FIXTURES, 'reproducible.ipynb'), target);
      fs.symlinkSync(target, path.join(dir, 'linked.ipynb'));
      const before = fs.readFileSync(target, 'utf8');
      // Printing follows the link the user named; writing does not.
      expect(bin('export', '--pep723', 'linked.ipynb').status).toBe(
        ExitCode.Ok
      );
      const result = bin('export', '--pep723', '--write', 'linked.ipynb');
      expect(result.status).toBe(ExitCode.BadInput);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        'nbproject-lab: linked.ipynb: refused: a symbolic link (--write never writes through a link); nothing written\n'
      );
      expect(fs.readFileSync(target, 'utf8')).toBe(before);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('refuses a requirements.txt that is a FIFO or a folder, without waiting', () => {
    execFileSync('mkfifo', [path.join(dir, 'requirements.txt')]);
    const fifo = bin('export', '--requirements', 'reproducible.ipynb');
    expect(fifo.signal).toBeNull();
    expect(fifo.status).toBe(ExitCode.BadInput);
    expect(fifo.stderr).toBe(
      'nbproject-lab: requirements.txt: refused: not a regular file (a FIFO, device or socket); nothing read or written\n'
    );
    fs.rmSync(path.join(dir, 'requirements.txt'));
    fs.mkdirSync(path.join(dir, 'requirements.txt'));
    expect(
      bin('export', '--requirements', '--write', 'reproducible.ipynb').stderr
    ).toContain('refused: a directory, not a regular file');
  });

  it('names a line it does not keep by a masked excerpt, never echoing it', () => {
    fs.writeFileSync(
      path.join(dir, 'requirements.txt'),
      `numpy==1.0\n${SECRET}\0PATH=/usr/bin\nhttps://user:hunter2@example.com/x.whl\n`
    );
    const result = bin('export', '--requirements', 'reproducible.ipynb');
    expect(result.status).toBe(ExitCode.Ok);
    expect(result.stderr).toContain(
      'warning: 2 lines of the existing requirements.txt are not kept (not a requirement or a pip option; the first begins "GITH**_*****=***_***…").'
    );
    expect(result.stdout + result.stderr).not.toContain('ghp_');
    expect(result.stdout + result.stderr).not.toContain('hunter2');
  });

  it('says a notebook that is a link to secrets is not JSON, without quoting it', () => {
    const secret = outsideSecret();
    try {
      fs.symlinkSync(secret, path.join(dir, 'evil.ipynb'));
      for (const args of [
        ['check', 'evil.ipynb'],
        ['check', '--data', 'evil.ipynb'],
        ['export', '--requirements', 'evil.ipynb']
      ]) {
        const result = bin(...args);
        expect(result.status).toBe(ExitCode.BadInput);
        expect(result.stderr).toMatch(
          /evil\.ipynb: (data not checked \()?not JSON at line 1, column 1 \(Unexpected token\)/
        );
        expect(result.stdout + result.stderr).not.toMatch(/GITH|ghp_/);
      }
    } finally {
      fs.rmSync(path.dirname(secret), { recursive: true, force: true });
    }
  });
});
