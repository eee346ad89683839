// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { SCAN_LIMITS } from '../../../core/common/scanLimits';
import { nullTranslator } from '@jupyterlab/translation';
import { unscannedText } from '../../../components/messages/hygiene';
import {
  findSecrets,
  ICellWithOutputs,
  maskSecret,
  SecretKind,
  unscannedLines
} from '../../../core/hygiene/secrets';

const trans = nullTranslator.load('jupyterlab_nbproject');

/**
 * Fake credentials, made up here at run time from a fixed seed so that no
 * credential-shaped string sits in the repository: each has the format of
 * a service's keys and `FAKE` (or `fake`) in it. None was ever issued.
 */
namespace Fake {
  let seed = 20240611;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const DIGITS = '0123456789';
  const ALNUM = `${UPPER}${UPPER.toLowerCase()}${DIGITS}`;
  const HEX = '0123456789abcdef';
  const chars = (alphabet: string, n: number) =>
    Array.from(
      { length: n },
      () => alphabet[Math.floor(random() * alphabet.length)]
    ).join('');
  /** Random with at least one upper, lower and digit. */
  const mixed = (n: number) => `Q7z${chars(ALNUM, n - 3)}`;
  const base64url = (text: string) => Buffer.from(text).toString('base64url');

  export const awsId = `AKIAFAKE${chars(UPPER + DIGITS, 12)}`;
  export const awsSessionId = `ASIAFAKE${chars(UPPER + DIGITS, 12)}`;
  export const awsSecret = `fAKE${mixed(28)}/9x+${chars(ALNUM, 4)}`;
  export const github = `ghp_FAKE${mixed(32)}`;
  export const githubOauth = `gho_FAKE${mixed(32)}`;
  export const githubPat = `github_pat_11FAKE${chars(ALNUM, 16)}_${chars(ALNUM, 59)}`;
  export const slack = `xoxb-0000${chars(DIGITS, 8)}-FAKE${chars(ALNUM, 20)}`;
  export const google = `AIzaFAKE${chars(ALNUM, 31)}`;
  export const stripe = `sk_live_FAKE${mixed(24)}`;
  export const openai = `sk-FAKE${mixed(44)}`;
  export const openaiProject = `sk-proj-FAKE${mixed(40)}_${chars(ALNUM, 20)}`;
  export const huggingface = `hf_FAKEfake${chars(UPPER + UPPER.toLowerCase(), 26)}`;
  export const jwt = [
    base64url('{"alg":"HS256","typ":"JWT"}'),
    base64url('{"sub":"fake-user","name":"Not A Real Token"}'),
    `FAKE${chars(ALNUM + '_-', 39)}`
  ].join('.');
  export const keyMaterial = Array.from(
    { length: 4 },
    () => `FAKE${chars(ALNUM + '+/', 60)}`
  );
  export const salt = `Fk3${chars(ALNUM, 29)}`;
  export const hexSession = chars(HEX, 40);
  export const dbPassword = 'Tr0ub4dor&3-fake';
}

/**
 * A code cell with a source and optional outputs.
 */
function code(source: string, outputs: unknown[] = []): ICellWithOutputs {
  return { cell_type: 'code', source, execution_count: 1, outputs };
}

function kinds(cells: ICellWithOutputs[]): SecretKind[] {
  return findSecrets(cells).map(finding => finding.kind);
}

/**
 * True positives: a source line and what must be found in it.
 */
