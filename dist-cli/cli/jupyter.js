"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.STOP_GRACE = void 0;
exports.jupyterRunner = jupyterRunner;
const child_process_1 = require("child_process");
const python_1 = require("./python");
const words_1 = require("./words");
/**
 * How long a process stopped at the time limit gets to shut its kernel
 * down after an interrupt, before it and its kernel are killed, in
 * milliseconds.
 */
exports.STOP_GRACE = 5000;
/**
 * How long the program's stderr is read after it exited, in
 * milliseconds: a process it started that outlives it may hold the pipe.
 */
const EXIT_GRACE = 1000;
/**
 * The most bytes of the program's stderr kept, for the failure message.
 */
const MAX_STDERR = 64 << 10;
/**
 * Run notebooks with `jupyter execute` (nbclient): from the notebook's
 * folder (nbclient starts the kernel in the input notebook's folder),
 * past cells that raise (`--allow-errors`, so every cell gets outputs),
 * writing the executed copy to `job.output` and never to the notebook.
 * At the time limit the program is interrupted (nbclient then shuts its
 * kernel down) and, after {@link STOP_GRACE}, it and every process it
 * started (the kernel runs in a session of its own) are killed; the same
 * when this process is interrupted or terminated.
 *
 * @param choice - the program.
 */
function jupyterRunner(choice) {
    return async (job) => {
        if ('python' in choice && choice.python === '') {
            let last = { failure: 'no python on PATH', notFound: true };
            for (const python of python_1.DEFAULT_PYTHONS) {
                last = await Private.run([python, '-m', 'jupyter'], job);
                if (!('notFound' in last && last.notFound)) {
                    return last;
                }
            }
            return last;
        }
        return Private.run('python' in choice
            ? [choice.python, '-m', 'jupyter']
            : [choice.jupyter || 'jupyter'], job);
    };
}
/**
 * Module internals.
 */
