"""Keeping the database index true: events → Celery tasks (eager in tests), idempotent batches,
the management commands, and PostgreSQL's full-text index."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection

from marketplace.contracts.services import contract_complete
from marketplace.events import emit_on_commit, skills_changed
from marketplace.profiles.services import profile_update
from marketplace.skills.models import Skill
from matching.models import IndexedGig, IndexedProfile, IndexedProfileSkill
from matching.services import index_profiles_sync, search_check, search_rebuild
from tests.factories_flow import ContractFactory, member_of
from tests.matching.world import World, build_world


@pytest.fixture
def world(db: Any) -> World:
    w = build_world()
    search_rebuild()
    return w


def test_a_profile_change_reindexes_it_after_commit(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    two = world.profiles["two"]
    with django_capture_on_commit_callbacks(execute=True):
        profile_update(profile=two, by=two.user, headline="Django and ceramics developer")

    assert IndexedProfile.objects.get(pk=two.pk).doc["headline"] == "Django and ceramics developer"


def test_a_draft_profile_leaves_the_index_when_its_event_fires(world: World) -> None:
    full = world.profiles["full"]
    type(full).objects.filter(pk=full.pk).update(visibility="draft")

    assert index_profiles_sync(profile_ids=[full.pk]) == 0

    assert not IndexedProfile.objects.filter(pk=full.pk).exists()
    assert not IndexedProfileSkill.objects.filter(entry_id=full.pk).exists()


def test_indexing_twice_in_small_batches_leaves_the_same_index(world: World) -> None:
    ids = [p.pk for p in world.profiles.values()]
    before = sorted(IndexedProfileSkill.objects.values_list("entry_id", "skill_id"))

    assert index_profiles_sync(profile_ids=ids + ids, batch_size=2) == 6
    assert index_profiles_sync(profile_ids=ids, batch_size=2) == 6

    assert sorted(IndexedProfileSkill.objects.values_list("entry_id", "skill_id")) == before
    assert all(report.ok for report in search_check())


def test_a_renamed_skill_reindexes_what_holds_it(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    figma = world.skills["figma"]
    Skill.objects.filter(pk=figma.pk).update(label_en="Figma Design")
    with django_capture_on_commit_callbacks(execute=True):
        emit_on_commit(skills_changed, skill_ids=[figma.pk])

    assert "Figma Design" in IndexedProfile.objects.get(pk=world.profiles["designer"].pk).text
    assert "Figma Design" in IndexedGig.objects.get(pk=world.gigs["design"].pk).text


def test_a_completed_contract_counts_towards_reputation(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    contract = ContractFactory.create(proposal__freelancer=world.profiles["two"])
    owner = member_of(contract.firm, role="owner")
    with django_capture_on_commit_callbacks(execute=True):
        contract_complete(contract=contract, by=owner)

    assert IndexedProfile.objects.get(pk=world.profiles["two"].pk).completed_contracts == 1


def test_search_rebuild_and_check_commands(world: World, capsys: Any) -> None:
    IndexedProfile.objects.all().delete()
    with pytest.raises(SystemExit) as exited:
        call_command("search_check")
    assert exited.value.code == 1
    assert "database profile: database=6 index=0 DIFFER" in capsys.readouterr().out

    call_command("search_rebuild", "--batch-size", "4")

    out = capsys.readouterr().out
    assert "database:profile" in out
    assert "6/6" in out
    assert "indexed 6 profiles and 3 gigs" in out
    call_command("search_check")
    assert "database gig: database=3 index=3 ok" in capsys.readouterr().out


def test_postgresql_has_a_gin_index_on_the_text_vectors(db: Any) -> None:
    if connection.vendor != "postgresql":
        assert connection.vendor == "sqlite"  # SQLite matches text without an FTS index
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE indexname IN "
            "('matching_profile_fts_gin', 'matching_gig_fts_gin') ORDER BY indexname"
        )
        assert [row[0] for row in cursor.fetchall()] == [
            "matching_gig_fts_gin",
            "matching_profile_fts_gin",
        ]
