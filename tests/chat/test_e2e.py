"""End to end: a real uvicorn server on the test database, two real `websockets` clients.

The freelancer streams 20 messages; the firm owner drops the connection mid-stream,
reconnects with the last id it has, and ends with every message exactly once, in order.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from django.conf import settings
from websockets.asyncio.client import ClientConnection, connect
from websockets.typing import Origin

from tests.chat.conftest import Inquiry, session_cookie

REPO = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.anyio, pytest.mark.django_db(transaction=True)]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _test_database_url() -> str:
    db = settings.DATABASES["default"]
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def start_server(*, workers: int = 1) -> tuple[subprocess.Popen[bytes], str]:
    """uvicorn serving config.asgi on a free loopback port, against the test database."""
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        pytest.fail("the end-to-end chat test needs DATABASE_URL on PostgreSQL")
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": _test_database_url(), "DB_CONN_MAX_AGE": "0"}
    command = [sys.executable, "-m", "uvicorn", "config.asgi:application", "--app-dir", "backend"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--lifespan", "off"]
    command += ["--ws-max-size", "65536", "--log-level", "warning", "--workers", str(workers)]
    process = subprocess.Popen(  # noqa: S603  (fixed arguments, our own interpreter)
        command,
        cwd=REPO,
        env=env,
        start_new_session=True,  # its own process group: a kill reaches every worker
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return process, f"127.0.0.1:{port}"
        except httpx.HTTPError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            os.killpg(process.pid, signal.SIGKILL)
            pytest.fail("uvicorn did not start")
        time.sleep(0.2)


def stop_server(process: subprocess.Popen[bytes], *, grace: float) -> bool:
    """SIGTERM, then SIGKILL after `grace` seconds; True when the server exited on its own."""
    process.terminate()
    try:
        process.wait(timeout=grace)
        return True
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
        return False


@pytest.fixture
def server(live_inquiry: Inquiry) -> Iterator[str]:
    process, host = start_server()
    try:
        yield host
    finally:
        # Stopping gracefully is asserted in test_shutdown; here it only must not hang the suite.
        stop_server(process, grace=30)


async def _open(host: str, cookie: str) -> ClientConnection:
    return await connect(
        f"ws://{host}/ws/chat/",
        origin=Origin(f"http://{host}"),
        additional_headers={"Cookie": cookie},
    )


async def _next(ws: ClientConnection, kind: str) -> dict[str, Any]:
    while True:
        frame = json.loads(await ws.recv(decode=True))
        if frame["type"] == kind:
            return frame


async def _subscribe(ws: ClientConnection, cid: int, after_id: int | None = None) -> list[str]:
    await ws.send(json.dumps({"type": "subscribe", "conversation_id": cid, "after_id": after_id}))
    missed = []
    while True:
        frame = json.loads(await ws.recv(decode=True))
        if frame["type"] == "message":
            missed.append(frame["text"])
        elif frame["type"] == "subscribed":
            return missed


async def test_two_users_chat_through_a_real_server_and_a_reconnect_loses_nothing(
    server: str, live_inquiry: Inquiry
) -> None:
    from channels.db import database_sync_to_async

    cid = live_inquiry.conversation.id
    freelancer_cookie = await database_sync_to_async(session_cookie)(live_inquiry.freelancer)
    owner_cookie = await database_sync_to_async(session_cookie)(live_inquiry.owner)
    freelancer = await _open(server, freelancer_cookie)
    owner = await _open(server, owner_cookie)
    await _subscribe(freelancer, cid)
    await _subscribe(owner, cid)

    received: list[str] = []
    last_id = 0
    for n in range(20):
        await freelancer.send(
            json.dumps(
                {
                    "type": "send",
                    "conversation_id": cid,
                    "client_message_id": f"c-{n}",
                    "text": f"m{n}",
                }
            )
        )
        await _next(freelancer, "ack")
        if n < 5:
            message = await _next(owner, "message")
            received.append(message["text"])
            last_id = message["id"]
        if n == 4:
            await owner.close()  # the owner's network drops mid-stream

    # The owner comes back with the last id it has
    owner = await _open(server, owner_cookie)
    received += await _subscribe(owner, cid, after_id=last_id)
    # and a resend of an already stored message is acknowledged, not stored again
    await freelancer.send(
        json.dumps(
            {"type": "send", "conversation_id": cid, "client_message_id": "c-19", "text": "m19"}
        )
    )
    duplicate = await _next(freelancer, "ack")
    await freelancer.send(
        json.dumps(
            {"type": "send", "conversation_id": cid, "client_message_id": "c-20", "text": "m20"}
        )
    )
    received.append((await _next(owner, "message"))["text"])

    assert received == [f"m{n}" for n in range(21)]
    assert duplicate["duplicate"] is True
    await freelancer.close()
    await owner.close()


async def test_the_real_server_refuses_a_foreign_origin_and_anonymous(server: str) -> None:
    from websockets.exceptions import InvalidStatus

    with pytest.raises(InvalidStatus):
        await connect(f"ws://{server}/ws/chat/", origin=Origin("http://evil.example.com"))
    with pytest.raises(InvalidStatus):
        await connect(f"ws://{server}/ws/chat/", origin=Origin(f"http://{server}"))
