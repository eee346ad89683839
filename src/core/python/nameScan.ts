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
      if (!new Reader(tokens, events).read()) {
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
    Past
  }

  /**
   * The tokens of a cell: parallel arrays, perhaps longer than the tokens
   * (kept for the next cell). Newlines, indents, dedents and the end carry
   * the end of the token before them as both positions. After the end,
   * `T.Past` and `''`.
   */
  export interface ITokens {
    kinds: Uint8Array;
    starts: Int32Array;
    ends: Int32Array;
    /**
     * The text of names, keywords and operators; `''` for the others.
     */
    texts: string[];
  }

  /**
   * Empty token arrays with room for `size` tokens.
   */
  export function tokenArrays(size: number): ITokens {
    return {
      kinds: new Uint8Array(size),
      starts: new Int32Array(size),
      ends: new Int32Array(size),
      texts: new Array<string>(size).fill('')
    };
  }

  /**
   * Python's keywords (the parser never reads them as names).
   */
  const KEYWORDS = (
    'False None True and as assert async await break class continue def ' +
    'del elif else except finally for from global if import in is ' +
    'lambda nonlocal not or pass raise return try while with yield'
  ).split(' ');

  /**
   * The longest keyword's length.
   */
  const MAX_KEYWORD = 8;

  /**
   * The keywords by first character and length (at `c * 9 + length`): a
   * name is compared with the few of its slot, and most names have none,
   * with no string made or hashed to find it.
   */
  const KEYWORD_SLOTS: (string[] | undefined)[] = [];
  for (const keyword of KEYWORDS) {
    const slot = keyword.charCodeAt(0) * (MAX_KEYWORD + 1) + keyword.length;
    (KEYWORD_SLOTS[slot] ??= []).push(keyword);
  }

  /**
   * The keyword spelled from `pos` to `end` (a name's characters), or
   * `null`.
   */
  function keywordAt(code: string, pos: number, end: number): string | null {
    const length = end - pos;
    if (length > MAX_KEYWORD) {
      return null;
    }
    const slot =
      KEYWORD_SLOTS[code.charCodeAt(pos) * (MAX_KEYWORD + 1) + length];
    if (slot !== undefined) {
      // An index, not an iterator: this runs for every name.
      for (let i = 0; i < slot.length; i++) {
        if (code.startsWith(slot[i], pos)) {
          return slot[i];
        }
      }
    }
    return null;
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
   * `into` (twice the room) holding `from`'s values: the token and event
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
      // code that does is thrown away and compiled again. Names are cut
      // from the code itself (the copy is not kept by them).
      this._code = code.endsWith('\n') ? code : code + '\n';
      this._source = code;
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
      this._push(T.Past, this._lastEnd, this._lastEnd, '');
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
        const keyword = keywordAt(code, pos, end);
        if (keyword !== null) {
          this._push(T.Keyword, pos, end, keyword);
        } else {
          this._push(T.Name, pos, end, this._source.slice(pos, end));
        }
        return end;
      }
      if (isDigit(c) || (c === 46 && isDigit(code.charCodeAt(pos + 1)))) {
        return this._number(pos);
      }
      if (c === 34 || c === 39) {
        return this._string(pos, pos, field);
      }
      const op = operatorAt(code, pos);
      if (op === null) {
        // `\`, `!`, `$`, `?`, a backtick, `\r`, non-ASCII...
        this._unsure();
      }
      if (op === '(' || op === '[' || op === '{') {
        this._brackets.push(op);
      } else if (op === ')' || op === ']' || op === '}') {
        // Compared, not looked up by key: a lookup by varying keys is slow.
        const open = this._brackets.pop();
        if (open !== (op === ')' ? '(' : op === ']' ? '[' : '{')) {
          this._unsure();
        }
      }
      this._push(T.Op, pos, pos + op.length, op);
      return pos + op.length;
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
      this._push(T.Number, pos, end, '');
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
        this._push(T.FStart, start, quote + delimiter, '');
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
              depth: (field?.depth ?? 0) + 1
            });
          }
        } else {
          i++;
        }
      }
      if (format) {
        this._push(T.FEnd, i - delimiter, i, '');
      } else {
        this._push(T.String, start, i, '');
      }
      return i;
    }

    /**
     * A replacement field from its `{`; where it ends.
     */
    private _field(open: number, field: IField): number {
      const code = this._code;
      this._push(T.RStart, open, open + 1, '');
      const outer = this._brackets;
      this._brackets = [];
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
            i = this._field(i, { ...field, depth: field.depth + 1 });
          } else if (c === 125) {
            break;
          } else if (c === 10 || c === 92 || c === field.quote) {
            this._unsure();
          } else {
            i++;
          }
          continue;
        }
        const top = this._brackets.length === 0;
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
          this._push(T.Spec, i, i + 1, ':');
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
          this._push(T.Conversion, i, i + 2, '');
          i += 2;
        } else if (top && c === 61 && code.charCodeAt(i + 1) !== 61) {
          this._push(T.SelfDoc, i, i + 1, '=');
          i++;
        } else {
          i = this._token(i, field);
        }
      }
      if (this._brackets.length > 0) {
        this._unsure();
      }
      this._brackets = outer;
      this._push(T.REnd, i, i + 1, '');
      return i + 1;
    }

    private _skipComment(pos: number): number {
      const end = this._code.indexOf('\n', pos);
      return end < 0 ? this._code.length : end;
    }

    private _push(kind: T, start: number, end: number, text: string): void {
      const count = this._count;
      const arrays = this._arrays;
      if (count === arrays.kinds.length) {
        this._grow();
      }
      arrays.kinds[count] = kind;
      arrays.starts[count] = start;
      arrays.ends[count] = end;
      arrays.texts[count] = text;
      this._count = count + 1;
      if (kind !== T.Newline && kind !== T.Indent && kind !== T.Dedent) {
        this._lastEnd = end;
      }
    }

    /**
     * A newline, indent, dedent or the end: at the end of the token before.
     */
    private _mark(kind: T): void {
      this._push(kind, this._lastEnd, this._lastEnd, '');
    }

    /**
     * Twice the room, in the same arrays object (kept by the scanner).
     */
    private _grow(): void {
      const arrays = this._arrays;
      const size = arrays.kinds.length * 2;
      arrays.kinds = doubled(arrays.kinds, new Uint8Array(size));
      arrays.starts = doubled(arrays.starts, new Int32Array(size));
      arrays.ends = doubled(arrays.ends, new Int32Array(size));
      for (let i = arrays.texts.length; i < size; i++) {
        arrays.texts.push('');
      }
    }

    private _unsure(): never {
      throw new Unsure();
    }

    private _code: string;
    private _source: string;
    // The tokens, in arrays with room for more (`_count` used).
    private _arrays: ITokens;
    private _count = 0;
    private _brackets: string[] = [];
    private _lastEnd = 0;
  }

  /**
   * The f-string a replacement field is in (`quote`: its quote's code).
   */
  interface IField {
    quote: number;
    long: boolean;
    depth: number;
  }

  /**
   * The operator at `pos`, the longest there, or `null`: the operators
   * of one, two and three characters, `**= //= >>= <<= ... ** // >> <<
   * <= >= == != -> := += -= *= /= %= &= |= ^= @= + - * / % @ & | ^ ~ < >
   * ( ) [ ] { } , : . ; =`, as constant strings.
   */
  function operatorAt(code: string, pos: number): string | null {
    const next = code.charCodeAt(pos + 1);
    const assign = next === 61;
    switch (code.charCodeAt(pos)) {
      case 40:
        return '(';
      case 41:
        return ')';
      case 91:
        return '[';
      case 93:
        return ']';
      case 123:
        return '{';
      case 125:
        return '}';
      case 44:
        return ',';
      case 59:
        return ';';
      case 126:
        return '~';
      case 46:
        return next === 46 && code.charCodeAt(pos + 2) === 46 ? '...' : '.';
      case 61:
        return assign ? '==' : '=';
      case 58:
        return assign ? ':=' : ':';
      case 33:
        return assign ? '!=' : null;
      case 45:
        return next === 62 ? '->' : assign ? '-=' : '-';
      case 43:
        return assign ? '+=' : '+';
      case 37:
        return assign ? '%=' : '%';
      case 38:
        return assign ? '&=' : '&';
      case 124:
        return assign ? '|=' : '|';
      case 94:
        return assign ? '^=' : '^';
      case 64:
        return assign ? '@=' : '@';
      case 42:
        if (next === 42) {
          return code.charCodeAt(pos + 2) === 61 ? '**=' : '**';
        }
        return assign ? '*=' : '*';
      case 47:
        if (next === 47) {
          return code.charCodeAt(pos + 2) === 61 ? '//=' : '//';
        }
        return assign ? '/=' : '/';
      case 62:
        if (next === 62) {
          return code.charCodeAt(pos + 2) === 61 ? '>>=' : '>>';
        }
        return assign ? '>=' : '>';
      case 60:
        if (next === 60) {
          return code.charCodeAt(pos + 2) === 61 ? '<<=' : '<<';
        }
        return assign ? '<=' : '<';
      default:
        return null;
    }
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
  export enum E {
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
    /**
     * An event of `kind` at `pos`, with a name's text: its index.
     */
    add(kind: E, pos: number, name: string): number {
      const i = this.count;
      if (i === this.kinds.length) {
        this._grow();
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
      this.scopes = [];
    }

    private _grow(): void {
      const size = this.kinds.length * 2;
      this.kinds = doubled(this.kinds, new Uint8Array(size));
      this.pos = doubled(this.pos, new Int32Array(size));
      this.at = doubled(this.at, new Int32Array(size));
      this.walrus = doubled(this.walrus, new Uint8Array(size));
      for (let i = this.names.length; i < size; i++) {
        this.names.push('');
      }
    }

    count = 0;
    kinds = new Uint8Array(256);
    pos = new Int32Array(256);
    at = new Int32Array(256);
    walrus = new Uint8Array(256);
    names: string[] = new Array<string>(256).fill('');
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
  enum Item {
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
   * Comparison operators.
   */
  const COMPARE = new Set(['<', '>', '==', '>=', '<=', '!=']);

  /**
   * Binary operators of expressions.
   */
  const BINARY = new Set([
    '|',
    '^',
    '&',
    '<<',
    '>>',
    '+',
    '-',
    '*',
    '@',
    '/',
    '%',
    '//',
    '**'
  ]);

  /**
   * Augmented assignments.
   */
  const UPDATE = new Set([
    '+=',
    '-=',
    '*=',
    '/=',
    '//=',
    '%=',
    '@=',
    '&=',
    '|=',
    '^=',
    '>>=',
    '<<=',
    '**='
  ]);

  /**
   * Operators that end a test: none continues an expression before them.
   */
  const TEST_ENDS = new Set([',', ')', ']', '}', ':', '=', ';']);

  /**
   * Operators after a comma that end the items before it (a trailing
   * comma).
   */
  const AFTER_LAST_ITEM = new Set([')', ']', '}', '=', ':']);

  /**
   * Soft keywords that start statements the reader does not read (`match`,
   * `case`, `type`), and the tokens after which they are plain names.
   */
  const SOFT_KEYWORDS = new Set(['match', 'case', 'type']);
  const AFTER_SOFT_NAME = new Set(['=', '.', '(', '[', ',', ';', ...UPDATE]);

  /**
   * A recursive-descent reader of the statements and expressions the
   * syntax tree walk handles, producing its events in its order.
   */
  export class Reader {
    constructor(tokens: ITokens, events: Events) {
      this._events = events;
      this._kinds = tokens.kinds;
      this._starts = tokens.starts;
      this._ends = tokens.ends;
      this._texts = tokens.texts;
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
      const kind = this._kinds[this._p];
      const text = this._texts[this._p];
      if (kind === T.Op && text === '@') {
        this._decorated();
      } else if (kind === T.Keyword) {
        switch (text) {
          case 'if':
            this._if();
            return;
          case 'while':
            this._p++;
            this._testNamed();
            this._body();
            this._else();
            return;
          case 'for':
            this._for();
            return;
          case 'try':
            this._try();
            return;
          case 'with':
            this._with();
            return;
          case 'def':
            this._def();
            return;
          case 'class':
            this._class();
            return;
          case 'async':
            this._async();
            return;
          default:
            this._simpleLine();
        }
      } else {
        this._simpleLine();
      }
    }

    private _async(): void {
      const next = this._texts[this._p + 1];
      if (this._kinds[this._p + 1] !== T.Keyword) {
        this._unsure();
      }
      this._p++;
      if (next === 'def') {
        this._def();
      } else if (next === 'for') {
        this._for();
      } else if (next === 'with') {
        this._with();
      } else {
        this._unsure();
      }
    }

    private _if(): void {
      this._p++;
      this._testNamed();
      this._body();
      while (this._isKeyword('elif')) {
        this._p++;
        this._testNamed();
        this._body();
      }
      this._else();
    }

    private _else(): void {
      if (this._isKeyword('else')) {
        this._p++;
        this._body();
      }
    }

    private _for(): void {
      this._p++;
      const targets: Target[] = [];
      do {
        if (this._isOp('*')) {
          this._p++;
        }
        targets.push(this._expression());
      } while (this._comma() && !this._isKeyword('in'));
      this._expectKeyword('in');
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
      while (this._isKeyword('except')) {
        clauses++;
        this._p++;
        if (this._isOp('*')) {
          this._p++;
        }
        if (!this._isOp(':')) {
          this._test();
          this._as();
        }
        this._body();
      }
      this._else();
      if (this._isKeyword('finally')) {
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
      if (this._isKeyword('as')) {
        this._p++;
        const name = this._name();
        this._events.kinds[name] = E.Bind;
        this._events.at[name] = this._starts[this._p];
      }
    }

    private _decorated(): void {
      while (this._isOp('@')) {
        this._p++;
        this._name();
        while (this._isOp('.')) {
          this._p++;
          this._name();
        }
        if (this._isOp('(')) {
          this._arguments();
        }
        this._expect(T.Newline);
      }
      if (this._isKeyword('async')) {
        this._p++;
      }
      if (this._isKeyword('def')) {
        this._def();
      } else if (this._isKeyword('class')) {
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
      this._expectOp('(');
      while (!this._isOp(')')) {
        if (this._isOp('/')) {
          this._p++;
        } else {
          const star = this._isOp('*') || this._isOp('**');
          if (star) {
            this._p++;
          }
          if (!star || this._kinds[this._p] === T.Name) {
            scope.names.push(this._parameter());
            if (this._isOp(':')) {
              this._p++;
              this._test();
            }
            if (!star && this._isOp('=')) {
              this._p++;
              this._test();
            }
          }
        }
        if (!this._comma()) {
          break;
        }
      }
      this._expectOp(')');
      if (this._isOp('->')) {
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
      if (this._isOp('(')) {
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
      this._expectOp(':');
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
          (text === 'print' && next !== '(') ||
          (SOFT_KEYWORDS.has(text) &&
            !(
              (this._kinds[this._p + 1] === T.Op &&
                AFTER_SOFT_NAME.has(next)) ||
              this._kinds[this._p + 1] === T.Newline
            ))
        ) {
          // A Python 2 print or a soft keyword's statement.
          this._unsure();
        }
      }
      if (kind !== T.Keyword) {
        this._expressionStatement();
        return;
      }
      switch (text) {
        case 'pass':
        case 'break':
        case 'continue':
          this._p++;
          return;
        case 'del':
          this._p++;
          this._commaSep(Item.Expression);
          return;
        case 'return':
          this._p++;
          if (!this._atLineEnd()) {
            this._commaSep(Item.StarOrTest);
          }
          return;
        case 'raise':
          this._p++;
          if (!this._atLineEnd()) {
            this._test();
            if (this._isKeyword('from')) {
              this._p++;
              this._test();
            }
          }
          return;
        case 'global':
        case 'nonlocal':
          this._scopeStatement(text === 'global');
          return;
        case 'assert':
          this._p++;
          this._commaSep(Item.Test);
          return;
        case 'import':
        case 'from':
          this._import();
          return;
        case 'yield':
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
          event.names.push(this._texts[this._p]);
        }
        this._p++;
      } while (this._comma(false));
    }

    private _import(): void {
      const event = this._scopeEvent(E.Import);
      const names = event.names;
      if (this._isKeyword('from')) {
        this._p++;
        let relative = false;
        while (this._isOp('.') || this._isOp('...')) {
          relative = true;
          this._p++;
        }
        if (!relative || !this._isKeyword('import')) {
          this._dotted();
        }
        this._expectKeyword('import');
        if (this._isOp('*')) {
          this._p++;
          event.star = true;
        } else {
          const parenthesized = this._isOp('(');
          if (parenthesized) {
            this._p++;
          }
          do {
            if (parenthesized && this._isOp(')')) {
              break;
            }
            const name = this._texts[this._p];
            this._plainName();
            names.push(this._alias() ?? name);
          } while (this._comma(parenthesized));
          if (parenthesized) {
            this._expectOp(')');
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
      if (!this._isKeyword('as')) {
        return null;
      }
      this._p++;
      const name = this._texts[this._p];
      this._plainName();
      return name;
    }

    /**
     * A dotted module name; its first part.
     */
    private _dotted(): string {
      const first = this._texts[this._p];
      this._plainName();
      while (this._isOp('.')) {
        this._p++;
        this._plainName();
      }
      return first;
    }

    private _yield(): void {
      this._p++;
      if (this._isKeyword('from')) {
        this._p++;
        this._test();
      } else if (!this._atLineEnd() && !this._isOp(')') && !this._isREnd()) {
        this._commaSep(Item.StarOrTest);
      }
    }

    private _expressionStatement(): void {
      const targets = this._expressions();
      const single = this._items === 1;
      if (this._isOp(':')) {
        this._p++;
        this._test();
        if (!this._isOp('=')) {
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
      if (this._isOp('=')) {
        // Every group but the last (the value) is a target: the one
        // before the last, and the others of `a = b = value` (few).
        let target = targets;
        let others: Target[] | null = null;
        for (;;) {
          this._p++;
          let group: Target = null;
          if (this._isKeyword('yield')) {
            this._yield();
          } else {
            group = this._expressions();
          }
          if (!this._isOp('=')) {
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
      if (this._kinds[this._p] === T.Op && UPDATE.has(this._texts[this._p])) {
        this._p++;
        if (!single) {
          this._unsure();
        }
        if (this._isKeyword('yield')) {
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
      if (this._atLineEnd() || this._isOp('=')) {
        this._unsure();
      }
      const first = this._starOr(false);
      let targets: Target[] | null = null;
      while (this._comma() && !this._atLineEnd() && !this._isOp('=')) {
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
      if (this._isOp('*')) {
        this._p++;
        return this._expression();
      }
      return named ? this._testNamed() : this._test();
    }

    private _testNamed(): Target {
      if (
        this._kinds[this._p] === T.Name &&
        this._texts[this._p + 1] === ':=' &&
        this._kinds[this._p + 1] === T.Op
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
      if (this._isOp(':=')) {
        this._unsure();
      }
      return target;
    }

    private _test(): Target {
      // Lambdas and conditions nest without brackets.
      this._enter();
      let target: Target;
      if (this._isKeyword('lambda')) {
        target = this._lambda(false);
      } else if (this._atomAlone()) {
        // Most tests are one name, number or string: read without the
        // descent through every operator level, which finds the same.
        target = this._atom();
      } else {
        target = this._or();
        if (this._isKeyword('if')) {
          this._p++;
          this._or();
          this._expectKeyword('else');
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
      return (
        next === T.Newline ||
        (next === T.Op && TEST_ENDS.has(this._texts[this._p + 1]))
      );
    }

    private _testNoCond(): Target {
      return this._isKeyword('lambda') ? this._lambda(true) : this._or();
    }

    private _lambda(noCond: boolean): Target {
      const scope = this._scopeEvent(E.Pend);
      this._p++;
      while (!this._isOp(':')) {
        const star = this._isOp('*') || this._isOp('**');
        if (star) {
          this._p++;
        }
        if (!star || this._kinds[this._p] === T.Name) {
          scope.names.push(this._parameter());
          if (!star && this._isOp('=')) {
            this._p++;
            this._test();
          }
        }
        if (!this._isOp(',')) {
          break;
        }
        this._p++;
        if (this._isOp(':')) {
          // `lambda x,: x`: Python reads it, the parser does not.
          this._unsure();
        }
      }
      this._expectOp(':');
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
        while (this._isKeyword('not')) {
          this._p++;
          negated = true;
        }
        target = this._expression();
        operands += negated ? 2 : 1;
        // The token after an operand, read once (this runs for each).
        const kind = this._kinds[this._p];
        const text = this._texts[this._p];
        const keyword = kind === T.Keyword;
        if (keyword && (text === 'or' || text === 'and' || text === 'in')) {
          this._p++;
        } else if (keyword && text === 'not' && this._isKeyword('in', 1)) {
          this._p += 2;
        } else if (keyword && text === 'is') {
          this._p++;
          if (this._isKeyword('not')) {
            this._p++;
          }
        } else if (kind === T.Op && COMPARE.has(text)) {
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
        while (
          (this._kinds[this._p] === T.Op &&
            (this._texts[this._p] === '-' ||
              this._texts[this._p] === '+' ||
              this._texts[this._p] === '~')) ||
          this._isKeyword('await')
        ) {
          this._p++;
          prefixed = true;
        }
        target = this._primary();
        operands += prefixed ? 2 : 1;
        if (this._kinds[this._p] === T.Op && BINARY.has(this._texts[this._p])) {
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
        if (this._isOp('(')) {
          this._arguments();
        } else if (this._isOp('[')) {
          this._subscript();
        } else if (this._isOp('.')) {
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
      const text = this._texts[this._p];
      switch (kind) {
        case T.Name:
          return this._name();
        case T.Number:
          this._p++;
          return null;
        case T.String:
        case T.FStart:
          this._strings();
          return null;
        case T.Keyword:
          if (text === 'None' || text === 'True' || text === 'False') {
            this._p++;
            return null;
          }
          break;
        case T.Op:
          if (text === '...') {
            this._p++;
            return null;
          }
          if (text === '(' || text === '[' || text === '{') {
            this._enter();
            const target = this._bracket(text);
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
      if (this._isKeyword('yield')) {
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
    private _bracket(open: string): Target {
      const close = open === '(' ? ')' : open === '[' ? ']' : '}';
      // Room for the comprehension's scope, entered here if it is one.
      const at = this._starts[this._p];
      const slot = this._events.add(E.Skip, at, '');
      this._p++;
      if (this._isOp(close)) {
        this._p++;
        return open === '{' ? null : [];
      }
      if (open === '(' && this._isKeyword('yield')) {
        this._yield();
        this._expectOp(')');
        return null;
      }
      let dict = false;
      let first: Target;
      if (open === '{') {
        if (this._isOp('**')) {
          this._p++;
          this._expression();
          dict = true;
        } else {
          this._starOr(false);
          if (this._isOp(':')) {
            this._p++;
            this._test();
            dict = true;
          }
        }
        first = null;
      } else {
        first = this._starOr(true);
      }
      if (this._isKeyword('for') || this._isKeyword('async')) {
        const scope = new ScopeEvent();
        this._events.setScope(slot, E.Comprehension, scope);
        scope.from = at;
        scope.scope = 'comprehension';
        this._comprehension(scope.names);
        this._expectOp(close);
        scope.to = this._ends[this._p - 1];
        return null;
      }
      const items: Target[] = [first];
      let comma = false;
      while (this._isOp(',')) {
        comma = true;
        this._p++;
        if (this._isOp(close)) {
          break;
        }
        if (open === '{') {
          this._dictOrSetItem(dict);
        } else {
          items.push(this._starOr(true));
        }
      }
      this._expectOp(close);
      if (open === '{') {
        return null;
      }
      // A tuple, a list, or a parenthesized expression: a group of one.
      return open === '(' && !comma && first === null ? null : items;
    }

    private _dictOrSetItem(dict: boolean): void {
      if (dict) {
        if (this._isOp('**')) {
          this._p++;
          this._expression();
        } else {
          this._test();
          this._expectOp(':');
          this._test();
        }
      } else {
        this._starOr(false);
      }
    }

    /**
     * `for ... in ... if ...` clauses; with `locals`, of a comprehension
     * (its targets are its locals), else of a call's generator argument
     * (its targets are read, as the walk reads them there).
     */
    private _comprehension(locals: string[] | null): void {
      for (;;) {
        if (this._isKeyword('async')) {
          this._p++;
        }
        this._expectKeyword('for');
        const targets: Target[] = [];
        do {
          targets.push(this._expression());
        } while (this._comma() && !this._isKeyword('in'));
        this._expectKeyword('in');
        this._or();
        if (locals !== null) {
          for (const target of targets) {
            this._localTargets(target, locals);
          }
        }
        while (this._isKeyword('if')) {
          this._p++;
          this._testNoCond();
        }
        if (!this._isKeyword('for') && !this._isKeyword('async')) {
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
      this._p++;
      this._enter();
      while (!this._isOp(')')) {
        if (this._isOp('*') || this._isOp('**')) {
          this._p++;
          this._test();
        } else {
          if (
            this._kinds[this._p] === T.Name &&
            this._kinds[this._p + 1] === T.Op &&
            (this._texts[this._p + 1] === '=' ||
              this._texts[this._p + 1] === ':=')
          ) {
            this._p += 2;
          }
          this._test();
          if (this._isKeyword('for') || this._isKeyword('async')) {
            this._comprehension(null);
          }
        }
        if (!this._comma()) {
          break;
        }
      }
      this._expectOp(')');
      this._leave();
    }

    private _subscript(): void {
      this._p++;
      this._enter();
      while (!this._isOp(']')) {
        if (!this._isOp(':')) {
          this._testNamed();
        }
        for (let colons = 0; colons < 2 && this._isOp(':'); colons++) {
          this._p++;
          if (!this._isOp(':') && !this._isOp(']') && !this._isOp(',')) {
            this._testNamed();
          }
        }
        if (!this._isOp(',')) {
          break;
        }
        this._p++;
      }
      this._expectOp(']');
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
      const event = this._event(E.Read, this._texts[this._p]);
      this._p++;
      return event;
    }

    /**
     * A parameter's name: a local of the scope, not a read.
     */
    private _parameter(): string {
      const name = this._texts[this._p];
      this._plainName();
      return name;
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
      if (!this._isOp(',')) {
        return false;
      }
      this._p++;
      // The token after the comma, read once (this runs for each comma).
      const kind = this._kinds[this._p];
      const text = this._texts[this._p];
      const op = kind === T.Op;
      const lineEnd =
        kind === T.Newline || kind === T.End || (op && text === ';');
      if (!trailing && (lineEnd || (op && text === ')'))) {
        this._unsure();
      }
      return !(lineEnd || (op && AFTER_LAST_ITEM.has(text)));
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
          if (this._isOp('*')) {
            this._p++;
          }
          this._test();
      }
    }

    private _atLineEnd(): boolean {
      const kind = this._kinds[this._p];
      return kind === T.Newline || kind === T.End || this._isOp(';');
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

    private _isOp(text: string): boolean {
      return this._kinds[this._p] === T.Op && this._texts[this._p] === text;
    }

    private _isKeyword(text: string, ahead = 0): boolean {
      return (
        this._kinds[this._p + ahead] === T.Keyword &&
        this._texts[this._p + ahead] === text
      );
    }

    private _expect(kind: T): void {
      if (this._kinds[this._p] !== kind) {
        this._unsure();
      }
      this._p++;
    }

    private _expectOp(text: string): void {
      if (!this._isOp(text)) {
        this._unsure();
      }
      this._p++;
    }

    private _expectKeyword(text: string): void {
      if (!this._isKeyword(text)) {
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
    private _texts: string[];
    private _p = 0;
    private _depth = 0;
    private _events: Events;
    /**
     * How many items the last {@link _expressions} read.
     */
    private _items = 0;
  }
}
