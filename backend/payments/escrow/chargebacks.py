"""Chargebacks (card disputes): freezing the milestone, the parties' evidence sent to the
provider, finance's final submission, and the outcome — resume when won; when lost, the
client's money is booked back and what the freelancer was already paid is clawed back with a
transfer reversal (booked against the platform's chargeback loss).

Provider calls are intent rows (`ProviderOperation`) run after commit, like every other
call: evidence as `dispute_evidence` (its parameters fixed in the row's payload, so a retry
sends the same ones under the same key), the clawback as `clawback`.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.errors import Conflict, ValidationFailed
from marketplace.accounts.models import User
from marketplace.accounts.roles import StaffRole, staff_role_require
from marketplace.contracts.models import Milestone
from payments.escrow.models import (
    Chargeback,
    EscrowState,
    MilestonePayment,
    OperationKind,
    ProviderOperation,
)
from payments.escrow.state import (
    audit,
    finance_reason,
    freelancer_user_id,
    payment_lock,
    require_party,
    transition,
)
from payments.ledger.models import LedgerAccount, LedgerKind
from payments.ledger.services import ledger_balances, ledger_post
from payments.providers.base import DisputeInfo

S = EscrowState
# Stripe's text evidence fields that fit a service (files need the Files API: not offered).
EVIDENCE_FIELDS = (
    "product_description",
    "service_date",
    "customer_name",
    "customer_email_address",
    "access_activity_log",
    "cancellation_rebuttal",
    "refund_refusal_explanation",
    "duplicate_charge_explanation",
    "uncategorized_text",
)
# Stripe's limits: 20,000 characters a field, 150,000 for all fields together.
FIELD_LIMIT, TOTAL_LIMIT = 20_000, 150_000
OPEN_STATUSES = ("needs_response", "warning_needs_response")


def _schedule(op: ProviderOperation) -> None:
    from payments.tasks import operation_execute

    operation_execute.delay_on_commit(op.pk)


def _record(payment: MilestonePayment, dispute: DisputeInfo) -> Chargeback:
    chargeback, _created = Chargeback.objects.get_or_create(
        dispute_id=dispute.id,
        defaults={"payment": payment, "amount_minor": dispute.amount, "status": dispute.status},
    )
    if chargeback.status != dispute.status:
        chargeback.status = dispute.status
        chargeback.save(update_fields=["status", "updated_at"])
    return chargeback


def chargeback_apply(*, payment: MilestonePayment, dispute: DisputeInfo) -> None:
    """The provider's current view of a dispute, applied to the locked payment (webhooks call
    this with a re-fetched dispute, so the created/closed events may come in any order)."""
    _record(payment, dispute)
    if payment.state in (S.FUNDED, S.SUBMITTED, S.RELEASED):
        payment.resume_state = payment.state
        transition(
            payment, S.DISPUTED, actor=None, action="chargeback_opened", fields=("resume_state",)
        )
    if not dispute.closed or payment.state != S.DISPUTED:
        return
    if dispute.status != "lost":
        transition(payment, EscrowState(payment.resume_state), actor=None, action="chargeback_won")
        return
    _book_lost(payment, dispute)


def _book_lost(payment: MilestonePayment, dispute: DisputeInfo) -> None:
    """The bank gave the client `dispute.amount` back out of the platform's balance: take it
    from the escrow first, then from what the freelancer was paid (clawed back), then from the
    fee earned; the freelancer's part is owed as a loss until the reversal succeeds."""
    found = ledger_balances(milestone_id=payment.milestone_id)

    def balance(account: LedgerAccount) -> int:
        return int(found.get((account, payment.currency), 0))

    left = dispute.amount
    held = min(left, balance(LedgerAccount.ESCROW))
    left -= held
    paid = min(left, balance(LedgerAccount.FREELANCER))
    left -= paid
    fee = min(left, balance(LedgerAccount.PLATFORM_FEE))
    ledger_post(
        key=f"chargeback:{dispute.id}",
        kind=LedgerKind.CHARGEBACK,
        milestone=payment.milestone,
        freelancer_user_id=freelancer_user_id(payment),
        lines=[
            (LedgerAccount.ESCROW, -held),
            (LedgerAccount.LOSS, -paid),
            (LedgerAccount.PLATFORM_FEE, -fee),
            (LedgerAccount.CLIENT, held + paid + fee),
        ],
        memo=dispute.id,
    )
    if paid:
        n = payment.ops.filter(kind=OperationKind.CLAWBACK).count() + 1
        _schedule(
            ProviderOperation.objects.create(
                payment=payment,
                kind=OperationKind.CLAWBACK,
                key=f"ms:{payment.milestone_id}:{OperationKind.CLAWBACK}:{n}",
                amount_minor=paid,
                payload={"dispute": dispute.id},
            )
        )
    transition(
        payment,
        S.CHARGED_BACK,
        actor=None,
        action="chargeback_lost",
        dispute=dispute.id,
        client_minor=held + paid + fee,
        clawback_minor=paid,
    )


