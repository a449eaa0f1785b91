"""Login brute force (ASVS 2.2.1): allauth's `login_failed` limits, under concurrent attempts.

allauth counts each attempt in the cache (Redis here) under a cache lock before it checks the
password, so parallel guesses cannot all slip through before the first failure is counted.
Each request comes from its own address, as a botnet's would, so only the per-account limits
hold them back.
"""

from __future__ import annotations

from functools import partial
from typing import Any
from unittest import mock

import pytest
from allauth.account.models import EmailAddress
from django.test import Client

from marketplace.accounts.models import User
from tests.abuse.race import race

pytestmark = pytest.mark.django_db(transaction=True)

LOGIN = "/_allauth/browser/v1/auth/login"
PASSWORD = "a-long-and-unusual-passphrase-42"


def _target() -> User:
    user = User.objects.create_user("target@example.test", PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def _attempt(password: str, *, address: str) -> tuple[int, str | None]:
    """One sign-in from `address`; (status, first error code or None)."""
    client = Client(REMOTE_ADDR=address)
    body = {"email": "target@example.test", "password": password}
    response = client.post(LOGIN, body, content_type="application/json")
    if response.status_code == 200:
        return 200, None
    return response.status_code, response.json()["errors"][0]["code"]


def test_twenty_parallel_wrong_passwords_fail_ten_times_then_lock_the_account() -> None:
    # Given an account and 20 guesses released at once from 20 addresses
    _target()
    calls = [partial(_attempt, f"guess-{n}", address=f"10.0.{n}.1") for n in range(20)]

    # When they race
    outcomes = race(calls)

    # Then exactly 10 were checked against the password and 10 were refused unchecked
    codes = sorted(code for _status, code in outcomes)
    assert codes == ["email_password_mismatch"] * 10 + ["too_many_login_attempts"] * 10
    assert {status for status, _code in outcomes} == {400}
    # And the right password is refused too while the lockout lasts, from a fresh address
    assert _attempt(PASSWORD, address="10.9.9.9") == (400, "too_many_login_attempts")


def test_no_more_than_fifty_failures_an_hour_reach_one_account(settings: Any) -> None:
    # Given an attacker who waits out every 5-minute lockout for an hour
    _target()
    failures = 0
    clock = 1_900_000_000.0
    with mock.patch("allauth.core.internal.ratelimit.time.time", side_effect=lambda: clock):
        for window in range(12):  # 12 windows of 5 minutes and a second
            clock = 1_900_000_000.0 + window * 301
            for n in range(10):
                status, code = _attempt(f"w{window}-{n}", address=f"10.1.{window}.{n}")
                assert status == 400
                failures += code == "email_password_mismatch"

        # Then the account saw at most 50 password checks in the hour (ASVS: at most 100)
        assert failures == 50
        # And even the right password is refused until the hour has passed
        assert _attempt(PASSWORD, address="10.8.8.8") == (400, "too_many_login_attempts")
        clock = 1_900_000_000.0 + 3600 + 12 * 301
        assert _attempt(PASSWORD, address="10.8.8.9") == (200, None)
