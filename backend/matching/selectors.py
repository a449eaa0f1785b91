"""The three ways in: freelancers for a gig, gigs for a freelancer, and filtered search.

Each asks the current backend for candidates, then ranks them with `matching.scoring` — the
same formula whatever the backend. If Elasticsearch fails mid-request, the read is retried on
the database backend (degraded mode) instead of failing.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection
from django.db.models import F, OuterRef, QuerySet, Value
from django.db.models.functions import Concat, JSONObject
from django.utils import timezone

from marketplace.firms.models import FirmMembership
from marketplace.gigs.models import Gig, GigLanguage, GigSkill
from marketplace.gigs.selectors import gig_get_of_my_firms
from marketplace.profiles.models import FreelancerProfile
from marketplace.skills.models import Skill
from matching import backends
from matching.backends.base import (
    MATCH_CANDIDATE_LIMIT,
    SEARCH_CANDIDATE_LIMIT,
    Doc,
    GigFilters,
    MatchingBackend,
    ProfileFilters,
    SkillQuery,
)
from matching.documents import GIG_DOC_FIELDS, gig_document, gig_document_of_row, profile_documents
from matching.scoring import (
    Pool,
    Reason,
    Scored,
    rank_pool,
    score_pair,
    terms,
    text_relevance,
    tokens,
)

T = TypeVar("T")

# Candidate weights: a required skill counts 3, a nice-to-have or a related skill 1.
WEIGHT_REQUIRED, WEIGHT_OTHER = 3, 1


@dataclass
class Hit:
    doc: Doc
    score: float
    reasons: list[Reason] = field(default_factory=list)


@dataclass
class Ranked:
    hits: list[Hit]
    total: int
    facets: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    backend: str = "database"


def _read(call: Callable[[MatchingBackend], T]) -> tuple[T, str]:
    backend = backends.get_backend()
    if backend.name == "database":
        return call(backend), backend.name
    try:
        return call(backend), backend.name
    except Exception as exc:  # any transport or server failure degrades, never a 500
        backends.mark_down(exc)
        fallback = backends.database_backend()
        return call(fallback), fallback.name


def related_map(*, skill_ids: set[int]) -> dict[int, set[int]]:
    """Each skill's related skills (the taxonomy's symmetric links)."""
    through = Skill.related.through
    related: dict[int, set[int]] = {}
    rows = through.objects.filter(from_skill_id__in=skill_ids).values_list(
        "from_skill_id", "to_skill_id"
    )
    for a, b in rows:
        related.setdefault(a, set()).add(b)
    return related


def _min_coverage() -> float:
    return float(getattr(settings, "MATCHING_MIN_REQUIRED_COVERAGE", 0.5))


def _rank(
    gig: Doc,
    docs: list[Doc],
    *,
    related: dict[int, set[int]],
    query_terms: frozenset[str] | None = None,
    min_coverage: float | None = None,
) -> list[tuple[Doc, Scored]]:
    return rank_pool(
        gig=gig,
        docs=docs,
        related=related,
        now=timezone.now(),
        min_coverage=_min_coverage() if min_coverage is None else min_coverage,
        query_terms=query_terms,
    )


def _gig_document_rows(*, gig_id: int, user_id: int) -> QuerySet[Gig, dict[str, Any]]:
    skill_refs = (
        GigSkill.objects.filter(gig_id=OuterRef("pk"), skill__is_active=True)
        .order_by("-is_required", "skill__slug")  # GigSkill's ordering, as gig_document
        .values(
            ref=JSONObject(
                id="skill_id",
                required="is_required",
                labels=Concat(
                    "skill__label_en", Value(" "), "skill__label_de", Value(" "), "skill__label_fr"
                ),
            )
        )
    )
    return Gig.objects.filter(
        pk=gig_id, firm_id__in=FirmMembership.objects.filter(user_id=user_id).values("firm_id")
    ).values(
        *GIG_DOC_FIELDS,
        tz=F("firm__time_zone"),
        work_start=F("firm__working_hours_start"),
        work_end=F("firm__working_hours_end"),
        language_codes=ArraySubquery(
            GigLanguage.objects.filter(gig_id=OuterRef("pk")).values("code")
        ),
        skill_refs=ArraySubquery(skill_refs),
    )


# Two ids no row has: the query is compiled once with them, and run with the caller's.
_GIG_ID, _USER_ID = -7_000_000_001, -7_000_000_002


@functools.cache
def _gig_document_sql() -> tuple[str, tuple[Any, ...], tuple[str, ...]]:
    """The lookup's SQL, parameters and column names. Compiling it (two array subqueries, a
    JSON object) cost more CPU than everything else in a cached match read."""
    rows = _gig_document_rows(gig_id=_GIG_ID, user_id=_USER_ID)
    sql, params = rows.query.sql_with_params()
    names = (*GIG_DOC_FIELDS, *rows.query.annotation_select)
    return sql, tuple(params), names


def gig_match_document_of_my_firms(*, gig_id: int, user: Any) -> Doc | None:
    """The gig's document when the gig belongs to one of the user's firms (in any state),
    else None: one query on PostgreSQL, the membership check included."""
    if not getattr(user, "is_authenticated", False):
        return None
    if connection.vendor != "postgresql":  # embedded mode (SQLite): no array subqueries
        gig = gig_get_of_my_firms(gig_id=gig_id, user=user)
        return None if gig is None else gig_document(gig=gig)
    sql, params, names = _gig_document_sql()
    ids = {_GIG_ID: gig_id, _USER_ID: user.pk}
    with connection.cursor() as cursor:
        cursor.execute(sql, [ids.get(p, p) if isinstance(p, int) else p for p in params])
        found = cursor.fetchone()
    if found is None:
        return None
    row = dict(zip(names, found, strict=True))
    # Django's own loaders are not applied to a raw cursor: its psycopg returns JSON as text.
    row["skill_refs"] = [
        json.loads(ref) if isinstance(ref, str) else ref for ref in row["skill_refs"]
    ]
    return gig_document_of_row(row)


def match_freelancers_for_gig(
    *, gig: Gig, limit: int = 100, min_rating: int | None = None
) -> Ranked:
    """Public profiles ranked for `gig`, members of the gig's own firm left out; with
    `min_rating` (average × 100) only profiles rated at least that."""
    return match_freelancers_for_gig_document(
        doc=gig_document(gig=gig), limit=limit, min_rating=min_rating
    )


def match_freelancers_for_gig_document(
    *, doc: Doc, limit: int = 100, min_rating: int | None = None
) -> Ranked:
    """`match_freelancers_for_gig` for the gig's document (`gig_match_document_of_my_firms`)."""
    wanted = set(doc["required"]) | set(doc["nice"])
    related = related_map(skill_ids=wanted)
    weights: dict[int, int] = {}
    for skill_id in wanted:
        for other in related.get(skill_id, set()):
            weights[other] = max(weights.get(other, 0), WEIGHT_OTHER)
    for skill_id in doc["nice"]:
        weights[skill_id] = WEIGHT_OTHER
    for skill_id in doc["required"]:
        weights[skill_id] = WEIGHT_REQUIRED
    members = set(
        FirmMembership.objects.filter(firm_id=doc["firm_id"]).values_list("user_id", flat=True)
    )
    query = SkillQuery(
        weights=weights,
        required=doc["required"],
        related=related,
        min_coverage=_min_coverage(),
        min_rating=min_rating,
    )
    docs, name = _read(
        lambda b: b.profile_candidates(
            query=query, exclude_user_ids=members, limit=MATCH_CANDIDATE_LIMIT
        )
    )
    ranked = _rank(doc, docs, related=related)
    hits = [Hit(doc=d, score=s.score, reasons=s.reasons) for d, s in ranked[:limit]]
    return Ranked(hits=hits, total=len(ranked), backend=name)


