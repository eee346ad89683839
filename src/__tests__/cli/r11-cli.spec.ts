// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import * as fs from 'fs';
import * as path from 'path';

import { checkData } from '../../cli/data';
import { ExitCode } from '../../cli/main';
import { IDataManifestEntry, withDataManifest } from '../../core/data/manifest';
import { FIXTURES } from '../../../testutils/paths';
import {
  ITextCell,
  notebookText,
  removeRepository,
  runInMemory,
  tempRepository,
  validSarif
} from './scratch';

/**
 * What the reports say that they left unsaid: the line a hidden-state
 * finding is on, which output a note is about, an interpreter or a
 * configuration that failed in the github and SARIF outputs, a data
 * check whose reader is gone, and the human report's header.
 */

const run = runInMemory;

/**
 * The line of a file's text, from 1, that holds `text`.
 */
function lineHolding(file: string, text: string): number {
  return file.split('\n').findIndex(line => line.includes(text)) + 1;
}

describe('a hidden-state finding is on the line that reads the name', () => {
  const cells: ITextCell[] = [
    { source: 'data = [1, 2]\n', count: 1 },
    {
      source:
        '# model comes from elsewhere\nlabel = "model"\nname = data.model\nprint(model(data))\n',
      count: 2
    },
    {
      source:
        'doc = """model\nmodel"""\nx = f\'{1}\'  # model\ny = (\n    model + 1\n)\n',
      count: 3
    }
  ];
  const text = notebookText(cells);
  const files = { 'nb.ipynb': text };
  const args = ['check', '--require', 'hidden-state'];

  it('in the text report', async () => {
    const result = await run([...args, 'nb.ipynb'], files);
    expect(result.status).toBe(ExitCode.Failed);
    expect(result.stdout).toContain(
      [
        '  findings     hidden-state: cell 2, line 4: Uses model, defined nowhere in the notebook',
        '               hidden-state: cell 3, line 5: Uses model, defined nowhere in the notebook'
      ].join('\n')
    );
  });

  it('in JSON, github and SARIF: the source line, not the cell', async () => {
    const first = lineHolding(text, 'print(model(data))');
    const second = lineHolding(text, '    model + 1');
    const json = JSON.parse(
      (await run([...args, '--json', 'nb.ipynb'], files)).stdout
    );
    expect(
      json.findings.map((f: { line: number; fileLine: number }) => [
        f.line,
        f.fileLine
      ])
    ).toEqual([
      [4, first],
      [5, second]
    ]);
    const github = (
      await run([...args, '--format', 'github', 'nb.ipynb'], files)
    ).stdout;
    expect(github).toBe(
      [
        `::error file=nb.ipynb,line=${first},title=nbproject-lab hidden-state (cell 2)::Uses model, defined nowhere in the notebook`,
        `::error file=nb.ipynb,line=${second},title=nbproject-lab hidden-state (cell 3)::Uses model, defined nowhere in the notebook`,
        ''
      ].join('\n')
    );
    const log = validSarif(
      (await run([...args, '--format', 'sarif', 'nb.ipynb'], files)).stdout
    );
    expect(
      log.runs[0].results.map(
        (r: {
          locations: { physicalLocation: { region: { startLine: number } } }[];
          properties: { cellLine: number };
        }) => [
          r.locations[0].physicalLocation.region.startLine,
          r.properties.cellLine
        ]
      )
    ).toEqual([
      [first, 4],
      [second, 5]
    ]);
  });

  it('is where the cell first reads it when it runs: after a magic, an f-string field, not a keyword argument or a function body, in a long cell', async () => {
    // The magic line is shorter as Python: lines are counted in the code
    // Python runs, not by offsets into the source.
    const source =
      '%timeit -n 1 -r 1 t = 1\nmodel.fit(label="data")\nplot(data=1)\nresult = f"{data}"\n';
    // Read in a function body first, then when the cell runs.
    const deferred = 'def loss(p):\n    return p - y\n\nprint(loss(0), y)\n';
    // Past the fast scan's cutoff: the parser reads it.
    const long = 'x = 1\n'.repeat(400) + 'print(model)\n';
    const result = await run([...args, 'nb.ipynb'], {
      'nb.ipynb': notebookText([
        { source },
        { source: deferred },
        { source: long }
      ])
    });
    expect(result.stdout).toContain(
      [
        '  findings     hidden-state: cell 1, line 4: Uses data, defined nowhere in the notebook',
        '               hidden-state: cell 1, line 2: Uses model, defined nowhere in the notebook',
        '               hidden-state: cell 1, line 3: Uses plot, defined nowhere in the notebook',
        '               hidden-state: cell 2, line 4: Uses y, defined nowhere in the notebook',
        '               hidden-state: cell 3, line 401: Uses model, defined nowhere in the notebook'
      ].join('\n')
    );
  });
});

