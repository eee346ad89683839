// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { nullTranslator, TranslationBundle } from '@jupyterlab/translation';
import {
  consecutivenessText,
  manifestIssueText,
  metadataIssueText as cliMetadataIssueText,
  valueText as cliValueText
} from '../../cli/words';
import { ManifestIssue } from '../../core/data/manifest';
import {
  pathAdviceText,
  secretAdviceText,
  secretKindText,
  unscannedText
} from '../../components/messages/hygiene';
import { PathAdvice } from '../../core/hygiene/absolutePaths';
import { SecretAdvice, SecretKind } from '../../core/hygiene/secrets';
import { listText, valueText } from '../../components/messages/common';
import { declaredIssueText } from '../../components/messages/declared';
import { ValueShape } from '../../core/common/text';
import { DeclaredIssue } from '../../core/packages/declaredDependencies';
import { ConsecutivenessIssue } from '../../core/execution/consecutiveness';
import {
  markedCellText,
  monitorIssueText
} from '../../components/messages/execution';
import { metadataIssueText } from '../../components/messages/metadata';
import { publishFindingText } from '../../components/messages/publish';
import { remixIssueText } from '../../components/messages/remix';
import { MetadataIssue } from '../../core/nbproject/metadata';
import { RemixIssue } from '../../core/nbproject/remixPlan';
import { PublishFinding } from '../../core/publish/checks';
import { ISecretFinding } from '../../core/hygiene/secrets';
import { IAbsolutePathFinding } from '../../core/hygiene/absolutePaths';
import {
  hashErrorText,
  hashFailureText,
  kernelHashFailureText
} from '../../components/messages/hashing';
import { probeFailureText } from '../../components/messages/kernel';
import {
  IHashError,
  IHashFailure,
  IHashSuccess,
  parseHashReply
} from '../../core/kernel/hashRequest';
import { IProbeFailure, parseProbeReply } from '../../core/kernel/probeRequest';
import { KernelReplyProblem } from '../../core/kernel/silentRequest';

const trans = nullTranslator.load('jupyterlab_nbproject');

/**
 * A bundle that marks every text it was asked for, to tell translated
 * words from words that bypass the translator.
 */
const marking = {
  __: (msgid: string, ...args: unknown[]) => `«${trans.__(msgid, ...args)}»`,
  _n: (singular: string, plural: string, n: number, ...args: unknown[]) =>
    `«${trans._n(singular, plural, n, ...args)}»`
} as unknown as TranslationBundle;

describe('the words for why a cell is marked', () => {
  const issues: Array<[ConsecutivenessIssue, string]> = [
    [{ code: 'not-run' }, 'Not run'],
    [
      { code: 'not-from-one', params: { count: 10 } },
      'Does not start at 1: first count is 10'
    ],
    [
      { code: 'run-twice', params: { count: 1 } },
      'Ran twice: count 1 was already used'
    ],
    [
      { code: 'out-of-order', params: { count: 5, after: 2 } },
      'Ran out of order: count 5 after 2'
    ],
    [
      { code: 'skipped-before', params: { count: 4, after: 2 } },
      'Cells were skipped before it (count 4 after 2)'
    ]
  ];

  it.each(issues)(
    'say %j the same in the extension and the CLI',
    (issue, text) => {
      expect(monitorIssueText(trans, issue)).toBe(text);
      expect(consecutivenessText(issue)).toBe(text);
      expect(monitorIssueText(marking, issue)).toBe(`«${text}»`);
    }
  );

  it('word the reasons the run record adds, and join them in order', () => {
    expect(monitorIssueText(trans, { code: 'edited' })).toBe(
      'Edited since it ran'
    );
    expect(
      markedCellText(trans, {
        issues: [
          { code: 'out-of-order', params: { count: 3, after: 1 } },
          { code: 'stale-session' }
        ]
      })
    ).toBe(
      'Ran out of order: count 3 after 1; Output from a previous kernel session'
    );
  });
});

