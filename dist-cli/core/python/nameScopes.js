"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.NameScopes = exports.ScopesTooDeep = void 0;
exports.isKnownName = isKnownName;
exports.readMagics = readMagics;
const scanLimits_1 = require("../common/scanLimits");
/**
 * Whether a name is always defined in an IPython kernel: a builtin, a
 * module attribute (`__name__`), or one IPython defines (`In`, `Out`,
 * `_`, `_i3`, `display`, `get_ipython`, ...).
 */
function isKnownName(name) {
    return (Private.KNOWN.has(name) ||
        (name.charCodeAt(0) === 95 && /^_(?:i{1,3}|i?\d+)$/.test(name)));
}
/**
 * Thrown when scopes nest too deep to follow.
 */
class ScopesTooDeep extends Error {
}
exports.ScopesTooDeep = ScopesTooDeep;
/**
 * Python's scoping over one cell, fed in document order by a reader of
 * its code (the syntax tree walk, or the fast scan): reads and bindings
 * at positions of the code, scopes entered and left by position. What it
 * finds is the cell's {@link ICellNames}.
 */
class NameScopes {
    constructor(length) {
        this._pending = [];
        /**
         * The names scopes left passed out, each with the mark of the last
         * scope that did.
         */
        this._passed = null;
        this._mark = 0;
        /**
         * The reads of the open scopes, stacked as they are: the names, and
         * for each where, doubled, plus 1 when read in a function body (two
         * flat lists rather than a list and an object per read for each scope).
         * An inner scope's are the last; left, it passes its free reads out by
         * keeping them in place.
         */
        this._reads = [];
        this._readsAt = [];
        this._module = this.scope('module', 0, length);
        this._stack = [this._module];
    }
    /**
     * Note a name an IPython line defines.
     */
    defineMagic(name) {
        if (name !== '' && !this._module.locals.has(name)) {
            this._module.locals.set(name, 0);
        }
    }
    /**
     * Note a dynamic feature (the first one found is kept).
     */
    dynamic(feature) {
        this._dynamic ?? (this._dynamic = feature);
    }
    /**
     * Note a name read in an expression: a read, and a dynamic feature for
     * `exec`, `globals` and the like.
     */
    readName(name, at) {
        const feature = Private.dynamicCall(name);
        if (feature !== null) {
            this.dynamic(feature);
        }
        this.read(name, at);
    }
    /**
     * Note a read in the current scope.
     */
    read(name, at) {
        this._reads.push(name);
        this._readsAt.push(at * 2 + (this._top().deferred ? 1 : 0));
    }
    /**
     * Bind a name in the current scope (a walrus in a comprehension binds
     * in the enclosing one; a `global` name in the module).
     */
    bind(name, at, walrus) {
        let index = this._stack.length - 1;
        while (walrus && index > 0 && this._stack[index].kind === 'comprehension') {
            index--;
        }
        const scope = this._stack[index];
        const target = scope.globals?.has(name) ? this._module : scope;
        if (!target.locals.has(name)) {
            target.locals.set(name, target === scope ? at : 0);
        }
    }
    /**
     * `global name` in the current scope.
     */
    declareGlobal(name) {
        const top = this._top();
        (top.globals ?? (top.globals = new Set())).add(name);
    }
    /**
     * A new scope, not entered yet.
     */
    scope(kind, from, to) {
        return {
            kind,
            from,
            to,
            locals: new Map(),
            globals: null,
            start: 0,
            deferred: false
        };
    }
    /**
     * A scope whose header was read, entered when the reader reaches its
     * start (the innermost, which starts first, pended last).
     */
    pend(scope) {
        this._pending.push(scope);
    }
    /**
     * Enter a scope starting here (a comprehension).
     */
    push(scope) {
        this.leave(scope.from);
        this._enter(scope);
    }
    /**
     * The reader is at `position`: leave the scopes that end before it,
     * passing their free reads out, and enter the pending scopes that start
     * there.
     */
    leave(position) {
        for (;;) {
            const top = this._top();
            if (top !== this._module && top.to <= position) {
                this._stack.pop();
                this._passOut(top);
                continue;
            }
            // Not `[length - 1]` of an empty list: index -1 is a slow lookup.
            const pending = this._pending;
            const next = pending.length > 0 ? pending[pending.length - 1] : undefined;
            if (next !== undefined && next.from <= position) {
                this._pending.pop();
                this._enter(next);
                continue;
            }
            return;
        }
    }
    /**
     * What the reader found.
     */
    result() {
        const module = this._module;
        // Each name read: where it is first read, doubled, plus 1 when all
        // its reads are deferred.
        const reads = new Map();
        const { _reads: read, _readsAt: readsAt, _stack: stack } = this;
        // The module's reads: up to those of a scope left open (too deep).
        const end = stack.length > 1 ? stack[1].start : read.length;
        for (let i = 0; i < end; i++) {
            const name = read[i];
            const deferred = (readsAt[i] & 1) === 1;
            const before = reads.get(name);
            // A name read at once already, or deferred already and again: this
            // read changes nothing.
            if (before !== undefined && ((before & 1) === 0 || deferred)) {
                continue;
            }
            const at = readsAt[i] >> 1;
            const defined = module.locals.get(name);
            // A read in a function body runs when the function is called,
            // after the whole cell defined what it defines.
            const free = deferred ? defined === undefined : !(defined <= at);
            // A name found already is not a known one.
            if (free && (before !== undefined || !isKnownName(name))) {
                // The first read of its kind: a read when the cell runs replaces
                // one in a function body, above it or not.
                reads.set(name, at * 2 + (deferred ? 1 : 0));
            }
        }
        // Every cell's names have one shape, `dynamic` included (undefined
        // when none), as `findNamesScanned`'s literal: the code reading them
        // sees a single map.
        return {
            defines: Private.sorted(Array.from(module.locals.keys())),
            reads: Private.sorted(Array.from(reads.keys())).map(name => {
                const value = reads.get(name);
                return { name, deferred: (value & 1) === 1, at: value >> 1 };
            }),
            dynamic: this._dynamic
        };
    }
    /**
     * A scope is left: its reads of names it does not bind are reads of
     * the enclosing scope.
     */
    _passOut(scope) {
        // One map for every scope the cell leaves (made for the first), the
        // names passed out of this one marked with a number of its own rather
        // than the map cleared.
        const passed = (this._passed ?? (this._passed = new Map()));
        const mark = ++this._mark;
        const { _reads: reads, _readsAt: readsAt } = this;
        const { locals, globals } = scope;
        // Its reads are the last ones: those passed out stay, in order, as
        // the enclosing scope's last.
        let kept = scope.start;
        for (let i = scope.start; i < reads.length; i++) {
            const name = reads[i];
            const free = !locals.has(name) || globals?.has(name) === true;
            // One read of a name is enough outside.
            if (free && passed.get(name) !== mark) {
                passed.set(name, mark);
                reads[kept] = name;
                readsAt[kept] = readsAt[i];
                kept++;
            }
        }
        reads.length = kept;
        readsAt.length = kept;
    }
    /**
     * Enter a scope. Python refuses code nested deeper than 100 blocks;
     * deeper than {@link MAX_NESTING} scopes the reader gives up, so that no
     * read is passed out through more than that many.
     */
    _enter(scope) {
        const top = this._top();
        scope.deferred = scope.kind === 'function' || top.deferred;
        if (this._stack.length > scanLimits_1.MAX_NESTING) {
            this.dynamic('nested');
            throw new ScopesTooDeep();
        }
        scope.start = this._reads.length;
        this._stack.push(scope);
    }
    _top() {
        return this._stack[this._stack.length - 1];
    }
}
exports.NameScopes = NameScopes;
/**
 * Read IPython lines the Python code lost: `x = !ls` and `%%capture out`
 * define names; `%run` and the like define unknown ones.
 *
 * @param source - the cell's source.
 * @param scopes - the scopes the cell's names go to.
 */
