"""The ledger is append-only (in Python and in PostgreSQL) and balanced; a stateful hypothesis
run over random escrow operations keeps every invariant."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.db.utils import DatabaseError
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from common.errors import DomainError
from marketplace.accounts.roles import StaffRole
from payments.escrow import services
from payments.escrow.models import MilestonePayment
from payments.ledger.models import (
    AppendOnlyError,
    LedgerAccount,
    LedgerEntry,
    LedgerKind,
    LedgerTransaction,
)
from payments.ledger.services import (
    UnbalancedTransaction,
    ledger_balances,
    ledger_post,
    ledger_unbalanced_transactions,
)
from tests.payments.conftest import Cast, make_cast, make_staff
from tests.payments.helpers import balances

pytestmark = pytest.mark.django_db


def _post(c: Cast, key: str = "t1") -> LedgerTransaction:
    return ledger_post(
        key=key,
        kind=LedgerKind.FUNDING,
        milestone=c.milestone,
        freelancer_user_id=c.freelancer.pk,
        lines=[(LedgerAccount.ESCROW, 500), (LedgerAccount.CLIENT, -500)],
    )


def test_posting_twice_with_one_key_books_once(cast: Cast) -> None:
    first = _post(cast)
    assert _post(cast) == first
    assert LedgerEntry.objects.count() == 2


def test_unbalanced_transactions_are_refused(cast: Cast) -> None:
    with pytest.raises(UnbalancedTransaction):
        ledger_post(
            key="bad",
            kind=LedgerKind.FUNDING,
            milestone=cast.milestone,
            freelancer_user_id=cast.freelancer.pk,
            lines=[(LedgerAccount.ESCROW, 500), (LedgerAccount.CLIENT, -499)],
        )
    assert LedgerTransaction.objects.count() == 0


def test_python_guard_refuses_changes(cast: Cast) -> None:
    txn = _post(cast)
    entry = txn.entries.first()
    assert entry is not None
    entry.amount_minor = 1
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        LedgerEntry.objects.filter(pk=entry.pk).update(amount_minor=7)
    with pytest.raises(AppendOnlyError):
        LedgerEntry.objects.all().delete()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL trigger")
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE payments_ledgerentry SET amount_minor = 1",
        "DELETE FROM payments_ledgerentry",
        "UPDATE payments_ledgertransaction SET memo = 'edited'",
        "DELETE FROM payments_ledgertransaction",
    ],
)
def test_database_refuses_updates_and_deletes_of_posted_rows(cast: Cast, sql: str) -> None:
    _post(cast)
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)
    assert list(LedgerEntry.objects.values_list("amount_minor", flat=True).order_by("id")) == [
        500,
        -500,
    ]


def test_reconcile_command_reports_agreement(cast: Cast, run_commits: Any, capsys: Any) -> None:
    run_commits(services.milestone_fund, milestone=cast.milestone, by=cast.client)
    run_commits(services.milestone_release, milestone=cast.milestone, by=cast.client)
    call_command("payments_reconcile")
    assert "ledger and provider agree" in capsys.readouterr().out


class EscrowLedgerMachine(RuleBasedStateMachine):
    """Random fund / submit / release / refund / dispute / resolve sequences on a few
    milestones: every transaction sums to zero, no held or paid balance goes negative, and
    each milestone's ledger matches its state."""

    def __init__(self) -> None:
        super().__init__()
        self.casts: list[Cast] = []
        self.admin = make_staff(StaffRole.FINANCE)

    @initialize(currencies=st.lists(st.sampled_from(["EUR", "JPY", "KWD"]), min_size=2, max_size=3))
    def setup(self, currencies: list[str]) -> None:
        self.casts = [make_cast(amount_minor=12_340, currency=c) for c in currencies]

    def _run(self, fn: Any, **kwargs: Any) -> None:
        try:
            with transaction.atomic():
                fn(**kwargs)
                callbacks = list(connection.run_on_commit)
            # Run the after-commit work (eager tasks) as the commit would.
            connection.run_on_commit = []
            for item in callbacks:
                item[1]()
                while connection.run_on_commit:
                    pending, connection.run_on_commit = connection.run_on_commit, []
                    for later in pending:
                        later[1]()
        except DomainError:
            pass

    @rule(i=st.integers(0, 2))
    def fund(self, i: int) -> None:
        c = self.casts[i % len(self.casts)]
        self._run(services.milestone_fund, milestone=c.milestone, by=c.client)

    @rule(i=st.integers(0, 2))
    def submit(self, i: int) -> None:
        c = self.casts[i % len(self.casts)]
        self._run(services.milestone_submit, milestone=c.milestone, by=c.freelancer)

    @rule(i=st.integers(0, 2))
    def release(self, i: int) -> None:
        c = self.casts[i % len(self.casts)]
        self._run(services.milestone_release, milestone=c.milestone, by=c.client)

    @rule(i=st.integers(0, 2), amount=st.integers(1, 1234), by_freelancer=st.booleans())
    def refund(self, i: int, amount: int, by_freelancer: bool) -> None:
        c = self.casts[i % len(self.casts)]
        by = c.freelancer if by_freelancer else c.client
        self._run(services.milestone_refund, milestone=c.milestone, by=by, amount_minor=amount * 10)

    @rule(i=st.integers(0, 2))
    def dispute(self, i: int) -> None:
        c = self.casts[i % len(self.casts)]
        self._run(services.milestone_dispute_open, milestone=c.milestone, by=c.client, reason="x")

    @rule(i=st.integers(0, 2), outcome=st.sampled_from(["release", "refund", "split"]))
    def resolve(self, i: int, outcome: str) -> None:
        c = self.casts[i % len(self.casts)]
        payment = MilestonePayment.objects.filter(milestone=c.milestone).first()
        if payment is not None:
            self._run(
                services.dispute_resolve,
                payment=payment,
                by=self.admin,
                outcome=outcome,
                reason="x",
                refund_minor=1230,
            )

    @invariant()
    def balanced_and_never_negative(self) -> None:
        assert ledger_unbalanced_transactions() == []
        for c in self.casts:
            b = balances(c.milestone)
            for account in ("escrow", "freelancer", "platform_fee"):
                assert b.get(account, 0) >= 0, (account, b)
            assert b.get("client", 0) <= 0
            payment = MilestonePayment.objects.filter(milestone=c.milestone).first()
            event(f"state: {payment.state if payment else 'none'}")
            if payment is None or payment.funded_at is None:
                assert b == {}
                continue
            held = b.get("escrow", 0)
            if payment.state in ("funded", "submitted", "disputed"):
                assert held == payment.amount_minor - payment.refunded_minor
            if payment.state in ("released", "refunded"):
                assert held == 0
            assert -b.get("client", 0) == payment.amount_minor - payment.refunded_minor
        totals = ledger_balances()
        currencies = {cur for (_, cur) in totals}
        for cur in currencies:
            assert sum(v for (_, c2), v in totals.items() if c2 == cur) == 0


