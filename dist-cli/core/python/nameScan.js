"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.PARSER_CUTOFF = exports.NameScanner = void 0;
exports.scanNames = scanNames;
const nameScopes_1 = require("./nameScopes");
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
function scanNames(code, source, maxLength = exports.PARSER_CUTOFF) {
    return new NameScanner().scan(code, source, maxLength);
}
/**
 * {@link scanNames} for many cells in turn (those of a notebook): the
 * arrays of tokens are kept from one cell to the next rather than made
 * for each. One scanner reads one cell at a time.
 */
class NameScanner {
    constructor() {
        // Room for the tokens of most cells (they grow for more).
        this._tokens = Private.tokenArrays(1024);
        // The same for the events the reader finds.
        this._events = new Private.Events();
    }
    /**
     * {@link scanNames} of one cell.
     *
     * @param code - the cell's Python code (`ipythonToPython`'s `code`).
     * @param source - the cell's source.
     * @param maxLength - the length from which code is left to the parser.
     */
    scan(code, source, maxLength = exports.PARSER_CUTOFF) {
        return code.length >= maxLength
            ? null
            : Private.scan(code, source, this._tokens, this._events);
    }
}
exports.NameScanner = NameScanner;
/**
 * The length of code from which the fast scan leaves a cell to the parser.
 * In code this long, `@lezer/python` may cut a construct short (on a long
 * run of reductions from one position, 300 of 2,000 characters or more,
 * it forces them to end: a long chain of calls, some long runs of
 * comments) and read the rest otherwise than Python does; the fast scan
 * would then give other names than the parser. Shorter code never meets
 * that cut, and most cells are far shorter.
 */
exports.PARSER_CUTOFF = 2000;
/**
 * Module internals.
 */
