"""Auto-release reminders and holding-window warnings reach people: a payments event, a
notification from chat's receivers, and the digest email in the recipient's language."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail

from chat.digest import notification_digest_send_due
from chat.models import Notification
from marketplace.firms.models import FirmMembership
from payments.escrow import services
from payments.escrow.timers import payments_auto_release, payments_hold_guard
from payments.events import payment_notice
from tests.payments.conftest import make_cast
from tests.payments.helpers import payment

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)


def _notices(user_id: int) -> list[dict[str, Any]]:
    return [
        n.payload
        for n in Notification.objects.filter(user_id=user_id, kind="payment").order_by("id")
        if n.payload.get("notice")
    ]


def test_the_reminder_is_an_event_then_a_notification_then_an_email(run_commits: Any) -> None:
    c = make_cast()
    run_commits(services.milestone_fund, milestone=c.milestone, by=c.client)
    run_commits(services.milestone_submit, milestone=c.milestone, by=c.freelancer)
    c.client.language = "de"
    c.client.save(update_fields=["language"])
    start = payment(c.milestone).submitted_at
    assert start is not None
    due = start + 14 * DAY
    heard: list[dict[str, Any]] = []

    def listen(sender: Any, **kwargs: Any) -> None:
        heard.append({k: v for k, v in kwargs.items() if k != "signal"})

    payment_notice.connect(listen, dispatch_uid="test_notice")
    try:
        run_commits(payments_auto_release, now=start + 11 * DAY)
        run_commits(payments_auto_release, now=start + 12 * DAY)  # reminded once only
    finally:
        payment_notice.disconnect(dispatch_uid="test_notice")
    assert heard == [
        {
            "milestone_id": c.milestone.pk,
            "contract_id": c.milestone.contract_id,
            "notice": "auto_release_reminder",
            "due_at": due.isoformat(),
        }
    ]
    # The hiring firm is reminded (it must release or dispute); the freelancer is not
    expected = {
        "milestone_id": c.milestone.pk,
        "contract_id": c.milestone.contract_id,
        "gig_title": c.milestone.contract.title,
        "milestone_title": c.milestone.title,
        "notice": "auto_release_reminder",
        "due_at": due.isoformat(),
    }
    assert _notices(c.client.pk) == [expected]
    assert _notices(c.freelancer.pk) == []

    # Unread past the digest delay: one email each (both had the funding news unread too);
    # the client's carries the reminder in German
    run_commits(notification_digest_send_due, now=dt.datetime.now(dt.UTC) + dt.timedelta(hours=1))
    assert sorted(m.to[0] for m in mail.outbox) == sorted([c.client.email, c.freelancer.email])
    [email] = [m for m in mail.outbox if m.to == [c.client.email]]
    german_date = f"{due.day}. {_GERMAN_MONTHS[due.month - 1]} {due.year}"
    assert german_date in email.body
    assert c.milestone.title in email.body


_GERMAN_MONTHS = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
]


def test_the_hold_window_warning_reaches_both_parties_in_their_language(
    run_commits: Any,
) -> None:
    c = make_cast()
    run_commits(services.milestone_fund, milestone=c.milestone, by=c.client)
    c.freelancer.language = "fr"
    c.freelancer.save(update_fields=["language"])
    funded = payment(c.milestone).funded_at
    assert funded is not None
    run_commits(payments_hold_guard, now=funded + 83 * DAY)
    run_commits(payments_hold_guard, now=funded + 84 * DAY)
    refund_at = funded + 88 * DAY  # window 90 − refund 2 days before
    members = list(
        FirmMembership.objects.filter(firm_id=c.milestone.contract.firm_id).values_list(
            "user_id", flat=True
        )
    )
    for user_id in [c.freelancer.pk, *members]:
        [notice] = _notices(user_id)
        assert (notice["notice"], notice["due_at"]) == (
            "hold_window_warning",
            refund_at.isoformat(),
        )
    run_commits(notification_digest_send_due, now=dt.datetime.now(dt.UTC) + dt.timedelta(hours=1))
    [email] = [m for m in mail.outbox if m.to == [c.freelancer.email]]
    french_months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août"]
    french_months += ["septembre", "octobre", "novembre", "décembre"]
    assert f"{refund_at.day} {french_months[refund_at.month - 1]} {refund_at.year}" in email.body
