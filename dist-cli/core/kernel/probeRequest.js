"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEFAULT_PROBE_BUDGET = exports.MAX_PROBE_NAME_LENGTH = exports.MAX_PROBE_NAMES = exports.PROBE_SOURCE = exports.PROBE_EXPRESSION_KEY = void 0;
exports.probeExpression = probeExpression;
exports.probeRequest = probeRequest;
exports.cleanQuery = cleanQuery;
exports.normalizeQuery = normalizeQuery;
exports.parseProbeReply = parseProbeReply;
const requirements_1 = require("../packages/requirements");
const silentRequest_1 = require("./silentRequest");
const json_1 = require("../common/json");
/**
 * The `user_expressions` key a probe's expression is sent under.
 */
exports.PROBE_EXPRESSION_KEY = 'jupyterlab_nbproject_probe';
/**
 * The Python source of the probe: it defines `probe(modules, distributions)`,
 * which returns the environment as base64-encoded JSON (ASCII only, so the
 * `text/plain` repr the kernel sends back needs no unescaping).
 *
 * It uses only the standard library and runs in a namespace of its own
 * (see {@link probeExpression}). A module's distributions are what
 * `packages_distributions()` says, but that reads every installed
 * distribution's metadata and file list, which is slow; so the probe runs
 * the standard library's own code only over the distributions whose
 * `top_level.txt` or `RECORD` names the module (the same answer, this
 * Python's rules), and reads metadata only up to its first blank line (the
 * same headers, without the long description). What it found, and the list
 * of distributions installed when it first ran, are kept once per kernel
 * process on the `importlib.metadata` module under a private name, never
 * in the user's namespace. Versions are read afresh by every probe, so a
 * `%pip install` shows at once; a module installed mid-session is mapped
 * to its distribution after a restart. Python 3.8 and 3.9 (no
 * `packages_distributions`, no PEP 503 lookups) get the same answers the
 * slow way.
 */
