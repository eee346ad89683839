"""A notebook published by jupyterlab-nbproject is read and validated by nbproject itself.

The publish plan is the extension's own code (src/core/publish/plan.ts, compiled
to dist-cli/ by `npm run build:dev`), run by Node on a notebook of ours with the
versions installed in this environment, as the kernel probe would report them.
nbproject 0.11.1 then reads the written file.
"""

import json
import shutil
import subprocess
from importlib.metadata import version
from pathlib import Path

import pytest
from nbproject.dev import check_consecutiveness, infer_pypackages, read_notebook
from nbproject.dev._meta_live import get_title
from nbproject.dev._meta_store import MetaContainer

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "notebooks" / "to-publish.ipynb"
PUBLISH_JS = """
const { planPublish } = require('./dist-cli/core/publish/plan.js');
const { codeDigest } = require('./dist-cli/core/notebook/digest.js');
const { takeSnapshot } = require('./dist-cli/core/packages/environment.js');
const input = JSON.parse(require('fs').readFileSync(0, 'utf-8'));
const nb = input.notebook;
Promise.all([codeDigest(nb.cells), takeSnapshot(input.environment)]).then(([digest, environment]) => {
  const plan = planPublish({
    // The core takes its Python parser from the caller, as the CLI gives it.
    cells: nb.cells, parser: require('@lezer/python').parser,
    nbproject: nb.metadata.nbproject, extension: nb.metadata.jupyterlab_nbproject,
    live: input.live, codeDigest: digest, note: 'interop', now: new Date(), environment
  });
  process.stdout.write(JSON.stringify(plan));
});
"""


# What the kernel's environment request returns, as parsed.
ENVIRONMENT = {
    "python": {"version": "3.11.7", "implementation": "CPython"},
    "platform": "linux-x86_64",
    "distributions": [
        {"name": "ipykernel", "version": version("ipykernel"), "installer": "pip", "requires": []},
        {"name": "pytest", "version": version("pytest"), "installer": "pip", "requires": []},
    ],
    "conda": None,
    "partial": False,
}


def publish(notebook: dict, live: dict) -> dict:
    if not (ROOT / "dist-cli" / "core" / "publish" / "plan.js").exists():
        pytest.fail("dist-cli/ is missing: run `npm run build:cli` (make test does)")
    out = subprocess.run(
        [shutil.which("node") or "node", "-e", PUBLISH_JS],
        input=json.dumps({"notebook": notebook, "live": live, "environment": ENVIRONMENT}),
        capture_output=True, text=True, cwd=ROOT, check=True,
    )
    return json.loads(out.stdout)


@pytest.fixture
def published(tmp_path):
    notebook = json.loads(FIXTURE.read_text())
    live = {
        "distributions": {"ipykernel": version("ipykernel"), "pytest": version("pytest")},
        "python": "3",
    }
    plan = publish(notebook, live)
    notebook["metadata"]["nbproject"] = plan["nbproject"]
    notebook["metadata"]["jupyterlab_nbproject"] = plan["extension"]
    path = tmp_path / "published.ipynb"
    path.write_text(json.dumps(notebook, indent=1))
    return path, plan


def test_nbproject_validates_what_we_publish(published):
    path, plan = published
    assert plan["problems"] == []
    nb = read_notebook(path)
    meta = MetaContainer(**nb.metadata["nbproject"])
    assert meta.id == "3m2Q6UBuwgSH"
    assert meta.version == "1"  # "0" from nbproject's CLI is followed by "1"
    assert meta.time_init == "2022-07-18T12:32:21.625107+00:00"
    assert meta.parent == ["z14KWQKD4bwE"]
    assert dict(meta.pypackage) == {"ipykernel": version("ipykernel"), "pytest": version("pytest")}
    # Keys that are not nbproject's are kept, inside and outside its namespace.
    assert nb.metadata["nbproject"]["custom"] == "kept"
    assert nb.metadata["their_tool"] == {"keep": [1, 2]}


def test_nbproject_agrees_with_our_checks(published):
    path, plan = published
    nb = read_notebook(path)
    assert get_title(nb) == "Interop check"
    assert check_consecutiveness(nb) is plan["record"]["consecutive"] is True
    # nbproject's own inference, pinned from this environment, finds the same packages.
    assert infer_pypackages(nb, pin_versions=True) == plan["nbproject"]["pypackage"]


def test_history_record_sits_outside_nbproject_keys(published):
    path, plan = published
    nb = read_notebook(path)
    record = nb.metadata["jupyterlab_nbproject"]["history"][-1]
    assert record["version"] == "1" and record["note"] == "interop"
    assert len(record["code_sha256"]) == 64
    assert "history" not in nb.metadata["nbproject"]


def test_environment_snapshot_sits_outside_nbproject_keys(published):
    path, plan = published
    nb = read_notebook(path)
    ours = nb.metadata["jupyterlab_nbproject"]
    assert ours["environment"]["packages"] == [
        f"ipykernel=={version('ipykernel')}",
        f"pytest=={version('pytest')}",
    ]
    # The publication's record points to the snapshot it was taken with.
    assert ours["history"][-1]["environment_sha256"] == ours["environment"]["sha256"]
    assert "environment" not in nb.metadata["nbproject"]
    MetaContainer(**nb.metadata["nbproject"])
