"""Which rate holds whom: anonymous clients the `anon` rate, signed-in users the `user` rate."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient
from rest_framework.throttling import AnonRateThrottle

from tests.conftest import client_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

GIGS = "/api/v1/gigs/"


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
