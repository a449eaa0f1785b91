"""Beat jobs with time travel: auto-release after N days unless disputed, its reminder, and
the holding-window guard (warn, then refund)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.conf import settings
from django.utils import timezone

from payments.escrow import services
from payments.escrow.models import PaymentAudit
from payments.escrow.timers import payments_auto_release, payments_hold_guard
from tests.payments.conftest import Cast, make_cast
from tests.payments.helpers import balances, payment, state

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)


def submitted(run: Any) -> Cast:
    c = make_cast()
    run(services.milestone_fund, milestone=c.milestone, by=c.client)
    run(services.milestone_submit, milestone=c.milestone, by=c.freelancer)
    return c


def test_beat_schedule_lists_the_jobs() -> None:
    from config.celery import app

    expected = {
        "payments.tasks.auto_release_due",
        "payments.tasks.hold_window_guard",
        "payments.tasks.webhook_events_retry",
        "payments.tasks.operations_retry",
    }
    for schedule in (settings.CELERY_BEAT_SCHEDULE, app.conf.beat_schedule):
        assert expected <= {entry["task"] for entry in schedule.values()}
    assert expected <= set(app.tasks)


def test_auto_release_after_fourteen_days_with_a_reminder_before(
    run_commits: Any, django_capture_on_commit_callbacks: Any
) -> None:
    c = submitted(run_commits)
    start = payment(c.milestone).submitted_at
    assert start is not None

    # 10 days on: nothing yet; 11 days on (3 before): a reminder, once
    assert run_commits(payments_auto_release, now=start + 10 * DAY) == []
    assert not PaymentAudit.objects.filter(action="auto_release_reminder").exists()
    run_commits(payments_auto_release, now=start + 11 * DAY)
    run_commits(payments_auto_release, now=start + 12 * DAY)
    assert PaymentAudit.objects.filter(action="auto_release_reminder").count() == 1
    assert state(c.milestone) == "submitted"

    # 14 days on: released to the freelancer
    assert run_commits(payments_auto_release, now=start + 14 * DAY) == [c.milestone.pk]
    assert state(c.milestone) == "released"
    assert balances(c.milestone)["freelancer"] == 90_000
    assert run_commits(payments_auto_release, now=start + 15 * DAY) == []


def test_a_disputed_milestone_is_not_auto_released(run_commits: Any) -> None:
    c = submitted(run_commits)
    run_commits(services.milestone_dispute_open, milestone=c.milestone, by=c.client, reason="x")
    assert run_commits(payments_auto_release, now=timezone.now() + 30 * DAY) == []
    assert state(c.milestone) == "disputed"


def test_hold_window_guard_warns_then_refunds(run_commits: Any) -> None:
    c = make_cast()
    run_commits(services.milestone_fund, milestone=c.milestone, by=c.client)
    funded = payment(c.milestone).funded_at
    assert funded is not None
    # 83 days (window 90 − warn 7): a warning, nothing moves
    assert run_commits(payments_hold_guard, now=funded + 83 * DAY) == []
    assert PaymentAudit.objects.filter(action="hold_window_warning").count() == 1
    assert state(c.milestone) == "funded"
    # 88 days (refund 2 days before the end): the client gets the money back
    assert run_commits(payments_hold_guard, now=funded + 88 * DAY) == [c.milestone.pk]
    assert state(c.milestone) == "refunded"
    assert balances(c.milestone) == {}
    assert PaymentAudit.objects.filter(action="hold_window_warning").count() == 1
