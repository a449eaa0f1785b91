"""Reads of reviews: who sees which review, and the rating aggregates.

A review is public once published and not hidden by moderation. Before that only its author
and staff see it; the reviewed party never sees `private_feedback`. Aggregates count public
reviews only, so a blind review cannot leak through an average.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet

from marketplace.contracts.models import Contract, ContractSide
from marketplace.firms.selectors import firm_is_member
from marketplace.reviews.models import Review

RATINGS = (1, 2, 3, 4, 5)


@dataclass(frozen=True)
class RatingSummary:
    """Average (2 decimals, half up; None without reviews), count and count per star."""

    average: Decimal | None = None
    count: int = 0
    distribution: dict[int, int] = field(default_factory=lambda: dict.fromkeys(RATINGS, 0))


def review_public_q() -> Q:
    return Q(published_at__isnull=False, hidden_at__isnull=True)


def review_window_closes_at(*, contract: Contract) -> dt.datetime | None:
    """The end of the review window (= the end of the blind period), None while active."""
    if contract.ended_at is None:
        return None
    return contract.ended_at + dt.timedelta(days=settings.TRUST_REVIEW_WINDOW_DAYS)


def review_list_about_freelancer(*, profile_id: int) -> QuerySet[Review]:
    """Public reviews firms wrote about the freelancer, with what a review card shows."""
    return (
        Review.objects.filter(review_public_q(), author_side=ContractSide.FIRM)
        .filter(freelancer_id=profile_id)
        .select_related("firm", "freelancer__user")
    )


def review_list_about_firm(*, firm_id: int) -> QuerySet[Review]:
    """Public reviews freelancers wrote about the firm."""
    return (
        Review.objects.filter(review_public_q(), author_side=ContractSide.FREELANCER)
        .filter(firm_id=firm_id)
        .select_related("firm", "freelancer__user")
    )


def _summaries(rows: Iterable[Any], key: str) -> dict[int, RatingSummary]:
    counts: dict[int, dict[int, int]] = {}
    for row in rows:
        counts.setdefault(row[key], dict.fromkeys(RATINGS, 0))[row["rating"]] = row["n"]
    return {owner: summary_of(distribution) for owner, distribution in counts.items()}


def summary_of(distribution: dict[int, int]) -> RatingSummary:
    count = sum(distribution.values())
    if not count:
        return RatingSummary()
    total = sum(stars * n for stars, n in distribution.items())
    average = (Decimal(total) / Decimal(count)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return RatingSummary(average=average, count=count, distribution=dict(distribution))


def freelancer_rating_map(*, profile_ids: Iterable[int]) -> dict[int, RatingSummary]:
    """Rating summaries of freelancers (from firms' public reviews), one query; absent = none."""
    rows = (
        Review.objects.filter(
            review_public_q(), author_side=ContractSide.FIRM, freelancer_id__in=list(profile_ids)
        )
        .values("freelancer_id", "rating")
        .annotate(n=Count("id"))
        .order_by()
    )
    return _summaries(rows, "freelancer_id")


def freelancer_rating_summary(*, profile_id: int) -> RatingSummary:
    return freelancer_rating_map(profile_ids=[profile_id]).get(profile_id, RatingSummary())


def firm_rating_summary(*, firm_id: int) -> RatingSummary:
    """The firm's rating from freelancers' public reviews."""
    rows = (
        Review.objects.filter(review_public_q(), author_side=ContractSide.FREELANCER)
        .filter(firm_id=firm_id)
        .values("firm_id", "rating")
        .annotate(n=Count("id"))
        .order_by()
    )
    return _summaries(rows, "firm_id").get(firm_id, RatingSummary())


# --- a contract's reviews as one party sees them ----------------------------------------------


def review_side_of(*, contract: Contract, user: Any) -> str | None:
    """The side `user` writes for on `contract`: `freelancer`, `firm`, or None (not a party).

    A user on both sides (the freelancer joined the hiring firm) has no side: reviewing
    oneself is not a review.
    """
    if not getattr(user, "is_authenticated", False):
        return None
    is_freelancer = contract.freelancer.user_id == user.pk
    is_firm = firm_is_member(firm=contract.firm, user=user)
    if is_freelancer == is_firm:
        return None
    return ContractSide.FREELANCER if is_freelancer else ContractSide.FIRM


@dataclass(frozen=True)
class ContractReviews:
    my_side: str | None
    mine: Review | None
    theirs: Review | None
    counterpart_has_reviewed: bool
    window_closes_at: dt.datetime | None


def contract_reviews_for(*, contract: Contract, user: Any) -> ContractReviews:
    """The contract's reviews as `user` (a party, or staff) may see them.

    A party sees their own review at once and the other side's only once published (and not
    hidden); they learn whether the other side has written, never what. Staff see both.
    """
    reviews = {r.author_side: r for r in Review.objects.filter(contract=contract)}
    side = review_side_of(contract=contract, user=user)
    is_staff = bool(getattr(user, "is_staff", False))
    if side is None:
        firm_side = reviews.get(ContractSide.FIRM) if is_staff else None
        other = reviews.get(ContractSide.FREELANCER) if is_staff else None
        return ContractReviews(None, firm_side, other, other is not None, None)
    other_side = ContractSide.FIRM if side == ContractSide.FREELANCER else ContractSide.FREELANCER
    theirs = reviews.get(other_side)
    visible = theirs is not None and (
        is_staff or (theirs.published_at is not None and theirs.hidden_at is None)
    )
    return ContractReviews(
        my_side=side,
        mine=reviews.get(side),
        theirs=theirs if visible else None,
        counterpart_has_reviewed=theirs is not None,
        window_closes_at=review_window_closes_at(contract=contract),
    )
