// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { FileHashResult } from '../../../core/kernel/hashRequest';
import {
  readDataManifest,
  withDataManifest
} from '../../../core/data/manifest';
import { IPublishInputs, planPublish } from '../../../core/publish/plan';
import { dataFilesToHash, IPublishData } from '../../../core/publish/dataFiles';
import { formatBytes } from '../../../core/common/text';
import { parser } from '@lezer/python';
import { nullTranslator } from '@jupyterlab/translation';
import { IPublishCheck } from '../../../core/publish/checks';
import type {
  HiddenStateIssue,
  IHiddenStateReport
} from '../../../core/execution/hiddenState';
import { publishFindingText } from '../../../components/messages/publish';

const NOW = new Date(Date.UTC(2026, 10, 22, 8, 30, 0, 250));
const DIGEST_A = 'a'.repeat(64);
const DIGEST_B = 'b'.repeat(64);

/**
 * A fake AWS access key id made at run time (no key-shaped string in the
 * repository): `AKIA` and 16 upper-case letters and digits, `FAKE` among them.
 */
const FAKE_AWS_ID = ['AK', 'IA', 'FAKE', '7Q2M', 'X9LB', 'R4TZ'].join('');

const code = (source: string, outputs: unknown[] = [], count = 1) => ({
  cell_type: 'code',
  source,
  execution_count: count,
  outputs
});

const BASE_CELLS = [
  { cell_type: 'markdown', source: '# Hygiene' },
  code('import pandas as pd\ndf = pd.read_csv("data/iris.csv")', [], 1)
];

const inputs = (over: Partial<IPublishInputs> = {}): IPublishInputs => ({
  cells: BASE_CELLS,
  parser,
  nbproject: undefined,
  extension: undefined,
  live: {
    distributions: { pandas: '2.2.0', numpy: '2.1.0', boto3: '1.35.0' },
    python: '3.11.7'
  },
  codeDigest: 'ab'.repeat(32),
  now: NOW,
  ...over
});

const check = (plan: ReturnType<typeof planPublish>, id: string) =>
  plan.checks.find(c => c.id === id)!;

/**
 * A check with the line the publish dialog shows for it.
 */
const trans = nullTranslator.load('jupyterlab_nbproject');
const shown = (c: IPublishCheck) => ({
  ...c,
  message: publishFindingText(trans, c.finding)
});

describe('the hidden-state check', () => {
  const report = (
    verdict: IHiddenStateReport['verdict'],
    cells: { index: number; codes: HiddenStateIssue['code'][] }[] = []
  ): IHiddenStateReport => ({
    verdict,
    cells: cells.map(({ index, codes }) => ({
      index,
      id: null,
      issues: codes.map((code): HiddenStateIssue =>
        code === 'dynamic'
          ? { code, params: { feature: 'exec' } }
          : code === 'undefined-name'
            ? { code, params: { name: 'x' } }
            : { code, params: { name: 'x', cell: 0 } }
      )
    }))
  });

  it('is not made without the analysis, and passes a notebook whose outputs match its code', () => {
    expect(
      planPublish(inputs()).checks.some(c => c.id === 'hidden-state')
    ).toBe(false);
    const plan = planPublish(
      inputs({ runState: { hiddenState: report('clean'), edited: [] } })
    );
    expect(shown(check(plan, 'hidden-state'))).toMatchObject({
      passed: true,
      message:
        'No cell was edited since it ran, and none relies on hidden state.'
    });
  });

  it('warns, without blocking, of cells edited since they ran and cells with hidden state', () => {
    const plan = planPublish(
      inputs({
        runState: {
          hiddenState: report('hidden', [
            { index: 4, codes: ['stale-definition'] },
            { index: 6, codes: ['dynamic'] }
          ]),
          edited: [3, 1]
        }
      })
    );
    expect(shown(check(plan, 'hidden-state'))).toMatchObject({
      passed: false,
      blocking: false,
      message:
        'Cells 2, 4 were edited since they ran: their outputs may not come from their code. Cell 5 relies on hidden state (see the header). Restart the kernel and run all to publish outputs that match.'
    });
    expect(plan.problems).toEqual([]);
  });

  it('passes what is only not sure (a cell that may define names it does not spell)', () => {
    const plan = planPublish(
      inputs({
        runState: {
          hiddenState: report('unsure', [{ index: 1, codes: ['dynamic'] }]),
          edited: []
        }
      })
    );
    expect(check(plan, 'hidden-state').passed).toBe(true);
  });
});