describe('the words for problems with nbproject metadata', () => {
  const text = { type: 'text', text: '"abc"' } as const;
  const issues: Array<[MetadataIssue, string]> = [
    [
      { code: 'metadata.notObject', params: { value: text } },
      'The nbproject metadata is the text "abc", not an object.'
    ],
    [
      { code: 'metadata.fieldMissing', params: { field: 'id' } },
      'The "id" field is missing.'
    ],
    [
      {
        code: 'metadata.fieldNotText',
        params: { field: 'user_name', value: { type: 'number', value: '7' } }
      },
      'The "user_name" field is the number 7, not a string.'
    ],
    [
      { code: 'metadata.versionNumber', params: { version: '3' } },
      'The "version" field is the number 3; nbproject needs a string ("3").'
    ],
    [
      { code: 'metadata.timeNotIso', params: { time: '"soon"' } },
      'The "time_init" field ("soon") is not an ISO 8601 time.'
    ],
    [
      {
        code: 'metadata.packagesNotObject',
        params: { value: { type: 'list' } }
      },
      'The "pypackage" field is a list, not an object of package versions.'
    ],
    [
      {
        code: 'metadata.packageVersionNotText',
        params: { name: '"numpy"', value: { type: 'boolean', value: 'true' } }
      },
      'The version of package "numpy" is the boolean true, not a string.'
    ],
    [
      { code: 'metadata.morePackageVersionsNotText', params: { count: 1 } },
      'The version of 1 more package is not a string.'
    ],
    [
      { code: 'metadata.morePackageVersionsNotText', params: { count: 4 } },
      'The versions of 4 more packages are not strings.'
    ],
    [
      { code: 'metadata.parentNotIds', params: { value: { type: 'object' } } },
      'The "parent" field is an object, not an id or a list of ids.'
    ],
    [
      { code: 'metadata.parentNotIds', params: { value: { type: 'null' } } },
      'The "parent" field is null, not an id or a list of ids.'
    ],
    [
      {
        code: 'metadata.parentNotIds',
        params: { value: { type: 'other', name: 'function' } }
      },
      'The "parent" field is a function, not an id or a list of ids.'
    ]
  ];

  it.each(issues)(
    'say %j the same in the extension and the CLI',
    (issue, words) => {
      expect(metadataIssueText(trans, issue)).toBe(words);
      expect(cliMetadataIssueText(issue)).toBe(words);
      expect(metadataIssueText(marking, issue)).toMatch(/^«.*»$/);
    }
  );
});

describe('the words for what a remix could not carry over', () => {
  it.each<[RemixIssue, string]>([
    [
      { code: 'remix.noReadableId' },
      'The notebook has no readable id, so the copy names no parent.'
    ],
    [
      { code: 'remix.untracked' },
      'The notebook is not tracked by nbproject, so the copy names no parent.'
    ],
    [
      {
        code: 'remix.metadataReplaced',
        params: {
          problem: {
            code: 'metadata.notObject',
            params: { value: { type: 'list' } }
          }
        }
      },
      'The nbproject metadata is a list, not an object. The copy gets new nbproject metadata.'
    ],
    [
      { code: 'remix.metadataReplaced', params: { problem: null } },
      'The nbproject metadata is unreadable. The copy gets new nbproject metadata.'
    ]
  ])('say %j', (issue, words) => {
    expect(remixIssueText(trans, issue)).toBe(words);
  });
});

