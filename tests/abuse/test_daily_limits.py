"""Per-user daily limits (ASVS 11.1.3, OWASP API6): proposals, invitations and chat messages
answer 429 with a stable code past the limit, and racing requests cannot pass it."""

from __future__ import annotations

from datetime import timedelta
from functools import partial
from typing import Any

import pytest
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from chat.models import Message
from chat.services import message_send
from common.errors import DomainError
from marketplace.proposals.models import Invitation, Proposal
from marketplace.proposals.services import invitation_send, proposal_submit
from tests.abuse.race import race
from tests.chat.conftest import make_inquiry
from tests.conftest import client_for
from tests.factories import FirmMembershipFactory
from tests.factories_flow import open_gig, public_profile

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs row locks"),
]

TERMS: dict[str, Any] = {
    "cover_letter": "I built three shops like yours.",
    "price_minor": 300_000,
    "currency": "EUR",
    "estimated_duration_days": 30,
}


def _codes(outcomes: list[Any]) -> list[str]:
    return sorted(o.code if isinstance(o, DomainError) else "ok" for o in outcomes)


@override_settings(MARKETPLACE_PROPOSALS_PER_DAY=3)
def test_racing_proposals_on_many_gigs_stop_at_the_daily_limit() -> None:
    # Given a freelancer allowed 3 proposals a day and 8 open gigs
    firm = FirmMembershipFactory.create().firm
    gigs = [open_gig(firm=firm) for _ in range(8)]
    user = public_profile().user

    # When 8 proposals, one per gig, are sent at the same instant
    outcomes = race([partial(proposal_submit, gig=gig, by=user, **TERMS) for gig in gigs])

    # Then 3 were written and 5 refused with the quota's code
    assert _codes(outcomes) == ["ok"] * 3 + ["proposal_quota_exceeded"] * 5
    assert Proposal.objects.filter(freelancer__user=user).count() == 3


@override_settings(MARKETPLACE_PROPOSALS_PER_DAY=2)
def test_proposal_quota_answers_429_counts_withdrawn_ones_and_rolls_over() -> None:
    firm = FirmMembershipFactory.create().firm
    gigs = [open_gig(firm=firm) for _ in range(4)]
    user = public_profile().user
    client = client_for(user)

    def send(gig: Any) -> Any:
        return client.post(f"/api/v1/gigs/{gig.id}/proposals/", TERMS, format="json")

    first = send(gigs[0])
    assert first.status_code == 201
    # A withdrawn proposal still counts: sending and withdrawing cannot spray firms
    withdrawn = client.post(f"/api/v1/proposals/{first.json()['id']}/withdraw/")
    assert withdrawn.status_code == 200
    assert send(gigs[1]).status_code == 201

    refused = send(gigs[2])
    assert refused.status_code == 429
    assert refused.json() == {
        "code": "proposal_quota_exceeded",
        "message": "You have sent the most proposals allowed today; try again tomorrow.",
        "details": {"limit": 2},
    }
    assert not Proposal.objects.filter(gig=gigs[2]).exists()

    # A day later the oldest ones have left the rolling window
    Proposal.objects.update(created_at=timezone.now() - timedelta(days=1, seconds=1))
    assert send(gigs[3]).status_code == 201


@override_settings(MARKETPLACE_INVITATIONS_PER_DAY=2)
def test_racing_invitations_stop_at_the_daily_limit_per_member() -> None:
    # Given a firm member allowed 2 invitations a day, one gig and 6 public freelancers
    owner = FirmMembershipFactory.create()
    gig = open_gig(firm=owner.firm)
    profiles = [public_profile() for _ in range(6)]

    # When 6 invitations are sent at the same instant
    outcomes = race(
        [partial(invitation_send, gig=gig, by=owner.user, freelancer_profile=p) for p in profiles]
    )

    # Then 2 were written and 4 refused with the quota's code
    assert _codes(outcomes) == ["invitation_quota_exceeded"] * 4 + ["ok"] * 2
    assert Invitation.objects.filter(invited_by=owner.user).count() == 2


@override_settings(MARKETPLACE_INVITATIONS_PER_DAY=1)
def test_invitation_quota_answers_429_and_is_per_member() -> None:
    owner = FirmMembershipFactory.create()
    colleague = FirmMembershipFactory.create(firm=owner.firm, role="member")
    gig = open_gig(firm=owner.firm)
    url = f"/api/v1/gigs/{gig.id}/invitations/"
    first, second, third = (public_profile() for _ in range(3))

    assert client_for(owner.user).post(url, {"freelancer": first.slug}).status_code == 201
    refused = client_for(owner.user).post(url, {"freelancer": second.slug})
    assert refused.status_code == 429
    assert refused.json()["code"] == "invitation_quota_exceeded"
    assert refused.json()["details"] == {"limit": 1}
    assert not Invitation.objects.filter(freelancer=second).exists()
    # Another member of the firm has a budget of their own
    assert client_for(colleague.user).post(url, {"freelancer": third.slug}).status_code == 201


@override_settings(CHAT_RATE_LIMIT_MESSAGES=4, CHAT_RATE_LIMIT_WINDOW_SECONDS=3600)
def test_racing_chat_messages_stop_at_the_rate_limit() -> None:
    # Given a conversation and a sender allowed 4 messages per window (one atomic Redis INCR
    # per message, shared by every socket and process of the user)
    inquiry = make_inquiry()

    def send(n: int) -> Any:
        return message_send(
            conversation_id=inquiry.conversation.id,
            by=inquiry.freelancer,
            text=f"spam {n}",
            client_message_id=f"c-{n}",
        )

    # When 10 messages race
    outcomes = race([partial(send, n) for n in range(10)])

    # Then 4 were stored and 6 refused with `rate_limited`
    assert _codes(outcomes) == ["ok"] * 4 + ["rate_limited"] * 6
    assert Message.objects.filter(author=inquiry.freelancer).count() == 4