exports.PROBE_SOURCE = `import base64
import json
import os
import pathlib
import re
import sys
import time

CACHE = "_jupyterlab_nbproject_cache"
KERNEL_DISTRIBUTIONS = ("ipykernel", "xeus-python")
# What a line of a RECORD file starts with, cut where no module name goes on.
FIRST_PART = re.compile(r'^["./]*([^/,".\\s]*)', re.M)


def probe(modules, distributions, budget):
    deadline = time.monotonic() + budget
    out = {
        "python": python(),
        "executable": sys.executable or "",
        "prefix": sys.prefix,
        "platform": sys.platform,
        "distributions": dict((name, "") for name in distributions),
        "moduleDistributions": dict((name, []) for name in modules),
        "loadedModules": [],
    }
    try:
        import importlib.metadata as md
    except ImportError:
        out["error"] = "importlib.metadata needs Python 3.8 or later"
        return encode(out)
    try:
        cache = cached(md)
        provided = providers(md, cache, modules)
        for name in modules:
            out["moduleDistributions"][name] = unique(provided[name])
        needed = [dist for dists in out["moduleDistributions"].values() for dist in dists]
        out["distributions"] = versions(md, unique(list(distributions) + needed), deadline)
        out["partial"] = len(out["distributions"]) < len(unique(list(distributions) + needed))
        out["loadedModules"] = loaded_modules(md, cache)
    except Exception as error:
        out["error"] = "%s: %s" % (type(error).__name__, error)
    return encode(out)


def python():
    # platform's answer. On CPython, whose sys.version starts with the
    # version platform reports, read there: importing platform is most of
    # a probe's time in a fresh interpreter.
    version = sys.version.split(" ", 1)[0]
    if (
        "platform" not in sys.modules
        and sys.implementation.name == "cpython"
        and not sys.platform.startswith("java")
        and not any(word in sys.version for word in ("IronPython", "PyPy", "Brython"))
        and version == "%d.%d.%d" % tuple(sys.version_info[:3])
    ):
        return {"version": version, "implementation": "CPython"}
    import platform

    return {
        "version": platform.python_version(),
        "implementation": platform.python_implementation(),
    }


def encode(out):
    return base64.b64encode(json.dumps(out, sort_keys=True).encode("ascii")).decode("ascii")


def normalize(name):
    return re.sub("[-_.]+", "-", name).lower()


def unique(names):
    return list(dict.fromkeys(name for name in names if isinstance(name, str) and name))


def versions(md, names, deadline):
    # Names not looked up by the deadline are left out: unknown, not
    # "not installed".
    found = {}
    for name in names:
        if time.monotonic() >= deadline:
            return found
        try:
            found[name] = (headers(md, md.distribution(name)).version or "") if name else ""
        except Exception:
            found[name] = ""
    missing = [name for name in names if name and not found[name]]
    if missing and sys.version_info < (3, 10):
        # Lookups by name were not normalised before Python 3.10.
        installed = {}
        for dist in md.distributions():
            if time.monotonic() >= deadline:
                for name in missing:
                    del found[name]
                return found
            try:
                dist = headers(md, dist)
                installed.setdefault(normalize(dist.metadata["Name"]), dist.version or "")
            except Exception:
                pass
        for name in missing:
            found[name] = installed.get(normalize(name), "")
    return found


def cached(md):
    cache = getattr(md, CACHE, None)
    if not isinstance(cache, dict):
        cache = {
            "dists": None,
            "modules": {},
            "closure": None,
            "before": modules_before_any_cell(),
            "headers": headers_class(md),
        }
        setattr(md, CACHE, cache)
    return cache


def providers(md, cache, names):
    # What packages_distributions() maps these names to, reading only the
    # distributions that can provide one of them.
    known = cache["modules"]
    todo = set(name for name in names if name not in known)
    if todo:
        if cache["dists"] is None:
            cache["dists"] = [(dist, tops(md, dist)) for dist in md.distributions()]
        found = dict((name, []) for name in todo)
        for dist, names_ in cache["dists"]:
            if names_ is None or not todo.isdisjoint(names_):
                for name, dists in contributions(md, dist).items():
                    if name in found:
                        found[name].extend(dists)
        known.update(found)
    return known


def tops(md, dist):
    # Every module name the distribution can provide, and more: those
    # top_level.txt declares, else the start of every path in RECORD;
    # None when it lists neither.
    try:
        declared = (read(md, dist, "top_level.txt") or "").split()
        if declared:
            return set(declared)
        record = read(md, dist, "RECORD")
    except Exception:
        return None
    if not record:
        return None
    return set(FIRST_PART.findall("\\n".join(record.splitlines())))


def read(md, dist, filename):
    # dist.read_text(filename), without pathlib's overhead where the
    # distribution is a folder on disk: the same text, the same misses.
    path = getattr(dist, "_path", None)
    if type(dist).read_text is not md.PathDistribution.read_text or type(
        path
    ) not in (pathlib.PosixPath, pathlib.WindowsPath):
        return dist.read_text(filename)
    try:
        with open(os.path.join(str(path), filename), encoding="utf-8") as file:
            return file.read()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError):
        return None


def contributions(md, dist):
    # packages_distributions() over this one distribution: the standard
    # library's own code where it has one, so the answer is this Python's.
    dist = headers(md, dist)
    function = getattr(md, "packages_distributions", None)
    code = getattr(function, "__code__", None)
    if code is not None and not code.co_freevars:
        scope = dict(function.__globals__)
        scope["distributions"] = lambda: iter((dist,))
        one = type(function)(code, scope, None, function.__defaults__)
        one.__kwdefaults__ = function.__kwdefaults__
        try:
            return one()
        except Exception:
            pass  # a distribution with broken metadata
    found = {}
    try:
        name = dist.metadata["Name"]
        tops_ = (dist.read_text("top_level.txt") or "").split()
        if not tops_:
            tops_ = set(top_level(path) for path in dist.files or ())
    except Exception:
        return found
    for top in tops_:
        if name and top and "." not in top:
            found.setdefault(top, []).append(name)
    return found


def top_level(path):
    import inspect

    if len(path.parts) > 1:
        return path.parts[0]
    return inspect.getmodulename(str(path)) or str(path)


def headers(md, dist):
    # The distribution, its metadata read up to the first blank line: the
    # same headers (name, version, requirements) without parsing the long
    # description after them. Only where the metadata is a file we read.
    if type(dist) is not md.PathDistribution:
        return dist
    return getattr(md, CACHE)["headers"](dist)


def headers_class(md):
    class Headers(md.Distribution):
        def __init__(self, dist):
            self._dist = dist
            self._path = dist._path  # egg-info file lists are relative to it

        def read_text(self, filename):
            text = self._dist.read_text(filename)
            if text and filename in ("METADATA", "PKG-INFO", ""):
                # Headers end at the first blank line, if not before.
                end = text.find("\\n\\n")
                if end >= 0:
                    text = text[: end + 2]
            return text

        def locate_file(self, path):
            return self._dist.locate_file(path)

    return Headers


def loaded_modules(md, cache):
    # Looking distributions up may import modules: until none are new.
    names = None
    for _ in range(3):
        current = [
            name
            for name in list(sys.modules)
            if isinstance(name, str) and not name.startswith("_") and "." not in name
        ]
        if current == names:
            break
        names = current
        provided = providers(md, cache, names)
    return sorted(
        name
        for name in names
        if provided[name]
        and name not in cache["before"]
        and not kernel_module(md, cache, provided[name])
    )


def kernel_module(md, cache, dists):
    # Whether only the kernel's machinery provides this module.
    if cache["closure"] is None:
        cache["closure"] = kernel_closure(md)
    return all(
        isinstance(dist, str) and normalize(dist) in cache["closure"] for dist in dists
    )


def requires(md, name):
    for candidate in (name, name.replace("-", "_")):
        try:
            return headers(md, md.distribution(candidate)).requires or []
        except Exception:
            pass
    return None


def modules_before_any_cell():
    # What the kernel loaded before the user ran anything (optional
    # imports of its machinery, startup files), when we are that early.
    get_ipython = getattr(sys.modules.get("IPython"), "get_ipython", None)
    shell = get_ipython() if callable(get_ipython) else None
    if shell is not None and getattr(shell, "execution_count", None) == 1:
        return set(sys.modules)
    return set()


def kernel_closure(md):
    # The normalised names of the kernel's distributions and of all they
    # require.
    closure = set()
    todo = list(KERNEL_DISTRIBUTIONS)
    while todo:
        name = normalize(todo.pop())
        if name in closure:
            continue
        reqs = requires(md, name)
        if reqs is None:
            continue
        closure.add(name)
        for req in reqs:
            spec, _, marker = req.partition(";")
            match = re.match("[A-Za-z0-9][A-Za-z0-9._-]*", spec.strip())
            if match and "extra" not in marker:
                todo.append(match.group(0))
    return closure
`;
/**
 * Most module names, and most distribution names, one probe sends: a
 * notebook naming more gets "unknown" for the rest.
 */
