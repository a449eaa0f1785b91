"""Which language and time zone a request is served in."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

INVALID_QUERY = {"q": "x" * 500}


def message(response: Any) -> str:
    return str(response.json()["message"])


def test_anonymous_requests_follow_accept_language() -> None:
    client = Client()
    english = client.get("/api/v1/skills/", INVALID_QUERY, HTTP_ACCEPT_LANGUAGE="en")
    german = client.get("/api/v1/skills/", INVALID_QUERY, HTTP_ACCEPT_LANGUAGE="de")
    assert message(english) == "Some fields are invalid."
    assert message(german) != message(english)
    assert german["Content-Language"] == "de"


def test_a_signed_in_users_stored_language_beats_the_browsers() -> None:
    user = UserFactory.create(language="fr")
    client = Client()
    client.force_login(user)
    response = client.get("/api/v1/skills/", INVALID_QUERY, HTTP_ACCEPT_LANGUAGE="de")
    assert response["Content-Language"] == "fr"
    french = Client().get("/api/v1/skills/", INVALID_QUERY, HTTP_ACCEPT_LANGUAGE="fr")
    assert message(response) == message(french)


def test_lang_parameter_wins_for_one_request() -> None:
    user = UserFactory.create(language="fr")
    client = Client()
    client.force_login(user)
    query = {**INVALID_QUERY, "lang": "de"}
    assert client.get("/api/v1/skills/", query)["Content-Language"] == "de"
    assert client.get("/api/v1/skills/", INVALID_QUERY)["Content-Language"] == "fr"
    # An unknown language is ignored rather than failing the request
    unknown = client.get("/api/v1/skills/", {**INVALID_QUERY, "lang": "xx"})
    assert unknown["Content-Language"] == "fr"


def test_the_users_time_zone_is_active_while_serving_them() -> None:
    from django.utils import timezone

    seen: list[str] = []
    user = UserFactory.create(time_zone="Asia/Tokyo")

    from common.middleware import UserTimezoneMiddleware

    def view(request: Any) -> Any:
        from django.http import HttpResponse

        seen.append(str(timezone.get_current_timezone()))
        return HttpResponse()

    class Request:
        pass

    request: Any = Request()
    request.user = user
    UserTimezoneMiddleware(view)(request)
    assert seen == ["Asia/Tokyo"]