describe('the errors check', () => {
  it('passes a notebook whose outputs hold no error', () => {
    expect(shown(check(planPublish(inputs()), 'errors'))).toMatchObject({
      passed: true,
      message: 'No output is an error.'
    });
  });

  it('warns, without blocking, of each cell whose output is an error, by name, cut', () => {
    const error = (ename: unknown) => ({
      output_type: 'error',
      ename,
      evalue: '',
      traceback: []
    });
    const stream = { output_type: 'stream', name: 'stdout', text: 'x' };
    const cells = [
      ...BASE_CELLS,
      code('print(1)\n  x', [stream, error('IndentationError')], 2),
      code('d["k"]', [error('KeyError'), error('Other')], 3),
      code('raise', [error(42)], 4),
      code('boom', [error(`E${'x'.repeat(200)}`)], 5)
    ];
    const plan = planPublish(inputs({ cells }));
    const errors = shown(check(plan, 'errors'));
    expect(errors).toMatchObject({ passed: false, blocking: false });
    expect(errors.message).toMatch(
      /^4 cells show an error in their output, published with them: cell 3 \(IndentationError\), cell 4 \(KeyError\), cell 5, cell 6 \(Ex{58}…\)\.$/
    );
    expect(plan.problems).toEqual([]);
  });
});

describe('the secrets check', () => {
  it('passes a notebook without credentials', () => {
    const plan = planPublish(inputs());
    expect(check(plan, 'secrets')).toMatchObject({
      passed: true,
      blocking: true
    });
    expect(plan.problems).toEqual([]);
  });

  it('blocks on a key in a source, naming the cell, line and kind, masked, and suggesting os.environ and python-dotenv', () => {
    const cells = [
      ...BASE_CELLS,
      code(`import boto3\n\naws_access_key_id = "${FAKE_AWS_ID}"`, [], 2)
    ];
    const plan = planPublish(inputs({ cells }));
    const secrets = shown(check(plan, 'secrets'));
    expect(secrets).toMatchObject({ passed: false, blocking: true });
    expect(secrets.message).toContain(
      'cell 3, line 3: AWS access key id (aws_access_key_id = "AKIA•••")'
    );
    expect(secrets.message).toContain('os.environ["NAME"]');
    expect(secrets.message).toContain('python-dotenv');
    expect(secrets.message).not.toContain(FAKE_AWS_ID);
    expect(plan.problems).toEqual([secrets.finding]);
  });

  it('finds a key printed into an output, and names the output', () => {
    const output = {
      output_type: 'stream',
      name: 'stdout',
      text: [`key id: ${FAKE_AWS_ID}\n`]
    };
    const plan = planPublish(
      inputs({ cells: [...BASE_CELLS, code('print(key_id)', [output], 2)] })
    );
    expect(shown(check(plan, 'secrets')).message).toContain(
      'cell 3, output 1: AWS access key id'
    );
  });

  it('names at most five findings and counts the rest', () => {
    const lines = Array.from(
      { length: 7 },
      (_, i) => `password_${i} = "Tr0ub4dor&3-fake-${i}"`
    ).join('\n');
    const message = shown(
      check(
        planPublish(inputs({ cells: [...BASE_CELLS, code(lines, [], 2)] })),
        'secrets'
      )
    ).message;
    expect(message.match(/cell 3, line/g)).toHaveLength(5);
    expect(message).toContain('(and 2 more)');
  });

  it('leaves values read at run time alone', () => {
    const cells = [
      ...BASE_CELLS,
      code(
        'import os\naws_access_key_id = os.environ["AWS_ACCESS_KEY_ID"]',
        [],
        2
      )
    ];
    expect(check(planPublish(inputs({ cells })), 'secrets').passed).toBe(true);
  });

  it('says which lines were too long to scan', () => {
    const long = `x = "${FAKE_AWS_ID}" # ${'x'.repeat(10000)}`;
    const output = { output_type: 'stream', name: 'stdout', text: long };
    const cells = [...BASE_CELLS, code(long, [output], 2)];
    expect(
      shown(check(planPublish(inputs({ cells })), 'secrets'))
    ).toMatchObject({
      passed: true,
      message:
        'No credentials found in cells or outputs. 2 lines longer than 10,000 characters not scanned (cell 3).'
    });
  });
});