describe('the words for what a publish check found', () => {
  const secret: ISecretFinding = {
    cell: 2,
    kind: 'github-token',
    line: 4,
    excerpt: 'token = "ghp_•••"',
    where: 'source',
    advice: {
      code: 'secret.saved',
      params: { variable: 'TOKEN', kind: 'github-token' }
    }
  };
  const path: IAbsolutePathFinding = {
    cell: 0,
    line: 1,
    path: '/home/alice/p/data.csv',
    user: 'alice',
    relative: '../data.csv',
    advice: { code: 'path.noDirectory', params: { file: 'data.csv' } }
  };
  const findings: Array<[PublishFinding, string]> = [
    [{ code: 'publish.title', params: { title: 'Iris' } }, 'Title: Iris'],
    [{ code: 'publish.title', params: { title: '' } }, 'Title: (empty)'],
    [
      { code: 'publish.noTitle' },
      'No title: add a Markdown cell with a line starting with "# ".'
    ],
    [{ code: 'publish.consecutive' }, 'The code cells ran in order.'],
    [
      { code: 'publish.notRunYet' },
      'No code cell has run yet: there is no order to check.'
    ],
    [
      { code: 'publish.notConsecutive' },
      'The code cells did not run once, in order: restart the kernel and run all.'
    ],
    [
      { code: 'publish.notInstalled', params: { names: ['a', 'b'], kept: [] } },
      'Not installed in the kernel: a, b.'
    ],
    [
      {
        code: 'publish.notInstalled',
        params: {
          names: ['pandas'],
          kept: [{ name: 'pandas', version: '2.2.2' }]
        }
      },
      'pandas is not installed in the kernel: its stored version 2.2.2 is kept.'
    ],
    [
      {
        code: 'publish.notInstalled',
        params: {
          names: ['a', 'pandas'],
          kept: [{ name: 'pandas', version: '2.2.2' }]
        }
      },
      'Not installed in the kernel: a, pandas. The stored version is kept: pandas 2.2.2.'
    ],
    [
      {
        code: 'publish.notInstalled',
        params: {
          names: ['numpy', 'pandas'],
          kept: [
            { name: 'numpy', version: '2.1.0' },
            { name: 'pandas', version: '2.2.2' }
          ]
        }
      },
      'Not installed in the kernel: numpy, pandas. The stored versions are kept: numpy 2.1.0, pandas 2.2.2.'
    ],
    [
      {
        code: 'publish.notInstalled',
        params: {
          names: Array.from({ length: 12 }, (_, i) => `p${i}`),
          kept: []
        }
      },
      'Not installed in the kernel: p0, p1, p2, p3, p4, p5, p6, p7, p8, p9 (and 2 more).'
    ],
    [{ code: 'publish.noPackages' }, 'No third-party packages to pin.'],
    [
      { code: 'publish.pinned', params: { pins: ['numpy==2.1.0', 'extra'] } },
      'Pinned: numpy==2.1.0, extra.'
    ],
    [
      { code: 'publish.noInstalls' },
      'No packages are installed from inside the notebook.'
    ],
    [
      {
        code: 'publish.installs',
        params: { lines: ['%pip install a', '!pip install b'] }
      },
      'Packages are installed at run time instead of being recorded: %pip install a; !pip install b.'
    ],
    [
      { code: 'publish.kernel', params: { python: '3.11.7', notInstalled: 0 } },
      'Versions pinned from the running kernel (Python 3.11.7).'
    ],
    [
      { code: 'publish.kernel', params: { python: null, notInstalled: 0 } },
      'Versions pinned from the running kernel.'
    ],
    [
      { code: 'publish.kernel', params: { python: '3.11.7', notInstalled: 2 } },
      'Versions read from the running kernel (Python 3.11.7); 2 packages are not installed in it.'
    ],
    [
      { code: 'publish.kernel', params: { python: null, notInstalled: 1 } },
      'Versions read from the running kernel; 1 package is not installed in it.'
    ],
    [
      { code: 'publish.noKernel' },
      'No usable kernel: the stored versions are kept and new packages are recorded without a version.'
    ],
    [
      {
        code: 'publish.metadataUnreadable',
        params: {
          problem: {
            code: 'metadata.notObject',
            params: { value: { type: 'list' } }
          }
        }
      },
      'The nbproject metadata is a list, not an object. Publishing replaces it.'
    ],
    [
      {
        code: 'publish.metadataFixable',
        params: {
          problems: [
            { code: 'metadata.versionNumber', params: { version: '3' } },
            { code: 'metadata.fieldMissing', params: { field: 'time_init' } }
          ]
        }
      },
      'The nbproject metadata has problems that publishing fixes: The "version" field is the number 3; nbproject needs a string ("3"). The "time_init" field is missing.'
    ],
    [
      { code: 'publish.noSecrets', params: { unscanned: null } },
      'No credentials found in cells or outputs.'
    ],
    [
      {
        code: 'publish.noSecrets',
        params: { unscanned: { count: 1, cells: [6] } }
      },
      'No credentials found in cells or outputs. 1 line longer than 10,000 characters not scanned (cell 7).'
    ],
    [
      {
        code: 'publish.secrets',
        params: {
          findings: [secret, { ...secret, where: 'output', output: 1 }],
          unscanned: null
        }
      },
      'Credentials in the notebook: cell 3, line 4: GitHub token (token = "ghp_•••"); cell 3, output 2: GitHub token (token = "ghp_•••"). ' +
        'Read them at run time with os.environ["NAME"] (set outside the notebook, or in a .env file loaded with python-dotenv), ' +
        'clear outputs that print them, and revoke any that were saved.'
    ],
    [{ code: 'publish.noAbsolutePaths' }, 'No paths in a home directory.'],
    [
      {
        code: 'publish.absolutePaths',
        params: { findings: [path, { ...path, relative: null }] }
      },
      'Paths that only exist on this machine: cell 1, line 1: /home/alice/p/data.csv (use "../data.csv"); ' +
        "cell 1, line 1: /home/alice/p/data.csv (Use a path relative to the notebook (the kernel starts in the notebook's directory), " +
        'or read the location from an environment variable: Path(os.environ["DATA_DIR"]) / "data.csv".).'
    ],
    [{ code: 'publish.noDataFiles' }, 'No data files read by the code.'],
    [
      { code: 'publish.dataNotHashed', params: { failure: null } },
      'The data files were not hashed (no usable kernel): the recorded ones are kept as they were.'
    ],
    [
      {
        code: 'publish.dataIncomplete',
        params: {
          failed: [
            { path: 'gone.csv', code: 'missing' },
            { path: 'x.csv', code: null }
          ],
          skipped: [{ path: 'big.csv', code: 'too-large', kept: true }],
          recorded: 3
        }
      },
      'Data files not recorded: gone.csv (missing), x.csv (not hashed). Data files not read: big.csv (over the size limit, not read, recorded entry kept). 3 data files recorded with their SHA-256.'
    ],
    [
      { code: 'publish.dataRecorded', params: { count: 2, bytes: 4563 } },
      'Data files recorded with their SHA-256: 2 (4.6 KB).'
    ],
    [{ code: 'publish.version', params: { version: '4' } }, 'Version 4.'],
    [
      { code: 'publish.versionRepublished', params: { version: '4' } },
      'Version 4 was already published; publishing it again adds a second record.'
    ]
  ];

  it.each(findings)('say %j', (finding, words) => {
    expect(publishFindingText(trans, finding)).toBe(words);
    expect(publishFindingText(marking, finding)).toMatch(/^«/);
  });
});

