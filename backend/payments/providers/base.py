"""The provider interface: what escrow needs from a payment provider, in our own types."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol


class ProviderError(Exception):
    """The provider refused definitively (4xx): nothing happened, retrying will not help."""

    def __init__(self, code: str, message: str = "") -> None:
        self.code = code
        super().__init__(f"{code}: {message}")


class ProviderUnavailable(Exception):
    """No answer or a 5xx: the call may or may not have taken effect — reconcile first."""


@dataclass(frozen=True)
class AccountInfo:
    id: str
    transfers_active: bool
    payouts_enabled: bool
    country: str = ""
    card_payments_active: bool = False


@dataclass(frozen=True)
class DisputeInfo:
    """A card dispute (chargeback) as the provider reports it."""

    id: str
    charge: str
    amount: int
    status: str
    evidence: dict[str, str] = field(default_factory=dict)
    submission_count: int = 0

    @property
    def closed(self) -> bool:
        # `warning_closed`: an inquiry that never became a chargeback (nothing was taken).
        return self.status in ("won", "lost", "warning_closed")


@dataclass(frozen=True)
class PaymentIntentInfo:
    id: str
    status: str
    amount: int
    currency: str
    client_secret: str = ""
    latest_charge: str = ""
    metadata: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class MoneyMovement:
    """A transfer, refund or reversal as the provider reports it."""

    id: str
    amount: int
    metadata: dict[str, str] = field(default_factory=dict)


class Provider(Protocol):
    name: str
    test_mode: bool

    def account_create(self, *, user_id: int, email: str, idempotency_key: str) -> AccountInfo: ...

    def account_retrieve(self, *, account_id: str) -> AccountInfo: ...

    def account_link_create(self, *, account_id: str, refresh_url: str, return_url: str) -> str: ...

    def payment_intent_create(
        self,
        *,
        amount: int,
        currency: str,
        transfer_group: str,
        metadata: dict[str, str],
        idempotency_key: str,
        on_behalf_of: str = "",
    ) -> PaymentIntentInfo: ...

    def payment_intent_retrieve(self, *, payment_intent_id: str) -> PaymentIntentInfo: ...

    def transfer_create(
        self,
        *,
        amount: int,
        currency: str,
        destination: str,
        transfer_group: str,
        source_transaction: str,
        metadata: dict[str, str],
        idempotency_key: str,
    ) -> MoneyMovement: ...

    def transfers_list(self, *, transfer_group: str) -> list[MoneyMovement]: ...

    def refund_create(
        self, *, payment_intent_id: str, amount: int, metadata: dict[str, str], idempotency_key: str
    ) -> MoneyMovement: ...

    def refunds_list(self, *, payment_intent_id: str) -> list[MoneyMovement]: ...

    def transfer_reversal_create(
        self, *, transfer_id: str, amount: int, metadata: dict[str, str], idempotency_key: str
    ) -> MoneyMovement: ...

    def transfer_reversals_list(self, *, transfer_id: str) -> list[MoneyMovement]: ...

    def dispute_retrieve(self, *, dispute_id: str) -> DisputeInfo: ...

    def dispute_update(
        self, *, dispute_id: str, evidence: dict[str, str], submit: bool, idempotency_key: str
    ) -> DisputeInfo: ...
