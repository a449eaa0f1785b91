"""Shared pieces of the escrow state machine: locking, transitions, parties, the audit log.

    awaiting_funding ─fund─▶ funding ─(provider: payment succeeded)─▶ funded ─submit─▶ submitted
    funded|submitted ─release─▶ releasing ─(transfer succeeded)─▶ released
    funded|submitted ─refund─▶ refunding ─▶ refunded (all of it) | back where it was (partial)
    released ─refund─▶ refunding (transfer reversal, then refund) ─▶ refunded | released
    funded|submitted ─dispute─▶ disputed ─admin: release | refund | split─▶ releasing/refunding
    awaiting_funding|funding ─cancel─▶ cancelled
A failed provider call returns a busy state (releasing/refunding) to `resume_state`.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from common.errors import Conflict, Forbidden, ValidationFailed
from marketplace.accounts.models import User
from marketplace.contracts.models import Milestone
from marketplace.contracts.services import milestone_set_payment_status
from marketplace.events import emit_on_commit
from marketplace.firms.selectors import firm_is_member
from payments.escrow.models import EscrowState, MilestonePayment, PaymentAudit
from payments.events import milestone_payment_changed
from payments.providers import get_provider


def payment_lock(*, milestone: Milestone) -> MilestonePayment:
    """The milestone's payment row, created on first use, locked for this transaction."""
    if not MilestonePayment.objects.filter(milestone_id=milestone.pk).exists():
        try:
            with transaction.atomic():
                MilestonePayment.objects.create(
                    milestone=milestone,
                    provider=get_provider().name,
                    amount_minor=milestone.amount_minor,
                    currency=milestone.currency,
                )
        except IntegrityError:
            pass  # created by a concurrent request; lock theirs
    return (
        MilestonePayment.objects.select_for_update(of=("self",))
        .select_related("milestone__contract__freelancer", "milestone__contract__firm")
        .get(milestone_id=milestone.pk)
    )


def is_client(*, milestone: Milestone, user: User | None) -> bool:
    return user is not None and firm_is_member(firm=milestone.contract.firm, user=user)


def is_freelancer(*, milestone: Milestone, user: User | None) -> bool:
    return user is not None and milestone.contract.freelancer.user_id == user.pk


def freelancer_user_id(payment: MilestonePayment) -> int:
    return int(payment.milestone.contract.freelancer.user_id)


def require_party(*, payment: MilestonePayment, user: User, client: bool, freelancer: bool) -> None:
    milestone = payment.milestone
    if client and is_client(milestone=milestone, user=user):
        return
    if freelancer and is_freelancer(milestone=milestone, user=user):
        return
    who = _("the hiring firm") if client else _("the freelancer")
    raise Forbidden("permission_denied", _("Only %(who)s may do this.") % {"who": who})


def require_state(payment: MilestonePayment, *allowed: EscrowState) -> None:
    if payment.state in allowed:
        return
    if payment.state == EscrowState.DISPUTED:
        raise Conflict(
            "milestone_disputed",
            _("The milestone is frozen by a dispute until an admin resolves it."),
            state=payment.state,
        )
    if payment.state in (EscrowState.RELEASING, EscrowState.REFUNDING, EscrowState.FUNDING):
        raise Conflict(
            "operation_in_progress",
            _("A payment operation on this milestone is still running."),
            state=payment.state,
        )
    raise Conflict(
        "invalid_state",
        _("Not possible while the milestone is “%(state)s”.")
        % {"state": EscrowState(payment.state).label},
        state=payment.state,
        allowed=[str(s) for s in allowed],
    )


def transition(
    payment: MilestonePayment,
    state: EscrowState,
    *,
    actor: User | None,
    action: str,
    fields: tuple[str, ...] = (),
    **details: Any,
) -> MilestonePayment:
    """Move the locked `payment` to `state`, mirror it on the milestone, audit, emit on commit."""
    previous = payment.state
    payment.state = state
    payment.save(update_fields=["state", "updated_at", *fields])
    milestone_set_payment_status(milestone=payment.milestone, status=str(state))
    audit(payment, actor=actor, action=action, from_state=previous, to_state=state, **details)
    if previous != state:
        emit_on_commit(
            milestone_payment_changed,
            milestone_id=payment.milestone_id,
            contract_id=payment.milestone.contract_id,
            state=str(state),
            previous_state=str(previous),
        )
    return payment


def audit(
    payment: MilestonePayment,
    *,
    actor: User | None,
    action: str,
    from_state: str = "",
    to_state: str = "",
    **details: Any,
) -> PaymentAudit:
    return PaymentAudit.objects.create(
        payment=payment,
        actor=actor,
        action=action,
        from_state=from_state,
        to_state=to_state,
        details=details,
    )


def finance_reason(reason: str) -> str:
    """The reason a finance decision must give (kept in the audit log); blank is refused."""
    cleaned = (reason or "").strip()
    if not cleaned:
        raise ValidationFailed(
            "reason_required",
            _("Give a reason for this decision."),
            reason=[str(_("This field is required."))],
        )
    return cleaned[:500]
