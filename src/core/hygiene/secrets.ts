// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { ICellLike, joinSource } from '../notebook/cells';
import {
  forEachLongLine,
  IScanLimits,
  IUnscannedLines,
  SCAN_LIMITS,
  withoutLongLines
} from '../common/scanLimits';
import { lineAt, lineStarts } from '../common/lines';

/**
 * A cell with its outputs, as in an `.ipynb` file (outputs are read
 * leniently: anything that is not nbformat is skipped).
 */
export interface ICellWithOutputs extends ICellLike {
  /**
   * nbformat outputs of a code cell.
   */
  outputs?: unknown;
}

/**
 * What a finding is.
 */
export type SecretKind =
  | 'aws-access-key-id'
  | 'aws-secret-access-key'
  | 'private-key'
  | 'github-token'
  | 'slack-token'
  | 'google-api-key'
  | 'stripe-key'
  | 'openai-key'
  | 'huggingface-token'
  | 'jwt'
  | 'url-password'
  | 'password-assignment'
  | 'key-assignment'
  | 'high-entropy-assignment'
  | 'env-file-output';

/**
 * A credential found in a notebook. It never holds the credential itself:
 * the excerpt shows the public prefix of its format (`ghp_`, `AKIA`), or
 * nothing of a free-form secret, then `•••` (see {@link maskSecret}).
 */
export interface ISecretFinding {
  /**
   * Position of the cell in the notebook's list of all cells.
   */
  cell: number;
  /**
   * What was found.
   */
  kind: SecretKind;
  /**
   * The line, from 1, in the cell's source or in the output's text.
   */
  line: number;
  /**
   * The line with every credential on it masked, cut to 100 characters
   * around this one.
   */
  excerpt: string;
  /**
   * In the cell's source, or in one of its outputs.
   */
  where: 'source' | 'output';
  /**
   * Which output (position in the cell's `outputs`) when in an output.
   */
  output?: number;
  /**
   * What to do instead, as a code with parameters.
   */
  advice: SecretAdvice;
}

/**
 * What to do about a credential found, as a code with the parameters a
 * message names (`variable`: the environment variable to read it from,
 * named after the variable it was assigned to (a password in a URL: after
 * the URL's variable, its scheme or its host, never its user); `kind`:
 * what it is):
 *
 * - `secret.envOutput`: an output prints a `.env` file or the
 *   environment: clear it, load the file without printing it;
 * - `secret.keyInSource`: a private key in a cell: keep it in a file
 *   whose path comes from the environment, and replace it;
 * - `secret.keyInOutput`: a private key printed: clear the output and
 *   replace the key;
 * - `secret.printed`: another credential printed: clear the output and
 *   revoke it;
 * - `secret.saved`: another credential written in a cell: read it from
 *   the environment (python-dotenv for a `.env` file) and revoke it.
 */
export type SecretAdvice =
  | {
      code: 'secret.envOutput' | 'secret.keyInSource' | 'secret.keyInOutput';
      params: { variable: string };
    }
  | {
      code: 'secret.printed' | 'secret.saved';
      params: { variable: string; kind: SecretKind };
    };

/**
 * Scan a notebook for credentials: every cell's source (code, Markdown,
 * raw) and the text of code cells' outputs (stream text, `text/plain` of
 * results and displays, error tracebacks). Never throws; nothing is sent
 * anywhere.
 *
 * Found: AWS access key ids (`AKIA`/`ASIA`) and secret keys assigned to an
 * AWS name; private key blocks; GitHub (`ghp_`, `gho_`, `ghu_`, `ghs_`,
 * `ghr_`, `github_pat_`), Slack (`xoxb-`...), Google (`AIza`), Stripe
 * (`sk_live_`, `rk_live_`), OpenAI-style (`sk-`, `sk-proj-`) and Hugging
 * Face (`hf_`) tokens; JWTs; passwords in URLs (`scheme://user:pw@`);
 * literals assigned to password-like names (`password = "..."`,
 * `"api_key": "..."`, `token="..."`, `secret: ...`); random-looking
 * literals (Shannon entropy, 20+ characters of base64 or hex) assigned to
 * key-like names; and `.env` contents (several `NAME=value` lines, one
 * with a secret-looking name) printed into an output.
 *
 * Not found, on purpose: values read at run time (`os.environ[...]`,
 * `os.getenv(...)`, `getpass()`, `input()`), placeholders (`"xxx"`,
 * `"<your-key>"`, `"changeme"`, `"your_api_key_here"`, `"${TOKEN}"`,
 * `"***"`), special tokens of tokenizers (`pad_token="<pad>"`), and
 * identifiers (`sort_key = "sepal_length"`). A token format filled with
 * one repeated character (`AKIAXXXXXXXXXXXXXXXX`) is a placeholder too.
 *
 * Lines longer than the limit (10,000 characters) are not scanned:
 * {@link unscannedLines} counts them for the user.
 *
 * @param cells - the notebook's cells, in order.
 * @param limits - how long a line is scanned.
 * @returns the findings in notebook order: per cell the source first,
 *   then each output; within a text by line.
 */
