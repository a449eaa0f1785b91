# Sustained mixed load (included by the Makefile). Not part of `make test`, which runs a 20 s
# version instead (tests/load/test_load_short.py, in the main pytest run).

.PHONY: load

# Its own database (created, migrated and seeded with seed_demo if missing) and Redis
# database 13; fresh users each run, so the database is reused.
LOAD_SECONDS ?= 300
LOAD_WORKERS ?= 8
LOAD_RATE ?= 0
LOAD_GUNICORN_WORKERS ?= 2
LOAD_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/nanoguild_load
LOAD_REDIS_URL ?= redis://127.0.0.1:6379/13

load: install ## Sustained mixed load on gunicorn (LOAD_SECONDS=300): zero errors, every write stored once
	LOAD_SECONDS='$(LOAD_SECONDS)' LOAD_WORKERS='$(LOAD_WORKERS)' LOAD_RATE='$(LOAD_RATE)' \
	LOAD_GUNICORN_WORKERS='$(LOAD_GUNICORN_WORKERS)' LOAD_DATABASE_URL='$(LOAD_DATABASE_URL)' \
	LOAD_REDIS_URL='$(LOAD_REDIS_URL)' $(PY) tests/load/run.py
