"""Domain events fire once per committed change, and never for a rolled-back one."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.dispatch import Signal
from tests.factories import (
    FirmMembershipFactory,
    FreelancerProfileFactory,
    GigFactory,
    SkillFactory,
)

from marketplace import events
from marketplace.gigs.services import gig_publish
from marketplace.proposals.services import proposal_accept, proposal_submit

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def received() -> Iterator[list[tuple[str, dict[str, Any]]]]:
    seen: list[tuple[str, dict[str, Any]]] = []
    names = [
        "profile_changed",
        "gig_changed",
        "invitation_changed",
        "proposal_changed",
        "contract_changed",
        "milestone_added",
    ]
    receivers = []
    for name in names:
        signal: Signal = getattr(events, name)

        def receiver(sender: Any, _name: str = name, **payload: Any) -> None:
            payload.pop("signal", None)
            seen.append((_name, payload))

        signal.connect(receiver, weak=False)
        receivers.append((signal, receiver))
    yield seen
    for signal, receiver in receivers:
        signal.disconnect(receiver)


def test_hiring_emits_one_event_per_committed_change(received: list[Any]) -> None:
    # Given an open gig and a freelancer's proposal
    owner = FirmMembershipFactory.create(role="owner")
    gig = GigFactory.create(
        firm=owner.firm, created_by=owner.user, required_skills=[SkillFactory.create()]
    )
    gig_publish(gig=gig, by=owner.user)
    profile = FreelancerProfileFactory.create(visibility="public")
    proposal = proposal_submit(
        gig=gig,
        by=profile.user,
        cover_letter="I can do this.",
        price_minor=300_000,
        currency="EUR",
        estimated_duration_days=20,
    )
    received.clear()
    # When the firm accepts it
    contract = proposal_accept(proposal=proposal, by=owner.user)
    # Then exactly the contract, gig and proposal events fire, once each, after commit
    names = [name for name, _payload in received]
    assert sorted(names) == ["contract_changed", "gig_changed", "proposal_changed"]
    payloads = dict(received)
    assert payloads["contract_changed"] == {
        "contract_id": contract.id,
        "gig_id": gig.id,
        "status": "active",
    }
    assert payloads["gig_changed"]["status"] == "in_progress"
    assert payloads["proposal_changed"]["status"] == "accepted"


def test_rolled_back_change_emits_nothing(received: list[Any]) -> None:
    owner = FirmMembershipFactory.create(role="owner")
    gig = GigFactory.create(
        firm=owner.firm, created_by=owner.user, required_skills=[SkillFactory.create()]
    )

    def publish_then_fail() -> None:
        with transaction.atomic():
            gig_publish(gig=gig, by=owner.user)
            raise RuntimeError("rolled back")

    with pytest.raises(RuntimeError):
        publish_then_fail()
    assert received == []
    gig.refresh_from_db()
    assert gig.status == "draft"


def test_a_failing_receiver_does_not_break_the_service(received: list[Any]) -> None:
    def broken(sender: Any, **payload: Any) -> None:
        raise ValueError("receiver bug")

    events.gig_changed.connect(broken, weak=False)
    try:
        owner = FirmMembershipFactory.create(role="owner")
        gig = GigFactory.create(
            firm=owner.firm, created_by=owner.user, required_skills=[SkillFactory.create()]
        )
        published = gig_publish(gig=gig, by=owner.user)
    finally:
        events.gig_changed.disconnect(broken)
    assert published.status == "open"
    assert ("gig_changed", {"gig_id": gig.id, "firm_id": gig.firm_id, "status": "open"}) in (
        received
    )