export function findSecrets(
  cells: readonly ICellWithOutputs[],
  limits: Readonly<IScanLimits> = SCAN_LIMITS
): ISecretFinding[] {
  const findings: ISecretFinding[] = [];
  Private.forEachText(cells, (text, index, position) => {
    const where = position === undefined ? 'source' : 'output';
    for (const match of Private.scan(
      withoutLongLines(text, limits.maxLineLength),
      where === 'output'
    )) {
      findings.push(Private.toFinding(match, index, where, position));
    }
  });
  return findings;
}

/**
 * The lines that {@link findSecrets} (and `findAbsolutePaths`, which reads
 * the code and Markdown sources among them) leave unread because they are
 * longer than the limit, in cell sources and outputs.
 *
 * @param cells - the notebook's cells, in order.
 * @param limits - how long a line is scanned.
 */
export function unscannedLines(
  cells: readonly ICellWithOutputs[],
  limits: Readonly<IScanLimits> = SCAN_LIMITS
): IUnscannedLines {
  const out: IUnscannedLines = { count: 0, cells: [] };
  Private.forEachText(cells, (text, index) => {
    forEachLongLine(text, limits.maxLineLength, () => {
      out.count++;
      if (out.cells[out.cells.length - 1] !== index) {
        out.cells.push(index);
      }
    });
  });
  return out;
}

/**
 * Mask a credential for display: the fixed prefix its format gives every
 * credential of the kind (`ghp_`, `github_pat_`, `AKIA`, `xoxb-`,
 * `sk-proj-`, `hf_`, `AIza`, `eyJ`, a private key's `-----BEGIN ... PRIVATE
 * KEY-----`), which is public and tells which service to revoke it at,
 * then `•••`. A free-form secret (a password, a literal assigned to a
 * key-like name, a URL's password, a `.env` value, an AWS secret key) has
 * no such prefix: nothing of it is shown, only `•••`.
 *
 * @param secret - the credential.
 * @param kind - what it is.
 */
export function maskSecret(secret: string, kind: SecretKind): string {
  const prefix = Private.PUBLIC_PREFIXES[kind]?.exec(secret);
  return `${prefix ? prefix[0] : ''}•••`;
}

/**
 * The variable a password in a URL is read from by convention: the one
 * its scheme is read from (`DATABASE_URL`, `REDIS_URL`, `MONGODB_URI`);
 * else one after the host's name (`bob:...@git.example.com` gives
 * `EXAMPLE_PASSWORD`), or `URL_PASSWORD`. Never the user's name.
 *
 * @param url - the URL from its scheme to the `@` after the password.
 * @param after - the text after it, its host first.
 */
