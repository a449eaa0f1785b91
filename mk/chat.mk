# Chat targets (included by the Makefile).

.PHONY: bench-chat

# Its own database (created if missing) and Redis database 10; K and the rates via
# BENCH_CHAT_CONVERSATIONS, BENCH_CHAT_RATES, BENCH_CHAT_STAGE_SECONDS, BENCH_CHAT_WORKERS.
bench-chat: install ## Chat benchmark: real uvicorn + Redis layer + PostgreSQL, K=100 conversations
	$(PY) bench/chat/bench.py
