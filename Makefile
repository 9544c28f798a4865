# Wegweiser: one command to run, one to test. Everything sets itself up from nothing.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

RASA := $(VENV)/bin/rasa
MODEL_STAMP := models/.latest

.PHONY: run test unit setup lint format bench catalog-db clean validate model test-stories nlu-quality translations browser scaleout load load-floor journeys journeys-all

run: setup catalog-db model ## set up and start the stack in the foreground (Ctrl-C stops it)
	$(PY) -m bot.stack

test: setup lint validate model browser ## set up and run the whole test suite
	$(PY) -m pytest -q
	$(MAKE) --no-print-directory test-stories

unit: setup ## the unit tests alone: offline, no stack, no browser, no model
	$(PY) -m pytest -q -m "not integration and not browser"

setup: $(STAMP) ## virtual environment with every dependency, versions from constraints.txt

$(STAMP): pyproject.toml constraints.txt scripts/find-python310
	@echo "== environment: .venv with every dependency (a fresh clone: a few minutes of pip) =="
	@PY310=$$(scripts/find-python310) || exit 1; \
	if [ ! -x $(PY) ] || ! $(PY) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))'; then \
	  rm -rf $(VENV) && "$$PY310" -m venv $(VENV); fi
	$(PY) -m pip install --quiet --upgrade "pip>=24,<26"
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

catalog-db: setup ## create the catalog database and import the seed data when it is empty
	@echo "== catalog: database and seed data =="
	$(PY) -m services_catalog init

lint: setup ## ruff (lint + format check) and mypy
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy services_catalog actions bot nlu_extensions bench scripts tests evaluation

format: setup
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

bench: setup ## the stack against a bare `rasa init` bot, side by side; table + bench/results/run_all.json
	$(PY) bench/run_all.py

load: setup model ## 500 concurrent chat sessions x 10 turns on an own stack; figures in bench/results/
	$(PY) bench/load_chat.py --json bench/results/load_chat.json

load-floor: setup model ## the same closed-loop load on the bare `rasa init` bot and on the stack: the framework's floor
	$(PY) bench/load_floor.py

browser: ## Debian's Chromium and Noto fonts (Arabic, Pashto, Ge'ez) for the browser tests; Playwright's own download does not work offline
	@{ command -v chromium && fc-list | grep -q "Noto Sans Ethiopic"; } >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium and fonts-noto-core (apt)"; \
	  (apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-core >/dev/null; }
	@command -v chromium >/dev/null 2>&1 || { echo "error: chromium is not installed and apt-get could not install it" >&2; exit 1; }

validate: setup ## rasa data validate (domain, NLU data, rules)
	$(RASA) data validate --domain domain --fail-on-warnings --quiet

model: setup ## train the Rasa model unless one for exactly these inputs exists (models/)
	@mkdir -p models
	@echo "== model: train unless a model for exactly these inputs exists =="
	$(PY) scripts/train_if_stale.py > $(MODEL_STAMP).tmp && mv $(MODEL_STAMP).tmp $(MODEL_STAMP)
	@echo "model: $$(cat $(MODEL_STAMP))"

test-stories: model ## rasa test: the conversation tests in every language (tests/stories/)
	$(RASA) test core --stories tests/stories --model "$$(cat $(MODEL_STAMP))" \
	  --out var/story-results --fail-on-prediction-errors --quiet

journeys: setup model ## whole conversations through the chat API of an own stack, judged by outcome
	$(PY) -m evaluation.journeys --json var/journeys.json

journeys-all: setup model ## the same with the held-back conversations (run at the end of a session)
	$(PY) -m evaluation.journeys --all --json var/journeys-all.json

nlu-quality: model ## intent macro-F1 per language on both held-out splits; fails below 0.90
	$(PY) scripts/evaluate_nlu.py "$$(cat $(MODEL_STAMP))" --min-f1 0.90 --json var/nlu-quality.json

translations: setup ## extract msgids and update every language's catalog
	$(VENV)/bin/pybabel extract -F babel.cfg -k _ -k N_ -k n_:1,2 --no-location \
	  --project Wegweiser -o bot/locale/messages.pot .
	$(VENV)/bin/pybabel update -i bot/locale/messages.pot -d bot/locale -D messages --no-fuzzy-matching

scaleout: setup model ## two Rasa servers sharing PostgreSQL (tracker, catalog) and Redis (locks)
	@command -v redis-server >/dev/null 2>&1 || { (apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null; }
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { (apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; }
	$(PY) -m pytest -q -p no:cacheprovider -m scaleout tests/scaleout

clean:
	rm -rf $(VENV) models var/*.sqlite3 .mypy_cache .ruff_cache .pytest_cache
