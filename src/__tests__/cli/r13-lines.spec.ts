// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import * as fs from 'fs';
import * as path from 'path';

import { ExitCode } from '../../cli/main';
import { notebookPositions } from '../../cli/positions';
import { withDataManifest } from '../../core/data/manifest';
import { VENV_PYTHON } from '../../../testutils/paths';
import {
  notebookText,
  removeRepository,
  runInMemory,
  tempRepository,
  validSarif
} from './scratch';

const itPython = fs.existsSync(VENV_PYTHON) ? it : it.skip;

/**
 * The lines the reports point at: a configuration's TOML problem, and
 * the `data` and `match` findings in the notebook's file.
 */

/**
 * What each finding of a run's github and SARIF reports points at: the
 * text of the notebook's line, trimmed, after the finding's code.
 */
async function pointed(
  args: string[],
  file: string,
  cwd: string
): Promise<{ github: string[]; sarif: string[] }> {
  const text = fs.readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const at = (line: number) => lines[line - 1].trim();
  const files = { [file]: text };
  const github = await runInMemory(
    ['check', '--format', 'github', ...args, file],
    files,
    cwd
  );
  expect(github.stderr).toBe('');
  const sarif = await runInMemory(
    ['check', '--format', 'sarif', ...args, file],
    files,
    cwd
  );
  const log = validSarif(sarif.stdout);
  return {
    github: github.stdout
      .trim()
      .split('\n')
      .map(
        line =>
          `${/title=nbproject-lab (\w+)/.exec(line)![1]}: ${at(Number(/,line=(\d+),/.exec(line)![1]))}`
      ),
    sarif: log.runs[0].results.map(
      (result: any) =>
        `${result.properties.code}: ${at(result.locations[0].physicalLocation.region.startLine)}`
    )
  };
}

describe('a configuration whose TOML cannot be read', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempRepository('nbproject-r13-lines-');
  });
  afterEach(() => removeRepository(dir));

  it('names the line of a missing comma in a list over several lines, once', async () => {
    const result = await runInMemory(
      ['check', 'nb.ipynb'],
      {
        'nb.ipynb': notebookText([{ source: 'x = 1\n', count: 1 }]),
        [path.join(dir, 'pyproject.toml')]: [
          '[tool.nbproject-lab]',
          'require = [',
          '  "consecutive",',
          '  "title"',
          '  "metadata",',
          ']',
          ''
        ].join('\n')
      },
      dir
    );
    expect(result.status).toBe(ExitCode.BadInput);
    expect(result.stderr).toBe(
      `nbproject-lab: ${path.join(dir, 'pyproject.toml')}: line 5: expected "," or "]" in the array, found "\\""\n`
    );
  });
});

describe('data findings point at the data manifest', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempRepository('nbproject-r13-lines-data-');
    fs.mkdirSync(path.join(dir, 'data'));
  });
  afterEach(() => removeRepository(dir));

  it('a recorded file at its entry, a new file at the manifest', async () => {
    fs.writeFileSync(path.join(dir, 'data', 'changed.csv'), 'a,b\n2,3\n');
    fs.writeFileSync(path.join(dir, 'data', 'new.csv'), 'x\n');
    const file = path.join(dir, 'nb.ipynb');
    fs.writeFileSync(
      file,
      notebookText(
        [
          {
            source:
              'import pandas as pd\nold = pd.read_csv("data/changed.csv")\nnew = pd.read_csv("data/new.csv")\n',
            count: 1
          }
        ],
        {
          jupyterlab_nbproject: withDataManifest({ history: [] }, [
            { path: 'data/gone.csv', sha256: 'a'.repeat(64), size: 1 },
            { path: './data/changed.csv', sha256: 'b'.repeat(64), size: 8 }
          ])
        }
      )
    );
    const found = await pointed(['--data'], file, dir);
    expect(found.github).toEqual([
      'data: "path": "data/changed.csv",',
      'data: "path": "data/gone.csv",',
      'data: "files": ['
    ]);
    expect(found.sarif).toEqual([
      'data.changed: "path": "data/changed.csv",',
      'data.missing: "path": "data/gone.csv",',
      'data.new: "files": ['
    ]);
  });

  it('a new file in a notebook without a manifest, at its nbproject metadata', async () => {
    fs.writeFileSync(path.join(dir, 'data', 'new.csv'), 'x\n');
    const file = path.join(dir, 'nb.ipynb');
    fs.writeFileSync(
      file,
      notebookText([{ source: 'open("data/new.csv")\n', count: 1 }], {
        nbproject: { id: 'Kx3vQ9TmPz1a', version: '1' }
      })
    );
    const found = await pointed(['--data'], file, dir);
    expect(found.sarif).toEqual(['data.new: "nbproject": {']);
  });
});

describe('match findings point at the stored package', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempRepository('nbproject-r13-lines-match-');
  });
  afterEach(() => removeRepository(dir));

  itPython(
    'the package\'s key in "pypackage", by its PEP 503 name',
    async () => {
      const file = path.join(dir, 'nb.ipynb');
      fs.writeFileSync(
        file,
        notebookText([{ source: 'import jupyterlab\n', count: 1 }], {
          nbproject: {
            id: 'Kx3vQ9TmPz1a',
            version: '1',
            pypackage: {
              'Not_Installed.Here': '1.0',
              jupyterlab: '0.0.1'
            }
          }
        })
      );
      const found = await pointed(
        ['--python', VENV_PYTHON, '--require', 'match'],
        file,
        dir
      );
      expect(found.github).toEqual([
        'match: "jupyterlab": "0.0.1"',
        'match: "Not_Installed.Here": "1.0",'
      ]);
      expect(found.sarif).toEqual([
        'match.mismatch: "jupyterlab": "0.0.1"',
        'match.missing: "Not_Installed.Here": "1.0",'
      ]);
    },
    60000
  );
});

describe('notebookPositions reads the stored packages and the data manifest', () => {
  it('in the notebook metadata only, by the names and paths as read', () => {
    const text = [
      '{"cells": [{"cell_type": "code", "metadata": {"nbproject":',
      '  {"pypackage": {"cellpkg": "1"}}}, "source": []}],',
      ' "metadata": {',
      '  "other": {"pypackage": {"otherpkg": "1"}},',
      '  "nbproject": {"pypackage": {',
      '   "Foo_Bar": "1",',
      '   "x\\u0041": "2"}},',
      '  "jupyterlab_nbproject": {"history": [{"path": "h.csv"}],',
      '   "data": {"other": {"path": "o.csv"},',
      '    "files": [',
      '     {"path": "./a.csv", "size": 1},',
      '     {"path": "a.csv"},',
      '     {"size": 2, "path": "b\\\\c.csv"}]}}}}',
      ''
    ].join('\n');
    expect(() => JSON.parse(text)).not.toThrow();
    const positions = notebookPositions(text);
    expect([...positions.packages]).toEqual([
      ['foo-bar', 6],
      ['xa', 7]
    ]);
    expect(positions.manifest).toBe(10);
    expect([...positions.dataFiles]).toEqual([
      ['a.csv', 11],
      ['b/c.csv', 13]
    ]);
  });

  it('without a manifest, the "jupyterlab_nbproject" key', () => {
    const positions = notebookPositions(
      '{"cells": [],\n "metadata": {\n  "jupyterlab_nbproject": {"history": []}}}\n'
    );
    expect(positions.manifest).toBe(3);
    expect(positions.dataFiles.size).toBe(0);
    expect(positions.packages.size).toBe(0);
  });
});
