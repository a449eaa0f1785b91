"""Who may see which freelancer profile, and the querysets the API renders from.

A profile is public when its visibility is `public` and its user is active. Its owner sees it
in every state (draft, hidden by moderation); staff see every profile; everyone else sees only
public ones, and gets `not_found` for the rest.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from common.errors import NotFound
from marketplace.media.selectors import portfolio_items_prefetch
from marketplace.profiles.models import FreelancerProfile, ProfileSkill, ProfileVisibility


def _with_details(profiles: QuerySet[FreelancerProfile]) -> QuerySet[FreelancerProfile]:
    """Everything a profile card shows (avatar included), in a fixed number of queries (3)."""
    return profiles.select_related("user__avatar").prefetch_related(
        Prefetch(
            "profile_skills",
            queryset=ProfileSkill.objects.select_related("skill").order_by("-level", "skill__slug"),
        ),
        "languages",
    )


def _with_portfolio(profiles: QuerySet[FreelancerProfile]) -> QuerySet[FreelancerProfile]:
    """A profile page also shows the portfolio: one more query, however many items."""
    return _with_details(profiles).prefetch_related(portfolio_items_prefetch())


def profile_list_public() -> QuerySet[FreelancerProfile]:
    """Public profiles of active users, with user, skills and languages loaded."""
    return _with_details(
        FreelancerProfile.objects.filter(visibility=ProfileVisibility.PUBLIC, user__is_active=True)
    )


def profile_is_visible(*, profile: FreelancerProfile, user: Any) -> bool:
    if profile.visibility == ProfileVisibility.PUBLIC and profile.user.is_active:
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(profile.user_id == user.pk or user.is_staff)


def profile_get_visible(*, slug: str, user: Any) -> FreelancerProfile:
    """The profile at `slug` if `user` may see it; `NotFound` otherwise (also when absent)."""
    profile = _with_portfolio(FreelancerProfile.objects.filter(slug=slug)).first()
    if profile is None or not profile_is_visible(profile=profile, user=user):
        raise NotFound()
    return profile


def profile_get_own(*, user: Any) -> FreelancerProfile:
    """The signed-in user's own profile in any state; `NotFound` when they have none."""
    if not getattr(user, "is_authenticated", False):
        raise NotFound()
    profile = _with_portfolio(FreelancerProfile.objects.filter(user=user)).first()
    if profile is None:
        raise NotFound("not_found", _("You have no freelancer profile yet."))
    return profile


def profile_of_user(*, user: Any) -> FreelancerProfile | None:
    """The user's profile in any state (no details loaded), or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return FreelancerProfile.objects.filter(user=user).first()


def profile_slug_of_user(*, user: Any) -> str | None:
    """The slug of the user's profile (any state), or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return FreelancerProfile.objects.filter(user=user).values_list("slug", flat=True).first()
