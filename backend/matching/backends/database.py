"""The embedded default: the index lives in the project's own database (SQLite or PostgreSQL).

Skills are rows (`IndexedProfileSkill`, indexed on skill id) so candidate generation is one
grouped lookup on any database. Free text uses PostgreSQL full-text search (`simple`
configuration, GIN index on `search_vector`, websearch syntax); on SQLite every query word must
occur in the text (case-insensitive substring, no stemming and no rank).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection, transaction
from django.db.models import Count, Q, QuerySet

from matching.backends.base import (
    Doc,
    GigFilters,
    MatchingBackend,
    ProfileFilters,
    SearchResult,
    SkillQuery,
    rating_hundredths,
)
from matching.models import IndexedGig, IndexedGigSkill, IndexedProfile, IndexedProfileSkill
from matching.scoring import terms

FTS_CONFIG = "simple"
# PostgreSQL: the full-text vector (as `SearchVector("text", config=FTS_CONFIG)`), and the
# skill rows copied into the narrow GIN-indexed `matching_profileskillset` (migration 0003).
_FILL_SEARCH_VECTOR = (
    "UPDATE matching_indexedprofile SET search_vector = "
    "to_tsvector('simple'::regconfig, COALESCE(text, '')) WHERE profile_id = ANY(%s)"
)
_FILL_SKILL_SET = (
    "INSERT INTO matching_profileskillset (profile_id, user_id, skill_ids) "
    "SELECT p.profile_id, p.user_id, COALESCE(array_agg(s.skill_id ORDER BY s.skill_id) "
    "FILTER (WHERE s.skill_id IS NOT NULL), '{}') FROM matching_indexedprofile p "
    "LEFT JOIN matching_indexedprofileskill s ON s.entry_id = p.profile_id "
    "WHERE p.profile_id = ANY(%s) GROUP BY p.profile_id, p.user_id "
    "ON CONFLICT (profile_id) DO UPDATE "
    "SET user_id = EXCLUDED.user_id, skill_ids = EXCLUDED.skill_ids"
)
FACET_SIZE = 20


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


def _langs(codes: list[str]) -> str:
    return "," + ",".join(codes) + "," if codes else ""


def _ranked_entries(skill_model: Any, weights: dict[int, int], limit: int) -> list[int]:
    """Entry ids holding the most weight of `weights`: one grouped scan of the skill index.

    Weights are summed as filtered counts per distinct weight (no CASE per row), which
    PostgreSQL evaluates in a single pass over the (skill_id, entry) index."""
    if not weights:
        return []
    by_weight: dict[int, list[int]] = {}
    for skill_id, w in weights.items():
        by_weight.setdefault(w, []).append(skill_id)
    total: Any = None
    for w, ids in sorted(by_weight.items()):
        term = Count("id", filter=Q(skill_id__in=ids)) * w
        total = term if total is None else total + term
    rows = (
        skill_model.objects.filter(skill_id__in=list(weights))
        .values("entry_id")
        .annotate(w=total)
        .order_by("-w", "entry_id")[:limit]
    )
    return [row["entry_id"] for row in rows]


def _pg_profile_candidates(query: SkillQuery, exclude_user_ids: set[int], limit: int) -> list[Doc]:
    """One query: GIN pre-filter on the narrow skill sets, the coverage rule and the weight
    computed on each row (a few array tests), the top `limit` joined to their documents.

    Coverage is counted in half credits (exact 2, related 1) so the SQL compares integers; the
    threshold is the smallest count the scorer's own float comparison accepts."""
    params: list[Any] = [sorted(query.must_hold_any()), sorted(exclude_user_ids)]
    where = ["skill_ids && %s::int[]", "NOT (user_id = ANY(%s::bigint[]))"]
    if query.required and query.min_coverage > 0:
        n = len(query.required)
        need = next(k for k in range(2 * n + 1) if (k / 2) / n >= query.min_coverage - 1e-12)
        credit = []
        for skill_id in query.required:
            related = sorted(query.related.get(skill_id, set()))
            credit.append(
                "(CASE WHEN skill_ids @> ARRAY[%s]::int[] THEN 2"
                " WHEN skill_ids && %s::int[] THEN 1 ELSE 0 END)"
            )
            params.extend([skill_id, related])
        where.append(f"({' + '.join(credit)}) >= %s")
        params.append(need)
    if query.min_rating is not None:
        # The rating lives on the wide rows; the semi-join is by primary key.
        where.append(
            "profile_id IN (SELECT profile_id FROM matching_indexedprofile"
            " WHERE rating_hundredths >= %s)"
        )
        params.append(query.min_rating)
    # Σ weight of the held skills: one containment test per weighted skill (cheaper per row
    # than an unnest subquery; intarray's icount would need an extension).
    weighted = sorted(query.weights.items())
    weight = " + ".join(f"(skill_ids @> ARRAY[%s]::int[])::int * {int(w)}" for _s, w in weighted)
    order_params: list[Any] = [s for s, _w in weighted]
    # Only fixed SQL fragments are joined here; every value is a bound parameter.
    sql = (
        f"WITH top AS (SELECT profile_id, ({weight}) AS w FROM matching_profileskillset "  # noqa: S608
        f"WHERE {' AND '.join(where)} ORDER BY w DESC, profile_id LIMIT %s) "
        # The text is not needed to score (the document carries its term frequencies).
        "SELECT p.profile_id, p.doc - 'text' FROM top "
        "JOIN matching_indexedprofile p USING (profile_id) "
        "ORDER BY top.w DESC, top.profile_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*order_params, *params, limit])
        rows = cursor.fetchall()
    return [doc if isinstance(doc, dict) else json.loads(doc) for _pk, doc in rows]


def _text_filter(qs: QuerySet[Any], q: str) -> QuerySet[Any]:
    if not q.strip():
        return qs
    if _is_postgres():
        query = SearchQuery(q, config=FTS_CONFIG, search_type="websearch")
        return (
            qs.filter(search_vector=query)
            .annotate(rank=SearchRank("search_vector", query))
            .order_by("-rank", "pk")
        )
    for word in terms(q) or {q.strip()}:
        qs = qs.filter(text__icontains=word)
    return qs


def _count_facet(qs: QuerySet[Any], column: str) -> list[dict[str, Any]]:
    rows = (
        qs.order_by()
        .exclude(**{column: ""})
        .values(column)
        .annotate(n=Count("pk"))
        .order_by("-n", column)[:FACET_SIZE]
    )
    return [{"value": row[column], "count": row["n"]} for row in rows]


def _language_facet(qs: QuerySet[Any]) -> list[dict[str, Any]]:
    counts: Counter[str] = Counter()
    for value in qs.order_by().values_list("languages", flat=True).iterator(chunk_size=2000):
        counts.update(code for code in value.split(",") if code)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:FACET_SIZE]
    return [{"value": code, "count": n} for code, n in ranked]


