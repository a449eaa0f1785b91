"""Disputes in the fake: created and closed by the test (as the card network would), read
and updated through the SDK. Enforced as Stripe documents it: evidence keys must be Stripe's
(unknown parameters are refused), 20,000 characters a text field and 150,000 together,
`submit=false` stages, `submit=true` sends to the bank (status `under_review`), and after
that, once the dispute is closed, or past the evidence deadline, nothing can be changed.
The disputed amount leaves the platform balance when the dispute opens and comes back if it
is won."""

from __future__ import annotations

import time
import typing
from typing import Any

from stripe.params._dispute_update_params import DisputeUpdateParamsEvidence

EVIDENCE_KEYS = frozenset(typing.get_type_hints(DisputeUpdateParamsEvidence))
OPEN = ("needs_response", "warning_needs_response")


class DisputesMixin:
    """Mixed into `FakeStripe` (which provides the storage, events and errors used here)."""

    def dispute(self: Any, charge_id: str) -> dict[str, Any]:
        """The cardholder's bank opens a dispute on the whole charge."""
        charge = self.objects[charge_id]
        dispute = self._store(
            "du",
            {
                "object": "dispute",
                "charge": charge_id,
                "payment_intent": charge["payment_intent"],
                "amount": charge["amount"] - charge["amount_refunded"],
                "currency": charge["currency"],
                "reason": "fraudulent",
                "status": "needs_response",
                "is_charge_refundable": False,
                "evidence": dict.fromkeys(sorted(EVIDENCE_KEYS)),
                "evidence_details": {
                    "due_by": int(time.time()) + 7 * 86400,
                    "has_evidence": False,
                    "past_due": False,
                    "submission_count": 0,
                },
            },
        )
        currency = charge["currency"]
        self.platform_balance[currency] = self.platform_balance.get(currency, 0) - dispute["amount"]
        return self._event("charge.dispute.created", dispute)

    def close_dispute(self: Any, dispute_id: str, status: str) -> dict[str, Any]:
        """The bank decides: `won` returns the amount to the platform, `lost` keeps it."""
        dispute = self.objects[dispute_id]
        dispute["status"] = status
        if status == "won":
            currency = dispute["currency"]
            self.platform_balance[currency] += dispute["amount"]
        return self._event("charge.dispute.closed", dispute)

    def _get_disputes(self: Any, path: str, rest: list[str], params: dict[str, Any]) -> Any:
        return self._get(rest[0], "dispute")

    def _post_disputes(self: Any, path: str, rest: list[str], params: dict[str, Any]) -> Any:
        from tests.payments.fake_stripe.server import StripeFailure

        dispute = self._get(rest[0], "dispute")
        evidence = params.get("evidence", {})
        unknown = sorted(set(evidence) - EVIDENCE_KEYS)
        if unknown:
            raise StripeFailure(
                400, "parameter_unknown", f"Received unknown parameter: evidence[{unknown[0]}]"
            )
        long_field = next((k for k, v in evidence.items() if len(v) > 20_000), None)
        if long_field:
            raise StripeFailure(400, "parameter_invalid_string_too_long", long_field)
        if dispute["status"] not in OPEN:
            raise StripeFailure(
                400,
                "dispute_already_submitted"
                if dispute["status"] == "under_review"
                else "dispute_closed",
                "This dispute can no longer be updated.",
            )
        if time.time() > dispute["evidence_details"]["due_by"]:
            # Stripe refuses evidence after the bank's deadline.
            dispute["evidence_details"]["past_due"] = True
            raise StripeFailure(400, "dispute_past_due", "The evidence is past due.")
        merged = {**dispute["evidence"], **evidence}
        if sum(len(v) for v in merged.values() if v) > 150_000:
            raise StripeFailure(400, "parameter_invalid_string_too_long", "evidence")
        dispute["evidence"] = merged
        dispute["evidence_details"]["has_evidence"] = any(merged.values())
        if params.get("submit", "true") == "true":  # Stripe's default is to submit
            dispute["status"] = "under_review"
            dispute["evidence_details"]["submission_count"] += 1
        self._event("charge.dispute.updated", dispute)
        return dispute
