# Matching: the behavioural suite on SQLite (the PostgreSQL and Elasticsearch legs run in the
# main pytest run), the quality evaluation and the latency benchmark.

MATCHING_SQLITE := var/matching-test.sqlite3

EXTRA_TEST_TARGETS += test-matching-sqlite

.PHONY: test-matching-sqlite

test-matching-sqlite: install ## Matching suite on the database backend over SQLite (embedded mode)
	@mkdir -p $(REPORTS)
	@rm -f $(MATCHING_SQLITE)*
	@status=0; \
	DATABASE_URL='sqlite:///$(CURDIR)/$(MATCHING_SQLITE)' REDIS_URL= CELERY_BROKER_URL=memory:// \
		$(BIN)/pytest -p no:cacheprovider tests/matching -k "not Elasticsearch" \
		--junitxml=$(REPORTS)/matching-sqlite.xml $(PYTEST_ARGS) || status=$$?; \
	rm -f $(MATCHING_SQLITE)*; \
	[ $$status -eq 0 ]

# A throw-away SQLite database for the evaluation; PostgreSQL for the benchmark (dropped and
# re-created on each run, so it must not be a database anyone else uses).
EVAL_DATABASE := var/matching-eval.sqlite3
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/nanoguild_bench_matching
BENCH_N ?= 100000
# BENCH_ARGS=--reuse keeps a database an earlier run loaded (see bench.py).
BENCH_ARGS ?=

.PHONY: eval bench-matching

eval: install ## Matching quality: NDCG@10 / Recall@20 of matcher vs text-only vs skills-only
	@rm -f $(EVAL_DATABASE)*
	@status=0; \
	DATABASE_URL='sqlite:///$(CURDIR)/$(EVAL_DATABASE)' REDIS_URL= CELERY_BROKER_URL=memory:// \
		LOG_LEVEL=WARNING $(PY) bench/matching/evaluate.py || status=$$?; \
	rm -f $(EVAL_DATABASE)*; \
	[ $$status -eq 0 ]

bench-matching: install ## Matching latency at BENCH_N profiles on PostgreSQL (BENCH_DATABASE_URL)
	@DATABASE_URL='$(BENCH_DATABASE_URL)' REDIS_URL= CELERY_BROKER_URL=memory:// \
		LOG_LEVEL=WARNING $(PY) bench/matching/bench.py -n $(BENCH_N) $(BENCH_ARGS)
