// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { builtinModules } from 'module';
import {
  describeBlock,
  findCycles,
  findGlobalUses,
  findImports,
  findModuleState,
  findRepeatedBlocks,
  ISource,
  MIN_BLOCK_LINES,
  readSources,
  topFolder
} from '../../testutils/architecture';
import { ROOT } from '../../testutils/paths';

/**
 * The layout's rules, read from the sources (tests left out): no import
 * cycle; a pure core (imports nothing outside `src/core`, no DOM, no
 * JupyterLab, no Node, no module state); a CLI that does not load the
 * extension's UI; and no block of six or more lines written twice.
 * Failures list the offenders, one a line, as `file:line`.
 */

const SOURCES = readSources(ROOT, 'src');
const IMPORTS = findImports(SOURCES);

/**
 * Packages core may name in `import type` (erased from the JavaScript):
 * the syntax tree's types.
 */
const CORE_TYPE_PACKAGES = ['@lezer/common'];

/**
 * Packages the CLI may load besides Node's own modules: the Python
 * grammar (the extension gets JupyterLab's).
 */
const CLI_PACKAGES = ['@lezer/python', '@lezer/common'];

/**
 * Globals that tie code to a browser page or to Node: core runs in both.
 */
const PLATFORM_GLOBALS = [
  'document',
  'window',
  'navigator',
  'localStorage',
  'sessionStorage',
  'HTMLElement',
  'XMLHttpRequest',
  'fetch',
  'process',
  'Buffer',
  'require',
  '__dirname',
  '__filename'
];

const NODE_BUILTINS = new Set(builtinModules);

describe('the architecture checks themselves', () => {
  const file = (name: string, lines: string[]): ISource => ({
    file: `src/${name}`,
    text: lines.join('\n')
  });
  const body = [
    'export function total(rows: number[]): number {',
    '  let sum = 0;',
    '  for (const row of rows) {',
    '    sum += row * 2;',
    '  }',
    '  const mean = sum / rows.length;',
    '  console.log(mean);',
    '  return sum;',
    '}'
  ];

  it('find a cycle, type-only imports included, and none in a chain', () => {
    const cyclic = findImports([
      file('a.ts', ["import { b } from './b';"]),
      file('b.ts', ["import type { C } from './c';"]),
      file('c.ts', ["export * from './a';"])
    ]);
    expect(findCycles(cyclic)).toEqual([
      ['src/a.ts', 'src/b.ts', 'src/c.ts', 'src/a.ts']
    ]);
    const chain = findImports([
      file('a.ts', ["import { b } from './b';"]),
      file('b.ts', ["import { c } from './c';"]),
      file('c.ts', ['export const c = 1;'])
    ]);
    expect(findCycles(chain)).toEqual([]);
  });

  it('tell type-only imports from imports that run', () => {
    const imports = findImports([
      file('a.ts', [
        "import type { Tree } from '@lezer/common';",
        "import { type Parser } from '@lezer/lr';",
        "import { parser } from '@lezer/python';",
        "import './style.css';"
      ])
    ]);
    expect(
      imports.map(({ specifier, typeOnly }) => [specifier, typeOnly])
    ).toEqual([
      ['@lezer/common', true],
      ['@lezer/lr', true],
      ['@lezer/python', false],
      ['./style.css', false]
    ]);
  });

  it(`find a block of ${MIN_BLOCK_LINES} counted lines copied, whatever the comments, and not one of fewer`, () => {
    const copy = [
      '// A copy.',
      ...body.slice(0, 3),
      '',
      '    /* why */ sum += row * 2;',
      ...body.slice(4)
    ];
    const blocks = findRepeatedBlocks([file('a.ts', body), file('b.ts', copy)]);
    expect(blocks.map(describeBlock)).toEqual([
      'src/a.ts:1-8 ~ src/b.ts:2-10 (7 lines)'
    ]);
    // Five counted lines (the closing braces do not count).
    const short = body.filter((_, i) => i !== 1 && i !== 5);
    expect(
      findRepeatedBlocks([file('a.ts', short), file('b.ts', [...short])])
    ).toEqual([]);
  });

  it('count a call or a signature wrapped over lines as one line', () => {
    const wrapped = [
      'export function total(',
      '  rows: number[],',
      '  factor: number',
      '): number {',
      '  return rows.reduce(',
      '    (sum, row) => sum + row * factor,',
      '    0',
      '  );',
      '}'
    ];
    // Two counted lines (the signature, the return): no block.
    expect(
      findRepeatedBlocks([file('a.ts', wrapped), file('b.ts', [...wrapped])])
    ).toEqual([]);
  });

  it('find a copy with other names, strings and numbers', () => {
    const renamed = body.map(line =>
      line
        .replace(/total/g, 'sumUp')
        .replace(/rows?\b/g, 'item')
        .replace('2', '3')
        .replace('mean', 'avg')
    );
    expect(
      findRepeatedBlocks([file('a.ts', body), file('b.ts', renamed)]).map(
        describeBlock
      )
    ).toEqual(['src/a.ts:1-8 ~ src/b.ts:1-8 (7 lines, same but for names)']);
  });

  it('take two types, tables, switches or lists of data of one shape for no copy', () => {
    const keys = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const fields = (name: string) => [
      `export interface ${name} {`,
      ...keys.map(field => `  ${name.toLowerCase()}${field}: string;`),
      '}'
    ];
    const table = (name: string) => [
      `const ${name}: Record<string, number> = {`,
      ...keys.map((key, i) => `  ${name}${key}: ${i},`),
      '};'
    ];
    const labels = (name: string) => [
      `function ${name}(key: string): string {`,
      '  switch (key) {',
      ...keys.flatMap(key => [
        `    case '${key}':`,
        `      return trans.__('${name} ${key}');`
      ]),
      '  }',
      '}'
    ];
    const list = (name: string) => [
      `const ${name} = [`,
      ...keys.map(key => `  '${name}${key}', '${key}',`),
      '];'
    ];
    const records = (name: string) => [
      `const ${name}: IFormat[] = [`,
      ...keys.flatMap(key => [
        '  {',
        `    kind: '${key}',`,
        `    pattern: /${key}+/g,`,
        `    check: ${name},`,
        `    variable: '${key.toUpperCase()}'`,
        '  },'
      ]),
      '];'
    ];
    for (const [one, two] of [
      [fields('IOne'), fields('ITwo')],
      [table('one'), table('two')],
      [labels('one'), labels('two')],
      [list('one'), list('two')],
      [records('one'), records('two')]
    ]) {
      expect(
        findRepeatedBlocks([file('a.ts', one), file('b.ts', two)])
      ).toEqual([]);
    }
    // Their lines as written still count.
    expect(
      findRepeatedBlocks([
        file('a.ts', table('one')),
        file('b.ts', table('one'))
      ]).map(describeBlock)
    ).toEqual(['src/a.ts:1-8 ~ src/b.ts:1-8 (8 lines)']);
  });

  it('find a global read as a value, not a property or a local of that name', () => {
    const source = file('a.ts', [
      'export const a = document.body;',
      'export const b = options.document;',
      'export const c = { window: 1 };',
      'export function d(process: string): string {',
      '  return process;',
      '}'
    ]);
    expect(findGlobalUses([source], ['document', 'window', 'process'])).toEqual(
      ['src/a.ts:1 document']
    );
  });

  it('find module state: let and var at the top of a module or a namespace', () => {
    const source = file('a.ts', [
      'let count = 0;',
      'const LIMIT = 3;',
      'namespace Private {',
      '  export var cache = new Map();',
      '}',
      'export function f(): number {',
      '  let local = LIMIT;',
      '  return local + count;',
      '}'
    ]);
    expect(findModuleState([source])).toEqual([
      'src/a.ts:1 count',
      'src/a.ts:4 cache'
    ]);
  });
});

