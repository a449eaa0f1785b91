# Benchmarks (included by the Makefile). `make bench` runs every benchmark of the project and
# ends with the HTTP one, which writes docs/benchmarks.md with all the figures.

.PHONY: bench bench-http wrk faults

BENCH_RESULTS := var/bench

# wrk from Debian's packages when it is missing (the load generator of bench-http).
wrk:
	@command -v wrk >/dev/null 2>&1 || { \
		echo "wrk is missing: installing Debian's package with apt-get"; \
		sudo=$$([ "$$(id -u)" -eq 0 ] || echo sudo); \
		$$sudo apt-get update -qq && $$sudo apt-get install -y -qq wrk >/dev/null; }

# Its own database (nanoguild_bench_http, seeded with seed_demo) and Redis database 12; tune
# with BENCH_HTTP_DATABASE_URL, BENCH_HTTP_REDIS_URL, BENCH_HTTP_SECONDS, BENCH_HTTP_CONNECTIONS,
# BENCH_HTTP_WORKERS.
bench-http: install wrk ## HTTP benchmark: gunicorn on PostgreSQL under wrk, ratios to a plain JsonResponse
	@mkdir -p $(BENCH_RESULTS)
	$(PY) bench/http/bench.py

bench: install wrk ## Every benchmark: matching, chat, then HTTP (writes docs/benchmarks.md)
	@mkdir -p $(BENCH_RESULTS) && rm -f $(BENCH_RESULTS)/*.txt
	@status=0; \
	$(MAKE) --no-print-directory bench-matching 2>&1 | tee $(BENCH_RESULTS)/matching.txt; \
	[ $${PIPESTATUS[0]} -eq 0 ] || status=1; \
	$(MAKE) --no-print-directory bench-chat 2>&1 | tee $(BENCH_RESULTS)/chat.txt; \
	[ $${PIPESTATUS[0]} -eq 0 ] || status=1; \
	$(MAKE) --no-print-directory bench-http || status=1; \
	exit $$status

# The fault and abuse tests alone (they also run in `make test`): real celery workers on
# RabbitMQ, a redis-server and gunicorn/uvicorn of their own, racing requests.
faults: install ## Fault and abuse-limit tests: kill -9 workers, Redis restart, DB sessions ended
	DATABASE_URL='$(TEST_DATABASE_URL)' REDIS_URL='$(TEST_REDIS_URL)' \
		$(BIN)/pytest -p no:cacheprovider tests/faults tests/abuse $(PYTEST_ARGS)
