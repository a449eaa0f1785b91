# The web app (frontend/): install from the committed package-lock.json, build into
# frontend/dist/ (Django serves it), lint + typecheck, Vitest, and the Playwright browser suite.

FRONTEND := frontend
NPM := npm --prefix $(FRONTEND) --no-fund --no-audit
# Sources whose change makes the build stale (the lock file covers dependency changes).
FRONTEND_SOURCES := $(shell find $(FRONTEND)/src $(FRONTEND)/public -type f 2>/dev/null) \
	$(FRONTEND)/index.html $(FRONTEND)/vite.config.ts $(FRONTEND)/tsconfig.json \
	$(FRONTEND)/package-lock.json
# Debian's Chromium: Playwright's own browser download does not work on every machine.
CHROMIUM ?= /usr/bin/chromium
E2E_DATABASE_URL ?= $(TEST_DATABASE_URL)
E2E_REDIS_URL ?= $(TEST_REDIS_URL)

EXTRA_TEST_TARGETS += test-frontend e2e

.PHONY: frontend frontend-lint frontend-types test-frontend e2e chromium

# `npm install --no-save`, not `npm ci`: the lock file is honoured and left untouched, but npm 11
# `ci` refuses a lock that lists platform-specific optional packages (rollup's, esbuild's) only
# for this platform ("Missing: @rollup/rollup-android-arm64 from lock file"), which is what a
# registry without resolved URLs gives here.
$(FRONTEND)/node_modules/.package-lock.json: $(FRONTEND)/package-lock.json
	$(NPM) install --no-save --loglevel=error
	@touch $@

$(FRONTEND)/dist/index.html: $(FRONTEND)/node_modules/.package-lock.json $(FRONTEND_SOURCES)
	$(NPM) run --silent build

frontend: $(FRONTEND)/dist/index.html ## Build the web app into frontend/dist/ when missing or stale (prints its JS size)

# `make run` serves the built app, so it builds it first when needed.
run: frontend

frontend-types: $(FRONTEND)/node_modules/.package-lock.json ## Regenerate frontend/src/api/generated/ from docs/openapi.yaml
	$(NPM) run --silent api:generate

frontend-lint: $(FRONTEND)/node_modules/.package-lock.json ## Web app: eslint, tsc, and a check that the generated API types are fresh
	@status=0; \
	$(NPM) run --silent lint || status=1; \
	$(NPM) run --silent typecheck || status=1; \
	$(NPM) run --silent api:check || status=1; \
	exit $$status

test-frontend: $(FRONTEND)/node_modules/.package-lock.json ## Web app unit tests (Vitest + Testing Library), JUnit into var/test-reports
	@mkdir -p $(REPORTS)
	VITEST_JUNIT=$(abspath $(REPORTS))/frontend-unit.xml $(NPM) run --silent test

chromium:
	@test -x $(CHROMIUM) || { \
		echo "Chromium is missing: installing Debian's package with apt-get"; \
		sudo=$$([ "$$(id -u)" -eq 0 ] || echo sudo); \
		$$sudo apt-get update -qq && $$sudo apt-get install -y -qq chromium; \
	}

# The browser suite starts its own uvicorn on the PostgreSQL test database.
e2e: install frontend chromium ## Browser tests: Playwright + Chromium against a live server on PostgreSQL; screenshots to docs/screenshots/
	@mkdir -p $(REPORTS)
	DATABASE_URL='$(E2E_DATABASE_URL)' REDIS_URL='$(E2E_REDIS_URL)' CHROMIUM='$(CHROMIUM)' \
		$(BIN)/pytest -p no:cacheprovider -m e2e tests/e2e \
		--junitxml=$(REPORTS)/e2e.xml $(PYTEST_ARGS)

# The smoke test fetches `/`, which is the built app.
smoke: frontend
