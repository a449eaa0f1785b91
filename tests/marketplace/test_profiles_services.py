"""Freelancer profile rules: create, edit, skills and languages, publish and unpublish."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from tests.factories import FreelancerProfileFactory, SkillFactory, UserFactory
from tests.factories_profiles import ProfileSkillFactory, public_profile

from common.errors import Conflict, Forbidden, ValidationFailed
from common.money import MAX_AMOUNT_MINOR
from marketplace.profiles.models import FreelancerProfile, ProfileLanguage, ProfileSkill
from marketplace.profiles.services import (
    profile_create,
    profile_publish,
    profile_set_languages,
    profile_set_skills,
    profile_unpublish,
    profile_update,
)
from marketplace.skills.models import SkillAlias

pytestmark = pytest.mark.django_db


def _create(**overrides: Any) -> FreelancerProfile:
    kwargs: dict[str, Any] = {
        "user": UserFactory.create(),
        "slug": "ada-lovelace",
        "headline": "Analytical engines, small and large",
        "country": "GB",
    }
    kwargs.update(overrides)
    return profile_create(**kwargs)


# --- create ---------------------------------------------------------------------------------


def test_create_makes_a_draft_with_normalised_fields() -> None:
    # When a user creates a profile with every optional field
    react = SkillFactory.create(slug="react")
    profile = _create(
        bio="  Notes on the engine.  ",
        country="gb",
        time_zone="Europe/London",
        working_hours_start="22:00",
        working_hours_end=dt.time(6, 0),
        hourly_rate_minor=9500,
        daily_rate_minor=70000,
        rate_currency="GBP",
        hours_per_week=30,
        available_from="2030-01-15",
        links=["https://example.test/ada", {"url": "http://ada.example", "label": " Blog "}],
        skills=[{"skill": "react", "level": 4, "years": 7}],
        languages=[{"code": "en", "proficiency": "native"}],
    )
    # Then it is a draft with the values cleaned up
    profile.refresh_from_db()
    assert profile.visibility == "draft"
    assert profile.bio == "Notes on the engine."
    assert str(profile.country) == "GB"
    assert (profile.working_hours_start, profile.working_hours_end) == (dt.time(22), dt.time(6))
    assert profile.available_from == dt.date(2030, 1, 15)
    assert profile.links == [
        {"label": "", "url": "https://example.test/ada"},
        {"label": "Blog", "url": "http://ada.example"},
    ]
    assert list(profile.profile_skills.values_list("skill_id", "level", "years")) == [
        (react.id, 4, 7)
    ]
    assert list(profile.languages.values_list("code", "proficiency")) == [("en", "native")]


def test_a_user_has_at_most_one_profile() -> None:
    existing = FreelancerProfileFactory.create(slug="first")
    with pytest.raises(Conflict) as exc:
        _create(user=existing.user, slug="second")
    assert exc.value.code == "profile_exists"
    assert list(FreelancerProfile.objects.values_list("slug", flat=True)) == ["first"]


def test_slug_must_be_free() -> None:
    FreelancerProfileFactory.create(slug="ada-lovelace")
    with pytest.raises(ValidationFailed) as exc:
        _create(slug="ada-lovelace")
    assert exc.value.code == "slug_taken"
    assert "slug" in exc.value.details
    assert FreelancerProfile.objects.count() == 1


@pytest.mark.parametrize(
    "slug", ["Ada", "ada_lovelace", "-ada", "ada-", "ada--lovelace", "ad", "a" * 81, "adà", ""]
)
def test_slug_must_be_lowercase_words_joined_by_single_hyphens(slug: str) -> None:
    with pytest.raises(ValidationFailed) as exc:
        _create(slug=slug)
    assert exc.value.code == "validation_error"
    assert list(exc.value.details) == ["slug"]
    assert FreelancerProfile.objects.count() == 0


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("headline", "   "),
        ("headline", "x" * 141),
        ("bio", "x" * 5001),
        ("country", "XX"),
        ("country", "DEU"),
        ("time_zone", "Mars/Olympus"),
        ("working_hours_start", "25:00"),
        ("hourly_rate_minor", 0),
        ("hourly_rate_minor", -100),
        ("hourly_rate_minor", MAX_AMOUNT_MINOR + 1),
        ("hourly_rate_minor", 12.5),
        ("hourly_rate_minor", True),
        ("daily_rate_minor", "100"),
        ("hours_per_week", 81),
        ("hours_per_week", -1),
        ("available_from", "next week"),
        ("links", ["ftp://example.test/file"]),
        ("links", ["javascript:alert(1)"]),
        ("links", [f"https://example.test/{n}" for n in range(11)]),
        ("links", "https://example.test"),
        ("links", [{"label": "no url"}]),
        ("links", ["https://example.test/" + "x" * 500]),
    ],
)
def test_invalid_fields_are_refused_by_name(field: str, value: Any) -> None:
    with pytest.raises(ValidationFailed) as exc:
        _create(**{field: value})
    assert exc.value.code == "validation_error"
    assert list(exc.value.details) == [field]
    assert FreelancerProfile.objects.count() == 0


def test_several_invalid_fields_are_reported_together() -> None:
    with pytest.raises(ValidationFailed) as exc:
        _create(country="XX", hours_per_week=100, time_zone="Nowhere")
    assert sorted(exc.value.details) == ["country", "hours_per_week", "time_zone"]


def test_unknown_currency_has_its_own_code() -> None:
    with pytest.raises(ValidationFailed) as exc:
        _create(rate_currency="XBT")
    assert exc.value.code == "currency_unsupported"
    assert list(exc.value.details) == ["rate_currency"]
    assert FreelancerProfile.objects.count() == 0


def test_largest_rate_is_accepted() -> None:
    profile = _create(hourly_rate_minor=MAX_AMOUNT_MINOR)
    assert profile.hourly_rate_minor == MAX_AMOUNT_MINOR


def test_empty_working_window_is_refused_but_a_window_past_midnight_is_fine() -> None:
    with pytest.raises(ValidationFailed) as exc:
        _create(working_hours_start="09:00", working_hours_end="09:00")
    assert list(exc.value.details) == ["working_hours_end"]
    assert _create(working_hours_start="20:00", working_hours_end="04:00").pk is not None


def test_create_with_an_unknown_skill_creates_nothing() -> None:
    with pytest.raises(ValidationFailed) as exc:
        _create(skills=[{"skill": "basket-weaving-9000"}])
    assert exc.value.code == "unknown_skill"
    assert FreelancerProfile.objects.count() == 0
    assert ProfileSkill.objects.count() == 0


# --- update ---------------------------------------------------------------------------------


def test_owner_updates_fields_and_lists_in_one_go() -> None:
    profile = FreelancerProfileFactory.create(headline="Old", hours_per_week=20)
    python = SkillFactory.create(slug="python")
    updated = profile_update(
        profile=profile,
        by=profile.user,
        headline="New",
        hourly_rate_minor=None,
        daily_rate_minor=60000,
        skills=[{"skill": python.id}],
        languages=[{"code": "de", "proficiency": "fluent"}],
    )
    profile.refresh_from_db()
    assert (profile.headline, profile.hourly_rate_minor, profile.daily_rate_minor) == (
        "New",
        None,
        60000,
    )
    assert updated.headline == "New"
    assert list(profile.profile_skills.values_list("skill__slug", "level", "years")) == [
        ("python", 2, 0)
    ]
    assert list(profile.languages.values_list("code", flat=True)) == ["de"]


def test_someone_else_cannot_update_a_profile() -> None:
    profile = FreelancerProfileFactory.create(headline="Mine")
    with pytest.raises(Forbidden):
        profile_update(profile=profile, by=UserFactory.create(), headline="Theirs")
    profile.refresh_from_db()
    assert profile.headline == "Mine"


def test_update_changes_the_slug_only_to_a_free_one() -> None:
    FreelancerProfileFactory.create(slug="taken")
    profile = FreelancerProfileFactory.create(slug="mine")
    with pytest.raises(ValidationFailed) as exc:
        profile_update(profile=profile, by=profile.user, slug="taken")
    assert exc.value.code == "slug_taken"
    profile.refresh_from_db()
    assert profile.slug == "mine"
    profile_update(profile=profile, by=profile.user, slug="mine-too")
    profile.refresh_from_db()
    assert profile.slug == "mine-too"


def test_update_is_all_or_nothing() -> None:
    # Given a profile with one skill
    profile = FreelancerProfileFactory.create(headline="Before")
    ProfileSkillFactory.create(profile=profile, skill=SkillFactory.create(slug="go"))
    # When an update carries a valid headline but an unknown skill
    with pytest.raises(ValidationFailed):
        profile_update(
            profile=profile, by=profile.user, headline="After", skills=[{"skill": "nope-nope"}]
        )
    # Then neither changed
    profile.refresh_from_db()
    assert profile.headline == "Before"
    assert list(profile.profile_skills.values_list("skill__slug", flat=True)) == ["go"]


def test_update_checks_the_working_window_against_stored_hours() -> None:
    profile = FreelancerProfileFactory.create()  # 09:00–17:00
    with pytest.raises(ValidationFailed):
        profile_update(profile=profile, by=profile.user, working_hours_end="09:00")
    profile.refresh_from_db()
    assert profile.working_hours_end == dt.time(17)


def test_public_profile_cannot_drop_its_last_rate() -> None:
    profile = public_profile(hourly_rate_minor=8000, daily_rate_minor=None)
    with pytest.raises(Conflict) as exc:
        profile_update(profile=profile, by=profile.user, hourly_rate_minor=None)
    assert exc.value.code == "profile_incomplete"
    assert exc.value.details == {"missing": ["rate"]}
    profile.refresh_from_db()
    assert profile.hourly_rate_minor == 8000


def test_unknown_update_field_is_a_programming_error() -> None:
    profile = FreelancerProfileFactory.create()
    with pytest.raises(TypeError):
        profile_update(profile=profile, by=profile.user, visibility="public")
    profile.refresh_from_db()
    assert profile.visibility == "draft"


# --- skills and languages -----------------------------------------------------------------


def test_skills_resolve_ids_slugs_labels_and_aliases_and_replace_the_set() -> None:
    profile = FreelancerProfileFactory.create()
    old = SkillFactory.create(slug="cobol")
    ProfileSkillFactory.create(profile=profile, skill=old)
    react = SkillFactory.create(slug="react", label_en="React")
    SkillAlias.objects.create(skill=react, alias="React.js", normalized="reactjs")
    django = SkillFactory.create(slug="django", label_en="Django")
    figma = SkillFactory.create(slug="figma", label_en="Figma")

    profile_set_skills(
        profile=profile,
        skills=[
            {"skill": "React.js", "level": 4, "years": 6},
            {"skill": str(django.id), "level": 3},
            {"skill": "figma"},
        ],
    )

    rows = set(profile.profile_skills.values_list("skill_id", "level", "years"))
    assert rows == {(react.id, 4, 6), (django.id, 3, 0), (figma.id, 2, 0)}


def test_unknown_skills_are_all_named_and_nothing_changes() -> None:
    profile = FreelancerProfileFactory.create()
    keep = ProfileSkillFactory.create(profile=profile)
    SkillFactory.create(slug="react")
    with pytest.raises(ValidationFailed) as exc:
        profile_set_skills(
            profile=profile,
            skills=[{"skill": "react"}, {"skill": "quantum-knitting"}, {"skill": 999999}],
        )
    assert exc.value.code == "unknown_skill"
    assert exc.value.details == {"skills": ["quantum-knitting", "999999"]}
    assert list(profile.profile_skills.all()) == [keep]


def test_a_skill_listed_twice_under_two_names_is_refused() -> None:
    profile = FreelancerProfileFactory.create()
    react = SkillFactory.create(slug="react", label_en="React")
    SkillAlias.objects.create(skill=react, alias="ReactJS", normalized="reactjs")
    with pytest.raises(ValidationFailed) as exc:
        profile_set_skills(profile=profile, skills=[{"skill": "react"}, {"skill": "ReactJS"}])
    assert exc.value.code == "validation_error"
    assert profile.profile_skills.count() == 0


@pytest.mark.parametrize(
    "item",
    [
        {"skill": "react", "level": 5},
        {"skill": "react", "level": 0},
        {"skill": "react", "level": True},
        {"skill": "react", "years": 61},
        {"skill": "react", "years": -1},
        {"skill": "react", "years": "3"},
        {"skill": ""},
        {"skill": None},
        {"skill": ["react"]},
        {"level": 3},
        "react",
    ],
)
def test_malformed_skill_items_are_refused(item: Any) -> None:
    profile = FreelancerProfileFactory.create()
    SkillFactory.create(slug="react")
    with pytest.raises(ValidationFailed) as exc:
        profile_set_skills(profile=profile, skills=[item])
    assert exc.value.code == "validation_error"
    assert list(exc.value.details) == ["skills"]
    assert profile.profile_skills.count() == 0


def test_too_many_skills_are_refused() -> None:
    profile = FreelancerProfileFactory.create()
    with pytest.raises(ValidationFailed):
        profile_set_skills(profile=profile, skills=[{"skill": f"s{n}"} for n in range(51)])
    assert profile.profile_skills.count() == 0


def test_public_profile_keeps_at_least_one_skill() -> None:
    profile = public_profile()
    with pytest.raises(Conflict) as exc:
        profile_set_skills(profile=profile, skills=[])
    assert exc.value.code == "profile_incomplete"
    assert profile.profile_skills.count() == 1


def test_draft_may_clear_its_skills() -> None:
    profile = FreelancerProfileFactory.create()
    ProfileSkillFactory.create(profile=profile)
    profile_set_skills(profile=profile, skills=[])
    assert profile.profile_skills.count() == 0


def test_languages_replace_the_set() -> None:
    profile = FreelancerProfileFactory.create()
    ProfileLanguage.objects.create(profile=profile, code="it", proficiency="basic")
    profile_set_languages(
        profile=profile,
        languages=[
            {"code": "de", "proficiency": "native"},
            {"code": "fr", "proficiency": "conversational"},
        ],
    )
    assert list(profile.languages.values_list("code", "proficiency")) == [
        ("de", "native"),
        ("fr", "conversational"),
    ]


@pytest.mark.parametrize(
    "languages",
    [
        [{"code": "xx", "proficiency": "fluent"}],
        [{"code": "de", "proficiency": "godlike"}],
        [{"code": "de"}],
        [{"code": "de", "proficiency": "fluent"}, {"code": "de", "proficiency": "basic"}],
        ["de"],
        [{"code": "de", "proficiency": "fluent"}] * 21,
        "de",
    ],
)
def test_invalid_languages_are_refused_and_nothing_changes(languages: Any) -> None:
    profile = FreelancerProfileFactory.create()
    ProfileLanguage.objects.create(profile=profile, code="it", proficiency="basic")
    with pytest.raises(ValidationFailed) as exc:
        profile_set_languages(profile=profile, languages=languages)
    assert list(exc.value.details) == ["languages"]
    assert list(profile.languages.values_list("code", flat=True)) == ["it"]


# --- publish and unpublish ----------------------------------------------------------------


def test_publish_a_complete_draft() -> None:
    profile = FreelancerProfileFactory.create(hourly_rate_minor=None, daily_rate_minor=50000)
    ProfileSkillFactory.create(profile=profile)
    published = profile_publish(profile=profile, by=profile.user)
    profile.refresh_from_db()
    assert profile.visibility == published.visibility == "public"


@pytest.mark.parametrize(
    ("has_skill", "rates", "missing"),
    [
        (False, (8000, None), ["skills"]),
        (True, (None, None), ["rate"]),
        (False, (None, None), ["skills", "rate"]),
    ],
)
def test_publish_refuses_an_incomplete_profile(
    has_skill: bool, rates: tuple[int | None, int | None], missing: list[str]
) -> None:
    profile = FreelancerProfileFactory.create(hourly_rate_minor=rates[0], daily_rate_minor=rates[1])
    if has_skill:
        ProfileSkillFactory.create(profile=profile)
    with pytest.raises(Conflict) as exc:
        profile_publish(profile=profile, by=profile.user)
    assert exc.value.code == "profile_incomplete"
    assert exc.value.details == {"missing": missing}
    profile.refresh_from_db()
    assert profile.visibility == "draft"


def test_only_the_owner_publishes() -> None:
    profile = FreelancerProfileFactory.create()
    ProfileSkillFactory.create(profile=profile)
    with pytest.raises(Forbidden):
        profile_publish(profile=profile, by=UserFactory.create(is_staff=True))
    profile.refresh_from_db()
    assert profile.visibility == "draft"


def test_a_hidden_profile_cannot_be_published_or_unpublished_by_its_owner() -> None:
    profile = public_profile(visibility="hidden", moderation_reason="Spam")
    for action in (profile_publish, profile_unpublish):
        with pytest.raises(Conflict) as exc:
            action(profile=profile, by=profile.user)
        assert exc.value.code == "invalid_state"
        profile.refresh_from_db()
        assert (profile.visibility, profile.moderation_reason) == ("hidden", "Spam")


def test_publish_and_unpublish_are_idempotent() -> None:
    profile = public_profile()
    assert profile_publish(profile=profile, by=profile.user).visibility == "public"
    assert profile_unpublish(profile=profile, by=profile.user).visibility == "draft"
    assert profile_unpublish(profile=profile, by=profile.user).visibility == "draft"
    profile.refresh_from_db()
    assert profile.visibility == "draft"


def test_only_the_owner_unpublishes() -> None:
    profile = public_profile()
    with pytest.raises(Forbidden):
        profile_unpublish(profile=profile, by=UserFactory.create())
    profile.refresh_from_db()
    assert profile.visibility == "public"