var Private;
(function (Private) {
    /**
     * Run `COMMAND execute ...` once.
     */
    function run(command, job) {
        const [program, ...prefix] = command;
        // `--output` is a format string to nbclient: braces are doubled. An
        // absolute path stays absolute when nbclient joins it to the
        // notebook's folder.
        const output = job.output.replace(/[{}]/g, '$&$&');
        const args = [
            ...prefix,
            'execute',
            '--allow-errors',
            `--output=${output}`,
            ...(job.kernel ? [`--kernel_name=${job.kernel}`] : []),
            job.notebook
        ];
        return new Promise(resolve => {
            let child;
            try {
                child = (0, child_process_1.spawn)(program, args, {
                    stdio: ['ignore', 'ignore', 'pipe'],
                    // In a process group of its own on POSIX: what it leaves
                    // behind is stopped with it once it exits.
                    detached: process.platform !== 'win32',
                    windowsHide: true
                });
            }
            catch (error) {
                resolve({ failure: `cannot run ${program} (${String(error)})` });
                return;
            }
            let stderr = '';
            child.stderr?.setEncoding('utf8');
            child.stderr?.on('data', (chunk) => {
                stderr = (stderr + chunk).slice(-MAX_STDERR);
            });
            let stopped = null;
            const stop = (why) => {
                if (stopped === null) {
                    stopped = why;
                    void stopTree(child);
                }
            };
            const timer = setTimeout(() => stop('time'), job.timeLimit * 1000);
            const onSignal = (signal) => stop(signal);
            process.once('SIGINT', onSignal);
            process.once('SIGTERM', onSignal);
            let closing;
            const done = (run) => {
                clearTimeout(timer);
                clearTimeout(closing);
                process.removeListener('SIGINT', onSignal);
                process.removeListener('SIGTERM', onSignal);
                resolve(run);
            };
            child.once('error', (error) => {
                done(error.code === 'ENOENT'
                    ? { failure: `${program} not found`, notFound: true }
                    : { failure: `cannot run ${program} (${(0, words_1.fileErrorText)(error)})` });
            });
            const ended = (code, signal) => {
                if (stopped === 'time') {
                    done({ timedOut: true });
                }
                else if (stopped !== null) {
                    done({ failure: `stopped by ${stopped}` });
                }
                else if (code === 0) {
                    done({ done: true });
                }
                else {
                    done({
                        failure: `${[program, ...prefix, 'execute'].join(' ')} ${code === null ? `was killed (${signal})` : `exited with status ${code}`}${lastLine(stderr)}`,
                        ...(/No module named jupyter|command `jupyter-execute` not found/.test(stderr)
                            ? { notFound: true }
                            : {})
                    });
                }
            };
            // Once the program exited, a process it left in its group is
            // stopped; one that left the group may still hold its stderr, which
            // is read {@link EXIT_GRACE} more, then let go.
            child.once('exit', (code, signal) => {
                killGroup(child);
                closing = setTimeout(() => {
                    child.stderr?.destroy();
                    child.unref();
                    ended(code, signal);
                }, EXIT_GRACE);
            });
            child.once('close', (code, signal) => ended(code, signal));
        });
    }
    Private.run = run;
    /**
     * Kill what is left of a child's process group (POSIX; nothing on
     * Windows, where a process exited has no tree left to find).
     */
    function killGroup(child) {
        if (process.platform === 'win32' || child.pid === undefined) {
            return;
        }
        try {
            process.kill(-child.pid, 'SIGKILL');
        }
        catch {
            // No process left in the group.
        }
    }
    /**
     * The last line of a program's stderr that says something, as
     * `: line`, or nothing.
     */
    function lastLine(stderr) {
        const lines = stderr
            .split(/\r?\n/)
            .map(line => line.trim())
            .filter(line => line !== '' && !/^\^+$/.test(line));
        const last = lines.pop();
        return last ? `: ${last.slice(0, 300)}` : '';
    }
    /**
     * Interrupt a process, give it {@link STOP_GRACE} to shut its kernel
     * down, then kill it and every process below it that is left. The
     * tree is listed first: once the process is gone, its kernel (in a
     * session of its own) can no longer be found from it.
     */
    async function stopTree(child) {
        const pid = child.pid;
        if (pid === undefined) {
            return;
        }
        if (process.platform === 'win32') {
            (0, child_process_1.spawnSync)('taskkill', ['/pid', String(pid), '/T', '/F'], {
                stdio: 'ignore',
                windowsHide: true
            });
            return;
        }
        const tree = descendants(pid);
        child.kill('SIGINT');
        const exited = child.exitCode !== null || child.signalCode !== null
            ? Promise.resolve()
            : new Promise(resolve => child.once('exit', () => resolve()));
        let timer;
        await Promise.race([
            exited,
            new Promise(resolve => {
                timer = setTimeout(resolve, exports.STOP_GRACE);
            })
        ]);
        clearTimeout(timer);
        killGroup(child);
        for (const one of [pid, ...tree]) {
            try {
                process.kill(one, 'SIGKILL');
            }
            catch {
                // Already gone.
            }
        }
    }
    Private.stopTree = stopTree;
    /**
     * The processes below `pid`, from `ps` (POSIX), children first.
     */
    function descendants(pid) {
        const listed = (0, child_process_1.spawnSync)('ps', ['-A', '-o', 'pid=', '-o', 'ppid='], {
            encoding: 'utf8',
            timeout: 5000,
            stdio: ['ignore', 'pipe', 'ignore']
        });
        const children = new Map();
        for (const line of (listed.stdout ?? '').split('\n')) {
            const [child, parent] = line.trim().split(/\s+/).map(Number);
            if (Number.isInteger(child) && Number.isInteger(parent)) {
                const list = children.get(parent) ?? [];
                list.push(child);
                children.set(parent, list);
            }
        }
        const found = new Set();
        const queue = [pid];
        while (queue.length > 0) {
            for (const child of children.get(queue.shift()) ?? []) {
                if (!found.has(child) && child !== pid) {
                    found.add(child);
                    queue.push(child);
                }
            }
        }
        return [...found];
    }
})(Private || (Private = {}));
