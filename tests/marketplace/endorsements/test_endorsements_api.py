"""Endorsements over the API: who may endorse and withdraw, the list, and the profile page's
"validated by N peers" per skill."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient
from tests.conftest import client_for
from tests.factories import SkillFactory
from tests.factories_trust import veteran

from marketplace.endorsements.models import Endorsement
from marketplace.profiles.models import FreelancerProfile

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene() -> dict[str, Any]:
    django_skill = SkillFactory.create(slug="django")
    endorsee = veteran(skills=[django_skill], slug="grace")
    return {"skill": django_skill, "endorsee": endorsee, "endorser": veteran(slug="alan")}


URL = "/api/v1/freelancers/grace/endorsements/"


def test_a_freelancer_endorses_and_the_profile_shows_it(scene: dict[str, Any]) -> None:
    response = client_for(scene["endorser"].user).post(URL, {"skill": "django"})
    assert response.status_code == 201
    body = response.json()
    assert body["endorser"] == {"slug": "alan", "full_name": scene["endorser"].user.full_name}
    assert (body["skill_slug"], body["contract_backed"], body["weight"]) == ("django", False, 1.0)

    listed = APIClient().get(URL).json()["results"]
    assert [e["id"] for e in listed] == [body["id"]]
    page = APIClient().get("/api/v1/freelancers/grace/").json()
    assert page["endorsements"] == [
        {"skill_id": scene["skill"].pk, "slug": "django", "peers": 1, "weight": 1.0}
    ]


@pytest.mark.parametrize(
    ("payload", "who", "status", "code"),
    [
        ({"skill": "django"}, "anonymous", 403, "not_authenticated"),
        ({"skill": "cobol-unknown"}, "endorser", 400, "unknown_skill"),
        ({"skill": "django"}, "endorsee", 400, "self_endorsement"),
        ({"skill": "django", "contract_id": 999999}, "endorser", 400, "contract_not_shared"),
        ({"skill": "django", "contract_id": "x"}, "endorser", 400, "validation_error"),
    ],
)
def test_refusals_answer_with_their_code_and_write_nothing(
    scene: dict[str, Any], payload: dict[str, Any], who: str, status: int, code: str
) -> None:
    client = APIClient() if who == "anonymous" else client_for(scene[who].user)
    response = client.post(URL, payload)
    assert (response.status_code, response.json()["code"]) == (status, code)
    assert not Endorsement.objects.exists()


def test_a_profile_that_is_not_public_cannot_be_endorsed(scene: dict[str, Any]) -> None:
    FreelancerProfile.objects.filter(pk=scene["endorsee"].pk).update(visibility="draft")
    response = client_for(scene["endorser"].user).post(URL, {"skill": "django"})
    assert (response.status_code, response.json()["code"]) == (404, "not_found")
    assert not Endorsement.objects.exists()


def test_only_the_endorser_withdraws(scene: dict[str, Any]) -> None:
    created = client_for(scene["endorser"].user).post(URL, {"skill": "django"}).json()
    url = f"/api/v1/endorsements/{created['id']}/"
    response = client_for(scene["endorsee"].user).delete(url)
    assert (response.status_code, response.json()["code"]) == (403, "permission_denied")
    assert APIClient().delete(url).status_code == 403
    assert Endorsement.objects.get().withdrawn_at is None

    assert client_for(scene["endorser"].user).delete(url).status_code == 204
    assert Endorsement.objects.get().withdrawn_at is not None
    assert client_for(scene["endorser"].user).delete(url).status_code == 404
    assert APIClient().get(URL).json()["results"] == []
    page = APIClient().get("/api/v1/freelancers/grace/").json()
    assert page["endorsements"][0]["peers"] == 0


def test_the_list_costs_the_same_queries_for_one_or_many_endorsements(
    scene: dict[str, Any],
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = APIClient().get(URL)
        assert response.status_code == 200
        return len(captured)

    client_for(scene["endorser"].user).post(URL, {"skill": "django"})
    one = queries()
    for _ in range(4):
        client_for(veteran().user).post(URL, {"skill": "django"})
    assert APIClient().get(URL).json()["results"][0]["weight"] == 1.0
    assert queries() == one
