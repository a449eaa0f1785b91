"""Steps of the Stripe Connect flow shared by the provider and webhook suites."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from rest_framework.test import APIClient

from payments.escrow import services
from payments.escrow.models import MilestonePayment, PayoutAccount
from payments.escrow.payouts import payout_account_onboarding_link
from tests.payments.conftest import Cast
from tests.payments.fake_stripe.server import FakeStripe
from tests.payments.fake_stripe.signing import sign

PLATFORM = "/api/v1/payments/webhooks/stripe/"
CONNECT = "/api/v1/payments/webhooks/stripe-connect/"


def deliver(
    capture: Any,
    event: dict[str, Any],
    *,
    connect: bool = False,
    secret: str | None = None,
    timestamp: int | None = None,
) -> Any:
    """POST `event` to our webhook endpoint, signed as Stripe signs it; run what commits."""
    payload = json.dumps(event)
    secret = secret or (
        settings.STRIPE_CONNECT_WEBHOOK_SECRET if connect else settings.STRIPE_WEBHOOK_SECRET
    )
    with capture(execute=True):
        return APIClient().post(
            CONNECT if connect else PLATFORM,
            data=payload,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=sign(payload, secret, timestamp=timestamp),
        )


def onboard(
    fake: FakeStripe, capture: Any, cast: Cast, *, country: str | None = None
) -> PayoutAccount:
    """The freelancer completes Stripe's hosted onboarding; readiness arrives by webhook."""
    PayoutAccount.objects.filter(user=cast.freelancer).delete()
    url = payout_account_onboarding_link(user=cast.freelancer)
    assert url.startswith("https://connect.stripe.test/setup/")
    account = PayoutAccount.objects.get(user=cast.freelancer)
    assert not account.ready
    event = fake.activate_account(account.account_id, country=country)
    assert deliver(capture, event, connect=True).status_code == 200
    account.refresh_from_db()
    return account


def fund_and_pay(fake: FakeStripe, capture: Any, cast: Cast) -> MilestonePayment:
    """The client funds; Stripe.js confirms the card; `payment_intent.succeeded` arrives."""
    with capture(execute=True):
        services.milestone_fund(milestone=cast.milestone, by=cast.client)
    payment = MilestonePayment.objects.get(milestone=cast.milestone)
    assert payment.state == "funding"
    assert payment.client_secret
    event = fake.succeed_payment_intent(payment.payment_intent_id)
    assert deliver(capture, event).status_code == 200
    payment.refresh_from_db()
    return payment
