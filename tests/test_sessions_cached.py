"""Sessions read from the Redis cache, written through to the database (`cached_db`, made to
keep working from the database while Redis is unreachable: `common.sessions`)."""

from __future__ import annotations

from importlib import import_module
from typing import Any

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.test import Client

from marketplace.accounts.models import User
from tests.marketplace.test_accounts_flow import AUTH, PASSWORD

pytestmark = pytest.mark.django_db

ME = "/api/v1/me/"


def signed_in() -> tuple[Client, str]:
    from allauth.account.models import EmailAddress

    user = User.objects.create_user("ina@example.test", PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    client = Client(enforce_csrf_checks=True)
    client.get(f"{AUTH}/session")
    token = client.cookies["csrftoken"].value
    login = client.post(
        f"{AUTH}/login",
        {"email": user.email, "password": PASSWORD},
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )
    assert login.status_code == 200
    return client, client.cookies[settings.SESSION_COOKIE_NAME].value


def test_with_redis_a_session_lives_in_the_cache_and_the_database() -> None:
    assert settings.SESSION_ENGINE == "common.sessions"
    client, key = signed_in()
    cached = import_module(settings.SESSION_ENGINE).KEY_PREFIX + key
    assert cache.get(cached) is not None
    assert Session.objects.filter(session_key=key).exists()
    assert client.get(ME).status_code == 200


def test_a_session_survives_the_loss_of_the_cache() -> None:
    client, key = signed_in()
    # When Redis forgets everything (restart, eviction)
    cache.clear()
    # Then the session is read back from the database, and cached again
    assert client.get(ME).json()["email"] == "ina@example.test"
    assert cache.get(import_module(settings.SESSION_ENGINE).KEY_PREFIX + key) is not None


def test_logout_ends_the_session_in_the_cache_and_the_database() -> None:
    client, key = signed_in()
    token = client.cookies["csrftoken"].value
    assert client.delete(f"{AUTH}/session", HTTP_X_CSRFTOKEN=token).status_code == 401
    # Then the old cookie no longer signs anyone in, from the cache or the database
    stale = Client()
    stale.cookies[settings.SESSION_COOKIE_NAME] = key
    assert stale.get(ME).status_code in (401, 403)
    assert cache.get(import_module(settings.SESSION_ENGINE).KEY_PREFIX + key) is None
    assert not Session.objects.filter(session_key=key).exists()


def test_while_redis_is_unreachable_a_session_is_read_from_the_database(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from common.redis_cache import ReusedClientRedisCache

    _client, key = signed_in()
    store: Any = import_module(settings.SESSION_ENGINE).SessionStore(key)
    # When the cache cannot be reached (the websocket handshake answered 500 here)
    store._cache = ReusedClientRedisCache(
        "redis://127.0.0.1:1/0",  # nothing listens on port 1
        {"OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}},
    )
    # Then the session still loads, from its row, with a warning instead of an error
    assert store.load()["_auth_user_id"]
    assert store.exists(key)
    assert not store.exists("no-such-session-key")
    assert "session cache unavailable" in caplog.text
