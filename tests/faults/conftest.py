"""Fault tests start real processes (a Celery worker, a Redis server, gunicorn) and commit."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.faults.worker import Worker, broker_reachable, real_broker


@pytest.fixture
def start_worker(transactional_db: None, tmp_path: Path) -> Iterator[Callable[[], Worker]]:
    """Tasks go over RabbitMQ to real `celery worker` processes this fixture starts."""
    if not broker_reachable():
        pytest.fail("RabbitMQ is not reachable at FAULTS_BROKER_URL (amqp://127.0.0.1:5672)")
    with real_broker(tmp_path) as start:
        yield start
