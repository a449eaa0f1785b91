"""Concurrent requests on real PostgreSQL connections (`transaction=True`: each thread commits
and sees the others only through the database, as web workers would)."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections

from common.errors import DomainError
from payments.escrow import services
from payments.escrow.models import OperationKind, ProviderOperation
from payments.ledger.models import LedgerKind, LedgerTransaction
from tests.payments.conftest import make_cast
from tests.payments.helpers import balances, state

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs row locks"),
]


def race(calls: list[Callable[[], Any]]) -> list[Any]:
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(index: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout=10)
            results[index] = call()
        except DomainError as exc:
            results[index] = exc
        except Exception as exc:
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_twenty_simultaneous_releases_make_one_transfer_and_one_booking() -> None:
    # Given a funded milestone (tasks run eagerly after each commit)
    cast = make_cast()
    services.milestone_fund(milestone=cast.milestone, by=cast.client)
    assert state(cast.milestone) == "funded"

    # When the client's release is sent 20 times at once
    outcomes = race(
        [lambda: services.milestone_release(milestone=cast.milestone, by=cast.client)] * 20
    )

    # Then one release went through; the others were refused as a state conflict
    errors = [o for o in outcomes if isinstance(o, Exception)]
    assert len(errors) == 19, outcomes
    assert {e.code for e in errors if isinstance(e, DomainError)} <= {
        "invalid_state",
        "operation_in_progress",
    }
    assert all(isinstance(e, DomainError) for e in errors)
    assert ProviderOperation.objects.filter(kind=OperationKind.TRANSFER).count() == 1
    assert LedgerTransaction.objects.filter(kind=LedgerKind.RELEASE).count() == 1
    assert state(cast.milestone) == "released"
    assert balances(cast.milestone) == {
        "client": -100_000,
        "freelancer": 90_000,
        "platform_fee": 10_000,
    }


def test_twenty_simultaneous_fundings_make_one_payment() -> None:
    cast = make_cast()
    outcomes = race(
        [lambda: services.milestone_fund(milestone=cast.milestone, by=cast.client)] * 20
    )
    assert not [o for o in outcomes if isinstance(o, Exception) and not isinstance(o, DomainError)]
    assert ProviderOperation.objects.filter(kind=OperationKind.PAYMENT_INTENT).count() == 1
    assert LedgerTransaction.objects.filter(kind=LedgerKind.FUNDING).count() == 1
    assert state(cast.milestone) == "funded"


def test_twenty_concurrent_posts_with_one_idempotency_key_answer_alike() -> None:
    from tests.conftest import client_for

    cast = make_cast()
    services.milestone_fund(milestone=cast.milestone, by=cast.client)
    path = f"/api/v1/payments/milestones/{cast.milestone.pk}/release/"

    def post() -> Any:
        response = client_for(cast.client).post(path, HTTP_IDEMPOTENCY_KEY="release-once")
        return response.status_code, response.json()

    outcomes = race([post] * 20)
    # One effect, and every duplicate replayed the first answer
    assert {o[0] for o in outcomes} == {200}, outcomes
    assert len({json.dumps(o[1], sort_keys=True) for o in outcomes}) == 1
    assert ProviderOperation.objects.filter(kind=OperationKind.TRANSFER).count() == 1
    assert LedgerTransaction.objects.filter(kind=LedgerKind.RELEASE).count() == 1
