#!/usr/bin/env bash
# make bench: measure the extension against nbproject 0.11.1 and against
# JupyterLab without it, then print one table (bench/report.js) with the
# budgets. Not a test: it never runs in `make test`.
#
# Results and the generated notebooks go to .bench/ (gitignored; BENCH_OUT
# to change); scratch builds and server state to a temporary directory that
# is removed at the end. The two JupyterLab servers use BENCH_PORT and
# BENCH_PORT+1 (default 8895 and 8896).
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export PATH="$ROOT/.venv/bin:$PATH"
PYTHON=$ROOT/.venv/bin/python
OUT=${BENCH_OUT:-$ROOT/.bench}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/nbproject-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
rm -rf "$OUT" && mkdir -p "$OUT"
failed=0
start=$SECONDS

step() {  # step TITLE COMMAND...: run one part; keep going if it fails
  local title=$1; shift
  echo "== $title"
  local t0=$SECONDS
  if ! "$@"; then
    echo "   (failed: the table shows this part as missing)"
    failed=1
  fi
  echo "   $((SECONDS - t0)) s"
}

"$PYTHON" - "$OUT/machine.json" <<'EOF'
import datetime, json, os, platform, subprocess, sys
import jupyterlab
cpu = platform.processor() or platform.machine()
try:
    with open("/proc/cpuinfo") as f:
        cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
except (OSError, StopIteration):
    pass
try:
    chromium = subprocess.run([os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"), "--version"],
                              capture_output=True, text=True, timeout=30).stdout.strip()
except Exception:
    chromium = "Chromium (version unknown)"
node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
json.dump({
    "date": datetime.datetime.now().strftime("%Y-%m-%d %H:%M"),
    "cpu": cpu, "cores": os.cpu_count(),
    "loadavg": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    "node": node, "python": platform.python_version(),
    "jupyterlab": jupyterlab.__version__, "chromium": chromium,
}, open(sys.argv[1], "w"))
EOF

# Parts 1-3 use the rules of src/core/ compiled here from the current
# sources (not a dist-cli/ left by an earlier build); NODE_PATH lets the
# scratch copy find the project's node_modules (@lezer/python).
compile_core() {
  node node_modules/typescript/bin/tsc -p tsconfig.cli.json --outDir "$WORK/core"
}
export BENCH_CORE=$WORK/core NODE_PATH=$ROOT/node_modules
step "compile src/core (scratch)" compile_core
step "generate notebooks (seeded)" node bench/generate.js "$OUT/notebooks" 200 2000 10000
cp "$OUT/notebooks/nb-2000.ipynb" "$OUT/notebooks/nb-2000-run.ipynb"
step "1-2 core analysis vs nbproject" node bench/refresh.js "$OUT/notebooks" "$OUT/refresh.json" "$PYTHON"
step "3 kernel probe against ipykernel" bash -c \
  'node bench/probe-request.js "$1/notebooks/nb-2000.ipynb" "$1/probe-request.json" &&
   "$2" bench/kernel_probe.py "$1/probe-request.json" "$1/kernel.json"' _ "$OUT" "$PYTHON"
step "4 production bundle" node bench/bundle.js "$WORK/build" "$OUT/bundle.json"
step "7 CLI on two repositories (150 notebooks; 160 output-heavy) vs nbproject" \
  node bench/cli.js "$OUT/cli-repo" "$OUT/cli.json" "$PYTHON"
step "5-6 Chromium: load, header, kernel requests, memory" \
  node bench/browser.js "$WORK" "$WORK/build/jupyterlab_nbproject/labextension" "$OUT/notebooks" "$OUT/browser.json"

# The machine's load when the parts are done, for the table's heading.
cut -d' ' -f1-3 /proc/loadavg > "$OUT/loadavg-end.txt" 2>/dev/null || true
echo
node bench/report.js "$OUT"
echo "(results in ${OUT#$ROOT/}/, $((SECONDS - start)) s)"
exit $failed
