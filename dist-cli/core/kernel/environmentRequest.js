"use strict";
// Copyright (c) jupyterlab-nbproject developers.
// Distributed under the terms of the Modified BSD License.
Object.defineProperty(exports, "__esModule", { value: true });
exports.ENVIRONMENT_SOURCE = exports.MAX_ENVIRONMENT_TEXT = exports.MAX_ENVIRONMENT_ENTRIES = exports.DEFAULT_ENVIRONMENT_BUDGET = exports.ENVIRONMENT_EXPRESSION_KEY = void 0;
exports.environmentExpression = environmentExpression;
exports.environmentRequest = environmentRequest;
exports.parseEnvironmentReply = parseEnvironmentReply;
const json_1 = require("../common/json");
const distributions_1 = require("../packages/distributions");
const requirements_1 = require("../packages/requirements");
const silentRequest_1 = require("./silentRequest");
/**
 * The `user_expressions` key the environment request is sent under.
 */
exports.ENVIRONMENT_EXPRESSION_KEY = 'jupyterlab_nbproject_environment';
/**
 * How long the kernel may list, in milliseconds, by default.
 */
exports.DEFAULT_ENVIRONMENT_BUDGET = 3000;
/**
 * Most distributions (and most conda packages) listed: more is not an
 * environment a person keeps in a notebook.
 */
exports.MAX_ENVIRONMENT_ENTRIES = 3000;
/**
 * Longest string kept from the kernel's metadata (names, versions, URLs).
 */
exports.MAX_ENVIRONMENT_TEXT = 300;
/**
 * The Python source of the request: `environment(budget, cap, text)`
 * returns base64-encoded JSON. Standard library only; it reads the
 * metadata of the installed distributions (`importlib.metadata`) and, in
 * a conda environment, `conda-meta/*.json`; no subprocess, no network.
 * Every loop stops at the deadline or the cap, and every string is cut.
 */
exports.ENVIRONMENT_SOURCE = `import base64
import json
import os
import platform
import re
import sys
import sysconfig
import time


def environment(budget, cap, text):
    deadline = time.monotonic() + budget
    out = {
        "python": {
            "version": platform.python_version(),
            "implementation": platform.python_implementation(),
        },
        "platform": sysconfig.get_platform(),
        "distributions": [],
        "conda": None,
        "partial": False,
    }
    try:
        import importlib.metadata as md
    except ImportError:
        out["error"] = "importlib.metadata needs Python 3.8 or later"
        return encode(out)
    seen = set()
    for dist in md.distributions():
        if time.monotonic() >= deadline or len(out["distributions"]) >= cap:
            out["partial"] = True
            break
        try:
            name = dist.metadata["Name"]
            if not name or normalize(name) in seen:
                continue
            seen.add(normalize(name))
            out["distributions"].append(describe(dist, name, cap, text))
        except Exception:
            continue
    conda = os.path.join(sys.prefix, "conda-meta")
    if os.path.isdir(conda):
        out["conda"] = []
        try:
            names = sorted(os.listdir(conda))
        except OSError:
            names = []
        for name in names:
            if not name.endswith(".json"):
                continue
            if time.monotonic() >= deadline or len(out["conda"]) >= cap:
                out["partial"] = True
                break
            try:
                with open(os.path.join(conda, name), encoding="utf-8") as f:
                    meta = json.load(f)
                out["conda"].append(dict(
                    (key, str(meta.get(key) or "")[:text])
                    for key in ("name", "version", "build", "channel")
                ))
            except Exception:
                continue
    return encode(out)


def describe(dist, name, cap, text):
    entry = {
        "name": name[:text],
        "version": (dist.version or "")[:text],
        "installer": (dist.read_text("INSTALLER") or "").strip()[:text],
        "requires": [],
    }
    for req in (dist.requires or [])[:cap]:
        spec, _, marker = req.partition(";")
        match = re.match("[A-Za-z0-9][A-Za-z0-9._-]*", spec.strip())
        if match and "extra" not in marker:
            entry["requires"].append(normalize(match.group(0))[:text])
    try:
        direct = json.loads(dist.read_text("direct_url.json") or "null")
    except Exception:
        direct = None
    if isinstance(direct, dict) and isinstance(direct.get("url"), str):
        source = {"url": direct["url"][:text]}
        vcs = direct.get("vcs_info")
        directory = direct.get("dir_info")
        if isinstance(vcs, dict):
            source["kind"] = "vcs"
            for key, out in (("vcs", "vcs"), ("commit_id", "commit"), ("requested_revision", "revision")):
                if isinstance(vcs.get(key), str):
                    source[out] = vcs[key][:text]
        elif isinstance(directory, dict):
            source["kind"] = "directory"
            source["editable"] = directory.get("editable") is True
        else:
            source["kind"] = "archive"
            archive = direct.get("archive_info")
            hashes = archive.get("hashes") if isinstance(archive, dict) else None
            if isinstance(hashes, dict) and isinstance(hashes.get("sha256"), str):
                source["sha256"] = hashes["sha256"][:text]
        if isinstance(direct.get("subdirectory"), str):
            source["subdirectory"] = direct["subdirectory"][:text]
        entry["source"] = source
    return entry


def normalize(name):
    return re.sub("[-_.]+", "-", name).lower()


def encode(out):
    return base64.b64encode(json.dumps(out, sort_keys=True).encode("ascii")).decode("ascii")
`;
/**
 * The Python expression the request evaluates in the kernel.
 *
 * @param budget - how long the kernel may list, in milliseconds.
 */
