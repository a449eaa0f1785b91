"""Load generated profiles and gigs into the current database quickly (bulk inserts, no events)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.utils import timezone

from marketplace.firms.models import Firm, FirmMembership
from marketplace.gigs.models import Gig, GigLanguage, GigSkill
from marketplace.models import User
from marketplace.profiles.models import FreelancerProfile, ProfileLanguage, ProfileSkill
from marketplace.skills.models import Skill


def skill_ids() -> dict[str, int]:
    return dict(Skill.objects.values_list("slug", "id"))


def load_profiles(rows: Sequence[dict[str, Any]], *, prefix: str, batch: int = 2000) -> list[int]:
    """Create one user and public profile per row; returns the profile ids in row order."""
    ids = skill_ids()
    now = timezone.now()
    created: list[int] = []
    for start in range(0, len(rows), batch):
        chunk = rows[start : start + batch]
        users = User.objects.bulk_create(
            [User(email=f"{prefix}{r['key']}@bench.test", full_name=r["key"]) for r in chunk]
        )
        profiles = FreelancerProfile.objects.bulk_create(
            [
                FreelancerProfile(
                    user=u,
                    slug=f"{prefix}{r['key']}",
                    headline=r["headline"][:140],
                    bio=r["bio"],
                    country=r.get("country", "DE"),
                    time_zone=r["time_zone"],
                    working_hours_start=dt.time(9),
                    working_hours_end=dt.time(17),
                    hourly_rate_minor=r["rate"],
                    rate_currency=r["currency"],
                    hours_per_week=r["hours_per_week"],
                    visibility="public",
                    updated_at=now,
                )
                for u, r in zip(users, chunk, strict=True)
            ]
        )
        ProfileSkill.objects.bulk_create(
            [
                ProfileSkill(profile=p, skill_id=ids[s], level=3, years=3)
                for p, r in zip(profiles, chunk, strict=True)
                for s in r["skills"]
                if s in ids
            ],
            ignore_conflicts=True,
        )
        ProfileLanguage.objects.bulk_create(
            [
                ProfileLanguage(profile=p, code=code, proficiency="fluent")
                for p, r in zip(profiles, chunk, strict=True)
                for code in r["languages"]
            ]
        )
        created.extend(p.id for p in profiles)
    return created


def load_gigs(rows: Sequence[dict[str, Any]], *, prefix: str) -> list[Gig]:
    """One firm per row (its time zone), one open gig each."""
    ids = skill_ids()
    owner = User.objects.create(email=f"{prefix}owner@bench.test", full_name="Bench owner")
    firms = Firm.objects.bulk_create(
        [
            Firm(
                name=f"Firm {r['key']}",
                slug=f"{prefix}firm-{r['key']}",
                country="DE",
                time_zone=r["time_zone"],
                working_hours_start=dt.time(9),
                working_hours_end=dt.time(17),
            )
            for r in rows
        ]
    )
    FirmMembership.objects.bulk_create(
        [FirmMembership(firm=f, user=owner, role="owner") for f in firms]
    )
    now = timezone.now()
    gigs = Gig.objects.bulk_create(
        [
            Gig(
                firm=f,
                created_by=owner,
                title=r["title"][:140],
                description=r["description"],
                engagement_type=r["engagement_type"],
                budget_min_minor=r["budget_min"],
                budget_max_minor=r["budget_max"],
                currency=r["currency"],
                hours_per_week=r["hours_per_week"],
                timezone_overlap_hours=r["overlap_hours"],
                status="open",
                published_at=now,
            )
            for f, r in zip(firms, rows, strict=True)
        ]
    )
    GigSkill.objects.bulk_create(
        [
            GigSkill(gig=g, skill_id=ids[s], is_required=True)
            for g, r in zip(gigs, rows, strict=True)
            for s in r["required"]
        ]
        + [
            GigSkill(gig=g, skill_id=ids[s], is_required=False)
            for g, r in zip(gigs, rows, strict=True)
            for s in r["nice"]
        ]
    )
    GigLanguage.objects.bulk_create(
        [
            GigLanguage(gig=g, code=c)
            for g, r in zip(gigs, rows, strict=True)
            for c in r["languages"]
        ]
    )
    return list(
        Gig.objects.filter(id__in=[g.id for g in gigs]).select_related("firm").order_by("id")
    )
