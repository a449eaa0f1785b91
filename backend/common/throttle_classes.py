"""Throttle classes named in `REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"]`.

Apart from `common.throttling` on purpose: DRF imports these while `rest_framework.views` is
still loading, so this module must not import views.

DRF's rate throttles keep a sliding log per client (the times of its requests in the last
period) as one pickled list in the cache: read it, trim it, write it back — two Redis round
trips moving the whole history, and two concurrent requests can both pass the last free slot.
On Redis the same log is a sorted set checked and recorded by one Lua script (one round trip,
atomic). Same semantics: a request passes while fewer than `num_requests` were let through in
the last `duration` seconds; a refused request is not recorded; the wait (Retry-After) is DRF's
`remaining duration / available requests`. Without Redis (embedded mode, local-memory cache)
DRF's own code runs.
"""

from __future__ import annotations

import os
from itertools import count
from typing import Any

from django.core.cache import caches
from rest_framework import throttling
from rest_framework.request import Request

from common.redis_cache import ReusedClientRedisCache

# KEYS[1] the log; ARGV now (s), duration (s), limit, member. Returns {allowed, wait_ms}.
_SLIDING_LOG = """
local now = tonumber(ARGV[1])
local duration = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - duration)
local size = redis.call('ZCARD', KEYS[1])
if size < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[4])
  redis.call('EXPIRE', KEYS[1], math.ceil(duration))
  return {1, 0}
end
local oldest = tonumber(redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')[2])
local remaining = duration - (now - oldest)
local available = limit - size + 1
if available <= 0 then return {0, -1} end
return {0, math.floor(remaining / available * 1000)}
"""
# Members must differ even for requests in the same microsecond, across processes.
_sequence = count()


class OneRoundTripThrottleMixin(throttling.SimpleRateThrottle):
    """Listed after DRF's class, so ScopedRateThrottle picks the view's rate before this runs."""

    duration: int  # set by SimpleRateThrottle from the rate
    num_requests: int
    _on_redis = False
    _wait: float | None = None

    def allow_request(self, request: Request, view: Any) -> bool:
        backend = caches["default"]
        if self.rate is None or not isinstance(backend, ReusedClientRedisCache):
            return super().allow_request(request, view)
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        client = backend._cache.get_client(self.key, write=True)
        script = _script(client)
        now = self.timer()
        member = f"{now!r}:{os.getpid()}:{next(_sequence)}"
        # Not DRF's key: during a deploy, old workers still write pickled lists under that one.
        key = backend.make_and_validate_key(f"sliding-log:{self.key}")
        allowed, wait_ms = script(keys=[key], args=[now, self.duration, self.num_requests, member])
        self._on_redis = True
        self._wait = None if wait_ms < 0 else wait_ms / 1000
        return bool(allowed)

    def wait(self) -> float | None:
        return self._wait if self._on_redis else super().wait()


_scripts: dict[int, Any] = {}


def _script(client: Any) -> Any:
    """The registered script per client (EVALSHA, loading it again if Redis forgot it)."""
    script = _scripts.get(id(client))
    if script is None:
        script = _scripts[id(client)] = client.register_script(_SLIDING_LOG)
    return script


class AnonRateThrottle(throttling.AnonRateThrottle, OneRoundTripThrottleMixin):
    """The `anon` rate (THROTTLE_ANON) per client IP."""


class ScopedRateThrottle(throttling.ScopedRateThrottle, OneRoundTripThrottleMixin):
    """The view's `throttle_scope` rate (the `writes` scope) per user or IP."""


class SignedInRateThrottle(throttling.UserRateThrottle, OneRoundTripThrottleMixin):
    """The `user` rate (THROTTLE_USER), for signed-in users only, as .env.example documents it.

    DRF's UserRateThrottle also counts anonymous requests, by IP, beside AnonRateThrottle's
    count of the very same requests: another Redis round trip on every anonymous request, the
    busiest public reads' largest cost after their queries (docs/benchmarks.md, "Profiling and
    fixes"). Anonymous clients are held to the `anon` rate alone.
    """

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        if not (request.user and request.user.is_authenticated):
            return None
        return super().get_cache_key(request, view)
