"""Reviews and endorsements in matching: the documented reputation blend, the events that
re-index a profile when its reputation changes, and `min_rating` on the API."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from marketplace.endorsements.services import endorsement_create
from marketplace.moderation.services import review_hide
from marketplace.reviews.services import review_create
from matching.explain import render, skill_labels
from matching.models import IndexedProfile
from matching.scoring import bayesian_rating, endorsement_credit, reputation
from matching.selectors import match_freelancers_for_gig
from matching.services import search_rebuild
from tests.factories import moderator_create
from tests.factories_trust import contract_between, firm_with_owner, veteran
from tests.matching.world import World, build_world, firm_review


@pytest.fixture
def world(db: Any) -> World:
    w = build_world()
    search_rebuild()
    return w


def _hit(world: World, name: str) -> Any:
    hits = {h.doc["slug"]: h for h in match_freelancers_for_gig(gig=world.gig).hits}
    return hits[world.profiles[name].slug]


# --- the formula (docs/matching.md) ------------------------------------------------------------


def test_without_history_reputation_is_the_rating_prior_alone() -> None:
    assert bayesian_rating({}) == 3.5
    assert reputation({}) == pytest.approx(0.4 * 0.625)


def test_reputation_blends_contracts_bayesian_rating_and_endorsements_on_the_skills() -> None:
    doc = {
        "completed_contracts": 2,
        "rating_average": 4.5,
        "rating_count": 2,
        "endorsements": {"7": {"peers": 1, "weight": 1.0}, "9": {"peers": 4, "weight": 9.0}},
    }
    # (5 × 3.5 + 2 × 4.5) / 7 stars; skill 7: 1 / (1 + 3); skill 8 none; skill 9 is not asked
    assert bayesian_rating(doc) == pytest.approx(26.5 / 7)
    assert endorsement_credit(doc, [7, 8]) == pytest.approx(0.125)
    expected = 0.4 * (2 / 5) + 0.4 * ((26.5 / 7 - 1) / 4) + 0.2 * 0.125
    assert reputation(doc, [7, 8]) == pytest.approx(expected)
    assert reputation(doc, []) == pytest.approx(expected - 0.2 * 0.125)


def test_endorsement_credit_stays_below_one_however_heavy() -> None:
    doc = {"endorsements": {"7": {"peers": 500, "weight": 10_000.0}}}
    assert 0.999 < endorsement_credit(doc, [7]) < 1.0


# --- events re-index the profile ---------------------------------------------------------------


def test_a_published_review_reindexes_the_profile_and_changes_its_reputation(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    two = world.profiles["two"]
    before = _hit(world, "two")
    assert before.reasons[-1].code != "rated"
    assert IndexedProfile.objects.get(pk=two.pk).rating_hundredths is None
    firm, owner = firm_with_owner()
    contract = contract_between(firm=firm, freelancer=two)

    with django_capture_on_commit_callbacks(execute=True):
        review_create(contract=contract, by=owner, rating=4)
    # Blind until the other side writes too: nothing counts yet.
    assert IndexedProfile.objects.get(pk=two.pk).rating_count == 0
    with django_capture_on_commit_callbacks(execute=True):
        review_create(contract=contract, by=two.user, rating=5)

    row = IndexedProfile.objects.get(pk=two.pk)
    assert (row.rating_hundredths, row.rating_count, row.completed_contracts) == (400, 1, 1)
    after = _hit(world, "two")
    assert after.score > before.score
    labels = skill_labels(skill_ids=[world.skills["postgresql"].id], language="en")
    assert render(after.reasons, labels=labels, language="en").endswith(
        "speaks German · 1 completed contract · rated 4.0 from 1 review"
    )
    assert render(after.reasons, labels=labels, language="fr").endswith("noté 4,0 (1 avis)")


def test_a_hidden_review_stops_counting_and_the_filter_drops_the_profile(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    full = world.profiles["full"]
    review = firm_review(full, 5)
    firm_review(full, 3)
    with django_capture_on_commit_callbacks(execute=True):
        endorsement_create(by=veteran().user, endorsee=full, skill=world.skills["python"])
    assert IndexedProfile.objects.get(pk=full.pk).rating_hundredths == 400
    assert _slugs(match_freelancers_for_gig(gig=world.gig, min_rating=400)) == [full.slug]

    with django_capture_on_commit_callbacks(execute=True):
        review_hide(review=review, by=moderator_create(), reason="Not about the work")

    row = IndexedProfile.objects.get(pk=full.pk)
    assert (row.rating_hundredths, row.rating_count) == (300, 1)
    assert _slugs(match_freelancers_for_gig(gig=world.gig, min_rating=400)) == []
    assert _slugs(match_freelancers_for_gig(gig=world.gig, min_rating=300)) == [full.slug]


def test_an_endorsement_reindexes_the_profile_with_its_peers(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    full = world.profiles["full"]
    django = world.skills["django"]
    with django_capture_on_commit_callbacks(execute=True):
        endorsement_create(by=veteran().user, endorsee=full, skill=django)
        endorsement_create(by=veteran().user, endorsee=full, skill=django)

    doc = IndexedProfile.objects.get(pk=full.pk).doc
    assert doc["endorsements"] == {str(django.id): {"peers": 2, "weight": 2.0}}
    labels = skill_labels(skill_ids=[django.id], language="de")
    text = render(_hit(world, "full").reasons, labels=labels, language="de")
    assert text.endswith("Django von 2 Fachkollegen bestätigt")


def _slugs(ranked: Any) -> list[str]:
    return [h.doc["slug"] for h in ranked.hits]


# --- the API -----------------------------------------------------------------------------------


def test_gig_matches_and_search_take_min_rating(world: World) -> None:
    firm_review(world.profiles["two"], 5)
    firm_review(world.profiles["full"], 4)
    search_rebuild()
    client = APIClient()
    client.force_authenticate(world.owner)

    matches = client.get(f"/api/v1/gigs/{world.gig.id}/matches/?min_rating=4.5")
    found = client.get("/api/v1/search/freelancers/?min_rating=4")

    assert matches.status_code == 200, matches.content
    assert [r["freelancer"]["slug"] for r in matches.json()["results"]] == [
        world.profiles["two"].slug
    ]
    assert {r["freelancer"]["slug"] for r in found.json()["results"]} == set(
        world.slugs(["full", "two"])
    )


@pytest.mark.parametrize("value", ["0.99", "5.01", "4.555", "high", "NaN", "Infinity", "1e1"])
@pytest.mark.parametrize("path", ["matches", "search"])
def test_a_bad_min_rating_is_refused_naming_the_field(world: World, value: str, path: str) -> None:
    client = APIClient()
    client.force_authenticate(world.owner)
    url = (
        f"/api/v1/gigs/{world.gig.id}/matches/"
        if path == "matches"
        else "/api/v1/search/freelancers/"
    )
    response = client.get(url, {"min_rating": value})

    assert response.status_code == 400
    assert response.json()["code"] == "validation_error"
    assert list(response.json()["details"]) == ["min_rating"]


def test_reviews_older_than_the_index_count_after_a_rebuild(world: World) -> None:
    # Written straight to the table (no event): the nightly/command rebuild picks them up.
    firm_review(world.profiles["far"], 2)
    assert IndexedProfile.objects.get(pk=world.profiles["far"].pk).rating_count == 0
    search_rebuild()
    assert IndexedProfile.objects.get(pk=world.profiles["far"].pk).rating_hundredths == 200
