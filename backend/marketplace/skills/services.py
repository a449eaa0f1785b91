"""Writes to the skill taxonomy: loading the curated data file."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from marketplace.events import emit_on_commit, skills_changed
from marketplace.public_cache import public_reads_changed
from marketplace.skills.models import Skill, SkillAlias, SkillCategory
from marketplace.skills.normalize import normalize_skill_name

TAXONOMY_FILE = Path(__file__).parent / "data" / "skills.json"
_LABELS = ("label_en", "label_de", "label_fr")


@dataclass(frozen=True)
class TaxonomyLoadResult:
    categories: int
    skills: int
    aliases: int
    related_links: int
    changed: int


def _labels(row: dict[str, Any]) -> dict[str, str]:
    return {f"label_{lang}": row["labels"][lang] for lang in ("en", "de", "fr")}


@transaction.atomic
def skill_taxonomy_load(*, path: Path = TAXONOMY_FILE) -> TaxonomyLoadResult:
    """Create or update every category, skill, alias and related link from the data file.

    Idempotent: a second run with the same file writes nothing (`changed == 0`). Skills that
    left the file are deactivated, not deleted, because profiles and gigs may reference them.
    Bulk statements keep a full load to a handful of queries (it runs on every `make run`).
    """
    data = json.loads(path.read_text(encoding="utf-8"))
    changed = 0

    categories = {c.slug: c for c in SkillCategory.objects.all()}
    for row in data["categories"]:
        labels = _labels(row)
        category = categories.get(row["slug"])
        if category is None:
            categories[row["slug"]] = SkillCategory.objects.create(slug=row["slug"], **labels)
            changed += 1
        elif any(getattr(category, k) != v for k, v in labels.items()):
            SkillCategory.objects.filter(id=category.id).update(**labels)
            changed += 1

    existing = {s.slug: s for s in Skill.objects.all()}
    to_create: list[Skill] = []
    to_update: list[Skill] = []
    for row in data["skills"]:
        values: dict[str, Any] = {
            "category_id": categories[row["category"]].id,
            "is_active": True,
            **_labels(row),
        }
        skill = existing.get(row["slug"])
        if skill is None:
            to_create.append(Skill(slug=row["slug"], **values))
        elif any(getattr(skill, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(skill, key, value)
            to_update.append(skill)
    Skill.objects.bulk_create(to_create)
    Skill.objects.bulk_update(to_update, ["category_id", "is_active", *_LABELS])
    in_file = {row["slug"] for row in data["skills"]}
    changed += len(to_create) + len(to_update)
    changed += (
        Skill.objects.exclude(slug__in=in_file).filter(is_active=True).update(is_active=False)
    )
    skills = {s.slug: s for s in Skill.objects.filter(slug__in=in_file)}

    wanted: dict[str, tuple[int, str]] = {}
    for row in data["skills"]:
        own = {normalize_skill_name(row["slug"]), normalize_skill_name(row["labels"]["en"])}
        for alias in row.get("aliases", []):
            key = normalize_skill_name(alias)
            if key and key not in own:
                wanted[key] = (skills[row["slug"]].id, alias)
    current = {a.normalized: (a.skill_id, a.alias) for a in SkillAlias.objects.all()}
    stale = [key for key, value in current.items() if wanted.get(key) != value]
    changed += SkillAlias.objects.filter(normalized__in=stale).delete()[0]
    SkillAlias.objects.bulk_create(
        SkillAlias(skill_id=skill_id, alias=alias, normalized=key)
        for key, (skill_id, alias) in wanted.items()
        if current.get(key) != (skill_id, alias)
    )
    changed += sum(1 for key, value in wanted.items() if current.get(key) != value)

    through = Skill.related.through
    pairs: set[tuple[int, int]] = set()
    for row in data["skills"]:
        for other in row.get("related", []):
            a, b = skills[row["slug"]].id, skills[other].id
            pairs.update({(a, b), (b, a)})  # symmetrical: both directions are rows
    have = set(through.objects.values_list("from_skill_id", "to_skill_id"))
    missing = pairs - have
    through.objects.bulk_create(through(from_skill_id=a, to_skill_id=b) for a, b in sorted(missing))
    changed += len(missing)
    if changed:
        public_reads_changed()  # gig pages show skill labels; bulk writes send no signal
        # Labels, aliases or links moved: profiles and gigs carrying these skills re-index.
        emit_on_commit(skills_changed, skill_ids=sorted(s.id for s in skills.values()))
    return TaxonomyLoadResult(
        categories=len(data["categories"]),
        skills=len(skills),
        aliases=len(wanted),
        related_links=len(pairs) // 2,
        changed=changed,
    )