const TRUE_POSITIVES: [string, string, SecretKind[]][] = [
  [
    'an AWS access key id',
    `aws_access_key_id = "${Fake.awsId}"`,
    ['aws-access-key-id']
  ],
  [
    'an AWS session key id',
    `key_id = '${Fake.awsSessionId}'`,
    ['aws-access-key-id']
  ],
  [
    'an AWS secret key',
    `AWS_SECRET_ACCESS_KEY = "${Fake.awsSecret}"`,
    ['aws-secret-access-key']
  ],
  [
    'both AWS keys passed to boto3',
    `s3 = boto3.client("s3", aws_access_key_id="${Fake.awsId}", aws_secret_access_key="${Fake.awsSecret}")`,
    ['aws-access-key-id', 'aws-secret-access-key']
  ],
  ['a GitHub token', `gh = Github("${Fake.github}")`, ['github-token']],
  [
    'a GitHub OAuth token',
    `headers = {"Authorization": "token ${Fake.githubOauth}"}`,
    ['github-token']
  ],
  [
    'a fine-grained GitHub token',
    `GITHUB_TOKEN = "${Fake.githubPat}"`,
    ['github-token']
  ],
  [
    'a Slack bot token',
    `client = WebClient(token="${Fake.slack}")`,
    ['slack-token']
  ],
  [
    'a Google API key',
    `genai.configure(api_key="${Fake.google}")`,
    ['google-api-key']
  ],
  ['a Stripe live key', `stripe.api_key = "${Fake.stripe}"`, ['stripe-key']],
  [
    'an OpenAI key',
    `client = OpenAI(api_key="${Fake.openai}")`,
    ['openai-key']
  ],
  [
    'an OpenAI project key',
    `os.environ["OPENAI_API_KEY"] = "${Fake.openaiProject}"`,
    ['openai-key']
  ],
  [
    'a Hugging Face token',
    `login(token="${Fake.huggingface}")`,
    ['huggingface-token']
  ],
  ['a JWT', `headers = {"Authorization": f"Bearer ${Fake.jwt}"}`, ['jwt']],
  [
    'a password in a database URL',
    `engine = create_engine("postgresql://analyst:${Fake.dbPassword}@db.internal/sales")`,
    ['url-password']
  ],
  ['a password assigned', 'password = "hunter2fake"', ['password-assignment']],
  [
    'a password keyword',
    'conn = psycopg2.connect(host="db", user="me", password="correct-horse-fake")',
    ['password-assignment']
  ],
  [
    'a password in a dict',
    `config = {"db_passwd": "S3cure!fake"}`,
    ['password-assignment']
  ],
  [
    'an annotated secret',
    'CLIENT_SECRET: str = "q8ZpFakeFakeFake"',
    ['key-assignment']
  ],
  [
    'an API key in a dict',
    `params = {'apiKey': 'f4k3f4k3f4k3f4k3'}`,
    ['key-assignment']
  ],
  [
    'an API key assigned',
    "api_key = 'Zq81FakeXPk2Rd7TTna'",
    ['key-assignment']
  ],
  ['a token assigned', 'token = "Zq81FakeXPk2Rd7TTna"', ['key-assignment']],
  [
    'a password put into the environment',
    'os.environ["DB_PASSWORD"] = "hunter2fake"',
    ['password-assignment']
  ],
  [
    'a password set with %env',
    '%env DB_PASSWORD=hunter2fake',
    ['password-assignment']
  ],
  [
    'a random salt',
    `signing_salt = "${Fake.salt}"`,
    ['high-entropy-assignment']
  ],
  [
    'a random hex session secret',
    `session_cookie = "${Fake.hexSession}"`,
    ['high-entropy-assignment']
  ]
];

/**
 * False positives: source lines where nothing must be found.
 */
