# Nanoguild: the one command surface. `make help` lists every target.
#
# On a fresh machine `make run` and `make test` are all you need: both install what is missing
# (uv into .venv-tools when it is not on PATH, then the locked dependencies into .venv).

SHELL := /bin/bash
.DEFAULT_GOAL := help

# uv from PATH when there is one, else a private copy bootstrapped with pip into .venv-tools.
UV_ON_PATH := $(shell command -v uv 2>/dev/null)
UV := $(if $(UV_ON_PATH),$(UV_ON_PATH),.venv-tools/bin/uv)
BIN := .venv/bin
PY := $(BIN)/python
MANAGE := $(PY) backend/manage.py

# Where `make run` listens (loopback only: the embedded mode is for one machine).
PORT ?= 8000

# The services `make test` runs the suite against (pytest-django creates test_nanoguild).
# Redis database 15 keeps test keys away from a developer's own data in database 0.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/nanoguild
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15
REPORTS := var/test-reports
# Extra pytest arguments for `make test` / `make smoke`, e.g. PYTEST_ARGS="-x -k gigs".
PYTEST_ARGS ?=

# Apps add their own targets in mk/<app>.mk; a suite that must run apart from the main pytest
# run (another database, another server) appends its target to EXTRA_TEST_TARGETS there and
# writes a JUnit report into $(REPORTS) so the closing total counts it.
EXTRA_TEST_TARGETS :=
include $(wildcard mk/*.mk)

.PHONY: help install run lint format test smoke schema migrations messages superuser shell clean

help: ## List every target with a one-line description
	@echo "Usage: make <target>"
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  %-12s %s\n", $$1, $$2}' \
		$(MAKEFILE_LIST)

.venv-tools/bin/uv:
	python3 -m venv .venv-tools
	.venv-tools/bin/python -m pip install --quiet --disable-pip-version-check uv

install: $(if $(UV_ON_PATH),,.venv-tools/bin/uv) ## Install the locked dependencies into .venv (bootstraps uv if needed)
	@$(UV) sync --frozen --quiet

run: install ## Serve the demo at http://127.0.0.1:8000 (embedded mode: SQLite under var/, no services)
	$(MANAGE) migrate --noinput
	$(MANAGE) skills_load
	$(MANAGE) seed_demo
	$(MANAGE) collectstatic --noinput --verbosity 0
	$(PY) -m uvicorn config.asgi:application --app-dir backend --host 127.0.0.1 --port $(PORT) \
		--lifespan off

lint: install ## Check the code: ruff check, ruff format --check, mypy (django-stubs), bandit, eslint + tsc
	@status=0; \
	$(BIN)/ruff check . || status=1; \
	$(BIN)/ruff format --check . || status=1; \
	$(BIN)/mypy backend tests || status=1; \
	$(BIN)/bandit -q -r backend -x '*/migrations/*' --severity-level high || status=1; \
	$(MAKE) --no-print-directory frontend-lint || status=1; \
	exit $$status

format: install ## Apply ruff's safe fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Every step runs even when an earlier one fails, so one run shows every problem; the last
# line totals the runners' results. pytest's exit 5 (no test collected) is not a failure.
test: install ## Lint, run the suite on PostgreSQL + Redis, then the embedded smoke; totals last
	@rm -rf $(REPORTS) && mkdir -p $(REPORTS)
	@failed=""; \
	$(MAKE) --no-print-directory lint || failed="$$failed lint"; \
	DATABASE_URL='$(TEST_DATABASE_URL)' REDIS_URL='$(TEST_REDIS_URL)' \
		$(BIN)/pytest -p no:cacheprovider -m "not smoke and not e2e" \
		--junitxml=$(REPORTS)/postgresql.xml $(PYTEST_ARGS); \
	rc=$$?; [ $$rc -eq 0 ] || [ $$rc -eq 5 ] || failed="$$failed pytest"; \
	$(MAKE) --no-print-directory smoke || failed="$$failed smoke"; \
	for target in $(EXTRA_TEST_TARGETS); do \
		$(MAKE) --no-print-directory $$target || failed="$$failed $$target"; \
	done; \
	echo; \
	if [ -n "$$failed" ]; then echo "make test: FAILED:$$failed"; fi; \
	$(PY) tests/tools/total.py $(REPORTS) || failed="$$failed total"; \
	[ -z "$$failed" ]

# The outer pytest process gets a throw-away SQLite file and no Redis or broker; the smoke
# test itself migrates and serves its own temporary database in subprocesses.
smoke: install ## Embedded-mode smoke on SQLite: migrate, seed twice, serve, fetch the main pages
	@mkdir -p $(REPORTS)
	@rm -f var/smoke.sqlite3*
	@status=0; \
	DATABASE_URL='sqlite:///$(CURDIR)/var/smoke.sqlite3' REDIS_URL= CELERY_BROKER_URL=memory:// \
		$(BIN)/pytest -p no:cacheprovider -m smoke tests/smoke \
		--junitxml=$(REPORTS)/smoke.xml $(PYTEST_ARGS) || status=$$?; \
	rm -f var/smoke.sqlite3*; \
	[ $$status -eq 0 ] || [ $$status -eq 5 ]

schema: install ## Regenerate the committed OpenAPI schema docs/openapi.yaml and validate it
	$(MANAGE) spectacular --file docs/openapi.yaml --validate

migrations: install ## Create migrations for model changes (makemigrations)
	$(MANAGE) makemigrations

# Run from backend/ so makemessages scans the Python code and templates, not .venv.
messages: install ## Extract and compile the de and fr translations (installs gettext if missing)
	@command -v msgfmt >/dev/null || { \
		echo "gettext (msgfmt) is missing: installing it with apt-get"; \
		sudo=$$([ "$$(id -u)" -eq 0 ] || echo sudo); \
		$$sudo apt-get update -qq && $$sudo apt-get install -y -qq gettext; \
	}
	cd backend && ../$(PY) manage.py makemessages -l de -l fr --add-location=file
	cd backend && ../$(PY) manage.py compilemessages -l de -l fr

superuser: install ## Create an admin account in the current database
	$(MANAGE) createsuperuser

shell: install ## Open a Django shell on the current settings
	$(MANAGE) shell

clean: ## Remove caches, test reports and collected static files (keeps var/ data and .venv)
	rm -rf $(REPORTS) var/static var/smoke.sqlite3* .mypy_cache .ruff_cache .pytest_cache
	find . -name __pycache__ -type d -not -path "./.venv*" -prune -exec rm -rf {} +
