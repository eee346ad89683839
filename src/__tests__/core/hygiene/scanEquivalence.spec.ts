// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

/**
 * The secret and absolute-path scans skip texts and lines that cannot hold
 * a finding. Skipping must change nothing a user sees: on every notebook
 * below, they report exactly what the scans did before (kept in
 * `reference/`), in the same order.
 */

import * as fs from 'fs';
import * as path from 'path';
import { isDeepStrictEqual } from 'util';

import {
  ADVERSARIAL,
  adversarialNotebook,
  notebookWith
} from '../../../../testutils/adversarial';
import { FIXTURES, ROOT } from '../../../../testutils/paths';
import { CASES_PATH, cases } from '../../conformance';
import { IScanLimits, SCAN_LIMITS } from '../../../core/common/scanLimits';
import { ICellLike } from '../../../core/notebook/cells';
import * as reference from './reference/secrets';
import * as referencePaths from './reference/absolutePaths';

/**
 * One call of a scan by the hygiene specs.
 */
interface ICall {
  cells: ICellLike[];
  second?: unknown;
  third?: unknown;
}

// Every notebook the hygiene specs hand to the scans is recorded (their
// fake credentials are made at run time, so reading their text would not
// do), then given to both scans after those specs ran.
jest.mock('../../../core/hygiene/secrets', () => {
  const actual = jest.requireActual('../../../core/hygiene/secrets');
  const calls: ICall[] = [];
  return {
    ...actual,
    recordedCalls: calls,
    findSecrets: (cells: ICellLike[], limits?: unknown) => {
      calls.push({ cells: JSON.parse(JSON.stringify(cells)), second: limits });
      return actual.findSecrets(cells, limits);
    }
  };
});
jest.mock('../../../core/hygiene/absolutePaths', () => {
  const actual = jest.requireActual('../../../core/hygiene/absolutePaths');
  const calls: ICall[] = [];
  return {
    ...actual,
    recordedCalls: calls,
    findAbsolutePaths: (
      cells: ICellLike[],
      directory?: unknown,
      limits?: unknown
    ) => {
      calls.push({
        cells: JSON.parse(JSON.stringify(cells)),
        second: directory,
        third: limits
      });
      return actual.findAbsolutePaths(cells, directory, limits);
    }
  };
});

// The specs run here as well, their calls recorded.
import './secrets.spec';
import './absolutePaths.spec';

// The scans under test, not the recording wrappers.
const { findSecrets } = jest.requireActual(
  '../../../core/hygiene/secrets'
) as typeof reference;
const { findAbsolutePaths } = jest.requireActual(
  '../../../core/hygiene/absolutePaths'
) as typeof referencePaths;

/**
 * The calls the hygiene specs made.
 */
function recorded(module: string): ICall[] {
  return (jest.requireMock(module) as { recordedCalls: ICall[] }).recordedCalls;
}

/**
 * No limit on lines.
 */
const UNLIMITED: IScanLimits = {
  maxLineLength: Infinity,
  maxParsedCell: Infinity
};

/**
 * Lines longer than 40 characters left unread.
 */
const SHORT_LINES: IScanLimits = { ...SCAN_LIMITS, maxLineLength: 40 };

/**
 * Notebook directories for the path advice.
 */
const DIRECTORIES = [
  null,
  '/home/alice/project/analysis',
  'C:\\Users\\alice\\project',
  '~/project'
];

/**
 * Where the scans disagree on a notebook, if anywhere, and how many
 * findings they agree on.
 */
interface IComparison {
  differences: string[];
  findings: number;
  kinds: Set<string>;
}

/**
 * Both scans on each notebook, with each of the limits; paths also with
 * the notebook directories taken in turn.
 */
function compare(
  notebooks: readonly { name: string; cells: ICellLike[] }[],
  limits: readonly IScanLimits[] = [SCAN_LIMITS]
): IComparison {
  const out: IComparison = { differences: [], findings: 0, kinds: new Set() };
  notebooks.forEach(({ name, cells }, n) => {
    for (const limit of limits) {
      const secrets = findSecrets(cells, limit);
      const directory = DIRECTORIES[n % DIRECTORIES.length];
      const paths = findAbsolutePaths(cells, directory, limit);
      if (!isDeepStrictEqual(secrets, reference.findSecrets(cells, limit))) {
        out.differences.push(`secrets in ${name}`);
      }
      if (
        !isDeepStrictEqual(
          paths,
          referencePaths.findAbsolutePaths(cells, directory, limit)
        )
      ) {
        out.differences.push(`paths in ${name}`);
      }
      out.findings += secrets.length + paths.length;
      secrets.forEach(finding => out.kinds.add(finding.kind));
      if (paths.length > 0) {
        out.kinds.add('absolute-path');
      }
    }
  });
  return out;
}