describe('a note about an output too long to scan names the output', () => {
  const long = 'x'.repeat(10_001);
  const files = {
    'nb.ipynb': notebookText([
      {
        source: 'print(1)\nprint(2)\n',
        count: 1,
        outputs: [
          { output_type: 'stream', name: 'stdout', text: ['1\n'] },
          { output_type: 'stream', name: 'stdout', text: [`${long}\n`] }
        ]
      }
    ])
  };
  const words =
    '1 line was too long to scan for credentials (over 10,000 characters): it is in output 2, line 1.';

  it('in every format, counted from 1', async () => {
    const args = ['check', '--require', 'secrets'];
    const human = await run([...args, 'nb.ipynb'], files);
    expect(human.stdout).toContain(`secrets (note): cell 1: ${words}`);
    const json = JSON.parse(
      (await run([...args, '--json', 'nb.ipynb'], files)).stdout
    );
    expect(json.findings[0].message).toBe(words);
    expect(json.findings[0].params).toEqual({
      count: 1,
      first: null,
      limit: 10_000,
      output: 1,
      outputLine: 1
    });
    const github = await run(
      [...args, '--format', 'github', 'nb.ipynb'],
      files
    );
    expect(github.stdout).toContain(`::${words}\n`);
    const sarif = validSarif(
      (await run([...args, '--format', 'sarif', 'nb.ipynb'], files)).stdout
    );
    expect(sarif.runs[0].results[0].message.text).toBe(words);
  });
});

describe('an interpreter that --python cannot run', () => {
  it('is an error annotation on GitHub, without a file', async () => {
    const python = path.join(FIXTURES, 'no-such-python');
    const result = await run(
      [
        'check',
        '--format',
        'github',
        '--require',
        'title',
        '--python',
        python,
        'nb.ipynb'
      ],
      { 'nb.ipynb': notebookText([]) }
    );
    expect(result.status).toBe(ExitCode.BadInput);
    expect(result.stderr).toBe(
      `nbproject-lab: --python ${python}: cannot run it (no such file or folder)\n`
    );
    expect(result.stdout).toBe(
      `::error title=nbproject-lab --python::--python ${python}: cannot run it (no such file or folder)\n`
    );
  });
});

describe('a configuration that cannot be read', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempRepository('nbproject-r11-config-');
  });
  afterEach(() => removeRepository(dir));

  const files = (config: Record<string, string>) => {
    const out: Record<string, string> = {
      'nb.ipynb': notebookText([{ source: 'x = 1\n', count: 1 }])
    };
    for (const [name, text] of Object.entries(config)) {
      out[path.join(dir, name)] = text;
    }
    return out;
  };
  const broken = () => files({ '.nbproject-lab.toml': 'require = "title"\n' });

  it('sarif: a log of no results whose invocation failed, on the file', async () => {
    const result = await run(
      ['check', '--format', 'sarif', 'nb.ipynb'],
      broken(),
      dir
    );
    expect(result.status).toBe(ExitCode.BadInput);
    expect(result.stderr).toBe(
      `nbproject-lab: ${path.join(dir, '.nbproject-lab.toml')}: "require" is not a list of strings\n`
    );
    const log = validSarif(result.stdout);
    expect(log.runs[0].results).toEqual([]);
    expect(log.runs[0].invocations).toEqual([
      {
        executionSuccessful: false,
        toolExecutionNotifications: [
          {
            level: 'error',
            message: {
              text: 'nbproject-lab could not read this configuration: "require" is not a list of strings'
            },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: '.nbproject-lab.toml' }
                }
              }
            ]
          }
        ]
      }
    ]);
  });

  it('github: an error annotation on the file, also for a check it names wrongly', async () => {
    const result = await run(
      ['check', '--format', 'github', 'nb.ipynb'],
      broken(),
      dir
    );
    expect(result.status).toBe(ExitCode.BadInput);
    expect(result.stdout).toBe(
      '::error file=.nbproject-lab.toml::nbproject-lab could not read this configuration: "require" is not a list of strings\n'
    );
    const unknown = await run(
      ['check', '--format', 'github', 'nb.ipynb'],
      files({
        'pyproject.toml': '[tool.nbproject-lab]\nrequire = ["speed"]\n'
      }),
      dir
    );
    expect(unknown.status).toBe(ExitCode.BadInput);
    expect(unknown.stdout).toMatch(
      /^::error file=pyproject\.toml::nbproject-lab could not read this configuration: "require": unknown check "speed" \(expected .*\)\n$/
    );
  });
});

