"""The gig list and detail render plain rows (`marketplace.gigs.api.render`) for speed; their
output must stay exactly `GigOutput` / `GigDetailOutput` (the schema) for every caller."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.utils import timezone, translation
from rest_framework.renderers import JSONRenderer
from rest_framework.test import APIClient
from tests.factories import FirmFactory, GigFactory, SkillFactory, UserFactory
from tests.factories_flow import ProposalFactory, draft_gig, open_gig

from marketplace.firms.models import FirmMembership
from marketplace.gigs.api.serializers import GigDetailOutput, GigOutput
from marketplace.gigs.models import Gig, GigLanguage
from marketplace.gigs.selectors import gig_with_details

pytestmark = pytest.mark.django_db

GIGS = "/api/v1/gigs/"


def _json(data: Any) -> Any:
    """Serializer data as the API sends it (keys in order, values as JSON)."""
    return json.loads(JSONRenderer().render(data))


@pytest.fixture
def scene(firm: Any, firm_owner: Any) -> dict[str, Any]:
    """Gigs with every optional field set or empty, skills required and nice with German
    labels, languages, proposals (a withdrawn one too), two firms, a draft of the owner's."""
    react = SkillFactory.create(slug="react", label_de="React (de)", label_fr="React (fr)")
    django = SkillFactory.create(slug="django", label_de="Django (de)")
    full = open_gig(
        firm=firm,
        hours_per_week=10,
        duration_weeks=12,
        start_date=dt.date(2030, 1, 6),
        location_type="hybrid",
        location_country="DE",
        location_city="Berlin",
        timezone_overlap_hours=3,
    )
    full.gig_skills.create(skill=react, is_required=False)
    full.gig_skills.create(skill=django, is_required=True)
    GigLanguage.objects.create(gig=full, code="fr")
    GigLanguage.objects.create(gig=full, code="de")
    ProposalFactory.create(gig=full)
    ProposalFactory.create(gig=full, status="withdrawn")
    bare = GigFactory.open(firm=FirmFactory.create(country="DE"), engagement_type="hourly")
    draft = draft_gig(firm=firm)
    return {"full": full, "bare": bare, "draft": draft, "owner": firm_owner}


def _callers(owner: Any) -> list[tuple[str, APIClient, Any, set[int]]]:
    """Anonymous, the firm's owner and a stranger — signed in through the session so the
    middleware applies their language and time zone."""
    stranger = UserFactory.create(language="fr", time_zone="America/New_York")
    owner.language, owner.time_zone = "de", "Asia/Kolkata"
    owner.save(update_fields=["language", "time_zone"])
    anonymous, as_owner, as_stranger = APIClient(), APIClient(), APIClient()
    as_owner.force_login(owner)
    as_stranger.force_login(stranger)
    owner_firms = set(FirmMembership.objects.filter(user=owner).values_list("firm_id", flat=True))
    return [
        ("anonymous", anonymous, None, set()),
        ("owner", as_owner, owner, owner_firms),
        ("stranger", as_stranger, stranger, set()),
    ]


def _expected(gigs: Any, user: Any, firms: set[int], output: type[GigOutput], many: bool) -> Any:
    language = getattr(user, "language", "en") or "en"
    zone = getattr(user, "time_zone", None) or "UTC"
    with translation.override(language), timezone.override(zone):
        return _json(output(gigs, many=many, context={"member_firm_ids": frozenset(firms)}).data)


@pytest.mark.parametrize("scope", ["public", "mine"])
def test_list_renders_exactly_gig_output(scene: dict[str, Any], scope: str) -> None:
    for name, client, user, firms in _callers(scene["owner"]):
        if scope == "mine" and name == "anonymous":
            continue
        response = client.get(GIGS, {"scope": "mine"} if scope == "mine" else {})
        assert response.status_code == 200, (name, response.content)
        rows = response.json()["results"]
        ids = [row["id"] for row in rows]
        found = gig_with_details(Gig.objects.filter(id__in=ids))
        gigs = sorted(found, key=lambda gig: ids.index(gig.id))
        assert ids or (scope, name) == ("mine", "stranger"), name  # a stranger has no firm
        expected = _expected(gigs, user, firms, GigOutput, True)
        assert rows == expected, name
        assert [list(row) for row in rows] == [list(row) for row in expected]  # key order too


def test_detail_renders_exactly_gig_detail_output(scene: dict[str, Any]) -> None:
    for name, client, user, firms in _callers(scene["owner"]):
        for gig in (scene["full"], scene["bare"]):
            body = client.get(f"{GIGS}{gig.id}/").json()
            fresh = gig_with_details(Gig.objects.filter(id=gig.id)).get()
            expected = _expected(fresh, user, firms, GigDetailOutput, False)
            assert body == expected, name
            assert list(body) == list(expected)
    # members see the count without withdrawn proposals, others none
    owner = _callers(scene["owner"])[1][1]  # the owner's client
    assert owner.get(f"{GIGS}{scene['full'].id}/").json()["proposal_count"] == 1
    assert APIClient().get(f"{GIGS}{scene['full'].id}/").json()["proposal_count"] is None


@pytest.mark.parametrize("signed_in", [False, True])
def test_detail_query_count(
    scene: dict[str, Any], django_assert_num_queries: Any, signed_in: bool
) -> None:
    client = APIClient()
    if signed_in:
        client.force_authenticate(scene["owner"])
    # the gig row (skills and languages inline), the firm's reputation (contracts with their
    # milestones, reviews); signed in: the caller's firms (for the proposal count), and the
    # count itself
    with django_assert_num_queries(5 if signed_in else 3):
        assert client.get(f"{GIGS}{scene['full'].id}/").status_code == 200
