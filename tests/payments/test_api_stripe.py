"""The escrow flow through the API on the Stripe Connect path (real SDK, fake Stripe),
committed as in production so each request's tasks run right after its commit."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from payments.escrow.models import PayoutAccount
from tests.conftest import client_for
from tests.payments.conftest import make_cast
from tests.payments.fake_stripe.server import FakeStripe
from tests.payments.fake_stripe.signing import sign
from tests.payments.helpers import balances, state
from tests.payments.stripe_flow import CONNECT, PLATFORM

pytestmark = pytest.mark.django_db(transaction=True)


def _deliver(event: dict[str, Any], *, connect: bool = False) -> int:
    payload = json.dumps(event)
    secret = settings.STRIPE_CONNECT_WEBHOOK_SECRET if connect else settings.STRIPE_WEBHOOK_SECRET
    response = APIClient().post(
        CONNECT if connect else PLATFORM,
        data=payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=sign(payload, secret),
    )
    return response.status_code


def test_stripe_escrow_flow_through_the_api(fake_stripe: FakeStripe) -> None:
    cast = make_cast(ready=False)
    client, freelancer = client_for(cast.client), client_for(cast.freelancer)
    base = f"/api/v1/payments/milestones/{cast.milestone.pk}/"

    # Onboarding: a Stripe-hosted link; ready only once account.updated says so
    link = freelancer.post("/api/v1/payments/payout-account/onboarding-link/").json()
    assert link == {"url": link["url"], "test_mode": True}
    assert link["url"].startswith("https://connect.stripe.test/setup/")
    assert freelancer.get("/api/v1/payments/payout-account/").json()["ready"] is False
    account = PayoutAccount.objects.get(user=cast.freelancer)
    assert _deliver(fake_stripe.activate_account(account.account_id), connect=True) == 200
    assert freelancer.get("/api/v1/payments/payout-account/").json()["ready"] is True

    # Fund: the response carries the client secret for Stripe.js; the freelancer never sees it
    funding = client.post(base + "fund/", HTTP_IDEMPOTENCY_KEY="f1").json()
    assert funding["state"] == "funding"
    assert funding["provider"] == "stripe"
    (pi,) = fake_stripe.of_type("payment_intent")
    assert funding["client_secret"] == pi["client_secret"]
    assert funding["client_secret"].startswith(pi["id"] + "_secret_")
    assert funding["publishable_key"] == "pk_test_fake"
    assert freelancer.get(base).json()["client_secret"] is None

    # Stripe.js confirms; the webhook funds the milestone
    assert _deliver(fake_stripe.succeed_payment_intent(pi["id"])) == 200
    assert client.get(base).json()["state"] == "funded"

    assert freelancer.post(base + "submit/").json()["state"] == "submitted"
    released = client.post(base + "release/", HTTP_IDEMPOTENCY_KEY="r1").json()
    assert released["state"] == "released"
    (transfer,) = fake_stripe.of_type("transfer")
    assert transfer["amount"] == 90_000
    assert state(cast.milestone) == "released"
    assert balances(cast.milestone) == {
        "client": -100_000,
        "freelancer": 90_000,
        "platform_fee": 10_000,
    }
