// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import * as fs from 'fs';
import * as path from 'path';

import { readTextFile } from '../../cli/files';
import { ICliIO, main } from '../../cli/main';
import { VENV_PYTHON } from '../../../testutils/paths';
import { removeRepository, tempRepository } from './scratch';

/**
 * `check --python` reads each notebook once and asks one interpreter, as
 * it goes, about the names no earlier notebook named: a notebook's
 * findings are those it has when checked alone, however late its imports
 * are first named, and an interpreter that dies mid-run ends the run
 * with status 2.
 */

const PYTHON = process.env.NBPROJECT_PYTHON || VENV_PYTHON;
const describePython =
  fs.existsSync(PYTHON) && process.platform !== 'win32'
    ? describe
    : describe.skip;

/**
 * A notebook importing `imports`, storing `pypackage`.
 */
function notebook(imports: string[], pypackage: Record<string, string>) {
  return JSON.stringify({
    cells: [
      { cell_type: 'markdown', metadata: {}, source: '# A notebook\n' },
      {
        cell_type: 'code',
        execution_count: 1,
        metadata: {},
        outputs: [],
        source: imports.map(name => `import ${name}\n`).join('') || 'x = 1\n'
      }
    ],
    metadata: {
      nbproject: {
        id: 'aB3dE5gH7jK9',
        version: '1',
        time_init: '2024-01-01T00:00:00Z',
        pypackage
      }
    },
    nbformat: 4,
    nbformat_minor: 5
  });
}

describePython('check --python, one pass', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempRepository('nbproject-onepass-');
  });
  afterEach(() => removeRepository(dir));

  /**
   * An executable script standing in for the interpreter.
   */
  function script(name: string, body: string): string {
    const file = path.join(dir, name);
    fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
    return file;
  }

  /**
   * Run `check --json --require all --python` in this process.
   */
  async function check(python: string, files: string[]) {
    let stdout = '';
    let stderr = '';
    const io: ICliIO = {
      stdout: text => {
        stdout += text;
        return true;
      },
      stderr: text => (stderr += text),
      readFile: readTextFile,
      cwd: () => dir
    };
    const status = await main(
      ['check', '--json', '--require', 'all', '--python', python, ...files],
      io
    );
    return { status, stdout, stderr };
  }

  it('one interpreter for the run; findings of imports first named late are those of the notebook alone', async () => {
    const starts = path.join(dir, 'starts');
    const python = script(
      'python',
      `echo started >> "${starts}"\nexec "${PYTHON}" "$@"`
    );
    // More notebooks than wait for an answer; yaml first imported by the
    // 30th, zmq by the 36th, a wrong stored version in the last.
    const files: string[] = [];
    for (let i = 0; i < 40; i++) {
      const imports = [
        ...(i >= 29 ? ['yaml'] : []),
        ...(i >= 35 ? ['zmq'] : []),
        ...(i % 7 === 3 ? ['json', 'local_helpers'] : [])
      ];
      const stored: Record<string, string> =
        i === 39
          ? { PyYAML: '0.0.1' }
          : i % 5 === 0
            ? { ipykernel: '0.0.1' }
            : {};
      const file = `nb-${String(i).padStart(2, '0')}.ipynb`;
      fs.writeFileSync(path.join(dir, file), notebook(imports, stored));
      files.push(path.join(dir, file));
    }
    const all = await check(python, files);
    expect(all.stderr).toBe('');
    expect(fs.readFileSync(starts, 'utf8')).toBe('started\n');
    const records = all.stdout.trimEnd().split('\n');
    expect(records).toHaveLength(files.length);
    // Each notebook's record: the one it has when checked alone.
    for (let i = 0; i < files.length; i++) {
      const alone = await check(PYTHON, [files[i]]);
      expect(records[i]).toBe(alone.stdout.trimEnd());
    }
    const findings = (i: number) =>
      (
        JSON.parse(records[i]) as {
          findings: { check: string; message: string }[];
        }
      ).findings
        .filter(f => f.check === 'pinned' || f.check === 'match')
        .map(f => f.message);
    expect(findings(28)).toEqual([]);
    expect(findings(29)).toEqual([
      'PyYAML (imported as yaml) is imported but its version is not stored.'
    ]);
    expect(findings(36)).toContain(
      'pyzmq (imported as zmq) is imported but its version is not stored.'
    );
    expect(findings(39)).toContainEqual(
      expect.stringMatching(/^PyYAML: stored 0\.0\.1, installed \d/)
    );
    expect(findings(10)).toContainEqual(
      expect.stringMatching(/^ipykernel: stored 0\.0\.1, installed \d/)
    );
    expect(all.status).toBe(1);
  }, 120000);

  it('an interpreter that dies mid-run: the notebooks it answered for, then exit 2', async () => {
    // It answers two questions (the run's first, then the first
    // notebook's), then ends with status 3.
    const python = script(
      'python',
      `head -n 2 | "${PYTHON}" "$@"\necho "gone away" >&2\nexit 3`
    );
    const files = ['a', 'b', 'c'].map((name, i) => {
      const file = path.join(dir, `${name}.ipynb`);
      fs.writeFileSync(file, notebook([['yaml', 'zmq', 'json'][i]], {}));
      return file;
    });
    const result = await check(python, files);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      `nbproject-lab: --python ${python}: it exited with status 3 (gone away)\n`
    );
    const records = result.stdout
      .trimEnd()
      .split('\n')
      .map(line => JSON.parse(line) as { file: string });
    expect(records.map(record => record.file)).toEqual([files[0]]);
  }, 60000);
});
