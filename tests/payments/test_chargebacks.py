"""Chargebacks on Stripe Connect, through the real SDK against the fake: the parties'
evidence is staged on the dispute, finance submits it; a lost chargeback after release is
clawed back from the freelancer's connected account with a transfer reversal."""

from __future__ import annotations

from typing import Any

import pytest
import stripe
from django.test import Client

from common.errors import DomainError
from marketplace.accounts.roles import StaffRole
from payments.escrow import services
from payments.escrow.chargebacks import chargeback_evidence_submit
from payments.escrow.models import Chargeback, OperationKind, PaymentAudit, ProviderOperation
from payments.ledger.services import ledger_unbalanced_transactions
from payments.providers import get_provider
from payments.providers.base import ProviderError
from payments.reconcile import payments_reconcile
from tests.conftest import client_for
from tests.payments.conftest import Cast, make_staff
from tests.payments.fake_stripe.server import FakeStripe
from tests.payments.helpers import balances, payment, state
from tests.payments.stripe_flow import deliver, fund_and_pay, onboard

pytestmark = pytest.mark.django_db
PRODUCT = "Logo design, three rounds, delivered as agreed"


def _chargeback(fake: FakeStripe, capture: Any, cast: Cast, *, release: bool) -> str:
    onboard(fake, capture, cast)
    paid = fund_and_pay(fake, capture, cast)
    if release:
        with capture(execute=True):
            services.milestone_release(milestone=cast.milestone, by=cast.client)
    opened = fake.dispute(paid.charge_id)
    assert deliver(capture, opened).status_code == 200
    assert state(cast.milestone) == "disputed"
    return str(opened["data"]["object"]["id"])


def _chargeback_on_new_cast(fake: FakeStripe, capture: Any) -> str:
    from tests.payments.conftest import make_cast

    return _chargeback(fake, capture, make_cast(), release=False)


def _evidence(cast: Cast, user: Any, capture: Any, body: dict[str, str]) -> Any:
    with capture(execute=True):
        return client_for(user).post(
            f"/api/v1/payments/milestones/{cast.milestone.pk}/chargeback-evidence/",
            body,
            format="json",
        )


def test_parties_stage_evidence_and_finance_submits_it(
    cast: Cast, fake_stripe: FakeStripe, django_capture_on_commit_callbacks: Any
) -> None:
    capture = django_capture_on_commit_callbacks
    dp = _chargeback(fake_stripe, capture, cast, release=False)
    # The freelancer and the client give evidence: staged on Stripe's dispute, not submitted
    assert (
        _evidence(cast, cast.freelancer, capture, {"product_description": PRODUCT}).status_code
        == 200
    )
    assert _evidence(cast, cast.client, capture, {"service_date": "2026-11-02"}).status_code == 200
    dispute = fake_stripe.objects[dp]
    assert dispute["evidence"]["product_description"] == PRODUCT
    assert dispute["evidence"]["service_date"] == "2026-11-02"
    assert dispute["status"] == "needs_response"
    assert dispute["evidence_details"]["submission_count"] == 0
    # Strangers get 404; fields Stripe does not take are refused, nothing sent
    sent = len(fake_stripe.calls)
    stranger = _evidence(cast, cast.stranger, capture, {"product_description": "x"})
    assert stranger.status_code == 404
    refused = _evidence(cast, cast.client, capture, {"favourite_colour": "blue"})
    assert (refused.status_code, refused.json()["code"]) == (400, "validation_error")
    assert len(fake_stripe.calls) == sent

    # A moderator cannot submit; finance can, with a reason
    with pytest.raises(DomainError) as denied, capture(execute=True):
        chargeback_evidence_submit(
            payment=payment(cast.milestone), by=make_staff(StaffRole.MODERATOR), reason="go"
        )
    assert denied.value.code == "permission_denied"
    assert fake_stripe.objects[dp]["status"] == "needs_response"
    finance = make_staff(StaffRole.FINANCE)
    admin = Client()
    admin.force_login(finance)
    with capture(execute=True):
        admin.post(
            "/admin/payments/disputedpayment/",
            {
                "action": "chargeback_submit",
                "_selected_action": [payment(cast.milestone).pk],
                "reason": "Delivery is documented in the contract chat",
            },
        )
    assert fake_stripe.objects[dp]["status"] == "under_review"
    assert fake_stripe.objects[dp]["evidence_details"]["submission_count"] == 1
    chargeback = Chargeback.objects.get(dispute_id=dp)
    assert chargeback.status == "under_review"
    assert chargeback.submitted_at is not None
    decision = PaymentAudit.objects.get(action="chargeback_submitted")
    assert (decision.actor, decision.details["reason"]) == (
        finance,
        "Delivery is documented in the contract chat",
    )
    assert PaymentAudit.objects.filter(action="chargeback_evidence_sent").count() == 3
    # Nothing can be added after submission
    late = _evidence(cast, cast.freelancer, capture, {"uncategorized_text": "more"})
    assert (late.status_code, late.json()["code"]) == (409, "chargeback_not_open")


