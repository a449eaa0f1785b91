"""A suspension or ban closes the user's open chat sockets at once, and a new socket is
refused: through the real ASGI application and the Redis channel layer."""

from __future__ import annotations

import json

import pytest
from channels.db import database_sync_to_async
from tests.chat.conftest import (  # the chat suites' socket fixtures
    Inquiry,
    _fresh_channel_layer,
    _no_persistent_connections,
    anyio_backend,
    live_inquiry,
)
from tests.chat.ws import connect, open_socket, receive, send, subscribe
from tests.factories import moderator_create

from marketplace.moderation.sanctions import user_ban, user_suspend

pytestmark = [pytest.mark.anyio, pytest.mark.django_db(transaction=True)]
__all__ = ["_fresh_channel_layer", "_no_persistent_connections", "anyio_backend", "live_inquiry"]

CLOSE_ACCOUNT_RESTRICTED = 4403


async def test_suspending_closes_the_users_open_sockets_with_the_code(
    live_inquiry: Inquiry,
) -> None:
    # Given the freelancer and the owner connected, the freelancer on two sockets
    cid = live_inquiry.conversation.id
    sockets = [await open_socket(live_inquiry.freelancer) for _ in range(2)]
    owner = await open_socket(live_inquiry.owner)
    await subscribe(sockets[0], cid)
    moderator = await database_sync_to_async(moderator_create)()

    # When a moderator suspends the freelancer (the close is sent after the commit)
    await database_sync_to_async(user_suspend)(
        user=live_inquiry.freelancer, by=moderator, reason="Spam", days=1
    )

    # Then each of their sockets is told why, then closed with 4403
    for socket in sockets:
        frame = await receive(socket, "error")
        assert frame["code"] == "account_suspended"
        closed = await socket.receive_output(timeout=10)
        assert closed == {"type": "websocket.close", "code": CLOSE_ACCOUNT_RESTRICTED}
    # And the owner's socket is untouched
    await send(owner, type="ping")
    assert json.loads(await owner.receive_from())["type"] in {"pong", "presence"}
    await owner.disconnect()


async def test_a_banned_user_cannot_open_a_socket(live_inquiry: Inquiry) -> None:
    moderator = await database_sync_to_async(moderator_create)()
    await database_sync_to_async(user_ban)(
        user=live_inquiry.freelancer, by=moderator, reason="Fraud"
    )

    # Even with a session opened after the ban (one the ban could not end)
    socket = await connect(live_inquiry.freelancer)
    connected, code = await socket.connect()

    assert (connected, code) == (False, CLOSE_ACCOUNT_RESTRICTED)
