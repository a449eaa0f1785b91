"""Reviews over the API: permissions, blind reads, public lists and the pages that embed the
aggregates (freelancer profile, firm page, gig detail)."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient
from tests.conftest import client_for
from tests.factories import UserFactory
from tests.factories_flow import PublicProfileFactory
from tests.factories_trust import contract_between, firm_with_owner

from marketplace.reviews.models import Review

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene() -> dict[str, Any]:
    firm, owner = firm_with_owner()
    profile = PublicProfileFactory.create(slug="ada")
    contract = contract_between(firm=firm, freelancer=profile)
    return {"firm": firm, "owner": owner, "freelancer": profile.user, "contract": contract}


def _url(scene: dict[str, Any]) -> str:
    return f"/api/v1/contracts/{scene['contract'].pk}/reviews/"


def test_a_party_writes_a_review_and_sees_it_blind(scene: dict[str, Any]) -> None:
    freelancer = client_for(scene["freelancer"])
    response = freelancer.post(
        _url(scene), {"rating": 4, "text": "Clear brief.", "private_feedback": "Slow to pay."}
    )
    assert response.status_code == 201
    body = response.json()
    assert body["my_side"] == "freelancer"
    assert body["theirs"] is None
    assert body["counterpart_has_reviewed"] is False
    assert body["mine"]["rating"] == 4
    assert body["mine"]["private_feedback"] == "Slow to pay."
    assert body["mine"]["published_at"] is None
    assert body["mine"]["reviewer"] == {
        "name": scene["freelancer"].full_name,
        "slug": "ada",
    }

    # The firm learns that a review exists, not what it says
    seen = client_for(scene["owner"]).get(_url(scene)).json()
    assert (seen["my_side"], seen["mine"], seen["theirs"]) == ("firm", None, None)
    assert seen["counterpart_has_reviewed"] is True
    # The public firm reviews list is still empty
    assert APIClient().get(f"/api/v1/firms/{scene['firm'].slug}/reviews/").json()["results"] == []


def test_once_both_wrote_each_sees_the_other_but_never_the_private_feedback(
    scene: dict[str, Any],
) -> None:
    client_for(scene["freelancer"]).post(_url(scene), {"rating": 4, "private_feedback": "x"})
    client_for(scene["owner"]).post(
        _url(scene), {"rating": 5, "text": "Great work.", "private_feedback": "Would rehire."}
    )
    seen = client_for(scene["freelancer"]).get(_url(scene)).json()
    assert seen["theirs"]["rating"] == 5
    assert seen["theirs"]["text"] == "Great work."
    assert seen["theirs"]["private_feedback"] is None
    # Staff read both, private feedback included
    staff = client_for(UserFactory.create(is_staff=True)).get(_url(scene)).json()
    assert (staff["mine"]["private_feedback"], staff["theirs"]["private_feedback"]) == (
        "Would rehire.",
        "x",
    )
    # The public lists and aggregates show them, without private feedback
    listed = APIClient().get("/api/v1/freelancers/ada/reviews/").json()["results"]
    assert [(r["rating"], r["text"], r["private_feedback"]) for r in listed] == [
        (5, "Great work.", None)
    ]
    assert listed[0]["reviewer"] == {
        "name": scene["firm"].name,
        "slug": scene["firm"].slug,
    }
    profile = APIClient().get("/api/v1/freelancers/ada/").json()
    assert profile["rating"] == {
        "average": 5.0,
        "count": 1,
        "distribution": {"1": 0, "2": 0, "3": 0, "4": 0, "5": 1},
    }
    firm_page = APIClient().get(f"/api/v1/firms/{scene['firm'].slug}/").json()
    assert (
        firm_page["reputation"]["rating"]["average"],
        firm_page["reputation"]["rating"]["count"],
    ) == (4.0, 1)


@pytest.mark.parametrize(
    ("who", "status", "code"),
    [
        ("anonymous", 403, "not_authenticated"),
        ("stranger", 404, "not_found"),
        ("staff", 403, "permission_denied"),
    ],
)
def test_outsiders_cannot_review(scene: dict[str, Any], who: str, status: int, code: str) -> None:
    client = APIClient()
    if who != "anonymous":
        client.force_authenticate(UserFactory.create(is_staff=who == "staff"))
    response = client.post(_url(scene), {"rating": 5})
    assert (response.status_code, response.json()["code"]) == (status, code)
    assert not Review.objects.exists()


def test_bad_input_and_refused_states_answer_with_their_codes(scene: dict[str, Any]) -> None:
    owner = client_for(scene["owner"])
    response = owner.post(_url(scene), {"rating": 6})
    assert (response.status_code, response.json()["code"]) == (400, "validation_error")
    assert list(response.json()["details"]) == ["rating"]
    active = contract_between(
        firm=scene["firm"], freelancer=PublicProfileFactory.create(), status="active"
    )
    response = owner.post(f"/api/v1/contracts/{active.pk}/reviews/", {"rating": 5})
    assert (response.status_code, response.json()["code"]) == (409, "contract_not_ended")
    assert owner.post(_url(scene), {"rating": 5}).status_code == 201
    response = owner.post(_url(scene), {"rating": 5})
    assert (response.status_code, response.json()["code"]) == (409, "review_exists")
    assert Review.objects.count() == 1


def test_gig_detail_carries_the_firm_reputation(scene: dict[str, Any]) -> None:
    from tests.factories import GigFactory

    gig = GigFactory.open(firm=scene["firm"])
    body = APIClient().get(f"/api/v1/gigs/{gig.pk}/").json()
    reputation = body["firm_reputation"]
    assert reputation["is_new"] is True
    assert reputation["note"] == "New firm, not enough history yet."
    assert (reputation["contracts_ended"], reputation["contracts_completed"]) == (1, 1)
    assert reputation["milestones_funded_on_time"] == {"measured": 1, "on_time": 1, "percent": None}


def test_the_public_lists_cost_the_same_queries_for_one_or_many_reviews(
    scene: dict[str, Any],
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    profile = scene["contract"].freelancer

    def queries() -> tuple[int, int]:
        counts = []
        for url in (
            "/api/v1/freelancers/ada/reviews/",
            f"/api/v1/firms/{scene['firm'].slug}/reviews/",
        ):
            with CaptureQueriesContext(connection) as captured:
                assert APIClient().get(url).status_code == 200
            counts.append(len(captured))
        return counts[0], counts[1]

    def reviewed_contract() -> None:
        contract = contract_between(firm=scene["firm"], freelancer=profile)
        client_for(scene["owner"]).post(f"/api/v1/contracts/{contract.pk}/reviews/", {"rating": 5})
        client_for(profile.user).post(f"/api/v1/contracts/{contract.pk}/reviews/", {"rating": 4})

    reviewed_contract()
    one = queries()
    for _ in range(3):
        reviewed_contract()
    assert len(APIClient().get("/api/v1/freelancers/ada/reviews/").json()["results"]) == 4
    assert queries() == one
