// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.

import {
  ICellNames,
  INameScope,
  NameScopes,
  readMagics,
  ScopeKind,
  ScopesTooDeep
} from './nameScopes';

/**
 * The names one code cell defines and reads, found without the Python
 * parser: a tokenizer and a reader of the statements and expressions
 * common in notebooks, feeding the same scoping rules as the walk of the
 * syntax tree (`findNames`), in the same order, so that the result is
 * the one that walk gives. `null` when the code holds anything it does
 * not read with certainty (a syntax error, a construct or token it does
 * not handle, a backslash continuation, tabs in indentation, non-ASCII
 * names, `match` statements, ...), and for code of `maxLength` characters
 * or more: then the caller parses the cell. Linear in the code.
 *
 * @param code - the cell's Python code (`ipythonToPython`'s `code`).
 * @param source - the cell's source, for the IPython lines that define
 *   names (`x = !ls`, `%%capture out`, `%run`).
 * @param maxLength - the length from which code is left to the parser:
 *   by default {@link PARSER_CUTOFF}, where the parser's trees may differ.
 */
export function scanNames(
  code: string,
  source: string,
  maxLength = PARSER_CUTOFF
): ICellNames | null {
  return new NameScanner().scan(code, source, maxLength);
}

/**
 * {@link scanNames} for many cells in turn (those of a notebook): the
 * arrays of tokens are kept from one cell to the next rather than made
 * for each. One scanner reads one cell at a time.
 */
export class NameScanner {
  /**
   * {@link scanNames} of one cell.
   *
   * @param code - the cell's Python code (`ipythonToPython`'s `code`).
   * @param source - the cell's source.
   * @param maxLength - the length from which code is left to the parser.
   */
  scan(
    code: string,
    source: string,
    maxLength = PARSER_CUTOFF
  ): ICellNames | null {
    return code.length >= maxLength
      ? null
      : Private.scan(code, source, this._tokens, this._events);
  }

  // Room for the tokens of most cells (they grow for more).
  private _tokens: Private.ITokens = Private.tokenArrays(1024);
  // The same for the events the reader finds.
  private _events = new Private.Events();
}

/**
 * The length of code from which the fast scan leaves a cell to the parser.
 * In code this long, `@lezer/python` may cut a construct short (on a long
 * run of reductions from one position, 300 of 2,000 characters or more,
 * it forces them to end: a long chain of calls, some long runs of
 * comments) and read the rest otherwise than Python does; the fast scan
 * would then give other names than the parser. Shorter code never meets
 * that cut, and most cells are far shorter.
 */
export const PARSER_CUTOFF = 2_000;

/**
 * Module internals.
 */
namespace Private {
  /**
   * {@link scanNames} of code shorter than the cutoff, with the token
   * arrays to fill (grown in place when too short).
   */
  export function scan(
    code: string,
    source: string,
    arrays: ITokens,
    events: Events
  ): ICellNames | null {
    const tokens = tokenize(code, arrays);
    if (tokens === null) {
      return null;
    }
    try {
      if (!new Reader(tokens, events, code).read()) {
        return null;
      }
      const scopes = new NameScopes(code.length);
      readMagics(source, scopes);
      replay(events, scopes);
      return scopes.result();
    } catch (error) {
      if (error instanceof ScopesTooDeep) {
        return null;
      }
      throw error;
    } finally {
      events.clear();
    }
  }

  /**
   * Token kinds; each operator and each keyword is a kind of its own, so
   * that the reader tells them by one number.
   */
  export const enum T {
    Name,
    Number,
    String,
    Newline,
    Indent,
    Dedent,
    End,
    /**
     * An f-string's start and end; in between, replacement fields.
     */
    FStart,
    FEnd,
    /**
     * A replacement field's `{` and `}`; `=` (self-documenting), `!r`
     * (conversion) and `:` (start of the format spec) inside it.
     */
    RStart,
    REnd,
    SelfDoc,
    Conversion,
    Spec,
    /**
     * Past the end: what the arrays hold after it (no token).
     */
    Past,
    // Operators.
    LParen,
    RParen,
    LBracket,
    RBracket,
    LBrace,
    RBrace,
    Comma,
    Semicolon,
    Tilde,
    Ellipsis,
    Dot,
    Equal,
    Assign,
    Walrus,
    Colon,
    NotEqual,
    Arrow,
    Minus,
    Plus,
    Percent,
    Ampersand,
    Pipe,
    Caret,
    At,
    Star,
    Power,
    Slash,
    FloorDivide,
    Greater,
    RightShift,
    GreaterEqual,
    Less,
    LeftShift,
    LessEqual,
    MinusAssign,
    PlusAssign,
    PercentAssign,
    AmpersandAssign,
    PipeAssign,
    CaretAssign,
    AtAssign,
    StarAssign,
    PowerAssign,
    SlashAssign,
    FloorDivideAssign,
    RightShiftAssign,
    LeftShiftAssign,
    // Keywords.
    False,
    None,
    True,
    And,
    As,
    Assert,
    Async,
    Await,
    Break,
    Class,
    Continue,
    Def,
    Del,
    Elif,
    Else,
    Except,
    Finally,
    For,
    From,
    Global,
    If,
    Import,
    In,
    Is,
    Lambda,
    Nonlocal,
    Not,
    Or,
    Pass,
    Raise,
    Return,
    Try,
    While,
    With,
    Yield
  }

  /**
   * The operators, by kind, and their lengths.
   */
  const OPERATORS: readonly [T, string][] = [
    [T.LParen, '('],
    [T.RParen, ')'],
    [T.LBracket, '['],
    [T.RBracket, ']'],
    [T.LBrace, '{'],
    [T.RBrace, '}'],
    [T.Comma, ','],
    [T.Semicolon, ';'],
    [T.Tilde, '~'],
    [T.Ellipsis, '...'],
    [T.Dot, '.'],
    [T.Equal, '=='],
    [T.Assign, '='],
    [T.Walrus, ':='],
    [T.Colon, ':'],
    [T.NotEqual, '!='],
    [T.Arrow, '->'],
    [T.Minus, '-'],
    [T.Plus, '+'],
    [T.Percent, '%'],
    [T.Ampersand, '&'],
    [T.Pipe, '|'],
    [T.Caret, '^'],
    [T.At, '@'],
    [T.Star, '*'],
    [T.Power, '**'],
    [T.Slash, '/'],
    [T.FloorDivide, '//'],
    [T.Greater, '>'],
    [T.RightShift, '>>'],
    [T.GreaterEqual, '>='],
    [T.Less, '<'],
    [T.LeftShift, '<<'],
    [T.LessEqual, '<='],
    [T.MinusAssign, '-='],
    [T.PlusAssign, '+='],
    [T.PercentAssign, '%='],
    [T.AmpersandAssign, '&='],
    [T.PipeAssign, '|='],
    [T.CaretAssign, '^='],
    [T.AtAssign, '@='],
    [T.StarAssign, '*='],
    [T.PowerAssign, '**='],
    [T.SlashAssign, '/='],
    [T.FloorDivideAssign, '//='],
    [T.RightShiftAssign, '>>='],
    [T.LeftShiftAssign, '<<=']
  ];

  /**
   * Each kind's length as an operator (`0` for the other kinds).
   */
  const OPERATOR_LENGTH = new Uint8Array(T.Yield + 1);
  for (const [kind, text] of OPERATORS) {
    OPERATOR_LENGTH[kind] = text.length;
  }

  /**
   * Sets of kinds the reader asks about, as bits of {@link KIND_SETS}.
   */
  const enum K {
    /**
     * Comparison operators.
     */
    Compare = 1,
    /**
     * Binary operators of expressions.
     */
    Binary = 2,
    /**
     * Augmented assignments.
     */
    Update = 4,
    /**
     * Operators that end a test: none continues an expression before them.
     */
    TestEnd = 8,
    /**
     * Operators after a comma that end the items before it (a trailing
     * comma).
     */
    AfterLastItem = 16,
    /**
     * Tokens after which a soft keyword (`match`, `case`, `type`) is a
     * plain name.
     */
    AfterSoftName = 32
  }

