"""Cached pages that a version counter in the cache invalidates all at once.

A page is stored with the version it was built under and read together with the current
version in one round trip (MGET); a page of another version is stale. Writers bump the version
(`cache_version_bump`) rather than finding every page they affect.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone, translation
from redis.exceptions import RedisError
from rest_framework.request import Request
from rest_framework.response import Response

logger = logging.getLogger(__name__)


def cache_version_bump(*, version_key: str) -> None:
    """Bump now, so reads inside the writing transaction (and tests, which never commit) see the
    change, and again after commit, because a concurrent read may have cached the
    not-yet-committed state under the version bumped first."""
    _bump(version_key)
    transaction.on_commit(lambda: _bump(version_key))


def _bump(version_key: str) -> None:
    # A write must not fail because Redis is away: the cached pages are then at most their
    # TTL stale.
    try:
        # Seeded with the clock, so a version lost with the cache never comes back to old pages.
        if not cache.add(version_key, time.time_ns(), None):
            try:
                cache.incr(version_key)
            except ValueError:  # expired or evicted between the two calls
                cache.add(version_key, time.time_ns(), None)
    except RedisError:
        logger.warning(
            "cache version %s not bumped (Redis unavailable)", version_key, exc_info=True
        )


def cache_versioned_get(*, version_key: str, key: str) -> tuple[Any, Any]:
    """The current version and the page under `key` if it was built under that version."""
    found = cache.get_many([version_key, key])
    version = found.get(version_key)
    if version is None:
        cache.add(version_key, time.time_ns(), None)
        version = cache.get(version_key)
    page = found.get(key)
    return version, (page[1] if page is not None and page[0] == version else None)


def cache_versioned_set(*, key: str, version: Any, page: Any, ttl: int) -> None:
    cache.set(key, (version, page), ttl)


def cached_response(
    request: Request, *, version_key: str, scope: str, ttl: int, build: Callable[[], Response]
) -> Response:
    """`build()`'s response, or its data from the cache when built under the current version.

    A page is keyed by `scope` (whose pages these are) and what else it depends on: the URL
    (scheme, host, path, query: pagination links are absolute), the language and the time zone
    (dates render in it). Only 200s are kept, as the response's data, rendered again per
    request, so content negotiation and every header (Vary, Content-Language) stay as without
    the cache. With Redis unreachable the page is built as if there were no cache.
    """
    where = "|".join(
        (
            request.build_absolute_uri(),
            translation.get_language() or "",
            timezone.get_current_timezone_name(),
        )
    )
    key = f"{scope}:" + hashlib.sha256(where.encode()).hexdigest()
    try:
        version, data = cache_versioned_get(version_key=version_key, key=key)
    except RedisError as exc:
        logger.warning("page cache unavailable (%s: %s)", type(exc).__name__, exc)
        return build()
    if data is not None:
        return Response(data)
    response = build()
    if response.status_code == 200:
        try:
            cache_versioned_set(key=key, version=version, page=response.data, ttl=ttl)
        except RedisError as exc:
            logger.warning("page cache unavailable (%s: %s)", type(exc).__name__, exc)
    return response