describe("the words for a stranger's value and for lists", () => {
  it.each<[ValueShape, string]>([
    [{ type: 'null' }, 'null'],
    [{ type: 'list' }, 'a list'],
    [{ type: 'object' }, 'an object'],
    [{ type: 'number', value: '3' }, 'the number 3'],
    [{ type: 'boolean', value: 'true' }, 'the boolean true'],
    [{ type: 'text', text: '"abc"' }, 'the text "abc"'],
    [{ type: 'other', name: 'undefined' }, 'a undefined']
  ])('name %j the same in the extension and the CLI', (shape, words) => {
    expect(valueText(trans, shape)).toBe(words);
    expect(cliValueText(shape)).toBe(words);
  });

  it('name the first items of a list and count the rest', () => {
    expect(listText(trans, ['a', 'b'], 3)).toBe('a, b');
    expect(listText(trans, ['a', 'b', 'c', 'd', 'e'], 3, '; ')).toBe(
      'a; b; c (and 2 more)'
    );
  });
});

describe('the words for what cannot be read in declared dependencies', () => {
  const list = { type: 'list' } as const;
  it.each<[DeclaredIssue, string]>([
    [
      {
        code: 'declared.pep723',
        params: { message: 'Cell 1 has two blocks.' }
      },
      'Cell 1 has two blocks.'
    ],
    [
      {
        code: 'declared.toml',
        params: { line: 3, message: 'expected a value' }
      },
      'Line 3: expected a value.'
    ],
    [
      {
        code: 'declared.toml',
        params: { line: null, message: 'values nest too deep' }
      },
      'values nest too deep.'
    ],
    [
      { code: 'declared.lockNotText', params: { value: list } },
      'The lock is a list, not TOML text.'
    ],
    [
      { code: 'declared.packagesNotList' },
      '"package" is not a list of [[package]] tables.'
    ],
    [
      { code: 'declared.packageName', params: { value: null } },
      'A [[package]] has no name.'
    ],
    [
      { code: 'declared.packageName', params: { value: list } },
      'A [[package]] has a name that is a list.'
    ],
    [
      { code: 'declared.lockVersion', params: { name: 'a', value: list } },
      'The version of a is a list.'
    ],
    [
      { code: 'declared.notSpecifier', params: { name: 'a', value: list } },
      'The version of a is a list, not a version specifier.'
    ],
    [
      { code: 'declared.notPinned', params: { name: 'a', value: list } },
      'The version of a is a list, not "==" and a version.'
    ],
    [
      { code: 'declared.notPackageName', params: { name: '"a b"' } },
      '"a b" is not a package name.'
    ],
    [
      {
        code: 'declared.tableNotObject',
        params: { key: 'default', value: list }
      },
      '"default" is a list, not an object.'
    ],
    [
      {
        code: 'declared.notJson',
        params: { file: 'Pipfile', detail: 'Unexpected end' }
      },
      'The Pipfile is not JSON (Unexpected end).'
    ],
    [
      {
        code: 'declared.notObject',
        params: { file: 'Pipfile.lock', value: list }
      },
      'The Pipfile.lock is a list, not an object.'
    ],
    [
      { code: 'declared.more', params: { file: 'uv.lock', count: 1 } },
      '1 more package in the lock cannot be read.'
    ],
    [
      { code: 'declared.more', params: { file: 'Pipfile', count: 2 } },
      '2 more packages in the Pipfile cannot be read.'
    ],
    [
      { code: 'declared.more', params: { file: 'Pipfile.lock', count: 5 } },
      '5 more packages in the Pipfile.lock cannot be read.'
    ]
  ])('say %j', (issue, words) => {
    expect(declaredIssueText(trans, issue)).toBe(words);
  });
});

