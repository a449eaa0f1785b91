"""Turn profiles and gigs into the plain documents both backends index and the scorer reads.

A document is a JSON-ready dict: canonical skill ids (free text was normalised to the taxonomy
when the profile or gig was saved, and query-time references go through `skill_resolve_many`),
the facts the score uses, and the searchable text. Only public profiles and open, visible gigs
have documents; everything else must leave the index.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Prefetch, Q

from marketplace.contracts.models import ContractStatus
from marketplace.endorsements.selectors import ProfileReputation, profile_reputation_map
from marketplace.gigs.models import Gig, GigSkill, GigStatus, ModerationState
from marketplace.profiles.models import FreelancerProfile, ProfileSkill, ProfileVisibility
from matching.scoring import tokens

# A day rate stands for eight hours when a freelancer gives no hourly rate.
HOURS_PER_DAY = 8


def _minutes(value: dt.time | str) -> int:
    if isinstance(value, str):  # an unsaved default ("09:00") before the row is re-read
        value = dt.time.fromisoformat(value)
    return value.hour * 60 + value.minute


def profile_documents(
    *, profile_ids: Iterable[int], public_only: bool = True
) -> dict[int, dict[str, Any]]:
    """Documents of the given profiles that may be matched (public, active user)."""
    profiles = FreelancerProfile.objects.filter(id__in=list(profile_ids))
    if public_only:
        profiles = profiles.filter(visibility=ProfileVisibility.PUBLIC, user__is_active=True)
    profiles = (
        profiles.select_related("user")
        .prefetch_related(
            Prefetch("profile_skills", queryset=ProfileSkill.objects.select_related("skill")),
            "languages",
        )
        .annotate(
            completed=Count("contracts", filter=Q(contracts__status=ContractStatus.COMPLETED))
        )
    )
    rows = list(profiles)
    # Public reviews and counting endorsements only (see marketplace.endorsements.selectors).
    trust = profile_reputation_map(profile_ids=[p.id for p in rows])
    return {profile.id: _profile_doc(profile, trust[profile.id]) for profile in rows}


def _profile_doc(profile: Any, trust: ProfileReputation) -> dict[str, Any]:
    rate = profile.hourly_rate_minor
    if rate is None and profile.daily_rate_minor is not None:
        rate = profile.daily_rate_minor // HOURS_PER_DAY
    skills = [ps for ps in profile.profile_skills.all() if ps.skill.is_active]
    last_active = max(filter(None, [profile.updated_at, getattr(profile.user, "last_login", None)]))
    labels = " ".join(
        f"{ps.skill.label_en} {ps.skill.label_de} {ps.skill.label_fr}" for ps in skills
    )
    return {
        "id": profile.id,
        "user_id": profile.user_id,
        "slug": profile.slug,
        "headline": profile.headline,
        "country": str(profile.country),
        "tz": profile.time_zone,
        "work_start": _minutes(profile.working_hours_start),
        "work_end": _minutes(profile.working_hours_end),
        "rate": rate,
        "currency": profile.rate_currency,
        "hours_per_week": profile.hours_per_week,
        "available_from": profile.available_from.isoformat() if profile.available_from else None,
        "languages": sorted({lang.code for lang in profile.languages.all()}),
        "skills": {str(ps.skill_id): ps.level for ps in skills},
        "completed_contracts": profile.completed,
        # None without a published, visible review; 2 decimals (the profile page's average).
        "rating_average": float(trust.rating_average) if trust.rating_average is not None else None,
        "rating_count": trust.rating_count,
        # Skill id → distinct endorsers and their summed weight, for the skills still listed.
        "endorsements": {
            str(skill_id): {"peers": e.peers, "weight": float(e.weight)}
            for skill_id, e in trust.endorsements.items()
        },
        "last_active": last_active.isoformat(),
        "text": f"{profile.headline}\n{profile.bio}\n{labels}",
        # Term frequencies of the text, counted once here instead of on every match.
        "tf": dict(tokens(f"{profile.headline}\n{profile.bio}\n{labels}")),
    }


def gig_documents(*, gig_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """Documents of the given gigs that are open and not hidden by moderation."""
    gigs = (
        Gig.objects.filter(
            id__in=list(gig_ids), status=GigStatus.OPEN, moderation_state=ModerationState.VISIBLE
        )
        .select_related("firm")
        .prefetch_related(
            Prefetch("gig_skills", queryset=GigSkill.objects.select_related("skill")),
            "languages",
        )
    )
    return {gig.id: gig_document(gig=gig) for gig in gigs}


def gig_document(*, gig: Gig) -> dict[str, Any]:
    """The document of one gig (also used to score a gig that is not indexed, e.g. a draft)."""
    return gig_document_of_row(
        {
            **{name: getattr(gig, name) for name in GIG_DOC_FIELDS},
            "tz": gig.firm.time_zone,
            "work_start": gig.firm.working_hours_start,
            "work_end": gig.firm.working_hours_end,
            "skill_refs": [
                {
                    "id": gs.skill_id,
                    "required": gs.is_required,
                    "labels": f"{gs.skill.label_en} {gs.skill.label_de} {gs.skill.label_fr}",
                }
                for gs in gig.gig_skills.all()
                if gs.skill.is_active
            ],
            "language_codes": [lang.code for lang in gig.languages.all()],
        }
    )


# The gig's own columns a document reads (`matching.selectors.gig_match_document_of_my_firms`
# reads them as one row; the firm's working day and the active skills come with them).
GIG_DOC_FIELDS = (
    "id",
    "firm_id",
    "title",
    "description",
    "engagement_type",
    "budget_min_minor",
    "budget_max_minor",
    "currency",
    "hours_per_week",
    "duration_weeks",
    "start_date",
    "timezone_overlap_hours",
    "location_country",
    "location_type",
    "published_at",
)


def gig_document_of_row(row: dict[str, Any]) -> dict[str, Any]:
    """A gig's document from its row: GIG_DOC_FIELDS, the firm's `tz`, `work_start` and
    `work_end`, `skill_refs` (the active skills, required first: id, required, labels) and
    `language_codes`."""
    refs = row["skill_refs"]
    labels = " ".join(ref["labels"] for ref in refs)
    return {
        "id": row["id"],
        "firm_id": row["firm_id"],
        "title": row["title"],
        "tz": row["tz"],
        "work_start": _minutes(row["work_start"]),
        "work_end": _minutes(row["work_end"]),
        "required": [ref["id"] for ref in refs if ref["required"]],
        "nice": [ref["id"] for ref in refs if not ref["required"]],
        "engagement_type": row["engagement_type"],
        "budget_min": row["budget_min_minor"],
        "budget_max": row["budget_max_minor"],
        "currency": row["currency"],
        "hours_per_week": row["hours_per_week"],
        "duration_weeks": row["duration_weeks"],
        "start_date": row["start_date"].isoformat() if row["start_date"] else None,
        "overlap_hours": row["timezone_overlap_hours"],
        "languages": sorted(set(row["language_codes"])),
        "country": str(row["location_country"] or ""),
        "location_type": row["location_type"],
        "published_at": row["published_at"].isoformat() if row["published_at"] else None,
        "text": f"{row['title']}\n{row['description']}\n{labels}",
    }
