// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { cut, indexOrEnd, quote } from '../common/text';

/**
 * A TOML value as {@link parseToml} reads it. Dates and times are kept as
 * the text they were written as; integers and floats become numbers.
 */
export type TomlValue = string | number | boolean | TomlValue[] | ITomlTable;

/**
 * A TOML table. Tables have no prototype, so a key such as `constructor`
 * or `__proto__` is an ordinary key: look keys up with `in` or
 * {@link tomlGet}.
 */
export interface ITomlTable {
  [key: string]: TomlValue;
}

/**
 * Where a key/value pair of the root table was written, for editing a
 * document without rewriting what the edit does not touch.
 */
export interface ITomlRootEntry {
  /**
   * The key, split at its dots (`a."b.c"` is `["a", "b.c"]`).
   */
  key: string[];
  /**
   * Offset of the key's first character.
   */
  start: number;
  /**
   * Offset just after the value's last character (a comment after the
   * value is not included).
   */
  end: number;
}

/**
 * Something {@link parseToml} could not read.
 */
export interface ITomlProblem {
  /**
   * The line, counted from 1, or `null` for a note about several lines.
   */
  line: number | null;
  /**
   * What is wrong, as a sentence fragment (`"x" is defined twice`).
   */
  message: string;
}

/**
 * What {@link parseToml} read.
 */
export interface ITomlParse {
  /**
   * The document's root table: everything that could be read, even when
   * there are problems.
   */
  root: ITomlTable;
  /**
   * What could not be read, the first few with their lines; empty when the
   * document is valid TOML (as far as this reader checks).
   */
  problems: ITomlProblem[];
  /**
   * The key/value pairs written in the root table, in order.
   */
  rootEntries: ITomlRootEntry[];
}

/**
 * Read a TOML document. Never throws.
 *
 * Written for the TOML other tools put in notebooks (PEP 723 blocks,
 * `uv.lock`), so that the extension needs no TOML library: tables, arrays
 * of tables, dotted and quoted keys, the four kinds of strings, numbers,
 * booleans, dates (kept as text), arrays over several lines with comments
 * and trailing commas, and inline tables. A statement that cannot be read
 * is reported on the line where the problem is found (a value never closed,
 * on the line where it opens; a key defined twice, on the key's line) and
 * skipped to the end of its value, even over several lines, and reading
 * goes on after it, so one mistake does not hide the rest of a stranger's
 * document. Deeply nested values stop the reading with a problem instead
 * of exhausting the stack.
 *
 * @param text - the document.
 */
export function parseToml(text: string): ITomlParse {
  return new Private.Parser(text).parse();
}

/**
 * Look up a dotted path of keys in a table, or `undefined`.
 *
 * @param table - where to start.
 * @param path - the keys, outermost first.
 */
export function tomlGet(
  table: ITomlTable,
  ...path: string[]
): TomlValue | undefined {
  let value: TomlValue | undefined = table;
  for (const key of path) {
    if (!isTomlTable(value) || !(key in value)) {
      return undefined;
    }
    value = value[key];
  }
  return value;
}

/**
 * Whether a TOML value is a table (not a list, not a scalar).
 */