const FALSE_POSITIVES: [string, string][] = [
  [
    'keys read from the environment',
    'api_key = os.environ["OPENAI_API_KEY"]\ntoken = os.getenv("HF_TOKEN")\npassword = os.environ.get("PW", "")'
  ],
  [
    'prompts',
    'password = getpass.getpass()\npassword = getpass()\npassword = input("Password: ")'
  ],
  [
    'placeholders',
    [
      'api_key = "xxx"',
      'api_key = "<your-key>"',
      'password = "changeme"',
      'OPENAI_API_KEY = "your_api_key_here"',
      'token = "${TOKEN}"',
      'secret = "***"',
      'password = ""',
      'password = "password"',
      'api_key = "YOUR-API-KEY"',
      'client_secret = "{client_secret}"',
      'password: str = "..."',
      'secret_key = "REPLACE_ME_example"',
      'aws_access_key_id = "AKIAXXXXXXXXXXXXXXXX"',
      'openai_key = "sk-..."',
      'token = "hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"'
    ].join('\n')
  ],
  [
    'URLs without a real password',
    [
      'url = "postgresql://user:password@localhost/db"',
      'url = f"postgresql://{user}:{password}@{host}/db"',
      'url = "postgresql://user:${DB_PASSWORD}@db/x"',
      'requests.get("https://example.org/a:b")'
    ].join('\n')
  ],
  [
    'tokenizers and counts',
    [
      'tokenizer.pad_token = "<pad>"',
      'tok = AutoTokenizer.from_pretrained("bert-base-uncased", eos_token="</s>", sep_token="[SEP]")',
      'tokenizer = "bert-base-uncased"',
      'max_tokens = 256',
      'num_tokens = "many"',
      'mask_token = "MASK"',
      'for token in tokens: print(token)'
    ].join('\n')
  ],
  [
    'identifiers in key-like names',
    [
      'sort_key = "sepal_length"',
      'key = "petal_width"',
      'primary_key = "customer_id"',
      'cache_key = "model_v2_final_weights"',
      'session_id = "123e4567-e89b-12d3-a456-426614174000"',
      'key_column = "CustomerAccountNumber2024"'
    ].join('\n')
  ],
  [
    'comparisons and hashes',
    [
      'if password == check: pass',
      'assert token != ""',
      'sha = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"',
      'commit = "3f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39"'
    ].join('\n')
  ],
  [
    'words that contain token prefixes',
    'task-1234567890abcdefghijKLMN = 1\nrisk-free rate\nsk-learn is scikit-learn\nask-AbcdefGhij1234567890KLMNOP'
  ],
  [
    'a private key header without a key',
    '# The file starts with -----BEGIN RSA PRIVATE KEY----- and then base64.'
  ],
  [
    'prose about credentials',
    'Set `OPENAI_API_KEY` in your environment; never write password = "..." in a cell.'
  ]
];