def _skill_facet(skill_model: Any, entries: QuerySet[Any]) -> list[dict[str, Any]]:
    rows = (
        skill_model.objects.filter(entry__in=entries.order_by().values("pk"))
        .values("skill_id")
        .annotate(n=Count("id"))
        .order_by("-n", "skill_id")[:FACET_SIZE]
    )
    return [{"value": row["skill_id"], "count": row["n"]} for row in rows]


def _all_skills_q(skill_model: Any, skill_ids: list[int]) -> Q:
    having = (
        skill_model.objects.filter(skill_id__in=skill_ids)
        .values("entry_id")
        .annotate(n=Count("id"))
        .filter(n=len(set(skill_ids)))
        .values("entry_id")
    )
    return Q(pk__in=having)


class DatabaseBackend(MatchingBackend):
    name = "database"

    # --- writing -------------------------------------------------------------------------
    def index_profiles(self, *, docs: list[Doc]) -> None:
        if not docs:
            return
        with transaction.atomic():
            ids = [d["id"] for d in docs]
            IndexedProfileSkill.objects.filter(entry_id__in=ids).delete()
            rows = [
                IndexedProfile(
                    profile_id=d["id"],
                    user_id=d["user_id"],
                    country=d["country"],
                    currency=d["currency"],
                    hourly_rate_minor=d["rate"],
                    hours_per_week=d["hours_per_week"],
                    available_from=dt.date.fromisoformat(d["available_from"])
                    if d["available_from"]
                    else None,
                    languages=_langs(d["languages"]),
                    completed_contracts=d["completed_contracts"],
                    rating_hundredths=rating_hundredths(d),
                    rating_count=d.get("rating_count", 0),
                    last_active=dt.datetime.fromisoformat(d["last_active"]),
                    text=d["text"],
                    doc=d,
                )
                for d in docs
            ]
            fields = [f.name for f in IndexedProfile._meta.concrete_fields if not f.primary_key]
            fields.remove("search_vector")
            IndexedProfile.objects.bulk_create(
                rows, update_conflicts=True, unique_fields=["profile"], update_fields=fields
            )
            IndexedProfileSkill.objects.bulk_create(
                [
                    IndexedProfileSkill(entry_id=d["id"], skill_id=int(s))
                    for d in docs
                    for s in d["skills"]
                ]
            )
            if _is_postgres():
                with connection.cursor() as cursor:
                    cursor.execute(_FILL_SEARCH_VECTOR, [ids])
                    cursor.execute(_FILL_SKILL_SET, [ids])

    def delete_profiles(self, *, ids: list[int]) -> None:
        IndexedProfile.objects.filter(pk__in=ids).delete()
        if _is_postgres():
            with connection.cursor() as cursor:
                cursor.execute(
                    "DELETE FROM matching_profileskillset WHERE profile_id = ANY(%s)", [ids]
                )

    def index_gigs(self, *, docs: list[Doc]) -> None:
        if not docs:
            return
        with transaction.atomic():
            ids = [d["id"] for d in docs]
            IndexedGigSkill.objects.filter(entry_id__in=ids).delete()
            rows = [
                IndexedGig(
                    gig_id=d["id"],
                    firm_id=d["firm_id"],
                    country=d["country"],
                    currency=d["currency"],
                    budget_min_minor=d["budget_min"],
                    budget_max_minor=d["budget_max"],
                    engagement_type=d["engagement_type"],
                    location_type=d["location_type"],
                    languages=_langs(d["languages"]),
                    published_at=dt.datetime.fromisoformat(d["published_at"])
                    if d["published_at"]
                    else None,
                    text=d["text"],
                    doc=d,
                )
                for d in docs
            ]
            fields = [f.name for f in IndexedGig._meta.concrete_fields if not f.primary_key]
            fields.remove("search_vector")
            IndexedGig.objects.bulk_create(
                rows, update_conflicts=True, unique_fields=["gig"], update_fields=fields
            )
            IndexedGigSkill.objects.bulk_create(
                [
                    IndexedGigSkill(entry_id=d["id"], skill_id=s, required=True)
                    for d in docs
                    for s in d["required"]
                ]
                + [
                    IndexedGigSkill(entry_id=d["id"], skill_id=s, required=False)
                    for d in docs
                    for s in d["nice"]
                ]
            )
            if _is_postgres():
                IndexedGig.objects.filter(pk__in=ids).update(
                    search_vector=SearchVector("text", config=FTS_CONFIG)
                )

    def delete_gigs(self, *, ids: list[int]) -> None:
        IndexedGig.objects.filter(pk__in=ids).delete()

    def indexed_ids(self, *, kind: str) -> set[int]:
        model = IndexedProfile if kind == "profile" else IndexedGig
        return set(model.objects.values_list("pk", flat=True))

    def reset(self) -> None:
        IndexedProfile.objects.all().delete()
        if _is_postgres():
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM matching_profileskillset")
        IndexedGig.objects.all().delete()

    # --- reading -------------------------------------------------------------------------
    def profile_candidates(
        self, *, query: SkillQuery, exclude_user_ids: set[int], limit: int
    ) -> list[Doc]:
        if not query.weights:
            return []
        if _is_postgres():
            return _pg_profile_candidates(query, exclude_user_ids, limit)
        # Portable path: the skill rows of every profile holding a weighted skill, the rule and
        # the order applied in Python (fine at embedded scale; PostgreSQL does it in SQL).
        held: dict[int, set[int]] = {}
        rows = IndexedProfileSkill.objects.filter(skill_id__in=list(query.weights))
        for entry_id, skill_id in rows.values_list("entry_id", "skill_id").iterator():
            held.setdefault(entry_id, set()).add(skill_id)
        entries = IndexedProfile.objects.filter(pk__in=held)
        if query.min_rating is not None:
            entries = entries.filter(rating_hundredths__gte=query.min_rating)
        owners = dict(entries.values_list("pk", "user_id"))
        ranked = sorted(
            (
                (-query.weight(skills), entry)
                for entry, skills in held.items()
                if entry in owners
                and owners[entry] not in exclude_user_ids
                and query.eligible(skills)
            )
        )[:limit]
        ids = [entry for _w, entry in ranked]
        docs = dict(IndexedProfile.objects.filter(pk__in=ids).values_list("pk", "doc"))
        return [docs[i] for i in ids if i in docs]

    def gig_candidates(
        self, *, weights: dict[int, int], exclude_firm_ids: set[int], limit: int
    ) -> list[Doc]:
        ids = _ranked_entries(IndexedGigSkill, weights, limit)
        docs = dict(IndexedGig.objects.filter(pk__in=ids).values_list("pk", "doc"))
        return [docs[i] for i in ids if i in docs and docs[i]["firm_id"] not in exclude_firm_ids]

    def search_profiles(self, *, filters: ProfileFilters, limit: int) -> SearchResult:
        qs: QuerySet[IndexedProfile] = IndexedProfile.objects.order_by("-last_active", "pk")
        if filters.skills:
            qs = qs.filter(_all_skills_q(IndexedProfileSkill, filters.skills))
        if filters.currency:
            qs = qs.filter(currency=filters.currency)
        if filters.rate_min is not None:
            qs = qs.filter(hourly_rate_minor__gte=filters.rate_min)
        if filters.rate_max is not None:
            qs = qs.filter(hourly_rate_minor__lte=filters.rate_max)
        for code in filters.languages:
            qs = qs.filter(languages__contains=f",{code},")
        if filters.countries:
            qs = qs.filter(country__in=filters.countries)
        if filters.min_hours_per_week is not None:
            qs = qs.filter(hours_per_week__gte=filters.min_hours_per_week)
        if filters.available_by is not None:
            qs = qs.filter(
                Q(available_from__isnull=True) | Q(available_from__lte=filters.available_by)
            )
        if filters.min_completed_contracts is not None:
            qs = qs.filter(completed_contracts__gte=filters.min_completed_contracts)
        if filters.min_rating is not None:
            qs = qs.filter(rating_hundredths__gte=filters.min_rating)
        qs = _text_filter(qs, filters.q)
        facets = {
            "skills": _skill_facet(IndexedProfileSkill, qs),
            "country": _count_facet(qs, "country"),
            "currency": _count_facet(qs, "currency"),
            "languages": _language_facet(qs),
        }
        docs = list(qs.values_list("doc", flat=True)[:limit])
        return SearchResult(docs=docs, total=qs.count(), facets=facets)

    def search_gigs(self, *, filters: GigFilters, limit: int) -> SearchResult:
        qs: QuerySet[IndexedGig] = IndexedGig.objects.order_by("-published_at", "pk")
        if filters.skills:
            qs = qs.filter(_all_skills_q(IndexedGigSkill, filters.skills))
        if filters.currency:
            qs = qs.filter(currency=filters.currency)
        if filters.budget_min is not None:
            qs = qs.filter(budget_max_minor__gte=filters.budget_min)
        if filters.budget_max is not None:
            qs = qs.filter(budget_min_minor__lte=filters.budget_max)
        for code in filters.languages:
            qs = qs.filter(languages__contains=f",{code},")
        if filters.countries:
            qs = qs.filter(country__in=filters.countries)
        if filters.engagement_types:
            qs = qs.filter(engagement_type__in=filters.engagement_types)
        if filters.location_types:
            qs = qs.filter(location_type__in=filters.location_types)
        qs = _text_filter(qs, filters.q)
        facets = {
            "skills": _skill_facet(IndexedGigSkill, qs),
            "engagement_type": _count_facet(qs, "engagement_type"),
            "currency": _count_facet(qs, "currency"),
            "country": _count_facet(qs, "country"),
            "languages": _language_facet(qs),
        }
        docs = list(qs.values_list("doc", flat=True)[:limit])
        return SearchResult(docs=docs, total=qs.count(), facets=facets)
