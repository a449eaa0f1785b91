"""The Stripe Connect provider through the real SDK against the stateful fake: onboarding,
funding, transfers, refunds, reversals, idempotency and injected failures."""

from __future__ import annotations

from typing import Any

import pytest
import stripe

from payments.escrow import services
from payments.escrow.models import OperationStatus, PaymentAudit, ProviderOperation
from payments.providers import get_provider
from payments.providers.base import ProviderError
from payments.reconcile import payments_reconcile
from tests.payments.conftest import Cast, make_cast
from tests.payments.fake_stripe.server import FakeStripe
from tests.payments.helpers import balances, state
from tests.payments.stripe_flow import fund_and_pay, onboard

pytestmark = pytest.mark.django_db


def test_onboarding_readiness_comes_from_account_updated(
    cast: Cast, fake_stripe: FakeStripe, django_capture_on_commit_callbacks: Any
) -> None:
    account = onboard(fake_stripe, django_capture_on_commit_callbacks, cast)
    assert account.ready
    created = fake_stripe.of_type("account")[0]
    assert created["metadata"] == {"user": str(cast.freelancer.pk)}


def test_full_flow_moves_money_once_with_source_transaction(
    cast: Cast, fake_stripe: FakeStripe, django_capture_on_commit_callbacks: Any
) -> None:
    capture = django_capture_on_commit_callbacks
    account = onboard(fake_stripe, capture, cast)
    payment = fund_and_pay(fake_stripe, capture, cast)
    assert payment.state == "funded"
    pi = fake_stripe.objects[payment.payment_intent_id]
    assert (pi["amount"], pi["currency"], pi["transfer_group"]) == (
        100_000,
        "eur",
        f"ms_{cast.milestone.pk}",
    )

    with capture(execute=True):
        services.milestone_release(milestone=cast.milestone, by=cast.client)

    (transfer,) = fake_stripe.of_type("transfer")
    assert transfer["amount"] == 90_000
    assert transfer["destination"] == account.account_id
    assert transfer["source_transaction"] == payment.charge_id
    assert transfer["transfer_group"] == f"ms_{cast.milestone.pk}"
    assert state(cast.milestone) == "released"
    assert fake_stripe.platform_balance["eur"] == 10_000  # the fee stays on the platform
    assert payments_reconcile() == []


def test_refund_after_release_when_the_freelancer_balance_is_too_low(
    cast: Cast, fake_stripe: FakeStripe, django_capture_on_commit_callbacks: Any
) -> None:
    capture = django_capture_on_commit_callbacks
    account = onboard(fake_stripe, capture, cast)
    fund_and_pay(fake_stripe, capture, cast)
    with capture(execute=True):
        services.milestone_release(milestone=cast.milestone, by=cast.client)
    # Given the freelancer was paid out already (their Stripe balance is empty)
    fake_stripe.account_balance[(account.account_id, "eur")] = 0
    ledger_before = balances(cast.milestone)

    # When they try to give the money back
    with capture(execute=True):
        services.milestone_refund(milestone=cast.milestone, by=cast.freelancer)

    # Then the reversal failed, so no refund was attempted and nothing was booked
    assert fake_stripe.of_type("refund") == []
    assert state(cast.milestone) == "released"
    assert balances(cast.milestone) == ledger_before
    statuses = list(ProviderOperation.objects.values_list("kind", "status", "error").order_by("id"))
    assert statuses[-2:] == [
        ("reversal", "failed", "balance_insufficient"),
        ("refund", "failed", "dependency_failed"),
    ]
    assert PaymentAudit.objects.filter(action="reversal_failed").count() == 1


def test_refund_after_release_reverses_then_refunds(
    cast: Cast, fake_stripe: FakeStripe, django_capture_on_commit_callbacks: Any
) -> None:
    capture = django_capture_on_commit_callbacks
    onboard(fake_stripe, capture, cast)
    fund_and_pay(fake_stripe, capture, cast)
    with capture(execute=True):
        services.milestone_release(milestone=cast.milestone, by=cast.client)
    with capture(execute=True):
        services.milestone_refund(milestone=cast.milestone, by=cast.freelancer)
    (reversal,) = fake_stripe.of_type("transfer_reversal")
    (refund,) = fake_stripe.of_type("refund")
    assert (reversal["amount"], refund["amount"]) == (90_000, 100_000)
    assert state(cast.milestone) == "refunded"
    assert balances(cast.milestone) == {}
    assert payments_reconcile() == []


