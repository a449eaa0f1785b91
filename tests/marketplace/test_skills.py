"""The skill taxonomy: loading the curated file, resolving what people type, the API."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from common.errors import ValidationFailed
from marketplace.skills.models import Skill, SkillAlias, SkillCategory
from marketplace.skills.selectors import skill_resolve_many
from marketplace.skills.services import TAXONOMY_FILE, skill_taxonomy_load

pytestmark = pytest.mark.django_db


@pytest.fixture
def taxonomy() -> None:
    skill_taxonomy_load()


def test_taxonomy_file_meets_the_catalogue_bar() -> None:
    data = json.loads(TAXONOMY_FILE.read_text(encoding="utf-8"))
    slugs = [s["slug"] for s in data["skills"]]
    assert len(slugs) >= 300
    assert len(set(slugs)) == len(slugs)
    categories = {c["slug"] for c in data["categories"]}
    assert {
        "software",
        "design",
        "marketing",
        "writing-translation",
        "photo-video",
        "finance-accounting",
        "legal",
        "admin-operations",
    } <= categories
    for skill in data["skills"]:
        assert skill["category"] in categories
        assert all(skill["labels"][lang] for lang in ("en", "de", "fr"))
        assert set(skill.get("related", [])) <= set(slugs)


def test_load_is_idempotent_and_links_related_skills_both_ways(taxonomy: None) -> None:
    counts = (Skill.objects.count(), SkillAlias.objects.count(), SkillCategory.objects.count())
    result = skill_taxonomy_load()
    assert result.changed == 0
    assert (Skill.objects.count(), SkillAlias.objects.count(), SkillCategory.objects.count()) == (
        counts
    )
    assert result.skills == counts[0]
    django = Skill.objects.get(slug="django")
    python = Skill.objects.get(slug="python")
    assert python in django.related.all()
    assert django in python.related.all()


def test_skill_removed_from_the_file_is_deactivated_not_deleted(
    taxonomy: None, tmp_path: Path
) -> None:
    data = json.loads(TAXONOMY_FILE.read_text(encoding="utf-8"))
    data["skills"] = [s for s in data["skills"] if s["slug"] != "flask"]
    for skill in data["skills"]:
        skill["related"] = [r for r in skill.get("related", []) if r != "flask"]
    smaller = tmp_path / "skills.json"
    smaller.write_text(json.dumps(data), encoding="utf-8")
    skill_taxonomy_load(path=smaller)
    assert Skill.objects.get(slug="flask").is_active is False
    with pytest.raises(ValidationFailed):
        skill_resolve_many(refs=["flask"])


@pytest.mark.parametrize(
    ("typed", "slug"),
    [
        ("React", "react"),
        ("react.js", "react"),
        ("ReactJS", "react"),
        ("React JS", "react"),
        ("Suchmaschinenoptimierung", "seo"),
        ("référencement naturel", "seo"),
        ("SEO-Optimierung", "seo"),
        ("Buchhaltung", "bookkeeping"),
        ("Comptabilité", "bookkeeping"),
        ("django", "django"),
    ],
)
def test_free_text_in_three_languages_resolves_to_one_canonical_skill(
    taxonomy: None, typed: str, slug: str
) -> None:
    assert [s.slug for s in skill_resolve_many(refs=[typed])] == [slug]


def test_resolution_keeps_order_drops_repeats_and_names_every_unknown(taxonomy: None) -> None:
    react = Skill.objects.get(slug="react")
    assert [s.slug for s in skill_resolve_many(refs=["Python", react.id, "React.js"])] == [
        "python",
        "react",
    ]
    with pytest.raises(ValidationFailed) as refused:
        skill_resolve_many(refs=["python", "Basket weaving", "Unicorn taming"])
    assert refused.value.code == "unknown_skill"
    assert refused.value.details == {"skills": ["Basket weaving", "Unicorn taming"]}


def test_autocomplete_in_german_returns_labels_in_the_request_language(
    taxonomy: None, api: Any
) -> None:
    response = api.get("/api/v1/skills/", {"q": "Buchh"}, HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 200
    assert response.json()[0]["slug"] == "bookkeeping"
    assert response.json()[0]["label"] == "Buchhaltung"
    response = api.get("/api/v1/skills/", {"q": "Buchh"}, HTTP_ACCEPT_LANGUAGE="fr")
    assert response.json()[0]["label"] == "Comptabilité"


def test_autocomplete_matches_aliases_and_caps_the_suggestions(taxonomy: None, api: Any) -> None:
    assert "react" in [s["slug"] for s in api.get("/api/v1/skills/", {"q": "ReactJ"}).json()]
    assert len(api.get("/api/v1/skills/", {"q": "a"}).json()) == 20


def test_full_list_and_detail(taxonomy: None, api: Any, django_assert_max_num_queries: Any) -> None:
    with django_assert_max_num_queries(2):
        everything = api.get("/api/v1/skills/").json()
    assert len(everything) == Skill.objects.filter(is_active=True).count()
    detail = api.get("/api/v1/skills/django/").json()
    assert detail["category"] == "software"
    assert "python" in [s["slug"] for s in detail["related"]]
    assert "Django framework" in detail["aliases"]


def test_unknown_skill_and_bad_query_are_clean_errors(taxonomy: None, api: Any) -> None:
    missing = api.get("/api/v1/skills/no-such-skill/")
    assert missing.status_code == 404
    assert missing.json()["code"] == "not_found"
    too_long = api.get("/api/v1/skills/", {"q": "x" * 500})
    assert too_long.status_code == 400
    assert too_long.json()["code"] == "validation_error"
    assert "q" in too_long.json()["details"]


def test_categories_are_listed_with_translated_labels(taxonomy: None, api: Any) -> None:
    response = api.get("/api/v1/skill-categories/", HTTP_ACCEPT_LANGUAGE="de")
    labels = {c["slug"]: c["label"] for c in response.json()}
    assert labels["software"] == "Softwareentwicklung"


def test_a_nul_byte_or_a_unicode_digit_is_an_unknown_skill_not_a_server_error(
    api: Any,
) -> None:
    """Found by the API fuzzer: `?skills=%00…` reached PostgreSQL (DataError, 500) and "²"
    passed isdigit() then broke int()."""
    with pytest.raises(ValidationFailed) as refused:
        skill_resolve_many(refs=["py\x00thon", "²"])
    assert refused.value.code == "unknown_skill"

    response = api.get("/api/v1/search/gigs/", {"skills": "\x00x,²"})
    assert response.status_code == 400
    assert response.json()["code"] == "unknown_skill"
    assert response.json()["details"] == {"skills": ["\x00x", "²"]}