  /**
   * The sets each kind is in, a bit a set.
   */
  const KIND_SETS = new Uint8Array(T.Yield + 1);
  const inSet = (set: K, kinds: T[]): void => {
    for (const kind of kinds) {
      KIND_SETS[kind] |= set;
    }
  };
  inSet(K.Compare, [
    T.Less,
    T.Greater,
    T.Equal,
    T.GreaterEqual,
    T.LessEqual,
    T.NotEqual
  ]);
  inSet(K.Binary, [
    T.Pipe,
    T.Caret,
    T.Ampersand,
    T.LeftShift,
    T.RightShift,
    T.Plus,
    T.Minus,
    T.Star,
    T.At,
    T.Slash,
    T.Percent,
    T.FloorDivide,
    T.Power
  ]);
  const UPDATES = [
    T.PlusAssign,
    T.MinusAssign,
    T.StarAssign,
    T.SlashAssign,
    T.FloorDivideAssign,
    T.PercentAssign,
    T.AtAssign,
    T.AmpersandAssign,
    T.PipeAssign,
    T.CaretAssign,
    T.RightShiftAssign,
    T.LeftShiftAssign,
    T.PowerAssign
  ];
  inSet(K.Update, UPDATES);
  inSet(K.TestEnd, [
    T.Comma,
    T.RParen,
    T.RBracket,
    T.RBrace,
    T.Colon,
    T.Assign,
    T.Semicolon
  ]);
  inSet(K.AfterLastItem, [T.RParen, T.RBracket, T.RBrace, T.Assign, T.Colon]);
  inSet(K.AfterSoftName, [
    T.Assign,
    T.Dot,
    T.LParen,
    T.LBracket,
    T.Comma,
    T.Semicolon,
    ...UPDATES
  ]);

  /**
   * Whether the kind is in the set.
   */
  function isIn(kind: T, set: K): boolean {
    return (KIND_SETS[kind] & set) !== 0;
  }

  /**
   * The tokens of a cell: parallel arrays, perhaps longer than the tokens
   * (kept for the next cell). Newlines, indents, dedents and the end carry
   * the end of the token before them as both positions. After the end,
   * `T.Past`. A name's text is cut from the code when the reader needs it.
   */
  export interface ITokens {
    kinds: Uint8Array;
    starts: Int32Array;
    ends: Int32Array;
  }

  /**
   * Empty token arrays with room for `size` tokens.
   */
  export function tokenArrays(size: number): ITokens {
    return new TokenArrays(size);
  }

  /**
   * The token arrays' one shape, made by a constructor rather than an
   * object literal: V8 keeps each field typed as the typed array it
   * holds, where a second copy of a literal would loosen the types and
   * throw away the optimized code that counted on them.
   */
  class TokenArrays implements ITokens {
    constructor(size: number) {
      this.kinds = new Uint8Array(0);
      this.starts = new Int32Array(0);
      this.ends = new Int32Array(0);
      // Grown from empty: the fields are written again from the start, so
      // V8 does not take them for constants, and a later growth (a long
      // cell) throws away no optimized code that counted on them.
      growTokens(this, size);
    }

    kinds: Uint8Array;
    starts: Int32Array;
    ends: Int32Array;
  }

  /**
   * Room for `size` tokens, the tokens so far kept, in the same object.
   */
  function growTokens(arrays: ITokens, size: number): void {
    arrays.kinds = doubled(arrays.kinds, new Uint8Array(size));
    arrays.starts = doubled(arrays.starts, new Int32Array(size));
    arrays.ends = doubled(arrays.ends, new Int32Array(size));
  }

  /**
   * Python's keywords (the parser never reads them as names).
   */
  const KEYWORDS: readonly [T, string][] = [
    [T.False, 'False'],
    [T.None, 'None'],
    [T.True, 'True'],
    [T.And, 'and'],
    [T.As, 'as'],
    [T.Assert, 'assert'],
    [T.Async, 'async'],
    [T.Await, 'await'],
    [T.Break, 'break'],
    [T.Class, 'class'],
    [T.Continue, 'continue'],
    [T.Def, 'def'],
    [T.Del, 'del'],
    [T.Elif, 'elif'],
    [T.Else, 'else'],
    [T.Except, 'except'],
    [T.Finally, 'finally'],
    [T.For, 'for'],
    [T.From, 'from'],
    [T.Global, 'global'],
    [T.If, 'if'],
    [T.Import, 'import'],
    [T.In, 'in'],
    [T.Is, 'is'],
    [T.Lambda, 'lambda'],
    [T.Nonlocal, 'nonlocal'],
    [T.Not, 'not'],
    [T.Or, 'or'],
    [T.Pass, 'pass'],
    [T.Raise, 'raise'],
    [T.Return, 'return'],
    [T.Try, 'try'],
    [T.While, 'while'],
    [T.With, 'with'],
    [T.Yield, 'yield']
  ];

  /**
   * The longest keyword's length.
   */
  const MAX_KEYWORD = 8;

  /**
   * The keywords by first character and length (at `c * 9 + length`): a
   * name is compared with the few of its slot, and most names have none,
   * with no string made or hashed to find it. Their kinds at the same
   * places.
   */
  const KEYWORD_SLOTS: (string[] | undefined)[] = [];
  const KEYWORD_KINDS: T[][] = [];
  for (const [kind, keyword] of KEYWORDS) {
    const slot = keyword.charCodeAt(0) * (MAX_KEYWORD + 1) + keyword.length;
    (KEYWORD_SLOTS[slot] ??= []).push(keyword);
    (KEYWORD_KINDS[slot] ??= []).push(kind);
  }

  /**
   * The kind of the keyword spelled from `pos` to `end` (a name's
   * characters), or `T.Name`.
   */
  function keywordAt(code: string, pos: number, end: number): T {
    const length = end - pos;
    if (length > MAX_KEYWORD) {
      return T.Name;
    }
    const at = code.charCodeAt(pos) * (MAX_KEYWORD + 1) + length;
    const slot = KEYWORD_SLOTS[at];
    if (slot !== undefined) {
      // An index, not an iterator: this runs for every name.
      for (let i = 0; i < slot.length; i++) {
        if (code.startsWith(slot[i], pos)) {
          return KEYWORD_KINDS[at][i];
        }
      }
    }
    return T.Name;
  }

  /**
   * How deep f-strings nest in replacement fields before the scan gives up.
   */
  const MAX_FSTRING_DEPTH = 3;

  /**
   * Thrown when the scan is not sure.
   */
  class Unsure extends Error {}

  function isNameStart(c: number): boolean {
    return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
  }

  /**
   * `into` (more room) holding `from`'s values: the token and event
   * arrays grow by doubling, so a cell costs time linear in its length.
   */
  function doubled<T extends Uint8Array | Int32Array>(from: T, into: T): T {
    into.set(from);
    return into;
  }

  function isNameChar(c: number): boolean {
    return isNameStart(c) || (c >= 48 && c <= 57);
  }

  /**
   * `1` for the ASCII characters of names (letters, digits, `_`).
   */
  const NAME_CHARS = Uint8Array.from({ length: 128 }, (_, c) =>
    isNameChar(c) ? 1 : 0
  );

  function isDigit(c: number): boolean {
    return c >= 48 && c <= 57;
  }

  /**
   * The tokens of the code, or `null` when the scan is not sure of them.
   */
  export function tokenize(code: string, arrays: ITokens): ITokens | null {
    try {
      return new Tokenizer(code, arrays).run();
    } catch (error) {
      if (error instanceof Unsure) {
        return null;
      }
      throw error;
    }
  }

  /**
   * Python's tokenizer, for the code the scan reads.
   */
  class Tokenizer {
    constructor(code: string, arrays: ITokens) {
      // The tokenizer looks a character past a token; code that does not
      // end a line (most cells) is read with a newline there, which yields
      // the same tokens, so that it never reads past the end: optimized
      // code that does is thrown away and compiled again.
      this._code = code.endsWith('\n') ? code : code + '\n';
      this._arrays = arrays;
    }

