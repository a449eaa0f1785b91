"""Accounts in the browser: log out, log in, a wrong password, and a password reset by email."""

from __future__ import annotations

import re
import time
from typing import Any
from urllib.parse import unquote

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import Browser, expect

from marketplace.accounts.models import OutboundEmail
from tests.e2e.conftest import PASSWORD, watch
from tests.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "another-long-passphrase-77"


def reset_key(email: str) -> str:
    deadline = time.monotonic() + 10
    while True:
        message = OutboundEmail.objects.filter(to=email, template="password_reset_key").first()
        if message is not None:
            match = re.search(r"/password/reset/([^/\s]+)", message.body_text)
            assert match, message.body_text
            return unquote(match.group(1))
        assert time.monotonic() < deadline, "no password reset email"
        time.sleep(0.2)


# The deliberately wrong password is a 400 the browser logs.
@pytest.mark.console_allows("status of 400")
def test_login_logout_and_password_reset(
    browser: Browser, live_server_url: str, settings: Any
) -> None:
    # The server checks passwords with the real hasher, so the test stores one it knows.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    user = UserFactory.create(email="kim@example.test", full_name="Kim Weber")
    user.set_password(PASSWORD)
    user.save()
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    errors = watch(page)

    # A wrong password is refused with allauth's message, shown on the form
    page.goto(f"{live_server_url}/login")
    page.get_by_label("Email").fill("kim@example.test")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_contain_text("not correct")

    # The right one signs in; logging out signs out
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text("Kim Weber")).to_be_visible()
    page.get_by_text("Kim Weber").click()
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("link", name="Log in")).to_be_visible()

    # Forgot the password: the emailed link opens the app's reset page
    page.goto(f"{live_server_url}/password/reset")
    page.get_by_label("Email").fill("kim@example.test")
    page.get_by_role("button", name="Send reset link").click()
    expect(page.get_by_role("status")).to_contain_text("we sent a link")
    page.goto(f"{live_server_url}/password/reset/{reset_key('kim@example.test')}")
    page.get_by_label("New password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Set new password").click()
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)

    page.get_by_label("Email").fill("kim@example.test")
    page.get_by_label("Password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text("Kim Weber")).to_be_visible()
    # The refused password is a 400 the browser logs; nothing else may be
    assert [e for e in errors if "status of 400" not in e] == []
    context.close()
