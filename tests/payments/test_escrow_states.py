"""The escrow state machine on the offline provider: every transition, every refusal."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from common.errors import DomainError
from marketplace.accounts.roles import StaffRole
from payments.escrow import services
from payments.escrow.models import EscrowState, PaymentAudit
from payments.events import milestone_payment_changed
from tests.payments.conftest import Cast, make_cast, make_staff
from tests.payments.helpers import balances, ledger_snapshot, payment, state

pytestmark = pytest.mark.django_db
Run = Callable[..., Any]


def fund(run: Run, c: Cast) -> None:
    run(services.milestone_fund, milestone=c.milestone, by=c.client)


def submit(run: Run, c: Cast) -> None:
    run(services.milestone_submit, milestone=c.milestone, by=c.freelancer)


def test_fund_submit_release_books_escrow_then_payout_and_fee(cast: Cast, run_commits: Run) -> None:
    # Given a 1,000.00 EUR milestone and the default 10 % fee
    seen: list[dict[str, Any]] = []

    def receiver(**kwargs: Any) -> None:
        seen.append(kwargs)

    milestone_payment_changed.connect(receiver)
    try:
        # When the client funds it (offline: the card payment succeeds at once)
        fund(run_commits, cast)
        # Then it is funded and the escrow holds the amount
        assert state(cast.milestone) == "funded"
        assert balances(cast.milestone) == {"escrow": 100_000, "client": -100_000}
        # When the freelancer submits and the client releases
        submit(run_commits, cast)
        run_commits(services.milestone_release, milestone=cast.milestone, by=cast.client)
    finally:
        milestone_payment_changed.disconnect(receiver)
    # Then the escrow is empty, the freelancer got 900.00 and the platform 100.00
    assert state(cast.milestone) == "released"
    assert balances(cast.milestone) == {
        "client": -100_000,
        "freelancer": 90_000,
        "platform_fee": 10_000,
    }
    assert [(e["previous_state"], e["state"]) for e in seen] == [
        ("awaiting_funding", "funding"),
        ("funding", "funded"),
        ("funded", "submitted"),
        ("submitted", "releasing"),
        ("releasing", "released"),
    ]
    assert seen[0]["contract_id"] == cast.milestone.contract_id


def test_partial_then_full_refund_before_release(cast: Cast, run_commits: Run) -> None:
    fund(run_commits, cast)
    # When the client takes back 300.00 of a funded milestone
    run_commits(
        services.milestone_refund, milestone=cast.milestone, by=cast.client, amount_minor=30_000
    )
    # Then the milestone stays funded with 700.00 held
    assert state(cast.milestone) == "funded"
    assert balances(cast.milestone) == {"escrow": 70_000, "client": -70_000}
    # When the freelancer refunds the rest after submitting
    submit(run_commits, cast)
    run_commits(services.milestone_refund, milestone=cast.milestone, by=cast.freelancer)
    assert state(cast.milestone) == "refunded"
    assert balances(cast.milestone) == {}
    assert payment(cast.milestone).refunded_minor == 100_000


def test_release_after_partial_refund_takes_the_fee_on_what_is_left(
    cast: Cast, run_commits: Run
) -> None:
    fund(run_commits, cast)
    run_commits(
        services.milestone_refund, milestone=cast.milestone, by=cast.client, amount_minor=50_000
    )
    run_commits(services.milestone_release, milestone=cast.milestone, by=cast.client)
    assert state(cast.milestone) == "released"
    assert balances(cast.milestone) == {
        "client": -50_000,
        "freelancer": 45_000,
        "platform_fee": 5_000,
    }


def test_refund_after_release_reverses_the_transfer_first(cast: Cast, run_commits: Run) -> None:
    fund(run_commits, cast)
    run_commits(services.milestone_release, milestone=cast.milestone, by=cast.client)
    # When the freelancer gives back 950.00 of a released 1,000.00 (payout was 900.00)
    run_commits(
        services.milestone_refund, milestone=cast.milestone, by=cast.freelancer, amount_minor=95_000
    )
    # Then 900.00 came back from the freelancer, 50.00 from the platform fee
    assert state(cast.milestone) == "released"
    assert balances(cast.milestone) == {"client": -5_000, "platform_fee": 5_000}
    kinds = list(payment(cast.milestone).ops.values_list("kind", "amount_minor", "status"))
    assert kinds[-2:] == [("reversal", 90_000, "succeeded"), ("refund", 95_000, "succeeded")]
    # And the last 50.00 refunds it completely
    run_commits(services.milestone_refund, milestone=cast.milestone, by=cast.freelancer)
    assert state(cast.milestone) == "refunded"
    assert balances(cast.milestone) == {}


@pytest.mark.parametrize(
    ("outcome", "refund", "expected_state", "expected"),
    [
        (
            "release",
            0,
            "released",
            {"client": -100_000, "freelancer": 90_000, "platform_fee": 10_000},
        ),
        ("refund", 0, "refunded", {}),
        (
            "split",
            40_000,
            "released",
            {"client": -60_000, "freelancer": 54_000, "platform_fee": 6_000},
        ),
    ],
)
def test_dispute_freezes_until_an_admin_resolves(
    cast: Cast,
    run_commits: Run,
    outcome: str,
    refund: int,
    expected_state: str,
    expected: dict[str, int],
) -> None:
    fund(run_commits, cast)
    submit(run_commits, cast)
    run_commits(
        services.milestone_dispute_open, milestone=cast.milestone, by=cast.client, reason="Late"
    )
    # Then nobody can move the money while it is disputed
    before = ledger_snapshot()
    for call, who in (
        (services.milestone_release, cast.client),
        (services.milestone_refund, cast.freelancer),
        (services.milestone_submit, cast.freelancer),
    ):
        with pytest.raises(DomainError) as refused:
            run_commits(call, milestone=cast.milestone, by=who)
        assert refused.value.code == "milestone_disputed"
    assert ledger_snapshot() == before
    # When an admin resolves it
    admin = make_staff(StaffRole.FINANCE)
    run_commits(
        services.dispute_resolve,
        payment=payment(cast.milestone),
        by=admin,
        outcome=outcome,
        reason="Work partly delivered",
        refund_minor=refund,
    )
    assert state(cast.milestone) == expected_state
    assert balances(cast.milestone) == expected
    assert PaymentAudit.objects.filter(payment__milestone=cast.milestone, actor=admin).exists()


def test_cancel_before_funding(cast: Cast, run_commits: Run) -> None:
    run_commits(services.milestone_cancel, milestone=cast.milestone, by=cast.freelancer)
    assert state(cast.milestone) == "cancelled"
    with pytest.raises(DomainError) as refused:
        fund(run_commits, cast)
    assert refused.value.code == "invalid_state"


REFUSALS = [
    # (steps before, action, who, code)
    ([], "submit", "freelancer", "invalid_state"),
    ([], "release", "client", "invalid_state"),
    ([], "refund", "client", "invalid_state"),
    ([], "dispute", "client", "invalid_state"),
    (["fund"], "fund", "client", "invalid_state"),
    (["fund"], "cancel", "client", "invalid_state"),
    (["fund"], "submit", "client", "permission_denied"),
    (["fund"], "release", "freelancer", "permission_denied"),
    (["fund"], "release", "stranger", "permission_denied"),
    (["fund", "submit"], "refund", "client", "invalid_state"),
    (["fund", "submit"], "submit", "freelancer", "invalid_state"),
    (["fund", "release"], "release", "client", "invalid_state"),
    (["fund", "release"], "dispute", "client", "invalid_state"),
    (["fund", "release"], "refund", "client", "invalid_state"),
    (["cancel"], "release", "client", "invalid_state"),
]


@pytest.mark.parametrize(("steps", "action", "who", "code"), REFUSALS)
def test_invalid_transitions_are_refused_and_leave_the_ledger_unchanged(
    cast: Cast, run_commits: Run, steps: list[str], action: str, who: str, code: str
) -> None:
    calls = {
        "fund": (services.milestone_fund, {}),
        "submit": (services.milestone_submit, {}),
        "release": (services.milestone_release, {}),
        "refund": (services.milestone_refund, {}),
        "dispute": (services.milestone_dispute_open, {"reason": "No"}),
        "cancel": (services.milestone_cancel, {}),
    }
    actors = {
        "fund": cast.client,
        "submit": cast.freelancer,
        "release": cast.client,
        "cancel": cast.client,
    }
    for step in steps:
        fn, extra = calls[step]
        run_commits(fn, milestone=cast.milestone, by=actors[step], **extra)
    before_state = payment(cast.milestone).state if steps else None
    before = ledger_snapshot()
    fn, extra = calls[action]
    with pytest.raises(DomainError) as refused:
        run_commits(fn, milestone=cast.milestone, by=getattr(cast, who), **extra)
    assert refused.value.code == code
    assert ledger_snapshot() == before
    if before_state is not None:
        assert payment(cast.milestone).state == before_state


def test_refund_larger_than_what_is_left_is_refused(cast: Cast, run_commits: Run) -> None:
    fund(run_commits, cast)
    with pytest.raises(DomainError) as refused:
        run_commits(
            services.milestone_refund,
            milestone=cast.milestone,
            by=cast.client,
            amount_minor=100_001,
        )
    assert refused.value.code == "refund_too_large"
    assert balances(cast.milestone) == {"escrow": 100_000, "client": -100_000}


def test_release_needs_a_ready_payout_account(db: Any, run_commits: Run) -> None:
    c = make_cast(ready=False)
    fund(run_commits, c)
    with pytest.raises(DomainError) as refused:
        run_commits(services.milestone_release, milestone=c.milestone, by=c.client)
    assert refused.value.code == "payout_account_not_ready"
    assert payment(c.milestone).state == EscrowState.FUNDED


def test_zero_and_three_decimal_currencies(db: Any, run_commits: Run) -> None:
    for amount, currency, fee in ((50_000, "JPY", 5_000), (12_340, "KWD", 1_230)):
        c = make_cast(amount_minor=amount, currency=currency)
        fund(run_commits, c)
        run_commits(services.milestone_release, milestone=c.milestone, by=c.client)
        assert balances(c.milestone) == {
            "client": -amount,
            "freelancer": amount - fee,
            "platform_fee": fee,
        }
