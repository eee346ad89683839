// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

/**
 * Code cells to compare a fast reader with a reference on: the sources of
 * notebooks in a folder, of the benchmark's generated notebooks, and the
 * strings spelled in spec files.
 */

import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

import type { ICellLike } from '../../../core/notebook/cells';
import { joinSource } from '../../../core/notebook/cells';
import { ROOT } from '../../../../testutils/paths';

/**
 * The code cells' sources of notebooks.
 */
export function codeSources(cellLists: ICellLike[][]): string[] {
  return cellLists.flatMap(cells =>
    cells
      .filter(cell => cell?.cell_type === 'code')
      .map(cell => joinSource(cell.source))
  );
}

/**
 * The cells of the `.ipynb` files of a folder (none when it is absent).
 */
export function notebookCells(folder: string): ICellLike[][] {
  if (!fs.existsSync(folder)) {
    return [];
  }
  return fs
    .readdirSync(folder)
    .filter(name => name.endsWith('.ipynb'))
    .flatMap(name => {
      try {
        const json = JSON.parse(
          fs.readFileSync(path.join(folder, name), 'utf8')
        );
        return Array.isArray(json.cells) ? [json.cells as ICellLike[]] : [];
      } catch {
        return []; // a fixture that is not JSON on purpose
      }
    });
}

/**
 * Every string a spec file spells, also as `'a' + 'b'` and `'x'.repeat(n)`:
 * the sources the names and hidden-state tests give `findNames`.
 */
export function specStrings(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest);
  const strings: string[] = [];
  const value = (node: ts.Node): string | null => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      return node.text;
    }
    if (ts.isParenthesizedExpression(node)) {
      return value(node.expression);
    }
    if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind === ts.SyntaxKind.PlusToken
    ) {
      const left = value(node.left);
      const right = value(node.right);
      return left !== null && right !== null ? left + right : null;
    }
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      node.expression.name.text === 'repeat' &&
      node.arguments.length === 1 &&
      ts.isNumericLiteral(node.arguments[0])
    ) {
      const repeated = value(node.expression.expression);
      return repeated === null
        ? null
        : repeated.repeat(Number(node.arguments[0].text));
    }
    return null;
  };
  const visit = (node: ts.Node): void => {
    const found = value(node);
    if (found !== null) {
      strings.push(found);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return strings;
}

/**
 * Notebooks of the benchmark's generator, of a few sizes.
 */
export function generated(sizes: number[]): ICellLike[][] {
  // The generator is a plain Node script beside the sources.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { generate } = require(path.join(ROOT, 'bench', 'generate.js')) as {
    generate: (size: number) => { cells: ICellLike[] };
  };
  return sizes.map(size => generate(size).cells);
}
