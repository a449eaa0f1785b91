"""Every model of the payments app, for Django's registry."""

from payments.escrow.models import (
    Chargeback,
    DisputedPayment,
    EscrowState,
    IdempotencyRecord,
    MilestonePayment,
    OperationKind,
    OperationStatus,
    PaymentAudit,
    PayoutAccount,
    ProviderOperation,
)
from payments.ledger.models import LedgerAccount, LedgerEntry, LedgerKind, LedgerTransaction
from payments.webhooks.models import WebhookEvent

__all__ = [
    "Chargeback",
    "DisputedPayment",
    "EscrowState",
    "IdempotencyRecord",
    "LedgerAccount",
    "LedgerEntry",
    "LedgerKind",
    "LedgerTransaction",
    "MilestonePayment",
    "OperationKind",
    "OperationStatus",
    "PaymentAudit",
    "PayoutAccount",
    "ProviderOperation",
    "WebhookEvent",
]
