"""Invitation rules: who may invite whom, and how an invitation is answered."""

from __future__ import annotations

from typing import Any

import pytest
from tests.factories import FreelancerProfileFactory
from tests.factories_flow import InvitationFactory, member_of, open_gig, public_profile

from common.errors import Conflict, Forbidden, ValidationFailed
from marketplace.proposals import services as proposal_services
from marketplace.proposals.models import Invitation
from marketplace.proposals.services import (
    invitation_decline,
    invitation_revoke,
    invitation_send,
    proposal_submit,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def gig(firm: Any) -> Any:
    return open_gig(firm=firm)


def test_member_invites_a_public_freelancer(gig: Any, firm: Any) -> None:
    member = member_of(firm)
    profile = public_profile()
    invitation = invitation_send(
        gig=gig, by=member, freelancer_profile=profile, message="  Interested?  "
    )
    invitation.refresh_from_db()
    assert (invitation.status, invitation.message, invitation.invited_by) == (
        "pending",
        "Interested?",
        member,
    )
    assert invitation.responded_at is None


def test_non_member_cannot_invite(gig: Any, stranger: Any) -> None:
    with pytest.raises(Forbidden) as info:
        invitation_send(gig=gig, by=stranger, freelancer_profile=public_profile())
    assert info.value.code == "permission_denied"
    assert Invitation.objects.count() == 0


@pytest.mark.parametrize(
    "changes",
    [
        {"status": "draft"},
        {"status": "closed"},
        {"status": "in_progress"},
        {"status": "cancelled"},
        {"moderation_state": "hidden"},
    ],
)
def test_only_open_visible_gigs_take_invitations(
    firm: Any, firm_owner: Any, changes: dict[str, str]
) -> None:
    gig = open_gig(firm=firm, **changes)
    with pytest.raises(Conflict) as info:
        invitation_send(gig=gig, by=firm_owner, freelancer_profile=public_profile())
    assert info.value.code == "gig_not_open"
    assert Invitation.objects.count() == 0


@pytest.mark.parametrize("visibility", ["draft", "hidden"])
def test_profile_must_be_public(gig: Any, firm_owner: Any, visibility: str) -> None:
    profile = FreelancerProfileFactory.create(visibility=visibility)
    with pytest.raises(Conflict) as info:
        invitation_send(gig=gig, by=firm_owner, freelancer_profile=profile)
    assert info.value.code == "profile_not_public"
    assert Invitation.objects.count() == 0


def test_inactive_user_profile_counts_as_not_public(gig: Any, firm_owner: Any) -> None:
    profile = public_profile()
    profile.user.is_active = False
    profile.user.save()
    with pytest.raises(Conflict) as info:
        invitation_send(gig=gig, by=firm_owner, freelancer_profile=profile)
    assert info.value.code == "profile_not_public"


def test_members_of_the_gig_firm_cannot_be_invited(gig: Any, firm: Any, firm_owner: Any) -> None:
    colleague = member_of(firm)
    profile = public_profile(user=colleague)
    with pytest.raises(Forbidden) as info:
        invitation_send(gig=gig, by=firm_owner, freelancer_profile=profile)
    assert info.value.code == "own_gig"
    assert Invitation.objects.count() == 0


@pytest.mark.parametrize("first_status", ["pending", "declined", "revoked", "proposed"])
def test_one_invitation_per_gig_and_freelancer(
    gig: Any, firm_owner: Any, first_status: str
) -> None:
    first = InvitationFactory.create(gig=gig, status=first_status)
    with pytest.raises(Conflict) as info:
        invitation_send(gig=gig, by=firm_owner, freelancer_profile=first.freelancer)
    assert info.value.code == "invitation_exists"
    assert Invitation.objects.count() == 1


def test_concurrent_duplicate_invitation_maps_the_integrity_error(
    gig: Any, firm_owner: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given another request's invitation committed after this one's check ran
    first = InvitationFactory.create(gig=gig)
    monkeypatch.setattr(proposal_services, "_has_invitation", lambda **kw: False)
    # When this one inserts, the unique index refuses it: the same code as the check's
    with pytest.raises(Conflict) as info:
        invitation_send(gig=gig, by=firm_owner, freelancer_profile=first.freelancer)
    assert info.value.code == "invitation_exists"
    # And the surrounding transaction is still usable
    assert Invitation.objects.filter(gig=gig).count() == 1


def test_message_longer_than_2000_is_refused(gig: Any, firm_owner: Any) -> None:
    with pytest.raises(ValidationFailed) as info:
        invitation_send(
            gig=gig, by=firm_owner, freelancer_profile=public_profile(), message="x" * 2001
        )
    assert list(info.value.details) == ["message"]
    assert Invitation.objects.count() == 0


def test_freelancer_declines(gig: Any) -> None:
    invitation = InvitationFactory.create(gig=gig)
    declined = invitation_decline(invitation=invitation, by=invitation.freelancer.user)
    assert declined.status == "declined"
    assert declined.responded_at is not None


def test_only_the_invited_freelancer_declines(gig: Any, firm_owner: Any, stranger: Any) -> None:
    invitation = InvitationFactory.create(gig=gig)
    for user in (firm_owner, stranger):
        with pytest.raises(Forbidden):
            invitation_decline(invitation=invitation, by=user)
    invitation.refresh_from_db()
    assert invitation.status == "pending"


def test_firm_member_revokes(gig: Any, firm: Any) -> None:
    invitation = InvitationFactory.create(gig=gig)
    assert invitation_revoke(invitation=invitation, by=member_of(firm)).status == "revoked"


def test_only_firm_members_revoke(gig: Any, stranger: Any) -> None:
    invitation = InvitationFactory.create(gig=gig)
    for user in (invitation.freelancer.user, stranger):
        with pytest.raises(Forbidden):
            invitation_revoke(invitation=invitation, by=user)
    invitation.refresh_from_db()
    assert invitation.status == "pending"


@pytest.mark.parametrize("status", ["declined", "revoked", "proposed"])
def test_answered_invitation_cannot_be_answered_again(
    gig: Any, firm_owner: Any, status: str
) -> None:
    invitation = InvitationFactory.create(gig=gig, status=status)
    with pytest.raises(Conflict) as info:
        invitation_decline(invitation=invitation, by=invitation.freelancer.user)
    assert info.value.details == {"status": status}
    with pytest.raises(Conflict):
        invitation_revoke(invitation=invitation, by=firm_owner)
    invitation.refresh_from_db()
    assert (invitation.status, invitation.responded_at) == (status, None)


def test_proposing_marks_a_pending_invitation_proposed(gig: Any) -> None:
    invitation = InvitationFactory.create(gig=gig)
    other = InvitationFactory.create(gig=gig)
    proposal_submit(
        gig=gig,
        by=invitation.freelancer.user,
        cover_letter="Happy to help.",
        price_minor=300_000,
        currency="EUR",
        estimated_duration_days=20,
    )
    invitation.refresh_from_db()
    other.refresh_from_db()
    assert invitation.status == "proposed"
    assert invitation.responded_at is not None
    assert other.status == "pending"
