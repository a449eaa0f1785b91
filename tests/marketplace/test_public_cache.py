"""Anonymous gig list and detail come from the cache, and every write that changes them shows
at once (`marketplace.public_cache`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from tests.conftest import client_for
from tests.factories import moderator_create
from tests.factories_flow import PublicProfileFactory, member_of, open_gig, skill
from tests.factories_trust import contract_between

from common import versioned_cache
from common.redis_cache import ReusedClientRedisCache
from marketplace.gigs.models import Gig
from marketplace.moderation.services import gig_hide
from marketplace.reviews.models import Review
from marketplace.reviews.services import reviews_publish_due

pytestmark = pytest.mark.django_db

GIGS = "/api/v1/gigs/"


def _titles(api: Any) -> list[str]:
    return [row["title"] for row in api.get(GIGS).json()["results"]]


def test_a_repeated_anonymous_read_is_answered_from_the_cache(
    api: Any, firm: Any, django_assert_num_queries: Any
) -> None:
    gig = open_gig(firm=firm)
    first_list, first_detail = api.get(GIGS).json(), api.get(f"{GIGS}{gig.id}/").json()
    # Then the same reads again cost no query, and answer the same
    with django_assert_num_queries(0):
        again_list, again_detail = api.get(GIGS), api.get(f"{GIGS}{gig.id}/")
    assert (again_list.json(), again_detail.json()) == (first_list, first_detail)
    assert again_detail["Content-Type"] == "application/json"
    # And another language or page is another entry
    assert api.get(f"{GIGS}?lang=de").json()["results"][0]["id"] == gig.id


def test_an_edit_through_the_api_shows_at_once(api: Any, firm: Any) -> None:
    gig = open_gig(firm=firm, title="Old title")
    assert _titles(api) == ["Old title"]
    assert api.get(f"{GIGS}{gig.id}/").json()["title"] == "Old title"
    # When a member edits the gig
    edited = client_for(member_of(firm)).patch(f"{GIGS}{gig.id}/", {"title": "New title"})
    assert edited.status_code == 200
    # Then anonymous readers see it on the next read
    assert _titles(api) == ["New title"]
    assert api.get(f"{GIGS}{gig.id}/").json()["title"] == "New title"


def test_skills_firm_and_labels_changes_show_at_once(api: Any, firm: Any) -> None:
    python, rust = skill("python"), skill("rust")
    gig = open_gig(firm=firm, required_skills=[python])
    detail = f"{GIGS}{gig.id}/"
    assert [s["slug"] for s in api.get(detail).json()["required_skills"]] == ["python"]
    # When the gig's skills are replaced (bulk writes, no signals)
    member = client_for(member_of(firm))
    assert member.patch(detail, {"required_skills": ["rust"]}).status_code == 200
    assert [s["slug"] for s in api.get(detail).json()["required_skills"]] == ["rust"]
    # When the skill's label changes
    rust.label_en = "Rust (systems)"
    rust.save()
    assert api.get(detail).json()["required_skills"][0]["label"] == "Rust (systems)"
    # When the firm is renamed
    firm.name = "Renamed firm"
    firm.save()
    assert api.get(GIGS).json()["results"][0]["firm"]["name"] == "Renamed firm"


def test_closing_and_hiding_take_a_gig_off_at_once(api: Any, firm: Any) -> None:
    closed, hidden = open_gig(firm=firm, title="Closed"), open_gig(firm=firm, title="Hidden")
    assert sorted(_titles(api)) == ["Closed", "Hidden"]
    assert api.get(f"{GIGS}{hidden.id}/").status_code == 200
    # When one is closed by a member and the other hidden by a moderator
    member = client_for(member_of(firm))
    assert member.post(f"{GIGS}{closed.id}/close/").status_code == 200
    gig_hide(gig=Gig.objects.get(pk=hidden.pk), by=moderator_create(), reason="Spam")
    # Then neither is listed or readable any more
    assert _titles(api) == []
    assert api.get(f"{GIGS}{closed.id}/").status_code == 404
    assert api.get(f"{GIGS}{hidden.id}/").status_code == 404


def test_a_review_published_in_bulk_shows_in_the_firm_reputation(api: Any, firm: Any) -> None:
    # Given an ended contract of the firm with the freelancer's unpublished review
    contract = contract_between(
        firm=firm, freelancer=PublicProfileFactory.create(), ended=timezone.now()
    )
    Review.objects.create(
        contract=contract,
        author_side="freelancer",
        author=contract.freelancer.user,
        firm=firm,
        freelancer=contract.freelancer,
        rating=4,
    )
    gig = open_gig(firm=firm)
    assert api.get(f"{GIGS}{gig.id}/").json()["firm_reputation"]["rating"]["count"] == 0
    # When the review window closes and the review is published (an UPDATE, no signal)
    assert reviews_publish_due(now=timezone.now() + dt.timedelta(days=60)) == 1
    # Then the gig's page shows it
    assert api.get(f"{GIGS}{gig.id}/").json()["firm_reputation"]["rating"]["count"] == 1


def test_signed_in_callers_are_never_served_the_anonymous_copy(api: Any, firm: Any) -> None:
    gig = open_gig(firm=firm)
    assert api.get(f"{GIGS}{gig.id}/").json()["proposal_count"] is None
    # A member reading the same URL gets the member's view (proposal counts)
    member = client_for(member_of(firm))
    assert member.get(f"{GIGS}{gig.id}/").json()["proposal_count"] == 0
    assert member.get(GIGS).json()["results"][0]["proposal_count"] == 0


def test_a_write_does_not_fail_when_redis_is_away(
    firm: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given the version kept on a Redis that does not answer (nothing listens on port 1)
    away = ReusedClientRedisCache(
        "redis://127.0.0.1:1/0",
        {"OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2}},
    )
    monkeypatch.setattr(versioned_cache, "cache", away)
    gig = open_gig(firm=firm, title="Before")
    # When the gig is saved outside the API (as a payment webhook or a task would)
    gig.title = "After"
    gig.save()
    # Then the write went through
    assert Gig.objects.get(pk=gig.pk).title == "After"
