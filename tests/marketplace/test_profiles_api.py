"""Freelancer profile endpoints: the public list and page, and the owner's own profile."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient
from tests.conftest import client_for
from tests.factories import FreelancerProfileFactory, SkillFactory, UserFactory
from tests.factories_profiles import ProfileLanguageFactory, ProfileSkillFactory, public_profile

from marketplace.profiles.models import FreelancerProfile
from marketplace.skills.models import SkillAlias

pytestmark = pytest.mark.django_db

LIST = "/api/v1/freelancers/"
MINE = "/api/v1/me/freelancer-profile/"


def _slugs(response: Any) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["slug"] for row in response.json()["results"]]


# --- public list ----------------------------------------------------------------------------


def test_list_shows_only_public_profiles_of_active_users_newest_first(api: APIClient) -> None:
    older = public_profile(slug="older")
    newer = public_profile(slug="newer")
    FreelancerProfileFactory.create(slug="draft", visibility="draft")
    public_profile(slug="hidden", visibility="hidden")
    public_profile(slug="banned", user=UserFactory.create(is_active=False))
    assert _slugs(api.get(LIST)) == [newer.slug, older.slug]


def test_list_row_shape(api: APIClient) -> None:
    skill = SkillFactory.create(slug="django", label_en="Django", label_de="Django (de)")
    profile = public_profile(
        slug="ada",
        skills=(skill,),
        languages=("de", "en"),
        user=UserFactory.create(full_name="Ada Lovelace"),
        headline="Engines",
        country="GB",
        time_zone="Europe/London",
        hourly_rate_minor=9000,
        daily_rate_minor=None,
        rate_currency="GBP",
        hours_per_week=25,
    )
    row = api.get(LIST).json()["results"][0]
    assert row == {
        "slug": "ada",
        "full_name": "Ada Lovelace",
        "avatar": None,
        "headline": "Engines",
        "country": "GB",
        "time_zone": "Europe/London",
        "hourly_rate_minor": 9000,
        "daily_rate_minor": None,
        "rate_currency": "GBP",
        "hours_per_week": 25,
        "available_from": None,
        "skills": [{"id": skill.id, "slug": "django", "label": "Django", "level": 3, "years": 5}],
        "languages": [
            {"code": "de", "proficiency": "fluent"},
            {"code": "en", "proficiency": "fluent"},
        ],
        "created_at": profile.created_at.isoformat().replace("+00:00", "Z"),
    }


def test_skill_labels_follow_the_request_language(api: APIClient) -> None:
    skill = SkillFactory.create(slug="bookkeeping", label_en="Bookkeeping", label_de="Buchhaltung")
    public_profile(skills=(skill,))
    row = api.get(LIST, HTTP_ACCEPT_LANGUAGE="de").json()["results"][0]
    assert row["skills"][0]["label"] == "Buchhaltung"
    row = api.get(LIST, {"lang": "fr"}).json()["results"][0]
    assert row["skills"][0]["label"] == "Bookkeeping"  # the factory's French label is English


def test_pagination_follows_next_through_every_row_once(api: APIClient) -> None:
    slugs = [public_profile(slug=f"p-{n}").slug for n in range(5)]
    seen: list[str] = []
    url: str | None = f"{LIST}?page_size=2"
    pages = 0
    while url:
        body = api.get(url).json()
        assert len(body["results"]) <= 2
        seen += [row["slug"] for row in body["results"]]
        url = body["next"]
        pages += 1
    assert seen == list(reversed(slugs))
    assert pages == 3


@pytest.mark.parametrize("page_size", ["abc", "0", "-3", "1.5", "", "9" * 30])
def test_odd_page_sizes_fall_back_to_the_default(api: APIClient, page_size: str) -> None:
    public_profile()
    response = api.get(LIST, {"page_size": page_size})
    assert response.status_code == 200
    assert len(response.json()["results"]) == 1


def test_page_size_is_capped(api: APIClient) -> None:
    for _ in range(3):
        public_profile()
    assert len(api.get(LIST, {"page_size": "100000"}).json()["results"]) == 3


def test_a_garbage_cursor_is_a_400_with_a_code(api: APIClient) -> None:
    response = api.get(LIST, {"cursor": "not-a-cursor"})
    assert response.status_code == 400
    assert response.json()["code"] == "validation_error"
    assert "cursor" in response.json()["details"]


def _profiles_for_filters() -> dict[str, FreelancerProfile]:
    django = SkillFactory.create(slug="django")
    figma = SkillFactory.create(slug="figma")
    go = SkillFactory.create(slug="go")
    return {
        "django_de": public_profile(
            slug="django-de",
            skills=(django,),
            languages=("de",),
            country="DE",
            hourly_rate_minor=9000,
            rate_currency="EUR",
            hours_per_week=40,
            headline="Django backends",
        ),
        "figma_fr": public_profile(
            slug="figma-fr",
            skills=(figma,),
            languages=("fr", "en"),
            country="FR",
            hourly_rate_minor=6000,
            rate_currency="EUR",
            hours_per_week=10,
            headline="Interfaces",
            bio="I love DJANGO admin screens too.",
        ),
        "go_us": public_profile(
            slug="go-us",
            skills=(go, django),
            languages=("en",),
            country="US",
            hourly_rate_minor=5000,
            rate_currency="USD",
            hours_per_week=20,
            headline="Go services",
        ),
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"skill": "figma"}, ["figma-fr"]),
        ({"skill": ["figma", "go"]}, ["go-us", "figma-fr"]),
        ({"skill": "django"}, ["go-us", "django-de"]),
        ({"country": "FR"}, ["figma-fr"]),
        ({"language": "en"}, ["go-us", "figma-fr"]),
        ({"max_hourly_rate_minor": "6000", "currency": "EUR"}, ["figma-fr"]),
        ({"currency": "USD"}, ["go-us"]),
        ({"available": "20"}, ["go-us", "django-de"]),
        ({"q": "django"}, ["figma-fr", "django-de"]),
        ({"q": "  "}, ["go-us", "figma-fr", "django-de"]),
        ({"skill": "django", "country": "DE", "language": "de"}, ["django-de"]),
        ({"skill": "django", "currency": "GBP"}, []),
    ],
)
def test_filters(api: APIClient, params: dict[str, Any], expected: list[str]) -> None:
    _profiles_for_filters()
    assert _slugs(api.get(LIST, params)) == expected


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"skill": "no-such-skill"}, "skill"),
        ({"country": "XX"}, "country"),
        ({"country": "de"}, "country"),
        ({"language": "klingon"}, "language"),
        ({"currency": "XBT"}, "currency"),
        ({"max_hourly_rate_minor": "5000"}, "currency"),
        ({"max_hourly_rate_minor": "abc", "currency": "EUR"}, "max_hourly_rate_minor"),
        ({"max_hourly_rate_minor": "-1", "currency": "EUR"}, "max_hourly_rate_minor"),
        ({"max_hourly_rate_minor": "12.5", "currency": "EUR"}, "max_hourly_rate_minor"),
        ({"max_hourly_rate_minor": "9" * 40, "currency": "EUR"}, "max_hourly_rate_minor"),
        ({"available": "lots"}, "available"),
        ({"available": "81"}, "available"),
        ({"q": "x" * 10_000}, "q"),
    ],
)
def test_bad_filter_values_are_400_with_the_field_named(
    api: APIClient, params: dict[str, Any], field: str
) -> None:
    response = api.get(LIST, params)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "validation_error"
    assert list(body["details"]) == [field]


def _rich_public_profiles(count: int) -> None:
    skills = [SkillFactory.create(slug="skill-query-count"), SkillFactory.create()]
    for _ in range(count):
        profile = public_profile(skills=tuple(skills), languages=("en", "de"))
        ProfileLanguageFactory.create(profile=profile, code="fr")


@pytest.mark.parametrize("params", [{}, {"skill": "skill-query-count", "language": "en"}])
def test_list_query_count_does_not_grow_with_rows(
    api: APIClient, django_assert_num_queries: Any, params: dict[str, str]
) -> None:
    _rich_public_profiles(3)
    with CaptureQueriesContext(connection) as few:
        assert len(_slugs(api.get(LIST, params))) == 3
    _rich_public_profiles(3)
    with django_assert_num_queries(len(few)):
        assert len(_slugs(api.get(LIST, params))) == 6
    # The page itself, skills (with the skill rows joined) and languages; +1 to check slugs.
    assert len(few) == (4 if params else 3)


# --- public page ----------------------------------------------------------------------------


def test_public_page_shape(api: APIClient) -> None:
    skill = SkillFactory.create(slug="photography", label_en="Photography")
    profile = public_profile(
        slug="lens",
        skills=(skill,),
        languages=("fr",),
        user=UserFactory.create(full_name="Nadia"),
        bio="Weddings and products.",
        links=[{"label": "Portfolio", "url": "https://lens.example"}],
        daily_rate_minor=40000,
    )
    response = api.get(f"{LIST}lens/")
    assert response.status_code == 200
    body = response.json()
    assert body == {
        "id": profile.pk,
        "slug": "lens",
        "full_name": "Nadia",
        "avatar": None,
        "headline": profile.headline,
        "bio": "Weddings and products.",
        "country": "DE",
        "time_zone": "Europe/Berlin",
        "working_hours_start": "09:00:00",
        "working_hours_end": "17:00:00",
        "hourly_rate_minor": 8000,
        "daily_rate_minor": 40000,
        "rate_currency": "EUR",
        "hours_per_week": 20,
        "available_from": None,
        "skills": [
            {"id": skill.id, "slug": "photography", "label": "Photography", "level": 3, "years": 5}
        ],
        "languages": [{"code": "fr", "proficiency": "fluent"}],
        "links": [{"label": "Portfolio", "url": "https://lens.example"}],
        "portfolio": [],
        "created_at": profile.created_at.isoformat().replace("+00:00", "Z"),
        "rating": {
            "average": None,
            "count": 0,
            "distribution": {"1": 0, "2": 0, "3": 0, "4": 0, "5": 0},
        },
        "endorsements": [{"skill_id": skill.id, "slug": "photography", "peers": 0, "weight": 0.0}],
    }
    assert "visibility" not in body


@pytest.mark.parametrize(
    ("visibility", "active", "expected"),
    [
        # anonymous, stranger, owner, staff
        ("public", True, (200, 200, 200, 200)),
        ("draft", True, (404, 404, 200, 200)),
        ("hidden", True, (404, 404, 200, 200)),
        ("public", False, (404, 404, 200, 200)),
    ],
)
def test_public_page_permission_matrix(
    api: APIClient, visibility: str, active: bool, expected: tuple[int, ...]
) -> None:
    profile = public_profile(
        slug="subject", visibility=visibility, user=UserFactory.create(is_active=active)
    )
    clients = [
        api,
        client_for(UserFactory.create()),
        client_for(profile.user),
        client_for(UserFactory.create(is_staff=True)),
    ]
    responses = [c.get(f"{LIST}subject/") for c in clients]
    assert tuple(r.status_code for r in responses) == expected
    for response in responses:
        if response.status_code == 404:
            assert response.json()["code"] == "not_found"
        else:
            assert response.json()["slug"] == "subject"


def test_unknown_slug_is_404(api: APIClient) -> None:
    response = api.get(f"{LIST}nobody/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


# --- own profile ----------------------------------------------------------------------------


def _valid_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "slug": "grace-hopper",
        "headline": "Compilers and COBOL",
        "country": "US",
        "time_zone": "America/New_York",
        "hourly_rate_minor": 15000,
        "rate_currency": "USD",
        "skills": [{"skill": "cobol", "level": 4, "years": 30}],
        "languages": [{"code": "en", "proficiency": "native"}],
        "links": [{"url": "https://grace.example", "label": "Home"}],
    }
    body.update(overrides)
    return body


def test_own_profile_routes_need_sign_in(api: APIClient) -> None:
    for method, url in [
        ("get", MINE),
        ("post", MINE),
        ("patch", MINE),
        ("post", f"{MINE}publish/"),
        ("post", f"{MINE}unpublish/"),
    ]:
        response = getattr(api, method)(url, {})
        assert response.status_code == 403, url
        assert response.json()["code"] == "not_authenticated"


def test_own_profile_is_404_before_it_exists() -> None:
    client = client_for(UserFactory.create())
    for method, url in [
        ("get", MINE),
        ("patch", MINE),
        ("post", f"{MINE}publish/"),
        ("post", f"{MINE}unpublish/"),
    ]:
        response = getattr(client, method)(url, {})
        assert response.status_code == 404, url
        assert response.json()["code"] == "not_found"


def test_create_then_read_own_profile() -> None:
    SkillFactory.create(slug="cobol", label_en="COBOL")
    user = UserFactory.create(full_name="Grace Hopper")
    client = client_for(user)
    response = client.post(MINE, _valid_body())
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["slug"], body["visibility"], body["moderation_reason"]) == (
        "grace-hopper",
        "draft",
        "",
    )
    assert body["skills"][0]["slug"] == "cobol"
    assert body["links"] == [{"label": "Home", "url": "https://grace.example"}]
    assert client.get(MINE).json() == body
    assert FreelancerProfile.objects.get().user == user


def test_second_create_is_409() -> None:
    profile = FreelancerProfileFactory.create(slug="first")
    response = client_for(profile.user).post(MINE, _valid_body(skills=[]))
    assert response.status_code == 409
    assert response.json()["code"] == "profile_exists"
    assert FreelancerProfile.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "status", "code", "field"),
    [
        ({"slug": "Grace Hopper"}, 400, "validation_error", "slug"),
        ({"slug": ["grace"]}, 400, "validation_error", "slug"),
        ({"headline": "x" * 10_000}, 400, "validation_error", "headline"),
        ({"headline": {"text": "hi"}}, 400, "validation_error", "headline"),
        ({"bio": "x" * 10_000}, 400, "validation_error", "bio"),
        ({"country": "Narnia"}, 400, "validation_error", "country"),
        ({"country": "XX"}, 400, "validation_error", "country"),
        ({"time_zone": "Moon/Base"}, 400, "validation_error", "time_zone"),
        ({"hourly_rate_minor": -500}, 400, "validation_error", "hourly_rate_minor"),
        ({"hourly_rate_minor": 0}, 400, "validation_error", "hourly_rate_minor"),
        ({"hourly_rate_minor": "lots"}, 400, "validation_error", "hourly_rate_minor"),
        ({"hourly_rate_minor": 10**13}, 400, "validation_error", "hourly_rate_minor"),
        ({"hourly_rate_minor": 10**40}, 400, "validation_error", "hourly_rate_minor"),
        ({"daily_rate_minor": 12.5}, 400, "validation_error", "daily_rate_minor"),
        ({"rate_currency": "XBT"}, 400, "currency_unsupported", "rate_currency"),
        ({"rate_currency": "x" * 10_000}, 400, "validation_error", "rate_currency"),
        ({"hours_per_week": 200}, 400, "validation_error", "hours_per_week"),
        ({"working_hours_start": "noon"}, 400, "validation_error", "working_hours_start"),
        ({"available_from": "soon"}, 400, "validation_error", "available_from"),
        ({"links": "https://grace.example"}, 400, "validation_error", "links"),
        ({"links": [{"url": "ftp://grace.example"}]}, 400, "validation_error", "links"),
        (
            {"links": [{"url": f"https://x.example/{n}"} for n in range(11)]},
            400,
            "validation_error",
            "links",
        ),
        ({"skills": [{"skill": "underwater-basketry"}]}, 400, "unknown_skill", "skills"),
        ({"skills": "cobol"}, 400, "validation_error", "skills"),
        ({"skills": [{"skill": "cobol", "level": 9}]}, 400, "validation_error", "skills"),
        ({"skills": [{"level": 3}]}, 400, "validation_error", "skills"),
        ({"skills": [{"skill": "cobol"}] * 51}, 400, "validation_error", "skills"),
        (
            {"languages": [{"code": "zz", "proficiency": "native"}]},
            400,
            "validation_error",
            "languages",
        ),
        (
            {"languages": [{"code": "en", "proficiency": "meh"}]},
            400,
            "validation_error",
            "languages",
        ),
        (
            {"languages": [{"code": "en", "proficiency": "basic"}] * 2},
            400,
            "validation_error",
            "languages",
        ),
    ],
)
def test_create_refuses_bad_input_with_a_code(
    overrides: dict[str, Any], status: int, code: str, field: str
) -> None:
    SkillFactory.create(slug="cobol")
    response = client_for(UserFactory.create()).post(MINE, _valid_body(**overrides))
    assert response.status_code == status, response.content
    body = response.json()
    assert body["code"] == code
    assert list(body["details"]) == [field]
    assert FreelancerProfile.objects.count() == 0


@pytest.mark.parametrize("missing", ["slug", "headline", "country"])
def test_create_requires_slug_headline_and_country(missing: str) -> None:
    body = _valid_body(skills=[])
    del body[missing]
    response = client_for(UserFactory.create()).post(MINE, body)
    assert response.status_code == 400
    assert list(response.json()["details"]) == [missing]


def test_create_rejects_non_json_and_non_object_bodies() -> None:
    client = client_for(UserFactory.create())
    response = client.post(MINE, "{not json", content_type="application/json")
    assert (response.status_code, response.json()["code"]) == (400, "malformed_request")
    response = client.post(MINE, [1, 2], format="json")
    assert (response.status_code, response.json()["code"]) == (400, "validation_error")
    assert FreelancerProfile.objects.count() == 0


def test_create_with_a_taken_slug() -> None:
    FreelancerProfileFactory.create(slug="grace-hopper")
    response = client_for(UserFactory.create()).post(MINE, _valid_body(skills=[]))
    assert response.status_code == 400
    assert response.json()["code"] == "slug_taken"


def test_patch_updates_fields_and_lists() -> None:
    profile = FreelancerProfileFactory.create(headline="Old")
    ProfileSkillFactory.create(profile=profile)
    react = SkillFactory.create(slug="react", label_en="React")
    SkillAlias.objects.create(skill=react, alias="React.js", normalized="reactjs")
    response = client_for(profile.user).patch(
        MINE,
        {
            "headline": "New",
            "hourly_rate_minor": None,
            "daily_rate_minor": 50000,
            "skills": [{"skill": "React.js", "level": 4}],
            "languages": [],
        },
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["headline"], body["hourly_rate_minor"], body["daily_rate_minor"]) == (
        "New",
        None,
        50000,
    )
    assert [(s["slug"], s["level"], s["years"]) for s in body["skills"]] == [("react", 4, 0)]
    assert body["languages"] == []


def test_patch_leaves_lists_alone_when_absent() -> None:
    profile = FreelancerProfileFactory.create()
    ProfileSkillFactory.create(profile=profile, skill=SkillFactory.create(slug="rust"))
    response = client_for(profile.user).patch(MINE, {"bio": ""})
    assert response.status_code == 200
    assert [s["slug"] for s in response.json()["skills"]] == ["rust"]


def test_patch_with_an_unknown_skill_changes_nothing() -> None:
    profile = FreelancerProfileFactory.create(headline="Keep")
    ProfileSkillFactory.create(profile=profile, skill=SkillFactory.create(slug="rust"))
    response = client_for(profile.user).patch(
        MINE, {"headline": "Lose", "skills": [{"skill": "telepathy"}]}
    )
    assert response.status_code == 400
    assert response.json() == {
        "code": "unknown_skill",
        "message": "Unknown skills: telepathy.",
        "details": {"skills": ["telepathy"]},
    }
    profile.refresh_from_db()
    assert profile.headline == "Keep"
    assert list(profile.profile_skills.values_list("skill__slug", flat=True)) == ["rust"]


def test_patch_cannot_strip_a_public_profile_of_its_rate() -> None:
    profile = public_profile(hourly_rate_minor=8000, daily_rate_minor=None)
    response = client_for(profile.user).patch(MINE, {"hourly_rate_minor": None})
    assert response.status_code == 409
    assert response.json()["code"] == "profile_incomplete"
    profile.refresh_from_db()
    assert profile.hourly_rate_minor == 8000


def test_patch_cannot_change_visibility() -> None:
    profile = FreelancerProfileFactory.create()
    response = client_for(profile.user).patch(MINE, {"visibility": "public"})
    assert response.status_code == 200
    profile.refresh_from_db()
    assert profile.visibility == "draft"


def test_publish_and_unpublish() -> None:
    profile = FreelancerProfileFactory.create()
    client = client_for(profile.user)
    response = client.post(f"{MINE}publish/")
    assert response.status_code == 409
    assert response.json()["code"] == "profile_incomplete"
    assert response.json()["details"] == {"missing": ["skills"]}
    ProfileSkillFactory.create(profile=profile)
    response = client.post(f"{MINE}publish/")
    assert (response.status_code, response.json()["visibility"]) == (200, "public")
    assert APIClient().get(f"{LIST}{profile.slug}/").status_code == 200
    response = client.post(f"{MINE}unpublish/")
    assert (response.status_code, response.json()["visibility"]) == (200, "draft")
    assert APIClient().get(f"{LIST}{profile.slug}/").status_code == 404


def test_hidden_profile_shows_the_reason_to_its_owner_and_cannot_be_republished() -> None:
    profile = public_profile(visibility="hidden", moderation_reason="Fake reviews")
    client = client_for(profile.user)
    assert client.get(MINE).json()["moderation_reason"] == "Fake reviews"
    for action in ("publish", "unpublish"):
        response = client.post(f"{MINE}{action}/")
        assert response.status_code == 409
        assert response.json()["code"] == "invalid_state"
    profile.refresh_from_db()
    assert profile.visibility == "hidden"


def test_own_profile_reads_are_not_write_throttled(monkeypatch: pytest.MonkeyPatch) -> None:
    from rest_framework.throttling import ScopedRateThrottle

    monkeypatch.setitem(ScopedRateThrottle.THROTTLE_RATES, "writes", "1/min")
    profile = FreelancerProfileFactory.create()
    client = client_for(profile.user)
    assert [client.get(MINE).status_code for _ in range(3)] == [200] * 3
    assert client.patch(MINE, {"bio": "one"}).status_code == 200
    assert client.post(f"{MINE}unpublish/").status_code == 429
