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

## Every benchmark at a quick size, one after another (bench/README.md has the full sizes).
bench: setup
	$(BIN)/python bench/bench_throughput.py --articles 100 --repeat 1
	$(BIN)/python bench/bench_api.py --events 100000 --requests 100 --seconds 3
	$(BIN)/python bench/bench_queries.py --events 1000000 --repeat 1
	$(BIN)/python bench/bench_memory.py --sizes 1000,3000
	$(BIN)/python bench/bench_dask.py --articles 60
	$(BIN)/python bench/bench_dask_warc.py --files 2 --pages 10
	$(BIN)/python bench/bench_learned.py --rounds 1
	$(BIN)/python bench/bench_search.py --articles 2000 --repeat 1
	$(BIN)/python bench/bench_calibration.py --runs 200
	$(BIN)/python bench/bench_clean.py --rounds 2
	$(BIN)/python bench/bench_fetch.py --pages 20 --warc-pages 200
	$(BIN)/python bench/bench_startup.py --repeat 1

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB).wal .pytest_cache .mypy_cache .ruff_cache
