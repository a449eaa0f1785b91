"""Notifications from marketplace and payments events, their live push, REST, and the digest.

Celery runs eagerly here (the non-production default): the digest task is called with an
explicit `now`, which tests "after N minutes" without waiting or a beat process; the task
code, its query and the outbox email are the same a worker runs.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from channels.db import database_sync_to_async
from django.core import mail
from django.utils import timezone

from chat.models import Conversation, Notification, NotificationPreference
from chat.services import message_mark_read, message_send
from chat.tasks import notification_digest_send_due
from marketplace.accounts.models import OutboundEmail
from marketplace.contracts.models import Milestone
from marketplace.events import milestone_added
from marketplace.proposals.services import (
    invitation_send,
    proposal_accept,
    proposal_shortlist,
    proposal_submit,
)
from payments.events import milestone_payment_changed
from tests.chat.conftest import Inquiry, make_inquiry
from tests.chat.ws import open_socket, receive
from tests.conftest import client_for
from tests.factories import FirmMembershipFactory
from tests.factories_flow import member_of, open_gig, public_profile

pytestmark = pytest.mark.django_db(transaction=True)


def _kinds(user: Any) -> list[tuple[str, str]]:
    return sorted(
        (n.kind, n.payload.get("status", n.payload.get("state", "")))
        for n in Notification.objects.filter(user=user)
    )


def test_the_hiring_flow_notifies_each_side() -> None:
    # Given a firm with two members and a freelancer
    owner = FirmMembershipFactory.create(role="owner").user
    colleague = member_of(owner.firms.get())
    gig = open_gig(firm=owner.firms.get())
    profile = public_profile()
    freelancer = profile.user

    # When the firm invites, the freelancer proposes, the firm shortlists and hires
    invitation_send(gig=gig, by=owner, freelancer_profile=profile)
    proposal = proposal_submit(
        gig=gig,
        by=freelancer,
        cover_letter="I can do it.",
        price_minor=100_000,
        currency=gig.currency,
        estimated_duration_days=10,
    )
    proposal_shortlist(proposal=proposal, by=owner)
    contract = proposal_accept(proposal=proposal, by=owner)

    # Then each heard what concerns them, and the contract has its conversation
    assert _kinds(freelancer) == [
        ("contract", "active"),
        ("invitation", "pending"),
        ("proposal", "accepted"),
        ("proposal", "shortlisted"),
    ]
    assert _kinds(owner) == _kinds(colleague) == [("contract", "active"), ("proposal", "submitted")]
    conversation = Conversation.objects.get(contract=contract)
    assert set(conversation.participants.values_list("id", flat=True)) == {
        owner.id,
        colleague.id,
        freelancer.id,
    }


def test_milestone_and_payment_events_notify_both_sides() -> None:
    from tests.factories_flow import MilestoneFactory

    milestone: Milestone = MilestoneFactory.create()
    owner = member_of(milestone.contract.firm, role="owner")
    freelancer = milestone.contract.freelancer.user

    milestone_added.send(sender=None, milestone_id=milestone.id, contract_id=milestone.contract_id)
    for _ in range(2):  # a redelivered event notifies once
        milestone_payment_changed.send(
            sender=None,
            milestone_id=milestone.id,
            contract_id=milestone.contract_id,
            state="funded",
            previous_state="awaiting_funding",
        )

    for user in (owner, freelancer):
        assert _kinds(user) == [("milestone", ""), ("payment", "funded")]


@pytest.mark.anyio
async def test_a_notification_is_pushed_live(anyio_backend: str) -> None:
    owner = await database_sync_to_async(lambda: FirmMembershipFactory.create(role="owner").user)()
    gig = await database_sync_to_async(lambda: open_gig(firm=owner.firms.get()))()
    profile = await database_sync_to_async(public_profile)()
    socket = await open_socket(profile.user)

    await database_sync_to_async(invitation_send)(gig=gig, by=owner, freelancer_profile=profile)

    frame = await receive(socket, "notification")
    assert frame["kind"] == "invitation"
    assert frame["payload"]["gig_id"] == gig.id
    assert frame["payload"]["gig_title"] == gig.title
    await socket.disconnect()


def test_notifications_list_and_mark_read(inquiry_committed: Inquiry) -> None:
    inquiry = inquiry_committed
    message_send(
        conversation_id=inquiry.conversation.id,
        by=inquiry.freelancer,
        text="hi",
        client_message_id="1",
    )
    api = client_for(inquiry.owner)

    listed = api.get("/api/v1/notifications/").json()["results"]
    one = api.post(f"/api/v1/notifications/{listed[0]['id']}/read/")
    stranger = client_for(inquiry.stranger).post(f"/api/v1/notifications/{listed[0]['id']}/read/")
    everything = client_for(inquiry.member).post("/api/v1/notifications/read-all/")

    assert [(n["kind"], n["payload"]["conversation_id"]) for n in listed] == [
        ("message", inquiry.conversation.id)
    ]
    assert one.json()["read_at"] is not None
    assert stranger.status_code == 404
    assert everything.json() == {"marked": 1}


def test_preferences_round_trip(inquiry_committed: Inquiry) -> None:
    api = client_for(inquiry_committed.owner)

    before = api.get("/api/v1/notification-preferences/").json()
    changed = api.patch(
        "/api/v1/notification-preferences/", {"email_message": False, "digest_delay_minutes": 30}
    )

    assert before["email_message"] is True
    assert before["digest_delay_minutes"] is None
    assert changed.json()["email_message"] is False
    assert (
        NotificationPreference.objects.get(user=inquiry_committed.owner).digest_delay_minutes == 30
    )


# --- digest -----------------------------------------------------------------------------------


@pytest.fixture
def inquiry_committed(transactional_db: Any) -> Inquiry:
    return make_inquiry()


def _digest(at: Any) -> int:
    return int(notification_digest_send_due.delay(now=at.isoformat()).get())


def test_the_digest_is_sent_once_after_the_delay(inquiry_committed: Inquiry) -> None:
    # Given an unread message to the two firm members
    inquiry = inquiry_committed
    message, _ = message_send(
        conversation_id=inquiry.conversation.id,
        by=inquiry.freelancer,
        text="hi",
        client_message_id="1",
    )
    sent = message.created_at

    # When the digest runs 9 minutes later, then 11, then again
    early = _digest(sent + timedelta(minutes=9))
    due = _digest(sent + timedelta(minutes=11))
    again = _digest(sent + timedelta(minutes=12))

    # Then one email each, only once the 10 minutes had passed
    assert (early, due, again) == (0, 2, 0)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [inquiry.owner.email, inquiry.member.email]
    )
    assert "1 unread message" in mail.outbox[0].body
    assert inquiry.gig.title in mail.outbox[0].body
    assert OutboundEmail.objects.filter(template="chat/digest").count() == 2


def test_no_digest_for_what_was_read_in_time(inquiry_committed: Inquiry) -> None:
    inquiry = inquiry_committed
    message, _ = message_send(
        conversation_id=inquiry.conversation.id,
        by=inquiry.freelancer,
        text="hi",
        client_message_id="1",
    )
    message_mark_read(
        conversation_id=inquiry.conversation.id, by=inquiry.owner, message_id=message.id
    )

    emails = _digest(message.created_at + timedelta(minutes=11))

    assert emails == 1
    assert [m.to[0] for m in mail.outbox] == [inquiry.member.email]


def test_the_digest_follows_preferences_and_language(inquiry_committed: Inquiry) -> None:
    # Given the owner turned message emails off, and the member reads German after 30 minutes
    inquiry = inquiry_committed
    NotificationPreference.objects.create(user=inquiry.owner, email_message=False)
    NotificationPreference.objects.create(user=inquiry.member, digest_delay_minutes=30)
    inquiry.member.language = "de"
    inquiry.member.save()
    message, _ = message_send(
        conversation_id=inquiry.conversation.id,
        by=inquiry.freelancer,
        text="hi",
        client_message_id="1",
    )

    at_11 = _digest(message.created_at + timedelta(minutes=11))
    at_31 = _digest(message.created_at + timedelta(minutes=31))

    assert (at_11, at_31) == (0, 1)
    assert [m.to[0] for m in mail.outbox] == [inquiry.member.email]
    html = OutboundEmail.objects.get().body_html
    assert '<html lang="de">' in html


def test_the_beat_schedule_runs_the_digest_every_minute() -> None:
    from config.celery import app

    entry = app.conf.beat_schedule["chat-notification-digest"]
    assert entry == {"task": "chat.tasks.notification_digest_send_due", "schedule": 60.0}
    assert notification_digest_send_due.name == entry["task"]
    assert timezone.now()  # the task defaults to now when beat calls it without arguments
    assert notification_digest_send_due.delay().get() == 0
