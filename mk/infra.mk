# Production on one machine: the real processes (gunicorn, uvicorn, Celery worker and beat)
# with DJANGO_ENV=production against the local PostgreSQL and Redis (see tests/prod_smoke/).

EXTRA_TEST_TARGETS += prod-smoke

# A database of its own (created and dropped by the smoke: never one anyone else uses) and a
# Redis database of its own (flushed before and after).
PROD_SMOKE_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/nanoguild_prod_smoke
PROD_SMOKE_REDIS_URL ?= redis://127.0.0.1:6379/14

.PHONY: prod-smoke

# The outer pytest only drives HTTP and websockets: it gets the embedded defaults (a throw-away
# SQLite file it never touches); the production processes get their own environment.
prod-smoke: install ## Production-mode smoke: nginx, gunicorn, uvicorn, Celery on PostgreSQL/Redis, one deal
	@command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || { \
		echo "nginx is missing: installing nginx-light with apt-get"; \
		sudo=$$([ "$$(id -u)" -eq 0 ] || echo sudo); \
		$$sudo apt-get update -qq && $$sudo apt-get install -y -qq nginx-light >/dev/null; \
	}
	@mkdir -p $(REPORTS)
	@rm -f var/prod-smoke-driver.sqlite3* $(REPORTS)/prod-smoke.steps
	@status=0; \
	DATABASE_URL='sqlite:///$(CURDIR)/var/prod-smoke-driver.sqlite3' REDIS_URL= \
		CELERY_BROKER_URL=memory:// \
		PROD_SMOKE_DATABASE_URL='$(PROD_SMOKE_DATABASE_URL)' \
		PROD_SMOKE_REDIS_URL='$(PROD_SMOKE_REDIS_URL)' \
		PROD_SMOKE_STEPS_FILE='$(CURDIR)/$(REPORTS)/prod-smoke.steps' \
		$(BIN)/pytest -p no:cacheprovider -m smoke tests/prod_smoke \
		--junitxml=$(REPORTS)/prod-smoke.xml $(PYTEST_ARGS) || status=$$?; \
	rm -f var/prod-smoke-driver.sqlite3*; \
	[ $$status -eq 0 ] && [ -s $(REPORTS)/prod-smoke.steps ] || exit 1; \
	echo "prod-smoke ok steps=$$(cat $(REPORTS)/prod-smoke.steps)"
