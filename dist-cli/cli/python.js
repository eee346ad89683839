"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.Interpreter = exports.DEFAULT_PYTHONS = exports.PYTHON_TIMEOUT = void 0;
const files_1 = require("./files");
const words_1 = require("./words");
const probeRequest_1 = require("../core/kernel/probeRequest");
/**
 * How long the interpreter may take for each probe it evaluates, in
 * milliseconds: the probe's own loops stop after {@link PROBE_BUDGET};
 * the rest is Python's start and reading the installed distributions.
 */
exports.PYTHON_TIMEOUT = 60000;
/**
 * How long the probe's loops over names may run in the interpreter, in
 * milliseconds (longer than in a kernel: nobody waits on a CI job's
 * page).
 */
const PROBE_BUDGET = 20000;
/**
 * Most bytes read from the interpreter's output (the answer is base64
 * JSON of versions: a few hundred KiB for 500 names).
 */
const MAX_OUTPUT = 8 << 20;
/**
 * The interpreter `--python` names when given no path: the first
 * `python`, then `python3`, on `PATH`.
 */
exports.DEFAULT_PYTHONS = ['python', 'python3'];
/**
 * One Python interpreter that `check --python` asks as it reads the
 * notebooks: started at once, asked any number of times, each question a
 * line on its stdin (the kernel probe's own expression, for at most
 * {@link MAX_PROBE_NAMES} names of each kind), each answer a line of its
 * stdout, read as a kernel's `text/plain` reply would be. Later questions
 * reuse what the first read (the installed distributions). The user's
 * site-packages and `PYTHONPATH` count, as they would in a kernel.
 *
 * Once it fails (cannot be run, exits, answers too late, too long or not
 * what was asked), every question pending and every later one gets the
 * same failure.
 */
