"""Posting to the ledger and reading balances from it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from django.db import IntegrityError, transaction
from django.db.models import Sum

from marketplace.contracts.models import Milestone
from payments.ledger.models import LedgerAccount, LedgerEntry, LedgerKind, LedgerTransaction


class UnbalancedTransaction(Exception):
    pass


def ledger_post(
    *,
    key: str,
    kind: LedgerKind,
    milestone: Milestone,
    freelancer_user_id: int,
    lines: Sequence[tuple[LedgerAccount, int]],
    memo: str = "",
) -> LedgerTransaction:
    """Post one balanced transaction for `milestone`; a second post with `key` returns the first.

    `lines` are (account, signed amount) in the milestone's currency; zero lines are dropped,
    and the rest must sum to zero.
    """
    existing = LedgerTransaction.objects.filter(key=key).first()
    if existing is not None:
        return existing
    kept = [(account, amount) for account, amount in lines if amount]
    if sum(amount for _, amount in kept) != 0 or not kept:
        raise UnbalancedTransaction(key)
    try:
        with transaction.atomic():
            txn = LedgerTransaction.objects.create(
                key=key,
                kind=kind,
                milestone=milestone,
                contract_id=milestone.contract_id,
                memo=memo,
            )
            LedgerEntry.objects.bulk_create(
                [
                    LedgerEntry(
                        transaction=txn,
                        account=account,
                        amount_minor=amount,
                        currency=milestone.currency,
                        milestone=milestone,
                        contract_id=milestone.contract_id,
                        freelancer_user_id=freelancer_user_id,
                    )
                    for account, amount in kept
                ]
            )
    except IntegrityError:
        return LedgerTransaction.objects.get(key=key)
    return txn


def ledger_balances(**filters: int) -> dict[tuple[str, str], int]:
    """Balances per (account, currency) over entries matching `filters`
    (`milestone_id=`, `contract_id=`, `freelancer_user_id=`, or none for the platform)."""
    rows = (
        LedgerEntry.objects.filter(**filters)
        .values("account", "currency")
        .annotate(total=Sum("amount_minor"))
        .order_by()
    )
    return {(row["account"], row["currency"]): int(row["total"]) for row in rows}


def ledger_balance(*, account: LedgerAccount, milestone_id: int) -> int:
    total = LedgerEntry.objects.filter(account=account, milestone_id=milestone_id).aggregate(
        total=Sum("amount_minor")
    )["total"]
    return int(total or 0)


def ledger_unbalanced_transactions() -> list[int]:
    """Ids of transactions whose entries do not sum to zero per currency (should be none)."""
    sums: dict[tuple[int, str], int] = defaultdict(int)
    for txn_id, currency, amount in LedgerEntry.objects.values_list(
        "transaction_id", "currency", "amount_minor"
    ).iterator():
        sums[(txn_id, currency)] += amount
    return sorted({txn_id for (txn_id, _), total in sums.items() if total})
