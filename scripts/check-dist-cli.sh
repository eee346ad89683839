#!/usr/bin/env bash
# dist-cli/ is committed: `npm install -g git+…` and pre-commit's `language: node`
# install the repository as git has it, and npm runs no build for them. This
# check builds the CLI afresh and fails when the committed copy (git's HEAD, not
# the working tree, which `make` rebuilds) differs from it.
set -uo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
node node_modules/typescript/bin/tsc -p tsconfig.cli.json --outDir "$work/fresh" || exit 1
mkdir -p "$work/committed"
git archive HEAD dist-cli | tar -x -C "$work/committed" || exit 1
if ! diff -r -q "$work/fresh" "$work/committed/dist-cli"; then
  echo "the committed dist-cli/ is not a fresh build: run 'npm run build:cli' and commit dist-cli/" >&2
  exit 1
fi
echo "dist-cli/ is a fresh build of src/cli and src/core"