class Interpreter {
    /**
     * Start the interpreter.
     *
     * @param python - its path, or a name looked up on `PATH`; `''` for the
     *   first of {@link DEFAULT_PYTHONS} that is there.
     */
    constructor(python) {
        this._onSignal = (signal) => this._fail(`stopped by ${signal}`);
        this._child = null;
        this._pending = [];
        this._environment = null;
        this._failure = null;
        this._answered = false;
        this._closed = false;
        this._timer = undefined;
        this._stdout = [];
        this._stdoutBytes = 0;
        this._stderr = [];
        this._stderrBytes = 0;
        this._candidates = python === '' ? [...exports.DEFAULT_PYTHONS] : [python];
        this._start();
    }
    /**
     * Every answer so far as one environment (the interpreter's own fields
     * from the first), or `null` before the first.
     */
    get environment() {
        return this._environment;
    }
    /**
     * Why the interpreter cannot answer, once it failed; else `null`.
     */
    get failure() {
        return this._failure;
    }
    /**
     * Ask about modules and distributions (cleaned as a probe cleans them,
     * sent as probes of at most {@link MAX_PROBE_NAMES} names of each
     * kind). Never rejects.
     *
     * @returns every answer so far, this one's included, as one
     *   environment; or why there is none.
     */
    ask(query) {
        const { modules, distributions } = (0, probeRequest_1.cleanQuery)(query);
        const runs = Math.max(1, Math.ceil(Math.max(modules.length, distributions.length) / probeRequest_1.MAX_PROBE_NAMES));
        const answers = [];
        for (let run = 0; run < runs; run++) {
            const part = {
                modules: modules.slice(run * probeRequest_1.MAX_PROBE_NAMES, (run + 1) * probeRequest_1.MAX_PROBE_NAMES),
                distributions: distributions.slice(run * probeRequest_1.MAX_PROBE_NAMES, (run + 1) * probeRequest_1.MAX_PROBE_NAMES)
            };
            answers.push(this._send(part));
        }
        // Answers come in the order asked: the last one settles after all.
        return answers[answers.length - 1].then(() => this._failure !== null || this._environment === null
            ? { failure: this._failure ?? 'no answer' }
            : { environment: this._environment });
    }
    /**
     * Let the interpreter end once it answered what it was asked.
     */
    close() {
        this._closed = true;
        this._child?.stdin?.end();
    }
    /**
     * Stop the interpreter at once: what is pending, and every later
     * question, gets no answer.
     */
    stop() {
        this._fail('stopped');
    }
    /**
     * Send one probe; resolves once it is answered (`null`) or the
     * interpreter failed (the failure).
     */
    _send(part) {
        if (this._failure !== null) {
            return Promise.resolve(this._failure);
        }
        return new Promise(resolve => {
            const line = `${(0, probeRequest_1.probeExpression)(part, PROBE_BUDGET)}\n`;
            this._pending.push({ part, line, resolve });
            if (this._pending.length === 1) {
                this._arm();
            }
            this._child?.stdin?.write(line);
        });
    }
    /**
     * Run the next candidate interpreter, and send it what is pending.
     */
    _start() {
        const python = this._candidates.shift();
        let child;
        try {
            child = (0, files_1.childProcess)().spawn(python, ['-c', Private.PROGRAM], {
                stdio: ['pipe', 'pipe', 'pipe'],
                // In a process group of its own on POSIX, so that stopping it
                // stops what a wrapper script (a pyenv shim, conda run) started.
                detached: process.platform !== 'win32',
                windowsHide: true
            });
        }
        catch (error) {
            // A path Node refuses (a NUL byte in it).
            this._fail(`cannot run it (${(0, words_1.fileErrorText)(error)})`);
            return;
        }
        this._child = child;
        this._listen(true);
        const mine = () => this._child === child;
        // An interpreter that exits without reading its input is not an
        // error here (EPIPE); its status and output say what happened.
        child.stdin.on('error', () => undefined);
        child.stdout.on('data', (chunk) => {
            if (mine()) {
                this._read(chunk);
            }
        });
        child.stderr.on('data', (chunk) => {
            if (!mine()) {
                return;
            }
            this._stderrBytes += chunk.length;
            if (this._stderrBytes > MAX_OUTPUT) {
                this._fail('its answer is too long');
            }
            else {
                this._stderr.push(chunk);
            }
        });
        child.on('error', (error) => {
            if (!mine()) {
                return;
            }
            if (error.code === 'ENOENT' &&
                !this._answered &&
                this._candidates.length > 0) {
                this._child = null;
                this._start();
                return;
            }
            this._fail(`cannot run it (${(0, words_1.fileErrorText)(error)})`);
        });
        child.on('close', status => {
            if (mine()) {
                this._listen(false);
                this._exited(status);
            }
        });
        for (const { line } of this._pending) {
            child.stdin.write(line);
        }
        if (this._closed) {
            child.stdin.end();
        }
    }
    /**
     * Read the interpreter's output: each line answers the oldest probe
     * pending.
     */
    _read(chunk) {
        let start = 0;
        let end = chunk.indexOf(10);
        while (end !== -1 && this._failure === null) {
            this._stdoutBytes += end - start;
            this._stdout.push(chunk.subarray(start, end));
            this._answer(Buffer.concat(this._stdout).toString('utf8'));
            this._stdout = [];
            this._stdoutBytes = 0;
            start = end + 1;
            end = chunk.indexOf(10, start);
        }
        if (this._failure !== null || start === chunk.length) {
            return;
        }
        this._stdoutBytes += chunk.length - start;
        if (this._stdoutBytes > MAX_OUTPUT) {
            this._fail('its answer is too long');
        }
        else {
            this._stdout.push(chunk.subarray(start));
        }
    }
    /**
     * One line of the interpreter's output (Windows ends it with CR).
     */
    _answer(text) {
        const pending = this._pending.shift();
        if (pending === undefined) {
            this._fail('its answer could not be read (more lines than asked)');
            return;
        }
        const reply = (0, probeRequest_1.parseProbeReply)({
            status: 'ok',
            user_expressions: {
                [probeRequest_1.PROBE_EXPRESSION_KEY]: {
                    status: 'ok',
                    data: { 'text/plain': text.replace(/\r$/, '') }
                }
            }
        }, pending.part);
        if (!reply.ok) {
            this._pending.unshift(pending);
            this._fail(`its answer could not be read (${reply.problem}${reply.detail ? `: ${reply.detail.slice(0, 200)}` : ''})`);
            return;
        }
        this._answered = true;
        this._environment =
            this._environment === null
                ? reply.environment
                : Private.merge(this._environment, reply.environment);
        clearTimeout(this._timer);
        if (this._pending.length > 0) {
            this._arm();
        }
        pending.resolve(null);
    }
    /**
     * The interpreter exited: a failure unless it was told to end and
     * answered everything.
     */
    _exited(status) {
        // Asked nothing more, it may end; ending before is a failure too.
        if (this._failure !== null ||
            (this._pending.length === 0 && this._closed)) {
            return;
        }
        if (status !== 0 || this._pending.length === 0) {
            const stderr = Buffer.concat(this._stderr).toString('utf8');
            const last = stderr.trim().split('\n').pop() ?? '';
            this._fail(`it exited with status ${status}${last ? ` (${last.slice(0, 200)})` : ''}`);
            return;
        }
        // What it wrote without ending the line is its answer, if any.
        this._answer(Buffer.concat(this._stdout).toString('utf8'));
        this._stdout = [];
        if (this._failure === null && this._pending.length > 0) {
            this._fail('it exited with status 0');
        }
    }
    /**
     * Give the oldest probe pending {@link Interpreter.timeout} to be
     * answered.
     */
    _arm() {
        clearTimeout(this._timer);
        const timeout = Interpreter.timeout;
        this._timer = setTimeout(() => this._fail(`no answer within ${timeout / 1000} s`), timeout);
    }
    /**
     * Fail every probe pending and every later one; stop the interpreter.
     */
    _fail(failure) {
        if (this._failure !== null) {
            return;
        }
        this._failure = failure;
        clearTimeout(this._timer);
        const child = this._child;
        this._child = null;
        this._listen(false);
        if (child !== null) {
            Private.stop(child);
        }
        for (const { resolve } of this._pending.splice(0)) {
            resolve(failure);
        }
    }
    /**
     * Listen (or stop listening) for this program's interrupt and
     * termination: the interpreter, in a process group of its own, does
     * not get the terminal's Ctrl-C, so a signal stops it here.
     */
    _listen(on) {
        for (const signal of ['SIGINT', 'SIGTERM']) {
            process.removeListener(signal, this._onSignal);
            if (on) {
                process.once(signal, this._onSignal);
            }
        }
    }
}
exports.Interpreter = Interpreter;
/**
 * How long each probe may take to be answered, in milliseconds
 * ({@link PYTHON_TIMEOUT}; a test shortens it).
 */