exports.MAX_PROBE_NAMES = 500;
/**
 * Longest name sent; longer ones are not valid names anyway.
 */
exports.MAX_PROBE_NAME_LENGTH = 100;
/**
 * How long the probe's loops over the notebook's names may run in the
 * kernel, in milliseconds, by default: names not looked up by then are
 * reported unknown.
 */
exports.DEFAULT_PROBE_BUDGET = 2000;
/**
 * The Python expression a probe evaluates in the kernel, for one query.
 *
 * `user_expressions` are `eval`'d in the user's namespace, so the
 * expression is a single call of a lambda that runs {@link PROBE_SOURCE}
 * in a fresh dictionary: nothing is read from or written to the user's
 * names (beyond the builtins `exec` resolves through them).
 *
 * @param query - modules and distributions to ask about.
 * @param budget - how long the loops over names may run, in
 *   milliseconds.
 */
function probeExpression(query, budget = exports.DEFAULT_PROBE_BUDGET) {
    const { modules, distributions } = normalizeQuery(query);
    return (0, silentRequest_1.silentExpression)(Private.CACHED_SOURCE, 'probe', [
        modules,
        distributions,
        Math.max(0, budget) / 1000
    ]);
}
/**
 * The content of the silent `execute_request` for one query: no code (so
 * nothing runs in the user's namespace), silent (no execution count, no
 * `execute_input` broadcast, no `_`), no history, no stdin, and the probe
 * as the only user expression.
 *
 * @param query - modules and distributions to ask about.
 */
function probeRequest(query, budget = exports.DEFAULT_PROBE_BUDGET) {
    return (0, silentRequest_1.silentRequest)(exports.PROBE_EXPRESSION_KEY, probeExpression(query, budget));
}
/**
 * A query with its names cleaned: valid names only (a module name is an
 * identifier, a distribution name as PEP 508 has it, at most {@link
 * MAX_PROBE_NAME_LENGTH} characters), no duplicates, sorted, however
 * many. An empty distribution name would make Python's
 * `importlib.metadata` answer for an arbitrary distribution.
 *
 * @param query - modules and distributions to ask about.
 */
function cleanQuery(query) {
    return {
        modules: Private.cleanNames(query.modules, Private.MODULE_NAME),
        distributions: Private.cleanNames(query.distributions, requirements_1.isDistributionName)
    };
}
/**
 * The query one probe sends: {@link cleanQuery}, then at most {@link
 * MAX_PROBE_NAMES} of each kind.
 *
 * @param query - modules and distributions to ask about.
 */
function normalizeQuery(query) {
    const { modules, distributions } = cleanQuery(query);
    return {
        modules: modules.slice(0, exports.MAX_PROBE_NAMES),
        distributions: distributions.slice(0, exports.MAX_PROBE_NAMES)
    };
}
/**
 * Read the reply to a probe. Never throws: a reply that is not what the
 * probe asked for is a failure with a reason and a problem code.
 *
 * @param content - the `content` of the `execute_reply`, as received.
 * @param query - the query the probe was sent for; every requested name
 *   gets an entry in the result even if the kernel left it out.
 */
