// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

/**
 * A source file as the architecture checks read it.
 */
export interface ISource {
  /**
   * Its path relative to the repository root, with `/` separators
   * (`src/core/packages/compare.ts`).
   */
  file: string;
  /**
   * Its text.
   */
  text: string;
}

/**
 * One import (or re-export, `import()`, `require()`) of a source file.
 */
export interface IImport {
  /**
   * The file that imports.
   */
  from: string;
  /**
   * The module specifier as written (`../notebook/cells`, `@lezer/common`).
   */
  specifier: string;
  /**
   * The imported file relative to the root when the specifier is relative
   * and names a file of the sources, else `null`.
   */
  resolved: string | null;
  /**
   * Whether the import is erased from the JavaScript (`import type`, or
   * every name imported is `type`).
   */
  typeOnly: boolean;
  /**
   * The line of the import (1-based).
   */
  line: number;
}

/**
 * The `.ts` and `.tsx` files below `dir`, tests (`__tests__`) and
 * declarations (`.d.ts`) left out, sorted.
 *
 * @param root - the repository root.
 * @param dir - the folder, relative to the root (`src`).
 */
export function readSources(root: string, dir: string): ISource[] {
  const out: ISource[] = [];
  const walk = (relative: string): void => {
    for (const entry of fs.readdirSync(path.join(root, relative), {
      withFileTypes: true
    })) {
      const child = `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        if (entry.name !== '__tests__' && entry.name !== 'node_modules') {
          walk(child);
        }
      } else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        out.push({
          file: child,
          text: fs.readFileSync(path.join(root, child), 'utf8')
        });
      }
    }
  };
  walk(dir);
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/**
 * Every import of the sources, relative ones resolved against the files
 * given (`./x` to `x.ts`, `x.tsx`, `x/index.ts` or `x/index.tsx`).
 */
export function findImports(sources: readonly ISource[]): IImport[] {
  const files = new Set(sources.map(source => source.file));
  const resolve = (from: string, specifier: string): string | null => {
    if (!specifier.startsWith('.')) {
      return null;
    }
    const base = path.posix.normalize(
      path.posix.join(path.posix.dirname(from), specifier)
    );
    for (const candidate of [
      base,
      `${base}.ts`,
      `${base}.tsx`,
      `${base}/index.ts`,
      `${base}/index.tsx`
    ]) {
      if (files.has(candidate)) {
        return candidate;
      }
    }
    return null;
  };
  const out: IImport[] = [];
  for (const source of sources) {
    const sourceFile = Private.parseFile(source);
    const add = (node: ts.Node, specifier: string, typeOnly: boolean): void => {
      out.push({
        from: source.file,
        specifier,
        resolved: resolve(source.file, specifier),
        typeOnly,
        line:
          sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile))
            .line + 1
      });
    };
    const visit = (node: ts.Node): void => {
      if (
        ts.isImportDeclaration(node) &&
        ts.isStringLiteral(node.moduleSpecifier)
      ) {
        add(node, node.moduleSpecifier.text, Private.importIsTypeOnly(node));
      } else if (
        ts.isExportDeclaration(node) &&
        node.moduleSpecifier &&
        ts.isStringLiteral(node.moduleSpecifier)
      ) {
        const named =
          node.exportClause && ts.isNamedExports(node.exportClause)
            ? node.exportClause.elements
            : null;
        add(
          node,
          node.moduleSpecifier.text,
          node.isTypeOnly ||
            (named !== null &&
              named.length > 0 &&
              named.every(element => element.isTypeOnly))
        );
      } else if (
        ts.isCallExpression(node) &&
        node.arguments.length === 1 &&
        ts.isStringLiteral(node.arguments[0]) &&
        (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
          (ts.isIdentifier(node.expression) &&
            node.expression.text === 'require'))
      ) {
        add(node, node.arguments[0].text, false);
      } else if (
        ts.isImportTypeNode(node) &&
        ts.isLiteralTypeNode(node.argument) &&
        ts.isStringLiteral(node.argument.literal)
      ) {
        add(node, node.argument.literal.text, true);
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
  }
  return out;
}

/**
 * The import cycles among the files: one per strongly connected group of
 * files (Tarjan's depth-first search), each given as a closed path through
 * it (`a.ts -> b.ts -> a.ts`). Type-only imports count: a cycle of types
 * still ties the two modules together.
 *
 * @param imports - as {@link findImports} gives them.
 */
export function findCycles(imports: readonly IImport[]): string[][] {
  const edges = new Map<string, string[]>();
  for (const { from, resolved } of imports) {
    if (!edges.has(from)) {
      edges.set(from, []);
    }
    if (resolved !== null && !edges.get(from)!.includes(resolved)) {
      edges.get(from)!.push(resolved);
    }
  }
  for (const targets of [...edges.values()]) {
    for (const target of targets) {
      if (!edges.has(target)) {
        edges.set(target, []);
      }
    }
  }
  // Tarjan's algorithm, iterative so that a long chain cannot overflow.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const groups: string[][] = [];
  let next = 0;
  for (const start of [...edges.keys()].sort()) {
    if (index.has(start)) {
      continue;
    }
    const work: [string, number][] = [[start, 0]];
    index.set(start, next);
    low.set(start, next++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const top = work[work.length - 1];
      const [node, i] = top;
      const targets = edges.get(node)!;
      if (i < targets.length) {
        top[1]++;
        const target = targets[i];
        if (!index.has(target)) {
          index.set(target, next);
          low.set(target, next++);
          stack.push(target);
          onStack.add(target);
          work.push([target, 0]);
        } else if (onStack.has(target)) {
          low.set(node, Math.min(low.get(node)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1][0];
        low.set(parent, Math.min(low.get(parent)!, low.get(node)!));
      }
      if (low.get(node) === index.get(node)) {
        const group: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          group.push(member);
        } while (member !== node);
        if (group.length > 1 || edges.get(node)!.includes(node)) {
          groups.push(group);
        }
      }
    }
  }
  return groups.map(group => Private.cycleThrough(group, edges));
}

/**
 * How many lines a repeated block must have to count.
 */
export const MIN_BLOCK_LINES = 6;

/**
 * How two places are alike:
 *
 * - `same`: the same tokens, line for line (whitespace, comments and
 *   line breaks inside a line aside);
 * - `shape`: the same but for names, strings and numbers.
 */
export type Likeness = 'same' | 'shape';

/**
 * A block of lines that stands in two places.
 */
export interface IRepeatedBlock {
  /**
   * How alike the places are.
   */
  likeness: Likeness;
  /**
   * The first place: file and first and last line (1-based).
   */
  a: { file: string; first: number; last: number };
  /**
   * The second place.
   */
  b: { file: string; first: number; last: number };
  /**
   * How many counted lines the block has.
   */
  lines: number;
}

/**
 * The blocks of at least `minLines` counted lines that stand in two places
 * of the sources (two files, or twice in one file without overlapping).
 *
 * What a line is: its tokens, so whitespace and comments do not count, nor
 * do line breaks inside parentheses or brackets (a call, a signature or a
 * list wrapped to fit the formatter's width is one line);
 * lines without a token (blank, comment), lines of `import` and
 * `export … from` statements, and lines of punctuation alone (`}`, `});`)
 * are not counted and do not break a block. A first pass compares tokens
 * as written (`same`). A second pass (`shape`) replaces names with `I`,
 * strings and template text with `S`, numbers with `N` and regular
 * expressions with `R`, keeping keywords and punctuation, so a copy with
 * other names is found. In that pass what is alike in shape without being
 * copied logic is left out: declarations of types (interfaces, type
 * aliases), lines of data alone (literals, or properties of an object
 * literal set to a literal or a name: a table's entries), and the repetitions
 * of a group of up to four lines of the same shapes (the entries of a
 * table, the fields of an object literal, the cases of a switch that each
 * return a value), which count as the first. A `shape` block within
 * a `same` block of the same two files is not listed again.
 *
 * @param sources - the files.
 * @param minLines - how many counted lines make a block.
 */
export function findRepeatedBlocks(
  sources: readonly ISource[],
  minLines: number = MIN_BLOCK_LINES
): IRepeatedBlock[] {
  const lined = sources.map(source => ({
    file: source.file,
    lines: Private.countedLines(source)
  }));
  const same = Private.repeats(
    lined.map(({ file, lines }) => ({
      file,
      lines: lines.map(line => ({ line: line.line, key: line.same }))
    })),
    minLines,
    'same'
  );
  const shape = Private.repeats(
    lined.map(({ file, lines }) => ({
      file,
      lines: Private.collapse(
        lines
          .filter(line => !line.inType && !line.data)
          .map(line => ({ line: line.line, key: line.shape }))
      )
    })),
    minLines,
    'shape'
  ).filter(
    block =>
      !same.some(
        other =>
          Private.within(block.a, other.a) && Private.within(block.b, other.b)
      )
  );
  return [...same, ...shape];
}

/**
 * A block in words: `src/a.ts:10-24 ~ src/b.ts:40-54 (8 lines, same but for
 * names)`.
 */
export function describeBlock(block: IRepeatedBlock): string {
  const where = (place: IRepeatedBlock['a']): string =>
    `${place.file}:${place.first}-${place.last}`;
  return `${where(block.a)} ~ ${where(block.b)} (${block.lines} lines${
    block.likeness === 'shape' ? ', same but for names' : ''
  })`;
}

/**
 * The folder a file belongs to for per-folder checks: the first folder
 * below `src` (`core`, `cli`, …), or `src` for a file at its top.
 */
export function topFolder(file: string): string {
  const parts = file.split('/');
  return parts.length > 2 ? parts[1] : parts[0];
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * A file parsed (TSX for `.tsx`).
   */
  export function parseFile(source: ISource): ts.SourceFile {
    return ts.createSourceFile(
      source.file,
      source.text,
      ts.ScriptTarget.Latest,
      true,
      source.file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS
    );
  }

  /**
   * Whether nothing of an import declaration survives compilation.
   */
  export function importIsTypeOnly(node: ts.ImportDeclaration): boolean {
    const clause = node.importClause;
    if (!clause) {
      // `import './x'`: run for its effects.
      return false;
    }
    if (clause.isTypeOnly) {
      return true;
    }
    const bindings = clause.namedBindings;
    return (
      clause.name === undefined &&
      bindings !== undefined &&
      ts.isNamedImports(bindings) &&
      bindings.elements.length > 0 &&
      bindings.elements.every(element => element.isTypeOnly)
    );
  }

  /**
   * A closed path through a strongly connected group: from its first file
   * (by name), breadth-first to the shortest way back.
   */
  export function cycleThrough(
    group: string[],
    edges: ReadonlyMap<string, readonly string[]>
  ): string[] {
    const members = new Set(group);
    const start = [...group].sort()[0];
    const previous = new Map<string, string>();
    const queue = [start];
    for (let i = 0; i < queue.length; i++) {
      const node = queue[i];
      for (const target of edges.get(node) ?? []) {
        if (!members.has(target)) {
          continue;
        }
        if (target === start) {
          const path: string[] = [];
          for (let at = node; at !== start; at = previous.get(at)!) {
            path.unshift(at);
          }
          return [start, ...path, start];
        }
        if (!previous.has(target)) {
          previous.set(target, node);
          queue.push(target);
        }
      }
    }
    return [...group, group[0]];
  }

  /**
   * One counted line of a file.
   */
  export interface ICountedLine {
    /**
     * Its number (1-based).
     */
    line: number;
    /**
     * Its tokens as written, space-separated.
     */
    same: string;
    /**
     * Its tokens with names, strings, numbers and regular expressions
     * replaced.
     */
    shape: string;
    /**
     * Whether it belongs to a declaration of a type.
     */
    inType: boolean;
    /**
     * Whether it holds data alone: literals and punctuation (a line of a
     * list), or entries of a table (properties set to a literal or a name).
     */
    data: boolean;
  }

  /**
   * The counted lines of a file, in order.
   */
  export function countedLines(source: ISource): ICountedLine[] {
    const sourceFile = parseFile(source);
    const byLine = new Map<
      number,
      {
        same: string[];
        shape: string[];
        content: boolean;
        inType: boolean;
        data: boolean;
      }
    >();
    const brackets: ts.SyntaxKind[] = [];
    let logical = 0;
    let lastPhysical = 0;
    const visit = (node: ts.Node, inType: boolean, inEntry: boolean): void => {
      if (
        node.kind >= ts.SyntaxKind.FirstJSDocNode &&
        node.kind <= ts.SyntaxKind.LastJSDocNode
      ) {
        return;
      }
      if (
        ts.isImportDeclaration(node) ||
        ts.isImportEqualsDeclaration(node) ||
        (ts.isExportDeclaration(node) && node.moduleSpecifier !== undefined)
      ) {
        return;
      }
      const typeHere =
        inType ||
        ts.isInterfaceDeclaration(node) ||
        ts.isTypeAliasDeclaration(node);
      const entryHere = inEntry || isTableEntry(node);
      const children = node.getChildren(sourceFile);
      if (children.length > 0) {
        for (const child of children) {
          visit(child, typeHere, entryHere);
        }
        return;
      }
      if (node.kind === ts.SyntaxKind.EndOfFileToken) {
        return;
      }
      const physical =
        sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile))
          .line + 1;
      // A line break inside parentheses or brackets (a call or a signature
      // wrapped to fit the width) does not start a line; one inside braces
      // (a block, an object) does.
      if (physical !== lastPhysical) {
        const open = brackets[brackets.length - 1];
        if (
          open !== ts.SyntaxKind.OpenParenToken &&
          open !== ts.SyntaxKind.OpenBracketToken
        ) {
          logical = physical;
        }
        lastPhysical = physical;
      }
      trackBracket(brackets, node.kind);
      const line = logical;
      let entry = byLine.get(line);
      if (!entry) {
        entry = {
          same: [],
          shape: [],
          content: false,
          inType: typeHere,
          data: true
        };
        byLine.set(line, entry);
      }
      const text = node.getText(sourceFile);
      entry.same.push(text);
      entry.shape.push(shapeOf(node.kind, text));
      entry.content ||= !isPunctuation(node.kind);
      entry.inType &&= typeHere;
      entry.data &&=
        entryHere || isPunctuation(node.kind) || isLiteral(node.kind);
    };
    visit(sourceFile, false, false);
    return [...byLine.entries()]
      .filter(([, entry]) => entry.content)
      .sort(([a], [b]) => a - b)
      .map(([line, entry]) => ({
        line,
        same: entry.same.join(' '),
        shape: entry.shape.join(' '),
        inType: entry.inType,
        data: entry.data
      }));
  }

  /**
   * Follow the open parentheses, brackets and braces, token by token.
   */
  function trackBracket(open: ts.SyntaxKind[], kind: ts.SyntaxKind): void {
    switch (kind) {
      case ts.SyntaxKind.OpenParenToken:
      case ts.SyntaxKind.OpenBracketToken:
      case ts.SyntaxKind.OpenBraceToken:
        open.push(kind);
        break;
      case ts.SyntaxKind.CloseParenToken:
      case ts.SyntaxKind.CloseBracketToken:
      case ts.SyntaxKind.CloseBraceToken:
        open.pop();
        break;
    }
  }

  /**
   * A token's text in the `shape` pass.
   */
  function shapeOf(kind: ts.SyntaxKind, text: string): string {
    switch (kind) {
      case ts.SyntaxKind.Identifier:
      case ts.SyntaxKind.PrivateIdentifier:
        return 'I';
      case ts.SyntaxKind.StringLiteral:
      case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
      case ts.SyntaxKind.TemplateHead:
      case ts.SyntaxKind.TemplateMiddle:
      case ts.SyntaxKind.TemplateTail:
      case ts.SyntaxKind.JsxText:
      case ts.SyntaxKind.JsxTextAllWhiteSpaces:
        return 'S';
      case ts.SyntaxKind.NumericLiteral:
      case ts.SyntaxKind.BigIntLiteral:
        return 'N';
      case ts.SyntaxKind.RegularExpressionLiteral:
        return 'R';
      default:
        return text;
    }
  }

  /**
   * Whether a node is an entry of a table: a property of an object literal
   * set to a literal or a name (`kind: 'x'`, `check: notFilled`, `{ name }`).
   */
  function isTableEntry(node: ts.Node): boolean {
    if (ts.isShorthandPropertyAssignment(node)) {
      return true;
    }
    if (!ts.isPropertyAssignment(node)) {
      return false;
    }
    const value = node.initializer;
    return (
      ts.isIdentifier(value) ||
      ts.isStringLiteralLike(value) ||
      ts.isNumericLiteral(value) ||
      ts.isRegularExpressionLiteral(value) ||
      value.kind === ts.SyntaxKind.TrueKeyword ||
      value.kind === ts.SyntaxKind.FalseKeyword ||
      value.kind === ts.SyntaxKind.NullKeyword
    );
  }

  /**
   * Whether a token is a literal: a string, template text, a number or a
   * regular expression.
   */
  function isLiteral(kind: ts.SyntaxKind): boolean {
    return ['S', 'N', 'R'].includes(shapeOf(kind, ''));
  }

  /**
   * Whether a token is punctuation (a line of these alone is not counted).
   */
  function isPunctuation(kind: ts.SyntaxKind): boolean {
    return (
      kind >= ts.SyntaxKind.FirstPunctuation &&
      kind <= ts.SyntaxKind.LastPunctuation
    );
  }

  /**
   * The longest group of lines whose repetitions {@link collapse} merges:
   * shorter than a block, so that it never merges a block with its copy.
   */
  const MAX_PERIOD = 4;

  /**
   * A run of lines repeating a group of one to {@link MAX_PERIOD} keys, kept
   * as its first repetition: the entries of a table (of records with up to
   * four fields), the fields of an object literal, the cases of a switch
   * that each return a value.
   */
  export function collapse<T extends { key: string }>(
    lines: readonly T[]
  ): T[] {
    const out: T[] = [];
    for (const line of lines) {
      out.push(line);
      for (let period = 1; period <= MAX_PERIOD; period++) {
        const n = out.length;
        if (
          n >= 2 * period &&
          out
            .slice(n - period)
            .every((last, i) => last.key === out[n - 2 * period + i].key)
        ) {
          out.length = n - period;
          break;
        }
      }
    }
    return out;
  }

  /**
   * The maximal runs of at least `min` lines whose keys are equal in two
   * places: windows of `min` lines are grouped by their keys, and a pair of
   * windows that does not continue the pair before it starts a run, which
   * is followed as far as the lines stay equal.
   */
  export function repeats(
    files: readonly {
      file: string;
      lines: readonly { line: number; key: string }[];
    }[],
    min: number,
    likeness: Likeness
  ): IRepeatedBlock[] {
    const windows = new Map<string, [number, number][]>();
    files.forEach(({ lines }, f) => {
      for (let i = 0; i + min <= lines.length; i++) {
        const key = lines
          .slice(i, i + min)
          .map(line => line.key)
          .join('\n');
        const places = windows.get(key);
        if (places) {
          places.push([f, i]);
        } else {
          windows.set(key, [[f, i]]);
        }
      }
    });
    const key = (f: number, i: number): string =>
      files[f].lines[i]?.key ?? '\u0000';
    const out: IRepeatedBlock[] = [];
    for (const places of windows.values()) {
      for (let p = 0; p < places.length; p++) {
        for (let q = p + 1; q < places.length; q++) {
          const [fa, ia] = places[p];
          const [fb, ib] = places[q];
          if (fa === fb && ib - ia < min) {
            // Overlapping windows of one file: a line repeated, not a block.
            continue;
          }
          if (ia > 0 && ib > 0 && key(fa, ia - 1) === key(fb, ib - 1)) {
            // The pair before continues into this one: not a run's start.
            continue;
          }
          let length = min;
          while (
            ia + length < files[fa].lines.length &&
            ib + length < files[fb].lines.length &&
            key(fa, ia + length) === key(fb, ib + length) &&
            !(fa === fb && ia + length >= ib)
          ) {
            length++;
          }
          const a = files[fa].lines;
          const b = files[fb].lines;
          out.push({
            likeness,
            a: {
              file: files[fa].file,
              first: a[ia].line,
              last: a[ia + length - 1].line
            },
            b: {
              file: files[fb].file,
              first: b[ib].line,
              last: b[ib + length - 1].line
            },
            lines: length
          });
        }
      }
    }
    return out.sort((x, y) =>
      x.a.file !== y.a.file
        ? x.a.file < y.a.file
          ? -1
          : 1
        : x.a.first - y.a.first || x.b.first - y.b.first
    );
  }

  /**
   * Whether one place lies within another.
   */
  export function within(
    inner: IRepeatedBlock['a'],
    outer: IRepeatedBlock['a']
  ): boolean {
    return (
      inner.file === outer.file &&
      inner.first >= outer.first &&
      inner.last <= outer.last
    );
  }
}

/**
 * Where the sources use one of the global names given, as
 * `file:line name`: an identifier read as a value that is not a
 * property's name or a declaration's own name.
 *
 * @param sources - the files.
 * @param names - the globals (`document`, `window`, `process`, …).
 */
export function findGlobalUses(
  sources: readonly ISource[],
  names: readonly string[]
): string[] {
  const wanted = new Set(names);
  const out: string[] = [];
  for (const source of sources) {
    const sourceFile = Private.parseFile(source);
    const uses: ts.Identifier[] = [];
    // A file that declares one of the names (a parameter `window`) means its own.
    const declared = new Set<string>();
    const visit = (node: ts.Node): void => {
      if (ts.isIdentifier(node) && wanted.has(node.text)) {
        const parent = node.parent;
        if (
          (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
          (ts.isQualifiedName(parent) && parent.right === node) ||
          ((ts.isPropertyAssignment(parent) ||
            ts.isPropertySignature(parent) ||
            ts.isPropertyDeclaration(parent) ||
            ts.isMethodDeclaration(parent) ||
            ts.isMethodSignature(parent)) &&
            parent.name === node)
        ) {
          // A property's name, not the global.
        } else if (
          (ts.isVariableDeclaration(parent) ||
            ts.isParameter(parent) ||
            ts.isFunctionDeclaration(parent) ||
            ts.isBindingElement(parent) ||
            ts.isImportSpecifier(parent) ||
            ts.isImportClause(parent) ||
            ts.isNamespaceImport(parent)) &&
          parent.name === node
        ) {
          declared.add(node.text);
        } else {
          uses.push(node);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
    for (const use of uses) {
      if (!declared.has(use.text)) {
        const line =
          sourceFile.getLineAndCharacterOfPosition(use.getStart(sourceFile))
            .line + 1;
        out.push(`${source.file}:${line} ${use.text}`);
      }
    }
  }
  return out;
}

/**
 * The module state of the sources, as `file:line name`: variables
 * declared with `let` or `var` at the top of a module or of a namespace,
 * which live as long as the page and are shared by every notebook.
 *
 * @param sources - the files.
 */
export function findModuleState(sources: readonly ISource[]): string[] {
  const out: string[] = [];
  for (const source of sources) {
    const sourceFile = Private.parseFile(source);
    const visitBlock = (statements: ts.NodeArray<ts.Statement>): void => {
      for (const statement of statements) {
        if (
          ts.isVariableStatement(statement) &&
          !(statement.declarationList.flags & ts.NodeFlags.Const)
        ) {
          for (const declaration of statement.declarationList.declarations) {
            const line =
              sourceFile.getLineAndCharacterOfPosition(
                declaration.getStart(sourceFile)
              ).line + 1;
            out.push(
              `${source.file}:${line} ${declaration.name.getText(sourceFile)}`
            );
          }
        } else if (ts.isModuleDeclaration(statement)) {
          let body = statement.body;
          while (body && ts.isModuleDeclaration(body)) {
            body = body.body;
          }
          if (body && ts.isModuleBlock(body)) {
            visitBlock(body.statements);
          }
        }
      }
    };
    visitBlock(sourceFile.statements);
  }
  return out;
}
