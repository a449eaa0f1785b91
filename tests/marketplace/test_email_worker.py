"""The verification-email task through a real Celery worker and a real Redis broker.

Other tests run tasks eagerly (the embedded mode's behaviour); this one proves the production
path: enqueue after commit → broker → worker → the email leaves once.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from typing import Any

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from django.core import mail
from django.db import transaction

from config.celery import app as celery_app
from marketplace.accounts.models import OutboundEmail
from marketplace.accounts.services import email_queue

pytestmark = pytest.mark.django_db(transaction=True)

# Its own Redis database, so a concurrent run elsewhere cannot take the messages.
BROKER = os.environ.get("TEST_BROKER_URL", "redis://127.0.0.1:6379/14")


@pytest.fixture
def worker() -> Iterator[None]:
    changes = {"task_always_eager": False, "broker_url": BROKER}
    original = {key: celery_app.conf[key] for key in changes}
    celery_app.conf.update(changes)
    # Earlier eager tests pooled connections to the in-memory broker; drop them, as Celery
    # does in a forked worker, so publishing goes to Redis.
    celery_app._after_fork()  # type: ignore[attr-defined]
    try:
        redis.Redis.from_url(BROKER).flushdb()
        with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            yield
    finally:
        celery_app.conf.update(original)
        celery_app._after_fork()  # type: ignore[attr-defined]


def wait_until(predicate: Any, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def test_email_is_sent_by_a_worker_after_commit(worker: None) -> None:
    # Given an email queued in a transaction
    with transaction.atomic():
        outbound = email_queue(to="ines@example.test", subject="Bonjour", body_text="Salut")
    # Then a worker picks it up from Redis and sends it exactly once
    assert wait_until(lambda: OutboundEmail.objects.get(id=outbound.id).sent_at is not None)
    assert [m.subject for m in mail.outbox] == ["Bonjour"]


def test_rolled_back_transaction_enqueues_nothing(worker: None) -> None:
    def queue_then_fail() -> None:
        with transaction.atomic():
            email_queue(to="ines@example.test", subject="Bonjour", body_text="Salut")
            raise RuntimeError("rolled back")

    with pytest.raises(RuntimeError):
        queue_then_fail()
    assert redis.Redis.from_url(BROKER).llen("default") == 0
    assert OutboundEmail.objects.count() == 0
    assert mail.outbox == []