describe('findSecrets', () => {
  it.each(TRUE_POSITIVES)('finds %s', (_, source, expected) => {
    expect(kinds([code(source)])).toEqual(expected);
  });

  it.each(FALSE_POSITIVES)('finds nothing in %s', (_, source) => {
    expect(findSecrets([code(source)])).toEqual([]);
  });

  it('never puts a whole credential into a finding', () => {
    const secrets = Object.values(Fake)
      .flat()
      .filter((value): value is string => typeof value === 'string');
    const cells = TRUE_POSITIVES.map(([, source]) =>
      code(source, [{ output_type: 'stream', name: 'stdout', text: source }])
    );
    const findings = findSecrets(cells);
    expect(findings.length).toBeGreaterThanOrEqual(2 * TRUE_POSITIVES.length);
    const text = JSON.stringify(findings);
    // Nothing after the public prefix of a format: no four characters of
    // the rest appear, unless the notebook has them outside the secret
    // (`nter` of `db.internal`).
    const prefix = (secret: string) =>
      /^(?:github_pat_|sk-proj-|sk_live_|AKIA|ASIA|gh[po]_|xoxb-|AIza|sk-|hf_|eyJ)?/.exec(
        secret
      )![0];
    const all = [
      ...secrets,
      'hunter2fake',
      'correct-horse-fake',
      'S3cure!fake',
      'q8ZpFakeFakeFake',
      'f4k3f4k3f4k3f4k3',
      'Zq81FakeXPk2Rd7TTna'
    ];
    const elsewhere = all.reduce(
      (rest, secret) => rest.split(secret).join('\n'),
      TRUE_POSITIVES.map(([, source]) => source).join('\n')
    );
    for (const secret of all) {
      const rest = secret.slice(prefix(secret).length);
      for (let i = 0; i + 4 <= rest.length; i++) {
        const part = rest.slice(i, i + 4);
        if (!elsewhere.includes(part)) {
          expect(text).not.toContain(part);
        }
      }
    }
  });

  it('masks the credential in the excerpt and says where it is', () => {
    const [finding] = findSecrets([
      { cell_type: 'markdown', source: '# Setup' },
      code(
        `import boto3\n\naws_access_key_id = "${Fake.awsId}"  # the team's key`
      )
    ]);
    expect(finding).toEqual({
      cell: 1,
      kind: 'aws-access-key-id',
      line: 3,
      excerpt: 'aws_access_key_id = "AKIA•••"  # the team\'s key',
      where: 'source',
      advice: {
        code: 'secret.saved',
        params: { variable: 'AWS_ACCESS_KEY_ID', kind: 'aws-access-key-id' }
      }
    });
  });

  it('names the variable a token was assigned to in the suggestion', () => {
    const [finding] = findSecrets([code(`openai_key = "${Fake.openai}"`)]);
    expect(finding.advice.params.variable).toBe('OPENAI_KEY');
    const [password] = findSecrets([code('dbPassword = "hunter2fake"')]);
    expect(password.advice.params.variable).toBe('DB_PASSWORD');
    expect(password.excerpt).toBe('dbPassword = "•••"');
  });

  it('keeps the digits of the name in the variable it suggests', () => {
    const variable = (name: string) =>
      findSecrets([code(`${name} = "${Fake.github}"`)])[0].advice.params
        .variable;
    expect(variable('T2')).toBe('T2');
    expect(variable('API_KEY_2')).toBe('API_KEY_2');
    expect(variable('x1')).toBe('X1');
    expect(variable('apiKey2')).toBe('API_KEY2');
    expect(variable('config.s3Token')).toBe('S3_TOKEN');
    expect(variable('__token__')).toBe('TOKEN');
    // Not a variable that starts with a digit, nor one without it.
    expect(variable('_2fa_token')).toBe('_2FA_TOKEN');
  });

  it.each<[SecretKind, string, string]>([
    [
      'aws-access-key-id',
      `aws_access_key_id = "${Fake.awsId}"`,
      'aws_access_key_id = "AKIA•••"'
    ],
    [
      'aws-secret-access-key',
      `AWS_SECRET_ACCESS_KEY = "${Fake.awsSecret}"`,
      'AWS_SECRET_ACCESS_KEY = "•••"'
    ],
    [
      'private-key',
      `k = "-----BEGIN PRIVATE KEY-----\\n${Fake.keyMaterial[0]}\\n"`,
      'k = "-----BEGIN PRIVATE KEY-----•••'
    ],
    ['github-token', `gh = Github("${Fake.github}")`, 'gh = Github("ghp_•••")'],
    [
      'github-token',
      `GITHUB_TOKEN = "${Fake.githubPat}"`,
      'GITHUB_TOKEN = "github_pat_•••"'
    ],
    [
      'slack-token',
      `client = WebClient(token="${Fake.slack}")`,
      'client = WebClient(token="xoxb-•••")'
    ],
    [
      'google-api-key',
      `genai.configure(api_key="${Fake.google}")`,
      'genai.configure(api_key="AIza•••")'
    ],
    [
      'stripe-key',
      `stripe.api_key = "${Fake.stripe}"`,
      'stripe.api_key = "sk_live_•••"'
    ],
    [
      'openai-key',
      `client = OpenAI(api_key="${Fake.openai}")`,
      'client = OpenAI(api_key="sk-•••")'
    ],
    [
      'openai-key',
      `client = OpenAI(api_key="${Fake.openaiProject}")`,
      'client = OpenAI(api_key="sk-proj-•••")'
    ],
    [
      'huggingface-token',
      `login(token="${Fake.huggingface}")`,
      'login(token="hf_•••")'
    ],
    [
      'jwt',
      `headers = {"Authorization": f"Bearer ${Fake.jwt}"}`,
      'headers = {"Authorization": f"Bearer eyJ•••"}'
    ],
    [
      'url-password',
      'engine = create_engine("postgresql://admin:S3cr3tPa55@db.example.com/sales")',
      'engine = create_engine("postgresql://admin:•••@db.example.com/sales")'
    ],
    [
      'password-assignment',
      'db_password = "Tr0ub4dor&3x"',
      'db_password = "•••"'
    ],
    ['key-assignment', "api_key = 'Zq81FakeXPk2Rd7TTna'", "api_key = '•••'"],
    [
      'high-entropy-assignment',
      `signing_salt = "${Fake.salt}"`,
      'signing_salt = "•••"'
    ]
  ])(
    '%s: the excerpt shows the public prefix of its format, or nothing of a free-form secret',
    (kind, source, excerpt) => {
      const findings = findSecrets([code(source)]);
      expect(findings.map(f => [f.kind, f.excerpt])).toEqual([[kind, excerpt]]);
    }
  );

  it('shows nothing of a password or .env value printed into an output', () => {
    const printed = findSecrets([
      code('print(config)', [
        {
          output_type: 'stream',
          name: 'stdout',
          text: 'user=admin password=hunter2hunter2\n'
        }
      ]),
      code('!cat .env', [
        {
          output_type: 'stream',
          name: 'stdout',
          text: 'DB_HOST=db\nDB_USER=app\nDB_PASSWORD=Tr0ub4dor&3x\n'
        }
      ])
    ]);
    expect(printed.map(f => [f.cell, f.kind, f.excerpt])).toEqual([
      [0, 'password-assignment', 'user=admin password=•••'],
      [1, 'password-assignment', 'DB_PASSWORD=•••'],
      [1, 'env-file-output', 'DB_PASSWORD=•••']
    ]);
  });

  it('names the variable for a URL with a password after the URL, never after its user', () => {
    const variables = (source: string) =>
      findSecrets([code(source)]).map(f => [f.kind, f.advice.params.variable]);
    const pw = 'S3cr3tPa55';
    expect(
      [
        `engine = create_engine("postgresql://admin:${pw}@db.example.com/sales")`,
        `engine = create_engine("mysql+pymysql://root:${pw}@localhost/db")`,
        `r = redis.from_url("rediss://default:${pw}@cache.example.com:6380")`,
        `client = MongoClient("mongodb+srv://app:${pw}@cluster0.example.net")`,
        `DB_URL = "postgresql://admin:${pw}@db/x"`,
        `%env WAREHOUSE_URL=snowflake://admin:${pw}@acme/db`,
        `%pip install git+https://bob:${pw}@git.example.com/x.git`,
        `requests.get("https://bob:${pw}@api.github.com/user")`,
        `urlopen("ftp://bob:${pw}@files.example.co.uk/data.csv")`,
        `urlopen("ftp://bob:${pw}@10.0.0.7/data.csv")`,
        `urlopen("http://admin:${pw}@localhost:8080/")`
      ].flatMap(variables)
    ).toEqual(
      [
        'DATABASE_URL',
        'DATABASE_URL',
        'REDIS_URL',
        'MONGODB_URI',
        'DB_URL',
        'WAREHOUSE_URL',
        'EXAMPLE_PASSWORD',
        'GITHUB_PASSWORD',
        'EXAMPLE_PASSWORD',
        'URL_PASSWORD',
        'URL_PASSWORD'
      ].map(variable => ['url-password', variable])
    );
  });

  it('names the variable for a token in a URL after the token, never after its user', () => {
    const variables = (source: string) =>
      findSecrets([code(source)]).map(f => [f.kind, f.advice.params.variable]);
    expect(
      [
        `%pip install git+https://alice:${Fake.github}@github.com/acme/private-lib.git`,
        `!git clone https://x-access-token:${Fake.githubOauth}@github.com/acme/x.git`,
        `requests.get("https://bob:${Fake.openai}@api.example.com/v1")`
      ].flatMap(variables)
    ).toEqual([
      ['github-token', 'GITHUB_TOKEN'],
      ['github-token', 'GITHUB_TOKEN'],
      ['openai-key', 'OPENAI_API_KEY']
    ]);
    // A name the token was assigned to still names the variable.
    expect(variables(`token: ${Fake.github}`)).toEqual([
      ['github-token', 'TOKEN']
    ]);
  });

  it('shows the header of a private key block, not the key', () => {
    const source = [
      'KEY = """-----BEGIN RSA PRIVATE KEY-----',
      ...Fake.keyMaterial,
      '-----END RSA PRIVATE KEY-----"""'
    ].join('\n');
    const findings = findSecrets([
      code(source),
      { cell_type: 'markdown', source: source.replace(/RSA/g, 'OPENSSH') }
    ]);
    expect(findings.map(f => [f.cell, f.kind, f.line, f.excerpt])).toEqual([
      [0, 'private-key', 1, 'KEY = """-----BEGIN RSA PRIVATE KEY-----•••'],
      [1, 'private-key', 1, 'KEY = """-----BEGIN OPENSSH PRIVATE KEY-----•••']
    ]);
    const inline = findSecrets([
      code(`k = "-----BEGIN PRIVATE KEY-----\\n${Fake.keyMaterial[0]}\\n"`)
    ]);
    expect(inline.map(f => f.excerpt)).toEqual([
      'k = "-----BEGIN PRIVATE KEY-----•••'
    ]);
  });

  it('scans outputs: stream text, text/plain, tracebacks with colours', () => {
    const cell = code('print(token)\nconfig\nclient.models.list()', [
      {
        output_type: 'stream',
        name: 'stdout',
        text: ['Logged in.\n', `${Fake.github}\n`]
      },
      {
        output_type: 'execute_result',
        execution_count: 2,
        data: {
          'text/plain': "{'host': 'db', 'password': 'hunter2fake'}",
          'text/html': '<b>x</b>'
        },
        metadata: {}
      },
      {
        output_type: 'error',
        ename: 'AuthenticationError',
        evalue: 'bad key',
        traceback: [
          '\u001b[0;31m---------------------------------------------------------------------------\u001b[0m',
          `\u001b[0;31mAuthenticationError\u001b[0m: Incorrect API key provided: ${Fake.openaiProject}.`
        ]
      },
      {
        output_type: 'display_data',
        data: { 'image/png': Fake.salt },
        metadata: {}
      }
    ]);
    const findings = findSecrets([cell]);
    expect(findings.map(f => [f.where, f.output, f.kind, f.line])).toEqual([
      ['output', 0, 'github-token', 2],
      ['output', 1, 'password-assignment', 1],
      ['output', 2, 'openai-key', 2]
    ]);
    expect(findings[2].excerpt).toBe(
      'AuthenticationError: Incorrect API key provided: sk-proj-•••.'
    );
    expect(findings[0].advice.code).toBe('secret.printed');
  });

  it('finds .env contents printed into an output, once', () => {
    const env =
      'DB_HOST=localhost\nDB_USER=app\nDB_PASSWORD=hunter2fake\nDEBUG=1\n';
    const findings = findSecrets([
      code('!cat .env', [{ output_type: 'stream', name: 'stdout', text: env }])
    ]);
    expect(findings.map(f => [f.kind, f.line, f.excerpt])).toEqual([
      ['password-assignment', 3, 'DB_PASSWORD=•••'],
      ['env-file-output', 3, 'DB_PASSWORD=•••']
    ]);
    expect(findings[1].advice.code).toBe('secret.envOutput');
  });

  it('leaves harmless environment listings and configuration output alone', () => {
    const cells = [
      code('!env', [
        {
          output_type: 'stream',
          name: 'stdout',
          text: 'HOME=/root\nPATH=/usr/bin:/bin\nSHELL=/bin/bash\nTOKENIZERS_PARALLELISM=false\n'
        }
      ]),
      code('print(cfg)', [
        {
          output_type: 'stream',
          name: 'stdout',
          text: 'lr: 0.001\nepochs: 10\npad_token: <pad>\napi_key: None\n'
        }
      ]),
      code('df', [
        {
          output_type: 'execute_result',
          data: { 'text/plain': '   token  count\n0  the    10\n1  a      7' },
          metadata: {}
        }
      ])
    ];
    expect(findSecrets(cells)).toEqual([]);
  });

  it('never throws on strangers and stays fast on a huge output', () => {
    const strangers: ICellWithOutputs[] = [
      { cell_type: 'code', source: 12, outputs: 'not a list' },
      {
        cell_type: 'code',
        source: null,
        outputs: [
          null,
          3,
          { output_type: 'stream', text: 5 },
          { output_type: 'error', traceback: [1, null] }
        ]
      },
      {
        cell_type: 'code',
        source: ['pass'],
        outputs: [{ output_type: 'execute_result', data: null }]
      },
      { cell_type: null }
    ];
    expect(findSecrets(strangers)).toEqual([]);
    // How long scans take is linearity.spec.ts's business.
  });

  it('skips lines longer than 10,000 characters and counts them for the user', () => {
    const long = `token = "${Fake.github}" # ${'x'.repeat(SCAN_LIMITS.maxLineLength)}`;
    const cells = [
      { cell_type: 'markdown', source: 'intro' },
      code(`${long}\npassword = "hunter2fake"`, [
        { output_type: 'stream', name: 'stdout', text: `${long}\n${long}` }
      ]),
      code(`x = 1\n${long}`)
    ];
    // The short line is still scanned, with its line number.
    expect(findSecrets(cells).map(f => [f.cell, f.kind, f.line])).toEqual([
      [1, 'password-assignment', 2]
    ]);
    expect(unscannedLines(cells)).toEqual({ count: 4, cells: [1, 2] });
    expect(unscannedText(trans, unscannedLines(cells))).toBe(
      '4 lines longer than 10,000 characters not scanned (cells 2, 3)'
    );
    // Without the limit the long lines are scanned like any other.
    const unlimited = { ...SCAN_LIMITS, maxLineLength: Infinity };
    expect(
      findSecrets(cells, unlimited).map(f => [f.cell, f.kind, f.line, f.where])
    ).toEqual([
      [1, 'github-token', 1, 'source'],
      [1, 'password-assignment', 2, 'source'],
      [1, 'github-token', 1, 'output'],
      [1, 'github-token', 2, 'output'],
      [2, 'github-token', 2, 'source']
    ]);
    expect(unscannedLines(cells, unlimited)).toEqual({ count: 0, cells: [] });
    expect(unscannedLines([code(long)])).toEqual({ count: 1, cells: [0] });
    expect(unscannedText(trans, unscannedLines([code(long)]))).toBe(
      '1 line longer than 10,000 characters not scanned (cell 1)'
    );
  });

  it('finds tokens after long names and among many tokens on one line, as before', () => {
    const name = 'a'.repeat(5000);
    const [finding] = findSecrets([code(`self.${name}_key = "${Fake.awsId}"`)]);
    expect(finding.kind).toBe('aws-access-key-id');
    expect(finding.advice.params.variable).toBe(`${name.toUpperCase()}_KEY`);
    // Slack tokens need a digit after the prefix; a run of prefixes is none.
    expect(kinds([code('xoxb-'.repeat(2000))])).toEqual([]);
    expect(kinds([code(`${'xoxb-'.repeat(100)}1`)])).toEqual(['slack-token']);
    // Each token on a long line is found and masked (20 per text at most).
    // (400 tokens: a line just under the limit.)
    const line = Array.from({ length: 400 }, () => Fake.awsId).join(' ');
    const findings = findSecrets([code(line)]);
    expect(findings).toHaveLength(20);
    expect(
      findings.every(
        f => f.kind === 'aws-access-key-id' && !f.excerpt.includes(Fake.awsId)
      )
    ).toBe(true);
    // Private key headers need key material within the next lines.
    const headers = '-----BEGIN RSA PRIVATE KEY-----'.repeat(300);
    expect(kinds([code(headers)])).toEqual([]);
    expect(kinds([code(`${headers}\n${Fake.keyMaterial[0]}`)])).toEqual([
      'private-key'
    ]);
  });

  it('reports at most 20 findings per text', () => {
    const many = Array.from(
      { length: 50 },
      (_, i) => `password${i} = "hunter2fake${i}"`
    ).join('\n');
    expect(findSecrets([code(many)])).toHaveLength(20);
  });
});

describe('maskSecret', () => {
  it.each<[string, SecretKind, string]>([
    ['AKIAFAKEFAKEFAKE1234', 'aws-access-key-id', 'AKIA•••'],
    [Fake.githubPat, 'github-token', 'github_pat_•••'],
    [Fake.openaiProject, 'openai-key', 'sk-proj-•••'],
    ['sk-ant-api03-FAKEfake0123456789abcdef', 'openai-key', 'sk-ant-api03-•••'],
    [Fake.slack, 'slack-token', 'xoxb-•••'],
    [Fake.awsSecret, 'aws-secret-access-key', '•••'],
    ['Tr0ub4dor&3x', 'password-assignment', '•••'],
    ['Zq81FakeXPk2Rd7TTna', 'key-assignment', '•••'],
    ['S3cr3tPa55', 'url-password', '•••'],
    ['hunter2', 'env-file-output', '•••'],
    ['', 'password-assignment', '•••']
  ])('masks %j (%s) as %j', (secret, kind, masked) => {
    expect(maskSecret(secret, kind)).toBe(masked);
  });
});
