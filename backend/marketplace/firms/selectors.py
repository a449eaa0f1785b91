"""Reads about firms and who belongs to them; other packages ask membership through here."""

from __future__ import annotations

from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery

from common.errors import NotFound
from marketplace.firms.models import Firm, FirmMembership, FirmRole
from marketplace.gigs.models import ModerationState


def firm_ids_of_user(*, user: Any) -> QuerySet[FirmMembership, int]:
    """Ids of the firms a user belongs to, as a subquery-friendly queryset."""
    if not getattr(user, "is_authenticated", False):
        return FirmMembership.objects.none().values_list("firm_id", flat=True)
    return FirmMembership.objects.filter(user=user).values_list("firm_id", flat=True)


def firm_member_user_ids(*, firm_id: int) -> list[int]:
    """The firm's members' user ids, owners first (the main owner is the first owner who joined).

    Chat, notifications and moderation address "the firm" through this one list.
    """
    members = FirmMembership.objects.filter(firm_id=firm_id).order_by("created_at", "id")
    rows = list(members.values_list("user_id", "role"))
    return [uid for uid, role in rows if role == FirmRole.OWNER] + [
        uid for uid, role in rows if role != FirmRole.OWNER
    ]


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


def firm_get(*, slug: str, user: Any = None) -> Firm:
    """A firm's public page: every firm is visible, so freelancers can look before proposing,
    unless moderation hid it: then only its members and staff see it (`NotFound` for others)."""
    firm = Firm.objects.select_related("logo").filter(slug=slug).first()
    if firm is None or not firm_is_visible(firm=firm, user=user):
        raise NotFound()
    return firm


def firm_is_visible(*, firm: Firm, user: Any) -> bool:
    """Every firm is visible but a hidden one, which its members and staff still see."""
    if firm.moderation_state != ModerationState.HIDDEN:
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_staff or firm_is_member(firm=firm, user=user))


def firm_list_of_user(*, user: Any) -> QuerySet[Firm]:
    """The firms the user belongs to, each annotated with `my_role`."""
    if not getattr(user, "is_authenticated", False):
        return Firm.objects.none()
    role = FirmMembership.objects.filter(firm=OuterRef("pk"), user=user).values("role")[:1]
    return (
        Firm.objects.filter(memberships__user=user)
        .select_related("logo")
        .annotate(my_role=Subquery(role))
    )


def firm_memberships_of_user(*, user: Any) -> QuerySet[FirmMembership]:
    """The user's memberships with their firms loaded, oldest first (for the "me" summary)."""
    if not getattr(user, "is_authenticated", False):
        return FirmMembership.objects.none()
    return (
        FirmMembership.objects.filter(user=user).select_related("firm").order_by("created_at", "id")
    )


def firm_check_members_visible(*, firm: Firm, user: Any) -> None:
    """Only members and staff may see who works at a firm; anyone else gets `NotFound` (the
    firm itself is public, its members are not)."""
    if not (
        getattr(user, "is_authenticated", False)
        and (user.is_staff or firm_is_member(firm=firm, user=user))
    ):
        raise NotFound()


def firm_member_list(*, firm: Firm, user: Any) -> QuerySet[FirmMembership]:
    """The firm's members with their users loaded, for members and staff (else `NotFound`)."""
    firm_check_members_visible(firm=firm, user=user)
    return FirmMembership.objects.filter(firm=firm).select_related("user")
