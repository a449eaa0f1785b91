"""`on_behalf_of` on the PaymentIntent when the freelancer is in another Stripe region than
the platform (design notes §1), through the real SDK against the fake, which refuses what
Stripe refuses: cross-region transfers from a charge not settled for that account, and
`on_behalf_of` an account without the `card_payments` capability."""

from __future__ import annotations

from typing import Any

import pytest

from common.errors import DomainError
from payments.escrow import services
from payments.escrow.models import MilestonePayment, PayoutAccount, ProviderOperation
from payments.providers import get_provider
from payments.providers.base import ProviderError
from tests.payments.conftest import Cast
from tests.payments.fake_stripe.server import FakeStripe
from tests.payments.helpers import balances, state
from tests.payments.stripe_flow import fund_and_pay, onboard

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _platform_in_germany(settings: Any) -> None:
    settings.PAYMENTS_PLATFORM_COUNTRY = "DE"


def test_a_freelancer_in_another_region_is_paid_through_a_charge_on_their_behalf(
    cast: Cast, fake_stripe: FakeStripe, django_capture_on_commit_callbacks: Any
) -> None:
    capture = django_capture_on_commit_callbacks
    account = onboard(fake_stripe, capture, cast, country="US")
    assert (account.country, account.card_payments_active, account.ready) == ("US", True, True)
    paid = fund_and_pay(fake_stripe, capture, cast)
    intent = fake_stripe.objects[paid.payment_intent_id]
    assert intent["on_behalf_of"] == account.account_id
    assert fake_stripe.objects[paid.charge_id]["on_behalf_of"] == account.account_id
    with capture(execute=True):
        services.milestone_release(milestone=cast.milestone, by=cast.client)
    assert state(cast.milestone) == "released"
    [transfer] = fake_stripe.of_type("transfer")
    assert (transfer["destination"], transfer["amount"]) == (account.account_id, 90_000)
    assert balances(cast.milestone) == {
        "client": -100_000,
        "freelancer": 90_000,
        "platform_fee": 10_000,
    }


@pytest.mark.parametrize("country", ["DE", "FR", "GB"])
def test_a_freelancer_in_the_same_region_gets_a_plain_platform_charge(
    cast: Cast, fake_stripe: FakeStripe, django_capture_on_commit_callbacks: Any, country: str
) -> None:
    capture = django_capture_on_commit_callbacks
    onboard(fake_stripe, capture, cast, country=country)
    paid = fund_and_pay(fake_stripe, capture, cast)
    assert fake_stripe.objects[paid.payment_intent_id]["on_behalf_of"] is None
    with capture(execute=True):
        services.milestone_release(milestone=cast.milestone, by=cast.client)
    assert state(cast.milestone) == "released"


def test_without_card_payments_a_cross_region_funding_is_refused_and_writes_nothing(
    cast: Cast, fake_stripe: FakeStripe, django_capture_on_commit_callbacks: Any
) -> None:
    capture = django_capture_on_commit_callbacks
    onboard(fake_stripe, capture, cast, country="US")
    PayoutAccount.objects.filter(user=cast.freelancer).update(card_payments_active=False)
    with pytest.raises(DomainError) as refused, capture(execute=True):
        services.milestone_fund(milestone=cast.milestone, by=cast.client)
    assert refused.value.code == "payout_account_not_ready"
    assert not MilestonePayment.objects.filter(milestone=cast.milestone).exists()
    assert ProviderOperation.objects.count() == 0
    assert fake_stripe.of_type("payment_intent") == []


def test_the_fake_refuses_what_stripe_refuses_across_regions(
    cast: Cast, fake_stripe: FakeStripe, django_capture_on_commit_callbacks: Any
) -> None:
    capture = django_capture_on_commit_callbacks
    us = onboard(fake_stripe, capture, cast, country="US")
    provider = get_provider()
    # A platform charge (no on_behalf_of) cannot be transferred to a US account
    intent = provider.payment_intent_create(
        amount=5_000, currency="EUR", transfer_group="g", metadata={}, idempotency_key="pi1"
    )
    fake_stripe.succeed_payment_intent(intent.id)
    charge = fake_stripe.objects[intent.id]["latest_charge"]
    with pytest.raises(ProviderError):
        provider.transfer_create(
            amount=4_000,
            currency="EUR",
            destination=us.account_id,
            transfer_group="g",
            source_transaction=charge,
            metadata={},
            idempotency_key="tr1",
        )
    assert fake_stripe.of_type("transfer") == []
    # on_behalf_of an account whose card_payments capability is not active is refused
    fake_stripe.objects[us.account_id]["capabilities"]["card_payments"] = "inactive"
    with pytest.raises(ProviderError):
        provider.payment_intent_create(
            amount=5_000,
            currency="EUR",
            transfer_group="g",
            metadata={},
            idempotency_key="pi2",
            on_behalf_of=us.account_id,
        )
    assert len(fake_stripe.of_type("payment_intent")) == 1
