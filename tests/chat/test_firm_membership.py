"""Firm members and conversations: joining a firm joins its conversations; leaving leaves them,
open sockets included. Transactional: the firms services emit their event after commit."""

from __future__ import annotations

from typing import Any

import pytest
from channels.db import database_sync_to_async

from chat.conversations import conversation_start_for_gig
from chat.models import Notification, Participant
from chat.services import message_send
from common.errors import NotFound
from marketplace.events import firm_membership_changed
from marketplace.firms.services import firm_member_add, firm_member_remove
from tests.chat.conftest import Inquiry
from tests.chat.ws import drain, open_socket, receive, send, subscribe
from tests.conftest import client_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _members(inquiry: Inquiry) -> list[int]:
    return sorted(
        Participant.objects.filter(conversation=inquiry.conversation).values_list(
            "user_id", flat=True
        )
    )


def test_the_firms_services_emit_joined_and_left(live_inquiry: Inquiry) -> None:
    heard: list[dict[str, Any]] = []

    def listen(sender: Any, **payload: Any) -> None:
        payload.pop("signal")
        heard.append(payload)

    firm_membership_changed.connect(listen, dispatch_uid="test.listen")
    try:
        newcomer = UserFactory.create()
        firm_member_add(
            firm=live_inquiry.firm, by=live_inquiry.owner, email=newcomer.email, role="member"
        )
        firm_member_remove(firm=live_inquiry.firm, by=live_inquiry.owner, user_id=newcomer.id)
    finally:
        firm_membership_changed.disconnect(dispatch_uid="test.listen")

    firm_id = live_inquiry.firm.id
    assert heard == [
        {"firm_id": firm_id, "user_id": newcomer.id, "change": "joined"},
        {"firm_id": firm_id, "user_id": newcomer.id, "change": "left"},
    ]


def test_a_new_member_joins_the_firms_existing_conversations(live_inquiry: Inquiry) -> None:
    message_send(
        conversation_id=live_inquiry.conversation.id,
        by=live_inquiry.freelancer,
        text="Is the gig still open?",
        client_message_id="q-1",
    )
    newcomer = UserFactory.create()

    firm_member_add(
        firm=live_inquiry.firm, by=live_inquiry.owner, email=newcomer.email, role="member"
    )

    assert newcomer.id in _members(live_inquiry)
    rows = client_for(newcomer).get("/api/v1/conversations/").json()["results"]
    assert [(r["id"], r["unread_count"]) for r in rows] == [(live_inquiry.conversation.id, 1)]


def test_a_leaver_loses_the_conversations_and_their_unread_notifications(
    live_inquiry: Inquiry,
) -> None:
    cid = live_inquiry.conversation.id
    message_send(conversation_id=cid, by=live_inquiry.freelancer, text="hi", client_message_id="1")
    assert Notification.objects.filter(user=live_inquiry.member).count() == 1

    firm_member_remove(
        firm=live_inquiry.firm, by=live_inquiry.owner, user_id=live_inquiry.member.id
    )

    assert _members(live_inquiry) == sorted([live_inquiry.freelancer.id, live_inquiry.owner.id])
    assert Notification.objects.filter(user=live_inquiry.member).count() == 0
    api = client_for(live_inquiry.member)
    assert api.get(f"/api/v1/conversations/{cid}/").status_code == 404
    assert api.get(f"/api/v1/conversations/{cid}/messages/").status_code == 404
    with pytest.raises(NotFound):
        message_send(conversation_id=cid, by=live_inquiry.member, text="x", client_message_id="2")


def test_a_member_who_had_inquired_keeps_their_own_inquiry_when_leaving(
    live_inquiry: Inquiry,
) -> None:
    # Given someone who asked the firm about a gig, then joined the firm and left it again
    asker = live_inquiry.freelancer
    firm_member_add(firm=live_inquiry.firm, by=live_inquiry.owner, email=asker.email, role="member")
    firm_member_remove(firm=live_inquiry.firm, by=live_inquiry.owner, user_id=asker.id)

    # Then they are still in their inquiry (as the asker), once
    assert _members(live_inquiry).count(asker.id) == 1
    again, created = conversation_start_for_gig(gig_id=live_inquiry.gig.id, by=asker)
    assert (again.id, created) == (live_inquiry.conversation.id, False)


@pytest.mark.anyio
async def test_a_leavers_open_socket_stops_receiving_the_conversation_at_once(
    live_inquiry: Inquiry,
) -> None:
    cid = live_inquiry.conversation.id
    member = await open_socket(live_inquiry.member)
    freelancer = await open_socket(live_inquiry.freelancer)
    await subscribe(member, cid)

    # When the owner removes the member while their socket is subscribed
    await database_sync_to_async(firm_member_remove)(
        firm=live_inquiry.firm, by=live_inquiry.owner, user_id=live_inquiry.member.id
    )
    removed = await receive(member, "conversation_removed")
    # and the freelancer writes right after
    await send(freelancer, type="send", conversation_id=cid, client_message_id="a", text="psst")
    await receive(freelancer, "ack")

    # Then the member's socket got the removal and nothing more from the conversation
    assert removed == {"type": "conversation_removed", "conversation_ids": [cid]}
    assert [f for f in await drain(member) if f.get("conversation_id") == cid] == []
    # and what it asks of the conversation now is refused
    await send(member, type="typing", conversation_id=cid)
    assert (await receive(member, "error"))["code"] == "not_found"
    await send(member, type="send", conversation_id=cid, client_message_id="b", text="still?")
    assert (await receive(member, "error"))["code"] == "not_found"
    await member.disconnect()
    await freelancer.disconnect()


@pytest.mark.anyio
async def test_a_joiners_socket_hears_of_the_conversations_it_joined(
    live_inquiry: Inquiry,
) -> None:
    newcomer = await database_sync_to_async(UserFactory.create)()
    socket = await open_socket(newcomer)

    await database_sync_to_async(firm_member_add)(
        firm=live_inquiry.firm, by=live_inquiry.owner, email=newcomer.email, role="member"
    )

    added = await receive(socket, "conversation_added")
    assert added == {
        "type": "conversation_added",
        "conversation_ids": [live_inquiry.conversation.id],
    }
    await subscribe(socket, live_inquiry.conversation.id)  # allowed now
    await socket.disconnect()