    run(): ITokens {
      const code = this._code;
      const indents = [0];
      let pos = 0;
      let lineStart = true;
      while (pos < code.length) {
        if (lineStart && this._brackets.length === 0) {
          let j = pos;
          while (code.charCodeAt(j) === 32) {
            j++;
          }
          const c = code.charCodeAt(j);
          if (j >= code.length) {
            pos = j;
            break;
          }
          if (c === 10) {
            pos = j + 1;
            continue;
          }
          if (c === 35) {
            pos = this._skipComment(j);
            continue;
          }
          const indent = j - pos;
          if (c === 9 || c === 12 || c === 13) {
            this._unsure();
          }
          if (indent > indents[indents.length - 1]) {
            if (this._count === 0) {
              // Python refuses an indented first line.
              this._unsure();
            }
            indents.push(indent);
            this._mark(T.Indent);
          }
          while (indent < indents[indents.length - 1]) {
            indents.pop();
            this._mark(T.Dedent);
          }
          if (indent !== indents[indents.length - 1]) {
            this._unsure();
          }
          pos = j;
          lineStart = false;
        }
        const c = code.charCodeAt(pos);
        if (c === 32 || c === 9) {
          pos++;
        } else if (c === 10) {
          if (this._brackets.length === 0) {
            this._mark(T.Newline);
            lineStart = true;
          }
          pos++;
        } else if (c === 35) {
          pos = this._skipComment(pos);
        } else {
          pos = this._token(pos, null);
        }
      }
      if (this._brackets.length > 0) {
        this._unsure();
      }
      if (
        this._count > 0 &&
        this._arrays.kinds[this._count - 1] !== T.Newline
      ) {
        this._mark(T.Newline);
      }
      for (let i = 1; i < indents.length; i++) {
        this._mark(T.Dedent);
      }
      this._mark(T.End);
      // The reader looks one token ahead at most, the end's included.
      this._mark(T.Past);
      return this._arrays;
    }

    /**
     * One token at `pos` (not a space, newline or comment); where it ends.
     * In a replacement field, `field` holds its f-string's quote.
     */
    private _token(pos: number, field: IField | null): number {
      const code = this._code;
      const c = code.charCodeAt(pos);
      if (isNameStart(c)) {
        let end = pos + 1;
        // The loop every name goes through: a table, not calls.
        let next = code.charCodeAt(end);
        while (next < 128 && NAME_CHARS[next] === 1) {
          next = code.charCodeAt(++end);
        }
        if (next === 34 || next === 39) {
          return this._string(pos, end, field);
        }
        if (next >= 128) {
          this._unsure();
        }
        this._push(keywordAt(code, pos, end), pos, end);
        return end;
      }
      if (isDigit(c) || (c === 46 && isDigit(code.charCodeAt(pos + 1)))) {
        return this._number(pos);
      }
      if (c === 34 || c === 39) {
        return this._string(pos, pos, field);
      }
      const op = operatorAt(code, pos);
      if (op === T.Name) {
        // `\`, `!`, `$`, `?`, a backtick, `\r`, non-ASCII...
        this._unsure();
      }
      if (op === T.LParen || op === T.LBracket || op === T.LBrace) {
        this._brackets.push(op);
      } else if (op === T.RParen || op === T.RBracket || op === T.RBrace) {
        // Each closing kind follows its opening one, of the same field.
        if (
          this._brackets.length === (field?.brackets ?? 0) ||
          this._brackets.pop() !== op - 1
        ) {
          this._unsure();
        }
      }
      const end = pos + OPERATOR_LENGTH[op];
      this._push(op, pos, end);
      return end;
    }

    /**
     * A number as the parser reads it; anything glued to it is not sure
     * (`1.`, `1if`, `1e`, `0777`...).
     */
    private _number(pos: number): number {
      const code = this._code;
      const end = numberEnd(code, pos);
      const next = code.charCodeAt(end);
      if (
        end - pos >= MAX_NUMBER ||
        isNameChar(next) ||
        next === 46 ||
        next >= 128
      ) {
        this._unsure();
      }
      this._push(T.Number, pos, end);
      return end;
    }

    /**
     * A string from its prefix at `start` and its quote at `quote`;
     * f-strings with their replacement fields as tokens.
     */
    private _string(
      start: number,
      quote: number,
      field: IField | null
    ): number {
      const code = this._code;
      const prefix = stringPrefix(code, start, quote);
      if (prefix < 0) {
        this._unsure();
      }
      const raw = (prefix & RAW) !== 0;
      const format = (prefix & FORMAT) !== 0;
      const q = code.charCodeAt(quote);
      if (field !== null && q === field.quote) {
        // A quote of the f-string around it: Python 3.12 only.
        this._unsure();
      }
      const long =
        code.charCodeAt(quote + 1) === q && code.charCodeAt(quote + 2) === q;
      const delimiter = long ? 3 : 1;
      if (format) {
        this._push(T.FStart, start, quote + delimiter);
        if ((field?.depth ?? 0) >= MAX_FSTRING_DEPTH) {
          this._unsure();
        }
      }
      let i = quote + delimiter;
      for (;;) {
        const c = code.charCodeAt(i);
        if (i >= code.length) {
          this._unsure();
        } else if (c === 92) {
          const next = code.charCodeAt(i + 1);
          if (
            (next === 10 && !long) ||
            (format && !raw && (next === 123 || next === 125 || next === 78))
          ) {
            // A continued short string, `\{` or `\N{...}` in an f-string:
            // read differently by the parser and by Python.
            this._unsure();
          }
          i += 2;
        } else if (c === 10 && !long) {
          this._unsure();
        } else if (
          c === q &&
          (!long ||
            (code.charCodeAt(i + 1) === q && code.charCodeAt(i + 2) === q))
        ) {
          i += delimiter;
          break;
        } else if (format && c === 123) {
          if (code.charCodeAt(i + 1) === 123) {
            i += 2;
          } else {
            i = this._field(i, {
              quote: q,
              long,
              depth: (field?.depth ?? 0) + 1,
              brackets: this._brackets.length
            });
          }
        } else if (c === 10) {
          // A line of a long string.
          i++;
        } else {
          // Most characters of a string: passed in one loop, to the next
          // that may end it, a line or a replacement field (the code ends
          // with a newline, where it stops at the latest).
          let next = code.charCodeAt(++i);
          while (
            next !== q &&
            next !== 92 &&
            next !== 10 &&
            (next !== 123 || !format)
          ) {
            next = code.charCodeAt(++i);
          }
        }
      }
      if (format) {
        this._push(T.FEnd, i - delimiter, i);
      } else {
        this._push(T.String, start, i);
      }
      return i;
    }

    /**
     * A replacement field from its `{`; where it ends.
     */
    private _field(open: number, field: IField): number {
      const code = this._code;
      this._push(T.RStart, open, open + 1);
      let i = open + 1;
      let spec = false;
      for (;;) {
        const c = code.charCodeAt(i);
        if (i >= code.length) {
          this._unsure();
        }
        if (spec) {
          if (c === 123) {
            if (field.depth >= MAX_FSTRING_DEPTH) {
              this._unsure();
            }
            i = this._field(i, {
              quote: field.quote,
              long: field.long,
              depth: field.depth + 1,
              brackets: this._brackets.length
            });
          } else if (c === 125) {
            break;
          } else if (c === 10 || c === 92 || c === field.quote) {
            this._unsure();
          } else {
            i++;
          }
          continue;
        }
        const top = this._brackets.length === field.brackets;
        if (c === 32 || c === 9) {
          i++;
        } else if (c === 10) {
          if (!field.long) {
            this._unsure();
          }
          i++;
        } else if (c === 35 || c === 92) {
          this._unsure();
        } else if (top && c === 125) {
          break;
        } else if (top && c === 58) {
          this._push(T.Spec, i, i + 1);
          spec = true;
          i++;
        } else if (top && c === 33 && code.charCodeAt(i + 1) !== 61) {
          // `!r`, `!s`, `!a` before the spec or the end.
          const conversion = code.charCodeAt(i + 1);
          const after = code.charCodeAt(i + 2);
          if (
            (conversion !== 115 && conversion !== 114 && conversion !== 97) ||
            (after !== 58 && after !== 125)
          ) {
            this._unsure();
          }
          this._push(T.Conversion, i, i + 2);
          i += 2;
        } else if (top && c === 61 && code.charCodeAt(i + 1) !== 61) {
          this._push(T.SelfDoc, i, i + 1);
          i++;
        } else {
          i = this._token(i, field);
        }
      }
      if (this._brackets.length > field.brackets) {
        this._unsure();
      }
      this._push(T.REnd, i, i + 1);
      return i + 1;
    }