@pytest.mark.django_db
def test_escrow_ledger_stateful() -> None:
    run = EscrowLedgerMachine.TestCase
    run.settings = settings(
        max_examples=15,
        stateful_step_count=20,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    run().runTest()


def test_balances_per_contract_freelancer_and_platform(run_commits: Any) -> None:
    # Given two released milestones of one freelancer's contract, and one still held elsewhere
    first = make_cast()
    second_milestone = first.milestone.contract.milestones.create(
        position=2, title="Second", amount_minor=50_000, currency="EUR"
    )
    other = make_cast(amount_minor=30_000)
    for milestone in (first.milestone, second_milestone):
        run_commits(services.milestone_fund, milestone=milestone, by=first.client)
        run_commits(services.milestone_release, milestone=milestone, by=first.client)
    run_commits(services.milestone_fund, milestone=other.milestone, by=other.client)

    # Then each view of the ledger is a sum of its entries
    by_contract = ledger_balances(contract_id=first.milestone.contract_id)
    assert {k: v for k, v in by_contract.items() if v} == {
        ("client", "EUR"): -150_000,
        ("freelancer", "EUR"): 135_000,
        ("platform_fee", "EUR"): 15_000,
    }
    assert ledger_balances(freelancer_user_id=first.freelancer.pk)[("freelancer", "EUR")] == 135_000
    platform = ledger_balances()
    assert platform[("platform_fee", "EUR")] == 15_000
    assert platform[("escrow", "EUR")] == 30_000
    assert sum(platform.values()) == 0
