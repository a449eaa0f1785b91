"""Reads of payments: only the contract's parties (and staff) see a milestone's payment."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import QuerySet

from common.errors import NotFound
from marketplace.contracts.models import Milestone
from marketplace.contracts.selectors import contract_list_mine
from payments.escrow.models import MilestonePayment, PaymentAudit, PayoutAccount
from payments.ledger.models import LedgerTransaction
from payments.money import FeeSplit, fee_split


def milestone_get_for_payments(*, milestone_id: int, user: Any) -> Milestone:
    """The milestone if the user is one of its contract's parties or staff; else 404."""
    milestones = Milestone.objects.filter(pk=milestone_id).select_related(
        "contract__freelancer", "contract__firm"
    )
    if not (getattr(user, "is_authenticated", False) and user.is_staff):
        milestones = milestones.filter(contract__in=contract_list_mine(user=user).values("pk"))
    milestone = milestones.first()
    if milestone is None:
        raise NotFound()
    return milestone


def payment_of(*, milestone: Milestone) -> MilestonePayment | None:
    return MilestonePayment.objects.filter(milestone=milestone).first()


def payment_quote(*, milestone: Milestone) -> FeeSplit:
    """The fee and payout both parties see before funding."""
    return fee_split(amount_minor=milestone.amount_minor, currency=milestone.currency)


def payment_auto_release_at(*, payment: MilestonePayment | None) -> dt.datetime | None:
    if payment is None or payment.submitted_at is None or payment.state != "submitted":
        return None
    return payment.submitted_at + dt.timedelta(days=settings.PAYMENTS_AUTO_RELEASE_DAYS)


def payment_history(*, milestone: Milestone) -> QuerySet[PaymentAudit]:
    return PaymentAudit.objects.filter(payment__milestone=milestone).order_by("id")


def payment_receipts(*, milestone: Milestone) -> QuerySet[LedgerTransaction]:
    return (
        LedgerTransaction.objects.filter(milestone=milestone)
        .prefetch_related("entries")
        .order_by("id")
    )


def payout_account_of(*, user: Any) -> PayoutAccount | None:
    return PayoutAccount.objects.filter(user=user).first()
