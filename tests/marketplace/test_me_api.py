"""`/api/v1/me/`: the signed-in user's account, profile slug, firms and preferences."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient
from tests.conftest import client_for
from tests.factories import FirmMembershipFactory, FreelancerProfileFactory, UserFactory

pytestmark = pytest.mark.django_db

ME = "/api/v1/me/"


def test_anonymous_is_refused(api: APIClient) -> None:
    for method in ("get", "patch"):
        response = getattr(api, method)(ME, {"full_name": "Anon"})
        assert response.status_code == 403
        assert response.json()["code"] == "not_authenticated"


def test_me_shows_account_profile_and_firms() -> None:
    user = UserFactory.create(
        email="ada@example.test", full_name="Ada", language="fr", time_zone="Europe/Paris"
    )
    FreelancerProfileFactory.create(user=user, slug="ada")
    FirmMembershipFactory.create(user=user, role="owner", firm__slug="one", firm__name="One")
    FirmMembershipFactory.create(user=user, role="member", firm__slug="two", firm__name="Two")
    FirmMembershipFactory.create(firm__slug="not-mine")

    response = client_for(user).get(ME)

    assert response.status_code == 200
    assert response.json() == {
        "id": user.pk,
        "email": "ada@example.test",
        "full_name": "Ada",
        "avatar": None,
        "language": "fr",
        "time_zone": "Europe/Paris",
        "date_joined": user.date_joined.isoformat().replace("+00:00", "Z"),
        "freelancer_profile": "ada",
        "firms": [
            {"slug": "one", "name": "One", "role": "owner"},
            {"slug": "two", "name": "Two", "role": "member"},
        ],
    }


def test_me_without_profile_or_firms() -> None:
    body = client_for(UserFactory.create()).get(ME).json()
    assert (body["freelancer_profile"], body["firms"]) == (None, [])


def test_patch_changes_preferences_and_sets_the_language_cookie() -> None:
    user = UserFactory.create(language="en", time_zone="UTC")
    client = client_for(user)

    response = client.patch(
        ME, {"full_name": "Ada King", "language": "de", "time_zone": "Asia/Tokyo"}
    )

    assert response.status_code == 200
    assert (response.json()["full_name"], response.json()["language"]) == ("Ada King", "de")
    user.refresh_from_db()
    assert (user.full_name, user.language, user.time_zone) == ("Ada King", "de", "Asia/Tokyo")
    cookie = response.cookies["django_language"]
    assert cookie.value == "de"
    # And the locale middleware follows the cookie on the next request
    assert client.get(ME)["Content-Language"] == "de"


def test_patch_without_a_language_change_sets_no_cookie() -> None:
    user = UserFactory.create(language="fr")
    response = client_for(user).patch(ME, {"full_name": "Same language", "language": "fr"})
    assert response.status_code == 200
    assert "django_language" not in response.cookies


def test_patch_ignores_fields_that_are_not_preferences() -> None:
    user = UserFactory.create(email="keep@example.test")
    response = client_for(user).patch(ME, {"email": "new@example.test", "is_staff": True})
    assert response.status_code == 200
    user.refresh_from_db()
    assert (user.email, user.is_staff) == ("keep@example.test", False)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"time_zone": "x" * 10_000}, "time_zone"),
        ({"time_zone": ["UTC"]}, "time_zone"),
        ({"language": "es"}, "language"),
        ({"language": 7}, "language"),
        ({"full_name": "x" * 10_000}, "full_name"),
        ({"full_name": {"first": "Ada"}}, "full_name"),
    ],
)
def test_patch_refuses_bad_values_and_changes_nothing(body: dict[str, Any], field: str) -> None:
    user = UserFactory.create(full_name="Ada", language="en", time_zone="Europe/Berlin")
    response = client_for(user).patch(ME, {**body, "full_name": body.get("full_name", "Changed")})
    assert response.status_code == 400
    payload = response.json()
    assert payload["code"] == "validation_error"
    assert list(payload["details"]) == [field]
    user.refresh_from_db()
    assert (user.full_name, user.language, user.time_zone) == ("Ada", "en", "Europe/Berlin")


def test_patch_with_a_broken_body_is_400() -> None:
    response = client_for(UserFactory.create()).patch(ME, "{oops", content_type="application/json")
    assert (response.status_code, response.json()["code"]) == (400, "malformed_request")


def test_only_writes_count_against_the_writes_rate(monkeypatch: pytest.MonkeyPatch) -> None:
    # Given a writes rate of 2 a minute
    from rest_framework.throttling import ScopedRateThrottle

    monkeypatch.setitem(ScopedRateThrottle.THROTTLE_RATES, "writes", "2/min")
    client = client_for(UserFactory.create())
    # Then reads are not limited by it
    assert [client.get(ME).status_code for _ in range(4)] == [200] * 4
    # And the third write within the minute is throttled
    statuses = [client.patch(ME, {"full_name": f"N{n}"}).status_code for n in range(3)]
    assert statuses == [200, 200, 429]
    response = client.patch(ME, {"full_name": "again"})
    assert response.json()["code"] == "throttled"
