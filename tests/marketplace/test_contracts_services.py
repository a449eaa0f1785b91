"""Contract rules: completion, cancellation and adding milestones."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from tests.factories import UserFactory
from tests.factories_flow import MilestoneFactory, ProposalFactory, member_of, open_gig

from common.errors import Conflict, Forbidden, ValidationFailed
from common.money import MAX_AMOUNT_MINOR
from marketplace.contracts.models import Contract, Milestone
from marketplace.contracts.services import contract_cancel, contract_complete, milestone_add
from marketplace.proposals.services import proposal_accept

pytestmark = pytest.mark.django_db


@pytest.fixture
def contract(firm: Any, firm_owner: Any) -> Contract:
    """An active contract made the real way: a proposal accepted with two milestones."""
    gig = open_gig(firm=firm)
    proposal = ProposalFactory.create(gig=gig, price_minor=300_000)
    return proposal_accept(
        proposal=proposal,
        by=firm_owner,
        milestones=[
            {"title": "Design", "amount_minor": 100_000},
            {"title": "Build", "amount_minor": 200_000},
        ],
    )


def test_firm_member_completes_the_contract_and_the_gig(contract: Contract, firm: Any) -> None:
    completed = contract_complete(contract=contract, by=member_of(firm))
    assert completed.status == "completed"
    assert completed.ended_at is not None
    contract.refresh_from_db()
    assert contract.status == "completed"
    assert contract.gig.status == "completed"


def test_freelancer_and_strangers_cannot_complete(contract: Contract) -> None:
    for user in (contract.freelancer.user, UserFactory.create()):
        with pytest.raises(Forbidden):
            contract_complete(contract=contract, by=user)
    contract.refresh_from_db()
    assert (contract.status, contract.ended_at, contract.gig.status) == (
        "active",
        None,
        "in_progress",
    )


@pytest.mark.parametrize("party", ["firm", "freelancer"])
def test_either_party_cancels(contract: Contract, firm_owner: Any, party: str) -> None:
    # Given one milestone already funded (a status the payments app will own)
    Milestone.objects.filter(contract=contract, position=1).update(status="funded")
    by = firm_owner if party == "firm" else contract.freelancer.user

    cancelled = contract_cancel(contract=contract, by=by)

    assert cancelled.status == "cancelled"
    assert cancelled.ended_at is not None
    # Milestones awaiting funding are cancelled; the funded one is left to payments
    assert list(contract.milestones.order_by("position").values_list("status", flat=True)) == [
        "funded",
        "cancelled",
    ]
    # And the gig is closed: the firm may reopen it and hire again, or cancel it
    contract.gig.refresh_from_db()
    assert contract.gig.status == "closed"


def test_stranger_cannot_cancel(contract: Contract) -> None:
    with pytest.raises(Forbidden):
        contract_cancel(contract=contract, by=UserFactory.create())
    contract.refresh_from_db()
    assert contract.status == "active"
    assert set(contract.milestones.values_list("status", flat=True)) == {"awaiting_funding"}


@pytest.mark.parametrize("status", ["completed", "cancelled"])
def test_ended_contract_cannot_end_again_or_grow(
    contract: Contract, firm_owner: Any, status: str
) -> None:
    Contract.objects.filter(pk=contract.pk).update(status=status)
    for action in (contract_complete, contract_cancel):
        with pytest.raises(Conflict) as info:
            action(contract=contract, by=firm_owner)
        assert info.value.details == {"status": status}
    with pytest.raises(Conflict):
        milestone_add(contract=contract, by=firm_owner, title="More", amount_minor=1_000)
    contract.refresh_from_db()
    assert contract.status == status
    assert contract.ended_at is None
    assert contract.milestones.count() == 2
    assert contract.gig.status == "in_progress"


def test_firm_member_adds_a_milestone_at_the_end(contract: Contract, firm: Any) -> None:
    milestone = milestone_add(
        contract=contract,
        by=member_of(firm),
        title="  Newsletter  ",
        amount_minor=50_000,
        due_date=dt.date(2030, 3, 1),
        description="Signup form and first issue",
    )
    assert (milestone.position, milestone.title, milestone.currency, milestone.status) == (
        3,
        "Newsletter",
        "EUR",
        "awaiting_funding",
    )
    assert milestone.due_date == dt.date(2030, 3, 1)


def test_positions_continue_after_gaps() -> None:
    contract = MilestoneFactory.create(position=7).contract
    owner = member_of(contract.firm)
    assert milestone_add(contract=contract, by=owner, title="Next", amount_minor=1).position == 8


def test_freelancer_cannot_add_milestones(contract: Contract) -> None:
    with pytest.raises(Forbidden):
        milestone_add(
            contract=contract, by=contract.freelancer.user, title="Bonus", amount_minor=1_000
        )
    assert contract.milestones.count() == 2


@pytest.mark.parametrize(
    ("title", "amount", "field"),
    [
        ("More", 0, "amount_minor"),
        ("More", -1, "amount_minor"),
        ("More", MAX_AMOUNT_MINOR + 1, "amount_minor"),
        ("", 1_000, "title"),
        ("x" * 141, 1_000, "title"),
    ],
)
def test_invalid_milestone_is_refused(
    contract: Contract, firm_owner: Any, title: str, amount: int, field: str
) -> None:
    with pytest.raises(ValidationFailed) as info:
        milestone_add(contract=contract, by=firm_owner, title=title, amount_minor=amount)
    assert info.value.code == "milestones_invalid"
    assert list(info.value.details["milestones"]["0"]) == [field]
    assert contract.milestones.count() == 2
