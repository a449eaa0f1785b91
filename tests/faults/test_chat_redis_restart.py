"""The channel layer's Redis restarted during a chat: clients reconnect and no persisted
message is lost.

A redis-server of the test's own (own port, no disk) backs uvicorn's channel layer and cache;
the test kills and restarts it while two real `websockets` clients chat. Clients behave as the
SPA does: a send is retried (same client_message_id) until acknowledged, a closed socket is
reopened and re-subscribed with the last message id seen.
"""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

import pytest
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake
from websockets.typing import Origin

from chat.models import Message
from tests.chat.conftest import Inquiry, session_cookie
from tests.faults.servers import RedisServer

pytestmark = [pytest.mark.anyio, pytest.mark.django_db(transaction=True)]


class SpaClient:
    """What the SPA does: reconnect on close, catch up from the last id, resend until acked."""

    def __init__(self, host: str, cookie: str, conversation_id: int) -> None:
        self.host, self.cookie, self.cid = host, cookie, conversation_id
        self.ws: ClientConnection | None = None
        self.seen: list[tuple[int, str]] = []
        self.connections = 0

    async def connect(self) -> None:
        while True:
            try:
                self.ws = await connect(
                    f"ws://{self.host}/ws/chat/",
                    origin=Origin(f"http://{self.host}"),
                    additional_headers={"Cookie": self.cookie},
                    open_timeout=5,
                )
                after = self.seen[-1][0] if self.seen else None
                await self.ws.send(
                    json.dumps(
                        {"type": "subscribe", "conversation_id": self.cid, "after_id": after}
                    )
                )
                while True:
                    frame = await self._recv(timeout=5)
                    if frame["type"] == "subscribed":
                        self.connections += 1
                        return
            except (OSError, ConnectionClosed, InvalidHandshake, TimeoutError):
                # While Redis is down the handshake itself fails (the consumer cannot join
                # its groups): the SPA backs off and tries again.
                await asyncio.sleep(0.5)

    async def _recv(self, *, timeout: float) -> dict[str, Any]:
        assert self.ws is not None
        frame: dict[str, Any] = json.loads(await asyncio.wait_for(self.ws.recv(), timeout))
        if frame["type"] == "message" and frame["id"] not in {i for i, _ in self.seen}:
            self.seen.append((frame["id"], frame["text"]))
        return frame

    async def send_until_acked(self, n: int) -> None:
        body = {"type": "send", "conversation_id": self.cid, "client_message_id": f"c-{n}"}
        for _attempt in range(60):
            try:
                assert self.ws is not None
                await self.ws.send(json.dumps({**body, "text": f"m{n}"}))
                while True:
                    frame = await self._recv(timeout=5)
                    if frame["type"] == "ack" and frame.get("client_message_id") == f"c-{n}":
                        return
                    if frame["type"] == "error":
                        break
            except (ConnectionClosed, TimeoutError):
                await self.connect()
            await asyncio.sleep(0.3)
        raise AssertionError(f"message {n} was never acknowledged")

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    async def drain(self, *, until: int, timeout: float = 20) -> None:
        """Read (reconnecting when needed) until `until` messages were seen."""
        deadline = time.monotonic() + timeout
        while len(self.seen) < until and time.monotonic() < deadline:
            try:
                await self._recv(timeout=1)
            except TimeoutError:
                continue
            except ConnectionClosed:
                await self.connect()


async def test_redis_restart_mid_chat_loses_no_persisted_message(
    chat_server: str, redis_server: RedisServer, live_inquiry: Inquiry
) -> None:
    from channels.db import database_sync_to_async

    cid = live_inquiry.conversation.id
    sender = SpaClient(
        chat_server, await database_sync_to_async(session_cookie)(live_inquiry.freelancer), cid
    )
    reader = SpaClient(
        chat_server, await database_sync_to_async(session_cookie)(live_inquiry.owner), cid
    )
    await sender.connect()
    await reader.connect()

    # Given five messages delivered live
    for n in range(5):
        await sender.send_until_acked(n)
    await reader.drain(until=5)
    assert [t for _, t in reader.seen] == [f"m{n}" for n in range(5)]

    # When Redis is killed and restarted empty in the middle of the chat
    await asyncio.to_thread(redis_server.restart, down_for=1.0)
    for n in range(5, 15):
        await sender.send_until_acked(n)

    # Then the server closed the sockets whose channel layer failed, both clients reconnected,
    # and the reader ends with every message exactly once, in order
    await reader.drain(until=15)
    assert sender.connections >= 2
    assert reader.connections >= 2
    expected = [f"m{n}" for n in range(15)]
    assert [t for _, t in reader.seen] == expected
    assert await database_sync_to_async(_stored_texts)(cid) == expected
    await sender.close()
    await reader.close()


def _stored_texts(conversation_id: int) -> list[str]:
    messages = Message.objects.filter(conversation_id=conversation_id).order_by("id")
    return list(messages.values_list("text", flat=True))