describe('the CLI words for what cannot be read in a data manifest', () => {
  it.each<[ManifestIssue, string]>([
    [
      { code: 'manifest.notList' },
      'The data manifest is not an object with a list of files; it was ignored.'
    ],
    [
      { code: 'manifest.badEntry', params: { index: 1 } },
      'Data file 2 of the manifest could not be read; it was ignored.'
    ],
    [
      { code: 'manifest.duplicate', params: { path: 'a.csv' } },
      'The data file "a.csv" is recorded twice; the first is used.'
    ]
  ])('say %j', (issue, words) => {
    expect(manifestIssueText(issue)).toBe(words);
  });
});

describe('the words for hygiene findings', () => {
  it('name every kind of credential', () => {
    const kinds: SecretKind[] = [
      'aws-access-key-id',
      'private-key',
      'github-token',
      'jwt',
      'url-password',
      'password-assignment',
      'key-assignment',
      'env-file-output'
    ];
    expect(kinds.map(kind => secretKindText(trans, kind))).toEqual([
      'AWS access key id',
      'private key',
      'GitHub token',
      'JSON Web Token',
      'password in a URL',
      'password',
      'key, token or secret',
      '.env contents in an output'
    ]);
  });

  it.each<[SecretAdvice, string]>([
    [
      { code: 'secret.envOutput', params: { variable: 'NAME' } },
      'Clear this output: it prints the contents of a .env file or the environment. Load the file with python-dotenv (load_dotenv()) without printing it, and read single values with os.environ["NAME"].'
    ],
    [
      { code: 'secret.keyInSource', params: { variable: 'KEY' } },
      'Keep the key in a file outside the notebook and read its path from the environment (os.environ["KEY"]); set it outside the notebook, or in a .env file kept out of version control and loaded with python-dotenv (from dotenv import load_dotenv; load_dotenv()). Replace the key: it was saved in the notebook.'
    ],
    [
      { code: 'secret.keyInOutput', params: { variable: 'KEY' } },
      'Clear this output and replace the key: it was printed into the notebook. Keep it in a file whose path comes from os.environ["KEY"].'
    ],
    [
      {
        code: 'secret.printed',
        params: { variable: 'GH_TOKEN', kind: 'github-token' }
      },
      'Clear this output and revoke the GitHub token: it was printed into the notebook. Read it with os.environ["GH_TOKEN"] and do not print it.'
    ],
    [
      {
        code: 'secret.saved',
        params: { variable: 'DB_PASSWORD', kind: 'password-assignment' }
      },
      'Do not write the password into the notebook: read it with os.environ["DB_PASSWORD"]; set it outside the notebook, or in a .env file kept out of version control and loaded with python-dotenv (from dotenv import load_dotenv; load_dotenv()). Revoke this one: it was saved in the notebook.'
    ],
    [
      {
        code: 'secret.saved',
        params: { variable: 'API_KEY', kind: 'key-assignment' }
      },
      'Do not write the key, token or secret into the notebook: read it with os.environ["API_KEY"]; set it outside the notebook, or in a .env file kept out of version control and loaded with python-dotenv (from dotenv import load_dotenv; load_dotenv()). Revoke this one: it was saved in the notebook.'
    ]
  ])('advise on %j', (advice, words) => {
    expect(secretAdviceText(trans, advice)).toBe(words);
  });

  it.each<[PathAdvice, string]>([
    [
      { code: 'path.relative', params: { relative: 'data/iris.csv' } },
      'Write the path relative to the notebook, "data/iris.csv": the kernel starts in the notebook\'s directory.'
    ],
    [
      { code: 'path.outsideProject', params: { file: 'big.csv' } },
      'This file is outside the notebook\'s project: move it into the project and use a path relative to the notebook, or read its location from an environment variable: Path(os.environ["DATA_DIR"]) / "big.csv".'
    ],
    [
      { code: 'path.home', params: {} },
      "This is one person's home directory: read it with Path.home() (from pathlib), which gives the home directory of whoever runs the notebook."
    ]
  ])('advise on %j', (advice, words) => {
    expect(pathAdviceText(trans, advice)).toBe(words);
  });

  it('count the lines too long to scan, in singular and plural', () => {
    expect(unscannedText(trans, { count: 1, cells: [2] })).toBe(
      '1 line longer than 10,000 characters not scanned (cell 3)'
    );
    expect(unscannedText(trans, { count: 9, cells: [0, 1, 2, 3, 4, 5] })).toBe(
      '9 lines longer than 10,000 characters not scanned (cells 1, 2, 3, 4, 5, …)'
    );
  });
});

