"""The signed-in user of each request comes from the cache while its copy is current
(`marketplace.accounts.session_user`); every write of the user shows on the next request."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient
from tests.factories import UserFactory, moderator_create

from common import versioned_cache
from common.redis_cache import ReusedClientRedisCache
from marketplace.accounts import session_user
from marketplace.accounts.models import User
from marketplace.moderation.sanctions import user_ban

pytestmark = pytest.mark.django_db

ME = "/api/v1/me/"


def _signed_in(user: User) -> APIClient:
    client = APIClient()
    client.force_login(user)  # a real session: the middleware resolves the user from it
    return client


def _user_queries(client: APIClient) -> tuple[Any, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(ME)
    return response, [q["sql"] for q in queries if 'FROM "marketplace_user"' in q["sql"]]


def test_a_signed_in_request_reads_its_user_from_the_cache() -> None:
    client = _signed_in(UserFactory.create(full_name="Ada"))
    _, first_reads = _user_queries(client)
    assert first_reads  # the first request reads the row and keeps it
    again, again_reads = _user_queries(client)
    assert (again.status_code, again.json()["full_name"], again_reads) == (200, "Ada", [])


def test_a_ban_ends_the_session_at_the_next_request() -> None:
    user = UserFactory.create()
    client = _signed_in(user)
    assert client.get(ME).status_code == 200
    # When a moderator bans the user (a save of the locked row: the session hash changes)
    user_ban(user=user, by=moderator_create(), reason="Fraud")
    # Then the very next request is no longer signed in
    response = client.get(ME)
    assert (response.status_code, response.json()["code"]) == (403, "not_authenticated")


def test_a_bulk_update_shows_at_the_next_request() -> None:
    user = UserFactory.create(language="en")
    client = _signed_in(user)
    assert client.get(ME).json()["language"] == "en"
    # When the row changes through a queryset update (no signal)
    assert User.objects.filter(pk=user.pk).update(language="de", full_name="Ada B.") == 1
    # Then the next request's user is the new row
    assert (client.get(ME).json()["language"], client.get(ME).json()["full_name"]) == (
        "de",
        "Ada B.",
    )


def test_a_deactivated_user_is_signed_out_at_the_next_request() -> None:
    user = UserFactory.create()
    client = _signed_in(user)
    assert client.get(ME).status_code == 200
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert client.get(ME).status_code == 403


def test_without_the_bumps_a_cached_user_would_outlive_a_ban(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The tests above pass because writes bump the version: without them the copy is served.
    monkeypatch.setattr(session_user, "session_users_changed", lambda **_: None)
    user = UserFactory.create()
    client = _signed_in(user)
    assert client.get(ME).status_code == 200
    user_ban(user=user, by=moderator_create(), reason="Fraud")
    assert client.get(ME).status_code == 200


def test_while_redis_is_unreachable_the_user_is_read_from_the_database(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    user = UserFactory.create(full_name="Ada")
    client = _signed_in(user)
    # Given the cache of versioned copies on a Redis that does not answer (port 1)
    away = ReusedClientRedisCache(
        "redis://127.0.0.1:1/0",
        {"OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2}},
    )
    monkeypatch.setattr(versioned_cache, "cache", away)
    # Then requests still resolve the user, from the database, with a warning
    response, reads = _user_queries(client)
    assert (response.status_code, response.json()["full_name"]) == (200, "Ada")
    assert reads
    assert "user cache unavailable" in caplog.text
    # And writes of the user still go through
    user.full_name = "Ada B."
    user.save()
    assert client.get(ME).json()["full_name"] == "Ada B."
