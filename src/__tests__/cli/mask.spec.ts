// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { ExitCode } from '../../cli/main';
import { runSync } from './scratch';

/**
 * Fake credentials, made up at run time so that no credential-shaped
 * string sits in the repository; none was ever issued.
 */
namespace Fake {
  let seed = 20261201;
  const ALNUM =
    'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const chars = (alphabet: string, n: number) =>
    Array.from({ length: n }, () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return alphabet[Math.floor((seed / 2147483648) * alphabet.length)];
    }).join('');
  const mixed = (n: number) => `Q7z${chars(ALNUM, n - 3)}`;

  export const awsId = `AKIAFAKE${chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 12)}`;
  export const awsSecret = `fAKE${mixed(28)}/9x+${chars(ALNUM, 4)}`;
  export const github = `ghp_FAKE${mixed(32)}`;
  export const githubPat = `github_pat_11FAKE${chars(ALNUM, 16)}_${chars(ALNUM, 59)}`;
  export const slack = `xoxb-0000${chars('0123456789', 8)}-FAKE${chars(ALNUM, 20)}`;
  export const google = `AIzaFAKE${chars(ALNUM, 31)}`;
  export const stripe = `sk_live_FAKE${mixed(24)}`;
  export const openaiProject = `sk-proj-FAKE${mixed(40)}`;
  export const huggingface = `hf_FAKEfake${chars(ALNUM.slice(0, 52), 26)}`;
  export const jwt = [
    Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url'),
    Buffer.from('{"sub":"fake-user"}').toString('base64url'),
    `FAKE${chars(ALNUM, 39)}`
  ].join('.');
  export const keyMaterial = `FAKE${chars(ALNUM, 60)}`;
  export const salt = `Fk3${chars(ALNUM, 29)}`;
}

/**
 * Each credential of the notebook below with the public prefix of its
 * format (empty for a free-form secret): nothing after the prefix may
 * appear in a report.
 */
const SECRETS: [string, string][] = [
  ['Tr0ub4dor&3x', ''],
  ['S3cr3tPa55', ''],
  ['Zq81FakeXPk2Rd7TTna', ''],
  [Fake.salt, ''],
  [Fake.awsId, 'AKIA'],
  [Fake.awsSecret, ''],
  [Fake.github, 'ghp_'],
  [Fake.githubPat, 'github_pat_'],
  [Fake.slack, 'xoxb-'],
  [Fake.google, 'AIza'],
  [Fake.stripe, 'sk_live_'],
  [Fake.openaiProject, 'sk-proj-'],
  [Fake.huggingface, 'hf_'],
  [Fake.jwt, 'eyJ'],
  [Fake.keyMaterial, ''],
  ['hunter2hunter2', ''],
  ['Wq7Zv2Kp9Lm', ''],
  ['Xk4mQ9wL2v', '']
];

/**
 * A code cell's JSON.
 */
function cell(source: string, outputs: unknown[] = [], tags?: string[]) {
  return {
    cell_type: 'code',
    execution_count: 1,
    metadata: tags ? { tags } : {},
    outputs,
    source: source.split(/(?<=\n)/)
  };
}

/**
 * A stream output printing `text`.
 */
const printed = (text: string) => ({
  output_type: 'stream',
  name: 'stdout',
  text: [text]
});

/**
 * A notebook's JSON with these cells after a title.
 */
function notebook(cells: unknown[]): string {
  return `${JSON.stringify(
    {
      cells: [
        { cell_type: 'markdown', id: 'title', metadata: {}, source: ['# T'] },
        ...cells
      ].map((c, i) => ({ ...(c as object), id: `cell${i}` })),
      metadata: {},
      nbformat: 4,
      nbformat_minor: 5
    },
    null,
    1
  )}\n`;
}

const LEAKY = notebook([
  cell(
    [
      'db_password = "Tr0ub4dor&3x"',
      'engine = create_engine("postgresql://admin:S3cr3tPa55@db.example.com/sales")',
      "api_key = 'Zq81FakeXPk2Rd7TTna'",
      `signing_salt = "${Fake.salt}"`,
      `aws_access_key_id = "${Fake.awsId}"`,
      `AWS_SECRET_ACCESS_KEY = "${Fake.awsSecret}"`
    ].join('\n')
  ),
  cell(
    [
      `gh = Github("${Fake.github}")`,
      `GITHUB_TOKEN = "${Fake.githubPat}"`,
      `client = WebClient(token="${Fake.slack}")`,
      `genai.configure(api_key="${Fake.google}")`,
      `stripe.api_key = "${Fake.stripe}"`,
      `client = OpenAI(api_key="${Fake.openaiProject}")`,
      `login(token="${Fake.huggingface}")`,
      `headers = {"Authorization": f"Bearer ${Fake.jwt}"}`
    ].join('\n')
  ),
  cell(
    [
      'KEY = """-----BEGIN RSA PRIVATE KEY-----',
      Fake.keyMaterial,
      '-----END RSA PRIVATE KEY-----"""'
    ].join('\n')
  ),
  cell('print(config)', [printed('user=admin password=hunter2hunter2\n')]),
  cell('!cat .env', [
    printed('DB_HOST=db\nDB_USER=app\nDB_PASSWORD=Wq7Zv2Kp9Lm\n')
  ]),
  cell('%pip install git+https://bob:Xk4mQ9wL2v@git.example.com/x.git'),
  cell(
    `%pip install git+https://alice:${Fake.github}@github.com/acme/private-lib.git`
  )
]);

