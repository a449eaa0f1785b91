# Media targets (included by the Makefile).

.PHONY: bench-media

bench-media: install ## Image pipeline figures: time and peak memory per upload (typical, bomb)
	$(PY) bench/media/bench.py
