"""The chat websocket through the real ASGI application and the Redis channel layer."""

from __future__ import annotations

import json

import pytest
from channels.db import database_sync_to_async
from django.test import override_settings

from chat.models import Message
from chat.services import message_hide
from tests.chat.conftest import Inquiry
from tests.chat.ws import connect, drain, open_socket, receive, send, subscribe
from tests.factories import moderator_create

pytestmark = [pytest.mark.anyio, pytest.mark.django_db(transaction=True)]


async def test_two_users_chat_live(live_inquiry: Inquiry) -> None:
    # Given the freelancer and the firm owner subscribed to their inquiry
    cid = live_inquiry.conversation.id
    freelancer = await open_socket(live_inquiry.freelancer)
    owner = await open_socket(live_inquiry.owner)
    await subscribe(freelancer, cid)
    await subscribe(owner, cid)

    # When the freelancer sends a message
    await send(freelancer, type="send", conversation_id=cid, client_message_id="c-1", text="Hi!")

    # Then the freelancer gets an ack, and the owner the message, with its persisted id
    ack = await receive(freelancer, "ack")
    got = await receive(owner, "message")
    stored = await database_sync_to_async(Message.objects.get)()
    assert ack["message_id"] == got["id"] == stored.id
    assert ack["duplicate"] is False
    assert (got["text"], got["author_id"], got["client_message_id"]) == (
        "Hi!",
        live_inquiry.freelancer.id,
        "c-1",
    )
    await freelancer.disconnect()
    await owner.disconnect()


async def test_a_resent_client_message_id_is_acked_and_not_duplicated(
    live_inquiry: Inquiry,
) -> None:
    cid = live_inquiry.conversation.id
    freelancer = await open_socket(live_inquiry.freelancer)
    owner = await open_socket(live_inquiry.owner)
    await subscribe(owner, cid)
    await send(freelancer, type="send", conversation_id=cid, client_message_id="c-1", text="Hi")
    first = await receive(freelancer, "ack")
    await receive(owner, "message")

    # When the same client message id is sent again (as after a reconnect)
    await send(freelancer, type="send", conversation_id=cid, client_message_id="c-1", text="Hi")

    # Then the ack names the first message, and nobody receives it a second time
    again = await receive(freelancer, "ack")
    assert (again["message_id"], again["duplicate"]) == (first["message_id"], True)
    assert [f for f in await drain(owner) if f["type"] == "message"] == []
    assert await database_sync_to_async(Message.objects.count)() == 1
    await freelancer.disconnect()
    await owner.disconnect()


async def test_typing_reaches_the_others_but_not_the_typist(live_inquiry: Inquiry) -> None:
    cid = live_inquiry.conversation.id
    freelancer = await open_socket(live_inquiry.freelancer)
    owner = await open_socket(live_inquiry.owner)
    await subscribe(freelancer, cid)
    await subscribe(owner, cid)

    await send(freelancer, type="typing", conversation_id=cid)

    typing = await receive(owner, "typing")
    assert typing == {
        "type": "typing",
        "conversation_id": cid,
        "user_id": live_inquiry.freelancer.id,
        "is_typing": True,
    }
    assert [f for f in await drain(freelancer) if f["type"] == "typing"] == []
    await freelancer.disconnect()
    await owner.disconnect()


async def test_read_receipts_reach_the_conversation(live_inquiry: Inquiry) -> None:
    cid = live_inquiry.conversation.id
    freelancer = await open_socket(live_inquiry.freelancer)
    owner = await open_socket(live_inquiry.owner)
    await subscribe(freelancer, cid)
    await subscribe(owner, cid)
    await send(freelancer, type="send", conversation_id=cid, client_message_id="c-1", text="Hi")
    message = await receive(owner, "message")

    await send(owner, type="read", conversation_id=cid, message_id=message["id"])

    receipt = await receive(freelancer, "read")
    assert receipt == {
        "type": "read",
        "conversation_id": cid,
        "user_id": live_inquiry.owner.id,
        "message_id": message["id"],
    }
    assert (await receive(owner, "read_ok"))["message_id"] == message["id"]
    await freelancer.disconnect()
    await owner.disconnect()


