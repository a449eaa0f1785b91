"""Gig lifecycle: every transition, every refused one, and what cancelling does to proposals."""

from __future__ import annotations

from typing import Any

import pytest
from tests.factories import FirmFactory, GigFactory
from tests.factories_flow import (
    InvitationFactory,
    ProposalFactory,
    draft_gig,
    member_of,
    open_gig,
    skill,
)

from common.errors import Conflict, DomainError, Forbidden
from marketplace.gigs.models import Gig, GigStatus
from marketplace.gigs.services import (
    gig_cancel,
    gig_close,
    gig_complete,
    gig_publish,
    gig_reopen,
    gig_start,
    gig_unstaff,
)
from marketplace.proposals.models import Invitation, Proposal

pytestmark = pytest.mark.django_db


@pytest.fixture
def skills(db: Any) -> dict[str, Any]:
    return {slug: skill(slug) for slug in ("python", "django", "react")}


# --- lifecycle ---------------------------------------------------------------------------------


def test_publish_opens_a_draft_and_stamps_published_at(firm: Any, firm_owner: Any) -> None:
    gig = draft_gig(firm=firm)
    published = gig_publish(gig=gig, by=member_of(firm))
    assert published.status == GigStatus.OPEN
    assert published.published_at is not None
    gig.refresh_from_db()
    assert gig.status == GigStatus.OPEN


def test_publish_needs_a_required_skill(firm: Any, firm_owner: Any, skills: Any) -> None:
    gig = GigFactory.create(firm=firm)
    with pytest.raises(Conflict) as info:
        gig_publish(gig=gig, by=firm_owner)
    assert info.value.code == "gig_incomplete"
    gig.refresh_from_db()
    assert (gig.status, gig.published_at) == ("draft", None)


def test_hidden_gig_cannot_be_published_or_reopened(firm: Any, firm_owner: Any) -> None:
    draft = draft_gig(firm=firm, moderation_state="hidden")
    closed = draft_gig(firm=firm, status="closed", moderation_state="hidden")
    for action, gig in ((gig_publish, draft), (gig_reopen, closed)):
        with pytest.raises(Conflict) as info:
            action(gig=gig, by=firm_owner)
        assert info.value.code == "invalid_state"
        assert info.value.details["moderation_state"] == "hidden"
    draft.refresh_from_db()
    closed.refresh_from_db()
    assert (draft.status, closed.status) == ("draft", "closed")


def test_close_and_reopen(firm: Any, firm_owner: Any) -> None:
    gig = open_gig(firm=firm)
    assert gig_close(gig=gig, by=firm_owner).status == GigStatus.CLOSED
    assert gig_reopen(gig=gig, by=firm_owner).status == GigStatus.OPEN


def test_start_and_complete(firm: Any, firm_owner: Any) -> None:
    gig = open_gig(firm=firm)
    assert gig_start(gig=gig, by=firm_owner).status == GigStatus.IN_PROGRESS
    assert gig_complete(gig=gig, by=firm_owner).status == GigStatus.COMPLETED


def test_unstaff_returns_an_in_progress_gig_to_closed(firm: Any) -> None:
    gig = open_gig(firm=firm, status="in_progress")
    assert gig_unstaff(gig=gig).status == GigStatus.CLOSED


ALL_STATUSES = ["draft", "open", "in_progress", "completed", "cancelled", "closed"]
TRANSITIONS: list[tuple[Any, set[str]]] = [
    (gig_publish, {"draft"}),
    (gig_close, {"open"}),
    (gig_reopen, {"closed"}),
    (gig_cancel, {"draft", "open", "closed"}),
    (gig_start, {"open"}),
    (gig_complete, {"in_progress"}),
]


@pytest.mark.parametrize(
    ("action", "status"),
    [
        (action, status)
        for action, sources in TRANSITIONS
        for status in ALL_STATUSES
        if status not in sources
    ],
    ids=lambda v: getattr(v, "__name__", v),
)
def test_invalid_transition_is_refused_and_state_unchanged(
    firm: Any, firm_owner: Any, action: Any, status: str
) -> None:
    gig = draft_gig(firm=firm, status=status)
    with pytest.raises(Conflict) as info:
        action(gig=gig, by=firm_owner)
    assert info.value.code == "invalid_state"
    assert info.value.details == {"status": status}
    gig.refresh_from_db()
    assert gig.status == status


@pytest.mark.parametrize("status", ["draft", "open", "completed", "cancelled", "closed"])
def test_unstaff_only_from_in_progress(firm: Any, status: str) -> None:
    gig = draft_gig(firm=firm, status=status)
    with pytest.raises(Conflict):
        gig_unstaff(gig=gig)
    gig.refresh_from_db()
    assert gig.status == status


@pytest.mark.parametrize(
    "action", [gig_publish, gig_close, gig_reopen, gig_cancel, gig_start, gig_complete]
)
def test_only_firm_members_move_a_gig(firm: Any, action: Any) -> None:
    gig = draft_gig(firm=firm, status="open")
    outsider = member_of(FirmFactory.create(), role="owner")
    with pytest.raises(Forbidden):
        action(gig=gig, by=outsider)
    gig.refresh_from_db()
    assert gig.status == "open"


@pytest.mark.parametrize("status", ["draft", "open", "closed"])
def test_cancel_declines_active_proposals_and_revokes_pending_invitations(
    firm: Any, firm_owner: Any, status: str
) -> None:
    gig = open_gig(firm=firm, status=status)
    submitted = ProposalFactory.create(gig=gig)
    shortlisted = ProposalFactory.create(gig=gig, status="shortlisted")
    withdrawn = ProposalFactory.create(gig=gig, status="withdrawn")
    pending = InvitationFactory.create(gig=gig)
    declined = InvitationFactory.create(gig=gig, status="declined")
    other_gig_proposal = ProposalFactory.create()

    assert gig_cancel(gig=gig, by=firm_owner).status == GigStatus.CANCELLED

    statuses = dict(Proposal.objects.values_list("id", "status"))
    assert statuses == {
        submitted.id: "declined",
        shortlisted.id: "declined",
        withdrawn.id: "withdrawn",
        other_gig_proposal.id: "submitted",
    }
    assert dict(Invitation.objects.values_list("id", "status")) == {
        pending.id: "revoked",
        declined.id: "declined",
    }
    assert Proposal.objects.get(id=submitted.id).decided_at is not None


def test_refused_cancel_touches_no_proposal(firm: Any, firm_owner: Any) -> None:
    gig = open_gig(firm=firm, status="in_progress")
    proposal = ProposalFactory.create(gig=gig)
    with pytest.raises(DomainError):
        gig_cancel(gig=gig, by=firm_owner)
    proposal.refresh_from_db()
    assert proposal.status == "submitted"


def test_deleted_gig_answers_not_found(firm: Any, firm_owner: Any) -> None:
    gig = draft_gig(firm=firm)
    Gig.objects.filter(pk=gig.pk).delete()
    with pytest.raises(DomainError) as info:
        gig_publish(gig=gig, by=firm_owner)
    assert info.value.code == "not_found"
