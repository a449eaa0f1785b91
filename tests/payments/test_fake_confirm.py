"""The fake Stripe's browser-side confirmation (what the Stripe.js test double calls), checked
through Stripe's own SDK so the fake stays faithful to Stripe's answers: the client secret
must match, a declined test card is a card_error and leaves the intent confirmable, a good card
succeeds once and queues payment_intent.succeeded."""

from __future__ import annotations

from typing import Any, cast

import pytest
import stripe

from tests.payments.fake_stripe.confirm import DECLINED_CARD
from tests.payments.fake_stripe.server import FakeStripe


@pytest.fixture
def sdk() -> tuple[stripe.StripeClient, FakeStripe]:
    fake = FakeStripe()
    return stripe.StripeClient("pk_test_fake", http_client=fake, max_network_retries=0), fake


def _confirm(client: stripe.StripeClient, pi_id: str, **params: Any) -> stripe.PaymentIntent:
    """As Stripe.js sends it: the publishable key and client secret among the parameters (the
    SDK's typed parameters are the server-side ones, hence the cast)."""
    return client.v1.payment_intents.confirm(pi_id, cast(Any, {"key": "pk_test_fake", **params}))


def _card(number: str) -> dict[str, Any]:
    return {"type": "card", "card": {"number": number, "exp_month": "12", "exp_year": "34"}}


def test_confirm_from_the_browser(sdk: tuple[stripe.StripeClient, FakeStripe]) -> None:
    client, fake = sdk
    pi = client.v1.payment_intents.create({"amount": 5000, "currency": "eur"})
    assert (pi.client_secret or "").startswith(f"{pi.id}_secret_")

    with pytest.raises(stripe.InvalidRequestError, match="does not match"):
        _confirm(client, pi.id, client_secret="pi_other_secret_x")

    with pytest.raises(stripe.CardError) as declined:
        _confirm(
            client,
            pi.id,
            client_secret=pi.client_secret,
            payment_method_data=_card(DECLINED_CARD),
        )
    assert declined.value.code == "card_declined"
    assert declined.value.error is not None
    assert declined.value.error.decline_code == "generic_decline"
    assert client.v1.payment_intents.retrieve(pi.id).status == "requires_payment_method"
    assert fake.events == []

    confirmed = _confirm(
        client,
        pi.id,
        client_secret=pi.client_secret,
        payment_method_data=_card("4242424242424242"),
    )
    assert confirmed.status == "succeeded"
    assert [e["type"] for e in fake.events] == ["payment_intent.succeeded"]

    with pytest.raises(stripe.InvalidRequestError, match="already succeeded") as again:
        _confirm(client, pi.id, client_secret=pi.client_secret)
    answer = cast(dict[str, Any], again.value.json_body)
    assert answer["error"]["payment_intent"]["status"] == "succeeded"
