# The two commands a newcomer needs: `make run` and `make test`. Both set themselves up and are
# idempotent: the venv and installs are redone only when pyproject.toml changes.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DB ?= data/targets.duckdb
PORT ?= 8501
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)

.PHONY: run test lint db bench bench-large chromium clean help

help:
	@echo "make run    set up, build $(DB) with the sample actuals if missing, serve the dashboard on http://localhost:$(PORT)"
	@echo "make test   set up (venv, test extras, Debian chromium) and run ruff, mypy and every test"
	@echo "make db     rebuild $(DB) from data/sources (keeps uploaded actuals)"
	@echo "make bench  run the benchmarks in bench/ and print their tables"
	@echo "make bench-large  the scale benchmark: every page, the export and the app's memory at 10k and 1M quantities"

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(VENV)/.installed-run: pyproject.toml | $(PY)
	$(PY) -m pip install -q -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PY) -m pip install -q -e '.[test]'
	@touch $@ $(VENV)/.installed-run

$(VENV)/.installed-bench: pyproject.toml | $(PY)
	$(PY) -m pip install -q -e '.[test,bench]'
	@touch $@ $(VENV)/.installed-run $(VENV)/.installed-test

$(DB): | $(VENV)/.installed-run
	$(PY) -m etl init-db --db $(DB)

db: $(VENV)/.installed-run
	$(PY) -m etl build --db $(DB)

run: $(VENV)/.installed-run $(DB)
	TARGET_MONITOR_DB=$(DB) $(VENV)/bin/streamlit run app.py --server.headless true \
		--server.address localhost --server.port $(PORT) --browser.gatherUsageStats false

# Browser tests drive Debian's chromium through Playwright (no browser download); a CJK font makes
# Chinese labels render (and screenshots readable) on a bare machine.
chromium:
	@{ command -v chromium >/dev/null 2>&1 && fc-list :lang=zh 2>/dev/null | grep -q . ; } || { \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq chromium fonts-wqy-microhei fontconfig >/dev/null; }

# ruff (style, imports, complexity: C901 at 15; the formatter's layout) and mypy (type hints; settings in pyproject.toml)
lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

test: $(VENV)/.installed-test chromium lint
	REQUIRE_BROWSER=1 $(PY) -m pytest -q

bench: $(VENV)/.installed-bench
	$(PY) -m bench

# 10k and 1M quantities (10M actuals): pages interleaved, the export of everything, three sessions' memory
bench-large: $(VENV)/.installed-bench
	$(PY) -m bench scale

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis test-output
