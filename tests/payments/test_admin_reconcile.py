"""Admin: read-only money views and the disputes queue; reconciliation reports differences."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from payments.escrow import services
from payments.escrow.models import OperationStatus, PaymentAudit, ProviderOperation
from tests.factories import UserFactory
from tests.payments.conftest import Cast
from tests.payments.helpers import balances, state

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(db: Any) -> Client:
    admin = UserFactory.create(is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(admin)
    return client


def test_disputes_queue_resolves_with_a_split(
    cast: Cast, run_commits: Any, admin_client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    run_commits(services.milestone_fund, milestone=cast.milestone, by=cast.client)
    run_commits(
        services.milestone_dispute_open,
        milestone=cast.milestone,
        by=cast.freelancer,
        reason="Unpaid",
    )
    queue = admin_client.get("/admin/payments/disputedpayment/")
    assert queue.status_code == 200
    payment_id = cast.milestone.payment.pk
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/payments/disputedpayment/",
            {
                "action": "resolve_split",
                "_selected_action": [payment_id],
                "refund_minor": "30000",
                "reason": "Two of three parts delivered",
            },
        )
    assert response.status_code == 302
    assert state(cast.milestone) == "released"
    # 300.00 back to the client; 700.00 released, less the 10 % fee
    assert balances(cast.milestone) == {
        "client": -70_000,
        "freelancer": 63_000,
        "platform_fee": 7_000,
    }
    assert PaymentAudit.objects.filter(action="release", actor__is_staff=True).count() == 1


@pytest.mark.parametrize(
    "path",
    [
        "ledgerentry",
        "ledgertransaction",
        "milestonepayment",
        "provideroperation",
        "paymentaudit",
        "webhookevent",
    ],
)
def test_money_views_are_read_only(admin_client: Client, path: str) -> None:
    assert admin_client.get(f"/admin/payments/{path}/").status_code == 200
    assert admin_client.get(f"/admin/payments/{path}/add/").status_code == 403


def test_reconcile_reports_an_unknown_operation(cast: Cast, run_commits: Any, capsys: Any) -> None:
    run_commits(services.milestone_fund, milestone=cast.milestone, by=cast.client)
    run_commits(services.milestone_release, milestone=cast.milestone, by=cast.client)
    ProviderOperation.objects.filter(kind="transfer").update(status=OperationStatus.UNKNOWN)
    with pytest.raises(CommandError, match="difference"):
        call_command("payments_reconcile")
    assert "is unknown" in capsys.readouterr().out
