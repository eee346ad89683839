// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

/**
 * Where a text stops being JSON: the offset of the first character that
 * cannot continue a JSON text (the text's length when it ends too early),
 * or `null` when the whole text is JSON. `JSON.parse` says where only in
 * some of its messages, and differently from one Node version to the
 * next; this reads the text once, without recursion (a deep nesting costs
 * a stack entry, not a call). Linear in the text.
 *
 * @param text - the text, a byte order mark already removed.
 */
export function jsonErrorOffset(text: string): number | null {
  let i = 0;
  const skip = (): void => {
    Private.SPACE.lastIndex = i;
    Private.SPACE.test(text);
    i = Private.SPACE.lastIndex;
  };
  const take = (pattern: RegExp): boolean => {
    pattern.lastIndex = i;
    if (!pattern.test(text)) {
      return false;
    }
    i = pattern.lastIndex;
    return true;
  };
  // A string; the offset stays at what ends it wrongly (a control
  // character, a bad escape, the end of the text).
  const string = (): boolean => {
    if (text[i] !== '"') {
      return false;
    }
    i++;
    take(Private.STRING_BODY);
    if (text[i] !== '"') {
      return false;
    }
    i++;
    return true;
  };
  // A key and its colon; the offset stays where one is missing.
  const key = (): boolean => {
    skip();
    if (!string()) {
      return false;
    }
    skip();
    if (text[i] !== ':') {
      return false;
    }
    i++;
    return true;
  };
  // The containers open around the value being read.
  const open: string[] = [];
  for (;;) {
    // A value.
    skip();
    const first = text[i];
    if (first === '{' || first === '[') {
      i++;
      skip();
      const close = first === '{' ? '}' : ']';
      if (text[i] === close) {
        i++;
      } else {
        open.push(close);
        if (close === '}' && !key()) {
          return i;
        }
        continue;
      }
    } else if (first === '"') {
      if (!string()) {
        return i;
      }
    } else if (!take(Private.NUMBER) && !take(Private.LITERAL)) {
      return i;
    }
    // After a value: the containers it ends, then a comma or the end.
    for (;;) {
      skip();
      const close = open[open.length - 1];
      if (close === undefined) {
        return i < text.length ? i : null;
      }
      if (text[i] === close) {
        i++;
        open.pop();
        continue;
      }
      if (text[i] !== ',') {
        return i;
      }
      i++;
      if (close === '}' && !key()) {
        return i;
      }
      break;
    }
  }
}

/**
 * Module internals.
 */
namespace Private {
  export const SPACE = /[ \t\n\r]*/y;
  export const STRING_BODY =
    /(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*/y;
  export const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
  export const LITERAL = /true|false|null/y;
}
