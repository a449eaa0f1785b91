"""Reads over the skill taxonomy: resolving what users type to canonical skills."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from common.errors import ValidationFailed
from marketplace.skills.models import Skill, SkillAlias
from marketplace.skills.normalize import normalize_skill_name


def skill_list(*, query: str = "", category: str = "") -> QuerySet[Skill]:
    """Active skills, optionally filtered by a prefix of any label or alias, or a category."""
    skills = Skill.objects.filter(is_active=True).select_related("category")
    if category:
        skills = skills.filter(category__slug=category)
    if query:
        key = normalize_skill_name(query)
        skills = skills.filter(
            Q(label_en__istartswith=query)
            | Q(label_de__istartswith=query)
            | Q(label_fr__istartswith=query)
            | Q(slug__startswith=key)
            | Q(aliases__normalized__startswith=key)
        ).distinct()
    return skills.order_by("slug")


def skill_resolve_many(*, refs: Iterable[str | int], field: str = "skills") -> list[Skill]:
    """Map ids, slugs, labels or aliases to canonical active skills, keeping order, no repeats.

    Raises `unknown_skill` naming every reference that matched nothing, so a form can mark
    all of them at once.
    """
    resolved: list[Skill] = []
    unknown: list[str] = []
    for ref in refs:
        skill = _resolve_one(ref)
        if skill is None:
            unknown.append(str(ref))
        elif skill not in resolved:
            resolved.append(skill)
    if unknown:
        raise ValidationFailed(
            "unknown_skill",
            _("Unknown skills: %(names)s.") % {"names": ", ".join(unknown)},
            **{field: unknown},
        )
    return resolved


def _resolve_one(ref: str | int) -> Skill | None:
    active = Skill.objects.filter(is_active=True)
    # isascii: "²".isdigit() is true but int("²") raises (found by the API fuzzer).
    if isinstance(ref, int) or (isinstance(ref, str) and ref.isascii() and ref.isdigit()):
        return active.filter(id=int(ref)).first()
    text = str(ref).strip()
    # No skill name holds a NUL byte, and PostgreSQL refuses one in a query (a 500 before).
    if not text or "\x00" in text:
        return None
    key = normalize_skill_name(text)
    skill = active.filter(slug=text.lower()).first()
    if skill is None:
        skill = (
            active.filter(
                Q(label_en__iexact=text) | Q(label_de__iexact=text) | Q(label_fr__iexact=text)
            )
            .order_by("id")
            .first()
        )
    if skill is None:
        alias = (
            SkillAlias.objects.filter(normalized=key, skill__is_active=True)
            .select_related("skill")
            .first()
        )
        skill = alias.skill if alias else None
    if skill is None:
        skill = active.filter(slug=key).first()
    return skill
