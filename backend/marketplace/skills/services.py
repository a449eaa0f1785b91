"""Writes to the skill taxonomy: loading the curated data file."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from marketplace.skills.models import Skill, SkillAlias, SkillCategory
from marketplace.skills.normalize import normalize_skill_name

TAXONOMY_FILE = Path(__file__).parent / "data" / "skills.json"


@dataclass(frozen=True)
class TaxonomyLoadResult:
    categories: int
    skills: int
    aliases: int
    related_links: int


@transaction.atomic
def skill_taxonomy_load(*, path: Path = TAXONOMY_FILE) -> TaxonomyLoadResult:
    """Create or update every category, skill, alias and related link from the data file.

    Idempotent: a second run with the same file writes nothing new. Skills that left the
    file are deactivated, not deleted, because profiles and gigs may still reference them.
    """
    data = json.loads(path.read_text(encoding="utf-8"))
    categories: dict[str, SkillCategory] = {}
    for row in data["categories"]:
        labels = row["labels"]
        category, _ = SkillCategory.objects.update_or_create(
            slug=row["slug"],
            defaults={"label_en": labels["en"], "label_de": labels["de"], "label_fr": labels["fr"]},
        )
        categories[category.slug] = category

    skills: dict[str, Skill] = {}
    for row in data["skills"]:
        labels = row["labels"]
        skill, _ = Skill.objects.update_or_create(
            slug=row["slug"],
            defaults={
                "category": categories[row["category"]],
                "label_en": labels["en"],
                "label_de": labels["de"],
                "label_fr": labels["fr"],
                "is_active": True,
            },
        )
        skills[skill.slug] = skill
    Skill.objects.exclude(slug__in=skills).update(is_active=False)

    wanted_aliases: dict[str, tuple[Skill, str]] = {}
    for row in data["skills"]:
        own = {normalize_skill_name(row["slug"]), normalize_skill_name(row["labels"]["en"])}
        for alias in row.get("aliases", []):
            key = normalize_skill_name(alias)
            if key and key not in own:
                wanted_aliases[key] = (skills[row["slug"]], alias)
    existing = {a.normalized: a for a in SkillAlias.objects.all()}
    for key, (skill, alias) in wanted_aliases.items():
        current = existing.get(key)
        if current is None:
            SkillAlias.objects.create(skill=skill, alias=alias, normalized=key)
        elif current.skill_id != skill.id or current.alias != alias:
            current.skill, current.alias = skill, alias
            current.save(update_fields=["skill", "alias"])
    SkillAlias.objects.exclude(normalized__in=wanted_aliases).delete()

    links = 0
    for row in data["skills"]:
        skill = skills[row["slug"]]
        related = [skills[slug] for slug in row.get("related", [])]
        skill.related.add(*related)
        links += len(related)
    return TaxonomyLoadResult(
        categories=len(categories),
        skills=len(skills),
        aliases=len(wanted_aliases),
        related_links=links,
    )