/**
 * The cells of the `.ipynb` files of a directory that are nbformat 4
 * notebooks, every cell an object (others are skipped: the callers of the
 * scans read nothing else).
 */
function notebooksIn(dir: string): { name: string; cells: ICellLike[] }[] {
  return fs
    .readdirSync(dir)
    .filter(file => file.endsWith('.ipynb'))
    .flatMap(file => {
      try {
        const { cells } = JSON.parse(
          fs.readFileSync(path.join(dir, file), 'utf8')
        );
        return Array.isArray(cells) &&
          cells.every(cell => typeof cell === 'object' && cell !== null)
          ? [{ name: file, cells }]
          : [];
      } catch {
        return [];
      }
    });
}

/**
 * A cell holding `text` as a code source, a Markdown source, a raw source,
 * a printed stream and a result.
 */
function everywhere(text: string): ICellLike[] {
  return [
    { cell_type: 'markdown', source: text },
    { cell_type: 'raw', source: text },
    {
      cell_type: 'code',
      source: text,
      execution_count: 1,
      outputs: [
        { output_type: 'stream', name: 'stdout', text },
        {
          output_type: 'execute_result',
          data: { 'text/plain': text },
          execution_count: 1
        },
        { output_type: 'error', ename: 'E', evalue: 'x', traceback: [text] }
      ]
    } as ICellLike
  ];
}

/**
 * The texts of every source and output of the recorded calls.
 */
function recordedTexts(): string[] {
  const texts = new Set<string>();
  const add = (value: unknown) => {
    if (typeof value === 'string') {
      texts.add(value);
    } else if (Array.isArray(value)) {
      texts.add(value.join(''));
      value.forEach(add);
    } else if (typeof value === 'object' && value !== null) {
      Object.values(value).forEach(add);
    }
  };
  for (const module of ['secrets', 'absolutePaths']) {
    for (const call of recorded(`../../../core/hygiene/${module}`)) {
      add(call.cells);
    }
  }
  return [...texts];
}

/**
 * Lines where one pattern's match lies inside another's: which one is
 * kept depends on the order the scan weighs them in.
 */
const OVERLAPS = [
  'password = "api_key=Q7zqxLmN3pR8sT2vW9yB4abc"',
  '%env password="token=Q7zq1xLmN3pR8sT2vW9yB4"',
  "%env secret_key='api_token: Q7zq1xLmN3pR8sT2vW9yB4'",
  'DB_PASSWORD=hunter22 auth: "x=Q7zqxLmN3pR8sT2vW9yB4abc"',
  'token = "postgres://u:Q7zq1xLmN3pR8sT2vW9yB4@db/x"',
  'url = "https://user:api_key=Q7zqxLmN3pR8sT2vW9yB4@h"',
  "config = {'client_secret': 'session=Q7zqxLmN3pR8sT2vW9yB4abc'}",
  'API_KEY=Q7zq1xLmN3\nTOKEN=Q7zq1xLmN3pR8sT2vW9yB4\nPWD=hunter22'
];

/**
 * Seeded texts made of pieces of the specs' texts, joined by what the
 * patterns care about (line ends, quotes, `=`, `:`, spaces), so that
 * findings meet on a line and across lines in ways no spec wrote.
 */
function mixtures(pieces: readonly string[], count: number): string[] {
  let seed = 20261130;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return Math.floor((seed / 2147483648) * n);
  };
  const glue = ['\n', '\r\n', ' ', '', '=', ': ', '"', "'", ' = "', '@', '/'];
  const lines = pieces.flatMap(piece => piece.split('\n'));
  const parts = [...pieces, ...lines];
  return Array.from({ length: count }, () => {
    let text = parts[random(parts.length)];
    for (let k = random(6); k > 0; k--) {
      const part = parts[random(parts.length)];
      // Sometimes only a part of a piece: a token cut short, a half line.
      const from = random(2) ? 0 : random(part.length + 1);
      text += glue[random(glue.length)] + part.slice(from);
    }
    return text;
  });
}