describe('the absolute-paths check', () => {
  const cells = [
    ...BASE_CELLS,
    code('df = pd.read_csv("/home/alice/project/data/big.csv")', [], 2)
  ];

  it('warns, without blocking, and suggests the path relative to the notebook', () => {
    const plan = planPublish(
      inputs({ cells, notebookDirectory: '/home/alice/project/analysis' })
    );
    const paths = shown(check(plan, 'absolute-paths'));
    expect(paths).toMatchObject({ passed: false, blocking: false });
    expect(paths.message).toBe(
      'Paths that only exist on this machine: cell 3, line 1: /home/alice/project/data/big.csv (use "../data/big.csv").'
    );
    expect(plan.problems).toEqual([]);
  });

  it('suggests an environment variable when the notebook directory is not known', () => {
    const paths = shown(
      check(planPublish(inputs({ cells })), 'absolute-paths')
    );
    expect(paths.message).toContain('os.environ["DATA_DIR"]');
  });

  it('passes relative and machine-wide paths', () => {
    const clean = [
      ...BASE_CELLS,
      code('pd.read_csv("/data/shared.csv")\npd.read_csv("~/x.csv")', [], 2)
    ];
    expect(
      check(planPublish(inputs({ cells: clean })), 'absolute-paths').passed
    ).toBe(true);
  });
});

