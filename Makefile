# Wegweiser: one command to run, one to test. Everything sets itself up from nothing.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test setup lint format bench catalog-db clean

run: setup catalog-db ## set up and start the stack in the foreground
	$(PY) -m services_catalog stats

test: setup lint ## set up and run the whole test suite
	$(PY) -m pytest -q

setup: $(STAMP) ## virtual environment with every dependency, versions from constraints.txt

$(STAMP): pyproject.toml constraints.txt scripts/find-python310
	@PY310=$$(scripts/find-python310) || exit 1; \
	if [ ! -x $(PY) ] || ! $(PY) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))'; then \
	  rm -rf $(VENV) && "$$PY310" -m venv $(VENV); fi
	$(PY) -m pip install --quiet --upgrade "pip>=24,<26"
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

catalog-db: setup ## create the catalog database and import the seed data when it is empty
	$(PY) -m services_catalog init

lint: setup ## ruff (lint + format check) and mypy
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy services_catalog actions bot nlu_extensions bench scripts tests

format: setup
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

bench: setup ## measure; figures in bench/results/
	$(PY) bench/catalog_search.py

clean:
	rm -rf $(VENV) var/*.sqlite3 .mypy_cache .ruff_cache .pytest_cache
