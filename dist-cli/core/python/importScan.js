"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.scanImports = scanImports;
const nameScan_1 = require("./nameScan");
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
function scanImports(code, end = code.length, maxLength = nameScan_1.PARSER_CUTOFF) {
    if (code.includes('\r')) {
        return null;
    }
    try {
        return new Private.Statements(Private.lex(code, end, maxLength)).modules();
    }
    catch (error) {
        if (error instanceof Private.Unsure) {
            return null;
        }
        throw error;
    }
}
/**
 * Module internals.
 */
var Private;
(function (Private) {
    /**
     * Thrown when the scan is not sure.
     */
    class Unsure extends Error {
    }
    Private.Unsure = Unsure;
    /**
     * The tokens are strings: a name, keyword or operator is its text; the
     * others are these marks, which no name or operator spells.
     */
    Private.NEWLINE = '\n';
    Private.INDENT = '\t';
    Private.DEDENT = '\b';
    Private.STRING = '"';
    Private.NUMBER = '0';
    Private.END = '';
    /**
     * Python's keywords (the parser never reads them as names).
     */
    Private.KEYWORDS = new Set(('False None True and as assert async await break class continue def ' +
        'del elif else except finally for from global if import in is ' +
        'lambda nonlocal not or pass raise return try while with yield').split(' '));
    /**
     * A name, digits with an optional fraction, the longest of Python's
     * operators: tokens at a position (sticky).
     */
    const NAME = /[A-Za-z_]\w*/y;
    const DIGITS = /\d+(?:\.\d+)?/y;
    const OPERATOR = /\*\*=|\/\/=|>>=|<<=|\.\.\.|->|:=|\*\*|\/\/|>>|<<|[<>=!]=|[-+*\/%@&|^]=|[-+*\/%@&|^~<>()[\]{},:.;=]/y;
    /**
     * Char codes the tokenizer tells tokens by.
     */
    const SPACE = 32;
    const HASH = 35;
    const NEWLINE_CODE = 10;
    const DOUBLE_QUOTE = 34;
    const SINGLE_QUOTE = 39;
    /**
     * Whether a char code starts a name: `A`-`Z`, `a`-`z`, `_`.
     */
    function isNameStart(c) {
        return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
    }
    /**
     * Spaces at a line's start.
     */
    const SPACES = / */y;
    /**
     * String prefixes, lower-cased, that the parser reads as such.
     */
    const PREFIXES = new Set(['', 'u', 'b', 'r', 'rb', 'br', 'f', 'rf', 'fr']);
    /**
     * The rest of a string after its opening quotes, to its closing ones,
     * by quote, length and prefix. Refused (no match): a line break in a
     * short string, a backslash before a line break, `\N{...}` (read
     * otherwise by the parser and by Python), an f-string's replacement
     * field or any backslash in an f-string.
     */
    function stringRest(quote, long, raw, format) {
        const plain = `[^${quote}\\\\${long ? '' : '\\n'}${format ? '{}' : ''}]`;
        const escape = format ? [] : [raw ? '\\\\[^\\n]' : '\\\\[^\\nN]'];
        const inner = long ? [`${quote}(?!${quote}${quote})`] : [];
        const close = long ? quote.repeat(3) : quote;
        return new RegExp(`(?:${[plain, ...escape, ...inner].join('|')})*${close}`, 'y');
    }
    /**
     * {@link stringRest} for every kind of string, by `quote + long + raw +
     * format` (each flag `0` or `1`).
     */
    const STRING_RESTS = new Map(["'", '"'].flatMap(quote => [0, 1, 2, 3, 4, 5, 6, 7].map(bits => {
        const [long, raw, format] = [bits & 4, bits & 2, bits & 1].map(Boolean);
        return [
            `${quote}${+long}${+raw}${+format}`,
            stringRest(quote, long, raw, format)
        ];
    })));
    /**
     * What closes each bracket.
     */
    const CLOSING = { '(': ')', '[': ']', '{': '}' };
    /**
     * The tokens of the code (see {@link NEWLINE}) to the first end of a
     * line at or after `end`, closed by newline, dedents and {@link END}.
     * Indentation is of spaces only; no backslash continuation.
     */
    function lex(code, end, maxLength) {
        const tokens = [];
        const widths = [0];
        const open = [];
        let at = 0;
        let fresh = true;
        while (at < code.length && !(fresh && at >= end)) {
            if (at >= maxLength) {
                throw new Unsure();
            }
            if (fresh && open.length === 0) {
                SPACES.lastIndex = at;
                SPACES.test(code);
                const first = SPACES.lastIndex;
                // Every index read is inside the code: a read past its end gives
                // `undefined` or NaN and costs the optimized code a deoptimization.
                const ahead = first < code.length ? code.charCodeAt(first) : -1;
                if (ahead === NEWLINE_CODE || ahead === HASH || ahead === -1) {
                    // A blank line or a comment: no indentation.
                    at = ahead === HASH ? lineEnd(code, first) : first + 1;
                    continue;
                }
                indent(first - at, widths, tokens);
                at = first;
                fresh = false;
            }
            // The token's kind by its first character, matched with a sticky
            // pattern's test: no match array to build.
            const c = code.charCodeAt(at);
            if (c === SPACE) {
                SPACES.lastIndex = at;
                SPACES.test(code);
                at = SPACES.lastIndex;
            }
            else if (c === HASH) {
                at = lineEnd(code, at);
            }
            else if (c === NEWLINE_CODE) {
                fresh = open.length === 0;
                if (fresh) {
                    tokens.push(Private.NEWLINE);
                }
                at++;
            }
            else if (isNameStart(c)) {
                NAME.lastIndex = at;
                NAME.test(code);
                at = word(code, at, NAME.lastIndex, tokens);
            }
            else if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE) {
                at = word(code, at, at + 1, tokens);
            }
            else if (c >= 48 && c <= 57) {
                DIGITS.lastIndex = at;
                DIGITS.test(code);
                const next = DIGITS.lastIndex;
                // Glued to a name, a dot or non-ASCII: `1.`, `1e5`, `0x1f`, `1_0`.
                if (next < code.length &&
                    (/[\w.]/.test(code[next]) || code.charCodeAt(next) >= 128)) {
                    throw new Unsure();
                }
                tokens.push(Private.NUMBER);
                at = next;
            }
            else {
                OPERATOR.lastIndex = at;
                if (!OPERATOR.test(code)) {
                    // `\`, `!`, `$`, `?`, a backtick, a tab, non-ASCII...
                    throw new Unsure();
                }
                const op = code.slice(at, OPERATOR.lastIndex);
                bracket(op, open);
                tokens.push(op);
                at = OPERATOR.lastIndex;
            }
        }
        if (open.length > 0 || at >= maxLength) {
            throw new Unsure();
        }
        if (tokens.length > 0 && tokens[tokens.length - 1] !== Private.NEWLINE) {
            tokens.push(Private.NEWLINE);
        }
        return tokens.concat(widths.slice(1).map(() => Private.DEDENT), Private.END);
    }
    Private.lex = lex;
    /**
     * Where the line from `at` ends (its newline, or the code's end).
     */
    function lineEnd(code, at) {
        const newline = code.indexOf('\n', at);
        return newline < 0 ? code.length : newline;
    }
    /**
     * Indent and dedent tokens for a line indented `width` spaces.
     */
    function indent(width, widths, tokens) {
        if (width > widths[widths.length - 1]) {
            // Never on the first line.
            if (tokens.length === 0) {
                throw new Unsure();
            }
            widths.push(width);
            tokens.push(Private.INDENT);
        }
        for (; width < widths[widths.length - 1]; widths.pop()) {
            tokens.push(Private.DEDENT);
        }
        if (width !== widths[widths.length - 1]) {
            throw new Unsure();
        }
    }
    /**
     * Keep track of open brackets; a closing one must close the last.
     */
    function bracket(op, open) {
        if (op in CLOSING) {
            open.push(CLOSING[op]);
        }
        else if (')]}'.includes(op) && open.pop() !== op) {
            throw new Unsure();
        }
    }
    /**
     * A name, keyword or string from `at` (a name matched up to `next`, or
     * a quote); where it ends.
     */
    function word(code, at, next, tokens) {
        const c = code.charCodeAt(at);
        let quoteAt = c === SINGLE_QUOTE || c === DOUBLE_QUOTE ? at : next;
        const q = quoteAt < code.length ? code.charCodeAt(quoteAt) : -1;
        if (q !== SINGLE_QUOTE && q !== DOUBLE_QUOTE) {
            if (next < code.length && code.charCodeAt(next) >= 128) {
                throw new Unsure();
            }
            tokens.push(code.slice(at, next));
            return next;
        }
        const quote = q === SINGLE_QUOTE ? "'" : '"';
        const prefix = code.slice(at, quoteAt).toLowerCase();
        if (!PREFIXES.has(prefix)) {
            throw new Unsure();
        }
        const long = code.startsWith(quote.repeat(3), quoteAt);
        quoteAt += long ? 3 : 1;
        const flags = [long, prefix.includes('r'), prefix.includes('f')];
        const rest = STRING_RESTS.get(quote + flags.map(Number).join(''));
        rest.lastIndex = quoteAt;
        if (!rest.test(code)) {
            throw new Unsure();
        }
        tokens.push(Private.STRING);
        return rest.lastIndex;
    }
    /**
     * How deep blocks and expressions nest before the scan gives up (the
     * reader recurses).
     */
    const MAX_DEPTH = 100;
    /**
     * Binary and comparison operators.
     */
    const BINARY = new Set('+ - * / // % @ ** | & ^ << >> < > <= >= == !='.split(' '));
    /**
     * Augmented assignments.
     */
    const UPDATE = new Set('+= -= *= /= //= %= @= &= |= ^= >>= <<= **='.split(' '));
    /**
     * Tokens that start an operand: the marks of strings and numbers,
     * brackets, unary operators and the keywords that are values.
     */
    const OPERAND_START = new Set([
        Private.STRING,
        Private.NUMBER,
        '(',
        '[',
        '{',
        '-',
        '+',
        '~',
        'not',
        'None',
        'True',
        'False'
    ]);
    /**
     * Keywords that are a whole small statement, or one that may say no
     * more (`return`, `raise`).
     */
    const STATEMENTS = new Set(['pass', 'break', 'continue', 'return', 'raise']);
    /**
     * Soft keywords, whose statements (`match`, `case`, `type X = ...`) the
     * reader does not read.
     */
    const SOFT_KEYWORDS = new Set(['match', 'case', 'type']);
    /**
     * Whether a token is a name (not a keyword).
     */
    function isName(token) {
        return /^[A-Za-z_]/.test(token) && !Private.KEYWORDS.has(token);
    }
    /**
     * Whether a token starts an operand.
     */
    function startsOperand(token) {
        return OPERAND_START.has(token) || isName(token);
    }
    /**
     * A recursive-descent reader of the statements it knows, collecting the
     * modules of import statements.
     */
    class Statements {
        constructor(tokens) {
            this._found = [];
            this._at = 0;
            this._depth = 0;
            this._tokens = tokens;
        }
        /**
         * The modules imported; throws {@link Unsure}.
         */
        modules() {
            while (this._peek() !== Private.END) {
                this._statement();
            }
            return this._found;
        }
        _statement() {
            const keyword = this._peek();
            if (this._eat('if') || this._eat('while')) {
                this._clauses(keyword === 'if' ? 'elif' : '', true);
            }
            else if (this._eat('for')) {
                this._targets();
                this._need('in');
                this._list();
                this._clauses('', false);
            }
            else if (this._eat('try')) {
                this._block();
                while (this._eat('except')) {
                    if (this._peek() !== ':') {
                        this._test();
                        this._alias();
                    }
                    this._block();
                }
                this._orElse();
                this._after('finally', () => this._block());
            }
            else if (this._eat('with')) {
                do {
                    this._test();
                    this._alias();
                } while (this._eat(','));
                this._block();
            }
            else if (this._eat('def')) {
                this._def();
            }
            else if (this._eat('class')) {
                this._name();
                if (this._peek() === '(') {
                    this._call();
                }
                this._block();
            }
            else {
                this._line();
            }
        }
        /**
         * After `if` or `while`: a condition (when `test`) and a block, then
         * `elif` clauses (`more`), then `else`.
         */
        _clauses(more, test) {
            do {
                if (test) {
                    this._test();
                }
                this._block();
            } while (more !== '' && this._eat(more));
            this._orElse();
        }
        _orElse() {
            this._after('else', () => this._block());
        }
        /**
         * Read what follows `token` with `read`, if `token` is next.
         */
        _after(token, read) {
            if (this._eat(token)) {
                read();
            }
        }
        /**
         * `for` targets, to `in`.
         */
        _targets() {
            do {
                this._primary();
            } while (this._eat(',') && this._peek() !== 'in');
        }
        _def() {
            this._name();
            this._need('(');
            while (!this._eat(')')) {
                if (this._eat('**')) {
                    this._name();
                }
                else if (this._eat('*')) {
                    // `*args`, or `*` alone before keyword-only parameters.
                    if (isName(this._peek())) {
                        this._take();
                    }
                }
                else if (!this._eat('/')) {
                    this._name();
                    this._defaultValue();
                }
                this._separator(')');
            }
            this._block();
        }
        /**
         * `= value` after a parameter, if there.
         */
        _defaultValue() {
            this._after('=', () => this._test());
        }
        /**
         * A comma, unless `close` is next.
         */
        _separator(close) {
            if (this._peek() !== close) {
                this._need(',');
            }
        }
        /**
         * `: statements`, on the line or indented below.
         */
        _block() {
            this._need(':');
            if (!this._eat(Private.NEWLINE)) {
                this._line();
                return;
            }
            this._need(Private.INDENT);
            this._deeper(1);
            do {
                this._statement();
            } while (!this._eat(Private.DEDENT));
            this._deeper(-1);
        }
        /**
         * Small statements separated by `;`, to the end of the line.
         */
        _line() {
            do {
                this._small();
            } while (this._eat(';') && this._peek() !== Private.NEWLINE);
            this._need(Private.NEWLINE);
        }
        _small() {
            const first = this._take();
            const second = this._peek();
            if (SOFT_KEYWORDS.has(first) ||
                (first === 'print' && second !== '(' && second !== '.')) {
                // A soft keyword's statement, or a Python 2 print.
                throw new Unsure();
            }
            if (first === 'import') {
                do {
                    this._found.push(this._dotted());
                    this._alias();
                } while (this._eat(','));
            }
            else if (first === 'from') {
                this._from();
            }
            else if (first === 'return' && startsOperand(second)) {
                this._list();
            }
            else if (first === 'raise' && startsOperand(second)) {
                this._test();
                this._after('from', () => this._test());
            }
            else if (first === 'del') {
                this._targets();
            }
            else if (first === 'global' || first === 'nonlocal') {
                this._name();
                while (this._eat(',')) {
                    this._name();
                }
            }
            else if (first === 'assert') {
                this._test();
                this._after(',', () => this._test());
            }
            else if (!Private.KEYWORDS.has(first) || OPERAND_START.has(first)) {
                this._back();
                this._list();
                // Then `= list` as often as there, or an augmented assignment.
                if (this._peek() === '=') {
                    while (this._eat('=')) {
                        this._list();
                    }
                }
                else if (UPDATE.has(this._peek())) {
                    this._take();
                    this._list();
                }
            }
            else if (!STATEMENTS.has(first)) {
                throw new Unsure();
            }
        }
        /**
         * After `from`: `a.b import c as d, e`, `. import (f, g,)`; the
         * module's first name, none when relative.
         */
        _from() {
            let relative = false;
            while (this._eat('.') || this._eat('...')) {
                relative = true;
            }
            if (!relative) {
                this._found.push(this._dotted());
            }
            else if (this._peek() !== 'import') {
                this._dotted();
            }
            this._need('import');
            if (this._eat('*')) {
                return;
            }
            const parenthesized = this._eat('(');
            do {
                this._name();
                this._alias();
            } while (this._eat(',') && !(parenthesized && this._peek() === ')'));
            if (parenthesized) {
                this._need(')');
            }
        }
        /**
         * A dotted module name; its first part.
         */
        _dotted() {
            const first = this._name();
            while (this._eat('.')) {
                this._name();
            }
            return first;
        }
        /**
         * `as name`, if there.
         */
        _alias() {
            this._after('as', () => this._name());
        }
        // Expressions.
        /**
         * Tests separated by commas, a trailing comma allowed.
         */
        _list() {
            do {
                this._test();
            } while (this._eat(',') && startsOperand(this._peek()));
        }
        /**
         * `not`, `and`, `or` over comparisons and arithmetic; no conditional
         * expression, lambda or `:=`.
         */
        _test() {
            this._deeper(1);
            do {
                let nots = 0;
                while (this._eat('not')) {
                    nots++;
                }
                this._deeper(nots);
                this._operand();
                // Comparisons and arithmetic, `in`, `not in`, `is`, `is not`.
                for (;;) {
                    const op = this._peek();
                    if (BINARY.has(op) || op === 'in') {
                        this._take();
                    }
                    else if (op === 'is') {
                        this._take();
                        this._eat('not');
                    }
                    else if (op === 'not' && this._peek(1) === 'in') {
                        this._take();
                        this._take();
                    }
                    else {
                        break;
                    }
                    this._operand();
                }
                this._deeper(-nots);
            } while (this._eat('and') || this._eat('or'));
            this._deeper(-1);
        }
        /**
         * A primary after unary `-`, `+`, `~`.
         */
        _operand() {
            while (this._eat('-') || this._eat('+') || this._eat('~')) {
                // Unary operators.
            }
            this._primary();
        }
        /**
         * An atom with attributes, calls and subscripts.
         */
        _primary() {
            this._atom();
            for (let more = true; more;) {
                const next = this._peek();
                if (next === '(') {
                    this._call();
                }
                else if (next === '[') {
                    this._take();
                    this._list();
                    this._need(']');
                }
                else if ((more = this._eat('.'))) {
                    this._name();
                }
            }
        }
        _atom() {
            const token = this._take();
            if (token === '(' || token === '[') {
                const close = CLOSING[token];
                if (this._peek() !== close) {
                    this._list();
                }
                this._need(close);
            }
            else if (token === '{') {
                this._display();
            }
            else if (!isName(token) &&
                token !== Private.STRING &&
                token !== Private.NUMBER &&
                token !== 'None' &&
                token !== 'True' &&
                token !== 'False') {
                throw new Unsure();
            }
            while (token === Private.STRING && this._eat(Private.STRING)) {
                // Strings written one after the other.
            }
        }
        /**
         * A dictionary or set display after its `{`.
         */
        _display() {
            let dictionary = null;
            while (!this._eat('}')) {
                if (dictionary !== false && this._eat('**')) {
                    this._operand();
                    dictionary = true;
                }
                else {
                    this._test();
                    dictionary ?? (dictionary = this._peek() === ':');
                    if (dictionary) {
                        this._need(':');
                        this._test();
                    }
                }
                this._separator('}');
            }
        }
        /**
         * A call's arguments, from its `(`.
         */
        _call() {
            this._need('(');
            while (!this._eat(')')) {
                const keyword = isName(this._peek()) && this._peek(1) === '=';
                if (keyword || this._eat('*') || this._eat('**')) {
                    this._take(keyword ? 2 : 0);
                }
                this._test();
                this._separator(')');
            }
        }
        // Tokens.
        _peek(ahead = 0) {
            return this._tokens[this._at + ahead];
        }
        /**
         * The next token, taken (and `count - 1` more).
         */
        _take(count = 1) {
            this._at += count;
            return this._tokens[this._at - count];
        }
        _back() {
            this._at--;
        }
        /**
         * Whether the next token is `token`; it is taken.
         */
        _eat(token) {
            const found = this._tokens[this._at] === token;
            this._at += found ? 1 : 0;
            return found;
        }
        /**
         * Take `token`, which must be next.
         */
        _need(token) {
            if (!this._eat(token)) {
                throw new Unsure();
            }
        }
        _name() {
            const token = this._take();
            if (!isName(token)) {
                throw new Unsure();
            }
            return token;
        }
        /**
         * Nest `levels` deeper (or shallower), within bounds.
         */
        _deeper(levels) {
            this._depth += levels;
            if (this._depth > MAX_DEPTH) {
                throw new Unsure();
            }
        }
    }
    Private.Statements = Statements;
})(Private || (Private = {}));
