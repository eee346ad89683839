// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import { PARSER_CUTOFF } from './nameScan';

/**
 * The modules the import statements of some Python code name, read
 * without the parser: a tokenizer and a reader of the statements common
 * around imports in notebooks (imports, assignments and calls of plain
 * expressions, `if`, `try`, `with`, `for`, `while`, `def` and `class`
 * blocks). It answers only code that `@lezer/python` parses without a
 * syntax error, where every `import` keyword is an import statement read
 * the same way: then the names it gives are those the parser's tree gives.
 * `null` when the code holds anything it does not read with certainty (a
 * syntax error or a construct it does not read, a backslash continuation,
 * tabs, carriage returns, non-ASCII names, f-strings with replacement
 * fields, `match`, `print` statements, ...) and when it reads `maxLength`
 * characters or more: then the caller parses it. Linear in the code.
 *
 * It may stop early, at the first end of a line (outside brackets) at or
 * after `end`: all of the code's import statements must come before `end`.
 * What it read is then complete statements without a syntax error, whose
 * trees are the same in the whole code, whatever follows.
 *
 * @param code - a cell's Python code (`ipythonToPython`'s `code`).
 * @param end - where the last line holding an import statement ends, or
 *   the code's length.
 * @param maxLength - the length from which code is left to the parser:
 *   by default `PARSER_CUTOFF`, where the parser's trees may differ.
 * @returns the top-level module name of each module imported, in order
 *   (`import a.b as c, d` names `a` and `d`, `from a.b import c` names
 *   `a`, a relative import none), standard library included; or `null`.
 */
export function scanImports(
  code: string,
  end = code.length,
  maxLength = PARSER_CUTOFF
): string[] | null {
  if (code.includes('\r')) {
    return null;
  }
  try {
    const tokens = new Private.Tokenizer(code, end, maxLength).run();
    return new Private.Reader(tokens).read();
  } catch (error) {
    if (error instanceof Private.Unsure) {
      return null;
    }
    throw error;
  }
}

/**
 * Module internals.
 */
namespace Private {
  /**
   * Token kinds.
   */
  export enum T {
    Name,
    Keyword,
    Number,
    String,
    Op,
    Newline,
    Indent,
    Dedent,
    End
  }

  /**
   * The tokens of some code: parallel arrays (texts of names, keywords and
   * operators; empty for the others).
   */
  export interface ITokens {
    kinds: T[];
    texts: string[];
  }

  /**
   * Thrown when the scan is not sure.
   */
  export class Unsure extends Error {}

  /**
   * Python's keywords (the parser never reads them as names).
   */
  const KEYWORDS = new Set(
    (
      'False None True and as assert async await break class continue def ' +
      'del elif else except finally for from global if import in is ' +
      'lambda nonlocal not or pass raise return try while with yield'
    ).split(' ')
  );

  /**
   * Python's operators, so that the longest one at a position is read;
   * the reader refuses those it does not read.
   */
  const OPERATORS = new Set(
    (
      '**= //= >>= <<= ... ** // >> << <= >= == != -> := += -= *= /= %= ' +
      '&= |= ^= @= + - * / % @ & | ^ ~ < > ( ) [ ] { } , : . ; ='
    ).split(' ')
  );

  /**
   * The opening bracket of each closing one.
   */
  const OPENING: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

  /**
   * String prefixes, lower-cased, that the parser reads as such.
   */
  const PREFIXES = new Set(['', 'u', 'b', 'r', 'rb', 'br', 'f', 'rf', 'fr']);

  function isNameStart(c: number): boolean {
    return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
  }

  function isNameChar(c: number): boolean {
    return isNameStart(c) || (c >= 48 && c <= 57);
  }

  function isDigit(c: number): boolean {
    return c >= 48 && c <= 57;
  }

  function unsure(): never {
    throw new Unsure();
  }

  /**
   * Python's tokenizer, for the code the scan reads: indentation of spaces
   * only, no backslash continuations.
   */
  export class Tokenizer {
    /**
     * @param code - the code.
     * @param end - where to stop: at the first end of a logical line from
     *   there on (the newline just before it included).
     * @param maxLength - how far the tokens may go before the scan gives up.
     */
    constructor(code: string, end: number, maxLength: number) {
      this._code = code;
      this._end = end;
      this._maxLength = maxLength;
    }