def match_gigs_for_profile(*, profile: FreelancerProfile, limit: int = 100) -> Ranked:
    """Open gigs ranked for the freelancer (their own firms' gigs left out)."""
    # A draft profile is scored as it would be once public, so its owner can preview the feed.
    pdoc = profile_documents(profile_ids=[profile.id], public_only=False)[profile.id]
    have = {int(s) for s in pdoc["skills"]}
    related = related_map(skill_ids=have)
    weights = {other: WEIGHT_OTHER for s in have for other in related.get(s, set())}
    weights.update(dict.fromkeys(have, WEIGHT_REQUIRED))
    firms = set(
        FirmMembership.objects.filter(user_id=profile.user_id).values_list("firm_id", flat=True)
    )
    docs, name = _read(
        lambda b: b.gig_candidates(
            weights=weights, exclude_firm_ids=firms, limit=MATCH_CANDIDATE_LIMIT
        )
    )
    gig_skills = {s for d in docs for s in d["required"] + d["nice"]}
    related = related_map(skill_ids=gig_skills)
    now = timezone.now()
    # The profile is the one document; each gig is a query. BM25 takes its document
    # frequencies from the candidate gigs (the pool of this request).
    tfs = [tokens(d["text"]) for d in docs]
    pool = Pool.of(docs, tfs)
    mine = tokens(pdoc["text"])
    raw = [pool.bm25(terms(d["text"]), mine) for d in docs]
    best = max(raw, default=0.0) or 1.0
    scored = []
    for gdoc, relevance in zip(docs, raw, strict=True):
        result = score_pair(
            gig=gdoc,
            profile=pdoc,
            related=related,
            now=now,
            text=relevance / best,
            min_coverage=_min_coverage(),
        )
        if result is not None:
            scored.append((gdoc, result))
    scored.sort(key=lambda pair: (-pair[1].score, pair[0]["id"]))
    hits = [Hit(doc=d, score=s.score, reasons=s.reasons) for d, s in scored[:limit]]
    return Ranked(hits=hits, total=len(scored), backend=name)


