"""A firm's reputation as freelancers see it before proposing (docs/trust.md has the rules).

- rating: freelancers' public reviews of the firm;
- funded on time: a milestone is measured once it is funded or its funding deadline
  (added + TRUST_FUNDING_GRACE_DAYS) has passed while still unfunded; it is on time when
  `funded_at` ≤ that deadline. A milestone cancelled unfunded before its deadline is not measured;
- released on time: a milestone is measured once released, or once submitted and its release
  deadline (submitted + TRUST_RELEASE_GRACE_DAYS) has passed without release, unless it went to
  a dispute or a refund (those are counted as disputes, or were the freelancer's choice); it is
  on time when `released_at` ≤ that deadline, or when it was released without being submitted;
- disputed contracts: contracts with at least one milestone that was ever disputed;
- cancelled contracts: all cancelled ones, and how many the firm itself cancelled.

A firm with fewer than TRUST_FIRM_MIN_CONTRACTS ended contracts is "new"; a share needs
TRUST_FIRM_MIN_MILESTONES measured milestones, else it is None (not enough history).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, F, Q
from django.utils import timezone

from marketplace.contracts.models import Contract, ContractSide, ContractStatus
from marketplace.contracts.models import MilestoneStatus as S
from marketplace.reviews.selectors import RatingSummary, firm_rating_summary

# Refunded (or being refunded) before release: the freelancer's choice or a dispute's outcome,
# not a late release.
_NOT_RELEASE_MEASURED = (S.REFUNDING, S.REFUNDED, S.CHARGED_BACK)


@dataclass(frozen=True)
class OnTimeShare:
    measured: int
    on_time: int
    # Whole percent (half up), None below the minimum number of measured milestones.
    percent: int | None


@dataclass(frozen=True)
class FirmReputation:
    is_new: bool
    rating: RatingSummary
    contracts_ended: int
    contracts_completed: int
    contracts_cancelled: int
    contracts_cancelled_by_firm: int
    contracts_disputed: int
    milestones_funded_on_time: OnTimeShare
    milestones_released_on_time: OnTimeShare


def firm_reputation_get(*, firm_id: int, now: dt.datetime | None = None) -> FirmReputation:
    """The firm's reputation, in two queries: its contracts with their milestones, and its
    reviews."""
    now = now or timezone.now()
    funding_deadline = now - dt.timedelta(days=settings.TRUST_FUNDING_GRACE_DAYS)
    funding_grace = dt.timedelta(days=settings.TRUST_FUNDING_GRACE_DAYS)
    release_grace = dt.timedelta(days=settings.TRUST_RELEASE_GRACE_DAYS)
    created = F("milestones__created_at")
    # One pass over the firm's contracts joined to their milestones: contracts are counted
    # distinct (the join repeats each once per milestone), milestones by id (a contract
    # without any joins a NULL id, which Count skips).
    counts = Contract.objects.filter(firm_id=firm_id).aggregate(
        completed=Count("id", filter=Q(status=ContractStatus.COMPLETED), distinct=True),
        cancelled=Count("id", filter=Q(status=ContractStatus.CANCELLED), distinct=True),
        cancelled_by_firm=Count(
            "id",
            filter=Q(status=ContractStatus.CANCELLED, cancelled_by=ContractSide.FIRM),
            distinct=True,
        ),
        disputed=Count("id", filter=Q(milestones__disputed_at__isnull=False), distinct=True),
        funded_measured=Count(
            "milestones__id",
            filter=Q(milestones__funded_at__isnull=False)
            | Q(milestones__funded_at__isnull=True, milestones__created_at__lte=funding_deadline)
            & ~Q(
                milestones__status=S.CANCELLED,
                milestones__updated_at__lte=created + funding_grace,
            ),
        ),
        funded_on_time=Count(
            "milestones__id", filter=Q(milestones__funded_at__lte=created + funding_grace)
        ),
        released_measured=Count(
            "milestones__id",
            filter=Q(milestones__released_at__isnull=False)
            | Q(
                milestones__released_at__isnull=True,
                milestones__submitted_at__lte=now - release_grace,
                milestones__disputed_at__isnull=True,
            )
            & ~Q(milestones__status__in=_NOT_RELEASE_MEASURED),
        ),
        released_on_time=Count(
            "milestones__id",
            filter=Q(milestones__released_at__isnull=False, milestones__submitted_at__isnull=True)
            | Q(milestones__released_at__lte=F("milestones__submitted_at") + release_grace),
        ),
    )
    ended = counts["completed"] + counts["cancelled"]
    return FirmReputation(
        is_new=ended < settings.TRUST_FIRM_MIN_CONTRACTS,
        rating=firm_rating_summary(firm_id=firm_id),
        contracts_ended=ended,
        contracts_completed=counts["completed"],
        contracts_cancelled=counts["cancelled"],
        contracts_cancelled_by_firm=counts["cancelled_by_firm"],
        contracts_disputed=counts["disputed"],
        milestones_funded_on_time=_share(counts["funded_measured"], counts["funded_on_time"]),
        milestones_released_on_time=_share(counts["released_measured"], counts["released_on_time"]),
    )


def _share(measured: int, on_time: int) -> OnTimeShare:
    if measured < settings.TRUST_FIRM_MIN_MILESTONES:
        return OnTimeShare(measured=measured, on_time=on_time, percent=None)
    return OnTimeShare(
        measured=measured, on_time=on_time, percent=(200 * on_time + measured) // (2 * measured)
    )
