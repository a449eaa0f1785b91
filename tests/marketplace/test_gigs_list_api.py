"""`GET /api/v1/gigs/`: who sees which gigs, the output, filters, pagination, query counts."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from tests.conftest import client_for
from tests.factories import FirmFactory, FirmMembershipFactory, GigFactory, SkillFactory
from tests.factories_flow import ProposalFactory, draft_gig, open_gig, skill

from marketplace.gigs.models import Gig, GigLanguage

pytestmark = pytest.mark.django_db

GIGS = "/api/v1/gigs/"


def _ids(response: Any) -> list[int]:
    return [row["id"] for row in response.json()["results"]]


# --- list ----------------------------------------------------------------------------------------


def test_anyone_lists_open_visible_gigs_only(api: Any, firm: Any) -> None:
    # Given gigs in every state, one hidden by moderation
    visible = open_gig(firm=firm)
    for status in ("draft", "in_progress", "completed", "cancelled", "closed"):
        draft_gig(firm=firm, status=status)
    open_gig(firm=firm, moderation_state="hidden")
    # When anyone lists gigs
    response = api.get(GIGS)
    # Then only the open, visible one is there
    assert response.status_code == 200
    assert _ids(response) == [visible.id]


def test_gig_output_shape(api: Any, firm: Any) -> None:
    python, react = skill("python"), SkillFactory.create(slug="react", label_de="React (de)")
    gig = GigFactory.open(
        firm=firm,
        required_skills=[python],
        hours_per_week=10,
        start_date=dt.date(2030, 1, 6),
        location_type="hybrid",
        location_country="DE",
        location_city="Berlin",
        timezone_overlap_hours=3,
    )
    gig.gig_skills.create(skill=react, is_required=False)
    GigLanguage.objects.create(gig=gig, code="de")
    body = api.get(f"{GIGS}{gig.id}/", HTTP_ACCEPT_LANGUAGE="de").json()
    assert body["firm"] == {"slug": firm.slug, "name": firm.name, "country": "FR"}
    assert body["required_skills"] == [{"id": python.id, "slug": "python", "label": "Python"}]
    assert body["nice_skills"] == [{"id": react.id, "slug": "react", "label": "React (de)"}]
    assert body["languages"] == ["de"]
    assert {k: body[k] for k in ("hours_per_week", "start_date", "timezone_overlap_hours")} == {
        "hours_per_week": 10,
        "start_date": "2030-01-06",
        "timezone_overlap_hours": 3,
    }
    assert (body["location_type"], body["location_country"], body["location_city"]) == (
        "hybrid",
        "DE",
        "Berlin",
    )
    assert (body["status"], body["moderation_state"], body["proposal_count"]) == (
        "open",
        "visible",
        None,
    )
    assert body["published_at"] is not None
    assert set(body) >= {"created_at", "updated_at", "budget_min_minor", "currency"}


def test_proposal_count_is_shown_to_firm_members_only(
    firm: Any, firm_owner: Any, freelancer: Any, staff: Any
) -> None:
    gig = open_gig(firm=firm)
    ProposalFactory.create(gig=gig)
    ProposalFactory.create(gig=gig, status="declined")
    ProposalFactory.create(gig=gig, status="withdrawn")
    for user, expected in ((firm_owner, 2), (freelancer, None), (staff, None)):
        client = client_for(user)
        assert client.get(f"{GIGS}{gig.id}/").json()["proposal_count"] == expected
        assert client.get(GIGS).json()["results"][0]["proposal_count"] == expected


def test_scope_mine_lists_every_gig_of_my_firms_and_nothing_else(
    firm: Any, firm_owner: Any
) -> None:
    # Given the owner is also a plain member of a second firm
    second_firm = FirmFactory.create()
    FirmMembershipFactory.create(firm=second_firm, user=firm_owner, role="member")
    mine = [
        draft_gig(firm=firm),
        open_gig(firm=firm, moderation_state="hidden"),
        draft_gig(firm=second_firm, status="cancelled"),
    ]
    open_gig(firm=FirmFactory.create())  # a foreign public gig
    response = client_for(firm_owner).get(GIGS, {"scope": "mine"})
    assert response.status_code == 200
    assert sorted(_ids(response)) == sorted(g.id for g in mine)
    # And the status filter narrows it
    response = client_for(firm_owner).get(GIGS, {"scope": "mine", "status": "draft"})
    assert _ids(response) == [mine[0].id]


def test_scope_mine_needs_a_signed_in_user(api: Any) -> None:
    response = api.get(GIGS, {"scope": "mine"})
    assert response.status_code == 403
    assert response.json()["code"] == "not_authenticated"


def test_scope_mine_of_a_user_without_firms_is_empty(stranger: Any, firm: Any) -> None:
    open_gig(firm=firm)
    assert _ids(client_for(stranger).get(GIGS, {"scope": "mine"})) == []


@pytest.fixture
def catalogue(firm: Any) -> dict[str, Gig]:
    """Open gigs that differ in one attribute each, for the filter tests."""
    python, design = skill("python"), skill("design")
    de_firm = FirmFactory.create(country="DE", slug="berlin-bakery")
    gigs = {
        "python_fixed_eur": GigFactory.open(
            firm=firm,
            title="Django shop",
            required_skills=[python],
            budget_min_minor=100_000,
            budget_max_minor=200_000,
        ),
        "design_hourly_usd": GigFactory.open(
            firm=firm,
            title="Logo refresh",
            description="A new logo for a bakery.",
            required_skills=[design],
            engagement_type="hourly",
            currency="USD",
            budget_min_minor=5_000,
            budget_max_minor=9_000,
        ),
        "onsite_de": GigFactory.open(
            firm=de_firm,
            title="Shop photos",
            engagement_type="retainer",
            budget_min_minor=300_000,
            budget_max_minor=500_000,
            location_type="onsite",
            location_country="AT",
        ),
    }
    gigs["design_hourly_usd"].gig_skills.create(skill=python, is_required=False)
    GigLanguage.objects.create(gig=gigs["onsite_de"], code="de")
    return gigs


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"skill": "python"}, ["python_fixed_eur", "design_hourly_usd"]),
        ({"skill": ["design", "nothing-like-it"]}, ["design_hourly_usd"]),
        ({"engagement_type": "hourly"}, ["design_hourly_usd"]),
        ({"currency": "USD"}, ["design_hourly_usd"]),
        ({"budget_min_minor": 250_000}, ["onsite_de"]),
        ({"budget_max_minor": 150_000}, ["python_fixed_eur", "design_hourly_usd"]),
        (
            {"budget_min_minor": 150_000, "budget_max_minor": 350_000},
            ["python_fixed_eur", "onsite_de"],
        ),
        ({"language": "de"}, ["onsite_de"]),
        ({"location_type": "onsite"}, ["onsite_de"]),
        ({"country": "de"}, ["onsite_de"]),
        ({"country": "AT"}, ["onsite_de"]),
        ({"country": "FR"}, ["python_fixed_eur", "design_hourly_usd"]),
        ({"q": "BAKERY"}, ["design_hourly_usd"]),
        ({"q": "shop"}, ["python_fixed_eur", "onsite_de"]),
        ({"firm": "berlin-bakery"}, ["onsite_de"]),
        ({}, ["python_fixed_eur", "design_hourly_usd", "onsite_de"]),
    ],
)
def test_filters(
    api: Any, catalogue: dict[str, Gig], params: dict[str, Any], expected: list[str]
) -> None:
    response = api.get(GIGS, params)
    assert response.status_code == 200
    assert sorted(_ids(response)) == sorted(catalogue[name].id for name in expected)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"engagement_type": "barter"}, "engagement_type"),
        ({"currency": "XYZ"}, "currency"),
        ({"budget_min_minor": "lots"}, "budget_min_minor"),
        ({"budget_min_minor": "-1"}, "budget_min_minor"),
        ({"budget_max_minor": str(2**64)}, "budget_max_minor"),
        ({"budget_max_minor": "1.5"}, "budget_max_minor"),
        ({"language": "xx"}, "language"),
        ({"location_type": "moon"}, "location_type"),
        ({"skill": "not a slug!"}, "skill"),
        ({"skill": [f"s{i}" for i in range(11)]}, "skill"),
        ({"scope": "everything"}, "scope"),
        ({"status": "sleeping"}, "status"),
        ({"q": "x" * 201}, "q"),
    ],
)
def test_invalid_filters_are_400_with_a_code(api: Any, params: dict[str, Any], field: str) -> None:
    response = api.get(GIGS, params)
    assert response.status_code == 400
    assert response.json()["code"] == "validation_error"
    assert field in response.json()["details"]


def test_cursor_pagination_walks_every_gig_once(api: Any, firm: Any) -> None:
    gigs = [open_gig(firm=firm) for _ in range(5)]
    seen: list[int] = []
    url: str | None = f"{GIGS}?page_size=2"
    while url:
        body = api.get(url).json()
        assert len(body["results"]) <= 2
        seen += [row["id"] for row in body["results"]]
        url = body["next"]
    # Newest first, each once
    assert seen == [g.id for g in sorted(gigs, key=lambda g: (g.created_at, g.id), reverse=True)]


def test_invalid_cursor_is_a_400_with_a_code(api: Any) -> None:
    response = api.get(GIGS, {"cursor": "garbage"})
    assert response.status_code == 400
    assert response.json()["code"] == "validation_error"
    assert "cursor" in response.json()["details"]


def _add_gigs(firm: Any, n: int) -> None:
    tags = [skill("python"), skill("django")]
    for _ in range(n):
        gig = GigFactory.open(firm=firm, required_skills=tags)
        GigLanguage.objects.create(gig=gig, code="en")
        ProposalFactory.create(gig=gig)


@pytest.mark.parametrize("signed_in", [False, True])
def test_list_query_count_does_not_grow_with_rows(
    api: Any, firm: Any, firm_owner: Any, django_assert_num_queries: Any, signed_in: bool
) -> None:
    client = client_for(firm_owner) if signed_in else api
    # the page's rows (skills and languages inline); signed in: the caller's firm ids and
    # the proposal counts of their firms' gigs
    expected = 3 if signed_in else 1
    _add_gigs(firm, 3)
    with django_assert_num_queries(expected):
        assert len(client.get(GIGS).json()["results"]) == 3
    _add_gigs(firm, 3)
    with django_assert_num_queries(expected):
        assert len(client.get(GIGS).json()["results"]) == 6
    if signed_in:
        with django_assert_num_queries(expected):
            assert len(client.get(GIGS, {"scope": "mine"}).json()["results"]) == 6