Interpreter.timeout = exports.PYTHON_TIMEOUT;
/**
 * Module internals.
 */
var Private;
(function (Private) {
    /**
     * What the interpreter runs: each line of its stdin is a probe's
     * expression, evaluated, its `repr` written as a line of its stdout.
     * No module of the working directory (the repository checked) may
     * stand in for the standard library the probe imports.
     */
    Private.PROGRAM = "import sys; sys.path[:] = [p for p in sys.path if p not in ('', '.')]; " +
        "[sys.stdout.write(repr(eval(line.decode('utf-8'))) + '\\n') or sys.stdout.flush() " +
        "for line in iter(sys.stdin.buffer.readline, b'')]";
    /**
     * Kill a child and every process of its group (on Windows, its tree),
     * and let go of its pipes: a process it started that escaped the
     * group still holds them, and this program must not wait for it.
     */
    function stop(child) {
        const pid = child.pid;
        if (pid !== undefined && process.platform === 'win32') {
            (0, files_1.childProcess)().spawnSync('taskkill', ['/pid', String(pid), '/T', '/F'], {
                stdio: 'ignore',
                windowsHide: true
            });
        }
        else if (pid !== undefined) {
            try {
                process.kill(-pid, 'SIGKILL');
            }
            catch {
                // The group is gone already.
            }
        }
        child.kill('SIGKILL');
        child.stdin?.destroy();
        child.stdout?.destroy();
        child.stderr?.destroy();
        child.unref();
    }
    Private.stop = stop;
    /**
     * Two answers as one (the interpreter's own fields from the first).
     */
    function merge(before, found) {
        return {
            ...before,
            distributions: { ...before.distributions, ...found.distributions },
            moduleDistributions: {
                ...before.moduleDistributions,
                ...found.moduleDistributions
            }
        };
    }
    Private.merge = merge;
})(Private || (Private = {}));