    private _skipComment(pos: number): number {
      const end = this._code.indexOf('\n', pos);
      return end < 0 ? this._code.length : end;
    }

    /**
     * A token of the code.
     */
    private _push(kind: T, start: number, end: number): void {
      this._add(kind, start, end);
      this._lastEnd = end;
    }

    /**
     * A newline, indent, dedent, the end or past it: at the end of the
     * token before.
     */
    private _mark(kind: T): void {
      this._add(kind, this._lastEnd, this._lastEnd);
    }

    private _add(kind: T, start: number, end: number): void {
      const count = this._count;
      const arrays = this._arrays;
      if (count === arrays.kinds.length) {
        this._grow();
      }
      arrays.kinds[count] = kind;
      arrays.starts[count] = start;
      arrays.ends[count] = end;
      this._count = count + 1;
    }

    /**
     * Twice the room, in the same arrays object (kept by the scanner).
     */
    private _grow(): void {
      growTokens(this._arrays, this._arrays.kinds.length * 2);
    }

    private _unsure(): never {
      throw new Unsure();
    }

    private _code: string;
    // The tokens, in arrays with room for more (`_count` used).
    private _arrays: ITokens;
    private _count = 0;
    // The kinds of the open brackets.
    private _brackets: T[] = [];
    private _lastEnd = 0;
  }

  /**
   * The f-string a replacement field is in (`quote`: its quote's code).
   */
  interface IField {
    quote: number;
    long: boolean;
    depth: number;
    /**
     * How many brackets were open outside the field: those above are its
     * own, and it cannot close the outer ones.
     */
    brackets: number;
  }

  /**
   * The kind of the operator at `pos`, the longest there, or `T.Name`
   * for none: the operators of one, two and three characters, `**= //=
   * >>= <<= ... ** // >> << <= >= == != -> := += -= *= /= %= &= |= ^= @=
   * + - * / % @ & | ^ ~ < > ( ) [ ] { } , : . ; =`.
   */
  function operatorAt(code: string, pos: number): T {
    const next = code.charCodeAt(pos + 1);
    const assign = next === 61;
    switch (code.charCodeAt(pos)) {
      case 40:
        return T.LParen;
      case 41:
        return T.RParen;
      case 91:
        return T.LBracket;
      case 93:
        return T.RBracket;
      case 123:
        return T.LBrace;
      case 125:
        return T.RBrace;
      case 44:
        return T.Comma;
      case 59:
        return T.Semicolon;
      case 126:
        return T.Tilde;
      case 46:
        return next === 46 && code.charCodeAt(pos + 2) === 46
          ? T.Ellipsis
          : T.Dot;
      case 61:
        return assign ? T.Equal : T.Assign;
      case 58:
        return assign ? T.Walrus : T.Colon;
      case 33:
        return assign ? T.NotEqual : T.Name;
      case 45:
        return next === 62 ? T.Arrow : assign ? T.MinusAssign : T.Minus;
      case 43:
        return assign ? T.PlusAssign : T.Plus;
      case 37:
        return assign ? T.PercentAssign : T.Percent;
      case 38:
        return assign ? T.AmpersandAssign : T.Ampersand;
      case 124:
        return assign ? T.PipeAssign : T.Pipe;
      case 94:
        return assign ? T.CaretAssign : T.Caret;
      case 64:
        return assign ? T.AtAssign : T.At;
      case 42:
        return doubling(code, pos, STAR);
      case 47:
        return doubling(code, pos, SLASH);
      case 62:
        return doubling(code, pos, GREATER);
      case 60:
        return doubling(code, pos, LESS);
      default:
        return T.Name;
    }
  }

  /**
   * The kinds of the operators of a character that doubles: itself, with
   * `=`, doubled, doubled with `=`.
   */
  const STAR = [T.Star, T.StarAssign, T.Power, T.PowerAssign];
  const SLASH = [T.Slash, T.SlashAssign, T.FloorDivide, T.FloorDivideAssign];
  const GREATER = [T.Greater, T.GreaterEqual, T.RightShift, T.RightShiftAssign];
  const LESS = [T.Less, T.LessEqual, T.LeftShift, T.LeftShiftAssign];

  /**
   * The operator at `pos` of a character that doubles (`*`, `/`, `>`,
   * `<`), of its `kinds`.
   */
  function doubling(code: string, pos: number, kinds: readonly T[]): T {
    const next = code.charCodeAt(pos + 1);
    if (next === code.charCodeAt(pos)) {
      return code.charCodeAt(pos + 2) === 61 ? kinds[3] : kinds[2];
    }
    return next === 61 ? kinds[1] : kinds[0];
  }

  /**
   * Where the number at `pos` (a digit, or `.` and a digit) ends, as
   * `@lezer/python` reads it: `0b`, `0o`, `0x` and their digits, or
   * digits, a fraction, an exponent, `j`; `_` between digits.
   */
  function numberEnd(code: string, pos: number): number {
    const c = code.charCodeAt(pos);
    if (c === 48) {
      // Lower-cased: `| 32` maps only `B`, `O`, `X` to `b`, `o`, `x`.
      const base = code.charCodeAt(pos + 1) | 32;
      if (base === 98 || base === 111 || base === 120) {
        let end = pos + 2;
        while (isDigitOf(code.charCodeAt(end), base)) {
          end++;
        }
        if (end > pos + 2) {
          return end;
        }
      }
    }
    let end: number;
    if (c === 46) {
      end = digitsEnd(code, pos + 2);
    } else {
      end = digitsEnd(code, pos + 1);
      if (code.charCodeAt(end) === 46 && isDigit(code.charCodeAt(end + 1))) {
        end = digitsEnd(code, end + 2);
      }
    }
    const e = code.charCodeAt(end);
    if (e === 101 || e === 69) {
      let digit = end + 1;
      const sign = code.charCodeAt(digit);
      if (sign === 43 || sign === 45) {
        digit++;
      }
      if (isDigit(code.charCodeAt(digit))) {
        end = digitsEnd(code, digit + 1);
      }
    }
    const j = code.charCodeAt(end);
    return j === 106 || j === 74 ? end + 1 : end;
  }

  /**
   * Where a run of digits and `_` from `pos` ends.
   */
  function digitsEnd(code: string, pos: number): number {
    let end = pos;
    for (let c = code.charCodeAt(end); isDigit(c) || c === 95;) {
      c = code.charCodeAt(++end);
    }
    return end;
  }

  /**
   * Whether `c` is `_` or a digit of a `0b` (98), `0o` (111) or `0x` (120)
   * number.
   */
  function isDigitOf(c: number, base: number): boolean {
    if (c === 95) {
      return true;
    }
    if (base === 98) {
      return c === 48 || c === 49;
    }
    if (base === 111) {
      return c >= 48 && c <= 55;
    }
    return isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
  }

  /**
   * How long a number may be: the parser's reading of longer ones is not
   * checked.
   */
  const MAX_NUMBER = 400;

  /**
   * Flags of a string prefix.
   */
  const RAW = 1;
  const FORMAT = 2;

  /**
   * The flags of the string prefix from `start` to `quote` when the parser
   * reads it as one (`u`, `b`, `r`, `f`, `rb`, `br`, `rf`, `fr`, in any
   * case, or none), else -1.
   */
  function stringPrefix(code: string, start: number, quote: number): number {
    // Lower-cased letters (a digit or `_` matches no prefix letter).
    const a = code.charCodeAt(start) | 32;
    const b = code.charCodeAt(start + 1) | 32;
    switch (quote - start) {
      case 0:
        return 0;
      case 1:
        return a === 117 || a === 98
          ? 0
          : a === 114
            ? RAW
            : a === 102
              ? FORMAT
              : -1;
      case 2:
        if (a === 114 || b === 114) {
          const other = a === 114 ? b : a;
          return other === 98 ? RAW : other === 102 ? RAW | FORMAT : -1;
        }
        return -1;
      default:
        return -1;
    }
  }

