"""JupyterLab server configuration for the Galata UI tests.

The extension under test is the one `make test` installs into .venv: a link to
the build output, as `jupyter labextension develop` makes it.

Real-time collaboration (jupyter-collaboration) is off unless NBPROJECT_RTC=1:
only the collaboration spec runs against a collaborative server (see
playwright.config.js).
"""

import os
import tempfile

from jupyterlab.galata import configure_jupyter_server

configure_jupyter_server(c)  # noqa: F821  (also adds Galata's in-page helpers)

c.ServerApp.allow_root = True  # noqa: F821  (the test machines run as root)
c.ServerApp.port = int(os.environ.get("NBPROJECT_TEST_PORT", "8888"))  # noqa: F821
# jupyter-collaboration's server extension (unused when it is not installed).
c.YDocExtension.disable_rtc = os.environ.get("NBPROJECT_RTC") != "1"  # noqa: F821
# A fresh document history for each server, not one kept in ui-tests/.
c.SQLiteYStore.db_path = os.path.join(tempfile.mkdtemp(prefix="nbproject-ystore-"), "ystore.db")  # noqa: F821
