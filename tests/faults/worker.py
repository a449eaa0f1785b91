"""A real `celery worker` process on a real broker, for the fault tests.

The broker is the machine's RabbitMQ (guest on the default vhost) with a queue of this test
run's own, deleted afterwards; the worker reads the test database. The pytest process is
switched from eager tasks to that broker, so what services enqueue after commit travels over
AMQP to the worker, as in production.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.db import connection
from kombu import Connection

from config.celery import app

BROKER_URL = os.environ.get("FAULTS_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672//")
BACKEND_DIR = Path(__file__).resolve().parents[2] / "backend"


def broker_reachable() -> bool:
    try:
        with Connection(BROKER_URL, connect_timeout=2) as conn:
            conn.ensure_connection(max_retries=1)
        return True
    except Exception:
        return False


def app_database_url() -> str:
    db = connection.settings_dict
    user = db.get("USER") or "postgres"
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{host}:{port}/{db['NAME']}"


def wait_for(check: Callable[[], Any], *, timeout: float = 60, what: str = "") -> Any:
    """Poll `check` until it returns something truthy; fail the test after `timeout`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what or check}")


class Worker:
    """One `celery worker` (prefork, one child) consuming the run's queue."""

    def __init__(self, *, queue: str, log: Path) -> None:
        self.queue = queue
        self.log = log
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        env = {
            **os.environ,
            "DATABASE_URL": app_database_url(),
            "CELERY_BROKER_URL": BROKER_URL,
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "CELERY_WORKER_CONCURRENCY": "1",
            "PYTHONPATH": str(BACKEND_DIR),
        }
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
                [
                    sys.executable, "-m", "celery", "-A", "config", "worker",
                    "--pool=prefork", "--concurrency=1", "-Q", self.queue,
                    "--without-mingle", "--without-gossip", "--loglevel=INFO",
                ],
                cwd=BACKEND_DIR, env=env, stdout=out, stderr=subprocess.STDOUT,
            )  # fmt: skip
        wait_for(self._ready, timeout=60, what="the worker to start")

    def _ready(self) -> bool:
        assert self.process is not None
        assert self.process.poll() is None, self.log.read_text()
        return b"ready." in self.log.read_bytes()

    def child_pids(self) -> list[int]:
        assert self.process is not None
        pid = self.process.pid
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        return [int(c) for c in children]

    def kill_child(self) -> int:
        """`kill -9` the pool process (the one running the task); returns its pid."""
        [child] = self.child_pids()
        os.kill(child, signal.SIGKILL)
        return child

    def kill(self) -> None:
        """`kill -9` the whole worker: main process and pool, no chance to reject anything."""
        assert self.process is not None
        for pid in [*self.child_pids(), self.process.pid]:
            os.kill(pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()


@contextmanager
def real_broker(tmp_path: Path) -> Iterator[Callable[[], Worker]]:
    """Enqueue to the broker on the run's own queue; yield a factory of started workers."""
    queue = f"faults-{uuid.uuid4().hex[:12]}"
    saved = {
        "task_always_eager": app.conf.task_always_eager,
        "broker_url": app.conf.broker_url,
        "task_default_queue": app.conf.task_default_queue,
    }
    app.conf.update(task_always_eager=False, broker_url=BROKER_URL, task_default_queue=queue)
    _reset_pools()
    workers: list[Worker] = []

    def start() -> Worker:
        worker = Worker(queue=queue, log=tmp_path / f"worker-{len(workers)}.log")
        workers.append(worker)
        worker.start()
        return worker

    try:
        yield start
    finally:
        for worker in workers:
            worker.stop()
        app.conf.update(saved)
        _reset_pools()
        with Connection(BROKER_URL) as conn:
            conn.default_channel.queue_delete(queue)  # type: ignore[attr-defined]


def _reset_pools() -> None:
    # kombu keeps one pool per broker URL; drop the app's handles so the next send looks it
    # up for the broker now configured.
    app._pool = None  # type: ignore[attr-defined]
    app.amqp._producer_pool = None  # type: ignore[attr-defined]
    # The default queue and the routing are cached on first use: without this, the run's own
    # queue outlives the context and later suites publish into a deleted queue.
    for cached in ("queues", "default_queue", "router", "send_task_message"):
        app.amqp.__dict__.pop(cached, None)


@contextmanager
def table_locked(table: str) -> Iterator[None]:
    """Hold an EXCLUSIVE lock on `table` from another connection: reads go on, every write
    waits, so a task that writes it stops right there, in the middle of its transaction."""
    import psycopg

    with psycopg.connect(app_database_url().replace("postgres://", "postgresql://")) as locker:
        locker.execute(f'LOCK TABLE "{table}" IN EXCLUSIVE MODE')
        yield
        locker.rollback()


def backends_waiting_on_a_lock() -> int:
    """How many connections to the test database wait on a lock (a blocked task)."""
    import psycopg

    with psycopg.connect(app_database_url().replace("postgres://", "postgresql://")) as probe:
        row = probe.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND wait_event_type = 'Lock'"
        ).fetchone()
    return int(row[0]) if row else 0
