# jupyterlab-nbproject: `make lab` to try it, `make test` to test it.
# Every target sets up what it needs; re-running skips what is up to date.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMPS := .stamps
LABEXT := jupyterlab_nbproject/labextension
SOURCES := $(shell find src style schema -type f -not -path '*/__tests__/*') package.json tsconfig.json tsconfig.cli.json

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
export PATH := $(CURDIR)/$(BIN):$(PATH)

.PHONY: lab test bench build setup chromium screenshots clean

## lab: set everything up and open JupyterLab on examples/ (real-time collaboration,
## installed for the tests, is off: LAB_ARGS=--YDocExtension.disable_rtc=False turns it on)
# No browser on a Linux machine without a display (Python would start a text
# browser in the terminal); macOS and Windows open theirs.
NO_BROWSER := $(if $(filter Linux,$(shell uname -s)),$(if $(DISPLAY)$(WAYLAND_DISPLAY),,--no-browser))
lab: setup
	@echo "Starting JupyterLab with jupyterlab-nbproject on examples/ (Ctrl-C to stop)"
	$(BIN)/jupyter lab --allow-root --ServerApp.root_dir=examples --YDocExtension.disable_rtc=True $(NO_BROWSER) $(LAB_ARGS)

## test: set up what tests need, then run every suite and print one summary line
test: setup chromium $(STAMPS)/ui-tests
	@bash scripts/run-tests.sh

## bench: run the benchmarks (parts 3, 5 and 6 drive Chromium, as the UI tests do)
bench: setup chromium $(STAMPS)/ui-tests
	@bash scripts/bench.sh

## screenshots: retake the README's screenshots (docs/*.png)
screenshots: setup chromium $(STAMPS)/ui-tests
	cd ui-tests && NBPROJECT_SCREENSHOTS=1 npx playwright test --reporter=list

setup: $(STAMPS)/develop

build: $(LABEXT)/package.json

$(STAMPS):
	@mkdir -p $(STAMPS)

$(STAMPS)/venv: requirements-dev.txt | $(STAMPS)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

$(STAMPS)/npm: package.json package-lock.json | $(STAMPS)
	bash scripts/npm-ci.sh .
	@touch $@

$(LABEXT)/package.json: $(STAMPS)/npm $(SOURCES)
	npm run build:dev

# Install the Python package into the venv in development mode, with the
# labextension linked to the build output (the template's develop flow). The
# build hooks are off here: the extension was just built above.
$(STAMPS)/develop: $(STAMPS)/venv $(LABEXT)/package.json pyproject.toml
	HATCH_BUILD_NO_HOOKS=true $(BIN)/python -m pip install --quiet --disable-pip-version-check --no-build-isolation --no-deps -e .
	$(BIN)/jupyter-builder develop --overwrite . >/dev/null
	@$(BIN)/jupyter labextension list 2>&1 | grep -q 'jupyterlab-nbproject.*enabled.*OK' \
		|| { $(BIN)/jupyter labextension list; echo "jupyterlab-nbproject is not enabled"; exit 1; }
	@touch $@

# Galata drives Debian's Chromium: Playwright cannot download browsers here.
chromium:
	@if [ -n "$$CHROMIUM_PATH" ] || [ -x /usr/bin/chromium ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
		echo "Installing Debian's chromium for the UI tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "The UI tests need Chromium: run 'sudo apt-get install chromium' or set CHROMIUM_PATH"; exit 1; \
	fi

$(STAMPS)/ui-tests: ui-tests/package.json ui-tests/package-lock.json | $(STAMPS)
	bash scripts/npm-ci.sh ui-tests
	@touch $@

clean:
	rm -rf $(STAMPS) lib dist-cli $(LABEXT) tsconfig.tsbuildinfo .results
