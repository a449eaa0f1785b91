"""Fault tests start real processes (a Celery worker, a Redis server, gunicorn) and commit."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.chat.conftest import Inquiry, make_inquiry
from tests.faults.servers import RedisServer, free_port
from tests.faults.worker import BACKEND_DIR, Worker, app_database_url, broker_reachable, real_broker


@pytest.fixture
def start_worker(transactional_db: None, tmp_path: Path) -> Iterator[Callable[[], Worker]]:
    """Tasks go over RabbitMQ to real `celery worker` processes this fixture starts."""
    if not broker_reachable():
        pytest.fail("RabbitMQ is not reachable at FAULTS_BROKER_URL (amqp://127.0.0.1:5672)")
    with real_broker(tmp_path) as start:
        yield start


# --- the chat tests: a real uvicorn whose channel layer and cache use a redis-server of its own


@pytest.fixture
def _no_persistent_connections(monkeypatch: pytest.MonkeyPatch) -> None:
    """database_sync_to_async runs in pool threads; each call closes its connection."""
    from django.conf import settings

    monkeypatch.setitem(settings.DATABASES["default"], "CONN_MAX_AGE", 0)


@pytest.fixture
def live_inquiry(transactional_db: Any) -> Inquiry:
    return make_inquiry()


@pytest.fixture
def redis_server() -> Iterator[RedisServer]:
    server = RedisServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def chat_server(
    _no_persistent_connections: None,
    live_inquiry: Inquiry,
    redis_server: RedisServer,
    tmp_path: Path,
) -> Iterator[str]:
    """uvicorn on the test database and `redis_server`; its log is tmp_path/uvicorn.log."""
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": app_database_url(),
        "DB_CONN_MAX_AGE": "0",
        "REDIS_URL": redis_server.url,
    }
    command = [sys.executable, "-m", "uvicorn", "config.asgi:application", "--app-dir", "backend"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--lifespan", "off"]
    with (tmp_path / "uvicorn.log").open("ab") as log:
        process = subprocess.Popen(  # noqa: S603
            command, cwd=BACKEND_DIR.parent, env=env, stdout=log, stderr=log
        )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert process.poll() is None, "uvicorn exited"
            assert time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.2)
        yield f"127.0.0.1:{port}"
    finally:
        process.kill()
        process.wait(timeout=10)