describe('the words for what went wrong in the kernel', () => {
  const hash = (
    reason: IHashFailure['reason'],
    problem: KernelReplyProblem,
    detail = ''
  ): IHashFailure => ({
    ok: false,
    reason,
    problem,
    detail
  });
  const probe = (
    reason: IProbeFailure['reason'],
    problem: KernelReplyProblem,
    detail = ''
  ): IProbeFailure => ({
    ok: false,
    reason,
    problem,
    detail
  });

  it.each<[IHashFailure, string]>([
    [hash('malformed', 'no-content'), 'The kernel sent no reply content.'],
    [hash('aborted', 'aborted'), 'The kernel skipped the request.'],
    [
      hash('kernel-error', 'error-reply'),
      'The kernel raised an unknown error.'
    ],
    [
      hash('kernel-error', 'expression-error'),
      'The kernel raised an unknown error.'
    ],
    [
      hash('malformed', 'bad-status', 'maybe'),
      'The reply has an unexpected status (maybe).'
    ],
    [
      hash('malformed', 'no-expressions'),
      'The kernel did not evaluate the hash expression.'
    ],
    [
      hash('malformed', 'not-evaluated'),
      'The kernel did not evaluate the hash expression.'
    ],
    [hash('malformed', 'not-base64'), 'The kernel did not answer in base64.'],
    [hash('malformed', 'not-json'), 'The kernel did not answer in JSON.'],
    [
      hash('malformed', 'malformed-shape'),
      'The kernel answered with an unexpected shape.'
    ]
  ])('say why hashing failed: %j', (failure, words) => {
    expect(hashFailureText(trans, failure)).toBe(words);
    expect(kernelHashFailureText(marking, failure)).toBe(`«${words}»`);
  });

  it("give a kernel error in the kernel's own words, untranslated", () => {
    const failure = parseHashReply(
      { status: 'error', ename: 'MemoryError', evalue: 'out' },
      { paths: ['a'] }
    ) as IHashFailure;
    expect(hashFailureText(marking, failure)).toBe('MemoryError: out');
  });

  it('say why a request for hashes got no reply', () => {
    expect(
      kernelHashFailureText(trans, { problem: 'timeout', seconds: 10 })
    ).toBe('the kernel did not answer within 10 s');
    expect(kernelHashFailureText(trans, { problem: 'busy' })).toBe(
      'the kernel has not answered an earlier request yet (it may be running cells)'
    );
    expect(
      kernelHashFailureText(marking, {
        problem: 'request-failed',
        detail: 'Kernel is disposed'
      })
    ).toBe('Kernel is disposed');
  });

  it("say why one file was not hashed: the kernel's words, or what was wrong with its answer", () => {
    const files = (
      parseHashReply(
        {
          status: 'ok',
          user_expressions: {
            jupyterlab_nbproject_hash: {
              status: 'ok',
              data: { 'text/plain': `'${btoa('{"b": 1}')}'` }
            }
          }
        },
        { paths: ['a', 'b'] }
      ) as IHashSuccess
    ).files;
    expect(hashErrorText(marking, files.get('a') as IHashError)).toBe(
      '«The kernel did not answer for this file.»'
    );
    expect(hashErrorText(trans, files.get('b') as IHashError)).toBe(
      'The kernel answered for this file in an unexpected shape.'
    );
    expect(
      hashErrorText(marking, { error: 'PermissionError: [Errno 13]' })
    ).toBe('PermissionError: [Errno 13]');
  });

  it.each<[IProbeFailure, string]>([
    [probe('aborted', 'aborted'), 'The kernel skipped the package query.'],
    [
      probe('kernel-error', 'error-reply'),
      'The kernel could not list its packages: unknown error'
    ],
    [
      probe('kernel-error', 'expression-error', 'OSError: disk gone'),
      'The kernel could not list its packages: OSError: disk gone'
    ],
    [
      probe('malformed', 'no-content'),
      'The kernel gave an unexpected answer about its packages (the reply has no content).'
    ],
    [
      probe('malformed', 'bad-status', 'maybe'),
      'The kernel gave an unexpected answer about its packages (unexpected reply status maybe).'
    ],
    [
      probe('malformed', 'no-expressions'),
      'The kernel gave an unexpected answer about its packages (the reply has no user_expressions).'
    ],
    [
      probe('malformed', 'not-evaluated'),
      'The kernel gave an unexpected answer about its packages (the kernel did not evaluate the probe).'
    ],
    [
      probe('malformed', 'not-base64'),
      'The kernel gave an unexpected answer about its packages (the probe did not answer in base64).'
    ],
    [
      probe('malformed', 'not-json'),
      'The kernel gave an unexpected answer about its packages (the probe did not answer in JSON).'
    ],
    [
      probe('malformed', 'malformed-shape'),
      'The kernel gave an unexpected answer about its packages (the probe answered with an unexpected shape).'
    ]
  ])('say why the package probe failed: %j', (failure, words) => {
    expect(probeFailureText(trans, failure)).toBe(words);
  });

  it("translate the probe's sentences around the kernel's own words", () => {
    const failure = parseProbeReply(
      { status: 'error', ename: 'NameError', evalue: 'x' },
      { modules: [], distributions: [] }
    ) as IProbeFailure;
    expect(probeFailureText(marking, failure)).toBe(
      '«The kernel could not list its packages: NameError: x»'
    );
    expect(probeFailureText(marking, probe('malformed', 'not-json'))).toBe(
      '«The kernel gave an unexpected answer about its packages («the probe did not answer in JSON»).»'
    );
  });
});