@pytest.mark.parametrize("mode", ["500", "timeout_before", "timeout_after"])
def test_ambiguous_failures_never_move_money_twice(
    cast: Cast, fake_stripe: FakeStripe, django_capture_on_commit_callbacks: Any, mode: str
) -> None:
    capture = django_capture_on_commit_callbacks
    onboard(fake_stripe, capture, cast)
    fund_and_pay(fake_stripe, capture, cast)
    # Given the transfer call fails ambiguously
    fake_stripe.fail_next("/v1/transfers", mode)
    with capture(execute=True):
        services.milestone_release(milestone=cast.milestone, by=cast.client)
    op = ProviderOperation.objects.get(kind="transfer")
    assert op.status == OperationStatus.UNKNOWN
    assert state(cast.milestone) == "releasing"
    assert len(fake_stripe.of_type("transfer")) == (1 if mode == "timeout_after" else 0)

    # When the retry job runs it (twice, as a redelivered task would)
    from payments.escrow.operations import operation_execute

    with capture(execute=True):
        operation_execute(op_id=op.pk)
        operation_execute(op_id=op.pk)

    # Then exactly one transfer exists, booked once
    assert len(fake_stripe.of_type("transfer")) == 1
    op.refresh_from_db()
    assert op.status == OperationStatus.SUCCEEDED
    # A stored 500 poisons its key: only then a new attempt (key) was used
    assert op.attempt == (2 if mode in ("500", "timeout_before") else 1)
    assert state(cast.milestone) == "released"
    assert balances(cast.milestone) == {
        "client": -100_000,
        "freelancer": 90_000,
        "platform_fee": 10_000,
    }


def test_idempotency_replay_and_key_reuse_with_other_parameters(
    db: Any, fake_stripe: FakeStripe
) -> None:
    provider = get_provider()
    first = provider.payment_intent_create(
        amount=5_000, currency="EUR", transfer_group="ms_1", metadata={}, idempotency_key="k1"
    )
    again = provider.payment_intent_create(
        amount=5_000, currency="EUR", transfer_group="ms_1", metadata={}, idempotency_key="k1"
    )
    assert again.id == first.id
    assert len(fake_stripe.of_type("payment_intent")) == 1
    with pytest.raises(ProviderError) as refused:
        provider.payment_intent_create(
            amount=6_000, currency="EUR", transfer_group="ms_1", metadata={}, idempotency_key="k1"
        )
    assert refused.value.code in {"idempotency_key_in_use", "idempotency_error"}
    assert isinstance(refused.value.__cause__, stripe.IdempotencyError)


def test_three_decimal_amounts_reach_stripe_unchanged(db: Any, fake_stripe: FakeStripe) -> None:
    provider = get_provider()
    pi = provider.payment_intent_create(
        amount=12_340, currency="KWD", transfer_group="g", metadata={}, idempotency_key="kwd"
    )
    assert (pi.amount, pi.currency) == (12_340, "KWD")
    with pytest.raises(ProviderError):
        provider.payment_intent_create(
            amount=12_345, currency="KWD", transfer_group="g", metadata={}, idempotency_key="kwd2"
        )


def test_fake_responses_only_use_fields_the_sdk_knows(
    cast: Cast, fake_stripe: FakeStripe, django_capture_on_commit_callbacks: Any
) -> None:
    # Given a full flow on the fake (so every kind of object exists)
    capture = django_capture_on_commit_callbacks
    onboard(fake_stripe, capture, cast)
    fund_and_pay(fake_stripe, capture, cast)
    with capture(execute=True):
        services.milestone_release(milestone=cast.milestone, by=cast.client)
    with capture(execute=True):
        services.milestone_refund(milestone=cast.milestone, by=cast.freelancer)
    resources = {
        "account": stripe.Account,
        "payment_intent": stripe.PaymentIntent,
        "charge": stripe.Charge,
        "transfer": stripe.Transfer,
        "transfer_reversal": stripe.TransferReversal,
        "refund": stripe.Refund,
        "event": stripe.Event,
        "dispute": stripe.Dispute,
    }
    # Then every field the fake returns is one the SDK's resource declares (no drift)
    for obj in fake_stripe.objects.values():
        known = set(resources[obj["object"]].__annotations__) | {"id", "object"}
        assert set(obj) <= known, (obj["object"], set(obj) - known)


def test_a_payment_arriving_after_cancellation_is_booked_and_refunded(
    cast: Cast, fake_stripe: FakeStripe, django_capture_on_commit_callbacks: Any
) -> None:
    from tests.payments.stripe_flow import deliver

    capture = django_capture_on_commit_callbacks
    with capture(execute=True):
        services.milestone_fund(milestone=cast.milestone, by=cast.client)
    with capture(execute=True):
        services.milestone_cancel(milestone=cast.milestone, by=cast.client)
    pi = fake_stripe.of_type("payment_intent")[0]["id"]
    # When the client's card still goes through
    deliver(capture, fake_stripe.succeed_payment_intent(pi))
    # Then the money goes straight back
    (refund,) = fake_stripe.of_type("refund")
    assert refund["amount"] == 100_000
    assert state(cast.milestone) == "refunded"
    assert balances(cast.milestone) == {}


