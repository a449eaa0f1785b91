"""Accepting a proposal: the contract, its milestones, and what happens to the rest of the gig."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from tests.factories_flow import InvitationFactory, ProposalFactory, member_of, open_gig, skill

from common.errors import Conflict, DomainError, ValidationFailed
from marketplace.contracts.models import Contract, Milestone
from marketplace.proposals.models import Invitation, Proposal
from marketplace.proposals.services import proposal_accept

pytestmark = pytest.mark.django_db


@pytest.fixture
def gig(firm: Any) -> Any:
    return open_gig(firm=firm)


# --- accept ------------------------------------------------------------------------------------


def test_accept_creates_the_contract_and_staffs_the_gig(firm: Any, firm_owner: Any) -> None:
    # Given an open fixed-price gig with three active proposals and two invitations
    gig = open_gig(firm=firm, required_skills=[skill("python"), skill("django")])
    chosen = ProposalFactory.create(gig=gig, status="shortlisted", price_minor=350_000)
    other = ProposalFactory.create(gig=gig)
    withdrawn = ProposalFactory.create(gig=gig, status="withdrawn")
    pending = InvitationFactory.create(gig=gig)
    member = member_of(firm)

    # When a member accepts one
    contract = proposal_accept(proposal=chosen, by=member)

    # Then the contract freezes the terms
    contract.refresh_from_db()
    assert contract.status == "active"
    assert (contract.gig, contract.firm, contract.freelancer) == (gig, firm, chosen.freelancer)
    assert (contract.accepted_by, contract.currency, contract.title) == (member, "EUR", gig.title)
    assert contract.terms["gig"] == {
        "title": gig.title,
        "description": gig.description,
        "engagement_type": "fixed",
        "budget_min_minor": 200_000,
        "budget_max_minor": 400_000,
        "currency": "EUR",
    }
    assert contract.terms["proposal"] == {
        "price_minor": 350_000,
        "currency": "EUR",
        "estimated_duration_days": 30,
    }
    assert contract.terms["required_skills"] == ["django", "python"]
    assert "accepted_at" in contract.terms
    # And one milestone carries the whole price
    assert list(
        contract.milestones.values_list("position", "title", "amount_minor", "currency", "status")
    ) == [(1, "Complete the work", 350_000, "EUR", "awaiting_funding")]
    # And the gig is in progress, the others declined, the invitation revoked
    gig.refresh_from_db()
    assert gig.status == "in_progress"
    assert dict(Proposal.objects.values_list("id", "status")) == {
        chosen.id: "accepted",
        other.id: "declined",
        withdrawn.id: "withdrawn",
    }
    pending.refresh_from_db()
    assert pending.status == "revoked"


def test_accept_with_a_milestone_plan(gig: Any, firm_owner: Any) -> None:
    proposal = ProposalFactory.create(gig=gig, price_minor=300_000)
    contract = proposal_accept(
        proposal=proposal,
        by=firm_owner,
        milestones=[
            {"title": "Design", "amount_minor": 100_000, "due_date": dt.date(2030, 2, 1)},
            {"title": "Build", "amount_minor": 200_000, "description": "Shop and payments"},
        ],
    )
    assert list(
        contract.milestones.values_list("position", "title", "amount_minor", "due_date")
    ) == [(1, "Design", 100_000, dt.date(2030, 2, 1)), (2, "Build", 200_000, None)]


def test_hourly_gig_milestones_need_not_sum_to_the_rate(firm: Any, firm_owner: Any) -> None:
    gig = open_gig(firm=firm, engagement_type="hourly")
    proposal = ProposalFactory.create(gig=gig, price_minor=9_000)
    contract = proposal_accept(
        proposal=proposal,
        by=firm_owner,
        milestones=[{"title": "First 20 hours", "amount_minor": 180_000}],
    )
    assert contract.milestones.get().amount_minor == 180_000


@pytest.mark.parametrize(
    "milestones",
    [
        [],
        [{"title": "All", "amount_minor": 299_999}],
        [{"title": "A", "amount_minor": 300_000}, {"title": "B", "amount_minor": 0}],
        [{"title": "A", "amount_minor": 400_000}, {"title": "B", "amount_minor": -100_000}],
        [{"title": "", "amount_minor": 300_000}],
        [{"title": "A", "amount_minor": "300000"}],
        [{"title": "A", "amount_minor": 300_000, "due_date": "tomorrow"}],
        [{"title": "A", "amount_minor": 300_000, "description": "x" * 2001}],
        [{"title": f"M{i}", "amount_minor": 6_000} for i in range(51)],
    ],
)
def test_invalid_milestones_refuse_the_whole_accept(
    gig: Any, firm_owner: Any, milestones: list[dict[str, Any]]
) -> None:
    proposal = ProposalFactory.create(gig=gig, price_minor=300_000)
    other = ProposalFactory.create(gig=gig)
    with pytest.raises(ValidationFailed) as info:
        proposal_accept(proposal=proposal, by=firm_owner, milestones=milestones)
    assert info.value.code == "milestones_invalid"
    # Nothing happened: no contract, no milestone, gig still open, proposals untouched
    assert Contract.objects.count() == 0
    assert Milestone.objects.count() == 0
    gig.refresh_from_db()
    assert gig.status == "open"
    assert dict(Proposal.objects.values_list("id", "status")) == {
        proposal.id: "submitted",
        other.id: "submitted",
    }


@pytest.mark.parametrize("status", ["draft", "closed", "in_progress", "cancelled", "completed"])
def test_accept_needs_an_open_gig(firm: Any, firm_owner: Any, status: str) -> None:
    gig = open_gig(firm=firm, status=status)
    proposal = ProposalFactory.create(gig=gig)
    with pytest.raises(Conflict) as info:
        proposal_accept(proposal=proposal, by=firm_owner)
    assert info.value.code == "gig_not_open"
    proposal.refresh_from_db()
    assert proposal.status == "submitted"
    assert Contract.objects.count() == 0


def test_second_accept_on_the_same_gig_is_refused(gig: Any, firm_owner: Any) -> None:
    first, second = ProposalFactory.create(gig=gig), ProposalFactory.create(gig=gig)
    proposal_accept(proposal=first, by=firm_owner)
    with pytest.raises(DomainError):
        proposal_accept(proposal=second, by=firm_owner)
    assert Contract.objects.count() == 1


def test_invitations_of_other_gigs_are_untouched_by_accept(gig: Any, firm_owner: Any) -> None:
    elsewhere = InvitationFactory.create()
    proposal_accept(proposal=ProposalFactory.create(gig=gig), by=firm_owner)
    assert Invitation.objects.get(pk=elsewhere.pk).status == "pending"