describe('check --data alone, when the reader closes standard output', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempRepository('nbproject-r11-data-');
  });
  afterEach(() => removeRepository(dir));

  it('hashes no file past the notebook it wrote, and exits with the status so far', async () => {
    fs.writeFileSync(path.join(dir, 'a.csv'), 'a\n');
    const entries: IDataManifestEntry[] = [
      { path: 'a.csv', sha256: 'a'.repeat(64), size: 1 }
    ];
    const notebooks = Array.from({ length: 5 }, (_, i) => {
      const file = path.join(dir, `nb${i}.ipynb`);
      fs.writeFileSync(
        file,
        notebookText([], {
          jupyterlab_nbproject: withDataManifest({ history: [] }, entries)
        })
      );
      return file;
    });
    const hashed: string[] = [];
    let writes = 0;
    const status = await checkData(notebooks, {
      stdout: () => {
        writes++;
      },
      stderr: () => undefined,
      readFile: file => fs.readFileSync(file, 'utf8'),
      hashFile: async file => {
        hashed.push(file);
        return { sha256: 'b'.repeat(64), size: 2 };
      },
      // The reader is gone once the first report was written.
      closed: () => writes > 0
    });
    expect(writes).toBe(1);
    expect(hashed).toEqual([path.join(dir, 'a.csv')]);
    // The notebook reported: a recorded file changed.
    expect(status).toBe(1);
  });
});

describe('the data check on GitHub', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempRepository('nbproject-r11-github-');
  });
  afterEach(() => removeRepository(dir));

  it('words a file not read as the text report does, not by its code', async () => {
    const file = path.join(dir, 'nb.ipynb');
    fs.writeFileSync(
      file,
      notebookText([], {
        jupyterlab_nbproject: withDataManifest({ history: [] }, [
          { path: '../outside.csv', sha256: 'a'.repeat(64), size: 1 },
          { path: '.env', sha256: 'a'.repeat(64), size: 1 }
        ])
      })
    );
    const result = await run(
      ['check', '--format', 'github', '--data', file],
      { [file]: fs.readFileSync(file, 'utf8') },
      dir
    );
    expect(result.status).toBe(ExitCode.Failed);
    expect(result.stdout).toBe(
      [
        '::error file=nb.ipynb,line=10,title=nbproject-lab data::Data file ../outside.csv is recorded but was not read: outside the root.',
        '::error file=nb.ipynb,line=15,title=nbproject-lab data::Data file .env is recorded but was not read: hidden (a name below the root starts with "."); --allow-hidden reads it.',
        ''
      ].join('\n')
    );
  });
});

describe('the text report says which configuration applies', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempRepository('nbproject-r11-header-');
    fs.mkdirSync(path.join(dir, 'sub'));
  });
  afterEach(() => removeRepository(dir));

  const nb = notebookText([{ source: 'x = 1\n', count: 1 }]);
  const check = (config: Record<string, string>) => {
    const files: Record<string, string> = { 'nb.ipynb': nb };
    for (const [name, text] of Object.entries(config)) {
      files[path.join(dir, name)] = text;
    }
    return run(['check', 'nb.ipynb'], files, path.join(dir, 'sub'));
  };
  const header = (stdout: string) => stdout.split('\n\n')[0];

  it('the nearest folder wins; in one folder, .nbproject-lab.toml before pyproject.toml', async () => {
    const above = '.nbproject-lab.toml';
    const nearer = await check({
      [above]: 'require = ["title"]\n',
      'sub/pyproject.toml': '[tool.nbproject-lab]\nrequire = ["consecutive"]\n'
    });
    expect(header(nearer.stdout)).toBe(
      'config: pyproject.toml [tool.nbproject-lab]'
    );
    expect(nearer.stdout).toContain('checks       passed: consecutive\n');
    // A pyproject.toml without the table is passed over.
    const passed = await check({
      [above]: 'require = ["title"]\n',
      'sub/pyproject.toml': '[project]\nname = "x"\n'
    });
    expect(header(passed.stdout)).toBe('config: ../.nbproject-lab.toml');
    expect(passed.stdout).toContain('checks       failed: title\n');
    const both = await check({
      'sub/.nbproject-lab.toml': 'require = ["title"]\n',
      'sub/pyproject.toml': '[tool.nbproject-lab]\nrequire = ["consecutive"]\n'
    });
    expect(header(both.stdout)).toBe('config: .nbproject-lab.toml');
    expect(both.stdout).toContain('checks       failed: title\n');
    // No configuration, no header.
    const none = await check({});
    expect(none.stdout.startsWith('nb.ipynb\n')).toBe(true);
  });
});
