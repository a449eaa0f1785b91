"""Proposal rules: submitting, revising, withdrawing, shortlisting, declining and accepting."""

from __future__ import annotations

from typing import Any

import pytest
from tests.factories import FreelancerProfileFactory, UserFactory
from tests.factories_flow import (
    InvitationFactory,
    ProposalFactory,
    member_of,
    open_gig,
    public_profile,
)

from common.errors import Conflict, Forbidden, ValidationFailed
from common.money import MAX_AMOUNT_MINOR
from marketplace.contracts.models import Contract
from marketplace.proposals import services as proposal_services
from marketplace.proposals.models import Proposal
from marketplace.proposals.services import (
    proposal_accept,
    proposal_decline,
    proposal_shortlist,
    proposal_submit,
    proposal_update,
    proposal_withdraw,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def gig(firm: Any) -> Any:
    return open_gig(firm=firm)


def _submit(gig: Any, user: Any, **overrides: Any) -> Proposal:
    values: dict[str, Any] = {
        "cover_letter": "I built three shops like yours.",
        "price_minor": 300_000,
        "currency": "EUR",
        "estimated_duration_days": 30,
    }
    values.update(overrides)
    return proposal_submit(gig=gig, by=user, **values)


# --- submit ------------------------------------------------------------------------------------


def test_freelancer_submits_a_proposal(gig: Any, freelancer: Any) -> None:
    proposal = _submit(gig, freelancer, cover_letter="  Hello  ")
    proposal.refresh_from_db()
    assert (proposal.status, proposal.cover_letter, proposal.price_minor) == (
        "submitted",
        "Hello",
        300_000,
    )
    assert proposal.freelancer == freelancer.freelancer_profile
    assert proposal.decided_at is None


def test_user_without_a_profile_cannot_propose(gig: Any, stranger: Any) -> None:
    with pytest.raises(Conflict) as info:
        _submit(gig, stranger)
    assert info.value.code == "profile_not_public"
    assert Proposal.objects.count() == 0


@pytest.mark.parametrize("visibility", ["draft", "hidden"])
def test_profile_must_be_public_to_propose(gig: Any, visibility: str) -> None:
    user = FreelancerProfileFactory.create(visibility=visibility).user
    with pytest.raises(Conflict) as info:
        _submit(gig, user)
    assert info.value.code == "profile_not_public"
    assert Proposal.objects.count() == 0


@pytest.mark.parametrize(
    "changes",
    [
        {"status": "draft"},
        {"status": "closed"},
        {"status": "in_progress"},
        {"status": "completed"},
        {"status": "cancelled"},
        {"moderation_state": "hidden"},
    ],
)
def test_only_open_visible_gigs_take_proposals(
    firm: Any, freelancer: Any, changes: dict[str, str]
) -> None:
    gig = open_gig(firm=firm, **changes)
    with pytest.raises(Conflict) as info:
        _submit(gig, freelancer)
    assert info.value.code == "gig_not_open"
    assert Proposal.objects.count() == 0


def test_firm_members_cannot_propose_on_their_gig(gig: Any, firm: Any) -> None:
    colleague = member_of(firm)
    public_profile(user=colleague)
    with pytest.raises(Forbidden) as info:
        _submit(gig, colleague)
    assert info.value.code == "own_gig"
    assert Proposal.objects.count() == 0


def test_currency_must_be_the_gigs(gig: Any, freelancer: Any) -> None:
    with pytest.raises(ValidationFailed) as info:
        _submit(gig, freelancer, currency="USD")
    assert info.value.code == "currency_mismatch"
    assert info.value.details == {"currency": ["EUR"]}
    assert Proposal.objects.count() == 0


@pytest.mark.parametrize("price", [0, -1, MAX_AMOUNT_MINOR + 1, 2**64])
def test_price_must_be_positive_and_bounded(gig: Any, freelancer: Any, price: int) -> None:
    with pytest.raises(ValidationFailed) as info:
        _submit(gig, freelancer, price_minor=price)
    assert info.value.code == "price_invalid"
    assert Proposal.objects.count() == 0


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"cover_letter": "  "}, "cover_letter"),
        ({"cover_letter": "x" * 5001}, "cover_letter"),
        ({"estimated_duration_days": 0}, "estimated_duration_days"),
        ({"estimated_duration_days": 3651}, "estimated_duration_days"),
    ],
)
def test_terms_are_validated(
    gig: Any, freelancer: Any, overrides: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValidationFailed) as info:
        _submit(gig, freelancer, **overrides)
    assert info.value.code == "validation_error"
    assert list(info.value.details) == [field]
    assert Proposal.objects.count() == 0


@pytest.mark.parametrize("status", ["submitted", "shortlisted", "accepted"])
def test_one_active_proposal_per_gig(gig: Any, freelancer: Any, status: str) -> None:
    ProposalFactory.create(gig=gig, freelancer=freelancer.freelancer_profile, status=status)
    with pytest.raises(Conflict) as info:
        _submit(gig, freelancer)
    assert info.value.code == "proposal_exists"
    assert Proposal.objects.count() == 1


