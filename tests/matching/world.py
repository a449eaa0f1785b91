"""The designed fixture every backend is tested on: skills, one firm, gigs and profiles whose
expected ranking follows from the documented formula (see docs/matching.md), not from scores."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from marketplace.models import Firm, FreelancerProfile, Gig, GigLanguage, GigSkill, Skill, User
from marketplace.reviews.models import Review
from tests.factories import FirmFactory, FirmMembershipFactory, GigFactory, SkillFactory
from tests.factories_profiles import public_profile
from tests.factories_trust import contract_between, firm_with_owner


@dataclass
class World:
    skills: dict[str, Skill]
    firm: Firm
    owner: User
    gig: Gig
    profiles: dict[str, FreelancerProfile]
    gigs: dict[str, Gig]

    def slugs(self, names: list[str]) -> list[str]:
        return [self.profiles[n].slug for n in names]


def _skills() -> dict[str, Skill]:
    out = {
        "python": SkillFactory.create(
            slug="python", label_en="Python", label_de="Python", label_fr="Python"
        ),
        "django": SkillFactory.create(
            slug="django", label_en="Django", label_de="Django", label_fr="Django"
        ),
        "postgresql": SkillFactory.create(
            slug="postgresql", label_en="PostgreSQL", label_de="PostgreSQL", label_fr="PostgreSQL"
        ),
        "react": SkillFactory.create(
            slug="react", label_en="React", label_de="React", label_fr="React"
        ),
        "figma": SkillFactory.create(
            slug="figma", label_en="Figma", label_de="Figma", label_fr="Figma"
        ),
    }
    out["django"].related.add(out["python"])
    return out


def _gig(
    firm: Firm,
    owner: User,
    required: list[Skill],
    nice: Sequence[Skill] = (),
    langs: tuple[str, ...] = (),
    **kw: Any,
) -> Gig:
    kw.setdefault("engagement_type", "hourly")
    kw.setdefault("budget_min_minor", 6000)
    kw.setdefault("budget_max_minor", 9000)
    gig = GigFactory.open(firm=firm, created_by=owner, **kw)
    for s in required:
        GigSkill.objects.create(gig=gig, skill=s, is_required=True)
    for s in nice:
        GigSkill.objects.create(gig=gig, skill=s, is_required=False)
    for code in langs:
        GigLanguage.objects.create(gig=gig, code=code)
    return gig


def build_world() -> World:
    sk = _skills()
    firm = FirmFactory.create(time_zone="Europe/Berlin", country="DE")
    owner = FirmMembershipFactory.create(firm=firm, role="owner").user
    gig = _gig(
        firm,
        owner,
        [sk["python"], sk["django"], sk["postgresql"]],
        [sk["react"]],
        ("de",),
        title="Django backend for a ceramics shop",
        description="Build a Django backend with PostgreSQL for our ceramics shop.",
        hours_per_week=20,
        timezone_overlap_hours=4,
    )
    base: dict[str, Any] = {
        "time_zone": "Europe/Berlin",
        "hourly_rate_minor": 8000,
        "rate_currency": "EUR",
        "hours_per_week": 30,
        "bio": "Backend work for small companies.",
    }
    p = {
        "full": public_profile(
            skills=(sk["python"], sk["django"], sk["postgresql"], sk["react"]),
            languages=("de", "en"),
            **{**base, "headline": "Django and React developer", "bio": "I built a ceramics shop."},
        ),
        "related": public_profile(
            skills=(sk["python"], sk["postgresql"]),
            languages=("de",),
            **{**base, "headline": "Python data engineer"},
        ),
        "two": public_profile(
            skills=(sk["python"], sk["django"]),
            languages=("de",),
            **{**base, "headline": "Django developer"},
        ),
        "far": public_profile(
            skills=(sk["python"], sk["django"], sk["postgresql"], sk["react"]),
            languages=("en",),
            **{
                **base,
                "headline": "Django developer",
                "time_zone": "Pacific/Auckland",
                "hourly_rate_minor": 20000,
                "country": "NZ",
            },
        ),
        "designer": public_profile(
            skills=(sk["figma"], sk["react"]),
            languages=("fr",),
            **{
                **base,
                "headline": "Product designer",
                "country": "FR",
                "time_zone": "Europe/Paris",
            },
        ),
        "draft": public_profile(
            skills=(sk["python"], sk["django"], sk["postgresql"]),
            visibility="draft",
            **{**base, "headline": "Draft Django developer"},
        ),
        "member": public_profile(
            skills=(sk["python"], sk["django"], sk["postgresql"]),
            **{**base, "headline": "Firm's own"},
        ),
    }
    FirmMembershipFactory.create(firm=firm, user=p["member"].user, role="member")
    other = FirmFactory.create(time_zone="Europe/London", country="GB")
    other_owner = FirmMembershipFactory.create(firm=other).user
    soon = timezone.now().date() + dt.timedelta(days=7)
    gigs = {
        "main": gig,
        "py_figma": _gig(
            other,
            other_owner,
            [sk["python"], sk["figma"]],
            title="Python tooling for designers",
            description="Scripts that export Figma files.",
            engagement_type="fixed",
            budget_min_minor=100_000,
            budget_max_minor=200_000,
            start_date=soon,
        ),
        "design": _gig(
            other,
            other_owner,
            [sk["figma"], sk["react"]],
            title="Design system in Figma",
            description="A React design system.",
            currency="GBP",
        ),
        "draft": GigFactory.create(
            firm=other,
            created_by=other_owner,
            title="Draft Django gig",
            status="draft",
            required_skills=[sk["django"]],
        ),
    }
    return World(skills=sk, firm=firm, owner=owner, gig=gig, profiles=p, gigs=gigs)


def firm_review(
    profile: FreelancerProfile, rating: int, *, published: bool = True, hidden: bool = False
) -> Review:
    """A completed contract of `profile` with a firm's review of them (published unless told,
    hidden by moderation when told). The index is not touched: callers re-index."""
    firm, owner = firm_with_owner()
    contract = contract_between(firm=firm, freelancer=profile)
    return Review.objects.create(
        contract=contract,
        author_side="firm",
        author=owner,
        firm=firm,
        freelancer=profile,
        rating=rating,
        published_at=contract.ended_at if published else None,
        hidden_at=timezone.now() if hidden else None,
    )
