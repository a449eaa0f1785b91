"""Elasticsearch operations: versioned indices behind aliases, the zero-downtime rebuild, and
degraded mode when the cluster is unreachable."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from matching import backends
from matching.backends.elastic import ElasticsearchBackend
from matching.selectors import match_freelancers_for_gig
from matching.services import search_rebuild
from tests.matching.test_backend_elasticsearch import es_settings  # noqa: F401  (fixture)
from tests.matching.world import World, build_world


@pytest.fixture
def world(db: Any, es_settings: Any) -> World:  # noqa: F811
    w = build_world()
    search_rebuild()
    return w


def test_rebuild_swaps_the_alias_to_a_new_versioned_index(world: World) -> None:
    es = backends.primary_backend()
    assert isinstance(es, ElasticsearchBackend)
    before = es.client.indices.get_alias(name="test-profiles")

    call_command("search_rebuild", "--batch-size", "2", "--no-progress")

    after = es.client.indices.get_alias(name="test-profiles")
    assert len(after) == 1
    assert set(after) != set(before)
    assert next(iter(after)).startswith("test-profiles-v")
    assert not es.client.indices.exists(index=next(iter(before)))
    first = next(h.doc["slug"] for h in match_freelancers_for_gig(gig=world.gig).hits)
    assert first == world.profiles["full"].slug


def test_search_check_passes_on_both_indices_after_a_rebuild(world: World, capsys: Any) -> None:
    call_command("search_check")
    out = capsys.readouterr().out
    assert "elasticsearch profile: database=6 index=6 ok" in out
    assert "database gig: database=3 index=3 ok" in out


@pytest.fixture
def unreachable(world: World, settings: Any) -> World:
    # Given a cluster that stopped answering (nothing listens on port 9 of loopback)
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    backends.reset_for_tests()
    return world


def test_reads_fall_back_to_the_database_when_elasticsearch_is_down(unreachable: World) -> None:
    owner = APIClient()
    owner.force_authenticate(unreachable.owner)

    response = owner.get(f"/api/v1/gigs/{unreachable.gig.id}/matches/")

    assert response.status_code == 200
    assert response.json()["degraded"] is True
    assert response.json()["results"][0]["freelancer"]["slug"] == unreachable.profiles["full"].slug
    assert backends.is_degraded()


def test_search_falls_back_too(unreachable: World) -> None:
    response = APIClient().get("/api/v1/search/freelancers/?q=ceramics")
    assert response.status_code == 200
    assert [r["freelancer"]["slug"] for r in response.json()["results"]] == [
        unreachable.profiles["full"].slug
    ]


def test_readyz_reports_degraded_search_but_stays_ready(unreachable: World, client: Any) -> None:
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"]["search"] == "degraded"


def test_readyz_reports_a_reachable_cluster_ok(world: World, client: Any) -> None:
    assert client.get("/readyz").json()["checks"]["search"] == "ok"
