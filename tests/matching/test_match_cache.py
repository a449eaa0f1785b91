"""A gig's match pages from the cache: the same JSON as built, stale after any change the
ranking reads (the index, the gig, the firm's members), never served before the viewer's
membership is checked."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from rest_framework.test import APIClient

from marketplace.gigs.models import GigSkill
from marketplace.profiles.models import ProfileSkill
from matching.documents import gig_document
from matching.selectors import gig_match_document_of_my_firms
from matching.services import index_profiles_sync, search_rebuild
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


def _matches(world: World, user: Any = None, query: str = "", **headers: Any) -> Any:
    url = f"/api/v1/gigs/{world.gig.id}/matches/{query}"
    return _as(user or world.owner).get(url, **headers)


def _by_slug(body: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["freelancer"]["slug"]: r for r in body["results"]}


def test_the_lean_gig_lookup_reads_the_same_document_as_the_model(world: World) -> None:
    GigSkill.objects.filter(gig=world.gig, skill=world.skills["react"]).update(is_required=True)
    world.gig.refresh_from_db()

    lean = gig_match_document_of_my_firms(gig_id=world.gig.id, user=world.owner)

    assert lean == gig_document(gig=world.gig)
    assert gig_match_document_of_my_firms(gig_id=world.gig.id, user=UserFactory.create()) is None


def test_a_cached_page_is_the_page_built(world: World, django_assert_num_queries: Any) -> None:
    for query, headers in (
        ("?page_size=2", {}),
        ("?page=2&page_size=2", {"HTTP_ACCEPT_LANGUAGE": "de"}),
    ):
        built = _matches(world, query=query, **headers)
        # The gig among the caller's firms, nothing else (SQLite: the gig, skills, languages).
        with django_assert_num_queries(1 if connection.vendor == "postgresql" else 3):
            cached = _matches(world, query=query, **headers)
        cache.clear()
        rebuilt = _matches(world, query=query, **headers)

        assert built.status_code == cached.status_code == 200
        assert cached.content == built.content == rebuilt.content
        assert cached["Content-Language"] == built["Content-Language"]


def test_paging_filters_and_language_are_separate_pages(world: World) -> None:
    first = _matches(world, query="?page_size=2").json()
    second = _matches(world, query="?page=2&page_size=2").json()
    rated = _matches(world, query="?page_size=2&min_rating=4").json()
    german = _matches(world, query="?page_size=2", HTTP_ACCEPT_LANGUAGE="de").json()

    assert first["results"] != second["results"]
    assert rated["count"] == 0 != first["count"]
    assert german["results"][0]["explanation"] != first["results"][0]["explanation"]


def test_a_profile_reindexed_with_a_new_skill_changes_the_next_page(world: World) -> None:
    two = world.profiles["two"]
    before = _by_slug(_matches(world).json())[two.slug]
    assert before["reasons"][0]["params"]["matched"] == 2

    ProfileSkill.objects.create(profile=two, skill=world.skills["postgresql"])
    assert _by_slug(_matches(world).json())[two.slug] == before  # not re-indexed yet
    index_profiles_sync(profile_ids=[two.id])

    after = _by_slug(_matches(world).json())[two.slug]
    assert after["reasons"][0]["params"]["matched"] == 3
    assert after["score"] > before["score"]


def test_a_gig_edit_changes_the_next_page(world: World) -> None:
    before = _matches(world).json()
    assert before["results"][0]["reasons"][0]["params"]["total"] == 3

    # A write that neither re-indexes nor sends a signal: the gig's document is the key.
    GigSkill.objects.filter(gig=world.gig, skill=world.skills["postgresql"]).delete()

    after = _matches(world).json()
    assert after["results"][0]["reasons"][0]["params"]["total"] == 2
    assert after != before


def test_a_new_firm_member_leaves_the_next_page(world: World) -> None:
    full = world.profiles["full"]
    assert full.slug in _by_slug(_matches(world).json())

    FirmMembershipFactory.create(firm=world.firm, user=full.user)

    assert full.slug not in _by_slug(_matches(world).json())


@pytest.mark.parametrize("who", ["stranger", "freelancer", "other_firm"])
def test_outsiders_get_404_while_the_page_is_cached(world: World, who: str) -> None:
    assert _matches(world).status_code == 200  # cached now
    user = {
        "stranger": UserFactory.create(),
        "freelancer": world.profiles["full"].user,
        "other_firm": FirmMembershipFactory.create().user,
    }[who]

    response = _matches(world, user)

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
