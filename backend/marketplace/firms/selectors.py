"""Reads about firms and who belongs to them; other packages ask membership through here."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from marketplace.firms.models import Firm, FirmMembership, FirmRole


def firm_ids_of_user(*, user: Any) -> QuerySet[FirmMembership, int]:
    """Ids of the firms a user belongs to, as a subquery-friendly queryset."""
    if not getattr(user, "is_authenticated", False):
        return FirmMembership.objects.none().values_list("firm_id", flat=True)
    return FirmMembership.objects.filter(user=user).values_list("firm_id", flat=True)


def firm_role(*, firm: Firm, user: Any) -> str | None:
    """The user's role in the firm (`owner`/`member`), or None for outsiders."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        FirmMembership.objects.filter(firm=firm, user=user).values_list("role", flat=True).first()
    )


def firm_is_member(*, firm: Firm, user: Any) -> bool:
    return firm_role(firm=firm, user=user) is not None


def firm_is_owner(*, firm: Firm, user: Any) -> bool:
    return firm_role(firm=firm, user=user) == FirmRole.OWNER
