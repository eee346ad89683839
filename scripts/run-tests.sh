#!/usr/bin/env bash
# Run every suite (type check, lint, jest, Galata, compatibility, pytest), keep going when one
# fails, then print one line "N passed, N failed" summing them all.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
RESULTS=$ROOT/.results
rm -rf "$RESULTS" && mkdir -p "$RESULTS"
export PATH="$ROOT/.venv/bin:$PATH"

run() {  # run NAME COMMAND...: a check that counts as one test
  local name=$1; shift
  echo "=== $name"
  if "$@"; then echo "pass" > "$RESULTS/$name.check"; else echo "fail" > "$RESULTS/$name.check"; fi
}

run typecheck npx tsc --noEmit -p tsconfig.test.json
run lint npm run -s lint
run cli-committed bash scripts/check-dist-cli.sh

echo "=== jest"
npx jest --ci --json --outputFile="$RESULTS/jest.json" || true

echo "=== galata"
(cd ui-tests && PW_JSON_OUTPUT="$RESULTS/playwright.json" npx playwright test) || true

# The wheel in other JupyterLab and Notebook versions (scripts/compat.sh);
# pytest then inspects the artifacts it built.
echo "=== compat"
RESULTS="$RESULTS" PYTHON=python bash scripts/compat.sh

echo "=== pytest"
python -m pytest -q --junitxml="$RESULTS/pytest.xml" tests || true

python scripts/summarize.py "$RESULTS"
