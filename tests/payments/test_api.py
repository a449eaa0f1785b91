"""The payments API: the escrow flow end to end on the offline provider, who may call what,
and `Idempotency-Key` on the money endpoints."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from payments.escrow.models import ProviderOperation
from payments.ledger.models import LedgerTransaction
from tests.conftest import client_for
from tests.payments.conftest import Cast, make_cast
from tests.payments.helpers import balances

pytestmark = pytest.mark.django_db


def url(cast: Cast, action: str = "") -> str:
    base = f"/api/v1/payments/milestones/{cast.milestone.pk}/"
    return base + (f"{action}/" if action else "")


@pytest.mark.django_db(transaction=True)
def test_escrow_flow_end_to_end_through_the_api() -> None:
    # Committed transactions, as in production: each request's tasks run right after its
    # commit (eagerly), before the response is rendered.
    cast = make_cast(ready=False)
    client, freelancer = client_for(cast.client), client_for(cast.freelancer)

    def post(api: APIClient, action: str, **body: Any) -> Any:
        return api.post(url(cast, action), body, format="json")

    # The freelancer sets up payouts (offline: ready at once, test mode)
    status = freelancer.get("/api/v1/payments/payout-account/").json()
    assert status == {"provider": "offline", "test_mode": True, "onboarded": False, "ready": False}
    link = freelancer.post("/api/v1/payments/payout-account/onboarding-link/").json()
    assert link["test_mode"] is True
    assert freelancer.get("/api/v1/payments/payout-account/").json()["ready"] is True

    # Both see the fee before funding
    quote = client.get(url(cast)).json()
    assert quote["state"] == "awaiting_funding"
    assert (quote["fee_minor"], quote["payout_minor"], quote["fee_bps"]) == (10_000, 90_000, 1000)
    assert quote["test_mode"] is True
    assert quote["provider"] == "offline"
    assert freelancer.get(url(cast)).json()["fee_minor"] == 10_000

    # Fund → funded at once offline; submit; release
    funded = post(client, "fund")
    assert funded.status_code == 200, funded.content
    assert funded.json()["state"] == "funded"
    assert funded.json()["client_secret"] is None
    assert funded.json()["publishable_key"] is None
    submitted = post(freelancer, "submit").json()
    assert submitted["state"] == "submitted"
    assert submitted["auto_release_at"] is not None
    released = post(client, "release")
    assert released.json()["state"] == "released"
    assert balances(cast.milestone) == {
        "client": -100_000,
        "freelancer": 90_000,
        "platform_fee": 10_000,
    }

    # The contract page shows the escrow state
    contract = client.get(f"/api/v1/contracts/{cast.milestone.contract_id}/").json()
    assert [m["status"] for m in contract["milestones"]] == ["released"]

    history = client.get(url(cast, "history")).json()
    assert [h["to_state"] for h in history] == [
        "funding",
        "funded",
        "submitted",
        "releasing",
        "released",
    ]
    receipts = freelancer.get(url(cast, "receipts")).json()
    assert [r["kind"] for r in receipts] == ["funding", "release"]
    assert receipts[1]["test_mode"] is True
    assert sorted(e["amount_minor"] for e in receipts[1]["entries"]) == [-100_000, 10_000, 90_000]


def test_refund_and_dispute_through_the_api(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    client = client_for(cast.client)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(cast, "fund"))
    with django_capture_on_commit_callbacks(execute=True):
        partial = client.post(url(cast, "refund"), {"amount_minor": 25_000}, format="json")
    assert partial.json()["state"] == "refunding"
    assert client.get(url(cast)).json()["refunded_minor"] == 25_000
    disputed = client.post(url(cast, "dispute"), {"reason": "Nothing delivered"}, format="json")
    assert disputed.json()["state"] == "disputed"
    refused = client.post(url(cast, "release"))
    assert refused.status_code == 409
    assert refused.json()["code"] == "milestone_disputed"


@pytest.mark.parametrize(
    ("role", "action", "status"),
    [
        ("stranger", "", 404),
        ("stranger", "fund", 404),
        ("stranger", "history", 404),
        ("stranger", "receipts", 404),
        ("anonymous", "fund", 403),
        ("freelancer", "fund", 403),
        ("freelancer", "release", 403),
        ("client", "submit", 403),
    ],
)
def test_only_the_right_party(cast: Cast, role: str, action: str, status: int) -> None:
    api = APIClient() if role == "anonymous" else client_for(getattr(cast, role))
    response = (
        api.post(url(cast, action))
        if action in ("fund", "release", "submit")
        else api.get(url(cast, action))
    )
    assert response.status_code == status, response.content
    assert LedgerTransaction.objects.count() == 0
    assert ProviderOperation.objects.count() == 0


def test_idempotency_key_replays_and_refuses_other_bodies(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    client = client_for(cast.client)
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url(cast, "fund"), HTTP_IDEMPOTENCY_KEY="fund-1")
    again = client.post(url(cast, "fund"), HTTP_IDEMPOTENCY_KEY="fund-1")
    assert (again.status_code, again.json()) == (first.status_code, first.json())
    # Without the key, a second funding is a state conflict — the key is what made it safe
    assert client.post(url(cast, "fund")).status_code == 409
    with django_capture_on_commit_callbacks(execute=True):
        part = client.post(
            url(cast, "refund"), {"amount_minor": 1_000}, format="json", HTTP_IDEMPOTENCY_KEY="r1"
        )
    with django_capture_on_commit_callbacks(execute=True):
        same = client.post(
            url(cast, "refund"), {"amount_minor": 1_000}, format="json", HTTP_IDEMPOTENCY_KEY="r1"
        )
        other = client.post(
            url(cast, "refund"), {"amount_minor": 2_000}, format="json", HTTP_IDEMPOTENCY_KEY="r1"
        )
    assert same.json() == part.json()
    assert other.status_code == 409
    assert other.json()["code"] == "idempotency_key_reused"
    assert client.get(url(cast)).json()["refunded_minor"] == 1_000
    assert ProviderOperation.objects.filter(kind="refund").count() == 1


def test_errors_are_replayed_too(cast: Cast) -> None:
    client = client_for(cast.client)
    first = client.post(url(cast, "release"), HTTP_IDEMPOTENCY_KEY="rel")
    assert first.status_code == 409
    assert client.post(url(cast, "release"), HTTP_IDEMPOTENCY_KEY="rel").json() == first.json()