async def test_presence_online_then_last_seen(live_inquiry: Inquiry) -> None:
    cid = live_inquiry.conversation.id
    owner = await open_socket(live_inquiry.owner)
    await subscribe(owner, cid)
    freelancer = await open_socket(live_inquiry.freelancer)
    await subscribe(freelancer, cid)

    # The owner hears the freelancer come online, and can ask who is online
    came = await receive(owner, "presence")
    await send(owner, type="presence", conversation_id=cid)
    state = await receive(owner, "presence_state")
    online = {u["user_id"]: u["online"] for u in state["users"]}

    # When the freelancer's socket closes, the owner hears it, with a last-seen time
    await freelancer.disconnect()
    left = await receive(owner, "presence")

    assert (came["user_id"], came["online"]) == (live_inquiry.freelancer.id, True)
    assert online == {
        live_inquiry.freelancer.id: True,
        live_inquiry.owner.id: True,
        live_inquiry.member.id: False,
    }
    assert (left["user_id"], left["online"]) == (live_inquiry.freelancer.id, False)
    assert left["last_seen"] is not None
    await owner.disconnect()


async def test_catch_up_after_a_reconnect_delivers_everything_missed(
    live_inquiry: Inquiry,
) -> None:
    # Given the owner saw the first message, then went away
    cid = live_inquiry.conversation.id
    freelancer = await open_socket(live_inquiry.freelancer)
    owner = await open_socket(live_inquiry.owner)
    await subscribe(owner, cid)
    await send(freelancer, type="send", conversation_id=cid, client_message_id="c-0", text="m0")
    seen = await receive(owner, "message")
    await owner.disconnect()

    # When three more are sent while the owner is away, and the owner reconnects
    for n in range(1, 4):
        await send(
            freelancer, type="send", conversation_id=cid, client_message_id=f"c-{n}", text=f"m{n}"
        )
        await receive(freelancer, "ack")
    owner = await open_socket(live_inquiry.owner)
    missed = await subscribe(owner, cid, after_id=seen["id"])

    # Then exactly the missed ones arrive, in order, and live ones follow without repeats
    assert [m["text"] for m in missed] == ["m1", "m2", "m3"]
    await send(freelancer, type="send", conversation_id=cid, client_message_id="c-4", text="m4")
    assert (await receive(owner, "message"))["text"] == "m4"
    assert [f for f in await drain(owner) if f["type"] == "message"] == []
    await freelancer.disconnect()
    await owner.disconnect()


async def test_a_hidden_message_is_not_delivered(live_inquiry: Inquiry) -> None:
    cid = live_inquiry.conversation.id
    freelancer = await open_socket(live_inquiry.freelancer)
    owner = await open_socket(live_inquiry.owner)
    await subscribe(owner, cid)
    for n in range(2):
        await send(
            freelancer, type="send", conversation_id=cid, client_message_id=f"c-{n}", text=f"m{n}"
        )
        await receive(freelancer, "ack")
    first = await receive(owner, "message")
    await receive(owner, "message")
    staff = await database_sync_to_async(moderator_create)()

    # When a moderator hides the first message
    message = await database_sync_to_async(Message.objects.get)(pk=first["id"])
    await database_sync_to_async(message_hide)(message=message, by=staff, reason="abuse")

    # Then open sockets are told to drop it, and a catch-up no longer carries it
    hidden = await receive(owner, "message_hidden")
    await owner.disconnect()
    owner = await open_socket(live_inquiry.owner)
    missed = await subscribe(owner, cid, after_id=0)
    assert hidden["message_id"] == first["id"]
    assert [m["text"] for m in missed] == ["m1"]
    await freelancer.disconnect()
    await owner.disconnect()


# --- security ---------------------------------------------------------------------------------


async def test_anonymous_is_rejected(live_inquiry: Inquiry) -> None:
    socket = await connect(None)
    connected, _ = await socket.connect()
    assert not connected


async def test_a_foreign_origin_is_rejected(live_inquiry: Inquiry) -> None:
    socket = await connect(live_inquiry.owner, origin=b"https://evil.example.com")
    connected, _ = await socket.connect()
    assert not connected


