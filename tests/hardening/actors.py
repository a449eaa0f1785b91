"""The signed-in people the hardening suites act as, through the real session + CSRF stack.

The fuzzer and the authorisation matrix send requests the way the SPA does: a Django session
cookie and the CSRF token pair, so SessionAuthentication's CSRF enforcement runs too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory


@dataclass(frozen=True)
class Credentials:
    """Cookies and headers that sign a raw HTTP request in as one user (empty: anonymous)."""

    cookies: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)


def credentials_for(user: Any | None) -> Credentials:
    if user is None:
        return Credentials()
    client = Client()
    client.force_login(user)
    # A CSRF secret minted the way the middleware does; the header carries the same secret.
    token = get_token(RequestFactory().get("/"))
    return Credentials(
        cookies={
            settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value,
            settings.CSRF_COOKIE_NAME: token,
        },
        headers={"X-CSRFToken": token},
    )
