"""Reading the ledger and the escrow in assertions."""

from __future__ import annotations

from marketplace.contracts.models import Milestone
from payments.escrow.models import MilestonePayment
from payments.ledger.models import LedgerEntry, LedgerTransaction
from payments.ledger.services import ledger_balances


def balances(milestone: Milestone) -> dict[str, int]:
    """{account: balance} of the milestone in its currency, zero balances left out."""
    found = ledger_balances(milestone_id=milestone.pk)
    return {account: total for (account, _), total in found.items() if total}


def ledger_snapshot() -> tuple[int, int]:
    return LedgerTransaction.objects.count(), LedgerEntry.objects.count()


def state(milestone: Milestone) -> str:
    milestone.refresh_from_db()
    payment = MilestonePayment.objects.get(milestone=milestone)
    assert milestone.status == payment.state  # the contract page shows the escrow state
    return payment.state


def payment(milestone: Milestone) -> MilestonePayment:
    return MilestonePayment.objects.get(milestone=milestone)
