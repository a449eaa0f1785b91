"""Stripe webhooks through the real view with payloads signed in the test."""

from __future__ import annotations

import json
import threading
import time
from typing import Any

import pytest
from django.db import connection, connections
from rest_framework.test import APIClient

from payments.escrow import services
from payments.escrow.models import MilestonePayment, PayoutAccount
from payments.ledger.models import LedgerKind, LedgerTransaction
from payments.tasks import webhook_events_retry
from payments.webhooks.models import WebhookEvent
from tests.payments.conftest import Cast, make_cast
from tests.payments.fake_stripe.server import FakeStripe
from tests.payments.fake_stripe.signing import sign
from tests.payments.helpers import balances, state
from tests.payments.stripe_flow import PLATFORM, deliver, fund_and_pay, onboard


@pytest.mark.django_db
def test_the_same_event_twice_has_one_effect(
    cast: Cast, fake_stripe: FakeStripe, django_capture_on_commit_callbacks: Any
) -> None:
    capture = django_capture_on_commit_callbacks
    onboard(fake_stripe, capture, cast)
    payment = fund_and_pay(fake_stripe, capture, cast)
    event = fake_stripe.events[-1]
    assert event["type"] == "payment_intent.succeeded"
    # When Stripe delivers it again
    response = deliver(capture, event)
    assert response.status_code == 200
    assert response.json() == {"received": event["id"]}
    # Then it was stored once and booked once
    assert WebhookEvent.objects.filter(pk=event["id"]).count() == 1
    assert LedgerTransaction.objects.filter(kind=LedgerKind.FUNDING).count() == 1
    payment.refresh_from_db()
    assert payment.state == "funded"


@pytest.mark.django_db
@pytest.mark.parametrize("problem", ["bad_signature", "stale", "wrong_secret", "missing"])
def test_bad_or_stale_signatures_are_refused_and_change_nothing(
    cast: Cast, fake_stripe: FakeStripe, django_capture_on_commit_callbacks: Any, problem: str
) -> None:
    capture = django_capture_on_commit_callbacks
    with capture(execute=True):
        services.milestone_fund(milestone=cast.milestone, by=cast.client)
    pi = MilestonePayment.objects.get(milestone=cast.milestone).payment_intent_id
    event = fake_stripe.succeed_payment_intent(pi)
    payload = json.dumps(event)
    header = {
        "bad_signature": sign(payload, "whsec_platform_test").replace("v1=", "v1=00"),
        "stale": sign(payload, "whsec_platform_test", timestamp=int(time.time()) - 301),
        "wrong_secret": sign(payload, "whsec_other"),
        "missing": "",
    }[problem]
    with capture(execute=True):
        response = APIClient().post(
            PLATFORM, data=payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=header
        )
    assert response.status_code == 400
    assert response.json()["code"] == "webhook_invalid"
    assert WebhookEvent.objects.count() == 0
    assert state(cast.milestone) == "funding"
    assert LedgerTransaction.objects.count() == 0


@pytest.mark.django_db
def test_out_of_order_account_events_converge_on_the_current_account(
    cast: Cast, fake_stripe: FakeStripe, django_capture_on_commit_callbacks: Any
) -> None:
    capture = django_capture_on_commit_callbacks
    account = onboard(fake_stripe, capture, cast)
    # Given the account was disabled, then enabled again at Stripe
    disabled = fake_stripe.activate_account(account.account_id, active=False)
    enabled = fake_stripe.activate_account(account.account_id, active=True)
    # When the events arrive newest first
    deliver(capture, enabled, connect=True)
    deliver(capture, disabled, connect=True)
    # Then the account reflects Stripe's current state, not the last snapshot delivered
    account.refresh_from_db()
    assert account.ready


