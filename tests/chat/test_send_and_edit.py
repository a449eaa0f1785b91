"""Sending over REST (the socket's service, dedupe and broadcast) and editing messages."""

from __future__ import annotations

from datetime import timedelta

import pytest
from channels.db import database_sync_to_async
from django.test import override_settings
from django.utils import timezone

from chat.models import Message, Notification
from chat.services import message_hide, message_send
from common.errors import NotFound
from marketplace.models import User
from tests.chat.conftest import Inquiry
from tests.chat.ws import drain, open_socket, receive, send, subscribe
from tests.conftest import client_for


def _url(inquiry: Inquiry) -> str:
    return f"/api/v1/conversations/{inquiry.conversation.id}/messages/"


def _stored(inquiry: Inquiry, by: User, text: str = "first") -> Message:
    return message_send(
        conversation_id=inquiry.conversation.id, by=by, text=text, client_message_id="m-1"
    )[0]


# --- REST send ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_rest_send_is_stored_once_and_a_resend_returns_the_first(inquiry: Inquiry) -> None:
    api = client_for(inquiry.freelancer)
    first = api.post(_url(inquiry), {"client_message_id": "r-1", "text": "Hello"}, "json")
    again = api.post(_url(inquiry), {"client_message_id": "r-1", "text": "Hello"}, "json")

    assert first.status_code == 201
    assert again.status_code == 200
    body = first.json()
    assert again.json()["id"] == body["id"]
    assert (body["text"], body["author"], body["client_message_id"], body["edited_at"]) == (
        "Hello",
        inquiry.freelancer.id,
        "r-1",
        None,
    )
    assert Message.objects.count() == 1
    # the other participants each have one unread message notification
    assert sorted(Notification.objects.values_list("user_id", flat=True)) == sorted(
        [inquiry.owner.id, inquiry.member.id]
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("payload", "status", "code"),
    [
        ({"client_message_id": "r-1", "text": "   "}, 400, "message_empty"),
        ({"client_message_id": "r-1", "text": "é" * 4097}, 400, "message_too_long"),
        (
            {"client_message_id": "r-1", "text": "x", "attachments": [1, 2, 3, 4, 5]},
            400,
            "too_many_attachments",
        ),
        ({"text": "x"}, 400, "validation_error"),
        ({"client_message_id": "r" * 65, "text": "x"}, 400, "validation_error"),
    ],
)
def test_a_bad_rest_send_is_refused_with_its_code_and_stores_nothing(
    inquiry: Inquiry, payload: dict[str, object], status: int, code: str
) -> None:
    response = client_for(inquiry.freelancer).post(_url(inquiry), payload, "json")

    assert response.status_code == status
    assert response.json()["code"] == code
    assert Message.objects.count() == 0


@pytest.mark.django_db
def test_a_stranger_cannot_send_over_rest(inquiry: Inquiry) -> None:
    response = client_for(inquiry.stranger).post(
        _url(inquiry), {"client_message_id": "r-1", "text": "spam"}, "json"
    )

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert Message.objects.count() == 0


# --- editing over REST -------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_author_edits_and_the_history_shows_the_new_text(inquiry: Inquiry) -> None:
    message = _stored(inquiry, inquiry.freelancer)

    response = client_for(inquiry.freelancer).patch(
        f"/api/v1/messages/{message.id}/", {"text": "first, corrected"}, "json"
    )

    assert response.status_code == 200
    assert response.json()["text"] == "first, corrected"
    message.refresh_from_db()
    assert message.text == "first, corrected"
    assert message.edited_at is not None
    assert response.json()["edited_at"] == message.edited_at.isoformat().replace("+00:00", "Z")
    history = client_for(inquiry.owner).get(_url(inquiry)).json()["results"]
    assert [(m["id"], m["text"]) for m in history] == [(message.id, "first, corrected")]
    assert history[0]["edited_at"] is not None


@pytest.mark.django_db
def test_edits_refused_leave_the_message_as_it_was(inquiry: Inquiry) -> None:
    message = _stored(inquiry, inquiry.freelancer)
    url = f"/api/v1/messages/{message.id}/"

    other = client_for(inquiry.owner).patch(url, {"text": "owner rewrites"}, "json")
    stranger = client_for(inquiry.stranger).patch(url, {"text": "stranger"}, "json")
    empty = client_for(inquiry.freelancer).patch(url, {"text": " "}, "json")

    assert (other.status_code, other.json()["code"]) == (403, "not_author")
    assert (stranger.status_code, stranger.json()["code"]) == (404, "not_found")
    assert (empty.status_code, empty.json()["code"]) == (400, "message_empty")
    message.refresh_from_db()
    assert (message.text, message.edited_at) == ("first", None)


