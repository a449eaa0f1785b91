"""Helpers for websocket tests: a signed-in communicator against the real ASGI application."""

from __future__ import annotations

import json
from typing import Any

from asgiref.testing import ApplicationCommunicator
from channels.db import database_sync_to_async

from config.asgi import application
from marketplace.models import User
from tests.chat.conftest import session_cookie

ORIGIN = b"http://testserver"


class WebsocketCommunicator(ApplicationCommunicator):
    """Channels' `WebsocketCommunicator`, trimmed to what these tests use.

    `channels.testing` cannot be imported here: its package imports the Daphne live server,
    and Daphne is not a dependency (uvicorn serves the ASGI app).
    """

    def __init__(self, app: Any, path: str, headers: list[tuple[bytes, bytes]]) -> None:
        scope = {
            "type": "websocket",
            "path": path,
            "query_string": b"",
            "headers": headers,
            "subprotocols": [],
        }
        super().__init__(app, scope)

    async def connect(self, timeout: float = 10) -> tuple[bool, Any]:
        await self.send_input({"type": "websocket.connect"})
        response = await self.receive_output(timeout)
        if response["type"] == "websocket.close":
            # As a real server does after refusing a handshake: tell the app the socket is
            # gone, so its consumer stops instead of polling the channel layer forever.
            code = response.get("code", 1000)
            await self.send_input({"type": "websocket.disconnect", "code": code})
            await self.wait(1)
            return False, code
        assert response["type"] == "websocket.accept"
        return True, response.get("subprotocol")

    async def send_to(self, text_data: str) -> None:
        await self.send_input({"type": "websocket.receive", "text": text_data})

    async def receive_from(self, timeout: float = 10) -> str:
        response = await self.receive_output(timeout)
        assert response["type"] == "websocket.send", response
        return str(response["text"])

    async def disconnect(self, code: int = 1000, timeout: float = 10) -> None:
        await self.send_input({"type": "websocket.disconnect", "code": code})
        await self.wait(timeout)


async def connect(user: User | None, *, origin: bytes = ORIGIN) -> WebsocketCommunicator:
    headers = [(b"origin", origin)]
    if user is not None:
        cookie = await database_sync_to_async(session_cookie)(user)
        headers.append((b"cookie", cookie.encode()))
    return WebsocketCommunicator(application, "/ws/chat/", headers=headers)


async def open_socket(user: User) -> WebsocketCommunicator:
    socket = await connect(user)
    connected, _ = await socket.connect()
    assert connected
    return socket


async def receive(socket: WebsocketCommunicator, kind: str, timeout: float = 10) -> dict[str, Any]:
    """The next frame of type `kind`, skipping others (presence and typing chatter)."""
    while True:
        frame = json.loads(await socket.receive_from(timeout=timeout))
        if frame["type"] == kind:
            return frame


async def send(socket: WebsocketCommunicator, **frame: Any) -> None:
    await socket.send_to(text_data=json.dumps(frame))


async def subscribe(
    socket: WebsocketCommunicator, conversation_id: int, after_id: int | None = None
) -> list[dict[str, Any]]:
    """Subscribe; returns the catch-up messages received before `subscribed`."""
    frame: dict[str, Any] = {"type": "subscribe", "conversation_id": conversation_id}
    if after_id is not None:
        frame["after_id"] = after_id
    await send(socket, **frame)
    caught_up: list[dict[str, Any]] = []
    while True:
        reply = json.loads(await socket.receive_from(timeout=10))
        if reply["type"] == "subscribed":
            return caught_up
        if reply["type"] == "error":
            raise AssertionError(reply)
        if reply["type"] == "message":
            caught_up.append(reply)


async def drain(socket: WebsocketCommunicator) -> list[dict[str, Any]]:
    """Every frame that arrives within a short wait."""
    frames = []
    while not await socket.receive_nothing(timeout=0.5):
        frames.append(json.loads(await socket.receive_from()))
    return frames
