"""The matching API: permissions, shapes, explanations in the request language, bad filters."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from rest_framework.test import APIClient

from marketplace.skills.models import SkillAlias
from marketplace.skills.normalize import normalize_skill_name
from matching.services import search_rebuild
from tests.factories import FirmMembershipFactory, UserFactory
from tests.matching.world import World, build_world


@pytest.fixture
def world(db: Any) -> World:
    w = build_world()
    search_rebuild()
    return w


def _as(user: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_gig_matches_answer_firm_members_with_explanations(world: World) -> None:
    response = _as(world.owner).get(f"/api/v1/gigs/{world.gig.id}/matches/?page_size=2")

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["count"] == 4
    assert body["has_next"] is True
    assert body["degraded"] is False
    first = body["results"][0]
    assert first["freelancer"]["slug"] == world.profiles["full"].slug
    assert first["explanation"].startswith("3 of 3 required skills · ")
    assert "speaks German" in first["explanation"]
    assert {s["slug"] for s in first["freelancer"]["skills"]} == {
        "python",
        "django",
        "postgresql",
        "react",
    }


def test_gig_matches_render_the_explanation_in_the_request_language(world: World) -> None:
    response = _as(world.owner).get(
        f"/api/v1/gigs/{world.gig.id}/matches/?page=2&page_size=2", HTTP_ACCEPT_LANGUAGE="de"
    )

    assert response.status_code == 200
    # Ranked full, far, related, two (docs/matching.md): page 2 holds the last two.
    results = response.json()["results"]
    assert [r["freelancer"]["slug"] for r in results] == world.slugs(["related", "two"])
    two = results[1]
    assert two["explanation"].startswith("2 von 3 Pflicht-Skills: es fehlt PostgreSQL · ")
    assert two["reasons"][0] == {
        "code": "required_skills",
        "params": {"matched": 2, "total": 3, "missing": [world.skills["postgresql"].id]},
    }


@pytest.mark.parametrize("who", ["stranger", "freelancer", "other_firm"])
def test_gig_matches_are_not_found_for_anyone_outside_the_firm(world: World, who: str) -> None:
    user = {
        "stranger": UserFactory.create(),
        "freelancer": world.profiles["full"].user,
        "other_firm": FirmMembershipFactory.create().user,
    }[who]

    response = _as(user).get(f"/api/v1/gigs/{world.gig.id}/matches/")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_gig_matches_query_count(world: World, django_assert_num_queries: Any) -> None:
    # the gig's document among the caller's firms (1), the skills' related skills, the firm's
    # members (left out), the ranked candidates, the page's skill labels; then from the cache.
    # SQLite (embedded mode) reads the gig as a model (itself, its skills and languages) and
    # its candidate lookup takes two more queries.
    with django_assert_num_queries(5 if connection.vendor == "postgresql" else 9):
        response = _as(world.owner).get(f"/api/v1/gigs/{world.gig.id}/matches/")
    assert response.status_code == 200
    assert response.json()["results"]


def test_gig_matches_need_a_signed_in_user(world: World) -> None:
    assert APIClient().get(f"/api/v1/gigs/{world.gig.id}/matches/").status_code in (401, 403)


def test_gig_feed_lists_gigs_for_the_signed_in_freelancer(world: World) -> None:
    response = _as(world.profiles["two"].user).get("/api/v1/me/gig-feed/")

    assert response.status_code == 200
    ids = [r["gig"]["id"] for r in response.json()["results"]]
    assert ids == [world.gigs["main"].id, world.gigs["py_figma"].id]


def test_gig_feed_without_a_profile_is_not_found(world: World) -> None:
    response = _as(UserFactory.create()).get("/api/v1/me/gig-feed/")
    assert response.status_code == 404


def test_search_freelancers_filters_by_skill_alias_and_counts_facets(world: World) -> None:
    response = APIClient().get("/api/v1/search/freelancers/?skills=Django&languages=de")

    assert response.status_code == 200, response.content
    body = response.json()
    assert {r["freelancer"]["slug"] for r in body["results"]} == set(world.slugs(["full", "two"]))
    assert body["facets"]["country"] == [{"value": "DE", "count": 2}]
    assert {"value": "django", "count": 2, "label": "Django"} in body["facets"]["skills"]


def test_search_freelancers_with_an_overlap_window(world: World) -> None:
    response = APIClient().get(
        "/api/v1/search/freelancers/?skills=react&overlap_tz=Europe/Berlin&min_overlap_hours=4"
    )
    slugs = {r["freelancer"]["slug"] for r in response.json()["results"]}
    assert slugs == set(world.slugs(["full", "designer"]))


@pytest.mark.parametrize(
    ("query", "field", "code"),
    [
        ("rate_max=5000", "currency", "validation_error"),
        ("currency=XXX", "currency", "validation_error"),
        ("languages=zz", "languages", "validation_error"),
        ("min_overlap_hours=3", "overlap_tz", "validation_error"),
        ("page_size=0", "page_size", "validation_error"),
        ("skills=no-such-skill", "skills", "unknown_skill"),
    ],
)
def test_search_freelancers_refuses_bad_filters_naming_the_field(
    world: World, query: str, field: str, code: str
) -> None:
    response = APIClient().get(f"/api/v1/search/freelancers/?{query}")

    assert response.status_code == 400
    assert response.json()["code"] == code
    assert field in response.json()["details"]


def test_search_gigs_by_text_and_engagement(world: World) -> None:
    response = APIClient().get("/api/v1/search/gigs/?q=figma&engagement_type=hourly")

    assert response.status_code == 200
    body = response.json()
    assert [r["gig"]["id"] for r in body["results"]] == [world.gigs["design"].id]
    assert body["facets"]["currency"] == [{"value": "GBP", "count": 1}]


def test_search_gigs_refuses_an_unknown_engagement_type(world: World) -> None:
    response = APIClient().get("/api/v1/search/gigs/?engagement_type=barter")
    assert response.status_code == 400
    assert "engagement_type" in response.json()["details"]


@pytest.mark.parametrize(
    ("q", "slugs"),
    [("React.js", ["react"]), ("reactjs", ["react"]), ("Fig", ["figma"]), ("Réact", [])],
)
def test_skill_suggest_finds_labels_and_aliases(world: World, q: str, slugs: list[str]) -> None:
    react = world.skills["react"]
    SkillAlias.objects.create(
        skill=react, alias="ReactJS", normalized=normalize_skill_name("ReactJS")
    )

    response = APIClient().get("/api/v1/search/skills/", {"q": q})

    assert response.status_code == 200
    assert [s["slug"] for s in response.json()] == slugs


def test_skill_suggest_needs_a_query(world: World) -> None:
    response = APIClient().get("/api/v1/search/skills/")
    assert response.status_code == 400
    assert "q" in response.json()["details"]
