"""Firm reputation: exact figures on a built history, and honesty when the history is thin."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone
from tests.factories_flow import MilestoneFactory, PublicProfileFactory
from tests.factories_trust import contract_between, firm_with_owner

from marketplace.contracts.models import Contract, Milestone
from marketplace.firms.reputation import OnTimeShare, firm_reputation_get
from marketplace.reviews.models import Review

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def _days(n: float | None) -> dt.datetime | None:
    return None if n is None else NOW - dt.timedelta(days=n)


def _milestone(contract: Contract, status: str, **days_ago: float | None) -> Milestone:
    """A milestone of `contract` whose moments are `<field>=<days before NOW>`."""
    milestone = MilestoneFactory.create(contract=contract)
    Milestone.objects.filter(pk=milestone.pk).update(
        status=status, **{field: _days(n) for field, n in days_ago.items()}
    )
    return milestone


def _review(contract: Contract, rating: int, *, published: bool) -> None:
    Review.objects.create(
        contract=contract,
        author_side="freelancer",
        author=contract.freelancer.user,
        firm=contract.firm,
        freelancer=contract.freelancer,
        rating=rating,
        published_at=NOW if published else None,
    )


def test_reputation_figures_are_exact_on_a_built_history() -> None:
    # Given a firm with two completed, two cancelled (one by the firm) and one active contract
    firm, _owner = firm_with_owner()

    def contract(**kwargs: Any) -> Contract:
        return contract_between(firm=firm, freelancer=PublicProfileFactory.create(), **kwargs)

    c1, c2 = contract(), contract()
    c3 = contract(status="cancelled", cancelled_by="firm")
    c4 = contract(status="cancelled", cancelled_by="freelancer")
    c5 = contract(status="active")
    Milestone.objects.filter(contract__firm=firm).delete()
    # funded 2 days after being added, released 2 days after submission: on time, on time
    _milestone(c1, "released", created_at=30, funded_at=28, submitted_at=20, released_at=18)
    # funded after 10 days, released by the 14-day timer: late, late
    _milestone(c1, "released", created_at=30, funded_at=20, submitted_at=15, released_at=1)
    # released without a submission: on time, on time
    _milestone(c2, "released", created_at=20, funded_at=20, released_at=15)
    # cancelled unfunded a day after being added (before its deadline): not measured
    _milestone(c3, "cancelled", created_at=20, updated_at=19)
    # funded on time, submitted, then disputed: a dispute, not a late release
    _milestone(c4, "disputed", created_at=20, funded_at=19, submitted_at=10, disputed_at=9)
    # added 3 days ago, unfunded: its funding deadline has not passed, not measured
    _milestone(c5, "awaiting_funding", created_at=3)
    # added 10 days ago, still unfunded: late
    _milestone(c5, "awaiting_funding", created_at=10)
    # submitted 9 days ago, not released: late; submitted 3 days ago: not measured yet
    _milestone(c5, "submitted", created_at=20, funded_at=19, submitted_at=9)
    _milestone(c5, "submitted", created_at=20, funded_at=19, submitted_at=3)
    # freelancers' reviews: 4 and 5 published, a 1 still blind
    _review(c1, 4, published=True)
    _review(c2, 5, published=True)
    _review(c3, 1, published=False)

    reputation = firm_reputation_get(firm_id=firm.pk, now=NOW)

    assert reputation.is_new is False
    assert (reputation.rating.average, reputation.rating.count) == (Decimal("4.50"), 2)
    assert reputation.rating.distribution == {1: 0, 2: 0, 3: 0, 4: 1, 5: 1}
    assert reputation.contracts_ended == 4
    assert reputation.contracts_completed == 2
    assert reputation.contracts_cancelled == 2
    assert reputation.contracts_cancelled_by_firm == 1
    assert reputation.contracts_disputed == 1
    # funding measured: 7 (all but the one cancelled early and the one added 3 days ago);
    # on time: 5 → 71.43 % → 71
    assert reputation.milestones_funded_on_time == OnTimeShare(measured=7, on_time=5, percent=71)
    # release measured: the three released and the one overdue; on time: 2 → 50 %
    assert reputation.milestones_released_on_time == OnTimeShare(measured=4, on_time=2, percent=50)


def test_a_firm_with_thin_history_is_shown_as_new_without_shares() -> None:
    # Given a firm with one completed contract and one milestone released on time
    firm, _owner = firm_with_owner()
    contract = contract_between(firm=firm, freelancer=PublicProfileFactory.create())
    Milestone.objects.filter(contract=contract).update(
        status="released", released_at=timezone.now()
    )

    reputation = firm_reputation_get(firm_id=firm.pk)

    # Then the counts are shown as they are, but no share is claimed from one milestone
    assert reputation.is_new is True
    assert reputation.contracts_ended == 1
    assert reputation.rating.count == 0
    assert reputation.rating.average is None
    assert reputation.milestones_funded_on_time == OnTimeShare(measured=1, on_time=1, percent=None)
    assert reputation.milestones_released_on_time == OnTimeShare(
        measured=1, on_time=1, percent=None
    )