@pytest.mark.parametrize("status", ["withdrawn", "declined"])
def test_a_new_proposal_may_follow_a_closed_one(gig: Any, freelancer: Any, status: str) -> None:
    ProposalFactory.create(gig=gig, freelancer=freelancer.freelancer_profile, status=status)
    assert _submit(gig, freelancer).status == "submitted"
    assert Proposal.objects.count() == 2


def test_race_past_the_check_is_answered_by_the_unique_index(
    gig: Any, freelancer: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given another submission committed after this one's check ran
    ProposalFactory.create(gig=gig, freelancer=freelancer.freelancer_profile)
    invitation = InvitationFactory.create(gig=gig, freelancer=freelancer.freelancer_profile)
    monkeypatch.setattr(proposal_services, "_has_active_proposal", lambda **kw: False)
    # When this one inserts, the partial unique index refuses it with the same code
    with pytest.raises(Conflict) as info:
        _submit(gig, freelancer)
    assert info.value.code == "proposal_exists"
    # Then nothing else changed, and the connection is usable (the savepoint rolled back)
    assert Proposal.objects.filter(gig=gig).count() == 1
    invitation.refresh_from_db()
    assert invitation.status == "pending"


# --- update, withdraw, shortlist, decline ------------------------------------------------------


def test_freelancer_revises_a_proposal(gig: Any, freelancer: Any) -> None:
    proposal = _submit(gig, freelancer)
    revised = proposal_update(proposal=proposal, by=freelancer, price_minor=280_000)
    assert (revised.price_minor, revised.cover_letter, revised.estimated_duration_days) == (
        280_000,
        "I built three shops like yours.",
        30,
    )
    proposal.refresh_from_db()
    assert proposal.price_minor == 280_000


def test_revision_is_validated(gig: Any, freelancer: Any) -> None:
    proposal = _submit(gig, freelancer)
    with pytest.raises(ValidationFailed) as info:
        proposal_update(proposal=proposal, by=freelancer, price_minor=0)
    assert info.value.code == "price_invalid"
    proposal.refresh_from_db()
    assert proposal.price_minor == 300_000


def test_only_the_freelancer_revises_or_withdraws(gig: Any, freelancer: Any, firm: Any) -> None:
    proposal = _submit(gig, freelancer)
    for user in (member_of(firm), UserFactory.create()):
        with pytest.raises(Forbidden):
            proposal_update(proposal=proposal, by=user, price_minor=1)
        with pytest.raises(Forbidden):
            proposal_withdraw(proposal=proposal, by=user)
    proposal.refresh_from_db()
    assert (proposal.status, proposal.price_minor) == ("submitted", 300_000)


def test_only_firm_members_shortlist_decline_or_accept(gig: Any, freelancer: Any) -> None:
    proposal = _submit(gig, freelancer)
    for user in (freelancer, UserFactory.create()):
        for action in (proposal_shortlist, proposal_decline, proposal_accept):
            with pytest.raises(Forbidden):
                action(proposal=proposal, by=user)
    proposal.refresh_from_db()
    assert proposal.status == "submitted"
    assert Contract.objects.count() == 0


def test_withdraw_then_propose_again(gig: Any, freelancer: Any) -> None:
    proposal = _submit(gig, freelancer)
    withdrawn = proposal_withdraw(proposal=proposal, by=freelancer)
    assert withdrawn.status == "withdrawn"
    assert withdrawn.decided_at is not None
    assert _submit(gig, freelancer).status == "submitted"


def test_shortlist_then_decline(gig: Any, freelancer: Any, firm: Any) -> None:
    member = member_of(firm)
    proposal = _submit(gig, freelancer)
    shortlisted = proposal_shortlist(proposal=proposal, by=member)
    assert (shortlisted.status, shortlisted.decided_at) == ("shortlisted", None)
    declined = proposal_decline(proposal=proposal, by=member)
    assert declined.status == "declined"
    assert declined.decided_at is not None


ALL = ["submitted", "shortlisted", "accepted", "declined", "withdrawn"]
RULES: list[tuple[str, Any, set[str]]] = [
    ("freelancer", proposal_withdraw, {"submitted", "shortlisted"}),
    ("freelancer", proposal_update, {"submitted", "shortlisted"}),
    ("firm", proposal_shortlist, {"submitted"}),
    ("firm", proposal_decline, {"submitted", "shortlisted"}),
    ("firm", proposal_accept, {"submitted", "shortlisted"}),
]


@pytest.mark.parametrize(
    ("actor", "action", "status"),
    [(actor, action, s) for actor, action, sources in RULES for s in ALL if s not in sources],
    ids=lambda v: getattr(v, "__name__", v),
)
def test_invalid_proposal_transition_is_refused(
    gig: Any, firm_owner: Any, actor: str, action: Any, status: str
) -> None:
    proposal = ProposalFactory.create(gig=gig, status=status)
    by = proposal.freelancer.user if actor == "freelancer" else firm_owner
    with pytest.raises(Conflict) as info:
        action(proposal=proposal, by=by)
    assert info.value.code == "invalid_state"
    assert info.value.details == {"status": status}
    proposal.refresh_from_db()
    assert proposal.status == status
    assert Contract.objects.count() == 0