async def test_a_stranger_can_neither_subscribe_nor_send(live_inquiry: Inquiry) -> None:
    cid = live_inquiry.conversation.id
    owner = await open_socket(live_inquiry.owner)
    await subscribe(owner, cid)
    stranger = await open_socket(live_inquiry.stranger)

    await send(stranger, type="subscribe", conversation_id=cid)
    refused_subscribe = await receive(stranger, "error")
    await send(stranger, type="send", conversation_id=cid, client_message_id="x", text="hi")
    refused_send = await receive(stranger, "error")
    await send(stranger, type="typing", conversation_id=cid)
    refused_typing = await receive(stranger, "error")

    assert [refused_subscribe["code"], refused_send["code"], refused_typing["code"]] == [
        "not_found"
    ] * 3
    assert await database_sync_to_async(Message.objects.count)() == 0
    assert [f for f in await drain(owner) if f["type"] in {"message", "typing"}] == []
    await stranger.disconnect()
    await owner.disconnect()


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("{not json", "malformed_frame"),
        ("[1, 2]", "malformed_frame"),
        (json.dumps({"type": "dance"}), "unknown_type"),
        (json.dumps({"type": ["send"]}), "unknown_type"),
        (json.dumps({"type": "subscribe"}), "invalid_frame"),
        (json.dumps({"type": "subscribe", "conversation_id": "7"}), "invalid_frame"),
        (json.dumps({"type": "send", "conversation_id": 1, "text": "hi"}), "invalid_frame"),
    ],
)
async def test_bad_frames_get_an_error_and_the_socket_stays_open(
    live_inquiry: Inquiry, raw: str, code: str
) -> None:
    socket = await open_socket(live_inquiry.owner)

    await socket.send_to(text_data=raw)
    error = await receive(socket, "error")
    await send(socket, type="ping")

    assert error["code"] == code
    assert (await receive(socket, "pong")) == {"type": "pong"}
    await socket.disconnect()


async def test_an_oversize_message_is_refused_with_a_clear_code(live_inquiry: Inquiry) -> None:
    cid = live_inquiry.conversation.id
    socket = await open_socket(live_inquiry.freelancer)

    await send(socket, type="send", conversation_id=cid, client_message_id="big", text="x" * 8193)
    error = await receive(socket, "error")

    assert (error["code"], error["client_message_id"]) == ("message_too_long", "big")
    assert await database_sync_to_async(Message.objects.count)() == 0
    await socket.disconnect()


async def test_attachments_that_are_not_image_ids_are_refused(live_inquiry: Inquiry) -> None:
    cid = live_inquiry.conversation.id
    socket = await open_socket(live_inquiry.freelancer)

    await send(
        socket,
        type="send",
        conversation_id=cid,
        client_message_id="a",
        text="see file",
        attachments=[{"name": "cv.pdf"}],
    )

    assert (await receive(socket, "error"))["code"] == "invalid_frame"
    assert await database_sync_to_async(Message.objects.count)() == 0
    await socket.disconnect()


async def test_an_oversize_frame_closes_the_socket(live_inquiry: Inquiry) -> None:
    socket = await open_socket(live_inquiry.freelancer)

    await socket.send_to(text_data=json.dumps({"type": "ping", "pad": "x" * 40_000}))

    assert (await receive(socket, "error"))["code"] == "frame_too_large"
    assert (await socket.receive_output(timeout=10))["code"] == 1009


# A window of an hour: the sends cannot straddle two fixed windows (which would reset the count).
@override_settings(CHAT_RATE_LIMIT_MESSAGES=5, CHAT_RATE_LIMIT_WINDOW_SECONDS=3600)
async def test_a_flood_is_throttled_across_sockets(live_inquiry: Inquiry) -> None:
    # Given two sockets of the same user (the limit is per user, in Redis, not per socket)
    cid = live_inquiry.conversation.id
    sockets = [await open_socket(live_inquiry.freelancer) for _ in range(2)]

    # When they send 8 messages between them
    replies = []
    for n in range(8):
        socket = sockets[n % 2]
        await send(socket, type="send", conversation_id=cid, client_message_id=f"c-{n}", text="x")
        replies.append(json.loads(await socket.receive_from(timeout=10)))

    # Then 5 go through and the rest are refused with rate_limited
    kinds = [r["type"] if r["type"] == "ack" else r["code"] for r in replies]
    assert kinds == ["ack"] * 5 + ["rate_limited"] * 3
    assert await database_sync_to_async(Message.objects.count)() == 5
