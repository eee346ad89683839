"""JupyterLab server configuration for the Galata UI tests.

The extension under test is the one `make test` installs into .venv: a link to
the build output, as `jupyter labextension develop` makes it.
"""

import os

from jupyterlab.galata import configure_jupyter_server

configure_jupyter_server(c)  # noqa: F821  (also adds Galata's in-page helpers)

c.ServerApp.allow_root = True  # noqa: F821  (the test machines run as root)
c.ServerApp.port = int(os.environ.get("NBPROJECT_TEST_PORT", "8888"))  # noqa: F821