    run(): ITokens {
      const code = this._code;
      const { kinds } = this._tokens;
      const indents = [0];
      let pos = 0;
      let lineStart = true;
      while (pos < code.length && !(lineStart && pos >= this._end)) {
        if (pos >= this._maxLength) {
          unsure();
        }
        if (lineStart && this._brackets.length === 0) {
          let j = pos;
          while (code.charCodeAt(j) === 32) {
            j++;
          }
          if (j >= code.length) {
            break;
          }
          const c = code.charCodeAt(j);
          if (c === 10) {
            pos = j + 1;
            continue;
          }
          if (c === 35) {
            pos = this._skipComment(j);
            continue;
          }
          const indent = j - pos;
          if (indent > indents[indents.length - 1]) {
            if (kinds.length === 0) {
              // An indented first line.
              unsure();
            }
            indents.push(indent);
            this._push(T.Indent, '');
          }
          while (indent < indents[indents.length - 1]) {
            indents.pop();
            this._push(T.Dedent, '');
          }
          if (indent !== indents[indents.length - 1]) {
            unsure();
          }
          pos = j;
          lineStart = false;
        }
        const c = code.charCodeAt(pos);
        if (c === 32) {
          pos++;
        } else if (c === 10) {
          if (this._brackets.length === 0) {
            this._push(T.Newline, '');
            lineStart = true;
          }
          pos++;
        } else if (c === 35) {
          pos = this._skipComment(pos);
        } else {
          pos = this._token(pos);
        }
      }
      if (this._brackets.length > 0 || pos >= this._maxLength) {
        unsure();
      }
      if (kinds.length > 0 && kinds[kinds.length - 1] !== T.Newline) {
        this._push(T.Newline, '');
      }
      for (let i = 1; i < indents.length; i++) {
        this._push(T.Dedent, '');
      }
      this._push(T.End, '');
      return this._tokens;
    }

    /**
     * One token at `pos` (not a space, newline or comment); where it ends.
     */
    private _token(pos: number): number {
      const code = this._code;
      const c = code.charCodeAt(pos);
      if (isNameStart(c)) {
        let end = pos + 1;
        while (isNameChar(code.charCodeAt(end))) {
          end++;
        }
        const next = code.charCodeAt(end);
        if (next === 34 || next === 39) {
          return this._string(pos, end);
        }
        if (next >= 128) {
          unsure();
        }
        const text = code.slice(pos, end);
        this._push(KEYWORDS.has(text) ? T.Keyword : T.Name, text);
        return end;
      }
      if (isDigit(c)) {
        return this._number(pos);
      }
      if (c === 34 || c === 39) {
        return this._string(pos, pos);
      }
      let op = '';
      for (let length = 3; length > 0 && op === ''; length--) {
        const text = code.slice(pos, pos + length);
        op = OPERATORS.has(text) ? text : '';
      }
      if (op === '') {
        // `\`, `!`, `$`, `?`, a backtick, a tab, non-ASCII...
        unsure();
      }
      if (op === '(' || op === '[' || op === '{') {
        this._brackets.push(op);
      } else if (op === ')' || op === ']' || op === '}') {
        if (this._brackets.pop() !== OPENING[op]) {
          unsure();
        }
      }
      this._push(T.Op, op);
      return pos + op.length;
    }

    /**
     * Digits, with a fraction or not; anything else (`1.`, `1e5`, `0x1f`,
     * `1_000`, `1j`, `1if`) is not sure.
     */
    private _number(pos: number): number {
      const code = this._code;
      let end = pos;
      while (isDigit(code.charCodeAt(end))) {
        end++;
      }
      if (code.charCodeAt(end) === 46 && isDigit(code.charCodeAt(end + 1))) {
        end++;
        while (isDigit(code.charCodeAt(end))) {
          end++;
        }
      }
      const next = code.charCodeAt(end);
      if (isNameChar(next) || next === 46 || next >= 128) {
        unsure();
      }
      this._push(T.Number, '');
      return end;
    }

    /**
     * A string from its prefix at `start` and its quote at `quote`; an
     * f-string only without replacement fields.
     */
    private _string(start: number, quote: number): number {
      const code = this._code;
      const prefix = code.slice(start, quote).toLowerCase();
      if (!PREFIXES.has(prefix)) {
        unsure();
      }
      const q = code[quote];
      const long = code.startsWith(q + q + q, quote);
      const delimiter = long ? q + q + q : q;
      const raw = prefix.includes('r');
      const format = prefix.includes('f');
      let i = quote + delimiter.length;
      for (;;) {
        const c = code.charCodeAt(i);
        if (i >= code.length) {
          unsure();
        } else if (c === 92) {
          const next = code.charCodeAt(i + 1);
          // A continued line, `\N{...}` and escapes in f-strings are read
          // otherwise by the parser and by Python.
          if (next === 10 || (next === 78 && !raw) || format) {
            unsure();
          }
          i += 2;
        } else if (c === 10 && !long) {
          unsure();
        } else if (code.startsWith(delimiter, i)) {
          i += delimiter.length;
          break;
        } else if (format && (c === 123 || c === 125)) {
          unsure();
        } else {
          i++;
        }
      }
      this._push(T.String, '');
      return i;
    }

