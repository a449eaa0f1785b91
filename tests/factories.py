"""factory_boy factories for the marketplace's models; realistic defaults, no randomness
that could make a test flaky (sequences, not random choices)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory
from django.utils import timezone

from marketplace.models import (
    Firm,
    FirmMembership,
    FreelancerProfile,
    Gig,
    GigSkill,
    Skill,
    SkillCategory,
    User,
)


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"user{n}@example.test")
    full_name = factory.Sequence(lambda n: f"Test User {n}")
    password = factory.django.Password("correct horse battery staple")


class SkillCategoryFactory(factory.django.DjangoModelFactory[SkillCategory]):
    class Meta:
        model = SkillCategory
        django_get_or_create = ("slug",)

    slug = "software"
    label_en = "Software development"
    label_de = "Softwareentwicklung"
    label_fr = "Développement logiciel"


class SkillFactory(factory.django.DjangoModelFactory[Skill]):
    class Meta:
        model = Skill
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"skill-{n}")
    category = factory.SubFactory(SkillCategoryFactory)
    label_en = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").title())
    label_de = factory.LazyAttribute(lambda o: o.label_en)
    label_fr = factory.LazyAttribute(lambda o: o.label_en)


class FreelancerProfileFactory(factory.django.DjangoModelFactory[FreelancerProfile]):
    class Meta:
        model = FreelancerProfile

    user = factory.SubFactory(UserFactory)
    slug = factory.Sequence(lambda n: f"freelancer-{n}")
    headline = "Django developer for small businesses"
    bio = "I build and maintain web applications."
    country = "DE"
    time_zone = "Europe/Berlin"
    hourly_rate_minor = 8000
    rate_currency = "EUR"
    visibility = "draft"


class FirmFactory(factory.django.DjangoModelFactory[Firm]):
    class Meta:
        model = Firm

    name = factory.Sequence(lambda n: f"Studio {n}")
    slug = factory.Sequence(lambda n: f"studio-{n}")
    country = "FR"
    time_zone = "Europe/Paris"


class FirmMembershipFactory(factory.django.DjangoModelFactory[FirmMembership]):
    class Meta:
        model = FirmMembership

    firm = factory.SubFactory(FirmFactory)
    user = factory.SubFactory(UserFactory)
    role = "owner"


class GigFactory(factory.django.DjangoModelFactory[Gig]):
    """A gig row; use the gig services to move it through its lifecycle in tests of rules."""

    class Meta:
        model = Gig
        skip_postgeneration_save = True

    firm = factory.SubFactory(FirmFactory)
    created_by = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Build an online shop #{n}")
    description = "We sell handmade ceramics and need a shop with payments."
    engagement_type = "fixed"
    budget_min_minor = 200_000
    budget_max_minor = 400_000
    currency = "EUR"
    status = "draft"

    @factory.post_generation
    def required_skills(obj: Gig, create: bool, extracted: Any, **kwargs: Any) -> None:  # noqa: N805
        if create and extracted:
            for skill in extracted:
                GigSkill.objects.create(gig=obj, skill=skill, is_required=True)

    @classmethod
    def open(cls, **kwargs: Any) -> Gig:
        kwargs.setdefault("status", "open")
        kwargs.setdefault("published_at", timezone.now() - dt.timedelta(hours=1))
        return cls.create(**kwargs)


def moderator_create(**kwargs: Any) -> User:
    """An active staff user in the moderator group (the role moderation services require)."""
    from django.contrib.auth.models import Group

    user = UserFactory.create(is_staff=True, **kwargs)
    user.groups.add(Group.objects.get_or_create(name="moderator")[0])
    return user
