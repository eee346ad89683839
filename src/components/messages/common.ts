// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import type { TranslationBundle } from '@jupyterlab/translation';
import type { ValueShape } from '../../core/common/text';

/**
 * A stranger's JSON value named in the user's language: `the text "abc"`,
 * `the number 3`, `a list`, `null`...
 *
 * @param trans - the extension's translation bundle.
 * @param shape - what core made of the value.
 */
export function valueText(trans: TranslationBundle, shape: ValueShape): string {
  switch (shape.type) {
    case 'null':
      return trans.__('null');
    case 'list':
      return trans.__('a list');
    case 'object':
      return trans.__('an object');
    case 'text':
      return trans.__('the text %1', shape.text);
    case 'number':
      return trans.__('the number %1', shape.value);
    case 'boolean':
      return trans.__('the boolean %1', shape.value);
    case 'other':
      return trans.__('a %1', shape.name);
    default:
      return unworded(shape);
  }
}

/**
 * A readable list: the first `max` items joined, then how many more
 * (`a, b, c (and 4 more)`).
 *
 * @param trans - the extension's translation bundle.
 * @param items - the items, already in words.
 * @param max - how many to name.
 * @param separator - what joins them.
 */
export function listText(
  trans: TranslationBundle,
  items: readonly string[],
  max: number,
  separator = ', '
): string {
  const shown = items.slice(0, max).join(separator);
  return items.length > max
    ? trans.__('%1 (and %2 more)', shown, items.length - max)
    : shown;
}

/**
 * The end of a wording switch: the type check fails when a code has no
 * wording; at run time an unknown code (a newer core) is shown as is.
 *
 * @param issue - what no case matched (`never` to the type checker).
 */
export function unworded(issue: never): string {
  if (typeof issue !== 'object' || issue === null) {
    return String(issue);
  }
  const { code, type } = issue as { code?: unknown; type?: unknown };
  return String(code ?? type);
}
