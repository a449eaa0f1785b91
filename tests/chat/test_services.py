"""Chat services: conversations, idempotent sends, caps, read markers, reports, moderation."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import override_settings

from chat.conversations import (
    conversation_for_contract,
    conversation_for_proposal,
    conversation_start_for_gig,
)
from chat.models import Conversation, Message, Notification, Participant
from chat.services import (
    message_hide,
    message_mark_read,
    message_report,
    message_send,
)
from common.errors import Conflict, Forbidden, NotFound, RateLimited, ValidationFailed
from marketplace.moderation.models import ModerationAction, Report
from tests.chat.conftest import Inquiry
from tests.factories import UserFactory, moderator_create
from tests.factories_flow import ContractFactory, ProposalFactory, member_of

pytestmark = pytest.mark.django_db


def _member_ids(conversation: Conversation) -> set[int]:
    return set(
        Participant.objects.filter(conversation=conversation).values_list("user_id", flat=True)
    )


def test_an_inquiry_joins_the_asker_and_every_member_of_the_firm(inquiry: Inquiry) -> None:
    assert inquiry.conversation.kind == "gig_inquiry"
    assert inquiry.conversation.title == inquiry.gig.title
    assert _member_ids(inquiry.conversation) == {
        inquiry.freelancer.id,
        inquiry.owner.id,
        inquiry.member.id,
    }


def test_asking_again_returns_the_same_inquiry(inquiry: Inquiry) -> None:
    again, created = conversation_start_for_gig(gig_id=inquiry.gig.id, by=inquiry.freelancer)

    assert (again.id, created) == (inquiry.conversation.id, False)
    assert Conversation.objects.count() == 1


def test_a_firm_member_cannot_inquire_on_their_own_gig(inquiry: Inquiry) -> None:
    with pytest.raises(Forbidden) as refused:
        conversation_start_for_gig(gig_id=inquiry.gig.id, by=inquiry.member)

    assert refused.value.code == "own_gig"
    assert Conversation.objects.count() == 1


def test_a_closed_gig_takes_no_new_inquiry(inquiry: Inquiry) -> None:
    inquiry.gig.status = "closed"
    inquiry.gig.save()

    with pytest.raises((Conflict, NotFound)):
        conversation_start_for_gig(gig_id=inquiry.gig.id, by=inquiry.stranger)
    assert Conversation.objects.count() == 1


def test_a_proposal_conversation_joins_its_freelancer_and_the_firm() -> None:
    proposal = ProposalFactory.create()
    owner = member_of(proposal.gig.firm, role="owner")

    conversation, created = conversation_for_proposal(proposal_id=proposal.id, by=owner)

    assert created
    assert _member_ids(conversation) == {owner.id, proposal.freelancer.user_id}


def test_a_stranger_cannot_open_a_proposal_conversation() -> None:
    proposal = ProposalFactory.create()

    with pytest.raises(NotFound):
        conversation_for_proposal(proposal_id=proposal.id, by=UserFactory.create(is_staff=True))
    assert Conversation.objects.count() == 0


def test_a_contract_conversation_is_made_once() -> None:
    contract = ContractFactory.create()
    owner = member_of(contract.firm, role="owner")

    first, created = conversation_for_contract(contract_id=contract.id)
    second, created_again = conversation_for_contract(contract_id=contract.id)

    assert (created, created_again) == (True, False)
    assert first.id == second.id
    assert _member_ids(first) == {owner.id, contract.freelancer.user_id}


def test_send_persists_once_per_client_message_id(inquiry: Inquiry) -> None:
    # Given a message sent once
    first, created = message_send(
        conversation_id=inquiry.conversation.id,
        by=inquiry.freelancer,
        text="Is the budget flexible?",
        client_message_id="c-1",
    )

    # When the client resends it after a reconnect
    again, created_again = message_send(
        conversation_id=inquiry.conversation.id,
        by=inquiry.freelancer,
        text="Is the budget flexible?",
        client_message_id="c-1",
    )

    # Then it is the same message, stored once, and each firm member has one unread notice
    assert (created, created_again) == (True, False)
    assert again.id == first.id
    assert Message.objects.count() == 1
    assert sorted(Notification.objects.values_list("user_id", "kind")) == sorted(
        [(inquiry.owner.id, "message"), (inquiry.member.id, "message")]
    )


def test_a_second_unread_message_adds_no_second_notification(inquiry: Inquiry) -> None:
    for n in range(3):
        message_send(
            conversation_id=inquiry.conversation.id,
            by=inquiry.freelancer,
            text=f"message {n}",
            client_message_id=f"c-{n}",
        )

    assert Notification.objects.filter(user=inquiry.owner).count() == 1


@pytest.mark.parametrize(
    ("text", "extra", "code"),
    [
        ("x" * 8193, {}, "message_too_long"),
        ("é" * 4097, {}, "message_too_long"),  # 8194 bytes of UTF-8
        ("   ", {}, "message_empty"),
        ("hi", {"attachments": [{"url": "http://x.test/a.png"}]}, "invalid_frame"),
        ("hi", {"client_message_id": ""}, "invalid_frame"),
    ],
)
def test_send_refuses_bad_messages(
    inquiry: Inquiry, text: str, extra: dict[str, Any], code: str
) -> None:
    kwargs: dict[str, Any] = {"client_message_id": "c-1", **extra}
    with pytest.raises(ValidationFailed) as refused:
        message_send(
            conversation_id=inquiry.conversation.id, by=inquiry.freelancer, text=text, **kwargs
        )

    assert refused.value.code == code
    assert Message.objects.count() == 0


def test_the_text_cap_is_inclusive(inquiry: Inquiry) -> None:
    message, created = message_send(
        conversation_id=inquiry.conversation.id,
        by=inquiry.freelancer,
        text="x" * 8192,
        client_message_id="c-1",
    )

    assert created
    assert len(message.text) == 8192


def test_a_stranger_cannot_send(inquiry: Inquiry) -> None:
    with pytest.raises(NotFound):
        message_send(
            conversation_id=inquiry.conversation.id,
            by=inquiry.stranger,
            text="hello",
            client_message_id="c-1",
        )
    assert Message.objects.count() == 0


@override_settings(CHAT_RATE_LIMIT_MESSAGES=3, CHAT_RATE_LIMIT_WINDOW_SECONDS=3600)
def test_sending_is_rate_limited_per_user(inquiry: Inquiry) -> None:
    for n in range(3):
        message_send(
            conversation_id=inquiry.conversation.id,
            by=inquiry.freelancer,
            text="spam",
            client_message_id=f"c-{n}",
        )

    with pytest.raises(RateLimited):
        message_send(
            conversation_id=inquiry.conversation.id,
            by=inquiry.freelancer,
            text="spam",
            client_message_id="c-3",
        )
    assert Message.objects.count() == 3


def test_reading_moves_the_marker_forward_only_and_clears_the_notification(
    inquiry: Inquiry,
) -> None:
    # Given two messages to the owner
    ids = [
        message_send(
            conversation_id=inquiry.conversation.id,
            by=inquiry.freelancer,
            text=f"m{n}",
            client_message_id=f"c-{n}",
        )[0].id
        for n in range(2)
    ]

    # When the owner reads the first, then everything, then the first again
    partial = message_mark_read(
        conversation_id=inquiry.conversation.id, by=inquiry.owner, message_id=ids[0]
    )
    unread = Notification.objects.get(user=inquiry.owner).read_at
    full = message_mark_read(
        conversation_id=inquiry.conversation.id, by=inquiry.owner, message_id=ids[1]
    )
    back = message_mark_read(
        conversation_id=inquiry.conversation.id, by=inquiry.owner, message_id=ids[0]
    )

    # Then the marker only moves forward; the notification is read once all is read
    assert (partial, full, back) == (ids[0], ids[1], ids[1])
    assert unread is None
    assert Notification.objects.get(user=inquiry.owner).read_at is not None


def test_a_stranger_cannot_mark_read(inquiry: Inquiry) -> None:
    with pytest.raises(NotFound):
        message_mark_read(
            conversation_id=inquiry.conversation.id, by=inquiry.stranger, message_id=1
        )


def test_a_participant_reports_a_message_once(inquiry: Inquiry) -> None:
    message, _ = message_send(
        conversation_id=inquiry.conversation.id,
        by=inquiry.freelancer,
        text="rude",
        client_message_id="c",
    )

    report = message_report(message_id=message.id, by=inquiry.owner, reason="Insulting")
    with pytest.raises(Conflict) as again:
        message_report(message_id=message.id, by=inquiry.owner, reason="Insulting")

    assert (report.kind, report.object_id, report.text) == ("message", message.id, "Insulting")
    assert again.value.code == "already_reported"
    assert Report.objects.count() == 1


def test_a_stranger_cannot_report(inquiry: Inquiry) -> None:
    message, _ = message_send(
        conversation_id=inquiry.conversation.id,
        by=inquiry.freelancer,
        text="hi",
        client_message_id="c",
    )

    with pytest.raises(NotFound):
        message_report(message_id=message.id, by=inquiry.stranger, reason="?")
    assert Report.objects.count() == 0


def test_a_moderator_hides_a_message_and_resolves_its_reports(inquiry: Inquiry) -> None:
    message, _ = message_send(
        conversation_id=inquiry.conversation.id,
        by=inquiry.freelancer,
        text="rude",
        client_message_id="c",
    )
    message_report(message_id=message.id, by=inquiry.owner, reason="Insulting")
    moderator = moderator_create()

    hidden = message_hide(message=message, by=moderator, reason="Insults")

    assert hidden.hidden_by_moderation
    report = Report.objects.get()
    assert (report.status, report.resolution, report.resolved_by) == ("upheld", "hide", moderator)
    entry = ModerationAction.objects.get()
    assert (entry.action, entry.target, entry.actor, entry.reason) == (
        "hide",
        hidden,
        moderator,
        "Insults",
    )


def test_only_moderators_hide_messages(inquiry: Inquiry) -> None:
    message, _ = message_send(
        conversation_id=inquiry.conversation.id,
        by=inquiry.freelancer,
        text="rude",
        client_message_id="c",
    )

    with pytest.raises(Forbidden):
        message_hide(message=message, by=inquiry.owner, reason="mine")
    message.refresh_from_db()
    assert not message.hidden_by_moderation