def _open_chargeback(payment: MilestonePayment) -> Chargeback:
    chargeback = payment.chargebacks.filter(status__in=OPEN_STATUSES).first()
    if chargeback is None or payment.state != S.DISPUTED:
        raise Conflict(
            "chargeback_not_open",
            _("There is no chargeback on this milestone waiting for evidence."),
        )
    if chargeback.submitted_at is not None:
        raise Conflict(
            "chargeback_evidence_submitted",
            _("The evidence was already submitted to the bank."),
        )
    return chargeback


def _evidence_op(chargeback: Chargeback, *, submit: bool) -> ProviderOperation:
    payment = chargeback.payment
    n = payment.ops.filter(kind=OperationKind.EVIDENCE).count() + 1
    op = ProviderOperation.objects.create(
        payment=payment,
        kind=OperationKind.EVIDENCE,
        key=f"ms:{payment.milestone_id}:{OperationKind.EVIDENCE}:{n}",
        amount_minor=0,
        payload={
            "dispute": chargeback.dispute_id,
            "evidence": chargeback.evidence,
            "submit": submit,
        },
    )
    _schedule(op)
    return op


def chargeback_evidence_add(
    *, milestone: Milestone, by: User, evidence: dict[str, str]
) -> Chargeback:
    """Either party adds evidence against an open chargeback; it is staged on the provider's
    dispute (not yet sent to the bank — finance submits it)."""
    unknown = sorted(set(evidence) - set(EVIDENCE_FIELDS))
    cleaned = {k: str(v).strip() for k, v in evidence.items() if str(v).strip()}
    if unknown or not cleaned:
        raise ValidationFailed(
            "validation_error",
            _("Give at least one of the evidence fields."),
            **{k: [str(_("Not an evidence field."))] for k in unknown},
        )
    too_long = [k for k, v in cleaned.items() if len(v) > FIELD_LIMIT]
    if too_long:
        raise ValidationFailed(
            "validation_error",
            _("An evidence field is too long."),
            **{k: [str(_("At most %(n)d characters.") % {"n": FIELD_LIMIT})] for k in too_long},
        )
    with transaction.atomic():
        payment = payment_lock(milestone=milestone)
        require_party(payment=payment, user=by, client=True, freelancer=True)
        chargeback = _open_chargeback(payment)
        merged = {**chargeback.evidence, **cleaned}
        if sum(len(v) for v in merged.values()) > TOTAL_LIMIT:
            raise ValidationFailed(
                "validation_error",
                _("All evidence together may have at most %(n)d characters.") % {"n": TOTAL_LIMIT},
            )
        chargeback.evidence = merged
        chargeback.save(update_fields=["evidence", "updated_at"])
        audit(
            payment,
            actor=by,
            action="chargeback_evidence",
            dispute=chargeback.dispute_id,
            fields=sorted(cleaned),
        )
        _evidence_op(chargeback, submit=False)
        return chargeback


def chargeback_evidence_submit(*, payment: MilestonePayment, by: User, reason: str) -> Chargeback:
    """Finance sends the evidence gathered so far to the bank (final: Stripe takes no more)."""
    staff_role_require(user=by, role=StaffRole.FINANCE)
    reason = finance_reason(reason)
    with transaction.atomic():
        payment = payment_lock(milestone=payment.milestone)
        chargeback = _open_chargeback(payment)
        if not chargeback.evidence:
            raise Conflict(
                "chargeback_evidence_missing", _("No evidence has been given for this chargeback.")
            )
        chargeback.submitted_at = timezone.now()
        chargeback.save(update_fields=["submitted_at", "updated_at"])
        audit(
            payment,
            actor=by,
            action="chargeback_submitted",
            dispute=chargeback.dispute_id,
            reason=reason,
        )
        _evidence_op(chargeback, submit=True)
        return chargeback


def chargeback_evidence_sent(*, op: ProviderOperation, dispute: DisputeInfo) -> None:
    """The provider took an evidence update: keep its view of the dispute."""
    payment = payment_lock(milestone=op.payment.milestone)
    _record(payment, dispute)
    audit(
        payment,
        actor=None,
        action="chargeback_evidence_sent",
        dispute=dispute.id,
        submitted=bool(op.payload.get("submit")),
    )
