"""The channel layer's Redis is down when a client opens the chat socket: the handshake is
refused cleanly (503, Retry-After, the error format) — never a 500 and a traceback — an open
socket is closed with 1013 "try again later", and once Redis is back new sockets chat again.

Real uvicorn and a redis-server of the test's own (the machine's shared Redis is never
stopped); the fixtures are in conftest.py, the SPA-like client is the Redis-restart test's.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from channels.db import database_sync_to_async
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.typing import Origin

from tests.chat.conftest import Inquiry, session_cookie
from tests.faults.servers import RedisServer
from tests.faults.test_chat_redis_restart import SpaClient, _stored_texts

pytestmark = [pytest.mark.anyio, pytest.mark.django_db(transaction=True)]


async def _open(host: str, cookie: str) -> ClientConnection:
    return await connect(
        f"ws://{host}/ws/chat/",
        origin=Origin(f"http://{host}"),
        additional_headers={"Cookie": cookie},
        open_timeout=10,
    )


async def test_handshake_while_layer_redis_is_down_is_refused_with_503_then_chat_resumes(
    chat_server: str, redis_server: RedisServer, live_inquiry: Inquiry, tmp_path: Path
) -> None:
    cid = live_inquiry.conversation.id
    freelancer = await database_sync_to_async(session_cookie)(live_inquiry.freelancer)
    owner = await database_sync_to_async(session_cookie)(live_inquiry.owner)

    # Given a socket opened while Redis was up
    open_socket = await _open(chat_server, owner)
    await open_socket.send(json.dumps({"type": "ping"}))
    assert json.loads(await asyncio.wait_for(open_socket.recv(), 10)) == {"type": "pong"}

    # When the channel layer's Redis goes away
    await asyncio.to_thread(redis_server.stop)

    # Then the open socket is closed with 1013 "try again later"
    with pytest.raises(ConnectionClosed) as closed:
        await asyncio.wait_for(open_socket.recv(), 15)
    assert closed.value.rcvd is not None
    assert closed.value.rcvd.code == 1013

    # And a new handshake is refused with 503, Retry-After and the error format, several times
    for _attempt in range(3):
        with pytest.raises(InvalidStatus) as refused:
            await _open(chat_server, freelancer)
        response = refused.value.response
        assert response.status_code == 503
        assert response.headers["Retry-After"].isdigit()
        body = json.loads(response.body or b"{}")
        assert body["code"] == "chat_unavailable"
        assert set(body) == {"code", "message", "details"}

    # When Redis is back (empty, on the same port)
    await asyncio.to_thread(redis_server.start)

    # Then new sockets open and chat live, end to end
    sender = SpaClient(chat_server, freelancer, cid)
    reader = SpaClient(chat_server, owner, cid)
    await sender.connect()
    await reader.connect()
    for n in range(3):
        await sender.send_until_acked(n)
    await reader.drain(until=3)
    assert [t for _, t in reader.seen] == ["m0", "m1", "m2"]
    assert await database_sync_to_async(_stored_texts)(cid) == ["m0", "m1", "m2"]
    await sender.close()
    await reader.close()

    # And the server logged a warning per refusal, never a traceback or a 500. (uvicorn's
    # websockets-sansio protocol adds "ASGI callable returned without completing handshake"
    # after every denial response although the 503 went out and no 500 is sent: a uvicorn bug,
    # docs/chat.md.)
    log = (tmp_path / "uvicorn.log").read_text()
    assert "Traceback" not in log, log
    assert "Exception in ASGI application" not in log, log
    assert " 500" not in log, log
    assert log.count("chat channel layer unavailable") >= 4, log
