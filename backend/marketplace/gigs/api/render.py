"""Gig payloads for the read endpoints, built from plain rows (`gig_rows`) instead of
`GigOutput`, which stays the schema and renders after writes.

Why: the list and detail are the busiest public reads, and `GigOutput` built two nested
`SkillRefOutput` serializers per gig (each deep-copying its fields) over model instances of
every gig, skill and language: most of a list request's time (docs/benchmarks.md, "Profiling
and fixes"). Tests hold both to the same output (tests/marketplace/test_gigs_render.py).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from django.utils import translation
from rest_framework import serializers

from marketplace.gigs.selectors import gig_proposal_counts, gig_rows_complete

# DRF's own fields, so dates and times are formatted exactly as GigOutput does (ISO 8601, in
# the active time zone, `Z` for UTC).
_DATE = serializers.DateField()
_DATETIME = serializers.DateTimeField()


def _label_key() -> str:
    """The Skill.label() column for the active language (en when there is none for it)."""
    lang = (translation.get_language() or "en")[:2]
    return f"label_{lang}" if lang in ("en", "de", "fr") else "label_en"


def gig_payloads(
    rows: Sequence[dict[str, Any]], *, member_firm_ids: Collection[int]
) -> list[dict[str, Any]]:
    """`GigOutput(gig).data` for each row (`gig_rows`); one query for the proposal counts when
    the caller is a member of a row's firm, none otherwise."""
    ids = [row["id"] for row in rows]
    if not ids:
        return []
    rows = gig_rows_complete(rows)
    # Only the firm's members see proposal counts: count only their gigs, and not at all when
    # the caller is a member of none of the page's firms.
    counted = {row["id"] for row in rows if row["firm_id"] in member_firm_ids}
    counts = gig_proposal_counts(gig_ids=counted)
    label = _label_key()
    payloads = []
    for row in rows:
        gig_id = row["id"]
        required: list[dict[str, Any]] = []
        nice: list[dict[str, Any]] = []
        for skill in row["skill_refs"]:
            ref = {
                "id": skill["id"],
                "slug": skill["slug"],
                "label": skill[label] or skill["label_en"],
            }
            (required if skill["required"] else nice).append(ref)
        # GigOutput's fields in its order.
        payloads.append(
            {
                "id": gig_id,
                "firm": {
                    "slug": row["firm_slug"],
                    "name": row["firm_name"],
                    "country": str(row["firm_country"]),
                },
                "title": row["title"],
                "description": row["description"],
                "engagement_type": row["engagement_type"],
                "budget_min_minor": row["budget_min_minor"],
                "budget_max_minor": row["budget_max_minor"],
                "currency": row["currency"],
                "required_skills": required,
                "nice_skills": nice,
                "languages": list(row["language_codes"]),
                "hours_per_week": row["hours_per_week"],
                "duration_weeks": row["duration_weeks"],
                "start_date": _DATE.to_representation(row["start_date"]),
                "timezone_overlap_hours": row["timezone_overlap_hours"],
                "location_type": row["location_type"],
                "location_country": str(row["location_country"]),
                "location_city": row["location_city"],
                "status": row["status"],
                "moderation_state": row["moderation_state"],
                "moderation_reason": row["moderation_reason"],
                "published_at": _DATETIME.to_representation(row["published_at"]),
                "created_at": _DATETIME.to_representation(row["created_at"]),
                "updated_at": _DATETIME.to_representation(row["updated_at"]),
                "proposal_count": counts.get(gig_id, 0) if gig_id in counted else None,
            }
        )
    return payloads