def test_the_fake_refuses_what_stripe_refuses_on_disputes(
    cast: Cast, fake_stripe: FakeStripe, django_capture_on_commit_callbacks: Any
) -> None:
    dp = _chargeback(fake_stripe, django_capture_on_commit_callbacks, cast, release=False)
    provider = get_provider()
    with pytest.raises(ProviderError) as unknown:
        provider.dispute_update(
            dispute_id=dp, evidence={"colour": "blue"}, submit=False, idempotency_key="k1"
        )
    assert unknown.value.code == "parameter_unknown"
    provider.dispute_update(
        dispute_id=dp, evidence={"uncategorized_text": "ok"}, submit=True, idempotency_key="k2"
    )
    with pytest.raises(ProviderError) as after:
        provider.dispute_update(
            dispute_id=dp, evidence={"uncategorized_text": "x"}, submit=False, idempotency_key="k3"
        )
    assert after.value.code == "dispute_already_submitted"
    # Past the bank's deadline nothing is taken either
    late = fake_stripe._get(
        _chargeback_on_new_cast(fake_stripe, django_capture_on_commit_callbacks), "dispute"
    )
    late["evidence_details"]["due_by"] = 0
    with pytest.raises(ProviderError) as past_due:
        provider.dispute_update(
            dispute_id=late["id"],
            evidence={"uncategorized_text": "x"},
            submit=True,
            idempotency_key="k4",
        )
    assert past_due.value.code == "dispute_past_due"
    assert late["status"] == "needs_response"
    # Then every field of the fake's dispute is one the SDK's resource declares (no drift)
    known = set(stripe.Dispute.__annotations__) | {"id", "object"}
    assert set(fake_stripe.objects[dp]) <= known


def test_a_lost_chargeback_after_release_is_clawed_back(
    cast: Cast, fake_stripe: FakeStripe, django_capture_on_commit_callbacks: Any
) -> None:
    capture = django_capture_on_commit_callbacks
    dp = _chargeback(fake_stripe, capture, cast, release=True)
    assert balances(cast.milestone) == {
        "client": -100_000,
        "freelancer": 90_000,
        "platform_fee": 10_000,
    }
    deliver(capture, fake_stripe.close_dispute(dp, "lost"))
    assert state(cast.milestone) == "charged_back"
    # The freelancer's 900.00 came back from their connected account, by a reversal
    [transfer] = fake_stripe.of_type("transfer")
    assert transfer["amount_reversed"] == 90_000
    assert fake_stripe.account_balance[(transfer["destination"], "eur")] == 0
    clawback = ProviderOperation.objects.get(kind=OperationKind.CLAWBACK)
    assert (clawback.status, clawback.amount_minor) == ("succeeded", 90_000)
    # Every account of the milestone is back to zero, every transaction balanced
    assert balances(cast.milestone) == {}
    assert ledger_unbalanced_transactions() == []
    lost = PaymentAudit.objects.get(action="chargeback_lost")
    assert (lost.details["client_minor"], lost.details["clawback_minor"]) == (100_000, 90_000)
    assert PaymentAudit.objects.filter(action="clawback_succeeded").count() == 1
    assert payments_reconcile() == []
    # The same close event again changes nothing
    before = balances(cast.milestone), ProviderOperation.objects.count()
    deliver(capture, fake_stripe.events[-1] | {"id": "evt_again"})
    assert (balances(cast.milestone), ProviderOperation.objects.count()) == before


