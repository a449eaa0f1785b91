"""Which rate holds whom (anonymous clients the `anon` rate, signed-in users the `user` rate),
and the one-round-trip throttles keep DRF's sliding-log semantics."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from rest_framework.test import APIClient
from rest_framework.throttling import AnonRateThrottle, ScopedRateThrottle, SimpleRateThrottle

from common.redis_cache import ReusedClientRedisCache
from tests.conftest import client_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

GIGS = "/api/v1/gigs/"
ME = "/api/v1/me/"


def test_anonymous_clients_count_against_the_anon_rate_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Given an anonymous rate of 4 and a user rate of 2 a minute (one dict for every class)
    monkeypatch.setitem(AnonRateThrottle.THROTTLE_RATES, "anon", "4/min")
    monkeypatch.setitem(AnonRateThrottle.THROTTLE_RATES, "user", "2/min")
    # Then an anonymous client gets its 4 reads, not the user rate's 2
    anonymous = APIClient()
    assert [anonymous.get(GIGS).status_code for _ in range(5)] == [200] * 4 + [429]
    # And a signed-in user is held to the user rate
    signed_in = client_for(UserFactory.create())
    assert [signed_in.get(GIGS).status_code for _ in range(3)] == [200, 200, 429]


def test_the_limit_is_a_sliding_minute_with_retry_after(monkeypatch: pytest.MonkeyPatch) -> None:
    # Given an anonymous rate of 3 a minute and a clock the test moves
    monkeypatch.setitem(AnonRateThrottle.THROTTLE_RATES, "anon", "3/min")
    clock = [1_000_000.0]
    monkeypatch.setattr(SimpleRateThrottle, "timer", lambda self: clock[0])
    client = APIClient()
    # When 3 reads come 10 s apart, then a fourth at once
    for _ in range(3):
        assert client.get(GIGS).status_code == 200
        clock[0] += 10
    refused = client.get(GIGS)
    # Then the fourth is refused with the error format and the wait until the oldest expires
    assert (refused.status_code, refused.json()["code"]) == (429, "throttled")
    assert refused["Retry-After"] == "30"  # the first read (t=0) leaves the window at t=60
    # And a refused request is not recorded: once the first read is a minute old, one more passes
    clock[0] += 30.001
    assert client.get(GIGS).status_code == 200
    assert client.get(GIGS).status_code == 429


def test_the_writes_scope_holds_each_user(monkeypatch: pytest.MonkeyPatch) -> None:
    # Given a writes rate of 1 a minute
    monkeypatch.setitem(ScopedRateThrottle.THROTTLE_RATES, "writes", "1/min")
    user, other = UserFactory.create(), UserFactory.create()
    # Then each user gets one write, counted apart
    first = client_for(user).patch(ME, {"full_name": "One"})
    second = client_for(user).patch(ME, {"full_name": "Two"})
    assert (first.status_code, second.status_code) == (200, 429)
    assert int(second["Retry-After"]) in range(1, 61)
    assert client_for(other).patch(ME, {"full_name": "Other"}).status_code == 200


def test_the_log_is_kept_in_redis_in_one_key_per_client(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(AnonRateThrottle.THROTTLE_RATES, "anon", "5/min")
    cache = caches["default"]
    assert isinstance(cache, ReusedClientRedisCache), "the tests run against Redis (REDIS_URL)"
    # When seven reads come, two of them refused
    client = APIClient()
    for _ in range(7):
        client.get(GIGS)
    # Then the client's log holds the five requests let through, and expires with the period
    redis = cache._cache.get_client(write=True)
    key = cache.make_and_validate_key("sliding-log:throttle_anon_127.0.0.1")
    assert redis.zcard(key) == 5
    assert 0 < redis.ttl(key) <= 60


def test_a_history_left_by_drf_throttles_does_not_break_requests() -> None:
    # Given the pickled history DRF's own throttle kept under its key (workers of the last deploy)
    caches["default"].set("throttle_anon_127.0.0.1", [1.0, 2.0], 60)
    # Then requests are still answered
    assert APIClient().get(GIGS).status_code == 200
