"""Reads of gigs: who may see which gig, and querysets that render without N+1 queries.

A gig is visible to everyone while it is open and not hidden by moderation; to members of
its firm whatever its state; to a freelancer who proposed on it or was invited to it, once
published and while moderation has not hidden it (so a hired freelancer can still open the gig
of their contract); and to staff. Anyone else gets `not_found`, as if the gig did not exist.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import JSONObject

from common.errors import NotFound
from marketplace.firms.selectors import firm_ids_of_user
from marketplace.gigs.models import Gig, GigLanguage, GigSkill, GigStatus, ModerationState


def gig_public_q() -> Q:
    return Q(status=GigStatus.OPEN, moderation_state=ModerationState.VISIBLE)


def gig_visibility_q(*, user: Any) -> Q:
    """The rule above as a filter; staff need no filter (callers skip it for them)."""
    if not getattr(user, "is_authenticated", False):
        return gig_public_q()
    from marketplace.proposals.selectors import gig_ids_of_participant

    return (
        gig_public_q()
        | Q(firm_id__in=firm_ids_of_user(user=user))
        | (
            Q(moderation_state=ModerationState.VISIBLE, id__in=gig_ids_of_participant(user=user))
            & ~Q(status=GigStatus.DRAFT)
        )
    )


def gig_with_details(gigs: QuerySet[Gig]) -> QuerySet[Gig]:
    """Everything the gig output renders, in a fixed number of queries whatever the rows."""
    return (
        gigs.select_related("firm")
        .prefetch_related(
            Prefetch("gig_skills", queryset=GigSkill.objects.select_related("skill")),
            "languages",
        )
        .annotate(
            proposal_count=Count("proposals", filter=~Q(proposals__status="withdrawn")),
        )
    )


def gig_list_public() -> QuerySet[Gig]:
    """Open gigs that moderation has not hidden: what anyone may browse."""
    return gig_with_details(Gig.objects.filter(gig_public_q()))


def gig_list_of_my_firms(*, user: Any) -> QuerySet[Gig]:
    """Every gig of the firms the user belongs to, in any state (hidden ones included)."""
    return gig_with_details(Gig.objects.filter(firm_id__in=firm_ids_of_user(user=user)))


# --- rows for the read endpoints: plain values, no model instances ------------------------------

# What `GigOutput` renders from the gig and its firm, as `.values()` names (the firm's under
# `firm_*`). `marketplace.gigs.api.render` turns a row into the same payload as `GigOutput`.
GIG_ROW_FIELDS = (
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
    "location_type",
    "location_country",
    "location_city",
    "status",
    "moderation_state",
    "moderation_reason",
    "published_at",
    "created_at",
    "updated_at",
)


def gig_rows(gigs: QuerySet[Gig]) -> QuerySet[Gig, dict[str, Any]]:
    """The gigs as rows, one query: GIG_ROW_FIELDS, the firm's slug, name and country,
    `language_codes` (in code order) and `skill_refs`, each skill as
    `{"required", "id", "slug", "label_en", "label_de", "label_fr"}`, required ones first, then
    by slug (GigSkill's ordering).

    The two lists are array subqueries, which only PostgreSQL has; elsewhere (the embedded
    SQLite mode) the rows come without them and `gig_rows_complete` adds them per page.
    """
    rows = gigs.values(
        *GIG_ROW_FIELDS,
        firm_slug=F("firm__slug"),
        firm_name=F("firm__name"),
        firm_country=F("firm__country"),
    )
    if connection.vendor != "postgresql":
        return rows
    skill_refs = GigSkill.objects.filter(gig_id=OuterRef("pk")).values(
        ref=JSONObject(
            required="is_required",
            id="skill_id",
            slug="skill__slug",
            label_en="skill__label_en",
            label_de="skill__label_de",
            label_fr="skill__label_fr",
        )
    )
    return rows.annotate(
        language_codes=ArraySubquery(
            GigLanguage.objects.filter(gig_id=OuterRef("pk")).order_by("code").values("code")
        ),
        skill_refs=ArraySubquery(skill_refs),
    )


def gig_rows_complete(rows: Sequence[dict[str, Any]]) -> Sequence[dict[str, Any]]:
    """Rows of `gig_rows` with `language_codes` and `skill_refs`: as they are on PostgreSQL,
    filled by two queries for the whole page elsewhere."""
    missing = [row for row in rows if "skill_refs" not in row]
    if not missing:
        return rows
    ids = [row["id"] for row in missing]
    languages: dict[int, list[str]] = {gig_id: [] for gig_id in ids}
    for gig_id, code in (
        GigLanguage.objects.filter(gig_id__in=ids).order_by("code").values_list("gig_id", "code")
    ):
        languages[gig_id].append(code)
    skills: dict[int, list[dict[str, Any]]] = {gig_id: [] for gig_id in ids}
    for gig_skill in GigSkill.objects.filter(gig_id__in=ids).select_related("skill"):
        skill = gig_skill.skill
        skills[gig_skill.gig_id].append(
            {
                "required": gig_skill.is_required,
                "id": skill.pk,
                "slug": skill.slug,
                "label_en": skill.label_en,
                "label_de": skill.label_de,
                "label_fr": skill.label_fr,
            }
        )
    for row in missing:
        row["language_codes"] = languages[row["id"]]
        row["skill_refs"] = skills[row["id"]]
    return rows


def gig_list_public_rows() -> QuerySet[Gig, dict[str, Any]]:
    """`gig_list_public` as rows; proposal counts come per page (below)."""
    return gig_rows(Gig.objects.filter(gig_public_q()))


def gig_list_of_my_firms_rows(*, user: Any) -> QuerySet[Gig, dict[str, Any]]:
    """`gig_list_of_my_firms` as rows."""
    return gig_rows(Gig.objects.filter(firm_id__in=firm_ids_of_user(user=user)))


def gig_get_visible_row(*, gig_id: int, user: Any) -> dict[str, Any]:
    """`gig_get_visible` as a row, else `NotFound`."""
    gigs = Gig.objects.filter(pk=gig_id)
    if not (getattr(user, "is_authenticated", False) and user.is_staff):
        gigs = gigs.filter(gig_visibility_q(user=user))
    row = gig_rows(gigs).first()
    if row is None:
        raise NotFound()
    return row


def gig_proposal_counts(*, gig_ids: Collection[int]) -> dict[int, int]:
    """Proposals received per gig (withdrawn ones aside); gigs without any are absent."""
    if not gig_ids:
        return {}
    from marketplace.proposals.models import Proposal

    rows = (
        Proposal.objects.filter(gig_id__in=list(gig_ids))
        .exclude(status="withdrawn")
        .values_list("gig_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return dict(rows)


def gig_get_visible(*, gig_id: int, user: Any, details: bool = True) -> Gig:
    """The gig if the user may see it, else `NotFound`.

    With `details` it comes with what `GigOutput` renders; without, with its firm only (for
    the routes nested under a gig, which need the gig to authorise and scope).
    """
    gigs = Gig.objects.filter(pk=gig_id)
    if not (getattr(user, "is_authenticated", False) and user.is_staff):
        gigs = gigs.filter(gig_visibility_q(user=user))
    gigs = gig_with_details(gigs) if details else gigs.select_related("firm")
    gig = gigs.first()
    if gig is None:
        raise NotFound()
    return gig


def gig_get_of_my_firms(*, gig_id: int, user: Any) -> Gig | None:
    """The gig when it belongs to one of the user's firms (so the user may see it in any
    state), with its firm, skills and languages; else None."""
    gigs = Gig.objects.filter(pk=gig_id, firm_id__in=firm_ids_of_user(user=user))
    return (
        gigs.select_related("firm")
        .prefetch_related(
            Prefetch("gig_skills", queryset=GigSkill.objects.select_related("skill")),
            "languages",
        )
        .first()
    )


def gig_has_skill_q(*, slugs: list[str]) -> Q:
    """Gigs asking for any of the skills (required or nice), without duplicating rows."""
    return Q(
        Exists(GigSkill.objects.filter(gig_id=OuterRef("pk"), skill__slug__in=slugs)),
    )