def test_the_retry_job_finishes_a_stale_unknown_operation(
    cast: Cast, fake_stripe: FakeStripe, django_capture_on_commit_callbacks: Any
) -> None:
    import datetime as dt

    from django.utils import timezone

    from payments.tasks import operations_retry

    capture = django_capture_on_commit_callbacks
    onboard(fake_stripe, capture, cast)
    fund_and_pay(fake_stripe, capture, cast)
    fake_stripe.fail_next("/v1/transfers", "timeout_before")
    with capture(execute=True):
        services.milestone_release(milestone=cast.milestone, by=cast.client)
    # A fresh unknown operation is left alone (a worker may still be on it) …
    with capture(execute=True):
        assert operations_retry() == 0
    # … a stale one is reconciled and retried
    ProviderOperation.objects.filter(kind="transfer").update(
        updated_at=timezone.now() - dt.timedelta(minutes=3)
    )
    with capture(execute=True):
        assert operations_retry() == 1
    assert len(fake_stripe.of_type("transfer")) == 1
    assert state(cast.milestone) == "released"


def test_a_payment_arriving_after_the_contract_ended_is_refunded(
    cast: Cast, fake_stripe: FakeStripe, django_capture_on_commit_callbacks: Any
) -> None:
    from marketplace.contracts.services import contract_cancel
    from tests.payments.stripe_flow import deliver

    capture = django_capture_on_commit_callbacks
    with capture(execute=True):
        services.milestone_fund(milestone=cast.milestone, by=cast.client)
    with capture(execute=True):
        contract_cancel(contract=cast.milestone.contract, by=cast.client)
    pi = fake_stripe.of_type("payment_intent")[0]["id"]
    deliver(capture, fake_stripe.succeed_payment_intent(pi))
    assert [r["amount"] for r in fake_stripe.of_type("refund")] == [100_000]
    assert state(cast.milestone) == "refunded"


def test_a_refused_payment_intent_lets_the_client_fund_again(
    cast: Cast, fake_stripe: FakeStripe, django_capture_on_commit_callbacks: Any
) -> None:
    from payments.escrow.operations import operation_execute

    capture = django_capture_on_commit_callbacks
    # Given Stripe refuses the first PaymentIntent
    fake_stripe.fail_next("/v1/payment_intents", "400")
    with capture(execute=True):
        services.milestone_fund(milestone=cast.milestone, by=cast.client)
    assert state(cast.milestone) == "awaiting_funding"
    # When the client tries again it gets a new intent (a new key)
    with capture(execute=True):
        services.milestone_fund(milestone=cast.milestone, by=cast.client)
    assert state(cast.milestone) == "funding"
    assert len(fake_stripe.of_type("payment_intent")) == 1
    # And a stored 500 on intent creation is retried under a fresh key, not replayed forever
    other = make_cast()
    fake_stripe.fail_next("/v1/payment_intents", "500")
    with capture(execute=True):
        services.milestone_fund(milestone=other.milestone, by=other.client)
    op = ProviderOperation.objects.get(kind="payment_intent", payment__milestone=other.milestone)
    assert op.status == OperationStatus.UNKNOWN
    with capture(execute=True):
        operation_execute(op_id=op.pk)
    op.refresh_from_db()
    assert (op.status, op.attempt) == (OperationStatus.SUCCEEDED, 2)
    assert state(other.milestone) == "funding"


def test_reconcile_reports_money_stripe_moved_that_we_have_no_record_of(
    cast: Cast, fake_stripe: FakeStripe, django_capture_on_commit_callbacks: Any
) -> None:
    capture = django_capture_on_commit_callbacks
    account = onboard(fake_stripe, capture, cast)
    payment = fund_and_pay(fake_stripe, capture, cast)
    # Given someone transferred money in the milestone's group by hand in the Dashboard
    fake_stripe._post_transfers(
        "/v1/transfers",
        [],
        {
            "amount": "5000",
            "currency": "eur",
            "destination": account.account_id,
            "transfer_group": payment.transfer_group,
            "source_transaction": payment.charge_id,
        },
    )
    # Then reconciliation names it, and the ledger alone still agrees with itself
    problems = payments_reconcile()
    assert len(problems) == 1
    assert "has no record here" in problems[0]
    assert payments_reconcile(check_provider=False) == []