function environmentExpression(budget = exports.DEFAULT_ENVIRONMENT_BUDGET) {
    return (0, silentRequest_1.silentExpression)(exports.ENVIRONMENT_SOURCE, 'environment', [
        Math.max(0, budget) / 1000,
        exports.MAX_ENVIRONMENT_ENTRIES,
        exports.MAX_ENVIRONMENT_TEXT
    ]);
}
/**
 * The content of the silent `execute_request` listing the kernel's whole
 * environment: no code, silent, no history, one user expression.
 *
 * @param budget - how long the kernel may list, in milliseconds.
 */
function environmentRequest(budget = exports.DEFAULT_ENVIRONMENT_BUDGET) {
    return (0, silentRequest_1.silentRequest)(exports.ENVIRONMENT_EXPRESSION_KEY, environmentExpression(budget));
}
/**
 * Read the reply to an environment request. Never throws: entries that
 * are not what was asked for are left out, and the lists are capped,
 * unique by PEP 503 name and sorted whatever the kernel sent.
 *
 * @param content - the `content` of the `execute_reply`, as received.
 */
function parseEnvironmentReply(content) {
    const reply = (0, silentRequest_1.readSilentReply)(content, exports.ENVIRONMENT_EXPRESSION_KEY);
    if (!reply.ok) {
        return { ...reply };
    }
    const { payload } = reply;
    if (!(0, json_1.isJSONObject)(payload)) {
        return Private.malformed();
    }
    if (typeof payload['error'] === 'string') {
        return {
            ok: false,
            reason: 'kernel-error',
            problem: 'expression-error',
            detail: payload['error']
        };
    }
    const python = payload['python'];
    if (!(0, json_1.isJSONObject)(python) ||
        typeof python['version'] !== 'string' ||
        typeof python['implementation'] !== 'string' ||
        typeof payload['platform'] !== 'string' ||
        !Array.isArray(payload['distributions'])) {
        return Private.malformed();
    }
    const conda = payload['conda'];
    return {
        ok: true,
        report: {
            python: {
                version: Private.text(python['version']),
                implementation: Private.text(python['implementation'])
            },
            platform: Private.text(payload['platform']),
            distributions: Private.distributions(payload['distributions']),
            conda: Array.isArray(conda) ? Private.conda(conda) : null,
            partial: payload['partial'] === true
        }
    };
}
/**
 * Module internals.
 */
var Private;
(function (Private) {
    /**
     * The failure for a reply of the wrong shape.
     */
    function malformed() {
        return {
            ok: false,
            reason: 'malformed',
            problem: 'malformed-shape',
            detail: ''
        };
    }
    Private.malformed = malformed;
    /**
     * A string from the kernel, cut; `""` for anything else.
     */
    function text(value) {
        return typeof value === 'string'
            ? value.slice(0, exports.MAX_ENVIRONMENT_TEXT)
            : '';
    }
    Private.text = text;
    /**
     * The valid distributions, one per PEP 503 name, sorted, capped.
     */
    function distributions(items) {
        const found = new Map();
        for (const item of items.slice(0, exports.MAX_ENVIRONMENT_ENTRIES)) {
            if (!(0, json_1.isJSONObject)(item)) {
                continue;
            }
            const name = text(item['name']);
            const version = text(item['version']);
            const key = (0, distributions_1.normalizeDistribution)(name);
            if (!(0, requirements_1.isDistributionName)(name) || version === '' || found.has(key)) {
                continue;
            }
            const requires = Array.isArray(item['requires'])
                ? [
                    ...new Set(item['requires']
                        .map(text)
                        .filter(requirements_1.isDistributionName)
                        .map(distributions_1.normalizeDistribution))
                ].slice(0, exports.MAX_ENVIRONMENT_ENTRIES)
                : [];
            const source = directSource(item['source']);
            found.set(key, {
                name,
                version,
                installer: text(item['installer']),
                ...(source ? { source } : {}),
                requires
            });
        }
        return [...found.entries()]
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
            .map(([, dist]) => dist);
    }
    Private.distributions = distributions;
    /**
     * A `direct_url.json` summary, or `undefined` when not one.
     */
    function directSource(value) {
        if (!(0, json_1.isJSONObject)(value) || typeof value['url'] !== 'string') {
            return undefined;
        }
        const kind = value['kind'];
        if (kind !== 'vcs' && kind !== 'directory' && kind !== 'archive') {
            return undefined;
        }
        const source = { kind, url: text(value['url']) };
        for (const key of [
            'vcs',
            'commit',
            'revision',
            'subdirectory',
            'sha256'
        ]) {
            if (typeof value[key] === 'string' && value[key] !== '') {
                source[key] = text(value[key]);
            }
        }
        if (value['editable'] === true) {
            source.editable = true;
        }
        return source;
    }
    Private.directSource = directSource;
    /**
     * The valid conda packages, unique by name, sorted, capped.
     */
    function conda(items) {
        const found = new Map();
        for (const item of items.slice(0, exports.MAX_ENVIRONMENT_ENTRIES)) {
            if (!(0, json_1.isJSONObject)(item)) {
                continue;
            }
            const entry = {
                name: text(item['name']),
                version: text(item['version']),
                build: text(item['build']),
                channel: text(item['channel'])
            };
            if (/^[A-Za-z0-9_.+-]+$/.test(entry.name) && !found.has(entry.name)) {
                found.set(entry.name, entry);
            }
        }
        return [...found.values()].sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    }
    Private.conda = conda;
})(Private || (Private = {}));