  /**
   * What the walk of the syntax tree does, in its order.
   */
  export const enum E {
    /**
     * A name read in an expression.
     */
    Read,
    /**
     * A name bound (`at`: where the binding takes effect).
     */
    Bind,
    /**
     * `x += ...`: `x` read, then bound.
     */
    Update,
    /**
     * A function, lambda or class body: a scope entered at `from`.
     */
    Pend,
    /**
     * A comprehension: a scope entered here.
     */
    Comprehension,
    Global,
    Import,
    /**
     * Nothing (a name that is neither read nor bound here).
     */
    Skip
  }

  /**
   * A scope's event (`Pend`, `Comprehension`), `global`'s or `import`'s:
   * its names (and for an import, where they bind and whether it is
   * `from x import *`).
   */
  export class ScopeEvent {
    scope: ScopeKind = 'function';
    from = 0;
    to = 0;
    names: string[] = [];
    at = 0;
    star = false;
  }

  /**
   * The events of a cell, in order: parallel arrays whose room is kept
   * from one cell to the next, an event an index (no object made for the
   * names, which are most events). A name's event (`Read`, `Bind`,
   * `Update`, `Skip`) has its `name`, `at` (where a binding takes effect)
   * and `walrus`; the others have their {@link ScopeEvent} at `at` in
   * `scopes`. `Skip` also where a bracket was not a comprehension.
   */
  export class Events {
    constructor() {
      // The arrays start empty and are grown to their first size: their
      // fields are written again from the start, so V8 does not take them
      // for constants (the first growth for a long cell would then throw
      // away the optimized code that counted on them).
      this._grow(256);
    }

    /**
     * An event of `kind` at `pos`, with a name's text: its index.
     */
    add(kind: E, pos: number, name: string): number {
      const i = this.count;
      if (i === this.kinds.length) {
        this._grow(i * 2);
      }
      this.kinds[i] = kind;
      this.pos[i] = pos;
      this.at[i] = 0;
      this.walrus[i] = 0;
      this.names[i] = name;
      this.count = i + 1;
      return i;
    }

    /**
     * Make the event at `i` a scope's, `global`'s or `import`'s.
     */
    /**
     * Put an event at `i`, moving the events from there one place on (a
     * scope found after the events it holds were read).
     */
    insert(i: number, kind: E, pos: number, name: string): void {
      const end = this.count;
      this.add(kind, pos, name);
      this.kinds.copyWithin(i + 1, i, end);
      this.pos.copyWithin(i + 1, i, end);
      this.at.copyWithin(i + 1, i, end);
      this.walrus.copyWithin(i + 1, i, end);
      for (let k = end; k > i; k--) {
        this.names[k] = this.names[k - 1];
      }
      this.kinds[i] = kind;
      this.pos[i] = pos;
      this.at[i] = 0;
      this.walrus[i] = 0;
      this.names[i] = name;
    }

    setScope(i: number, kind: E, scope: ScopeEvent): void {
      this.kinds[i] = kind;
      this.at[i] = this.scopes.length;
      this.scopes.push(scope);
    }

    /**
     * Forget the events (and the names they hold), keeping the room.
     */
    clear(): void {
      this.names.fill('', 0, this.count);
      this.count = 0;
      this.scopes.length = 0;
    }

    private _grow(size: number): void {
      this.kinds = doubled(this.kinds, new Uint8Array(size));
      this.pos = doubled(this.pos, new Int32Array(size));
      this.at = doubled(this.at, new Int32Array(size));
      this.walrus = doubled(this.walrus, new Uint8Array(size));
      for (let i = this.names.length; i < size; i++) {
        this.names.push('');
      }
    }

    count = 0;
    kinds = new Uint8Array(0);
    pos = new Int32Array(0);
    at = new Int32Array(0);
    walrus = new Uint8Array(0);
    names: string[] = [];
    scopes: ScopeEvent[] = [];
  }

  /**
   * What an expression is as a target: a name's event, a group (tuple,
   * parenthesized expression, list) of targets, or anything else (`null`).
   * A name's event is its index in {@link Events}.
   */
  type Target = number | Target[] | null;

  /**
   * Feed the events to the scopes, as the walk does.
   */
  export function replay(events: Events, scopes: NameScopes): void {
    const { count, kinds, pos, at, walrus, names } = events;
    for (let i = 0; i < count; i++) {
      switch (kinds[i]) {
        case E.Read:
          scopes.leave(pos[i]);
          scopes.readName(names[i], pos[i]);
          break;
        case E.Bind:
          scopes.leave(pos[i]);
          scopes.bind(names[i], at[i], walrus[i] === 1);
          break;
        case E.Update:
          scopes.leave(pos[i]);
          scopes.read(names[i], pos[i]);
          scopes.bind(names[i], at[i], false);
          break;
        case E.Pend:
        case E.Comprehension: {
          const event = events.scopes[at[i]];
          const { from } = event;
          const scope: INameScope = scopes.scope(event.scope, from, event.to);
          for (const name of event.names) {
            scope.locals.set(name, from);
          }
          if (kinds[i] === E.Pend) {
            scopes.leave(pos[i]);
            scopes.pend(scope);
          } else {
            scopes.push(scope);
          }
          break;
        }
        case E.Global:
          scopes.leave(pos[i]);
          for (const name of events.scopes[at[i]].names) {
            scopes.declareGlobal(name);
          }
          break;
        case E.Import: {
          const event = events.scopes[at[i]];
          scopes.leave(pos[i]);
          for (const name of event.names) {
            scopes.bind(name, event.at, false);
          }
          if (event.star) {
            scopes.dynamic('star-import');
          }
          break;
        }
      }
    }
    scopes.leave(Infinity);
  }

  /**
   * What the reader reads between commas: a test, an expression, a test
   * or `*expression`, an item of a replacement field (`*` and a test).
   */
  const enum Item {
    Test,
    Expression,
    StarOrTest,
    FieldItem
  }

  /**
   * How deep expressions nest before the reader gives up.
   */
  const MAX_DEPTH = 150;

  /**
   * Soft keywords that start statements the reader does not read (`match`,
   * `case`, `type`).
   */
  const SOFT_KEYWORDS = ['match', 'case', 'type'];

  /**
   * A recursive-descent reader of the statements and expressions the
   * syntax tree walk handles, producing its events in its order.
   */
  export class Reader {
    constructor(tokens: ITokens, events: Events, code: string) {
      this._events = events;
      this._kinds = tokens.kinds;
      this._starts = tokens.starts;
      this._ends = tokens.ends;
      this._code = code;
    }

    /**
     * Read the events into the reader's {@link Events}: `false` when the
     * reader is not sure.
     */
    read(): boolean {
      try {
        while (this._kinds[this._p] !== T.End) {
          this._statement();
        }
        return true;
      } catch (error) {
        if (error instanceof Unsure) {
          return false;
        }
        throw error;
      }
    }

    // Statements.

    private _statement(): void {
      switch (this._kinds[this._p]) {
        case T.At:
          this._decorated();
          return;
        case T.If:
          this._if();
          return;
        case T.While:
          this._p++;
          this._testNamed();
          this._body();
          this._else();
          return;
        case T.For:
          this._for();
          return;
        case T.Try:
          this._try();
          return;
        case T.With:
          this._with();
          return;
        case T.Def:
          this._def();
          return;
        case T.Class:
          this._class();
          return;
        case T.Async:
          this._async();
          return;
        default:
          this._simpleLine();
      }
    }

    private _async(): void {
      const next = this._kinds[this._p + 1];
      this._p++;
      if (next === T.Def) {
        this._def();
      } else if (next === T.For) {
        this._for();
      } else if (next === T.With) {
        this._with();
      } else {
        this._unsure();
      }
    }

    private _if(): void {
      this._p++;
      this._testNamed();
      this._body();
      while (this._is(T.Elif)) {
        this._p++;
        this._testNamed();
        this._body();
      }
      this._else();
    }

    private _else(): void {
      if (this._is(T.Else)) {
        this._p++;
        this._body();
      }
    }

    private _for(): void {
      this._p++;
      const targets: Target[] = [];
      do {
        if (this._is(T.Star)) {
          this._p++;
        }
        targets.push(this._expression());
      } while (this._comma() && !this._is(T.In));
      this._expect(T.In);
      this._commaSep(Item.Test);
      const colon = this._starts[this._p];
      for (const target of targets) {
        this._bindTargets(target, colon);
      }
      this._body();
      this._else();
    }

