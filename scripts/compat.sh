#!/usr/bin/env bash
# Compatibility check: the wheel built from this tree, installed into fresh
# Python environments with the oldest supported JupyterLab, the newest
# JupyterLab 4 and the newest Notebook 7, each with a real kernel. For each:
# `jupyter labextension list` must say enabled and OK, then a short Playwright
# run (ui-tests/compat/) opens, checks and publishes a notebook.
#
# The environments are cached under .cache/compat/ and made again when their
# requirement changes or after COMPAT_MAX_AGE_DAYS (7) days, so that "newest"
# stays the newest. Results go to RESULTS (default .results/) for
# scripts/summarize.py: compat-NAME.compat (pass/fail of the environment and
# of its `labextension list`) and compat-NAME.json (the Playwright report).
#
# Usage: scripts/compat.sh [NAME...]   (default: every environment below)
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
CACHE=$ROOT/.cache/compat
RESULTS=${RESULTS:-$ROOT/.results}
PYTHON=${PYTHON:-python3}
PORT=${NBPROJECT_COMPAT_PORT:-8890}
MAX_AGE_DAYS=${COMPAT_MAX_AGE_DAYS:-7}
mkdir -p "$CACHE" "$RESULTS"

# name | pip requirement | frontend
ENVIRONMENTS=(
  "jupyterlab-4.2|jupyterlab~=4.2.0|lab"
  "jupyterlab-4-newest|jupyterlab>=4,<5|lab"
  "notebook-7-newest|notebook>=7,<8|notebook"
)

result() {  # result NAME pass|fail
  echo "$2" > "$RESULTS/compat-$1.compat"
}

echo "--- building the sdist and wheel from the tree"
start=$SECONDS
if ! dist=$("$PYTHON" scripts/build_dist.py 2> "$CACHE/build.log"); then
  tail -40 "$CACHE/build.log"
  echo "the build failed (log: .cache/compat/build.log)"
  result build fail
  exit 0
fi
result build pass
wheel=$(ls "$dist"/*.whl)
echo "$(basename "$wheel") ($((SECONDS - start)) s)"

# Settings, workspaces and extensions of the user running the tests must
# not leak into the environments under test.
unset JUPYTER_PATH JUPYTER_CONFIG_PATH

index=0
for spec in "${ENVIRONMENTS[@]}"; do
  IFS='|' read -r name requirement app <<< "$spec"
  port=$((PORT + index))
  index=$((index + 1))
  if [ $# -gt 0 ] && [[ " $* " != *" $name "* ]]; then
    continue
  fi
  venv=$CACHE/venv-$name
  run=$CACHE/run-$name
  echo "=== compat $name ($requirement, $app)"
  start=$SECONDS
  stamp=$venv/.requirement
  if [ "$(cat "$stamp" 2>/dev/null)" != "$requirement" ] \
    || [ -n "$(find "$stamp" -mtime +"$MAX_AGE_DAYS" 2>/dev/null)" ]; then
    rm -rf "$venv"
    if ! { "$PYTHON" -m venv "$venv" \
      && "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
        "$requirement" ipykernel; }; then
      echo "could not install $requirement"
      result "$name" fail
      continue
    fi
    echo "$requirement" > "$stamp"
  fi
  if ! "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    --no-deps --force-reinstall "$wheel"; then
    result "$name" fail
    continue
  fi
  echo "installed ($((SECONDS - start)) s):" $("$venv/bin/python" -m pip list \
    --disable-pip-version-check --format=freeze 2>/dev/null \
    | grep -iE '^(jupyterlab|notebook|jupyter[-_]server|ipykernel|jupyterlab[-_]nbproject)==' \
    | tr '\n' ' ') "Python $("$venv/bin/python" -c 'import platform; print(platform.python_version())')"

  rm -rf "$run" && mkdir -p "$run/root"
  export JUPYTER_CONFIG_DIR=$run/config JUPYTER_DATA_DIR=$run/data \
    JUPYTER_RUNTIME_DIR=$run/runtime JUPYTERLAB_SETTINGS_DIR=$run/settings \
    JUPYTERLAB_WORKSPACES_DIR=$run/workspaces IPYTHONDIR=$run/ipython
  listing=$(PATH="$venv/bin:$PATH" "$venv/bin/jupyter" labextension list 2>&1)
  line=$(grep 'jupyterlab-nbproject' <<< "$listing")
  echo "labextension list: ${line:-not listed}"
  if grep -q 'enabled.*OK' <<< "$line"; then
    result "$name" pass
  else
    echo "$listing"
    result "$name" fail
  fi

  start=$SECONDS
  (cd ui-tests && PATH="$venv/bin:$PATH" NBPROJECT_COMPAT_BIN="$venv/bin" \
    NBPROJECT_COMPAT_APP="$app" NBPROJECT_COMPAT_PORT="$port" \
    NBPROJECT_COMPAT_ROOT="$run/root" \
    PW_JSON_OUTPUT="$RESULTS/compat-$name.json" \
    npx playwright test -c compat.config.js) || true
  echo "playwright: $((SECONDS - start)) s"
done
exit 0
