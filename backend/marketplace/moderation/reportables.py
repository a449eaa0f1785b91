"""The marketplace's reportable kinds: freelancer profiles, gigs, firms and reviews.

Registered when the marketplace app is ready (chat registers its messages itself); see
`marketplace.moderation.registry` for what a registration holds.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from common.errors import NotFound
from marketplace.firms.models import Firm
from marketplace.firms.selectors import firm_is_visible, firm_member_user_ids
from marketplace.gigs.models import Gig
from marketplace.gigs.selectors import gig_get_visible
from marketplace.moderation import services
from marketplace.moderation.registry import Reportable, reportable_register
from marketplace.profiles.models import FreelancerProfile
from marketplace.profiles.selectors import profile_is_visible
from marketplace.reviews.models import Review
from marketplace.reviews.selectors import review_public_q


def _profile_find(object_id: int, user: Any) -> FreelancerProfile:
    profile = FreelancerProfile.objects.select_related("user").filter(pk=object_id).first()
    if profile is None or not profile_is_visible(profile=profile, user=user):
        raise NotFound()
    return profile


def _firm_find(object_id: int, user: Any) -> Firm:
    firm = Firm.objects.filter(pk=object_id).first()
    if firm is None or not firm_is_visible(firm=firm, user=user):
        raise NotFound()
    return firm


def _gig_owners(gig: Gig) -> list[int]:
    # Whoever posted it answers for it; every member of its firm counts as its owner.
    return [
        gig.created_by_id,
        *(uid for uid in firm_member_user_ids(firm_id=gig.firm_id) if uid != gig.created_by_id),
    ]


def _review_find(object_id: int, user: Any) -> Review:
    # Only a published review can be seen by others, so only a published one can be reported.
    review = Review.objects.filter(review_public_q(), pk=object_id).first()
    if review is None or not getattr(user, "is_authenticated", False):
        raise NotFound()
    return review


def register() -> None:
    reportable_register(
        Reportable(
            kind="profile",
            label=_("Freelancer profile"),
            model="marketplace.FreelancerProfile",
            find=_profile_find,
            owners=lambda profile: [profile.user_id],
            hide=lambda profile, by, reason: services.profile_hide(
                profile=profile, by=by, reason=reason
            ),
        )
    )
    reportable_register(
        Reportable(
            kind="gig",
            label=_("Gig"),
            model="marketplace.Gig",
            find=lambda object_id, user: gig_get_visible(
                gig_id=object_id, user=user, details=False
            ),
            owners=_gig_owners,
            hide=lambda gig, by, reason: services.gig_hide(gig=gig, by=by, reason=reason),
        )
    )
    reportable_register(
        Reportable(
            kind="firm",
            label=_("Firm"),
            model="marketplace.Firm",
            find=_firm_find,
            owners=lambda firm: firm_member_user_ids(firm_id=firm.pk),
            hide=lambda firm, by, reason: services.firm_hide(firm=firm, by=by, reason=reason),
        )
    )
    reportable_register(
        Reportable(
            kind="review",
            label=_("Review"),
            model="marketplace.Review",
            find=_review_find,
            owners=lambda review: [review.author_id],
            hide=lambda review, by, reason: services.review_hide(
                review=review, by=by, reason=reason
            ),
        )
    )
