"""Time-driven escrow rules, run by Celery beat (see `config.integrations.payments`).

Each takes `now` so tests can travel in time; each is idempotent (a stamp or the state
machine makes a second run a no-op).
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction

from common.errors import DomainError
from marketplace.events import emit_on_commit
from payments.escrow.models import EscrowState, MilestonePayment
from payments.escrow.services import _start_refund, milestone_release
from payments.escrow.state import audit, payment_lock
from payments.events import payment_notice

logger = logging.getLogger(__name__)
S = EscrowState


def payments_auto_release(*, now: dt.datetime) -> list[int]:
    """Release milestones submitted `PAYMENTS_AUTO_RELEASE_DAYS` ago and not disputed; remind
    the client `PAYMENTS_AUTO_RELEASE_REMINDER_DAYS` before. Returns the released milestone ids."""
    days = dt.timedelta(days=settings.PAYMENTS_AUTO_RELEASE_DAYS)
    remind = dt.timedelta(days=settings.PAYMENTS_AUTO_RELEASE_REMINDER_DAYS)
    for payment in MilestonePayment.objects.filter(
        state=S.SUBMITTED, submitted_at__lte=now - days + remind, reminded_at__isnull=True
    ).select_related("milestone"):
        with transaction.atomic():
            locked = payment_lock(milestone=payment.milestone)
            if locked.state == S.SUBMITTED and locked.reminded_at is None:
                locked.reminded_at = now
                locked.save(update_fields=["reminded_at", "updated_at"])
                due = (locked.submitted_at or now) + days
                audit(locked, actor=None, action="auto_release_reminder", due=str(due))
                _notice(locked, "auto_release_reminder", due)
    released: list[int] = []
    for payment in MilestonePayment.objects.filter(
        state=S.SUBMITTED, submitted_at__lte=now - days
    ).select_related("milestone"):
        try:
            milestone_release(milestone=payment.milestone, by=None)
        except DomainError as exc:
            # Not releasable now (payout account not ready): retried on the next run.
            logger.warning("payments_auto_release_refused", extra={"code": exc.code})
            continue
        released.append(payment.milestone_id)
    return released


def payments_hold_guard(*, now: dt.datetime) -> list[int]:
    """Act before the provider's holding window runs out: warn `PAYMENTS_HOLD_WARN_DAYS`
    before, refund the client `PAYMENTS_HOLD_REFUND_DAYS` before. Disputed milestones are only
    warned about (an admin decides). Returns the refunded milestone ids."""
    window = dt.timedelta(days=settings.PAYMENTS_HOLD_WINDOW_DAYS)
    warn = dt.timedelta(days=settings.PAYMENTS_HOLD_WARN_DAYS)
    act = dt.timedelta(days=settings.PAYMENTS_HOLD_REFUND_DAYS)
    held = (S.FUNDED, S.SUBMITTED, S.DISPUTED)
    for payment in MilestonePayment.objects.filter(
        state__in=held, funded_at__lte=now - window + warn, hold_warned_at__isnull=True
    ).select_related("milestone"):
        with transaction.atomic():
            locked = payment_lock(milestone=payment.milestone)
            if locked.hold_warned_at is None:
                locked.hold_warned_at = now
                locked.save(update_fields=["hold_warned_at", "updated_at"])
                due = (locked.funded_at or now) + window - act
                audit(locked, actor=None, action="hold_window_warning", due=str(due))
                _notice(locked, "hold_window_warning", due)
    refunded: list[int] = []
    for payment in MilestonePayment.objects.filter(
        state__in=(S.FUNDED, S.SUBMITTED), funded_at__lte=now - window + act
    ).select_related("milestone"):
        with transaction.atomic():
            locked = payment_lock(milestone=payment.milestone)
            if locked.state not in (S.FUNDED, S.SUBMITTED):
                continue
            remaining = locked.amount_minor - locked.refunded_minor
            _start_refund(locked, remaining, actor=None, resume=EscrowState(locked.state))
            audit(locked, actor=None, action="hold_window_refund")
        refunded.append(payment.milestone_id)
    return refunded


def _notice(payment: MilestonePayment, notice: str, due: dt.datetime) -> None:
    """Tell the parties (chat turns it into a notification and, unread, an email)."""
    emit_on_commit(
        payment_notice,
        milestone_id=payment.milestone_id,
        contract_id=payment.milestone.contract_id,
        notice=notice,
        due_at=due.isoformat(),
    )
