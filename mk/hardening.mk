# Hardening: schemathesis over the live OpenAPI schema and the authorisation matrix.
# `make test` runs the matrix and a bounded, derandomised fuzz pass (FUZZ_BOUNDED_EXAMPLES per
# operation and actor); `make fuzz` runs FUZZ_EXAMPLES (≥100) per operation with fresh seeds.

FUZZ_BOUNDED_EXAMPLES ?= 3
FUZZ_EXAMPLES ?= 100

EXTRA_TEST_TARGETS += test-hardening

.PHONY: test-hardening fuzz

test-hardening: install ## Authorisation matrix + bounded API fuzz (schemathesis), JUnit in var/test-reports
	@mkdir -p $(REPORTS)
	@RUN_HARDENING=1 DATABASE_URL='$(TEST_DATABASE_URL)' REDIS_URL='$(TEST_REDIS_URL)' \
		FUZZ_EXAMPLES=$(FUZZ_BOUNDED_EXAMPLES) \
		$(BIN)/pytest -p no:cacheprovider tests/hardening \
		--junitxml=$(REPORTS)/hardening.xml $(PYTEST_ARGS)

fuzz: install ## Long API fuzz: FUZZ_EXAMPLES (default 100) cases per operation and actor, random seeds
	@mkdir -p $(REPORTS)
	@RUN_HARDENING=1 DATABASE_URL='$(TEST_DATABASE_URL)' REDIS_URL='$(TEST_REDIS_URL)' \
		FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) FUZZ_RANDOM=1 \
		$(BIN)/pytest -p no:cacheprovider tests/hardening/test_fuzz_api.py \
		--junitxml=$(REPORTS)/fuzz.xml $(PYTEST_ARGS)
