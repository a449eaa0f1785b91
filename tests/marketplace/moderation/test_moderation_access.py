"""What a suspension or ban does: sign-in refused with a code (allauth and Django's admin),
sessions ended at once, every API request refused with the code and nothing written; lifting,
and the expiry task."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth import authenticate
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient
from tests.factories import FirmMembershipFactory, UserFactory, moderator_create
from tests.factories_flow import open_gig, public_profile

from common.errors import Conflict, Forbidden, ValidationFailed
from marketplace.accounts.models import User
from marketplace.moderation.models import ModerationAction, Sanction
from marketplace.moderation.sanctions import (
    suspensions_expire,
    user_ban,
    user_lift,
    user_suspend,
)
from marketplace.moderation.tasks import suspensions_expire as suspensions_expire_task
from marketplace.proposals.models import Proposal

pytestmark = pytest.mark.django_db

AUTH = "/_allauth/browser/v1/auth"
PASSWORD = "correct horse battery staple"  # UserFactory's


def _session_client(user: User) -> APIClient:
    """A client signed in with a real session (the way the SPA is), not DRF's forced login."""
    client = APIClient()
    client.force_login(user)
    return client


def _allauth_login(user: User, password: str = PASSWORD) -> Any:
    client = Client()
    client.get(f"{AUTH}/session")
    return client.post(
        f"{AUTH}/login",
        {"email": user.email, "password": password},
        content_type="application/json",
    )


def _verified(user: User) -> User:
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def test_a_suspended_user_is_refused_at_sign_in_with_the_code(moderator: Any) -> None:
    user = _verified(UserFactory.create())
    assert _allauth_login(user).status_code == 200

    user_suspend(user=user, by=moderator, reason="Spam", days=3)

    # allauth (the SPA's sign-in) says why, with the code
    response = _allauth_login(user)
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["code"] == "account_suspended"
    # Django's own authentication refuses the right password too
    assert authenticate(email=user.email, password=PASSWORD) is None
    assert authenticate(username=user.email, password=PASSWORD) is None
    # A wrong password is still only a wrong password (the suspension is not revealed)
    wrong = _allauth_login(user, "not the password")
    assert [e["code"] for e in wrong.json()["errors"]] == ["email_password_mismatch"]


def test_a_banned_staff_member_is_told_why_at_the_admin_sign_in(moderator: Any) -> None:
    staff = UserFactory.create(is_staff=True)
    user_ban(user=staff, by=moderator, reason="Leaked data")

    response = Client().post(
        "/admin/login/", {"username": staff.email, "password": PASSWORD}, follow=False
    )

    assert response.status_code == 200  # the form again, not a redirect into admin
    errors = response.context["form"].errors.as_data()["__all__"]
    assert [e.code for e in errors] == ["account_banned"]


def test_open_sessions_end_at_once_and_stay_ended_after_the_lift(moderator: Any) -> None:
    # Given a user signed in in two browsers
    user = UserFactory.create()
    browsers = [_session_client(user), _session_client(user)]
    assert [b.get("/api/v1/me/").status_code for b in browsers] == [200, 200]

    # When a moderator suspends them, then lifts the suspension
    user_suspend(user=user, by=moderator, reason="Spam", days=1)
    suspended = [b.get("/api/v1/me/") for b in browsers]
    user_lift(user=user, by=moderator, reason="Appeal accepted")

    # Then both sessions ended at once, and they stay ended: the user signs in again
    assert [(r.status_code, r.json()["code"]) for r in suspended] == [
        (403, "not_authenticated")
    ] * 2
    assert browsers[0].get("/api/v1/me/").status_code == 403
    assert _session_client(user).get("/api/v1/me/").status_code == 200