@pytest.mark.django_db
@override_settings(CHAT_EDIT_WINDOW_MINUTES=15)
def test_an_edit_after_the_window_is_refused(inquiry: Inquiry) -> None:
    message = _stored(inquiry, inquiry.freelancer)
    Message.objects.filter(pk=message.pk).update(
        created_at=timezone.now() - timedelta(minutes=15, seconds=5)
    )

    response = client_for(inquiry.freelancer).patch(
        f"/api/v1/messages/{message.id}/", {"text": "too late"}, "json"
    )

    assert response.status_code == 409
    assert response.json()["code"] == "edit_window_closed"
    assert response.json()["details"] == {"minutes": 15}
    message.refresh_from_db()
    assert (message.text, message.edited_at) == ("first", None)


@pytest.mark.django_db
def test_a_hidden_message_cannot_be_edited(inquiry: Inquiry, admin_user: User) -> None:
    message = _stored(inquiry, inquiry.freelancer)
    message_hide(message=message, by=admin_user, reason="abuse")

    response = client_for(inquiry.freelancer).patch(
        f"/api/v1/messages/{message.id}/", {"text": "sneaky"}, "json"
    )

    assert response.status_code == 404
    message.refresh_from_db()
    assert (message.text, message.edited_at) == ("first", None)


# --- the sockets -------------------------------------------------------------------------------


@pytest.mark.anyio
@pytest.mark.django_db(transaction=True)
async def test_a_rest_send_reaches_the_subscribed_sockets(live_inquiry: Inquiry) -> None:
    owner = await open_socket(live_inquiry.owner)
    await subscribe(owner, live_inquiry.conversation.id)

    response = await database_sync_to_async(client_for(live_inquiry.freelancer).post)(
        _url(live_inquiry), {"client_message_id": "r-1", "text": "over REST"}, "json"
    )

    got = await receive(owner, "message")
    assert (got["id"], got["text"], got["author_id"]) == (
        response.json()["id"],
        "over REST",
        live_inquiry.freelancer.id,
    )
    await owner.disconnect()


@pytest.mark.anyio
@pytest.mark.django_db(transaction=True)
async def test_an_edit_over_the_socket_is_acked_and_broadcast(live_inquiry: Inquiry) -> None:
    cid = live_inquiry.conversation.id
    message = await database_sync_to_async(_stored)(live_inquiry, live_inquiry.freelancer)
    freelancer = await open_socket(live_inquiry.freelancer)
    owner = await open_socket(live_inquiry.owner)
    await subscribe(owner, cid)

    await send(freelancer, type="edit", message_id=message.id, text="edited live")

    ack = await receive(freelancer, "edit_ack")
    edited = await receive(owner, "message_edited")
    stored = await database_sync_to_async(Message.objects.get)(pk=message.id)
    assert stored.edited_at is not None
    assert ack == {
        "type": "edit_ack",
        "conversation_id": cid,
        "message_id": message.id,
        "edited_at": stored.edited_at.isoformat(),
    }
    assert edited == {
        "type": "message_edited",
        "conversation_id": cid,
        "message_id": message.id,
        "text": "edited live",
        "edited_at": stored.edited_at.isoformat(),
    }
    # a catch-up shows the edited text
    late = await open_socket(live_inquiry.member)
    caught_up = await subscribe(late, cid, after_id=0)
    assert [(m["id"], m["text"], m["edited_at"]) for m in caught_up] == [
        (message.id, "edited live", stored.edited_at.isoformat())
    ]
    for socket in (freelancer, owner, late):
        await socket.disconnect()


@pytest.mark.anyio
@pytest.mark.django_db(transaction=True)
async def test_editing_someone_elses_message_over_the_socket_is_refused(
    live_inquiry: Inquiry,
) -> None:
    cid = live_inquiry.conversation.id
    message = await database_sync_to_async(_stored)(live_inquiry, live_inquiry.freelancer)
    owner = await open_socket(live_inquiry.owner)
    freelancer = await open_socket(live_inquiry.freelancer)
    await subscribe(freelancer, cid)

    await send(owner, type="edit", message_id=message.id, text="hijack")

    error = await receive(owner, "error")
    assert (error["code"], error["message_id"]) == ("not_author", message.id)
    assert [f for f in await drain(freelancer) if f["type"] == "message_edited"] == []
    stored = await database_sync_to_async(Message.objects.get)(pk=message.id)
    assert (stored.text, stored.edited_at) == ("first", None)
    await owner.disconnect()
    await freelancer.disconnect()


