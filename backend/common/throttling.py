"""The `writes` throttle scope for views that both read and write.

Every write carries `throttle_scope = "writes"` (a tighter rate than reads, see
`REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`). A view that only writes sets the attribute; a view
that also answers GET (a list that takes POST, `/me/` that takes PATCH) uses the mixin below, so
the SPA's frequent reads are held only to the per-user rate.
"""

from __future__ import annotations

from rest_framework.permissions import SAFE_METHODS
from rest_framework.views import APIView


class WritesThrottleMixin(APIView):
    """`throttle_scope = "writes"` for the unsafe methods of a view that also reads.

    DRF's ScopedRateThrottle reads the attribute per request and lets a request through when
    it is None, so GET, HEAD and OPTIONS count only against the user (or anonymous) rate.
    """

    @property
    def throttle_scope(self) -> str | None:
        return None if self.request.method in SAFE_METHODS else "writes"
