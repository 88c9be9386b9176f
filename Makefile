# The two commands of the README, and the steps they share.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB ?= demo.duckdb

.PHONY: demo test setup browser lint bench docs clean

## Set everything up and run the main job on the bundled sample corpus.
demo: setup
	rm -f $(DEMO_DB) $(DEMO_DB).wal
	$(BIN)/equipoise ingest src/equipoise/data/sample --db $(DEMO_DB)
	$(BIN)/equipoise report --db $(DEMO_DB)

## Set everything up and run the whole test suite (lint, types, tests, browser tests).
test: setup browser
	$(BIN)/ruff check src tests bench tools
	$(BIN)/mypy
	$(BIN)/python -m pytest -q -p no:cacheprovider

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## Debian's Chromium for the dashboard tests (needs root or an existing install).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium missing: run 'sudo apt-get install chromium' (browser tests will be skipped)"; fi; }

lint: setup
	$(BIN)/ruff check src tests bench tools
	$(BIN)/mypy

docs: setup
	$(BIN)/python tools/gen_cli_docs.py > docs/cli.md

## The benchmarks at their quick default sizes (see bench/README.md for the full ones).
bench: setup
	$(BIN)/python bench/bench_throughput.py
	$(BIN)/python bench/bench_queries.py --events 1000000
	$(BIN)/python bench/bench_dask.py

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB).wal .pytest_cache .mypy_cache .ruff_cache
