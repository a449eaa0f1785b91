"""Factories and builders for profile skills and languages (the base ones are in factories.py)."""

from __future__ import annotations

from typing import Any

import factory

from marketplace.models import FreelancerProfile, ProfileLanguage, ProfileSkill, Skill
from tests.factories import FreelancerProfileFactory, SkillFactory


class ProfileSkillFactory(factory.django.DjangoModelFactory[ProfileSkill]):
    class Meta:
        model = ProfileSkill

    profile = factory.SubFactory(FreelancerProfileFactory)
    skill = factory.SubFactory(SkillFactory)
    level = 3
    years = 5


class ProfileLanguageFactory(factory.django.DjangoModelFactory[ProfileLanguage]):
    class Meta:
        model = ProfileLanguage

    profile = factory.SubFactory(FreelancerProfileFactory)
    code = "en"
    proficiency = "fluent"


def public_profile(
    *, skills: tuple[Skill, ...] = (), languages: tuple[str, ...] = ("en",), **kwargs: Any
) -> FreelancerProfile:
    """A public profile with the given skills (one made up when none) and languages."""
    kwargs.setdefault("visibility", "public")
    profile = FreelancerProfileFactory.create(**kwargs)
    for skill in skills or (SkillFactory.create(),):
        ProfileSkillFactory.create(profile=profile, skill=skill)
    for code in languages:
        ProfileLanguageFactory.create(profile=profile, code=code)
    return profile