var Private;
(function (Private) {
    /**
     * {@link scanNames} of code shorter than the cutoff, with the token
     * arrays to fill (grown in place when too short).
     */
    function scan(code, source, arrays, events) {
        const tokens = tokenize(code, arrays);
        if (tokens === null) {
            return null;
        }
        try {
            if (!new Reader(tokens, events, code).read()) {
                return null;
            }
            const scopes = new nameScopes_1.NameScopes(code.length);
            (0, nameScopes_1.readMagics)(source, scopes);
            replay(events, scopes);
            return scopes.result();
        }
        catch (error) {
            if (error instanceof nameScopes_1.ScopesTooDeep) {
                return null;
            }
            throw error;
        }
        finally {
            events.clear();
        }
    }
    Private.scan = scan;
    /**
     * The operators, by kind, and their lengths.
     */
    const OPERATORS = [
        [15 /* T.LParen */, '('],
        [16 /* T.RParen */, ')'],
        [17 /* T.LBracket */, '['],
        [18 /* T.RBracket */, ']'],
        [19 /* T.LBrace */, '{'],
        [20 /* T.RBrace */, '}'],
        [21 /* T.Comma */, ','],
        [22 /* T.Semicolon */, ';'],
        [23 /* T.Tilde */, '~'],
        [24 /* T.Ellipsis */, '...'],
        [25 /* T.Dot */, '.'],
        [26 /* T.Equal */, '=='],
        [27 /* T.Assign */, '='],
        [28 /* T.Walrus */, ':='],
        [29 /* T.Colon */, ':'],
        [30 /* T.NotEqual */, '!='],
        [31 /* T.Arrow */, '->'],
        [32 /* T.Minus */, '-'],
        [33 /* T.Plus */, '+'],
        [34 /* T.Percent */, '%'],
        [35 /* T.Ampersand */, '&'],
        [36 /* T.Pipe */, '|'],
        [37 /* T.Caret */, '^'],
        [38 /* T.At */, '@'],
        [39 /* T.Star */, '*'],
        [40 /* T.Power */, '**'],
        [41 /* T.Slash */, '/'],
        [42 /* T.FloorDivide */, '//'],
        [43 /* T.Greater */, '>'],
        [44 /* T.RightShift */, '>>'],
        [45 /* T.GreaterEqual */, '>='],
        [46 /* T.Less */, '<'],
        [47 /* T.LeftShift */, '<<'],
        [48 /* T.LessEqual */, '<='],
        [49 /* T.MinusAssign */, '-='],
        [50 /* T.PlusAssign */, '+='],
        [51 /* T.PercentAssign */, '%='],
        [52 /* T.AmpersandAssign */, '&='],
        [53 /* T.PipeAssign */, '|='],
        [54 /* T.CaretAssign */, '^='],
        [55 /* T.AtAssign */, '@='],
        [56 /* T.StarAssign */, '*='],
        [57 /* T.PowerAssign */, '**='],
        [58 /* T.SlashAssign */, '/='],
        [59 /* T.FloorDivideAssign */, '//='],
        [60 /* T.RightShiftAssign */, '>>='],
        [61 /* T.LeftShiftAssign */, '<<=']
    ];
    /**
     * Each kind's length as an operator (`0` for the other kinds).
     */
    const OPERATOR_LENGTH = new Uint8Array(96 /* T.Yield */ + 1);
    for (const [kind, text] of OPERATORS) {
        OPERATOR_LENGTH[kind] = text.length;
    }
    /**
     * The sets each kind is in, a bit a set.
     */
    const KIND_SETS = new Uint8Array(96 /* T.Yield */ + 1);
    const inSet = (set, kinds) => {
        for (const kind of kinds) {
            KIND_SETS[kind] |= set;
        }
    };
    inSet(1 /* K.Compare */, [
        46 /* T.Less */,
        43 /* T.Greater */,
        26 /* T.Equal */,
        45 /* T.GreaterEqual */,
        48 /* T.LessEqual */,
        30 /* T.NotEqual */
    ]);
    inSet(2 /* K.Binary */, [
        36 /* T.Pipe */,
        37 /* T.Caret */,
        35 /* T.Ampersand */,
        47 /* T.LeftShift */,
        44 /* T.RightShift */,
        33 /* T.Plus */,
        32 /* T.Minus */,
        39 /* T.Star */,
        38 /* T.At */,
        41 /* T.Slash */,
        34 /* T.Percent */,
        42 /* T.FloorDivide */,
        40 /* T.Power */
    ]);
    const UPDATES = [
        50 /* T.PlusAssign */,
        49 /* T.MinusAssign */,
        56 /* T.StarAssign */,
        58 /* T.SlashAssign */,
        59 /* T.FloorDivideAssign */,
        51 /* T.PercentAssign */,
        55 /* T.AtAssign */,
        52 /* T.AmpersandAssign */,
        53 /* T.PipeAssign */,
        54 /* T.CaretAssign */,
        60 /* T.RightShiftAssign */,
        61 /* T.LeftShiftAssign */,
        57 /* T.PowerAssign */
    ];
    inSet(4 /* K.Update */, UPDATES);
    inSet(8 /* K.TestEnd */, [
        21 /* T.Comma */,
        16 /* T.RParen */,
        18 /* T.RBracket */,
        20 /* T.RBrace */,
        29 /* T.Colon */,
        27 /* T.Assign */,
        22 /* T.Semicolon */
    ]);
    inSet(16 /* K.AfterLastItem */, [16 /* T.RParen */, 18 /* T.RBracket */, 20 /* T.RBrace */, 27 /* T.Assign */, 29 /* T.Colon */]);
    inSet(32 /* K.AfterSoftName */, [
        27 /* T.Assign */,
        25 /* T.Dot */,
        15 /* T.LParen */,
        17 /* T.LBracket */,
        21 /* T.Comma */,
        22 /* T.Semicolon */,
        ...UPDATES
    ]);
    /**
     * Whether the kind is in the set.
     */
    function isIn(kind, set) {
        return (KIND_SETS[kind] & set) !== 0;
    }
    /**
     * Empty token arrays with room for `size` tokens.
     */
    function tokenArrays(size) {
        return new TokenArrays(size);
    }
    Private.tokenArrays = tokenArrays;
    /**
     * The token arrays' one shape, made by a constructor rather than an
     * object literal: V8 keeps each field typed as the typed array it
     * holds, where a second copy of a literal would loosen the types and
     * throw away the optimized code that counted on them.
     */
    class TokenArrays {
        constructor(size) {
            this.kinds = new Uint8Array(0);
            this.starts = new Int32Array(0);
            this.ends = new Int32Array(0);
            // Grown from empty: the fields are written again from the start, so
            // V8 does not take them for constants, and a later growth (a long
            // cell) throws away no optimized code that counted on them.
            growTokens(this, size);
        }
    }
    /**
     * Room for `size` tokens, the tokens so far kept, in the same object.
     */
    function growTokens(arrays, size) {
        arrays.kinds = doubled(arrays.kinds, new Uint8Array(size));
        arrays.starts = doubled(arrays.starts, new Int32Array(size));
        arrays.ends = doubled(arrays.ends, new Int32Array(size));
    }
    /**
     * Python's keywords (the parser never reads them as names).
     */
    const KEYWORDS = [
        [62 /* T.False */, 'False'],
        [63 /* T.None */, 'None'],
        [64 /* T.True */, 'True'],
        [65 /* T.And */, 'and'],
        [66 /* T.As */, 'as'],
        [67 /* T.Assert */, 'assert'],
        [68 /* T.Async */, 'async'],
        [69 /* T.Await */, 'await'],
        [70 /* T.Break */, 'break'],
        [71 /* T.Class */, 'class'],
        [72 /* T.Continue */, 'continue'],
        [73 /* T.Def */, 'def'],
        [74 /* T.Del */, 'del'],
        [75 /* T.Elif */, 'elif'],
        [76 /* T.Else */, 'else'],
        [77 /* T.Except */, 'except'],
        [78 /* T.Finally */, 'finally'],
        [79 /* T.For */, 'for'],
        [80 /* T.From */, 'from'],
        [81 /* T.Global */, 'global'],
        [82 /* T.If */, 'if'],
        [83 /* T.Import */, 'import'],
        [84 /* T.In */, 'in'],
        [85 /* T.Is */, 'is'],
        [86 /* T.Lambda */, 'lambda'],
        [87 /* T.Nonlocal */, 'nonlocal'],
        [88 /* T.Not */, 'not'],
        [89 /* T.Or */, 'or'],
        [90 /* T.Pass */, 'pass'],
        [91 /* T.Raise */, 'raise'],
        [92 /* T.Return */, 'return'],
        [93 /* T.Try */, 'try'],
        [94 /* T.While */, 'while'],
        [95 /* T.With */, 'with'],
        [96 /* T.Yield */, 'yield']
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
    const KEYWORD_SLOTS = [];
    const KEYWORD_KINDS = [];
    for (const [kind, keyword] of KEYWORDS) {
        const slot = keyword.charCodeAt(0) * (MAX_KEYWORD + 1) + keyword.length;
        (KEYWORD_SLOTS[slot] ?? (KEYWORD_SLOTS[slot] = [])).push(keyword);
        (KEYWORD_KINDS[slot] ?? (KEYWORD_KINDS[slot] = [])).push(kind);
    }
    /**
     * The kind of the keyword spelled from `pos` to `end` (a name's
     * characters), or `T.Name`.
     */
    function keywordAt(code, pos, end) {
        const length = end - pos;
        if (length > MAX_KEYWORD) {
            return 0 /* T.Name */;
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
        return 0 /* T.Name */;
    }
    /**
     * How deep f-strings nest in replacement fields before the scan gives up.
     */
    const MAX_FSTRING_DEPTH = 3;
    /**
     * Thrown when the scan is not sure.
     */
    class Unsure extends Error {
    }
    function isNameStart(c) {
        return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
    }
    /**
     * `into` (more room) holding `from`'s values: the token and event
     * arrays grow by doubling, so a cell costs time linear in its length.
     */
    function doubled(from, into) {
        into.set(from);
        return into;
    }
    function isNameChar(c) {
        return isNameStart(c) || (c >= 48 && c <= 57);
    }
    /**
     * `1` for the ASCII characters of names (letters, digits, `_`).
     */
    const NAME_CHARS = Uint8Array.from({ length: 128 }, (_, c) => isNameChar(c) ? 1 : 0);
    function isDigit(c) {
        return c >= 48 && c <= 57;
    }
    /**
     * The tokens of the code, or `null` when the scan is not sure of them.
     */
    function tokenize(code, arrays) {
        try {
            return new Tokenizer(code, arrays).run();
        }
        catch (error) {
            if (error instanceof Unsure) {
                return null;
            }
            throw error;
        }
    }
    Private.tokenize = tokenize;
    /**
     * Python's tokenizer, for the code the scan reads.
     */
    class Tokenizer {
        constructor(code, arrays) {
            this._count = 0;
            // The kinds of the open brackets.
            this._brackets = [];
            this._lastEnd = 0;
            // The tokenizer looks a character past a token; code that does not
            // end a line (most cells) is read with a newline there, which yields
            // the same tokens, so that it never reads past the end: optimized
            // code that does is thrown away and compiled again.
            this._code = code.endsWith('\n') ? code : code + '\n';
            this._arrays = arrays;
        }
        run() {
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
                        this._mark(4 /* T.Indent */);
                    }
                    while (indent < indents[indents.length - 1]) {
                        indents.pop();
                        this._mark(5 /* T.Dedent */);
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
                }
                else if (c === 10) {
                    if (this._brackets.length === 0) {
                        this._mark(3 /* T.Newline */);
                        lineStart = true;
                    }
                    pos++;
                }
                else if (c === 35) {
                    pos = this._skipComment(pos);
                }
                else {
                    pos = this._token(pos, null);
                }
            }
            if (this._brackets.length > 0) {
                this._unsure();
            }
            if (this._count > 0 &&
                this._arrays.kinds[this._count - 1] !== 3 /* T.Newline */) {
                this._mark(3 /* T.Newline */);
            }
            for (let i = 1; i < indents.length; i++) {
                this._mark(5 /* T.Dedent */);
            }
            this._mark(6 /* T.End */);
            // The reader looks one token ahead at most, the end's included.
            this._mark(14 /* T.Past */);
            return this._arrays;
        }
        /**
         * One token at `pos` (not a space, newline or comment); where it ends.
         * In a replacement field, `field` holds its f-string's quote.
         */
        _token(pos, field) {
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
            if (op === 0 /* T.Name */) {
                // `\`, `!`, `$`, `?`, a backtick, `\r`, non-ASCII...
                this._unsure();
            }
            if (op === 15 /* T.LParen */ || op === 17 /* T.LBracket */ || op === 19 /* T.LBrace */) {
                this._brackets.push(op);
            }
            else if (op === 16 /* T.RParen */ || op === 18 /* T.RBracket */ || op === 20 /* T.RBrace */) {
                // Each closing kind follows its opening one, of the same field.
                if (this._brackets.length === (field?.brackets ?? 0) ||
                    this._brackets.pop() !== op - 1) {
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
        _number(pos) {
            const code = this._code;
            const end = numberEnd(code, pos);
            const next = code.charCodeAt(end);
            if (end - pos >= MAX_NUMBER ||
                isNameChar(next) ||
                next === 46 ||
                next >= 128) {
                this._unsure();
            }
            this._push(1 /* T.Number */, pos, end);
            return end;
        }
        /**
         * A string from its prefix at `start` and its quote at `quote`;
         * f-strings with their replacement fields as tokens.
         */
        _string(start, quote, field) {
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
            const long = code.charCodeAt(quote + 1) === q && code.charCodeAt(quote + 2) === q;
            const delimiter = long ? 3 : 1;
            if (format) {
                this._push(7 /* T.FStart */, start, quote + delimiter);
                if ((field?.depth ?? 0) >= MAX_FSTRING_DEPTH) {
                    this._unsure();
                }
            }
            let i = quote + delimiter;
            for (;;) {
                const c = code.charCodeAt(i);
                if (i >= code.length) {
                    this._unsure();
                }
                else if (c === 92) {
                    const next = code.charCodeAt(i + 1);
                    if ((next === 10 && !long) ||
                        (format && !raw && (next === 123 || next === 125 || next === 78))) {
                        // A continued short string, `\{` or `\N{...}` in an f-string:
                        // read differently by the parser and by Python.
                        this._unsure();
                    }
                    i += 2;
                }
                else if (c === 10 && !long) {
                    this._unsure();
                }
                else if (c === q &&
                    (!long ||
                        (code.charCodeAt(i + 1) === q && code.charCodeAt(i + 2) === q))) {
                    i += delimiter;
                    break;
                }
                else if (format && c === 123) {
                    if (code.charCodeAt(i + 1) === 123) {
                        i += 2;
                    }
                    else {
                        i = this._field(i, {
                            quote: q,
                            long,
                            depth: (field?.depth ?? 0) + 1,
                            brackets: this._brackets.length
                        });
                    }
                }
                else if (c === 10) {
                    // A line of a long string.
                    i++;
                }
                else {
                    // Most characters of a string: passed in one loop, to the next
                    // that may end it, a line or a replacement field (the code ends
                    // with a newline, where it stops at the latest).
                    let next = code.charCodeAt(++i);
                    while (next !== q &&
                        next !== 92 &&
                        next !== 10 &&
                        (next !== 123 || !format)) {
                        next = code.charCodeAt(++i);
                    }
                }
            }
            if (format) {
                this._push(8 /* T.FEnd */, i - delimiter, i);
            }
            else {
                this._push(2 /* T.String */, start, i);
            }
            return i;
        }
        /**
         * A replacement field from its `{`; where it ends.
         */
        _field(open, field) {
            const code = this._code;
            this._push(9 /* T.RStart */, open, open + 1);
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
                    }
                    else if (c === 125) {
                        break;
                    }
                    else if (c === 10 || c === 92 || c === field.quote) {
                        this._unsure();
                    }
                    else {
                        i++;
                    }
                    continue;
                }
                const top = this._brackets.length === field.brackets;
                if (c === 32 || c === 9) {
                    i++;
                }
                else if (c === 10) {
                    if (!field.long) {
                        this._unsure();
                    }
                    i++;
                }
                else if (c === 35 || c === 92) {
                    this._unsure();
                }
                else if (top && c === 125) {
                    break;
                }
                else if (top && c === 58) {
                    this._push(13 /* T.Spec */, i, i + 1);
                    spec = true;
                    i++;
                }
                else if (top && c === 33 && code.charCodeAt(i + 1) !== 61) {
                    // `!r`, `!s`, `!a` before the spec or the end.
                    const conversion = code.charCodeAt(i + 1);
                    const after = code.charCodeAt(i + 2);
                    if ((conversion !== 115 && conversion !== 114 && conversion !== 97) ||
                        (after !== 58 && after !== 125)) {
                        this._unsure();
                    }
                    this._push(12 /* T.Conversion */, i, i + 2);
                    i += 2;
                }
                else if (top && c === 61 && code.charCodeAt(i + 1) !== 61) {
                    this._push(11 /* T.SelfDoc */, i, i + 1);
                    i++;
                }
                else {
                    i = this._token(i, field);
                }
            }
            if (this._brackets.length > field.brackets) {
                this._unsure();
            }
            this._push(10 /* T.REnd */, i, i + 1);
            return i + 1;
        }
        _skipComment(pos) {
            const end = this._code.indexOf('\n', pos);
            return end < 0 ? this._code.length : end;
        }
        /**
         * A token of the code.
         */
        _push(kind, start, end) {
            this._add(kind, start, end);
            this._lastEnd = end;
        }
        /**
         * A newline, indent, dedent, the end or past it: at the end of the
         * token before.
         */
        _mark(kind) {
            this._add(kind, this._lastEnd, this._lastEnd);
        }
        _add(kind, start, end) {
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
        _grow() {
            growTokens(this._arrays, this._arrays.kinds.length * 2);
        }
        _unsure() {
            throw new Unsure();
        }
    }
    /**
     * The kind of the operator at `pos`, the longest there, or `T.Name`
     * for none: the operators of one, two and three characters, `**= //=
     * >>= <<= ... ** // >> << <= >= == != -> := += -= *= /= %= &= |= ^= @=
     * + - * / % @ & | ^ ~ < > ( ) [ ] { } , : . ; =`.
     */
    function operatorAt(code, pos) {
        const next = code.charCodeAt(pos + 1);
        const assign = next === 61;
        switch (code.charCodeAt(pos)) {
            case 40:
                return 15 /* T.LParen */;
            case 41:
                return 16 /* T.RParen */;
            case 91:
                return 17 /* T.LBracket */;
            case 93:
                return 18 /* T.RBracket */;
            case 123:
                return 19 /* T.LBrace */;
            case 125:
                return 20 /* T.RBrace */;
            case 44:
                return 21 /* T.Comma */;
            case 59:
                return 22 /* T.Semicolon */;
            case 126:
                return 23 /* T.Tilde */;
            case 46:
                return next === 46 && code.charCodeAt(pos + 2) === 46
                    ? 24 /* T.Ellipsis */
                    : 25 /* T.Dot */;
            case 61:
                return assign ? 26 /* T.Equal */ : 27 /* T.Assign */;
            case 58:
                return assign ? 28 /* T.Walrus */ : 29 /* T.Colon */;
            case 33:
                return assign ? 30 /* T.NotEqual */ : 0 /* T.Name */;
            case 45:
                return next === 62 ? 31 /* T.Arrow */ : assign ? 49 /* T.MinusAssign */ : 32 /* T.Minus */;
            case 43:
                return assign ? 50 /* T.PlusAssign */ : 33 /* T.Plus */;
            case 37:
                return assign ? 51 /* T.PercentAssign */ : 34 /* T.Percent */;
            case 38:
                return assign ? 52 /* T.AmpersandAssign */ : 35 /* T.Ampersand */;
            case 124:
                return assign ? 53 /* T.PipeAssign */ : 36 /* T.Pipe */;
            case 94:
                return assign ? 54 /* T.CaretAssign */ : 37 /* T.Caret */;
            case 64:
                return assign ? 55 /* T.AtAssign */ : 38 /* T.At */;
            case 42:
                return doubling(code, pos, STAR);
            case 47:
                return doubling(code, pos, SLASH);
            case 62:
                return doubling(code, pos, GREATER);
            case 60:
                return doubling(code, pos, LESS);
            default:
                return 0 /* T.Name */;
        }
    }
    /**
     * The kinds of the operators of a character that doubles: itself, with
     * `=`, doubled, doubled with `=`.
     */
    const STAR = [39 /* T.Star */, 56 /* T.StarAssign */, 40 /* T.Power */, 57 /* T.PowerAssign */];
    const SLASH = [41 /* T.Slash */, 58 /* T.SlashAssign */, 42 /* T.FloorDivide */, 59 /* T.FloorDivideAssign */];
    const GREATER = [43 /* T.Greater */, 45 /* T.GreaterEqual */, 44 /* T.RightShift */, 60 /* T.RightShiftAssign */];
    const LESS = [46 /* T.Less */, 48 /* T.LessEqual */, 47 /* T.LeftShift */, 61 /* T.LeftShiftAssign */];
    /**
     * The operator at `pos` of a character that doubles (`*`, `/`, `>`,
     * `<`), of its `kinds`.
     */
    function doubling(code, pos, kinds) {
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
    function numberEnd(code, pos) {
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
        let end;
        if (c === 46) {
            end = digitsEnd(code, pos + 2);
        }
        else {
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
    function digitsEnd(code, pos) {
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
    function isDigitOf(c, base) {
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
    function stringPrefix(code, start, quote) {
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
     * A scope's event (`Pend`, `Comprehension`), `global`'s or `import`'s:
     * its names (and for an import, where they bind and whether it is
     * `from x import *`).
     */
    class ScopeEvent {
        constructor() {
            this.scope = 'function';
            this.from = 0;
            this.to = 0;
            this.names = [];
            this.at = 0;
            this.star = false;
        }
    }
    Private.ScopeEvent = ScopeEvent;
    /**
     * The events of a cell, in order: parallel arrays whose room is kept
     * from one cell to the next, an event an index (no object made for the
     * names, which are most events). A name's event (`Read`, `Bind`,
     * `Update`, `Skip`) has its `name`, `at` (where a binding takes effect)
     * and `walrus`; the others have their {@link ScopeEvent} at `at` in
     * `scopes`. `Skip` also where a bracket was not a comprehension.
     */
    class Events {
        constructor() {
            this.count = 0;
            this.kinds = new Uint8Array(0);
            this.pos = new Int32Array(0);
            this.at = new Int32Array(0);
            this.walrus = new Uint8Array(0);
            this.names = [];
            this.scopes = [];
            // The arrays start empty and are grown to their first size: their
            // fields are written again from the start, so V8 does not take them
            // for constants (the first growth for a long cell would then throw
            // away the optimized code that counted on them).
            this._grow(256);
        }
        /**
         * An event of `kind` at `pos`, with a name's text: its index.
         */
        add(kind, pos, name) {
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
        insert(i, kind, pos, name) {
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
        setScope(i, kind, scope) {
            this.kinds[i] = kind;
            this.at[i] = this.scopes.length;
            this.scopes.push(scope);
        }
        /**
         * Forget the events (and the names they hold), keeping the room.
         */
        clear() {
            this.names.fill('', 0, this.count);
            this.count = 0;
            this.scopes.length = 0;
        }
        _grow(size) {
            this.kinds = doubled(this.kinds, new Uint8Array(size));
            this.pos = doubled(this.pos, new Int32Array(size));
            this.at = doubled(this.at, new Int32Array(size));
            this.walrus = doubled(this.walrus, new Uint8Array(size));
            for (let i = this.names.length; i < size; i++) {
                this.names.push('');
            }
        }
    }
    Private.Events = Events;
    /**
     * Feed the events to the scopes, as the walk does.
     */
    function replay(events, scopes) {
        const { count, kinds, pos, at, walrus, names } = events;
        for (let i = 0; i < count; i++) {
            switch (kinds[i]) {
                case 0 /* E.Read */:
                    scopes.leave(pos[i]);
                    scopes.readName(names[i], pos[i]);
                    break;
                case 1 /* E.Bind */:
                    scopes.leave(pos[i]);
                    scopes.bind(names[i], at[i], walrus[i] === 1);
                    break;
                case 2 /* E.Update */:
                    scopes.leave(pos[i]);
                    scopes.read(names[i], pos[i]);
                    scopes.bind(names[i], at[i], false);
                    break;
                case 3 /* E.Pend */:
                case 4 /* E.Comprehension */: {
                    const event = events.scopes[at[i]];
                    const { from } = event;
                    const scope = scopes.scope(event.scope, from, event.to);
                    for (const name of event.names) {
                        scope.locals.set(name, from);
                    }
                    if (kinds[i] === 3 /* E.Pend */) {
                        scopes.leave(pos[i]);
                        scopes.pend(scope);
                    }
                    else {
                        scopes.push(scope);
                    }
                    break;
                }
                case 5 /* E.Global */:
                    scopes.leave(pos[i]);
                    for (const name of events.scopes[at[i]].names) {
                        scopes.declareGlobal(name);
                    }
                    break;
                case 6 /* E.Import */: {
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
    Private.replay = replay;
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
    class Reader {
        constructor(tokens, events, code) {
            this._p = 0;
            this._depth = 0;
            /**
             * How many items the last {@link _expressions} read.
             */
            this._items = 0;
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
        read() {
            try {
                while (this._kinds[this._p] !== 6 /* T.End */) {
                    this._statement();
                }
                return true;
            }
            catch (error) {
                if (error instanceof Unsure) {
                    return false;
                }
                throw error;
            }
        }
        // Statements.
        _statement() {
            switch (this._kinds[this._p]) {
                case 38 /* T.At */:
                    this._decorated();
                    return;
                case 82 /* T.If */:
                    this._if();
                    return;
                case 94 /* T.While */:
                    this._p++;
                    this._testNamed();
                    this._body();
                    this._else();
                    return;
                case 79 /* T.For */:
                    this._for();
                    return;
                case 93 /* T.Try */:
                    this._try();
                    return;
                case 95 /* T.With */:
                    this._with();
                    return;
                case 73 /* T.Def */:
                    this._def();
                    return;
                case 71 /* T.Class */:
                    this._class();
                    return;
                case 68 /* T.Async */:
                    this._async();
                    return;
                default:
                    this._simpleLine();
            }
        }
        _async() {
            const next = this._kinds[this._p + 1];
            this._p++;
            if (next === 73 /* T.Def */) {
                this._def();
            }
            else if (next === 79 /* T.For */) {
                this._for();
            }
            else if (next === 95 /* T.With */) {
                this._with();
            }
            else {
                this._unsure();
            }
        }
        _if() {
            this._p++;
            this._testNamed();
            this._body();
            while (this._is(75 /* T.Elif */)) {
                this._p++;
                this._testNamed();
                this._body();
            }
            this._else();
        }
        _else() {
            if (this._is(76 /* T.Else */)) {
                this._p++;
                this._body();
            }
        }
        _for() {
            this._p++;
            const targets = [];
            do {
                if (this._is(39 /* T.Star */)) {
                    this._p++;
                }
                targets.push(this._expression());
            } while (this._comma() && !this._is(84 /* T.In */));
            this._expect(84 /* T.In */);
            this._commaSep(0 /* Item.Test */);
            const colon = this._starts[this._p];
            for (const target of targets) {
                this._bindTargets(target, colon);
            }
            this._body();
            this._else();
        }
        _try() {
            this._p++;
            this._body();
            let clauses = 0;
            while (this._is(77 /* T.Except */)) {
                clauses++;
                this._p++;
                if (this._is(39 /* T.Star */)) {
                    this._p++;
                }
                if (!this._is(29 /* T.Colon */)) {
                    this._test();
                    this._as();
                }
                this._body();
            }
            this._else();
            if (this._is(78 /* T.Finally */)) {
                clauses++;
                this._p++;
                this._body();
            }
            if (clauses === 0) {
                this._unsure();
            }
        }
        _with() {
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
        _as() {
            if (this._is(66 /* T.As */)) {
                this._p++;
                const name = this._name();
                this._events.kinds[name] = 1 /* E.Bind */;
                this._events.at[name] = this._starts[this._p];
            }
        }
        _decorated() {
            while (this._is(38 /* T.At */)) {
                this._p++;
                this._name();
                while (this._is(25 /* T.Dot */)) {
                    this._p++;
                    this._name();
                }
                if (this._is(15 /* T.LParen */)) {
                    this._arguments();
                }
                this._expect(3 /* T.Newline */);
            }
            if (this._is(68 /* T.Async */)) {
                this._p++;
            }
            if (this._is(73 /* T.Def */)) {
                this._def();
            }
            else if (this._is(71 /* T.Class */)) {
                this._class();
            }
            else {
                this._unsure();
            }
        }
        _def() {
            const scope = this._scopeEvent(3 /* E.Pend */);
            this._p++;
            const name = this._name();
            this._events.kinds[name] = 1 /* E.Bind */;
            this._expect(15 /* T.LParen */);
            while (!this._is(16 /* T.RParen */)) {
                if (this._is(41 /* T.Slash */)) {
                    this._p++;
                }
                else {
                    const star = this._is(39 /* T.Star */) || this._is(40 /* T.Power */);
                    if (star) {
                        this._p++;
                    }
                    if (!star || this._kinds[this._p] === 0 /* T.Name */) {
                        scope.names.push(this._parameter());
                        if (this._is(29 /* T.Colon */)) {
                            this._p++;
                            this._test();
                        }
                        if (!star && this._is(27 /* T.Assign */)) {
                            this._p++;
                            this._test();
                        }
                    }
                }
                if (!this._comma()) {
                    break;
                }
            }
            this._expect(16 /* T.RParen */);
            if (this._is(31 /* T.Arrow */)) {
                this._p++;
                this._test();
            }
            this._definitionBody(scope, name);
        }
        _class() {
            const scope = this._scopeEvent(3 /* E.Pend */);
            scope.scope = 'class';
            this._p++;
            const name = this._name();
            this._events.kinds[name] = 1 /* E.Bind */;
            if (this._is(15 /* T.LParen */)) {
                this._arguments();
            }
            this._definitionBody(scope, name);
        }
        /**
         * The body of a `def` or `class`: its scope; the name binds at its end.
         */
        _definitionBody(scope, name) {
            scope.from = this._starts[this._p];
            this._body();
            scope.to = this._lastEnd();
            this._events.at[name] = scope.to;
        }
        /**
         * `: statements`, on the line or indented below.
         */
        _body() {
            this._expect(29 /* T.Colon */);
            if (this._kinds[this._p] !== 3 /* T.Newline */) {
                this._simpleLine();
                return;
            }
            this._p++;
            this._expect(4 /* T.Indent */);
            while (this._kinds[this._p] !== 5 /* T.Dedent */) {
                if (this._kinds[this._p] === 6 /* T.End */) {
                    return;
                }
                this._statement();
            }
            this._p++;
        }
        /**
         * Small statements separated by `;`, to the end of the line.
         */
        _simpleLine() {
            this._small();
            while (this._is(22 /* T.Semicolon */)) {
                this._p++;
                if (this._kinds[this._p] === 3 /* T.Newline */) {
                    break;
                }
                this._small();
            }
            this._expect(3 /* T.Newline */);
        }
        _small() {
            const kind = this._kinds[this._p];
            if (kind === 0 /* T.Name */) {
                const next = this._kinds[this._p + 1];
                if ((next !== 15 /* T.LParen */ && this._spells('print')) ||
                    (!(isIn(next, 32 /* K.AfterSoftName */) || next === 3 /* T.Newline */) &&
                        this._isSoftKeyword())) {
                    // A Python 2 print or a soft keyword's statement.
                    this._unsure();
                }
            }
            switch (kind) {
                case 90 /* T.Pass */:
                case 70 /* T.Break */:
                case 72 /* T.Continue */:
                    this._p++;
                    return;
                case 74 /* T.Del */:
                    this._p++;
                    this._commaSep(1 /* Item.Expression */);
                    return;
                case 92 /* T.Return */:
                    this._p++;
                    if (!this._atLineEnd()) {
                        this._commaSep(2 /* Item.StarOrTest */);
                    }
                    return;
                case 91 /* T.Raise */:
                    this._p++;
                    if (!this._atLineEnd()) {
                        this._test();
                        if (this._is(80 /* T.From */)) {
                            this._p++;
                            this._test();
                        }
                    }
                    return;
                case 81 /* T.Global */:
                case 87 /* T.Nonlocal */:
                    this._scopeStatement(kind === 81 /* T.Global */);
                    return;
                case 67 /* T.Assert */:
                    this._p++;
                    this._commaSep(0 /* Item.Test */);
                    return;
                case 83 /* T.Import */:
                case 80 /* T.From */:
                    this._import();
                    return;
                case 96 /* T.Yield */:
                    this._yield();
                    return;
                default:
                    // Expressions start with None, True, False, not, lambda, await.
                    this._expressionStatement();
            }
        }
        _scopeStatement(global) {
            const event = this._scopeEvent(5 /* E.Global */);
            this._p++;
            do {
                if (this._kinds[this._p] !== 0 /* T.Name */) {
                    this._unsure();
                }
                if (global) {
                    event.names.push(this._text());
                }
                this._p++;
            } while (this._comma(false));
        }
        _import() {
            const event = this._scopeEvent(6 /* E.Import */);
            const names = event.names;
            if (this._is(80 /* T.From */)) {
                this._p++;
                let relative = false;
                while (this._is(25 /* T.Dot */) || this._is(24 /* T.Ellipsis */)) {
                    relative = true;
                    this._p++;
                }
                if (!relative || !this._is(83 /* T.Import */)) {
                    this._dotted();
                }
                this._expect(83 /* T.Import */);
                if (this._is(39 /* T.Star */)) {
                    this._p++;
                    event.star = true;
                }
                else {
                    const parenthesized = this._is(15 /* T.LParen */);
                    if (parenthesized) {
                        this._p++;
                    }
                    do {
                        if (parenthesized && this._is(16 /* T.RParen */)) {
                            break;
                        }
                        const name = this._plainNameText();
                        names.push(this._alias() ?? name);
                    } while (this._comma(parenthesized));
                    if (parenthesized) {
                        this._expect(16 /* T.RParen */);
                    }
                }
            }
            else {
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
        _alias() {
            if (!this._is(66 /* T.As */)) {
                return null;
            }
            this._p++;
            return this._plainNameText();
        }
        /**
         * A dotted module name; its first part.
         */
        _dotted() {
            const first = this._plainNameText();
            while (this._is(25 /* T.Dot */)) {
                this._p++;
                this._plainName();
            }
            return first;
        }
        _yield() {
            this._p++;
            if (this._is(80 /* T.From */)) {
                this._p++;
                this._test();
            }
            else if (!this._atLineEnd() && !this._is(16 /* T.RParen */) && !this._isREnd()) {
                this._commaSep(2 /* Item.StarOrTest */);
            }
        }
        _expressionStatement() {
            const targets = this._expressions();
            const single = this._items === 1;
            if (this._is(29 /* T.Colon */)) {
                this._p++;
                this._test();
                if (!this._is(27 /* T.Assign */)) {
                    // `x: int` alone binds and reads nothing.
                    if (!single) {
                        this._unsure();
                    }
                    if (typeof targets === 'number') {
                        this._events.kinds[targets] = 7 /* E.Skip */;
                    }
                    return;
                }
            }
            if (this._is(27 /* T.Assign */)) {
                // Every group but the last (the value) is a target: the one
                // before the last, and the others of `a = b = value` (few).
                let target = targets;
                let others = null;
                for (;;) {
                    this._p++;
                    let group = null;
                    if (this._is(96 /* T.Yield */)) {
                        this._yield();
                    }
                    else {
                        group = this._expressions();
                    }
                    if (!this._is(27 /* T.Assign */)) {
                        break;
                    }
                    (others ?? (others = [])).push(target);
                    target = group;
                }
                const at = this._lastEnd();
                this._bindTargets(target, at);
                if (others !== null) {
                    this._bindTargets(others, at);
                }
                return;
            }
            if (isIn(this._kinds[this._p], 4 /* K.Update */)) {
                this._p++;
                if (!single) {
                    this._unsure();
                }
                if (this._is(96 /* T.Yield */)) {
                    this._yield();
                }
                else {
                    this._commaSep(0 /* Item.Test */);
                }
                if (typeof targets === 'number') {
                    this._events.kinds[targets] = 2 /* E.Update */;
                    this._events.at[targets] = this._lastEnd();
                }
            }
        }
        /**
         * Names of a target (also in groups) bind at `at`.
         */
        _bindTargets(target, at) {
            if (typeof target === 'number') {
                this._events.kinds[target] = 1 /* E.Bind */;
                this._events.at[target] = at;
            }
            else if (target !== null) {
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
        _expressions() {
            if (this._atLineEnd() || this._is(27 /* T.Assign */)) {
                this._unsure();
            }
            const first = this._starOr(false);
            let targets = null;
            while (this._comma() && !this._atLineEnd() && !this._is(27 /* T.Assign */)) {
                (targets ?? (targets = [first])).push(this._starOr(false));
            }
            this._items = targets === null ? 1 : targets.length;
            return targets ?? first;
        }
        // Expressions.
        /**
         * `*expression`, or a test (`named`: which may be a walrus).
         */
        _starOr(named) {
            if (this._is(39 /* T.Star */)) {
                this._p++;
                return this._expression();
            }
            return named ? this._testNamed() : this._test();
        }
        _testNamed() {
            if (this._kinds[this._p] === 0 /* T.Name */ &&
                this._kinds[this._p + 1] === 28 /* T.Walrus */) {
                const name = this._name();
                this._p++;
                this._test();
                const events = this._events;
                events.kinds[name] = 1 /* E.Bind */;
                events.walrus[name] = 1;
                events.at[name] = this._lastEnd();
                return null;
            }
            const target = this._test();
            if (this._is(28 /* T.Walrus */)) {
                this._unsure();
            }
            return target;
        }
        _test() {
            // Lambdas and conditions nest without brackets.
            this._enter();
            let target;
            if (this._is(86 /* T.Lambda */)) {
                target = this._lambda(false);
            }
            else if (this._atomAlone()) {
                // Most tests are one name, number or string: read without the
                // descent through every operator level, which finds the same.
                target = this._atom();
            }
            else {
                target = this._or();
                if (this._is(82 /* T.If */)) {
                    this._p++;
                    this._or();
                    this._expect(76 /* T.Else */);
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
        _atomAlone() {
            const kind = this._kinds[this._p];
            if (kind !== 0 /* T.Name */ && kind !== 1 /* T.Number */ && kind !== 2 /* T.String */) {
                return false;
            }
            const next = this._kinds[this._p + 1];
            return next === 3 /* T.Newline */ || isIn(next, 8 /* K.TestEnd */);
        }
        _testNoCond() {
            return this._is(86 /* T.Lambda */) ? this._lambda(true) : this._or();
        }
        _lambda(noCond) {
            const scope = this._scopeEvent(3 /* E.Pend */);
            this._p++;
            while (!this._is(29 /* T.Colon */)) {
                const star = this._is(39 /* T.Star */) || this._is(40 /* T.Power */);
                if (star) {
                    this._p++;
                }
                if (!star || this._kinds[this._p] === 0 /* T.Name */) {
                    scope.names.push(this._parameter());
                    if (!star && this._is(27 /* T.Assign */)) {
                        this._p++;
                        this._test();
                    }
                }
                if (!this._is(21 /* T.Comma */)) {
                    break;
                }
                this._p++;
                if (this._is(29 /* T.Colon */)) {
                    // `lambda x,: x`: Python reads it, the parser does not.
                    this._unsure();
                }
            }
            this._expect(29 /* T.Colon */);
            scope.from = this._ends[this._p - 1];
            this._enter();
            if (noCond) {
                this._testNoCond();
            }
            else {
                this._test();
            }
            this._leave();
            scope.to = this._lastEnd();
            return null;
        }
        /**
         * `or`, `and`, `not` and comparisons of expressions.
         */
        _or() {
            let operands = 0;
            let target = null;
            for (;;) {
                let negated = false;
                while (this._is(88 /* T.Not */)) {
                    this._p++;
                    negated = true;
                }
                target = this._expression();
                operands += negated ? 2 : 1;
                // The token after an operand, read once (this runs for each).
                const kind = this._kinds[this._p];
                if (kind === 89 /* T.Or */ || kind === 65 /* T.And */ || kind === 84 /* T.In */) {
                    this._p++;
                }
                else if (kind === 88 /* T.Not */ && this._is(84 /* T.In */, 1)) {
                    this._p += 2;
                }
                else if (kind === 85 /* T.Is */) {
                    this._p++;
                    if (this._is(88 /* T.Not */)) {
                        this._p++;
                    }
                }
                else if (isIn(kind, 1 /* K.Compare */)) {
                    this._p++;
                }
                else {
                    return operands === 1 ? target : null;
                }
            }
        }
        /**
         * An expression with binary and unary operators, `await`.
         */
        _expression() {
            let operands = 0;
            let target = null;
            for (;;) {
                let prefixed = false;
                for (let kind = this._kinds[this._p]; kind === 32 /* T.Minus */ ||
                    kind === 33 /* T.Plus */ ||
                    kind === 23 /* T.Tilde */ ||
                    kind === 69 /* T.Await */; kind = this._kinds[this._p]) {
                    this._p++;
                    prefixed = true;
                }
                target = this._primary();
                operands += prefixed ? 2 : 1;
                if (isIn(this._kinds[this._p], 2 /* K.Binary */)) {
                    this._p++;
                }
                else {
                    return operands === 1 ? target : null;
                }
            }
        }
        /**
         * An atom and its calls, subscripts and attributes.
         */
        _primary() {
            let target = this._atom();
            for (;;) {
                if (this._is(15 /* T.LParen */)) {
                    this._arguments();
                }
                else if (this._is(17 /* T.LBracket */)) {
                    this._subscript();
                }
                else if (this._is(25 /* T.Dot */)) {
                    this._p++;
                    this._plainName();
                }
                else {
                    return target;
                }
                target = null;
            }
        }
        _atom() {
            const kind = this._kinds[this._p];
            switch (kind) {
                case 0 /* T.Name */:
                    return this._name();
                case 1 /* T.Number */:
                case 63 /* T.None */:
                case 64 /* T.True */:
                case 62 /* T.False */:
                case 24 /* T.Ellipsis */:
                    this._p++;
                    return null;
                case 2 /* T.String */:
                case 7 /* T.FStart */:
                    this._strings();
                    return null;
                case 15 /* T.LParen */:
                case 17 /* T.LBracket */:
                case 19 /* T.LBrace */: {
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
        _strings() {
            for (;;) {
                const kind = this._kinds[this._p];
                if (kind === 2 /* T.String */) {
                    this._p++;
                }
                else if (kind === 7 /* T.FStart */) {
                    this._p++;
                    while (this._kinds[this._p] === 9 /* T.RStart */) {
                        this._field();
                    }
                    this._expect(8 /* T.FEnd */);
                }
                else {
                    return;
                }
            }
        }
        _field() {
            this._p++;
            this._enter();
            if (this._is(96 /* T.Yield */)) {
                this._yield();
            }
            else {
                this._commaSep(3 /* Item.FieldItem */);
            }
            this._leave();
            if (this._kinds[this._p] === 11 /* T.SelfDoc */) {
                this._p++;
            }
            if (this._kinds[this._p] === 12 /* T.Conversion */) {
                this._p++;
            }
            if (this._kinds[this._p] === 13 /* T.Spec */) {
                this._p++;
                while (this._kinds[this._p] === 9 /* T.RStart */) {
                    this._field();
                }
            }
            this._expect(10 /* T.REnd */);
        }
        /**
         * A parenthesized expression, tuple, list, dict or set, or a
         * comprehension, from its opening bracket.
         */
        _bracket(open) {
            // Each closing kind follows its opening one.
            const close = open + 1;
            // Room for the comprehension's scope, entered here if it is one.
            const at = this._starts[this._p];
            const slot = this._events.add(7 /* E.Skip */, at, '');
            this._p++;
            if (this._is(close)) {
                this._p++;
                return open === 19 /* T.LBrace */ ? null : [];
            }
            if (open === 15 /* T.LParen */ && this._is(96 /* T.Yield */)) {
                this._yield();
                this._expect(16 /* T.RParen */);
                return null;
            }
            let dict = false;
            let first;
            if (open === 19 /* T.LBrace */) {
                if (this._is(40 /* T.Power */)) {
                    this._p++;
                    this._expression();
                    dict = true;
                }
                else {
                    this._starOr(false);
                    if (this._is(29 /* T.Colon */)) {
                        this._p++;
                        this._test();
                        dict = true;
                    }
                }
                first = null;
            }
            else {
                first = this._starOr(true);
            }
            if (this._is(79 /* T.For */) || this._is(68 /* T.Async */)) {
                const scope = new ScopeEvent();
                this._events.setScope(slot, 4 /* E.Comprehension */, scope);
                scope.from = at;
                scope.scope = 'comprehension';
                this._comprehension(scope.names);
                this._expect(close);
                scope.to = this._ends[this._p - 1];
                return null;
            }
            const items = [first];
            let comma = false;
            while (this._is(21 /* T.Comma */)) {
                comma = true;
                this._p++;
                if (this._is(close)) {
                    break;
                }
                if (open === 19 /* T.LBrace */) {
                    this._dictOrSetItem(dict);
                }
                else {
                    items.push(this._starOr(true));
                }
            }
            this._expect(close);
            if (open === 19 /* T.LBrace */) {
                return null;
            }
            // A tuple, a list, or a parenthesized expression: a group of one.
            return open === 15 /* T.LParen */ && !comma && first === null ? null : items;
        }
        _dictOrSetItem(dict) {
            if (dict) {
                if (this._is(40 /* T.Power */)) {
                    this._p++;
                    this._expression();
                }
                else {
                    this._test();
                    this._expect(29 /* T.Colon */);
                    this._test();
                }
            }
            else {
                this._starOr(false);
            }
        }
        /**
         * `for ... in ... if ...` clauses of a comprehension or a generator
         * argument; its targets are `locals`.
         */
        _comprehension(locals) {
            for (;;) {
                if (this._is(68 /* T.Async */)) {
                    this._p++;
                }
                this._expect(79 /* T.For */);
                const targets = [];
                do {
                    targets.push(this._expression());
                } while (this._comma() && !this._is(84 /* T.In */));
                this._expect(84 /* T.In */);
                this._or();
                for (const target of targets) {
                    this._localTargets(target, locals);
                }
                while (this._is(82 /* T.If */)) {
                    this._p++;
                    this._testNoCond();
                }
                if (!this._is(79 /* T.For */) && !this._is(68 /* T.Async */)) {
                    return;
                }
            }
        }
        _localTargets(target, locals) {
            if (typeof target === 'number') {
                this._events.kinds[target] = 7 /* E.Skip */;
                locals.push(this._events.names[target]);
            }
            else if (target !== null) {
                for (const item of target) {
                    this._localTargets(item, locals);
                }
            }
        }
        /**
         * `(arguments)` of a call, class or decorator: keyword names are
         * neither read nor bound.
         */
        _arguments() {
            // The scope of a generator argument (`sum(x for x in xs)`), the
            // walk's `ArgList`, is entered here if there is one (rare: its
            // event is put in then, before those of the arguments).
            const at = this._starts[this._p];
            const slot = this._events.count;
            let generator = null;
            this._p++;
            this._enter();
            while (!this._is(16 /* T.RParen */)) {
                if (this._is(39 /* T.Star */) || this._is(40 /* T.Power */)) {
                    this._p++;
                    this._test();
                }
                else {
                    if (this._kinds[this._p] === 0 /* T.Name */ &&
                        (this._kinds[this._p + 1] === 27 /* T.Assign */ ||
                            this._kinds[this._p + 1] === 28 /* T.Walrus */)) {
                        this._p += 2;
                    }
                    this._test();
                    if (this._is(79 /* T.For */) || this._is(68 /* T.Async */)) {
                        if (generator === null) {
                            generator = new ScopeEvent();
                            this._events.insert(slot, 7 /* E.Skip */, at, '');
                            this._events.setScope(slot, 4 /* E.Comprehension */, generator);
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
            this._expect(16 /* T.RParen */);
            if (generator !== null) {
                generator.to = this._ends[this._p - 1];
            }
            this._leave();
        }
        _subscript() {
            this._p++;
            this._enter();
            while (!this._is(18 /* T.RBracket */)) {
                if (!this._is(29 /* T.Colon */)) {
                    this._testNamed();
                }
                for (let colons = 0; colons < 2 && this._is(29 /* T.Colon */); colons++) {
                    this._p++;
                    if (!this._is(29 /* T.Colon */) &&
                        !this._is(18 /* T.RBracket */) &&
                        !this._is(21 /* T.Comma */)) {
                        this._testNamed();
                    }
                }
                if (!this._is(21 /* T.Comma */)) {
                    break;
                }
                this._p++;
            }
            this._expect(18 /* T.RBracket */);
            this._leave();
        }
        // Tokens.
        /**
         * A name read here (its event, which may become a target).
         */
        _name() {
            if (this._kinds[this._p] !== 0 /* T.Name */) {
                this._unsure();
            }
            const event = this._event(0 /* E.Read */, this._text());
            this._p++;
            return event;
        }
        /**
         * A parameter's name: a local of the scope, not a read.
         */
        _parameter() {
            return this._plainNameText();
        }
        /**
         * A name that is neither read nor bound (an attribute, a module).
         */
        _plainName() {
            if (this._kinds[this._p] !== 0 /* T.Name */) {
                this._unsure();
            }
            this._p++;
        }
        /**
         * {@link _plainName}, and its text.
         */
        _plainNameText() {
            if (this._kinds[this._p] !== 0 /* T.Name */) {
                this._unsure();
            }
            const text = this._text();
            this._p++;
            return text;
        }
        /**
         * The text of the token here (a name's).
         */
        _text() {
            return this._code.slice(this._starts[this._p], this._ends[this._p]);
        }
        /**
         * Whether the name here spells `word`.
         */
        _spells(word) {
            const start = this._starts[this._p];
            return (this._ends[this._p] - start === word.length &&
                this._code.startsWith(word, start));
        }
        /**
         * Whether the name here is a soft keyword.
         */
        _isSoftKeyword() {
            // Each is four or five letters: most names are not tried.
            const length = this._ends[this._p] - this._starts[this._p];
            return ((length === 4 || length === 5) &&
                SOFT_KEYWORDS.some(word => this._spells(word)));
        }
        _scopeEvent(kind) {
            const scope = new ScopeEvent();
            const event = this._events.add(kind, this._starts[this._p], '');
            this._events.setScope(event, kind, scope);
            return scope;
        }
        _event(kind, name) {
            return this._events.add(kind, this._starts[this._p], name);
        }
        /**
         * A comma, if there (`trailing`: one before a closing bracket or `in`
         * is allowed, the caller checks).
         */
        _comma(trailing = true) {
            if (!this._is(21 /* T.Comma */)) {
                return false;
            }
            this._p++;
            // The token after the comma, read once (this runs for each comma).
            const kind = this._kinds[this._p];
            const lineEnd = kind === 3 /* T.Newline */ || kind === 6 /* T.End */ || kind === 22 /* T.Semicolon */;
            if (!trailing && (lineEnd || kind === 16 /* T.RParen */)) {
                this._unsure();
            }
            return !(lineEnd || isIn(kind, 16 /* K.AfterLastItem */));
        }
        _commaSep(item) {
            do {
                this._item(item);
            } while (this._comma());
        }
        _item(item) {
            switch (item) {
                case 0 /* Item.Test */:
                    this._test();
                    break;
                case 1 /* Item.Expression */:
                    this._expression();
                    break;
                case 2 /* Item.StarOrTest */:
                    this._starOr(false);
                    break;
                case 3 /* Item.FieldItem */:
                    if (this._is(39 /* T.Star */)) {
                        this._p++;
                    }
                    this._test();
            }
        }
        _atLineEnd() {
            const kind = this._kinds[this._p];
            return kind === 3 /* T.Newline */ || kind === 6 /* T.End */ || this._is(22 /* T.Semicolon */);
        }
        _isREnd() {
            const kind = this._kinds[this._p];
            return (kind === 10 /* T.REnd */ ||
                kind === 11 /* T.SelfDoc */ ||
                kind === 12 /* T.Conversion */ ||
                kind === 13 /* T.Spec */);
        }
        /**
         * Whether the token here (or `ahead`) is of `kind`.
         */
        _is(kind, ahead = 0) {
            return this._kinds[this._p + ahead] === kind;
        }
        _expect(kind) {
            if (this._kinds[this._p] !== kind) {
                this._unsure();
            }
            this._p++;
        }
        /**
         * Where the last token read ends.
         */
        _lastEnd() {
            return this._ends[this._p - 1];
        }
        _enter() {
            if (++this._depth > MAX_DEPTH) {
                this._unsure();
            }
        }
        _leave() {
            this._depth--;
        }
        _unsure() {
            throw new Unsure();
        }
    }
    Private.Reader = Reader;
})(Private || (Private = {}));
