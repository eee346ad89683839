"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.ipythonToPython = ipythonToPython;
/**
 * Turn a code cell's IPython source into plain Python, line for line, so
 * that a Python parser (`@lezer/python`) reads it and positions in the
 * result are positions in the source. Never throws.
 *
 * Line magics, `!shell` lines, `x = !cmd` captures and help lines (`x?`,
 * `?x`) are blanked; `%time`, `%timeit` and `%prun` keep the Python
 * statement they run; a cell magic that runs Python (`%%time`,
 * `%%capture`, ...) is dropped and any other makes the whole cell empty.
 * Only a line that starts a statement can hold IPython syntax: lines
 * inside brackets, triple-quoted strings and backslash continuations are
 * kept as they are.
 *
 * @param source - the cell's source.
 */
function ipythonToPython(source) {
    return Private.toPython(source);
}
/**
 * Module internals.
 */
var Private;
(function (Private) {
    /**
     * Cell magics whose body is Python run by the kernel.
     */
    const PYTHON_CELL_MAGICS = new Set([
        'time',
        'timeit',
        'capture',
        'prun',
        'debug'
    ]);
    /**
     * Cell magics whose body is shell script, read for install lines only.
     */
    const SHELL_CELL_MAGICS = new Set([
        'bash',
        'sh',
        'script',
        'system',
        'sx',
        '!'
    ]);
    /**
     * Line magics followed by a Python statement, with the letters of their
     * options that take a value (`%timeit -n 10 stmt`).
     */
    const PYTHON_LINE_MAGICS = new Map([
        ['time', ''],
        ['timeit', 'nrp'],
        ['prun', 'lsTD']
    ]);
    /**
     * One option of such a magic: `-n10`, `-n 10` or `-q`.
     */
    const OPTION = /^-(\w)(\S*)\s*/;
    /**
     * A command that installs Python packages, after its `!` or `%`:
     * `pip install`, `pip3 -q install`, `python -m pip install`,
     * `{sys.executable} -m pip install`, `uv pip install`, `conda install`,
     * `mamba install`, `micromamba install`, each perhaps after `sudo`.
     */
    const INSTALL = /^(?:sudo\s+)?(?:(?:["']?\{[^}]*\}["']?|\S*python[\d.]*(?:\.exe)?)\s+-m\s+pip|pip[\d.]*|uv\s+pip|conda|mamba|micromamba)(?:\s+-\S+)*\s+install(?:\s|$)/;
    /**
     * `name = !cmd` or `name = %magic`: IPython assigning a command's output.
     */
    const CAPTURE = /^[A-Za-z_][\w.]*(?:\s*,\s*[A-Za-z_][\w.]*)*\s*=\s*([!%].*)$/s;
    /**
     * IPython's help syntax at the end of a line (`np.mean?`, `%time??`).
     */
    const HELP_END = /^%{0,2}(?!\d)[\w*]+(?:\.[\w*]+)*\?\??$/;
    /**
     * Char codes the scanner reacts to.
     */
    const BACKSLASH = 92;
    const HASH = 35;
    const DOUBLE_QUOTE = 34;
    const SINGLE_QUOTE = 39;
    const NEWLINE = 10;
    const BANG = 33;
    const PERCENT = 37;
    const QUESTION = 63;
    /**
     * `1` for the ASCII characters the scanner passes over outside strings:
     * all but quotes, `#`, backslashes, brackets and newlines.
     */
    const PLAIN = Uint8Array.from({ length: 128 }, (_, c) => '"\'#\\()[]{}\n'.includes(String.fromCharCode(c)) ? 0 : 1);
    /**
     * The characters IPython syntax needs: a line at the start of a statement
     * without any of them is Python as it is.
     */
    const MARKS = ['!', '%', '?'];
    /**
     * Turn a cell's IPython source into plain Python with the same number of
     * lines, collecting install lines on the way. A non-Python cell gives
     * empty code.
     *
     * The lines are walked in place, not split: a line is sliced only when it
     * starts a statement and holds `!`, `%` or `?`, and the code is the
     * source itself when no line changes (most cells).
     */
    function toPython(source) {
        const installs = [];
        // The first non-blank character, and the cell magic that may start there
        // (looked for in a cell spelling `%%` only).
        const first = source.includes('%%') ? source.search(/\S/) : -1;
        const firstLine = first < 0 ? -1 : source.lastIndexOf('\n', first) + 1;
        const cellMagic = first >= 0 && source.startsWith('%%', first)
            ? /^%%(\S*)/.exec(source.slice(first, lineEnd(source, first)))
            : null;
        if (cellMagic && !PYTHON_CELL_MAGICS.has(cellMagic[1])) {
            if (SHELL_CELL_MAGICS.has(cellMagic[1])) {
                const body = source.slice(lineEnd(source, first) + 1).split('\n');
                for (const line of body) {
                    if (INSTALL.test(line.trim())) {
                        installs.push(line.trim());
                    }
                }
            }
            return { code: '', installs, nesting: 0 };
        }
        const state = {
            quote: 0,
            triple: false,
            depth: 0,
            continued: false,
            deepest: 0
        };
        // Where each mark next occurs, looked up again only once passed; one
        // entry per mark. A literal, not `MARKS.map`: the array then has the
        // same map whether this runs optimized or not, as `nextMark` expects.
        const next = [-1, -1, -1];
        // The code so far, up to `copied` in the source, once a line changed.
        let code = '';
        let copied = -1;
        for (let start = 0; start <= source.length;) {
            // The lines before the next mark are Python as they are: one scan.
            const mark = nextMark(source, start, next);
            const stop = mark > source.length ? mark : source.lastIndexOf('\n', mark) + 1;
            if (stop > start) {
                scan(source, start, Math.min(stop, source.length), state);
                start = stop;
                continue;
            }
            // This line holds a mark. Only a line that starts a new statement
            // can hold IPython syntax.
            const end = lineEnd(source, start);
            if (state.quote === 0 &&
                state.depth === 0 &&
                !state.continued &&
                (start === firstLine || mayBeIPython(source, start, end))) {
                const line = source.slice(start, end);
                const python = start === firstLine && cellMagic
                    ? (afterMagic(line.trimStart()) ?? '')
                    : transformLine(line, installs);
                if (python !== line) {
                    code += source.slice(Math.max(copied, 0), start) + python;
                    copied = end;
                }
                scan(python, 0, python.length, state);
            }
            else {
                scan(source, start, end, state);
            }
            start = end + 1;
        }
        return {
            code: copied < 0 ? source : code + source.slice(copied),
            installs,
            nesting: state.deepest
        };
    }
    Private.toPython = toPython;
    /**
     * Where the line from `start` ends: its `\n` or the end of the text.
     */
    function lineEnd(text, start) {
        const end = text.indexOf('\n', start);
        return end < 0 ? text.length : end;
    }
    /**
     * Where the next mark at or after `start` is (`source.length + 1` for
     * none); `next` keeps where each mark next occurs, so that the source is
     * searched once in all. Positions are small integers only (no
     * `Infinity`), which keeps `next` an array of small integers.
     */
    function nextMark(source, start, next) {
        const none = source.length + 1;
        let nearest = none;
        for (let m = 0; m < MARKS.length; m++) {
            if (next[m] < start) {
                const at = source.indexOf(MARKS[m], start);
                next[m] = at < 0 ? none : at;
            }
            nearest = Math.min(nearest, next[m]);
        }
        return nearest;
    }
    /**
     * Whether {@link transformLine} may change the line from `start` to
     * `end`, which holds a mark: it starts with `!`, `%` or `?`, ends with
     * `?`, or its first `=` is followed by `!` or `%` (a capture). Most such
     * lines are Python (`a != b`, `x % 2`) and are not sliced.
     */
    function mayBeIPython(source, start, end) {
        let first = start;
        while (first < end && isSpace(source.charCodeAt(first))) {
            first++;
        }
        let last = end - 1;
        while (last > first && isSpace(source.charCodeAt(last))) {
            last--;
        }
        const c = source.charCodeAt(first);
        if (c === BANG || c === PERCENT || c === QUESTION) {
            return true;
        }
        if (source.charCodeAt(last) === QUESTION) {
            return true;
        }
        let at = source.indexOf('=', first);
        if (at < 0 || at > last) {
            return false;
        }
        do {
            at++;
        } while (at <= last && isSpace(source.charCodeAt(at)));
        if (at > last) {
            return false;
        }
        const after = source.charCodeAt(at);
        return after === BANG || after === PERCENT;
    }
    /**
     * Whether `String.prototype.trim` would trim the character, asked in
     * ASCII first.
     */
    function isSpace(c) {
        if (c < 128) {
            return c === 32 || (c >= 9 && c <= 13);
        }
        return String.fromCharCode(c).trim() === '';
    }
    /**
     * Rewrite one line that starts a statement: IPython syntax is blanked or
     * reduced to the Python it runs.
     */
    function transformLine(line, installs) {
        const indent = line.slice(0, line.length - line.trimStart().length);
        const body = line.trim();
        const command = body.startsWith('!') || body.startsWith('%')
            ? body
            : CAPTURE.exec(body)?.[1];
        if (command !== undefined) {
            const python = command.startsWith('%') ? afterMagic(command) : null;
            if (python !== null) {
                return indent + python;
            }
            if (INSTALL.test(command.replace(/^[!%]+/, ''))) {
                installs.push(body);
            }
            return '';
        }
        return body.startsWith('?') || HELP_END.test(body) ? '' : line;
    }
    /**
     * The Python statement after `%time`, `%timeit` or `%prun` (or their
     * `%%` first lines) and their options; `null` for any other magic.
     */
    function afterMagic(body) {
        const magic = /^%%?(\w+)\s*/.exec(body);
        const valued = magic ? PYTHON_LINE_MAGICS.get(magic[1]) : undefined;
        if (!magic || valued === undefined) {
            return null;
        }
        let rest = body.slice(magic[0].length);
        for (let option = OPTION.exec(rest); option; option = OPTION.exec(rest)) {
            rest = rest.slice(option[0].length);
            if (valued.includes(option[1]) && option[2] === '') {
                // `-n 10`: the value is the next word.
                rest = rest.replace(/^\S+\s*/, '');
            }
        }
        return rest;
    }
    /**
     * Advance the scanner over `text` from `start` to `end`: one line, or
     * whole lines (each ended by its `\n`, the last perhaps by the end of the
     * range). Follows strings, comments, brackets and continuations, enough
     * to know whether the next line starts a statement. Reads char codes.
     */
    function scan(text, start, end, state) {
        let { quote, triple, depth, deepest } = state;
        let continued = false;
        // Whether the last line ended continued, once a newline was passed.
        let lineContinued = false;
        // Where a backslash continues the line, found at the first backslash.
        let last = NaN;
        let i = start;
        while (i < end) {
            let c = text.charCodeAt(i);
            if (quote === 0) {
                // Most characters: one look in a table rather than every test below.
                while (c >= 128 || PLAIN[c] === 1) {
                    if (++i >= end) {
                        break;
                    }
                    c = text.charCodeAt(i);
                }
                if (i >= end) {
                    break;
                }
                if (c === NEWLINE) {
                    triple = false;
                    lineContinued = continued;
                    continued = false;
                    last = NaN;
                }
                else if (c === HASH) {
                    const newline = text.indexOf('\n', i);
                    i = newline < 0 || newline > end ? end : newline;
                    continue;
                }
                else if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE) {
                    quote = c;
                    triple = text.charCodeAt(i + 1) === c && text.charCodeAt(i + 2) === c;
                    i += triple ? 3 : 1;
                    continue;
                }
                else if (c === BACKSLASH) {
                    if (Number.isNaN(last)) {
                        last = i + text.slice(i, lineEnd(text, i)).trimEnd().length - 1;
                    }
                    continued || (continued = i === last);
                }
                else if (c === 40 || c === 91 || c === 123) {
                    // `(`, `[`, `{`
                    depth++;
                    deepest = Math.max(deepest, depth);
                }
                else if ((c === 41 || c === 93 || c === 125) && depth > 0) {
                    // `)`, `]`, `}`
                    depth--;
                }
                i++;
            }
            else if (c === NEWLINE) {
                // A one-quote string cannot span lines; a triple-quoted one can.
                if (!triple) {
                    quote = 0;
                }
                lineContinued = continued;
                continued = false;
                last = NaN;
                i++;
            }
            else if (c === BACKSLASH) {
                // Not past a newline: it ends the line (and a one-quote string).
                i += text.charCodeAt(i + 1) === NEWLINE ? 1 : 2;
            }
            else if (c === quote &&
                (!triple ||
                    (text.charCodeAt(i + 1) === quote &&
                        text.charCodeAt(i + 2) === quote))) {
                i += triple ? 3 : 1;
                quote = 0;
            }
            else {
                // Most characters of a string: passed in one loop, to the next
                // that may end it or a line.
                i++;
                while (i < end) {
                    c = text.charCodeAt(i);
                    if (c === quote || c === NEWLINE || c === BACKSLASH) {
                        break;
                    }
                    i++;
                }
            }
        }
        // Every newline in the range is read, so a range that ends with one
        // ended its last line.
        if (end > start && text.charCodeAt(end - 1) === NEWLINE) {
            state.quote = quote;
            state.triple = triple && quote !== 0;
            state.continued = lineContinued;
        }
        else {
            state.quote = triple ? quote : 0;
            state.triple = triple && quote !== 0;
            state.continued = continued;
        }
        state.depth = depth;
        state.deepest = deepest;
    }
})(Private || (Private = {}));
