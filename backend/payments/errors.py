"""Error codes of the payments API (listed in the OpenAPI schema through common.errors)."""

from common.errors import register_codes

register_codes(
    {
        "currency_unsupported": "The currency is not supported for payments.",
        "amount_invalid": "Not a positive integer of minor units the currency allows.",
        "refund_too_large": "The refund is larger than what is still refundable.",
        "payout_account_not_ready": "The freelancer has not finished payout onboarding yet.",
        "contract_not_active": "The contract is not active.",
        "milestone_disputed": "The milestone is frozen by a dispute until an admin resolves it.",
        "operation_in_progress": "A payment operation on this milestone is still running.",
        "idempotency_key_reused": "This Idempotency-Key was used with a different request.",
        "chargeback_not_open": "No chargeback on this milestone is waiting for evidence.",
        "chargeback_evidence_submitted": "The chargeback evidence was already submitted.",
        "chargeback_evidence_missing": "No evidence has been given for this chargeback.",
        "reason_required": "A finance decision needs a reason (kept in the audit log).",
        "webhook_invalid": "The webhook signature is missing, invalid or too old.",
        "provider_unavailable": "The payment provider could not be reached; retry shortly.",
    }
)
