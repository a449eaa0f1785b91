"""Liveness (`/healthz`) and readiness (`/readyz`) probes, as plain Django views.

`/healthz` answers as long as the process can serve a request: it touches nothing, so a
database outage never makes an orchestrator restart healthy web processes.
`/readyz` checks what a request needs — the database, the cache, the Celery broker — and
answers 503 when one fails, so a load balancer stops sending traffic until it recovers.

A failed check is reported by exception class name only (`"error: OperationalError"`):
messages can carry hosts, URLs or credentials, and the probe is public. The full error is
logged server-side.
"""

from __future__ import annotations

import logging
import math
import secrets
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.db import connections
from django.http import HttpRequest, JsonResponse
from django.urls import re_path
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from kombu import Connection

logger = logging.getLogger(__name__)

OK = "ok"
# Embedded mode has no broker: tasks run in-process after commit, so there is nothing to reach.
IN_PROCESS = "in_process"
NOT_CONFIGURED = "not_configured"
# Elasticsearch is configured but unreachable: reads are served by the database fallback.
DEGRADED = "degraded"

# The broker check gives up after two seconds, well inside a typical 10 s probe timeout. The
# database and cache checks rely on their clients' own timeouts (settings, not this module).
DEFAULT_TIMEOUT = timedelta(seconds=2)


def _timeout_seconds() -> int:
    timeout = getattr(settings, "HEALTH_CHECK_TIMEOUT", DEFAULT_TIMEOUT)
    return max(1, math.ceil(timeout.total_seconds()))


def check_database() -> str:
    """Run `SELECT 1` on the default database."""
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return OK


def check_cache() -> str:
    """Write a random value to the default cache and read it back."""
    cache = caches["default"]
    token = secrets.token_hex(8)
    # A key per probe: probes of several pods, or of a slow one, overlap, and with one shared
    # key each would read the other's value and report a healthy cache as broken.
    key = f"readyz:probe:{token}"
    cache.set(key, token, timeout=10)
    if cache.get(key) != token:
        return "error: CacheMismatch"
    cache.delete(key)
    return OK


def check_broker() -> str:
    """Open (and close) a connection to the Celery broker, unless tasks run in-process."""
    url = str(getattr(settings, "CELERY_BROKER_URL", "") or "memory://")
    if url.startswith("memory://"):
        return IN_PROCESS
    timeout = _timeout_seconds()
    # connect_timeout covers AMQP; the transport options cover the Redis transport's socket.
    with Connection(
        url,
        connect_timeout=timeout,
        transport_options={"socket_connect_timeout": timeout, "socket_timeout": timeout},
    ) as connection:
        # One retry without a pause: a probe should answer, not wait out a back-off.
        connection.ensure_connection(
            max_retries=1, interval_start=0, interval_step=0, timeout=timeout
        )
    return OK


def check_search() -> str:
    """Until an app registers a real probe (matching does, in its `ready()`), there is no
    search engine to reach."""
    return NOT_CONFIGURED


READINESS_CHECKS: dict[str, Callable[[], str]] = {
    "database": check_database,
    "cache": check_cache,
    "broker": check_broker,
    "search": check_search,
}


def _run(name: str, check: Callable[[], str]) -> str:
    try:
        return check()
    except Exception as exc:  # a probe reports every failure instead of raising
        logger.warning(
            "readyz check failed",
            extra={"check": name, "error": type(exc).__name__},
            exc_info=True,
        )
        return f"error: {type(exc).__name__}"


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness: the process serves requests. No I/O."""
    return JsonResponse({"status": "ok"})


@require_GET
@never_cache
def readyz(request: HttpRequest) -> JsonResponse:
    """Readiness: 200 when every dependency answers, 503 naming the ones that do not."""
    checks = {name: _run(name, check) for name, check in READINESS_CHECKS.items()}
    healthy = not any(result.startswith("error") for result in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks},
        status=200 if healthy else 503,
    )


# Probes are configured by hand in load balancers and orchestrators: accept both spellings
# instead of answering a redirect (APPEND_SLASH) that some probes treat as a failure.
urlpatterns = [
    re_path(r"^healthz/?$", healthz, name="healthz"),
    re_path(r"^readyz/?$", readyz, name="readyz"),
]
