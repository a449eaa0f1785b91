"""Reads of gigs: who may see which gig, and querysets that render without N+1 queries.

A gig is visible to everyone while it is open and not hidden by moderation; to members of
its firm whatever its state; to a freelancer who proposed on it or was invited to it, once
published and while moderation has not hidden it (so a hired freelancer can still open the gig
of their contract); and to staff. Anyone else gets `not_found`, as if the gig did not exist.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from common.errors import NotFound
from marketplace.firms.selectors import firm_ids_of_user
from marketplace.gigs.models import Gig, GigSkill, GigStatus, ModerationState


def gig_public_q() -> Q:
    return Q(status=GigStatus.OPEN, moderation_state=ModerationState.VISIBLE)


def gig_visibility_q(*, user: Any) -> Q:
    """The rule above as a filter; staff need no filter (callers skip it for them)."""
    if not getattr(user, "is_authenticated", False):
        return gig_public_q()
    from marketplace.proposals.selectors import gig_ids_of_participant

    return (
        gig_public_q()
        | Q(firm_id__in=firm_ids_of_user(user=user))
        | (
            Q(moderation_state=ModerationState.VISIBLE, id__in=gig_ids_of_participant(user=user))
            & ~Q(status=GigStatus.DRAFT)
        )
    )


def gig_with_details(gigs: QuerySet[Gig]) -> QuerySet[Gig]:
    """Everything the gig output renders, in a fixed number of queries whatever the rows."""
    return (
        gigs.select_related("firm")
        .prefetch_related(
            Prefetch("gig_skills", queryset=GigSkill.objects.select_related("skill")),
            "languages",
        )
        .annotate(
            proposal_count=Count("proposals", filter=~Q(proposals__status="withdrawn")),
        )
    )


def gig_list_public() -> QuerySet[Gig]:
    """Open gigs that moderation has not hidden: what anyone may browse."""
    return gig_with_details(Gig.objects.filter(gig_public_q()))


def gig_list_of_my_firms(*, user: Any) -> QuerySet[Gig]:
    """Every gig of the firms the user belongs to, in any state (hidden ones included)."""
    return gig_with_details(Gig.objects.filter(firm_id__in=firm_ids_of_user(user=user)))


def gig_get_visible(*, gig_id: int, user: Any, details: bool = True) -> Gig:
    """The gig if the user may see it, else `NotFound`.

    With `details` it comes with what `GigOutput` renders; without, with its firm only (for
    the routes nested under a gig, which need the gig to authorise and scope).
    """
    gigs = Gig.objects.filter(pk=gig_id)
    if not (getattr(user, "is_authenticated", False) and user.is_staff):
        gigs = gigs.filter(gig_visibility_q(user=user))
    gigs = gig_with_details(gigs) if details else gigs.select_related("firm")
    gig = gigs.first()
    if gig is None:
        raise NotFound()
    return gig


def gig_has_skill_q(*, slugs: list[str]) -> Q:
    """Gigs asking for any of the skills (required or nice), without duplicating rows."""
    return Q(
        Exists(GigSkill.objects.filter(gig_id=OuterRef("pk"), skill__slug__in=slugs)),
    )
