"""`Idempotency-Key` after a crash: the claim never outlives a request that died before
committing, and a request that died after committing is answered, not run again."""

from __future__ import annotations

from typing import Any

import pytest

from payments.api import views
from payments.escrow import services
from payments.escrow.models import IdempotencyRecord, OperationKind, ProviderOperation
from payments.ledger.models import LedgerKind, LedgerTransaction
from tests.conftest import client_for
from tests.payments.conftest import Cast, make_cast
from tests.payments.helpers import state

# Committed transactions, as in production: a crash must roll back for real.
pytestmark = pytest.mark.django_db(transaction=True)
KEY = "release-after-crash"


def _funded() -> tuple[Cast, str]:
    cast = make_cast()
    client = client_for(cast.client)
    assert client.post(f"/api/v1/payments/milestones/{cast.milestone.pk}/fund/").status_code == 200
    return cast, f"/api/v1/payments/milestones/{cast.milestone.pk}/release/"


def _transfers() -> tuple[int, int]:
    return (
        ProviderOperation.objects.filter(kind=OperationKind.TRANSFER).count(),
        LedgerTransaction.objects.filter(kind=LedgerKind.RELEASE).count(),
    )


def test_a_crash_before_commit_leaves_no_claim_and_the_retry_runs_once(monkeypatch: Any) -> None:
    cast, path = _funded()
    release = services.milestone_release

    def release_then_die(**kwargs: Any) -> Any:
        release(**kwargs)  # the transfer row is written ...
        raise RuntimeError("worker killed")  # ... and the process dies before committing

    monkeypatch.setattr(services, "milestone_release", release_then_die)
    client = client_for(cast.client)
    client.raise_request_exception = False
    assert client.post(path, HTTP_IDEMPOTENCY_KEY=KEY).status_code == 500
    # Nothing of the crashed request survived: no claim, no transfer, still funded
    assert not IdempotencyRecord.objects.filter(key=KEY).exists()
    assert _transfers() == (0, 0)
    assert state(cast.milestone) == "funded"

    monkeypatch.setattr(services, "milestone_release", release)
    retry = client.post(path, HTTP_IDEMPOTENCY_KEY=KEY)
    assert retry.status_code == 200, retry.content
    assert retry.json()["state"] == "released"
    assert _transfers() == (1, 1)
    again = client.post(path, HTTP_IDEMPOTENCY_KEY=KEY)
    assert (again.status_code, again.json()) == (200, retry.json())
    assert _transfers() == (1, 1)


def test_a_crash_after_commit_is_answered_without_acting_again(monkeypatch: Any) -> None:
    cast, path = _funded()
    render = views.render_payment

    def die(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("killed while answering")

    monkeypatch.setattr(views, "render_payment", die)
    client = client_for(cast.client)
    client.raise_request_exception = False
    assert client.post(path, HTTP_IDEMPOTENCY_KEY=KEY).status_code == 500
    # The release committed (and its transfer ran); the claim has no answer yet
    assert _transfers() == (1, 1)
    assert IdempotencyRecord.objects.get(key=KEY).status_code is None

    monkeypatch.setattr(views, "render_payment", render)
    retry = client.post(path, HTTP_IDEMPOTENCY_KEY=KEY)
    assert retry.status_code == 200, retry.content
    assert retry.json()["state"] == "released"
    assert _transfers() == (1, 1)  # answered, not released twice
    record = IdempotencyRecord.objects.get(key=KEY)
    assert (record.status_code, record.body) == (200, retry.json())
    again = client.post(path, HTTP_IDEMPOTENCY_KEY=KEY)
    assert again.json() == retry.json()


def test_a_refusal_inside_the_claim_is_stored_and_replayed() -> None:
    cast, path = _funded()
    client = client_for(cast.freelancer)
    first = client.post(path, HTTP_IDEMPOTENCY_KEY=KEY)
    assert (first.status_code, first.json()["code"]) == (403, "permission_denied")
    record = IdempotencyRecord.objects.get(key=KEY)
    assert (record.status_code, record.body) == (403, first.json())
    assert client.post(path, HTTP_IDEMPOTENCY_KEY=KEY).json() == first.json()
    assert _transfers() == (0, 0)
