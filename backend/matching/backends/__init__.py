"""Pick the configured backend; fall back to the database one when Elasticsearch is down.

`get_backend()` is what reads use: with SEARCH_BACKEND=elasticsearch it returns the ES backend
while the cluster answers, and the database backend (logged, and reported by `/readyz` as
"degraded") when it does not — a request never fails because search is down. Writes go to
`get_write_backends()`: the configured backend and, with Elasticsearch, the database index
too, so the fallback always has current data to serve.
"""

from __future__ import annotations

import logging
import time
from functools import cache

from django.conf import settings

from matching.backends.base import MatchingBackend
from matching.backends.database import DatabaseBackend

logger = logging.getLogger(__name__)

# After a failed call, reads skip Elasticsearch for this many seconds before trying again.
RETRY_AFTER_SECONDS = 30.0
_state: dict[str, float] = {"down_until": 0.0}


def configured_name() -> str:
    return str(getattr(settings, "SEARCH_BACKEND", "database") or "database")


@cache
def _elasticsearch() -> MatchingBackend:
    from matching.backends.elastic import ElasticsearchBackend

    return ElasticsearchBackend()


def database_backend() -> MatchingBackend:
    return DatabaseBackend()


def primary_backend() -> MatchingBackend:
    """The configured backend, reachable or not (commands and the health probe use it)."""
    if configured_name() == "elasticsearch":
        return _elasticsearch()
    return database_backend()


def mark_down(exc: BaseException) -> None:
    """Record that Elasticsearch failed; reads use the database until the pause is over."""
    _state["down_until"] = time.monotonic() + RETRY_AFTER_SECONDS
    logger.warning("search_backend_degraded", extra={"error": type(exc).__name__})


def mark_up() -> None:
    _state["down_until"] = 0.0


def is_degraded() -> bool:
    return configured_name() != "database" and time.monotonic() < _state["down_until"]


def get_backend() -> MatchingBackend:
    """The backend reads should use now."""
    if configured_name() == "database" or is_degraded():
        return database_backend()
    return primary_backend()


def get_write_backends() -> list[MatchingBackend]:
    if configured_name() == "database":
        return [database_backend()]
    return [database_backend(), primary_backend()]


def reset_for_tests() -> None:
    _elasticsearch.cache_clear()
    mark_up()
