"""Concurrent trust writes on real PostgreSQL connections: the locks hold the rules.

These tests commit (`transaction=True`), so each thread's connection sees the others' rows
only through the database, as two web workers would.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connections
from django.test import override_settings
from tests.factories import SkillFactory
from tests.factories_flow import PublicProfileFactory
from tests.factories_trust import contract_between, firm_with_owner, veteran

from common.errors import DomainError
from marketplace.endorsements.models import Endorsement
from marketplace.endorsements.services import endorsement_create
from marketplace.reviews.models import Review
from marketplace.reviews.services import review_create

pytestmark = pytest.mark.django_db(transaction=True)


def _race(calls: list[Callable[[], Any]]) -> list[Any]:
    """Run the calls at once, each on its own connection; return results or domain errors."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(index: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout=10)
            results[index] = call()
        except DomainError as exc:
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_two_simultaneous_reviews_publish_both() -> None:
    # Given an ended contract whose two sides press "send" at the same moment
    firm, owner = firm_with_owner()
    profile = PublicProfileFactory.create()
    contract = contract_between(firm=firm, freelancer=profile)

    outcomes = _race(
        [
            lambda: review_create(contract=contract, by=owner, rating=5),
            lambda: review_create(contract=contract, by=profile.user, rating=4),
        ]
    )

    # Then both reviews exist and neither is left blind
    assert all(isinstance(o, Review) for o in outcomes)
    published = list(
        Review.objects.filter(contract=contract).values_list("published_at", flat=True)
    )
    assert len(published) == 2
    assert None not in published
    assert published[0] == published[1]


@override_settings(TRUST_MUTUAL_ENDORSEMENT_CAP=0)
def test_two_simultaneous_mutual_endorsements_respect_the_cap() -> None:
    # Given a cap of 0 (no endorsing back without a shared contract), and A and B endorsing
    # each other at the same moment
    skill = SkillFactory.create(slug="elixir")
    a, b = veteran(skills=[skill]), veteran(skills=[skill])

    outcomes = _race(
        [
            lambda: endorsement_create(by=a.user, endorsee=b, skill=skill),
            lambda: endorsement_create(by=b.user, endorsee=a, skill=skill),
        ]
    )

    # Then one endorsement exists and the other was refused by the cap
    assert Endorsement.objects.count() == 1
    assert [o.code for o in outcomes if isinstance(o, DomainError)] == ["endorsement_mutual_cap"]
