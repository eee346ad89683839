"""The release artifacts: what `python -m build` and `npm pack` would publish.

The artifacts come from scripts/build_dist.py, which `make test` has already
run for the compatibility check (scripts/compat.sh); a tree changed since is
built again here (a minute or two).
"""

import email
import json
import re
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import build_dist  # noqa: E402

VERSION = json.loads((ROOT / "package.json").read_text())["version"]
EXTENSION = "jupyterlab_nbproject-{v}.data/data/share/jupyter/labextensions/jupyterlab-nbproject/"


@pytest.fixture(scope="module")
def dist() -> Path:
    return build_dist.build()


def only(folder: Path, pattern: str) -> Path:
    found = sorted(folder.glob(pattern))
    assert len(found) == 1, found
    return found[0]


def members(wheel: Path) -> dict:
    with zipfile.ZipFile(wheel) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_build_gives_an_sdist_and_a_wheel_of_the_package_version(dist):
    assert only(dist, "*.tar.gz").name == f"jupyterlab_nbproject-{VERSION}.tar.gz"
    assert only(dist, "*.whl").name == f"jupyterlab_nbproject-{VERSION}-py3-none-any.whl"


def test_wheel_from_the_sdist_is_identical_to_the_wheel_from_the_tree(dist):
    from_sdist = members(only(dist, "*.whl"))
    from_tree = members(only(dist / "tree", "*.whl"))
    assert sorted(from_sdist) == sorted(from_tree)
    differ = [name for name in from_sdist if from_sdist[name] != from_tree[name]]
    assert differ == []


def test_wheel_ships_the_prebuilt_extension_its_settings_and_install_metadata(dist):
    names = set(members(only(dist, "*.whl")))
    prefix = EXTENSION.format(v=VERSION)
    for name in ("package.json", "install.json", "static/style.js",
                 "schemas/jupyterlab-nbproject/plugin.json"):
        assert prefix + name in names
    assert any(re.fullmatch(re.escape(prefix) + r"static/remoteEntry\.[0-9a-f]+\.js", n) for n in names)
    # A production build: no source maps, no TypeScript sources.
    assert not [n for n in names if n.endswith((".map", ".ts", ".tsx"))]


def test_wheel_metadata_is_what_pypi_shows(dist):
    with zipfile.ZipFile(only(dist, "*.whl")) as archive:
        text = archive.read(f"jupyterlab_nbproject-{VERSION}.dist-info/METADATA").decode()
        names = archive.namelist()
    meta = email.message_from_string(text)
    assert meta["Name"] == "jupyterlab-nbproject"
    assert meta["Version"] == VERSION
    assert meta["License-Expression"] == "BSD-3-Clause"
    assert meta["License-File"] == "LICENSE"
    assert f"jupyterlab_nbproject-{VERSION}.dist-info/licenses/LICENSE" in names
    classifiers = meta.get_all("Classifier")
    assert "Framework :: Jupyter :: JupyterLab :: 4" in classifiers
    assert "Framework :: Jupyter :: JupyterLab :: Extensions :: Prebuilt" in classifiers
    assert meta["Description-Content-Type"] == "text/markdown"
    assert meta.get_payload().startswith("# jupyterlab-nbproject")


def test_twine_check_passes(dist):
    files = [str(only(dist, "*.whl")), str(only(dist, "*.tar.gz"))]
    out = subprocess.run([sys.executable, "-m", "twine", "check", "--strict", *files],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_sdist_holds_the_sources_and_the_built_extension_not_the_dependencies(dist):
    with tarfile.open(only(dist, "*.tar.gz")) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    for name in ("package.json", "package-lock.json", "pyproject.toml", "LICENSE",
                 "README.md", "CHANGELOG.md", "src/index.ts",
                 "jupyterlab_nbproject/labextension/package.json"):
        assert name in names
    assert not [n for n in names if n.startswith(("node_modules/", ".venv/", ".cache/"))]


def test_npm_package_holds_the_library_and_the_cli_only(dist):
    with tarfile.open(only(dist, "*.tgz")) as archive:
        files = {name.split("/", 1)[1] for name in archive.getnames()}
    allowed = ("lib/", "dist-cli/", "bin/", "style/", "schema/")
    extra = [f for f in files if not f.startswith(allowed)
             and f not in ("package.json", "README.md", "LICENSE")]
    assert extra == []
    for name in ("lib/index.js", "lib/index.d.ts", "bin/nbproject-lab.js",
                 "dist-cli/cli/main.js", "schema/plugin.json", "style/index.css"):
        assert name in files
    assert not [f for f in files if "__tests__" in f or f.endswith(".map")]


def test_the_version_lives_in_package_json_and_the_changelog_follows_it():
    lock = json.loads((ROOT / "package-lock.json").read_text())
    assert lock["version"] == VERSION
    headings = re.findall(r"^## (\S+)", (ROOT / "CHANGELOG.md").read_text(), re.MULTILINE)
    released = [h for h in headings if h != "Unreleased"]
    assert released and released[0] == VERSION, headings