    private _try(): void {
      this._p++;
      this._body();
      let clauses = 0;
      while (this._is(T.Except)) {
        clauses++;
        this._p++;
        if (this._is(T.Star)) {
          this._p++;
        }
        if (!this._is(T.Colon)) {
          this._test();
          this._as();
        }
        this._body();
      }
      this._else();
      if (this._is(T.Finally)) {
        clauses++;
        this._p++;
        this._body();
      }
      if (clauses === 0) {
        this._unsure();
      }
    }

    private _with(): void {
      this._p++;
      do {
        this._test();
        this._as();
      } while (this._comma());
      this._body();
    }

    /**
     * `as name` after `with` and `except` items: the name binds where the
     * next token starts.
     */
    private _as(): void {
      if (this._is(T.As)) {
        this._p++;
        const name = this._name();
        this._events.kinds[name] = E.Bind;
        this._events.at[name] = this._starts[this._p];
      }
    }

    private _decorated(): void {
      while (this._is(T.At)) {
        this._p++;
        this._name();
        while (this._is(T.Dot)) {
          this._p++;
          this._name();
        }
        if (this._is(T.LParen)) {
          this._arguments();
        }
        this._expect(T.Newline);
      }
      if (this._is(T.Async)) {
        this._p++;
      }
      if (this._is(T.Def)) {
        this._def();
      } else if (this._is(T.Class)) {
        this._class();
      } else {
        this._unsure();
      }
    }

    private _def(): void {
      const scope = this._scopeEvent(E.Pend);
      this._p++;
      const name = this._name();
      this._events.kinds[name] = E.Bind;
      this._expect(T.LParen);
      while (!this._is(T.RParen)) {
        if (this._is(T.Slash)) {
          this._p++;
        } else {
          const star = this._is(T.Star) || this._is(T.Power);
          if (star) {
            this._p++;
          }
          if (!star || this._kinds[this._p] === T.Name) {
            scope.names.push(this._parameter());
            if (this._is(T.Colon)) {
              this._p++;
              this._test();
            }
            if (!star && this._is(T.Assign)) {
              this._p++;
              this._test();
            }
          }
        }
        if (!this._comma()) {
          break;
        }
      }
      this._expect(T.RParen);
      if (this._is(T.Arrow)) {
        this._p++;
        this._test();
      }
      this._definitionBody(scope, name);
    }

    private _class(): void {
      const scope = this._scopeEvent(E.Pend);
      scope.scope = 'class';
      this._p++;
      const name = this._name();
      this._events.kinds[name] = E.Bind;
      if (this._is(T.LParen)) {
        this._arguments();
      }
      this._definitionBody(scope, name);
    }

    /**
     * The body of a `def` or `class`: its scope; the name binds at its end.
     */
    private _definitionBody(scope: ScopeEvent, name: number): void {
      scope.from = this._starts[this._p];
      this._body();
      scope.to = this._lastEnd();
      this._events.at[name] = scope.to;
    }

    /**
     * `: statements`, on the line or indented below.
     */
    private _body(): void {
      this._expect(T.Colon);
      if (this._kinds[this._p] !== T.Newline) {
        this._simpleLine();
        return;
      }
      this._p++;
      this._expect(T.Indent);
      while (this._kinds[this._p] !== T.Dedent) {
        if (this._kinds[this._p] === T.End) {
          return;
        }
        this._statement();
      }
      this._p++;
    }

