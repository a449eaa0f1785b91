"""Executing provider operations (intent rows) and settling their outcome.

Run by `payments.tasks.operation_execute` after the transaction that wrote the row commits.
The operation's row stays locked during its provider call, so two workers never call for the
same row at once. After an ambiguous failure (timeout, 5xx) the row is `unknown`; the next
run first asks the provider whether the money moved (transfers by transfer group, refunds by
payment intent, reversals by transfer — matched on our `operation` metadata) and only then
retries, with a new key if nothing happened (Stripe replays a stored 5xx for the old one).
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from payments.escrow.models import (
    EscrowState,
    MilestonePayment,
    OperationKind,
    OperationStatus,
    PayoutAccount,
    ProviderOperation,
)
from payments.escrow.state import audit, freelancer_user_id, payment_lock, transition
from payments.ledger.models import LedgerAccount, LedgerKind
from payments.ledger.services import ledger_post
from payments.providers import get_provider
from payments.providers.base import (
    DisputeInfo,
    MoneyMovement,
    PaymentIntentInfo,
    ProviderError,
    ProviderUnavailable,
)

logger = logging.getLogger(__name__)
S = EscrowState
OPEN = (OperationStatus.PENDING, OperationStatus.UNKNOWN)
Result = MoneyMovement | PaymentIntentInfo | DisputeInfo
# Operations that move no escrowed money (a busy milestone does not wait for them).
NOT_MONEY = (OperationKind.PAYMENT_INTENT, OperationKind.EVIDENCE)


def operation_execute(*, op_id: int) -> ProviderOperation:
    """Make the provider call of one operation, at most once in effect; safe to run again."""
    with transaction.atomic():
        op = (
            ProviderOperation.objects.select_for_update(of=("self",))
            .select_related("payment__milestone__contract__freelancer", "after")
            .get(pk=op_id)
        )
        if op.status not in OPEN:
            return op
        if op.after is not None and op.after.status != OperationStatus.SUCCEEDED:
            if op.after.status == OperationStatus.FAILED:
                _fail(op, "dependency_failed")
            return op  # waits for the operation it depends on, which schedules it
        if op.status == OperationStatus.UNKNOWN:
            found = _find_existing(op)
            if found is not None:
                _succeed(op, found)
                return op
            op.attempt += 1
        try:
            result = _call(op)
        except ProviderUnavailable as exc:
            op.status = OperationStatus.UNKNOWN
            op.error = str(exc)[:200]
            op.save(update_fields=["status", "error", "attempt", "updated_at"])
            logger.warning("payments_operation_unknown", extra={"operation": op.pk})
            return op
        except ProviderError as exc:
            _fail(op, exc.code)
            return op
        _succeed(op, result)
        return op


def _metadata(op: ProviderOperation) -> dict[str, str]:
    return {"operation": str(op.pk), "milestone": str(op.payment.milestone_id)}


def _call(op: ProviderOperation) -> Result:
    provider = get_provider()
    payment = op.payment
    if op.kind == OperationKind.PAYMENT_INTENT:
        return provider.payment_intent_create(
            amount=op.amount_minor,
            currency=payment.currency,
            transfer_group=payment.transfer_group,
            metadata=_metadata(op),
            idempotency_key=op.idempotency_key,
            on_behalf_of=str(op.payload.get("on_behalf_of", "")),
        )
    if op.kind == OperationKind.EVIDENCE:
        return provider.dispute_update(
            dispute_id=str(op.payload["dispute"]),
            evidence=dict(op.payload["evidence"]),
            submit=bool(op.payload["submit"]),
            idempotency_key=op.idempotency_key,
        )
    if op.kind == OperationKind.TRANSFER:
        account = PayoutAccount.objects.get(user_id=freelancer_user_id(payment))
        return provider.transfer_create(
            amount=op.amount_minor,
            currency=payment.currency,
            destination=account.account_id,
            transfer_group=payment.transfer_group,
            source_transaction=payment.charge_id,
            metadata=_metadata(op),
            idempotency_key=op.idempotency_key,
        )
    if op.kind == OperationKind.REFUND:
        return provider.refund_create(
            payment_intent_id=payment.payment_intent_id,
            amount=op.amount_minor,
            metadata=_metadata(op),
            idempotency_key=op.idempotency_key,
        )
    return provider.transfer_reversal_create(
        transfer_id=_transfer(payment).provider_id,
        amount=op.amount_minor,
        metadata=_metadata(op),
        idempotency_key=op.idempotency_key,
    )


def _transfer(payment: MilestonePayment) -> ProviderOperation:
    return payment.ops.get(kind=OperationKind.TRANSFER, status=OperationStatus.SUCCEEDED)


def _find_existing(op: ProviderOperation) -> MoneyMovement | DisputeInfo | None:
    provider = get_provider()
    payment = op.payment
    if op.kind == OperationKind.PAYMENT_INTENT:
        # An unconfirmed PaymentIntent moves no money: a fresh one (new key) is harmless, and
        # the client only ever confirms the one whose client secret we stored.
        return None
    if op.kind == OperationKind.EVIDENCE:
        # Took effect if the dispute holds our evidence (and, to submit, was submitted).
        dispute = provider.dispute_retrieve(dispute_id=str(op.payload["dispute"]))
        ours = dict(op.payload["evidence"])
        landed = all(dispute.evidence.get(k) == v for k, v in ours.items())
        submitted = dispute.submission_count > 0 or not op.payload["submit"]
        return dispute if landed and submitted else None
    if op.kind == OperationKind.TRANSFER:
        candidates = provider.transfers_list(transfer_group=payment.transfer_group)
    elif op.kind == OperationKind.REFUND:
        candidates = provider.refunds_list(payment_intent_id=payment.payment_intent_id)
    else:
        candidates = provider.transfer_reversals_list(transfer_id=_transfer(payment).provider_id)
    return next((c for c in candidates if c.metadata.get("operation") == str(op.pk)), None)


def _succeed(op: ProviderOperation, result: Result) -> None:
    op.status = OperationStatus.SUCCEEDED
    op.provider_id = result.id
    op.error = ""
    op.save(update_fields=["status", "provider_id", "error", "attempt", "updated_at"])
    payment = payment_lock(milestone=op.payment.milestone)
    if isinstance(result, PaymentIntentInfo):
        payment.payment_intent_id = result.id
        payment.client_secret = result.client_secret
        payment.save(update_fields=["payment_intent_id", "client_secret", "updated_at"])
        if result.status == "succeeded":
            from payments.escrow.services import payment_mark_funded

            payment_mark_funded(
                payment_id=payment.pk, payment_intent_id=result.id, charge_id=result.latest_charge
            )
        return
    if isinstance(result, DisputeInfo):
        from payments.escrow.chargebacks import chargeback_evidence_sent

        chargeback_evidence_sent(op=op, dispute=result)
        return
    operation_post(payment, op)
    if op.kind == OperationKind.CLAWBACK:
        audit(payment, actor=None, action="clawback_succeeded", operation=op.pk)
    for follower in ProviderOperation.objects.filter(after=op, status=OperationStatus.PENDING):
        from payments.tasks import operation_execute as task

        task.delay_on_commit(follower.pk)
    _settle(payment)


def operation_post(payment: MilestonePayment, op: ProviderOperation) -> None:
    """The ledger transaction of a succeeded operation, keyed by the operation: posted once."""
    amount, fee = op.amount_minor, op.fee_part_minor
    if op.kind == OperationKind.TRANSFER:
        kind = LedgerKind.RELEASE
        lines = [
            (LedgerAccount.ESCROW, -(amount + fee)),
            (LedgerAccount.FREELANCER, amount),
            (LedgerAccount.PLATFORM_FEE, fee),
        ]
        payment.released_at = timezone.now()
        payment.save(update_fields=["released_at", "updated_at"])
    elif op.kind == OperationKind.REVERSAL:
        kind = LedgerKind.REVERSAL
        lines = [(LedgerAccount.FREELANCER, -amount), (LedgerAccount.ESCROW, amount)]
    elif op.kind == OperationKind.CLAWBACK:
        # After a lost chargeback: the freelancer's payout comes back and covers the loss.
        kind = LedgerKind.CLAWBACK
        lines = [(LedgerAccount.FREELANCER, -amount), (LedgerAccount.LOSS, amount)]
    else:
        kind = LedgerKind.REFUND
        lines = [
            (LedgerAccount.ESCROW, -(amount - fee)),
            (LedgerAccount.PLATFORM_FEE, -fee),
            (LedgerAccount.CLIENT, amount),
        ]
        payment.refunded_minor += amount
        payment.save(update_fields=["refunded_minor", "updated_at"])
    ledger_post(
        key=f"op:{op.pk}",
        kind=kind,
        milestone=payment.milestone,
        freelancer_user_id=freelancer_user_id(payment),
        lines=lines,
        memo=op.provider_id,
    )


def _fail(op: ProviderOperation, code: str) -> None:
    op.status = OperationStatus.FAILED
    op.error = code[:200]
    op.save(update_fields=["status", "error", "updated_at"])
    payment = payment_lock(milestone=op.payment.milestone)
    audit(payment, actor=None, action=f"{op.kind}_failed", error=code, operation=op.pk)
    if op.kind == OperationKind.PAYMENT_INTENT and payment.state == S.FUNDING:
        # The provider refused to create the payment: the client may try again (new key).
        transition(payment, S.AWAITING_FUNDING, actor=None, action="funding_failed")
        return
    for follower in ProviderOperation.objects.filter(after=op, status=OperationStatus.PENDING):
        _fail(follower, "dependency_failed")
    _settle(payment)


def _settle(payment: MilestonePayment) -> None:
    """When no operation is open any more, a busy milestone takes its resting state."""
    if payment.state not in (S.RELEASING, S.REFUNDING):
        return
    if payment.ops.exclude(kind__in=NOT_MONEY).filter(status__in=OPEN).exists():
        return
    released = payment.ops.filter(
        kind=OperationKind.TRANSFER, status=OperationStatus.SUCCEEDED
    ).exists()
    if payment.refunded_minor == payment.amount_minor:
        state = S.REFUNDED
    elif released:
        state = S.RELEASED
    else:
        state = EscrowState(payment.resume_state or S.FUNDED)
    transition(payment, state, actor=None, action="settled")
