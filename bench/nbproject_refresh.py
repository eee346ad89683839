"""nbproject 0.11.1 doing the refresh the extension does, on the same files.

One refresh = read the file (`read_notebook`), `check_consecutiveness`,
`infer_pypackages(pin_versions=True)`: what nbproject needs to say whether
cells ran in order and which package versions are installed.

    python bench/nbproject_refresh.py --serve
        Steady state. Reads notebook paths from stdin, one per line, and
        answers each with one JSON line {"ms": ..., "consecutive": ...,
        "packages": {...}}. The first request for a path refreshes twice
        untimed first: nbproject caches `packages_distributions()` in module
        globals after its first call. bench/refresh.js drives this worker so
        that nbproject's samples alternate with ours under the same load.

    python bench/nbproject_refresh.py --first PATH
        The first refresh in a fresh Python process (after `import
        nbproject`, which is not counted), as when nbproject runs in a new
        kernel; prints {"ms": ...}.

nbproject logs its verdict on every check; its logger output goes to
/dev/null here (still formatted and written, as in real use).
"""

import contextlib
import json
import os
import sys
import time


def refresh(path):
    from nbproject.dev import check_consecutiveness, infer_pypackages, read_notebook

    nb = read_notebook(path)
    consecutive = check_consecutiveness(nb)
    packages = infer_pypackages(nb, pin_versions=True)
    return consecutive, packages


@contextlib.contextmanager
def quiet():
    """Send nbproject's logger output to /dev/null, at the file-descriptor
    level (its logger holds the original streams)."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = [os.dup(1), os.dup(2)]
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        yield
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        for fd in saved + [devnull]:
            os.close(fd)


def timed(path):
    with quiet():
        start = time.perf_counter()
        consecutive, packages = refresh(path)
        elapsed = (time.perf_counter() - start) * 1000
    return {"ms": elapsed, "consecutive": consecutive, "packages": packages}


def serve():
    import nbproject

    print(json.dumps({"nbproject": nbproject.__version__, "python": sys.version.split()[0]}), flush=True)
    warmed = set()
    for line in sys.stdin:
        path = line.strip()
        if not path:
            continue
        if path not in warmed:
            timed(path)
            timed(path)
            warmed.add(path)
        print(json.dumps(timed(path)), flush=True)


def first(path):
    import nbproject.dev  # noqa: F401  (import time is not refresh time)

    print(json.dumps({"ms": timed(path)["ms"]}), flush=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--serve"]:
        serve()
    elif len(sys.argv) == 3 and sys.argv[1] == "--first":
        first(sys.argv[2])
    else:
        sys.exit(__doc__)