/**
 * What each finding shows of its credential, in every format.
 */
const SHOWN = [
  'A credential (password-assignment): db_password = "•••".',
  'engine = create_engine("postgresql://admin:•••@db.example.com/sales"). Read it from the environment (DATABASE_URL)',
  "A credential (key-assignment): api_key = '•••'.",
  'A credential (high-entropy-assignment): signing_salt = "•••".',
  'aws_access_key_id = "AKIA•••"',
  'AWS_SECRET_ACCESS_KEY = "•••"',
  'gh = Github("ghp_•••")',
  'GITHUB_TOKEN = "github_pat_•••"',
  'client = WebClient(token="xoxb-•••")',
  'genai.configure(api_key="AIza•••")',
  'stripe.api_key = "sk_live_•••"',
  'client = OpenAI(api_key="sk-proj-•••")',
  'login(token="hf_•••")',
  'headers = {"Authorization": f"Bearer eyJ•••"}',
  'KEY = """-----BEGIN RSA PRIVATE KEY-----•••',
  'A credential (password-assignment) in output 1: user=admin password=•••.',
  'A credential (env-file-output) in output 1: DB_PASSWORD=•••.',
  'git+https://bob:•••@git.example.com/x.git',
  'git+https://alice:ghp_•••@github.com/acme/private-lib.git. Read it from the environment (GITHUB_TOKEN)'
];

const run = runSync;

/**
 * The messages of a report, as a reader sees them (JSON unquoted).
 */
function messages(format: string, stdout: string): string {
  if (format === 'json') {
    return JSON.parse(stdout)
      .findings.map((f: { message: string }) => f.message)
      .join('\n');
  }
  if (format === 'sarif') {
    return JSON.parse(stdout)
      .runs[0].results.map((r: { message: { text: string } }) => r.message.text)
      .join('\n');
  }
  return stdout;
}

describe('check --require secrets: masked credentials', () => {
  it.each(['human', 'json', 'github', 'sarif'])(
    'show in %s the public prefix of a token format and nothing of a free-form secret',
    format => {
      const result = run(
        [
          'check',
          '--require',
          'secrets,installs',
          '--format',
          format,
          'leaky.ipynb'
        ],
        { 'leaky.ipynb': LEAKY }
      );
      expect(result.stderr).toBe('');
      expect(result.status).toBe(ExitCode.Failed);
      const shown = messages(format, result.stdout);
      for (const excerpt of SHOWN) {
        expect(shown).toContain(excerpt);
      }
      // The URL's password is not read from a variable named after its user.
      expect(shown).not.toContain('(ADMIN)');
      // Nor a token in a URL after its user.
      expect(shown).not.toContain('(ALICE)');
      // No four characters of a credential after its public prefix appear
      // anywhere in the output, unless the notebook has them elsewhere.
      const elsewhere = SECRETS.reduce(
        (text, [secret]) => text.split(secret).join('\n'),
        LEAKY
      );
      for (const [secret, prefix] of SECRETS) {
        expect(secret.startsWith(prefix)).toBe(true);
        const rest = secret.slice(prefix.length);
        expect(result.stdout).not.toContain(rest);
        for (let i = 0; i + 4 <= rest.length; i++) {
          const part = rest.slice(i, i + 4);
          if (!elsewhere.includes(part)) {
            expect(result.stdout).not.toContain(part);
          }
        }
      }
    }
  );

  it('allows a key or token assigned a literal inline, as any credential', () => {
    const key = "api_key = 'Zq81FakeXPk2Rd7TTna'";
    const result = run(
      ['check', '--require', 'secrets', '--format', 'json', 'nb.ipynb'],
      {
        'nb.ipynb': notebook([
          cell(`${key}  # nbproject-lab: allow-secret`),
          cell(key, [], ['nbproject-lab: allow-secret']),
          cell(`x = 1\n${key}`)
        ])
      }
    );
    expect(result.status).toBe(ExitCode.Failed);
    expect(
      JSON.parse(result.stdout).findings.map(
        (f: { cell: number; line: number; message: string }) => [
          f.cell,
          f.line,
          f.message
        ]
      )
    ).toEqual([
      [
        3,
        2,
        "A credential (key-assignment): api_key = '•••'. Read it from the environment (API_KEY) and revoke it."
      ]
    ]);
  });
});
