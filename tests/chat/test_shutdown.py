"""A real uvicorn with open, subscribed sockets stops on SIGTERM without being killed.

Each consumer waits in channels-redis' `receive` (a blocking BZPOPMIN) besides the socket; the
server's graceful shutdown waits for every consumer to return, so a consumer that does not
leave that poll when its socket goes keeps the process alive until something kills it.
"""

from __future__ import annotations

import asyncio
import json
import signal
import subprocess
import sys
from typing import Any

import pytest
from channels.db import database_sync_to_async
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.typing import Origin

from chat.stoppable import task_stop
from tests.chat.conftest import Inquiry, session_cookie
from tests.chat.test_e2e import _open, _subscribe, start_server, stop_server

pytestmark = [pytest.mark.anyio, pytest.mark.django_db(transaction=True)]

# Far above a clean shutdown, far below "hangs until killed": the assertion is about exiting
# on its own, not about speed.
SHUTDOWN_GRACE_SECONDS = 30


async def _closed_by_server(ws: ClientConnection) -> int | None:
    try:
        while True:
            await ws.recv()
    except ConnectionClosed as closed:
        return closed.rcvd.code if closed.rcvd else None


@pytest.mark.parametrize("workers", [1, 2])
async def test_uvicorn_with_open_sockets_exits_on_sigterm_without_sigkill(
    live_inquiry: Inquiry, workers: int
) -> None:
    process, host = start_server(workers=workers)
    sockets: list[ClientConnection] = []
    try:
        cid = live_inquiry.conversation.id
        # Refused handshakes first: their consumers stop right after their first channel-layer
        # poll began (the case that used to leave a poll running after the socket was gone).
        for _ in range(3):
            for origin in ("http://evil.example.com", f"http://{host}"):
                with pytest.raises(InvalidStatus):  # a foreign origin; an anonymous user
                    await connect(f"ws://{host}/ws/chat/", origin=Origin(origin))
        for user in (live_inquiry.freelancer, live_inquiry.owner, live_inquiry.member) * 4:
            cookie = await database_sync_to_async(session_cookie)(user)
            ws = await _open(host, cookie)
            await _subscribe(ws, cid)
            sockets.append(ws)
        # one live message through the layer, so the consumers are in their receive poll
        await sockets[0].send(
            json.dumps(
                {"type": "send", "conversation_id": cid, "client_message_id": "x", "text": "hi"}
            )
        )
        frame: dict[str, Any] = {}
        while frame.get("type") != "message":
            frame = json.loads(await sockets[1].recv(decode=True))

        exited = await asyncio.to_thread(stop_server, process, grace=SHUTDOWN_GRACE_SECONDS)
        codes = [await _closed_by_server(ws) for ws in sockets]
    finally:
        if process.poll() is None:
            stop_server(process, grace=0)
        for ws in sockets:
            await ws.close()

    assert exited is True, "uvicorn had to be killed: a consumer kept the shutdown waiting"
    # a single uvicorn re-raises the SIGTERM it handled once shut down; the supervisor of
    # several workers exits 0
    assert process.returncode in {0, -signal.SIGTERM}
    # uvicorn closes each socket with 1012 (service restart): clients know to reconnect
    assert codes == [1012] * len(sockets)


async def test_task_stop_ends_a_task_that_swallowed_its_first_cancellation() -> None:
    """As a poll does when asyncio.wait_for (Python 3.11) swallows the cancel that stops it."""
    stages: list[str] = []

    async def poll_that_swallows_one_cancel() -> None:
        try:
            await asyncio.sleep(3600)
        except asyncio.CancelledError:
            stages.append("swallowed")
        await asyncio.sleep(3600)  # back in its loop, as the BZPOPMIN poll would be

    task = asyncio.ensure_future(poll_that_swallows_one_cancel())
    await asyncio.sleep(0)
    await task_stop(task)

    assert task.cancelled() is True
    assert stages == ["swallowed"]


def test_stop_server_reports_a_kill() -> None:
    """The helper the shutdown test relies on tells a kill from an exit."""
    ignores_term = "import signal, sys, time; signal.signal(signal.SIGTERM, signal.SIG_IGN);"
    ignores_term += " print('ready', flush=True); time.sleep(60)"
    process = subprocess.Popen(  # noqa: S603  (our own interpreter)
        [sys.executable, "-c", ignores_term], stdout=subprocess.PIPE, start_new_session=True
    )
    assert process.stdout is not None
    assert process.stdout.readline() == b"ready\n"
    assert stop_server(process, grace=1) is False
    assert process.returncode == -signal.SIGKILL
