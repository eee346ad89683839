"""The lock files written from a notebook's environment snapshot are what the tools read.

The snapshot is taken as in JupyterLab: the extension's own environment
request (src/core/kernel/environmentRequest.ts, compiled to dist-cli/ by
`npm run build:dev`) is evaluated by this Python, its reply parsed and stored in
a notebook; then `nbproject-lab export --lock --write` writes the lock files
beside it. `packaging` reads pylock.toml (PEP 751) and pip checks
requirements.lock.txt offline against this environment.
"""

import json
import re
import shutil
import subprocess
import sys
import tomllib
from importlib.metadata import distributions
from pathlib import Path

import pytest
from packaging.utils import canonicalize_name
from packaging.version import Version

pylock = pytest.importorskip("packaging.pylock", reason="packaging 25.0 or later reads PEP 751")

ROOT = Path(__file__).resolve().parents[1]
NODE = shutil.which("node") or "node"
EXPRESSION_JS = """
const { environmentExpression } = require('./dist-cli/core/kernel/environmentRequest.js');
process.stdout.write(JSON.stringify(environmentExpression(60000)));
"""
SNAPSHOT_JS = """
const request = require('./dist-cli/core/kernel/environmentRequest.js');
const { takeSnapshot, withEnvironmentSnapshot } = require('./dist-cli/core/packages/environment.js');
const text = require('fs').readFileSync(0, 'utf-8');
const reply = request.parseEnvironmentReply({
  status: 'ok',
  user_expressions: {
    [request.ENVIRONMENT_EXPRESSION_KEY]: { status: 'ok', data: { 'text/plain': text } }
  }
});
if (!reply.ok) { throw new Error(JSON.stringify(reply)); }
takeSnapshot(reply.report).then(snapshot =>
  process.stdout.write(JSON.stringify(withEnvironmentSnapshot({}, snapshot))));
"""


def node(script: str, stdin: str = "") -> str:
    if not (ROOT / "dist-cli" / "core" / "kernel" / "environmentRequest.js").exists():
        pytest.fail("dist-cli/ is missing: run `npm run build:cli` (make test does)")
    return subprocess.run(
        [NODE, "-e", script], input=stdin, capture_output=True, text=True, cwd=ROOT, check=True
    ).stdout


@pytest.fixture(scope="module")
def locks(tmp_path_factory):
    # The request as the kernel evaluates it: in the user's namespace.
    expression = json.loads(node(EXPRESSION_JS))
    text = repr(eval(expression, {}))
    extension = json.loads(node(SNAPSHOT_JS, text))
    folder = tmp_path_factory.mktemp("published")
    notebook = folder / "analysis.ipynb"
    notebook.write_text(json.dumps({
        "cells": [],
        "metadata": {"jupyterlab_nbproject": extension},
        "nbformat": 4,
        "nbformat_minor": 5,
    }, indent=1))
    out = subprocess.run(
        [NODE, str(ROOT / "bin" / "nbproject-lab.js"), "export", "--lock", "--write", str(notebook)],
        capture_output=True, text=True, check=True,
    )
    assert "Wrote" in out.stdout and "pylock.toml" in out.stdout
    return folder, extension["environment"]


def installed() -> dict:
    """Every distribution of this environment, first on the path wins."""
    found = {}
    for dist in distributions():
        found.setdefault(canonicalize_name(dist.metadata["Name"]), dist)
    return found


def test_the_snapshot_lists_every_distribution_of_this_environment(locks):
    _, snapshot = locks
    stored = {canonicalize_name(entry.split("==")[0]): entry.split("==")[1] for entry in snapshot["packages"]}
    assert stored == {name: dist.version for name, dist in installed().items()}
    assert snapshot["python"] == ".".join(map(str, sys.version_info[:3]))


def test_pylock_is_pep_751_as_packaging_reads_it(locks):
    folder, snapshot = locks
    data = tomllib.loads((folder / "pylock.toml").read_text())
    assert data["lock-version"] == "1.0" and data["created-by"] == "jupyterlab-nbproject"
    packages = {p["name"]: p for p in data["packages"]}
    assert set(packages) == set(installed())
    direct = [p for p in data["packages"] if {"vcs", "directory", "archive"} & set(p)]
    # The file says how many entries have no source PEP 751 accepts.
    unsourced = len(data["packages"]) - len(direct)
    text = (folder / "pylock.toml").read_text()
    if unsourced:
        noun = "entry has" if unsourced == 1 else "entries have"
        assert f"# {unsourced} {noun} name and version only" in text
    else:
        assert "name and version only" not in text
    # The packages with a source from direct_url.json are complete PEP 751 entries.
    lock = pylock.Pylock.from_dict({**data, "packages": direct})
    assert str(lock.requires_python) == "==%d.%d.*" % sys.version_info[:2]
    for name, dist in installed().items():
        entry = packages[name]
        if entry in direct:
            continue
        # Installed from an index: name and version only. PEP 751 also wants
        # the files' URLs and hashes, which an installed environment does not
        # keep, and packaging says exactly that.
        assert Version(entry["version"]) == Version(dist.version)
        with pytest.raises(pylock.PylockValidationError, match="Exactly one of vcs, directory, archive"):
            pylock.Pylock.from_dict({**data, "packages": [entry]})


def test_requirements_lock_installs_this_environment_offline(locks):
    folder, _ = locks
    text = (folder / "requirements.lock.txt").read_text()
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert len(lines) == len(installed())
    out = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--dry-run", "--no-index", "--no-build-isolation",
         "--disable-pip-version-check", "-r", str(folder / "requirements.lock.txt")],
        capture_output=True, text=True,
    )
    assert out.returncode == 0, out.stderr
    # Every index package is already satisfied; pip would only reinstall
    # what comes from a local directory or VCS URL (pip always rebuilds those).
    would = re.findall(r"Would install (.*)", out.stdout)
    direct = {canonicalize_name(line.split(" @ ")[0]) for line in lines if " @ " in line}
    reinstalled = {canonicalize_name(item.rsplit("-", 1)[0]) for entry in would for item in entry.split()}
    assert reinstalled <= direct


def test_no_environment_yml_outside_conda(locks):
    folder, snapshot = locks
    assert "conda" not in snapshot
    assert not (folder / "environment.yml").exists()