function readMagics(source, scopes) {
    // Only the lines with a `%` or a `!` are read (most have none): the
    // next of each from the line on, found once.
    let percent = source.indexOf('%');
    let bang = source.indexOf('!');
    let first = true;
    let start = 0;
    while (percent >= 0 || bang >= 0) {
        let end = source.indexOf('\n', start);
        if (end < 0) {
            end = source.length;
        }
        const marked = (percent >= 0 && percent < end) || (bang >= 0 && bang < end);
        // `%%capture` counts on the first line that is not blank only; a
        // marked line is not blank.
        if (marked) {
            if (Private.mayDefine(source, start, end)) {
                Private.readMagic(source.slice(start, end).trim(), first, scopes);
            }
            first = false;
        }
        else if (first) {
            first = source.slice(start, end).trim() === '';
        }
        start = end + 1;
        if (percent >= 0 && percent < start) {
            percent = source.indexOf('%', start);
        }
        if (bang >= 0 && bang < start) {
            bang = source.indexOf('!', start);
        }
    }
}
/**
 * Module internals.
 */
var Private;
(function (Private) {
    /**
     * Builtins of Python 3.8 to 3.13, module attributes, and what IPython
     * adds to a kernel's namespace.
     */
    Private.KNOWN = new Set(('abs aiter all anext any ascii bin bool breakpoint bytearray bytes ' +
        'callable chr classmethod compile complex copyright credits delattr ' +
        'dict dir divmod enumerate eval exec exit filter float format ' +
        'frozenset getattr globals hasattr hash help hex id input int ' +
        'isinstance issubclass iter len license list locals map max ' +
        'memoryview min next object oct open ord pow print property quit ' +
        'range repr reversed round set setattr slice sorted staticmethod str ' +
        'sum super tuple type vars zip __import__ __build_class__ __debug__ ' +
        'Ellipsis NotImplemented ' +
        'BaseException BaseExceptionGroup Exception ExceptionGroup ' +
        'ArithmeticError AssertionError AttributeError BlockingIOError ' +
        'BrokenPipeError BufferError BytesWarning ChildProcessError ' +
        'ConnectionAbortedError ConnectionError ConnectionRefusedError ' +
        'ConnectionResetError DeprecationWarning EncodingWarning EOFError ' +
        'EnvironmentError FileExistsError FileNotFoundError ' +
        'FloatingPointError FutureWarning GeneratorExit ImportError ' +
        'ImportWarning IndentationError IndexError InterruptedError ' +
        'IOError IsADirectoryError KeyError KeyboardInterrupt LookupError ' +
        'MemoryError ModuleNotFoundError NameError NotADirectoryError ' +
        'NotImplementedError OSError OverflowError PendingDeprecationWarning ' +
        'PermissionError ProcessLookupError PythonFinalizationError ' +
        'RecursionError ReferenceError ResourceWarning RuntimeError ' +
        'RuntimeWarning StopAsyncIteration StopIteration SyntaxError ' +
        'SyntaxWarning SystemError SystemExit TabError TimeoutError ' +
        'TypeError UnboundLocalError UnicodeDecodeError UnicodeEncodeError ' +
        'UnicodeError UnicodeTranslateError UnicodeWarning UserWarning ' +
        'ValueError Warning ZeroDivisionError WindowsError ' +
        '__name__ __doc__ __builtins__ __spec__ __loader__ __package__ ' +
        'In Out get_ipython display _ __ ___ _oh _ih _dh _exit_code').split(' '));
    /**
     * The feature of a call that reaches names the source does not spell
     * (`exec`, `globals`, `locals`, `vars`, `get_ipython`), or `null`: told
     * by length first, as every name read is asked.
     */
    function dynamicCall(name) {
        switch (name.length) {
            case 4:
                return name === 'exec' ? 'exec' : name === 'vars' ? 'globals' : null;
            case 6:
                return name === 'locals' ? 'globals' : null;
            case 7:
                return name === 'globals' ? 'globals' : null;
            case 11:
                return name === 'get_ipython' ? 'get-ipython' : null;
            default:
                return null;
        }
    }
    Private.dynamicCall = dynamicCall;
    /**
     * Names sorted by code units, as `compareText` sorts them: in place, by
     * insertion when they are few (most cells), which makes no work array.
     */
    function sorted(names) {
        if (names.length > 16) {
            return names.sort(); // the default order is by code units
        }
        for (let i = 1; i < names.length; i++) {
            const name = names[i];
            let j = i - 1;
            for (; j >= 0 && names[j] > name; j--) {
                names[j + 1] = names[j];
            }
            names[j + 1] = name;
        }
        return names;
    }
    Private.sorted = sorted;
    /**
     * Whether {@link readMagic} may find anything on the line from `start`
     * to `end`: it starts with `%` (a magic), or its first `=` is followed
     * by `!` or `%` (a capture, perhaps after blanks). Most lines with a
     * mark are Python (`a != b`, `x % 2`) and are not cut out.
     */
    function mayDefine(source, start, end) {
        let i = start;
        while (i < end && isBlank(source.charCodeAt(i))) {
            i++;
        }
        // Every index read is below `end`: a read past the string's end would
        // give NaN and cost the optimized code a deoptimization.
        if (i < end && source.charCodeAt(i) === 37) {
            return true;
        }
        while (i < end && source.charCodeAt(i) !== 61) {
            i++;
        }
        do {
            i++;
        } while (i < end && isBlank(source.charCodeAt(i)));
        if (i >= end) {
            return false;
        }
        const c = source.charCodeAt(i);
        return c === 33 || c === 37;
    }
    Private.mayDefine = mayDefine;
    /**
     * Whether `String.prototype.trim` (and `\s`) takes the character for a
     * blank, asked in ASCII first.
     */
    function isBlank(c) {
        if (c < 128) {
            return c === 32 || (c >= 9 && c <= 13);
        }
        return String.fromCharCode(c).trim() === '';
    }
    /**
     * Read one line of IPython (trimmed, not blank).
     */
    function readMagic(line, first, scopes) {
        const capture = first ? /^%%capture(?:\s+-\S+)*\s+(\w+)/.exec(line) : null;
        if (capture) {
            scopes.defineMagic(capture[1]);
        }
        else if (Private.DYNAMIC_MAGIC.test(line)) {
            scopes.dynamic('magic');
        }
        else if (line.includes('=')) {
            const names = Private.CAPTURE.exec(line.replace(/=\s+(?=[!%])/, '='));
            for (const name of names?.[1].split(',') ?? []) {
                scopes.defineMagic(name.trim());
            }
        }
    }
    Private.readMagic = readMagic;
    /**
     * Line magics that define names the cell does not spell.
     */
    Private.DYNAMIC_MAGIC = /^%(?:run|store|pylab|load|recall|rerun|macro)\b/;
    /**
     * `name = !cmd` or `a, b = %magic`: IPython assigns the output.
     */
    Private.CAPTURE = /^([A-Za-z_]\w*(?:[ \t]*,[ \t]*[A-Za-z_]\w*)*)[ \t]*=[!%]/;
})(Private || (Private = {}));
