# Hardening: schemathesis over the live OpenAPI schema and the authorisation matrix.
# `make test` runs the matrix and a bounded, derandomised fuzz pass (FUZZ_BOUNDED_EXAMPLES per
# operation and actor, no coverage phase); `make fuzz` runs FUZZ_EXAMPLES (≥100) per operation
# and actor with fresh seeds plus the coverage phase, split over FUZZ_JOBS processes, each with
# a test database of its own (test_…_fuzz0, _fuzz1; see tests/hardening/conftest.py).

FUZZ_BOUNDED_EXAMPLES ?= 3
FUZZ_EXAMPLES ?= 100
FUZZ_JOBS ?= 2

EXTRA_TEST_TARGETS += test-hardening

.PHONY: test-hardening fuzz

test-hardening: install ## Authorisation matrix + bounded API fuzz (schemathesis), JUnit in var/test-reports
	@mkdir -p $(REPORTS)
	@RUN_HARDENING=1 DATABASE_URL='$(TEST_DATABASE_URL)' REDIS_URL='$(TEST_REDIS_URL)' \
		FUZZ_EXAMPLES=$(FUZZ_BOUNDED_EXAMPLES) \
		$(BIN)/pytest -p no:cacheprovider tests/hardening \
		--junitxml=$(REPORTS)/hardening.xml $(PYTEST_ARGS)

fuzz: install ## Long API fuzz: FUZZ_EXAMPLES (default 100) cases per operation and actor, random seeds, FUZZ_JOBS processes
	@mkdir -p $(REPORTS)
	@pids=""; for k in $$(seq 0 $$(( $(FUZZ_JOBS) - 1 ))); do \
		RUN_HARDENING=1 DATABASE_URL='$(TEST_DATABASE_URL)' REDIS_URL='$(TEST_REDIS_URL)' \
		FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) FUZZ_RANDOM=1 FUZZ_COVERAGE=1 FUZZ_SHARD=$$k/$(FUZZ_JOBS) \
		$(BIN)/pytest -p no:cacheprovider tests/hardening/test_fuzz_api.py \
		--junitxml=$(REPORTS)/fuzz-$$k.xml $(PYTEST_ARGS) > $(REPORTS)/fuzz-$$k.log 2>&1 & \
		pids="$$pids $$!"; done; \
	status=0; for pid in $$pids; do wait $$pid || status=1; done; \
	for k in $$(seq 0 $$(( $(FUZZ_JOBS) - 1 ))); do \
		echo "== fuzz shard $$k/$(FUZZ_JOBS) ($(REPORTS)/fuzz-$$k.log)"; \
		grep -E "^(FAILED|ERROR)|^fuzz: |passed|failed" $(REPORTS)/fuzz-$$k.log | tail -n 40; done; \
	exit $$status
