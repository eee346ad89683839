// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

import { CHECK_TABLE } from '../../cli/checks';
import { ICliIO, main } from '../../cli/main';
import { withDataManifest } from '../../core/data/manifest';
import { readTextFile } from '../../cli/files';
import { ROOT } from './cliBuild';
import { FIXTURES, VENV_PYTHON } from '../../../testutils/paths';
import { removeRepository, tempRepository } from './scratch';

/**
 * A run analyses only what its checks read; these tests hold it to giving
 * each required check the findings it has in a run of every check.
 */

/**
 * A GitHub token as a user would paste it (the scanner's format; not a
 * real token).
 */
const TOKEN = 'ghp_' + 'aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dF3hJ5';

/**
 * A notebook with a finding of every check that reads only the notebook
 * and its data files.
 */
function everyFinding(): object {
  const code = (source: string, count: number | null, id: string) => ({
    cell_type: 'code',
    id,
    metadata: {},
    execution_count: count,
    outputs: [],
    source: source.split(/(?<=\n)/)
  });
  return {
    cells: [
      code(
        '# /// script\n# dependencies = ["pandas==1.0"]\n# ///\n',
        null,
        'pep'
      ),
      code(`import pandas, yaml\ntoken = "${TOKEN}"\n`, 2, 'a'),
      code('df = pandas.read_csv("/home/alice/project/iris.csv")\n', 1, 'b'),
      code('%pip install scikit-learn\nprint(model)\n', 3, 'c'),
      code('open("data.csv").read()\n', 4, 'd')
    ],
    metadata: {
      nbproject: {
        id: 'Kx3vQ9TmPz1a',
        version: '1',
        time_init: 'yesterday',
        pypackage: { pandas: '2.2.2', pyyaml: '' }
      },
      jupyterlab_nbproject: withDataManifest(undefined, [
        { path: 'data.csv', sha256: '0'.repeat(64), size: 4 },
        { path: 'gone.csv', sha256: '0'.repeat(64), size: 4 }
      ])
    },
    nbformat: 4,
    nbformat_minor: 5
  };
}

/**
 * Run the program on files on disk, awaiting a run that reads data files.
 */
async function run(args: string[]): Promise<{
  status: number;
  records: Record<string, any>[];
  stderr: string;
}> {
  let stdout = '';
  let stderr = '';
  const io: ICliIO = {
    stdout: text => (stdout += text),
    stderr: text => (stderr += text),
    readFile: readTextFile
  };
  const status = await main(args, io);
  const records = stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map(line => JSON.parse(line));
  return { status, records, stderr };
}

describe('check runs only what its required checks read', () => {
  let dir: string;
  let files: string[];

  beforeAll(() => {
    dir = tempRepository('nbproject-required-');
    fs.writeFileSync(path.join(dir, 'data.csv'), 'a,b\n');
    fs.writeFileSync(
      path.join(dir, 'every-finding.ipynb'),
      JSON.stringify(everyFinding(), null, 1)
    );
    for (const name of fs.readdirSync(FIXTURES)) {
      if (name.endsWith('.ipynb')) {
        fs.copyFileSync(path.join(FIXTURES, name), path.join(dir, name));
      }
    }
    const examples = path.join(ROOT, 'examples');
    for (const name of fs.readdirSync(examples)) {
      if (name.endsWith('.ipynb')) {
        fs.copyFileSync(path.join(examples, name), path.join(dir, name));
      }
    }
    // Two of the benchmark's generated notebooks (outputs, magics, out of
    // order cells, imports of every kind).
    execFileSync(process.execPath, [
      path.join(ROOT, 'bench/generate.js'),
      dir,
      '40',
      '120'
    ]);
    files = fs
      .readdirSync(dir)
      .filter(name => name.endsWith('.ipynb'))
      .sort()
      .map(name => path.join(dir, name));
  }, 60000);
  afterAll(() => removeRepository(dir));

  /**
   * Each file's record, by file, from a run with these arguments; the
   * unreadable fixtures (nbformat 3, truncated) left out (their records
   * say only why).
   */
  const recordsOf = async (args: string[]) => {
    const result = await run(['check', '--json', ...args, ...files]);
    return new Map(
      result.records
        .filter(record => !('unreadable' in record))
        .map(record => [record.file, record])
    );
  };

  it('gives each check alone the findings it has among every check', async () => {
    const all = await recordsOf(['--require', 'all']);
    // Every kind of finding is there to compare.
    const found = new Set(
      [...all.values()].flatMap(record =>
        record.findings.map((finding: { check: string }) => finding.check)
      )
    );
    const names = CHECK_TABLE.map(check => check.name).filter(
      name => name !== 'match'
    );
    expect([...found].sort()).toEqual([...names].sort());
    for (const name of names) {
      const alone = await recordsOf(['--require', name]);
      expect([...alone.keys()]).toEqual([...all.keys()]);
      for (const [file, record] of alone) {
        const every = all.get(file)!;
        expect(record.findings).toEqual(
          every.findings.filter(
            (finding: { check: string }) => finding.check === name
          )
        );
        expect(record.checks.failed).toEqual(
          every.checks.failed.filter((check: string) => check === name)
        );
        // What every JSON record reports (the imports among them, as in
        // 0.1.0), and the analyses the check read.
        for (const key of [
          'title',
          'consecutive',
          'cells',
          'metadata',
          'modules',
          'installs'
        ]) {
          expect(record[key]).toEqual(every[key]);
        }
        const reads = CHECK_TABLE.find(check => check.name === name)!.reads;
        expect(record.hiddenState).toEqual(
          reads?.includes('hiddenState') ? every.hiddenState : undefined
        );
        expect(record.data).toEqual(name === 'data' ? every.data : undefined);
      }
    }
  }, 120000);

  it('reports every analysis when no check is required', async () => {
    const report = await recordsOf([]);
    const all = await recordsOf(['--require', 'all']);
    for (const [file, record] of report) {
      const every = all.get(file)!;
      expect(record.findings).toEqual([]);
      expect(record.modules).toEqual(every.modules);
      expect(record.installs).toEqual(every.installs);
      expect(record.hiddenState).toEqual(every.hiddenState);
    }
    expect(report.size).toBe(all.size);
  }, 60000);

  const PYTHON = process.env.NBPROJECT_PYTHON || VENV_PYTHON;
  const itPython = fs.existsSync(PYTHON) ? it : it.skip;

  itPython(
    'with --python, gives match and pinned alone their findings among every check',
    async () => {
      const all = await recordsOf(['--require', 'all', '--python', PYTHON]);
      for (const name of ['match', 'pinned']) {
        const alone = await recordsOf(['--require', name, '--python', PYTHON]);
        expect(alone.size).toBe(all.size);
        for (const [file, record] of alone) {
          expect(record.findings).toEqual(
            all
              .get(file)!
              .findings.filter(
                (finding: { check: string }) => finding.check === name
              )
          );
        }
      }
      // The stored versions of the notebook with every finding are not
      // the installed ones.
      const matched = [...all.values()].flatMap(record =>
        record.findings.filter(
          (finding: { check: string }) => finding.check === 'match'
        )
      );
      expect(matched.length).toBeGreaterThan(0);
    },
    120000
  );
});
