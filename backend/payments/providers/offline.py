"""The embedded default: every card payment and payout succeeds at once, nothing leaves the
machine, and every response says it is test mode. Ids are derived from the idempotency key,
so a replayed call returns the same object, as Stripe's would."""

from __future__ import annotations

import hashlib

from payments.providers.base import AccountInfo, DisputeInfo, MoneyMovement, PaymentIntentInfo


def _id(prefix: str, key: str) -> str:
    return f"{prefix}_offline_{hashlib.sha256(key.encode()).hexdigest()[:20]}"


class OfflineProvider:
    name = "offline"
    test_mode = True

    def account_create(self, *, user_id: int, email: str, idempotency_key: str) -> AccountInfo:
        return AccountInfo(
            id=_id("acct", idempotency_key),
            transfers_active=True,
            payouts_enabled=True,
            card_payments_active=True,
        )

    def account_retrieve(self, *, account_id: str) -> AccountInfo:
        return AccountInfo(id=account_id, transfers_active=True, payouts_enabled=True)

    def account_link_create(self, *, account_id: str, refresh_url: str, return_url: str) -> str:
        # Nothing to fill in offline: the account is ready; send the user straight back.
        return return_url

    def payment_intent_create(
        self,
        *,
        amount: int,
        currency: str,
        transfer_group: str,
        metadata: dict[str, str],
        idempotency_key: str,
        on_behalf_of: str = "",
    ) -> PaymentIntentInfo:
        pi = _id("pi", idempotency_key)
        return PaymentIntentInfo(
            id=pi,
            status="succeeded",
            amount=amount,
            currency=currency,
            client_secret="",
            latest_charge=_id("ch", idempotency_key),
            metadata=metadata,
        )

    def payment_intent_retrieve(self, *, payment_intent_id: str) -> PaymentIntentInfo:
        raise NotImplementedError("offline payments succeed at creation; nothing to retrieve")

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
    ) -> MoneyMovement:
        return MoneyMovement(id=_id("tr", idempotency_key), amount=amount, metadata=metadata)

    def transfers_list(self, *, transfer_group: str) -> list[MoneyMovement]:
        return []

    def refund_create(
        self, *, payment_intent_id: str, amount: int, metadata: dict[str, str], idempotency_key: str
    ) -> MoneyMovement:
        return MoneyMovement(id=_id("re", idempotency_key), amount=amount, metadata=metadata)

    def refunds_list(self, *, payment_intent_id: str) -> list[MoneyMovement]:
        return []

    def transfer_reversal_create(
        self, *, transfer_id: str, amount: int, metadata: dict[str, str], idempotency_key: str
    ) -> MoneyMovement:
        return MoneyMovement(id=_id("trr", idempotency_key), amount=amount, metadata=metadata)

    def transfer_reversals_list(self, *, transfer_id: str) -> list[MoneyMovement]:
        return []

    # No card network offline, so no chargebacks: nothing ever refers to a dispute here.
    def dispute_retrieve(self, *, dispute_id: str) -> DisputeInfo:
        raise NotImplementedError("offline payments have no chargebacks")

    def dispute_update(
        self, *, dispute_id: str, evidence: dict[str, str], submit: bool, idempotency_key: str
    ) -> DisputeInfo:
        raise NotImplementedError("offline payments have no chargebacks")