    private _skipComment(pos: number): number {
      const end = this._code.indexOf('\n', pos);
      return end < 0 ? this._code.length : end;
    }

    private _push(kind: T, text: string): void {
      this._tokens.kinds.push(kind);
      this._tokens.texts.push(text);
    }

    private _code: string;
    private _end: number;
    private _maxLength: number;
    private _tokens: ITokens = { kinds: [], texts: [] };
    private _brackets: string[] = [];
  }

  /**
   * How deep blocks and expressions nest before the scan gives up (the
   * reader recurses).
   */
  const MAX_DEPTH = 100;

  /**
   * Binary and comparison operators.
   */
  const BINARY = new Set(
    '+ - * / // % @ ** | & ^ << >> < > <= >= == !='.split(' ')
  );

  /**
   * Augmented assignments.
   */
  const UPDATE = new Set(
    '+= -= *= /= //= %= @= &= |= ^= >>= <<= **='.split(' ')
  );

  /**
   * Soft keywords, whose statements (`match`, `case`, `type X = ...`) the
   * reader does not read.
   */
  const SOFT_KEYWORDS = new Set(['match', 'case', 'type']);

  /**
   * A recursive-descent reader of the statements it knows, collecting the
   * modules of import statements.
   */
  export class Reader {
    constructor(tokens: ITokens) {
      this._kinds = tokens.kinds;
      this._texts = tokens.texts;
    }

    /**
     * The modules imported; throws {@link Unsure}.
     */
    read(): string[] {
      while (this._kinds[this._p] !== T.End) {
        this._statement();
      }
      return this._modules;
    }

    // Statements.

    private _statement(): void {
      if (this._kinds[this._p] !== T.Keyword) {
        this._simpleLine();
        return;
      }
      switch (this._texts[this._p]) {
        case 'while':
          this._p++;
          this._test();
          this._body();
          this._else();
          return;
        case 'if':
          this._p++;
          this._test();
          this._body();
          while (this._isKeyword('elif')) {
            this._p++;
            this._test();
            this._body();
          }
          this._else();
          return;
        case 'for':
          this._p++;
          do {
            this._primary();
          } while (this._comma() && !this._isKeyword('in'));
          this._expectKeyword('in');
          this._tests();
          this._body();
          this._else();
          return;
        case 'try':
          this._try();
          return;
        case 'with':
          this._p++;
          do {
            this._test();
            this._as();
          } while (this._comma());
          this._body();
          return;
        case 'def':
          this._def();
          return;
        case 'class':
          this._p++;
          this._name();
          if (this._isOp('(')) {
            this._arguments();
          }
          this._body();
          return;
        default:
          this._simpleLine();
      }
    }

    private _else(): void {
      if (this._isKeyword('else')) {
        this._p++;
        this._body();
      }
    }

    private _try(): void {
      this._p++;
      this._body();
      while (this._isKeyword('except')) {
        this._p++;
        if (!this._isOp(':')) {
          this._test();
          this._as();
        }
        this._body();
      }
      this._else();
      if (this._isKeyword('finally')) {
        this._p++;
        this._body();
      }
    }

    private _as(): void {
      if (this._isKeyword('as')) {
        this._p++;
        this._name();
      }
    }

    private _def(): void {
      this._p++;
      this._name();
      this._expectOp('(');
      while (!this._isOp(')')) {
        if (this._isOp('/')) {
          this._p++;
        } else if (this._isOp('*')) {
          this._p++;
          if (this._kinds[this._p] === T.Name) {
            this._p++;
          }
        } else if (this._isOp('**')) {
          this._p++;
          this._name();
        } else {
          this._name();
          if (this._isOp('=')) {
            this._p++;
            this._test();
          }
        }
        if (!this._comma()) {
          break;
        }
      }
      this._expectOp(')');
      this._body();
    }

    /**
     * `: statements`, on the line or indented below.
     */
    private _body(): void {
      this._expectOp(':');
      if (this._kinds[this._p] !== T.Newline) {
        this._simpleLine();
        return;
      }
      this._p++;
      this._expect(T.Indent);
      this._enter();
      while (this._kinds[this._p] !== T.Dedent) {
        this._statement();
      }
      this._depth--;
      this._p++;
    }

