"""The Python package ships the prebuilt extension and JupyterLab loads it."""

import json
import os
import subprocess
import sys
from pathlib import Path

import jupyterlab_nbproject

ROOT = Path(__file__).resolve().parents[1]
JUPYTER = str(Path(sys.executable).with_name("jupyter"))


def test_labextension_paths_point_at_the_built_extension():
    paths = jupyterlab_nbproject._jupyter_labextension_paths()
    assert paths == [{"src": "labextension", "dest": "jupyterlab-nbproject"}]
    built = Path(jupyterlab_nbproject.__file__).parent / "labextension" / "package.json"
    meta = json.loads(built.read_text())
    assert meta["name"] == "jupyterlab-nbproject"
    assert meta["jupyterlab"]["_build"]["load"].startswith("static/remoteEntry.")


def test_settings_schema_ships_with_the_extension():
    schema = (
        Path(jupyterlab_nbproject.__file__).parent
        / "labextension" / "schemas" / "jupyterlab-nbproject" / "plugin.json"
    )
    data = json.loads(schema.read_text())
    assert data["properties"]["expandHeader"]["default"] is False


def test_jupyter_lists_the_extension_as_enabled_and_ok():
    env = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTER")}
    out = subprocess.run(
        [JUPYTER, "labextension", "list"], capture_output=True, text=True, env=env, check=True
    )
    listing = out.stdout + out.stderr
    line = next(l for l in listing.splitlines() if "jupyterlab-nbproject" in l)
    assert "enabled" in line and "OK" in line, listing


def test_install_metadata_names_the_python_package():
    install = json.loads((ROOT / "install.json").read_text())
    assert install["packageManager"] == "python"
    assert install["packageName"] == "jupyterlab-nbproject"
