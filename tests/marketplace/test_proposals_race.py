"""Concurrent requests on real PostgreSQL connections: exactly one of them wins.

These tests commit (`transaction=True`), so each thread's connection sees the others' rows
only through the database, as two web workers would.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections
from tests.factories import FirmMembershipFactory
from tests.factories_flow import ProposalFactory, open_gig, public_profile

from common.errors import DomainError
from marketplace.contracts.models import Contract
from marketplace.proposals.models import Proposal
from marketplace.proposals.services import proposal_accept, proposal_submit

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs row locks"),
]


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


def test_two_simultaneous_submissions_leave_one_active_proposal() -> None:
    # Given an open gig and a freelancer who double-clicks "send" in two tabs
    firm = FirmMembershipFactory.create().firm
    gig = open_gig(firm=firm)
    user = public_profile().user

    def submit() -> Any:
        return proposal_submit(
            gig=gig,
            by=user,
            cover_letter="Let me build it.",
            price_minor=300_000,
            currency="EUR",
            estimated_duration_days=30,
        )

    # When both requests run at once, several times over
    outcomes = _race([submit] * 4)

    # Then one proposal exists and every other request got `proposal_exists`
    assert Proposal.objects.filter(gig=gig).count() == 1
    errors = [o for o in outcomes if isinstance(o, DomainError)]
    assert [e.code for e in errors] == ["proposal_exists"] * 3
    assert sum(isinstance(o, Proposal) for o in outcomes) == 1


def test_two_simultaneous_accepts_create_one_contract() -> None:
    # Given two proposals on one open gig and two members of the firm
    owner = FirmMembershipFactory.create()
    colleague = FirmMembershipFactory.create(firm=owner.firm, role="member")
    gig = open_gig(firm=owner.firm)
    first, second = ProposalFactory.create(gig=gig), ProposalFactory.create(gig=gig)

    # When each member accepts a different proposal at the same moment
    outcomes = _race(
        [
            lambda: proposal_accept(proposal=first, by=owner.user),
            lambda: proposal_accept(proposal=second, by=colleague.user),
        ]
    )

    # Then one contract exists, the loser was refused, and the other proposal is declined
    assert Contract.objects.count() == 1
    assert sorted(type(o).__name__ for o in outcomes) == ["Conflict", "Contract"]
    statuses = sorted(Proposal.objects.filter(gig=gig).values_list("status", flat=True))
    assert statuses == ["accepted", "declined"]


def test_submission_racing_an_accept_never_lands_on_a_staffed_gig() -> None:
    # Given an open gig with one proposal, and a second freelancer about to propose
    owner = FirmMembershipFactory.create()
    gig = open_gig(firm=owner.firm)
    proposal = ProposalFactory.create(gig=gig)
    late = public_profile().user

    outcomes = _race(
        [
            lambda: proposal_accept(proposal=proposal, by=owner.user),
            lambda: proposal_submit(
                gig=gig,
                by=late,
                cover_letter="Me too.",
                price_minor=250_000,
                currency="EUR",
                estimated_duration_days=20,
            ),
        ]
    )

    # Then the contract exists, and whichever came second, no proposal stays active beside it
    assert isinstance(outcomes[0], Contract)
    active = Proposal.objects.filter(gig=gig, status__in=["submitted", "shortlisted"])
    assert active.count() == 0
    if isinstance(outcomes[1], DomainError):
        assert outcomes[1].code == "gig_not_open"