    /**
     * Small statements separated by `;`, to the end of the line.
     */
    private _simpleLine(): void {
      this._small();
      while (this._isOp(';')) {
        this._p++;
        if (this._kinds[this._p] === T.Newline) {
          break;
        }
        this._small();
      }
      this._expect(T.Newline);
    }

    private _small(): void {
      const kind = this._kinds[this._p];
      const text = this._texts[this._p];
      if (kind === T.Name) {
        const next = this._texts[this._p + 1];
        if (
          SOFT_KEYWORDS.has(text) ||
          (text === 'print' && next !== '(' && next !== '.')
        ) {
          // A soft keyword's statement, or a Python 2 print.
          unsure();
        }
      }
      if (kind !== T.Keyword) {
        this._expressionStatement();
        return;
      }
      switch (text) {
        case 'import':
          this._import();
          return;
        case 'from':
          this._from();
          return;
        case 'pass':
        case 'break':
        case 'continue':
          this._p++;
          return;
        case 'return':
          this._p++;
          if (this._startsTest()) {
            this._tests();
          }
          return;
        case 'raise':
          this._p++;
          if (this._startsTest()) {
            this._test();
            if (this._isKeyword('from')) {
              this._p++;
              this._test();
            }
          }
          return;
        case 'del':
          this._p++;
          do {
            this._primary();
          } while (this._comma());
          return;
        case 'global':
        case 'nonlocal':
          this._p++;
          do {
            this._name();
          } while (this._comma());
          return;
        case 'assert':
          this._p++;
          this._test();
          if (this._comma()) {
            this._test();
          }
          return;
        case 'not':
        case 'None':
        case 'True':
        case 'False':
          this._expressionStatement();
          return;
        default:
          unsure();
      }
    }

    /**
     * `import a.b as c, d`: the first name of each module.
     */
    private _import(): void {
      this._p++;
      do {
        this._modules.push(this._dotted());
        this._as();
      } while (this._comma());
    }

    /**
     * `from a.b import c as d, e`, `from . import (f, g,)`: the module's
     * first name, none when relative.
     */
    private _from(): void {
      this._p++;
      let relative = false;
      while (this._isOp('.') || this._isOp('...')) {
        relative = true;
        this._p++;
      }
      if (!relative) {
        this._modules.push(this._dotted());
      } else if (!this._isKeyword('import')) {
        this._dotted();
      }
      this._expectKeyword('import');
      if (this._isOp('*')) {
        this._p++;
        return;
      }
      const parenthesized = this._isOp('(');
      if (parenthesized) {
        this._p++;
      }
      do {
        this._name();
        this._as();
      } while (this._comma() && !this._isOp(')'));
      if (parenthesized) {
        this._expectOp(')');
      }
    }

    /**
     * A dotted module name; its first part.
     */
    private _dotted(): string {
      const first = this._name();
      while (this._isOp('.')) {
        this._p++;
        this._name();
      }
      return first;
    }

    /**
     * Expressions, then `= expressions` as often as there, or an augmented
     * assignment.
     */
    private _expressionStatement(): void {
      this._tests();
      if (this._isOp('=')) {
        while (this._isOp('=')) {
          this._p++;
          this._tests();
        }
      } else if (
        this._kinds[this._p] === T.Op &&
        UPDATE.has(this._texts[this._p])
      ) {
        this._p++;
        this._tests();
      }
    }

    // Expressions.

    /**
     * Tests separated by commas, a trailing comma allowed.
     */
    private _tests(): void {
      do {
        this._test();
      } while (this._comma() && this._startsTest());
    }

    /**
     * Whether the next token starts a test.
     */
    private _startsTest(): boolean {
      const kind = this._kinds[this._p];
      const text = this._texts[this._p];
      switch (kind) {
        case T.Name:
        case T.Number:
        case T.String:
          return true;
        case T.Keyword:
          return (
            text === 'not' ||
            text === 'None' ||
            text === 'True' ||
            text === 'False'
          );
        case T.Op:
          return '([{-+~'.includes(text) && text.length === 1;
        default:
          return false;
      }
    }

    /**
     * `not`, `and`, `or` over comparisons and arithmetic; no conditional
     * expression, lambda or `:=`.
     */
    private _test(): void {
      this._enter();
      this._notTest();
      while (this._isKeyword('and') || this._isKeyword('or')) {
        this._p++;
        this._notTest();
      }
      this._depth--;
    }