describe('the faster hygiene scans', () => {
  it('report what the reference did on every notebook of the hygiene specs', () => {
    const secrets = recorded('../../../core/hygiene/secrets');
    const paths = recorded('../../../core/hygiene/absolutePaths');
    // The specs above ran, and made many calls.
    expect(secrets.length).toBeGreaterThan(50);
    expect(paths.length).toBeGreaterThan(20);
    let findings = 0;
    const differences: string[] = [];
    secrets.forEach(({ cells, second }, i) => {
      const limits = second as IScanLimits | undefined;
      const found = findSecrets(cells, limits);
      findings += found.length;
      if (!isDeepStrictEqual(found, reference.findSecrets(cells, limits))) {
        differences.push(`secrets, call ${i}: ${JSON.stringify(cells)}`);
      }
    });
    paths.forEach(({ cells, second, third }, i) => {
      const directory = second as string | null | undefined;
      const limits = third as IScanLimits | undefined;
      const found = findAbsolutePaths(cells, directory, limits);
      findings += found.length;
      if (
        !isDeepStrictEqual(
          found,
          referencePaths.findAbsolutePaths(cells, directory, limits)
        )
      ) {
        differences.push(`paths, call ${i}: ${JSON.stringify(cells)}`);
      }
    });
    expect(differences).toEqual([]);
    expect(findings).toBeGreaterThan(100);
  });

  it('report what the reference did on every text of the specs, wherever it is', () => {
    const texts = [...recordedTexts(), ...OVERLAPS];
    expect(texts.length).toBeGreaterThan(100);
    const result = compare(
      texts.map((text, i) => ({ name: `text ${i}`, cells: everywhere(text) })),
      [SCAN_LIMITS, SHORT_LINES]
    );
    expect(result.differences).toEqual([]);
    // Every kind of finding is among them.
    expect([...result.kinds].sort()).toEqual(
      [
        'absolute-path',
        'aws-access-key-id',
        'aws-secret-access-key',
        'env-file-output',
        'github-token',
        'google-api-key',
        'high-entropy-assignment',
        'huggingface-token',
        'jwt',
        'openai-key',
        'password-assignment',
        'key-assignment',
        'private-key',
        'slack-token',
        'stripe-key',
        'url-password'
      ].sort()
    );
  });

  it('report what the reference did on mixtures of those texts', () => {
    const texts = mixtures([...recordedTexts(), ...OVERLAPS], 1500);
    const result = compare(
      texts.map((text, i) => ({
        name: `mixture ${i}`,
        cells: everywhere(text)
      })),
      [SCAN_LIMITS, SHORT_LINES]
    );
    expect(result.differences).toEqual([]);
    expect(result.findings).toBeGreaterThan(1000);
  });

  it('report what the reference did on the adversarial texts', () => {
    const notebooks = ADVERSARIAL.filter(
      item => item.where !== 'requirements.txt'
    ).flatMap(item =>
      [100, 1_000, 12_000].map(size => ({
        name: `${item.name} (${size})`,
        cells: notebookWith(item.where, item.text(size)).cells as ICellLike[]
      }))
    );
    notebooks.push({
      name: 'all adversarial texts',
      cells: adversarialNotebook(2_000).cells as ICellLike[]
    });
    const result = compare(notebooks, [SCAN_LIMITS, UNLIMITED]);
    expect(result.differences).toEqual([]);
    expect(result.findings).toBeGreaterThan(100);
  });

  it('report what the reference did on the examples and test notebooks', () => {
    const notebooks = [
      ...notebooksIn(path.join(ROOT, 'examples')),
      ...notebooksIn(FIXTURES)
    ];
    expect(notebooks.length).toBeGreaterThan(8);
    expect(compare(notebooks, [SCAN_LIMITS, SHORT_LINES]).differences).toEqual(
      []
    );
  });

  it("report what the reference did on the benchmark's notebooks", () => {
    // The generator is a plain Node script beside the sources.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { generate } = require(path.join(ROOT, 'bench', 'generate.js')) as {
      generate: (size: number) => { cells: ICellLike[] };
    };
    // The sizes of the CLI benchmark's 150 notebooks.
    const notebooks = Array.from(
      { length: 150 },
      (_, i) => 30 + ((i * 2) % 300)
    )
      .filter((size, i, all) => all.indexOf(size) === i)
      .map(size => ({ name: `nb-${size}`, cells: generate(size).cells }));
    expect(compare(notebooks).differences).toEqual([]);
  });

  (cases ? it : it.skip)(
    `report what the reference did on nbproject's conformance notebooks (${cases ? 'present' : `absent at ${CASES_PATH}: skipped`})`,
    () => {
      const notebooks = notebooksIn(
        path.join(path.dirname(CASES_PATH), 'notebooks')
      );
      expect(notebooks.length).toBeGreaterThan(10);
      for (const group of [cases!.consecutiveness, cases!.title]) {
        group.forEach(item =>
          notebooks.push({ name: item.name, cells: item.cells })
        );
      }
      cases!.imports.forEach((item, i) =>
        notebooks.push({ name: `import ${i}`, cells: everywhere(item.source) })
      );
      expect(
        compare(notebooks, [SCAN_LIMITS, SHORT_LINES]).differences
      ).toEqual([]);
    }
  );
});