describe('the data manifest on publishing', () => {
  it('lists the files to hash: read by the code, already recorded, added by hand', () => {
    const extension = withDataManifest({}, [
      { path: 'old/kept.json', sha256: DIGEST_A, size: 3 },
      { path: 'manual.bin', sha256: DIGEST_B, size: 4, added: true }
    ]);
    expect(
      dataFilesToHash(BASE_CELLS, parser, extension, [
        './extra\\by-hand.txt',
        'data/iris.csv'
      ])
    ).toEqual([
      { path: 'data/iris.csv', added: true },
      { path: 'extra/by-hand.txt', added: true },
      {
        path: 'manual.bin',
        added: true,
        stored: { path: 'manual.bin', sha256: DIGEST_B, size: 4, added: true }
      },
      {
        path: 'old/kept.json',
        added: false,
        stored: { path: 'old/kept.json', sha256: DIGEST_A, size: 3 }
      }
    ]);
  });

  it('records every hashed file with its digest and size, keeping the history and other keys', () => {
    const extension = { history: [], theirs: 1 };
    const data: IPublishData = {
      files: dataFilesToHash(BASE_CELLS, parser, extension, ['notes.txt']),
      results: new Map([
        ['data/iris.csv', { sha256: DIGEST_A, size: 4551 }],
        ['notes.txt', { sha256: DIGEST_B, size: 12 }]
      ])
    };
    const plan = planPublish(inputs({ extension, data }));
    expect(check(plan, 'data')).toEqual({
      id: 'data',
      passed: true,
      blocking: false,
      finding: {
        code: 'publish.dataRecorded',
        params: { count: 2, bytes: 4563 }
      }
    });
    expect(plan.extension).toMatchObject({ theirs: 1, history: [plan.record] });
    expect(readDataManifest(plan.extension)).toEqual({
      present: true,
      problems: [],
      entries: [
        { path: 'data/iris.csv', sha256: DIGEST_A, size: 4551 },
        { path: 'notes.txt', sha256: DIGEST_B, size: 12, added: true }
      ]
    });
  });

  it('warns about a file that is missing or cannot be read, and leaves it out', () => {
    const cells = [
      ...BASE_CELLS,
      code('import numpy as np\nnp.load("gone.npy")\nopen("folder")', [], 2)
    ];
    const data: IPublishData = {
      files: dataFilesToHash(cells, parser, undefined),
      results: new Map<string, FileHashResult>([
        ['data/iris.csv', { sha256: DIGEST_A, size: 10 }],
        ['gone.npy', { code: 'missing', error: 'FileNotFoundError' }],
        ['folder', { code: 'directory', error: 'IsADirectoryError' }]
      ])
    };
    const plan = planPublish(inputs({ cells, data }));
    expect(shown(check(plan, 'data'))).toMatchObject({
      passed: false,
      blocking: false,
      message:
        'Data files not recorded: folder (a directory), gone.npy (missing). 1 data file recorded with its SHA-256.'
    });
    expect(plan.problems).toEqual([]);
    expect(
      readDataManifest(plan.extension).entries.map(entry => entry.path)
    ).toEqual(['data/iris.csv']);
  });

  it('records no digest for a file it did not read, and keeps what was recorded for one as it was', () => {
    const extension = withDataManifest({ history: [] }, [
      { path: '../../secrets/keys.txt', sha256: DIGEST_A, size: 7 },
      { path: '__proto__', sha256: DIGEST_B, size: 2 }
    ]);
    const cells = [
      ...BASE_CELLS,
      code(
        'open("/etc/passwd")\nopen("../../secrets/keys.txt")\nopen(".env")\nopen("__proto__")',
        [],
        2
      )
    ];
    const data: IPublishData = {
      files: dataFilesToHash(cells, parser, extension),
      results: new Map<string, FileHashResult>([
        ['data/iris.csv', { sha256: DIGEST_A, size: 10 }],
        [
          '/etc/passwd',
          { code: 'outside', skipped: true, resolved: '/etc/passwd' }
        ],
        ['../../secrets/keys.txt', { code: 'outside', skipped: true }],
        ['.env', { code: 'hidden', skipped: true }],
        ['__proto__', { sha256: DIGEST_A, size: 3 }]
      ])
    };
    const plan = planPublish(inputs({ cells, extension, data }));
    expect(readDataManifest(plan.extension).entries).toEqual([
      { path: '../../secrets/keys.txt', sha256: DIGEST_A, size: 7 },
      { path: '__proto__', sha256: DIGEST_A, size: 3 },
      { path: 'data/iris.csv', sha256: DIGEST_A, size: 10 }
    ]);
    expect(shown(check(plan, 'data'))).toMatchObject({
      passed: false,
      blocking: false,
      message:
        'Data files not read: ../../secrets/keys.txt (outside the project, not read, recorded entry kept), ' +
        '.env (a hidden file, not read), /etc/passwd (outside the project, not read). 2 data files recorded with their SHA-256.'
    });
  });

  it('keeps the recorded manifest when nothing could be hashed, and says why', () => {
    const extension = withDataManifest({ history: [] }, [
      { path: 'data/iris.csv', sha256: DIGEST_A, size: 1 }
    ]);
    const plan = planPublish(
      inputs({
        extension,
        data: {
          files: dataFilesToHash(BASE_CELLS, parser, extension),
          results: null,
          failure: 'no kernel'
        }
      })
    );
    expect(shown(check(plan, 'data')).message).toBe(
      'The data files were not hashed (no kernel): the recorded ones are kept as they were.'
    );
    expect((plan.extension as any).data).toEqual((extension as any).data);
  });

  it('passes, with nothing to record, when the code reads no files; without data input there is no check', () => {
    const cells = [{ cell_type: 'markdown', source: '# T' }, code('x = 1')];
    const plan = planPublish(
      inputs({ cells, data: { files: [], results: new Map() } })
    );
    expect(shown(check(plan, 'data'))).toMatchObject({
      passed: true,
      message: 'No data files read by the code.'
    });
    expect(readDataManifest(plan.extension)).toEqual({
      present: true,
      entries: [],
      problems: []
    });
    expect(planPublish(inputs()).checks.some(c => c.id === 'data')).toBe(false);
    expect(planPublish(inputs()).extension).not.toHaveProperty('data');
  });

  it.each([
    [0, '0 bytes'],
    [1, '1 byte'],
    [999, '999 bytes'],
    [4551, '4.6 KB'],
    [52428800, '52.4 MB'],
    [3e12, '3.0 TB']
  ])('writes %p bytes as %p', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});
