"""Stripe Connect, separate charges and transfers, through the official SDK (`StripeClient`).

The one adapter between our types and Stripe's: every money-moving call carries the
deterministic idempotency key the caller derived from a database row, and errors are mapped
to `ProviderError` (definitive 4xx) or `ProviderUnavailable` (no answer / 5xx: ambiguous).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

import stripe

from payments.providers.base import (
    AccountInfo,
    DisputeInfo,
    MoneyMovement,
    PaymentIntentInfo,
    ProviderError,
    ProviderUnavailable,
)

_T = TypeVar("_T")


def _call(fn: Callable[[], _T]) -> _T:
    try:
        return fn()
    except stripe.APIConnectionError as exc:
        raise ProviderUnavailable(str(exc)) from exc
    except stripe.StripeError as exc:
        status = exc.http_status or 0
        if status >= 500 or status in (409, 429):
            raise ProviderUnavailable(str(exc)) from exc
        fallback = (
            "idempotency_error" if isinstance(exc, stripe.IdempotencyError) else "provider_error"
        )
        raise ProviderError(str(exc.code or fallback), str(exc.user_message)) from exc


def _metadata(obj: Any) -> dict[str, str]:
    metadata = getattr(obj, "metadata", None)
    if metadata is None:
        return {}
    # StripeObject is not a dict (its `.items` would be a field): convert explicitly.
    plain = metadata.to_dict() if hasattr(metadata, "to_dict") else dict(metadata)
    return {str(k): str(v) for k, v in plain.items()}


def _account(account: stripe.Account) -> AccountInfo:
    capabilities = account.capabilities
    transfers = getattr(capabilities, "transfers", None) if capabilities else None
    card_payments = getattr(capabilities, "card_payments", None) if capabilities else None
    return AccountInfo(
        id=account.id,
        transfers_active=transfers == "active",
        payouts_enabled=bool(account.payouts_enabled),
        country=str(account.country or "").upper(),
        card_payments_active=card_payments == "active",
    )


def _dispute(dispute: stripe.Dispute) -> DisputeInfo:
    charge = dispute.charge
    evidence = dispute.evidence.to_dict() if dispute.evidence else {}
    details = dispute.evidence_details
    return DisputeInfo(
        id=dispute.id,
        charge=charge if isinstance(charge, str) else charge.id,
        amount=dispute.amount,
        status=dispute.status,
        evidence={str(k): str(v) for k, v in evidence.items() if isinstance(v, str)},
        submission_count=int(details.submission_count) if details else 0,
    )


def _intent(pi: stripe.PaymentIntent) -> PaymentIntentInfo:
    charge = pi.latest_charge
    return PaymentIntentInfo(
        id=pi.id,
        status=pi.status,
        amount=pi.amount,
        currency=pi.currency.upper(),
        client_secret=pi.client_secret or "",
        latest_charge=charge if isinstance(charge, str) else (charge.id if charge else ""),
        metadata=_metadata(pi),
    )


class StripeConnectProvider:
    name = "stripe"

    def __init__(self, client: stripe.StripeClient, *, test_mode: bool) -> None:
        self.client = client
        self.test_mode = test_mode

    def account_create(self, *, user_id: int, email: str, idempotency_key: str) -> AccountInfo:
        return _account(
            _call(
                lambda: self.client.v1.accounts.create(
                    params={
                        "email": email,
                        "controller": {
                            "fees": {"payer": "application"},
                            "losses": {"payments": "application"},
                            "stripe_dashboard": {"type": "express"},
                        },
                        # card_payments lets a cross-region charge settle `on_behalf_of` the
                        # freelancer (Stripe refuses it without); Stripe wants transfers too.
                        "capabilities": {
                            "card_payments": {"requested": True},
                            "transfers": {"requested": True},
                        },
                        "metadata": {"user": str(user_id)},
                    },
                    options={"idempotency_key": idempotency_key},
                )
            )
        )

    def account_retrieve(self, *, account_id: str) -> AccountInfo:
        return _account(_call(lambda: self.client.v1.accounts.retrieve(account_id)))

    def account_link_create(self, *, account_id: str, refresh_url: str, return_url: str) -> str:
        link = _call(
            lambda: self.client.v1.account_links.create(
                params={
                    "account": account_id,
                    "type": "account_onboarding",
                    "refresh_url": refresh_url,
                    "return_url": return_url,
                }
            )
        )
        return str(link.url)

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
        params: stripe.params.PaymentIntentCreateParams = {
            "amount": amount,
            "currency": currency.lower(),
            "transfer_group": transfer_group,
            "metadata": metadata,
            "automatic_payment_methods": {"enabled": True},
        }
        if on_behalf_of:
            # The freelancer's account is the settlement merchant (cross-region charges).
            params["on_behalf_of"] = on_behalf_of
        return _intent(
            _call(
                lambda: self.client.v1.payment_intents.create(
                    params=params, options={"idempotency_key": idempotency_key}
                )
            )
        )

    def payment_intent_retrieve(self, *, payment_intent_id: str) -> PaymentIntentInfo:
        return _intent(_call(lambda: self.client.v1.payment_intents.retrieve(payment_intent_id)))

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
        transfer = _call(
            lambda: self.client.v1.transfers.create(
                params={
                    "amount": amount,
                    "currency": currency.lower(),
                    "destination": destination,
                    "transfer_group": transfer_group,
                    "source_transaction": source_transaction,
                    "metadata": metadata,
                },
                options={"idempotency_key": idempotency_key},
            )
        )
        return MoneyMovement(id=transfer.id, amount=transfer.amount, metadata=_metadata(transfer))

    def transfers_list(self, *, transfer_group: str) -> list[MoneyMovement]:
        page = _call(
            lambda: self.client.v1.transfers.list(
                params={"transfer_group": transfer_group, "limit": 100}
            )
        )
        return [MoneyMovement(id=t.id, amount=t.amount, metadata=_metadata(t)) for t in page.data]

    def refund_create(
        self, *, payment_intent_id: str, amount: int, metadata: dict[str, str], idempotency_key: str
    ) -> MoneyMovement:
        refund = _call(
            lambda: self.client.v1.refunds.create(
                params={
                    "payment_intent": payment_intent_id,
                    "amount": amount,
                    "metadata": metadata,
                },
                options={"idempotency_key": idempotency_key},
            )
        )
        return MoneyMovement(id=refund.id, amount=refund.amount, metadata=_metadata(refund))

    def refunds_list(self, *, payment_intent_id: str) -> list[MoneyMovement]:
        page = _call(
            lambda: self.client.v1.refunds.list(
                params={"payment_intent": payment_intent_id, "limit": 100}
            )
        )
        return [MoneyMovement(id=r.id, amount=r.amount, metadata=_metadata(r)) for r in page.data]

    def transfer_reversal_create(
        self, *, transfer_id: str, amount: int, metadata: dict[str, str], idempotency_key: str
    ) -> MoneyMovement:
        reversal = _call(
            lambda: self.client.v1.transfers.reversals.create(
                transfer_id,
                params={"amount": amount, "metadata": metadata},
                options={"idempotency_key": idempotency_key},
            )
        )
        return MoneyMovement(id=reversal.id, amount=reversal.amount, metadata=_metadata(reversal))

    def transfer_reversals_list(self, *, transfer_id: str) -> list[MoneyMovement]:
        page = _call(
            lambda: self.client.v1.transfers.reversals.list(transfer_id, params={"limit": 100})
        )
        return [MoneyMovement(id=r.id, amount=r.amount, metadata=_metadata(r)) for r in page.data]

    def dispute_retrieve(self, *, dispute_id: str) -> DisputeInfo:
        return _dispute(_call(lambda: self.client.v1.disputes.retrieve(dispute_id)))

    def dispute_update(
        self, *, dispute_id: str, evidence: dict[str, str], submit: bool, idempotency_key: str
    ) -> DisputeInfo:
        # `submit=False` stages the evidence; `True` sends it to the bank (no changes after).
        # Our keys are a subset of the SDK's evidence fields (`payments.escrow.chargebacks`).
        params: stripe.params.DisputeUpdateParams = {
            "evidence": cast("stripe.params.DisputeUpdateParamsEvidence", evidence),
            "submit": submit,
        }
        return _dispute(
            _call(
                lambda: self.client.v1.disputes.update(
                    dispute_id, params=params, options={"idempotency_key": idempotency_key}
                )
            )
        )