    /**
     * Small statements separated by `;`, to the end of the line.
     */
    private _simpleLine(): void {
      this._small();
      while (this._is(T.Semicolon)) {
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
      if (kind === T.Name) {
        const next = this._kinds[this._p + 1];
        if (
          (next !== T.LParen && this._spells('print')) ||
          (!(isIn(next, K.AfterSoftName) || next === T.Newline) &&
            this._isSoftKeyword())
        ) {
          // A Python 2 print or a soft keyword's statement.
          this._unsure();
        }
      }
      switch (kind) {
        case T.Pass:
        case T.Break:
        case T.Continue:
          this._p++;
          return;
        case T.Del:
          this._p++;
          this._commaSep(Item.Expression);
          return;
        case T.Return:
          this._p++;
          if (!this._atLineEnd()) {
            this._commaSep(Item.StarOrTest);
          }
          return;
        case T.Raise:
          this._p++;
          if (!this._atLineEnd()) {
            this._test();
            if (this._is(T.From)) {
              this._p++;
              this._test();
            }
          }
          return;
        case T.Global:
        case T.Nonlocal:
          this._scopeStatement(kind === T.Global);
          return;
        case T.Assert:
          this._p++;
          this._commaSep(Item.Test);
          return;
        case T.Import:
        case T.From:
          this._import();
          return;
        case T.Yield:
          this._yield();
          return;
        default:
          // Expressions start with None, True, False, not, lambda, await.
          this._expressionStatement();
      }
    }

    private _scopeStatement(global: boolean): void {
      const event = this._scopeEvent(E.Global);
      this._p++;
      do {
        if (this._kinds[this._p] !== T.Name) {
          this._unsure();
        }
        if (global) {
          event.names.push(this._text());
        }
        this._p++;
      } while (this._comma(false));
    }

    private _import(): void {
      const event = this._scopeEvent(E.Import);
      const names = event.names;
      if (this._is(T.From)) {
        this._p++;
        let relative = false;
        while (this._is(T.Dot) || this._is(T.Ellipsis)) {
          relative = true;
          this._p++;
        }
        if (!relative || !this._is(T.Import)) {
          this._dotted();
        }
        this._expect(T.Import);
        if (this._is(T.Star)) {
          this._p++;
          event.star = true;
        } else {
          const parenthesized = this._is(T.LParen);
          if (parenthesized) {
            this._p++;
          }
          do {
            if (parenthesized && this._is(T.RParen)) {
              break;
            }
            const name = this._plainNameText();
            names.push(this._alias() ?? name);
          } while (this._comma(parenthesized));
          if (parenthesized) {
            this._expect(T.RParen);
          }
        }
      } else {
        this._p++;
        do {
          const name = this._dotted();
          names.push(this._alias() ?? name);
        } while (this._comma(false));
      }
      event.at = this._lastEnd();
    }

    /**
     * `as name` after an imported name, if there.
     */
    private _alias(): string | null {
      if (!this._is(T.As)) {
        return null;
      }
      this._p++;
      return this._plainNameText();
    }

    /**
     * A dotted module name; its first part.
     */
    private _dotted(): string {
      const first = this._plainNameText();
      while (this._is(T.Dot)) {
        this._p++;
        this._plainName();
      }
      return first;
    }

    private _yield(): void {
      this._p++;
      if (this._is(T.From)) {
        this._p++;
        this._test();
      } else if (!this._atLineEnd() && !this._is(T.RParen) && !this._isREnd()) {
        this._commaSep(Item.StarOrTest);
      }
    }

    private _expressionStatement(): void {
      const targets = this._expressions();
      const single = this._items === 1;
      if (this._is(T.Colon)) {
        this._p++;
        this._test();
        if (!this._is(T.Assign)) {
          // `x: int` alone binds and reads nothing.
          if (!single) {
            this._unsure();
          }
          if (typeof targets === 'number') {
            this._events.kinds[targets] = E.Skip;
          }
          return;
        }
      }
      if (this._is(T.Assign)) {
        // Every group but the last (the value) is a target: the one
        // before the last, and the others of `a = b = value` (few).
        let target = targets;
        let others: Target[] | null = null;
        for (;;) {
          this._p++;
          let group: Target = null;
          if (this._is(T.Yield)) {
            this._yield();
          } else {
            group = this._expressions();
          }
          if (!this._is(T.Assign)) {
            break;
          }
          (others ??= []).push(target);
          target = group;
        }
        const at = this._lastEnd();
        this._bindTargets(target, at);
        if (others !== null) {
          this._bindTargets(others, at);
        }
        return;
      }
      if (isIn(this._kinds[this._p], K.Update)) {
        this._p++;
        if (!single) {
          this._unsure();
        }
        if (this._is(T.Yield)) {
          this._yield();
        } else {
          this._commaSep(Item.Test);
        }
        if (typeof targets === 'number') {
          this._events.kinds[targets] = E.Update;
          this._events.at[targets] = this._lastEnd();
        }
      }
    }

    /**
     * Names of a target (also in groups) bind at `at`.
     */
    private _bindTargets(target: Target, at: number): void {
      if (typeof target === 'number') {
        this._events.kinds[target] = E.Bind;
        this._events.at[target] = at;
      } else if (target !== null) {
        for (const item of target) {
          this._bindTargets(item, at);
        }
      }
    }

    /**
     * `*x` or `test`, separated by commas: the target they are, one item's
     * alone (most statements are one), several in a group; how many in
     * `_items`.
     */
    private _expressions(): Target {
      if (this._atLineEnd() || this._is(T.Assign)) {
        this._unsure();
      }
      const first = this._starOr(false);
      let targets: Target[] | null = null;
      while (this._comma() && !this._atLineEnd() && !this._is(T.Assign)) {
        (targets ??= [first]).push(this._starOr(false));
      }
      this._items = targets === null ? 1 : targets.length;
      return targets ?? first;
    }

    // Expressions.

    /**
     * `*expression`, or a test (`named`: which may be a walrus).
     */
    private _starOr(named: boolean): Target {
      if (this._is(T.Star)) {
        this._p++;
        return this._expression();
      }
      return named ? this._testNamed() : this._test();
    }

    private _testNamed(): Target {
      if (
        this._kinds[this._p] === T.Name &&
        this._kinds[this._p + 1] === T.Walrus
      ) {
        const name = this._name();
        this._p++;
        this._test();
        const events = this._events;
        events.kinds[name] = E.Bind;
        events.walrus[name] = 1;
        events.at[name] = this._lastEnd();
        return null;
      }
      const target = this._test();
      if (this._is(T.Walrus)) {
        this._unsure();
      }
      return target;
    }

    private _test(): Target {
      // Lambdas and conditions nest without brackets.
      this._enter();
      let target: Target;
      if (this._is(T.Lambda)) {
        target = this._lambda(false);
      } else if (this._atomAlone()) {
        // Most tests are one name, number or string: read without the
        // descent through every operator level, which finds the same.
        target = this._atom();
      } else {
        target = this._or();
        if (this._is(T.If)) {
          this._p++;
          this._or();
          this._expect(T.Else);
          this._test();
          target = null;
        }
      }
      this._leave();
      return target;
    }

    /**
     * Whether the token here is a name, a number or a string (not an
     * f-string) and the next one ends any test: the test is that atom.
     */
    private _atomAlone(): boolean {
      const kind = this._kinds[this._p];
      if (kind !== T.Name && kind !== T.Number && kind !== T.String) {
        return false;
      }
      const next = this._kinds[this._p + 1];
      return next === T.Newline || isIn(next, K.TestEnd);
    }

    private _testNoCond(): Target {
      return this._is(T.Lambda) ? this._lambda(true) : this._or();
    }

    private _lambda(noCond: boolean): Target {
      const scope = this._scopeEvent(E.Pend);
      this._p++;
      while (!this._is(T.Colon)) {
        const star = this._is(T.Star) || this._is(T.Power);
        if (star) {
          this._p++;
        }
        if (!star || this._kinds[this._p] === T.Name) {
          scope.names.push(this._parameter());
          if (!star && this._is(T.Assign)) {
            this._p++;
            this._test();
          }
        }
        if (!this._is(T.Comma)) {
          break;
        }
        this._p++;
        if (this._is(T.Colon)) {
          // `lambda x,: x`: Python reads it, the parser does not.
          this._unsure();
        }
      }
      this._expect(T.Colon);
      scope.from = this._ends[this._p - 1];
      this._enter();
      if (noCond) {
        this._testNoCond();
      } else {
        this._test();
      }
      this._leave();
      scope.to = this._lastEnd();
      return null;
    }

    /**
     * `or`, `and`, `not` and comparisons of expressions.
     */
    private _or(): Target {
      let operands = 0;
      let target: Target = null;
      for (;;) {
        let negated = false;
        while (this._is(T.Not)) {
          this._p++;
          negated = true;
        }
        target = this._expression();
        operands += negated ? 2 : 1;
        // The token after an operand, read once (this runs for each).
        const kind = this._kinds[this._p];
        if (kind === T.Or || kind === T.And || kind === T.In) {
          this._p++;
        } else if (kind === T.Not && this._is(T.In, 1)) {
          this._p += 2;
        } else if (kind === T.Is) {
          this._p++;
          if (this._is(T.Not)) {
            this._p++;
          }
        } else if (isIn(kind, K.Compare)) {
          this._p++;
        } else {
          return operands === 1 ? target : null;
        }
      }
    }

    /**
     * An expression with binary and unary operators, `await`.
     */
    private _expression(): Target {
      let operands = 0;
      let target: Target = null;
      for (;;) {
        let prefixed = false;
        for (
          let kind = this._kinds[this._p];
          kind === T.Minus ||
          kind === T.Plus ||
          kind === T.Tilde ||
          kind === T.Await;
          kind = this._kinds[this._p]
        ) {
          this._p++;
          prefixed = true;
        }
        target = this._primary();
        operands += prefixed ? 2 : 1;
        if (isIn(this._kinds[this._p], K.Binary)) {
          this._p++;
        } else {
          return operands === 1 ? target : null;
        }
      }
    }

    /**
     * An atom and its calls, subscripts and attributes.
     */
    private _primary(): Target {
      let target = this._atom();
      for (;;) {
        if (this._is(T.LParen)) {
          this._arguments();
        } else if (this._is(T.LBracket)) {
          this._subscript();
        } else if (this._is(T.Dot)) {
          this._p++;
          this._plainName();
        } else {
          return target;
        }
        target = null;
      }
    }

    private _atom(): Target {
      const kind = this._kinds[this._p];
      switch (kind) {
        case T.Name:
          return this._name();
        case T.Number:
        case T.None:
        case T.True:
        case T.False:
        case T.Ellipsis:
          this._p++;
          return null;
        case T.String:
        case T.FStart:
          this._strings();
          return null;
        case T.LParen:
        case T.LBracket:
        case T.LBrace: {
          this._enter();
          const target = this._bracket(kind);
          this._leave();
          return target;
        }
      }
      return this._unsure();
    }

    /**
     * Strings next to each other; replacement fields of f-strings.
     */
    private _strings(): void {
      for (;;) {
        const kind = this._kinds[this._p];
        if (kind === T.String) {
          this._p++;
        } else if (kind === T.FStart) {
          this._p++;
          while (this._kinds[this._p] === T.RStart) {
            this._field();
          }
          this._expect(T.FEnd);
        } else {
          return;
        }
      }
    }

    private _field(): void {
      this._p++;
      this._enter();
      if (this._is(T.Yield)) {
        this._yield();
      } else {
        this._commaSep(Item.FieldItem);
      }
      this._leave();
      if (this._kinds[this._p] === T.SelfDoc) {
        this._p++;
      }
      if (this._kinds[this._p] === T.Conversion) {
        this._p++;
      }
      if (this._kinds[this._p] === T.Spec) {
        this._p++;
        while (this._kinds[this._p] === T.RStart) {
          this._field();
        }
      }
      this._expect(T.REnd);
    }

    /**
     * A parenthesized expression, tuple, list, dict or set, or a
     * comprehension, from its opening bracket.
     */
    private _bracket(open: T): Target {
      // Each closing kind follows its opening one.
      const close = open + 1;
      // Room for the comprehension's scope, entered here if it is one.
      const at = this._starts[this._p];
      const slot = this._events.add(E.Skip, at, '');
      this._p++;
      if (this._is(close)) {
        this._p++;
        return open === T.LBrace ? null : [];
      }
      if (open === T.LParen && this._is(T.Yield)) {
        this._yield();
        this._expect(T.RParen);
        return null;
      }
      let dict = false;
      let first: Target;
      if (open === T.LBrace) {
        if (this._is(T.Power)) {
          this._p++;
          this._expression();
          dict = true;
        } else {
          this._starOr(false);
          if (this._is(T.Colon)) {
            this._p++;
            this._test();
            dict = true;
          }
        }
        first = null;
      } else {
        first = this._starOr(true);
      }
      if (this._is(T.For) || this._is(T.Async)) {
        const scope = new ScopeEvent();
        this._events.setScope(slot, E.Comprehension, scope);
        scope.from = at;
        scope.scope = 'comprehension';
        this._comprehension(scope.names);
        this._expect(close);
        scope.to = this._ends[this._p - 1];
        return null;
      }
      const items: Target[] = [first];
      let comma = false;
      while (this._is(T.Comma)) {
        comma = true;
        this._p++;
        if (this._is(close)) {
          break;
        }
        if (open === T.LBrace) {
          this._dictOrSetItem(dict);
        } else {
          items.push(this._starOr(true));
        }
      }
      this._expect(close);
      if (open === T.LBrace) {
        return null;
      }
      // A tuple, a list, or a parenthesized expression: a group of one.
      return open === T.LParen && !comma && first === null ? null : items;
    }

    private _dictOrSetItem(dict: boolean): void {
      if (dict) {
        if (this._is(T.Power)) {
          this._p++;
          this._expression();
        } else {
          this._test();
          this._expect(T.Colon);
          this._test();
        }
      } else {
        this._starOr(false);
      }
    }

    /**
     * `for ... in ... if ...` clauses of a comprehension or a generator
     * argument; its targets are `locals`.
     */
    private _comprehension(locals: string[]): void {
      for (;;) {
        if (this._is(T.Async)) {
          this._p++;
        }
        this._expect(T.For);
        const targets: Target[] = [];
        do {
          targets.push(this._expression());
        } while (this._comma() && !this._is(T.In));
        this._expect(T.In);
        this._or();
        for (const target of targets) {
          this._localTargets(target, locals);
        }
        while (this._is(T.If)) {
          this._p++;
          this._testNoCond();
        }
        if (!this._is(T.For) && !this._is(T.Async)) {
          return;
        }
      }
    }

    private _localTargets(target: Target, locals: string[]): void {
      if (typeof target === 'number') {
        this._events.kinds[target] = E.Skip;
        locals.push(this._events.names[target]);
      } else if (target !== null) {
        for (const item of target) {
          this._localTargets(item, locals);
        }
      }
    }

    /**
     * `(arguments)` of a call, class or decorator: keyword names are
     * neither read nor bound.
     */
    private _arguments(): void {
      // The scope of a generator argument (`sum(x for x in xs)`), the
      // walk's `ArgList`, is entered here if there is one (rare: its
      // event is put in then, before those of the arguments).
      const at = this._starts[this._p];
      const slot = this._events.count;
      let generator: ScopeEvent | null = null;
      this._p++;
      this._enter();
      while (!this._is(T.RParen)) {
        if (this._is(T.Star) || this._is(T.Power)) {
          this._p++;
          this._test();
        } else {
          if (
            this._kinds[this._p] === T.Name &&
            (this._kinds[this._p + 1] === T.Assign ||
              this._kinds[this._p + 1] === T.Walrus)
          ) {
            this._p += 2;
          }
          this._test();
          if (this._is(T.For) || this._is(T.Async)) {
            if (generator === null) {
              generator = new ScopeEvent();
              this._events.insert(slot, E.Skip, at, '');
              this._events.setScope(slot, E.Comprehension, generator);
              generator.from = at;
              generator.scope = 'comprehension';
            }
            this._comprehension(generator.names);
          }
        }
        if (!this._comma()) {
          break;
        }
      }
      this._expect(T.RParen);
      if (generator !== null) {
        generator.to = this._ends[this._p - 1];
      }
      this._leave();
    }

    private _subscript(): void {
      this._p++;
      this._enter();
      while (!this._is(T.RBracket)) {
        if (!this._is(T.Colon)) {
          this._testNamed();
        }
        for (let colons = 0; colons < 2 && this._is(T.Colon); colons++) {
          this._p++;
          if (
            !this._is(T.Colon) &&
            !this._is(T.RBracket) &&
            !this._is(T.Comma)
          ) {
            this._testNamed();
          }
        }
        if (!this._is(T.Comma)) {
          break;
        }
        this._p++;
      }
      this._expect(T.RBracket);
      this._leave();
    }

    // Tokens.

    /**
     * A name read here (its event, which may become a target).
     */
    private _name(): number {
      if (this._kinds[this._p] !== T.Name) {
        this._unsure();
      }
      const event = this._event(E.Read, this._text());
      this._p++;
      return event;
    }

    /**
     * A parameter's name: a local of the scope, not a read.
     */
    private _parameter(): string {
      return this._plainNameText();
    }

    /**
     * A name that is neither read nor bound (an attribute, a module).
     */
    private _plainName(): void {
      if (this._kinds[this._p] !== T.Name) {
        this._unsure();
      }
      this._p++;
    }

    /**
     * {@link _plainName}, and its text.
     */
    private _plainNameText(): string {
      if (this._kinds[this._p] !== T.Name) {
        this._unsure();
      }
      const text = this._text();
      this._p++;
      return text;
    }

    /**
     * The text of the token here (a name's).
     */
    private _text(): string {
      return this._code.slice(this._starts[this._p], this._ends[this._p]);
    }

    /**
     * Whether the name here spells `word`.
     */
    private _spells(word: string): boolean {
      const start = this._starts[this._p];
      return (
        this._ends[this._p] - start === word.length &&
        this._code.startsWith(word, start)
      );
    }

    /**
     * Whether the name here is a soft keyword.
     */
    private _isSoftKeyword(): boolean {
      // Each is four or five letters: most names are not tried.
      const length = this._ends[this._p] - this._starts[this._p];
      return (
        (length === 4 || length === 5) &&
        SOFT_KEYWORDS.some(word => this._spells(word))
      );
    }

    private _scopeEvent(kind: E): ScopeEvent {
      const scope = new ScopeEvent();
      const event = this._events.add(kind, this._starts[this._p], '');
      this._events.setScope(event, kind, scope);
      return scope;
    }

    private _event(kind: E, name: string): number {
      return this._events.add(kind, this._starts[this._p], name);
    }

    /**
     * A comma, if there (`trailing`: one before a closing bracket or `in`
     * is allowed, the caller checks).
     */
    private _comma(trailing = true): boolean {
      if (!this._is(T.Comma)) {
        return false;
      }
      this._p++;
      // The token after the comma, read once (this runs for each comma).
      const kind = this._kinds[this._p];
      const lineEnd =
        kind === T.Newline || kind === T.End || kind === T.Semicolon;
      if (!trailing && (lineEnd || kind === T.RParen)) {
        this._unsure();
      }
      return !(lineEnd || isIn(kind, K.AfterLastItem));
    }

    private _commaSep(item: Item): void {
      do {
        this._item(item);
      } while (this._comma());
    }

    private _item(item: Item): void {
      switch (item) {
        case Item.Test:
          this._test();
          break;
        case Item.Expression:
          this._expression();
          break;
        case Item.StarOrTest:
          this._starOr(false);
          break;
        case Item.FieldItem:
          if (this._is(T.Star)) {
            this._p++;
          }
          this._test();
      }
    }

    private _atLineEnd(): boolean {
      const kind = this._kinds[this._p];
      return kind === T.Newline || kind === T.End || this._is(T.Semicolon);
    }

    private _isREnd(): boolean {
      const kind = this._kinds[this._p];
      return (
        kind === T.REnd ||
        kind === T.SelfDoc ||
        kind === T.Conversion ||
        kind === T.Spec
      );
    }

    /**
     * Whether the token here (or `ahead`) is of `kind`.
     */
    private _is(kind: T, ahead = 0): boolean {
      return this._kinds[this._p + ahead] === kind;
    }

    private _expect(kind: T): void {
      if (this._kinds[this._p] !== kind) {
        this._unsure();
      }
      this._p++;
    }

    /**
     * Where the last token read ends.
     */
    private _lastEnd(): number {
      return this._ends[this._p - 1];
    }

    private _enter(): void {
      if (++this._depth > MAX_DEPTH) {
        this._unsure();
      }
    }

    private _leave(): void {
      this._depth--;
    }

    private _unsure(): never {
      throw new Unsure();
    }

    private _kinds: Uint8Array;
    private _starts: Int32Array;
    private _ends: Int32Array;
    private _code: string;
    private _p = 0;
    private _depth = 0;
    private _events: Events;
    /**
     * How many items the last {@link _expressions} read.
     */
    private _items = 0;
  }
}