@dataclass
class WorkingWindow:
    tz: str
    start: int  # minutes after local midnight
    end: int
    min_hours: float


def search_freelancers(
    *, filters: ProfileFilters, window: WorkingWindow | None = None, limit: int = 100
) -> Ranked:
    """Profiles passing every filter, ranked by the match score against the query itself."""
    result, name = _read(lambda b: b.search_profiles(filters=filters, limit=SEARCH_CANDIDATE_LIMIT))
    query_gig: Doc = {
        "required": list(filters.skills),
        "nice": [],
        "text": filters.q,
        "engagement_type": "hourly",
        "budget_min": filters.rate_min or 0,
        "budget_max": filters.rate_max if filters.rate_max is not None else 10**12,
        "currency": filters.currency,
        "hours_per_week": filters.min_hours_per_week,
        "duration_weeks": None,
        "start_date": filters.available_by.isoformat() if filters.available_by else None,
        "languages": list(filters.languages),
        "tz": window.tz if window else None,
        "work_start": window.start if window else 0,
        "work_end": window.end if window else 0,
        "overlap_hours": window.min_hours if window else 0,
    }
    ranked = _rank(
        query_gig,
        result.docs,
        related=related_map(skill_ids=set(filters.skills)),
        query_terms=terms(filters.q),
        min_coverage=0.0,
    )
    total = result.total
    if window is not None:
        kept = [(d, s) for d, s in ranked if _overlap_of(s) >= window.min_hours]
        total -= len(ranked) - len(kept)
        ranked = kept
    if not filters.currency:  # no budget to compare: drop the neutral rate reason noise
        for _doc, scored in ranked:
            scored.reasons = [r for r in scored.reasons if not r.code.startswith("rate_")]
    hits = [Hit(doc=d, score=s.score, reasons=s.reasons) for d, s in ranked[:limit]]
    return Ranked(hits=hits, total=total, facets=result.facets, backend=name)


def _overlap_of(scored: Scored) -> float:
    for reason in scored.reasons:
        if reason.code == "overlap":
            return float(reason.params["hours"])
    return 24.0


def search_gigs(*, filters: GigFilters, limit: int = 100) -> Ranked:
    """Open gigs passing every filter: text relevance first, then the newest."""
    result, name = _read(lambda b: b.search_gigs(filters=filters, limit=SEARCH_CANDIDATE_LIMIT))
    qterms = terms(filters.q)
    relevance = {d["id"]: text_relevance(qterms, d["text"]) for d in result.docs}

    def key(d: Doc) -> tuple[float, float, int]:
        published = (
            dt.datetime.fromisoformat(d["published_at"]).timestamp() if d["published_at"] else 0
        )
        return (-relevance[d["id"]], -published, -d["id"])

    docs = sorted(result.docs, key=key)
    hits = [Hit(doc=d, score=round(100 * relevance[d["id"]], 3)) for d in docs[:limit]]
    return Ranked(hits=hits, total=result.total, facets=result.facets, backend=name)