@pytest.mark.django_db
def test_an_event_before_its_row_is_kept_and_retried(
    cast: Cast, fake_stripe: FakeStripe, django_capture_on_commit_callbacks: Any
) -> None:
    capture = django_capture_on_commit_callbacks
    # Given an account.updated for an account whose row we have not stored yet
    PayoutAccount.objects.filter(user=cast.freelancer).delete()
    acct = fake_stripe._post_accounts(
        "/v1/accounts",
        [],
        {"email": "x@example.test", "capabilities": {"transfers": {"requested": "true"}}},
    )
    event = fake_stripe.activate_account(acct["id"])
    # When it arrives it is acknowledged, stored, and not applied
    assert deliver(capture, event, connect=True).status_code == 200
    stored = WebhookEvent.objects.get(pk=event["id"])
    assert stored.processed_at is None
    assert stored.error.startswith("not_ready")
    # When the row appears and the retry job runs
    PayoutAccount.objects.create(user=cast.freelancer, provider="stripe", account_id=acct["id"])
    with capture(execute=True):
        assert webhook_events_retry() == 1
    stored.refresh_from_db()
    assert stored.processed_at is not None
    assert stored.attempts == 2
    assert PayoutAccount.objects.get(user=cast.freelancer).ready


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("outcome", "final"),
    [("won", "submitted"), ("warning_closed", "submitted"), ("lost", "charged_back")],
)
def test_chargebacks_freeze_then_resume_or_book(
    cast: Cast,
    fake_stripe: FakeStripe,
    django_capture_on_commit_callbacks: Any,
    outcome: str,
    final: str,
) -> None:
    capture = django_capture_on_commit_callbacks
    onboard(fake_stripe, capture, cast)
    payment = fund_and_pay(fake_stripe, capture, cast)
    with capture(execute=True):
        services.milestone_submit(milestone=cast.milestone, by=cast.freelancer)
    opened = fake_stripe.dispute(payment.charge_id)
    deliver(capture, opened)
    assert state(cast.milestone) == "disputed"
    deliver(capture, fake_stripe.close_dispute(opened["data"]["object"]["id"], outcome))
    assert state(cast.milestone) == final
    expected = {"escrow": 100_000, "client": -100_000} if outcome != "lost" else {}
    assert balances(cast.milestone) == expected


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs row locks")
def test_ten_concurrent_deliveries_of_one_event_have_one_effect(settings: Any) -> None:
    import stripe as stripe_sdk

    from payments.providers import set_provider
    from payments.providers.stripe_connect import StripeConnectProvider

    fake = FakeStripe()
    set_provider(
        StripeConnectProvider(
            stripe_sdk.StripeClient("sk_test_fake", http_client=fake, max_network_retries=0),
            test_mode=True,
        )
    )
    settings.STRIPE_WEBHOOK_SECRET = "whsec_platform_test"
    try:
        cast = make_cast()
        services.milestone_fund(milestone=cast.milestone, by=cast.client)  # commits; task runs
        pi = MilestonePayment.objects.get(milestone=cast.milestone).payment_intent_id
        payload = json.dumps(fake.succeed_payment_intent(pi))
        barrier = threading.Barrier(10)
        codes: list[int] = []

        def post() -> None:
            try:
                barrier.wait(timeout=10)
                response = APIClient().post(
                    PLATFORM,
                    data=payload,
                    content_type="application/json",
                    HTTP_STRIPE_SIGNATURE=sign(payload, "whsec_platform_test"),
                )
                codes.append(response.status_code)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=post) for _ in range(10)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert codes == [200] * 10
        assert WebhookEvent.objects.count() == 1
        assert LedgerTransaction.objects.filter(kind=LedgerKind.FUNDING).count() == 1
        assert state(cast.milestone) == "funded"
    finally:
        set_provider(None)


@pytest.mark.django_db
def test_without_a_configured_secret_nothing_is_accepted(settings: Any) -> None:
    # Given the offline mode (no webhook secret), and an event "signed" with an empty key
    settings.STRIPE_WEBHOOK_SECRET = ""
    payload = json.dumps({"id": "evt_forged", "type": "payment_intent.succeeded"})
    response = APIClient().post(
        PLATFORM,
        data=payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=sign(payload, ""),
    )
    assert response.status_code == 400
    assert WebhookEvent.objects.count() == 0


@pytest.mark.django_db
def test_partial_refunds_made_in_the_dashboard_are_booked_once(
    cast: Cast, fake_stripe: FakeStripe, django_capture_on_commit_callbacks: Any
) -> None:
    capture = django_capture_on_commit_callbacks
    onboard(fake_stripe, capture, cast)
    payment = fund_and_pay(fake_stripe, capture, cast)
    # Given an operator refunds 200.00 by hand in the Stripe Dashboard
    event = fake_stripe.dashboard_refund(payment.payment_intent_id, 20_000)
    assert event["type"] == "charge.refunded"
    deliver(capture, event)
    deliver(capture, event)
    # Then the ledger knows, once, and the rest is still held
    assert balances(cast.milestone) == {"escrow": 80_000, "client": -80_000}
    assert state(cast.milestone) == "funded"
    # And a second event (for our own refund of the rest) books nothing extra
    with django_capture_on_commit_callbacks(execute=True):
        services.milestone_refund(milestone=cast.milestone, by=cast.client)
    deliver(capture, fake_stripe.events[-1])
    assert balances(cast.milestone) == {}
    assert state(cast.milestone) == "refunded"