describe('imports', () => {
  it('make no cycle', () => {
    expect(findCycles(IMPORTS).map(cycle => cycle.join(' -> '))).toEqual([]);
  });

  it('of core stay in core; of packages, core names types of the syntax tree only', () => {
    const offenders = IMPORTS.filter(({ from }) => topFolder(from) === 'core')
      .filter(({ specifier, resolved, typeOnly }) =>
        specifier.startsWith('.')
          ? resolved === null || topFolder(resolved) !== 'core'
          : !(typeOnly && CORE_TYPE_PACKAGES.includes(specifier))
      )
      .map(({ from, line, specifier }) => `${from}:${line} ${specifier}`);
    expect(offenders).toEqual([]);
  });

  it('of the CLI stay in the CLI, core, Node and the Python grammar (no JupyterLab, no UI)', () => {
    const offenders = IMPORTS.filter(({ from }) => topFolder(from) === 'cli')
      .filter(({ specifier, resolved }) =>
        specifier.startsWith('.')
          ? resolved === null || !['cli', 'core'].includes(topFolder(resolved))
          : !NODE_BUILTINS.has(specifier.replace(/^node:/, '')) &&
            !CLI_PACKAGES.includes(specifier)
      )
      .map(({ from, line, specifier }) => `${from}:${line} ${specifier}`);
    expect(offenders).toEqual([]);
  });
});

describe('core', () => {
  const core = SOURCES.filter(({ file }) => topFolder(file) === 'core');

  it('uses no browser or Node global', () => {
    expect(findGlobalUses(core, PLATFORM_GLOBALS)).toEqual([]);
  });

  it('holds no module state', () => {
    expect(findModuleState(core)).toEqual([]);
  });
});

/**
 * Every block found, once; each folder's test lists the blocks with a side
 * in it (run one folder with `-t 'src/core'`).
 */
const BLOCKS = findRepeatedBlocks(SOURCES);
const FOLDERS = [...new Set(SOURCES.map(({ file }) => topFolder(file)))].sort();

const FOLDER_TITLES = FOLDERS.map(folder => [
  folder === 'src' ? 'src, files at its top' : `src/${folder}`,
  folder
]);

describe.each(FOLDER_TITLES)('%s', (_, folder) => {
  it(`repeats no block of ${MIN_BLOCK_LINES} or more lines (same, or same but for names)`, () => {
    const mine = BLOCKS.filter(
      block =>
        topFolder(block.a.file) === folder || topFolder(block.b.file) === folder
    );
    expect(mine.map(describeBlock)).toEqual([]);
  });
});
