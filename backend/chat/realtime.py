"""Per-user rate limits and presence, kept in the cache (Redis in production).

Both must hold across processes: one user may have sockets on several ASGI workers, so the
counters and presence keys live in the shared cache, never in a consumer's memory.
"""

from __future__ import annotations

import functools
import time
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.core.cache import cache

LAST_SEEN_TTL = 60 * 60 * 24 * 30  # "last seen" is shown for a month, then forgotten


@functools.cache
def _redis() -> Any:
    """A Redis client on REDIS_URL (thread-safe, pooled), or None in the embedded mode."""
    url = settings.REDIS_URL
    if not url:
        return None
    import redis

    return redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)


def rate_limit_hit(*, user_id: int, bucket: str, limit: int) -> bool:
    """Count one action in the current fixed window; True when it goes over `limit`."""
    window = settings.CHAT_RATE_LIMIT_WINDOW_SECONDS
    key = f"chat:rate:{bucket}:{user_id}:{int(time.time()) // window}"
    client = _redis()
    if client is not None:
        # One round trip: INCR is atomic, so sockets of one user on several processes share
        # the count; the key outlives its window once, then expires.
        pipe = client.pipeline(transaction=False)
        pipe.incr(key)
        pipe.expire(key, window * 2, nx=True)
        count = int(pipe.execute()[0])
    else:  # embedded mode: one process, the local-memory cache
        cache.add(key, 0, timeout=window * 2)
        count = cache.incr(key)
    return count > limit


def presence_touch(*, user_id: int) -> None:
    """Mark the user online for the next CHAT_PRESENCE_TTL_SECONDS."""
    now = datetime.now(tz=UTC).isoformat()
    cache.set(f"chat:online:{user_id}", now, timeout=settings.CHAT_PRESENCE_TTL_SECONDS)
    cache.set(f"chat:seen:{user_id}", now, timeout=LAST_SEEN_TTL)


def presence_leave(*, user_id: int) -> str:
    """The user's socket closed: offline now, last seen now. Returns the last-seen time."""
    now = datetime.now(tz=UTC).isoformat()
    cache.delete(f"chat:online:{user_id}")
    cache.set(f"chat:seen:{user_id}", now, timeout=LAST_SEEN_TTL)
    return now


def presence_of(*, user_ids: list[int]) -> list[dict[str, object]]:
    keys = [f"chat:online:{u}" for u in user_ids] + [f"chat:seen:{u}" for u in user_ids]
    found = cache.get_many(keys)
    return [
        {
            "user_id": u,
            "online": f"chat:online:{u}" in found,
            "last_seen": found.get(f"chat:seen:{u}"),
        }
        for u in user_ids
    ]