function parseProbeReply(content, query) {
    const reply = (0, silentRequest_1.readSilentReply)(content, exports.PROBE_EXPRESSION_KEY);
    if (!reply.ok) {
        return Private.fail(reply.reason, reply.problem, reply.detail);
    }
    const { payload } = reply;
    if ((0, json_1.isJSONObject)(payload) && typeof payload['error'] === 'string') {
        // The probe caught an exception and said so.
        return Private.fail('kernel-error', 'expression-error', payload['error']);
    }
    const environment = Private.toEnvironment(payload, normalizeQuery(query));
    return environment
        ? { ok: true, environment }
        : Private.fail('malformed', 'malformed-shape');
}
/**
 * Module internals.
 */
var Private;
(function (Private) {
    /**
     * What a probe's expression runs: {@link PROBE_SOURCE}, compiled once per
     * kernel process (compiling it is most of a warm probe's time) and kept
     * next to the probe's cache with the source it was compiled from, so a
     * newer source is compiled afresh. Without `importlib.metadata` it is
     * compiled every time.
     */
    Private.CACHED_SOURCE = `SOURCE = ${JSON.stringify(exports.PROBE_SOURCE)}


def load(namespace):
    try:
        import importlib.metadata as host
    except ImportError:
        host = None
    code = getattr(host, "_jupyterlab_nbproject_code", None)
    if not (isinstance(code, tuple) and len(code) == 2 and code[0] == SOURCE):
        code = (SOURCE, compile(SOURCE, "<string>", "exec"))
        if host is not None:
            setattr(host, "_jupyterlab_nbproject_code", code)
    exec(code[1], namespace)


load(globals())
`;
    /**
     * A failure result.
     */
    function fail(reason, problem, detail = '') {
        return { ok: false, reason, problem, detail };
    }
    Private.fail = fail;
    /**
     * A Python module name: an identifier.
     */
    Private.MODULE_NAME = /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*$/u;
    /**
     * Valid names only, unique, sorted.
     */
    function cleanNames(names, valid) {
        const test = typeof valid === 'function' ? valid : (name) => valid.test(name);
        const kept = (Array.isArray(names) ? names : []).filter((name) => typeof name === 'string' &&
            name.length <= exports.MAX_PROBE_NAME_LENGTH &&
            test(name));
        return [...new Set(kept)].sort();
    }
    Private.cleanNames = cleanNames;
    /**
     * Strings of an array, unique, in order; `[]` for anything else.
     */
    function strings(value) {
        if (!Array.isArray(value)) {
            return [];
        }
        return [
            ...new Set(value.filter((item) => typeof item === 'string' && item !== ''))
        ];
    }
    /**
     * Validate the decoded payload and keep exactly the requested names.
     */
    function toEnvironment(payload, query) {
        if (!(0, json_1.isJSONObject)(payload)) {
            return null;
        }
        const python = payload['python'];
        const { executable, prefix, platform } = payload;
        const distributions = payload['distributions'];
        const moduleDistributions = payload['moduleDistributions'];
        const loadedModules = payload['loadedModules'];
        if (!(0, json_1.isJSONObject)(python) ||
            typeof python['version'] !== 'string' ||
            typeof python['implementation'] !== 'string' ||
            typeof executable !== 'string' ||
            typeof prefix !== 'string' ||
            typeof platform !== 'string' ||
            !(0, json_1.isJSONObject)(distributions) ||
            !(0, json_1.isJSONObject)(moduleDistributions) ||
            !Array.isArray(loadedModules)) {
            return null;
        }
        // Keyed by names from the notebook (`__proto__` is an identifier):
        // own properties only, read and written as such.
        const own = (object, name) => Object.prototype.hasOwnProperty.call(object, name)
            ? object[name]
            : undefined;
        const providers = new Map();
        for (const name of query.modules) {
            providers.set(name, strings(own(moduleDistributions, name)));
        }
        // A partial answer (the kernel's deadline passed) leaves out the names
        // it did not look up: unknown, not "not installed".
        const partial = payload['partial'] === true;
        const versions = new Map();
        for (const name of [
            ...query.distributions,
            ...[...providers.values()].flat()
        ]) {
            const version = own(distributions, name);
            if (typeof version === 'string' || !partial) {
                versions.set(name, typeof version === 'string' ? version : '');
            }
        }
        return {
            python: {
                version: python['version'],
                implementation: python['implementation']
            },
            executable,
            prefix,
            platform,
            distributions: Object.fromEntries(versions),
            moduleDistributions: Object.fromEntries(providers),
            loadedModules: strings(loadedModules).sort()
        };
    }
    Private.toEnvironment = toEnvironment;
})(Private || (Private = {}));