def test_a_suspended_users_api_write_is_refused_with_the_code_and_nothing_written(
    moderator: Any,
) -> None:
    # Given an open gig and a freelancer suspended after signing in anew (a session that
    # did not exist when the suspension began, e.g. opened without a password)
    gig = open_gig(firm=FirmMembershipFactory.create(role="owner").firm)
    freelancer = public_profile().user
    user_suspend(user=freelancer, by=moderator, reason="Spam", days=2)
    client = _session_client(freelancer)

    # When they try to propose
    response = client.post(
        f"/api/v1/gigs/{gig.pk}/proposals/",
        {
            "cover_letter": "I built three shops like yours.",
            "price_minor": 300_000,
            "currency": "EUR",
            "estimated_duration_days": 30,
        },
        format="json",
    )

    # Then the API refuses with the code and the suspension's end, and no proposal exists
    freelancer.refresh_from_db()
    assert freelancer.suspended_until is not None
    assert response.status_code == 403
    assert response.json()["code"] == "account_suspended"
    assert response.json()["details"] == {"until": freelancer.suspended_until.isoformat()}
    assert Proposal.objects.count() == 0
    # Reads of their own data are refused the same way
    assert client.get("/api/v1/me/").json()["code"] == "account_suspended"


def test_a_banned_users_write_is_refused_with_account_banned(moderator: Any) -> None:
    owner = FirmMembershipFactory.create(role="owner").user
    user_ban(user=owner, by=moderator, reason="Fraud")

    response = _session_client(owner).post(
        "/api/v1/firms/", {"name": "Second try", "country": "DE"}, format="json"
    )

    assert (response.status_code, response.json()["code"]) == (403, "account_banned")
    assert owner.firms.count() == 1


def test_lifting_lets_the_user_sign_in_again_and_is_logged(moderator: Any) -> None:
    user = _verified(UserFactory.create())
    user_ban(user=user, by=moderator, reason="Mistaken identity")

    user_lift(user=user, by=moderator, reason="It was someone else")

    user.refresh_from_db()
    assert (user.banned_at, user.suspended_until) == (None, None)
    assert _allauth_login(user).status_code == 200
    assert Sanction.objects.get().lifted_at is not None
    entry = ModerationAction.objects.filter(action="lift").get()
    assert (entry.actor, entry.reason, entry.target, entry.details) == (
        moderator,
        "It was someone else",
        user,
        {"ban": True, "suspension": False},
    )


def test_lifting_a_user_in_good_standing_is_refused(moderator: Any) -> None:
    user = UserFactory.create()

    with pytest.raises(Conflict) as refused:
        user_lift(user=user, by=moderator, reason="?")

    assert refused.value.code == "invalid_state"
    assert ModerationAction.objects.count() == 0


@pytest.mark.parametrize("days", [0, 366, -1])
def test_a_suspension_out_of_range_is_refused(moderator: Any, days: int) -> None:
    user = UserFactory.create()

    with pytest.raises(ValidationFailed) as refused:
        user_suspend(user=user, by=moderator, reason="Spam", days=days)

    assert refused.value.code == "suspension_invalid"
    user.refresh_from_db()
    assert (user.suspended_until, user.access_revoked_at) == (None, None)
    assert Sanction.objects.count() == ModerationAction.objects.count() == 0


def test_a_moderator_cannot_sanction_themselves() -> None:
    moderator = moderator_create()

    with pytest.raises(Forbidden) as refused:
        user_ban(user=moderator, by=moderator, reason="Oops")

    assert refused.value.code == "own_account"
    moderator.refresh_from_db()
    assert moderator.banned_at is None


def test_the_expiry_task_lifts_ended_suspensions_once(moderator: Any) -> None:
    # Given one suspension that has ended and one still running
    ended, running = UserFactory.create(), UserFactory.create()
    user_suspend(user=ended, by=moderator, reason="Spam", days=1)
    user_suspend(user=running, by=moderator, reason="Spam", days=5)
    User.objects.filter(pk=ended.pk).update(suspended_until=timezone.now() - timedelta(minutes=1))

    # When the beat task runs twice
    first = suspensions_expire_task.apply().get()
    second = suspensions_expire()

    # Then the ended one was lifted exactly once, by the system, and the running one kept
    assert (first, second) == (1, 0)
    ended.refresh_from_db()
    running.refresh_from_db()
    assert ended.suspended_until is None
    assert running.suspended_until is not None
    lifts = ModerationAction.objects.filter(action="lift")
    assert [(e.object_id, e.actor, e.details["expired"]) for e in lifts] == [(ended.pk, None, True)]
    assert Sanction.objects.get(user=ended).lifted_at is not None
    assert Sanction.objects.get(user=running).lifted_at is None