    private _notTest(): void {
      if (this._isKeyword('not')) {
        this._p++;
        this._enter();
        this._notTest();
        this._depth--;
        return;
      }
      this._operand();
      for (;;) {
        const kind = this._kinds[this._p];
        const text = this._texts[this._p];
        if (kind === T.Op && BINARY.has(text)) {
          this._p++;
        } else if (this._isKeyword('in')) {
          this._p++;
        } else if (
          this._isKeyword('not') &&
          this._texts[this._p + 1] === 'in'
        ) {
          this._p += 2;
        } else if (this._isKeyword('is')) {
          this._p++;
          if (this._isKeyword('not')) {
            this._p++;
          }
        } else {
          return;
        }
        this._operand();
      }
    }

    /**
     * A primary after unary `-`, `+`, `~`.
     */
    private _operand(): void {
      while (this._isOp('-') || this._isOp('+') || this._isOp('~')) {
        this._p++;
      }
      this._primary();
    }

    /**
     * An atom with attributes, calls and subscripts.
     */
    private _primary(): void {
      this._atom();
      for (;;) {
        if (this._isOp('.')) {
          this._p++;
          this._name();
        } else if (this._isOp('(')) {
          this._arguments();
        } else if (this._isOp('[')) {
          this._p++;
          this._tests();
          this._expectOp(']');
        } else {
          return;
        }
      }
    }

    private _atom(): void {
      const kind = this._kinds[this._p];
      if (kind === T.Name || kind === T.Number) {
        this._p++;
        return;
      }
      if (kind === T.String) {
        while (this._kinds[this._p] === T.String) {
          this._p++;
        }
        return;
      }
      if (
        this._isKeyword('None') ||
        this._isKeyword('True') ||
        this._isKeyword('False')
      ) {
        this._p++;
        return;
      }
      if (this._isOp('(') || this._isOp('[')) {
        const close = this._isOp('(') ? ')' : ']';
        this._p++;
        if (!this._isOp(close)) {
          this._tests();
        }
        this._expectOp(close);
        return;
      }
      if (this._isOp('{')) {
        this._p++;
        this._braces();
        return;
      }
      unsure();
    }

    /**
     * A dictionary or set display after its `{`.
     */
    private _braces(): void {
      if (this._isOp('}')) {
        this._p++;
        return;
      }
      let dictionary = this._isOp('**');
      if (dictionary) {
        this._p++;
        this._operand();
      } else {
        this._test();
        dictionary = this._isOp(':');
        if (dictionary) {
          this._p++;
          this._test();
        }
      }
      while (this._comma() && !this._isOp('}')) {
        if (dictionary && this._isOp('**')) {
          this._p++;
          this._operand();
        } else {
          this._test();
          if (dictionary) {
            this._expectOp(':');
            this._test();
          }
        }
      }
      this._expectOp('}');
    }

    /**
     * A call's arguments, from its `(`.
     */
    private _arguments(): void {
      this._p++;
      while (!this._isOp(')')) {
        if (this._isOp('*') || this._isOp('**')) {
          this._p++;
        } else if (
          this._kinds[this._p] === T.Name &&
          this._texts[this._p + 1] === '=' &&
          this._kinds[this._p + 1] === T.Op
        ) {
          this._p += 2;
        }
        this._test();
        if (!this._comma()) {
          break;
        }
      }
      this._expectOp(')');
    }

    // Tokens.

    private _name(): string {
      if (this._kinds[this._p] !== T.Name) {
        unsure();
      }
      return this._texts[this._p++];
    }

    /**
     * Whether a comma is next; it is taken.
     */
    private _comma(): boolean {
      if (this._isOp(',')) {
        this._p++;
        return true;
      }
      return false;
    }

    private _isOp(text: string): boolean {
      return this._kinds[this._p] === T.Op && this._texts[this._p] === text;
    }

    private _isKeyword(text: string): boolean {
      return (
        this._kinds[this._p] === T.Keyword && this._texts[this._p] === text
      );
    }

    private _expectOp(text: string): void {
      if (!this._isOp(text)) {
        unsure();
      }
      this._p++;
    }

    private _expectKeyword(text: string): void {
      if (!this._isKeyword(text)) {
        unsure();
      }
      this._p++;
    }

    private _expect(kind: T): void {
      if (this._kinds[this._p] !== kind) {
        unsure();
      }
      this._p++;
    }

    /**
     * One level deeper (a block or an expression), within bounds.
     */
    private _enter(): void {
      if (++this._depth > MAX_DEPTH) {
        unsure();
      }
    }

    private readonly _kinds: T[];
    private readonly _texts: string[];
    private readonly _modules: string[] = [];
    private _p = 0;
    private _depth = 0;
  }
}
