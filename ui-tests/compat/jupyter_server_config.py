"""Server of the compatibility check: JupyterLab or Notebook 7 on a copy of a
test notebook, no token, the app object exposed to the test's page."""

import os

c.ServerApp.allow_root = True  # noqa: F821  (the test machines run as root)
c.ServerApp.open_browser = False  # noqa: F821
c.ServerApp.port = int(os.environ.get("NBPROJECT_COMPAT_PORT", "8890"))  # noqa: F821
c.ServerApp.port_retries = 0  # noqa: F821
c.ServerApp.root_dir = os.environ["NBPROJECT_COMPAT_ROOT"]  # noqa: F821
c.IdentityProvider.token = ""  # noqa: F821
c.ServerApp.disable_check_xsrf = True  # noqa: F821
c.LabApp.expose_app_in_browser = True  # noqa: F821
c.JupyterNotebookApp.expose_app_in_browser = True  # noqa: F821
