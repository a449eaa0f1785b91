"""Cached pages that a version counter in the cache invalidates all at once.

A page is stored with the version it was built under and read together with the current
version in one round trip (MGET); a page of another version is stale. Writers bump the version
(`cache_version_bump`) rather than finding every page they affect.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.core.cache import cache
from django.db import transaction
from redis.exceptions import RedisError

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