def test_a_clawback_the_freelancer_cannot_cover_is_left_for_finance(
    cast: Cast, fake_stripe: FakeStripe, django_capture_on_commit_callbacks: Any
) -> None:
    capture = django_capture_on_commit_callbacks
    dp = _chargeback(fake_stripe, capture, cast, release=True)
    [transfer] = fake_stripe.of_type("transfer")
    fake_stripe.account_balance[(transfer["destination"], "eur")] = 0  # already paid out
    deliver(capture, fake_stripe.close_dispute(dp, "lost"))
    assert state(cast.milestone) == "charged_back"
    assert transfer["amount_reversed"] == 0
    assert ProviderOperation.objects.get(kind=OperationKind.CLAWBACK).status == "failed"
    assert PaymentAudit.objects.filter(action="clawback_failed").count() == 1
    # The client is whole; the platform carries the loss until someone recovers it
    assert balances(cast.milestone) == {"freelancer": 90_000, "loss": -90_000}
    assert payments_reconcile() == [
        f"milestone {cast.milestone.pk}: chargeback loss 90000 not clawed back"
    ]


def test_a_lost_chargeback_before_release_books_the_escrow_back(
    cast: Cast, fake_stripe: FakeStripe, django_capture_on_commit_callbacks: Any
) -> None:
    capture = django_capture_on_commit_callbacks
    dp = _chargeback(fake_stripe, capture, cast, release=False)
    deliver(capture, fake_stripe.close_dispute(dp, "lost"))
    assert state(cast.milestone) == "charged_back"
    assert balances(cast.milestone) == {}
    assert not ProviderOperation.objects.filter(kind=OperationKind.CLAWBACK).exists()
    assert fake_stripe.of_type("transfer") == []


def test_timeouts_on_evidence_and_clawback_are_reconciled_not_repeated(
    cast: Cast, fake_stripe: FakeStripe, django_capture_on_commit_callbacks: Any
) -> None:
    from payments.escrow.operations import operation_execute

    capture = django_capture_on_commit_callbacks
    dp = _chargeback(fake_stripe, capture, cast, release=True)
    # The evidence update takes effect but the answer is lost: the operation is unknown
    fake_stripe.fail_next(f"/v1/disputes/{dp}", "timeout_after")
    assert (
        _evidence(cast, cast.freelancer, capture, {"product_description": PRODUCT}).status_code
        == 200
    )
    evidence = ProviderOperation.objects.get(kind=OperationKind.EVIDENCE)
    assert evidence.status == "unknown"
    posts = [c for c in fake_stripe.calls if c[:2] == ("post", f"/v1/disputes/{dp}")]
    # The retry finds the evidence on the dispute and does not send it again
    with capture(execute=True):
        operation_execute(op_id=evidence.pk)
    evidence.refresh_from_db()
    assert evidence.status == "succeeded"
    assert [c for c in fake_stripe.calls if c[:2] == ("post", f"/v1/disputes/{dp}")] == posts
    # The clawback reversal happens but times out; the retry finds it by its metadata
    fake_stripe.fail_next("/v1/transfers/", "timeout_after")
    deliver(capture, fake_stripe.close_dispute(dp, "lost"))
    clawback = ProviderOperation.objects.get(kind=OperationKind.CLAWBACK)
    assert clawback.status == "unknown"
    assert balances(cast.milestone) == {"freelancer": 90_000, "loss": -90_000}
    with capture(execute=True):
        operation_execute(op_id=clawback.pk)
    clawback.refresh_from_db()
    assert clawback.status == "succeeded"
    assert len(fake_stripe.of_type("transfer_reversal")) == 1
    assert balances(cast.milestone) == {}
