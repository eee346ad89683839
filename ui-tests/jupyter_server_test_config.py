"""JupyterLab server configuration for the Galata UI tests.

The extension under test is the one `make test` installs into .venv: a link to
the build output, as `jupyter labextension develop` makes it.

Real-time collaboration (jupyter-collaboration) is off unless NBPROJECT_RTC=1:
only the collaboration spec runs against a collaborative server (see
playwright.config.js).
"""

import os
import tempfile
from pathlib import Path

from jupyterlab.galata import configure_jupyter_server

configure_jupyter_server(c)  # noqa: F821  (also adds Galata's in-page helpers)

c.ServerApp.allow_root = True  # noqa: F821  (the test machines run as root)
port = int(os.environ.get("NBPROJECT_TEST_PORT", "8888"))
c.ServerApp.port = port  # noqa: F821
# jupyter-collaboration's server extension (unused when it is not installed).
rtc = os.environ.get("NBPROJECT_RTC") == "1"
c.YDocExtension.disable_rtc = not rtc  # noqa: F821
if rtc:
    # A fresh document history for each server, not one kept in ui-tests/.
    ystore = Path(tempfile.gettempdir()) / f"nbproject-ystore-{port}.db"
    ystore.unlink(missing_ok=True)
    c.SQLiteYStore.db_path = str(ystore)  # noqa: F821
