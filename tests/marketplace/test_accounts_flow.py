"""Accounts end to end through django-allauth headless, as the SPA calls it: signup,
verification email (through the outbox task), login, logout, password reset, throttling."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client

from marketplace.accounts.models import OutboundEmail, User

pytestmark = pytest.mark.django_db(transaction=True)

AUTH = "/_allauth/browser/v1/auth"
PASSWORD = "a-long-and-unusual-passphrase-42"


def csrf_client(language: str = "en") -> Client:
    """A browser-like client: CSRF enforced, token read from the cookie allauth sets."""
    client = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE=language)
    client.get(f"{AUTH}/session")
    return client


def post(client: Client, url: str, body: dict[str, Any]) -> Any:
    token = client.cookies["csrftoken"].value
    return client.post(url, body, content_type="application/json", HTTP_X_CSRFTOKEN=token)


def key_from(body: str) -> str:
    # The links open the web app's pages; the key is URL-encoded in them.
    match = re.search(r"/(?:verify-email|password/reset)/([^/\s]+)", body)
    assert match, body
    return unquote(match.group(1))


def test_signup_verify_login_logout_in_german() -> None:
    client = csrf_client("de")
    # Given a signup in German
    response = post(client, f"{AUTH}/signup", {"email": "Lea@Example.test", "password": PASSWORD})
    # Then the account exists, unverified, waiting on the verification flow
    assert response.status_code == 401
    flows = {f["id"]: f for f in response.json()["data"]["flows"]}
    assert flows["verify_email"]["is_pending"] is True
    user = User.objects.get(email="lea@example.test")
    assert user.language == "de"
    # And the verification email went out once, through the outbox, in German
    outbound = OutboundEmail.objects.get(to="lea@example.test")
    assert outbound.sent_at is not None
    assert len(mail.outbox) == 1
    assert "E-Mail" in mail.outbox[0].subject
    assert "Nanoguild" in str(mail.outbox[0].body)
    # When the key from the email is posted
    verified = post(client, f"{AUTH}/email/verify", {"key": key_from(str(mail.outbox[0].body))})
    assert verified.status_code == 200
    # Then the session is signed in and the API knows the user
    me = client.get("/api/v1/me/")
    assert me.status_code == 200
    assert me.json()["email"] == "lea@example.test"
    # When logging out
    token = client.cookies["csrftoken"].value
    assert client.delete(f"{AUTH}/session", HTTP_X_CSRFTOKEN=token).status_code == 401
    assert client.get("/api/v1/me/").status_code in (401, 403)
    # And logging in again with the password works
    login = post(client, f"{AUTH}/login", {"email": "lea@example.test", "password": PASSWORD})
    assert login.status_code == 200
    assert login.json()["data"]["user"]["email"] == "lea@example.test"


def test_login_without_verification_is_held_at_the_verification_step() -> None:
    client = csrf_client()
    post(client, f"{AUTH}/signup", {"email": "sam@example.test", "password": PASSWORD})
    fresh = csrf_client()
    response = post(fresh, f"{AUTH}/login", {"email": "sam@example.test", "password": PASSWORD})
    assert response.status_code == 401
    assert fresh.get("/api/v1/me/").status_code in (401, 403)


def test_password_reset_with_the_emailed_key() -> None:
    user = User.objects.create_user("kim@example.test", PASSWORD, language="fr")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    client = csrf_client()
    requested = post(client, f"{AUTH}/password/request", {"email": "kim@example.test"})
    assert requested.status_code == 200
    assert len(mail.outbox) == 1
    assert "mot de passe" in mail.outbox[0].body.lower()
    new_password = "another-long-passphrase-77"
    reset = post(
        client,
        f"{AUTH}/password/reset",
        {"key": key_from(str(mail.outbox[0].body)), "password": new_password},
    )
    assert reset.status_code in (200, 401)
    user.refresh_from_db()
    assert user.check_password(new_password)
    assert not user.check_password(PASSWORD)


def test_signup_refuses_a_weak_password_without_writing() -> None:
    client = csrf_client()
    weak = post(client, f"{AUTH}/signup", {"email": "new@example.test", "password": "123"})
    assert weak.status_code == 400
    assert {e["code"] for e in weak.json()["errors"]} >= {"password_too_short"}
    assert not User.objects.filter(email="new@example.test").exists()
    assert OutboundEmail.objects.count() == 0


def test_signup_with_a_taken_email_reveals_nothing_and_warns_the_owner() -> None:
    # allauth prevents account enumeration: the answer looks like a normal signup, and the
    # address's real owner is told by email that someone tried to register it.
    User.objects.create_user("taken@example.test", PASSWORD)
    client = csrf_client()
    taken = post(client, f"{AUTH}/signup", {"email": "TAKEN@example.test", "password": PASSWORD})
    assert taken.status_code == 401
    assert User.objects.filter(email__iexact="taken@example.test").count() == 1
    assert [e.template for e in OutboundEmail.objects.all()] == ["account_already_exists"]


def test_post_without_csrf_token_is_refused() -> None:
    client = csrf_client()
    response = client.post(
        f"{AUTH}/login",
        {"email": "x@example.test", "password": PASSWORD},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_login_brute_force_is_throttled_per_account() -> None:
    user = User.objects.create_user("target@example.test", PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    client = csrf_client()
    codes = [
        post(client, f"{AUTH}/login", {"email": user.email, "password": f"guess-{n}"}).json()[
            "errors"
        ][0]["code"]
        for n in range(12)
    ]
    assert codes == ["email_password_mismatch"] * 10 + ["too_many_login_attempts"] * 2
    # Even the right password is refused while the account is locked out, from a fresh client
    locked = post(csrf_client(), f"{AUTH}/login", {"email": user.email, "password": PASSWORD})
    assert locked.status_code == 400
    assert locked.json()["errors"][0]["code"] == "too_many_login_attempts"


def test_signed_in_user_changes_password_with_the_current_one() -> None:
    user = User.objects.create_user("pat@example.test", PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    client = csrf_client()
    post(client, f"{AUTH}/login", {"email": user.email, "password": PASSWORD})
    change = "/_allauth/browser/v1/account/password/change"
    wrong = post(client, change, {"current_password": "nope", "new_password": "x-new-pass-991"})
    assert wrong.status_code == 400
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    right = post(client, change, {"current_password": PASSWORD, "new_password": "x-new-pass-991"})
    assert right.status_code == 200
    user.refresh_from_db()
    assert user.check_password("x-new-pass-991")
