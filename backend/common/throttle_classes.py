"""Throttle classes named in `REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"]`.

Apart from `common.throttling` on purpose: DRF imports these while `rest_framework.views` is
still loading, so this module must not import views.
"""

from __future__ import annotations

from typing import Any

from rest_framework.request import Request
from rest_framework.throttling import UserRateThrottle


class SignedInRateThrottle(UserRateThrottle):
    """The `user` rate (THROTTLE_USER), for signed-in users only, as .env.example documents it.

    DRF's UserRateThrottle also counts anonymous requests, by IP, beside AnonRateThrottle's
    count of the very same requests: two more Redis round trips (read and write the history)
    on every anonymous request, the busiest public reads' largest cost after their queries
    (docs/benchmarks.md, "Profiling and fixes"). Anonymous clients are held to the `anon`
    rate alone.
    """

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        if not (request.user and request.user.is_authenticated):
            return None
        return super().get_cache_key(request, view)
