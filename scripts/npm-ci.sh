#!/usr/bin/env bash
# npm ci with a time limit and retries: a stalled registry download must not
# hang `make` (seen once here: npm ci sat idle for ten minutes mid-install).
set -uo pipefail
dir=${1:-.}
cd "$dir" || exit 1
for attempt in 1 2 3; do
  if timeout 480 npm ci --no-audit --no-fund --fetch-timeout=60000 --fetch-retries=4; then
    exit 0
  fi
  echo "npm ci in $dir failed or stalled (attempt $attempt of 3); retrying" >&2
  rm -rf node_modules
done
exit 1
