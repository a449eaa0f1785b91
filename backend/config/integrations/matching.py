"""Settings of the matching app (read from the environment; see .env.example)."""

from __future__ import annotations

from config.env import env

# `database` (embedded default: SQLite or PostgreSQL full-text search) or `elasticsearch`.
SEARCH_BACKEND = env.str("SEARCH_BACKEND", default="database")
# Where the Elasticsearch cluster answers (only read when SEARCH_BACKEND=elasticsearch).
ELASTICSEARCH_URL = env.str("ELASTICSEARCH_URL", default="http://127.0.0.1:9200")
# Prefix of every index and alias name, so several installs can share one cluster.
SEARCH_INDEX_PREFIX = env.str("SEARCH_INDEX_PREFIX", default="nanoguild")
# Seconds a request waits for Elasticsearch before it falls back to the database backend.
SEARCH_TIMEOUT = env.float("SEARCH_TIMEOUT", default=2.0)
# A profile covering less than this share of a gig's required skills is not a match at all.
MATCHING_MIN_REQUIRED_COVERAGE = env.float("MATCHING_MIN_REQUIRED_COVERAGE", default=0.5)
