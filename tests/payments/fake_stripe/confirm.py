"""The browser's side of a PaymentIntent: `POST /v1/payment_intents/{id}/confirm` as Stripe.js
sends it (publishable key and client secret in the form body, the card from the Payment
Element as `payment_method_data`).

Stripe's test cards decide the outcome, as in Stripe's test mode (docs.stripe.com/testing):
4000 0000 0000 0002 is declined (`card_declined`, HTTP 402, the intent goes back to
`requires_payment_method` with `last_payment_error`); any other number succeeds, which makes a
charge and queues `payment_intent.succeeded` like `succeed_payment_intent`.
"""

from __future__ import annotations

from typing import Any

DECLINED_CARD = "4000000000000002"


class ConfirmMixin:
    """Mixed into `FakeStripe` (storage, lock, events and `StripeFailure` come from there)."""

    def _confirm_payment_intent(self: Any, pi_id: str, params: dict[str, Any]) -> dict[str, Any]:
        from tests.payments.fake_stripe.server import StripeFailure

        pi = self._get(pi_id, "payment_intent")
        from_browser = params.get("key", "").startswith("pk_")
        if from_browser and params.get("client_secret") != pi["client_secret"]:
            raise StripeFailure(
                400,
                "payment_intent_invalid_parameter",
                "The client_secret provided does not match the client_secret associated with "
                "the PaymentIntent.",
            )
        # Stripe's errors about an intent carry the intent itself (Stripe.js hands it on).
        if pi["status"] == "succeeded":
            raise StripeFailure(
                400,
                "payment_intent_unexpected_state",
                "You cannot confirm this PaymentIntent because it has already succeeded after "
                "being previously confirmed.",
                extra={"payment_intent": dict(pi)},
            )
        card = params.get("payment_method_data", {}).get("card", {})
        if str(card.get("number", "")).replace(" ", "") == DECLINED_CARD:
            pi["status"] = "requires_payment_method"
            pi["last_payment_error"] = {
                "type": "card_error",
                "code": "card_declined",
                "decline_code": "generic_decline",
                "message": "Your card was declined.",
            }
            raise StripeFailure(
                402,
                "card_declined",
                "Your card was declined.",
                "card_error",
                extra={"decline_code": "generic_decline", "payment_intent": dict(pi)},
            )
        self.succeed_payment_intent(pi_id)
        pi["last_payment_error"] = None
        return dict(pi)