export function isTomlTable(value: TomlValue | undefined): value is ITomlTable {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Write a string as a TOML basic string (`"…"`), escaping what TOML does
 * not allow raw and what Python's `str.splitlines()` would split a comment
 * line at (PEP 723 tools read blocks line by line).
 */
export function tomlString(value: string): string {
  const wellFormed = value.replace(Private.LONE_SURROGATE, '\ufffd');
  // JSON's escapes are TOML's, except that JSON leaves these raw.
  return JSON.stringify(wellFormed).replace(
    /[\x7f\x85\u2028\u2029]/g,
    char => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`
  );
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * Deepest nesting of arrays and inline tables read.
   */
  const MAX_DEPTH = 64;

  /**
   * Most problems listed; the rest are counted.
   */
  const MAX_PROBLEMS = 5;

  /**
   * A UTF-16 surrogate without its other half.
   */
  export const LONE_SURROGATE =
    /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

  /**
   * Characters of a bare key.
   */
  const BARE_KEY = /[A-Za-z0-9_-]+/y;

  /**
   * A number, boolean, date or time, up to the next delimiter; a space
   * followed by a digit continues a date-time (`1979-05-27 07:32:00`).
   */
  const SCALAR = /[0-9A-Za-z_+.:-]+(?: [0-9][0-9A-Za-z_+.:-]*)?/y;

  /**
   * What follows a backslash that ends a line in a multi-line string.
   */
  const LINE_END_BACKSLASH = /[ \t]*\r?\n/y;

  const INTEGER = /^[+-]?(?:0|[1-9](?:_?[0-9])*)$/;
  const PREFIXED =
    /^(?:0x[0-9A-Fa-f](?:_?[0-9A-Fa-f])*|0o[0-7](?:_?[0-7])*|0b[01](?:_?[01])*)$/;
  const FLOAT =
    /^[+-]?(?:(?:0|[1-9](?:_?[0-9])*)(?:\.[0-9](?:_?[0-9])*)?(?:[eE][+-]?[0-9](?:_?[0-9])*)?|inf|nan)$/;
  const DATE_TIME =
    /^(?:\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:\d{2})?)?|\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/;

  const ESCAPES: Record<string, string> = {
    b: '\b',
    t: '\t',
    n: '\n',
    f: '\f',
    r: '\r',
    e: '\x1b',
    '"': '"',
    '\\': '\\'
  };

  /**
   * A statement the parser gives up on; caught at the statement's start.
   */
  class LineError {
    /**
     * @param message - what is wrong.
     * @param at - where, when not where the parser stands.
     */
    constructor(
      readonly message: string,
      readonly at?: number
    ) {}
  }

  /**
   * Nesting too deep to go on with the document.
   */
  class DepthError {}

  function newTable(): ITomlTable {
    return Object.create(null) as ITomlTable;
  }

  /**
   * A recursive-descent reader over the text.
   */
  export class Parser {
    constructor(private readonly text: string) {}

    parse(): ITomlParse {
      const root = newTable();
      let current = root;
      const rootEntries: ITomlRootEntry[] = [];
      try {
        while (this.skipBlank()) {
          const lineStart = this.pos;
          // Where the value starts, once the key and "=" are read.
          let valueStart = -1;
          try {
            if (this.text[this.pos] === '[') {
              current = this.header(root);
            } else {
              const start = this.pos;
              const key = this.key();
              this.inlineSpace();
              this.expect('=', 'an "=" after the key');
              this.inlineSpace();
              valueStart = this.pos;
              const value = this.value(0);
              const end = this.pos;
              this.assign(current, key, value, start);
              if (current === root) {
                rootEntries.push({ key, start, end });
              }
            }
            this.endOfLine();
          } catch (error) {
            if (!(error instanceof LineError)) {
              throw error;
            }
            this.problem(error.message, error.at ?? this.pos);
            this.skipStatement(valueStart);
            if (this.text[lineStart] === '[') {
              // Keys under a header that cannot be read belong nowhere.
              current = newTable();
            }
          }
        }
      } catch (error) {
        if (!(error instanceof DepthError)) {
          throw error;
        }
        this.problem(
          `values nest more than ${MAX_DEPTH} deep; the rest is not read`,
          this.pos
        );
      }
      const problems = this.problems.slice(0, MAX_PROBLEMS);
      if (this.problems.length > MAX_PROBLEMS) {
        problems.push({
          line: null,
          message: `${this.problems.length - MAX_PROBLEMS} more lines cannot be read`
        });
      }
      return { root, problems, rootEntries };
    }

    /**
     * Skip whitespace, comments and newlines; whether anything is left.
     */
    private skipBlank(): boolean {
      const { text } = this;
      while (this.pos < text.length) {
        const char = text[this.pos];
        if (char === ' ' || char === '\t' || char === '\n' || char === '\r') {
          this.pos++;
        } else if (char === '#') {
          this.skipComment();
        } else {
          return true;
        }
      }
      return false;
    }

    private inlineSpace(): void {
      while (this.text[this.pos] === ' ' || this.text[this.pos] === '\t') {
        this.pos++;
      }
    }

    private skipComment(): void {
      const end = this.text.indexOf('\n', this.pos);
      this.pos = end < 0 ? this.text.length : end;
    }

    private skipLine(): void {
      const end = this.text.indexOf('\n', this.pos);
      this.pos = end < 0 ? this.text.length : end + 1;
    }

    /**
     * After a problem: skip the statement to the end of its value when it
     * has one (a list, an inline table or a string over several lines is
     * skipped whole, so that its next lines are not read as statements),
     * else to the end of the line where the problem is. A value whose
     * brackets or quotes never close is not skimmed past: the line is
     * skipped, and no later value is skimmed (each skim would then run to
     * the end of the text, which would make the reading quadratic).
     *
     * @param valueStart - where the value starts, or -1 before it.
     */
    private skipStatement(valueStart: number): void {
      const end =
        valueStart < 0 || this.unclosed ? -1 : this.valueEnd(valueStart);
      this.unclosed ||= valueStart >= 0 && end < 0;
      if (end >= this.pos) {
        this.pos = end;
      }
      this.skipLine();
    }

    /**
     * Where the line ends on which the value starting at `from` ends: a
     * line break outside its brackets and strings (or the text's end),
     * found without reading the value; -1 when a bracket or a string
     * never closes.
     */
    private valueEnd(from: number): number {
      const { text } = this;
      let depth = 0;
      for (let i = from; i < text.length; i++) {
        const char = text[i];
        if (char === '\n') {
          if (depth === 0) {
            return i;
          }
        } else if (char === '#') {
          i = indexOrEnd(text, '\n', i) - 1;
        } else if (char === '[' || char === '{') {
          depth++;
        } else if (char === ']' || char === '}') {
          depth = Math.max(depth - 1, 0);
        } else if (char === '"' || char === "'") {
          i = Private.stringEnd(text, i, text.startsWith(char.repeat(3), i));
          if (i < 0) {
            return -1;
          }
        }
      }
      return depth === 0 ? text.length : -1;
    }

    /**
     * After a key/value pair or a header: only a comment may follow.
     */
    private endOfLine(): void {
      this.inlineSpace();
      if (this.text[this.pos] === '#') {
        this.skipComment();
      }
      if (this.text.startsWith('\r\n', this.pos)) {
        this.pos++;
      }
      if (this.pos < this.text.length && this.text[this.pos] !== '\n') {
        throw new LineError(
          `unexpected ${this.describeHere()} after the value`
        );
      }
    }

    private expect(char: string, what: string): void {
      if (this.text[this.pos] !== char) {
        throw new LineError(`expected ${what}, found ${this.describeHere()}`);
      }
      this.pos++;
    }

    private describeHere(): string {
      if (this.pos >= this.text.length) {
        return 'the end of the text';
      }
      const char = this.text[this.pos];
      return char === '\n' || char === '\r'
        ? 'the end of the line'
        : JSON.stringify(char);
    }

    /**
     * `[a.b]` or `[[a.b]]`: the table that the following pairs go into.
     */
    private header(root: ITomlTable): ITomlTable {
      const array = this.text.startsWith('[[', this.pos);
      this.pos += array ? 2 : 1;
      this.inlineSpace();
      const key = this.key();
      this.inlineSpace();
      if (array) {
        if (!this.text.startsWith(']]', this.pos)) {
          throw new LineError(
            `expected "]]" to close the table header, found ${this.describeHere()}`
          );
        }
        this.pos += 2;
      } else {
        this.expect(']', '"]" to close the table header');
      }
      const parent = this.descend(root, key.slice(0, -1), key);
      const last = key[key.length - 1];
      const name = Private.dotted(key);
      if (array) {
        const existing = last in parent ? parent[last] : undefined;
        if (existing === undefined) {
          const list: TomlValue[] = [];
          this.tableArrays.add(list);
          parent[last] = list;
        } else if (
          !Array.isArray(existing) ||
          !this.tableArrays.has(existing)
        ) {
          throw new LineError(
            `"${name}" is already defined, not as an array of tables`
          );
        }
        const table = newTable();
        (parent[last] as TomlValue[]).push(table);
        return table;
      }
      const existing = last in parent ? parent[last] : undefined;
      if (existing === undefined) {
        const table = newTable();
        parent[last] = table;
        this.defined.add(table);
        return table;
      }
      if (
        !isTomlTable(existing) ||
        this.defined.has(existing) ||
        this.inline.has(existing)
      ) {
        throw new LineError(`"${name}" is defined twice`);
      }
      this.defined.add(existing);
      return existing;
    }

    /**
     * Walk (creating) the tables of a header's key; the last table of an
     * array of tables stands for the array.
     */
    private descend(
      table: ITomlTable,
      path: string[],
      whole: string[]
    ): ITomlTable {
      for (const key of path) {
        let next = key in table ? table[key] : undefined;
        if (next === undefined) {
          next = newTable();
          table[key] = next;
        } else if (Array.isArray(next) && this.tableArrays.has(next)) {
          next = next[next.length - 1];
        }
        if (!isTomlTable(next) || this.inline.has(next)) {
          throw new LineError(
            `"${Private.dotted(whole)}" extends a key that is not a table`
          );
        }
        table = next;
      }
      return table;
    }

    /**
     * Set a dotted key in a table, creating the tables on its way.
     */
    private assign(
      table: ITomlTable,
      key: string[],
      value: TomlValue,
      at: number
    ): void {
      let target = table;
      for (const part of key.slice(0, -1)) {
        let next = part in target ? target[part] : undefined;
        if (next === undefined) {
          next = newTable();
          target[part] = next;
          this.dottedTables.add(next);
        }
        if (
          !isTomlTable(next) ||
          this.inline.has(next) ||
          (this.defined.has(next) && !this.dottedTables.has(next))
        ) {
          throw new LineError(
            `"${Private.dotted(key)}" extends a key that is not a table`,
            at
          );
        }
        target = next;
      }
      const last = key[key.length - 1];
      if (last in target) {
        throw new LineError(`"${Private.dotted(key)}" is defined twice`, at);
      }
      target[last] = value;
    }

    /**
     * A key: bare or quoted parts joined by dots.
     */
    private key(): string[] {
      const parts = [this.simpleKey()];
      for (;;) {
        const save = this.pos;
        this.inlineSpace();
        if (this.text[this.pos] !== '.') {
          this.pos = save;
          return parts;
        }
        this.pos++;
        this.inlineSpace();
        parts.push(this.simpleKey());
      }
    }

    private simpleKey(): string {
      const char = this.text[this.pos];
      if (char === '"') {
        return this.basicString();
      }
      if (char === "'") {
        return this.literalString();
      }
      BARE_KEY.lastIndex = this.pos;
      const match = BARE_KEY.exec(this.text);
      if (!match) {
        throw new LineError(`expected a key, found ${this.describeHere()}`);
      }
      this.pos += match[0].length;
      return match[0];
    }

    private value(depth: number): TomlValue {
      const { text } = this;
      const char = text[this.pos];
      if (char === '"') {
        return text.startsWith('"""', this.pos)
          ? this.multilineBasic()
          : this.basicString();
      }
      if (char === "'") {
        return text.startsWith("'''", this.pos)
          ? this.multilineLiteral()
          : this.literalString();
      }
      if (char === '[') {
        return this.array(depth + 1);
      }
      if (char === '{') {
        return this.inlineTable(depth + 1);
      }
      SCALAR.lastIndex = this.pos;
      const match = SCALAR.exec(text);
      if (!match) {
        throw new LineError(`expected a value, found ${this.describeHere()}`);
      }
      const word = match[0];
      const value = Private.scalar(word);
      if (value === null) {
        // A trailing space-digit may belong to what follows: try without.
        const head = word.split(' ')[0];
        const shorter = head !== word ? Private.scalar(head) : null;
        if (shorter === null) {
          throw new LineError(
            `${quote(word, Private.EXCERPT)} is not a TOML value`
          );
        }
        this.pos += head.length;
        return shorter;
      }
      this.pos += word.length;
      return value;
    }

    private array(depth: number): TomlValue[] {
      if (depth > MAX_DEPTH) {
        throw new DepthError();
      }
      const items: TomlValue[] = [];
      this.items(']', 'array', () => items.push(this.value(depth)));
      return items;
    }

    /**
     * `{ a = 1, b.c = "x" }`; newlines and a trailing comma are accepted,
     * as TOML 1.1 allows.
     */
    private inlineTable(depth: number): ITomlTable {
      if (depth > MAX_DEPTH) {
        throw new DepthError();
      }
      const table = newTable();
      this.items('}', 'inline table', () => {
        const start = this.pos;
        const key = this.key();
        this.inlineSpace();
        this.expect('=', 'an "=" after the key');
        this.inlineSpace();
        this.assign(table, key, this.value(depth), start);
      });
      this.inline.add(table);
      return table;
    }

    /**
     * Read the items of an array or an inline table, from its opening
     * bracket to its closing one: blanks and newlines around them, a comma
     * after each, a trailing comma accepted.
     *
     * @param close - the closing bracket.
     * @param what - the container in words, for errors.
     * @param item - reads one item.
     */
    private items(close: ']' | '}', what: string, item: () => void): void {
      const open = this.pos++;
      for (;;) {
        if (!this.skipBlank()) {
          throw new LineError(
            `the ${what} is never closed with "${close}"`,
            open
          );
        }
        if (this.text[this.pos] === close) {
          this.pos++;
          return;
        }
        item();
        if (!this.skipBlank()) {
          throw new LineError(
            `the ${what} is never closed with "${close}"`,
            open
          );
        }
        if (this.text[this.pos] === ',') {
          this.pos++;
        } else if (this.text[this.pos] !== close) {
          throw new LineError(
            `expected "," or "${close}" in the ${what}, found ${this.describeHere()}`
          );
        }
      }
    }

    private basicString(): string {
      const { text } = this;
      this.pos++; // "
      let out = '';
      for (;;) {
        const char = text[this.pos];
        if (char === undefined || char === '\n') {
          throw new LineError("a string is never closed with '\"'");
        }
        this.pos++;
        if (char === '"') {
          return out;
        }
        if (char === '\\') {
          out += this.escape();
        } else if (Private.isControl(char)) {
          throw new LineError(
            'a string holds a control character; write it as an escape'
          );
        } else {
          out += char;
        }
      }
    }

    private literalString(): string {
      const { text } = this;
      // Look for the closing quote on this line only: a search to the end
      // of the text from every unclosed string would be quadratic.
      const newline = text.indexOf('\n', this.pos + 1);
      const end =
        text
          .slice(this.pos + 1, newline < 0 ? text.length : newline)
          .indexOf("'") +
        this.pos +
        1;
      if (end === this.pos) {
        throw new LineError('a string is never closed with "\'"');
      }
      const value = text.slice(this.pos + 1, end);
      this.pos = end + 1;
      return value;
    }

    private multilineBasic(): string {
      const { text } = this;
      const open = this.pos;
      this.pos += 3;
      this.pos += Private.leadingNewline(text, this.pos);
      let out = '';
      for (;;) {
        if (this.pos >= text.length) {
          throw new LineError(
            'a multi-line string is never closed with \'"""\'',
            open
          );
        }
        if (text.startsWith('"""', this.pos)) {
          // Up to two quotes may end the content: """a""""" is 'a""'.
          let quotes = 3;
          while (quotes < 5 && text[this.pos + quotes] === '"') {
            quotes++;
          }
          out += '"'.repeat(quotes - 3);
          this.pos += quotes;
          return out;
        }
        const char = text[this.pos++];
        if (char === '\\') {
          // A backslash ending a line trims the newline and the blanks after it.
          LINE_END_BACKSLASH.lastIndex = this.pos;
          if (LINE_END_BACKSLASH.test(text)) {
            while (' \t\r\n'.includes(text[this.pos] ?? 'x')) {
              this.pos++;
            }
          } else {
            out += this.escape();
          }
        } else if (char !== '\n' && char !== '\r' && Private.isControl(char)) {
          throw new LineError(
            'a string holds a control character; write it as an escape'
          );
        } else {
          out += char;
        }
      }
    }

    private multilineLiteral(): string {
      const { text } = this;
      const open = this.pos;
      const start = this.pos + 3 + Private.leadingNewline(text, this.pos + 3);
      const end = text.indexOf("'''", start);
      if (end < 0) {
        // The rest of the text is the string's: none of it is read as TOML.
        this.pos = text.length;
        throw new LineError(
          "a multi-line string is never closed with \"'''\"",
          open
        );
      }
      let quotes = 3;
      while (quotes < 5 && text[end + quotes] === "'") {
        quotes++;
      }
      this.pos = end + quotes;
      return text.slice(start, end) + "'".repeat(quotes - 3);
    }

    /**
     * The character an escape after a backslash stands for.
     */
    private escape(): string {
      const { text } = this;
      const char = text[this.pos];
      if (char !== undefined && char in ESCAPES) {
        this.pos++;
        return ESCAPES[char];
      }
      if (char === 'u' || char === 'U' || char === 'x') {
        const length = char === 'u' ? 4 : char === 'U' ? 8 : 2;
        const hex = text.slice(this.pos + 1, this.pos + 1 + length);
        const code =
          /^[0-9A-Fa-f]+$/.test(hex) && hex.length === length
            ? parseInt(hex, 16)
            : NaN;
        if (!(code <= 0x10ffff) || (code >= 0xd800 && code <= 0xdfff)) {
          throw new LineError(`"\\${char}${hex}" is not a Unicode character`);
        }
        this.pos += 1 + length;
        return String.fromCodePoint(code);
      }
      throw new LineError(`"\\${char ?? ''}" is not a TOML escape`);
    }

    private problem(message: string, offset: number): void {
      if (this.problems.length >= MAX_PROBLEMS) {
        // Only counted: do not rescan a long document for each bad line.
        this.problems.push({ line: null, message });
        return;
      }
      let line = 1;
      for (
        let i = this.text.indexOf('\n');
        i >= 0 && i < offset;
        i = this.text.indexOf('\n', i + 1)
      ) {
        line++;
      }
      this.problems.push({ line, message });
    }

    private pos = 0;
    /**
     * Whether a value's brackets or quotes were found never to close.
     */
    private unclosed = false;
    private problems: ITomlProblem[] = [];
    /**
     * Tables made by a `[header]`, which may not be defined again.
     */
    private defined = new Set<ITomlTable>();
    /**
     * Tables made by dotted keys, which a later dotted key may extend.
     */
    private dottedTables = new Set<ITomlTable>();
    /**
     * Inline tables, which are complete as written.
     */
    private inline = new Set<ITomlTable>();
    /**
     * Lists made by `[[headers]]`.
     */
    private tableArrays = new Set<TomlValue[]>();
  }

  /**
   * The value of a bare word, or `null` when it is none.
   */
  export function scalar(word: string): TomlValue | null {
    if (word === 'true' || word === 'false') {
      return word === 'true';
    }
    if (DATE_TIME.test(word)) {
      return word;
    }
    const plain = word.replace(/_/g, '');
    if (INTEGER.test(word) || PREFIXED.test(word)) {
      const sign = plain.startsWith('-') ? -1 : 1;
      const digits = plain.replace(/^[+-]/, '');
      return (
        sign * (/^0[xob]/.test(digits) ? Number(digits) : parseInt(digits, 10))
      );
    }
    if (FLOAT.test(word)) {
      const bare = plain.replace(/^[+-]/, '');
      const sign = plain.startsWith('-') ? -1 : 1;
      return bare === 'inf'
        ? sign * Infinity
        : bare === 'nan'
          ? NaN
          : Number(plain);
    }
    return null;
  }

  export function isControl(char: string): boolean {
    const code = char.charCodeAt(0);
    return (code < 0x20 && char !== '\t') || code === 0x7f;
  }

  /**
   * Length of the newline that directly follows a multi-line string's
   * opening delimiter, which is not part of the string.
   */
  export function leadingNewline(text: string, pos: number): number {
    return text.startsWith('\r\n', pos) ? 2 : text[pos] === '\n' ? 1 : 0;
  }

  export function dotted(key: string[]): string {
    return cut(
      key
        .map(part =>
          /^[A-Za-z0-9_-]+$/.test(part) ? part : JSON.stringify(part)
        )
        .join('.'),
      EXCERPT
    );
  }

  /**
   * The position of the last character of the string whose opening quote
   * (`"` or `'`, three of them when `triple`) is at `at`, as a skim finds
   * it: a one-line string ends at its closing quote or before its line's
   * end; -1 when a multi-line string never closes.
   */
  export function stringEnd(text: string, at: number, triple: boolean): number {
    const quote = text[at];
    const escapes = quote === '"';
    for (let i = at + (triple ? 3 : 1); i < text.length; i++) {
      const char = text[i];
      if (escapes && char === '\\' && (triple || text[i + 1] !== '\n')) {
        i++;
      } else if (char === '\n' && !triple) {
        return i - 1;
      } else if (
        char === quote &&
        (!triple || (text[i + 1] === quote && text[i + 2] === quote))
      ) {
        // Up to two more quotes may end the content.
        let end = i + (triple ? 2 : 0);
        while (triple && end < i + 4 && text[end + 1] === quote) {
          end++;
        }
        return end;
      }
    }
    return triple ? -1 : text.length - 1;
  }

  /**
   * Longest excerpt of a stranger's key or word in a problem.
   */
  export const EXCERPT = 40;
}
