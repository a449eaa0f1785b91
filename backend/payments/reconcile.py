"""Compare the ledger with itself and with the provider's records; report differences."""

from __future__ import annotations

from payments.escrow.models import (
    MilestonePayment,
    OperationKind,
    OperationStatus,
    ProviderOperation,
)
from payments.ledger.models import LedgerAccount
from payments.ledger.services import ledger_balances, ledger_unbalanced_transactions
from payments.providers import get_provider
from payments.providers.base import ProviderError, ProviderUnavailable

OPEN_STATUSES = (OperationStatus.PENDING, OperationStatus.UNKNOWN)


def payments_reconcile(*, check_provider: bool = True) -> list[str]:
    """Every difference found, as one line each; an empty list means all agree.

    Ledger: every transaction sums to zero; per milestone, escrow = funded − released −
    refunded and no account is negative. Provider: each succeeded transfer, refund and
    reversal exists there with our amount; operations left `unknown` are listed.
    """
    problems = [f"transaction {t} does not sum to zero" for t in ledger_unbalanced_transactions()]
    provider = get_provider()
    for payment in MilestonePayment.objects.select_related("milestone").prefetch_related("ops"):
        balances = ledger_balances(milestone_id=payment.milestone_id)

        def bal(
            account: LedgerAccount,
            p: MilestonePayment = payment,
            b: dict[tuple[str, str], int] = balances,
        ) -> int:
            return int(b.get((account, p.currency), 0))

        funded = payment.amount_minor if payment.funded_at else 0
        ops = list(payment.ops.all())
        released = sum(
            o.amount_minor + o.fee_part_minor
            for o in ops
            if o.kind == OperationKind.TRANSFER and o.status == OperationStatus.SUCCEEDED
        )
        reversed_ = sum(
            o.amount_minor
            for o in ops
            if o.kind == OperationKind.REVERSAL and o.status == OperationStatus.SUCCEEDED
        )
        expected_escrow = (
            funded
            - released
            + reversed_
            - (
                payment.refunded_minor
                - sum(
                    o.fee_part_minor
                    for o in ops
                    if o.kind == OperationKind.REFUND and o.status == OperationStatus.SUCCEEDED
                )
            )
        )
        if payment.state == "charged_back":
            expected_escrow = 0
        name = f"milestone {payment.milestone_id}"
        if bal(LedgerAccount.ESCROW) != expected_escrow:
            problems.append(
                f"{name}: escrow {bal(LedgerAccount.ESCROW)} != expected {expected_escrow}"
            )
        for account in (LedgerAccount.ESCROW, LedgerAccount.FREELANCER, LedgerAccount.PLATFORM_FEE):
            if bal(account) < 0:
                problems.append(f"{name}: {account} is negative ({bal(account)})")
        clawing_back = any(
            o.kind == OperationKind.CLAWBACK and o.status in OPEN_STATUSES for o in ops
        )
        if bal(LedgerAccount.LOSS) and not clawing_back:
            problems.append(f"{name}: chargeback loss {-bal(LedgerAccount.LOSS)} not clawed back")
        for op in ops:
            if op.status == OperationStatus.UNKNOWN:
                problems.append(f"{name}: operation {op.key} is unknown (provider not confirmed)")
        if not check_provider or provider.name == "offline":
            continue
        problems += _provider_differences(payment, ops)
    return problems


def _provider_differences(payment: MilestonePayment, ops: list[ProviderOperation]) -> list[str]:
    provider = get_provider()
    name = f"milestone {payment.milestone_id}"
    try:
        seen: dict[str, int] = {}
        transfers = provider.transfers_list(transfer_group=payment.transfer_group)
        seen.update({t.id: t.amount for t in transfers})
        if payment.payment_intent_id:
            seen.update(
                {
                    r.id: r.amount
                    for r in provider.refunds_list(payment_intent_id=payment.payment_intent_id)
                }
            )
        for t in transfers:
            seen.update(
                {r.id: r.amount for r in provider.transfer_reversals_list(transfer_id=t.id)}
            )
    except (ProviderError, ProviderUnavailable) as exc:
        return [f"{name}: provider not reachable ({exc})"]
    problems = []
    ours = {o.provider_id for o in ops if o.status == OperationStatus.SUCCEEDED}
    for op in ops:
        if op.status != OperationStatus.SUCCEEDED or op.kind in (
            OperationKind.PAYMENT_INTENT,
            OperationKind.EVIDENCE,
        ):
            continue
        if op.provider_id not in seen:
            problems.append(f"{name}: {op.kind} {op.provider_id} missing at the provider")
        elif seen[op.provider_id] != op.amount_minor:
            problems.append(
                f"{name}: {op.kind} {op.provider_id} is {seen[op.provider_id]} at the provider, "
                f"{op.amount_minor} here"
            )
    for provider_id in sorted(set(seen) - ours):
        problems.append(f"{name}: {provider_id} at the provider has no record here")
    return problems
