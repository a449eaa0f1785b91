"""Money decisions need the FINANCE staff role and a reason; the audit log cannot be edited."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.test import Client

from common.errors import DomainError
from marketplace.accounts.roles import StaffRole
from payments.escrow import services
from payments.escrow.models import PaymentAudit
from payments.ledger.models import AppendOnlyError
from tests.factories import UserFactory
from tests.payments.conftest import Cast, make_staff
from tests.payments.helpers import balances, ledger_snapshot, payment, state

pytestmark = pytest.mark.django_db
QUEUE = "/admin/payments/disputedpayment/"


@pytest.fixture
def disputed(cast: Cast, run_commits: Any) -> Cast:
    run_commits(services.milestone_fund, milestone=cast.milestone, by=cast.client)
    run_commits(
        services.milestone_dispute_open, milestone=cast.milestone, by=cast.client, reason="Late"
    )
    return cast


def _login(role: StaffRole | None) -> tuple[Client, Any]:
    user = make_staff(role)
    client = Client()
    client.force_login(user)
    return client, user


def _unchanged(cast: Cast, audits: int, ledger: tuple[int, int]) -> None:
    assert state(cast.milestone) == "disputed"
    assert PaymentAudit.objects.count() == audits
    assert ledger_snapshot() == ledger
    assert payment(cast.milestone).ops.filter(kind="transfer").count() == 0


@pytest.mark.parametrize("role", [StaffRole.MODERATOR, None])
def test_staff_without_finance_cannot_resolve_through_the_service(
    disputed: Cast, run_commits: Any, role: StaffRole | None
) -> None:
    audits, ledger = PaymentAudit.objects.count(), ledger_snapshot()
    with pytest.raises(DomainError) as refused:
        run_commits(
            services.dispute_resolve,
            payment=payment(disputed.milestone),
            by=make_staff(role),
            outcome="release",
            reason="Looks done",
        )
    assert (refused.value.code, refused.value.status) == ("permission_denied", 403)
    _unchanged(disputed, audits, ledger)


def test_a_moderator_sees_the_queue_but_cannot_resolve_in_admin(
    disputed: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    client, _user = _login(StaffRole.MODERATOR)
    page = client.get(QUEUE)
    assert page.status_code == 200
    assert b"resolve_release" not in page.content  # the actions are not even offered
    audits, ledger = PaymentAudit.objects.count(), ledger_snapshot()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            QUEUE,
            {
                "action": "resolve_release",
                "_selected_action": [payment(disputed.milestone).pk],
                "reason": "Looks done",
            },
        )
    _unchanged(disputed, audits, ledger)


def test_finance_must_give_a_reason_in_admin(
    disputed: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    client, _user = _login(StaffRole.FINANCE)
    audits, ledger = PaymentAudit.objects.count(), ledger_snapshot()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            QUEUE,
            {
                "action": "resolve_refund",
                "_selected_action": [payment(disputed.milestone).pk],
                "reason": "   ",
            },
            follow=True,
        )
    assert b"reason_required" in response.content
    _unchanged(disputed, audits, ledger)


def test_finance_resolves_in_admin_and_the_audit_names_actor_and_reason(
    disputed: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    client, user = _login(StaffRole.FINANCE)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            QUEUE,
            {
                "action": "resolve_refund",
                "_selected_action": [payment(disputed.milestone).pk],
                "reason": "No work delivered",
            },
        )
    assert response.status_code == 302
    assert state(disputed.milestone) == "refunded"
    assert balances(disputed.milestone) == {}
    decision = PaymentAudit.objects.get(action="dispute_resolved")
    assert decision.actor == user
    assert decision.details == {
        "outcome": "refund",
        "reason": "No work delivered",
        "refund_minor": 0,
    }
    assert PaymentAudit.objects.filter(action="refund", actor=user).count() == 1


def test_audit_rows_cannot_be_changed_in_python(disputed: Cast) -> None:
    row = PaymentAudit.objects.filter(payment__milestone=disputed.milestone).first()
    assert row is not None
    row.action = "edited"
    with pytest.raises(AppendOnlyError):
        row.save()
    with pytest.raises(AppendOnlyError):
        PaymentAudit.objects.filter(pk=row.pk).update(action="edited")
    with pytest.raises(AppendOnlyError):
        PaymentAudit.objects.filter(pk=row.pk).delete()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL trigger")
@pytest.mark.parametrize(
    "sql",
    ["UPDATE payments_paymentaudit SET action = 'edited'", "DELETE FROM payments_paymentaudit"],
)
def test_database_refuses_changes_to_the_audit_log(disputed: Cast, sql: str) -> None:
    before = list(PaymentAudit.objects.values_list("id", "action").order_by("id"))
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)
    assert list(PaymentAudit.objects.values_list("id", "action").order_by("id")) == before
    assert [a for _i, a in before] == ["fund", "funded", "dispute"]


def test_audit_log_is_read_only_in_admin(disputed: Cast) -> None:
    client = Client()
    client.force_login(UserFactory.create(is_staff=True, is_superuser=True))
    row = PaymentAudit.objects.first()
    assert row is not None
    assert client.get(f"/admin/payments/paymentaudit/{row.pk}/delete/").status_code == 403
    client.post(f"/admin/payments/paymentaudit/{row.pk}/change/", {"action": "edited"})
    assert PaymentAudit.objects.get(pk=row.pk).action == row.action
