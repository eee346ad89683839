"""Build the release artifacts from this tree, as a release would.

A copy of the tree's files (tracked, and untracked but not ignored), in a
temporary folder, gets a production build of the extension and the CLI, then
`python -m build`: an sdist, and a wheel built from that sdist. A second wheel
is built straight from the copy, so that a test can compare the two, and
`npm pack` makes the npm package.

The result is cached under .cache/compat/ by a hash of the files: a tree that
has not changed reuses the last build. Prints the folder holding the artifacts
(sdist, wheel and npm tarball, and tree/ with the wheel built from the tree).

Usage: python scripts/build_dist.py
"""

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / ".cache" / "compat"


def tree_files() -> list:
    """The files a clone of this tree would have, plus new unignored ones."""
    out = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, capture_output=True, check=True,
    ).stdout
    names = sorted({name for name in out.decode().split("\0") if name})
    return [name for name in names if (ROOT / name).is_file()]


def tree_key(names: list) -> str:
    digest = hashlib.sha256()
    for name in names:
        digest.update(name.encode() + b"\0")
        digest.update(hashlib.sha256((ROOT / name).read_bytes()).digest())
    return digest.hexdigest()[:16]


def run(cmd: list, cwd: Path) -> None:
    """Run a build step; its output goes to stderr, stdout is the answer."""
    print("+", " ".join(str(part) for part in cmd), file=sys.stderr, flush=True)
    subprocess.run(cmd, cwd=cwd, check=True, stdout=sys.stderr)


def build() -> Path:
    """Build (or reuse) the artifacts; return their folder."""
    names = tree_files()
    out = CACHE / f"dist-{tree_key(names)}"
    if (out / "done").exists():
        return out
    CACHE.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="nbproject-dist-") as tmp:
        src = Path(tmp)
        _build(names, src, out)
    for old in CACHE.glob("dist-*"):
        if old != out:
            shutil.rmtree(old, ignore_errors=True)
    (out / "done").write_text("")
    return out


def _build(names: list, src: Path, out: Path) -> None:
    """Copy the files NAMES to SRC, build there, put the artifacts in OUT."""
    for name in names:
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, src / name)
    # The locked dependencies of this tree, read only: the production build
    # below runs before the packaging hooks, which then skip npm altogether.
    (src / "node_modules").symlink_to(ROOT / "node_modules")
    run(["npm", "run", "-s", "build:prod"], src)
    shutil.rmtree(out, ignore_errors=True)
    python = sys.executable
    run([python, "-m", "build", "--no-isolation", "--outdir", str(out), "."], src)
    run([python, "-m", "build", "--no-isolation", "--wheel", "--outdir", str(out / "tree"), "."], src)
    run(["npm", "pack", "--silent", "--pack-destination", str(out)], src)


if __name__ == "__main__":
    print(build())
