"""Escrow transitions requested by people (and timers): fund, submit, release, refund, dispute,
resolve, cancel. Each locks the milestone's payment row, checks the caller and the state,
writes intent rows for provider calls and schedules them after commit. See `escrow.state`."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.errors import Conflict, ValidationFailed
from marketplace.accounts.models import User
from marketplace.accounts.roles import StaffRole, staff_role_require
from marketplace.contracts.models import ContractStatus, Milestone
from payments.escrow.models import (
    EscrowState,
    MilestonePayment,
    OperationKind,
    OperationStatus,
    PayoutAccount,
    ProviderOperation,
)
from payments.escrow.state import (
    audit,
    finance_reason,
    freelancer_user_id,
    payment_lock,
    require_party,
    require_state,
    transition,
)
from payments.ledger.models import LedgerAccount, LedgerKind
from payments.ledger.services import ledger_post
from payments.money import fee_split, validate_amount
from payments.regions import on_behalf_of_for

S = EscrowState
HELD = (S.FUNDED, S.SUBMITTED)


def _schedule(op: ProviderOperation) -> None:
    from payments.tasks import operation_execute

    operation_execute.delay_on_commit(op.pk)


def _new_op(
    payment: MilestonePayment,
    kind: OperationKind,
    amount: int,
    *,
    fee_part: int = 0,
    after: ProviderOperation | None = None,
    payload: dict[str, str] | None = None,
) -> ProviderOperation:
    n = payment.ops.filter(kind=kind).count() + 1
    op = ProviderOperation.objects.create(
        payment=payment,
        kind=kind,
        key=f"ms:{payment.milestone_id}:{kind}:{n}",
        amount_minor=amount,
        fee_part_minor=fee_part,
        after=after,
        payload=payload or {},
    )
    if after is None:
        _schedule(op)
    return op


def milestone_fund(*, milestone: Milestone, by: User) -> MilestonePayment:
    """The hiring firm funds a milestone: awaiting_funding → funding; the provider's payment
    (a PaymentIntent the SPA confirms, or the offline simulation) is created after commit."""
    validate_amount(amount_minor=milestone.amount_minor, currency=milestone.currency)
    with transaction.atomic():
        payment = payment_lock(milestone=milestone)
        require_party(payment=payment, user=by, client=True, freelancer=False)
        if payment.milestone.contract.status != ContractStatus.ACTIVE:
            raise Conflict("contract_not_active", _("The contract is not active."))
        if payment.state == S.FUNDING:
            return payment  # a second click: the same payment intent stands
        require_state(payment, S.AWAITING_FUNDING)
        split = fee_split(amount_minor=milestone.amount_minor, currency=milestone.currency)
        payment.amount_minor = milestone.amount_minor
        payment.currency = milestone.currency
        payment.fee_minor = split.fee_minor
        payment.payout_minor = split.payout_minor
        _new_op(
            payment,
            OperationKind.PAYMENT_INTENT,
            milestone.amount_minor,
            payload=_settlement(payment),
        )
        return transition(
            payment,
            S.FUNDING,
            actor=by,
            action="fund",
            fields=("amount_minor", "currency", "fee_minor", "payout_minor"),
        )


def _settlement(payment: MilestonePayment) -> dict[str, str]:
    """`on_behalf_of` for a freelancer in another Stripe region (see `payments.regions`); their
    account must be able to take card payments then, or Stripe refuses the charge."""
    account = PayoutAccount.objects.filter(user_id=freelancer_user_id(payment)).first()
    on_behalf_of = on_behalf_of_for(account)
    if not on_behalf_of:
        return {}
    if account is None or not account.card_payments_active:
        raise Conflict(
            "payout_account_not_ready",
            _("The freelancer's payout account cannot take payments from this region yet."),
        )
    return {"on_behalf_of": on_behalf_of}


def payment_mark_funded(*, payment_id: int, payment_intent_id: str, charge_id: str) -> None:
    """The provider confirmed the client's payment: funding → funded, escrow credited once.

    A payment that arrives after the milestone was cancelled (or its contract ended) is booked
    and refunded in full.
    """
    with transaction.atomic():
        payment = payment_lock(milestone=MilestonePayment.objects.get(pk=payment_id).milestone)
        if payment.state not in (S.FUNDING, S.CANCELLED) or payment.funded_at is not None:
            return
        payment.payment_intent_id = payment_intent_id
        payment.charge_id = charge_id
        payment.funded_at = timezone.now()
        ledger_post(
            key=f"fund:{payment.pk}",
            kind=LedgerKind.FUNDING,
            milestone=payment.milestone,
            freelancer_user_id=freelancer_user_id(payment),
            lines=[
                (LedgerAccount.ESCROW, payment.amount_minor),
                (LedgerAccount.CLIENT, -payment.amount_minor),
            ],
        )
        fields = ("payment_intent_id", "charge_id", "funded_at")
        contract_ended = payment.milestone.contract.status != ContractStatus.ACTIVE
        if payment.state == S.CANCELLED or contract_ended:
            payment.save(update_fields=[*fields, "updated_at"])
            _start_refund(payment, payment.amount_minor, actor=None, resume=S.CANCELLED)
            return
        transition(payment, S.FUNDED, actor=None, action="funded", fields=fields)


def milestone_submit(*, milestone: Milestone, by: User) -> MilestonePayment:
    """The freelancer hands in the work: funded → submitted; the auto-release clock starts."""
    with transaction.atomic():
        payment = payment_lock(milestone=milestone)
        require_party(payment=payment, user=by, client=False, freelancer=True)
        require_state(payment, S.FUNDED)
        payment.submitted_at = timezone.now()
        return transition(payment, S.SUBMITTED, actor=by, action="submit", fields=("submitted_at",))


def milestone_release(*, milestone: Milestone, by: User | None) -> MilestonePayment:
    """The hiring firm (or the auto-release timer, `by=None`) releases the escrow:
    funded|submitted → releasing; a transfer of the escrow minus the fee follows after commit."""
    with transaction.atomic():
        payment = payment_lock(milestone=milestone)
        if by is not None:
            require_party(payment=payment, user=by, client=True, freelancer=False)
        require_state(payment, *HELD)
        return _start_release(payment, actor=by, resume=EscrowState(payment.state))


def _start_release(
    payment: MilestonePayment,
    *,
    actor: User | None,
    resume: EscrowState,
    after: ProviderOperation | None = None,
    refunding: int = 0,
) -> MilestonePayment:
    account = PayoutAccount.objects.filter(user_id=freelancer_user_id(payment)).first()
    if account is None or not account.ready:
        raise Conflict(
            "payout_account_not_ready",
            _("The freelancer has not finished payout onboarding yet."),
        )
    remaining = payment.amount_minor - payment.refunded_minor - refunding
    split = fee_split(amount_minor=remaining, currency=payment.currency)
    payment.fee_minor, payment.payout_minor = split.fee_minor, split.payout_minor
    payment.resume_state = resume
    _new_op(
        payment, OperationKind.TRANSFER, split.payout_minor, fee_part=split.fee_minor, after=after
    )
    return transition(
        payment,
        S.RELEASING,
        actor=actor,
        action="release",
        fields=("fee_minor", "payout_minor", "resume_state"),
        amount_minor=remaining,
        fee_minor=split.fee_minor,
    )


def milestone_refund(
    *, milestone: Milestone, by: User, amount_minor: int | None = None
) -> MilestonePayment:
    """Give money back to the client (all that is left, or part of it).

    Before release: the freelancer may refund while funded or submitted; the client only while
    funded (once work is submitted, the client disputes instead). After release the freelancer
    may refund: the transfer is reversed first, then the client refunded.
    """
    with transaction.atomic():
        payment = payment_lock(milestone=milestone)
        require_party(payment=payment, user=by, client=True, freelancer=True)
        client_only = not _is_freelancer(payment, by)
        allowed = (S.FUNDED,) if client_only else (S.FUNDED, S.SUBMITTED, S.RELEASED)
        require_state(payment, *allowed)
        refundable = payment.amount_minor - payment.refunded_minor
        amount = refundable if amount_minor is None else amount_minor
        validate_amount(amount_minor=amount, currency=payment.currency)
        if amount > refundable:
            raise ValidationFailed(
                "refund_too_large",
                _("At most %(n)d can still be refunded.") % {"n": refundable},
                amount_minor=[str(_("At most %(n)d.") % {"n": refundable})],
            )
        return _start_refund(payment, amount, actor=by, resume=EscrowState(payment.state))


def _is_freelancer(payment: MilestonePayment, user: User) -> bool:
    return freelancer_user_id(payment) == user.pk


def _start_refund(
    payment: MilestonePayment, amount: int, *, actor: User | None, resume: EscrowState
) -> MilestonePayment:
    payment.resume_state = resume
    if resume == S.RELEASED:
        transfer = payment.ops.get(kind=OperationKind.TRANSFER, status=OperationStatus.SUCCEEDED)
        reversed_so_far = sum(
            op.amount_minor
            for op in payment.ops.filter(
                kind=OperationKind.REVERSAL, status=OperationStatus.SUCCEEDED
            )
        )
        from_freelancer = min(amount, transfer.amount_minor - reversed_so_far)
        reversal = (
            _new_op(payment, OperationKind.REVERSAL, from_freelancer) if from_freelancer else None
        )
        _new_op(
            payment,
            OperationKind.REFUND,
            amount,
            fee_part=amount - from_freelancer,
            after=reversal,
        )
    else:
        _new_op(payment, OperationKind.REFUND, amount)
    return transition(
        payment,
        S.REFUNDING,
        actor=actor,
        action="refund",
        fields=("resume_state",),
        amount_minor=amount,
    )


def milestone_dispute_open(*, milestone: Milestone, by: User, reason: str) -> MilestonePayment:
    """Either party freezes a funded or submitted milestone until an admin resolves it."""
    with transaction.atomic():
        payment = payment_lock(milestone=milestone)
        require_party(payment=payment, user=by, client=True, freelancer=True)
        require_state(payment, *HELD)
        payment.resume_state = payment.state
        return transition(
            payment, S.DISPUTED, actor=by, action="dispute", fields=("resume_state",), reason=reason
        )


def dispute_resolve(
    *,
    payment: MilestonePayment,
    by: User,
    outcome: str,
    reason: str,
    refund_minor: int = 0,
) -> MilestonePayment:
    """Finance staff end a dispute: `release` everything, `refund` everything, or `split` —
    refund `refund_minor` to the client and release the rest. Needs the FINANCE staff role and
    a reason, both kept in the audit log. A failed provider call brings the milestone back to
    the disputes queue."""
    staff_role_require(user=by, role=StaffRole.FINANCE)
    reason = finance_reason(reason)
    with transaction.atomic():
        payment = payment_lock(milestone=payment.milestone)
        require_state(payment, S.DISPUTED)
        audit(
            payment,
            actor=by,
            action="dispute_resolved",
            from_state=payment.state,
            outcome=outcome,
            reason=reason,
            refund_minor=refund_minor if outcome == "split" else 0,
        )
        return _resolve(payment, by=by, outcome=outcome, refund_minor=refund_minor)


def _resolve(
    payment: MilestonePayment, *, by: User, outcome: str, refund_minor: int
) -> MilestonePayment:
    remaining = payment.amount_minor - payment.refunded_minor
    if outcome == "release":
        return _start_release(payment, actor=by, resume=S.DISPUTED)
    if outcome == "refund":
        return _start_refund(payment, remaining, actor=by, resume=S.DISPUTED)
    if outcome != "split":
        raise ValidationFailed("validation_error", _("Unknown outcome."), outcome=[outcome])
    validate_amount(amount_minor=refund_minor, currency=payment.currency)
    if refund_minor >= remaining:
        raise ValidationFailed("refund_too_large", _("A split must leave something to release."))
    refund = _new_op(payment, OperationKind.REFUND, refund_minor)
    return _start_release(
        payment, actor=by, resume=S.DISPUTED, after=refund, refunding=refund_minor
    )


def milestone_cancel(*, milestone: Milestone, by: User) -> MilestonePayment:
    """Either party cancels a milestone nobody has paid for yet."""
    with transaction.atomic():
        payment = payment_lock(milestone=milestone)
        require_party(payment=payment, user=by, client=True, freelancer=True)
        require_state(payment, S.AWAITING_FUNDING, S.FUNDING)
        return transition(payment, S.CANCELLED, actor=by, action="cancel")