export function urlPasswordVariable(url: string, after: string): string {
  const scheme = url.slice(0, url.indexOf('://')).toLowerCase();
  for (const part of scheme.split('+')) {
    const variable = Private.URL_VARIABLES.get(part);
    if (variable) {
      return variable;
    }
  }
  const host = /^[A-Za-z0-9.-]*/.exec(after)![0];
  const labels = host.split('.').filter(label => label !== '');
  if (
    labels.length > 2 &&
    Private.GENERIC_LABELS.has(labels[labels.length - 2])
  ) {
    labels.pop();
  }
  const name = labels.length > 1 ? labels[labels.length - 2] : labels[0];
  return name && /^[A-Za-z]/.test(name) && name.toLowerCase() !== 'localhost'
    ? `${name.toUpperCase().replace(/-/g, '_')}_PASSWORD`
    : 'URL_PASSWORD';
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * One credential in a text.
   */
  export interface IMatch {
    /**
     * What it is.
     */
    kind: SecretKind;
    /**
     * The line, from 1.
     */
    line: number;
    /**
     * The line's text, every credential on it masked.
     */
    masked: string;
    /**
     * Where this credential's mask starts in `masked`.
     */
    at: number;
    /**
     * The environment variable to suggest.
     */
    variable: string;
  }

  /**
   * A credential's place on its line.
   */
  interface ISpan {
    /**
     * What it is.
     */
    kind: SecretKind;
    /**
     * Start of the credential in its line.
     */
    from: number;
    /**
     * End of the credential in its line.
     */
    to: number;
    /**
     * The environment variable to suggest.
     */
    variable: string;
  }

  /**
   * A token format.
   */
  interface IFormat {
    /**
     * What it finds.
     */
    kind: SecretKind;
    /**
     * A global pattern within one line; its group 1 is the credential.
     */
    pattern: RegExp;
    /**
     * What every match of the pattern holds (case-sensitive, no flags): a
     * text without it is not searched.
     */
    mark: RegExp;
    /**
     * A further test of the credential (not a placeholder, random enough).
     */
    check?: (token: string) => boolean;
    /**
     * The environment variable to suggest when the credential was not
     * assigned to a name.
     */
    variable: string;
    /**
     * The variable to suggest for a match, in place of the name the
     * credential was assigned to.
     *
     * @param text - the text.
     * @param lineStart - where the match's line starts in it.
     * @param match - the match.
     */
    suggest?: (
      text: string,
      lineStart: number,
      match: RegExpExecArray
    ) => string;
  }

  /**
   * Most findings reported for one text, so a huge output cannot flood
   * the list.
   */
  const MAX_PER_TEXT = 20;

  /**
   * Longest excerpt.
   */
  const MAX_EXCERPT = 100;

  /**
   * Mixed case and a digit: what random tokens have and words do not.
   */
  const mixed = (token: string) =>
    /[a-z]/.test(token) && /[A-Z]/.test(token) && /\d/.test(token);

  /**
   * Not a run of one character (`XXXXXXXX`), which placeholders are.
   */
  const notFilled = (token: string) => !/(.)\1{7,}/.test(token);

  /**
   * The token formats of common services.
   */
  const FORMATS: IFormat[] = [
    {
      kind: 'aws-access-key-id',
      pattern: /(?<![A-Za-z0-9])((?:AKIA|ASIA)[A-Z0-9]{16})(?![A-Za-z0-9])/g,
      check: notFilled,
      mark: /AKIA|ASIA/,
      variable: 'AWS_ACCESS_KEY_ID'
    },
    {
      kind: 'aws-secret-access-key',
      pattern:
        /(?:aws_?secret_?(?:access_?)?key|secret_?access_?key)["']?[ \t]*(?:[:=]|=>)[ \t]*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi,
      check: token =>
        notFilled(token) && /\d/.test(token) && /[A-Za-z]/.test(token),
      mark: /[Ss][Ee][Cc][Rr][Ee][Tt]/,
      variable: 'AWS_SECRET_ACCESS_KEY'
    },
    {
      kind: 'github-token',
      pattern:
        /(?<![A-Za-z0-9_])(gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{22,255})(?![A-Za-z0-9_])/g,
      check: notFilled,
      mark: /gh[pousr]_|github_pat_/,
      variable: 'GITHUB_TOKEN'
    },
    {
      kind: 'slack-token',
      pattern: /(?<![A-Za-z0-9])(xox[baprs]-[A-Za-z0-9-]{10,})/g,
      // A digit after the prefix. Not a lookahead in the pattern: tried at
      // each "xoxb-" of a long run, it would scan the rest of the run.
      check: token => /\d/.test(token.slice(5)) && notFilled(token),
      mark: /xox[baprs]-/,
      variable: 'SLACK_TOKEN'
    },
    {
      kind: 'google-api-key',
      pattern: /(?<![A-Za-z0-9_-])(AIza[0-9A-Za-z_-]{35})(?![A-Za-z0-9_-])/g,
      check: notFilled,
      mark: /AIza/,
      variable: 'GOOGLE_API_KEY'
    },
    {
      kind: 'stripe-key',
      pattern:
        /(?<![A-Za-z0-9_])((?:sk|rk)_live_[0-9A-Za-z]{16,})(?![A-Za-z0-9_])/g,
      check: notFilled,
      mark: /[sr]k_live_/,
      variable: 'STRIPE_API_KEY'
    },
    {
      kind: 'openai-key',
      pattern:
        /(?<![A-Za-z0-9_-])(sk-(?:proj-|svcacct-|admin-|ant-[a-z]+\d*-)?[A-Za-z0-9_-]{20,})(?![A-Za-z0-9_-])/g,
      check: token => notFilled(token) && mixed(token.slice(3)),
      mark: /sk-/,
      variable: 'OPENAI_API_KEY'
    },
    {
      kind: 'huggingface-token',
      pattern: /(?<![A-Za-z0-9_])(hf_[A-Za-z0-9]{30,})(?![A-Za-z0-9_])/g,
      check: token =>
        notFilled(token) && /[a-z]/.test(token.slice(3)) && /[A-Z]/.test(token),
      mark: /hf_/,
      variable: 'HF_TOKEN'
    },
    {
      kind: 'jwt',
      pattern:
        /(?<![A-Za-z0-9_-])(eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,})(?![A-Za-z0-9_-])/g,
      mark: /\.eyJ/,
      variable: 'API_TOKEN'
    },
    {
      kind: 'url-password',
      pattern:
        /\b[A-Za-z][A-Za-z0-9+.-]{0,30}:\/\/[^\s:/@'"?#]{1,100}:([^\s@'"/?#]{1,200})@/g,
      check: token => !isPlaceholder(token),
      mark: /:\/\//,
      variable: 'URL_PASSWORD',
      suggest: urlVariable
    }
  ];

  /**
   * The public prefix of each token format that has one: what
   * {@link maskSecret} shows.
   */
  export const PUBLIC_PREFIXES: Partial<Record<SecretKind, RegExp>> = {
    'aws-access-key-id': /^(?:AKIA|ASIA)/,
    'github-token': /^(?:gh[pousr]_|github_pat_)/,
    'slack-token': /^xox[baprs]-/,
    'google-api-key': /^AIza/,
    'stripe-key': /^[sr]k_live_/,
    'openai-key': /^sk-(?:proj-|svcacct-|admin-|ant-[a-z]{1,20}\d{0,4}-)?/,
    'huggingface-token': /^hf_/,
    // `{"`, base64url-encoded: every JWT starts with it.
    jwt: /^eyJ/,
    'private-key':
      /^-----BEGIN (?:(?:RSA|EC|DSA|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY(?: BLOCK)?-----/
  };

  /**
   * The variable a URL is conventionally read from, by a part of its
   * scheme (`postgresql+psycopg2` has `postgresql`).
   */
  export const URL_VARIABLES = new Map([
    ...[
      'postgres',
      'postgresql',
      'mysql',
      'mariadb',
      'mssql',
      'sqlserver',
      'oracle',
      'cockroachdb',
      'redshift',
      'snowflake',
      'clickhouse',
      'trino',
      'presto',
      'hive',
      'db2'
    ].map(scheme => [scheme, 'DATABASE_URL'] as const),
    ['mongodb', 'MONGODB_URI'],
    ['redis', 'REDIS_URL'],
    ['rediss', 'REDIS_URL'],
    ['amqp', 'AMQP_URL'],
    ['amqps', 'AMQP_URL']
  ]);

  /**
   * Second-level labels that are not a name (`example.co.uk`).
   */
  export const GENERIC_LABELS = new Set([
    'co',
    'com',
    'org',
    'net',
    'ac',
    'gov',
    'edu'
  ]);

  /**
   * `-----BEGIN ... PRIVATE KEY-----` and its kin.
   */
  const PRIVATE_KEY =
    /-----BEGIN (?:(?:RSA|EC|DSA|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY(?: BLOCK)?-----/g;

  /**
   * What a text holds when a token format or a private key may be in it:
   * one pass that most texts fail, before any pattern runs.
   */
  const MARKS = new RegExp(
    [...FORMATS.map(format => format.mark.source), '-----BEGIN '].join('|')
  );

  /**
   * Key material after a private key header: a long base64 run (global,
   * for searching from a position).
   */
  const MATERIAL_RUN = /[A-Za-z0-9+/=]{20}/g;

  /**
   * A `%env` line (sticky, tried at a line's start).
   */
  const ENV_MAGIC = /[ \t]*%env\b/y;

  /**
   * `name = "literal"`, `name: "literal"`, `"name": "literal"`,
   * `name="literal"`, `name: str = "literal"`, `name => "literal"`,
   * `os.environ["NAME"] = "literal"`. Quantifiers are bounded so that a
   * long line costs linear time.
   * Groups: name, quote, value.
   */
  const QUOTED_ASSIGNMENT =
    /(?<![A-Za-z0-9_])["']?([A-Za-z_][A-Za-z0-9_.-]{0,63})["']?\]?[ \t]*(?::[ \t]*[A-Za-z_][\w[\], .|]{0,40}?[ \t]*)?(?:=|:|=>)[ \t]*[rRbBuU]?(["'])((?:(?!\2)[^\\\r\n]|\\.){0,500})\2/g;

  /**
   * `NAME=value` or `name: value` without quotes: `.env` files, `%env`,
   * printed configuration. Groups: name, value.
   */
  const BARE_ASSIGNMENT =
    /(?<![A-Za-z0-9_])([A-Za-z_][A-Za-z0-9_.-]{0,63})[ \t]*(?:=|:)[ \t]*([^\s"'#,;(){}[\]]{1,200})(?![^\s"'#,;(){}[\]])/g;

  /**
   * A `.env` line: `NAME=value` or `export NAME=value`.
   */
  const ENV_LINE = /^\s*(?:export\s+)?([A-Z][A-Z0-9_]*)=(\S.*)$/;

  /**
   * Words that make a name hold a password: any literal counts.
   */
  const PASSWORD_WORDS = new Set([
    'password',
    'passwd',
    'pwd',
    'passphrase',
    'secret'
  ]);

  /**
   * Word pairs ending a name that holds a key or token: any literal of 12
   * or more characters counts.
   */
  const KEY_PAIRS = new Set([
    'api key',
    'api token',
    'secret key',
    'access key',
    'private key',
    'client secret',
    'auth token',
    'access token',
    'bearer token',
    'refresh token',
    'session token',
    'bot token',
    'oauth token',
    'github token',
    'gh token',
    'hf token',
    'slack token',
    'openai key',
    'signing key',
    'encryption key'
  ]);

  /**
   * Words that make a name worth a look (every word of the two lists
   * above is here): a random-looking literal counts.
   */
  const KEY_WORDS = new Set([
    'key',
    'token',
    'secret',
    'auth',
    'credential',
    'credentials',
    'password',
    'passwd',
    'pwd',
    'passphrase',
    'apikey',
    'signature',
    'salt',
    'cookie',
    'session',
    'bearer',
    'private',
    'jwt'
  ]);

  /**
   * A quick test that a name may hold one of {@link KEY_WORDS}.
   */
  const KEY_HINT =
    /key|token|secret|auth|credential|pass|pwd|signature|salt|cookie|session|bearer|private|jwt/i;

  /**
   * {@link KEY_HINT}, global, to find the lines where a name may hold a
   * credential: an assignment on any other line has a name without it.
   */
  const KEY_HINTS = new RegExp(KEY_HINT.source, 'gi');

  /**
   * Placeholder values people write instead of a credential.
   */
  const PLACEHOLDER_WORDS = new Set([
    'changeme',
    'change_me',
    'change-me',
    'changeit',
    'password',
    'passwd',
    'secret',
    'token',
    'apikey',
    'api_key',
    'none',
    'null',
    'nil',
    'undefined',
    'true',
    'false',
    'todo',
    'tbd',
    'fixme',
    'placeholder',
    'example',
    'dummy',
    'fake',
    'test',
    'testing',
    'sample',
    'redacted',
    'hidden',
    'masked',
    'empty',
    'default',
    'foo',
    'bar',
    'foobar',
    'xyz'
  ]);

  /**
   * Call `visit` with each text the scan reads, in notebook order: every
   * cell's source, then the text of each output of a code cell (with its
   * position).
   */
  export function forEachText(
    cells: readonly ICellWithOutputs[],
    visit: (text: string, cell: number, output?: number) => void
  ): void {
    cells.forEach((cell, index) => {
      visit(joinSource(cell.source), index);
      if (cell.cell_type !== 'code' || !Array.isArray(cell.outputs)) {
        return;
      }
      cell.outputs.forEach((output, position) => {
        const text = outputText(output);
        if (text !== '') {
          visit(text, index, position);
        }
      });
    });
  }

  /**
   * Scan one text (a source or an output) for credentials. A text with
   * no {@link MARKS} and no {@link KEY_HINT} (most texts) holds none and
   * is read no further. Otherwise each token pattern whose mark the text
   * holds runs once over it (none crosses a line end), the assignment
   * patterns over its lines with a hint; the spans are then sorted out per
   * line: private keys and token formats first, then assignments whose
   * value nothing else claimed.
   *
   * @param output - whether the text is an output: bare `NAME=value`
   *   lines count there (in a source they are code, except `%env`).
   */
  export function scan(text: string, output: boolean): IMatch[] {
    // Most texts hold no mark and no hint: they cost two passes.
    const marked = MARKS.test(text);
    KEY_HINTS.lastIndex = 0;
    const hinted = KEY_HINTS.test(text);
    if (!marked && !hinted) {
      return [];
    }
    const starts = lineStarts(text);
    const lineOf = (offset: number) => lineAt(starts, offset);
    // Where line i ends, without a final `\r`.
    const lineEnd = (i: number) => {
      const end = i + 1 < starts.length ? starts[i + 1] - 1 : text.length;
      return end > starts[i] && text[end - 1] === '\r' ? end - 1 : end;
    };
    const lineText = (i: number) => text.slice(starts[i], lineEnd(i));
    const taken = new Map<number, ISpan[]>();
    // Which characters kept spans cover: a span is kept when it overlaps
    // none kept before. Checking characters rather than the spans on the
    // line keeps a line with thousands of tokens linear.
    let covered: Uint8Array | null = null;
    // Offsets in the text.
    const take = (
      from: number,
      to: number,
      span: Omit<ISpan, 'from' | 'to'>
    ) => {
      const i = lineOf(from);
      const end = Math.min(to, lineEnd(i));
      covered = covered ?? new Uint8Array(text.length);
      for (let k = from; k < end; k++) {
        if (covered[k]) {
          return;
        }
      }
      covered.fill(1, from, end);
      const spans = taken.get(i) ?? [];
      spans.push({ ...span, from: from - starts[i], to: end - starts[i] });
      taken.set(i, spans);
    };

    if (marked) {
      const material = new KeyMaterial(text);
      for (const header of text.matchAll(PRIVATE_KEY)) {
        const from = header.index ?? 0;
        const i = lineOf(from);
        if (
          material.within(from + header[0].length, starts[i + 4] ?? text.length)
        ) {
          take(from, lineEnd(i), {
            kind: 'private-key',
            variable: 'PRIVATE_KEY_PATH'
          });
        }
      }
      for (const format of FORMATS) {
        if (!format.mark.test(text)) {
          continue;
        }
        for (const match of text.matchAll(format.pattern)) {
          const token = match[1];
          const from = (match.index ?? 0) + match[0].lastIndexOf(token);
          if (!format.check || format.check(token)) {
            const i = lineOf(from);
            take(from, from + token.length, {
              kind: format.kind,
              variable: format.suggest
                ? format.suggest(text, starts[i], match)
                : (variableBefore(text, starts[i], from) ?? format.variable)
            });
          }
        }
      }
    }
    if (hinted) {
      for (const { name, value, from } of assignments(text, output)) {
        const kind = assignmentKind(name, value);
        if (kind) {
          take(from, from + value.length, {
            kind,
            variable: variableName(name)
          });
        }
      }
    }

    const out: IMatch[] = [];
    for (const i of [...taken.keys()].sort((a, b) => a - b)) {
      const spans = taken.get(i)!.sort((a, b) => a.from - b.from);
      const { masked, starts: at } = mask(lineText(i), spans);
      spans.forEach((span, k) => {
        out.push({
          kind: span.kind,
          line: i + 1,
          masked,
          at: at[k],
          variable: span.variable
        });
      });
    }
    // The secret line of a `.env` dump has a name with one of KEY_WORDS,
    // each of which holds a hint.
    const env = output && hinted ? envDump(text.split(/\r?\n/)) : null;
    return (env ? [...out, env] : out).slice(0, MAX_PER_TEXT);
  }

  /**
   * A literal assigned to a name, with where the literal starts.
   */
  interface IAssignment {
    /**
     * The name.
     */
    name: string;
    /**
     * The literal, without quotes.
     */
    value: string;
    /**
     * Where the literal starts in the text.
     */
    from: number;
  }

  /**
   * The assignments of a text whose name may hold a credential, in the
   * order the scan weighs them: quoted ones first, then bare ones (in an
   * output, or on a `%env` line), each in text order. Only lines with a
   * {@link KEY_HINT} are searched, and each on its own: no match crosses
   * a line end, so a line's matches are those a search of the whole text
   * finds on it.
   */
  function assignments(text: string, output: boolean): IAssignment[] {
    const quoted: IAssignment[] = [];
    const bare: IAssignment[] = [];
    KEY_HINTS.lastIndex = 0;
    for (let hint = KEY_HINTS.exec(text); hint; hint = KEY_HINTS.exec(text)) {
      const start = text.lastIndexOf('\n', hint.index) + 1;
      const newline = text.indexOf('\n', hint.index);
      const end = newline < 0 ? text.length : newline;
      const line = text.slice(start, end);
      for (const match of line.matchAll(QUOTED_ASSIGNMENT)) {
        quoted.push({
          name: match[1],
          value: match[3],
          from:
            start + (match.index ?? 0) + match[0].length - match[3].length - 1
        });
      }
      ENV_MAGIC.lastIndex = 0;
      if (output || ENV_MAGIC.test(line)) {
        for (const match of line.matchAll(BARE_ASSIGNMENT)) {
          bare.push({
            name: match[1],
            value: match[2],
            from: start + (match.index ?? 0) + match[0].length - match[2].length
          });
        }
      }
      if (newline < 0) {
        break;
      }
      KEY_HINTS.lastIndex = newline + 1;
    }
    return [...quoted, ...bare];
  }

  /**
   * Whether a literal assigned to a name is a credential, and which kind.
   */
  function assignmentKind(name: string, value: string): SecretKind | null {
    // Most names hold no secret: decide on the name before the value.
    if (!KEY_HINT.test(name)) {
      return null;
    }
    const words = nameWords(name);
    if (
      !words.some(word => KEY_WORDS.has(word)) ||
      /\s/.test(value) ||
      isPlaceholder(value)
    ) {
      return null;
    }
    const last = words[words.length - 1];
    const pair = words.slice(-2).join(' ');
    if (PASSWORD_WORDS.has(last) && value.length >= 4) {
      // A `secret` (`client_secret`) is an application's, not a person's.
      return last === 'secret' ? 'key-assignment' : 'password-assignment';
    }
    if (
      (KEY_PAIRS.has(pair) ||
        last === 'apikey' ||
        name.toLowerCase() === 'token') &&
      value.length >= 12
    ) {
      return 'key-assignment';
    }
    return highEntropy(value) ? 'high-entropy-assignment' : null;
  }

  /**
   * A name's words, lower case, without digits: `awsSecretKey2`,
   * `AWS_SECRET_KEY` and `self.aws_secret_key` end in `aws secret key`.
   */
  function nameWords(name: string): string[] {
    return name
      .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
      .toLowerCase()
      .split(/[_.\-\d]+/)
      .filter(word => word !== '');
  }

  /**
   * Whether a value is a stand-in for a credential rather than one.
   */
  function isPlaceholder(value: string): boolean {
    const lower = value.trim().toLowerCase();
    return (
      lower === '' ||
      PLACEHOLDER_WORDS.has(lower) ||
      /^(.)\1*$/.test(lower) ||
      /x{4}|\*{3}|•|\.{3}|…/.test(lower) ||
      /^<.*>$|^\[.*\]$|^\{.*\}$|^\(.*\)$/.test(lower) ||
      /^\$\{?[\w.]+\}?$|^%\(?\w*\)?s$|^\{\{.*\}\}$|^%[a-z_]+%$/.test(lower) ||
      /^(?:your|my|insert|enter|replace|put|add|paste)[-_ ]/.test(lower) ||
      /(?:^|[-_ ])(?:here|example|placeholder|changeme)$/.test(lower) ||
      /^(?:os\.)?(?:environ|getenv)\b/.test(lower)
    );
  }

  /**
   * Whether a value looks random enough to be a key: 20 characters or
   * more of base64 or hex, with a digit (and both cases unless hex), not
   * words joined by `_`/`-`, and a Shannon entropy of at least 3 bits per
   * character for hex, 3.5 for base64. Base64 must also change between
   * upper case, lower case and digits at 3 of 10 characters or more, as
   * random text does about 6 times in 10 and `CamelCaseWords2024` rarely.
   */
  function highEntropy(value: string): boolean {
    if (value.length < 20 || !/\d/.test(value)) {
      return false;
    }
    if (/^[0-9a-f]+$/i.test(value)) {
      return entropy(value.toLowerCase()) >= 3;
    }
    return (
      /^[A-Za-z0-9+/=_-]+$/.test(value) &&
      /[a-z]/.test(value) &&
      /[A-Z]/.test(value) &&
      !/^[A-Za-z]+(?:[_-][A-Za-z0-9]+)+$/.test(value) &&
      classChanges(value) >= 0.3 * (value.length - 1) &&
      entropy(value) >= 3.5
    );
  }

  /**
   * How often adjacent characters differ in class (upper, lower, digit,
   * other).
   */
  function classChanges(value: string): number {
    const kind = (char: string) =>
      /[A-Z]/.test(char) ? 0 : /[a-z]/.test(char) ? 1 : /\d/.test(char) ? 2 : 3;
    let changes = 0;
    for (let i = 1; i < value.length; i++) {
      if (kind(value[i]) !== kind(value[i - 1])) {
        changes++;
      }
    }
    return changes;
  }

  /**
   * Shannon entropy in bits per character.
   */
  function entropy(value: string): number {
    const counts = new Map<string, number>();
    for (const char of value) {
      counts.set(char, (counts.get(char) ?? 0) + 1);
    }
    let bits = 0;
    for (const count of counts.values()) {
      const p = count / value.length;
      bits -= p * Math.log2(p);
    }
    return bits;
  }

  /**
   * `NAME` for `os.environ["NAME"]` from the name a value was assigned to.
   */
  export function variableName(name: string): string {
    // Its digits stay (`API_KEY_2`, `T2`), unlike in {@link nameWords}.
    const words = name
      .replace(/^.*\./, '')
      .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
      .split(/[_.-]+/)
      .filter(word => word !== '');
    // A variable's name does not start with a digit: one that would
    // keeps the underscore before it (`_2fa_token` gives `_2FA_TOKEN`).
    const variable = words.join('_').toUpperCase();
    return variable === ''
      ? 'SECRET'
      : /^\d/.test(variable)
        ? `_${variable}`
        : variable;
  }

  /**
   * The variable for a token assigned on its line (`key = "sk-..."` gives
   * `KEY`), or `null`: what
   * `/([A-Za-z_]\w*)["']?\s*(?:[:=]|=>)\s*[rRbBuUfF]?["']?$/` finds in the
   * line before the token. Read backwards from the token, because that
   * pattern, tried from every start, is quadratic on a long name.
   *
   * @param text - the text.
   * @param lineStart - where the token's line starts in it.
   * @param from - where the token starts.
   */
  export function variableBefore(
    text: string,
    lineStart: number,
    from: number
  ): string | null {
    let i = from;
    const at = (k: number) => (k > lineStart ? text[k - 1] : '');
    if (at(i) === '"' || at(i) === "'") {
      i--;
    }
    if ('rRbBuUfF'.includes(at(i)) && at(i) !== '') {
      i--;
    }
    while (at(i) !== '' && /\s/.test(at(i))) {
      i--;
    }
    if (at(i) === '>' && at(i - 1) === '=') {
      i -= 2;
    } else if (at(i) === ':' && inUserInfo(text, lineStart, i - 1)) {
      // `https://alice:ghp_...@`: the word before is the user's name.
      return null;
    } else if (at(i) === ':' || at(i) === '=') {
      i--;
    } else {
      return null;
    }
    while (at(i) !== '' && /\s/.test(at(i))) {
      i--;
    }
    if (at(i) === '"' || at(i) === "'") {
      i--;
    }
    const end = i;
    while (at(i) !== '' && /\w/.test(at(i))) {
      i--;
    }
    // The name starts at the first letter or underscore of the word.
    while (i < end && /\d/.test(text[i])) {
      i++;
    }
    return i < end ? variableName(text.slice(i, end)) : null;
  }

  /**
   * Whether the `:` at `colon` ends a URL's user name (`scheme://alice:`),
   * so that what follows is the password of its user-info. Reads back at
   * most the 100 characters a user name may have.
   *
   * @param text - the text.
   * @param lineStart - where the line starts in it.
   * @param colon - where the `:` is.
   */
  function inUserInfo(text: string, lineStart: number, colon: number): boolean {
    let k = colon;
    const stop = Math.max(lineStart, colon - 100);
    while (k > stop && !/[\s:/@'"?#]/.test(text[k - 1])) {
      k--;
    }
    return k < colon && k - 3 >= lineStart && text.slice(k - 3, k) === '://';
  }

  /**
   * The variable for a URL with a password: the name the URL was assigned
   * to (`DB_URL = "postgresql://..."`); else the one its scheme is read
   * from by convention (`DATABASE_URL`, `REDIS_URL`, `MONGODB_URI`); else
   * one for the password, after the host's name (`bob:...@git.example.com`
   * gives `EXAMPLE_PASSWORD`), or `URL_PASSWORD`. Never the user's name.
   *
   * @param text - the text.
   * @param lineStart - where the URL's line starts in it.
   * @param match - the URL from its scheme to the `@` after the password.
   */
  export function urlVariable(
    text: string,
    lineStart: number,
    match: RegExpExecArray
  ): string {
    const at = match.index ?? 0;
    const end = at + match[0].length;
    return (
      variableBefore(text, lineStart, at) ||
      // A host name is at most 253 characters.
      urlPasswordVariable(match[0], text.slice(end, end + 253))
    );
  }

  /**
   * Finds key material (a run of 20 or more base64 characters) after
   * private key headers, which come in order: each search starts where
   * the last one stopped, so many headers on one line cost linear time.
   */
  class KeyMaterial {
    constructor(private readonly text: string) {}

    /**
     * Whether a run of 20 material characters lies within `[from, to)`.
     * Calls must come with `from` never decreasing.
     */
    within(from: number, to: number): boolean {
      if (this.found !== -1 && this.found < from) {
        // Past the run found last: search again from here.
        this.found = -2;
      }
      if (this.found === -2) {
        MATERIAL_RUN.lastIndex = from;
        this.found = MATERIAL_RUN.exec(this.text)?.index ?? -1;
      }
      return this.found !== -1 && this.found + 20 <= to;
    }

    /**
     * The first start of 20 material characters from the last search, `-1`
     * for none to the end of the text, `-2` before any search.
     */
    private found = -2;
  }

  /**
   * The line with each credential replaced by its mask, and where each
   * mask starts (same order as the spans, which are sorted).
   */
  function mask(
    line: string,
    spans: readonly ISpan[]
  ): { masked: string; starts: number[] } {
    let masked = '';
    let cursor = 0;
    const starts: number[] = [];
    for (const span of spans) {
      masked += line.slice(cursor, span.from);
      starts.push(masked.length);
      masked += maskSecret(line.slice(span.from, span.to), span.kind);
      cursor = span.to;
    }
    return { masked: masked + line.slice(cursor), starts };
  }

  /**
   * A finding for `.env` contents in an output: three lines or more of
   * `NAME=value`, one of them with a secret-looking name and a value.
   */
  function envDump(lines: readonly string[]): IMatch | null {
    const entries = lines
      .map((line, i) => ({ match: ENV_LINE.exec(line), i }))
      .filter(entry => entry.match !== null);
    if (entries.length < 3) {
      return null;
    }
    const secret = entries.find(({ match }) => {
      const words = nameWords(match![1]);
      const value = match![2].trim().replace(/^["']|["']$/g, '');
      return words.some(word => KEY_WORDS.has(word)) && !isPlaceholder(value);
    });
    if (!secret) {
      return null;
    }
    const [, name, value] = secret.match!;
    return {
      kind: 'env-file-output',
      line: secret.i + 1,
      masked: `${name}=${maskSecret(value.trim(), 'env-file-output')}`,
      at: name.length + 1,
      variable: variableName(name)
    };
  }

  /**
   * The text of one nbformat output that may show a credential.
   */
  export function outputText(output: unknown): string {
    if (typeof output !== 'object' || output === null) {
      return '';
    }
    const {
      output_type: type,
      text,
      data,
      traceback,
      ename,
      evalue
    } = output as Record<string, unknown>;
    if (type === 'stream') {
      return joinSource(text);
    }
    if (type === 'execute_result' || type === 'display_data') {
      return typeof data === 'object' && data !== null
        ? joinSource((data as Record<string, unknown>)['text/plain'])
        : '';
    }
    if (type === 'error') {
      const lines = Array.isArray(traceback)
        ? traceback.filter((line): line is string => typeof line === 'string')
        : [];
      const text =
        lines.length > 0
          ? lines.join('\n')
          : [ename, evalue].filter(part => typeof part === 'string').join(': ');
      // Tracebacks are coloured with ANSI escapes.
      return text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
    }
    return '';
  }

  /**
   * The finding for a match.
   */
  export function toFinding(
    match: IMatch,
    cell: number,
    where: 'source' | 'output',
    output?: number
  ): ISecretFinding {
    return {
      cell,
      kind: match.kind,
      line: match.line,
      excerpt: excerpt(match.masked, match.at),
      where,
      ...(output === undefined ? {} : { output }),
      advice: advice(match.kind, match.variable, where)
    };
  }

  /**
   * The masked line, cut around the finding.
   */
  function excerpt(masked: string, at: number): string {
    const line = masked.trimEnd();
    const lead = line.length - line.trimStart().length;
    const text = line.slice(lead);
    if (text.length <= MAX_EXCERPT) {
      return text;
    }
    const start = Math.max(
      0,
      Math.min(at - lead - 30, text.length - MAX_EXCERPT)
    );
    const end = start + MAX_EXCERPT;
    return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
  }

  /**
   * What to do about a finding.
   */
  function advice(
    kind: SecretKind,
    variable: string,
    where: 'source' | 'output'
  ): SecretAdvice {
    if (kind === 'env-file-output') {
      return { code: 'secret.envOutput', params: { variable } };
    }
    if (kind === 'private-key') {
      return {
        code: where === 'source' ? 'secret.keyInSource' : 'secret.keyInOutput',
        params: { variable }
      };
    }
    return {
      code: where === 'output' ? 'secret.printed' : 'secret.saved',
      params: { variable, kind }
    };
  }
}

/**
 * The variable a credential assigned on its line is read from instead
 * (`key = "sk-..."` gives `KEY`), or `null`; see `Private.variableBefore`.
 */
export const variableBefore = Private.variableBefore;

/**
 * The variable a URL's password is read from instead: the name the URL
 * was assigned to, else {@link urlPasswordVariable}'s.
 */
export const urlVariable = Private.urlVariable;

/**
 * The environment variable a credential assigned to `name` is read from
 * instead (`apiKey2` gives `API_KEY2`); see `Private.variableName`.
 */
export const secretVariable = Private.variableName;

/**
 * The text of an output the secret scan reads (stream text, a result's
 * `text/plain`, a traceback without its colours), `''` for none.
 */
export const scannedOutputText = Private.outputText;
