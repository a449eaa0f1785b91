"""Suspend, ban and lift on the user admin: the same services, reason pages and audit rows."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from tests.factories import UserFactory
from tests.marketplace.moderation.conftest import USERS, run_action

from marketplace.moderation.models import ModerationAction, Sanction

pytestmark = pytest.mark.django_db


def test_suspend_asks_for_a_reason_and_a_duration_then_suspends(
    moderator_client: Client, moderator: Any
) -> None:
    user = UserFactory.create()

    asked = run_action(moderator_client, USERS, "suspend_users", [user])
    done = run_action(moderator_client, USERS, "suspend_users", [user], reason="Spam", days="7")

    assert asked.status_code == 200
    assert set(asked.context["form"].fields) == {"reason", "days"}
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.suspended_until is not None
    assert user.suspended_until - timezone.now() > timedelta(days=6, hours=23)
    sanction = Sanction.objects.get()
    assert (sanction.kind, sanction.ends_at, sanction.created_by) == (
        "suspension",
        user.suspended_until,
        moderator,
    )
    [entry] = ModerationAction.objects.all()
    assert (entry.action, entry.actor, entry.reason, entry.target) == (
        "suspend",
        moderator,
        "Spam",
        user,
    )


def test_a_bad_duration_changes_nothing(moderator_client: Client) -> None:
    user = UserFactory.create()

    response = run_action(moderator_client, USERS, "suspend_users", [user], reason="x", days="0")

    assert response.status_code == 200
    assert "days" in response.context["form"].errors
    user.refresh_from_db()
    assert user.suspended_until is None
    assert ModerationAction.objects.count() == 0


def test_ban_then_lift(moderator_client: Client, moderator: Any) -> None:
    user = UserFactory.create()

    run_action(moderator_client, USERS, "ban_users", [user], reason="Fraud")
    user.refresh_from_db()
    banned_at = user.banned_at
    run_action(moderator_client, USERS, "lift_users", [user], reason="Appeal")
    user.refresh_from_db()

    assert banned_at is not None
    assert user.banned_at is None
    assert [(e.action, e.reason) for e in ModerationAction.objects.order_by("id")] == [
        ("ban", "Fraud"),
        ("lift", "Appeal"),
    ]


def test_banning_twice_is_skipped_with_its_code(moderator_client: Client) -> None:
    user = UserFactory.create()
    run_action(moderator_client, USERS, "ban_users", [user], reason="Fraud")

    response = run_action(moderator_client, USERS, "ban_users", [user], reason="Again")

    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages[-1] == "Skipped 1 user (invalid_state: 1)."
    assert ModerationAction.objects.filter(action="ban").count() == 1


def test_the_standing_filter_lists_suspended_and_banned_users(moderator_client: Client) -> None:
    suspended, banned, fine = UserFactory.create_batch(3)
    run_action(moderator_client, USERS, "suspend_users", [suspended], reason="x", days="1")
    run_action(moderator_client, USERS, "ban_users", [banned], reason="x")

    def listed(standing: str) -> list[Any]:
        return list(moderator_client.get(USERS, {"standing": standing}).context["cl"].result_list)

    assert listed("suspended") == [suspended]
    assert listed("banned") == [banned]
    assert fine not in listed("suspended") + listed("banned")
