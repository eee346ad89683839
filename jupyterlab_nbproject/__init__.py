"""jupyterlab-nbproject: reproducible notebooks in JupyterLab.

This Python package only ships the prebuilt JupyterLab extension.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("jupyterlab-nbproject")
except PackageNotFoundError:  # imported from a source tree that was never installed
    __version__ = "dev"


def _jupyter_labextension_paths():
    return [{"src": "labextension", "dest": "jupyterlab-nbproject"}]
