"""Small pieces every flow view uses (gigs, proposals, contracts)."""

from __future__ import annotations

from typing import Any, cast

from rest_framework.request import Request
from rest_framework.views import APIView

from marketplace.accounts.models import User

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class WritesThrottleMixin(APIView):
    """`throttle_scope = "writes"` for the unsafe methods of a view that also reads.

    DRF's ScopedRateThrottle reads the attribute per request, so a list endpoint is not held
    to the write rate when its POST is.
    """

    @property
    def throttle_scope(self) -> str | None:
        return "writes" if self.request.method in WRITE_METHODS else None


def signed_in_user(request: Request) -> User:
    """The request's user, for views whose permission classes required a signed-in one."""
    return cast(User, request.user)


def member_firm_ids(user: Any) -> frozenset[int]:
    """Ids of the caller's firms, once per request, to decide who sees firm-only fields."""
    from marketplace.firms.selectors import firm_ids_of_user

    if not getattr(user, "is_authenticated", False):
        return frozenset()
    return frozenset(firm_ids_of_user(user=user))