# --- the hot path --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_send_is_one_statement_and_stores_what_the_orm_would(inquiry: Inquiry) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        message, created = message_send(
            conversation_id=inquiry.conversation.id,
            by=inquiry.freelancer,
            text="one trip",
            client_message_id="hot-1",
        )

    assert created is True
    assert len(queries) == 1
    stored = Message.objects.get()
    assert (stored.id, stored.text, stored.author_id, stored.created_at) == (
        message.id,
        "one trip",
        inquiry.freelancer.id,
        message.created_at,
    )
    inquiry.conversation.refresh_from_db()
    assert inquiry.conversation.last_message_at == message.created_at
    assert inquiry.conversation.memberships.get(user=inquiry.freelancer).last_read_message_id == (
        message.id
    )
    assert sorted(
        (n.user_id, n.kind, n.conversation_id, n.payload) for n in Notification.objects.all()
    ) == sorted(
        (
            uid,
            "message",
            inquiry.conversation.id,
            {
                "conversation_id": inquiry.conversation.id,
                "message_id": message.id,
            },
        )
        for uid in (inquiry.owner.id, inquiry.member.id)
    )


@pytest.mark.anyio
@pytest.mark.django_db(transaction=True)
async def test_live_messages_arriving_out_of_id_order_are_all_delivered(
    live_inquiry: Inquiry,
) -> None:
    """Concurrent senders can commit (and broadcast) a higher id before a lower one."""
    from channels.layers import get_channel_layer

    from chat.broadcast import conversation_group

    cid = live_inquiry.conversation.id
    owner = await open_socket(live_inquiry.owner)
    await subscribe(owner, cid)
    layer = get_channel_layer()
    assert layer is not None
    for message_id in (11, 10):
        frame = {"type": "message", "id": message_id, "conversation_id": cid, "text": "x"}
        await layer.group_send(conversation_group(cid), {"type": "chat.event", "frame": frame})

    got = [(await receive(owner, "message"))["id"], (await receive(owner, "message"))["id"]]

    assert got == [11, 10]
    await owner.disconnect()


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["postgresql", "orm"])
def test_the_one_statement_and_the_orm_paths_store_the_same(inquiry: Inquiry, path: str) -> None:
    """The ORM path serves SQLite (embedded mode); it must agree with the PostgreSQL one."""
    from chat.message_store import message_send_postgresql
    from chat.services import message_send_orm

    send = message_send_postgresql if path == "postgresql" else message_send_orm
    cid = inquiry.conversation.id
    first, created = send(
        conversation_id=cid, by=inquiry.freelancer, text="a", client_message_id="k"
    )
    again, created_again = send(
        conversation_id=cid, by=inquiry.freelancer, text="a", client_message_id="k"
    )
    reply, _ = send(conversation_id=cid, by=inquiry.owner, text="b", client_message_id="k")

    assert (created, created_again, again.id) == (True, False, first.id)
    assert list(Message.objects.values_list("author_id", "text")) == [
        (inquiry.freelancer.id, "a"),
        (inquiry.owner.id, "b"),
    ]
    markers = dict(inquiry.conversation.memberships.values_list("user_id", "last_read_message_id"))
    assert markers == {
        inquiry.freelancer.id: first.id,
        inquiry.owner.id: reply.id,
        inquiry.member.id: 0,
    }
    # one unread notification per recipient and conversation, pointing at the first message
    assert sorted(
        (n.user_id, n.payload["message_id"]) for n in Notification.objects.filter(read_at=None)
    ) == sorted(
        [
            (inquiry.owner.id, first.id),
            (inquiry.member.id, first.id),
            (inquiry.freelancer.id, reply.id),
        ]
    )
    with pytest.raises(NotFound):
        send(conversation_id=cid, by=inquiry.stranger, text="c", client_message_id="s")
    assert Message.objects.count() == 2


@pytest.mark.django_db
@override_settings(CHAT_ASYNC_COMMIT=True)
def test_a_send_with_asynchronous_commit_is_stored(inquiry: Inquiry) -> None:
    message, created = message_send(
        conversation_id=inquiry.conversation.id,
        by=inquiry.freelancer,
        text="fast",
        client_message_id="async-1",
    )

    assert created is True
    assert Message.objects.get().id == message.id
